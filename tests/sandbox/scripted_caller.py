"""A scripted caller for driving a SandboxLine in tests, independent of the agent.

It acts on IVR prompts by trigger phrases (pressing keys or speaking as soon
as a trigger is heard, so it exercises barge-in and type-ahead), and with a
representative it waits for the end of each turn (a second of silence),
answers verification questions from keywords, then asks its questions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from payerline.sandbox.line import SandboxLine
from payerline.telephony.actions import Action, HangUp, PressKeys, Speak
from payerline.telephony.events import CallEnded, LineSignal, SignalKind, Utterance

GREETING_MARKS = ("how can i help", "how may i assist", "what can i do for you", "who do i have",
                  "are you calling about", "who am i speaking with today", "may i have your name")


@dataclass
class CallerFacts:
    """What the caller answers when verified."""

    npi: str
    tin: str
    member_id: str
    first_name: str
    last_name: str
    birth_text: str
    service_text: str
    ptan: str | None = None
    medicaid_provider_id: str | None = None
    opening: str = "Hi, I'm an automated assistant calling on behalf of Bluegrass Family Medicine about a claim status."
    identity: str = "This is Sam Ortiz from Bluegrass Family Medicine, my callback number is 5 5 5 5 5 5 0 1 2 3."


@dataclass
class Turn:
    """One line event or caller action, for assertions."""

    side: str
    text: str
    start_s: float
    end_s: float
    confidence: float = 1.0


@dataclass
class ScriptedCaller:
    """Drives one call to its end and records what happened."""

    line: SandboxLine
    ivr_steps: list[tuple[str, Action]]
    facts: CallerFacts | None = None
    questions: list[str | Callable[[str], str]] = field(default_factory=list)
    closing: str = "That's all I needed, thank you."
    turns: list[Turn] = field(default_factory=list)
    signals: list[LineSignal] = field(default_factory=list)
    sent_keys: str = ""
    max_events: int = 3000
    hang_up_after_ivr: bool = False
    opened: bool = False

    def send(self, action: Action) -> None:
        now = self.line.clock.monotonic_s()
        if isinstance(action, PressKeys):
            self.sent_keys += action.digits
            self.turns.append(Turn("caller", f"[keys {action.digits}]", now, now))
        elif isinstance(action, Speak):
            self.turns.append(Turn("caller", action.text, now, now))
        elif isinstance(action, HangUp):
            self.turns.append(Turn("caller", "[hung up]", now, now))
        self.line.send(action)

    def far_text(self) -> list[str]:
        return [t.text for t in self.turns if t.side == "far"]

    def run(self) -> ScriptedCaller:
        self.line.dial("sandbox")
        steps = list(self.ivr_steps)
        pending_turn: list[str] = []
        in_rep = False
        closed = False
        for _ in range(self.max_events):
            event = self.line.receive(1.0 if in_rep and pending_turn else 60.0)
            if isinstance(event, CallEnded):
                self.turns.append(Turn("far", "[ended]", event.at_s, event.at_s))
                return self
            if isinstance(event, Utterance):
                self.turns.append(Turn("far", event.text, event.start_s, event.end_s, event.confidence))
                if steps and steps[0][0].lower() in event.text.lower():
                    self.send(steps.pop(0)[1])
                    if not steps and self.hang_up_after_ivr:
                        self.send(HangUp())
                    continue
                if not steps and self.facts is not None and self._looks_like_person(event.text, in_rep):
                    in_rep = True
                if in_rep:
                    pending_turn.append(event.text)
                continue
            if isinstance(event, LineSignal):
                self.signals.append(event)
                if in_rep and pending_turn and event.kind == SignalKind.SILENCE:
                    reply = self._reply(pending_turn, closed)
                    pending_turn = []
                    if reply is None:
                        self.send(HangUp())
                    else:
                        closed = closed or reply == self.closing
                        self.send(Speak(reply))
        raise AssertionError("the call did not end within the event budget")

    @staticmethod
    def _looks_like_person(text: str, in_rep: bool) -> bool:
        lowered = text.lower()
        return in_rep or any(mark in lowered for mark in GREETING_MARKS) or "this is" in lowered

    def _reply(self, sentences: list[str], closed: bool) -> str | None:
        facts = self.facts
        turn = " ".join(sentences)
        lowered = sentences[-1].lower()
        if closed:
            return None
        if any(mark in turn.lower() for mark in GREETING_MARKS) and not self.opened:
            self.opened = True
            return facts.opening
        answer = self._verification_answer(lowered)
        if answer is not None:
            return answer
        if self.questions:
            question = self.questions.pop(0)
            return question(turn) if callable(question) else question
        return self.closing

    def _verification_answer(self, lowered: str) -> str | None:
        facts = self.facts
        table: list[tuple[tuple[str, ...], str | None]] = [
            (("social",), "I'm sorry, I'm not able to provide that."),
            (("individual or the group",), "It's the group NPI."),
            (("subscriber or a dependent",), "The patient is the subscriber."),
            (("single date of service or a range",), f"A single date, {facts.service_text}."),
            (("npi",), f"The NPI is {' '.join(facts.npi)}."),
            (("ptan", "provider transaction"), f"The PTAN is {' '.join(facts.ptan or '')}."),
            (("medicaid provider", "provider number"), f"The provider number is {' '.join(facts.medicaid_provider_id or '')}."),
            (("tax", "tin "), f"The tax ID is {' '.join(facts.tin)}."),
            (("member id", "id number", "subscriber id", "medicare number", "mbi", "medicaid id", "off the card", "spell that id"),
             f"The member ID is {' '.join(facts.member_id)}."),
            (("date of birth", "dob", "birth date"), f"The date of birth is {facts.birth_text}."),
            (("patient's name", "member's name", "first and last name", "spell the last name", "last name first", "first name as"),
             f"{facts.first_name} {facts.last_name}."),
            (("date of service", "dos", "from and to", "was seen", "which claim", "what date of service"),
             f"The date of service is {facts.service_text}."),
            (("claim number", "icn", "dcn", "claim id"), f"I don't have the claim number, the date of service is {facts.service_text}."),
            (("your name", "calling from", "office", "callback", "billing company", "who am i speaking", "first name, please"),
             facts.identity),
        ]
        for keys, answer in table:
            if any(key in lowered for key in keys):
                return answer
        return None
