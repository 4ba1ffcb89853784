"""Tests for reading IVR read-outs and prompts that a recogniser garbled."""

from __future__ import annotations

from decimal import Decimal

from payerline.agent.confirm import LOW_CONFIDENCE
from payerline.agent.extract import Extraction
from payerline.agent.prompts import Cue, analyze_prompt, turn_text
from payerline.agent.readout import parse_fields, parse_unlabelled_claim_number
from payerline.agent.results import SOURCE_IVR, ClaimState, Heard

DIGITS = "two two six nine eight eight six five three four zero eight four"


def test_unlabelled_claim_number_read_from_bare_sentence():
    heard = parse_unlabelled_claim_number(f"The is {DIGITS}.")
    assert heard is not None
    assert heard.value == "2269886534084"
    assert heard.confidence < 0.9


def test_unlabelled_claim_number_skips_claim_ordinal():
    heard = parse_unlabelled_claim_number(f"Claim one, {DIGITS}.")
    assert heard is not None
    assert heard.value == "2269886534084"


def test_unlabelled_claim_number_rejects_readbacks_and_short_numbers():
    assert parse_unlabelled_claim_number(f"I heard {DIGITS}. Is that right?") is None
    assert parse_unlabelled_claim_number("Claim one.") is None
    assert parse_unlabelled_claim_number("The is four five six.") is None


def test_control_number_label_without_document():
    found = parse_fields(f"The control number is {DIGITS}.", None)
    assert found["claim_number"].value == "2269886534084"


def test_closed_message_without_closed_word():
    analysis = analyze_prompt("Our office is The provider contact center is open Monday through Friday, "
                              "8 a.m. to 6 p.m. Central time. Goodbye.")
    assert analysis.has(Cue.CLOSED)


def test_hours_before_a_menu_are_not_closed():
    analysis = analyze_prompt("Our hours are Monday through Friday 8 a.m. to 6 p.m. For claims, press 1.")
    assert not analysis.has(Cue.CLOSED)


def test_confirmation_without_correct_word():
    analysis = analyze_prompt("You entered 7 2 0 6. If this is press 1. To re-enter, press 2.")
    assert analysis.confirmation is not None
    assert analysis.confirmation.yes_key == "1"
    assert analysis.confirmation.no_key == "2"


def test_invalid_entry_notice_that_lost_not():
    assert analyze_prompt("I'm sorry, that entry is valid.").has(Cue.INVALID)


def heard_at(index: int, confidence: float) -> Heard:
    return Heard(index, float(index), index + 1.0, confidence)


def test_low_confidence_value_kept_with_lower_confidence():
    claim = ClaimState(0)
    claim.record("paid_amount", Extraction(Decimal("80.00"), 0.9), heard_at(1, 0.5), SOURCE_IVR)
    assert claim.fields["paid_amount"].value == Decimal("80.00")
    assert claim.fields["paid_amount"].confidence == 0.45
    assert claim.doubtful_ivr_fields(LOW_CONFIDENCE) == ["paid_amount"]


def test_doubt_settled_by_second_alike_hearing():
    claim = ClaimState(0)
    claim.record("paid_amount", Extraction(Decimal("80.00"), 0.9), heard_at(1, 0.5), SOURCE_IVR)
    claim.record("paid_amount", Extraction(Decimal("80.00"), 0.9), heard_at(2, 0.6), SOURCE_IVR)
    assert claim.doubtful_ivr_fields(LOW_CONFIDENCE) == []
    assert claim.fields["paid_amount"].heard.utterance == 2


def test_vote_across_three_hearings_of_an_amount():
    claim = ClaimState(0)
    for index, amount in enumerate(("100.52", "121.52", "121.52")):
        claim.record("paid_amount", Extraction(Decimal(amount), 0.9), heard_at(index, 0.7), SOURCE_IVR)
    assert claim.fields["paid_amount"].value == Decimal("121.52")


def test_person_greeting_that_lost_words():
    assert analyze_prompt("Thank you for this was Bill, how could I help you?").has(Cue.PERSON_GREETING)
    assert analyze_prompt("Hello? you still there?").person_likely


def test_option_without_key_does_not_swallow_the_next():
    options = analyze_prompt(turn_text(["To hear this claim again, press", "To check another claim, press 2."])).options
    assert [(option.label, option.key, option.key_lost) for option in options] == [
        ("hear this claim again", None, True), ("check another claim", "2", False)]
