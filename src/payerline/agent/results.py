"""Per-claim state during a call, and the final results with their evidence.

Evidence first points at the agent's own count of far-end utterances; the
session maps those to transcript turn indexes when it builds the results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from payerline import __version__
from payerline.agent.confirm import merge_hearings
from payerline.agent.extract import Extraction
from payerline.domain.codes import RETRYABLE, ClaimStatus, FailureReason, Outcome
from payerline.domain.result import (
    PERSON_FIELDS,
    ClaimFields,
    ClaimResult,
    Evidence,
    LineResult,
    Observed,
    Versions,
    required_fields,
)

SOURCE_IVR = "ivr"
SOURCE_REPRESENTATIVE = "representative"
NEEDS_HUMAN_REASONS = frozenset(
    {
        FailureReason.AUTOMATED_CALLS_REFUSED, FailureReason.DISALLOWED_QUESTION, FailureReason.UNESCAPABLE_LOOP,
        FailureReason.UNKEYABLE_INPUT,
    }
)


@dataclass(frozen=True)
class Heard:
    """Place of a heard value: the far-end utterance's ordinal in the call, its times and recogniser confidence."""

    utterance: int
    start_s: float
    end_s: float
    confidence: float = 1.0


def agreed_confidence(first: float, second: float) -> float:
    """Return the confidence in a value that two independent hearings agree on.

    Both hearings would have to be wrong the same way for the value to be
    wrong, so the chances of error multiply (an estimate: recognition errors
    on one line are not fully independent). Capped at 0.99.
    """
    return round(min(0.99, 1 - (1 - first) * (1 - second)), 3)


@dataclass
class FieldRecord:
    """One obtained field value and where it came from."""

    value: Any
    heard: Heard
    source: str
    confidence: float
    confirmed_by_readback: bool = False


@dataclass
class ClaimState:
    """The agent's knowledge of one claim so far."""

    index: int
    fields: dict[str, FieldRecord] = field(default_factory=dict)
    reason: FailureReason | None = None
    ivr_readout: bool = False
    ivr_not_found: bool = False
    discussed_with_person: bool = False
    refused_fields: set[str] = field(default_factory=set)
    ivr_hearings: dict[str, list[Any]] = field(default_factory=dict)
    lines: list[tuple[str | None, dict[str, Extraction[Any]], Heard]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def status(self) -> ClaimStatus | None:
        record = self.fields.get("claim_status")
        return record.value if record else None

    def record(self, name: str, extraction: Extraction[Any], heard: Heard, source: str) -> bool:
        """Store a field; a later value from a person replaces an earlier one. Returns whether it changed."""
        existing = self.fields.get(name)
        # A value from a doubtful utterance is kept, with the doubt in its confidence.
        confidence = round(extraction.confidence * heard.confidence, 3)
        if existing is not None and existing.value == extraction.value:
            # The same value heard again: two hearings that agree raise the confidence.
            agreed = agreed_confidence(existing.confidence, confidence)
            if existing.source == SOURCE_IVR and source == SOURCE_REPRESENTATIVE:
                existing.source, existing.heard = source, heard
            elif existing.source == SOURCE_IVR and source == SOURCE_IVR:
                # Count the hearing and keep the clearer one as evidence.
                self.ivr_hearings.setdefault(name, [existing.value]).append(extraction.value)
                if heard.confidence > existing.heard.confidence:
                    existing.heard = heard
            existing.confidence = agreed
            return False
        if existing is not None and source == SOURCE_IVR:
            if existing.source != SOURCE_IVR:
                return False
            # A repeated read-out: keep the value heard most often (see _vote).
            hearings = self.ivr_hearings.setdefault(name, [existing.value])
            hearings.append(extraction.value)
            winner = _vote(hearings)
            if winner == existing.value:
                return False
            confidence = min(confidence, existing.confidence)
            extraction = Extraction(winner, extraction.confidence)
        self.fields[name] = FieldRecord(extraction.value, heard, source, confidence)
        if name == "claim_status":
            found = Extraction(extraction.value is not ClaimStatus.NOT_ON_FILE, extraction.confidence)
            self.fields["found"] = FieldRecord(found.value, heard, source, found.confidence)
        elif name == "claim_number" and "found" not in self.fields:
            # A payer that reads the claim's number back has the claim on file, whatever else was lost.
            self.fields["found"] = FieldRecord(True, heard, source, confidence)
        return True

    def doubtful_ivr_fields(self, low_confidence: float) -> list[str]:
        """Name the IVR fields heard only in utterances below ``low_confidence`` and not heard alike twice."""
        doubtful = []
        for name, record in self.fields.items():
            if record.source != SOURCE_IVR or record.heard.confidence >= low_confidence:
                continue
            if self.ivr_hearings.get(name, [record.value]).count(record.value) < 2:
                doubtful.append(name)
        return doubtful

    def missing(self, person_reached: bool) -> list[str]:
        """Required fields not obtained yet."""
        return [name for name in required_fields(self.status, person_reached) if name not in self.fields]

    def missing_claim_data(self) -> list[str]:
        """Required fields, other than the person's name and reference number, not obtained yet."""
        return [name for name in self.missing(False) if name not in PERSON_FIELDS]


def _vote(values: list[Any]) -> Any:
    """Pick the value heard most often; on a tie, the one with the most digits.

    Speech recognition loses words far more often than it invents them, so
    of two differing hearings the fuller one is more likely right.
    """
    if all(type(value) is str for value in values):  # identifiers, not StrEnum statuses
        return merge_hearings([str(value) for value in values])  # identifiers: see agent/confirm.py

    def weight(value: Any) -> tuple[int, int, int]:
        text = str(value)
        return values.count(value), len(text), sum(char.isdigit() and char != "0" for char in text)

    return max(values, key=weight)


@dataclass(frozen=True)
class CallFacts:
    """Call-level facts that shape every claim's result."""

    call_id: str
    request_id: str
    payer_id: str
    person_reached: bool
    stop_reason: FailureReason | None
    started_at: datetime
    ended_at: datetime
    ivr_map_version: str | None
    payer_file_version: str | None


def build_result(claim: ClaimState, facts: CallFacts, utterance_turns: list[int] | None) -> ClaimResult:
    """Assemble one claim's result: outcome, reason, missing fields and evidence."""
    person = facts.person_reached and claim.discussed_with_person
    missing = claim.missing(person)
    required = required_fields(claim.status, person)
    obtained_any = any(name in claim.fields for name in required)
    outcome, reason = _outcome(claim, facts, missing, obtained_any)
    status = claim.status
    return ClaimResult(
        call_id=facts.call_id,
        request_id=facts.request_id,
        claim_index=claim.index,
        payer_id=facts.payer_id,
        outcome=outcome,
        reason=reason,
        retryable=RETRYABLE[reason] if reason is not None else None,
        missing_fields=missing,
        person_reached=facts.person_reached,
        x12_status_category=status.x12_category if status is not None else None,
        fields=ClaimFields(**{name: _observed(record, utterance_turns) for name, record in claim.fields.items()}),
        line_results=_line_results(claim, utterance_turns),
        versions=Versions(agent=__version__, payer_file=facts.payer_file_version, ivr_map=facts.ivr_map_version),
        started_at=facts.started_at.isoformat(),
        ended_at=facts.ended_at.isoformat(),
        notes=list(claim.notes),
    )


def _outcome(
    claim: ClaimState, facts: CallFacts, missing: list[str], obtained_any: bool
) -> tuple[Outcome, FailureReason | None]:
    if not missing:
        return Outcome.COMPLETED, None
    refused = FailureReason.PAYER_REFUSED if claim.refused_fields & set(missing) else None
    reason = claim.reason or facts.stop_reason or refused or FailureReason.INFORMATION_INCOMPLETE
    not_found = claim.status is ClaimStatus.NOT_ON_FILE or (claim.status is None and claim.ivr_not_found)
    if not_found and reason in (FailureReason.INFORMATION_INCOMPLETE, FailureReason.PAYER_REFUSED):
        # "I don't have a timely filing limit for that one" about a claim with no record is no refusal.
        reason = FailureReason.CLAIM_NOT_FOUND
    if reason in NEEDS_HUMAN_REASONS:
        return Outcome.NEEDS_HUMAN, reason
    return (Outcome.PARTIAL if obtained_any else Outcome.FAILED), reason


def _line_results(claim: ClaimState, utterance_turns: list[int] | None) -> list[LineResult]:
    results = []
    for procedure_code, fields, heard in claim.lines:
        if procedure_code is None:
            continue
        record = FieldRecord(None, heard, SOURCE_IVR, 1.0)
        status = fields.get("claim_status")
        carcs = fields.get("carc_codes")
        results.append(
            LineResult(
                procedure_code=procedure_code,
                status=status.value if status else None,
                billed_amount=_value(fields, "billed_amount"),
                allowed_amount=_value(fields, "allowed_amount"),
                paid_amount=_value(fields, "paid_amount"),
                carc_codes=carcs.value if carcs else [],
                evidence=_observed(record, utterance_turns).evidence,
            )
        )
    return results


def _value(fields: dict[str, Extraction[Any]], name: str) -> Any:
    extraction = fields.get(name)
    return extraction.value if extraction is not None else None


def _observed(record: FieldRecord, utterance_turns: list[int] | None) -> Observed[Any]:
    turn = record.heard.utterance
    if utterance_turns is not None and 0 <= turn < len(utterance_turns):
        turn = utterance_turns[turn]
    evidence = Evidence(
        turn_index=turn, start_s=record.heard.start_s, end_s=record.heard.end_s, source=record.source
    )
    return Observed(
        value=record.value,
        evidence=evidence,
        confidence=record.confidence,
        confirmed_by_readback=record.confirmed_by_readback,
    )
