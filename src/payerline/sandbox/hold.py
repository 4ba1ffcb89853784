"""The hold queue: music or silence, with recorded announcements in between."""

from __future__ import annotations

import math
import random

from payerline.sandbox.line_timing import speech_duration_s
from payerline.sandbox.ops import Play, Script, Signal, Spoken
from payerline.sandbox.payer_file import Hold, HoldDistribution
from payerline.telephony.events import SignalKind

MAX_STRETCH_S = 30.0


def sample_hold_s(distribution: HoldDistribution, rng: random.Random) -> float:
    """Draw one hold length in seconds from the payer's distribution."""
    kind = distribution.kind
    if kind == "fixed":
        value = distribution.seconds or 0.0
    elif kind == "uniform":
        value = rng.uniform(distribution.min_s or 0.0, distribution.max_s or 0.0)
    elif kind == "exponential":
        value = rng.expovariate(1.0 / (distribution.mean_s or 1.0))
    else:
        value = rng.lognormvariate(math.log(distribution.median_s or 1.0), distribution.sigma or 0.5)
    if distribution.min_s is not None:
        value = max(value, distribution.min_s)
    if distribution.max_s is not None:
        value = min(value, distribution.max_s)
    return round(value, 1)


def hold_queue(hold: Hold, duration_s: float, texts: list[str], rng: random.Random) -> Script:
    """Play hold for ``duration_s``: stretches of at most 30 s and announcements at varying intervals."""
    kind = SignalKind.MUSIC if hold.music else SignalKind.SILENCE
    elapsed = 0.0
    next_announcement = hold.announcements.first_after_s
    low, high = hold.announcements.interval_s
    while elapsed < duration_s:
        if elapsed >= next_announcement and texts:
            text = rng.choice(texts)
            yield Play((Spoken(text),))
            elapsed += speech_duration_s(text) + 0.3
            next_announcement = elapsed + rng.uniform(low, high)
            continue
        stretch = min(MAX_STRETCH_S, duration_s - elapsed, max(next_announcement - elapsed, 0.5))
        yield Signal(kind, round(stretch, 3))
        elapsed += stretch
