"""confirmed_by_readback only when the other side explicitly agreed with the value read back."""

from __future__ import annotations

import pytest
from scripted_payer import START, ScriptedLine, full_rep, main_menu_nodes, make_request

from payerline.agent.session import CallOutput, run_call
from payerline.clock import VirtualClock

MOVING_ON = "Okay, let me give you the check number, ready? One two three, four five six."


def _call(claim_reply: str, reference_reply: str) -> CallOutput:
    rep = full_rep()
    answers = [(r"read that back: the claim number", claim_reply),
               (r"read that back: the reference number", reference_reply)]
    rep.answers = answers + [(pattern, reply) for pattern, reply in rep.answers if pattern != r"read that back"]
    rep.answers.append((r"read that back", "Yes, that's correct."))
    clock = VirtualClock(START)
    line = ScriptedLine(clock, main_menu_nodes(), rep)
    return run_call(make_request(), line, clock, call_id="call-1")


@pytest.mark.parametrize("reply", ["Yes, that's correct.", "That's correct.", "Two two one, two three four, five six seven, eight nine."])
def test_explicit_agreement_or_same_value_confirms(reply: str) -> None:
    fields = _call(reply, "Yep, you got it.").results[0].fields
    assert fields.claim_number is not None
    assert fields.claim_number.confirmed_by_readback is True
    assert fields.reference_number is not None
    assert fields.reference_number.confirmed_by_readback is True


def test_reply_that_moves_on_is_not_agreement() -> None:
    fields = _call(MOVING_ON, MOVING_ON).results[0].fields
    assert fields.claim_number is not None
    assert str(fields.claim_number.value) == "22123456789"
    assert fields.claim_number.confirmed_by_readback is False
    # The number that followed is not taken for a correction of the reference number either.
    assert fields.reference_number is not None
    assert str(fields.reference_number.value) == "1204558917"
    assert fields.reference_number.confirmed_by_readback is False


@pytest.mark.parametrize("reply", ["My name is Dana.", "This is Dana."])
def test_stated_name_replaces_misheard_name(reply: str) -> None:
    rep = full_rep(greeting="Thank you for holding, this is Donna, how can I help you?")
    rep.answers = [(r"your name is", reply), *rep.answers]
    clock = VirtualClock(START)
    output = run_call(make_request(), ScriptedLine(clock, main_menu_nodes(), rep), clock, call_id="call-1")
    name = output.results[0].fields.representative_name
    assert name is not None
    assert name.value == "Dana"
    assert name.evidence.turn_index > 0


def test_no_and_value_again_corrects_reference() -> None:
    # "Let me give that to you again" would otherwise read as moving on to something else.
    fields = _call("Yes, that's correct.",
                   "No, let me give that to you again. It's one two zero four, five five eight, nine one eight.")
    fields = fields.results[0].fields
    assert fields.reference_number is not None
    assert str(fields.reference_number.value) == "1204558918"
