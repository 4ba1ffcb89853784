"""Aggregate scored eval calls into the report ``payerline eval --json`` writes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from payerline.evaluation.runner import CallRun

REPORT_FORMAT = "payerline-eval/1"


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 6) if denominator else None


def _totals(runs: Sequence[CallRun]) -> dict[str, object]:
    calls = len(runs)
    exact = sum(1 for run in runs if run.score.exact)
    expected = sum(run.score.fields_expected for run in runs)
    right = sum(run.score.fields_right for run in runs)
    return {
        "calls": calls,
        "exact_calls": exact,
        "exact_rate": _ratio(exact, calls),
        "fields_expected": expected,
        "fields_right": right,
        "field_accuracy": _ratio(right, expected),
        "errors": sum(1 for run in runs if run.error),
        "simulated_seconds": round(sum(run.simulated_s for run in runs), 3),
    }


def _breakdown(runs: Sequence[CallRun], key: Callable[[CallRun], str]) -> dict[str, dict[str, object]]:
    groups: dict[str, list[CallRun]] = {}
    for run in runs:
        groups.setdefault(key(run), []).append(run)
    return {name: _totals(groups[name]) for name in sorted(groups)}


def failure_entry(run: CallRun) -> dict[str, object]:
    """Describe one call that was not exact: its ids and every item that differed."""
    return {
        "call_id": run.call_id,
        "payer_id": run.payer_id,
        "condition": run.condition,
        "rep_behaviour": run.rep_behaviour,
        "error": run.error,
        "differences": [difference.as_dict() for difference in run.score.differences],
    }


def build_report(
    runs: Sequence[CallRun],
    *,
    options: dict[str, object],
    mix: dict[str, dict[str, int]],
    wall_seconds: float,
    ivr_map_versions: Mapping[str, str | None] | None = None,
) -> dict[str, object]:
    """Return the eval report: totals, breakdowns, the mix drawn and every failure.

    ``ivr_map_versions`` gives, per payer id, the version of the IVR map the
    agent was given, or None when it ran without one. Each ``per_payer``
    entry then states it as ``ivr_map``.
    """
    report: dict[str, object] = {"format": REPORT_FORMAT, "options": options}
    report.update(_totals(runs))
    report["wall_seconds"] = round(wall_seconds, 3)
    report["per_payer"] = _breakdown(runs, lambda run: run.payer_id)
    if ivr_map_versions is not None:
        for payer_id, totals in report["per_payer"].items():
            totals["ivr_map"] = ivr_map_versions.get(payer_id)
    report["per_fault"] = _breakdown(runs, lambda run: run.condition)
    report["per_rep_behaviour"] = _breakdown(runs, lambda run: run.rep_behaviour)
    report["mix"] = mix
    report["failures"] = [failure_entry(run) for run in runs if not run.score.exact]
    return report
