"""Helpers for sandbox tests: the bundled payers and caller steps that know their records."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from scripted_caller import CallerFacts

from payerline.domain.codes import ClaimStatus
from payerline.payers.directory import bundled_payers_dir
from payerline.sandbox.keypad import name_for_entry, star_code
from payerline.sandbox.payer_file import PayerFile, load_payer_file
from payerline.sandbox.records import ClaimRecord, MemberRecord
from payerline.telephony.actions import Action, PressKeys, Speak

# Tuesday 3 March 2026, 15:00 UTC: 10:00 in New York, inside both payers' hours.
OPEN_AT = datetime(2026, 3, 3, 15, 0, tzinfo=UTC)


@cache
def bundled(payer_id: str) -> PayerFile:
    return load_payer_file(bundled_payers_dir() / f"{payer_id}.payer.yaml")


def find_claim(payer: PayerFile, status: ClaimStatus, index: int = 0) -> tuple[MemberRecord, ClaimRecord]:
    """Return the ``index``-th member and claim with ``status``."""
    found = [(m, c) for m in payer.records.members for c in m.claims if c.status == status]
    return found[index]


def facts_for(payer: PayerFile, member: MemberRecord, claim: ClaimRecord) -> CallerFacts:
    provider = next(p for p in payer.records.providers if p.npi == claim.billing_npi)
    return CallerFacts(
        npi=provider.npi, tin=provider.tin, ptan=provider.ptan,
        medicaid_provider_id=provider.medicaid_provider_id, member_id=member.member_id,
        first_name=member.first_name, last_name=member.last_name,
        birth_text=member.date_of_birth.strftime("%B %d, %Y"),
        service_text=claim.service_date_from.strftime("%B %d, %Y"),
    )


def star_keys(text: str) -> str:
    return "".join(star_code(char) if char.isalpha() else char for char in text)


def ngs_claim_steps(payer: PayerFile, member: MemberRecord, claim: ClaimRecord) -> list[tuple[str, Action]]:
    """Return IVR steps through NGS claim status for ``claim``."""
    provider = next(p for p in payer.records.providers if p.npi == claim.billing_npi)
    service = claim.service_date_from.strftime("%m%d%Y")
    return [
        ("For claim status", PressKeys("2")),
        ("10-digit NPI", PressKeys(provider.npi + "#")),
        ("If this is correct", PressKeys("1")),
        ("PTAN", PressKeys(provider.ptan + "#")),
        ("If this is correct", PressKeys("1")),
        ("tax identification", PressKeys(provider.tin[-5:] + "#")),
        ("beneficiary identifier", PressKeys(star_keys(member.member_id) + "#")),
        ("If this is correct", PressKeys("1")),
        ("last name", PressKeys(star_keys(name_for_entry(member.last_name, 6)) + "#")),
        ("first initial", Speak(member.first_name[0])),
        ("from date of service", PressKeys(service)),
        ("through date of service", PressKeys(service)),
    ]


def to_representative(steps: list[tuple[str, Action]], trigger: str = "speak with a customer service") -> list[tuple[str, Action]]:
    return [*steps, (trigger, PressKeys("0"))]


def kentucky_member_steps(payer: PayerFile, member: MemberRecord, claim: ClaimRecord) -> list[tuple[str, Action]]:
    """Return KY AVRS steps: provider number, claim status, member search by dates and amount."""
    provider = next(p for p in payer.records.providers if p.npi == claim.billing_npi)
    service = claim.service_date_from.strftime("%m%d%y")
    cents = str(int(claim.billed_amount * 100))
    return [
        ("provider number", PressKeys(provider.medicaid_provider_id + "#")),
        ("If this is correct", PressKeys("1")),
        ("For claim status, press 5", PressKeys("5")),
        ("search by member number", PressKeys("2")),
        ("10-digit Medicaid member ID", PressKeys(member.member_id + "#")),
        ("first date of service", PressKeys(service + "#")),
        ("last date of service", PressKeys(service + "#")),
        ("billed amount in dollars", PressKeys(cents + "#")),
        ("If this is correct", PressKeys("1")),
    ]


def scenario_for(payer: PayerFile, member: MemberRecord, claims: list[ClaimRecord], *, seed: int = 3,
                 start: datetime = OPEN_AT, hold_s: float | None = 40.0, **settings) -> "Scenario":
    from payerline.sandbox.scenario import Scenario

    return Scenario(f"test-{payer.payer_id}-{seed}", payer.payer_id, seed, start, member.member_id,
                    tuple(c.id for c in claims), hold_s=hold_s, **settings)


def run_to_representative(payer: PayerFile, member: MemberRecord, claim: ClaimRecord, questions: list,
                          *, extra_claims: list[ClaimRecord] = (), seed: int = 3, **settings):
    """Run a call through the IVR to a representative and ask ``questions``; return (caller, line)."""
    from scripted_caller import ScriptedCaller

    from payerline.clock import VirtualClock
    from payerline.sandbox.line import SandboxLine

    scenario = scenario_for(payer, member, [claim, *extra_claims], seed=seed, **settings)
    line = SandboxLine(payer, scenario, VirtualClock(scenario.start))
    if payer.payer_id == "ngs-medicare":
        steps = to_representative(ngs_claim_steps(payer, member, claim))
    else:
        steps = to_representative(kentucky_member_steps(payer, member, claim), "speak with a representative")
    caller = ScriptedCaller(line, steps, facts_for(payer, member, claim), list(questions)).run()
    return caller, line
