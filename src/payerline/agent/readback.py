"""Read-backs with a representative: reading values back and judging the replies.

Billers read each identifier back as soon as they hear it, and amounts and
dates once, so a misheard digit is corrected on the spot. On a noisy line a
reply counts only when it responds to the read-back: an explicit yes, a no,
or the value stated again. A number stated again is one more hearing, settled
with the earlier ones (see agent/confirm.py).
"""

from __future__ import annotations

import logging
import re
from datetime import date
from decimal import Decimal
from typing import Any

from payerline.agent import formats
from payerline.agent.confirm import MAX_RECOVERED_DIGITS, is_subsequence, merge_hearings, most_heard
from payerline.agent.context import CallContext, Step
from payerline.agent.extract import extract_identifier, extract_person_name, extract_yes_no
from payerline.agent.extract.result import Extraction
from payerline.agent.prompts import normalize_prompt
from payerline.agent.readout import parse_answer, parse_fields
from payerline.agent.results import SOURCE_REPRESENTATIVE, FieldRecord, Heard
from payerline.telephony.actions import Speak

logger = logging.getLogger(__name__)

# The confidence of a name the representative introduces ("my name is ..."), not one read from a bare word.
_STATED_NAME = 0.9

READBACK_FIELDS = frozenset({"claim_number", "check_number", "reference_number"})
# Amounts and dates a person gives are read back once too; a correction replaces the value.
VALUE_READBACK_FIELDS = frozenset({"billed_amount", "allowed_amount", "paid_amount", "patient_responsibility",
                                   "received_date", "processed_date", "paid_date"})

# "Actually, it's ...": the representative corrects the value read back. A reply that starts
# with "it's" and a number does too, since its "no" is often lost on a noisy line.
_CORRECTION_LEAD = re.compile(r"^\W*(?:actually|not quite|close|sorry|it's|it is)\b", re.IGNORECASE)
# A correction of an amount or date read back, whose value may have been garbled.
_VALUE_CORRECTION = re.compile(r"^\W*(?:not )?quite\b|\bnot quite\b|\blet me fix\b|^\W*actually\b|\bit's actually\b")
# Replies that confirm a read-back. "Okay" or "sure" may only lead into something else.
_EXPLICIT_YES = re.compile(
    r"\b(?:yes|yeah|yep|yup|correct|that's right|that is right|you got it|exactly|affirmative|perfect)\b"
)
_MOVES_ON = re.compile(
    r"let me (?:give|get|read|see|check|pull|look)|(?:i'll|i will|i can|i'm going to|going to) give you|"
    r"here(?:'s| is| are) (?:the|your)|\bready\b|hold on|one moment|give me a (?:sec|second|moment)|"
    r"\bthe (?:claim|check|reference|call reference|icn|dcn|eft|trace) (?:number|id) is\b"
)
# A "no", or an offer to say the value read once more: the reply corrects the read-back instead of moving on.
_RESTATES = re.compile(r"^\W*no\b|\b(?:let me|i'll|i will) (?:give|read|say) (?:that|it|this)(?: to you| one more time)? again\b")
# Labels a representative uses for each identifier read back.
_FIELD_LABELS = {
    "claim_number": re.compile(r"\b(?:claim (?:number|id)|icn|dcn|document control number|claim control number)\b", re.I),
    "check_number": re.compile(r"\b(?:check number|trace number|eft|trace)\b", re.I),
    "reference_number": re.compile(r"\breference\b", re.I),
}

# Read-backs of one identifier: each wrong one brings another hearing to merge.
_MAX_READBACKS = 4


class ReadbackMixin:
    """The read-back half of the representative dialog (mixed into ``RepresentativeDialog``).

    It uses the dialog's state and these of its methods: ``_close``,
    ``_goodbye``, ``_next_question``, ``_answers``, ``_implausible``,
    ``_field_key``, ``_record_for`` and ``_turn_from_other_requests_claim``.
    """

    _context: CallContext
    _pending: str | None
    _closing: bool
    _readback_field: str | None
    _readback_pending: bool
    _readback_deferred: bool
    _readback_rounds: dict[tuple[int, str], int]
    _hearings: dict[tuple[int, str], list[str]]
    _rejected: dict[tuple[int, str], set[Any]]
    _values_heard: dict[tuple[int, str], list[Any]]
    _settled_ids: set[tuple[int, str]]
    _asked: dict[tuple[int, str], int]
    _ivr_check: dict[int, str]

    def _settle_ivr_check(self) -> None:
        """Merge the representative's hearing of the claim number with the IVR's doubtful one."""
        context = self._context
        ivr = self._ivr_check.pop(context.rep_claim, None)
        record = context.claims[context.rep_claim].fields.get("claim_number")
        if ivr is None or record is None or record.source != SOURCE_REPRESENTATIVE:
            if ivr is not None and self._pending == "claim_number":
                self._ivr_check[context.rep_claim] = ivr  # the person has not answered yet
            return
        key = (context.rep_claim, "claim_number")
        heard = str(record.value)
        self._hearings[key] = [heard, ivr]
        if heard == ivr:
            # Two independent hearings agree, and the record's confidence reflects that, so no read-back.
            self._settled_ids.add(key)
            return
        record.value = merge_hearings([heard, ivr])
        logger.info("call %s: claim number heard differently from the IVR; merged the hearings", context.call_id)

    def _readback_text(self) -> str | None:
        fields = self._context.person_fields
        parts = []
        reference = fields.get("reference_number")
        name = fields.get("representative_name")
        if reference is not None and not reference.confirmed_by_readback:
            parts.append(f"the reference number is {' '.join(str(reference.value))}")
        if name is not None and not name.confirmed_by_readback:
            parts.append(f"your name is {name.value}")
        if not parts:
            return None
        return "Let me read that back: " + ", and ".join(parts) + ". Is that correct?"

    def _field_readback(self) -> Step | None:
        """Read an identifier back right after hearing it, as billers do, so a misheard digit is corrected."""
        name = self._pending
        if name not in READBACK_FIELDS and name not in VALUE_READBACK_FIELDS:
            return None
        if name == "claim_number":
            turned = self._turn_from_other_requests_claim()
            if turned is not None:
                return turned
        record = self._record_for(name)
        if record is None or record.confirmed_by_readback or record.source != SOURCE_REPRESENTATIVE and name not in READBACK_FIELDS:
            return None
        key = (-1 if name == "reference_number" else self._context.rep_claim, name)
        if key in self._settled_ids:
            return None
        rounds = self._readback_rounds.get(key, 0)
        if rounds >= (_MAX_READBACKS if name in READBACK_FIELDS else 2):
            return None
        self._readback_rounds[key] = rounds + 1
        self._readback_field = name
        label = name.replace("_", " ")
        return Step([Speak(f"Let me read that back: the {label} is {_spoken_value(record.value)}. Is that correct?")])

    def _after_field_readback(self, text: str) -> Step | None:
        """Judge the answer to a read-back; None when the representative went on to something else.

        A "no" rejects the value read. ("That doesn't match" does not: a
        representative says it of a number read before the claim is found.) A number the
        representative states is one more hearing: the value read next is
        merged from every hearing not rejected (see agent/confirm.py). A
        stated number that is the value read with digits lost confirms it.
        """
        name = self._readback_field
        assert name is not None
        self._readback_field = None
        record = self._record_for(name)
        if record is None:
            self._pending = None
            return self._close() if self._closing else self._next_question()
        if is_mumble(text):
            # "It's, uh, mm, hmm, the, uh...": the reply trailed off, so the value is read once more.
            self._readback_field = name
            readback = self._field_readback()
            if readback is not None:
                return readback
            self._readback_field = None
        if name in VALUE_READBACK_FIELDS:
            return self._after_value_readback(name, record, text)
        key = (-1 if name == "reference_number" else self._context.rep_claim, name)
        hearings = self._hearings.setdefault(key, [str(record.value)])
        rejected = self._rejected.setdefault(key, set())
        answer = extract_yes_no(text)
        stated = extract_identifier(text)
        read = str(record.value)
        if stated is not None and (len(stated.value) > len(read) + MAX_RECOVERED_DIGITS
                                   or stated.value in self._other_identifiers(name)):
            # A number far longer than the one read (a correction garbled into two numbers) or equal to
            # another identifier of the call (the check number just given) is no hearing of this one.
            stated = None
        corrects = answer is not None and not answer.value or bool(_CORRECTION_LEAD.match(text))
        if stated is not None and stated.value == read and not corrects:
            return self._confirm_readback(record)  # the representative said the same number back
        if _moves_on_without_yes(text) and not (stated is not None and _FIELD_LABELS[name].search(text)):
            # "Let me give you the check number, ready? ..." answers nothing about the claim number read,
            # but "The claim number is ..." restates it.
            return self._readback_moved_on()
        if stated is not None and len(stated.value) >= 5 and (stated.value != read or corrects):
            if not corrects and stated.value != read and is_subsequence(stated.value, read):
                return self._confirm_readback(record)
            claim = self._context.claims[self._context.rep_claim]
            if name == "claim_number" and self._context.forget_other_claims_readout(claim, stated.value):
                # "No, it's <another claim's number>": the person is looking at the other claim of those dates.
                self._context.capture(claim.index, {"claim_number": stated}, record.heard, SOURCE_REPRESENTATIVE)
                self._hearings[key] = [stated.value]
                self._rejected[key] = set()
                readback = self._field_readback()  # the new number is read back like any other
                return readback if readback is not None else self._next_question()
            # "Actually, it's <the number read>" means the difference was lost in recognition.
            if corrects:
                rejected.add(read)
            hearings.append(stated.value)
            record.value = _settle_identifier(hearings, rejected, stated.value)
            record.confidence = stated.confidence
            readback = self._field_readback()
            return readback if readback is not None else self._next_question()
        if _explicit_yes(text) and not self._answers(text):
            return self._confirm_readback(record)
        if answer is not None and not answer.value:
            rejected.add(read)
            others = [value for value in hearings if value not in rejected]
            if others:
                record.value = merge_hearings(others)
                readback = self._field_readback()
                if readback is not None:
                    return readback
            self._drop_field(name)
            self._pending = None
            return self._close() if self._closing else self._next_question()
        # Neither a yes, a no nor a number: the representative moved on (a verification
        # question, say). Answer that; the value stays unconfirmed and is read back later.
        return self._readback_moved_on()

    def _other_identifiers(self, name: str) -> set[str]:
        """Return the call's other identifiers heard so far: claim, check and reference numbers."""
        claim = self._context.claims[self._context.rep_claim]
        records = [claim.fields.get(other) for other in READBACK_FIELDS if other != name]
        records.append(self._context.person_fields.get("reference_number") if name != "reference_number" else None)
        return {str(record.value) for record in records if record is not None}

    def _readback_moved_on(self) -> None:
        self._pending = None
        self._readback_deferred = True
        return None

    def _after_value_readback(self, name: str, record: FieldRecord, text: str) -> Step | None:
        """Judge the answer to an amount or date read back: a restated value replaces the one read."""
        answer = extract_yes_no(text)
        restated = parse_answer(name, text, self._context.call_date).get(name)
        if restated is not None and name in self._implausible({name: restated}):
            restated = None
        if _moves_on_without_yes(text) and (restated is None or restated.value != record.value):
            self._pending = None
            return None
        key = (self._field_key(name), name)
        if restated is not None and restated.value != record.value and (answer is None or not answer.value):
            # "No, it's ...": the value read is rejected, and gets no vote if the field is heard again.
            self._rejected.setdefault(key, set()).add(record.value)
            self._values_heard.setdefault(key, [record.value]).append(restated.value)
            record.value, record.confidence = restated.value, restated.confidence
            readback = self._field_readback()
            if readback is not None:
                return readback
            self._pending = None
            return self._close() if self._closing else self._next_question()
        correction = bool(_VALUE_CORRECTION.search(normalize_prompt(text))) or answer is not None and not answer.value
        if (_explicit_yes(text) and not self._answers(text)) or (
            restated is not None and restated.value == record.value and not correction
        ):
            return self._confirm_readback(record)
        if correction:
            # A "no", or a correction whose value the line garbled ("[Not] quite. It's seven hundred forty-one
            # dollars and [sixty-four] cents") or lost the difference in ("Not quite. It's <the value read>"):
            # the value read is wrong, so the question is asked again.
            self._rejected.setdefault(key, set()).add(record.value)
            self._drop_field(name)
            self._pending = None
            return self._next_question()
        self._pending = None
        return None

    def _confirm_readback(self, record: FieldRecord) -> Step:
        record.confirmed_by_readback = True
        self._pending = None
        return self._close() if self._closing else self._next_question()

    def _drop_field(self, name: str) -> None:
        if name == "reference_number":
            self._context.person_fields.pop(name, None)
            self._asked[(-1, name)] = min(self._asked.get((-1, name), 1), 1)
        else:
            self._context.claims[self._context.rep_claim].fields.pop(name, None)

    def _after_readback(self, text: str, heard: list[tuple[str, Heard]]) -> Step:
        self._readback_pending = False
        answer = extract_yes_no(text)
        moved_on = _moves_on_without_yes(text)
        if moved_on or answer is not None and answer.value and not _explicit_yes(text):
            answer = None  # "Okay, let me give you ..." agrees to nothing; only a value said back confirms
        fields = self._context.person_fields
        if answer is not None and answer.value:
            for name in ("reference_number", "representative_name"):
                if name in fields:
                    fields[name].confirmed_by_readback = True
            return self._goodbye()
        restated = parse_fields(text, self._context.call_date)
        name = extract_person_name(text)
        if name is not None:
            restated["representative_name"] = name
            self._take_corrected_name(name, heard)
        corrected = extract_identifier(text)
        reference = fields.get("reference_number")
        # "My name is Rosalinda, R as in Robert, O as in Oscar, ..." spells the name, not a reference.
        spelled_name = name is not None and corrected is not None and corrected.value.isalpha()
        if (
            corrected is not None and reference is not None and not moved_on and not spelled_name
            and len(corrected.value) >= 5 and corrected.value != reference.value
        ):
            reference.value = corrected.value
            reference.confirmed_by_readback = False
            return self._close()
        if answer is None:
            for field_name, value in restated.items():
                if field_name in fields and fields[field_name].value == value.value:
                    fields[field_name].confirmed_by_readback = True
            return self._goodbye()
        if "reference_number" not in restated:
            fields.pop("reference_number", None)
            self._asked[(-1, "reference_number")] = 1
        return self._close()


    def _take_corrected_name(self, name: Extraction[str], heard: list[tuple[str, Heard]]) -> None:
        """Take the name a representative states in reply to its read-back ("My name is Nadia")."""
        record = self._context.person_fields.get("representative_name")
        if record is None or record.value == name.value or name.confidence < _STATED_NAME:
            return
        where = next((where for text, where in heard if extract_person_name(text) is not None), heard[-1][1])
        self._context.capture(self._context.rep_claim, {"representative_name": name}, where, SOURCE_REPRESENTATIVE)
        logger.info("call %s: representative corrected the name read back", self._context.call_id)


def _settle_identifier(hearings: list[str], rejected: set[str], fallback: str) -> str:
    """Settle an identifier from its hearings so far, never returning a value the representative rejected.

    The hearings not rejected are merged (see agent/confirm.py). When every
    hearing was rejected ("Actually, it's <the number read>"), all of them are
    merged, since their digits are still evidence. A merge that returns a
    rejected value yields to the value heard most often, then to ``fallback``.
    """
    kept = [value for value in hearings if value not in rejected] or list(hearings)
    for value in (merge_hearings(kept), most_heard(kept)):
        if value not in rejected:
            return value
    return fallback


# Hesitations, and the words a speaker trailing off says around them.
_HESITATIONS = frozenset({"uh", "um", "umm", "er", "erm", "ah", "mm", "mmm", "mmph", "hmm", "hm"})
_TRAILING_WORDS = frozenset({"it's", "its", "it", "is", "the", "a", "so", "that's", "that", "on", "hang", "let", "me",
                             "see", "here", "well", "right", "and", "just", "like"})


def is_mumble(text: str) -> bool:
    """Tell whether a reply is only hesitations ("It's, uh, mm, hmm, hang on, the, uh..."): nothing was said yet.

    Two hesitations are required, so "Right." or "Okay." alone is not a mumble.
    """
    words = re.findall(r"[a-z']+", text.lower())
    hesitations = sum(word in _HESITATIONS for word in words)
    return hesitations >= 2 and all(word in _HESITATIONS or word in _TRAILING_WORDS for word in words)


def _explicit_yes(text: str) -> bool:
    """Tell whether a reply to a read-back confirms it explicitly, since "sure" or "okay" may lead elsewhere."""
    answer = extract_yes_no(text)
    return (answer is None or answer.value) and bool(_EXPLICIT_YES.search(normalize_prompt(text)))


def _moves_on_without_yes(text: str) -> bool:
    """Tell whether a reply to a read-back goes on to something else without an explicit yes."""
    normalized = normalize_prompt(text)
    if _RESTATES.search(normalized):
        return False  # "No, let me give that to you again. It's ...": the same field, said once more
    return bool(_MOVES_ON.search(normalized)) and not _EXPLICIT_YES.search(normalized)


def _spoken_value(value: Any) -> str:
    """Say a value for a read-back: amounts in dollars, dates in words, identifiers one character at a time."""
    if isinstance(value, Decimal):
        return f"${value:,.2f}"
    if isinstance(value, date):
        return formats.spoken_date(value)
    return " ".join(str(value))
