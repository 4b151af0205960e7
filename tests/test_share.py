"""A kept brief's email re-addressed, and the podcast feed of episodes served by name."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from briefing.errors import ConfigError, InputError
from briefing.share.feed import feed_of
from briefing.share.kept import read_message, readdress


def message() -> EmailMessage:
    kept = EmailMessage()
    kept["From"] = "Briefs <brief@example.org>"
    kept["To"] = "old@example.org"
    kept["Cc"] = "copy@example.org"
    kept["Bcc"] = "hidden@example.org"
    kept["Subject"] = "Port Halden"
    kept["Date"] = "Mon, 01 Dec 2025 09:00:00 +0000"
    kept["Message-ID"] = "<kept@example.org>"
    kept.set_content("Two lines.\nOf a brief.\n")
    return kept


def test_new_recipients_replace_every_old_one() -> None:
    kept = message()
    readdress(kept, to=["ann@example.org, Bob <bob@example.org>"])
    assert kept["To"] == "ann@example.org, Bob <bob@example.org>"
    assert kept["Cc"] is None and kept["Bcc"] is None
    assert kept["Message-ID"] == "<kept@example.org>"  # the same message, sent now


def test_copies_alone_also_replace_the_recipients() -> None:
    kept = message()
    readdress(kept, cc=["cy@example.org"])
    assert kept["To"] is None and kept["Cc"] == "cy@example.org"


def test_nothing_given_changes_nothing() -> None:
    kept = message()
    readdress(kept)
    assert kept.as_bytes() == message().as_bytes()


def test_a_resent_message_is_a_new_one_from_its_new_sender() -> None:
    kept = message()
    readdress(kept, to=["ann@example.org"], sender="Desk <desk@news.example>", resent=True)
    assert kept["From"] == "Desk <desk@news.example>"
    assert kept["Message-ID"] != "<kept@example.org>"
    assert kept["Message-ID"].endswith("@news.example>")
    assert kept["Date"] != "Mon, 01 Dec 2025 09:00:00 +0000"


@pytest.mark.parametrize(
    "bad", [{"to": ["ann@example.org\r\nBcc: eve@example.org"]}, {"sender": "not an address"}]
)
def test_bad_addresses_change_nothing(bad: dict) -> None:
    kept = message()
    with pytest.raises(ConfigError):
        readdress(kept, **bad)
    assert kept.as_bytes() == message().as_bytes()


def test_a_file_that_is_no_message_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.eml"
    path.write_text("just\ntwo lines\n", encoding="utf-8")
    with pytest.raises(InputError, match="not an email message"):
        read_message(path)
    (tmp_path / "b.eml").write_bytes(message().as_bytes())
    assert read_message(tmp_path / "b.eml")["Subject"] == "Port Halden"


def test_a_feed_with_no_episodes_yet_can_be_subscribed_to() -> None:
    import feedparser

    parsed = feedparser.parse(feed_of([], "https://example.org/podcast/", title="Briefs"))
    assert parsed.bozo == 0 and parsed.feed.title == "Briefs" and parsed.entries == []
    with pytest.raises(ConfigError):
        feed_of([], "ftp://example.org/")
