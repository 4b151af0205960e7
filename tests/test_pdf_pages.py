"""A PDF of too many pages is refused before any text is read, with that reason."""

from __future__ import annotations

import io
import time

import pytest

from briefing.errors import InputError
from briefing.ingest.document import Document, Metadata
from briefing.ingest.pdf import MAX_PAGES, read_pdf


def _blank_pdf(pages: int, declared: int | None = None) -> bytes:
    """A PDF of ``pages`` blank pages; ``declared`` puts another count in its page tree."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, NumberObject

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(100, 100)
    if declared is not None:
        writer.root_object["/Pages"][NameObject("/Count")] = NumberObject(declared)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("pages", "declared", "count"),
    [
        (MAX_PAGES + 1, None, MAX_PAGES + 1),
        (3, 50_000, 50_000),  # a count that claims too many is taken at its word
        (MAX_PAGES + 1, 2, MAX_PAGES + 1),  # one that claims too few is not
    ],
)
def test_too_many_pages_is_the_reason(pages: int, declared: int | None, count: int) -> None:
    document = Document("long.pdf", _blank_pdf(pages, declared))
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        read_pdf(document, "a", Metadata())
    assert str(caught.value) == f"long.pdf: too many pages ({count:,}; the limit is {MAX_PAGES:,})"
    assert time.monotonic() - started < 5


def test_a_short_pdf_is_still_read_for_its_text() -> None:
    with pytest.raises(InputError, match="no text layer"):  # blank pages: past the page check
        read_pdf(Document("short.pdf", _blank_pdf(2)), "a", Metadata())
