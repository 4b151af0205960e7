"""The one month table: every spelling of a month, and the dates running text writes."""

from __future__ import annotations

import re

import pytest

from briefing.dates import DATE_RE, MONTH, MONTHS, month_name


@pytest.mark.parametrize(
    ("word", "name"),
    [("Dec", "December"), ("dec.", "December"), ("SEPT", "September"), ("Sep", "September"),
     ("may", "May"), ("June", "June"), ("Mayor", None), ("Janet", None), ("", None)],
)  # fmt: skip
def test_month_names_and_abbreviations(word: str, name: str | None) -> None:
    assert month_name(word) == name


def test_the_month_pattern_takes_the_longest_spelling() -> None:
    pattern = re.compile(rf"\b{MONTH}\b", re.IGNORECASE)
    for number, name in enumerate(MONTHS, 1):
        assert pattern.fullmatch(name) and pattern.fullmatch(name[:3].upper()), name
        assert DATE_RE.fullmatch(f"{name} {number}, 2024").lastgroup == "mdy"
    assert pattern.match("Sept.").group(0) == "Sept"
    assert DATE_RE.fullmatch("1st of Sept. 2023, 9:45 am").lastgroup == "dmy"
