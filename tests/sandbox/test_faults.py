"""Injected faults: each one happens where the scenario puts it."""

from __future__ import annotations

from sandbox_helpers import find_claim, run_to_representative

from payerline.domain.codes import ClaimStatus
from payerline.sandbox.phrases import PhraseBank
from payerline.sandbox.scenario import DropPoint, FaultKind

BANK = PhraseBank.default()


def ended_by_payer(caller) -> bool:
    return caller.turns[-1].text == "[ended]" and not any(t.text == "[hung up]" for t in caller.turns)


def test_drop_in_ivr(ngs) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    caller, line = run_to_representative(ngs, member, claim, [], fault=FaultKind.DROP, drop_point=DropPoint.IVR)
    assert any("fault drop in the IVR" in entry for entry in line.log)
    assert not line.representatives
    assert ended_by_payer(caller)


def test_drop_during_hold(ngs) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    caller, line = run_to_representative(ngs, member, claim, [], fault=FaultKind.DROP, drop_point=DropPoint.HOLD, hold_s=300.0)
    assert any("fault drop during hold" in entry for entry in line.log)
    assert not line.representatives
    assert caller.signals[-1].end_s - caller.signals[0].start_s < 300.0


def test_drop_with_representative(kentucky) -> None:
    member, claim = find_claim(kentucky, ClaimStatus.PAID)
    questions = ["What's the status?", "What's the paid amount?", "What's the check number?", "What's the paid date?"]
    caller, line = run_to_representative(kentucky, member, claim, questions, fault=FaultKind.DROP,
                                         drop_point=DropPoint.REPRESENTATIVE)
    assert any("fault drop while talking with the representative" in entry for entry in line.log)
    assert line.representatives
    assert "Thank you for calling" not in " ".join(caller.far_text()[-2:])


def test_systems_down_at_lookup(kentucky) -> None:
    member, claim = find_claim(kentucky, ClaimStatus.PAID)
    caller, line = run_to_representative(kentucky, member, claim, [], fault=FaultKind.SYSTEMS_DOWN)
    assert caller.far_text()[-2] == BANK.dialog["systems_down_recording"][0]
    assert any("fault systems_down" in entry for entry in line.log)


def test_no_automated_calls(ngs) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    caller, line = run_to_representative(ngs, member, claim, ["What's the status?"], fault=FaultKind.NO_AUTOMATED_CALLS)
    assert caller.far_text()[-2] in BANK.dialog["no_automated_calls"]
    assert ended_by_payer(caller)
    assert not any("representative on claim" in entry for entry in line.log)


def test_wrong_department(ngs) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    caller, line = run_to_representative(ngs, member, claim, ["What's the status?"], fault=FaultKind.WRONG_DEPARTMENT)
    department = ngs.faults.wrong_department
    assert line.representatives[0].department == department
    assert caller.far_text()[-2] == BANK.dialog["wrong_department"][0].format(department=department)
    assert ended_by_payer(caller)


def test_one_claim_per_call_refuses_second(kentucky) -> None:
    claims = [(m, c) for m in kentucky.records.members for c in m.claims if c.status != ClaimStatus.NOT_ON_FILE]
    member = next(m for m, _ in claims if sum(1 for mm, _ in claims if mm is m) >= 2)
    first, second = [c for m, c in claims if m is member][:2]
    other = f"I also have another claim, date of service {second.service_date_from:%B %d, %Y}."
    caller, line = run_to_representative(kentucky, member, first, ["What's the status?", other],
                                         extra_claims=[second], fault=FaultKind.ONE_CLAIM_PER_CALL)
    assert any("refuses a second claim" in entry for entry in line.log)
    assert not any(f"representative on claim {second.id}" in entry for entry in line.log)
    assert any(t in BANK.dialog["one_claim_per_call"] for t in caller.far_text())
