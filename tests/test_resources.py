"""One holder of the heavy parts: voices loaded once, failures told again, speech locked.

Real espeak-ng voices (the fast engine); the encoder is the session's.
"""

from __future__ import annotations

import threading

import pytest

from briefing.errors import BriefingError
from briefing.resources import LockedVoice, Resources
from briefing.speak import VoiceOptions

ESPEAK = VoiceOptions(engine="espeak")


def test_voices_load_once_per_choice() -> None:
    resources = Resources()
    first = resources.voices(ESPEAK)
    assert resources.voices(ESPEAK) is first
    assert resources.voices(VoiceOptions(engine="espeak", rate=200)) is not first
    assert set(first) == {1}


def test_a_voice_that_failed_fails_again_without_loading() -> None:
    resources = Resources()
    wrong = VoiceOptions(engine="espeak", voice="no-such-voice")
    with pytest.raises(BriefingError) as first:
        resources.voices(wrong)
    with pytest.raises(BriefingError) as again:
        resources.voices(wrong)
    assert again.value is first.value
    resources.preload([wrong, ESPEAK])  # told by each brief that needs it, not here
    assert resources.voices(ESPEAK)[1].name


def test_a_locked_voice_is_the_voice_with_its_pace() -> None:
    voice = Resources().voices(VoiceOptions(engine="espeak", rate=240))[1]
    assert isinstance(voice, LockedVoice)
    assert voice.rate == 240 == voice.voice.rate  # the pace it was asked for stays known
    assert voice.sample_rate == voice.voice.sample_rate
    assert len(voice.synthesize("Two words.")) > 0


def test_voices_speak_one_at_a_time() -> None:
    """Two threads' voices share one lock: espeak-ng has one state per process."""
    resources = Resources()
    one = resources.voices(ESPEAK)[1]
    other = resources.voices(VoiceOptions(engine="espeak", rate=300))[1]
    assert isinstance(one, LockedVoice) and isinstance(other, LockedVoice)
    assert one._lock is other._lock
    with one._lock:
        done = threading.Event()
        speaker = threading.Thread(target=lambda: (other.synthesize("Wait."), done.set()))
        speaker.start()
        assert not done.wait(0.5)  # blocked while the lock is held
    speaker.join(30)
    assert done.is_set()


def test_a_given_encoder_is_kept(encoder) -> None:
    resources = Resources(encoder)
    assert resources.encoder() is encoder
    assert resources.encoder() is resources.encoder()
