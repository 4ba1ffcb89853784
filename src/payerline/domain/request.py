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
from typing import Any
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

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

EXAMPLE_REQUEST = "examples/claim-status-request.json"
MAX_CLAIMS = 20


class _FieldProblem(ValueError):
    """A cross-field problem that belongs at ``where`` (a path below the model that raised it)."""

    def __init__(self, where: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.where = where

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


MemberId = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, min_length=1, max_length=30, pattern=r"^[A-Za-z0-9]+$")
]


class Subscriber(Person):
    """The policy holder, when the patient is a dependent."""

    relationship: Relationship
    member_id: MemberId | None = Field(
        default=None, description="the subscriber's own member id, when the plan issues one"
    )

    @field_validator("relationship")
    @classmethod
    def _not_self(cls, value: Relationship) -> Relationship:
        if value == Relationship.SELF:
            raise ValueError(
                "'self' is not allowed here; leave subscriber out when the patient is the subscriber"
            )
        return value


class ClaimLine(_Model):
    """One service line of a claim as billed.

    A professional claim's line has a CPT or HCPCS code. An institutional
    (UB-04) line has a revenue code, and a HCPCS code too when it is an
    outpatient service; an inpatient room-and-board line has only the
    revenue code.
    """

    procedure_code: str | None = Field(default=None, description="CPT or HCPCS code, 5 characters")
    revenue_code: str | None = Field(default=None, description="UB-04 revenue code, 4 digits (0120 room and board)")
    modifiers: list[str] = Field(default_factory=list)
    units: int = Field(default=1, ge=1)
    billed_amount: Amount
    service_date: date | None = None

    @field_validator("procedure_code")
    @classmethod
    def _hcpcs(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if re.fullmatch(r"\d{4}", value):
            raise ValueError(f"procedure code {value!r} has 4 digits, like a revenue code; "
                             "send it as revenue_code, or give the line's 5-character CPT or HCPCS code")
        if not re.fullmatch(r"[0-9A-Za-z]\d{3}[0-9A-Za-z]", value):
            raise ValueError(f"procedure code {value!r} is not a 5-character CPT or HCPCS code")
        return value.upper()

    @field_validator("revenue_code")
    @classmethod
    def _revenue(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{4}", value):
            hint = f"write it as {value.zfill(4)!r}" if value.isdigit() and len(value) < 4 else "use the 4-digit code"
            raise ValueError(f"revenue code {value!r} is not 4 digits; {hint} (room and board is 0120, not 120)")
        return value

    @model_validator(mode="after")
    def _has_code(self) -> ClaimLine:
        if self.procedure_code is None and self.revenue_code is None:
            raise ValueError("a claim line needs a procedure_code (CPT or HCPCS) or a revenue_code (UB-04), or both")
        return self


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

    schema_version: Literal["1"] = "1"
    request_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
    payer_id: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9-]+$")
    line_of_business: LineOfBusiness
    caller: Caller
    billing_provider: Provider
    rendering_provider: Provider | None = None
    patient: Person
    subscriber: Subscriber | None = None
    member_id: MemberId
    claims: list[ClaimQuery] = Field(min_length=1, max_length=MAX_CLAIMS)

    @model_validator(mode="after")
    def _born_before_service(self) -> ClaimStatusRequest:
        born = self.patient.date_of_birth
        for index, claim in enumerate(self.claims):
            if born > claim.service_date_from:
                raise _FieldProblem(
                    ("patient", "date_of_birth"),
                    f"{born} is after claims[{index}].service_date_from {claim.service_date_from}; "
                    "a patient cannot be served before birth, so check both dates",
                )
        return self


def validate_request_dates(request: ClaimStatusRequest, today: date) -> list[str]:
    """Return the problems of ``request``'s dates relative to ``today`` (empty when none).

    Pydantic validation cannot know today's date without a clock, so the
    caller (the CLI, from its clock) passes it: no one is born, and no
    service is given, after today.
    """
    problems = []
    born = request.patient.date_of_birth
    if born > today:
        problems.append(f"patient.date_of_birth: {born} is in the future (today is {today}); check the year")
    if request.subscriber is not None and request.subscriber.date_of_birth > today:
        problems.append(f"subscriber.date_of_birth: {request.subscriber.date_of_birth} is in the future "
                        f"(today is {today}); check the year")
    for index, claim in enumerate(request.claims):
        for name in ("service_date_from", "service_date_to"):
            value = getattr(claim, name)
            if value is not None and value > today:
                problems.append(f"claims[{index}].{name}: {value} is in the future (today is {today}); "
                                "ask about a claim once the service has been given")
    return problems


def _location(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(request)"


# The characters each pattern-checked field allows, in plain words.
_ALLOWED = {
    "request_id": "letters, digits, '.', '_' and '-' (no spaces), like req-0001",
    "payer_id": "lowercase letters, digits and '-', like ngs-medicare",
    "member_id": "letters and digits (no spaces or dashes), like 1EG4TE5MK73",
}
_EXAMPLES = {"npi": "7532694842", "tin": "000307225", "ptan": "349901", "callback_number": "5555550123"}


def _shown(value: object) -> str:
    text = json.dumps(value, default=str) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _length_message(field: str, kind: str, value: object, ctx: dict[str, Any]) -> str:
    is_list = isinstance(value, list)
    if kind == "too_long":
        limit = ctx.get("max_length")
        if field == "claims":
            return f"{len(value)} claims; at most {MAX_CLAIMS} claims per request; split the request"  # type: ignore[arg-type]
        unit = "items" if is_list else "characters"
        return f"{_shown(value)} is longer than {limit} {unit}; shorten it"
    limit = ctx.get("min_length")
    if is_list:
        return f"is an empty list; add at least {limit} (see {EXAMPLE_REQUEST})"
    return f"{_shown(value)} is empty; fill it in (see {EXAMPLE_REQUEST})"


def _message(item: dict[str, Any]) -> str:
    """Return one plain-words message for a pydantic error: the value, what is wrong, the fix."""
    kind, value, ctx = item["type"], item.get("input"), item.get("ctx") or {}
    field = next((str(part) for part in reversed(item["loc"]) if isinstance(part, str)), "")

    if kind == "missing":
        return f"missing; add it (see {EXAMPLE_REQUEST})"
    if kind == "extra_forbidden":
        return f"unknown field (value {_shown(value)}); remove it or fix its spelling (see {EXAMPLE_REQUEST})"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        what = "the request" if not item["loc"] else field
        return f"{what} must be a JSON object {{...}}, not {_shown(value)}; see {EXAMPLE_REQUEST}"
    if kind == "list_type":
        return f"{_shown(value)} is not a list; write a JSON list [...]"
    if kind == "string_type":
        if isinstance(value, (int, float)):
            example = _EXAMPLES.get(field, str(value))
            return f"{value} is a number; write it as a string in quotes, like \"{example}\""
        return f"{_shown(value)} is not text; write it as a string in quotes"
    if kind == "string_pattern_mismatch":
        allowed = _ALLOWED.get(field, "letters and digits")
        return f"{_shown(value)} has characters that are not allowed; use only {allowed}"
    if kind in ("too_long", "too_short", "string_too_long", "string_too_short"):
        return _length_message(field, kind.removeprefix("string_"), value, ctx)

    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        return f"{_shown(value)} is below {bound}; use {bound} or more"
    if kind == "literal_error":
        return f"{_shown(value)} is not supported; use {ctx.get('expected')}"
    if kind == "enum":
        if field == "relationship":
            # A subscriber is given only for a dependent, so "self" is no choice there.
            return f"{_shown(value)} is not a relationship; use 'spouse', 'child' or 'other'"
        return f"{_shown(value)} is not one of {ctx.get('expected')}; use one of those"
    if kind.startswith("date_"):
        return f"{_shown(value)} is not a date; write it as YYYY-MM-DD, like 2026-01-12"
    if kind == "decimal_max_places":
        return f"{_shown(value)} has more than {ctx.get('decimal_places')} decimal places; round it to cents"
    if kind == "finite_number":
        return f"{_shown(value)} is not a finite amount; write it like \"185.00\""
    if kind.startswith("decimal_"):
        return f"{_shown(value)} is not an amount; write it like \"185.00\""
    if kind.startswith("int_"):
        return f"{_shown(value)} is not a whole number; write it like 1"
    if kind == "value_error":
        return str(ctx.get("error", item["msg"])).removeprefix("Value error, ")
    return f"{_shown(value)}: {item['msg']}"


def _problem(item: dict[str, Any]) -> str:
    loc = tuple(item["loc"])
    error = (item.get("ctx") or {}).get("error")
    if isinstance(error, _FieldProblem):
        loc = (*loc, *error.where)
    return f"{_location(loc)}: {_message(item)}"


def parse_request(data: object) -> ClaimStatusRequest:
    """Validate ``data`` (decoded JSON) as a claim-status request.

    Raises:
        RequestValidationError: one message per invalid field, each naming the
            field path, the value and the fix.
    """
    try:
        return ClaimStatusRequest.model_validate(data)
    except ValidationError as error:
        raise RequestValidationError([_problem(item) for item in error.errors()]) from error


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
    except RecursionError as error:
        raise RequestValidationError(
            [f"{path}: nested too deeply to be a request; write a claim-status request as a JSON object (see examples/)"]
        ) from error
    except json.JSONDecodeError as error:
        if not error.doc.strip():
            raise RequestValidationError(
                [f"{path}: the file is empty; write a claim-status request as a JSON object (see examples/)"]
            ) from error
        raise RequestValidationError(
            [f"{path}: not valid JSON at line {error.lineno} column {error.colno}: {error.msg}; fix the JSON syntax "
             "there (a missing comma or quote is the usual cause)"]
        ) from error
    return parse_request(data)
