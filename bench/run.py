"""Benchmark skillmatch against spaCy's tokenizer, flashtext and spaczz in one process, one run.

Usage: ``python bench/run.py --shared ../shared`` (``make bench``). Writes ``bench/results.json``
and prints a table. Every throughput is also given as a ratio to spaCy's default
``spacy.blank("en")`` tokenizer on the same corpus, since ratios carry across machines and
absolute times do not. Each method gets a short warm-up (its caches fill) and is then timed on
one pass over the whole corpus, except spaczz, which is timed on a small sample and extrapolated;
"warm" figures time a second pass, when every cache holds the corpus. Single-process figures are
CPU time of this process (``time.process_time``), so other work on a shared machine disturbs them
less; worker and start-up figures are wall time, and worker ratios the median of three runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import spacy

from skillmatch.batch import Task, iter_rows, iter_tasks
from skillmatch.matcher import SkillMatcher
from skillmatch.models import MatchResult
from skillmatch.readers import Document, read_document
from skillmatch.taxonomy import Taxonomy
from skillmatch.text import blank_pipeline, table_tokenizer

HERE = Path(__file__).resolve().parent
SYNTHETIC = "bench/synthetic-resumes-1000.jsonl"
REAL = "corpora/dotin-resumes/train.jsonl"
WARMUP = 20
LARGE_SKILLS = 30_000

JOB = HERE.parent / "examples" / "jobs" / "senior_ai_engineer_llm_platform.txt"
FIRST_PASS_DOCS = 300
WORKER_RUNS = 3

TARGETS = {  # issue 18: speed where users wait
    "score_vs_match_synthetic": 0.85,
    "score_vs_match_real": 0.85,
    "workers2_vs_workers1_score": 1.8,
    "pipe2_vs_pipe1": 1.6,
    "cold_import_default_match_seconds": 1.5,
    "first_pass_vs_cold_blank": 1.2,
    "match_vs_blank_warm": 2.0,
    "skills_only_vs_blank_warm": 3.5,
    "peak_rss_mb": 300.0,
    "large_build_seconds": 5.0,
    "large_vs_default_throughput": 0.5,
}


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _words(texts: Sequence[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _time_pass(
    fn: Callable[[Sequence[str]], object], texts: Sequence[str], *, warm: bool = False
) -> float:
    """Warm ``fn`` up on a few texts (``warm``: on all of them), then return the CPU seconds of
    one pass over ``texts``."""
    fn(texts if warm else texts[:WARMUP])
    gc.collect()
    start = time.process_time()
    fn(texts)
    return time.process_time() - start


def _median_rate(runs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The run of median speed."""
    return dict(sorted(runs, key=lambda r: r["docs_per_s"])[len(runs) // 2])


def _rate(seconds: float, docs: int, words: int, **extra: Any) -> dict[str, Any]:
    return {
        "seconds": round(seconds, 4),
        "docs": docs,
        "docs_per_s": round(docs / seconds, 2),
        "words_per_s": round(words / seconds, 1),
        **extra,
    }


# ----------------------------------------------------------------------------------- methods


def _blank(texts: Sequence[str]) -> None:
    for _ in _BLANK.tokenizer.pipe(texts):
        pass


def _chunked(texts: Sequence[str]) -> None:
    for text in texts:
        _CHUNKED(text)


_BLANK = spacy.blank("en")
_CHUNKED = table_tokenizer(blank_pipeline())


def _flashtext_fn(taxonomy: Taxonomy) -> Callable[[Sequence[str]], object] | str:
    try:
        from flashtext import KeywordProcessor
    except ImportError as exc:  # pragma: no cover - depends on the bench extra
        return f"flashtext is not installed: {exc}"
    kp = KeywordProcessor(case_sensitive=False)
    for skill in taxonomy.skills:
        for alias in skill.aliases:
            kp.add_keyword(alias.text, skill.id)

    def run(texts: Sequence[str]) -> None:
        for t in texts:
            kp.extract_keywords(t, span_info=True)

    return run


def _spaczz_fn(taxonomy: Taxonomy) -> Callable[[Sequence[str]], object] | str:
    try:
        from spaczz.matcher import FuzzyMatcher
    except Exception as exc:  # spaczz may not import with a newer spaCy
        return f"spaczz cannot be imported: {type(exc).__name__}: {exc}"
    nlp = spacy.blank("en")
    matcher = FuzzyMatcher(nlp.vocab)
    for skill in taxonomy.skills:
        matcher.add(skill.id, [nlp.make_doc(a.text) for a in skill.aliases])

    def run(texts: Sequence[str]) -> None:
        for doc in nlp.tokenizer.pipe(texts):
            matcher(doc)

    return run


def _large_taxonomy(n_skills: int = LARGE_SKILLS, seed: int = 0) -> Taxonomy:
    """Generate ``n_skills`` made-up skills with 2 aliases each (Lightcast-sized), in memory."""
    rng = random.Random(seed)
    onsets = ["b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "qu"]
    vowels = ["a", "e", "i", "o", "u", "ai", "ou"]
    codas = ["", "n", "r", "x", "s", "l", "th", "ck"]
    suffixes = ["DB", "ML", "Ops", "Flow", "Kit", "Studio", "Cloud", "Lang", "Hub", "Stack"]

    def word() -> str:
        return "".join(
            rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
            for _ in range(rng.randint(2, 3))
        )

    seen: set[str] = set()
    skills = []
    categories = [{"id": f"cat-{k}", "name": f"Category {k}"} for k in range(20)]
    while len(skills) < n_skills:
        first, second = word(), word()
        name = f"{first.capitalize()} {second.capitalize()}"
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        alias = f"{first.capitalize()}{rng.choice(suffixes)}"
        if alias.lower() in seen:
            alias = f"{alias}{len(skills)}"
        seen.add(alias.lower())
        k = len(skills)
        skills.append(
            {
                "id": f"gen-{k:05d}",
                "name": name,
                "categories": [f"cat-{k % 20}"],
                "aliases": [{"text": name}, {"text": alias}],
            }
        )
    return Taxonomy.from_dict(
        {"name": "generated", "categories": categories, "skills": skills}, source="<generated>"
    )


# ------------------------------------------------------------------------------ subprocesses

_IMPORT_CODE = """
import json, time
t0 = time.perf_counter()
from skillmatch import SkillMatcher
t1 = time.perf_counter()
SkillMatcher.default()
t2 = time.perf_counter()
print(json.dumps({"import_seconds": t1 - t0, "load_seconds": t2 - t1}))
"""

_COLD_CODE = """
import json, sys, time
t0 = time.perf_counter()
import skillmatch
from skillmatch import SkillMatcher
matcher = SkillMatcher.default()
matcher.match(open(sys.argv[1], encoding="utf-8").read())
print(json.dumps({"seconds": time.perf_counter() - t0}))
"""

_FIRST_PASS_CODE = """
import json, sys, time
path, n = sys.argv[1], int(sys.argv[2])
with open(path, encoding="utf-8") as f:
    texts = [json.loads(line)["text"] for line in f if line.strip()][:n]
import spacy
from skillmatch import SkillMatcher
nlp = spacy.blank("en")
start = time.process_time()
for _ in nlp.tokenizer.pipe(texts):
    pass
blank = time.process_time() - start
matcher = SkillMatcher.default()
start = time.process_time()
for text in texts:
    matcher.match(text)
first = time.process_time() - start
print(json.dumps({"docs": len(texts), "blank_seconds": blank, "match_seconds": first}))
"""

_MEMORY_CODE = """
import json, resource, sys
from skillmatch.matcher import SkillMatcher
path, n_process = sys.argv[1], int(sys.argv[2])
def texts():
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)["text"]
matcher = SkillMatcher.default()
n = sum(1 for _ in matcher.pipe(texts(), n_process=n_process))
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
hwm = None
try:  # Linux: this process's own high-water mark (getrusage also counts the parent at fork)
    with open("/proc/self/status") as f:
        hwm = next(int(l.split()[1]) / 1024 for l in f if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
print(json.dumps({"docs": n, "peak_rss_mb": own, "vm_hwm_mb": hwm, "peak_rss_worker_mb": kids}))
"""


def _subprocess_json(code: str, *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------- recall


def _skill_lookup(taxonomy: Taxonomy) -> dict[str, str]:
    """Map a lowercased skill name or alias to our skill id (first one wins)."""
    names: dict[str, str] = {}
    for skill in taxonomy.skills:
        for text in [skill.name, *(a.text for a in skill.aliases)]:
            names.setdefault(text.lower(), skill.id)
    return names


def _typo_recall(
    records: Sequence[dict[str, Any]], results: Sequence[MatchResult], taxonomy: Taxonomy
) -> dict[str, Any]:
    """Share of misspelt mentions (skills our taxonomy has) that a mention of the skill covers."""
    lookup = _skill_lookup(taxonomy)
    total = found = 0
    by_kind: dict[str, list[int]] = {}
    for record, result in zip(records, results, strict=True):
        text = record["text"]
        spans = [(m.skill_id, m.start, m.end) for h in result.skills for m in h.mentions]
        spans += [(m.skill_id, m.start, m.end) for m in result.excluded]
        for mention in record["mentions"]:
            skill_id = lookup.get(mention["skill"].lower())
            if not mention["typo"] or skill_id is None:
                continue
            occurrences = _occurrences(text, mention["surface"])
            hit = any(
                sid == skill_id and s < oe and os_ < e
                for sid, s, e in spans
                for os_, oe in occurrences
            )
            total += 1
            found += hit
            counts = by_kind.setdefault(mention["typo"], [0, 0])
            counts[0] += hit
            counts[1] += 1
    return {
        "misspelt_mentions": total,
        "recalled": found,
        "recall": round(found / total, 4) if total else None,
        "by_typo": {k: {"recalled": v[0], "total": v[1]} for k, v in sorted(by_kind.items())},
    }


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    out = []
    pos = text.find(surface)
    while pos >= 0:
        out.append((pos, pos + len(surface)))
        pos = text.find(surface, pos + 1)
    return out


# ------------------------------------------------------------------------------------ main


def _tasks(texts: Sequence[str]) -> list[Task]:
    """Batch tasks of texts already read (as records of a .jsonl file are)."""
    return [
        Task(source=f"doc {i}", document=Document(text=t, source=f"doc {i}", id=str(i)))
        for i, t in enumerate(texts)
    ]


def _corpus_runs(
    name: str,
    texts: list[str],
    matcher: SkillMatcher,
    job: MatchResult,
    exact: SkillMatcher,
    flash: Callable[[Sequence[str]], object] | str,
    spaczz_fn: Callable[[Sequence[str]], object] | str,
    spaczz_sample: int,
) -> dict[str, Any]:
    words = _words(texts)
    runs: dict[str, Any] = {"docs": len(texts), "words": words}
    log(f"[{name}] spaCy blank tokenizer")
    runs["spacy_blank_tokenizer"] = _rate(_time_pass(_blank, texts), len(texts), words)
    log(f"[{name}] skillmatch chunk tokenizer")
    runs["skillmatch_chunk_tokenizer"] = _rate(_time_pass(_chunked, texts), len(texts), words)
    log(f"[{name}] SkillMatcher.match")
    runs["skillmatch_match"] = _rate(
        _time_pass(lambda ts: [matcher.match(t) for t in ts], texts), len(texts), words
    )
    log(f"[{name}] warm passes: blank tokenizer, match, find_skills")
    runs["spacy_blank_tokenizer_warm"] = _rate(
        _time_pass(_blank, texts, warm=True), len(texts), words
    )
    runs["skillmatch_match_warm"] = _rate(
        _time_pass(lambda ts: [matcher.match(t) for t in ts], texts, warm=True), len(texts), words
    )
    runs["skillmatch_find_skills_warm"] = _rate(
        _time_pass(lambda ts: [matcher.find_skills(t) for t in ts], texts, warm=True),
        len(texts),
        words,
    )
    log(f"[{name}] batch rows in-process, warm: match, score --job (CSV and JSONL rows)")
    tasks = _tasks(texts)
    for key, kwargs in (
        ("rows_match", {}),
        ("rows_score", {"job": job}),
        ("rows_score_jsonl", {"job": job, "details": True}),
    ):
        runs[key] = _rate(
            _time_pass(lambda ts, kw=kwargs: list(iter_rows(ts, matcher, **kw)), tasks, warm=True),
            len(texts),
            words,
        )
    log(f"[{name}] SkillMatcher exact only")
    runs["skillmatch_match_exact_only"] = _rate(
        _time_pass(lambda ts: [exact.match(t) for t in ts], texts), len(texts), words
    )
    if isinstance(flash, str):
        runs["flashtext"] = {"unavailable": flash}
    else:
        log(f"[{name}] flashtext")
        runs["flashtext"] = _rate(_time_pass(flash, texts), len(texts), words)
    if isinstance(spaczz_fn, str):
        runs["spaczz_fuzzy_matcher"] = {"unavailable": spaczz_fn}
    else:
        sample = texts[:spaczz_sample]
        log(f"[{name}] spaczz on {len(sample)} documents")
        start = time.perf_counter()
        spaczz_fn(sample)
        seconds = time.perf_counter() - start
        runs["spaczz_fuzzy_matcher"] = _rate(
            seconds, len(sample), _words(sample), extrapolated_from_sample=True
        )
    blank = runs["spacy_blank_tokenizer"]["docs_per_s"]
    blank_warm = runs["spacy_blank_tokenizer_warm"]["docs_per_s"]
    for key, value in runs.items():
        if isinstance(value, dict) and "docs_per_s" in value:
            warm = key.endswith("_warm") or key.startswith("rows_")
            reference = blank_warm if warm else blank
            value["x_blank"] = round(value["docs_per_s"] / reference, 4)
    runs["score_x_match"] = round(
        runs["rows_score"]["docs_per_s"] / runs["rows_match"]["docs_per_s"], 4
    )
    return runs


def log(message: str) -> None:
    """Report progress on stderr (the table goes to stdout)."""
    print(message, file=sys.stderr, flush=True)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N documents")
    parser.add_argument("--spaczz-sample", type=int, default=5)
    args = parser.parse_args(list(argv) if argv is not None else None)

    synthetic_records = _read_jsonl(args.shared / SYNTHETIC)
    real_records = _read_jsonl(args.shared / REAL)
    if args.limit:
        synthetic_records = synthetic_records[: args.limit]
        real_records = real_records[: args.limit]
    synthetic = [r["text"] for r in synthetic_records]
    real = [r["text"] for r in real_records]

    results: dict[str, Any] = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": {
            "cores": os.cpu_count(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
        },
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "targets": TARGETS,
    }

    # Subprocesses first: on Linux a child's getrusage high-water mark includes its parent's
    # resident memory at fork time, so they run while this process is still small.
    log("import + default load (fresh interpreter)")
    results["import_and_load"] = _subprocess_json(_IMPORT_CODE)
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "resume.txt"
        one.write_text(synthetic[0], encoding="utf-8")
        log("import skillmatch; SkillMatcher.default().match(one résumé) (fresh interpreter)")
        cold = [_subprocess_json(_COLD_CODE, str(one))["seconds"] for _ in range(WORKER_RUNS)]
    results["cold_start"] = {
        "runs": [round(c, 3) for c in cold],
        "seconds": round(statistics.median(cold), 3),
    }
    log(f"first pass over {FIRST_PASS_DOCS} real résumés vs the cold blank tokenizer")
    first = _subprocess_json(_FIRST_PASS_CODE, str(args.shared / REAL), str(FIRST_PASS_DOCS))
    first["x_cold_blank"] = round(first["blank_seconds"] / first["match_seconds"], 4)
    results["first_pass"] = first
    log("peak memory of a batch run (fresh interpreter)")
    results["memory"] = _subprocess_json(_MEMORY_CODE, str(args.shared / SYNTHETIC), "1")

    matcher = SkillMatcher.default()
    job = matcher.match_document(read_document(JOB), kind="job")
    exact = SkillMatcher.default(fuzzy=False)
    flash = _flashtext_fn(matcher.taxonomy)
    spaczz_fn = _spaczz_fn(matcher.taxonomy)
    results["corpora"] = {
        "synthetic": _corpus_runs(
            "synthetic", synthetic, matcher, job, exact, flash, spaczz_fn, args.spaczz_sample
        ),
        "real": _corpus_runs(
            "real", real, matcher, job, exact, flash, spaczz_fn, args.spaczz_sample
        ),
    }

    log("fuzzy recall on misspelt mentions")
    results["typo_recall"] = _typo_recall(
        synthetic_records, [matcher.match(t) for t in synthetic], matcher.taxonomy
    )

    log(f"large taxonomy: {LARGE_SKILLS} generated skills")
    start = time.perf_counter()
    large_tax = _large_taxonomy()
    tax_seconds = time.perf_counter() - start
    start = time.perf_counter()
    large = SkillMatcher.from_taxonomy(large_tax)
    index_seconds = time.perf_counter() - start
    words = _words(synthetic)
    large_rate = _rate(
        _time_pass(lambda ts: [large.match(t) for t in ts], synthetic), len(synthetic), words
    )
    default_rate = results["corpora"]["synthetic"]["skillmatch_match"]["docs_per_s"]
    results["large_taxonomy"] = {
        "skills": len(large_tax.skills),
        "aliases": sum(len(s.aliases) for s in large_tax.skills),
        "taxonomy_seconds": round(tax_seconds, 3),
        "index_seconds": round(index_seconds, 3),
        "build_seconds": round(tax_seconds + index_seconds, 3),
        "match": large_rate,
        "x_default_match": round(large_rate["docs_per_s"] / default_rate, 4),
    }
    gc.collect()

    log("batch: score --job on 1 and 2 worker processes, and SkillMatcher.pipe (3 runs each)")
    batch: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "synthetic.jsonl"  # the documents used (--limit)
        corpus.write_text(
            "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(synthetic)),
            encoding="utf-8",
        )
        for run in range(WORKER_RUNS):
            for n in (1, 2):
                start = time.perf_counter()
                rows = iter_rows(iter_tasks([corpus]), matcher, job=job, n_process=n)
                count = sum(1 for _ in rows)
                seconds = time.perf_counter() - start
                batch.setdefault(f"workers_{n}", []).append(_rate(seconds, count, words))
                start = time.perf_counter()
                count = sum(1 for _ in matcher.pipe(synthetic, n_process=n))
                seconds = time.perf_counter() - start
                batch.setdefault(f"pipe_{n}", []).append(_rate(seconds, count, words))
            log(f"  run {run + 1} of {WORKER_RUNS}")
    for key in [k for k in batch if isinstance(batch[k], list)]:
        batch[key] = {"runs": batch[key], **_median_rate(batch[key])}
    for prefix, key in (("workers", "x_one_worker"), ("pipe", "pipe_x_one_worker")):
        two, one = batch[f"{prefix}_2"], batch[f"{prefix}_1"]
        batch[key] = round(two["docs_per_s"] / one["docs_per_s"], 4)
    results["batch"] = batch

    results["checks"] = _checks(results)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(render_table(results))
    return 0


def _checks(r: dict[str, Any]) -> dict[str, dict[str, Any]]:
    syn, real = r["corpora"]["synthetic"], r["corpora"]["real"]
    values: dict[str, tuple[float | None, bool]] = {
        "score_vs_match_synthetic": (syn["score_x_match"], True),
        "score_vs_match_real": (real["score_x_match"], True),
        "workers2_vs_workers1_score": (r["batch"]["x_one_worker"], True),
        "pipe2_vs_pipe1": (r["batch"]["pipe_x_one_worker"], True),
        "cold_import_default_match_seconds": (r["cold_start"]["seconds"], False),
        "first_pass_vs_cold_blank": (r["first_pass"]["x_cold_blank"], True),
        "match_vs_blank_warm": (syn["skillmatch_match_warm"]["x_blank"], True),
        "skills_only_vs_blank_warm": (syn["skillmatch_find_skills_warm"]["x_blank"], True),
        "peak_rss_mb": (r["memory"]["peak_rss_mb"], False),
        "large_build_seconds": (r["large_taxonomy"]["build_seconds"], False),
        "large_vs_default_throughput": (r["large_taxonomy"]["x_default_match"], True),
    }
    out = {}
    for key, (value, higher_is_better) in values.items():
        target = TARGETS[key]
        met = None if value is None else (value >= target if higher_is_better else value <= target)
        out[key] = {
            "value": None if value is None else round(value, 4),
            "target": target,
            "met": met,
        }
    return out


def render_table(r: dict[str, Any]) -> str:
    """Format the results as the Markdown table the README shows."""
    lines = [
        f"Measured {r['date']} on {r['machine']['cores']} cores ({r['machine']['platform']}), "
        f"Python {r['python']}, spaCy {r['spacy']}; one process unless said otherwise.",
        "",
        "| method | synthetic docs/s | words/s | x blank | real docs/s | words/s | x blank |",
        "|---|---|---|---|---|---|---|",
    ]
    labels = {
        "spacy_blank_tokenizer": '`spacy.blank("en")` tokenizer (reference)',
        "skillmatch_chunk_tokenizer": "skillmatch chunk tokenizer (same tokens, a token table)",
        "skillmatch_match": "`SkillMatcher.match` end to end",
        "skillmatch_match_exact_only": "`SkillMatcher.match`, exact only (`fuzzy=False`)",
        "spacy_blank_tokenizer_warm": '`spacy.blank("en")` tokenizer, warm (second pass)',
        "skillmatch_match_warm": "`SkillMatcher.match`, warm",
        "skillmatch_find_skills_warm": "`SkillMatcher.find_skills` (skills only), warm",
        "rows_match": "batch rows in-process, `match` (CSV rows), warm",
        "rows_score": "batch rows in-process, `score --job` (CSV rows), warm",
        "rows_score_jsonl": "batch rows, `score --job` (JSONL rows, near misses), warm",
        "flashtext": "flashtext, same aliases (exact only)",
        "spaczz_fuzzy_matcher": "spaczz FuzzyMatcher, same aliases (sample, extrapolated)",
    }
    syn, real = r["corpora"]["synthetic"], r["corpora"]["real"]
    for key, label in labels.items():
        cells = []
        for run in (syn[key], real[key]):
            if "docs_per_s" in run:
                cells += [f"{run['docs_per_s']:,.1f}", f"{run['words_per_s']:,.0f}"]
                cells.append(f"{run['x_blank']:.3g}")
            else:
                cells += ["unavailable", "", ""]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    b, lt = r["batch"], r["large_taxonomy"]
    batch_rows = [
        (f"workers_{n}", f"`score --job`, {n} worker process{'es' if n > 1 else ''} (wall)")
        for n in (1, 2)
    ] + [(f"pipe_{n}", f"`pipe(n_process={n})` (full results, wall)") for n in (1, 2)]
    for key, label in batch_rows:
        run = b[key]
        x = run["docs_per_s"] / syn["spacy_blank_tokenizer"]["docs_per_s"]
        lines.append(
            f"| {label} | {run['docs_per_s']:,.1f} | {run['words_per_s']:,.0f} | {x:.3g} | | | |"
        )
    run = lt["match"]
    x = run["docs_per_s"] / syn["spacy_blank_tokenizer"]["docs_per_s"]
    lines.append(
        f"| `match` with {lt['skills']:,} generated skills | {run['docs_per_s']:,.1f} | "
        f"{run['words_per_s']:,.0f} | {x:.3g} | | | |"
    )
    load = r["import_and_load"]
    tr = r["typo_recall"]
    fp = r["first_pass"]
    lines += [
        "",
        f"- `score --job` vs `match`, batch rows in one process: {syn['score_x_match']:.2f}x "
        f"(synthetic), {real['score_x_match']:.2f}x (real résumés)",
        f"- 2 workers vs 1 (median of {WORKER_RUNS}): {b['x_one_worker']:.2f}x for "
        f"`score --job`, {b['pipe_x_one_worker']:.2f}x for `pipe` sending full results back",
        f"- fresh interpreter: `import skillmatch; SkillMatcher.default().match(one résumé)` "
        f"{r['cold_start']['seconds']:.2f} s (median of {WORKER_RUNS})",
        f"- first pass over {fp['docs']} real résumés in a fresh interpreter: "
        f"{fp['x_cold_blank']:.2f}x the cold blank tokenizer",
        f"- {lt['skills']:,}-skill taxonomy: built in {lt['build_seconds']:.2f} s "
        f"(taxonomy {lt['taxonomy_seconds']:.2f} s + index {lt['index_seconds']:.2f} s), "
        f"{lt['x_default_match']:.2f}x the default taxonomy's throughput",
        f"- import {load['import_seconds']:.2f} s + `SkillMatcher.default()` "
        f"{load['load_seconds']:.2f} s in a fresh interpreter",
        f"- peak memory (RSS high-water mark) of a batch run: {r['memory']['peak_rss_mb']:.0f} MB",
        f"- fuzzy recall on misspelt mentions of skills our taxonomy has: "
        f"{tr['recalled']}/{tr['misspelt_mentions']} = {tr['recall']}",
        "",
        "| target | value | wanted | met |",
        "|---|---|---|---|",
    ]
    for key, check in r["checks"].items():
        value = "n/a" if check["value"] is None else f"{check['value']:,.3g}"
        lines.append(f"| {key} | {value} | {check['target']:g} | {check['met']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
