"""News pages printed to PDF, made with fpdf2: the layouts a browser's "Save as PDF" gives.

A browser prints the date and time of printing and the page's title at the top
of each page, the address and "1/2" at the foot (Firefox: the title and the
address at the top, "1 of 2" and the time at the foot); the page itself brings a
masthead, a headline with the site's name, a lead paragraph, a byline with the
writer's role, and the article's own date line. Ligatures (ﬁ, ﬀ, ﬂ) come
through as the text layer of many newspaper PDFs has them. Each spec carries
the metadata a reader should find.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
"""A Unicode font with ligature glyphs (fpdf2's core fonts are Latin-1 only)."""

_SIZES = {"masthead": 20, "headline": 16, "lead": 13, "byline": 10, "date": 10, "body": 11}


@dataclass(frozen=True)
class PdfSpec:
    name: str
    header: tuple[str, str]
    footer: tuple[str, str]
    """Left and right of the foot of each page; "{page}" and "{pages}" are filled in."""
    info_title: str
    blocks: tuple[tuple[str, str], ...]
    expected: dict = field(default_factory=dict)
    info_author: str = ""


def make_pdf(spec: PdfSpec, folder: Path) -> Path:
    """Write the spec as a PDF in ``folder``; its path."""
    from fpdf import FPDF

    class Printed(FPDF):
        def header(self) -> None:
            self.set_font("DejaVu", size=8)
            self.cell(60, 6, spec.header[0])
            self.cell(0, 6, spec.header[1], align="R")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            left, right = (part.format(page=self.page_no(), pages="{nb}") for part in spec.footer)
            self.cell(120, 6, left)
            self.cell(0, 6, right, align="R")

    pdf = Printed()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_title(spec.info_title)
    if spec.info_author:
        pdf.set_author(spec.info_author)
    pdf.add_page()
    for kind, text in spec.blocks:
        pdf.set_font("DejaVu", size=_SIZES[kind])
        pdf.multi_cell(0, _SIZES[kind] * 0.5, text)
        pdf.ln(3)
    path = folder / f"{spec.name}.pdf"
    pdf.output(str(path))
    return path


_NHS_BODY = [
    "The number of people waiting more than a year for hospital treatment in the region fell for "
    "the third month in a row, according to ﬁgures published by NHS England on Thursday.",
    "Hospital trusts said extra weekend clinics and a new surgical hub in Northgate had helped "
    "them work through the backlog, although staﬀ shortages remain a problem in some specialties.",
    "Patients waiting for hip and knee operations saw the biggest improvement, with the median "
    "wait falling from 41 weeks to 33 weeks since the spring.",
    "Health leaders warned that a bad winter for ﬂu could reverse the progress, and urged people "
    "who are eligible to book their vaccinations before the end of October.",
    "The trust said it would spend £3.2m on two more operating theatres next year, which it "
    "expects to open in the spring.",
    *[
        f"Section {n} of the report sets out the waiting times for each hospital in the region, "
        "and the trusts said they would publish the same figures every month so that patients "
        "can see how long they are likely to wait for their own treatment."
        for n in range(2, 9)
    ],
]

PDFS: tuple[PdfSpec, ...] = (
    PdfSpec(
        name="northgate-herald-hospital",
        header=(
            "04/12/2025, 10:15",
            "Hospital waiting lists fall for third month | The Northgate Herald",
        ),
        footer=(
            "https://www.northgateherald.co.uk/news/health/hospital-waiting-lists-fall",
            "{page}/{pages}",
        ),
        info_title="Hospital waiting lists fall for third month | The Northgate Herald",
        blocks=(
            ("masthead", "The Northgate Herald"),
            ("headline", "Hospital waiting lists fall for third month"),
            ("lead", "Longest waits are shorter in every trust across the region."),
            ("byline", "By Helen Marsh"),
            ("byline", "Health Correspondent"),
            ("date", "Thursday 4 September 2025, 6:00 am"),
            *(("body", text) for text in _NHS_BODY),
        ),
        expected={
            "title": "Hospital waiting lists fall for third month",
            "outlet": "The Northgate Herald",
            "authors": ["Helen Marsh"],
            "published": "2025-09-04",
            "first_paragraph_starts": "Longest waits are shorter",
            "not_in_body": ["ﬁ", "ﬀ", "ﬂ", "Health Correspondent", "04/12/2025"],
        },
        info_author="Helen Marsh, Health Correspondent",
    ),
    PdfSpec(
        name="lakeside-tribune-transit",
        header=(
            "12/1/24, 3:02 PM",
            "Transit agency cuts late-night bus service - Lakeside Tribune",
        ),
        footer=("https://www.lakesidetribune.com/news/transit-cuts", "{page}/{pages}"),
        info_title="Transit agency cuts late-night bus service - Lakeside Tribune",
        blocks=(
            ("masthead", "Lakeside Tribune"),
            ("headline", "Transit agency cuts late-night bus service"),
            ("lead", "Riders who work night shifts say they have no other way to get home."),
            ("byline", "By Carlos Medina, Transportation Reporter"),
            ("date", "Sept. 18, 2024 7:45 p.m. CT"),
            (
                "body",
                "The regional transit agency will end bus service after 11 p.m. on eight routes "
                "starting in January, a move it says will save $4.5 million a year.",
            ),
            (
                "body",
                "Night-shift workers at the hospital and the distribution center told the board "
                "that the cuts would leave them without a ride home, and some said they would "
                "have to quit their jobs.",
            ),
            (
                "body",
                "The agency's general manager said ridership on the late routes had fallen by "
                "half since 2019 and that drivers were hard to find for the overnight shifts.",
            ),
            (
                "body",
                "Board members asked staﬀ to study an on-demand van service that could replace "
                "the buses on the least-used routes.",
            ),
        ),
        expected={
            "title": "Transit agency cuts late-night bus service",
            "outlet": "Lakeside Tribune",
            "authors": ["Carlos Medina"],
            "published": "2024-09-18",
            "first_paragraph_starts": "Riders who work night shifts",
            "not_in_body": ["ﬀ", "Transportation Reporter", "12/1/24"],
        },
    ),
    PdfSpec(
        name="valley-post-datebox",
        header=("", ""),
        footer=("valleypost.com", "{page}/{pages}"),
        info_title="Wildfire crews contain blaze near Cedar Falls | Valley Post",
        blocks=(
            ("date", "THURSDAY, DECEMBER 4, 2025"),
            ("masthead", "Valley Post"),
            ("headline", "Wildfire crews contain blaze near Cedar Falls"),
            ("byline", "By Dana Whitaker, Senior Writer"),
            ("date", "Published September 4, 2025"),
            (
                "body",
                "Firefighters contained a wildfire that burned more than 2,000 acres near Cedar "
                "Falls on Wednesday, allowing hundreds of residents to return to their homes.",
            ),
            (
                "body",
                "The fire destroyed four barns and a storage building but no homes, the county "
                "fire chief said, crediting a change in the wind on Tuesday night.",
            ),
            (
                "body",
                "Crews will stay in the area through the weekend to put out hot spots, and the "
                "state forestry department said the cause was under investigation.",
            ),
        ),
        expected={
            "title": "Wildfire crews contain blaze near Cedar Falls",
            "outlet": "Valley Post",
            "authors": ["Dana Whitaker"],
            "published": "2025-09-04",
            "first_paragraph_starts": "Firefighters contained a wildfire",
            "not_in_body": ["DECEMBER 4", "Senior Writer"],
        },
    ),
    PdfSpec(
        name="harbor-times-firefox",
        header=(
            "School district adds 40 bus routes for fall - The Harbor Times",
            "https://www.harbortimes.com/local/bus-routes",
        ),
        footer=("{page} of {pages}", "8/30/2024, 9:14 AM"),
        info_title="School district adds 40 bus routes for fall - The Harbor Times",
        blocks=(
            ("headline", "School district adds 40 bus routes for fall"),
            ("byline", "Jessica Moreno"),
            ("byline", "Education reporter"),
            ("date", "Published 6:00 a.m. ET Aug. 28, 2024"),
            (
                "body",
                "The school district will run 40 more bus routes this fall after hiring 55 "
                "drivers over the summer, ending a shortage that left some students waiting "
                "an hour for a ride last year.",
            ),
            (
                "body",
                "Parents in the eastern suburbs, where routes were cut most often, said the "
                "change would let them return to work on time.",
            ),
            (
                "body",
                "The district raised drivers' starting pay to $24 an hour and offered a $2,000 "
                "signing bonus, according to its transportation director.",
            ),
        ),
        expected={
            "title": "School district adds 40 bus routes for fall",
            "outlet": "The Harbor Times",
            "authors": ["Jessica Moreno"],
            "published": "2024-08-28",
            "first_paragraph_starts": "The school district will run",
            "not_in_body": ["Education reporter", "8/30/2024", "1 of 1", "harbortimes.com"],
        },
    ),
)
