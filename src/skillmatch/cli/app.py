"""The ``skillmatch`` command: parses options, calls the public API, formats the output.

Library errors are caught here only: printed as ``ErrorName: message`` on one line of stderr,
exit status 1 (2 for bad usage). The library is imported inside the commands, so ``--help``,
``--version`` and usage errors answer without loading spaCy.
"""

from __future__ import annotations

import io
import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from skillmatch.cli.budget import limits_for, match_within
from skillmatch.cli.documents import (
    compare_command,
    eval_command,
    report_command,
    schema_command,
    screen_command,
)
from skillmatch.cli.options import (
    CONTEXT,
    AsOfOption,
    Command,
    IdColumnOption,
    KindCheckOption,
    ListFormatOption,
    QuietOption,
    ResumeOption,
    TableOrJsonl,
    TaxonomyOption,
    TextColumnOption,
    TimeoutOption,
    WorkersOption,
    check_single_file,
    make_matcher,
    parse_as_of,
)
from skillmatch.cli.output import handle_errors, write_errors
from skillmatch.cli.serve import serve_command
from skillmatch.cli.taxonomy import taxonomy_app

if TYPE_CHECKING:
    from skillmatch.batch import BatchSummary, Row
    from skillmatch.matcher import SkillMatcher
    from skillmatch.models import MatchResult

app = typer.Typer(
    name="skillmatch",
    help="Find skills in résumés and job postings, with evidence.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings=CONTEXT,
)


def _print_version(value: bool) -> None:
    if value:
        import skillmatch

        typer.echo(f"skillmatch {skillmatch.__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Find skills in résumés and job postings, with evidence.

    Run 'skillmatch COMMAND -h' for a command's options.
    """


InputsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="INPUT...",
        help="Files, folders, .jsonl/.csv record sets, or - for stdin.",
        show_default=False,
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        metavar="PATH",
        help="Write one flat row per input to this .csv or .jsonl (a batch run).",
        show_default=False,
    ),
]


@app.command("match", cls=Command)
def match_command(
    inputs: InputsArgument,
    fmt: ListFormatOption = TableOrJsonl.table,
    taxonomy: TaxonomyOption = None,
    text_column: TextColumnOption = "text",
    id_column: IdColumnOption = "id",
    no_fuzzy: Annotated[bool, typer.Option("--no-fuzzy", help="Exact matching only.")] = False,
    out: OutOption = None,
    workers: WorkersOption = 1,
    resume: ResumeOption = False,
    quiet: QuietOption = False,
    timeout: TimeoutOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Find skills, coverage and seniority in each input and print them (or write --out rows).

    Exit status 0 when every input was read, 1 when some failed (each named on stderr).
    """
    from skillmatch.cli.format import format_result, result_json
    from skillmatch.errors import SkillmatchError
    from skillmatch.readers import iter_documents

    day = parse_as_of(as_of)
    if out is not None:
        _check_out(out)
        with handle_errors():
            matcher = make_matcher(taxonomy, fuzzy=not no_fuzzy)
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
            id_column=id_column,
            as_of=day,
        )
        return
    if resume or workers != 1:
        raise typer.BadParameter("--resume and --workers need --out PATH.csv|.jsonl")
    limits = limits_for(timeout)
    failed = 0
    results: list[dict[str, object]] = []
    with handle_errors():
        matcher = make_matcher(taxonomy, fuzzy=not no_fuzzy)
        docs = iter_documents(inputs, text_column=text_column, id_column=id_column, limits=limits)
        for doc in docs:
            try:
                if isinstance(doc, SkillmatchError):
                    raise doc
                result = match_within(matcher, doc, limits, as_of=day)
            except SkillmatchError as exc:
                failed += 1
                typer.echo(f"{type(exc).__name__}: {' '.join(str(exc).split())}", err=True)
                continue
            if fmt is TableOrJsonl.table:
                typer.echo(format_result(result, source=doc.source))
            elif fmt is TableOrJsonl.jsonl:
                typer.echo(json.dumps(result_json(result, doc.source), ensure_ascii=False))
            else:
                results.append(result_json(result, doc.source))
    if fmt is TableOrJsonl.json:
        typer.echo(json.dumps(results, indent=2, ensure_ascii=False))
    if failed:
        raise typer.Exit(code=1)


# ----------------------------------------------------------------------------------------------
# Batch scoring
# ----------------------------------------------------------------------------------------------


def _check_out(out: Path) -> None:
    if out.suffix.lower() not in (".csv", ".jsonl"):
        raise typer.BadParameter(f"{out}: write to a .csv or .jsonl file", param_hint="--out")


def failure_line(row: Row) -> str:
    """Return the stderr line that names a failed input and the reason."""
    message, source = str(row.get("error") or ""), str(row.get("source") or "")
    where = "" if message.startswith(source) else f"{source}: "
    return f"{row['error_type']}: {where}{message}"


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
    id_column: str,
    keep: bool = True,
    as_of: date | None = None,
) -> BatchSummary:
    """Run a batch into ``out``: a progress bar on a terminal, failures and a summary on stderr."""
    from tqdm import tqdm

    from skillmatch.batch import run_batch

    limits = limits_for(timeout)
    bar = tqdm(
        unit="file", file=sys.stderr, disable=quiet or not sys.stderr.isatty(), dynamic_ncols=True
    )

    def on_row(row: Row) -> None:
        bar.update(1)
        if row.get("error_type"):
            bar.write(failure_line(row), file=sys.stderr)

    with handle_errors(), bar, write_errors(out):
        summary = run_batch(
            inputs,
            out,
            matcher=matcher,
            job=job,
            n_process=workers,
            resume=resume,
            limits=limits,
            text_column=text_column,
            id_column=id_column,
            on_row=on_row,
            as_of=as_of,
        )
    if not quiet:
        resumed = f", {summary.skipped} already done" if summary.skipped else ""
        named = " (named above)" if summary.failed and summary.processed else ""
        typer.echo(
            f"{summary.processed} files read, {summary.failed} failed{named}{resumed} in "
            f"{summary.seconds:.1f} s ({summary.docs_per_second:.1f} docs/s)"
            + (f"; wrote {out}" if keep else ""),
            err=True,
        )
    if summary.failed and job is None:
        raise typer.Exit(code=1)
    return summary


@app.command("score", cls=Command)
def score_command(
    inputs: InputsArgument,
    job: Annotated[
        Path,
        typer.Option(
            "--job",
            "-j",
            metavar="PATH",
            help="The job posting to rank against.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="PATH",
            help="Ranked rows to this .csv or .jsonl (in input order while running, rewritten "
            "in rank order at the end).",
            show_default=False,
        ),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="PATH",
            help="Also write the ranking as an HTML page, with a report per résumé.",
            show_default=False,
        ),
    ] = None,
    workers: WorkersOption = 1,
    resume: ResumeOption = False,
    quiet: QuietOption = False,
    top: Annotated[
        int, typer.Option("--top", min=0, metavar="N", help="Rows of the ranking to print.")
    ] = 10,
    taxonomy: TaxonomyOption = None,
    timeout: TimeoutOption = None,
    text_column: TextColumnOption = "text",
    id_column: IdColumnOption = "id",
    kind_check: KindCheckOption = True,
    as_of: AsOfOption = None,
) -> None:
    """Rank résumés against a job posting: one row per input, failed inputs included.

    Exit status 0 when every input was scored, 1 when some failed (each named on stderr), 2 on
    bad usage.
    """
    import tempfile

    from skillmatch.batch import read_rows, refuse_input_as_output, write_html_summary
    from skillmatch.cli.format import format_ranking
    from skillmatch.readers import read_document

    if out is not None:
        _check_out(out)
    elif resume:
        raise typer.BadParameter("--resume needs --out PATH.csv|.jsonl", param_hint="--resume")
    check_single_file(job, "--job", instead="score ranks many résumés against one job.")
    limits = limits_for(timeout)
    day = parse_as_of(as_of)
    with handle_errors():
        for target, what in ((out, "--out"), (html, "--html")):
            if target is not None:
                refuse_input_as_output(target, [*inputs, str(job)], what)
        job_doc = read_document(job, limits=limits)  # before the matcher (a while to build)
    if kind_check:
        from skillmatch.analysis import detect_kind

        if detect_kind(job_doc.text) == "resume":
            raise typer.BadParameter(
                f"{job} reads as a résumé, not a job posting; if it is right, run again with "
                "--no-kind-check",
                param_hint="--job",
            )
    with handle_errors():
        matcher = make_matcher(taxonomy)
        job_result = match_within(matcher, job_doc, limits, "job", day)
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
            id_column=id_column,
            keep=out is not None,
            as_of=day,
        )
        if top:
            head: list[dict[str, Any]] = []
            for row in read_rows(target):
                if row.get("error_type") or len(head) >= top:
                    break
                head.append(row)
            names = {s.id: s.name for s in matcher.taxonomy.skills}
            typer.echo(format_ranking(head, top, names))
        if html is not None:
            with write_errors(html):
                write_html_summary(
                    target, html, matcher=matcher, job=job_result, job_label=str(job)
                )
    if summary.failed:
        raise typer.Exit(code=1)


app.command("compare", cls=Command)(compare_command)
app.command("screen", cls=Command)(screen_command)
app.command("report", cls=Command)(report_command)
app.command("eval", cls=Command)(eval_command)
app.command("schema", cls=Command)(schema_command)
app.command("serve", cls=Command)(serve_command)
app.add_typer(taxonomy_app, name="taxonomy")


def main() -> None:
    """Run the command line."""
    # PDF libraries log every repaired or damaged file; the error row already says what failed.
    for name in ("pypdf", "pdfminer"):
        logging.getLogger(name).setLevel(logging.ERROR)
    # Any text in, any text out: a lone surrogate from a JSON input is printed as "?", never a
    # traceback.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    app()
