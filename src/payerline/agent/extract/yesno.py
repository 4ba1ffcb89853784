"""Yes or no answers, and whether a check was cashed."""

from __future__ import annotations

import re

from payerline.agent.extract.lexer import normalize_words
from payerline.agent.extract.result import Extraction

_NO = re.compile(
    r"^(no|nope|nah|negative|incorrect|that's not (right|correct)|not correct|that is not)\b|\b(that's wrong|not right)\b|"
    # A correction of what was read back: "Not quite, it's ...", "Let me fix that, it's actually ...".
    r"^(not quite|not exactly|close but|almost|actually it's|actually that's|let me (fix|correct) that|"
    r"that's off|you('ve| have) got (it|that) wrong|scratch that|i have it as|it should be)\b|"
    # "No, it's ..." heard as its homophone "know".
    r"^know\b(?=,| it's| that)"
)
_YES = re.compile(
    r"^(yes|yeah|yep|yup|correct|right|sure|that's (right|correct)|that is correct|uh huh|mm hmm|affirmative|exactly|okay)\b"
)
_NOT_CASHED = re.compile(
    r"\b(not (been |yet )?(cashed|cleared|deposited|negotiated)|(hasn't|has not|haven't|wasn't|isn't) "
    r"(been |yet )?(cashed|cleared|presented|deposited|negotiated)|not showing (as )?cashed|uncashed|"
    r"outstanding|still open|nobody's cashed|no one has cashed|not presented)\b"
)
_CASHED = re.compile(r"\b(cashed|cleared|deposited|negotiated|endorsed|presented and paid)\b")


def extract_yes_no(text: str) -> Extraction[bool] | None:
    """Extract a yes or no answer from the start of an utterance."""
    words = normalize_words(text.replace("-", " "))
    if _NO.search(words):
        return Extraction(False, 0.9)
    if _YES.search(words):
        return Extraction(True, 0.9)
    return None


def extract_check_cashed(text: str) -> Extraction[bool] | None:
    """Extract whether a check has been cashed."""
    words = normalize_words(text.replace("-", " "))
    if _NOT_CASHED.search(words):
        return Extraction(False, 0.9)
    if _CASHED.search(words):
        return Extraction(True, 0.9)
    return None
