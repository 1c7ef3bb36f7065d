"""Word lists that several layers read: the small function words that never edge a phrase.

Levels live with the result models (:data:`skillmatch.models.LEVELS`). This module imports
nothing from skillmatch.
"""

from __future__ import annotations

__all__ = ["EDGE_WORDS", "STOP_WORDS"]

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
