"""Flags for texts written to game a screener: keyword stuffing and unsupported keyword walls.

Screening advice tells job seekers to repeat keywords and paste long skill lists. Repetition never
raises a score in skillmatch (coverage and fit count a skill once), and these flags say where it
happened so a person can look:

- ``keyword-stuffing``: one skill's surface form repeated far beyond what honest texts do (a run of
  the same keyword with only punctuation between, or one form making up a large share of the words);
- ``unsupported-skill-list``: many skills that appear only in list-like lines, with no sentence of
  the text describing work that uses them. Their hits keep counting for coverage like any listed
  skill, but their confidence is capped (:data:`UNSUPPORTED_SCORE`) so that they never outrank a
  skill the text supports.

Thresholds were set on real résumés (310 CC0 résumés: none of them is flagged).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from skillmatch.models import Flag, Mention
from skillmatch.text.scan import ScanText, as_scan_text

__all__ = ["UNSUPPORTED_SCORE", "gaming_flags", "unsupported_skills"]

UNSUPPORTED_SCORE = 0.5
"""The highest confidence a skill listed only in a keyword wall keeps."""

_RUN = 4  # the same keyword this many times in a row, with only separators between
_REPEAT_MIN = 15  # one surface form at least this often ...
_REPEAT_SHARE = 0.06  # ... and at least this share of the words
_WALL_MIN_SKILLS = 10  # this many skills seen only in list-like lines
_WALL_SHARE = 0.7  # ... and this share of all the skills found
_PROSE_WORDS = 6  # a line with this many words outside mentions is prose
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_SEPARATORS = re.compile(r"^[\s,;:/|•·*&+.()\[\]-]*(?:and|or)?[\s,;:/|•·*&+.()\[\]-]*$", re.I)


class _ProseLines:
    """Says whether a line holds enough words outside mentions to be a sentence.

    Only the lines where a mention starts are ever asked about, so each is worked out on demand
    (once): the mentions that reach into the line are found by bisection, not by a walk over
    every line of the text.
    """

    def __init__(self, source: ScanText, spans: Iterable[tuple[int, int]]) -> None:
        self.text = source.text
        self.spans = sorted(spans)
        # the furthest end among the spans so far: spans before the first that reaches past a
        # line start all end before the line
        self.reach = list(itertools.accumulate((e for _, e in self.spans), max))
        self.lines = source.lines
        self.known: dict[int, bool] = {}

    def holds(self, pos: int) -> bool:
        """Is the line holding offset ``pos`` prose?"""
        number = self.lines.number(pos)
        known = self.known.get(number)
        if known is None:
            known = self.known[number] = self._is_prose(*self.lines.line(number))
        return known

    def _is_prose(self, start: int, end: int) -> bool:
        text, spans = self.text, self.spans
        pieces = []
        pos = start
        j = bisect_right(self.reach, start)
        while j < len(spans) and spans[j][0] < end:
            s, e = spans[j]
            if s > pos:
                pieces.append(text[pos:s])
            pos = max(pos, e)
            j += 1
        if pos < end:
            pieces.append(text[pos:end])
        return len(_WORD.findall(" ".join(pieces))) >= _PROSE_WORDS


def unsupported_skills(
    text: str | ScanText, mentions_by_skill: Mapping[str, Sequence[Mention]]
) -> list[str]:
    """Return the skills seen only in list-like lines, when a keyword wall makes up the text."""
    if len(mentions_by_skill) < _WALL_MIN_SKILLS:
        return []
    prose = _ProseLines(
        as_scan_text(text), ((m.start, m.end) for ms in mentions_by_skill.values() for m in ms)
    )
    unsupported = [
        skill
        for skill, ms in mentions_by_skill.items()
        if ms and not any(m.method == "pattern" or prose.holds(m.start) for m in ms)
    ]
    found = len(mentions_by_skill)
    if len(unsupported) >= _WALL_MIN_SKILLS and len(unsupported) >= _WALL_SHARE * found:
        return sorted(unsupported)
    return []


def _stuffed(
    text: str, ms: Sequence[Mention], form: str, count: int, words: int | None
) -> str | None:
    """Say how ``ms`` stuff the text, if they do. ``form`` is their most repeated surface form,
    ``count`` its count; ``words`` is the text's word count, given whenever ``count`` reaches
    ``_REPEAT_MIN`` (only then is it needed)."""
    if words is not None and count >= _REPEAT_MIN and count >= _REPEAT_SHARE * max(words, 1):
        return f"{form!r} appears {count} times in {words} words"
    ordered = sorted(ms, key=lambda m: m.start)
    run = 1
    for a, b in itertools.pairwise(ordered):
        same = a.text.lower() == b.text.lower()
        run = run + 1 if same and _SEPARATORS.match(text[a.end : b.start]) else 1
        if run >= _RUN:
            return f"{a.text!r} repeated {run} times in a row"
    return None


def gaming_flags(
    text: str, mentions_by_skill: Mapping[str, Sequence[Mention]], unsupported: Sequence[str]
) -> list[Flag]:
    """Flag keyword stuffing in ``text``, and the keyword wall of the ``unsupported`` skills
    (as :func:`unsupported_skills` returns them, which the caller also needs)."""
    words: int | None = None  # counted only for a form repeated often enough to be stuffing
    flags: list[Flag] = []
    for skill, ms in mentions_by_skill.items():
        if len(ms) < _RUN:
            continue
        form, count = Counter(m.text.lower() for m in ms).most_common(1)[0]
        if words is None and count >= _REPEAT_MIN:
            words = len(_WORD.findall(text))
        why = _stuffed(text, ms, form, count, words)
        if why:
            first = min(ms, key=lambda m: m.start)
            flags.append(
                Flag(
                    code="keyword-stuffing",
                    message=f"{skill}: {why}; repetition does not raise any score",
                    skill_id=skill,
                    start=first.start,
                    end=first.end,
                )
            )
    if unsupported:
        flags.append(
            Flag(
                code="unsupported-skill-list",
                message=(
                    f"{len(unsupported)} skills appear only in keyword lists, never in a sentence"
                    f" about work: {', '.join(unsupported)}; their confidence is capped at"
                    f" {UNSUPPORTED_SCORE}"
                ),
            )
        )
    return flags
