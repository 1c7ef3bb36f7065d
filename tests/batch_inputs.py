"""Shared inputs of the batch tests: a job text and folders of small résumés whose fits differ.

Import from any test folder (``from batch_inputs import make_folder``); add new helpers at the end.
"""

from __future__ import annotations

from pathlib import Path

JOB = (
    "Senior ML Engineer. We are looking for 5+ years of experience. Requirements: Python, "
    "PyTorch, Kubernetes and AWS. Nice to have: Spark. You will deploy models to production."
)
SKILL_WORDS = ["Python", "PyTorch", "Kubernetes", "AWS", "Docker", "Spark", "SQL", "LangChain"]


def resume_text(i: int) -> str:
    """A small résumé whose skills and years vary with ``i``, so fits differ."""
    skills = ", ".join(SKILL_WORDS[j] for j in range(len(SKILL_WORDS)) if (i >> j) & 1)
    return f"Candidate {i}. {i % 9} years of experience with {skills or 'Excel'}."


def make_folder(root: Path, n: int, *, corrupt_every: int = 0) -> Path:
    """Write ``n`` résumés to ``root``; every ``corrupt_every``-th is a broken PDF instead."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        if corrupt_every and i % corrupt_every == corrupt_every - 1:
            (root / f"cv{i:05d}.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 3)
        else:
            (root / f"cv{i:05d}.txt").write_text(resume_text(i), encoding="utf-8")
    return root
