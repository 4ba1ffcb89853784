"""Tests for the eval runner, on fakes built on the transport interface."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from payerline.clock import VirtualClock
from payerline.domain.codes import Outcome
from payerline.domain.result import ClaimFields, ClaimResult, Evidence, Observed, Versions, required_fields
from payerline.domain.transcript import Transcript
from payerline.evaluation.expected import PersonFacts
from payerline.evaluation.mix import NORMAL, draw_mix
from payerline.evaluation.report import build_report
from payerline.evaluation.runner import EvalPayer, FarEndRecorder, Harness, claim_records, run_planned_call
from payerline.telephony.events import CallEnded

EVIDENCE = Evidence(turn_index=0, start_s=1.0, end_s=2.0, source="representative")


@dataclass
class FakeLine:
    """A line that answers and hangs up at once; it stores what the runner gave it."""

    scenario: object
    text_filter: object
    representatives: list = field(default_factory=lambda: [SimpleNamespace(name="Monique", reference_number="R1")])
    dialed: bool = False
    closed: int = 0

    def dial(self, number: str) -> None:
        self.dialed = True

    def receive(self, timeout_s: float):
        return CallEnded(at_s=0.0)

    def send(self, action) -> None:
        pass

    def close(self) -> None:
        self.closed += 1


def perfect_agent(records_by_call):
    """An agent that reports every required field from the records, as a correct agent would."""

    def run_call(request, transport, clock, *, call_id, ivr_map=None, config=None, payer_file_version=None):
        transport.dial("5555550100")
        clock.advance(600.0)
        results = []
        for index, record in enumerate(records_by_call[call_id]):
            names = required_fields(record.status, person_reached=True)
            values = {name: record.field_value(name) for name in names if name not in ("representative_name", "reference_number")}
            values["representative_name"] = "Monique"
            values["reference_number"] = "R1"
            results.append(ClaimResult(
                call_id=call_id, request_id=request.request_id, claim_index=index, payer_id=request.payer_id,
                outcome=Outcome.COMPLETED, person_reached=True,
                fields=ClaimFields(**{n: Observed(value=v, evidence=EVIDENCE, confidence=1.0) for n, v in values.items()}),
                versions=Versions(agent="0.1.0"), started_at="2026-03-03T15:00:00Z", ended_at="2026-03-03T15:10:00Z",
            ))
        transcript = Transcript(call_id=call_id, payer_id=request.payer_id, started_at="2026-03-03T15:00:00Z")
        return SimpleNamespace(results=results, transcript=transcript, simulated_s=clock.monotonic_s())

    return run_call


def setup(payer_profiles, total=8, seed=1):
    planned = [call for call in draw_mix(payer_profiles, total, seed=seed)]
    by_id = {profile.payer_id: profile for profile in payer_profiles}
    eval_payers = {
        profile.payer_id: EvalPayer(
            payer=SimpleNamespace(version="7", payer_id=profile.payer_id), ivr_map=None,
            profile=profile, ivr_fields=lambda claim, heard, call_claims: frozenset(),
        )
        for profile in payer_profiles
    }
    records = {call.scenario.scenario_id: claim_records(call, by_id[call.scenario.payer_id]) for call in planned}
    return planned, eval_payers, records


def make_harness(run_call, lines):
    def make_line(payer, scenario, clock, text_filter):
        assert isinstance(clock, VirtualClock)
        assert clock.now() == scenario.start
        line = FakeLine(scenario, text_filter)
        lines.append(line)
        return line

    return Harness(make_line=make_line, run_call=run_call,
                   read_person_facts=lambda line: PersonFacts("Monique", "R1"))


def test_perfect_agent_scores_exact_on_normal_calls(payer_profiles):
    planned, eval_payers, records = setup(payer_profiles, total=40)
    lines = []
    harness = make_harness(perfect_agent(records), lines)
    normal = [call for call in planned if call.condition == NORMAL]
    runs = [run_planned_call(call, eval_payers[call.scenario.payer_id], harness) for call in normal]
    for run in runs:
        assert run.error is None
        assert run.score.exact, run.score.differences
        assert run.simulated_s == 600.0
        assert run.wall_s >= 0.0
        assert run.results[0].versions.payer_file == "7"
    assert all(line.closed == 1 for line in lines)
    for line in lines:
        assert line.text_filter("press one for claims") == "press one for claims"
        assert line.text_filter.texts == ["press one for claims"]


def test_faulted_calls_not_exact_for_perfect_data_agent(payer_profiles):
    planned, eval_payers, records = setup(payer_profiles, total=20)
    harness = make_harness(perfect_agent(records), [])
    faulted = [call for call in planned if call.condition not in (NORMAL,)]
    assert faulted
    for call in faulted:
        run = run_planned_call(call, eval_payers[call.scenario.payer_id], harness)
        assert not run.score.exact


def test_raising_agent_recorded_and_run_continues(payer_profiles, caplog):
    planned, eval_payers, _ = setup(payer_profiles, total=4)

    def broken(request, transport, clock, **kwargs):
        raise RuntimeError("extractor crashed")

    lines = []
    harness = make_harness(broken, lines)
    runs = [run_planned_call(call, eval_payers[call.scenario.payer_id], harness) for call in planned]
    assert len(runs) == 4
    for run in runs:
        assert run.error == "RuntimeError: extractor crashed"
        assert not run.score.exact
        assert run.score.fields_right == 0
        assert run.score.fields_expected > 0
    assert all(line.closed == 1 for line in lines)
    assert "eval call s1-00001" in caplog.text
    assert "Traceback" in caplog.text or caplog.records[0].exc_info


def test_asr_noise_filter_given_to_line(payer_profiles):
    planned, eval_payers, records = setup(payer_profiles, total=2)
    lines = []
    harness = make_harness(perfect_agent(records), lines)
    run_planned_call(planned[0], eval_payers[planned[0].scenario.payer_id], harness, asr_noise_rate=1.0)
    run_planned_call(planned[0], eval_payers[planned[0].scenario.payer_id], harness, asr_noise_rate=1.0)
    first, second = lines[0].text_filter, lines[1].text_filter
    text = "press one for claims or two to hear it again in 2026"
    noisy = first(text)
    assert noisy != text
    assert second(text) == noisy


def test_report_totals_and_failures(payer_profiles):
    planned, eval_payers, records = setup(payer_profiles, total=20)
    harness = make_harness(perfect_agent(records), [])
    runs = [run_planned_call(call, eval_payers[call.scenario.payer_id], harness) for call in planned]
    report = build_report(runs, options={"seed": 1}, mix={}, wall_seconds=1.5)
    exact = sum(1 for run in runs if run.score.exact)
    assert report["calls"] == 20
    assert report["exact_calls"] == exact
    assert len(report["failures"]) == 20 - exact
    assert report["failures"][0]["differences"]
    assert report["simulated_seconds"] == 20 * 600.0
    assert report["wall_seconds"] == 1.5
    assert sum(group["calls"] for group in report["per_payer"].values()) == 20
    assert sum(group["calls"] for group in report["per_fault"].values()) == 20
    # The perfect agent gives true values for fields the fault should have kept from it, which scores as right,
    # but its outcomes still differ.
    assert report["fields_right"] <= report["fields_expected"]
    assert 0 < report["field_accuracy"] <= 1


def test_report_states_ivr_map_per_payer(payer_profiles):
    planned, eval_payers, records = setup(payer_profiles, total=4)
    harness = make_harness(perfect_agent(records), [])
    runs = [run_planned_call(call, eval_payers[call.scenario.payer_id], harness) for call in planned]
    payer_ids = sorted({run.payer_id for run in runs})
    versions = {payer_ids[0]: "3"} | {payer_id: None for payer_id in payer_ids[1:]}
    report = build_report(runs, options={"seed": 1}, mix={}, wall_seconds=1.0, ivr_map_versions=versions)
    assert report["per_payer"][payer_ids[0]]["ivr_map"] == "3"
    for payer_id in payer_ids[1:]:
        assert report["per_payer"][payer_id]["ivr_map"] is None


def test_far_end_recorder_keeps_clean_text_and_passes_confidence_on():
    recorder = FarEndRecorder(lambda text: (text.replace("claims", "claim"), 0.55))
    assert recorder("press one for claims") == ("press one for claim", 0.55)
    assert recorder.texts == ["press one for claims"]


def test_answer_about_an_indistinguishable_twin_is_exact(payer_profiles):
    from payerline.evaluation.requests import find_member
    from payerline.evaluation.runner import request_for

    planned, eval_payers, records = setup(payer_profiles, total=60)
    seen: dict[bool, bool] = {}
    for call in planned:
        if call.condition != NORMAL or len(call.scenario.claim_ids) != 1:
            continue
        profile = eval_payers[call.scenario.payer_id].profile
        original = records[call.scenario.scenario_id][0]
        twin = original.model_copy(update={"id": f"{original.id}-twin", "claim_number": f"TWIN{len(seen)}"})
        claims = find_member(profile.records, call.scenario.member_id).claims
        claims.append(twin)
        harness = make_harness(perfect_agent({call.scenario.scenario_id: [twin]}), [])
        run = run_planned_call(call, eval_payers[call.scenario.payer_id], harness)
        claims.remove(twin)
        has_number = request_for(call, profile).claims[0].payer_claim_number is not None
        seen[has_number] = run.score.exact
    # Without the claim number the twin is as good a result. With it, the twin is another claim.
    assert seen == {False: True, True: False}


def test_twin_requests_in_either_order(payer_profiles):
    from types import SimpleNamespace

    from payerline.evaluation.runner import twin_readings

    profile = payer_profiles[0]
    member = next(member for member in profile.records.members if member.claims)
    record = member.claims[0]
    twin = record.model_copy(update={"id": f"{record.id}-twin", "claim_number": "TWIN1"})
    member.claims.append(twin)
    try:
        planned = SimpleNamespace(member_id=member.member_id)
        unnumbered = SimpleNamespace(claims=[SimpleNamespace(payer_claim_number=None)] * 2)
        assert [twin, record] in twin_readings(planned, profile, unnumbered, [record, twin])
        numbered = SimpleNamespace(claims=[SimpleNamespace(payer_claim_number=None),
                                           SimpleNamespace(payer_claim_number="TWIN1")])
        assert [twin, record] not in twin_readings(planned, profile, numbered, [record, twin])
    finally:
        member.claims.remove(twin)


def test_lineless_claim_is_twin(payer_profiles):
    from payerline.evaluation.runner import _billed_alike

    record = next(claim for member in payer_profiles[0].records.members for claim in member.claims if claim.lines)
    voided = record.model_copy(update={"id": f"{record.id}-void", "lines": []})
    # A made-up code, unlike any code of the record's lines.
    other_codes = record.model_copy(update={"lines": [line.model_copy(update={"procedure_code": "9949Z"})
                                                      for line in record.lines]})
    # A voided claim kept without lines has no codes to tell it from its replacement.
    assert _billed_alike(record, voided)
    assert not _billed_alike(record, other_codes)
