"""Payer-file checks of claim dates, subscribers, global keys, read-out parts and list values."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from payerline.sandbox.payer_file import validate_payer_file

DOCS = Path(__file__).resolve().parents[2] / "docs" / "sandbox-payers.md"


def example() -> dict:
    text = DOCS.read_text(encoding="utf-8")
    block = text.split("## A complete small example")[1].split("```yaml\n")[1].split("```")[0]
    return yaml.safe_load(block)


def problems_of(tmp_path: Path, data: dict) -> list[str]:
    path = tmp_path / "example-medicare.payer.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return validate_payer_file(path)


def matching(problems: list[str], where: str, message: str) -> list[str]:
    return [problem for problem in problems if f": {where}: " in problem and message in problem]


def paid_claim(data: dict) -> dict:
    return data["records"]["members"][0]["claims"][0]


def test_example_still_valid(tmp_path: Path) -> None:
    assert problems_of(tmp_path, example()) == []


def test_processed_before_received(tmp_path: Path) -> None:
    data = example()
    paid_claim(data)["processed_date"] = "2026-02-20"
    problems = problems_of(tmp_path, data)
    assert matching(problems, "records.members[0].claims[0].processed_date", "is before received_date 2026-02-22"), problems


def test_paid_before_processed(tmp_path: Path) -> None:
    data = example()
    paid_claim(data)["paid_date"] = "2026-03-01"
    problems = problems_of(tmp_path, data)
    assert matching(problems, "records.members[0].claims[0].paid_date", "is before processed_date 2026-03-06"), problems


def test_subscriber_not_on_file_allowed(tmp_path: Path) -> None:
    data = example()
    data["records"]["members"][1]["subscriber"] = {
        "first_name": "Casey", "last_name": "Birchfield", "date_of_birth": "1950-04-02",
        "relationship": "spouse", "member_id": "9ZZ9ZZ9ZZ99",
    }
    assert problems_of(tmp_path, data) == []


def test_subscriber_on_file_must_agree(tmp_path: Path) -> None:
    data = example()
    data["records"]["members"][1]["subscriber"] = {
        "first_name": "Avery", "last_name": "Ashdown", "date_of_birth": "1948-05-10",
        "relationship": "spouse", "member_id": "1EG4TE5MK73",
    }
    problems = problems_of(tmp_path, data)
    assert matching(problems, "records.members[1].subscriber.member_id", "is on file as Avery Ashdown, born 1948-05-09"), problems


def test_subscriber_on_file_that_agrees(tmp_path: Path) -> None:
    data = example()
    data["records"]["members"][1]["subscriber"] = {
        "first_name": "Avery", "last_name": "Ashdown", "date_of_birth": "1948-05-09",
        "relationship": "spouse", "member_id": "1EG4TE5MK73",
    }
    assert problems_of(tmp_path, data) == []


def test_subscriber_relationship_self(tmp_path: Path) -> None:
    data = example()
    data["records"]["members"][1]["subscriber"] = {
        "first_name": "Brooke", "last_name": "Birchfield", "date_of_birth": "1951-11-30", "relationship": "self",
    }
    problems = problems_of(tmp_path, data)
    assert matching(problems, "records.members[1].subscriber.relationship", "remove subscriber"), problems


def test_menu_key_duplicates_global_option(tmp_path: Path) -> None:
    data = example()
    data["ivr"]["menus"]["after"]["options"].append({"key": "*", "goto": "readout"})
    problems = problems_of(tmp_path, data)
    found = matching(problems, "ivr.menus.after.options[2].key", "key '*' is also ivr.global_options[0] (goto @repeat)")
    assert found, problems


def test_claims_readout_with_empty_per_claim(tmp_path: Path) -> None:
    data = example()
    data["ivr"]["menus"]["readout"]["readout"]["per_claim"] = []
    problems = problems_of(tmp_path, data)
    assert matching(problems, "ivr.menus.readout.readout.per_claim", "says nothing for each claim found"), problems


def test_line_detail_readout_needs_no_per_claim(tmp_path: Path) -> None:
    data = example()
    data["ivr"]["menus"]["readout"]["readout"] = {"per_claim": [], "line": ["Line {index}: {procedure_code}."]}
    assert problems_of(tmp_path, data) == []


def test_per_item_on_claims_readout(tmp_path: Path) -> None:
    data = example()
    data["ivr"]["menus"]["readout"]["readout"]["per_item"] = ["Payment {index}."]
    problems = problems_of(tmp_path, data)
    assert matching(problems, "ivr.menus.readout.readout.per_item", "is for source remittance"), problems


def test_modifiers_written_as_string(tmp_path: Path) -> None:
    data = example()
    paid_claim(data)["lines"] = [{
        "procedure_code": "99213", "modifiers": "25", "service_date": "2026-02-13", "billed_amount": "225.00",
    }]
    problems = problems_of(tmp_path, data)
    where = "records.members[0].claims[0].lines[0].modifiers"
    assert matching(problems, where, 'a list of modifier codes, e.g. ["25"]'), problems


def test_deductible_amount_above_patient_share(tmp_path: Path) -> None:
    data = example()
    paid_claim(data)["deductible_amount"] = "30.00"
    problems = problems_of(tmp_path, data)
    assert matching(problems, "records.members[0].claims[0].deductible_amount", "must be part of the patient"), problems


def test_deductible_placeholder_known(tmp_path: Path) -> None:
    data = example()
    paid_claim(data)["deductible_amount"] = "20.00"
    data["ivr"]["menus"]["readout"]["readout"]["per_claim"].append("Applied to deductible {deductible_amount}.")
    assert problems_of(tmp_path, data) == []


def test_phrase_placeholder_the_key_does_not_fill(tmp_path: Path) -> None:
    data = example()
    data["representatives"].setdefault("phrases", {})["greeting"] = ["Thanks for calling {department}, this is {name}."]
    problems = problems_of(tmp_path, data)
    assert matching(problems, "representatives.phrases.greeting[0]", "unknown placeholder {department}, which is not filled in here"), problems


def test_phrase_with_a_stray_brace(tmp_path: Path) -> None:
    data = example()
    data["representatives"].setdefault("field_phrases", {})["paid_amount"] = ["We paid {value} on it}"]
    problems = problems_of(tmp_path, data)
    assert matching(problems, "representatives.field_phrases.paid_amount[0]", "write a literal brace"), problems


def test_field_phrase_with_two_values(tmp_path: Path) -> None:
    data = example()
    data["representatives"].setdefault("field_phrases", {})["paid_amount"] = ["Paid {value}, that's {value}."]
    problems = problems_of(tmp_path, data)
    assert matching(problems, "representatives.field_phrases.paid_amount[0]", "exactly one {value}"), problems


def test_unquoted_yes_is_reported_as_a_yaml_boolean(tmp_path: Path) -> None:
    data = example()
    node = next(n for n in data["ivr"]["menus"].values() if n.get("confirm"))
    node["confirm"]["yes_say"] = [True, "correct"]
    problems = problems_of(tmp_path, data)
    assert any("quote it, like \"yes\"" in problem for problem in problems), problems


def test_repeat_only_as_an_option_target(tmp_path: Path) -> None:
    data = example()
    node_id, node = next((k, n) for k, n in data["ivr"]["menus"].items() if n.get("next"))
    node["next"] = "@repeat"
    problems = problems_of(tmp_path, data)
    assert matching(problems, f"ivr.menus.{node_id}.next", "works only as an option's goto"), problems


def test_star_keyed_name_needs_a_terminator(tmp_path: Path) -> None:
    data = example()
    node_id, node = next((k, n) for k, n in data["ivr"]["menus"].items()
                         if n.get("input", {}).get("kind") in ("name", "alphanumeric"))
    node["input"]["letters"] = "star"
    node["input"]["terminator"] = None
    node["input"].setdefault("length", 11)
    problems = problems_of(tmp_path, data)
    assert matching(problems, f"ivr.menus.{node_id}.input.terminator", "add terminator"), problems


def test_unquoted_no_in_a_say_list(tmp_path: Path) -> None:
    data = example()
    node = next(n for n in data["ivr"]["menus"].values() if isinstance(n.get("say"), list))
    node["say"] = [False]
    problems = problems_of(tmp_path, data)
    assert any("quote it" in problem for problem in problems), problems


def test_stray_brace_in_a_readout_sentence(tmp_path: Path) -> None:
    data = example()
    node_id, node = next((k, n) for k, n in data["ivr"]["menus"].items() if n.get("readout", {}).get("per_claim"))
    node["readout"]["per_claim"][0] = node["readout"]["per_claim"][0] + " }"
    problems = problems_of(tmp_path, data)
    assert matching(problems, f"ivr.menus.{node_id}.readout.per_claim[0]", "write a literal brace"), problems


def test_formatting_in_a_placeholder(tmp_path: Path) -> None:
    data = example()
    node_id, node = next((k, n) for k, n in data["ivr"]["menus"].items() if n.get("readout", {}).get("per_claim"))
    node["readout"]["per_claim"][0] = "Claim count {index!x}."
    problems = problems_of(tmp_path, data)
    assert matching(problems, f"ivr.menus.{node_id}.readout.per_claim[0]", "carries formatting"), problems


def test_real_looking_ids_rejected(tmp_path: Path) -> None:
    data = example()
    data["records"]["providers"][0]["tin"] = "514718263"
    problems = problems_of(tmp_path, data)
    assert matching(problems, "records.providers[0].tin", "start it with 00")
    data = example()
    npi = "1234567893"
    data["records"]["providers"][0]["npi"] = npi
    for member in data["records"]["members"]:
        for claim in member.get("claims", []):
            claim["billing_npi"] = npi
    problems = problems_of(tmp_path, data)
    assert matching(problems, "records.providers[0].npi", "digit from 3 to 9")


def test_line_code_must_be_hcpcs_or_revenue_code(tmp_path: Path) -> None:
    data = example()
    paid_claim(data)["lines"] = [
        {"procedure_code": "0120", "service_date": "2026-02-13", "billed_amount": "100.00"},
        {"procedure_code": "992-3", "service_date": "2026-02-13", "billed_amount": "125.00"},
    ]
    problems = problems_of(tmp_path, data)
    assert not matching(problems, "records.members[0].claims[0].lines[0].procedure_code", ""), problems
    assert matching(problems, "records.members[0].claims[0].lines[1].procedure_code", "4-digit revenue code"), problems


def test_claim_record_dates_days_and_amounts(tmp_path: Path) -> None:
    data = example()
    claim = paid_claim(data)
    claim["service_date_to"] = "2026-01-01"
    claim["timely_filing_days"] = -5
    claim["allowed_amount"] = str(Decimal(claim["billed_amount"]) + 1)
    problems = problems_of(tmp_path, data)
    base = "records.members[0].claims[0]"
    assert matching(problems, f"{base}.service_date_to", "is before service_date_from"), problems
    assert matching(problems, f"{base}.timely_filing_days", "above 0"), problems
    assert matching(problems, f"{base}.allowed_amount", "is above billed_amount"), problems


def test_received_before_service(tmp_path: Path) -> None:
    data = example()
    claim = paid_claim(data)
    claim["received_date"] = "2020-01-01"
    problems = problems_of(tmp_path, data)
    assert matching(problems, "records.members[0].claims[0].received_date", "before the last date of service"), problems


def test_range_low_above_high(tmp_path: Path) -> None:
    data = example()
    data["representatives"]["answer_delay_s"] = [5, 1]
    problems = problems_of(tmp_path, data)
    assert matching(problems, "representatives.answer_delay_s", "0 <= low <= high"), problems


def test_amounts_are_dollars_and_cents(tmp_path: Path) -> None:
    data = example()
    claim = paid_claim(data)
    claim["billed_amount"] = "-140.00"
    claim["allowed_amount"] = "140.005"
    problems = problems_of(tmp_path, data)
    base = "records.members[0].claims[0]"
    assert matching(problems, f"{base}.billed_amount", "dollars and cents at or above 0"), problems
    assert matching(problems, f"{base}.allowed_amount", "dollars and cents at or above 0"), problems


def test_hold_range_low_above_high(tmp_path: Path) -> None:
    data = example()
    data["hold"]["distribution"] = {"kind": "uniform", "min_s": 300, "max_s": 30}
    problems = problems_of(tmp_path, data)
    assert matching(problems, "hold.distribution.min_s", "swap them"), problems


def test_id_with_letter_outside_a_to_z(tmp_path: Path) -> None:
    data = example()
    paid_claim(data)["claim_number"] = "GMÅ5118740"
    problems = problems_of(tmp_path, data)
    assert matching(problems, "records.members[0].claims[0].claim_number", "contains 'Å'"), problems
