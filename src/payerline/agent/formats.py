"""Entering identifiers in the format an IVR asks for.

Digits go as DTMF with or without a terminator; dates as MMDDYYYY or MMDDYY;
the TIN whole or its last five digits; letters by the star scheme (star, the
key carrying the letter, then the letter's position on that key: B is
``*22``), by key alone (B is ``2``), or spoken phonetically ("B as in boy");
last names cut to N letters, stopping at a space, hyphen or apostrophe.
Letters outside A to Z are transliterated first ("Núñez" is NUNEZ, "ß" is
SS); a value left with no letter or digit to enter raises
``UnkeyableInputError``.
"""

from __future__ import annotations

import unicodedata
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


def keyed_digits(value: str) -> str:
    """Return ``value`` as keyed with one key per letter ("MDH51" is "63451")."""
    return "".join(_LETTER_KEY[char][0] if char in _LETTER_KEY else char for char in value.upper())


PHONETIC_WORDS: dict[str, str] = {
    "A": "apple", "B": "boy", "C": "cat", "D": "dog", "E": "echo", "F": "frank", "G": "george",
    "H": "henry", "I": "india", "J": "john", "K": "king", "L": "larry", "M": "mary", "N": "nancy",
    "O": "oscar", "P": "paul", "Q": "queen", "R": "robert", "S": "sam", "T": "tom", "U": "union",
    "V": "victor", "W": "william", "X": "x-ray", "Y": "yellow", "Z": "zebra",
}
# Letters that NFKD does not split into a base letter and a combining mark.
_LATIN_EXTRA: dict[str, str] = {
    "ß": "SS", "ẞ": "SS", "Æ": "AE", "Ø": "O", "Œ": "OE", "Ł": "L", "Đ": "D", "Ð": "D", "Þ": "TH",
    "Ħ": "H", "Ŧ": "T", "Ŋ": "NG", "Ə": "E", "ı": "I", "ĸ": "K", "ſ": "S",
}
DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)


class UnkeyableInputError(ValueError):
    """A request value has no letters A to Z to key or spell, even after transliteration."""


def latin_letters(text: str) -> str:
    """Return ``text`` upper-cased with its letters transliterated to A to Z.

    Accents are dropped (NFKD, combining marks removed), ligatures and letters
    such as ß, Æ and Ø are spelled out (SS, AE, O), and letters of other
    scripts, which have no keypad keys, are dropped. Digits and punctuation
    are kept.
    """
    out = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char):
            continue
        upper = char.upper()
        extra = _LATIN_EXTRA.get(char) or _LATIN_EXTRA.get(upper)
        if extra:
            out.append(extra)
        elif "A" <= upper <= "Z" or not char.isalpha():
            out.append(upper)
    return "".join(out)


def _require_keyable(text: str, kept: str, what: str) -> None:
    if any(char.isalnum() for char in text) and not any(char.isalnum() for char in kept):
        raise UnkeyableInputError(
            f"the {what} has no letters A to Z or digits to enter, even after transliteration; "
            "a person must make this call, or give the value in Latin letters in the request"
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
    """Return DTMF keys for an identifier of digits and letters (spaces and dashes dropped).

    Raises:
        UnkeyableInputError: ``text`` has letters but none that transliterate to A to Z.
    """
    latin = latin_letters(text)
    _require_keyable(text, latin, "value to key")
    keys = ""
    for char in latin:
        if char.isdigit():
            keys += char
        elif char.isalpha():
            keys += letter_keys(char, LetterMethod.KEY if method is LetterMethod.PHONETIC else method)
    return keys


def spoken_characters(text: str) -> str:
    """Return an identifier spoken one character at a time, letters phonetically.

    Raises:
        UnkeyableInputError: ``text`` has letters but none that transliterate to A to Z.
    """
    latin = latin_letters(text)
    _require_keyable(text, latin, "value to spell")
    parts = []
    for char in latin:
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
    """Cut a last name at the first space, hyphen or apostrophe, then to ``letters`` letters.

    Letters are transliterated to A to Z first ("Núñez-O'Brien" is NUNEZ).

    Raises:
        UnkeyableInputError: the name has no letter that transliterates to A to Z.
    """
    kept = ""
    for char in latin_letters(last_name):
        if char in " -'’":
            break
        if "A" <= char <= "Z":
            kept += char
    if not kept and any("A" <= char <= "Z" for char in latin_letters(last_name)):
        # A name that starts with a separator ("-Smith"): keep the first word with letters.
        kept = truncated_last_name(latin_letters(last_name).lstrip(" -'’"), None)
    _require_keyable(last_name, kept, "last name")
    return kept[:letters] if letters else kept


def amount_digits(amount: Decimal) -> str:
    """Return an amount as dollars and cents digits with no point: 125.50 is 12550."""
    return str(int((amount * 100).quantize(Decimal(1))))


def with_terminator(keys: str, terminator: str) -> str:
    """Append the terminator key (``#``) when the IVR asks for one."""
    return keys + terminator if terminator and not keys.endswith(terminator) else keys


_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_words(number: int) -> list[str]:
    """Return the words of a whole number as spoken, one token per word: 218 is two, hundred, eighteen.

    A tens-and-units pair is one token ("fifty-four"), as it is written.

    Raises:
        ValueError: if ``number`` is negative.
    """
    if number < 0:
        raise ValueError(f"number {number} is negative; pass a whole number of 0 or more")
    if number < 20:
        return [_ONES[number]]
    if number < 100:
        tens, units = divmod(number, 10)
        return [_TENS[tens] + (f"-{_ONES[units]}" if units else "")]
    for size, name in ((1_000_000, "million"), (1000, "thousand"), (100, "hundred")):
        if number >= size:
            high, rest = divmod(number, size)
            return number_words(high) + [name] + (number_words(rest) if rest else [])
    raise AssertionError("unreachable")


def amount_words(amount: Decimal) -> tuple[list[str], list[str]]:
    """Return the spoken words of an amount's dollars and of its cents (no words for none)."""
    cents_total = int((abs(amount) * 100).quantize(Decimal(1)))
    dollars, cents = divmod(cents_total, 100)
    return (number_words(dollars) if dollars else []), (number_words(cents) if cents else [])
