"""Tell a job posting from a résumé by its wording, its dated history and its headings."""

from __future__ import annotations

import itertools
import re

from skillmatch.analysis.dates import ranges_from_matches
from skillmatch.analysis.layout import TextLayout, as_layout
from skillmatch.models import TextKind
from skillmatch.text.scan import ScanText, scan

__all__ = ["detect_kind"]

_JOB_CUES = re.compile(
    r"\b(?:we\s+are\s+looking\s+for|we['’]re\s+looking\s+for|what\s+we['’]re\s+looking\s+for|"
    r"you\s+will|you['’]ll|requirements|responsibilities|nice\s+to\s+have|apply|applications?|"
    r"about\s+the\s+role|what\s+we\s+offer|we\s+offer|join\s+(?:our|us|the)|the\s+role|"
    r"salary|benefits|the\s+ideal\s+candidate|we\s+are\s+hiring|we['’]re\s+hiring|"
    r"job\s+description|must\s+have|you\s+have|what\s+you['’]ll\s+do|your\s+profile|"
    r"we\s+need|candidates?|equity|hybrid|visa\s+sponsorship)\b",
    re.IGNORECASE,
)
_RESUME_CUES = re.compile(
    r"(?:\bI\b|\bI['’]m\b|\bmy\b|\bcurriculum\s+vitae\b|\brésumé\b|\bresume\b|"
    r"\breferences\s+available\b|(?<![\w.+-])[\w.+-]+@[\w-]+\.\w+)",
)

# Where the cues can start, found by searches that skip fast (a charset or literal first): a job
# cue opens with one of these words after a non-word character (or at the text start), in the
# lowered text; a résumé cue opens with one of these words, or is an e-mail address.
_JOB_CUE_STARTS = re.compile(
    r"[^a-z0-9_](?:we|what|you|requirements|responsibilities|nice|apply|application|about|join|"
    r"the|salary|benefits|job|must|candidate|equity|hybrid|visa)"
)
_RESUME_CUE_STARTS = re.compile(r"I|my|curriculum|résumé|resume|references")
_EMAIL_LOCAL_PART = re.compile(r"[\w.+-]*")


def _job_cue_count(source: ScanText) -> int:
    text, low = source.text, source.folded
    if low is None:
        return len(_JOB_CUES.findall(text))
    starts = [0]
    starts.extend(m.start() + 1 for m in _JOB_CUE_STARTS.finditer(low))
    return sum(1 for _ in scan(_JOB_CUES, text, starts))


def _resume_cue_count(source: ScanText) -> int:
    text = source.text
    starts = [m.start() for m in _RESUME_CUE_STARTS.finditer(text)]
    at = text.find("@")
    if at >= 0:
        # an address starts where the run of [\w.+-] before its "@" starts: read it backwards
        rev, n = source.reversed, len(text)
        while at >= 0:
            local = _EMAIL_LOCAL_PART.match(rev, n - at)
            if local is not None and local.end() > n - at:
                starts.append(at - (local.end() - (n - at)))
            at = text.find("@", at + 1)
        starts.sort()
    return sum(1 for _ in scan(_RESUME_CUES, text, starts))


def detect_kind(text: str | TextLayout) -> TextKind:
    """Tell whether ``text`` is a job posting or a résumé, from its wording.

    Posting cues: "we are looking for", "you will", "requirements", "nice to have", "apply",
    "what we offer"... Résumé cues: first person, an e-mail address, dated work history,
    "Experience" and "Education" headings. Ties and empty text go to ``"resume"``. ``text`` is
    the text or its :class:`~skillmatch.analysis.layout.TextLayout`.

    >>> detect_kind("We are looking for a Python developer. You will build APIs. Apply now.")
    'job'
    """
    layout = as_layout(text, caller="detect_kind")
    job = _job_cue_count(layout.source)
    resume = _resume_cue_count(layout.source)
    # up to four ranges count: the rest are not parsed here
    ranges = ranges_from_matches(layout.range_matches, as_of=layout.as_of)
    resume += 2 * sum(1 for _ in itertools.islice(ranges, 4))
    kinds = {s.kind for s in layout.sections}
    if "work" in kinds and "education" in kinds:
        resume += 3
    return "job" if job > resume else "resume"
