"""What matching knows of single words: normalized keys, joiners, ordinary English words.

Each answer depends on the word alone, so it is cached per word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from skillmatch.vocabulary import MIN_ZIPF, STOP_WORDS, english_zipf

__all__ = [
    "COMMON_WORD_ZIPF",
    "JOINERS",
    "SENTENCE_END",
    "allowed_edits",
    "common_part",
    "fuzzy_word",
    "norm_key",
    "norm_strip",
    "uncommon_gram_word",
]

_NORM_STRIP = re.compile(r"[\s.\-_/]+")
COMMON_WORD_ZIPF = MIN_ZIPF
"""Words at least this frequent in English (Zipf scale) are ordinary: never a misspelt name."""
SENTENCE_END = frozenset({".", "!", "?", ";", "•"})
"""Tokens that end a sentence or a bullet: no pattern, negation or party cue reaches past one."""
JOINERS = frozenset({"-", "."})
"""Tokens that join the words around them into one name when glued to both ("Py-Torch")."""


def norm_key(text: str) -> str:
    """Return an alias's normalized key: lowercase, without blanks, dots, hyphens, slashes."""
    return _NORM_STRIP.sub("", text.lower())


@lru_cache(maxsize=200_000)
def norm_strip(word: str) -> str:
    """Return a (lowercase) token without blanks, dots, hyphens, underscores and slashes."""
    return _NORM_STRIP.sub("", word)


def uncommon_gram_word(word: str) -> bool:
    """Whether a token that may be part of a gram (a word or a joiner) is not ordinary English.

    It is not when one of its parts (split at spaces and hyphens) is rare ("." is, "-" has no
    part). A gram is made only of ordinary words unless one of its tokens is not, so this
    per-word answer, cached, decides which grams are scored.
    """
    if word not in JOINERS and not fuzzy_word(word):
        return False
    parts = [p for p in re.split(r"[\s\-]+", word) if p]
    return not all(map(common_part, parts))


def common_part(part: str) -> bool:
    """Whether ``zipf_frequency(part, "en") >= COMMON_WORD_ZIPF`` (wordfreq's answer, from the
    table shipped with the package: :func:`skillmatch.vocabulary.english_zipf`)."""
    return english_zipf(part) >= COMMON_WORD_ZIPF


def allowed_edits(length: int) -> int:
    """Edits (a swap counts as one) allowed for an alias of ``length`` characters."""
    if length < 5:
        return 0
    if length < 9:
        return 1
    return 2


@lru_cache(maxsize=100_000)
def fuzzy_word(word: str) -> bool:
    """Whether a token may be part of a misspelling: letters, maybe digits and dots ("Vu.js")."""
    if len(word) < 2 or not word[0].isalpha() or word in STOP_WORDS:
        return False
    return word.isalpha() or word.replace(".", "").isalnum()
