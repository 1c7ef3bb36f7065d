"""Years per skill: stated beside the skill, or from the dated roles that mention it."""

from __future__ import annotations

from datetime import date

import pytest

from sample_texts import RESUME
from skillmatch.models import Mention
from skillmatch.scoring import skill_years


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
