"""Representative names as they introduce themselves.

Handles "my name is Dana", "this is Marcus, M-A-R-C-U-S", "Tanya, last
initial B as in boy" ("Tanya B."), "it's Latoya W." and greetings such as
"thank you for holding, this is Dana, how can I help you?".
"""

from __future__ import annotations

import re

from payerline.agent.extract.lexer import Kind, tokenize
from payerline.agent.extract.result import Extraction

# Names may carry accented Latin letters ("Tomás", "Zoë").
NAME_UPPER = "A-ZÀ-ÖØ-Þ"
NAME_LOWER = "a-zß-öø-ÿ"
_UP, _LOW = NAME_UPPER, NAME_LOWER
# A first name, with a second part after a hyphen ("Hye-jin", "Jean-Luc").
_NAME = rf"[{_UP}{_LOW}][{_LOW}]+(?:-[{_UP}{_LOW}][{_LOW}]+)?"
# Introductions that name the speaker, then ones that may name the payer instead
# ("you've reached Desert Sage Health Plan, this is Colleen").
_INTRO = re.compile(
    r"\b(?:my name is|my name's|name is|this is|you're speaking with|you are speaking with|speaking with|"
    r"you spoke with|you're talking (?:to|with)|you are talking (?:to|with)|i'm|i am|first name is)\s+"
    rf"({_NAME})",
    re.IGNORECASE,
)
# "Desert Sage provider services, Yvette speaking."
_SPEAKING = re.compile(rf"\b([{_UP}][{_LOW}]+(?:-[{_UP}{_LOW}][{_LOW}]+)?) speaking\b")
_WEAK_INTRO = re.compile(
    rf"\b(?:you've reached|you have reached|it's|it is|put down)\s+({_NAME})",
    re.IGNORECASE,
)
# A capitalised word that is a whole sentence, in a turn of a few words: "Provider services. Vince. Go ahead."
_LONE_NAME = re.compile(rf"(?:^|[.!?]\s+)([{_UP}][{_LOW}]+(?:-[{_UP}{_LOW}][{_LOW}]+)?)[.!](?=\s|$)")
_LONE_NAME_MAX_WORDS = 8
_DEPARTMENT_WORDS = frozenset({"services", "billing", "eligibility", "enrollment", "benefits", "authorizations",
                               "payments", "department", "support", "operator", "representative", "goodbye", "bye"})
_LAST_INITIAL = re.compile(r"\blast initial(?: is)?\s+([A-Za-z])\b", re.IGNORECASE)
_INITIAL_AFTER = re.compile(r"^\s+([A-Z])\b(?:\.|,|$| as in)")
NOT_NAMES = frozenset(
    {
        "the", "a", "an", "my", "your", "provider", "claims", "claim", "customer", "member", "sorry", "calling",
        "going", "not", "just", "so", "um", "uh", "okay", "yes", "yeah", "no", "correct", "showing", "still",
        "on", "in", "under", "pending", "paid", "denied", "that", "this", "it", "from", "with", "for", "here",
        "there", "all", "only", "also", "been", "being", "currently", "me", "we", "our", "an", "automated",
        "happy", "glad", "able", "unable", "afraid", "looking", "checking", "showing", "let", "one", "two",
        "hello", "hi", "good", "thank", "thanks", "now", "ready", "sure", "right", "alright", "very", "really",
        "recording", "transferring", "available", "closed", "important", "please", "to", "for", "if", "and",
        "thank", "your", "did", "reminder", "welcome", "claim", "status", "press", "enter", "we", "they",
        "you", "i", "he", "she", "you'll", "you're", "can", "could", "would", "should", "will",
        # Question words start the sentence after a greeting whose name was lost ("this is How can I help?").
        "how", "what", "who", "where", "when", "which", "why",
        # Words that order an IVR's steps open its prompts the way a name opens a reply ("Last, key your tax ID").
        "first", "next", "last", "lastly", "finally", "then", "key",
        # Sounds and courtesies said alone ("Hmm, I can't use that date", "Perfect. And the date of birth?").
        "hmm", "hm", "mm", "ah", "oh", "well", "great", "perfect", "got", "done", "bye", "goodbye", "sorry",
    }
)
_LEAD_WORDS = frozenset({"um", "uh", "yeah", "okay", "so", "sorry", "sure", "oh", "well", "yes", "hi", "hello"})


def extract_person_name(text: str) -> Extraction[str] | None:
    """Extract the name a representative gives, with a last initial when given."""
    first = _introduced_name(text)
    confidence = 0.9
    if first is None:
        first = _leading_name(text)
        confidence = 0.7
    if first is None:
        first = lone_name(text)
        confidence = 0.6
    if first is None:
        return None
    initial = _last_initial(text, first)
    return Extraction(f"{first} {initial}." if initial else first, confidence)


def _introduced_name(text: str) -> str | None:
    for match in [*_INTRO.finditer(text), *_SPEAKING.finditer(text), *_WEAK_INTRO.finditer(text)]:
        word = match.group(1)
        if re.match(r"\s+(?:i|we|you)\b", text[match.end():], re.IGNORECASE):
            continue  # "my name is [lost]. May I have yours?": the word starts the next question
        if word.lower() not in NOT_NAMES and (word[0].isupper() or text.islower()):
            rest = word[1:]
            return word[0].upper() + (rest.lower() if rest.isupper() or text.islower() else rest)
    return None


# The text after a name spoken alone: a pause mark, the end, or a word that keeps it a name ("Dana here").
_ALONE_AFTER = re.compile(r"\s*(?:[,.!?;:]|$)|\s+(?:here|speaking|with|from|at|and)\b", re.IGNORECASE)


def _leading_name(text: str) -> str | None:
    """Read a name said alone first ("Kevin, and my last initial is M")."""
    for match in list(re.finditer(rf"[{_UP}{_LOW}']+(?:-[{_UP}{_LOW}]+)?", text))[:4]:
        word = match.group()
        if word.lower() in _LEAD_WORDS:
            continue
        if re.match(r"\s+(?:i|we|you)\b", text[match.end():], re.IGNORECASE):
            return None  # "May I have your name?" and "Can we ..." are questions, not names.
        if not _ALONE_AFTER.match(text, match.end()):
            return None  # "Per diem claims usually span several days": the word starts a phrase, not a name alone
        if word[0].isupper() and len(word) > 1 and word.lower() not in NOT_NAMES and word.replace("-", "").isalpha():
            return word
        return None
    return None


def lone_name(text: str) -> str | None:
    """Read a name said as a sentence of its own in a clipped greeting ("Provider services. Vince. Go ahead.")."""
    if len(re.findall(rf"[{_UP}{_LOW}']+", text)) > _LONE_NAME_MAX_WORDS:
        return None
    for match in _LONE_NAME.finditer(text):
        word = match.group(1)
        if word.lower() not in NOT_NAMES and word.lower() not in _DEPARTMENT_WORDS:
            return word
    return None



def _last_initial(text: str, first: str) -> str | None:
    match = _LAST_INITIAL.search(text)
    if match:
        phonetic = [token for token in tokenize(text[match.start():]) if token.kind is Kind.LETTER]
        return (phonetic[0].text if phonetic else match.group(1)).upper()
    position = text.find(first)
    if position >= 0:
        after = _INITIAL_AFTER.match(text[position + len(first):])
        if after:
            return after.group(1)
    return None
