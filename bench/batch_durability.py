"""Durability and speed of batch scoring: N generated résumés, 1% corrupt, no row may be lost.

    .venv/bin/python bench/batch_durability.py [--files 10000] [--workers 1 2]

Generates the files in a temporary folder (plain-text résumés whose skills vary, and every
hundredth file a corrupt PDF), scores them against a job with ``run_batch`` once per worker
count, and checks that the output holds exactly one row per file, the corrupt ones as error
rows. Prints files/s for each run.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

from skillmatch.batch import run_batch
from skillmatch.matcher import SkillMatcher

JOB = (
    "Senior ML Engineer. We are looking for 5+ years of experience. Requirements: Python, "
    "PyTorch, Kubernetes and AWS. Nice to have: Spark, LangChain. You will deploy models."
)
WORDS = ["Python", "PyTorch", "Kubernetes", "AWS", "Docker", "Spark", "SQL", "LangChain", "MLflow"]


def make_files(folder: Path, n: int) -> int:
    """Write ``n`` files into ``folder``; return how many are corrupt."""
    corrupt = 0
    for i in range(n):
        if i % 100 == 99:
            (folder / f"cv{i:06d}.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
            corrupt += 1
            continue
        skills = ", ".join(w for j, w in enumerate(WORDS) if (i * 7919 >> j) & 1) or "Excel"
        text = (
            f"Candidate {i}\nExperience\nML Engineer, Acme ({2024 - i % 12} - 2024)\n"
            f"Built and deployed models with {skills}.\nEducation\nBSc Computer Science\n"
        )
        (folder / f"cv{i:06d}.txt").write_text(text, encoding="utf-8")
    return corrupt


def main() -> int:
    """Run the benchmark; exit 1 if any row is lost, duplicated or wrong."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    matcher = SkillMatcher.default()
    job = matcher.match(JOB, kind="job", id="job")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cvs"
        folder.mkdir()
        corrupt = make_files(folder, args.files)
        names = {p.name for p in folder.iterdir()}
        for workers in args.workers:
            out = Path(tmp) / f"ranked-{workers}.csv"
            started = time.perf_counter()
            summary = run_batch([folder], out, matcher=matcher, job=job, n_process=workers)
            seconds = time.perf_counter() - started
            with out.open(newline="", encoding="utf-8") as fh:
                rows = list(csv.DictReader(fh))
            sources = [Path(r["source"]).name for r in rows]
            errors = sum(bool(r["error_type"]) for r in rows)
            good = len(rows) == len(set(sources)) == args.files and set(sources) == names
            good = good and errors == corrupt == summary.failed
            ok = ok and good
            print(
                f"workers={workers}: {len(rows)} rows for {args.files} files, {errors} error rows "
                f"({corrupt} corrupt), {seconds:.1f} s, {args.files / seconds:.0f} files/s "
                f"-> {'OK' if good else 'ROWS LOST OR WRONG'}"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
