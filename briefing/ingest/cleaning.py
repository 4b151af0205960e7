"""Separate article text from site chrome and metadata.

The rules are general shapes of scraped pages, not one site's markup: a
navigation line, share widgets, section labels, photo credits, duplicated
captions, related-story trailers, contact addresses, bylines, dates and author
notes. Each block is either body text, metadata (kept as data), or chrome
(dropped and remembered in ``removed`` so a user can see what went).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from briefing.ingest import chrome, metadata, metalines, names
from briefing.ingest.findings import Findings, settle_undecided
from briefing.text import ends_sentence

# Bounded parts (RFC 5321: 64 characters before the @, 63 a label): with an open
# "+" a long run of letters is rescanned from every position, quadratic time.
EMAIL_RE = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")


@dataclass(frozen=True)
class CleanText:
    """The parts of a scraped article once chrome is gone."""

    paragraphs: tuple[str, ...]
    title: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: datetime | date | None = None
    author_notes: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def clean(blocks: list[str], title_hint: str | None = None) -> CleanText:
    """Split blocks into body paragraphs, metadata and removed chrome."""
    findings = Findings(title=title_hint, title_given=title_hint is not None)
    blocks = _drop_repeats(blocks, findings)
    start = _header_end(blocks)
    masthead = _masthead(blocks[:start])
    for position, block in enumerate(blocks[:start]):
        if position == masthead:
            findings.add_outlet(metadata.MASTHEAD, metadata.tidy_outlet(block))
            findings.removed.append(block)
            continue
        _read_header(block, position, findings)
    body = _read_body(blocks[start:], findings)
    _confirm_carrier(findings, body)
    settle_undecided(findings, blocks)
    return CleanText(
        paragraphs=tuple(body),
        title=findings.title or findings.fallback_title,
        authors=tuple(dict.fromkeys(findings.authors)),
        outlet=findings.outlet,
        published=findings.published or findings.updated,
        author_notes=tuple(findings.notes),
        removed=tuple(findings.removed),
    )


def _masthead(header: list[str]) -> int | None:
    """The position of an outlet name alone on a line above a longer headline; date
    boxes, menus and section labels above it are passed over."""
    for position, block in enumerate(header):
        if _is_furniture(block):
            continue
        if _is_headline(block) and not metadata.is_masthead(block):
            return None
        if metadata.is_masthead(block) and any(
            _is_headline(later) and len(later.split()) > len(block.split())
            for later in header[position + 1 :]
        ):
            return position
    return None


def _is_furniture(block: str) -> bool:
    """A date box, menu, section label or widget line: page furniture, never the masthead."""
    return bool(
        metadata.find_date(block)
        or metadata.undecided_date(block)
        or metadata.is_section_line(block)
        or chrome.is_chrome(block)
    )


def _confirm_carrier(found: Findings, body: list[str]) -> None:
    """A repeated top-line token is chrome; it names the outlet only if it reads as a
    name ("Metro Daily", not "Trending" or "Live"), the page names it again elsewhere
    (a photo credit, a disclaimer) and nothing better does."""
    if found.outlets:
        return
    elsewhere = " ".join([*body, *found.notes, *found.removed]).lower()
    for carrier in found.carriers:
        name = rf"\b{re.escape(carrier.lower())}\b"
        rest = re.sub(rf"(?:{name}\s*){{2,}}", " ", elsewhere)  # its own repeated lines
        if metadata.is_masthead(carrier) and re.search(name, rest):
            found.add_outlet(metadata.CARRIER, carrier)
            return


def _drop_repeats(blocks: list[str], findings: Findings) -> list[str]:
    """Drop short blocks that occur twice or more: captions, nav, carrier tokens.

    The first copy survives only in the header, where it may be the title.
    """
    counts = Counter(_key(block) for block in blocks if len(block.split()) <= 40)
    kept: list[str] = []
    seen: set[str] = set()
    in_header = True
    for block in blocks:
        key = _key(block)
        in_header = in_header and not _is_body(block)
        if counts.get(key, 0) < 2:
            kept.append(block)
            continue
        first = key not in seen
        seen.add(key)
        if first and in_header and _is_headline(block):
            kept.append(block)  # a headline printed twice (page title and heading)
        else:
            findings.removed.append(block)
    return kept


def _key(block: str) -> str:
    return re.sub(r"\W+", " ", block).strip().lower()


def _is_body(block: str) -> bool:
    """Article text: a sentence, or a long run of text cut off before its full stop."""
    words = len(block.split())
    return words >= 12 and (ends_sentence(block) or words >= 40) and not chrome.is_chrome(block)


def _read_header(block: str, position: int, found: Findings) -> None:
    """Classify one line above the article body."""
    if block == found.title:
        return
    if metalines.read_metadata_segments(block, found) or metalines.read_metadata(block, found):
        return
    elif _is_chrome_line(block, position, found):
        found.removed.append(block)
    elif found.title is None and _is_headline(block):
        found.title = block
    elif _is_headline(block) and _title_is_label(block, found):
        found.removed.append(found.title or "")  # "Cost of living" over the headline
        found.title = block
    elif found.title and (outlet := _outlet_line(block, found)):
        found.add_outlet(metadata.BYLINE if found.authors else metadata.MASTHEAD, outlet)
        found.removed.append(block)
    elif found.title and not found.authors and (named := metadata.person_line(block)):
        found.authors.append(named[0])  # a name alone under the headline is the byline
        found.add_outlet(metadata.BYLINE, named[1])
    elif metadata.AUTHOR_NOTE_RE.search(block):
        found.add_note(block)
    elif (ends_sentence(block) and len(block.split()) >= 6) or _is_standfirst(block, found):
        found.standfirst.append(block)  # a short lede under the title is article text
    else:
        found.removed.append(block)


def _is_standfirst(block: str, found: Findings) -> bool:
    """The lead printed under a headline without a full stop ("Commuters face the
    biggest rise in a decade"): the first line after it, eight words or more, in
    sentence case, before any byline or date."""
    words = block.split()
    if not found.title or found.authors or found.dates or found.standfirst or len(words) < 8:
        return False
    return sum(w[:1].islower() for w in words[1:]) >= len(words[1:]) / 2


def _outlet_line(block: str, found: Findings) -> str | None:
    """An outlet's name on its own line: under a byline "The ..." will do; elsewhere
    it must hold a newspaper word, as "The Big Picture" may be a heading."""
    outlet = metadata.outlet_line(block)
    return outlet if outlet and (found.authors or names.has_outlet_word(outlet)) else None


def _title_is_label(block: str, found: Findings) -> bool:
    """Whether the title taken so far is a short topic label over this headline: a label
    has at most four words, the headline three more, and no byline or date between."""
    title = found.title or ""
    if found.title_given or found.authors or found.dates or block.endswith("."):
        return False
    if len(title.split()) >= 3 and _title_case(title) and not _title_case(block):
        return False  # "Fed Holds Rates Steady" over its lead in sentence case
    return len(title.split()) <= 4 and len(block.split()) >= len(title.split()) + 3


def _title_case(text: str) -> bool:
    """Every word capitalised but the short joining ones ("of", "in", "to")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    return bool(words) and all(w[:1].isupper() for w in words)


def _is_chrome_line(block: str, position: int, found: Findings) -> bool:
    navigation = position < 3 and _is_navigation(block, found)
    return navigation or chrome.is_chrome(block) or _is_section_label(block, found)


def _read_body(blocks: list[str], found: Findings) -> list[str]:
    body = list(found.standfirst)
    in_link_list = False
    for position, block in enumerate(blocks):
        if chrome.TRAILER.match(block):
            if position >= 0.6 * len(blocks):
                _read_trailer(blocks[position:], found)
                break
            in_link_list = True
            found.removed.append(block)
            continue
        if in_link_list and not _is_body(block):
            found.removed.append(block)
            continue
        in_link_list = False
        _read_body_block(block, found, body)
    if body:
        body[0] = _strip_dateline(body[0], found)
    return body


def _read_trailer(blocks: list[str], found: Findings) -> None:
    """Everything after a related-stories marker is chrome, except author notes."""
    for block in blocks:
        if metadata.AUTHOR_NOTE_RE.search(block):
            found.add_note(block)
        elif not _read_signature(block, found):
            found.removed.append(block)


def _read_body_block(block: str, found: Findings, body: list[str]) -> None:
    words = len(block.split())
    if metadata.AUTHOR_NOTE_RE.search(block) and words <= 60:
        found.add_note(block)
        return
    if _read_signature(block, found):
        return
    found.after_note = False
    if metadata.DISCLAIMER_RE.search(block) and words <= 60:
        found.add_outlet(metadata.SOURCE, metadata.outlet_in_disclaimer(block))
        found.removed.append(block)
    elif words <= 14 and metalines.read_metadata(block, found):
        return
    elif chrome.is_chrome(block) or (EMAIL_RE.search(block) and words <= 20):
        found.removed.append(block)
    elif EMAIL_RE.search(block):
        body.append(_drop_email_sentences(block, found))
    else:
        body.append(block)


def _read_signature(block: str, found: Findings) -> bool:
    """The outlet's name alone on the line after an author note."""
    if not found.after_note or not metadata.is_masthead(block):
        return False
    found.add_outlet(metadata.SIGNATURE, block)
    found.removed.append(block)
    return True


def _header_end(blocks: list[str]) -> int:
    """Where the body starts: the first sentence of text, or after a byline or date line
    that follows within three blocks (a standfirst sentence sits above the byline)."""
    start = next((i for i, block in enumerate(blocks) if _is_body(block)), len(blocks))
    for position in range(start + 1, min(start + 4, len(blocks))):
        block = blocks[position]
        if len(block.split()) <= 16 and metalines.states_metadata(block):
            start = position + 1
    return start


def _is_navigation(block: str, found: Findings) -> bool:
    parts = [p for p in chrome.SEPARATORS.split(block) if p.strip()]
    if len(parts) >= 3 and all(len(p.split()) <= 3 and not ends_sentence(p) for p in parts):
        return True
    tokens = block.split()
    if len(tokens) >= 2 and len(set(tokens)) <= len(tokens) / 2:
        found.carriers.append(_carrier_name(tokens) or "")
        return True
    if len(tokens) == 1 and chrome.DOMAIN.match(tokens[0]):
        found.add_outlet(metadata.SOURCE, tokens[0].lower())
        return True
    return False


def _carrier_name(tokens: list[str]) -> str | None:
    """The repeated phrase of a carrier line ("Metro Daily Metro Daily")."""
    for size in range(1, len(tokens) // 2 + 1):
        unit = tokens[:size]
        if len(tokens) % size == 0 and unit * (len(tokens) // size) == tokens:
            return " ".join(unit)
    return None


def _is_section_label(block: str, found: Findings) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", block)
    words = len(block.split())
    if metadata.is_section_line(block) and words <= 6:
        return True
    if letters.isupper() and words <= 8 and not ends_sentence(block):
        if words >= 4 and found.fallback_title is None:
            found.fallback_title = block.title()
        return True
    if re.fullmatch(r"[A-Z][\w&' ]{0,25}(?:\s*[/|»›]\s*[A-Z][\w&' ]{0,25})+", block):
        return True
    return found.title is None and words <= 2 and not ends_sentence(block)


def _is_headline(block: str) -> bool:
    words = len(block.split())
    return 3 <= words <= 30 and not block.endswith(".") and not chrome.is_chrome(block)


def _strip_dateline(paragraph: str, found: Findings) -> str:
    """'(CNN)A father...' or 'LONDON (Reuters) - The...' lose the wire dateline."""
    match = chrome.DATELINE.match(paragraph)
    rest = paragraph[match.end() :] if match else ""
    if not match or not (rest[:1].isupper() or rest[:1] in "\"'“‘"):
        return paragraph
    found.removed.append(match.group(0).strip())
    agency = re.search(r"\(([A-Z][A-Za-z]+)\)", match.group(0))
    found.add_outlet(metadata.CARRIER, agency.group(1) if agency else None)
    return rest


def _drop_email_sentences(block: str, found: Findings) -> str:
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+", block):
        (found.removed if EMAIL_RE.search(sentence) else kept).append(sentence)
    return " ".join(kept)
