"""State shared by the agent's parts during one call, and the step type they return."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from payerline.agent.config import AgentConfig
from payerline.agent.confirm import MAX_RECOVERED_DIGITS, is_subsequence
from payerline.agent.extract import Extraction
from payerline.agent.results import SOURCE_IVR, SOURCE_REPRESENTATIVE, ClaimState, FieldRecord, Heard, agreed_confidence
from payerline.domain.codes import FailureReason
from payerline.domain.request import ClaimQuery, ClaimStatusRequest
from payerline.domain.result import PERSON_FIELDS
from payerline.payers.ivr_map import DateFormat, IvrMap, LetterMethod
from payerline.telephony.actions import Action

logger = logging.getLogger(__name__)


class Phase(StrEnum):
    """Phases of a call, in their usual order."""

    DIAL = "dial"
    IVR = "ivr"
    HOLD = "hold"
    REPRESENTATIVE = "representative"
    WRAP_UP = "wrap_up"


@dataclass
class Step:
    """Decision of one part of the agent for one far-end turn or signal.

    ``phase`` asks for a phase change. ``end`` stops the call: the reason is
    recorded for every claim that is not complete, and the agent hangs up.
    ``finished`` stops the call normally (everything asked, or nothing more
    to ask).
    """

    actions: list[Action] = field(default_factory=list)
    phase: Phase | None = None
    end: FailureReason | None = None
    finished: bool = False


@dataclass
class CallContext:
    """Everything the navigator, hold monitor and dialog share about the call."""

    request: ClaimStatusRequest
    config: AgentConfig
    ivr_map: IvrMap | None
    call_date: date
    call_id: str
    claims: list[ClaimState]
    ivr_claim: int = 0
    rep_claim: int = 0
    person_reached: bool = False
    stop_reason: FailureReason | None = None
    last_fault: FailureReason | None = None
    # Whether the last IVR entry identified the member (its ID, name or birth date): a generic failure right after
    # it is the member not found.
    member_entry_last: bool = False
    # The last fault came from a notice heard on hold, which explains only a hang-up that follows it at once.
    fault_from_notice: bool = False
    sent_to_ivr: int = 0
    # Claim numbers the IVR read for a claim's dates and charges besides the one kept (its twins), by claim.
    twin_numbers: dict[int, set[str]] = field(default_factory=dict)
    # Which claim of an IVR listing was kept for a claim ("Claim two, ..."), when twins were distinguished by place.
    kept_ordinals: dict[int, int] = field(default_factory=dict)
    last_letter_method: LetterMethod | None = None
    # The date format the IVR last stated; its later date prompts that lose the format use it.
    last_date_format: DateFormat | None = None
    person_fields: dict[str, FieldRecord] = field(default_factory=dict)
    now_s: float = 0.0

    def claim_query(self, index: int) -> ClaimQuery:
        return self.request.claims[min(index, len(self.request.claims) - 1)]

    def capture(self, claim_index: int, values: dict[str, Extraction[Any]], heard: Heard, source: str) -> list[str]:
        """Record extracted fields; person fields go to the call, the rest to the claim. Returns changed names."""
        changed = []
        claim = self.claims[min(claim_index, len(self.claims) - 1)]
        for name, extraction in values.items():
            if name == "claim_number" and source == SOURCE_REPRESENTATIVE:
                extraction = self.known_claim_number(claim_index, extraction)
                self.forget_other_claims_readout(claim, str(extraction.value))
            if name in PERSON_FIELDS:
                if source != SOURCE_REPRESENTATIVE:
                    continue
                # Like claim fields: a doubtful utterance lowers the confidence, an agreeing hearing raises it.
                confidence = round(extraction.confidence * heard.confidence, 3)
                existing = self.person_fields.get(name)
                if existing is None or existing.value != extraction.value:
                    self.person_fields[name] = FieldRecord(extraction.value, heard, source, confidence)
                    changed.append(name)
                else:
                    existing.confidence = agreed_confidence(existing.confidence, confidence)
            elif claim.record(name, extraction, heard, source):
                changed.append(name)
        if changed:
            logger.debug("call %s claim %d: captured %s from %s", self.call_id, claim_index, changed, source)
        return changed

    def forget_other_claims_readout(self, claim: ClaimState, number: str) -> bool:
        """Drop what the IVR read when a person names another claim of the request's dates.

        A request with no claim number can match two claims (a voided claim
        and its replacement). When the IVR read one and the person is looking
        at the other, a result mixing the two describes neither. So the
        person's claim is kept, and the person is asked for the rest.
        """
        read = claim.fields.get("claim_number")
        if read is None or read.source != SOURCE_IVR or self.claim_query(claim.index).payer_claim_number is not None:
            return False
        # Only a twin the IVR read too: a number garbled on the line is no other claim.
        twins = self.twin_numbers.get(claim.index, set())
        if not _other_claim_number(number, str(read.value)) or not any(
                not _other_claim_number(number, twin) for twin in twins):
            return False
        logger.info("call %s claim %d: the person named another claim than the IVR read; dropping the read-out",
                    self.call_id, claim.index)
        for name in [name for name, record in claim.fields.items() if record.source == SOURCE_IVR]:
            del claim.fields[name]
        claim.ivr_hearings.clear()
        claim.lines.clear()
        return True

    def known_claim_number(self, claim_index: int, extraction: Extraction[Any]) -> Extraction[Any]:
        """Return the request's claim number for a hearing of it that lost a digit or two.

        The caller knows the number it inquires about, so "one zero two six ..." heard for
        "four one zero two six ..." is that number, not another claim's.
        """
        known = self.claim_query(claim_index).payer_claim_number
        heard = str(extraction.value)
        if known is None or heard == known or len(known) - len(heard) > MAX_RECOVERED_DIGITS:
            return extraction
        return Extraction(known, extraction.confidence) if is_subsequence(heard, known) else extraction

    def claims_missing_data(self) -> list[int]:
        """Indexes of claims still missing required claim data (person fields aside)."""
        return [claim.index for claim in self.claims if claim.missing_claim_data() and claim.reason is None]


def _other_claim_number(heard: str, read: str) -> bool:
    """Tell whether two claim numbers name two claims, not one heard twice with a digit or two lost or changed."""
    short, long = sorted((heard, read), key=len)
    if len(long) - len(short) <= MAX_RECOVERED_DIGITS and is_subsequence(short, long):
        return False
    if len(heard) == len(read):
        return sum(a != b for a, b in zip(heard, read, strict=True)) > MAX_RECOVERED_DIGITS
    return True
