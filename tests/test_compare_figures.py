"""Article labels, figure series and same-day conflicts on hand-written article sets.

Each set in ``tests/fixtures/compare/fig-*`` has an ``.expected.json`` beside
it with the labels, series and conflicts a reader would name by hand.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from briefing import build_brief
from briefing.compare.reading import read_articles
from briefing.compare.tracked import track_figures
from briefing.models import Brief, FigureConflict, FigureSeries
from briefing.render import render

SETS = Path(__file__).resolve().parent / "fixtures" / "compare"
FIGURE_SETS = sorted(p for p in SETS.glob("fig-*") if p.is_dir())
FORMATS = ["html", "md", "txt", "json", "script"]


def expected(folder: Path) -> dict:
    return json.loads((folder.parent / f"{folder.name}.expected.json").read_text("utf-8"))


@pytest.fixture(scope="module", params=FIGURE_SETS, ids=lambda p: p.name)
def built(request: pytest.FixtureRequest, encoder) -> tuple[Brief, dict]:
    return build_brief([request.param], encoder=encoder), expected(request.param)


def series_rows(series: FigureSeries) -> list[list[str]]:
    return [[v.value, v.article_id, v.published.isoformat(), v.status] for v in series.values]


def conflict_rows(conflict: FigureConflict) -> list[list[str]]:
    return sorted([v.value, v.article_id] for v in conflict.values)


def test_sets_exist() -> None:
    assert len(FIGURE_SETS) >= 4


def test_labels_are_unique_and_as_expected(built: tuple[Brief, dict]) -> None:
    brief, want = built
    labels = [a.label for a in brief.articles]
    assert labels == want["labels"]
    assert len(set(labels)) == len(labels)


def test_no_format_says_unknown_outlet(built: tuple[Brief, dict]) -> None:
    brief, _want = built
    for name, (_ext, text) in render(brief, FORMATS).items():
        assert "unknown outlet" not in text.lower(), name
        assert "unnamed outlet" not in text.lower(), name
    assert not brief.title.startswith("Brief:")


def test_series_match_the_expected_ones(built: tuple[Brief, dict]) -> None:
    brief, want = built
    assert [series_rows(s) for s in brief.comparison.series] == [
        s["values"] for s in want["series"]
    ]
    for series in brief.comparison.series:
        days = [v.published for v in series.values]
        assert days == sorted(days)


def test_conflicts_match_the_expected_ones(built: tuple[Brief, dict]) -> None:
    brief, want = built
    found = [
        (c.unit, c.published.isoformat(), conflict_rows(c)) for c in brief.comparison.conflicts
    ]
    assert found == [
        (c["unit"], c["published"], sorted([v[0], v[1]] for v in c["values"]))
        for c in want["conflicts"]
    ]


def test_conflicts_link_both_sides_in_html(built: tuple[Brief, dict]) -> None:
    brief, _want = built
    html = render(brief, ["html"])["html"][1]
    for conflict in brief.comparison.conflicts:
        for value in conflict.values:
            assert f'href="#{value.anchor}"' in html


def test_no_metadata_title_is_the_shared_subject(encoder) -> None:
    folder = SETS / "fig-no-metadata"
    brief = build_brief([folder], encoder=encoder)
    assert expected(folder)["title_contains"] in brief.title


def test_scraped_residue_outlets_authors_and_notes(encoder) -> None:
    folder = SETS / "fig-scraped-residue"
    want = expected(folder)
    brief = build_brief([folder], encoder=encoder)
    for article, article_want in zip(brief.articles, want["articles"], strict=True):
        assert article.outlet == article_want["outlet"]
        assert list(article.authors) == article_want["authors"]
        assert list(article.author_notes) == article_want["author_notes"]
    removed = brief.articles[0].removed
    for text in want["removed_include"]:
        assert text in removed
    script = render(brief, ["script"])["script"][1]
    for token in want["never_outlet"]:
        assert all(a.outlet != token for a in brief.articles)
        assert f"{token} both" not in script and f"and {token}" not in script


def test_a_change_over_time_is_never_a_conflict(encoder) -> None:
    brief = build_brief([SETS / "fig-same-day-toll"], encoder=encoder)
    assert brief.comparison.conflicts
    spread = [
        replace(a, published=date(2024, 3, 8) + timedelta(days=30 * n))
        for n, a in enumerate(brief.articles)
    ]
    series, conflicts = track_figures(read_articles(spread))
    assert conflicts == []
    assert any({"a1", "a2"} <= {v.article_id for v in s.values} for s in series)


def test_examples_track_support_and_revenue(brief_examples: Brief) -> None:
    series = {s.label: s for s in brief_examples.comparison.series}
    support = series["Support"]
    assert [(v.value, v.article_id) for v in support.values] == [
        ("34 percent", "a2"),
        ("54 percent", "a4"),
    ]
    assert support.direction == "rose"
    revenue = next(s for s in series.values() if s.unit == "dollars")
    statuses = [(v.value, v.status) for v in revenue.values]
    assert ("$45 million", "forecast") in statuses and ("$38 million", "outcome") in statuses
    assert brief_examples.comparison.conflicts == ()
    script = render(brief_examples, ["script"])["script"][1]
    assert "Support rose from 34 percent in June 2023 to 54 percent" in script


@pytest.fixture(scope="module")
def brief_examples(examples_dir: Path, encoder) -> Brief:
    return build_brief([examples_dir], encoder=encoder)


def test_json_carries_labels_series_and_conflicts(encoder) -> None:
    brief = build_brief([SETS / "fig-same-day-toll"], encoder=encoder)
    data = json.loads(render(brief, ["json"])["json"][1])
    assert [a["label"] for a in data["articles"]] == [a.label for a in brief.articles]
    conflict = data["comparison"]["conflicts"][0]
    assert conflict["published"] == "2024-03-08"
    assert {v["sentence"] for v in conflict["values"]} == {0}
    assert data["comparison"]["series"] == []


DEVDATA = Path(__file__).resolve().parent.parent.parent / "shared" / "devdata"


@pytest.mark.slow
@pytest.mark.skipif(not DEVDATA.exists(), reason="../shared/devdata is not available")
def test_multinews_labels_are_distinct_and_tracking_runs() -> None:
    """Smoke test on Multi-News clusters: plain text, no metadata at all."""
    from briefing.compare.labels import label_articles
    from briefing.errors import InputError
    from briefing.ingest import article_from_text
    from briefing.ingest.outlets import attribute_outlets
    from briefing.pipeline import brief_title

    rows = [json.loads(line) for line in (DEVDATA / "multinews-dev.jsonl").open()]
    for row in rows:
        articles = []
        for n, text in enumerate(row["documents"]):
            try:
                articles.append(article_from_text(text, f"Doc{n}", f"a{n + 1}"))
            except InputError:
                continue
        if not articles:
            continue
        labelled = label_articles(attribute_outlets(articles))
        labels = [a.label for a in labelled]
        assert len(set(labels)) == len(labels), row["id"]
        assert not any("unknown" in label.lower() for label in labels)
        assert not brief_title(labelled).startswith("Brief:")
        series, conflicts = track_figures(read_articles(labelled))
        assert all(len({v.article_id for v in s.values}) >= 2 for s in series)
        assert all(c.published or not c.dated or c.values[0].when for c in conflicts)


def test_narration_says_a_series_and_its_forecast_apart(encoder) -> None:
    brief = build_brief([SETS / "fig-reservoir-three-dates"], encoder=encoder)
    script = render(brief, ["script"])["script"][1]
    assert "fell from 62 percent in January 2024" in script
    assert "to 31 percent in August 2024. It is forecast to reach 25 percent." in script


def _article(n: int, source: str, title: str, outlet: str | None, day: date | None):
    from briefing.models import Article

    return Article(f"a{n}", source, title, ("Text.",), (), outlet=outlet, published=day)


def test_labels_fall_back_and_stay_unique() -> None:
    from briefing.compare.labels import label_articles

    day = date(2024, 3, 8)
    articles = [
        _article(
            1, "x/one.txt", "Rail tunnel collapse near Brennor leaves dozens dead", "Post", day
        ),
        _article(2, "x/two.txt", "Families wait for news after the disaster", "Post", day),
        _article(3, "x/three.txt", "Minister promises inquiry", None, None),
        _article(4, "x/doc0.txt", "Doc0", None, None),
        _article(5, "y/doc0.txt", "Doc0", None, None),
    ]
    labels = [a.label for a in label_articles(articles)]
    assert labels == [
        "Post, 8 March 2024: Rail tunnel collapse near Brennor leaves…",
        "Post, 8 March 2024: Families wait for news…",
        "Minister promises inquiry",
        "doc0.txt",
        "doc0.txt (2)",
    ]


def test_deaths_and_injuries_are_never_one_quantity() -> None:
    from briefing.models import Article, Sentence

    def article(n: int, text: str) -> Article:
        sentence = Sentence(text, 0, 0)
        return Article(f"a{n}", f"{n}.txt", "T", (text,), (sentence,), published=date(2024, 3, 8))

    killed = article(1, "32 workers were killed when the rail tunnel near Brennor collapsed.")
    hurt = article(
        2, "Another 15 workers were injured when the rail tunnel near Brennor collapsed."
    )
    assert track_figures(read_articles([killed, hurt])) == ([], [])
    also_killed = article(
        3, "Officials said 41 workers were killed when the Brennor rail tunnel collapsed."
    )
    _series, conflicts = track_figures(read_articles([killed, hurt, also_killed]))
    assert [sorted(v.value for v in c.values) for c in conflicts] == [["32", "41"]]
    at_least = article(4, "At least 32 workers were killed in the Brennor rail tunnel collapse.")
    _series, conflicts = track_figures(read_articles([at_least, also_killed]))
    assert conflicts == []  # "at least 32" and 41 can both be true
