"""Record lookups behind IVR entries: provider login, member and claim search."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from payerline.domain.codes import ClaimStatus
from payerline.sandbox.keypad import Entry, id_keys, name_for_entry, name_keys
from payerline.sandbox.records import ClaimRecord, MemberRecord, ProviderRecord, Records


@dataclass
class Session:
    """The caller's entries and the IVR's findings so far in one call."""

    slots: dict[str, Entry] = field(default_factory=dict)
    provider: ProviderRecord | None = None
    member: MemberRecord | None = None
    claims: list[ClaimRecord] = field(default_factory=list)
    inquiries: int = 0

    def value(self, slot: str) -> object | None:
        entry = self.slots.get(slot)
        return entry.value if entry is not None else None


def find_provider(records: Records, session: Session) -> ProviderRecord | None:
    """Return the provider matching every provider id entered, or None."""
    checks = {
        "npi": lambda p, entry: p.npi == entry.value,
        "ptan": lambda p, entry: _id_matches(p.ptan, entry),
        "tin": lambda p, entry: p.tin == entry.value,
        "tin_last5": lambda p, entry: p.tin[-5:] == entry.value,
        "medicaid_provider_id": lambda p, entry: _id_matches(p.medicaid_provider_id, entry),
    }
    entered = {slot: session.slots[slot] for slot in checks if session.value(slot) is not None}
    if not entered:
        return None
    for provider in records.providers:
        if all(checks[slot](provider, entry) for slot, entry in entered.items()):
            return provider
    return None


def _id_matches(stored: str | None, entry: Entry) -> bool:
    """Tell whether an id on file matches an entry, comparing keys when letters were keyed one key each.

    Member ids, claim numbers, PTANs and Medicaid provider numbers are matched this way ("MDH51" as 63451).
    """
    if stored is None:
        return False
    return (id_keys(stored) if entry.keyed_letters else stored.upper()) == str(entry.value).upper()


def _name_matches(entry: Entry, name: str) -> bool:
    text = str(entry.value)
    if entry.keyed_letters:
        return name_keys(name, len(text)) == text
    return name_for_entry(name, len(text)) == text.upper() and len(text) >= 1


def find_member(records: Records, session: Session) -> MemberRecord | None:
    """Return the member matching the member id and any name or birth date entered."""
    member_id = session.value("member_id")
    if member_id is None or "ssn" in session.slots:
        return None  # an SSN search never finds anyone, because the records contain no SSNs
    for member in records.members:
        if not _id_matches(member.member_id, session.slots["member_id"]):
            continue
        last = session.slots.get("last_name")
        first = session.slots.get("first_name")
        initial = session.slots.get("first_initial")
        birth = session.value("date_of_birth")
        # Ids keyed one key per letter can collide ("TO44" and "VN44" are both 8644), so a member whose
        # name or birth date does not match passes the search on to the next member with that id.
        if last is not None and not _name_matches(last, member.last_name):
            continue
        if first is not None and not _name_matches(first, member.first_name):
            continue
        if initial is not None and not _name_matches(initial, member.first_name):
            continue
        if birth is not None and birth != member.date_of_birth:
            continue
        return member
    return None


def _overlaps(claim: ClaimRecord, start: date, end: date) -> bool:
    claim_end = claim.service_date_to or claim.service_date_from
    return claim.service_date_from <= end and claim_end >= start


def find_claims(records: Records, session: Session) -> list[ClaimRecord]:
    """Return claims on file matching the claim number, or the member, dates and amount entered.

    Claims whose status is ``not_on_file`` are never found: the payer has no
    record of them. When a provider has logged in, only that provider's claims match.
    """
    number = session.value("claim_number")
    npi = session.provider.npi if session.provider is not None else None
    on_file = []
    for member in records.members:
        for claim in member.claims:
            if claim.status == ClaimStatus.NOT_ON_FILE or (npi and claim.billing_npi != npi):
                continue
            on_file.append((member, claim))
    if number is not None:
        matches = [(m, c) for m, c in on_file if _id_matches(c.claim_number, session.slots["claim_number"])]
        if matches:
            session.member = matches[0][0]
        return [c for _, c in matches]
    if session.member is None:
        return []
    start = session.value("dos_from")
    if start is None:
        return []
    end = session.value("dos_to") or start
    billed = session.value("billed_amount")
    found = [
        claim for member, claim in on_file
        if member.member_id == session.member.member_id and _overlaps(claim, start, end)
        and (billed is None or Decimal(billed) == claim.billed_amount)
    ]
    return sorted(found, key=lambda c: (c.service_date_from, c.id))
