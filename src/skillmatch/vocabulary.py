"""Word lists that several layers read: the small function words that never edge a phrase, and
how common an English word is (:func:`english_zipf`, from a table shipped as package data).

Levels live with the result models (:data:`skillmatch.models.LEVELS`). This module imports
nothing from skillmatch.
"""

from __future__ import annotations

import functools
import importlib.resources
import math
import re
import unicodedata

__all__ = ["EDGE_WORDS", "MIN_ZIPF", "STOP_WORDS", "english_zipf"]

EDGE_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from",
        "as", "is", "are", "was", "were", "be", "my", "our", "your", "their", "its", "this",
        "that", "into", "via", "using",
    }
)  # fmt: skip
"""Words that neither open nor close a phrase a person would quote as a near miss."""

STOP_WORDS = EDGE_WORDS | frozenset(
    {
        "been", "being", "it", "these", "those", "we", "you", "i", "he", "she", "they", "them",
        "us", "not", "no", "nor", "but", "if", "then", "so", "than", "too", "very", "can",
        "will", "just", "do", "does", "did", "have", "has", "had", "over", "under", "about",
        "use", "used", "per", "each", "all", "any", "both", "more", "most", "other", "some",
        "such", "only", "own", "same", "few", "new", "also", "etc", "e.g", "i.e",
    }
)  # fmt: skip
"""Function words: never part of a misspelt skill name, never its first or last word."""


# ------------------------------------------------------------------------------------------------
# How common an English word is: wordfreq's answer, from the table shipped as package data
# ------------------------------------------------------------------------------------------------

MIN_ZIPF = 2.5
"""The lowest Zipf frequency :func:`english_zipf` gives exactly; below it, it gives 0.0."""

_DIGIT_RUN = re.compile(r"\d[\d.,]+")  # digits that wordfreq reads as one number
_DIGIT = re.compile(r"\d")
# wordfreq's estimate of a digit sequence: Benford's law for the leading digit, and for four
# digits, a curve of years (wordfreq.numbers, Apache 2.0).
_LEADING_DIGIT = (0.009, 0.300, 0.175, 0.124, 0.096, 0.078, 0.066, 0.057, 0.050, 0.045)


@functools.lru_cache(maxsize=1)
def _english_frequencies() -> dict[str, float]:
    resource = importlib.resources.files("skillmatch").joinpath("data", "common_words.txt")
    freqs: dict[str, float] = {}
    for line in resource.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        index, *words = line.split(" ")
        freq = 10 ** (-int(index) / 100)
        for word in words:
            freqs[word] = freq
    return freqs


def _benford(digits: str) -> float:
    return _LEADING_DIGIT[int(digits[0])] / 10 ** (len(digits) - 1)


def _digits_frequency(token: str) -> float:
    freq = 1.0
    for run in _DIGIT_RUN.findall(token):
        for digits in re.findall(r"\d+", run):
            if len(digits) == 4:
                year = int(digits)
                if year <= 2019:
                    log_freq = -1.9185 - 0.0083 * (2019 - year)
                elif year <= 2039:
                    log_freq = -1.9185
                else:
                    log_freq = -1.9185 - 0.2 * (year - 2039)
                freq *= 10.0**log_freq + 0.1 * _benford(digits)
            else:
                freq *= _benford(digits)
    return freq


def _english_tokens(word: str) -> list[str]:
    """Split a word of letters, digits and dots as wordfreq's English tokenizer does.

    A dot stays inside a token between two letters or two digits (Unicode word boundaries);
    anywhere else it splits the word and is dropped. Tokens are NFC-normalized and casefolded.
    """
    text = unicodedata.normalize("NFC", word).casefold()
    tokens: list[str] = []
    current: list[str] = []
    for i, ch in enumerate(text):
        if ch == ".":
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if (before.isalpha() and after.isalpha()) or (before.isdigit() and after.isdigit()):
                current.append(ch)
                continue
            if current:
                tokens.append("".join(current))
            current = []
        else:
            current.append(ch)
    if current:
        tokens.append("".join(current))
    return tokens


def english_zipf(word: str) -> float:
    """Return ``wordfreq.zipf_frequency(word, "en")`` when it is at least :data:`MIN_ZIPF`,
    else 0.0, for a word of letters, digits and dots (what the matcher and the linter ask).

    The frequencies are wordfreq's, shipped as package data (``scripts/build_common_words.py``
    builds them), so wordfreq itself is not needed at run time. A word of several tokens
    ("s3.amazonaws") combines them as wordfreq does (``1/f = 1/f1 + 1/f2``), and digit runs
    are wordfreq's estimate. Words of scripts wordfreq segments specially (Chinese, Thai...)
    are looked up whole.

    >>> english_zipf("closure") >= 2.5, english_zipf("kubernetes")
    (True, 0.0)
    """
    table = _english_frequencies()
    tokens = _english_tokens(word)
    if not tokens:
        return 0.0
    one_over = 0.0
    for token in tokens:
        smashed = _DIGIT_RUN.sub(lambda m: _DIGIT.sub("0", m.group(0)), token)
        freq = table.get(smashed)
        if freq is None:
            return 0.0  # a token rarer than the table's least: so is the word
        if smashed != token:
            freq *= _digits_frequency(token)
        one_over += 1.0 / freq
    freq = 1.0 / one_over
    # wordfreq's own rounding: three significant digits, then two decimals of Zipf
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    zipf = round(math.log(freq, 10) + 9, 2)
    return zipf if zipf >= MIN_ZIPF else 0.0
