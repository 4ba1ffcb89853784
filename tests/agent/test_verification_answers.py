"""Which person the agent's verification answers describe: the patient or the subscriber."""

from __future__ import annotations

from datetime import date

from scripted_payer import make_request

from payerline.agent.config import AgentConfig
from payerline.agent.context import CallContext
from payerline.agent.dialog import RepresentativeDialog
from payerline.agent.results import ClaimState

SUBSCRIBER = {"first_name": "Avery", "last_name": "Ashdown", "date_of_birth": "1948-05-09",
              "relationship": "child", "member_id": "W8812345601"}


def dialog_for(**overrides: object) -> RepresentativeDialog:
    request = make_request(**overrides)
    context = CallContext(request=request, config=AgentConfig(), ivr_map=None, call_date=date(2026, 3, 20),
                          call_id="call-1", claims=[ClaimState(0)])
    return RepresentativeDialog(context)


def answer(dialog: RepresentativeDialog, question: str) -> str:
    answers = dialog._answers(question)
    assert answers is not None
    return " ".join(answers)


def test_subscriber_birth_date_is_the_subscriber_s() -> None:
    text = answer(dialog_for(subscriber=SUBSCRIBER), "What's the subscriber's date of birth?")
    assert "05/09/1948" in text
    assert "04/15/1950" not in text


def test_patient_birth_date_is_the_patient_s() -> None:
    text = answer(dialog_for(subscriber=SUBSCRIBER), "And the patient's DOB?")
    assert "04/15/1950" in text
    assert "05/09/1948" not in text


def test_subscriber_id_is_the_subscriber_s() -> None:
    text = answer(dialog_for(subscriber=SUBSCRIBER), "What's the subscriber ID, including the prefix?")
    assert "W8812345601" in text
    assert "1EG4TE5MK73" not in text


def test_member_id_is_the_patient_s() -> None:
    text = answer(dialog_for(subscriber=SUBSCRIBER), "Can I get the member ID?")
    assert "1EG4TE5MK73" in text
    assert "W8812345601" not in text


def test_subscriber_id_without_own_id_is_card_id() -> None:
    subscriber = {**SUBSCRIBER, "member_id": None}
    text = answer(dialog_for(subscriber=subscriber), "What's the subscriber ID, including the prefix?")
    assert "1EG4TE5MK73" in text


def test_patient_who_is_subscriber_answers_for_both() -> None:
    dialog = dialog_for()
    assert "04/15/1950" in answer(dialog, "What's the subscriber's date of birth?")
    assert "1EG4TE5MK73" in answer(dialog, "What's the subscriber ID, including the prefix?")


def test_relationship_answer_names_the_patient() -> None:
    text = answer(dialog_for(subscriber=SUBSCRIBER), "Is that the subscriber or a dependent?")
    assert "O'Neil-Smith" in text
    assert "child of the subscriber, Avery Ashdown" in text


def test_dictated_claim_number_is_no_question() -> None:
    dialog = dialog_for()
    dictation = ("Go ahead and write down the claim number, it's five five two, six oh two, double one three, "
                 "four six two.")
    assert answer(dialog, dictation) == ""
    assert "claim number" in answer(dialog, "Can I get the claim number, please?")


def test_earlier_claims_number_is_recognized() -> None:
    from payerline.agent.extract import Extraction
    from payerline.agent.results import SOURCE_IVR, Heard

    request = make_request(2)
    context = CallContext(request=request, config=AgentConfig(), ivr_map=None, call_date=date(2026, 3, 20),
                          call_id="call-1", claims=[ClaimState(0), ClaimState(1)])
    dialog = RepresentativeDialog(context)
    context.capture(0, {"claim_number": Extraction("22123456789", 0.95)}, Heard(3, 10.0, 14.0, 1.0), SOURCE_IVR)
    context.rep_claim = 1
    assert dialog._other_claim_named(Extraction("22123456789", 0.9)) == 0
    assert dialog._other_claim_named(Extraction("22123456790", 0.9)) is None
    assert dialog._other_claim_named(None) is None


def test_statement_starting_with_cant_asks_nothing() -> None:
    # "[They] can't be billed for an accepted injury." with its subject lost is no question about the charges.
    assert not dialog_for()._answers("can't be billed for an accepted injury.")


def test_same_day_claims_name_charges() -> None:
    request = make_request(2)
    same_day = [claim.model_copy(update={"service_date_from": date(2026, 3, 12)}) for claim in request.claims]
    context = CallContext(request=request.model_copy(update={"claims": same_day}), config=AgentConfig(),
                          ivr_map=None, call_date=date(2026, 3, 20), call_id="call-1",
                          claims=[ClaimState(0), ClaimState(1)])
    dialog = RepresentativeDialog(context)
    context.rep_claim = 1
    assert answer(dialog, "What's the date of service?") == (
        "The date of service is March 12, 2026, that's 03/12/2026, the claim billed $300.00.")
    assert "billed" not in answer(dialog_for(), "What's the date of service?")
