"""The ``skillmatch`` command: parses options, calls the public API, formats the output.

Library errors are caught here only: printed as ``ErrorName: message`` on one line of stderr,
exit status 1 (2 for bad usage).
"""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from skillmatch.batch import BatchSummary
    from skillmatch.matcher import SkillMatcher

from skillmatch.cli.format import (
    format_comparison,
    format_ranking,
    format_result,
    format_screen,
    result_json,
    screen_json,
)
from skillmatch.cli.output import handle_errors
from skillmatch.cli.taxonomy import taxonomy_app
from skillmatch.errors import SkillmatchError
from skillmatch.models import MatchResult

app = typer.Typer(
    name="skillmatch",
    help="Find skills in résumés and job postings, with evidence.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(taxonomy_app, name="taxonomy")


def _matcher(taxonomy: Path | None, *, fuzzy: bool = True) -> SkillMatcher:
    from skillmatch.matcher import SkillMatcher

    if taxonomy is None:
        return SkillMatcher.default(fuzzy=fuzzy)
    return SkillMatcher.from_taxonomy(taxonomy, fuzzy=fuzzy)


TaxonomyOption = Annotated[
    Path | None,
    typer.Option("--taxonomy", "-t", help="Taxonomy file (YAML/JSON); default: AI engineer."),
]


WorkersOption = Annotated[
    int, typer.Option("--workers", "-w", min=1, help="Worker processes (each reads and scores).")
]
ResumeOption = Annotated[
    bool,
    typer.Option("--resume", help="Skip inputs already in --out (after an interrupted run)."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="The day the texts were written (what 'Present' means); default: a record's as_of"
        " column, else the file's own date, else the latest date the text names, else today.",
        show_default=False,
    ),
]


def _as_of(value: str | None) -> date | None:
    """Read ``--as-of``; a bad date is a usage error (exit 2) that says how to write it."""
    from skillmatch.analysis import coerce_as_of

    try:
        return coerce_as_of(value, caller="--as-of")
    except TypeError:
        raise typer.BadParameter(
            f"{value!r} is not a date; write it as YYYY-MM-DD", param_hint="--as-of"
        ) from None


QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, no summary.")]
TimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        min=0.001,
        help="Seconds to read and score one file (default 60).",
        show_default=False,
    ),
]


@app.command("match")
def match_command(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, directories, .jsonl/.csv sets, or - for stdin.")
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table (for people), json or jsonl.")
    ] = "table",
    taxonomy: TaxonomyOption = None,
    text_column: Annotated[str, typer.Option(help="Text column of .csv inputs.")] = "text",
    no_fuzzy: Annotated[bool, typer.Option("--no-fuzzy", help="Exact matching only.")] = False,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write one flat row per input to this .csv or .jsonl."),
    ] = None,
    workers: WorkersOption = 1,
    resume: ResumeOption = False,
    quiet: QuietOption = False,
    timeout: TimeoutOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Find skills, coverage and seniority in each input and print them (or write --out rows)."""
    from skillmatch.readers import iter_documents

    if fmt not in ("table", "json", "jsonl"):
        raise typer.BadParameter("choose table, json or jsonl", param_hint="--format")
    day = _as_of(as_of)
    if out is not None:
        _check_out(out)
        with handle_errors():
            matcher = _matcher(taxonomy, fuzzy=not no_fuzzy)
        _run_batch_command(
            inputs,
            out,
            matcher=matcher,
            job=None,
            workers=workers,
            resume=resume,
            quiet=quiet,
            timeout=timeout,
            text_column=text_column,
            as_of=day,
        )
        return
    if resume or workers != 1:
        raise typer.BadParameter("--resume and --workers need --out FILE.csv|.jsonl")
    failed = 0
    results: list[dict[str, object]] = []
    with handle_errors():
        matcher = _matcher(taxonomy, fuzzy=not no_fuzzy)
        for doc in iter_documents(inputs, text_column=text_column):
            if isinstance(doc, SkillmatchError):
                failed += 1
                typer.echo(f"{type(doc).__name__}: {doc}", err=True)
                continue
            result = matcher.match_document(doc, as_of=day)
            if fmt == "table":
                typer.echo(format_result(result, source=doc.source))
            elif fmt == "jsonl":
                typer.echo(json.dumps(result_json(result, doc.source), ensure_ascii=False))
            else:
                results.append(result_json(result, doc.source))
    if fmt == "json":
        typer.echo(json.dumps(results, indent=2, ensure_ascii=False))
    if failed:
        raise typer.Exit(code=1)


@app.command("eval")
def eval_command(
    dataset: Annotated[Path, typer.Argument(help="Labelled .jsonl set (see the README).")],
    taxonomy: TaxonomyOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    ids: Annotated[
        str | None,
        typer.Option(
            "--ids",
            help="Only the texts whose id ends in an odd or an even number: develop on one"
            " half, check on the other.",
            metavar="odd|even",
        ),
    ] = None,
) -> None:
    """Measure precision, recall, F1 and level accuracy on a labelled set; per skill, worst
    first."""
    from skillmatch.evaluation import (
        evaluate,
        format_report,
        load_eval_set,
        report_json,
        select_ids,
    )

    if ids not in (None, "odd", "even"):
        raise typer.BadParameter(f"{ids!r}: choose 'odd' or 'even'", param_hint="--ids")
    with handle_errors():
        items = load_eval_set(dataset)
        if ids is not None:
            items = select_ids(items, "odd" if ids == "odd" else "even")
        report = evaluate(_matcher(taxonomy), items)
    typer.echo(report_json(report) if as_json else format_report(report))


@app.command("report")
def report_command(
    doc: Annotated[Path, typer.Argument(help="Résumé (or job posting) to report on.")],
    job: Annotated[
        Path | None, typer.Option("--job", help="Job posting: adds the fit to the report.")
    ] = None,
    out: Annotated[Path, typer.Option("-o", "--out", help="Write the HTML here.")] = Path(
        "report.html"
    ),
    taxonomy: TaxonomyOption = None,
    title: Annotated[str | None, typer.Option("--title", help="Title of the page.")] = None,
    as_of: AsOfOption = None,
) -> None:
    """Write a self-contained HTML report: highlighted evidence, coverage, seniority, fit."""
    from skillmatch.readers import read_document
    from skillmatch.report import render_report
    from skillmatch.scoring import compare

    day = _as_of(as_of)
    with handle_errors():
        matcher = _matcher(taxonomy)
        resume_doc = read_document(doc)
        if job is None:
            result = matcher.match_document(resume_doc, as_of=day)
            page = render_report(result, title=title)
        else:
            job_doc = read_document(job)
            result = matcher.match_document(resume_doc, kind="resume", as_of=day)
            job_result = matcher.match_document(job_doc, kind="job", as_of=day)
            comparison = compare(result, job_result)
            page = render_report(result, job=job_result, comparison=comparison, title=title)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        typer.echo(f"OSError: cannot write the report to {out}: {exc.strerror or exc}", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(f"wrote {out}", err=True)


# ----------------------------------------------------------------------------------------------
# Batch scoring, comparison and screening
# ----------------------------------------------------------------------------------------------


def _check_out(out: Path) -> None:
    if out.suffix.lower() not in (".csv", ".jsonl"):
        raise typer.BadParameter(f"{out}: write to a .csv or .jsonl file", param_hint="--out")


def _run_batch_command(
    inputs: list[str],
    out: Path,
    *,
    matcher: SkillMatcher,
    job: MatchResult | None,
    workers: int,
    resume: bool,
    quiet: bool,
    timeout: float | None,
    text_column: str,
    keep: bool = True,
    as_of: date | None = None,
) -> BatchSummary:
    """Run a batch into ``out`` with a progress bar on a terminal; summary on stderr."""
    import sys

    from tqdm import tqdm

    from skillmatch.batch import run_batch
    from skillmatch.readers import Limits

    limits = Limits() if timeout is None else Limits(max_seconds_per_file=timeout)
    bar = tqdm(
        unit="file", file=sys.stderr, disable=quiet or not sys.stderr.isatty(), dynamic_ncols=True
    )
    with handle_errors(), bar:
        summary = run_batch(
            inputs,
            out,
            matcher=matcher,
            job=job,
            n_process=workers,
            resume=resume,
            limits=limits,
            text_column=text_column,
            on_row=lambda row: bar.update(1),
            as_of=as_of,
        )
    if not quiet:
        resumed = f", {summary.skipped} already done" if summary.skipped else ""
        typer.echo(
            f"{summary.processed} files read, {summary.failed} failed{resumed} in "
            f"{summary.seconds:.1f} s ({summary.docs_per_second:.1f} docs/s)"
            + (f"; wrote {out}" if keep else ""),
            err=True,
        )
    if summary.failed and job is None:
        raise typer.Exit(code=1)
    return summary


@app.command("score")
def score_command(
    inputs: Annotated[
        list[str], typer.Argument(help="Résumé files, directories, .jsonl/.csv sets, or -.")
    ],
    job: Annotated[Path, typer.Option("--job", "-j", help="The job posting to rank against.")],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Ranked rows to this .csv or .jsonl (in input order while running, rewritten "
            "in rank order at the end).",
        ),
    ] = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write the ranking as an HTML page.")
    ] = None,
    workers: WorkersOption = 1,
    resume: ResumeOption = False,
    quiet: QuietOption = False,
    top: Annotated[int, typer.Option("--top", min=0, help="Rows of the ranking to print.")] = 10,
    taxonomy: TaxonomyOption = None,
    timeout: TimeoutOption = None,
    text_column: Annotated[str, typer.Option(help="Text column of .csv inputs.")] = "text",
    as_of: AsOfOption = None,
) -> None:
    """Rank résumés against a job posting: one row per file, failed files included.

    Exit status 0 when every file was scored, 1 when some failed, 2 on bad usage.
    """
    import tempfile

    from skillmatch.batch import read_rows, write_html_summary
    from skillmatch.readers import read_document

    if out is not None:
        _check_out(out)
    elif resume:
        raise typer.BadParameter("--resume needs --out FILE.csv|.jsonl", param_hint="--resume")
    day = _as_of(as_of)
    with handle_errors():
        job_doc = read_document(job)  # before the matcher, which takes seconds to build
        matcher = _matcher(taxonomy)
        job_result = matcher.match_document(job_doc, kind="job", as_of=day)
    with tempfile.TemporaryDirectory(prefix="skillmatch-") as tmp:
        target = out if out is not None else Path(tmp) / "ranked.csv"
        summary = _run_batch_command(
            inputs,
            target,
            matcher=matcher,
            job=job_result,
            workers=workers,
            resume=resume,
            quiet=quiet,
            timeout=timeout,
            text_column=text_column,
            keep=out is not None,
            as_of=day,
        )
        if top:
            head: list[dict[str, Any]] = []
            for row in read_rows(target):
                if row.get("error_type") or len(head) >= top:
                    break
                head.append(row)
            typer.echo(format_ranking(head, top))
        if html is not None:
            try:
                write_html_summary(
                    target, html, matcher=matcher, job=job_result, job_label=str(job)
                )
            except OSError as exc:
                typer.echo(f"OSError: cannot write {html}: {exc.strerror or exc}", err=True)
                raise typer.Exit(code=1) from None
    if summary.failed:
        raise typer.Exit(code=1)


@app.command("compare")
def compare_command(
    resume: Annotated[Path, typer.Argument(help="The résumé.")],
    job: Annotated[Path, typer.Argument(help="The job posting.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    taxonomy: TaxonomyOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Compare a résumé with a job posting: fit, skills covered and missing, level, flags."""
    from skillmatch.readers import read_document
    from skillmatch.scoring import compare

    if fmt not in ("table", "json"):
        raise typer.BadParameter("choose table or json", param_hint="--format")
    day = _as_of(as_of)
    with handle_errors():
        matcher = _matcher(taxonomy)
        resume_result = matcher.match_document(read_document(resume), kind="resume", as_of=day)
        job_result = matcher.match_document(read_document(job), kind="job", as_of=day)
        comparison = compare(resume_result, job_result)
    if fmt == "json":
        data = {
            "resume": str(resume),
            "job": str(job),
            "comparison": comparison.model_dump(mode="json"),
        }
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    names = {s.id: s.name for s in matcher.taxonomy.skills}
    typer.echo(f"== {resume} vs {job}")
    typer.echo(format_comparison(resume_result, job_result, comparison, names))


@app.command("screen")
def screen_command(
    postings: Annotated[
        list[str], typer.Argument(help="Job postings: files, directories, .jsonl/.csv, or -.")
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or jsonl.")] = "table",
    taxonomy: TaxonomyOption = None,
    text_column: Annotated[str, typer.Option(help="Text column of .csv inputs.")] = "text",
    as_of: AsOfOption = None,
) -> None:
    """Screen job postings: level sought with evidence, required and preferred skills, role."""
    from skillmatch.readers import iter_documents

    if fmt not in ("table", "json", "jsonl"):
        raise typer.BadParameter("choose table, json or jsonl", param_hint="--format")
    day = _as_of(as_of)
    failed = 0
    collected: list[dict[str, Any]] = []
    with handle_errors():
        matcher = _matcher(taxonomy)
        for doc in iter_documents(postings, text_column=text_column):
            if isinstance(doc, SkillmatchError):
                failed += 1
                typer.echo(f"{type(doc).__name__}: {' '.join(str(doc).split())}", err=True)
                continue
            data = screen_json(
                matcher.match_document(doc, kind="job", as_of=day), doc.source, matcher.taxonomy
            )
            if fmt == "table":
                typer.echo(format_screen(data))
            elif fmt == "jsonl":
                typer.echo(json.dumps(data, ensure_ascii=False))
            else:
                collected.append(data)
    if fmt == "json":
        typer.echo(json.dumps(collected, indent=2, ensure_ascii=False))
    if failed:
        raise typer.Exit(code=1)


def main() -> None:
    """Run the command line."""
    # PDF libraries log every repaired or damaged file; the error row already says what failed.
    for name in ("pypdf", "pdfminer"):
        logging.getLogger(name).setLevel(logging.ERROR)
    app()
