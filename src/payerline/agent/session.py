"""One call from dial to hang-up: drives a transport with a ``CallAgent``.

``run_call`` dials, then loops: wait for a line event, hand it to the agent,
perform the agent's actions. It builds the transcript (far-end speech, the
agent's speech, keys pressed, line signals merged into stretches, call
events), points result evidence at transcript turns, and never loses what was
heard: if the line or the agent fails mid-call, the results so far are
returned with the failure recorded. The loop is bounded by a maximum number
of events and a maximum simulated call length.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from payerline.agent.agent import CallAgent
from payerline.agent.config import AgentConfig
from payerline.agent.formats import UnkeyableInputError
from payerline.clock import Clock
from payerline.domain.codes import FailureReason
from payerline.domain.request import ClaimStatusRequest
from payerline.domain.result import ClaimResult
from payerline.domain.transcript import Side, Transcript, TurnKind
from payerline.errors import TransportError
from payerline.payers.ivr_map import IvrMap
from payerline.telephony.actions import Action, HangUp, PressKeys, Speak
from payerline.telephony.events import CallAnswered, CallEnded, DtmfHeard, LineEvent, LineSignal, Utterance
from payerline.telephony.transport import CallTransport

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CallOutput:
    """Results, transcript and simulated length of one call."""

    results: list[ClaimResult]
    transcript: Transcript
    simulated_s: float


class _TranscriptWriter:
    """Appends turns, merging consecutive line signals of one kind into one stretch."""

    def __init__(self, transcript: Transcript, clock: Clock, dialed_s: float) -> None:
        self.transcript = transcript
        self._clock = clock
        self._dialed_s = dialed_s
        self.utterance_turns: list[int] = []

    def now_s(self) -> float:
        return max(0.0, self._clock.monotonic_s() - self._dialed_s)

    def event(self, event: LineEvent) -> None:
        turns = self.transcript.turns
        if isinstance(event, Utterance):
            turn = self.transcript.append(
                side=Side.FAR_END, kind=TurnKind.SPEECH, start_s=event.start_s, end_s=event.end_s,
                text=event.text, confidence=event.confidence,
            )
            self.utterance_turns.append(turn.index)
        elif isinstance(event, DtmfHeard):
            self.transcript.append(
                side=Side.FAR_END, kind=TurnKind.DTMF, start_s=event.start_s, end_s=event.end_s, digits=event.digits
            )
        elif isinstance(event, LineSignal):
            last = turns[-1] if turns else None
            if last is not None and last.kind is TurnKind.SIGNAL and last.signal == event.kind.value:
                last.end_s = max(last.end_s, event.end_s)
            else:
                self.transcript.append(
                    side=Side.FAR_END, kind=TurnKind.SIGNAL, start_s=event.start_s, end_s=event.end_s,
                    signal=event.kind.value,
                )
        elif isinstance(event, CallAnswered):
            self.transcript.append(side=Side.FAR_END, kind=TurnKind.EVENT, start_s=event.at_s, end_s=event.at_s, text="answered")
        elif isinstance(event, CallEnded):
            self.transcript.append(side=Side.FAR_END, kind=TurnKind.EVENT, start_s=event.at_s, end_s=event.at_s, text="call ended")

    def action(self, action: Action, start_s: float, end_s: float) -> None:
        if isinstance(action, Speak):
            self.transcript.append(side=Side.AGENT, kind=TurnKind.SPEECH, start_s=start_s, end_s=end_s, text=action.text)
        elif isinstance(action, PressKeys):
            self.transcript.append(side=Side.AGENT, kind=TurnKind.DTMF, start_s=start_s, end_s=end_s, digits=action.digits)
        elif isinstance(action, HangUp):
            self.transcript.append(
                side=Side.AGENT, kind=TurnKind.EVENT, start_s=start_s, end_s=end_s, text=f"hung up: {action.reason}".strip()
            )

    def note(self, text: str) -> None:
        at = self.now_s()
        self.transcript.append(side=Side.AGENT, kind=TurnKind.EVENT, start_s=at, end_s=at, text=text)


def run_call(
    request: ClaimStatusRequest,
    transport: CallTransport,
    clock: Clock,
    *,
    call_id: str,
    ivr_map: IvrMap | None = None,
    config: AgentConfig | None = None,
    payer_file_version: str | None = None,
) -> CallOutput:
    """Place one claim-status call and return its results and transcript.

    Transport failures and unexpected errors end the call but never lose what
    was heard: a failed line gives ``call_dropped`` for what is missing, a
    request value that cannot be keyed gives ``unkeyable_input`` (a person
    must call), and any other error in agent code gives ``agent_error``.
    """
    config = config or AgentConfig()
    agent = CallAgent(
        request, clock, call_id=call_id, ivr_map=ivr_map, config=config, payer_file_version=payer_file_version
    )
    transcript = Transcript(call_id=call_id, payer_id=request.payer_id, started_at=clock.now().isoformat())
    dialed_s = clock.monotonic_s()
    writer = _TranscriptWriter(transcript, clock, dialed_s)
    logger.info("call %s: dialing payer %s", call_id, request.payer_id)
    try:
        transport.dial(config.dial_number or request.payer_id)
        _perform(transport, writer, agent.start())
        _loop(agent, transport, writer, config, call_id)
    except TransportError as error:
        logger.warning("call %s: line failed: %s", call_id, error)
        writer.note(f"line failed: {error}")
        if not agent.done:
            agent.note_failure(FailureReason.CALL_DROPPED, f"the line failed: {error}")
    except UnkeyableInputError as error:
        logger.warning("call %s: stopped: a request value cannot be keyed or spelled", call_id)
        writer.note("stopped: a request value has no letters A to Z to key or spell")
        _stop_after_error(agent, transport, writer, FailureReason.UNKEYABLE_INPUT, str(error))
    except Exception as error:  # noqa: BLE001 - the call boundary: keep the transcript
        # An error in agent code is a bug, not a dropped line: never report it as call_dropped.
        logger.exception("call %s: failed unexpectedly", call_id)
        writer.note(f"agent error: {type(error).__name__}")
        _stop_after_error(
            agent, transport, writer, FailureReason.AGENT_ERROR,
            f"the agent stopped on an internal error ({type(error).__name__}); report it with the transcript",
        )
    finally:
        transport.close()
    simulated_s = writer.now_s()
    results = agent.results(writer.utterance_turns)
    logger.info(
        "call %s: ended after %.0f s simulated; outcomes %s",
        call_id, simulated_s, [result.outcome.value for result in results],
    )
    return CallOutput(results=results, transcript=transcript, simulated_s=simulated_s)


def _stop_after_error(
    agent: CallAgent, transport: CallTransport, writer: _TranscriptWriter, reason: FailureReason, note: str
) -> None:
    """Record why the agent stopped and hang up; a line that fails while hanging up changes nothing."""
    if agent.done:
        return
    agent.note_failure(reason, note)
    try:
        _perform(transport, writer, [HangUp(reason.value)])
    except TransportError as error:
        logger.warning("call %s: hang-up after %s failed: %s", writer.transcript.call_id, reason, error)


def _loop(agent: CallAgent, transport: CallTransport, writer: _TranscriptWriter, config: AgentConfig, call_id: str) -> None:
    for _ in range(config.max_events):
        if agent.done:
            return
        if writer.now_s() >= config.max_call_s:
            logger.warning("call %s: stopped at the maximum call length of %.0f s", call_id, config.max_call_s)
            writer.note("maximum call length reached")
            _perform(transport, writer, [HangUp("maximum call length reached")])
            agent.note_failure(FailureReason.NO_PERSON_REACHED, "the call reached the maximum call length")
            return
        event = transport.receive(agent.listen_timeout_s)
        writer.event(event)
        _perform(transport, writer, agent.handle(event))
    logger.warning("call %s: stopped after the maximum of %d line events", call_id, config.max_events)
    writer.note("maximum line events reached")
    _perform(transport, writer, [HangUp("maximum line events reached")])
    agent.note_failure(FailureReason.IVR_FAILURE, "the call reached the maximum number of line events")


def _perform(transport: CallTransport, writer: _TranscriptWriter, actions: list[Action]) -> None:
    for action in actions:
        start = writer.now_s()
        transport.send(action)
        writer.action(action, start, writer.now_s())
        if isinstance(action, HangUp):
            return
