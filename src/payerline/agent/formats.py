"""Entering identifiers in the format an IVR asks for.

Digits go as DTMF with or without a terminator; dates as MMDDYYYY or MMDDYY;
the TIN whole or its last five digits; letters by the star scheme (star, the
key carrying the letter, then the letter's position on that key: B is
``*22``), by key alone (B is ``2``), or spoken phonetically ("B as in boy");
last names cut to N letters, stopping at a space, hyphen or apostrophe.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from payerline.payers.ivr_map import DateFormat, LetterMethod

# The standard telephone keypad (ITU-T E.161): Q on 7 and Z on 9.
KEYPAD: dict[str, str] = {
    "2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS", "8": "TUV", "9": "WXYZ",
}
_LETTER_KEY: dict[str, tuple[str, int]] = {
    letter: (key, position) for key, letters in KEYPAD.items() for position, letter in enumerate(letters, start=1)
}
PHONETIC_WORDS: dict[str, str] = {
    "A": "apple", "B": "boy", "C": "cat", "D": "dog", "E": "echo", "F": "frank", "G": "george",
    "H": "henry", "I": "india", "J": "john", "K": "king", "L": "larry", "M": "mary", "N": "nancy",
    "O": "oscar", "P": "paul", "Q": "queen", "R": "robert", "S": "sam", "T": "tom", "U": "union",
    "V": "victor", "W": "william", "X": "x-ray", "Y": "yellow", "Z": "zebra",
}
DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)


def letter_keys(letter: str, method: LetterMethod) -> str:
    """Return the DTMF keys for one letter.

    Raises:
        ValueError: ``letter`` is not A to Z, or the method is phonetic (spoken, not keyed).
    """
    upper = letter.upper()
    if upper not in _LETTER_KEY:
        raise ValueError(f"cannot key {letter!r}: only the letters A to Z have keypad keys")
    key, position = _LETTER_KEY[upper]
    if method is LetterMethod.STAR:
        return f"*{key}{position}"
    if method is LetterMethod.KEY:
        return key
    raise ValueError("phonetic letters are spoken; use spoken_characters() instead of letter_keys()")


def keyed_characters(text: str, method: LetterMethod) -> str:
    """Return DTMF keys for an identifier of digits and letters (spaces and dashes dropped)."""
    keys = ""
    for char in text:
        if char.isdigit():
            keys += char
        elif char.isalpha():
            keys += letter_keys(char, LetterMethod.KEY if method is LetterMethod.PHONETIC else method)
    return keys


def spoken_characters(text: str) -> str:
    """Return an identifier spoken one character at a time, letters phonetically."""
    parts = []
    for char in text.upper():
        if char.isdigit():
            parts.append(DIGIT_WORDS[int(char)])
        elif char in PHONETIC_WORDS:
            parts.append(f"{char} as in {PHONETIC_WORDS[char]}")
    return ", ".join(parts)


def date_digits(value: date, date_format: DateFormat) -> str:
    """Return a date as the digits an IVR expects (MMDDYYYY or MMDDYY)."""
    if date_format is DateFormat.MMDDYY:
        return value.strftime("%m%d%y")
    return value.strftime("%m%d%Y")


def spoken_date(value: date) -> str:
    """Return a date the way a person says it: "March 3, 2026"."""
    return f"{_MONTH_NAMES[value.month - 1]} {value.day}, {value.year}"


def tin_digits(tin: str, count: int) -> str:
    """Return the whole 9-digit TIN or its last ``count`` digits."""
    digits = "".join(char for char in tin if char.isdigit())
    return digits[-count:] if count < len(digits) else digits


def truncated_last_name(last_name: str, letters: int | None) -> str:
    """Cut a last name at the first space, hyphen or apostrophe, then to ``letters`` letters."""
    kept = ""
    for char in last_name:
        if char in " -'’":
            break
        if char.isalpha():
            kept += char.upper()
    return kept[:letters] if letters else kept


def amount_digits(amount: Decimal) -> str:
    """Return an amount as dollars and cents digits with no point: 125.50 is 12550."""
    return str(int((amount * 100).quantize(Decimal(1))))


def with_terminator(keys: str, terminator: str) -> str:
    """Append the terminator key (``#``) when the IVR asks for one."""
    return keys + terminator if terminator and not keys.endswith(terminator) else keys
