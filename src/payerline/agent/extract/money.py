"""Dollar amounts as representatives and IVRs say them.

Handles the explicit form ("one thousand two hundred fifty dollars"), chunked
forms ("one forty-eight sixteen" is 148.16, "twelve fifty" is 12.50, "two
sixty-five forty" is 265.40, "six thousand two fifty" is 6250), "a hundred and
twelve dollars even", cents alone, "point four oh", "zero dollars" and
"nothing was paid", restatements ("twelve fifty, that's one thousand two
hundred fifty dollars") and self-corrections.

When an utterance holds several amounts, ``field`` picks the one said after a
word for that field ("we allowed X", "we paid Y").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from payerline.agent.extract.lexer import Kind, Token, tokenize, without_fillers
from payerline.agent.extract.numbers import Atom, atoms_from, cardinal, digit_string
from payerline.agent.extract.result import Extraction

_DOLLAR_WORDS = frozenset({"dollars", "dollar", "bucks"})
_CENT_WORDS = frozenset({"cents", "cent"})
_JOIN_WORDS = _DOLLAR_WORDS | _CENT_WORDS | {"even", "point", "and"}
_RESTATEMENT_WORDS = frozenset({"that's", "that", "is", "which", "or", "i", "mean"})

FIELD_KEYWORDS: dict[str, frozenset[str]] = {
    "billed_amount": frozenset({"billed", "bill", "charges", "charged", "charge", "submitted"}),
    "allowed_amount": frozenset({"allowed", "allowable", "allowance", "allow", "approved", "eligible", "contracted"}),
    "paid_amount": frozenset({"paid", "payment", "pay", "reimbursed", "reimbursement"}),
    "patient_responsibility": frozenset(
        {"responsibility", "responsible", "owes", "owe", "owed", "portion", "share", "liability", "patient", "pr",
         "member", "cost"}
    ),
    "bulk_payment_amount": frozenset({"bulk", "total", "check", "eft", "deposit", "trace", "batched"}),
}


_CHARGE_FIELDS = frozenset({"billed_amount", "allowed_amount"})


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    amount: Decimal
    explicit: bool
    ambiguous: bool = False


def extract_money(text: str, field: str | None = None) -> Extraction[Decimal] | None:
    """Extract a dollar amount from ``text``.

    Args:
        text: one utterance.
        field: a result field name from ``FIELD_KEYWORDS`` to choose among
            several amounts; ``None`` takes the first amount.
    """
    tokens = _and_misheard(without_fillers(tokenize(text)))
    mentions = [mention for mention in _drop_corrected(tokens, _mentions(tokens)) if not _lost_dollars(tokens, mention)]
    if field in _CHARGE_FIELDS:
        # "The full allowed amount was applied to the deductible, with no payment": "no payment" zeroes a payment,
        # never the charges or the allowed amount.
        mentions = [mention for mention in mentions if tokens[mention.start].text not in ("no", "nothing")]
    if not mentions:
        return None
    chosen = _choose(tokens, mentions, FIELD_KEYWORDS.get(field or "", frozenset()))
    chosen = _restated(tokens, mentions, chosen)
    corrected = any(token.kind is Kind.CORRECTION for token in tokens)
    confidence = 0.95 if chosen.explicit else 0.8
    if chosen.ambiguous:
        confidence = 0.6
    if corrected:
        confidence -= 0.1
    return Extraction(chosen.amount.quantize(Decimal("0.01")), round(confidence, 2))


def _and_misheard(tokens: list[Token]) -> list[Token]:
    """Read "in" or "an" between "dollars" and the cents as the "and" a recogniser misheard."""
    fixed = list(tokens)
    for index in range(1, len(tokens) - 1):
        between = tokens[index].kind is Kind.WORD and tokens[index].text in {"in", "an"}
        if between and tokens[index - 1].text in _DOLLAR_WORDS and _is_number_start(tokens, index + 1):
            fixed[index] = replace(tokens[index], text="and", original="and")
    return fixed


def _lost_dollars(tokens: list[Token], mention: _Mention) -> bool:
    """Tell whether an amount lost its dollars or cents on the line, so it counts as unheard.

    "... dollars and forty cents" or "owes and six cents" lost the dollars, and
    "thirty-nine dollars and cents" lost the cents.
    """
    after = [token.text for token in tokens[mention.end:mention.end + 2]]
    ends_in_cents = tokens[mention.end - 1].text in _CENT_WORDS
    if after[:1] == ["and"] and (len(after) == 1 or after[1] in _CENT_WORDS) and not ends_in_cents:
        return True  # "thirty-nine dollars and cents": the cents were lost; "... thirty cents and" is a list going on
    if mention.amount >= 1 or mention.start == 0:
        return False
    before = tokens[mention.start - 1]
    if before.text != "and":
        return False
    earlier = tokens[mention.start - 2] if mention.start >= 2 else None
    return earlier is None or earlier.kind is not Kind.NUMBER


def _is_number_start(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    if token.kind is Kind.NUMBER:
        return True
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return token.kind is Kind.WORD and token.text == "a" and following is not None and following.kind is Kind.SCALE


def _continues(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    if token.kind in (Kind.NUMBER, Kind.SCALE) or _is_number_start(tokens, index):
        return True
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if token.kind is Kind.WORD and token.text == "and":
        return following is not None and _is_number_start(tokens, index + 1)
    if token.kind is Kind.WORD and token.text in _JOIN_WORDS:
        return True
    if token.kind is Kind.COMMA and following is not None:
        previous = tokens[index - 1]
        after_scale = previous.kind is Kind.SCALE or previous.text in _DOLLAR_WORDS
        next_is_and = following.text == "and" and index + 2 < len(tokens) and _is_number_start(tokens, index + 2)
        return (after_scale and _is_number_start(tokens, index + 1)) or next_is_and
    return False


def _in_date(tokens: list[Token], index: int, date_ends: set[int]) -> bool:
    """Tell whether the numbers at ``index`` are the day or year of a spoken date ("March 3, 2026")."""
    position = index - 1
    while position >= 0 and tokens[position].kind is Kind.COMMA:
        position -= 1
    if position < 0:
        return False
    return tokens[position].kind in (Kind.MONTH, Kind.ORDINAL) or position + 1 in date_ends


def _mentions(tokens: list[Token]) -> list[_Mention]:
    mentions: list[_Mention] = []
    date_ends: set[int] = set()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        if token.kind is Kind.WORD and token.text == "nothing" and following != "else":
            # "Nothing was paid" is zero; "nothing else flagged on it" is no amount.
            mentions.append(_Mention(index, index + 1, Decimal(0), True))
        elif token.kind is Kind.WORD and token.text == "no" and _zero_phrase(tokens, index):
            mentions.append(_Mention(index, index + 1, Decimal(0), True))
        if not _is_number_start(tokens, index):
            index += 1
            continue
        end = index + 1
        while end < len(tokens) and _continues(tokens, end):
            end += 1
        while end > index and tokens[end - 1].kind is Kind.WORD and tokens[end - 1].text in {"and", "point"}:
            end -= 1
        following = tokens[end] if end < len(tokens) else None
        if _in_date(tokens, index, date_ends):
            date_ends.add(end)
        elif not (following is not None and following.text in {"percent", "%"}):
            parsed = _parse_mention(tokens[index:end])
            if parsed is not None:
                amount, explicit, ambiguous = parsed
                mentions.append(_Mention(index, end, amount, explicit, ambiguous))
        index = end
    return mentions


def _zero_phrase(tokens: list[Token], index: int) -> bool:
    window = {token.text for token in tokens[index + 1:index + 4]}
    return bool(window & {"payment", "responsibility", "balance", "liability"})


def _parse_mention(tokens: list[Token]) -> tuple[Decimal, bool, bool] | None:
    texts = [token.text for token in tokens]
    numeral = [token for token in tokens if token.kind is Kind.NUMBER and "." in token.digits]
    if numeral:
        return Decimal(numeral[0].digits), True, False
    has_dollars = any(text in _DOLLAR_WORDS for text in texts)
    if "point" in texts:
        split = texts.index("point")
        dollars = _dollars(atoms_from(tokens[:split]), has_dollars)
        cents_digits = (digit_string(tokens[split + 1:]) + "00")[:2]
        if dollars is None:
            return None
        return Decimal(dollars[0]) + Decimal(int(cents_digits)) / 100, True, False
    if any(text in _CENT_WORDS for text in texts):
        cent_index = next(i for i, text in enumerate(texts) if text in _CENT_WORDS)
        if has_dollars:
            dollar_index = next(i for i, text in enumerate(texts) if text in _DOLLAR_WORDS)
            dollars = _dollars(atoms_from(tokens[:dollar_index]), True)
            cents = cardinal(atoms_from(tokens[dollar_index + 1:cent_index]))
        elif "and" in texts[:cent_index]:
            and_index = max(i for i, text in enumerate(texts[:cent_index]) if text == "and")
            dollars = _dollars(atoms_from(tokens[:and_index]), True)
            cents = cardinal(atoms_from(tokens[and_index + 1:cent_index]))
        else:
            dollars = (0, None, True, False)
            cents = cardinal(atoms_from(tokens[:cent_index]))
        if dollars is None:
            return None
        cent_value = cents[0] if cents is not None else 0
        return Decimal(dollars[0]) + Decimal(cent_value) / 100, True, False
    if has_dollars:
        dollar_index = next(i for i, text in enumerate(texts) if text in _DOLLAR_WORDS)
        lost_cents_word = _cents_without_word(tokens, dollar_index)
        if lost_cents_word is not None:
            return lost_cents_word
        tokens = tokens[:dollar_index]
    dollars = _dollars(atoms_from(tokens), has_dollars)
    if dollars is None:
        return None
    whole, cents, explicit, ambiguous = dollars
    amount = Decimal(whole) + (Decimal(cents) / 100 if cents is not None else 0)
    return amount, explicit or has_dollars, ambiguous


def _cents_without_word(tokens: list[Token], dollar_index: int) -> tuple[Decimal, bool, bool] | None:
    """Read "fifty-four dollars and ninety-one", whose word "cents" was lost, as 54.91.

    Returned as not explicit, since a lost word may as well have been a digit.
    """
    rest = tokens[dollar_index + 1:]
    if len(rest) < 2 or rest[0].text != "and":
        return None
    cents = cardinal(atoms_from(rest[1:]))
    dollars = _dollars(atoms_from(tokens[:dollar_index]), True)
    if cents is None or dollars is None or cents[1] != len(atoms_from(rest[1:])) or cents[0] >= 100:
        return None
    return Decimal(dollars[0]) + Decimal(cents[0]) / 100, False, False


def _dollars(atoms: list[Atom], has_dollars: bool) -> tuple[int, int | None, bool, bool] | None:
    """Read whole dollars and any trailing cents from atoms."""
    if not atoms:
        return None
    plain = not any(atom.is_scale for atom in atoms)
    first = atoms[0]
    if plain and len(atoms) == 2 and 10 <= first.value <= 99 and not first.leading_zero and not has_dollars:
        if atoms[1].value < 100:
            return first.value, atoms[1].value, False, True
    if plain and len(atoms) == 3 and 10 <= first.value <= 99 and not first.leading_zero:
        if atoms[1].value < 100 and atoms[2].value < 100:
            return first.value * 100 + atoms[1].value, atoms[2].value, False, False
    read = cardinal(atoms)
    if read is None:
        return None
    value, used, explicit = read
    rest = atoms[used:]
    if len(rest) == 1 and not rest[0].is_scale and rest[0].value < 100:
        return value, rest[0].value, explicit, False
    return value, None, explicit, False


def _drop_corrected(tokens: list[Token], mentions: list[_Mention]) -> list[_Mention]:
    """Drop the amount said just before each self-correction."""
    kept = list(mentions)
    for index, token in enumerate(tokens):
        if token.kind is not Kind.CORRECTION:
            continue
        before = [mention for mention in kept if mention.end <= index]
        if before and len(kept) > 1:
            kept.remove(before[-1])
    return kept


def _choose(tokens: list[Token], mentions: list[_Mention], keywords: frozenset[str]) -> _Mention:
    positions = [index for index, token in enumerate(tokens) if token.text in keywords]
    for position in positions:
        after = [mention for mention in mentions if mention.start > position]
        if after:
            between = tokens[position + 1:after[0].start]
            if not any(token.text in keywords for token in between):
                return after[0]
    if positions:
        before = [mention for mention in mentions if mention.end <= positions[-1]]
        if before:
            return before[-1]
    return mentions[0]


def _restated(tokens: list[Token], mentions: list[_Mention], chosen: _Mention) -> _Mention:
    """Prefer an explicit restatement of an ambiguous amount ("twelve fifty, that's ...")."""
    if not chosen.ambiguous:
        return chosen
    later = [mention for mention in mentions if mention.start >= chosen.end]
    if not later:
        return chosen
    between = {token.text for token in tokens[chosen.end:later[0].start]}
    if between & {"that's", "mean"} or {"that", "is"} <= between:
        return later[0]
    return chosen
