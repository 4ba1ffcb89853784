"""Tests for the speech-recognition noise filter."""

from __future__ import annotations

import difflib
import random

import pytest

from payerline.evaluation.asr_noise import make_text_filter, year_to_words

SENTENCES = [
    "The claim was paid on March third, twenty twenty-six, for 1250 dollars.",
    "Press one for claims, or two to hear it again.",
    "Your reference number is 4 5 6 oh oh 2, and I ate lunch at 2026.",
]


def heard_text(output: str | tuple[str, float]) -> str:
    return output[0] if isinstance(output, tuple) else output


def run(rate: float, seed: int, texts: list[str]) -> list[str]:
    text_filter = make_text_filter(rate, random.Random(seed))
    return [heard_text(text_filter(text)) for text in texts]


def test_zero_rate_returns_text_unchanged():
    assert run(0.0, 1, SENTENCES) == SENTENCES


def test_same_seed_gives_same_output():
    assert run(0.2, 7, SENTENCES * 5) == run(0.2, 7, SENTENCES * 5)


def test_different_seeds_differ():
    assert run(0.2, 7, SENTENCES * 5) != run(0.2, 8, SENTENCES * 5)


@pytest.mark.parametrize("rate", [-0.1, 1.5])
def test_rate_outside_unit_interval_rejected(rate):
    with pytest.raises(ValueError, match="outside 0..1"):
        make_text_filter(rate, random.Random(1))


def test_rate_one_changes_every_sentence():
    for original, noisy in zip(SENTENCES, run(1.0, 3, SENTENCES), strict=True):
        assert noisy != original


def test_changed_word_share_is_near_rate():
    words = "please hold while I transfer your call to the next available representative".split()
    text_filter = make_text_filter(0.05, random.Random(11))
    changed = 0
    for _ in range(300):
        noisy = heard_text(text_filter(" ".join(words))).split()
        matcher = difflib.SequenceMatcher(a=words, b=noisy, autojunk=False)
        changed += len(words) - sum(block.size for block in matcher.get_matching_blocks())
    assert 0.03 <= changed / (300 * len(words)) <= 0.07


def test_empty_result_keeps_original():
    text_filter = make_text_filter(1.0, random.Random(5))
    for _ in range(50):
        assert heard_text(text_filter("hello")) == "hello"


def collect_variants(text: str, rate: float = 1.0, draws: int = 400) -> set[str]:
    text_filter = make_text_filter(rate, random.Random(2))
    return {heard_text(text_filter(text)) for _ in range(draws)}


@pytest.mark.parametrize(
    ("word", "homophone"),
    [("for", "four"), ("to", "two"), ("won", "one"), ("ate", "eight"), ("oh", "zero"),
     ("four", "for"), ("two", "to"), ("one", "won"), ("eight", "ate"), ("zero", "oh")],
)
def test_homophones_both_ways(word, homophone):
    assert homophone in collect_variants(word)


def test_numbers_split():
    variants = collect_variants("1250")
    assert {"1 250", "12 50", "125 0"} <= variants


def test_numbers_joined():
    assert "1250" in collect_variants("12 50")


def test_spoken_year_joined():
    assert "paid 2026" in collect_variants("paid twenty twenty six", rate=0.5, draws=2000)
    assert "2026" in collect_variants("twenty twenty-six")


def test_year_digits_spoken():
    assert "twenty twenty six." in collect_variants("2026.")


def test_punctuation_kept_on_homophone():
    assert "four," in collect_variants("for,")


@pytest.mark.parametrize(
    ("year", "words"),
    [(2026, "twenty twenty six"), (1984, "nineteen eighty four"), (2000, "twenty hundred"),
     (2005, "twenty oh five"), (2010, "twenty ten")],
)
def test_year_to_words(year, words):
    assert " ".join(year_to_words(year)) == words


def confidences(rate: float, seed: int, sentences: list[str]) -> tuple[list[float], list[float]]:
    """Return the confidences of the utterances that came out clean and of those perturbed."""
    text_filter = make_text_filter(rate, random.Random(seed), random.Random(seed + 1))
    clean: list[float] = []
    perturbed: list[float] = []
    for sentence in sentences:
        text, confidence = text_filter(sentence)
        (clean if text == sentence else perturbed).append(confidence)
    return clean, perturbed


def test_perturbed_utterances_score_lower_on_average():
    clean, perturbed = confidences(0.05, 4, SENTENCES * 400)
    assert clean and perturbed
    assert sum(perturbed) / len(perturbed) < sum(clean) / len(clean) - 0.15


def test_confidence_is_correlated_not_perfect():
    clean, perturbed = confidences(0.05, 9, SENTENCES * 400)
    false_alarms = sum(value < 0.8 for value in clean) / len(clean)
    misses = sum(value >= 0.86 for value in perturbed) / len(perturbed)
    assert 0.02 <= false_alarms <= 0.12
    assert 0.1 <= misses <= 0.35
    assert all(0.0 < value <= 1.0 for value in clean + perturbed)


def test_confidence_does_not_change_the_text_errors():
    text_filter = make_text_filter(0.2, random.Random(3), random.Random(1))
    other = make_text_filter(0.2, random.Random(3), random.Random(2))
    for sentence in SENTENCES * 20:
        assert text_filter(sentence)[0] == other(sentence)[0]


def test_default_confidence_generator_is_deterministic():
    first = make_text_filter(0.2, random.Random(6))
    second = make_text_filter(0.2, random.Random(6))
    assert [first(text) for text in SENTENCES * 10] == [second(text) for text in SENTENCES * 10]
