"""The request inputs a payer's IVR needs, so a call can be refused before dialing."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from payerline.domain.request import ClaimStatusRequest
    from payerline.payers.ivr_map import IvrMap

# Each IVR login id and the request field that holds its value.
_LOGIN_INPUTS = {
    "npi": "billing_provider.npi",
    "ptan": "billing_provider.ptan",
    "tin": "billing_provider.tin",
    "tin_last5": "billing_provider.tin",
    "medicaid_provider_id": "billing_provider.medicaid_provider_id",
}


def required_inputs(ivr_map: IvrMap | None) -> list[str]:
    """Return the request fields (dotted paths) the payer's IVR login needs, in the map's order, without repeats."""
    if ivr_map is None:
        return []
    inputs: list[str] = []
    for login_id in ivr_map.login_ids:
        field = _LOGIN_INPUTS[str(login_id)]
        if field not in inputs:
            inputs.append(field)
    return inputs


def missing_inputs(request: ClaimStatusRequest, ivr_map: IvrMap | None) -> list[str]:
    """Return the fields of ``required_inputs(ivr_map)`` that ``request`` leaves empty."""
    missing = []
    for field in required_inputs(ivr_map):
        value: object = request
        for part in field.split("."):
            value = getattr(value, part, None)
        if value in (None, ""):
            missing.append(field)
    return missing
