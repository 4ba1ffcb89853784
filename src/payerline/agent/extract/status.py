"""Claim status as representatives and IVR read-outs describe it."""

from __future__ import annotations

import re

from payerline.agent.extract.lexer import normalize_words
from payerline.agent.extract.result import Extraction
from payerline.domain.codes import ClaimStatus

# Checked in order: a more specific status wins over a word that also fits a
# broader one ("partially paid" before "paid", "payment floor" before "paid").
_RULES: tuple[tuple[ClaimStatus, re.Pattern[str]], ...] = tuple(
    (status, re.compile(pattern))
    for status, pattern in (
        (ClaimStatus.NOT_ON_FILE, r"\b(not on file|no record|not finding|can't find|cannot find|"
                                  r"unable to (find|locate)|not (in|showing in) (our|the) system|no claims? (on file|found)|"
                                  r"not seeing (a|any|that|the) claim|"
                                  r"don't (see|have) (any|a|that) claim|no such claim|not found|"
                                  # "It looks like that claim has not been received."
                                  r"(hasn't|haven't|wasn't|has not|have not|was not)( yet)?( been)? received|never received|"
                                  r"(don't|do not) see anything on file|nothing on file)\b"),
        (ClaimStatus.CANCELLED, r"\b(cancel(l)?ed|voided|void)\b"),
        (ClaimStatus.ADJUSTED, r"\b(adjusted|adjustment claim|was reprocessed as)\b"),
        # Medicaid's spend-down is the recipient's deductible under another name.
        (ClaimStatus.APPLIED_TO_DEDUCTIBLE, r"\b(appl(y|ied|ies) (in full )?to (the )?(patient's |member's |recipient's |"
                                            r"beneficiary's )?(deductible|spend ?down)|"
                                            r"went (all )?to (the )?deductible|applied toward)\b"),
        (ClaimStatus.PARTIALLY_PAID, r"\b(partial(ly)? (paid|payment|pay)|paid in part)\b"),
        (ClaimStatus.DENIED, r"\b(denied|deny|denial|rejected)\b"),
        (ClaimStatus.PAYMENT_FLOOR, r"\b(payment floor|on the floor|payment scheduled|scheduled for payment|"
                                    # Lines that have no "payment floor" name the payment still to come.
                                    r"(will|to) be (released|paid|issued) (in|on|with) the (next )?(\w+ )?"
                                    r"(financial|payment|check|checkwrite) (cycle|run)|"
                                    r"(waiting|awaiting) (for )?(the )?(next )?(\w+ )?(payment|financial|check|checkwrite) "
                                    r"(cycle|run)|(paid|released|issued) (in|with) the next (\w+ )?(payment|financial|check|checkwrite) (cycle|run)|"
                                    r"approved and (is )?(awaiting|waiting for) (payment|release)|"
                                    r"approved (to pay|for payment)(?!.*(?<!not )(?<!n't )(?<!not been )(?<!n't been )(?<!not yet )"
                                    r"\b(paid|issued|sent|cleared)\b))\b"),
        (ClaimStatus.PAID, r"\b(paid|has been paid|finalized (and|with) payment)\b"),
        # "This claim has been received, on February third, and is in process": received is the status it names,
        # the processing what a received claim awaits. A claim called pending is pending.
        (ClaimStatus.RECEIVED, r"^(?!.*\bpend(ing|ed)\b)(.*\b(has been|have been|was|were) )?received\b.*\band (is|it's|it is) "
                               r"(now )?(in process|in processing|being processed)\b"),
        # Not "received ... and is not yet in processing": a claim not yet worked is only received.
        (ClaimStatus.PENDING, r"\b(pending|pended|(?<!not )(?<!not yet )(?<!n't )(?<!n't yet )(in process|in processing)|"
                              r"suspense|suspended|under review|medical review|being processed|still processing)\b"),
        (ClaimStatus.RECEIVED, r"\b(received|receive|logged|acknowledged)\b"),
    )
)


def extract_claim_status(text: str) -> Extraction[ClaimStatus] | None:
    """Extract a claim status from a sentence about one claim."""
    words = normalize_words(text.replace("-", " "))
    for status, pattern in _RULES:
        if pattern.search(words):
            return Extraction(status, 0.9)
    return None
