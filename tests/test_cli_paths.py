"""The CLI turns unreadable inputs and unusable output paths into one clear error line (exit 2)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from payerline.cli import main
from payerline.payers.directory import bundled_payers_dir

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "claim-status-request.json"


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


def _request_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "request.json"
    if kind == "latin1":
        path.write_bytes('{"request_id": "caf\xe9"}'.encode("latin-1"))
    elif kind == "binary":
        path.write_bytes(b"\xff\xfe\x00\x01binary")
    else:
        path.mkdir()
    return path


@pytest.mark.parametrize(("kind", "expected"), [
    ("latin1", "not UTF-8"), ("binary", "not UTF-8"), ("folder", "is a folder"),
])
def test_call_unreadable_request_is_one_line(kind, expected, tmp_path, capsys):
    path = _request_file(tmp_path, kind)
    assert main(["call", "--payer", "ngs-medicare", "--request", str(path), "--out", str(tmp_path / "o")]) == 2
    line = _one_error_line(capsys)
    assert str(path) in line
    assert expected in line


def _payer_dir(tmp_path: Path, content: bytes) -> Path:
    folder = tmp_path / "payers"
    folder.mkdir()
    (folder / "humana.payer.yaml").write_bytes(content)
    return folder


@pytest.mark.parametrize(("content", "expected"), [
    (b"payer_id: humana\x00\x01\n", "binary file"),
    ("payer_id: humana\nname: Caf\xe9\n".encode("latin-1"), ":2: byte 0xe9 is not UTF-8"),
])
def test_unreadable_payer_file(content, expected, tmp_path, capsys):
    folder = _payer_dir(tmp_path, content)
    path = folder / "humana.payer.yaml"
    assert main(["sandbox", "validate", str(path)]) == 1
    assert expected in capsys.readouterr().err
    assert main(["eval", "--payers", str(folder), "--scenarios", "1", "--seed", "1",
                 "--json", str(tmp_path / "e.json")]) == 2
    line = _one_error_line(capsys)
    assert str(path) in line
    assert expected in line


def test_demo_out_under_a_file(capsys):
    assert main(["demo", "--out", "/dev/null/x"]) == 2
    line = _one_error_line(capsys)
    assert "--out /dev/null/x" in line
    assert "is a file" in line


def test_call_out_is_a_file(tmp_path, capsys):
    afile = tmp_path / "afile"
    afile.write_text("x")
    assert main(["call", "--payer", "ngs-medicare", "--request", str(EXAMPLE), "--out", str(afile)]) == 2
    assert "--out" in _one_error_line(capsys)


@pytest.mark.parametrize("option", ["--json-under-file", "--json-folder", "--save-failures"])
def test_eval_output_paths_checked_before_calls(option, tmp_path, capsys):
    afile = tmp_path / "afile"
    afile.write_text("x")
    json_path = {"--json-under-file": afile / "e.json", "--json-folder": tmp_path}.get(option, tmp_path / "e.json")
    argv = ["eval", "--scenarios", "1", "--seed", "1", "--json", str(json_path)]
    if option == "--save-failures":
        argv += ["--save-failures", str(afile)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "eval: 1/1" not in err  # no call ran
    assert option.split("-under")[0].removesuffix("-folder") in err
    assert len(err.strip().splitlines()) == 1


def test_broken_ivr_map_in_eval_payers_is_named(tmp_path, capsys):
    folder = tmp_path / "payers"
    folder.mkdir()
    (folder / "humana.payer.yaml").write_bytes((bundled_payers_dir() / "humana.payer.yaml").read_bytes())
    (folder / "humana.ivr-map.yaml").write_text("schema_version: '1'\npayer_id: humana\nversion: 1\nbogus: 2\n")
    assert main(["eval", "--payers", str(folder), "--scenarios", "1", "--seed", "1",
                 "--json", str(tmp_path / "e.json")]) == 2
    err = capsys.readouterr().err
    assert "invalid IVR map" in err
    assert f"{folder / 'humana.ivr-map.yaml'}:4:" in err


def test_missing_subcommand_hides_internal_name(capsys):
    assert main(["sandbox"]) == 2
    err = capsys.readouterr().err
    assert "sandbox_command" not in err
    assert "SUBCOMMAND" in err


def test_unknown_option_reported_before_missing_ones(capsys):
    assert main(["eval", "--bogus"]) == 2
    assert "unknown option --bogus" in capsys.readouterr().err


def test_double_verbose_logs_debug(tmp_path, capsys, monkeypatch):
    seen = {}
    monkeypatch.setattr(logging, "basicConfig", lambda **kwargs: seen.update(kwargs))
    main(["-vv", "call", "--payer", "ngs-medicare", "--request", str(tmp_path / "absent.json")])
    assert seen["level"] == logging.DEBUG


def test_demo_summary_uses_null(tmp_path, monkeypatch):
    from payerline import cli

    assert cli.run_demo(tmp_path, payer_ids=["ngs-medicare"]) == 0
    summary = json.loads((tmp_path / "summary.json").read_text())
    values = [value for call in summary["calls"] for value in call.values()]
    assert "-" not in values


def test_call_does_not_overwrite_previous_call(tmp_path, capsys):
    argv = ["call", "--payer", "ngs-medicare", "--request", str(EXAMPLE), "--out", str(tmp_path)]
    assert main(argv) == 0
    assert main(argv) == 0
    folders = sorted(path.name for path in tmp_path.iterdir())
    assert len(folders) == 2
    assert folders[1] == folders[0] + "-2"
    # Each call's results carry the id of the folder they are in.
    for folder in folders:
        results = json.loads((tmp_path / folder / "result.json").read_text())
        assert {result["call_id"] for result in results} == {folder}
    assert f"call {folders[1]}:" in capsys.readouterr().out


def test_binary_ivr_map_in_eval_payers_is_one_line(tmp_path, capsys):
    folder = tmp_path / "payers"
    folder.mkdir()
    (folder / "humana.payer.yaml").write_bytes((bundled_payers_dir() / "humana.payer.yaml").read_bytes())
    (folder / "humana.ivr-map.yaml").write_bytes("payer_id: humana # caf\xe9\n".encode("latin-1"))
    assert main(["eval", "--payers", str(folder), "--scenarios", "1", "--seed", "1",
                 "--json", str(tmp_path / "e.json")]) == 2
    line = _one_error_line(capsys)
    assert line.startswith(f"error: invalid IVR map: {folder / 'humana.ivr-map.yaml'}:1: byte 0xe9 is not UTF-8")


def test_eval_json_in_unwritable_folder(tmp_path, capsys):
    assert main(["eval", "--scenarios", "1", "--seed", "1", "--json", "/proc/report.json"]) == 2
    assert "folder /proc is not writable" in _one_error_line(capsys)


def test_repeated_short_flag_is_not_unknown(capsys):
    assert main(["-vv"]) == 2
    err = capsys.readouterr().err
    assert "unknown option" not in err
    assert "COMMAND" in err


def test_request_problems_name_the_file(tmp_path, capsys):
    path = tmp_path / "list.json"
    path.write_text("[1, 2]")
    assert main(["call", "--payer", "ngs-medicare", "--request", str(path), "--out", str(tmp_path / "o")]) == 2
    line = _one_error_line(capsys)
    assert line.startswith(f"error: invalid call request: {path}: (request): the request must be a JSON object")
