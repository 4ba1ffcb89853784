"""Tests for IVR map loading and the shipped JSON Schema."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from payerline.errors import PayerFileError
from payerline.payers.ivr_map import DateFormat, IvrMap, LetterMethod, LoginId, load_ivr_map

FULL_MAP = """\
schema_version: "1"
payer_id: example-mac
version: "2026-03-01"
source: "Example MAC IVR guide, 2025-11"
accepts_speech: true
login_ids: [npi, ptan, tin_last5]
inputs:
  date_format: MMDDYY
  letter_method: star
  last_name_letters: 6
  tin_digits: 5
  terminator: "#"
shortcuts: {main_menu: "*99", representative: "0"}
paths:
  claim_status:
    - {key: "2", say: "claim status", topic: "claim status"}
    - {key: "1", topic: "claim status"}
  representative:
    - {key: "0"}
readout:
  next_claim: {key: "2", say: "next"}
"""


def write(tmp_path: Path, text: str, name: str = "example-mac.ivr-map.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_full_map(tmp_path: Path) -> None:
    ivr_map = load_ivr_map(write(tmp_path, FULL_MAP))
    assert ivr_map.payer_id == "example-mac"
    assert ivr_map.inputs.date_format is DateFormat.MMDDYY
    assert ivr_map.inputs.letter_method is LetterMethod.STAR
    assert ivr_map.login_ids == [LoginId.NPI, LoginId.PTAN, LoginId.TIN_LAST5]
    assert [step.key for step in ivr_map.paths.claim_status] == ["2", "1"]
    assert ivr_map.shortcuts.main_menu == "*99"
    assert ivr_map.readout.next_claim is not None
    assert ivr_map.readout.next_claim.say == "next"


def test_minimal_map_takes_defaults(tmp_path: Path) -> None:
    text = 'payer_id: example-mac\nversion: "1"\nsource: "guide"\n'
    ivr_map = load_ivr_map(write(tmp_path, text))
    assert ivr_map.inputs.date_format is DateFormat.MMDDYYYY
    assert ivr_map.paths.claim_status == []


def test_every_problem_named_with_location(tmp_path: Path) -> None:
    text = FULL_MAP.replace("MMDDYY\n", "DDMMYY\n").replace('key: "0"', 'key: "0x"')
    text += "records: []\n"
    with pytest.raises(PayerFileError) as caught:
        load_ivr_map(write(tmp_path, text))
    problems = "\n".join(caught.value.problems)
    assert "inputs.date_format" in problems
    assert "paths.representative[0].key" in problems
    assert "records" in problems


def test_validate_numbers_once_in_file_order(tmp_path: Path) -> None:
    from payerline.payers.map_check import validate_ivr_map_file

    text = FULL_MAP.replace('schema_version: "1"', "schema_version: 1").replace('{key: "1", topic', "{key: 1, topic")
    problems = validate_ivr_map_file(write(tmp_path, text))
    assert len(problems) == 2, problems
    assert ":1: schema_version: 1 is a number, not a string; put it in quotes" in problems[0]
    assert "paths.claim_status[1].key: 1 is a number, not a string" in problems[1]


def test_file_name_must_match_payer(tmp_path: Path) -> None:
    with pytest.raises(PayerFileError, match="rename it example-mac.ivr-map.yaml"):
        load_ivr_map(write(tmp_path, FULL_MAP, name="other.ivr-map.yaml"))


def test_missing_and_invalid_yaml(tmp_path: Path) -> None:
    with pytest.raises(PayerFileError, match="file not found"):
        load_ivr_map(tmp_path / "absent.ivr-map.yaml")
    with pytest.raises(PayerFileError, match="not valid YAML"):
        load_ivr_map(write(tmp_path, "payer_id: [unclosed\n"))


def test_shipped_schema_matches_model() -> None:
    shipped = json.loads(
        resources.files("payerline").joinpath("schemas/ivr-map.v1.json").read_text("utf-8")
    )
    generated = IvrMap.model_json_schema()
    assert shipped["$defs"] == generated["$defs"]
    assert shipped["properties"] == generated["properties"]
    assert shipped.get("required") == generated.get("required")
