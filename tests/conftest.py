"""Shared fixtures: the real bundled model, loaded once per test session.

Heavy modules are imported inside the fixtures, so collecting the suite (and
running a few fast tests) does not pay for them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import trustme

    from briefing.summarize.embeddings import SentenceEncoder

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ARTICLE_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"


@pytest.fixture(scope="session", autouse=True)
def parser_helper_stopped() -> Iterator[None]:
    """A brief made in this process starts the parser's helper process; the session ends it."""
    yield
    from briefing import language

    language.stop()


@pytest.fixture(scope="session")
def encoder() -> SentenceEncoder:
    from briefing.summarize.embeddings import default_encoder

    return default_encoder()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


def expected_for(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))


def article_fixtures() -> list[Path]:
    return sorted(p for p in ARTICLE_FIXTURES.iterdir() if not p.name.endswith(".json"))


@pytest.fixture(scope="session")
def recorded(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    """A folder where `briefing build examples --audio` ran: briefs/ and audio/.

    With espeak, the fast engine; tests/test_audio_quality.py records with the
    default (Piper) engine on its own."""
    from tests.test_cli import run

    folder = tmp_path_factory.mktemp("audio-brief")
    done = run(
        "build", examples_dir, "--audio", "--engine", "espeak", "-f", "html,json", cwd=folder
    )
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> tuple[trustme.CA, Path]:
    """A private certificate authority for the TLS servers (SMTP and HTTPS) the tests start."""
    import trustme

    authority = trustme.CA()
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    authority.cert_pem.write_to_path(str(path))
    return authority, path
