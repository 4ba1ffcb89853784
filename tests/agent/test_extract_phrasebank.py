"""Extractors against the representative phrase bank.

The phrase bank was written by someone who had not seen the extractors, so
it measures them on phrasing they were not tuned to. It is test data only:
the agent package never reads it.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from payerline.agent.extract import FIELD_EXTRACTORS

PHRASEBANK = Path(__file__).parents[2] / "src" / "payerline" / "sandbox" / "phrasebank.yaml"
FREE_TEXT_FIELDS = {"missing_information"}


def _examples() -> list[tuple[str, str, Any]]:
    bank = yaml.safe_load(PHRASEBANK.read_text(encoding="utf-8"))
    rows = []
    for field, spec in bank["fields"].items():
        for example in spec.get("examples", []):
            rows.append((field, example["text"], example["value"]))
    return rows


EXAMPLES = _examples()
SCORED = [row for row in EXAMPLES if row[0] not in FREE_TEXT_FIELDS]
FREE_TEXT = [row for row in EXAMPLES if row[0] in FREE_TEXT_FIELDS]


def _expected(field: str, value: Any) -> Any:
    if field.endswith("_date"):
        return date.fromisoformat(value)
    if field.endswith("_amount") or field == "patient_responsibility":
        return Decimal(value)
    return value


def test_phrasebank_covers_every_field() -> None:
    fields = {row[0] for row in EXAMPLES}
    assert fields == set(FIELD_EXTRACTORS)
    assert len(SCORED) > 200


@pytest.mark.parametrize(("field", "text", "value"), SCORED, ids=[f"{r[0]}-{i}" for i, r in enumerate(SCORED)])
def test_phrasebank_example(field: str, text: str, value: Any) -> None:
    extraction = FIELD_EXTRACTORS[field](text, None)
    assert extraction is not None, f"{field}: nothing extracted from {text!r}"
    assert extraction.value == _expected(field, value)
    assert 0 < extraction.confidence <= 1


@pytest.mark.parametrize(("field", "text", "value"), FREE_TEXT, ids=[f"{r[0]}-{i}" for i, r in enumerate(FREE_TEXT)])
def test_phrasebank_free_text_keeps_key_words(field: str, text: str, value: str) -> None:
    extraction = FIELD_EXTRACTORS[field](text, None)
    assert extraction is not None
    said = set(re.findall(r"[a-z0-9]+", extraction.value.lower()))
    expected = {word for word in re.findall(r"[a-z0-9]+", value.lower()) if len(word) > 3}
    assert said & expected, f"{extraction.value!r} shares no key word with {value!r}"
