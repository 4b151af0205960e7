"""Accessibility, measured with axe-core in Debian's headless Chromium (driven by Playwright).

Every page variant (the HTML brief, with and without audio, each colour theme,
easier reading, the system's dark and more-contrast settings, and the email
body) must have zero axe violations for WCAG 2.0, 2.1 and 2.2 A/AA plus best
practices, and must reflow at 200% zoom without scrolling sideways.
`scripts/setup.sh --test` installs Chromium (apt) and axe-core (npm); nothing
downloads a browser.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from briefing import build_brief
from briefing.models import Brief
from briefing.render import Display, Options, render
from briefing.render.formats.eml import EmailRenderer, Mail

pytestmark = pytest.mark.slow  # a real Chromium per module, axe on every page

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",  # the machine has no network: do not try
    "--disable-component-update",
    "--disable-sync",
]
NAME = "port-halden-congestion-charge"


def _chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and (found := shutil.which(candidate)):
            return found
    pytest.fail("Chromium not found: scripts/setup.sh --test installs Debian's chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: scripts/setup.sh --test installs axe-core with npm")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def brief(examples_dir: Path, encoder) -> Brief:
    return build_brief([examples_dir], encoder=encoder)


@pytest.fixture(scope="module")
def pages(brief: Brief, recorded: Path, tmp_path_factory) -> dict[str, Path]:
    """The pages to audit, as files a browser opens."""
    folder = tmp_path_factory.mktemp("pages")
    html = render(brief, ["html"])["html"][1]
    baked = render(brief, ["html"], options=Options(Display("contrast", easy_reading=True)))
    eml = render(brief, [EmailRenderer(Mail(to=("ann@example.org",)))])["eml"][1]
    email_html = message_from_bytes(eml, policy=policy.default).get_body(("html",)).get_content()
    files = {"brief": html, "baked-contrast-easy": baked["html"][1], "email": email_html}
    for name, content in files.items():
        (folder / f"{name}.html").write_text(content, encoding="utf-8")
    found = {name: folder / f"{name}.html" for name in files}
    found["with-audio"] = recorded / "briefs" / f"{NAME}.html"  # player, chapters, transcript
    return found


def _open(browser, path: Path, variant: str = "default", width: int = 1280):
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme="dark" if variant == "system-dark" else "light",
        contrast="more" if variant == "system-more-contrast" else "no-preference",
    )
    page = context.new_page()
    page.goto(path.as_uri())
    if variant in ("dark", "contrast", "light", "easy"):
        page.click("details.display-options summary")  # as a reader does
        page.check("#easy-reading" if variant == "easy" else f"#theme-{variant}")
    return page


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    assert result["passes"], "axe ran no checks at all"
    return [
        {"rule": v["id"], "help": v["help"], "where": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def _style(page) -> dict[str, str]:
    return page.evaluate(
        """() => { const s = getComputedStyle(document.body);
                   return {background: s.backgroundColor, color: s.color,
                           size: s.fontSize, spacing: s.wordSpacing}; }"""
    )


def _scrolls_sideways(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


SCREEN_VARIANTS = [
    "default",
    "dark",
    "contrast",
    "easy",
    "system-dark",
    "system-more-contrast",
]


@pytest.mark.parametrize("variant", SCREEN_VARIANTS)
def test_brief_passes_axe_in_every_display_variant(browser, pages, variant: str) -> None:
    page = _open(browser, pages["brief"], variant)
    assert _axe(page) == []
    page.set_viewport_size({"width": 640, "height": 900})  # a 1280 px window at 200% zoom
    assert not _scrolls_sideways(page)
    page.context.close()


@pytest.mark.parametrize("name", ["with-audio", "email", "baked-contrast-easy"])
def test_other_pages_pass_axe(browser, pages, name: str) -> None:
    page = _open(browser, pages[name])
    assert _axe(page) == []
    for width in (640, 320):  # 200% and 400% zoom
        page.set_viewport_size({"width": width, "height": 900})
        assert not _scrolls_sideways(page), width
    page.context.close()


def test_variants_really_change_the_page(browser, pages) -> None:
    looks = {}
    for variant in SCREEN_VARIANTS:
        page = _open(browser, pages["brief"], variant)
        looks[variant] = _style(page)
        page.context.close()
    assert looks["default"]["background"] == "rgb(255, 255, 255)"
    assert looks["dark"]["background"] == looks["system-dark"]["background"] == "rgb(18, 18, 18)"
    assert looks["contrast"]["background"] == "rgb(0, 0, 0)"
    assert looks["contrast"] == looks["system-more-contrast"]
    assert float(looks["easy"]["size"][:-2]) >= 1.2 * float(looks["default"]["size"][:-2])
    assert looks["easy"]["spacing"] != looks["default"]["spacing"]
    baked = _open(browser, pages["baked-contrast-easy"])
    assert _style(baked)["background"] == "rgb(0, 0, 0)"
    assert _style(baked)["size"] == looks["easy"]["size"]
    baked.click("details.display-options summary")
    baked.check("#theme-light")
    baked.uncheck("#easy-reading")  # the reader's choice beats the baked default
    assert _style(baked) == looks["default"]
    baked.context.close()


def test_no_justified_text_when_reading_is_easier(browser, pages) -> None:
    page = _open(browser, pages["brief"], "easy")
    aligns = page.evaluate(
        "[...document.querySelectorAll('p, li, td')].map(e => getComputedStyle(e).textAlign)"
    )
    assert aligns and "justify" not in aligns
    page.context.close()


def test_keyboard_reaches_the_skip_link_and_display_options(browser, pages) -> None:
    page = _open(browser, pages["brief"])
    page.keyboard.press("Tab")
    skip = page.evaluate("[document.activeElement.textContent, document.activeElement.hash]")
    assert skip == ["Skip to the brief", "#main"]
    box = page.evaluate("JSON.stringify(document.activeElement.getBoundingClientRect())")
    assert '"x":-' not in box  # shown on screen once focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Display options"
    page.keyboard.press("Enter")  # opens the details
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "theme-auto"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # light, then dark
    assert page.evaluate("document.activeElement.id") == "theme-dark"
    assert _style(page)["background"] == "rgb(18, 18, 18)"
    page.context.close()


def test_axe_reports_what_it_should(browser, tmp_path) -> None:
    """The harness is live: a page with known faults gets exactly those reported."""
    faulty = tmp_path / "faulty.html"
    faulty.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Faulty</title></head><body><main>'
        '<h1>Faulty</h1><img src="x.png"><p style="color:#bbb;background:#fff">Faint text</p>'
        "</main></body></html>"
    )
    page = _open(browser, faulty)
    assert {v["rule"] for v in _axe(page)} == {"image-alt", "color-contrast"}
    page.context.close()


def test_tables_reflow_on_a_phone_without_splitting_words(browser, pages) -> None:
    """At 390 px each row is a block of labelled lines: no column is squeezed until
    "percent" breaks as "pe rce nt", and nothing scrolls sideways."""
    page = _open(browser, pages["brief"], width=390)
    cells = page.evaluate(
        """() => Array.from(document.querySelectorAll("td")).map(td => {
             const table = td.closest("table").getBoundingClientRect().width;
             const words = td.textContent.split(/\\s+/).filter(w => w.length > 3);
             return {share: td.getBoundingClientRect().width / table,
                     label: getComputedStyle(td, "::before").content,
                     wrap: getComputedStyle(td).overflowWrap, words: words.length}; })"""
    )
    assert cells, "the examples' brief has tables"
    for cell in cells:
        assert cell["share"] > 0.9  # the whole width, not a third of it
        assert cell["label"] not in ("none", "normal", '""')  # the column's name goes with it
        assert cell["wrap"] != "anywhere"
    assert not _scrolls_sideways(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    share = page.evaluate(
        "document.querySelector('td').getBoundingClientRect().width"
        " / document.querySelector('table').getBoundingClientRect().width"
    )
    assert share < 0.6  # a wide screen keeps the table
    page.context.close()
