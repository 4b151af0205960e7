"""Hearing a recording while it is made: parts in order, each a whole MP3 of the final samples."""

from __future__ import annotations

import io
import itertools

import numpy as np

from briefing.speak import VoiceOptions, load_voices, parse_script, record
from briefing.speak.recording import PART_SECONDS, Part, about, progress_text

SCRIPT = (
    "# Parts\n\n## Introduction\nWelcome to the parts test.\n\nHere is the short version.\n"
    "The council voted for the plan.\n\n## Second chapter\nThe second chapter has one line.\n"
)


def _decode(data: bytes, rate: int) -> np.ndarray:
    import miniaudio

    decoded = miniaudio.decode(
        data, output_format=miniaudio.SampleFormat.FLOAT32, nchannels=1, sample_rate=rate
    )
    return np.asarray(decoded.samples, dtype=np.float32)


def test_parts_come_in_order_and_cover_the_programme_exactly() -> None:
    """The first sentence is a part of its own, then each chapter; no sample missing or twice."""
    heard = []
    voices = load_voices(VoiceOptions(engine="espeak"))
    programme = record(parse_script(SCRIPT), voices, on_part=lambda p: heard.append((p, p.mp3())))
    parts = [part for part, _ in heard]
    assert [p.number for p in parts] == [1, 2, 3]
    assert [p.title for p in parts] == ["Introduction", "Introduction", "Second chapter"]
    assert [p.chapter for p in parts] == [1, 1, 2] and parts[0].chapters == 2
    assert parts[0].start == 0.0 and parts[-1].end == programme.duration
    for before, after in itertools.pairwise(parts):
        assert before.end == after.start
    words = parse_script(SCRIPT).words
    assert parts[0].words == len("Welcome to the parts test.".split())
    assert parts[-1].words == parts[-1].total_words == words
    assert programme.chapters[1].start == round(parts[2].start, 3)  # a chapter starts a part
    rate = programme.sample_rate
    for part, mp3 in heard:
        samples = _decode(mp3, rate)
        assert len(samples) == round((part.end - part.start) * rate)  # gapless: delay skipped
        assert np.abs(samples).max() > 0.1  # speech, mastered towards the target


def test_a_part_sounds_as_the_finished_programme_there() -> None:
    """Same samples, and a gain within a few decibels of the final one: reading a part while
    the voice speaks on neither moved nor overwrote anything in the recording."""
    heard = []
    voices = load_voices(VoiceOptions(engine="espeak"))
    programme = record(parse_script(SCRIPT), voices, on_part=lambda p: heard.append((p, p.mp3())))
    final = programme.samples()
    rate = programme.sample_rate
    for part, mp3 in heard:
        start, stop = round(part.start * rate), round(part.end * rate)
        piece = _decode(mp3, rate)
        expected = final[start:stop]
        ratio = np.sqrt(np.mean(piece**2) / np.mean(expected**2))
        assert abs(20 * np.log10(ratio)) < 3.0
        assert np.corrcoef(piece, expected)[0, 1] > 0.95


def test_a_long_chapter_is_heard_in_parts_closed_at_paragraphs() -> None:
    lines = "\n\n".join(
        f"Paragraph {n} says that the vote on the plan was close." for n in range(24)
    )
    script = parse_script(f"# Long\n\n## Only\n{lines}\n")
    heard = []
    record(script, load_voices(VoiceOptions(engine="espeak")), on_part=heard.append)
    assert len(heard) >= 3  # the first sentence, then stretches of PART_SECONDS or so
    for part in heard[1:-1]:
        assert part.end - part.start >= PART_SECONDS


def _part(number: int, words: int, total: int, chapter_end: bool) -> Part:
    return Part(number, number, 3, "A chapter", 0.0, 10.0, words, total, chapter_end, None, (0, 0))


def test_the_time_left_is_told_from_the_pace_so_far() -> None:
    assert about(12) == "about 10 s" and about(40) == "about 40 s"
    assert about(125) == "about 2 min" and about(1) == "about 5 s"
    text = progress_text(_part(1, 30, 120, chapter_end=False), elapsed=10.0)
    assert text == "recording audio: chapter 1 of 3 under way, about 30 s left"
    done = progress_text(_part(3, 120, 120, chapter_end=True), elapsed=40.0)
    assert done == "recording audio: chapter 3 of 3 done"


def test_the_command_line_bar_moves_with_each_part() -> None:
    """The audio step no longer sits at one percentage: each part moves the bar by its words."""
    from tqdm import tqdm

    from briefing.cli.terminal import Steps

    steps = Steps(4, quiet=False)
    steps.bar = tqdm(total=4, file=io.StringIO())
    steps.advance("reading articles")
    steps.advance("recording audio")
    assert steps.bar.n == 1
    steps.heard(_part(1, 30, 120, chapter_end=False))
    assert steps.bar.n == 1.25
    assert steps.bar.desc.startswith("recording audio: chapter 1 of 3 under way, about")
    steps.heard(_part(2, 120, 120, chapter_end=True))
    assert steps.bar.n == 2
    steps.advance("rendering")
    assert steps.bar.n == 3 and steps.bar.desc.startswith("rendering")
    steps.bar.close()


def test_the_first_part_is_the_first_sentence_however_long_its_paragraph() -> None:
    script = parse_script(
        "# First\n\n## Introduction\nThe first sentence is heard at once. The second waits. "
        "So does the third.\n\n## Next\nThe next chapter.\n"
    )
    heard = []
    record(script, load_voices(VoiceOptions(engine="espeak")), on_part=heard.append)
    assert heard[0].words == len("The first sentence is heard at once.".split())
    assert [p.title for p in heard] == ["Introduction", "Introduction", "Next"]
    assert [p.chapter_end for p in heard] == [False, True, True]
