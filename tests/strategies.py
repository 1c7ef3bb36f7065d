"""Shared hypothesis strategies: result models built by hand, for the scoring properties.

Add new strategies at the end; keep each one documented.
"""

from __future__ import annotations

from hypothesis import strategies as st

from skillmatch.models import (
    Coverage,
    Flag,
    Level,
    MatchResult,
    Mention,
    Requirement,
    Seniority,
    SkillHit,
    TextKind,
)

SKILL_IDS = ["python", "pytorch", "docker", "kubernetes", "aws", "sql", "rag", "go", "rust"]
"""A small universe of skill ids, so that generated résumés and jobs overlap."""

CATEGORIES = {
    "python": ["programming"],
    "go": ["programming"],
    "rust": ["programming"],
    "sql": ["programming", "data"],
    "pytorch": ["ml"],
    "rag": ["ml", "llm"],
    "docker": ["infra"],
    "kubernetes": ["infra"],
    "aws": ["infra", "cloud"],
}

levels: st.SearchStrategy[Level | None] = st.sampled_from([None, "entry", "mid", "senior"])
requirements: st.SearchStrategy[Requirement | None] = st.sampled_from(
    [None, "required", "preferred", "negated"]
)


def hit_for(skill_id: str, text: str, *, requirement: Requirement | None = None) -> SkillHit:
    """Return a hit for ``skill_id`` whose one mention points at its first word in ``text``
    (or at offset 0 with the id as surface form when the text lacks it)."""
    start = text.lower().find(skill_id)
    surface = text[start : start + len(skill_id)] if start >= 0 else skill_id
    mention = Mention(
        skill_id=skill_id,
        start=max(start, 0),
        end=max(start, 0) + len(surface),
        text=surface,
        matched=skill_id,
        method="exact",
        score=1.0,
        requirement=requirement,
    )
    return SkillHit(
        skill_id=skill_id,
        name=skill_id.title(),
        categories=CATEGORIES.get(skill_id, ["programming"]),
        score=1.0,
        mentions=[mention],
        requirement=requirement,
    )


def result_of(
    text: str,
    skills: dict[str, Requirement | None],
    *,
    kind: TextKind = "resume",
    level: Level | None = None,
    warnings: list[Flag] | None = None,
) -> MatchResult:
    """Build a MatchResult by hand: ``skills`` maps skill id -> requirement."""
    return MatchResult(
        kind=kind,
        text=text,
        skills=[hit_for(s, text, requirement=r) for s, r in skills.items()],
        coverage=Coverage(overall=0.0, categories=[]),
        seniority=Seniority(level=level, confidence=0.5 if level else 0.0),
        warnings=warnings or [],
    )


@st.composite
def match_results(draw: st.DrawFn, kind: TextKind | None = None) -> MatchResult:
    """A MatchResult over :data:`SKILL_IDS` with any requirements, level and text."""
    ids = draw(st.lists(st.sampled_from(SKILL_IDS), unique=True, max_size=len(SKILL_IDS)))
    reqs = {s: draw(requirements) for s in ids}
    words = draw(st.lists(st.sampled_from([*SKILL_IDS, "built", "Pyton", "dockers", "and"])))
    text = " ".join(words) + draw(st.text(max_size=40))
    chosen_kind: TextKind = kind or draw(st.sampled_from(["resume", "job"]))
    return result_of(text, reqs, kind=chosen_kind, level=draw(levels))


_ALIAS_WORDS = ["Go", "go", "R", "C#", "C++", ".NET", "Node.js", "data", "pipeline", "Kuber",
                "netes", "ml", "x", "Py", "Torch", "AI", "agent", "-", "/"]  # fmt: skip


@st.composite
def taxonomies(draw: st.DrawFn) -> dict[str, object]:
    """A small random taxonomy as a plain mapping: categories, skills with gated aliases."""
    n_cats = draw(st.integers(1, 3))
    cats = [{"id": f"cat{i}", "name": f"Category {i}"} for i in range(n_cats)]
    word = st.one_of(st.sampled_from(_ALIAS_WORDS), st.text(min_size=1, max_size=8))
    alias_text = st.lists(word, min_size=1, max_size=3).map(" ".join).filter(lambda s: s.strip())
    alias = st.fixed_dictionaries(
        {"text": alias_text},
        optional={
            "case_sensitive": st.booleans(),
            "exact_only": st.booleans(),
            "context": st.lists(st.sampled_from(["data", "ml*", "@cat0", "team"]), max_size=2),
            "not_before": st.lists(st.sampled_from(["-", "to", "team"]), max_size=2),
        },
    )
    skills = []
    for i in range(draw(st.integers(1, 6))):
        skills.append(
            {
                "id": f"skill{i}",
                "name": f"Skill {i}",
                "categories": [f"cat{draw(st.integers(0, n_cats - 1))}"],
                "aliases": draw(st.lists(alias, min_size=1, max_size=3)),
                "evidence": draw(st.lists(alias_text, max_size=2)),
                "patterns": draw(
                    st.lists(
                        st.fixed_dictionaries(
                            {
                                "id": st.just(f"p{i}"),
                                "steps": st.lists(
                                    st.lists(
                                        st.sampled_from(["built", "deploy*", "data", "ml"]),
                                        min_size=1,
                                        max_size=2,
                                    ),
                                    min_size=1,
                                    max_size=3,
                                ),
                            }
                        ),
                        max_size=1,
                    )
                ),
            }
        )
    return {"name": "generated", "categories": cats, "skills": skills}


def assert_evidence_valid(text: str, result: MatchResult) -> None:
    """Check what every result promises: offsets slice the text, mentions never overlap."""
    import itertools

    spans = set()
    for hit in result.skills:
        for m in hit.mentions:
            assert text[m.start : m.end] == m.text, m
            spans.add((m.start, m.end))
    for m in result.excluded:
        assert text[m.start : m.end] == m.text, m
    for (_, e1), (s2, _) in itertools.pairwise(sorted(spans)):
        assert e1 <= s2, (e1, s2)
    for ev in result.seniority.evidence:
        assert text[ev.start : ev.end] == ev.text, ev
    assert 0.0 <= result.coverage.overall <= 1.0


HOSTILE_UNITS = [
    "a-", "2019-", "a.b-c/d_e+f#", "(", ")", "[", "]", "'", '"', ":)", "a:b@", "http://a",
    "- ", "1 ", "( ", "e.g.", "Python, ", "2019 - 2020\n", "Jan 2019 ", "5+ years ", "no ",
    "Lead\n", "C++ ", "•", "#", "..", "’s", "<div>", "</span>", "\u200b", "\ud800",
]  # fmt: skip
"""Units of text whose repetition made a scan superlinear once (repeated affixes, digits,
dashes, brackets, dates, cue words), or that are odd code points."""

hostile_units: st.SearchStrategy[str] = st.sampled_from(HOSTILE_UNITS) | st.text(
    alphabet="aZ09-./:()[]'\"#@+_,;!?<>•… \n", min_size=1, max_size=6
)
"""One unit of adversarial text, to be repeated: a known one or one made of affix chars."""


def repeat_to(unit: str, size: int) -> str:
    """``unit`` repeated to exactly ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]
