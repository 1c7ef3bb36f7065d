"""The command line explains itself: help, version, usage errors, named failures, JSON shapes.

Every test runs the real ``skillmatch`` command in a subprocess and parses what it prints.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from commands import run
from skillmatch.models import Comparison

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
JOB = EXAMPLES / "jobs" / "junior_ml_engineer.txt"
RESUME = EXAMPLES / "resumes" / "amara_okafor_entry.txt"
COMMANDS = [
    ["match"],
    ["score"],
    ["compare"],
    ["screen"],
    ["report"],
    ["eval"],
    ["schema"],
    ["serve"],
    ["taxonomy"],
    ["taxonomy", "build"],
    ["taxonomy", "lint"],
    ["taxonomy", "schema"],
    ["taxonomy", "show"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_shows_conventional_metavars_not_python_types(command: list[str]) -> None:
    proc = run(*command, "-h")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"Usage: skillmatch {' '.join(command)} ")
    assert proc.stdout == run(*command, "--help").stdout
    assert not re.search(r"<[a-z][a-z \[\]|.,]*>", proc.stdout), proc.stdout  # no <path>, <bool>


def test_help_of_score_names_each_value_by_what_it_is() -> None:
    text = run("score", "-h").stdout
    usage = text.splitlines()[0]
    assert usage == "Usage: skillmatch score [OPTIONS] INPUT..."
    for option in (
        "-j, --job PATH",
        "-o, --out PATH",
        "-w, --workers N",
        "--timeout SECONDS",
        "--text-column COLUMN",
        "--id-column COLUMN",
        "-t, --taxonomy PATH",
    ):
        assert option in text
    assert "-f, --format [table|json|jsonl]" in run("match", "-h").stdout
    assert "-f, --format [table|json]" in run("compare", "-h").stdout
    assert run("compare", "-h").stdout.splitlines()[0].endswith("[OPTIONS] RESUME JOB")


def test_version() -> None:
    proc = run("--version")
    assert (proc.returncode, proc.stdout) == (0, "skillmatch 0.1.0\n")


def test_help_and_usage_errors_do_not_load_spacy() -> None:
    code = (
        "import sys\n"
        "from skillmatch.cli import main\n"
        "for argv in (['--help'], ['score', '-h'], ['match', '--format', 'xml', 'x']):\n"
        "    sys.argv = ['skillmatch', *argv]\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "loaded = ('spacy', 'rapidfuzz', 'skillmatch.matcher', 'skillmatch.taxonomy')\n"
        "print(sorted(m for m in loaded if m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stderr


def test_a_bad_format_is_a_usage_error_listing_the_choices() -> None:
    proc = run("match", "--format", "xml", RESUME)
    assert proc.returncode == 2
    assert "'xml' is not one of 'table', 'json', 'jsonl'" in proc.stderr


def test_score_names_every_failed_file_and_its_reason(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(RESUME.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 not really")
    proc = run("score", "--job", JOB, tmp_path, "--out", tmp_path / "out.csv")
    assert proc.returncode == 1
    failures = [line for line in proc.stderr.splitlines() if "Error: " in line]
    assert failures == [
        f"EmptyDocumentError: {tmp_path / 'empty.txt'}: empty file (0 bytes)",
        f"CorruptDocumentError: {tmp_path / 'scan.pdf'}: " + failures[1].split(": ", 2)[2],
    ]
    assert "3 files read, 2 failed (named above)" in proc.stderr


CANDIDATES = (
    "person,body\n"
    'jane-7,"Jane. 6 years of Python, PyTorch and AWS. Senior ML engineer."\n'
    'li-2,"Li. Intern; Excel and SQL."\n'
)


@pytest.mark.parametrize("command", ["match", "score", "screen"])
def test_record_columns_are_chosen_on_every_command_that_reads_records(
    tmp_path: Path, command: str
) -> None:
    cands = tmp_path / "cands.csv"
    cands.write_text(CANDIDATES, encoding="utf-8")
    job = ["--job", str(JOB)] if command == "score" else []
    proc = run(command, cands, *job)
    assert proc.returncode == 1
    assert "no column 'text' (columns: person, body); choose it with --text-column" in proc.stderr
    proc = run(command, cands, *job, "--text-column", "body", "--id-column", "person")
    assert proc.returncode == 0, proc.stderr
    assert "jane-7" in proc.stdout and "li-2" in proc.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["compare", EXAMPLES / "resumes", JOB],
        ["compare", RESUME, EXAMPLES / "jobs"],
        ["report", EXAMPLES / "resumes"],
        ["score", "--job", EXAMPLES / "jobs", RESUME],
    ],
)
def test_a_folder_where_one_file_is_expected_is_a_clear_usage_error(args: list[object]) -> None:
    proc = run(*map(str, args))
    assert proc.returncode == 2
    assert "is a folder; give one file" in proc.stderr
    assert "no extension" not in proc.stderr


def test_swapped_compare_arguments_are_refused_and_explained() -> None:
    proc = run("compare", JOB, RESUME)
    assert proc.returncode == 2
    assert f"{RESUME} reads as a résumé, not a job posting" in " ".join(proc.stderr.split())
    assert "RESUME comes first" in proc.stderr
    assert run("compare", JOB, RESUME, "--no-kind-check").returncode == 0


@pytest.mark.parametrize("command", [["compare", RESUME], ["report", RESUME, "--job"]])
def test_a_resume_given_as_the_job_is_refused(command: list[object], tmp_path: Path) -> None:
    other = EXAMPLES / "resumes" / "lena_hoffmann_career_switch.txt"
    extra = ["-o", tmp_path / "r.html"] if command[0] == "report" else []
    proc = run(*map(str, command), other, *map(str, extra))
    assert proc.returncode == 2
    assert "reads as a résumé, not a job posting" in " ".join(proc.stderr.split())


def test_a_job_posting_given_as_the_resume_is_compared_with_a_warning() -> None:
    proc = run("compare", JOB, JOB)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith(f"warning: {JOB} reads as a job posting, not a résumé")
    assert proc.stdout.startswith(f"== {JOB} vs {JOB}")


def test_score_refuses_a_resume_as_the_job() -> None:
    proc = run("score", "--job", RESUME, JOB)
    assert proc.returncode == 2
    assert "reads as a résumé, not a job posting" in " ".join(proc.stderr.split())


def test_compare_json_is_the_comparison() -> None:
    proc = run("compare", RESUME, JOB, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    comparison = Comparison.model_validate_json(proc.stdout)
    table = run("compare", RESUME, JOB).stdout
    assert f"fit {comparison.score:.2f}" in table


def test_screen_json_keys_categories_and_coverage_by_id() -> None:
    proc = run("screen", JOB, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    (posting,) = json.loads(proc.stdout)
    assert posting["required"]["programming"] == ["python"]
    assert "cloud-platforms" in posting["coverage"] and "Cloud Platforms" not in posting["coverage"]
    table = run("screen", JOB).stdout
    assert "required  Programming: python" in table  # people read names


def test_taxonomy_lint_without_a_file_lints_the_default() -> None:
    proc = run("taxonomy", "lint")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith("the default taxonomy: 0 errors/warnings")


@pytest.mark.parametrize("name", ["result", "comparison", "taxonomy"])
def test_schema_describes_what_the_commands_print(name: str, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    proc = run("schema", name)
    assert proc.returncode == 0, proc.stderr
    schema = json.loads(proc.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    if name == "result":
        (instance,) = json.loads(run("match", RESUME, "--format", "json").stdout)
    elif name == "comparison":
        instance = json.loads(run("compare", RESUME, JOB, "--format", "json").stdout)
    else:
        out = tmp_path / "t.json"
        assert (
            run("taxonomy", "build", EXAMPLES / "roles" / "data-engineer.txt", "-o", out).returncode
            == 0
        )
        instance = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(instance, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"unexpected": 1}, schema)


def test_schema_of_an_unknown_document_is_a_usage_error() -> None:
    proc = run("schema", "resume")
    assert proc.returncode == 2
    assert "'resume' is not one of 'result', 'comparison', 'taxonomy'" in proc.stderr
