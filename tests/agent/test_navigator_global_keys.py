"""The IVR navigator on a payer it has no map for: keys announced earlier, prompts that are no read-out.

The utterances come from noisy eval calls on a keypad-only Medicaid payer
that the agent used to get wrong.
"""

from __future__ import annotations

from datetime import date

from scripted_payer import make_request

from payerline.agent.config import AgentConfig
from payerline.agent.context import CallContext
from payerline.agent.menus import global_keys
from payerline.agent.navigator import IvrNavigator
from payerline.agent.prompts import InputField, analyze_prompt
from payerline.agent.results import ClaimState, Heard
from payerline.telephony.actions import PressKeys, Speak

MAIN_MENU = [
    "Main menu.", "four claim information, press 1.", "For member eligibility, press 2.",
    "To speak with a provider services representative, press 0.", "To repeat this menu, press 9.",
    "At any time, press star 9 9 to to this menu.",
]
CLAIMS_MENU = [
    "Claim information.", "To search by claim number, press 1.",
    "To search by member I D, date of service and billed amount, press 2.",
    "For a summary of pending claims for a member, press 3.", "To repeat these options, press 9.",
]


def turn(navigator: IvrNavigator, texts: list[str], at_s: float):
    heard = [(text, Heard(index, at_s + index, at_s + index + 1)) for index, text in enumerate(texts)]
    return navigator.on_turn(analyze_prompt(" ".join(texts)), heard)


def navigator_for(claims: int = 1) -> tuple[IvrNavigator, CallContext]:
    context = CallContext(request=make_request(), config=AgentConfig(), ivr_map=None, call_date=date(2026, 3, 20),
                          call_id="call-1", claims=[ClaimState(index) for index in range(claims)])
    return IvrNavigator(context), context


def test_global_keys_from_a_noisy_main_menu() -> None:
    options = analyze_prompt(" ".join(MAIN_MENU)).options
    assert global_keys(options) == {"representative": "0", "main_menu": "*99"}


def test_global_keys_ignore_repeat_previous_and_avoided_options() -> None:
    options = analyze_prompt("To repeat this menu, press 9. For the previous menu, press star. "
                             "To speak with a pharmacy representative, press 5.").options
    assert global_keys(options) == {}


def test_sub_menu_not_found_uses_heard_keys() -> None:
    navigator, context = navigator_for()
    assert turn(navigator, MAIN_MENU, 10.0).actions == [PressKeys("1")]
    assert turn(navigator, CLAIMS_MENU, 30.0).actions == [PressKeys("2")]
    assert turn(navigator, ["Enter the date of service as 8 digits."], 50.0).actions
    after = turn(navigator, ["No claims were found for the information entered.", *CLAIMS_MENU], 70.0)
    assert context.claims[0].ivr_not_found
    assert after.actions == [PressKeys("0")]
    # 0 did not work here: the sub-menu came back, so the main menu is next (it offers a person).
    again = turn(navigator, ["That is not a valid entry.", *CLAIMS_MENU], 90.0)
    assert again.actions == [PressKeys("*99")]


def test_sub_menu_after_transfer_back() -> None:
    navigator, context = navigator_for()
    turn(navigator, MAIN_MENU, 10.0)
    turn(navigator, CLAIMS_MENU, 30.0)
    turn(navigator, ["Enter the date of service as 8 digits."], 50.0)
    assert turn(navigator, ["No claims were found for the information entered.", *CLAIMS_MENU], 70.0).actions == [
        PressKeys("0")]
    navigator.leave()  # a representative sent the call back to the IVR
    assert turn(navigator, ["Claim", *CLAIMS_MENU[1:]], 500.0).actions == [PressKeys("0")]


def test_keypad_only_line_never_hears_representative_said_aloud() -> None:
    navigator, _ = navigator_for()
    menu = ["Claim information.", "For a summary of pending claims, press 3.", "To repeat these options, press 9."]
    navigator.request_person()
    actions = [action for at in range(6) for action in turn(navigator, menu, 100.0 * at).actions]
    assert actions
    assert not any(isinstance(action, Speak) for action in actions)


def test_line_that_takes_speech_still_hears_representative() -> None:
    navigator, _ = navigator_for()
    turn(navigator, ["Say or enter the N P I."], 1.0)
    menu = ["Claim information.", "For a summary of pending claims, press 3.", "To repeat these options, press 9."]
    navigator.request_person()
    actions = [action for at in range(6) for action in turn(navigator, menu, 100.0 * at + 10).actions]
    assert Speak("representative") in actions


def test_readout_skips_menu_options() -> None:
    navigator, context = navigator_for()
    turn(navigator, ["Enter the date of service as 8 digits."], 10.0)
    turn(navigator, CLAIMS_MENU, 20.0)
    turn(navigator, ["You entered one thousand three hundred forty-five and forty-two cents. If this is correct, "
                     "press 1. To re-enter, 2."], 40.0)
    assert context.claims[0].fields == {}
    assert not context.claims[0].ivr_readout


def test_readout_before_menu_kept() -> None:
    navigator, context = navigator_for()
    turn(navigator, ["Enter the date of service as 8 digits."], 10.0)
    turn(navigator, ["Status: paid. To hear this again, press 1."], 20.0)
    assert context.claims[0].fields["claim_status"].value.value == "paid"


def test_rejected_member_id_identifies_nothing() -> None:
    navigator, context = navigator_for()
    entered = turn(navigator, ["Enter the Medicaid member I D, followed by the pound sign."], 10.0)
    assert entered.actions
    turn(navigator, ["Your entry is not valid.",
                     "Using your keypad, enter your N P I, followed by the pound sign."], 20.0)
    # A status heard now belongs to no identified claim (a summary of the provider's claims, say).
    turn(navigator, ["Claim status: paid."], 30.0)
    assert "claim_status" not in context.claims[0].fields
    choice = turn(navigator, CLAIMS_MENU, 40.0)
    assert choice.actions == [PressKeys("2")]
    assert not context.claims[0].ivr_readout


def test_your_medicaid_number_is_the_provider_number() -> None:
    asked = analyze_prompt("Using your telephone keypad, enter your Prairie Sage Medicaid number, followed by the "
                           "pound sign.").input_request
    assert asked is not None and asked.field is InputField.MEDICAID_PROVIDER_ID
    member = analyze_prompt("Enter your patient's Medicaid ID, followed by the pound sign.").input_request
    assert member is not None and member.field is InputField.MEMBER_ID


def test_not_found_with_no_claims_lost() -> None:
    navigator, context = navigator_for()
    turn(navigator, MAIN_MENU, 10.0)
    turn(navigator, CLAIMS_MENU, 30.0)
    turn(navigator, ["Enter the date of service as 8 digits."], 50.0)
    after = turn(navigator, ["were found for the entered.", *CLAIMS_MENU], 70.0)
    assert context.claims[0].ivr_not_found
    assert after.actions == [PressKeys("0")]


def test_claims_found_count_is_no_not_found() -> None:
    navigator, context = navigator_for()
    turn(navigator, ["Enter the date of service as 8 digits."], 10.0)
    turn(navigator, ["Claims found: one.", *CLAIMS_MENU], 20.0)
    assert not context.claims[0].ivr_not_found


AFTER_READOUT = [
    "For line detail, press 3.", "For a duplicate remittance, press 1.", "To continue, press 2.",
    "To repeat this claim information, press star.",
]


def test_continue_option_before_giving_up() -> None:
    """A person is wanted, the menu offers none and the key heard earlier is refused: take "continue"."""
    navigator, context = navigator_for()
    navigator.request_person()
    turn(navigator, ["To speak with a representative, press 7.", "For claims, press 2."], 5.0)
    pressed = []
    for index in range(6):
        texts = AFTER_READOUT if index == 0 else ["I'm sorry, that is not a valid entry.", *AFTER_READOUT]
        step = turn(navigator, texts, 20.0 + 20 * index)
        assert step.end is None, f"gave up after pressing {pressed}"
        pressed.extend(action.digits for action in step.actions if isinstance(action, PressKeys))
        if "2" in pressed:
            break
    assert "2" in pressed, pressed


def test_unfillable_entry_takes_skip_option() -> None:
    navigator, _ = navigator_for()
    assert turn(navigator, MAIN_MENU, 10.0).actions == [PressKeys("1")]
    group = ["Please enter the six digit group number.", "If you do not have it, press 9."]
    assert turn(navigator, group, 30.0).actions == [PressKeys("9")]
    account = ["Enter the patient account number, or press star to skip."]
    assert turn(navigator, account, 50.0).actions == [PressKeys("*")]


def test_readback_accepted_after_two_rejections() -> None:
    navigator, _ = navigator_for()
    turn(navigator, MAIN_MENU, 10.0)
    turn(navigator, CLAIMS_MENU, 30.0)
    answers = []
    for attempt in range(3):
        assert turn(navigator, ["Enter the member ID followed by the pound key."], 50.0 + 40 * attempt).actions
        readback = ["You entered 9 9 9 9 9 9. If this is correct, press 1. If not, press 2."]
        answers.append(turn(navigator, readback, 70.0 + 40 * attempt).actions)
    assert answers == [[PressKeys("2")], [PressKeys("2")], [PressKeys("1")]]


def test_routing_menu_after_person_request() -> None:
    navigator, _ = navigator_for()
    navigator.request_person()
    assert turn(navigator, MAIN_MENU, 10.0).actions == [PressKeys("0")]
    routing = ["So we can direct your call, please choose from the following.", "For a question about a claim, press 1.",
               "For eligibility or benefits, press 2.", "For anything else, press 4."]
    assert turn(navigator, routing, 30.0).actions == [PressKeys("1")]


def test_no_person_option_searches_claim() -> None:
    navigator, _ = navigator_for()
    navigator.request_person()
    search = ["To look up a claim by its claim number, press 1.",
              "To look up claims by member I D and date of service, press 2."]
    assert turn(navigator, search, 10.0).actions == [PressKeys("2")]


def test_repeated_question_is_left() -> None:
    navigator, _ = navigator_for()
    question = ["Do you have the member ID? Say yes or press 1. If not, say no or press 2."]
    answers = [turn(navigator, question, 10.0 + 20 * index).actions for index in range(3)]
    assert answers[:2] == [[PressKeys("1")], [PressKeys("1")]]
    assert answers[2] != [PressKeys("1")]


def test_repeated_entry_is_left() -> None:
    navigator, _ = navigator_for()
    prompt = ["Please enter your 10-digit NPI followed by the pound key."]
    actions = [turn(navigator, prompt, 10.0 + 20 * index).actions for index in range(10)]
    assert all(isinstance(action, PressKeys) and action.digits.endswith("#") for action in actions[0])
    assert actions[9] != actions[0]
