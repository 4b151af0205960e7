"""Remove from a web page's extracted text only what can be shown to be chrome.

Each rule needs evidence from the page, not just a line's shape:

- a run of lines that are each the whole text of a link on the page is a list
  of other pages (related stories, "More Must-Reads"), not article text;
- the page's own title repeated as the first line is the headline;
- a comment section starts at its heading ("6 thoughts on ...", "Comments");
- short lines made only of a newsletter call, a share widget, a copyright or
  a photo credit are chrome by their wording.

Lists, tables, lyrics and sentences that merely contain an e-mail address
stay. Every removed line is kept in ``removed``; a "By ..." or date line at
the top becomes metadata, since a visible byline beats page metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from lxml import html as lxml_html

from briefing.dates import DATE_RE
from briefing.ingest import metadata
from briefing.ingest.webmeta import PageMeta, clean_authors
from briefing.ingest.webtitle import same_text
from briefing.text import ends_sentence

MIN_LINK_RUN = 2
"""Consecutive link-only lines that make a list of other pages."""
MAX_LINK_WORDS = 25
"""Longer lines are prose even when they are a link (a linked standfirst)."""

_COMMENTS = re.compile(
    r"^\d+\s+(?:thoughts?|comments?|responses?|replies)(?:\s+(?:on|to)\b.*)?$"
    r"|^(?:thoughts?|responses?|replies) (?:on|to) [\"“‘'].*$|^comments?\s*(?:\(\d+\))?$"
    r"|^(?:leave|post|add|write) a (?:reply|comment)\b|^comments? (?:are|is) closed\b"
    r"|^(?:show|view|load|read) (?:all )?(?:\d+ )?comments?\b|^join the discussion\b",
    re.IGNORECASE,
)
_CHROME = re.compile(
    r"^(?:advertisement|sponsored(?: content)?|share(?: this)?(?: article| story| post)?"
    r"|print|e-?mail|tweet|click to tweet|tags?|topics?|filed under|related|read more"
    r"|back to top|skip to (?:main )?content|loading\.*)\s*:?$"
    r"|^(?:tags?|topics?|filed under|categor(?:y|ies))\s*:"
    r"|^(?:sign up|subscribe)(?: now| today| here)?\s*[.!:]?$"
    r"|^(?:get (?:our|the) [\w ]*newsletter|download (?:our|the) app)\b"
    r"|^(?:photo|image|picture|illustration|video)s?(?: credit)?\s*:"
    r"|^follow (?:us|him|her|them|[\w ]{1,60}?) on (?:facebook|twitter|instagram|x)\b"
    r"|^(?:tell us|let us know) what you think\b|^have your say\b"
    r"|^\[(\w+)\b[^\]]*\].*\[/\1\]$",  # an unrendered shortcode: [button ...]...[/button]
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(r"\b(?:sign up|subscribe)\b.{0,80}\bnewsletters?\b", re.IGNORECASE)
_NEWSLETTER_WORDS = 40
_LINK_LABEL = re.compile(
    r"^(?:read more|read also|also read|related|see also|more|watch|listen|recommended"
    r"|don'?t miss|trending|popular)\s*[:>»|-]\s*",
    re.IGNORECASE,
)
_COMMENT_BOX = re.compile(
    r"^(?:comments?|comment-(?:body|content|text|list|section|area)|commentlist"
    r"|comments-(?:area|list|section)|disqus_thread)$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"\b(?:photos?|images?|pictures?)\s*(?:©|\(c\)|courtesy of\b)"
    r"|^(?:copyright|©|\(c\))\s*(?:©\s*)?[^.]{0,40}?(?:\d{4}|all rights reserved)",
    re.IGNORECASE,
)
_CLICK_TO_TWEET = re.compile(r"\s*Click To Tweet$", re.IGNORECASE)
_CHROME_WORDS = 20


@dataclass(frozen=True)
class CleanPage:
    """Article paragraphs, what was removed, and metadata the visible text states."""

    paragraphs: tuple[str, ...]
    removed: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    published: datetime | date | None = None


def clean_lines(lines: list[str], tree: lxml_html.HtmlElement, page: PageMeta) -> CleanPage:
    """Drop proven chrome from the extracted lines and read a visible byline."""
    removed: list[str] = []
    lines = _drop_comments(lines, removed)
    lines = _drop_comment_text(lines, tree, removed)
    lines = _drop_link_runs(lines, _link_texts(tree), removed)
    lines = _drop_link_list_headings(lines, tree, removed)
    authors: tuple[str, ...] = ()
    published: datetime | date | None = None
    kept: list[str] = []
    for position, line in enumerate(lines):
        line = _CLICK_TO_TWEET.sub("", line)
        if not kept and page.titles and any(same_text(line, t) for t in page.titles):
            removed.append(line)
        elif not kept and position < 4 and (found := _byline(line, page)) is not None:
            authors = authors or found
            removed.append(line)
        elif not kept and position < 4 and (day := _date_line(line)) is not None:
            published = published or day
            removed.append(line)
        elif _is_chrome(line):
            removed.append(line)
        else:
            kept.append(line)
    return CleanPage(tuple(kept), tuple(removed), authors, published)


def _drop_comments(lines: list[str], removed: list[str]) -> list[str]:
    """Cut a comment section: its heading in the last part of the text and all after it."""
    for position, line in enumerate(lines):
        if position >= 0.3 * len(lines) and len(line.split()) <= 14 and _COMMENTS.match(line):
            removed.extend(lines[position:])
            return lines[:position]
    return lines


def _drop_comment_text(
    lines: list[str], tree: lxml_html.HtmlElement, removed: list[str]
) -> list[str]:
    """Drop lines the page shows inside a comment container (readers' comments)."""
    boxes = [
        element
        for element in tree.iter()
        if isinstance(element.tag, str) and _is_comment_box(element)
    ]
    texts = {_norm(p.text_content()) for box in boxes for p in box.iter("p")} - {""}
    if not texts:
        return lines
    removed.extend(line for line in lines if _norm(line) in texts)
    return [line for line in lines if _norm(line) not in texts]


def _is_comment_box(element: lxml_html.HtmlElement) -> bool:
    names = f"{element.get('class') or ''} {element.get('id') or ''}".split()
    return any(_COMMENT_BOX.match(name) for name in names)


def _link_texts(tree: lxml_html.HtmlElement) -> set[str]:
    """The normalised text of every link on the page."""
    return {_norm(anchor.text_content()) for anchor in tree.iter("a")} - {""}


def _drop_link_runs(lines: list[str], links: set[str], removed: list[str]) -> list[str]:
    """Drop runs of lines that are each a whole link: lists of other pages."""
    is_link = [_is_link_line(line, links) for line in lines]
    kept: list[str] = []
    position = 0
    while position < len(lines):
        end = position
        while end < len(lines) and is_link[end]:
            end += 1
        run = lines[position:end]
        at_edge = position == 0 or end == len(lines)
        sentences = sum(_is_sentence(line) for line in run)
        labelled = len(run) == 1 and bool(_LINK_LABEL.match(run[0]))  # "Read more: <link>"
        if (
            (len(run) >= MIN_LINK_RUN and sentences <= len(run) / 2)
            or labelled
            or (len(run) == 1 and at_edge and not sentences)
        ):
            if len(run) >= MIN_LINK_RUN and kept and _is_label(kept[-1]):
                removed.append(kept.pop())  # the run's heading ("Don't miss")
            removed.extend(run)
            position = end
            continue
        kept.append(lines[position])
        position += 1
    return kept


def _drop_link_list_headings(
    lines: list[str], tree: lxml_html.HtmlElement, removed: list[str]
) -> list[str]:
    """Drop a short heading ("More Must-Reads") that the page follows with a list of links."""
    candidates = {_norm(line) for line in lines if _is_label(line)}
    if not candidates:
        return lines
    headings = {
        key
        for element in tree.iter()
        if isinstance(element.tag, str)
        and element.text
        and (key := _norm(element.text)) in candidates
        and _heads_link_list(element)
    }
    removed.extend(line for line in lines if _norm(line) in headings)
    return [line for line in lines if _norm(line) not in headings]


def _is_label(line: str) -> bool:
    return len(line.split()) <= 6 and not ends_sentence(line)


def _heads_link_list(element: lxml_html.HtmlElement) -> bool:
    """Followed (directly or from its parent) by a list or run of link-only items."""
    for node in (element, element.getparent()):
        if node is None:
            return False
        following = [n for n in node.itersiblings() if isinstance(n.tag, str)][:MIN_LINK_RUN]
        if following and following[0].tag in ("ul", "ol"):
            items = [li for li in following[0] if li.tag == "li"]
            return len(items) >= MIN_LINK_RUN and all(_link_only(li) for li in items)
        if len(following) == MIN_LINK_RUN and all(_link_only(n) for n in following):
            return True
    return False


def _link_only(element: lxml_html.HtmlElement) -> bool:
    text = _norm(element.text_content())
    return bool(text) and text == _norm(" ".join(a.text_content() for a in element.iter("a")))


def _is_link_line(line: str, links: set[str]) -> bool:
    """The line is one link's text or several side by side, perhaps after "Read more:"
    or before a short tag ("[VIDEO]")."""
    text = _LINK_LABEL.sub("", re.sub(r"^[-•*]\s+", "", line))
    text = re.sub(r"\s*\[[^\]]{1,20}\]$", "", text)
    words = _norm(text).split()
    if not words or len(words) > MAX_LINK_WORDS:
        return False
    # reachable[i]: the first i words are a sequence of whole link texts
    reachable = [True] + [False] * len(words)
    for end in range(1, len(words) + 1):
        reachable[end] = any(
            reachable[start] and " ".join(words[start:end]) in links for start in range(end)
        )
    return reachable[-1]


def _is_sentence(line: str) -> bool:
    return len(line.split()) >= 8 and ends_sentence(line)


def _byline(line: str, page: PageMeta) -> tuple[str, ...] | None:
    if len(line.split()) > 12:
        return None
    parsed = metadata.parse_byline(line)
    if not parsed or not line.lower().startswith(("by ", "written by", "words by", "story by")):
        return None
    return clean_authors(parsed[0], page.site_names) or None


def _date_line(line: str) -> datetime | date | None:
    found = metadata.find_date(line)
    rest = DATE_RE.sub("", line)
    if found is None or len(rest.split()) > 4:
        return None
    return found.value


def _is_chrome(line: str) -> bool:
    """A short line of widget wording; list items belong to the article's lists."""
    if re.match(r"[-•*]\s", line):
        return False
    text = line
    if len(text.split()) <= _NEWSLETTER_WORDS and _NEWSLETTER.search(text):
        return True
    if len(text.split()) > _CHROME_WORDS:
        return False
    return bool(_CHROME.match(text) or (_CREDIT.search(text) and not _is_sentence(text)))


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
