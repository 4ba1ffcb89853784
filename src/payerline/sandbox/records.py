"""A sandbox payer's own records: the providers, members and claims it has on file.

Field names of :class:`ClaimRecord` match the result fields in
:class:`payerline.domain.result.ClaimFields`, so the eval can score a result
field by field against the record it came from.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from payerline.domain.codes import ClaimStatus
from payerline.domain.request import Relationship


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProviderRecord(_Record):
    """A provider enrolled with the payer; IVR logins are checked against these."""

    npi: str
    tin: str
    ptan: str | None = None
    medicaid_provider_id: str | None = None
    name: str


class ClaimLineRecord(_Record):
    """One adjudicated service line."""

    procedure_code: str
    modifiers: list[str] = Field(default_factory=list)
    service_date: date
    billed_amount: Decimal
    allowed_amount: Decimal | None = None
    paid_amount: Decimal | None = None
    status: ClaimStatus | None = None
    carc_codes: list[str] = Field(default_factory=list)
    description: str | None = None


class ClaimRecord(_Record):
    """One claim as the payer holds it. ``claim_number`` is absent only when not on file."""

    id: str
    claim_number: str | None = None
    status: ClaimStatus
    billing_npi: str
    service_date_from: date
    service_date_to: date | None = None
    billed_amount: Decimal
    received_date: date | None = None
    processed_date: date | None = None
    paid_date: date | None = None
    allowed_amount: Decimal | None = None
    paid_amount: Decimal | None = None
    patient_responsibility: Decimal | None = None
    deductible_amount: Decimal | None = Field(
        default=None,
        description="the part of patient_responsibility applied to the deductible, when the payer reads it",
    )
    check_number: str | None = None
    bulk_payment_amount: Decimal | None = None
    check_cashed: bool | None = None
    adjustment_group_code: str | None = None
    carc_codes: list[str] = Field(default_factory=list)
    rarc_codes: list[str] = Field(default_factory=list)
    missing_information: str | None = None
    expected_processing_days: int | None = None
    timely_filing_days: int | None = None
    lines: list[ClaimLineRecord] = Field(default_factory=list)

    @model_validator(mode="after")
    def _number_matches_status(self) -> ClaimRecord:
        on_file = self.status != ClaimStatus.NOT_ON_FILE
        if on_file and not self.claim_number:
            raise ValueError(f"claim {self.id} has status {self.status} but no claim_number")
        if not on_file and self.claim_number:
            raise ValueError(f"claim {self.id} is not_on_file but has claim_number {self.claim_number}")
        return self

    def field_value(self, name: str) -> object:
        """Return the record's value for result field ``name`` (None if the record has none)."""
        if name == "found":
            return self.status != ClaimStatus.NOT_ON_FILE
        if name == "claim_status":
            return self.status
        value = getattr(self, name, None)
        if isinstance(value, list) and not value:
            return None
        return value


class SubscriberRecord(_Record):
    """The policy holder of a dependent member."""

    first_name: str
    last_name: str
    date_of_birth: date
    relationship: Relationship
    member_id: str | None = None


class MemberRecord(_Record):
    """A member (patient) and their claims."""

    member_id: str
    first_name: str
    last_name: str
    date_of_birth: date
    subscriber: SubscriberRecord | None = None
    claims: list[ClaimRecord] = Field(default_factory=list)


class Records(_Record):
    """Everything the payer has on file about providers, members and claims."""

    providers: list[ProviderRecord] = Field(min_length=1)
    members: list[MemberRecord] = Field(min_length=1)
