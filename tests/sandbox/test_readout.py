"""Self-service read-outs: deductible amounts and counts that agree with their nouns."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from payerline.domain.codes import ClaimStatus
from payerline.sandbox.payer_file import Readout
from payerline.sandbox.phrases import PhraseBank
from payerline.sandbox.readout import agree_with_counts, claims_readout, deductible_amount
from payerline.sandbox.records import ClaimLineRecord, ClaimRecord

BANK = PhraseBank.default()


def claim(**changes: object) -> ClaimRecord:
    values: dict[str, object] = {
        "id": "c1", "claim_number": "2260123456789", "status": ClaimStatus.PAID, "billing_npi": "8234567898",
        "service_date_from": date(2026, 2, 13), "billed_amount": Decimal("225.00"),
        "received_date": date(2026, 2, 22), "processed_date": date(2026, 3, 6), "paid_date": date(2026, 3, 20),
        "allowed_amount": Decimal("123.75"), "paid_amount": Decimal("99.00"),
        "patient_responsibility": Decimal("24.75"), "check_number": "119476640",
    }
    values.update(changes)
    return ClaimRecord(**values)


def test_deductible_from_record_field() -> None:
    assert deductible_amount(claim(deductible_amount=Decimal("20.00"))) == Decimal("20.00")


def test_deductible_of_claim_applied_to_deductible() -> None:
    record = claim(status=ClaimStatus.APPLIED_TO_DEDUCTIBLE, paid_amount=Decimal("0.00"),
                   patient_responsibility=Decimal("123.75"), adjustment_group_code="PR", carc_codes=["1"])
    assert deductible_amount(record) == Decimal("123.75")


def test_deductible_of_pr_carc_1_claim() -> None:
    record = claim(adjustment_group_code="PR", carc_codes=["1"])
    assert deductible_amount(record) == Decimal("24.75")


def test_deductible_unknown_for_coinsurance() -> None:
    assert deductible_amount(claim(adjustment_group_code="PR", carc_codes=["2"])) is None
    assert deductible_amount(claim()) is None


def test_deductible_sentence_spoken_only_with_value() -> None:
    readout = Readout(per_claim=["Claim number {claim_number}.", "Applied to deductible {deductible_amount}."])
    with_value = claims_readout(readout, [claim(deductible_amount=Decimal("20.00"))], BANK)
    without = claims_readout(readout, [claim()], BANK)
    assert with_value[1] == "Applied to deductible twenty dollars."
    assert len(without) == 1


def test_count_of_one_reads_singular() -> None:
    readout = Readout(intro="We found {count} claims for those dates.", per_claim="Claim {index}.")
    assert claims_readout(readout, [claim()], BANK)[0] == "We found one claim for those dates."
    two = [claim(), claim(id="c2", claim_number="2260123456790")]
    assert claims_readout(readout, two, BANK)[0] == "We found two claims for those dates."


def test_line_count_of_one_reads_singular() -> None:
    line = ClaimLineRecord(procedure_code="99213", service_date=date(2026, 2, 13), billed_amount=Decimal("225.00"))
    readout = Readout(per_claim="Claim {index} has {line_count} lines.")
    assert claims_readout(readout, [claim(lines=[line])], BANK) == ["Claim one has one line."]


def test_count_agreement_leaves_other_words() -> None:
    assert agree_with_counts("{count} was found.", {"count": 1}) == "{count} was found."
    assert agree_with_counts("{count} status.", {"count": 1}) == "{count} status."
    assert agree_with_counts("{count} inquiries left.", {"count": 1}) == "{count} inquiry left."
    assert agree_with_counts("{count} claims.", {"count": 3}) == "{count} claims."
