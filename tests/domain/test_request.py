"""Tests for claim-status request validation: every error names the field and the fix."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from payerline.domain.request import load_request, parse_request, validate_request_dates
from payerline.errors import RequestValidationError, UsageError

VALID = {
    "request_id": "req-0001",
    "payer_id": "ngs-medicare",
    "line_of_business": "medicare",
    "caller": {"name": "Dana Whitfield", "practice": "Lakeside Family Medicine", "callback_number": "(555) 555-0142"},
    "billing_provider": {"npi": "8234567898", "tin": "12-3456789", "ptan": "ab1234"},
    "patient": {"first_name": "Rosa", "last_name": "Quintero", "date_of_birth": "1951-07-04"},
    "member_id": "1EG4TE5MK73",
    "claims": [{"service_date_from": "2026-01-12", "billed_amount": "185.00"}],
}


def with_change(path: str, value: object) -> dict:
    data = copy.deepcopy(VALID)
    target = data
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target.setdefault(key, {})
    if value is _DELETE:
        del target[keys[-1]]
    else:
        target[keys[-1]] = value
    return data


_DELETE = object()


def problems_for(data: dict) -> list[str]:
    with pytest.raises(RequestValidationError) as caught:
        parse_request(data)
    return caught.value.problems


def test_valid_request_normalised():
    request = parse_request(VALID)
    assert request.caller.callback_number == "5555550142"
    assert request.billing_provider.tin == "123456789"
    assert request.billing_provider.ptan == "AB1234"
    assert request.claims[0].billed_amount == Decimal("185.00")
    assert request.claims[0].last_service_date == date(2026, 1, 12)


def test_eleven_digit_callback_number_drops_country_code():
    request = parse_request(with_change("caller.callback_number", "+1 555 555 0142"))
    assert request.caller.callback_number == "5555550142"


# Each case: the change, the field path the message must start with, and
# words of the fix the message must contain.
CASES = [
    ("billing_provider.npi", "8234567891", "billing_provider.npi", "fails its check digit"),
    ("billing_provider.npi", "8234567891", "billing_provider.npi", "mistyped digit"),
    ("billing_provider.npi", "12345", "billing_provider.npi", "exactly 10 digits"),
    ("billing_provider.tin", "12-34", "billing_provider.tin", "like 123456789"),
    ("billing_provider.ptan", "AB 12", "billing_provider.ptan", "letters or digits with no spaces"),
    ("caller.callback_number", "555-0142", "caller.callback_number", "write it like 5555550123"),
    ("patient.date_of_birth", "1850-01-01", "patient.date_of_birth", "check the year"),
    ("claims.0.procedure_code", None, "claims[0].procedure_code", "unknown field"),
    ("member_id", "1EG4-TE5", "member_id", "use only letters and digits"),
    ("payer_id", "NGS Medicare", "payer_id", "lowercase letters, digits and '-'"),
    ("line_of_business", "dental", "line_of_business", "'medicare'"),
    ("claims", [], "claims", "at least 1"),
    ("patient.first_name", _DELETE, "patient.first_name", "missing; add it (see examples/claim-status-request.json)"),
    ("schema_version", "2", "schema_version", "'2' is not supported; use '1'"),
    ("billing_provider.npi", 7532694842, "billing_provider.npi", 'write it as a string in quotes, like "7532694842"'),
    ("claims", [{"service_date_from": "2026-01-12", "billed_amount": "1.00"}] * 21, "claims",
     "at most 20 claims per request; split the request"),
    ("request_id", "req 1", "request_id", "'req 1' has characters that are not allowed"),
    ("patient.date_of_birth", "2026-02-01", "patient.date_of_birth",
     "is after claims[0].service_date_from 2026-01-12"),
    ("claims.0.service_date_from", "Jan 12", "claims[0].service_date_from", "write it as YYYY-MM-DD"),
    ("claims.0.billed_amount", "12.345", "claims[0].billed_amount", "2 decimal places"),
    ("claims.0.billed_amount", "-5", "claims[0].billed_amount", "'-5' is below 0; use 0 or more"),
]


@pytest.mark.parametrize(("path", "value", "location", "fix"), CASES)
def test_invalid_field_names_field_and_fix(path, value, location, fix):
    problems = problems_for(with_change(path, value))
    assert len(problems) == 1, problems
    assert problems[0].startswith(location + ":"), problems[0]
    assert fix in problems[0]


def test_service_dates_out_of_order_named():
    data = with_change("claims.0.service_date_to", "2026-01-10")
    problems = problems_for(data)
    assert len(problems) == 1
    assert problems[0].startswith("claims[0]:")
    assert "swap them" in problems[0]


def test_whole_request_must_be_an_object():
    problems = problems_for([1, 2])  # type: ignore[arg-type]
    assert problems == ["(request): the request must be a JSON object {...}, not [1, 2]; "
                        "see examples/claim-status-request.json"]


def test_no_message_shows_a_class_name():
    data = with_change("subscriber", {"relationship": "self"})
    data["caller"] = "Dana"
    for problem in problems_for(data):
        assert "Caller" not in problem
        assert "Subscriber" not in problem


def test_member_ids_uppercased():
    request = parse_request(with_change("member_id", "1eg4te5mk73"))
    assert request.member_id == "1EG4TE5MK73"


def test_dates_after_today_rejected():
    data = with_change("claims.0.service_date_from", "2026-03-02")
    request = parse_request(with_change("patient.date_of_birth", "1951-07-04") | {"claims": data["claims"]})
    problems = validate_request_dates(request, today=date(2026, 3, 1))
    assert problems == ["claims[0].service_date_from: 2026-03-02 is in the future (today is 2026-03-01); "
                        "ask about a claim once the service has been given"]


def test_dates_up_to_today_accepted():
    request = parse_request(with_change("member_id", "1EG4TE5MK73"))
    assert validate_request_dates(request, today=request.claims[0].service_date_from) == []


def test_subscriber_self_rejected_at_relationship():
    subscriber = {"first_name": "Rosa", "last_name": "Quintero", "date_of_birth": "1951-07-04", "relationship": "self"}
    problems = problems_for(with_change("subscriber", subscriber))
    assert problems[0].startswith("subscriber.relationship: 'self' is not allowed here")


def test_subscriber_self_rejected_with_fix():
    subscriber = {"first_name": "Rosa", "last_name": "Quintero", "date_of_birth": "1951-07-04", "relationship": "self"}
    problems = problems_for(with_change("subscriber", subscriber))
    assert "leave subscriber out" in problems[0]


def test_claim_line_procedure_code_checked():
    line = {"procedure_code": "99-13", "billed_amount": "10.00"}
    problems = problems_for(with_change("claims.0.lines", [line]))
    assert problems[0].startswith("claims[0].lines[0].procedure_code:")
    assert "5-character CPT or HCPCS" in problems[0]


def test_every_problem_listed_at_once():
    data = with_change("billing_provider.npi", "8234567891")
    data["caller"]["callback_number"] = "12"
    data["member_id"] = ""
    problems = problems_for(data)
    locations = sorted(problem.split(":")[0] for problem in problems)
    assert locations == ["billing_provider.npi", "caller.callback_number", "member_id"]


def test_error_message_lists_problems():
    with pytest.raises(RequestValidationError) as caught:
        parse_request(with_change("billing_provider.npi", "8234567891"))
    assert isinstance(caught.value, UsageError)
    assert str(caught.value).startswith("invalid call request:\n  billing_provider.npi:")


def test_request_file_loaded(tmp_path):
    path = tmp_path / "request.json"
    path.write_text(json.dumps(VALID), encoding="utf-8")
    assert load_request(path).request_id == "req-0001"


def test_missing_request_file_named(tmp_path):
    path = tmp_path / "absent.json"
    with pytest.raises(RequestValidationError) as caught:
        load_request(path)
    assert caught.value.problems == [f"{path}: file not found; check the path"]


def test_request_file_bad_json_located(tmp_path):
    path = tmp_path / "request.json"
    path.write_text('{"request_id": "r1",\n  "payer_id": }', encoding="utf-8")
    with pytest.raises(RequestValidationError) as caught:
        load_request(path)
    assert caught.value.problems[0].startswith(f"{path}: not valid JSON at line 2 column")


def test_empty_request_file_says_so(tmp_path):
    path = tmp_path / "request.json"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(RequestValidationError) as caught:
        load_request(path)
    assert caught.value.problems[0].startswith(f"{path}: the file is empty;")


def test_request_file_invalid_content_listed(tmp_path):
    path = tmp_path / "request.json"
    path.write_text(json.dumps(with_change("billing_provider.tin", "99")), encoding="utf-8")
    with pytest.raises(RequestValidationError) as caught:
        load_request(path)
    assert [p.split(":")[0] for p in caught.value.problems] == ["billing_provider.tin"]


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "claim-status-request.json"


def test_shipped_example_request_valid():
    request = load_request(EXAMPLE)
    assert request.payer_id == "ngs-medicare"
    assert request.caller.callback_number.startswith("5555550")


def test_shipped_example_matches_bundled_payer():
    directory = pytest.importorskip("payerline.payers.directory")
    from payerline.sandbox.payer_file import load_payer_file

    path = directory.bundled_payers_dir() / "ngs-medicare.payer.yaml"
    if not path.is_file():
        pytest.skip("the bundled ngs-medicare payer file is not in the tree yet")
    records = load_payer_file(path).records
    request = load_request(EXAMPLE)
    member = next(m for m in records.members if m.member_id == request.member_id)
    assert (member.last_name, member.date_of_birth) == (request.patient.last_name, request.patient.date_of_birth)
    query = request.claims[0]
    assert any(
        claim.service_date_from == query.service_date_from and claim.billed_amount == query.billed_amount
        for claim in member.claims
    )
    assert request.billing_provider.npi in {provider.npi for provider in records.providers}


def test_claim_line_revenue_code():
    line = {"revenue_code": "0120", "billed_amount": "9450.00"}
    assert parse_request(with_change("claims.0.lines", [line])).claims[0].lines[0].revenue_code == "0120"
    problems = problems_for(with_change("claims.0.lines", [{"procedure_code": "0120", "billed_amount": "10.00"}]))
    assert "send it as revenue_code" in problems[0]
    problems = problems_for(with_change("claims.0.lines", [{"revenue_code": "120", "billed_amount": "10.00"}]))
    assert problems[0].startswith("claims[0].lines[0].revenue_code:")
    problems = problems_for(with_change("claims.0.lines", [{"billed_amount": "10.00"}]))
    assert "needs a procedure_code" in problems[0]


def test_deeply_nested_request_says_so(tmp_path):
    path = tmp_path / "request.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(RequestValidationError) as caught:
        load_request(path)
    assert caught.value.problems[0].startswith(f"{path}: nested too deeply")


def test_nan_amount_names_the_fix():
    problems = problems_for(with_change("claims.0.billed_amount", "NaN"))
    assert any("is not a finite amount; write it like" in problem for problem in problems)
