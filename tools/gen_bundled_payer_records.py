"""Write the synthetic ``records:`` section of four bundled sandbox payer files.

Usage: python tools/gen_bundled_payer_records.py [--codes PATH] [PAYER_ID ...]

Covers noridian-jf-partb, cgs-dme-jc, first-coast and humana; the NGS and
Kentucky records come from tools/gen_sandbox_records.py. Deterministic: each
payer has its own seed, so a rerun rewrites identical records. Everything
after the line ``# --- records ---`` in each payer file is replaced.

Every name and id is invented and looks it: members have alliterative
made-up names, ids have the real shapes (an 11-character MBI for Medicare,
9 digits for Humana), NPIs carry a valid check digit. CARCs and RARCs come
from the adjustment-code list given with --codes (``kind,code,meaning``
rows). Amounts always satisfy paid + patient responsibility = allowed, and
every claim status appears at least twice per payer.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from payerline.domain.identifiers import npi_with_check_digit  # noqa: E402

MARKER = "# --- records ---"
STATUSES = [
    "received", "pending", "payment_floor", "paid", "partially_paid", "applied_to_deductible",
    "denied", "adjusted", "cancelled", "not_on_file",
]
FINALIZED = ("payment_floor", "paid", "partially_paid", "applied_to_deductible", "denied", "adjusted", "cancelled")
# The latest date any record may carry. Eval calls start in the week after
# the latest record date across all payers, so staying at or before the
# other bundled payers' latest date keeps that week where it was.
LATEST_DATE = date(2026, 4, 13)
FIRST_SERVICE_DATE = date(2026, 1, 5)
SERVICE_DAYS = 55

PHYSICIAN_PROCEDURES = [
    ("99213", [], Decimal("145.00")), ("99214", ["25"], Decimal("210.00")), ("93000", [], Decimal("65.00")),
    ("36415", [], Decimal("18.00")), ("80053", [], Decimal("48.50")), ("71046", ["26"], Decimal("120.00")),
    ("97110", ["GP"], Decimal("95.00")), ("G0439", [], Decimal("225.00")), ("99203", [], Decimal("185.00")),
    ("20610", ["RT"], Decimal("260.00")), ("11721", [], Decimal("88.00")), ("J1100", [], Decimal("32.00")),
]
DME_PROCEDURES = [
    ("E0601", ["RR", "KX"], Decimal("310.00")), ("A7030", ["NU"], Decimal("142.00")),
    ("E0143", ["NU"], Decimal("165.00")), ("A4253", ["NU", "KS"], Decimal("96.00")),
    ("A4259", ["NU", "KS"], Decimal("28.00")), ("E1390", ["RR"], Decimal("245.00")),
    ("E0260", ["RR", "KX"], Decimal("388.00")), ("K0001", ["RR"], Decimal("120.00")),
    ("A5500", ["KX"], Decimal("154.00")), ("L3000", ["LT"], Decimal("405.00")),
]
COMMERCIAL_PROCEDURES = [
    ("99213", [], Decimal("165.00")), ("99214", [], Decimal("240.00")), ("99395", [], Decimal("275.00")),
    ("90686", [], Decimal("45.00")), ("87880", [], Decimal("38.00")), ("81002", [], Decimal("15.00")),
    ("99204", [], Decimal("310.00")), ("97140", ["GP"], Decimal("85.00")), ("73610", ["RT"], Decimal("132.00")),
    ("29125", ["LT"], Decimal("198.00")), ("96372", [], Decimal("42.00")),
]
DENIAL_SETS = [
    ("CO", ["50"], ["N130"]), ("CO", ["16"], ["MA130", "N290"]), ("CO", ["197"], []),
    ("CO", ["29"], []), ("CO", ["96"], ["N381"]), ("OA", ["18"], []), ("CO", ["11"], []),
    ("CO", ["22"], ["MA04"]), ("CO", ["252"], ["N4"]), ("CO", ["185"], ["N290"]),
    ("CO", ["151"], []), ("CO", ["97"], ["M80"]), ("CO", ["4"], []), ("PR", ["204"], []),
    ("CO", ["109"], []), ("CO", ["167"], ["N130"]), ("CO", ["236"], ["M80"]), ("PR", ["27"], []),
]
MISSING = [
    "the medical records for the date of service",
    "the primary payer's explanation of benefits",
    "an itemized bill",
    "the referring provider's NPI",
    "the certificate of medical necessity",
    "the detailed written order",
]
_MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY"


@dataclass(frozen=True)
class PayerSpec:
    """The ways one payer's records differ from another's: seed, ids, names, codes, claim-number shape."""

    seed: int
    members: int
    id_kind: str  # "mbi" or "digits9"
    dependents: bool
    timely_filing_days: int
    procedures: list
    claim_number_digits: int
    claim_number_prefix: str
    check_digits: int
    provider_names: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    birth_years: tuple[int, int]
    coinsurance: Decimal
    copay: Decimal | None = None
    lines_share: float = 0.4


PAYERS: dict[str, PayerSpec] = {
    "noridian-jf-partb": PayerSpec(
        seed=71, members=24, id_kind="mbi", dependents=False, timely_filing_days=365,
        procedures=PHYSICIAN_PROCEDURES, claim_number_digits=13, claim_number_prefix="55",
        check_digits=9, lines_share=0.7,
        provider_names=("Cascade Sandbox Internal Medicine", "Juniper Test Orthopedics", "Basalt Demo Podiatry"),
        first_names=("Aurelia", "Bramwell", "Cordelia", "Dashiell", "Evander", "Florentine", "Gustavo", "Honora",
                     "Ignatius", "Jessamine", "Kingsley", "Lavinia", "Montague", "Nerissa", "Octavian",
                     "Persephone", "Quillon", "Rosamund", "Sebastian", "Theodora", "Ulric", "Valentina",
                     "Wilhelmina", "Xavier"),
        last_names=("Applewhite", "Bumblecrest", "Cobblestone", "Dandelion", "Eggleston", "Fiddlewood",
                    "Gingersnap", "Hollyhock", "Inkwell", "Jumbleberry", "Kettlebrook", "Lanternfish",
                    "Marmalade", "Nettlefield", "Oatcake", "Pepperpot", "Quillfeather", "Rumblethorn",
                    "Snickerdoodle", "Thimbleton", "Umberwell", "Velvetine", "Wafflesby", "Xylander"),
        birth_years=(1936, 1959), coinsurance=Decimal("0.20"),
    ),
    "cgs-dme-jc": PayerSpec(
        seed=83, members=22, id_kind="mbi", dependents=False, timely_filing_days=365,
        procedures=DME_PROCEDURES, claim_number_digits=14, claim_number_prefix="1",
        check_digits=10, lines_share=0.6,
        provider_names=("Palmetto Sandbox Home Medical", "Blue Ridge Test Respiratory", "Tidewater Demo Mobility"),
        first_names=("Alfonsina", "Barnaby", "Clementine", "Desmond", "Eulalia", "Fitzgerald", "Gwendolyn",
                     "Horatio", "Isadora", "Jebediah", "Katharina", "Leopold", "Mirabel", "Nathaniel",
                     "Ottoline", "Peregrine", "Quintessa", "Reginald", "Seraphina", "Thaddeus", "Ursula",
                     "Virgil"),
        last_names=("Axlebright", "Buttonwillow", "Candlewick", "Dewberry", "Elderflower", "Foxglove",
                    "Gumdrop", "Huckleberry", "Icicle", "Jellybean", "Kumquat", "Lollipop", "Muffintop",
                    "Nutmeg", "Orangeade", "Puddingstone", "Quackenbush", "Raspberry", "Sugarplum",
                    "Toffeeapple", "Upsydaisy", "Vanillabean"),
        birth_years=(1934, 1958), coinsurance=Decimal("0.20"),
    ),
    "first-coast": PayerSpec(
        seed=97, members=22, id_kind="mbi", dependents=False, timely_filing_days=365,
        procedures=PHYSICIAN_PROCEDURES, claim_number_digits=13, claim_number_prefix="09",
        check_digits=9, lines_share=0.35,
        provider_names=("Gulf Breeze Sandbox Family Practice", "Manatee Test Cardiology", "Everglade Demo Dermatology"),
        # Several last names carry a hyphen or an apostrophe, and several run past
        # six letters: the IVR takes at most six letters, stopping at those marks.
        first_names=("Amadeus", "Belladonna", "Cornelius", "Delphine", "Ezekiel", "Fenella", "Galahad",
                     "Hyacinth", "Ichabod", "Josephine", "Kasimir", "Lucinda", "Maximilian", "Niamh",
                     "Orlando", "Philippa", "Rafferty", "Sabrina", "Tobias", "Ulyssa", "Vespera", "Wolfgang"),
        last_names=("Le-Sandpiper", "O'Pelican", "Mangrove-Hale", "D'Oyster", "Seagrape", "Tarpon-Reyes",
                    "Flamingoville", "Conchshell", "Sawgrass", "Al-Heron", "Coquina", "Egretson",
                    "Hammock-Wilde", "Ibisworth", "Key-Lime", "Loggerhead", "Mullet", "Nautilus",
                    "Osprey-Oakes", "Pompano", "Roseate", "Snook"),
        birth_years=(1935, 1959), coinsurance=Decimal("0.20"),
    ),
    "humana": PayerSpec(
        seed=109, members=24, id_kind="digits9", dependents=True, timely_filing_days=180,
        procedures=COMMERCIAL_PROCEDURES, claim_number_digits=12, claim_number_prefix="6",
        check_digits=12, lines_share=0.4,
        provider_names=("Bluegrass Sandbox Pediatrics", "Derby Test Family Health", "Ohio Valley Demo Urgent Care"),
        first_names=("Anastasia", "Bartholomew", "Celestine", "Dorian", "Esmeralda", "Ferdinand", "Genevieve",
                     "Humphrey", "Imogen", "Jasper", "Lysander", "Marigold", "Nicodemus", "Ophelia",
                     "Percival", "Rowena", "Sylvester", "Tabitha", "Evangeline", "Winifred", "Zebulon",
                     "Araminta", "Benedict", "Clarabel"),
        last_names=("Acornfield", "Biscuitwood", "Crumpetson", "Doodlebug", "Elmsworthy", "Figgins",
                    "Gobbleston", "Hazelnutt", "Inchworth", "Jamboree", "Kazoo", "Limerick", "Moonbeam",
                    "Noodleman", "Oddsbody", "Pickleworth", "Quibble", "Rhubarb", "Scrumpton", "Tumbleweed",
                    "Upwhistle", "Vexley", "Wobblesworth", "Zeppelin"),
        birth_years=(1962, 2019), coinsurance=Decimal("0.10"), copay=Decimal("30.00"),
    ),
}


def money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


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


def mbi(rng: random.Random) -> str:
    """Return an identifier in the MBI shape: C A AN N A AN N A A N N."""
    alnum = _MBI_LETTERS + "0123456789"
    pattern = [
        "123456789", _MBI_LETTERS, alnum, "0123456789", _MBI_LETTERS, alnum,
        "0123456789", _MBI_LETTERS, _MBI_LETTERS, "0123456789", "0123456789",
    ]
    return "".join(rng.choice(chars) for chars in pattern)


def member_id(rng: random.Random, spec: PayerSpec) -> str:
    return mbi(rng) if spec.id_kind == "mbi" else digits(rng, 9)


def providers(rng: random.Random, spec: PayerSpec) -> list[dict]:
    result = []
    for name in spec.provider_names:
        entry = {"npi": synthetic_npi(digits(rng, 9)), "tin": synthetic_tin(digits(rng, 9)), "name": name}
        if spec.id_kind == "mbi":
            entry["ptan"] = digits(rng, 6)
        result.append(entry)
    return result


def claim_number(rng: random.Random, spec: PayerSpec, received: date) -> str:
    """Return a claim number: the payer's prefix, the 2-digit year and the day of the year, then digits."""
    head = f"{spec.claim_number_prefix}{received:%y}{received.timetuple().tm_yday:03d}"
    return head + digits(rng, spec.claim_number_digits - len(head), "0123456789")


def line_amounts(status: str, amount: Decimal, line_status: str, spec: PayerSpec,
                 rng: random.Random) -> tuple[Decimal, Decimal]:
    """Return (allowed, patient responsibility) of one line."""
    if status in ("denied", "cancelled", "received", "pending", "not_on_file") or line_status == "denied":
        return Decimal(0), Decimal(0)
    allowed = (amount * Decimal(rng.choice(("0.55", "0.62", "0.7", "0.78", "0.84")))).quantize(Decimal("0.01"))
    if status == "applied_to_deductible":
        return allowed, allowed
    share = (allowed * spec.coinsurance).quantize(Decimal("0.01"))
    return allowed, share


def make_claim(rng: random.Random, spec: PayerSpec, status: str, claim_id: str, npi: str, service: date,
               with_lines: bool, denials: dict[str, tuple], eft: dict[str, str], meanings: dict[str, str]) -> dict:
    count = rng.choice((2, 3)) if status == "partially_paid" else rng.choice((1, 1, 2, 3))
    procedures = rng.sample(spec.procedures, count)
    billed = sum((amount for _, _, amount in procedures), Decimal(0))
    received = service + timedelta(days=rng.randint(3, 10))
    processed = received + timedelta(days=rng.randint(10, 20))
    claim: dict = {"id": claim_id, "status": status, "billing_npi": npi,
                   "service_date_from": service.isoformat(), "billed_amount": money(billed)}
    if status != "not_on_file":
        claim["claim_number"] = claim_number(rng, spec, received)
        claim["received_date"] = received.isoformat()
    if status in ("received", "pending"):
        claim["expected_processing_days"] = rng.choice((14, 21, 30, 45))
        if status == "pending" and rng.random() < 0.6:
            claim["missing_information"] = rng.choice(MISSING)
    if status == "not_on_file":
        claim["timely_filing_days"] = spec.timely_filing_days
    if status in FINALIZED:
        claim["processed_date"] = processed.isoformat()

    denial = rng.choice(DENIAL_SETS)
    lines, allowed_total, pr_total = [], Decimal(0), Decimal(0)
    copay_left = spec.copay if status in ("paid", "partially_paid", "payment_floor", "adjusted") else None
    for index, (code, modifiers, amount) in enumerate(procedures):
        line_status = "denied" if status == "partially_paid" and index == len(procedures) - 1 else status
        if status == "partially_paid" and line_status != "denied":
            line_status = "paid"
        allowed, pr = line_amounts(status, amount, line_status, spec, rng)
        if copay_left is not None and allowed > 0 and index == 0:
            # A commercial plan takes the office-visit copay from the first line.
            pr = min(allowed, copay_left)
        allowed_total += allowed
        pr_total += pr
        line: dict = {"procedure_code": code}
        if modifiers:
            line["modifiers"] = list(modifiers)
        line.update(service_date=service.isoformat(), billed_amount=money(amount))
        if status not in ("received", "pending", "not_on_file", "cancelled"):
            line.update(allowed_amount=money(allowed), paid_amount=money(allowed - pr), status=line_status)
        if line_status == "denied":
            line["carc_codes"] = list(denial[1])
            line["description"] = meanings[denial[1][0]]
        lines.append(line)

    paid_total = allowed_total - pr_total
    if status in ("payment_floor", "paid", "partially_paid", "applied_to_deductible", "adjusted"):
        claim.update(allowed_amount=money(allowed_total), paid_amount=money(paid_total),
                     patient_responsibility=money(pr_total))
    if status in ("payment_floor", "paid", "partially_paid", "adjusted"):
        claim["paid_date"] = (processed + timedelta(days=rng.randint(3, 12))).isoformat()
    if status in ("paid", "partially_paid"):
        claim["check_number"] = eft.setdefault(claim["paid_date"], digits(rng, spec.check_digits))
        extra = Decimal(rng.randint(200, 6000)) + Decimal(rng.randint(0, 99)) / 100
        claim["bulk_payment_amount"] = money(paid_total + extra)
        claim["check_cashed"] = rng.random() < 0.7
    if status == "partially_paid":
        group = "CO" if denial[0] == "PR" else denial[0]
        claim.update(adjustment_group_code=group, carc_codes=list(denial[1]), rarc_codes=list(denial[2]))
    if status == "applied_to_deductible":
        claim.update(adjustment_group_code="PR", carc_codes=["1"])
    if status == "denied":
        claim.update(allowed_amount="0.00", paid_amount="0.00", patient_responsibility="0.00",
                     adjustment_group_code=denial[0], carc_codes=list(denial[1]), rarc_codes=list(denial[2]))
    if status == "adjusted":
        claim.update(adjustment_group_code="CR", carc_codes=["45"])
    if not claim.get("rarc_codes", True):
        del claim["rarc_codes"]
    if with_lines and status != "not_on_file":
        claim["lines"] = lines
    denials[claim_id] = denial
    return claim


def status_plan(rng: random.Random, members: int) -> list[list[str]]:
    """Return each member's claim statuses; every status appears at least twice."""
    pool = STATUSES * 2
    rng.shuffle(pool)
    plan: list[list[str]] = [[] for _ in range(members)]
    for index, status in enumerate(pool):
        plan[index % members].append(status)
    for statuses in plan:
        while len(statuses) < 2:
            statuses.append(rng.choice(["paid", "paid", "denied", "pending", "payment_floor"]))
    return plan


def subscriber_for(rng: random.Random, spec: PayerSpec, last_name: str, birth: date) -> dict | None:
    """Return a subscriber for a dependent member, or None when the member is the subscriber."""
    if not spec.dependents:
        return None
    if birth.year >= 2004:
        relationship, born = "child", date(rng.randint(1968, 1985), rng.randint(1, 12), rng.randint(1, 28))
    elif rng.random() < 0.3:
        relationship, born = "spouse", date(birth.year + rng.randint(-4, 4), rng.randint(1, 12), rng.randint(1, 28))
    else:
        return None
    return {
        "first_name": rng.choice(spec.first_names), "last_name": last_name, "date_of_birth": born.isoformat(),
        "relationship": relationship, "member_id": digits(rng, 9),
    }


def records(payer_id: str, spec: PayerSpec, meanings: dict[str, str]) -> dict:
    rng = random.Random(spec.seed)
    provider_list = providers(rng, spec)
    members, eft, denials = [], {}, {}
    for index, statuses in enumerate(status_plan(rng, spec.members)):
        birth = date(rng.randint(*spec.birth_years), rng.randint(1, 12), rng.randint(1, 28))
        last = spec.last_names[index]
        member: dict = {"member_id": member_id(rng, spec), "first_name": spec.first_names[index],
                        "last_name": last, "date_of_birth": birth.isoformat()}
        subscriber = subscriber_for(rng, spec, last, birth)
        if subscriber is not None:
            member["subscriber"] = subscriber
        claims, used = [], set()
        for c_index, status in enumerate(statuses):
            provider = rng.choice(provider_list)
            service = FIRST_SERVICE_DATE + timedelta(days=rng.randint(0, SERVICE_DAYS))
            while service in used:
                service += timedelta(days=1)
            used.add(service)
            with_lines = status == "partially_paid" or rng.random() < spec.lines_share
            claim_id = f"{payer_id.split('-')[0][:3]}-{index + 1:02d}-{c_index + 1}"
            claims.append(make_claim(rng, spec, status, claim_id, provider["npi"], service, with_lines,
                                     denials, eft, meanings))
        member["claims"] = claims
        members.append(member)
    check(members, meanings)
    return {"providers": provider_list, "members": members}


def check(members: list[dict], meanings: dict[str, str]) -> None:
    """Raise ValueError on a code missing from the list or a date past LATEST_DATE."""
    for member in members:
        for claim in member["claims"]:
            for code in claim.get("carc_codes", []) + claim.get("rarc_codes", []):
                if code not in meanings:
                    raise ValueError(f"code {code} of claim {claim['id']} is not in the adjustment-code list")
            for key in ("received_date", "processed_date", "paid_date"):
                if key in claim and date.fromisoformat(claim[key]) > LATEST_DATE:
                    raise ValueError(f"claim {claim['id']} {key} {claim[key]} is after {LATEST_DATE}")


def load_codes(path: Path) -> dict[str, str]:
    """Return each CARC and RARC in the CSV with its meaning."""
    with path.open(encoding="utf-8") as handle:
        return {row["code"]: row["meaning"] for row in csv.DictReader(handle) if row["kind"] in ("carc", "rarc")}


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes", type=Path, default=ROOT.parent / "shared" / "data" / "adjustment-codes.csv",
                        help="CSV of adjustment codes (kind,code,meaning)")
    parser.add_argument("payers", nargs="*", help="payer ids to write (default: all four)")
    args = parser.parse_args()
    meanings = load_codes(args.codes)
    for payer_id in args.payers or list(PAYERS):
        spec = PAYERS[payer_id]
        path = ROOT / "src" / "payerline" / "payers" / f"{payer_id}.payer.yaml"
        head = path.read_text(encoding="utf-8").split(MARKER)[0]
        body = yaml.dump({"records": records(payer_id, spec, meanings)}, Dumper=_NoAliasDumper,
                         sort_keys=False, width=100)
        path.write_text(f"{head}{MARKER}\n# Generated by tools/gen_bundled_payer_records.py; synthetic data.\n{body}",
                        encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
