"""The sandbox payer's phone line: a ``CallTransport`` on a virtual clock.

The far end is a script (see :mod:`payerline.sandbox.ops`) that the line
runs lazily. It advances the script only up to the time the caller has
reached, so caller input can still interrupt a prompt (barge-in) or arrive
while the IVR waits. Far-end speech is delivered one sentence at a time as an
``Utterance`` when the sentence finishes; hold is delivered as music or
silence stretches of at most 30 s.

Timing at text fidelity: speech lasts ``words / 2.8 + 0.3`` seconds (about
170 words per minute); each DTMF key is a 0.08 s tone plus a 0.08 s gap and
is registered when its tone ends.
"""

from __future__ import annotations

import heapq
import logging
import math
import random
from collections.abc import Callable

from payerline.clock import VirtualClock
from payerline.errors import IllegalStateError
from payerline.sandbox.call import CallScript, RepContact
from payerline.sandbox.line_timing import DTMF_GAP_S, DTMF_TONE_S, speech_duration_s
from payerline.sandbox.ops import Hangup, Heard, Listen, Op, Pause, Play, Signal
from payerline.sandbox.payer_file import PayerFile
from payerline.sandbox.scenario import Scenario
from payerline.telephony.actions import Action, HangUp, PressKeys, Speak
from payerline.telephony.events import (
    CallAnswered,
    CallEnded,
    LineEvent,
    LineSignal,
    SignalKind,
    Utterance,
)

logger = logging.getLogger(__name__)

class SandboxLine:
    """A simulated payer line built from a payer file and a scenario.

    Attributes:
        keys_received: every DTMF key the line registered while connected, with
            the time its tone ended.
        log: what the sandbox did, for tests and debugging; never shown to the agent.
        representatives: each person who picked up, with the name and the call
            reference number they give (the truth for scoring those fields).
    """

    def __init__(
        self,
        payer: PayerFile,
        scenario: Scenario,
        clock: VirtualClock,
        *,
        text_filter: Callable[[str], str | tuple[str, float]] | None = None,
    ) -> None:
        if scenario.payer_id != payer.payer_id:
            raise ValueError(
                f"scenario {scenario.scenario_id} is for payer {scenario.payer_id!r} "
                f"but the payer file is {payer.payer_id!r}; load the matching payer file"
            )
        self.payer = payer
        self.scenario = scenario
        self.clock = clock
        self.keys_received: list[tuple[float, str]] = []
        self.log: list[str] = []
        self.representatives: list[RepContact] = []
        self._text_filter = text_filter
        self._rng = random.Random(f"{scenario.seed}:{scenario.scenario_id}")
        self._outbox: list[tuple[float, int, LineEvent, int | None]] = []
        self._seq = 0
        self._state = "idle"
        self._ended_at: float | None = None
        self._start_at: float | None = None
        self._script = None
        self._cursor_s = 0.0
        self._op: Op | None = None
        self._op_end_s = math.inf
        self._play_id = 0
        self._play_interrupted = False
        self._buffer = ""
        self._deadline_s = math.inf
        self._ready: Heard | None = None
        self._typeahead_keys: list[tuple[float, str]] = []
        self._typeahead_speech: list[tuple[float, str]] = []

    # -- the script's view of time --------------------------------------

    def script_time_s(self) -> float:
        """Return the time the far-end script has reached (may be ahead of the clock)."""
        return self._cursor_s

    def note(self, message: str) -> None:
        """Append ``message`` to the sandbox log with the script's time."""
        self.log.append(f"{self._cursor_s:9.2f} {message}")

    # -- CallTransport ----------------------------------------------------

    def dial(self, number: str) -> None:
        if self._state != "idle":
            raise IllegalStateError(f"dial() called on a line that is {self._state}; create a new SandboxLine per call")
        now = self.clock.monotonic_s()
        self._state = "connected"
        answer_at = now + self.payer.answer_after_s
        if answer_at > now:
            self._emit(LineSignal(SignalKind.RINGBACK, now, answer_at), answer_at)
        self._emit(CallAnswered(answer_at), answer_at)
        self._start_at = answer_at
        self._script = CallScript(self, self._rng).run()
        logger.info("sandbox call %s to payer %s dialed", self.scenario.scenario_id, self.payer.payer_id)

    def receive(self, timeout_s: float) -> LineEvent:
        """Return the next line event within ``timeout_s``, or the silence or music in between.

        Far-end speech counts as activity: when the wait would end while a
        sentence is being spoken, the line returns that sentence when it
        ends, as audio perception would hear speech rather than silence. So a
        receive can return up to one sentence later than ``timeout_s``.
        """
        if timeout_s < 0:
            raise ValueError(f"receive timeout {timeout_s} s is negative; pass 0 or more")
        if self._state == "idle":
            raise IllegalStateError("receive() called before dial(); dial the line first")
        now = self.clock.monotonic_s()
        deadline = now + timeout_s
        while True:
            event_at = self._outbox[0][0] if self._outbox else math.inf
            transition_at = self._next_transition_s()
            if event_at <= deadline and event_at <= transition_at:
                _, _, event, _ = heapq.heappop(self._outbox)
                self.clock.advance_to(event_at)
                return self._filtered(event)
            if transition_at <= deadline:
                self._transition()
                continue
            speaking_until = self._speech_in_progress_until(deadline)
            if speaking_until is not None:
                deadline = speaking_until
                continue
            break
        if self._state == "ended" and self._ended_at is not None:
            return CallEnded(self._ended_at)
        return self._wait_signal(now, deadline)

    def send(self, action: Action) -> None:
        if self._state == "idle":
            raise IllegalStateError("send() called before dial(); dial the line first")
        now = self.clock.monotonic_s()
        if isinstance(action, HangUp):
            self._end_by_caller(now)
            return
        if isinstance(action, PressKeys):
            for index, key in enumerate(action.digits):
                heard_at = now + index * (DTMF_TONE_S + DTMF_GAP_S) + DTMF_TONE_S
                if self._state == "connected":
                    self._key(key, heard_at)
            self.clock.advance_to(now + len(action.digits) * (DTMF_TONE_S + DTMF_GAP_S))
            return
        if isinstance(action, Speak):
            end = now + speech_duration_s(action.text)
            if self._state == "connected":
                self._speech(action.text, now, end)
            self.clock.advance_to(end)
            return
        raise TypeError(f"unknown action {action!r}; send Speak, PressKeys or HangUp")

    def close(self) -> None:
        if self._state == "connected":
            self._end_by_caller(self.clock.monotonic_s())

    # -- delivery -----------------------------------------------------------

    def _emit(self, event: LineEvent, at_s: float, play_id: int | None = None) -> None:
        self._seq += 1
        heapq.heappush(self._outbox, (at_s, self._seq, event, play_id))

    def _filtered(self, event: LineEvent) -> LineEvent:
        if isinstance(event, Utterance) and self._text_filter is not None:
            # A filter returns the text heard, or the text and the recogniser's confidence in it.
            filtered = self._text_filter(event.text)
            text, confidence = filtered if isinstance(filtered, tuple) else (filtered, event.confidence)
            return Utterance(text, event.start_s, event.end_s, confidence)
        return event

    def _speech_in_progress_until(self, at_s: float) -> float | None:
        """Return when the far-end utterance under way at ``at_s`` ends, or None if none is."""
        ends = [end for end, _, event, _ in self._outbox
                if isinstance(event, Utterance) and event.start_s < at_s < end]
        return min(ends) if ends else None

    def _wait_signal(self, now: float, deadline: float) -> LineSignal:
        """Return the line's sound from ``now`` to ``deadline`` when no event completes in it."""
        for index, (at_s, seq, event, play_id) in enumerate(self._outbox):
            if isinstance(event, LineSignal) and event.start_s < deadline:
                start = max(event.start_s, now)
                self._outbox[index] = (at_s, seq, LineSignal(event.kind, deadline, event.end_s), play_id)
                heapq.heapify(self._outbox)
                self.clock.advance_to(deadline)
                return LineSignal(event.kind, start, deadline)
        self.clock.advance_to(deadline)
        return LineSignal(SignalKind.SILENCE, now, deadline)

    # -- running the script ---------------------------------------------

    def _next_transition_s(self) -> float:
        if self._state != "connected":
            return math.inf
        if self._op is None:
            return self._start_at if self._start_at is not None else math.inf
        if isinstance(self._op, Listen):
            return self._ready.at_s if self._ready is not None else self._deadline_s
        return self._op_end_s

    def _transition(self) -> None:
        at_s = self._next_transition_s()
        op = self._op
        if op is None:
            self._start_at = None
            self._advance(None, at_s)
        elif isinstance(op, Listen):
            heard = self._ready or Heard(keys=self._buffer, timed_out=True, at_s=at_s)
            self._advance(heard, at_s)
        elif isinstance(op, Play):
            self._advance(self._play_interrupted, at_s)
        else:
            self._advance(None, at_s)

    def _run_until(self, at_s: float) -> None:
        while self._next_transition_s() <= at_s:
            self._transition()

    def _advance(self, value: object, at_s: float) -> None:
        self._cursor_s = at_s
        try:
            op = self._script.send(value)
        except StopIteration:
            op = Hangup()
        self._begin(op, at_s)

    def _begin(self, op: Op, at_s: float) -> None:
        self._op = op
        self._ready = None
        if isinstance(op, Play):
            if op.flush_typeahead:
                self._typeahead_keys.clear()
                self._typeahead_speech.clear()
            self._play_id += 1
            self._play_interrupted = False
            start = at_s
            end = at_s
            for sentence in op.sentences:
                end = start + speech_duration_s(sentence.text)
                self._emit(Utterance(sentence.text, start, end, sentence.confidence), end, self._play_id)
                start = end + op.gap_s
            self._op_end_s = end
        elif isinstance(op, Listen):
            self._buffer = ""
            self._deadline_s = at_s + op.first_timeout_s if op.first_timeout_s is not None else math.inf
            self._take_typeahead(op, at_s)
        elif isinstance(op, Signal):
            self._emit(LineSignal(op.kind, at_s, at_s + op.duration_s), at_s + op.duration_s)
            self._op_end_s = at_s + op.duration_s
        elif isinstance(op, Pause):
            self._op_end_s = at_s + op.duration_s
        elif isinstance(op, Hangup):
            self._end_by_far_end(at_s)
        else:
            raise TypeError(f"the far-end script yielded {op!r}, which is not an operation")

    def _take_typeahead(self, op: Listen, at_s: float) -> None:
        if op.speech and self._typeahead_speech:
            ready_at, text = self._typeahead_speech.pop(0)
            self._ready = Heard(speech=text, at_s=max(ready_at, at_s))
            return
        self._typeahead_speech.clear()
        while self._typeahead_keys and self._ready is None and op.keys:
            key_at, key = self._typeahead_keys.pop(0)
            self._feed_key(op, key, max(key_at, at_s))

    def _feed_key(self, op: Listen, key: str, at_s: float) -> None:
        if op.terminator is not None and key == op.terminator:
            self._ready = Heard(keys=self._buffer, terminated=True, at_s=at_s)
            return
        self._buffer += key
        complete = op.max_keys is not None and len(self._buffer) >= op.max_keys
        if complete or (op.is_complete is not None and op.is_complete(self._buffer)):
            self._ready = Heard(keys=self._buffer, at_s=at_s)
        else:
            self._deadline_s = at_s + op.inter_key_timeout_s

    # -- caller input --------------------------------------------------------

    def _key(self, key: str, at_s: float) -> None:
        self._run_until(at_s)
        if self._state != "connected":
            return
        self.keys_received.append((round(at_s, 3), key))
        op = self._op
        if isinstance(op, Play) and op.flush_typeahead:
            self.note(f"key {key} pressed during an error prompt was discarded")
        elif isinstance(op, Play):
            self._typeahead_keys.append((at_s, key))
            if op.barge_in:
                self._interrupt_play(at_s)
        elif isinstance(op, Listen) and op.keys and self._ready is None:
            self._feed_key(op, key, at_s)
        elif isinstance(op, Listen | Pause):
            self._typeahead_keys.append((at_s, key))

    def _speech(self, text: str, start_s: float, end_s: float) -> None:
        self._run_until(start_s)
        if self._state != "connected":
            return
        op = self._op
        if isinstance(op, Play) and op.barge_in:
            self._typeahead_speech.append((end_s, text))
            self._interrupt_play(start_s)
        elif isinstance(op, Play):
            if op.keep_speech:
                self._typeahead_speech.append((end_s, text))
            else:
                self.note("caller speech during a prompt without barge-in was not heard")
        elif isinstance(op, Listen) and self._ready is None:
            if op.speech:
                self._ready = Heard(speech=text, at_s=end_s)
            else:
                self.note("caller speech ignored: this entry is keypad only")
        elif isinstance(op, Listen | Pause):
            self._typeahead_speech.append((end_s, text))

    def _interrupt_play(self, at_s: float) -> None:
        kept = [item for item in self._outbox if not (item[3] == self._play_id and item[0] > at_s)]
        if len(kept) != len(self._outbox):
            self._outbox = kept
            heapq.heapify(self._outbox)
        self._play_interrupted = True
        self._op_end_s = at_s

    # -- ending ------------------------------------------------------------

    def _end_by_far_end(self, at_s: float) -> None:
        self._emit(CallEnded(at_s), at_s)
        self._state = "ended"
        self._ended_at = at_s
        self._op = None
        self.note("far end hung up")
        logger.info("sandbox call %s ended by the payer", self.scenario.scenario_id)

    def _end_by_caller(self, at_s: float) -> None:
        if self._state == "ended":
            return
        self._state = "ended"
        self._ended_at = at_s
        self._outbox = [(at_s, 0, CallEnded(at_s), None)]
        if self._script is not None:
            self._script.close()
        self._op = None
        self.note("caller hung up")
        logger.info("sandbox call %s ended by the caller", self.scenario.scenario_id)
