"""Free-text answers, kept close to what was said: what a claim is missing."""

from __future__ import annotations

import re

from payerline.agent.extract.result import Extraction

_MISSING_LEAD = re.compile(
    r"\b(?:we need|we'll need|you'll need to send(?: us)?|it's missing|is missing|missing|needs|need|"
    r"waiting on|waiting for|requesting|send us|don't have|pending for)\s+(.+)",
    re.IGNORECASE,
)


def extract_missing_information(text: str) -> Extraction[str] | None:
    """Extract what the payer says is missing, as a short phrase."""
    match = _MISSING_LEAD.search(text)
    if match is None:
        return None
    phrase = re.split(r"[.?!]", match.group(1))[0].strip(" ,")
    phrase = re.sub(r"^(?:a |an |the |copy of )+", "", phrase, flags=re.IGNORECASE)
    if not phrase:
        return None
    return Extraction(phrase, 0.7)
