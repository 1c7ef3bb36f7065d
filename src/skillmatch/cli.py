"""The ``skillmatch`` command: parses options, calls the public API, formats the output.

Library errors are caught here only: printed as ``ErrorName: message`` on one line of stderr,
exit status 1 (2 for bad usage).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from skillmatch.matcher import SkillMatcher
    from skillmatch.readers import Document

from skillmatch.errors import SkillmatchError
from skillmatch.models import MatchResult, TextKind
from skillmatch.taxonomy import Taxonomy

app = typer.Typer(
    name="skillmatch",
    help="Find skills in résumés and job postings, with evidence.",
    no_args_is_help=True,
    add_completion=False,
)
taxonomy_app = typer.Typer(help="Build, check and export taxonomies.", no_args_is_help=True)
app.add_typer(taxonomy_app, name="taxonomy")


@contextlib.contextmanager
def _handle_errors() -> Iterator[None]:
    """Turn a library error into ``ErrorName: message`` on one line of stderr and exit 1."""
    try:
        yield
    except SkillmatchError as exc:
        message = " ".join(str(exc).split())
        typer.echo(f"{type(exc).__name__}: {message}", err=True)
        raise typer.Exit(code=1) from None


def _write_output(text: str, out: Path | None) -> None:
    if out is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        out.write_text(text, encoding="utf-8")


@taxonomy_app.command("build")
def taxonomy_build(
    doc: Annotated[Path, typer.Argument(help="Role document (plain text or Markdown).")],
    overlay: Annotated[
        Path | None, typer.Option("--overlay", help="Curated overlay YAML merged by id.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="Write here (.json writes JSON).")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Name of the taxonomy.")] = None,
) -> None:
    """Build a taxonomy from a role document; YAML to stdout or OUT."""
    from skillmatch.builder import build_taxonomy

    with _handle_errors():
        taxonomy = build_taxonomy(doc, overlay=overlay, name=name)
        text = (
            taxonomy.dump_json()
            if out is not None and out.suffix == ".json"
            else taxonomy.dump_yaml()
        )
        _write_output(text, out)


@taxonomy_app.command("lint")
def taxonomy_lint(
    file: Annotated[Path, typer.Argument(help="Taxonomy file (YAML or JSON).")],
) -> None:
    """Report shared, common-word, nested and missing aliases; exit 1 on warnings or errors."""
    from skillmatch.lint import lint_taxonomy
    from skillmatch.taxonomy import read_data_file

    with _handle_errors():
        data = read_data_file(file)
        issues = lint_taxonomy(data) if isinstance(data, dict) else []
        if not isinstance(data, dict):
            Taxonomy.from_dict(data, source=str(file))
    for issue in issues:
        alias = repr(issue.alias) if issue.alias is not None else ""
        where = " ".join(part for part in (issue.skill_id or "", alias) if part)
        typer.echo(f"{issue.severity}\t{issue.rule}\t{where}\t{issue.message}")
    serious = sum(issue.severity in {"error", "warning"} for issue in issues)
    typer.echo(f"{file}: {serious} errors/warnings, {len(issues) - serious} notes", err=True)
    if serious:
        raise typer.Exit(code=1)


@taxonomy_app.command("schema")
def taxonomy_schema(
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write the schema here.")] = None,
) -> None:
    """Print the JSON Schema of the taxonomy format."""
    _write_output(json.dumps(Taxonomy.json_schema(), indent=2) + "\n", out)


@taxonomy_app.command("show")
def taxonomy_show(
    file: Annotated[
        Path | None, typer.Argument(help="Taxonomy file; the default taxonomy when omitted.")
    ] = None,
) -> None:
    """Summarize a taxonomy: its categories and how many skills each holds."""
    with _handle_errors():
        taxonomy = Taxonomy.default() if file is None else Taxonomy.load(file)
    typer.echo(f"{taxonomy.name} (version {taxonomy.version})")
    typer.echo(f"{'category':<24} {'skills':>6}  skill ids")
    for category in taxonomy.categories:
        ids = [skill.id for skill in taxonomy.skills_in(category.id)]
        typer.echo(f"{category.id:<24} {len(ids):>6}  {', '.join(ids)}")
    typer.echo(
        f"{len(taxonomy.skills)} skills, {len(taxonomy.signals)} level signals,"
        f" {len(taxonomy.roles)} roles"
    )


def _matcher(taxonomy: Path | None, *, fuzzy: bool = True) -> SkillMatcher:
    from skillmatch.matcher import SkillMatcher

    if taxonomy is None:
        return SkillMatcher.default(fuzzy=fuzzy)
    return SkillMatcher.from_taxonomy(taxonomy, fuzzy=fuzzy)


TaxonomyOption = Annotated[
    Path | None,
    typer.Option("--taxonomy", "-t", help="Taxonomy file (YAML/JSON); default: AI engineer."),
]


def format_result(result: MatchResult, *, source: str = "") -> str:
    """Render one result as the table people read."""
    head = source or result.id or "text"
    lines = [f"== {head} ({result.kind})"]
    for hit in result.skills:
        forms = ", ".join(sorted({f"{m.text!r}@{m.start}" for m in hit.mentions})[:4])
        req = f" [{hit.requirement}]" if hit.requirement else ""
        years = f" {hit.years:g}y" if hit.years else ""
        method = "/".join(sorted({m.method for m in hit.mentions}))
        lines.append(f"  {hit.skill_id:<24}{hit.score:5.2f} {method:<18}{years}{req}  {forms}")
    for m in result.excluded:
        lines.append(f"  ({m.status}) {m.skill_id:<20} {m.text!r}@{m.start}")
    sen = result.seniority
    level = sen.level or "unknown"
    years = f", {sen.years:g} years" if sen.years is not None else ""
    lines.append(f"  seniority: {level} (confidence {sen.confidence:.2f}{years}) {sen.reason}")
    cats = "  ".join(f"{c.category_id} {c.coverage:.0%}" for c in result.coverage.categories)
    lines.append(f"  coverage: {result.coverage.overall:.0%}  |  {cats}")
    if result.roles:
        best = result.roles[0]
        lines.append(f"  role: {best.name} ({best.score:.2f}): {best.reason}")
    for w in result.warnings:
        lines.append(f"  warning [{w.code}]: {w.message}")
    return "\n".join(lines)


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
) -> None:
    """Find skills, coverage and seniority in each input and print them."""
    from skillmatch.readers import iter_documents

    if fmt not in ("table", "json", "jsonl"):
        raise typer.BadParameter("choose table, json or jsonl", param_hint="--format")
    failed = 0
    results: list[dict[str, object]] = []
    with _handle_errors():
        matcher = _matcher(taxonomy, fuzzy=not no_fuzzy)
        for doc in iter_documents(inputs, text_column=text_column):
            if isinstance(doc, SkillmatchError):
                failed += 1
                typer.echo(f"{type(doc).__name__}: {doc}", err=True)
                continue
            result = matcher.match_document(doc)
            if fmt == "table":
                typer.echo(format_result(result, source=doc.source))
            elif fmt == "jsonl":
                typer.echo(json.dumps(_result_json(result, doc.source), ensure_ascii=False))
            else:
                results.append(_result_json(result, doc.source))
    if fmt == "json":
        typer.echo(json.dumps(results, indent=2, ensure_ascii=False))
    if failed:
        raise typer.Exit(code=1)


def _result_json(result: MatchResult, source: str) -> dict[str, object]:
    data = result.model_dump(mode="json", exclude={"text"})
    data["source"] = source
    return data


@app.command("eval")
def eval_command(
    dataset: Annotated[Path, typer.Argument(help="Labelled .jsonl set (see the README).")],
    taxonomy: TaxonomyOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Measure precision, recall, F1 and level accuracy on a labelled set."""
    from skillmatch.evaluation import evaluate, format_report, load_eval_set, report_json

    with _handle_errors():
        items = load_eval_set(dataset)
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
) -> None:
    """Write a self-contained HTML report: highlighted evidence, coverage, seniority, fit."""
    from skillmatch.readers import read_document
    from skillmatch.report import render_report
    from skillmatch.scoring import compare

    with _handle_errors():
        matcher = _matcher(taxonomy)
        resume_doc = read_document(doc)
        if job is None:
            result = matcher.match_document(resume_doc)
            page = render_report(result, title=title)
        else:
            job_doc = read_document(job)
            result = _match_as(matcher, resume_doc, "resume")
            job_result = _match_as(matcher, job_doc, "job")
            comparison = compare(result, job_result)
            page = render_report(result, job=job_result, comparison=comparison, title=title)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        typer.echo(f"OSError: cannot write the report to {out}: {exc.strerror or exc}", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(f"wrote {out}", err=True)


def _match_as(matcher: SkillMatcher, doc: Document, kind: TextKind) -> MatchResult:
    """Match a document as a résumé or a job, keeping its warnings (as ``match_document`` does)."""
    result = matcher.match(
        doc.text, as_of=doc.as_of, kind=kind, id=doc.id, hidden_spans=doc.hidden_spans
    )
    if not doc.warnings:
        return result
    warnings = list(doc.warnings) + [w for w in result.warnings if w.code != "hidden-text"]
    return result.model_copy(update={"warnings": warnings})


def main() -> None:
    """Run the command line."""
    app()
