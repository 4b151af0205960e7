"""Briefs of real multi-article stories (the Multi-News dev clusters) never show chrome.

The clusters whose scraped documents carry photo credits, captions or a
video player's controls are briefed (text format) and searched for the chrome
strings and for the false "every main point" sentence: the comparison's
sections (the bottom line to the framing) and the article names. The figures'
and sources' quoted contexts quote the cleaned text as ingest leaves it.
Skipped where the development data (../shared/devdata) is not present.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing import build_brief
from briefing.render import render

DEVDATA = Path(__file__).resolve().parents[2] / "shared" / "devdata" / "multinews-dev.jsonl"
CHROME = (
    "Image copyright",
    "Image caption",
    "Full Screen Autoplay",
    "Skip Ad",
    "Media playback is unsupported",
)
FALSE_CLAIM = "Every main point appears in more than one article"
MAX_CLUSTERS = 8


def chrome_clusters() -> list[dict]:
    if not DEVDATA.is_file():
        pytest.skip(f"development data not found at {DEVDATA}")
    lines = DEVDATA.read_text(encoding="utf-8").splitlines()
    examples = [json.loads(line) for line in lines if line.strip()]
    marked = [e for e in examples if any(c in d for d in e["documents"] for c in CHROME)]
    return marked[:MAX_CLUSTERS]


@pytest.mark.slow
def test_no_brief_of_a_real_story_shows_chrome_or_claims_everything_is_shared(
    encoder, tmp_path: Path
) -> None:
    clusters = chrome_clusters()
    assert clusters, "the dev set has clusters with chrome"
    for example in clusters:
        folder = tmp_path / example["id"]
        folder.mkdir()
        for n, document in enumerate(example["documents"]):
            (folder / f"{n + 1:02d}.txt").write_text(document, encoding="utf-8")
        brief = build_brief([folder], encoder=encoder, title=example["id"][:40])
        whole = render(brief, ["txt"])["txt"][1]
        assert isinstance(whole, str)
        text = whole[: whole.index("KEY FIGURES")]
        for chrome in CHROME:
            assert chrome not in text, (example["id"], chrome)
        assert FALSE_CLAIM not in text, example["id"]
