"""Whole calls: the agent and run_call against a scripted payer line."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest

from scripted_payer import (
    NPI,
    START,
    Node,
    Representative,
    ScriptedLine,
    asr_noise,
    full_rep,
    main_menu_nodes,
    make_request,
)

from payerline.agent.config import AgentConfig
from payerline.agent.session import CallOutput, run_call
from payerline.clock import VirtualClock
from payerline.domain.codes import ClaimStatus, FailureReason, Outcome
from payerline.domain.transcript import Side, TurnKind
from payerline.payers.ivr_map import IvrMap


def call(line_factory, claims: int = 1, **kwargs: object) -> tuple[CallOutput, ScriptedLine]:
    clock = VirtualClock(START)
    line = line_factory(clock)
    output = run_call(make_request(claims), line, clock, call_id="call-1", **kwargs)
    return output, line


def pressed(output: CallOutput) -> list[str]:
    return [turn.digits for turn in output.transcript.turns if turn.side is Side.AGENT and turn.kind is TurnKind.DTMF]


def agent_speech(output: CallOutput) -> list[str]:
    return [turn.text for turn in output.transcript.turns if turn.side is Side.AGENT and turn.kind is TurnKind.SPEECH]


def test_full_call_completes_with_evidence() -> None:
    output, line = call(lambda clock: ScriptedLine(clock, main_menu_nodes(), full_rep()))
    result = output.results[0]
    assert result.outcome is Outcome.COMPLETED
    assert result.missing_fields == []
    assert result.person_reached
    fields = result.fields
    assert fields.claim_status is not None
    assert fields.claim_status.value is ClaimStatus.DENIED
    assert fields.claim_status.evidence.source == "ivr"
    assert fields.claim_number is not None
    assert fields.claim_number.value == "22123456789"
    assert fields.received_date is not None
    assert fields.received_date.value == date(2026, 2, 12)
    assert fields.carc_codes is not None
    assert fields.carc_codes.value == ["97"]
    assert fields.carc_codes.evidence.source == "representative"
    assert fields.reference_number is not None
    assert fields.reference_number.value == "1204558917"
    assert fields.reference_number.confirmed_by_readback
    assert fields.representative_name is not None
    assert fields.representative_name.value == "Dana"
    assert result.x12_status_category == "F2"
    assert result.versions.agent
    turns = output.transcript.turns
    carc_turn = turns[fields.carc_codes.evidence.turn_index]
    assert carc_turn.side is Side.FAR_END
    assert "ninety-seven" in carc_turn.text


def test_full_call_keys_match_line_and_disclosure() -> None:
    output, line = call(lambda clock: ScriptedLine(clock, main_menu_nodes(), full_rep()))
    assert "".join(pressed(output)) == "".join(key for _, key in line.keys_received)
    # The read-out offers no repeat, so the agent searches for the claim once more to hear it again.
    assert pressed(output) == ["2", NPI + "#", "56789", "02102026", "1", "02102026", "0"]
    first_words_to_person = agent_speech(output)[0]
    assert "automated assistant calling on behalf of Riverside Clinic" in first_words_to_person
    assert "recorded" in first_words_to_person
    assert agent_speech(output)[-1].endswith("Goodbye.")
    assert not any("SSN" in text or "social" in text.lower() for text in agent_speech(output))


def test_silent_after_keypress_until_next_prompt() -> None:
    output, _ = call(lambda clock: ScriptedLine(clock, main_menu_nodes(), full_rep()))
    turns = output.transcript.turns
    for index, turn in enumerate(turns):
        if turn.side is Side.AGENT and turn.kind is TurnKind.DTMF:
            following = next((t for t in turns[index + 1:] if t.side is Side.AGENT and t.kind is not TurnKind.EVENT), None)
            if following is None:
                continue
            between = turns[index + 1:following.index]
            assert any(t.side is Side.FAR_END and t.kind is TurnKind.SPEECH for t in between)


def test_invalid_date_retried_in_other_format() -> None:
    nodes = main_menu_nodes(
        dos=Node(["Enter the date of service."], {r"\d{6}": "readout"}, check=lambda entry: entry == "021026")
    )
    output, line = call(lambda clock: ScriptedLine(clock, nodes, full_rep()))
    keys = pressed(output)
    assert keys[3:5] == ["02102026", "021026"]
    assert output.results[0].outcome is Outcome.COMPLETED


def test_ivr_map_format_used_first() -> None:
    nodes = main_menu_nodes(
        dos=Node(["Enter the date of service."], {r"\d{6}": "readout"}, check=lambda entry: entry == "021026")
    )
    ivr_map = IvrMap.model_validate(
        {"payer_id": "test-payer", "version": "7", "source": "test", "inputs": {"date_format": "MMDDYY"},
         "paths": {"claim_status": [{"key": "2"}]}}
    )
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, full_rep()), ivr_map=ivr_map)
    assert pressed(output)[3] == "021026"
    assert output.results[0].versions.ivr_map == "7"


def test_time_out_then_reprompt_answered() -> None:
    nodes = main_menu_nodes(
        start=Node(["Welcome to the provider line."], {"2": "npi"}, reprompts=["For claim status, press 2."], timeout_s=6)
    )
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, full_rep()))
    turns = output.transcript.turns
    first_key = next(t for t in turns if t.side is Side.AGENT)
    assert first_key.kind is TurnKind.DTMF
    assert first_key.digits == "2"
    heard_before = " ".join(t.text for t in turns[:first_key.index])
    assert "did not receive a response" in heard_before
    assert output.results[0].outcome is Outcome.COMPLETED


def test_repeating_menu_escaped_with_zero() -> None:
    nodes = main_menu_nodes(
        start=Node(["For claim status, press 2. For eligibility, press 1."], {"2": "start", "1": "start", "0": "hold"})
    )
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, full_rep()))
    assert pressed(output)[:3] == ["2", "2", "0"]
    assert output.results[0].person_reached


def test_unescapable_loop_needs_human() -> None:
    nodes = main_menu_nodes(
        start=Node(["For claim status, press 2. For eligibility, press 1."], {".*": "start"})
    )
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, full_rep()))
    result = output.results[0]
    assert result.outcome is Outcome.NEEDS_HUMAN
    assert result.reason is FailureReason.UNESCAPABLE_LOOP
    assert result.retryable is False
    assert len(pressed(output)) < 10


def test_long_hold_without_hang_up() -> None:
    nodes = main_menu_nodes(
        hold=Node([], {"next": "rep"}, hold_s=40 * 60, announcements=["Your call is important to us. Please continue to hold."])
    )
    began = time.perf_counter()
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, full_rep()))
    wall_s = time.perf_counter() - began
    assert output.simulated_s > 40 * 60
    assert wall_s < 5
    assert output.results[0].outcome is Outcome.COMPLETED
    music = [t for t in output.transcript.turns if t.kind is TurnKind.SIGNAL and t.signal == "music"]
    assert 1 < len(music) <= 10
    assert sum(t.end_s - t.start_s for t in music) >= 40 * 60 - 1


def test_hold_past_maximum_gives_up() -> None:
    nodes = main_menu_nodes(hold=Node([], {"next": "rep"}, hold_s=40 * 60))
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, full_rep()), config=AgentConfig(max_hold_s=600))
    result = output.results[0]
    assert result.reason is FailureReason.NO_PERSON_REACHED
    assert result.outcome is Outcome.PARTIAL
    assert result.retryable is True
    # About 100 s in the IVR (the read-out heard twice), then 600 s on hold.
    assert 600 <= output.simulated_s < 730


def test_ssn_declined_then_needs_human() -> None:
    rep = full_rep(verification=[("Can I get the patient's social security number?", r"\d{3}-?\d{2}-?\d{4}")])
    output, _ = call(lambda clock: ScriptedLine(clock, main_menu_nodes(), rep))
    result = output.results[0]
    assert result.outcome is Outcome.NEEDS_HUMAN
    assert result.reason is FailureReason.DISALLOWED_QUESTION
    said = " ".join(agent_speech(output))
    assert "not able to provide that" in said
    assert not re.search(r"\d{3}-?\d{2}-?\d{4}\b", said.replace(NPI, ""))


def test_second_claim_refused_is_requeued() -> None:
    nodes = main_menu_nodes(
        start=Node(["To speak with a representative, press 0."], {"0": "hold"}),
    )
    rep = full_rep()
    rep.answers = [
        (r"read that back", "Yes, that's correct."),
        (r"another claim", "I'm sorry, I can only look at one claim per call. You'll need to call back for the next one."),
        (r"status", "That claim was denied."),
        (r"claim number", "The claim number is five five two, six oh seven, one four oh, three one one two."),
        (r"received", "We received it on the third of March, twenty twenty-six."),
        (r"processed", "It processed on March sixteenth, twenty twenty-six."),
        (r"group code", "Group code is CO."),
        (r"reason code", "Reason code one ninety-seven, no authorization on file."),
        (r"your name", "My name is Dana."),
        (r"reference number", "Reference number is C as in cat, R as in Robert, triple oh, four five six, one two."),
    ]
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, rep), claims=2)
    first, second = output.results
    assert first.outcome is Outcome.COMPLETED
    assert first.fields.claim_number is not None
    assert first.fields.claim_number.value == "5526071403112"
    assert first.fields.carc_codes is not None
    assert first.fields.carc_codes.value == ["197"]
    assert first.fields.reference_number is not None
    assert first.fields.reference_number.value == "CR00045612"
    assert second.outcome is Outcome.FAILED
    assert second.reason is FailureReason.ONE_CLAIM_PER_CALL
    assert second.retryable is True
    assert second.claim_index == 1


def test_dropped_call_keeps_transcript_and_readout() -> None:
    output, _ = call(lambda clock: ScriptedLine(clock, main_menu_nodes(), full_rep(), drop_at_s=60))
    result = output.results[0]
    assert result.reason is FailureReason.CALL_DROPPED
    assert result.outcome is Outcome.PARTIAL
    assert result.retryable is True
    assert result.fields.claim_status is not None
    assert result.fields.claim_status.value is ClaimStatus.DENIED
    texts = [turn.text for turn in output.transcript.turns]
    assert "call ended" in texts
    assert len(output.transcript.turns) > 10


def test_closed_payer_hangs_up() -> None:
    nodes = {"start": Node(["Thank you for calling. Our offices are currently closed. Our business hours are 8 to 5 Central."])}
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, None))
    result = output.results[0]
    assert result.outcome is Outcome.FAILED
    assert result.reason is FailureReason.PAYER_CLOSED
    assert output.transcript.turns[-1].text.startswith("hung up")


def test_automated_callers_refused() -> None:
    rep = Representative(greeting="Hi, this is Sam. Are you a recording? I'm sorry, I can't release claim information to an automated system.")
    output, _ = call(lambda clock: ScriptedLine(clock, main_menu_nodes(), rep))
    result = output.results[0]
    assert result.outcome is Outcome.NEEDS_HUMAN
    assert result.reason is FailureReason.AUTOMATED_CALLS_REFUSED


def test_staff_only_line_is_refusal() -> None:
    rep = Representative(greeting="Medical bills, this is Wendell.",
                         verification=[("This line is for provider office staff only. Goodbye.", r".*")])
    output, _ = call(lambda clock: ScriptedLine(clock, main_menu_nodes(), rep))
    result = output.results[0]
    assert result.outcome is Outcome.NEEDS_HUMAN
    assert result.reason is FailureReason.AUTOMATED_CALLS_REFUSED


def test_self_service_only_call_completes_without_person() -> None:
    nodes = main_menu_nodes(
        readout=Node(
            ["Claim 1 of 1. Status: on the payment floor. Claim number 2 2 1 2 3 4 5 6 7 8 9. "
             "Received date February 12, 2026. Processed date February 20, 2026. Paid amount, ninety-six dollars. "
             "Expected payment date March 3, 2026.",
             "To speak with a representative press 0. To hear another claim press 1."],
            {"0": "hold", "1": "dos"},
        )
    )
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, full_rep()))
    result = output.results[0]
    assert result.outcome is Outcome.COMPLETED
    assert not result.person_reached
    assert "0" not in pressed(output)


def test_two_claims_by_self_service() -> None:
    def readout(status: str, number: str, amount: str) -> Node:
        return Node(
            [f"Claim 1 of 1. Status: {status}. Claim number {number}. Received date February 18, 2026. "
             f"Processed date February 20, 2026. Paid amount, {amount}. Expected payment date March 3, 2026.",
             "To hear another claim press 1. To speak with a representative press 0."],
            {"1": "dos", "0": "hold"},
        )

    nodes = main_menu_nodes(
        dos=Node(["Enter the date of service as eight digits."], {"02102026": "first", "02172026": "second"}),
        first=readout("on the payment floor", "2 2 1 2 3 4 5 6 7 8 9", "ninety-six dollars"),
        second=readout("on the payment floor", "3 3 1 2 3 4 5 6 7 8 9", "two hundred dollars"),
    )
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, full_rep()), claims=2)
    first, second = output.results
    assert first.outcome is Outcome.COMPLETED
    assert second.outcome is Outcome.COMPLETED
    assert first.fields.claim_number is not None
    assert first.fields.claim_number.value == "22123456789"
    assert second.fields.claim_number is not None
    assert second.fields.claim_number.value == "33123456789"
    assert second.fields.paid_amount is not None
    assert str(second.fields.paid_amount.value) == "200.00"
    # Each read-out offers no repeat, so a claim is searched again to hear it twice. Each search is an
    # inquiry, which IVRs limit per call, so a call about two claims spends one extra search.
    assert pressed(output)[3:] == ["02102026", "1", "02102026", "1", "02172026"]


def test_failed_transport_keeps_results() -> None:
    class BreakingLine(ScriptedLine):
        def send(self, action: object) -> None:
            if self.clock.monotonic_s() > 40:
                from payerline.errors import TransportError

                raise TransportError("SIP BYE received", retryable=True)
            super().send(action)  # type: ignore[arg-type]

    output, _ = call(lambda clock: BreakingLine(clock, main_menu_nodes(), full_rep()))
    result = output.results[0]
    assert result.reason is FailureReason.CALL_DROPPED
    assert result.fields.claim_status is not None
    assert any("line failed" in turn.text for turn in output.transcript.turns)


def test_readback_confirmed_and_search_by_member() -> None:
    spoken_npi = " ".join(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "three"])
    nodes = main_menu_nodes(
        npi=Node(["Please enter your 10-digit NPI followed by the pound key."], {r"\d{10}#": "npi_confirm"},
                 check=lambda entry: entry == NPI + "#"),
        npi_confirm=Node([f"You entered {spoken_npi}. If this is correct, press 1. If not, press 2."],
                         {"1": "search", "2": "npi"}),
        search=Node(["To search by claim number, press 1. To search by member ID and date of service, press 2."],
                    {"1": "start", "2": "tin"}),
    )
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, full_rep()))
    assert pressed(output)[:4] == ["2", NPI + "#", "1", "2"]
    assert output.results[0].outcome is Outcome.COMPLETED


def test_wrong_readback_rejected() -> None:
    nodes = main_menu_nodes(
        npi=Node(["Please enter your 10-digit NPI followed by the pound key."], {r"\d{10}#": "npi_confirm"}),
        npi_confirm=Node(["You entered 1 2 3 4 5 6 7 8 0 0. If this is correct, press 1. If not, press 2."],
                         {"1": "tin", "2": "start"}),
    )
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, full_rep()))
    assert pressed(output)[:3] == ["2", NPI + "#", "2"]


def test_asr_noise_calls_mostly_complete() -> None:
    completed = 0
    for seed in range(30):
        clock = VirtualClock(START)
        line = ScriptedLine(clock, main_menu_nodes(), full_rep(), text_filter=asr_noise(0.05, seed))
        output = run_call(make_request(), line, clock, call_id=f"noisy-{seed}")
        completed += output.results[0].outcome is Outcome.COMPLETED
    assert completed >= 28


def test_reference_readback_corrected_by_representative() -> None:
    rep = full_rep()
    rep.answers = [
        (r"reference number is 1 2 0 4 5 5 8 9 1 7\.", "Yes, that's correct."),
        (r"read that back: the reference", "No, it's one two oh, four five five, eight nine one, seven."),
        *[answer for answer in rep.answers if answer[0] != r"read that back"],
        (r"read that back", "Yes, that's correct."),
    ]
    rep.answers = [(r"reference number for this call", "Your reference number is one two oh, four five, eight nine one, seven."),
                   *rep.answers]
    output, _ = call(lambda clock: ScriptedLine(clock, main_menu_nodes(), rep))
    reference = output.results[0].fields.reference_number
    assert reference is not None
    assert reference.value == "1204558917"
    assert reference.confirmed_by_readback


def test_line_level_readout_summed_into_claim() -> None:
    nodes = main_menu_nodes(
        readout=Node(
            ["Claim 1 of 1. Claim number 2 2 1 2 3 4 5 6 7 8 9. Received date February 12, 2026. "
             "Processed date February 20, 2026. Paid date March 3, 2026. Check number 5 5 5 1 2 3 4.",
             "Line one, procedure 9 9 2 1 3. Status paid.",
             "Billed one hundred dollars, allowed eighty dollars, paid sixty-four dollars.",
             "Line two, procedure 3 6 4 1 5. Status paid.",
             "Billed twenty-five dollars, allowed ten dollars, paid eight dollars.",
             "To speak with a representative press 0. To hear another claim press 1."],
            {"0": "hold", "1": "dos"},
        )
    )
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, full_rep()))
    result = output.results[0]
    assert result.fields.claim_status is not None
    assert result.fields.claim_status.value is ClaimStatus.PAID
    assert result.fields.allowed_amount is not None
    assert str(result.fields.allowed_amount.value) == "90.00"
    assert result.fields.paid_amount is not None
    assert str(result.fields.paid_amount.value) == "72.00"
    assert [line.procedure_code for line in result.line_results] == ["99213", "36415"]


def test_deductible_read_out_is_patient_responsibility() -> None:
    nodes = main_menu_nodes(
        readout=Node(
            ["Claim 1 of 1. Claim number 2 2 1 2 3 4 5 6 7 8 9.",
             "This claim is applied to the deductible, with no payment.",
             "Received date February 12, 2026. Processed date February 20, 2026.",
             "Billed amount one hundred twenty-five dollars. Allowed amount forty-five dollars and fifty cents.",
             "Applied to deductible forty-five dollars and fifty cents.",
             "Adjustment group P R, reason code one.",
             "To speak with a representative press 0. To hear another claim press 1."],
            {"0": "hold", "1": "dos"},
        )
    )
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, full_rep()))
    result = output.results[0]
    assert result.fields.claim_status is not None
    assert result.fields.claim_status.value is ClaimStatus.APPLIED_TO_DEDUCTIBLE
    assert result.fields.patient_responsibility is not None
    assert str(result.fields.patient_responsibility.value) == "45.50"
    assert result.fields.patient_responsibility.evidence.source == "ivr"


@pytest.mark.parametrize(("copay", "taken"), [("twenty dollars", "20.00"), ("five dollars", None)])
def test_copay_alone_fills_responsibility(copay: str, taken: str | None) -> None:
    nodes = main_menu_nodes(
        readout=Node(
            ["Claim number 2 2 1 2 3 4 5 6 7 8 9.",
             "Claim status: paid.",
             "Billed amount one hundred twenty-five dollars. Allowed amount ninety dollars.",
             "Paid amount seventy dollars.",
             f"Copayment {copay}.",
             "To speak with a representative press 0. To hear another claim press 1."],
            {"0": "hold", "1": "dos"},
        )
    )
    rep = full_rep()
    rep.answers.insert(0, (r"patient|responsib|owe", "The patient owes twenty dollars."))
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, rep))
    responsibility = output.results[0].fields.patient_responsibility
    assert responsibility is not None
    # A copay short of the gap leaves the field to the representative.
    assert responsibility.evidence.source == ("ivr" if taken else "representative")
    assert str(responsibility.value) == "20.00"


def test_readout_of_another_claim_skipped_whole() -> None:
    """The status comes before the charges that show the read-out is of another claim."""
    nodes = main_menu_nodes(
        readout=Node(
            ["Claim number 2 2 6 8 1 1 2 2 0 7 8 3 4.",
             "Claim status: cancelled.",
             "Date of service March 4, 2026.",
             "Billed amount sixty-five dollars.",
             "To speak with a representative press 0. To hear another claim press 1."],
            {"0": "hold", "1": "dos"},
        )
    )
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, full_rep()))
    result = output.results[0]
    assert result.fields.claim_status is not None
    assert result.fields.claim_status.value is not ClaimStatus.CANCELLED
    assert result.fields.claim_status.evidence.source == "representative"
    assert result.fields.claim_number is None or result.fields.claim_number.value != "2268112207834"


def test_login_menu_by_npi_or_tax_id_answered() -> None:
    """A menu that only asks how to identify the provider is a step toward claims, not a dead end."""
    nodes = main_menu_nodes(
        start=Node(
            ["Thank you for calling. If you are a health care provider, stay on the line.",
             "To identify your organization with its tax ID number, press 1. To use its NPI instead, press 2."],
            {"1": "tin", "2": "npi"},
        )
    )
    output, _ = call(lambda clock: ScriptedLine(clock, nodes, full_rep()))
    assert pressed(output)[0] == "2"
    result = output.results[0]
    assert result.fields.claim_number is not None
    assert result.fields.claim_number.evidence.source == "ivr"


def test_claim_number_not_found_twice_searches_by_patient() -> None:
    nodes = main_menu_nodes()
    nodes["start"] = Node(["For claim status press 2."], {"2": "npi"})
    nodes["tin"] = Node(["Enter the last five digits of your tax ID."], {r"\d{5}": "claim_number"})
    nodes["claim_number"] = Node(
        ["Key in the claim number, followed by the pound key.",
         "If you don't have a claim number, press 5 and then pound, and we'll search by patient instead."],
        {r"5#": "dos", r"\d{6,}#": "dos"},
        check=lambda entry: entry == "5#",
        invalid="I'm sorry, I couldn't find a claim with that number for your office.",
    )
    request = make_request(1)
    claim = request.claims[0].model_copy(update={"payer_claim_number": "22999999999"})
    request = request.model_copy(update={"claims": [claim]})
    clock = VirtualClock(START)
    line = ScriptedLine(clock, nodes, full_rep())
    output = run_call(request, line, clock, call_id="call-1")
    keyed = pressed(output)
    tries = keyed.count("22999999999#")
    assert tries == AgentConfig().max_entry_attempts
    assert keyed[keyed.index("22999999999#") + tries] == "5#"


def test_person_asking_the_same_thing_forever_ends_call() -> None:
    rep = full_rep()
    rep.answers = [(r".", "Which claim are you calling about? What's the date of service?")]
    output, _ = call(lambda clock: ScriptedLine(clock, main_menu_nodes(readout=Node(
        ["No claims were found for the date of service entered. To speak with a representative press 0."],
        {"0": "hold"})), rep))
    result = output.results[0]
    assert result.outcome is Outcome.NEEDS_HUMAN
    assert result.reason is FailureReason.UNESCAPABLE_LOOP
    spoken = agent_speech(output)
    # The date is given once on request, up to four more times when asked again, and once when the person repeats.
    assert max(spoken.count(text) for text in set(spoken)) <= 6
