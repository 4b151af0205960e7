"""The make form: what a person chose, checked, turned into a :class:`~briefing.settings.Request`.

Every value is checked again by the settings types; an error there is shown
beside the field it is about (``setting`` -> field), in the page's words. A URL
the server would fetch is refused here, before any work, when its host resolves
to a loopback, private, link-local or other non-public address; the fetcher
checks every connection again, so a redirect or a feed entry cannot get round it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from briefing.defaults import DEFAULT_FORMATS as KEPT_FORMATS
from briefing.defaults import DEFAULT_THEME, FORMATS, VOICE_STYLES
from briefing.errors import BriefingError, InputError
from briefing.ingest.fetch import check_url
from briefing.ingest.hosts import first_refused
from briefing.ingest.inputs import ARTICLE_SUFFIXES
from briefing.ingest.reading import describe_excess
from briefing.output import slugify
from briefing.render import Display
from briefing.settings import Audio, Output, Request, Sources, SummarySettings
from briefing.speak import VoiceOptions
from briefing.summarize.length import DEFAULT_LENGTH, DEFAULT_OVERVIEW
from briefing.web.config import ServerConfig

LABELS = {
    "inputs": "Articles",
    "text": "Article text",
    "files": "Files",
    "urls": "Web addresses or feeds",
    "title": "Title",
    "length": "Summary length",
    "overview_length": "Overview length",
    "formats": "Formats",
    "voice": "Voice",
    "voice2": "Voice",
    "engine": "Voice",
    "hosts": "Two hosts",
    "style": "Voice",
    "theme": "Colours",
    "max_bytes": "Files",
    "to": "Send to",
}
"""How the page names each setting (the CLI says --length, the page 'Summary length')."""
FIELD = {"overview_length": "overview", "voice2": "voice", "engine": "voice", "inputs": "text"}
"""The form field that shows an error about a setting, where its name differs."""
FORMAT_CHOICES = tuple((name, FORMATS.get(name).label) for name in KEPT_FORMATS)
"""The files a reader can keep: the formats ``briefing build`` makes by default, in its
order, each named by its renderer (one registry for the CLI, this form and batch plans)."""
DEFAULT_FORMATS = ("html", "pdf", "md", "txt")
LENGTHS = tuple((str(n), f"{n} sentence{'s' if n > 1 else ''}") for n in range(1, 7))
OVERVIEWS = tuple((f"{n}w", f"about {n} words") for n in (60, 120, 200, 300))
NOTHING = "Give at least one article: paste its text, upload a file or give its web address."
MAX_PASTED = 20
"""Article fields at most: as many as files may be uploaded at once."""
SUFFIXES = tuple(s for s in ARTICLE_SUFFIXES if s not in (".rss", ".atom", ".xml"))


def describe(exc: BriefingError) -> str:
    """An error in the page's words: its setting named as the form labels it, and no
    article read named by the library's word for all of them ("inputs")."""
    if isinstance(exc, InputError) and exc.source == "inputs":
        reasons = exc.problem.removeprefix("no usable articles").strip(" ()")
        return "None of the articles could be used" + (f": {reasons}." if reasons else ".")
    return exc.describe(lambda setting: LABELS.get(setting, setting.replace("_", " ")))


def field_of(exc: BriefingError) -> str:
    setting = exc.setting or "inputs"
    return FIELD.get(setting, setting)


@dataclass(frozen=True)
class Choices:
    """What the form holds: shown again, as typed, when it has errors."""

    texts: tuple[str, ...] = ("",)  # one field per pasted article
    urls: str = ""
    title: str = ""
    length: str = DEFAULT_LENGTH.spec
    overview: str = DEFAULT_OVERVIEW.spec
    formats: tuple[str, ...] = DEFAULT_FORMATS
    audio: bool = False
    voice: str = ""
    style: str = "natural"  # or "fast": espeak at 300 words a minute, made in a moment
    two_hosts: bool = False
    theme: str = DEFAULT_THEME
    easy_reading: bool = False

    @classmethod
    def read(cls, form) -> Choices:
        """From a submitted form (a Starlette ``FormData``); missing boxes are unchecked."""

        def text(name: str) -> str:
            value = form.get(name, "")
            return value if isinstance(value, str) else ""

        texts = tuple(v for v in form.getlist("text") if isinstance(v, str))
        return cls(
            texts=texts or ("",),
            urls=text("urls"),
            title=text("title").strip(),
            length=text("length") or DEFAULT_LENGTH.spec,
            overview=text("overview") or DEFAULT_OVERVIEW.spec,
            formats=tuple(v for v in form.getlist("formats") if isinstance(v, str)),
            audio=form.get("audio") == "on",
            voice=text("voice"),
            style=text("style") or "natural",
            two_hosts=form.get("hosts") == "2",
            theme=text("theme") or DEFAULT_THEME,
            easy_reading=form.get("easy_reading") == "on",
        )

    @property
    def text(self) -> str:
        """Every pasted article, for the size limit and the 'nothing given' check."""
        return "\n".join(self.texts)

    @property
    def pasted(self) -> list[str]:
        """The pasted articles that hold something, in the form's order."""
        return [text for text in self.texts if text.strip()]

    def with_another_article(self) -> Choices:
        """The same choices with one more empty article field (up to :data:`MAX_PASTED`)."""
        return replace(self, texts=self.texts + (("",) if len(self.texts) < MAX_PASTED else ()))

    @property
    def url_list(self) -> list[str]:
        return [line.strip() for line in self.urls.splitlines() if line.strip()]


@dataclass(frozen=True)
class Upload:
    """An uploaded file: the name it had on the person's computer, its size, its content."""

    name: str
    size: int
    content: BinaryIO = field(repr=False)


class Errors(dict):
    """Field name -> messages; falsy when the form can go ahead."""

    def add(self, name: str, message: str) -> None:
        self.setdefault(name, []).append(message)


def check(
    choices: Choices, uploads: Sequence[Upload], config: ServerConfig, voices: Iterable[str]
) -> Errors:
    """Everything that can be told before any work: inputs, limits, URLs, choices.

    Blocking (the URLs' hosts are resolved): run it off the event loop.
    """
    errors = Errors()
    limits = config.limits
    if not (choices.text.strip() or uploads or choices.url_list):
        errors.add("text", NOTHING)
    if (size := len(choices.text.encode("utf-8"))) > limits.text_bytes:
        errors.add("text", f"The text is too long ({describe_excess(size, limits.text_bytes)}).")
    if len(choices.texts) > MAX_PASTED:
        errors.add("text", f"At most {MAX_PASTED} pasted articles at once.")
    if len(uploads) > limits.files:
        errors.add("files", f"At most {limits.files} files at once; you chose {len(uploads)}.")
    for upload in uploads:
        if not upload.name.lower().endswith(SUFFIXES):
            errors.add("files", f"{upload.name}: not a text, Markdown, HTML or PDF file.")
        elif upload.size > limits.file_bytes:
            excess = describe_excess(upload.size, limits.file_bytes)
            errors.add("files", f"{upload.name}: too large ({excess}).")
    urls = choices.url_list
    if len(urls) > limits.urls:
        errors.add("urls", f"At most {limits.urls} web addresses at once; you gave {len(urls)}.")
    for url in urls[: limits.urls]:
        problem = url_problem(url, config.allow_private_urls)
        if problem:
            errors.add("urls", problem)
    if choices.style not in VOICE_STYLES:
        errors.add("style", "Choose the natural or the fast voice.")
    if choices.voice and choices.voice not in voices:
        errors.add("voice", f"Unknown voice {choices.voice!r}.")
    unknown = [f for f in choices.formats if f not in dict(FORMAT_CHOICES)]
    if unknown or not choices.formats:
        errors.add("formats", "Choose at least one of the formats listed.")
    return errors


def url_problem(url: str, allow_private: bool) -> str | None:
    """Why the server will not fetch ``url``, in one line naming it; None when it will."""
    try:
        check_url(url)
    except InputError as exc:
        return str(exc)
    if allow_private:
        return None
    parts = urlsplit(url)
    refused = first_refused(parts.hostname or "", parts.port)
    if refused is None:
        return None
    address, reason = refused
    what = f"{address} is" if parts.hostname == address else f"{parts.hostname} is {address},"
    return (
        f"{url}: refused: {what} {reason}; this server fetches only public addresses "
        "(start it with --allow-private-urls to allow local ones)"
    )


def save_inputs(
    choices: Choices, uploads: Sequence[Upload], folder: Path
) -> tuple[list[str], dict[str, str]]:
    """The pasted text and the uploads as files in ``folder``, then the URLs.

    Files get names made here (a number and a slug of the original name), never
    the name sent; ``labels`` maps each saved path back to what the person gave.
    """
    folder.mkdir(parents=True, exist_ok=True)
    inputs: list[str] = []
    labels: dict[str, str] = {}
    pasted = choices.pasted
    for number, text in enumerate(pasted, 1):
        path = folder / f"pasted-{number:02d}.txt"
        path.write_text(text, encoding="utf-8")
        inputs.append(str(path))
        labels[str(path)] = "the pasted text" if len(pasted) == 1 else f"pasted article {number}"
    for number, upload in enumerate(uploads, 1):
        stem, dot, suffix = upload.name.rpartition(".")
        path = folder / f"{number:02d}-{slugify(stem or suffix)}.{suffix.lower() if dot else 'txt'}"
        with path.open("wb") as out:
            upload.content.seek(0)
            while chunk := upload.content.read(1024 * 1024):
                out.write(chunk)
        inputs.append(str(path))
        labels[str(path)] = upload.name
    inputs += choices.url_list
    return inputs, labels


def build_request(
    choices: Choices, inputs: Sequence[str], config: ServerConfig, folder: Path
) -> Request:
    """The settings of the brief, written to ``folder``; a :class:`BriefingError` if one is bad."""
    audio = None
    if choices.audio:
        voice = replace(
            config.voice,
            voice=choices.voice or config.voice.voice,
            hosts=2 if choices.two_hosts else 1,
        )
        if choices.style == "fast":  # whatever engine the server speaks with otherwise
            voice = VoiceOptions(engine="espeak", style="fast", hosts=voice.hosts)
        audio = Audio(voice=voice, folder=folder)
    formats = choices.formats + (("eml",) if config.mailer else ())
    return Request(
        sources=Sources(
            tuple(inputs),
            max_bytes=config.limits.file_bytes,
            timeout=config.fetch_timeout,
            public_only=not config.allow_private_urls,
        ),
        title=choices.title or None,
        summary=SummarySettings(choices.length, choices.overview),
        display=Display(choices.theme, choices.easy_reading),
        audio=audio,
        output=Output(folder=folder, formats=formats),
    )


def voice_names(options: VoiceOptions) -> tuple[str, ...]:
    """Voices the form offers: the engine's English voices (espeak), or none to choose."""
    from briefing.speak.voices import load_engine

    resolved = options.resolved()
    if resolved.engine != "espeak":
        return ()
    names = load_engine("espeak").voices()
    return tuple(n for n in names if n.split("/")[-1].startswith("en"))


def voice_styles(natural_engine: str, seconds_per_minute: dict[str, float]) -> list[tuple]:
    """The two voices the form offers, each with the time it takes to record a minute of
    audio on this server: (value, label, estimate)."""
    natural = "Piper" if natural_engine == "piper" else "espeak-ng"
    return [
        ("natural", f"Natural voice ({natural})", _per_minute(seconds_per_minute["natural"])),
        (
            "fast",
            "Fast voice (espeak-ng, 300 words a minute)",
            _per_minute(seconds_per_minute["fast"]),
        ),
    ]


def _per_minute(seconds: float) -> str:
    if seconds < 1:
        return "under a second to record each minute of audio"
    return f"about {seconds:.0f} s to record each minute of audio"
