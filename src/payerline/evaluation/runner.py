"""Run planned eval calls against sandbox payers and score them.

The runner is not core call code. It measures each call's wall time with
``time.perf_counter``, the only real clock the eval reads. The call itself
runs on a :class:`VirtualClock` started at the scenario's start time.
It is also a task boundary: an exception in one call is logged with its
traceback and recorded as that call's failure, and the run goes on.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

import payerline
from payerline.clock import Clock, VirtualClock
from payerline.domain.request import ClaimStatusRequest
from payerline.domain.result import ClaimResult
from payerline.domain.transcript import Transcript
from payerline.evaluation.asr_noise import make_text_filter
from payerline.evaluation.expected import ExpectedCall, PersonFacts, expected_call
from payerline.evaluation.mix import PayerProfile, PlannedCall
from payerline.evaluation.requests import build_request, find_claim, find_member
from payerline.evaluation.scoring import CallScore, Difference, score_call
from payerline.sandbox.records import ClaimRecord
from payerline.sandbox.scenario import FaultKind, Scenario
from payerline.telephony.transport import CallTransport

if TYPE_CHECKING:
    from payerline.payers.ivr_map import IvrMap
    from payerline.sandbox.payer_file import PayerFile

logger = logging.getLogger(__name__)

TextFilter = Callable[[str], str]
LineFactory = Callable[["PayerFile", Scenario, VirtualClock, TextFilter | None], CallTransport]
PersonFactsReader = Callable[[CallTransport], PersonFacts]
# The fields the IVR read out for a claim, from the sentences heard and all the call's claims.
IvrFields = Callable[[ClaimRecord, frozenset[str], tuple[ClaimRecord, ...]], frozenset[str]]


class CallOutputLike(Protocol):
    """The call output :func:`payerline.agent.session.run_call` returns."""

    results: list[ClaimResult]
    transcript: Transcript
    simulated_s: float


class CallRunner(Protocol):
    """The signature of :func:`payerline.agent.session.run_call`."""

    def __call__(
        self,
        request: ClaimStatusRequest,
        transport: CallTransport,
        clock: Clock,
        *,
        call_id: str,
        ivr_map: IvrMap | None = None,
        config: Any = None,
        payer_file_version: str | None = None,
    ) -> CallOutputLike: ...


@dataclass(frozen=True)
class EvalPayer:
    """One sandbox payer as the eval uses it."""

    payer: PayerFile
    ivr_map: IvrMap | None
    profile: PayerProfile
    ivr_fields: IvrFields
    ivr_possible: Callable[[ClaimRecord], frozenset[str]] = lambda claim: frozenset()


@dataclass(frozen=True)
class Harness:
    """The sandbox line, the agent and the sandbox's truth reader the runner plugs together.

    Tests pass fakes built on the same interfaces; :func:`default_harness`
    gives the real ones.
    """

    make_line: LineFactory
    run_call: CallRunner
    read_person_facts: PersonFactsReader


@dataclass(frozen=True)
class CallRun:
    """One call of an eval run, with its score. ``error`` is set when the call raised."""

    call_id: str
    payer_id: str
    condition: str
    rep_behaviour: str
    results: tuple[ClaimResult, ...]
    transcript: Transcript | None
    expected: ExpectedCall | None
    score: CallScore
    simulated_s: float
    wall_s: float
    error: str | None = None
    sandbox_log: tuple[str, ...] = ()


class FarEndRecorder:
    """A text filter that keeps every far-end sentence as the sandbox spoke it.

    The eval learns from these which self-service read-outs the IVR actually
    played. It then applies the ASR noise filter, if any, to what the agent
    hears.
    """

    def __init__(self, noise: Callable[[str], str | tuple[str, float]] | None) -> None:
        self.noise = noise
        self.texts: list[str] = []

    def __call__(self, text: str) -> str | tuple[str, float]:
        """Record ``text`` as spoken; return what the noise filter makes of it (text, or text and confidence)."""
        self.texts.append(text)
        return self.noise(text) if self.noise is not None else text


def default_harness() -> Harness:
    """Return the harness made of the real sandbox line and the real agent."""
    from payerline.agent.session import run_call
    from payerline.evaluation.sandbox_facts import read_person_facts
    from payerline.sandbox.line import SandboxLine

    def make_line(payer: PayerFile, scenario: Scenario, clock: VirtualClock,
                  text_filter: TextFilter | None) -> CallTransport:
        return SandboxLine(payer, scenario, clock, text_filter=text_filter)

    return Harness(make_line=make_line, run_call=run_call, read_person_facts=read_person_facts)


def request_for(planned: PlannedCall, profile: PayerProfile) -> ClaimStatusRequest:
    """Build the request the biller sends for ``planned``."""
    scenario = planned.scenario
    return build_request(
        request_id=scenario.scenario_id,
        payer_id=profile.payer_id,
        line_of_business=profile.line_of_business,
        records=profile.records,
        member_id=planned.member_id,
        claim_ids=scenario.claim_ids,
        knows_claim_number=planned.knows_claim_number,
        rng=random.Random(scenario.seed),
        request_member_id=planned.request_member_id,
    )


def claim_records(planned: PlannedCall, profile: PayerProfile) -> list[ClaimRecord]:
    """Return the records of ``planned``'s claims, in request order."""
    member = find_member(profile.records, planned.member_id)
    return [find_claim(member, claim_id) for claim_id in planned.scenario.claim_ids]


def twin_readings(
    planned: PlannedCall, profile: PayerProfile, request: ClaimStatusRequest, records: list[ClaimRecord],
) -> list[list[ClaimRecord]]:
    """Return the call's claim lists with one claim swapped for a twin the request cannot tell it from.

    A payer may hold two claims of one member with the same provider, dates
    of service, charges and procedure codes (a claim and its duplicate, or a
    voided claim and its replacement). A request without the payer's claim number matches
    both, so a result about either one is right for it.
    """
    member = find_member(profile.records, planned.member_id)
    requested = {record.id for record in records}
    readings: list[list[ClaimRecord]] = []
    for index, (record, query) in enumerate(zip(records, request.claims, strict=True)):
        if query.payer_claim_number is not None:
            continue
        for other in member.claims:
            if _billed_alike(other, record) and other.id not in requested:
                readings.append([*records[:index], other, *records[index + 1:]])
        # Two requests for twin claims, neither with a claim number, are the same request twice: the claims
        # may be reported in either order.
        for later in range(index + 1, len(records)):
            if request.claims[later].payer_claim_number is None and _billed_alike(records[later], record):
                swapped = list(records)
                swapped[index], swapped[later] = records[later], record
                readings.append(swapped)
    return readings


def _billed_alike(one: ClaimRecord, other: ClaimRecord) -> bool:
    """Tell whether two claims look the same to a biller: provider, dates of service, charges and codes.

    A claim the payer file gives no lines (a voided claim, say) has no codes to tell it apart by.
    """
    codes_alike = not one.lines or not other.lines or _procedure_codes(one) == _procedure_codes(other)
    return codes_alike and (one.billing_npi, one.service_date_from, one.service_date_to, one.billed_amount) == (
        other.billing_npi, other.service_date_from, other.service_date_to, other.billed_amount)


def _procedure_codes(record: ClaimRecord) -> list[str]:
    # The request carries the claim's lines, so claims with other procedure codes are not twins.
    return [line.procedure_code for line in record.lines]


def with_versions(result: ClaimResult, payer: PayerFile, ivr_map: IvrMap | None) -> ClaimResult:
    """Return ``result`` with the payer file, IVR map and agent versions filled in."""
    versions = result.versions.model_copy(update={
        "agent": result.versions.agent or payerline.__version__,
        "payer_file": payer.version,
        "ivr_map": ivr_map.version if ivr_map is not None else None,
    })
    return result.model_copy(update={"versions": versions})


def run_planned_call(
    planned: PlannedCall,
    eval_payer: EvalPayer,
    harness: Harness,
    *,
    asr_noise_rate: float = 0.0,
) -> CallRun:
    """Run and score one planned call.

    An exception raised by the sandbox line or the agent is logged and
    returned as a failed :class:`CallRun`, never raised.
    """
    scenario = planned.scenario
    started = time.perf_counter()
    records = claim_records(planned, eval_payer.profile)
    line: CallTransport | None = None
    try:
        request = request_for(planned, eval_payer.profile)
        clock = VirtualClock(scenario.start)
        # The noise generator is seeded from the scenario so a noisy run replays exactly.
        noise_rng = random.Random(f"asr-noise:{scenario.seed}")
        noise = make_text_filter(asr_noise_rate, noise_rng) if asr_noise_rate > 0 else None
        recorder = FarEndRecorder(noise)
        line = harness.make_line(eval_payer.payer, scenario, clock, recorder)
        output = harness.run_call(
            request, line, clock,
            call_id=scenario.scenario_id,
            ivr_map=eval_payer.ivr_map,
            payer_file_version=eval_payer.payer.version,
        )
        results = tuple(with_versions(result, eval_payer.payer, eval_payer.ivr_map) for result in output.results)
        heard = frozenset(recorder.texts)
        person = harness.read_person_facts(line)

        def expect(claims: list[ClaimRecord], person_for_unread: bool = False) -> ExpectedCall:
            return expected_call(
                planned, claims, lambda claim: eval_payer.ivr_fields(claim, heard, tuple(claims)),
                person, withheld=eval_payer.profile.withheld_fields, ivr_possible=eval_payer.ivr_possible,
                person_for_unread=person_for_unread,
            )

        expected = expect(records)
        score = score_call(expected, results)
        # The request cannot tell twins apart, so a result about either is right. On a one-claim line the person
        # may also have taken a claim the IVR could have read (see expected_call).
        readings = [(twins, False) for twins in twin_readings(planned, eval_payer.profile, request, records)]
        if planned.condition == FaultKind.ONE_CLAIM_PER_CALL.value:
            readings = [(records, True), *readings, *[(twins, True) for twins, _ in readings]]
        for claims, person_for_unread in readings:
            if score.exact:
                break
            other_expected = expect(claims, person_for_unread)
            other_score = score_call(other_expected, results)
            if other_score.exact:
                expected, score = other_expected, other_score
        return CallRun(
            call_id=scenario.scenario_id,
            payer_id=scenario.payer_id,
            condition=planned.condition,
            rep_behaviour=scenario.rep_behaviour.value,
            results=results,
            transcript=output.transcript,
            expected=expected,
            score=score,
            simulated_s=output.simulated_s,
            wall_s=time.perf_counter() - started,
            sandbox_log=tuple(getattr(line, "log", ())),
        )
    except Exception as error:  # noqa: BLE001 - one call is the task boundary
        logger.exception("eval call %s on payer %s failed", scenario.scenario_id, scenario.payer_id)
        failed = _failed_run(planned, eval_payer, records, error, time.perf_counter() - started)
        return replace(failed, sandbox_log=tuple(getattr(line, "log", ())))
    finally:
        if line is not None:
            line.close()


def _failed_run(
    planned: PlannedCall, eval_payer: EvalPayer, records: list[ClaimRecord], error: Exception, wall_s: float,
) -> CallRun:
    """Record a call that raised: every expected field counts as wrong."""
    expected = expected_call(
        planned, records, lambda claim: frozenset(), PersonFacts(None, None),
        withheld=eval_payer.profile.withheld_fields,
    )
    fields_expected = sum(
        len(claim.values) + len(claim.missing) + len(claim.optional) for claim in expected.claims
    )
    message = f"{type(error).__name__}: {error}"
    return CallRun(
        call_id=planned.scenario.scenario_id,
        payer_id=planned.scenario.payer_id,
        condition=planned.condition,
        rep_behaviour=planned.scenario.rep_behaviour.value,
        results=(),
        transcript=None,
        expected=expected,
        score=CallScore(
            exact=False,
            fields_expected=fields_expected,
            fields_right=0,
            differences=(Difference(0, "error", "no error", message),),
        ),
        simulated_s=0.0,
        wall_s=wall_s,
        error=message,
    )
