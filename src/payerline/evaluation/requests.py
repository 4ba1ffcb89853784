"""Build the claim-status request a biller would send for a planned eval call.

The request is built from the sandbox payer's own records, the way a billing
team would fill it from its practice-management system: the billing provider
of the first claim, the member (and the subscriber when the member is a
dependent), and each claim's dates of service, billed amount and lines. The
payer's claim number is included only when the plan says the biller has it.
The caller is synthetic.
"""

from __future__ import annotations

import random
import re

from payerline.domain.request import (
    Caller,
    ClaimLine,
    ClaimQuery,
    ClaimStatusRequest,
    LineOfBusiness,
    Person,
    Provider,
    Relationship,
    Subscriber,
)
from payerline.sandbox.records import ClaimRecord, MemberRecord, ProviderRecord, Records

_REVENUE_CODE = re.compile(r"\d{4}")

CALLER_NAMES = (
    "Dana Whitfield", "Marcus Oyelaran", "Priya Raman", "Tom Kowalczyk",
    "Alicia Fuentes", "Grace Lindqvist", "Omar Haddad", "Beth Nakamura",
)


def find_member(records: Records, member_id: str) -> MemberRecord:
    """Return the member with ``member_id``; raises KeyError naming the id if absent."""
    for member in records.members:
        if member.member_id == member_id:
            return member
    raise KeyError(f"member {member_id!r} is not in the payer's records")


def find_claim(member: MemberRecord, claim_id: str) -> ClaimRecord:
    """Return the member's claim record ``claim_id``; raises KeyError if absent."""
    for claim in member.claims:
        if claim.id == claim_id:
            return claim
    raise KeyError(f"claim record {claim_id!r} is not among member {member.member_id!r}'s claims")


def find_provider(records: Records, npi: str) -> ProviderRecord:
    """Return the provider with ``npi``; raises KeyError if the payer has none."""
    for provider in records.providers:
        if provider.npi == npi:
            return provider
    raise KeyError(f"billing NPI {npi} is not among the payer's providers")


def synthetic_caller(provider: ProviderRecord, rng: random.Random) -> Caller:
    """Return a made-up billing-office caller for ``provider``'s practice.

    Callback numbers are in 555-0100..0199, which US numbering reserves for
    fiction, so no real line is ever given out.
    """
    return Caller(
        name=rng.choice(CALLER_NAMES),
        practice=provider.name,
        callback_number=f"555555{rng.randrange(100, 200):04d}",
    )


def claim_query(claim: ClaimRecord, *, knows_claim_number: bool) -> ClaimQuery:
    """Return the query a biller sends for ``claim``, from the billed data only."""
    lines = [
        ClaimLine(
            # A payer file may list an institutional line by its revenue code alone ("0120").
            procedure_code=None if _REVENUE_CODE.fullmatch(line.procedure_code) else line.procedure_code,
            revenue_code=line.procedure_code if _REVENUE_CODE.fullmatch(line.procedure_code) else None,
            modifiers=list(line.modifiers),
            billed_amount=line.billed_amount,
            service_date=line.service_date,
        )
        for line in claim.lines
    ]
    return ClaimQuery(
        payer_claim_number=claim.claim_number if knows_claim_number else None,
        service_date_from=claim.service_date_from,
        service_date_to=claim.service_date_to,
        billed_amount=claim.billed_amount,
        lines=lines,
    )


def build_request(
    *,
    request_id: str,
    payer_id: str,
    line_of_business: LineOfBusiness,
    records: Records,
    member_id: str,
    claim_ids: tuple[str, ...],
    knows_claim_number: tuple[bool, ...],
    rng: random.Random,
    request_member_id: str | None = None,
) -> ClaimStatusRequest:
    """Build the request for one planned call.

    ``request_member_id`` replaces the member id on the request (the eval
    uses it for a biller who mistyped the member id); the patient's name and
    date of birth still come from the record of ``member_id``.
    """
    if len(knows_claim_number) != len(claim_ids):
        raise ValueError(
            f"knows_claim_number has {len(knows_claim_number)} entries for {len(claim_ids)} claims; "
            "give one flag per claim"
        )
    member = find_member(records, member_id)
    claims = [find_claim(member, claim_id) for claim_id in claim_ids]
    provider = find_provider(records, claims[0].billing_npi)

    subscriber = None
    # A subscriber record marked "self" carries nothing the patient does not.
    if member.subscriber is not None and member.subscriber.relationship != Relationship.SELF:
        subscriber = Subscriber(
            first_name=member.subscriber.first_name,
            last_name=member.subscriber.last_name,
            date_of_birth=member.subscriber.date_of_birth,
            relationship=member.subscriber.relationship,
            member_id=member.subscriber.member_id,
        )
    return ClaimStatusRequest(
        request_id=request_id,
        payer_id=payer_id,
        line_of_business=line_of_business,
        caller=synthetic_caller(provider, rng),
        billing_provider=Provider(
            name=provider.name,
            npi=provider.npi,
            tin=provider.tin,
            ptan=provider.ptan,
            medicaid_provider_id=provider.medicaid_provider_id,
        ),
        patient=Person(
            first_name=member.first_name,
            last_name=member.last_name,
            date_of_birth=member.date_of_birth,
        ),
        subscriber=subscriber,
        member_id=request_member_id or member.member_id,
        claims=[
            claim_query(claim, knows_claim_number=knows)
            for claim, knows in zip(claims, knows_claim_number, strict=True)
        ],
    )
