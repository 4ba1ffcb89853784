"""'The last four of the patient's social' is an SSN question: declined, never answered with something else."""

from __future__ import annotations

from scripted_payer import START, ScriptedLine, full_rep, main_menu_nodes, make_request

from payerline.agent.session import run_call
from payerline.clock import VirtualClock
from payerline.domain.codes import FailureReason, Outcome
from payerline.domain.transcript import Side, TurnKind


def test_last_four_of_social_is_declined() -> None:
    rep = full_rep(verification=[("I'll need the last four of the patient's social, please.", r"\d{4}")])
    clock = VirtualClock(START)
    line = ScriptedLine(clock, main_menu_nodes(), rep)
    output = run_call(make_request(), line, clock, call_id="call-1")
    turns = output.transcript.turns
    asked = next(t.index for t in turns if t.text and "social" in t.text)
    reply = next(t for t in turns[asked + 1:] if t.side is Side.AGENT and t.kind is TurnKind.SPEECH)
    assert "not able to provide that" in reply.text
    assert "read that back" not in reply.text
    # This scripted representative insists, so the call stops for a person.
    result = output.results[0]
    assert result.outcome is Outcome.NEEDS_HUMAN
    assert result.reason is FailureReason.DISALLOWED_QUESTION
