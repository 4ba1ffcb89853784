"""The hold monitor: waits through music and announcements until a person answers.

The agent never hangs up because a hold is quiet or long; it gives up only
after the configured maximum (``no_person_reached``). Announcements ("your
call is important", estimated wait times, portal adverts, "one claim per
call" reminders) are told from a person by content: a person introduces
themselves or asks something.
"""

from __future__ import annotations

import logging
import re

from payerline.agent.context import CallContext, Phase, Step
from payerline.agent.prompts import Cue, PromptAnalysis, analyze_prompt
from payerline.domain.codes import FailureReason

logger = logging.getLogger(__name__)


class HoldMonitor:
    """Tracks one hold and reads what the line says during it."""

    def __init__(self, context: CallContext) -> None:
        self._context = context
        self._started_s: float | None = None
        self.total_hold_s = 0.0

    @property
    def on_hold(self) -> bool:
        return self._started_s is not None

    def begin(self, now_s: float) -> None:
        """Start timing a hold; a hold already being timed keeps its start."""
        if self._started_s is None:
            self._started_s = now_s
            logger.info("call %s: hold started at %.1f s", self._context.call_id, now_s)

    def end(self, now_s: float) -> None:
        """Stop timing the hold."""
        if self._started_s is not None:
            held = now_s - self._started_s
            self.total_hold_s += held
            logger.info("call %s: hold ended after %.1f s", self._context.call_id, held)
        self._started_s = None

    def remaining_s(self, now_s: float) -> float:
        """Seconds left before the maximum hold is reached."""
        if self._started_s is None:
            return self._context.config.max_hold_s
        return self._context.config.max_hold_s - (now_s - self._started_s)

    def check(self, now_s: float) -> Step | None:
        """Give up when the hold has lasted past the maximum."""
        if self._started_s is not None and self.remaining_s(now_s) <= 0:
            logger.info("call %s: no person after %.0f s on hold", self._context.call_id, now_s - self._started_s)
            return Step(end=FailureReason.NO_PERSON_REACHED)
        return None

    def on_turn(self, analysis: PromptAnalysis) -> Step:
        """Decide whether a turn heard on hold is an announcement, a person or an IVR."""
        if analysis.has(Cue.AUTOMATED_REFUSED):
            return Step(end=FailureReason.AUTOMATED_CALLS_REFUSED)
        if analysis.has(Cue.CLOSED):
            return Step(end=FailureReason.PAYER_CLOSED)
        if analysis.has(Cue.SYSTEMS_DOWN) and not analysis.has(Cue.TRANSFER) and not analysis.has(Cue.HOLD):
            return Step(end=FailureReason.SYSTEMS_DOWN)
        if analysis.has(Cue.PERSON_GREETING) or (
            analysis.person_likely and not analysis.has(Cue.HOLD) and not _person_only_by_fillers(analysis.text)
        ):
            return Step(phase=Phase.REPRESENTATIVE)
        if analysis.has(Cue.HOLD) or analysis.has(Cue.TRANSFER):
            return Step()
        if analysis.input_request is not None or analysis.confirmation is not None or len(analysis.options) >= 2:
            return Step(phase=Phase.IVR)
        if _sounds_like_hello(analysis.text):
            return Step(phase=Phase.REPRESENTATIVE)
        return Step()


_FILLERS = re.compile(r"\b(?:uh|um|er|ah)\b,?\s*", re.IGNORECASE)


def _person_only_by_fillers(text: str) -> bool:
    """Tell whether a turn sounds like a person only for an "uh" or "um" in it.

    A recogniser writes "uh" for a short word it lost ("available in uh IVR"),
    so a recorded announcement can carry a filler. A person also gives a name,
    puts a question or speaks in the first person.
    """
    without = _FILLERS.sub("", text)
    return without != text and not analyze_prompt(without).person_likely


def _sounds_like_hello(text: str) -> bool:
    words = text.lower().strip(" .?!").split()
    return 0 < len(words) <= 4 and words[0] in {"hello", "hi", "hey"}
