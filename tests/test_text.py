"""The one stemmer every comparison uses."""

from __future__ import annotations

import pytest

from briefing.text import stem


@pytest.mark.parametrize(
    "family",
    [("charge", "charges", "charged", "charging"), ("raise", "raised", "raises"), ("bus", "buses")],
)
def test_a_word_and_its_forms_meet(family: tuple[str, ...]) -> None:
    assert len({stem(word) for word in family}) == 1


def test_short_words_stay_whole() -> None:
    assert [stem(w) for w in ("is", "gas", "bed", "use")] == ["is", "gas", "bed", "use"]
    assert stem("tolls") == stem("toll") == "toll"
