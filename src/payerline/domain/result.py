"""Claim-status call results: one per claim in the request.

Every obtained field carries its evidence (the transcript turn and time it
came from), a confidence, and whether the agent confirmed it by read-back.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from payerline.domain.codes import ClaimStatus, FailureReason, Outcome

RESULT_SCHEMA_VERSION = "1"

T = TypeVar("T")


class Evidence(BaseModel):
    """The transcript turn and time a value was heard at."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    turn_index: int = Field(ge=0, description="index into the transcript's turns")
    start_s: float = Field(ge=0)
    end_s: float = Field(ge=0)
    source: str = Field(description="'ivr' for a self-service read-out, 'representative' for a person")


class Observed(BaseModel, Generic[T]):
    """A field value with its evidence."""

    model_config = ConfigDict(extra="forbid")

    value: T
    evidence: Evidence
    confidence: float = Field(ge=0, le=1)
    confirmed_by_readback: bool = False


class LineResult(BaseModel):
    """One service line as the payer reported it."""

    model_config = ConfigDict(extra="forbid")

    procedure_code: str
    service_date: date | None = None
    status: ClaimStatus | None = None
    billed_amount: Decimal | None = None
    allowed_amount: Decimal | None = None
    paid_amount: Decimal | None = None
    carc_codes: list[str] = Field(default_factory=list)
    description: str | None = None
    evidence: Evidence


class ClaimFields(BaseModel):
    """The claim-status fields a biller collects. Unobtained fields are absent."""

    model_config = ConfigDict(extra="forbid")

    found: Observed[bool] | None = None
    claim_number: Observed[str] | None = None
    claim_status: Observed[ClaimStatus] | None = None
    received_date: Observed[date] | None = None
    processed_date: Observed[date] | None = None
    paid_date: Observed[date] | None = None
    billed_amount: Observed[Decimal] | None = None
    allowed_amount: Observed[Decimal] | None = None
    paid_amount: Observed[Decimal] | None = None
    patient_responsibility: Observed[Decimal] | None = None
    check_number: Observed[str] | None = None
    bulk_payment_amount: Observed[Decimal] | None = None
    check_cashed: Observed[bool] | None = None
    adjustment_group_code: Observed[str] | None = None
    carc_codes: Observed[list[str]] | None = None
    rarc_codes: Observed[list[str]] | None = None
    missing_information: Observed[str] | None = None
    expected_processing_days: Observed[int] | None = None
    timely_filing_days: Observed[int] | None = None
    representative_name: Observed[str] | None = None
    reference_number: Observed[str] | None = None


FIELD_NAMES: tuple[str, ...] = tuple(ClaimFields.model_fields)
PERSON_FIELDS: tuple[str, ...] = ("representative_name", "reference_number")

_DATES_AND_NUMBER = ("claim_number", "claim_status", "received_date")
_FINALIZED = (*_DATES_AND_NUMBER, "processed_date", "billed_amount", "allowed_amount", "paid_amount")

REQUIRED_FIELDS: dict[ClaimStatus, tuple[str, ...]] = {
    ClaimStatus.RECEIVED: (*_DATES_AND_NUMBER, "expected_processing_days"),
    ClaimStatus.PENDING: (*_DATES_AND_NUMBER, "expected_processing_days"),
    ClaimStatus.PAYMENT_FLOOR: (*_DATES_AND_NUMBER, "processed_date", "paid_amount", "paid_date"),
    ClaimStatus.PAID: (*_FINALIZED, "paid_date", "patient_responsibility", "check_number"),
    ClaimStatus.PARTIALLY_PAID: (
        *_FINALIZED, "paid_date", "patient_responsibility", "check_number",
        "adjustment_group_code", "carc_codes",
    ),
    ClaimStatus.APPLIED_TO_DEDUCTIBLE: (
        *_FINALIZED, "patient_responsibility", "adjustment_group_code", "carc_codes",
    ),
    ClaimStatus.DENIED: (*_DATES_AND_NUMBER, "processed_date", "adjustment_group_code", "carc_codes"),
    ClaimStatus.ADJUSTED: (*_DATES_AND_NUMBER, "processed_date"),
    ClaimStatus.CANCELLED: (*_DATES_AND_NUMBER, "processed_date"),
    ClaimStatus.NOT_ON_FILE: ("found", "claim_status", "timely_filing_days"),
}
"""The fields a claim-status result needs to be ``completed``, by claim status.

``found`` is always required; ``representative_name`` and
``reference_number`` are added when a person was reached.
"""


def required_fields(status: ClaimStatus | None, person_reached: bool) -> tuple[str, ...]:
    """Return the fields a result needs to be ``completed``.

    With no status known yet, only ``found`` and ``claim_status`` are required,
    so a call that learnt nothing is ``failed`` rather than ``partial``.
    """
    fields = ("found", *REQUIRED_FIELDS[status]) if status else ("found", "claim_status")
    unique = tuple(dict.fromkeys(fields))
    return unique + PERSON_FIELDS if person_reached else unique


class Versions(BaseModel):
    """Versions of everything that shaped a result, for reproducing it."""

    model_config = ConfigDict(extra="forbid")

    agent: str
    payer_file: str | None = Field(default=None, description="sandbox payer file version, if simulated")
    ivr_map: str | None = Field(default=None, description="IVR map version, or null when none was used")


class ClaimResult(BaseModel):
    """The outcome of one call for one claim."""

    model_config = ConfigDict(extra="forbid")

    schema_version: str = RESULT_SCHEMA_VERSION
    call_id: str
    request_id: str
    claim_index: int = Field(ge=0, description="position of the claim in the request")
    payer_id: str
    outcome: Outcome
    reason: FailureReason | None = None
    retryable: bool | None = None
    missing_fields: list[str] = Field(default_factory=list)
    person_reached: bool = False
    x12_status_category: str | None = Field(
        default=None, description="X12 277 claim status category code for claim_status"
    )
    fields: ClaimFields = Field(default_factory=ClaimFields)
    line_results: list[LineResult] = Field(default_factory=list)
    versions: Versions
    started_at: str
    ended_at: str
    notes: list[str] = Field(default_factory=list)
