"""Who says it: speakers from speech verbs and "according to", names apart from roles."""

from __future__ import annotations

import pytest


def said(text: str) -> list[tuple[str, str, str, str]]:
    from briefing import language
    from briefing.compare.attribution import speakers

    return [(s.name, s.kind, s.role, s.affiliation) for s in speakers(language.parse_one(text))]


def test_a_role_and_a_title_are_kept_apart_from_the_name() -> None:
    found = said("The ministry's spokesperson Dr Jane Okafor said the search would go on.")
    assert found == [("Jane Okafor", "person", "spokesperson", "ministry")]


def test_an_apposition_gives_the_role_and_what_the_person_speaks_for() -> None:
    found = said("Jane Okafor, a spokesperson for the ministry, said the search would go on.")
    assert found == [("Jane Okafor", "person", "spokesperson", "ministry")]


def test_a_role_without_a_name_cites_what_it_speaks_for() -> None:
    found = said("A spokesman for the mountain rescue service said the teams were out.")
    assert [(n, k) for n, k, _r, _a in found] == [("mountain rescue service", "organisation")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The fire service said the fire was out.", "fire service"),
        ("The toll rose, according to the Red Cross.", "Red Cross"),
        ("Police said the road was closed.", "Police"),
        ('"It was terrible," said Mayor Tom Reed.', "Tom Reed"),
        ("The charge raised $38 million, according to the city's annual report.", "city"),
    ],
)
def test_speakers(text: str, name: str) -> None:
    assert [s[0] for s in said(text)] == [name]


def test_a_poll_is_cited_through_who_made_it() -> None:
    assert said("A survey by the Halden Institute found most people agree.") == [
        ("Halden Institute", "poll", "", "")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Paris said no to the plan.",  # a place
        "Residents said the water rose fast.",  # an unnamed group
        "The remaining voters said they were undecided.",
        "Air quality campaigners said pollution had not improved.",
        "The result showed a clear lead.",  # a finding, not a source
        "Its own modelling suggests buses would be faster.",
    ],
)
def test_no_source(text: str) -> None:
    assert said(text) == []


def test_a_pronoun_is_marked_for_the_previous_speaker() -> None:
    from briefing import language
    from briefing.compare.attribution import speakers

    (found,) = speakers(language.parse_one("She added that twelve remain missing."))
    assert found.pronoun and not found.name


def test_a_stating_verb_attributes_only_a_statement() -> None:
    assert said("The crash claimed 23 lives in the pass.") == []
    assert [s[0] for s in said("The ministry claimed that the road was safe.")] == ["ministry"]


def test_a_place_after_a_group_is_not_its_source() -> None:
    assert said("Parents at Millbrook Primary said children arrived hungry.") == []


def test_a_role_alone_names_no_source() -> None:
    assert said("The mayor said the plan was a test of nerve.") == []


def test_a_role_is_not_taken_from_a_relative_clause() -> None:
    found = said("Councillor Frank Dunmore, who opposes the plan, said buses were full.")
    assert found == [("Frank Dunmore", "person", "councillor", "")]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("The fire service said 12 people died.", "the fire service"),
        ("The Red Cross said 12 people died.", "the Red Cross"),
        ("A spokesman for the fire service said 12 people died.", "the fire service"),
        ("Police said 12 people died.", "police"),
        ("The Health Ministry said 12 people died.", "the Health Ministry"),
        ("Reuters said 12 people died.", "Reuters"),
    ],
)
def test_a_source_reads_as_it_would_inside_a_sentence(text: str, written: str) -> None:
    from briefing import language
    from briefing.compare.attribution import speakers

    assert [s.written for s in speakers(language.parse_one(text))] == [written]


def test_a_common_noun_keeps_a_capital_only_where_the_sentence_did_not_give_it() -> None:
    from briefing import language
    from briefing.compare.attribution import speakers

    opening = speakers(language.parse_one("Police said 12 people died.\nNo one else was hurt."))
    inside = speakers(language.parse_one("Twelve people died, according to police."))
    assert [s.written for s in opening] == [s.written for s in inside] == ["police"]
