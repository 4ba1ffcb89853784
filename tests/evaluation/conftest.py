"""Fixtures for eval tests: two small synthetic payers."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from eval_records import make_records, weekday_hours

from payerline.domain.request import LineOfBusiness
from payerline.evaluation.mix import PayerProfile


@pytest.fixture
def payer_profiles() -> list[PayerProfile]:
    return [
        PayerProfile(
            payer_id="alpha-health", timezone=ZoneInfo("America/New_York"),
            line_of_business=LineOfBusiness.COMMERCIAL, records=make_records("A"), is_open=weekday_hours,
        ),
        PayerProfile(
            payer_id="beta-medicaid", timezone=ZoneInfo("America/Chicago"),
            line_of_business=LineOfBusiness.MEDICAID, records=make_records("B"), is_open=weekday_hours,
        ),
    ]
