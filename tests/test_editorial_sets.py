"""The annotated editorial sets (tests/data/editorial_sets): labels, bottom line, positions.

Each set is a folder of articles in the layouts news sites publish (scraped
text with chrome, Markdown with front matter, bylines in several forms) and an
``expected.toml``: the facts the bottom line must state and the strings no
brief may show, the positions (stances and affiliations), the number of
framing shifts, and a checklist of the story's facts for the overview.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from briefing import build_brief, language
from briefing.models import Brief
from briefing.render import render

SETS = Path(__file__).resolve().parent / "data" / "editorial_sets"
NAMES = sorted(p.name for p in SETS.iterdir() if p.is_dir())


@pytest.fixture(scope="module", params=NAMES)
def case(request: pytest.FixtureRequest, encoder) -> tuple[Brief, dict, dict[str, str]]:
    folder = SETS / request.param
    expected = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
    brief = build_brief([folder], encoder=encoder)
    formats = ("txt", "md", "html", "json", "script")
    documents = {name: str(content) for name, (_, content) in render(brief, formats).items()}
    return brief, expected, documents


def bottom_section(text: str) -> str:
    return text[text.index("THE BOTTOM LINE") : text.index("OVERVIEW")]


def test_theme_labels_are_noun_phrases(case) -> None:
    brief, expected, _ = case
    assert len(brief.articles) == expected["articles"]
    for theme in brief.comparison.themes:
        assert 2 <= len(theme.label.split()) <= 6, theme.label
        holder = next(p.text for p in theme.points if theme.label in p.text)
        start = holder.index(theme.label)
        doc = language.parse_one(holder)
        span = doc.char_span(start, start + len(theme.label), alignment_mode="expand")
        assert span[-1].pos_ in ("NOUN", "PROPN"), (theme.label, span[-1].pos_)
        assert not any(t.pos_ in ("VERB", "AUX") for t in span), theme.label


def test_the_bottom_line_comes_first_and_states_the_facts(case) -> None:
    _, expected, documents = case
    text = " ".join(bottom_section(documents["txt"]).split())
    for fact in expected["bottom_line"]["facts"]:
        assert fact in text, (fact, text)
    for name in ("txt", "md", "html", "script"):
        for never in expected["bottom_line"]["never"]:
            assert never not in documents[name], (name, never)
    md, html, script = documents["md"], documents["html"], documents["script"]
    assert md.index("## The bottom line") < md.index("## Overview")
    assert html.index('id="bottom-line"') < html.index('id="overview"')
    assert script.splitlines()[2] == "## The bottom line"
    said = json.loads(documents["json"])["comparison"]["bottom_line"]["sentences"]
    assert 1 <= len(said) <= 4
    for sentence in said:
        for evidence in sentence["evidence"]:
            assert f'id="{evidence["anchor"]}"' in html  # each sentence links to its evidence


def test_positions_are_told_apart_from_change(case) -> None:
    brief, expected, documents = case
    positions = brief.comparison.positions
    want = expected["positions"]
    assert len(positions) == want["count"]
    if want["count"]:
        assert sorted(p.stance for p in positions) == sorted(want["stances"])
        assert [p.affiliation for p in positions] == want["affiliations"]
        assert "argue opposite ways" in " ".join(bottom_section(documents["txt"]).split())
    if "framing" in expected:
        shifts = len(brief.comparison.framing)
        assert expected["framing"]["min_shifts"] <= shifts, shifts
        assert shifts <= expected["framing"].get("max_shifts", shifts), shifts


def test_where_they_differ_never_claims_everything_is_shared(case) -> None:
    _, _, documents = case
    for name in ("txt", "md", "html", "script"):
        assert "Every main point appears in more than one article" not in documents[name]
