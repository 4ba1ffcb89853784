"""What the IVR navigator does before it gives up: notices that are no refusal, a provider the IVR
does not know, and a menu whose options it cannot read."""

from __future__ import annotations

from datetime import date

import pytest
from scripted_payer import make_request

from payerline.agent.config import AgentConfig
from payerline.agent.context import CallContext, Phase
from payerline.agent.navigator import IvrNavigator
from payerline.agent.prompts import Cue, analyze_prompt
from payerline.agent.results import ClaimState, Heard
from payerline.domain.codes import FailureReason
from payerline.telephony.actions import PressKeys


def navigator_for_call() -> tuple[IvrNavigator, CallContext]:
    context = CallContext(request=make_request(), config=AgentConfig(), ivr_map=None, call_date=date(2026, 3, 20),
                          call_id="call-1", claims=[ClaimState(0)])
    return IvrNavigator(context), context


def turn(navigator: IvrNavigator, texts: list[str], at_s: float):
    heard = [(text, Heard(index, at_s + index, at_s + index + 1)) for index, text in enumerate(texts)]
    return navigator.on_turn(analyze_prompt(" ".join(texts)), heard)


def keys_until_end(navigator: IvrNavigator, menu: list[str]) -> tuple[list[str], FailureReason | None]:
    """Play the same menu until the navigator ends the call (twelve times at most); return the keys it pressed."""
    pressed: list[str] = []
    for index in range(12):
        step = turn(navigator, menu, 10.0 * index)
        if step.end is not None:
            return pressed, step.end
        pressed += [action.digits for action in step.actions if isinstance(action, PressKeys)]
    return pressed, None


@pytest.mark.parametrize("texts", [
    ["Payment details cannot be released by the automated system.",
     "To speak with a provider services representative, press 0."],
    ["Our hours of operation are Monday through Friday, 8 AM to 6 PM Central.",
     "For claim status, press 1. For eligibility, press 2."],
])
def test_notice_with_way_on_continues(texts: list[str]) -> None:
    navigator, context = navigator_for_call()
    analysis = analyze_prompt(" ".join(texts))
    assert analysis.has(Cue.AUTOMATED_REFUSED) or analysis.has(Cue.CLOSED)
    context.last_fault = FailureReason.PAYER_CLOSED  # as the agent notes it for every turn naming a fault
    step = turn(navigator, texts, 5.0)
    assert step.end is None
    assert step.actions in ([PressKeys("0")], [PressKeys("1")])
    # A hang-up later in the call is not explained by the notice.
    assert context.last_fault is None


@pytest.mark.parametrize(("texts", "reason"), [
    (["We're sorry. Our offices are closed. Please call back Monday through Friday, 8 AM to 5 PM. Goodbye."],
     FailureReason.PAYER_CLOSED),
    (["Our offices are closed. To repeat this message, press 1."], FailureReason.PAYER_CLOSED),
    (["This line does not accept automated calls. For claim status, press 1."],
     FailureReason.AUTOMATED_CALLS_REFUSED),
    (["Payment details cannot be released by the automated system. Goodbye."],
     FailureReason.AUTOMATED_CALLS_REFUSED),
])
def test_dead_end_notice_ends_call(texts: list[str], reason: FailureReason) -> None:
    navigator, _ = navigator_for_call()
    assert turn(navigator, texts, 5.0).end is reason


def test_closed_notice_during_transfer_holds() -> None:
    navigator, _ = navigator_for_call()
    step = turn(navigator, ["Representatives are available until 6 PM; our offices are closed on weekends.",
                            "Please hold while we transfer your call."], 5.0)
    assert step.end is None
    assert step.phase is Phase.HOLD


def test_unknown_provider_asks_person_first() -> None:
    navigator, _ = navigator_for_call()
    rejected = ["That provider number was not recognized.", "Please enter your ten-digit NPI."]
    turn(navigator, ["Please enter your ten-digit NPI."], 1.0)
    turn(navigator, rejected, 10.0)
    second = turn(navigator, rejected, 20.0)
    assert second.end is None
    assert second.actions == [PressKeys("0")]
    assert turn(navigator, rejected, 30.0).end is FailureReason.PROVIDER_NOT_RECOGNIZED


def test_unreadable_options_tried_once() -> None:
    navigator, _ = navigator_for_call()
    menu = ["For Select Plus, press 1.", "For Choice Advantage, press 2.", "To leave a message, press 3."]
    pressed, end = keys_until_end(navigator, menu)
    assert end is FailureReason.UNESCAPABLE_LOOP
    # The way to a person first, then each unread option once; never the message box.
    assert pressed[0] == "0"
    assert pressed.count("1") == 1
    assert pressed.count("2") == 1
    assert "3" not in pressed


def test_entry_prompt_never_tries_options() -> None:
    navigator, _ = navigator_for_call()
    turn(navigator, ["For Select Plus, press 1.", "For Choice Advantage, press 2."], 1.0)
    pressed = []
    for index in range(12):
        step = turn(navigator, ["Please say or enter your nine-digit social security number."], 10.0 * (index + 1))
        if step.end is not None:
            break
        pressed += [action.digits for action in step.actions if isinstance(action, PressKeys)]
    assert "1" not in pressed
    assert "2" not in pressed


def test_payer_names_never_tried_blind() -> None:
    navigator, _ = navigator_for_call()
    menu = ["Which payer did you send the claim to?", "Juniper Benefit Administrators, press 1.",
            "Red Mesa Mutual Insurance, press 2.", "Basin Trades Health and Welfare Trust, press 3."]
    pressed, end = keys_until_end(navigator, menu)
    assert end is FailureReason.UNESCAPABLE_LOOP
    assert not {"1", "2", "3"} & set(pressed)


def test_person_option_for_questions_the_system_cannot_answer() -> None:
    navigator, _ = navigator_for_call()
    navigator.request_person()
    step = turn(navigator, ["Medicare requires that claim status be obtained through this automated system.",
                            "For a telephone reopening or a question the system cannot answer, press 1.",
                            "To return to the main menu, press 2."], 5.0)
    assert step.actions == [PressKeys("1")]


def test_new_date_range_not_person() -> None:
    """A read-out that left fields unheard needs a person. A new date range only searches again."""
    navigator, context = navigator_for_call()
    context.claims[0].ivr_readout = True
    navigator.request_person()
    step = turn(navigator, ["For another beneficiary, press 2.", "For a new date range, press 3.",
                            "For the main menu, press star 9 9."], 5.0)
    assert step.actions == [PressKeys("*99")]


def test_main_menu_key_from_entry_turn() -> None:
    """ "At any time, press star 9 for the main menu" said with the first entry prompt is a way out later."""
    navigator, context = navigator_for_call()
    turn(navigator, ["At any time, press star 9 to return to the main menu, or press star to repeat a prompt.",
                     "Enter the 10-digit NPI of the billing provider, then press pound."], 1.0)
    navigator.request_person()
    menu = ["Claim status.", "If you have the 13-digit internal control number, press 1.",
            "To search by recipient ID and dates of service, press 2."]
    pressed, _ = keys_until_end(navigator, menu)
    assert "*9" in pressed


def test_greeting_sentence_alone_is_no_sign_off() -> None:
    """A slow line's first sentence, "Thank you for calling ...", arrives as a turn of its own."""
    navigator, _ = navigator_for_call()
    step = turn(navigator, ["Thank you for calling Sweetbay Community Health Plan."], 1.0)
    assert not step.finished
    assert step.end is None


def test_dead_end_waits_before_giving_up() -> None:
    """With every way out tried, the agent stays silent: many IVRs transfer a caller who keys nothing."""
    navigator, _ = navigator_for_call()
    navigator.request_person()
    entry = ["Please enter the 13-digit claim number, followed by the pound sign."]
    steps = [turn(navigator, entry, 10.0 * index) for index in range(12)]
    silent = [step for step in steps if not step.actions and step.end is None]
    assert len(silent) >= 3
    assert steps[-1].end is not None

