"""Tests for the payerline command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from payerline.cli import format_duration, format_table, main

VALID_REQUEST = {
    "request_id": "req-0001",
    "payer_id": "ngs-medicare",
    "line_of_business": "medicare",
    "caller": {"name": "Dana Whitfield", "practice": "Lakeside Family Medicine", "callback_number": "5555550142"},
    "billing_provider": {"npi": "8234567898", "tin": "123456789"},
    "patient": {"first_name": "Rosa", "last_name": "Quintero", "date_of_birth": "1951-07-04"},
    "member_id": "1EG4TE5MK73",
    "claims": [{"service_date_from": "2026-01-12", "billed_amount": "185.00"}],
}


def test_no_command_is_usage_error(capsys):
    assert main([]) == 2
    assert "required" in capsys.readouterr().err


def test_unknown_option_is_usage_error(capsys):
    assert main(["demo", "--colour"]) == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: --colour" in err
    assert "Traceback" not in err


def test_abbreviated_option_is_not_guessed(capsys):
    assert main(["eval", "--payer", "ngs-medicare", "--scenarios", "2", "--json", "out.json"]) == 2
    assert "unknown option --payer" in capsys.readouterr().err


def test_help_returns_zero(capsys):
    assert main(["--help"]) == 0
    assert "eval" in capsys.readouterr().out


@pytest.mark.parametrize("rate", ["1.5", "-0.1", "lots"])
def test_asr_noise_out_of_range(rate, tmp_path, capsys):
    code = main(["eval", "--scenarios", "5", "--seed", "1", "--asr-noise", rate, "--json", str(tmp_path / "r.json")])
    assert code == 2
    assert "--asr-noise" in capsys.readouterr().err


def test_zero_scenarios_rejected(tmp_path, capsys):
    assert main(["eval", "--scenarios", "0", "--seed", "1", "--json", str(tmp_path / "r.json")]) == 2
    assert "must be at least 1" in capsys.readouterr().err


def test_huge_scenario_count_rejected(tmp_path, capsys):
    assert main(["eval", "--scenarios", "1000000", "--seed", "1", "--json", str(tmp_path / "r.json")]) == 2
    assert "more than 100,000 calls" in capsys.readouterr().err


def test_eval_needs_json_path(capsys):
    assert main(["eval", "--scenarios", "5", "--seed", "1"]) == 2
    assert "--json" in capsys.readouterr().err


def test_call_missing_request_file(tmp_path, capsys):
    code = main(["call", "--payer", "ngs-medicare", "--request", str(tmp_path / "absent.json")])
    err = capsys.readouterr().err
    assert code == 2
    assert "file not found" in err
    assert "Traceback" not in err


def test_call_bad_request_lists_each_problem(tmp_path, capsys):
    bad = dict(VALID_REQUEST, member_id="1EG4-TE5")
    bad["billing_provider"] = {"npi": "8234567891", "tin": "12"}
    path = tmp_path / "request.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    code = main(["call", "--payer", "ngs-medicare", "--request", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "billing_provider.npi: NPI '8234567891' fails its check digit" in err
    assert "billing_provider.tin:" in err
    assert "member_id:" in err
    assert "Traceback" not in err


def test_call_payer_mismatch_is_usage_error(tmp_path, capsys):
    path = tmp_path / "request.json"
    path.write_text(json.dumps(VALID_REQUEST), encoding="utf-8")
    code = main(["call", "--payer", "humana", "--request", str(path)])
    assert code == 2
    assert "make them match" in capsys.readouterr().err


def test_missing_payer_directory_is_usage_error(tmp_path, capsys):
    pytest.importorskip("payerline.payers.directory")
    code = main(["eval", "--scenarios", "2", "--seed", "1", "--payers", str(tmp_path / "none"),
                 "--json", str(tmp_path / "r.json")])
    assert code == 2
    assert "does not exist" in capsys.readouterr().err


def test_empty_payer_directory_is_usage_error(tmp_path, capsys):
    pytest.importorskip("payerline.payers.directory")
    code = main(["eval", "--scenarios", "2", "--seed", "1", "--payers", str(tmp_path),
                 "--json", str(tmp_path / "r.json")])
    assert code == 2
    assert "contains no *.payer.yaml" in capsys.readouterr().err


@pytest.mark.parametrize(("seconds", "text"), [(0, "00:00"), (59.6, "01:00"), (754, "12:34"), (3725, "62:05")])
def test_format_duration(seconds, text):
    assert format_duration(seconds) == text


def test_format_table_aligns_columns():
    table = format_table(("payer", "outcome"), [["ngs-medicare", "completed"], ["humana", "partial"]])
    assert table.splitlines() == [
        "payer         outcome",
        "------------  ---------",
        "ngs-medicare  completed",
        "humana        partial",
    ]


def require_call_parts():
    """Skip until the agent, the sandbox line and the payer directory exist in the tree."""
    pytest.importorskip("payerline.agent.session")
    pytest.importorskip("payerline.sandbox.line")
    directory = pytest.importorskip("payerline.payers.directory")
    if not directory.payer_file_paths(directory.bundled_payers_dir()):
        pytest.skip("no bundled payer files yet")
    return directory


def test_demo_one_payer_writes_files(tmp_path, capsys):
    directory = require_call_parts()
    from payerline.cli import run_demo
    from payerline.sandbox.payer_file import load_payer_file

    payer_id = load_payer_file(directory.payer_file_paths(directory.bundled_payers_dir())[0]).payer_id
    code = run_demo(tmp_path, payer_ids=[payer_id])
    out = capsys.readouterr().out
    assert payer_id in out
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert [call["payer_id"] for call in summary["calls"]] == [payer_id]
    call_id = summary["calls"][0]["call_id"]
    results = json.loads((tmp_path / call_id / "result.json").read_text(encoding="utf-8"))
    transcript = json.loads((tmp_path / call_id / "transcript.json").read_text(encoding="utf-8"))
    assert results[0]["payer_id"] == payer_id
    assert results[0]["versions"]["payer_file"]
    assert transcript["turns"]
    assert code == 0, summary["calls"][0]["differences"]
    assert results[0]["outcome"] == "completed"


def test_eval_six_scenarios_report(tmp_path, capsys):
    require_call_parts()
    report_path = tmp_path / "eval.json"
    code = main(["eval", "--scenarios", "6", "--seed", "3", "--json", str(report_path)])
    captured = capsys.readouterr()
    assert code == 0
    assert "eval: 6/6 calls" in captured.err
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["calls"] == 6
    assert 0 <= report["exact_calls"] <= 6
    assert report["errors"] == 0, report["failures"]
    assert report["simulated_seconds"] > 0
    assert report["wall_seconds"] > 0
    assert sum(report["mix"]["condition"].values()) == 6
    assert all(entry["ivr_map"] for entry in report["per_payer"].values())
    assert len(report["failures"]) == 6 - report["exact_calls"]
    for failure in report["failures"]:
        assert failure["call_id"].startswith("s3-")
        assert failure["differences"]


def test_sandbox_validate_reports_problems(tmp_path, capsys):
    pytest.importorskip("payerline.sandbox.validate")
    bad = tmp_path / "bad.payer.yaml"
    bad.write_text("format: payerline-payer-file/1\npayer_id: Bad Id\n", encoding="utf-8")
    assert main(["sandbox", "validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2: payer_id:" in err
    assert "1 of 1 files are invalid" in err


def test_sandbox_validate_needs_a_file(capsys):
    assert main(["sandbox", "validate"]) == 2
    assert "the following arguments are required: files" in capsys.readouterr().err


def test_call_example_request_writes_files(tmp_path, capsys):
    require_call_parts()
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "claim-status-request.json"
    code = main(["call", "--payer", "ngs-medicare", "--request", str(example), "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("claim 1: ")
    folders = list(tmp_path.iterdir())
    assert len(folders) == 1
    assert folders[0].name.startswith("example-0001-")
    results = json.loads((folders[0] / "result.json").read_text(encoding="utf-8"))
    assert [result["claim_index"] for result in results] == [0]
    assert results[0]["versions"]["payer_file"]
    assert (folders[0] / "transcript.json").is_file()


def test_call_start_without_offset_rejected(tmp_path, capsys):
    require_call_parts()
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "claim-status-request.json"
    code = main(["call", "--payer", "ngs-medicare", "--request", str(example), "--start", "2026-04-21T10:00"])
    assert code == 2
    assert "has no UTC offset" in capsys.readouterr().err


def test_payer_file_for_directory_is_usage_error(tmp_path, capsys):
    payer_file = tmp_path / "one.payer.yaml"
    payer_file.write_text("payer_id: x\n")
    code = main(["eval", "--scenarios", "2", "--seed", "1", "--payers", str(payer_file),
                 "--json", str(tmp_path / "r.json")])
    assert code == 2
    assert "is a file, not a directory" in capsys.readouterr().err


def test_folder_of_payer_sets_names_its_subfolders(tmp_path, capsys):
    source = Path(__file__).resolve().parents[1] / "eval-payers" / "author-6"
    (tmp_path / "author-6").mkdir()
    for path in source.glob("*.payer.yaml"):
        (tmp_path / "author-6" / path.name).write_text(path.read_text())
    code = main(["eval", "--scenarios", "2", "--seed", "1", "--payers", str(tmp_path),
                 "--json", str(tmp_path / "r.json")])
    assert code == 2
    assert f"1 of its subfolders do; pass one of them, such as {tmp_path / 'author-6'}" in capsys.readouterr().err


def test_eval_reports_every_bad_payer_file(tmp_path, capsys):
    (tmp_path / "first.payer.yaml").write_text("payer_id: first\n")
    (tmp_path / "second.payer.yaml").write_text("payer_id: [unclosed\n")
    code = main(["eval", "--scenarios", "2", "--seed", "1", "--payers", str(tmp_path),
                 "--json", str(tmp_path / "r.json")])
    err = capsys.readouterr().err
    assert code == 2
    assert "2 of the 2 payer files" in err
    assert "first.payer.yaml" in err
    assert "second.payer.yaml" in err
