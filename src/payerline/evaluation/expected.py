"""What each planned eval call should yield, claim by claim.

The rules, also written out in docs/eval.md:

1. A claim needs the fields ``required_fields(status, person_reached=False)``
   for its record's status. ``missing_information`` is free text and is
   never scored.
2. The IVR's self-service read-out gives some of them. On a call that
   runs its course for a claim, that is every field the payer's read-out
   templates can speak for the claim. On a call cut short, it is the
   fields of the read-out sentences the sandbox actually spoke. A claim
   billed by a provider other than the request's (the first claim's) is
   expected to get only what was spoken, because an IVR that logs the
   caller in as a provider finds only that provider's claims. A claim
   whose read-out covers every required field needs no person. Any other claim needs a representative, and then also needs
   ``representative_name`` and ``reference_number``.
3. The call's condition decides whether a person answers: yes on an
   ordinary call; for the first claim that needs one only, with a
   representative who takes one claim per call; otherwise no (after hours,
   systems down, a mistyped member id, a drop that came, a wrong-department transfer,
   a refusal of automated callers).
4. Fields the call gets are expected with their true values from the
   payer's records (the representative's name and the reference number from
   what the sandbox said). Fields a drop at the representative leaves to
   chance are optional. Every other required field is expected in
   ``missing_fields``, except that a call that does not learn the status
   expects only ``found`` and ``claim_status`` there.
5. The outcome follows: ``completed`` when nothing is missing, else
   ``partial`` when something was obtained, else ``failed``. A claim left
   incomplete by a payer that refuses automated callers is
   ``needs_human``. The reason is the condition's reason for every claim
   that is not completed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from payerline.domain.codes import ClaimStatus, FailureReason, Outcome
from payerline.domain.result import PERSON_FIELDS, required_fields
from payerline.evaluation.mix import AFTER_HOURS, MEMBER_MISTYPED, NORMAL, PlannedCall
from payerline.sandbox.records import ClaimRecord
from payerline.sandbox.scenario import DropPoint, FaultKind

UNSCORED_FIELDS = frozenset({"missing_information"})


@dataclass(frozen=True)
class ExpectedClaim:
    """What one claim's result should be.

    Attributes:
        values: each field the call should obtain, with its true value.
        missing: each required field the call cannot obtain; the result
            must list it in ``missing_fields``, or give the field's true
            value, found by a way the expectation does not model (a claim's
            charges summed from its lines' charges).
        optional: fields the scenario may or may not let the call obtain
            (a drop part-way through a representative's answers), with their
            true values; a result is right to give the true value or none.
        other_outcomes: outcomes accepted besides ``outcome``.
    """

    claim_index: int
    record_id: str
    status: ClaimStatus
    outcome: Outcome
    reason: FailureReason | None
    values: Mapping[str, object] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    optional: Mapping[str, object] = field(default_factory=dict)
    other_outcomes: frozenset[Outcome] = frozenset()
    missing_truth: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ExpectedCall:
    """The expected results of one planned call: one :class:`ExpectedClaim` per claim."""

    scenario_id: str
    payer_id: str
    condition: str
    claims: tuple[ExpectedClaim, ...]


@dataclass(frozen=True)
class PersonFacts:
    """Facts of a finished sandbox call that the scenario alone does not fix.

    Attributes:
        representative_name: the last representative's name, the truth for
            ``representative_name``.
        reference_number: the reference number that representative gave.
        line_dropped: whether the sandbox dropped the line; None when not
            known. A planned drop that never came (the caller had all it
            needed and hung up first) leaves a call that ran its course.
    """

    representative_name: str | None
    reference_number: str | None
    line_dropped: bool | None = None


@dataclass(frozen=True)
class _Reach:
    """How far a call gets: the IVR read-out, a person, and why it stops short."""

    ivr: bool
    person: str  # "all", "first" (the first claim that needs one) or "none"
    reason: FailureReason | None
    outcome: Outcome | None = None
    answers_cut: bool = False  # a person answered some questions before the line went dead


def call_reach(planned: PlannedCall) -> _Reach:
    """Return how far ``planned`` gets, from its condition (rule 3)."""
    condition = planned.condition
    if condition == NORMAL:
        return _Reach(ivr=True, person="all", reason=None)
    if condition == AFTER_HOURS:
        return _Reach(ivr=False, person="none", reason=FailureReason.PAYER_CLOSED)
    if condition == MEMBER_MISTYPED:
        # An IVR search by claim number alone finds the claim without the member.
        return _Reach(ivr=True, person="none", reason=FailureReason.MEMBER_NOT_FOUND)
    fault = FaultKind(condition)
    if fault == FaultKind.DROP:
        cut = planned.scenario.drop_point == DropPoint.REPRESENTATIVE
        return _Reach(ivr=True, person="none", reason=FailureReason.CALL_DROPPED, answers_cut=cut)
    if fault == FaultKind.SYSTEMS_DOWN:
        return _Reach(ivr=False, person="none", reason=FailureReason.SYSTEMS_DOWN)
    if fault == FaultKind.NO_AUTOMATED_CALLS:
        return _Reach(
            ivr=True, person="none", reason=FailureReason.AUTOMATED_CALLS_REFUSED,
            outcome=Outcome.NEEDS_HUMAN,
        )
    if fault == FaultKind.WRONG_DEPARTMENT:
        return _Reach(ivr=True, person="none", reason=FailureReason.WRONG_DEPARTMENT)
    return _Reach(ivr=True, person="first", reason=FailureReason.ONE_CLAIM_PER_CALL)


def _reason(outcome: Outcome, reach: _Reach, refused: bool) -> FailureReason | None:
    if outcome == Outcome.COMPLETED:
        return None
    if reach.reason is None and refused:
        return FailureReason.PAYER_REFUSED
    return reach.reason


def _outcome(obtained: bool, missing: bool) -> Outcome:
    if not missing:
        return Outcome.COMPLETED
    return Outcome.PARTIAL if obtained else Outcome.FAILED


def expected_call(
    planned: PlannedCall,
    claims: list[ClaimRecord],
    ivr_fields: Callable[[ClaimRecord], frozenset[str]],
    person: PersonFacts,
    *,
    withheld: frozenset[str] = frozenset(),
    ivr_possible: Callable[[ClaimRecord], frozenset[str]] | None = None,
    person_for_unread: bool = False,
) -> ExpectedCall:
    """Return what ``planned`` should yield.

    Args:
        claims: the claim records, in request order.
        ivr_fields: the result fields the payer's IVR self-service read out
            for a claim on this call (empty when it read none).
        person: the representative's name and reference number as the
            sandbox gave them, the truth for the person fields.
        withheld: fields the payer's representatives decline to give; a
            required one the IVR did not read out stays missing, with the
            reason ``payer_refused``.
        ivr_possible: the fields the payer's read-outs can give for a
            claim; a call that runs its course is expected to get them even
            if the agent skipped the read-out. Defaults to ``ivr_fields``.
        person_for_unread: on a line whose representative takes one claim
            per call, give that one person to the first claim the IVR did
            not read in full, not to the first the IVR could not read. The
            agent may take a claim to the person that the read-out would
            have given. The person then gives that claim's fields, not a
            later claim's.
    """
    possible_ivr_fields = ivr_fields if ivr_possible is None else ivr_possible
    reach = call_reach(planned)
    if reach.reason == FailureReason.CALL_DROPPED and person.line_dropped is False:
        reach = _Reach(ivr=True, person="all", reason=None)
    person_used = False
    expected: list[ExpectedClaim] = []
    # The request's billing provider is the first claim's, and the IVR finds
    # only the claims of the provider the caller logged in as.
    login_npi = claims[0].billing_npi if claims else None
    for index, record in enumerate(claims):
        required = [name for name in required_fields(record.status, person_reached=False)
                    if name not in UNSCORED_FIELDS]
        heard = {name for name in required if name in ivr_fields(record)} if reach.ivr else set()
        possible = set(heard)
        if record.billing_npi == login_npi:
            possible |= {name for name in required if name in possible_ivr_fields(record)}
        unread = heard if person_for_unread and reach.person == "first" else possible
        gets_person = any(name not in unread for name in required) and (
            reach.person == "all" or (reach.person == "first" and not person_used)
        )
        person_used = person_used or gets_person
        # A call that runs its course for this claim should use everything
        # the read-out offers; a call cut short keeps only what was heard.
        from_ivr = possible if gets_person or reach.person == "all" else heard
        needs_person = any(name not in from_ivr for name in required)

        values: dict[str, object] = {}
        optional: dict[str, object] = {}
        refused = False
        for name in required:
            if name in from_ivr or (gets_person and name not in withheld):
                values[name] = record.field_value(name)
            elif gets_person:
                refused = True
            elif reach.answers_cut and needs_person:
                optional[name] = record.field_value(name)
        if gets_person:
            values["representative_name"] = person.representative_name
            values["reference_number"] = person.reference_number
        elif needs_person and person.representative_name is not None:
            # Someone picked up and gave a name before the call ended short.
            optional["representative_name"] = person.representative_name
            optional["reference_number"] = person.reference_number
        names = [*required, *PERSON_FIELDS] if gets_person else required
        if "claim_status" not in values and "claim_status" not in optional:
            # Without the status the agent cannot know which fields the claim
            # needs, so only the fields every claim needs can be missing.
            names = [name for name in names if name in required_fields(None, person_reached=False)]
        missing = tuple(name for name in names if name not in values and name not in optional)

        outcome = _outcome(bool(values), bool(missing) or bool(optional))
        other_outcomes: frozenset[Outcome] = frozenset()
        if optional and not values:
            # Whether the person's answers before the drop gave a required field is left to chance.
            other_outcomes = frozenset({Outcome.PARTIAL})
        if reach.outcome is not None and outcome != Outcome.COMPLETED:
            outcome, other_outcomes = reach.outcome, frozenset()
        expected.append(ExpectedClaim(
            claim_index=index,
            record_id=record.id,
            status=record.status,
            outcome=outcome,
            reason=_reason(outcome, reach, refused),
            values=values,
            missing=missing,
            optional=optional,
            other_outcomes=other_outcomes,
            missing_truth={name: record.field_value(name) for name in missing if name not in PERSON_FIELDS},
        ))
    return ExpectedCall(
        scenario_id=planned.scenario.scenario_id,
        payer_id=planned.scenario.payer_id,
        condition=planned.condition,
        claims=tuple(expected),
    )
