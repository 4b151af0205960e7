"""The plain, immutable records that flow through the pipeline.

``ingest`` makes :class:`Article` objects, ``summarize`` turns each into a
:class:`Summary`, ``compare`` derives a :class:`Comparison`, and a
:class:`Brief` bundles them for the renderers.  Nothing here does work beyond
cheap derived views, so every record serialises to JSON as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from briefing.evidence import Citation as Citation
from briefing.evidence import Figure as Figure
from briefing.evidence import FigureConflict as FigureConflict
from briefing.evidence import FigureSeries as FigureSeries
from briefing.evidence import FigureValue as FigureValue
from briefing.evidence import sentence_anchor as sentence_anchor


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article body, with its position for provenance."""

    text: str
    paragraph: int
    index: int


@dataclass(frozen=True)
class Article:
    """A cleaned article: body paragraphs plus what is known about it.

    Unknown metadata stays ``None`` or empty; it is never guessed.
    """

    id: str
    source: str
    title: str
    paragraphs: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | date | None = None
    author_notes: tuple[str, ...] = ()
    url: str | None = None
    removed: tuple[str, ...] = field(default=(), repr=False, compare=False)
    label: str = ""
    """How the brief names this article, unique within it ("Metro Daily, 1 June 2023")."""

    @property
    def name(self) -> str:
        """The label, or the outlet or title before labels are given."""
        return self.label or self.outlet or self.title

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)

    @property
    def published_date(self) -> date | None:
        """The publication day, whether a time was given or not."""
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


@dataclass(frozen=True)
class Point:
    """A sentence chosen for a summary, traceable to its source sentence."""

    text: str
    article_id: str
    paragraph: int
    sentence: int
    score: float = 0.0
    verified: bool = True
    unsupported: tuple[str, ...] = ()
    """Numbers, dates or names in a generated sentence that its article never states."""

    @property
    def anchor(self) -> str:
        return sentence_anchor(self.article_id, self.sentence)


@dataclass(frozen=True)
class Summary:
    """The condensed form of one article."""

    article_id: str
    points: tuple[Point, ...]
    engine: str

    @property
    def text(self) -> str:
        return " ".join(point.text for point in self.points)


@dataclass(frozen=True)
class Span:
    """The time between two dated articles, in calendar units."""

    years: int
    months: int
    days: int


@dataclass(frozen=True)
class TimelineEntry:
    article_id: str
    published: date | None
    gap_from_previous: Span | None = None


@dataclass(frozen=True)
class Chronology:
    """Articles in date order; undated ones listed apart, never placed by guess."""

    entries: tuple[TimelineEntry, ...]
    undated: tuple[str, ...]
    span: Span | None


@dataclass(frozen=True)
class Theme:
    """A point several articles make: a short noun-phrase label, then the sentences.

    ``points`` holds one sentence per article; the first is the theme's most
    central sentence, the others each article's supporting sentence in reading order.
    """

    label: str
    keywords: tuple[str, ...]
    points: tuple[Point, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(point.article_id for point in self.points))

    @property
    def central(self) -> Point:
        return self.points[0]


@dataclass(frozen=True)
class Term:
    """A word only the later coverage of a theme uses, with the sentences that use it."""

    term: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Tone:
    """Mean VADER compound score (-1 to 1) of a theme's sentences, earliest and latest.

    ``earlier_point`` and ``later_point`` are the sentences that show the change best.
    """

    earlier: float
    later: float
    earlier_point: Point
    later_point: Point

    @property
    def change(self) -> str:
        """'more positive', 'more negative' or 'similar', as the brief says it."""
        delta = self.later - self.earlier
        if delta >= TONE_STEP:
            return "more positive"
        if delta <= -TONE_STEP:
            return "more negative"
        return "similar"


TONE_STEP = 0.2
"""A change in mean compound score smaller than this is reported as a similar tone."""


@dataclass(frozen=True)
class FramingShift:
    """How coverage of one theme moved from the earliest to the latest dated article.

    ``new_terms`` are words only coverage after the earliest date uses; ``tone``
    is how the tone moved; ``undated`` names the theme's articles that could
    not be placed. ``series`` are the figures tracked over time whose values
    this theme's sentences state (the same records as in ``Comparison.series``).
    """

    theme: str
    earlier: Point
    later: Point
    earlier_terms: tuple[str, ...]
    later_terms: tuple[str, ...]
    new_terms: tuple[Term, ...] = ()
    tone: Tone | None = None
    undated: tuple[str, ...] = ()
    series: tuple[FigureSeries, ...] = ()

    @property
    def term_points(self) -> tuple[Point, ...]:
        """The sentences that use the new terms, each once, in the terms' order."""
        return tuple(dict.fromkeys(p for term in self.new_terms for p in term.points))


@dataclass(frozen=True)
class Duplicate:
    """An article that repeats another one and was left out of the comparison."""

    article_id: str
    duplicate_of: str
    similarity: float


@dataclass(frozen=True)
class Position:
    """One side of a debate between pieces near in time, with its author's affiliation."""

    article_id: str
    stance: str  # "for" or "against": the tone of all its sentences on the theme
    point: Point
    theme: str
    author: str = ""
    affiliation: str = ""


@dataclass(frozen=True)
class BottomLine:
    """What the bottom line states, each finding with its evidence; a template writes the words.

    ``what``: the point most articles share (``agreed`` names them, ``points`` are its
    sentences); ``who``, ``where``, ``when``: names the parser found in two or more articles'
    sentences. ``change``: the main figure that moved; else ``shift``: what later coverage adds.
    """

    what: str = ""
    agreed: tuple[str, ...] = ()
    total: int = 0
    points: tuple[Point, ...] = ()
    who: tuple[str, ...] = ()
    where: tuple[str, ...] = ()
    when: tuple[str, ...] = ()
    disagreement: FigureConflict | None = None
    positions: tuple[Position, ...] = ()
    change: FigureSeries | None = None
    shift: FramingShift | None = None


@dataclass(frozen=True)
class Comparison:
    """Everything the brief says across articles."""

    overview: tuple[Point, ...]
    chronology: Chronology
    themes: tuple[Theme, ...]
    unique: tuple[Point, ...]
    framing: tuple[FramingShift, ...]
    figures: tuple[Figure, ...]
    citations: tuple[Citation, ...]
    duplicates: tuple[Duplicate, ...]
    series: tuple[FigureSeries, ...] = ()
    conflicts: tuple[FigureConflict, ...] = ()
    bottom_line: BottomLine = BottomLine()
    positions: tuple[Position, ...] = ()

    @property
    def possible(self) -> bool:
        """Whether there were at least two distinct articles to compare."""
        return (
            len(self.chronology.entries) + len(self.chronology.undated) - len(self.duplicates) >= 2
        )


@dataclass(frozen=True)
class Skipped:
    """An input that was not used, and why; ``junk`` when it held no article at all."""

    source: str
    reason: str
    junk: bool = False


@dataclass(frozen=True)
class AudioChapter:
    """A chapter of the audio brief, in seconds from the start."""

    title: str
    start: float
    end: float


@dataclass(frozen=True)
class Cue:
    """One spoken sentence and when it is heard; ``host`` is 1 or 2."""

    start: float
    end: float
    text: str
    host: int = 1


@dataclass(frozen=True)
class Audio:
    """The recorded brief, as the written brief links to it (paths relative to it)."""

    path: str
    mime: str
    duration: float
    chapters: tuple[AudioChapter, ...]
    cues: tuple[Cue, ...]
    transcript: str | None = None


@dataclass(frozen=True)
class Brief:
    """The finished comparative brief, ready to render."""

    title: str
    created: datetime
    articles: tuple[Article, ...]
    summaries: tuple[Summary, ...]
    comparison: Comparison
    summarizer: str
    skipped: tuple[Skipped, ...] = ()
    audio: Audio | None = None
    schema_version: int = 3

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)
