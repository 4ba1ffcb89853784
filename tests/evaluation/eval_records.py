"""Small synthetic payer records for eval tests that must not depend on bundled payers."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from payerline.domain.codes import ClaimStatus
from payerline.domain.identifiers import npi_with_check_digit
from payerline.domain.request import LineOfBusiness, Relationship
from payerline.evaluation.mix import PayerProfile
from payerline.sandbox.records import (
    ClaimLineRecord,
    ClaimRecord,
    MemberRecord,
    ProviderRecord,
    Records,
    SubscriberRecord,
)

FULL_VALUES: dict[str, object] = {
    "received_date": date(2026, 1, 20),
    "processed_date": date(2026, 2, 3),
    "paid_date": date(2026, 2, 10),
    "allowed_amount": Decimal("140.00"),
    "paid_amount": Decimal("112.00"),
    "patient_responsibility": Decimal("28.00"),
    "check_number": "EFT88120034",
    "adjustment_group_code": "CO",
    "carc_codes": ["45"],
    "expected_processing_days": 30,
}


def make_claim(claim_id: str, status: ClaimStatus, npi: str, day: int) -> ClaimRecord:
    on_file = status != ClaimStatus.NOT_ON_FILE
    values = dict(FULL_VALUES) if on_file else {"timely_filing_days": 365}
    return ClaimRecord(
        id=claim_id,
        claim_number=f"2126{day:03d}{len(claim_id):02d}0458" if on_file else None,
        status=status,
        billing_npi=npi,
        service_date_from=date(2026, 1, day),
        billed_amount=Decimal("185.00"),
        lines=[ClaimLineRecord(procedure_code="99213", service_date=date(2026, 1, day), billed_amount=Decimal("185.00"))],
        **values,
    )


def make_records(prefix: str = "A") -> Records:
    npi = npi_with_check_digit("123456789")
    providers = [ProviderRecord(npi=npi, tin="123456789", ptan="AB1234", name="Lakeside Family Medicine")]
    members = []
    statuses = list(ClaimStatus)
    drawn = 0
    for number in range(6):
        claims = []
        for k in range(3 if number % 2 == 0 else 1):
            claims.append(make_claim(f"{prefix}{number}-{k}", statuses[drawn % len(statuses)], npi, 2 + drawn))
            drawn += 1
        subscriber = None
        if number in (1, 4):
            subscriber = SubscriberRecord(
                first_name="Luis", last_name="Quintero", date_of_birth=date(1970, 5, 1),
                relationship=Relationship.CHILD if number == 1 else Relationship.SPOUSE,
            )
        members.append(MemberRecord(
            member_id=f"{prefix}M{number}00{number}77", first_name="Rosa", last_name=f"Quintero{number}",
            date_of_birth=date(1951, 7, 4), subscriber=subscriber, claims=claims,
        ))
    return Records(providers=providers, members=members)


def weekday_hours(at: datetime) -> bool:
    """Open Monday to Friday, 8:00 to 17:00 local."""
    return at.weekday() < 5 and time(8) <= at.time() < time(17)


