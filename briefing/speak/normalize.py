"""Text for the ear: what a newsreader would say, not what the page shows.

Numbers become words with num2words (years as years, ordinals as ordinals,
money and percentages with their units), dates are spoken in full
("Dec 01, 2025" -> "December first, 2025" said as "twenty twenty-five"),
abbreviations are expanded, and things nobody reads aloud (URLs, e-mail
addresses, bracketed markers) are dropped.
"""

from __future__ import annotations

import re

from num2words import num2words

from briefing.dates import MONTH, MONTHS, month_name

_MONTH = rf"(?P<month>{MONTH})\.?"
CURRENCIES = {"$": ("dollar", "dollars"), "£": ("pound", "pounds"), "€": ("euro", "euros")}
SCALES = ("thousand", "million", "billion", "trillion")
ABBREVIATIONS = {
    r"\bDr\.(?=\s+[A-Z])": "Doctor",
    r"\bMr\.": "Mister",
    r"\bMrs\.": "Missus",
    r"\bProf\.(?=\s+[A-Z])": "Professor",
    r"\bSt\.(?=\s+[A-Z])": "Saint",
    r"\bGov\.(?=\s+[A-Z])": "Governor",
    r"\bSen\.(?=\s+[A-Z])": "Senator",
    r"\bRep\.(?=\s+[A-Z])": "Representative",
    r"\bGen\.(?=\s+[A-Z])": "General",
    r"\bNo\.(?=\s*\d)": "number",
    r"\be\.g\.": "for example",
    r"\bi\.e\.": "that is",
    r"\betc\.": "et cetera",
    r"\bvs?\.": "versus",
    r"\bapprox\.": "approximately",
    r"\bkm\b": "kilometres",
    r"\bkm/h\b": "kilometres an hour",
    r"\bmph\b": "miles an hour",
    r"\bkg\b": "kilograms",
    r"\bCEO\b": "C.E.O.",
    r"\bUK\b": "U.K.",
    r"\bEU\b": "E.U.",
    r"\bUN\b": "U.N.",
    r"\bUS\b": "U.S.",
    r"\bUSA\b": "U.S.A.",
}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BRACKETED = re.compile(r"\s*\[[^\]]{0,40}\]|\s*\((?:source|link|photo|video)[^)]*\)", re.I)
_MARKS = re.compile(r"[*#_~=+|<>^`\\/-]{2,}|(?<!\w)[*#_~=|^`\\](?!\w)")
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def for_speech(text: str) -> str:
    """The sentence as it should be spoken."""
    text = _URL.sub("", text)
    text = _BRACKETED.sub("", text)
    text = _MARKS.sub(" ", text)  # section breaks and stray markup are not read out
    text = _country_pairs(text)
    text = _dates(text)
    text = _money(text)
    text = _percent(text)
    text = _regnal(text)
    for pattern, spoken in ABBREVIATIONS.items():
        text = re.sub(pattern, spoken, text)
    text = _ordinals(text)
    text = _years(text)
    text = _numbers(text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _words(number: str, to: str = "cardinal") -> str:
    value = float(number.replace(",", "")) if "." in number else int(number.replace(",", ""))
    return num2words(value, to=to).replace(",", "")


def _country_pairs(text: str) -> str:
    """'US-China talks' -> 'U.S.-China talks', read as two names, not one word."""
    return re.sub(
        r"\b(US|U\.S\.|UK|EU)-([A-Z][a-z]+)\b",
        lambda m: f"{ABBREVIATION_SPOKEN.get(m.group(1), m.group(1))} {m.group(2)}",
        text,
    )


ABBREVIATION_SPOKEN = {"US": "U.S.", "U.S.": "U.S.", "UK": "U.K.", "EU": "E.U."}


def _dates(text: str) -> str:
    def month_day(match: re.Match[str]) -> str:
        month = month_name(match.group("month"))
        day = num2words(int(match.group("day")), to="ordinal")
        year = match.group("year")
        return f"{month} {day}" + (f", {num2words(int(year), to='year')}" if year else "")

    def day_month(match: re.Match[str]) -> str:
        month = month_name(match.group("month"))
        day = num2words(int(match.group("day")), to="ordinal")
        year = match.group("year")
        return f"the {day} of {month}" + (f", {num2words(int(year), to='year')}" if year else "")

    def iso(match: re.Match[str]) -> str:
        year, month, day = (int(g) for g in match.groups())
        name = MONTHS[month - 1]
        return f"{name} {num2words(day, to='ordinal')}, {num2words(year, to='year')}"

    text = re.sub(r"\b(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b", iso, text)
    text = re.sub(
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?",
        month_day,
        text,
        flags=re.I,
    )
    return re.sub(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?\b",
        day_month,
        text,
        flags=re.I,
    )


def _money(text: str) -> str:
    def spoken(match: re.Match[str]) -> str:
        singular, plural = CURRENCIES[match.group(1)]
        amount, scale = match.group(2), match.group(3)
        if scale:
            return f"{_words(amount)} {scale.lower()} {plural}"
        if "." in amount:
            whole, cents = amount.replace(",", "").split(".")
            unit = singular if whole == "1" else plural
            if int(cents or 0) == 0:
                return f"{_words(whole)} {unit}"
            return f"{_words(whole)} {unit} and {_words(str(int(cents)))} cents"
        return f"{_words(amount)} {singular if amount == '1' else plural}"

    def scaled(match: re.Match[str]) -> str:
        short = {"bn": "billion", "m": "million"}
        scale = (match.group(3) or "").lower()
        if scale in short:
            return f"{_words(match.group(2))} {short[scale]} {CURRENCIES[match.group(1)][1]}"
        return spoken(match)

    pattern = rf"([$£€])\s?({_NUMBER})(?:\s?({'|'.join(SCALES)}|bn|m)\b)?"
    return re.sub(pattern, scaled, text, flags=re.I)


def _percent(text: str) -> str:
    return re.sub(
        rf"({_NUMBER})\s?(?:%|per ?cent\b|percent\b)",
        lambda m: f"{_words(m.group(1))} percent",
        text,
    )


def _regnal(text: str) -> str:
    """'Charles III' -> 'Charles the Third', 'World War II' -> 'World War Two'."""
    text = re.sub(
        r"\b(World War|Super Bowl|Vatican) (I{1,3}|IV|V|VI{0,3}|IX|X)\b",
        lambda m: f"{m.group(1)} {num2words(ROMAN[m.group(2)]).title()}",
        text,
    )
    return re.sub(
        r"\b((?:King|Queen|Pope|Emperor|Tsar|Prince|Princess) [A-Z][a-z]+|[A-Z][a-z]+ [A-Z][a-z]+)"
        r" (II|III|IV|VI|VII|VIII|IX)\b",
        lambda m: f"{m.group(1)} the {num2words(ROMAN[m.group(2)], to='ordinal').title()}",
        text,
    )


def _ordinals(text: str) -> str:
    return re.sub(
        r"\b(\d+)(?:st|nd|rd|th)\b", lambda m: num2words(int(m.group(1)), to="ordinal"), text
    )


def _years(text: str) -> str:
    """Four-digit numbers from 1100 to 2099 are read as years unless a unit follows."""
    return re.sub(
        r"(?<![\d,.$£€])\b(1[1-9]\d\d|20\d\d)\b(?![\d,.]\d|\s?(?:%|percent|people|cars|dollars))",
        lambda m: num2words(int(m.group(1)), to="year"),
        text,
    )


def _numbers(text: str) -> str:
    return re.sub(rf"(?<![\w.]){_NUMBER}(?![\w])", lambda m: _words(m.group(0)), text)
