"""Call transcripts: both sides of the line, timestamped."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

TRANSCRIPT_SCHEMA_VERSION = "1"


class Side(StrEnum):
    """Which end of the line a turn came from. Not a speaker label: the far
    end can be an IVR, a recording or a person, and the transcript does not say."""

    AGENT = "agent"
    FAR_END = "far_end"


class TurnKind(StrEnum):
    """The kind of content in a transcript turn."""

    SPEECH = "speech"
    DTMF = "dtmf"
    SIGNAL = "signal"
    EVENT = "event"


class Turn(BaseModel):
    """One entry on the transcript. ``index`` is what result evidence points to."""

    model_config = ConfigDict(extra="forbid")

    index: int = Field(ge=0)
    side: Side
    kind: TurnKind
    start_s: float = Field(ge=0)
    end_s: float = Field(ge=0)
    text: str = ""
    digits: str = ""
    confidence: float | None = None
    signal: str | None = None


class Transcript(BaseModel):
    """The full record of one call."""

    model_config = ConfigDict(extra="forbid")

    schema_version: str = TRANSCRIPT_SCHEMA_VERSION
    call_id: str
    payer_id: str
    started_at: str = Field(description="ISO 8601 start time of the call, UTC")
    turns: list[Turn] = Field(default_factory=list)

    def append(self, **fields: object) -> Turn:
        """Add a turn at the next index and return it."""
        turn = Turn(index=len(self.turns), **fields)
        self.turns.append(turn)
        return turn
