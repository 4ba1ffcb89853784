"""The hold monitor: waits through music and announcements until a person answers.

The agent never hangs up because a hold is quiet or long; it gives up only
after the configured maximum (``no_person_reached``).

Whether a turn heard on hold is a person is weighed from three kinds of
evidence, none of which depends on how the words were recognised:

- Content: a person introduces themselves, asks the caller something short
  ("What can I do for you?") or checks the caller is there ("Hello? Are you
  there?"). Announcements say "please hold", "your call is important", and
  an IVR says "press".
- What the line does after the turn (the line signal that ended it): a
  recording on a music hold is followed by music again at once. A person
  who has spoken waits, so silence follows. On a silent hold both are
  followed by silence, so this counts only once music was heard.
- Novelty: announcements repeat during a hold, so an utterance much like
  one already heard on this call's holds is a recording; a new one is a
  little more likely a person.

A turn that scores high enough is greeted at once, with no extra wait.
On a music hold, a turn whose words point neither way and that is followed
by silence is watched for ``WATCH_S`` more. Music then means a recording,
and silence a person waiting. A turn not greeted is kept for a short while.
When the person then asks "are you there?", the greeting turn is handed on
with the check-in, so its name is not lost. After a greeting that went to a
recording (music came back), a repeat of anything heard on hold is not
greeted and a new turn needs stronger evidence, so a recording is not
greeted twice in a row.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from payerline.agent.context import CallContext, Phase, Step
from payerline.agent.prompts import (
    Cue,
    PromptAnalysis,
    analyze_prompt,
    checks_in,
    greeting_name,
    normalize_prompt,
    question_to_caller,
    refuses_callers,
    turn_text,
)
from payerline.agent.results import Heard
from payerline.domain.codes import FailureReason
from payerline.telephony.events import SignalKind

logger = logging.getLogger(__name__)

HeardTurn = list[tuple[str, Heard]]

# Scores are rough log-odds of "a person" (estimates, not fitted). A turn at or above the threshold is greeted.
GREET_AT = 2.0
# After a greeting that went to a recording, the next one needs this much more.
AFTER_FALSE_GREETING = 1.5
# Two utterances at least this alike (word sequence ratio) are hearings of one recording.
REPEAT_RATIO = 0.6
# A turn that was not greeted is handed on with a check-in that comes within this many seconds.
PENDING_S = 40.0
# On a music hold, silence after a turn that sounds like a person counts this much more.
SILENCE_CREDIT = 2.0
# Silence, without music, that makes a watched turn a person's.
WATCH_S = 2.0

_IVR_WORDS = re.compile(r"\bpress\b|\benter\b|\bpound\b|\bmain menu\b")
# A person's cue to start talking, said last: "Provider services. Vince. Go ahead."
_INVITES_CALLER = re.compile(r"\bgo ahead\W*$", re.IGNORECASE)
_FILLERS = re.compile(r"\b(?:uh|um|er|ah)\b,?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class PickupEvidence:
    """Evidence about a turn that the line gave besides its words.

    Attributes:
        ended_by: the line signal that ended the turn (music or silence), or
            None when not known.
        music_on_hold: whether music was heard during this hold.
        repeats: whether the turn repeats an utterance already heard on hold.
        after_false_greeting: whether the last greeting went to a recording.
    """

    ended_by: SignalKind | None = None
    music_on_hold: bool = False
    repeats: bool = False
    after_false_greeting: bool = False


def content_score(analysis: PromptAnalysis) -> float:
    """Score what a turn says: above 0 sounds like a person, below 0 like a recording or an IVR."""
    text = analysis.text
    if checks_in(text):
        return 4.0
    # A recogniser's "uh" for a lost word makes an announcement sound human, so a filler alone is not a person.
    person = (analysis.has(Cue.PERSON_GREETING) or analysis.person_likely) and not _person_only_by_fillers(text)
    score = 0.0
    if person:
        score = 3.0
    elif greeting_name(text) is not None:
        score = 2.5
    elif question_to_caller(text) or _sounds_like_hello(text) or _INVITES_CALLER.search(text):
        score = 2.0
    if analysis.has(Cue.HOLD) and not (analysis.has(Cue.PERSON_GREETING) or greeting_name(text)):
        score -= 3.0
    if analysis.has(Cue.TRANSFER) and not person:
        score -= 2.0
    if _IVR_WORDS.search(normalize_prompt(text)) and not person:
        score -= 3.0
    return score


class Pickup(StrEnum):
    """Action on a turn heard on hold."""

    GREET = "greet"  # a person: answer now
    WATCH = "watch"  # maybe a person: greet if the line stays silent for ``WATCH_S`` with no music
    WAIT = "wait"  # a recording, or too little to tell: stay on hold


def decide_pickup(analysis: PromptAnalysis, evidence: PickupEvidence) -> Pickup:
    """Weigh what a turn says, what followed it and whether it is new.

    Music right after a turn means a recording. Otherwise the content
    score, plus a little for a new utterance (or much less for a repeated
    one), greets at ``GREET_AT``. On a music hold, silence after the turn
    adds ``SILENCE_CREDIT`` to a turn that sounds at all like a person. A
    turn whose words point neither way is watched for a moment instead,
    because a recording may be followed by a short gap before the music.
    The weights are estimates chosen on sandbox calls, not fitted.
    """
    if evidence.ended_by is SignalKind.MUSIC:
        return Pickup.WAIT  # a person who has spoken waits for an answer, so music means a recording
    if evidence.repeats and evidence.after_false_greeting:
        return Pickup.WAIT  # the recording just greeted, or another one heard before, playing again
    content = content_score(analysis)
    score = content + (-4.0 if evidence.repeats else 0.5)
    if evidence.after_false_greeting:
        score -= AFTER_FALSE_GREETING
    if score >= GREET_AT:
        return Pickup.GREET
    if evidence.ended_by is SignalKind.SILENCE and evidence.music_on_hold and not evidence.repeats:
        if content > 0 and score + SILENCE_CREDIT >= GREET_AT:
            return Pickup.GREET
        if content >= 0:
            return Pickup.WATCH
    return Pickup.WAIT


class HoldMonitor:
    """Tracks one hold and reads what the line says during it."""

    def __init__(self, context: CallContext) -> None:
        self._context = context
        self._started_s: float | None = None
        self.total_hold_s = 0.0
        self._music = False
        # Words of each utterance heard on the call's holds that was not a person, and of turns
        # that may have been a person (until music shows otherwise).
        self._heard: list[list[str]] = []
        self._tentative: list[list[str]] = []
        self._pending: tuple[float, HeardTurn] | None = None
        self._false_greeting = False
        self._person_part: HeardTurn | None = None
        self._greeted_text = ""
        self._watching: tuple[float, HeardTurn] | None = None

    @property
    def on_hold(self) -> bool:
        return self._started_s is not None

    def begin(self, now_s: float) -> None:
        """Start timing a hold; a hold already being timed keeps its start."""
        if self._started_s is None:
            self._started_s = now_s
            self._music = False
            self._pending = None
            self._watching = None
            self._tentative = []
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

    def on_signal(self, kind: SignalKind) -> None:
        """Note a line signal heard on hold: music marks a music hold and ends any pending or watched turn."""
        if kind is SignalKind.MUSIC:
            self._music = True
            self._pending = None
            self._watching = None
            for words in self._tentative:
                if words not in self._heard:
                    self._heard.append(words)
            self._tentative = []

    def watch_s(self, now_s: float) -> float | None:
        """Seconds until a watched turn is settled by silence, or None when no turn is watched."""
        return None if self._watching is None else max(0.0, self._watching[0] - now_s)

    def on_quiet(self, now_s: float) -> Step | None:
        """Greet a watched turn once the line has stayed silent for ``WATCH_S`` after it: a person is waiting."""
        if self._watching is None or now_s < self._watching[0] - 0.05:
            return None
        _, person = self._watching
        self._watching = None
        logger.info("call %s: silence after an unclear turn on a music hold; taking it as a person",
                    self._context.call_id)
        return self._greet(person, analyze_prompt(turn_text(text for text, _ in person)))

    def greeted_recording(self, heard_after: list[str] | None = None) -> None:
        """Note that the last greeting went to a recording: remember it and ask more of the next greeting.

        Args:
            heard_after: what the line said instead of a reply (another
                announcement on a silent hold), remembered as recordings too.
        """
        logger.info("call %s: the greeting went to a recording, so the agent is back on hold", self._context.call_id)
        self._false_greeting = True
        self._remember([self._greeted_text, *(heard_after or [])])

    def person_turn(self, heard: HeardTurn) -> HeardTurn:
        """The part of the last turn that the person said (announcements heard with it left out)."""
        return self._person_part if self._person_part is not None else heard

    def on_turn(
        self, analysis: PromptAnalysis, heard: HeardTurn | None = None, *, ended_by: SignalKind | None = None
    ) -> Step:
        """Decide whether a turn heard on hold is an announcement, a person or an IVR.

        Args:
            analysis: the turn read as a whole.
            heard: the turn's utterances with their timing; without them the
                turn is judged as one utterance.
            ended_by: the line signal that ended the turn (music or silence).
        """
        self._person_part = None
        if analysis.has(Cue.AUTOMATED_REFUSED) and (refuses_callers(analysis.text) or analysis.person_likely):
            return Step(end=FailureReason.AUTOMATED_CALLS_REFUSED)
        if analysis.has(Cue.CLOSED) or analysis.has(Cue.AUTOMATED_REFUSED):
            # The queue has taken the call. A line that closes hangs up after saying so, and this notice then
            # explains the hang-up. One that goes on was an announcement ("closed from noon to 1 p.m. each day").
            closed = analysis.has(Cue.CLOSED)
            self._context.last_fault = FailureReason.PAYER_CLOSED if closed else FailureReason.AUTOMATED_CALLS_REFUSED
            self._context.fault_from_notice = True
            logger.info("call %s: a %s notice on hold; holding on", self._context.call_id,
                        "closed-line" if closed else "self-service")
        if analysis.has(Cue.SYSTEMS_DOWN) and not analysis.has(Cue.TRANSFER) and not analysis.has(Cue.HOLD):
            return Step(end=FailureReason.SYSTEMS_DOWN)
        heard = heard if heard is not None else [(analysis.text, Heard(0, 0.0, 0.0))]
        self._watching = None
        person, part_analysis = self._split(heard)
        decision = Pickup.WAIT
        if person:
            repeats = self._repeats([text for text, _ in person])
            evidence = PickupEvidence(ended_by, self._music, repeats, self._false_greeting)
            decision = decide_pickup(part_analysis, evidence)
            logger.debug("call %s: pickup %s (%s)", self._context.call_id, decision, evidence)
            if decision is Pickup.GREET:
                return self._greet(person, part_analysis)
        self._remember([text for text, _ in heard[: len(heard) - len(person)]])
        maybe_person = ended_by is not SignalKind.MUSIC and (
            decision is Pickup.WATCH or (bool(person) and content_score(part_analysis) > 0))
        if maybe_person:
            # Kept apart until music shows it was a recording: two people may greet alike on one call.
            self._tentative.append(_words(turn_text(text for text, _ in person)))
        else:
            self._remember([text for text, _ in person])
        if decision is Pickup.WATCH:
            self._watching = (self._context.now_s + WATCH_S, person)
        if analysis.has(Cue.HOLD) or analysis.has(Cue.TRANSFER):
            return Step()
        if analysis.input_request is not None or analysis.confirmation is not None or len(analysis.options) >= 2:
            return Step(phase=Phase.IVR)
        if maybe_person and content_score(part_analysis) > 0:
            # Perhaps a greeting heard badly: a check-in that follows soon hands it on.
            self._pending = (self._context.now_s, person)
        return Step()

    # Deciding

    def _greet(self, person: HeardTurn, analysis: PromptAnalysis) -> Step:
        pending, self._pending = self._pending, None
        if pending is not None and checks_in(analysis.text) and self._context.now_s - pending[0] <= PENDING_S:
            # "Hello? Are you there?" after a greeting that was not taken: the greeting names the person.
            person = pending[1] + person
        self._person_part = person
        self._tentative = []
        self._false_greeting = False
        self._greeted_text = turn_text(text for text, _ in person)
        return Step(phase=Phase.REPRESENTATIVE)

    def _split(self, heard: HeardTurn) -> tuple[HeardTurn, PromptAnalysis]:
        """Leave out the recordings that open a turn ("... available in the IVR." then "Nadia, how can I help?")."""
        start = 0
        for index, (text, _) in enumerate(heard):
            if self._is_recording(text):
                start = index + 1
        # A person starts with the greeting, so what comes before the first utterance that sounds like
        # one is an announcement cut short or a word-poor sentence, never the claim's values.
        for index in range(start, len(heard)):
            if content_score(analyze_prompt(heard[index][0])) > 0:
                start = index
                break
        person = heard[start:]
        return person, analyze_prompt(turn_text(text for text, _ in person)) if person else analyze_prompt("")

    def _is_recording(self, text: str) -> bool:
        analysis = analyze_prompt(text)
        if content_score(analysis) > 0:
            return False
        return (analysis.has(Cue.HOLD) or analysis.has(Cue.TRANSFER) or bool(_IVR_WORDS.search(normalize_prompt(text)))
                or self._repeats([text]))

    def _repeats(self, texts: list[str]) -> bool:
        words = _words(" ".join(texts))
        if not words:
            return False
        heard_before = self._heard + self._tentative
        return any(SequenceMatcher(None, words, earlier).ratio() >= REPEAT_RATIO for earlier in heard_before)

    def _remember(self, texts: list[str]) -> None:
        for text in texts:
            if not text:
                continue
            words = _words(text)
            if words and words not in self._heard:
                self._heard.append(words)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


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
    return 0 < len(words) <= 4 and words[0].strip(",") in {"hello", "hi", "hey"}
