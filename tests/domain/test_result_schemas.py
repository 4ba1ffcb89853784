"""Tests for result and transcript models and their committed JSON Schemas."""

from __future__ import annotations

import importlib.util
import json
from decimal import Decimal
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from payerline.domain.codes import (
    REASON_MEANINGS,
    RETRYABLE,
    ClaimStatus,
    FailureReason,
    x12_claim_status_categories,
)
from payerline.domain.result import (
    FIELD_NAMES,
    PERSON_FIELDS,
    REQUIRED_FIELDS,
    ClaimFields,
    ClaimResult,
    Evidence,
    Observed,
    Versions,
    required_fields,
)
from payerline.domain.transcript import Side, Transcript, TurnKind

MAKE_SCHEMAS = Path(__file__).resolve().parents[2] / "tools" / "make_schemas.py"


def load_make_schemas():
    spec = importlib.util.spec_from_file_location("make_schemas", MAKE_SCHEMAS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def packaged_schema(name: str) -> dict:
    return json.loads(resources.files("payerline.schemas").joinpath(name).read_text(encoding="utf-8"))


def test_committed_schemas_match_models():
    for name, text in load_make_schemas().render_schemas().items():
        committed = resources.files("payerline.schemas").joinpath(name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is stale; run .venv/bin/python tools/make_schemas.py"


def sample_result() -> ClaimResult:
    evidence = Evidence(turn_index=3, start_s=41.2, end_s=44.0, source="representative")
    return ClaimResult(
        call_id="call-1",
        request_id="req-1",
        claim_index=0,
        payer_id="ngs-medicare",
        outcome="completed",
        person_reached=True,
        x12_status_category="F1",
        fields=ClaimFields(
            claim_status=Observed[ClaimStatus](value=ClaimStatus.PAID, evidence=evidence, confidence=0.9),
            paid_amount=Observed[Decimal](value=Decimal("120.50"), evidence=evidence, confidence=0.9,
                                          confirmed_by_readback=True),
            carc_codes=Observed[list[str]](value=["45"], evidence=evidence, confidence=0.8),
        ),
        versions=Versions(agent="0.1.0", payer_file="3", ivr_map=None),
        started_at="2026-03-03T15:00:00Z",
        ended_at="2026-03-03T15:20:00Z",
    )


def test_result_json_validates_against_schema():
    document = json.loads(sample_result().model_dump_json())
    jsonschema.validate(document, packaged_schema("claim-status-result.v1.json"))


def test_result_json_round_trips():
    result = sample_result()
    again = ClaimResult.model_validate_json(result.model_dump_json())
    assert again == result
    assert again.fields.paid_amount.value == Decimal("120.50")


def test_result_schema_rejects_unknown_outcome():
    document = json.loads(sample_result().model_dump_json())
    document["outcome"] = "done"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, packaged_schema("claim-status-result.v1.json"))


def test_result_schema_rejects_unknown_field():
    document = json.loads(sample_result().model_dump_json())
    document["fields"]["diagnosis"] = None
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, packaged_schema("claim-status-result.v1.json"))


def test_transcript_json_validates_against_schema():
    transcript = Transcript(call_id="call-1", payer_id="ngs-medicare", started_at="2026-03-03T15:00:00Z")
    transcript.append(side=Side.FAR_END, kind=TurnKind.SPEECH, start_s=0.5, end_s=3.0, text="Welcome.")
    transcript.append(side=Side.AGENT, kind=TurnKind.DTMF, start_s=3.5, end_s=3.66, digits="2")
    document = json.loads(transcript.model_dump_json())
    jsonschema.validate(document, packaged_schema("transcript.v1.json"))
    assert [turn["index"] for turn in document["turns"]] == [0, 1]


def test_every_status_maps_to_pyx12_category():
    known = x12_claim_status_categories()
    for status in ClaimStatus:
        assert status.x12_category in known, status


def test_every_reason_has_meaning_and_retry_advice():
    assert set(REASON_MEANINGS) == set(FailureReason)
    assert set(RETRYABLE) == set(FailureReason)


def test_required_fields_are_result_fields():
    for status in ClaimStatus:
        for name in required_fields(status, person_reached=True):
            assert name in FIELD_NAMES


def test_required_fields_add_person_fields():
    for status in ClaimStatus:
        without = required_fields(status, person_reached=False)
        with_person = required_fields(status, person_reached=True)
        assert with_person == without + PERSON_FIELDS
        assert without[0] == "found"


def test_required_fields_cover_every_status():
    assert set(REQUIRED_FIELDS) == set(ClaimStatus)


def test_required_fields_unknown_status():
    assert required_fields(None, person_reached=False) == ("found", "claim_status")


def test_example_request_fits_request_schema():
    example = Path(__file__).resolve().parents[2] / "examples" / "claim-status-request.json"
    schema = packaged_schema("claim-status-request.v1.json")
    jsonschema.validate(json.loads(example.read_text()), schema)
    missing = json.loads(example.read_text())
    del missing["member_id"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(missing, schema)
    misspelled = json.loads(example.read_text())
    misspelled["claims"][0]["billed"] = misspelled["claims"][0].pop("billed_amount")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(misspelled, schema)
