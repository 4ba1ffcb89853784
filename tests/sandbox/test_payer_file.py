"""Payer files: the bundled ones validate, bad ones give located problems."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
import yaml

from payerline.domain.codes import ClaimStatus
from payerline.domain.identifiers import npi_check_digit_valid
from payerline.errors import PayerFileError
from payerline.payers.directory import bundled_payers_dir, ivr_map_path, payer_file_paths
from payerline.sandbox import validate
from payerline.sandbox.payer_file import json_schema, load_payer_file, validate_payer_file

DOCS = Path(__file__).resolve().parents[2] / "docs" / "sandbox-payers.md"
BUNDLED = ["ngs-medicare", "kentucky-medicaid"]


def docs_example() -> str:
    text = DOCS.read_text(encoding="utf-8")
    return text.split("## A complete small example")[1].split("```yaml\n")[1].split("```")[0]


def write(tmp_path: Path, text: str, name: str = "example-medicare.payer.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("payer_id", BUNDLED)
def test_bundled_payer_validates(payer_id: str) -> None:
    path = bundled_payers_dir() / f"{payer_id}.payer.yaml"
    assert validate_payer_file(path) == []
    payer = load_payer_file(path)
    assert payer.payer_id == payer_id
    assert payer.source.guide and payer.source.date


@pytest.mark.parametrize("payer_id", BUNDLED)
def test_bundled_records_cover_the_issue_needs(payer_id: str) -> None:
    payer = load_payer_file(bundled_payers_dir() / f"{payer_id}.payer.yaml")
    members = payer.records.members
    claims = [claim for member in members for claim in member.claims]
    assert len(members) >= 20
    assert {claim.status for claim in claims} == set(ClaimStatus)
    assert all(npi_check_digit_valid(p.npi) for p in payer.records.providers)
    assert any(claim.lines for claim in claims)
    denied = [c for c in claims if c.status == ClaimStatus.DENIED]
    assert all(c.carc_codes for c in denied)
    assert any(c.rarc_codes for c in denied)
    for claim in claims:
        if None not in (claim.allowed_amount, claim.paid_amount, claim.patient_responsibility):
            assert claim.paid_amount + claim.patient_responsibility == claim.allowed_amount, claim.id


def test_member_ids_have_line_of_business_shape(ngs, kentucky) -> None:
    mbi = re.compile(r"^[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d[AC-HJKMNP-RT-Y]{2}\d{2}$")
    assert all(mbi.match(m.member_id) for m in ngs.records.members)
    assert all(re.fullmatch(r"\d{10}", m.member_id) for m in kentucky.records.members)
    assert any(m.subscriber is not None for m in kentucky.records.members)


def test_committed_schema_matches_models() -> None:
    shipped = resources.files("payerline").joinpath("schemas/payer-file.v1.json").read_text("utf-8")
    assert json.loads(shipped) == json_schema()


def test_docs_example_validates(tmp_path: Path) -> None:
    assert validate_payer_file(write(tmp_path, docs_example())) == []


def test_typo_key_reported_with_line(tmp_path: Path) -> None:
    text = docs_example().replace("    ptan:\n      type: collect", "    ptan:\n      tpye: collect")
    problems = validate_payer_file(write(tmp_path, text))
    line = text.splitlines().index("      tpye: collect") + 1
    assert any(f"example-medicare.payer.yaml:{line}: ivr.menus.ptan" in p and "tpye" in p for p in problems), problems


def test_out_of_range_number_says_the_bound(tmp_path: Path) -> None:
    data = yaml.safe_load(docs_example())
    data["ivr"]["menus"]["main"]["timeout_s"] = 0
    problems = validate_payer_file(write(tmp_path, yaml.safe_dump(data)))
    assert any("ivr.menus.main.timeout_s" in p and "must be greater than 0" in p for p in problems), problems


def test_bad_file_lists_every_semantic_problem(tmp_path: Path) -> None:
    data = yaml.safe_load(docs_example())
    data["timezone"] = "America/Nowhere"
    data["ivr"]["menus"]["main"]["options"][1]["goto"] = "missing_node"
    data["ivr"]["menus"]["orphan"] = {"type": "message", "say": "Never heard.", "next": "main"}
    data["records"]["providers"][0]["npi"] = "8234567891"
    paid = data["records"]["members"][0]["claims"][0]
    del paid["paid_date"]
    paid["paid_amount"] = "90.00"
    data["records"]["members"][1]["claims"][0]["billing_npi"] = "1999999992"
    text = yaml.safe_dump(data, sort_keys=False)
    path = write(tmp_path, text)
    problems = validate_payer_file(path)
    expected = [
        ("timezone", "not an IANA time zone"),
        ("ivr.menus.main.options[1].goto", "'missing_node' is not a node"),
        ("records.providers[0].npi", "fails its check digit"),
        ("records.members[0].claims[0].paid_date", "needs paid_date"),
        ("records.members[0].claims[0].allowed_amount", "not the allowed amount"),
        ("records.members[1].claims[0].billing_npi", "is not in records.providers"),
    ]
    for where, message in expected:
        matching = [p for p in problems if f": {where}: " in p and message in p]
        assert matching, f"no problem at {where} with {message!r} in {problems}"
        assert re.match(rf"^{re.escape(str(path))}:\d+: ", matching[0])
    lines = text.splitlines()
    goto_line = next(i for i, l in enumerate(lines, 1) if "missing_node" in l)
    assert any(p.startswith(f"{path}:{goto_line}: ivr.menus.main.options[1].goto") for p in problems)


def test_unreachable_node_reported_unless_a_goto_is_broken(tmp_path: Path) -> None:
    data = yaml.safe_load(docs_example())
    data["ivr"]["menus"]["orphan"] = {"type": "message", "say": "Never heard.", "next": "main"}
    problems = validate_payer_file(write(tmp_path, yaml.safe_dump(data, sort_keys=False)))
    assert [p for p in problems if "is unreachable from" in p and "ivr.menus.orphan" in p], problems
    # One mistyped goto leaves what it would reach unknown, so no node is called unreachable because of it.
    data["ivr"]["menus"]["main"]["options"][1]["goto"] = "missing_node"
    problems = validate_payer_file(write(tmp_path, yaml.safe_dump(data, sort_keys=False)))
    assert [p for p in problems if "'missing_node' is not a node" in p], problems
    assert not [p for p in problems if "is unreachable from" in p], problems


def test_load_raises_payer_file_error(tmp_path: Path) -> None:
    path = write(tmp_path, docs_example().replace('format: payerline-payer-file/1', 'format: other/2'))
    with pytest.raises(PayerFileError) as caught:
        load_payer_file(path)
    assert caught.value.problems
    assert "format" in caught.value.problems[0]


def test_invalid_yaml_reports_line(tmp_path: Path) -> None:
    path = write(tmp_path, "format: [unclosed\npayer_id: x\n")
    problems = validate_payer_file(path)
    assert len(problems) == 1
    assert "not valid YAML" in problems[0]
    assert re.match(rf"^{re.escape(str(path))}:\d+: ", problems[0])


def test_unquoted_at_sign_says_to_quote(tmp_path: Path) -> None:
    problems = validate_payer_file(write(tmp_path, "format: x\nnext: @hangup\n"))
    assert len(problems) == 1
    assert "put the value in quotes" in problems[0]


def test_number_where_a_string_belongs_says_to_quote(tmp_path: Path) -> None:
    data = yaml.safe_load(docs_example())
    data["ivr"]["menus"]["main"]["options"][0]["key"] = 9
    problems = validate_payer_file(write(tmp_path, yaml.safe_dump(data)))
    assert any("options[0].key" in p and 'put it in quotes, like "9"' in p for p in problems), problems


def test_status_without_required_value(tmp_path: Path) -> None:
    data = yaml.safe_load(docs_example())
    data["records"]["members"][0]["claims"][1].pop("carc_codes")
    problems = validate_payer_file(write(tmp_path, yaml.safe_dump(data, sort_keys=False)))
    assert any("claims[1].carc_codes" in p and "denied claim needs carc_codes" in p for p in problems), problems


def test_validate_main_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, docs_example())
    bad = write(tmp_path, docs_example().replace("next: ptan", "next: nowhere"), "bad.payer.yaml")
    assert validate.main([str(good)]) == 0
    assert "valid" in capsys.readouterr().out
    assert validate.main([str(good), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "ivr.menus.npi.next" in err
    assert "1 of 2 files are invalid" in err


def test_directory_lists_bundled_payers(tmp_path: Path) -> None:
    names = [p.name for p in payer_file_paths(bundled_payers_dir())]
    assert "ngs-medicare.payer.yaml" in names
    assert names == sorted(names)
    assert ivr_map_path(tmp_path, "ngs-medicare") is None
    (tmp_path / "ngs-medicare.ivr-map.yaml").write_text("x: 1\n")
    assert ivr_map_path(tmp_path, "ngs-medicare") == tmp_path / "ngs-medicare.ivr-map.yaml"


def test_amounts_written_exactly(ngs) -> None:
    claim = ngs.records.members[0].claims[0]
    assert isinstance(claim.billed_amount, Decimal)
    assert claim.billed_amount == claim.billed_amount.quantize(Decimal("0.01"))


def test_docs_running_snippet_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    text = DOCS.read_text(encoding="utf-8")
    code = text.split("## Running a payer file")[1].split("```python\n")[1].split("```")[0]
    write(tmp_path, docs_example())
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(code, "sandbox-payers.md", "exec"), namespace)
    assert "ringback" in capsys.readouterr().out
    assert namespace["line"].keys_received[0][1] == "2"


def test_unquoted_id_says_leading_zeros_are_lost(tmp_path: Path) -> None:
    data = yaml.safe_load(docs_example())
    data["records"]["providers"][0]["tin"] = 342391  # what YAML makes of an unquoted 001234567
    problems = validate_payer_file(write(tmp_path, yaml.safe_dump(data, sort_keys=False)))
    assert any("tin 342391 is a number" in p and "drops leading zeros" in p for p in problems), problems


def test_tab_indentation_says_to_use_spaces(tmp_path: Path) -> None:
    problems = validate_payer_file(write(tmp_path, "format: x\nsource:\n\tguide: y\n"))
    assert len(problems) == 1, problems
    assert "indent with spaces, not tabs" in problems[0]


def test_unclosed_quote_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'format: x\nname: "Sunmesa\npayer_id: y\nversion: "1"\nhours:\n  line: []\n')
    problems = validate_payer_file(path)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:2: ")
    assert "not closed" in problems[0]


def test_comment_quote_is_not_unclosed(tmp_path: Path) -> None:
    # A comment with a double quote and an apostrophe, then a block list inside a flow mapping.
    text = 'format: x\n# the member\'s 5" card\nclaims:\n  - {a: 1, lines:\n      - b: 1\n    }\n'
    problems = validate_payer_file(write(tmp_path, text))
    assert len(problems) == 1, problems
    assert ":5: not valid YAML" in problems[0]
    assert "not closed" not in problems[0]


def test_docs_list_every_field_label() -> None:
    bank = yaml.safe_load((Path(__file__).resolve().parents[2] / "src" / "payerline" / "sandbox" / "phrasebank.yaml")
                          .read_text())
    docs = DOCS.read_text()
    for field, label in bank["field_labels"].items():
        assert f"| `{field}` | {label} |" in docs, field


def test_empty_payer_file_says_so(tmp_path):
    problems = validate_payer_file(write(tmp_path, ""))
    assert len(problems) == 1
    assert "the file is empty" in problems[0]
