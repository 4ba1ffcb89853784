"""The outside payer files the eval documents load without problems."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from payerline.sandbox.payer_file import validate_payer_file

OUTSIDE = Path(__file__).resolve().parents[2] / "eval-payers"
FILES = sorted(OUTSIDE.glob("*/*.payer.yaml"))


def test_outside_sets_are_present() -> None:
    assert len(FILES) >= 633


@pytest.mark.parametrize("path", FILES, ids=[f"{path.parent.name}/{path.name}" for path in FILES])
def test_outside_payer_file_is_valid(path: Path) -> None:
    assert validate_payer_file(path) == []


def test_outside_ids_cannot_be_real() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in FILES)
    assert re.findall(r"npi: *\"?[12]\d{9}", text) == []
    assert [tin for tin in re.findall(r"\btin: *\"?(\d{9})", text) if not tin.startswith("00")] == []
