"""Menu options that lost a word on the line, and options that only look like what the agent wants.

The utterances come from noisy eval calls on payers the agent has no map for.
"""

from __future__ import annotations

import pytest

from payerline.agent.menus import score_option
from payerline.agent.prompts import MenuOption, analyze_prompt


def keys(text: str) -> dict[str, str | None]:
    return {option.label: option.key for option in analyze_prompt(text).options}


def test_say_or_press_with_or_or_press_lost() -> None:
    found = keys("Tell me what you're calling about, or use your keypad. You can say claims, press 1. "
                 "Say eligibility, or press 2. Say prior authorization, or 3.")
    assert found["claims"] == "1"
    assert found["eligibility"] == "2"
    assert found["prior authorization"] == "3"


def test_option_with_commas_that_lost_press() -> None:
    found = keys("Claim information. To search by claim number, press 1. To search by member I D, date of service "
                 "and amount, 2. For a summary of claims for a member, press 3.")
    assert found["search by member id, date of service and amount"] == "2"
    assert found["search by claim number"] == "1"


def test_repeat_score_menu_repeat() -> None:
    assert score_option(MenuOption("repeat these options", "9"), "repeat") == 0
    assert score_option(MenuOption("repeat this menu", "9"), "repeat") == 0
    assert score_option(MenuOption("repeat this information", "1"), "repeat") > 0
    assert score_option(MenuOption("hear this claim again", "1"), "repeat") > 0


def test_summary_of_claims_is_not_a_claim_status() -> None:
    summary = MenuOption("a summary of claims for a member", "3")
    search = MenuOption("claim status", "2")
    assert score_option(summary, "claim_status") < score_option(search, "claim_status")


def test_option_with_press_and_say_lost() -> None:
    found = keys("To hear this information again, 1 or repeat. To check another beneficiary, press 2 or say "
                 "another beneficiary.")
    assert found["hear this information again"] == "1"
    assert found["check another beneficiary"] == "2"


def test_provider_login_option_not_person() -> None:
    other_provider = MenuOption("enter a different provider number", "5")
    all_other = MenuOption("all other inquiries", "0")
    assert score_option(other_provider, "representative") < score_option(all_other, "representative")
    assert score_option(other_provider, "claim_status") <= 0


def test_plan_menu_takes_payer_name() -> None:
    from payerline.agent.menus import plan_option
    from payerline.agent.prompts import analyze_prompt
    from payerline.domain.request import LineOfBusiness

    options = analyze_prompt(
        "If the member's ID card shows Prairie Blue Cross Blue Shield, press 1. "
        "If the member is covered by another Blue Cross Blue Shield plan, press 2. "
        "For Federal Employee Program members, press 3.").options
    assert [option.key for option in options] == ["1", "2", "3"]
    chosen = plan_option(options, "prairie-bcbs", LineOfBusiness.COMMERCIAL)
    assert chosen is not None and chosen.key == "1"
    by_line = analyze_prompt("For commercial members, press 1. For Medicaid members, press 2.").options
    chosen = plan_option(by_line, "acme-health", LineOfBusiness.MEDICAID)
    assert chosen is not None and chosen.key == "2"


def test_plan_menu_skips_member_caller() -> None:
    from payerline.agent.menus import plan_option
    from payerline.agent.prompts import analyze_prompt
    from payerline.domain.request import LineOfBusiness

    options = analyze_prompt("Are you calling a doctor's office? If so, say 'provider' or press. "
                             "If a Meridell member, say 'member' or press 2.").options
    assert plan_option(options, "meridell-health", LineOfBusiness.COMMERCIAL) is None


def test_caller_menu_naming_payer_skipped() -> None:
    from payerline.agent.menus import plan_option
    from payerline.agent.prompts import analyze_prompt
    from payerline.domain.request import LineOfBusiness

    options = analyze_prompt("If you are a TRICARE provider, press 1. If you are the TRICARE beneficiary sponsor, "
                             "press 2.").options
    assert plan_option(options, "meridian-tricare-west", LineOfBusiness.COMMERCIAL) is None


@pytest.mark.parametrize(
    ("text", "has_claim_number", "key"),
    [
        ("Do you have the claim number? Say yes or press 1. If not, say no or press 2.", True, "1"),
        ("Do you have the claim number? Say yes or press 1. If not, say no or press 2.", False, "2"),
        ("Do you have the member's group number? Press 1 for yes or 2 for no.", True, "2"),
        ("Are you calling from a provider's office? If yes, press 1. Otherwise, press 2.", False, "1"),
        ("Would you like to hear that again? Press 1 for yes.", True, None),
        ("Do you have the claim number? Press 1 for yes, 2 for no.", False, "2"),
        ("Do you have a claim number or member ID? Say yes or press 1. If not, say no or press 2.", False, "1"),
        ("Is there more than one date of service? Say yes or press 1. If not, say no or press 2.", False, None),
        ("Are you the patient's provider? Say yes or press 1. If not, say no or press 2.", False, "1"),
        ("Is the patient's date of birth before 1950? Say yes or press 1.", True, None),
        ("Do you have the claim number? If you do, press 1. If not, press 2.", True, "1"),
        ("Is that the right claim number? Press 1 for yes, or 2 to enter it again.", True, None),
    ],
)
def test_yes_no_question_answered_from_request(text: str, has_claim_number: bool, key: str | None) -> None:
    from payerline.agent.menus import yes_no_answer
    from payerline.agent.prompts import normalize_prompt

    answer = yes_no_answer(normalize_prompt(text), has_claim_number)
    assert (answer.key if answer is not None else None) == key


def test_keyless_yes_no_gets_a_word() -> None:
    from payerline.agent.menus import yes_no_answer
    from payerline.agent.prompts import normalize_prompt

    answer = yes_no_answer(normalize_prompt("Got it. Do you have the claim number handy?"), False)
    assert answer is not None
    assert (answer.key, answer.word) == (None, "no")


def test_plan_menu_takes_catch_all() -> None:
    from payerline.agent.menus import plan_option
    from payerline.domain.request import LineOfBusiness

    options = analyze_prompt("Choose the member's plan. Press 1 for Bluestem Health Plan. Press 2 for Prairie Cross "
                             "Community Care. For any other plan, press 4.").options
    chosen = plan_option(options, "tidewell-behavioral", LineOfBusiness.COMMERCIAL)
    assert chosen is not None and chosen.key == "4"


@pytest.mark.parametrize(
    ("text", "payer_id", "line", "key"),
    [
        ("If the member's card shows a Prairie Federal Employee Program logo, press 1. "
         "For all other Prairie members, press 2.", "prairie-bcbs", "commercial", "2"),
        ("For Original Medicare, press 1. For Medicare Advantage, press 2.", "acme-health", "medicare_advantage", "2"),
        ("For Original Medicare, press 1. For Medicare Advantage, press 2.", "acme-health", "medicare", "1"),
        ("If it shows Prairie Blue Cross, press 2. If the card shows another plan, press 3.", "prairie-bcbs",
         "commercial", "2"),
    ],
)
def test_plan_menu_forms(text: str, payer_id: str, line: str, key: str) -> None:
    from payerline.agent.menus import plan_option
    from payerline.domain.request import LineOfBusiness

    chosen = plan_option(analyze_prompt(text).options, payer_id, LineOfBusiness(line))
    assert chosen is not None and chosen.key == key
