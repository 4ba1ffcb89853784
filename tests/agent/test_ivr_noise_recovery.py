"""The IVR phase on a noisy line: lost menu keys, repeated read-outs, settled hearings, hold announcements.

The garbled utterances are taken from noisy eval calls that the agent used
to get wrong.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from scripted_payer import START, Node, ScriptedLine, full_rep, main_menu_nodes, make_request

from payerline.agent.config import AgentConfig
from payerline.agent.confirm import LOW_CONFIDENCE
from payerline.agent.context import CallContext, Phase
from payerline.agent.extract import Extraction
from payerline.agent import formats
from payerline.agent.formats import amount_words, number_words
from payerline.agent.hold import HoldMonitor
from payerline.agent.ivr_hearings import reconcile_unpaid_amounts, settle_ivr_fields, unsettled_ivr_fields
from payerline.agent.menus import implied_key, score_option
from payerline.agent.navigator import IvrNavigator
from payerline.agent.prompts import MenuOption, analyze_prompt, normalize_prompt, turn_text
from payerline.agent.readout import fullest_hearing, parse_fields, parse_unlabelled_claim_number
from payerline.agent.results import SOURCE_IVR, ClaimState, Heard
from payerline.agent.session import run_call
from payerline.clock import VirtualClock
from payerline.domain.transcript import Side, TurnKind
from payerline.payers.ivr_map import IvrMap, LetterMethod, LoginId
from payerline.telephony.actions import PressKeys

# Menus


def options_of(texts: list[str]) -> tuple[MenuOption, ...]:
    return analyze_prompt(turn_text(texts)).options


def test_option_key_lost_kept() -> None:
    options = options_of(["To this information, press", "For another date of service, press 2.",
                          "For another beneficiary, press 3.", "To return to the main menu, press 9."])
    assert options[0] == MenuOption("this information", None, None, key_lost=True)
    assert [option.key for option in options[1:]] == ["2", "3", "9"]


def test_option_key_lost_keeps_phrase() -> None:
    options = options_of(["two that again, say repeat or press", "To hear about the next claim, say next or press 3."])
    assert options[0].label == "that again"
    assert options[0].phrase == "repeat"
    assert options[0].key is None


def test_option_that_lost_key_and_say() -> None:
    options = options_of(["To this again, press or repeat.", "For another date of service, press 2 or say another date."])
    assert options[0] == MenuOption("this again", None, "repeat", key_lost=True)


def test_sentence_opening_two_is_to() -> None:
    assert normalize_prompt("two save time, please have the NPI ready.").startswith("to save time")
    assert normalize_prompt("Two claims found.").startswith("two claims")


def test_repeat_offer_with_its_verb_lost() -> None:
    assert score_option(MenuOption("hear at again", "1"), "repeat") > 0
    assert score_option(MenuOption("this information", None, key_lost=True), "repeat") > 0
    assert score_option(MenuOption("try again", "2"), "repeat") == 0
    assert score_option(MenuOption("another date of service", "2"), "repeat") == 0


def test_implied_key_from_the_options_around() -> None:
    lost = MenuOption("this information", None, key_lost=True)
    after = (lost, MenuOption("another date", "2"), MenuOption("another beneficiary", "3"),
             MenuOption("representative", "0"), MenuOption("main menu", "9"))
    assert implied_key(lost, after) == "1"
    between = (MenuOption("hear that again", "1"), lost, MenuOption("another member", "3"))
    assert implied_key(lost, between) == "2"
    last = (MenuOption("hear that again", "1"), MenuOption("another member", "2"), lost)
    assert implied_key(lost, last) is None
    no_gap = (MenuOption("hear that again", "1"), lost, MenuOption("another member", "2"))
    assert implied_key(lost, no_gap) is None


# Hearings


def test_number_and_amount_words() -> None:
    assert number_words(218) == ["two", "hundred", "eighteen"]
    assert number_words(54) == ["fifty-four"]
    assert number_words(1250) == ["one", "thousand", "two", "hundred", "fifty"]
    assert amount_words(Decimal("218.40")) == (["two", "hundred", "eighteen"], ["forty"])
    assert amount_words(Decimal("0.00")) == ([], [])


def test_fullest_hearing_cases() -> None:
    assert fullest_hearing([Decimal("218.40"), Decimal("200.40"), Decimal("200.40")]) == Decimal("218.40")
    assert fullest_hearing([Decimal("70.08"), Decimal("270.08")]) == Decimal("270.08")
    assert fullest_hearing([Decimal("54.00"), Decimal("54.91")]) == Decimal("54.91")
    assert fullest_hearing([Decimal("54.10"), Decimal("54.91")]) is None
    assert fullest_hearing([Decimal("54.91")]) is None
    assert fullest_hearing([date(2026, 3, 1), date(2026, 3, 2)]) is None
    assert fullest_hearing([["16"], ["0", "16"]]) is None


def test_read_out_amounts_with_homophones_or_cents_lost() -> None:
    assert parse_fields("Total paid: to hundred seventy dollars and eight cents.", None)["paid_amount"].value == \
        Decimal("270.08")
    assert parse_fields("Total billed: for hundred seventy dollars.", None)["billed_amount"].value == Decimal("470.00")
    assert parse_fields("Total paid: fifty-four dollars and ninety-one", None)["paid_amount"].value == Decimal("54.91")
    assert parse_fields("Paid fifty-four dollars and ninety-one cents.", None)["paid_amount"].value == Decimal("54.91")


def heard(index: int, confidence: float) -> Heard:
    return Heard(index, float(index), index + 1.0, confidence)


def test_amount_settles_to_fuller_hearing() -> None:
    claim = ClaimState(0)
    claim.record("allowed_amount", Extraction(Decimal("218.40"), 0.95), heard(1, 0.958), SOURCE_IVR)
    claim.record("allowed_amount", Extraction(Decimal("200.40"), 0.95), heard(2, 0.862), SOURCE_IVR)
    claim.record("allowed_amount", Extraction(Decimal("200.40"), 0.95), heard(3, 0.614), SOURCE_IVR)
    settle_ivr_fields(claim)
    assert claim.fields["allowed_amount"].value == Decimal("218.40")
    assert claim.fields["allowed_amount"].confidence >= LOW_CONFIDENCE
    assert unsettled_ivr_fields(claim) == []


def test_differing_dates_stay_unsettled() -> None:
    claim = ClaimState(0)
    claim.record("processed_date", Extraction(date(2026, 3, 25), 0.95), heard(1, 0.95), SOURCE_IVR)
    claim.record("processed_date", Extraction(date(2026, 3, 5), 0.95), heard(2, 0.95), SOURCE_IVR)
    settle_ivr_fields(claim)
    assert unsettled_ivr_fields(claim) == ["processed_date"]
    assert claim.fields["processed_date"].confidence < LOW_CONFIDENCE
    claim.record("processed_date", Extraction(date(2026, 3, 25), 0.95), heard(3, 0.95), SOURCE_IVR)
    settle_ivr_fields(claim)
    assert unsettled_ivr_fields(claim) == []
    assert claim.fields["processed_date"].value == date(2026, 3, 25)
    assert claim.fields["processed_date"].confidence >= LOW_CONFIDENCE


def test_claim_number_needs_one_hearing_twice() -> None:
    claim = ClaimState(0)
    # Both hearings lost a digit: the merge is 226711773316, one digit short of 2267117733916.
    claim.record("claim_number", Extraction("226711773316", 0.9), heard(1, 0.95), SOURCE_IVR)
    claim.record("claim_number", Extraction("22671173316", 0.9), heard(2, 0.95), SOURCE_IVR)
    assert unsettled_ivr_fields(claim) == ["claim_number"]
    claim.record("claim_number", Extraction("2267117733916", 0.9), heard(3, 0.95), SOURCE_IVR)
    claim.record("claim_number", Extraction("2267117733916", 0.9), heard(4, 0.95), SOURCE_IVR)
    assert unsettled_ivr_fields(claim) == []
    assert claim.fields["claim_number"].value == "2267117733916"


def context_for() -> CallContext:
    request = make_request(1)  # one claim: date of service 2026-02-10, billed 125.00
    return CallContext(request=request, config=AgentConfig(), ivr_map=None, call_date=date(2026, 3, 20),
                       call_id="call-1", claims=[ClaimState(0)])


def turn(navigator: IvrNavigator, texts: list[str], at_s: float, confidence: float = 0.95):
    heard_texts = [(text, Heard(index, at_s + index, at_s + index + 1, confidence)) for index, text in enumerate(texts)]
    return navigator.on_turn(analyze_prompt(turn_text(texts)), heard_texts)


def test_billed_word_lost_is_request() -> None:
    context = context_for()
    navigator = IvrNavigator(context)
    assert turn(navigator, ["Enter the date of service as eight digits."], 10.0).actions
    turn(navigator, ["Claim number two two six nine eight eight six five three four zero eight four.",
                     "Status: paid.", "Billed one hundred dollars.",
                     "To hear this again, press 1. To check another claim, press 2."], 20.0)
    claim = context.claims[0]
    assert claim.fields["claim_status"].value == "paid"
    assert claim.fields["billed_amount"].value == Decimal("125.00")


def test_lost_key_menu_heard_again() -> None:
    context = context_for()
    navigator = IvrNavigator(context)
    turn(navigator, ["Enter the date of service as eight digits."], 10.0)
    readout = ["Claim number two two six nine eight eight six five three four zero eight four.", "Status: paid."]
    waited = turn(navigator, readout + ["To this information, press", "For another date of service, press 2.",
                                        "To return to the main menu, press 9."], 20.0)
    assert waited.actions == []
    again = turn(navigator, ["I'm sorry, I did not receive a response.", "To this information, press",
                             "For another date of service, press 2."], 40.0)
    assert again.actions == [PressKeys("1")]


# Hold


def test_announcement_with_a_filler_stays_on_hold() -> None:
    monitor = HoldMonitor(context_for())
    text = "Claim status, pending claims and checks are available in uh IVR and on the myCGS web portal."
    assert monitor.on_turn(analyze_prompt(text)).phase is None
    person = "Uh, hi, this is Dana with provider services, how can I help you?"
    assert monitor.on_turn(analyze_prompt(person)).phase is Phase.REPRESENTATIVE


# A whole call


def test_call_recovers_lost_repeat_key() -> None:
    lost = "To repeat this information, press. To speak with a representative press 0."
    full = "To repeat this information, press 1. To speak with a representative press 0."
    readout = ("Claim number two two one two three four five six seven eight nine. Status: denied. "
               "Received date February twelfth, twenty twenty-six. Processed date February twentieth, twenty "
               "twenty-six. Group code C O, reason code ninety-seven.")
    nodes = main_menu_nodes(
        readout=Node([readout, lost], {"0": "hold", "1": "readout"}, reprompts=[readout, full]),
    )
    clock = VirtualClock(START)
    line = ScriptedLine(clock, nodes, full_rep())
    output = run_call(make_request(1), line, clock, call_id="call-1")
    digits = [turn.digits for turn in output.transcript.turns
              if turn.side is Side.AGENT and turn.kind is TurnKind.DTMF]
    assert "1" in digits
    assert line.visits["readout"] >= 3
    assert output.results[0].fields.claim_number.value == "22123456789"


# Entries and more read-out wording


def test_name_prompt_that_lost_last_after_first_name() -> None:
    context = context_for()
    navigator = IvrNavigator(context)
    first = turn(navigator, ["Say the patient's first name, or spell it on your keypad followed by pound."], 10.0)
    assert first.actions == [PressKeys("62742#")]
    second = turn(navigator, ["Now say the patient's name, or spell it on your keypad followed by pound."], 20.0)
    assert second.actions == [PressKeys("6#")]  # O'Neil-Smith is keyed up to its apostrophe


def test_bare_name_prompt_is_marked() -> None:
    request = analyze_prompt("Now say the patient's name, or spell it on your keypad followed by pound.").input_request
    assert request is not None
    assert request.bare_name
    named = analyze_prompt("Now say the patient's last name, or spell it on your keypad.").input_request
    assert named is not None
    assert not named.bare_name


def test_amount_after_a_lost_label_is_not_joined() -> None:
    found = parse_fields("Billed thirty-two dollars, twenty-two and forty cents, paid zero dollars.", None)
    assert found["billed_amount"].value == Decimal("32.00")
    assert found["paid_amount"].value == Decimal("0.00")


def test_deductible_heard_again_settles_patient_responsibility() -> None:
    context = context_for()
    navigator = IvrNavigator(context)
    turn(navigator, ["Enter the date of service as eight digits."], 10.0)
    menu = "To repeat this information, press 1. For another date of service, press 2."
    first = ["Status: applied to the deductible, with no payment.",
             "Allowed one hundred fourteen dollars and twenty-seven cents, applied to deductible one hundred "
             "fourteen dollars and twenty-seven paid zero dollars.", menu]
    assert turn(navigator, first, 20.0).actions == [PressKeys("1")]
    second = ["Status: applied to the deductible, with no payment.",
              "Allowed one hundred dollars and twenty-seven cents, applied to deductible one hundred fourteen "
              "dollars and twenty-seven cents, paid zero dollars.", menu]
    turn(navigator, second, 40.0)
    assert context.claims[0].fields["patient_responsibility"].value == Decimal("114.27")
    assert context.claims[0].fields["allowed_amount"].value == Decimal("114.27")


def test_unpaid_claim_allowed_amount_and_responsibility_agree() -> None:
    claim = ClaimState(0)
    claim.record("paid_amount", Extraction(Decimal("0.00"), 0.95), heard(1, 0.95), SOURCE_IVR)
    claim.record("allowed_amount", Extraction(Decimal("200.45"), 0.95), heard(2, 0.67), SOURCE_IVR)
    claim.record("patient_responsibility", Extraction(Decimal("238.45"), 0.95), heard(3, 0.68), SOURCE_IVR)
    reconcile_unpaid_amounts(claim)
    assert claim.fields["allowed_amount"].value == Decimal("238.45")
    assert claim.fields["patient_responsibility"].value == Decimal("238.45")
    claim.fields["paid_amount"].value = Decimal("20.00")
    claim.fields["allowed_amount"].value = Decimal("200.45")
    reconcile_unpaid_amounts(claim)
    assert claim.fields["allowed_amount"].value == Decimal("200.45")


def test_read_out_status_whose_label_was_lost() -> None:
    assert parse_fields("adjusted.", None, readout=True)["claim_status"].value == "adjusted"
    assert "claim_status" not in parse_fields("adjusted.", None)
    assert "claim_status" not in parse_fields("Processed as primary.", None, readout=True)
    assert "claim_status" not in parse_fields("Claim one details.", None, readout=True)


def test_status_with_to_heard_as_two() -> None:
    found = parse_fields("Status: applied two the deductible, with no payment.", None)
    assert found["claim_status"].value == "applied_to_deductible"


def test_option_cut_after_its_label() -> None:
    options = options_of(["To hear this claim again,", "To check another claim, press 2."])
    assert options[0] == MenuOption("hear this claim again", None, None, key_lost=True)
    assert options[1].key == "2"


def test_timeout_notice_that_lost_entry_is_no_status() -> None:
    assert "claim_status" not in parse_fields("No was received.", None, readout=True)


def test_read_out_date_label_takes_the_first_date() -> None:
    text = "Received March third, twenty twenty-six, March fifteenth, twenty twenty-six."
    assert parse_fields(text, date(2026, 4, 1), readout=True)["received_date"].value == date(2026, 3, 3)


def test_group_code_letter_lost_is_no_carc() -> None:
    assert parse_fields("Reason code O sixteen.", None, readout=True)["carc_codes"].value == ["16"]


def test_unlabelled_claim_number_after_a_bare_ordinal() -> None:
    heard = parse_unlabelled_claim_number("one, zero nine too six zero three nine one five five two three nine.")
    assert heard is not None
    assert heard.value == "0926039155239"


def test_date_prompts_with_of_misheard_or_lost() -> None:
    birth = analyze_prompt("Enter the beneficiary's date have birth as 8 digits, month, day and year.").input_request
    assert birth is not None
    assert birth.field == "date_of_birth"
    lost = analyze_prompt("Enter the beneficiary's of birth as 8 digits, month, day and year.").input_request
    assert lost is not None
    assert lost.field == "date_of_birth"


def test_prompt_whose_question_lost_its_verb() -> None:
    text = "the date of service? the date, or enter it as 8 digits, month, day and year, then press pound."
    request = analyze_prompt(text).input_request
    assert request is not None
    assert request.field == "date_of_service"
    assert request.terminator


def test_amount_ignores_a_year_left_alone() -> None:
    assert "paid_amount" not in parse_fields("Humana paid dollars and fifty-five cents on twenty twenty-six.", None)
    assert parse_fields("Paid twenty twenty dollars.", None)["paid_amount"].value == Decimal("20.20")


def test_option_with_lost_key_is_no_entry_request() -> None:
    analysis = analyze_prompt(turn_text(["To hear this again, press 1 or say repeat.",
                                         "For another date of service, press or say another date."]))
    assert analysis.input_request is None


def test_readout_without_repeat_searched_again() -> None:
    context = context_for()
    navigator = IvrNavigator(context)
    turn(navigator, ["Enter the date of service as eight digits."], 10.0)
    readout = ["Claim number two two six nine eight eight six five three four zero eight four.", "Status: paid.",
               "Paid amount eighty dollars. Check number five five three eight five nine nine zero two."]
    menu = ["To hear about the next claim, press 3. To speak with a representative, press 0."]
    assert turn(navigator, readout + menu, 20.0).actions == [PressKeys("3")]
    search = turn(navigator, ["Claim status. To search by claim number, press 1. "
                              "To search by member number and dates of service, press 2."], 40.0)
    assert search.actions == [PressKeys("2")]
    assert turn(navigator, ["Enter the date of service as eight digits."], 50.0).actions == [PressKeys("02102026")]
    turn(navigator, readout + menu, 60.0)
    assert context.claims[0].ivr_hearings["check_number"] == ["553859902", "553859902"]


def test_entry_prompt_that_lost_its_verb() -> None:
    request = analyze_prompt("your PTAN, by the pound key.").input_request
    assert request is not None
    assert request.field == "ptan"
    assert request.terminator


def test_entry_prompt_that_lost_its_field_follows_map_login_order() -> None:
    ivr_map = IvrMap(payer_id="test-payer", version="1", source="a test", login_ids=[LoginId.NPI, LoginId.PTAN])
    context = context_for()
    context.ivr_map = ivr_map
    navigator = IvrNavigator(context)
    assert turn(navigator, ["Enter your 10-digit NPI."], 10.0).actions
    ptan = turn(navigator, ["Enter your followed by the pound key."], 20.0)
    assert ptan.actions == [PressKeys(formats.keyed_characters("AB1234", LetterMethod.STAR) + "#")]


def test_confirmation_that_lost_press_and_pound_heard_as_buy() -> None:
    confirm = analyze_prompt("You entered 4 F 4 1 X 5 D N 6 5. If correct, 1. If not, press 2.").confirmation
    assert confirm is not None
    assert confirm.yes_key == "1"
    request = analyze_prompt("Enter your PTAN, followed buy the pound key.").input_request
    assert request is not None
    assert request.terminator


def test_hearing_claims_again_is_no_claim_search() -> None:
    # "To hear these claims again" names claims, but it only replays what was just read.
    again = MenuOption("hear these claims again", "1")
    assert score_option(again, "repeat") > 0
    assert score_option(again, "claim_status") <= 0
    assert score_option(again, "next_claim") <= 0
    assert score_option(MenuOption("check claims for a different member", "4"), "next_claim") > 0


def test_call_back_offers_are_never_taken() -> None:
    from payerline.agent.menus import callback_offer

    back = MenuOption("have the next available representative call you back", "1")
    hold = MenuOption("stay on hold", "2")
    assert score_option(back, "representative") < 0
    assert score_option(hold, "representative") > 0
    assert callback_offer((back,))
    assert not callback_offer((back, hold))


def test_caller_list_with_pharmacy_chooses_claims() -> None:
    option = MenuOption("calling from a doctor's office, hospital, pharmacy or other medical provider", "2")
    assert score_option(option, "claim_status") > 0
    assert score_option(MenuOption("pharmacy claims", "3"), "claim_status") < 0


def test_bill_status_and_specialist_options() -> None:
    assert score_option(MenuOption("the status of a bill, including payment information", "1"), "claim_status") >= 12
    assert score_option(MenuOption("speak with a medical bill specialist", "0"), "representative") >= 7


def test_other_dates_search_not_person() -> None:
    assert score_option(MenuOption("check other dates for this beneficiary", "3"), "representative") == 0
    assert score_option(MenuOption("all other questions", "9"), "representative") > 0
    assert score_option(MenuOption("be transferred", "1"), "representative") > 0


def test_claims_among_other_topics_is_the_claim_option() -> None:
    label = "calling about a specific patient's eligibility, benefits or claims"
    assert score_option(MenuOption(label, "1"), "claim_status") > 0
    assert score_option(MenuOption("claims appeals", "5"), "claim_status") < 0


def test_person_after_topic_list() -> None:
    label = "enrollment, e d i, or to speak with customer service"
    assert score_option(MenuOption(label, "5"), "representative") > 0
    assert score_option(MenuOption("enrollment", "5"), "representative") <= 0


def test_claims_inside_a_topic_list_and_electronic_claims() -> None:
    label = "a patient's eligibility, benefits, claims or authorizations"
    assert score_option(MenuOption(label, "1"), "claim_status") > 0
    assert score_option(MenuOption("electronic claims and edi support", "3"), "claim_status") < 0
