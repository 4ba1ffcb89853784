"""Agent configuration: what it says, how long it waits, and its limits."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class AgentConfig(BaseModel):
    """Settings for one call agent. Durations are seconds of call time."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    disclosure: str = Field(
        default="This is an automated assistant calling on behalf of {practice}.",
        description="said when a person picks up; {practice} and {caller} are filled from the request",
    )
    recording_notice: str = Field(
        default="This call is being recorded for our records.",
        description="said right after the disclosure",
    )
    dial_number: str | None = Field(
        default=None, description="number passed to the transport's dial(); the request's payer_id when unset"
    )
    max_hold_s: float = Field(default=5400, gt=0, description="longest hold before giving up (no_person_reached)")
    end_of_turn_s: float = Field(
        default=1.2, gt=0, description="far-end pause that ends a turn, so the agent may answer it"
    )
    ivr_wait_s: float = Field(default=12, gt=0, description="listen time-out while waiting for the next IVR prompt")
    hold_poll_s: float = Field(default=60, gt=0, description="listen time-out while on hold")
    representative_wait_s: float = Field(
        default=20, gt=0, description="silence from a representative before the agent asks again"
    )
    ack_wait_s: float = Field(
        default=4.0, gt=0, description="pause after a representative's bare 'okay' before the agent goes on"
    )
    ivr_silence_to_hold_s: float = Field(
        default=45, gt=0, description="IVR silence after which the agent assumes it is being transferred"
    )
    max_menu_repeats: int = Field(default=3, ge=2, description="hearings of the same menu before escaping it")
    max_entry_attempts: int = Field(default=3, ge=1, description="tries per IVR entry before giving up on it")
    max_question_attempts: int = Field(default=2, ge=1, description="times each question is asked")
    max_call_s: float = Field(default=4 * 3600, gt=0, description="hard limit on one call's simulated length")
    max_events: int = Field(default=50_000, gt=0, description="hard limit on line events handled in one call")
    prefer_self_service: bool = Field(
        default=True, description="take the IVR's claim-status read-out before asking for a person"
    )
