"""Tests for the eval's scenario mix."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from payerline.domain.codes import ClaimStatus
from payerline.evaluation.mix import (
    AFTER_HOURS,
    HOLD_BANDS,
    MAX_HOLD_S,
    MEMBER_MISTYPED,
    NORMAL,
    allocate,
    draw_hold_s,
    draw_mix,
    mistype,
    mix_summary,
)
from payerline.sandbox.scenario import DropPoint, FaultKind, RepBehaviour


@pytest.mark.parametrize("total", [20, 37, 100, 500])
def test_every_fault_and_behaviour_in_five_percent(payer_profiles, total):
    planned = draw_mix(payer_profiles, total, seed=3)
    faults = Counter(call.scenario.fault for call in planned)
    behaviours = Counter(call.scenario.rep_behaviour for call in planned)
    for kind in FaultKind:
        assert faults[kind] >= 0.05 * total, (kind, faults)
    for behaviour in RepBehaviour:
        assert behaviours[behaviour] >= 0.05 * total, (behaviour, behaviours)
    assert total - faults[None] >= 0.25 * total


def test_after_hours_share_near_ten_percent(payer_profiles):
    planned = draw_mix(payer_profiles, 200, seed=5)
    after_hours = [call for call in planned if call.condition == AFTER_HOURS]
    assert len(after_hours) == 20


def test_start_times_match_condition(payer_profiles):
    by_id = {payer.payer_id: payer for payer in payer_profiles}
    for call in draw_mix(payer_profiles, 200, seed=5):
        payer = by_id[call.scenario.payer_id]
        local = call.scenario.start.astimezone(payer.timezone)
        assert payer.is_open(local) is (call.condition != AFTER_HOURS), (call.condition, local)


def test_start_times_span_the_week(payer_profiles):
    planned = draw_mix(payer_profiles, 200, seed=5)
    weekdays = {call.scenario.start.astimezone(payer_profiles[0].timezone).weekday() for call in planned}
    assert weekdays >= {0, 1, 2, 3, 4}


def test_same_seed_same_mix(payer_profiles):
    assert draw_mix(payer_profiles, 50, seed=9) == draw_mix(payer_profiles, 50, seed=9)


def test_other_seed_other_mix(payer_profiles):
    assert draw_mix(payer_profiles, 50, seed=9) != draw_mix(payer_profiles, 50, seed=10)


def test_payers_share_calls_evenly(payer_profiles):
    counts = Counter(call.scenario.payer_id for call in draw_mix(payer_profiles, 51, seed=1))
    assert sorted(counts.values()) == [25, 26]


def test_every_status_and_dependents_drawn(payer_profiles):
    planned = draw_mix(payer_profiles, 60, seed=2)
    for payer in payer_profiles:
        statuses = {status for call in planned if call.scenario.payer_id == payer.payer_id
                    for status in call.claim_statuses}
        assert statuses == set(ClaimStatus), payer.payer_id
    assert any(call.dependent for call in planned)


def test_one_claim_per_call_fault_has_two_claims(payer_profiles):
    planned = draw_mix(payer_profiles, 100, seed=4)
    faulted = [call for call in planned if call.scenario.fault == FaultKind.ONE_CLAIM_PER_CALL]
    assert faulted
    for call in faulted:
        assert len(call.scenario.claim_ids) >= 2


def test_claims_per_call_mostly_one(payer_profiles):
    counts = Counter(len(call.scenario.claim_ids) for call in draw_mix(payer_profiles, 200, seed=4))
    assert counts[1] > counts[2] > 0
    assert set(counts) <= {1, 2, 3}


def test_drop_points_all_used(payer_profiles):
    planned = draw_mix(payer_profiles, 100, seed=6)
    points = {call.scenario.drop_point for call in planned if call.scenario.fault == FaultKind.DROP}
    assert points == set(DropPoint)
    for call in planned:
        assert (call.scenario.drop_point is None) is (call.scenario.fault != FaultKind.DROP)


def test_special_behaviours_avoid_faults_when_possible(payer_profiles):
    for call in draw_mix(payer_profiles, 200, seed=8):
        if call.scenario.rep_behaviour != RepBehaviour.STANDARD:
            assert call.condition == NORMAL


def test_mistyped_member_differs_by_one_character(payer_profiles):
    planned = [call for call in draw_mix(payer_profiles, 100, seed=8) if call.condition == MEMBER_MISTYPED]
    assert planned
    for call in planned:
        typed, true = call.request_member_id, call.member_id
        assert call.scenario.member_id == typed
        assert len(typed) == len(true)
        assert sum(a != b for a, b in zip(typed, true, strict=True)) == 1


def test_mistype_changes_one_character():
    assert mistype("1EG4TE5MK73", random.Random(1)) != "1EG4TE5MK73"


def test_mistype_avoids_other_members():
    # A family's ids differ in the last digit only, so most slips there land on a sibling's id.
    family = frozenset(f"KMH60421938{digit}" for digit in range(10))
    for seed in range(20):
        typed = mistype("KMH604219386", random.Random(seed), family)
        assert typed not in family
        assert len(typed) == len("KMH604219386")


def test_scenario_ids_unique_and_prefixed(payer_profiles):
    planned = draw_mix(payer_profiles, 30, seed=12)
    ids = [call.scenario.scenario_id for call in planned]
    assert len(set(ids)) == 30
    assert ids[0] == "s12-00001"


def test_hold_lengths_follow_bands():
    rng = random.Random(1)
    holds = [draw_hold_s(rng) for _ in range(5000)]
    assert max(holds) <= MAX_HOLD_S
    short = sum(1 for hold in holds if hold < 120.0) / len(holds)
    middle = sum(1 for hold in holds if 300.0 <= hold <= 1500.0) / len(holds)
    assert abs(short - HOLD_BANDS[0][0]) < 0.03
    assert abs(middle - HOLD_BANDS[1][0]) < 0.03


def test_allocate_meets_minimum_from_rest():
    counts = allocate(10, {"a": 0.01, "b": 0.5}, "rest", {"a": 2})
    assert counts == {"a": 2, "b": 5, "rest": 3}


def test_allocate_sums_to_total():
    counts = allocate(7, {"a": 0.3, "b": 0.3}, "rest", {})
    assert sum(counts.values()) == 7


def test_allocate_rejects_shares_over_one():
    with pytest.raises(ValueError, match="more than 1"):
        allocate(10, {"a": 0.7, "b": 0.7}, "rest", {})


def test_zero_scenarios_rejected(payer_profiles):
    with pytest.raises(ValueError, match="at least 1"):
        draw_mix(payer_profiles, 0, seed=1)


def test_summary_counts_every_call(payer_profiles):
    planned = draw_mix(payer_profiles, 40, seed=1)
    summary = mix_summary(planned)
    assert sum(summary["condition"].values()) == 40
    assert sum(summary["payer"].values()) == 40
    assert summary["member"]["dependent"] + summary["member"]["subscriber"] == 40


def test_call_week_after_latest_record_date(payer_profiles):
    from payerline.evaluation.mix import call_week_start

    week = call_week_start(payer_profiles)
    latest = max(
        value for profile in payer_profiles for member in profile.records.members for claim in member.claims
        for value in (claim.service_date_from, claim.received_date, claim.processed_date, claim.paid_date) if value
    )
    assert week.weekday() == 0
    assert latest < week.date() <= latest + __import__("datetime").timedelta(days=7)
    for call in draw_mix(payer_profiles, 30, seed=1):
        assert call.scenario.start.date() >= week.date()


def test_mistyped_member_only_where_member_verified(payer_profiles):
    from dataclasses import replace

    lax = [replace(profile, verifies_member=False) for profile in payer_profiles]
    planned = draw_mix(lax, 100, seed=8)
    assert all(call.condition != MEMBER_MISTYPED for call in planned)
    assert all(call.request_member_id is None for call in planned)


def test_short_hours_still_give_slots(payer_profiles):
    from dataclasses import replace
    from datetime import time

    from payerline.evaluation.mix import call_week_start, week_slots

    one_hour = replace(payer_profiles[0], is_open=lambda at: at.weekday() == 2 and time(9) <= at.time() < time(10))
    inside, _ = week_slots(one_hour, call_week_start([one_hour]))
    assert len(inside) == 12


def test_lunch_break_excluded_from_slots(payer_profiles):
    from dataclasses import replace
    from datetime import time

    from payerline.evaluation.mix import OPEN_MARGIN, SLOT, call_week_start, week_slots

    def open_with_lunch(at):
        return at.weekday() < 5 and (time(8) <= at.time() < time(12) or time(13) <= at.time() < time(17))

    lunch = replace(payer_profiles[0], is_open=open_with_lunch)
    inside, _ = week_slots(lunch, call_week_start([lunch]))
    assert inside
    # A call may start up to one slot late and last the margin, so all of it falls in open hours.
    for at in inside:
        assert all(open_with_lunch(at + k * SLOT) for k in range(int(OPEN_MARGIN / SLOT) + 1))
    assert not any(time(10, 35) <= at.time() < time(13) for at in inside)


def test_never_open_payer_named(payer_profiles):
    from dataclasses import replace

    from payerline.errors import UsageError
    from payerline.evaluation.mix import call_week_start, week_slots

    closed = replace(payer_profiles[0], is_open=lambda at: False)
    with pytest.raises(UsageError, match="alpha-health is never open"):
        week_slots(closed, call_week_start([closed]))


def test_after_hours_moved_to_payers_that_close(payer_profiles):
    from dataclasses import replace

    always = replace(payer_profiles[1], is_open=lambda at: True, is_line_open=lambda at: True)
    planned = draw_mix([payer_profiles[0], always], 100, seed=4)
    after_hours = [call for call in planned if call.condition == AFTER_HOURS]
    assert len(after_hours) == 10
    assert {call.scenario.payer_id for call in after_hours} == {"alpha-health"}
    counts = Counter(call.scenario.payer_id for call in planned)
    assert counts["alpha-health"] == counts["beta-medicaid"] == 50
