"""Text kind, coverage, requirement strength, years per skill and role profiles."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillmatch.models import Mention
from skillmatch.scoring import coverage, detect_kind, requirement_of, role_scores, skill_years
from skillmatch.taxonomy import Category, RoleProfile, Skill, Taxonomy

TAXONOMY = Taxonomy(
    name="tiny",
    categories=[
        Category(id="programming", name="Programming", weight=1.0),
        Category(id="ml", name="ML frameworks", weight=2.0),
        Category(id="cloud", name="Cloud", weight=1.0),
    ],
    skills=[
        Skill(id="python", name="Python", categories=["programming"]),
        Skill(id="sql", name="SQL", categories=["programming"]),
        Skill(id="pytorch", name="PyTorch", categories=["ml"]),
        Skill(id="tensorflow", name="TensorFlow", categories=["ml"]),
        Skill(id="aws", name="AWS", categories=["cloud"]),
    ],
    roles=[
        RoleProfile(id="ml-engineer", name="ML Engineer", categories={"ml": 1.0, "cloud": 0.6}),
        RoleProfile(id="analyst", name="Analyst", categories={"programming": 1.0}),
    ],
)

POSTING = """Machine Learning Engineer — Payments
About the role
You will build fraud models. We are looking for someone who ships.

Requirements
- 3+ years of Python and SQL.
- Experience with Docker; Kubernetes is a plus.

Nice to have
- PyTorch or TensorFlow.
- Rust

What we offer: equity, hybrid work. Apply with your CV.
"""

RESUME = """PRIYA RAMAN
Machine Learning Engineer | Pune | priya@example.com

SUMMARY
I build fraud models and take them to production.

EXPERIENCE
Machine Learning Engineer — Kestrel Payments, Apr 2022 – Present
• Trained fraud models in PyTorch; deployed them on AWS.

Data Analyst — Lumio, Jan 2020 – Mar 2022
• Wrote SQL reports and Python scripts.

EDUCATION
B.Tech, Computer Science, VIT Pune, 2016 – 2020

SKILLS
Python (5 years), SQL, PyTorch, AWS
"""


# ------------------------------------------------------------------------------------- kind


def test_detect_kind_tells_posting_from_resume() -> None:
    assert detect_kind(POSTING) == "job"
    assert detect_kind(RESUME) == "resume"


def test_detect_kind_empty_text_is_resume() -> None:
    assert detect_kind("") == "resume"


# ---------------------------------------------------------------------------------- coverage


def test_coverage_is_share_per_category_weighted_overall() -> None:
    cov = coverage(TAXONOMY, ["python", "pytorch", "tensorflow"])
    assert cov.category("programming").coverage == 0.5
    assert cov.category("ml").coverage == 1.0
    assert cov.category("cloud").coverage == 0.0
    assert cov.category("programming").missing == ["sql"]
    assert cov.overall == pytest.approx((1 * 0.5 + 2 * 1.0 + 1 * 0.0) / 4)


def test_coverage_repeating_a_skill_never_raises_it() -> None:
    assert coverage(TAXONOMY, ["python"] * 10) == coverage(TAXONOMY, ["python"])


def test_coverage_ignores_unknown_ids() -> None:
    assert coverage(TAXONOMY, ["cobol"]).overall == 0.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["python", "sql", "pytorch", "tensorflow", "aws", "x"])))
def test_coverage_stays_in_unit_interval(ids: list[str]) -> None:
    cov = coverage(TAXONOMY, ids)
    assert 0.0 <= cov.overall <= 1.0
    assert all(0.0 <= c.coverage <= 1.0 for c in cov.categories)


# ------------------------------------------------------------------------------- requirement


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Python", "required"),
        ("Docker", "required"),
        ("Kubernetes", "preferred"),
        ("PyTorch", "preferred"),
        ("Rust", "preferred"),
    ],
)
def test_requirement_of_reads_sentence_and_heading(word: str, expected: str) -> None:
    start = POSTING.index(word)
    assert requirement_of(POSTING, start, start + len(word)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Familiarity with Terraform is a plus.",
        "Terraform would be a bonus.",
        "Ideally you know Terraform.",
        "Terraform experience is desirable.",
        "Terraform is an advantage.",
        "Nice: Terraform, a GitHub profile.",
        "Preferred qualifications\n\n• Terraform\n",
        "Bonus points\n- Terraform\n",
    ],
)
def test_requirement_of_preferred_cues(text: str) -> None:
    start = text.index("Terraform")
    assert requirement_of(text, start, start + 9) == "preferred"


def test_requirement_of_heading_above_a_required_block_wins() -> None:
    text = "Nice to have\n- Rust\n\nMust have\n- Terraform\n"
    start = text.index("Terraform")
    assert requirement_of(text, start, start + 9) == "required"


def test_requirement_of_rejects_offsets_outside_text() -> None:
    with pytest.raises(ValueError, match="outside the text"):
        requirement_of("Python", 3, 40)


# -------------------------------------------------------------------------------- skill years


def _mentions(text: str, word: str, skill_id: str) -> list[Mention]:
    out, pos = [], text.find(word)
    while pos >= 0:
        out.append(
            Mention(
                skill_id=skill_id,
                start=pos,
                end=pos + len(word),
                text=word,
                matched=word,
                method="exact",
                score=1.0,
            )
        )
        pos = text.find(word, pos + 1)
    return out


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("5 years of Python", 5.0),
        ("Python (3 years)", 3.0),
        ("3+ yrs Python", 3.0),
        ("4 years' experience with Python", 4.0),
        ("Python - 2 years", 2.0),
        ("Python (Less than 1 year)", 0.5),
    ],
)
def test_skill_years_stated_next_to_the_skill(text: str, years: float) -> None:
    assert skill_years(text, {"python": _mentions(text, "Python", "python")}) == {"python": years}


def test_skill_years_from_dated_roles_merge_and_skip_skill_lists() -> None:
    mentions = {
        "pytorch": _mentions(RESUME, "PyTorch", "pytorch"),
        "sql": _mentions(RESUME, "SQL", "sql"),
        "aws": _mentions(RESUME, "AWS", "aws"),
        "python": _mentions(RESUME, "Python", "python"),
    }
    years = skill_years(RESUME, mentions, as_of=date(2025, 4, 1))
    assert years["pytorch"] == pytest.approx(3.0, abs=0.05)
    assert years["aws"] == pytest.approx(3.0, abs=0.05)
    assert years["sql"] == pytest.approx(2.2, abs=0.05)
    assert years["python"] == 5.0  # stated in the skills list, wins over the roles


def test_skill_years_leaves_out_skills_without_evidence() -> None:
    text = "Skills: Python, SQL"
    assert skill_years(text, {"python": _mentions(text, "Python", "python")}) == {}


# ------------------------------------------------------------------------------ role profiles


def test_role_scores_rank_the_closest_profile_first_with_a_reason() -> None:
    scores = role_scores(TAXONOMY, coverage(TAXONOMY, ["pytorch", "tensorflow", "aws"]))
    assert [s.role_id for s in scores] == ["ml-engineer", "analyst"]
    assert scores[0].score > 0.9
    assert scores[1].score == 0.0
    assert "ML frameworks" in scores[0].reason


def test_role_scores_of_empty_text_are_zero() -> None:
    scores = role_scores(TAXONOMY, coverage(TAXONOMY, []))
    assert all(s.score == 0.0 for s in scores)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["python", "sql", "pytorch", "tensorflow", "aws"])))
def test_role_scores_stay_in_unit_interval_sorted(ids: list[str]) -> None:
    scores = role_scores(TAXONOMY, coverage(TAXONOMY, ids))
    assert all(0.0 <= s.score <= 1.0 for s in scores)
    assert [s.score for s in scores] == sorted((s.score for s in scores), reverse=True)


_CUE_PIECES = st.sampled_from(
    [
        "We", "we're", "WHAT", "you", "You'll", "your profile", "requirements", "nice to have",
        "apply", "applications", "about the role", "join us", "the role", "The ideal candidate",
        "must have", "visa sponsorship", "I", "I'm", "my", "resume", "references available",
        "curriculum vitae", "a.b+c@x.io", "@", "me@", "x-y@z.com", "·", "•", "-", ".", "+", "_",
        " ", "\n", "’", "'", "é", "ſ", "İ", "a", "1",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_CUE_PIECES, max_size=25).map("".join))
def test_cue_counts_equal_the_patterns_counts(text: str) -> None:
    from skillmatch.analysis import kind
    from skillmatch.text import ScanText

    assert kind._job_cue_count(ScanText(text)) == len(kind._JOB_CUES.findall(text))
    assert kind._resume_cue_count(ScanText(text)) == len(kind._RESUME_CUES.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \n\t;.!?a\u2029", max_size=30))
def test_posting_segment_breaks_are_the_lookbehind_patterns(text: str) -> None:
    import re

    from skillmatch.analysis import PostingIndex
    from skillmatch.text import ScanText

    breaks = [m.start() for m in re.finditer(r"[\n;]|(?<=[.!?])\s", text)]
    assert PostingIndex(ScanText(text)).left == breaks


def test_detect_kind_counts_the_word_resume_with_accents() -> None:
    # The cue was once spelt with a Cyrillic "с" and never matched.
    assert detect_kind("Full résumé of Jane Doe. Salary expectations: open.") == "resume"
    assert detect_kind("Full profile of Jane Doe. Salary expectations: open.") == "job"
