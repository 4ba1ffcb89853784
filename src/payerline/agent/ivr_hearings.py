"""Settling values that a self-service read-out gave more than once.

The navigator hears a read-out again while a value is doubtful. After each
hearing it calls :func:`settle_ivr_fields`. That keeps, for an amount or a
count, the hearing the others lost words from. It also marks each value
heard more than once in its confidence: at least ``LOW_CONFIDENCE`` once
settled, below it while not. So an IVR value (``FieldRecord.source == "ivr"``) whose
confidence is below ``LOW_CONFIDENCE`` is one the representative phase
should confirm.
"""

from __future__ import annotations

from decimal import Decimal

from payerline.agent.confirm import LOW_CONFIDENCE
from payerline.agent.readout import fullest_hearing
from payerline.agent.results import SOURCE_IVR, ClaimState


def lost_words_of(heard: Decimal, expected: Decimal) -> bool:
    """Tell whether an amount heard is ``expected`` with words lost ("two hundred" for "two hundred ten")."""
    return fullest_hearing([heard, expected]) == expected


def unsettled_ivr_fields(claim: ClaimState) -> list[str]:
    """Name the claim's self-service values that need another hearing.

    A value is unsettled when it was heard only in a doubtful utterance
    (below ``LOW_CONFIDENCE``), or when its hearings differ and none was
    heard twice and no amount or count explains the others (see
    ``fullest_hearing``). An identifier needs one value heard twice: two
    hearings that differ by lost digits may both have lost some, so their
    merge (``merge_hearings``) is not yet sure.
    """
    names = set(claim.doubtful_ivr_fields(LOW_CONFIDENCE))
    for name, hearings in claim.ivr_hearings.items():
        record = claim.fields.get(name)
        if record is None or record.source != SOURCE_IVR or len(set(map(str, hearings))) < 2:
            continue
        if fullest_hearing(hearings) is not None:
            names.discard(name)
        elif not any(hearings.count(value) >= 2 for value in hearings):
            names.add(name)
    return sorted(names)


def settle_ivr_fields(claim: ClaimState) -> None:
    """Keep, for each amount or count heard more than once, the hearing the others lost words from.

    Sets the confidence of each self-service value that has more than one
    hearing: at least ``LOW_CONFIDENCE`` once it is settled, below it while
    it is not, so the representative phase can tell which values to confirm.
    """
    unsettled = set(unsettled_ivr_fields(claim))
    for name, hearings in claim.ivr_hearings.items():
        record = claim.fields.get(name)
        if record is None or record.source != SOURCE_IVR:
            continue
        fullest = fullest_hearing(hearings)
        if fullest is not None and fullest != record.value:
            record.value = fullest
        if name in unsettled:
            record.confidence = min(record.confidence, round(LOW_CONFIDENCE - 0.01, 3))
        else:
            record.confidence = max(record.confidence, LOW_CONFIDENCE)


def reconcile_unpaid_amounts(claim: ClaimState) -> None:
    """Make the allowed amount and the patient responsibility of an unpaid claim agree.

    With nothing paid, the patient owes the whole allowed amount, so the two
    are one amount read twice. When one is the other with words lost ("two
    hundred dollars and forty-five cents" for 238.45), both take the fuller.
    """
    paid = claim.fields.get("paid_amount")
    allowed = claim.fields.get("allowed_amount")
    owed = claim.fields.get("patient_responsibility")
    if paid is None or paid.value != Decimal(0) or allowed is None or owed is None:
        return
    if allowed.source != SOURCE_IVR or owed.source != SOURCE_IVR or allowed.value == owed.value:
        return
    fuller = fullest_hearing([allowed.value, owed.value])
    if fuller is not None:
        allowed.value = owed.value = fuller
