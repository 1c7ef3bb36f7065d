"""``make demo``: the batch example ranks the sample résumés and writes every page it promises."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_batch_score_example_writes_ranking_summary_and_reports(tmp_path: Path) -> None:
    resumes = sorted((EXAMPLES / "resumes").glob("*.*"))
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / "batch_score.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    with (out / "ranked.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(Path(r["source"]).name for r in rows) == sorted(p.name for p in resumes)
    assert [r["rank"] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    assert {p.suffix for p in resumes} >= {".pdf", ".docx"}
    reports = sorted((out / "summary-reports").glob("*.html"))
    # One report per résumé, numbered in rank order, each linked from the summary page.
    assert [p.name.split("-", 1)[1] for p in reports] == [
        Path(r["source"]).stem + ".html" for r in rows
    ]
    summary = (out / "summary.html").read_text(encoding="utf-8")
    assert all(f'href="summary-reports/{p.name}"' in summary for p in reports)
    assert "<mark" in (out / "report.html").read_text(encoding="utf-8")
    first = Path(rows[0]["source"]).name
    assert first in proc.stdout.splitlines()[2]  # the ranking is printed, best first
