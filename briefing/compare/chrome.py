"""Page chrome that scraped text keeps: photo credits and captions, video-player controls.

Ingest removes what it recognises; what is left must never lead an overview,
name a theme or count as a point. The markers are the fixed strings news
sites' templates print around pictures and players (BBC: "Image copyright ...
Image caption", "Media playback is unsupported on your device"; USA Today and
AP: "(Photo: ...)", "AP Photo/"; slide-show widgets: "1 of 22 Full Screen
Autoplay Close Skip Ad"); they were collected from the Multi-News clusters
and the scraped pages in the test data, and none of them occurs in a sentence
of reporting.
"""

from __future__ import annotations

import re

MARKERS = (
    r"\bImage copyright\b",
    r"\bImage caption\b",
    r"\bMedia playback is unsupported\b",
    r"\bMedia caption\b",
    r"\bFull Screen\b.*\b(?:Autoplay|Close|Skip Ad)\b",
    r"\bSkip Ad\b",
    r"\bAutoplay\b",
    r"\(Photo(?: by)?:?\s",
    r"\bAP Photo/",
    r"\bBuy Photo\b",
    r"\bView Photos?\b",
    r"\bStory Highlights\b",
    r"/\s?Getty Images\b",
    r"\bImage (?:source|credit)\b",
    r"\bPhoto(?:graph)?: [A-Z][\w.]*(?: [A-Z][\w.]*)*(?:/|,| for\b|$)",
)
"""Each marker matches chrome only: a credit, a caption label or a player control."""
_CHROME = re.compile("|".join(MARKERS))


def is_chrome(text: str) -> bool:
    """Whether a sentence (or phrase) is, or carries, page chrome."""
    return bool(_CHROME.search(text))
