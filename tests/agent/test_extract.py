"""Extractors on hard spoken forms beyond the phrase bank."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from payerline.agent.extract import (
    extract_carc_codes,
    extract_claim_status,
    extract_date,
    extract_days,
    extract_group_code,
    extract_identifier,
    extract_money,
    extract_number,
    extract_person_name,
    extract_rarc_codes,
    extract_yes_no,
)
from payerline.agent.prompts import greeting_name
from payerline.domain.codes import ClaimStatus

CALL_DATE = date(2026, 3, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("claim number double five triple two oh one", "5522201"),
        ("it's 1 2 3 4 5 6 7", "1234567"),
        ("it's 1234567", "1234567"),
        ("the number is won too three for five six", "123456"),
        ("reference b as in boy, seven seven three oh four", "B77304"),
        ("um, uh, four four, uh, one oh two nine", "441029"),
        ("nine hundred twelve, three three", "91233"),
        ("it's a long one, ready? six six oh oh one two", "660012"),
    ],
)
def test_identifier_hard_forms(text: str, expected: str) -> None:
    extraction = extract_identifier(text)
    assert extraction is not None
    assert extraction.value == expected


def test_identifier_too_short_is_none() -> None:
    assert extract_identifier("that's the one, line two") is None


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("we paid $148.16", None, "148.16"),
        ("the allowed amount is 1,250 dollars", None, "1250.00"),
        ("a hundred and twelve dollars even", None, "112.00"),
        ("one thousand even", None, "1000.00"),
        ("zero dollars", None, "0.00"),
        ("nothing was paid", "paid_amount", "0.00"),
        ("billed two fifty, allowed one twenty, paid ninety-six", "allowed_amount", "120.00"),
        ("billed two fifty, allowed one twenty, paid ninety-six", "paid_amount", "96.00"),
        ("the patient owes twenty percent, which is thirty-one twenty", "patient_responsibility", "31.20"),
        ("paid fifty, no, sorry, sixty dollars", "paid_amount", "60.00"),
    ],
)
def test_money_hard_forms(text: str, field: str | None, expected: str) -> None:
    extraction = extract_money(text, field)
    assert extraction is not None
    assert extraction.value == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 3rd, 2026", date(2026, 3, 3)),
        ("the third of March twenty twenty six", date(2026, 3, 3)),
        ("oh three oh three twenty six", date(2026, 3, 3)),
        ("03/03/2026", date(2026, 3, 3)),
        ("March twelfth", date(2026, 3, 12)),
        ("December fifth", date(2025, 12, 5)),
        ("the twelfth, sorry, the twenty-first of January twenty twenty-six", date(2026, 1, 21)),
        ("received twenty twenty five, March the second", date(2025, 3, 2)),
        ("it paid on march twenty fourth twenty twenty six", date(2026, 3, 24)),
    ],
)
def test_date_hard_forms(text: str, expected: date) -> None:
    extraction = extract_date(text, CALL_DATE)
    assert extraction is not None
    assert extraction.value == expected


def test_date_without_year_needs_reference() -> None:
    assert extract_date("March twelfth") is None
    without_year = extract_date("March twelfth", CALL_DATE)
    assert without_year is not None
    assert without_year.confidence < 0.9


@pytest.mark.parametrize(
    ("text", "expected"),
    [("one hundred twelve", 112), ("a hundred and five", 105), ("twelve", 12), ("two thousand and three", 2003)],
)
def test_number_cardinals(text: str, expected: int) -> None:
    extraction = extract_number(text)
    assert extraction is not None
    assert extraction.value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("about two weeks", 14), ("one year", 365), ("a month", 30), ("forty five days", 45)],
)
def test_days_units(text: str, expected: int) -> None:
    extraction = extract_days(text)
    assert extraction is not None
    assert extraction.value == expected


def test_codes_lowercase_and_line_numbers() -> None:
    carcs = extract_carc_codes("line three denied with reason code ninety seven")
    assert carcs is not None
    assert carcs.value == ["97"]
    rarcs = extract_rarc_codes("remark code N as in nancy, two ninety")
    assert rarcs is not None
    assert rarcs.value == ["N290"]
    group = extract_group_code("group code is c as in charlie, o as in oscar")
    assert group is not None
    assert group.value == "CO"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("yes, that's correct", True), ("Yeah.", True), ("No, that's not right", False), ("nope", False)],
)
def test_yes_no(text: str, expected: bool) -> None:
    extraction = extract_yes_no(text)
    assert extraction is not None
    assert extraction.value is expected


def test_yes_no_none_for_statement() -> None:
    assert extract_yes_no("The claim number is five five two") is None


def test_status_not_on_file_beats_denied() -> None:
    extraction = extract_claim_status("I'm not finding that claim, so nothing was denied")
    assert extraction is not None
    assert extraction.value is ClaimStatus.NOT_ON_FILE


def test_person_name_lowercase_asr() -> None:
    extraction = extract_person_name("thank you for holding this is dana how can i help you")
    assert extraction is not None
    assert extraction.value == "Dana"


@pytest.mark.parametrize(("text", "codes"), [
    ("Adjustment reason forty-five and B seven.", ["45", "B7"]),
    ("reason B as in boy, seven", ["B7"]),
    ("reason codes B seven, twenty three", ["B7", "23"]),
    ("group O A twenty-three", ["23"]),  # the A closes a group code
    ("reasons a one and P two", ["1", "P2"]),  # "a" is an article
])
def test_lettered_carcs(text: str, codes: list[str]) -> None:
    carcs = extract_carc_codes(text)
    assert carcs is not None
    assert carcs.value == codes


def test_spelled_label_after_a_contraction_is_joined() -> None:
    from payerline.agent.extract.lexer import join_spelled_initialisms

    assert join_spelled_initialisms("That's I C N two zero two six.") == "That's ICN two zero two six."
    assert join_spelled_initialisms("You entered 3 N P I 4.") == "You entered 3 N P I 4."


@pytest.mark.parametrize(("text", "status"), [
    ("I don't see anything on file that matches. It looks like that claim has not been received.", "not_on_file"),
    ("It hasn't been received yet.", "not_on_file"),
    ("The claim was received on March 3.", "received"),
])
def test_claim_not_yet_received_is_not_on_file(text: str, status: str) -> None:
    from payerline.agent.extract.status import extract_claim_status

    found = extract_claim_status(text)
    assert found is not None
    assert found.value.value == status


def test_accented_representative_name_is_whole() -> None:
    extraction = extract_person_name("Thanks for holding, this is Tomás. How can I help?")
    assert extraction is not None and extraction.value == "Tomás"
    assert greeting_name("Bluewater, Zoë speaking.") == "Zoë"


@pytest.mark.parametrize(("text", "name"), [
    ("Brightwater provider line, my name is Hye-jin. Who do I have the pleasure of speaking with?", "Hye-jin"),
    ("This is Jean-Luc, how can I help?", "Jean-Luc"),
    ("Provider services, Hye-jin speaking.", "Hye-jin"),
    ("This is McKenzie.", "McKenzie"),
])
def test_hyphenated_and_inner_capital_names_are_whole(text: str, name: str) -> None:
    extraction = extract_person_name(text)
    assert extraction is not None and extraction.value == name


def test_capital_a_before_double_is_a_letter() -> None:
    extraction = extract_identifier("Our reference for the claim is B W two six, A double zero five, eight three zero two.")
    assert extraction is not None and extraction.value == "BW26A0058302"
    assert extract_identifier("I have a double room.") is None


def test_not_seeing_a_claim_is_not_on_file() -> None:
    extraction = extract_claim_status("I'm not seeing a claim for that on our system for this beneficiary and supplier.")
    assert extraction is not None and extraction.value is ClaimStatus.NOT_ON_FILE


@pytest.mark.parametrize(("text", "value"), [
    # How the number will be read is no part of it.
    ("Grab a pen, it's twelve digits, in groups of three: four oh two, one one eight, eight five two, oh four four.",
     "402118852044"),
    # "for $940" heard as "four nine hundred forty dollars" after the number.
    ("Claim one, number two six zero four one one zero zero three six six zero one four, four nine hundred forty "
     "dollars in charges.", "26041100366014"),
    ("Claim one, number two six zero four one one zero zero three six six zero one four four nine hundred forty "
     "dollars in charges.", "26041100366014"),
    ("Claim number two six zero four one one zero zero three six six zero one four, forty dollars.", "26041100366014"),
])
def test_identifier_without_reading_words(text: str, value: str) -> None:
    found = extract_identifier(text)
    assert found is not None
    assert found.value == value
