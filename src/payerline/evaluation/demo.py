"""The demo: one ordinary claim-status call per bundled sandbox payer.

Each call asks about the payer's richest paid claim (the paid claim record
with the most values filled in), starts on Tuesday 2026-03-03 at 10:00 in the
payer's time zone (or the first time after that the payer is open), meets a
standard representative and has no fault. Its results are scored against
the payer's records like an eval call, so the demo also shows whether the
agent got the claim data right.
"""

from __future__ import annotations

from datetime import datetime

from payerline.domain.codes import ClaimStatus
from payerline.evaluation.mix import NORMAL, PayerProfile, PlannedCall, week_slots
from payerline.sandbox.records import ClaimRecord, MemberRecord
from payerline.sandbox.scenario import RepBehaviour, Scenario

DEMO_START_LOCAL = datetime(2026, 3, 3, 10, 0)
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


def demo_start(profile: PayerProfile) -> datetime:
    """Return the demo's start time: Tuesday 10:00 payer time, or the next open slot."""
    start = DEMO_START_LOCAL.replace(tzinfo=profile.timezone)
    inside, _ = week_slots(profile)
    later = [slot for slot in inside if slot >= start]
    return later[0] if later else inside[0]


def plan_demo_call(profile: PayerProfile) -> PlannedCall:
    """Plan the demo call for one payer."""
    member, claim = richest_paid_claim(profile)
    scenario = Scenario(
        scenario_id=f"demo-{profile.payer_id}",
        payer_id=profile.payer_id,
        seed=DEMO_SEED,
        start=demo_start(profile),
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
