"""A representative who asks the caller's name in the greeting gets the disclosure and an answer."""

from __future__ import annotations

import pytest
from scripted_payer import START, ScriptedLine, full_rep, main_menu_nodes, make_request

from payerline.agent.extract.names import extract_person_name
from payerline.agent.session import run_call
from payerline.clock import VirtualClock
from payerline.domain.codes import Outcome
from payerline.domain.transcript import Side, TurnKind


@pytest.mark.parametrize(
    "greeting",
    [
        "You've reached Dwight, may I have your name please?",
        "You've reached Dwight, what is your name?",
        "You've reached Dwight, could you give me your name?",
        "You've reached Dwight, may I have your first and last name please?",
        "You've reached Dwight, and you are?",
    ],
)
def test_caller_name_question_at_greeting_is_answered(greeting: str) -> None:
    clock = VirtualClock(START)
    line = ScriptedLine(clock, main_menu_nodes(), full_rep(greeting=greeting))
    output = run_call(make_request(), line, clock, call_id="call-1")
    spoken = [t.text for t in output.transcript.turns if t.side is Side.AGENT and t.kind is TurnKind.SPEECH]
    greeting_reply = next(text for text in spoken if text.startswith("Hi Dwight."))
    assert "automated assistant" in greeting_reply
    assert "on behalf of Jane Biller at Riverside Clinic" in greeting_reply
    assert "patient's name" not in greeting_reply, "the caller's own name is not the patient's"
    assert output.results[0].outcome is Outcome.COMPLETED


def test_may_i_is_not_a_name() -> None:
    assert extract_person_name("May I have your name please?") is None
    assert extract_person_name("Kevin, and my last initial is M.") is not None


def test_question_word_is_no_name() -> None:
    from payerline.agent.prompts import greeting_name

    text = "Cottonwood Benefits, this is How can I help you?"
    assert greeting_name(text) is None
    name = extract_person_name(text)
    assert name is None or name.value != "How"
