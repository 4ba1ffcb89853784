"""What the eval reads from a sandbox payer file to set its expectations.

These are facts about the far end the agent is never given: when the payer
is open, which fields its IVR self-service reads out, and the
representative's name and reference number on a finished call.
"""

from __future__ import annotations

import string
from datetime import datetime, time
from functools import partial
from zoneinfo import ZoneInfo

from payerline.domain.codes import ClaimStatus
from payerline.evaluation.expected import PersonFacts
from payerline.evaluation.mix import PayerProfile
from payerline.sandbox.payer_file import HoursWindow, PayerFile
from payerline.sandbox.records import ClaimRecord

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Read-out placeholders whose result field has another name.
_PLACEHOLDER_FIELDS = {"status": "claim_status"}


def _clock_time(text: str) -> time:
    if text == "24:00":
        return time.max
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _in_windows(windows: list[HoursWindow] | None, local: datetime) -> bool:
    if windows is None:
        return True
    day = _DAYS[local.weekday()]
    now = local.time()
    return any(
        day in window.days and _clock_time(window.open) <= now < _clock_time(window.close)
        for window in windows
    )


def payer_is_open(payer: PayerFile, at: datetime) -> bool:
    """Return whether ``payer`` answers with its data options available at ``at``.

    A payer with no ``hours`` is always open. Holidays close both the line
    and the data options.
    """
    hours = payer.hours
    if hours is None:
        return True
    local = at.astimezone(ZoneInfo(payer.timezone))
    if local.date() in hours.holidays:
        return False
    return _in_windows(hours.line, local) and _in_windows(hours.data, local)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def readout_fields(payer: PayerFile, status: ClaimStatus) -> frozenset[str]:
    """Return the result fields the payer's claim read-outs say for a claim of ``status``.

    Collects the placeholders of every ``readout`` node whose source is
    ``claims``: the per-claim templates and the templates for ``status``.
    A claim the payer has on file is also ``found``; a claim not on file is
    reported by the ``none`` template, which tells the caller it was not
    found and so gives ``found`` and ``claim_status``.
    """
    fields: set[str] = set()
    for node in payer.ivr.menus.values():
        if node.type != "readout" or node.source != "claims" or node.readout is None:
            continue
        if status == ClaimStatus.NOT_ON_FILE:
            if node.readout.none:
                fields.update({"found", "claim_status"})
            continue
        templates = [*node.readout.per_claim, *node.readout.by_status.get(status.value, [])]
        for template in templates:
            fields.update(_PLACEHOLDER_FIELDS.get(name, name) for name in _placeholders(template))
        if templates:
            fields.add("found")
    return frozenset(fields)


def ivr_fields_for(payer: PayerFile):
    """Return a function giving, for a claim record, the fields ``payer``'s IVR reads out."""
    cache: dict[ClaimStatus, frozenset[str]] = {}

    def ivr_fields(claim: ClaimRecord) -> frozenset[str]:
        if claim.status not in cache:
            cache[claim.status] = readout_fields(payer, claim.status)
        return cache[claim.status]

    return ivr_fields


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
