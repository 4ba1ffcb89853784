"""Decoding what a caller entered at an IVR prompt, keyed or spoken.

Keyed letters come in two schemes. The star scheme enters each letter as
star, the key that carries it, then its position on that key ("*21" is A,
"*74" is S). The key scheme enters only the key ("76484" for SMITH), so the
IVR compares key strings rather than letters. Last names are cut at the
first space, hyphen or apostrophe and then to the prompt's maximum length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from payerline.sandbox import hearing
from payerline.sandbox.ops import Heard
from payerline.sandbox.payer_file import InputSpec
from payerline.sandbox.spoken import amount_plain_words, date_plain_words

KEY_LETTERS = {"2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS", "8": "TUV", "9": "WXYZ"}
_LETTER_KEY = {letter: key for key, letters in KEY_LETTERS.items() for letter in letters}


def letter_key(letter: str) -> str:
    """Return the keypad key that carries ``letter``."""
    return _LETTER_KEY[letter.upper()]


def star_code(letter: str) -> str:
    """Return the star-scheme keys for ``letter``: "*21" for A."""
    key = letter_key(letter)
    return f"*{key}{KEY_LETTERS[key].index(letter.upper()) + 1}"


def decode_star(keys: str) -> str | None:
    """Decode a star-scheme entry ("*21" is A, digits stand for themselves); None if malformed."""
    out = []
    index = 0
    while index < len(keys):
        char = keys[index]
        if char.isdigit():
            out.append(char)
            index += 1
            continue
        if char != "*" or index + 2 >= len(keys):
            return None
        key, position = keys[index + 1 : index + 2], keys[index + 2 : index + 3]
        letters = KEY_LETTERS.get(key, "")
        if not position.isdigit() or not 1 <= int(position) <= len(letters):
            return None
        out.append(letters[int(position) - 1])
        index += 3
    return "".join(out)


def name_for_entry(name: str, truncate: int | None) -> str:
    """Return the letters of ``name`` a caller enters: up to a space, hyphen or apostrophe, then cut."""
    head = re.split(r"[ \-']", name.strip(), maxsplit=1)[0].upper()
    letters = re.sub(r"[^A-Z]", "", head)
    return letters[:truncate] if truncate else letters


def id_keys(identifier: str) -> str:
    """Return ``identifier`` as the key scheme enters it: letters by their keys, digits as they are."""
    return "".join(letter_key(char) if char.isalpha() else char for char in identifier)


def name_keys(name: str, truncate: int | None) -> str:
    """Return ``name`` as the key scheme enters it ("76484" for SMITH)."""
    return "".join(letter_key(letter) for letter in name_for_entry(name, truncate))


@dataclass(frozen=True)
class Entry:
    """A decoded entry. ``value`` is typed by kind; ``spoken`` is how a read-back says it."""

    value: object
    spoken: str
    keyed_letters: bool = False


def _length_ok(spec: InputSpec, text: str) -> bool:
    if spec.length is not None and len(text) != spec.length:
        return False
    if spec.min_length is not None and len(text) < spec.min_length:
        return False
    return not (spec.max_length is not None and len(text) > spec.max_length)


def _spaced(text: str) -> str:
    return " ".join(text)


def decode(spec: InputSpec, heard: Heard, today: date) -> Entry | None:
    """Decode ``heard`` for an input of ``spec``; None when it is invalid."""
    if heard.speech is not None:
        return _decode_speech(spec, heard.speech, today)
    if not heard.keys:
        return None
    return _decode_keys(spec, heard.keys, today)


def _decode_keys(spec: InputSpec, keys: str, today: date) -> Entry | None:
    if spec.kind == "digits":
        return Entry(keys, _spaced(keys)) if keys.isdigit() and _length_ok(spec, keys) else None
    if spec.kind in ("alphanumeric", "name") and spec.letters == "star":
        text = decode_star(keys)
        if text is None or not _length_ok(spec, text):
            return None
        if spec.kind == "name" and (not text.isalpha() or (spec.truncate and len(text) > spec.truncate)):
            return None
        return Entry(text, _spaced(text))
    if spec.kind == "name" and spec.letters == "key":
        if not keys.isdigit() or not _length_ok(spec, keys) or (spec.truncate and len(keys) > spec.truncate):
            return None
        return Entry(keys, _spaced(keys), keyed_letters=True)
    if spec.kind == "alphanumeric" and spec.letters == "key":
        # One key per letter: the IVR compares key strings ("MDH51" is keyed and matched as "63451").
        return Entry(keys, _spaced(keys), keyed_letters=True) if keys.isdigit() and _length_ok(spec, keys) else None
    if spec.kind == "alphanumeric":
        return Entry(keys, _spaced(keys)) if keys.isdigit() and _length_ok(spec, keys) else None
    if spec.kind == "date":
        return _date_entry(spec, _numeric_date(keys, spec.date_format, today), today)
    if spec.kind == "amount":
        if not keys.isdigit() or not _length_ok(spec, keys):
            return None
        amount = Decimal(keys) / 100
        # A claim number keyed at an amount prompt is an invalid entry, not an amount too long to read back.
        return Entry(amount, amount_plain_words(amount)) if amount <= MAX_AMOUNT else None
    return None


# The largest amount the sandbox can read back in words (999,999,999 dollars and 99 cents).
MAX_AMOUNT = Decimal("999999999.99")


def _numeric_date(digits: str, date_format: str, today: date) -> date | None:
    expected = 8 if date_format == "MMDDYYYY" else 6
    if len(digits) != expected or not digits.isdigit():
        return None
    month, day = int(digits[:2]), int(digits[2:4])
    year = int(digits[4:]) if expected == 8 else hearing.two_digit_year(int(digits[4:]), month, day, today)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_entry(spec: InputSpec, value: date | None, today: date) -> Entry | None:
    if value is None:
        return None
    if spec.max_age_days is not None and abs((today - value).days) > spec.max_age_days:
        return None
    if value > today + timedelta(days=1) and spec.max_age_days is not None:
        return None
    return Entry(value, date_plain_words(value))


def _decode_speech(spec: InputSpec, text: str, today: date) -> Entry | None:
    if spec.kind == "digits":
        digits = hearing.digits_in(text)
        return Entry(digits, _spaced(digits)) if digits and _length_ok(spec, digits) else None
    if spec.kind == "alphanumeric":
        chars = hearing.characters_in(text)
        return Entry(chars, _spaced(chars)) if chars and _length_ok(spec, chars) else None
    if spec.kind == "name":
        words = re.findall(r"[A-Za-z'\-]+", text)
        spelled = hearing.characters_in(text)
        letters = spelled if spelled.isalpha() and len(spelled) > 1 and len(words) > 2 else (words[-1] if words else "")
        entered = name_for_entry(letters, spec.truncate)
        return Entry(entered, _spaced(entered)) if entered else None
    if spec.kind == "date":
        if spec.allow_today and hearing.contains_phrase(text, "today"):
            return _date_entry(spec, today, today)
        dates = hearing.dates_in(text, today)
        if not dates and spec.spoken_date_format:
            dates = [d for d in [_numeric_date(hearing.digits_in(text), spec.spoken_date_format, today)] if d]
        return _date_entry(spec, dates[0] if dates else None, today)
    if spec.kind == "amount":
        amounts = hearing.amounts_in(text)
        if not amounts:
            digits = hearing.digits_in(text)
            amounts = [Decimal(digits)] if digits else []
        return Entry(amounts[0], amount_plain_words(amounts[0])) if amounts and amounts[0] <= MAX_AMOUNT else None
    return None
