"""What the eval reads from a sandbox payer file to set its expectations.

These are facts about the far end the agent is never given: when the payer
is open, which fields its IVR self-service reads out, and the
representative's name and reference number on a finished call.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import datetime
from functools import cache, partial
from zoneinfo import ZoneInfo

from payerline.domain.codes import ClaimStatus
from payerline.evaluation.expected import PersonFacts
from payerline.evaluation.mix import PayerProfile
from payerline.sandbox.hours import data_open, local_time
from payerline.sandbox.payer_file import PayerFile
from payerline.sandbox.phrases import PhraseBank
from payerline.sandbox.readout import claim_values, fill
from payerline.sandbox.records import ClaimRecord

# Read-out placeholders whose result field has another name.
_PLACEHOLDER_FIELDS = {"status": "claim_status"}


def payer_is_open(payer: PayerFile, at: datetime) -> bool:
    """Return whether ``payer`` answers with its self-service data options working at ``at``.

    Uses the sandbox's own hours rules, so the eval and the engine agree on
    what "outside hours" means.
    """
    return data_open(payer.hours, local_time(at, payer.timezone))


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@cache
def _phrase_bank() -> PhraseBank:
    return PhraseBank.default()


def readout_fields(payer: PayerFile, claim: ClaimRecord) -> frozenset[str]:
    """Return the result fields the payer's claim read-outs speak for ``claim``.

    Mirrors the sandbox read-out: for each ``readout`` node whose source is
    ``claims``, the claim's status templates (or the per-claim ones) are
    spoken sentence by sentence, and a sentence is spoken only when every
    placeholder in it has a value. A claim the payer does not have on file is
    answered by the ``none`` template, which gives ``found`` and
    ``claim_status``.
    """
    fields: set[str] = set()
    values = claim_values(claim, 1, 1)
    for node in payer.ivr.menus.values():
        if node.type != "readout" or node.source != "claims" or node.readout is None:
            continue
        if claim.status == ClaimStatus.NOT_ON_FILE:
            if node.readout.none:
                fields.update({"found", "claim_status"})
            continue
        for template in node.readout.by_status.get(claim.status.value, node.readout.per_claim):
            if fill([template], values, _phrase_bank()):
                fields.update(_PLACEHOLDER_FIELDS.get(name, name) for name in _placeholders(template))
                fields.add("found")
    return frozenset(fields)


def ivr_fields_for(payer: PayerFile) -> Callable[[ClaimRecord], frozenset[str]]:
    """Return a function giving, for a claim record, the fields ``payer``'s IVR reads out."""
    return partial(readout_fields, payer)


def profile_of(payer: PayerFile) -> PayerProfile:
    """Return what the scenario mix needs of ``payer``."""
    return PayerProfile(
        payer_id=payer.payer_id,
        timezone=ZoneInfo(payer.timezone),
        line_of_business=payer.line_of_business,
        records=payer.records,
        is_open=partial(payer_is_open, payer),
    )


def read_person_facts(line: object) -> PersonFacts:
    """Return the last representative's name and reference number on a finished sandbox call.

    The last one counts because a transfer ends the earlier contact, and the
    result should carry the name and reference of the person who answered.
    A line that never reached a person gives ``PersonFacts(None, None)``.
    """
    contacts = getattr(line, "representatives", [])
    if not contacts:
        return PersonFacts(representative_name=None, reference_number=None)
    last = contacts[-1]
    return PersonFacts(representative_name=last.name, reference_number=last.reference_number)
