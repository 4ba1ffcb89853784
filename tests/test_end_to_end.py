"""The real agent against the real sandbox line, on every bundled payer.

These tests join the two halves that are built apart on purpose: the agent
never reads the sandbox's files or state, so every key the transcript records must
match a key the far end registered.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from payerline.clock import VirtualClock
from payerline.domain.codes import Outcome
from payerline.domain.transcript import Side, TurnKind
from payerline.evaluation.mix import draw_mix
from payerline.evaluation.payer_set import load_eval_payers
from payerline.evaluation.runner import default_harness, run_planned_call
from payerline.sandbox.scenario import FaultKind

EVAL_PAYERS = load_eval_payers(None)
PAYER_IDS = [eval_payer.profile.payer_id for eval_payer in EVAL_PAYERS]


def _run_with_line(planned, eval_payer):
    """Run one planned call and return it with the sandbox line it ran on."""
    harness = default_harness()
    lines = []

    def make_line(payer, scenario, clock: VirtualClock, text_filter):
        line = harness.make_line(payer, scenario, clock, text_filter)
        lines.append(line)
        return line

    run = run_planned_call(planned, eval_payer, replace(harness, make_line=make_line))
    return run, lines[0]


def _planned_calls(payer_id: str, count: int, seed: int):
    eval_payer = next(p for p in EVAL_PAYERS if p.profile.payer_id == payer_id)
    return eval_payer, draw_mix([eval_payer.profile], count, seed)


@pytest.mark.parametrize("payer_id", PAYER_IDS)
def test_transcript_keys_match_keys_sandbox_received(payer_id):
    eval_payer, planned_calls = _planned_calls(payer_id, 12, seed=101)
    for planned in planned_calls:
        run, line = _run_with_line(planned, eval_payer)
        assert run.error is None, run.error
        dtmf_turns = [
            turn for turn in run.transcript.turns
            if turn.side == Side.AGENT and turn.kind == TurnKind.DTMF
        ]
        claimed = "".join(turn.digits for turn in dtmf_turns)
        registered = "".join(key for _, key in line.keys_received)
        assert registered == claimed, planned.scenario.scenario_id


@pytest.mark.parametrize("payer_id", PAYER_IDS)
def test_each_key_registered_inside_its_turn(payer_id):
    eval_payer, planned_calls = _planned_calls(payer_id, 4, seed=202)
    for planned in planned_calls:
        run, line = _run_with_line(planned, eval_payer)
        spans = [
            (turn.start_s, turn.end_s, key)
            for turn in run.transcript.turns
            if turn.side == Side.AGENT and turn.kind == TurnKind.DTMF
            for key in turn.digits
        ]
        for (at_s, key), (start_s, end_s, claimed_key) in zip(line.keys_received, spans):
            assert key == claimed_key
            assert start_s - 0.01 <= at_s <= end_s + 0.01, (planned.scenario.scenario_id, key, at_s)


@pytest.mark.parametrize("payer_id", PAYER_IDS)
def test_one_result_per_claim_with_versions(payer_id):
    eval_payer, planned_calls = _planned_calls(payer_id, 6, seed=303)
    for planned in planned_calls:
        run, _ = _run_with_line(planned, eval_payer)
        assert len(run.results) == len(planned.scenario.claim_ids)
        for result in run.results:
            assert result.versions.payer_file == eval_payer.payer.version
            assert result.versions.agent


def test_long_hold_reaches_a_person_without_hanging_up():
    eval_payer, planned_calls = _planned_calls("humana", 20, seed=404)
    normal = next(p for p in planned_calls if p.condition == "normal")
    forty_minutes = replace(normal, scenario=replace(normal.scenario, hold_s=2400.0))
    run, line = _run_with_line(forty_minutes, eval_payer)
    assert run.error is None
    assert run.simulated_s > 2400.0
    assert line.representatives, "nobody picked up after the 40-minute hold"
    assert all(result.outcome == Outcome.COMPLETED for result in run.results), run.score.differences


@pytest.mark.parametrize("fault", list(FaultKind))
def test_each_fault_gives_coded_reason(fault):
    for eval_payer in EVAL_PAYERS:
        planned_calls = draw_mix([eval_payer.profile], 60, seed=505)
        matching = [p for p in planned_calls if p.condition == fault.value]
        if matching:
            break
    assert matching, f"no bundled payer drew a {fault} scenario"
    run, _ = _run_with_line(matching[0], eval_payer)
    assert run.error is None
    not_completed = [result for result in run.results if result.outcome != Outcome.COMPLETED]
    assert not_completed, f"{fault}: every claim completed despite the fault"
    for result in not_completed:
        assert result.reason is not None
        assert result.retryable is not None
