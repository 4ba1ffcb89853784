"""Menu option scoring: goal words, their weights, and the key of an option whose key was lost.

The navigator chooses options by goal (claim status, a representative, the
read-out again, details, the next claim, or a search for the same claim
again). Each goal has words with weights; options that name things the
agent never wants (eligibility, pharmacy, remittances) are avoided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from payerline.agent.prompts import MenuOption
from payerline.domain.request import ClaimQuery, LineOfBusiness

GOAL_WORDS: dict[str, tuple[tuple[str, int], ...]] = {
    "claim_status": (
        ("claim status", 12), ("status of a claim", 12), ("claim information", 8), ("claims", 7), ("claim", 5),
        ("status", 3), ("provider", 4), ("health care professional", 4), ("physician", 4), ("english", 6),
        # Workers' compensation and property-casualty lines call a claim's charges a bill.
        ("bill status", 12), ("status of a bill", 12), ("bill", 4), ("doctor", 4),
    ),
    "representative": (
        ("representative", 12), ("agent", 9), ("speak with", 8), ("speak to", 8), ("talk to", 8),
        ("customer service", 7), ("operator", 7), ("associate", 7), ("specialist", 7), ("provider", 4),
        ("health care professional", 4), ("physician", 4), ("english", 6), ("all other", 3), ("other", 2),
        ("something else", 3), ("be transferred", 7), ("transferred", 6),
        # "For a telephone reopening or a question the system cannot answer, press 1."
        ("cannot answer", 8), ("can't answer", 8), ("unable to answer", 8), ("not able to answer", 8),
        ("could not answer", 8), ("couldn't answer", 8), ("still need help", 8), ("still need assistance", 8),
        ("further assistance", 6), ("additional assistance", 6), ("other questions", 5), ("general questions", 5),
        # A queue that offers a call back also offers to keep holding: that is the way to a person on this call.
        ("stay on hold", 11), ("continue to hold", 11), ("keep holding", 11), ("remain on hold", 11),
    ),
    # The question a line asks before a transfer: "So I can get you to the right team, is this about a claim?"
    "person_routing": (
        ("claims", 10), ("claim", 10), ("billing", 6), ("provider", 4), ("something else", 2), ("anything else", 2),
        ("other", 2),
    ),
    "details": (("claim details", 12), ("line detail", 11), ("details", 10), ("detail", 10), ("more information", 6),
                # A listing of claims without their status: "To get the status of one of these claims, press 1".
                ("status of one of these claims", 12), ("status of one of these", 11), ("status of a listed claim", 11),
                # A Medicaid read-out menu offers the claim's check apart: "For checkwrite information, press 6."
                ("checkwrite information", 9), ("check write information", 9), ("check information", 8)),
    "next_claim": (
        ("another claim", 12), ("next claim", 11), ("new claim", 11), ("additional claim", 11),
        ("different claim", 11), ("new search", 10), ("search again", 10), ("another inquiry", 9),
        ("another date of service", 12), ("another date", 11), ("another beneficiary", 9), ("another member", 9),
        ("another patient", 9), ("different member", 9), ("different patient", 9), ("different beneficiary", 9),
        ("check another", 9), ("other dates", 11), ("other date", 11),
        # An urgent care line's "say another visit or press 2 to check a different date for this patient".
        ("another visit", 11), ("different date", 11), ("different visit", 11), ("new patient", 9),
        ("main menu", 6), ("start over", 5),
    ),
    "skip_readout": (("next", 8), ("continue", 6), ("another claim", 5)),
    # A search for another claim, used to hear a read-out that offers no repeat once more.
    "research": (
        ("another claim", 12), ("next claim", 11), ("new claim", 11), ("additional claim", 11),
        ("different claim", 11), ("new search", 10), ("search again", 10), ("another date of service", 12),
        ("another date", 11), ("other dates", 11), ("other date", 11), ("check another", 9), ("next", 7),
        ("another visit", 11), ("different date", 11),
    ),
    "repeat": (("hear this again", 12), ("hear that again", 12), ("hear this information again", 12),
               ("hear this claim again", 12), ("repeat", 10), ("hear it again", 10),
               # The same offers with a word lost on the line ("To this again, press 1").
               ("this again", 9), ("that again", 9), ("the again", 9), ("it again", 9), ("information again", 9),
               ("claim again", 9), ("hear this", 8), ("hear that", 8),
               # After a read-out, "this information" is the read-out ("To [repeat] this information").
               ("this information", 6)),
}
AVOID_WORDS = (
    "eligibility", "benefit", "authorization", "pharmacy", "remittance", "remit", "redetermination", "appeal",
    "pricing", "financial", "duplicate", "deductible", "enrollment", "credentialing", "ordering", "repeat",
    # Electronic claims support (EDI, clearinghouses) gives no claim's status, nor does where to send claims.
    "electronic claims", "edi", "clearinghouse", "mailing address", "claims address", "payer id", "fax number",
    "survey", "spanish", "espanol", "pending claims", "oxygen", "cmn", "supplies", "hear that again", "social security",
    # A list of a member's claims reads no claim's details ("For a summary of [pending] claims for a member").
    "summary",
    # Logging in again as another provider leads back to the start of the tree, not to claims or a person.
    "different provider", "another provider", "provider number", "different npi", "another npi", "new provider",
    "log in again", "different tax", "another tax",
    # A call back would ring the agent's number, which takes no incoming calls.
    "call you back", "call me back", "callback",
    # Auto and workers' compensation lines sort injured people and their lawyers from providers.
    "claimant", "attorney", "were hurt", "injured person", "injured worker calling",
)

# An option for a list of callers that ends with providers in general: "If you are calling from a doctor's office,
# hospital, pharmacy or other medical provider". A pharmacy among them is a kind of caller, not a topic to avoid.
_CALLER_LIST = re.compile(r"\bor (?:any )?other (?:\w+ ){0,2}(?:providers?|professionals?)\b")
# One option for several topics, claims among them: "If you are calling about a patient's eligibility, benefits or
# claims, press 1." The topics to avoid share the option with the one wanted.
_TOPICS_WITH_CLAIMS = re.compile(r"(?:,|\bor|\band)\s+claims?(?: status)?(?:\s*$|\s*,|\s+or\b|\s+and\b)|"
                                 r"^(?!electronic\b)(?:\w+ )?claims?(?: status)?(?:,| or\b| and\b)(?! (?:appeals?|remittances?)\b)")
# "For enrollment, E D I, or to speak with customer service": a person at the end of a list of topics.
_PERSON_AMONG_TOPICS = re.compile(r"(?:,|\bor|\band)\s+(?:to\s+)?(?:speak|talk)\s+(?:with|to)\b|"
                                  r"(?:,|\bor|\band)\s+(?:for\s+)?(?:a\s+|an\s+)?(?:representative|agent|customer service|"
                                  r"operator)\b")
_OTHER_SEARCH = re.compile(r"\bother (?:dates?|claims?|members?|beneficiar(?:y|ies)|patients?|recipients?|services?)\b")
# An offer to hear something "again" that lost its verb ("To hear at again"), but not a retry or a new search.
_AGAIN = re.compile(r"\bagain\b")
_MENU_REPEAT = re.compile(r"\b(?:these|the|this) (?:options|choices|menu|selections)\b")
_NOT_REPEAT_AGAIN = re.compile(r"\b(?:try|search|enter|start|call|dial|key|say)\b(?: \w+)? again\b")


_STATUS_OF_CLAIM = re.compile(r"\bstatus of (?:a |an |the |your |my )?(?:[\w-]+ ){0,3}(?:claim|bill)s?\b")


def score_option(option: MenuOption, goal: str) -> int:
    label = f"{option.label} {option.phrase or ''}".lower()
    if _CALLBACK.search(label):
        return -20  # a call back would ring the agent's number, which takes no incoming calls
    score = max((weight for word, weight in GOAL_WORDS[goal] if has_words(label, word)), default=0)
    if goal == "claim_status" and _STATUS_OF_CLAIM.search(label):
        score = max(score, 12)  # "For the status of a medical crossover claim"
    if goal == "repeat" and not score and _AGAIN.search(label) and not _NOT_REPEAT_AGAIN.search(label):
        score = 8
    if goal in ("representative", "person_routing") and score <= 2 and _OTHER_SEARCH.search(label):
        score = 0  # "To check other dates for this beneficiary" is a new search, not "all other questions"
    if goal == "repeat" and _MENU_REPEAT.search(label):
        # "To repeat these options" replays the menu, not the read-out before it.
        score = 0
    if (score and goal in ("claim_status", "representative") and any(has_words(label, word) for word in AVOID_WORDS)
            and not _CALLER_LIST.search(label) and not (goal == "claim_status" and _TOPICS_WITH_CLAIMS.search(label))
            and not (goal == "representative" and _PERSON_AMONG_TOPICS.search(label))):
        score -= 10
    if score and goal in ("claim_status", "next_claim", "research") and _AGAIN.search(label) and not _NOT_REPEAT_AGAIN.search(label):
        score -= 10  # "To hear these claims again" names claims, but only replays what was just read
    return score


# A search's choice between one date of service and a range: "If this is the only date of service,
# press 1. To enter an ending date of service, press 2."
_ONE_DAY = re.compile(r"\b(?:only|single|one|same) (?:date|day)\b|\bno (?:ending|end|through|to) date\b")
_NEW_SEARCH = re.compile(r"\b(?:new|another|different|other)\b[^,;]*\b(?:date|dates|range)\b")
_RANGE = re.compile(r"\b(?:ending|end|through|thru|last|to) date\b|\bdate range\b|\brange of dates\b")


def date_span_choice(label: str) -> str | None:
    """Return "one_day" or "range" for an option choosing how many dates of service a search has, else None.

    "For a new date range, press 3" after a read-out starts another search, so it chooses no span.
    """
    if _NEW_SEARCH.search(label):
        return None
    if _ONE_DAY.search(label):
        return "one_day"
    if _RANGE.search(label):
        return "range"
    return None


def has_words(label: str, words: str) -> bool:
    return re.search(rf"\b{re.escape(words)}", label) is not None



def implied_key(option: MenuOption, options: tuple[MenuOption, ...]) -> str | None:
    """Return the key an option whose key was lost must have, from the keys around it, or ``None``.

    Menus number their options in the order read and leave 0 for a person:
    an option after 2 and before 4 is 3, and a first option before 2 or 3
    is 1. Only a key no other option uses, and below the next option's, is
    returned; an option with no numbered option after it implies nothing.
    """
    index = options.index(option)
    used = {other.key for other in options if other.key}
    before = [int(other.key) for other in options[:index] if other.key and other.key.isdigit() and other.key != "0"]
    after = [int(other.key) for other in options[index + 1:] if other.key and other.key.isdigit() and other.key != "0"]
    if not after:
        return None
    candidate = (before[-1] if before else 0) + 1
    if candidate >= after[0] or str(candidate) in used:
        return None
    return str(candidate)


# An option that leads back to the top of the tree: "At any time, press star 9 9 to return to this menu"
# (in the main menu), "To return to the main menu, press star". "Start over with another patient" is
# a search, not the top of the tree.
_MAIN_MENU = re.compile(r"\bmain menu\b|\b(?:return|go back|back) to (?:this|the)\b|\bto this menu\b")
_NOT_MAIN_MENU = re.compile(r"\brepeat\b|\bprevious\b|\blast menu\b|\bhear\b")


def global_keys(options: tuple[MenuOption, ...]) -> dict[str, str]:
    """Return the keys a menu announces for a person and for the main menu, by goal.

    Payers announce such keys once, often only in the main menu, and they
    work from any menu ("0 and star 9 9 work anywhere"). A caller remembers
    them to leave a sub-menu that offers neither.
    """
    found: dict[str, str] = {}
    for option in options:
        if option.key is None or option.key_lost:
            continue
        label = option.label.lower()
        person = score_option(option, "representative")
        if person >= 8 and "representative" not in found and not any(has_words(label, w) for w in AVOID_WORDS):
            found["representative"] = option.key
        # "Main menu, press 3" in a sub-menu is that menu's own option; star keys and "at any time" are global.
        anywhere = option.key[0] in "*#" or re.search(r"\b(?:at any time|anytime|any time)\b", label) is not None
        if (_MAIN_MENU.search(label) and not _NOT_MAIN_MENU.search(label) and "main_menu" not in found
                and anywhere):
            found["main_menu"] = option.key
    return found


def option_score(option: MenuOption, goal: str, query: ClaimQuery) -> int:
    """Score an option for a goal, preferring the search that ``query``, the claim asked about, can feed."""
    score = score_option(option, goal)
    label = option.label.lower()
    if score <= 0 and goal in ("claim_status", "representative") and not any(
        has_words(label, word) for word in AVOID_WORDS
    ):
        # "To identify your organization with its tax ID, press 1. To use its NPI, press 2."
        # is a login step on the way to claims, and the request has both ids.
        if re.search(r"\bnpi\b|national provider", label):
            score = 3
        elif re.search(r"tax id|\btin\b|tax identification", label):
            score = 2
    span = date_span_choice(label)
    if span is not None:
        # "If this is the only date of service, press 1. To enter an ending date, press 2." ends a search
        # already begun, whatever the goal: only after it does the IVR offer anything else.
        one_day = query.service_date_to in (None, query.service_date_from)
        return 10 if (span == "one_day") == one_day else -10
    if goal != "claim_status":
        return score
    # "If you do, say claim number, or press 1": the spoken phrase names the search too.
    label = f"{label} {option.phrase or ''}".strip().lower()
    if re.search(r"claim (?:number|id)|\bicn\b|\btcn\b|\bdcn\b|control number", label):
        score += 6 if query.payer_claim_number is not None else -12
    elif re.search(r"\b(?:search|by|using|with|look (?:it |them )?up)\b.*"
                   r"(?:member|beneficiary|recipient|date of service|dates of service|\bdos\b)", label) or (
            option.phrase and re.fullmatch(r"(?:member id|dates? of service)", option.phrase.strip().lower())):
        score += 6
    return score


# A line asking which person to transfer the caller to.
PERSON_ROUTING = re.compile(r"\b(?:connect|transfer) you (?:with|to) (?:a|the next available|an?) (?:representative|agent)|"
                            r"\bto the right (?:team|person|department|representative)\b")


# Options that never continue a search: going back, hearing the menu again, or a person.
_NOT_ONWARD = re.compile(r"\b(?:main menu|previous|return|go back|repeat|start over|representative|agent|operator)\b")
# A queue's offer to call back. The agent never takes it, because its number takes no incoming calls.
_CALLBACK = re.compile(r"\bcall (?:you|me) back\b|\bcallback\b|\bcall-back\b|\breturn (?:your|the) call\b")


def callback_offer(options: tuple[MenuOption, ...]) -> bool:
    """Tell whether a menu only offers a call back ("To have a representative call you back, press 1")."""
    return bool(options) and all(_CALLBACK.search(f"{option.label} {option.phrase or ''}".lower())
                                 for option in options)


def mid_search_option(options: tuple[MenuOption, ...]) -> MenuOption | None:
    """Return the option that most likely continues a search interrupted by a menu the agent cannot read.

    A menu heard between a search's entries and its read-out asks something
    about the search ("If this is the only date of service, press 1"). IVRs
    put the usual answer first, so the lowest numbered option that does not
    lead back, repeat, or avoid the goal is taken.
    NOTE: that the first option is the usual one is a convention of the phone
    trees read so far, not a rule of any standard.
    """
    keyed = [
        option for option in options
        if option.key and option.key.isdigit() and option.key != "0" and not option.key_lost
        and not _NOT_ONWARD.search(option.label.lower())
        and not any(has_words(option.label.lower(), word) for word in AVOID_WORDS)
    ]
    return min(keyed, key=lambda option: int(option.key or "0"), default=None)


# The way past an entry the caller cannot give: "If you do not have the group number, press 9", "or press star to skip".
_SKIP = re.compile(r"\b(?:do not|don't|does not|doesn't|dont) have\b|\bskip\b|\bnot available\b|\bunknown\b|"
                   r"\b(?:do not|don't) know\b|\bnot sure\b|"
                   # "If you do not have the date of injury, press 9 to use the date of birth instead."
                   r"\binstead\b")


def skip_option(options: tuple[MenuOption, ...]) -> MenuOption | None:
    """Return the option that skips an entry the caller does not have, or ``None``."""
    return next((option for option in options if option.key and not option.key_lost
                 and _SKIP.search(option.label.lower())), None)


# Words that name a line of business in a menu that sorts callers by the member's plan.
_LINE_OF_BUSINESS_WORDS: dict[LineOfBusiness, re.Pattern[str]] = {
    LineOfBusiness.MEDICARE: re.compile(r"\b(?:original|traditional) medicare\b|\bmedicare\b(?! advantage)"),
    LineOfBusiness.MEDICARE_ADVANTAGE: re.compile(r"\bmedicare advantage\b|\badvantage plan\b"),
    LineOfBusiness.MEDICAID: re.compile(r"\bmedicaid\b"),
    LineOfBusiness.CHIP: re.compile(r"\bchip\b|children's health"),
    LineOfBusiness.EXCHANGE: re.compile(r"\bmarketplace\b|\bexchange\b|individual (?:and family )?plan"),
    LineOfBusiness.COMMERCIAL: re.compile(r"\bcommercial\b|\bemployer\b"),
}
# Payer-id words too common to tell one payer from another.
_GENERIC_PAYER_WORDS = frozenset(
    "health healthcare medicare medicaid plan plans care blue cross shield insurance group services bcbs ppo hmo "
    "advantage community".split()
)
# Another plan, or a member calling for themself ("If you're a Meridell member, press 2").
_ANOTHER_PLAN = re.compile(r"\b(?:another|other|different)\b|\bout[- ]of[- ]state\b|\b(?:a|an) (?:\w+ )?member\b")
_ANY_OTHER_PLAN = re.compile(r"\b(?:any|all) other (?:health )?(?:plans?|insurers?|payers?|carriers?)\b|"
                            r"\b(?:any|all) other (?:\w+ ){0,3}members\b")
# A product within the payer that a request's line of business must name to be chosen.
_SPECIAL_PRODUCT = re.compile(r"\bfederal employee\b|\bfep\b|\bmedicare\b|\bmedicaid\b|\bchip\b|\bmarketplace\b")
_OTHER_PLAN_OFFERED = re.compile(r"\b(?:another|other|different)\b|\bout[- ]of[- ]state\b|\bfederal employee\b")


def plan_option(options: tuple[MenuOption, ...], payer_id: str, line_of_business: LineOfBusiness) -> MenuOption | None:
    """Return the option of a menu sorting callers by plan that names the request's payer or line of business.

    "If the member's ID card shows Prairie Blue Cross Blue Shield, press 1.
    If the member is covered by another Blue plan, press 2." is answered with
    the payer's own name, and "For commercial members, press 1. For Medicaid
    members, press 2." with the request's line of business. A menu counts as
    sorting by plan only when another option offers another plan, or when two
    options name lines of business, so a caller-type menu that names the payer
    ("If you are a TRICARE beneficiary, press 2") is left alone.
    """
    keyed = [option for option in options if option.key and not option.key_lost]
    labels = [option.label.lower() for option in keyed]
    names = [word for word in payer_id.split("-") if len(word) >= 4 and word not in _GENERIC_PAYER_WORDS]
    if any(_OTHER_PLAN_OFFERED.search(label) for label in labels):
        line_words = _LINE_OF_BUSINESS_WORDS[line_of_business]
        named = [option for option, label in zip(keyed, labels)
                 if not _ANOTHER_PLAN.search(label) and any(has_words(label, name) for name in names)
                 and (not _SPECIAL_PRODUCT.search(label) or line_words.search(label))]
        if len(named) == 1:
            return named[0]
    if sum(1 for label in labels if any(words.search(label) for words in _LINE_OF_BUSINESS_WORDS.values())) >= 2:
        line_words = _LINE_OF_BUSINESS_WORDS[line_of_business]
        lines = [option for option, label in zip(keyed, labels)
                 if not _ANOTHER_PLAN.search(label) and line_words.search(label)]
        if len(lines) == 1:
            return lines[0]
    if any(_OTHER_PLAN_OFFERED.search(label) for label in labels):
        # A list of plans that does not name the payer called: its catch-all ("For any other plan, press 4").
        return next((option for option, label in zip(keyed, labels) if _ANY_OTHER_PLAN.search(label)), None)
    return None


# A yes-or-no question with a key for each answer: "Do you have the claim number? Say yes or press 1. If not,
# say no or press 2."
_YES_NO_QUESTION = re.compile(r"(?:^|[.?!]\s)((?:do|does|are|is|would|will|did|have|has)\b[^.?!]{3,120}\?)")
_YES_KEY = re.compile(r"\b(?:say yes,? or press|if (?:so|yes|you do),? (?:say yes or )?press|press ([0-9]) (?:for|if) yes|"
                      r"yes,? press)\s*([0-9*#])?")
_NO_KEY = re.compile(r"\b(?:if not|if no|say no|otherwise|if you don't|if you do not),?(?: say no)?,? (?:or )?press ([0-9*#])|"
                     r"\b(?:press|or|,) ([0-9]) (?:for|if) no\b|\bno,? press ([0-9*#])")
# Questions about what the caller has or is; the request settles them. Other questions ("Is there more than one
# date of service?", "Is the birth date before 1950?") are left to the menu and entry readers.
_HAVE_QUESTION = re.compile(r"^(?:do|does) (?:you|your office) have\b|^have you (?:got )?(?:the|a|an)\b")
_ARE_YOU_QUESTION = re.compile(r"^are you\b")
_READBACK_QUESTION = re.compile(r"\b(?:right|correct)\b")
_HAS_ALWAYS = re.compile(r"\b(?:member|subscriber|recipient|beneficiary|patient)(?:'s)? (?:id|number)\b|\bmember id\b|"
                         r"\bnpi\b|\btax id\b|\bdate of (?:birth|service)\b")
_HAS_NEVER = re.compile(r"\bgroup number\b|\baccount number\b|\bsocial security\b|\bauthorization number\b|"
                        r"\breferral number\b")
_CALLER_IS_PROVIDER = re.compile(r"\bprovider\b|\bdoctor\b|\bhospital\b|\boffice\b|\bbilling\b|\bclinic\b|\bfacility\b")
_CALLER_IS_MEMBER = re.compile(r"\b(?:member|patient|beneficiary|subscriber|enrollee)\b")


@dataclass(frozen=True)
class YesNoAnswer:
    """The answer to a yes-or-no question: its key when the prompt names one, and the word to say otherwise."""

    key: str | None
    word: str


def yes_no_answer(normalized: str, has_claim_number: bool) -> YesNoAnswer | None:
    """Return the answer to a yes-or-no question about what the caller has or is, or ``None``.

    Only questions whose answer the request settles are answered: "Do you
    have the claim number?" (yes when the request carries one), "Do you
    have the member ID?" (yes), "Do you have the group number?" (no), "Are
    you calling from a provider's office?" (yes). A question asking whether
    something is right is a read-back, and any other question is left alone.
    """
    question = None
    for match in _YES_NO_QUESTION.finditer(normalized):
        question = match
    if question is None:
        return None
    text = question.group(1)
    if _READBACK_QUESTION.search(text):
        return None
    if _HAVE_QUESTION.search(text):
        has_claim = re.search(r"\bclaim (?:number|id)\b|\bicn\b|\bdcn\b|\bcontrol number\b", text) is not None
        if _HAS_ALWAYS.search(text):
            yes = True  # "Do you have a claim number or member ID?": the member ID will do
        elif has_claim:
            yes = has_claim_number
        elif _HAS_NEVER.search(text):
            yes = False
        else:
            return None
    elif _ARE_YOU_QUESTION.search(text):
        if _CALLER_IS_PROVIDER.search(text):
            yes = True
        elif _CALLER_IS_MEMBER.search(text):
            yes = False
        else:
            return None
    else:
        return None
    after = normalized[question.end():]
    yes_match = _YES_KEY.search(after)
    no_match = _NO_KEY.search(after)
    yes_key = (yes_match.group(1) or yes_match.group(2)) if yes_match else None
    no_key = next((group for group in no_match.groups() if group), None) if no_match else None
    # A conversational line offers no keys ("Do you have the claim number handy?"), so the reply is the word.
    return YesNoAnswer(yes_key if yes else no_key, "yes" if yes else "no")
