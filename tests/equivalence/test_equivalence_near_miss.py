"""The near-miss index finds exactly what the plain search over every résumé phrase finds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from skillmatch import SkillMatcher
from skillmatch.models import MatchResult, NearMiss, SkillHit
from skillmatch.scoring.near_miss import NearMissIndex, near_miss_targets
from skillmatch.vocabulary import EDGE_WORDS
from strategies import hit_for, result_of

FIXTURES = Path(__file__).parents[1] / "fixtures"
_WORD = re.compile(r"[^\s,;:()\[\]{}\"'“”‘’|•·]+")


def _plain_near_miss(text: str, hit: SkillHit, score_cutoff: float) -> NearMiss | None:
    """The search the index replaced: every phrase of the résumé against every name, per skill."""
    phrases: dict[str, tuple[int, int]] = {}
    for line in re.finditer(r"[^\n]+", text):
        words = [
            (line.start() + w.start(), line.start() + w.end())
            for w in _WORD.finditer(line.group(0))
        ]
        for i in range(len(words)):
            for n in range(1, 5):
                if i + n > len(words):
                    break
                start, end = words[i][0], words[i + n - 1][1]
                phrase = text[start:end].strip(".!?-–—/")
                edges = phrase.lower().split()
                if edges and edges[0] not in EDGE_WORDS and edges[-1] not in EDGE_WORDS:
                    start = text.index(phrase, start)
                    phrases.setdefault(phrase.lower(), (start, start + len(phrase)))
    best: tuple[float, str] | None = None
    for target in near_miss_targets(hit):
        found = process.extractOne(
            target, list(phrases), scorer=fuzz.ratio, score_cutoff=score_cutoff * 100
        )
        if found is not None and (best is None or found[1] > best[0]):
            best = (found[1], found[0])
    if best is None:
        return None
    start, end = phrases[best[1]]
    return NearMiss(
        skill_id=hit.skill_id,
        phrase=text[start:end],
        start=start,
        end=end,
        score=round(best[0] / 100.0, 3),
    )


def _plain(text: str, job: MatchResult, skill_ids: list[str], cutoff: float) -> list[NearMiss]:
    hits = {h.skill_id: h for h in job.skills}
    found = [_plain_near_miss(text, hits[s], cutoff) for s in skill_ids if s in hits]
    return [m for m in found if m is not None]


WORDS = [
    "Pyhton", "python", "Python3", "Kubernates", "kubernetes", "k8s", "Docker", "dockr", "AWS",
    "a.w.s", "Tensor", "Flow", "tensorflow", "ML", "ops", "MLOps", "the", "of", "and", "-", "—",
    "/", ".", "!", "-Py", "thon-", "ΣQL", "sql", "Straße", "é", "x", "Go", "Rust", "rusty",
    "PYTHİN", "İaws", "DOCKERΣ",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "\n", ", ", "; ", " - ", " (", ") ", "'", " • ", "\t", "  ", "/"]
NAMES = ["python", "kubernetes", "docker", "aws", "tensorflow", "ml ops", "sql", "go", "rust"]


@st.composite
def resume_texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True))


@st.composite
def jobs(draw: st.DrawFn) -> MatchResult:
    ids = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique=True))
    surfaces = [draw(st.sampled_from(WORDS)) for _ in ids]
    text = " ".join(surfaces)
    hits = []
    for skill_id, surface in zip(ids, surfaces, strict=True):
        hit = hit_for(skill_id.replace(" ", "-"), text)
        mention = hit.mentions[0].model_copy(update={"text": surface})
        hits.append(hit.model_copy(update={"mentions": [mention]}))
    return result_of(text, {}, kind="job").model_copy(update={"skills": hits})


@settings(max_examples=400, deadline=None)
@given(resume_texts(), jobs(), st.sampled_from([0.8, 0.6, 0.9]))
def test_index_finds_what_the_plain_search_finds(text: str, job: MatchResult, cut: float) -> None:
    ids = [h.skill_id for h in job.skills]
    assert NearMissIndex(job).find(text, ids, score_cutoff=cut) == _plain(text, job, ids, cut)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=60), jobs())
def test_index_finds_what_the_plain_search_finds_in_any_text(text: str, job: MatchResult) -> None:
    ids = [h.skill_id for h in job.skills]
    assert NearMissIndex(job).find(text, ids) == _plain(text, job, ids, 0.8)


def test_a_phrase_of_trimmed_words_only_is_no_phrase() -> None:
    # "- -" trims to a blank (the search over every phrase once failed on it).
    job = result_of("Python", {"python": "required"}, kind="job")
    misses = NearMissIndex(job).find("- - Pyhton", ["python"])
    assert [(m.phrase, m.start) for m in misses] == [("Pyhton", 4)]
    assert misses == _plain("- - Pyhton", job, ["python"], 0.8)


@pytest.fixture(scope="module")
def real_jobs(matcher: SkillMatcher) -> list[MatchResult]:
    texts = [
        "Requirements: Python, PyTorch, Kubernetes, Docker, AWS or GCP; MLOps; SQL.\n"
        "Nice to have: Rust, Go, LangChain, RAG pipelines, prompt engineering.",
        "Senior Data Engineer. Airflow, Spark, Kafka, dbt, Snowflake, Terraform, CI/CD.",
    ]
    return [matcher.match(t, kind="job") for t in texts]


def test_index_finds_what_the_plain_search_finds_in_real_resumes(
    real_jobs: list[MatchResult],
) -> None:
    lines = (FIXTURES / "real_resumes_sample.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    found = 0
    for job in real_jobs:
        index = NearMissIndex(job)
        ids = [h.skill_id for h in job.skills]
        for text in texts:
            fast = index.find(text, ids)
            assert fast == _plain(text, job, ids, 0.8)
            found += len(fast)
    assert found > 0
