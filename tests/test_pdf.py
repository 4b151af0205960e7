"""PDF: a tagged PDF/UA-1 document from the HTML template, typeset by WeasyPrint."""

from __future__ import annotations

import dataclasses
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from briefing import build_brief
from briefing.models import Brief
from briefing.render import Display, Options, render
from briefing.render.base import context
from briefing.render.templates import Templates
from tests.test_cli import run

pytestmark = pytest.mark.slow  # every test typesets PDFs with WeasyPrint

LONG_URL = "https://example.org/news/" + "x" * 180  # no break opportunity anywhere


@pytest.fixture(scope="module")
def brief(examples_dir: Path, encoder) -> Brief:
    built = build_brief([examples_dir], encoder=encoder)
    first = dataclasses.replace(built.articles[0], url=LONG_URL)
    return dataclasses.replace(built, articles=(first, *built.articles[1:]))


@pytest.fixture(scope="module")
def pdf(brief: Brief) -> PdfReader:
    data = render(brief, ["pdf"])["pdf"][1]
    assert isinstance(data, bytes) and data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def _structure_types(node, found: Counter) -> Counter:
    node = node.get_object()
    if "/S" in node:
        found[str(node["/S"])] += 1
    kids = node.get("/K")
    kids = kids if isinstance(kids, ArrayObject) else [kids] if kids is not None else []
    for kid in kids:
        kid = kid.get_object()
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            _structure_types(kid, found)
    return found


def test_pdf_is_tagged_for_screen_readers(pdf: PdfReader, brief: Brief) -> None:
    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (the title)
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp
    types = _structure_types(root["/StructTreeRoot"], Counter())
    assert types["/H1"] == 1 and types["/H2"] >= 8 and types["/H3"] >= len(brief.articles)
    for tag in ("/L", "/LI", "/Lbl", "/LBody", "/Table", "/TR", "/TH", "/TD", "/Caption", "/P"):
        assert types[tag] > 0, tag
    assert types["/Link"] >= sum(len(s.points) for s in brief.summaries)
    assert types["/Figure"] == 0  # no images; any figure would need /Alt
    content = pdf.pages[0].get_contents().get_data()
    assert b"/MCID" in content and b"BDC" in content  # text is marked content in the tree


def test_pdf_metadata_describes_the_brief(pdf: PdfReader, brief: Brief) -> None:
    info = pdf.metadata
    assert info.title == brief.title
    assert info["/Author"] == ", ".join(a.outlet for a in brief.articles)
    assert info.subject.startswith(f"Comparative brief of {len(brief.articles)} articles from")
    assert info.creation_date.date() == brief.created.date()
    assert info["/Creator"].startswith("briefing ")


def test_pages_have_running_header_and_numbers(pdf: PdfReader, brief: Brief) -> None:
    pages = [page.extract_text() for page in pdf.pages]
    total = len(pages)
    assert total > 3
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {total}" in text
        header = f"{brief.title} Comparative brief" in text.splitlines()
        assert header == (number > 1), number  # the title page has no running header
    assert re.search(r"Contents.*Overview \.+ ?1", " ".join(pages[0].split()), re.S)


def test_every_point_and_source_text_is_in_the_pdf(pdf: PdfReader, brief: Brief) -> None:
    flat = "".join("".join(page.extract_text() for page in pdf.pages).split())
    for summary in brief.summaries:
        for point in summary.points:
            assert "".join(point.text.split()) in flat
    for article in brief.articles:
        assert "".join(article.sentences[-1].text.split()) in flat


def test_links_jump_to_sources_and_out_to_originals(pdf: PdfReader, brief: Brief) -> None:
    annotations = [a.get_object() for page in pdf.pages for a in page.get("/Annots", [])]
    internal = [a for a in annotations if "/Dest" in a or a.get("/A", {}).get("/S") == "/GoTo"]
    external = [a["/A"]["/URI"] for a in annotations if "/URI" in a.get("/A", {})]
    assert len(internal) >= sum(len(s.points) for s in brief.summaries)
    assert LONG_URL in external


def test_no_text_runs_off_the_page(brief: Brief) -> None:
    """Laid out by WeasyPrint itself: every line box ends inside the right margin."""
    import weasyprint
    from weasyprint.formatting_structure.boxes import TextBox

    html = Templates().render("brief.html.j2", **context(brief, Display(), medium="print"))
    document = weasyprint.HTML(string=html).render()
    for number, page in enumerate(document.pages, 1):
        box = page._page_box  # WeasyPrint's own tests inspect layout the same way
        edge = page.width - box.margin_right + 0.01
        for text in (b for b in box.descendants() if isinstance(b, TextBox)):
            assert text.position_x >= 0 and text.position_x + text.width <= edge, (
                number,
                text.text[:60],
            )


def test_pdf_has_no_player_or_screen_controls(brief: Brief) -> None:
    html = Templates().render("brief.html.j2", **context(brief, Display(), medium="print"))
    assert "<audio" not in html and "<script" not in html and 'type="radio"' not in html


def test_cli_writes_letter_pdf_and_bakes_display_choices(examples_dir: Path, tmp_path) -> None:
    done = run(
        "build",
        examples_dir,
        "-f",
        "pdf,html",
        "--paper",
        "letter",
        "--theme",
        "contrast",
        "--easy-reading",
        "-o",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    reader = PdfReader(tmp_path / "port-halden-congestion-charge.pdf")
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [612, 792]
    html = (tmp_path / "port-halden-congestion-charge.html").read_text()
    assert '<html lang="en" data-theme="contrast" data-reading="easy">' in html
    assert re.search(r'id="theme-contrast" value="contrast" checked', html)
    assert re.search(r'id="easy-reading" checked', html)
    bad = run("build", examples_dir, "-f", "pdf", "--paper", "a3", "-o", tmp_path / "x")
    assert bad.returncode == 2 and "--paper" in bad.stderr


def test_display_options_are_checked() -> None:
    from briefing.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown theme 'sepia'"):
        Display(theme="sepia")
    assert Options().display == Display()


def _fills(data: bytes) -> list[tuple[float, ...]]:
    """The fill colours a PDF's first page sets, in order (the page's background first)."""
    stream = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data().decode("latin-1")
    return [tuple(map(float, m)) for m in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", stream)]


def _luminance(rgb: tuple[float, ...]) -> float:
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize(("theme", "dark_page", "ratio"), [("light", False, 7.0),
                         ("dark", True, 7.0), ("contrast", True, 15.0)])  # fmt: skip
def test_the_pdf_keeps_the_theme_chosen_for_it(brief: Brief, theme, dark_page, ratio) -> None:
    """Dark and high contrast are for reading on screen, where a PDF cannot be restyled."""
    data = render(brief, ["pdf"], options=Options(Display(theme)))["pdf"][1]
    fills = _fills(data)
    background = fills[0]
    text = next(fill for fill in fills if fill != background)  # the title, the first text
    assert (_luminance(background) < 0.05) is dark_page
    light, dark = sorted((_luminance(background), _luminance(text)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= ratio
