"""Names outside A to Z: transliterated for keying, and a clear stop when nothing is left to key."""

from __future__ import annotations

import pytest
from scripted_payer import START, Node, ScriptedLine, full_rep, main_menu_nodes, make_request

from payerline.agent import formats
from payerline.agent.session import run_call
from payerline.clock import VirtualClock
from payerline.domain.codes import RETRYABLE, FailureReason, Outcome
from payerline.domain.transcript import Side, TurnKind
from payerline.payers.ivr_map import LetterMethod


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Núñez-O'Brien", "NUNEZ-O'BRIEN"), ("Straße", "STRASSE"), ("Ærø", "AERO"), ("Łódź", "LODZ"), ("Œuvre", "OEUVRE")],
)
def test_latin_letters_transliterates(text: str, expected: str) -> None:
    assert formats.latin_letters(text) == expected


def test_accented_last_name_keys_as_plain_letters() -> None:
    assert formats.truncated_last_name("Núñez-O'Brien", None) == "NUNEZ"
    assert formats.keyed_characters("NÚÑEZ", LetterMethod.STAR) == "*62*82*62*32*94"
    assert formats.spoken_characters("Ñu") == "N as in nancy, U as in union"


@pytest.mark.parametrize("name", ["王", "Иванов", "محمد"])
def test_name_without_latin_letters_raises_coded_error(name: str) -> None:
    with pytest.raises(formats.UnkeyableInputError, match="no letters A to Z"):
        formats.truncated_last_name(name, 6)
    with pytest.raises(formats.UnkeyableInputError):
        formats.keyed_characters(name, LetterMethod.STAR)


def _name_tree() -> dict[str, Node]:
    # The date-of-service node leads to a last-name entry before the read-out.
    nodes = main_menu_nodes()
    nodes["dos"] = Node(["Enter the date of service as eight digits."], {r"\d{8}": "name"},
                        check=lambda entry: entry == "02102026")
    nodes["name"] = Node(
        ["Enter the first 5 letters of the patient's last name using the star key method."],
        {r"[*\d]+": "readout"},
        check=lambda entry: entry == "*62*82*62*32*94",
    )
    return nodes


def _call(last_name: str):
    clock = VirtualClock(START)
    line = ScriptedLine(clock, _name_tree(), full_rep())
    request = make_request(patient={"first_name": "Ana", "last_name": last_name, "date_of_birth": "1950-04-15"})
    return run_call(request, line, clock, call_id="call-1"), line


def test_accented_name_call_keys_transliterated_name_and_gets_readout() -> None:
    output, line = _call("Núñez-O'Brien")
    keys = "".join(key for _, key in line.keys_received)
    assert "*62*82*62*32*94" in keys
    result = output.results[0]
    assert result.reason is not FailureReason.CALL_DROPPED
    assert result.fields.claim_status is not None


def test_name_without_latin_letters_stops_for_a_person() -> None:
    output, line = _call("王")
    result = output.results[0]
    assert result.outcome is Outcome.NEEDS_HUMAN
    assert result.reason is FailureReason.UNKEYABLE_INPUT
    assert result.retryable is False
    assert RETRYABLE[FailureReason.UNKEYABLE_INPUT] is False
    assert line.ended, "the agent hangs up instead of leaving the line open"
    agent_events = [t.text for t in output.transcript.turns if t.side is Side.AGENT and t.kind is TurnKind.EVENT]
    assert any("no letters A to Z" in text for text in agent_events)
    assert len(output.transcript.turns) > 5, "the transcript so far is kept"


def test_agent_bug_is_agent_error_not_call_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> str:
        raise KeyError("bug")

    monkeypatch.setattr(formats, "date_digits", broken)
    output, _ = _call("Smith")
    result = output.results[0]
    assert result.reason is FailureReason.AGENT_ERROR
    assert result.retryable is False
    assert any(t.text == "agent error: KeyError" for t in output.transcript.turns)
