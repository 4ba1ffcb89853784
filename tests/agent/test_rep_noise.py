"""The representative dialog on a noisy line: when IVR values are checked, read-back replies, hearings, attempts.

The regression cases reproduce eval calls with recognition noise, and each
docstring describes what went wrong before.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from scripted_payer import START, Node, ScriptedLine, full_rep, main_menu_nodes, make_request

from payerline.agent.confirm import settle_value
from payerline.agent.rep_turns import announcement_only as _announcement_only
from payerline.agent.readback import _explicit_yes
from payerline.agent.prompts import analyze_prompt
from payerline.agent.results import SOURCE_IVR, SOURCE_REPRESENTATIVE, ClaimState, Heard, agreed_confidence
from payerline.agent.session import CallOutput, run_call
from payerline.clock import VirtualClock
from payerline.telephony.events import Utterance

READOUT_START = "Claim 1 of 1."
VERIFIED = "Thank you, that's verified. What can I help you with?"


class DoubtfulLine(ScriptedLine):
    """A scripted line whose utterances matching ``doubtful`` arrive at recogniser confidence 0.6,
    and whose representative gives the replies queued per pattern in ``sequences`` before the table."""

    def __init__(self, clock: VirtualClock, *args: object, doubtful: str = r"^$",
                 sequences: dict[str, list[str]] | None = None, **kwargs: object) -> None:
        super().__init__(clock, *args, **kwargs)  # type: ignore[arg-type]
        self.doubtful = re.compile(doubtful)
        self.sequences = sequences or {}

    def _emit(self, event: object) -> None:
        if isinstance(event, Utterance) and self.doubtful.search(event.text):
            event = Utterance(event.text, event.start_s, event.end_s, confidence=0.6)
        super()._emit(event)  # type: ignore[arg-type]

    def _rep_reply(self, agent_text: str) -> None:
        if self.rep_verified or not self.representative or not self.representative.verification:
            for pattern, replies in self.sequences.items():
                if replies and re.search(pattern, agent_text, re.I):
                    self._say(replies.pop(0))
                    return
        super()._rep_reply(agent_text)


def _call(line: ScriptedLine, clock: VirtualClock) -> CallOutput:
    return run_call(make_request(), line, clock, call_id="call-1")


def test_doubtful_ivr_number_asked_later() -> None:
    """A doubtful IVR claim number read back at the greeting was 'confirmed' by a verification intro."""
    clock = VirtualClock(START)
    # A read-out the IVR cannot give again (no repeat, no other search), so its one doubtful hearing stays doubtful.
    readout = main_menu_nodes()["readout"]
    once = Node([readout.prompts[0], "To speak with a representative press 0."], {"0": "hold"})
    line = DoubtfulLine(clock, main_menu_nodes(readout=once), full_rep(), doubtful=re.escape(READOUT_START))
    output = _call(line, clock)
    said = line.agent_said
    verified_at = next(i for i, text in enumerate(said) if "April 15, 1950" in text)
    assert not any("read that back: the claim number" in text for text in said[:verified_at + 1])
    asked = said.index("What is the claim number?")
    assert asked > verified_at
    claim_number = output.results[0].fields.claim_number
    assert claim_number is not None and claim_number.value == "22123456789"
    # The IVR's hearing and the person's agree: the value is settled without a read-back.
    assert not any("read that back: the claim number" in text for text in said)
    assert claim_number.confidence > 0.6


def test_clear_ivr_number_read_back_later() -> None:
    clock = VirtualClock(START)
    line = DoubtfulLine(clock, main_menu_nodes(), full_rep())
    _call(line, clock)
    said = line.agent_said
    readback = next(i for i, text in enumerate(said) if "read that back: the claim number" in text)
    assert readback > next(i for i, text in enumerate(said) if "April 15, 1950" in text)
    assert "What is the claim number?" not in said


def test_readback_needs_explicit_yes() -> None:
    assert not _explicit_yes("Sure, I can help you with that. I'll just need to verify a few things first.")
    assert not _explicit_yes("Okay.")
    assert _explicit_yes("Yep, you got it.")
    assert _explicit_yes("Yes, that's write.")
    assert not _explicit_yes("No, that's not correct.")


def test_announcement_with_filler_not_person() -> None:
    """A recogniser's 'uh' made hold announcements sound like a person."""
    text = "To save time, please have the NPI, PTAN, the beneficiary's Medicare number in uh dates of service ready."
    assert _announcement_only(analyze_prompt(text))
    assert _announcement_only(analyze_prompt(
        "Representatives are not able to information that is available through uh self-service tools."))
    assert not _announcement_only(analyze_prompt("Thank you for holding, this is Dana, how can I help you?"))


def test_pickup_announcement_gives_no_values() -> None:
    """'Pending claims ... available in uh IVR' heard with the greeting set the status to pending."""
    greeting = ("Claim status, pending claims and checks are available in uh IVR and on the portal. "
                "Thank you for holding, this is Dana, how can I help you?")
    clock = VirtualClock(START)
    line = DoubtfulLine(clock, main_menu_nodes(), full_rep(greeting=greeting))
    output = _call(line, clock)
    status = output.results[0].fields.claim_status
    assert status is not None and status.value.value == "denied"
    assert sum("automated assistant" in text for text in line.agent_said) == 1


def test_garbled_answers_earn_attempts() -> None:
    """Two garbled received dates ('fifth, twenty twenty-six') left the field missing."""
    nodes = main_menu_nodes(readout=Node(
        ["Claim 1 of 1. Status: denied. Claim number 2 2 1 2 3 4 5 6 7 8 9. Processed date February 20, 2026.",
         "To speak with a representative press 0. To hear another claim press 1."], {"0": "hold", "1": "dos"}))
    garbled = ["We received it fifth, twenty twenty-six.", "Claim received date: February twenty twenty-six."]
    clock = VirtualClock(START)
    line = DoubtfulLine(clock, nodes, full_rep(), sequences={r"claim received": list(garbled)})
    output = _call(line, clock)
    received = output.results[0].fields.received_date
    assert sum("claim received" in text for text in line.agent_said) == 3
    assert received is not None and received.value == date(2026, 2, 12)


def test_repeated_values_voted() -> None:
    """'Three hundred sixty-five' heard three times lost to 'hundred sixty-five' heard last."""
    assert settle_value([365, 365, 365, 65]) == 365
    assert settle_value([Decimal("0.12"), Decimal("47.12")]) == Decimal("47.12")
    assert settle_value([Decimal("47.12"), Decimal("0.12")]) == Decimal("47.12")
    assert settle_value([date(2026, 2, 5), date(2026, 2, 15)]) == date(2026, 2, 15)
    assert settle_value([["96"], ["97"], ["96"]]) == ["96"]


def test_agreeing_hearings_raise_confidence() -> None:
    from payerline.agent.extract import Extraction

    claim = ClaimState(0)
    claim.record("paid_amount", Extraction(Decimal("10.00"), 0.9), Heard(0, 0.0, 1.0, 0.7), SOURCE_IVR)
    first = claim.fields["paid_amount"].confidence
    claim.record("paid_amount", Extraction(Decimal("10.00"), 0.9), Heard(1, 1.0, 2.0, 0.7), SOURCE_REPRESENTATIVE)
    assert claim.fields["paid_amount"].confidence > first
    assert agreed_confidence(0.6, 0.6) == 0.84
    assert agreed_confidence(0.99, 0.99) == 0.99


def test_person_fields_scaled_by_confidence() -> None:
    clock = VirtualClock(START)
    line = DoubtfulLine(clock, main_menu_nodes(), full_rep(), doubtful=r"reference number is")
    output = _call(line, clock)
    reference = output.results[0].fields.reference_number
    assert reference is not None and reference.value == "1204558917"
    assert reference.confidence <= 0.6


def test_garbled_phonetic_spelling() -> None:
    """'J in John' and 'J as an John' lost the reference number's first letter."""
    from payerline.agent.extract import extract_identifier

    heard = extract_identifier("Reference number is J in John, C as in cat, one one oh double two three nine eight.")
    assert heard is not None and heard.value == "JC11022398"
    heard = extract_identifier("Actually, it's J as an John, C as and cat, one, one oh two, two three nine, eight.")
    assert heard is not None and heard.value == "JC11022398"
    # A word not starting with the letter is no spelling.
    heard = extract_identifier("that is in the system one two three four five")
    assert heard is not None and heard.value == "12345"


def test_settle_identifier_skips_rejected() -> None:
    from payerline.agent.readback import _settle_identifier

    # The IVR's number and the person's agree; a garbled restatement merged in was rejected.
    hearings = ["5526019120644", "226019120644", "5526019120644"]
    assert _settle_identifier(hearings, {"55226019120644"}, "5526019120644") == "5526019120644"
    # Every hearing rejected ("Actually, it's <the number read>"): all of them are merged.
    assert _settle_identifier(["462879502", "628879502"], {"462879502", "628879502"}, "x") == "4628879502"


def test_timely_filing_with_lost_multiplier() -> None:
    from payerline.agent.extract.durations import extract_days

    both = extract_days("You'd have to get it in within one year, that's hundred sixty-five days.")
    assert both is not None and both.value == 365
    alone = extract_days("Your filing limit is hundred sixty-five days from the primary EOB date.")
    assert alone is not None and alone.confidence < 0.5
    whole = extract_days("three hundred sixty-five days")
    assert whole is not None and whole.value == 365


def test_for_before_double_is_four() -> None:
    from payerline.agent.extract import extract_identifier

    heard = extract_identifier("I'm looking at claim number one two six zero for double zero two eight two nine five three zero.")
    assert heard is not None and heard.value == "12604002829530"


def test_still_there_answered_once() -> None:
    """A person who waits for the agent asks whether it is still there; asked twice, the agent goes on."""
    rep = full_rep(verification=[])
    rep.answers = [(r"check the status|repeat that", "Hello? Are you still there?"), *rep.answers]
    clock = VirtualClock(START)
    line = DoubtfulLine(clock, main_menu_nodes(), rep)
    output = _call(line, clock)
    said = line.agent_said
    assert sum(text.startswith("Yes, I'm here. I'm sorry") for text in said) == 1
    assert any(text.startswith("Yes, I'm here. Let me read that back") for text in said)
    assert output.results[0].fields.reference_number is not None


def test_correction_of_merged_number_rejects_it() -> None:
    """'Actually, it's <a number with fewer digits>' after a bad merge was taken for a confirmation."""
    rep = full_rep()
    rep.answers = [(r"read that back: the claim number is 2 2 1 2 3 4 5 5", "Yes, that's correct."),
                   *rep.answers]
    clock = VirtualClock(START)
    sequences = {r"read that back: the claim number": [
        "Actually, it's two two one, two three four, five six seven, eight nine."]}
    nodes = main_menu_nodes(readout=Node(
        ["Claim 1 of 1. Status: denied. Claim number 2 2 1 2 3 4 5 5 6 7 8 9. Received date February 12, 2026. "
         "Processed date February 20, 2026.",
         "To speak with a representative press 0. To hear another claim press 1."], {"0": "hold", "1": "dos"}))
    line = DoubtfulLine(clock, nodes, rep, sequences=sequences)
    output = _call(line, clock)
    claim_number = output.results[0].fields.claim_number
    assert claim_number is not None
    assert claim_number.value == "22123456789"


def test_value_with_lost_multiplier_asked_again() -> None:
    """'It should finalize within hundred twenty days' lost 'one' and was kept as 20 days."""
    nodes = main_menu_nodes(readout=Node(
        ["Claim 1 of 1. Status: pending. Claim number 2 2 1 2 3 4 5 6 7 8 9. Received date February 12, 2026.",
         "To speak with a representative press 0. To hear another claim press 1."], {"0": "hold", "1": "dos"}))
    sequences = {r"processing time": ["It should finalize within hundred twenty days."],
                 r"repeat that": ["Sure. Within one hundred twenty days."]}
    clock = VirtualClock(START)
    line = DoubtfulLine(clock, nodes, full_rep(), sequences=sequences)
    output = _call(line, clock)
    said = line.agent_said
    assert "Sorry, the line broke up. Could you repeat that?" in said
    assert "I'm sorry, could you repeat that?" not in said
    days = output.results[0].fields.expected_processing_days
    assert days is not None
    assert days.value == 120
