"""Durations in days: processing times and timely filing limits.

Handles "thirty days", "two weeks", "a month, so thirty days", "one year",
chunked numbers ("three sixty-five", "one-eighty"), digit-by-digit repeats
("ninety, nine zero") and self-corrections ("fifteen, sorry, fifty days").
"""

from __future__ import annotations

from dataclasses import dataclass

from payerline.agent.extract.lexer import Kind, Token, tokenize, without_fillers
from payerline.agent.extract.numbers import atoms_from, cardinal
from payerline.agent.extract.result import Extraction

UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365, "years": 365}
_UNIT_MODIFIERS = frozenset({"business", "calendar", "working", "more", "additional", ","})


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    value: int
    unit_days: int | None


def extract_days(text: str) -> Extraction[int] | None:
    """Extract a duration and return it in days (a week is 7, a month 30, a year 365)."""
    tokens = without_fillers(tokenize(text))
    mentions = _drop_corrected(tokens, _mentions(tokens))
    if not mentions:
        return None
    # "hundred sixty-five days" lost the word before "hundred": another mention ("one year") is better.
    whole = [mention for mention in mentions if not _lost_multiplier(tokens, mention)]
    in_days = [mention for mention in whole if mention.unit_days == 1]
    with_unit = [mention for mention in whole if mention.unit_days is not None]
    chosen = (in_days or with_unit or whole or mentions)[0]
    days = chosen.value * (chosen.unit_days or 1)
    confidence = 0.95 if chosen.unit_days == 1 else 0.85 if chosen.unit_days else 0.7
    if not whole:
        confidence = 0.4
    restated = _disagreeing_restatement(chosen, with_unit)
    if restated is not None:
        # "one year, that's three hundred days": the count in days lost a word ("sixty-five"), since a
        # short "one year" rarely loses one and keeps its value. Take the coarser unit, as a doubtful value.
        return Extraction(restated, _DISAGREEING)
    return Extraction(days, confidence)


# Confidence of a duration whose two statements in one sentence disagree: below the dialog's
# doubtful-extraction bar (0.5), so the representative is asked to repeat it (an estimate).
_DISAGREEING = 0.45


def _disagreeing_restatement(chosen: _Mention, with_unit: list[_Mention]) -> int | None:
    """Return the days of a week, month or year mention that a count in days contradicts, if any.

    A month is 28 to 31 days and a year 365 or 366, so "a month, that's thirty-one days" agrees.
    """
    if chosen.unit_days != 1:
        return None
    for mention in with_unit:
        if mention.unit_days in (None, 1):
            continue
        days = mention.value * mention.unit_days
        tolerance = mention.value * (3 if mention.unit_days == 30 else 1)
        if abs(days - chosen.value) > tolerance:
            return days
    return None


def _lost_multiplier(tokens: list[Token], mention: _Mention) -> bool:
    """Tell whether a scale word with no number before it ("hundred") comes right before the mention."""
    return mention.start > 0 and tokens[mention.start - 1].kind is Kind.SCALE and (
        mention.start < 2 or tokens[mention.start - 2].kind is not Kind.NUMBER
    )


def _starts_number(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if token.kind is Kind.NUMBER:
        return True
    return token.text == "a" and following is not None and (
        following.kind is Kind.SCALE or following.text in UNIT_DAYS
    )


def _mentions(tokens: list[Token]) -> list[_Mention]:
    mentions = []
    index = 0
    while index < len(tokens):
        if not _starts_number(tokens, index) or (index > 0 and tokens[index - 1].text in {"line", "percent"}):
            index += 1
            continue
        end = index + 1
        while end < len(tokens) and (
            tokens[end].kind in (Kind.NUMBER, Kind.SCALE)
            or (tokens[end].text == "and" and end + 1 < len(tokens) and tokens[end + 1].kind is Kind.NUMBER)
            or (tokens[end].text == "a" and end + 1 < len(tokens) and tokens[end + 1].kind is Kind.SCALE)
        ):
            end += 1
        value = _value(tokens[index:end])
        if value is not None:
            mentions.append(_Mention(index, end, value, _unit_after(tokens, end)))
        index = end
    return mentions


def _value(tokens: list[Token]) -> int | None:
    if len(tokens) == 1 and tokens[0].text == "a":
        return 1
    numbers = [token for token in tokens if token.kind is Kind.NUMBER]
    if len(numbers) > 1 and len(numbers) == len(tokens) and all(token.is_single_digit for token in numbers):
        return int("".join(token.digits for token in numbers))
    read = cardinal(atoms_from(tokens))
    return read[0] if read else None


def _unit_after(tokens: list[Token], index: int) -> int | None:
    for token in tokens[index:index + 3]:
        if token.text in UNIT_DAYS:
            return UNIT_DAYS[token.text]
        if token.text not in _UNIT_MODIFIERS and token.kind is not Kind.COMMA:
            return None
    return None


def _drop_corrected(tokens: list[Token], mentions: list[_Mention]) -> list[_Mention]:
    kept = list(mentions)
    for index, token in enumerate(tokens):
        if token.kind is Kind.CORRECTION:
            before = [mention for mention in kept if mention.end <= index]
            if before and len(kept) > 1:
                kept.remove(before[-1])
    return kept
