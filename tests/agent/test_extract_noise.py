"""Extractors and cues on text with speech-recognition errors: misheard words, lost dollars, a lost year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from payerline.agent.extract import extract_date, extract_identifier, extract_money, extract_yes_no
from payerline.agent.prompts import Cue, analyze_prompt
from payerline.agent.readout import parse_answer


def test_money_reads_misheard_and_before_cents() -> None:
    in_cents = extract_money("The member owes thirty-seven dollars in forty-six cents.")
    an_cents = extract_money("We allowed twenty-six dollars an sixty-eight cents.")
    assert in_cents is not None and in_cents.value == Decimal("37.46")
    assert an_cents is not None and an_cents.value == Decimal("26.68")


def test_money_with_lost_dollars_is_unheard() -> None:
    assert extract_money("You can bill the patient for dollars and forty-five cents.") is None
    assert extract_money("The member owes and thirty-six cents.") is None


def test_money_cents_alone_still_read() -> None:
    forty = extract_money("forty cents")
    zero_and = extract_money("zero dollars and forty cents")
    assert forty is not None and forty.value == Decimal("0.40")
    assert zero_and is not None and zero_and.value == Decimal("0.40")


def test_date_with_bare_twenty_year_takes_no_year() -> None:
    heard = extract_date("Okay, so it processed, um, February nineteenth, twenty", date(2026, 3, 20))
    assert heard is not None
    assert heard.value == date(2026, 2, 19)
    assert heard.confidence < 0.9


def test_date_twenty_twenty_is_still_2020() -> None:
    heard = extract_date("March third, twenty twenty", date(2026, 3, 20))
    assert heard is not None and heard.value == date(2020, 3, 3)


def test_money_with_lost_cents_is_unheard() -> None:
    assert extract_money("Actually, it's thirty-nine dollars and cents.") is None


def test_yes_no_reads_know_as_no() -> None:
    heard = extract_yes_no("know, it's fifty-nine dollars and fourteen cents.")
    assert heard is not None and heard.value is False
    assert extract_yes_no("I know that one") is None


def test_identifier_homophone_between_letter_and_digit() -> None:
    identifier = extract_identifier("Number's R W to six, A double oh six, three three oh seven.")
    assert identifier is not None
    assert identifier.value == "RW26A0063307"


@pytest.mark.parametrize(("text", "expected"), [
    # Letters paced by pauses, then "two" heard as "to" after the pause.
    ("S as in Sam, S as in Sam, A as in apple, to six oh, two oh nine, oh oh three, one eight.", "SSA26020900318"),
    # "two" heard as "too" right after a self-correction.
    ("That's two oh four one double oh two oh oh one oh, I'm sorry, too six oh four one double oh two double oh "
     "one nine.", "260410020019"),
])
def test_identifier_homophone_after_a_pause(text: str, expected: str) -> None:
    identifier = extract_identifier(text)
    assert identifier is not None and identifier.value == expected


def test_identifier_drops_its_spelled_label() -> None:
    identifier = extract_identifier("That's I C N two oh two six, zero double oh, oh one two four, eight.")
    assert identifier is not None and identifier.value == "202600001248"
    assert extract_identifier("The claim is to be reviewed, K, to follow.") is None


def test_identifier_stops_before_for_heard_as_four() -> None:
    identifier = extract_identifier("Claim one, document number two one zero two six zero zero zero four eight eight "
                                    "one one nine, four dates February fourth.")
    assert identifier is not None
    assert identifier.value == "21026000488119"


def test_claim_id_label_remnant_dropped() -> None:
    found = parse_answer("claim_number", "I D, two six zero four, one double zero eight, double one six four.", None)
    assert found["claim_number"].value == "260410081164"


@pytest.mark.parametrize("text", [
    "I'm sorry, we calls from a live person on this line. Goodbye.",
    "I'm sorry, we only take calls from a person on this line. Goodbye.",
    "I'm sorry, we can only assist live callers on this line. Goodbye.",
])
def test_refusal_of_automated_callers_with_words_lost(text: str) -> None:
    assert analyze_prompt(text).has(Cue.AUTOMATED_REFUSED)


def test_no_claim_heard_as_know_claim() -> None:
    assert analyze_prompt("know claim was found matching information entered.").has(Cue.CLAIM_NOT_FOUND)


def test_maintenance_notice_with_try_lost_is_an_outage() -> None:
    analysis = analyze_prompt("We're sorry. Claim information is temporarily unavailable due to system maintenance. "
                              "Please again later or the provider portal. Goodbye.")
    assert analysis.has(Cue.SYSTEMS_DOWN)
    assert not analysis.has(Cue.CLOSED)
