"""Seniority: years stated, dated work history, titles and their traps, signals."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from skillmatch.analysis import find_date_ranges, find_years_claims, merge_intervals, total_years
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


# ------------------------------------------------------------------------------ stated years


@pytest.mark.parametrize(
    ("phrase", "years"),
    [
        ("7+ years of experience", 7),
        ("five years of experience", 5),
        ("3-5 years of experience", 3),
        ("3–5 yrs experience", 3),
        ("over a decade of experience", 10),
        ("10+ years in software", 10),
        ("at least 4 years of experience", 4),
        ("2 years' experience", 2),
        ("twenty years of experience", 20),
        ("twelve years building platforms", 12),
        ("2 years 10 months of experience", 2 + 10 / 12),
        ("18 months of experience", 1.5),
        ("about two and a half years of professional experience", 2.5),
        ("0-2 years of experience", 0),
        ("up to 2 years of experience", 0),
    ],
)
def test_years_claim_reads_every_form(phrase: str, years: float) -> None:
    text = f"Summary: {phrase}, mostly on payments."
    claims = [c for c in find_years_claims(text) if c.experience]
    assert len(claims) == 1
    assert claims[0].value == pytest.approx(years)
    assert text[claims[0].start : claims[0].end] in phrase


@pytest.mark.parametrize(
    "text",
    [
        "Built a 5-year diabetes risk model.",
        "Our founder is 20 years old.",
        "We moved offices 3 years ago.",
        "Top sales agent three years running.",
        "Contract: 3 months, remote.",
        "Indexed over 15 years of project documents.",
        "Two years, three rotations of eight months each.",
    ],
)
def test_years_claim_ignores_durations_that_are_not_experience(text: str) -> None:
    assert [c for c in find_years_claims(text) if c.experience] == []


# ------------------------------------------------------------------------------- date ranges


@pytest.mark.parametrize(
    ("phrase", "begin", "finish"),
    [
        ("Jan 2019 – Present", date(2019, 1, 1), AS_OF),
        ("2016-2018", date(2016, 7, 1), date(2018, 7, 1)),
        ("2016 – 2018", date(2016, 7, 1), date(2018, 7, 1)),
        ("03/2015 - 06/2017", date(2015, 3, 1), date(2017, 7, 1)),
        ("August 2016 to Present", date(2016, 8, 1), AS_OF),
        ("Since 2020", date(2020, 7, 1), AS_OF),
        ("Apr 2022 – Present", date(2022, 4, 1), AS_OF),
        ("2021–present", date(2021, 7, 1), AS_OF),
        ("Sept. 2019 - Current", date(2019, 9, 1), AS_OF),
        ("Q3 2018 – Q1 2020", date(2018, 7, 1), date(2020, 4, 1)),
        ("Jun–Aug 2024", date(2024, 6, 1), date(2024, 9, 1)),
        ("2023–24", date(2023, 7, 1), date(2024, 7, 1)),
        ("September 2017 onwards", date(2017, 9, 1), AS_OF),
        ("May 2010 - till date", date(2010, 5, 1), AS_OF),
        ("Jan 2010-Sept 2013", date(2010, 1, 1), date(2013, 10, 1)),
    ],
)
def test_date_range_reads_every_form(phrase: str, begin: date, finish: date) -> None:
    text = f"Data Engineer, Acme — {phrase}\n"
    (found,) = find_date_ranges(text, as_of=AS_OF)
    assert text[found.start : found.end] == phrase
    assert (found.begin, found.finish) == (begin, finish)


@pytest.mark.parametrize("text", ["Graduated in 2019.", "Founded 1994", "2019-03 release"])
def test_date_range_needs_two_ends(text: str) -> None:
    assert find_date_ranges(text, as_of=AS_OF) == []


def test_overlapping_ranges_merge_before_counting() -> None:
    a = (date(2018, 1, 1), date(2021, 1, 1))
    b = (date(2020, 1, 1), date(2022, 1, 1))
    c = (date(2023, 1, 1), date(2024, 1, 1))
    assert merge_intervals([c, b, a]) == [(date(2018, 1, 1), date(2022, 1, 1)), c]
    assert total_years([a, b, c]) == pytest.approx(5.0, abs=0.01)


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


def test_present_without_as_of_means_today() -> None:
    text = f"EXPERIENCE\nSoftware Engineer — Acme, Jan {date.today().year - 1} – Present\n"
    years = estimate_seniority(text, RULES, kind="resume").years
    assert years is not None and 1.0 <= years < 2.0


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


# ------------------------------------------------------------------------------------- titles


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


# ------------------------------------------------------------------------- years beat titles


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


# ------------------------------------------------------------------------------------- postings


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


# -------------------------------------------------------------------------- signals, no signal


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


def test_signals_decide_when_nothing_else_speaks() -> None:
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
    assert result.level == "senior"
    assert 0 < result.confidence < 0.5
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


# ------------------------------------------------------------------- scans against their regex

# Pieces that the date and years patterns read, glued with and without blanks: the fast scans
# (anchors, windows) must find exactly what a plain finditer of the pattern finds.
_SCAN_PIECES = st.sampled_from(
    [
        "Jan", "sept.", "June", "summer", "Q3", "q1", "since", "from", "to", "-", "–", " - ",
        "2019", "2020", "1999", "'19", "’21", "03/", "12.", "/2018", "5", "3", "10", "one",
        "two", "a minimum of", "over", "up to", "~", "+", "and a half", "years", "Yrs", "yr",
        "months", "mos", "mo", "year", "present", "onwards", "Python", "I", "at", "of", ".",
        "more than", "at least", "minimum", "min.", "about", "approx.", "close to", "less than",
        "under", "fewer than", "nearly", "twelve", "twenty", "Autumn", "fall", "Dec", "OCT",
        ",", "(", ")", "/", " ", "  ", "\n", "\t", "ſ", "x", "_",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_SCAN_PIECES, max_size=30).map("".join))
@example("since  jun - aug , 2019 - present")  # the most pieces before a range's anchor
@example("from Jun – Aug , '19")
@example("a minimum of 3 and a half + - 5 + years")  # the most pieces before a unit
@example("x 12 . 2019 / 03 / 20 Q2 2020 ~5 mos")
@example("ſa minimum of5years")  # no folded form: the units are found with IGNORECASE
def test_fast_scans_find_what_the_patterns_find(text: str) -> None:
    from skillmatch.analysis import dates as _dates
    from skillmatch.text import ScanText
    from skillmatch.text.scan import anchored_scan

    def spans(matches: object) -> list[tuple[int, int, dict[str, str | None]]]:
        return [(m.start(), m.end(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]

    assert spans(_dates.range_matches(text)) == spans(_dates._RANGE_RE.finditer(text))
    claims = [(c.start, c.end) for c in find_years_claims(text)]
    years = [m.span() for m in _dates._YEARS_RE.finditer(text)]
    assert set(claims) <= set(years) | {m.span() for m in _dates._DECADE_RE.finditer(text)}
    units = _dates._unit_anchors(ScanText(text))
    fast = anchored_scan(
        _dates._YEARS_RE, ScanText(text), units, _dates._YEARS_PIECES, _dates._YEARS_START
    )
    assert spans(fast) == spans(_dates._YEARS_RE.finditer(text))


def test_folded_text_lines_up_with_ignorecase_over_all_of_unicode() -> None:
    """Every character but the breakers lowercases to one character that keeps its word-ness,
    and matches an ASCII letter under IGNORECASE exactly when it lowercases to that letter."""
    import re
    import string
    import sys

    from skillmatch.text.scan import FOLD_BREAKERS, ScanText

    letter, word = re.compile("[a-z]", re.IGNORECASE), re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if c in FOLD_BREAKERS or 0xD800 <= code <= 0xDFFF:
            continue
        low = c.lower()
        assert len(low) == 1, c
        assert bool(word.match(c)) == bool(word.match(low)), c
        assert bool(letter.match(c)) == (low in string.ascii_lowercase), c
    assert ScanText("Senior ſ").folded is None and ScanText("Senior").folded == "senior"


_TITLE_PIECES = st.sampled_from(
    [
        "Senior", "SR.", "jr.", "Lead", "leadership", "head", "intern", "internal", "Engineer II",
        "engineer  2", "mid-level", "Mid Level", "new grad", "new-grads", "VP", "cto", "é", "-",
        ".", "/", " ", "\n", "(", "_", "x", "2",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_TITLE_PIECES, max_size=25).map("".join))
def test_title_word_starts_hold_every_match(text: str) -> None:
    from skillmatch.text.scan import ScanText, compile_words, scan, word_starts

    lists = (
        ("senior", "sr", "sr.", "lead", "head", "vp", "CTO"),
        ("mid-level", "mid level", "engineer II", "engineer 2"),
        ("intern", "jr.", "new grad", "new grads"),
    )
    starts = word_starts(lists).starts(ScanText(text))
    assert starts is not None
    for words, at in zip(lists, starts, strict=True):
        pattern = compile_words(words)
        assert pattern is not None
        fast = [m.span() for m in scan(pattern, text, at)]
        assert fast == [m.span() for m in pattern.finditer(text)]


_HEADER_PIECES = st.sampled_from(
    [
        "BSc", "b. sc", "M.S.", "m.s", "Ph.D", "PHD", "master’s", "Masters", "MBA", "student",
        "students", "University", "universidade", "School", "-", "x", "_", "2", ".", "ſ", "K",
        "\n", " ", "  ", "intern", "Internship", "teaching  assistant", "engineer", "Data", "é",
        "/", "(",
    ]
)  # fmt: skip


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Every run of whole lines of ``text``: from a line start to a line end."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    ends = [i for i, c in enumerate(text) if c == "\n"] + [len(text)]
    return [(s, e) for s in starts for e in ends if s <= e]


@settings(max_examples=300, deadline=None)
@given(st.lists(_HEADER_PIECES, max_size=20).map("".join))
def test_header_cue_searches_find_what_a_search_of_the_header_finds(text: str) -> None:
    from skillmatch.analysis import roles
    from skillmatch.text.scan import ScanText, compile_words, find_words

    source = ScanText(text)
    cues = [
        (roles._EDUCATION_CUES, roles._EDUCATION_CUE_STARTS),
        (roles._SCHOOL_CUES, roles._SCHOOL_CUE_STARTS),
    ]
    lists = [("intern", "internship", "trainee", "teaching assistant"), ("engineer", "data")]
    for start, end in _line_spans(text):
        header = text[start:end]
        for cue, cue_starts in cues:
            assert roles._cue_in(cue, cue_starts, source, start, end) == bool(cue.search(header))
        for words in lists:
            pattern = compile_words(words)
            assert pattern is not None
            fast = [m.span() for m in find_words(words, source, start, end)]
            assert fast == [
                (s + start, e + start) for s, e in (m.span() for m in pattern.finditer(header))
            ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["ab", "x", "Dév", "2019", " - ", " ", "_", "\n", "é1"]), max_size=20
    ).map("".join)
)
def test_edge_runs_are_the_first_and_last_letter_runs_of_a_line(text: str) -> None:
    from skillmatch.analysis import roles
    from skillmatch.text import ScanText

    for start, end in _line_spans(text):
        if "\n" in text[start:end]:
            continue
        runs = list(roles._LETTER_RUN.finditer(text, start, end))
        first_ends, last_starts = roles._edge_runs(ScanText(text), start, end)
        assert first_ends == [m.end() for m in runs[:2]]
        assert last_starts == [m.start() for m in runs[::-1][:2]]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text("abs.-", min_size=1, max_size=5), min_size=1, max_size=8),
    st.text("abs.-", max_size=7),
)
def test_trie_of_words_matches_what_their_alternation_matches(words: list[str], text: str) -> None:
    import re

    from skillmatch.text import scan

    trie = re.compile(f"(?:{scan._trie(words)})(?!a|b|s)")
    flat = re.compile(
        "(?:{})(?!a|b|s)".format("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    )
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
    assert all(re.fullmatch(scan._trie(words), w) for w in words)


@pytest.mark.parametrize(
    ("text", "signal", "found"),
    [
        ("Skills: Time management, Team player, Fast learner", "team-leadership", False),
        ("Work with management team to provide solutions.", "team-leadership", False),
        ("Experienced IT Assistant Manager looking for a reputable org.", "team-leadership", False),
        ("An experienced team lead and team player.", "team-leadership", True),
        ("Managed a team of six engineers.", "team-leadership", True),
        ("Headed the data science group for three years.", "team-leadership", True),
        ("PRIMARY MANAGEMENT SKILLS  Production Work-flow Design.", "cross-functional", False),
        ("Voluntary work in the Legal Resources Centres.", "cross-functional", False),
        ("Worked closely with product and design on the roadmap.", "cross-functional", True),
        ("Partnered with finance and operations leadership.", "cross-functional", True),
    ],
)
def test_progression_signals_in_real_phrasing(text: str, signal: str, found: bool) -> None:
    from skillmatch.matcher import SkillMatcher

    result = SkillMatcher.default().match(text, kind="resume")
    signals = {s.skill_id for s in result.signals}
    assert (signal in signals) == found, [s.text for s in result.signals]
