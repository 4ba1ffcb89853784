"""Tests for what each planned call should yield."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from payerline.domain.codes import ClaimStatus, FailureReason, Outcome
from payerline.domain.result import required_fields
from payerline.evaluation.expected import PersonFacts, expected_call
from payerline.evaluation.mix import AFTER_HOURS, MEMBER_MISTYPED, NORMAL, PlannedCall
from payerline.sandbox.scenario import DropPoint, FaultKind, Scenario

from eval_records import make_claim

NPI = "8234567898"
PAID = make_claim("A0-0", ClaimStatus.PAID, NPI, 5)
DENIED = make_claim("A0-1", ClaimStatus.DENIED, NPI, 6)
NOT_ON_FILE = make_claim("A0-2", ClaimStatus.NOT_ON_FILE, NPI, 7)
PERSON = PersonFacts(representative_name="Monique", reference_number="R55120")
NO_IVR = lambda claim: frozenset()  # noqa: E731
STATUS_IVR = lambda claim: frozenset({"found", "claim_status", "claim_number"})  # noqa: E731


def plan(condition: str, claims, drop_point=None) -> PlannedCall:
    fault = FaultKind(condition) if condition in {k.value for k in FaultKind} else None
    scenario = Scenario(
        scenario_id="s1-00001", payer_id="alpha-health", seed=1, start=datetime(2026, 3, 3, 15, tzinfo=UTC),
        member_id="AM000077", claim_ids=tuple(c.id for c in claims), fault=fault, drop_point=drop_point,
    )
    return PlannedCall(scenario=scenario, condition=condition, knows_claim_number=(False,) * len(claims),
                       claim_statuses=tuple(c.status for c in claims), dependent=False, member_id="AM000077")


def test_normal_call_expects_every_field_and_person():
    result = expected_call(plan(NORMAL, [PAID]), [PAID], NO_IVR, PERSON).claims[0]
    assert result.outcome == Outcome.COMPLETED
    assert result.reason is None
    assert result.missing == ()
    assert set(result.values) == {*required_fields(ClaimStatus.PAID, person_reached=True)}
    assert result.values["paid_amount"] == Decimal("112.00")
    assert result.values["claim_status"] == ClaimStatus.PAID
    assert result.values["found"] is True
    assert result.values["reference_number"] == "R55120"


def test_ivr_covering_everything_needs_no_person():
    everything = lambda claim: frozenset(required_fields(claim.status, person_reached=False))  # noqa: E731
    result = expected_call(plan(NORMAL, [DENIED]), [DENIED], everything, PERSON).claims[0]
    assert result.outcome == Outcome.COMPLETED
    assert "representative_name" not in result.values
    assert "reference_number" not in result.missing


def test_not_on_file_completed_with_found_false():
    result = expected_call(plan(NORMAL, [NOT_ON_FILE]), [NOT_ON_FILE], NO_IVR, PERSON).claims[0]
    assert result.outcome == Outcome.COMPLETED
    assert result.values["found"] is False
    assert result.values["claim_status"] == ClaimStatus.NOT_ON_FILE
    assert result.values["timely_filing_days"] == 365


def test_after_hours_fails_everything():
    claims = expected_call(plan(AFTER_HOURS, [PAID, DENIED]), [PAID, DENIED], STATUS_IVR, PERSON).claims
    for claim in claims:
        assert claim.outcome == Outcome.FAILED
        assert claim.reason == FailureReason.PAYER_CLOSED
        assert claim.values == {}
        assert claim.missing == ("found", "claim_status")


def test_mistyped_member_not_found():
    claim = expected_call(plan(MEMBER_MISTYPED, [PAID]), [PAID], NO_IVR, PERSON).claims[0]
    assert (claim.outcome, claim.reason) == (Outcome.FAILED, FailureReason.MEMBER_NOT_FOUND)


def test_mistyped_member_keeps_claim_number_readout():
    """A search by claim number needs no member, so what the IVR read is expected."""
    claim = expected_call(plan(MEMBER_MISTYPED, [PAID]), [PAID], STATUS_IVR, PERSON).claims[0]
    assert (claim.outcome, claim.reason) == (Outcome.PARTIAL, FailureReason.MEMBER_NOT_FOUND)
    assert claim.values["claim_status"] == ClaimStatus.PAID
    assert "paid_amount" in claim.missing


def test_drop_on_hold_keeps_ivr_fields():
    claim = expected_call(plan("drop", [PAID], DropPoint.HOLD), [PAID], STATUS_IVR, PERSON).claims[0]
    assert claim.outcome == Outcome.PARTIAL
    assert claim.reason == FailureReason.CALL_DROPPED
    assert set(claim.values) == {"found", "claim_status", "claim_number"}
    assert "paid_amount" in claim.missing
    assert "representative_name" not in claim.missing


def test_drop_in_ivr_before_readout_gets_nothing():
    claim = expected_call(plan("drop", [PAID], DropPoint.IVR), [PAID], NO_IVR, PERSON).claims[0]
    assert (claim.outcome, claim.reason) == (Outcome.FAILED, FailureReason.CALL_DROPPED)


def test_no_automated_calls_needs_human():
    claim = expected_call(plan("no_automated_calls", [PAID]), [PAID], STATUS_IVR, PERSON).claims[0]
    assert claim.outcome == Outcome.NEEDS_HUMAN
    assert claim.reason == FailureReason.AUTOMATED_CALLS_REFUSED


def test_one_claim_per_call_answers_first_only():
    claims = expected_call(plan("one_claim_per_call", [PAID, DENIED]), [PAID, DENIED], NO_IVR, PERSON).claims
    assert claims[0].outcome == Outcome.COMPLETED
    assert claims[0].values["representative_name"] == "Monique"
    assert claims[1].outcome == Outcome.FAILED
    assert claims[1].reason == FailureReason.ONE_CLAIM_PER_CALL


def test_wrong_department_partial_with_ivr():
    claim = expected_call(plan("wrong_department", [DENIED]), [DENIED], STATUS_IVR, PERSON).claims[0]
    assert (claim.outcome, claim.reason) == (Outcome.PARTIAL, FailureReason.WRONG_DEPARTMENT)


def test_drop_in_ivr_after_readout_keeps_read_claim():
    read_first = lambda claim: frozenset({"found", "claim_status", "claim_number"}) if claim is PAID else frozenset()  # noqa: E731
    claims = expected_call(plan("drop", [PAID, DENIED], DropPoint.IVR), [PAID, DENIED], read_first, PERSON).claims
    assert claims[0].outcome == Outcome.PARTIAL
    assert claims[0].values["claim_number"] == PAID.claim_number
    assert claims[1].outcome == Outcome.FAILED


def test_no_automated_calls_ivr_complete_claim_stays_completed():
    everything = lambda claim: frozenset(required_fields(claim.status, person_reached=False))  # noqa: E731
    claim = expected_call(plan("no_automated_calls", [DENIED]), [DENIED], everything, PERSON).claims[0]
    assert claim.outcome == Outcome.COMPLETED
    assert claim.reason is None


def test_drop_at_representative_leaves_answers_optional():
    claim = expected_call(plan("drop", [PAID], DropPoint.REPRESENTATIVE), [PAID], STATUS_IVR, PERSON).claims[0]
    assert claim.outcome == Outcome.PARTIAL
    assert set(claim.values) == {"found", "claim_status", "claim_number"}
    assert claim.optional["paid_amount"] == Decimal("112.00")
    assert claim.optional["representative_name"] == "Monique"
    assert claim.missing == ()


def test_rep_drop_without_ivr_either_outcome():
    claim = expected_call(plan("drop", [PAID], DropPoint.REPRESENTATIVE), [PAID], NO_IVR, PERSON).claims[0]
    assert claim.outcome == Outcome.FAILED
    assert claim.other_outcomes == {Outcome.PARTIAL}


def test_wrong_department_name_optional():
    claim = expected_call(plan("wrong_department", [PAID]), [PAID], NO_IVR, PERSON).claims[0]
    assert claim.optional == {"representative_name": "Monique", "reference_number": "R55120"}
    assert claim.missing == ("found", "claim_status")


def test_status_from_ivr_makes_all_required_missing():
    claim = expected_call(plan("drop", [PAID], DropPoint.HOLD), [PAID], STATUS_IVR, PERSON).claims[0]
    assert "paid_amount" in claim.missing
    assert "found" not in claim.missing


def test_withheld_field_missing_with_refusal():
    claim = expected_call(plan(NORMAL, [PAID]), [PAID], STATUS_IVR, PERSON,
                          withheld=frozenset({"check_number"})).claims[0]
    assert claim.outcome == Outcome.PARTIAL
    assert claim.reason == FailureReason.PAYER_REFUSED
    assert claim.missing == ("check_number",)


def test_withheld_field_from_ivr_still_expected():
    claim = expected_call(plan(NORMAL, [PAID]), [PAID], STATUS_IVR, PERSON,
                          withheld=frozenset({"claim_number"})).claims[0]
    assert claim.outcome == Outcome.COMPLETED
    assert claim.values["claim_number"] == PAID.claim_number


def test_normal_call_expects_readable_fields_even_unheard():
    readable = lambda claim: frozenset({"found", "claim_status", "claim_number", "paid_amount", "check_number"})  # noqa: E731
    claim = expected_call(plan(NORMAL, [PAID]), [PAID], NO_IVR, PERSON,
                          withheld=frozenset({"paid_amount", "check_number"}), ivr_possible=readable).claims[0]
    assert claim.outcome == Outcome.COMPLETED
    assert claim.values["paid_amount"] == Decimal("112.00")
    assert claim.values["check_number"] == PAID.check_number


def test_cut_call_expects_only_heard_fields():
    readable = lambda claim: frozenset({"found", "claim_status", "claim_number"})  # noqa: E731
    claim = expected_call(plan("drop", [PAID], DropPoint.HOLD), [PAID], NO_IVR, PERSON, ivr_possible=readable).claims[0]
    assert claim.outcome == Outcome.FAILED
    assert claim.values == {}


def test_other_provider_claim_needs_the_person():
    """The IVR logged in as the first claim's provider cannot find a claim billed by another."""
    other = make_claim("A0-3", ClaimStatus.DENIED, "1245319599", 8)
    everything = lambda claim: frozenset(required_fields(claim.status, person_reached=False))  # noqa: E731
    heard = lambda claim: everything(claim) if claim is PAID else frozenset()  # noqa: E731
    claims = expected_call(plan("one_claim_per_call", [PAID, other]), [PAID, other], heard, PERSON,
                           ivr_possible=everything).claims
    assert claims[0].outcome == Outcome.COMPLETED
    assert "representative_name" not in claims[0].values
    assert claims[1].outcome == Outcome.COMPLETED
    assert claims[1].values["representative_name"] == "Monique"
    assert claims[1].values["carc_codes"] == other.carc_codes


def test_drop_that_never_came_expects_full_call():
    """The caller got everything and hung up before the planned drop: the call ran its course."""
    facts = PersonFacts(representative_name="Monique", reference_number="R55120", line_dropped=False)
    claim = expected_call(plan("drop", [PAID], DropPoint.REPRESENTATIVE), [PAID], NO_IVR, facts).claims[0]
    assert claim.outcome == Outcome.COMPLETED
    assert claim.reason is None
    assert claim.optional == {}
    assert claim.values["reference_number"] == "R55120"


def test_drop_that_came_keeps_answers_optional():
    facts = PersonFacts(representative_name="Monique", reference_number="R55120", line_dropped=True)
    claim = expected_call(plan("drop", [PAID], DropPoint.REPRESENTATIVE), [PAID], NO_IVR, facts).claims[0]
    assert claim.reason == FailureReason.CALL_DROPPED
    assert "paid_amount" in claim.optional


def test_one_claim_person_takes_unread_claim():
    """The IVR could read both claims but read neither, so the one person gives the first and refuses the second."""
    everything = lambda claim: frozenset(required_fields(claim.status, person_reached=False))  # noqa: E731
    call = plan("one_claim_per_call", [PAID, DENIED])
    strict = expected_call(call, [PAID, DENIED], NO_IVR, PERSON, ivr_possible=everything).claims
    assert [claim.outcome for claim in strict] == [Outcome.FAILED, Outcome.FAILED]
    lenient = expected_call(call, [PAID, DENIED], NO_IVR, PERSON, ivr_possible=everything,
                            person_for_unread=True).claims
    assert lenient[0].outcome == Outcome.COMPLETED
    assert lenient[0].values["representative_name"] == "Monique"
    assert lenient[1].outcome == Outcome.FAILED
    assert lenient[1].reason == FailureReason.ONE_CLAIM_PER_CALL
