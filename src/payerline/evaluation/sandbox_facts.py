"""Facts the eval reads from a sandbox payer file and line to set its expectations.

These are facts about the far end the agent is never given: when the payer
is open, which fields its IVR self-service reads out, and the
representative's name and reference number on a finished call.
"""

from __future__ import annotations

import re

import string
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import cache, partial
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from payerline.domain.codes import ClaimStatus
from payerline.evaluation.expected import PersonFacts
from payerline.evaluation.mix import PayerProfile
from payerline.sandbox.hours import data_open, line_open, local_time
from payerline.sandbox.payer_file import PayerFile
from payerline.sandbox.phrases import PhraseBank
from payerline.sandbox.readout import claim_values, deductible_amount, fill
from payerline.sandbox.records import ClaimRecord

if TYPE_CHECKING:
    from payerline.sandbox.line import SandboxLine

# Verification items with which a representative checks the member.
MEMBER_CHECKS = frozenset({"member_id", "patient_name", "date_of_birth"})
# Read-out placeholders whose result field has another name.
_PLACEHOLDER_FIELDS = {"status": "claim_status"}


def payer_is_open(payer: PayerFile, at: datetime) -> bool:
    """Return whether ``payer`` answers with its self-service data options working at ``at``.

    Uses the sandbox's own hours rules, so the eval and the engine agree on
    what "outside hours" means.
    """
    return data_open(payer.hours, local_time(at, payer.timezone))


def payer_line_answers(payer: PayerFile, at: datetime) -> bool:
    """Return whether ``payer``'s line answers at ``at`` (outside it, callers hear the closed message)."""
    return line_open(payer.hours, local_time(at, payer.timezone))


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@cache
def _phrase_bank() -> PhraseBank:
    return PhraseBank.default()


def _claim_readout_templates(payer: PayerFile, claim: ClaimRecord) -> list[str]:
    """Return the read-out templates the sandbox uses for ``claim`` in every claims read-out node."""
    return [template for template, _ in _claim_readout_choices(payer, claim)]


def _claim_readout_choices(payer: PayerFile, claim: ClaimRecord) -> list[tuple[str, bool]]:
    """Return each read-out template for ``claim`` with whether the claim's status chose it (``by_status``)."""
    choices: list[tuple[str, bool]] = []
    for node in payer.ivr.menus.values():
        if node.type == "readout" and node.source == "claims" and node.readout is not None:
            by_status = node.readout.by_status.get(claim.status.value)
            if by_status is not None:
                choices += [(template, True) for template in by_status]
            else:
                choices += [(template, False) for template in node.readout.per_claim]
    return choices


# Words that state a claim status without {status}, in a sentence the status chose ("was denied on ...").
# "Paid" alone is not listed: "Paid amount ..." is said of claims that were not paid too.
_STATUS_WORDS = {
    ClaimStatus.DENIED: re.compile(r"\b(?:denied|rejected)\b", re.IGNORECASE),
    ClaimStatus.PARTIALLY_PAID: re.compile(r"\bpartial(?:ly)? paid\b|\bpaid in part\b|\bpartial payment\b", re.IGNORECASE),
    ClaimStatus.ADJUSTED: re.compile(r"\badjusted\b", re.IGNORECASE),
    ClaimStatus.CANCELLED: re.compile(r"\bcancel+ed\b|\bvoided\b", re.IGNORECASE),
    # Medicaid names the member's deductible a spend-down.
    ClaimStatus.APPLIED_TO_DEDUCTIBLE: re.compile(r"\bapplied to (?:the )?(?:\w+'s )?(?:deductible|spend-?down)\b",
                                                  re.IGNORECASE),
    # Lines without Medicare's term say the payment is approved and still to come.
    ClaimStatus.PAYMENT_FLOOR: re.compile(r"\bpayment floor\b|\bapproved (?:for payment|to pay)\b|"
                                          r"\b(?:next|upcoming) (?:\w+ )?(?:payment|check|financial|checkwrite) (?:cycle|run)\b|"
                                          r"\bawaiting (?:\w+ )?(?:payment|funding|release)\b", re.IGNORECASE),
    ClaimStatus.RECEIVED: re.compile(r"\b(?:has been|was|been) received\b|\breceived (?:and|but) (?:is )?(?:awaiting|waiting|"
                                     r"not yet)\b", re.IGNORECASE),
    # Medicaid systems hold a pending claim "in suspense" ("suspended").
    ClaimStatus.PENDING: re.compile(r"\bpending\b|\bin process\b|\bbeing processed\b|\bunder review\b|\bin suspense\b|"
                                    r"\bsuspended\b", re.IGNORECASE),
    # "Status. Paid. March third.": the word right after a status label is the status.
    ClaimStatus.PAID: re.compile(r"\b(?:was|has been|were) paid\b|\bpaid in full\b|\bpaid on\b|\bstatus\W+paid\b",
                                 re.IGNORECASE),
}


def _states_status(template: str, chosen_by_status: bool, claim: ClaimRecord) -> bool:
    """Tell whether a sentence the claim's status chose says that status in words."""
    pattern = _STATUS_WORDS.get(claim.status)
    return chosen_by_status and pattern is not None and pattern.search(template) is not None


_NO_PAYMENT = re.compile(r"\bwith no (?:medicare |medicaid |plan )?payment\b|\bno payment (?:was|has been) (?:made|issued)\b|\bnothing was paid\b|"
                         # "This claim was applied to the deductible. There's no payment voucher for it."
                         r"\b(?:there's|there is|there was) no (?:payment|check|voucher|payment voucher|eft)\b",
                         re.IGNORECASE)


def _derived_fields(template: str, spoken: Iterable[str], claim: ClaimRecord) -> set[str]:
    """Return fields a read-out sentence gives by implication, as docs/agent.md documents the agent deriving them.

    For a claim applied to the deductible, with no payment, the amount read as
    applied to the deductible is the patient responsibility when the
    record gives them the same value. A sentence saying there was no payment
    ("applied to the deductible, with no payment") gives a paid amount of
    zero when the record's is zero.
    """
    derived: set[str] = set()
    if (
        "deductible_amount" in _placeholders(template)
        and claim.status == ClaimStatus.APPLIED_TO_DEDUCTIBLE
        and claim.patient_responsibility is not None
        and deductible_amount(claim) == claim.patient_responsibility
    ):
        derived.add("patient_responsibility")
    no_payment = any(_NO_PAYMENT.search(sentence) for sentence in spoken)
    if no_payment and claim.paid_amount is not None and claim.paid_amount == 0:
        derived.add("paid_amount")
    return derived


def readout_fields(payer: PayerFile, claim: ClaimRecord) -> frozenset[str]:
    """Return the result fields the payer's claim read-outs can speak for ``claim``.

    Mirrors the sandbox read-out: for each ``readout`` node whose source is
    ``claims``, the claim's status templates (or the per-claim ones) are
    spoken sentence by sentence, and a sentence is spoken only when every
    placeholder in it has a value. A claim the payer does not have on file
    fails the IVR's claim lookup before any read-out, so it gets nothing here.
    """
    if claim.status == ClaimStatus.NOT_ON_FILE:
        return frozenset()
    fields: set[str] = set()
    values = claim_values(claim, 1, 1)
    for template, chosen in _claim_readout_choices(payer, claim):
        spoken = fill([template], values, _phrase_bank())
        if spoken:
            fields.update(_PLACEHOLDER_FIELDS.get(name, name) for name in _placeholders(template))
            fields.update(_derived_fields(template, spoken, claim))
            fields.add("found")
            if _states_status(template, chosen, claim):
                fields.add("claim_status")
    return frozenset(fields)


# Read-outs number claims ("claim 2 of 3"), so a heard sentence is matched
# against each position up to this many claims found.
_MAX_CLAIMS_READ = 5
# Placeholders whose value many claims share, so a sentence of only these
# cannot tell which claim was read out.
_UNSPECIFIC_PLACEHOLDERS = frozenset({"index", "count", "status", "line_count"})


def _spoken_sentences(payer: PayerFile, claim: ClaimRecord, template: str) -> set[str]:
    """Return every sentence ``template`` speaks for ``claim`` at any position in a read-out."""
    return {
        sentence
        for count in range(1, _MAX_CLAIMS_READ + 1)
        for index in range(1, count + 1)
        for sentence in fill([template], claim_values(claim, index, count), _phrase_bank())
    }


def heard_readout_fields(
    payer: PayerFile,
    claim: ClaimRecord,
    heard: frozenset[str],
    call_claims: tuple[ClaimRecord, ...] = (),
) -> frozenset[str]:
    """Return the result fields of ``claim`` that the IVR actually read out on a call.

    ``heard`` holds every far-end sentence the line delivered, before any
    ASR noise. A read-out sentence for ``claim`` (filled from its record for
    each claim position) that appears there counts with all its placeholders,
    provided at least one heard sentence of ``claim`` could not have been
    spoken for another of ``call_claims``: "Claim one.", "Status: paid." or a
    check number shared by two claims alone cannot tell which claim was read.
    """
    if claim.status == ClaimStatus.NOT_ON_FILE or not heard:
        return frozenset()
    others: set[str] = set()
    for other in call_claims:
        if other.id != claim.id:
            for template in _claim_readout_templates(payer, other):
                others |= _spoken_sentences(payer, other, template)
    fields: set[str] = set()
    identified = False
    for template, chosen in _claim_readout_choices(payer, claim):
        names = _placeholders(template)
        matched = _spoken_sentences(payer, claim, template) & heard
        if matched:
            fields.update(_PLACEHOLDER_FIELDS.get(name, name) for name in names)
            fields.update(_derived_fields(template, matched, claim))
            fields.add("found")
            if _states_status(template, chosen, claim):
                fields.add("claim_status")
            identified = identified or (bool(names - _UNSPECIFIC_PLACEHOLDERS) and bool(matched - others))
    return frozenset(fields) if identified else frozenset()


def ivr_fields_for(payer: PayerFile) -> Callable[[ClaimRecord, frozenset[str]], frozenset[str]]:
    """Return a function giving, for a claim record, the sentences heard and the call's claims, the fields the IVR read out."""
    return partial(heard_readout_fields, payer)


def profile_of(payer: PayerFile) -> PayerProfile:
    """Return what the scenario mix needs of ``payer``."""
    return PayerProfile(
        payer_id=payer.payer_id,
        timezone=ZoneInfo(payer.timezone),
        line_of_business=payer.line_of_business,
        records=payer.records,
        is_open=partial(payer_is_open, payer),
        is_line_open=partial(payer_line_answers, payer),
        withheld_fields=frozenset(payer.representatives.withheld_fields),
        verifies_member=bool(MEMBER_CHECKS & set(payer.representatives.verification)),
    )


def read_person_facts(line: SandboxLine) -> PersonFacts:
    """Return the last representative's name and reference number on a finished sandbox call.

    The last representative counts because a transfer ends the earlier
    contact, and the result carries the name and reference of the person
    who answered last. A line that never reached a person has neither.
    """
    dropped = any(entry.endswith("line dropped") for entry in getattr(line, "log", ()))
    contacts = line.representatives
    if not contacts:
        return PersonFacts(None, None, line_dropped=dropped)
    last = contacts[-1]
    return PersonFacts(last.name, last.reference_number, line_dropped=dropped)
