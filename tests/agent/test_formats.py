"""Entering identifiers in the format a prompt asks for."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from payerline.agent import formats
from payerline.payers.ivr_map import DateFormat, LetterMethod


@pytest.mark.parametrize(("letter", "keys"), [("B", "*22"), ("Q", "*72"), ("Z", "*94"), ("S", "*74"), ("a", "*21")])
def test_star_scheme(letter: str, keys: str) -> None:
    assert formats.letter_keys(letter, LetterMethod.STAR) == keys


def test_key_only_scheme() -> None:
    assert formats.keyed_characters("1EG4", LetterMethod.KEY) == "1344"


def test_identifier_with_star_letters() -> None:
    assert formats.keyed_characters("1EG4TE5MK73", LetterMethod.STAR) == "1*32*414*81*325*61*5273"


def test_phonetic_letter_cannot_be_keyed() -> None:
    with pytest.raises(ValueError, match="spoken"):
        formats.letter_keys("B", LetterMethod.PHONETIC)


def test_spoken_characters_phonetic() -> None:
    assert formats.spoken_characters("1B") == "one, B as in boy"


@pytest.mark.parametrize(
    ("date_format", "digits"), [(DateFormat.MMDDYYYY, "03032026"), (DateFormat.MMDDYY, "030326")]
)
def test_date_digits(date_format: DateFormat, digits: str) -> None:
    assert formats.date_digits(date(2026, 3, 3), date_format) == digits


def test_tin_last_five() -> None:
    assert formats.tin_digits("12-3456789", 5) == "56789"
    assert formats.tin_digits("123456789", 9) == "123456789"


@pytest.mark.parametrize(
    ("name", "letters", "expected"),
    [("O'Neil-Smith", 6, "O"), ("Van Buren", 6, "VAN"), ("Richardson", 6, "RICHAR"), ("Lee-Wong", None, "LEE"),
     ("Smith", None, "SMITH")],
)
def test_truncated_last_name(name: str, letters: int | None, expected: str) -> None:
    assert formats.truncated_last_name(name, letters) == expected


def test_amount_and_terminator() -> None:
    assert formats.amount_digits(Decimal("125.50")) == "12550"
    assert formats.with_terminator("123", "#") == "123#"
    assert formats.with_terminator("123#", "#") == "123#"
    assert formats.with_terminator("123", "") == "123"
