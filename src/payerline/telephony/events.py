"""Line events: everything the agent may perceive on a call.

These carry only what audio perception can produce from a real line:
recognised text with timing and a confidence, DTMF digits heard, and line
signals. There is no speaker label and no "a person picked up" flag; the agent
infers IVR, announcement or person from content and timing.

All times are seconds since the call was dialed, on the call's clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Utterance:
    """Far-end speech as recognised text."""

    text: str
    start_s: float
    end_s: float
    confidence: float = 1.0


@dataclass(frozen=True)
class DtmfHeard:
    """DTMF digits heard from the far end."""

    digits: str
    start_s: float
    end_s: float


class SignalKind(StrEnum):
    """Non-speech conditions that line perception can classify."""

    SILENCE = "silence"
    MUSIC = "music"
    TONE = "tone"
    RINGBACK = "ringback"


@dataclass(frozen=True)
class LineSignal:
    """A stretch of non-speech audio of one kind."""

    kind: SignalKind
    start_s: float
    end_s: float


@dataclass(frozen=True)
class CallAnswered:
    """The far end answered (a SIP 200 OK or its equivalent)."""

    at_s: float


@dataclass(frozen=True)
class CallEnded:
    """The line was disconnected by the far end (BYE, or reorder tone then silence)."""

    at_s: float


LineEvent = Utterance | DtmfHeard | LineSignal | CallAnswered | CallEnded
