"""Comparing hostile résumés with a job never raises (a phrase of dashes once did)."""

from __future__ import annotations

import pytest

from skillmatch.matcher import SkillMatcher
from skillmatch.scoring import compare
from strategies import HOSTILE_UNITS, repeat_to

JOB = "ML engineer. Required: Python, Kubernetes and PyTorch; Go nice to have."


@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_compare_takes_any_resume(matcher: SkillMatcher, unit: str) -> None:
    job = matcher.match(JOB, kind="job")
    fit = compare(matcher.match(repeat_to(unit, 3_000), kind="resume"), job)
    assert 0.0 <= fit.score <= 1.0
