"""How long a text says each skill was used: a stated amount beside it, else its dated roles."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from datetime import date

from skillmatch.analysis import TextLayout, total_years
from skillmatch.analysis.layout import as_layout
from skillmatch.models import Mention

__all__ = ["skill_years"]

_BEFORE_SKILL = re.compile(
    r"^[\s'’]*(?:(?:of|in|with|using|on|working|programming|hands-on|professional|commercial|"
    r"production|industry|experience|exp\.?)[\s,]*)*$",
    re.IGNORECASE,
)
_AFTER_SKILL = re.compile(r"^\s*(?:[(:,–—-]|\bfor\b)\s*$", re.IGNORECASE)


def skill_years(
    text: str | TextLayout,
    mentions_by_skill: Mapping[str, Sequence[Mention]],
    *,
    as_of: date | None = None,
) -> dict[str, float]:
    """Return the years each skill was used, where the text says so.

    A stated amount next to a mention wins ("5 years of Python", "Python (3 years)", "3+ yrs
    Python", "C++ (Less than 1 year)"); otherwise the merged length of the dated roles whose
    text mentions the skill (non-work and education roles left out, as the layout's seniority
    rules say). Skills with neither are left out. Years are rounded to 0.1. ``text`` is the text,
    read with ``as_of``, or its :class:`~skillmatch.analysis.TextLayout`.

    >>> from skillmatch.models import Mention
    >>> text = "5 years of Python"
    >>> m = Mention(skill_id="python", start=11, end=17, text="Python", matched="python",
    ...             method="exact", score=1.0)
    >>> skill_years(text, {"python": [m]})
    {'python': 5.0}
    """
    layout = as_layout(text, as_of=as_of, caller="skill_years")
    text = layout.text
    claims = layout.years_claims
    # claims by start and by end, so each mention looks at the few claims within reach
    claim_starts = [c.start for c in claims]
    by_end = sorted(claims, key=lambda c: c.end)
    claim_ends = [c.end for c in by_end]
    roles = [r for r in layout.roles if r.status not in ("education", "other")]
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
