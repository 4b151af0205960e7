"""The editorial rules, each on two-line inputs: theme labels, chrome, reader need, stance."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from briefing import language
from briefing.compare.bottom_line import (
    build_bottom_line,
    main_change,
    main_disagreement,
    named_by_several,
    shared_names,
    subjects,
)
from briefing.compare.chrome import is_chrome
from briefing.compare.claims import claims_in
from briefing.compare.differ import reader_need
from briefing.compare.stance import affiliation, argued, find_positions, near, recommends, side
from briefing.compare.subject import covering, key_terms, reports_on, term
from briefing.compare.theme_labels import candidates, in_prose, label_themes
from briefing.models import (
    Article,
    Citation,
    FigureConflict,
    FigureSeries,
    FigureValue,
    Point,
    Sentence,
    Theme,
)
from briefing.render.bottom import count_word, disputed, in_sentence, time_phrase
from briefing.render.filters import series_time


def texts(sentence: str, min_words: int = 2) -> list[str]:
    return [c.text for c in candidates(language.parse_one(sentence), min_words)]


def article(
    article_id: str,
    lines: list[str],
    day: date | None,
    notes: tuple[str, ...] = (),
    title: str = "",
) -> Article:
    sentences = tuple(Sentence(text, n, n) for n, text in enumerate(lines))
    return Article(
        article_id,
        f"{article_id}.txt",
        title or f"Story {article_id}",
        tuple(lines),
        sentences,
        authors=(f"Writer {article_id.upper()}",),
        published=day,
        author_notes=notes,
    )


# -- theme labels -------------------------------------------------------------------------


def test_a_label_is_never_a_verb_fragment() -> None:
    found = texts("Walter took the night bus to the harbour. Fire broke out in the old mill.")
    assert "night bus" in found and "old mill" in found
    assert not any(t.startswith(("Walter took", "Fire broke", "took", "broke")) for t in found)


def test_a_label_is_never_a_possessive_fragment_or_a_bare_place() -> None:
    found = texts("Patients' groups met in the northern town of Gao. They came from Gaza.")
    assert "Patients' groups" in found or "groups" not in " ".join(found)
    assert not any(t.endswith(("'", "’", "'s")) for t in found)
    assert "northern town of Gao" not in found and "town of Gao" not in found
    assert "Gaza" not in found


def test_a_label_drops_determiners_approximations_and_ages() -> None:
    found = texts("At least 116 Palestinians died. The 18-year-old student met the mayor's aide.")
    assert "At least 116 Palestinians" not in found
    assert "student" not in found  # one word: no label
    assert not any(t.lower().startswith(("the ", "at least", "18")) for t in found)


def test_one_noun_is_a_term_of_later_coverage_but_never_a_label() -> None:
    sentence = "Volunteers planted trees. Thirds were completed."
    assert "Volunteers" in texts(sentence, min_words=1)
    assert "Volunteers" not in texts(sentence)


def test_labels_name_what_the_sentences_share(encoder) -> None:
    theme = [
        "The congestion charge raised $38 million in its first year.",
        "Critics of the congestion charge want a referendum on it.",
    ]
    other = ["Mayor Jane Roe opened a new bridge on Monday.", "The new bridge cost $4 million."]
    vectors = [encoder.encode(t).sum(axis=0) for t in (theme, other)]
    centroids = [v / np.linalg.norm(v) for v in vectors]
    labels = label_themes([theme, other], centroids, theme + other, encoder.encode)
    assert labels[0].text.lower() == "congestion charge"
    assert "bridge" in labels[1].text.lower() and labels[0].text != labels[1].text


def test_in_prose_gives_a_common_noun_its_article() -> None:
    assert (
        in_prose("Ashby engine plant", ["Its Ashby engine plant closed."])
        == "the Ashby engine plant"
    )
    assert in_prose("Carver Motors", ["Carver Motors cut jobs."]) == "Carver Motors"
    assert in_prose("harbour district of Kelbridge", ["in the harbour district of Kelbridge"]) == (
        "the harbour district of Kelbridge"
    )


# -- chrome ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Image copyright PA Image caption Fishing boats on the quay",
        "1 of 10 Full Screen Autoplay Close Skip Ad",
        "Media playback is unsupported on your device Media caption The scene",
        "(Photo: Ethan Miller, AP) When he leaves prison he will be 70.",
        "Nicholas Kamm/AFP/Getty Images",
    ],
)
def test_chrome_is_recognised(text: str) -> None:
    assert is_chrome(text)


@pytest.mark.parametrize(
    "text",
    [
        "Five of the 10 victims were children, police said.",
        "The photo agency said its copyright had been ignored.",
        "A storm flooded the harbour district on Monday.",
    ],
)
def test_reporting_is_not_chrome(text: str) -> None:
    assert not is_chrome(text)


# -- reader need ----------------------------------------------------------------------------


def test_names_figures_and_consequences_outrank_scene_setting() -> None:
    need = reader_need(
        [
            "Police arrested John Smith of Acme Corp after 3 people were killed.",
            "It was a quiet afternoon and the sky was grey.",
        ]
    )
    scores = list(need.values())
    assert scores[0] >= 2.5 and scores[1] == 0


# -- stance ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "sign"),
    [
        ("The council should reject the subsidy.", -1),
        ("The council should approve the plan without delay.", 1),
        ("The council should not scrap the plan.", 1),
        ("The council met on Monday.", 0),
    ],
)
def test_a_recommendation_has_a_side(sentence: str, sign: int) -> None:
    assert recommends(sentence) == sign


def opposed(days_apart: int) -> list[Article]:
    note = ("The author is a professor of economics at Brenford University.",)
    return [
        article(
            "a1",
            [
                "The stadium subsidy is a bargain.",
                "The council should approve the stadium subsidy.",
            ],
            date(2025, 4, 7),
            note,
            title="Opinion: Back the stadium",
        ),
        article(
            "a2",
            ["The stadium subsidy is a gamble.", "The council should reject the stadium subsidy."],
            date.fromordinal(date(2025, 4, 7).toordinal() + days_apart),
            title="Comment: Reject the stadium",
        ),
    ]


def shared(articles: list[Article]) -> list[Theme]:
    points = tuple(Point(a.sentences[1].text, a.id, 1, 1) for a in articles)
    return [Theme("stadium subsidy", ("stadium",), points)]


def test_near_argued_pieces_on_opposite_sides_are_positions() -> None:
    articles = opposed(2)
    positions = find_positions(shared(articles), {a.id: a for a in articles})
    assert [(p.article_id, p.stance) for p in positions] == [("a1", "for"), ("a2", "against")]
    assert positions[0].affiliation == "professor of economics at Brenford University"
    assert positions[0].theme == "the stadium subsidy"
    assert positions[1].point.text == "The council should reject the stadium subsidy."


def test_pieces_weeks_apart_are_not_positions() -> None:
    articles = opposed(30)
    assert not near(*articles)
    assert find_positions(shared(articles), {a.id: a for a in articles}) == []


def test_a_news_report_is_not_an_argued_piece() -> None:
    report = article("a3", ["The council met.", "It voted."], date(2025, 4, 8))
    assert not argued(report)
    assert argued(opposed(2)[1])


def test_without_advice_the_tone_of_all_sentences_gives_the_side() -> None:
    piece = article("a1", ["What a wonderful, happy success.", "It is great."], date(2025, 1, 1))
    assert side(piece)[0] == "for"


def test_affiliation_falls_back_to_the_organisation() -> None:
    long_note = (
        "Jane Roe, who has written about transport and cities for many years in several "
        "newspapers, is now with the Halden Policy Forum.",
    )
    piece = article("a1", ["x"], None, long_note)
    assert affiliation(piece) == "the Halden Policy Forum" or "Halden Policy Forum" in affiliation(
        piece
    )


# -- bottom line ----------------------------------------------------------------------------


def value(amount: float, article_id: str, day: date) -> FigureValue:
    return FigureValue(f"{amount:g} homes", amount, article_id, 0, "", day)


def test_the_change_is_the_series_tied_to_a_theme() -> None:
    loose = FigureSeries(
        "Homes", "homes", tuple(value(n, "a1", date(2024, 1, n)) for n in (1, 2, 3))
    )
    tied = FigureSeries("Jobs", "jobs", (value(4, "a1", date(2024, 1, 1)),), themes=("plant",))
    assert main_change([loose, tied]) is tied
    assert main_change([]) is None


def test_who_and_where_come_from_two_articles_and_skip_the_label() -> None:
    points = [
        Point("Mayor Tom Ridley visited London in October 2024.", "a1", 0, 0),
        Point("In London, Tom Ridley spoke to the Red Cross.", "a2", 0, 0),
        Point("The Red Cross opened a shelter on Monday.", "a3", 0, 0),
    ]
    names = shared_names(points, "storm damage")
    assert names["who"][:2] == ["Tom Ridley", "the Red Cross"] or set(names["who"][:2]) == {
        "Tom Ridley",
        "the Red Cross",
    }
    assert names["where"] == ["London"]
    assert names["when"] == []  # "October 2024" in one article only; "Monday" is not absolute
    assert shared_names(points, "Tom Ridley's visit")["who"] == ["the Red Cross"]


def test_an_empty_comparison_has_an_empty_bottom_line() -> None:
    found = build_bottom_line([], [article("a1", ["x"], None), article("a2", ["y"], None)])
    assert found.what == "" and found.disagreement is None and found.change is None


def test_times_and_counts_read_as_prose() -> None:
    assert time_phrase("Monday") == "on Monday"
    assert time_phrase("March 2021") == "in March 2021"
    assert time_phrase("2019") == "in 2019"
    assert time_phrase("last year") == "last year"
    assert count_word(3) == "three" and count_word(14) == "14"


# -- the subject the articles share ---------------------------------------------------------


def test_a_named_subject_needs_its_head_noun_and_its_names_not_its_description() -> None:
    key = key_terms(
        "Port Halden's congestion charge",
        ["Port Halden's congestion charge raised $38 million last year."],
    )
    assert key.head == term("charge")
    assert key.terms == {term("charge"), term("Port"), term("Halden")}


def test_a_subject_without_a_name_needs_its_nouns_but_no_adjective_or_number() -> None:
    tram = key_terms("tram line", ["Work on the tram line began."])
    assert tram.terms == {term("tram"), term("line")}
    assert key_terms("crowded ferry", ["A crowded ferry overturned."]).terms == {term("ferry")}
    assert key_terms("survey of 1,200 adults", ["The survey of 1,200 adults ended."]).head == (
        term("survey")
    )


def test_an_article_outside_the_theme_that_names_the_subject_is_counted() -> None:
    articles = [
        article("a1", ["Port Halden's congestion charge starts today.", "Drivers pay $8."], None),
        article("a2", ["Port Halden's congestion charge rose to $12.", "Shops worry."], None),
        article("a3", ["Port Halden will raise the charge.", "Drivers in Port Halden pay."], None),
        article("a4", ["The harbour ferry was cancelled.", "Port Halden was quiet."], None),
    ]
    theme = Theme(
        "Port Halden's congestion charge",
        ("charge",),
        tuple(Point(a.sentences[0].text, a.id, 0, 0) for a in articles[:2]),
    )
    points = covering([theme], articles)[0]
    assert [p.article_id for p in points] == ["a1", "a2", "a3"]
    assert points[2].text == "Port Halden will raise the charge."  # its evidence
    assert reports_on(key_terms(theme.label, [theme.points[0].text]), articles[3]) is None
    line = build_bottom_line([theme], articles)
    assert line.agreed == ("a1", "a2", "a3") and line.total == 4


def test_who_are_the_names_several_articles_use_cited_ones_first_on_a_tie() -> None:
    articles = [
        article("a1", ["The Harbour Trust backed it.", "Police said Ann Lee objected."], None),
        article("a2", ["Ann Lee of the Harbour Trust spoke.", "Police closed the road."], None),
        article("a3", ["Mayor Joe Bloggs said no.", "Nobody else did."], None),
    ]
    cited = [
        Citation("Ann Lee", "person", "a1", 1, ""),
        Citation("Police", "organisation", "a1", 1, ""),
        Citation("Police", "organisation", "a2", 1, ""),
        Citation("Joe Bloggs", "person", "a3", 0, ""),
    ]
    found = named_by_several(["Harbour Trust", "Lee"], articles, "road closure", cited)
    assert found == ["Ann Lee", "the Harbour Trust"]  # "Police" opens sentences: no name
    assert named_by_several(["Harbour Trust"], articles, "Harbour Trust plan", cited) == ["Ann Lee"]


def test_the_main_disagreement_is_the_one_most_articles_state_then_the_nearest_lede() -> None:
    def conflict(label: str, sentences: dict[str, int]) -> FigureConflict:
        values = tuple(
            FigureValue(str(n), n, a, s, "", date(2024, 1, 1)) for n, (a, s) in enumerate(
                sentences.items()
            )
        )  # fmt: skip
        return FigureConflict(label, "count", date(2024, 1, 1), values)

    late = conflict("Evacuated", {"a1": 9, "a2": 7})
    lede = conflict("Deaths", {"a1": 0, "a2": 1})
    wide = conflict("Injured", {"a1": 8, "a2": 9, "a3": 9})
    assert main_disagreement([late, lede]) is lede
    assert main_disagreement([late, lede, wide]) is wide
    assert main_disagreement([]) is None


# -- when a figure was -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "figure", "when"),
    [
        ("The plant, which opened in 1988, employs 1,900 people.", "1,900", ""),
        ("Nine miners were killed when a tunnel collapsed in March 2019.", "Nine", "March 2019"),
        ("The plant employed 1,900 people in 1988.", "1,900", "1988"),
    ],
)
def test_a_date_in_a_clause_describing_a_noun_does_not_time_the_figure(
    sentence: str, figure: str, when: str
) -> None:
    found = list(claims_in(language.parse_one(sentence), sentence, 0, date(2025, 2, 1)))
    assert next(c for c in found if c.value == figure).when.text == when


def test_a_series_value_says_its_own_time_as_prose() -> None:
    def said(when: str, status: str = "outcome") -> str:
        return series_time(FigureValue("5", 5, "a1", 0, "", None, status, when=when))

    assert said("January 2024", "forecast") == " for January 2024"
    assert said("2023") == " in 2023"
    assert said("last year") == " last year"
    assert said("Monday") == ""  # the article's own day


def test_of_themes_as_widely_shared_the_one_more_articles_report_on_is_the_subject() -> None:
    lines = {
        "a1": ["The harbour ferry timetable was cut.", "Port Halden's congestion charge rose."],
        "a2": ["The harbour ferry timetable changed.", "Port Halden's congestion charge fell."],
        "a3": ["Drivers pay the charge in Port Halden.", "Nothing else happened."],
    }
    articles = [article(key, text, None) for key, text in lines.items()]

    def theme(label: str, index: int, ids: tuple[str, ...] = ("a1", "a2")) -> Theme:
        points = tuple(Point(lines[i][index], i, index, index) for i in ids)
        return Theme(label, (), points)

    ferry, charge = theme("harbour ferry timetable", 0), theme("Port Halden's congestion charge", 1)
    line = build_bottom_line([ferry, charge], articles)
    assert line.what == "Port Halden's congestion charge" and len(line.agreed) == 3
    wider = theme("harbour ferry timetable", 0, ("a1", "a2", "a3"))
    assert build_bottom_line([charge, wider], articles).what == "the harbour ferry timetable"


# -- the disagreement as a sentence says it --------------------------------------------------


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("At least 27", "at least 27"),
        ("Thirty-seven", "thirty-seven"),
        ("Some 40 percent", "some 40 percent"),
        ("Rs 500", "Rs 500"),
        ("US$5 million", "US$5 million"),
        ("23", "23"),
    ],
)
def test_a_figure_that_opened_its_sentence_reads_in_lower_case_inside_another(
    value: str, said: str
) -> None:
    assert in_sentence(value) == said


def test_a_count_of_people_in_a_state_is_the_number_in_that_state() -> None:
    def conflict(label: str, measure: str) -> FigureConflict:
        return FigureConflict(label, "count", None, (), measure)

    assert disputed(conflict("Evacuated", "evacuated")) == "the number evacuated"
    assert disputed(conflict("In hospital", "hospitalised")) == "the number in hospital"
    assert disputed(conflict("Deaths", "deaths")) == "deaths"
    assert disputed(conflict("Money raised", "raise")) == "money raised"


def test_a_count_of_things_a_verb_names_is_the_number_of_them() -> None:
    def conflict(label: str, measure: str, unit: str = "count") -> FigureConflict:
        return FigureConflict(label, unit, None, (), measure)

    taken = conflict("People taken to hospital", "take")
    assert disputed(taken) == "the number of people taken to hospital"
    assert disputed(conflict("Hectares burned", "burn", "hectares")) == (
        "the number of hectares burned"
    )
    assert disputed(conflict("Delegation size", "delegation")) == "delegation size"
    assert disputed(conflict("Fares", "fare", "percent")) == "fares"


def test_key_terms_meet_hyphenated_and_possessive_words() -> None:
    key = key_terms("night-shift workers", ["Many night-shift workers still pay."])
    assert reports_on(key, article("a1", ["Halden's night-shift workers pay.", "x"], None))
    assert reports_on(key, article("a2", ["Day workers pay.", "Shift ends."], None)) is None


def test_a_name_takes_the_when_most_of_its_mentions_do() -> None:
    articles = [
        article("a1", ["The city's Transport Department agreed.", "Hamas fired rockets."], None),
        article("a2", ["The Transport Department said no.", "The Hamas leader spoke."], None),
        article("a3", ["Hamas denied it.", "Nothing else."], None),
    ]
    found = named_by_several(["Transport Department", "Hamas"], articles, "the talks")
    assert found == ["Hamas", "the Transport Department"]  # three articles before two


def test_where_disputed_figures_took_every_theme_the_subject_still_stands() -> None:
    def theme(label: str) -> Theme:
        return Theme(label, (), (Point("x", "a1", 0, 0), Point("y", "a2", 0, 0)))

    crash, count = theme("Tarsa bus crash"), theme("estimated 20,000 people")
    assert subjects([], [count, crash]) == [crash]  # the disputed count is no subject
    assert subjects([count], [crash]) == [count]  # themes left: they are the subjects
    assert subjects([], [theme("Forty-eight nations")]) == []


def test_a_year_is_said_without_the_article_of_the_noun_after_it() -> None:
    points = [
        Point("The 2009 killing of Ann Lee shocked Chicago.", "a1", 0, 0),
        Point("Police reopened the 2009 killing of Ann Lee.", "a2", 0, 0),
    ]
    assert shared_names(points, "murder case")["when"] == ["2009"]
    assert time_phrase("2009") == "in 2009"


def test_a_caption_is_never_the_evidence_that_an_article_reports_on_the_subject() -> None:
    key = key_terms("congestion charge", ["The congestion charge rose."])
    caption = "Image copyright PA Image caption The congestion charge zone at dusk"
    assert reports_on(key, article("a1", [caption, "Traffic fell."], None)) is None
