"""Turn mentions into answers: text kind, coverage, requirement strength, seniority, fit.

Pure functions, no spaCy: regex, rapidfuzz and the result models. The matching engine finds the
mentions; these functions score them.

How the numbers are made
------------------------
*Coverage*: a category's coverage is the share of its skills that the text shows (each skill
counts once, however often it is repeated); the overall coverage is the mean of the category
coverages weighted by ``Category.weight``.

*Seniority*: years decide, then titles, then progression signals. For a résumé the years are the
merged length of its dated work roles (education, internships and, after a career change, roles
outside the field are left out), else the largest explicit claim ("7+ years"). For a posting they
are the largest required minimum ("5+ years", "3-5 years" -> 3, "0-2 years" -> 0). The years map
to a level through ``SeniorityRules.bands``. Without years, a résumé takes the highest title it
holds and a posting the first title it names (its own title). Confidence is 0.75 when the level
comes from years, plus 0.15 when a title agrees (minus 0.2 when one disagrees) and plus 0.1 when
the progression signals agree, less 0.1 when the years sit within a quarter year of a band edge;
0.55 from a title alone (0.7 when signals agree); 0.2-0.45 from signals alone (more with more
agreeing signals); 0 with no evidence at all, when the level is ``None``.

*Fit* (:func:`compare`): the skill part is ``0.8 * required share + 0.2 * preferred share`` of the
job's skills that the résumé shows (just the share that exists when the job names only one kind;
1.0 when it names none); the overall score is ``0.9 * skill part + 0.1 * seniority part``, where
the seniority part is 1 when the résumé is at or above the level sought or either level is
unknown, 0.5 one level below and 0 two levels below. So a text compared with itself scores 1, and
adding a skill to a résumé never lowers its fit.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from skillmatch._dates import (
    DateRange,
    Section,
    YearsClaim,
    find_date_ranges,
    find_sections,
    find_years_claims,
    folded,
    line_index,
    range_matches,
    ranges_from_matches,
    reversed_text,
    scan,
    section_at,
    total_years,
)
from skillmatch.models import (
    CategoryFit,
    Comparison,
    Coverage,
    Level,
    MatchResult,
    Mention,
    NearMiss,
    Requirement,
    RoleScore,
    Seniority,
    SeniorityEvidence,
    SkillHit,
    TextKind,
)
from skillmatch.taxonomy import SeniorityRules, Taxonomy

__all__ = [
    "compare",
    "coverage",
    "detect_kind",
    "estimate_seniority",
    "requirement_of",
    "role_scores",
    "skill_years",
]

logger = logging.getLogger("skillmatch")


# One match reads the same text's dates, years and sections several times (kind, seniority,
# skill years): the whole-text scans are cached for the last few texts. Results are frozen.
# The range scan does not depend on ``as_of``: detect_kind (today) and seniority (as_of) share it.
@lru_cache(maxsize=4)
def _text_range_matches(text: str) -> tuple[re.Match[str], ...]:
    return range_matches(text)


@lru_cache(maxsize=4)
def _text_date_ranges(text: str, as_of: date) -> tuple[DateRange, ...]:
    return tuple(ranges_from_matches(_text_range_matches(text), as_of=as_of))


@lru_cache(maxsize=4)
def _text_years_claims(text: str) -> tuple[YearsClaim, ...]:
    return tuple(find_years_claims(text))


@lru_cache(maxsize=4)
def _text_sections(text: str) -> tuple[Section, ...]:
    return tuple(find_sections(text))


_LEVELS: tuple[Level, ...] = ("entry", "mid", "senior")
_RANK = {level: i for i, level in enumerate(_LEVELS)}

# ------------------------------------------------------------------------------------ text kind

_JOB_CUES = re.compile(
    r"\b(?:we\s+are\s+looking\s+for|we['’]re\s+looking\s+for|what\s+we['’]re\s+looking\s+for|"
    r"you\s+will|you['’]ll|requirements|responsibilities|nice\s+to\s+have|apply|applications?|"
    r"about\s+the\s+role|what\s+we\s+offer|we\s+offer|join\s+(?:our|us|the)|the\s+role|"
    r"salary|benefits|the\s+ideal\s+candidate|we\s+are\s+hiring|we['’]re\s+hiring|"
    r"job\s+description|must\s+have|you\s+have|what\s+you['’]ll\s+do|your\s+profile|"
    r"we\s+need|candidates?|equity|hybrid|visa\s+sponsorship)\b",
    re.IGNORECASE,
)
_RESUME_CUES = re.compile(
    r"(?:\bI\b|\bI['’]m\b|\bmy\b|\bcurriculum\s+vitae\b|\brésumé\b|\bresume\b|"
    r"\breferences\s+available\b|(?<![\w.+-])[\w.+-]+@[\w-]+\.\w+)",
)

# Where the cues can start, found by searches that skip fast (a charset or literal first): a job
# cue opens with one of these words after a non-word character (or at the text start), in the
# lowered text; a résumé cue opens with one of these words, or is an e-mail address.
_JOB_CUE_STARTS = re.compile(
    r"[^a-z0-9_](?:we|what|you|requirements|responsibilities|nice|apply|application|about|join|"
    r"the|salary|benefits|job|must|candidate|equity|hybrid|visa)"
)
_RESUME_CUE_STARTS = re.compile(r"I|my|curriculum|résumé|resume|references")
_EMAIL_LOCAL_PART = re.compile(r"[\w.+-]*")


def _job_cue_count(text: str) -> int:
    low = folded(text)
    if low is None:
        return len(_JOB_CUES.findall(text))
    starts = [0]
    starts.extend(m.start() + 1 for m in _JOB_CUE_STARTS.finditer(low))
    return sum(1 for _ in scan(_JOB_CUES, text, starts))


def _resume_cue_count(text: str) -> int:
    starts = [m.start() for m in _RESUME_CUE_STARTS.finditer(text)]
    at = text.find("@")
    if at >= 0:
        # an address starts where the run of [\w.+-] before its "@" starts: read it backwards
        rev, n = text[::-1], len(text)
        while at >= 0:
            local = _EMAIL_LOCAL_PART.match(rev, n - at)
            if local is not None and local.end() > n - at:
                starts.append(at - (local.end() - (n - at)))
            at = text.find("@", at + 1)
        starts.sort()
    return sum(1 for _ in scan(_RESUME_CUES, text, starts))


def detect_kind(text: str) -> TextKind:
    """Tell whether ``text`` is a job posting or a résumé, from its wording.

    Posting cues: "we are looking for", "you will", "requirements", "nice to have", "apply",
    "what we offer"... Résumé cues: first person, an e-mail address, dated work history,
    "Experience" and "Education" headings. Ties and empty text go to ``"resume"``.

    >>> detect_kind("We are looking for a Python developer. You will build APIs. Apply now.")
    'job'
    """
    if not isinstance(text, str):
        raise TypeError(f"detect_kind() takes a str, not {type(text).__name__}")
    job = _job_cue_count(text)
    resume = _resume_cue_count(text)
    # up to four ranges count: the rest are not parsed (seniority reads them for its own date)
    ranges = ranges_from_matches(_text_range_matches(text), as_of=date.today())
    resume += 2 * sum(1 for _ in itertools.islice(ranges, 4))
    kinds = {s.kind for s in _text_sections(text)}
    if "work" in kinds and "education" in kinds:
        resume += 3
    return "job" if job > resume else "resume"


# ------------------------------------------------------------------------------------- coverage


class _TaxonomyFacts:
    """What coverage and role scores read of one taxonomy, worked out once per taxonomy object:
    each category's skill ids (in taxonomy order) and each role's positive category weights with
    their norm."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.category_skills = tuple(
            tuple(dict.fromkeys(s.id for s in taxonomy.skills_in(cat.id)))
            for cat in taxonomy.categories
        )
        self.positions = tuple(
            {skill_id: k for k, skill_id in enumerate(ids)} for ids in self.category_skills
        )
        self.roles: list[tuple[str, str, list[tuple[str, float]], float]] = []
        for role in taxonomy.roles:
            weights = [(k, v) for k, v in role.categories.items() if v > 0]
            norm_w = math.sqrt(sum(w * w for _, w in weights))
            self.roles.append((role.id, role.name, weights, norm_w))


_TAXONOMY_FACTS: dict[int, tuple[Taxonomy, _TaxonomyFacts]] = {}


def _taxonomy_facts(taxonomy: Taxonomy) -> _TaxonomyFacts:
    cached = _TAXONOMY_FACTS.get(id(taxonomy))
    if cached is not None and cached[0] is taxonomy:
        return cached[1]
    facts = _TaxonomyFacts(taxonomy)
    if len(_TAXONOMY_FACTS) >= 8:
        _TAXONOMY_FACTS.clear()
    _TAXONOMY_FACTS[id(taxonomy)] = (taxonomy, facts)
    return facts


def coverage(taxonomy: Taxonomy, found_skill_ids: Iterable[str]) -> Coverage:
    """Return the share of each category's skills found, and the weighted overall share.

    Each skill counts once however often it is repeated; ids the taxonomy lacks are ignored.
    A category without skills has coverage 0. The overall coverage weighs each category by
    ``Category.weight`` (0 when every weight is 0).
    """
    found = set(found_skill_ids)
    categories: list[dict[str, object]] = []
    weighted = total_weight = 0.0
    facts = _taxonomy_facts(taxonomy)
    for cat, skills, position in zip(
        taxonomy.categories, facts.category_skills, facts.positions, strict=True
    ):
        # Only the found skills are looked up, and the missing ones are the slices between
        # them: a taxonomy of 30,000 skills costs list copies, not a membership test each.
        at = sorted(position[s] for s in found if s in position)
        hit = [skills[k] for k in at]
        missing: list[str] = []
        last = 0
        for k in at:
            missing += skills[last:k]
            last = k + 1
        missing += skills[last:]
        share = len(hit) / len(skills) if skills else 0.0
        categories.append(
            {
                "category_id": cat.id,
                "name": cat.name,
                "weight": cat.weight,
                "coverage": share,
                "found": hit,
                "missing": missing,
            }
        )
        if skills:
            weighted += cat.weight * share
            total_weight += cat.weight
    overall = min(1.0, weighted / total_weight) if total_weight > 0 else 0.0
    # One validation builds the nested models in pydantic-core: faster than model_construct
    # builds each category in Python.
    return Coverage.model_validate({"overall": overall, "categories": categories})


# ---------------------------------------------------------------------------------- requirement

_PREFERRED_CUES = re.compile(
    r"\b(?:nice[\s-]to[\s-]have|(?:is|are|would\s+be)\s+(?:a\s+)?(?:big\s+|huge\s+|strong\s+)?"
    r"(?:plus|bonus|advantage)|a\s+plus|bonus|preferred|preferably|ideally|desirable|"
    r"good\s+to\s+have|an\s+advantage|would\s+be\s+(?:great|nice)|optional)\b",
    re.IGNORECASE,
)
_PREFERRED_LABEL = re.compile(
    r"^\W*(?:nice|bonus|plus|preferred|optional|desirable|good\s+to\s+have)\b[^:\n]{0,30}:",
    re.IGNORECASE,
)
_PREFERRED_HEADING = re.compile(
    r"\b(?:nice|bonus|preferred|desirable|plus|good\s+to\s+have|ideally|optional|"
    r"stand\s+out|even\s+better|extra\s+credit)\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*•·▸›–—+]|\d+[.)])\s*")


def _is_heading_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped or _BULLET.match(line) or len(stripped.split()) > 6:
        return False
    if stripped.endswith((".", ",", ";")):
        return False
    return stripped.endswith(":") or stripped[0].isupper()


# Where a sentence or bullet can end: a newline, a ";", or "[.!?]" before a blank or the end.
# Written without a leading lookbehind, so a search skips to the next of [\n;.!?] fast: the blank
# after "[.!?]" is a break, at the match end less one.
_SEGMENT_LEFT = re.compile(r"[\n;]|[.!?]\s")
_SEGMENT_RIGHT = re.compile(r"[\n;]|[.!?](?=\s|\Z)")
_PREFERRED_LABEL_AT = re.compile(_PREFERRED_LABEL.pattern[1:], _PREFERRED_LABEL.flags)


class _PostingIndex:
    """What :func:`requirement_of` reads about one text, built once for all its mentions.

    The segment breaks are found in one pass; a segment's cue check, a line's label check and a
    line's nearest heading are worked out once each. So a posting with thousands of mentions
    costs O(text), not O(mentions x text).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = line_index(text)
        self.left = [m.end() - 1 for m in _SEGMENT_LEFT.finditer(text)]
        self.right = [m.start() for m in _SEGMENT_RIGHT.finditer(text)]
        self.segment_cue: dict[tuple[int, int], bool] = {}
        self.label: dict[int, bool] = {}
        self.heading: dict[int, Requirement] = {}

    def segment(self, start: int, end: int) -> tuple[int, int]:
        """Return the sentence or bullet around [start, end): split at newlines, '. ', ';'."""
        i = bisect_left(self.left, start)
        left = self.left[i - 1] if i else -1
        j = bisect_left(self.right, end)
        right = self.right[j] if j < len(self.right) else len(self.text)
        return left + 1, right

    def preferred_cue(self, start: int, end: int) -> bool:
        key = self.segment(start, end)
        cue = self.segment_cue.get(key)
        if cue is None:
            cue = self.segment_cue[key] = bool(_PREFERRED_CUES.search(self.text, *key))
        return cue

    def preferred_label(self, number: int) -> bool:
        label = self.label.get(number)
        if label is None:
            line_start, line_end = self.lines.line(number)
            found = _PREFERRED_LABEL_AT.match(self.text, line_start, line_end)
            label = self.label[number] = found is not None
        return label

    def heading_above(self, number: int) -> Requirement:
        """Say what the nearest heading above line ``number`` asks ("required" without one)."""
        path: list[int] = []
        verdict: Requirement = "required"
        n = number
        while n > 0:
            known = self.heading.get(n)
            if known is not None:
                verdict = known
                break
            path.append(n)
            prev_start, prev_end = self.lines.line(n - 1)
            line = self.text[prev_start:prev_end]
            if _is_heading_line(line):
                verdict = "preferred" if _PREFERRED_HEADING.search(line) else "required"
                break
            n -= 1
        for k in path:
            self.heading[k] = verdict
        return verdict


@lru_cache(maxsize=4)
def _posting_index(text: str) -> _PostingIndex:
    return _PostingIndex(text)


def requirement_of(text: str, start: int, end: int) -> Requirement:
    """Say whether the posting requires or only prefers the skill mentioned at [start, end).

    "preferred" when its sentence or bullet says "nice to have", "a plus", "bonus", "preferred",
    "ideally", "desirable", "is an advantage", or starts with a label like "Nice:", or when the
    nearest heading above it reads like "Nice to have" / "Preferred qualifications" / "Bonus
    points"; otherwise "required". Negation is the matcher's business: call this for counted
    mentions only. The text's segment breaks and headings are read once and kept for the last
    few texts, so calling this for every mention of a long posting stays linear.

    >>> posting = "Requirements\\n- Python\\n\\nNice to have\\n- Rust"
    >>> requirement_of(posting, posting.index("Rust"), posting.index("Rust") + 4)
    'preferred'
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(
            f"requirement_of(): span [{start}, {end}) is outside the text of length {len(text)};"
            " pass offsets of a mention of this text"
        )
    index = _posting_index(text)
    if index.preferred_cue(start, end):
        return "preferred"
    number = index.lines.number(start)
    if index.preferred_label(number):
        return "preferred"
    # look back, line by line, to the nearest heading
    return index.heading_above(number)


# ------------------------------------------------------------------------------------ seniority

_ROLE_NOUNS = (
    r"engineer|scientist|developer|manager|analyst|architect|consultant|researcher|designer|"
    r"programmer|administrator|specialist|officer|director|executive|lead|associate|intern|"
    r"technician|coordinator|accountant|advisor|adviser|partner|head|president|vp|"
    r"professional|member|staff|contributor|writer|editor|producer|agent|representative|sre"
)
_ROLE_AFTER = re.compile(
    rf"^(?:[\s/&-]*[\w.+#&/-]+){{0,4}}?[\s/-]+(?:{_ROLE_NOUNS})\b(?!s\b)", re.I
)
_ROLE_SINGLE_AFTER = re.compile(rf"^[\s/-]*(?:{_ROLE_NOUNS})\b(?!s\b)", re.I)
_SEPARATOR_AFTER = re.compile(r"^\s*(?:$|[,|—–·(:@/]|-\s|\bof\b|\bat\b|\bin\b\s+[A-Z])")
_SEPARATOR_BEFORE = re.compile(r"(?:^|[|—–·,:(/]|\s-|\bas\s+an?|\bas)\s*$", re.I)
_BULLET_PREFIX = re.compile(r"^\s*(?:[-*•·▸›]\s*)?")


def _compile_words(words: Iterable[str]) -> re.Pattern[str] | None:
    return _compile_word_tuple(tuple(words))


@lru_cache(maxsize=256)
def _compile_word_tuple(words: tuple[str, ...]) -> re.Pattern[str] | None:
    alternatives = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if not alternatives:
        return None
    body = "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.IGNORECASE)


# Position-anchored forms of the patterns above, for ``pattern.match(text, pos, endpos)`` on the
# whole text instead of on a slice of a possibly megabyte-long line.
_ROLE_SINGLE_AT = re.compile(_ROLE_SINGLE_AFTER.pattern[1:], _ROLE_SINGLE_AFTER.flags)
_SEPARATOR_AFTER_AT = re.compile(_SEPARATOR_AFTER.pattern[1:])
_BULLET_PREFIX_AT = re.compile(_BULLET_PREFIX.pattern[1:])
_ROLE_NOUN_AT = re.compile(rf"(?:{_ROLE_NOUNS})\b(?!s\b)", re.I)
_AFTER_RUN = re.compile(r"(\s+)|[\w.+#&/-]+")
_WORD_CHAR = re.compile(r"[\w.+#]")
_SLASH_OR_DASH = re.compile(r"[/-]")
_SENTENCE_MARK = re.compile(r"[.;!?]")
_NOT_A_TITLE_LINE = re.compile(r"[.;!?]\s|[.;!?]$")
_HEADS_SOMETHING = re.compile(r"\s*(?:,|of\b|—|–|-\s|\(|at\b|:)")
_MANY_WORDS = re.compile(r"\S+")


def _role_groups(text: str, pos: int, j: int) -> int:
    r"""Count the ``[\s/&-]*[\w.+#&/-]+`` groups that ``_ROLE_AFTER`` needs before a noun at j.

    The prefix text[pos:j] is taken as Q + S, S the longest run of ``[\s/-]`` before j: each
    blank-separated piece of Q holding a ``[\w.+#]`` character needs a group of its own, and a
    last piece of only ``/&-`` needs one more (earlier such pieces ride in the next group's
    leading separators).
    """
    q = j
    while q > pos and (text[q - 1] in "/-" or text[q - 1].isspace()):
        q -= 1
    pieces = text[pos:q].split()
    if not pieces:
        return 0
    groups = sum(1 for piece in pieces if _WORD_CHAR.search(piece))
    return groups + (0 if _WORD_CHAR.search(pieces[-1]) else 1)


def _role_after(text: str, pos: int, end: int) -> bool:
    """Return ``_ROLE_AFTER.match(text[pos:end]) is not None``, in time linear in what it reads.

    ``_ROLE_AFTER`` (up to four words, then a role noun) backtracks without bound on runs of
    "-", "/" or long words. Here the first place a role noun can start (after a blank, "/" or
    "-") decides, since the groups needed before a noun only grow further on; reading stops
    after five words, after which no noun can qualify.
    """
    words = 0
    p = pos
    while p < end:
        run = _AFTER_RUN.match(text, p, end)
        if run is None:
            return False  # a character the prefix cannot hold
        if run.group(1) is None:
            run_start, run_end = run.span()
            candidates = [run_start] if run_start > pos else []
            candidates.extend(
                m.end() for m in _SLASH_OR_DASH.finditer(text, run_start, run_end - 1)
            )
            for j in candidates:
                if _ROLE_NOUN_AT.match(text, j, end):
                    return _role_groups(text, pos, j) <= 4
            if _WORD_CHAR.search(text, run_start, run_end):
                words += 1
                if words >= 5:
                    return False
        p = run.end()
    return False


def _separator_before(text: str, line_start: int, start: int) -> bool:
    """Return ``_SEPARATOR_BEFORE.search(text[line_start:start]) is not None``, reading only the
    end of the line's part before ``start`` (every alternative ends at its last non-blank).
    """
    k = start
    while k > line_start and text[k - 1].isspace():
        k -= 1
    if k == line_start:
        return True  # "^\s*$"
    # "as  an": the alternative starts two characters before the blanks before the last word
    p = max(line_start, k - 2)
    while p > line_start and text[p - 1].isspace():
        p -= 1
    p = max(line_start, p - 2)
    return _SEPARATOR_BEFORE.search(text, p, start) is not None


class _TitleIndex:
    """Per-line facts that :func:`_title_like` and :func:`_trapped` read, worked out once per
    line of one text rather than once per title word (a line may hold thousands of them)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = line_index(text)
        self.prefix_end: dict[int, int] = {}
        self.short_lead: dict[int, tuple[int, int]] = {}
        self.title_line: dict[int, bool] = {}
        self.traps: dict[tuple[int, tuple[str, ...]], tuple[list[re.Match[str]], list[int]]] = {}

    def bullet_prefix_end(self, number: int, line_start: int, line_end: int) -> int:
        end = self.prefix_end.get(number)
        if end is None:
            found = _BULLET_PREFIX_AT.match(self.text, line_start, line_end)
            end = self.prefix_end[number] = found.end() if found else line_start
        return end

    def lead_limits(self, number: int, line_start: int, line_end: int) -> tuple[int, int]:
        """Return where the line's fourth word starts and where its first [.;!?] is."""
        limits = self.short_lead.get(number)
        if limits is None:
            fourth = line_end + 1
            for i, word in enumerate(_MANY_WORDS.finditer(self.text, line_start, line_end)):
                if i == 3:
                    fourth = word.start()
                    break
            mark = _SENTENCE_MARK.search(self.text, line_start, line_end)
            limits = self.short_lead[number] = (fourth, mark.start() if mark else line_end + 1)
        return limits

    def is_title_line(self, number: int, line_start: int, line_end: int) -> bool:
        known = self.title_line.get(number)
        if known is None:
            line = self.text[line_start:line_end]
            known = self.title_line[number] = (
                len(line.split()) <= 8
                and not _BULLET.match(line)
                and not _NOT_A_TITLE_LINE.search(line)
            )
        return known

    def line_traps(
        self, number: int, line_start: int, line_end: int, traps: tuple[str, ...]
    ) -> tuple[list[re.Match[str]], list[int]]:
        key = (number, traps)
        found = self.traps.get(key)
        if found is None:
            matches = list(_find_words(traps, self.text, line_start, line_end))
            found = self.traps[key] = (matches, [m.end() for m in matches])
        return found


@lru_cache(maxsize=4)
def _title_index(text: str) -> _TitleIndex:
    return _TitleIndex(text)


def _title_like(text: str, start: int, end: int) -> bool:
    """Is the word at [start, end) in a place where titles stand?

    Before a role noun ("Senior Data Engineer", not "senior engineers"); at the start of a line
    or after a separator ("|", "—", ",", "as a") when a separator or the line end follows
    ("Lead, Google Developer Student Club", "Intern"); anywhere in a short heading-like line
    without bullet or sentence punctuation ("Project Manager / Technology Lead").

    ``end`` is the end of a title-word match, so ``text[end]`` is no word character: the
    anchored patterns read the same at ``end`` as at the start of a slice.
    """
    index = _title_index(text)
    number = index.lines.number(start)
    line_start, line_end = index.lines.line(number)
    if _ROLE_SINGLE_AT.match(text, end, line_end) or _role_after(text, end, line_end):
        return True
    separator_after = _SEPARATOR_AFTER_AT.match(text, end, line_end) is not None
    if separator_after:
        at_line_start = start <= index.bullet_prefix_end(number, line_start, line_end)
        if at_line_start or _separator_before(text, line_start, start):
            return True
        # "ML Lead, Quickfin": a title word closing a short run of words that opens the line
        fourth_word, first_mark = index.lead_limits(number, line_start, line_end)
        if fourth_word >= start and first_mark >= start and text[start].isupper():
            return True
    return text[start].isupper() and index.is_title_line(number, line_start, line_end)


def _trapped(text: str, start: int, end: int, traps: tuple[str, ...]) -> str | None:
    """Return the trap phrase that makes the title word at [start, end) no title, if any.

    A trap that holds the word ("senior management", "lead time") must cover it. Any other trap
    counts in two places: naming what a lone title word heads ("Lead, Google Developer Student
    Club", "President of the chess society") or just before it ("Grade: Senior 2").
    """
    index = _title_index(text)
    number = index.lines.number(start)
    line_start, line_end = index.lines.line(number)
    word = text[start:end].lower()
    heads_something = _HEADS_SOMETHING.match(text, end, line_end)
    matches, ends = index.line_traps(number, line_start, line_end, traps)
    # The line's traps in order, from the first that ends within 20 characters before the word
    # to the last that starts within 60 after it: traps outside that window decide nothing.
    for i in range(bisect_left(ends, start - 20), len(matches)):
        m = matches[i]
        if m.start() > end + 60:
            break
        if m.start() < end and start < m.end():
            return m.group(0)
        if word in m.group(0).lower():
            continue
        if heads_something and 0 <= m.start() - end <= 60:
            return m.group(0)
        if 0 <= start - m.end() <= 20 and re.fullmatch(r"[\s:=,-]*", text[m.end() : start]):
            return m.group(0)
    return None


def _overlaps(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> bool:
    """Does [start, end) overlap one of the sorted, disjoint spans (``starts``, ``ends``)?"""
    i = bisect_right(ends, start)
    return i < len(starts) and starts[i] < end


def _title_evidence(m: re.Match[str], level: Level, detail: str) -> SeniorityEvidence:
    return SeniorityEvidence(
        kind="title", start=m.start(), end=m.end(), text=m.group(0), level=level, detail=detail
    )


_LEAD_WORD = re.compile(r"[a-z0-9_]+")


def _trie(words: Iterable[str]) -> str:
    """Return a pattern that matches exactly the (non-empty) ``words``, written as a trie.

    Python's re tries a branch's alternatives one by one: "senior|sr|staff" tries three at every
    offset, "s(?:enior|r|taff)" one test of "s" at most offsets. Longer words are tried first.
    """
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return f"(?:{body})?" if len(branches) == 1 else body + "?"

    return emit(root)


class _WordStarts:
    """Find where the words of several word lists (as :func:`_compile_words` matches them) can
    start in a text, with one search of its lowered form instead of one whole scan per list.

    A listed word or phrase opens with a run of word characters (its lead) and a non-word
    character or its end follows: so it can start only right after a non-word character (or at
    the text start) where its lead stands as a whole word. Lists with a word that does not open
    with an ASCII word character cannot be searched so: :meth:`starts` returns None for them.
    """

    def __init__(self, lists: tuple[tuple[str, ...], ...]) -> None:
        self.count = len(lists)
        leads: dict[str, list[int]] = {}
        self.search: re.Pattern[str] | None = None
        for i, words in enumerate(lists):
            for word in (w.strip().lower() for w in words):
                lead = _LEAD_WORD.match(word)
                if word and (lead is None or not word.isascii()):
                    return
                if lead is not None and i not in leads.setdefault(lead.group(0), []):
                    leads[lead.group(0)].append(i)
        self.lists_of = leads
        self.search = re.compile(rf"[^a-z0-9_]({_trie(leads)})(?!\w)") if leads else None

    def starts(self, text: str) -> list[list[int]] | None:
        """Return, for each list, the ascending offsets where its words can start, or None."""
        low = folded(text)
        if self.search is None or low is None:
            return None
        starts: list[list[int]] = [[0] for _ in range(self.count)]
        for m in self.search.finditer(low):
            for i in self.lists_of[m.group(1)]:
                starts[i].append(m.start() + 1)
        return starts


@lru_cache(maxsize=16)
def _word_starts(lists: tuple[tuple[str, ...], ...]) -> _WordStarts:
    return _WordStarts(lists)


def _find_words(words: tuple[str, ...], text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Yield what ``_compile_words(words).finditer(text, start, end)`` yields (nothing for no
    words), trying the pattern only where :class:`_WordStarts` says a word can start.

    A long line then costs one fast search, not an IGNORECASE try at every offset; the starts
    are found lazily, so a caller that stops at the first match reads no further.
    """
    pattern = _compile_words(words)
    if pattern is None:
        return iter(())
    search = _word_starts((words,)).search
    low = folded(text)
    if search is None or low is None:
        return pattern.finditer(text, start, end)
    starts = itertools.chain((start,), (m.start() + 1 for m in search.finditer(low, start, end)))
    return scan(pattern, text, starts, end)


def _find_titles(text: str, rules: SeniorityRules) -> list[SeniorityEvidence]:
    traps = tuple(rules.title_traps)
    found: list[SeniorityEvidence] = []
    # Title words first (senior before mid before entry), then level phrases anywhere. The spans
    # taken so far stay sorted and disjoint; one pattern's matches never overlap each other, so
    # each pattern checks against the spans taken before it.
    passes: list[tuple[Level, list[str], str]] = [
        (level, rules.titles.get(level, []), "title word") for level in ("senior", "mid", "entry")
    ]
    passes += [(level, phrases, "level phrase") for level, phrases in rules.phrases.items()]
    starts_of = _word_starts(tuple(tuple(words) for _, words, _ in passes)).starts(text)
    taken: list[tuple[int, int]] = []
    for index, (level, words, detail) in enumerate(passes):
        pattern = _compile_words(words)
        if pattern is None:
            continue
        taken.sort()
        starts, ends = [s for s, _ in taken], [e for _, e in taken]
        found_here = (
            pattern.finditer(text) if starts_of is None else scan(pattern, text, starts_of[index])
        )
        for m in found_here:
            if _overlaps(starts, ends, m.start(), m.end()):
                continue
            if detail == "title word":
                if not _title_like(text, m.start(), m.end()):
                    continue
                trap = _trapped(text, m.start(), m.end(), traps)
                if trap:
                    logger.debug("title %r at %d skipped: trap %r", m.group(0), m.start(), trap)
                    continue
            taken.append((m.start(), m.end()))
            found.append(_title_evidence(m, level, detail))
    return sorted(found, key=lambda e: e.start)


_EDUCATION_WORDS = (
    r"(?:b\.?\s?sc|m\.?\s?sc|ph\.?\s?d|bachelor|master['’]?s?|b\.?\s?tech|m\.?\s?tech|"
    r"b\.?\s?e\.|b\.?\s?eng|m\.?\s?eng|b\.\s?a\.|m\.\s?a\.|m\.\s?s\.|b\.\s?s\.|mba|diploma|"
    r"degree|student|coursework|gpa|thesis|undergraduate|postgraduate)(?!\w)"
)
_EDUCATION_CUES = re.compile(r"(?<!\w)" + _EDUCATION_WORDS, re.IGNORECASE)
_SCHOOL_WORDS = r"(?:university|universidad|universidade|college|school)\b"
_SCHOOL_CUES = re.compile(r"\b" + _SCHOOL_WORDS, re.I)
# Where the cues can start: their lowercase words after a non-word character, in the folded
# text. A search of these skips fast (a set of characters first); the cues themselves start
# with a lookbehind and IGNORECASE, so a search tries every offset of a header line slowly.
_EDUCATION_CUE_STARTS = re.compile(r"[^a-z0-9_]" + _EDUCATION_WORDS)
_SCHOOL_CUE_STARTS = re.compile(r"[^a-z0-9_]" + _SCHOOL_WORDS)


def _cue_in(
    cue: re.Pattern[str], cue_starts: re.Pattern[str], text: str, start: int, end: int
) -> bool:
    """Return ``cue.search(text, start, end) is not None``, trying ``cue`` only at ``start``
    and after the places ``cue_starts`` finds in the :func:`folded` text (lazily: the first
    match ends the search)."""
    low = folded(text)
    if low is None:
        return cue.search(text, start, end) is not None
    starts = itertools.chain(
        (start,), (m.start() + 1 for m in cue_starts.finditer(low, start, end))
    )
    return next(scan(cue, text, starts, end), None) is not None


class _Role:
    """A dated role of a résumé: its range, the heading lines above it and how it counts."""

    __slots__ = ("block_end", "header_end", "header_start", "range", "relevant", "status")

    def __init__(self, rng: DateRange, header_start: int, header_end: int, status: str) -> None:
        self.range = rng
        self.header_start = header_start
        self.header_end = header_end
        self.status = status  # "work", "non-work" (internship...), "education", "other"
        self.relevant = False
        self.block_end = rng.end


_LETTER_RUN = re.compile(r"[^\W\d_]{2,}")


def _edge_runs(text: str, line_start: int, line_end: int) -> tuple[list[int], list[int]]:
    """Return the ends of the first two letter runs of a line and the starts of its last two.

    Whether fewer than two runs lie outside a range of the line needs no more than these (runs
    ascend, so the k-th run ends before the range only if the first k do). The last runs are the
    first ones of the reversed line (a run reads the same both ways), so a line of thousands of
    words costs two short searches, not a list of all its words.
    """
    ends: list[int] = []
    for m in _LETTER_RUN.finditer(text, line_start, line_end):
        ends.append(m.end())
        if len(ends) == 2:
            break
    rev, n = reversed_text(text), len(text)
    starts: list[int] = []
    for m in _LETTER_RUN.finditer(rev, n - line_end, n - line_start):
        starts.append(n - m.end())
        if len(starts) == 2:
            break
    return ends, starts


class _RoleSkeleton:
    """The part of a dated role that does not depend on the seniority rules."""

    __slots__ = ("block_end", "header_end", "header_start", "range", "status")

    def __init__(self, rng: DateRange, header_start: int, header_end: int) -> None:
        self.range = rng
        self.header_start = header_start
        self.header_end = header_end
        self.status = ""  # "education", "other", or "" when the rules decide
        self.block_end = rng.end


@lru_cache(maxsize=4)
def _role_skeletons(text: str, as_of: date) -> tuple[_RoleSkeleton, ...]:
    """Find the dated roles of ``text`` with their headers, sections and blocks.

    Each line's words, each line's "holds a date range" and each header's cues are read once,
    however many ranges share the line, so a megabyte of dates on one line stays linear.
    """
    sections: list[Section] = list(_text_sections(text))
    has_work_heading = any(s.kind == "work" for s in sections)
    lines = line_index(text)
    line_words: dict[int, tuple[list[int], list[int]]] = {}
    line_has_range: dict[int, bool] = {}
    header_status: dict[tuple[int, int, bool], str] = {}
    roles: list[_RoleSkeleton] = []
    for rng in _text_date_ranges(text, as_of):
        section = section_at(sections, rng.start)
        section_kind = section.kind if section else "top"
        section_start = section.start if section else 0
        number = lines.number(rng.start)
        line_start, line_end = lines.line(number)
        words = line_words.get(number)
        if words is None:
            words = line_words[number] = _edge_runs(text, line_start, line_end)
        # letter words on the line outside the range, up to two on each side (none can straddle
        # its ends: the range starts after a non-word character and ends at a digit or before a
        # non-word one)
        first_ends, last_starts = words
        outside = sum(1 for e in first_ends if e <= rng.start) + sum(
            1 for s in last_starts if s >= rng.end
        )
        header_start = line_start
        if outside < 2:
            # the dates stand alone on their line: the title and company are just above
            n, taken = number, 0
            while n > 0 and lines.starts[n] > section_start and taken < 2:
                prev_start, prev_end = lines.line(n - 1)
                if prev_start < section_start:
                    break
                has_range = line_has_range.get(n - 1)
                if has_range is None:
                    has_range = line_has_range[n - 1] = bool(
                        find_date_ranges(text[prev_start:prev_end], as_of=as_of)
                    )
                if has_range:
                    break
                if text[prev_start:prev_end].strip():
                    header_start = prev_start
                    taken += 1
                n -= 1
        role = _RoleSkeleton(rng, header_start, line_end)
        if section_kind in ("education", "other") or (has_work_heading and section_kind == "top"):
            role.status = "education" if section_kind == "education" else "other"
        else:
            key = (header_start, line_end, section_kind == "work")
            status = header_status.get(key)
            if status is None:
                # the header runs from a line start to a line end: a search bounded there reads
                # what a search of the header's slice reads
                school = _cue_in(
                    _EDUCATION_CUES, _EDUCATION_CUE_STARTS, text, header_start, line_end
                ) or (
                    section_kind != "work"
                    and _cue_in(_SCHOOL_CUES, _SCHOOL_CUE_STARTS, text, header_start, line_end)
                )
                status = header_status[key] = "education" if school else ""
            role.status = status
        roles.append(role)
    # a role's block runs to the next role's heading, or to the end of its section
    for i, role in enumerate(roles):
        section = section_at(sections, role.range.start)
        end = section.end if section else len(text)
        if i + 1 < len(roles) and roles[i + 1].header_start < end:
            end = max(role.range.end, roles[i + 1].header_start)
        role.block_end = end
    return tuple(roles)


def _dated_roles(text: str, rules: SeniorityRules, as_of: date) -> tuple[_Role, ...]:
    return _dated_roles_by(text, as_of, tuple(rules.non_work_roles), tuple(rules.relevant_roles))


# Skill years (default rules) and seniority (the taxonomy's, usually the same lists) read the same
# roles: kept for the last few texts, as their header searches read whole lines. Read-only.
@lru_cache(maxsize=4)
def _dated_roles_by(
    text: str, as_of: date, non_work_roles: tuple[str, ...], relevant_roles: tuple[str, ...]
) -> tuple[_Role, ...]:
    header_cues: dict[tuple[int, int], tuple[bool, bool]] = {}
    roles: list[_Role] = []
    for skeleton in _role_skeletons(text, as_of):
        key = (skeleton.header_start, skeleton.header_end)
        cues = header_cues.get(key)
        if cues is None:
            # a header runs from a line start to a line end: a search bounded there reads what
            # a search of the header's slice reads
            cues = header_cues[key] = (
                next(_find_words(non_work_roles, text, *key), None) is not None,
                next(_find_words(relevant_roles, text, *key), None) is not None,
            )
        non_work, relevant = cues
        status = skeleton.status or ("non-work" if non_work else "work")
        role = _Role(skeleton.range, skeleton.header_start, skeleton.header_end, status)
        role.relevant = relevant
        role.block_end = skeleton.block_end
        roles.append(role)
    return tuple(roles)


def _counted_roles(roles: Sequence[_Role]) -> list[_Role]:
    work = [r for r in roles if r.status == "work"]
    relevant = [r for r in work if r.relevant]
    return relevant or work


def _signal_level(
    signals: Sequence[Mention], text: str, signal_levels: Mapping[str, Level]
) -> tuple[Level | None, int, list[SeniorityEvidence]]:
    evidence: list[SeniorityEvidence] = []
    counts = dict.fromkeys(_LEVELS, 0)
    for m in signals:
        level = signal_levels.get(m.skill_id)
        if level is None or m.status != "counted" or text[m.start : m.end] != m.text:
            continue
        counts[level] += 1
        evidence.append(
            SeniorityEvidence(
                kind="signal", start=m.start, end=m.end, text=m.text, level=level, detail=m.skill_id
            )
        )
    if counts["senior"] >= 2 or (counts["senior"] >= 1 and counts["senior"] >= counts["mid"]):
        return "senior", counts["senior"], evidence
    if counts["mid"]:
        return "mid", counts["mid"], evidence
    if counts["entry"]:
        return "entry", counts["entry"], evidence
    return None, 0, evidence


def _years_evidence(text: str, claim: YearsClaim, rules: SeniorityRules) -> SeniorityEvidence:
    return SeniorityEvidence(
        kind="years",
        start=claim.start,
        end=claim.end,
        text=text[claim.start : claim.end],
        level=rules.level_for_years(claim.value),
        years=round(claim.value, 2),
        detail=claim.qualifier or "stated",
    )


def estimate_seniority(
    text: str,
    rules: SeniorityRules,
    *,
    kind: TextKind,
    signals: Sequence[Mention] = (),
    as_of: date | None = None,
    signal_levels: Mapping[str, Level] | None = None,
) -> Seniority:
    """Estimate the level a résumé has reached, or the level a posting hires for.

    Years decide, then titles, then progression signals (see the module docstring for the
    confidence). ``signals`` are the matcher's mentions of the taxonomy's level signals;
    ``signal_levels`` maps each signal id to its level (``{s.id: s.level for s in
    taxonomy.signals}``); mentions of other ids, or not counted, are ignored. "Present" in a date
    range means ``as_of``, else today. Every evidence span slices ``text`` to its ``text``.

    >>> from skillmatch.taxonomy import SeniorityRules
    >>> rules = SeniorityRules(titles={"senior": ["Senior"]})
    >>> estimate_seniority("Requirements: 3+ years of Python.", rules, kind="job").level
    'mid'
    """
    if not isinstance(text, str):
        raise TypeError(f"estimate_seniority() takes a str, not {type(text).__name__}")
    today = as_of or date.today()
    evidence: list[SeniorityEvidence] = []
    years: float | None = None
    reason_years = ""
    claims = [c for c in _text_years_claims(text) if c.experience]

    if kind == "resume":
        roles = _dated_roles(text, rules, today)
        counted = _counted_roles(roles)
        if counted:
            years = total_years((r.range.begin, r.range.finish) for r in counted)
            for r in counted:
                evidence.append(
                    SeniorityEvidence(
                        kind="date-range",
                        start=r.range.start,
                        end=r.range.end,
                        text=text[r.range.start : r.range.end],
                        years=round(r.range.years, 2),
                        detail="work role" + (" (open-ended)" if r.range.open_ended else ""),
                    )
                )
            reason_years = f"{years:.1f} years of dated work history ({len(counted)} roles)"
        elif claims:
            best = max(claims, key=lambda c: c.value)
            years = best.value
            reason_years = f"{years:g} years stated ({text[best.start : best.end]!r})"
        evidence.extend(_years_evidence(text, c, rules) for c in claims)
    else:
        required = [c for c in claims if requirement_of(text, c.start, c.end) == "required"]
        pool = required or claims
        if pool:
            best = max(pool, key=lambda c: c.value)
            years = best.value
            reason_years = f"asks for {text[best.start : best.end]!r}"
        evidence.extend(_years_evidence(text, c, rules) for c in claims)

    titles = _find_titles(text, rules)
    evidence.extend(titles)
    title_level: Level | None = None
    if titles:
        if kind == "resume":
            for t in titles:
                if t.level is not None and (
                    title_level is None or _RANK[t.level] > _RANK[title_level]
                ):
                    title_level = t.level
        else:
            title_level = titles[0].level
    signal_level, signal_count, signal_evidence = _signal_level(signals, text, signal_levels or {})
    evidence.extend(signal_evidence)
    evidence.sort(key=lambda e: (e.start, e.end))

    level: Level | None
    if years is not None:
        level = rules.level_for_years(years)
        confidence = 0.75
        reason = f"{reason_years} -> {level}"
        if title_level is not None:
            agree = title_level == level
            confidence += 0.15 if agree else -0.2
            reason += f"; titles say {title_level}" + (" (agree)" if agree else " (years decide)")
        if signal_level is not None and signal_level == level:
            confidence += 0.1
            reason += "; progression signals agree"
        if any(b.min_years > 0 and abs(years - b.min_years) < 0.25 for b in rules.bands):
            confidence -= 0.1
            reason += "; close to a band edge"
    elif title_level is not None:
        level = title_level
        confidence = 0.55
        reason = f"no years; titles say {title_level}"
        if signal_level == title_level:
            confidence += 0.15
            reason += "; progression signals agree"
    elif signal_level is not None:
        level = signal_level
        confidence = min(0.45, 0.15 + 0.05 * signal_count)
        reason = f"no years or titles; {signal_count} progression signal(s) say {signal_level}"
    else:
        return Seniority(level=None, confidence=0.0, years=None, evidence=evidence, reason="")
    return Seniority(
        level=level,
        confidence=max(0.05, min(1.0, confidence)),
        years=None if years is None else round(years, 1),
        evidence=evidence,
        reason=reason,
    )


# ---------------------------------------------------------------------------------- skill years

# Skill years read the roles with the default rules (their lists of non-work and relevant roles).
_DEFAULT_RULES = SeniorityRules()
_BEFORE_SKILL = re.compile(
    r"^[\s'’]*(?:(?:of|in|with|using|on|working|programming|hands-on|professional|commercial|"
    r"production|industry|experience|exp\.?)[\s,]*)*$",
    re.IGNORECASE,
)
_AFTER_SKILL = re.compile(r"^\s*(?:[(:,–—-]|\bfor\b)\s*$", re.IGNORECASE)


def skill_years(
    text: str,
    mentions_by_skill: Mapping[str, Sequence[Mention]],
    *,
    as_of: date | None = None,
) -> dict[str, float]:
    """Return the years each skill was used, where the text says so.

    A stated amount next to a mention wins ("5 years of Python", "Python (3 years)", "3+ yrs
    Python", "C++ (Less than 1 year)"); otherwise the merged length of the dated roles whose
    text mentions the skill. Skills with neither are left out. Years are rounded to 0.1.

    >>> from skillmatch.models import Mention
    >>> text = "5 years of Python"
    >>> m = Mention(skill_id="python", start=11, end=17, text="Python", matched="python",
    ...             method="exact", score=1.0)
    >>> skill_years(text, {"python": [m]})
    {'python': 5.0}
    """
    today = as_of or date.today()
    claims = _text_years_claims(text)
    # claims by start and by end, so each mention looks at the few claims within reach
    claim_starts = [c.start for c in claims]
    by_end = sorted(claims, key=lambda c: c.end)
    claim_ends = [c.end for c in by_end]
    roles = [r for r in _dated_roles(text, _DEFAULT_RULES, today) if r.status != "education"]
    roles = [r for r in roles if r.status != "other"]
    out: dict[str, float] = {}
    for skill_id, mentions in mentions_by_skill.items():
        stated = 0.0
        for m in mentions:
            # "5 years of Python": a claim ending at most 40 characters before the mention
            for c in by_end[
                bisect_left(claim_ends, m.start - 40) : bisect_right(claim_ends, m.start)
            ]:
                if _BEFORE_SKILL.match(text[c.end : m.start]):
                    stated = max(stated, c.low)
            # "Python (3 years)": a claim starting at most 6 characters after it
            for c in claims[
                bisect_left(claim_starts, m.end) : bisect_right(claim_starts, m.end + 6)
            ]:
                if _AFTER_SKILL.match(text[m.end : c.start]):
                    stated = max(stated, c.low)
        if stated > 0:
            out[skill_id] = round(stated, 1)
            continue
        # the roles whose block holds a mention: the first mention at or after the role's
        # heading must come before the block ends
        starts = sorted(m.start for m in mentions)
        intervals = []
        for r in roles:
            i = bisect_left(starts, r.header_start)
            if i < len(starts) and starts[i] < r.block_end:
                intervals.append((r.range.begin, r.range.finish))
        if intervals:
            out[skill_id] = round(total_years(intervals), 1)
    return out


# -------------------------------------------------------------------------------- role profiles


def role_scores(taxonomy: Taxonomy, cov: Coverage) -> list[RoleScore]:
    """Score how much the text resembles each role profile of the taxonomy, best first.

    The score is the cosine similarity between the role's category weights and the text's
    category coverage: 1 when the text covers categories in the proportions the role leans on
    them, 0 when it covers none of them. The reason names the categories that contribute most.
    """
    shares = {c.category_id: c.coverage for c in cov.categories}
    names = {c.category_id: c.name for c in cov.categories}
    norm_c = math.sqrt(sum(s * s for s in shares.values()))
    out: list[tuple[float, int, RoleScore]] = []
    for index, (role_id, name, weights, norm_w) in enumerate(_taxonomy_facts(taxonomy).roles):
        contributions = [(w * shares.get(k, 0.0), k) for k, w in weights]
        dot = sum(c for c, _ in contributions)
        score = dot / (norm_w * norm_c) if norm_w > 0 and norm_c > 0 else 0.0
        score = max(0.0, min(1.0, score))
        drivers = sorted(contributions, reverse=True)
        top = [names.get(k, k) for contribution, k in drivers[:3] if contribution > 0]
        if top:
            reason = "driven by " + ", ".join(top)
        else:
            reason = "the text covers none of the categories this role leans on"
        out.append(
            (score, index, RoleScore(role_id=role_id, name=name, score=score, reason=reason))
        )
    out.sort(key=lambda t: (-t[0], t[1]))
    return [r for _, _, r in out]


# -------------------------------------------------------------------------------------- compare

_REQUIRED_SHARE = 0.8
_SKILL_PART = 0.9
_WORD = re.compile(r"[^\s,;:()\[\]{}\"'“”‘’|•·]+")


def _skill_part(required: Sequence[str], preferred: Sequence[str], have: set[str]) -> float:
    req = sum(s in have for s in required) / len(required) if required else None
    pref = sum(s in have for s in preferred) / len(preferred) if preferred else None
    if req is not None and pref is not None:
        return _REQUIRED_SHARE * req + (1 - _REQUIRED_SHARE) * pref
    if req is not None:
        return req
    if pref is not None:
        return pref
    return 1.0


def _seniority_part(gap: int | None) -> float:
    if gap is None or gap >= 0:
        return 1.0
    return 0.5 if gap == -1 else 0.0


_EDGE_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from",
        "as", "is", "are", "was", "were", "be", "my", "our", "your", "their", "its", "this",
        "that", "into", "via", "using",
    }
)  # fmt: skip


def _near_miss(text: str, hit: SkillHit, score_cutoff: float) -> NearMiss | None:
    # A pattern's evidence is single words of described work ("cut", "latency"): no target.
    targets = {m.text.lower() for m in hit.mentions if m.text.strip() and m.method != "pattern"}
    targets |= {hit.skill_id.replace("-", " ").lower(), hit.name.lower()}
    phrases: dict[str, tuple[int, int]] = {}
    for line in re.finditer(r"[^\n]+", text):
        words = [
            (line.start() + w.start(), line.start() + w.end())
            for w in _WORD.finditer(line.group(0))
        ]
        for i in range(len(words)):
            for n in range(1, 5):
                if i + n > len(words):
                    break
                start, end = words[i][0], words[i + n - 1][1]
                phrase = text[start:end].strip(".!?-–—/")
                edges = phrase.lower().split()
                if phrase and edges[0] not in _EDGE_WORDS and edges[-1] not in _EDGE_WORDS:
                    start = text.index(phrase, start)
                    phrases.setdefault(phrase.lower(), (start, start + len(phrase)))
    if not phrases:
        return None
    best: tuple[float, str] | None = None
    for target in targets:
        found = process.extractOne(
            target, list(phrases), scorer=fuzz.ratio, score_cutoff=score_cutoff * 100
        )
        if found is not None and (best is None or found[1] > best[0]):
            best = (found[1], found[0])
    if best is None:
        return None
    start, end = phrases[best[1]]
    return NearMiss(
        skill_id=hit.skill_id,
        phrase=text[start:end],
        start=start,
        end=end,
        score=round(best[0] / 100.0, 3),
    )


def compare(resume: MatchResult, job: MatchResult, *, score_cutoff: float = 0.8) -> Comparison:
    """Say how well a résumé fits a job posting (see the module docstring for the score).

    Per category of the job's skills: required and preferred skills covered and missing, and
    the résumé's extra skills there. A job skill whose ``requirement`` is None counts as
    required; a "negated" one is ignored. For each missing skill, the résumé phrase of one to
    four words closest to the job's wording of it (``fuzz.ratio`` on lowercased text) is
    reported when its score reaches ``score_cutoff``. The résumé's warnings are carried over.
    """
    have = set(resume.skill_ids)
    asked = [h for h in job.skills if h.requirement != "negated"]
    asked_ids = {h.skill_id for h in asked}
    required = [h.skill_id for h in asked if h.requirement in (None, "required")]
    preferred = [h.skill_id for h in asked if h.requirement == "preferred"]
    names = {c.category_id: c.name for c in job.coverage.categories}
    names.update({c.category_id: c.name for c in resume.coverage.categories})
    category_ids: list[str] = []
    for h in asked:
        for c in h.categories:
            if c not in category_ids:
                category_ids.append(c)
    categories: list[CategoryFit] = []
    for cat in category_ids:
        req = [s for s in required if cat in _categories_of(job, s)]
        pref = [s for s in preferred if cat in _categories_of(job, s)]
        extra = [
            h.skill_id for h in resume.skills if cat in h.categories and h.skill_id not in asked_ids
        ]
        categories.append(
            CategoryFit(
                category_id=cat,
                name=names.get(cat, cat),
                score=_skill_part(req, pref, have),
                required_covered=[s for s in req if s in have],
                required_missing=[s for s in req if s not in have],
                preferred_covered=[s for s in pref if s in have],
                preferred_missing=[s for s in pref if s not in have],
                extra=extra,
            )
        )
    resume_level, job_level = resume.seniority.level, job.seniority.level
    gap = (
        _RANK[resume_level] - _RANK[job_level]
        if resume_level is not None and job_level is not None
        else None
    )
    score = _SKILL_PART * _skill_part(required, preferred, have) + (
        1 - _SKILL_PART
    ) * _seniority_part(gap)
    near: list[NearMiss] = []
    for h in asked:
        if h.skill_id not in have:
            miss = _near_miss(resume.text, h, score_cutoff)
            if miss is not None:
                near.append(miss)
    return Comparison(
        score=max(0.0, min(1.0, score)),
        categories=categories,
        required_missing=[s for s in required if s not in have],
        preferred_missing=[s for s in preferred if s not in have],
        seniority_gap=gap,
        resume_level=resume_level,
        job_level=job_level,
        near_misses=near,
        flags=list(resume.warnings),
    )


def _categories_of(result: MatchResult, skill_id: str) -> list[str]:
    hit = result.skill(skill_id)
    return hit.categories if hit is not None else []
