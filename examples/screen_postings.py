"""Screen job postings: the level each one seeks (with evidence), its required and preferred
skills by category, its role profile and coverage.

Run:  .venv/bin/python examples/screen_postings.py [POSTINGS...]

POSTINGS are files, folders, or a ``.jsonl`` file of postings (``{"id": ..., "text": ...}`` per
line) or a ``.csv`` with a ``text`` column; by default the postings in ``examples/jobs/``.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from skillmatch import SkillMatcher, SkillmatchError, iter_documents

HERE = Path(__file__).parent


def main(argv: list[str]) -> int:
    """Print one block per posting; return 1 if a posting could not be read."""
    inputs = argv or [str(HERE / "jobs")]
    matcher = SkillMatcher.default()
    names = {c.id: c.name for c in matcher.taxonomy.categories}
    failed = 0
    for doc in iter_documents(inputs):
        if isinstance(doc, SkillmatchError):
            print(f"{type(doc).__name__}: {doc}", file=sys.stderr)
            failed += 1
            continue
        job = matcher.match_document(doc, kind="job")
        sen = job.seniority
        print(f"== {doc.source}")
        print(f"  level sought: {sen.level or 'unknown'} ({sen.confidence:.2f}) {sen.reason}")
        for ev in sen.evidence[:4]:
            print(f"    because of {ev.text!r} at {ev.start} ({ev.kind})")
        wanted: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for hit in job.skills:
            for cat in hit.categories:
                wanted[hit.requirement or "required"][names.get(cat, cat)].append(hit.name)
        for label in ("required", "preferred"):
            for cat, skills in wanted[label].items():
                print(f"  {label:<9} {cat}: {', '.join(skills)}")
        if job.roles:
            print(f"  role profile: {job.roles[0].name} ({job.roles[0].score:.2f})")
        print(f"  coverage of the taxonomy: {job.coverage.overall:.0%}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
