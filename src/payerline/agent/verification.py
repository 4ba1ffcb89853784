"""Answers to a representative's verification questions, from the fields a claim-status call may disclose."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date

from payerline.agent import formats
from payerline.agent.context import CallContext
from payerline.agent.prompts import normalize_prompt
from payerline.domain.request import ClaimStatusRequest

logger = logging.getLogger(__name__)

_VERIFICATION: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("disallowed", r"social security|\bssn\b|maiden name|credit card|bank account|routing number|password|"
                       r"\bpin\b|(?:member|patient|subscriber)'?s? (?:home )?(?:address|phone|email|employer)|"
                       r"home address|email address|diagnosis|driver'?s license|\bsocial\b(?! work)"),
        ("npi_kind", r"individual or (?:the )?group(?: npi)?\b|group or (?:the )?individual(?: npi)?\b"),
        ("npi", r"\bnpi\b|national provider"),
        ("tin", r"tax id|\btin\b|tax identification|\bein\b|last (?:5|five) of (?:the|your) (?:\w+ )?id\b"),
        ("ptan", r"\bptan\b|provider transaction"),
        ("medicaid_provider_id", r"medicaid provider|provider (?:number|id)\b|your medicaid (?:number|id)\b"),
        ("relationship", r"subscriber or (?:a )?dependent|dependent or|relationship|policy ?holder or"),
        ("subscriber_dob", r"subscriber'?s? (?:date of birth|dob|birth ?date)"),
        ("subscriber_name", r"subscriber'?s? name|policy ?holder'?s? name"),
        ("subscriber_id", r"subscriber'?s? (?:member )?(?:id|number)|policy ?holder'?s? (?:id|number)"),
        ("member_id", r"member (?:id|number)|medicare (?:number|id)|\bmbi\b|(?<!tax )id number|"
                      r"medicaid id|id off the card|\bthe id\b|(?<!tax )identification number|member'?s id|"
                      r"recipient id|spell that id|\bthat id\b"),
        ("patient_name", r"(?:patient|member|beneficiary)'?s? (?:first and last )?name|(?<!your )first and last name|"
                         r"spell the last name|(?<!your )(?<!your first and )last name|(?<!your )first name|"
                         r"name as it appears"),
        ("date_of_birth", r"date of birth|\bdob\b|birth ?date"),
        ("date_of_service", r"dates? of service|\bdos\b|from and to|date the patient was seen|service date|"
                            r"single date of service"),
        ("billed_amount", r"billed|total charge|how much did you bill|charges on|the charges"),
        ("claim_number", r"claim (?:number|id)|\bicn\b|\bdcn\b"),
        ("caller_name", r"your name|who am i (?:speaking|with|talking)|who do i have|who is calling|name and where|your first name|"
                        r"your (?:first and last|full|last) name|(?:get|have) a name\b|\band you are\b|"
                        r"pleasure of speaking|who(?:'s| is) this"),
        ("practice", r"where you're calling from|where are you calling from|name of the office|calling from|"
                     r"billing company|provider's office|what office|which office"),
        ("callback_number", r"call ?back number|phone number|number to reach|in case we get disconnected"),
        ("purpose", r"how (?:can|may) i (?:help|assist)|what can i do for you|are you calling about|what are we looking"
                    r"|calling about claim|what do you need|reason for (?:your|the) call"),
    )
)
QUESTION_LEAD = re.compile(
    r"^(?:and |okay,? |ok,? |so |um,? |alright,? |great,? |thanks,? |thank you,? |got(?: it)?,? |perfect,? |now,? )*"
    r"(?:can|could|may|what|what's|is|are|do|"
    r"does|did|who|how|please|go ahead|i need|i'll need|i just need|i will need|verify|spell|read|tell|give|"
    r"i'd need|let me get|let me have|i'm going to need)\b(?!')"  # "can't be billed ..." asks nothing
)
# "And the PTAN for that": a short request whose question mark or last word the line lost.
# Its "and" may be heard as "in" or "an" ("in the Medicaid" for "And the Medicaid ID?").
BARE_REQUEST = re.compile(r"^(?!.*\b(?:is|was|are|were|has|have|matches|matched|verified|confirmed)\b)(?!.*\d)(?:(?:and|an|in|also|okay|alright|now|got it|got|thanks|thank you),? )*(?:the|your) (?:\S+ ){0,5}\S+$")


_MONEY = re.compile(r"\$|\b(?:dollars?|cents|hundred|thousand)\b")
# A request whose question mark and lead word the line lost ("need your PTAN as", "just need the last five of
# the tax ID") still names a field and contains no value. A statement about a field contains "is" or "matches".
_STATEMENT = re.compile(
    r"\b(?:is|was|were|are|has|have|had|match|matches|matched|verified|confirmed|thanks|thank you|got it|i see|"
    r"shows?|showing|found|searched|instead|works?|fine)\b|\bi can\b"
)
_FORMAT_WORDS = re.compile(r"\b(?:last|first) (?:\d+|four|five|six)\b|\b(?:\d+|\w+)[- ](?:digit|character|letter)s?\b")
_VALUE = re.compile(
    r"\d|\b(?:dollars?|cents)\b|"
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\b"
)
# Fields a representative verifies with the caller. A bare mention of one in a representative's turn is a request.
_IMPLICIT_KINDS = frozenset({
    "npi_kind", "npi", "tin", "ptan", "medicaid_provider_id", "relationship", "subscriber_dob", "subscriber_name",
    "subscriber_id", "member_id", "patient_name", "date_of_birth", "callback_number",
})
# Words that survive when the one naming the field was lost: "Okay, go ahead with the ten-digit", "uh date a birth".
_WEAK_READINGS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("npi", r"\b(?:ten|10)[- ]digit\b|\brendering\b"),
        ("tin", r"\blast (?:5|five)\b|\btax\b"),
        ("ptan", r"\btransaction\b|\baccess number\b"),
        ("date_of_birth", r"\bbirth\b|\bborn\b"),
        ("member_id", r"\bprefix\b|\bcard\b|\bmedicare\b|\bmedicaid\b|\bbeneficiary\b|\bmbi\b"),
        ("patient_name", r"\b(?:patient|member|beneficiary)'?s? (?:first|last|full)\b"),
    )
)
_INVITATION = re.compile(
    r"^(?:\w+,? )?go ahead[.!?]?$|what (?:can|could|would|do) (?:i|you)\b.*\b(?:tell|know|need)\b|"
    r"how (?:can|may|could) i (?:help|assist)|anything else"
)
_MEMBER_WORDS = re.compile(r"member|medicare|\bmbi\b|beneficiary|recipient|\bcard\b|\bprefix\b")
# Other readings added after a mismatch: a biller on a bad line offers one or two, not every id on file.
_MAX_OTHER_READINGS = 2
_SUBSCRIBER_KINDS = {"date_of_birth": "subscriber_dob", "member_id": "subscriber_id"}
MISMATCH_CLARIFY = "I'm sorry, the line broke up. Which item do you need me to verify?"


class _TurnReading:
    """What one representative turn asked for and which kinds the agent answered."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.requests: list[str] = []
        self.answered: list[tuple[str, str]] = []


class VerificationAnswers:
    """Builder of the representative dialog's replies to verification questions.

    ``announced`` is the dialog's own set of claims whose purpose the agent has stated, and this class adds to it.
    ``purpose`` returns the purpose sentence for the current claim and adds that claim to ``announced``.

    A question whose key word the line lost may be read as the wrong field. After "that doesn't match", the
    agent answers again in another form and adds the next most likely reading of the same question (the
    subscriber's ID for a bare "ID", the provider's Medicaid number for "your Medicaid number", the subscriber's
    date of birth), the way a biller on a bad line does.
    """

    def __init__(self, context: CallContext, announced: set[int], purpose: Callable[[], str]) -> None:
        self._context = context
        self._announced = announced
        self._purpose = purpose
        # Kinds of the questions answered last, answered again in another form after "that doesn't match".
        self.last_answer_kinds: list[str] = []
        self._last_answered: list[tuple[str, str]] = []
        self._answered_kinds: set[str] = set()
        self._turns: list[_TurnReading] = []

    def answers(self, text: str) -> list[str] | None:
        """Answer each verification question in ``text``; None when one asks for something not allowed."""
        turn = self._turn_reading(text)
        turn.requests, turn.answered = [], []
        answers: list[str] = []
        answered: list[tuple[str, str]] = []
        for sentence in re.split(r"(?<=[.?!])\s+", normalize_prompt(text)):
            if not sentence:
                continue
            kinds = _dedupe_kinds([kind for kind, pattern in _VERIFICATION if pattern.search(sentence)], sentence)
            asked = sentence.endswith("?") or QUESTION_LEAD.search(sentence) or "please" in sentence
            # "Your office billed three hundred forty dollars." states an amount; it requests nothing.
            bare = BARE_REQUEST.search(sentence) is not None and not _MONEY.search(sentence)
            if not (asked or bare or _implicit_request(sentence, kinds)):
                continue
            if not kinds and _INVITATION.search(sentence):
                continue  # "Go ahead." or "What can I tell you?" invites the agent's own question
            if _DICTATION.search(sentence):
                continue  # "Go ahead and write down the claim number, it's ..." gives a value, it asks for none
            turn.requests.append(sentence)
            if "disallowed" in kinds:
                logger.info("call %s: declined a question outside the allowed fields", self._context.call_id)
                return None
            if not kinds:
                kinds = _weak_kinds(sentence)
            for kind in self._with_unasked_reading(kinds, sentence):
                answer = self.answer(kind, sentence)
                if answer and answer not in answers:
                    answers.append(answer)
                    answered.append((kind, sentence))
        if answered:
            self.last_answer_kinds = [kind for kind, _ in answered]
            self._last_answered = answered
            self._answered_kinds.update(self.last_answer_kinds)
            turn.answered = answered
        return answers

    @property
    def answered_any(self) -> bool:
        """Tell whether the agent has answered a question about the provider, the member or the claim on this call.

        Who is calling and from where are asked in the greeting, before verification starts.
        """
        return bool(self._answered_kinds - {"caller_name", "practice", "callback_number", "purpose"})

    def _turn_reading(self, text: str) -> _TurnReading:
        """Return the reading of this turn, reusing the last one because the dialog may read a turn twice."""
        if self._turns and self._turns[-1].text == text:
            return self._turns[-1]
        self._turns = [*self._turns[-1:], _TurnReading(text)]
        return self._turns[-1]

    def _with_unasked_reading(self, kinds: list[str], sentence: str) -> list[str]:
        """Add the next reading of a question about a field already answered: a person rarely asks twice.

        "Can I get your Medicaid number?" right after the member ID was given is
        more likely the provider's number with a word lost; both are allowed answers.
        """
        if len(kinds) != 1 or kinds[0] not in self._answered_kinds:
            return kinds
        for other in _readings_after(kinds[0], sentence):
            if other not in self._answered_kinds and self._differs(other, kinds):
                return [*kinds, other]
        return kinds

    def after_mismatch(self) -> str | None:
        """Reply to "that doesn't match": another form and the next reading, or a request to say what is needed.

        The turn the mismatch refers to is the one before it. If the agent
        did not answer that turn's request (a question whose key words were
        lost), the request is read again loosely; if it still names nothing,
        the agent asks which item is needed.
        """
        previous = self._turns[-2] if len(self._turns) >= 2 else None
        if previous is not None and previous.requests and not previous.answered:
            kinds = [(kind, sentence) for sentence in previous.requests for kind in _weak_kinds(sentence)]
            replies = [self.answer(kind, sentence) for kind, sentence in kinds]
            text = " ".join(dict.fromkeys(reply for reply in replies if reply))
            if text:
                previous.answered = kinds
                return text
            return MISMATCH_CLARIFY
        answered = previous.answered if previous is not None and previous.answered else self._last_answered
        if not answered:
            return None
        parts: list[str] = []
        answered_kinds = [kind for kind, _ in answered]
        for kind, sentence in answered:
            parts.append(self.answer(kind, sentence, alternate=True) or "")
            readings = [other for other in _readings_after(kind, sentence) if other not in answered_kinds]
            extra = [other for other in readings if self._differs(other, answered_kinds)][:_MAX_OTHER_READINGS]
            replies = [reply for reply in (self.answer(other, sentence) for other in extra) if reply]
            if replies:
                parts.append("In case you need it: " + " ".join(replies))
                answered_kinds.extend(extra)
        text = " ".join(dict.fromkeys(part for part in parts if part))
        return text or None

    def _differs(self, kind: str, given: list[str]) -> bool:
        """Tell whether the answer for ``kind`` contains a value that none of the ``given`` kinds contained."""
        value = self._value(kind)
        return value is not None and all(self._value(other) != value for other in given)

    def _value(self, kind: str) -> object | None:
        request = self._context.request
        provider, subscriber = request.billing_provider, request.subscriber
        values: dict[str, object | None] = {
            "member_id": request.member_id,
            "subscriber_id": _subscriber_id(request),
            "medicaid_provider_id": provider.medicaid_provider_id,
            "tin": provider.tin,
            "npi": provider.npi,
            "ptan": provider.ptan,
            "date_of_birth": request.patient.date_of_birth,
            "subscriber_dob": subscriber.date_of_birth if subscriber else None,
            "patient_name": request.patient.last_name,
            "subscriber_name": subscriber.last_name if subscriber else None,
        }
        return values.get(kind, kind)

    def alternate_answer(self, kind: str) -> str | None:
        """Answer a second time in another form, after the representative found no match."""
        request = self._context.request
        billing, rendering = request.billing_provider, request.rendering_provider
        if kind == "date_of_birth":
            birth = request.patient.date_of_birth
            return f"The patient's date of birth is {_both_dates(birth)}."
        if kind == "subscriber_id":
            return f"The subscriber ID is {formats.spoken_characters(_subscriber_id(request))}."
        if kind == "member_id":
            return f"The member ID is {formats.spoken_characters(request.member_id)}."
        if kind in ("npi", "npi_kind") and rendering is not None and rendering.npi != billing.npi:
            return f"The billing NPI is {billing.npi}, and the rendering NPI is {rendering.npi}."
        if kind == "tin":
            return f"The tax ID is {billing.tin}; the last five digits are {billing.tin[-5:]}."
        if kind == "patient_name":
            patient = request.patient
            return f"The patient is {patient.first_name} {patient.last_name}, last name spelled {_spelled(patient.last_name)}."
        return None

    def answer(self, kind: str, sentence: str, alternate: bool = False) -> str | None:
        if alternate:
            answer = self.alternate_answer(kind)
            if answer is not None:
                return answer
        request = self._context.request
        query = self._context.claim_query(self._context.rep_claim)
        provider = request.rendering_provider if "rendering" in sentence and request.rendering_provider else request.billing_provider
        patient, subscriber = request.patient, request.subscriber
        if kind == "npi_kind":
            return f"That's the billing group NPI, {request.billing_provider.npi}."
        if kind == "npi":
            return f"The NPI is {provider.npi}."
        if kind == "tin":
            if re.search(r"last (?:5|five)", sentence):
                return f"The last five of the tax ID are {provider.tin[-5:]}."
            return f"The tax ID is {provider.tin}."
        if kind == "ptan":
            return f"The PTAN is {provider.ptan}." if provider.ptan else "We don't have a PTAN for this provider."
        if kind == "medicaid_provider_id":
            if provider.medicaid_provider_id:
                return f"The Medicaid provider ID is {provider.medicaid_provider_id}."
            return None
        if kind == "member_id":
            if "spell" in sentence or "word for each" in sentence:
                return f"The member ID is {formats.spoken_characters(request.member_id)}."
            return f"The member ID is {request.member_id}."
        if kind == "patient_name":
            if "spell" in sentence:
                return f"The last name is spelled {_spelled(patient.last_name)}."
            if "last name first" in sentence:
                return f"The patient's name is {patient.last_name}, {patient.first_name}."
            return f"The patient's name is {patient.first_name} {patient.last_name}."
        if kind == "relationship":
            if subscriber is None:
                return f"The patient, {patient.first_name} {patient.last_name}, is the subscriber."
            return (
                f"The patient, {patient.first_name} {patient.last_name}, is a dependent, the "
                f"{subscriber.relationship.value} of the subscriber, {subscriber.first_name} {subscriber.last_name}."
            )
        if kind == "subscriber_name":
            person = subscriber or patient
            return f"The subscriber's name is {person.first_name} {person.last_name}."
        if kind == "subscriber_id":
            if "spell" in sentence or "word for each" in sentence:
                return f"The subscriber ID is {formats.spoken_characters(_subscriber_id(request))}."
            return f"The subscriber ID is {_subscriber_id(request)}."
        if kind == "subscriber_dob":
            if subscriber is None:
                return f"The subscriber is the patient; the date of birth is {_both_dates(patient.date_of_birth)}."
            return f"The subscriber's date of birth is {_both_dates(subscriber.date_of_birth)}."
        if kind == "date_of_birth":
            return f"The date of birth is {_both_dates(patient.date_of_birth)}."
        if kind == "date_of_service":
            self._announced.add(self._context.rep_claim)
            if query.service_date_to and query.service_date_to != query.service_date_from:
                return (
                    f"The dates of service are {formats.spoken_date(query.service_date_from)} through "
                    f"{formats.spoken_date(query.service_date_to)}."
                )
            answer = f"The date of service is {_both_dates(query.service_date_from)}."
            same_day = [claim for claim in request.claims
                        if claim is not query and claim.service_date_from == query.service_date_from]
            if same_day and query.billed_amount is not None:
                # Two claims on one day: the charges tell the person which one is meant.
                answer = f"{answer[:-1]}, the claim billed ${query.billed_amount:,.2f}."
            return answer
        if kind == "billed_amount":
            return f"The billed amount is ${query.billed_amount:.2f}."
        if kind == "claim_number":
            if query.payer_claim_number:
                return f"The claim number is {query.payer_claim_number}."
            return "I don't have the claim number. Could you search by the member ID and date of service?"
        if kind == "caller_name":
            return f"I'm calling on behalf of {request.caller.name} at {request.caller.practice}."
        if kind == "practice":
            return f"I'm calling from {request.caller.practice}."
        if kind == "callback_number":
            return f"The callback number is {request.caller.callback_number}."
        if kind == "purpose":
            return self._purpose() if self._context.rep_claim not in self._announced else None
        return None


def _subscriber_id(request: ClaimStatusRequest) -> str:
    """Return the subscriber's own id when the request has one, else the id on the card."""
    if request.subscriber is not None and request.subscriber.member_id:
        return request.subscriber.member_id
    return request.member_id


def _dedupe_kinds(kinds: list[str], sentence: str = "") -> list[str]:
    """Keep the most specific question kinds: a subscriber's date of birth is not the patient's."""
    if "npi_kind" in kinds:
        return ["npi_kind"]
    drop = set()
    if "subscriber_dob" in kinds:
        drop.add("date_of_birth")
    if "subscriber_name" in kinds:
        drop.add("patient_name")
    if "subscriber_id" in kinds:
        drop.add("member_id")
    if "tin" in kinds and not _MEMBER_WORDS.search(sentence):
        drop.add("member_id")  # "the last five of the [tax] ID" names only the tax ID
    if "caller_name" in kinds:
        drop.add("practice")
    return [kind for kind in kinds if kind not in drop]


def _both_dates(value: date) -> str:
    """Say a date in words and then as digits, as billers do to avoid a misheard day."""
    return f"{formats.spoken_date(value)}, that's {value.strftime('%m/%d/%Y')}"


def _spelled(name: str) -> str:
    names = {"'": "apostrophe", "-": "hyphen", " ": "space"}
    return ", ".join(names.get(char, char.upper()) for char in name)


# A representative dictating a value for the caller's notes.
_DICTATION = re.compile(r"\b(?:write|jot|take) (?:(?:this|that|it) )?down\b|\bfor your (?:notes|records)\b")


def _implicit_request(sentence: str, kinds: list[str]) -> bool:
    """Tell whether a sentence with no question form still requests a field: it names one and states nothing."""
    if not kinds or any(kind not in _IMPLICIT_KINDS for kind in kinds):
        return False
    bare = _FORMAT_WORDS.sub(" ", sentence)
    return not _STATEMENT.search(bare) and not _VALUE.search(bare)


def _weak_kinds(sentence: str) -> list[str]:
    """Return the field a request most likely named when the word naming it was lost, if only one fits."""
    kinds = [kind for kind, pattern in _WEAK_READINGS if pattern.search(sentence)]
    if len(kinds) != 1:
        return []
    if re.search(r"\bsubscriber'?s?\b|\bpolicy ?holder", sentence):
        return [_SUBSCRIBER_KINDS.get(kinds[0], kinds[0])]
    return kinds


def _readings_after(kind: str, sentence: str) -> list[str]:
    """Return the other fields a question read as ``kind`` may have requested with its key word lost, most likely first."""
    if kind == "member_id":
        if re.search(r"\bprovider'?s?\b|\byour\b|\bgroup'?s?\b", sentence):
            # "Can you verify the provider's [tax] identification number?": the provider's ids come first.
            return ["tin", "medicaid_provider_id", "npi"]
        if re.search(r"\bmedicaid\b", sentence):
            return ["medicaid_provider_id", "subscriber_id"]
        if _MEMBER_WORDS.search(sentence):
            return ["subscriber_id"]
        return ["subscriber_id", "tin"]
    return {
        "subscriber_id": ["member_id"],
        "medicaid_provider_id": ["member_id"],
        "date_of_birth": ["subscriber_dob"],
        "subscriber_dob": ["date_of_birth"],
        "patient_name": ["subscriber_name"],
        "subscriber_name": ["patient_name"],
    }.get(kind, [])
