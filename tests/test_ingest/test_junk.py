"""Scraped pages that hold no article are recognised and left out, with a note."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefing.errors import NotAnArticle
from briefing.ingest import article_from_text, load_articles
from tests.test_cli import run

NOTICES = {
    "a web archive notice": "Since 2001 the Internet Archive has stored web captures of this "
    "site. New crawl data is added to the Wayback Machine after an embargo period.",
    "a social media widget": "Add a location to your Tweets\nWhen you tweet with a location, the "
    "service stores it. You can delete your location history at any time. Learn more",
    "an error page": "Oops! The page you were looking for could not be found.\n"
    "Go to the home page.",
    "a browser or player message": "We have detected that JavaScript is disabled in this browser. "
    "Please enable JavaScript to continue.",
    "a sign-in or paywall notice": "This story is for subscribers.\nAlready a subscriber? "
    "Sign in to continue reading.",
}
ARTICLE = "Library opens its web archive to the public\n\n" + " ".join(
    f"Archivists said on Monday that record number {n} from the Internet Archive and the "
    "Wayback Machine would be shown in the reading room, alongside letters from 1890."
    for n in range(12)
)


@pytest.mark.parametrize(("kind", "text"), NOTICES.items())
def test_notices_are_not_articles(kind: str, text: str) -> None:
    with pytest.raises(NotAnArticle) as caught:
        article_from_text(text, "notice.txt", "a1")
    assert caught.value.problem == f"this is {kind}, not an article"
    assert "notice.txt" in str(caught.value)


def test_a_long_article_that_mentions_an_archive_is_kept() -> None:
    article = article_from_text(ARTICLE, "archive-story.txt", "a1")
    assert len(article.sentences) == 12


@pytest.mark.slow
def test_junk_is_skipped_even_in_strict_mode(tmp_path: Path, examples_dir: Path) -> None:
    folder = tmp_path / "inputs"
    shutil.copytree(examples_dir, folder)
    (folder / "zz-notice.txt").write_text(NOTICES["an error page"], encoding="utf-8")
    articles, skipped = load_articles([folder], strict=True)
    assert len(articles) == 4
    assert [(Path(s.source).name, s.reason) for s in skipped] == [
        ("zz-notice.txt", "this is an error page, not an article")
    ]
    out = tmp_path / "out"
    done = run("build", folder, "-o", out, "--name", "b")
    assert done.returncode == 0, done.stderr
    assert "skipped" in done.stderr and "zz-notice.txt: this is an error page" in done.stderr
    brief = json.loads((out / "b.json").read_text(encoding="utf-8"))
    assert [Path(s["source"]).name for s in brief["skipped"]] == ["zz-notice.txt"]
    for suffix in (".md", ".txt", ".html"):
        flat = " ".join((out / f"b{suffix}").read_text(encoding="utf-8").split())
        assert "zz-notice.txt (this is an error page, not an article)" in flat, suffix
        assert "could not be found" not in flat


def test_all_junk_is_an_error(tmp_path: Path) -> None:
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICES["a web archive notice"], encoding="utf-8")
    done = run("build", notice, "-o", tmp_path / "out")
    assert done.returncode == 1
    assert done.stderr.strip().endswith("notice.txt: this is a web archive notice, not an article")
    assert not (tmp_path / "out").exists()
