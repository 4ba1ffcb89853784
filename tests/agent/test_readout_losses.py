"""Read-outs that lost part of a value, and service lines that lost their "Line" word.

The sentences are those of noisy eval calls the agent used to get wrong.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from scripted_payer import make_request

from payerline.agent.config import AgentConfig
from payerline.agent.context import CallContext
from payerline.agent.navigator import IvrNavigator
from payerline.agent.prompts import analyze_prompt
from payerline.agent.readout import announced_line_count, lines_in_order, lost_values, split_lines
from payerline.agent.results import ClaimState, Heard
from payerline.telephony.actions import PressKeys

DAY = date(2026, 11, 1)


def test_lost_values_cut_fields() -> None:
    assert lost_values("Finalized March twenty twenty-six.", DAY) == {"processed_date"}
    assert lost_values("Member cost share fifty-seven dollars and cents.", DAY) == {"patient_responsibility"}
    assert lost_values("Status:", DAY) == {"claim_status"}
    assert lost_values("Paid on twenty twenty-six, check number five seven seven one.", DAY) == {"paid_date"}


def test_lost_values_ignore_whole_values_and_headings() -> None:
    assert lost_values("Received July fourteenth, twenty twenty-six. Processed July twentieth, twenty twenty-six.",
                       DAY) == set()
    assert lost_values("Status paid.", DAY) == set()
    assert lost_values("Status: partially paid.", DAY) == set()
    assert lost_values("Claim status.", DAY) == set()
    assert lost_values("Billed ninety-five dollars, allowed zero dollars, paid zero dollars.", DAY) == set()


def turn(navigator: IvrNavigator, texts: list[str], at_s: float):
    heard = [(text, Heard(index, at_s + index, at_s + index + 1, 0.9)) for index, text in enumerate(texts)]
    return navigator.on_turn(analyze_prompt(" ".join(texts)), heard)


def navigator_for() -> tuple[IvrNavigator, CallContext]:
    context = CallContext(request=make_request(2), config=AgentConfig(), ivr_map=None, call_date=date(2026, 3, 20),
                          call_id="call-1", claims=[ClaimState(0), ClaimState(1)])
    return IvrNavigator(context), context


def test_summary_that_lost_a_date_is_searched_again() -> None:
    navigator, context = navigator_for()
    turn(navigator, ["Enter the date of service as 8 digits."], 10.0)
    summary = ["Claim number two two six four two five seven zero nine eight five five one.",
               "Status: partially paid.", "Finalized March twenty twenty-six.",
               "For more information, say claim details or press 2.",
               "To hear about the next claim, say next or press 3."]
    turn(navigator, summary, 20.0)
    assert "processed_date" not in context.claims[0].fields
    # No repeat offered: the same claim is searched again (by "next claim") rather than moving on.
    again = turn(navigator, ["For more information, say claim details or press 2.",
                             "To hear about the next claim, say next or press 3."], 40.0)
    assert again.actions == [PressKeys("3")]
    assert context.ivr_claim == 0


def test_split_lines_line_word_lost() -> None:
    texts = ["Status: on the payment floor.", "Expected payment amount three hundred ninety-five dollars.",
             "Line one, E zero two six zero: on the payment floor.", "Allowed two hundred dollars, paid one hundred.",
             "two, E zero six zero one: on the payment floor.", "Allowed one hundred dollars, paid ninety dollars.",
             "To repeat this information, press 1."]
    claim_level, lines = split_lines(texts)
    assert claim_level == 2
    assert [line.start for line in lines] == [2, 4]


def test_announced_line_count() -> None:
    assert announced_line_count(["Processed as primary.", "There are three line items."]) == 3
    assert announced_line_count(["Processed as primary."]) is None


def test_line_sums_keep_claim_amount() -> None:
    navigator, context = navigator_for()  # the claim was billed 125.00
    turn(navigator, ["Enter the date of service as 8 digits."], 10.0)
    turn(navigator, ["Status: on the payment floor.",
                     "Expected payment amount ninety-five dollars and seventy-three cents.",
                     "Line one, E zero two six zero: on the payment floor.",
                     "Allowed fifty dollars, paid forty dollars and seventy-two cents.",
                     # Line two was lost whole; line three follows.
                     "Line three, A seven zero three zero: on the payment floor.",
                     "Allowed thirty dollars, paid twenty-eight dollars and sixty-one cents.",
                     "To repeat this information, press 1."], 20.0)
    assert context.claims[0].fields["paid_amount"].value == Decimal("95.73")
    # Lines 1 and 3 without 2: their sums are no claim total.
    assert "allowed_amount" not in context.claims[0].fields


def test_lines_in_order() -> None:
    _, lines = split_lines(["Line one: paid ten dollars.", "two, procedure A: paid five dollars."])
    assert lines_in_order(lines)
    _, lines = split_lines(["Line one: paid ten dollars.", "Line three: paid five dollars."])
    assert not lines_in_order(lines)


def test_lines_fewer_than_announced_give_no_totals() -> None:
    navigator, context = navigator_for()
    turn(navigator, ["Enter the date of service as 8 digits."], 10.0)
    turn(navigator, ["Claim one details.", "There are three line items.",
                     "Line one: procedure J one one zero zero.", "Billed thirty-two dollars, allowed nineteen dollars.",
                     "Line three: procedure nine seven one one zero.", "Billed ninety-five dollars, allowed zero dollars.",
                     "To hear that again, say repeat or press 1."], 20.0)
    claim = context.claims[0]
    assert len(claim.lines) == 2
    assert "billed_amount" not in claim.fields


def test_status_from_the_claims_verb_in_a_readout_sentence() -> None:
    from payerline.agent.readout import parse_fields
    from payerline.domain.codes import ClaimStatus

    text = ("Claim one, claim number two six two four five five six four four three eight eight one, was processed "
            "on October second, twenty twenty-six and partially paid on October eighth, twenty twenty-six.")
    assert parse_fields(text, None)["claim_status"].value is ClaimStatus.PARTIALLY_PAID
    assert "claim_status" not in parse_fields("Claim one, paid amount was zero dollars.", None)


def test_status_from_an_outcome_verb_after_an_amount() -> None:
    from payerline.agent.readout import parse_fields
    from payerline.domain.codes import ClaimStatus

    text = ("The allowed amount of ninety-eight dollars and forty-two cents was applied to the member's deductible, "
            "and no payment was made.")
    assert parse_fields(text, None)["claim_status"].value is ClaimStatus.APPLIED_TO_DEDUCTIBLE
    assert "claim_status" not in parse_fields("Billed amount was two hundred dollars, paid on March third.", None)


def test_claim_number_read_out_means_found() -> None:
    from payerline.agent.extract import Extraction
    from payerline.agent.results import SOURCE_IVR, ClaimState, Heard

    claim = ClaimState(0)
    claim.record("claim_number", Extraction("2616899377258", 0.9), Heard(3, 10.0, 12.0), SOURCE_IVR)
    assert claim.fields["found"].value is True


def test_identifier_only_in_details_heard_there_again() -> None:
    navigator, context = navigator_for()
    turn(navigator, ["Enter the date of service as 8 digits."], 10.0)
    menu = ["For claim details, including the I C N, press 1.", "To hear these claims again, press 4.",
            "To check other dates, press 2."]
    summary = ["Claim one is paid.", "Billed amount one hundred twenty-five dollars.",
               "Paid amount ninety dollars on March third, twenty twenty-six."]
    assert turn(navigator, summary + menu, 20.0).actions == [PressKeys("4")]  # the summary once more
    assert turn(navigator, summary + menu, 40.0).actions == [PressKeys("1")]  # then its details
    details = ["Claim one, I C N two two six four two five seven zero nine eight five five one."]
    assert turn(navigator, details + menu, 60.0).actions == [PressKeys("4")]
    assert "claim_number" in context.claims[0].fields
    # The ICN, heard once, is heard again in the details: the summary and a new search do not read it.
    assert turn(navigator, summary + menu, 80.0).actions == [PressKeys("1")]
