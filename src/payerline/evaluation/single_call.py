"""Turn a biller's own request into a sandbox scenario, for ``payerline call``.

The sandbox needs to know which of its records the call is about. The
request names the member and describes each claim; each claim is matched to
a record by the payer's claim number when the request has one, else by the
first date of service and the billed amount. A claim that matches no record
is left out of the scenario: the sandbox then answers about it as a payer
does about a claim it does not have.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from payerline.domain.request import ClaimQuery, ClaimStatusRequest
from payerline.errors import UsageError
from payerline.evaluation.demo import demo_start
from payerline.evaluation.mix import PayerProfile
from payerline.sandbox.records import ClaimRecord, MemberRecord
from payerline.sandbox.scenario import RepBehaviour, Scenario


def parse_start(text: str | None, profile: PayerProfile) -> datetime:
    """Return the call start: ``text`` (ISO 8601 with an offset) or the demo's default start.

    Raises:
        UsageError: if ``text`` is not ISO 8601 or has no UTC offset.
    """
    if text is None:
        return demo_start(profile)
    try:
        start = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--start {text!r} is not an ISO 8601 time; write it like 2026-03-03T10:00-05:00") from None
    if start.tzinfo is None:
        raise UsageError(f"--start {text!r} has no UTC offset; add one, like 2026-03-03T10:00-05:00")
    return start


def _matches(query: ClaimQuery, record: ClaimRecord) -> bool:
    if query.payer_claim_number:
        return record.claim_number == query.payer_claim_number
    return record.service_date_from == query.service_date_from and record.billed_amount == query.billed_amount


def match_claims(request: ClaimStatusRequest, member: MemberRecord | None) -> tuple[str, ...]:
    """Return the record ids of the request's claims that ``member`` has, in request order."""
    if member is None:
        return ()
    matched: list[str] = []
    for query in request.claims:
        for record in member.claims:
            if _matches(query, record) and record.id not in matched:
                matched.append(record.id)
                break
    return tuple(matched)


def call_id_for(request: ClaimStatusRequest, start: datetime) -> str:
    """Return a call id that names the request and is stable for the same request and start."""
    digest = hashlib.sha256(f"{request.request_id}|{start.isoformat()}".encode()).hexdigest()[:8]
    return f"{request.request_id}-{digest}"


def scenario_for_request(
    request: ClaimStatusRequest, profile: PayerProfile, start: datetime, seed: int,
) -> Scenario:
    """Return the no-fault, standard-representative scenario for ``request`` at ``start``."""
    if request.payer_id != profile.payer_id:
        raise UsageError(
            f"request {request.request_id} is for payer {request.payer_id!r}, not {profile.payer_id!r}"
        )
    member = next((m for m in profile.records.members if m.member_id == request.member_id), None)
    return Scenario(
        scenario_id=call_id_for(request, start),
        payer_id=profile.payer_id,
        seed=seed,
        start=start,
        member_id=request.member_id,
        claim_ids=match_claims(request, member),
        rep_behaviour=RepBehaviour.STANDARD,
    )
