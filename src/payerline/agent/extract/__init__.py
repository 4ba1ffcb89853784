"""Extractors: pure functions from one utterance to a value and a confidence.

Each returns an :class:`Extraction` or ``None`` when the utterance holds no
such value. They share one lexer (``lexer.py``) that understands number
words, spelled letters and self-corrections.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from payerline.agent.extract.codes import extract_carc_codes, extract_group_code, extract_rarc_codes
from payerline.agent.extract.dates import extract_date
from payerline.agent.extract.durations import extract_days
from payerline.agent.extract.freetext import extract_missing_information
from payerline.agent.extract.ids import extract_identifier
from payerline.agent.extract.money import extract_money
from payerline.agent.extract.names import extract_person_name
from payerline.agent.extract.numbers import extract_number
from payerline.agent.extract.result import Extraction
from payerline.agent.extract.status import extract_claim_status
from payerline.agent.extract.yesno import extract_check_cashed, extract_yes_no

FieldExtractor = Callable[[str, date | None], Extraction[Any] | None]


def _money(field: str) -> FieldExtractor:
    return lambda text, reference: extract_money(text, field)


def _plain(function: Callable[[str], Extraction[Any] | None]) -> FieldExtractor:
    return lambda text, reference: function(text)


FIELD_EXTRACTORS: dict[str, FieldExtractor] = {
    "claim_number": _plain(extract_identifier),
    "claim_status": _plain(extract_claim_status),
    "received_date": extract_date,
    "processed_date": extract_date,
    "paid_date": extract_date,
    "billed_amount": _money("billed_amount"),
    "allowed_amount": _money("allowed_amount"),
    "paid_amount": _money("paid_amount"),
    "patient_responsibility": _money("patient_responsibility"),
    "bulk_payment_amount": _money("bulk_payment_amount"),
    "check_number": _plain(extract_identifier),
    "check_cashed": _plain(extract_check_cashed),
    "adjustment_group_code": _plain(extract_group_code),
    "carc_codes": _plain(extract_carc_codes),
    "rarc_codes": _plain(extract_rarc_codes),
    "missing_information": _plain(extract_missing_information),
    "expected_processing_days": _plain(extract_days),
    "timely_filing_days": _plain(extract_days),
    "representative_name": _plain(extract_person_name),
    "reference_number": _plain(extract_identifier),
}
"""One extractor per claim-status result field, called as ``extractor(text, call_date)``."""

__all__ = [
    "FIELD_EXTRACTORS",
    "Extraction",
    "extract_carc_codes",
    "extract_check_cashed",
    "extract_claim_status",
    "extract_date",
    "extract_days",
    "extract_group_code",
    "extract_identifier",
    "extract_missing_information",
    "extract_money",
    "extract_number",
    "extract_person_name",
    "extract_rarc_codes",
    "extract_yes_no",
]
