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


def run(rate: float, seed: int, texts: list[str]) -> list[str]:
    text_filter = make_text_filter(rate, random.Random(seed))
    return [text_filter(text) for text in texts]


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
        noisy = text_filter(" ".join(words)).split()
        matcher = difflib.SequenceMatcher(a=words, b=noisy, autojunk=False)
        changed += len(words) - sum(block.size for block in matcher.get_matching_blocks())
    assert 0.03 <= changed / (300 * len(words)) <= 0.07


def test_empty_result_keeps_original():
    text_filter = make_text_filter(1.0, random.Random(5))
    for _ in range(50):
        assert text_filter("hello") in {"hello"}


def collect_variants(text: str, rate: float = 1.0, draws: int = 400) -> set[str]:
    text_filter = make_text_filter(rate, random.Random(2))
    return {text_filter(text) for _ in range(draws)}


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
