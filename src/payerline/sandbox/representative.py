"""The representative simulator: a person who picks up after hold.

The representative greets with a name, verifies the caller in a seeded
order and wording, and finds the claim by its date of service or claim
number. It then answers questions about claim fields from the payer's
records, with phrase-bank templates and varied spoken values. Scenario behaviours change
how it talks (see :class:`payerline.sandbox.scenario.RepBehaviour`).
Every word comes from the phrase bank or the payer file.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from payerline.domain.codes import ClaimStatus
from payerline.sandbox import hearing, questions
from payerline.sandbox.call import Dropped, RepContact
from payerline.sandbox.ivr import Disconnect
from payerline.sandbox.ops import Heard, Listen, Pause, Play, Spoken
from payerline.sandbox.records import ClaimRecord, MemberRecord, ProviderRecord
from payerline.sandbox.scenario import FaultKind, RepBehaviour
from payerline.sandbox.spoken import (
    amount_words,
    codes_words,
    code_words,
    date_words,
    days_words,
    id_words,
    spell_words,
)
from payerline.sandbox.verification import Verifier

if TYPE_CHECKING:
    from payerline.sandbox.call import CallScript

RepStep = Generator[object, object, object]
MAX_TURNS = 80
MUMBLE_CONFIDENCE = 0.35


class Representative:
    """One person on the line, from pickup to hang-up."""

    def __init__(self, call: CallScript, *, wrong_department: bool = False) -> None:
        self.call = call
        self.rng = call.rng
        self.bank = call.bank
        self.config = call.payer.representatives
        self.wrong_department = wrong_department
        self.name = self.rng.choice(self.config.names)
        self.behaviour = RepBehaviour.STANDARD
        if call.rep_behaviour_pending and not wrong_department:
            self.behaviour = call.scenario.rep_behaviour
            call.rep_behaviour_pending = False
        self.reference = self._make_reference()
        self.member = self._scenario_member()
        self.claims = self._scenario_claims()
        self.claim: ClaimRecord | None = None
        self.discussed: list[str] = []
        self.answers = 0
        self.reference_given = False
        self.last: list[tuple[str, object]] = []
        self.mumble_pending = self.behaviour == RepBehaviour.MUMBLES_ONCE
        self.correction_pending = self.behaviour == RepBehaviour.SELF_CORRECTS
        self.heard_text = ""
        # The caller's claim matched no record, and the representative reported it.
        self.no_record_reported = False
        self.last_said: tuple[Spoken, ...] = ()

    # -- setup ---------------------------------------------------------------

    def _scenario_member(self) -> MemberRecord | None:
        wanted = self.call.scenario.member_id.upper()
        return next((m for m in self.call.payer.records.members if m.member_id.upper() == wanted), None)

    def _scenario_claims(self) -> list[ClaimRecord]:
        by_id = {c.id: c for m in self.call.payer.records.members for c in m.claims}
        return [by_id[i] for i in self.call.scenario.claim_ids if i in by_id]

    def enrolled_providers(self) -> list[ProviderRecord]:
        """Return every provider enrolled with the payer, the only records provider ids are verified against."""
        return list(self.call.payer.records.providers)

    def _make_reference(self) -> str:
        style = self.config.reference_format
        if self.behaviour == RepBehaviour.SPELLS_PHONETIC and style == "digits":
            style = "letters_digits"
        length = self.config.reference_length
        letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
        if style == "initials_date":
            return self.name[0].upper() + self.rng.choice(letters) + self.call.local_now().strftime("%m%d%y")
        digits = str(self.rng.randint(1, 9)) + "".join(str(self.rng.randint(0, 9)) for _ in range(length - 1))
        if style == "letters_digits":
            return self.rng.choice(letters) + self.rng.choice(letters) + digits[: length - 2]
        return digits

    # -- speaking and listening ----------------------------------------------

    def say(self, texts: list[str], *, confidence: float = 1.0) -> RepStep:
        texts = [t for t in texts if t]
        if texts:
            yield from self.say_spoken(tuple(Spoken(t, confidence) for t in texts))

    def say_spoken(self, sentences: tuple[Spoken, ...]) -> RepStep:
        """Speak ``sentences`` and remember them, so a repeat request without an answer to repeat can replay them."""
        self.last_said = sentences
        yield Play(sentences, keep_speech=True)

    def listen(self, patience_s: float | None = None) -> Generator[object, object, str | None]:
        """Wait for the caller's turn; merge sentences said back to back. None after silence."""
        heard = yield Listen(first_timeout_s=patience_s or self.config.patience_s, keys=False)
        if not isinstance(heard, Heard) or heard.speech is None:
            return None
        parts = [heard.speech]
        while True:
            more = yield Listen(first_timeout_s=0.8, keys=False)
            if more.speech is None:
                break
            parts.append(more.speech)
        text = " ".join(parts)
        self.heard_text += " " + text
        return text

    def listen_or_prompt(self) -> Generator[object, object, str]:
        """Listen; after silence ask whether the caller is there; hang up after the second silence."""
        text = yield from self.listen()
        if text is not None:
            return text
        yield from self.say([self.bank.pick("still_there", self.rng)])
        text = yield from self.listen()
        if text is not None:
            return text
        yield from self.say([self.bank.pick("no_response_goodbye", self.rng)])
        raise Disconnect("no response from the caller")

    def pick(self, key: str, **values: str) -> str:
        return self.bank.pick(key, self.rng, **values)

    # -- the conversation ------------------------------------------------------

    def run(self) -> Generator[object, object, str]:
        """Talk with the caller; returns "to_ivr" when sending the caller back to the IVR."""
        department = self.call.payer.faults.wrong_department if self.wrong_department else self.config.department
        self.call.line.representatives.append(
            RepContact(self.name, self.reference, department, self.call.line.script_time_s())
        )
        self.call.note(f"representative picks up ({'wrong department' if self.wrong_department else self.behaviour.value})")
        if self.wrong_department:
            yield from self.say([self.pick("wrong_department_greeting", name=self.name, department=department)])
            yield from self.listen_or_prompt()
            yield from self.say([self.pick("wrong_department", department=department)])
            raise Disconnect("wrong department")
        yield from self.say([self.pick("greeting", name=self.name)])
        yield from self.listen_or_prompt()
        yield from self._refusal_faults()
        if self.behaviour == RepBehaviour.SENDS_TO_IVR:
            yield from self._send_to_ivr()
            return "to_ivr"
        verified = yield from Verifier(self).run()
        if not verified:
            yield from self.say([self.pick("verify_failed"), self.pick("closing")])
            raise Disconnect("verification failed")
        yield from self._conversation()
        return "done"

    def _send_to_ivr(self) -> RepStep:
        """Tell the caller to use the IVR; answer a request for the name or reference first."""
        yield from self.say([self.pick("send_to_ivr")])
        for _ in range(3):
            text = yield from self.listen(patience_s=4.0)
            if text is None:
                break
            sentences = []
            if questions.asks_name(text):
                sentences.append(self._name_sentence())
                self.last = [("representative_name", self.name)]
            if questions.asks_reference(text):
                sentences.append(self._reference_sentence())
                self.last = [("reference_number", self.reference)]
            if questions.is_repeat_request(text) and self.last:
                yield from self._repeat(spell=questions.wants_spelling(text))
                continue
            if questions.is_readback(text) and (yield from self._confirm_readback(text)):
                continue
            if not sentences:
                break
            yield from self.say(sentences)
        yield from self.say([self.pick("transferring")])
        self.call.note("representative sends the caller back to the IVR")

    def _refusal_faults(self) -> RepStep:
        if self.call.fault_pending(FaultKind.SYSTEMS_DOWN):
            yield from self.say([self.pick("systems_down")])
            raise Disconnect("systems down")
        if self.call.fault_pending(FaultKind.NO_AUTOMATED_CALLS):
            recorded = self.call.payer.faults.no_automated_calls_say
            yield from self.say(list(recorded) if recorded else [self.pick("no_automated_calls")])
            raise Disconnect("automated calls refused")

    def _conversation(self) -> RepStep:
        for _ in range(MAX_TURNS):
            text = yield from self.listen_or_prompt()
            done = yield from self._respond(text)
            if done:
                return
        yield from self.say([self.pick("closing")])
        raise Disconnect("turn limit reached")

    def _respond(self, text: str) -> Generator[object, object, bool]:
        """Answer one caller turn; returns True when the call is over."""
        if questions.is_repeat_request(text) and self.last:
            yield from self._repeat(spell=questions.wants_spelling(text))
            return False
        if questions.is_repeat_request(text) and self.last_said and not questions.asked_fields(text):
            yield from self.say_spoken(tuple(Spoken(s.text) for s in self.last_said))
            return False
        if questions.is_readback(text) and (yield from self._confirm_readback(text)):
            return False
        if questions.is_closing(text):
            yield from self._close()
            return True

        new_claim = self._other_claim_in(text)
        if new_claim is not None or questions.mentions_new_claim(text):
            yield from self._switch_claim(new_claim, wrong_one_open=questions.rejects_open_claim(text))
            return False

        sentences: list[Spoken] = []
        fields = questions.asked_fields(text)
        if questions.asks_name(text):
            sentences.append(Spoken(self._name_sentence()))
            self.last = [("representative_name", self.name)]
        if questions.asks_reference(text):
            sentences.append(Spoken(self._reference_sentence()))
            self.last = [("reference_number", self.reference)]
        if fields:
            sentences += yield from self._answer_fields(fields)
        if not sentences:
            sentences = [Spoken(self.pick("not_understood"))]
        yield from self.say_spoken(tuple(sentences))
        return False

    # -- claims ------------------------------------------------------------

    def claims_by_date(self, dates: list[date]) -> list[ClaimRecord]:
        return [c for c in self.claims if c.service_date_from in dates or c.service_date_to in dates]

    def claims_by_number(self, text: str) -> list[ClaimRecord]:
        return [c for c in self.claims if c.claim_number and hearing.contains_id(text, c.claim_number)]

    def claims_described(self, text: str) -> list[ClaimRecord]:
        """Return the claims a caller's words point to: by claim number, else by date of service.

        Of several claims on the date, those whose billed amount the caller
        named come first, as a person comparing the charges would pick them.
        """
        found = self.claims_by_number(text) or self.claims_by_date(hearing.dates_in(text))
        return _named_charges_first(found, text)

    def select_claim(self, claim: ClaimRecord) -> RepStep:
        self.claim = claim
        self.last = []
        if claim.id not in self.discussed:
            self.discussed.append(claim.id)
        self.call.note(f"representative on claim {claim.id}")
        yield Pause(round(self.rng.uniform(*self.config.answer_delay_s), 2))
        key = "claim_not_on_file" if claim.status == ClaimStatus.NOT_ON_FILE else "claim_found"
        yield from self.say([self.pick(key)])

    def _other_claim_in(self, text: str) -> ClaimRecord | None:
        others = [c for c in self.claims if self.claim is None or c.id != self.claim.id]
        by_number = [c for c in others if c.claim_number and hearing.contains_id(text, c.claim_number)]
        if by_number:
            return by_number[0]
        if questions.is_readback(text):
            return None
        dates = hearing.dates_in(text)
        matches = _named_charges_first([c for c in others if c.service_date_from in dates], text)
        fresh = [c for c in matches if c.id not in self.discussed]
        return (fresh or matches or [None])[0]

    def _switch_claim(self, claim: ClaimRecord | None, *, wrong_one_open: bool = False) -> RepStep:
        if wrong_one_open and self.claim is not None and self.claim.id in self.discussed:
            # The claim pulled up was not the caller's: looking at the right one is still the one inquiry.
            self.discussed.remove(self.claim.id)
        if self.discussed and self.call.fault_is(FaultKind.ONE_CLAIM_PER_CALL):
            self.call.note("representative refuses a second claim")
            yield from self.say([self.pick("one_claim_per_call"), self.pick("anything_else")])
            return
        if claim is None:
            yield from self.say([self.pick("next_claim")])
            text = yield from self.listen_or_prompt()
            found = self.claims_described(text)
            if not found:
                # The claim discussed before is not the one asked about now.
                self.claim, self.no_record_reported = None, True
                yield from self.say([self.pick("claim_not_on_file")])
                return
            claim = found[0]
        yield from self.select_claim(claim)

    # -- answers -----------------------------------------------------------

    def _answer_fields(self, fields: list[str]) -> Generator[object, object, list[Spoken]]:
        if self.claim is None and self.no_record_reported:
            # A person who found no record has no value to give, and reports that rather than asking which claim.
            return [Spoken(self.pick("no_value", label=self.bank.field_labels[field])) for field in fields]
        if self.claim is None:
            return [Spoken(self.pick("which_claim"))]
        if self.answers == 0 or self.rng.random() < 0.3:
            yield Pause(round(self.rng.uniform(*self.config.answer_delay_s), 2))
        sentences: list[Spoken] = []
        self.last = []
        for field in fields:
            sentences += self._answer(field)
        self.answers += 1
        if self.call.drop_after_answers is not None and self.answers >= self.call.drop_after_answers:
            self.call.note("fault drop while talking with the representative")
            yield Play(tuple(sentences[:1]), keep_speech=True)
            raise Dropped()
        return sentences

    def _answer(self, field: str) -> list[Spoken]:
        claim = self.claim
        label = self.bank.field_labels[field]
        if field in self.config.withheld_fields:
            return [Spoken(self.pick("withheld", label=label))]
        if field == "line_detail":
            return self._line_detail()
        value = claim.field_value(field)
        if value is None:
            return [Spoken(self.pick("no_value", label=label))]
        self.last.append((field, value))
        template = self.bank.field_template(field, claim.status.value, self.rng)
        if self.mumble_pending:
            self.mumble_pending = False
            self.call.note(f"representative mumbles the {field}")
            return [Spoken(self.pick("mumble"), MUMBLE_CONFIDENCE)]
        spoken = self.spoken_value(field, value, allow_correction=True)
        return [Spoken(template.format(value=spoken))]

    def _line_detail(self) -> list[Spoken]:
        lines = self.claim.lines
        if not lines:
            return [Spoken(self.pick("no_value", label=self.bank.field_labels["line_detail"]))]
        count = "line_count_one" if len(lines) == 1 else "line_count"
        sentences = [Spoken(self.pick(count, count=str(len(lines))))]
        for index, line in enumerate(lines, start=1):
            values = {
                "index": str(index),
                "procedure_code": " ".join(line.procedure_code),
                "status": self.rng.choice(self.bank.status_words[(line.status or self.claim.status).value]),
                "billed_amount": amount_words(line.billed_amount, self.rng),
                "paid_amount": amount_words(line.paid_amount or Decimal(0), self.rng),
            }
            sentences.append(Spoken(self.pick("line_detail", **values)))
            if line.carc_codes:
                sentences.append(Spoken(self.pick("line_denial", carc_codes=codes_words(line.carc_codes, self.rng))))
        return sentences

    def spoken_value(self, field: str, value: object, *, allow_correction: bool = False, clear: bool = False) -> str:
        """Return ``value`` of ``field`` as this representative says it."""
        spoken = self._render(field, value, clear=clear)
        if allow_correction and self.correction_pending and isinstance(value, date | Decimal | str) and field != "missing_information":
            wrong = self._wrong_value(value)
            if wrong is not None and wrong != value:
                self.correction_pending = False
                self.call.note(f"representative self-corrects the {field}")
                return f"{self._render(field, wrong)}, {self.pick('self_correction')} {spoken}"
        return spoken

    def _render(self, field: str, value: object, *, clear: bool = False) -> str:
        rng = self.rng
        if isinstance(value, ClaimStatus):
            return rng.choice(self.bank.status_words[value.value])
        if isinstance(value, bool):
            return rng.choice(self.bank.cashed_words[value])
        if isinstance(value, date):
            return date_words(value, rng)
        if isinstance(value, Decimal):
            return amount_words(value, rng)
        if field in ("expected_processing_days", "timely_filing_days"):
            return days_words(int(value), rng)
        if field in ("carc_codes", "rarc_codes"):
            return codes_words(list(value), rng)
        if field == "adjustment_group_code":
            return code_words(str(value))
        if field in ("claim_number", "check_number", "reference_number"):
            return self._id(str(value), clear=clear)
        return str(value)

    def _id(self, value: str, *, clear: bool = False) -> str:
        phonetic = self.behaviour == RepBehaviour.SPELLS_PHONETIC or clear or self.rng.random() < 0.3
        if self.behaviour == RepBehaviour.GROUPS_DIGITS or clear:
            group = 3
        else:
            group = self.rng.choice((None, 3, 4))
        return id_words(value, self.rng, group=group, phonetic=phonetic)

    def _wrong_value(self, value: object) -> object | None:
        if isinstance(value, date):
            return date.fromordinal(value.toordinal() + self.rng.choice((-9, -1, 1, 9)))
        if isinstance(value, Decimal):
            return value + Decimal(self.rng.choice((-10, 10, 90)))
        if isinstance(value, str) and value.isdigit() and len(value) > 3:
            position = self.rng.randrange(len(value))
            return value[:position] + str((int(value[position]) + 1) % 10) + value[position + 1 :]
        return None

    def _name_sentence(self) -> str:
        template = self.rng.choice(self.bank.fields["representative_name"])
        name = self.name
        if self.behaviour == RepBehaviour.SPELLS_PHONETIC:
            name = f"{self.name}, {spell_words(self.name)}"
        return template.format(value=name)

    def _reference_sentence(self) -> str:
        self.reference_given = True
        template = self.rng.choice(self.bank.fields["reference_number"])
        return template.format(value=self._render("reference_number", self.reference))

    def _repeat(self, *, spell: bool) -> RepStep:
        sentences = [self.pick("spell_intro" if spell else "repeat_intro")]
        for field, value in self.last:
            if field == "representative_name":
                sentences.append(f"{self.name}, {spell_words(self.name)}.")
                continue
            template = self.rng.choice(self.bank.fields[field])
            sentences.append(template.format(value=self._render(field, value, clear=True)))
        yield from self.say(sentences)

    def _confirm_readback(self, text: str) -> Generator[object, object, bool]:
        """Confirm or correct a read-back; returns False when ``text`` contains no value to check."""
        candidates = [*self.last, ("reference_number", self.reference), ("representative_name", self.name)]
        verdicts = [(field, value, _mentions(field, value, text)) for field, value in candidates]
        wrong = [(field, value) for field, value, verdict in verdicts if verdict is False and field in dict(self.last)]
        right = [field for field, _, verdict in verdicts if verdict is True]
        if wrong:
            field, value = wrong[0]
            yield from self.say([self.pick("readback_wrong", value=self._render(field, value, clear=True))])
            return True
        if right:
            yield from self.say([self.pick("readback_correct")])
            return True
        return False

    def _close(self) -> RepStep:
        if self.call.drop_after_answers is not None:
            self.call.note("fault drop at the closing")
            raise Dropped()
        sentences = []
        if not self.reference_given:
            sentences.append(self._reference_sentence())
        sentences.append(self.pick("closing"))
        yield from self.say(sentences)
        yield from self.listen(patience_s=4.0)
        yield from self.say([self.pick("goodbye")])


def _mentions(field: str, value: object, text: str) -> bool | None:
    """Return True if ``text`` states ``value``, False if it states another value of its kind, else None."""
    if isinstance(value, date):
        dates = hearing.dates_in(text)
        return (value in dates) if dates else None
    if isinstance(value, Decimal):
        amounts = hearing.amounts_in(text)
        return (value in amounts) if amounts else None
    if field == "representative_name":
        return True if hearing.contains_name(text, str(value)) else None
    if isinstance(value, str) and re.fullmatch(r"[A-Z0-9]+", value):
        if hearing.contains_id(text, value):
            # Read back with characters added around it ("S R M 2 6 ..." for "RM26..."), it is another number.
            read = hearing.characters_in(text)
            return not (value in read and read != value and len(read) <= len(value) + 3)
        return False if len(hearing.characters_in(text)) >= max(5, len(value) - 3) else None
    return None


def _named_charges_first(claims: list[ClaimRecord], text: str) -> list[ClaimRecord]:
    """Order ``claims`` with those whose billed amount ``text`` names first, keeping their order otherwise."""
    amounts = set(hearing.amounts_in(text))
    return sorted(claims, key=lambda claim: claim.billed_amount not in amounts)
