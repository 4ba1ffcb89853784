"""Score a call's results against what its scenario should yield.

Ids, codes, amounts and dates must match exactly; names match ignoring case
and spacing; free text (``missing_information``) is not scored. A field the
scenario makes unobtainable is right when the result lists it in
``missing_fields`` and gives no value for it, or gives its true value without
listing it (a value the expectation does not model, such as charges summed
from the lines). A field the scenario may or may
not let the call obtain is right with its true value or with none. A call is
exact when, for every
claim, the outcome, the reason and every expected field are right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from payerline.domain.result import ClaimResult
from payerline.evaluation.expected import ExpectedCall, ExpectedClaim

NAME_FIELDS = frozenset({"representative_name"})
UNSCORED_FIELDS = frozenset({"missing_information"})
# A biller files CARCs and RARCs as a set: the order a person reads them in
# carries no meaning, so code lists are compared sorted.
CODE_LIST_FIELDS = frozenset({"carc_codes", "rarc_codes"})


@dataclass(frozen=True)
class Difference:
    """One scored item that did not match: an outcome, a reason or a field."""

    claim_index: int
    item: str
    expected: str
    got: str

    def as_dict(self) -> dict[str, object]:
        return {"claim_index": self.claim_index, "item": self.item, "expected": self.expected, "got": self.got}


@dataclass(frozen=True)
class CallScore:
    """The score of one call. ``fields_right`` counts toward field accuracy."""

    exact: bool
    fields_expected: int
    fields_right: int
    differences: tuple[Difference, ...]


def _text(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return "[" + ", ".join(str(item) for item in value) + "]"
    if isinstance(value, date | Decimal):
        return str(value)
    return str(value)


def _normalise_name(value: object) -> str:
    return " ".join(str(value).split()).casefold()


def values_match(name: str, expected: object, got: object) -> bool:
    """Return whether a result value ``got`` counts as the true value ``expected``."""
    if got is None or expected is None:
        return got is None and expected is None
    if name in NAME_FIELDS:
        return _normalise_name(expected) == _normalise_name(got)
    if name in CODE_LIST_FIELDS:
        return sorted(str(code) for code in expected) == sorted(str(code) for code in got)
    if isinstance(expected, Decimal):
        try:
            return Decimal(str(got)) == expected
        except InvalidOperation:
            return False
    if isinstance(expected, bool) or isinstance(got, bool):
        return expected is got
    return expected == got


def _result_value(result: ClaimResult, name: str) -> object:
    observed = getattr(result.fields, name)
    return None if observed is None else observed.value


def score_claim(expected: ExpectedClaim, result: ClaimResult | None) -> tuple[int, int, list[Difference]]:
    """Score one claim. Returns (fields expected, fields right, differences)."""
    index = expected.claim_index
    differences: list[Difference] = []
    expected_count = len(expected.values) + len(expected.missing) + len(expected.optional)
    if result is None:
        differences.append(Difference(index, "result", "a result for this claim", "(none)"))
        return expected_count, 0, differences

    if result.outcome != expected.outcome and result.outcome not in expected.other_outcomes:
        differences.append(Difference(index, "outcome", expected.outcome.value, result.outcome.value))
    expected_reason = expected.reason.value if expected.reason else None
    got_reason = result.reason.value if result.reason else None
    if expected_reason != got_reason:
        differences.append(Difference(index, "reason", _text(expected_reason), _text(got_reason)))

    right = 0
    for name, true_value in expected.values.items():
        got = _result_value(result, name)
        if values_match(name, true_value, got):
            right += 1
        else:
            differences.append(Difference(index, name, _text(true_value), _text(got)))
    for name, true_value in expected.optional.items():
        got = _result_value(result, name)
        if got is None or values_match(name, true_value, got):
            right += 1
        else:
            differences.append(Difference(index, name, f"{_text(true_value)} or none", _text(got)))
    for name in expected.missing:
        got = _result_value(result, name)
        listed = name in result.missing_fields
        if (listed and got is None) or (
                not listed and got is not None and name in expected.missing_truth
                and values_match(name, expected.missing_truth[name], got)):
            right += 1
        else:
            shown = _text(got) if got is not None else "not in missing_fields"
            differences.append(Difference(index, name, "in missing_fields", shown))
    return expected_count, right, differences


def score_call(expected: ExpectedCall, results: Sequence[ClaimResult]) -> CallScore:
    """Score every claim of one call against ``results`` (matched by ``claim_index``)."""
    by_index = {result.claim_index: result for result in results}
    total_expected = 0
    total_right = 0
    differences: list[Difference] = []
    for claim in expected.claims:
        count, right, claim_differences = score_claim(claim, by_index.get(claim.claim_index))
        total_expected += count
        total_right += right
        differences.extend(claim_differences)
    extra = sorted(set(by_index) - {claim.claim_index for claim in expected.claims})
    for index in extra:
        differences.append(Difference(index, "result", "(none)", "a result for a claim not in the request"))
    return CallScore(
        exact=not differences,
        fields_expected=total_expected,
        fields_right=total_right,
        differences=tuple(differences),
    )
