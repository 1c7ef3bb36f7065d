"""The hostile corpus: every attack of issue 19 made in code, plus seeded fuzzing, scored with
no hang, no lost or mixed rows and no hidden way to a higher score.

    .venv/bin/python bench/hostile.py [--timeout 10] [--workers 2] [--kills 3] [--fuzz 40]

Builds the corpus in a temporary folder (texts that were once quadratic, HTML and PDF attacks,
hidden text of every kind beside its honest twin, lone surrogates, names a CSV cell changes,
mutated PDF and DOCX files), then measures, in one run:

1. time and memory: each file is read and scored on worker processes (the batch runner's
   pool, with its memory cap); every file must finish or time out within the budget + 1 s,
   and no worker's peak RSS may exceed what it started with plus the cap;
2. durability: ``skillmatch score`` on the corpus is killed with SIGKILL ``--kills`` times
   mid-run and resumed; the output must hold one row per input, none twice;
3. hidden-text gains: each gamed file (text nobody sees, or the job posting pasted in) must
   score no higher than its honest twin, or be flagged.

Prints a table and writes ``bench/hostile-results.json``; exits 1 if any check fails.
"""

from __future__ import annotations

import argparse
import collections
import json
import logging
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))

from hostile_files import (
    CSS_HIDING,
    clipped,
    covered,
    docx_with,
    drawing_ops,
    off_page_box,
    raw_pdf,
    text_ops,
)
from skillmatch._runtime import ordered_map
from skillmatch.batch import Task, iter_tasks, read_rows, score_task
from skillmatch.batch.tasks import input_key
from skillmatch.limits import Limits
from skillmatch.matcher import SkillMatcher
from skillmatch.scoring import compare
from strategies import HOSTILE_UNITS, repeat_to

JOB = (
    "Senior ML Engineer. Requirements: 5+ years of experience with Python, PyTorch and "
    "Kubernetes on AWS. You will build retrieval augmented generation pipelines with LangChain "
    "and deploy models to production with MLflow and Docker."
)
HONEST = "Junior data analyst, Excel. Two years of reporting for a retail chain."
GAIN = "Python, PyTorch, Kubernetes, AWS, LangChain, MLflow and Docker; Staff engineer, 12 years"


def build(root: Path, fuzz: int, seed: int) -> tuple[Path, list[tuple[str, str]]]:
    """Write the corpus into ``root/corpus``; return it and the (honest, gamed) file pairs."""
    corpus = root / "corpus"
    corpus.mkdir()

    def put(name: str, data: str | bytes) -> str:
        path = corpus / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", errors="surrogatepass")
        return str(path)

    for i, unit in enumerate(HOSTILE_UNITS):
        put(f"text-{i:02d}.txt", repeat_to(unit, 200_000).replace("\ud800", "\ufffd"))
    put("html-div-span.html", "<div>" * 50_000 + "</span>" * 50_000)
    put("html-comments.html", "<p>Python</p>" + "<!--" * 100_000)
    put("html-deep-tables.html", "<table><tr>" + "<td><table><tr>" * 5_000 + "Python")
    put("pdf-drawing-ops.pdf", raw_pdf([drawing_ops(300_000)]))
    put("pdf-slow-pages.pdf", raw_pdf([drawing_ops(20_000) + text_ops(["Python"])] * 50))
    put("pdf-bomb.pdf", raw_pdf([text_ops(["Python"]) + b" " * 300_000_000]))
    put(
        "records.jsonl",
        "".join(
            json.dumps({"id": f"r{i}\ud800", "text": f"bad\ud800 Python {i}"}) + "\n"
            for i in range(20)
        ),
    )
    for name in ("=cmd.txt", "+1.txt", "-x.txt", "@y.txt", "line\nbreak.txt", "\x01=z.txt"):
        put(name, HONEST + " SQL.")
    pairs: list[tuple[str, str]] = []
    honest_pdf = put("honest.pdf", raw_pdf([text_ops([HONEST])]))
    for kind, page in (("clip", clipped([HONEST], [GAIN])), ("cover", covered([HONEST], [GAIN]))):
        pairs.append((honest_pdf, put(f"gamed-{kind}.pdf", raw_pdf([page]))))
    lie = {ord(c): " ".join(GAIN.split()[:3]) + " " for c in "Exc"}
    pairs.append(
        (honest_pdf, put("gamed-tounicode.pdf", raw_pdf([text_ops([HONEST])], to_unicode=lie)))
    )
    honest_html = put("honest.html", f"<p>{HONEST}</p>")
    for case, css in CSS_HIDING.items():
        sheet = f"<style>.h {{ {css} }}</style>"
        page = f"<html><head>{sheet}</head><body><p>{HONEST}</p><div class=h>{GAIN}</div>"
        pairs.append((honest_html, put(f"gamed-css-{case}.html", page)))
    honest_docx = str(docx_with(corpus / "honest.docx", HONEST, ""))
    box = off_page_box("anchor", GAIN, -9_000_000, 100_000)
    pairs.append((honest_docx, str(docx_with(corpus / "gamed-offpage.docx", HONEST, box))))
    honest_txt = put("honest.txt", HONEST)
    pairs.append((honest_txt, put("gamed-pasted-job.txt", HONEST + "\n" + JOB)))
    rng = random.Random(seed)
    seeds = [Path(honest_pdf).read_bytes(), Path(honest_docx).read_bytes()]
    for i in range(fuzz):
        data = bytearray(seeds[i % 2])
        for _ in range(rng.randint(1, 30)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        put(f"fuzz-{i:03d}.{'pdf' if i % 2 == 0 else 'docx'}", bytes(data))
    return corpus, pairs


class _Timed:
    """A worker's job: score one task, and say how long it took and the worker's peak RSS."""

    def __init__(self, matcher: SkillMatcher, job: Any, limits: Limits) -> None:
        self.matcher, self.job, self.limits = matcher, job, limits

    def __call__(self, task: Task) -> tuple[str, float, int, str | None]:
        start = time.monotonic()
        row = score_task(task, self.matcher, job=self.job, limits=self.limits)
        took = time.monotonic() - start
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return (task.source, took, peak_kb * 1024, row["error_type"])


def time_and_memory(corpus: Path, limits: Limits, workers: int) -> dict[str, Any]:
    matcher = SkillMatcher.default()
    job = matcher.match(JOB, kind="job")
    matcher.match(HONEST)  # word lists loaded before the workers fork, as a batch run does
    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    results: list[tuple[str, float, int, str | None]] = []

    def lost(task: Task, reason: str) -> Any:
        return (False, RuntimeError(reason))

    for task, (ok, value) in ordered_map(
        lambda inherit: _Timed(matcher, job, limits),
        iter_tasks([corpus]),
        n_process=workers,
        batch_size=1,
        lost=lost,
        hard_timeout=limits.max_seconds_per_file + 1,
        memory_limit=limits.max_worker_memory_bytes,
    ):
        if ok:
            results.append(value)
        else:
            results.append((task.source, limits.max_seconds_per_file + 1, 0, f"lost: {value}"))
    over = [(s, round(t, 2)) for s, t, _, _ in results if t > limits.max_seconds_per_file + 1]
    peak = max(rss for _, _, rss, _ in results)
    errors = collections.Counter(e or "scored" for _, _, _, e in results)
    return {
        "files": len(results),
        "slowest_seconds": round(max(t for _, t, _, _ in results), 2),
        "over_budget_plus_1s": over,
        "peak_worker_rss_mb": round(peak / 2**20),
        "rss_cap_mb": round((start_rss + limits.max_worker_memory_bytes) / 2**20),
        "rows_by_outcome": dict(errors),
    }


def durability(
    corpus: Path, root: Path, kills: int, workers: int, timeout: float
) -> dict[str, Any]:
    job = root / "job.txt"
    job.write_text(JOB, encoding="utf-8")
    out = root / "ranked.csv"
    exe = Path(sys.executable).with_name("skillmatch")
    base = [str(exe), "score", "--job", str(job), str(corpus), "--out", str(out), "--quiet"]
    base += ["--workers", str(workers), "--timeout", str(timeout), "--top", "0"]
    killed = 0
    last_exit = None
    last_errors: list[str] = []
    for k in range(kills + 1):
        args = base + (["--resume"] if k else [])
        last = k == kills
        proc = subprocess.Popen(
            args,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE if last else subprocess.DEVNULL,
            text=True,
        )
        if k < kills:
            time.sleep(6 + 4 * k)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
            proc.wait()
            time.sleep(1.5)  # the workers notice their parent is gone
        else:
            _, err = proc.communicate(timeout=1800)
            last_exit = proc.returncode
            last_errors = [line for line in err.splitlines() if "Error:" in line][-3:]
    expected = collections.Counter(input_key(t) for t in iter_tasks([corpus]))
    got = collections.Counter(row["input_key"] for row in read_rows(out))
    return {
        "last_exit_status": last_exit,  # 1: some inputs failed (error rows), as they should
        "last_run_errors": last_errors,
        "kills": killed,
        "inputs": sum(expected.values()),
        "rows": sum(got.values()),
        "lost": sum((expected - got).values()),
        "duplicated": sum((got - expected).values()),
    }


def hidden_gains(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    from skillmatch.readers import read_document

    matcher = SkillMatcher.default()
    job = matcher.match(JOB, kind="job")
    unflagged, flagged_gains, checked = [], [], 0
    for honest, gamed in pairs:
        base = compare(matcher.match_document(read_document(honest), kind="resume"), job)
        fit = compare(matcher.match_document(read_document(gamed), kind="resume"), job)
        checked += 1
        flags = {f.code for f in fit.flags}
        if fit.score > base.score:
            (flagged_gains if flags & {"hidden-text", "job-text-copied"} else unflagged).append(
                (Path(gamed).name, round(base.score, 3), round(fit.score, 3))
            )
        elif not flags & {"hidden-text", "job-text-copied"}:
            unflagged.append((Path(gamed).name, "not flagged", round(fit.score, 3)))
    return {"pairs": checked, "gains_or_unflagged": unflagged, "flagged_gains": flagged_gains}


def main() -> int:
    """Run the benchmark; exit 1 if any check fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--fuzz", type=int, default=40)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    for name in ("pypdf", "pdfminer"):  # damaged files are the point: their logs are noise
        logging.getLogger(name).setLevel(logging.CRITICAL)
    limits = Limits(max_seconds_per_file=args.timeout)
    with tempfile.TemporaryDirectory(prefix="skillmatch-hostile-") as tmp:
        root = Path(tmp)
        corpus, pairs = build(root, args.fuzz, args.seed)
        started = time.monotonic()
        report = {
            "timeout": args.timeout,
            "workers": args.workers,
            "time_and_memory": time_and_memory(corpus, limits, args.workers),
            "durability": durability(corpus, root, args.kills, args.workers, args.timeout),
            "hidden_text": hidden_gains(pairs),
        }
        report["seconds"] = round(time.monotonic() - started)
    tm, du, hi = report["time_and_memory"], report["durability"], report["hidden_text"]
    checks = {
        "every file within budget + 1 s": not tm["over_budget_plus_1s"],
        "peak worker RSS under the cap": tm["peak_worker_rss_mb"] <= tm["rss_cap_mb"],
        "no row lost or duplicated after kill -9 and resume": du["lost"] == du["duplicated"] == 0,
        "no unflagged hidden-text gain": not hi["gains_or_unflagged"],
    }
    report["checks"] = checks
    out = Path(__file__).with_name("hostile-results.json")
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{tm['files']} files, budget {args.timeout:g} s, {args.workers} workers:")
    print(
        f"  slowest file {tm['slowest_seconds']} s; over budget + 1 s: {tm['over_budget_plus_1s']}"
    )
    print(f"  peak worker RSS {tm['peak_worker_rss_mb']} MB (cap {tm['rss_cap_mb']} MB)")
    print(f"  outcomes: {tm['rows_by_outcome']}")
    print(
        f"  {du['kills']} kills (SIGKILL) and resumes: {du['rows']} rows for {du['inputs']} "
        f"inputs, {du['lost']} lost, {du['duplicated']} duplicated"
    )
    print(
        f"  {hi['pairs']} gamed files vs their honest twins: {len(hi['gains_or_unflagged'])} "
        f"unflagged or gaining {hi['gains_or_unflagged']}; flagged gains {hi['flagged_gains']}"
    )
    for name, ok in checks.items():
        print(f"  [{'ok' if ok else 'FAIL'}] {name}")
    print(f"wrote {out} in {report['seconds']} s")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
