"""How the sandbox understands what the caller says.

This is the far end's own simple listener, separate from the agent's
extractors on purpose: the sandbox must not share code with the agent it
tests. It normalises number words ("oh", "double five", "twenty twenty-six"),
phonetic letters ("B as in boy", "bravo"), dates, amounts and yes/no, and it
checks whether an utterance contains an expected value in any of several
clear renderings.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from payerline.sandbox.spoken import MONTHS, PHONETIC

_UNITS = {
    "zero": 0, "oh": 0, "o": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
_NATO = {
    "alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E",
    "foxtrot": "F", "golf": "G", "hotel": "H", "india": "I", "juliet": "J", "juliett": "J",
    "kilo": "K", "lima": "L", "mike": "M", "november": "N", "oscar": "O", "papa": "P",
    "quebec": "Q", "romeo": "R", "sierra": "S", "tango": "T", "uniform": "U", "victor": "V",
    "whiskey": "W", "xray": "X", "x-ray": "X", "yankee": "Y", "zulu": "Z",
}
_MONTH_NUMBERS = {name.lower(): index + 1 for index, name in enumerate(MONTHS)}
_MONTH_NUMBERS.update({name[:3].lower(): index + 1 for index, name in enumerate(MONTHS)})
_MONTH_NUMBERS["sept"] = 9

_YES = {"yes", "yeah", "yep", "correct", "right", "affirmative", "sure", "exactly", "that's right", "that is correct", "it is"}
_NO = {"no", "nope", "incorrect", "wrong", "not correct", "that's not right", "negative"}

_TOKEN = re.compile(r"\d+(?:st|nd|rd|th)\b|[a-z]+(?:-[a-z]+)*|\d+(?:[.,]\d+)*|[$#*]")
_SPELLING_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z]+)*")


def tokens(text: str) -> list[str]:
    """Split an utterance into lowercase word and number tokens."""
    return _TOKEN.findall(text.lower().replace("'", ""))


def _word_digits(word: str) -> str | None:
    """Return the digits a single number word stands for ("twenty-six" is "26")."""
    if word in _UNITS:
        return str(_UNITS[word])
    if word in _TENS:
        return str(_TENS[word])
    if "-" in word:
        tens, _, unit = word.partition("-")
        if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
            return str(_TENS[tens] + _UNITS[unit])
    return None


def digits_in(text: str) -> str:
    """Return every digit the utterance reads out, in order, as one string.

    Each number word stands for its own digits ("twenty twenty-six" is
    "2026"), "double"/"triple" repeat the next digit, and written digits are
    kept as they are. Separators such as commas and dashes are ignored.
    """
    out = []
    repeat = 1
    for token in tokens(text):
        if token in ("double", "triple"):
            repeat = 2 if token == "double" else 3
            continue
        if token.replace(".", "").replace(",", "").isdigit():
            out.append(token.replace(".", "").replace(",", ""))
            repeat = 1
            continue
        digits = _word_digits(token)
        if digits is not None:
            out.append(digits * repeat)
        repeat = 1
    return "".join(out)


def characters_in(text: str) -> str:
    """Return the letters and digits an utterance spells, in order.

    Understands digits as in :func:`digits_in`, single letters ("b"), phonetic
    spelling ("B as in boy", "bravo") and dashes or spaces between characters.
    Words that are neither are skipped.
    """
    words = _SPELLING_TOKEN.findall(text.lower().replace("'", ""))
    out: list[str] = []
    repeat = 1
    index = 0
    phonetic_words = {word.lower(): letter for letter, word in PHONETIC.items()}
    while index < len(words):
        word = words[index]
        if word in ("double", "triple"):
            repeat = 2 if word == "double" else 3
            index += 1
            continue
        spelled_out = words[index + 1 : index + 3] == ["as", "in"]
        if word.isdigit():
            out.append(word)
        elif len(word) == 1 and word.isalpha() and (word != "o" or spelled_out):
            if spelled_out:
                index += 3
            out.append(word.upper() * repeat)
        elif word in _NATO:
            out.append(_NATO[word] * repeat)
        elif (digits := _word_digits(word)) is not None:
            out.append(digits * repeat)
        elif re.fullmatch(r"[a-z]+(-[a-z])+", word):
            out.append(word.replace("-", "").upper())
        elif word not in phonetic_words and re.fullmatch(r"[a-z]*\d[a-z\d]*", word):
            out.append(word.upper())
        repeat = 1
        index += 1
    return "".join(out)


def contains_id(text: str, expected: str) -> bool:
    """Return whether the utterance reads out the identifier ``expected``."""
    wanted = expected.upper().replace("-", "").replace(" ", "")
    if wanted.isdigit():
        return wanted in digits_in(text)
    # Written forms ("SR042326", "S R 0 4 2"), without the letters of whole words: "is R 0 4" is no "S R 0 4".
    tokens = re.findall(r"[A-Z0-9]+", text.upper())
    written = "".join(token for token in tokens if len(token) == 1 or any(char.isdigit() for char in token))
    return wanted in characters_in(text) or wanted in written


def _spoken_number(words: list[str], start: int) -> tuple[int, int] | None:
    """Parse a number in words at ``start``; return (value, next index) or None."""
    total = 0
    current = 0
    index = start
    seen = False
    while index < len(words):
        word = words[index]
        if word in _UNITS and word not in ("oh", "o"):
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif (digits := _word_digits(word)) is not None and "-" in word:
            current += int(digits)
        elif word == "hundred" and seen:
            current *= 100
        elif word == "thousand" and seen:
            total += current * 1000
            current = 0
        elif word == "and" and seen and index + 1 < len(words) and words[index + 1] not in ("cents",):
            index += 1
            continue
        else:
            break
        seen = True
        index += 1
    if not seen:
        return None
    return total + current, index


def amounts_in(text: str) -> list[Decimal]:
    """Return the dollar amounts in an utterance.

    Understands "$125.40", "125.40", "125 dollars and 40 cents" and "one
    hundred twenty-five dollars and forty cents".
    """
    found: list[Decimal] = []
    for match in re.finditer(r"\$?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?(?:\s*dollars?)?(?:\s*and\s*(\d{1,2})\s*cents?)?", text.lower()):
        whole = match.group(1).replace(",", "")
        cents = match.group(2) or (match.group(3) or "0").zfill(2)
        has_marker = "$" in match.group(0) or match.group(2) or "dollar" in match.group(0)
        if has_marker:
            try:
                found.append(Decimal(f"{whole}.{cents}"))
            except InvalidOperation:
                continue
    words = tokens(text)
    index = 0
    while index < len(words):
        parsed = _spoken_number(words, index)
        if parsed is None:
            index += 1
            continue
        value, after = parsed
        cents = 0
        if after < len(words) and words[after] in ("dollar", "dollars"):
            after += 1
            if after + 1 < len(words) and words[after] == "and":
                cents_parsed = _spoken_number(words, after + 1)
                if cents_parsed and cents_parsed[1] < len(words) and words[cents_parsed[1]].startswith("cent"):
                    cents, after = cents_parsed[0], cents_parsed[1] + 1
            found.append(Decimal(value) + Decimal(cents) / 100)
        index = max(after, index + 1)
    return found


def _year_from(words: list[str], start: int) -> tuple[int, int] | None:
    """Parse a year such as "2026", "twenty twenty-six" or "two thousand twenty-six".

    A two-digit year ("47") comes back as it is, below 100, for :func:`two_digit_year`.
    """
    if start >= len(words):
        return None
    word = words[start]
    if word.isdigit() and len(word) in (2, 4):
        return (int(word), start + 1)
    if word == "two" and start + 1 < len(words) and words[start + 1] == "thousand":
        rest = _spoken_number(words, start + 2)
        if rest is None:
            return (2000, start + 2)
        return (2000 + rest[0], rest[1])
    high = _word_digits(word)
    if high is not None and start + 1 < len(words):
        low = _word_digits(words[start + 1])
        if low is not None and len(high) == 2:
            if low == "0" and start + 2 < len(words):
                unit = _word_digits(words[start + 2])
                if unit is not None and len(unit) == 1:
                    return (int(high) * 100 + int(unit), start + 3)
            if len(low) == 2 and low.endswith("0") and start + 2 < len(words):
                # "nineteen eighty one": the tens and the unit spoken as two words
                unit = _word_digits(words[start + 2])
                if unit is not None and len(unit) == 1 and unit != "0":
                    return (int(high) * 100 + int(low) + int(unit), start + 3)
            return (int(high) * 100 + int(low), start + 2)
    return None


def _day_from(word: str) -> int | None:
    if word in _ORDINALS:
        return _ORDINALS[word]
    if "-" in word:
        tens, _, unit = word.partition("-")
        if tens in _TENS and unit in _ORDINALS:
            return _TENS[tens] + _ORDINALS[unit]
    match = re.fullmatch(r"(\d{1,2})(st|nd|rd|th)?", word)
    if match:
        return int(match.group(1))
    digits = _word_digits(word)
    return int(digits) if digits is not None else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _full_date(year: int, month: int, day: int, today: date | None) -> date | None:
    if year < 100:
        year = two_digit_year(year, month, day, today)
    return _safe_date(year, month, day)


def two_digit_year(year: int, month: int, day: int, today: date | None) -> int:
    """Expand a two-digit year to the latest year ending in those digits that is not after ``today``.

    "05/14/47" keyed on 2026-12-04 is 1947, "03/01/26" is 2026. Without
    ``today`` the year is taken as 20YY. A date of birth 100 years or more
    ago cannot be distinguished from a recent one this way, as on a real IVR.
    """
    recent = 2000 + year
    if today is None:
        return recent
    resolved = _safe_date(recent, month, day)
    return recent - 100 if resolved is not None and resolved > today else recent


def dates_in(text: str, today: date | None = None) -> list[date]:
    """Return the calendar dates an utterance states, month first as in the US.

    Understands "March 3, 2026", "March third twenty twenty-six", "the 3rd of
    March 2026", "03/03/2026", "2026-03-03" and runs of 8 or 6 digits
    (MMDDYYYY, MMDDYY) spoken or written. Two-digit years are expanded by
    :func:`two_digit_year` against ``today``.
    """
    found: list[date] = []
    lowered = text.lower()
    for match in re.finditer(r"\b(\d{4})-(\d{2})-(\d{2})\b", lowered):
        found.append(_safe_date(int(match[1]), int(match[2]), int(match[3])))
    for match in re.finditer(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b", lowered):
        year = int(match[3])
        if len(match[3]) == 2:
            year = two_digit_year(year, int(match[1]), int(match[2]), today)
        found.append(_safe_date(year, int(match[1]), int(match[2])))
    words = tokens(lowered.replace("/", " "))
    for index, word in enumerate(words):
        if word in _MONTH_NUMBERS:
            month = _MONTH_NUMBERS[word]
            after = index + 1
            if after < len(words) and words[after] == "the":
                after += 1
            if after < len(words) and (day := _day_from(words[after])) is not None:
                year = _year_from(words, after + 1)
                if year:
                    found.append(_full_date(year[0], month, day, today))
        if word == "of" and index >= 1 and index + 1 < len(words) and words[index + 1] in _MONTH_NUMBERS:
            day = _day_from(words[index - 1])
            year = _year_from(words, index + 2)
            if day and year:
                found.append(_full_date(year[0], _MONTH_NUMBERS[words[index + 1]], day, today))
    for run in re.findall(r"\d+", digits_in(text)):
        found.extend(_numeric_dates(run, today))
    return [value for value in dict.fromkeys(found) if value is not None]


def _numeric_dates(run: str, today: date | None) -> list[date | None]:
    if len(run) == 8:
        return [_safe_date(int(run[4:]), int(run[:2]), int(run[2:4]))]
    if len(run) == 6:
        month, day = int(run[:2]), int(run[2:4])
        return [_safe_date(two_digit_year(int(run[4:]), month, day, today), month, day)]
    return []


def is_yes(text: str) -> bool:
    """Return whether the utterance answers yes."""
    lowered = " ".join(tokens(text))
    return any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in _YES) and not is_no(text)


def is_no(text: str) -> bool:
    """Return whether the utterance answers no."""
    lowered = " ".join(tokens(text))
    return any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in _NO)


def contains_phrase(text: str, phrase: str) -> bool:
    """Return whether ``phrase`` occurs in the utterance as whole words."""
    return re.search(rf"\b{re.escape(' '.join(tokens(phrase)))}\b", " ".join(tokens(text))) is not None


def contains_name(text: str, name: str) -> bool:
    """Return whether the utterance says or spells ``name`` (case-insensitive)."""
    wanted = re.sub(r"[^A-Z]", "", name.upper())
    if not wanted:
        return False
    if re.search(rf"\b{re.escape(name.upper())}\b", text.upper()):
        return True
    return wanted in characters_in(text)
