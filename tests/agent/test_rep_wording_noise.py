"""Representative wording from payers the agent was not tuned for, heard on a noisy line.

The regression cases come from eval calls with recognition noise, and each
docstring describes what went wrong before.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from scripted_payer import START, main_menu_nodes

from payerline.agent.confirm import settle_value
from payerline.agent.extract import extract_carc_codes, extract_days, extract_identifier, extract_money
from payerline.agent.readback import is_mumble
from payerline.agent.prompts import Cue, analyze_prompt
from payerline.clock import VirtualClock
from payerline.domain.codes import FailureReason

from test_rep_noise import DoubtfulLine, _call, full_rep


@pytest.mark.parametrize("text", [
    "I'm not two give out the allowed amount over the phone, you'd need to see the remit for that.",
    "I'm not able too give out the paid amount over the phone.",
    # With "not" lost, the pointer to the remit or "I'm afraid" still marks a refusal.
    "I'm able to give out the allowed amount over the phone, you'd need to see the remit for that.",
    "I'm able to share the paid amount over the phone, I'm afraid.",
    "I'm not able to out the paid over the phone, you'd need to the remit for that.",
])
def test_refusals_with_words_lost(text: str) -> None:
    assert analyze_prompt(text).has(Cue.REFUSED)


@pytest.mark.parametrize("text", [
    "Sure, I can read that over the phone: it paid ten dollars.",
    "The allowed amount is two hundred dollars.",
])
def test_answers_are_not_refusals(text: str) -> None:
    assert not analyze_prompt(text).has(Cue.REFUSED)


def test_automated_policy_with_not_lost() -> None:
    """The reply "Prairie Sage does [not] accept calls placed by automated dialing systems. Goodbye." ended as
    information_incomplete, not automated_calls_refused."""
    refusal = analyze_prompt("Prairie Sage does accept calls placed by automated dialing systems. Goodbye.")
    assert refusal.has(Cue.AUTOMATED_REFUSED)
    # An IVR that names what it accepts, or a person who asks something, refuses nothing.
    assert not analyze_prompt("This system accepts touch-tone entries only.").has(Cue.AUTOMATED_REFUSED)
    assert not analyze_prompt("We do take automated calls, what do you need?").has(Cue.AUTOMATED_REFUSED)


@pytest.mark.parametrize("text", [
    "The number and date of birth do not match our records.",  # "Medicare" lost
    "The Medicare and date of birth do not match our records.",  # "number" lost
    "I'm not pulling up anyone under that information.",
    "Nobody's coming up in our system with that.",
])
def test_member_not_found_wording(text: str) -> None:
    assert analyze_prompt(text).has(Cue.MEMBER_NOT_FOUND)


def test_date_of_birth_prompt_is_no_fault() -> None:
    assert not analyze_prompt("Please enter the patient's date of birth.").cues


def test_homophone_before_hundred_is_a_digit() -> None:
    """The reply "Reason code too hundred thirty-six" was CARC 36."""
    codes = extract_carc_codes("Reason code too hundred thirty-six.")
    assert codes is not None
    assert codes.value == ["236"]
    amount = extract_money("It paid for thousand two hundred dollars.")
    assert amount is not None
    assert str(amount.value) == "4200.00"
    assert extract_money("I went to the office.") is None


def test_duration_restatements_that_disagree() -> None:
    """The reply "You have one year, that's three hundred days to file" lost "sixty-five" and gave 300."""
    days = extract_days("You have one year, that's three hundred days to file.")
    assert days is not None
    assert days.value == 365
    assert days.confidence < 0.5
    agreeing = extract_days("Six months, that's a hundred eighty days.")
    assert agreeing is not None
    assert agreeing.value == 180
    assert agreeing.confidence > 0.9
    month = extract_days("A month, so thirty-one days.")
    assert month is not None
    assert month.value == 31


def test_refused_field_keeps_no_value() -> None:
    """The reply "I'm not two give out the allowed amount" was read back as $2.00 and kept after the refusal."""
    sequences = {r"reason code": ["I'm not two give out the reason codes over the phone, you'd need to see the remit."]}
    clock = VirtualClock(START)
    line = DoubtfulLine(clock, main_menu_nodes(), full_rep(), sequences=sequences)
    output = _call(line, clock)
    result = output.results[0]
    assert result.fields.carc_codes is None
    assert result.reason == FailureReason.PAYER_REFUSED
    assert not any(re.search(r"read that back: the carc", text, re.I) for text in line.agent_said)


# Turns of a dialog driven directly


def _dialog(**overrides: object):
    from test_noisy_verification import dialog_for

    return dialog_for(**overrides)


def _turn(dialog, text: str, confidence: float = 0.95):
    from test_noisy_verification import turn

    return turn(dialog, text, confidence)


def _said(step) -> str:
    from test_noisy_verification import said

    return said(step)


def test_mumbles_are_only_hesitations() -> None:
    assert is_mumble("It's, uh, mm, hmm, hang on, the, uh...")
    assert is_mumble("So that's, uh, mm, let me see here...")
    assert not is_mumble("Right.")
    assert not is_mumble("Uh, yes, that's right.")


def test_mumbled_readback_reply_reads_again() -> None:
    """A read-back answered "It's, uh, mm, hmm, on, the, uh..." was left unconfirmed and the call moved on."""
    sequences = {r"read that back: the claim": ["It's, uh, mm, hmm, on, the, uh..."]}
    clock = VirtualClock(START)
    line = DoubtfulLine(clock, main_menu_nodes(), full_rep(), sequences=sequences)
    output = _call(line, clock)
    readbacks = [text for text in line.agent_said if text.startswith("Let me read that back: the claim number")]
    assert len(readbacks) == 2
    claim_number = output.results[0].fields.claim_number
    assert claim_number is not None
    assert claim_number.confirmed_by_readback


def test_claim_up_opens_the_claim() -> None:
    """The reply "Okay, I've got that claim up now." got silence, and the representative hung up on the silence."""
    dialog = _dialog()
    _turn(dialog, "Can I get the member ID?")
    assert _said(_turn(dialog, "Okay, I've got that claim up now.")) == "What is the status of the claim?"


@pytest.mark.parametrize("text", ["Hi, did I lose", "Hello? Are there?", "Hi, did I lose you?"])
def test_still_there_gets_an_answer(text: str) -> None:
    dialog = _dialog()
    _turn(dialog, "Can I get the member ID?")
    assert _said(_turn(dialog, text)).startswith("Yes, I'm here.")


def test_check_number_reference_is_no_call_reference() -> None:
    """The reply "Payment reference, that's the EFT trace, is ..." also became the call's reference number."""
    dialog = _dialog()
    _turn(dialog, "Okay, I see the claim. What can I tell you about it?")
    dialog._pending = "check_number"
    _turn(dialog, "Payment reference, that's the EFT trace, is six seven nine, one five seven, five seven oh.")
    claim = dialog._context.claims[0]
    assert claim.fields["check_number"].value == "679157570"
    assert "reference_number" not in dialog._context.person_fields


def test_code_lists_voted_by_fullness() -> None:
    assert settle_value([["4", "236"], ["4", "2"]]) == ["4", "236"]
    assert settle_value([["4", "236"], ["236"]]) == ["4", "236"]


@pytest.mark.parametrize(("text", "codes"), [
    ("The reason code is for and two thirty-six.", ["4", "236"]),
    ("The reason code is four and to thirty-six.", ["4", "236"]),
])
def test_homophones_in_code_lists(text: str, codes: list[str]) -> None:
    heard = extract_carc_codes(text)
    assert heard is not None
    assert heard.value == codes


def test_homophone_after_thousand() -> None:
    amount = extract_money("You billed one thousand for forty-four dollars and seventeen cents.")
    assert amount is not None
    assert str(amount.value) == "1444.17"


def test_garbled_correction_of_amount_asks_again() -> None:
    """The reply "[Not] quite. It's seven hundred forty-one dollars and [sixty-four] cents" kept the $41.64 read back."""
    dialog = _dialog()
    _turn(dialog, "Okay, I see the claim. What can I tell you about it?")
    dialog._pending = "billed_amount"
    assert "$41.64" in _said(_turn(dialog, "Total charges were hundred forty-one dollars and sixty-four cents."))
    step = _turn(dialog, "quite. It's seven hundred forty-one dollars and cents.", confidence=0.63)
    assert "billed_amount" not in dialog._context.claims[0].fields
    assert Decimal("41.64") in dialog._rejected[(0, "billed_amount")]
    assert "read that back" not in _said(step)


def test_statement_that_a_field_works_is_no_request() -> None:
    """The turn "No problem, the date of birth works. [And] the Medicaid [ID]" was answered with the date of birth."""
    dialog = _dialog()
    assert dialog._answers("No problem, the date of birth works.") == []
    assert _said(_turn(dialog, "in the Medicaid")) == "The member ID is 1EG4TE5MK73."


def test_refusal_after_mismatch_is_failed_verification() -> None:
    """The reply "I'm sorry, that [doesn't] match our records, so I can't discuss it" ended as payer_refused."""
    dialog = _dialog()
    _turn(dialog, "Can I get the member ID?")
    _turn(dialog, "I'm sorry, that doesn't match what I have. Can you give me that one more time?")
    step = _turn(dialog, "I'm sorry, that match our records, so I can't discuss it with you.", confidence=0.75)
    assert step.end is FailureReason.MEMBER_NOT_FOUND


def test_mismatch_wording_of_other_payers() -> None:
    dialog = _dialog()
    _turn(dialog, "What's the TIN on the claim?")
    step = _turn(dialog, "That doesn't line up with our system. Can you double-check it for me?")
    assert "56789" in _said(step)


def test_homophone_opens_identifier_after_label() -> None:
    """The reply "the ICN on that is for one zero two ..." lost its leading 4."""
    heard = extract_identifier("Okay, the ICN on that is for one zero two, double six three five, three two eight three, oh.")
    assert heard is not None
    assert heard.value == "4102663532830"
    assert extract_money("The total is for one hundred dollars.") is not None


def test_short_claim_number_is_requested() -> None:
    """A claim number heard as "one zero two six ..." for the "four one zero two six ..." keyed in was kept short."""
    from test_noisy_verification import dialog_for

    from payerline.agent.extract import Extraction
    from payerline.agent.results import SOURCE_REPRESENTATIVE, Heard
    from payerline.domain.request import ClaimQuery

    dialog = dialog_for()
    context = dialog._context
    query = context.request.claims[0]
    known = "4102637686829"
    context.request.claims[0] = ClaimQuery(**{**query.model_dump(), "payer_claim_number": known})
    heard = Heard(utterance=3, start_s=0.0, end_s=1.0, confidence=0.4)
    context.capture(0, {"claim_number": Extraction("102637686829", 0.9)}, heard, SOURCE_REPRESENTATIVE)
    assert context.claims[0].fields["claim_number"].value == known
    # A different number is another claim's, not a hearing of the requested one.
    other = context.known_claim_number(0, Extraction("5526013336859", 0.9))
    assert other.value == "5526013336859"
    shorter = context.known_claim_number(0, Extraction("10263768", 0.9))
    assert shorter.value == "10263768"


def test_short_ivr_claim_number_read_whole() -> None:
    """An IVR hearing "one zero two six ..." of the requested "four one zero two six ..." was kept short."""
    from test_noisy_verification import dialog_for

    from payerline.agent.results import SOURCE_IVR, FieldRecord, Heard
    from payerline.domain.request import ClaimQuery

    dialog = dialog_for()
    context = dialog._context
    query = context.request.claims[0]
    context.request.claims[0] = ClaimQuery(**{**query.model_dump(), "payer_claim_number": "4102637686829"})
    heard = Heard(utterance=3, start_s=0.0, end_s=1.0, confidence=0.95)
    context.claims[0].fields["claim_number"] = FieldRecord("102637686829", heard, SOURCE_IVR, 0.9)
    step = _turn(dialog, "Okay, I see the claim. What can I tell you about it?")
    assert "4 1 0 2 6 3 7 6 8 6 8 2 9" in _said(step)
