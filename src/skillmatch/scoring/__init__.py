"""Turn a text's layout and mentions into answers: coverage, seniority, skill years, fit, flags.

Pure functions of (layout, mentions, taxonomy): nothing here scans the text for dates, sections
or titles itself, it reads them from :class:`~skillmatch.analysis.TextLayout`.
"""

from __future__ import annotations

from skillmatch.analysis import detect_kind, requirement_of
from skillmatch.scoring.compare import compare
from skillmatch.scoring.coverage import coverage, role_scores
from skillmatch.scoring.gaming import UNSUPPORTED_SCORE, gaming_flags, unsupported_skills
from skillmatch.scoring.other import OtherSkills, as_written
from skillmatch.scoring.result import ResultBuilder
from skillmatch.scoring.seniority import estimate_seniority
from skillmatch.scoring.skill_years import skill_years

__all__ = [
    "UNSUPPORTED_SCORE",
    "OtherSkills",
    "ResultBuilder",
    "as_written",
    "compare",
    "coverage",
    "detect_kind",
    "estimate_seniority",
    "gaming_flags",
    "requirement_of",
    "role_scores",
    "skill_years",
    "unsupported_skills",
]
