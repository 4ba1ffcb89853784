"""Self-service read-outs: record values spoken through a payer file's templates.

A template sentence is spoken only when every placeholder in it has a value
for that claim, so one template list serves paid, denied and pending claims.
The IVR reads values in one clear form: identifiers character by character,
amounts in dollars and cents, dates as month, day and year.
"""

from __future__ import annotations

import re
import string
from datetime import date
from decimal import Decimal

from payerline.domain.codes import ClaimStatus
from payerline.sandbox.payer_file import Readout
from payerline.sandbox.phrases import PhraseBank
from payerline.sandbox.records import ClaimLineRecord, ClaimRecord
from payerline.sandbox.spoken import (
    amount_plain_words,
    code_words,
    codes_words,
    date_plain_words,
    days_words,
    int_words,
    ivr_id_words,
)

_ID_FIELDS = {"claim_number", "check_number", "procedure_code"}


def ivr_value(name: str, value: object, bank: PhraseBank) -> str | None:
    """Return ``value`` of field ``name`` as the IVR says it, or None if there is none."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, ClaimStatus):
        return bank.status_words[value.value][0]
    if isinstance(value, bool):
        return None
    if isinstance(value, date):
        return date_plain_words(value)
    if isinstance(value, Decimal):
        return amount_plain_words(value)
    if name in ("expected_processing_days", "timely_filing_days"):
        return days_words(int(value))
    if isinstance(value, int):
        return int_words(value)
    if name in ("carc_codes", "rarc_codes"):
        return codes_words(list(value))
    if name == "modifiers":
        return codes_words(list(value))
    if name == "adjustment_group_code":
        return code_words(str(value))
    if name in _ID_FIELDS:
        return ivr_id_words(str(value))
    return str(value)


# A count placeholder followed by a plural noun: "{count} claims", "{line_count} entries".
_COUNTED_NOUN = re.compile(r"\{(count|line_count)\}(\s+)([A-Za-z]+)\b")


def _singular(noun: str) -> str:
    """Return the singular of a regular English plural; other words come back unchanged."""
    lower = noun.lower()
    if lower.endswith("ies") and len(noun) > 4:
        return noun[:-3] + ("Y" if noun[-1].isupper() else "y")
    if len(noun) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return noun[:-1]
    return noun


def agree_with_counts(template: str, values: dict[str, object]) -> str:
    """Make the noun after a count of one singular: "{count} claims" reads "one claim"."""

    def replace(match: re.Match[str]) -> str:
        name, space, noun = match.groups()
        if values.get(name) != 1:
            return match.group(0)
        return "{" + name + "}" + space + _singular(noun)

    return _COUNTED_NOUN.sub(replace, template)


def fill(templates: list[str], values: dict[str, object], bank: PhraseBank) -> list[str]:
    """Fill each template; skip sentences with a placeholder that has no value."""
    sentences = []
    for template in templates:
        template = agree_with_counts(template, values)
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name]
        spoken = {name: ivr_value(name, values.get(name), bank) for name in names}
        if all(text is not None for text in spoken.values()):
            sentences.append(template.format(**spoken))
    return sentences


def claim_values(claim: ClaimRecord, index: int, count: int) -> dict[str, object]:
    """Return the placeholder values of one claim."""
    values: dict[str, object] = {
        name: getattr(claim, name) for name in ClaimRecord.model_fields if name not in ("lines", "id")
    }
    values.update(index=index, count=count, line_count=len(claim.lines) or None)
    values["deductible_amount"] = deductible_amount(claim)
    return values


def deductible_amount(claim: ClaimRecord) -> Decimal | None:
    """Return the amount of ``claim`` applied to the deductible, or None when the record cannot tell.

    The record's ``deductible_amount`` when set. Otherwise the patient
    responsibility of a claim applied to the deductible, or of a claim whose
    only adjustment is group PR with CARC 1 (deductible amount).
    """
    if claim.deductible_amount is not None:
        return claim.deductible_amount
    only_deductible = claim.adjustment_group_code == "PR" and claim.carc_codes == ["1"]
    if claim.status == ClaimStatus.APPLIED_TO_DEDUCTIBLE or only_deductible:
        return claim.patient_responsibility
    return None


def line_values(line: ClaimLineRecord, index: int) -> dict[str, object]:
    """Return the placeholder values of one service line."""
    values: dict[str, object] = {name: getattr(line, name) for name in ClaimLineRecord.model_fields}
    values["index"] = index
    return values


def claims_readout(readout: Readout, claims: list[ClaimRecord], bank: PhraseBank) -> list[str]:
    """Return the sentences that read out ``claims``."""
    if not claims:
        return fill(readout.none, {"count": 0}, bank)
    sentences = fill(readout.intro, {"count": len(claims)}, bank)
    for index, claim in enumerate(claims, start=1):
        templates = readout.by_status.get(claim.status.value, readout.per_claim)
        sentences += fill(templates, claim_values(claim, index, len(claims)), bank)
        for line_index, line in enumerate(claim.lines, start=1):
            sentences += fill(readout.line, line_values(line, line_index), bank)
    return sentences


def payment_floor_readout(readout: Readout, claims: list[ClaimRecord], bank: PhraseBank) -> list[str]:
    """Return the sentences that summarise the provider's claims on the payment floor."""
    floor = [c for c in claims if c.status == ClaimStatus.PAYMENT_FLOOR]
    if not floor:
        return fill(readout.none, {"count": 0}, bank)
    total = sum((c.paid_amount or Decimal(0) for c in floor), Decimal(0))
    return fill(readout.intro, {"count": len(floor), "total": total}, bank)


def remittance_readout(readout: Readout, claims: list[ClaimRecord], bank: PhraseBank) -> list[str]:
    """Return the sentences that read the provider's last three remittance dates and amounts."""
    # One payment per check and date. Its amount is the bulk amount when the records give one, else the sum of its claims.
    remits: dict[tuple[date, str], Decimal] = {}
    bulk: dict[tuple[date, str], Decimal] = {}
    for claim in claims:
        if claim.paid_date is None or claim.check_number is None:
            continue
        if claim.status not in (ClaimStatus.PAID, ClaimStatus.PARTIALLY_PAID):
            continue
        key = (claim.paid_date, claim.check_number)
        remits[key] = remits.get(key, Decimal(0)) + (claim.paid_amount or Decimal(0))
        if claim.bulk_payment_amount:
            bulk[key] = claim.bulk_payment_amount
    remits.update(bulk)
    latest = sorted(remits.items(), reverse=True)[:3]
    if not latest:
        return fill(readout.none, {"count": 0}, bank)
    sentences = fill(readout.intro, {"count": len(latest)}, bank)
    for index, ((paid_on, check), amount) in enumerate(latest, start=1):
        values = {"index": index, "remit_date": paid_on, "amount": amount, "check_number": check}
        sentences += fill(readout.per_item, values, bank)
    return sentences
