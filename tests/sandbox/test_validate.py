"""``payerline sandbox validate``: strict YAML, file names, hours wording and IVR maps."""

from __future__ import annotations

from pathlib import Path

import pytest

from payerline.payers.directory import bundled_payers_dir
from payerline.sandbox.payer_file import validate_payer_file
from payerline.sandbox.validate import main, problems_of

BUNDLED = bundled_payers_dir() / "humana.payer.yaml"


def _copy(tmp_path: Path, edit, name: str = "humana.payer.yaml") -> Path:
    path = tmp_path / name
    path.write_text(edit(BUNDLED.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def test_bundled_file_valid(tmp_path):
    assert validate_payer_file(_copy(tmp_path, lambda text: text)) == []


def test_duplicate_top_level_key(tmp_path):
    path = _copy(tmp_path, lambda text: text + "name: Again\n")
    problems = validate_payer_file(path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:")
    assert "duplicate key 'name' (first at line 15)" in problems[0]


def test_duplicate_node_name(tmp_path):
    welcome = "    welcome:\n      type: message\n"
    path = _copy(tmp_path, lambda text: text.replace("  menus:\n", "  menus:\n" + welcome + "      next: main\n", 1))
    problems = validate_payer_file(path)
    assert any("duplicate key 'welcome' in ivr.menus" in problem for problem in problems), problems


def test_payer_id_must_match_file_name(tmp_path):
    path = _copy(tmp_path, lambda text: text, name="other.payer.yaml")
    assert validate_payer_file(path) == [
        f"{path}:14: payer_id: payer_id 'humana' does not match the file name other.payer.yaml; "
        "rename the file humana.payer.yaml or fix payer_id"
    ]


def test_payer_file_name_needs_suffix(tmp_path):
    path = _copy(tmp_path, lambda text: text, name="humana.yaml")
    assert validate_payer_file(path) == [
        f"{path}:14: payer_id: the file name humana.yaml does not end in .payer.yaml, so `payerline eval` and "
        "`payerline call` would not find it; rename the file humana.payer.yaml"
    ]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('close: "20:00"', 'close: "25:00"', ":33: hours.data[0].close: close '25:00' is not a time HH:MM"),
    ("days: [mon, tue, wed, thu, fri]", "days: [mon, tue, wed, thu, fry]",
     ":33: hours.data[0].days[4]: day 'fry' is not a weekday; use mon, tue, wed, thu, fri, sat or sun"),
    ('close: "20:00"', "close: 20:00",
     ':33: hours.data[0].close: close was read as the number 1200, from an unquoted 20:00; quote the time, like "20:00"'),
    ('close: "20:00"', "close: 18",
     ':33: hours.data[0].close: close 18 is a number, not a time; write HH:MM from 00:00 to 24:00 in quotes, like "08:00"'),
    ('close: "20:00"', "close: 25:00",
     ":33: hours.data[0].close: close was read as the number 1500, from an unquoted 25:00, which is not a time; "
     'write HH:MM from 00:00 to 24:00 in quotes, like "08:00"'),
])
def test_hours_errors_name_value_and_line(old, new, expected, tmp_path):
    path = _copy(tmp_path, lambda text: text.replace(old, new, 1))
    assert [f"{path}{expected}" in problem for problem in validate_payer_file(path)] == [True]


def test_alias_bomb_rejected(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]" for n in range(8)]
    path = tmp_path / "humana.payer.yaml"
    path.write_text("\n".join(lines) + "\n")
    problems = validate_payer_file(path)
    assert len(problems) == 1
    assert "more than 50 YAML aliases" in problems[0]


def test_ivr_map_validated_as_map(tmp_path, capsys):
    path = tmp_path / "humana.ivr-map.yaml"
    path.write_text((bundled_payers_dir() / "humana.ivr-map.yaml").read_text() + "bogus: 1\n")
    assert main([str(path)]) == 1
    err = capsys.readouterr().err
    assert "unknown key 'bogus'" in err
    assert "unknown key 'login_ids'" not in err


def test_bundled_ivr_maps_valid(capsys):
    maps = sorted(str(path) for path in bundled_payers_dir().glob("*.ivr-map.yaml"))
    assert main(maps) == 0


def test_request_json_is_named_not_a_payer_file(tmp_path):
    path = tmp_path / "request.json"
    path.write_text("{}")
    problems = problems_of(path)
    assert len(problems) == 1
    assert "a JSON file is neither a payer file" in problems[0]
