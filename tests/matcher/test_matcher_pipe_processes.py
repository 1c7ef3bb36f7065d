"""``SkillMatcher.pipe(n_process > 1)``: worker processes give exactly what ``match`` gives."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import pytest

from batch_inputs import resume_text
from skillmatch.matcher import SkillMatcher
from skillmatch.models import MatchResult

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_pipe_with_two_processes_equals_pipe(matcher: SkillMatcher) -> None:
    texts = [resume_text(i) for i in range(30)] + ["", "C# and C++ and .NET", "é" * 500]
    assert list(matcher.pipe(texts, n_process=2, batch_size=4)) == list(matcher.pipe(texts))
    pairs = [(t, {"row": i}) for i, t in enumerate(texts)]
    got = list(matcher.pipe(pairs, as_tuples=True, n_process=2, batch_size=5))
    assert [ctx for _, ctx in got] == [ctx for _, ctx in pairs]
    assert [r for r, _ in got] == [matcher.match(t) for t in texts]


def test_pipe_with_two_processes_gives_every_field_of_match_on_real_texts(
    matcher: SkillMatcher,
) -> None:
    # Workers send results as JSON (or pickled) bytes, rebuilt in this process: the results must
    # be match's in every field and nested model type (==), and even in which fields were set.
    texts = [p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "jobs").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "resumes").glob("*.txt"))]
    lines = (FIXTURES / "real_resumes_sample.jsonl").read_text(encoding="utf-8").splitlines()
    texts += [json.loads(line)["text"] for line in lines[:8]]
    texts.append("Python and Docker \udc80 for 5 years")  # a lone surrogate: not valid UTF-8
    as_of = date(2026, 11, 28)
    expected = [matcher.match(t, as_of=as_of) for t in texts]
    got = list(matcher.pipe(texts, n_process=2, batch_size=3, as_of=as_of))
    assert any(h.requirement == "required" for r in expected for h in r.skills)
    assert any(r.kind == "resume" and r.seniority.evidence for r in expected)
    assert got == expected
    for a, b in zip(got, expected, strict=True):
        assert type(a) is MatchResult
        assert a.model_dump(exclude_unset=True) == b.model_dump(exclude_unset=True)


def test_pipe_with_two_processes_sends_chunks_larger_than_a_pipe_while_results_flow(
    matcher: SkillMatcher,
) -> None:
    # Found hanging once: a chunk of 64 long texts was sent while the worker, still busy with
    # the last chunk, was blocked sending a result back that nobody read.
    texts = ["\n".join(resume_text(i + j) for j in range(400)) for i in range(160)]
    done: list[int] = []

    def run() -> None:
        done.append(sum(1 for _ in matcher.pipe(texts, n_process=2, batch_size=64)))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=240)
    assert done == [len(texts)]


def test_pipe_with_two_processes_raises_the_error_of_a_bad_item(matcher: SkillMatcher) -> None:
    with pytest.raises(TypeError, match="takes a str"):
        list(matcher.pipe(["Python", 42, "Spark"], n_process=2))  # type: ignore[list-item]
