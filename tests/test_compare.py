"""The comparison stage on the shipped examples and on hand-made cases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing import build_brief
from briefing.compare import compare
from briefing.compare.chronology import span_between
from briefing.ingest import load_articles
from briefing.models import Brief
from briefing.pipeline import brief_title
from briefing.render.filters import span


@pytest.fixture(scope="module")
def brief(examples_dir: Path, encoder) -> Brief:
    return build_brief([examples_dir], encoder=encoder)


def test_chronology_orders_by_date_and_measures_gaps(brief: Brief) -> None:
    chronology = brief.comparison.chronology
    assert [e.article_id for e in chronology.entries] == ["a1", "a2", "a3", "a4"]
    assert span(chronology.span) == "4 years 8 months"
    assert span(chronology.entries[1].gap_from_previous) == "2 years 2 months"
    assert chronology.undated == ()


def test_span_wording() -> None:
    from datetime import date

    from briefing.render.filters import after_previous, apart

    assert span(span_between(date(2021, 1, 1), date(2025, 11, 1))) == "4 years 10 months"
    assert span(span_between(date(2025, 1, 1), date(2025, 1, 18))) == "17 days"
    assert span(span_between(date(2025, 1, 1), date(2025, 1, 1))) == "the same day"
    same = span_between(date(2025, 1, 1), date(2025, 1, 1))
    assert apart(same) == "on the same day"  # never "published the same day apart"
    assert after_previous(same) == "the same day as the previous article"
    assert apart(span_between(date(2021, 1, 1), date(2025, 11, 1))) == "4 years 10 months apart"


def test_themes_are_backed_by_several_articles(brief: Brief) -> None:
    themes = brief.comparison.themes
    assert len(themes) >= 3
    for theme in themes:
        assert len(theme.article_ids) >= 2
        assert len(theme.article_ids) == len(theme.points)  # one sentence per article
        for point in theme.points:
            assert point.text == brief.article(point.article_id).sentences[point.sentence].text
    polls = [t for t in themes if {"research", "institute"} <= set(t.keywords)]
    assert polls, "both polls by the Halden Research Institute should form one theme"
    labels = [t.label.lower() for t in themes]
    assert len(set(labels)) == len(labels)


def test_duplicates_found_blockwise_match_the_pairwise_measure(examples_dir: Path) -> None:
    from briefing.compare.duplicates import find_duplicates, shingle_matrix

    articles, _ = load_articles([examples_dir])
    matrix, sizes = shingle_matrix(articles)
    shared = (matrix @ matrix.T).toarray()
    sets = [set(map(tuple, _windows(a))) for a in articles]
    for i, j in [(0, 1), (1, 3), (2, 3)]:
        expected = containment(sets[i], sets[j])
        assert abs(shared[i, j] / min(sizes[i], sizes[j]) - expected) < 1e-6
    assert find_duplicates(articles) == []


def test_duplicates_counted_pair_by_pair_match_the_sparse_blocks(examples_dir: Path) -> None:
    from dataclasses import replace

    from briefing.compare.duplicates import find_duplicates

    articles, _ = load_articles([examples_dir])
    wire = [replace(a, id=f"{a.id}-copy", paragraphs=a.paragraphs[1:]) for a in articles[:3]]
    mixed = [*articles, *wire, replace(articles[1], id="again")]
    by_pairs = find_duplicates(mixed, few=len(mixed))
    assert by_pairs == find_duplicates(mixed, few=0)  # the sparse blocks
    assert {(d.article_id, d.duplicate_of) for d in by_pairs} >= {
        (w.id, a.id) for w, a in zip(wire, articles[:3], strict=True)
    }


def test_a_brief_of_a_few_articles_never_imports_scipy(examples_dir: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from briefing.ingest import load_articles;"
        "from briefing.compare.duplicates import find_duplicates;"
        f"find_duplicates(load_articles([{str(examples_dir)!r}])[0]); print('scipy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]


def containment(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    """Shared shingles as a share of the smaller set: what the matrix computes, pair by pair."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _windows(article):
    from briefing.text import words

    tokens = words(" ".join(article.paragraphs))
    return [tokens[i : i + 5] for i in range(len(tokens) - 4)]


def test_unique_points_are_not_echoed_elsewhere(brief: Brief, encoder) -> None:
    assert brief.comparison.unique
    for point in brief.comparison.unique:
        others = [s.text for a in brief.articles if a.id != point.article_id for s in a.sentences]
        similarity = encoder.encode([point.text]) @ encoder.encode(others).T
        assert similarity.max() < 0.5


def test_framing_goes_from_earlier_to_later(brief: Brief) -> None:
    assert brief.comparison.framing
    for shift in brief.comparison.framing:
        earlier = brief.article(shift.earlier.article_id).published_date
        later = brief.article(shift.later.article_id).published_date
        assert earlier < later


def test_overview_is_short_and_non_redundant(brief: Brief, encoder) -> None:
    overview = brief.comparison.overview
    assert len(overview) >= 2 and sum(len(p.text.split()) for p in overview) <= 120
    assert len({p.article_id for p in overview}) >= 2
    vectors = encoder.encode([p.text for p in overview])
    similarity = vectors @ vectors.T
    assert (similarity[~__import__("numpy").eye(len(overview), dtype=bool)] < 0.8).all()


def test_figures_and_cited_sources(brief: Brief) -> None:
    figures = {(f.article_id, f.kind, f.value) for f in brief.comparison.figures}
    assert ("a4", "money", "$38 million") in figures
    assert ("a2", "percent", "58 percent") in figures
    assert ("a2", "quantity", "1,200 adults") in figures
    cited = {(c.article_id, c.kind, c.name) for c in brief.comparison.citations}
    assert ("a2", "poll", "Halden Research Institute") in cited
    assert ("a4", "person", "Hannah Kurz") in cited
    assert ("a1", "organisation", "Port Halden Chamber of Commerce") in cited
    for citation in brief.comparison.citations:
        assert citation.name in brief.article(citation.article_id).sentences[citation.sentence].text


def test_duplicate_article_is_reported_not_double_counted(
    tmp_path: Path, examples_dir: Path, encoder
) -> None:
    original = examples_dir / "01-courier-2021.txt"
    copy = tmp_path / "wire-copy.txt"
    text = original.read_text().replace("Port Halden Courier", "Wire Service Daily")
    copy.write_text("Wire Service Daily\n" + text)
    shutil.copy(examples_dir / "02-metro-daily-2023.txt", tmp_path / "other.txt")
    articles, _ = load_articles([original, copy, tmp_path / "other.txt"])
    comparison = compare(articles, encoder)
    assert [(d.article_id, d.duplicate_of) for d in comparison.duplicates] == [("a2", "a1")]
    for theme in comparison.themes:
        assert "a2" not in theme.article_ids
    assert all(f.article_id != "a2" for f in comparison.figures)


def test_one_article_says_no_comparison(examples_dir: Path, encoder) -> None:
    brief = build_brief([examples_dir / "03-opinion-review-2025.txt"], encoder=encoder)
    assert not brief.comparison.possible
    assert brief.comparison.themes == () and brief.comparison.unique == ()
    assert brief.comparison.overview
    assert brief.title == brief.articles[0].title


def test_brief_title_from_shared_words(brief: Brief) -> None:
    assert brief.title == "Port Halden congestion charge"
    assert brief_title(brief.articles[:1]) == brief.articles[0].title
