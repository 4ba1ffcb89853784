"""Checks for US healthcare identifiers."""

from __future__ import annotations


def npi_check_digit_valid(npi: str) -> bool:
    """Return whether a 10-digit NPI passes its Luhn check digit.

    The NPI check digit is the Luhn digit computed over the 9-digit base
    prefixed with the card issuer prefix 80840, which adds a constant 24 to
    the Luhn sum of the base digits (CMS, "Requirements for NPI Check Digit").
    """
    if len(npi) != 10 or not npi.isdigit():
        return False
    total = 24
    for position, char in enumerate(reversed(npi[:9])):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10 == int(npi[9])


def npi_with_check_digit(base: str) -> str:
    """Return the 10-digit NPI whose first nine digits are ``base``."""
    if len(base) != 9 or not base.isdigit():
        raise ValueError(f"NPI base {base!r} must be exactly 9 digits")
    for check in "0123456789":
        if npi_check_digit_valid(base + check):
            return base + check
    raise AssertionError("unreachable: one check digit always fits")
