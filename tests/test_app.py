"""The Python API alone does what the command does: make_brief against `briefing build`.

Both make the examples brief with audio, HTML, PDF and email; the files must
be the same set with the same content, timestamps aside (the brief's creation
time, the PDF's dates, the email's Date and Message-ID).
"""

from __future__ import annotations

import functools
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from email import message_from_bytes, policy
from email.message import EmailMessage
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.app import Result, Status, make_brief
from briefing.errors import ChoiceError, ConfigError, EngineError
from briefing.layout import Role
from briefing.resources import Resources
from briefing.settings import (
    Audio,
    Display,
    Mail,
    Output,
    Request,
    Sources,
    SummarySettings,
    VoiceOptions,
)
from briefing.summarize.embeddings import default_encoder
from tests.test_cli import run

NAME = "port-halden-congestion-charge"
TIMESTAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[+-]\d\d:\d\d)?")
SENDER = "Briefing <brief@example.org>"


def request(examples_dir: Path, folder: Path) -> Request:
    return Request(
        Sources((examples_dir,)),
        audio=Audio(VoiceOptions(engine="espeak"), folder=folder / "audio"),
        mail=Mail(sender=SENDER),
        output=Output(folder=folder / "briefs", formats=("html", "pdf", "eml")),
    )


def api_brief(examples_dir: Path, folder: Path) -> tuple[Result, list[str]]:
    """The examples brief by the Python API, with the model and voices loaded first, as a
    server loads them."""
    steps: list[str] = []
    wanted = request(examples_dir, folder)
    resources = Resources(default_encoder())
    resources.voices(wanted.audio.voice)
    result = make_brief(wanted, progress=steps.append, resources=resources)
    return result, steps


@pytest.fixture(scope="module")
def made(examples_dir: Path, tmp_path_factory) -> tuple[Result, Path, Path]:
    """The same brief by the Python API and by the CLI, each in a process of its own:
    espeak-ng's voice keeps a pitch-flutter counter from one recording to the next
    inside a process, so only a process's first recording is the same every time
    (Piper's speech varies a little from run to run by design)."""
    api = tmp_path_factory.mktemp("api")
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn) as child:
        result, steps = child.submit(api_brief, examples_dir, api).result()
    assert steps[-2:] == ["recording audio", "rendering"]
    cli = tmp_path_factory.mktemp("cli")
    done = run(
        "build", examples_dir, "--audio", "--engine", "espeak", "-f", "html,pdf,eml",
        "--from", SENDER, cwd=cli,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return result, api, cli


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.mark.slow
def test_the_api_writes_the_files_the_command_writes(made) -> None:
    result, api, cli = made
    assert files(api) == files(cli)
    assert files(api) == sorted(
        [f"audio/{NAME}{s}" for s in (".mp3", ".vtt", ".srt", ".chapters.json", ".script.txt")]
        + [f"briefs/{NAME}{s}" for s in (".html", ".pdf", ".eml")]
    )
    assert sorted(str(w.path.relative_to(api)) for w in result.files) == files(api)


@pytest.mark.slow
def test_the_result_says_what_each_file_is(made) -> None:
    result, api, _ = made
    assert result.path("html") == api / "briefs" / f"{NAME}.html"
    assert result.path(Role.AUDIO) == api / "audio" / f"{NAME}.mp3"
    assert result.path(Role.TRANSCRIPT) == api / "audio" / f"{NAME}.vtt"
    assert result.path(Role.NARRATION) == api / "audio" / f"{NAME}.script.txt"
    assert result.path("md") is None
    assert result.status is Status.OK and result.delivery is None
    assert result.brief.audio is not None and result.brief.audio.path == f"../audio/{NAME}.mp3"


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", [f"audio/{NAME}{s}" for s in (".mp3", ".vtt", ".srt", ".chapters.json", ".script.txt")]
)
def test_audio_files_are_identical(made, name: str) -> None:
    _, api, cli = made
    assert (api / name).read_bytes() == (cli / name).read_bytes()


@pytest.mark.slow
def test_the_page_is_identical_but_for_its_timestamps(made) -> None:
    _, api, cli = made
    page = f"briefs/{NAME}.html"
    ours, theirs = (api / page).read_bytes(), (cli / page).read_bytes()
    assert TIMESTAMP.search(ours)  # there is something to set aside
    assert TIMESTAMP.sub(b"T", ours) == TIMESTAMP.sub(b"T", theirs)


@functools.cache
def pdf_text(data: bytes) -> tuple[str, ...]:
    """Each page's text. Kept by content: the email attaches the very PDF that
    test_the_pdf_reads_the_same has read already, and reading one takes seconds."""
    return tuple(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


@pytest.mark.slow
def test_the_pdf_reads_the_same(made) -> None:
    _, api, cli = made
    pdf = f"briefs/{NAME}.pdf"
    ours, theirs = pdf_text((api / pdf).read_bytes()), pdf_text((cli / pdf).read_bytes())
    assert ours == theirs and len(ours) > 1


def parts(message: EmailMessage) -> list[tuple[str, str | None, bytes]]:
    """Each leaf part: type, file name and content (a PDF's as its text), timestamps aside."""
    found = []
    for part in message.walk():
        if part.is_multipart():
            continue
        content = part.get_payload(decode=True)
        if part.get_content_type() == "application/pdf":
            content = "\n".join(pdf_text(content)).encode()
        found.append((part.get_content_type(), part.get_filename(), TIMESTAMP.sub(b"T", content)))
    return found


@pytest.mark.slow
def test_the_email_is_the_same_message(made) -> None:
    _, api, cli = made
    eml = f"briefs/{NAME}.eml"
    ours, theirs = (
        message_from_bytes((folder / eml).read_bytes(), policy=policy.default)
        for folder in (api, cli)
    )
    for header in ("Subject", "From", "To", "Cc", "MIME-Version"):
        assert ours[header] == theirs[header], header
    assert [name for _, name, _ in parts(ours)] == [None, None, f"{NAME}.pdf", f"{NAME}.mp3"]
    assert parts(ours) == parts(theirs)


def test_settings_check_themselves_and_name_their_setting(examples_dir: Path) -> None:
    with pytest.raises(ChoiceError) as caught:
        Display(paper="A3")
    assert caught.value.setting == "paper"
    with pytest.raises(EngineError, match="unknown format 'docx'") as caught:
        Output(formats=("html", "docx"))
    assert caught.value.setting == "formats"
    with pytest.raises(ConfigError) as caught:
        SummarySettings(length="three")
    assert caught.value.setting == "length" and "three" in str(caught.value)
    with pytest.raises(ConfigError) as caught:
        Sources(())
    assert caught.value.setting == "inputs"
    assert SummarySettings("60w").length.words == 60


def test_sending_implies_the_email(examples_dir: Path) -> None:
    from briefing.settings import Server

    wanted = Request(Sources((examples_dir,)), delivery=Server(), output=Output(formats=("md",)))
    assert wanted.output.formats == ("md", "eml") and wanted.mail is not None
    with pytest.raises(ConfigError) as caught:
        Request(Sources((examples_dir,)), mail=Mail(to=("a@example.org",)))
    assert caught.value.setting == "to"


def test_a_partial_brief_says_so(examples_dir: Path, encoder, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    wanted = Request(
        Sources((examples_dir, empty)),
        output=Output(folder=tmp_path / "out", formats=("md",), name="b"),
    )
    result = make_brief(wanted, resources=Resources(encoder))
    assert result.status is Status.PARTIAL and int(result.status) == 3
    assert [s.source for s in result.failed] == [str(empty)]
    assert [w.path for w in result.files] == [tmp_path / "out" / "b.md"]
