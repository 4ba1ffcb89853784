"""One sandbox call from pickup to disconnect: hours, IVR, hold, representative, faults.

Faults and where they act:

- ``drop`` at ``ivr``: after the 2nd to 4th prompt, or at the transfer if
  that comes first. At ``hold``: part-way through the hold. At
  ``representative``: after the 1st to 3rd answer, or at the closing.
- ``systems_down``: the IVR plays the outage message at its first record
  lookup and disconnects; a representative reached first says it and hangs up.
- ``no_automated_calls``: the representative refuses after the caller's
  first words, then hangs up.
- ``wrong_department``: the first transfer reaches another department,
  which cannot see claims and hangs up.
- ``one_claim_per_call``: the representative answers the first claim and
  refuses any other one.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Generator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from payerline.sandbox.hold import hold_queue, sample_hold_s
from payerline.sandbox.hours import data_open, line_open, local_time
from payerline.sandbox.ivr import Disconnect, IvrRunner
from payerline.sandbox.lookup import Session
from payerline.sandbox.ops import Hangup, Play, Script, Spoken
from payerline.sandbox.phrases import PhraseBank
from payerline.sandbox.scenario import DropPoint, FaultKind

if TYPE_CHECKING:
    from payerline.sandbox.line import SandboxLine

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RepContact:
    """A representative who picked up, with the reference number they give."""

    name: str
    reference_number: str
    department: str
    at_s: float


class Dropped(Exception):
    """The scenario's drop fault fired: the line goes dead without a message."""


class CallScript:
    """The far end of one call, as a generator of line operations."""

    def __init__(self, line: SandboxLine, rng: random.Random) -> None:
        self.line = line
        self.payer = line.payer
        self.scenario = line.scenario
        self.rng = rng
        reps = self.payer.representatives
        self.bank = PhraseBank.default().overlaid(reps.phrases, reps.field_phrases)
        self.session = Session()
        self.prompts_played = 0
        self.transfers = 0
        self._fired: set[FaultKind] = set()
        fault = self.scenario.fault
        self.drop_point = (self.scenario.drop_point or DropPoint.IVR) if fault == FaultKind.DROP else None
        self.drop_after_prompts = rng.randint(2, 4) if self.drop_point == DropPoint.IVR else None
        self.drop_after_answers = rng.randint(1, 3) if self.drop_point == DropPoint.REPRESENTATIVE else None
        self.rep_behaviour_pending = True

    # -- helpers the IVR and representative use ----------------------------

    def note(self, message: str) -> None:
        self.line.note(message)

    def local_now(self) -> datetime:
        instant = self.line.clock.start + timedelta(seconds=self.line.script_time_s())
        return local_time(instant, self.payer.timezone)

    def today(self) -> date:
        return self.local_now().date()

    def data_open(self) -> bool:
        return data_open(self.payer.hours, self.local_now())

    def fault_pending(self, kind: FaultKind) -> bool:
        """Return True once for the scenario's fault of ``kind``, then False."""
        if self.scenario.fault != kind or kind in self._fired:
            return False
        self._fired.add(kind)
        return True

    def fault_is(self, kind: FaultKind) -> bool:
        return self.scenario.fault == kind

    def ivr_say(self, texts: list[str], *, barge_in: bool = False, error: bool = False) -> Generator[object, object, bool]:
        """Play IVR prompts; returns whether the caller barged in. An ``error`` prompt discards keys typed ahead."""
        if not texts:
            return False
        gap = self.payer.ivr.defaults.sentence_gap_s
        interrupted = yield Play(tuple(Spoken(text) for text in texts), barge_in=barge_in, gap_s=gap,
                                 flush_typeahead=error)
        self.prompts_played += 1
        if self.drop_after_prompts is not None and self.prompts_played >= self.drop_after_prompts:
            self.note(f"fault drop in the IVR after {self.prompts_played} prompts")
            raise Dropped()
        return bool(interrupted)

    # -- the call ----------------------------------------------------------

    def run(self) -> Script:
        try:
            yield from self._run()
        except Dropped:
            self.note("line dropped")
        except Disconnect as stop:
            self.note(f"far end disconnects: {stop}")
        yield Hangup()

    def _run(self) -> Script:
        if not line_open(self.payer.hours, self.local_now()):
            self.note("call outside business hours")
            yield from self.ivr_say(self.payer.hours.closed_message)
            return
        ivr = IvrRunner(self)
        node_id = self.payer.ivr.start
        while True:
            exit = yield from ivr.run(node_id)
            if exit.kind == "hangup":
                return
            if self.drop_after_prompts is not None:
                self.note("fault drop in the IVR at the transfer")
                raise Dropped()
            self.transfers += 1
            yield from self._hold()
            from payerline.sandbox.representative import Representative

            wrong = self.transfers == 1 and self.fault_is(FaultKind.WRONG_DEPARTMENT)
            outcome = yield from Representative(self, wrong_department=wrong).run()
            if outcome != "to_ivr":
                return
            node_id = self.payer.representatives.send_to_ivr_goto or self.payer.ivr.main

    def _hold(self) -> Script:
        hold = self.payer.hold
        if self.scenario.hold_s is not None and self.transfers == 1:
            duration = self.scenario.hold_s
        else:
            duration = sample_hold_s(hold.distribution, self.rng)
        dropping = self.drop_point == DropPoint.HOLD and self.transfers == 1
        if dropping:
            duration = round(duration * self.rng.uniform(0.2, 0.8), 1)
        texts = hold.announcements.texts or self.bank.hold_announcements
        self.note(f"hold {duration:.1f} s, music {'on' if hold.music else 'off'}")
        yield from hold_queue(hold, duration, texts, self.rng)
        if dropping:
            self.note("fault drop during hold")
            raise Dropped()
