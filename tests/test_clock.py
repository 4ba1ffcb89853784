from datetime import UTC, datetime, timedelta, timezone

import pytest

from payerline.clock import RealClock, VirtualClock

START = datetime(2026, 3, 3, 15, 0, tzinfo=UTC)


def test_virtual_clock_starts_at_start():
    clock = VirtualClock(START)
    assert clock.now() == START
    assert clock.monotonic_s() == 0.0


def test_virtual_clock_advances_exactly():
    clock = VirtualClock(START)
    clock.advance(2400.0)
    assert clock.monotonic_s() == 2400.0
    assert clock.now() == START + timedelta(minutes=40)


def test_virtual_clock_advance_to_ignores_past():
    clock = VirtualClock(START)
    clock.advance_to(10.0)
    clock.advance_to(5.0)
    assert clock.monotonic_s() == 10.0


def test_virtual_clock_rejects_negative_advance():
    clock = VirtualClock(START)
    with pytest.raises(ValueError, match="backwards by -1"):
        clock.advance(-1)


def test_virtual_clock_rejects_naive_start():
    with pytest.raises(ValueError, match="no time zone"):
        VirtualClock(datetime(2026, 3, 3, 15, 0))


def test_virtual_clock_converts_start_to_utc():
    eastern = timezone(timedelta(hours=-5))
    clock = VirtualClock(datetime(2026, 3, 3, 10, 0, tzinfo=eastern))
    assert clock.now() == START
    assert clock.now().tzinfo == UTC


def test_real_clock_is_aware_and_monotonic():
    clock = RealClock()
    first = clock.monotonic_s()
    assert clock.now().tzinfo is not None
    assert clock.monotonic_s() >= first
