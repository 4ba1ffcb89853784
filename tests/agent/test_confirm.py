"""Tests for settling identifiers heard more than once (agent/confirm.py)."""

from __future__ import annotations

import pytest

from datetime import date
from decimal import Decimal

from payerline.agent.confirm import (
    hearings_disagree,
    implausible_fields,
    is_subsequence,
    merge_hearings,
    most_heard,
    shortest_supersequence,
)


def test_merge_recovers_separately_lost_digits() -> None:
    # "626030053303" heard once without its last "three", once without "five".
    assert merge_hearings(["62603005330", "62603003303"]) == "626030053303"


def test_merge_prefers_fuller_hearing() -> None:
    assert merge_hearings(["2266789951229", "266789951229"]) == "2266789951229"
    assert merge_hearings(["266789951229", "2266789951229"]) == "2266789951229"


def test_merge_prefers_supersequence_then_count() -> None:
    assert merge_hearings(["8050407", "48050407", "8050407"]) == "48050407"
    assert merge_hearings(["12345", "98765", "98765"]) == "98765"


def test_merge_substitutions_fall_back() -> None:
    # Merging these would need five extra digits: they differ by swaps, not losses.
    assert merge_hearings(["12345", "98765"]) == "12345"


def test_merge_keeps_single_hearing() -> None:
    assert merge_hearings(["5068050"]) == "5068050"


def test_merge_rejects_no_hearings() -> None:
    with pytest.raises(ValueError, match="no hearings"):
        merge_hearings([])
    with pytest.raises(ValueError, match="no hearings"):
        most_heard([])


def test_shortest_supersequence_holds_both_inputs() -> None:
    merged = shortest_supersequence("2269", "2669")
    assert merged == "22669"
    assert is_subsequence("2269", merged)
    assert is_subsequence("2669", merged)
    assert not is_subsequence("9226", merged)


def test_implausible_fields_flags_impossible_values() -> None:
    service, call = date(2026, 2, 6), date(2026, 3, 20)
    heard = {"processed_date": date(2020, 2, 19), "allowed_amount": Decimal("900.00")}
    assert implausible_fields(heard, {}, service, Decimal("200.00"), call) == {"processed_date", "allowed_amount"}


def test_implausible_fields_doubts_the_new_value_in_a_conflict() -> None:
    service, call = date(2026, 2, 6), date(2026, 3, 20)
    known = {"received_date": date(2026, 2, 20), "allowed_amount": Decimal("80.00")}
    heard = {"processed_date": date(2026, 2, 10), "paid_amount": Decimal("90.00")}
    assert implausible_fields(heard, known, service, Decimal("200.00"), call) == {"processed_date", "paid_amount"}


def test_implausible_fields_accepts_consistent_values() -> None:
    service, call = date(2026, 2, 6), date(2026, 3, 20)
    heard = {"received_date": date(2026, 2, 10), "processed_date": date(2026, 2, 28),
             "allowed_amount": Decimal("80.00"), "paid_amount": Decimal("64.00")}
    assert implausible_fields(heard, {}, service, Decimal("200.00"), call) == set()


def test_hearings_disagree_until_one_is_heard_twice() -> None:
    assert not hearings_disagree(["123456"])
    assert hearings_disagree(["123456", "12456"])
    assert not hearings_disagree(["123456", "12456", "123456"])
