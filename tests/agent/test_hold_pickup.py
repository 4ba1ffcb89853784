"""Telling a person from a recording on hold (content, the line after the turn, novelty), and replies to check-ins."""

from __future__ import annotations

from datetime import date

import pytest
from scripted_payer import START, make_request

from payerline.agent.agent import QUESTION_PAUSE_S, CallAgent
from payerline.agent.config import AgentConfig
from payerline.agent.context import CallContext, Phase
from payerline.agent.hold import WATCH_S, HoldMonitor, Pickup, PickupEvidence, decide_pickup
from payerline.agent.prompts import analyze_prompt, checks_in, greeting_name, question_to_caller, turn_text
from payerline.agent.results import ClaimState, Heard
from payerline.clock import VirtualClock
from payerline.telephony.actions import Speak
from payerline.telephony.events import CallAnswered, LineSignal, SignalKind, Utterance

SILENT_HOLD = PickupEvidence(SignalKind.SILENCE, music_on_hold=False)
MUSIC_HOLD = PickupEvidence(SignalKind.SILENCE, music_on_hold=True)
MUSIC_AFTER = PickupEvidence(SignalKind.MUSIC, music_on_hold=True)

# Greetings heard on noisy lines, which the representative hung up on because no reply came.
LOST_WORD_GREETINGS = [
    "Cedar Valley provider services, you've got Desmond. What can I for you today?",
    "Thank you for holding, is Renata, how can I you?",
    "Cedar Valley provider services, got Priya. What can I for you today?",
    "Cedar Valley provider services, you've got Harriet. can I do for you today?",
    "You've reached member enrollment, this was Luis.",
    "Provider services, Dana speaking.",
    "Hello? Are you still their?",
    "Hi, did I you?",
    "Hi, did I lose you?",
]

NOISY_ANNOUNCEMENTS = [
    "Thank you for your patience. A representative will with you shortly.",
    "Did know most claim questions can be answered on our provider portal, any of",
    "We are currently experiencing than normal call volumes. Your estimated wait time is greater than fifteen minutes.",
    "To save time, have your NPI, tax ID, and the member's number ready.",
    "Representatives are not able to give information that is available through uh tools.",
    "Claim status, pending claims and checks are available in uh IVR and on the myCGS web portal.",
]


def context_for() -> CallContext:
    return CallContext(request=make_request(1), config=AgentConfig(), ivr_map=None, call_date=date(2026, 3, 20),
                       call_id="call-1", claims=[ClaimState(0)])


def heard(texts: list[str], at_s: float = 100.0) -> list[tuple[str, Heard]]:
    return [(text, Heard(index, at_s + 3 * index, at_s + 3 * index + 2, 0.9)) for index, text in enumerate(texts)]


# The decision


@pytest.mark.parametrize("text", LOST_WORD_GREETINGS)
def test_lost_word_greeting_greeted(text: str) -> None:
    assert decide_pickup(analyze_prompt(text), SILENT_HOLD) is Pickup.GREET


@pytest.mark.parametrize("text", LOST_WORD_GREETINGS)
def test_greeting_then_music_waits(text: str) -> None:
    assert decide_pickup(analyze_prompt(text), MUSIC_AFTER) is Pickup.WAIT


@pytest.mark.parametrize("text", NOISY_ANNOUNCEMENTS)
def test_noisy_announcement_not_greeted(text: str) -> None:
    assert decide_pickup(analyze_prompt(text), SILENT_HOLD) is Pickup.WAIT
    assert decide_pickup(analyze_prompt(text), MUSIC_HOLD) is not Pickup.GREET


def test_unclear_turn_watched() -> None:
    text = "Provider services."
    assert decide_pickup(analyze_prompt(text), MUSIC_HOLD) is Pickup.WATCH
    assert decide_pickup(analyze_prompt(text), SILENT_HOLD) is Pickup.WAIT


def test_music_hold_silence_tips_weak_turn() -> None:
    stricter_silent = PickupEvidence(SignalKind.SILENCE, music_on_hold=False, after_false_greeting=True)
    stricter_music = PickupEvidence(SignalKind.SILENCE, music_on_hold=True, after_false_greeting=True)
    text = "Hi, did I you?"
    assert decide_pickup(analyze_prompt(text), stricter_silent) is Pickup.WAIT
    assert decide_pickup(analyze_prompt(text), stricter_music) is Pickup.GREET


def test_repeated_utterance_waits() -> None:
    repeated = PickupEvidence(SignalKind.SILENCE, music_on_hold=True, repeats=True)
    assert decide_pickup(analyze_prompt("Provider services."), repeated) is Pickup.WAIT


# The monitor


def test_monitor_hears_announcement_repeats() -> None:
    monitor = HoldMonitor(context_for())
    monitor.begin(0.0)
    first = "Claim status is available any time in the Noridian Medicare Portal and in the IVR by saying claim status."
    again = "Claim status is available any time in uh Medicare Portal and in the IVR by saying claim status."
    monitor.on_signal(SignalKind.MUSIC)
    assert monitor.on_turn(analyze_prompt(first), heard([first]), ended_by=SignalKind.SILENCE).phase is None
    assert monitor.watch_s(0.0) == pytest.approx(WATCH_S)
    monitor.on_signal(SignalKind.MUSIC)  # music came back, so it was a recording
    assert monitor.watch_s(0.0) is None
    assert monitor.on_turn(analyze_prompt(again), heard([again]), ended_by=SignalKind.SILENCE).phase is None
    assert monitor.watch_s(0.0) is None  # a repeat is not even watched


def test_watched_turn_greeted_after_silence() -> None:
    context = context_for()
    monitor = HoldMonitor(context)
    monitor.begin(0.0)
    monitor.on_signal(SignalKind.MUSIC)
    context.now_s = 100.0
    assert monitor.on_turn(analyze_prompt("Provider services."), heard(["Provider services."]),
                           ended_by=SignalKind.SILENCE).phase is None
    assert monitor.on_quiet(101.0) is None
    step = monitor.on_quiet(100.0 + WATCH_S)
    assert step is not None
    assert step.phase is Phase.REPRESENTATIVE
    assert [text for text, _ in monitor.person_turn([])] == ["Provider services."]


def test_announcement_left_out_of_greeting() -> None:
    monitor = HoldMonitor(context_for())
    monitor.begin(0.0)
    announcement = "Claim status, pending claims and checks are available in the IVR and on the myCGS web portal."
    assert monitor.on_turn(analyze_prompt(announcement), heard([announcement]), ended_by=SignalKind.MUSIC).phase is None
    greeting = "Thank you for calling provider services, my name is Nadia, can I help you today?"
    noisy = "Claim pending claims and checks are available in the IVR and on the myCGS web portal."
    turn = heard([noisy, greeting])
    step = monitor.on_turn(analyze_prompt(turn_text([noisy, greeting])), turn, ended_by=SignalKind.SILENCE)
    assert step.phase is Phase.REPRESENTATIVE
    assert [text for text, _ in monitor.person_turn(turn)] == [greeting]


def test_first_heard_announcement_left_out() -> None:
    monitor = HoldMonitor(context_for())
    monitor.begin(0.0)
    announcement = "Claim status, pending claims and checks are available an the IVR and on the myCGS web portal."
    greeting = "Thank you for calling provider services, my name is Nadia, can I help you today?"
    turn = heard([announcement, greeting])
    step = monitor.on_turn(analyze_prompt(turn_text([announcement, greeting])), turn, ended_by=SignalKind.SILENCE)
    assert step.phase is Phase.REPRESENTATIVE
    assert [text for text, _ in monitor.person_turn(turn)] == [greeting]


def test_second_person_greeting_alike_greeted() -> None:
    context = context_for()
    monitor = HoldMonitor(context)
    monitor.begin(0.0)
    monitor.on_signal(SignalKind.MUSIC)
    context.now_s = 100.0
    first = "Thank you for calling, this is, speaking with today."
    assert monitor.on_turn(analyze_prompt(first), heard([first]), ended_by=SignalKind.SILENCE).phase is None
    assert monitor.on_quiet(100.0 + WATCH_S) is not None  # the first person, greeted after the silence
    monitor.end(110.0)
    monitor.begin(300.0)
    monitor.on_signal(SignalKind.MUSIC)
    second = "Thank you for calling, this is Kimberly, who am I speaking with today?"
    step = monitor.on_turn(analyze_prompt(second), heard([second], 400.0), ended_by=SignalKind.SILENCE)
    assert step.phase is Phase.REPRESENTATIVE


def test_check_in_brings_missed_greeting() -> None:
    context = context_for()
    monitor = HoldMonitor(context)
    monitor.begin(0.0)
    monitor.greeted_recording()  # stricter, so a short question alone is not greeted on a silent hold
    monitor.end(0.0)
    monitor.begin(0.0)
    context.now_s = 100.0
    missed = "Provider services, how can I you?"
    assert monitor.on_turn(analyze_prompt(missed), heard([missed]), ended_by=SignalKind.SILENCE).phase is None
    context.now_s = 115.0
    check_in = "Hello? Are you still there?"
    step = monitor.on_turn(analyze_prompt(check_in), heard([check_in], 113.0), ended_by=SignalKind.SILENCE)
    assert step.phase is Phase.REPRESENTATIVE
    assert [text for text, _ in monitor.person_turn([])] == [missed, check_in]


# Reading the words of a turn


def test_check_ins() -> None:
    for text in ["Hello? Are you there?", "Hi, did I lose you?", "Hello? Are you still their?", "Can you hear me?",
                 "Is anyone there?", "Hello?", "Hello? Hello?", "Hello? Still there?"]:
        assert checks_in(text), text
        assert analyze_prompt(text).person_likely, text
    assert not checks_in("Are you still there? To repeat the menu, press 9.")
    assert not checks_in("Your call is important to us. Please continue to hold.")
    assert not checks_in("Hello. Welcome to provider services.")


def test_greeting_names() -> None:
    assert greeting_name("You've reached member enrollment, this was Luis.") == "Luis"
    assert greeting_name("Provider services, Dana speaking.") == "Dana"
    assert greeting_name("Cedar Valley provider services, you've got Desmond.") == "Desmond"
    assert greeting_name("thanks for waiting. My is Alondra, how can help?") == "Alondra"
    assert greeting_name("Thank you for calling. This is Humana's provider line.") is None
    assert greeting_name("You've reached Cedar Valley Health Plan provider services.") is None
    assert greeting_name("It's Tuesday.") is None
    # A clipped pickup names the person in a sentence of its own; a department or a courtesy word is no name.
    assert greeting_name("Provider services. Vince. Go ahead.") == "Vince"
    assert greeting_name("Claims department. Thanks. Go ahead.") is None
    assert greeting_name("Provider services. Billing. Please hold.") is None


def test_clipped_pickup_greeted() -> None:
    assert decide_pickup(analyze_prompt("Provider services. Vince. Go ahead."), PickupEvidence()) is Pickup.GREET
    assert decide_pickup(analyze_prompt("Provider services. Go ahead."), PickupEvidence()) is Pickup.GREET
    assert decide_pickup(analyze_prompt("Go ahead and hold for the next agent."), PickupEvidence()) is Pickup.WAIT


def test_questions_to_caller() -> None:
    assert question_to_caller("Thank you for holding, this is Dana, how can I help you?")
    assert question_to_caller("What can I for you today?")
    assert question_to_caller("Thank you for calling, this is who speaking with today?")
    portal = "Did you know most claim questions can be answered on our provider portal, any time of day?"
    assert not question_to_caller(portal)
    assert not question_to_caller("Your call is important to us.")


# The agent


def agent_on_hold(music: bool = True) -> CallAgent:
    agent = CallAgent(make_request(), VirtualClock(START), call_id="call-1")
    agent.start()
    agent.handle(CallAnswered(0.5))
    agent.handle(Utterance("Please hold while we connect you.", 1.0, 3.0))
    agent.handle(LineSignal(SignalKind.MUSIC if music else SignalKind.SILENCE, 3.0, 60.0))
    assert agent.phase is Phase.HOLD
    return agent


def spoken(actions: list) -> str:
    return " ".join(action.text for action in actions if isinstance(action, Speak))


def test_pickup_question_short_pause() -> None:
    agent = agent_on_hold()
    agent.handle(Utterance("Cedar Valley provider services, you've got Desmond. What can I for you today?", 61.0, 66.0))
    assert agent.listen_timeout_s == pytest.approx(QUESTION_PAUSE_S)
    actions = agent.handle(LineSignal(SignalKind.SILENCE, 66.0, 66.0 + QUESTION_PAUSE_S))
    assert agent.phase is Phase.REPRESENTATIVE
    assert "automated assistant" in spoken(actions)


def test_pickup_statement_end_of_turn() -> None:
    agent = agent_on_hold()
    agent.handle(Utterance("Provider services, Dana speaking.", 61.0, 63.0))
    assert agent.listen_timeout_s == pytest.approx(AgentConfig().end_of_turn_s)
    actions = agent.handle(LineSignal(SignalKind.SILENCE, 63.0, 64.2))
    assert "automated assistant" in spoken(actions)


def test_unclear_turn_then_music_waits() -> None:
    agent = agent_on_hold()
    agent.handle(Utterance("Provider services.", 61.0, 62.0))
    assert agent.handle(LineSignal(SignalKind.SILENCE, 62.0, 63.2)) == []
    assert agent.listen_timeout_s == pytest.approx(WATCH_S)
    assert agent.handle(LineSignal(SignalKind.MUSIC, 63.2, 90.0)) == []
    assert agent.phase is Phase.HOLD


def test_unclear_turn_then_silence_greeted() -> None:
    agent = agent_on_hold()
    agent.handle(Utterance("Provider services.", 61.0, 62.0))
    assert agent.handle(LineSignal(SignalKind.SILENCE, 62.0, 63.2)) == []
    actions = agent.handle(LineSignal(SignalKind.SILENCE, 63.2, 63.2 + WATCH_S))
    assert agent.phase is Phase.REPRESENTATIVE
    assert "automated assistant" in spoken(actions)


def test_person_check_in_answered() -> None:
    agent = agent_on_hold()
    agent.handle(Utterance("Thank you for holding, this is Dana, how can I help you?", 61.0, 64.0))
    agent.handle(LineSignal(SignalKind.SILENCE, 64.0, 64.5))
    assert agent.phase is Phase.REPRESENTATIVE
    agent.handle(Utterance("Hi, did I lose you?", 90.0, 92.0))
    actions = agent.handle(LineSignal(SignalKind.SILENCE, 92.0, 92.5))
    assert spoken(actions).startswith("Yes, I'm here.")


def test_recording_greeted_once_only() -> None:
    agent = agent_on_hold()
    agent.handle(Utterance("Provider services.", 61.0, 62.0))
    agent.handle(LineSignal(SignalKind.SILENCE, 62.0, 63.2))
    first = agent.handle(LineSignal(SignalKind.SILENCE, 63.2, 65.2))
    assert "automated assistant" in spoken(first)
    agent.handle(LineSignal(SignalKind.MUSIC, 80.0, 110.0))  # music again, so the greeting went to a recording
    assert agent.phase is Phase.HOLD
    agent.handle(Utterance("Provider services.", 111.0, 112.0))  # the same recording is not greeted again
    assert agent.handle(LineSignal(SignalKind.SILENCE, 112.0, 113.2)) == []
    assert agent.handle(LineSignal(SignalKind.SILENCE, 113.2, 115.2)) == []
    agent.handle(LineSignal(SignalKind.MUSIC, 115.2, 140.0))
    agent.handle(Utterance("Thank you for holding, this is Dana, how can I help you?", 141.0, 144.0))
    actions = agent.handle(LineSignal(SignalKind.SILENCE, 144.0, 144.5))
    assert agent.phase is Phase.REPRESENTATIVE
    assert spoken(actions).startswith("Hi Dana.")
    assert "automated assistant" in spoken(actions)


def test_pickup_announcement_values_ignored() -> None:
    agent = agent_on_hold()
    announcement = "Claim status, pending claims and checks are available in the IVR and on the myCGS web portal."
    agent.handle(Utterance(announcement, 70.0, 75.0))
    agent.handle(LineSignal(SignalKind.MUSIC, 75.0, 140.0))
    agent.handle(Utterance("Claim pending claims and checks are available in the IVR and on the myCGS web portal.",
                           141.0, 146.0))
    agent.handle(Utterance("Thank you for calling provider services, my name is Nadia, can I help you today?",
                           146.0, 150.0))
    actions = agent.handle(LineSignal(SignalKind.SILENCE, 150.0, 150.5))
    assert spoken(actions).startswith("Hi Nadia.")
    assert agent.results()[0].fields.claim_status is None


def test_bare_hello_in_the_ivr_is_answered() -> None:
    agent = CallAgent(make_request(), VirtualClock(START), call_id="call-1")
    agent.start()
    agent.handle(CallAnswered(0.5))
    agent.handle(Utterance("Hello?", 1.0, 1.7))
    assert agent.listen_timeout_s == pytest.approx(QUESTION_PAUSE_S)
    actions = agent.handle(LineSignal(SignalKind.SILENCE, 1.7, 1.7 + QUESTION_PAUSE_S))
    assert agent.phase is Phase.REPRESENTATIVE
    assert "automated assistant" in spoken(actions)


def test_bare_hello_on_hold_is_answered_at_once() -> None:
    agent = agent_on_hold(music=False)
    agent.handle(Utterance("Hello?", 61.0, 61.7))
    actions = agent.handle(LineSignal(SignalKind.SILENCE, 61.7, 61.7 + QUESTION_PAUSE_S))
    assert agent.phase is Phase.REPRESENTATIVE
    assert "automated assistant" in spoken(actions)


def test_silent_hold_recording_greeted_once() -> None:
    agent = agent_on_hold(music=False)
    recording = "Provider services, what can we for you?"
    agent.handle(Utterance(recording, 61.0, 63.0))
    first = agent.handle(LineSignal(SignalKind.SILENCE, 63.0, 63.5))
    assert "automated assistant" in spoken(first)
    agent.handle(LineSignal(SignalKind.SILENCE, 80.0, 90.0))
    agent.handle(Utterance("Your call is important to us. Please continue to hold.", 95.0, 98.0))
    agent.handle(LineSignal(SignalKind.SILENCE, 98.0, 99.2))
    assert agent.phase is Phase.HOLD  # an announcement instead of a reply: back on hold
    agent.handle(Utterance(recording, 250.0, 252.0))
    assert agent.handle(LineSignal(SignalKind.SILENCE, 252.0, 252.5)) == []
    assert agent.phase is Phase.HOLD
