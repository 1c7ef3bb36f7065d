"""Find skill mentions in a token table: exact, normalized, fuzzy and pattern matching.

The :class:`SkillIndex` compiles a taxonomy once; :func:`find_mentions` runs it on one text. Its
modules are the passes, in the order :mod:`~skillmatch.matching.pipeline` runs them: ``exact``
(and normalized), ``gates``, ``fuzzy``, ``patterns``, ``status`` (negation, other parties).
"""

from __future__ import annotations

from skillmatch.matching.candidates import RawMention
from skillmatch.matching.index import SkillIndex
from skillmatch.matching.pipeline import find_mentions

__all__ = ["RawMention", "SkillIndex", "find_mentions"]
