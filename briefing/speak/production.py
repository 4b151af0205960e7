"""Turn spoken sentences into one programme: pauses, loudness, true peak, timings.

Memory stays bounded however long the script: each sentence goes, as it is
spoken, into a :class:`Spool` (float32 samples in an anonymous temporary
file, which the system removes even if the process is killed) while a
streaming ITU-R BS.1770-4 meter records the K-weighted energy and the peak of
every few milliseconds. From those small arrays :func:`plan` finds the gain
that puts the programme at -16 LUFS integrated, the usual podcast target,
*after* the look-ahead limiter that keeps sample peaks under the true-peak
ceiling; :meth:`Programme.chunks` then streams gain and limiter over the
spool for the encoder. Everything is numpy: scipy and pyloudnorm cost seconds
to import, and neither streams (pyloudnorm stays the reference in the tests).
"""

from __future__ import annotations

import math
import tempfile
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from briefing.models import AudioChapter, Cue

TARGET_LUFS = -16.0
PEAK_CEILING_DBTP = -1.0
HEADROOM_DB = 1.0
"""True peaks (4x oversampled) stop this far under the ceiling: MP3 encoding raises
them by up to about 0.8 dB."""
PAUSES = {"sentence": 0.35, "paragraph": 0.7, "chapter": 1.4}
"""Seconds of silence after a sentence, a paragraph and a chapter."""
CHUNK_SECONDS = 30  # samples handed to the encoder at a time
_IMPULSE = 4096  # taps of the K-weighting filter's impulse response (decayed below 1e-12)


def k_weighting(rate: int) -> np.ndarray:
    """Impulse response of the BS.1770 K-weighting (shelf, then high-pass) at ``rate``.

    The two biquads follow the RBJ cookbook designs pyloudnorm uses by default, and
    run as one long FIR filter so numpy alone can stream it.
    """
    signal = np.zeros(_IMPULSE)
    signal[0] = 1.0
    shelf = _biquad("high_shelf", rate, 1500.0, 1 / math.sqrt(2), 4.0)
    high_pass = _biquad("high_pass", rate, 38.0, 0.5, 0.0)
    return _iir(*high_pass, _iir(*shelf, signal))


def _biquad(kind: str, rate: int, fc: float, q: float, gain_db: float) -> tuple:
    amp = 10 ** (gain_db / 40)
    w0 = 2 * math.pi * fc / rate
    cos, alpha = math.cos(w0), math.sin(w0) / (2 * q)
    if kind == "high_shelf":
        root = 2 * math.sqrt(amp) * alpha
        b = (amp * ((amp + 1) + (amp - 1) * cos + root), -2 * amp * ((amp - 1) + (amp + 1) * cos),
             amp * ((amp + 1) + (amp - 1) * cos - root))  # fmt: skip
        a = ((amp + 1) - (amp - 1) * cos + root, 2 * ((amp - 1) - (amp + 1) * cos),
             (amp + 1) - (amp - 1) * cos - root)  # fmt: skip
    else:  # high-pass
        b = ((1 + cos) / 2, -(1 + cos), (1 + cos) / 2)
        a = (1 + alpha, -2 * cos, 1 - alpha)
    return tuple(v / a[0] for v in b), tuple(v / a[0] for v in a)


def _iir(b: tuple, a: tuple, x: np.ndarray) -> np.ndarray:
    """A direct-form biquad, sample by sample: only ever run on a short impulse."""
    y = np.zeros_like(x)
    x1 = x2 = y1 = y2 = 0.0
    for n, value in enumerate(x.tolist()):
        out = b[0] * value + b[1] * x1 + b[2] * x2 - a[1] * y1 - a[2] * y2
        x2, x1, y2, y1 = x1, value, y1, out
        y[n] = out
    return y


def block_size(rate: int) -> int:
    """Samples per limiter block: about 5 ms, dividing the meter's 100 ms step exactly."""
    step = rate // 10
    return min((d for d in range(1, step + 1) if step % d == 0), key=lambda d: abs(d - rate / 200))


class Spool:
    """Unmastered samples on disk, with the per-block energy and peak that mastering needs.

    The meter runs on a thread of its own, so it measures one sentence while the
    voice speaks the next: numpy's FFTs release the GIL, and so does the
    synthesizer while it speaks. At most :data:`_QUEUED` sentences wait for it,
    so memory stays bounded when it falls behind.
    """

    def __init__(self, rate: int, folder: Path | None = None) -> None:
        self.rate = rate
        self.length = 0
        self.block = block_size(rate)
        self.silences: list[tuple[int, int]] = []  # (first sample, count) of each pause
        # anonymous where the system allows (O_TMPFILE): nothing on disk to leave behind
        self._file: BinaryIO = tempfile.TemporaryFile(dir=folder, prefix=".briefing-audio-")  # noqa: SIM115
        self._meter = _Meter(rate, self.block)
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="audio-meter")
        self._queued: deque[Future] = deque()
        self._reading = threading.Lock()

    def add(self, samples: np.ndarray) -> None:
        samples = np.asarray(samples, np.float32)
        with self._reading:  # a part of the programme may be read meanwhile (see read)
            self._file.write(samples.tobytes())
            self.length += len(samples)
        while len(self._queued) >= _QUEUED:
            self._queued.popleft().result()
        self._queued.append(self._worker.submit(self._meter.add, samples))

    def silence(self, seconds: float) -> int:
        count = int(seconds * self.rate)
        if count > 0:
            self.silences.append((self.length, count))
        self.add(np.zeros(count, np.float32))
        return count

    def blocks(self) -> tuple[np.ndarray, np.ndarray]:
        """K-weighted energy and true peak of every block (the last may be partial)."""
        while self._queued:
            self._queued.popleft().result()
        return self._meter.blocks()

    def read(self, start: int, count: int) -> np.ndarray:
        """Samples from ``start``; the MP3 encoder reads two stretches from two threads, and a
        part already recorded is read while the voice speaks on, so the file is left at its end
        for the next :meth:`add`."""
        with self._reading:
            self._file.seek(start * 4)
            samples = np.frombuffer(self._file.read(count * 4), dtype=np.float32)
            self._file.seek(0, 2)
            return samples

    def close(self) -> None:
        self._worker.shutdown(wait=True, cancel_futures=True)
        self._file.close()


_QUEUED = 8  # sentences waiting for the meter at most


class _Meter:
    """Streaming K-weighting (overlap-add FFT convolution) and 4x true peak, per block.

    Everything is float32: the block energies differ from a float64 meter by
    about 1e-7 of their value. The true peak is the sample peak of the signal
    oversampled four times, as BS.1770 defines it: the three in-between phases
    come from the spectrum already computed for the K-weighting, shifted by a
    quarter, a half and three quarters of a sample (an ideal, band-limited
    interpolation). Piper's output has inter-sample peaks 1.4 dB above its
    sample peaks, which a sample-peak limiter lets through.
    """

    def __init__(self, rate: int, block: int) -> None:
        self.block = block
        self.size = _fft_size(rate)
        self.hop = self.size - _IMPULSE + 1
        self._filter = np.fft.rfft(k_weighting(rate), self.size).astype(np.complex64)
        bins = np.arange(self.size // 2 + 1)
        self._shifts = [
            np.exp(2j * np.pi * bins * (phase / 4) / self.size).astype(np.complex64)
            for phase in (1, 2, 3)
        ]
        self._overlap = np.zeros(_IMPULSE - 1, np.float32)
        self._pending = np.zeros(0, np.float32)  # filtered samples not yet a whole block
        self._pending_raw = np.zeros(0, np.float32)  # the true peak of each pending sample
        self._energies: list[np.ndarray] = []
        self._peaks: list[np.ndarray] = []

    def add(self, samples: np.ndarray) -> None:
        for start in range(0, len(samples), self.hop):
            self._part(samples[start : start + self.hop])

    def _part(self, part: np.ndarray) -> None:
        full = np.zeros(len(part) + _IMPULSE - 1, np.float32)
        peaks = np.abs(part)
        if part.any():  # pauses are most of the calls: silence filters to the tail alone
            spectrum = np.fft.rfft(part, self.size)
            full = np.fft.irfft(spectrum * self._filter, self.size)[: len(full)]
            for shift in self._shifts:
                between = np.fft.irfft(spectrum * shift, self.size)[: len(part)]
                np.maximum(peaks, np.abs(between), out=peaks)
        full[: _IMPULSE - 1] += self._overlap
        self._overlap = full[len(part) :].copy()
        filtered = np.concatenate([self._pending, full[: len(part)]])
        raw = np.concatenate([self._pending_raw, peaks])
        whole = len(filtered) // self.block * self.block
        if whole:
            squares = np.square(filtered[:whole], dtype=np.float64)
            self._energies.append(squares.reshape(-1, self.block).sum(1))
            self._peaks.append(raw[:whole].reshape(-1, self.block).max(1))
        self._pending, self._pending_raw = filtered[whole:], raw[whole:]

    def blocks(self) -> tuple[np.ndarray, np.ndarray]:
        energies, peaks = list(self._energies), list(self._peaks)
        if len(self._pending):
            energies.append(np.array([np.square(self._pending, dtype=np.float64).sum()]))
            peaks.append(np.array([self._pending_raw.max()]))
        join = lambda parts: np.concatenate(parts) if parts else np.zeros(0)  # noqa: E731
        return join(energies), join(peaks)


def _fft_size(rate: int) -> int:
    return 1 << math.ceil(math.log2(_IMPULSE + rate))


def integrated_loudness(energies: np.ndarray, block: int, rate: int) -> float:
    """BS.1770-4 gated loudness from K-weighted energy per block: 400 ms windows, 100 ms apart."""
    per_step = (rate // 10) // block
    steps = len(energies) // per_step
    if steps < 4:
        return float("-inf")
    step_energy = energies[: steps * per_step].reshape(steps, per_step).sum(1)
    window = np.convolve(step_energy, np.ones(4), "valid") / (4 * (rate // 10))
    with np.errstate(divide="ignore"):
        loud = -0.691 + 10 * np.log10(window)
    kept = window[loud > -70.0]
    if not len(kept):
        return float("-inf")
    relative = -0.691 + 10 * np.log10(kept.mean()) - 10.0
    gated = window[(loud > -70.0) & (loud > relative)]
    return float(-0.691 + 10 * np.log10(gated.mean()))


def block_gains(peaks: np.ndarray, gain: float, ceiling: float) -> np.ndarray:
    """Limiter gain per block: the lowest any neighbour needs, so the gain falls a block
    ahead of a peak and recovers a block after it; interpolating between block centres
    then never exceeds what a block needs."""
    needed = np.minimum(1.0, ceiling / np.maximum(peaks * gain, 1e-12))
    padded = np.pad(needed, 1, mode="edge")
    return np.minimum(np.minimum(padded[:-2], padded[1:-1]), padded[2:])


@dataclass(frozen=True)
class Mastering:
    gain: float  # linear
    limiter: np.ndarray  # gain per block, applied after ``gain``
    block: int


def plan(spool: Spool) -> Mastering:
    """The gain that lands the limited programme on -16 LUFS, and the limiter's gains."""
    energies, peaks = spool.blocks()
    ceiling = 10 ** ((PEAK_CEILING_DBTP - HEADROOM_DB) / 20)
    measured = integrated_loudness(energies, spool.block, spool.rate)
    if not np.isfinite(measured):
        return Mastering(1.0, np.ones(len(peaks)), spool.block)
    gain_db = TARGET_LUFS - measured
    for _ in range(6):  # the limiter takes loudness away: add it back until on target
        limiter = block_gains(peaks, 10 ** (gain_db / 20), ceiling)
        limited = energies * (10 ** (gain_db / 20) * limiter) ** 2
        missing = TARGET_LUFS - integrated_loudness(limited, spool.block, spool.rate)
        if abs(missing) < 0.02:
            break
        gain_db += missing
    return Mastering(10 ** (gain_db / 20), block_gains(peaks, 10 ** (gain_db / 20), ceiling),
                     spool.block)  # fmt: skip


@dataclass(frozen=True)
class Programme:
    spool: Spool
    mastering: Mastering
    sample_rate: int
    cues: tuple[Cue, ...]
    chapters: tuple[AudioChapter, ...]

    @property
    def length(self) -> int:
        return self.spool.length

    @property
    def duration(self) -> float:
        return self.length / self.sample_rate

    def chunks(
        self, seconds: float = CHUNK_SECONDS, start: int = 0, stop: int | None = None
    ) -> Iterator[np.ndarray]:
        """The mastered programme (samples ``start`` to ``stop``), a chunk at a time: gain,
        then the limiter's gain interpolated linearly between block centres."""
        block = self.mastering.block
        stop = self.length if stop is None else min(stop, self.length)
        per_chunk = max(1, int(seconds * self.sample_rate) // block)
        gains = np.pad(self.mastering.limiter, 1, mode="edge")  # a neighbour for every block
        offsets = (np.arange(block) + 0.5) / block - 0.5  # from each block's centre, in blocks
        before, after = np.maximum(-offsets, 0)[None, :], np.maximum(offsets, 0)[None, :]
        for first in range(start // block, -(-stop // block), per_chunk):
            samples = self.spool.read(
                first * block, min(per_chunk, -(-stop // block) - first) * block
            )
            count = -(-len(samples) // block)
            own = gains[first + 1 : first + 1 + count, None]
            if (own == 1.0).all() and gains[first] == 1.0 and gains[first + count + 1] == 1.0:
                mastered = samples * np.float32(self.mastering.gain)
            else:
                left = gains[first : first + count, None]
                right = gains[first + 2 : first + 2 + count, None]
                curve = own + (left - own) * before + (right - own) * after
                limiter = curve.astype(np.float32).ravel()[: len(samples)]
                mastered = samples * (np.float32(self.mastering.gain) * limiter)
            yield mastered[max(0, start - first * block) : stop - first * block]

    def samples(self) -> np.ndarray:
        """The whole mastered programme in memory: for short programmes and tests only."""
        parts = list(self.chunks())
        return np.concatenate(parts) if parts else np.zeros(0, np.float32)

    def close(self) -> None:
        self.spool.close()


def trim_silence(samples: np.ndarray, threshold: float = 0.01) -> np.ndarray:
    """Engines pad their output; cut it so our own pauses set the rhythm."""
    loud = np.flatnonzero(np.abs(samples) > threshold)
    if not len(loud):
        return samples[:0]
    return samples[max(0, loud[0] - 200) : loud[-1] + 200]


def resample(samples: np.ndarray, source: int, target: int) -> np.ndarray:
    if source == target:
        return samples
    from math import gcd

    from scipy.signal import resample_poly

    common = gcd(source, target)
    return resample_poly(samples, target // common, source // common).astype(np.float32)
