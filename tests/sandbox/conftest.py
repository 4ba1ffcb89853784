"""Fixtures for sandbox tests."""

from __future__ import annotations

import pytest
from sandbox_helpers import bundled

from payerline.sandbox.payer_file import PayerFile


@pytest.fixture
def ngs() -> PayerFile:
    return bundled("ngs-medicare")


@pytest.fixture
def kentucky() -> PayerFile:
    return bundled("kentucky-medicaid")
