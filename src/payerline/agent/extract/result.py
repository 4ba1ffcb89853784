"""The value an extractor returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Extraction(Generic[T]):
    """A value understood from speech, with a confidence from 0 to 1.

    Confidence is a rule-based estimate, not a calibrated probability: values
    read in an explicit form ("one hundred twelve dollars") score higher than
    chunked or corrected forms ("one twelve", "fifty, sorry, fifteen").
    """

    value: T
    confidence: float
