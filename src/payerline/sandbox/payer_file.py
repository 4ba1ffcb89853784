"""Sandbox payer files: the YAML format, its models and its validation.

A payer file describes one simulated payer line: business hours, the IVR
(menus, digit collection, record lookups, read-outs), the hold queue, the
representatives and the payer's records. Loading runs three checks: the JSON
Schema shipped as ``schemas/payer-file.v1.json``, the pydantic models below,
and semantic checks (missing menu targets, unreachable menus, unknown NPIs,
claims lacking values their status needs). It reports every problem with its
file, its path inside the file and its YAML line.

``docs/sandbox-payers.md`` documents every key.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

import jsonschema
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, WithJsonSchema

from payerline.domain.request import LineOfBusiness
from payerline.errors import PayerFileError
from payerline.sandbox import payer_checks, yaml_text
from payerline.sandbox.records import Records

SCHEMA_ID = "payerline-payer-file/1"


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


Texts = Annotated[
    list[str],
    BeforeValidator(_as_list),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]
"""One sentence or a list of sentences; each is spoken as its own utterance."""

Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
ClockTime = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")]
KeySequence = Annotated[str, Field(pattern=r"^[0-9*#]{1,4}$")]
Slot = Literal[
    "npi", "ptan", "tin", "tin_last5", "medicaid_provider_id", "member_id", "ssn",
    "last_name", "first_name", "first_initial", "date_of_birth", "dos_from", "dos_to",
    "billed_amount", "claim_number",
]
VerificationItem = Literal[
    "caller_identity", "npi", "tax_id", "ptan", "medicaid_provider_id", "member_id",
    "patient_name", "date_of_birth", "date_of_service", "claim_number",
]
ClaimFieldName = Literal[
    "claim_number", "claim_status", "received_date", "processed_date", "paid_date",
    "billed_amount", "allowed_amount", "paid_amount", "patient_responsibility",
    "check_number", "bulk_payment_amount", "check_cashed", "adjustment_group_code",
    "carc_codes", "rarc_codes", "missing_information", "expected_processing_days",
    "timely_filing_days", "line_detail",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    """The published source of the payer's phone tree."""

    guide: str = Field(min_length=1, description="title of the published guide")
    date: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="date of that guide")
    url: str | None = None
    notes: str | None = None


class HoursWindow(_Model):
    """Opening hours on some days of the week, in the payer's time zone."""

    days: list[Day] = Field(min_length=1)
    open: ClockTime
    close: ClockTime


class Hours(_Model):
    """When the line answers and when its self-service data options work."""

    line: list[HoursWindow] | None = Field(default=None, description="absent: the line always answers")
    data: list[HoursWindow] | None = Field(default=None, description="absent: data options whenever the line answers")
    holidays: list[date] = Field(default_factory=list)
    closed_message: Texts
    data_closed_message: Texts = Field(default_factory=list)
    data_closed_goto: str | None = None


class InputSpec(_Model):
    """The rules for collecting one entry, keyed, spoken, or both."""

    kind: Literal["digits", "alphanumeric", "date", "amount", "name"]
    length: int | None = Field(default=None, ge=1, le=40)
    min_length: int | None = Field(default=None, ge=1, le=40)
    max_length: int | None = Field(default=None, ge=1, le=40)
    terminator: Literal["#"] | None = "#"
    keypad: bool = True
    speech: bool = False
    letters: Literal["star", "key", "none"] = "none"
    date_format: Literal["MMDDYYYY", "MMDDYY"] = "MMDDYYYY"
    spoken_date_format: Literal["MMDDYYYY", "MMDDYY"] | None = None
    truncate: int | None = Field(default=None, ge=1, le=35)
    allow_today: bool = False
    max_age_days: int | None = Field(default=None, ge=1)
    first_digit_timeout_s: float | None = Field(default=None, gt=0)
    inter_digit_timeout_s: float | None = Field(default=None, gt=0)


class Option(_Model):
    """A choice: a key sequence, spoken phrases, or both, and where it leads."""

    key: KeySequence | None = None
    say: list[str] = Field(default_factory=list)
    goto: str


class Fallback(_Model):
    """The message and target used when a step gives up."""

    say: Texts = Field(default_factory=list)
    goto: str = Field(description="a node id, or @hangup")


class Confirm(_Model):
    """A read-back of an entry: "You entered {entry}. If this is correct, press 1..."."""

    prompt: Texts
    yes_key: KeySequence = "1"
    no_key: KeySequence = "2"
    yes_say: list[str] = Field(default_factory=lambda: ["yes", "correct"])
    no_say: list[str] = Field(default_factory=lambda: ["no", "re-enter"])


class Readout(_Model):
    """Templates of a self-service read-out; {field} placeholders come from the records."""

    intro: Texts = Field(default_factory=list)
    none: Texts = Field(default_factory=list)
    per_claim: Texts = Field(default_factory=list)
    by_status: dict[str, Texts] = Field(default_factory=dict)
    line: Texts = Field(default_factory=list)
    per_item: Texts = Field(default_factory=list)


NodeType = Literal["message", "menu", "collect", "lookup", "readout", "transfer", "hangup"]


class Node(_Model):
    """One step of the phone tree. Which keys apply depends on ``type``."""

    type: NodeType
    say: Texts = Field(default_factory=list)
    next: str | None = None
    barge_in: bool = True
    options: list[Option] = Field(default_factory=list)
    input: InputSpec | None = None
    slot: Slot | None = None
    confirm: Confirm | None = None
    lookup: Literal["provider", "member", "claims"] | None = None
    not_found: Fallback | None = None
    source: Literal["claims", "payment_floor", "remittance"] | None = None
    readout: Readout | None = None
    department: str | None = None
    data_option: bool = False
    counts_inquiry: bool = False
    timeout_s: float | None = Field(default=None, gt=0)
    max_attempts: int | None = Field(default=None, ge=1)
    no_input_say: Texts | None = None
    invalid_say: Texts | None = None
    on_max_attempts: Fallback | None = None


class IvrDefaults(_Model):
    """Time-outs, attempts and messages every node uses unless it sets its own."""

    timeout_s: float = Field(default=6.0, gt=0)
    first_digit_timeout_s: float = Field(default=6.0, gt=0)
    inter_digit_timeout_s: float = Field(default=3.0, gt=0)
    max_attempts: int = Field(default=3, ge=1)
    sentence_gap_s: float = Field(default=0.3, ge=0)
    no_input_say: Texts
    invalid_say: Texts
    on_max_attempts: Fallback


class Ivr(_Model):
    """The phone tree."""

    start: str
    main: str = Field(description="the main menu; star-key navigation and representatives return here")
    defaults: IvrDefaults
    global_options: list[Option] = Field(default_factory=list)
    max_inquiries: int | None = Field(default=None, ge=1)
    inquiry_limit: Fallback | None = None
    menus: dict[str, Node] = Field(min_length=1)


class HoldDistribution(_Model):
    """How long callers wait for a representative, in seconds."""

    kind: Literal["fixed", "uniform", "exponential", "lognormal"]
    seconds: float | None = Field(default=None, ge=0)
    min_s: float | None = Field(default=None, ge=0)
    max_s: float | None = Field(default=None, ge=0)
    mean_s: float | None = Field(default=None, gt=0)
    median_s: float | None = Field(default=None, gt=0)
    sigma: float | None = Field(default=None, gt=0)


def _low_then_high(bounds: tuple[float, float]) -> tuple[float, float]:
    low, high = bounds
    if low < 0 or high < low:
        raise ValueError(f"invalid range [{low}, {high}]: write [low, high] in seconds with 0 <= low <= high")
    return bounds


# Seconds drawn uniformly between two bounds, the lower first.
SecondsRange = Annotated[tuple[float, float], AfterValidator(_low_then_high)]


class Announcements(_Model):
    """Recorded messages played during hold."""

    first_after_s: float = Field(default=30.0, ge=0)
    interval_s: SecondsRange = (45.0, 120.0)
    texts: Texts | None = None


class Hold(_Model):
    """The hold queue in front of the representatives."""

    distribution: HoldDistribution
    music: bool = True
    announcements: Announcements = Field(default_factory=Announcements)


class Representatives(_Model):
    """The people who answer after hold, and how they talk."""

    names: list[str] = Field(min_length=1)
    department: str = "provider services"
    verification: list[VerificationItem] = Field(min_length=1)
    shuffle_verification: bool = True
    withheld_fields: list[ClaimFieldName] = Field(default_factory=list)
    reference_format: Literal["digits", "initials_date", "letters_digits"] = "digits"
    reference_length: int = Field(default=10, ge=6, le=16)
    answer_delay_s: SecondsRange = (1.0, 4.0)
    patience_s: float = Field(default=15.0, gt=0)
    send_to_ivr_goto: str | None = None
    phrases: dict[str, Texts] = Field(default_factory=dict)
    field_phrases: dict[str, Texts] = Field(default_factory=dict)


class Faults(_Model):
    """Recorded messages for injected faults; absent ones come from the phrase bank."""

    systems_down_say: Texts | None = None
    no_automated_calls_say: Texts | None = None
    wrong_department: str = "pharmacy help desk"


class PayerFile(_Model):
    """A whole sandbox payer file."""

    format: Literal["payerline-payer-file/1"]
    payer_id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str = Field(min_length=1)
    version: str = Field(min_length=1)
    line_of_business: LineOfBusiness
    timezone: str
    phone: str | None = None
    source: Source
    answer_after_s: float = Field(default=4.0, ge=0)
    hours: Hours | None = None
    ivr: Ivr
    hold: Hold
    representatives: Representatives
    faults: Faults = Field(default_factory=Faults)
    records: Records


def json_schema() -> dict:
    """Return the JSON Schema of payer files, as committed in ``schemas/payer-file.v1.json``."""
    schema = PayerFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema


def _shipped_schema() -> dict:
    text = resources.files("payerline").joinpath("schemas/payer-file.v1.json").read_text("utf-8")
    return json.loads(text)


def format_path(path: tuple) -> str:
    """Return a path like ``ivr.menus.claims.options[1].key``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(top level)"


class _Problems:
    """Collects located problems for one file."""

    def __init__(self, path: Path, lines: dict[tuple, int]) -> None:
        self.path = path
        self.lines = lines
        self.items: list[str] = []

    def add(self, where: tuple, message: str) -> None:
        line = yaml_text.line_of(self.lines, where)
        location = f"{self.path}:{line}" if line else str(self.path)
        self.items.append(f"{location}: {format_path(tuple(where))}: {message}")


def _read(path: Path) -> tuple[object, dict[tuple, int]] | str:
    try:
        text = yaml_text.read_text(path, "payer file")
        root, data = yaml_text.compose_and_load(text, path)
    except yaml_text.YamlProblem as problem:
        return str(problem)
    return data, (yaml_text.line_index(root) if root is not None else {})


def _check(path: Path) -> tuple[PayerFile | None, list[str]]:
    read = _read(path)
    if isinstance(read, str):
        return None, read.split("\n")
    data, lines = read
    problems = _Problems(path, lines)
    if data is None:
        problems.add((), "the file is empty; start from the example in docs/sandbox-payers.md")
        return None, problems.items
    if not isinstance(data, dict):
        problems.add((), "a payer file must be a YAML mapping; start from the example in docs/sandbox-payers.md")
        return None, problems.items
    payer = _check_content(data, problems)
    _check_file_name(path, data, problems)
    return (payer if not problems.items else None), problems.items


def _check_content(data: dict, problems: _Problems) -> PayerFile | None:
    validator = jsonschema.Draft202012Validator(_shipped_schema())
    errors = [leaf for error in validator.iter_errors(data) for leaf in schema_leaves(error)]
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = set(error.schema.get("properties", {}))
            for key in sorted(set(error.instance) - known):
                problems.add((*error.absolute_path, key), f"unknown key {key!r}; remove it or fix its spelling "
                             f"(allowed here: {', '.join(sorted(known))})")
            continue
        problems.add(tuple(error.absolute_path), schema_message(error))
    if problems.items:
        return None
    try:
        payer = PayerFile.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            loc = tuple(part for part in item["loc"] if not (isinstance(part, str) and part.startswith("function-")))
            problems.add(loc, item["msg"].removeprefix("Value error, "))
        return None
    for where, message in payer_checks.semantic_problems(payer):
        problems.add(where, message)
    return payer


# Examples for list-valued keys that are easy to write as a single string.
_LIST_EXAMPLES = {
    "modifiers": 'a list of modifier codes, e.g. ["25"]',
    "carc_codes": 'a list of CARCs, e.g. ["45"]',
    "rarc_codes": 'a list of RARCs, e.g. ["N290"]',
    "days": "a list of days, e.g. [mon, tue]",
    "holidays": 'a list of dates, e.g. ["2026-12-25"]',
    "verification": "a list of verification items, e.g. [npi, member_id]",
    "withheld_fields": "a list of claim fields, e.g. [bulk_payment_amount]",
    "names": "a list of first names, e.g. [Dana]",
}


def _check_file_name(path: Path, data: dict, problems: _Problems) -> None:
    payer_id = data.get("payer_id")
    expected = f"{payer_id}.payer.yaml"
    if isinstance(payer_id, str) and path.name.endswith(".payer.yaml") and path.name != expected:
        problems.add(("payer_id",), f"payer_id {payer_id!r} does not match the file name {path.name}; "
                     f"rename the file {expected} or fix payer_id")
    elif isinstance(payer_id, str) and not path.name.endswith(".payer.yaml"):
        problems.add(("payer_id",), f"the file name {path.name} does not end in .payer.yaml, so `payerline eval` "
                     f"and `payerline call` would not find it; rename the file {expected}")


def schema_leaves(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    """Replace an "any of" error on an optional value by the errors of its one non-null branch."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return [error]
    branches: dict[object, list[jsonschema.ValidationError]] = {}
    for sub in error.context:
        if not (sub.validator == "type" and sub.validator_value == "null"):
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    if len(branches) != 1:
        return [error]
    return [leaf for sub in next(iter(branches.values())) for leaf in schema_leaves(sub)]


def _key_of(error: jsonschema.ValidationError) -> str:
    return next((str(part) for part in reversed(error.absolute_path) if isinstance(part, str)), "")


def schema_message(error: jsonschema.ValidationError) -> str:
    key = _key_of(error)
    if error.validator == "pattern" and key in ("open", "close"):
        return f"{key} {error.instance!r} is not a time HH:MM; use 00:00 to 24:00, like \"08:00\""
    if (error.validator == "type" and key in ("open", "close") and isinstance(error.instance, (int, float))
            and not isinstance(error.instance, bool)):
        # YAML 1.1 reads an unquoted 13:00 as the base-60 number 780 (and 08:00 as a string, since 08 is no number).
        hours, minutes = divmod(int(error.instance), 60)
        if isinstance(error.instance, int) and error.instance >= 60:
            read = f"{key} was read as the number {error.instance}, from an unquoted {hours}:{minutes:02d}"
            if hours < 24 or error.instance == 24 * 60:
                return f"{read}; quote the time, like \"{hours:02d}:{minutes:02d}\""
            return f"{read}, which is not a time; write HH:MM from 00:00 to 24:00 in quotes, like \"08:00\""
        return f"{key} {error.instance!r} is a number, not a time; write HH:MM from 00:00 to 24:00 in quotes, like \"08:00\""
    if error.validator == "enum" and key == "days":
        return f"day {error.instance!r} is not a weekday; use mon, tue, wed, thu, fri, sat or sun"
    if error.validator == "required":
        return f"{error.message}; add it"
    booleans = [error.instance] if isinstance(error.instance, bool) else [
        item for item in error.instance if isinstance(item, bool)] if isinstance(error.instance, list) else []
    if error.validator in ("type", "anyOf", "oneOf") and booleans:
        # YAML 1.1 reads unquoted yes, no, on, off, true and false as booleans.
        return (f"{booleans[0]} is not a string: YAML reads an unquoted yes or on as true, and no or off as "
                f"false; quote it, like \"yes\"")
    if error.validator == "type" and error.validator_value == "array" and not isinstance(error.instance, list):
        key = next((part for part in reversed(error.absolute_path) if isinstance(part, str)), "")
        expected = _LIST_EXAMPLES.get(key, "a list, e.g. [first, second]")
        return f"{error.instance!r} is not a list; write {expected}"
    if error.validator in ("anyOf", "oneOf") and error.context:
        best = jsonschema.exceptions.best_match(error.context)
        return f"{error.instance!r} is invalid: {best.message}"
    if (error.validator == "type" and error.validator_value == "string" and isinstance(error.instance, (int, float))
            and not isinstance(error.instance, bool)):
        if key in _ID_FIELDS:
            # YAML drops an id's leading zeros (and reads 0-led digits as octal), so the number shown may not be
            # what the author typed.
            return (f"{key} {error.instance!r} is a number, not a string: YAML reads unquoted digits as a number and "
                    f"drops leading zeros; put the id in quotes exactly as written, like {key}: \"001234567\"")
        return f"{error.instance!r} is a number, not a string; put it in quotes, like \"{error.instance}\""
    bounds = {"exclusiveMinimum": "greater than", "minimum": "at least", "exclusiveMaximum": "less than",
              "maximum": "at most"}
    if error.validator in bounds:
        return f"{error.instance!r} is out of range; {key or 'the value'} must be {bounds[error.validator]} {error.validator_value}"
    return error.message


_ID_FIELDS = frozenset({"tin", "npi", "billing_npi", "rendering_npi", "member_id", "ptan", "medicaid_provider_id",
                        "claim_number", "check_number", "ssn", "group_number", "provider_number"})


def validate_payer_file(path: Path) -> list[str]:
    """Return every problem in the payer file at ``path`` (empty when it is valid)."""
    return _check(Path(path))[1]


def load_payer_file(path: Path) -> PayerFile:
    """Load and validate a payer file.

    Raises:
        PayerFileError: listing every problem with its file, path and line.
    """
    payer, problems = _check(Path(path))
    if payer is None:
        raise PayerFileError(str(path), problems)
    return payer
