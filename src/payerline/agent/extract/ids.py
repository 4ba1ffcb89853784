"""Claim numbers, reference numbers and check or EFT trace numbers.

These are read as digit groups ("five five two, six oh seven"), with "oh" for
zero, "double five", "triple oh", two-digit words ("fifty-seven" is 57,
"twenty twenty-six" is 2026), spelled letters ("E as in Edward", "K L",
"D-A-N-A") and self-corrections that restart from an earlier group ("one
nine four, four seven, no, sorry, one nine four, four eight two").
"""

from __future__ import annotations

import re

from payerline.agent.extract.lexer import Kind, Token, split_sentences, tokenize, without_fillers
from payerline.agent.extract.numbers import atoms_from, cardinal, digit_string
from payerline.agent.extract.result import Extraction

_RUN_WORDS = frozenset({"then", "dash", "hyphen"})
# Words that follow "for" but not a digit closing an identifier.
_AFTER_FOR = frozenset({"date", "dates", "service", "services", "the", "this", "that", "a", "an", "dos"})
MIN_IDENTIFIER_LENGTH = 4
_MONEY_UNITS = frozenset({"dollar", "dollars", "cents"})
# A note on how the number will be read, before the number: "in groups of three: four oh two, one one eight, ...".
_GROUPING = re.compile(r"\b(?:in )?groups? of (?:two|three|four|five|2|3|4|5)\b|\bin (?:twos|threes|fours|pairs)\b",
                       re.IGNORECASE)
# Labels of a claim number that a representative may spell out before it: internal, document and claim control number.
_SPELLED_LABELS = frozenset({"ICN", "DCN", "CCN"})


def extract_identifier(text: str) -> Extraction[str] | None:
    """Extract the longest run of spoken digits and letters in ``text``.

    Returns None when the longest run is shorter than four characters.
    """
    best: tuple[str, bool] | None = None
    text = _GROUPING.sub(" ", text)
    for sentence in split_sentences(without_fillers(tokenize(text))):
        for run in _runs(sentence):
            value, corrected = _read_run(run)
            if best is None or len(value) > len(best[0]):
                best = (value, corrected)
    if best is None or len(best[0]) < MIN_IDENTIFIER_LENGTH:
        return None
    value = best[0]
    if value[:3] in _SPELLED_LABELS and len(value) >= 8 and value[3].isdigit():
        value = value[3:]  # "That's I C N two oh two six ...": the label's letters, then the number
    return Extraction(value, 0.75 if best[1] else 0.9)


def _is_run_token(token: Token) -> bool:
    if token.kind in (Kind.NUMBER, Kind.SCALE, Kind.LETTER, Kind.MULTIPLIER, Kind.COMMA, Kind.CORRECTION):
        return True
    return token.kind is Kind.WORD and token.text in _RUN_WORDS


def _runs(tokens: list[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        if _is_run_token(token):
            current.append(token)
            continue
        if current and token.text in _AFTER_FOR and current[-1].text == "four" and len(current) > 2 and (
                current[-2].kind is Kind.COMMA):
            current = current[:-2]  # "... one one nine, four dates February 4": "for" heard as "four"
        if current and token.text in _MONEY_UNITS:
            current = _without_amount(current)
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return [run for run in runs if any(t.kind in (Kind.NUMBER, Kind.LETTER) for t in run)]


def _without_amount(run: list[Token]) -> list[Token]:
    """Drop the spoken amount that ends ``run`` before "dollars", with a "four" heard for "for" before it.

    "... oh one four, four nine hundred forty dollars in charges": the number ends at "one four". What follows
    the last comma is the amount. With no comma, the amount starts at the number before its first "hundred" or
    "thousand".
    """
    comma = max((i for i, token in enumerate(run) if token.kind is Kind.COMMA), default=None)
    if comma is not None:
        cut = comma
    else:
        scale = next((i for i, token in enumerate(run) if token.kind is Kind.SCALE), None)
        if scale is None:
            return run
        cut = max(scale - 1, 0)
        if cut > 0 and run[cut - 1].text == "four":
            cut -= 1
    while cut > 0 and run[cut - 1].kind is Kind.COMMA:
        cut -= 1
    return run[:cut]


def _groups(tokens: list[Token]) -> list[str]:
    groups: list[str] = []
    current: list[Token] = []
    for token in tokens + [Token(Kind.COMMA, ",")]:
        if token.kind is Kind.COMMA or (token.kind is Kind.WORD and token.text in _RUN_WORDS):
            text = _group_text(current)
            if text:
                groups.append(text)
            current = []
        else:
            current.append(token)
    return groups


def _group_text(tokens: list[Token]) -> str:
    out = ""
    pending: list[Token] = []
    repeat = 1
    for token in tokens:
        if token.kind is Kind.LETTER:
            out += _digits(pending)
            pending = []
            out += token.text.upper() * repeat
            repeat = 1
        elif token.kind is Kind.MULTIPLIER and _next_is_letter(tokens, token):
            repeat = token.value
        else:
            pending.append(token)
    return out + _digits(pending)


def _digits(tokens: list[Token]) -> str:
    """Write a group as digits; a group with a scale word is read as one number."""
    if any(token.kind is Kind.SCALE for token in tokens):
        atoms = atoms_from(tokens)
        read = cardinal(atoms)
        if read is not None and read[1] == len(atoms):
            return str(read[0])
    return digit_string(tokens)


def _next_is_letter(tokens: list[Token], token: Token) -> bool:
    position = tokens.index(token)
    return position + 1 < len(tokens) and tokens[position + 1].kind is Kind.LETTER


def _read_run(run: list[Token]) -> tuple[str, bool]:
    """Join a run's groups, applying each self-correction; return it and whether one was applied."""
    segments: list[list[Token]] = [[]]
    for token in run:
        if token.kind is Kind.CORRECTION:
            segments.append([])
        else:
            segments[-1].append(token)
    groups = _groups(segments[0])
    for segment in segments[1:]:
        replacement = _groups(segment)
        if not replacement:
            continue
        restart = _last_index(groups, replacement[0])
        if restart is not None:
            groups = groups[:restart] + replacement
        else:
            groups = _replace_tail(groups, replacement)
    return "".join(groups), len(segments) > 1


def _replace_tail(groups: list[str], replacement: list[str]) -> list[str]:
    """Put a correction in place of what it corrects.

    It replaces the last groups that are as long as it is ("three four,
    sorry, three five"). Failing that, it restates the whole number when it
    is as long, or when it starts like the number and is at most two
    characters shorter (a digit or two may have been lost on the line).
    Any other correction replaces the last group.
    """
    length = len("".join(replacement))
    for count in range(1, len(groups) + 1):
        tail = len("".join(groups[-count:]))
        if tail == length:
            return groups[:-count] + replacement
        if tail > length:
            break
    number = "".join(groups)
    restated = "".join(replacement)
    # A restatement starts like the number, or ends like it when its first digits were the misread ones
    # ("three double two six ..., sorry, I was reading the wrong line, triple two six ...").
    alike = restated[:2] == number[:2] or (length >= 6 and restated[-4:] in number)
    if length >= len(number) or (length + 2 >= len(number) and alike):
        return replacement
    return groups[:-1] + replacement


def _last_index(groups: list[str], value: str) -> int | None:
    for index in range(len(groups) - 1, -1, -1):
        if groups[index] == value:
            return index
    return None
