"""Reference results: prove that a change leaves every result byte-identical (or show where not).

Runs the default matcher over the labelled sets, the real résumés, SkillSpan postings and the
synthetic speed corpus (full results, given kinds, exact-only mode, comparisons) and writes one
line per result: ``{"key": ..., "json": <model_dump_json()>}``.

Usage::

    python bench/reference.py --shared ../shared save /tmp/ref.jsonl    # before a change
    python bench/reference.py --shared ../shared check /tmp/ref.jsonl   # after it

``check`` prints how many results differ, by set, and the first differing keys with the fields
that changed; it exits 1 when any result differs. Records without a date are matched ``as_of``
a fixed day, so a reference stays valid from one day to the next.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from skillmatch import SkillMatcher, compare
from skillmatch.models import MatchResult

AS_OF = dt.date(2026, 12, 1)
SKILLSPAN_SENTENCES_PER_DOC = 25


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _skillspan_docs(path: Path) -> list[str]:
    """Sentences of a CoNLL file, tokens joined by spaces, grouped into pseudo-postings."""
    sentences: list[str] = []
    tokens: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tokens:
                sentences.append(" ".join(tokens))
                tokens = []
            continue
        tokens.append(line.split("\t")[0])
    if tokens:
        sentences.append(" ".join(tokens))
    n = SKILLSPAN_SENTENCES_PER_DOC
    return ["\n".join(sentences[i : i + n]) for i in range(0, len(sentences), n)]


def _as_of(record: dict[str, Any]) -> dt.date:
    value = record.get("as_of")
    return dt.date.fromisoformat(value) if value else AS_OF


def results(shared: Path) -> Iterator[tuple[str, str]]:
    """Yield ``(key, result JSON)`` for every reference case, in a fixed order."""
    matcher = SkillMatcher.default()
    exact_only = SkillMatcher.default(fuzzy=False)
    dev = _jsonl(shared / "eval" / "dev.jsonl")
    real = _jsonl(shared / "eval" / "real-dev.jsonl")
    resumes = _jsonl(shared / "corpora" / "dotin-resumes" / "train.jsonl")
    synthetic = _jsonl(shared / "bench" / "synthetic-resumes-1000.jsonl")
    jobs: list[MatchResult] = []
    for name, records in (("dev", dev), ("real-dev", real)):
        for r in records:
            result = matcher.match(r["text"], as_of=_as_of(r))
            yield f"{name}/{r['id']}", result.model_dump_json()
            given = matcher.match(r["text"], as_of=_as_of(r), kind=r["kind"])
            yield f"{name}-kind/{r['id']}", given.model_dump_json()
            if r["kind"] == "job" and len(jobs) < 6:
                jobs.append(given)
    for r in real:
        result = exact_only.match(r["text"], as_of=_as_of(r))
        yield f"exact-only/{r['id']}", result.model_dump_json()
    resume_results: list[MatchResult] = []
    for r in resumes:
        result = matcher.match(r["text"], as_of=AS_OF)
        if len(resume_results) < 40:
            resume_results.append(result)
        yield f"dotin/{r['id']}", result.model_dump_json()
    for path in sorted((shared / "corpora" / "skillspan").glob("*.conll")):
        for k, text in enumerate(_skillspan_docs(path)):
            result = matcher.match(text, as_of=AS_OF, kind="job")
            yield f"skillspan/{path.stem}/{k}", result.model_dump_json()
    for r in synthetic[:300]:
        yield f"synthetic/{r['id']}", matcher.match(r["text"], as_of=AS_OF).model_dump_json()
    for i, resume in enumerate(resume_results):
        for j, job in enumerate(jobs):
            yield f"compare/{i}-{j}", compare(resume, job).model_dump_json()


def _save(shared: Path, out: Path) -> int:
    digest = hashlib.md5()
    count = 0
    with out.open("w", encoding="utf-8") as f:
        for key, payload in results(shared):
            f.write(json.dumps({"key": key, "json": payload}, ensure_ascii=False) + "\n")
            digest.update(payload.encode("utf-8", "surrogatepass"))
            count += 1
    print(f"{count} results written to {out}; md5 {digest.hexdigest()}")
    return 0


def _changed_fields(old: str, new: str) -> list[str]:
    a, b = json.loads(old), json.loads(new)
    if not isinstance(a, dict) or not isinstance(b, dict):
        return ["<whole>"]
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def _check(shared: Path, ref: Path) -> int:
    expected = {row["key"]: row["json"] for row in _jsonl(ref)}
    seen: set[str] = set()
    differ: Counter[str] = Counter()
    total: Counter[str] = Counter()
    shown = 0
    for key, payload in results(shared):
        group = key.split("/")[0]
        total[group] += 1
        seen.add(key)
        if expected.get(key) == payload:
            continue
        differ[group] += 1
        if shown < 20:
            old = expected.get(key)
            fields = _changed_fields(old, payload) if old is not None else ["<new>"]
            print(f"differs: {key}: {', '.join(fields)}")
            shown += 1
    missing = sorted(set(expected) - seen)
    for group in sorted(total):
        print(f"{group:12s} {total[group] - differ[group]:5d} / {total[group]:5d} identical")
    if missing:
        print(f"{len(missing)} reference results no longer produced, e.g. {missing[:3]}")
    identical = not differ and not missing
    print("all identical" if identical else "results differ")
    return 0 if identical else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    if not (args.shared / "eval" / "dev.jsonl").exists():
        parser.error(f"{args.shared}: not the shared folder (no eval/dev.jsonl in it)")
    if args.action == "save":
        return _save(args.shared, args.file)
    return _check(args.shared, args.file)


if __name__ == "__main__":
    sys.exit(main())
