"""What the caller asks a representative, recognised by keywords.

The representative simulator's own small grammar: which claim fields a
question asks for, and whether an utterance is a repeat request, a
read-back, a request for the reference number or the representative's name,
a new claim, or a closing.
"""

from __future__ import annotations

import re

from payerline.sandbox.hearing import tokens

# Ordered: more specific phrases first. Each pattern is matched on the
# lowercased, tokenised utterance.
FIELD_PATTERNS: tuple[tuple[str, str], ...] = (
    ("patient_responsibility", r"patient (responsibility|portion|owes?|liability|share)|member (owes?|responsibility)|(does|did) the (patient|member) owe|cost share"),
    ("bulk_payment_amount", r"bulk(?: payment)?(?: amount)?|total (of|on) the (check|eft|payment)|(check|eft|payment) total|whole check"),
    ("check_cashed", r"cashed|cleared"),
    ("check_number", r"check number|eft (trace )?number|trace number|eft number|check or eft|eft or check|payment number"),
    ("paid_date", r"paid date|date paid|payment date|check date|when (was|did) (it|that|the claim) (get )?paid|when did (it|that|the claim) pay|date (of|it was) (paid|payment)|when (was|is) (it|the payment) (issued|released|sent)"),
    ("allowed_amount", r"allowed|allowable|allowance"),
    ("billed_amount", r"billed|total charges?|charged|submitted (amount|charges)"),
    ("paid_amount", r"paid amount|amount paid|how much (was|did|has) (it |they |the plan |the claim )?(paid|pay)|payment amount|what did (it|they|the plan) pay|how much did (it|they|you) pay"),
    ("adjustment_group_code", r"group code|adjustment group|group"),
    ("rarc_codes", r"remark"),
    ("carc_codes", r"reason codes?|denial (reason|codes?)|carcs?|adjustment (reason )?codes?|why (was|did) (it|the claim|that) (denied|deny|get denied)|why it denied|reason for the denial"),
    ("missing_information", r"missing|what (information|documents|records) (do you|does it|is) need|what do you need|what is needed|what's needed"),
    ("expected_processing_days", r"how long|processing time|turnaround|when (will|should|can) (it|we|the claim)|expected|how many days (to|until|for) (process|finali)"),
    ("timely_filing_days", r"timely filing|filing limit|filing deadline|how long (do we have|to file)"),
    ("line_detail", r"line (level|detail|items?)|each line|by line|service lines?|lines? on (the|that) claim"),
    ("processed_date", r"processed|process date|adjudicat|finali[sz]ed|denial date|date (it|the claim) (was )?denied|when (was|did) (it|that|the claim) (deny|denied)"),
    ("received_date", r"receiv|receipt date|when did you get"),
    ("claim_number", r"claim (number|id|#)|icn|dcn|tcn|control number"),
    ("claim_status", r"status|where (does|is) (it|the claim) stand|what happened (to|with) (it|the claim)"),
)

_REPEAT = r"repeat|say (that|it) again|come again|didn ?t (catch|get|hear)|did not (catch|get|hear)|one more time|once more|pardon|say again|sorry what|spell|slower|missed that"
_READBACK = r"read (that|it|this) back|readback|to confirm|confirming|let me confirm|just to (make sure|verify|confirm)|so (that s|that is|it s|it is)|you said|did i get that right|is that (correct|right)|correct\?|have (that|it) as"
_REFERENCE = r"reference|ref number|call ref|confirmation number|interaction (number|id)|ticket number"
_NAME = r"your name|who (am i|i am) speaking|who i spoke|who did i speak|spell your name|may i have your name|can i get your name|and you are"
_CLOSING = r"that s (all|everything|it)|that is (all|everything)|nothing else|no further|that will be all|(thank you|thanks)( so much| very much)?( for your help| for your time)?( bye| goodbye)?$|goodbye|bye|have a (good|great|nice)|that s all i need|all set"
_NEW_CLAIM = r"another claim|next claim|second claim|one more claim|additional claim|other claim|a different claim|also calling about"


def _normal(text: str) -> str:
    return " ".join(tokens(text))


def asked_fields(text: str) -> list[str]:
    """Return the claim fields a question asks for, in the order they are mentioned."""
    normal = _normal(text)
    hits: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for field, pattern in FIELD_PATTERNS:
        for match in re.finditer(rf"\b(?:{pattern})", normal):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            taken.append(span)
            hits.append((span[0], field))
            break
    return [field for _, field in sorted(hits)]


def is_repeat_request(text: str) -> bool:
    return re.search(rf"\b(?:{_REPEAT})", _normal(text)) is not None


def wants_spelling(text: str) -> bool:
    return re.search(r"\bspell", _normal(text)) is not None


def is_readback(text: str) -> bool:
    return re.search(rf"\b(?:{_READBACK})", _normal(text) + ("?" if text.strip().endswith("?") else "")) is not None


def asks_reference(text: str) -> bool:
    return re.search(rf"\b(?:{_REFERENCE})", _normal(text)) is not None


def asks_name(text: str) -> bool:
    return re.search(rf"\b(?:{_NAME})", _normal(text)) is not None


def is_closing(text: str) -> bool:
    normal = _normal(text)
    return re.search(rf"\b(?:{_CLOSING})", normal) is not None and not asked_fields(text)


def mentions_new_claim(text: str) -> bool:
    return re.search(rf"\b(?:{_NEW_CLAIM})", _normal(text)) is not None


def rejects_open_claim(text: str) -> bool:
    """Tell whether the caller says the claim open is not the one asked about ("No, the other claim for ...")."""
    return re.search(r"\b(?:the other claim|a different claim|not (?:that|this) (?:one|claim))\b", _normal(text)) is not None
