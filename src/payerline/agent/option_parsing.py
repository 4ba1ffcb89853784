"""Menu options read from a normalized IVR turn: keys, labels and spoken phrases, in the order heard.

Payers announce options in many forms ("For claims, press 2", "Press 1 for
claims, 2 for authorizations", "Claim status, press 2", "Say claims or
press 2", "claims is 2"); each form has a pattern here, and
:func:`menu_options` merges what they find, one option per key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A key or a run of keys as normalized prompts write them ("2", "* 9 9", "#").
KEY = r"(?:[0-9*#](?: ?[0-9*#])*)"


@dataclass(frozen=True)
class MenuOption:
    """One menu choice: a key to press and/or a phrase to say, and what it is for."""

    label: str
    key: str | None = None
    phrase: str | None = None
    # The prompt named the option and ended with "press", because the key itself was lost on the line.
    key_lost: bool = False


_OPTION_FOR_PRESS = re.compile(
    # "[If] you are a health care provider, press 1" keeps its option with "if" or "you" lost.
    rf"(?:^|\b)(?:for|to|(?:if )?you(?: are|'re)|if are|if you(?: have| need| would like|'d like| want)?|if this is|"
    # "If the member's ID card shows Prairie Blue Cross, press 1."
    # "If [you] do not have a contract with Northmere, press 1." with "you" lost.
    rf"if(?= (?:the|your|a|an|it|its|their|our|do|don't|have|need|want|would)\b))"
    rf"\s+([^.;?]+?),?\s+"
    rf"(?:please\s+)?(?:(?:say\s+([a-z' ]+?)\s*,?\s+or\s+)?(?:press|dial|select|push|touch|enter)\s+({KEY})|say\s+([a-z' ]+?))"
    # "..., press 2 or say member": the phrase after the key.
    rf"(?:,?\s+or\s+say\s+([a-z' ]+?)(?=[.,;?]|$))?"
    rf"(?=[.,;?]|$| now\b| at any time\b| or\b)"
)
# The key spoken first: "Star 9 9 returns to this menu."
_OPTION_KEY_FIRST = re.compile(r"(?:^|[.?!]\s+)((?:star|\*)(?: ?[0-9#])+) (?:returns?|takes you|brings you) "
                               r"(?:you )?(?:back )?to (this menu|the main menu)")
# A run of keys after one "press": "press 1 for claims, 2 for authorizations, or 3 for anything else".
# Star keys too: "press star to hear a prompt again, or star 8 for the main menu".
_LIST_KEY = r"(?:[0-9]|\*(?: ?[0-9]){0,2}|#)"
# "press 1 for member and 2 for provider" joins its two items with "and".
_OPTION_KEY_LIST = re.compile(rf"\bpress {_LIST_KEY} (?:for|to) [^.;?]+?(?:,? (?:or |and )?{_LIST_KEY} (?:for|to) [^.;?,]+)+")
_KEY_LIST_ITEM = re.compile(rf"(?:^press |,\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+)({_LIST_KEY}) (?:for|to) ([^.;?,]+?)"
                            rf"(?=,|\s+(?:or|and)\s+{_LIST_KEY}|$)")
# "Claim status, press 2." and "Eligibility, say eligibility or press 3.": the label opens the sentence.
_OPTION_LABEL_FIRST = re.compile(
    # A label may list callers: "Doctors, hospitals and other providers, press 2."
    rf"(?:^|[.?!]\s+)([a-z][a-z' ]{{1,60}}?(?:, (?!or\b|and\b|say\b|press\b)[a-z][a-z' ]{{1,40}}?){{0,3}}),?\s+(?:say\s+[a-z' ]+?\s+or\s+)?(?:press|dial)\s+"
    rf"({KEY})(?=[.,;?]|$|\s+or\b)"
)
_OPTION_PRESS_FOR = re.compile(
    rf"\b(?:press|dial|select)\s+({KEY})\s+(?:for|to|if you(?: are|'re| have| need| would like|'d like| want)?)\s+"
    rf"([^.;?,]+?)(?=\s+(?:and|or)\s+{_LIST_KEY} (?:for|to)\b|[.;?,]|$)"
)
_SAY_BEFORE_PRESS = re.compile(r"\bsay\s+([a-z' ]+?)\s*,?\s+or\s+$")
# "For claim information, 1." when speech recognition dropped "press".
# "To hear this information again, 1 or repeat." when "press" and "say" were lost.
_OPTION_BARE_KEY = re.compile(
    r"(?:^|(?<=[.?!]\s))(?:for|to|if you(?: are|'re)) ((?:(?!\b(?:press|dial)\b)[a-z' ,]){3,60}?),?\s+([0-9])"
    r"(?=\.|\s+or\s+[a-z])"
)
# "Claim status, 2." with "press" unsaid or lost: a sentence of a label and one key, nothing after it. Labels
# that count things ("Units, 2.", "Lines on this claim, 3.") are read-out values, not options.
_OPTION_LABEL_KEY = re.compile(r"(?:^|(?<=[.?!]\s))([a-z][a-z' ]{2,60}?),\s+([0-9*#])(?:[.!](?=\s|$)|$)")
_COUNTED_LABEL = re.compile(r"\b(?:units?|lines?|total|count|number|visits?|days?|amount|codes?|group|quantity|of|"
                            r"claims|items?|times?)\b")
# "Or use your keypad: eligibility is 1, claims is 2, and credentialing is 5."
_OPTION_LABEL_IS = re.compile(r"(?:^|:\s*|,\s*(?:and\s+)?|\band\s+)([a-z][a-z' ]{1,40}?) is ([0-9*#])(?=[,.;]|\s+and\b|$)")
_KEYPAD_SENTENCE = re.compile(r"\bkeypad\b|\bkeys?\b|\btouch[- ]?tone\b|\bpress\b|\bdial\b")
_SAY_LIST = re.compile(
    r"(?:^|[.?!]\s|please\s|^or\s|[.?!]\sor\s|[.?!]\syou \w+ (?:also )?|^you \w+ (?:also )?)say\s+(?!or\b|yes\b|no\b)([a-z' ]+(?:,\s*(?:or\s+)?[a-z' ]+)+|[a-z' ]+\s+or\s+[a-z' ]+|"
    r"[a-z' ]{2,30})\s*(?:[.?!]|$)"
)
# Words before a spoken list's first phrase: "You can say things like claim status, eligibility, ...".
_LIST_LEAD = re.compile(r"^(?:things like|something like|for example,?|such as|e\.?g\.?,?)\s+")
# The keys of a spoken list in a sentence of their own, in the list's order: "You can say repeat that, another
# claim, or I'm done. On the keypad, that's 1, 2, or 9."
_KEYS_IN_ORDER = re.compile(r"^(?:or\s+)?(?:on (?:the|your) keypad|using (?:the|your) keypad|by keypad|or press|press)\b"
                            r"[^.?!0-9]*?(?:that's|that is|press|use|,)?\s*"
                            r"([0-9*#](?:(?:\s*,\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+)[0-9*#])+)\s*[.?!]?$")
# "Say claims or press 1", also with "or" lost ("You can say claims, press 1") or "press" lost
# ("Say prior authorization, or 3.").
_OPTION_SAY_OR_PRESS = re.compile(
    rf"\bsay\s+([a-z' ]+?),?\s+(?:or\s+(?:press|enter)\s+({KEY})|(?:press|enter)\s+({KEY})|or\s+({KEY})(?=[.,;?]|$))"
)
# "To repeat this information, press." and "To hear that again, say repeat or press.": the key was lost.
OPTION_KEY_LOST = re.compile(
    r"(?:^|(?<=[.?!] ))(?:for|to|if you(?: are|'re| have| need| would like|'d like| want)?)\s+([^.;?,]+?)"
    r"(?:,?\s+(?:please\s+)?(?:say\s+([a-z' ]+?)\s*,?\s+or\s+)?(?:press|dial|select|push|touch)"
    # "press 1 or say repeat" with the key and "say" lost: "press or repeat".
    r"(?:\s+or\s+(?:say\s+)?([a-z' ]+?))?"
    # An utterance cut after its label ("To hear this claim again,").
    r"|,)\s*(?=[.;?]|$)"
)


# An example of an entry is no option: "For example, for eight hundred twelve dollars and fifty cents, enter 8 1 2 5 0."
# A spoken menu's examples ("For example, you can say claim status") are options, so a sentence with "say" stays.
_KEYED_EXAMPLE = re.compile(r"(?:^|(?<=[.?!] ))(?:for example|for instance|e\.g\.)\b(?![^.?!]*\bsay\b)[^.?!]*[.?!]?",
                            re.IGNORECASE)


def menu_options(normalized: str) -> tuple[MenuOption, ...]:
    """Find the menu options offered in a normalized turn, in the order heard."""
    # Blanked, not cut, so that the options' positions keep their order.
    normalized = _KEYED_EXAMPLE.sub(lambda match: " " * len(match.group(0)), normalized)
    found: list[tuple[int, MenuOption]] = []
    seen_keys: set[str] = set()
    for match in _OPTION_FOR_PRESS.finditer(normalized):
        label, phrase, key, say_only = match.group(1), match.group(2) or match.group(5), match.group(3), match.group(4)
        key = key.replace(" ", "") if key else None
        if say_only:
            phrase = say_only.strip()
        if key in seen_keys:
            continue
        if key:
            seen_keys.add(key)
        label = re.sub(r",?\s*(?:at any time|now|please)$", "", label.strip())
        found.append((match.start(), MenuOption(label, key, phrase.strip() if phrase else None)))
    for match in _OPTION_BARE_KEY.finditer(normalized):
        label, key = match.group(1).strip(), match.group(2)
        if key not in seen_keys:
            seen_keys.add(key)
            found.append((match.start(), MenuOption(label, key)))
    for match in _OPTION_LABEL_FIRST.finditer(normalized):
        label, key = match.group(1).strip(), match.group(2).replace(" ", "")
        if key not in seen_keys and not re.match(r"(?:please|to|for|if|or|and|then|now|just|you|when)\b", label):
            seen_keys.add(key)
            found.append((match.start(), MenuOption(label, key)))
    for match in _OPTION_LABEL_KEY.finditer(normalized):
        label, key = match.group(1).strip(), match.group(2)
        if (key not in seen_keys and not _COUNTED_LABEL.search(label)
                and not re.match(r"(?:please|to|for|if|or|and|then|now|just|you|when|press|dial|say)\b", label)):
            seen_keys.add(key)
            found.append((match.start(), MenuOption(label, key)))
    for match in _OPTION_PRESS_FOR.finditer(normalized):
        key = match.group(1).replace(" ", "")
        if key not in seen_keys:
            seen_keys.add(key)
            # "Say another visit or press 2 to check a different date": the words to say come before the key.
            say_match = _SAY_BEFORE_PRESS.search(normalized, 0, match.start())
            phrase = say_match.group(1).strip() if say_match is not None else None
            found.append((match.start(), MenuOption(match.group(2).strip(), key, phrase)))
    for match in _OPTION_KEY_FIRST.finditer(normalized):
        key = match.group(1).replace("star", "*").replace(" ", "")
        if key not in seen_keys:
            seen_keys.add(key)
            found.append((match.start(), MenuOption(f"return to {match.group(2)}", key)))
    for match in _OPTION_KEY_LIST.finditer(normalized):
        # "Press 1 for claims, 2 for authorizations, or 3 for anything else": keys after the first.
        for item in _KEY_LIST_ITEM.finditer(match.group(0)):
            key = item.group(1).replace(" ", "")
            if key not in seen_keys:
                seen_keys.add(key)
                found.append((match.start() + item.start(), MenuOption(item.group(2).strip(), key)))
    for sentence_match in re.finditer(r"[^.?!]+[.?!]?", normalized):
        sentence = sentence_match.group(0)
        if not _KEYPAD_SENTENCE.search(sentence):
            continue
        for match in _OPTION_LABEL_IS.finditer(sentence):
            key = match.group(2)
            label = re.sub(r"^(?:or use your keypad|use your keypad|on your keypad)\s*", "", match.group(1)).strip()
            if key not in seen_keys and label:
                seen_keys.add(key)
                found.append((sentence_match.start() + match.start(), MenuOption(label, key)))
    for match in _OPTION_SAY_OR_PRESS.finditer(normalized):
        key = (match.group(2) or match.group(3) or match.group(4)).replace(" ", "")
        if key not in seen_keys:
            seen_keys.add(key)
            found.append((match.start(), MenuOption(match.group(1).strip(), key, match.group(1).strip())))
    for match in OPTION_KEY_LOST.finditer(normalized):
        label, phrase = match.group(1).strip(), match.group(2) or match.group(3)
        if not any(option.label == label for _, option in found):
            found.append((match.start(), MenuOption(label, None, phrase.strip() if phrase else None, key_lost=True)))
    for match in _SAY_LIST.finditer(normalized):
        phrases = [_LIST_LEAD.sub("", phrase.strip(" .")) for phrase in re.split(r",\s*or\s+|,\s*|\s+or\s+", match.group(1))]
        keys = _keys_in_order(normalized[match.end():], len(phrases))
        for index, phrase in enumerate(phrases):
            if phrase and not any(option.phrase == phrase or option.label == phrase for _, option in found):
                key = keys[index] if keys and keys[index] not in seen_keys else None
                found.append((match.start(), MenuOption(phrase, key, phrase)))
    found.sort(key=lambda item: item[0])
    return tuple(option for _, option in found if not _is_input_label(option))


def _keys_in_order(rest: str, count: int) -> list[str] | None:
    """Read the keys of a spoken list from the sentence after it, when it gives exactly one key per phrase."""
    sentence = re.match(r"\s*([^.?!]*[.?!]?)", rest)
    keys_match = _KEYS_IN_ORDER.match(sentence.group(1).strip()) if sentence else None
    if keys_match is None:
        return None
    keys = re.findall(r"[0-9*#]", keys_match.group(1))
    return keys if len(keys) == count else None


def _is_input_label(option: MenuOption) -> bool:
    """Reject "enter 1 ..." matches that are really part of an input request."""
    return option.label.startswith(("enter ", "your ")) and option.key is None
