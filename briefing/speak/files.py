"""Audio files out: MP3 (lameenc) with ID3 tags and chapters (mutagen), WAV, transcripts.

ID3 chapters are CHAP frames, one per segment, listed in order by a
top-level CTOC frame: what podcast players read. Transcripts are WebVTT and
SRT cues, one per spoken sentence; chapters are also written as Podcasting
2.0 JSON for feeds.
"""

from __future__ import annotations

import io
import json
import wave
from dataclasses import dataclass

import numpy as np

from briefing.defaults import AUDIO_FORMATS  # noqa: F401  (re-exported; light, for the CLI)
from briefing.errors import ConfigError
from briefing.speak.production import Programme

MP3_KBPS = 64  # mono speech: transparent at 64 kbit/s


@dataclass(frozen=True)
class Tags:
    title: str
    artist: str
    date: str  # ISO date
    comment: str


def pcm16(samples: np.ndarray) -> bytes:
    return (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()


def encode(programme: Programme, audio_format: str, tags: Tags) -> bytes:
    if audio_format == "wav":
        return wav_bytes(programme)
    if audio_format == "mp3":
        return tag_mp3(mp3_bytes(programme), programme, tags)
    raise ConfigError(f"unknown audio format {audio_format!r}; choose from mp3, wav")


def wav_bytes(programme: Programme) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as stream:
        stream.setnchannels(1)
        stream.setsampwidth(2)
        stream.setframerate(programme.sample_rate)
        stream.writeframes(pcm16(programme.samples))
    return buffer.getvalue()


def mp3_bytes(programme: Programme) -> bytes:
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(MP3_KBPS)
    encoder.set_in_sample_rate(programme.sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(5)  # LAME -q 5: the usual speed and quality balance
    return bytes(encoder.encode(pcm16(programme.samples)) + encoder.flush())


def tag_mp3(data: bytes, programme: Programme, tags: Tags) -> bytes:
    from mutagen.id3 import CHAP, COMM, CTOC, ID3, TALB, TDRC, TIT2, TPE1, CTOCFlags

    id3 = ID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TPE1(encoding=3, text=tags.artist))
    id3.add(TALB(encoding=3, text="briefing"))
    id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(COMM(encoding=3, lang="eng", desc="", text=tags.comment))
    ids = [f"chp{n}" for n in range(len(programme.chapters))]
    id3.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text="Chapters")],
        )
    )
    for element, chapter in zip(ids, programme.chapters, strict=True):
        id3.add(
            CHAP(
                element_id=element,
                start_time=int(chapter.start * 1000),
                end_time=int(chapter.end * 1000),
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    buffer = io.BytesIO(data)
    id3.save(buffer, v2_version=3)
    return buffer.getvalue()


def _clock(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}{separator}{rest % 1000:03d}"


def webvtt(programme: Programme) -> str:
    lines = ["WEBVTT", ""]
    for number, cue in enumerate(programme.cues, 1):
        lines += [
            str(number),
            f"{_clock(cue.start, '.')} --> {_clock(cue.end, '.')}",
            cue.text,
            "",
        ]
    return "\n".join(lines)


def srt(programme: Programme) -> str:
    lines = []
    for number, cue in enumerate(programme.cues, 1):
        lines += [str(number), f"{_clock(cue.start, ',')} --> {_clock(cue.end, ',')}", cue.text, ""]
    return "\n".join(lines)


def chapters_json(programme: Programme) -> str:
    """Podcasting 2.0 chapters (podcast:chapters)."""
    return json.dumps(
        {
            "version": "1.2.0",
            "chapters": [
                {"startTime": round(c.start, 3), "endTime": round(c.end, 3), "title": c.title}
                for c in programme.chapters
            ],
        },
        indent=1,
    )
