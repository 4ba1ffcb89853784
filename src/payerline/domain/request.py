"""Claim-status call requests, validated on the way in.

A request carries what a representative or IVR will ask for: the caller, the
billing and rendering providers, the patient (and subscriber when different),
the member id and the claims to ask about. Validation errors name the field
and the fix, so a billing team can correct a worklist row without a developer.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from payerline.domain.identifiers import npi_check_digit_valid
from payerline.errors import RequestValidationError

Amount = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class LineOfBusiness(StrEnum):
    """The payer's product line the member belongs to."""

    MEDICARE = "medicare"
    MEDICARE_ADVANTAGE = "medicare_advantage"
    MEDICAID = "medicaid"
    CHIP = "chip"
    EXCHANGE = "exchange"
    COMMERCIAL = "commercial"


class Relationship(StrEnum):
    """The patient's relationship to the subscriber (X12 individual relationship)."""

    SELF = "self"
    SPOUSE = "spouse"
    CHILD = "child"
    OTHER = "other"


class Caller(_Model):
    """The person on whose behalf the agent calls; representatives ask for these."""

    name: Name
    practice: Name
    callback_number: str = Field(description="10-digit US phone number, digits only")

    @field_validator("callback_number", mode="before")
    @classmethod
    def _ten_digits(cls, value: object) -> object:
        if isinstance(value, str):
            digits = re.sub(r"[\s().+-]", "", value)
            if len(digits) == 11 and digits.startswith("1"):
                digits = digits[1:]
            if len(digits) != 10 or not digits.isdigit():
                raise ValueError(
                    f"{value!r} is not a 10-digit US phone number; write it like 5555550123"
                )
            return digits
        return value


class Provider(_Model):
    """A billing or rendering provider and the ids payers ask for."""

    name: Name | None = None
    npi: str
    tin: str = Field(description="9-digit taxpayer identification number")
    ptan: str | None = Field(default=None, description="Medicare provider transaction access number")
    medicaid_provider_id: str | None = None

    @field_validator("npi")
    @classmethod
    def _npi(cls, value: str) -> str:
        if len(value) != 10 or not value.isdigit():
            raise ValueError(f"NPI {value!r} must be exactly 10 digits")
        if not npi_check_digit_valid(value):
            raise ValueError(
                f"NPI {value!r} fails its check digit; real NPIs always pass it, "
                "so look for a mistyped digit (NPPES lists the provider's NPI)"
            )
        return value

    @field_validator("tin")
    @classmethod
    def _tin(cls, value: str) -> str:
        digits = value.replace("-", "")
        if len(digits) != 9 or not digits.isdigit():
            raise ValueError(f"TIN {value!r} must be 9 digits, like 123456789 or 12-3456789")
        return digits

    @field_validator("ptan", "medicaid_provider_id")
    @classmethod
    def _alphanumeric_id(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Za-z0-9]{1,20}", value):
            raise ValueError(f"{value!r} must be 1 to 20 letters or digits with no spaces")
        return value.upper() if value is not None else None


class Person(_Model):
    """A patient or subscriber."""

    first_name: Name
    last_name: Name
    date_of_birth: date

    @field_validator("date_of_birth")
    @classmethod
    def _not_future(cls, value: date) -> date:
        if value.year < 1900:
            raise ValueError(f"date of birth {value} is before 1900; check the year")
        return value


class Subscriber(Person):
    """The policy holder, when the patient is a dependent."""

    relationship: Relationship
    member_id: str | None = Field(
        default=None, description="the subscriber's own member id, when the plan issues one"
    )


class ClaimLine(_Model):
    """One service line of a claim as billed."""

    procedure_code: str = Field(description="CPT or HCPCS code, 5 characters")
    modifiers: list[str] = Field(default_factory=list)
    units: int = Field(default=1, ge=1)
    billed_amount: Amount
    service_date: date | None = None

    @field_validator("procedure_code")
    @classmethod
    def _hcpcs(cls, value: str) -> str:
        if not re.fullmatch(r"[0-9A-Za-z]\d{3}[0-9A-Za-z]", value):
            raise ValueError(f"procedure code {value!r} is not a 5-character CPT or HCPCS code")
        return value.upper()


class ClaimQuery(_Model):
    """One claim to ask about."""

    payer_claim_number: str | None = Field(default=None, description="ICN/DCN if known")
    service_date_from: date
    service_date_to: date | None = None
    billed_amount: Amount
    lines: list[ClaimLine] = Field(default_factory=list)

    @model_validator(mode="after")
    def _dates_in_order(self) -> ClaimQuery:
        if self.service_date_to is not None and self.service_date_to < self.service_date_from:
            raise ValueError(
                f"service_date_to {self.service_date_to} is before service_date_from "
                f"{self.service_date_from}; swap them or drop service_date_to for one day"
            )
        return self

    @property
    def last_service_date(self) -> date:
        return self.service_date_to or self.service_date_from


class ClaimStatusRequest(_Model):
    """A claim-status call: who calls, about whom, which claims, to which payer."""

    schema_version: str = "1"
    request_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
    payer_id: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9-]+$")
    line_of_business: LineOfBusiness
    caller: Caller
    billing_provider: Provider
    rendering_provider: Provider | None = None
    patient: Person
    subscriber: Subscriber | None = None
    member_id: str = Field(min_length=1, max_length=30, pattern=r"^[A-Za-z0-9]+$")
    claims: list[ClaimQuery] = Field(min_length=1, max_length=20)

    @model_validator(mode="after")
    def _subscriber_differs(self) -> ClaimStatusRequest:
        if self.subscriber is not None and self.subscriber.relationship == Relationship.SELF:
            raise ValueError(
                "subscriber has relationship 'self'; leave subscriber out when the "
                "patient is the subscriber"
            )
        return self


def _location(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(request)"


def parse_request(data: object) -> ClaimStatusRequest:
    """Validate ``data`` (decoded JSON) as a claim-status request.

    Raises:
        RequestValidationError: one message per invalid field, each naming the
            field path, the value and the fix.
    """
    try:
        return ClaimStatusRequest.model_validate(data)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            message = item["msg"].removeprefix("Value error, ")
            problems.append(f"{_location(item['loc'])}: {message}")
        raise RequestValidationError(problems) from error


def load_request(path: Path) -> ClaimStatusRequest:
    """Read and validate a request from a JSON file."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError as error:
        raise RequestValidationError([f"{path}: file not found; check the path"]) from error
    except IsADirectoryError as error:
        raise RequestValidationError([f"{path}: is a folder; pass a request JSON file"]) from error
    except OSError as error:
        raise RequestValidationError(
            [f"{path}: cannot read the file ({error.strerror}); check the path and its permissions"]
        ) from error
    except UnicodeDecodeError as error:
        raise RequestValidationError(
            [f"{path}: not UTF-8 text (byte 0x{error.object[error.start]:02x} at offset {error.start}); "
             "save the request as UTF-8 JSON"]
        ) from error
    except json.JSONDecodeError as error:
        raise RequestValidationError(
            [f"{path}: not valid JSON at line {error.lineno} column {error.colno}: {error.msg}"]
        ) from error
    return parse_request(data)
