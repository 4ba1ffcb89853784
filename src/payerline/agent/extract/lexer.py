"""Turn recognised speech into tokens that the extractors share.

Speech recognition hands over words, not values: "oh three oh three
twenty-six", "M as in Mary", "no, sorry, one fifty-one". The lexer keeps the
word order and marks the kind of each word. A word is a number word with its
value and digit string, a spelled letter, a scale word (hundred, thousand), a
month, an ordinal day, a self-correction, a comma or a sentence end. Each
extractor then reads the token list its own way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

UNITS = {
    "zero": 0, "oh": 0, "o": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "may": 5,
    "june": 6, "july": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "october": 10,
    "november": 11, "november's": 11, "december": 12, "dec": 12,
}
# Words that speech recognition writes for a number word it heard.
ALWAYS_NUMBER_HOMOPHONES = {"won": "one", "ate": "eight", "niner": "nine"}
NEIGHBOUR_NUMBER_HOMOPHONES = {"for": "four", "fore": "four", "to": "two", "too": "two"}
FILLERS = frozenset({"um", "uh", "er", "erm", "hmm", "mm", "uhm", "ah"})

# Self-correction cues. Several may follow each other ("Sorry, scratch that.",
# "Wait, I misread that."), and a lead-in to the new value may follow them
# ("Let me fix that, it's actually ...", "Not quite. It's ...").
_CUE = (
    r"(?:i'm sorry|i am sorry|sorry(?: about that)?|i mean|i meant|no|nope|actually|wait|no wait|hold on|"
    r"oops|whoops|my mistake|my bad|pardon me|excuse me|correction|or rather|rather|make that|"
    r"(?:scratch|strike|disregard|ignore) that|i misread(?: that)?|i misspoke|i read that wrong|i said that wrong|"
    r"let me (?:correct|fix|redo|repeat|re-read|reread) that|let me start over|let me try (?:that )?again|"
    r"(?:that's|that is|that was) (?:wrong|not right|incorrect)|not quite|not exactly|"
    r"i was (?:reading|looking at) the wrong (?:line|claim|one|row|number))"
)
_NEW_VALUE_LEAD = r"(?:(?:it's|it is|that's|that is|it should be|should be|it should read)\s+(?:actually\s+)?)"
_CORRECTION = re.compile(
    rf"(?<=[,.])\s*{_CUE}(?:\s*[,.]\s*{_CUE})*\s*[,.]\s*{_NEW_VALUE_LEAD}?",
    re.IGNORECASE,
)
# A cue between two number words needs no punctuation: a recogniser often writes none
# ("two seven eight sorry two six eight").
_NUMBER_WORD = r"(?:\d+|zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)"
_BARE_CORRECTION = re.compile(
    rf"\b({_NUMBER_WORD})\s+(?:sorry|i mean|actually|correction|scratch that|no wait|or rather)\s+"
    rf"{_NEW_VALUE_LEAD}?(?={_NUMBER_WORD}\b)",
    re.IGNORECASE,
)
_PHONETIC = re.compile(r"\b([A-Za-z])\s*,?\s+(?:as|like)\s+in\s+([A-Za-z]+(?:-[A-Za-z]+)?)\b")
_PHONETIC_NO_LETTER = re.compile(r"(?<![A-Za-z] )\bas in\s+([A-Za-z]+)\b")
# "as in" with a word lost or misheard ("J in John", "C as and cat"): kept only when the word
# starts with the letter, which a real spelling always does.
_PHONETIC_GARBLED = re.compile(r"\b([A-Za-z])\s*,?\s+(?:as\s+(?:an|and|in)|in|as|an)\s+([A-Za-z]+-[A-Za-z]+|[A-Za-z]{3,})\b")
_WORD = re.compile(
    r"\d{1,2}/\d{1,2}/\d{2,4}|\$?\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th)?|§[A-Z]|[A-Za-z]+(?:['’][A-Za-z]+)?(?:-[A-Za-z]+)*|[,.?!;:]"
)


class Kind(Enum):
    """Kind of a lexed word."""

    NUMBER = "number"
    ORDINAL = "ordinal"
    SCALE = "scale"
    LETTER = "letter"
    MONTH = "month"
    WORD = "word"
    COMMA = "comma"
    STOP = "stop"
    CORRECTION = "correction"
    MULTIPLIER = "multiplier"
    NUMERAL_DATE = "numeral_date"


@dataclass(frozen=True)
class Token:
    """One lexed word.

    ``value`` is the number, ordinal day, month number, scale or multiplier
    (2 for "double"). ``digits`` is how a number word is written as digits
    ("oh" is "0", "twenty-six" is "26", "2026" is "2026"). ``text`` is the
    lower-cased word; ``original`` keeps its case.
    """

    kind: Kind
    text: str
    original: str = ""
    value: int = 0
    digits: str = ""
    word_index: int = 0

    @property
    def is_single_digit(self) -> bool:
        return self.kind is Kind.NUMBER and len(self.digits) == 1


def _number_token(text: str, original: str, index: int) -> Token | None:
    if text in UNITS:
        return Token(Kind.NUMBER, text, original, UNITS[text], str(UNITS[text]), index)
    if text in TEENS:
        return Token(Kind.NUMBER, text, original, TEENS[text], str(TEENS[text]), index)
    if text in TENS:
        return Token(Kind.NUMBER, text, original, TENS[text], str(TENS[text]), index)
    return None


def _ordinal_value(text: str) -> int | None:
    if text in ORDINAL_UNITS:
        return ORDINAL_UNITS[text]
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", text)
    return int(match.group(1)) if match else None


def _split_hyphenated(word: str) -> list[str]:
    """Split a hyphenated word unless it is a compound number like twenty-six."""
    parts = word.split("-")
    lower = [part.lower() for part in parts]
    if len(parts) == 2 and lower[0] in TENS and (lower[1] in UNITS or lower[1] in ORDINAL_UNITS):
        return [word]
    if all(len(part) == 1 for part in parts):
        return [f"§{part.upper()}" for part in parts]
    if all(part in UNITS or part in TEENS or part in TENS or part in SCALES for part in lower):
        return parts
    return [word]


def _compound(text: str, original: str, index: int) -> Token | None:
    tens, _, rest = text.partition("-")
    if tens not in TENS:
        return None
    if rest in UNITS and UNITS[rest] > 0:
        value = TENS[tens] + UNITS[rest]
        return Token(Kind.NUMBER, text, original, value, str(value), index)
    if rest in ORDINAL_UNITS and ORDINAL_UNITS[rest] < 10:
        return Token(Kind.ORDINAL, text, original, TENS[tens] + ORDINAL_UNITS[rest], "", index)
    return None


def _mark_phonetic(text: str) -> str:
    text = _PHONETIC.sub(lambda m: f" §{m.group(1).upper()} ", text)
    text = _PHONETIC_GARBLED.sub(
        lambda m: f" §{m.group(1).upper()} " if m.group(2)[0].lower() == m.group(1).lower() else m.group(0), text
    )
    # A dropped letter before "as in Mary" still leaves the word's first letter.
    return _PHONETIC_NO_LETTER.sub(lambda m: f" §{m.group(1)[0].upper()} ", text)


def _lex_numeral(word: str, index: int) -> Token:
    if "/" in word:
        return Token(Kind.NUMERAL_DATE, word, word, 0, word, index)
    ordinal = _ordinal_value(word.lower())
    if ordinal is not None:
        return Token(Kind.ORDINAL, word.lower(), word, ordinal, "", index)
    digits = word.lstrip("$").replace(",", "")
    whole = digits.split(".")[0]
    return Token(Kind.NUMBER, word, word, int(whole) if whole else 0, digits, index)


def tokenize(text: str) -> list[Token]:
    """Lex ``text`` into tokens, marking corrections, spelled letters and numbers."""
    marked = _CORRECTION.sub(" , ¤ , ", text)
    marked = _BARE_CORRECTION.sub(r"\1 , ¤ , ", marked)
    marked = marked.replace("¤", "§CORR")
    marked = _mark_phonetic(marked)
    words: list[str] = []
    for raw in re.findall(r"§CORR|" + _WORD.pattern, marked):
        words.extend(_split_hyphenated(raw) if "-" in raw else [raw])
    tokens: list[Token] = []
    for index, word in enumerate(words):
        tokens.append(_lex_word(word, index))
    tokens = _resolve_letters(tokens)
    tokens = _resolve_homophones(tokens)
    return tokens


def _lex_word(word: str, index: int) -> Token:
    if word == "§CORR":
        return Token(Kind.CORRECTION, "sorry", word, word_index=index)
    if word.startswith("§"):
        return Token(Kind.LETTER, word[1], word, word_index=index)
    if word in {",", ";", ":"}:
        return Token(Kind.COMMA, ",", word, word_index=index)
    if word in {".", "?", "!"}:
        return Token(Kind.STOP, word, word, word_index=index)
    if word[0].isdigit() or word[0] == "$":
        return _lex_numeral(word, index)
    if word == "O":
        return Token(Kind.LETTER, "O", word, word_index=index)
    lower = word.lower().replace("’", "'")
    number = _number_token(lower, word, index) or _compound(lower, word, index)
    if number is not None:
        return number
    ordinal = _ordinal_value(lower)
    if ordinal is not None:
        return Token(Kind.ORDINAL, lower, word, ordinal, "", index)
    if lower in SCALES:
        return Token(Kind.SCALE, lower, word, SCALES[lower], "", index)
    if lower in {"double", "triple"}:
        return Token(Kind.MULTIPLIER, lower, word, 2 if lower == "double" else 3, "", index)
    if lower in MONTHS and not (lower == "may" and word == "may"):
        return Token(Kind.MONTH, lower, word, MONTHS[lower], "", index)
    if len(word) == 1 and word.isupper():
        return Token(Kind.LETTER, word, word, word_index=index)
    return Token(Kind.WORD, lower, word, word_index=index)


def _neighbour(tokens: list[Token], index: int, step: int) -> Token | None:
    position = index + step
    while 0 <= position < len(tokens) and tokens[position].kind is Kind.COMMA:
        position += step
    return tokens[position] if 0 <= position < len(tokens) else None


def _resolve_letters(tokens: list[Token]) -> list[Token]:
    """Keep "A" and "I" as letters only beside other letters or between spelled digits; elsewhere they are words."""
    resolved = []
    for index, token in enumerate(tokens):
        if token.kind is Kind.LETTER and token.original in {"A", "I"} and not token.original.startswith("§"):
            before, after = _neighbour(tokens, index, -1), _neighbour(tokens, index, 1)
            beside_letter = any(t is not None and t.kind is Kind.LETTER for t in (before, after))
            # Inside a spelled identifier ("E two six nine A zero one four") the capital is between single digits.
            # So it is before "double zero": "B W two six, A double zero five".
            between_digits = all(t is not None and (t.kind is Kind.NUMBER and len(t.digits) == 1 or
                                                    t is after and t.kind is Kind.MULTIPLIER) for t in (before, after))
            if not beside_letter and not between_digits:
                token = Token(Kind.WORD, token.text.lower(), token.original, word_index=token.word_index)
        if token.kind is Kind.LETTER and token.original == "O":
            before, after = _neighbour(tokens, index, -1), _neighbour(tokens, index, 1)
            if any(t is not None and t.kind is Kind.NUMBER for t in (before, after)) and not any(
                t is not None and t.kind is Kind.LETTER for t in (before, after)
            ):
                token = Token(Kind.NUMBER, "oh", "O", 0, "0", token.word_index)
        resolved.append(token)
    return resolved


def _position_before(tokens: list[Token], index: int) -> int:
    """Return the position of the token before ``index``, commas skipped (-1 when there is none)."""
    position = index - 1
    while position >= 0 and tokens[position].kind is Kind.COMMA:
        position -= 1
    return position


def _is_letter(token: Token | None) -> bool:
    return token is not None and token.kind is Kind.LETTER


def _is_homophone(token: Token | None) -> bool:
    return token is not None and token.kind is Kind.WORD and token.text in NEIGHBOUR_NUMBER_HOMOPHONES


def _homophone_is_digit(tokens: list[Token], index: int) -> bool:
    """Tell whether "for", "to" or "too" at ``index`` stands for a digit.

    It does between single digits, also when several stand in a row ("zero
    for for four"), right after a leading "oh" or "zero" ("oh for" is 04),
    right before "hundred" or "thousand" with no number before it ("too
    hundred thirty-six" is 236), between "thousand" and a number ("one
    thousand for forty-four"), in a list joined by "and" ("for and two
    thirty-six" and "four and to thirty-six" are 4 and 236), between a
    spelled letter and a digit ("R W to six A ..."), and first in an
    identifier read digit by digit after its label ("the ICN is for one zero two").
    """
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    previous = _neighbour(tokens, index, -1)
    after_following = tokens[index + 2] if index + 2 < len(tokens) else None
    if (tokens[index].text == "for" and index > 0 and tokens[index - 1].kind is Kind.COMMA
            and following is not None and following.kind is Kind.NUMBER
            and after_following is not None and after_following.kind is Kind.SCALE):
        # "... number eight eight zero two one five one zero nine, for four hundred sixty-two dollars": an amount.
        return False
    if following is not None and following.kind is Kind.SCALE and following.value < 1_000_000 and (
        previous is None or previous.kind not in (Kind.NUMBER, Kind.SCALE, Kind.MULTIPLIER)
    ):
        return True
    # "the ICN on that is for one zero two ...": an identifier read digit by digit after its label.
    if previous is not None and previous.text in _IDENTIFIER_LEADS and _single_digits_follow(tokens, index + 1, 3):
        return True
    # "..., I'm sorry, too six oh four one ...": a number restated digit by digit after a self-correction.
    if previous is not None and previous.kind is Kind.CORRECTION and _single_digits_follow(tokens, index + 1, 3):
        return True
    # "one thousand for forty-four dollars": "four [hundred]" with "hundred" lost, between "thousand" and a number.
    if (previous is not None and previous.kind is Kind.SCALE and previous.value == 1000
            and following is not None and following.kind is Kind.NUMBER):
        return True
    # "four and to thirty-six": the second number of a list joined by "and".
    before_and = _neighbour(tokens, index - 1, -1) if previous is not None and previous.text == "and" else None
    if (before_and is not None and before_and.kind is Kind.NUMBER
            and following is not None and following.kind is Kind.NUMBER):
        return True
    # "The reason code is for and two thirty-six": a list of numbers joined by "and".
    after_and = tokens[index + 2] if index + 2 < len(tokens) else None
    if following is not None and following.text == "and" and after_and is not None and after_and.kind is Kind.NUMBER:
        return True
    first, last = index, index
    while _is_homophone(_neighbour(tokens, first, -1)):
        first -= 1
        while tokens[first].kind is not Kind.WORD:
            first -= 1
    while _is_homophone(_neighbour(tokens, last, 1)):
        last += 1
        while tokens[last].kind is not Kind.WORD:
            last += 1
    before, after = _neighbour(tokens, first, -1), _neighbour(tokens, last, 1)
    paused = index > 0 and tokens[index - 1].kind is Kind.COMMA
    if (before is not None and first == index and before.kind is Kind.NUMBER and before.text in {"oh", "zero"}
            and not paused and (after is None or after.kind not in (Kind.WORD, Kind.MONTH, Kind.ORDINAL))):
        # "oh for" is 04, but in "three four zero, for services" or "... zero, for January 7" the "for" begins
        # a phrase, also when the phrase's words were cut off ("... three zero, for").
        return True
    digit_before = before is not None and (before.is_single_digit or before.kind is Kind.MULTIPLIER)
    digit_after = after is not None and (after.is_single_digit or after.kind is Kind.MULTIPLIER)
    # "R W to six A ...": a spelled letter of an identifier, then digits. After a pause only when the letters
    # were paced by pauses too ("S as in Sam, A as in apple, to six oh ...").
    letter_before = before is not None and before.kind is Kind.LETTER and (
        not paused or _is_letter(_neighbour(tokens, _position_before(tokens, first), -1)))
    return (digit_before or letter_before) and digit_after


# Words right before an identifier read out: "The claim number is ...", "ICN ...".
_IDENTIFIER_LEADS = frozenset({"is", "was", "number", "icn", "dcn", "id"})


def _single_digits_follow(tokens: list[Token], start: int, count: int) -> bool:
    """Tell whether ``count`` single digits (or "double"/"triple") follow ``start``, commas aside."""
    seen = 0
    for token in tokens[start:]:
        if token.kind is Kind.COMMA:
            continue
        if not (token.is_single_digit or token.kind is Kind.MULTIPLIER):
            break
        seen += 1
        if seen >= count:
            return True
    return False


def _resolve_homophones(tokens: list[Token]) -> list[Token]:
    tokens = [_always_number(token) for token in tokens]
    resolved = []
    for index, token in enumerate(tokens):
        if _is_homophone(token) and _homophone_is_digit(tokens, index):
            word = NEIGHBOUR_NUMBER_HOMOPHONES[token.text]
            token = Token(Kind.NUMBER, word, token.original, UNITS[word], str(UNITS[word]), token.word_index)
        elif token.kind is Kind.NUMBER and token.text == "one" and _is_pronoun_one(tokens, index):
            token = Token(Kind.WORD, "one", token.original, word_index=token.word_index)
        resolved.append(token)
    return resolved


def _always_number(token: Token) -> Token:
    if token.kind is Kind.WORD and token.text in ALWAYS_NUMBER_HOMOPHONES:
        word = ALWAYS_NUMBER_HOMOPHONES[token.text]
        return Token(Kind.NUMBER, word, token.original, UNITS[word], str(UNITS[word]), token.word_index)
    return token


_DETERMINERS = frozenset({"this", "that", "the", "which", "each", "every", "another", "long", "other", "no"})


def _is_pronoun_one(tokens: list[Token], index: int) -> bool:
    """Tell "this one" and "a long one" (a pronoun) from the number one."""
    before = tokens[index - 1] if index > 0 else None
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    if before is None or before.kind is not Kind.WORD or before.text not in _DETERMINERS:
        return False
    return after is None or after.kind not in (Kind.NUMBER, Kind.SCALE, Kind.LETTER, Kind.MULTIPLIER)


def without_fillers(tokens: list[Token]) -> list[Token]:
    """Drop filler words (um, uh) that sit between the parts of a value."""
    return [token for token in tokens if not (token.kind is Kind.WORD and token.text in FILLERS)]


def after_last_correction(tokens: list[Token]) -> list[Token]:
    """Return the tokens after the last self-correction, or all tokens if none."""
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].kind is Kind.CORRECTION:
            return tokens[index + 1:]
    return tokens


def split_sentences(tokens: list[Token]) -> list[list[Token]]:
    """Split at sentence ends (. ? !)."""
    sentences: list[list[Token]] = [[]]
    for token in tokens:
        if token.kind is Kind.STOP:
            sentences.append([])
        else:
            sentences[-1].append(token)
    return [sentence for sentence in sentences if sentence]


def normalize_words(text: str) -> str:
    """Lower-case ``text`` and reduce it to words separated by single spaces."""
    return " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("’", "'")))


# Initialisms read letter by letter ("your tax I D number", "D C N two one six ..."), unless they sit among other
# single characters, as in a read-back of an entry ("You entered 3 N P I 4").
_SPELLED_INITIALISM = re.compile(
    r"(?<!(?<![\w'])\w )\b(i d|n p i|t i n|p t a n|m b i|i c n|d c n|t c n|e f t|s s n|d o b|d o s|c a r c|r a r c)\b(?! \w\b)",
    re.IGNORECASE,
)


# A claim number's label opening a sentence, before a number that starts with letters: "I C N G M two five ...".
_SPELLED_LABEL_FIRST = re.compile(r"(?:^|(?<=[.?!;] ))(i c n|d c n|t c n)\b(?= \w\b)", re.IGNORECASE)


# A payment's label before a trace that starts with the same letters: "E F T E F T, double eight three ...".
_SPELLED_LABEL_TWICE = re.compile(r"\b(e f t|a c h)(?= \1\b)", re.IGNORECASE)


# "claim I D E two six zero ...": "I D" after the noun it labels, before a number that starts with a letter.
_SPELLED_ID_AFTER_NOUN = re.compile(r"\b((?:claim|member|patient|subscriber|reference|control|bill) )(i d)\b(?= \w\b)",
                                    re.IGNORECASE)


def join_spelled_initialisms(text: str) -> str:
    """Join initialisms read letter by letter into the one word that labels and prompts are matched against."""
    text = _SPELLED_ID_AFTER_NOUN.sub(lambda match: match.group(1) + "ID", text)
    text = _SPELLED_LABEL_FIRST.sub(lambda match: match.group(1).replace(" ", ""), text)
    text = _SPELLED_LABEL_TWICE.sub(lambda match: match.group(1).replace(" ", ""), text)
    return _SPELLED_INITIALISM.sub(lambda match: match.group(1).replace(" ", ""), text)
