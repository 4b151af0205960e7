"""Recognise scraped pages that hold no article.

Scrapes of news links often return a notice instead of the story: a web
archive's boilerplate, a social-media widget, an error or sign-in page, a
video player's fallback text. They are short and mostly made of such
phrases; a long text that merely mentions one is still an article.
"""

from __future__ import annotations

import re

from briefing.errors import NotAnArticle

MAX_WORDS = 200
"""Longer texts are treated as articles whatever phrases they contain."""
MIN_SHARE = 0.4
"""Share of the words that sit in notice sentences for a text to count as one."""

NOTICES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "a web archive notice",
        re.compile(
            r"internet archive|wayback machine|web (?:crawls?|captures?|collections?)|crawl data"
            r"|archive-it|these crawls|archive (?:the )?pages|embargo period"
            r"|the version that was live",
            re.I,
        ),
    ),
    (
        "a social media widget",
        re.compile(
            r"\btweets?\b.{0,40}\blocation\b|location history|legacy twitter"
            r"|embed this (?:tweet|post)|follow us on|view this post on",
            re.I,
        ),
    ),
    (
        "an error page",
        re.compile(
            r"(?:page|article|story|content)\b.{0,30}\b"
            r"(?:not (?:be )?found|no longer (?:available|exists))"
            r"|\b(?:error )?404\b|\bpage (?:does not|doesn't) exist|go to the home ?page"
            r"|try again later|something went wrong|access denied",
            re.I,
        ),
    ),
    (
        "a browser or player message",
        re.compile(
            r"javascript (?:is )?(?:disabled|required)|enable javascript|unsupported browser"
            r"|(?:could|can) ?not be loaded|feature is not available"
            r"|video (?:is unavailable|has been)|rating is available|playback"
            r"|cookies? (?:policy|settings|are disabled)|we use cookies",
            re.I,
        ),
    ),
    (
        "a sign-in or paywall notice",
        re.compile(
            r"already a subscriber|subscribe (?:now )?to (?:continue|read)"
            r"|sign in to (?:continue|read)|create a (?:free )?account to|log in to continue",
            re.I,
        ),
    ),
)


def notice_kind(texts: list[str]) -> str | None:
    """Which kind of notice these sentences make up, or None for an article."""
    total = sum(len(t.split()) for t in texts)
    if not total or total > MAX_WORDS:
        return None
    weight: dict[str, int] = {}
    for text in texts:
        for kind, pattern in NOTICES:
            if pattern.search(text):
                weight[kind] = weight.get(kind, 0) + len(text.split())
                break
    if not weight or sum(weight.values()) < MIN_SHARE * total:
        return None
    return max(weight, key=weight.__getitem__)


def check_notice(blocks: list[str], source: str) -> None:
    """Raise :class:`NotAnArticle` when the text blocks make up a notice."""
    kind = notice_kind(blocks)
    if kind:
        raise NotAnArticle(source, f"this is {kind}, not an article")
