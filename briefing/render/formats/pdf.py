"""The brief as a tagged PDF (PDF/UA-1), typeset by WeasyPrint from the HTML template.

The same ``brief.html.j2`` renders with ``medium="print"``: no player or
display controls, a contents list with page numbers, and the stylesheet's
print rules (running header, page numbers, page breaks). WeasyPrint's PDF/UA
variant writes the structure tree (headings, lists, tables, links), the
document language and title, and marks the title for display. WeasyPrint
fetches nothing: its URL fetcher serves only ``data:`` URIs.
"""

from __future__ import annotations

import ctypes
import importlib.util
import logging

from briefing.errors import OutputError, first_line
from briefing.models import Brief
from briefing.render.base import Options, context
from briefing.render.templates import Templates

TEMPLATE = "brief.html.j2"
VARIANT = "pdf/ua-1"


class PdfRenderer:
    name = "pdf"
    label = "PDF"  # what a reader calls it (the web form)
    extension = ".pdf"
    templates = (TEMPLATE,)

    def check(self) -> None:
        """Pango loads: a cheap check before the work (importing WeasyPrint takes a second)."""
        if importlib.util.find_spec("weasyprint") is None or not _pango_loads():
            _weasyprint()  # its own error says what is missing

    def render(self, brief: Brief, templates: Templates, options: Options) -> bytes:
        html = templates.render(TEMPLATE, **context(brief, options.display, medium="print"))
        return typeset(html)


def typeset(html: str) -> bytes:
    """A tagged PDF of a self-contained HTML document."""
    weasyprint = _weasyprint()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its CSS warnings are not ours
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        document = weasyprint.HTML(string=html, base_url=None, url_fetcher=inline_only())
        return document.write_pdf(pdf_variant=VARIANT, uncompressed_pdf=False)
    except Exception as exc:  # WeasyPrint has no exception root of its own
        raise OutputError(f"PDF: cannot typeset the brief ({type(exc).__name__}: {exc})") from exc


def inline_only():
    """A URL fetcher that serves only ``data:`` URIs: no local files, no network.

    The brief is self-contained, so WeasyPrint never needs to fetch anything;
    refusing everything else means no ``file:`` attachment, image or stylesheet
    can be pulled into the PDF, and an offline build stays offline.
    """
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


def _pango_loads() -> bool:
    for name in ("libpango-1.0.so.0", "libpango-1.0-0.dll", "libpango-1.0.0.dylib"):
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return True
    return False


def _weasyprint():
    try:
        import weasyprint
    except OSError as exc:  # the Python package is there, Pango is not
        raise OutputError(
            "PDF needs the Pango library (Debian/Ubuntu: apt install libpango-1.0-0 "
            f"libpangoft2-1.0-0); {first_line(exc)}"
        ) from exc
    return weasyprint


ENGINE = PdfRenderer
