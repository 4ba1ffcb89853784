"""Capture of the IVR's self-service read-outs, a part of the IVR navigator.

The read-out a claim search brings is split into claims, filtered to the
claim requested, parsed into fields and settled across hearings. Line
read-outs give line results, and totals where the claim level gives none.
A search that came back empty leaves the claim to a representative.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from decimal import Decimal
from typing import Any

from payerline.agent.confirm import LOW_CONFIDENCE, implausible_fields
from payerline.agent.context import CallContext
from payerline.agent.extract import Extraction
from payerline.agent.ivr_hearings import (
    IDENTIFIER_FIELDS,
    IdentifierEvidence,
    judge_readout_claims,
    lost_words_of,
    reconcile_unpaid_amounts,
    settle_ivr_fields,
    unlabelled_field,
)
from payerline.agent.prompts import MenuOption, PromptAnalysis, confirmation, input_request, menu_options, normalize_prompt
from payerline.agent.readout import (
    LineReadout,
    announced_line_count,
    claim_totals_from_lines,
    lines_in_order,
    lost_values,
    paid_date_label,
    parse_copay,
    parse_deductible,
    parse_fields,
    parse_unlabelled_claim_number,
    reimbursements_as_allowed,
    split_lines,
    summary_after_lines,
)
from payerline.agent.results import SOURCE_IVR, ClaimState, Heard
from payerline.domain.codes import ClaimStatus
from payerline.domain.result import PERSON_FIELDS

logger = logging.getLogger("payerline.agent.navigator")

# Hold and menu announcements that name claim data ("Claim status, pending claims and checks are
# available in the IVR ...") point elsewhere and read out no claim.
_ANNOUNCEMENT = re.compile(
    r"\b(?:available|find|check them|look up|access)\b.*\b(?:ivr|portal|website|web site|online|self[- ]service|"
    r"automated system|automated line|phone system)\b|"
    r"\b(?:web portal|website|www\.|dot com)\b|call is important|\bplease (?:stay on the line|hold)\b",
    re.IGNORECASE,
)
# "were found for the entered" with "No claims" lost; "Claims found: one" gives a count instead.
_FOUND_LEFT = re.compile(r"^\W*(?:claims? )?(?:were |was )?found for\b")


# A listing of the provider's latest payments, not a claim's read-out.
_PAYMENT_LISTING = re.compile(r"\b(?:most )?recent payments\b|\bpayments (?:made |issued |sent )?to your "
                              r"(?:office|practice|facility|agency|group|organization)\b|\blast (?:three|two|five|\d) payments\b",
                              re.IGNORECASE)


class ReadoutCapture:
    """The navigator's read-out capture; :class:`~payerline.agent.navigator.IvrNavigator` owns the state."""

    _context: CallContext
    _claim_identified: bool
    _search_open: bool
    _skip_readout: bool
    _clear_ids: dict[int, dict[str, set[str]]]
    _lost_values: dict[int, set[str]]
    _claim_level: dict[int, set[str]]
    _id_lengths: dict[str, set[int]]
    _deductibles: dict[int, tuple[Extraction[Decimal], Heard]]
    _copays: dict[int, tuple[Extraction[Decimal], Heard]]
    _deductibles_taken: set[tuple[int, int]]
    _paid_on_dates: dict[int, date]
    _check_dated: set[int]
    _menu_hearings: dict[tuple[tuple[str, str], ...], int]
    _confirmed_numbers: dict[int, tuple[str, Heard]]
    _global_used: set[str]
    _global_pressed: set[str]

    def _option_score(self, option: MenuOption, goal: str) -> int:
        raise NotImplementedError  # the navigator scores options for its goals

    def _capture_readout(self, heard: list[tuple[str, Heard]]) -> None:
        if not self._claim_identified:
            return
        if any(_PAYMENT_LISTING.search(text) for text, _ in heard):
            # "Here are the most recent payments to your office. Payment one: ..." lists the provider's payments,
            # which need not be any claim's of the request.
            return
        context = self._context
        claim = context.claims[context.ivr_claim]
        # Menu options and entry prompts are no read-out ("... and billed amount, press 2").
        texts = [text for text, _ in heard]
        claim_level, lines = split_lines(texts)
        summary = summary_after_lines(texts, lines)
        heard = [(readout_text(text), where) for text, where in heard]
        claim_heard = heard[:claim_level] + [heard[index] for index in summary]
        relabelled = reimbursements_as_allowed([text for text, _ in claim_heard], context.call_date)
        claim_heard = [(text, where) for text, (_, where) in zip(relabelled, claim_heard)]
        # A repeated read-out of several claims reads the other claims again too, so each hearing is filtered.
        other_claims, twin_sentences = self._other_claims([text for text, _ in claim_heard])
        _forget_other_claims_values(claim, [text for index, (text, _) in enumerate(claim_heard) if index in twin_sentences],
                                    [text for index, (text, _) in enumerate(claim_heard) if index not in other_claims],
                                    context.call_date)
        captured = False
        for index, (text, where) in enumerate(claim_heard):
            if index in other_claims:
                self._skip_readout = True
                continue
            if not text or _ANNOUNCEMENT.search(text):
                continue
            values = {name: value for name, value in parse_fields(text, context.call_date, readout=True).items()
                      if name not in PERSON_FIELDS}
            for name in self._implausible(values):
                del values[name]
            unlabelled = parse_unlabelled_claim_number(text) if not values else None
            unlabelled_name = unlabelled_field(unlabelled.value, claim) if unlabelled is not None else None
            if unlabelled is not None and unlabelled_name is not None:
                values[unlabelled_name] = unlabelled
            deductible = parse_deductible(text)
            copay = parse_copay(text)
            if copay is not None and not self._skip_readout:
                self._copays[context.ivr_claim] = (copay, where)
            if not self._skip_readout:
                self._note_lost_values(text, values)
            if not values:
                if deductible is not None and not self._skip_readout:
                    self._deductibles[context.ivr_claim] = (deductible, where)
                continue
            billed = values.get("billed_amount")
            expected = context.claim_query(context.ivr_claim).billed_amount
            if billed is not None and billed.value != expected and lost_words_of(billed.value, expected):
                # "for hundred seventy" for 470: the request's charges with a word lost on the line.
                values["billed_amount"] = Extraction(expected, billed.confidence)
                billed = values["billed_amount"]
            if billed is not None and billed.value != expected and claim.status is None:
                logger.info("call %s: IVR read a claim with other charges; skipping it", context.call_id)
                self._skip_readout = True
                continue
            self._skip_readout = False
            if deductible is not None:
                self._deductibles[context.ivr_claim] = (deductible, where)
            if "paid_date" in values:
                self._settle_paid_on(text, values)
            self._note_clear_ids(values, where)
            self._claim_level.setdefault(context.ivr_claim, set()).update(values)
            captured = True
            if context.capture(context.ivr_claim, values, where, SOURCE_IVR):
                claim.ivr_readout = True
                self._menu_hearings.clear()
                self._global_used.clear()
                self._global_pressed.clear()
        confirmed = self._confirmed_numbers.pop(context.ivr_claim, None) if captured else None
        if confirmed is not None and "claim_number" not in claim.fields:
            # The read-out of a claim found by the number keyed: that number, as the IVR read it back, is its own.
            context.capture(context.ivr_claim, {"claim_number": Extraction(confirmed[0], 0.9)}, confirmed[1], SOURCE_IVR)
        if captured:
            self._search_open = False
            # The request's claim was read, with another claim of the same dates after it (a voided claim
            # and its replacement): the read-out is the request's, to hear again like any other.
            self._skip_readout = False
        self._deductible_as_responsibility()
        self._copay_as_responsibility()
        approved_as_payment(claim)
        if lines and not self._skip_readout:
            self._capture_lines(lines, heard)
        settle_ivr_fields(claim, self._evidence(claim.index))
        for earlier in context.claims[:claim.index]:
            # A claim number settled now is evidence of the length of those heard before it.
            if earlier.ivr_readout:
                settle_ivr_fields(earlier, self._evidence(earlier.index))
        reconcile_unpaid_amounts(claim)

    def _settle_paid_on(self, text: str, values: dict[str, Extraction[Any]]) -> None:
        """Tell a remittance date from the payment's own date across a read-out's sentences.

        "This claim was paid on the remittance advice dated October 16" then
        "Checkwrite number ..., released October 20": the check's date is the
        paid date, and the earlier one is when the claim was processed.
        """
        context = self._context
        claim = context.claims[context.ivr_claim]
        label = paid_date_label(text)
        paid_on = self._paid_on_dates.get(claim.index)
        if label == "check":
            self._check_dated.add(claim.index)
            if paid_on is None or paid_on == values["paid_date"].value:
                return
            record = claim.fields.get("paid_date")
            if record is not None and record.source == SOURCE_IVR and record.value == paid_on:
                del claim.fields["paid_date"]
                claim.ivr_hearings.pop("paid_date", None)
            if "processed_date" not in claim.fields and "processed_date" not in values:
                values["processed_date"] = Extraction(paid_on, 0.85)
        elif label == "paid_on":
            self._paid_on_dates[claim.index] = values["paid_date"].value
            if claim.index in self._check_dated and "paid_date" in claim.fields:
                # A repeated read-out: the check date heard before stays the paid date.
                paid_on_value = values.pop("paid_date").value
                if "processed_date" not in claim.fields and "processed_date" not in values:
                    values["processed_date"] = Extraction(paid_on_value, 0.85)

    def _note_lost_values(self, text: str, values: dict[str, Extraction[Any]]) -> None:
        lost = lost_values(text, self._context.call_date).difference(values)
        if lost:
            logger.info("call %s: IVR read-out lost the value of %s", self._context.call_id, sorted(lost))
            self._lost_values.setdefault(self._context.ivr_claim, set()).update(lost)

    def _note_clear_ids(self, values: dict[str, Extraction[Any]], where: Heard) -> None:
        if where.confidence < LOW_CONFIDENCE:
            return
        clear = self._clear_ids.setdefault(self._context.ivr_claim, {})
        for name in IDENTIFIER_FIELDS:
            if name in values:
                clear.setdefault(name, set()).add(str(values[name].value))

    def _evidence(self, claim_index: int) -> IdentifierEvidence:
        """Return the call's evidence about the claim's identifiers: lengths and values heard clearly.

        Claim numbers of one payer share a length, so the request's claim
        numbers, the lengths prompts state and the sibling claims' settled
        numbers all give it.
        """
        found = {name: set(values) for name, values in self._id_lengths.items()}
        found["claim_number"].update(self._sibling_lengths(claim_index))
        lengths = {name: frozenset(values) for name, values in found.items() if values}
        clear = {name: frozenset(values) for name, values in self._clear_ids.get(claim_index, {}).items()}
        return IdentifierEvidence(lengths, clear)

    def _sibling_lengths(self, claim_index: int) -> set[int]:
        """Return the lengths of the other claims' claim numbers heard alike twice, once clearly, or confirmed."""
        lengths = set()
        for other in self._context.claims:
            record = other.fields.get("claim_number")
            if other.index == claim_index or record is None:
                continue
            value = str(record.value)
            heard_twice = [str(item) for item in other.ivr_hearings.get("claim_number", [value])].count(value) >= 2
            clear = value in self._clear_ids.get(other.index, {}).get("claim_number", set())
            if record.confirmed_by_readback or (record.source == SOURCE_IVR and heard_twice and clear):
                lengths.add(len(value))
        return lengths

    def _implausible(self, values: dict[str, Extraction[Any]]) -> set[str]:
        """Name the read-out values that fail a structural check, as the representative dialog does."""
        context = self._context
        query = context.claim_query(context.ivr_claim)
        heard = {name: value.value for name, value in values.items()}
        known = {name: record.value for name, record in context.claims[context.ivr_claim].fields.items()}
        doubtful = implausible_fields(heard, known, query.service_date_from, query.billed_amount, context.call_date)
        if doubtful:
            logger.info("call %s: IVR read-out %s failed a structural check; ignoring it", context.call_id, sorted(doubtful))
        return doubtful

    def _other_claims(self, texts: list[str]) -> tuple[set[int], frozenset[int]]:
        """Return the sentences of read-out claims that are not the request's, and those of its twins among them."""
        context = self._context
        # A claim number another claim of the call has, or is asked about by, is not this claim's (two requests for
        # twin claims).
        taken = {str(claim.fields["claim_number"].value) for claim in context.claims
                 if claim.index != context.ivr_claim and "claim_number" in claim.fields}
        taken.update(number for index in range(len(context.claims)) if index != context.ivr_claim
                     and (number := context.claim_query(index).payer_claim_number) is not None)
        taken_places = {place for index, place in context.kept_ordinals.items() if index != context.ivr_claim}
        judged = judge_readout_claims(texts, context.claim_query(context.ivr_claim), context.call_date, taken,
                                      context.kept_ordinals.get(context.ivr_claim), taken_places)
        context.twin_numbers.setdefault(context.ivr_claim, set()).update(judged.twin_numbers)
        if judged.kept_ordinal is not None:
            context.kept_ordinals[context.ivr_claim] = judged.kept_ordinal
        other = judged.other_sentences
        if other:
            logger.info("call %s: IVR read a claim with other charges or dates; skipping it", context.call_id)
        return other, judged.twin_sentences

    def _deductible_as_responsibility(self) -> None:
        """Take the deductible of a claim applied to the deductible as its patient responsibility.

        With no payment, the whole allowed amount went to the deductible, and
        the patient owes exactly that.
        """
        context = self._context
        claim = context.claims[context.ivr_claim]
        heard = self._deductibles.get(context.ivr_claim)
        if heard is None or claim.status != ClaimStatus.APPLIED_TO_DEDUCTIBLE:
            return
        amount, where = heard
        # Each hearing of the deductible counts once, so a repeated read-out can settle it.
        if (context.ivr_claim, where.utterance) in self._deductibles_taken:
            return
        self._deductibles_taken.add((context.ivr_claim, where.utterance))
        context.capture(context.ivr_claim, {"patient_responsibility": Extraction(amount.value, 0.85)}, where, SOURCE_IVR)

    def _copay_as_responsibility(self) -> None:
        """Take a copay read as a field of its own as the patient responsibility, when it is all the patient owes.

        "Allowed $112.40. Paid $107.40. Copayment $5.00." names no patient
        responsibility, but the copay is the whole gap between the allowed
        amount and the payment. A copay that is only part of that gap (a
        deductible or coinsurance besides) is not taken.
        """
        context = self._context
        claim = context.claims[context.ivr_claim]
        copay = self._copays.get(context.ivr_claim)
        allowed, paid = claim.fields.get("allowed_amount"), claim.fields.get("paid_amount")
        if copay is None or "patient_responsibility" in claim.fields or allowed is None or paid is None:
            return
        amount, where = copay
        if allowed.value - paid.value != amount.value:
            return
        context.capture(context.ivr_claim, {"patient_responsibility": Extraction(amount.value, 0.85)}, where, SOURCE_IVR)

    def _capture_lines(self, lines: list[LineReadout], heard: list[tuple[str, Heard]]) -> None:
        """Keep line-level detail, and fill claim totals the read-out gave only per line."""
        context = self._context
        claim = context.claims[context.ivr_claim]
        # A repeated read-out reads every line again: keep one hearing of the lines, the latest.
        claim.lines.clear()
        for line in lines:
            fields = line.fields(context.call_date)
            claim.lines.append((line.procedure_code(), fields, heard[line.start][1]))
        announced = announced_line_count([text for text, _ in heard])
        if (announced is not None and announced != len(lines)) or not lines_in_order(lines):
            logger.info("call %s: IVR lines heard incompletely; no totals from lines", context.call_id)
            return
        # The claim's own amounts win: line sums only fill what the read-out gave per line alone.
        read = self._claim_level.get(context.ivr_claim, set())
        totals = {name: value for name, value in claim_totals_from_lines(lines, context.call_date).items()
                  if name not in read}
        if totals and context.capture(context.ivr_claim, totals, heard[lines[-1].start][1], SOURCE_IVR):
            claim.ivr_readout = True
            self._menu_hearings.clear()
        self._deductible_as_responsibility()

    def _search_came_back(self, analysis: PromptAnalysis) -> bool:
        """Tell whether a search ended in its own menu with no read-out and a "found" left of "no claims were found".

        "[No claims] were found for the [information] entered", then the
        claim search menu again: the search found nothing.
        """
        claim = self._context.claims[self._context.ivr_claim]
        if claim.ivr_readout or claim.status is not None or not _FOUND_LEFT.search(analysis.text.lower()):
            return False
        return any(self._option_score(option, "claim_status") > 0 for option in analysis.options)

    def _record_not_found(self, heard: list[tuple[str, Heard]]) -> None:
        """Note an IVR search that found no claim; a person is asked before the claim counts as not on file."""
        context = self._context
        claim = context.claims[context.ivr_claim]
        self._search_open = False
        if claim.status is None:
            claim.ivr_not_found = True
            claim.ivr_readout = True
            claim.notes.append("the IVR found no claim for these search details")


def _forget_other_claims_values(claim: ClaimState, other: list[str], kept: list[str], call_date: date) -> None:
    """Drop read-out values that a claim now known to be another one gave, and the request's claim did not.

    A listing arrives in pieces: "Claim one, ... Status: cancelled." may be
    taken before "Claim two, ... Billed charges two hundred forty dollars"
    shows that the second claim is the request's.
    """
    if not other:
        return
    theirs = {name: value.value for text in other for name, value in parse_fields(text, call_date, readout=True).items()}
    ours = [(name, value.value) for text in kept for name, value in parse_fields(text, call_date, readout=True).items()]
    for name, value in theirs.items():
        record = claim.fields.get(name)
        if record is not None and record.source == SOURCE_IVR and record.value == value and (name, value) not in ours:
            del claim.fields[name]
            claim.ivr_hearings.pop(name, None)


def approved_as_payment(claim: ClaimState) -> None:
    """Take the approved amount of a claim waiting for its payment cycle as the amount it will be paid.

    "This claim has been approved to pay and will be released in the
    financial cycle dated ... Approved amount forty-eight dollars": with no
    payment named and nothing left to the patient, what was approved is
    what the payment will be.
    """
    allowed = claim.fields.get("allowed_amount")
    owed = claim.fields.get("patient_responsibility")
    if (claim.status != ClaimStatus.PAYMENT_FLOOR or "paid_amount" in claim.fields or allowed is None
            or allowed.source != SOURCE_IVR or (owed is not None and owed.value != 0)):
        return
    claim.record("paid_amount", Extraction(allowed.value, min(allowed.confidence, 0.8)), allowed.heard, SOURCE_IVR)


# A reference number for the call itself, which some IVRs give before the transfer to a person.
# Not a payment's reference: "Payment reference number E T two six ..." is the check or EFT number, and so is a
# reference whose value opens with a trace's letters.
_CLAIM_REFERENCE = re.compile(r"(?<!payment )(?<!check )(?<!eft )(?<!e f t )(?<!remittance )(?<!remit )(?<!trace )"
                              r"(?<!transaction )(?<!confirmation )(?<!call )\breference(?: (?:number|no\.?|#)|"
                              # "Claim one, reference E two six zero ...": the label without "number".
                              r"(?=,? (?:[a-z]|zero|oh|one|two|three|four|five|six|seven|eight|nine)\b))"
                              # "..., reference number E F T zero zero nine ...": a payment's trace.
                              r"(?!,? (?:is )?(?:eft|e f t|ach|a c h|trn|t r n)\b)", re.IGNORECASE)
_CALL_REFERENCE = re.compile(r"\b(?:this|the|your|today's) call\b|\bcall reference\b|\breference (?:number )?for (?:this|the|your|today's) "
                             r"(?:call|inquiry)\b", re.IGNORECASE)


def readout_text(text: str) -> str:
    """Return an utterance without its menu options and entry prompts; nothing for a read-back of an entry.

    "To search by member ID, date of service and billed amount, press 2"
    names a billed amount of "two" to a read-out parser, and "You entered
    1 2 3 4. If this is correct, press 1" reads back what the caller keyed.
    """
    if confirmation(normalize_prompt(text)) is not None:
        return ""
    kept = []
    for sentence in re.split(r"(?<=[.?!;])\s+", text.strip()):
        normalized = normalize_prompt(sentence)
        if normalized and not menu_options(normalized) and input_request(normalized) is None:
            if not _CALL_REFERENCE.search(sentence):
                # "For dates beginning February 11, reference number B W two six A ...": an IVR reads no call
                # reference inside a claim's read-out, so the reference named there is the claim's number.
                sentence = _CLAIM_REFERENCE.sub("claim number", sentence)
            kept.append(sentence)
    return " ".join(kept)
