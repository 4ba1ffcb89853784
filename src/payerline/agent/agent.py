"""The call agent: a sans-IO state machine from line events to actions.

``CallAgent`` never touches the line itself. A session feeds it line events
(``handle``) and performs the actions it returns, waiting at most
``listen_timeout_s`` for each next event. The same agent runs on text events
from a sandbox payer and on events from audio perception.

Far-end speech is gathered into turns. Utterances are buffered until the far
end pauses for ``end_of_turn_s`` or music starts, and only then answered. So
the agent never talks over a prompt, and after a key press it stays silent
until the next prompt is complete.

Phases move DIAL -> IVR -> HOLD -> REPRESENTATIVE -> WRAP_UP; a
representative may also transfer back to the IVR or to another queue. Any
other change raises ``IllegalStateError`` naming the current phase.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from payerline.agent.config import AgentConfig
from payerline.agent.context import CallContext, Phase, Step
from payerline.agent.dialog import RepresentativeDialog
from payerline.agent.extract import extract_person_name
from payerline.agent.hold import HoldMonitor
from payerline.agent.navigator import IvrNavigator
from payerline.agent.prompts import (
    Cue,
    PromptAnalysis,
    analyze_prompt,
    checks_in,
    hangup_cue,
    input_request,
    names_outage,
    normalize_prompt,
    offers_spoken_choices,
    question_to_caller,
    turn_text,
)
from payerline.agent.results import CallFacts, ClaimState, Heard, build_result
from payerline.clock import Clock
from payerline.domain.codes import FailureReason
from payerline.domain.request import ClaimStatusRequest
from payerline.domain.result import ClaimResult
from payerline.errors import IllegalStateError
from payerline.payers.ivr_map import IvrMap
from payerline.telephony.actions import Action, HangUp, Speak
from payerline.telephony.events import (
    CallAnswered,
    CallEnded,
    DtmfHeard,
    LineEvent,
    LineSignal,
    SignalKind,
    Utterance,
)

logger = logging.getLogger(__name__)

# The pause that ends a person's turn that ends with a question to the caller. Longer than the pause
# between two sentences of one turn (about 0.3 s), far shorter than ``end_of_turn_s``, so the agent
# replies at once instead of waiting for a long silence.
# NOTE: the 0.3 s gap is the sandbox's. On real audio, check this against people's pauses between sentences.
QUESTION_PAUSE_S = 0.5
_HERE = "Yes, I'm here."

_ALLOWED: dict[Phase, frozenset[Phase]] = {
    Phase.DIAL: frozenset({Phase.IVR, Phase.WRAP_UP}),
    Phase.IVR: frozenset({Phase.HOLD, Phase.REPRESENTATIVE, Phase.WRAP_UP}),
    Phase.HOLD: frozenset({Phase.IVR, Phase.REPRESENTATIVE, Phase.WRAP_UP}),
    Phase.REPRESENTATIVE: frozenset({Phase.IVR, Phase.HOLD, Phase.WRAP_UP}),
    Phase.WRAP_UP: frozenset(),
}


_FAULT_CUES: tuple[tuple[Cue, FailureReason], ...] = (
    (Cue.AUTOMATED_REFUSED, FailureReason.AUTOMATED_CALLS_REFUSED),
    (Cue.CLOSED, FailureReason.PAYER_CLOSED),
    (Cue.SYSTEMS_DOWN, FailureReason.SYSTEMS_DOWN),
    (Cue.WRONG_DEPARTMENT, FailureReason.WRONG_DEPARTMENT),
    (Cue.MEMBER_NOT_FOUND, FailureReason.MEMBER_NOT_FOUND),
    (Cue.PROVIDER_NOT_RECOGNIZED, FailureReason.PROVIDER_NOT_RECOGNIZED),
)

_FAULT_REASONS: dict[Cue, FailureReason] = dict(_FAULT_CUES)

_LOOKUP_FAULTS = frozenset({FailureReason.MEMBER_NOT_FOUND, FailureReason.PROVIDER_NOT_RECOGNIZED})


class CallAgent:
    """Runs one claim-status call from the first ring to the last goodbye."""

    def __init__(
        self,
        request: ClaimStatusRequest,
        clock: Clock,
        *,
        call_id: str,
        ivr_map: IvrMap | None = None,
        config: AgentConfig | None = None,
        payer_file_version: str | None = None,
    ) -> None:
        self._config = config or AgentConfig()
        self._clock = clock
        self._started_at = clock.now()
        self._ended_at: datetime | None = None
        self._payer_file_version = payer_file_version
        self._context = CallContext(
            request=request,
            config=self._config,
            ivr_map=ivr_map,
            call_date=self._started_at.date(),
            call_id=call_id,
            claims=[ClaimState(index) for index in range(len(request.claims))],
        )
        self._navigator = IvrNavigator(self._context)
        self._hold = HoldMonitor(self._context)
        self._dialog = RepresentativeDialog(self._context)
        self._phase = Phase.DIAL
        self._started = False
        self._done = False
        self._buffer: list[tuple[str, Heard]] = []
        self._utterance_count = 0
        self._silence_s = 0.0
        self._awaiting_new_person = True
        self._far_end_goodbye = False
        self._last_turn: tuple[str, bool] | None = None
        # Far-end utterances heard when the agent last greeted a person (None: no greeting yet).
        self._greeted_at_count: int | None = None

    # Public surface

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def done(self) -> bool:
        """Whether the call is over: the agent hung up or the far end did."""
        return self._done

    @property
    def listen_timeout_s(self) -> float:
        """How long the session should wait for the next line event."""
        config = self._config
        if self._buffer:
            return self._turn_pause_s()
        if self._phase is Phase.HOLD:
            wait = min(config.hold_poll_s, self._hold.remaining_s(self._context.now_s))
            watch = self._hold.watch_s(self._context.now_s)
            return max(0.5, wait if watch is None else min(wait, watch))
        if self._phase is Phase.REPRESENTATIVE:
            return config.ack_wait_s if self._dialog.waiting_after_ack else config.representative_wait_s
        if self._phase is Phase.IVR:
            return config.ivr_wait_s
        return 30.0

    def start(self) -> list[Action]:
        """Begin the call. The session dials; the agent waits for the far end."""
        if self._started:
            raise IllegalStateError(f"CallAgent.start() called twice (phase {self._phase}); create a new agent per call")
        self._started = True
        logger.info("call %s: agent started for %d claims", self._context.call_id, len(self._context.claims))
        return []

    def handle(self, event: LineEvent) -> list[Action]:
        """Take one line event and return the actions to perform, in order."""
        if not self._started:
            raise IllegalStateError(f"CallAgent.handle() called in phase {self._phase} before start(); call start() first")
        if self._done:
            raise IllegalStateError(
                f"CallAgent.handle() called in phase {self._phase} after the call ended; read results() instead"
            )
        self._context.now_s = max(self._context.now_s, _event_end(event))
        if isinstance(event, CallAnswered):
            self._answered()
            return []
        if isinstance(event, Utterance):
            return self._on_utterance(event)
        if isinstance(event, LineSignal):
            return self._on_signal(event)
        if isinstance(event, CallEnded):
            return self._on_call_ended()
        if isinstance(event, DtmfHeard):
            return []
        raise IllegalStateError(f"CallAgent.handle() got {type(event).__name__} in phase {self._phase}; pass a LineEvent")

    def results(self, utterance_turns: list[int] | None = None) -> list[ClaimResult]:
        """Return one result per claim in request order.

        Args:
            utterance_turns: transcript turn index of each far-end utterance, in
                the order the agent handled them; evidence then points at
                transcript turns. Without it, evidence holds utterance ordinals.
        """
        context = self._context
        for claim in context.claims:
            if claim.discussed_with_person:
                for name, record in context.person_fields.items():
                    claim.fields.setdefault(name, record)
        facts = CallFacts(
            call_id=context.call_id,
            request_id=context.request.request_id,
            payer_id=context.request.payer_id,
            person_reached=context.person_reached,
            stop_reason=context.stop_reason,
            started_at=self._started_at,
            ended_at=self._ended_at or self._clock.now(),
            ivr_map_version=context.ivr_map.version if context.ivr_map else None,
            payer_file_version=self._payer_file_version,
        )
        return [build_result(claim, facts, utterance_turns) for claim in context.claims]

    def note_failure(self, reason: FailureReason, note: str) -> None:
        """Record that the call failed outside the agent (the line broke); keeps what was heard."""
        if self._context.stop_reason is None:
            self._context.stop_reason = reason
        for claim in self._context.claims:
            claim.notes.append(note)
        self._finish_call()

    # Phases

    def _transition(self, target: Phase) -> None:
        if target is self._phase:
            return
        if target not in _ALLOWED[self._phase]:
            raise IllegalStateError(
                f"cannot move from phase {self._phase} to {target}; allowed next phases: "
                f"{', '.join(sorted(_ALLOWED[self._phase])) or 'none (the call is over)'}"
            )
        logger.info("call %s: phase %s -> %s at %.1f s", self._context.call_id, self._phase, target, self._context.now_s)
        if self._phase is Phase.HOLD:
            self._hold.end(self._context.now_s)
        if self._phase is Phase.IVR:
            self._navigator.leave()
        if self._phase is Phase.REPRESENTATIVE:
            self._navigator.person_left()
        if target is Phase.HOLD:
            self._hold.begin(self._context.now_s)
        self._phase = target

    def _answered(self) -> None:
        if self._phase is Phase.DIAL:
            self._transition(Phase.IVR)

    # Events

    def _on_utterance(self, event: Utterance) -> list[Action]:
        self._answered()
        heard = Heard(self._utterance_count, event.start_s, event.end_s, event.confidence)
        self._utterance_count += 1
        self._silence_s = 0.0
        if self._phase is not Phase.WRAP_UP:
            self._buffer.append((event.text, heard))
        return self._check_hold_limit()

    def _turn_pause_s(self) -> float:
        """Return the far-end pause that ends the buffered turn.

        A turn that ends with "are you there?" (in any phase), or a turn on
        hold or with a person that ends with a question to the caller, ends
        after a short pause. Any other turn ends after ``end_of_turn_s``.
        """
        pause = self._config.end_of_turn_s
        if not self._buffer:
            return pause
        last = self._buffer[-1][0]
        if checks_in(last) or self._phase in (Phase.HOLD, Phase.REPRESENTATIVE) and question_to_caller(last):
            return min(pause, QUESTION_PAUSE_S)
        return pause

    def _on_signal(self, event: LineSignal) -> list[Action]:
        duration = event.end_s - event.start_s
        if event.kind is SignalKind.SILENCE and self._buffer and duration < self._turn_pause_s() * 0.9:
            return []
        actions = self._flush(ended_by=event.kind)
        if self._done:
            return actions
        if self._phase is Phase.HOLD:
            self._hold.on_signal(event.kind)
        if event.kind is SignalKind.MUSIC:
            self._forget_notice_fault()
            actions += self._on_music()
        elif event.kind is SignalKind.SILENCE and not actions:
            actions += self._on_silence(duration)
        if not self._done:
            actions += self._check_hold_limit()
        return actions

    def _on_music(self) -> list[Action]:
        if self._phase in (Phase.IVR, Phase.REPRESENTATIVE):
            if self._phase is Phase.IVR:
                self._awaiting_new_person = True
            elif self._greeted_at_count == self._utterance_count:
                # Music right after the greeting, with nothing said in between: it went to a recording.
                self._awaiting_new_person = True
                self._greeted_at_count = None
                self._hold.greeted_recording()
            self._transition(Phase.HOLD)
            self._hold.on_signal(SignalKind.MUSIC)
        return []

    def _on_silence(self, duration: float) -> list[Action]:
        self._silence_s += duration
        if self._phase is Phase.HOLD:
            step = self._hold.on_quiet(self._context.now_s)
            if step is None or step.phase is not Phase.REPRESENTATIVE:
                return []
            heard = self._hold.person_turn([])
            return self._apply(self._reach_person(analyze_prompt(turn_text(text for text, _ in heard)), heard), [])
        if self._phase is Phase.IVR and self._silence_s >= self._config.ivr_silence_to_hold_s:
            self._silence_s = 0.0
            return self._apply(self._navigator.on_long_silence(), [])
        waited = self._config.ack_wait_s if self._dialog.waiting_after_ack else self._config.representative_wait_s
        if self._phase is Phase.REPRESENTATIVE and self._silence_s >= waited:
            self._silence_s = 0.0
            return self._apply(self._dialog.on_silence(), [])
        return []

    def _on_call_ended(self) -> list[Action]:
        if not self._done:
            # The last turn still counts: it often says why the far end hung up.
            self._flush()
        context = self._context
        if context.stop_reason is None and any(claim.missing(context.person_reached) for claim in context.claims):
            context.stop_reason = context.last_fault or self._hangup_fault() or (
                FailureReason.INFORMATION_INCOMPLETE if self._far_end_goodbye else FailureReason.CALL_DROPPED
            )
            logger.info("call %s: far end hung up (%s)", context.call_id, context.stop_reason)
        if not self._done:
            self._finish_call()
        return []

    def _hangup_fault(self) -> FailureReason | None:
        """Return the fault the far end's last turn most likely named, read loosely because noise may have cut it."""
        if self._last_turn is None:
            return None
        text, person = self._last_turn
        cue = hangup_cue(text, person=person)
        if cue is not None:
            return _FAULT_REASONS.get(cue)
        # "Without the correct information I'm not able to [release] anything" right after a mismatch.
        return self._dialog.unverified_reason() if person else None

    def _check_hold_limit(self) -> list[Action]:
        if self._phase is not Phase.HOLD:
            return []
        step = self._hold.check(self._context.now_s)
        return self._apply(step, []) if step is not None else []

    # Turns

    def _flush(self, capture_only: bool = False, ended_by: SignalKind | None = None) -> list[Action]:
        if not self._buffer:
            return []
        heard, self._buffer = self._buffer, []
        analysis = analyze_prompt(turn_text(text for text, _ in heard))
        # Only the last turn's goodbye explains a hang-up: "Thank you for calling ..." in the greeting does not.
        self._far_end_goodbye = analysis.has(Cue.GOODBYE)
        self._last_turn = (analysis.text, self._phase is Phase.REPRESENTATIVE)
        self._note_fault(analysis)
        if capture_only or self._phase is Phase.WRAP_UP:
            return []
        return self._apply(self._route(analysis, heard, ended_by), [])

    def _note_fault(self, analysis: PromptAnalysis) -> None:
        """Remember the last fault heard, to explain a far-end hang-up that follows it."""
        self._forget_notice_fault()
        if self._phase is Phase.HOLD and not analysis.person_likely:
            return
        for cue, reason in _FAULT_CUES:
            if analysis.has(cue):
                lookup = self._context.last_fault in _LOOKUP_FAULTS or self._context.member_entry_last
                if reason is FailureReason.SYSTEMS_DOWN and lookup and not names_outage(analysis.text):
                    # "Unable to process your request, try again later" after "the Medicare number and last name do
                    # not match", or right after the member's last name was keyed: the lookup failed, and the line
                    # gave up on it in its generic words.
                    if self._context.last_fault is None:
                        self._context.last_fault = FailureReason.MEMBER_NOT_FOUND
                    return
                self._context.last_fault = reason
                return

    def _forget_notice_fault(self) -> None:
        """Forget a fault named by a notice on hold once the line goes on after it (another turn, or music)."""
        if self._context.fault_from_notice:
            self._context.fault_from_notice = False
            self._context.last_fault = None

    def _route(self, analysis: PromptAnalysis, heard: list[tuple[str, Heard]], ended_by: SignalKind | None) -> Step:
        if self._phase is Phase.IVR:
            if (analysis.person_likely and analysis.has(Cue.PERSON_GREETING) and not analysis.options
                    and not offers_spoken_choices(analysis.text)):
                entry = None if extract_person_name(analysis.text) else input_request(normalize_prompt(analysis.text))
                if entry is None:
                    return self._reach_person(analysis, heard)
                # "What date of service are you calling about?" with no name and no hold before it: a speech IVR's
                # question, which reads like a person's.
                analysis = replace(analysis, input_request=entry, person_likely=False,
                                   cues=analysis.cues - {Cue.PERSON_GREETING})
            return self._follow(self._navigator.on_turn(analysis, heard), analysis, heard)
        if self._phase is Phase.HOLD:
            step = self._hold.on_turn(analysis, heard, ended_by=ended_by)
            if step.phase is Phase.REPRESENTATIVE:
                person = self._hold.person_turn(heard)
                if person != heard:
                    # Announcements heard in the same turn are left out, and a greeting missed before is added.
                    heard = person
                    analysis = analyze_prompt(turn_text(text for text, _ in person))
                return self._reach_person(analysis, heard)
            if step.phase is Phase.IVR:
                self._transition(Phase.IVR)
                return self._follow(self._navigator.on_turn(analysis, heard), analysis, heard)
            return step
        if self._phase is Phase.REPRESENTATIVE:
            if (_ivr_menu(analysis) or _keyed_entry(analysis)) and not analysis.has(Cue.BACK_TO_IVR):
                # The person sent the call back to the IVR without saying "transfer" ("... I have to refer you
                # there for it."), and its menu is playing: navigate it. A prompt to key an id ("Last, key the final
                # 5 digits of your tax ID") is the IVR too: a turn taken for a person's greeting was a prompt.
                logger.info("call %s: an IVR prompt after a person; back in the IVR", self._context.call_id)
                self._context.sent_to_ivr += 1
                self._awaiting_new_person = True
                self._transition(Phase.IVR)
                return self._follow(self._navigator.on_turn(analysis, heard), analysis, heard)
            step = self._dialog.on_turn(analysis, heard)
            if checks_in(analysis.text):
                _say_here(step)
            return self._follow(step, analysis, heard)
        return Step()

    def _reach_person(self, analysis: PromptAnalysis, heard: list[tuple[str, Heard]]) -> Step:
        self._transition(Phase.REPRESENTATIVE)
        if self._awaiting_new_person or not self._dialog.greeted:
            self._awaiting_new_person = False
            logger.info("call %s: person reached at %.1f s", self._context.call_id, self._context.now_s)
            step = self._dialog.on_person_reached(analysis, heard)
            if step.actions:
                self._greeted_at_count = self._utterance_count
            return step
        return self._dialog.on_turn(analysis, heard)

    def _follow(self, step: Step, analysis: PromptAnalysis, heard: list[tuple[str, Heard]]) -> Step:
        """Carry out a phase change that a part asked for."""
        if step.end is not None or step.finished or step.phase is None:
            return step
        if step.phase is Phase.REPRESENTATIVE and self._phase is Phase.IVR:
            person = self._reach_person(analysis, heard)
            person.actions = step.actions + person.actions
            return person
        if step.phase is Phase.HOLD and self._phase is Phase.REPRESENTATIVE:
            self._awaiting_new_person = True
            if self._greeted_at_count is not None and self._greeted_at_count + len(heard) == self._utterance_count:
                # An announcement came instead of a reply to the greeting (a silent hold): it went to a recording.
                self._greeted_at_count = None
                self._hold.greeted_recording([text for text, _ in heard])
        if step.phase is Phase.IVR and self._phase is Phase.REPRESENTATIVE:
            self._awaiting_new_person = True
            if analysis.has(Cue.BACK_TO_IVR):
                self._navigator.sent_back()
        self._transition(step.phase)
        step.phase = None
        return step

    def _apply(self, step: Step, actions: list[Action]) -> list[Action]:
        actions = actions + step.actions
        if step.phase is not None:
            self._transition(step.phase)
        if step.end is not None:
            context = self._context
            if context.stop_reason is None:
                context.stop_reason = step.end
            logger.info("call %s: stopping (%s)", context.call_id, step.end)
            if not any(isinstance(action, HangUp) for action in actions):
                actions.append(HangUp(step.end.value))
            self._finish_call()
        elif step.finished:
            if not any(isinstance(action, HangUp) for action in actions):
                actions.append(HangUp("call complete"))
            self._finish_call()
        return actions

    def _finish_call(self) -> None:
        if self._phase is not Phase.WRAP_UP:
            self._transition(Phase.WRAP_UP)
        self._done = True
        self._buffer = []
        self._ended_at = self._clock.now()


def _ivr_menu(analysis: PromptAnalysis) -> bool:
    """Tell whether a turn heard while talking with a person is an IVR menu: several keyed options, no person."""
    keyed = [option for option in analysis.options if option.key is not None]
    return not analysis.person_likely and len(keyed) >= 2


def _keyed_entry(analysis: PromptAnalysis) -> bool:
    """Tell whether a turn heard while talking with a person requests an id on the keypad, as IVRs do and representatives do not."""
    return not analysis.person_likely and analysis.input_request is not None and analysis.input_request.keys_only


def _say_here(step: Step) -> None:
    """Make sure a person who asks "are you there?" hears so first, whatever else the reply says."""
    if step.end is not None or step.finished or step.phase is not None:
        return
    for index, action in enumerate(step.actions):
        if isinstance(action, Speak):
            if not action.text.lower().startswith(_HERE.lower()):
                step.actions[index] = Speak(f"{_HERE} {action.text}")
            return
    step.actions.append(Speak(_HERE))


def _event_end(event: LineEvent) -> float:
    if isinstance(event, (CallAnswered, CallEnded)):
        return event.at_s
    return event.end_s
