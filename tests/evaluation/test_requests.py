"""Tests for building eval requests from payer records."""

from __future__ import annotations

import random

import pytest

from payerline.evaluation.mix import draw_mix
from payerline.evaluation.requests import build_request, find_member


def build_for(profile, call):
    return build_request(
        request_id=call.scenario.scenario_id,
        payer_id=profile.payer_id,
        line_of_business=profile.line_of_business,
        records=profile.records,
        member_id=call.member_id,
        claim_ids=call.scenario.claim_ids,
        knows_claim_number=call.knows_claim_number,
        rng=random.Random(call.scenario.seed),
        request_member_id=call.request_member_id,
    )


def test_requests_match_records(payer_profiles):
    by_id = {profile.payer_id: profile for profile in payer_profiles}
    for call in draw_mix(payer_profiles, 60, seed=1):
        profile = by_id[call.scenario.payer_id]
        request = build_for(profile, call)
        member = find_member(profile.records, call.member_id)
        assert request.patient.last_name == member.last_name
        assert request.patient.date_of_birth == member.date_of_birth
        assert (request.subscriber is not None) is (member.subscriber is not None)
        assert len(request.claims) == len(call.scenario.claim_ids)
        records = {claim.id: claim for claim in member.claims}
        for query, claim_id, knows in zip(request.claims, call.scenario.claim_ids, call.knows_claim_number, strict=True):
            record = records[claim_id]
            assert query.service_date_from == record.service_date_from
            assert query.billed_amount == record.billed_amount
            assert query.payer_claim_number == (record.claim_number if knows else None)
        assert request.billing_provider.npi == records[call.scenario.claim_ids[0]].billing_npi


def test_mistyped_member_id_on_request(payer_profiles):
    by_id = {profile.payer_id: profile for profile in payer_profiles}
    calls = [call for call in draw_mix(payer_profiles, 100, seed=1) if call.request_member_id]
    assert calls
    for call in calls:
        request = build_for(by_id[call.scenario.payer_id], call)
        assert request.member_id == call.request_member_id
        assert request.member_id != call.member_id


def test_callback_number_is_fictional(payer_profiles):
    call = draw_mix(payer_profiles, 1, seed=1)[0]
    request = build_for(payer_profiles[0] if call.scenario.payer_id == "alpha-health" else payer_profiles[1], call)
    assert request.caller.callback_number.startswith("5555550")
    assert 100 <= int(request.caller.callback_number[-4:]) <= 199


def test_flag_count_must_match_claims(payer_profiles):
    profile = payer_profiles[0]
    member = profile.records.members[0]
    with pytest.raises(ValueError, match="one flag per claim"):
        build_request(
            request_id="r1", payer_id=profile.payer_id, line_of_business=profile.line_of_business,
            records=profile.records, member_id=member.member_id, claim_ids=(member.claims[0].id,),
            knows_claim_number=(True, False), rng=random.Random(1),
        )


def test_unknown_member_named(payer_profiles):
    with pytest.raises(KeyError, match="NOPE"):
        find_member(payer_profiles[0].records, "NOPE")
