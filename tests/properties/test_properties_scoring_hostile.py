"""Scoring on hostile text: long repeats of what its patterns look for stay fast and sane.

Each input is 200,000 characters: a scan that is quadratic in the text (a regex that backtracks,
a per-match look at the whole line, a loop over all pairs of titles or ranges) takes minutes on
them, so a regression shows as a test run that does not finish, not as a timing assertion.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillmatch import SkillMatcher
from skillmatch.analysis import PostingIndex, TextLayout
from skillmatch.analysis.titles import _ROLE_AFTER, _role_after
from skillmatch.models import Mention, Seniority
from skillmatch.scoring import detect_kind, estimate_seniority, requirement_of, skill_years
from skillmatch.taxonomy import SeniorityRules
from skillmatch.text import ScanText

SIZE = 200_000
AS_OF = date(2026, 11, 28)
RULES = SeniorityRules(
    titles={
        "entry": ["intern", "junior", "graduate"],
        "mid": ["mid-level", "engineer II"],
        "senior": ["senior", "staff", "principal", "lead", "head"],
    },
    title_traps=["senior management", "lead time", "student club"],
    phrases={"senior": ["led a team"]},
)


def _repeat(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


HOSTILE = {
    "dates on one line": _repeat("Jan 2019 - "),
    "dates one per line": _repeat("Jan 2019 - Present\n"),
    "title words on one line": _repeat("SENIOR "),
    "title words one per line": _repeat("Senior\n"),
    "title word then separators": "Lead " + _repeat("-/&"),
    "title words in a blank sea": _repeat("Lead," + " " * 997),
    "trap phrases": _repeat("senior management "),
    "stated years": _repeat("5 years "),
    "year ranges with skill": _repeat("Python 2019 - 2020 "),
    "years of a skill": _repeat("5 years of Python "),
    "one long word": "x" * SIZE,
    "since dates": _repeat("since 2019 "),
    "sentences without headings": _repeat("Python is a plus. "),
    "skills and semicolons": _repeat("Python, Go, Rust; "),
}


def _python_mentions(text: str) -> list[Mention]:
    return [
        Mention(
            skill_id="python",
            start=m.start(),
            end=m.end(),
            text=m.group(0),
            matched="python",
            method="exact",
            score=1.0,
        )
        for m in re.finditer("Python", text)
    ]


def _assert_sane(text: str, seniority: Seniority) -> None:
    assert seniority.level in (None, "entry", "mid", "senior")
    assert 0.0 <= seniority.confidence <= 1.0
    for e in seniority.evidence:
        assert text[e.start : e.end] == e.text


@pytest.mark.parametrize("name", list(HOSTILE))
def test_scoring_on_hostile_repeats_gives_sane_results(name: str) -> None:
    text = HOSTILE[name]
    layout = TextLayout(text, as_of=AS_OF, rules=RULES)
    assert detect_kind(layout) in ("job", "resume")
    for kind in ("resume", "job"):
        _assert_sane(text, estimate_seniority(layout, kind=kind))
    years = skill_years(layout, {"python": _python_mentions(text)})
    assert all(v >= 0 for v in years.values())
    for pos in range(0, len(text), len(text) // 50):
        assert layout.requirement_of(pos, min(len(text), pos + 6)) in ("required", "preferred")


def test_requirement_of_every_mention_of_a_long_posting_reads_its_sentence() -> None:
    text = _repeat("We use Go. Python is a plus. Rust is required.\n")
    mentions = _python_mentions(text)
    posting = PostingIndex(ScanText(text))  # read once for all the mentions
    assert {requirement_of(posting, m.start, m.end) for m in mentions} == {"preferred"}


def test_requirement_of_finds_the_cue_after_two_sentence_breaks_on_one_line() -> None:
    text = "Requirements\nWe ship daily. We test well. Rust is a plus. Go is needed."
    rust = text.index("Rust")
    go = text.index("Go ")
    assert requirement_of(text, rust, rust + 4) == "preferred"
    assert requirement_of(text, go, go + 2) == "required"


@pytest.mark.parametrize("name", ["dates on one line", "title words on one line", "one long word"])
def test_match_on_hostile_repeats_gives_evidence_inside_the_text(name: str) -> None:
    text = HOSTILE[name]
    result = SkillMatcher.default().match(text, as_of=AS_OF)
    _assert_sane(text, result.seniority)
    for hit in result.skills:
        for m in hit.mentions:
            assert text[m.start : m.end] == m.text


# _role_after replaces a backtracking regex: on short strings (where the regex is quick) both
# must agree on every input, including runs of the separators the regex tripped over.
_PIECES = [
    "",
    " ",
    "  ",
    "/",
    "-",
    "&",
    "a",
    ".",
    "#",
    "x1",
    "data",
    ",",
    "(",
    "\t",
    "engineer",
    "Engineer",
    "engineers",
    "lead",
    "leads",
    "manager",
    "sre",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_role_after_agrees_with_the_regex_it_replaces(pieces: list[str]) -> None:
    text = "".join(pieces)
    for pos in range(len(text) + 1):
        expected = _ROLE_AFTER.match(text[pos:]) is not None
        assert _role_after(text, pos, len(text)) == expected
