"""Progression signals of the role document in real phrasing."""

from __future__ import annotations

import pytest


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
