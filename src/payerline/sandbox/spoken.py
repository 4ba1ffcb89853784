"""Spoken forms of values, as an IVR or a representative says them.

The IVR reads values one clear way (digits one by one, amounts in dollars and
cents, dates as month, day and year). A representative varies the form the
way people do on the phone: "oh" for zero, "double five", digits in groups,
"one forty-eight sixteen" for $148.16, "the third of March". Every choice
comes from the ``random.Random`` passed in, so a seeded call replays exactly.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date
from decimal import Decimal

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_ONES = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
    "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_ORDINAL_TENS = "_ _ twentieth thirtieth".split()
MONTHS = (
    "January February March April May June July August September October November December"
).split()

PHONETIC = {
    "A": "apple", "B": "boy", "C": "cat", "D": "David", "E": "Edward", "F": "Frank",
    "G": "George", "H": "Henry", "I": "India", "J": "John", "K": "king", "L": "Larry",
    "M": "Mary", "N": "Nancy", "O": "Oscar", "P": "Paul", "Q": "queen", "R": "Robert",
    "S": "Sam", "T": "Tom", "U": "union", "V": "Victor", "W": "William", "X": "x-ray",
    "Y": "yellow", "Z": "zebra",
}


def int_words(number: int) -> str:
    """Return ``number`` (0 to 999,999,999) in words: 1250 is "one thousand two hundred fifty"."""
    if number < 0 or number > 999_999_999:
        raise ValueError(f"int_words supports 0 to 999999999, not {number}")
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {int_words(rest)}" if rest else "")
    for size, name in ((1_000_000, "million"), (1000, "thousand")):
        if number >= size:
            high, rest = divmod(number, size)
            return f"{int_words(high)} {name}" + (f" {int_words(rest)}" if rest else "")
    raise AssertionError("unreachable")


def ordinal_words(number: int) -> str:
    """Return a day of the month as an ordinal: 23 is "twenty-third"."""
    if number < 20:
        return _ORDINAL_ONES[number]
    tens, ones = divmod(number, 10)
    if ones == 0:
        return _ORDINAL_TENS[tens]
    return f"{_TENS[tens]}-{_ORDINAL_ONES[ones]}"


def year_words(year: int) -> str:
    """Return a year as people say it: 2026 "twenty twenty-six", 2005 "two thousand five"."""
    high, low = divmod(year, 100)
    if 2000 <= year < 2010:
        return "two thousand" + (f" {_ONES[low]}" if low else "")
    if low == 0:
        return f"{int_words(high)} hundred"
    if low < 10:
        return f"{int_words(high)} oh {_ONES[low]}"
    return f"{int_words(high)} {int_words(low)}"


def pair_words(number: int) -> str:
    """Return a two-digit group as a number, with a leading "oh" below ten: 5 is "oh five"."""
    return f"oh {_ONES[number]}" if number < 10 else int_words(number)


def digit_words(digits: str, *, zero: str = "zero") -> str:
    """Return a digit string read one digit at a time; letters are read as themselves."""
    words = []
    for char in digits:
        if char.isdigit():
            words.append(zero if char == "0" else _ONES[int(char)])
        else:
            words.append(char.upper())
    return " ".join(words)


def _digit_run_words(digits: str, rng: random.Random, zero: str) -> str:
    """Read a group of digits, sometimes saying "double" or "triple" for repeats."""
    words = []
    index = 0
    while index < len(digits):
        char = digits[index]
        run = 1
        while index + run < len(digits) and digits[index + run] == char and run < 3:
            run += 1
        word = digit_words(char, zero=zero)
        if run >= 2 and char.isdigit() and rng.random() < 0.6:
            words.append(("double " if run == 2 else "triple ") + word)
            index += run
        else:
            words.append(word)
            index += 1
    return " ".join(words)


def id_words(value: str, rng: random.Random, *, group: int | None = None, phonetic: bool = False) -> str:
    """Return an identifier as a person reads it aloud.

    Digits are read one at a time with "oh" or "zero" for 0 and sometimes
    "double"/"triple" for repeats. With ``group``, digits are read in groups of
    that size separated by commas. With ``phonetic``, each letter is spelled
    "E as in Edward".
    """
    zero = rng.choice(("oh", "oh", "zero"))
    chunks = [value[i : i + group] for i in range(0, len(value), group)] if group else [value]
    spoken = []
    for chunk in chunks:
        parts = []
        run = ""
        for char in chunk:
            if char.isalpha():
                if run:
                    parts.append(_digit_run_words(run, rng, zero))
                    run = ""
                upper = char.upper()
                parts.append(f"{upper} as in {PHONETIC[upper]}" if phonetic else upper)
            else:
                run += char
        if run:
            parts.append(_digit_run_words(run, rng, zero))
        spoken.append(", ".join(parts) if phonetic else " ".join(parts))
    return ", ".join(spoken)


def ivr_id_words(value: str) -> str:
    """Return an identifier as an IVR reads it: each character separately."""
    return digit_words(value)


def amount_plain_words(amount: Decimal) -> str:
    """Return an amount in full: "one hundred forty-eight dollars and sixteen cents"."""
    cents_total = int((amount * 100).to_integral_value())
    dollars, cents = divmod(cents_total, 100)
    dollar_text = f"{int_words(dollars)} dollar" + ("" if dollars == 1 else "s")
    if cents == 0:
        return dollar_text
    cent_text = f"{int_words(cents)} cent" + ("" if cents == 1 else "s")
    if dollars == 0:
        return cent_text
    return f"{dollar_text} and {cent_text}"


def _hundreds_short(dollars: int) -> str:
    """Return 148 as "one forty-eight" and 105 as "one oh five"."""
    hundreds, rest = divmod(dollars, 100)
    return f"{_ONES[hundreds]} {pair_words(rest)}"


def amount_words(amount: Decimal, rng: random.Random) -> str:
    """Return an amount in one of the forms representatives use.

    Forms: the full form; "one forty-eight sixteen" for $148.16 (a three-digit
    dollar amount and its cents); "twelve hundred fifty dollars"; and "twelve
    fifty" for $1,250 followed by the full form, as people add when the short
    form could mean $12.50.
    """
    cents_total = int((amount * 100).to_integral_value())
    dollars, cents = divmod(cents_total, 100)
    choices = ["plain", "plain"]
    if 100 <= dollars <= 999 and dollars % 100 != 0:
        choices.append("short")
    if 1100 <= dollars <= 9999 and dollars % 1000 != 0 and dollars % 100 == 50 and cents == 0:
        choices.append("hundreds_pair")
    if 1100 <= dollars <= 9999 and (dollars // 100) % 10 != 0:
        choices.append("hundreds")
    form = rng.choice(choices)
    if form == "short":
        if cents:
            return f"{_hundreds_short(dollars)} {pair_words(cents)}"
        return f"{_hundreds_short(dollars)} even"
    if form == "hundreds_pair":
        return f"{int_words(dollars // 100)} fifty, that's {amount_plain_words(amount)}"
    if form == "hundreds":
        high, rest = divmod(dollars, 100)
        text = f"{int_words(high)} hundred" + (f" {int_words(rest)}" if rest else "") + " dollars"
        return text + (f" and {int_words(cents)} cents" if cents else "")
    plain = amount_plain_words(amount)
    return plain + (" even" if cents == 0 and rng.random() < 0.3 else "")


def date_plain_words(value: date) -> str:
    """Return a date as an IVR reads it: "March third, twenty twenty-six"."""
    return f"{MONTHS[value.month - 1]} {ordinal_words(value.day)}, {year_words(value.year)}"


def date_words(value: date, rng: random.Random) -> str:
    """Return a date in one of the forms representatives use (always with its year)."""
    form = rng.choice(("month_day", "month_day", "day_of_month", "numeric", "digits"))
    if form == "day_of_month":
        return f"the {ordinal_words(value.day)} of {MONTHS[value.month - 1]}, {year_words(value.year)}"
    if form == "numeric":
        return f"{pair_words(value.month)}, {pair_words(value.day)}, {int_words(value.year % 100) if value.year % 100 >= 10 else pair_words(value.year % 100)}"
    if form == "digits":
        return f"{digit_words(value.strftime('%m%d'))}, {digit_words(str(value.year))}"
    return date_plain_words(value)


def code_words(code: str, rng: random.Random | None = None) -> str:
    """Return an adjustment code as spoken: "ninety-six", "N two ninety", "C O"."""
    letters = "".join(c for c in code if c.isalpha())
    digits = "".join(c for c in code if c.isdigit())
    if not digits:
        return " ".join(letters.upper())
    number = int(digits)
    if len(digits) == 3 and number >= 100 and number % 100 != 0 and (rng is None or rng.random() < 0.7):
        spoken_number = _hundreds_short(number)
    else:
        spoken_number = int_words(number)
    return (" ".join(letters.upper()) + " " + spoken_number).strip()


def codes_words(codes: list[str], rng: random.Random | None = None) -> str:
    """Return a list of codes joined with "and"."""
    spoken = [code_words(code, rng) for code in codes]
    if len(spoken) <= 1:
        return "".join(spoken)
    return ", ".join(spoken[:-1]) + " and " + spoken[-1]


def days_words(days: int, rng: random.Random | None = None) -> str:
    """Return a day count: "thirty days"; 365 may be "one year, three hundred sixty-five days"."""
    if days == 365 and rng is not None and rng.random() < 0.5:
        return "one year, that's three hundred sixty-five days"
    return f"{int_words(days)} day" + ("" if days == 1 else "s")


def spell_words(name: str) -> str:
    """Return a name spelled with the phonetic alphabet: "D as in David, A as in apple".

    An accented letter is spelled as its base letter ("Tomás" as ... "A as in apple, S as in Sam").
    """
    letters = [base_letter(c) for c in name if c.isalpha()]
    return ", ".join(f"{c} as in {PHONETIC[c]}" for c in letters if c in PHONETIC)


def base_letter(char: str) -> str:
    """Return the upper-case base letter of ``char``: "á" is "A", "ñ" is "N"."""
    return unicodedata.normalize("NFKD", char)[0].upper()
