"""The IVR navigator across visits: what it forgets when the call leaves the IVR."""

from __future__ import annotations

from datetime import date

from scripted_payer import make_request

from payerline.agent.config import AgentConfig
from payerline.agent.context import CallContext
from payerline.agent.navigator import IvrNavigator
from payerline.agent.prompts import analyze_prompt
from payerline.agent.results import ClaimState, Heard
from payerline.telephony.actions import PressKeys


def turn(navigator: IvrNavigator, texts: list[str], at_s: float):
    heard = [(text, Heard(index, at_s + index, at_s + index + 1)) for index, text in enumerate(texts)]
    return navigator.on_turn(analyze_prompt(" ".join(texts)), heard)


def test_skipped_readout_forgotten_after_leaving() -> None:
    context = CallContext(request=make_request(), config=AgentConfig(), ivr_map=None, call_date=date(2026, 3, 20),
                          call_id="call-1", claims=[ClaimState(0)])
    navigator = IvrNavigator(context)
    entry = turn(navigator, ["Enter the date of service as eight digits."], 10.0)
    assert entry.actions
    skipped = turn(navigator, ["Claim number 2 2 6 4 2 5 7 0 9 8 5 5 1.", "Claim status: paid.",
                               "Billed amount four hundred twenty dollars.",
                               "To check another claim, press 2. To speak with a representative, press 0."], 20.0)
    assert "claim_status" not in context.claims[0].fields
    assert skipped.actions
    navigator.leave()
    menu = turn(navigator, ["Main menu. For remittance information, press 4. For claim status, press 5. "
                            "To speak with a provider services representative, press 0."], 900.0)
    assert menu.actions == [PressKeys("5")] or menu.actions == [PressKeys("0")]


def test_out_of_network_line_skips_network_option() -> None:
    context = CallContext(request=make_request(), config=AgentConfig(), ivr_map=None, call_date=date(2026, 3, 20),
                          call_id="call-1", claims=[ClaimState(0)])
    navigator = IvrNavigator(context)
    step = turn(navigator, ["Welcome to Northmere Health provider services for physicians and facilities who are not "
                            "in the Northmere network.", "If you do not have a contract with Northmere, press 1.",
                            "If you are a Northmere network provider, press 2.", "If you are a Northmere member, "
                            "press 3."], 5.0)
    assert step.actions == [PressKeys("1")]


def test_new_search_entry_is_not_finished() -> None:
    context = CallContext(request=make_request(), config=AgentConfig(), ivr_map=None, call_date=date(2026, 3, 20),
                          call_id="call-1", claims=[ClaimState(0)])
    navigator = IvrNavigator(context)
    turn(navigator, ["Enter the from date of service as eight digits."], 1.0)
    research = turn(navigator, ["Claim one was denied.", "Claim number 2 2 6 4 2 5 7 0 9 8 5 5 1.",
                                "Billed amount one hundred twenty-five dollars.",
                                "Received February twelfth, twenty twenty-six. Processed March first, twenty twenty-six.",
                                "Group code C O, reason code ninety-seven.",
                                "To check other dates for this member, press 2. If you are finished, press 9."], 20.0)
    assert research.actions == [PressKeys("2")]
    turn(navigator, ["Enter the from date of service as eight digits."], 40.0)
    # The search the agent started is under way: its next entry is no menu to finish from.
    through = turn(navigator, ["And the through date of service? If it's the same as the from date, press 1."], 50.0)
    assert not through.finished
    assert through.actions
