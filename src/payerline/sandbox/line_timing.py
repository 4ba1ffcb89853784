"""Timing conventions of text-fidelity calls, shared by the line and the far-end scripts."""

from __future__ import annotations

DTMF_TONE_S = 0.08
DTMF_GAP_S = 0.08


def speech_duration_s(text: str) -> float:
    """Return how long ``text`` takes to say at about 170 words per minute."""
    return len(text.split()) / 2.8 + 0.3
