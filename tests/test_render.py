"""Renderers: accessible self-contained HTML, Markdown, text, JSON and user templates."""

from __future__ import annotations

import html
import itertools
import json
import re
from pathlib import Path

import html5lib
import pytest

from briefing import __version__, build_brief
from briefing.errors import TemplateError
from briefing.models import Brief
from briefing.render import render

NS = {"h": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def brief(examples_dir: Path, encoder) -> Brief:
    return build_brief([examples_dir], encoder=encoder)


@pytest.fixture(scope="module")
def documents(brief: Brief) -> dict[str, str]:
    return {name: text for name, (_, text) in render(brief).items()}


def _tree(html: str):
    return html5lib.parse(html, namespaceHTMLElements=True)


def test_html_is_accessible_and_self_contained(documents: dict[str, str]) -> None:
    html = documents["html"]
    tree = _tree(html)
    assert tree.get("lang") == "en"
    assert len(tree.findall(".//h:h1", NS)) == 1
    assert tree.find(".//h:header", NS) is not None
    assert tree.find(".//h:nav", NS) is not None
    assert tree.find(".//h:main", NS) is not None
    assert tree.find(".//h:footer", NS) is not None
    skip = tree.find(".//h:body/h:a", NS)
    assert skip.get("href") == "#main" and tree.find(".//*[@id='main']") is not None
    levels = [int(el.tag[-1]) for el in tree.iter() if re.fullmatch(r".*\}h[1-6]", el.tag)]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    assert not re.search(r"""(?:src|href)=["']https?://""", html), "no external requests"
    assert "<script" not in html and "<link" not in html
    for table in tree.findall(".//h:table", NS):
        assert table.find("h:caption", NS) is not None
        assert all(th.get("scope") for th in table.findall(".//h:th", NS))


def test_every_link_points_at_an_existing_anchor(documents: dict[str, str]) -> None:
    tree = _tree(documents["html"])
    ids = {el.get("id") for el in tree.iter() if el.get("id")}
    targets = [
        a.get("href")[1:]
        for a in tree.iter("{{{}}}a".format(NS["h"]))
        if a.get("href", "").startswith("#")
    ]
    assert targets and not [t for t in targets if t not in ids]


def test_summary_points_link_to_their_source_sentence(
    brief: Brief, documents: dict[str, str]
) -> None:
    tree = _tree(documents["html"])
    by_id = {el.get("id"): el for el in tree.iter() if el.get("id")}
    for summary in brief.summaries:
        for point in summary.points:
            assert "".join(by_id[point.anchor].itertext()) == point.text


def test_markdown_and_text_carry_the_same_brief(brief: Brief, documents: dict[str, str]) -> None:
    for name in ("md", "txt"):
        flat = " ".join(documents[name].split())
        for article in brief.articles:
            assert " ".join(article.title.split()) in flat
        for point in brief.comparison.overview:
            assert point.text in flat, (name, point.text)
    assert documents["md"].startswith("# Port Halden congestion charge")
    assert max(len(line) for line in documents["txt"].splitlines()) <= 78


def test_json_has_the_whole_brief_and_a_version(brief: Brief, documents: dict[str, str]) -> None:
    data = json.loads(documents["json"])
    assert data["version"] == 3 and data["generator"] == f"briefing {__version__}"
    said = data["comparison"]["bottom_line"]["sentences"]
    assert said and all(s["evidence"] and s["text"] for s in said)
    assert [a["title"] for a in data["articles"]] == [a.title for a in brief.articles]
    assert data["articles"][3]["published"] == "2025-12-01T21:45:00"
    assert len(data["comparison"]["themes"]) == len(brief.comparison.themes)
    assert data["summaries"][0]["points"][0]["sentence"] == brief.summaries[0].points[0].sentence
    shift = data["comparison"]["framing"][0]
    assert {"new_terms", "tone", "undated", "series"} <= set(shift)
    assert [t["label"] for t in data["comparison"]["themes"]] == [
        t.label for t in brief.comparison.themes
    ]


def test_every_format_shows_labels_differ_points_and_framing(
    brief: Brief, documents: dict[str, str]
) -> None:
    comparison = brief.comparison
    tone = next(s.tone for s in comparison.framing if s.tone)
    said = "similar tone" if tone.change == "similar" else f"turned {tone.change}"
    script = render(brief, ["script"])["script"][1]
    for name in ("html", "md", "txt"):
        flat = " ".join(html.unescape(documents[name]).split())
        for theme in comparison.themes:
            assert theme.label[:1].upper() + theme.label[1:] in flat, (name, theme.label)
        for point in comparison.unique:
            assert " ".join(point.text.split()) in flat, (name, point.text)
        assert said in flat, name
        assert comparison.framing[0].new_terms[0].term in flat, name
    assert comparison.themes[0].label in " ".join(script.split())


def test_markdown_timeline_one_item_a_line(documents: dict[str, str]) -> None:
    timeline = documents["md"].split("## Timeline")[1].split("##")[0]
    items = [line for line in timeline.splitlines() if line.startswith("- **")]
    assert len(items) == 4 and all(line.count("- **") == 1 for line in items)


def test_user_templates_override_and_fall_back(brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text("Custom: {{ brief.title }} ({{ articles | length }})\n")
    documents = render(brief, ["md", "txt"], tmp_path)
    assert documents["md"][1] == "Custom: Port Halden congestion charge (4)\n"
    assert documents["txt"][1].startswith("PORT HALDEN CONGESTION CHARGE")


def test_broken_template_names_file_and_line(brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text("ok\n{% for x in %}\n")
    with pytest.raises(TemplateError, match=r"brief\.md\.j2:2: "):
        render(brief, ["md"], tmp_path)
    (tmp_path / "brief.md.j2").write_text("line one\n\n{{ brief.no_such_field }}\n")
    with pytest.raises(TemplateError, match=r"brief\.md\.j2:3: UndefinedError"):
        render(brief, ["md"], tmp_path)
