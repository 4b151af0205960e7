"""Audio files out: MP3 (lameenc) with ID3 tags and chapters (mutagen), WAV, transcripts.

ID3 chapters are CHAP frames, one per segment, listed in order by a
top-level CTOC frame: what podcast players read. Transcripts are WebVTT and
SRT cues, one per spoken sentence; chapters are also written as Podcasting
2.0 JSON for feeds.
"""

from __future__ import annotations

import html
import io
import json
import re
import struct
import wave
from dataclasses import dataclass

import numpy as np

from briefing.defaults import AUDIO_FORMATS  # noqa: F401  (re-exported; light, for the CLI)
from briefing.errors import ConfigError
from briefing.speak.production import Programme

MP3_KBPS = 64  # mono speech: transparent at 64 kbit/s
MP3_QUALITY = 7  # LAME -q 7: 40% less encoding time than -q 5, no audible loss on 64 kbit/s speech


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
        for chunk in programme.chunks():
            stream.writeframes(pcm16(chunk))
    return buffer.getvalue()


def mp3_bytes(programme: Programme) -> bytes:
    """CBR MP3 led by a LAME info frame (see :func:`info_frame`), encoded in two halves at once.

    LAME is single-threaded and releases the GIL, so the two halves of a long
    programme are encoded side by side and their frames joined (see :func:`_split`).
    """
    cut = _split(programme)
    if cut is None:
        frames = _lame(programme, 0, programme.length)
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(1, thread_name_prefix="mp3") as pool:
            second = pool.submit(_lame, programme, cut + 2 * _GRANULE, programme.length)
            first = _lame(programme, 0, cut)
            frames = first + second.result()
        if _count_frames(first) != cut // _GRANULE + 2:  # not the LAME this was written for
            frames = _lame(programme, 0, programme.length)
    return info_frame(frames, programme.length) + frames


def mp3_stretch(programme: Programme, start: int, stop: int) -> bytes:
    """Samples ``start`` to ``stop`` as a whole MP3 file, led by its info frame (no tags):
    a part to hear before the rest of the programme is recorded."""
    frames = _lame(programme, start, stop)
    return info_frame(frames, stop - start) + frames


def _lame(programme: Programme, start: int, stop: int) -> bytes:
    """Samples ``start`` to ``stop`` of the mastered programme as MP3 frames."""
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(MP3_KBPS)
    encoder.set_in_sample_rate(programme.sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(MP3_QUALITY)
    frames = bytearray()
    for chunk in programme.chunks(start=start, stop=stop):
        frames += encoder.encode(pcm16(chunk / LAME_LEVEL))
    frames += encoder.flush()
    return bytes(frames)


_GRANULE = 576  # samples in an MPEG-2 layer III frame (rates under 32 kHz)
_SPLIT_FROM = 60  # seconds: shorter programmes are encoded in one piece


def _split(programme: Programme) -> int | None:
    """Where two separately encoded halves can be joined without a seam, if anywhere.

    Each LAME stream starts with 576 samples of encoder delay and ends padded to
    a whole frame; for n samples (n a multiple of 576) LAME 3.100 writes
    n / 576 + 2 frames, the last 576 samples of them padding. A first half that
    stops at ``cut`` and a second that starts at ``cut + 1152`` therefore decode
    as one programme, sample for sample in time, provided the 1,152 samples in
    between are silence: the padding and the delay stand in for them. The cut
    goes into the pause nearest the middle. At rates of 32 kHz and more (MPEG-1
    frames of 1,152 samples) the programme is encoded in one piece.
    """
    if programme.sample_rate >= 32000 or programme.duration < _SPLIT_FROM:
        return None
    middle, best = programme.length // 2, None
    for first, count in programme.spool.silences:
        cut = -(-first // _GRANULE) * _GRANULE
        if cut + 2 * _GRANULE <= first + count and (
            best is None or abs(cut - middle) < abs(best - middle)
        ):
            best = cut
    return best


LAME_LEVEL = 0.95
"""What LAME 3.100 in lameenc does to the level of a mono input: the decoded MP3 is 0.45 dB
quieter than its input at every frequency and -q setting (measured with sine tones and speech).
The input is raised by as much so the decoded file, not the PCM, lands on the target."""
ENCODER_DELAY = 576
"""Samples LAME 3.100 (inside lameenc) puts before the audio; decoders add 529 of their own."""


def info_frame(frames: bytes, samples: int) -> bytes:
    """A Xing "Info" frame with the LAME extension, placed before the audio frames.

    lameenc writes no such frame, so every decoder played the encoder's start-up
    delay (1,105 samples, 50 ms at 22,050 Hz) ahead of the speech and the transcript
    ran that far ahead of the voice. The LAME extension records the delay and the end
    padding; ffmpeg (Chromium's and Firefox's decoder), dr_mp3 (miniaudio), Apple's
    decoders and LAME's own skip them, so the decoded audio starts on the first sample
    of the programme and has exactly its length.
    """
    header = frames[:4]
    mpeg1 = header[1] >> 3 & 1
    mono = header[3] >> 6 == 3
    per_frame = 1152 if mpeg1 else 576
    bitrate = _BITRATES[mpeg1][header[2] >> 4] * 1000
    rate = _RATES[header[1] >> 3 & 3][header[2] >> 2 & 3]
    size = (144 if mpeg1 else 72) * bitrate // rate
    count = _count_frames(frames)
    padding = count * per_frame - ENCODER_DELAY - samples
    tag = bytearray(size)
    tag[:4] = bytes([header[0], header[1], header[2] & ~0x02, header[3]])  # no padding bit
    at = 4 + ((17 if mono else 32) if mpeg1 else (9 if mono else 17))  # after the side info
    total = size + len(frames)
    tag[at : at + 16] = b"Info" + struct.pack(">III", 0x0F, count, total)
    tag[at + 16 : at + 116] = bytes(i * 256 // 100 for i in range(100))  # CBR: a straight line
    lame = at + 120
    tag[lame : lame + 11] = b"LAME3.100" + bytes([0x01, 0])  # info tag rev 0, CBR
    tag[lame + 20] = min(255, bitrate // 1000)
    delays = ENCODER_DELAY << 12 | max(0, min(padding, 4095))
    tag[lame + 21 : lame + 24] = delays.to_bytes(3, "big")
    tag[lame + 28 : lame + 32] = struct.pack(">I", total)
    tag[lame + 34 : lame + 36] = struct.pack(">H", _crc16(bytes(tag[: lame + 34])))
    return bytes(tag)


_BITRATES = {
    0: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),  # MPEG-2 and 2.5, layer III
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),  # MPEG-1, layer III
}
_RATES = {0: (11025, 12000, 8000), 2: (22050, 24000, 16000), 3: (44100, 48000, 32000)}


def _count_frames(frames: bytes) -> int:
    count = position = 0
    while position + 4 <= len(frames) and frames[position] == 0xFF:
        header = frames[position : position + 4]
        mpeg1 = header[1] >> 3 & 1
        bitrate = _BITRATES[mpeg1][header[2] >> 4] * 1000
        rate = _RATES[header[1] >> 3 & 3][header[2] >> 2 & 3]
        position += (144 if mpeg1 else 72) * bitrate // rate + (header[2] >> 1 & 1)
        count += 1
    return count


def _crc16(data: bytes) -> int:
    """CRC-16 (polynomial 0x8005, reflected), as the LAME tag's own checksum."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


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
            _vtt_text(cue.text),
            "",
        ]
    return "\n".join(lines)


def srt(programme: Programme) -> str:
    lines = []
    for number, cue in enumerate(programme.cues, 1):
        lines += [
            str(number),
            f"{_clock(cue.start, ',')} --> {_clock(cue.end, ',')}",
            _srt_text(cue.text),
            "",
        ]
    return "\n".join(lines)


def _vtt_text(text: str) -> str:
    """Cue text is markup in WebVTT: ``&``, ``<`` and ``>`` from an article are escaped,
    and a line break or ``-->`` could end the cue, so text stays on one line."""
    return html.escape(" ".join(text.split()), quote=False)


def _srt_text(text: str) -> str:
    """SRT players read ``<b>``-style tags: an article's tags are dropped, not shown."""
    return " ".join(_TAG.sub("", text).replace("-->", "->").split())


_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


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
