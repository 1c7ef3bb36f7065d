"""Near misses: for a skill a job asks for and a résumé lacks, the résumé phrase closest to it.

A near miss is the phrase of one to four words on one line of the résumé (words are runs of
characters between blanks and ``,;:()[]{}"'|•·``; a phrase is trimmed of ``.!?-–—/`` at its ends
and neither opens nor closes with a function word such as "of" or "the") whose ``fuzz.ratio`` to
one of the job's names for the skill (its mentions' text, its id with spaces, its name; all
lowercased) is highest, when that reaches the cutoff. Ties go to the phrase that comes first, and
between names, to the first name in that order.

Scoring every phrase of a résumé against every name took longer than matching the résumé. A
:class:`NearMissIndex` reads a job's names once; for a résumé it first bounds, for every phrase
and name at once (numpy), how many characters the two can share: a phrase can only share the
characters it has that occur in the name, and ``fuzz.ratio`` is ``200 * shared / (len(name) +
len(phrase))`` where ``shared`` is their longest common subsequence. Only the phrases whose bound
reaches the cutoff are built and scored, so the answer is the one of the plain search over every
phrase (``tests/equivalence`` holds that search and checks the two agree).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from skillmatch.models import MatchResult, NearMiss, SkillHit
from skillmatch.vocabulary import EDGE_WORDS

__all__ = ["NearMissIndex", "near_miss_targets"]

SEPARATORS = ",;:()[]{}\"'“”‘’|•·"
"""Characters that, with blanks, separate the words of a phrase."""
TRIMMED = ".!?-–—/"
"""Characters trimmed from both ends of a phrase."""
MAX_WORDS = 4
_BMP = 0x10000  # code points above the Basic Multilingual Plane share one table entry
# A character whose lowercase is longer (only İ, two characters) may stand for anything: the
# bound counts it as two characters of every name, as often as needed.
_ANY = _BMP + 1
_ANY_COUNT = 1 << 20
# str.lower() turns capital sigma into σ or, at the end of a word, ς: the bound counts both.
_SIGMAS = "σς"


def near_miss_targets(hit: SkillHit) -> tuple[str, ...]:
    """Return the job's names for a skill, in the order ties are broken: mentions, id, name.

    A pattern's evidence is single words of described work ("cut", "latency"): not a name.
    """
    names = [m.text.lower() for m in hit.mentions if m.text.strip() and m.method != "pattern"]
    names += [hit.skill_id.replace("-", " ").lower(), hit.name.lower()]
    return tuple(dict.fromkeys(names))


@lru_cache(maxsize=1)
def _char_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return, per code point of the BMP (one entry for the rest): whether it separates words,
    whether it is trimmed, and its lowercase (:data:`_ANY` where that is longer).

    ``re``'s ``\\s`` is ``str.isspace`` for str patterns.
    """
    chars = [chr(c) for c in range(_BMP)]
    sep = np.fromiter((c.isspace() or c in SEPARATORS for c in chars), bool, _BMP)
    trim = np.fromiter((c in TRIMMED for c in chars), bool, _BMP)
    lower = np.fromiter(
        (ord(low) if len(low := c.lower()) == 1 else _ANY for c in chars), np.int64, _BMP
    )
    return np.append(sep, False), np.append(trim, False), np.append(lower, _BMP)


def _codes(text: str) -> np.ndarray:
    """Return the code points of ``text``, those above the BMP as ``_BMP``."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return np.minimum(codes, _BMP).astype(np.int64)


class _Phrases:
    """Every phrase of a text as a character span [start, end), in reading order (first word,
    then length), before function-word edges are checked."""

    def __init__(self, text: str) -> None:
        codes = _codes(text)
        n = len(codes)
        sep, trim, _ = _char_tables()
        is_word = ~sep[codes]
        padded = np.concatenate(([False], is_word, [False])).astype(np.int8)
        step = np.diff(padded)
        word_start = np.flatnonzero(step == 1)
        word_end = np.flatnonzero(step == -1)
        positions = np.arange(n)
        kept = ~trim[codes]
        # first kept character at or after each position, last one at or before it
        next_kept = np.minimum.accumulate(np.where(kept, positions, n)[::-1])[::-1]
        prev_kept = np.maximum.accumulate(np.where(kept, positions, -1))
        next_kept = np.append(next_kept, n)
        # A phrase's trimmed start: trimming a word made only of trimmed characters stops at the
        # separator after it, which is never trimmed.
        start_of = next_kept[word_start]
        end_of = prev_kept[word_end - 1] + 1 if len(word_end) else word_end
        line_of = np.cumsum(codes == 10)[word_start] if n else word_start
        first: list[np.ndarray] = []
        last: list[np.ndarray] = []
        for size in range(1, MAX_WORDS + 1):
            i = np.arange(max(0, len(word_start) - size + 1))
            j = i + size - 1
            same_line = line_of[i] == line_of[j]
            first.append(i[same_line])
            last.append(j[same_line])
        i_all = np.concatenate(first)
        j_all = np.concatenate(last)
        order = np.lexsort((j_all, i_all))  # reading order: first word, then the last one
        self.start = start_of[i_all[order]]
        self.end = end_of[j_all[order]]
        nonempty = self.end > self.start
        self.start = self.start[nonempty]
        self.end = self.end[nonempty]


class NearMissIndex:
    """A job's names for the skills it asks for, read once; finds near misses in any résumé.

    :meth:`for_job` keeps the index of the last job it was given, so a batch against one job
    reads the job once.
    """

    def __init__(self, job: MatchResult) -> None:
        self.job = job
        self.targets: dict[str, tuple[str, ...]] = {
            h.skill_id: near_miss_targets(h) for h in job.skills if h.requirement != "negated"
        }
        names = list(dict.fromkeys(t for ts in self.targets.values() for t in ts))
        self._column = {t: k for k, t in enumerate(names)}
        self._lengths = np.array([len(t) for t in names], dtype=np.int64)
        chars = sorted({min(ord(c), _BMP) for t in names for c in t} | {ord(c) for c in _SIGMAS})
        # class 0: a character no name has; class k: the k-th character of some name; the last
        # class: a character that may stand for any
        self._class = np.zeros(_ANY + 1, dtype=np.int64)
        self._class[chars] = np.arange(1, len(chars) + 1)
        self._class[_ANY] = len(chars) + 1
        sigmas = [chars.index(ord(c)) + 1 for c in _SIGMAS]
        member = np.zeros((len(chars) + 2, len(names)), dtype=np.int32)
        counts = np.zeros((len(chars) + 2, len(names)), dtype=np.int32)
        counts[-1] = _ANY_COUNT
        for col, t in enumerate(names):
            for c in t:
                counts[chars.index(min(ord(c), _BMP)) + 1, col] += 1
            if counts[sigmas, col].any():  # σ and ς count as each other
                counts[sigmas, col] = counts[sigmas, col].sum()
        member[counts > 0] = 1
        member[-1] = 2
        self._member = np.ascontiguousarray(member.T)  # whether a name has a character
        self._counts = np.ascontiguousarray(counts.T)  # how often (name x character class)

    _last: tuple[MatchResult, NearMissIndex] | None = None

    @classmethod
    def for_job(cls, job: MatchResult) -> NearMissIndex:
        """Return the index of ``job``, reusing the last one built when it is the same job."""
        last = cls._last
        if last is not None and last[0] is job:
            return last[1]
        index = cls(job)
        cls._last = (job, index)
        return index

    def find(
        self, text: str, skill_ids: Iterable[str], *, score_cutoff: float = 0.8
    ) -> list[NearMiss]:
        """Return the near miss in ``text`` of each of ``skill_ids`` that has one, in that order.

        ``skill_ids`` are skills the job asks for (others are ignored); ``score_cutoff`` is the
        lowest ``fuzz.ratio`` / 100 reported.
        """
        wanted = [(s, self.targets[s]) for s in skill_ids if s in self.targets]
        if not wanted or not text:
            return []
        names = list(dict.fromkeys(t for _, ts in wanted for t in ts))
        phrases, candidates = self._candidates(text, names, score_cutoff)
        cutoff = score_cutoff * 100
        out: list[NearMiss] = []
        for skill_id, targets in wanted:
            best: tuple[float, str] | None = None
            for target in targets:
                found = process.extractOne(
                    target, candidates[target], scorer=fuzz.ratio, score_cutoff=cutoff
                )
                if found is not None and (best is None or found[1] > best[0]):
                    best = (found[1], found[0])
            if best is not None:
                start, end = phrases[best[1]]
                out.append(
                    NearMiss(
                        skill_id=skill_id,
                        phrase=text[start:end],
                        start=start,
                        end=end,
                        score=round(best[0] / 100.0, 3),
                    )
                )
        return out

    def _candidates(
        self, text: str, names: Sequence[str], score_cutoff: float
    ) -> tuple[dict[str, tuple[int, int]], dict[str, list[str]]]:
        """Return the phrases that may reach the cutoff (lowercased, first span of each) and,
        for each name, those of them that may reach it against that name, in reading order."""
        spans = _Phrases(text)
        columns = [self._column[t] for t in names]
        rows, keep = self._bound(text, spans, columns, score_cutoff)
        phrases: dict[str, tuple[int, int]] = {}
        candidates: dict[str, list[str]] = {t: [] for t in names}
        lists = [candidates[t] for t in names]
        starts = spans.start[rows].tolist()
        ends = spans.end[rows].tolist()
        for start, end, row in zip(starts, ends, keep.tolist(), strict=True):
            key = _phrase_key(text[start:end])
            if key is None or key in phrases:
                continue  # a later occurrence: the first one is in the lists already
            phrases[key] = (start, end)
            for k, ok in enumerate(row):
                if ok:
                    lists[k].append(key)
        return phrases, candidates

    def _bound(
        self, text: str, spans: _Phrases, columns: list[int], score_cutoff: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return the phrases (row numbers) that may reach the cutoff against some name, and for
        each of them whether it may against each name.

        A phrase shares with a name at most as many of each character as both have; first, for
        all phrases, that bound is taken loosely (a character of the phrase that the name has
        counts once each time), then exactly for the phrases left.
        """
        starts, ends = spans.start, spans.end
        classes = self._class[_char_tables()[2][_codes(text)]]
        size = ends - starts
        keep = np.zeros((len(columns), len(starts)), dtype=bool)
        # Loosely, for all phrases: the phrase's characters that the name has at all.
        inside = self._member[columns][:, classes]
        upto = np.zeros((len(columns), len(classes) + 1), dtype=np.int32)
        np.cumsum(inside, axis=1, dtype=np.int32, out=upto[:, 1:])
        for k, col in enumerate(columns):
            length = int(self._lengths[col])
            # 2 * shared >= cutoff * (len(name) + len(phrase)), with room for rounding
            need = (score_cutoff - 1e-9) * (length + size)
            keep[k] = 2 * np.minimum(upto[k, ends] - upto[k, starts], length) >= need
        rows = np.flatnonzero(keep.any(axis=0))
        if len(rows) > len(columns):
            # Exactly, for the phrases left: each character as often as both have it.
            n_classes = self._counts.shape[1]
            edges = np.unique(np.concatenate((starts[rows], ends[rows])))
            marker = np.zeros(len(classes), dtype=np.int64)
            marker[edges[edges < len(classes)]] = 1
            weight = np.where(classes == n_classes - 1, 2, 1)  # the last class: İ
            per_edge = np.bincount(
                np.cumsum(marker) * n_classes + classes,
                weights=weight,
                minlength=(len(edges) + 1) * n_classes,
            ).reshape(-1, n_classes)
            per_edge[:, 0] = 0  # characters no name has
            counts = np.cumsum(per_edge, axis=0)
            at_start = np.searchsorted(edges, starts[rows])
            at_end = np.searchsorted(edges, ends[rows])
            for k, col in enumerate(columns):
                mine = np.flatnonzero(keep[k, rows])
                if not len(mine):
                    continue
                wanted = self._counts[col]
                used = np.flatnonzero(wanted)
                have = counts[at_end[mine]][:, used] - counts[at_start[mine]][:, used]
                shared = np.minimum(have, wanted[used]).sum(axis=1)
                length = int(self._lengths[col])
                need = (score_cutoff - 1e-9) * (length + size[rows[mine]])
                keep[k, rows[mine]] = 2 * shared >= need
            rows = rows[keep[:, rows].any(axis=0)]
        return rows, keep[:, rows].T


def _phrase_key(phrase: str) -> str | None:
    """Return a trimmed phrase lowercased, or None when a function word (or nothing) edges it."""
    key = phrase.lower()
    edges = key.split()
    if not edges or edges[0] in EDGE_WORDS or edges[-1] in EDGE_WORDS:
        return None
    return key
