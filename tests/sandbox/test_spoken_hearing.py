"""Spoken forms the sandbox produces, and the sandbox's own hearing and keypad decoding."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest

from payerline.sandbox import hearing, keypad
from payerline.sandbox.ops import Heard
from payerline.sandbox.payer_file import InputSpec
from payerline.sandbox.spoken import (
    amount_plain_words,
    amount_words,
    code_words,
    date_plain_words,
    date_words,
    id_words,
    spell_words,
    int_words,
    year_words,
)

TODAY = date(2026, 3, 3)


@pytest.mark.parametrize(("number", "words"), [
    (0, "zero"), (15, "fifteen"), (42, "forty-two"), (105, "one hundred five"),
    (1250, "one thousand two hundred fifty"), (23581, "twenty-three thousand five hundred eighty-one"),
])
def test_int_words(number: int, words: str) -> None:
    assert int_words(number) == words


@pytest.mark.parametrize(("year", "words"), [
    (2026, "twenty twenty-six"), (2005, "two thousand five"), (1948, "nineteen forty-eight"),
    (1900, "nineteen hundred"), (1907, "nineteen oh seven"),
])
def test_year_words(year: int, words: str) -> None:
    assert year_words(year) == words


def test_amount_forms_include_the_short_ones() -> None:
    forms = {amount_words(Decimal("148.16"), random.Random(seed)) for seed in range(40)}
    assert "one forty-eight sixteen" in forms
    assert "one hundred forty-eight dollars and sixteen cents" in forms
    twelve_fifty = {amount_words(Decimal("1250.00"), random.Random(seed)) for seed in range(40)}
    assert "twelve fifty, that's one thousand two hundred fifty dollars" in twelve_fifty


def test_id_words_oh_double_and_groups() -> None:
    forms = {id_words("5502", random.Random(seed)) for seed in range(40)}
    assert "double five oh two" in forms
    assert "five five zero two" in forms or "five five oh two" in forms
    grouped = id_words("552607140", random.Random(1), group=3)
    assert grouped.count(",") == 2
    assert hearing.digits_in(grouped) == "552607140"


def test_phonetic_ids_round_trip() -> None:
    for seed in range(20):
        spoken = id_words("DM030426", random.Random(seed), group=3, phonetic=True)
        assert "D as in David" in spoken
        assert hearing.characters_in(spoken) == "DM030426"


def test_rep_dates_parse_back_except_bare_numeric() -> None:
    for seed in range(60):
        value = date(2026, 1, 1).fromordinal(date(2025, 10, 1).toordinal() + seed * 3)
        spoken = date_words(value, random.Random(seed))
        assert value in hearing.dates_in(spoken), spoken


def test_ivr_plain_forms_parse_back() -> None:
    assert hearing.dates_in(date_plain_words(date(2026, 3, 3))) == [date(2026, 3, 3)]
    assert hearing.amounts_in(amount_plain_words(Decimal("148.16"))) == [Decimal("148.16")]
    assert code_words("N290") == "N two ninety"
    assert code_words("CO") == "C O"


@pytest.mark.parametrize(("text", "digits"), [
    ("one two three", "123"), ("double five oh two", "5502"), ("1 2 3 4", "1234"),
    ("triple oh seven", "0007"), ("twenty twenty-six", "2026"), ("NPI 8234567898.", "8234567898"),
])
def test_digits_in(text: str, digits: str) -> None:
    assert hearing.digits_in(text) == digits


@pytest.mark.parametrize(("text", "chars"), [
    ("one E as in Edward G four", "1EG4"), ("bravo seven alpha", "B7A"), ("S M I T H", "SMITH"),
    ("1EG4TE5MK73", "1EG4TE5MK73"),
])
def test_characters_in(text: str, chars: str) -> None:
    assert hearing.characters_in(text) == chars


@pytest.mark.parametrize("text", [
    "March 3, 2026", "March third twenty twenty-six", "the 3rd of March 2026", "03/03/2026",
    "2026-03-03", "zero three zero three two zero two six", "03032026",
])
def test_dates_in(text: str) -> None:
    assert date(2026, 3, 3) in hearing.dates_in(text)


@pytest.mark.parametrize(("text", "amount"), [
    ("$125.40", "125.40"), ("125 dollars and 40 cents", "125.40"),
    ("one hundred twenty-five dollars and forty cents", "125.40"), ("the billed amount is $1,250.00", "1250.00"),
])
def test_amounts_in(text: str, amount: str) -> None:
    assert Decimal(amount) in hearing.amounts_in(text)


def test_yes_no() -> None:
    assert hearing.is_yes("Yes, that's correct.")
    assert hearing.is_no("No, that's wrong.")
    assert not hearing.is_yes("No.")


def test_star_scheme_and_key_scheme() -> None:
    assert keypad.star_code("A") == "*21"
    assert keypad.star_code("S") == "*74"
    assert keypad.decode_star("1*31*33") == "1DF"
    assert keypad.decode_star("*29") is None
    assert keypad.name_keys("Smith", 6) == "76484"


@pytest.mark.parametrize(("name", "entered"), [
    ("O'Rourke", "O"), ("Larkspur-Hale", "LARKSP"), ("St Clair", "ST"), ("Yardley", "YARDLE"),
])
def test_names_cut_at_space_hyphen_apostrophe(name: str, entered: str) -> None:
    assert keypad.name_for_entry(name, 6) == entered


def test_decode_dates_by_format() -> None:
    long = InputSpec(kind="date", date_format="MMDDYYYY")
    short = InputSpec(kind="date", date_format="MMDDYY")
    assert keypad.decode(long, Heard(keys="03032026"), TODAY).value == date(2026, 3, 3)
    assert keypad.decode(short, Heard(keys="030326"), TODAY).value == date(2026, 3, 3)
    assert keypad.decode(short, Heard(keys="03032026"), TODAY) is None
    # A two-digit year is the latest one not after today: a birth year, not one to come.
    assert keypad.decode(short, Heard(keys="110551"), TODAY).value == date(1951, 11, 5)
    assert keypad.decode(short, Heard(speech="11/05/51"), TODAY).value == date(1951, 11, 5)
    assert keypad.decode(long, Heard(speech="March third, twenty twenty-six"), TODAY).value == date(2026, 3, 3)
    today = InputSpec(kind="date", allow_today=True, max_age_days=365)
    assert keypad.decode(today, Heard(speech="today"), TODAY).value == TODAY
    assert keypad.decode(today, Heard(keys="03032020"), TODAY) is None


def test_decode_amount_and_lengths() -> None:
    amount = InputSpec(kind="amount")
    assert keypad.decode(amount, Heard(keys="12540"), TODAY).value == Decimal("125.40")
    npi = InputSpec(kind="digits", length=10)
    assert keypad.decode(npi, Heard(keys="123"), TODAY) is None
    entry = keypad.decode(npi, Heard(speech="eight two three four five six seven eight nine eight"), TODAY)
    assert entry.value == "8234567898"
    assert entry.spoken == "8 2 3 4 5 6 7 8 9 8"


def test_decode_keyed_letters() -> None:
    mbi = InputSpec(kind="alphanumeric", length=11, letters="star")
    keys = "".join(keypad.star_code(c) if c.isalpha() else c for c in "1EG4TE5MK73")
    assert keypad.decode(mbi, Heard(keys=keys), TODAY).value == "1EG4TE5MK73"
    by_key = InputSpec(kind="name", truncate=6, letters="key")
    entry = keypad.decode(by_key, Heard(keys="76484"), TODAY)
    assert entry.keyed_letters
    assert entry.value == "76484"


def test_id_not_spelled_by_word_letters() -> None:
    # "is R 0 4 ..." must not read as "S R 0 4 ...": the S belongs to the word "is".
    assert not hearing.contains_id("The reference number is R 0 4 2 3 2 6. Is that correct?", "SR042326")
    assert hearing.contains_id("The reference number is S R 0 4 2 3 2 6. Is that correct?", "SR042326")
    assert hearing.contains_id("The member ID is SR042326.", "SR042326")


@pytest.mark.parametrize(("text", "expected"), [
    ("September second nineteen eighty one", date(1981, 9, 2)),
    ("September second nineteen eighty-one", date(1981, 9, 2)),
    ("September second nineteen eighty", date(1980, 9, 2)),
    ("March third twenty twenty six", date(2026, 3, 3)),
])
def test_spoken_year_with_tens_and_unit_apart(text: str, expected: date) -> None:
    assert hearing.dates_in(text, date(2026, 11, 1)) == [expected]


def test_accented_name_spelled_by_base_letters():
    assert spell_words("Tomás") == "T as in Tom, O as in Oscar, M as in Mary, A as in apple, S as in Sam"
