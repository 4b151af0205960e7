"""Decoding and refusing inputs: encodings, binary, empty and oversized files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.ingest import expand_inputs, load_articles, read_article
from briefing.ingest.reading import decode

BODY = (
    "Naïve café owners say the “new rules” cost them €5,000 a year, and that the council’s "
    "plan ignores small shops entirely."
)


@pytest.mark.parametrize(
    "encoded",
    [
        BODY.encode("utf-8"),
        codecs.BOM_UTF8 + BODY.encode("utf-8"),
        BODY.encode("cp1252"),
        BODY.replace("€", "EUR")
        .replace("“", '"')
        .replace("”", '"')
        .replace("’", "'")
        .encode("latin-1"),
        BODY.encode("utf-16"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "latin1", "utf16-bom"],
)
def test_decodes_common_encodings(encoded: bytes) -> None:
    text = decode(encoded, "x.txt")
    assert text.startswith("Naïve café owners")
    assert "\ufeff" not in text


def test_repairs_mojibake_and_windows_line_endings() -> None:
    broken = "The mayorâ€™s plan\r\ncosts â‚¬5m.\r\n".encode()
    assert decode(broken, "x.txt") == "The mayor’s plan\ncosts €5m.\n"


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match=r"photo\.txt: unsupported file type \(a PNG image\)"):
        read_article(path)


@pytest.mark.parametrize("content", ["", "   \n\t\n  "])
def test_empty_file_is_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(content)
    with pytest.raises(InputError, match=r"empty\.txt: file is empty"):
        read_article(path)


def test_large_file_is_refused_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000)
    with pytest.raises(
        InputError, match=r"huge\.txt: file too large \(5,000 bytes; the limit is 100 bytes\)$"
    ):
        read_article(path, max_bytes=100)


def test_only_chrome_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "chrome.txt"
    path.write_text("Home | News | Sport | Weather\nShare: Facebook Twitter\nAdvertisement\n")
    with pytest.raises(InputError, match="no article text found"):
        read_article(path)


def test_folders_list_files_and_missing_inputs(tmp_path: Path) -> None:
    (tmp_path / "b10.txt").write_text("x")
    (tmp_path / "b2.md").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "image.png").write_bytes(b"x")
    listing = tmp_path / "inputs.txt"
    listing.write_text("# my articles\nb2.md\n\n")
    assert [Path(p).name for p in expand_inputs([tmp_path])] == ["b2.md", "b10.txt", "inputs.txt"]
    assert [Path(p).name for p in expand_inputs([f"@{listing}"])] == ["b2.md"]
    with pytest.raises(InputError, match="no such file"):
        expand_inputs([tmp_path / "missing.txt"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no article files"):
        expand_inputs([empty])


def test_keep_going_skips_bad_inputs(tmp_path: Path, examples_dir: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    articles, skipped = load_articles([examples_dir / "01-courier-2021.txt", bad], strict=False)
    assert len(articles) == 1
    assert skipped[0].source == str(bad) and skipped[0].reason == "file is empty"
