"""Settling an identifier heard more than once on a noisy line.

On a noisy line, digit words are lost more often than invented (an
estimate for real recognisers, and the only digit error the eval's noise
filter makes besides homophones): "two two six nine" comes out as "two six
nine", and "double two" as "two" when "double" is lost. So each hearing of a claim, check or
reference number is, most of the time, the true number with some digits
left out. Two hearings that lost different digits together give the whole
number back: the shortest string that contains each hearing as a
subsequence (their shortest common supersequence). A biller on a bad line
does the same thing by ear: "I got two-six-nine the first time and
two-two-six the second, so it's two-two-six-nine".

When the hearings cannot all be subsequences of one number a few digits
longer than the longest of them (a word was swapped, not lost), the value
heard most often wins, and on a tie the fuller one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

# Below this recogniser confidence an utterance's values are not trusted alone:
# the agent asks to hear them again and votes across hearings. Clean speech
# mostly scores above it. NOTE: an estimate, not tuned on a real recogniser.
LOW_CONFIDENCE = 0.8

# How many digits a merge may add beyond the longest hearing. More than that
# means the hearings differ by substituted words, not by lost ones.
MAX_RECOVERED_DIGITS = 2


def shortest_supersequence(first: str, second: str) -> str:
    """Return a shortest string holding ``first`` and ``second`` as subsequences.

    Where several exist, the one that keeps ``first``'s characters earlier is
    returned, so the result is deterministic.
    """
    rows, cols = len(first), len(second)
    # lengths[i][j]: length of the shortest supersequence of first[i:] and second[j:].
    lengths = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows, -1, -1):
        for j in range(cols, -1, -1):
            if i == rows or j == cols:
                lengths[i][j] = (rows - i) + (cols - j)
            elif first[i] == second[j]:
                lengths[i][j] = 1 + lengths[i + 1][j + 1]
            else:
                lengths[i][j] = 1 + min(lengths[i + 1][j], lengths[i][j + 1])
    out: list[str] = []
    i = j = 0
    while i < rows and j < cols:
        if first[i] == second[j]:
            out.append(first[i])
            i, j = i + 1, j + 1
        elif lengths[i + 1][j] <= lengths[i][j + 1]:
            out.append(first[i])
            i += 1
        else:
            out.append(second[j])
            j += 1
    out.append(first[i:])
    out.append(second[j:])
    return "".join(out)


def is_subsequence(short: str, long: str) -> bool:
    """Tell whether ``short`` can be made from ``long`` by leaving characters out."""
    remaining = iter(long)
    return all(char in remaining for char in short)


def most_heard(hearings: Sequence[str]) -> str:
    """Return the hearing heard most often, on a tie the longest, then the first heard."""
    if not hearings:
        raise ValueError("no hearings to choose from; pass at least one heard value")
    order = {value: index for index, value in reversed(list(enumerate(hearings)))}
    return max(order, key=lambda value: (hearings.count(value), len(value), -order[value]))


def merge_hearings(hearings: Sequence[str]) -> str:
    """Settle one identifier from several hearings of it.

    The hearings are merged into their shortest common supersequence. When
    that needs more than ``MAX_RECOVERED_DIGITS`` digits beyond the longest
    hearing, the most heard value wins instead. The merge goes first even
    against a value heard twice, because losing either of two equal
    neighbouring digits ("five five") gives the same short hearing.

    Raises:
        ValueError: if ``hearings`` is empty.
    """
    if not hearings:
        raise ValueError("no hearings to merge; pass at least one heard value")
    top = most_heard(hearings)
    distinct = sorted(set(hearings), key=lambda value: (-len(value), hearings.index(value)))
    merged = distinct[0]
    for value in distinct[1:]:
        merged = shortest_supersequence(merged, value)
    if len(merged) - len(distinct[0]) <= MAX_RECOVERED_DIGITS:
        return merged
    return top


def settle_value(hearings: Sequence[Any]) -> Any:
    """Settle an amount, date, code or count from differing hearings of it.

    The value heard most often wins. On a tie the fuller one does (more
    non-zero digits), because recognition drops a word ("three" of "three
    hundred sixty-five", "forty-seven" of "forty-seven dollars and twelve
    cents") far more often than it adds one (an estimate, as in the module
    docstring). Then the later hearing wins, which replied to a request to
    repeat.

    Raises:
        ValueError: if ``hearings`` is empty.
    """
    if not hearings:
        raise ValueError("no hearings to settle; pass at least one heard value")

    def weight(index: int) -> tuple[int, int, int]:
        value = hearings[index]
        return sum(1 for other in hearings if other == value), _fullness(value), index

    return hearings[max(range(len(hearings)), key=weight)]


def _fullness(value: Any) -> int:
    """Count the non-zero digits of an amount, a count or a list of codes (["4", "236"] is fuller than ["4", "2"])."""
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return sum(char in "123456789" for char in str(value))
    if isinstance(value, (list, tuple)):
        return sum(char in "123456789" for code in value for char in str(code))
    return 0


_DATES = ("received_date", "processed_date", "paid_date")
_AMOUNTS = ("allowed_amount", "paid_amount", "patient_responsibility")


def implausible_fields(heard: Mapping[str, Any], known: Mapping[str, Any], service_date: date,
                       billed: Decimal, call_date: date) -> set[str]:
    """Name the heard claim values that fail a structural check, to be treated as unheard.

    ``heard`` maps field names to values just heard and ``known`` to values
    kept earlier. A claim is received on or after its date of service and
    not after the call, and received <= processed <= paid. The allowed, paid
    and patient-responsibility amounts are at most the billed amount, and the
    paid amount at most the allowed one. When a new value conflicts with a
    kept one, the new value is the doubtful one.
    """
    values = {**known, **heard}
    doubtful: set[str] = set()
    for name in _DATES:
        value = heard.get(name)
        if not isinstance(value, date):
            continue
        if value < service_date or (name == "received_date" and value > call_date):
            doubtful.add(name)
    for earlier, later in zip(_DATES, _DATES[1:]):
        first, second = values.get(earlier), values.get(later)
        if isinstance(first, date) and isinstance(second, date) and first > second:
            doubtful.update(name for name in (earlier, later) if name in heard)
    for name in _AMOUNTS:
        value = heard.get(name)
        if isinstance(value, Decimal) and value > billed:
            doubtful.add(name)
    paid, allowed = values.get("paid_amount"), values.get("allowed_amount")
    if isinstance(paid, Decimal) and isinstance(allowed, Decimal) and paid > allowed:
        doubtful.update(name for name in ("paid_amount", "allowed_amount") if name in heard)
    return doubtful


def hearings_disagree(hearings: Sequence[str]) -> bool:
    """Tell whether differing hearings leave an identifier unsettled: no value was heard twice."""
    if len(hearings) < 2:
        return False
    return hearings.count(most_heard(hearings)) < 2
