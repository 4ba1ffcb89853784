"""A scripted fake payer line for whole-call agent tests.

``ScriptedLine`` implements ``CallTransport`` on a ``VirtualClock``. Its far
end is a small IVR (nodes with prompts, key transitions, entry checks,
invalid and time-out handling), a hold queue (music and announcements) and a
representative who asks verification questions and answers from a table.
It is written only from the transport contract, not from any sandbox code.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

from payerline.clock import VirtualClock
from payerline.domain.identifiers import npi_with_check_digit
from payerline.domain.request import ClaimStatusRequest, parse_request
from payerline.errors import TransportError
from payerline.telephony.actions import Action, HangUp, PressKeys, Speak
from payerline.telephony.events import CallAnswered, CallEnded, LineEvent, LineSignal, SignalKind, Utterance

START = datetime(2026, 3, 20, 15, 0, tzinfo=UTC)
NPI = npi_with_check_digit("123456789")


def make_request(claims: int = 1, **overrides: object) -> ClaimStatusRequest:
    data: dict[str, object] = {
        "request_id": "req-1",
        "payer_id": "test-payer",
        "line_of_business": "medicare",
        "caller": {"name": "Jane Biller", "practice": "Riverside Clinic", "callback_number": "5555550123"},
        "billing_provider": {"npi": NPI, "tin": "123456789", "ptan": "AB1234"},
        "patient": {"first_name": "Maria", "last_name": "O'Neil-Smith", "date_of_birth": "1950-04-15"},
        "member_id": "1EG4TE5MK73",
        "claims": [
            {"service_date_from": "2026-02-10", "billed_amount": "125.00"},
            {"service_date_from": "2026-02-17", "billed_amount": "300.00"},
            {"service_date_from": "2026-02-24", "billed_amount": "80.00"},
        ][:claims],
    }
    data.update(overrides)
    return parse_request(data)


def speech_seconds(text: str) -> float:
    return len(text.split()) / 2.8 + 0.3


@dataclass
class Node:
    """One IVR state: prompts, then what each entry leads to.

    ``keys`` maps a regular expression over the keys pressed (or words said)
    to the next node name. ``check`` validates an entry; a failed check plays
    ``invalid`` and the prompts again.
    """

    prompts: list[str]
    keys: dict[str, str] = field(default_factory=dict)
    check: Callable[[str], bool] | None = None
    invalid: str = "I'm sorry, that entry is invalid."
    timeout_s: float = 8.0
    hold_s: float = 0.0
    announcements: list[str] = field(default_factory=list)
    hangup_after: bool = False
    reprompts: list[str] | None = None


@dataclass
class Representative:
    """A scripted person: greets, asks verification questions in order, then answers from a table."""

    greeting: str = "Thank you for holding, this is Dana, how can I help you?"
    verification: list[tuple[str, str]] = field(default_factory=list)
    answers: list[tuple[str, str]] = field(default_factory=list)
    unknown: str = "Sorry, could you say that again?"
    on_refusal_stop: bool = False


class ScriptedLine:
    """A payer line driven by a script of IVR nodes and a representative."""

    def __init__(
        self,
        clock: VirtualClock,
        nodes: dict[str, Node],
        representative: Representative | None = None,
        *,
        drop_at_s: float | None = None,
        text_filter: Callable[[str], str] | None = None,
    ) -> None:
        self.text_filter = text_filter
        self.clock = clock
        self.nodes = nodes
        self.representative = representative
        self.drop_at_s = drop_at_s
        self.queue: deque[LineEvent] = deque()
        self.node_name = "start"
        self.keys_received: list[tuple[float, str]] = []
        self.agent_said: list[str] = []
        self.ended = False
        self.closed = False
        self.in_rep = False
        self.rep_step = 0
        self.rep_asked: int | None = None
        self.rep_verified = False
        self.silence_since_prompt = 0.0
        self.cursor_s = 0.0
        self.visits: dict[str, int] = {}

    # CallTransport

    def dial(self, number: str) -> None:
        self.dialed = number
        self._emit(CallAnswered(self.clock.monotonic_s() + 0.5))
        self.cursor_s = self.clock.monotonic_s() + 1.0
        self._enter("start")

    def receive(self, timeout_s: float) -> LineEvent:
        now = self.clock.monotonic_s()
        if self.drop_at_s is not None and now >= self.drop_at_s and not self.ended:
            self.ended = True
            self.queue.clear()
            return CallEnded(now)
        if self.ended and not self.queue:
            return CallEnded(now)
        if self.queue:
            event = self.queue[0]
            start = getattr(event, "start_s", getattr(event, "at_s", now))
            if start > now + timeout_s:
                self.clock.advance(timeout_s)
                return LineSignal(SignalKind.SILENCE, now, now + timeout_s)
            self.queue.popleft()
            end = getattr(event, "end_s", getattr(event, "at_s", now))
            self.clock.advance_to(end)
            if isinstance(event, CallEnded):
                self.ended = True
            return event
        self.clock.advance(timeout_s)
        self.silence_since_prompt += timeout_s
        self._on_silence()
        return LineSignal(SignalKind.SILENCE, now, now + timeout_s)

    def send(self, action: Action) -> None:
        if self.closed or self.ended:
            raise TransportError("the line is closed", retryable=True)
        if isinstance(action, PressKeys):
            for key in action.digits:
                self.keys_received.append((self.clock.monotonic_s(), key))
                self.clock.advance(0.16)
            self._on_entry(action.digits)
        elif isinstance(action, Speak):
            self.agent_said.append(action.text)
            self.clock.advance(speech_seconds(action.text))
            if self.in_rep:
                self._rep_reply(action.text)
            else:
                self._on_entry(action.text.lower())
        elif isinstance(action, HangUp):
            self.ended = True
            self.queue.clear()

    def close(self) -> None:
        self.closed = True

    # Far end

    def _emit(self, event: LineEvent) -> None:
        self.queue.append(event)

    def _say(self, text: str) -> None:
        start = max(self.cursor_s, self.clock.monotonic_s() + 0.4)
        end = start + speech_seconds(text)
        heard = self.text_filter(text) if self.text_filter else text
        self._emit(Utterance(heard, start, end))
        self.cursor_s = end + 0.3
        self.silence_since_prompt = 0.0

    def _music(self, seconds: float, chunk_s: float = 30.0) -> None:
        start = max(self.cursor_s, self.clock.monotonic_s() + 0.2)
        while seconds > 0:
            length = min(chunk_s, seconds)
            self._emit(LineSignal(SignalKind.MUSIC, start, start + length))
            start += length
            seconds -= length
        self.cursor_s = start

    def _enter(self, name: str) -> None:
        self.node_name = name
        if name == "rep":
            self._start_rep()
            return
        node = self.nodes[name]
        if node.hold_s:
            remaining = node.hold_s
            announcements = list(node.announcements)
            while remaining > 0:
                piece = min(300.0, remaining)
                self._music(piece)
                remaining -= piece
                if announcements and remaining > 0:
                    self._say(announcements[0])
                    announcements.append(announcements.pop(0))
            target = next(iter(node.keys.values()), "rep")
            self._enter(target)
            return
        visits = self.visits.get(name, 0)
        self.visits[name] = visits + 1
        prompts = node.reprompts if visits and node.reprompts is not None else node.prompts
        for prompt in prompts:
            self._say(prompt)
        if node.hangup_after:
            self._emit(CallEnded(self.cursor_s + 0.5))

    def _on_entry(self, entry: str) -> None:
        if self.in_rep or self.node_name not in self.nodes:
            return
        node = self.nodes[self.node_name]
        if node.check is not None:
            if not node.check(entry):
                self._say(node.invalid)
                self._enter(self.node_name)
                return
        for pattern, target in node.keys.items():
            if re.fullmatch(pattern, entry):
                self._enter(target)
                return
        self._say("I'm sorry, that is not a valid option.")
        self._enter(self.node_name)

    def _on_silence(self) -> None:
        if self.in_rep or self.ended or self.node_name not in self.nodes:
            return
        node = self.nodes[self.node_name]
        if node.prompts and self.silence_since_prompt >= node.timeout_s:
            self._say("I'm sorry, I did not receive a response.")
            self._enter(self.node_name)

    def _start_rep(self) -> None:
        self.in_rep = True
        assert self.representative is not None
        self._say(self.representative.greeting)

    def _rep_reply(self, agent_text: str) -> None:
        rep = self.representative
        assert rep is not None
        if re.search(r"goodbye", agent_text, re.I):
            self._say("Thank you, bye.")
            self._emit(CallEnded(self.cursor_s + 0.5))
            return
        if self.rep_asked is not None:
            question, expected = rep.verification[self.rep_asked]
            if not re.search(expected, agent_text, re.I):
                self._say("I'm sorry, I need that to continue. " + question)
                return
            self.rep_asked = None
            self.rep_step += 1
        if self.rep_step < len(rep.verification):
            self.rep_asked = self.rep_step
            self._say(rep.verification[self.rep_step][0])
            return
        if not self.rep_verified:
            self.rep_verified = True
            if rep.verification:
                self._say("Thank you, that's verified. What can I help you with?")
                return
        for pattern, reply in rep.answers:
            if re.search(pattern, agent_text, re.I):
                self._say(reply)
                return
        self._say(rep.unknown)


def main_menu_nodes(**changes: Node) -> dict[str, Node]:
    """A small Medicare-style tree: main menu, provider login, claim status entries."""
    nodes = {
        "start": Node(
            ["Thank you for calling the provider contact center.",
             "For eligibility, press 1. For claim status, press 2. To speak with a representative, press 0."],
            {"1": "start", "2": "npi", "0": "hold"},
        ),
        "npi": Node(["Please enter your 10-digit NPI followed by the pound key."], {r"\d{10}#": "tin"},
                    check=lambda entry: entry == NPI + "#"),
        "tin": Node(["Enter the last five digits of your tax ID."], {r"\d{5}": "dos"},
                    check=lambda entry: entry == "56789"),
        "dos": Node(["Enter the date of service as eight digits."], {r"\d{8}": "readout"},
                    check=lambda entry: entry in {"02102026", "02172026", "02242026"}),
        "readout": Node(
            ["Claim 1 of 1. Status: denied. Claim number 2 2 1 2 3 4 5 6 7 8 9. Received date February 12, 2026. "
             "Processed date February 20, 2026.",
             "To speak with a representative press 0. To hear another claim press 1."],
            {"0": "hold", "1": "dos"},
        ),
        "hold": Node([], {"next": "rep"}, hold_s=95.0,
                     announcements=["Your call is important to us. Please continue to hold."]),
    }
    nodes.update(changes)
    return nodes


def full_rep(**changes: object) -> Representative:
    rep = Representative(
        verification=[
            ("Can I get the provider's NPI?", NPI),
            ("And the member ID?", "1EG4TE5MK73"),
            ("What's the patient's date of birth?", r"April 15, 1950"),
        ],
        answers=[
            (r"read that back", "Yes, that's correct."),
            (r"group code", "The group code is CO, contractual obligation."),
            (r"reason code", "Denial reason code ninety-seven."),
            (r"status", "That claim was denied."),
            (r"claim number", "The claim number is two two one, two three four, five six seven, eight nine."),
            (r"received", "We received it on February twelfth, twenty twenty-six."),
            (r"processed", "It processed on February twentieth, twenty twenty-six."),
            (r"your name", "My name is Dana."),
            (r"reference number", "Your call reference number is one two oh, four five five, eight nine one, seven."),
            (r"another claim", "Sure, what's the date of service?"),
        ],
    )
    for name, value in changes.items():
        setattr(rep, name, value)
    return rep


def money(text: str) -> Decimal:
    return Decimal(text)


def day(text: str) -> date:
    return date.fromisoformat(text)


_HOMOPHONES = {"two": "to", "to": "two", "four": "for", "for": "four", "one": "won", "eight": "ate", "no": "know"}


def asr_noise(rate: float, seed: int) -> Callable[[str], str]:
    """Perturb text the way speech recognition does: drop, swap homophones, split or join numbers."""
    import random

    generator = random.Random(seed)

    def perturb(text: str) -> str:
        words = text.split(" ")
        out: list[str] = []
        for word in words:
            roll = generator.random()
            bare = word.strip(".,?!").lower()
            if roll < rate / 3:
                continue
            if roll < 2 * rate / 3 and bare in _HOMOPHONES:
                out.append(word.lower().replace(bare, _HOMOPHONES[bare]))
            elif roll < rate and "-" in word:
                out.append(word.replace("-", " "))
            else:
                out.append(word)
        return " ".join(out)

    return perturb
