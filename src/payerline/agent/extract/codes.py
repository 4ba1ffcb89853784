"""Claim adjustment group codes, CARCs and RARCs as people say them.

Group codes are two letters (CO, PR, OA, PI, CR), said as letters ("C-O",
"P as in Paul, R as in Robert") or by meaning ("contractual obligation").
CARCs are numbers read whole or in chunks ("one ninety-seven", "two, zero,
four"), possibly after a group code ("CO forty-five"). RARCs are a letter
prefix (N, M, MA) and a number ("M as in Mary, A as in apple, one three zero").
"""

from __future__ import annotations

from payerline.agent.extract.lexer import Kind, Token, after_last_correction, tokenize, without_fillers
from payerline.agent.extract.numbers import atoms_from, below_thousand
from payerline.agent.extract.result import Extraction

GROUP_CODES = frozenset({"CO", "PR", "OA", "PI", "CR"})
RARC_PREFIXES = frozenset({"N", "M", "MA"})
# Letters that open the lettered CARCs (B7, P2, W1, Y3). "A1" is left out, because "a one" is an article and a number.
CARC_LETTERS = frozenset({"B", "P", "W", "Y"})
_GROUP_MEANINGS = (
    (("contractual", "obligation"), "CO"),
    (("patient", "responsibility"), "PR"),
    (("other", "adjustment"), "OA"),
    (("payer", "initiated"), "PI"),
    (("payor", "initiated"), "PI"),
    (("correction", "reversal"), "CR"),
    (("reversal",), "CR"),
)


def extract_group_code(text: str) -> Extraction[str] | None:
    """Extract a claim adjustment group code (CO, PR, OA, PI or CR)."""
    tokens = without_fillers(tokenize(text))
    for candidate_tokens, confidence in ((after_last_correction(tokens), 0.85), (tokens, 0.9)):
        spelled = _spelled_group_codes(candidate_tokens)
        if spelled:
            corrected = candidate_tokens is not tokens
            return Extraction(spelled[-1], confidence if corrected else 0.95)
    words = [token.text for token in tokens]
    for needed, code in _GROUP_MEANINGS:
        if all(word in words for word in needed):
            return Extraction(code, 0.8)
    return None


def _spelled_group_codes(tokens: list[Token]) -> list[str]:
    codes = []
    letters: list[str] = []
    for token in tokens:
        if token.kind is Kind.WORD and token.original.upper() in GROUP_CODES and len(token.original) == 2:
            codes.append(token.original.upper())
            letters = []
        elif token.kind is Kind.LETTER:
            letters.append(token.text.upper())
            if len(letters) >= 2 and "".join(letters[-2:]) in GROUP_CODES:
                codes.append("".join(letters[-2:]))
                letters = []
        elif token.kind is not Kind.COMMA:
            letters = []
    return codes


def extract_carc_codes(text: str) -> Extraction[list[str]] | None:
    """Extract claim adjustment reason codes, in the order said."""
    tokens = without_fillers(tokenize(text))
    items = _code_items(tokens, with_prefix=False)
    if not items:
        return None
    corrected = any(token.kind is Kind.CORRECTION for token in tokens)
    return Extraction([code for code in items], 0.8 if corrected else 0.9)


def extract_rarc_codes(text: str) -> Extraction[list[str]] | None:
    """Extract remittance advice remark codes such as N290 or MA130."""
    tokens = without_fillers(tokenize(text))
    items = _code_items(tokens, with_prefix=True)
    if not items:
        return None
    corrected = any(token.kind is Kind.CORRECTION for token in tokens)
    return Extraction(items, 0.8 if corrected else 0.9)


def _prefix_of(token: Token) -> str | None:
    if token.kind is Kind.LETTER:
        return token.text.upper()
    if token.kind is Kind.WORD and token.original.upper() in RARC_PREFIXES and token.original.isupper():
        return token.original.upper()
    return None


def _code_items(tokens: list[Token], *, with_prefix: bool) -> list[str]:
    """Walk the tokens, collecting one code per number mention.

    A self-correction drops the code or prefix said just before it. Numbers
    right after "line" are line numbers, not codes.
    """
    items: list[str] = []
    prefix = ""
    prefix_open = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        letter = _prefix_of(token) if with_prefix else None
        if token.kind is Kind.CORRECTION:
            if prefix_open:
                prefix, prefix_open = "", False
            elif items:
                items.pop()
            index += 1
        elif letter is not None:
            prefix = prefix + letter if prefix_open and prefix + letter in RARC_PREFIXES else letter
            prefix_open = True
            index += 1
        elif not with_prefix and _carc_letter(tokens, index):
            prefix, prefix_open = token.text.upper(), True
            index += 1
        elif token.kind is Kind.NUMBER and not _after_line_word(tokens, index):
            end = _mention_end(tokens, index)
            for number in _mention_numbers(tokens[index:end]):
                if with_prefix and not prefix:
                    continue
                items.append(prefix + number)
                if not with_prefix:
                    prefix = ""  # "B seven, twenty-three" is B7 and 23
            prefix, prefix_open = "", False
            index = end
        else:
            if token.kind is Kind.WORD and token.text not in {"as", "in"}:
                prefix_open = prefix_open and token.kind is Kind.COMMA
            index += 1
    return items


def _carc_letter(tokens: list[Token], index: int) -> bool:
    """Tell whether a spelled letter opens a lettered CARC ("B seven" is B7, "P two" is P2).

    A letter after another letter belongs to a group code ("O A twenty-three"), and "a" is an article.
    """
    token = tokens[index]
    if token.kind is not Kind.LETTER or token.text.upper() not in CARC_LETTERS:
        return False
    if index > 0 and tokens[index - 1].kind is Kind.LETTER:
        return False
    following = [t for t in tokens[index + 1:index + 3] if t.kind is not Kind.COMMA]
    return bool(following) and following[0].kind is Kind.NUMBER


def _after_line_word(tokens: list[Token], index: int) -> bool:
    return index > 0 and tokens[index - 1].text in {"line", "lines", "percent"}


def _mention_end(tokens: list[Token], start: int) -> int:
    end = start + 1
    while end < len(tokens):
        token = tokens[end]
        if token.kind in (Kind.NUMBER, Kind.SCALE):
            end += 1
            continue
        if token.kind is Kind.COMMA and end + 1 < len(tokens):
            before, after = tokens[end - 1], tokens[end + 1]
            if before.is_single_digit and after.is_single_digit:
                end += 1
                continue
        break
    return end


def _mention_numbers(tokens: list[Token]) -> list[str]:
    numbers = [token for token in tokens if token.kind is Kind.NUMBER]
    has_scale = any(token.kind is Kind.SCALE for token in tokens)
    # "two four" is 24 said digit by digit, but "two hundred four" is 204.
    if numbers and not has_scale and all(token.is_single_digit for token in numbers):
        if len(numbers) == 1 or numbers[0].value != 0:
            return ["".join(token.digits for token in numbers)]
    atoms = atoms_from(tokens)
    out = []
    index = 0
    while index < len(atoms):
        if atoms[index].is_scale:
            index += 1
            continue
        value, index, _ = below_thousand(atoms, index)
        previous = atoms[index - 1]
        out.append(previous.digits if previous.leading_zero and index - 1 == 0 else str(value))
    return out
