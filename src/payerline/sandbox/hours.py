"""Business hours in the payer's own time zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from payerline.sandbox.payer_file import Hours, HoursWindow

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _within(windows: list[HoursWindow], local: datetime) -> bool:
    day = _DAYS[local.weekday()]
    clock_time = local.strftime("%H:%M")
    return any(day in window.days and window.open <= clock_time < window.close for window in windows)


def local_time(instant: datetime, timezone: str) -> datetime:
    """Return the aware ``instant`` in the payer's IANA time zone."""
    return instant.astimezone(ZoneInfo(timezone))


def line_open(hours: Hours | None, local: datetime) -> bool:
    """Return whether the line answers at ``local`` (always, when no line hours are set)."""
    if hours is None:
        return True
    if local.date() in hours.holidays:
        return False
    return hours.line is None or _within(hours.line, local)


def data_open(hours: Hours | None, local: datetime) -> bool:
    """Return whether self-service data options work at ``local``."""
    if not line_open(hours, local):
        return False
    return hours is None or hours.data is None or _within(hours.data, local)
