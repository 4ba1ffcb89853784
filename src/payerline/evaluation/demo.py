"""The demo: one ordinary claim-status call per bundled sandbox payer.

Each call is about the payer's richest paid claim (the paid claim record
with the most values filled in). It starts at 10:00 in the payer's time zone
on the Tuesday of the eval's call week (the week after every date in the
records), or at the first time after that the payer is open. It meets a
standard representative and has no fault. Its results are scored against
the payer's records like an eval call, so the demo also shows whether the
agent got the claim data right.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from payerline.domain.codes import ClaimStatus
from payerline.evaluation.mix import NORMAL, PayerProfile, PlannedCall, call_week_start, week_slots
from payerline.sandbox.records import ClaimRecord, MemberRecord
from payerline.sandbox.scenario import RepBehaviour, Scenario

DEMO_DAY_OFFSET = timedelta(days=1, hours=10)  # Tuesday 10:00 from Monday midnight
DEMO_SEED = 1


def richest_paid_claim(profile: PayerProfile) -> tuple[MemberRecord, ClaimRecord]:
    """Return the paid claim with the most values filled in, and its member.

    Ties go to the claim with more service lines, then the lowest record id.

    Raises:
        ValueError: if the payer has no paid claim.
    """
    candidates = [
        (member, claim) for member in profile.records.members for claim in member.claims
        if claim.status == ClaimStatus.PAID
    ]
    if not candidates:
        raise ValueError(f"payer {profile.payer_id} has no paid claim in its records; add one for the demo")

    def richness(pair: tuple[MemberRecord, ClaimRecord]) -> tuple[int, int, str]:
        claim = pair[1]
        filled = sum(1 for value in claim.model_dump().values() if value not in (None, [], ""))
        return (-filled, -len(claim.lines), claim.id)

    return min(candidates, key=richness)


def demo_start(profile: PayerProfile, week_start: datetime | None = None) -> datetime:
    """Return the demo's start time: Tuesday 10:00 payer time, or the next open slot.

    ``week_start`` defaults to the call week of this payer alone.
    """
    week_start = call_week_start([profile]) if week_start is None else week_start
    start = (week_start + DEMO_DAY_OFFSET).replace(tzinfo=profile.timezone)
    inside, _ = week_slots(profile, week_start)
    later = [slot for slot in inside if slot >= start]
    return later[0] if later else inside[0]


def plan_demo_call(profile: PayerProfile, week_start: datetime | None = None) -> PlannedCall:
    """Plan the demo call for one payer, in ``week_start``'s week (default: the payer's own)."""
    member, claim = richest_paid_claim(profile)
    scenario = Scenario(
        scenario_id=f"demo-{profile.payer_id}",
        payer_id=profile.payer_id,
        seed=DEMO_SEED,
        start=demo_start(profile, week_start),
        member_id=member.member_id,
        claim_ids=(claim.id,),
        rep_behaviour=RepBehaviour.STANDARD,
    )
    return PlannedCall(
        scenario=scenario,
        condition=NORMAL,
        knows_claim_number=(False,),
        claim_statuses=(claim.status,),
        dependent=member.subscriber is not None,
        member_id=member.member_id,
    )
