"""Tests for the NPI check digit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from payerline.domain.identifiers import npi_check_digit_valid, npi_with_check_digit


def test_cms_example_npi_passes():
    # The worked example in CMS's NPI check-digit paper.
    assert npi_check_digit_valid("1234567893")


@pytest.mark.parametrize("npi", ["1234567890", "1234567894", "2234567893"])
def test_mistyped_npi_fails(npi):
    assert not npi_check_digit_valid(npi)


@pytest.mark.parametrize("npi", ["123456789", "12345678933", "12345678a3", ""])
def test_npi_wrong_shape_fails(npi):
    assert not npi_check_digit_valid(npi)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_completed_npi_has_one_valid_check_digit(base):
    npi = npi_with_check_digit(base)
    assert npi.startswith(base)
    assert npi_check_digit_valid(npi)
    others = [base + d for d in "0123456789" if base + d != npi]
    assert not any(npi_check_digit_valid(other) for other in others)


@given(st.text(alphabet="0123456789", min_size=10, max_size=10), st.integers(0, 9), st.integers(1, 9))
def test_single_digit_change_detected(npi, position, delta):
    if not npi_check_digit_valid(npi):
        return
    changed = npi[:position] + str((int(npi[position]) + delta) % 10) + npi[position + 1:]
    assert not npi_check_digit_valid(changed)


def test_npi_base_wrong_length_rejected():
    with pytest.raises(ValueError, match="exactly 9 digits"):
        npi_with_check_digit("12345")
