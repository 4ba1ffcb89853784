"""The payments read-out (one payment per check and date) and how entries end."""

from __future__ import annotations

from decimal import Decimal

from sandbox_helpers import bundled

from payerline.domain.codes import ClaimStatus
from payerline.sandbox.payer_file import Readout
from payerline.sandbox.phrases import PhraseBank
from payerline.sandbox.readout import remittance_readout

READOUT = Readout(intro=["Payments: {count}."], per_item=["Check {check_number}, {amount}."])


def paid_claims(count: int):
    payer = bundled("kentucky-medicaid")
    claims = [c for m in payer.records.members for c in m.claims if c.status is ClaimStatus.PAID]
    return claims[:count]


def test_shared_check_sums_paid_amounts() -> None:
    first, second = paid_claims(2)
    shared = {"paid_date": first.paid_date, "check_number": "777001", "bulk_payment_amount": None}
    first = first.model_copy(update={**shared, "paid_amount": Decimal("10.00")})
    second = second.model_copy(update={**shared, "paid_amount": Decimal("20.00")})
    sentences = remittance_readout(READOUT, [first, second], PhraseBank.default())
    assert sentences[0] == "Payments: one."
    assert len(sentences) == 2, sentences
    assert "thirty dollars" in sentences[1], sentences


def test_bulk_amount_wins_over_the_sum() -> None:
    first, second = paid_claims(2)
    shared = {"paid_date": first.paid_date, "check_number": "777002", "bulk_payment_amount": Decimal("95.00")}
    first = first.model_copy(update={**shared, "paid_amount": Decimal("10.00")})
    second = second.model_copy(update={**shared, "paid_amount": Decimal("20.00")})
    sentences = remittance_readout(READOUT, [first, second], PhraseBank.default())
    assert "ninety-five dollars" in sentences[1], sentences


def test_key_count_ends_entry() -> None:
    from payerline.sandbox.ivr import _key_count
    from payerline.sandbox.payer_file import InputSpec

    assert _key_count(InputSpec(kind="digits", max_length=9, terminator=None)) == 9
    assert _key_count(InputSpec(kind="digits", length=10, terminator=None)) == 10
    assert _key_count(InputSpec(kind="digits", length=10, terminator="#")) is None
    assert _key_count(InputSpec(kind="name", letters="key", length=6, terminator=None)) == 6
    assert _key_count(InputSpec(kind="name", letters="star", length=6, terminator=None)) is None
