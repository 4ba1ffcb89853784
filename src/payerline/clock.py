"""Injected time.

Every part of payerline reads time through a :class:`Clock`. Real calls run on
:class:`RealClock`; simulated calls run on :class:`VirtualClock`, which only
moves when the simulation advances it, so a 40-minute hold takes microseconds
and a seeded scenario replays exactly.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Source of the current time for one call or one process."""

    def now(self) -> datetime:
        """Return the current time as an aware UTC datetime."""
        ...

    def monotonic_s(self) -> float:
        """Return seconds on a clock that never goes backwards."""
        ...


class RealClock:
    """Wall-clock time, for calls on a real phone line."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic_s(self) -> float:
        return time.monotonic()


class VirtualClock:
    """Simulated time that moves only when :meth:`advance` is called.

    Attributes:
        start: the wall-clock instant that monotonic second 0 corresponds to.
    """

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError(
                f"VirtualClock start {start.isoformat()} has no time zone; "
                "pass an aware datetime such as datetime(2026, 3, 2, 14, 0, tzinfo=UTC)"
            )
        self.start = start.astimezone(UTC)
        self._elapsed_s = 0.0

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self._elapsed_s)

    def monotonic_s(self) -> float:
        return self._elapsed_s

    def advance(self, seconds: float) -> None:
        """Move time forward by ``seconds`` (must not be negative)."""
        if seconds < 0:
            raise ValueError(f"cannot move a VirtualClock backwards by {seconds} s")
        self._elapsed_s += seconds

    def advance_to(self, monotonic_s: float) -> None:
        """Move time forward to ``monotonic_s``; a time already passed is a no-op."""
        if monotonic_s > self._elapsed_s:
            self._elapsed_s = monotonic_s
