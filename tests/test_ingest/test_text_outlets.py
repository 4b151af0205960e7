"""Outlet and author-note evidence in scraped text, and the brief-level domain match."""

from __future__ import annotations

from briefing.ingest import article_from_text, metadata
from briefing.ingest.outlets import attribute_outlets

BODY = (
    "The council voted on Monday to rebuild the harbour wall before the winter storms arrive.\n"
    "Residents of Quay Street said they had waited six years for a decision on the new wall.\n"
)


def test_repeated_top_tokens_are_never_an_outlet() -> None:
    header = "Trending Trending Trending\nWall vote delayed again by the council\nBy Mark Chen"
    text = f"{header}\n{BODY}"
    article = article_from_text(text, "a.txt", "a1")
    assert article.outlet is None
    assert "Trending Trending Trending" in article.removed


def test_repeated_word_is_chrome_even_when_it_recurs() -> None:
    text = (
        f"Trending Trending Trending\nWall vote delayed again by the council\n{BODY}Trending now\n"
    )
    assert article_from_text(text, "a.txt", "a1").outlet is None


def test_repeated_token_named_again_on_the_page_is_the_outlet() -> None:
    text = (
        f"Metro Daily Metro Daily\nWall vote delayed again by the council\n{BODY}"
        "Residents queue for the bus on Harbour Road. Photo: Metro Daily\n"
    )
    assert article_from_text(text, "a.txt", "a1").outlet == "Metro Daily"


def test_byline_outranks_the_repeated_token_and_the_masthead() -> None:
    text = (
        "Harbour Times\nLive Live Live\nWall vote delayed again by the council\n"
        f"Lena Ortiz / Example Post\n{BODY}"
    )
    article = article_from_text(text, "a.txt", "a1")
    assert article.outlet == "Example Post"
    assert article.authors == ("Lena Ortiz",)


def test_masthead_above_the_headline() -> None:
    text = f"Valley Herald\nWall vote delayed again by the council\nBy Mark Chen\n{BODY}"
    article = article_from_text(text, "a.txt", "a1")
    assert article.outlet == "Valley Herald"
    assert article.title == "Wall vote delayed again by the council"


def test_section_labels_are_not_mastheads() -> None:
    assert not metadata.is_masthead("Local News")
    assert not metadata.is_masthead("OPINION")
    assert metadata.is_masthead("Northern Post")


def test_author_note_keeps_only_the_description() -> None:
    text = (
        f"Wall vote delayed again by the council\n{BODY}"
        "The author is a senior fellow at the Coastal Resilience Institute. "
        "opinion@examplepost.com Example Post\n"
    )
    article = article_from_text(text, "a.txt", "a1")
    assert article.author_notes == (
        "The author is a senior fellow at the Coastal Resilience Institute.",
    )
    assert article.outlet == "Example Post"
    assert "opinion@examplepost.com" in article.removed and "Example Post" in article.removed


def test_signature_line_and_disclaimer_name_the_outlet() -> None:
    signed = f"Wall vote delayed\n{BODY}The author is a historian.\nCoastal Review\n"
    assert article_from_text(signed, "a.txt", "a1").outlet == "Coastal Review"
    views = f"{BODY}The views don't necessarily reflect those of Coastal Review.\n"
    assert article_from_text(views, "b.txt", "a1").outlet == "Coastal Review"


def test_contact_domain_matched_to_an_outlet_another_article_names() -> None:
    first = article_from_text(f"Wall vote\nLena Ortiz / Example Post\n{BODY}", "a.txt", "a1")
    second = article_from_text(f"{BODY}Letters: letters@examplepost.com\n", "b.txt", "a2")
    assert second.outlet is None
    assert [a.outlet for a in attribute_outlets([first, second])] == [
        "Example Post",
        "Example Post",
    ]


def test_domain_matching_rules() -> None:
    assert metadata.matches_domain("Example Post", "examplepost")
    assert metadata.matches_domain("Port Halden Courier", "phcourier")
    assert metadata.matches_domain("The Northern Post", "northernpost")
    assert not metadata.matches_domain("Port Halden Courier", "phc")
    assert not metadata.matches_domain("Example Post", "examplepaper")
    assert metadata.domain_label("opinion.examplepost.co.uk") == "examplepost"
    assert metadata.domain_label("gmail.com") is None


def test_a_feed_name_is_the_weakest_evidence() -> None:
    from briefing.ingest import Document, Metadata
    from briefing.ingest import read_document as read

    page = f"Wall vote delayed again\nLena Ortiz / Example Post\n{BODY}".encode()
    named = read(Document("e1", page, metadata=Metadata(outlet="Kessing Feed")), "a1", Metadata())
    assert named.outlet == "Example Post"
    bare = read(
        Document("e2", BODY.encode(), metadata=Metadata(outlet="Kessing Feed")), "a2", Metadata()
    )
    assert bare.outlet == "Kessing Feed"
    given = read(
        Document("e3", page, metadata=Metadata(outlet="Kessing Feed")),
        "a3",
        Metadata(outlet="Mine"),
    )
    assert given.outlet == "Mine"


def test_one_outlet_is_written_one_way_across_the_brief() -> None:
    masthead = article_from_text(f"Valley Courier\nWall vote delayed again\n{BODY}", "a.txt", "a1")
    byline = article_from_text(
        f"Harbour wall approved\nLena Ortiz / The Valley Courier Share:\n{BODY}", "b.txt", "a2"
    )
    other = article_from_text(f"Wall vote\nLena Ortiz / Example Post\n{BODY}", "c.txt", "a3")
    assert [a.outlet for a in (masthead, byline)] == ["Valley Courier", "The Valley Courier"]
    assert [a.outlet for a in attribute_outlets([masthead, byline, other])] == [
        "The Valley Courier",
        "The Valley Courier",
        "Example Post",
    ]
