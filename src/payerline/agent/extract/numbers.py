"""Spoken numbers: cardinals, digit strings and the grouped forms people use.

People read numbers in chunks: "one forty-eight" is 148, "fourteen thirty-two"
is 1432, "oh seven" is the two digits 07, "double five" is 55. This module
turns number tokens into *atoms* (one number word or one merged pair such as
twenty + six or oh + seven) and combines atoms into values.
"""

from __future__ import annotations

from dataclasses import dataclass

from payerline.agent.extract.lexer import Kind, Token, tokenize, without_fillers
from payerline.agent.extract.result import Extraction


@dataclass(frozen=True)
class Atom:
    """A number word or merged pair, or a scale word (hundred, thousand).

    ``digits`` is the written form ("07" for "oh seven"), ``scale`` is set for
    scale words only, ``leading_zero`` marks the "oh seven" form.
    """

    value: int
    digits: str
    scale: int = 0
    leading_zero: bool = False
    start: int = 0

    @property
    def is_scale(self) -> bool:
        return self.scale > 0


def atoms_from(tokens: list[Token]) -> list[Atom]:
    """Merge number and scale tokens into atoms; other tokens are skipped."""
    atoms: list[Atom] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.kind is Kind.SCALE:
            atoms.append(Atom(token.value, "", token.value, start=index))
        elif token.kind is Kind.WORD and token.text == "a" and following is not None and following.kind is Kind.SCALE:
            atoms.append(Atom(1, "1", start=index))
        elif token.kind is Kind.NUMBER:
            merged = _merge_pair(token, following)
            if merged is not None:
                atoms.append(Atom(merged[0], merged[1], leading_zero=merged[1].startswith("0"), start=index))
                index += 2
                continue
            atoms.append(Atom(token.value, token.digits, start=index))
        index += 1
    return atoms


def _merge_pair(token: Token, following: Token | None) -> tuple[int, str] | None:
    if following is None or following.kind is not Kind.NUMBER or len(following.digits) != 1:
        return None
    if following.value == 0:
        return None
    if token.text in {"oh", "zero", "o"}:
        return following.value, "0" + following.digits
    if token.text in {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "fourty"}:
        return token.value + following.value, str(token.value + following.value)
    return None


def below_thousand(atoms: list[Atom], index: int) -> tuple[int, int, bool]:
    """Read a value below 1000 starting at ``index``.

    Returns the value, the index after it, and whether a scale word made it
    explicit ("one hundred forty-eight") rather than chunked ("one forty-eight").
    """
    first = atoms[index]
    following = atoms[index + 1] if index + 1 < len(atoms) else None
    if following is not None and following.scale == 100:
        value = first.value * 100
        index += 2
        if index < len(atoms) and not atoms[index].is_scale and atoms[index].value < 100:
            value += atoms[index].value
            index += 1
        return value, index, True
    if (
        following is not None
        and not following.is_scale
        and 1 <= first.value <= 9
        and len(first.digits) == 1
        and (10 <= following.value <= 99 or following.leading_zero)
    ):
        return first.value * 100 + following.value, index + 2, False
    return first.value, index + 1, False


def cardinal(atoms: list[Atom]) -> tuple[int, int, bool] | None:
    """Read a whole number (with thousands) from the start of ``atoms``.

    Returns the value, the count of atoms used and whether it was explicit.
    """
    if not atoms or atoms[0].is_scale:
        return None
    value, index, explicit = below_thousand(atoms, 0)
    if index < len(atoms) and atoms[index].scale >= 1000:
        value *= atoms[index].scale
        index += 1
        explicit = True
        if index < len(atoms) and not atoms[index].is_scale:
            rest, index, _ = below_thousand(atoms, index)
            value += rest
    return value, index, explicit


def digit_string(tokens: list[Token]) -> str:
    """Write number tokens as digits, expanding "double"/"triple" and keeping "oh"s.

    Two-digit words keep their two digits ("fifty-seven" is "57"); "hundred"
    after a digit writes "00" ("nine hundred" is "900").
    """
    out = ""
    repeat = 1
    for token in tokens:
        if token.kind is Kind.MULTIPLIER:
            repeat = token.value
            continue
        if token.kind is Kind.NUMBER:
            out += token.digits * repeat
        elif token.kind is Kind.SCALE and token.value == 100 and out:
            out += "00"
        repeat = 1
    return out


def extract_number(text: str) -> Extraction[int] | None:
    """Extract the first whole number spoken in ``text`` ("one hundred twelve" is 112)."""
    tokens = without_fillers(tokenize(text))
    atoms = atoms_from(tokens)
    result = cardinal(atoms)
    if result is None:
        return None
    value, _, explicit = result
    return Extraction(value, 0.9 if explicit or len(atoms) == 1 else 0.7)
