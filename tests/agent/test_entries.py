"""Keying letters at IVR prompts: the method a prompt or the call implies, and the retry in the other method."""

from __future__ import annotations

from datetime import date

from scripted_payer import make_request

from payerline.agent.config import AgentConfig
from payerline.agent.context import CallContext
from payerline.agent.entries import EnteredValue, entry_keys, letter_method, readback_matches
from payerline.agent.menus import PERSON_ROUTING, date_span_choice, global_keys, mid_search_option
from payerline.agent.prompts import MenuOption
from payerline.agent.prompts import InputField, analyze_prompt
from payerline.agent.results import ClaimState
from payerline.payers.ivr_map import DateFormat, LetterMethod

PROMPT = "Now say the beneficiary's first initial, or key it the same way, followed by pound."


def context_for(last: LetterMethod | None) -> CallContext:
    context = CallContext(request=make_request(), config=AgentConfig(), ivr_map=None, call_date=date(2026, 3, 20),
                          call_id="call-1", claims=[ClaimState(0)])
    context.last_letter_method = last
    return context


def test_same_way_uses_last_method() -> None:
    request = analyze_prompt(PROMPT).input_request
    assert request is not None
    assert letter_method(request, context_for(LetterMethod.STAR), 0, PROMPT) is LetterMethod.STAR


def test_same_way_retry_switches_method() -> None:
    # The letters keyed last were the rejected ones: the retry uses the other method.
    request = analyze_prompt(PROMPT).input_request
    assert request is not None
    assert letter_method(request, context_for(LetterMethod.KEY), 1, PROMPT) is LetterMethod.STAR


def test_same_way_with_same_lost() -> None:
    prompt = "Now say the beneficiary's first initial, or key it the way, followed by pound."
    request = analyze_prompt(prompt).input_request
    assert request is not None
    assert letter_method(request, context_for(LetterMethod.KEY), 0, prompt) is LetterMethod.KEY


def test_readback_of_keys_for_letters_matches() -> None:
    entry = EnteredValue(InputField.MEMBER_ID, "634510933463#", 0, kind="member_id", value="MDH510933463")
    context = context_for(None)
    assert readback_matches(entry, "I have member ID 6 3 4 5 1 0 9 3 3 4 6 3. Is that right?", context)
    assert not readback_matches(entry, "I have member ID 6 3 4 5 1 0 9 9 9 4 6 3. Is that right?", context)


def test_date_span_options() -> None:
    assert date_span_choice("if this is the only date of service") == "one_day"
    assert date_span_choice("to enter an ending date of service") == "range"
    assert date_span_choice("to search by member id and dates of service") is None
    # After a read-out, a new date range starts another search.
    assert date_span_choice("for a new date range") is None


def test_mid_search_option_skips_ways_back() -> None:
    options = (MenuOption("return to the main menu", "9"), MenuOption("if this is the only date", "1"),
               MenuOption("to enter an ending date", "2"), MenuOption("a representative", "0"))
    chosen = mid_search_option(options)
    assert chosen is not None
    assert chosen.key == "1"
    assert mid_search_option((MenuOption("to repeat these options", "1"), MenuOption("eligibility", "2"))) is None


def test_sub_menu_main_menu_option_is_not_global() -> None:
    local = (MenuOption("main menu", "3"), MenuOption("provider services", "0"))
    assert "main_menu" not in global_keys(local)
    assert global_keys((MenuOption("return to this menu", "*99"),)) == {"main_menu": "*99"}


def test_transfer_question_routes_by_topic() -> None:
    assert PERSON_ROUTING.search("so i can get you to the right team, is this about a claim?")
    assert not PERSON_ROUTING.search("for claim status, press 1.")


def test_date_prompt_without_format_uses_last_stated() -> None:
    from payerline.agent.entries import entry_keys

    context = context_for(None)
    context.last_date_format = DateFormat.MMDDYY
    request = analyze_prompt("Enter the through date of service.").input_request
    assert request is not None
    assert entry_keys("date", "2026-08-29", request, context, 0, "Enter the through date of service.") == "082926"


def test_first_name_keyed_to_the_letters_asked() -> None:
    prompt = "Say the patient's first name, or key in the first three letters of it, pressing one key for each letter."
    request = analyze_prompt(prompt).input_request
    assert request is not None
    context = context_for(None)
    first_name = context.request.patient.first_name
    keys = entry_keys("name", first_name, request, context, 0, prompt)
    assert len(keys) == min(3, len(first_name))
