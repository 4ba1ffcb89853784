"""Representative wording from payers the agent was not tuned for, heard on a noisy line.

The regression cases come from eval calls with recognition noise, and each
docstring describes what went wrong before.
"""

from __future__ import annotations

import re

import pytest
from scripted_payer import START, main_menu_nodes

from payerline.agent.extract import extract_carc_codes, extract_days, extract_money
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
