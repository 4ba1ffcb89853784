"""Reading a representative's turn: the cues the dialog acts on and checks of the values heard in it.

Used by ``payerline.agent.dialog``; the patterns match text already normalised
by ``payerline.agent.prompts.normalize_prompt`` unless they ignore case.
"""

from __future__ import annotations

import re
from typing import Any

from payerline.agent.extract import Extraction
from payerline.agent.prompts import Cue, PromptAnalysis
from payerline.agent.readback import READBACK_FIELDS
from payerline.agent.verification import BARE_REQUEST, QUESTION_LEAD

STALL = re.compile(
    r"let me (?:see|check|pull|look|get|find)|one moment|hold on|give me a (?:sec|second|moment)|bear with me|"
    r"just a (?:moment|second|sec)|pulling (?:it|that) up|looking (?:it|that) up|bringing (?:it|that) up"
)
INSIST = re.compile(
    r"(?:can't|cannot|not able to|unable to|won't) (?:proceed|continue|release|help|go any further|verify|give)|"
    r"(?:need|require) (?:the |that |an? )?(?:ssn|social|full)|without (?:the |that |an? )?(?:ssn|social)"
)


def unanswered_question(normalized: str) -> bool:
    """Tell whether the representative asked for information the agent could not place."""
    last = re.split(r"(?<=[.?!])\s+", normalized)[-1]
    asked = re.search(r"\b(?:what(?:'s| is| was| are)|can i (?:get|have)|may i (?:have|get)|could you (?:give|provide|"
                      r"verify|tell)|do you have)\b", last)
    # A question whose key word the line lost ("Is that the individual or the group?") is still a question.
    if not (asked or last.endswith("?") or QUESTION_LEAD.search(last) or BARE_REQUEST.search(last)):
        return False
    return not re.search(
        r"anything else|help you|what can i|how can i|would you like|can i tell|do you need|"
        r"go ahead(?! with| and (?:give|read|tell|spell))|"
        r"what was that|"
        r"rephrase|looking at|what else|"
        # An invitation that lost a word: "What [would] you like to know?", "I've got that [claim] pulled up."
        r"like to know|want to know|pulled (?:it |that |\w+ )?up|in front of me",
        last,
    )


# Below this an extracted value is doubtful whatever the recogniser's confidence (an estimate).
DOUBTFUL_EXTRACTION = 0.5
# Extra attempts at a question whose answers the line garbled.
MAX_EXTRA_ATTEMPTS = 2
# Words that carry a value: a reply with them that gave none was garbled, not empty.
VALUE_WORDS = re.compile(
    r"\d|\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|dollars?|cents?|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|first|second|third|\w+th)\b"
)
ANNOUNCEMENT = re.compile(
    r"available (?:any time )?(?:in|through|on) (?:the|our) (?:ivr|automated|self[- ]service|\w+ (?:web )?portal)|"
    r"\bavailable\b[^.?!]*\b(?:ivr|automated system|self[- ]service|web portal)\b|"
    r"your call is important|continue to hold|next available|in the order|"
    r"please have\b[^.?!]*\bready\b",
    re.IGNORECASE,
)
# "Go ahead with the NPI" asks for a verification answer; it does not invite questions.
GO_AHEAD_WITH = re.compile(r"\bgo ahead (?:with|and (?:give|read|spell|tell))\b")
# "I have it in front of me", "I see it", "What can I help you with?" after verification: the claim is open.
CLAIM_FOUND = re.compile(
    r"\b(?:i(?: have|'ve got| got|'ve| have got) (?:it|that|the claim|that claim)\b[^.?!]*\b(?:in front of me|pulled up|up)\b|"
    r"what can i help you with|"
    r"i (?:see|found) (?:it|the claim|that claim)\b|(?:found|located|pulled up|brought up) (?:it|the claim|that claim|your claim)\b)"
)
# A person introducing themselves or asking something; a recorded announcement does neither.
NAMES_ITSELF = re.compile(r"\b(?:this is|my name is|my name's)\s+[A-Za-z]", re.IGNORECASE)
INTRODUCTION = re.compile(r"\?|\b(?:this is|my name|speaking|how (?:can|may) i)\b", re.IGNORECASE)
ACKNOWLEDGEMENT = re.compile(
    r"^(?:okay|ok|alright|all right|got it|thank you|thanks|great|perfect|sure|mm ?hmm|uh huh|one moment|"
    r"let me (?:see|check|verify some information|pull (?:that|it) up))[.!,]?(?:\s+(?:okay|thank you|thanks|"
    r"got it|one moment)[.!]?)*$"
)
GIVE_ME = re.compile(r"\b(?:give|read|tell|spell) me\b|\bi(?:'ll| will)? need (?:the|your)\b")
MISUNDERSTOOD = re.compile(
    r"what was that|rephrase|say that again|repeat that|didn't (?:catch|understand|get) (?:that|you)|come again|"
    r"\bpardon\b|not sure what you(?:'re| are) asking|didn't quite get"
)
MISMATCH = re.compile(
    r"(?:doesn't|does not|didn't|did not) match|not matching|no match|one more time|not what i have|try that again|"
    r"that's not what|(?:doesn't|does not|don't|isn't|is not|not) lin(?:e|ing) up|double[- ]check|"
    r"i'm not (?:finding|seeing|getting) (?:a match|that)|not getting a match|(?:can't|cannot|couldn't) find a match|"
    # "Hmm, that's not matching on my end" with "not" lost: representatives report a mismatch this way, not a match.
    r"\bmatching (?:on|an|in|at) (?:my|our) (?:end|side)\b"
)


def announcement_only(analysis: PromptAnalysis) -> bool:
    """Tell whether a turn taken for a person is a recorded announcement: its wording, and no introduction."""
    if INTRODUCTION.search(analysis.text):
        return False
    return bool(ANNOUNCEMENT.search(analysis.text)) or analysis.has(Cue.HOLD) and not analysis.has(Cue.PERSON_GREETING)


def one_identifier(values: dict[str, Extraction[Any]], pending: str | None) -> dict[str, Extraction[Any]]:
    """Keep one field for a number that answered an identifier question.

    "Payment reference, that's the EFT trace, is ..." answers the check number
    asked for; its "reference" does not make the same digits the call's reference number.
    """
    if pending not in READBACK_FIELDS or pending not in values:
        return values
    answer = values[pending].value
    return {name: value for name, value in values.items()
            if name == pending or name not in READBACK_FIELDS or value.value != answer}


def plausible(name: str, value: Extraction[Any]) -> bool:
    """Drop values that cannot be right for their field (a one-digit claim number)."""
    if name in ("claim_number", "reference_number", "check_number"):
        return isinstance(value.value, str) and len(value.value) >= 5
    return True
