"""Settling IVR claim and check numbers with the call's evidence: lengths, clear hearings, merges.

The hearings are those of noisy eval calls the agent used to get wrong:
two doubtful hearings that lost the same digit, a 12-digit hearing of a
payer's 13-digit claim number, a check number whose "Check" was lost.
"""

from __future__ import annotations

from datetime import date

from scripted_payer import make_request

from payerline.agent.config import AgentConfig
from payerline.agent.confirm import LOW_CONFIDENCE, is_subsequence
from payerline.agent.context import CallContext
from payerline.agent.extract import Extraction
from payerline.agent.ivr_hearings import (
    IdentifierEvidence,
    identifier_of_known_length,
    settle_ivr_fields,
    unsettled_ivr_fields,
)
from payerline.agent.navigator import IvrNavigator
from payerline.agent.prompts import analyze_prompt
from payerline.agent.readout import parse_fields
from payerline.agent.results import SOURCE_IVR, ClaimState, Heard


def heard(index: int, confidence: float) -> Heard:
    return Heard(index, float(index), index + 1.0, confidence)


def test_identifier_two_doubtful_hearings_unsettled() -> None:
    claim = ClaimState(0)
    claim.record("check_number", Extraction("55389902", 0.9), heard(1, 0.572), SOURCE_IVR)
    claim.record("check_number", Extraction("55389902", 0.9), heard(2, 0.735), SOURCE_IVR)
    assert unsettled_ivr_fields(claim) == []  # without evidence: heard alike twice
    evidence = IdentifierEvidence(clear={})
    assert unsettled_ivr_fields(claim, evidence) == ["check_number"]
    settle_ivr_fields(claim, evidence)
    assert claim.fields["check_number"].confidence < LOW_CONFIDENCE


def test_identifier_one_clear_hearing_settles() -> None:
    claim = ClaimState(0)
    claim.record("check_number", Extraction("553859902", 0.9), heard(1, 0.7), SOURCE_IVR)
    claim.record("check_number", Extraction("553859902", 0.9), heard(2, 0.93), SOURCE_IVR)
    evidence = IdentifierEvidence(clear={"check_number": frozenset({"553859902"})})
    assert unsettled_ivr_fields(claim, evidence) == []


def test_identifier_single_hearing_unsettled() -> None:
    claim = ClaimState(0)
    claim.record("check_number", Extraction("53859902", 0.9), heard(1, 0.835), SOURCE_IVR)
    evidence = IdentifierEvidence(clear={"check_number": frozenset({"53859902"})})
    assert unsettled_ivr_fields(claim, evidence) == ["check_number"]


def test_identifier_hearings_merged() -> None:
    claim = ClaimState(0)
    claim.record("check_number", Extraction("55389902", 0.9), heard(1, 0.6), SOURCE_IVR)
    claim.record("check_number", Extraction("55389902", 0.9), heard(2, 0.7), SOURCE_IVR)
    claim.record("check_number", Extraction("553859902", 0.9), heard(3, 0.82), SOURCE_IVR)
    settle_ivr_fields(claim, IdentifierEvidence(clear={"check_number": frozenset({"553859902"})}))
    assert claim.fields["check_number"].value == "553859902"


def test_claim_number_wrong_length_doubtful() -> None:
    claim = ClaimState(0)
    claim.record("claim_number", Extraction("410266989304", 0.9), heard(1, 0.9), SOURCE_IVR)
    claim.record("claim_number", Extraction("410266989304", 0.9), heard(2, 0.95), SOURCE_IVR)
    evidence = IdentifierEvidence(lengths={"claim_number": frozenset({13})},
                                  clear={"claim_number": frozenset({"410266989304"})})
    assert unsettled_ivr_fields(claim, evidence) == ["claim_number"]
    settle_ivr_fields(claim, evidence)
    assert claim.fields["claim_number"].confidence < LOW_CONFIDENCE
    # A third hearing of the right length wins over the two short ones.
    claim.record("claim_number", Extraction("4102666989304", 0.9), heard(3, 0.9), SOURCE_IVR)
    settle_ivr_fields(claim, evidence)
    assert claim.fields["claim_number"].value == "4102666989304"


def test_identifier_of_known_length_merges_different_losses() -> None:
    merged = identifier_of_known_length(["55389902", "55385902"], frozenset({9}))
    assert merged is not None and len(merged) == 9
    assert is_subsequence("55389902", merged)
    assert is_subsequence("55385902", merged)
    assert identifier_of_known_length(["55389902", "55385902"], frozenset({11})) is None
    assert identifier_of_known_length(["5538902", "5389902"], frozenset({8})) == "55389902"
    assert identifier_of_known_length(["12345", "123456"], frozenset({6})) == "123456"
    assert identifier_of_known_length(["12345"], frozenset({6})) is None


def test_check_number_whose_number_word_was_lost() -> None:
    fields = parse_fields("Check February fifteenth, twenty twenty-six, check one eight four nine three seven one "
                          "zero nine six.", date(2026, 4, 1), readout=True)
    assert fields["check_number"].value == "1849371096"
    assert "check_number" not in parse_fields("To check another claim, press 2.", date(2026, 4, 1), readout=True)


def context_with_claim_numbers() -> CallContext:
    request = make_request(2)
    claims = [claim.model_copy(update={"payer_claim_number": "4102614053286" if index else None})
              for index, claim in enumerate(request.claims)]
    request = request.model_copy(update={"claims": claims})
    return CallContext(request=request, config=AgentConfig(), ivr_map=None, call_date=date(2026, 3, 20),
                       call_id="call-1", claims=[ClaimState(0), ClaimState(1)])


def turn(navigator: IvrNavigator, texts: list[str], at_s: float, confidence: float):
    heard_texts = [(text, Heard(index, at_s + index, at_s + index + 1, confidence)) for index, text in enumerate(texts)]
    return navigator.on_turn(analyze_prompt(" ".join(texts)), heard_texts)


def test_navigator_short_claim_number_heard_again() -> None:
    context = context_with_claim_numbers()
    navigator = IvrNavigator(context)
    turn(navigator, ["Enter the date of service as 8 digits."], 10.0, 0.95)
    readout = ["Claim number four one zero two six six nine eight nine three zero four.", "Status paid.",
               "To hear this information again, press 1.", "To make another claim inquiry, press 2."]
    first = turn(navigator, readout, 20.0, 0.95)
    second = turn(navigator, readout, 40.0, 0.95)
    # The sibling claim's number has 13 digits: a 12-digit one heard twice alike is still heard again.
    assert second.actions == first.actions
    claim = context.claims[0]
    assert claim.fields["claim_number"].confidence < LOW_CONFIDENCE
    full = ["Claim number four one zero two six six six nine eight nine three zero four.", *readout[1:]]
    turn(navigator, full, 60.0, 0.95)
    assert claim.fields["claim_number"].value == "4102666989304"


def test_navigator_unlabelled_check_number() -> None:
    context = context_with_claim_numbers()
    navigator = IvrNavigator(context)
    turn(navigator, ["Enter the date of service as 8 digits."], 10.0, 0.95)
    turn(navigator, ["Claim number four one zero two six six six nine eight nine three zero four.",
                     "Check number five five three eight nine nine zero two."], 20.0, 0.6)
    turn(navigator, ["number five five three eight five nine nine zero two."], 40.0, 0.82)
    claim = context.claims[0]
    assert claim.fields["claim_number"].value == "4102666989304"
    assert claim.fields["check_number"].value == "553859902"


def test_identifier_three_doubtful_alike_settle() -> None:
    claim = ClaimState(0)
    for index, confidence in enumerate((0.661, 0.764, 0.677), start=1):
        claim.record("check_number", Extraction("951725512", 0.9), heard(index, confidence), SOURCE_IVR)
    assert unsettled_ivr_fields(claim, IdentifierEvidence()) == []


def test_navigator_sibling_claim_number_length() -> None:
    context = CallContext(request=make_request(2), config=AgentConfig(), ivr_map=None, call_date=date(2026, 3, 20),
                          call_id="call-1", claims=[ClaimState(0), ClaimState(1)])
    navigator = IvrNavigator(context)
    turn(navigator, ["Enter the date of service as 8 digits."], 10.0, 0.95)
    short = ["Claim number two two six seven one one seven seven three nine one six.", "Status paid."]
    turn(navigator, short, 20.0, 0.95)
    turn(navigator, short, 40.0, 0.95)
    first = context.claims[0].fields["claim_number"]
    assert first.confidence >= LOW_CONFIDENCE  # no evidence of another length yet
    context.ivr_claim = 1
    full = ["Claim number two two six three eight oh nine one five one two two five.", "Status paid."]
    turn(navigator, full, 60.0, 0.95)
    turn(navigator, full, 80.0, 0.95)
    # The second claim's 13 digits, heard alike twice, make the first claim's 12 doubtful.
    assert context.claims[0].fields["claim_number"].confidence < LOW_CONFIDENCE
