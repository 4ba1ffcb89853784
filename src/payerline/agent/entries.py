"""Entries at IVR prompts: which request value a prompt requests, and how to key or say it.

Dates go as MMDDYYYY or MMDDYY, the TIN whole or its last five, letters by
the star scheme or by key alone, last names cut as the prompt or the map
sets. An invalid entry is retried in the other plausible format: the other
date length, the other letter method, the other TIN length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from payerline.agent import formats
from payerline.agent.confirm import is_subsequence
from payerline.agent.context import CallContext
from payerline.agent.extract import extract_date, extract_identifier
from payerline.agent.prompts import InputField, InputRequest
from payerline.payers.ivr_map import DateFormat, LetterMethod


def value_for(context: CallContext, request: InputRequest, prompt_text: str, attempt: int) -> tuple[str, str] | None:
    """Return (kind, value) for an input request: kind is digits, chars, date or name."""
    req = context.request
    claim = context.claim_query(context.ivr_claim)
    lowered = prompt_text.lower()
    provider = req.rendering_provider if "rendering" in lowered and req.rendering_provider else req.billing_provider
    field = request.field
    if field is InputField.NPI:
        # A PIN made of the NPI's last digits.
        return "digits", provider.npi[-request.last_digits:] if request.last_digits else provider.npi
    if field is InputField.PTAN:
        return ("chars", provider.ptan) if provider.ptan else None
    if field is InputField.TIN:
        return "tin", provider.tin
    if field is InputField.MEDICAID_PROVIDER_ID:
        return ("chars", provider.medicaid_provider_id) if provider.medicaid_provider_id else None
    if field is InputField.MEMBER_ID:
        return "chars", req.member_id
    if field is InputField.DATE_OF_BIRTH:
        return "date", req.patient.date_of_birth.isoformat()
    if field in (InputField.DATE_OF_SERVICE, InputField.DATE_OF_SERVICE_FROM):
        return "date", claim.service_date_from.isoformat()
    if field is InputField.DATE_OF_SERVICE_TO:
        return "date", claim.last_service_date.isoformat()
    if field is InputField.LAST_NAME:
        return "last_name", req.patient.last_name
    if field is InputField.FIRST_NAME:
        return "name", req.patient.first_name
    if field is InputField.FIRST_INITIAL:
        return "name", req.patient.first_name[:1]
    if field is InputField.CLAIM_NUMBER:
        if claim.payer_claim_number:
            return "chars", claim.payer_claim_number
        # A listing read the claim's number before its status ("... billed $210, claim ID 2604 ...; to get the
        # status of one of these claims, press 1, and you will be asked for its claim ID").
        heard = context.claims[context.ivr_claim].fields.get("claim_number")
        return ("chars", str(heard.value)) if heard is not None else None
    if field is InputField.BILLED_AMOUNT:
        return "digits", formats.amount_digits(claim.billed_amount)
    if field is InputField.CALLBACK_NUMBER:
        return "digits", req.caller.callback_number
    return None


# "Key it the same way", also with "same" lost ("or key it the way").
_SAME_WAY = re.compile(r"\bsame way\b|\bkey (?:it|them) the way\b")


def letter_method(request: InputRequest, context: CallContext, attempt: int, prompt_text: str = "") -> LetterMethod:
    """Return how to key letters: as asked, as the last letters were keyed ("the same way"), or by the map.

    A rejected entry is retried with the other method, also after "the same
    way", because the last letters keyed may be the rejected ones.
    """
    if request.letter_method is None and _SAME_WAY.search(prompt_text.lower()) and context.last_letter_method is not None:
        method = context.last_letter_method
    else:
        method = request.letter_method or (context.ivr_map.inputs.letter_method if context.ivr_map else LetterMethod.STAR)
    if method is LetterMethod.PHONETIC:
        method = LetterMethod.STAR
    if attempt % 2 == 1 and request.letter_method is None:
        return LetterMethod.KEY if method is LetterMethod.STAR else LetterMethod.STAR
    return method


def _date_format(request: InputRequest, context: CallContext, attempt: int) -> DateFormat:
    chosen = request.date_format
    if chosen is None and request.digits in (6, 8):
        chosen = DateFormat.MMDDYY if request.digits == 6 else DateFormat.MMDDYYYY
    if chosen is None:
        chosen = context.last_date_format
    if chosen is None:
        chosen = context.ivr_map.inputs.date_format if context.ivr_map else DateFormat.MMDDYYYY
    if attempt % 2 == 1 and request.date_format is None:
        return DateFormat.MMDDYY if chosen is DateFormat.MMDDYYYY else DateFormat.MMDDYYYY
    return chosen


def entry_keys(kind: str, value: str, request: InputRequest, context: CallContext, attempt: int, prompt_text: str) -> str:
    if kind == "digits":
        return value
    if kind == "tin":
        count = request.last_digits or (5 if request.digits == 5 else None)
        if count is None and context.ivr_map is not None:
            count = context.ivr_map.inputs.tin_digits
        count = count or 9
        if attempt % 2 == 1 and request.last_digits is None and request.digits is None:
            count = 5 if count == 9 else 9
        return formats.tin_digits(value, count)
    if kind == "date":
        return formats.date_digits(date.fromisoformat(value), _date_format(request, context, attempt))
    if kind == "last_name":
        letters = request.letters or (context.ivr_map.inputs.last_name_letters if context.ivr_map else None)
        name = formats.truncated_last_name(value, letters)
        method = letter_method(request, context, attempt, prompt_text)
        keys = formats.keyed_characters(name, method)
        if _wants_initial(context, prompt_text):
            keys += formats.keyed_characters(context.request.patient.first_name[:1], method)
        return keys
    if kind == "name" and request.letters:
        # "Key in the first three letters of the first name".
        value = formats.truncated_last_name(value, request.letters)
    return formats.keyed_characters(value, letter_method(request, context, attempt, prompt_text))


def _wants_initial(context: CallContext, prompt_text: str) -> bool:
    """Tell whether this prompt requests the first initial too; some IVRs request it separately."""
    lowered = prompt_text.lower()
    if "first initial" in lowered or "and initial" in lowered:
        return True
    mapped = context.ivr_map is not None and context.ivr_map.inputs.name_entry == "last_name_first_initial"
    return mapped and "initial" in lowered


def spoken_entry(kind: str, value: str, request: InputRequest, context: CallContext) -> str:
    if kind == "date":
        parsed = date.fromisoformat(value)
        if request.digits or request.date_format:
            return formats.spoken_characters(formats.date_digits(parsed, request.date_format or DateFormat.MMDDYYYY))
        return formats.spoken_date(parsed)
    if kind == "tin":
        count = request.last_digits or (context.ivr_map.inputs.tin_digits if context.ivr_map else 9)
        return formats.spoken_characters(formats.tin_digits(value, count))
    if kind == "last_name":
        letters = request.letters or (context.ivr_map.inputs.last_name_letters if context.ivr_map else None)
        return formats.spoken_characters(formats.truncated_last_name(value, letters))
    if kind == "name":
        return value
    return formats.spoken_characters(value)


@dataclass
class EnteredValue:
    """The last entry at a prompt: its field, the keys or words sent, the attempt, and the value's kind and text."""

    field: InputField
    keys: str
    attempt: int
    kind: str = ""
    value: str = ""


def readback_matches(entry: EnteredValue | None, text: str, context: CallContext) -> bool:
    """Compare an IVR read-back with what was entered; anything unreadable counts as a match."""
    if entry is None or not entry.value:
        return True
    if entry.kind == "date":
        heard = extract_date(text, context.call_date)
        entered_date = date.fromisoformat(entry.value)
        # Tolerate a misheard year; a wrong month and day means a wrong entry.
        return heard is None or (heard.value.month, heard.value.day) == (entered_date.month, entered_date.day)
    heard_id = extract_identifier(text)
    if heard_id is None:
        return True
    entered = re.sub(r"[^0-9A-Z]", "", entry.value.upper())
    if entry.kind == "tin":
        return entered.endswith(heard_id.value) or heard_id.value.endswith(entered[-5:])
    if entry.kind == "last_name":
        return True
    said = heard_id.value
    if said == entered or entered.endswith(said) or said.endswith(entered):
        return True
    if said == formats.keyed_digits(entered):
        return True  # letters keyed one key each are read back as the digits of their keys
    # Speech recognition drops words: a read-back missing a character or two of the entry still matches.
    return len(entered) - len(said) <= 2 and is_subsequence(said, entered)
