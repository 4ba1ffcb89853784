"""Faults a representative states: how sure the agent is of hearing one, and how it asks to make sure."""

from __future__ import annotations

import re

from payerline.agent.confirm import LOW_CONFIDENCE
from payerline.agent.prompts import Cue, analyze_prompt
from payerline.agent.results import Heard
from payerline.domain.codes import FailureReason

# "Without the correct information I can't release anything": the refusal follows a failed verification.
# With its "doesn't" lost, "that [doesn't] match our records" still names the failed match.
UNVERIFIED = re.compile(r"\bcorrect\b|(?:doesn't|does not|don't|do not|didn't|did not) match|\bverif|not matching|"
                        r"\bmatch (?:our|my|the|what|that|this|it|them)\b|"
                        # "Without the [correct] information I'm not able to release anything", a word lost.
                        r"\bwithout (?:the |that |this |your )?information\b")

_CONFIRM_QUESTIONS: dict[FailureReason, str] = {
    FailureReason.AUTOMATED_CALLS_REFUSED: "you can't take calls from an automated assistant",
    FailureReason.PAYER_CLOSED: "the office is closed",
    FailureReason.SYSTEMS_DOWN: "your systems are down",
    FailureReason.MEMBER_NOT_FOUND: "the member's information doesn't match your records",
    FailureReason.PAYER_REFUSED: "you can't release any information on this claim",
}


def heard_doubtfully(cue: Cue, heard: list[tuple[str, Heard]]) -> bool:
    """Tell whether the utterances that carry ``cue`` were recognised below ``LOW_CONFIDENCE``.

    When no single utterance carries the cue (it spans two), the whole turn's lowest confidence counts.
    """
    carrying = [where.confidence for text, where in heard if analyze_prompt(text).has(cue)]
    confidence = min(carrying or [where.confidence for _, where in heard] or [1.0])
    return confidence < LOW_CONFIDENCE


def confirm_question(reason: FailureReason) -> str:
    """Return the question that checks a fault heard on a poor line before the call ends for it."""
    return f"Sorry, the line broke up. Did you say {_CONFIRM_QUESTIONS[reason]}?"

