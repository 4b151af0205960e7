"""Mastheads, bylines, section labels, captions and player controls by position and shape."""

from __future__ import annotations

import pytest

from briefing.ingest import article_from_text, chrome, metadata

BODY = (
    "The council voted on Monday to rebuild the harbour wall before the winter storms arrive.\n"
    "Residents of Quay Street said they had waited six years for a decision on the new wall.\n"
)
MORE = (
    "Engineers said the work would take two summers and close the quay to boats in August.\n"
    "The harbour master said fishing crews would moor at the north pier while it was shut.\n"
    "A public meeting on the plans will be held at the town hall on the first of next month.\n"
)
HEADLINE = "Wall vote delayed again by the council"


def read(header: str, body: str = BODY):
    return article_from_text(f"{header}\n{body}", "a.txt", "a1")


@pytest.mark.parametrize(
    "name", ["The National", "Northgate Evening News", "Business Review", "The Sport"]
)
def test_masthead_may_contain_a_section_word(name: str) -> None:
    article = read(f"{name}\n{HEADLINE}\nBy Mark Chen")
    assert (article.outlet, article.title) == (name, HEADLINE)


@pytest.mark.parametrize("label", ["Local News", "NEWS", "Home News Sport Weather", "Transport"])
def test_section_labels_and_menus_are_neither_outlet_nor_title(label: str) -> None:
    article = read(f"{label}\n{HEADLINE}")
    assert article.title == HEADLINE and article.outlet is None
    assert label in article.removed


def test_a_date_box_above_the_masthead_does_not_hide_it() -> None:
    article = read(f"THURSDAY, DECEMBER 4, 2025\nValley Post\n{HEADLINE}")
    assert (article.outlet, article.title) == ("Valley Post", HEADLINE)


def test_a_short_topic_label_gives_way_to_the_headline() -> None:
    article = read(f"Cost of living\n{HEADLINE}")
    assert article.title == HEADLINE and "Cost of living" in article.removed


def test_a_headline_under_a_title_case_title_is_not_taken_for_a_label() -> None:
    """Only a label of four words or fewer, with no byline between, gives way."""
    article = read(f"{HEADLINE}\nBy Mark Chen\nCouncil to meet again next month on the wall")
    assert article.title == HEADLINE


def test_a_name_alone_under_the_headline_is_the_byline() -> None:
    assert read(f"{HEADLINE}\nFiona MacLeod").authors == ("Fiona MacLeod",)
    assert read(f"{HEADLINE}\nDaniel Okafor Transport correspondent").authors == ("Daniel Okafor",)


def test_an_outlet_line_under_the_byline() -> None:
    article = read(f"{HEADLINE}\nTom Aldridge\nCoastal News, Yorkshire")
    assert (article.authors, article.outlet) == (("Tom Aldridge",), "Coastal News")


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Sarah Whitfield, Local Democracy Reporter", ("Sarah Whitfield",)),
        ("By Helen Marsh and Health Correspondent", ("Helen Marsh",)),
        ("By Rachel Nguyen, Staff Writer", ("Rachel Nguyen",)),
        ("By Anna Berg, Senior Political Editor", ("Anna Berg",)),
    ],
)
def test_role_words_are_not_names(line: str, authors: tuple[str, ...]) -> None:
    assert metadata.parse_byline(line)[0] == authors


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Karen Liu / The Valley Courier Share:", "The Valley Courier"),
        ("By Karen Liu | Metro Daily Print Email", "Metro Daily"),
        ("By Maria Gonzalez, CNN", "CNN"),
        ("By JAMES HOLT FOR THE HARBOUR TIMES", "The Harbour Times"),
        ("By Jane Doe, The Valley Courier", "The Valley Courier"),
    ],
)
def test_byline_outlet_is_kept_whole_without_widgets(line: str, outlet: str) -> None:
    assert metadata.parse_byline(line)[1] == outlet


def test_a_place_after_the_byline_is_no_outlet() -> None:
    assert metadata.parse_byline("By Jane Doe, Washington") == (("Jane Doe",), None)


def test_two_pieces_by_one_outlet_name_it_the_same_way() -> None:
    first = read(f"{HEADLINE}\nKaren Liu / The Valley Courier Share:")
    second = read("Harbour wall approved\nTom Ash / The Valley Courier")
    assert first.outlet == second.outlet == "The Valley Courier"


def test_a_byline_time_is_not_an_outlet() -> None:
    article = read(f"The Daily Telegraph\n{HEADLINE}\nBy Harriet Lane\n4 September 2024 • 6:00am")
    assert article.outlet == "The Daily Telegraph"


@pytest.mark.parametrize(
    "line",
    [
        "Image copyright PA Image caption Bob Smith leaves the court on Tuesday",
        "Image source, PA Media",
        "Image caption, Nurses on the picket line outside the hospital last month",
        "Media caption Watch: drone footage shows the extent of flooding",
        "1 of 10 Full Screen Autoplay Close Skip Ad",
        "WATCHED",
        "Video Duration 01:32",
        "Media playback is unsupported on your device",
        "Story continues below advertisement",
        "Updated 5:12 p.m. ET",
        "Enlarge this image toggle caption Jay Reed/NPR Jay Reed/NPR",
        "CLOSE Ariel Winter is tired of being told what to wear. USA TODAY",
    ],
)
def test_captions_credits_and_player_controls_are_chrome(line: str) -> None:
    assert chrome.is_chrome(line)
    article = read(HEADLINE, f"{BODY}{line}\n{MORE}")
    assert line not in "\n".join(article.paragraphs) and line in article.removed


@pytest.mark.parametrize(
    "line",
    [
        "Watch the full interview with the minister on our website tonight.",
        "The captain said the team would play next week.",
        "Screen time for children has doubled, the study found.",
        "Close to 200 people were evacuated from the flats on Tuesday night.",
    ],
)
def test_sentences_with_player_words_are_text(line: str) -> None:
    assert not chrome.is_chrome(line)


def test_a_headline_is_never_removed_as_chrome() -> None:
    for masthead in ("The National", "Business Review", "Northgate Evening News"):
        article = read(f"{masthead}\nNEWS\n{HEADLINE}\nBy Mark Chen\nShare")
        assert article.title == HEADLINE and HEADLINE not in article.removed


def test_wire_dateline_names_the_agency_only_when_nothing_else_does() -> None:
    body = f"LONDON, Sept 4 (Reuters) - Oil prices rose on Wednesday.\n{BODY}"
    assert read(HEADLINE, body).outlet == "Reuters"
    assert read(f"Metro Daily\n{HEADLINE}", body).outlet == "Metro Daily"


def test_a_byline_under_a_standfirst_sentence_is_still_read() -> None:
    header = (
        f"{HEADLINE}\nThe harbour wall has been waiting for repairs since the storms of 2019.\n"
        "By Jeanna Park\nReporting from Port Halden\nSept. 18, 2024"
    )
    article = read(header)
    assert article.authors == ("Jeanna Park",)
    assert article.paragraphs[0].startswith("The harbour wall has been waiting")
    assert "Reporting from Port Halden" not in article.paragraphs


def test_ligatures_are_unfolded() -> None:
    article = read(HEADLINE, "The ﬁgures show staﬀ shortages and a bad ﬂu season this winter.\n")
    assert article.paragraphs[0].startswith("The figures show staff shortages and a bad flu")


@pytest.mark.parametrize(
    "line", ["Key Points", "Live Updates", "Local News", "Health Correspondent"]
)
def test_headings_under_the_headline_are_not_bylines(line: str) -> None:
    assert metadata.person_line(line) is None
    assert read(f"{HEADLINE}\n{line}").authors == ()


def test_a_the_heading_is_an_outlet_only_under_a_byline() -> None:
    assert read(f"{HEADLINE}\nThe Big Picture").outlet is None
    assert read(f"{HEADLINE}\nMark Chen\nThe Valley Courier").outlet == "The Valley Courier"
    assert read(f"{HEADLINE}\nValley Evening Post").outlet == "Valley Evening Post"


def test_a_sentence_naming_a_date_does_not_end_the_header() -> None:
    body = f"{BODY}The next vote is on 4 September 2024 at the town hall.\n{MORE}"
    article = read(HEADLINE, body)
    assert article.published is None
    assert any(p.startswith("The next vote is on 4 September") for p in article.paragraphs)


def test_a_masthead_in_capitals_needs_a_newspaper_word() -> None:
    article = read(f"THE NORTHGATE HERALD\nLOCAL NEWS\n{HEADLINE}")
    assert article.outlet == "The Northgate Herald" and article.title == HEADLINE
    assert read(f"BREAKING STORY\n{HEADLINE}").outlet is None


@pytest.mark.parametrize(
    ("name", "tidy"),
    [
        ("THE NORTHGATE HERALD", "The Northgate Herald"),
        ("BBC NEWS", "BBC News"),
        ("Metro", "Metro"),
    ],
)
def test_outlet_names_lose_their_capitals(name: str, tidy: str) -> None:
    assert metadata.tidy_outlet(name) == tidy


def test_an_agency_byline_is_the_outlet_not_an_author() -> None:
    assert metadata.parse_byline("By The Associated Press") == ((), "The Associated Press")
    assert metadata.parse_byline("By Jane Doe and John Roe, Associated Press") == (
        ("Jane Doe", "John Roe"),
        "Associated Press",
    )


def test_a_name_and_outlet_alone_under_the_headline() -> None:
    article = read(f"{HEADLINE}\nJane Doe, The Northgate Herald")
    assert (article.authors, article.outlet) == (("Jane Doe",), "The Northgate Herald")


@pytest.mark.parametrize("line", ["Video Ad Feedback", "Link Copied!"])
def test_more_widget_lines(line: str) -> None:
    assert chrome.is_chrome(line)


def test_a_byline_and_a_date_on_one_line() -> None:
    article = read(f"{HEADLINE}\nBy Jane Doe, September 4, 2024")
    assert (article.authors, str(article.published)) == (("Jane Doe",), "2024-09-04")


def test_a_name_among_byline_segments() -> None:
    article = read(f"{HEADLINE}\nJane Doe • 4 min read • Sep 4, 2024")
    assert (article.authors, article.outlet) == (("Jane Doe",), None)
    assert str(article.published) == "2024-09-04"
    outlet = read(f"{HEADLINE}\nBy Ann Berg | Dec 1, 2025 | Metro Daily")
    assert (outlet.authors, outlet.outlet) == (("Ann Berg",), "Metro Daily")


def test_a_headline_printed_twice_under_the_masthead_is_kept() -> None:
    article = read(f"Valley Post\n{HEADLINE}\n{HEADLINE}\nBy Mark Chen")
    assert (article.title, article.outlet) == (HEADLINE, "Valley Post")


def test_a_lead_without_a_full_stop_under_the_headline_is_text() -> None:
    lead = "Commuters face the biggest rise in a decade as season tickets pass £5,000"
    article = read(f"{HEADLINE}\n{lead}\nDaniel Okafor\nTue 15 Oct 2024 07.00 BST")
    assert article.paragraphs[0] == lead and article.authors == ("Daniel Okafor",)


@pytest.mark.parametrize(
    "line",
    ["Support truly independent journalism", "Sign Up For Our Daily News Briefing Email Today"],
)
def test_short_or_title_case_lines_under_the_headline_are_not_a_lead(line: str) -> None:
    assert line not in read(f"{HEADLINE}\n{line}").paragraphs


def test_a_title_case_headline_over_its_lead_is_neither_masthead_nor_label() -> None:
    lead = "The central bank signals two cuts later this year"
    article = read(f"Fed Holds Rates Steady\n{lead}\nBy Jane Doe")
    assert (article.title, article.outlet) == ("Fed Holds Rates Steady", None)
    assert article.paragraphs[0] == lead


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jane Doe | Reporter", (("Jane Doe",), None)),
        ("By Jane Doe | Staff Writer", (("Jane Doe",), None)),
        ("By Jane Doe jdoe@riversidegazette.com", (("Jane Doe",), None)),
        ("By Jane Doe @janedoe", (("Jane Doe",), None)),
        ("Local News / Politics", None),
    ],
)
def test_bylines_with_roles_addresses_and_handles(line: str, expected: tuple | None) -> None:
    assert metadata.parse_byline(line) == expected


def test_written_by_and_date_on_one_line() -> None:
    article = read(f"{HEADLINE}\nWritten by Jane Doe on September 4, 2024")
    assert (article.authors, str(article.published)) == (("Jane Doe",), "2024-09-04")


def test_four_word_names_need_a_newspaper_word_to_be_a_masthead() -> None:
    assert metadata.is_masthead("Port Halden Evening Courier")
    assert metadata.is_masthead("Al Jazeera")
    assert not metadata.is_masthead("Fed Holds Rates Steady")


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Opinion by Jane Doe", ("Jane Doe",)),
        ("Analysis by Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("By Jane Doe - Staff Writer", ("Jane Doe",)),
        ("By Jane Doe and John Roe, Political Correspondents", ("Jane Doe", "John Roe")),
        ("Author: Jane Doe", ("Jane Doe",)),
    ],
)
def test_more_byline_forms(line: str, authors: tuple[str, ...]) -> None:
    assert metadata.parse_byline(line)[0] == authors
