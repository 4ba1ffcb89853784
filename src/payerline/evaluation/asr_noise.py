"""Speech-recognition noise for far-end text.

At audio fidelity the agent hears the payer through a recogniser, which drops
words, swaps in similar-sounding ones, writes homophones ("for" as "four"),
and splits or joins numbers ("1250" as "12 50", "twenty twenty six" as
"2026"). :func:`make_text_filter` perturbs text-fidelity utterances the same
way so the eval can measure how the agent copes. The sandbox applies the
filter to every far-end utterance it sends.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

# Each pair is written both ways: a recogniser confuses them in either direction.
_HOMOPHONE_PAIRS = (
    ("for", "four"),
    ("to", "two"),
    ("too", "two"),
    ("won", "one"),
    ("ate", "eight"),
    ("oh", "zero"),
    ("no", "know"),
    ("right", "write"),
    ("there", "their"),
    ("by", "buy"),
)
HOMOPHONES: dict[str, tuple[str, ...]] = {}
for _left, _right in _HOMOPHONE_PAIRS:
    HOMOPHONES.setdefault(_left, ())
    HOMOPHONES.setdefault(_right, ())
    HOMOPHONES[_left] += (_right,)
    HOMOPHONES[_right] += (_left,)

# Near-homophones a telephone-band recogniser commonly produces for short
# function words. Content words (statuses, names, codes) only get dropped,
# swapped for a homophone or, for numbers, split and joined. No swap here
# negates a sentence ("can" never becomes "can't"), because a recogniser
# that did so would leave nothing for the caller to recover from.
CONFUSIONS: dict[str, tuple[str, ...]] = {
    "the": ("a", "uh"),
    "a": ("the", "uh"),
    "and": ("an", "in"),
    "in": ("and", "an"),
    "is": ("was", "as"),
    "it's": ("its", "is"),
    "that": ("the", "at"),
    "this": ("the", "is"),
    "of": ("a", "have"),
    "on": ("in", "an"),
    "um": ("uh", "a"),
    "okay": ("ok", "hey"),
    "your": ("you're", "you"),
    "can": ("could", "an"),
    "then": ("than", "and"),
}

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_PUNCTUATION = ".,;:!?"
_DIGITS = re.compile(r"^\d+$")


def _split_token(token: str) -> tuple[str, str]:
    """Split ``token`` into its word and its trailing punctuation."""
    core = token.rstrip(_PUNCTUATION)
    return core, token[len(core):]


def _two_digit_words(value: int) -> list[str]:
    if value < 20:
        return [_ONES[value]]
    tens, ones = divmod(value, 10)
    return [_TENS[tens]] if ones == 0 else [_TENS[tens], _ONES[ones]]


def year_to_words(year: int) -> list[str]:
    """Return a year as a person speaks it: 2026 as ["twenty", "twenty", "six"]."""
    century, rest = divmod(year, 100)
    if rest == 0:
        return [*_two_digit_words(century), "hundred"]
    if rest < 10:
        return [*_two_digit_words(century), "oh", _ONES[rest]]
    return [*_two_digit_words(century), *_two_digit_words(rest)]


def _words_to_two_digits(words: list[str]) -> int | None:
    if len(words) == 1 and words[0] in _ONES:
        return _ONES.index(words[0])
    if len(words) == 1 and words[0] in _TENS[2:]:
        return _TENS.index(words[0]) * 10
    if len(words) == 2 and words[0] in _TENS[2:] and words[1] in _ONES[1:10]:
        return _TENS.index(words[0]) * 10 + _ONES.index(words[1])
    return None


def _spoken_year_at(cores: list[str], index: int) -> tuple[int, int] | None:
    """Find a spoken year starting at ``cores[index]``: (year, tokens used), or None.

    Recognises "nineteen eighty four", "twenty twenty-six", "twenty twenty six"
    and "twenty twenty" (the century must be nineteen or twenty).
    """
    century = {"nineteen": 19, "twenty": 20}.get(cores[index].lower())
    if century is None:
        return None
    following = [c.lower() for c in cores[index + 1:index + 3]]
    candidates: list[tuple[list[str], int]] = []
    if len(following) >= 2:
        candidates.append((following[:2], 2))
    if following:
        candidates.append((following[0].split("-"), 1))
    for words, used in candidates:
        value = _words_to_two_digits(words)
        if value is not None and value >= 10:
            return century * 100 + value, 1 + used
    return None


# Utterance confidence, as a recogniser reports it (see docs/eval.md, "ASR noise").
# NOTE: these numbers are estimates of a telephone-band recogniser, not measured.
CLEAN_CONFIDENCE = (0.86, 0.99)      # uniform range of an utterance heard right
FALSE_ALARM_RATE = 0.06              # share of clean utterances reported low anyway
FALSE_ALARM_CONFIDENCE = (0.45, 0.8)
MISS_RATE = 0.2                      # share of perturbed utterances that keep a clean confidence
PENALTY_PER_ERROR = (0.08, 0.3)      # uniform drop per perturbed word
MIN_CONFIDENCE = 0.05


class _Perturber:
    """Apply one recogniser error per chosen word, left to right, and score the utterance."""

    def __init__(self, rate: float, rng: random.Random, confidence_rng: random.Random) -> None:
        self.rate = rate
        self.rng = rng
        self.confidence_rng = confidence_rng

    def __call__(self, text: str) -> tuple[str, float]:
        tokens = text.split()
        output: list[str] = []
        index = 0
        errors = 0
        while index < len(tokens):
            if self.rng.random() >= self.rate:
                output.append(tokens[index])
                index += 1
                continue
            replacement, used = self._perturb(tokens, index)
            output.extend(replacement)
            index += used
            errors += 1
        result = " ".join(output)
        # A recogniser that hears nothing emits no utterance at all; the
        # sandbox always sends one, so keep the original rather than "".
        if not result:
            result, errors = text, 0
        return result, self._confidence(errors if result != text else 0)

    def _confidence(self, errors: int) -> float:
        """Return an utterance confidence that tracks ``errors`` loosely, as a real recogniser's does."""
        draw = self.confidence_rng
        confidence = draw.uniform(*CLEAN_CONFIDENCE)
        if errors == 0:
            if draw.random() < FALSE_ALARM_RATE:
                confidence = draw.uniform(*FALSE_ALARM_CONFIDENCE)
        elif draw.random() >= MISS_RATE:
            for _ in range(errors):
                confidence -= draw.uniform(*PENALTY_PER_ERROR)
        return round(max(MIN_CONFIDENCE, confidence), 3)

    def _perturb(self, tokens: list[str], index: int) -> tuple[list[str], int]:
        """Return the replacement tokens and how many input tokens they replace."""
        core, punctuation = _split_token(tokens[index])
        lower = core.lower()
        options: list[Callable[[], tuple[list[str], int]]] = [lambda: ([], 1)]
        if lower in HOMOPHONES:
            options.append(lambda: ([self.rng.choice(HOMOPHONES[lower]) + punctuation], 1))
        if lower in CONFUSIONS:
            options.append(lambda: ([self.rng.choice(CONFUSIONS[lower]) + punctuation], 1))
        if _DIGITS.match(core) and len(core) >= 2:
            options.append(lambda: (self._split_digits(core, punctuation), 1))
        if _DIGITS.match(core) and not punctuation and index + 1 < len(tokens):
            next_core, next_punctuation = _split_token(tokens[index + 1])
            if _DIGITS.match(next_core):
                options.append(lambda: ([core + next_core + next_punctuation], 2))
        if _DIGITS.match(core) and len(core) == 4 and 1900 <= int(core) <= 2099:
            words = year_to_words(int(core))
            options.append(lambda: ([*words[:-1], words[-1] + punctuation], 1))
        year = _spoken_year_at([_split_token(t)[0] for t in tokens], index)
        if year is not None:
            value, used = year
            last_punctuation = _split_token(tokens[index + used - 1])[1]
            options.append(lambda: ([str(value) + last_punctuation], used))
        # Prefer the characteristic errors over a plain drop when one applies.
        if len(options) > 1 and self.rng.random() < 0.75:
            return self.rng.choice(options[1:])()
        return self.rng.choice(options)()

    def _split_digits(self, digits: str, punctuation: str) -> list[str]:
        cut = self.rng.randrange(1, len(digits))
        return [digits[:cut], digits[cut:] + punctuation]


# A filter returns the text heard, or the text and the utterance confidence.
TextFilter = Callable[[str], str | tuple[str, float]]


def make_text_filter(rate: float, rng: random.Random, confidence_rng: random.Random | None = None) -> TextFilter:
    """Return a filter that perturbs about ``rate`` of the words in each text.

    Each word is chosen with probability ``rate``. A chosen word is dropped
    or replaced by a homophone or a near-homophone. A chosen number may
    instead be split, or joined with the number after it, and a year may be
    turned between digits and spoken words.

    The filter returns ``(text, confidence)``: the utterance confidence
    drops with each perturbed word, loosely (some clean utterances score
    low, some perturbed ones high; numbers in docs/eval.md). Text errors
    draw only from ``rng`` and confidences only from ``confidence_rng``.
    By default ``confidence_rng`` is seeded from ``rng``'s state without
    drawing from it, so the text errors stay those of ``rng`` alone. The
    same generator states give the same output. A rate of 0 returns every text
    unchanged, as a plain string.

    Raises:
        ValueError: if ``rate`` is outside [0, 1].
    """
    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"ASR noise rate {rate} is outside 0..1; pass a fraction of words such as 0.05")
    if rate == 0.0:
        return lambda text: text
    if confidence_rng is None:
        # Hashing the state's integers is stable across processes, unlike hashing str.
        confidence_rng = random.Random(hash(rng.getstate()[1]))
    return _Perturber(rate, rng, confidence_rng)
