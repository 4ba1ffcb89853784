"""CallAgent phases, misuse errors, and the agent's import boundary."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from scripted_payer import START, make_request

import payerline.agent
from payerline.agent.agent import CallAgent
from payerline.agent.context import Phase
from payerline.clock import VirtualClock
from payerline.errors import IllegalStateError
from payerline.telephony.actions import HangUp, PressKeys
from payerline.telephony.events import CallAnswered, CallEnded, LineSignal, SignalKind, Utterance


def new_agent() -> CallAgent:
    return CallAgent(make_request(), VirtualClock(START), call_id="call-1")


def test_handle_before_start_names_phase() -> None:
    with pytest.raises(IllegalStateError, match="phase dial before start"):
        new_agent().handle(CallAnswered(0.5))


def test_start_twice_rejected() -> None:
    agent = new_agent()
    agent.start()
    with pytest.raises(IllegalStateError, match="called twice"):
        agent.start()


def test_handle_after_call_ended_rejected() -> None:
    agent = new_agent()
    agent.start()
    agent.handle(CallAnswered(0.5))
    agent.handle(CallEnded(2.0))
    assert agent.done
    assert agent.phase is Phase.WRAP_UP
    with pytest.raises(IllegalStateError, match="phase wrap_up after the call ended"):
        agent.handle(CallAnswered(3.0))


def test_phases_follow_the_call() -> None:
    agent = new_agent()
    agent.start()
    assert agent.phase is Phase.DIAL
    agent.handle(CallAnswered(0.5))
    assert agent.phase is Phase.IVR
    assert agent.handle(Utterance("Please hold while we connect you.", 1.0, 3.0)) == []
    agent.handle(LineSignal(SignalKind.MUSIC, 3.0, 60.0))
    assert agent.phase is Phase.HOLD
    actions = agent.handle(Utterance("Thank you for holding, this is Dana, how can I help you?", 61.0, 64.0))
    assert actions == []
    actions = agent.handle(LineSignal(SignalKind.SILENCE, 64.0, 65.2))
    assert agent.phase is Phase.REPRESENTATIVE
    assert "automated assistant" in actions[0].text


def test_keyed_entry_after_a_greeting_is_the_ivr() -> None:
    """A prompt taken for a person's greeting is followed by the IVR asking for keys: the agent keys, not talks."""
    agent = new_agent()
    agent.start()
    agent.handle(CallAnswered(0.5))
    agent.handle(Utterance("Thank you for holding, this is Dana, how can I help you?", 1.0, 4.0))
    agent.handle(LineSignal(SignalKind.SILENCE, 4.0, 5.2))
    assert agent.phase is Phase.REPRESENTATIVE
    agent.handle(Utterance("Key the last 5 digits of your tax I D.", 12.0, 15.0))
    actions = agent.handle(LineSignal(SignalKind.SILENCE, 15.0, 16.2))
    assert agent.phase is Phase.IVR
    assert [type(action) for action in actions] == [PressKeys]
    assert actions[0].digits == make_request().billing_provider.tin[-5:]


def test_illegal_transition_raises() -> None:
    agent = new_agent()
    agent.start()
    with pytest.raises(IllegalStateError, match="from phase dial to hold"):
        agent._transition(Phase.HOLD)


def test_max_hold_ends_with_hang_up() -> None:
    agent = new_agent()
    agent.start()
    agent.handle(CallAnswered(0.5))
    agent.handle(LineSignal(SignalKind.MUSIC, 1.0, 100.0))
    actions = agent.handle(LineSignal(SignalKind.MUSIC, 100.0, 5500.0))
    assert isinstance(actions[-1], HangUp)
    assert agent.done


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_agent_never_imports_sandbox() -> None:
    package = Path(payerline.agent.__file__).parent
    files = sorted(package.rglob("*.py"))
    assert len(files) > 10
    for path in files:
        for module in _imported_modules(path):
            assert not module.startswith("payerline.sandbox"), f"{path.name} imports {module}"
            assert module != "payerline.sandbox"
        assert "phrasebank" not in path.read_text(encoding="utf-8"), f"{path.name} reads the phrase bank"
