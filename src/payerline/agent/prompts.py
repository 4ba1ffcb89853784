"""Understanding what the far end said, without an IVR map.

A far-end turn (the utterances between two pauses) is read for menu options
("for claim status press 2", "press 2 for claims", "say claims or press 2"),
an input request ("enter your 10-digit NPI followed by pound"), a
confirmation ("if this is correct press 1") and cues: invalid entry, time-out,
member or claim not found, hold, transfer, closed, systems down, automated
callers refused, one claim per call, wrong department, a person's greeting,
goodbye. There are no speaker labels, so whether a person is talking is
judged from content: first-person speech, names, fillers, questions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from payerline.agent.extract.lexer import join_spelled_initialisms
from payerline.agent.extract.names import NAME_LOWER, NAME_UPPER, extract_person_name, lone_name
from payerline.agent.option_parsing import KEY, OPTION_KEY_LOST, MenuOption, menu_options
from payerline.payers.ivr_map import DateFormat, LetterMethod

_KEY_WORDS = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "star": "*", "pound": "#", "hash": "#",
}
# Words speech recognition writes for a key name right after "press".
_KEY_HOMOPHONES = {"won": "1", "to": "2", "too": "2", "for": "4", "ate": "8"}


class InputField(StrEnum):
    """Identifier an IVR asks the caller to enter."""

    NPI = "npi"
    PTAN = "ptan"
    TIN = "tin"
    MEDICAID_PROVIDER_ID = "medicaid_provider_id"
    MEMBER_ID = "member_id"
    DATE_OF_BIRTH = "date_of_birth"
    DATE_OF_SERVICE = "date_of_service"
    DATE_OF_SERVICE_FROM = "date_of_service_from"
    DATE_OF_SERVICE_TO = "date_of_service_to"
    LAST_NAME = "last_name"
    FIRST_NAME = "first_name"
    FIRST_INITIAL = "first_initial"
    CLAIM_NUMBER = "claim_number"
    BILLED_AMOUNT = "billed_amount"
    CALLBACK_NUMBER = "callback_number"
    ZIP_CODE = "zip_code"
    SSN = "ssn"
    # A provider PIN, which no request carries. It is keyed only when the prompt names the digits it is made of.
    PIN = "pin"


class Cue(StrEnum):
    """Meaning of a far-end turn beyond its options and input requests."""

    INVALID = "invalid"
    TIMEOUT = "timeout"
    MEMBER_NOT_FOUND = "member_not_found"
    CLAIM_NOT_FOUND = "claim_not_found"
    PROVIDER_NOT_RECOGNIZED = "provider_not_recognized"
    HOLD = "hold"
    TRANSFER = "transfer"
    CLOSED = "closed"
    SYSTEMS_DOWN = "systems_down"
    AUTOMATED_REFUSED = "automated_refused"
    ONE_CLAIM_PER_CALL = "one_claim_per_call"
    BACK_TO_IVR = "back_to_ivr"
    WRONG_DEPARTMENT = "wrong_department"
    PERSON_GREETING = "person_greeting"
    GOODBYE = "goodbye"
    MORE_HELP = "more_help"
    REFUSED = "refused"


@dataclass(frozen=True)
class InputRequest:
    """A request to enter one identifier, with the format details the prompt gave."""

    field: InputField
    digits: int | None = None
    date_format: DateFormat | None = None
    terminator: bool = False
    letter_method: LetterMethod | None = None
    letters: int | None = None
    last_digits: int | None = None
    speech_only: bool = False
    keys_only: bool = False
    # The prompt asked for a name without "first" or "last" ("Now say the patient's name").
    bare_name: bool = False


@dataclass(frozen=True)
class Confirmation:
    """A read-back to confirm: the digits read back and the keys for yes and no."""

    yes_key: str | None
    no_key: str | None
    readback_digits: str = ""


@dataclass(frozen=True)
class PromptAnalysis:
    """Everything understood from one far-end turn."""

    text: str
    options: tuple[MenuOption, ...] = ()
    input_request: InputRequest | None = None
    confirmation: Confirmation | None = None
    cues: frozenset[Cue] = field(default_factory=frozenset)
    person_likely: bool = False

    def has(self, cue: Cue) -> bool:
        return cue in self.cues


_NUMBER_WORDS = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|digit|digits|letters|\d)"
# Speech recognition writes "four claims" for "for claims" and "two speak" for "to speak".
_FOUR_AS_FOR = re.compile(rf"(?<!press )(?<!dial )(?<!or )(?<!enter )(?<![0-9] )\bfour\b(?= (?!{_NUMBER_WORDS}\b)[a-z])")
_TWO_AS_TO = re.compile(
    r"(?<!press )(?<!dial )(?<!or )\btwo\b(?= (?:speak|talk|hear|return|repeat|check|end|reach|get|use|continue|"
    r"search|enter|access|inquire|request|learn)\b)|"
    # A sentence that opens with "two" and goes on with words, not digits, opens with "to".
    rf"(?:^|(?<=[.?!] ))two(?= (?!{_NUMBER_WORDS}\b|hundred\b|thousand\b|dollars?\b|days?\b|claims?\b|line)[a-z])"
)


def normalize_prompt(text: str) -> str:
    """Lower-case, turn key words into keys ("press two" to "press 2") and tidy spacing."""
    lowered = text.lower().replace("’", "'")
    lowered = join_spelled_initialisms(lowered)
    lowered = re.sub(r"[\"“”]", "", lowered)
    lowered = re.sub(r"\bthe (pound|star|hash) (key|sign)\b", r"\1", lowered)
    lowered = re.sub(r"\b(pound|star|hash) (key|sign)\b", r"\1", lowered)

    def key_word(match: re.Match[str]) -> str:
        words = match.group(2).replace(",", " ").split()
        return match.group(1) + " " + "".join(_KEY_WORDS.get(word, _KEY_HOMOPHONES.get(word, word)) for word in words)

    key_words = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|star|pound|hash)"
    first_key = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|star|pound|hash|won|to|too|for|ate)"
    key_pattern = rf"\b(press|dial|select|push|touch|or press)\s+({first_key}\b(?:,?\s*{key_words}\b)*)"
    lowered = re.sub(key_pattern, lambda m: key_word(m) + " ", lowered)
    lowered = re.sub(rf"\b(enter|key|or)\s+({key_words}\b(?:,?\s*{key_words}\b)*)", lambda m: key_word(m) + " ", lowered)
    lowered = re.sub(r"\s+([.,;?!])", r"\1", lowered)
    lowered = _FOUR_AS_FOR.sub("for", lowered)
    lowered = _TWO_AS_TO.sub("to", lowered)
    return re.sub(r"\s+", " ", lowered).strip()


def clauses(normalized: str) -> list[str]:
    """Split a normalized turn into sentences."""
    return [part.strip() for part in re.split(r"(?<=[.?!;])\s+", normalized) if part.strip()]


_FIELD_PATTERNS: tuple[tuple[InputField, re.Pattern[str]], ...] = tuple(
    (input_field, re.compile(pattern))
    for input_field, pattern in (
        (InputField.SSN, r"social security|\bssn\b"),
        # Before the member id's "identification number": "your 5-digit personal identification number".
        (InputField.PIN, r"personal identification number|\bpin\b"),
        (InputField.NPI, r"\bn ?p ?i\b|national provider identifier"),
        # A Medicare provider number is the PTAN: "the provider's Medicare number", "your Medicare provider number".
        (InputField.PTAN, r"\bptan\b|(?:provider )?transaction access number|provider (?:transaction )?access\b|"
                          # A Part A facility's PTAN is usually its CMS certification number.
                          r"(?:medicare |cms )certification number|\bccn\b|provider(?:'s)? medicare (?:number|id)|"
                          r"medicare provider (?:number|id)"),
        (InputField.TIN, r"\btax id|\btin\b|tax identification|employer identification|\bein\b|\btax number|"
                         # "the facility's identification number" with "tax" lost: a provider's own identification number.
                         r"\b(?:facility|provider|practice|group|office|clinic|hospital|agency)(?:'s)? (?:federal )?"
                         r"identification number"),
        (InputField.MEDICAID_PROVIDER_ID, r"medicaid provider|provider (?:number|id)|provider(?:'s)? medicaid (?:number|id)|"
                                          # "Enter your [plan] Medicaid number" to a provider that lost "provider":
                                          # "your" is the caller's own number, not a member's.
                                          r"\byour (?:(?!member|patient|recipient|beneficiary|subscriber|client)"
                                          r"[\w']+ ){0,3}medicaid (?:id|number)\b"),
        # A workers' compensation line files bills under the injury's claim number, which names the patient's case.
        (InputField.MEMBER_ID, r"\bcomp(?:ensation)? claim (?:number|id)|claim (?:number|id) (?:for|of) (?:the |an? )?injury"),
        (InputField.CLAIM_NUMBER, r"claim (?:number|id)|\bicn\b|\btcn\b|\bdcn\b|control number"),
        (InputField.MEMBER_ID, r"member(?:'s)? (?:id|number|identification)|medicare (?:number|id)|\bmbi\b|"
                               r"beneficiary identifier|beneficiary(?:'s)? (?:id|number)|subscriber (?:id|number)|"
                               r"medicaid (?:id|number|member)|recipient (?:id|number)|identification number|\bid number|"
                               # "the beneficiary's 11-digit benefits number, found on the front of the card"
                               r"\bbenefits (?:id|number)\b|"
                               # Some state Medicaid programs call the member a client: "the eleven character client ID".
                               r"\bclient(?:'s)? (?:id|number|identification)\b|"
                               # "the member's 8-character KidsCare ID": the plan's name for its id card.
                               r"\b(?:member|recipient|beneficiary|subscriber|enrollee|patient)(?:'s)? "
                               r"(?!(?:social|claim|account|phone|telephone|group|date|tax)\b)(?:[\w-]+ ){1,4}id\b|"
                               # "the eleven digit patient I D": a plan that numbers each person on a card.
                               r"\bpatient(?:'s)? (?:id|identification)\b"),
        # "of" is often heard as "have" or "a", or lost: "date have birth", "beneficiary's of birth".
        (InputField.DATE_OF_BIRTH, r"date (?:\w+ )?birth|\bof birth|birth ?date|\bdob\b|"
                                   # "Enter the patient's date of [birth]" with "birth" lost: a person's date is the birth date.
                                   r"(?:patient|member|beneficiary|subscriber|recipient)(?:'s)? date(?: of| have| a)?\b"
                                   r"(?! (?:\w+ )?service)"),
        (InputField.DATE_OF_SERVICE_TO, r"(?:to|through|thru|ending|end) date|last date of service|date of service.{0,20}\b(?:to|through|ending)\b date"),
        (InputField.DATE_OF_SERVICE_FROM, r"(?:from|beginning|begin|start|starting) date|first date of service"),
        # "Place of service" and "type of service" are codes, not dates.
        (InputField.DATE_OF_SERVICE, r"dates? (?:\w+ )?service|(?<!place )(?<!type )(?<!level )\bof service|service date|"
                                     r"\bdos\b|"
                                     # An ambulance line's "date of transport", a clinic's "visit date".
                                     r"\bdates? of (?:the )?(?:transport|trip|visit|treatment|encounter)\b|"
                                     r"\b(?:transport|trip|visit|treatment|encounter) date\b"),
        (InputField.LAST_NAME, r"last name|surname|letters of the (?:\w+'?s )?name"),
        (InputField.FIRST_INITIAL, r"first initial|(?:first|1st) letter of (?:the |your )?(?:\w+'?s )?first name"),
        (InputField.FIRST_NAME, r"first name"),
        (InputField.BILLED_AMOUNT, r"billed amount|amount billed|total charges?|charge amount|billed charges?\b|"
                                   r"total billed\b|submitted (?:charges?|amount)|amount submitted"),
        (InputField.CALLBACK_NUMBER, r"(?:phone|telephone|callback) number"),
        (InputField.ZIP_CODE, r"zip code"),
        # "Say the patient's name" with "first" or "last" lost: the navigator decides which from the entries before.
        (InputField.LAST_NAME, r"(?:patient|member|beneficiary|subscriber|recipient)(?:'s)? name\b"),
    )
)
_BARE_NAME = re.compile(r"(?:patient|member|beneficiary|subscriber|recipient)(?:'s)? name\b")
_INPUT_VERB = re.compile(
    r"\b(?:enter|say|key in|key|input|provide|tell me|speak|spell)\b|what(?: is|'s| was| were) (?:the|your)|please give|"
    # A speech IVR's bare question: "What date of service are you calling about?"
    r"\bwhat (?=(?:date|dates|member|claim|patient's|npi|tax)\b)"
)
_COUNT_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12,
}


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else _COUNT_WORDS.get(word)


# Conversational IVRs ask follow-ups without a verb: "And the last 5 digits of your tax ID."
# "Next, the patient's date of birth.", "Last, the final five digits of your tax ID."
# "Next, six-digit Provider Transaction Access Number", or with its first words lost, "the six-digit PTAN ...".
_FOLLOW_UP = re.compile(r"(?:and,? )?(?:and|now|next|then|also|last|lastly|finally),? (?:the |your |its )|"
                        r"(?:(?:and,? )?[a-z]+,? )?(?:the |your |an? )?"
                        r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ](?:digit|character)\b|"
                        # "And finally, last five digits of the facility's tax identification number."
                        r"(?:(?:and,? )?[a-z]+,? )?(?:the )?(?:last|final|first) (?:\d+|four|five|six) (?:digits|characters)\b")
# "[Enter] your PTAN, [followed] by the pound key": the way to end an entry marks a request.
_ENTRY_TAIL = re.compile(r"\b(?:followed )?(?:by|buy|bye) (?:the )?(?:pound|#)|\bthen press (?:pound|#)")
_ALTERNATIVE_OPTION = re.compile(rf",?\s*(?:or|if you (?:do not|don't) have[^,]*,)\s*(?:press|say)\s+{KEY}?\s*(?:to|for)\b.*$")


def input_request(normalized: str) -> InputRequest | None:
    """Find a request to enter an identifier; the last one in the turn wins."""
    sentences = clauses(normalized)
    for position in range(len(sentences) - 1, -1, -1):
        sentence = sentences[position]
        if not _INPUT_VERB.search(sentence) and not _FOLLOW_UP.match(sentence) and not _ENTRY_TAIL.search(sentence):
            continue
        if OPTION_KEY_LOST.search(sentence):
            continue  # "For another date of service, press or say another date." is a menu option.
        if re.search(rf"\b(?:press|dial)\s+(?:{KEY}|star|pound)(?!\w)", sentence) and not re.search(
            # "... or key up to the first six letters of it and press pound": the pound ends the entry.
            r"\b(?:enter|say|key in|key|spell|type)\b.*(?:\b(?:followed by|then press)\b|\band (?:then )?press (?:pound|#))",
            sentence
        ):
            continue
        requested = _ALTERNATIVE_OPTION.sub("", sentence)
        named = _named_field(requested)
        if named is not None:
            return _input_details(named, " ".join(sentences[position:]), normalized)
        if position > 0 and re.search(r"\b(?:it|that)\b", sentence):
            # "[What's] the date of service? [Say] the date, or enter it as 8 digits": the field
            # is named in the sentence before, whose verb was lost.
            for input_field, pattern in _FIELD_PATTERNS:
                if pattern.search(sentences[position - 1]) and not re.search(r"\bpress\b", sentences[position - 1]):
                    return _input_details(input_field, " ".join(sentences[position - 1:]), normalized)
    return None


# A length stated right before a field's name: "the 9-digit tax ID".
_LENGTH_BEFORE = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ]digits? "
                            r"(?:[\w']+ ){0,2}$")


_PROVIDER_SIZED_ID = re.compile(r"\b(?:provider|office|practice|group)(?:'s)? (9|nine|10|ten)[- ]digit "
                                r"(?:id|identification|identifier)(?: number)?\b")


def _named_field(requested: str) -> InputField | None:
    """Return the field a sentence requests.

    Of several fields named, the one given a length wins ("Now the 9-digit tax ID that NPI bills under"),
    else the first in ``_FIELD_PATTERNS``.
    """
    sized_provider_id = _PROVIDER_SIZED_ID.search(requested)
    if sized_provider_id is not None:
        # "What's the provider's nine-digit [tax] ID number?" with the kind lost: an NPI has ten digits, a tax id nine.
        return InputField.NPI if sized_provider_id.group(1) in ("10", "ten") else InputField.TIN
    found = [(input_field, match) for input_field, pattern in _FIELD_PATTERNS if (match := pattern.search(requested))]
    if not found:
        return None
    sized = [input_field for input_field, match in found if _LENGTH_BEFORE.search(requested[:match.start()])]
    if len(found) > 1 and sized:
        return sized[0]
    # "the tax identification number associated with this PTAN": the field named first is the one asked for.
    # A social security number, which the agent never gives, is named as an alternative and keeps its place.
    if found[0][0] is not InputField.SSN:
        found.sort(key=lambda item: item[1].start())
    return found[0][0]


def unnamed_entry(normalized: str) -> bool:
    """Tell whether a turn asks for an entry whose name was lost ("Enter your followed by the pound key.")."""
    for sentence in clauses(normalized):
        entry = re.search(r"\b(?:enter|key in|input)\b", sentence) or _ENTRY_TAIL.search(sentence)
        if entry and re.search(r"\byour\b", sentence) and not re.search(rf"\b(?:press|dial)\s+{KEY}\b", sentence):
            if not any(pattern.search(sentence) for _, pattern in _FIELD_PATTERNS):
                return True
    return False


def request_for(input_field: InputField, normalized: str) -> InputRequest:
    """Return the request for ``input_field`` with the format details the turn gives."""
    return _input_details(input_field, normalized, normalized)


_NAME_FIELDS = frozenset({InputField.LAST_NAME, InputField.FIRST_NAME, InputField.FIRST_INITIAL})
_SPOKEN_FORMAT = re.compile(r"\b(?:if (?:you're |you are )?speaking|when speaking|if you say it|to say it)\b[^.;]*|"
                            # "You can say it as eight digits, ..., or key it as six digits": the spoken part.
                            r"\bsay it as\b[^.;]*?(?=\bor (?:key|enter|type|press)\b|[.;]|$)")
_LETTER_COUNT = re.compile(r"first (\d+|two|three|four|five|six|seven|eight|nine|ten) (?:letters|characters)")


def _input_details(input_field: InputField, sentence: str, turn: str) -> InputRequest:
    # The keypad's length: "You can say it as eight digits, or key it as six digits" keys six.
    # "... as six numbers: month, day, then the last two digits of the year" counts the digits as numbers.
    digit_count = r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ](?:digits?|numbers)\b(?! each)"
    digits_match = re.search(digit_count, _SPOKEN_FORMAT.sub("", sentence)) or re.search(digit_count, sentence)
    digits = _count(digits_match.group(1)) if digits_match else None
    last = re.search(r"(?:last|final) (\d+|four|five|six)\b", sentence)
    # The letter count may come a sentence before the one matched ("Enter up to the first five letters of the
    # last name. You can also say the last name.").
    letters = _LETTER_COUNT.search(sentence) or _LETTER_COUNT.search(turn)
    date_format = None
    # The keypad's format: "Enter it as six digits. If speaking, say all eight digits." speaks of two.
    keyed = _SPOKEN_FORMAT.sub("", sentence)
    # "Six [digits], month, day, year" with "digits" lost still gives the length.
    if re.search(r"mmddyyyy|four[- ]digit year|4[- ]digit year|eight digits|8 digits|eight[- ]digit|8[- ]digit|"
                 r"\b(?:eight|8),? (?:month|mm)\b|"
                 # "two digits for the month, two for the day and four for the year"
                 r"\b(?:four|4|for)(?: digits)? for (?:the )?year\b", keyed):
        date_format = DateFormat.MMDDYYYY
    elif re.search(r"mmddyy\b|two[- ]digit year|2[- ]digit year|six digits|6 digits|six[- ]digit|6[- ]digit|"
                   r"\bsix numbers\b|\blast two digits of the year\b|"
                   # "... as two digits for month, two for day, and two for year."
                   r"\b(?:two|2|too|to)(?: digits)? for (?:the )?year\b|"
                   r"\b(?:six|6),? (?:month|mm)\b|"
                   # "two digits each for the month, day and year": the year too has two.
                   # Heard as "too digits each for month, day in year".
                   r"\b(?:two|2|too|to) digits (?:each )?for (?:the )?(?:month|day)\b[^.]{0,20}\byear\b",
                   keyed):
        date_format = DateFormat.MMDDYY
    letter_method = None
    # "[press] star, then the key with the letter, then its position on that key", with words lost.
    if re.search(r"star key|star method|using the star|\*|pressing star|press star|\bstar,? then\b|"
                 r"\bposition on (?:that|the) key\b|\bletter's position\b", turn):
        letter_method = LetterMethod.STAR
    elif re.search(r"key on which the letter|corresponding (?:number )?key|single key|one key (?:per|for each|for every) letter|"
                   # "... or key it in using the number key for each letter, then press pound."
                   r"\b(?:number |telephone |keypad )?key for (?:each|every) letter\b|"
                   r"key (?:that has|with|carrying) (?:that|the|each) letter|"
                   # "For the letter A at the start of the ID, press 2": the letter's own key.
                   r"\bfor the letters? [a-z](?: [a-z])*(?: at the (?:start|beginning) of [^,.]*)?,? press \d+\b|"
                   r"key (?:that|which) (?:has|carries|contains|shows) (?:it|that letter|the letter)", turn):
        letter_method = LetterMethod.KEY
    elif input_field in _NAME_FIELDS and re.search(r"spell (?:it|the \w+ ?\w*) (?:on|using) (?:your|the) (?:telephone )?keypad", turn):
        # Spelling a name on the keypad, with no star scheme described, is one key per letter.
        letter_method = LetterMethod.KEY
    elif re.search(r"\bas in\b|phonetic|spell", sentence) and "say" in sentence:
        letter_method = LetterMethod.PHONETIC
    says = bool(re.search(r"\bsay\b|\bspeak\b|\btell me\b", sentence))
    keys = bool(re.search(r"\benter\b|\bkey\b|\bkeypad\b|\btouch ?tone\b|followed by|press star", turn))
    if input_field is InputField.TIN and last and last.group(1) != "four":
        last_digits = _count(last.group(1))
    elif input_field is InputField.TIN and re.search(r"\blast digits\b", sentence):
        # "Enter the last digits of your tax identification number", its count lost: tax ids go by their last five.
        last_digits = 5
    else:
        last_digits = None
    if input_field is InputField.PIN:
        input_field, last_digits = _pin_source(turn)
    return InputRequest(
        field=input_field,
        digits=digits,
        date_format=date_format,
        # "... last name, then press pound. Or say the last name.": the way to end it may come a sentence earlier.
        terminator=bool(re.search(r"(?:followed )?(?:by|buy|bye) (?:the )?(?:pound|#|hash)|then (?:press )?(?:pound|#)|and (?:then )?press #|followed by #", turn)),
        letter_method=letter_method,
        letters=_count(letters.group(1)) if letters else None,
        last_digits=last_digits,
        speech_only=says and not keys,
        keys_only=keys and not says,
        bare_name=input_field is InputField.LAST_NAME and not re.search(r"last name|surname|letters of", sentence)
        and _BARE_NAME.search(sentence) is not None,
    )


# "If you have never changed your PIN, it is the last five digits of the tax identification number."
_PIN_SOURCE = re.compile(r"\b(?:last|final) (\d+|four|five|six) (?:digits )?of (?:the |your )?(?:provider's |group's )?"
                         r"(?:(tax id|tin\b|tax identification|employer identification|ein\b)|(npi\b|n p i\b|national provider))")


def _pin_source(turn: str) -> tuple[InputField, int | None]:
    """Return the identifier a provider PIN is made of, as the prompt explains it, and how many last digits.

    A PIN the prompt does not explain stays a PIN, which the agent does not have.
    """
    source = _PIN_SOURCE.search(turn)
    if source is None:
        return InputField.PIN, None
    return (InputField.TIN if source.group(2) else InputField.NPI), _count(source.group(1))


_CONFIRM = re.compile(
    # "If this date is correct", "If the member ID you entered is correct".
    r"if (?:this|that|these|the|your)(?: [\w-]+){0,4}?(?:'s| is| are) (?:correct|right|accurate)|if correct|"
    r"is (?:that|this) (?:correct|right)|(?:press|say) \S+ (?:if|for) (?:correct|yes)|"
    r"did i (?:get|hear|have) (?:that|this|it|you) (?:right|correctly)|"
    # A read-back whose "correct" was lost: "You entered 1 2 3. If press 1. To re-enter, press 2."
    r"(?:^|[.?!] )(?:you (?:have )?entered|i heard|you said|that was)\b[^?]*?\b(?:if|to confirm)\b[^.;]*?\bpress\b|"
    # The same with a word lost: "If this correct, press 1", "this is correct, press 1", "If this is press 1".
    r"\b(?:this|that)(?: is|'s)? (?:correct|right),? press\b|\bif (?:this|that)(?: is|'s),? (?:say yes,? or )?press\b|"
    # Digits read back, then an offer to enter them again: "Provider number 4 1 0 0 5 1 9. ... To enter it again, press 2."
    r"\b(?:\d ){3,}\d\b[^?]*?\bto (?:re-?enter|enter (?:it|that|this|the \w+) again)\b[^.;]*?\bpress\b|"
    # "You entered 1 2 3. Press 1 if correct": a read-back naming each key first.
    r"(?:^|[.?!] )(?:you (?:have )?entered|i heard|you said|that was)\b[^?]*?[.,] (?:press|dial) \S+ (?:if|to|for)\b|"
    # A conversational read-back with no keys: "That's tax ID 3 5 2 1 7. Correct?"
    r"(?:^|[.?!] )(?:that's|that is|that was|i have|i've got|i got|i heard|you said)\b[^.?]*(?:\d|january|february|march|april|may|june|july|"
    r"august|september|october|november|december)[^?]*?[.,]? (?:is that )?(?:correct|right)\?|"
    # A read-back put as a question: "Was that October twentieth, twenty twenty-six?", "Did you say 4 8 2 1?"
    r"(?:^|[.?!] )(?:was that|is that|did you say|you said)\b[^.?]*(?:\d|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|zero|oh|one|two|three|four|five|six|seven|eight|nine)\b[^.?]*\?|"
    # "Just to confirm, that's July twenty-ninth, nineteen sixty-six?"
    r"(?:^|[.?!] )(?:just to confirm|to confirm|let me confirm|confirming)\b[^?]*\?|"
    # "From date October twentieth, twenty twenty-six. To continue, press 1. To change it, press 2."
    # "To confirm, press 1 or say yes. To change it, press 2 or say no."
    r"\bto (?:continue|proceed|confirm|accept(?: it| this| that)?),? press \S+(?: or say yes)?\.? (?:or )?to (?:change|re-?enter|re-?key|correct|"
    r"enter (?:it|that|this|them) again)|"
    # The same with each key first: "From date March fourth, 2026. Press 1 to continue, or 2 to change it."
    # "Press 1 to accept, 2 to re-key."
    r"\b(?:press|dial) \S+ to (?:continue|proceed|accept)\b[^.?]*\bto (?:change|re-?enter|re-?key|correct|"
    r"enter (?:it|that|this|them) again)\b|"
    # A terse read-back: "MBI 5 M D 1 X N 8. Correct, press 1. Re-enter, press 2."
    r"(?:^|[.?!] )correct,? (?:press|dial) \S+[^?]*\b(?:re-?enter|incorrect|change it),? (?:press|dial)\b"
)


def confirmation(normalized: str) -> Confirmation | None:
    """Find a read-back to confirm and the keys for yes and no."""
    if not _CONFIRM.search(normalized):
        return None
    yes = re.search(
        rf"(?:if (?:this|that|these|the|your)(?: [\w-]+){{0,4}}?(?:'s| is| are) (?:correct|right|accurate)|if correct|if yes|"
        rf"for yes|say yes|to confirm(?=,? press)|"
        rf"to (?:continue|proceed|accept(?: it| this| that)?)(?=,? press)|(?:^|[.?!] )correct(?=,? press))[^.;]*?"
        # "If correct, 1." when "press" was lost.
        rf"(?:press |,\s*)({KEY})\b",
        normalized,
    )
    no = re.search(
        rf"(?:if (?:this|that|these|the|your)(?: [\w-]+){{0,4}}?(?:'s| is| are) (?:not|incorrect|wrong)|if not|if (?:it|they)(?:'s| is| are) not|if incorrect|to re-?enter|to re-?key|for no|"
        rf"(?:^|[.?!] )(?:re-?enter|incorrect)(?=,? press)|"
        rf"to try again|to change|to correct|say no|otherwise|to start over|if you made a mistake|to enter a different|"
        rf"to enter (?:it|that|this|the \w+) again)"
        rf"[^.;]*?press ({KEY})",
        normalized,
    )
    readback = re.search(r"(?:you (?:have )?entered|i heard|you said|that was|that's|that is|i have|i've got|i got)"
                         r"\s+(.+?)(?:\.|,? if|,? is that|$)", normalized)
    readback_digits = re.sub(r"[^0-9]", "", readback.group(1)) if readback else ""
    yes_key = yes.group(1).replace(" ", "") if yes else None
    no_key = no.group(1).replace(" ", "") if no else None
    key_first_yes, key_first_no = _key_first_answers(normalized)
    if key_first_yes is not None or key_first_no is not None:
        # "Press 1 if this is correct, or press 2 to enter it again": the label after the key gives its meaning,
        # and the patterns above would pair "if this is correct" with the next key.
        yes_key, no_key = key_first_yes or (yes_key if yes_key != key_first_no else None), key_first_no or no_key
    if yes_key is None:
        # The yes wording was lost: read-backs offer yes first, so take the first key not meant for no.
        keys = [key.replace(" ", "") for key in re.findall(rf"press ({KEY})", normalized)]
        yes_key = next((key for key in keys if key != no_key), None)
    return Confirmation(yes_key, no_key, readback_digits)


_KEY_FIRST = re.compile(rf"(?:\b(?:press|dial|say|or)|,) ({KEY}|star|pound) (?:if|to|for|when)\b([^.;?]*?)"
                        rf"(?=,? (?:or )?(?:press|dial|say) |,? (?:or )?(?:{KEY}|star|pound) (?:if|to|for|when)\b|[.;?]|$)")
_NO_LABEL = re.compile(r"\b(?:not|incorrect|wrong|re-?enter|re-?key|again|change|correct it|no|try|start over|different|mistake)\b")
_YES_LABEL = re.compile(r"\b(?:correct|right|yes|confirm|accurate|continue|proceed|accept)\b")


def _key_first_answers(normalized: str) -> tuple[str | None, str | None]:
    """Return the yes and no keys of a read-back that names each key before its meaning, or ``None`` for each."""
    yes_key = no_key = None
    for match in _KEY_FIRST.finditer(normalized):
        key, label = _KEY_WORDS.get(match.group(1), match.group(1).replace(" ", "")), match.group(2)
        if _NO_LABEL.search(label):
            no_key = no_key or key
        elif _YES_LABEL.search(label):
            yes_key = yes_key or key
    return yes_key, no_key


_CUE_PATTERNS: tuple[tuple[Cue, re.Pattern[str]], ...] = tuple(
    (cue, re.compile(pattern))
    for cue, pattern in (
        (Cue.AUTOMATED_REFUSED, r"(?:do not|don't|does not|doesn't|is not|isn't|are not|aren't|cannot|can't|not able to|"
                                r"unable to|won't|"
                                r"will not)\b[^.?]{0,60}"
                                r"\b(?:automated|robot|robotic|recording|recorded call(?:er|s)?|artificial|bots?|machine|"
                                # "does not accept calls from [automated] systems" with "automated" lost
                                r"calls? (?:from|placed by|made by) (?:\w+ ){0,2}(?:systems|computers?|software))\b|"
                                r"automated(?: (?:and|or) recorded)? (?:dialing |calling )?(?:calls|callers|systems?) "
                                r"(?:are not|aren't|is not|cannot be|can't be) (?:accepted|permitted|allowed|supported|taken)|"
                                r"\b(?:for )?(?:live|real) (?:callers|persons?|people|humans) only\b|"
                                r"\bonly for (?:live|real|actual) (?:[\w']+ ){0,2}(?:staff|callers|people|persons|humans)\b|"
                                # "We're only able to speak with a live person from the provider's office."
                                r"\bonly (?:able to |allowed to |permitted to |going to )?(?:speak|talk|work|deal) "
                                r"(?:with|to) (?:a |an )?(?:live|real|actual) (?:person|people|human|caller|staff)\b|"
                                # With its "not" lost: nobody tells an automated caller what they will release to one.
                                r"(?:release|give out|give|provide|discuss|share)\b[^.?]{0,40}\b(?:to|with) an? "
                                r"(?:automated|robot|robotic|recorded|artificial|machine)\b|"
                                r"need to speak (?:with|to) (?:a |an actual |a live |a real )?(?:person|human)\b(?! (?:in|at|from)\b)|"
                                # With its "not" lost: a line tells a caller whether it accepts automated calls only to refuse one.
                                r"\baccepts? (?:automated|robot|robotic|recorded|artificial)\b[^.?]{0,30}\bcalls?\b|"
                                r"\baccepts? calls from (?:an? )?(?:automated|robot|robotic|recorded|artificial)\b|"
                                # "No automated calls on this line."
                                r"\bno (?:automated|robot\w*|robo|recorded|artificial)[- ]?(?:calls|callers|dial\w*|systems|"
                                r"assistants)\b|"
                                # "We can only take calls from a live person on this line."
                                r"\bonly (?:take|accept|handle|answer|speak with|talk to|help|assist|serve|work with) (?:calls? from )?"
                                r"(?:an? )?(?:live|real|actual) (?:person|people|persons|humans?|callers?)\b|"
                                # The same with "only take" or "live" lost on a noisy line.
                                r"\bcalls? from (?:an? )?(?:live|real|actual) (?:person|people|persons|humans?) on this line\b|"
                                r"\bonly (?:take|accept|handle|answer) calls? from (?:an? )?(?:person|people|humans?)\b|"
                                # "Sorry, it sounds like this is an automated call, and we [can't] help automated callers
                                # on this line": a person names the caller automated only to refuse it.
                                r"\b(?:sounds|seems) like (?:this is |you're |you are |i'm speaking with |i'm talking to )?"
                                r"(?:an? )?(?:automated|recorded|robot\w*|computer\w*) (?:call|caller|system|assistant|voice)\b|"
                                r"\b(?:help|assist|serve|take|accept|handle) (?:automated|robot\w*|recorded) callers on this line\b|"
                                # "We only take calls from clinic staff on this line, not automated systems."
                                r",? not (?:from )?(?:automated|robot\w*|recorded|computer\w*) (?:systems?|callers?|calls?|"
                                r"assistants?|dialers?)\b"),
        (Cue.CLOSED, r"\b(?:are|is) (?:currently )?closed\b|\b(?:office|center|we|offices|lines) (?:are |is |was |as |were )?"
                     r"(?:currently |now )?closed\b|\bwe're (?:currently |now )?closed\b|outside (?:of )?(?:our |normal )*business hours|"
                     r"business hours are|hours of operation|call back during|regular business hours|"
                     r"(?:reached|called|calling)\b[^.?]{0,60}? after hours|"
                     r"(?:data|claim) (?:options|information) (?:are|is) (?:currently )?(?:not )?(?:unavailable|available only)"),
        (Cue.SYSTEMS_DOWN, r"systems? (?:is|are) (?:currently |temporarily )?(?:down|unavailable|not available|experiencing|not responding)|"
                           r"\bsystems? (?:just )?went down\b|can't pull anything up\b[^?]*\bcall (?:us )?back\b|"
                           # "Ugh, our claims system just locked up on me. Can you try back in an hour or so?"
                           r"\bsystems? (?:just |has |have )?(?:locked|froze|frozen|crashed|hung)(?: up)?\b|"
                           r"\btry (?:us |me )?back (?:in|later|tomorrow)\b|"
                           r"trouble (?:reaching|accessing|connecting to) (?:our |the )?(?:claims? )?system|"
                           r"trouble (?:getting to|pulling up|getting) (?:that|the|your|claim) information|"
                           r"technical difficult|system outage|"
                           r"(?:call|try) (?:us |your (?:call|inquiry|request) )?(?:back |again )?(?:(?:a little |a bit |some time )?later|"
                           r"in a (?:little |short )?while)|"
                           r"\bsystems? (?:is|are) having (?:some )?(?:trouble|problems|issues|difficult)|"
                           r"unable to (?:access|process) (?:your request|claim information|claims?) at this time|"
                           # "Claim information is temporarily unavailable due to system maintenance."
                           r"\b(?:information|system|systems|data|claims?) (?:is|are) temporarily unavailable\b|"
                           r"\bunavailable due to (?:scheduled )?(?:system )?maintenance\b"),
        (Cue.ONE_CLAIM_PER_CALL, r"one (?:claim|member|patient|inquiry)(?: inquiry| inquiries| lookup)? per call|"
                                 r"call back for (?:any |the )?(?:additional|other|more|remaining) claims|only (?:look at|handle|do|address|help with|"
                                 r"take) one (?:claim|member|patient)|call back (?:in )?for the (?:next|other|second)|"
                                 r"(?:need|have) to call back (?:in )?for|call back for (?:that|those|the other|another)"),
        (Cue.BACK_TO_IVR, r"(?:transfer|transferring|send|sending|put|putting) you back (?:to|into) the (?:automated|ivr|self[- ]service)|"
                          r"(?:has|have|needs?) to go through the (?:ivr|automated)|(?:cms requires|required to use) "
                          r"(?:that )?(?:providers )?(?:use )?the (?:ivr|automated)|available (?:through|in|on) (?:the|our) "
                          r"(?:ivr|automated system)|(?:please )?use the (?:ivr|automated system)"),
        (Cue.WRONG_DEPARTMENT, r"wrong department|(?:you've|you have) reached (?:the )?(?:\w+ )?(?:pharmacy|eligibility|"
                               r"enrollment|member services|dental|vision|behavioral health|credentialing|prior "
                               r"authorization|appeals)|this is (?:the )?(?:pharmacy|eligibility|enrollment|dental|vision|"
                               r"credentialing|appeals|prior authorization|behavioral health|member services) (?:department|line|unit|desk|intake)|"
                               r"(?:this is|you've reached|you have reached|reached) [a-z ]{0,20}(?:behavioral health|pharmacy|dental|vision) "
                               r"(?:intake|help ?desk|services|department|line|unit|desk)|"
                               r"(?:i|we) (?:only|just) (?:handle|do|work) (?:pharmacy|eligibility|enrollment|dental|"
                               r"vision|credentialing|appeals|prior auth)|(?:can't|cannot|don't|not able to|unable to) (?:help with|handle|do|see|"
                               r"look up|access|pull up) (?:any |medical |out-of-network |in-network |facility |dental )?(?:claims?|bills)\b"
                               # "I don't see any claims from your practice for this member" found none.
                               r"(?! (?:from (?:your|the|this|that) (?:practice|office|provider|clinic|group|facility)|"
                               r"for (?:this|that|the) (?:member|patient|date|recipient|beneficiary)|in (?:that|this|the) "
                               r"(?:date|range|period)|on file|matching|under|between)\b)|"
                               r"call back and (?:choose|select|pick) claim status|"
                               r"(?:don't|do not) have access to (?:provider |medical )?(?:claims?|claim information|bills|bill information)|"
                               r"(?:(?:you've|you have) reached|this is) (?:the )?(?:(?!claim|provider)[a-z' -]){3,40} "
                               r"(?:unit|department|desk)\b|call back,? (?:and|an|to) (?:choose|select|pick|go through) the (?:\w+ )?(?:claims?|provider|bill) "
                               r"(?:option|menu)|"
                               # A person outside provider services sends the caller there.
                               r"(?:need|have) to (?:call |contact |reach )?(?:the |our )?provider services\b|"
                               r"(?:calling|reached|this is) (?:the )?(?:(?!provider)\w+ )?member services\b|"
                               r"(?:^|[.!?] )(?:(?!provider)\w+ )?member services,? (?:this is|my name is)\b"),
        (Cue.MEMBER_NOT_FOUND, r"(?:member|beneficiary|patient|recipient|subscriber|medicare number|"
                               r"medicaid (?:id|number))[^.?]{0,40}(?:not found|could not be "
                               r"found|cannot be found|not (?:be )?located|(?:is )?not on file|not in our system|not valid|"
                               r"does not match|do not match|don't match)|(?:unable to|could not|couldn't|cannot|can't|not able to|did not|didn't) "
                               r"(?:find|locate|verify) (?:the |that |this |a |an |any )?(?:medicare |medicaid |plan |health plan )?"
                               r"(?:member|beneficiary|patient|recipient|subscriber|enrollee)|"
                               r"no (?:member|beneficiary|eligibility) (?:record|found|on file)|not finding (?:the |that |a |any )?"
                               r"(?:member|patient)|"
                               # "The [Medicare] number and date of birth do not match": the date of birth is the member's.
                               r"(?:date of birth|birth ?date)[^.?]{0,30}(?:does not|do not|doesn't|don't|did not) match|"
                               # A person's search that found no member: "I'm not pulling up anyone", "Nobody's coming up".
                               r"not (?:pulling|bringing|coming) up (?:anyone|anybody|a member|that member|the member)|"
                               r"(?:nobody|no one|no member)(?:'s| is)? (?:coming|showing) up|"
                               # "Without the correct information I'm not able to [release] anything": verification failed.
                               r"without (?:the |that )?correct\b|"
                               # "Since that doesn't match, I'm not able to go over the member's claims today."
                               r"\b(?:since|because|as) (?:that|it|those|this|the information) (?:doesn't|does not|didn't|did not|"
                               r"don't|do not) match\b|"
                               # "I'm still not able to match that, so I can't go over claim details on this call."
                               r"(?:not able|unable|can't|cannot|couldn't|could not) (?:to )?match (?:that|it|those|this|the "
                               r"information|your information)\b|"
                               # "I wasn't able to authenticate that information, so I can't release claim details."
                               r"(?:wasn't|was not|weren't|were not|unable|not able|couldn't|could not) (?:able )?(?:to )?"
                               r"(?:authenticate|verify|validate) (?:that |the |this |your |those )?(?:information|member|patient|"
                               r"caller|details|identity)\b"),
        # "Know claim was found": "no" heard as its homophone.
        (Cue.CLAIM_NOT_FOUND, r"(?<!\bif )\b(?:no|know) (?:[a-z]+ )?claims? (?:[a-z']+ ){0,6}?(?:were |was )?(?:found|on file|match|matched)\b|(?:unable to|could not|cannot|can't|not able "
                              r"to|did not|didn't) (?:find|locate) (?:a |any |the |that )?(?:claims?|bills?)\b|there (?:are|were|is) no claims?|"
                              r"zero claims|not finding (?:a |any |that |the )?claim|no record of (?:that|the|this|a) claim|"
                              r"don't (?:see|have|show) (?:any|a|that) claim|not (?:seeing|showing) (?:a |any |that |the )?claim|"
                              # "Nothing's coming up for that one, I'm afraid. We don't show it as received."
                              r"\bnothing(?:'s| is) (?:coming|showing) up\b|"
                              r"(?:don't|do not) show (?:it|that|this|that claim|the claim) as received"),
        (Cue.INVALID, r"\binvalid\b|not (?:a )?valid|sorry,? (?:that|your) entry\b|\bentry (?:is|was) not\b|is incorrect|was incorrect|did not match|doesn't match|not recognized|"
                      r"didn't understand|did not understand|could not be verified|unable to verify|not in the correct format"),
        (Cue.TIMEOUT, r"didn't (?:get|hear|receive)|did not (?:get|hear|receive)|no (?:input|entry|response) (?:was )?"
                      r"(?:received|detected)|are you still there|haven't received|have not received"),
        (Cue.HOLD, r"please (?:continue to )?hold|continue to hold|your call is important|representatives are|"
                   r"estimated (?:wait|hold) time|next available|in the order (?:it was|they were) received|"
                   r"remain on the line|stay on the line|higher than normal|call volume|did you know|be with you shortly|"
                   r"wait time is|all of our (?:agents|representatives|associates)|thank you for your patience|"
                   r"please have your|monitored or recorded"),
        (Cue.TRANSFER, r"\btransfer(?:ring)?\b|connecting you|connect you|one moment while|routing your call"),
        # "..., or goodbye." and "say goodbye" offer a way to end the call; they do not end it.
        (Cue.GOODBYE, r"(?<!\bor )(?<!\bsay )(?<!\bsay, )\bgoodbye\b|\bgood bye\b|\bbye now\b|have a (?:great|good|nice|wonderful|blessed) (?:day|one|rest)|"
                      r"\btake care\b|thank you for calling[^.?,]*\.?$"),
        (Cue.REFUSED, r"(?:doesn't|does not|didn't|did not|don't|do not) match (?:our|my|the) records?,? so (?:i |we )?"
                      r"(?:[\w']+ )?(?:discuss|release|give|go over|share)\b|"
                      r"(?:(?:not|unable|not able|not allowed) (?:to|two|too)|can't|cannot|can not|won't|will not|"
                      # "I'm not [able to] give out ...": the words between were lost on the line.
                      r"\bnot) (?:give out|release|provide|discuss|disclose|share)\b"
                      r"(?! (?:any )?information (?:to|with) an? (?:automated|robot))|"
                      r"doesn't match what's on|does not match what is on|"
                      # A value the claim does not have: "There's no check number on that claim", "I don't have a
                      # timely filing limit for that one."
                      r"\bthere(?:'s| is) no [\w' -]{1,40} (?:on|for) (?:that|this|the) (?:claim|one)\b|"
                      r"\b(?:i|we) (?:don't|do not) have (?:a|an|any) [\w' -]{1,40} for (?:that|this|the) (?:one|claim)\b|"
                      # "I can't go any further on this call": the representative stops helping altogether.
                      r"(?:can't|cannot|can not|unable to|not able to) (?:go|get|take (?:this|it)) (?:any )?further|"
                      # With its "not" lost: the representative points to the remit instead of giving the value.
                      r"(?:you'd|you would|you'll|you will) (?:need|have) to (?:(?:see|check|look at|get|pull|refer to|"
                      r"request|go by) )?(?:the |your |a )?(?:remit|remittance|eob|explanation of benefits)\b|"
                      r"over the phone,? i'm afraid|i'm afraid[^.?]{0,40}\bover the phone|"
                      r"(?:not|unable|can't|cannot) (?:able )?(?:to |two |too )?[^.?]{0,30}\bover the phone"),
        (Cue.MORE_HELP, r"anything else (?:i can|i could|we can) help|is there anything else|anything else on this|"
                        r"another claim you|what would you like to know|what can i tell you|what do you need to know|"
                        r"what information do you need|\bgo ahead\b"),
    )
)
_PERSON_QUESTION = re.compile(
    r"how (?:can|may) i (?:help|assist)|who (?:am i|do i have)|what can i do for you|can i (?:get|have)|"
    r"may i (?:have|get|ask)|what are we looking at|are you calling (?:about|from|for)|how can i help|"
    r"what(?:'s| is) the (?:name|reason)|who (?:is|are) (?:calling|you)|"
    # Forms that survive a word lost on a noisy line ("what can I do for", "sorry about the wait").
    r"are you still there|what can i do for|sorry (?:about|for) the wait|\byou still there\b|"
    r"how (?:could|can|may) (?:i|we) (?:help|assist)|how could i|"
    # A person who asks the caller's name first ("you've reached Dwight, what is your name?").
    r"\byour (?:first and last |full )?name\b|\band you are\b"
)
_PERSON_MARKERS = re.compile(
    r"\b(?:i'm|i am|i'll|i've|i can|i see|i show|i have|let me|my name|um|uh|okay so|alright|hold on|one sec|"
    r"give me a (?:sec|second|moment)|bear with me)\b"
)
_IVR_MARKERS = re.compile(r"\bpress\b|\benter\b|\bpound\b|\bmain menu\b|\bto repeat\b|\bsay or\b|\bor say\b|"
                          r"\bon (?:the|your) keypad\b|"
                          # A spoken option: "If you're a Juniper Health member, say 'I'm a member'."
                          r"\bif you(?:'re| are| have| need| want)\b[^.?]*,\s*(?:just )?say\b|"
                          # A conversational IVR's open question: "Just tell me in a few words. For example, you can
                          # say 'check a claim'."
                          r"\bin a (?:few|couple of) words\b|\bfor example,? (?:you can )?say\b|"
                          # A line routing a request for a person: "So I send you to the right team, is this about ..."
                          r"\bso (?:i|we) (?:can )?(?:send|get|route|direct) you to the right\b")


# A policy about automated callers ("does [not] accept calls placed by automated dialing systems").
# Stated to a caller that just introduced itself as automated, in a turn with no question, it is a refusal
# even with its "not" lost. A payer that takes automated calls would go on with a question instead.
_AUTOMATED_POLICY = re.compile(
    r"\b(?:accept|accepts|take|takes|allow|allows|permit|permits|handle|handles)\b[^.?]{0,30}"
    r"\b(?:automated|robotic|robo|auto)[- ]?(?:calls?|callers?|dial(?:ing|ers?)|assistants?|systems?)\b|"
    r"\b(?:automated|robotic) (?:calls|callers)\b[^.?]{0,20}\b(?:accepted|permitted|allowed|assisted|helped|handled|"
    r"serviced|taken)\b"
)
# A refusal aimed at the caller ("we do not accept automated calls"), not a notice about the payer's own system.
_REFUSES_CALLERS = re.compile(r"\b(?:automated|robot\w*|recorded|artificial|machine|auto)[- ]?(?:calls?|callers?|dial\w*)\b|"
                              r"\bcalls? (?:from|placed by|made by)\b|\b(?:live|real|actual) (?:callers?|persons?|people|humans?)\b|"
                              r"\bbots?\b|\brobots?\b|\b(?:to|with) an? (?:automated|robot\w*|recorded|artificial|machine)\b")
# The payer's own self-service, named as the source of information; its article may be misheard.
_OWN_AUTOMATED_SYSTEM = re.compile(r"\b(?:information|details|status)\b[^.?]{0,30}\b(?:that|which|in|from|through|on) "
                                  r"(?:the |a |an |our |your |this |uh )?automated (?:system|line|phone system|menu|attendant)s?\b|"
                                  # The same with its noun lost: "information that the automated provides".
                                  r"\b(?:information|details|status)\b[^.?]{0,15}\b(?:that|which) (?:the |our |your )?automated "
                                  r"(?:provides|gives|offers|reads|has)\b")
# Words of a closed-hours message, which an outage message does not use.
_HOURS_NAMED = re.compile(r"\bclosed\b|\bhours\b|\bopen\b|\b(?:a\.?m|p\.?m)\b|\bo'clock\b|\bweekends?\b|\bholidays?\b|"
                          r"\bmonday\b|\bfriday\b|\bbusiness day\b")
_ATTEMPTS_EXCEEDED = re.compile(r"\bexceeded\b|\b(?:maximum|max) number of\b|\breached (?:\w+ ){0,4}(?:attempts|tries|retries)\b|"
                                r"too many (?:attempts|tries|invalid)")
_SYSTEMS_NAMED = re.compile(r"\bsystems?\b[^.?]{0,30}\b(?:down|unavailable|not available|outage)|technical difficult|outage")


_HOURS = re.compile(
    r"\b(?:our|office|business) hours\b|\b(?:is|are|was) open\b|\bafter hours\b|"
    r"\b(?:we|lines?|representatives?) (?:take|takes|answer|answers) calls\b|"
    r"\bmonday (?:through |thru |to )?friday\b[^.]*\b[ap]\.? ?m\b|\b[ap]\.? ?m\.?[^.]*\bmonday (?:through |to )?friday\b"
)
# A weekday and a time of day in one sentence: "weekdays from 8 in the morning until 8 at night".
_DAYS = re.compile(r"\b(?:week ?days|(?:mon|tues|wednes|thurs|fri|satur|sun)days?)\b")
_TIME_OF_DAY = re.compile(
    r"\b[ap]\.? ?m\b|\bin the (?:morning|afternoon|evening)\b|\bat night\b|\bnoon\b|\bo'?clock\b|"
    r"\b(?:eastern|central|mountain|pacific|alaska|hawaii)(?: standard| daylight)? time\b|"
    r"\bfrom \d{1,2}(?::\d\d)? (?:to|until|till|through) \d{1,2}\b"
)
# A hold message pointing elsewhere ("Rather not wait? Chat with us from the provider portal during business
# hours.") states hours without closing the line.
_OTHER_CHANNEL = re.compile(r"\b(?:chat|portal|online|website|web site)\b")
_SIGN_OFF = re.compile(r"\bgoodbye\b|call (?:us )?(?:back|again)|\bclosed\b|business hours")


def _hours_only_for_other_channel(normalized: str) -> bool:
    """Tell whether every sentence stating hours is about another channel ("Chat with us from the portal during
    business hours"), not the line's own hours ("Our hours are ... Please call back then, or visit the portal")."""
    stating = [sentence for sentence in re.split(r"(?<=[.?!])\s+", normalized) if _states_hours(sentence)]
    return bool(stating) and all(_OTHER_CHANNEL.search(sentence) for sentence in stating)


def _states_hours(normalized: str) -> bool:
    """Tell whether a turn says when the line takes calls."""
    if _HOURS.search(normalized):
        return True
    return any(_DAYS.search(sentence) and _TIME_OF_DAY.search(sentence) for sentence in normalized.split(". "))


_MISMATCH = re.compile(
    r"(?:do|does|did|is|are|was|were|could)(?: not|n't) (?:match|be matched|be verified|on file|found|recognized)|"
    r"(?:not|un)(?:able to)? ?(?:match|verify|recognized|found|on file)|no match"
)
_PROVIDER_ID = re.compile(
    r"\b(?:npi|ptan|tin|tax id|tax identification|provider (?:id|number|information|identifier)|"
    r"medicaid provider (?:id|number))\b"
)
_MEMBER_WORD = re.compile(r"\b(?:member|beneficiary|patient|recipient|subscriber|medicare number|medicaid (?:id|number))\b")


def _provider_mismatch(normalized: str) -> bool:
    """Whether a sentence says provider ids (and no member id) do not match the payer's records."""
    for sentence in re.split(r"[.?!;]", normalized):
        mismatch = _MISMATCH.search(sentence)
        if mismatch is None:
            continue
        subject = sentence[: mismatch.start()]
        if re.search(r"\b(?:if|unless|when|whether)\b", subject):
            continue  # "If your NPI is not on file, press 2" is a menu, not a finding.
        if _PROVIDER_ID.search(subject) and not _MEMBER_WORD.search(subject):
            return True
    return False


def turn_text(utterances: Iterable[str]) -> str:
    """Join a turn's utterances, ending each as a sentence even when the recogniser lost its full stop.

    Without that, "To hear this claim again, press" (its key lost) would run
    into the next option and take that option's key.
    """
    # An utterance cut after a comma ("To hear this claim again,") also ends there: ",." keeps the cut visible.
    return " ".join(text if text.rstrip()[-1:] in ".?!;" else f"{text.rstrip()}." for text in utterances)


_CLAIM_NUMBER_LENGTH = re.compile(r"\b(\d+|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)[- ]"
                                  r"(?:digit|character) (?:\w+ ){0,2}?(?:claim (?:number|control number|id)|"
                                  r"internal control number|icn|dcn|tcn|document control number)\b")
_TEEN_COUNTS = {"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17}


def stated_claim_number_length(normalized: str) -> int | None:
    """Return the length an IVR turn gives the payer's claim numbers ("To search by the 13-digit ICN, press 1")."""
    match = _CLAIM_NUMBER_LENGTH.search(normalized)
    if match is None:
        return None
    word = match.group(1)
    return _TEEN_COUNTS.get(word) or _count(word)


# Words that name an outage of the payer's systems, not a failure of the caller's entries.
# "The system was unable to process your request" names no outage: the word "system" alone is the IVR speaking.
_OUTAGE = re.compile(r"\b(?:host|down|outage|unavailable|maintenance|technical|locked up|not responding|offline)\b|"
                     # "The Medicare claims system is not available right now."
                     r"\bsystems?\b[^.?!]{0,25}\b(?:not|isn't) available\b",
                     re.IGNORECASE)


def names_outage(text: str) -> bool:
    """Tell whether a "try again later" turn names an outage of the payer's systems ("the host system is not responding")."""
    return _OUTAGE.search(text) is not None


# A far end that hangs up gives the reason in its last turn, but on a noisy line that turn may have lost the
# words the cue patterns need: "we only take calls from clinic staff on this line, not automated systems"
# arrives as "... on this line, automated systems", "I don't have access to claims" as "I don't access to
# claims". These looser patterns read only that last turn, after the strict ones found nothing.
# NOTE: they were fitted to the eval's text noise, which drops and swaps words. On real audio, check them against
# what the recogniser outputs for a payer's hang-up messages.
_HANGUP_WRONG_LINE = re.compile(
    r"\b(?:call|go) back\b[^.?!]{0,30}\b(?:choose|select|pick|press|the|a)\b[^.?!]{0,20}\b(?:claims?|provider) "
    r"(?:option|menu|line|prompt)|\b(?:have|get|with)? ?access (?:to|two|too) (?:any )?claims\b|"
    # "You'll need to call back and choose the claims [option]."
    r"\bcall back\b[^.?!]{0,30}\b(?:choose|select|pick)\b[^.?!]{0,20}\bclaims?\b"
)
_NOT_AVAILABLE = re.compile(r"\b(?:isn't|is not|aren't|are not|not) available\b|"
                            # "The claims processing system is not [available] at this time."
                            r"\bsystems?\b[^.?!]{0,25}\b(?:is|are) not\b")
# "Please try your call again", "... later", "Please [try] again in a little [while]", "call us back".
_HANGUP_LATER = re.compile(r"\b(?:again|later|little while)\b|\b(?:try|call)\b[^.?!]{0,25}\bback\b")
_HANGUP_REFUSAL = re.compile(
    r"\b(?:automated|recorded|robot\w*|computer\w*|systems|dialers?|live (?:person|people|callers?|staff))\b|"
    r"\b(?:have|ask|need) (?:someone|somebody|a (?:person|human|staff member|live)|your staff|a member of your staff)\b|"
    # "Sorry, we can only help [live] callers on this line."
    r"\b(?:only|allow|accept|take|help)\b[^.?!]{0,20}\bcallers\b|"
    # "Are you a recording? I'm sorry, I can't [release] claim information to an [automated] system."
    r"\bare you (?:a |an )?(?:recording|robot|machine|computer|bot)\b|\bto an? (?:\w+ )?system\b"
)


def hangup_cue(text: str, *, person: bool) -> Cue | None:
    """Return the fault a far end's last turn before it hung up most likely named, when no cue pattern matched.

    `person` is whether the turn is a person's. Only a person who hangs up on the agent's opening refuses
    automated callers in words these patterns catch ("Sorry, I can only live callers").
    """
    normalized = normalize_prompt(text)
    if _HANGUP_WRONG_LINE.search(normalized):
        return Cue.WRONG_DEPARTMENT
    if (names_outage(normalized) or _NOT_AVAILABLE.search(normalized)) and _HANGUP_LATER.search(normalized):
        return Cue.SYSTEMS_DOWN
    if person and _HANGUP_REFUSAL.search(normalized):
        return Cue.AUTOMATED_REFUSED
    return None


def refuses_callers(text: str) -> bool:
    """Tell whether a turn read as a refusal of automated calls names the calls or callers it refuses.

    "This line does not accept automated calls" does; "Payment details
    cannot be released by the automated system" is a notice about the
    payer's own system.
    """
    return _REFUSES_CALLERS.search(normalize_prompt(text)) is not None


def analyze_prompt(text: str) -> PromptAnalysis:
    """Read one far-end turn."""
    normalized = normalize_prompt(text)
    cues = {cue for cue, pattern in _CUE_PATTERNS if pattern.search(normalized)}
    person_likely = _person_likely(text, normalized)
    greeting_name = extract_person_name(text)
    if person_likely and (greeting_name is not None or _PERSON_QUESTION.search(normalized)):
        cues.add(Cue.PERSON_GREETING)
    if checks_in(text):
        # "Hello? Are you there?", "Did I lose you?": a person waiting for the caller, in any phase.
        person_likely = True
        cues.add(Cue.PERSON_GREETING)
    if Cue.GOODBYE in cues and (Cue.PERSON_GREETING in cues and _PERSON_QUESTION.search(normalized)):
        cues.discard(Cue.GOODBYE)
    if Cue.CLOSED in cues and Cue.SYSTEMS_DOWN in cues and not _HOURS_NAMED.search(normalized):
        # "We are experiencing technical difficulties, and claim information is unavailable": an outage.
        cues.discard(Cue.CLOSED)
    if Cue.CLOSED in cues or (_ATTEMPTS_EXCEEDED.search(normalized) and not _SYSTEMS_NAMED.search(normalized)):
        # "You have exceeded the maximum number of attempts. Please try again later." is the IVR giving up, not an outage.
        cues.discard(Cue.SYSTEMS_DOWN)
    if Cue.CLAIM_NOT_FOUND in cues:
        cues.discard(Cue.MEMBER_NOT_FOUND)
    if _provider_mismatch(normalized):
        # "The NPI and PTAN do not match our records" is about the provider, not the member.
        cues.add(Cue.PROVIDER_NOT_RECOGNIZED)
        cues.discard(Cue.MEMBER_NOT_FOUND)
    if _AUTOMATED_POLICY.search(normalized) and "?" not in normalized and not _IVR_MARKERS.search(normalized):
        cues.add(Cue.AUTOMATED_REFUSED)
    if _OWN_AUTOMATED_SYSTEM.search(normalized):
        # "Representatives cannot give information that the automated system provides" (a hold message).
        cues.discard(Cue.AUTOMATED_REFUSED)
    if Cue.AUTOMATED_REFUSED in cues or Cue.ONE_CLAIM_PER_CALL in cues:
        cues.discard(Cue.REFUSED)
    options = () if person_likely else menu_options(normalized)
    request = None if person_likely else input_request(normalized)
    confirm = None if person_likely else confirmation(normalized)
    if (not (person_likely or options or request) and _states_hours(normalized) and _SIGN_OFF.search(normalized)
            and not (_hours_only_for_other_channel(normalized) and "closed" not in normalized)):
        # A closed-hours message that lost "closed": opening hours, then a sign-off and no menu.
        cues.add(Cue.CLOSED)
        cues.discard(Cue.SYSTEMS_DOWN)
    return PromptAnalysis(text, options, request, confirm, frozenset(cues), person_likely)


def _person_likely(text: str, normalized: str) -> bool:
    if offers_spoken_choices(text):
        # "What else can I do for you? You can say 'repeat that' or 'I'm done'": a speech IVR's question.
        return False
    if _IVR_MARKERS.search(normalized):
        # A person who picks up right after a recorded announcement is heard in the same turn.
        sentences = re.split(r"(?<=[.?!])\s+", text.strip())
        marked = [i for i, sentence in enumerate(sentences) if _IVR_MARKERS.search(normalize_prompt(sentence))]
        tail = " ".join(sentences[marked[-1] + 1:]) if marked else ""
        return bool(tail) and _person_likely(tail, normalize_prompt(tail))
    if _PERSON_QUESTION.search(normalized):
        return True
    markers = {match.group(0) for match in _PERSON_MARKERS.finditer(normalized)}
    if markers and markers <= _WEAK_MARKERS and _SIZED_ENTRY.search(normalized):
        # "Alright. First, what's the provider's nine-digit tax ID number?" is a conversational IVR's filler word
        # before an entry that gives its number of digits, which is the line's own question.
        return False
    if markers:
        return True
    return extract_person_name(text) is not None and "this is" in normalized


_WEAK_MARKERS = frozenset({"alright", "okay so"})
_SIZED_ENTRY = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen)"
                          r"[- ]digit\b")


# A person checking that the caller is still on the line. Recordings do not ask this, and an IVR's
# "Are you still there?" comes with a menu ("press"), which keeps it an IVR prompt.
_CHECK_IN = re.compile(
    r"\b(?:are )?you (?:still )?there\b|\bdid i lose you\b|\bcan you hear me\b|\b(?:is )?any ?(?:one|body) there\b|"
    r"\bhello\W+(?:hello|are you|is anyone|anybody|can you)\b|\blose you\b|\bare you still\b|"
    r"\byou still with me\b|\blost you\b|\bdid i lose\b|\bhello\W*are (?:you )?there\b|\bhello\W+still there\b|"
    r"^still there\b"
)
_BARE_HELLO = re.compile(r"(?:(?:hello|hi|hey)\W*){1,3}\?")
# A self-introduction that names the speaker: "Dana speaking", "you've got Desmond", "this was Luis" (a
# recogniser's "was" for "is"), "Priya here". The name must look like one (capitalised, not a possessive).
_INTRODUCED = re.compile(
    r"\b(?i:(?:this|the|is) (?:is|was|as)|my (?:name )?is|you've got|you have|you got|got|you've reached|you have reached|"
    rf"name's|speaking with|it's)\s+([{NAME_UPPER}][{NAME_LOWER}]+)\b(?!'s|-)(?! (?:[A-Z][a-z]+ )*(?:Health|Plan|Medicare|"
    rf"Medicaid|Services|Insurance|Care|Line|Department)\b)|\b([{NAME_UPPER}][{NAME_LOWER}]+) (?:speaking|here)\b(?=[.,!?]|$)"
)
_NOT_A_NAME = frozenset({
    "the", "a", "an", "our", "your", "my", "provider", "member", "claims", "customer", "medicare", "medicaid",
    "thank", "thanks", "hello", "hi", "please", "we", "this", "it", "that", "here", "there", "who", "what",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "reached",
    "how", "where", "when", "which", "why",
})


# An IVR that takes speech lists what the caller may say: "You can say 'repeat that', 'line details', or 'I'm done'."
_SPOKEN_CHOICES = re.compile(r"\byou (?:can|may) (?:also )?say\b(?! (?:that|so|it)\b)|\bsay ['\"\u2018\u201c]\w", re.IGNORECASE)


def offers_spoken_choices(text: str) -> bool:
    """Tell whether a turn lists phrases the caller may say, as a speech IVR does and a person does not."""
    return _SPOKEN_CHOICES.search(text) is not None


def checks_in(text: str) -> bool:
    """Tell whether a turn asks whether the caller is still there ("Hello? Are you there?", a bare "Hello?")."""
    normalized = normalize_prompt(text)
    if _IVR_MARKERS.search(normalized):
        return False
    return bool(_CHECK_IN.search(normalized) or _BARE_HELLO.fullmatch(text.strip().lower()))


def greeting_name(text: str) -> str | None:
    """Return the name a speaker introduces themselves with, or None.

    Reads forms a recogniser leaves when it loses or swaps a word of a
    greeting ("you've got Desmond", "this was Luis", "Dana speaking"),
    which the name extractor alone does not take as an introduction.
    """
    for match in _INTRODUCED.finditer(text):
        name = match.group(1) or match.group(2)
        if name.lower() not in _NOT_A_NAME:
            return name
    return lone_name(text)


def question_to_caller(text: str) -> bool:
    """Tell whether a turn ends with a short question put to the caller ("What can I for you today?").

    Recorded announcements ask long rhetorical questions ("Did you know
    most claim questions can be answered on our portal?"); a person's
    question at pickup is short and says "I" or "you".
    """
    if not text.rstrip().endswith("?"):
        return False
    # The last clause: "Thank you for holding, this is Dana, how can I help you?" asks "how can I help you?".
    words = re.findall(r"[a-z']+", re.split(r"[.?!,;]\s+", text.strip())[-1].lower())
    if not words or len(words) > 10:
        return False
    # "Who speaking with today?" lost its "am I" but still asks the caller.
    return bool({"i", "you", "your", "we", "me", "hello", "hi"} & set(words)) or bool({"who", "how", "what"} & set(words))
