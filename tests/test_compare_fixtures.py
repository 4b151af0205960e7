"""The comparison on article sets written for it, each with an ``.expected.json``.

Checks what a reader relies on: theme labels are short noun phrases unique in
the brief, nothing that cannot stand alone represents an article (a sentence
that leans on the one before it appears only right after it, in the overview
and the summaries), "where they
differ" holds standalone points, framing names new terms and the tone's
direction, and sources carry no time words or job titles. The Multi-News
clusters are a smoke test of the same rules on real wire copy.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from briefing import build_brief, language
from briefing.compare import compare
from briefing.evaluate import load_examples
from briefing.ingest import article_from_text, load_articles
from briefing.models import Brief, Comparison, Point
from briefing.text import stands_after, stands_alone

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "compare"
SETS = ("wildfire-recovery", "school-meals", "river-bridge")
MULTINEWS = ROOT.parent / "shared" / "devdata" / "multinews-dev.jsonl"


@pytest.fixture(scope="module", params=SETS)
def case(request: pytest.FixtureRequest, encoder) -> tuple[Brief, dict]:
    name = request.param
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text())
    return build_brief([FIXTURES / name], encoder=encoder), expected


def representing(comparison: Comparison) -> list[Point]:
    """Every sentence the comparison shows as an article's point."""
    points = [p for t in comparison.themes for p in t.points] + list(comparison.unique)
    for shift in comparison.framing:
        points += [shift.earlier, shift.later, *shift.term_points]
        if shift.tone:
            points += [shift.tone.earlier_point, shift.tone.later_point]
    return points + list(comparison.overview)


def test_labels_are_short_and_unique(case: tuple[Brief, dict]) -> None:
    brief, expected = case
    themes = brief.comparison.themes
    assert len(brief.articles) == expected["articles"]
    assert len(themes) >= expected["min_themes"]
    labels = [t.label.lower() for t in themes]
    assert len(set(labels)) == len(labels), labels
    for theme in themes:
        assert 2 <= len(theme.label.split()) <= 6, theme.label
        words = {w.strip(".,'’").lower() for w in theme.label.split()}
        used = " ".join(p.text.lower() for p in theme.points)
        assert all(w in used for w in words), (theme.label, used)  # drawn from its sentences


def read_in_place(points: Sequence[Point]) -> bool:
    """Each point stands alone, or follows the sentence it leans on, shown right before it."""
    for n, point in enumerate(points):
        if stands_alone(point.text):
            continue
        before = points[n - 1] if n else None
        if not (
            stands_after(point.text)
            and before is not None
            and before.article_id == point.article_id
            and before.sentence == point.sentence - 1
        ):
            return False
    return True


def test_nothing_that_cannot_stand_alone_represents_an_article(case: tuple[Brief, dict]) -> None:
    brief, expected = case
    comparison = brief.comparison
    shown = representing(comparison) + [p for s in brief.summaries for p in s.points]
    for point in representing(replace(comparison, overview=())):
        assert stands_alone(point.text), point.text
    assert read_in_place(comparison.overview), comparison.overview
    for summary in brief.summaries:
        assert read_in_place(summary.points), summary.points
    for text in expected["never_representing"]:
        assert all(text not in p.text for p in shown), text


def test_differ_points_stand_alone_and_are_expected(case: tuple[Brief, dict]) -> None:
    brief, expected = case
    unique = brief.comparison.unique
    assert unique and all(stands_alone(p.text) for p in unique)
    for text in expected["differ_include"]:
        assert any(text in p.text for p in unique), (text, [p.text for p in unique])


def test_framing_terms_and_tone(case: tuple[Brief, dict]) -> None:
    brief, expected = case
    framing, want = brief.comparison.framing, expected["framing"]
    if want is None:
        assert framing == ()
        assert len(brief.comparison.chronology.undated) == expected["undated"]
        return
    assert framing
    terms = {t.term for s in framing for t in s.new_terms}
    words = {w for term in terms for w in term.lower().split()}
    assert words & set(want["new_terms_any"]), terms
    for term in (t for s in framing for t in s.new_terms):  # noun phrases, never verb forms
        doc = language.parse_one(term.points[0].text)
        start = term.points[0].text.lower().index(term.term.lower())
        head = doc.char_span(start, start + len(term.term), alignment_mode="expand")[-1]
        assert head.pos_ in ("NOUN", "PROPN"), (term.term, head.pos_)
    for shift in framing:
        for term in shift.new_terms:
            assert all(term.term.lower() in p.text.lower() for p in term.points)
            earliest = brief.article(shift.earlier.article_id)
            assert term.term.lower() not in " ".join(earliest.paragraphs).lower()
    if want["tone"]:
        assert any(s.tone and s.tone.change == want["tone"] for s in framing)


def test_sources_are_named_precisely(case: tuple[Brief, dict]) -> None:
    brief, expected = case
    cited = {(c.name, c.kind) for c in brief.comparison.citations}
    for name, kind in expected["cited"]:
        assert (name, kind) in cited, cited
    names = {name for name, _ in cited}
    for name in expected["not_cited"]:
        assert name not in names, cited
    for citation in brief.comparison.citations:
        assert citation.name in citation.context


@pytest.mark.slow
@pytest.mark.skipif(not MULTINEWS.exists(), reason="the Multi-News dev set is not here")
def test_multinews_clusters_smoke(encoder) -> None:
    """Real wire clusters: no crash, unique labels, only standalone sentences shown."""
    for example in load_examples(MULTINEWS)[:8]:
        articles = []
        for n, text in enumerate(example.documents):
            try:
                articles.append(article_from_text(text, f"{example.id}#{n}", f"a{n + 1}"))
            except Exception:  # junk documents are left out, as the brief does
                continue
        comparison = compare(articles, encoder)
        labels = [t.label.lower() for t in comparison.themes]
        assert len(set(labels)) == len(labels), labels
        assert all(2 <= len(label.split()) <= 6 for label in labels), labels
        for point in representing(replace(comparison, overview=())):
            assert stands_alone(point.text), point.text
        assert read_in_place(comparison.overview), comparison.overview


def test_load_articles_reads_every_fixture_set() -> None:
    for name in SETS:
        articles, skipped = load_articles([FIXTURES / name])
        assert articles and not skipped
