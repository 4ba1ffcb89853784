"""IVR maps: what we know of one payer's phone tree.

An IVR map lists the menu paths to the claim-status self-service option and to
a representative, how each identifier is entered (date format, letter method,
last-name length, which login ids) and star-key shortcuts. It holds nothing
else: no records and no prompt wording. The agent works without a map; a map
only speeds navigation up and settles ambiguous prompts.

Maps are YAML files named ``<payer_id>.ivr-map.yaml`` in a payer directory,
validated against ``schemas/ivr-map.v1.json`` and then loaded into
:class:`IvrMap`. The format is documented in ``docs/ivr-maps.md``.
"""

from __future__ import annotations

import json
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import jsonschema
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from payerline.errors import PayerFileError

IVR_MAP_SCHEMA_VERSION = "1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DateFormat(StrEnum):
    """How a date is entered: month, day, then a 4- or 2-digit year."""

    MMDDYYYY = "MMDDYYYY"
    MMDDYY = "MMDDYY"


class LetterMethod(StrEnum):
    """How letters inside an identifier or a name are entered.

    ``star``: star, the key carrying the letter, the letter's position on that
    key (B is ``*22``). ``key``: the key carrying the letter only (B is ``2``).
    ``phonetic``: spoken, "B as in boy".
    """

    STAR = "star"
    KEY = "key"
    PHONETIC = "phonetic"


class LoginId(StrEnum):
    """Identifiers a payer's IVR may ask for before it gives claim data."""

    NPI = "npi"
    PTAN = "ptan"
    TIN = "tin"
    TIN_LAST5 = "tin_last5"
    MEDICAID_PROVIDER_ID = "medicaid_provider_id"


class MenuStep(_Model):
    """One menu choice on a path.

    ``key`` is pressed; ``say`` is spoken instead where the line takes speech
    and ``key`` is absent. ``topic`` is a short label of the option ("claim
    status", "claims", "representative") that the agent may use to check that
    the menu it hears offers this choice; it is a hint, not prompt wording.
    """

    key: str | None = Field(default=None, pattern=r"^[0-9*#]{1,6}$")
    say: str | None = Field(default=None, min_length=1, max_length=60)
    topic: str | None = Field(default=None, min_length=1, max_length=60)


class InputFormats(_Model):
    """How identifiers are entered on this payer's line."""

    date_format: DateFormat = DateFormat.MMDDYYYY
    spoken_date_format: DateFormat | None = Field(
        default=None, description="format when a date is spoken as digits, if it differs"
    )
    letter_method: LetterMethod = LetterMethod.STAR
    last_name_letters: int | None = Field(
        default=None, ge=1, le=35, description="letters of the last name entered; null for all"
    )
    name_entry: Literal["last_name", "last_name_first_initial", "first_and_last"] = "last_name"
    tin_digits: Literal[5, 9] = Field(default=9, description="5 for the last five digits")
    terminator: Literal["#", ""] = Field(
        default="", description="key pressed after each entry, '' to send none"
    )
    date_of_service_range: bool = Field(
        default=False, description="whether the IVR asks for a from and a to date"
    )


class Shortcuts(_Model):
    """Keys that work from anywhere in the tree."""

    main_menu: str | None = Field(default=None, pattern=r"^[0-9*#]{1,6}$")
    representative: str | None = Field(default=None, pattern=r"^[0-9*#]{1,6}$")
    repeat: str | None = Field(default=None, pattern=r"^[0-9*#]{1,6}$")


class ReadoutKeys(_Model):
    """Keys offered after a self-service read-out."""

    details: MenuStep | None = None
    next_claim: MenuStep | None = None


class Paths(_Model):
    """Menu paths from the greeting, each a list of choices in order."""

    claim_status: list[MenuStep] = Field(default_factory=list)
    representative: list[MenuStep] = Field(default_factory=list)


class IvrMap(_Model):
    """One payer's IVR map."""

    schema_version: Literal["1"] = IVR_MAP_SCHEMA_VERSION
    payer_id: str = Field(pattern=r"^[a-z0-9-]+$")
    version: str = Field(min_length=1, max_length=40)
    source: str = Field(min_length=1, description="the published guide and its date")
    accepts_speech: bool = True
    accepts_keypad: bool = True
    login_ids: list[LoginId] = Field(default_factory=list)
    inputs: InputFormats = Field(default_factory=InputFormats)
    shortcuts: Shortcuts = Field(default_factory=Shortcuts)
    paths: Paths = Field(default_factory=Paths)
    readout: ReadoutKeys = Field(default_factory=ReadoutKeys)


@cache
def ivr_map_json_schema() -> dict:
    """Return the IVR map JSON Schema shipped with the package."""
    text = resources.files("payerline").joinpath("schemas/ivr-map.v1.json").read_text("utf-8")
    return json.loads(text)


def _location(parts: object) -> str:
    text = ""
    for part in parts:  # type: ignore[attr-defined]
        text += f"[{part}]" if isinstance(part, int) else ("." if text else "") + str(part)
    return text or "(top level)"


def parse_ivr_map(data: object, *, path: str = "<ivr map>") -> IvrMap:
    """Validate decoded YAML as an IVR map.

    Raises:
        PayerFileError: every problem, each with its location in the file.
    """
    validator = jsonschema.Draft202012Validator(ivr_map_json_schema())
    problems = [
        f"{_location(error.absolute_path)}: {error.message}"
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]
    if problems:
        raise PayerFileError(path, problems)
    try:
        return IvrMap.model_validate(data)
    except ValidationError as error:
        raise PayerFileError(
            path, [f"{_location(item['loc'])}: {item['msg']}" for item in error.errors()]
        ) from error


def load_ivr_map(path: Path) -> IvrMap:
    """Read and validate an IVR map from a YAML file.

    Raises:
        PayerFileError: the file is missing, is not YAML, or breaks the schema.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise PayerFileError(str(path), ["file not found"]) from error
    except yaml.YAMLError as error:
        raise PayerFileError(str(path), [f"not valid YAML: {error}"]) from error
    ivr_map = parse_ivr_map(data, path=str(path))
    expected_name = f"{ivr_map.payer_id}.ivr-map.yaml"
    if path.name != expected_name:
        raise PayerFileError(
            str(path), [f"payer_id {ivr_map.payer_id!r} does not match the file name; rename it {expected_name}"]
        )
    return ivr_map
