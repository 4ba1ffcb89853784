"""Reading claim fields out of IVR read-out sentences."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from payerline.agent.extract import Extraction
from payerline.agent.readout import (
    block_ordinal,
    claim_blocks,
    parse_copay,
    parse_deductible,
    parse_answer,
    parse_fields,
    parse_service_date,
    parse_service_span,
    reimbursements_as_allowed,
    split_lines,
    summary_after_lines,
)
from payerline.agent.readout_capture import approved_as_payment, readout_text
from payerline.agent.results import SOURCE_IVR, ClaimState, Heard
from payerline.domain.codes import ClaimStatus

CALL_DATE = date(2026, 4, 1)


def values(text: str) -> dict[str, object]:
    return {name: extraction.value for name, extraction in parse_fields(text, CALL_DATE).items()}


def test_paid_amount_not_taken_for_paid_on() -> None:
    found = values("Billed three hundred thirty-eight dollars, allowed one hundred ninety dollars and ten cents, "
                   "paid one hundred fifty-two dollars and eight cents.")
    assert found["paid_amount"] == Decimal("152.08")
    assert "paid_date" not in found


def test_paid_amount_on_date_gives_paid_date() -> None:
    found = values("Humana paid fifty-three dollars and fifty-five cents on February seventeenth, twenty twenty-six.")
    assert found["paid_amount"] == Decimal("53.55")
    assert found["paid_date"] == date(2026, 2, 17)


def test_denied_on_remittance_is_processed_date() -> None:
    found = values("Denied on the remittance dated February twenty-fourth, twenty twenty-six.")
    assert found["processed_date"] == date(2026, 2, 24)
    assert "paid_date" not in found


def test_explanation_codes_are_carcs() -> None:
    assert values("Explanation codes sixteen.")["carc_codes"] == ["16"]


def test_deductible_amount_read() -> None:
    amount = parse_deductible("Total applied to deductible: twenty-two dollars and forty cents.")
    assert amount is not None
    assert amount.value == Decimal("22.40")


def test_deductible_status_is_no_amount() -> None:
    assert parse_deductible("Status applied to the deductible, with no payment.") is None


def test_claim_blocks_split_at_claim_starts() -> None:
    texts = ["Claims found: two.", "Claim one, ICN 1 2 3 4 5.", "Claim status: paid.",
             "Claim two, ICN 6 7 8 9 0.", "Status denied."]
    assert claim_blocks(texts) == [[0], [1, 2], [3, 4]]


def test_service_date_read() -> None:
    served = parse_service_date("Date of service March fourth, twenty twenty-six.", CALL_DATE)
    assert served is not None
    assert served.value == date(2026, 3, 4)
    assert parse_service_date("Received on March fourteenth, twenty twenty-six.", CALL_DATE) is None


def test_spelled_initialism_labels_claim_number() -> None:
    found = values("Claim one. D C N two one six one nine one nine four zero zero two seven five five.")
    assert found["claim_number"] == "21619194002755"


def test_capital_a_between_digits_is_letter() -> None:
    found = values("Claim number E two six two nine six A zero one four zero nine, date of service October "
                   "twenty-first, twenty twenty-six, was denied on November second, twenty twenty-six.")
    assert found["claim_number"] == "E26296A01409"
    # "two A" and "four A" read as "to a" and "for a" elsewhere; before a digit the A is the identifier's.
    found = values("Claim number E two six three two two A zero three three zero two, date of service November "
                   "sixteenth, twenty twenty-six, was received on November eighteenth, twenty twenty-six.")
    assert found["claim_number"] == "E26322A03302"


def test_status_comma_as_of_is_processed_date() -> None:
    found = values("Claim status: adjusted, as of October twenty-second, twenty twenty-six.")
    assert found["processed_date"] == date(2026, 10, 22)
    assert found["claim_status"].value == "adjusted"


def test_bare_group_before_code() -> None:
    found = values("The denial is group C O, reason code two eighty-eight.")
    assert found["adjustment_group_code"] == "CO"
    assert found["carc_codes"] == ["288"]
    found = values("The adjustment reason is group P R, code one.")
    assert found["adjustment_group_code"] == "PR"
    assert found["carc_codes"] == ["1"]


def test_deductible_and_coinsurance_is_patient_share() -> None:
    found = values("Beneficiary deductible and coinsurance six hundred three dollars and twenty-eight cents.")
    assert found["patient_responsibility"] == Decimal("603.28")


def test_warrant_date_is_paid_date() -> None:
    found = values("This claim is on remittance advice number nine zero zero four three one five six zero, with a "
                   "warrant date of November fourth, twenty twenty-six.")
    assert found["check_number"] == "900431560"
    assert found["paid_date"] == date(2026, 11, 4)


def test_will_pay_on_or_after() -> None:
    found = values("Medicare will pay one hundred forty-two dollars and sixty-four cents on or after April "
                   "twenty-second, twenty twenty-six.")
    assert found["paid_amount"] == Decimal("142.64")
    assert found["paid_date"] == date(2026, 4, 22)
    assert "paid_date" not in values("You can call back on or after May first.")
    found = values("We'll pay two hundred twelve dollars and sixty-four cents on November twenty-fifth, twenty twenty-six.")
    assert found["paid_amount"] == Decimal("212.64")
    assert found["paid_date"] == date(2026, 11, 25)


def test_denial_on_remittance_dated() -> None:
    found = values("The denial appears on the remittance advice dated November sixteenth, twenty twenty-six.")
    assert found["processed_date"] == date(2026, 11, 16)


def test_adjusted_on_review_then_date() -> None:
    found = values("This bill was adjusted on reconsideration on November third, twenty twenty-six.")
    assert found["processed_date"] == date(2026, 11, 3)


def test_balance_billable_to_worker_is_patient_share() -> None:
    found = values("Balance billable to the injured worker: zero dollars.")
    assert found["patient_responsibility"] == Decimal("0.00")


def test_billed_amount_from_the_charge() -> None:
    found = values("The charge was one thousand three hundred fifty dollars, and the allowed amount was six hundred "
                   "twelve dollars and forty cents.")
    assert found["billed_amount"] == Decimal("1350.00")
    assert found["allowed_amount"] == Decimal("612.40")


def test_for_after_comma_ends_claim_number() -> None:
    found = values("Claim one, claim number two zero two six zero four four zero zero seven seven three zero, for "
                   "dates of service February tenth, twenty twenty-six through February tenth, twenty twenty-six, "
                   "was denied.")
    assert found["claim_number"] == "2026044007730"


def test_release_date_and_spend_down_date() -> None:
    found = values("Payment amount one hundred twelve dollars and forty cents. Payment release date November "
                   "thirteenth, twenty twenty-six.")
    assert found["paid_date"] == date(2026, 11, 13)
    found = values("This claim was applied to the deductible. It was applied to the member's spend-down on "
                   "September twenty-third, twenty twenty-six.")
    assert found["processed_date"] == date(2026, 9, 23)


def test_payment_colon_amount_is_paid() -> None:
    assert values("Fund payment: one hundred thirty-four dollars and twenty cents.")["paid_amount"] == Decimal("134.20")


def test_time_to_finalize_is_processing_days() -> None:
    assert values("Estimated time to finalize: fourteen days.")["expected_processing_days"] == 14


def test_release_then_amount_is_paid_amount() -> None:
    found = values("It is scheduled for release on November twenty-fourth, twenty twenty-six, "
                   "in the amount of two thousand one hundred eighty-four dollars and fifty-six cents.")
    assert found["paid_amount"] == Decimal("2184.56")
    assert found["paid_date"] == date(2026, 11, 24)


def test_checkwrite_date_and_total() -> None:
    assert values("This claim was partially paid in the checkwrite of November tenth, twenty twenty-six.")[
        "paid_date"] == date(2026, 11, 10)
    assert values("Total checkwrite amount eleven thousand four hundred two dollars and thirty-six cents.")[
        "bulk_payment_amount"] == Decimal("11402.36")


def test_amounts_named_before_their_labels() -> None:
    found = values("Of the one hundred sixty-five dollars billed, one hundred eighteen dollars and sixty cents was "
                   "allowed and ninety-four dollars and eighty-eight cents was paid.")
    assert found["billed_amount"] == Decimal("165.00")
    assert found["allowed_amount"] == Decimal("118.60")
    assert found["paid_amount"] == Decimal("94.88")


def test_more_payer_wordings() -> None:
    assert values("The status of this claim is applied to the deductible, with no payment.")[
        "paid_amount"] == Decimal("0.00")
    assert values("Denial reason C O sixteen.")["carc_codes"] == ["16"]
    assert values("Processing usually takes about thirty days.")["expected_processing_days"] == 30
    expected = values("We expect to pay three hundred forty-two dollars and eighteen cents on March twenty-seventh, "
                      "twenty twenty-six.")
    assert expected["paid_amount"] == Decimal("342.18")
    assert expected["paid_date"] == date(2026, 3, 27)
    floor = values("Claim one, number two six zero seven, for services on March tenth, twenty twenty-six, "
                   "is approved and on the payment floor for the next payment cycle.")
    assert floor["claim_status"] == "payment_floor"


def test_pronoun_status_approval_date_and_time_to_appear() -> None:
    pending = values("We received it on November thirteenth, twenty twenty-six, and it's pending review.")
    assert pending["claim_status"] == "pending"
    assert pending["received_date"] == date(2026, 11, 13)
    approved = values("We received it on November twenty-third, twenty twenty-six and approved it for payment on "
                      "December first, twenty twenty-six.")
    assert approved["processed_date"] == date(2026, 12, 1)
    assert "expected_processing_days" not in values(
        "If the claim was sent recently, please allow up to fourteen days for it to appear.")


def test_check_date_beats_paid_on() -> None:
    found = values("This claim was partially paid on October fourteenth, twenty twenty-six. Total charge two hundred "
                   "ninety-five dollars. Check date October sixteenth, twenty twenty-six, check number zero zero seven.")
    assert found["paid_date"] == date(2026, 10, 16)
    assert values("Paid on October fourteenth, twenty twenty-six.")["paid_date"] == date(2026, 10, 14)


def test_closed_on_is_processed_date() -> None:
    assert values("It was closed on October sixteenth, twenty twenty-six.")["processed_date"] == date(2026, 10, 16)


def test_claim_place_then_number() -> None:
    found = values("Claim one, number two six zero seven two zero one one eight three four six, for services on "
                   "March tenth, twenty twenty-six.")
    assert found["claim_number"] == "260720118346"


def test_amount_list_going_on_after_cents() -> None:
    # "... thirty cents and paid ..." is a list that goes on, not an amount whose cents were lost.
    found = values("Of the two thousand eight hundred sixty dollars billed, we allowed six hundred twelve dollars and "
                   "thirty cents and paid four hundred eighty-nine dollars and eighty-four cents.")
    assert found["billed_amount"] == Decimal("2860.00")
    assert found["allowed_amount"] == Decimal("612.30")
    assert found["paid_amount"] == Decimal("489.84")


def test_part_of_an_amount_is_not_the_amount() -> None:
    assert "patient_responsibility" not in values(
        "Of the member's share, thirty-one dollars and seventy-eight cents went to the deductible.")
    # "Of that" names no amount label, so the labels after the comma still read.
    zero = values("Of that, one hundred sixty-seven dollars and nine cents was applied to the member's deductible, "
                  "so the plan paid zero dollars.")
    assert zero["paid_amount"] == Decimal("0.00")


def test_four_misheard_for_before_services() -> None:
    found = values("The claim number is five two three two three zero zero zero nine nine eight one, four services "
                   "an November sixteenth, twenty twenty-six.")
    assert found["claim_number"] == "523230009981"


def test_check_issued_date_is_paid_date() -> None:
    found = values("Check number zero zero four two four zero six, issued November thirteenth, twenty twenty-six.")
    assert found["check_number"] == "0042406"
    assert found["paid_date"] == date(2026, 11, 13)


def test_reason_number_after_adjustment_group() -> None:
    found = values("Adjustment group C O, reason one ninety-seven.")
    assert found["adjustment_group_code"] == "CO"
    assert found["carc_codes"] == ["197"]


def test_cancelled_as_of_is_processed_date() -> None:
    found = values("This claim was voided, and is cancelled as of October seventh, twenty twenty-six.")
    assert found["claim_status"] == "cancelled"
    assert found["processed_date"] == date(2026, 10, 7)


def test_dollars_joined_to_the_next_label() -> None:
    found = values("You billed four hundred twenty dollars. We allowed two hundred forty-six dollars and paid two "
                   "hundred six dollars.")
    assert found["allowed_amount"] == Decimal("246.00")
    assert found["paid_amount"] == Decimal("206.00")


def test_payment_is_an_amount() -> None:
    found = values("The amount applied to the deductible is six hundred twelve dollars and thirty-five cents, so the "
                   "payment is zero dollars.")
    assert found["paid_amount"] == Decimal("0.00")
    # A payment-floor summary before the claims names no claim's payment.
    assert "paid_amount" not in values("Their total expected payment is five hundred seventy-eight dollars and "
                                       "sixty-one cents.")


def test_payment_issued_and_financial_cycle() -> None:
    issued = values("Payment issued March tenth, twenty twenty-six, check or E F T number one zero zero zero four five "
                    "eight three.")
    assert issued["paid_date"] == date(2026, 3, 10)
    floor = values("This claim is approved to pay four thousand three hundred twelve dollars and sixty cents in the "
                   "financial cycle of March thirteenth, twenty twenty-six.")
    assert floor["paid_amount"] == Decimal("4312.60")
    assert floor["paid_date"] == date(2026, 3, 13)


def test_for_before_date_is_no_digit() -> None:
    found = values("Claim number two six zero one two zero zero seven seven three four zero, for January seventh, "
                   "twenty twenty-six, was processed on January twenty-sixth, twenty twenty-six.")
    assert found["claim_number"] == "260120077340"


def test_remittance_advice_dates() -> None:
    from payerline.agent.readout import paid_date_label

    voided = values("This claim was cancelled by a void on the remittance advice dated March sixth, twenty twenty-six.")
    assert voided["processed_date"] == date(2026, 3, 6)
    adjusted = values("This claim was adjusted on the remittance advice dated March twentieth, twenty twenty-six.")
    assert adjusted["processed_date"] == date(2026, 3, 20)
    paid_on = "This claim was paid on the remittance advice dated March sixteenth, twenty twenty-six."
    released = "Checkwrite number zero zero four eight one one three, released March twentieth, twenty twenty-six."
    assert values(paid_on)["paid_date"] == date(2026, 3, 16)
    assert values(released)["paid_date"] == date(2026, 3, 20)
    # Read in one call, the check's date is the paid date and the remittance date the processed date.
    assert (paid_date_label(paid_on), paid_date_label(released)) == ("paid_on", "check")


def test_counts_and_list_places_are_no_amounts() -> None:
    assert "billed_amount" not in values("Lines billed: three.")
    assert "paid_amount" not in values("Payment one: one hundred eighty-nine dollars and eighteen cents.")


def test_payment_was_issued_on_a_date() -> None:
    found = values("Payment was issued March fifteenth, twenty twenty-six, check or EFT number nine one zero two.")
    assert found["paid_date"] == date(2026, 3, 15)


def test_trace_number_keeps_its_letters() -> None:
    found = values("The plan paid five hundred twenty dollars on March sixth, twenty twenty-six, check or E F T number "
                   "E F T eight eight one two zero four six zero.")
    assert found["check_number"] == "EFT88120460"
    assert values("E F T number eight eight one two zero four six zero.")["check_number"] == "88120460"


def test_payment_reference_is_the_trace_number() -> None:
    assert values("The payment reference is E F T three zero zero four one nine nine zero.")["check_number"] == (
        "EFT30041990")


def test_paid_in_full_on_date() -> None:
    found = values("This claim was paid in full on March thirty-first, twenty twenty-six.")
    assert found["paid_date"] == date(2026, 3, 31)


def test_not_yet_entered_processing_is_received() -> None:
    found = values("This claim has been received on March fourteenth, twenty twenty-six and has not yet entered "
                   "processing.")
    assert found["claim_status"] is ClaimStatus.RECEIVED


def test_full_amount_to_deductible_status() -> None:
    found = values("The full approved amount was applied to the deductible. No Medicare payment was made.")
    assert found["claim_status"] is ClaimStatus.APPLIED_TO_DEDUCTIBLE
    assert found["paid_amount"] == Decimal("0.00")


def test_expected_decision_is_the_processing_time() -> None:
    assert values("Expect a decision in about fourteen days.")["expected_processing_days"] == 14


def test_toward_the_deductible_and_no_government_payment() -> None:
    text = ("TRICARE allowable one hundred eighteen dollars and sixty cents. Toward the deductible: one hundred "
            "eighteen dollars and sixty cents. No government payment was made.")
    assert values(text)["paid_amount"] == Decimal("0.00")
    deductible = parse_deductible(text)
    assert deductible is not None and deductible.value == Decimal("118.60")


def test_normal_processing_is_the_processing_time() -> None:
    assert values("It came in March fourth, twenty twenty-six. Normal processing is thirty days.")[
        "expected_processing_days"] == 30


def test_approved_as_of_processed_date() -> None:
    found = values("This claim is approved for payment as of March fourteenth, twenty twenty-six. The payment of "
                   "eighty-eight dollars and ten cents is scheduled to release on March twenty-seventh, twenty "
                   "twenty-six.")
    assert found["processed_date"] == date(2026, 3, 14)
    assert found["paid_date"] == date(2026, 3, 27)
    assert found["claim_status"] is ClaimStatus.PAYMENT_FLOOR


def test_reimbursement_before_net_payment_allowed() -> None:
    texts = ["Total charges eighteen thousand four hundred fifty dollars. Reimbursement amount nine thousand one "
             "hundred twelve dollars and forty cents.",
             "Deductible one thousand six hundred seventy-six dollars.",
             "Net payment seven thousand four hundred thirty-six dollars and forty cents, issued March tenth, twenty "
             "twenty-six."]
    relabelled = reimbursements_as_allowed(texts, CALL_DATE)
    assert values(relabelled[0])["allowed_amount"] == Decimal("9112.40")
    assert "paid_amount" not in values(relabelled[0])
    assert reimbursements_as_allowed(texts[:2], CALL_DATE) == texts[:2]
    answer = parse_answer("allowed_amount", "Reimbursement amount is nine thousand one hundred twelve dollars and "
                          "forty cents.", CALL_DATE)
    assert answer["allowed_amount"].value == Decimal("9112.40")
    assert "paid_amount" not in answer


def test_revenue_lines_are_lines() -> None:
    texts = ["This claim was paid.",
             "Revenue line one: code zero one two zero, charges nine thousand eight hundred dollars, paid four thousand "
             "one hundred twenty dollars.",
             "Revenue line two: code zero two five zero, charges three thousand six hundred fifty dollars, paid one "
             "thousand five hundred sixteen dollars and forty cents."]
    claim_level, lines = split_lines(texts)
    assert claim_level == 1
    assert len(lines) == 2


def test_paid_comma_on_date() -> None:
    assert values("This claim was partially paid, on February twentieth, twenty twenty-six.")["paid_date"] == (
        date(2026, 2, 20))


def test_processing_time_skips_document_dates() -> None:
    assert values("Pended for: signed treatment plan dated within 90 days. Allow forty-five days for "
                  "adjudication.")["expected_processing_days"] == 45


def test_amount_awaiting_release_is_the_payment() -> None:
    found = values("Medicare allowed, one hundred four dollars and eighty-five cents. Approved amount awaiting "
                   "release, eighty-three dollars and eighty-eight cents. Status, this claim is on the payment floor.")
    assert found["allowed_amount"] == Decimal("104.85")
    assert found["paid_amount"] == Decimal("83.88")


def test_paid_date_before_payment_number() -> None:
    found = values("Cedar Crest paid one hundred sixty dollars on February nineteenth, twenty twenty-six, on payment "
                   "number eight eight three zero zero three four four one eight.")
    assert found["paid_date"] == date(2026, 2, 19)
    assert found["check_number"] == "8830034418"


def test_payer_denied_this_bill_on_a_date() -> None:
    found = values("Bill review denied this bill on January twenty-ninth, twenty twenty-six.")
    assert found["claim_status"] is ClaimStatus.DENIED
    assert found["processed_date"] == date(2026, 1, 29)
    reviewed = values("This bill is approved for payment in the amount of four hundred fifty-five dollars and twenty "
                      "cents, reviewed February twenty-seventh, twenty twenty-six.")
    assert reviewed["processed_date"] == date(2026, 2, 27)


@pytest.mark.parametrize(("text", "field", "value"), [
    ("Approved amount one thousand nine hundred eighty-seven dollars and forty-four cents, on the remittance advice "
     "to be dated December fourth, twenty twenty-six.", "paid_date", date(2026, 12, 4)),
    ("This claim was denied on the financial cycle of November twenty-fourth, twenty twenty-six.", "processed_date",
     date(2026, 11, 24)),
    ("Check number zero zero four seven eight zero two two six six, issued February twenty-third, twenty twenty-six, "
     "for one hundred seventy-six dollars and forty cents.", "paid_amount", Decimal("176.40")),
    ("The carrier issued one hundred eighty-seven dollars and forty-six cents on March tenth, twenty twenty-six, "
     "under check or E F T number eight eight three zero zero four one five seven two.", "paid_date",
     date(2026, 3, 10)),
    ("Claim one, claim number E two six zero five six nine zero one two four five, for service on February "
     "nineteenth, twenty twenty-six, is approved and awaiting payment.", "claim_status", ClaimStatus.PAYMENT_FLOOR),
])
def test_payment_wording_of_outside_payers(text: str, field: str, value: object) -> None:
    assert values(text)[field] == value


def test_copayment_with_a_comma_is_a_copay() -> None:
    copay = parse_copay("Amount paid, one hundred seven dollars and fifty cents. Co-payment, five dollars.")
    assert copay is not None and copay.value == Decimal("5.00")


def test_bare_reference_is_claim_number() -> None:
    text = readout_text("Claim one, reference E two six zero two seven five five zero six one three, for service on "
                        "January twenty-sixth, twenty twenty-six, was adjusted on March fourth, twenty twenty-six.")
    assert values(text)["claim_number"] == "E26027550613"


def test_spelled_trace_after_its_label() -> None:
    found = parse_answer("check_number", "That was E F T E as in Edward, F as in Frank, T as in Tom, double seven "
                         "three, five six oh, four.", CALL_DATE)
    assert found["check_number"].value == "EFT7735604"


def test_adjusted_difference_no_status() -> None:
    found = values("The remaining difference was adjusted under group code C O, reason forty-five.")
    assert "claim_status" not in found
    assert found["adjustment_group_code"] == "CO"


def test_nothing_else_flagged_is_no_amount() -> None:
    answer = parse_answer("claim_status", "So looking at this one it shows paid, and that's where it stands as of "
                          "today, nothing else flagged on it.", CALL_DATE)
    assert answer["claim_status"].value is ClaimStatus.PAID
    assert "paid_amount" not in answer


def test_claim_number_before_deductible_is_no_amount() -> None:
    assert parse_deductible("Fund claim number F two six zero zero zero nine one two seven was applied to the "
                            "deductible, processed February fourth, twenty twenty-six.") is None
    before = parse_deductible("Of that, two hundred twelve dollars went to the member's deductible.")
    assert before is not None and before.value == Decimal("212.00")


def test_repricing_network_rate_and_reported_status() -> None:
    repriced = values("Billed charges one thousand four hundred fifty dollars, repriced to a network rate of six "
                      "hundred twelve dollars and eighty cents.")
    assert repriced["allowed_amount"] == Decimal("612.80")
    reported = values("The health plan reports this claim was paid, four hundred ninety dollars and twenty-four "
                      "cents, on March third, twenty twenty-six.")
    assert reported["claim_status"] is ClaimStatus.PAID
    assert reported["paid_amount"] == Decimal("490.24")


def test_charge_submitted_is_the_billed_amount() -> None:
    found = values("Charge submitted one thousand two hundred eighty-eight dollars. Eligible amount one thousand ten "
                   "dollars.")
    assert found["billed_amount"] == Decimal("1288.00")
    assert found["allowed_amount"] == Decimal("1010.00")


def test_payment_reference_keeps_trace_letters() -> None:
    found = values("It was finalized on March fourth, twenty twenty-six and payment issued March sixth, twenty "
                   "twenty-six, reference number E F T zero zero nine four one zero two.")
    assert found["check_number"] == "EFT0094102"
    assert "reference_number" not in found


def test_claim_then_digits_is_the_claim_number() -> None:
    found = values("Claim six zero two six zero one two three four five zero zero one, date of service January "
                   "twelfth, twenty twenty-six.")
    assert found["claim_number"] == "6026012345001"


@pytest.mark.parametrize(("text", "amount"), [
    ("Of that, two hundred twelve dollars and forty cents went to the member's deductible.", Decimal("212.40")),
    ("Amount applied to the member's spend-down one hundred eighteen dollars.", Decimal("118.00")),
])
def test_deductible_amount_before_or_after_its_verb(text: str, amount: Decimal) -> None:
    deductible = parse_deductible(text)
    assert deductible is not None
    assert deductible.value == amount


def test_bills_read_as_claims() -> None:
    texts = ["We located two bills.", "Bill one. Bill control number six one two six zero six one eight zero three seven seven.",
             "Current status: cancelled.", "Bill two. Bill control number six one two six zero six one one zero one four zero.",
             "Current status: paid."]
    assert claim_blocks(texts) == [[0], [1, 2], [3, 4]]
    assert values("This bill was received November tenth, twenty twenty-six and is pending review with the claim "
                  "adjuster.")["claim_status"].value == "pending"
    assert values("Review completed August twenty-fifth, twenty twenty-six.")["processed_date"] == date(2026, 8, 25)


def test_condition_names_no_status() -> None:
    assert "claim_status" not in values("Claim information is based on our records at the time of this call, and may "
                                        "change if the claim is adjusted.")
    assert values("The claim was denied, if you want to appeal call us.")["claim_status"].value == "denied"


def test_expected_payment_and_warrant() -> None:
    found = values("Expected payment eighty-four dollars and ten cents on March twenty-seventh, twenty twenty-six.")
    assert found["paid_amount"] == Decimal("84.10")
    assert "paid_amount" not in values("Their total expected payment is five hundred seventy-eight dollars.")
    assert values("Warrant number seven seven zero zero six five one, issued February twenty-seventh, twenty "
                  "twenty-six.")["check_number"] == "7700651"


def test_spelled_label_before_lettered_claim_number() -> None:
    found = values("I C N G M two five one two four four one nine, from date of service September twenty-fourth, "
                   "twenty twenty-five.")
    assert found["claim_number"] == "GM25124419"


def test_funds_transfer_number_and_inquiry_limits() -> None:
    assert values("Check or electronic funds transfer number eight eight zero four four seven five one eight.")[
        "check_number"] == "880447518"
    assert values("You have reached the maximum number of claim inquiries allowed for one call.") == {}
    assert values("The amount allowed on this claim was fifty dollars.")["allowed_amount"] == Decimal("50.00")


def test_claim_place_before_unlabelled_number() -> None:
    # "Claim one, [number] two six ...": the place in the read-out is no digit of the number.
    found = values("Claim one, two six one three three zero zero zero zero four one, for services on May eleventh, "
                   "twenty twenty-six.")
    assert found.get("claim_number") != "126133000041"


@pytest.mark.parametrize(("text", "name", "value"), [
    ("Paid January twenty-ninth, twenty twenty-six by E F T or check number eight eight zero three one four two zero "
     "seven.", "paid_date", date(2026, 1, 29)),
    ("Reason, one ninety-seven.", "carc_codes", ["197"]),
    ("Group, C O.", "adjustment_group_code", "CO"),
    ("Check or EFT, eight eight zero five one nine zero two two.", "check_number", "880519022"),
    ("The injured worker's responsibility is zero dollars.", "patient_responsibility", Decimal("0.00")),
])
def test_terse_and_other_read_out_labels(text: str, name: str, value: object) -> None:
    assert values(text)[name] == value


def test_voided_date_and_scheduled_payment() -> None:
    assert values("This claim was cancelled, or voided, on March twelfth, twenty twenty-six.")["processed_date"] == (
        date(2026, 3, 12))
    found = values("It is scheduled to pay eighty-eight dollars in the financial cycle of April twenty-fourth, "
                   "twenty twenty-six.")
    assert found["paid_amount"] == Decimal("88.00")
    assert found["paid_date"] == date(2026, 4, 24)


def test_run_on_readout_amount_labels() -> None:
    found = values("Claim number two zero two six two four five one zero zero three eight four for date of service "
                   "September first, twenty twenty-six was paid on September fifteenth, twenty twenty-six billed amount "
                   "one hundred eighty-five dollars allowed amount ninety-eight dollars and forty-two cents paid amount "
                   "ninety-eight dollars and forty-two cents member liability zero dollars adjustment C O ninety-seven "
                   "EFT or check number seven seven zero zero one eight four three two one.")
    assert found["allowed_amount"] == Decimal("98.42")
    assert found["paid_amount"] == Decimal("98.42")
    assert found["adjustment_group_code"] == "CO"
    assert found["carc_codes"] == ["97"]


@pytest.mark.parametrize(("text", "name", "value"), [
    ("Total submitted two hundred forty-three dollars.", "billed_amount", Decimal("243.00")),
    ("Total benefit four hundred sixty-five dollars.", "paid_amount", Decimal("465.00")),
    ("No benefit is payable.", "paid_amount", Decimal("0.00")),
    ("Cancel date, October twenty-seventh, twenty twenty-six.", "processed_date", date(2026, 10, 27)),
])
def test_benefit_and_cancel_date_labels(text: str, name: str, value: object) -> None:
    assert values(text)[name] == value


def test_it_as_the_claim_and_a_negated_status() -> None:
    found = values("It was processed on March twenty-third, twenty twenty-six and partially paid.")
    assert found["claim_status"].value == "partially_paid"
    assert "claim_status" not in values("It is not paid yet.")


def test_claim_summary_after_its_lines_is_claim_level() -> None:
    from payerline.agent.readout import split_lines, summary_after_lines

    texts = ["Claim one, claim number seven one zero one two six zero four nine eight zero six.",
             "Line one, procedure code D four three four one.", "Submitted charge two hundred forty dollars.",
             "Summary for claim one. This claim was cancelled on February twentieth, twenty twenty-six.",
             "No benefit is payable on a cancelled claim.", "To hear this claim information again, press 1."]
    claim_level, lines = split_lines(texts)
    assert claim_level == 1
    assert len(lines) == 1
    assert len(lines[0].texts) == 2
    assert summary_after_lines(texts, lines) == [3, 4]


def test_customary_amount_and_check_dated() -> None:
    assert values("The full reasonable and customary amount of one hundred seventy-six dollars and eighty cents was "
                  "applied to the deductible.")["allowed_amount"] == Decimal("176.80")
    found = values("Payment was issued by check number four zero zero seven three three one eight, dated September "
                   "eleventh, twenty twenty-six.")
    assert found["paid_date"] == date(2026, 9, 11)
    assert found["check_number"] == "40073318"


def test_status_of_a_claim_named_by_its_number() -> None:
    found = values("Document control number two one six zero five zero zero zero eight five five six four one, "
                   "received March fourth, twenty twenty-six, is pending.")
    assert found["claim_status"] is ClaimStatus.PENDING
    assert found["claim_number"] == "21605000855641"


@pytest.mark.parametrize(("text", "expected"), [
    ("Allowed, two thousand nine hundred sixteen dollars. Plan payment, two thousand three hundred thirty-two dollars "
     "and eighty cents.", {"allowed_amount": Decimal("2916.00"), "paid_amount": Decimal("2332.80")}),
    ("This claim denied on October eighth, twenty twenty-six.",
     {"claim_status": ClaimStatus.DENIED, "processed_date": date(2026, 10, 8)}),
    ("Billed two hundred forty dollars. Approved one hundred eighteen dollars and sixty cents.",
     {"billed_amount": Decimal("240.00"), "allowed_amount": Decimal("118.60")}),
    ("The student's share is five hundred eighty-three dollars and twenty cents.",
     {"patient_responsibility": Decimal("583.20")}),
    ("We received the claim for date of service November seventeenth, twenty twenty-six on November twentieth, "
     "twenty twenty-six.", {"received_date": date(2026, 11, 20)}),
    ("We received it on November ninth, twenty twenty-six and approved it on November twentieth, twenty twenty-six.",
     {"received_date": date(2026, 11, 9), "processed_date": date(2026, 11, 20)}),
    ("We received it on January ninth, twenty twenty-six and issued the denial on January twenty-third, twenty "
     "twenty-six.", {"received_date": date(2026, 1, 9), "processed_date": date(2026, 1, 23)}),
    ("This claim is approved for the payment cycle of April sixth, twenty twenty-six, in the amount of one hundred "
     "forty dollars and seventy cents.", {"paid_date": date(2026, 4, 6), "paid_amount": Decimal("140.70")}),
])
def test_readout_sentences_from_outside_payers(text: str, expected: dict[str, object]) -> None:
    assert values(text) == expected


def test_service_date_is_the_date_nearest_its_label() -> None:
    text = ("We received the claim for date of service November seventeenth, twenty twenty-six on November "
            "twentieth, twenty twenty-six.")
    found = parse_service_date(text, CALL_DATE)
    assert found is not None and found.value == date(2026, 11, 17)


def test_claim_blocks_ignore_back_reference() -> None:
    texts = ["We located two claims.",
             "Claim number M P two six two six four, for services on September fourteenth, was cancelled.",
             "It was received on September twenty-first. No payment will be issued on this claim number.",
             "Claim number M P two six two five nine, for services on September fourteenth, was paid."]
    assert claim_blocks(texts) == [[0], [1, 2], [3]]


def test_line_labels_do_not_start_lines() -> None:
    texts = ["Claim status: partially paid.",
             "Line one, procedure code nine zero eight three seven.", "Line status paid.",
             "Line paid amount one hundred forty dollars and seventy cents.",
             "Line two, procedure code nine zero eight five three.", "Line status denied."]
    _, lines = split_lines(texts)
    assert [line.start for line in lines] == [1, 4]


@pytest.mark.parametrize(("text", "expected"), [
    ("Adjusted: November twelfth, twenty twenty-six.", {"processed_date": date(2026, 11, 12)}),
    ("Beneficiary coinsurance zero dollars.", {"patient_responsibility": Decimal("0.00")}),
    ("This claim appeared on the remittance advice dated October twelfth, twenty twenty-six.",
     {"paid_date": date(2026, 10, 12)}),
    ("This claim is scheduled to appear on the remittance advice dated November thirtieth, twenty twenty-six.",
     {"paid_date": date(2026, 11, 30)}),
    ("Patient resp: twenty-eight dollars and forty-seven cents.", {"patient_responsibility": Decimal("28.47")}),
    ("Pay date: December ninth, twenty twenty-six.", {"paid_date": date(2026, 12, 9)}),
    ("Group: C O.", {"adjustment_group_code": "CO"}),
    ("Allow: fourteen days.", {"expected_processing_days": 14}),
    ("For date of service September ninth, twenty twenty-six, claim number B V two six zero nine one four zero one "
     "one eight was partially paid on September twenty-fifth, twenty twenty-six.",
     {"claim_number": "BV2609140118", "paid_date": date(2026, 9, 25), "claim_status": ClaimStatus.PARTIALLY_PAID}),
])
def test_terse_and_service_date_first_readouts(text: str, expected: dict[str, object]) -> None:
    assert values(text) == expected


def test_labelled_deductible_is_the_amount_applied() -> None:
    found = parse_deductible("Deductible: one hundred eighteen dollars and seventy-seven cents.")
    assert found is not None and found.value == Decimal("118.77")
    found = parse_deductible("Amount applied to the member's Part B deductible: one hundred twenty-eight dollars and "
                             "forty-five cents.")
    assert found is not None and found.value == Decimal("128.45")


def test_detail_line_labels_stay_lines() -> None:
    texts = ["Claim status: partially paid.",
             "Detail line one. Procedure nine zero eight three seven.", "Line status paid. Line paid amount ten dollars.",
             "Detail line two. Procedure nine zero seven eight five.", "Line status denied. Line paid amount zero dollars."]
    claim_level, lines = split_lines(texts)
    assert claim_level == 1
    assert [line.start for line in lines] == [1, 3]


def test_reimbursement_then_payment_is_allowed_then_paid() -> None:
    found = values("Total charges three thousand nine hundred eighty dollars. Reimbursement one thousand five hundred "
                   "forty dollars. Payment one thousand two hundred thirty-two dollars on March second, twenty "
                   "twenty-six.")
    assert found["allowed_amount"] == Decimal("1540.00")
    assert found["paid_amount"] == Decimal("1232.00")
    assert found["paid_date"] == date(2026, 3, 2)
    # Alone, a reimbursement is what the payer paid.
    assert values("Reimbursement one thousand five hundred forty dollars.")["paid_amount"] == Decimal("1540.00")


@pytest.mark.parametrize("text", [
    "This claim has been approved to pay and will be released in the financial cycle dated November thirteenth, "
    "twenty twenty-six.",
    "The claim is approved and waiting for the next payment cycle.",
    "Status: approved for payment.",
    "The claim is approved, paid in the next payment cycle.",
])
def test_payment_still_to_come_is_payment_floor(text: str) -> None:
    assert values(text)["claim_status"] is ClaimStatus.PAYMENT_FLOOR


def test_approval_followed_by_payment_is_paid() -> None:
    assert values("The claim was approved for payment and paid on March 3, 2026.")["claim_status"] is ClaimStatus.PAID


def test_payment_floor_approved_amount_is_paid() -> None:
    heard = Heard(utterance=3, start_s=1.0, end_s=2.0)
    claim = ClaimState(0)
    claim.record("claim_status", Extraction(ClaimStatus.PAYMENT_FLOOR, 0.9), heard, SOURCE_IVR)
    claim.record("allowed_amount", Extraction(Decimal("48.75"), 0.95), heard, SOURCE_IVR)
    approved_as_payment(claim)
    assert claim.fields["paid_amount"].value == Decimal("48.75")
    # With a share left to the patient, the payment is less than what was approved: nothing is assumed.
    owing = ClaimState(1)
    owing.record("claim_status", Extraction(ClaimStatus.PAYMENT_FLOOR, 0.9), heard, SOURCE_IVR)
    owing.record("allowed_amount", Extraction(Decimal("48.75"), 0.95), heard, SOURCE_IVR)
    owing.record("patient_responsibility", Extraction(Decimal("10.00"), 0.95), heard, SOURCE_IVR)
    approved_as_payment(owing)
    assert "paid_amount" not in owing.fields


@pytest.mark.parametrize(("text", "expected"), [
    ("We received it on March sixteenth, twenty twenty-six, and it's paid.",
     {"received_date": date(2026, 3, 16), "claim_status": ClaimStatus.PAID}),
    ("This one was paid on November sixth, twenty twenty-six.",
     {"paid_date": date(2026, 11, 6), "claim_status": ClaimStatus.PAID}),
    ("This claim was approved on November sixteenth, twenty twenty-six and is waiting for the next payment cycle.",
     {"processed_date": date(2026, 11, 16), "claim_status": ClaimStatus.PAYMENT_FLOOR}),
    ("It finalized on March eighteenth, twenty twenty-six, and payment is scheduled to go out on March twenty-sixth, "
     "twenty twenty-six.", {"processed_date": date(2026, 3, 18), "paid_date": date(2026, 3, 26)}),
    ("This claim was cancelled, by void request, on March sixth, twenty twenty-six.",
     {"processed_date": date(2026, 3, 6), "claim_status": ClaimStatus.CANCELLED}),
    ("This claim was processed on September eighth, twenty twenty-six and applied to the deductible, so there's no "
     "plan payment.", {"processed_date": date(2026, 9, 8), "claim_status": ClaimStatus.APPLIED_TO_DEDUCTIBLE,
                       "paid_amount": Decimal("0.00")}),
])
def test_conversational_readout_sentences(text: str, expected: dict[str, object]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize("text", [
    "Claim one, claim number two six three zero six eight two one eight one two one five, was received on November "
    "ninth, twenty twenty-six and is waiting to be processed.",
    "The claim with service beginning March ninth, twenty twenty-six, has been received and is not yet in review.",
    "Claim number two six three two, for service on November ninth, twenty twenty-six, was received on November "
    "eighteenth, twenty twenty-six and hasn't been reviewed yet.",
])
def test_receipt_with_nothing_since_is_received(text: str) -> None:
    assert values(text)["claim_status"] is ClaimStatus.RECEIVED


def test_receipt_with_a_date_alone_is_no_status() -> None:
    assert "claim_status" not in values("The claim was received on March 3, 2026.")
    assert values("The claim was received on March 3, 2026 and paid on March 20, 2026.")["claim_status"] is ClaimStatus.PAID


def test_numbered_listing_starts_claims_and_takes_lettered_numbers() -> None:
    texts = ["I found two claims. I'll go through them from the earliest date of service.",
             "Number one. Date of service February sixth, twenty twenty-six, claim Q two six zero three zero nine "
             "zero zero one five three.",
             "That claim is paid.",
             "Number two. Date of service February sixth, twenty twenty-six, claim Q two six zero three one eight "
             "zero zero six seven zero.",
             "That claim was cancelled on February twenty-fifth, twenty twenty-six."]
    assert claim_blocks(texts) == [[0], [1, 2], [3, 4]]
    assert [block_ordinal(texts[1]), block_ordinal(texts[3]), block_ordinal("Number of claims found: two.")] == [1, 2, None]
    assert parse_fields(texts[3], CALL_DATE)["claim_number"].value == "Q26031800670"


def test_payer_name_before_claim_keeps_the_status_verb() -> None:
    fields = parse_fields("Harborline claim number two six zero three two seven zero zero five eight eight, for services "
                          "starting March eleventh, twenty twenty-six, was denied on March twenty-seventh, twenty "
                          "twenty-six.", CALL_DATE)
    assert fields["claim_status"].value is ClaimStatus.DENIED
    assert "claim_status" not in parse_fields("The line for claim one is denied.", CALL_DATE)


def test_participant_owes_is_patient_responsibility() -> None:
    fields = parse_fields("The participant owes eighty-two dollars.", CALL_DATE)
    assert fields["patient_responsibility"].value == Decimal("82.00")


def test_payment_sent_date_is_paid_date() -> None:
    fields = parse_fields("Plan payment was eighty-nine dollars and eighty cents, sent March nineteenth, twenty "
                          "twenty-six, check or E F T number three zero four four seven eight one two.", CALL_DATE)
    assert fields["paid_date"].value == date(2026, 3, 19)
    assert fields["paid_amount"].value == Decimal("89.80")


def test_facility_statement_span_is_the_service_span() -> None:
    text = "Claim one. Statement covers period January twelfth, twenty twenty-six through February ninth, twenty twenty-six."
    first, last = parse_service_span(text, CALL_DATE)
    assert first is not None and last is not None
    assert (first.value, last.value) == (date(2026, 1, 12), date(2026, 2, 9))


@pytest.mark.parametrize("text", [
    "This claim has been received on March twenty-seventh, twenty twenty-six and is in initial edits.",
    "It's been approved for payment and is awaiting payment in the next payment cycle.",
])
def test_status_sentences_from_outside_payers(text: str) -> None:
    assert "claim_status" in parse_fields(text, CALL_DATE, readout=True)


def test_payment_scheduled_to_release_is_paid_date() -> None:
    fields = parse_fields("Expected reimbursement nineteen thousand dollars, scheduled to release April sixth, twenty "
                          "twenty-six.", CALL_DATE)
    assert fields["paid_date"].value == date(2026, 4, 6)


def test_readout_reference_is_claim_number() -> None:
    text = readout_text("For dates beginning February eleventh, twenty twenty-six, reference number B W two six A zero "
                         "zero six seven seven one nine.")
    assert parse_fields(text, CALL_DATE, readout=True)["claim_number"].value == "BW26A0067719"
    call_reference = "Your reference number for this call is one two three four five six."
    assert readout_text(call_reference) == call_reference
    trace = readout_text("Payment issued March sixth, twenty twenty-six, reference number E F T zero zero nine four one "
                         "zero two.")
    assert parse_fields(trace, CALL_DATE, readout=True)["check_number"].value == "EFT0094102"


def test_explanation_of_benefits_codes_are_reason_codes() -> None:
    fields = parse_fields("Explanation of benefits codes ninety-six, adjustment group C O.", CALL_DATE, readout=True)
    assert fields["carc_codes"].value == ["96"]


def test_payment_reference_stays_a_payment_reference() -> None:
    text = "Payment reference number E T two six zero four nine zero two."
    assert readout_text(text) == text


def test_received_and_not_yet_in_processing_is_received() -> None:
    fields = parse_fields("This claim has been received on March tenth, twenty twenty-six and is not yet in processing.",
                          CALL_DATE, readout=True)
    assert fields["claim_status"].value is ClaimStatus.RECEIVED


def test_no_payment_does_not_zero_the_allowed_amount() -> None:
    fields = parse_fields("The full allowed amount was applied to the deductible, with no payment. Billed three hundred "
                          "forty dollars, allowed two hundred twelve dollars and fifty cents.", CALL_DATE, readout=True)
    assert fields["allowed_amount"].value == Decimal("212.50")
    assert fields["paid_amount"].value == Decimal("0.00")


def test_claim_totals_after_lines_are_claim_level() -> None:
    texts = ["Line one, procedure seven three five six two, service date January twenty-second, twenty twenty-six.",
             "Line two, procedure nine nine two zero four, service date January twenty-second, twenty twenty-six.",
             "Here are the claim totals.",
             "Total charges five hundred twenty dollars.",
             "To hear that claim information again, press 1 or say repeat."]
    _, lines = split_lines(texts)
    assert summary_after_lines(texts, lines) == [2, 3]


def test_copay_inside_a_longer_utterance() -> None:
    text = "Allowed eighty-six dollars and forty cents. Paid eighty-one dollars and forty cents. Copayment five dollars."
    copay = parse_copay(text)
    assert copay is not None and copay.value == Decimal("5.00")


def test_terse_list_deductible_and_payment_date() -> None:
    deductible = parse_deductible("Billed one hundred eighty dollars, allowed one hundred four dollars and seventy-five "
                                  "cents, deductible one hundred four dollars and seventy-five cents, government payment "
                                  "zero dollars.")
    assert deductible is not None and deductible.value == Decimal("104.75")
    fields = parse_fields("This claim was partially paid, with payment on February twenty-seventh, twenty twenty-six.",
                          CALL_DATE, readout=True)
    assert fields["paid_date"].value == date(2026, 2, 27)


@pytest.mark.parametrize(("text", "expected"), [
    # The service named with its date before the claim number, then the claim's verb.
    ("For the transport on March first, twenty twenty-six, claim number seven two six zero three zero five nine four "
     "one two seven, is pending.", {"claim_number": "726030594127", "claim_status": ClaimStatus.PENDING}),
    # Charges named after their amount.
    ("Claim one, number two six zero four one one zero zero four zero two one five five, for three hundred ten "
     "dollars in charges.", {"claim_number": "26041100402155", "billed_amount": Decimal("310.00")}),
    # The remittance a payment will appear on dates it.
    ("This claim is approved for payment in the amount of seventy-one dollars and fifty cents. It will appear on the "
     "remittance advice dated April tenth, twenty twenty-six.",
     {"claim_status": ClaimStatus.PAYMENT_FLOOR, "paid_amount": Decimal("71.50"), "paid_date": date(2026, 4, 10)}),
    # An aside between the cancellation and its remittance.
    ("This claim was cancelled, voided, on the remittance advice dated March second, twenty twenty-six.",
     {"claim_status": ClaimStatus.CANCELLED, "processed_date": date(2026, 3, 2)}),
    # A key to press is no amount, even after "payment" with "For" lost to noise.
    ("payment amounts, reasons or check information, please speak with provider relations by pressing 0.", {}),
    # With its own amount lost, the responsibility does not take the deductible part that follows "including".
    ("Member responsibility is dollars, including zero dollars toward the deductible.", {}),
    # "up to" heard as "two" before the days, and "for payment" as "four payment".
    ("Allow two forty-five days for a decision.", {"expected_processing_days": 45}),
    # A Medicaid remittance advice by its initials.
    ("This claim was denied on the R A dated March third, twenty twenty-six.",
     {"claim_status": ClaimStatus.DENIED, "processed_date": date(2026, 3, 3)}),
    ("Expected R A date March twenty-seventh, twenty twenty-six.", {"paid_date": date(2026, 3, 27)}),
    # A claim number after "claim" with a letter inside it, and after a comma with the claim's visit before it.
    ("Harborline claim H L two six A zero zero four seven three zero five.", {"claim_number": "HL26A0047305"}),
    ("The claim for the visit on March ninth, twenty twenty-six, number six one four two one zero zero four five eight "
     "three one, was denied on March twentieth, twenty twenty-six.",
     {"claim_number": "614210045831", "claim_status": ClaimStatus.DENIED, "processed_date": date(2026, 3, 20)}),
    # "Date on file", "The check was cut on", "with payment in the cycle of", "Reason P R one".
    ("Date on file January thirtieth, twenty twenty-six.", {"received_date": date(2026, 1, 30)}),
    ("The check is scheduled to be cut on March seventeenth, twenty twenty-six.", {"paid_date": date(2026, 3, 17)}),
    ("It was adjudicated on February eighteenth, twenty twenty-six, with payment in the cycle of February twentieth, "
     "twenty twenty-six.", {"processed_date": date(2026, 2, 18), "paid_date": date(2026, 2, 20)}),
    ("Reason P R one.", {"adjustment_group_code": "PR", "carc_codes": ["1"]}),
    # A read-out laid out as a table of fields and values.
    ("Field, estimated processing days. Value, thirty days.", {"expected_processing_days": 30}),
    ("Field, date received. Value, February seventeenth, twenty twenty-six.", {"received_date": date(2026, 2, 17)}),
    # A bare status, then the date it is known by.
    ("Status. Paid. March third, twenty twenty-six.", {"claim_status": ClaimStatus.PAID, "paid_date": date(2026, 3, 3)}),
    ("Status. Suspended. March twentieth, twenty twenty-six.",
     {"claim_status": ClaimStatus.PENDING, "received_date": date(2026, 3, 20)}),
    # A Medicaid line's "entered the system", "awaiting its first adjudication cycle" and ", amount ...".
    ("It entered the system on March sixth, twenty twenty-six, billed amount ninety dollars.",
     {"received_date": date(2026, 3, 6), "billed_amount": Decimal("90.00")}),
    ("This claim has been received on February second, twenty twenty-six and is awaiting its first adjudication cycle.",
     {"received_date": date(2026, 2, 2), "claim_status": ClaimStatus.RECEIVED}),
    ("This claim has been adjudicated and is approved for payment, amount seventy-one dollars and thirty-five cents.",
     {"claim_status": ClaimStatus.PAYMENT_FLOOR, "paid_amount": Decimal("71.35")}),
    # The share paid as a percentage: zero percent is no payment, less than one hundred percent a partial one.
    ("Claim one, for one thousand eight hundred seventy-five dollars billed, was paid at zero percent and denied on "
     "March third, 2026.",
     {"billed_amount": Decimal("1875.00"), "claim_status": ClaimStatus.DENIED, "processed_date": date(2026, 3, 3)}),
    ("Claim one, for two hundred dollars billed, was paid at less than one hundred percent.",
     {"billed_amount": Decimal("200.00"), "claim_status": ClaimStatus.PARTIALLY_PAID}),
    # A Medicaid line's own words: "non-payment status", "remittance date", "spend-down obligation".
    ("This claim is in non-payment status as of November seventeenth, twenty twenty-six.",
     {"processed_date": date(2026, 11, 17)}),
    ("This claim was approved for reimbursement on remittance date November seventeenth, twenty twenty-six. Allowed "
     "reimbursement one hundred four dollars. Reimbursement amount one hundred four dollars. Remittance issued November "
     "twentieth, twenty twenty-six.",
     {"processed_date": date(2026, 11, 17), "allowed_amount": Decimal("104.00"), "paid_amount": Decimal("104.00"),
      "paid_date": date(2026, 11, 20)}),
    ("This claim was applied to the recipient's spend-down obligation, with no reimbursement, on October thirtieth, "
     "twenty twenty-six.",
     {"processed_date": date(2026, 10, 30), "claim_status": ClaimStatus.APPLIED_TO_DEDUCTIBLE}),
    ("This claim was paid on March second, twenty twenty-six, following adjudication on February twenty-sixth, twenty "
     "twenty-six.", {"claim_status": ClaimStatus.PAID, "paid_date": date(2026, 3, 2), "processed_date": date(2026, 2, 26)}),
    ("This claim is approved four payment in the amount of seventy-one dollars and fifty cents.",
     {"claim_status": ClaimStatus.PAYMENT_FLOOR, "paid_amount": Decimal("71.50")}),
])
def test_more_readout_wordings(text: str, expected: dict[str, object]) -> None:
    found = {name: extraction.value for name, extraction in parse_fields(text, CALL_DATE, readout=True).items()}
    assert found == expected


def test_amount_applied_after_a_comma() -> None:
    deductible = parse_deductible("Allowed ninety-two dollars and fifteen cents, amount applied ninety-two dollars and "
                                  "fifteen cents, plan payment zero dollars.")
    assert deductible is not None
    assert deductible.value == Decimal("92.15")


def test_spend_down_field_in_a_table() -> None:
    deductible = parse_deductible("Field, spend down applied. Value, three hundred ten dollars.")
    assert deductible is not None
    assert deductible.value == Decimal("310.00")


@pytest.mark.parametrize("text", [
    "This one is showing as received, and let me read you the billed, allowed, paid and member share.",
    "So on this claim the status is received, and I'll go ahead and give you all the amounts so you have everything "
    "in one shot.",
])
def test_status_answer_ignores_fields_to_come(text: str) -> None:
    found = parse_answer("claim_status", text, CALL_DATE)
    assert found == {"claim_status": Extraction(ClaimStatus.RECEIVED, 0.9)}


def test_check_cut_date_is_no_check_number() -> None:
    found = parse_answer("paid_date", "We cut the check zero two zero six, two zero two six.", CALL_DATE)
    assert found == {"paid_date": Extraction(date(2026, 2, 6), 0.95)}
