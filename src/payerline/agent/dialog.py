"""The representative dialog: disclosure, verification answers and the question plan.

When a person picks up, the agent says who it is (the configured disclosure
and recording notice), answers verification questions from the request using
only the fields a claim-status call may disclose, asks for each required field
that is still missing, asks once more for what it did not catch, reads back
the reference number and the representative's name, and ends politely.

Fields it may disclose: caller name, practice, callback number, NPI, TIN, PTAN,
Medicaid provider id, member id, patient and subscriber name, date of birth and
relationship, dates of service, billed amount and claim number. Anything else
(an SSN first of all) is declined; if the representative insists, the call
stops for a person with ``disallowed_question``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from payerline.agent import formats
from payerline.agent.confirm import LOW_CONFIDENCE, implausible_fields, merge_hearings, settle_value
from payerline.agent.context import CallContext, Phase, Step
from payerline.agent.extract import Extraction, extract_person_name, extract_yes_no
from payerline.agent.faults import UNVERIFIED, confirm_question, heard_doubtfully
from payerline.agent.ivr_hearings import same_claim_number
from payerline.agent.prompts import Cue, PromptAnalysis, analyze_prompt, checks_in, normalize_prompt
from payerline.agent.readback import READBACK_FIELDS, VALUE_READBACK_FIELDS, ReadbackMixin, is_mumble
from payerline.agent.readout import parse_answer, parse_fields
from payerline.agent.rep_turns import (
    ACKNOWLEDGEMENT,
    ANNOUNCEMENT,
    CLAIM_FOUND,
    DOUBTFUL_EXTRACTION,
    GIVE_ME,
    GO_AHEAD_WITH,
    INSIST,
    MAX_EXTRA_ATTEMPTS,
    MISMATCH,
    MISUNDERSTOOD,
    NAMES_ITSELF,
    STALL,
    VALUE_WORDS,
    announcement_only,
    one_identifier,
    plausible,
    unanswered_question,
)
from payerline.agent.results import SOURCE_REPRESENTATIVE, FieldRecord, Heard
from payerline.agent.verification import VerificationAnswers
from payerline.domain.codes import ClaimStatus, FailureReason
from payerline.domain.result import PERSON_FIELDS
from payerline.telephony.actions import HangUp, Speak

logger = logging.getLogger(__name__)

# A person's reply to an automated caller that has introduced itself: "This line is for provider office staff only."
# An IVR's greeting may say the same to members, so only a person's words count as a refusal.
_STAFF_ONLY = re.compile(r"\bthis line is for (?:[\w']+ ){0,3}(?:staff|personnel|employees) only\b", re.IGNORECASE)

QUESTIONS: dict[str, str] = {
    "claim_status": "What is the status of the claim?",
    "claim_number": "What is the claim number?",
    "received_date": "What date was the claim received?",
    "processed_date": "What date was the claim processed?",
    "paid_date": "What was the paid date?",
    "billed_amount": "What is the billed amount on the claim?",
    "allowed_amount": "What is the allowed amount?",
    "paid_amount": "What is the paid amount?",
    "patient_responsibility": "What is the patient responsibility?",
    "check_number": "What is the check number or EFT trace number?",
    "adjustment_group_code": "What is the adjustment group code?",
    "carc_codes": "What are the claim adjustment reason codes?",
    "rarc_codes": "Are there any remark codes?",
    "expected_processing_days": "What is the expected processing time?",
    "timely_filing_days": "What is the timely filing limit?",
    "representative_name": "May I have your name, please?",
    "reference_number": "Could I get a reference number for this call?",
}

# Verification answers that identify the provider, not the member.
_PROVIDER_KINDS = frozenset({"npi", "npi_kind", "tin", "ptan", "medicaid_provider_id"})


# The same answer given this many times, and asked for again, is a loop: the person is not finding the claim
# from it, and giving it once more will not change that.
MAX_SAME_ANSWER = 4


class RepresentativeDialog(ReadbackMixin):
    """Talks with one or more representatives during a call."""

    def __init__(self, context: CallContext) -> None:
        self._context = context
        self._pending: str | None = None
        self._asked: dict[tuple[int, str], int] = {}
        self._declined = 0
        self._provider_mismatches = 0
        self._transfer_requested = False
        # Set when the representative gives an earlier claim's number while the agent asks about a later one.
        self._on_other_claim = False
        self._greeted = False
        self._closing = False
        self._readback_pending = False
        self._readback_field: str | None = None
        self._readback_rounds: dict[tuple[int, str], int] = {}
        self._hearings: dict[tuple[int, str], list[str]] = {}
        self._rejected: dict[tuple[int, str], set[Any]] = {}
        self._readback_deferred = False
        self._invited = False
        self._readbacks = 0
        self._claim_order: list[int] = []
        self._announced: set[int] = set()
        self._silences = 0
        self._repeats = 0
        # How often each answer was given: a person who keeps asking for what was just given is going nowhere.
        self._given: dict[str, int] = {}
        self._last_speech = ""
        self._waiting_after_ack = False
        # Fields heard this turn in an utterance below LOW_CONFIDENCE, and those asked again once.
        self._doubtful: list[str] = []
        self._repeat_asked: set[tuple[int, str]] = set()
        self._awaiting_repeat: dict[str, Any] = {}
        # Claims the current person has open (verification done), and unclear turns in a row before that.
        self._open: set[int] = set()
        self._unclear = 0
        self._person_heard = False
        self._asked_again = False
        # Every hearing of a field from a person, to vote on when they differ.
        self._values_heard: dict[tuple[int, str], list[Any]] = {}
        # Claim numbers from the IVR asked of the person, and identifiers two hearings settled.
        self._ivr_check: dict[int, str] = {}
        self._settled_ids: set[tuple[int, str]] = set()
        # Claims whose person first opened another claim of the request, and was turned to this one.
        self._turned: set[int] = set()
        self._garbled: dict[tuple[int, str], int] = {}
        self._verification = VerificationAnswers(context, self._announced, self._purpose)
        # A fault asked about once on a poor line ("did you say ...?"): the reason and the turn that said it.
        self._fault_check: tuple[FailureReason, str] | None = None
        self._faults_checked: set[FailureReason] = set()
        # Whether the representative reported a mismatch: a refusal after it is a failed verification.
        self._mismatch_heard = False
        # The kinds of answer the mismatch was about (the answers given just before it).
        self._mismatched_kinds: list[str] = []
        self._turns_since_mismatch = 0

    @property
    def greeted(self) -> bool:
        return self._greeted

    # Entry points

    def on_person_reached(self, analysis: PromptAnalysis, heard: list[tuple[str, Heard]]) -> Step:
        """Greet a person who just picked up: disclosure, recording notice, then answers or purpose.

        A hold announcement taken for a person (a recogniser's "uh" sounds
        human) gets no greeting: the agent goes back to waiting on hold.
        """
        if announcement_only(analysis):
            logger.info("call %s: an announcement, not a person; still on hold", self._context.call_id)
            self._greeted = False  # so the next person who picks up is greeted
            return Step(phase=Phase.HOLD)
        context = self._context
        first_person = not context.person_reached
        context.person_reached = True
        # A new person: the name and reference number to record are this person's.
        context.person_fields.clear()
        self._asked = {key: count for key, count in self._asked.items() if key[0] != -1}
        self._closing = False
        self._readbacks = 0
        self._announced.clear()
        self._open.clear()
        self._unclear = 0
        self._person_heard = analysis.has(Cue.PERSON_GREETING)
        self._mismatch_heard = False
        self._mismatched_kinds = []
        if first_person or context.claims_missing_data() or not self._claim_order:
            self._claim_order = context.claims_missing_data() or [context.rep_claim]
            context.rep_claim = self._claim_order[0]
        self._capture(heard, greeting=True)
        name = extract_person_name(analysis.text)
        request = context.request
        parts = [f"Hi {name.value.split()[0]}." if name else "Hello."]
        parts.append(context.config.disclosure.format(practice=request.caller.practice, caller=request.caller.name))
        parts.append(context.config.recording_notice)
        self._greeted = True
        answers = self._answers(analysis.text)
        if answers is None:
            return self._decline_or_stop(parts)
        if answers:
            parts.extend(answers)
        else:
            parts.append(self._purpose())
        return Step([Speak(" ".join(parts))])

    def on_turn(self, analysis: PromptAnalysis, heard: list[tuple[str, Heard]]) -> Step:
        """Answer one representative turn."""
        self._turns_since_mismatch += 1
        step = self._turn(analysis, heard)
        spoken = [action.text for action in step.actions if isinstance(action, Speak)]
        if spoken and not step.end and not step.finished:
            self._last_speech = " ".join(spoken)
        return step

    def _turn(self, analysis: PromptAnalysis, heard: list[tuple[str, Heard]]) -> Step:
        self._silences = 0
        self._waiting_after_ack = False
        self._invited = analysis.has(Cue.MORE_HELP)
        if self._readback_field is not None or self._readback_pending:
            # An answer to a read-back is judged against what was read, before it is captured.
            fault = self._fault(analysis, heard)
            if fault is not None:
                return fault
            if self._readback_field is not None:
                judged = self._after_field_readback(analysis.text)
                if judged is not None:
                    return judged
            else:
                return self._after_readback(analysis.text, heard)
        if not self._person_heard:
            if announcement_only(analysis):
                return Step(phase=Phase.HOLD)  # no person has spoken yet, so this is a hold announcement
            if NAMES_ITSELF.search(analysis.text):
                return self.on_person_reached(analysis, heard)  # the greeting went to an announcement
            self._person_heard = True
        self._doubtful = []
        captured = self._capture(heard)
        if self._on_other_claim:
            self._on_other_claim = False
            self._forget_person_answers(self._context.rep_claim)
            self._refuse_remaining()
            return self._close()
        self._settle_repeat()
        self._settle_ivr_check()
        self._note_garbled(heard, captured)
        asked_again, self._asked_again = self._asked_again, False
        fault = self._fault(analysis, heard)
        if fault is not None:
            return fault
        answers = self._answers(analysis.text)
        if answers is None:
            return self._decline_or_stop([])
        if answers:
            self._repeats = 0
            self._release_pending()
            answer = " ".join(answers)
            self._given[answer] = self._given.get(answer, 0) + 1
            if self._given[answer] > MAX_SAME_ANSWER:
                logger.info("call %s: the person requested the same answer %d times; ending the call",
                            self._context.call_id, self._given[answer])
                return self._stop(FailureReason.UNESCAPABLE_LOOP)
            return Step([Speak(answer)])
        normalized = normalize_prompt(analysis.text)
        if (analysis.has(Cue.MORE_HELP) and not GO_AHEAD_WITH.search(normalized)
                or CLAIM_FOUND.search(normalized) or analysis.has(Cue.CLAIM_NOT_FOUND)):
            # "What can I tell you about it?" with no verification question in it: the claim is open.
            self._open.add(self._context.rep_claim)
        still_there = checks_in(analysis.text)
        self._asked_again = asked_again and still_there
        if still_there and not captured:
            # The person is waiting for the agent. Before the claim is open it asks once to hear the
            # missed turn again; after that, or once the claim is open, it goes on with its questions.
            if self._context.rep_claim not in self._open and self._unclear < 3 and not self._asked_again:
                self._asked_again = True
                return Step([Speak("Yes, I'm here. I'm sorry, could you repeat that?")])
            self._open.add(self._context.rep_claim)
            step = self._next_question()
            first = step.actions[0] if step.actions else None
            if isinstance(first, Speak):
                step.actions[0] = Speak("Yes, I'm here. " + first.text)
            return step
        if self._declined and INSIST.search(normalized):
            return self._stop(FailureReason.DISALLOWED_QUESTION)
        if analysis.has(Cue.HOLD) or (STALL.search(normalized) and not self._obtained_pending()):
            return Step()
        if not captured and self._repeats < 2:
            again = self._say_again(normalized, analysis)
            if again is not None:
                self._repeats += 1
                return again
        self._repeats = 0
        repeat = self._ask_repeat()
        if repeat is not None:
            return repeat
        readback = self._field_readback()
        if readback is not None:
            return readback
        if not captured and ACKNOWLEDGEMENT.match(normalized) and not analysis.has(Cue.MORE_HELP):
            # "Okay." after an answer: the representative is usually still working; let them go on.
            self._waiting_after_ack = True
            return Step()
        verifying = self._while_verifying(analysis, heard, captured)
        if verifying is not None:
            self._unclear += 1
            return verifying
        self._unclear = 0
        return self._next_question()

    def _while_verifying(self, analysis: PromptAnalysis, heard: list[tuple[str, Heard]],
                         captured: bool) -> Step | None:
        """Respond to a turn not understood while the representative is still verifying the caller.

        Until the claim is open the agent does not push its own questions or
        the purpose (with its date and amount), which a representative
        checking ids takes for wrong answers: it asks to hear a question or a
        garbled turn again, and waits after a statement ("I'll just need to
        verify a few things first"). After three such turns in a row it goes on.
        """
        context = self._context
        if captured or context.rep_claim in self._open or analysis.has(Cue.MORE_HELP) or self._unclear >= 3:
            return None
        if context.rep_claim not in self._announced and not self._verification.last_answer_kinds:
            return None  # no sign that the person is verifying, so give the purpose
        garbled = any(where.confidence < LOW_CONFIDENCE for _, where in heard)
        if analysis.text.rstrip().endswith("?") or garbled:
            return Step([Speak("I'm sorry, could you repeat that?")])
        return Step()

    def _say_again(self, normalized: str, analysis: PromptAnalysis) -> Step | None:
        """Repeat, re-answer or ask for the question when the two sides did not understand each other."""
        if MISMATCH.search(normalized):
            self._mismatch_heard = True
            self._turns_since_mismatch = 0
            self._mismatched_kinds = list(self._verification.last_answer_kinds)
            text = self._verification.after_mismatch()
            if text:
                return Step([Speak(text)])
        if MISUNDERSTOOD.search(normalized) and self._last_speech:
            return Step([Speak(self._last_speech)])
        # "Go ahead and give me the ... please" asks for something; only a bare "go ahead" invites our question.
        invited = analysis.has(Cue.MORE_HELP) and not GIVE_ME.search(normalized)
        if unanswered_question(normalized) and not invited:
            self._release_pending()
            return Step([Speak("I'm sorry, could you repeat the question?")])
        return None

    def _release_pending(self) -> None:
        """Forget an unanswered question of ours, without counting it, when the representative asked first."""
        if self._pending is None or self._obtained_pending():
            return
        key = (-1 if self._closing else self._context.rep_claim, self._pending)
        self._asked[key] = max(0, self._asked.get(key, 1) - 1)
        self._pending = None

    def unverified_reason(self) -> FailureReason | None:
        """Return what a person who hangs up right after "that doesn't match" could not find: member or provider.

        Only the person's reply to the agent's second try counts, in up to two turns. A mismatch the person got
        past explains no later hang-up.
        """
        if not self._mismatch_heard or self._turns_since_mismatch > 2:
            return None
        provider = bool(self._mismatched_kinds) and set(self._mismatched_kinds) <= _PROVIDER_KINDS
        return FailureReason.PROVIDER_NOT_RECOGNIZED if provider else FailureReason.MEMBER_NOT_FOUND

    @property
    def waiting_after_ack(self) -> bool:
        """Whether the representative only acknowledged and may go on after a pause."""
        return self._waiting_after_ack

    def on_silence(self) -> Step:
        """Respond to a quiet representative: go on after an "okay", ask again once, then wait."""
        if self._waiting_after_ack:
            context = self._context
            if context.rep_claim in self._announced and context.rep_claim not in self._open and self._unclear < 2:
                # Still being verified, or the claim is being pulled up: give the person more time.
                self._unclear += 1
                return Step()
            self._waiting_after_ack = False
            step = self._next_question()
            spoken = [action.text for action in step.actions if isinstance(action, Speak)]
            if spoken and not step.end and not step.finished:
                self._last_speech = " ".join(spoken)
            return step
        self._silences += 1
        if self._silences == 1 and self._pending is not None:
            return Step([Speak("Sorry, are you still there? " + QUESTIONS[self._pending])])
        if self._silences == 1:
            return Step([Speak("Hello, are you still there?")])
        return Step()

    # Faults

    def _fault(self, analysis: PromptAnalysis, heard: list[tuple[str, Heard]]) -> Step | None:
        context = self._context
        checking = self._fault_check
        if checking is not None and checking[1] != analysis.text:
            # A yes or a sign-off after "did you say ...?" confirms the fault. Any other reply is read as usual.
            self._fault_check = None
            answer = extract_yes_no(analysis.text)
            if answer is not None and answer.value or analysis.has(Cue.GOODBYE):
                return self._stop(checking[0])
        if analysis.has(Cue.AUTOMATED_REFUSED) or _STAFF_ONLY.search(analysis.text):
            return self._stop_unless_doubtful(FailureReason.AUTOMATED_CALLS_REFUSED, Cue.AUTOMATED_REFUSED, analysis, heard)
        if analysis.has(Cue.CLOSED):
            return self._stop_unless_doubtful(FailureReason.PAYER_CLOSED, Cue.CLOSED, analysis, heard)
        if analysis.has(Cue.SYSTEMS_DOWN) and not analysis.has(Cue.TRANSFER):
            return self._stop_unless_doubtful(FailureReason.SYSTEMS_DOWN, Cue.SYSTEMS_DOWN, analysis, heard)
        if analysis.has(Cue.PROVIDER_NOT_RECOGNIZED) and not analysis.has(Cue.CLAIM_NOT_FOUND):
            # The first time, the ids are given again in another form; a refusal or a second mismatch ends it.
            self._provider_mismatches += 1
            if self._provider_mismatches >= 2 or analysis.has(Cue.REFUSED):
                return self._stop(FailureReason.PROVIDER_NOT_RECOGNIZED)
        if analysis.has(Cue.MEMBER_NOT_FOUND) and not analysis.has(Cue.CLAIM_NOT_FOUND):
            return self._stop_unless_doubtful(FailureReason.MEMBER_NOT_FOUND, Cue.MEMBER_NOT_FOUND, analysis, heard)
        if analysis.has(Cue.CLAIM_NOT_FOUND):
            claim = context.claims[context.rep_claim]
            if claim.status in (None, ClaimStatus.NOT_ON_FILE):
                text, where = heard[-1]
                context.capture(context.rep_claim, {"claim_status": Extraction(ClaimStatus.NOT_ON_FILE, 0.85)}, where, SOURCE_REPRESENTATIVE)
                claim.discussed_with_person = True
        if analysis.has(Cue.ONE_CLAIM_PER_CALL) and self._readback_field == "claim_number" and not self._is_later_claim():
            turned = self._turn_to_number_read()
            if turned is not None:
                return turned
        if analysis.has(Cue.ONE_CLAIM_PER_CALL) and context.rep_claim in self._announced and self._is_later_claim():
            self._refuse_remaining()
            return self._close()
        if analysis.has(Cue.WRONG_DEPARTMENT):
            if not self._transfer_requested:
                self._transfer_requested = True
                return Step([Speak("I'm calling about claim status. Could you please transfer me to the claims department?")])
            return self._stop(FailureReason.WRONG_DEPARTMENT)
        if analysis.has(Cue.BACK_TO_IVR) and (analysis.has(Cue.TRANSFER) or analysis.options):
            context.sent_to_ivr += 1
            if context.sent_to_ivr > 1:
                return self._stop(FailureReason.PAYER_REFUSED)
            return Step([Speak("Okay, thank you.")], phase=Phase.IVR)
        if analysis.has(Cue.REFUSED):
            return self._refused(analysis, heard)
        if analysis.has(Cue.TRANSFER) and not analysis.has(Cue.PERSON_GREETING):
            return Step(phase=Phase.HOLD)
        if analysis.has(Cue.GOODBYE) and not analysis.has(Cue.MORE_HELP):
            if "reference_number" not in context.person_fields and not self._asked.get((-1, "reference_number")):
                self._asked[(-1, "reference_number")] = 1
                self._pending = "reference_number"
                self._closing = True
                return Step([Speak("Before you go, could I get a reference number for this call?")])
            return Step([Speak("Thank you, goodbye.")], finished=True)
        return None

    def _refused(self, analysis: PromptAnalysis, heard: list[tuple[str, Heard]]) -> Step:
        """The representative will not give something: give up that field, or the whole call if nothing is released."""
        context = self._context
        normalized = normalize_prompt(analysis.text)
        whole = re.search(r"any information|claim information|discuss (?:it|this|that)|discuss with you|release (?:any|the) information|"
                          r"release anything|anything on (?:that|this) claim|\bfurther\b|(?:claim|encounter|bill) details|"
                          r"(?:encounter|bill) information|health information", normalized)
        if whole:
            # "Without the correct [information] I can't release anything": verification failed.
            if UNVERIFIED.search(normalized) or self._mismatch_heard:
                # A refusal right after "that doesn't match" ends a failed verification too. When the answers that
                # did not match were the provider's ids, the provider is what the payer does not know.
                provider = bool(self._mismatched_kinds) and set(self._mismatched_kinds) <= _PROVIDER_KINDS
                return self._stop(FailureReason.PROVIDER_NOT_RECOGNIZED if provider else FailureReason.MEMBER_NOT_FOUND)
            if not self._verification.answered_any:
                # Refused before any question about the caller: only the disclosure was heard, so the
                # refusal is of automated callers, even when the words that said so were lost.
                return self._stop(FailureReason.AUTOMATED_CALLS_REFUSED)
            return self._stop_unless_doubtful(FailureReason.PAYER_REFUSED, Cue.REFUSED, analysis, heard)
        if self._pending is None:
            return self._next_question()
        claim = context.claims[context.rep_claim]
        self._readback_field = None
        record = claim.fields.get(self._pending)
        if record is not None and record.source == SOURCE_REPRESENTATIVE and not record.confirmed_by_readback:
            # "I'm not [able] two give out the allowed amount" gave "two" as a value: a refusal has no value.
            del claim.fields[self._pending]
        claim.refused_fields.add(self._pending)
        self._asked[(context.rep_claim, self._pending)] = context.config.max_question_attempts
        self._asked[(-1, self._pending)] = context.config.max_question_attempts
        self._pending = None
        return self._next_question()

    def _other_claim_named(self, number: Extraction[Any] | None) -> int | None:
        """Return the index of the other claim of the call whose number was already heard as ``number``, if any."""
        context = self._context
        if number is None:
            return None
        return next((
            index for index, claim in enumerate(context.claims)
            if index != context.rep_claim and "claim_number" in claim.fields
            and str(claim.fields["claim_number"].value) == str(number.value)
        ), None)

    def _twin_to_turn(self, other: int) -> bool:
        """Tell whether claim ``other`` shares this claim's first day and charges, and the person was not yet turned.

        A cancelled claim and the one billed again have the same day and charges, so a person asked about the second
        may open the first. That person is turned to the claim meant, once, rather than taken to refuse it.
        """
        context = self._context
        if context.rep_claim in self._turned:
            return False
        this, that = context.claim_query(context.rep_claim), context.claim_query(other)
        return this.service_date_from == that.service_date_from and this.billed_amount == that.billed_amount

    def _forget_person_answers(self, index: int) -> None:
        """Drop the representative's answers recorded for claim ``index``, because they were about another claim."""
        claim = self._context.claims[index]
        for name in [name for name, record in claim.fields.items() if record.source == SOURCE_REPRESENTATIVE]:
            del claim.fields[name]
        claim.discussed_with_person = False
        logger.info("call %s: representative gave another claim's number; dropped its answers for claim %d",
                    self._context.call_id, index)

    def _is_later_claim(self) -> bool:
        return bool(self._claim_order) and self._context.rep_claim != self._claim_order[0]

    def _refuse_remaining(self) -> None:
        context = self._context
        position = self._claim_order.index(context.rep_claim) if context.rep_claim in self._claim_order else 0
        for index in self._claim_order[position:]:
            claim = context.claims[index]
            if not claim.discussed_with_person or not claim.fields:
                claim.reason = FailureReason.ONE_CLAIM_PER_CALL
                claim.discussed_with_person = False
                claim.notes.append("the representative handles one claim per call; call again for this claim")
        if position > 0:
            context.rep_claim = self._claim_order[position - 1]
        logger.info("call %s: representative refused further claims", context.call_id)

    def _stop_unless_doubtful(
        self, reason: FailureReason, cue: Cue, analysis: PromptAnalysis, heard: list[tuple[str, Heard]]
    ) -> Step:
        """End the call for a fault, or first ask "did you say ...?" once when it was heard below ``LOW_CONFIDENCE``.

        A cue may rest on one misheard word. If the far end hangs up instead of answering, the fault explains it.
        """
        if not heard_doubtfully(cue, heard) or analysis.has(Cue.GOODBYE) or reason in self._faults_checked:
            return self._stop(reason)
        self._faults_checked.add(reason)
        self._fault_check = (reason, analysis.text)
        self._context.last_fault = reason
        logger.info("call %s: %s heard on a low-confidence line; asking to confirm", self._context.call_id, reason.value)
        return Step([Speak(confirm_question(reason))])

    def _stop(self, reason: FailureReason) -> Step:
        if reason in (FailureReason.MEMBER_NOT_FOUND, FailureReason.PROVIDER_NOT_RECOGNIZED):
            for claim in self._context.claims:
                claim.reason = claim.reason or reason
        goodbye = "I understand. Someone from our office will follow up. Thank you, goodbye."
        return Step([Speak(goodbye), HangUp(reason.value)], end=reason)

    def _decline_or_stop(self, parts: list[str]) -> Step:
        self._declined += 1
        if self._declined > 1:
            return self._stop(FailureReason.DISALLOWED_QUESTION)
        parts.append(
            "I'm sorry, I'm not able to provide that. I can verify with the member ID, the patient's name and date of birth."
        )
        return Step([Speak(" ".join(parts))])

    # Capturing answers

    def _capture(self, heard: list[tuple[str, Heard]], greeting: bool = False) -> bool:
        """Record the values in a representative turn; return whether an answer was heard, new or again.

        A greeting gives only the person's name: claim values in it belong to
        an announcement heard as the person picked up. Values the agent did not
        ask for never overwrite ones already heard, and a value heard again is
        voted with its earlier hearings.
        """
        context = self._context
        captured = False
        claim = context.claims[context.rep_claim]
        for text, where in heard:
            if ANNOUNCEMENT.search(text) and not analyze_prompt(text).has(Cue.PERSON_GREETING):
                continue  # an announcement heard while with a person is not the person's answer
            values: dict[str, Extraction[Any]] = {}
            if not greeting:
                values = (parse_answer(self._pending, text, context.call_date) if self._pending is not None
                          else parse_fields(text, context.call_date))
            name = self._introduced_name(text, greeting)
            if name is not None:
                values["representative_name"] = name
            values = {name: value for name, value in values.items() if plausible(name, value)}
            values = one_identifier(values, self._pending)
            named = self._other_claim_named(values.get("claim_number"))
            if self._is_later_claim() and named is not None and not self._twin_to_turn(named):
                # The representative is still on an earlier claim: a refusal of this one that went unheard.
                self._on_other_claim = True
                return captured
            doubtful = self._implausible(values)
            if self._pending != "missing_information":
                values.pop("missing_information", None)  # "I need the date of birth" asks; it reports nothing
            values = {
                name: value for name, value in values.items()
                if name not in doubtful and (name == self._pending or name in self._awaiting_repeat
                                             or name not in claim.fields and name not in context.person_fields)
            }
            values = self._voted(values)
            changed = context.capture(context.rep_claim, values, where, SOURCE_REPRESENTATIVE) if values else []
            if any(name not in PERSON_FIELDS for name in changed):
                claim.discussed_with_person = True
            if any(name not in PERSON_FIELDS for name in values):
                self._open.add(context.rep_claim)  # a person giving claim values has the claim open
            if changed or any(name == self._pending or name in self._awaiting_repeat for name in values):
                captured = True
            # A doubtful utterance, or a value whose words were partly lost ("hundred eighty days").
            self._doubtful.extend(name for name, value in values.items() if name != "found" and (
                where.confidence < LOW_CONFIDENCE or value.confidence < DOUBTFUL_EXTRACTION))
        return captured

    def _merged(self, key: tuple[int, str], kept: str, value: Extraction[Any]) -> Extraction[Any]:
        """Merge an identifier heard again with its earlier hearings not rejected (see agent/confirm.py)."""
        if value.value == kept or key in self._awaiting_repeat_keys():
            return value  # a repetition asked for is settled by _settle_repeat
        hearings = self._hearings.setdefault(key, [kept])
        hearings.append(value.value)
        rejected = self._rejected.get(key, set())
        merged = merge_hearings([heard for heard in reversed(hearings) if heard not in rejected] or [value.value])
        return value if merged == value.value else Extraction(merged, value.confidence)

    def _awaiting_repeat_keys(self) -> set[tuple[int, str]]:
        return {(self._field_key(name), name) for name in self._awaiting_repeat}

    def _introduced_name(self, text: str, greeting: bool) -> Extraction[str] | None:
        """Return the representative's name when it was requested or given in an introduction."""
        asked_name = self._pending == "representative_name"
        if not (greeting or asked_name or re.search(r"\bmy name|this is|speaking with|you've reached", text, re.I)):
            return None
        name = extract_person_name(text)
        if name is not None and self._names_payer(name.value):
            return None  # "Thanks for waiting, this is Tri-County": the person's own name was lost
        introduced = name is not None and (asked_name or name.confidence >= 0.9)
        return name if introduced and "representative_name" not in self._context.person_fields else None

    def _names_payer(self, name: str) -> bool:
        """Tell whether every word of ``name`` is a word of the payer's id ("Tri-County" of tri-county-ppo)."""
        payer_words = set(self._context.request.payer_id.split("-"))
        words = name.lower().rstrip(".").replace("-", " ").split()
        return bool(words) and all(word in payer_words for word in words)

    def _voted(self, values: dict[str, Extraction[Any]]) -> dict[str, Extraction[Any]]:
        """Vote an amount, date, code or count heard again from a person with its earlier hearings.

        Identifiers are settled by their own merge (read-backs and repeats);
        a value the representative rejected at a read-back gets no vote.
        """
        voted = {}
        for name, value in values.items():
            record = self._record_for(name)
            key = (self._field_key(name), name)
            if name in READBACK_FIELDS and record is not None and record.source == SOURCE_REPRESENTATIVE:
                voted[name] = self._merged(key, str(record.value), value)
                continue
            if name in PERSON_FIELDS or name == "found" or record is None or record.source != SOURCE_REPRESENTATIVE:
                voted[name] = value
                continue
            hearings = self._values_heard.setdefault(key, [record.value])
            hearings.append(value.value)
            rejected = self._rejected.get(key, set())
            winner = settle_value([heard for heard in hearings if not any(heard == no for no in rejected)]
                                  or [value.value])
            voted[name] = value if winner == value.value else Extraction(winner, value.confidence)
            if winner != value.value:
                logger.info("call %s: %s heard differently; kept the value heard most", self._context.call_id, name)
        return voted

    def _ask_repeat(self) -> Step | None:
        """Ask once to hear again values heard only in a low-confidence utterance.

        A field about to be read back is left to the read-back, whose answer is
        the second hearing.
        """
        context = self._context
        readback = self._pending if self._pending in READBACK_FIELDS | VALUE_READBACK_FIELDS else None
        names = [name for name in dict.fromkeys(self._doubtful) if name != readback]
        names = [name for name in names if (self._field_key(name), name) not in self._repeat_asked]
        self._doubtful = []
        if not names:
            return None
        self._awaiting_repeat = {}
        for name in names:
            record = self._record_for(name)
            if record is not None:
                self._repeat_asked.add((self._field_key(name), name))
                self._awaiting_repeat[name] = record.value
        if not self._awaiting_repeat:
            return None
        logger.info("call %s: %s heard on a low-confidence line; asking to repeat", context.call_id,
                    sorted(self._awaiting_repeat))
        return Step([Speak("Sorry, the line broke up. Could you repeat that?")])

    def _settle_repeat(self) -> None:
        """Settle values asked again: numbers merged across both hearings, amounts and dates the repetition.

        A value the representative did not repeat keeps its first hearing and lower confidence.
        """
        earlier, self._awaiting_repeat = self._awaiting_repeat, {}
        for name, first in earlier.items():
            record = self._record_for(name)
            if name not in READBACK_FIELDS or record is None or record.value == first:
                continue
            key = (self._field_key(name), name)
            hearings = self._hearings.setdefault(key, [first])
            hearings.append(record.value)
            # The repetition goes first, so a tie between two substituted hearings keeps it.
            record.value = merge_hearings([record.value, first])

    def _field_key(self, name: str) -> int:
        return -1 if name in self._context.person_fields or name == "reference_number" else self._context.rep_claim

    def _implausible(self, values: dict[str, Extraction[Any]]) -> set[str]:
        """Name heard values that fail a structural check (see agent/confirm.py); they count as unheard."""
        context = self._context
        claim = context.claims[context.rep_claim]
        query = context.claim_query(context.rep_claim)
        heard = {name: value.value for name, value in values.items()}
        known = {name: record.value for name, record in claim.fields.items()}
        doubtful = implausible_fields(heard, known, query.service_date_from, query.billed_amount, context.call_date)
        if doubtful:
            logger.info("call %s: heard %s failed a structural check; asking again", context.call_id, sorted(doubtful))
        return doubtful

    def _obtained_pending(self) -> bool:
        if self._pending is None:
            return False
        return self._pending in self._context.person_fields or self._pending in self._context.claims[self._context.rep_claim].fields

    # The question plan

    def _plan(self) -> list[str]:
        claim = self._context.claims[self._context.rep_claim]
        if claim.status is None:
            return ["claim_status"]
        status = claim.fields["claim_status"]
        if claim.status is ClaimStatus.NOT_ON_FILE and status.source != SOURCE_REPRESENTATIVE:
            # The IVR's search can miss a claim a person finds; ask before taking "not on file".
            return ["claim_status", *(name for name in claim.missing_claim_data() if name != "found")]
        return [name for name in claim.missing_claim_data() if name != "found" and name not in claim.refused_fields]

    def _next_question(self) -> Step:
        context = self._context
        if self._closing:
            return self._close()
        if context.rep_claim not in self._announced:
            return Step([Speak(self._purpose())])
        check = self._check_ivr_claim_number()
        if check is not None:
            return check
        for name in self._plan():
            key = (context.rep_claim, name)
            count = self._asked.get(key, 0)
            if count >= self._attempts(key):
                continue
            self._asked[key] = count + 1
            self._pending = name
            context.claims[context.rep_claim].discussed_with_person = True
            text = QUESTIONS[name] if count == 0 else f"Sorry, I didn't catch that. {QUESTIONS[name]}"
            return Step([Speak(text)])
        self._pending = None
        following = [index for index in self._claim_order if index > context.rep_claim]
        if following:
            context.rep_claim = following[0]
            return Step([Speak("Thank you. " + self._purpose(another=True))])
        return self._close()

    def _check_ivr_claim_number(self) -> Step | None:
        """Check the claim number the IVR read out, once the representative has the claim open.

        Before that the representative is verifying the caller, and a number
        read to them would be taken for a wrong answer. A number heard doubtfully
        from the IVR is asked for, an independent hearing merged with the IVR's;
        a clear one is read back. After the representative moved on from a
        read-back, it is read again only when invited ("what can I tell you?").
        """
        context = self._context
        claim = context.claims[context.rep_claim]
        heard_from_ivr = claim.fields.get("claim_number")
        invited = not self._readback_deferred or self._invited
        if heard_from_ivr is None or heard_from_ivr.source == SOURCE_REPRESENTATIVE or not invited:
            return None
        if context.rep_claim not in self._open:
            return None
        known = context.known_claim_number(context.rep_claim, Extraction(str(heard_from_ivr.value), 1.0)).value
        if known != heard_from_ivr.value:
            # The IVR's hearing lost a digit of the number the agent asked about: read back that number.
            heard_from_ivr.value = known
            claim.ivr_hearings.pop("claim_number", None)
        key = (context.rep_claim, "claim_number")
        if "claim_number" in claim.doubtful_ivr_fields(LOW_CONFIDENCE) and not self._asked.get(key):
            self._asked[key] = 1
            self._pending = "claim_number"
            self._ivr_check[context.rep_claim] = str(heard_from_ivr.value)
            return Step([Speak(QUESTIONS["claim_number"])])
        self._pending = "claim_number"
        readback = self._field_readback()
        if readback is not None:
            return readback
        self._pending = None
        return None

    def _attempts(self, key: tuple[int, str]) -> int:
        """Return how often a question may be asked: the configured attempts, plus one per garbled answer."""
        return self._context.config.max_question_attempts + min(self._garbled.get(key, 0), MAX_EXTRA_ATTEMPTS)

    def _note_garbled(self, heard: list[tuple[str, Heard]], captured: bool) -> None:
        """Count a reply that tried to answer the pending question but gave no usable value.

        Such a reply was heard at low confidence, has numbers, dates or
        amounts in it yet gave no value ("It paid dollars and twelve cents"),
        or is only hesitations ("It's, uh, mm, hmm, the, uh...").
        The line garbled an answer, so asking again is likely to get it.
        """
        if self._pending is None or captured or self._obtained_pending():
            return
        text = " ".join(text for text, _ in heard)
        if parse_fields(text, self._context.call_date):
            return  # the reply gave another field's value
        if (any(where.confidence < LOW_CONFIDENCE for _, where in heard) or VALUE_WORDS.search(text.lower())
                or is_mumble(text)):
            key = (-1 if self._closing else self._context.rep_claim, self._pending)
            self._garbled[key] = self._garbled.get(key, 0) + 1

    def _turn_from_other_requests_claim(self) -> Step | None:
        """Turn the person to the request's claim when the claim they opened is another one.

        Two claims of a request can share a day and charges (a cancelled
        claim and the one billed again). A person who reads a number other
        than the request's for this claim, or the number the call already
        has for another claim, is looking at another claim. Their answers
        about it are dropped, and the agent names the claim it means: by its
        number when the request has one, else by its date, charges and
        procedure codes.
        """
        context = self._context
        index = context.rep_claim
        claim = context.claims[index]
        record = claim.fields.get("claim_number")
        if record is None or record.source != SOURCE_REPRESENTATIVE or index in self._turned:
            return None
        query = context.claim_query(index)
        heard = str(record.value)
        if query.payer_claim_number is not None:
            if same_claim_number(heard, query.payer_claim_number):
                return None
        elif heard not in {str(other.fields["claim_number"].value) for other in context.claims
                           if other.index != index and "claim_number" in other.fields}:
            return None
        logger.info("call %s claim %d: the person opened another claim; naming this one", context.call_id, index)
        self._turned.add(index)
        for name in [name for name, field in claim.fields.items() if field.source == SOURCE_REPRESENTATIVE]:
            del claim.fields[name]
            self._asked.pop((index, name), None)
        for key in [key for key in self._readback_rounds if key[0] == index]:
            del self._readback_rounds[key]
        self._hearings.pop((index, "claim_number"), None)
        self._rejected.pop((index, "claim_number"), None)
        self._pending = None
        if query.payer_claim_number is not None:
            number = " ".join(query.payer_claim_number)
            return Step([Speak(f"That's a different claim. The claim I'm asking about is claim number {number}.")])
        text = (f"That claim I already have. I'm asking about the other claim for date of service "
                f"{formats.spoken_date(query.service_date_from)}, billed amount ${query.billed_amount:.2f}")
        codes = list(dict.fromkeys(line.procedure_code for line in query.lines if line.procedure_code))
        if codes:
            text += f", with procedure codes {' and '.join(codes)}"
        return Step([Speak(text + ".")])

    def _turn_to_number_read(self) -> Step | None:
        """Name the claim read back when the person took its number for a second claim of the call.

        On the first claim, "I can only look at one claim per call" right after
        the agent read a claim number back means the person has another claim
        open, one of the same day and charges. The agent names the number read
        back, once, as the claim of the request.
        """
        context = self._context
        index = context.rep_claim
        record = context.claims[index].fields.get("claim_number")
        if record is None or index in self._turned:
            return None
        logger.info("call %s claim %d: the person has another claim open; naming this one", context.call_id, index)
        self._turned.add(index)
        self._readback_field = None
        self._pending = None
        number = " ".join(str(record.value))
        return Step([Speak("That's a different claim from the one you have open. The claim I'm asking about is claim "
                           f"number {number}.")])

    def _purpose(self, another: bool = False) -> str:
        context = self._context
        self._announced.add(context.rep_claim)
        query = context.claim_query(context.rep_claim)
        when = formats.spoken_date(query.service_date_from)
        if query.service_date_to and query.service_date_to != query.service_date_from:
            when += f" through {formats.spoken_date(query.service_date_to)}"
        opening = "I have another claim to check" if another else "I'm calling to check the status of a claim"
        text = f"{opening}, for date of service {when}, billed amount ${query.billed_amount:.2f}."
        claim = context.claims[context.rep_claim]
        if claim.ivr_readout and claim.missing_claim_data():
            missing = ", ".join(name.replace("_", " ") for name in claim.missing_claim_data() if name != "found")
            text += f" The automated system did not give the {missing}."
        return text

    def _close(self) -> Step:
        """Ask the representative's name and a reference number, read them back, then say goodbye."""
        context = self._context
        self._closing = True
        for name in ("representative_name", "reference_number"):
            key = (-1, name)
            if name in context.person_fields or self._asked.get(key, 0) >= self._attempts(key):
                continue
            count = self._asked.get(key, 0)
            self._asked[key] = count + 1
            self._pending = name
            text = QUESTIONS[name] if count == 0 else f"Sorry, I didn't catch that. {QUESTIONS[name]}"
            return Step([Speak(text)])
        self._pending = None
        readback = self._readback_text()
        if readback and self._readbacks < 2:
            self._readbacks += 1
            self._readback_pending = True
            return Step([Speak(readback)])
        return self._goodbye()

    def _record_for(self, name: str) -> FieldRecord | None:
        if name in self._context.person_fields or name == "reference_number":
            return self._context.person_fields.get(name)
        return self._context.claims[self._context.rep_claim].fields.get(name)

    def _goodbye(self) -> Step:
        return Step([Speak("Thank you for your help today. Goodbye."), HangUp("call complete")], finished=True)

    # Verification answers

    def _answers(self, text: str) -> list[str] | None:
        """Answer each verification question in ``text``; None when one asks for something not allowed."""
        return self._verification.answers(text)
