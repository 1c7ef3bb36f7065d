"""Batch-score a folder of résumés against a job posting: ranked CSV, HTML summary, one report each.

Run from anywhere:  .venv/bin/python examples/batch_score.py [RESUME_DIR] [JOB]   (``make demo``)

Writes, under ``out/`` in the current directory:

* ``out/ranked.csv``: one flat row per résumé file (failed files included, as error rows), best
  fit first; ``pandas.read_csv("out/ranked.csv")`` loads it;
* ``out/summary.html``: the same ranking as a page, each name linking to its report;
* ``out/reports/<name>.html``: every résumé's evidence, coverage, level and fit;
* ``out/report.html``: the report of the example PDF résumé against the job.

The same as ``skillmatch score --job JOB RESUME_DIR --out out/ranked.csv --html out/summary.html``,
plus the per-résumé reports.
"""

from __future__ import annotations

import sys
from pathlib import Path

from skillmatch import SkillMatcher, compare, read_document
from skillmatch.batch import read_rows, run_batch, write_html_summary

HERE = Path(__file__).parent
RESUMES = HERE / "resumes"
JOB = HERE / "jobs" / "senior_ai_engineer_llm_platform.txt"
EXAMPLE = "diego_ramirez_mid.pdf"


def main(argv: list[str]) -> int:
    """Score, rank and report; return 0 when every file was scored, 1 otherwise."""
    resumes = Path(argv[0]) if argv else RESUMES
    job_path = Path(argv[1]) if len(argv) > 1 else JOB
    out = Path("out")
    out.mkdir(exist_ok=True)

    matcher = SkillMatcher.default()
    job = matcher.match_document(read_document(job_path), kind="job")
    summary = run_batch([resumes], out / "ranked.csv", matcher=matcher, job=job, n_process=1)

    # The ranking page, and one report per résumé linked from it.
    reports = write_html_summary(
        out / "ranked.csv", out / "summary.html", matcher=matcher, job=job, job_label=job_path.name
    )
    example = next((p for src, p in reports.items() if Path(src).name == EXAMPLE), None)
    if example is not None:
        (out / "report.html").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")

    print(f"Ranking of {resumes} against {job_path.name} (level sought: {job.seniority.level})")
    print(f"{'rank':>4} {'fit':>5}  {'level':<6} {'coverage':>8}  résumé  (missing required)")
    for row in read_rows(out / "ranked.csv"):
        if row["error_type"]:
            print(f"   -     -  {'':<6} {'':>8}  {row['source']}  {row['error_type']}")
            continue
        missing = f"  ({row['missing_required']})" if row["missing_required"] else ""
        print(
            f"{row['rank']:>4} {float(row['fit']):5.2f}  {row['level'] or '-':<6} "
            f"{float(row['coverage_overall']):8.0%}  {Path(row['source']).name}{missing}"
        )
    example_path = resumes / EXAMPLE
    if example_path.is_file():
        # The job's alternatives ("PyTorch or TensorFlow"): any one of them satisfies it.
        resume = matcher.match_document(read_document(example_path), kind="resume")
        fit = compare(resume, job)
        print(f"\n{EXAMPLE} ({resume.seniority.level}, {resume.seniority.reason})")
        for group in fit.groups:
            met = f"met by {group.satisfied_by}" if group.satisfied_by else "missing"
            print(f"  {' or '.join(group.skill_ids)} ({group.requirement}): {met}")
    print(
        f"\n{summary.rows} files, {summary.failed} failed, {summary.seconds:.1f} s. Wrote "
        f"{out / 'ranked.csv'}, {out / 'summary.html'}, {out / 'report.html'} and "
        f"{len(reports)} reports in {out / 'summary-reports'}/"
    )
    return 1 if summary.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
