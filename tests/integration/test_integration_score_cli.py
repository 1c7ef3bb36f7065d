"""The real ``skillmatch score`` / ``match --out`` commands, run as subprocesses."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest

from commands import run
from conftest import build_docx, build_pdf

JOB = (
    "Senior ML Engineer. We are looking for 5+ years of experience. Requirements: Python, "
    "PyTorch, Kubernetes and AWS. Nice to have: Spark. You will deploy models to production."
)


@pytest.fixture(scope="module")
def job_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("job") / "job.txt"
    path.write_text(JOB, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """PDFs, DOCX, TXT, an encrypted PDF, a corrupt PDF, an empty file and a binary file."""
    from pypdf import PdfReader, PdfWriter

    d = tmp_path_factory.mktemp("mixed")
    build_pdf(d / "a-senior.pdf", ["Jane Roe", "6 years of Python, PyTorch, Kubernetes, AWS."])
    build_pdf(d / "b-junior.pdf", ["John Doe", "Intern. Excel and some SQL."])
    build_docx(d / "c-mid.docx", ["Ana Li", "3 years of Python and Spark; Docker on AWS."])
    (d / "d-plain.txt").write_text("Kubernetes, Python, PyTorch; 4 years.", encoding="utf-8")
    writer = PdfWriter()
    writer.append(PdfReader(d / "a-senior.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    with (d / "e-locked.pdf").open("wb") as fh:
        writer.write(fh)
    (d / "f-corrupt.pdf").write_bytes((d / "a-senior.pdf").read_bytes()[:300])
    (d / "g-empty.txt").write_bytes(b"")
    (d / "h-binary.txt").write_bytes(bytes(range(256)) * 8)
    return d


EXPECTED_ERRORS = {
    "e-locked.pdf": "EncryptedDocumentError",
    "f-corrupt.pdf": "CorruptDocumentError",
    "g-empty.txt": "EmptyDocumentError",
    "h-binary.txt": "CorruptDocumentError",
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def scored(
    tmp_path_factory: pytest.TempPathFactory, mixed: Path, job_file: Path
) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    d = tmp_path_factory.mktemp("scored")
    out, html = d / "ranked.csv", d / "summary.html"
    proc = run("score", "--job", job_file, mixed, "--out", out, "--html", html, "--top", "3")
    return proc, out, html


def test_score_writes_one_row_per_file_with_error_rows_and_exits_1(
    scored: tuple[subprocess.CompletedProcess[str], Path, Path], mixed: Path
) -> None:
    pd = pytest.importorskip("pandas")
    proc, out, html = scored
    assert proc.returncode == 1, proc.stderr
    rows = read_csv(out)
    assert sorted(Path(r["source"]).name for r in rows) == sorted(p.name for p in mixed.iterdir())
    errors = {Path(r["source"]).name: r["error_type"] for r in rows if r["error_type"]}
    assert errors == EXPECTED_ERRORS
    frame = pd.read_csv(out)
    assert len(frame) == 8 and frame["fit"].notna().sum() == 4
    assert list(frame["rank"][:4]) == [1, 2, 3, 4]
    assert frame["fit"][:4].is_monotonic_decreasing
    assert Path(frame["source"][0]).name in {"a-senior.pdf", "d-plain.txt"}
    assert Path(frame["source"][3]).name == "b-junior.pdf"
    # The top of the ranking on stdout, the summary on stderr.
    table = proc.stdout.strip().splitlines()
    assert len(table) == 4 and table[1].split()[0] == "1"
    assert "8 files read, 4 failed" in proc.stderr
    page = html.read_text(encoding="utf-8")
    assert "EncryptedDocumentError" in page and "c-mid.docx" in page
    # Every scored résumé has its report, linked from the page; failed files have none.
    reports = sorted((html.parent / "summary-reports").glob("*.html"))
    assert len(reports) == 4
    assert all(f'href="summary-reports/{p.name}"' in page for p in reports)
    assert all("<mark" in p.read_text(encoding="utf-8") for p in reports)


def test_score_with_two_workers_writes_the_same_file(
    tmp_path: Path,
    scored: tuple[subprocess.CompletedProcess[str], Path, Path],
    mixed: Path,
    job_file: Path,
) -> None:
    _, one, _ = scored
    two = tmp_path / "two.csv"
    proc = run("score", "-j", job_file, mixed, "--out", two, "--workers", "2", "-q")
    assert proc.returncode == 1
    # --quiet: no summary; not a terminal: no progress bar.
    assert "files read" not in proc.stderr and "file/s" not in proc.stderr
    assert two.read_text(encoding="utf-8") == one.read_text(encoding="utf-8")


def test_score_exits_0_when_every_file_is_scored(
    tmp_path: Path, mixed: Path, job_file: Path
) -> None:
    out = tmp_path / "ranked.jsonl"
    proc = run("score", "-j", job_file, mixed / "c-mid.docx", mixed / "d-plain.txt", "-o", out)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["rank"] for r in rows] == [1, 2]
    assert all(abs(r["details"]["comparison"]["score"] - r["fit"]) < 1e-4 for r in rows)


@pytest.mark.parametrize(
    "args",
    [
        ["score", "x.txt"],  # no --job
        ["score", "--job", "job.txt", "x.txt", "--out", "rows.xlsx"],
        ["score", "--job", "job.txt", "x.txt", "--workers", "0"],
        ["score", "--job", "job.txt", "x.txt", "--resume"],  # --resume without --out
        ["match", "x.txt", "--workers", "2"],  # --workers without --out
        ["match", "x.txt", "--out", "rows.txt"],
    ],
)
def test_bad_usage_exits_2(args: list[str]) -> None:
    proc = run(*args)
    assert proc.returncode == 2, proc.stderr


def test_score_with_an_unreadable_job_says_why_and_exits_1(tmp_path: Path, mixed: Path) -> None:
    proc = run("score", "--job", tmp_path / "missing.txt", mixed, "-o", tmp_path / "r.csv")
    assert proc.returncode == 1
    assert proc.stderr.startswith("DocumentReadError:") and "missing.txt" in proc.stderr


def test_match_out_resume_after_a_truncated_last_line(tmp_path: Path, mixed: Path) -> None:
    full, partial = tmp_path / "full.csv", tmp_path / "partial.csv"
    assert run("match", mixed, "--out", full, "-q").returncode == 1  # 4 files fail
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    partial.write_text("".join(lines[:4]) + lines[4][:25], encoding="utf-8")
    proc = run("match", mixed, "--out", partial, "--resume")
    assert proc.returncode == 1
    assert "5 files read, 4 failed (named above), 3 already done" in proc.stderr
    assert partial.read_text(encoding="utf-8") == full.read_text(encoding="utf-8")
