"""Tests for scoring results against expectations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from payerline.domain.codes import ClaimStatus, FailureReason, Outcome
from payerline.domain.result import ClaimFields, ClaimResult, Evidence, Observed, Versions
from payerline.evaluation.expected import ExpectedCall, ExpectedClaim
from payerline.evaluation.scoring import score_call, values_match

EVIDENCE = Evidence(turn_index=1, start_s=1.0, end_s=2.0, source="representative")


def observed(value: object) -> Observed:
    return Observed(value=value, evidence=EVIDENCE, confidence=0.9)


def make_result(index: int = 0, outcome: Outcome = Outcome.COMPLETED, reason: FailureReason | None = None,
                missing: list[str] | None = None, **values: object) -> ClaimResult:
    return ClaimResult(
        call_id="c1", request_id="c1", claim_index=index, payer_id="alpha-health",
        outcome=outcome, reason=reason, missing_fields=missing or [],
        fields=ClaimFields(**{name: observed(value) for name, value in values.items()}),
        versions=Versions(agent="0.1.0"), started_at="2026-03-03T15:00:00Z", ended_at="2026-03-03T15:10:00Z",
    )


def expected(*claims: ExpectedClaim) -> ExpectedCall:
    return ExpectedCall(scenario_id="c1", payer_id="alpha-health", condition="normal", claims=claims)


PAID = ExpectedClaim(
    claim_index=0, record_id="A0-0", status=ClaimStatus.PAID, outcome=Outcome.COMPLETED, reason=None,
    values={
        "claim_number": "2126063000458", "paid_amount": Decimal("112.00"), "paid_date": date(2026, 2, 10),
        "carc_codes": ["45", "253"], "representative_name": "Monique",
    },
)


def test_exact_result_scores_exact():
    result = make_result(claim_number="2126063000458", paid_amount=Decimal("112.0"),
                         paid_date=date(2026, 2, 10), carc_codes=["253", "45"], representative_name="MONIQUE ")
    score = score_call(expected(PAID), [result])
    assert score.exact
    assert score.fields_expected == 5
    assert score.fields_right == 5


def test_wrong_amount_named():
    result = make_result(claim_number="2126063000458", paid_amount=Decimal("121.00"),
                         paid_date=date(2026, 2, 10), carc_codes=["45", "253"], representative_name="Monique")
    score = score_call(expected(PAID), [result])
    assert not score.exact
    assert score.fields_right == 4
    assert [d.as_dict() for d in score.differences] == [
        {"claim_index": 0, "item": "paid_amount", "expected": "112.00", "got": "121.00"},
    ]


def test_missing_field_must_be_listed():
    claim = ExpectedClaim(claim_index=0, record_id="A0-0", status=ClaimStatus.PAID, outcome=Outcome.PARTIAL,
                          reason=FailureReason.CALL_DROPPED, values={"claim_number": "X1"},
                          missing=("paid_amount", "reference_number"))
    listed = make_result(outcome=Outcome.PARTIAL, reason=FailureReason.CALL_DROPPED,
                         missing=["paid_amount", "reference_number"], claim_number="X1")
    assert score_call(expected(claim), [listed]).exact
    unlisted = make_result(outcome=Outcome.PARTIAL, reason=FailureReason.CALL_DROPPED,
                           missing=["paid_amount"], claim_number="X1")
    score = score_call(expected(claim), [unlisted])
    assert score.fields_right == 2
    assert score.differences[0].item == "reference_number"
    assert score.differences[0].got == "not in missing_fields"


def test_value_for_missing_field_is_wrong():
    claim = ExpectedClaim(claim_index=0, record_id="A0-0", status=ClaimStatus.PAID, outcome=Outcome.FAILED,
                          reason=FailureReason.PAYER_CLOSED, missing=("found",))
    result = make_result(outcome=Outcome.FAILED, reason=FailureReason.PAYER_CLOSED, missing=["found"], found=True)
    score = score_call(expected(claim), [result])
    assert not score.exact
    assert score.differences[0].got == "True"


def test_true_value_for_missing_field_is_right():
    # The read-out gave no claim total, but the agent summed the charges it read for each line.
    claim = ExpectedClaim(claim_index=0, record_id="A0-0", status=ClaimStatus.APPLIED_TO_DEDUCTIBLE,
                          outcome=Outcome.PARTIAL, reason=FailureReason.CALL_DROPPED, values={"claim_number": "X1"},
                          missing=("billed_amount",), missing_truth={"billed_amount": Decimal("285.00")})
    summed = make_result(outcome=Outcome.PARTIAL, reason=FailureReason.CALL_DROPPED, claim_number="X1",
                         billed_amount=Decimal("285.00"))
    assert score_call(expected(claim), [summed]).exact
    wrong = make_result(outcome=Outcome.PARTIAL, reason=FailureReason.CALL_DROPPED, claim_number="X1",
                        billed_amount=Decimal("258.00"))
    assert score_call(expected(claim), [wrong]).differences[0].got == "258.00"


def test_listed_missing_field_with_value_is_wrong():
    # A result that lists a field as missing and also gives it contradicts itself, whatever the value.
    claim = ExpectedClaim(claim_index=0, record_id="A0-0", status=ClaimStatus.PAID, outcome=Outcome.FAILED,
                          reason=FailureReason.PAYER_CLOSED, missing=("claim_number",),
                          missing_truth={"claim_number": "X1"})
    both = make_result(outcome=Outcome.FAILED, reason=FailureReason.PAYER_CLOSED, missing=["claim_number"],
                       claim_number="X1")
    assert not score_call(expected(claim), [both]).exact


def test_outcome_and_reason_differences():
    claim = ExpectedClaim(claim_index=0, record_id="A0-0", status=ClaimStatus.PAID, outcome=Outcome.FAILED,
                          reason=FailureReason.SYSTEMS_DOWN)
    result = make_result(outcome=Outcome.PARTIAL, reason=FailureReason.CALL_DROPPED)
    items = [(d.item, d.expected, d.got) for d in score_call(expected(claim), [result]).differences]
    assert items == [("outcome", "failed", "partial"), ("reason", "systems_down", "call_dropped")]


def test_missing_result_counts_every_field_wrong():
    score = score_call(expected(PAID), [])
    assert not score.exact
    assert score.fields_expected == 5
    assert score.fields_right == 0
    assert score.differences[0].item == "result"


def test_extra_result_not_exact():
    claim = ExpectedClaim(claim_index=0, record_id="A0-0", status=ClaimStatus.PAID,
                          outcome=Outcome.COMPLETED, reason=None)
    score = score_call(expected(claim), [make_result(0), make_result(1)])
    assert not score.exact
    assert score.differences[0].claim_index == 1


@pytest.mark.parametrize(
    ("name", "truth", "got", "match"),
    [
        ("representative_name", "Monique Dubois", "monique  dubois", True),
        ("claim_number", "E2603117", "e2603117", False),
        ("paid_amount", Decimal("10.50"), Decimal("10.5"), True),
        ("paid_amount", Decimal("10.50"), "10.5", True),
        ("paid_amount", Decimal("10.50"), "ten", False),
        ("found", False, 0, False),
        ("found", True, True, True),
        ("carc_codes", ["45", "96"], ["96", "45"], True),
        ("carc_codes", ["45"], ["45", "96"], False),
        ("claim_status", ClaimStatus.DENIED, ClaimStatus.DENIED, True),
        ("claim_status", ClaimStatus.DENIED, ClaimStatus.ADJUSTED, False),
        ("received_date", date(2026, 1, 2), date(2026, 2, 1), False),
        ("expected_processing_days", 30, 30, True),
        ("claim_number", None, None, True),
        ("claim_number", "X", None, False),
    ],
)
def test_values_match(name, truth, got, match):
    assert values_match(name, truth, got) is match


def test_optional_field_right_with_truth_or_none():
    claim = ExpectedClaim(claim_index=0, record_id="A0-0", status=ClaimStatus.PAID, outcome=Outcome.FAILED,
                          reason=FailureReason.CALL_DROPPED, optional={"paid_amount": Decimal("112.00")},
                          other_outcomes=frozenset({Outcome.PARTIAL}))
    given = make_result(outcome=Outcome.PARTIAL, reason=FailureReason.CALL_DROPPED, paid_amount=Decimal("112"))
    absent = make_result(outcome=Outcome.FAILED, reason=FailureReason.CALL_DROPPED, missing=["paid_amount"])
    wrong = make_result(outcome=Outcome.PARTIAL, reason=FailureReason.CALL_DROPPED, paid_amount=Decimal("12"))
    assert score_call(expected(claim), [given]).exact
    assert score_call(expected(claim), [absent]).exact
    score = score_call(expected(claim), [wrong])
    assert not score.exact
    assert score.differences[0].expected == "112.00 or none"
