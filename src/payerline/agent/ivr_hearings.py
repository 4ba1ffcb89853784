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

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from payerline.agent.confirm import LOW_CONFIDENCE, MAX_RECOVERED_DIGITS, is_subsequence, merge_hearings, most_heard
from payerline.agent.readout import (
    block_ordinal,
    claim_blocks,
    fullest_hearing,
    parse_fields,
    parse_service_span,
)
from payerline.agent.results import SOURCE_IVR, ClaimState, FieldRecord
from payerline.domain.request import ClaimQuery


IDENTIFIER_FIELDS = ("claim_number", "check_number")


@dataclass(frozen=True)
class IdentifierEvidence:
    """Evidence about a claim's identifiers besides the hearings themselves.

    ``lengths``: the lengths an identifier can have, by field, from the
    request's own claim numbers and from prompts ("Enter the 13-digit claim
    number"). ``clear``: by field, the values heard at least once in an
    utterance at or above ``LOW_CONFIDENCE``.
    """

    lengths: Mapping[str, frozenset[int]] = field(default_factory=dict)
    clear: Mapping[str, frozenset[str]] = field(default_factory=dict)


def lost_words_of(heard: Decimal, expected: Decimal) -> bool:
    """Tell whether an amount heard is ``expected`` with words lost ("two hundred" for "two hundred ten")."""
    return fullest_hearing([heard, expected]) == expected


def unsettled_ivr_fields(claim: ClaimState, evidence: IdentifierEvidence | None = None) -> list[str]:
    """Name the claim's self-service values that need another hearing.

    A value is unsettled when it was heard only in a doubtful utterance
    (below ``LOW_CONFIDENCE``), or when its hearings differ and none was
    heard twice and no amount or count explains the others (see
    ``fullest_hearing``). An identifier needs one value heard twice: two
    hearings that differ by lost digits may both have lost some, so their
    merge (``merge_hearings``) is not yet sure.

    With ``evidence``, an identifier is also unsettled while its length is
    not one the call gave evidence of, or while it was heard only once. A
    value heard just twice, never in a clear utterance, stays unsettled,
    because dropping either of two equal neighbouring digits gives the same
    short hearing, so two doubtful hearings can agree.
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
    if evidence is not None:
        names.update(_doubtful_identifiers(claim, evidence))
    return sorted(names)


def _doubtful_identifiers(claim: ClaimState, evidence: IdentifierEvidence) -> set[str]:
    doubtful = set()
    for name in IDENTIFIER_FIELDS:
        record = claim.fields.get(name)
        if record is None or record.source != SOURCE_IVR:
            continue
        value = str(record.value)
        lengths = evidence.lengths.get(name)
        times = [str(heard) for heard in claim.ivr_hearings.get(name, [value])].count(value)
        if lengths and len(value) not in lengths:
            doubtful.add(name)
        elif times < 2:
            # A digit lost with no sign in the confidence leaves a clear hearing wrong: hear it twice.
            doubtful.add(name)
        elif times < 3 and value not in evidence.clear.get(name, frozenset()):
            # Two doubtful hearings may share a loss; three alike hardly do.
            doubtful.add(name)
    return doubtful


def identifier_of_known_length(hearings: list[str], lengths: frozenset[int]) -> str | None:
    """Return the hearing of an identifier with a length the call gave evidence of, or their merge, or ``None``.

    Hearings of the right length win, the most heard first. Otherwise two
    hearings that lost different digits ("55389902" and "55385902") are
    merged, when the merge has a right length.
    """
    right = [value for value in hearings if len(value) in lengths]
    if right:
        return most_heard(right)
    if len(set(hearings)) > 1:
        merged = merge_hearings(hearings)
        if len(merged) in lengths:
            return merged
    return None


def settle_ivr_fields(claim: ClaimState, evidence: IdentifierEvidence | None = None) -> None:
    """Keep, for each amount or count heard more than once, the hearing the others lost words from.

    Sets the confidence of each self-service value that has more than one
    hearing: at least ``LOW_CONFIDENCE`` once it is settled, below it while
    it is not, so the representative phase can tell which values to confirm.
    An identifier whose length the call gave evidence of takes the hearing
    of that length (see :func:`identifier_of_known_length`).
    """
    if evidence is not None:
        _fit_known_lengths(claim, evidence)
    unsettled = set(unsettled_ivr_fields(claim, evidence))
    for name, hearings in claim.ivr_hearings.items():
        record = claim.fields.get(name)
        if record is None or record.source != SOURCE_IVR:
            continue
        fullest = fullest_hearing(hearings)
        if fullest is not None and fullest != record.value:
            record.value = fullest
        if name in IDENTIFIER_FIELDS:
            record.value = _identifier_estimate(record.value, [str(value) for value in hearings],
                                                evidence.lengths.get(name) if evidence is not None else None)
        if name in unsettled:
            record.confidence = min(record.confidence, round(LOW_CONFIDENCE - 0.01, 3))
        else:
            record.confidence = max(record.confidence, LOW_CONFIDENCE)
    for name in unsettled.difference(claim.ivr_hearings):
        # Heard once, with a length the evidence rules out: for the representative to confirm.
        record = claim.fields.get(name)
        if record is not None and record.source == SOURCE_IVR and name in IDENTIFIER_FIELDS:
            record.confidence = min(record.confidence, round(LOW_CONFIDENCE - 0.01, 3))


def _identifier_estimate(current: str, hearings: list[str], lengths: frozenset[int] | None) -> str:
    """Return the best reading of an identifier heard differently: the merge of its hearings.

    Recognition drops digits far more often than it adds them, so the
    shortest string holding every hearing beats a vote ("55389902" heard
    twice and "553859902" once is 553859902). A current value of a length
    the call gave evidence of stays.
    """
    if len(set(hearings)) < 2 or (lengths and len(current) in lengths):
        return current
    merged = merge_hearings(hearings)
    if lengths and len(merged) not in lengths:
        return current
    return merged


def _fit_known_lengths(claim: ClaimState, evidence: IdentifierEvidence) -> None:
    for name, lengths in evidence.lengths.items():
        record = claim.fields.get(name)
        if record is None or record.source != SOURCE_IVR or len(str(record.value)) in lengths:
            continue
        fitted = identifier_of_known_length([str(value) for value in claim.ivr_hearings.get(name, [record.value])],
                                            lengths)
        if fitted is not None:
            record.value = fitted


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


class ReadoutClaims(NamedTuple):
    """A read-out judged claim by claim against one request."""

    other_sentences: set[int]
    """Sentences about other claims: other charges or dates, or the twin not kept."""
    twin_numbers: set[str]
    """Claim numbers of claims read for the request's dates and charges that were not kept."""
    twin_sentences: frozenset[int] = frozenset()
    """Sentences of the claims read for the request's dates and charges that were not kept."""
    kept_ordinal: int | None = None
    """Place in the listing of the claim kept ("Claim two, ..." is 2), when twins were read by their place."""


class _Candidate(NamedTuple):
    """A claim of a read-out that may be the request's."""

    block: list[int]
    number: str | None
    billed_matches: bool
    span_fits: bool
    ordinal: int | None


def other_claim_sentences(texts: list[str], query: ClaimQuery, call_date: date,
                          taken: Collection[str] = ()) -> set[int]:
    """Return the sentences of read-out claims whose charges or date of service are not ``query``'s."""
    return judge_readout_claims(texts, query, call_date, taken).other_sentences


def judge_readout_claims(texts: list[str], query: ClaimQuery, call_date: date,
                         taken: Collection[str] = (), kept_ordinal: int | None = None,
                         taken_ordinals: Collection[int] = ()) -> ReadoutClaims:
    """Sort a read-out's claims into the request's claim and the others.

    A claim's status can come before its charges ("Claim status:
    cancelled. ... Billed amount sixty-five dollars."), so each claim of
    the read-out is judged whole before any of it is kept. A listing may
    name its claims only by place ("Claim one, ... Status: cancelled.
    Claim two, ... Status: paid.") and give their numbers in a detail read
    later ("Details for claim two. The ICN is ..."); ``kept_ordinal`` is
    the place kept from an earlier listing, so the detail of that claim is
    the one kept; ``taken_ordinals`` are places other claims of the call
    kept.
    """
    last_day = query.service_date_to or query.service_date_from
    other: set[int] = set()
    candidates: list[_Candidate] = []
    for block in claim_blocks(texts):
        number: str | None = None
        billed_matches = False
        span_fits = True
        has_status = False
        for index in block:
            fields = parse_fields(texts[index], call_date)
            billed = fields.get("billed_amount")
            served, served_to = parse_service_span(texts[index], call_date)
            if served_to is not None and served_to.value != last_day:
                span_fits = False
            # A read-out names a span (a rental month, a stay) by its first or last day. So a single day inside the
            # requested span is another claim: "for service on February 10" for February 1 through 28.
            inside_span = served is not None and served_to is None and last_day != query.service_date_from and (
                served.value not in (query.service_date_from, last_day))
            if (billed is not None and billed.value != query.billed_amount
                    and not lost_words_of(billed.value, query.billed_amount)) or (
                served is not None and not query.service_date_from <= served.value <= last_day
            ) or inside_span:
                other.update(block)
                break
            billed_matches = billed_matches or billed is not None
            has_status = has_status or "claim_status" in fields
            if number is None and "claim_number" in fields:
                number = str(fields["claim_number"].value)
        else:
            ordinal = block_ordinal(texts[block[0]])
            # A claim named only by its place in a listing counts once it gives a status or the request's charges.
            if number is not None or (ordinal is not None and (has_status or billed_matches)):
                candidates.append(_Candidate(block, number, billed_matches, span_fits, ordinal))
    # Two claims for the request's dates (a claim and its duplicate, a voided claim and its replacement) must not
    # mix: the request's claim number picks one, then the place kept from an earlier listing. Else a claim whose
    # span, if read, ends on the request's last day comes first ("January 19 through January 23" is not a request
    # for January 19 alone), then one that read the request's charges, then the first. A claim number ``taken`` by
    # another claim of the call is left to that claim.
    if len(candidates) < 2 and query.payer_claim_number is None:
        lone = candidates[0] if candidates else None
        if lone is not None and lone.number is not None and any(same_claim_number(lone.number, number) for number in taken):
            # The one claim read is another claim's of the call (two requests for the same day and charges):
            # this claim is not on the read-out.
            other.update(lone.block)
            return ReadoutClaims(other, {lone.number}, frozenset(lone.block))
        return ReadoutClaims(other, set())
    kept: _Candidate | None = None
    if kept_ordinal is not None:
        kept = next((candidate for candidate in candidates if candidate.ordinal == kept_ordinal), None)
    if query.payer_claim_number is not None:
        by_number = next((candidate for candidate in candidates if candidate.number is not None
                          and same_claim_number(candidate.number, query.payer_claim_number)), None)
        kept = by_number or (kept if kept is not None and kept.number is None else None)
        if kept is None:
            # The request's number was not read here, so every numbered claim is another one. Claims named only by
            # place cannot be distinguished yet: none is kept until a read-out with numbers shows which place is the
            # request's.
            for candidate in candidates:
                if candidate.number is not None or len(candidates) > 1:
                    other.update(candidate.block)
            return ReadoutClaims(other, {c.number for c in candidates if c.number is not None})
    if kept is None:
        free = [candidate for candidate in candidates if candidate.ordinal not in taken_ordinals and (
                candidate.number is None or not any(same_claim_number(candidate.number, number) for number in taken))]
        kept = min(free or candidates, key=lambda candidate: (not candidate.span_fits, not candidate.billed_matches))
    twins: set[str] = set()
    twin_sentences: set[int] = set()
    for candidate in candidates:
        if candidate is kept or (kept.number is not None and candidate.number is not None
                                 and same_claim_number(candidate.number, kept.number)):
            continue
        other.update(candidate.block)
        twin_sentences.update(candidate.block)
        if candidate.number is not None:
            twins.add(candidate.number)
    return ReadoutClaims(other, twins, frozenset(twin_sentences), kept.ordinal)


def same_claim_number(heard: str, known: str) -> bool:
    """Tell whether two claim numbers are one, the shorter being the longer with a digit or two lost."""
    short, long = sorted((heard, known), key=len)
    return len(long) - len(short) <= MAX_RECOVERED_DIGITS and is_subsequence(short, long)


def unlabelled_field(heard: str, claim: ClaimState) -> str | None:
    """Name the identifier a long number whose label was lost is a hearing of, or ``None``.

    A near hearing of the claim or check number already heard is another
    hearing of it ("[Check] number five five three ..."). With no claim
    number heard yet, it is the claim number.
    """
    for name in IDENTIFIER_FIELDS:
        known = claim.fields.get(name)
        if known is not None and _near_hearing(heard, known):
            return name
    return "claim_number" if "claim_number" not in claim.fields else None


def _near_hearing(heard: str, known: FieldRecord) -> bool:
    """Tell whether a number is a hearing of a known one with a digit or two lost on either side."""
    value = str(known.value)
    short, long = sorted((heard, value), key=len)
    return len(long) - len(short) <= MAX_RECOVERED_DIGITS and is_subsequence(short, long)
