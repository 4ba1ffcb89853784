"""Prompt understanding without an IVR map."""

from __future__ import annotations

import pytest

from payerline.agent.extract import extract_person_name
from payerline.agent.menus import score_option, skip_option
from payerline.agent.prompts import (
    Cue,
    InputField,
    analyze_prompt,
    input_request,
    names_outage,
    normalize_prompt,
    stated_claim_number_length,
)
from payerline.payers.ivr_map import DateFormat, LetterMethod


@pytest.mark.parametrize(
    ("text", "label", "key", "phrase"),
    [
        ("For claim status press 2.", "claim status", "2", None),
        ("Press 2 for claims.", "claims", "2", None),
        ("For claims, say claims or press two.", "claims", "2", "claims"),
        ("To speak with a representative press 0.", "speak with a representative", "0", None),
        ("To return to the main menu at any time, press star nine nine.", "return to the main menu", "*99", None),
        ("Main menu. Say Claim Status, or Eligibility.", "claim status", None, "claim status"),
    ],
)
def test_menu_option_forms(text: str, label: str, key: str | None, phrase: str | None) -> None:
    options = analyze_prompt(text).options
    match = [option for option in options if option.label == label]
    assert match, f"no option {label!r} in {options}"
    assert match[0].key == key
    assert match[0].phrase == phrase


def test_keyed_example_no_option() -> None:
    analysis = analyze_prompt("Enter the total billed charge for the trip, in dollars and cents, without the decimal "
                              "point. Then press pound. For example, for eight hundred twelve dollars and fifty cents, "
                              "enter 8 1 2 5 0.")
    assert analysis.options == ()
    assert analysis.input_request is not None
    assert analysis.input_request.field is InputField.BILLED_AMOUNT
    spoken = analyze_prompt("Tell me in a few words. For example, you can say claim status, or press 2.")
    assert [option.key for option in spoken.options] == ["2"]


@pytest.mark.parametrize("text", [
    "Enter the date of transport as six digits: two for the month, two for the day and two for the year.",
    "Key the visit date as eight digits.",
])
def test_other_names_for_the_date_of_service(text: str) -> None:
    request = analyze_prompt(text).input_request
    assert request is not None
    assert request.field is InputField.DATE_OF_SERVICE


def test_claim_status_beats_claims_address() -> None:
    analysis = analyze_prompt("Main menu. For the status of a medical crossover claim, press 1. For the claims mailing "
                              "address and electronic payer I D, press 4. To speak with a crossover claims "
                              "specialist, press 5.")
    best = max(analysis.options, key=lambda option: score_option(option, "claim_status"))
    assert best.key == "1"


def test_patient_id_is_the_member_id() -> None:
    request = analyze_prompt("Enter the eleven digit patient I D, which is the subscriber's nine digit number followed "
                             "by the patient's two digit suffix, then press pound.").input_request
    assert request is not None
    assert request.field is InputField.MEMBER_ID
    assert request.digits == 11


def test_member_id_named_by_the_plan() -> None:
    request = analyze_prompt("Thanks. Next, the member's eleven digit Cedar Ridge I D, found on the front of the member "
                             "card.").input_request
    assert request is not None and request.field is InputField.MEMBER_ID


def test_menu_options_in_order() -> None:
    analysis = analyze_prompt("For eligibility, press 1. For claim status, press 2. For all other inquiries, press 3.")
    assert [option.key for option in analysis.options] == ["1", "2", "3"]
    assert not analysis.person_likely


def test_npi_request_with_pound() -> None:
    request = analyze_prompt("Please enter your 10-digit NPI followed by the pound key.").input_request
    assert request is not None
    assert request.field is InputField.NPI
    assert request.digits == 10
    assert request.terminator


def test_date_of_birth_eight_digits_say_or_enter() -> None:
    request = analyze_prompt("Say or enter the beneficiary's date of birth as eight digits.").input_request
    assert request is not None
    assert request.field is InputField.DATE_OF_BIRTH
    assert request.date_format is DateFormat.MMDDYYYY
    assert not request.speech_only
    assert not request.keys_only


def test_last_name_star_method() -> None:
    request = analyze_prompt(
        "Enter the first 6 letters of the last name using the star key method."
    ).input_request
    assert request is not None
    assert request.field is InputField.LAST_NAME
    assert request.letters == 6
    assert request.letter_method is LetterMethod.STAR


def test_member_id_with_ssn_alternative_is_member_id() -> None:
    analysis = analyze_prompt(
        "Please enter the 10-digit Medicaid member ID followed by pound, or press 2 to use the social security number instead."
    )
    assert analysis.input_request is not None
    assert analysis.input_request.field is InputField.MEMBER_ID


def test_confirmation_keys_and_readback() -> None:
    confirmation = analyze_prompt("You entered 1 2 3 4 5. If this is correct, press 1. If not, press 2.").confirmation
    assert confirmation is not None
    assert confirmation.yes_key == "1"
    assert confirmation.no_key == "2"
    assert confirmation.readback_digits == "12345"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("I'm sorry, that entry is invalid.", Cue.INVALID),
        ("I'm sorry, I did not receive a response.", Cue.TIMEOUT),
        ("We were unable to locate that beneficiary.", Cue.MEMBER_NOT_FOUND),
        ("The Medicare number and date of birth do not match our records.", Cue.MEMBER_NOT_FOUND),
        ("No claims were found for the dates of service entered.", Cue.CLAIM_NOT_FOUND),
        ("I couldn't find a Medicare beneficiary with that identifier and name. Please try again.",
         Cue.MEMBER_NOT_FOUND),
        ("Please hold.", Cue.HOLD),
        ("Your call is important to us. Your estimated wait time is greater than fifteen minutes.", Cue.HOLD),
        ("Our offices are currently closed. Our business hours are 8 to 5.", Cue.CLOSED),
        ("Our systems are down at this time, please call back later.", Cue.SYSTEMS_DOWN),
        ("The Medicaid host system is not responding at this time. Please try your inquiry again later.",
         Cue.SYSTEMS_DOWN),
        ("This is premium audit. We don't have access to medical bills. You'll need to call back and choose the "
         "medical provider option.", Cue.WRONG_DEPARTMENT),
        ("I'm sorry, since that doesn't match, I'm not able to go over the member's claims today.",
         Cue.MEMBER_NOT_FOUND),
        ("I'm sorry, I wasn't able to authenticate that information, so I can't release claim details on this call.",
         Cue.MEMBER_NOT_FOUND),
        ("I'm sorry, I'm still not able to match that, so I can't go over claim details on this call.",
         Cue.MEMBER_NOT_FOUND),
        ("Ugh, our claims system just locked up on me. Can you try back in an hour or so?", Cue.SYSTEMS_DOWN),
        ("We do not accept automated calls.", Cue.AUTOMATED_REFUSED),
        ("No automated calls on this line. Goodbye.", Cue.AUTOMATED_REFUSED),
        ("Please hold while I transfer your call.", Cue.TRANSFER),
        ("Thank you for holding, this is Dana, how can I help you?", Cue.PERSON_GREETING),
        ("I'm sorry, I can only look at one claim per call.", Cue.ONE_CLAIM_PER_CALL),
        ("You've reached the pharmacy help desk, I can't help with claims.", Cue.WRONG_DEPARTMENT),
        ("This is behavioral health intake, so I can't see claims at all.", Cue.WRONG_DEPARTMENT),
        ("Oh, this is Northvale network provider services. I can't see out-of-network claims from here, so you'll "
         "need to call back and choose claim status.", Cue.WRONG_DEPARTMENT),
        ("Thanks for holding, this is Raymond in behavioral health intake. How can I help?", Cue.WRONG_DEPARTMENT),
        ("I'm sorry, this is the Part D pharmacy help desk, and I'm not able to look up medical claims.",
         Cue.WRONG_DEPARTMENT),
        ("Please call back and go through the provider menu.", Cue.WRONG_DEPARTMENT),
        ("That still doesn't match our records, so I can't go any further on this call.", Cue.REFUSED),
        ("I'm sorry, we aren't able to take calls from automated systems on this line.", Cue.AUTOMATED_REFUSED),
        ("We're sorry. Our claim system is temporarily unavailable.", Cue.SYSTEMS_DOWN),
        ("I'm sorry, I'm having trouble getting to that information right now. Please try again a little later.",
         Cue.SYSTEMS_DOWN),
        ("This line does not accept automated or recorded calls.", Cue.AUTOMATED_REFUSED),
        ("I'm sorry, we can only take calls from a live person on this line. Goodbye.", Cue.AUTOMATED_REFUSED),
        ("This line is for live callers only. Automated and recorded calls are not supported. Goodbye.",
         Cue.AUTOMATED_REFUSED),
        # With "not" lost, a line that speaks of accepting automated calls is refusing one.
        ("This line does accept automated or recorded calls.", Cue.AUTOMATED_REFUSED),
        ("I can't go further without verification.", Cue.REFUSED),
        ("Thank you for calling member services, this is Derek. How can I help you?", Cue.WRONG_DEPARTMENT),
        ("I don't have access to that from here. You'll need to call the provider services number.",
         Cue.WRONG_DEPARTMENT),
        ("You've reached Cedar Valley Health Plan provider services after hours.", Cue.CLOSED),
        ("Our system just went down and I can't pull anything up. Please call back later.", Cue.SYSTEMS_DOWN),
        ("We're sorry. Our phone system is having trouble connecting your call. Please try again in a little while.",
         Cue.SYSTEMS_DOWN),
        ("No claims from your office match that date of service for this member.", Cue.CLAIM_NOT_FOUND),
        ("This is stop-loss and reinsurance unit. I can't see claims from here.", Cue.WRONG_DEPARTMENT),
        ("You'll need to call back an pick the provider option.", Cue.WRONG_DEPARTMENT),
        ("This is recipient member services. I don't have access to provider claims.", Cue.WRONG_DEPARTMENT),
        ("recipient member services, this is Rodney.", Cue.WRONG_DEPARTMENT),
        ("You need to Provider Services.", Cue.WRONG_DEPARTMENT),
        ("Cobalt Ridge does accept calls from automated systems.", Cue.AUTOMATED_REFUSED),
        ("Recipient ID not on file.", Cue.MEMBER_NOT_FOUND),
        ("I am sorry, our policy permits one claim inquiry per call. Please call back for any additional claims.",
         Cue.ONE_CLAIM_PER_CALL),
        ("I'm sorry, I'm having trouble reaching our claim system right now.", Cue.SYSTEMS_DOWN),
        ("Thank you for calling. Goodbye.", Cue.GOODBYE),
    ],
)
def test_cues(text: str, cue: Cue) -> None:
    assert cue in analyze_prompt(text).cues


def test_person_versus_announcement() -> None:
    person = analyze_prompt("Hi, this is Luis, I see you're calling about claim status, is that correct?")
    announcement = analyze_prompt("Thank you for your patience. A representative will be with you shortly.")
    assert person.person_likely
    assert Cue.PERSON_GREETING in person.cues
    assert not announcement.person_likely
    assert Cue.PERSON_GREETING not in announcement.cues


def _phrasebank() -> dict:
    import yaml
    from pathlib import Path

    path = Path(__file__).parents[2] / "src" / "payerline" / "sandbox" / "phrasebank.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_phrasebank_greetings_are_people() -> None:
    for greeting in _phrasebank()["greetings"]:
        analysis = analyze_prompt(greeting)
        assert analysis.person_likely, greeting
        assert Cue.PERSON_GREETING in analysis.cues, greeting


def test_phrasebank_hold_announcements_are_not_people() -> None:
    for announcement in _phrasebank()["hold_announcements"]:
        analysis = analyze_prompt(announcement)
        assert not analysis.person_likely, announcement
        assert Cue.PERSON_GREETING not in analysis.cues, announcement


def test_key_homophones_after_press() -> None:
    options = analyze_prompt("For claims press for. For eligibility press to.").options
    assert [option.key for option in options] == ["4", "2"]


def test_follow_up_without_verb_is_input() -> None:
    request = analyze_prompt("And the last 5 digits of your tax ID.").input_request
    assert request is not None
    assert request.field is InputField.TIN
    assert request.last_digits == 5


def test_star_method_stated_in_next_sentence() -> None:
    request = analyze_prompt(
        "Please key in up to the first 6 letters of the last name followed by pound. "
        "Key each letter by pressing star, then the key with the letter, then its position on that key."
    ).input_request
    assert request is not None
    assert request.letter_method is LetterMethod.STAR
    assert request.terminator


def test_say_yes_or_press_keys() -> None:
    confirmation = analyze_prompt("I heard 2 1 3 1. Is that right? Say yes or press 1, or say no or press 2.").confirmation
    assert confirmation is not None
    assert confirmation.yes_key == "1"
    assert confirmation.no_key == "2"


def test_no_claim_found_is_not_a_confirmation() -> None:
    analysis = analyze_prompt("No claim was found that matches the information you entered.")
    assert analysis.confirmation is None
    assert Cue.CLAIM_NOT_FOUND in analysis.cues


def test_label_first_menu_keeps_keys() -> None:
    analysis = analyze_prompt(
        "General, press 1. Claim Status, press 2. To speak with a customer service representative, "
        "say representative or press 0."
    )
    assert [(option.label, option.key) for option in analysis.options] == [
        ("general", "1"), ("claim status", "2"), ("speak with a customer service representative", "0")
    ]


def test_options_without_keys_mix_with_keyed() -> None:
    analysis = analyze_prompt("Say claim status. For eligibility, press 1.")
    assert {option.key for option in analysis.options} == {None, "1"}


def test_medicaid_provider_mismatch_is_not_member() -> None:
    analysis = analyze_prompt("The Medicaid provider number you entered does not match our records.")
    assert not analysis.has(Cue.MEMBER_NOT_FOUND)


def test_person_after_announcement_in_one_turn() -> None:
    analysis = analyze_prompt(
        "To return to the main menu at any time, press star, nine, nine. "
        "Hello, thank you for holding, you've reached Andre, may I have your name please?"
    )
    assert analysis.person_likely
    assert analysis.has(Cue.PERSON_GREETING)
    assert analysis.options == ()


def test_menu_after_greeting_stays_ivr() -> None:
    analysis = analyze_prompt("Welcome to Humana. For claims, press 2.")
    assert not analysis.person_likely


@pytest.mark.parametrize(
    "text",
    [
        "This line does not accept automated calls.",
        "We don't take automated calls.",
        "This line is not for automated callers.",
        "Sorry, this number doesn't accept automated calls.",
        "This line isn't for automated callers.",
        "Cobalt Ridge does not accept calls from systems. Please have a staff member call.",
        "We can't take calls placed by computer software.",
        "This line is for provider office staff only. Automated calls cannot be assisted. Goodbye.",
    ],
)
def test_automated_refused_with_general_negations(text: str) -> None:
    assert Cue.AUTOMATED_REFUSED in analyze_prompt(text).cues


def test_negation_alone_not_refusal() -> None:
    assert Cue.AUTOMATED_REFUSED not in analyze_prompt("That claim is not on file.").cues


@pytest.mark.parametrize(
    "text",
    [
        "You've reached Cedar Valley Health Plan provider services after hours. We take calls weekdays from 8 in "
        "the morning until 8 at night and Saturdays from 9 until 1, Eastern time. Goodbye.",
        "Provider services is available weekdays from eight to six Eastern time. Please call again then. Goodbye.",
        "You have reached us after hours.",
        "Our lines take calls Monday through Friday, 7 a.m. to 6 p.m. Central. Goodbye.",
    ],
)
def test_closed_messages_in_other_words(text: str) -> None:
    assert Cue.CLOSED in analyze_prompt(text).cues


@pytest.mark.parametrize(
    "text",
    [
        "Welcome to provider services, available Monday through Friday 8 a.m. to 5 p.m. For claims, press 1.",
        "Our call center hours are Monday through Friday, 8 AM to 8 PM. Please hold.",
        "Thank you for holding, this is Dale, how can I help you?",
    ],
)
def test_hours_without_a_sign_off_are_not_closed(text: str) -> None:
    assert Cue.CLOSED not in analyze_prompt(text).cues


@pytest.mark.parametrize(("text", "field"), [
    # "birth" lost on the line: a person's date is the birth date.
    ("Enter the patient's date of as 8 digits: month, day and year.", InputField.DATE_OF_BIRTH),
    ("Please enter the member's date as eight digits.", InputField.DATE_OF_BIRTH),
    ("Enter the patient's date of service as 8 digits.", InputField.DATE_OF_SERVICE),
])
def test_person_date_with_its_noun_lost(text: str, field: InputField) -> None:
    request = analyze_prompt(text).input_request
    assert request is not None
    assert request.field is field


def test_provider_line_greeting_is_not_wrong_department() -> None:
    assert Cue.WRONG_DEPARTMENT not in analyze_prompt("Hi, you've reached Marisol in provider services.").cues


def test_key_per_letter_method() -> None:
    text = ("Please say or enter the member ID, then press pound. "
            "To key a letter, just press the number key that has that letter on it.")
    request = analyze_prompt(text).input_request
    assert request is not None
    assert request.letter_method is LetterMethod.KEY


@pytest.mark.parametrize("text", [
    "If are a care provider or calling from a provider's office, press 1. If you are a member, press 2.",
    "you are a health care provider or calling from a provider's office, press 1. If you are a member, press 2.",
    "If you are a health care provider or calling from a provider's office, 1. If you are a member, press 2.",
])
def test_caller_type_option_with_words_lost(text: str) -> None:
    options = analyze_prompt(text).options
    assert [option.key for option in options] == ["1", "2"]
    assert "provider" in options[0].label


def test_conversational_readback_is_confirmation() -> None:
    confirm = analyze_prompt("That's tax ID 3 5 2 1 7 0 9 6 4. Correct?").confirmation
    assert confirm is not None
    assert confirm.readback_digits == "352170964"
    assert confirm.yes_key is None


@pytest.mark.parametrize(("text", "keys"), [
    ("You can also press 1 for claims, 2 for authorizations, or 3 for anything else.", ["1", "2", "3"]),
    ("Claim status. Search by ICN, press 1. Search by recipient ID and dates of service, press 2.", ["1", "2"]),
    ("To repeat, press star. Star 9 9 returns to this menu.", ["*", "*99"]),
    # A spoken list, then its keys in the same order in a sentence of their own.
    ("What would you like to do next? You can say repeat that, another claim, or I'm done. "
     "On the keypad, that's 1, 2, or 9.", ["1", "2", "9"]),
])
def test_menu_option_layouts(text: str, keys: list[str]) -> None:
    assert [option.key for option in analyze_prompt(text).options] == keys


@pytest.mark.parametrize("text", ["This is the claims department, Joe speaking.", "Hi, this is Tonya with the claims unit."])
def test_claims_unit_is_right_department(text: str) -> None:
    assert Cue.WRONG_DEPARTMENT not in analyze_prompt(text).cues


def test_date_length_with_digits_lost() -> None:
    request = analyze_prompt("Enter the from date of service. Six month, day, year.").input_request
    assert request is not None
    assert request.date_format is DateFormat.MMDDYY


def test_located_claim_is_open() -> None:
    from payerline.agent.rep_turns import CLAIM_FOUND

    assert CLAIM_FOUND.search("thank you. i have located the claim.")


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Please say or enter the provider's Medicare number.", InputField.PTAN),
        ("Enter your Medicare provider number followed by pound.", InputField.PTAN),
        ("Enter the provider's Medicaid number followed by pound.", InputField.MEDICAID_PROVIDER_ID),
        ("Enter the recipient's Medicaid ID.", InputField.MEMBER_ID),
        ("Enter the date of service as eight digits.", InputField.DATE_OF_SERVICE),
        ("Using your keypad, enter the place of service code.", None),
        ("Please say or enter your 9-digit tax I D number. If you'd rather use your N P I, say 'N P I' or press 1.",
         InputField.TIN),
        ("Enter the member I D followed by pound.", InputField.MEMBER_ID),
        ("Enter the two digit type of service.", None),
    ],
)
def test_entry_field_by_wording(text: str, field: InputField | None) -> None:
    request = analyze_prompt(text).input_request
    assert (request.field if request is not None else None) is field


@pytest.mark.parametrize(
    ("text", "yes_key", "no_key"),
    [
        ("You entered 3 C W 7. Press 1 if this is correct, or press 2 to enter it again.", "1", "2"),
        ("You entered 1 2 3. If this is correct, press 1. If not, press 2.", "1", "2"),
        ("You entered 1 2 3. Press 1 if correct. Press 2 to re-enter.", "1", "2"),
        ("You entered 1 2 3. To confirm press 1, to change it press 2.", "1", "2"),
        ("You entered 1 2 3. Press pound if that is right or star if it is not.", "#", "*"),
        ("You entered 1 2 3. Press 1 for yes or 2 for no.", "1", "2"),
        ("You entered 1 2 3. If that is not correct, press 2. If correct, press 1.", "1", "2"),
        ("You entered 1 2 3. If correct press 1, to re-enter press 2.", "1", "2"),
        ("You entered 3 6 0 4. Press 1 for yes, 2 for no.", "1", "2"),
        ("You entered 3 6 0 4. Press 1 if this is right, 2 if it is wrong.", "1", "2"),
        ("You entered 1 2 3. Press pound if this is correct, or star to start over.", "#", "*"),
        ("You entered 1 2 3. If correct press 1, otherwise press 2.", "1", "2"),
        # Read-backs that lost a word on the line.
        ("Provider number 4 1 0 0 5 1 9 0 4 3. If this correct, press 1. To enter it again, press 2.", "1", "2"),
        ("Provider number 4 1 0 0 5 1 9 0 4 3. this is correct, press 1. To enter it again, press 2.", "1", "2"),
        ("Provider number 4 1 0 0 5 1 9 0 4 3. If this is press 1. To enter it again, press 2.", "1", "2"),
        ("I have 3 7 2 0 5 1 8 4 6 3. If that is say yes or press 1. If not, say no or press 2.", "1", "2"),
    ],
)
def test_readback_keys_in_either_order(text: str, yes_key: str, no_key: str) -> None:
    confirm = analyze_prompt(text).confirmation
    assert confirm is not None
    assert confirm.yes_key == yes_key
    assert confirm.no_key == no_key


def test_spoken_readback_is_confirmation() -> None:
    confirm = analyze_prompt("Just to confirm, that's July twenty-ninth, nineteen sixty-six?").confirmation
    assert confirm is not None
    assert confirm.yes_key is None


def test_star_keys_listed_after_one_press() -> None:
    options = analyze_prompt("At any time, press star to hear a prompt again, or star 8 for the main menu.").options
    assert [(option.key, option.label) for option in options] == [("*", "hear a prompt again"), ("*8", "the main menu")]


def test_transfer_back_to_ivr_cue() -> None:
    cues = analyze_prompt("Claim status has to go through the automated system. "
                          "I'm transferring you back to the automated system now.").cues
    assert Cue.BACK_TO_IVR in cues


def test_readback_ending_right_is_confirmation() -> None:
    assert analyze_prompt("That's November eighteenth, twenty twenty-six, right?").confirmation is not None


def test_label_is_key_options() -> None:
    options = analyze_prompt("Briefly tell me what you're calling about. Or use your keypad: eligibility is 1, "
                             "claims is 2, prior authorizations is 3, and credentialing is 5.").options
    assert [(option.label, option.key) for option in options if option.key] == [
        ("eligibility", "1"), ("claims", "2"), ("prior authorizations", "3"), ("credentialing", "5")]
    assert analyze_prompt("The claim number is 2 6 3. The status is 4.").options == ()


def test_spoken_confirm_with_digits_has_no_keys() -> None:
    for text in ("Just to confirm, 8 2 3 4 5 6 7 8 9 8?", "Just to confirm, that's July 29, 2026?"):
        confirm = analyze_prompt(text).confirmation
        assert confirm is not None
        assert confirm.yes_key is None


def test_terminator_before_say_alternative() -> None:
    request = analyze_prompt("Enter the first six letters of the patient's last name, then press pound. "
                             "Or say the last name.").input_request
    assert request is not None
    assert request.terminator


def test_readback_with_continue_and_change_keys() -> None:
    confirm = analyze_prompt("From date October twentieth, twenty twenty-six. To continue, press 1. To change it, "
                             "press 2.").confirmation
    assert confirm is not None
    assert (confirm.yes_key, confirm.no_key) == ("1", "2")


def test_readback_that_was_ending_right() -> None:
    confirm = analyze_prompt("That was September second, nineteen eighty-one, right?").confirmation
    assert confirm is not None
    assert confirm.yes_key is None


def test_first_letter_of_first_name_is_an_initial() -> None:
    request = analyze_prompt("Now say or key the first letter of the patient's first name, then press pound.").input_request
    assert request is not None
    assert request.field is InputField.FIRST_INITIAL


def test_field_given_a_length_wins_over_another_named() -> None:
    request = analyze_prompt("Thanks. Now the 9-digit tax ID that N P I bills under.").input_request
    assert request is not None
    assert request.field is InputField.TIN
    assert request.digits == 9


def test_keyed_date_format_beside_a_spoken_one() -> None:
    request = analyze_prompt("Enter the from date of service as six digits: month, day, and the last two digits of "
                             "the year. If speaking, say all eight digits.").input_request
    assert request is not None
    assert request.date_format is DateFormat.MMDDYY


def test_letter_count_from_an_earlier_sentence() -> None:
    request = analyze_prompt("Using the same star method, enter up to the first five letters of the patient's last "
                             "name, then press pound. You can also say the last name.").input_request
    assert request is not None
    assert (request.field, request.letters, request.letter_method) == (InputField.LAST_NAME, 5, LetterMethod.STAR)


def test_key_first_continue_or_change_is_a_readback() -> None:
    confirm = analyze_prompt("From date March fourth, twenty twenty-six. Press 1 to continue, or 2 to change it."
                             ).confirmation
    assert confirm is not None
    assert (confirm.yes_key, confirm.no_key) == ("1", "2")


def test_alternative_behind_star_is_no_entry() -> None:
    request = analyze_prompt("Please say or enter your 9-digit tax ID number. If you'd rather use your NPI, press star "
                             "or say NPI.").input_request
    assert request is not None
    assert request.field is InputField.TIN


def test_key_for_a_caller_without_the_value() -> None:
    from payerline.agent.navigator import _IF_NOT_KEY
    from payerline.agent.prompts import normalize_prompt

    text = normalize_prompt("If you have the 12-digit claim number, say it or enter it now. If not, press 2 and I'll "
                            "search by member instead.")
    match = _IF_NOT_KEY.search(text)
    assert match is not None and match.group(1) == "2"


def test_terse_readback_with_labels_before_keys() -> None:
    confirm = analyze_prompt("MBI 5 M D 1 X N 8 F P 2 2. Correct, press 1. Re-enter, press 2.").confirmation
    assert confirm is not None
    assert (confirm.yes_key, confirm.no_key) == ("1", "2")


def test_routing_question_before_a_transfer_is_the_ivr() -> None:
    from payerline.agent.navigator import _ABOUT_A_CLAIM
    from payerline.agent.prompts import normalize_prompt

    text = "Sure, I can get you to a representative. So I send you to the right team, is this about a claim, or something else?"
    assert not analyze_prompt(text).person_likely
    assert _ABOUT_A_CLAIM.search(normalize_prompt(text)) is not None


def test_hours_of_another_channel_are_no_closing() -> None:
    text = "Rather not wait? Chat with us from the provider portal during business hours."
    assert Cue.CLOSED not in analyze_prompt(text).cues


def test_spoken_list_with_keys_after_is_no_person() -> None:
    analysis = analyze_prompt("Got it. I found one claim. Status: cancelled. What would you like to do next? "
                              "You can say repeat that, another claim, or I'm done. On the keypad, that's 1, 2, or 9.")
    assert not analysis.person_likely
    assert [(option.phrase, option.key) for option in analysis.options] == [
        ("repeat that", "1"), ("another claim", "2"), ("i'm done", "9")]


def test_if_no_claims_match_is_menu() -> None:
    assert Cue.CLAIM_NOT_FOUND not in analyze_prompt("If no claims match, press 2 to speak with someone.").cues


@pytest.mark.parametrize(("text", "field"), [
    # A workers' compensation line files a provider's bills under the injury's claim number.
    ("Enter the workers' compensation claim number for the injury, followed by the pound key.", InputField.MEMBER_ID),
    ("Using your keypad, enter the nine-digit federal tax number your bills are submitted under.", InputField.TIN),
])
def test_workers_compensation_entries(text: str, field: InputField) -> None:
    request = analyze_prompt(text).input_request
    assert request is not None
    assert request.field is field


def test_phrase_after_key_is_kept() -> None:
    options = analyze_prompt("If you're calling from a doctor's office, hospital or other health care provider, "
                             "press 1 or say provider. If you're a member, press 2 or say member.").options
    assert [(option.key, option.phrase) for option in options] == [("1", "provider"), ("2", "member")]


def test_bill_not_found_is_claim_not_found() -> None:
    assert Cue.CLAIM_NOT_FOUND in analyze_prompt(
        "We did not find a bill on this claim for the information you entered.").cues


def test_did_i_get_that_right() -> None:
    confirm = analyze_prompt("Claim number 2 6 2 9 5 0 4 1 1 7 3 0 4 4. Did I get that right? Say yes or press 1, "
                             "or say no or press 2.").confirmation
    assert confirm is not None
    assert (confirm.yes_key, confirm.no_key) == ("1", "2")


def test_automated_system_noun_lost() -> None:
    cues = analyze_prompt("Representatives cannot give information that the automated provides. Thank you for your "
                          "patience.").cues
    assert Cue.AUTOMATED_REFUSED not in cues


def test_filler_before_sized_entry() -> None:
    analysis = analyze_prompt("Alright. First, what's the provider's nine-digit ID number?")
    assert not analysis.person_likely
    assert analysis.input_request is not None
    assert analysis.input_request.field is InputField.TIN
    assert analyze_prompt("Alright, I have the claim.").person_likely


def test_gate_naming_this_automated_system_is_no_refusal() -> None:
    cues = analyze_prompt("Contact center representatives cannot give information available through this automated "
                          "system, such as claim status. If your question is about something else, press 1 to be "
                          "transferred.").cues
    assert Cue.AUTOMATED_REFUSED not in cues


def test_refusal_of_automated_systems_with_its_negation_lost() -> None:
    cues = analyze_prompt("I'm sorry, we take calls from automated systems. Please have someone from your office call "
                          "us directly. Goodbye.").cues
    assert Cue.AUTOMATED_REFUSED in cues


@pytest.mark.parametrize("text", [
    "What would you like to do next? You can say repeat that, claim details, another claim, different patient, or goodbye.",
    # "can" lost on the line
    "What would you like to do next? You an say repeat that, claim details, another claim, different patient, or goodbye.",
])
def test_goodbye_offered_in_a_spoken_menu_ends_nothing(text: str) -> None:
    analysis = analyze_prompt(text)
    assert Cue.GOODBYE not in analysis.cues
    assert "another claim" in [option.phrase for option in analysis.options]


def test_spoken_examples_lose_their_lead_words() -> None:
    options = analyze_prompt("You can say things like claim status, eligibility, precertification, payments, appeals.").options
    assert options[0].phrase == "claim status"


def test_own_hours_with_portal_closed() -> None:
    cues = analyze_prompt("The automated system is not available at this time. Our hours are Monday through Friday, "
                          "6 a.m. to 8 p.m., Mountain time. Please call these hours, or visit the HealthBridge provider "
                          "portal. Thank you. Goodbye.").cues
    assert Cue.CLOSED in cues
    assert Cue.SYSTEMS_DOWN not in cues


def test_read_back_put_as_a_question() -> None:
    assert analyze_prompt("Was that October twentieth, twenty twenty-six?").confirmation is not None
    assert analyze_prompt("Was that the claim you wanted?").confirmation is None


def test_key_list_joined_with_and() -> None:
    options = analyze_prompt("Are you a Cedar Valley member, or are you calling from a provider's office? You can say "
                             "member or provider, or press 1 for member and 2 for provider.").options
    keyed = {option.key: option.label for option in options if option.key}
    assert keyed == {"1": "member", "2": "provider"}


def test_not_in_automated_system_no_refusal() -> None:
    cues = analyze_prompt("Claim status and payment information aren't available in our automated system. A provider "
                          "services representative can help you with that.").cues
    assert Cue.AUTOMATED_REFUSED not in cues


def test_field_named_first_is_the_entry() -> None:
    request = analyze_prompt("Enter the last 5 digits of the tax identification number associated with this PTAN.").input_request
    assert request is not None
    assert request.field is InputField.TIN
    assert request.last_digits == 5


def test_option_whose_you_was_lost() -> None:
    options = analyze_prompt("If do not have a contract with Northmere, press 1. If you are a Northmere network "
                             "provider, press 2.").options
    assert [option.key for option in options] == ["1", "2"]


@pytest.mark.parametrize(("text", "length"), [
    ("To search by the 13-digit internal control number, or I C N, press 1.", 13),
    ("Enter the thirteen digit claim number.", 13),
    ("Enter the 12-character claim ID, followed by pound.", 12),
    ("Enter your 10-digit NPI.", None),
])
def test_stated_claim_number_length(text: str, length: int | None) -> None:
    assert stated_claim_number_length(normalize_prompt(text)) == length


def test_keyed_length_wins_over_spoken_length() -> None:
    request = analyze_prompt("What is the from date of service? You can say it as eight digits, such as zero nine one "
                             "five two zero two six, or key it as six digits: month, day and two-digit year.").input_request
    assert request is not None
    assert request.digits == 6
    assert request.date_format is DateFormat.MMDDYY


def test_two_digits_each_is_six_digit_date() -> None:
    request = analyze_prompt("Enter the injured worker's date of birth, two digits each for the month, day and "
                             "year.").input_request
    assert request is not None
    assert request.date_format is DateFormat.MMDDYY
    assert request.digits is None


def test_use_instead_option_skips_unknown_entry() -> None:
    options = analyze_prompt("Enter the date of injury, using two digits each for the month, day and year. If you do "
                             "not have the date of injury, press 9 to use the injured worker's date of birth "
                             "instead.").options
    skip = skip_option(options)
    assert skip is not None
    assert skip.key == "9"


def test_outage_naming_claim_information_is_no_closed_line() -> None:
    outage = analyze_prompt("We are currently experiencing technical difficulties, and claim information is "
                            "unavailable. Please try your call again later. Goodbye.")
    assert outage.has(Cue.SYSTEMS_DOWN)
    assert not outage.has(Cue.CLOSED)
    closed = analyze_prompt("Claim information is unavailable after 6 p.m. Please call back during business hours.")
    assert closed.has(Cue.CLOSED)


def test_spell_or_key_is_entry() -> None:
    request = analyze_prompt("Now spell or key up to the first six letters of the last name, then press "
                             "pound.").input_request
    assert request is not None
    assert request.field is InputField.LAST_NAME
    assert request.letters == 6


def test_tin_last_digits_without_count() -> None:
    request = analyze_prompt("Enter the last digits of your tax identification number.").input_request
    assert request is not None
    assert request.field is InputField.TIN
    assert request.last_digits == 5


def test_client_id_is_member_id() -> None:
    request = analyze_prompt("Enter the eleven character client ID.").input_request
    assert request is not None
    assert request.field is InputField.MEMBER_ID


@pytest.mark.parametrize(("text", "label", "key"), [
    ("Claim status, 2.", "claim status", "2"),
    ("Customer service, 0.", "customer service", "0"),
])
def test_label_and_key_alone_is_an_option(text: str, label: str, key: str) -> None:
    options = analyze_prompt(text).options
    assert [(option.label, option.key) for option in options] == [(label, key)]


@pytest.mark.parametrize("text", [
    "Units, 2.",
    "Provider services is open Monday through Friday, 8 a.m. to noon and 1 p.m. to 5 p.m.",
    "Number of claims found, 1.",
])
def test_counted_values_and_hours_are_no_options(text: str) -> None:
    assert analyze_prompt(text).options == ()


@pytest.mark.parametrize("text", [
    "From date January first, twenty twenty-six. Press 1 to accept, 2 to re-key.",
    "Member ID 4 8 2 1. To accept, press 1. To re-key, press 2.",
])
def test_accept_or_rekey_readback(text: str) -> None:
    confirm = analyze_prompt(text).confirmation
    assert confirm is not None
    assert (confirm.yes_key, confirm.no_key) == ("1", "2")


def test_step_word_before_an_entry_is_no_name() -> None:
    analysis = analyze_prompt("Last, key uh final 5 of your tax I D.")
    assert not analysis.has(Cue.PERSON_GREETING)


@pytest.mark.parametrize(("text", "keys"), [
    ("October twelfth, twenty twenty-six. If this date is correct, press 1. To change it, press 2.", ("1", "2")),
    ("You entered 1 2 3. If this is correct, press 1. If it is not, press 2.", ("1", "2")),
    ("If the member ID you entered is correct, press 1. If the member ID is not correct, press 3.", ("1", "3")),
])
def test_readback_naming_what_is_correct(text: str, keys: tuple[str, str]) -> None:
    confirm = analyze_prompt(text).confirmation
    assert confirm is not None
    assert (confirm.yes_key, confirm.no_key) == keys


def test_one_key_each_letter() -> None:
    request = analyze_prompt("Using your telephone keypad, enter the first four letters of the member's last name, "
                             "pressing one key for each letter, followed by the pound sign.").input_request
    assert request is not None
    assert request.letter_method is LetterMethod.KEY


def test_entry_after_last_without_a_verb() -> None:
    request = analyze_prompt("Last, the final five digits of your tax identification number.").input_request
    assert request is not None
    assert request.field is InputField.TIN
    assert request.last_digits == 5


def test_readback_to_confirm_or_change() -> None:
    confirm = analyze_prompt("From date November tenth, twenty twenty-six. To confirm, press 1 or say yes. To change "
                             "it, press 2 or say no.").confirmation
    assert confirm is not None
    assert (confirm.yes_key, confirm.no_key) == ("1", "2")


def test_member_id_named_by_the_plan() -> None:
    request = analyze_prompt("Enter the member's 8-character KidsCare ID, followed by pound.").input_request
    assert request is not None
    assert request.field is InputField.MEMBER_ID


def test_and_now_the_field_is_an_entry() -> None:
    request = analyze_prompt("And now the 9-digit tax ID number that goes with that NPI.").input_request
    assert request is not None
    assert request.field is InputField.TIN


def test_letter_key_named_in_the_prompt() -> None:
    request = analyze_prompt("Enter the member's 9-character Ocotillo ID, followed by the pound sign. For the letter A "
                             "at the start of the ID, press 2.").input_request
    assert request is not None
    assert request.letter_method is LetterMethod.KEY


def test_provider_option_beats_injured_people_and_their_lawyers() -> None:
    options = analyze_prompt(
        "If you're a doctor's office, hospital, billing company or collection agency calling about a medical bill, "
        "press 1, or say provider. If you were hurt in an accident, or you're calling from an attorney's office, "
        "press 2, or say claimant. To report a new accident, press 3.").options
    best = max(options, key=lambda option: score_option(option, "claim_status"))
    assert best.key == "1"


def test_speech_menu_question_is_no_person() -> None:
    analysis = analyze_prompt("What else can I do for you? You can say 'repeat that', 'line details', "
                              "'another claim', or 'I'm done'.")
    assert not analysis.person_likely
    assert analyze_prompt("Hi, thanks for waiting. My name is Lupe. What can I do for you?").person_likely


def test_pin_from_tax_id_digits() -> None:
    request = analyze_prompt("Enter your 5-digit personal identification number, followed by the pound key. If you "
                             "have never changed your PIN, it is the last five digits of the tax identification "
                             "number on your enrollment.").input_request
    assert request is not None
    assert request.field is InputField.TIN
    assert request.last_digits == 5


def test_pin_from_npi_digits() -> None:
    request = analyze_prompt("Key your PIN followed by the pound sign. Your PIN is the last four digits of your NPI.").input_request
    assert request is not None
    assert (request.field, request.last_digits) == (InputField.NPI, 4)


def test_unexplained_pin_is_a_pin() -> None:
    request = analyze_prompt("Please enter your four-digit PIN followed by the pound sign.").input_request
    assert request is not None
    assert request.field is InputField.PIN


def test_no_practice_claims_not_found() -> None:
    cues = analyze_prompt("I don't see any claims from your practice for this member in that date range.").cues
    assert Cue.CLAIM_NOT_FOUND in cues
    assert Cue.WRONG_DEPARTMENT not in cues
    assert Cue.WRONG_DEPARTMENT in analyze_prompt("Sorry, I can't see medical claims here.").cues


@pytest.mark.parametrize("text", [
    "Next, six-digit Provider Transaction Access Number, also known as your Medicare certification number.",
    "Next, a six-digit Provider Transaction Access Number.",
    "the six-digit Transaction Access Number, also known as your Medicare certification number.",
])
def test_clipped_ptan_follow_ups_are_requests(text: str) -> None:
    request = analyze_prompt(text).input_request
    assert request is not None and request.field is InputField.PTAN


def test_facility_identification_number_is_the_tax_id() -> None:
    for text in ("And finally, the last five digits of the facility's identification number.",
                 "And finally, last five digits of the facility's tax identification number."):
        request = analyze_prompt(text).input_request
        assert request is not None
        assert (request.field, request.last_digits) == (InputField.TIN, 5)


def test_automated_dialing_systems_refused() -> None:
    cues = analyze_prompt("Automated dialing systems are not permitted to use this line. Goodbye.").cues
    assert Cue.AUTOMATED_REFUSED in cues


def test_outage_words() -> None:
    assert names_outage("The host system is not responding. Please try again later.")
    assert not names_outage("We are unable to process your request. Please try your call again later. Goodbye.")


def test_only_a_live_person_is_a_refusal() -> None:
    cues = analyze_prompt("I'm sorry, we're only able to speak with a live person from the provider's office. Goodbye.").cues
    assert Cue.AUTOMATED_REFUSED in cues


@pytest.mark.parametrize(("text", "date_format"), [
    ("Now the patient's date of birth. On the keypad, use two digits for month, day and year.", DateFormat.MMDDYY),
    ("Now the patient's date of birth. On the keypad, too digits each for month, day in year.", DateFormat.MMDDYY),
    ("Enter the date of birth, using two digits for the month, two for the day and four for the year.", DateFormat.MMDDYYYY),
])
def test_two_digits_each_heard_loosely(text: str, date_format: DateFormat | None) -> None:
    request = analyze_prompt(text).input_request
    assert request is not None and request.date_format is date_format


def test_line_only_for_live_staff_refuses_automated_callers() -> None:
    cues = analyze_prompt("I'm sorry, this line is only for live provider staff. We automated calls. Goodbye.").cues
    assert Cue.AUTOMATED_REFUSED in cues


def test_cannot_see_claims_from_here_is_wrong_department() -> None:
    cues = analyze_prompt("It looks like your call came to utilization management intake by mistake. I can't see claims "
                          "from here, so you'll need to call the provider line again.").cues
    assert Cue.WRONG_DEPARTMENT in cues


def test_key_and_press_pound_is_an_entry() -> None:
    request = analyze_prompt("Say the patient's last name, or key up to the first six letters of it and press pound.").input_request
    assert request is not None
    assert request.field is InputField.LAST_NAME
    assert request.letters == 6


@pytest.mark.parametrize("text", ["There's no check number on that claim.",
                                  "I don't have a timely filing limit for that one."])
def test_value_the_claim_lacks_is_not_asked_again(text: str) -> None:
    assert Cue.REFUSED in analyze_prompt(text).cues


def test_phrase_before_press_for() -> None:
    # "Say X or press N to Y": the words to say come before the key, the purpose after it.
    options = analyze_prompt("You can say line details or press 1 to hear each service on the claim. Say another visit "
                             "or press 2 to check a different date for this patient.").options
    assert [(option.key, option.phrase) for option in options] == [("1", "line details"), ("2", "another visit")]
    assert score_option(options[1], "next_claim") > 0
    assert score_option(options[0], "details") > 0


def test_phrase_opening_word_is_no_name() -> None:
    # "Per" opens "Per diem claims ...", so the IVR's sentence greets no one.
    assert extract_person_name("Per diem claims usually span several days, so I'll ask for a range.") is None
    assert extract_person_name("Kevin, and my last initial is M.") is not None


def test_were_closed_names_closed_line() -> None:
    analysis = analyze_prompt("You've reached Keystone Ridge Health behavioral health provider services. We're closed "
                              "right now. Otherwise, please call us back during business hours. Goodbye.")
    assert analysis.has(Cue.CLOSED)


def test_speech_ivr_question_is_an_entry() -> None:
    # A person could use the same words, but with no name, no hold and no transfer before them the IVR is asking.
    request = input_request(normalize_prompt("What date of service are you calling about?"))
    assert request is not None
    assert request.field is InputField.DATE_OF_SERVICE
