"""The instructions a far-end script gives the line.

The far end (IVR, hold queue, representative) is a generator that yields
these operations and receives each one's result; :class:`SandboxLine`
schedules them on the call's clock. Keeping the far end a plain generator
makes its flow readable top to bottom and lets the line decide the timing.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass

from payerline.telephony.events import SignalKind


@dataclass(frozen=True)
class Spoken:
    """One sentence to speak, with the confidence a recogniser would give it."""

    text: str
    confidence: float = 1.0


@dataclass(frozen=True)
class Play:
    """Speak sentences one after another; each becomes one ``Utterance``.

    With ``barge_in``, caller input stops the rest of the playback and the
    result is True; the input is kept for the next ``Listen``. Without it,
    keys are kept for the next ``Listen`` (type-ahead), and speech is kept
    only when ``keep_speech`` is set (a person hears you talk over them).
    """

    sentences: tuple[Spoken, ...]
    barge_in: bool = False
    keep_speech: bool = False
    gap_s: float = 0.3
    # An error prompt ("That entry isn't valid") discards keys typed ahead or during it, as IVR platforms do.
    flush_typeahead: bool = False


@dataclass(frozen=True)
class Listen:
    """Wait for keys or speech.

    Ends when ``terminator`` is pressed, ``max_keys`` keys have been entered,
    ``is_complete`` accepts the keys so far, speech is heard (if ``speech``),
    or a time-out passes: ``first_timeout_s`` before any input,
    ``inter_key_timeout_s`` after each key.
    """

    first_timeout_s: float | None
    inter_key_timeout_s: float = 3.0
    terminator: str | None = None
    max_keys: int | None = None
    speech: bool = True
    keys: bool = True
    is_complete: Callable[[str], bool] | None = None


@dataclass(frozen=True)
class Heard:
    """What a ``Listen`` got. ``keys`` excludes the terminator."""

    keys: str = ""
    speech: str | None = None
    terminated: bool = False
    timed_out: bool = False
    at_s: float = 0.0

    @property
    def empty(self) -> bool:
        return not self.keys and self.speech is None and not self.terminated


@dataclass(frozen=True)
class Signal:
    """Non-speech audio (music or silence) for ``duration_s``; caller input is ignored."""

    kind: SignalKind
    duration_s: float


@dataclass(frozen=True)
class Pause:
    """Say nothing for ``duration_s``; caller speech is kept for the next ``Listen``."""

    duration_s: float


@dataclass(frozen=True)
class Hangup:
    """Disconnect the line."""


Op = Play | Listen | Signal | Pause | Hangup
Script = Generator[Op, object, None]
