"""Tests for the facts the eval reads from bundled sandbox payer files."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from payerline.domain.codes import ClaimStatus
from payerline.domain.result import required_fields
from payerline.evaluation.demo import plan_demo_call, richest_paid_claim
from payerline.evaluation.sandbox_facts import (
    payer_is_open,
    payer_line_answers,
    read_person_facts,
    readout_fields,
)


@pytest.fixture(scope="module")
def ngs():
    directory = pytest.importorskip("payerline.payers.directory")
    from payerline.sandbox.payer_file import load_payer_file

    path = directory.bundled_payers_dir() / "ngs-medicare.payer.yaml"
    if not path.is_file():
        pytest.skip("the bundled ngs-medicare payer file is not in the tree yet")
    return load_payer_file(path)


def claims_with(payer, status):
    return [claim for member in payer.records.members for claim in member.claims if claim.status == status]


def test_ngs_open_tuesday_morning_closed_sunday(ngs):
    assert payer_is_open(ngs, datetime(2026, 4, 21, 14, 0, tzinfo=UTC))  # 10:00 Eastern
    assert not payer_is_open(ngs, datetime(2026, 4, 19, 14, 0, tzinfo=UTC))  # Sunday
    assert not payer_line_answers(ngs, datetime(2026, 4, 21, 23, 0, tzinfo=UTC))  # 19:00 Eastern


def test_ngs_holiday_closed(ngs):
    assert not payer_is_open(ngs, datetime(2026, 5, 25, 14, 0, tzinfo=UTC))


def test_readout_fields_are_result_fields_the_ivr_says(ngs):
    for status in ClaimStatus:
        for claim in claims_with(ngs, status)[:2]:
            fields = readout_fields(ngs, claim)
            if status == ClaimStatus.NOT_ON_FILE:
                assert fields == frozenset()
                continue
            assert {"found", "claim_status", "claim_number"} <= fields, status
            required = set(required_fields(status, person_reached=False))
            for name in fields & required:
                assert claim.field_value(name) is not None, (status, name)


def test_person_facts_from_last_representative():
    line = SimpleNamespace(
        payer=SimpleNamespace(ivr=SimpleNamespace(menus={})),
        log=["     1.00 ivr message welcome"],
        representatives=[SimpleNamespace(name="Wrong Desk", reference_number="1"),
                         SimpleNamespace(name="Monique", reference_number="4412")],
    )
    facts = read_person_facts(line)
    assert (facts.representative_name, facts.reference_number) == ("Monique", "4412")
    assert facts.line_dropped is False


def test_person_facts_see_dropped_line():
    line = SimpleNamespace(log=["   120.00 fault drop during hold", "   120.00 line dropped"], representatives=[])
    assert read_person_facts(line).line_dropped is True


def test_heard_readout_fields_need_the_sentence(ngs):
    from payerline.evaluation.sandbox_facts import _claim_readout_templates, _phrase_bank, heard_readout_fields
    from payerline.sandbox.readout import claim_values, fill

    claim = claims_with(ngs, ClaimStatus.PAID)[0]
    assert heard_readout_fields(ngs, claim, frozenset()) == frozenset()
    assert heard_readout_fields(ngs, claim, frozenset({"Welcome to the IVR."})) == frozenset()
    sentences = fill(_claim_readout_templates(ngs, claim), claim_values(claim, 1, 1), _phrase_bank())
    heard = heard_readout_fields(ngs, claim, frozenset(sentences))
    assert heard == readout_fields(ngs, claim)
    assert "claim_number" in heard


def test_demo_plans_richest_paid_claim(ngs):
    from payerline.evaluation.sandbox_facts import profile_of

    profile = profile_of(ngs)
    member, claim = richest_paid_claim(profile)
    planned = plan_demo_call(profile)
    assert claim.status == ClaimStatus.PAID
    assert planned.scenario.claim_ids == (claim.id,)
    assert planned.scenario.member_id == member.member_id
    local = planned.scenario.start.astimezone(profile.timezone)
    assert (local.weekday(), local.hour) == (1, 10)
    assert profile.is_open(planned.scenario.start)


def test_heard_readout_fields_ignore_other_claims_shared_sentences(ngs):
    """Another claim's "Claim one." and "Status: pending." do not read out this claim."""
    from payerline.evaluation.sandbox_facts import _claim_readout_templates, _phrase_bank, heard_readout_fields
    from payerline.sandbox.readout import claim_values, fill

    read, other = claims_with(ngs, ClaimStatus.PENDING)[:2]
    sentences = fill(_claim_readout_templates(ngs, read), claim_values(read, 1, 1), _phrase_bank())
    shared = set(sentences) & set(fill(_claim_readout_templates(ngs, other), claim_values(other, 1, 1), _phrase_bank()))
    assert shared
    assert heard_readout_fields(ngs, other, frozenset(sentences), (read, other)) == frozenset()
    assert "claim_number" in heard_readout_fields(ngs, read, frozenset(sentences), (read, other))


def test_heard_readout_fields_ignore_shared_check_number():
    """Two claims paid by one check: the check number alone does not say which claim was read."""
    from payerline.evaluation.sandbox_facts import _claim_readout_templates, _phrase_bank, heard_readout_fields
    from payerline.payers.directory import bundled_payers_dir
    from payerline.sandbox.payer_file import load_payer_file
    from payerline.sandbox.readout import claim_values, fill

    noridian = load_payer_file(bundled_payers_dir() / "noridian-jf-partb.payer.yaml")
    read, other = claims_with(noridian, ClaimStatus.PAID)[:2]
    other = other.model_copy(update={"check_number": read.check_number})
    sentences = frozenset(fill(_claim_readout_templates(noridian, read), claim_values(read, 1, 1), _phrase_bank()))
    assert any(sentence.lower().startswith("check number") for sentence in sentences)
    assert heard_readout_fields(noridian, other, sentences, (read, other)) == frozenset()
    assert "check_number" in heard_readout_fields(noridian, read, sentences, (read, other))


def _with_only_sentence(payer, status: ClaimStatus, sentence: str):
    """Return a copy of ``payer`` whose only claims read-out speaks ``sentence`` for claims of ``status``."""
    node = next(n for n in payer.ivr.menus.values() if n.type == "readout" and n.source == "claims")
    menus = {key: n for key, n in payer.ivr.menus.items() if not (n.type == "readout" and n.source == "claims")}
    readout = node.readout.model_copy(update={"by_status": {status.value: [sentence]}})
    only = node.model_copy(update={"readout": readout})
    return payer.model_copy(update={"ivr": payer.ivr.model_copy(update={"menus": {**menus, "only_readout": only}})})


def test_status_said_in_words_counts(ngs):
    """A sentence the status chose that says the status in words gives the status, as {status} does."""
    denied = claims_with(ngs, ClaimStatus.DENIED)[0]
    paid = claims_with(ngs, ClaimStatus.PAID)[0]
    said = _with_only_sentence(ngs, ClaimStatus.DENIED, "Claim {claim_number} was denied.")
    assert "claim_status" in readout_fields(said, denied)
    assert "claim_status" not in readout_fields(_with_only_sentence(ngs, ClaimStatus.DENIED, "Claim {claim_number}."), denied)
    paid_on = _with_only_sentence(ngs, ClaimStatus.PAID, "Claim {claim_number} was processed and paid on {paid_date}.")
    assert "claim_status" in readout_fields(paid_on, paid)


def test_deductible_readout_gives_responsibility(ngs):
    """With no payment, the amount applied to the deductible is what the patient owes, as the agent takes it."""
    claim = next(c for c in claims_with(ngs, ClaimStatus.APPLIED_TO_DEDUCTIBLE) if c.patient_responsibility)
    sentence = "Claim {claim_number}. Applied to deductible {deductible_amount}."
    fields = readout_fields(_with_only_sentence(ngs, ClaimStatus.APPLIED_TO_DEDUCTIBLE, sentence), claim)
    assert "patient_responsibility" in fields
    # A smaller amount applied to the deductible leaves the rest of the responsibility unsaid.
    part = claim.model_copy(update={"deductible_amount": claim.patient_responsibility / 2})
    fields = readout_fields(_with_only_sentence(ngs, ClaimStatus.APPLIED_TO_DEDUCTIBLE, sentence), part)
    assert "patient_responsibility" not in fields


def test_no_payment_sentence_gives_zero_paid(ngs):
    """'With no payment' means a paid amount of zero, as the agent takes it."""
    claim = next(c for c in claims_with(ngs, ClaimStatus.APPLIED_TO_DEDUCTIBLE) if c.paid_amount == 0)
    sentence = "Claim {claim_number} was applied to the deductible, with no payment."
    assert "paid_amount" in readout_fields(_with_only_sentence(ngs, ClaimStatus.APPLIED_TO_DEDUCTIBLE, sentence), claim)
    plain = "Claim {claim_number} was applied to the deductible."
    assert "paid_amount" not in readout_fields(_with_only_sentence(ngs, ClaimStatus.APPLIED_TO_DEDUCTIBLE, plain), claim)
    payer_named = "Claim {claim_number} was applied to the deductible, with no Medicare payment."
    assert "paid_amount" in readout_fields(
        _with_only_sentence(ngs, ClaimStatus.APPLIED_TO_DEDUCTIBLE, payer_named), claim)


def test_status_words_with_no_payment_give_zero_paid(ngs):
    claim = next(c for c in claims_with(ngs, ClaimStatus.APPLIED_TO_DEDUCTIBLE) if c.paid_amount == 0)
    said = _with_only_sentence(ngs, ClaimStatus.APPLIED_TO_DEDUCTIBLE, "Claim {claim_number}. Status: {status}.")
    assert "paid_amount" in readout_fields(said, claim)
