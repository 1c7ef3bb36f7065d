"""A realistic résumé, job posting and comparison built by hand, for the report tests.

The offsets are computed from the texts (``str.index``), never typed.
``tests/report/test_report_example.py`` checks that the example keeps the contract of
``models.py`` (every mention slices its text), so the report, CLI and browser tests that import
these builders can trust it.
"""

from __future__ import annotations

from skillmatch.models import (
    CategoryCoverage,
    CategoryFit,
    Comparison,
    Coverage,
    Flag,
    MatchResult,
    Mention,
    Method,
    NearMiss,
    Requirement,
    RoleScore,
    Seniority,
    SeniorityEvidence,
    SkillHit,
    Status,
)

RESUME_TEXT = """\
Jane Doe
Senior Machine Learning Engineer, Acme Analytics (2019-2025)
jane.doe@example.org

Summary
AI engineer with 7 years of experience building and deploying ML systems.
Led a team of four engineers and mentored two junior engineers.

Experience
- Deployed PyTorch models to production on AWS (SageMaker, Lambda) behind a REST API.
- Built ETL pipelines in Python and SQL feeding a feature store.
- Containerised training jobs with Docker; no Kubernetes experience yet.
- Prototyped a RAG assistant with GPT-4 for internal search.
- The partner team handled the Azure migration.

Skills: Python, TypeScript, PyTorch, scikit-learn, Docker, AWS, SQL, Tensorflow
"""

JOB_TEXT = """\
Senior AI Engineer, Northwind Health

We are hiring a senior AI engineer (5+ years) to take LLM features to production.

Requirements
- Strong Python and SQL
- Experience with PyTorch or TensorFlow
- AWS, Docker and Kubernetes
- Building RAG systems

Nice to have
- TypeScript
- GCP

No Java needed.
"""

CATEGORIES = [
    ("programming", "Programming", 1.0),
    ("ml-frameworks", "ML Frameworks", 1.0),
    ("cloud-platforms", "Cloud Platforms", 1.0),
    ("mlops", "MLOps", 1.0),
    ("data-engineering", "Data Engineering", 1.0),
    ("core-competencies", "Core Competencies", 0.8),
    ("modern-ai", "Modern AI Engineering", 0.8),
]

# skill id -> (name, category id)
SKILLS = {
    "python": ("Python", "programming"),
    "typescript": ("TypeScript", "programming"),
    "java": ("Java", "programming"),
    "go": ("Go", "programming"),
    "pytorch": ("PyTorch", "ml-frameworks"),
    "tensorflow": ("TensorFlow", "ml-frameworks"),
    "scikit-learn": ("scikit-learn", "ml-frameworks"),
    "aws": ("AWS", "cloud-platforms"),
    "gcp": ("GCP", "cloud-platforms"),
    "azure": ("Azure", "cloud-platforms"),
    "docker": ("Docker", "mlops"),
    "kubernetes": ("Kubernetes", "mlops"),
    "ci-cd": ("CI/CD pipelines", "mlops"),
    "sql": ("SQL", "data-engineering"),
    "etl": ("ETL processes", "data-engineering"),
    "machine-learning": ("Machine learning", "core-competencies"),
    "production-deployment": ("Production deployment", "core-competencies"),
    "api-development": ("API development", "core-competencies"),
    "rag": ("RAG systems", "modern-ai"),
    "llm-integration": ("LLM integration", "modern-ai"),
}


def span(text: str, needle: str, *, after: str = "") -> tuple[int, int]:
    """Return the offsets of ``needle`` in ``text``, searching after the first ``after``."""
    origin = text.index(after) + len(after) if after else 0
    start = text.index(needle, origin)
    return start, start + len(needle)


def mention(
    text: str,
    skill_id: str,
    needle: str,
    *,
    after: str = "",
    method: Method = "exact",
    score: float = 1.0,
    status: Status = "counted",
    matched: str | None = None,
    requirement: Requirement | None = None,
) -> Mention:
    """Build a mention of ``skill_id`` at the first ``needle`` (after ``after``) of ``text``."""
    start, end = span(text, needle, after=after)
    return Mention(
        skill_id=skill_id,
        start=start,
        end=end,
        text=text[start:end],
        matched=matched or needle,
        method=method,
        score=score,
        status=status,
        requirement=requirement,
    )


def hits(mentions: list[Mention], years: dict[str, float] | None = None) -> list[SkillHit]:
    """Group mentions into skill hits, in order of first mention."""
    grouped: dict[str, list[Mention]] = {}
    for m in mentions:
        grouped.setdefault(m.skill_id, []).append(m)
    out = []
    for sid, ms in grouped.items():
        name, cat = SKILLS[sid]
        out.append(
            SkillHit(
                skill_id=sid,
                name=name,
                categories=[cat],
                score=max(m.score for m in ms),
                mentions=ms,
                years=(years or {}).get(sid),
                requirement=ms[0].requirement,
            )
        )
    return out


def coverage(found: set[str]) -> Coverage:
    """Coverage of the example taxonomy by the skills in ``found``."""
    cats = []
    for cid, name, weight in CATEGORIES:
        members = [sid for sid, (_, c) in SKILLS.items() if c == cid]
        have = [s for s in members if s in found]
        cats.append(
            CategoryCoverage(
                category_id=cid,
                name=name,
                weight=weight,
                coverage=len(have) / len(members),
                found=have,
                missing=[s for s in members if s not in found],
            )
        )
    total = sum(w for _, _, w in CATEGORIES)
    overall = sum(c.coverage * c.weight for c in cats) / total
    return Coverage(overall=overall, categories=cats)


def example_resume() -> MatchResult:
    """The résumé of Jane Doe, as the matcher would report it."""
    t = RESUME_TEXT
    skills = [
        mention(t, "machine-learning", "Machine Learning", score=0.95, matched="machine learning"),
        mention(t, "machine-learning", "ML", after="deploying ", matched="ML", score=0.9),
        mention(
            t,
            "production-deployment",
            "Deployed PyTorch models to production",
            method="pattern",
            score=0.85,
            matched="deploy* ... production",
        ),
        mention(t, "pytorch", "PyTorch", after="Experience"),
        mention(t, "aws", "AWS", after="Experience"),
        mention(t, "aws", "SageMaker", score=0.9, matched="SageMaker"),
        mention(t, "api-development", "REST API", score=0.9),
        mention(t, "etl", "ETL"),
        mention(t, "python", "Python", after="Experience"),
        mention(t, "sql", "SQL", after="Experience"),
        mention(t, "docker", "Docker", after="Experience"),
        mention(t, "rag", "RAG"),
        mention(t, "llm-integration", "GPT-4", score=0.9, matched="GPT"),
        mention(t, "python", "Python", after="Skills: "),
        mention(t, "typescript", "TypeScript"),
        mention(t, "pytorch", "PyTorch", after="Skills: "),
        mention(t, "scikit-learn", "scikit-learn"),
        mention(t, "docker", "Docker", after="Skills: "),
        mention(t, "aws", "AWS", after="Skills: "),
        mention(t, "sql", "SQL", after="Skills: "),
        mention(
            t, "tensorflow", "Tensorflow", method="normalized", score=0.95, matched="TensorFlow"
        ),
    ]
    excluded = [
        mention(t, "kubernetes", "Kubernetes", status="negated"),
        mention(t, "azure", "Azure", status="other-party"),
    ]
    signals = [
        mention(t, "team-leadership", "Led a team", method="pattern", matched="lead* team"),
        mention(t, "mentoring", "mentored", matched="mentor*"),
    ]
    evidence = []
    for kind, needle, level, years, detail in [
        ("title", "Senior Machine Learning Engineer", "senior", None, "title word 'Senior'"),
        ("date-range", "2019-2025", None, 6.0, "one role of 6 years"),
        ("years", "7 years of experience", "senior", 7.0, "stated years"),
        ("signal", "Led a team of four engineers", "senior", None, "team leadership"),
    ]:
        s, e = span(t, needle)
        evidence.append(
            SeniorityEvidence(
                kind=kind, start=s, end=e, text=t[s:e], level=level, years=years, detail=detail
            )
        )
    found = {m.skill_id for m in skills}
    return MatchResult(
        id="jane-doe.txt",
        kind="resume",
        text=t,
        skills=hits(skills, years={"python": 7.0}),
        excluded=excluded,
        signals=signals,
        coverage=coverage(found),
        seniority=Seniority(
            level="senior",
            confidence=0.9,
            years=7.0,
            evidence=evidence,
            reason="7 stated years and a senior title; leads a team.",
        ),
        roles=[
            RoleScore(
                role_id="ai-engineer",
                name="AI Engineer",
                score=0.82,
                reason="broad: frameworks, cloud, MLOps and LLM work",
            ),
            RoleScore(
                role_id="ml-engineer",
                name="ML Engineer",
                score=0.74,
                reason="model training and deployment",
            ),
            RoleScore(
                role_id="data-scientist",
                name="Data Scientist",
                score=0.41,
                reason="little research or experimentation",
            ),
        ],
        warnings=[],
        taxonomy="what-is-ai-engineer",
    )


def example_job() -> MatchResult:
    """The Northwind Health posting, as the matcher would report it."""
    t = JOB_TEXT
    req: Requirement = "required"
    pref: Requirement = "preferred"
    skills = [
        mention(t, "llm-integration", "LLM", requirement=req, score=0.9),
        mention(t, "production-deployment", "production", requirement=req, score=0.8),
        mention(t, "python", "Python", requirement=req),
        mention(t, "sql", "SQL", requirement=req),
        mention(t, "pytorch", "PyTorch", requirement=req),
        mention(t, "tensorflow", "TensorFlow", requirement=req),
        mention(t, "aws", "AWS", requirement=req),
        mention(t, "docker", "Docker", requirement=req),
        mention(t, "kubernetes", "Kubernetes", requirement=req),
        mention(t, "rag", "RAG", requirement=req),
        mention(t, "typescript", "TypeScript", requirement=pref),
        mention(t, "gcp", "GCP", requirement=pref),
    ]
    excluded = [mention(t, "java", "Java", status="negated", requirement="negated")]
    evidence = []
    for kind, needle, level, years in [
        ("title", "Senior AI Engineer", "senior", None),
        ("years", "5+ years", "senior", 5.0),
    ]:
        s, e = span(t, needle)
        evidence.append(
            SeniorityEvidence(kind=kind, start=s, end=e, text=t[s:e], level=level, years=years)
        )
    return MatchResult(
        id="northwind-ai-engineer.txt",
        kind="job",
        text=t,
        skills=hits(skills),
        excluded=excluded,
        coverage=coverage({m.skill_id for m in skills}),
        seniority=Seniority(level="senior", confidence=0.95, years=5.0, evidence=evidence),
        taxonomy="what-is-ai-engineer",
    )


def example_comparison() -> Comparison:
    """Jane Doe against the Northwind posting."""
    resume, job = example_resume(), example_job()
    have = set(resume.skill_ids)
    cats = []
    for cid, name, _ in CATEGORIES:
        in_cat = [h for h in job.skills if h.categories == [cid]]
        req = [h.skill_id for h in in_cat if h.requirement == "required"]
        pref = [h.skill_id for h in in_cat if h.requirement == "preferred"]
        asked = len(req) * 2 + len(pref)
        got = sum(2 for s in req if s in have) + sum(1 for s in pref if s in have)
        extra = [h.skill_id for h in resume.skills if h.categories == [cid]]
        cats.append(
            CategoryFit(
                category_id=cid,
                name=name,
                score=got / asked if asked else 1.0,
                required_covered=[s for s in req if s in have],
                required_missing=[s for s in req if s not in have],
                preferred_covered=[s for s in pref if s in have],
                preferred_missing=[s for s in pref if s not in have],
                extra=[s for s in extra if s not in req and s not in pref],
            )
        )
    s, e = span(resume.text, "Containerised training jobs")
    k_start, k_end = span(resume.text, "no Kubernetes experience")
    return Comparison(
        score=0.86,
        categories=cats,
        required_missing=[s for c in cats for s in c.required_missing],
        preferred_missing=[s for c in cats for s in c.preferred_missing],
        seniority_gap=0,
        resume_level="senior",
        job_level="senior",
        near_misses=[
            NearMiss(
                skill_id="kubernetes",
                phrase=resume.text[s:e],
                start=s,
                end=e,
                score=0.41,
            )
        ],
        flags=[
            Flag(
                code="required-negated",
                message="The job requires Kubernetes; the résumé says it has no experience of it.",
                skill_id="kubernetes",
                start=k_start,
                end=k_end,
            )
        ],
    )
