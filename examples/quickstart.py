"""Quickstart: match a résumé and a job posting in Python, then compare them.

Run from the repository root:  .venv/bin/python examples/quickstart.py
"""

from __future__ import annotations

from pathlib import Path

from skillmatch import SkillMatcher, compare, read_document

HERE = Path(__file__).parent


def main() -> None:
    """Print the skills of one résumé, the level a job asks for, and the fit between them."""
    matcher = SkillMatcher.default()  # the "What is AI Engineer" taxonomy; no network

    # Any text works...
    quick = matcher.match("5 years of Python; deployed PyTorch models to production on AWS.")
    print("skills in one sentence:", ", ".join(quick.skill_ids))

    # ...and so does any supported file: .txt .md .pdf .docx .html
    resume = matcher.match_document(
        read_document(HERE / "resumes" / "diego_ramirez_mid.pdf"), kind="resume"
    )
    job = matcher.match_document(
        read_document(HERE / "jobs" / "senior_ai_engineer_llm_platform.txt"), kind="job"
    )

    print(f"\nrésumé: {resume.id}")
    for hit in resume.skills:
        first = hit.mentions[0]
        print(f"  {hit.name:<28} {first.text!r} at {first.start} ({first.method}, {hit.score:.2f})")
    print(f"  level: {resume.seniority.level} — {resume.seniority.reason}")
    print(f"  coverage: {resume.coverage.overall:.0%}")

    print(f"\njob: {job.id}")
    print(f"  level sought: {job.seniority.level}")
    print("  required:", ", ".join(h.skill_id for h in job.skills if h.requirement == "required"))

    fit = compare(resume, job)
    print(f"\nfit {fit.score:.2f}; missing required: {', '.join(fit.required_missing) or 'none'}")
    for miss in fit.near_misses:
        print(f"  near miss for {miss.skill_id}: {miss.phrase!r} ({miss.score:.2f})")

    # Many texts at once, in input order (n_process=2 runs worker processes).
    texts = ["Kubernetes and Docker", "LangChain, RAG and prompt engineering", "Excel"]
    for text, result in zip(texts, matcher.pipe(texts), strict=True):
        print(f"{text!r}: {result.skill_ids}")


if __name__ == "__main__":
    main()
