"""Batch plans: the issue's example reads into the settings the command line would make, and
every mistake is one line naming the plan file, the topic and the key, before any work."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from briefing.batch import load_plan
from briefing.cli.main import main
from briefing.errors import PlanError
from briefing.settings import Length

EXAMPLE = """\
[defaults]
formats = ["html", "md", "json"]
audio = true

[[topic]]
name = "harbour"
inputs = ["https://example.org/harbour.rss", "notes/harbour/"]
match = ["docks"]
"""


def write(folder: Path, text: str) -> Path:
    path = folder / "plan.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_issue_example_reads_into_the_settings_of_the_command_line(tmp_path: Path) -> None:
    plan = load_plan(write(tmp_path, EXAMPLE))
    [topic] = plan.topics
    request = topic.request
    assert (topic.name, topic.folder) == ("harbour", "harbour")
    assert request.output.formats == ("html", "md", "json")
    assert request.sources.inputs == (
        "https://example.org/harbour.rss",
        str(tmp_path / "notes" / "harbour"),  # relative to the plan, as @list lines are
    )
    assert request.sources.feed.keyword == "docks"
    assert request.audio is not None and request.audio.voice.engine is None
    assert request.summary.length == Length.parse("3")  # the command line's default
    assert topic.feed_url is None  # no base-url: no podcast feed


def test_defaults_apply_to_every_topic_and_a_topic_overrides_them(tmp_path: Path) -> None:
    text = """
[defaults]
length = "60w"
theme = "dark"
since = 2025-11-01
base_url = "https://example.org/briefs"
max-size = 2

[[topic]]
name = "Harbour docks"
inputs = ["a.txt"]
match = ["docks", "quay"]

[[topic]]
name = "Ring road"
inputs = ["b.txt"]
length = 2
until = "2025-12-01"
generation = {num_beams = 4}
summarizer = "abstractive"
model = "some/model"
"""
    with pytest.raises(PlanError) as raised:  # no such model on disk: found before any work
        load_plan(write(tmp_path, text))
    assert "topic 'Ring road'" in str(raised.value)
    plan = load_plan(write(tmp_path, text.replace('summarizer = "abstractive"\n', "")
                           .replace('model = "some/model"\n', "").replace(
                               "generation = {num_beams = 4}\n", "")))  # fmt: skip
    first, second = plan.topics
    assert first.folder == "harbour-docks"
    assert first.request.summary.length == Length.parse("60w")
    assert second.request.summary.length == Length.parse("2")
    assert first.request.display.theme == second.request.display.theme == "dark"
    assert first.request.sources.feed.keyword == ("docks", "quay")
    assert first.request.sources.feed.since == date(2025, 11, 1)
    assert second.request.sources.feed.until is not None
    assert first.request.sources.max_bytes == 2 * 1024 * 1024
    assert first.feed_url == "https://example.org/briefs/harbour-docks/"


TOPIC = '[[topic]]\nname = "harbour"\ninputs = ["a.txt"]\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (TOPIC + "lenght = 3\n", "topic 'harbour': unknown key 'lenght' (did you mean 'length'?)"),
        (TOPIC + 'format = "md"\n', "unknown key 'format' (did you mean 'formats'?)"),
        (TOPIC + 'audio = "yes"\n', "topic 'harbour': audio must be true or false, not a string"),
        (TOPIC + "limit = 2.5\n", "topic 'harbour': limit must be a whole number, not a number"),
        (TOPIC + 'theme = "pink"\n', "topic 'harbour': theme: unknown theme 'pink'; choose from"),
        (TOPIC + 'formats = ["docx"]\n', "topic 'harbour': formats: unknown format 'docx'"),
        (TOPIC + "max-size = 0\n", "topic 'harbour': max-size must be positive"),
        (TOPIC + 'since = "soon"\n', "topic 'harbour': since 'soon' is not a date"),
        (TOPIC + "rate = 1000\n", "topic 'harbour': rate is in words a minute, from 60 to 400"),
        (TOPIC + 'base-url = "example.org"\n', "base-url 'example.org' must be the http(s)"),
        ('[defaults]\nlength = "abc"\n' + TOPIC, "topic 'harbour': length: "),
        ('[defaults]\nname = "x"\n' + TOPIC, "[defaults]: name belongs to each [[topic]]"),
        ("[[topic]]\ninputs = []\n", "topic 1: needs a name"),
        ('[[topic]]\nname = "harbour"\n', "topic 'harbour': inputs: no inputs"),
        (TOPIC + TOPIC, "topic 'harbour': its folder 'harbour' is also topic 'harbour''s"),
        ("[defaults]\n", "no topics: add one with [[topic]]"),
        ("[topics]\n", "unknown section 'topics' (did you mean 'topic'?)"),
        ('[topic]\nname = "x"\n', "write each topic as a table in an array: [[topic]]"),
        ("[[topic]\n", "not valid TOML: "),
    ],
)
def test_plan_errors_are_one_line_naming_file_topic_and_key(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(PlanError) as raised:
        load_plan(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message


def test_a_value_from_the_defaults_says_so(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match=r"length: .*\(from \[defaults\]\)$"):
        load_plan(write(tmp_path, '[defaults]\nlength = "abc"\n' + TOPIC))


def test_the_command_exits_1_with_one_line_and_writes_nothing(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, TOPIC + "lenght = 3\n")
    out = tmp_path / "out"
    assert main(["batch", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"briefing: error: {path}: topic 'harbour': unknown key 'lenght' " + (
        "(did you mean 'length'?)\n"
    )
    assert not out.exists()


def test_a_missing_plan_is_an_error_of_its_own(tmp_path: Path, capsys) -> None:
    assert main(["batch", str(tmp_path / "nope.toml")]) == 1
    assert capsys.readouterr().err.strip().endswith("nope.toml: no such file")


def test_workers_and_a_cluster_address_do_not_mix(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, TOPIC)
    assert main(["batch", str(path), "--ray", "ray://head:10001", "--workers", "2"]) == 2
    assert "--workers sizes a local Ray instance" in capsys.readouterr().err


def test_one_plan_speaks_with_one_voice_engine(tmp_path: Path) -> None:
    text = (
        TOPIC
        + 'audio = true\nengine = "espeak"\n'
        + TOPIC.replace("harbour", "quay")
        + ('audio = true\nengine = "piper"\n')
    )
    with pytest.raises(PlanError, match=r"espeak \(topic 'harbour'\) and piper \(topic 'quay'\)"):
        load_plan(write(tmp_path, text))
