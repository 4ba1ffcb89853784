"""One simulated call's setting: which payer, when, which claims, what goes wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class FaultKind(StrEnum):
    """Faults a sandbox payer can inject."""

    DROP = "drop"
    WRONG_DEPARTMENT = "wrong_department"
    SYSTEMS_DOWN = "systems_down"
    NO_AUTOMATED_CALLS = "no_automated_calls"
    ONE_CLAIM_PER_CALL = "one_claim_per_call"


class DropPoint(StrEnum):
    """The point at which a ``drop`` fault disconnects the line."""

    IVR = "ivr"
    HOLD = "hold"
    REPRESENTATIVE = "representative"


class RepBehaviour(StrEnum):
    """The representative's manner in a scenario. Phrasing itself lives in payer files."""

    STANDARD = "standard"
    ASKS_SSN = "asks_ssn"
    SELF_CORRECTS = "self_corrects"
    SPELLS_PHONETIC = "spells_phonetic"
    GROUPS_DIGITS = "groups_digits"
    MUMBLES_ONCE = "mumbles_once"
    SENDS_TO_IVR = "sends_to_ivr"


@dataclass(frozen=True)
class Scenario:
    """The full setting of one sandbox call; the same scenario replays exactly.

    Attributes:
        claim_ids: record ids (in the payer file) of the claims the request
            asks about, in request order. A claim the payer has no record of
            is still a record, with status ``not_on_file``.
        hold_s: seconds in the hold queue; None samples the payer's distribution.
    """

    scenario_id: str
    payer_id: str
    seed: int
    start: datetime
    member_id: str
    claim_ids: tuple[str, ...]
    fault: FaultKind | None = None
    drop_point: DropPoint | None = None
    rep_behaviour: RepBehaviour = RepBehaviour.STANDARD
    hold_s: float | None = None
    extra: dict[str, str] = field(default_factory=dict)
