"""The commands that read one document or a few: compare, screen, report, eval, and schema."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Annotated, Any

import typer

from skillmatch.cli.budget import limits_for, match_within
from skillmatch.cli.options import (
    AsOfOption,
    IdColumnOption,
    KindCheckOption,
    ListFormatOption,
    OneFormatOption,
    TableOrJson,
    TableOrJsonl,
    TaxonomyOption,
    TextColumnOption,
    TimeoutOption,
    check_kinds,
    check_single_file,
    make_matcher,
    parse_as_of,
)
from skillmatch.cli.output import handle_errors, write_output

_FOLDER_HINT = "To rank a folder of résumés: skillmatch score --job JOB FOLDER."


def compare_command(
    resume: Annotated[Path, typer.Argument(metavar="RESUME", help="The résumé (one file).")],
    job: Annotated[Path, typer.Argument(metavar="JOB", help="The job posting (one file).")],
    fmt: OneFormatOption = TableOrJson.table,
    taxonomy: TaxonomyOption = None,
    kind_check: KindCheckOption = True,
    timeout: TimeoutOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Compare a résumé with a job posting: fit, skills covered and missing, level, flags.

    --format json prints the Comparison (see 'skillmatch schema comparison').
    """
    from skillmatch.cli.format import format_comparison
    from skillmatch.readers import read_document
    from skillmatch.scoring import compare

    check_single_file(resume, "RESUME", instead=_FOLDER_HINT)
    check_single_file(job, "JOB", instead=_FOLDER_HINT)
    limits = limits_for(timeout)
    day = parse_as_of(as_of)
    with handle_errors():
        resume_doc = read_document(resume, limits=limits)
        job_doc = read_document(job, limits=limits)
    if kind_check:
        check_kinds(resume_doc, job_doc, resume_hint="RESUME", job_hint="JOB")
    with handle_errors():
        matcher = make_matcher(taxonomy)
        resume_result = match_within(matcher, resume_doc, limits, "resume", day)
        job_result = match_within(matcher, job_doc, limits, "job", day)
        comparison = compare(resume_result, job_result)
    if fmt is TableOrJson.json:
        typer.echo(comparison.model_dump_json(indent=2))
        return
    names = {s.id: s.name for s in matcher.taxonomy.skills}
    typer.echo(f"== {resume} vs {job}")
    typer.echo(format_comparison(resume_result, job_result, comparison, names))


def screen_command(
    postings: Annotated[
        list[str],
        typer.Argument(
            metavar="POSTING...",
            help="Job postings: files, folders, .jsonl/.csv record sets, or - for stdin.",
            show_default=False,
        ),
    ],
    fmt: ListFormatOption = TableOrJsonl.table,
    taxonomy: TaxonomyOption = None,
    text_column: TextColumnOption = "text",
    id_column: IdColumnOption = "id",
    timeout: TimeoutOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Screen job postings: level sought with evidence, required and preferred skills, role.

    JSON keys skills, categories and roles by id. Exit status 1 when an input failed.
    """
    from skillmatch.cli.format import format_screen, screen_json
    from skillmatch.errors import SkillmatchError
    from skillmatch.readers import iter_documents

    limits = limits_for(timeout)
    day = parse_as_of(as_of)
    failed = 0
    collected: list[dict[str, Any]] = []
    with handle_errors():
        matcher = make_matcher(taxonomy)
        docs = iter_documents(postings, text_column=text_column, id_column=id_column, limits=limits)
        for doc in docs:
            try:
                if isinstance(doc, SkillmatchError):
                    raise doc
                result = match_within(matcher, doc, limits, "job", day)
            except SkillmatchError as exc:
                failed += 1
                typer.echo(f"{type(exc).__name__}: {' '.join(str(exc).split())}", err=True)
                continue
            data = screen_json(result, doc.source)
            if fmt is TableOrJsonl.table:
                typer.echo(format_screen(data, matcher.taxonomy))
            elif fmt is TableOrJsonl.jsonl:
                typer.echo(json.dumps(data, ensure_ascii=False))
            else:
                collected.append(data)
    if fmt is TableOrJsonl.json:
        typer.echo(json.dumps(collected, indent=2, ensure_ascii=False))
    if failed:
        raise typer.Exit(code=1)


def report_command(
    doc: Annotated[
        Path, typer.Argument(metavar="DOC", help="Résumé (or job posting) to report on.")
    ],
    job: Annotated[
        Path | None,
        typer.Option(
            "--job",
            metavar="PATH",
            help="Job posting: adds the fit to the report.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path, typer.Option("-o", "--out", metavar="PATH", help="Write the HTML here.")
    ] = Path("report.html"),
    taxonomy: TaxonomyOption = None,
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="TEXT", help="Title of the page.", show_default=False),
    ] = None,
    kind_check: KindCheckOption = True,
    timeout: TimeoutOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Write a self-contained HTML report: highlighted evidence, coverage, seniority, fit."""
    from skillmatch.batch import refuse_input_as_output, write_text_atomically
    from skillmatch.readers import read_document
    from skillmatch.report import render_report
    from skillmatch.scoring import compare

    check_single_file(doc, "DOC", instead="To report on a folder: skillmatch score --html.")
    if job is not None:
        check_single_file(job, "--job")
    limits = limits_for(timeout)
    day = parse_as_of(as_of)
    with handle_errors():
        refuse_input_as_output(out, [doc] if job is None else [doc, job], "the report (-o)")
        resume_doc = read_document(doc, limits=limits)
        job_doc = read_document(job, limits=limits) if job is not None else None
    if kind_check and job_doc is not None:
        check_kinds(resume_doc, job_doc, resume_hint="DOC", job_hint="--job")
    with handle_errors():
        matcher = make_matcher(taxonomy)
        if job_doc is None:
            result = match_within(matcher, resume_doc, limits, as_of=day)
            page = render_report(result, title=title)
        else:
            result = match_within(matcher, resume_doc, limits, "resume", day)
            job_result = match_within(matcher, job_doc, limits, "job", day)
            comparison = compare(result, job_result)
            page = render_report(result, job=job_result, comparison=comparison, title=title)
    try:
        write_text_atomically(out, page)
    except OSError as exc:
        typer.echo(f"OSError: cannot write the report to {out}: {exc.strerror or exc}", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(f"wrote {out}", err=True)


def eval_command(
    dataset: Annotated[
        Path, typer.Argument(metavar="PATH", help="Labelled .jsonl set (see the README).")
    ],
    taxonomy: TaxonomyOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    ids: Annotated[
        str | None,
        typer.Option(
            "--ids",
            metavar="[odd|even]",
            help="Only the texts whose id ends in an odd or an even number: develop on one"
            " half, check on the other.",
            show_default=False,
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
    if dataset.is_dir():
        raise typer.BadParameter(
            f"{dataset} is a folder; give a labelled .jsonl file", param_hint="PATH"
        )
    with handle_errors():
        items = load_eval_set(dataset)
        if ids is not None:
            items = select_ids(items, "odd" if ids == "odd" else "even")
        report = evaluate(make_matcher(taxonomy), items)
    typer.echo(report_json(report) if as_json else format_report(report))


class SchemaName(str, enum.Enum):
    """The documents ``skillmatch schema`` describes."""

    result = "result"
    comparison = "comparison"
    taxonomy = "taxonomy"


def schema_command(
    name: Annotated[
        SchemaName,
        typer.Argument(
            metavar="[result|comparison|taxonomy]",
            help="result: what match prints as JSON; comparison: compare --format json; "
            "taxonomy: a taxonomy file.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "-o", "--out", metavar="PATH", help="Write the schema here.", show_default=False
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of a result, a comparison or a taxonomy file."""
    from skillmatch.cli.format import json_schema

    write_output(json.dumps(json_schema(name.value), indent=2, ensure_ascii=False) + "\n", out)
