"""Closed code lists: claim statuses, call outcomes and failure reasons."""

from __future__ import annotations

from enum import StrEnum
from functools import cache


class ClaimStatus(StrEnum):
    """Claim status as a biller records it, each mapped to an X12 277 category."""

    RECEIVED = "received"
    PENDING = "pending"
    PAYMENT_FLOOR = "payment_floor"
    PAID = "paid"
    PARTIALLY_PAID = "partially_paid"
    APPLIED_TO_DEDUCTIBLE = "applied_to_deductible"
    DENIED = "denied"
    ADJUSTED = "adjusted"
    CANCELLED = "cancelled"
    NOT_ON_FILE = "not_on_file"

    @property
    def x12_category(self) -> str:
        """The X12 claim status category code (code source 507) for this status."""
        return _X12_CATEGORY[self]


# Code source 507 categories used here: A1 acknowledgement/receipt, P1
# pending/in process, F0 finalized (adjudicated with payment scheduled, which
# is the payment floor), F1 finalized/payment, F2 finalized/denial, F3
# finalized/revised, F4 finalized with no payment forthcoming, A4 not found.
_X12_CATEGORY: dict[ClaimStatus, str] = {
    ClaimStatus.RECEIVED: "A1",
    ClaimStatus.PENDING: "P1",
    ClaimStatus.PAYMENT_FLOOR: "F0",
    ClaimStatus.PAID: "F1",
    ClaimStatus.PARTIALLY_PAID: "F1",
    ClaimStatus.APPLIED_TO_DEDUCTIBLE: "F1",
    ClaimStatus.DENIED: "F2",
    ClaimStatus.ADJUSTED: "F3",
    ClaimStatus.CANCELLED: "F4",
    ClaimStatus.NOT_ON_FILE: "A4",
}


@cache
def x12_claim_status_categories() -> frozenset[str]:
    """Return the claim status category codes that pyx12 ships (code source 507)."""
    from pyx12.codes import ExternalCodes

    return frozenset(c for c in ExternalCodes().codes["claim_status_cat"]["codes"] if c)


class Outcome(StrEnum):
    """The outcome of a call for one claim.

    ``completed``: every required field obtained (the representative's name and
    a reference number are required only when a person was reached).
    ``partial``: some required fields obtained; the rest are in ``missing_fields``.
    ``failed``: none obtained. ``needs_human``: the agent stopped on purpose so
    that a person can take over.
    """

    COMPLETED = "completed"
    PARTIAL = "partial"
    FAILED = "failed"
    NEEDS_HUMAN = "needs_human"


class FailureReason(StrEnum):
    """The coded reason a result is not ``completed``. See :data:`RETRYABLE` for retry advice."""

    IVR_FAILURE = "ivr_failure"
    PAYER_CLOSED = "payer_closed"
    CALL_DROPPED = "call_dropped"
    PAYER_REFUSED = "payer_refused"
    AUTOMATED_CALLS_REFUSED = "automated_calls_refused"
    SYSTEMS_DOWN = "systems_down"
    WRONG_DEPARTMENT = "wrong_department"
    MEMBER_NOT_FOUND = "member_not_found"
    CLAIM_NOT_FOUND = "claim_not_found"
    NO_PERSON_REACHED = "no_person_reached"
    ONE_CLAIM_PER_CALL = "one_claim_per_call"
    DISALLOWED_QUESTION = "disallowed_question"
    UNESCAPABLE_LOOP = "unescapable_loop"
    INFORMATION_INCOMPLETE = "information_incomplete"
    UNKEYABLE_INPUT = "unkeyable_input"
    AGENT_ERROR = "agent_error"
    PROVIDER_NOT_RECOGNIZED = "provider_not_recognized"


RETRYABLE: dict[FailureReason, bool] = {
    FailureReason.IVR_FAILURE: True,
    FailureReason.PAYER_CLOSED: True,
    FailureReason.CALL_DROPPED: True,
    FailureReason.PAYER_REFUSED: False,
    FailureReason.AUTOMATED_CALLS_REFUSED: False,
    FailureReason.SYSTEMS_DOWN: True,
    FailureReason.WRONG_DEPARTMENT: True,
    FailureReason.MEMBER_NOT_FOUND: False,
    FailureReason.CLAIM_NOT_FOUND: False,
    FailureReason.NO_PERSON_REACHED: True,
    FailureReason.ONE_CLAIM_PER_CALL: True,
    FailureReason.DISALLOWED_QUESTION: False,
    FailureReason.UNESCAPABLE_LOOP: False,
    FailureReason.INFORMATION_INCOMPLETE: True,
    FailureReason.UNKEYABLE_INPUT: False,
    FailureReason.AGENT_ERROR: False,
    FailureReason.PROVIDER_NOT_RECOGNIZED: False,
}

REASON_MEANINGS: dict[FailureReason, str] = {
    FailureReason.IVR_FAILURE: "the IVR rejected our entries or could not be navigated",
    FailureReason.PAYER_CLOSED: "the call was placed outside the payer's business hours",
    FailureReason.CALL_DROPPED: "the line disconnected before the answers were collected",
    FailureReason.PAYER_REFUSED: "the representative declined to give the information",
    FailureReason.AUTOMATED_CALLS_REFUSED: "the payer does not accept automated callers",
    FailureReason.SYSTEMS_DOWN: "the payer's systems were down; it asked to call back later",
    FailureReason.WRONG_DEPARTMENT: "the call was transferred to a department that cannot help",
    FailureReason.MEMBER_NOT_FOUND: "the payer could not find the member",
    FailureReason.CLAIM_NOT_FOUND: "the payer has no claim for these dates of service",
    FailureReason.NO_PERSON_REACHED: "hold lasted past the configured maximum",
    FailureReason.ONE_CLAIM_PER_CALL: "the representative handles one claim per call; call again",
    FailureReason.DISALLOWED_QUESTION: "the payer required information the agent may not disclose",
    FailureReason.UNESCAPABLE_LOOP: "the IVR kept repeating and offered no way out",
    FailureReason.INFORMATION_INCOMPLETE: "some answers were not given or not understood",
    FailureReason.UNKEYABLE_INPUT: "a request value has no letters A to Z to key or spell (a name in another script)",
    FailureReason.AGENT_ERROR: "the agent stopped on an internal error; the transcript is kept",
    FailureReason.PROVIDER_NOT_RECOGNIZED: "the payer did not match the provider ids (NPI, PTAN, TIN) to its records",
}
