"""Templates cannot fail at run time: random but valid briefs render in every format.

Hypothesis builds :class:`Brief` records with every optional part present or
absent (undated articles among dated ones, one article, no figures, no sources,
duplicates, conflicts, series, framing with or without tone and terms, audio or
none) and fields of hostile text (markup, control and bidi characters, long
words), then renders HTML, Markdown, text, JSON, the narration script and the
email; the PDF on a few examples, since typesetting is slow. The branch that
failed (``brief.txt.j2:106: No filter named 'extract'``) needs only an undated
article in a framing shift.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.models import (
    Article,
    Audio,
    AudioChapter,
    Brief,
    Chronology,
    Citation,
    Comparison,
    Cue,
    Duplicate,
    Figure,
    FigureConflict,
    FigureSeries,
    FigureValue,
    FramingShift,
    Point,
    Sentence,
    Span,
    Summary,
    Term,
    Theme,
    TimelineEntry,
    Tone,
)
from briefing.render import render
from briefing.render.templates import Templates

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[x](javascript:alert(1))",
    "\x1b[31mred\x1b[0m",
    "\u202eevil\u202c",
    "\u2066isolate\u2069",
    "bell\x07",
    "line\nbreak\r\n## Fake chapter",
    "& < > ' \" ` * _ | ~",
    "x" * 300,
    "",
]
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))
words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30)
day = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
span = st.builds(Span, st.integers(0, 30), st.integers(0, 11), st.integers(0, 30))
DISPLAY_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


@st.composite
def articles(draw: st.DrawFn) -> tuple[Article, ...]:
    count = draw(st.integers(1, 4))
    made = []
    for n in range(count):
        paragraphs = tuple(draw(st.lists(words, min_size=1, max_size=3)))
        sentences = tuple(Sentence(p, i, i) for i, p in enumerate(paragraphs))
        published = draw(st.one_of(st.none(), day, st.datetimes(min_value=datetime(1990, 1, 1))))
        made.append(
            Article(
                id=f"a{n + 1}",
                source=draw(st.sampled_from([f"doc{n}.txt", "https://example.org/x", "<b>"])),
                title=draw(text),
                paragraphs=paragraphs,
                sentences=sentences,
                outlet=draw(st.one_of(st.none(), text)),
                authors=tuple(draw(st.lists(text, max_size=2))),
                published=published,
                author_notes=tuple(draw(st.lists(text, max_size=1))),
                url=draw(st.one_of(st.none(), st.sampled_from(["javascript:x", "https://a.b/"]))),
                label=draw(st.one_of(st.just(""), text)) + f" #{n}",
            )
        )
    return tuple(made)


def points(draw: st.DrawFn, chosen: tuple[Article, ...], size: int) -> tuple[Point, ...]:
    found = []
    for _ in range(draw(st.integers(0, size))):
        article = draw(st.sampled_from(chosen))
        sentence = draw(st.sampled_from(article.sentences))
        found.append(
            Point(
                sentence.text,
                article.id,
                sentence.paragraph,
                sentence.index,
                0.5,
                draw(st.booleans()),
            )
        )
    return tuple(found)


def _first(draw: st.DrawFn, chosen: tuple[Article, ...]) -> Point:
    article = draw(st.sampled_from(chosen))
    sentence = article.sentences[0]
    return Point(sentence.text, article.id, sentence.paragraph, sentence.index)


def values(draw: st.DrawFn, chosen: tuple[Article, ...]) -> tuple[FigureValue, ...]:
    made = []
    for _ in range(draw(st.integers(2, 3))):
        article = draw(st.sampled_from(chosen))
        made.append(
            FigureValue(
                draw(text) or "5%",
                draw(st.floats(-1e6, 1e6, allow_nan=False)),
                article.id,
                0,
                draw(text),
                draw(st.one_of(st.none(), day)),
                draw(st.sampled_from(["", "forecast", "outcome"])),
            )
        )
    return tuple(made)


@st.composite
def comparisons(draw: st.DrawFn, chosen: tuple[Article, ...]) -> Comparison:
    dated = [a for a in chosen if a.published_date is not None]
    entries = tuple(
        TimelineEntry(a.id, a.published_date, draw(st.one_of(st.none(), span)) if i else None)
        for i, a in enumerate(dated)
    )
    undated = tuple(a.id for a in chosen if a.published_date is None)
    themes = tuple(
        Theme(
            draw(text) or "theme",
            tuple(draw(st.lists(text, max_size=2))),
            (_first(draw, chosen), *points(draw, chosen, 2)),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    series = tuple(
        FigureSeries(
            draw(text),
            draw(text),
            values(draw, chosen),
            draw(st.sampled_from(["", "rose", "fell"])),
            tuple(t.label for t in themes[:1]),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    framing = tuple(
        FramingShift(
            draw(text),
            _first(draw, chosen),
            _first(draw, chosen),
            (),
            (),
            tuple(
                Term(draw(text) or "term", points(draw, chosen, 2))
                for _ in range(draw(st.integers(0, 2)))
            ),
            draw(
                st.one_of(
                    st.none(),
                    st.builds(
                        Tone,
                        st.floats(-1, 1),
                        st.floats(-1, 1),
                        st.just(_first(draw, chosen)),
                        st.just(_first(draw, chosen)),
                    ),
                )
            ),
            tuple(draw(st.lists(st.sampled_from(undated), max_size=2, unique=True)))
            if undated
            else (),
            series[:1],
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    figures = tuple(
        Figure(
            draw(st.sampled_from(["number", "percent", "money", "date"])),
            draw(text),
            a.id,
            0,
            draw(text),
        )
        for a in chosen
        if draw(st.booleans())
    )
    citations = tuple(
        Citation(
            draw(text) or "Poll",
            draw(st.sampled_from(["poll", "institution", "person"])),
            a.id,
            0,
            draw(text),
        )
        for a in chosen
        if draw(st.booleans())
    )
    duplicates = (
        (Duplicate(chosen[-1].id, chosen[0].id, 0.97),)
        if len(chosen) > 2 and draw(st.booleans())
        else ()
    )
    conflicts = tuple(
        FigureConflict(
            draw(text), draw(text), draw(st.one_of(st.none(), day)), values(draw, chosen)
        )
        for _ in range(draw(st.integers(0, 1)))
    )
    return Comparison(
        overview=points(draw, chosen, 3),
        chronology=Chronology(
            entries, undated, draw(st.one_of(st.none(), span)) if len(entries) > 1 else None
        ),
        themes=themes,
        unique=points(draw, chosen, 2),
        framing=framing,
        figures=figures,
        citations=citations,
        duplicates=duplicates,
        series=series,
        conflicts=conflicts,
    )


@st.composite
def briefs(draw: st.DrawFn) -> Brief:
    chosen = draw(articles())
    summaries = tuple(Summary(a.id, points(draw, (a,), 3), "extractive") for a in chosen)
    audio = draw(
        st.one_of(
            st.none(),
            st.builds(
                Audio,
                st.sampled_from(["audio/x.mp3", "<x>.mp3"]),
                st.just("audio/mpeg"),
                st.floats(0, 10_000),
                st.lists(
                    st.builds(AudioChapter, text, st.floats(0, 10), st.floats(10, 20)), max_size=2
                ).map(tuple),
                st.lists(st.builds(Cue, st.floats(0, 10), st.floats(10, 20), text), max_size=2).map(
                    tuple
                ),
                st.one_of(st.none(), st.just("audio/x.vtt")),
            ),
        )
    )
    return Brief(
        title=draw(text),
        created=datetime(2026, 1, 2, 3, 4, 5),
        articles=chosen,
        summaries=summaries,
        comparison=draw(comparisons(chosen)),
        summarizer="extractive",
        audio=audio,
    )


@pytest.mark.slow  # about a second an example on a busy machine
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(briefs())
def test_every_format_renders_any_valid_brief(brief: Brief) -> None:
    from briefing.render.formats.eml import Mail, compose

    documents = render(brief, ["html", "md", "txt", "json", "script"])
    for name in ("html", "md", "txt", "script"):
        content = documents[name][1]
        assert isinstance(content, str) and content
        assert not DISPLAY_CONTROLS.search(content), name
    assert "<script>alert" not in documents["html"][1]
    data = documents["json"][1]
    assert not re.search("[\u202a-\u202e\u2066-\u2069\x7f-\x9f]", data)  # escaped, not raw
    assert json.loads(data)["title"] == brief.title  # the same data, escaped
    message = compose(brief, Templates(), Mail(sender="brief@example.org"))
    assert message.get_body(("plain",)) is not None and message.get_body(("html",)) is not None


@pytest.mark.slow
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(briefs())
def test_pdf_renders_any_valid_brief(brief: Brief) -> None:
    documents = render(brief, ["pdf"])
    assert documents["pdf"][1][:5] == b"%PDF-"
