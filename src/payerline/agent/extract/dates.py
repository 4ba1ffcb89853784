"""Dates as representatives and IVRs say them.

Handles month names with ordinal or cardinal days ("March 3rd", "the third of
March", "February the second", "October the twenty-ninth" after its year),
years said as "twenty twenty-six", "two thousand and twenty-five" or "'26",
numeric dates read as digit groups ("oh three oh three twenty-six", "zero two,
one seven, two zero two six", "two slash twenty-seven slash twenty-six"),
written numerals ("3/3/2026"), and self-corrections ("the twelfth, sorry, the
twenty-first"). Dates are month first, as in the US.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from payerline.agent.extract.lexer import Kind, Token, after_last_correction, tokenize, without_fillers
from payerline.agent.extract.result import Extraction

_SKIP_AFTER_DAY = frozenset({"of", "this", "year", "in", "the", "that", "'s"})
_SEPARATORS = frozenset({"slash", "dash", "and"})


@dataclass(frozen=True)
class _Candidate:
    value: date
    complete: bool
    start: int


def extract_date(text: str, reference: date | None = None, *, first: bool = False) -> Extraction[date] | None:
    """Extract a calendar date from ``text``.

    Args:
        text: one utterance.
        reference: the call's date. It fills a year that was not said ("March
            twelfth" is the latest March 12 not after it) and decides the
            century of two-digit years. Without it, a date with no year is
            not returned.
        first: take the first date said (after any self-correction) rather
            than the last. A piece of a read-out that starts at a field's
            label wants the date nearest the label: in "received March 3 and
            it was decided March 20" the second date belongs to another verb.
    """
    tokens = without_fillers(tokenize(text))
    corrected = after_last_correction(tokens)
    candidates = _candidates(corrected, reference) if corrected is not tokens else []
    was_corrected = bool(candidates)
    if not candidates:
        candidates = _candidates(tokens, reference)
    if not candidates:
        return None
    complete = [candidate for candidate in candidates if candidate.complete]
    pool = complete or candidates
    chosen = pool[0] if first else pool[-1]
    confidence = 0.95 if chosen.complete else 0.6
    if was_corrected:
        confidence -= 0.1
    return Extraction(chosen.value, round(confidence, 2))


def _candidates(tokens: list[Token], reference: date | None) -> list[_Candidate]:
    found = [c for c in (_month_name_date(tokens, i, reference) for i in range(len(tokens))) if c]
    found += _numeral_dates(tokens, reference)
    if not found:
        found = _numeric_spoken_dates(tokens, reference)
    return sorted(found, key=lambda candidate: candidate.start)


def _two_digit_year(value: int, reference: date | None) -> int:
    pivot = (reference.year % 100 + 5) if reference else 40
    return 2000 + value if value <= pivot else 1900 + value


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_at(tokens: list[Token], index: int) -> tuple[int, int] | None:
    """Read a day of month at ``index`` (after an optional "the"); return it and the next index."""
    if index < len(tokens) and tokens[index].text == "the":
        index += 1
    if index >= len(tokens):
        return None
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if token.text in {"twenty", "nineteen"} and following is not None and following.kind is Kind.NUMBER:
        if following.value >= 10 or following.text in {"oh", "zero"}:
            return None
    if token.kind is Kind.NUMBER and token.text in {"twenty", "thirty"} and following is not None:
        if following.kind is Kind.ORDINAL and following.value < 10:
            return token.value + following.value, index + 2
        if following.kind is Kind.NUMBER and 1 <= following.value <= 9 and len(following.digits) == 1:
            day = token.value + following.value
            return (day, index + 2) if day <= 31 else None
    if token.kind is Kind.ORDINAL and 1 <= token.value <= 31:
        return token.value, index + 1
    if token.kind is Kind.NUMBER and 1 <= token.value <= 31 and len(token.digits) <= 2:
        return token.value, index + 1
    return None


def year_at(tokens: list[Token], index: int, reference: date | None) -> tuple[int, int] | None:
    """Read a year at ``index``; return it and the index after it."""
    if index >= len(tokens) or tokens[index].kind is not Kind.NUMBER:
        return None
    token = tokens[index]
    nxt = tokens[index + 1] if index + 1 < len(tokens) else None
    if len(token.digits) == 4 and token.digits[:2] in {"19", "20"}:
        return int(token.digits), index + 1
    spelled = _digit_by_digit_year(tokens, index)
    if spelled is not None:
        return spelled
    if token.text == "two" and nxt is not None and nxt.kind is Kind.SCALE and nxt.value == 1000:
        position = index + 2
        if position < len(tokens) and tokens[position].text == "and":
            position += 1
        rest = _two_digit_at(tokens, position)
        if rest is None:
            return 2000, position
        return 2000 + rest[0], rest[1]
    if token.text in {"twenty", "nineteen"} and nxt is not None:
        rest = _two_digit_at(tokens, index + 1, allow_leading_zero=True)
        if rest is not None and (rest[0] >= 10 or rest[2]):
            return token.value * 100 + rest[0], rest[1]
    if token.text in {"twenty", "nineteen"}:
        # A year is never spoken as a bare "twenty": the rest of it was lost on the line.
        return None
    rest = _two_digit_at(tokens, index)
    if rest is not None and rest[0] >= 10:
        return _two_digit_year(rest[0], reference), rest[1]
    if len(token.digits) == 2 and token.digits.isdigit():
        return _two_digit_year(int(token.digits), reference), index + 1
    return None


def _digit_by_digit_year(tokens: list[Token], index: int) -> tuple[int, int] | None:
    """Read a year said digit by digit ("two zero two six", "two oh two five")."""
    digits = tokens[index:index + 4]
    if len(digits) < 4 or not all(token.kind is Kind.NUMBER and len(token.digits) == 1 for token in digits):
        return None
    text = "".join(token.digits for token in digits)
    return (int(text), index + 4) if text[:2] in {"19", "20"} else None


def _two_digit_at(tokens: list[Token], index: int, allow_leading_zero: bool = False) -> tuple[int, int, bool] | None:
    if index >= len(tokens) or tokens[index].kind is not Kind.NUMBER:
        return None
    token = tokens[index]
    nxt = tokens[index + 1] if index + 1 < len(tokens) else None
    single_next = nxt is not None and nxt.kind is Kind.NUMBER and len(nxt.digits) == 1
    if token.text in {"oh", "zero"} and allow_leading_zero and single_next and nxt is not None:
        return nxt.value, index + 2, True
    if token.value in {20, 30, 40, 50, 60, 70, 80, 90} and len(token.digits) == 2 and single_next and nxt is not None and nxt.value > 0:
        return token.value + nxt.value, index + 2, False
    if 10 <= token.value <= 99 and len(token.digits) == 2:
        return token.value, index + 1, False
    return None


def _year_after(tokens: list[Token], index: int, reference: date | None) -> int | None:
    saw_this_year = False
    while index < len(tokens) and (tokens[index].kind is Kind.COMMA or tokens[index].text in _SKIP_AFTER_DAY):
        saw_this_year = saw_this_year or tokens[index].text == "this"
        index += 1
    read = year_at(tokens, index, reference)
    if read is not None:
        return read[0]
    if saw_this_year and reference is not None:
        return reference.year
    return None


def _year_before(tokens: list[Token], month_index: int, reference: date | None) -> int | None:
    end = month_index
    while end > 0 and tokens[end - 1].kind is Kind.COMMA:
        end -= 1
    for start in range(max(0, end - 5), end):
        read = year_at(tokens, start, reference)
        if read is not None and read[1] == end and read[0] >= 1900:
            return read[0]
    return None


def _month_name_date(tokens: list[Token], index: int, reference: date | None) -> _Candidate | None:
    if tokens[index].kind is not Kind.MONTH:
        return None
    month = tokens[index].value
    after = _day_at(tokens, index + 1)
    if after is not None:
        day, next_index = after
        year = _year_after(tokens, next_index, reference)
    else:
        day_before = _day_before(tokens, index)
        if day_before is None:
            return None
        day, next_index = day_before, index + 1
        year = _year_after(tokens, next_index, reference)
    if year is None:
        year = _year_before(tokens, index, reference)
    return _build(year, month, day, reference, index)


def _day_before(tokens: list[Token], month_index: int) -> int | None:
    """Read "the third of March": an ordinal, then "of", then the month."""
    if month_index < 2 or tokens[month_index - 1].text != "of":
        return None
    token = tokens[month_index - 2]
    if token.kind is not Kind.ORDINAL:
        return None
    previous = tokens[month_index - 3] if month_index >= 3 else None
    if previous is not None and previous.text in {"twenty", "thirty"} and token.value < 10:
        return previous.value + token.value
    return token.value


def _build(year: int | None, month: int, day: int, reference: date | None, start: int) -> _Candidate | None:
    if year is not None:
        value = _safe_date(year, month, day)
        return _Candidate(value, True, start) if value else None
    if reference is None:
        return None
    value = _safe_date(reference.year, month, day)
    if value is not None and value > reference:
        value = _safe_date(reference.year - 1, month, day)
    return _Candidate(value, False, start) if value else None


def _numeral_dates(tokens: list[Token], reference: date | None) -> list[_Candidate]:
    found = []
    for index, token in enumerate(tokens):
        if token.kind is not Kind.NUMERAL_DATE:
            continue
        month, day, year = (int(part) for part in token.digits.split("/"))
        full_year = year if year >= 100 else _two_digit_year(year, reference)
        candidate = _build(full_year, month, day, reference, index)
        if candidate:
            found.append(candidate)
    return found


def _numeric_spoken_dates(tokens: list[Token], reference: date | None) -> list[_Candidate]:
    """Read dates spoken as digit groups, with no month name."""
    found = []
    for start, items, words in _digit_runs(tokens, reference):
        # Digit pairs first ("oh three" is one group). Failing that, every word on its own:
        # "one zero one six" is October 16, though "zero one" looks like a pair.
        value = _split_mdy(items, reference) or _split_mdy(words, reference)
        if value is not None:
            found.append(_Candidate(value, True, start))
    return found


def _digit_runs(tokens: list[Token], reference: date | None) -> list[tuple[int, list[str], list[str]]]:
    """Find runs of number words; return each run's start, its date groups and its words' digits."""
    runs: list[tuple[int, list[str], list[str]]] = []
    index = 0
    while index < len(tokens):
        if tokens[index].kind is not Kind.NUMBER:
            index += 1
            continue
        start, items, words = index, [], []
        while index < len(tokens):
            token = tokens[index]
            if token.kind is Kind.COMMA or token.text in _SEPARATORS:
                index += 1
                continue
            if token.kind is not Kind.NUMBER:
                break
            read = _date_item(tokens, index, reference)
            items.append(read[0])
            words.extend(word.digits for word in tokens[index:read[1]] if word.kind is Kind.NUMBER)
            index = read[1]
        runs.append((start, items, words))
    return runs


def _date_item(tokens: list[Token], index: int, reference: date | None) -> tuple[str, int]:
    token = tokens[index]
    if token.text in {"twenty", "nineteen"} or (token.text == "two" and index + 1 < len(tokens) and tokens[index + 1].kind is Kind.SCALE):
        year = year_at(tokens, index, reference)
        if year is not None and year[1] > index + 1:
            return str(year[0]), year[1]
    pair = _two_digit_at(tokens, index, allow_leading_zero=True)
    if pair is not None:
        digits = f"{pair[0]:02d}" if pair[2] else str(pair[0])
        return digits, pair[1]
    return token.digits, index + 1


def _split_mdy(items: list[str], reference: date | None) -> date | None:
    """Split digit groups into month, day and year, cutting only between groups."""
    text = "".join(items)
    if not text.isdigit() or not 4 <= len(text) <= 8:
        return None
    cuts = set()
    position = 0
    for item in items:
        position += len(item)
        cuts.add(position)
    options = []
    for first in sorted(cuts):
        for second in sorted(cuts):
            if not (1 <= first <= 2 and 1 <= second - first <= 2 and len(text) - second in (2, 4)):
                continue
            month, day, year_text = int(text[:first]), int(text[first:second]), text[second:]
            year = int(year_text) if len(year_text) == 4 else _two_digit_year(int(year_text), reference)
            value = _safe_date(year, month, day) if 1900 <= year <= 2100 else None
            if value is not None:
                options.append((len(year_text) == 4, first == 2 and second == 4, value))
    if not options:
        return None
    options.sort(key=lambda option: (option[0], option[1]), reverse=True)
    return options[0][2]
