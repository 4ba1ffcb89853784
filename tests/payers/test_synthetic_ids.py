"""Every bundled and example NPI is plainly synthetic: real NPIs start with 1 or 2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from payerline.domain.identifiers import npi_check_digit_valid
from payerline.payers.directory import bundled_payers_dir, payer_file_paths

ROOT = Path(__file__).resolve().parents[2]


def _npis(node: object):
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("npi") and isinstance(value, str):
                yield value
            else:
                yield from _npis(value)
    elif isinstance(node, list):
        for item in node:
            yield from _npis(item)


def _bundled_npis() -> list[str]:
    npis = []
    for path in payer_file_paths(bundled_payers_dir()):
        npis += list(_npis(yaml.safe_load(path.read_text(encoding="utf-8"))))
    for path in sorted((ROOT / "examples").glob("*.json")):
        npis += list(_npis(json.loads(path.read_text(encoding="utf-8"))))
    return npis


def test_bundled_and_example_npis_cannot_be_real():
    npis = _bundled_npis()
    assert len(npis) > 20
    assert [npi for npi in npis if npi[0] in "12"] == []


def test_bundled_npis_pass_the_check_digit():
    assert [npi for npi in _bundled_npis() if not npi_check_digit_valid(npi)] == []


def test_docs_show_no_real_looking_npi():
    text = (ROOT / "docs" / "sandbox-payers.md").read_text(encoding="utf-8")
    assert re.findall(r"npi: *\"?[12]\d{9}", text) == []


def _tins(node: object):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "tin" and isinstance(value, str):
                yield value
            else:
                yield from _tins(value)
    elif isinstance(node, list):
        for item in node:
            yield from _tins(item)


def test_bundled_tins_start_with_00():
    tins = []
    for path in payer_file_paths(bundled_payers_dir()):
        tins += list(_tins(yaml.safe_load(path.read_text(encoding="utf-8"))))
    for path in sorted((ROOT / "examples").glob("*.json")):
        tins += list(_tins(json.loads(path.read_text(encoding="utf-8"))))
    assert len(tins) > 10
    assert [tin for tin in tins if not tin.startswith("00")] == []
