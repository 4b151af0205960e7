"""Page chrome in scraped text: widgets, credits, captions, player controls, link lists.

Each pattern is a general shape of what news sites print around an article,
not one site's markup; :func:`is_chrome` is the one test the cleaner applies
to a block, and the cleaner keeps what it drops in ``removed``.
"""

from __future__ import annotations

import re

SEPARATORS = re.compile(r"\s+[|•·»›>/]\s+|\s*[|•·»›]\s*|\s{2,}")
DOMAIN = re.compile(
    r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|co|news|cn|uk|in|au|io|info)(?:\.[a-z]{2})?$",
    re.I,
)
_SOCIAL = frozenset(
    "share this article story on via facebook twitter x whatsapp linkedin email e-mail mail print "
    "copy copied link url reddit telegram pinterest weibo wechat messenger sms tweet "
    "flipboard".split()
)
_CREDIT = re.compile(
    r"\b(?:photo(?:graph)?s?|image|picture|illustration|graphic|video|credit)"
    r"\s*(?::|/|\bby\b|\bcourtesy\b)"
    r"|\[(?:photo|file photo|image)[^\]]*\]"
    r"|\((?:(?:ap |afp |file )?photo|reuters|afp|getty|xinhua)[^)]*\)"
    r"|getty images|shutterstock|\bfile photo\b"
    r"|\b(?:image|media|picture|photo|video),?\s+(?:copyright|caption|source)\b"
    r"|\b(?:toggle|hide|show) caption\b|\benlarge this image\b"
    r"|/\s*(?:getty|afp|reuters|ap|xinhua|vcg|epa|imaginechina)\b",
    re.IGNORECASE,
)
_CHROME = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|ad|comments?|\d+ comments?"
    r"|leave a comment|print|email|font size|a\+? ?a-?|back to top"
    r"|skip to (?:main )?content|loading\.*)$"
    r"|^(?:subscribe|sign up|sign in|log in|register|download our app)\b"
    r"|^(?:read more|read also|also read|see also|more|watch|listen|related)\s*[:>»]"
    r"|^(?:read more|click here|follow us\b.*)$"
    r"|^(?:tags?|topics?|keywords?|filed under|categor(?:y|ies)|editor|contact)\s*:"
    r"|^(?:edited by|translated by|compiled by|photo editor)\s"
    r"|^listen to (?:this|the) (?:article|story)|^\d+\s*min(?:ute)?s? read$"
    r"|^(?:story|article) continues (?:below|after)|^continue reading(?: the main story)?$"
    r"|^gift (?:this )?article$|^(?:save|saved|bookmark)$"
    r"|^(?:(?:last\s+)?updated|published|posted)(?:\s+on)?\s*:?\s*(?:\d{1,2}[:.]\d{2}\s*"
    r"(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?|\d+\s+(?:min(?:ute)?s?|hours?|days?)\s+ago"
    r"|yesterday|today|just now)$",
    re.IGNORECASE,
)
_PLAYER_MESSAGE = re.compile(
    r"^(?:media playback is (?:unsupported|not supported)|your (?:browser|device) (?:does not|"
    r"doesn't|cannot) (?:support|play)|this (?:video|clip|content) (?:is|has been) "
    r"(?:unavailable|not available|removed)|(?:up next|now playing)\b)",
    re.IGNORECASE,
)
PLAYER_WORDS = frozenset(
    "full screen fullscreen autoplay close skip ad ads watched watch play playing pause mute "
    "unmute replay next up previous prev of video videos now captions cc settings volume "
    "exit enter duration feedback".split()
)
"""The words of a video player's controls ("1 of 10 Full Screen Autoplay Close Skip Ad")."""
_PLAYER_SIGNS = frozenset(
    "fullscreen autoplay skip watched mute unmute replay pause play duration feedback".split()
)
"""Control words that never head a news text alone; one of them must be on the line."""

TRAILER = re.compile(
    r"^(?:related (?:posts?|articles?|stories|news|content|coverage|reading)"
    r"|you (?:may|might) also like|recommended(?: for you| stories)?"
    r"|most (?:read|popular|viewed)|trending(?: now)?"
    r"|more (?:from|on) .{1,40}|more stories|latest (?:news|stories)|top stories|editor'?s picks"
    r"|(?:previous|next|prev)\s+(?:article|story|post)\b.*)\s*:?$",
    re.IGNORECASE,
)


DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’ -]{1,30}(?:,\s*[A-Z][\w.'’ -]{1,30})?\s*)?"  # LONDON, England
    r"\((?:CNN|AP|AFP|Reuters|UPI|Xinhua|dpa|EFE|ANSA|Bloomberg|[A-Z]{2,6})\)"  # (Reuters)
    r"\s*(?:[-–—]{1,2}|:)?\s*"
    r"|^[A-Z][A-Z.'’ -]{2,30}(?:,\s*[A-Z][\w.'’ -]{1,30})?\s+[-–—]{1,2}\s+"  # NEW YORK --
)


def is_chrome(block: str) -> bool:
    """Widget wording, a photo credit or caption, a player control or a link-list marker."""
    words = len(block.split())
    if words <= 45 and _CREDIT.search(DATELINE.sub("", block, count=1)):
        return True
    if words <= 15 and (_CHROME.match(block) or TRAILER.match(block)):
        return True
    tokens = re.findall(r"[\w-]+", block.lower())
    if bool(tokens) and words <= 12 and all(token in _SOCIAL for token in tokens):
        return True
    if words <= 40 and _VIDEO_WIDGET.match(block):
        return True
    return words <= 15 and (bool(_PLAYER_MESSAGE.match(block)) or is_player_controls(block))


_VIDEO_WIDGET = re.compile(r"^CLOSE\s+\S")
"""A video box's close button before its description ("CLOSE Ariel Winter is tired of
being told what to wear. USA TODAY"), in capitals as news sites print it."""


def is_player_controls(block: str) -> bool:
    """A line of video-player buttons and counters, with at least one telling control."""
    tokens = re.findall(r"[^\W\d_]+", block.lower())
    words = set(tokens)
    return bool(words) and words <= PLAYER_WORDS and bool(words & _PLAYER_SIGNS)
