"""Turn spoken sentences into one programme: pauses, loudness, true peak, timings.

Loudness is measured with pyloudnorm (ITU-R BS.1770) and set to -16 LUFS
integrated, the usual podcast target. True peak is measured on a 4x
oversampled signal; where the gain would push it above -1 dBTP, a look-ahead
limiter brings the peaks down smoothly instead of clipping them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from briefing.models import AudioChapter, Cue

TARGET_LUFS = -16.0
PEAK_CEILING_DBTP = -1.0
HEADROOM_DB = 1.0
"""Sample peaks stop this far under the ceiling: inter-sample peaks and MP3 encoding
raise the true peak by up to about 0.5 dB."""
PAUSES = {"sentence": 0.35, "paragraph": 0.7, "chapter": 1.4}
"""Seconds of silence after a sentence, a paragraph and a chapter."""


@dataclass(frozen=True)
class Programme:
    samples: np.ndarray  # mono float32
    sample_rate: int
    cues: tuple[Cue, ...]
    chapters: tuple[AudioChapter, ...]

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate


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


def true_peak_db(samples: np.ndarray) -> float:
    from scipy.signal import resample_poly

    oversampled = resample_poly(samples, 4, 1)
    peak = float(np.max(np.abs(oversampled))) if len(oversampled) else 0.0
    return 20 * np.log10(peak) if peak > 0 else float("-inf")


def loudness(samples: np.ndarray, sample_rate: int) -> float:
    import pyloudnorm

    return float(pyloudnorm.Meter(sample_rate).integrated_loudness(samples.astype(np.float64)))


def master(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """Gain to -16 LUFS, then limit so the true peak stays at or under -1 dBTP."""
    measured = loudness(samples, sample_rate)
    if not np.isfinite(measured):
        return samples
    gained = samples * 10 ** ((TARGET_LUFS - measured) / 20)
    ceiling = 10 ** ((PEAK_CEILING_DBTP - HEADROOM_DB) / 20)
    limited = limit(gained, sample_rate, ceiling)
    # limiting takes a little loudness away; the energy it removed says how much
    lost = 10 * np.log10(_energy(gained) / max(_energy(limited), 1e-12))
    if lost > 0.1:
        limited = limit(limited * 10 ** (lost / 20), sample_rate, ceiling)
    return limited.astype(np.float32)


def _energy(samples: np.ndarray) -> float:
    return float(np.dot(samples, samples))


def limit(samples: np.ndarray, sample_rate: int, ceiling: float) -> np.ndarray:
    """A look-ahead peak limiter: gain falls ahead of each peak and recovers after it."""
    from scipy.ndimage import maximum_filter1d, uniform_filter1d

    window = max(1, int(0.005 * sample_rate))  # 5 ms look-ahead
    envelope = maximum_filter1d(np.abs(samples), size=2 * window + 1)
    gain = np.minimum(1.0, ceiling / np.maximum(envelope, 1e-9))
    gain = uniform_filter1d(gain, size=window)  # smooth, so no clicks
    gain = np.minimum(gain, ceiling / np.maximum(np.abs(samples), 1e-9))
    return samples * gain
