"""Seniority: years, titles and progression signals, for résumés and postings."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillmatch.models import Mention
from skillmatch.scoring import estimate_seniority
from skillmatch.taxonomy import LevelBand, SeniorityRules

RULES = SeniorityRules(
    titles={
        "entry": ["intern", "junior", "graduate", "trainee", "student"],
        "mid": ["mid-level", "engineer II"],
        "senior": ["senior", "staff", "principal", "lead", "head", "director", "vp"],
    },
    title_traps=["senior management", "student club", "grade", "level ii", "senior engineers"],
)


AS_OF = date(2025, 3, 1)


def test_resume_years_merge_concurrent_roles() -> None:
    text = (
        "EXPERIENCE\n"
        "Data Scientist — Acme, Jan 2019 – Dec 2021\n"
        "Consulting Data Engineer (part-time) — Beta, Jan 2020 – Dec 2021\n"
    )
    result = estimate_seniority(text, RULES, kind="resume", as_of=AS_OF)
    assert result.years == pytest.approx(3.0, abs=0.05)
    assert result.level == "mid"


def test_present_means_as_of() -> None:
    text = "EXPERIENCE\nSoftware Engineer — Acme, Jan 2020 – Present\n"
    early = estimate_seniority(text, RULES, kind="resume", as_of=date(2021, 1, 1))
    late = estimate_seniority(text, RULES, kind="resume", as_of=date(2026, 1, 1))
    assert (early.level, late.level) == ("entry", "senior")
    assert early.years == pytest.approx(1.0, abs=0.05)


def test_present_without_as_of_means_the_end_of_the_latest_year_the_text_names() -> None:
    year = date.today().year - 3
    text = f"EXPERIENCE\nSoftware Engineer — Acme, Jan {year} – Present\n"
    result = estimate_seniority(text, RULES, kind="resume")
    assert result.as_of == date(year, 12, 31)
    assert result.as_of_source == f"text (latest date 'Jan {year}')"
    assert result.years == pytest.approx(1.0, abs=0.05)


def test_present_in_a_text_naming_no_year_means_today() -> None:
    result = estimate_seniority("Senior engineer, Acme (current role)", RULES, kind="resume")
    assert (result.as_of, result.as_of_source) == (date.today(), "today (the text names no date)")


def test_education_ranges_are_not_work() -> None:
    text = (
        "EXPERIENCE\n"
        "Machine Learning Engineer — Acme, Jan 2023 – Present\n"
        "\n"
        "EDUCATION\n"
        "BSc Computer Science, University of Leeds, 2016 – 2020\n"
        "MSc Data Science, Imperial College, 2020 – 2021\n"
    )
    result = estimate_seniority(text, RULES, kind="resume", as_of=AS_OF)
    assert result.level == "mid"
    assert result.years == pytest.approx(2.2, abs=0.05)
    assert all("2016" not in e.text for e in result.evidence)


def test_education_cues_exclude_ranges_without_headings() -> None:
    text = "PhD student, ETH Zurich, 2019 – 2024\nData Scientist at Acme, Jan 2024 – Present\n"
    result = estimate_seniority(text, RULES, kind="resume", as_of=AS_OF)
    assert result.level == "entry"


def test_internships_and_volunteering_are_not_counted() -> None:
    text = (
        "Experience\n"
        "Junior Data Scientist — Acme, Jan 2024 – Present\n"
        "Machine Learning Intern — Acme, Jan 2022 – Dec 2023\n"
        "\n"
        "Volunteering\n"
        "Coding club teacher (2015 – present)\n"
    )
    result = estimate_seniority(text, RULES, kind="resume", as_of=AS_OF)
    assert result.level == "entry"
    assert result.years == pytest.approx(1.2, abs=0.05)


def test_roles_outside_the_field_do_not_count_after_a_career_change() -> None:
    text = (
        "Experience\n"
        "Data Analyst — Harbour Group, Jul 2024 – Present\n"
        "Real Estate Agent — Coastline Realty, 2015 – Jun 2024\n"
    )
    result = estimate_seniority(text, RULES, kind="resume", as_of=AS_OF)
    assert result.level == "entry"


def test_stated_years_stand_in_when_no_dates() -> None:
    text = "Staff ML Engineer · 11 yrs · ex-fintech\nLed teams of up to 8."
    result = estimate_seniority(text, RULES, kind="resume", as_of=AS_OF)
    assert (result.level, result.years) == ("senior", 11.0)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Senior Data Engineer | Berlin", "senior"),
        ("Priya Raman | Junior Developer", "entry"),
        ("ML Lead, Quickfin", "senior"),
        ("Head of ML, Zestora", "senior"),
        ("Data Intern, PayNest", "entry"),
        ("Project Manager / Technology Lead", "senior"),
        ("Data Engineer II — Streaming", "mid"),
    ],
)
def test_title_in_title_position_sets_level(text: str, level: str) -> None:
    result = estimate_seniority(text, RULES, kind="resume", as_of=AS_OF)
    assert result.level == level
    (title,) = [e for e in result.evidence if e.kind == "title"]
    assert text[title.start : title.end] == title.text


@pytest.mark.parametrize(
    "text",
    [
        "Presented quarterly results to senior management.",
        "Data Analyst — advisory for Senior Management clients",
        "Lead, Google Developer Student Club",
        "Data Analyst, Grade: Senior 2",
        "Software Engineer, Level II",
        "I learn every day from senior engineers.",
        "- Lead a team of five and mentor new hires.",
    ],
)
def test_title_trap_is_not_a_title(text: str) -> None:
    result = estimate_seniority(text, RULES, kind="resume", as_of=AS_OF)
    assert result.level != "senior"
    assert all(e.level != "senior" for e in result.evidence)


def test_new_grad_with_club_lead_is_entry() -> None:
    text = (
        "Daniel Okafor — recent CS graduate (May 2025)\n"
        "Internship: Data Intern, PayNest, Jun–Aug 2024\n"
        "Lead, Google Developer Student Club (2023–24).\n"
    )
    assert estimate_seniority(text, RULES, kind="resume", as_of=AS_OF).level == "entry"


def test_senior_title_with_one_year_is_entry() -> None:
    text = "Senior AI Engineer\n\nExperience\nSenior AI Engineer — Quillpath, Jan 2024 – Jan 2025\n"
    result = estimate_seniority(text, RULES, kind="resume", as_of=AS_OF)
    assert result.level == "entry"
    assert "years decide" in result.reason


def test_lead_title_with_two_and_a_half_years_is_mid() -> None:
    text = (
        "Experience\n"
        "Lead AI Engineer — Rawi Health, Jan 2024 – Jun 2025\n"
        "Software Developer — Zaytoon Web, Jan 2023 – Dec 2023\n"
    )
    result = estimate_seniority(text, RULES, kind="resume", as_of=date(2025, 7, 1))
    assert result.level == "mid"


def test_junior_posting_requiring_five_years_is_senior() -> None:
    text = "Junior Machine Learning Engineer\n\nRequirements\n* Minimum 5+ years of experience.\n"
    assert estimate_seniority(text, RULES, kind="job").level == "senior"


def test_agreeing_title_raises_confidence() -> None:
    agree = "Senior Data Engineer\nExperience\nData Engineer — Acme, 2012 – Present\n"
    disagree = "Junior Data Engineer\nExperience\nData Engineer — Acme, 2012 – Present\n"
    a = estimate_seniority(agree, RULES, kind="resume", as_of=AS_OF)
    d = estimate_seniority(disagree, RULES, kind="resume", as_of=AS_OF)
    assert a.level == d.level == "senior"
    assert a.confidence > d.confidence


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("What we're looking for\n- 3+ years of data engineering.\n", "mid"),
        ("Requirements: 3-5 years of experience with Python.", "mid"),
        ("Requirements: 0–2 years of experience is fine.", "entry"),
        ("Graduate / up to 2 years' experience.", "entry"),
        ("Requirements\n- 6+ years of software engineering, at least 2 of them on ML.\n", "senior"),
        ("Junior Data Engineer (new grads welcome)\nYou'll write SQL.", "entry"),
        ("Machine Learning Intern — Summer 2026 (12 weeks)", "entry"),
        ("Staff Software Engineer, Agentic Systems\nYou will lead a team.", "senior"),
        ("Our graduate programme takes eight people a year.", "entry"),
    ],
)
def test_posting_level_sought(text: str, level: str) -> None:
    assert estimate_seniority(text, RULES, kind="job").level == level


def test_posting_preferred_years_yield_to_required_years() -> None:
    text = "Requirements\n- 3+ years of Python.\n\nNice to have\n- 6+ years of experience in ML.\n"
    result = estimate_seniority(text, RULES, kind="job")
    assert (result.level, result.years) == ("mid", 3.0)


def test_posting_title_is_its_first_title() -> None:
    text = "Data Engineer II — Streaming\nYou will report to the Head of Data.\n"
    assert estimate_seniority(text, RULES, kind="job").level == "mid"


def _signal(text: str, phrase: str, skill_id: str) -> Mention:
    start = text.index(phrase)
    return Mention(
        skill_id=skill_id,
        start=start,
        end=start + len(phrase),
        text=phrase,
        matched=phrase,
        method="pattern",
        score=0.8,
    )


def test_signals_alone_give_at_most_a_weak_mid() -> None:
    text = "Set the technical strategy and led a team of six engineers."
    signals = [
        _signal(text, "technical strategy", "technology-strategy"),
        _signal(text, "led a team", "team-leadership"),
    ]
    levels = {"technology-strategy": "senior", "team-leadership": "senior"}
    result = estimate_seniority(
        text,
        RULES,
        kind="resume",
        signals=signals,
        signal_levels=levels,  # type: ignore[arg-type]
    )
    assert result.level == "mid"
    assert 0 < result.confidence <= 0.3
    assert "signals alone give at most a weak mid" in result.reason
    assert {e.kind for e in result.evidence} == {"signal"}


def test_signals_of_unknown_ids_are_ignored() -> None:
    text = "Set the technical strategy."
    signals = [_signal(text, "technical strategy", "python")]
    result = estimate_seniority(text, RULES, kind="resume", signals=signals, signal_levels={})
    assert (result.level, result.confidence) == (None, 0.0)


@pytest.mark.parametrize("text", ["", "Python, PyTorch, Docker, k8s", "We build search tools."])
def test_no_signal_gives_no_level(text: str) -> None:
    for kind in ("resume", "job"):
        result = estimate_seniority(text, RULES, kind=kind, as_of=AS_OF)  # type: ignore[arg-type]
        assert (result.level, result.confidence, result.years) == (None, 0.0, None)


def test_bands_come_from_the_rules() -> None:
    text = "Requirements: 3+ years of experience."
    strict = SeniorityRules(
        bands=[
            LevelBand(level="entry", min_years=0, max_years=4),
            LevelBand(level="mid", min_years=4, max_years=8),
            LevelBand(level="senior", min_years=8),
        ]
    )
    assert estimate_seniority(text, strict, kind="job").level == "entry"
    assert estimate_seniority(text, RULES, kind="job").level == "mid"


def test_wrong_type_is_type_error() -> None:
    with pytest.raises(TypeError):
        estimate_seniority(b"7+ years", RULES, kind="job")  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(st.text(), st.sampled_from(["resume", "job"]))
def test_evidence_offsets_slice_the_text(text: str, kind: str) -> None:
    result = estimate_seniority(text, RULES, kind=kind, as_of=AS_OF)  # type: ignore[arg-type]
    for e in result.evidence:
        assert text[e.start : e.end] == e.text
    assert 0.0 <= result.confidence <= 1.0
    assert (result.level is None) == (result.confidence == 0.0)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Senior Engineer — Acme, Jan 2019 – Present",
                "EXPERIENCE",
                "EDUCATION",
                "BSc Physics, 2012 – 2015",
                "7+ years of Python",
                "Intern, Beta, 2018",
                "Lead, chess club",
                "• Built APIs.",
            ]
        ),
        max_size=8,
    )
)
def test_resume_like_text_never_raises(lines: list[str]) -> None:
    text = "\n".join(lines)
    result = estimate_seniority(text, RULES, kind="resume", as_of=AS_OF)
    assert all(text[e.start : e.end] == e.text for e in result.evidence)
