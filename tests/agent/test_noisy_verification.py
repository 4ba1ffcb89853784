"""Verification questions and faults heard on a noisy line: words lost, readings retried, doubtful faults asked."""

from __future__ import annotations

from datetime import date

import pytest
from scripted_payer import make_request

from payerline.agent.config import AgentConfig
from payerline.agent.context import CallContext
from payerline.agent.dialog import RepresentativeDialog
from payerline.agent.prompts import Cue, analyze_prompt
from payerline.agent.results import ClaimState, Heard
from payerline.agent.verification import MISMATCH_CLARIFY
from payerline.domain.codes import FailureReason
from payerline.telephony.actions import HangUp, Speak

SUBSCRIBER = {"first_name": "Quentin", "last_name": "Eastwick", "date_of_birth": "1985-07-01",
              "relationship": "child", "member_id": "6675928638"}
MEDICAID_PROVIDER = {"npi": "1234567893", "tin": "123456789", "medicaid_provider_id": "7197849292"}
MISMATCH = "I'm sorry, that doesn't match what I have. Can you give me that one more time?"


def dialog_for(**overrides: object) -> RepresentativeDialog:
    request = make_request(**overrides)
    context = CallContext(request=request, config=AgentConfig(), ivr_map=None, call_date=date(2026, 3, 20),
                          call_id="call-1", claims=[ClaimState(0)])
    dialog = RepresentativeDialog(context)
    turn(dialog, "Thank you for holding, this is Dana, how can I help you?", greeting=True)
    return dialog


def turn(dialog: RepresentativeDialog, text: str, confidence: float = 0.95, greeting: bool = False):
    heard = [(text, Heard(utterance=1, start_s=0.0, end_s=1.0, confidence=confidence))]
    analysis = analyze_prompt(text)
    step = dialog.on_person_reached(analysis, heard) if greeting else dialog.on_turn(analysis, heard)
    return step


def said(step) -> str:
    return " ".join(action.text for action in step.actions if isinstance(action, Speak))


# Requests whose question form was lost


@pytest.mark.parametrize("question", ["need your PTAN as", "I'll your PTAN as well.", "Go ahead and give me the PTAN."])
def test_request_without_question_form_is_answered(question: str) -> None:
    assert "The PTAN is AB1234." in said(turn(dialog_for(), question))


def test_last_five_request_without_lead_is_answered() -> None:
    assert "The last five of the tax ID are 56789." in said(turn(dialog_for(), "just need the last five of the tax ID."))


@pytest.mark.parametrize("statement", ["The billed amount was one hundred twenty-five dollars.",
                                       "Thank you, the date of birth matches.", "Okay, I have the NPI."])
def test_statement_about_a_field_is_not_a_request(statement: str) -> None:
    assert dialog_for()._answers(statement) == []


@pytest.mark.parametrize(("question", "expected"), [
    ("Okay, go ahead with the ten-digit", "The NPI is 1234567893."),
    ("I need the date have birth to verify, please.", "April 15, 1950"),
    ("Can I get the member's date a birth?", "April 15, 1950"),
])
def test_request_read_by_words_left(question: str, expected: str) -> None:
    assert expected in said(turn(dialog_for(), question, confidence=0.65))


def test_your_medicaid_number_is_the_provider_s() -> None:
    dialog = dialog_for(billing_provider=MEDICAID_PROVIDER, line_of_business="medicaid")
    assert "The Medicaid provider ID is 7197849292." in said(turn(dialog, "Can I get your Medicaid number?"))


def test_field_asked_again_also_gets_the_next_reading() -> None:
    dialog = dialog_for(billing_provider=MEDICAID_PROVIDER, line_of_business="medicaid", member_id="6392919608")
    turn(dialog, "Do you have the Medicare number, the MBI?")
    text = said(turn(dialog, "Can I get the Medicaid number?", confidence=0.65))
    assert "6392919608" in text
    assert "7197849292" in text


# After "that doesn't match"


def test_mismatch_bare_id_adds_subscriber_id() -> None:
    dialog = dialog_for(subscriber=SUBSCRIBER)
    assert "The member ID is 1EG4TE5MK73." in said(turn(dialog, "What's the ID, including the prefix?"))
    text = said(turn(dialog, MISMATCH))
    assert "6675928638" in text


def test_mismatch_that_lost_its_not_offers_another_id() -> None:
    dialog = dialog_for(subscriber=SUBSCRIBER)
    turn(dialog, "What's the ID, including the prefix?")
    text = said(turn(dialog, "Hmm, matching on my end. Could you repeat that?"))
    assert "6675928638" in text


def test_mismatch_on_birth_date_adds_the_subscriber_s() -> None:
    dialog = dialog_for(subscriber=SUBSCRIBER)
    turn(dialog, "uh date of birth?", confidence=0.25)
    text = said(turn(dialog, MISMATCH))
    assert "April 15, 1950" in text
    assert "July 1, 1985" in text


def test_mismatch_without_another_reading_repeats_in_another_form() -> None:
    dialog = dialog_for()
    turn(dialog, "What's the TIN on the claim?")
    assert said(turn(dialog, MISMATCH)) == "The tax ID is 123456789; the last five digits are 56789."


def test_mismatch_after_lost_request_clarifies() -> None:
    dialog = dialog_for()
    turn(dialog, "Go ahead and give me the please.", confidence=0.6)
    step = turn(dialog, "Hmm, that's not matching on my end. Could you repeat that?")
    assert said(step) == MISMATCH_CLARIFY


def test_give_me_request_not_invitation() -> None:
    step = turn(dialog_for(), "Go ahead and give me the please.", confidence=0.6)
    assert said(step) == "I'm sorry, could you repeat the question?"


# Faults


@pytest.mark.parametrize("text", [
    "I'm sorry, I'm able to release claim information to an automated system. Goodbye.",  # "not" lost
    "I'm able to give out information to an automated caller. I'll need to speak with a person.",
])
def test_automated_refusal_that_lost_its_not(text: str) -> None:
    assert analyze_prompt(text).has(Cue.AUTOMATED_REFUSED)


def test_person_elsewhere_is_not_an_automated_refusal() -> None:
    assert not analyze_prompt("You'll need to speak with a person in appeals for that.").has(Cue.AUTOMATED_REFUSED)


def test_refusal_before_verification_refuses_automation() -> None:
    step = turn(dialog_for(), "I'm sorry, I'm not able to release claim information to an Goodbye.")
    assert step.end is FailureReason.AUTOMATED_CALLS_REFUSED


def test_refusal_without_correct_information_fails_verification() -> None:
    dialog = dialog_for()
    turn(dialog, "Can I get the patient's first and last name?")
    step = turn(dialog, "Without the correct I'm not able to release anything on that claim.")
    assert step.end is FailureReason.MEMBER_NOT_FOUND


@pytest.mark.parametrize("text", [
    "You have exceeded the maximum number of attempts. Please try your call again later. Goodbye.",
    "You have exceeded uh maximum number of attempts. Please try your call again later.",
])
def test_attempts_exceeded_is_not_systems_down(text: str) -> None:
    assert not analyze_prompt(text).has(Cue.SYSTEMS_DOWN)


def test_outage_is_still_systems_down() -> None:
    assert analyze_prompt("Our systems are down right now. Please try again later.").has(Cue.SYSTEMS_DOWN)


def test_clear_fault_ends_the_call_at_once() -> None:
    step = turn(dialog_for(), "I'm sorry, our systems are down right now, please call back later.", confidence=0.93)
    assert step.end is FailureReason.SYSTEMS_DOWN
    assert any(isinstance(action, HangUp) for action in step.actions)


def test_doubtful_fault_is_asked_once_then_confirmed() -> None:
    dialog = dialog_for()
    step = turn(dialog, "I'm sorry, our systems are down right now, please call back later.", confidence=0.5)
    assert step.end is None
    assert said(step) == "Sorry, the line broke up. Did you say your systems are down?"
    assert dialog._context.last_fault is FailureReason.SYSTEMS_DOWN  # a hang-up now is explained
    assert turn(dialog, "Yes, that's right.").end is FailureReason.SYSTEMS_DOWN


def test_doubtful_fault_denied_goes_on() -> None:
    dialog = dialog_for()
    turn(dialog, "I'm sorry, our systems are down right now, please call back later.", confidence=0.5)
    step = turn(dialog, "No, sorry. Can I get the member ID?")
    assert step.end is None
    assert "The member ID is 1EG4TE5MK73." in said(step)


def test_mismatch_after_invitation_not_clarified() -> None:
    dialog = dialog_for()
    turn(dialog, "What's the TIN on the claim?")
    turn(dialog, "Okay, I have it in front of me. Go ahead.")
    assert said(turn(dialog, MISMATCH)) != MISMATCH_CLARIFY


def test_mismatch_provider_identification_adds_tax_id() -> None:
    dialog = dialog_for()
    turn(dialog, "Can verify the provider's identification number?", confidence=0.69)  # "tax" lost
    assert "The tax ID is 123456789." in said(turn(dialog, MISMATCH))


def test_patient_name_request_without_name_word() -> None:
    step = turn(dialog_for(), "Can I get the patient's first and last", confidence=0.87)
    assert "The patient's name is Maria O'Neil-Smith." in said(step)


@pytest.mark.parametrize("text", ["Okay, I've got that claim pulled up. What you like to know?",
                                  "Okay, I've got that pulled What would you like two know?"])
def test_invitation_missing_word_not_question(text: str) -> None:
    step = turn(dialog_for(), text, confidence=0.69)
    assert said(step) != "I'm sorry, could you repeat the question?"


def test_attempts_exceeded_without_attempts_word() -> None:
    text = "You have exceeded the maximum number of Please try your call later. Goodbye."
    assert not analyze_prompt(text).has(Cue.SYSTEMS_DOWN)


def test_last_five_of_id_is_tax_id() -> None:
    assert said(turn(dialog_for(), "I just need the last five of the ID.")) == "The last five of the tax ID are 56789."


def test_verify_instead_is_not_request() -> None:
    assert dialog_for()._answers("That's okay, I can verify with the date of birth instead.") == []


def test_mismatch_bare_id_offers_two_readings() -> None:
    dialog = dialog_for(subscriber=SUBSCRIBER)
    turn(dialog, "Can I get the ID?")
    text = said(turn(dialog, MISMATCH))
    assert "6675928638" in text
    assert "123456789" in text


def test_member_and_tax_id_both_answered() -> None:
    text = said(turn(dialog_for(), "Can I get the member ID and the tax ID?"))
    assert "The member ID is 1EG4TE5MK73." in text
    assert "The tax ID is 123456789." in text


@pytest.mark.parametrize("text", [
    "Representatives cannot give information that the automated system provides. Thank you for your patience.",
    "Representatives cannot give information that a automated system Thank you for your patience.",  # noise
])
def test_payers_own_automated_system_is_not_a_refusal(text: str) -> None:
    assert not analyze_prompt(text).has(Cue.AUTOMATED_REFUSED)


@pytest.mark.parametrize(("question", "reason"), [
    ("Can I get the provider's NPI?", FailureReason.PROVIDER_NOT_RECOGNIZED),
    ("What's the member ID?", FailureReason.MEMBER_NOT_FOUND),
])
def test_failed_verification_names_what_did_not_match(question: str, reason: FailureReason) -> None:
    dialog = dialog_for()
    turn(dialog, question)
    turn(dialog, MISMATCH)
    step = turn(dialog, "I'm sorry, that doesn't match our records, so I can't discuss it with you.")
    assert step.end is reason
