"""Date lines as news sites print them, and which way round a numeric date is.

"Tue 15 Oct 2024 07.00 BST", "Updated 10:42 AM EDT, Wed September 4, 2024",
"Published: 14/03/2025 21:40", "3/4/2024". A spelled-out month is read by
python-dateutil; a numeric date is day-first or month-first, decided by the
date itself (a number over 12) or by the evidence of the whole article: the
currency it counts in, the time zones it names, the way it spells other dates,
its web addresses, the country its institutions and spellings belong to.
Without evidence the date stays unread rather than guessed.

dateparser was measured on the same lines (``benchmarks/metadata.py --dates``):
seconds to load its language data, tens of milliseconds a line after that,
against a fraction of a millisecond for dateutil, and it read none of the
labelled lines ("Published: 14/03/2025 21:40"), so dateutil does the parsing
and this module only finds the date on the line and settles its order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time

from dateutil import parser as dateutil_parser

from briefing.dates import MONTH

DAY_FIRST, MONTH_FIRST = "dmy", "mdy"
ORDERS = (DAY_FIRST, MONTH_FIRST)

NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|(?<=/)\d{2})"
    r"(?![\d/-]|\.\d)"
    r"(?P<time>,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?"
)
"""3/4/2024, 14.03.2025, 09-04-24, with a time of day after it when one is given."""

ZONES = {
    "GMT": 0, "UTC": 0, "BST": 1, "IST": 1, "CET": 1, "CEST": 2, "AEST": 10, "AEDT": 11,
    "NZST": 12, "NZDT": 13, "ET": -5, "EST": -5, "EDT": -4, "CT": -6, "CST": -6, "CDT": -5,
    "MT": -7, "MST": -7, "MDT": -6, "PT": -8, "PST": -8, "PDT": -7,
}  # fmt: skip
"""Zone names news sites print after a time, with their hours from UTC (for dateutil)."""

_DAY_FIRST_ZONES = frozenset("GMT BST IST CET CEST AEST AEDT NZST NZDT".split())
_MONTH_FIRST_ZONES = frozenset("ET EST EDT CT CST CDT MT MST MDT PT PST PDT".split())
_ZONE_RE = re.compile(r"\b(?:" + "|".join(ZONES) + r")\b")
# Case kept: a month is capitalised, and "the 2 may be" is no date.
_SPELLED_DMY = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\b")
_SPELLED_MDY = re.compile(rf"\b{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s*[:.]\d)")
_POUNDS = re.compile(r"£|\bGBP\b|\b\d+p\b|\bpence\b|\bA\$|\bNZ\$|\bAU\$")
_DOLLARS = re.compile(r"(?<![A-Za-z])\$\s?\d|\bUSD\b|\bcents\b")
_DAY_FIRST_HOSTS = re.compile(r"\.(?:co\.uk|uk|com\.au|co\.nz|ie|eu)\b", re.IGNORECASE)

_CLOCK = re.compile(r"(?<![\d.])\d{1,2}:\d{2}|(?<![\d.])\d{1,2}\.\d{2}(?![\d.])")
_GLUED_CLOCK = re.compile(r"\b((?:19|20)\d{2})(\d{1,2}:\d{2})")
_DOTTED_CLOCK = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{2})(?![\d.])")

# A country's institutions and spellings: a British article names the NHS or
# Westminster and writes "colour", "centre", "organise"; an American one names
# Congress or Medicare and writes "color", "center", "organize".
_BRITISH = re.compile(
    r"\b(?:NHS|MPs?|Westminster|Downing Street|Whitehall|Ofsted|Ofgem|Ofcom|Met Office"
    r"|council tax|GCSEs?|A-levels|Holyrood|Senedd|Stormont|quango)\b"
    r"|\b(?:colour|favour|honour|neighbour|harbour|labour|behaviour|centre|theatre|metre"
    r"|organis|recognis|realis|apologis|criticis|programme|defence|licence|travelled"
    r"|cancelled|tyre|kerb|aluminium|pyjama|cheque|grey)",
    re.IGNORECASE,
)
_AMERICAN = re.compile(
    r"\b(?:Congress|congressional|Medicare|Medicaid|GOP|ZIP code|Fahrenheit|state legislature"
    r"|county commission|school district|attorney general|sheriff's)\b"
    r"|\b(?:color|favor|honor|neighbor|harbor|labor|behavior|center|theater"
    r"|organiz|recogniz|realiz|apologiz|criticiz|defense|traveled|canceled|aluminum|pajama"
    r"|check(?:book)?s? for \$)",
    re.IGNORECASE,
)

WEIGHTS = {"numeric": 3, "zone": 2, "host": 2, "currency": 1, "spelled": 1, "country": 1}
"""How much each kind of evidence counts; a kind counts once however often it occurs."""


def numeric_order(match: re.Match[str]) -> str | None:
    """The order a numeric date's own numbers allow: a number over 12 is the day."""
    first, second = int(match["a"]), int(match["b"])
    if first > 12 >= second:
        return DAY_FIRST
    if second > 12 >= first:
        return MONTH_FIRST
    if match["sep"] == "." and first <= 31 and second <= 12:
        return DAY_FIRST  # 01.12.2025: dotted dates are written day first
    return None


def evidence(texts: Iterable[str]) -> dict[str, set[str]]:
    """Which kinds of evidence point each way: {"dmy": {"currency", ...}, "mdy": {...}}."""
    found: dict[str, set[str]] = {DAY_FIRST: set(), MONTH_FIRST: set()}
    for text in texts:
        for match in NUMERIC_DATE.finditer(text):
            order = numeric_order(match)
            if order and match["sep"] != ".":
                found[order].add("numeric")
        for zone in _ZONE_RE.findall(text):
            found[DAY_FIRST if zone in _DAY_FIRST_ZONES else MONTH_FIRST].add("zone")
        if _POUNDS.search(text):
            found[DAY_FIRST].add("currency")
        if _DOLLARS.search(text):
            found[MONTH_FIRST].add("currency")
        if _SPELLED_DMY.search(text):
            found[DAY_FIRST].add("spelled")
        if _SPELLED_MDY.search(text):
            found[MONTH_FIRST].add("spelled")
        if _DAY_FIRST_HOSTS.search(text):
            found[DAY_FIRST].add("host")
        _country(text, found)
    return found


def _country(text: str, found: dict[str, set[str]]) -> None:
    """British or American institutions and spellings, one kind of evidence together."""
    if _BRITISH.search(text):
        found[DAY_FIRST].add("country")
    if _AMERICAN.search(text):
        found[MONTH_FIRST].add("country")


def date_order(texts: Iterable[str]) -> str | None:
    """Day-first or month-first by the weight of the evidence; None when it is even."""
    found = evidence(texts)
    score = {order: sum(WEIGHTS[kind] for kind in kinds) for order, kinds in found.items()}
    if score[DAY_FIRST] == score[MONTH_FIRST]:
        return None
    return DAY_FIRST if score[DAY_FIRST] > score[MONTH_FIRST] else MONTH_FIRST


def read_numeric(match: re.Match[str], order: str | None) -> datetime | date | None:
    """The date a numeric match states in the given order (its own numbers win)."""
    order = numeric_order(match) or order
    if order is None:
        return None
    first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
    day, month = (first, second) if order == DAY_FIRST else (second, first)
    year += 2000 if year < 100 else 0
    if not 1900 <= year <= 2100:
        return None
    try:
        day_value = date(year, month, day)
    except ValueError:
        return None
    clock = parse_time(match["time"] or "")
    return datetime.combine(day_value, clock) if clock else day_value


def parse_time(text: str) -> time | None:
    """'21:40', '6:15 p.m.', '07.00' -> a time of day; None when there is none."""
    match = re.search(r"(\d{1,2})[:.](\d{2})(?::\d{2})?\s*(?:([AaPp])\.?[Mm]\.?)?", text)
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2])
    meridiem = (match[3] or "").lower()
    if meridiem == "p" and hour < 12:
        hour += 12
    elif meridiem == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_spelled(text: str, dayfirst: bool) -> datetime | date | None:
    """A date with its month in words, by dateutil; the time only when one is given."""
    text = _GLUED_CLOCK.sub(r"\1 \2", text)  # "September 4, 20245:00 AM"
    has_time = bool(_CLOCK.search(text))
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text, flags=re.IGNORECASE)
    cleaned = re.sub(r"\b(at|of)\b", " ", cleaned)
    cleaned = re.sub(r"\b([ap])\.m\.?", r"\1m", cleaned, flags=re.IGNORECASE)
    cleaned = _DOTTED_CLOCK.sub(r"\1:\2", cleaned)  # 07.00 BST, 6.30 pm
    cleaned = re.sub(r"(?<=[A-Za-z])\.", "", cleaned)
    try:
        parsed = dateutil_parser.parse(cleaned, dayfirst=dayfirst)
    except (ValueError, OverflowError):
        return None
    if not 1900 <= parsed.year <= 2100:
        return None
    return parsed.replace(tzinfo=None) if has_time else parsed.date()
