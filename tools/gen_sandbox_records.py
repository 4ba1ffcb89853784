"""Write the synthetic ``records:`` section of the bundled sandbox payer files.

Usage: python tools/gen_sandbox_records.py [--codes PATH]

Deterministic: each payer has its own seed, so rerunning rewrites identical
records. Everything after the line ``# --- records ---`` in each payer file
is replaced. Names, ids and amounts are invented; CARCs and RARCs come from
the adjustment-code list given with --codes (one ``kind,code,meaning`` row
per code). Amounts always satisfy paid + patient responsibility = allowed.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from payerline.domain.identifiers import npi_with_check_digit  # noqa: E402

MARKER = "# --- records ---"
FIRST_NAMES = [
    "Avery", "Brooke", "Calvin", "Delia", "Elliot", "Frances", "Gideon", "Harriet", "Isaac",
    "Juniper", "Kendall", "Lorena", "Marshall", "Nadine", "Oren", "Priscilla", "Quentin",
    "Rosalind", "Silas", "Tamsin", "Ulysses", "Verna", "Wendell", "Yvette",
]
LAST_NAMES = [
    "Ashdown", "Birchfield", "Calloway", "Dunmore", "Eastwick", "Fairbairn", "Glenister",
    "Holloway", "O'Rourke", "Jessup", "Kettering", "Larkspur-Hale", "Merriweather", "Northam",
    "Oakridge", "Pemberton", "Quarles", "Rutherford", "St Clair", "Thistlewood", "Underhill",
    "Vance", "Whitcombe", "Yardley",
]
STATUSES = [
    "received", "pending", "payment_floor", "paid", "partially_paid", "applied_to_deductible",
    "denied", "adjusted", "cancelled", "not_on_file",
]
PROCEDURES = [
    ("99213", Decimal("145.00")), ("99214", Decimal("210.00")), ("93000", Decimal("65.00")),
    ("36415", Decimal("18.00")), ("80053", Decimal("48.50")), ("71046", Decimal("120.00")),
    ("97110", Decimal("95.00")), ("G0439", Decimal("225.00")), ("99203", Decimal("185.00")),
    ("20610", Decimal("260.00")),
]
DENIAL_SETS = [
    ("CO", ["50"], ["N130"]), ("CO", ["16"], ["MA130", "N290"]), ("CO", ["197"], []),
    ("CO", ["29"], []), ("CO", ["96"], ["N381"]), ("OA", ["18"], []), ("CO", ["11"], []),
    ("CO", ["22"], ["MA04"]), ("CO", ["252"], ["N4"]), ("CO", ["185"], ["N290"]),
]
MISSING = [
    "the medical records for the date of service",
    "the primary payer's explanation of benefits",
    "an itemized bill",
    "the referring provider's NPI",
]
PAYERS = {
    "ngs-medicare": {"seed": 41, "members": 22, "ids": "mbi", "dependents": False, "timely": 365, "ptan": True},
    "kentucky-medicaid": {"seed": 57, "members": 22, "ids": "ky", "dependents": True, "timely": 365, "ptan": False},
}
_MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY"


def money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def mbi(rng: random.Random) -> str:
    """Return an identifier in the MBI shape: C A AN N A AN N A A N N."""
    alnum = _MBI_LETTERS + "0123456789"
    pattern = [
        "123456789", _MBI_LETTERS, alnum, "0123456789", _MBI_LETTERS, alnum,
        "0123456789", _MBI_LETTERS, _MBI_LETTERS, "0123456789", "0123456789",
    ]
    return "".join(rng.choice(chars) for chars in pattern)


def synthetic_npi(first9: str) -> str:
    """Return an NPI with a valid check digit that no provider can hold.

    Real NPIs start with 1 or 2, so a leading 1 or 2 becomes 8 or 9. The
    random draw is unchanged, so every other generated value stays the same.
    """
    if first9[0] in "12":
        first9 = str(int(first9[0]) + 7) + first9[1:]
    return npi_with_check_digit(first9)


def synthetic_tin(tin: str) -> str:
    """Return ``tin`` with the prefix 00, which the IRS never issues, so no real taxpayer holds it."""
    return "00" + tin[2:]


def digits(rng: random.Random, count: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(count - 1))


def providers(rng: random.Random, spec: dict) -> list[dict]:
    names = ["Bluegrass Family Medicine", "Riverbend Cardiology Associates", "Lakeshore Physical Therapy"]
    result = []
    for name in names:
        entry = {"npi": synthetic_npi(digits(rng, 9)), "tin": synthetic_tin(digits(rng, 9)), "name": name}
        if spec["ptan"]:
            entry["ptan"] = digits(rng, 6)
        else:
            entry["medicaid_provider_id"] = digits(rng, 10, "7")
        result.append(entry)
    return result


def claim_lines(rng: random.Random, status: str) -> list[tuple[str, Decimal]]:
    count = rng.choice((2, 3)) if status == "partially_paid" else rng.choice((1, 1, 2, 3))
    return rng.sample(PROCEDURES, count)


def make_claim(rng: random.Random, spec: dict, status: str, claim_id: str, npi: str, service: date,
               with_lines: bool, eft: dict) -> dict:
    procedures = claim_lines(rng, status)
    billed = sum((amount for _, amount in procedures), Decimal(0))
    received = service + timedelta(days=rng.randint(3, 12))
    processed = received + timedelta(days=rng.randint(10, 25))
    claim: dict = {"id": claim_id, "status": status, "billing_npi": npi,
                   "service_date_from": service.isoformat(), "billed_amount": money(billed)}
    if status != "not_on_file":
        claim["claim_number"] = "2" + service.strftime("%y") + digits(rng, 10, "0123456789")
        claim["received_date"] = received.isoformat()
    if status in ("received", "pending"):
        claim["expected_processing_days"] = rng.choice((14, 30, 45))
        if status == "pending" and rng.random() < 0.6:
            claim["missing_information"] = rng.choice(MISSING)
    if status == "not_on_file":
        claim["timely_filing_days"] = spec["timely"]
    if status in ("payment_floor", "paid", "partially_paid", "applied_to_deductible", "denied", "adjusted", "cancelled"):
        claim["processed_date"] = processed.isoformat()
    line_records = []
    allowed_total = Decimal(0)
    paid_total = Decimal(0)
    pr_total = Decimal(0)
    denial = rng.choice(DENIAL_SETS)
    for index, (code, amount) in enumerate(procedures):
        line_status = status
        allowed = (amount * Decimal(rng.choice(("0.55", "0.62", "0.7", "0.78")))).quantize(Decimal("0.01"))
        if status == "partially_paid" and index == len(procedures) - 1:
            line_status, allowed = "denied", Decimal(0)
        if status in ("denied", "cancelled", "received", "pending", "not_on_file"):
            allowed = Decimal(0)
        if status == "applied_to_deductible":
            pr = allowed
        elif line_status == "denied":
            pr = Decimal(0)
        else:
            pr = (allowed * Decimal("0.2")).quantize(Decimal("0.01"))
        paid = allowed - pr
        allowed_total += allowed
        paid_total += paid
        pr_total += pr
        line = {"procedure_code": code, "service_date": service.isoformat(), "billed_amount": money(amount)}
        if status not in ("received", "pending", "not_on_file", "cancelled"):
            line.update(allowed_amount=money(allowed), paid_amount=money(paid), status=line_status)
        if line_status == "denied":
            line["carc_codes"] = denial[1]
        line_records.append(line)
    if status in ("payment_floor", "paid", "partially_paid", "applied_to_deductible", "adjusted"):
        claim.update(allowed_amount=money(allowed_total), paid_amount=money(paid_total),
                     patient_responsibility=money(pr_total))
    if status in ("payment_floor", "paid", "partially_paid", "adjusted"):
        claim["paid_date"] = (processed + timedelta(days=rng.randint(3, 14))).isoformat()
    if status in ("paid", "partially_paid"):
        trace = eft.setdefault(claim["paid_date"], digits(rng, 9))
        claim["check_number"] = trace
        claim["bulk_payment_amount"] = money(paid_total + Decimal(rng.randint(200, 4000)) + Decimal(rng.randint(0, 99)) / 100)
        claim["check_cashed"] = rng.random() < 0.7
    if status == "partially_paid":
        claim.update(adjustment_group_code=denial[0], carc_codes=denial[1], rarc_codes=denial[2])
    if status == "applied_to_deductible":
        claim.update(adjustment_group_code="PR", carc_codes=["1"])
    if status == "denied":
        claim.update(allowed_amount="0.00", paid_amount="0.00", patient_responsibility="0.00",
                     adjustment_group_code=denial[0], carc_codes=denial[1], rarc_codes=denial[2])
    if status == "adjusted":
        claim.update(adjustment_group_code="CR", carc_codes=["45"])
    for key in ("rarc_codes",):
        if key in claim and not claim[key]:
            del claim[key]
    if with_lines and status not in ("not_on_file",):
        claim["lines"] = line_records
    return claim


def status_plan(rng: random.Random, members: int) -> list[list[str]]:
    """Return each member's claim statuses; every status appears at least twice overall."""
    pool = STATUSES * 2
    rng.shuffle(pool)
    plan = [[] for _ in range(members)]
    for index, status in enumerate(pool):
        plan[index % members].append(status)
    for statuses in plan:
        if len(statuses) < 2:
            statuses.append(rng.choice(["paid", "paid", "denied", "pending"]))
    return plan


def records(payer_id: str, spec: dict, codes: set[str]) -> dict:
    rng = random.Random(spec["seed"])
    provider_list = providers(rng, spec)
    members = []
    eft: dict[str, str] = {}
    used_dates: set[tuple[str, date]] = set()
    for index, statuses in enumerate(status_plan(rng, spec["members"])):
        first, last = FIRST_NAMES[index], LAST_NAMES[index]
        member_id = mbi(rng) if spec["ids"] == "mbi" else digits(rng, 10, "3456789")
        birth = date(rng.randint(1938, 1958) if spec["ids"] == "mbi" else rng.randint(1962, 2018),
                     rng.randint(1, 12), rng.randint(1, 28))
        member: dict = {"member_id": member_id, "first_name": first, "last_name": last,
                        "date_of_birth": birth.isoformat()}
        if spec["dependents"] and birth.year >= 2008:
            member["subscriber"] = {
                "first_name": rng.choice(FIRST_NAMES), "last_name": last,
                "date_of_birth": date(rng.randint(1975, 1990), rng.randint(1, 12), rng.randint(1, 28)).isoformat(),
                "relationship": "child", "member_id": digits(rng, 10, "3456789"),
            }
        claims = []
        for c_index, status in enumerate(statuses):
            provider = rng.choice(provider_list)
            while True:
                service = date(2026, 1, 5) + timedelta(days=rng.randint(0, 60))
                if (member_id, service) not in used_dates:
                    used_dates.add((member_id, service))
                    break
            with_lines = status == "partially_paid" or rng.random() < 0.35
            claim = make_claim(rng, spec, status, f"{payer_id[:2]}-{index + 1:02d}-{c_index + 1}",
                               provider["npi"], service, with_lines, eft)
            if status == "partially_paid" and "lines" not in claim:
                raise AssertionError("partially paid claims carry their lines")
            claims.append(claim)
        member["claims"] = claims
        members.append(member)
    for member in members:
        for claim in member["claims"]:
            for code in claim.get("carc_codes", []) + claim.get("rarc_codes", []):
                if code not in codes:
                    raise ValueError(f"code {code} is not in the adjustment-code list")
    return {"providers": provider_list, "members": members}


def load_codes(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle) if row["kind"] in ("carc", "rarc")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes", type=Path, default=ROOT.parent / "shared" / "data" / "adjustment-codes.csv",
                        help="CSV of adjustment codes (kind,code,meaning)")
    args = parser.parse_args()
    codes = load_codes(args.codes)
    for payer_id, spec in PAYERS.items():
        path = ROOT / "src" / "payerline" / "payers" / f"{payer_id}.payer.yaml"
        head = path.read_text(encoding="utf-8").split(MARKER)[0]
        body = yaml.safe_dump({"records": records(payer_id, spec, codes)}, sort_keys=False, width=100)
        path.write_text(f"{head}{MARKER}\n# Generated by tools/gen_sandbox_records.py; synthetic data.\n{body}", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
