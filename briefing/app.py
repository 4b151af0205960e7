"""The application layer: one call makes a whole brief, for every front end.

:func:`make_brief` does what ``briefing build`` does: check the settings and
templates, load the voices, read, summarize and compare the articles, record
the narration, render every format, write all files at once and deliver the
email. The CLI, the benchmark, a web app or a batch runner fill in a
:class:`~briefing.settings.Request`, make this one call and show the
:class:`Result`. A server or worker loads the heavy parts once and passes them
in (:class:`~briefing.resources.Resources`)::

    from briefing import Request, Sources, make_brief

    result = make_brief(Request(Sources(("examples/",))))
    result.path("html")  # briefs/<name>.html

:func:`build_brief` is the brief alone, written nowhere: reading, summarizing
and comparing as :func:`make_brief` does them.

A runner that spreads many briefs over processes or machines takes the same
steps one at a time, each where it fits: :func:`read` (fetching and reading,
light), :func:`summarize` (the sentence encoder), :func:`produce` (the voices
and the renderers, in memory), then writes the files itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from pathlib import Path

from briefing import language
from briefing.defaults import AUDIO_FOLDER
from briefing.layout import Layout, Role
from briefing.models import Article, Brief, Skipped
from briefing.output import slugify, write_atomically
from briefing.pipeline import STAGES, brief_from_articles, read_articles
from briefing.render import Options, Templates, preflight, render
from briefing.render.formats.eml import Attachment, EmailRenderer
from briefing.resources import Resources, Voices
from briefing.settings import Request, Sources
from briefing.share.email import Delivery, deliver
from briefing.speak import PartHandler, attach, audio_files, load_pronunciations, record
from briefing.speak.base import Voice
from briefing.speak.files import Tags
from briefing.speak.pronounce import Pronunciations
from briefing.speak.script import parse_script
from briefing.summarize.embeddings import SentenceEncoder
from briefing.summarize.settings import SummarySettings
from briefing.version import __version__

Progress = Callable[[str], None]

__all__ = [
    "Produced",
    "Progress",
    "Reading",
    "Result",
    "Status",
    "Written",
    "build_brief",
    "check",
    "make_brief",
    "produce",
    "read",
    "steps",
    "summarize",
]


class Status(IntEnum):
    """How a brief turned out; the values are the CLI's exit statuses."""

    OK = 0
    PARTIAL = 3  # written, but some inputs were unusable or some recipients refused


@dataclass(frozen=True)
class Written:
    """One file written for the brief."""

    path: Path
    role: Role
    format: str | None = None  # the rendered format of a document (html, pdf, ...)


@dataclass(frozen=True)
class Result:
    """What :func:`make_brief` made: the brief, its files and the email's delivery."""

    brief: Brief
    files: tuple[Written, ...]
    delivery: Delivery | None = None

    @property
    def failed(self) -> tuple[Skipped, ...]:
        """Inputs that could not be used (junk pages left out on purpose are not failures)."""
        return tuple(s for s in self.brief.skipped if not s.junk)

    @property
    def status(self) -> Status:
        refused = self.delivery is not None and bool(self.delivery.refused)
        return Status.PARTIAL if self.failed or refused else Status.OK

    def path(self, what: str | Role) -> Path | None:
        """The file of a format (``"html"``) or a role (``Role.AUDIO``), if written."""
        for written in self.files:
            if written.format == what or written.role == what:
                return written.path
        return None


def steps(request: Request) -> int:
    """How many times :func:`make_brief` reports progress, for a progress bar."""
    return len(STAGES) + 1 + (1 if request.audio else 0)


def check(request: Request, templates: Templates | None = None) -> Templates:
    """Fail before any work on a format that cannot work or a template that does not parse;
    the template environment checked, for the rendering to use."""
    templates = templates or Templates(request.output.templates)
    preflight(request.output.formats, templates)
    return templates


def make_brief(
    request: Request,
    *,
    progress: Progress | None = None,
    resources: Resources | None = None,
    created: datetime | None = None,
    on_part: PartHandler | None = None,
) -> Result:
    """Make, write and deliver one brief; see the module docstring.

    The encoder and the voices (only when ``request.audio`` is set) come from
    ``resources``, loaded here when not given. Nothing is written unless
    everything rendered. ``on_part`` hears each part of the recording as soon
    as it is spoken, to play it before the brief is done
    (:class:`briefing.speak.Part`). It is :func:`read`, :func:`summarize` and
    :func:`produce` in turn, then the writing and the email; a batch runs those
    steps where each fits best.
    """
    report = progress or _silent
    templates = check(request)
    language.preload()  # the comparison's parser loads while the articles are read
    voices = None
    if request.audio is not None:  # a missing voice fails before any work
        voices = (resources or Resources()).voices(request.audio.voice)
    said = load_pronunciations(request.audio.pronunciations) if request.audio else None
    reading = read(request, report)
    encoder = resources.encoder() if resources is not None else None
    brief = summarize(request, reading, encoder=encoder, progress=report, created=created)
    produced = produce(
        request,
        brief,
        voices=voices,
        pronunciations=said,
        progress=report,
        templates=templates,
        on_part=on_part,
    )
    written = write_atomically(produced.files)
    delivery = None
    if request.delivery is not None:
        delivery = deliver(_bytes(produced.documents["eml"][1]), request.delivery)
    roles = {item.path: item for item in produced.written}
    return Result(produced.brief, tuple(roles[path] for path in written), delivery)


@dataclass(frozen=True)
class Reading:
    """A request's articles, read and labelled, and the inputs that could not be used."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]


@dataclass(frozen=True)
class Produced:
    """Every file of a brief, made in memory and not yet written (paths from its layout)."""

    brief: Brief  # with its recording, when there is one
    files: Mapping[Path, str | bytes]
    written: tuple[Written, ...]  # what each file is, in the order of ``files``
    documents: Mapping[str, tuple[str, str | bytes]]  # format -> (extension, content)


def read(request: Request, progress: Progress | None = None) -> Reading:
    """Read and fetch every input: the light first step, which needs no model.

    A batch reads a topic first and hashes the articles, to skip the heavy
    steps when nothing changed since the topic's last brief.
    """
    sources = request.sources  # a missing model failed when the settings were made
    (progress or _silent)(STAGES[0])
    articles, skipped = read_articles(
        sources.inputs,
        metadata=sources.metadata,
        strict=sources.strict,
        max_bytes=sources.max_bytes,
        fetcher=sources.fetcher(),
        feed=sources.feed,
    )
    return Reading(tuple(articles), tuple(skipped))


def summarize(
    request: Request,
    reading: Reading,
    *,
    encoder: SentenceEncoder | None = None,
    progress: Progress | None = None,
    created: datetime | None = None,
) -> Brief:
    """Summarize and compare the articles read: the step that needs the sentence encoder.

    A given encoder is used through a view of its own for this brief, so the brief
    is the one a fresh process would make, whatever briefs came before it.
    """
    return brief_from_articles(
        reading.articles,
        reading.skipped,
        request.summary,
        title=request.title,
        encoder=encoder.for_one_brief() if encoder is not None else None,
        progress=progress,
        created=created,
    )


def produce(
    request: Request,
    brief: Brief,
    *,
    voices: Voices | None = None,
    pronunciations: Pronunciations | None = None,
    progress: Progress | None = None,
    templates: Templates | None = None,
    on_part: PartHandler | None = None,
) -> Produced:
    """Record the narration (with ``voices``, when the request has audio) and render every
    format, all in memory: the caller writes ``files`` at once, or sends them elsewhere.
    ``templates`` is the environment :func:`check` made, made here when not given."""
    report = progress or _silent
    templates = templates or Templates(request.output.templates)
    layout = Layout(
        request.output.name or slugify(brief.title),
        request.output.folder,
        request.audio.folder if request.audio else AUDIO_FOLDER,
    )
    files: dict[Path, str | bytes] = {}
    roles: dict[Path, Written] = {}
    attachments: tuple[Attachment, ...] = ()
    if request.audio is not None and voices:
        report("recording audio")
        said = (
            pronunciations
            if pronunciations is not None
            else load_pronunciations(request.audio.pronunciations)
        )
        speech = (dict(voices), said, templates, on_part)
        brief, attachments = _record(brief, request, layout, speech, files, roles)
    report("rendering")
    documents = _render(brief, request, (layout, templates), attachments)
    for name, (extension, content) in documents.items():
        path = layout.document(extension)
        files[path] = content
        roles[path] = Written(path, Role.DOCUMENT, name)
    return Produced(brief, files, tuple(roles[path] for path in files), documents)


def _record(
    brief: Brief,
    request: Request,
    layout: Layout,
    speech: tuple[dict[int, Voice], Pronunciations | None, Templates, PartHandler | None],
    files: dict[Path, str | bytes],
    roles: dict[Path, Written],
) -> tuple[Brief, tuple[Attachment, ...]]:
    """Read the narration script aloud; the brief gains its audio, the email an attachment."""
    assert request.audio is not None
    voices, said, templates, on_part = speech
    script_text = render(brief, ["script"], templates)["script"][1]
    assert isinstance(script_text, str)
    programme = record(parse_script(script_text), voices, pronunciations=said, on_part=on_part)
    narration = layout.narration()
    files[narration] = script_text  # edit it, then `speak` it again
    roles[narration] = Written(narration, Role.NARRATION)
    paths = layout.recording(request.audio.format)
    recording = audio_files(programme, paths, tags(brief))
    files.update(recording)
    roles.update({path: Written(path, role) for path, role in paths.roles().items()})
    page = layout.document(".html")
    brief = attach(brief, programme, paths.audio, paths.transcript, page)
    return brief, (Attachment.of(paths.audio.name, recording[paths.audio]),)


def _render(
    brief: Brief,
    request: Request,
    place: tuple[Layout, Templates],
    recorded: tuple[Attachment, ...],
) -> dict[str, tuple[str, str | bytes]]:
    """Every format; the email last, with the PDF of this run and the audio attached."""
    output = request.output
    layout, templates = place
    options = Options(request.display, layout.name)
    others = [name for name in output.formats if name != "eml"]
    documents = render(brief, others, templates, options)
    if "eml" in output.formats:
        produced = tuple(
            Attachment.of(f"{layout.name}{documents[name][0]}", documents[name][1])
            for name in EmailRenderer.attaches
            if name in documents
        )
        email = EmailRenderer(request.mail, produced + recorded)
        documents.update(render(brief, [email], templates, options))
    return {name: documents[name] for name in output.formats}


def build_brief(
    inputs: Iterable[str | Path],
    *,
    summary: SummarySettings | None = None,
    strict: bool = False,
    encoder: SentenceEncoder | None = None,
    title: str | None = None,
) -> Brief:
    """The brief of ``inputs``, written nowhere: a convenience for scripts and notebooks
    over the steps of :func:`make_brief` (``summary``: lengths and engine, default ones)."""
    sources = Sources(tuple(inputs), strict=strict)
    request = Request(sources, title=title, summary=summary or SummarySettings())
    return summarize(request, read(request), encoder=encoder)


def tags(brief: Brief) -> Tags:
    """The audio file's title, artist, date and comment (ID3 tags)."""
    outlets = list(dict.fromkeys(a.outlet for a in brief.articles if a.outlet))
    count = len(brief.articles)
    return Tags(
        title=brief.title,
        artist=", ".join(outlets) or "briefing",
        date=brief.created.date().isoformat(),
        comment=f"Comparative brief of {count} article{'s' if count != 1 else ''}"
        + (f" from {', '.join(outlets)}" if outlets else "")
        + f", made by briefing {__version__}.",
    )


def _silent(stage: str) -> None:
    """No progress to show."""


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content
