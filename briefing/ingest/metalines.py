"""Metadata lines of scraped text: a date, a byline, a source, or several on one line.

Each reader takes one short line and records what it states in the
:class:`Findings`, returning whether the line was metadata; the cleaner
decides where such lines may stand.
"""

from __future__ import annotations

import re

from briefing.dates import DATE_RE
from briefing.ingest import chrome, datelines, metadata
from briefing.ingest.findings import Findings
from briefing.text import ends_sentence


def read_metadata(block: str, found: Findings) -> bool:
    """Take a date, byline or source line as metadata; False if it is none."""
    if len(block.split()) > 16:
        return False
    date_found = metadata.find_date(block)
    if date_found and mostly_date(block):
        found.add_date(date_found)
        return byline_beside_date(block, found)
    if metadata.undecided_date(block) and mostly_date(block):
        found.undecided.append(block)
        return byline_beside_date(block, found)
    byline = metadata.parse_byline(block)
    if byline:
        found.authors.extend(byline[0])
        found.add_outlet(metadata.BYLINE, byline[1])
        return True
    outlet = metadata.parse_source_line(block)
    if outlet:
        found.add_outlet(metadata.SOURCE, outlet)
        return True
    return False


def byline_beside_date(block: str, found: Findings) -> bool:
    """ "By Jane Doe, September 4, 2024": the byline beside the date is read too."""
    rest = DATE_RE.sub("", datelines.NUMERIC_DATE.sub("", block)).strip(" ,;|•·-–—")
    rest = re.sub(r"\s+(?:on|at)$", "", rest, flags=re.IGNORECASE)  # "Written by A on ..."
    byline = metadata.parse_byline(rest) if rest else None
    if byline:
        found.authors.extend(byline[0])
        found.add_outlet(metadata.BYLINE, byline[1])
    return True


def read_metadata_segments(block: str, found: Findings) -> bool:
    """Handle "By A | Dec 1, 2025 | Outlet" lines one segment at a time."""
    segments = [s.strip() for s in re.split(r"\s+[|•·]\s+", block) if s.strip()]
    if len(segments) < 2 or len(block.split()) > 24:
        return False
    recognised = [read_metadata(segment, found) for segment in segments]
    if not any(recognised):
        return False
    leftovers = []
    for segment, ok in zip(segments, recognised, strict=True):
        named = None if ok or found.authors else metadata.person_line(segment)
        if named:  # "Jane Doe • 4 min read • Sep 4, 2024"
            found.authors.append(named[0])
            found.add_outlet(metadata.BYLINE, named[1])
        elif not ok and not chrome.is_chrome(segment):
            leftovers.append(segment)
    if len(leftovers) == 1 and names_outlet(leftovers[0]):
        found.add_outlet(metadata.BYLINE, leftovers[0])
    return True


def names_outlet(segment: str) -> bool:
    """A segment left over on a byline line is its outlet if it reads as a name
    ("Metro Daily"), not a time ("6:00am") or a widget ("Share")."""
    words = segment.split()
    return len(words) <= 5 and segment[:1].isupper() and not re.search(r"\d", segment)


def states_metadata(block: str) -> bool:
    dated = metadata.find_date(block) or metadata.undecided_date(block)
    return bool((dated and mostly_date(block)) or metadata.parse_byline(block))


def mostly_date(block: str) -> bool:
    """A line that states a date and little else (not a sentence that mentions one)."""
    rest = DATE_RE.sub("", block)
    return len(rest.split()) <= 6 and not ends_sentence(block.rstrip(".") + " x")
