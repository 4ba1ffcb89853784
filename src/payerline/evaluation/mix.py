"""The eval's scenario mix: which calls a seeded run makes.

The mix is fixed here and documented in docs/eval.md. Each axis (call
condition, representative behaviour, drop point, claims per call, payer) is
drawn by stratified allocation: the counts per category are fixed from the
shares first and then shuffled, so a run of a few dozen calls still holds
every fault kind and every representative behaviour in the stated shares.
Everything is drawn from ``random.Random(seed)``: the same payers, count and
seed give the same calls.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from payerline.domain.codes import ClaimStatus
from payerline.domain.request import LineOfBusiness
from payerline.errors import UsageError
from payerline.sandbox.records import ClaimRecord, MemberRecord, Records
from payerline.sandbox.scenario import DropPoint, FaultKind, RepBehaviour, Scenario

NORMAL = "normal"
AFTER_HOURS = "after_hours"
MEMBER_MISTYPED = "member_mistyped"

# Shares of all calls, by call condition. A call has one condition: its
# fault, a start outside the payer's hours, a mistyped member id, or none.
CONDITION_SHARES: dict[str, float] = {
    AFTER_HOURS: 0.10,
    **{kind.value: 0.07 for kind in FaultKind},
    MEMBER_MISTYPED: 0.03,
}
# Shares of all calls, by representative behaviour (standard takes the rest).
BEHAVIOUR_SHARES: dict[RepBehaviour, float] = {
    behaviour: 0.08 for behaviour in RepBehaviour if behaviour != RepBehaviour.STANDARD
}
MINIMUM_SHARE = 0.05
CLAIM_COUNT_SHARES: dict[int, float] = {1: 0.70, 2: 0.20, 3: 0.10}
KNOWS_CLAIM_NUMBER_SHARE = 0.5

# Hold length mixture, in seconds: (share, low, high), uniform within a band.
HOLD_BANDS: tuple[tuple[float, float, float], ...] = (
    (0.30, 5.0, 120.0),
    (0.60, 300.0, 1500.0),
    (0.10, 1500.0, 2700.0),
)
MAX_HOLD_S = 2700.0

# Calls start in the week after every date in the payers' records (see
# call_week_start), so no call asks about a claim before it was paid. A
# slot counts as inside hours only if the payer stays open for OPEN_MARGIN
# after it, so no call in the mix runs into closing time or a midday break.
SLOT = timedelta(minutes=5)
OPEN_MARGIN = timedelta(minutes=90)


@dataclass(frozen=True)
class PayerProfile:
    """The facts about one sandbox payer that the mix draws from."""

    payer_id: str
    timezone: ZoneInfo
    line_of_business: LineOfBusiness
    records: Records
    is_open: Callable[[datetime], bool]
    is_line_open: Callable[[datetime], bool] | None = None
    withheld_fields: frozenset[str] = frozenset()
    verifies_member: bool = True

    def line_answers(self, at: datetime) -> bool:
        """Return whether the line answers at ``at``; without line hours, whenever it is open."""
        return self.is_line_open(at) if self.is_line_open is not None else self.is_open(at)


@dataclass(frozen=True)
class PlannedCall:
    """One call of the mix: the sandbox scenario and how the biller fills the request.

    Attributes:
        condition: ``normal``, ``after_hours``, ``member_mistyped`` or a
            :class:`FaultKind` value.
        knows_claim_number: per claim, whether the request carries the
            payer's claim number.
        member_id: the member in the payer's records the claims belong to.
            The scenario's ``member_id`` is the id the request carries, which
            differs from this one when the biller mistyped it.
        request_member_id: the mistyped member id, or None.
        claim_statuses: the record status of each claim, in request order.
        dependent: whether the member is a dependent of the subscriber.
    """

    scenario: Scenario
    condition: str
    knows_claim_number: tuple[bool, ...]
    claim_statuses: tuple[ClaimStatus, ...]
    dependent: bool
    member_id: str
    request_member_id: str | None = None


def allocate(total: int, shares: dict[str, float], rest: str, minimum: dict[str, int]) -> dict[str, int]:
    """Split ``total`` into counts by ``shares``, with ``rest`` taking what is left.

    Counts start at the largest-remainder rounding of ``share * total``.
    Then each category in ``minimum`` is raised to its minimum count, taken
    from ``rest`` while ``rest`` has calls to give, so a very small total
    may leave a minimum unmet.
    """
    exact = {key: share * total for key, share in shares.items()}
    exact[rest] = total - sum(exact.values())
    if exact[rest] < 0:
        raise ValueError(f"shares add up to more than 1: {shares}")
    counts = {key: math.floor(value) for key, value in exact.items()}
    by_remainder = sorted(exact, key=lambda key: (counts[key] - exact[key], key))
    for key in by_remainder[: total - sum(counts.values())]:
        counts[key] += 1
    for key, needed in sorted(minimum.items()):
        while counts[key] < needed and counts[rest] > 0:
            counts[key] += 1
            counts[rest] -= 1
    return counts


def _stratified(total: int, counts: dict[str, int], rng: random.Random) -> list[str]:
    labels = [key for key in sorted(counts) for _ in range(counts[key])]
    rng.shuffle(labels)
    return labels


def draw_hold_s(rng: random.Random) -> float:
    """Draw one hold length in seconds from :data:`HOLD_BANDS`, capped at :data:`MAX_HOLD_S`."""
    pick = rng.random()
    for share, low, high in HOLD_BANDS:
        if pick < share:
            return min(round(rng.uniform(low, high), 1), MAX_HOLD_S)
        pick -= share
    _, low, high = HOLD_BANDS[-1]
    return min(round(rng.uniform(low, high), 1), MAX_HOLD_S)


def _record_dates(records: Records) -> list[date]:
    dates: list[date] = []
    for member in records.members:
        for claim in member.claims:
            dates += [claim.service_date_from, claim.service_date_to, claim.received_date,
                      claim.processed_date, claim.paid_date]
    return [value for value in dates if value is not None]


def call_week_start(payers: Sequence[PayerProfile]) -> datetime:
    """Return midnight of the first Monday after the latest date in any of ``payers``' records.

    Calls in that week come after every claim was received, processed and
    paid, as they would for a biller following up.
    """
    latest = max((value for payer in payers for value in _record_dates(payer.records)), default=date(2026, 1, 1))
    monday = latest + timedelta(days=7 - latest.weekday())
    return datetime(monday.year, monday.month, monday.day)


def week_slots(payer: PayerProfile, week_start: datetime) -> tuple[list[datetime], list[datetime]]:
    """Return the week's start slots inside and outside ``payer``'s hours, local time.

    Inside: the payer is open, data options included, from then until
    :data:`OPEN_MARGIN` later, checked every :data:`SLOT`, so a lunch break
    inside the margin excludes the slot (for hours shorter than the margin,
    any open slot will do). Outside: the line does not answer at all, so
    the caller hears the closed message. A payer whose line always answers
    has no outside slots.
    """
    inside: list[datetime] = []
    outside: list[datetime] = []
    start = week_start.replace(tzinfo=payer.timezone)
    for step in range(int(timedelta(days=7) / SLOT)):
        # Wall-clock arithmetic in the payer's zone: the week has no DST change.
        at = start + step * SLOT
        if all(payer.is_open(at + k * SLOT) for k in range(int(OPEN_MARGIN / SLOT) + 1)):
            inside.append(at)
        elif not payer.line_answers(at):
            outside.append(at)
    if not inside:
        # Hours shorter than the margin: any open slot will do.
        inside = [start + step * SLOT for step in range(int(timedelta(days=7) / SLOT))
                  if payer.is_open(start + step * SLOT)]
    if not inside:
        raise UsageError(
            f"payer {payer.payer_id} is never open in the week of {week_start.date()}; "
            "check the business hours and holidays in its payer file"
        )
    return inside, outside


class _ClaimPicker:
    """Pick claims for one payer so that every status comes up in turn."""

    def __init__(self, records: Records, rng: random.Random) -> None:
        self.rng = rng
        self.by_status: dict[ClaimStatus, list[tuple[MemberRecord, ClaimRecord]]] = {}
        for member in records.members:
            for claim in member.claims:
                self.by_status.setdefault(claim.status, []).append((member, claim))
        self.queue: list[ClaimStatus] = []
        self.calls = 0

    def next_status(self) -> ClaimStatus:
        if not self.queue:
            self.queue = sorted(self.by_status)
            self.rng.shuffle(self.queue)
        return self.queue.pop()

    def pick(self, claim_count: int, needs_second_claim: bool) -> tuple[MemberRecord, list[ClaimRecord]]:
        """Return a member and ``claim_count`` of their claims (fewer if they have fewer)."""
        self.calls += 1
        status = self.next_status()
        candidates = self.by_status[status]
        if needs_second_claim:
            multi = [pair for pair in candidates if len(pair[0].claims) >= 2]
            # No member with this status has a second claim: take any member who has one.
            candidates = multi or [
                pair for pairs in self.by_status.values() for pair in pairs if len(pair[0].claims) >= 2
            ] or candidates
        # Every fourth call favours a dependent, so dependents come up often.
        if self.calls % 4 == 0:
            candidates = [pair for pair in candidates if pair[0].subscriber is not None] or candidates
        member, first = self.rng.choice(candidates)
        others = [claim for claim in member.claims if claim.id != first.id]
        self.rng.shuffle(others)
        return member, [first, *others[: claim_count - 1]]


def mistype(member_id: str, rng: random.Random, other_ids: frozenset[str] = frozenset()) -> str:
    """Return ``member_id`` with one character changed, as a biller might mistype it.

    The result differs from every id in ``other_ids`` (upper case). A slip that lands on another member's id,
    such as a sibling's that differs in its last digit, finds that member, so the call would test nothing.
    """
    while True:
        position = rng.randrange(len(member_id))
        original = member_id[position]
        pool = "0123456789" if original.isdigit() else "ABCDEFGHJKLMNPQRSTUVWXYZ"
        replacement = rng.choice([char for char in pool if char != original.upper()])
        typed = member_id[:position] + replacement + member_id[position + 1:]
        if typed.upper() not in other_ids:
            return typed


def draw_mix(payers: Sequence[PayerProfile], total: int, seed: int) -> list[PlannedCall]:
    """Draw ``total`` planned calls across ``payers`` (sorted by id), deterministic for ``seed``."""
    if total < 1:
        raise ValueError(f"scenario count {total} must be at least 1")
    if not payers:
        raise ValueError("no payers to draw scenarios for; pass at least one payer file")
    rng = random.Random(seed)
    payers = sorted(payers, key=lambda payer: payer.payer_id)
    minimum_count = math.ceil(MINIMUM_SHARE * total)

    conditions = _stratified(total, allocate(
        total, CONDITION_SHARES, NORMAL, {kind.value: minimum_count for kind in FaultKind},
    ), rng)
    behaviours = _assign_behaviours(conditions, minimum_count, rng)
    payer_ids = _stratified(total, allocate(
        total, {p.payer_id: 1 / len(payers) for p in payers[1:]}, payers[0].payer_id, {},
    ), rng)
    claim_counts = [int(label) for label in _stratified(total, allocate(
        total, {str(k): v for k, v in CLAIM_COUNT_SHARES.items() if k != 1}, "1", {},
    ), rng)]
    drops = _drop_points(conditions.count(FaultKind.DROP.value), rng)

    by_id = {payer.payer_id: payer for payer in payers}
    week_start = call_week_start(payers)
    slots = {payer.payer_id: week_slots(payer, week_start) for payer in payers}
    _move_after_hours_to_closing_payers(conditions, payer_ids, {p for p, (_, out) in slots.items() if out})
    pickers = {payer.payer_id: _ClaimPicker(payer.records, random.Random(rng.random())) for payer in payers}
    planned: list[PlannedCall] = []
    for index in range(total):
        payer = by_id[payer_ids[index]]
        condition = conditions[index]
        inside, outside = slots[payer.payer_id]
        after_hours = condition == AFTER_HOURS and bool(outside)
        start = rng.choice(outside if after_hours else inside) + timedelta(seconds=rng.randrange(0, 300))
        one_claim_fault = condition == FaultKind.ONE_CLAIM_PER_CALL.value
        claim_count = max(claim_counts[index], 2) if one_claim_fault else claim_counts[index]
        member, claims = pickers[payer.payer_id].pick(claim_count, needs_second_claim=one_claim_fault)
        knows = tuple(
            claim.claim_number is not None and rng.random() < KNOWS_CLAIM_NUMBER_SHARE for claim in claims
        )
        if condition == MEMBER_MISTYPED and not payer.verifies_member:
            # Its representative would answer without checking the member,
            # so a mistyped id tests nothing the sandbox can score.
            condition = NORMAL
        fault = FaultKind(condition) if condition in {kind.value for kind in FaultKind} else None
        typed_member_id = None
        if condition == MEMBER_MISTYPED:
            member_ids = frozenset(known.member_id.upper() for known in payer.records.members)
            typed_member_id = mistype(member.member_id, rng, member_ids)
        scenario = Scenario(
            scenario_id=f"s{seed}-{index + 1:05d}",
            payer_id=payer.payer_id,
            seed=rng.randrange(2**31),
            start=start.astimezone(ZoneInfo("UTC")),
            member_id=typed_member_id or member.member_id,
            claim_ids=tuple(claim.id for claim in claims),
            fault=fault,
            drop_point=drops.pop() if fault == FaultKind.DROP else None,
            rep_behaviour=behaviours[index],
            hold_s=draw_hold_s(rng),
        )
        planned.append(PlannedCall(
            scenario=scenario,
            condition=condition if condition != AFTER_HOURS or after_hours else NORMAL,
            knows_claim_number=knows,
            claim_statuses=tuple(claim.status for claim in claims),
            dependent=member.subscriber is not None,
            member_id=member.member_id,
            request_member_id=typed_member_id,
        ))
    return planned


def _move_after_hours_to_closing_payers(conditions: list[str], payer_ids: list[str], closing: set[str]) -> None:
    """Swap payers between calls so that after-hours calls go to payers whose line closes.

    A payer whose line always answers has no after-hours slot. Swapping the
    payers of two calls keeps every payer's share of calls and the
    after-hours share, as long as some payer closes.
    """
    donors = [i for i, condition in enumerate(conditions) if condition != AFTER_HOURS and payer_ids[i] in closing]
    for index, condition in enumerate(conditions):
        if condition != AFTER_HOURS or payer_ids[index] in closing or not donors:
            continue
        donor = donors.pop()
        payer_ids[index], payer_ids[donor] = payer_ids[donor], payer_ids[index]


def _assign_behaviours(conditions: list[str], minimum_count: int, rng: random.Random) -> list[RepBehaviour]:
    """Give each call a representative behaviour.

    Non-standard behaviours go to calls with no other condition first, so
    each call tests one thing, and to faulted calls only when there are not
    enough of those. After-hours calls never reach a representative and
    always get the standard one.
    """
    total = len(conditions)
    counts = allocate(
        total,
        {behaviour.value: share for behaviour, share in BEHAVIOUR_SHARES.items()},
        RepBehaviour.STANDARD.value,
        {behaviour.value: minimum_count for behaviour in BEHAVIOUR_SHARES},
    )
    special = [
        label for label in sorted(counts) if label != RepBehaviour.STANDARD.value for _ in range(counts[label])
    ]
    rng.shuffle(special)
    normal = [i for i, condition in enumerate(conditions) if condition == NORMAL]
    others = [i for i, condition in enumerate(conditions) if condition not in {NORMAL, AFTER_HOURS}]
    rng.shuffle(normal)
    rng.shuffle(others)
    behaviours = [RepBehaviour.STANDARD] * total
    for index, label in zip([*normal, *others], special, strict=False):
        behaviours[index] = RepBehaviour(label)
    return behaviours


def _drop_points(count: int, rng: random.Random) -> list[DropPoint]:
    points = [list(DropPoint)[i % len(DropPoint)] for i in range(count)]
    rng.shuffle(points)
    return points


def mix_summary(planned: Sequence[PlannedCall]) -> dict[str, dict[str, int]]:
    """Count the mix actually drawn, per axis, for the eval report."""
    return {
        "condition": dict(sorted(Counter(call.condition for call in planned).items())),
        "rep_behaviour": dict(sorted(Counter(call.scenario.rep_behaviour.value for call in planned).items())),
        "drop_point": dict(sorted(Counter(
            call.scenario.drop_point.value for call in planned if call.scenario.drop_point
        ).items())),
        "claims_per_call": dict(sorted(Counter(str(len(call.scenario.claim_ids)) for call in planned).items())),
        "payer": dict(sorted(Counter(call.scenario.payer_id for call in planned).items())),
        "claim_status": dict(sorted(Counter(
            status.value for call in planned for status in call.claim_statuses
        ).items())),
        "member": {
            "dependent": sum(1 for call in planned if call.dependent),
            "subscriber": sum(1 for call in planned if not call.dependent),
        },
    }
