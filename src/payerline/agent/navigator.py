"""The IVR navigator: menus, entries, confirmations and self-service read-outs.

It follows the payer's IVR map while the menus it hears agree with it, and
chooses by ear otherwise. It enters identifiers in the format each prompt asks
for, retries an invalid entry in the other plausible format, escapes a menu
that keeps repeating (0, "representative", then the map's main-menu key) and
gives up with ``unescapable_loop`` when nothing works. After a key press it
stays silent until the next prompt.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from payerline.agent import formats
from payerline.agent.context import CallContext, Phase, Step
from payerline.agent.extract import Extraction
from payerline.agent.ivr_hearings import unsettled_ivr_fields
from payerline.agent.entries import EnteredValue, entry_keys, letter_method, readback_matches, spoken_entry, value_for
from payerline.agent.menus import (
    AVOID_WORDS,
    PERSON_ROUTING,
    callback_offer,
    global_keys,
    has_words,
    implied_key,
    mid_search_option,
    option_score,
    plan_option,
    score_option,
    skip_option,
    yes_no_answer,
)
from payerline.agent.prompts import (
    Confirmation,
    Cue,
    InputField,
    InputRequest,
    MenuOption,
    PromptAnalysis,
    confirmation,
    input_request,
    names_outage,
    normalize_prompt,
    offers_spoken_choices,
    refuses_callers,
    request_for,
    stated_claim_number_length,
    unnamed_entry,
)
from payerline.agent.option_parsing import KEY
from payerline.agent.readout_capture import ReadoutCapture
from payerline.agent.results import SOURCE_IVR, ClaimState, Heard
from payerline.domain.codes import FailureReason
from payerline.payers.ivr_map import LoginId, MenuStep
from payerline.telephony.actions import Action, PressKeys, Speak

logger = logging.getLogger(__name__)

# Option labels that lead on from a menu rather than to one service.
_ONWARD_WORDS = ("continue", "other options", "more options", "other services", "something else", "start over")

_SAY = re.compile(r"\bsay\b")
_LOGIN_FIELDS = {
    LoginId.NPI: InputField.NPI, LoginId.PTAN: InputField.PTAN, LoginId.TIN: InputField.TIN,
    LoginId.TIN_LAST5: InputField.TIN, LoginId.MEDICAID_PROVIDER_ID: InputField.MEDICAID_PROVIDER_ID,
}
# A welcome naming the callers the line serves: "provider services for physicians ... who are not in the Northmere network".
_OUT_OF_NETWORK_LINE = re.compile(r"\b(?:line|services?|center|provider) for\b[^.]{0,80}\b(?:not in (?:the |our |a |an )?(?:\w+ )?network|"
                                  r"out[- ]of[- ]network|non-?participating|non-?contracted)\b|"
                                  r"\b(?:physicians|providers|professionals|facilities) (?:who|that) are not in (?:the |our |a |an )?"
                                  r"(?:\w+ )?network\b")
_NOT_CONTRACTED = re.compile(r"\b(?:do not|don't|does not|doesn't) have a contract\b|\bnot (?:in (?:the |our )?(?:\w+ )?network|"
                             r"contracted|participating)\b|\bout[- ]of[- ]network\b|\bnon-?(?:participating|contracted|network)\b")
# A line's spoken question of what the call is about, before a transfer or a branch.
_ABOUT_A_CLAIM = re.compile(r"\b(?:is (?:this|it|your call)|are you calling) about (?:a |the |your )?claims?\b[^.]*\?")
# The key for a caller without the value asked for: "If not, press 2", "Otherwise, press 9".
# "If you don't have a claim number, press 5 and then pound": the key, and a pound after it.
_IF_NOT_KEY = re.compile(rf"\b(?:if not|otherwise|if you (?:don't|do not)(?: have (?:it|one|(?:a|an|the|your) "
                         rf"[\w' -]{{0,30}}?(?:number|id)))?),? (?:just )?press ({KEY})(?!\w)"
                         rf"(?:,? (?:and )?(?:then |followed by )(?:the )?(pound|#))?")


def _keys_without(match: re.Match[str]) -> PressKeys:
    """Return the keys of an "if you don't have it" option, with the pound the prompt requests after them."""
    return PressKeys(match.group(1).replace(" ", "") + ("#" if match.group(2) else ""))

_TRANSFER_UNDER_WAY = re.compile(r"\bplease (?:continue to )?hold\b|\b(?:i'm|i am|we're|we are|now) (?:transferring|connecting)\b|"
                                 r"\b(?:while|as) (?:i|we) (?:transfer|connect)\b|\bone moment while\b")
# Options never tried blind: they end the call, replay, go back, change language or leave a message.
_NOT_TO_EXPLORE = re.compile(r"\b(?:goodbye|bye|hang up|end (?:this|the) call|exit|finished|done|repeat|again|"
                             r"main menu|previous menu|start over|spanish|espanol|español|message|voicemail|survey|fax|"
                             r"email|mail|website|portal|"
                             # Options for other callers, which a provider's office is not.
                             r"members?|pharmac(?:y|ies)|pharmacists?|employers?|brokers?|dentists?|"
                             # A payer or plan named ("Red Mesa Mutual Insurance, press 2"): choosing one at random
                             # would search another payer's records.
                             r"insurance|insurers?|administrators?|mutual|trust|health plans?|payers?)\b")
_IDENTIFYING = frozenset(
    {InputField.MEMBER_ID, InputField.DATE_OF_SERVICE, InputField.DATE_OF_SERVICE_FROM,
     InputField.DATE_OF_SERVICE_TO, InputField.CLAIM_NUMBER, InputField.BILLED_AMOUNT}
)
# Entries that find the member: a generic failure right after one is the member not found.
_MEMBER_ENTRIES = frozenset({InputField.MEMBER_ID, InputField.LAST_NAME, InputField.FIRST_NAME, InputField.DATE_OF_BIRTH})


# Turns left unanswered before giving up: three attempts is the common IVR limit, and the message after the last
# one ("We are unable to complete your request.") comes before its transfer or hang-up.
_SILENT_WAITS = 4
# A turn of nothing but thanks, with no "goodbye": "Thank you for calling Sweetbay Community Health Plan."
_THANKS_ONLY = re.compile(r"\W*thank you for calling\b[^.?!]*[.!]?\s*")


class IvrNavigator(ReadoutCapture):
    """Chooses what to press or say at each IVR prompt."""

    def __init__(self, context: CallContext) -> None:
        self._context = context
        self._map_steps: dict[str, int] = {"claim_status": 0, "representative": 0}
        self._last_entry: EnteredValue | None = None
        # Claim numbers keyed and read back by the IVR, by claim, until that claim's read-out comes.
        self._confirmed_numbers: dict[int, tuple[str, Heard]] = {}
        self._attempts: dict[InputField, int] = {}
        self._readback_rejections: dict[InputField, int] = {}
        # Entries made per field and yes-or-no questions answered, to leave an IVR that keeps asking the same thing.
        self._entries_made: dict[InputField, int] = {}
        self._questions_answered: dict[str, int] = {}
        self._menu_hearings: dict[tuple[tuple[str, str], ...], int] = {}
        self._escapes_used = 0
        # Menus and entries left unanswered after every way out failed: many IVRs send a caller who keys nothing to
        # a person after their last attempt, and the rest hang up, which ends the call as giving up would.
        self._silent_waits = 0
        self._claim_identified = False
        # A search has had identifying entries and its read-out (or "not found") has not come yet.
        self._search_open = False
        # The claim of each details read-out asked for, in order, and whether the last one gave a doubtful
        # value another hearing, by claim.
        self._details_taken: list[int] = []
        self._details_helped: dict[int, bool] = {}
        self._details_watch: dict[int, dict[str, int]] = {}
        self._last_goal = ""
        self._repeats: list[int] = []
        self._member_not_found = 0
        self._provider_not_recognized = 0
        self._timeouts = 0
        self._wants_person = not context.config.prefer_self_service
        self._skip_readout = False
        self._wrong_branch = False
        self._out_of_network_line = False
        self._deductibles: dict[int, tuple[Extraction[Decimal], Heard]] = {}
        self._copays: dict[int, tuple[Extraction[Decimal], Heard]] = {}
        # Per claim: the date a read-out gave as "paid on", and whether it gave a check or EFT date.
        self._paid_on_dates: dict[int, date] = {}
        self._check_dated: set[int] = set()
        self._deductibles_taken: set[tuple[int, int]] = set()
        self._lost_keys: dict[str, int] = {}
        self._researches: list[int] = []
        self._researching = False
        self._repeat_watch: dict[int, dict[str, int]] = {}
        # Keys announced earlier in the call for a person and for the main menu, which work from any menu.
        self._global_keys: dict[str, str] = {}
        self._global_used: set[str] = set()
        self._global_pressed: set[str] = set()
        # Options taken to move on from a menu with nothing for the goal ("to continue, press 2"), by menu.
        self._onward_taken: dict[tuple[tuple[tuple[str, str], ...], str], int] = {}
        # Options of unread menus tried blind, by menu and key.
        self._explored: set[tuple[tuple[tuple[str, str], ...], str]] = set()
        self._menu_now = False
        self._last_menu: tuple[tuple, tuple[MenuOption, ...]] = ((), ())
        self._idle_menus = 0
        self._speech_heard = False
        # The last choice requested a person, so a menu that follows and offers none is a question about the call's topic.
        self._person_requested = False
        self._person_requested_at: tuple | None = None
        # Evidence about identifiers: lengths from the request and prompts, values heard clearly, by claim.
        self._id_lengths: dict[str, set[int]] = {"claim_number": {
            len(query.payer_claim_number) for query in context.request.claims if query.payer_claim_number}}
        self._clear_ids: dict[int, dict[str, set[str]]] = {}
        # Fields a read-out labelled whose value was lost on the line ("Finalized March twenty twenty-six").
        self._lost_values: dict[int, set[str]] = {}
        self._claim_level: dict[int, set[str]] = {}

    @property
    def wants_person(self) -> bool:
        return self._wants_person

    def request_person(self) -> None:
        """Steer towards a representative from now on (self-service cannot help further)."""
        self._wants_person = True

    def sent_back(self) -> None:
        """Use the IVR's self-service again: a person sent the call back to it ("Claim status is available in our
        automated system, so I'm going to send you back to it")."""
        self._wants_person = not self._context.config.prefer_self_service

    def person_left(self) -> None:
        """Forget the key pressed for a person once one was reached: the menus after that person are the IVR's
        own again, not a question about which person to transfer to."""
        self._person_requested = False

    def leave(self) -> None:
        """Forget the read-out being skipped or searched again, because the next IVR visit starts at a fresh menu."""
        self._skip_readout = False
        self._wrong_branch = False
        self._researching = False
        self._global_used.clear()
        self._global_pressed.clear()
        self._idle_menus = 0
        # A person who sends the call back to the IVR starts a new visit: each way out may be tried once more.
        self._escapes_used = 0

    def on_turn(self, analysis: PromptAnalysis, heard: list[tuple[str, Heard]]) -> Step:
        """Decide what to do after one IVR turn."""
        fault = self._fault(analysis)
        if fault is not None:
            return fault
        normalized = normalize_prompt(analysis.text)
        self._menu_now = bool(analysis.options)
        # "At any time, press star 9 for the main menu" is often said in the same turn as the first entry prompt.
        for name, key in global_keys(analysis.options).items():
            self._global_keys.setdefault(name, key)
        stated = None if analysis.person_likely else stated_claim_number_length(normalized)
        if stated is not None:
            # A menu names the claim number's length without asking for it: a read-out shorter than that lost digits.
            self._id_lengths["claim_number"].add(stated)
        if not analysis.person_likely and _SAY.search(normalized):
            self._speech_heard = True
        self._capture_readout(heard)
        if self._claim_identified and (analysis.has(Cue.CLAIM_NOT_FOUND) or self._search_came_back(analysis)):
            self._record_not_found(heard)
        if analysis.has(Cue.MEMBER_NOT_FOUND):
            self._member_not_found += 1
            if self._member_not_found >= 2:
                return Step(end=FailureReason.MEMBER_NOT_FOUND)
        if analysis.has(Cue.PROVIDER_NOT_RECOGNIZED):
            self._provider_not_recognized += 1
            if self._provider_not_recognized == 2:
                # A person can find the provider by other ids than the ones this IVR takes, so a biller would ask for one.
                logger.info("call %s: provider not recognized twice; asking for a person", self._context.call_id)
                step = self._escape()
                return Step(end=FailureReason.PROVIDER_NOT_RECOGNIZED) if step.end is not None else step
            if self._provider_not_recognized >= 2:
                return Step(end=FailureReason.PROVIDER_NOT_RECOGNIZED)
        if analysis.has(Cue.TIMEOUT):
            self._timeouts += 1
        if analysis.input_request is None:
            answered = self._yes_no_step(normalized)
            if answered is not None:
                return answered
        if not analysis.options and analysis.input_request is None and _ABOUT_A_CLAIM.search(normalized):
            # "So I send you to the right team, is this about a claim, or something else?" asked with no keys.
            return Step([Speak("a claim")])
        confirm = analysis.confirmation
        if confirm is None and analysis.person_likely and self._last_entry is not None:
            # A conversational IVR reads back like a person ("I have member ID R 4 8 2. Is that right?").
            confirm = confirmation(normalized)
        if confirm is not None:
            self._note_confirmed_claim_number(analysis.text, heard)
            return Step(self._confirm(confirm, analysis.text))
        if analysis.input_request is None and not analysis.options:
            analysis = self._with_mapped_entry(analysis)
        if analysis.input_request is not None and not self._menu_after_readout(analysis):
            return self._enter(analysis)
        if analysis.options and callback_offer(analysis.options):
            # "The wait is more than 30 minutes. To have a representative call you back, press 1": stay in line.
            return Step(phase=Phase.HOLD)
        if analysis.options:
            return self._choose(analysis)
        if analysis.person_likely and analysis.has(Cue.PERSON_GREETING) and not offers_spoken_choices(analysis.text):
            return Step(phase=Phase.REPRESENTATIVE)
        if analysis.has(Cue.HOLD) or analysis.has(Cue.TRANSFER):
            return Step(phase=Phase.HOLD)
        if analysis.has(Cue.GOODBYE) and not self._greeting_thanks(normalized):
            return Step(finished=True)
        if self._timeouts >= 2:
            return self._escape()
        return Step()

    def _greeting_thanks(self, normalized: str) -> bool:
        """Tell whether a turn that is only "Thank you for calling Sweetbay Health Plan." greets rather than signs off.

        A slow line pauses after its first sentence, which then arrives alone. Before anything was read out it is
        the greeting. A line that signs off that way hangs up next, which ends the call anyway.
        """
        return (_THANKS_ONLY.fullmatch(normalized) is not None
                and not any(claim.ivr_readout or claim.fields for claim in self._context.claims))

    def _menu_after_readout(self, analysis: PromptAnalysis) -> bool:
        """Tell whether an entry prompt after a read-out is also its menu, and the goal is one of its options.

        "To check another date of service, enter the from date now. To hear these claims again, press 8. If
        you are finished, press 9." After the claim was read, hearing it again or finishing is not a new search.
        """
        claim = self._context.claims[self._context.ivr_claim]
        if not analysis.options or not claim.ivr_readout or self._researching or self._search_open:
            return False  # "Same as the from date? Press 1" inside a new search is that search's entry
        goal = self._goal(analysis.options)
        if goal == "finish":
            return True
        return goal in ("repeat", "details", "representative") and any(
            self._option_score(option, goal) > 0 for option in analysis.options)

    def _yes_no_step(self, normalized: str) -> Step | None:
        """Answer a yes-or-no question about what the caller has from the request, twice at most per question.

        "Do you have the claim number? Press 1 for yes, 2 for no." asked a
        third time means the IVR did not take the answer, so it is a loop.
        """
        query = self._context.claim_query(self._context.ivr_claim)
        answer = yes_no_answer(normalized, query.payer_claim_number is not None)
        if answer is None or answer.key is None and re.search(r"\bpress\b", normalized):
            return None  # the prompt offers keys, but none for this reply, so the menu reader decides
        times_answered = self._questions_answered.get(normalized, 0)
        if times_answered >= 2:
            return self._escape()
        self._questions_answered[normalized] = times_answered + 1
        return Step(self._select(answer.key, answer.word))

    def on_long_silence(self) -> Step:
        """The IVR has said nothing for a long while: assume a transfer to a queue."""
        return Step(phase=Phase.HOLD)

    # Faults and read-outs

    def _fault(self, analysis: PromptAnalysis) -> Step | None:
        """End the call on a refusal, a closed line or an outage, unless the same turn still serves the caller.

        Lines that refuse a call or are closed hang up after saying so. A turn
        that names such a thing and then offers a way on ("Claim status isn't
        available in our automated system. To speak with a representative,
        press 0"; "Our hours of operation are ... Please hold") is a notice,
        and the call goes on. A refusal that names automated calls or callers
        ends the call whatever follows it.
        """
        if analysis.has(Cue.AUTOMATED_REFUSED):
            if refuses_callers(analysis.text) or not self._serves_caller(analysis):
                return Step(end=FailureReason.AUTOMATED_CALLS_REFUSED)
            logger.info("call %s: a notice naming the automated system, and a way on; going on", self._context.call_id)
            self._context.last_fault = None
            return None
        if analysis.has(Cue.CLOSED):
            if not self._serves_caller(analysis):
                return Step(end=FailureReason.PAYER_CLOSED)
            logger.info("call %s: a notice naming the hours, and a way on; going on", self._context.call_id)
            self._context.last_fault = None
            return None
        if analysis.has(Cue.SYSTEMS_DOWN) and not analysis.has(Cue.TRANSFER) and not analysis.options:
            if (self._member_not_found or self._context.member_entry_last) and not names_outage(analysis.text):
                # "Unable to process your request, try again later" right after "the Medicare number and last name
                # do not match", or right after the member's last name was keyed: the line gave up on the member
                # in its generic words. An outage names itself ("the claims system is unavailable").
                return Step(end=FailureReason.MEMBER_NOT_FOUND)
            return Step(end=FailureReason.SYSTEMS_DOWN)
        return None

    def _serves_caller(self, analysis: PromptAnalysis) -> bool:
        """Tell whether a turn offers a way on: an entry, a transfer under way, or an option towards the goal."""
        if analysis.input_request is not None or _TRANSFER_UNDER_WAY.search(normalize_prompt(analysis.text)):
            return True
        return any(self._option_score(option, goal) > 0 for option in analysis.options
                   for goal in ("claim_status", "representative"))

    # Menus

    def _goal(self, options: tuple[MenuOption, ...]) -> str:
        context = self._context
        claim = context.claims[context.ivr_claim]
        if self._skip_readout:
            return "skip_readout"
        if self._researching:
            return "claim_status"
        if claim.ivr_readout or claim.status is not None:
            if self._last_goal == "details":
                before = self._details_watch.get(claim.index, {})
                self._details_helped[claim.index] = any(
                    _hearing_count(claim, name) > before.get(name, 0) for name in self._needs_hearing(claim))
                self._last_goal = ""
            repeat_offered = any(score_option(option, "repeat") > 0 for option in options)
            times = sum(index == claim.index for index in self._repeats)
            # Hear a read-out again once, because noise can garble a value with no sign of it in the
            # confidence, and up to twice more while a value stays doubtful or its hearings disagree.
            first = any(record.source == SOURCE_IVR for record in claim.fields.values())
            unsettled = bool(self._needs_hearing(claim))
            if repeat_offered and (times == 0 and first or 0 < times < 3 and unsettled) and self._repeat_helps(claim):
                return "repeat"
            details_offered = any(score_option(option, "details") > 0 for option in options)
            details_times = self._details_taken.count(claim.index)
            if claim.missing_claim_data() and details_times == 0 and details_offered:
                return "details"
            if details_offered and unsettled and 0 < details_times < 3 and self._details_helped.get(claim.index):
                # A value only the details read out (the ICN of "claim details, including the ICN") is heard again
                # there: the summary's repeat and a new search do not read it.
                return "details"
            # A read-out with no repeat of its own is heard again by searching for the same claim.
            research_offered = any(score_option(option, "research") > 0 for option in options)
            # Each search is an inquiry, and IVRs limit inquiries per call (three is common): one extra search
            # in a call about several claims, two in a call about one.
            budget = 2 if len(context.claims) == 1 else 1
            if research_offered and len(self._researches) < budget and (unsettled or times == 0 and first):
                return "research"
            if context.ivr_claim + 1 < len(context.claims) and not self._wants_person:
                return "next_claim"
            if context.claims_missing_data():
                return "representative"
            return "finish"
        if self._wants_person:
            return "representative"
        return "claim_status"

    def _choose(self, analysis: PromptAnalysis) -> Step:
        options = analysis.options
        if _OUT_OF_NETWORK_LINE.search(normalize_prompt(analysis.text)):
            self._out_of_network_line = True
        signature = tuple(sorted((option.key or "", option.label) for option in options))
        self._last_menu = (signature, options)
        self._menu_hearings[signature] = self._menu_hearings.get(signature, 0) + 1
        if self._menu_hearings[signature] >= self._context.config.max_menu_repeats:
            return self._escape()
        goal = self._goal(options)
        if goal == "skip_readout" and not any(self._option_score(option, goal) > 0 for option in options):
            # The search found another claim and the menu offers no way on past it: a person can find the claim.
            logger.info("call %s: no way past another claim's read-out; asking for a person", self._context.call_id)
            self._skip_readout = False
            self._wants_person = True
            goal = self._goal(options)
        if goal == "finish":
            return Step(finished=True)
        if goal == "next_claim" and not any(score_option(option, goal) > 0 for option in options) and any(
            self._option_score(option, "claim_status") > 0 for option in options
        ):
            # The IVR came back to its claim search by itself: that is the way to the next claim.
            self._after_choice("next_claim")
            goal = "claim_status"
        if goal == "representative" and (PERSON_ROUTING.search(normalize_prompt(analysis.text)) or (
                self._person_requested and signature != self._person_requested_at
                and not any(self._option_score(option, goal) > 0 for option in options))):
            # "So I can get you to the right team, press 1 for claims"; after a key for a person, a menu with no
            # person in it ("So we can direct your call, ...") is that same question.
            goal = "person_routing"
        mapped = self._mapped_step(goal, options)
        if mapped is not None:
            return Step(self._select(mapped.key, mapped.say))
        best = max(options, key=lambda option: self._option_score(option, goal))
        if self._option_score(best, goal) <= 0:
            back = next((option for option in options if has_words(option.label, "main menu")
                         or has_words(option.label, "previous menu")), None)
            if back is not None and goal in ("claim_status", "representative") and not self._wrong_branch:
                # A sub-menu with nothing for the goal: the way back is the way forward.
                self._wrong_branch = True
                return Step(self._select(back.key, back.phrase or back.label))
            request = self._context.request
            plan = plan_option(options, request.payer_id, request.line_of_business) if not self._claim_identified else None
            if plan is not None and self._onward_taken.get((signature, plan.key), 0) < 2:
                logger.info("call %s: a menu sorting callers by plan; taking the request's plan", self._context.call_id)
                self._onward_taken[(signature, plan.key)] = self._onward_taken.get((signature, plan.key), 0) + 1
                return Step(self._select(plan.key, plan.phrase or plan.label))
            skip = skip_option(options)
            if skip is not None and self._onward_taken.get((signature, skip.key), 0) < 2:
                logger.info("call %s: an entry the request cannot fill; taking its skip option", self._context.call_id)
                self._onward_taken[(signature, skip.key)] = self._onward_taken.get((signature, skip.key), 0) + 1
                return Step(self._select(skip.key, skip.phrase or skip.label))
            claim = self._context.claims[self._context.ivr_claim]
            onward_search = mid_search_option(options) if self._claim_identified and not claim.ivr_readout else None
            times_taken = self._onward_taken.get((signature, onward_search.key), 0) if onward_search is not None else 2
            if goal == "claim_status" and onward_search is not None and times_taken < 2:
                logger.info("call %s: unread menu inside a search; taking its first option", self._context.call_id)
                self._onward_taken[(signature, onward_search.key)] = times_taken + 1
                return Step(self._select(onward_search.key, onward_search.phrase or onward_search.label))
            leave = self._global_step(goal)
            if leave is not None:
                return leave
            # Taking the way on counts against the menu, so it is looked for only when the goal can use it.
            onward = self._onward_option(signature, options) if goal in ("claim_status", "representative",
                                                                         "next_claim") else None
            if onward is not None:
                return Step(self._select(onward.key, onward.phrase or onward.label))
            if goal == "representative" and not claim.ivr_readout:
                # No way to a person from here, but a claim search is offered, and self-service may still give the status.
                search = max(options, key=lambda option: self._option_score(option, "claim_status"))
                if self._option_score(search, "claim_status") > 0 and self._onward_taken.get((signature, search.key), 0) < 1:
                    logger.info("call %s: no way to a person here; searching for the claim instead", self._context.call_id)
                    self._onward_taken[(signature, search.key)] = 1
                    return Step(self._select(search.key, search.phrase or search.label))
            self._idle_menus += 1
            # Noise changes a menu's words from one hearing to the next, so idle hearings are counted too.
            if self._menu_hearings[signature] >= 2 or self._idle_menus >= 2:
                return self._escape()
            return Step()
        if best.key_lost and not best.phrase:
            lost = self._lost_key_step(best, analysis, goal)
            if lost is not None:
                return lost
        self._wrong_branch = False
        self._idle_menus = 0
        self._after_choice(goal)
        self._request_person_from(goal == "representative")
        return Step(self._select(best.key, best.phrase or best.label))

    def _request_person_from(self, requested: bool) -> None:
        """Note whether the key just chosen asks for a person, and the menu it was chosen in.

        The menu that follows such a key with no person in it is the line asking which person ("So we can direct
        your call, ..."). The same menu heard again means the key was refused.
        """
        self._person_requested = requested
        self._person_requested_at = self._last_menu[0] if requested and self._last_menu else None

    def _onward_option(self, signature: tuple, options: tuple[MenuOption, ...]) -> MenuOption | None:
        """Return an option that moves on from this menu ("to continue", "other options"), twice per menu at most.

        A menu after a read-out may offer no person and no search, only a way on;
        a caller takes it rather than give up.
        """
        for option in options:
            if not option.key or self._onward_taken.get((signature, option.key), 0) >= 2:
                continue
            if any(has_words(option.label, words) for words in _ONWARD_WORDS):
                self._onward_taken[(signature, option.key)] = self._onward_taken.get((signature, option.key), 0) + 1
                logger.info("call %s: nothing for the goal here; taking the way on", self._context.call_id)
                return option
        return None

    def _untried_option(self) -> MenuOption | None:
        """Return an option of the last menu, unread for the goal, to try once before giving up.

        Every way to a person has failed and no option names a word the agent
        reads for its goal ("For Select Plus, press 1. For Choice, press 2.").
        A caller in that spot tries the options in the order read.

        NOTE: a line that hangs up after two invalid keys ends the call
        before this is reached, because the ways to a person come first. The agent tries at
        most two options per call, and never one that ends the call, replays
        something or leads to a topic it avoids.
        """
        signature, options = self._last_menu
        if len(self._explored) >= 2 or not self._menu_now:
            return None
        for option in options:
            label = f"{option.label} {option.phrase or ''}".lower()
            if (not option.key or (signature, option.key) in self._explored or _NOT_TO_EXPLORE.search(label)
                    or any(has_words(label, word) for word in AVOID_WORDS)
                    or any(self._option_score(option, goal) < 0 for goal in ("claim_status", "representative"))):
                continue
            self._explored.add((signature, option.key))
            logger.info("call %s: no option readable for the goal; trying option %s", self._context.call_id, option.key)
            return option
        return None

    def _global_step(self, goal: str) -> Step | None:
        """Leave a menu with nothing for the goal by a key announced earlier in the call.

        A payer's main menu announces "to speak with a representative, press
        0" and "at any time, press star 9 9 to return to this menu"; its
        sub-menus do not repeat them, but the keys work there. For a person,
        the person's key comes first, then the main menu (which offers a
        person); for a claim search, the main menu. Each is tried once per
        IVR visit until a read-out is captured.
        """
        order = {"representative": ("representative", "main_menu"), "claim_status": ("main_menu",),
                 "next_claim": ("main_menu",)}.get(goal, ())
        for name in order:
            key = self._global_keys.get(name)
            if key is not None and name not in self._global_used:
                logger.info("call %s: no option for %s here; pressing the %s key heard earlier", self._context.call_id,
                            goal, name)
                self._global_used.add(name)
                self._global_pressed.add(key)
                self._request_person_from(name == "representative")
                self._idle_menus = 0
                return Step([PressKeys(key)])
        return None

    def _lost_key_step(self, option: MenuOption, analysis: PromptAnalysis, goal: str) -> Step | None:
        """Choose an option whose key was lost on the line ("To repeat this information, press.").

        The first time, hear the menu again: with the map's repeat key, or by
        staying silent until the IVR repeats it. After that, take the key the
        option's place implies (options are numbered in the order read), and
        when nothing is implied, choose among the other options.
        """
        heard_before = self._lost_keys.get(option.label, 0)
        self._lost_keys[option.label] = heard_before + 1
        ivr_map = self._context.ivr_map
        if heard_before == 0:
            logger.info("call %s: a menu key was lost; hearing the menu again", self._context.call_id)
            repeat_key = ivr_map.shortcuts.repeat if ivr_map is not None else None
            return Step([PressKeys(repeat_key)] if repeat_key else [])
        key = implied_key(option, analysis.options)
        if key is not None:
            self._wrong_branch = False
            self._after_choice(goal)
            return Step([PressKeys(key)])
        others = tuple(other for other in analysis.options if other != option)
        if not others:
            return self._escape()
        return self._choose(replace(analysis, options=others))

    def _option_score(self, option: MenuOption, goal: str) -> int:
        score = option_score(option, goal, self._context.claim_query(self._context.ivr_claim))
        if self._out_of_network_line and goal in ("claim_status", "representative"):
            # A line for providers outside the payer's network sends its network providers elsewhere.
            label = f"{option.label} {option.phrase or ''}"
            if _NOT_CONTRACTED.search(label):
                score = max(score, 0) + 6
            elif re.search(r"\bnetwork\b|\bcontracted\b|\bparticipating\b", label):
                score -= 10
        return score

    def _repeat_helps(self, claim: ClaimState) -> bool:
        """Tell whether hearing this read-out again can settle the doubtful values.

        A menu's repeat may read out less than the read-out that gave a value
        (claim details repeat the details, not the check number read before).
        After a repeat that brought no new hearing of any doubtful value, it
        does not help.
        """
        before = self._repeat_watch.get(claim.index)
        if not before:
            return True
        return any(_hearing_count(claim, name) > count for name, count in before.items())

    def _needs_hearing(self, claim: ClaimState) -> list[str]:
        """Name the claim's values to hear again: unsettled ones, and labelled ones whose value was lost."""
        lost = self._lost_values.get(claim.index, set()).difference(claim.fields)
        return sorted(set(unsettled_ivr_fields(claim, self._evidence(claim.index))) | lost)

    def _after_choice(self, goal: str) -> None:
        context = self._context
        self._last_goal = goal
        if goal in ("repeat", "research", "details"):
            # A menu heard again because the agent asked to hear the read-out again is no loop.
            self._menu_hearings.clear()
            claim = context.claims[context.ivr_claim]
            self._repeat_watch[claim.index] = {name: _hearing_count(claim, name) for name in self._needs_hearing(claim)}
        if goal in ("research", "next_claim"):
            # A new search enters the same kinds of values again on purpose. Only entries requested over and
            # over within one search are a loop.
            self._entries_made.clear()
        if goal == "research":
            # Search for the same claim again: the read-out that follows is another hearing of it.
            self._repeats.append(context.ivr_claim)
            self._researches.append(context.ivr_claim)
            self._researching = True
            self._claim_identified = False
            self._attempts.clear()
        if goal == "repeat":
            self._repeats.append(context.ivr_claim)
        elif goal == "details":
            self._details_taken.append(context.ivr_claim)
            claim = context.claims[context.ivr_claim]
            self._details_watch[claim.index] = {name: _hearing_count(claim, name) for name in claim.fields}
        elif goal == "next_claim":
            context.ivr_claim += 1
            self._claim_identified = False
            self._attempts.clear()
        elif goal == "skip_readout":
            self._skip_readout = False

    def _mapped_step(self, goal: str, options: tuple[MenuOption, ...]) -> MenuStep | None:
        ivr_map = self._context.ivr_map
        if ivr_map is None or goal not in self._map_steps:
            return None
        path = ivr_map.paths.claim_status if goal == "claim_status" else ivr_map.paths.representative
        index = self._map_steps[goal]
        if index >= len(path) or self._claim_identified or self._context.claims[0].ivr_readout:
            # Map paths lead from the greeting; once the call is past that, choose by ear.
            return None
        step = path[index]
        offered = {option.key for option in options}
        said = step.key is None and step.say and any(step.say.lower() in (o.phrase or o.label) for o in options)
        if (step.key is not None and step.key not in offered) or (step.key is None and not said):
            self._map_steps[goal] = len(path)
            return None
        self._map_steps[goal] = index + 1
        other = "representative" if goal == "claim_status" else "claim_status"
        self._map_steps[other] = len(ivr_map.paths.representative if other == "representative" else ivr_map.paths.claim_status)
        return step

    def _select(self, key: str | None, phrase: str | None) -> list[Action]:
        accepts_keys = self._context.ivr_map is None or self._context.ivr_map.accepts_keypad
        if key and accepts_keys:
            return [PressKeys(key)]
        if phrase:
            return [Speak(phrase.strip("'\"‘’“” "))]  # "say 'check a claim'" quotes the words to say
        return [PressKeys(key)] if key else []

    def _escape(self) -> Step:
        """Try the next way out of a loop towards a person, then a way on from the last menu; give up when none is left."""
        ivr_map = self._context.ivr_map
        heard = self._global_keys
        representative_key = (ivr_map.shortcuts.representative if ivr_map else None) or heard.get("representative") or "0"
        ways: list[list[Action]] = [[PressKeys(representative_key)]]
        # "Representative" spoken helps only on a line that takes speech: the map says so, or a prompt offered "say".
        if (ivr_map.accepts_speech if ivr_map is not None else self._speech_heard):
            ways.append([Speak("representative")])
        main_menu = (ivr_map.shortcuts.main_menu if ivr_map else None) or heard.get("main_menu")
        if main_menu:
            ways.append([PressKeys(main_menu)])
        elif ivr_map is None and self._speech_heard:
            # A line that takes speech often takes "main menu" anywhere, announced or not; its main menu offers a person.
            ways.append([Speak("main menu")])
        self._wants_person = True
        while self._escapes_used < len(ways) and _keys_of(ways[self._escapes_used]) & self._global_pressed:
            self._escapes_used += 1  # pressed already in this visit as a key heard earlier
        if self._escapes_used >= len(ways):
            onward = self._onward_option(*self._last_menu)
            if onward is None:
                onward = self._untried_option()
            if onward is not None:
                self._menu_hearings.clear()
                return Step(self._select(onward.key, onward.phrase or onward.label))
            if self._silent_waits < _SILENT_WAITS:
                self._silent_waits += 1
                logger.info("call %s: no way out left; letting the IVR time out", self._context.call_id)
                return Step()
            logger.info("call %s: IVR loop not escaped after %d tries", self._context.call_id, self._escapes_used)
            return Step(end=FailureReason.UNESCAPABLE_LOOP)
        actions = ways[self._escapes_used]
        self._escapes_used += 1
        # Only the person's own key or word requests a person. The main menu is a menu like any other.
        self._request_person_from(actions in ([PressKeys(representative_key)], [Speak("representative")]))
        self._menu_hearings.clear()
        self._timeouts = 0
        return Step(actions)

    # Entries and confirmations

    def _enter(self, analysis: PromptAnalysis) -> Step:
        request = analysis.input_request
        assert request is not None
        if request.field is InputField.SSN:
            return self._escape()
        if request.bare_name:
            request = replace(request, field=self._name_part())
            analysis = replace(analysis, input_request=request)
        previous = self._last_entry
        if (previous is not None and previous.field in _IDENTIFYING and request.field not in _IDENTIFYING
                and analysis.has(Cue.INVALID)):
            # A member ID keyed where the IVR wanted the provider's number identified no claim.
            self._claim_identified = False
        retry = previous is not None and previous.field is request.field and any(
            analysis.has(cue)
            for cue in (Cue.INVALID, Cue.TIMEOUT, Cue.MEMBER_NOT_FOUND, Cue.CLAIM_NOT_FOUND, Cue.PROVIDER_NOT_RECOGNIZED)
        )
        attempt = self._attempts.get(request.field, 0) + 1 if retry else 0
        if retry and attempt >= self._context.config.max_entry_attempts:
            logger.info("call %s: %s rejected %d times", self._context.call_id, request.field, attempt)
            without = _IF_NOT_KEY.search(normalize_prompt(analysis.text))
            if request.field is InputField.CLAIM_NUMBER and without is not None:
                # "If you don't have a claim number, press 5": a number the IVR cannot find, so search by patient.
                return Step([_keys_without(without)])
            if not self._wants_person:
                return self._escape()
            return Step(end=FailureReason.IVR_FAILURE)
        self._attempts[request.field] = attempt
        entries = self._entries_made.get(request.field, 0) + 1
        self._entries_made[request.field] = entries
        if entries > 3 * self._context.config.max_entry_attempts:
            # The IVR keeps asking for an entry it has been given many times: a loop no retry format breaks.
            logger.info("call %s: %s requested %d times", self._context.call_id, request.field, entries)
            self._entries_made[request.field] = 0
            return self._escape()
        entry = self._entry(request, analysis.text, attempt)
        if entry is None:
            # "If you have the claim number, enter it now. If not, press 2 and I'll search by member instead."
            without = _IF_NOT_KEY.search(normalize_prompt(analysis.text))
            if without is not None:
                return Step([_keys_without(without)])
            if analysis.options:
                return self._choose(analysis)
            return self._escape()
        self._idle_menus = 0
        if request.field is InputField.CLAIM_NUMBER and request.digits:
            self._id_lengths["claim_number"].add(request.digits)
        if request.field in _IDENTIFYING or self._researching:
            # A new search for the same claim may ask only for what narrows it ("For a new date range, press 3"
            # asks for dates alone): its first entry starts it.
            self._claim_identified = True
            self._researching = False
            self._search_open = True
        keys_text = entry.digits if isinstance(entry, PressKeys) else entry.text
        kind, value = value_for(self._context, request, analysis.text, attempt) or ("", "")
        self._last_entry = EnteredValue(request.field, keys_text, attempt, kind, value)
        self._context.member_entry_last = request.field in _MEMBER_ENTRIES
        return Step([entry])

    def _with_mapped_entry(self, analysis: PromptAnalysis) -> PromptAnalysis:
        """Read an entry prompt that lost the name of its field from the map's login order.

        "Enter your followed by the pound key" right after the NPI was
        accepted, on a line whose map logs in with the NPI then the PTAN,
        asks for the PTAN.
        """
        ivr_map = self._context.ivr_map
        previous = self._last_entry
        if ivr_map is None or previous is None or not unnamed_entry(normalize_prompt(analysis.text)):
            return analysis
        order = [_LOGIN_FIELDS[login] for login in ivr_map.login_ids]
        if previous.field not in order or order.index(previous.field) + 1 >= len(order):
            return analysis
        retry = any(analysis.has(cue) for cue in (Cue.INVALID, Cue.PROVIDER_NOT_RECOGNIZED))
        field = previous.field if retry else order[order.index(previous.field) + 1]
        logger.info("call %s: entry prompt lost its field; the map's login order gives %s", self._context.call_id, field)
        return replace(analysis, input_request=request_for(field, normalize_prompt(analysis.text)))

    def _name_part(self) -> InputField:
        """Tell which name a prompt that lost "first" or "last" asks for, from the entry before it.

        After a first name comes the last name, and after a last name the
        first. With no name entered yet, a map that has the first name asked
        first gives the first name; otherwise IVRs ask for the last name.
        """
        previous = self._last_entry.field if self._last_entry is not None else None
        if previous in (InputField.FIRST_NAME, InputField.FIRST_INITIAL):
            return InputField.LAST_NAME
        if previous is InputField.LAST_NAME:
            return InputField.FIRST_NAME
        ivr_map = self._context.ivr_map
        if ivr_map is not None and ivr_map.inputs.name_entry == "first_and_last":
            return InputField.FIRST_NAME
        return InputField.LAST_NAME

    def _entry(self, request: InputRequest, prompt_text: str, attempt: int) -> Action | None:
        value = value_for(self._context, request, prompt_text, attempt)
        if value is None:
            return None
        ivr_map = self._context.ivr_map
        speak = request.speech_only or (ivr_map is not None and not ivr_map.accepts_keypad)
        kind, text = value
        if speak:
            return Speak(spoken_entry(kind, text, request, self._context))
        keys = entry_keys(kind, text, request, self._context, attempt, prompt_text)
        if request.date_format is not None:
            self._context.last_date_format = request.date_format
        if any(char.isalpha() for char in text) and kind in ("chars", "last_name", "name"):
            self._context.last_letter_method = letter_method(request, self._context, attempt, prompt_text)
        # A fixed-length entry ("as an 8-digit number") completes itself; a stray "#" would be read as the next entry.
        fixed_length = request.digits is not None or request.date_format is not None
        map_terminator = ivr_map is not None and ivr_map.inputs.terminator == "#" and not fixed_length
        terminator = "#" if request.terminator or map_terminator else ""
        return PressKeys(formats.with_terminator(keys, terminator)) if keys else None

    def _note_confirmed_claim_number(self, text: str, heard: list[tuple[str, Heard]]) -> None:
        """Keep a claim number the agent keyed and the IVR read back, to take once the IVR reads that claim.

        A read-out reached by its claim number may never say the number again
        ("Current status: adjusted."), yet the IVR's read-back of the keys
        is a hearing of it. A search that ends before any read-out (systems
        down) found nothing, so the number waits for the read-out.
        """
        entry = self._last_entry
        if entry is None or entry.field is not InputField.CLAIM_NUMBER or not heard:
            return
        if readback_matches(entry, text, self._context):
            self._confirmed_numbers[self._context.ivr_claim] = (entry.value, heard[-1][1])

    def _confirm(self, confirm: Confirmation, text: str) -> list[Action]:
        yes = [PressKeys(confirm.yes_key)] if confirm.yes_key else [Speak("yes")]
        if readback_matches(self._last_entry, text, self._context):
            if self._last_entry is not None:
                self._readback_rejections.pop(self._last_entry.field, None)
            return yes
        if self._last_entry is not None:
            field = self._last_entry.field
            if self._readback_rejections.get(field, 0) + 1 >= self._context.config.max_entry_attempts:
                # Keying the same value again brings the same read-back, so the agent is misreading it or the
                # IVR mishears the keys. Accepting lets the IVR's record search settle which.
                logger.info("call %s: read-back of %s rejected %d times; accepting it", self._context.call_id, field,
                            self._readback_rejections[field])
                self._readback_rejections[field] = 0
                return yes
            self._attempts[field] = self._attempts.get(field, 0) + 1
            self._readback_rejections[field] = self._readback_rejections.get(field, 0) + 1
        return [PressKeys(confirm.no_key)] if confirm.no_key else [Speak("no")]


def _hearing_count(claim: ClaimState, name: str) -> int:
    """Count the read-out's hearings of a field: none while it has no value."""
    if name not in claim.fields:
        return 0
    return len(claim.ivr_hearings.get(name, [None]))


def _keys_of(actions: list[Action]) -> set[str]:
    return {action.digits for action in actions if isinstance(action, PressKeys)}
