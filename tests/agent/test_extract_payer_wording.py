"""Extractors on payer wording the agent was not first written for.

The utterances come from payer files written by someone who had only read
docs/sandbox-payers.md, and from the terms real EOBs, remits and
representatives use. Each case failed before the change it tests.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from payerline.agent.extract import (
    extract_date,
    extract_identifier,
    extract_money,
    extract_person_name,
    extract_yes_no,
)
from payerline.agent.extract.lexer import Kind, tokenize
from payerline.agent.ivr_hearings import judge_readout_claims, other_claim_sentences
from payerline.agent.readout import claim_blocks, parse_answer, parse_fields
from payerline.domain.request import ClaimQuery

CALL_DATE = date(2026, 11, 20)


def values(text: str) -> dict[str, object]:
    return {name: extraction.value for name, extraction in parse_fields(text, CALL_DATE).items()}


# --- each date belongs to the label or verb nearest before it ---------------------------

@pytest.mark.parametrize(("text", "received", "processed"), [
    ("We received it on July twenty-sixth, twenty twenty-six and finished processing on "
     "August eighteenth, twenty twenty-six.", date(2026, 7, 26), date(2026, 8, 18)),
    ("Its status is denied. We received it August twenty-first, twenty twenty-six and it was decided "
     "September fifth, twenty twenty-six.", date(2026, 8, 21), date(2026, 9, 5)),
    ("Received on March third, twenty twenty-six, adjudicated March twentieth, twenty twenty-six.",
     date(2026, 3, 3), date(2026, 3, 20)),
    ("It came in October first, twenty twenty-six and processing was completed October ninth, twenty twenty-six.",
     date(2026, 10, 1), date(2026, 10, 9)),
])
def test_date_goes_to_nearest_label(text: str, received: date, processed: date) -> None:
    found = values(text)
    assert found["received_date"] == received
    assert found["processed_date"] == processed


def test_unlabelled_second_date_ignored() -> None:
    # The verb of the second date is unknown: the received date stays the first date.
    found = values("We received it on July twenty-sixth, twenty twenty-six and sent it on August eighteenth, "
                   "twenty twenty-six.")
    assert found["received_date"] == date(2026, 7, 26)


def test_labelled_date_correction_wins() -> None:
    found = values("Received March third, sorry, March fifth, twenty twenty-six.")
    assert found["received_date"] == date(2026, 3, 5)


def test_first_date_option() -> None:
    text = "October 16, 2026 and then March 3, 2026"
    assert extract_date(text, CALL_DATE).value == date(2026, 3, 3)
    assert extract_date(text, CALL_DATE, first=True).value == date(2026, 10, 16)


# --- amount and date vocabulary of EOBs, remits and representatives ---------------------

@pytest.mark.parametrize(("text", "field", "value"), [
    ("Member cost share thirty-four dollars and four cents.", "patient_responsibility", Decimal("34.04")),
    ("Member cost share zero dollars.", "patient_responsibility", Decimal("0.00")),
    ("Amount owed by the member sixteen dollars.", "patient_responsibility", Decimal("16.00")),
    ("Patient liability sixty dollars.", "patient_responsibility", Decimal("60.00")),
    ("The member is responsible for twenty-five dollars and ten cents.", "patient_responsibility",
     Decimal("25.10")),
    ("Patient cost-sharing is twelve dollars.", "patient_responsibility", Decimal("12.00")),
    ("Submitted amount one hundred twelve dollars.", "billed_amount", Decimal("112.00")),
    ("Submitted charges four hundred dollars.", "billed_amount", Decimal("400.00")),
    ("Total charges four hundred dollars.", "billed_amount", Decimal("400.00")),
    ("Approved amount eighty dollars.", "allowed_amount", Decimal("80.00")),
    ("Eligible amount three hundred dollars.", "allowed_amount", Decimal("300.00")),
    ("Contracted amount ninety dollars and fifty cents.", "allowed_amount", Decimal("90.50")),
    ("Plan paid sixty-four dollars.", "paid_amount", Decimal("64.00")),
    ("Payment amount two hundred forty dollars.", "paid_amount", Decimal("240.00")),
    ("Reimbursement amount fifty-five dollars.", "paid_amount", Decimal("55.00")),
    ("We got it on March third, twenty twenty-six.", "received_date", date(2026, 3, 3)),
    ("Payment went out on March ninth, twenty twenty-six.", "paid_date", date(2026, 3, 9)),
    ("Denial group C O, reason codes fifty.", "adjustment_group_code", "CO"),
])
def test_payer_vocabulary_labels(text: str, field: str, value: object) -> None:
    assert values(text)[field] == value


def test_remit_amounts_kept_apart() -> None:
    found = values("Submitted amount one hundred twelve dollars. Approved amount eighty dollars. "
                   "Plan paid sixty-four dollars. Amount owed by the member sixteen dollars.")
    assert (found["billed_amount"], found["allowed_amount"], found["paid_amount"],
            found["patient_responsibility"]) == (Decimal("112.00"), Decimal("80.00"), Decimal("64.00"),
                                                 Decimal("16.00"))


def test_cost_share_answers_question() -> None:
    found = parse_answer("patient_responsibility", "Member cost share is twelve dollars.", CALL_DATE)
    assert found["patient_responsibility"].value == Decimal("12.00")


def test_spelled_eft_label_check_number() -> None:
    found = values("Plan paid ninety-six dollars on October fifth, twenty twenty-six, check or E F T number "
                   "seven three three one one seven three six two.")
    assert found["check_number"] == "733117362"
    assert found["paid_date"] == date(2026, 10, 5)


@pytest.mark.parametrize(("answer", "trace"), [
    ("E F T E F T, double eight three, oh nine nine, seven six.", "EFT88309976"),
    ("Trace E F T double eight three oh nine nine seven six.", "EFT88309976"),
    ("EFT number is E F T double eight three oh nine nine seven six.", "EFT88309976"),
    ("E F T, double eight three, oh nine nine, seven six.", "88309976"),
    ("Trace, double eight three oh nine nine seven six.", "88309976"),
])
def test_trace_letters_after_a_payment_word(answer: str, trace: str) -> None:
    assert parse_answer("check_number", answer, CALL_DATE)["check_number"].value == trace


# --- dates read digit by digit ----------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("one zero one six, two zero two six", date(2026, 10, 16)),
    ("That was received, um, one zero one six, two zero two six.", date(2026, 10, 16)),
    ("It came in on one zero one four, two zero two six.", date(2026, 10, 14)),
    ("one oh one six two oh two six", date(2026, 10, 16)),
    ("one zero, one six, two zero two six", date(2026, 10, 16)),
    ("one zero one six two six", date(2026, 10, 16)),
    ("one two zero three two zero two five", date(2025, 12, 3)),
    ("zero seven two zero, two zero two six", date(2026, 7, 20)),
    ("oh nine, oh nine, twenty-six", date(2026, 9, 9)),
    ("ten sixteen twenty twenty-six", date(2026, 10, 16)),
    ("October sixteenth, two zero two six", date(2026, 10, 16)),
    ("Our received date is oh seven, oh for, twenty-six.", date(2026, 7, 4)),
])
def test_digit_by_digit_dates(text: str, value: date) -> None:
    extraction = extract_date(text, CALL_DATE)
    assert extraction is not None, text
    assert extraction.value == value


# --- self-corrections -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("That's claim two seven eight four oh seven one oh one five one oh, Sorry, scratch that. "
     "two six eight, four oh seven, one oh one, five one oh.", "268407101510"),
    ("That's claim three six double eight seven nine oh six one five six oh, Wait, I misread that. "
     "two six double eight, seven nine zero six, one five six zero.", "268879061560"),
    ("two seven eight sorry two six eight four oh seven one oh one five one oh", "268407101510"),
    ("five five two, six oh seven, my mistake, five five two, six oh eight", "552608"),
    ("nine eight seven, or rather, nine eight six, one two three", "986123"),
    ("Let me fix that, it's actually two six eight, four zero seven, one zero one, five one zero.",
     "268407101510"),
    ("Claim number four one zero two five five zero for for four one.", "41025504441"),
])
def test_correction_replaces_earlier_value(text: str, value: str) -> None:
    extraction = extract_identifier(text)
    assert extraction is not None
    assert extraction.value == value


def test_chained_cues_make_one_correction() -> None:
    kinds = [token.kind for token in tokenize("six oh, Sorry, scratch that. two six")]
    assert kinds.count(Kind.CORRECTION) == 1
    assert Kind.STOP not in kinds


def test_cue_inside_sentence_not_correction() -> None:
    kinds = [token.kind for token in tokenize("I'm sorry to hear that, the claim is actually pending.")]
    assert Kind.CORRECTION not in kinds


@pytest.mark.parametrize("text", [
    "Not quite. It's two six eight.",
    "Let me fix that, it's actually two six eight.",
    "Close, but it's two six nine.",
    "Actually it's two six nine.",
])
def test_readback_correction_is_no(text: str) -> None:
    answer = extract_yes_no(text)
    assert answer is not None and answer.value is False


def test_plain_yes_stays_yes() -> None:
    answer = extract_yes_no("Yep, you've got it.")
    assert answer is not None and answer.value is True


@pytest.mark.parametrize(("text", "value"), [
    # A restatement that lost a digit on the line is not glued after the number it corrects.
    ("five five two seven, oh five seven five, one two seven eight, nine, no, sorry, double five two six, "
     "zero five seven five, one two seven eight, nine", "5526057512789"),
    ("five five two seven, oh five seven five, one two seven eight, nine, no, sorry, double five two six, "
     "zero five seven five, one two seven eight,", "552605751278"),
    # A short correction still replaces only the group it corrects.
    ("one nine four, four seven, no, sorry, four eight two", "194482"),
    ("three one two, three four, sorry, three five", "31235"),
])
def test_correction_replaces_right_part(text: str, value: str) -> None:
    extraction = extract_identifier(text)
    assert extraction is not None
    assert extraction.value == value


# --- amounts whose word "cents" was lost on the line --------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("Total paid: fifty-four dollars and ninety-one", Decimal("54.91")),
    ("one hundred fourteen dollars and twenty-seven paid zero dollars", Decimal("114.27")),
    ("six dollars and oh five", Decimal("6.05")),
])
def test_cents_without_cents_word(text: str, value: Decimal) -> None:
    extraction = extract_money(text)
    assert extraction is not None
    assert extraction.value == value
    assert extraction.confidence < 0.9  # a lost word may have been a digit


def test_lost_cents_is_unheard() -> None:
    assert extract_money("two hundred thirteen dollars and cents") is None


# --- processing verbs and labels outside payers used ------------------------------------

@pytest.mark.parametrize(("text", "name", "value"), [
    ("Member copay zero dollars.", "patient_responsibility", Decimal("0.00")),
    ("Recipient copay three dollars.", "patient_responsibility", Decimal("3.00")),
    ("Remittance date October twenty-seventh, twenty twenty-six.", "paid_date", date(2026, 10, 27)),
    ("We expect to finish processing within forty-five days of receipt.", "expected_processing_days", 45),
    ("The denial reason code is two hundred four.", "carc_codes", ["204"]),
    ("Remittance number two zero three nine two two seven zero.", "check_number", "20392270"),
    ("Claim status: adjusted. Adjustment date September eighteenth, twenty twenty-six.", "processed_date",
     date(2026, 9, 18)),
    ("Claim status: denied. Denial date October eighth, twenty twenty-six.", "processed_date", date(2026, 10, 8)),
    ("Claim status: cancelled. Void date September ninth, twenty twenty-six.", "processed_date", date(2026, 9, 9)),
    ("The claim was reprocessed on July fifteenth, twenty twenty-six.", "processed_date", date(2026, 7, 15)),
    ("Approved amount ninety-eight dollars and sixty-two cents, to be released in the payment cycle of "
     "November twentieth, twenty twenty-six.", "paid_amount", Decimal("98.62")),
    ("Approved amount ninety-eight dollars and sixty-two cents, to be released in the payment cycle of "
     "November twentieth, twenty twenty-six.", "paid_date", date(2026, 11, 20)),
    ("Claim one, claim number six two six two nine seven five six three three four zero, for services on "
     "October twentieth, twenty twenty-six.", "claim_number", "626297563340"),
    ("Claims like this are usually finalized within forty-five days of receipt.", "expected_processing_days", 45),
    ("A payment nine hundred twenty-four dollars and seventy-five cents was scheduled to go out on October "
     "twenty-second, twenty twenty-six.", "paid_amount", Decimal("924.75")),
    ("Most claims are adjudicated within thirty days.", "expected_processing_days", 30),
    ("Claim one, claim number two six two seven four one eight eight five one nine eight seven, "
     "was approved on October twenty-seventh, twenty twenty-six.", "processed_date", date(2026, 10, 27)),
])
def test_processing_verbs(text: str, name: str, value: object) -> None:
    assert values(text)[name] == value


@pytest.mark.parametrize("text", [
    "Thank you for calling Redwood Crest provider services, my name is May I have your name?",
    "You can put down",
])
def test_question_or_pronoun_is_not_a_name(text: str) -> None:
    assert extract_person_name(text) is None


def test_part_of_amount_to_deductible_is_not_status() -> None:
    assert "claim_status" not in values("Of that, one hundred dollars was applied to the deductible.")


@pytest.mark.parametrize(("text", "name"), [
    ("Good day, you've reached Desert Sage Community Health Plan, this is Colleen. What is the reason for your call?",
     "Colleen"),
    ("You spoke with Colleen.", "Colleen"),
    ("Hi, you've reached Marisol in provider services.", "Marisol"),
    ("Desert Sage provider services, Yvette speaking. How can I help you today?", "Yvette"),
])
def test_speaker_name_before_payer_name(text: str, name: str) -> None:
    extraction = extract_person_name(text)
    assert extraction is not None
    assert extraction.value == name


def test_second_claim_number_starts_claim() -> None:
    texts = ["Here's what I found: two claims.",
             "For the service on July twenty-second, claim number two six five seven.",
             "Its status is partially paid.",
             "For the service on July twenty-second, claim number two six three two.",
             "Its status is paid."]
    assert claim_blocks(texts) == [[0, 1, 2], [3, 4]]
    assert claim_blocks(["Claim one.", "Claim number 123.", "Status paid."]) == [[0], [1, 2]]


VOID_AND_REPLACEMENT = [
    "The system found two claims.",
    "Internal control number five zero two six two eight seven zero zero zero four one two.",
    "First date of service August twenty-fifth, twenty twenty-six.",
    "Claim status: adjusted.",
    "Billed amount two hundred sixty dollars.",
    "Internal control number two zero two six two four three zero zero eight eight three six.",
    "First date of service August twenty-fifth, twenty twenty-six.",
    "Claim status: cancelled.",
    "Billed amount two hundred sixty dollars.",
]


def test_control_number_starts_claim() -> None:
    assert claim_blocks(VOID_AND_REPLACEMENT) == [[0, 1, 2, 3, 4], [5, 6, 7, 8]]


def test_twin_claims_keep_the_requested_number() -> None:
    query = ClaimQuery(service_date_from=date(2026, 8, 25), billed_amount=Decimal("260.00"))
    assert other_claim_sentences(VOID_AND_REPLACEMENT, query, date(2026, 12, 1)) == {5, 6, 7, 8}
    by_number = query.model_copy(update={"payer_claim_number": "2026243008836"})
    assert other_claim_sentences(VOID_AND_REPLACEMENT, by_number, date(2026, 12, 1)) == {0, 1, 2, 3, 4}


def test_twin_claims_prefer_read_charges() -> None:
    texts = ["I found two claims.",
             "Claim number two six two three, for service on August seventeenth, twenty twenty-six.",
             "Current status: cancelled.",
             "Claim number two six two four, for service on August seventeenth, twenty twenty-six, was paid.",
             "Of the one hundred sixty-five dollars billed, one hundred eighteen dollars was allowed."]
    query = ClaimQuery(service_date_from=date(2026, 8, 17), billed_amount=Decimal("165.00"))
    assert other_claim_sentences(texts, query, date(2026, 12, 1)) == {1, 2}


def test_twin_claims_prefer_the_requested_span() -> None:
    texts = ["Number of claims found: two.",
             "Claim one. Document control number two one zero two six five six four.",
             "Dates of service January nineteenth, twenty twenty-six through January twenty-third, twenty twenty-six.",
             "Current status, adjusted.",
             "Claim two. Document control number two one zero two six five seven one.",
             "Current status, cancelled."]
    one_day = ClaimQuery(service_date_from=date(2026, 1, 19), billed_amount=Decimal("11200.00"))
    assert other_claim_sentences(texts, one_day, date(2026, 4, 1)) == {1, 2, 3}
    span = one_day.model_copy(update={"service_date_to": date(2026, 1, 23)})
    assert other_claim_sentences(texts, span, date(2026, 4, 1)) == {4, 5}


def test_readout_day_inside_month_other_claim() -> None:
    texts = ["I found one claim. Here's what I have.",
             "Claim one, claim number E two six zero four eight two two one five six three, for service on February "
             "tenth, twenty twenty-six, was denied on February twenty-sixth, twenty twenty-six."]
    month = ClaimQuery(service_date_from=date(2026, 2, 1), service_date_to=date(2026, 2, 28),
                       billed_amount=Decimal("180.00"))
    assert other_claim_sentences(texts, month, date(2026, 4, 1)) == {1}
    first_day = [texts[0], texts[1].replace("February tenth", "February first")]
    assert other_claim_sentences(first_day, month, date(2026, 4, 1)) == set()


PLACES_ONLY = ["For those dates, I found two claims.",
               "Claim one, date of service September eighth, twenty twenty-six.",
               "Status: cancelled.",
               "Claim two, date of service September eighth, twenty twenty-six.",
               "Status: paid.",
               "Billed charges two hundred forty dollars."]
DETAILS = ["Details for claim one.",
           "The I C N is two two two six two five three zero three eight eight one two.",
           "Details for claim two.",
           "The I C N is two two two six two six eight zero four nine nine three seven.",
           "Patient responsibility thirty dollars and forty-seven cents."]


def test_twins_by_place_prefer_charges() -> None:
    query = ClaimQuery(service_date_from=date(2026, 9, 8), billed_amount=Decimal("240.00"))
    judged = judge_readout_claims(PLACES_ONLY, query, date(2026, 12, 1))
    assert judged.other_sentences == {1, 2}
    assert judged.kept_ordinal == 2
    # Another claim of the call kept the second place: this one takes the first.
    assert judge_readout_claims(PLACES_ONLY, query, date(2026, 12, 1), taken_ordinals={2}).kept_ordinal == 1


def test_twins_by_place_await_number() -> None:
    query = ClaimQuery(service_date_from=date(2026, 9, 8), billed_amount=Decimal("240.00"),
                       payer_claim_number="2226253038812")
    # The listing names no numbers: neither place is kept yet.
    assert judge_readout_claims(PLACES_ONLY, query, date(2026, 12, 1)).other_sentences == {1, 2, 3, 4, 5}
    details = judge_readout_claims(DETAILS, query, date(2026, 12, 1))
    assert details.kept_ordinal == 1
    assert details.other_sentences == {2, 3, 4}
    # Heard again after the detail, the listing keeps the place the number was read in.
    again = judge_readout_claims(PLACES_ONLY, query, date(2026, 12, 1), kept_ordinal=1)
    assert again.other_sentences == {3, 4, 5}


def test_restated_number_after_reading_the_wrong_line() -> None:
    text = ("The ICN on that one is three double two six, double two six oh, oh four one eight, one, oh, I'm sorry, "
            "I was reading the wrong line, triple two six double two six oh oh four one eight one.")
    found = extract_identifier(text)
    assert found is not None and found.value == "2226226004181"


def test_line_detail_amount_is_no_twin() -> None:
    # A line's billed amount is not the claim's: the block is skipped, but it names no twin whose values to drop.
    texts = ["Claim one. ICN two two two six two six six four zero one zero four five.", "Detail lines three.",
             "Date September eighteenth, twenty twenty-six. Billed nine hundred eighty dollars."]
    query = ClaimQuery(service_date_from=date(2026, 9, 18), billed_amount=Decimal("2680.00"))
    judged = judge_readout_claims(texts, query, date(2026, 12, 1))
    assert judged.other_sentences == {0, 1, 2}
    assert judged.twin_sentences == frozenset()
