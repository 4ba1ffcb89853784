"""The sandbox line and IVR engine: timing, entries, navigation, hours, replay."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import yaml
from sandbox_helpers import (
    OPEN_AT,
    find_claim,
    kentucky_member_steps,
    ngs_claim_steps,
    run_to_representative,
    scenario_for,
)
from scripted_caller import ScriptedCaller
from test_payer_file import docs_example

from payerline.clock import VirtualClock
from payerline.domain.codes import ClaimStatus
from payerline.errors import IllegalStateError
from payerline.sandbox.line import SandboxLine
from payerline.sandbox.payer_file import PayerFile
from payerline.telephony.actions import HangUp, PressKeys, Speak
from payerline.telephony.events import CallAnswered, CallEnded, LineSignal, SignalKind, Utterance


def make_line(payer: PayerFile, status: ClaimStatus = ClaimStatus.PAID, **settings) -> SandboxLine:
    member, claim = find_claim(payer, status)
    scenario = scenario_for(payer, member, [claim], **settings)
    return SandboxLine(payer, scenario, VirtualClock(scenario.start))


def next_utterance(line: SandboxLine, timeout_s: float = 60.0) -> Utterance:
    while True:
        event = line.receive(timeout_s)
        if isinstance(event, Utterance):
            return event
        assert not isinstance(event, CallEnded), "the call ended while waiting for speech"


def utterances_until(line: SandboxLine, text: str, limit: int = 60) -> list[str]:
    heard = []
    for _ in range(limit):
        utterance = next_utterance(line)
        heard.append(utterance.text)
        if text.lower() in utterance.text.lower():
            return heard
    raise AssertionError(f"never heard {text!r}; heard {heard}")


def events_until_end(line: SandboxLine, timeout_s: float = 60.0, limit: int = 500) -> list:
    events = []
    for _ in range(limit):
        event = line.receive(timeout_s)
        events.append(event)
        if isinstance(event, CallEnded):
            return events
    raise AssertionError("the call did not end")


def test_keypress_readback_and_keys_received(ngs: PayerFile) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    scenario = scenario_for(ngs, member, [claim])
    line = SandboxLine(ngs, scenario, VirtualClock(scenario.start))
    steps = ngs_claim_steps(ngs, member, claim)
    caller = ScriptedCaller(line, steps, hang_up_after_ivr=False, max_events=200)
    caller.ivr_steps.append(("you may hang up", HangUp()))
    caller.run()
    npi = next(p.npi for p in ngs.records.providers if p.npi == claim.billing_npi)
    readbacks = [t for t in caller.far_text() if t.startswith("You entered")]
    assert readbacks[0] == f"You entered {' '.join(npi)}. If this is correct, press 1 or say yes. To re-enter, press 2 or say no."
    assert "".join(key for _, key in line.keys_received) == caller.sent_keys
    times = [at for at, _ in line.keys_received]
    assert times == sorted(times)
    spoken_number = " ".join({"0": "zero", "1": "one", "2": "two", "3": "three", "4": "four", "5": "five",
                              "6": "six", "7": "seven", "8": "eight", "9": "nine"}[d] for d in claim.claim_number)
    assert any(spoken_number in text for text in caller.far_text())


def test_same_seed_replays_exactly(ngs: PayerFile) -> None:
    member, claim = find_claim(ngs, ClaimStatus.DENIED)
    questions = ["What's the status?", "What's the denial reason code?", "Can I get a reference number?"]

    def run(seed: int) -> tuple[list, list[str]]:
        caller, line = run_to_representative(ngs, member, claim, questions, seed=seed, hold_s=None)
        return [(t.side, t.text, round(t.start_s, 6)) for t in caller.turns], line.log

    first, second = run(11), run(11)
    assert first == second
    other_turns, other_log = run(12)
    assert other_turns != first[0]
    assert other_log != first[1]


def test_barge_in_stops_the_menu(ngs: PayerFile) -> None:
    line = make_line(ngs)
    line.dial("x")
    utterances_until(line, "For eligibility, press 1")
    line.send(PressKeys("2"))
    following = next_utterance(line)
    assert "10-digit NPI" in following.text
    assert line.keys_received[0][1] == "2"


def test_keys_typed_ahead_are_kept(ngs: PayerFile) -> None:
    line = make_line(ngs)
    line.dial("x")
    first = next_utterance(line)
    assert "National Government Services" in first.text
    line.send(PressKeys("2"))
    heard = utterances_until(line, "10-digit NPI")
    assert "For claim status, press 2 or say claim status." in heard
    assert not any("didn't" in text for text in heard)


def test_spoken_menu_choice(ngs: PayerFile) -> None:
    line = make_line(ngs)
    line.dial("x")
    utterances_until(line, "For claim status")
    line.send(Speak("claim status"))
    assert "10-digit NPI" in next_utterance(line).text


def test_keypad_only_line_ignores_speech(kentucky: PayerFile) -> None:
    line = make_line(kentucky)
    line.dial("x")
    utterances_until(line, "provider number")
    line.send(Speak("seven two oh six four two oh four six three"))
    assert next_utterance(line).text == kentucky.ivr.defaults.no_input_say[0]
    assert any("keypad only" in entry for entry in line.log)


def test_receive_returns_silence_and_answer(ngs: PayerFile) -> None:
    line = make_line(ngs)
    line.dial("x")
    ring = line.receive(1.0)
    assert ring == LineSignal(SignalKind.RINGBACK, 0.0, 1.0)
    assert line.receive(10.0) == LineSignal(SignalKind.RINGBACK, 1.0, ngs.answer_after_s)
    assert line.receive(10.0) == CallAnswered(ngs.answer_after_s)
    greeting = line.receive(30.0)
    assert isinstance(greeting, Utterance)
    assert greeting.start_s == ngs.answer_after_s
    assert greeting.end_s == pytest.approx(greeting.start_s + len(greeting.text.split()) / 2.8 + 0.3)
    assert line.clock.monotonic_s() == greeting.end_s
    utterances_until(line, "or say representative")
    waited_from = line.clock.monotonic_s()
    silence = line.receive(2.0)
    assert silence == LineSignal(SignalKind.SILENCE, waited_from, waited_from + 2.0)


def test_text_filter_applies_to_utterances(ngs: PayerFile) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    scenario = scenario_for(ngs, member, [claim])
    line = SandboxLine(ngs, scenario, VirtualClock(scenario.start), text_filter=str.upper)
    line.dial("x")
    assert next_utterance(line).text == "THANK YOU FOR CALLING NATIONAL GOVERNMENT SERVICES, YOUR MEDICARE ADMINISTRATIVE CONTRACTOR."


def test_text_filter_may_set_the_utterance_confidence(ngs: PayerFile) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    scenario = scenario_for(ngs, member, [claim])
    line = SandboxLine(ngs, scenario, VirtualClock(scenario.start), text_filter=lambda text: (text.lower(), 0.42))
    line.dial("x")
    heard = next_utterance(line)
    assert heard.text == "thank you for calling national government services, your medicare administrative contractor."
    assert heard.confidence == 0.42


def test_no_input_then_fallback_transfer(ngs: PayerFile) -> None:
    line = make_line(ngs)
    line.dial("x")
    heard = utterances_until(line, "Let me transfer you")
    assert heard.count("I'm sorry, I didn't hear anything.") == 2
    events = [line.receive(60.0) for _ in range(3)]
    assert any(isinstance(e, LineSignal) and e.kind == SignalKind.MUSIC for e in events)


def test_invalid_entries_then_disconnect(kentucky: PayerFile) -> None:
    line = make_line(kentucky)
    line.dial("x")
    for _ in range(3):
        utterances_until(line, "provider number")
        line.send(PressKeys("12#"))
    events = events_until_end(line)
    texts = [e.text for e in events if isinstance(e, Utterance)]
    assert texts[-1].startswith("You have exceeded the maximum number of attempts")
    assert isinstance(events[-1], CallEnded)


def test_star_nine_nine_returns_to_main(kentucky: PayerFile) -> None:
    member, claim = find_claim(kentucky, ClaimStatus.PAID)
    line = make_line(kentucky)
    steps = kentucky_member_steps(kentucky, member, claim)[:4]
    line.dial("x")
    for trigger, action in steps:
        utterances_until(line, trigger)
        line.send(action)
    utterances_until(line, "10-digit Medicaid member ID")
    line.send(PressKeys("*99"))
    assert next_utterance(line).text == "Main menu."


def test_hold_sends_music_stretches_and_announcements(ngs: PayerFile) -> None:
    line = make_line(ngs, hold_s=200.0)
    line.dial("x")
    utterances_until(line, "representative, press 0")
    line.send(PressKeys("0"))
    utterances_until(line, "Please hold")
    signals, announcements = [], []
    while True:
        event = line.receive(60.0)
        if isinstance(event, LineSignal):
            signals.append(event)
        elif isinstance(event, Utterance):
            if "this is" in event.text.lower():
                break
            announcements.append(event.text)
    assert all(s.kind == SignalKind.MUSIC and s.end_s - s.start_s <= 30.0 + 1e-9 for s in signals)
    assert sum(s.end_s - s.start_s for s in signals) > 150
    assert announcements


def test_hold_without_music_is_silence(ngs: PayerFile) -> None:
    quiet = ngs.model_copy(update={"hold": ngs.hold.model_copy(update={"music": False})})
    line = make_line(quiet, hold_s=70.0)
    line.dial("x")
    utterances_until(line, "representative, press 0")
    line.send(PressKeys("0"))
    utterances_until(line, "Please hold")
    event = line.receive(60.0)
    assert isinstance(event, LineSignal)
    assert event.kind == SignalKind.SILENCE


@pytest.mark.parametrize("start", [
    datetime(2026, 3, 4, 3, 0, tzinfo=UTC),     # 22:00 Eastern the evening before
    datetime(2026, 3, 7, 15, 0, tzinfo=UTC),    # a Saturday
    datetime(2026, 12, 25, 15, 0, tzinfo=UTC),  # a holiday
])
def test_after_hours_plays_closed_message(ngs: PayerFile, start: datetime) -> None:
    line = make_line(ngs, start=start)
    line.dial("x")
    events = events_until_end(line)
    texts = [e.text for e in events if isinstance(e, Utterance)]
    assert texts == ngs.hours.closed_message


def test_hours_use_the_payer_time_zone(ngs: PayerFile) -> None:
    inside = make_line(ngs, start=datetime(2026, 3, 3, 13, 30, tzinfo=UTC))  # 08:30 Eastern
    inside.dial("x")
    assert "Thank you for calling National Government Services" in next_utterance(inside).text
    assert "For eligibility" in utterances_until(inside, "For eligibility")[-1]


def test_data_options_closed_first_coast_style(tmp_path) -> None:
    from payerline.sandbox.payer_file import load_payer_file

    data = yaml.safe_load(docs_example())
    data["hours"] = {
        "line": None,
        "data": [{"days": ["mon", "tue", "wed", "thu", "fri"], "open": "07:00", "close": "18:30"}],
        "closed_message": "Closed.",
        "data_closed_message": "Claim information is available weekdays from 7 a.m. to 6:30 p.m.",
        "data_closed_goto": "main",
    }
    data["ivr"]["menus"]["npi"]["data_option"] = True
    path = tmp_path / "example-medicare.payer.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    payer = load_payer_file(path)
    member = payer.records.members[0]
    evening = datetime(2026, 3, 4, 2, 0, tzinfo=UTC)  # 20:00 Central
    scenario = scenario_for(payer, member, member.claims[:1], start=evening)
    line = SandboxLine(payer, scenario, VirtualClock(evening))
    line.dial("x")
    utterances_until(line, "For claim status")
    line.send(PressKeys("2"))
    assert next_utterance(line).text == data["hours"]["data_closed_message"]
    assert next_utterance(line).text == "Thank you for calling Example Medicare."


def test_inquiry_limit_ends_the_call(kentucky: PayerFile) -> None:
    member, claim = find_claim(kentucky, ClaimStatus.PAID)
    line = make_line(kentucky)
    line.dial("x")
    steps = kentucky_member_steps(kentucky, member, claim)
    for trigger, action in steps:
        utterances_until(line, trigger)
        line.send(action)
    for _ in range(kentucky.ivr.max_inquiries):
        utterances_until(line, "To check another claim, press 2")
        line.send(PressKeys("2"))
        for trigger, action in steps[3:]:
            utterances_until(line, trigger)
            line.send(action)
    texts = [e.text for e in events_until_end(line) if isinstance(e, Utterance)]
    assert texts[-1] == kentucky.ivr.inquiry_limit.say[0]
    assert sum("lookup claims found" in entry for entry in line.log) == kentucky.ivr.max_inquiries


def test_caller_hangup_ends_the_line(ngs: PayerFile) -> None:
    line = make_line(ngs)
    line.dial("x")
    next_utterance(line)
    line.send(HangUp())
    at = line.clock.monotonic_s()
    assert line.receive(5.0) == CallEnded(at)
    assert line.receive(5.0) == CallEnded(at)
    line.send(PressKeys("1"))
    assert all(time <= at for time, _ in line.keys_received)


def test_misuse_raises(ngs: PayerFile) -> None:
    line = make_line(ngs)
    with pytest.raises(IllegalStateError):
        line.receive(1.0)
    line.dial("x")
    with pytest.raises(IllegalStateError):
        line.dial("x")
    with pytest.raises(ValueError):
        line.receive(-1.0)


def test_line_events_carry_only_perceivable_fields(ngs: PayerFile) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    caller, _ = run_to_representative(ngs, member, claim, ["What's the status?"])
    assert caller.turns[-1].text == "[ended]"
    assert set(Utterance.__dataclass_fields__) == {"text", "start_s", "end_s", "confidence"}


def test_zero_in_an_entry_reaches_a_representative(kentucky: PayerFile) -> None:
    member, claim = find_claim(kentucky, ClaimStatus.PAID)
    line = make_line(kentucky)
    steps = kentucky_member_steps(kentucky, member, claim)[:3] + [("search by claim number", PressKeys("1"))]
    line.dial("x")
    for trigger, action in steps:
        utterances_until(line, trigger)
        line.send(action)
    utterances_until(line, "13-digit claim number")
    line.send(PressKeys("0#"))
    assert next_utterance(line).text == "Please hold for the next available provider services representative."


def test_member_lookup_with_key_scheme_name(ngs: PayerFile) -> None:
    from payerline.sandbox.keypad import Entry, name_keys
    from payerline.sandbox.lookup import Session, find_member

    member = ngs.records.members[3]
    session = Session()
    session.slots["member_id"] = Entry(member.member_id, "")
    session.slots["last_name"] = Entry(name_keys(member.last_name, 4), "", keyed_letters=True)
    assert find_member(ngs.records, session) == member
    session.slots["last_name"] = Entry("2222", "", keyed_letters=True)
    assert find_member(ngs.records, session) is None


def test_member_search_after_an_ssn_finds_no_one(ngs: PayerFile) -> None:
    from payerline.sandbox.keypad import Entry
    from payerline.sandbox.lookup import Session, find_member

    member = ngs.records.members[3]
    session = Session()
    session.slots["member_id"] = Entry(member.member_id, "")
    assert find_member(ngs.records, session) == member
    session.slots["ssn"] = Entry("123456789", "")
    assert find_member(ngs.records, session) is None


def test_member_id_with_letters_keyed_one_key_each(ngs: PayerFile) -> None:
    from payerline.sandbox.keypad import decode, id_keys
    from payerline.sandbox.lookup import Session, find_member
    from payerline.sandbox.ops import Heard
    from payerline.sandbox.payer_file import InputSpec

    member = next(m for m in ngs.records.members if any(char.isalpha() for char in m.member_id))
    spec = InputSpec(kind="alphanumeric", letters="key", terminator="#")
    session = Session()
    session.slots["member_id"] = decode(spec, Heard(keys=id_keys(member.member_id)), date(2026, 11, 20))
    assert find_member(ngs.records, session) == member
    session.slots["member_id"] = decode(spec, Heard(keys="9" * len(member.member_id)), date(2026, 11, 20))
    assert find_member(ngs.records, session) is None


def test_claim_number_with_letters_keyed_one_key_each(ngs: PayerFile) -> None:
    from payerline.sandbox.keypad import decode, id_keys
    from payerline.sandbox.lookup import Session, find_claims
    from payerline.sandbox.ops import Heard
    from payerline.sandbox.payer_file import InputSpec

    member = ngs.records.members[0]
    claim = next(c for c in member.claims if c.claim_number).model_copy(update={"claim_number": "GM25118740"})
    records = ngs.records.model_copy(update={"members": [member.model_copy(update={"claims": [claim]})],
                                              "providers": ngs.records.providers})
    spec = InputSpec(kind="alphanumeric", letters="key", terminator="#")
    session = Session()
    session.slots["claim_number"] = decode(spec, Heard(keys=id_keys("GM25118740")), date(2026, 11, 20))
    assert find_claims(records, session) == [claim]


def test_ptan_with_letters_keyed_one_key_each(ngs: PayerFile) -> None:
    from payerline.sandbox.keypad import decode, id_keys
    from payerline.sandbox.lookup import Session, find_provider
    from payerline.sandbox.ops import Heard
    from payerline.sandbox.payer_file import InputSpec

    provider = ngs.records.providers[0].model_copy(update={"ptan": "261QF0400X"})
    records = ngs.records.model_copy(update={"providers": [provider]})
    session = Session()
    session.slots["ptan"] = decode(InputSpec(kind="alphanumeric", letters="key", terminator="#"),
                                   Heard(keys=id_keys("261QF0400X")), date(2026, 11, 20))
    assert find_provider(records, session) == provider


def test_keyed_id_collision_finds_second_member(ngs: PayerFile) -> None:
    from payerline.sandbox.keypad import decode, id_keys
    from payerline.sandbox.lookup import Session, find_member
    from payerline.sandbox.ops import Heard
    from payerline.sandbox.payer_file import InputSpec

    first = ngs.records.members[0].model_copy(update={"member_id": "VN4418207301", "date_of_birth": date(1971, 4, 17)})
    second = first.model_copy(update={"member_id": "TO4418207301", "date_of_birth": date(1980, 1, 2)})
    records = ngs.records.model_copy(update={"members": [first, second]})
    spec = InputSpec(kind="alphanumeric", letters="key", terminator="#")
    session = Session()
    session.slots["member_id"] = decode(spec, Heard(keys=id_keys("TO4418207301")), date(2026, 11, 20))
    session.slots["date_of_birth"] = decode(InputSpec(kind="date", date_format="MMDDYYYY"), Heard(keys="01021980"),
                                            date(2026, 11, 20))
    assert find_member(records, session) == second


def test_remittance_reads_last_three_payments(kentucky: PayerFile) -> None:
    member, claim = find_claim(kentucky, ClaimStatus.PAID)
    line = make_line(kentucky)
    line.dial("x")
    for trigger, action in kentucky_member_steps(kentucky, member, claim)[:2]:
        utterances_until(line, trigger)
        line.send(action)
    utterances_until(line, "For remittance information, press 4")
    line.send(PressKeys("4"))
    intro = next_utterance(line).text
    assert intro.startswith("Here are your last")
    items = [next_utterance(line).text for _ in range(3)]
    remits = [text for text in items if text.startswith("Remittance ")]
    assert 1 <= len(remits) <= 3
    assert "check or EFT number" in remits[0]


def test_payment_floor_summary_comes_first(ngs: PayerFile) -> None:
    from payerline.sandbox.spoken import int_words

    member, claim = find_claim(ngs, ClaimStatus.PAYMENT_FLOOR)
    line = make_line(ngs, status=ClaimStatus.PAYMENT_FLOOR)
    line.dial("x")
    for trigger, action in ngs_claim_steps(ngs, member, claim)[:6]:
        utterances_until(line, trigger)
        line.send(action)
    floor = [c for m in ngs.records.members for c in m.claims
             if c.status == ClaimStatus.PAYMENT_FLOOR and c.billing_npi == claim.billing_npi]
    assert next_utterance(line).text == f"Number of claims on the payment floor: {int_words(len(floor))}."
    assert next_utterance(line).text.startswith("Total amount on the payment floor:")
    assert "beneficiary identifier" in next_utterance(line).text


def test_unanswered_readback_counts_as_attempt(ngs: PayerFile) -> None:
    member, claim = find_claim(ngs, ClaimStatus.PAID)
    line = make_line(ngs)
    line.dial("x")
    for trigger, action in ngs_claim_steps(ngs, member, claim)[:2]:
        utterances_until(line, trigger)
        line.send(action)
    heard = utterances_until(line, "Let me transfer you", limit=200)
    assert sum(text.startswith("You entered") for text in heard) == ngs.ivr.defaults.max_attempts
    assert heard.count(ngs.ivr.defaults.no_input_say[0]) >= 2


def test_member_search_ignores_earlier_claim_number(kentucky: PayerFile) -> None:
    """A claim number serves one search: the next search, by member and dates, must not reuse it."""
    member, first, second = next(
        (m, a, b) for m in kentucky.records.members for a in m.claims for b in m.claims
        if a is not b and a.billing_npi == b.billing_npi and a.service_date_from != b.service_date_from
        and ClaimStatus.NOT_ON_FILE not in (a.status, b.status)
    )
    provider = next(p for p in kentucky.records.providers if p.npi == first.billing_npi)
    scenario = scenario_for(kentucky, member, [first, second])
    line = SandboxLine(kentucky, scenario, VirtualClock(scenario.start))
    by_member = kentucky_member_steps(kentucky, member, second)[3:]  # from "search by member number" on
    steps = [
        ("provider number", PressKeys(provider.medicaid_provider_id + "#")),
        ("If this is correct", PressKeys("1")),
        ("For claim status, press 5", PressKeys("5")),
        ("search by claim number", PressKeys("1")),
        ("13-digit claim number", PressKeys(first.claim_number + "#")),
        ("If this is correct", PressKeys("1")),
        ("To check another claim", PressKeys("2")),
        *by_member,
        ("To check another claim", HangUp()),
    ]
    caller = ScriptedCaller(line, steps, max_events=400).run()
    spoken = [text for text in caller.far_text() if text.startswith("Claim number")]
    numbers = [" ".join(spoken_digit(d) for d in claim.claim_number) for claim in (first, second)]
    assert len(spoken) == 2, spoken
    assert numbers[0] in spoken[0], spoken
    assert numbers[1] in spoken[1], spoken


def spoken_digit(digit: str) -> str:
    return ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"][int(digit)]


def test_amount_entry_rejects_overlong_keys() -> None:
    from payerline.sandbox.keypad import decode
    from payerline.sandbox.ops import Heard
    from payerline.sandbox.payer_file import InputSpec

    spec = InputSpec(kind="amount")
    today = date(2026, 11, 20)
    assert decode(spec, Heard(keys="12345"), today).value == Decimal("123.45")
    # A 12-digit claim number keyed at the amount prompt is invalid, not a crash.
    assert decode(spec, Heard(keys="261117833512"), today) is None
    assert decode(InputSpec(kind="amount", max_length=9), Heard(keys="1234567890"), today) is None


def test_error_prompt_discards_keys_typed_ahead(tmp_path) -> None:
    from importlib import resources

    from payerline.sandbox.payer_file import load_payer_file

    data = yaml.safe_load(resources.files("payerline.payers").joinpath("ngs-medicare.payer.yaml").read_text())
    data["ivr"]["menus"]["login_npi"]["input"] = {"kind": "digits", "length": 10, "terminator": None, "speech": True}
    path = tmp_path / "ngs-medicare.payer.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    payer = load_payer_file(path)
    line = make_line(payer)
    line.dial("x")
    utterances_until(line, "For claim status, press 2")
    line.send(PressKeys("2"))
    utterances_until(line, "10-digit NPI")
    npi = payer.records.providers[0].npi
    # The first ten keys are no NPI (a star in it); the extra six must not spill into the retry.
    line.send(PressKeys("12345*7890123456"))
    utterances_until(line, "10-digit NPI")
    line.send(PressKeys(npi))
    readback = utterances_until(line, "You entered")[-1]
    assert " ".join(npi) in readback
    assert any("discarded" in entry for entry in line.log)
