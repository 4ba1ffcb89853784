"""required_inputs names the request fields a payer's IVR login asks for."""

from __future__ import annotations

from payerline.domain.request import parse_request
from payerline.payers import missing_inputs, required_inputs
from payerline.payers.directory import bundled_payers_dir
from payerline.payers.ivr_map import load_ivr_map, parse_ivr_map


def _map(login_ids: list[str]):
    return parse_ivr_map({"schema_version": "1", "payer_id": "x", "version": "1", "source": "guide",
                          "login_ids": login_ids})


def test_medicare_login_needs_npi_ptan_and_tin():
    ivr_map = load_ivr_map(bundled_payers_dir() / "ngs-medicare.ivr-map.yaml")
    assert required_inputs(ivr_map) == ["billing_provider.npi", "billing_provider.ptan", "billing_provider.tin"]


def test_tin_listed_once():
    assert required_inputs(_map(["tin", "tin_last5"])) == ["billing_provider.tin"]


def test_no_map_requires_nothing():
    assert required_inputs(None) == []


def test_missing_medicaid_id_reported():
    request = parse_request({
        "request_id": "r1", "payer_id": "x", "line_of_business": "medicaid",
        "caller": {"name": "Dana Whitfield", "practice": "Lakeside", "callback_number": "5555550142"},
        "billing_provider": {"npi": "7532694842", "tin": "000307225"},
        "patient": {"first_name": "Rosa", "last_name": "Quintero", "date_of_birth": "1951-07-04"},
        "member_id": "M1", "claims": [{"service_date_from": "2026-01-12", "billed_amount": "1.00"}],
    })
    assert missing_inputs(request, _map(["medicaid_provider_id"])) == ["billing_provider.medicaid_provider_id"]
