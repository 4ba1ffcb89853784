"""Coded reasons for provider-id mismatches and claim misses, which send a biller down different paths."""

from __future__ import annotations

import pytest
from scripted_payer import START, Node, Representative, ScriptedLine, full_rep, main_menu_nodes, make_request

from payerline.agent.prompts import Cue, analyze_prompt
from payerline.agent.session import CallOutput, run_call
from payerline.clock import VirtualClock
from payerline.domain.codes import RETRYABLE, ClaimStatus, FailureReason


def _call(nodes: dict[str, Node], rep: Representative | None) -> CallOutput:
    clock = VirtualClock(START)
    line = ScriptedLine(clock, nodes, rep)
    return run_call(make_request(), line, clock, call_id="call-1")


@pytest.mark.parametrize(
    "text",
    [
        "The NPI and PTAN you entered do not match our records. Please try again.",
        "The provider NPI and tax ID do not match our records.",
        "I'm sorry, the Medicaid provider number and NPI don't match our records.",
        "That NPI does not match our records for this member.",
    ],
)
def test_provider_mismatch_is_not_member_not_found(text: str) -> None:
    analysis = analyze_prompt(text)
    assert analysis.has(Cue.PROVIDER_NOT_RECOGNIZED)
    assert not analysis.has(Cue.MEMBER_NOT_FOUND)


@pytest.mark.parametrize(
    "text",
    ["The member ID you entered does not match our records.", "The patient and NPI you entered do not match our records."],
)
def test_member_mismatch_stays_member_not_found(text: str) -> None:
    analysis = analyze_prompt(text)
    assert analysis.has(Cue.MEMBER_NOT_FOUND)
    assert not analysis.has(Cue.PROVIDER_NOT_RECOGNIZED)


@pytest.mark.parametrize(
    "text",
    [
        "No claims were found for the dates of service entered.",
        "I'm not finding any claim on file for that date of service.",
        "I don't show any claims for that date of service.",
        "I'm not seeing a claim for that date of service.",
    ],
)
def test_claim_miss_cue(text: str) -> None:
    analysis = analyze_prompt(text)
    assert analysis.has(Cue.CLAIM_NOT_FOUND)
    assert not analysis.has(Cue.MEMBER_NOT_FOUND)


def test_ivr_provider_mismatch_gives_provider_not_recognized() -> None:
    nodes = main_menu_nodes(
        npi=Node(["Please enter your 10-digit NPI followed by the pound key."], {r"\d{10}#": "tin"},
                 check=lambda entry: False,
                 invalid="The NPI and PTAN you entered do not match our records."),
    )
    result = _call(nodes, full_rep()).results[0]
    assert result.reason is FailureReason.PROVIDER_NOT_RECOGNIZED
    assert result.retryable is False
    assert RETRYABLE[FailureReason.PROVIDER_NOT_RECOGNIZED] is False


def test_representative_provider_mismatch_gives_provider_not_recognized() -> None:
    rep = Representative(
        answers=[(r"date of service|calling|status", "I'm sorry, the NPI and tax ID you gave don't match our records, "
                                                     "so I can't release any information on that claim.")],
    )
    nodes = main_menu_nodes(start=Node(["Thank you for calling. To speak with a representative, press 0."], {"0": "hold"}))
    result = _call(nodes, rep).results[0]
    assert result.reason is FailureReason.PROVIDER_NOT_RECOGNIZED
    assert result.fields.claim_status is None


def test_claim_miss_gives_claim_not_found_and_not_on_file_from_person() -> None:
    nodes = main_menu_nodes(
        readout=Node(["No claims were found for the dates of service entered.",
                      "To speak with a representative press 0."], {"0": "hold"}),
    )
    rep = full_rep(answers=[
        (r"timely filing|filing limit", "The timely filing limit is one year, three hundred sixty-five days."),
        (r"status|date of service|calling", "I'm not finding any claim on file for that date of service."),
        (r"your name", "My name is Dana."),
        (r"reference number", "Your call reference number is one two oh, four five five, eight nine one, seven."),
        (r"read that back|correct", "Yes, that's correct."),
    ])
    result = _call(nodes, rep).results[0]
    assert result.reason in (None, FailureReason.CLAIM_NOT_FOUND)
    assert result.reason is not FailureReason.MEMBER_NOT_FOUND
    assert result.fields.claim_status is not None
    assert result.fields.claim_status.value is ClaimStatus.NOT_ON_FILE


def test_ivr_claim_miss_without_person_is_claim_not_found_not_not_on_file() -> None:
    nodes = main_menu_nodes(
        readout=Node(["No claims were found for the dates of service entered. Goodbye."], hangup_after=True),
    )
    result = _call(nodes, None).results[0]
    assert result.reason is FailureReason.CLAIM_NOT_FOUND
    # An IVR search miss is not the payer saying the claim is not on file.
    assert result.fields.claim_status is None or result.fields.claim_status.value is not ClaimStatus.NOT_ON_FILE


def test_encounter_refusal_is_member_not_found() -> None:
    # A Medicaid plan's vendor calls claims encounters; the refusal after a failed member check is the same.
    rep = Representative(
        answers=[(r"date of service|calling|status", "I'm sorry, I'm not able to verify that information, so I can't "
                                                     "release encounter details on this call.")],
    )
    nodes = main_menu_nodes(start=Node(["Thank you for calling. To speak with a representative, press 0."], {"0": "hold"}))
    result = _call(nodes, rep).results[0]
    assert result.reason is FailureReason.MEMBER_NOT_FOUND
