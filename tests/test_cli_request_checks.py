"""``payerline call`` refuses, before dialing, requests the payer would reject, and warns on odd dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from payerline.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "claim-status-request.json"


def _write(tmp_path: Path, change) -> Path:
    data = json.loads(EXAMPLE.read_text())
    change(data)
    path = tmp_path / "request.json"
    path.write_text(json.dumps(data))
    return path


def _call(path: Path, tmp_path: Path, *extra: str) -> int:
    return main(["call", "--payer", "ngs-medicare", "--request", str(path), "--out", str(tmp_path / "out"), *extra])


def test_line_of_business_mismatch(tmp_path, capsys):
    path = _write(tmp_path, lambda data: data.update(line_of_business="medicaid"))
    assert _call(path, tmp_path) == 2
    err = capsys.readouterr().err
    assert "line_of_business 'medicaid' but payer 'ngs-medicare' serves 'medicare'" in err
    assert not (tmp_path / "out").exists()


def test_missing_ptan_refused_before_dialing(tmp_path, capsys):
    path = _write(tmp_path, lambda data: data["billing_provider"].pop("ptan"))
    assert _call(path, tmp_path) == 2
    assert "lacks billing_provider.ptan" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_service_date_after_today_rejected(tmp_path, capsys):
    def future(data: dict) -> None:
        data["claims"][0]["service_date_from"] = "2999-01-04"
    assert _call(_write(tmp_path, future), tmp_path) == 2
    assert "claims[0].service_date_from: 2999-01-04 is in the future" in capsys.readouterr().err


def test_call_start_before_service_date_warns(tmp_path, capsys):
    code = _call(EXAMPLE, tmp_path, "--start", "2026-01-06T10:00-06:00")
    assert code == 1  # the call runs, but a payer that cannot have the claim yet leaves it incomplete
    assert "warning: call start 2026-01-06T10:00:00-06:00 is before claims[0].service_date_from" \
        in capsys.readouterr().err


@pytest.mark.parametrize("dob", ["2026-02-03"])
def test_birth_after_service_rejected(dob, tmp_path, capsys):
    path = _write(tmp_path, lambda data: data["patient"].update(date_of_birth=dob))
    assert _call(path, tmp_path) == 2
    assert "patient.date_of_birth: 2026-02-03 is after claims[0].service_date_from" in capsys.readouterr().err


def test_unknown_payer_names_folder_and_option(tmp_path, capsys):
    path = _write(tmp_path, lambda data: data.update(payer_id="juniper-valley"))
    code = main(["call", "--payer", "juniper-valley", "--request", str(path), "--out", str(tmp_path / "out")])
    assert code == 2
    err = capsys.readouterr().err
    assert "payer 'juniper-valley' is not in the bundled payers" in err
    assert "--payers DIR" in err


def test_call_exit_code_says_whether_every_claim_completed(tmp_path):
    assert _call(EXAMPLE, tmp_path) == 0
    closed = _call(EXAMPLE, tmp_path, "--start", "2026-04-18T10:00-04:00")  # a Saturday: the payer is closed
    assert closed == 1


def test_claim_without_record_ends_as_not_found(tmp_path, capsys):
    # The payer's record bills $550.00: the person finds no claim at $551.00 and has no filing limit to give.
    path = _write(tmp_path, lambda data: data["claims"][0].update(billed_amount="551.00"))
    assert _call(path, tmp_path) == 1
    out = capsys.readouterr().out
    assert "status not_on_file, reason claim_not_found" in out
    result = json.loads(next((tmp_path / "out").glob("*/result.json")).read_text())
    assert result[0]["outcome"] == "partial"
    assert result[0]["missing_fields"] == ["timely_filing_days"]
    # The call still ends with the person's name and a reference number.
    assert result[0]["fields"]["reference_number"] is not None


def test_call_loads_only_its_payer(tmp_path, monkeypatch):
    from payerline.sandbox import payer_file

    loaded = []
    original = payer_file.load_payer_file
    monkeypatch.setattr(payer_file, "load_payer_file", lambda path: loaded.append(path.name) or original(path))
    assert _call(EXAMPLE, tmp_path) == 0
    assert loaded == ["ngs-medicare.payer.yaml"]
