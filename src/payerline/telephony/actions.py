"""Actions: everything the agent may do on a call."""

from __future__ import annotations

import re
from dataclasses import dataclass

DTMF_KEYS = "0123456789*#ABCD"
_DTMF_PATTERN = re.compile(r"^[0-9*#A-D]+$")


@dataclass(frozen=True)
class Speak:
    """Say ``text`` on the line."""

    text: str

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValueError("Speak needs non-empty text; to stay silent, return no action")


@dataclass(frozen=True)
class PressKeys:
    """Send DTMF ``digits`` (0-9, *, #, A-D), one tone per character."""

    digits: str

    def __post_init__(self) -> None:
        if not _DTMF_PATTERN.match(self.digits):
            raise ValueError(
                f"PressKeys digits {self.digits!r} are invalid; use only the DTMF keys {DTMF_KEYS}"
            )


@dataclass(frozen=True)
class HangUp:
    """End the call. ``reason`` is for the log and transcript, never spoken."""

    reason: str = ""


Action = Speak | PressKeys | HangUp
