"""The ``skillmatch`` command: parses options, calls the public API, formats the output.

Library errors are caught here only: printed as ``ErrorName: message`` on one line of stderr,
exit status 1 (2 for bad usage).
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from skillmatch.batch import BatchSummary
    from skillmatch.matcher import SkillMatcher
    from skillmatch.readers import Document

from skillmatch.errors import SkillmatchError
from skillmatch.models import Comparison, MatchResult, TextKind
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
    from skillmatch.taxonomy import build_taxonomy

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
    from skillmatch.taxonomy import lint_taxonomy, read_data_file

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


WorkersOption = Annotated[
    int, typer.Option("--workers", "-w", min=1, help="Worker processes (each reads and scores).")
]
ResumeOption = Annotated[
    bool,
    typer.Option("--resume", help="Skip inputs already in --out (after an interrupted run)."),
]
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
    data = result.model_dump(include={"coverage", "roles", "warnings"})
    coverage = {c["category_id"]: c["coverage"] for c in data["coverage"]["categories"]}
    lines += _summary_lines(data["coverage"]["overall"], coverage, data["roles"], data["warnings"])
    return "\n".join(lines)


def _summary_lines(
    overall: float,
    coverage: dict[str, float],
    roles: list[dict[str, Any]],
    warnings: list[dict[str, Any]],
    *,
    role_label: str = "role",
) -> list[str]:
    """The closing lines of a table: coverage by category, best role, warnings."""
    cats = "  ".join(f"{k} {v:.0%}" for k, v in coverage.items())
    lines = [f"  coverage: {overall:.0%}  |  {cats}"]
    if roles:
        best = roles[0]
        lines.append(f"  {role_label}: {best['name']} ({best['score']:.2f}): {best['reason']}")
    lines += [f"  warning [{w['code']}]: {w['message']}" for w in warnings]
    return lines


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
) -> None:
    """Find skills, coverage and seniority in each input and print them (or write --out rows)."""
    from skillmatch.readers import iter_documents

    if fmt not in ("table", "json", "jsonl"):
        raise typer.BadParameter("choose table, json or jsonl", param_hint="--format")
    if out is not None:
        _check_out(out)
        with _handle_errors():
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
        )
        return
    if resume or workers != 1:
        raise typer.BadParameter("--resume and --workers need --out FILE.csv|.jsonl")
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
    with _handle_errors(), bar:
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


def _format_ranking(rows: list[dict[str, Any]], top: int) -> str:
    lines = [f"{'rank':>4}  {'fit':>5}  {'level':<6}  {'coverage':>8}  file  (missing required)"]
    for row in rows[:top]:
        if row.get("error_type"):
            continue
        missing = row.get("missing_required") or ""
        lines.append(
            f"{row['rank']:>4}  {float(row['fit']):5.2f}  {row.get('level') or '-':<6}  "
            f"{float(row['coverage_overall']):8.0%}  {row['source']}"
            + (f"  ({missing})" if missing else "")
        )
    return "\n".join(lines)


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
    with _handle_errors():
        job_doc = read_document(job)  # before the matcher, which takes seconds to build
        matcher = _matcher(taxonomy)
        job_result = matcher.match_document(job_doc, kind="job")
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
        )
        if top:
            head: list[dict[str, Any]] = []
            for row in read_rows(target):
                if row.get("error_type") or len(head) >= top:
                    break
                head.append(row)
            typer.echo(_format_ranking(head, top))
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


def _format_comparison(
    resume: MatchResult, job: MatchResult, comparison: Comparison, names: dict[str, str]
) -> str:
    flags = f"  [flags: {', '.join(f.code for f in comparison.flags)}]" if comparison.flags else ""
    gap = comparison.seniority_gap
    lines = [
        f"fit {comparison.score:.2f}{flags}",
        f"  résumé level: {comparison.resume_level or 'unknown'}; job level: "
        f"{comparison.job_level or 'unknown'}" + ("" if gap is None else f" (gap {gap:+d})"),
    ]
    for cat in comparison.categories:
        lines.append(f"  {cat.name} {cat.score:.0%}")
        for label, ids in (
            ("required, covered", cat.required_covered),
            ("required, MISSING", cat.required_missing),
            ("preferred, covered", cat.preferred_covered),
            ("preferred, missing", cat.preferred_missing),
            ("extra", cat.extra),
        ):
            if ids:
                lines.append(f"    {label}: {', '.join(names.get(i, i) for i in ids)}")
    for miss in comparison.near_misses:
        lines.append(
            f"  near miss: {names.get(miss.skill_id, miss.skill_id)} ~ {miss.phrase!r}"
            f"@{miss.start} ({miss.score:.2f})"
        )
    for flag in comparison.flags:
        lines.append(f"  warning [{flag.code}]: {flag.message}")
    return "\n".join(lines)


@app.command("compare")
def compare_command(
    resume: Annotated[Path, typer.Argument(help="The résumé.")],
    job: Annotated[Path, typer.Argument(help="The job posting.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    taxonomy: TaxonomyOption = None,
) -> None:
    """Compare a résumé with a job posting: fit, skills covered and missing, level, flags."""
    from skillmatch.readers import read_document
    from skillmatch.scoring import compare

    if fmt not in ("table", "json"):
        raise typer.BadParameter("choose table or json", param_hint="--format")
    with _handle_errors():
        matcher = _matcher(taxonomy)
        resume_result = matcher.match_document(read_document(resume), kind="resume")
        job_result = matcher.match_document(read_document(job), kind="job")
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
    typer.echo(_format_comparison(resume_result, job_result, comparison, names))


def _screen_json(result: MatchResult, source: str, taxonomy: Taxonomy) -> dict[str, Any]:
    names = {c.id: c.name for c in taxonomy.categories}
    wanted: dict[str, dict[str, list[str]]] = {"required": {}, "preferred": {}}
    for hit in result.skills:
        bucket = wanted["preferred" if hit.requirement == "preferred" else "required"]
        for cat in hit.categories or ["(none)"]:
            bucket.setdefault(names.get(cat, cat), []).append(hit.skill_id)
    sen = result.seniority
    return {
        "id": result.id,
        "source": source,
        "level": sen.level,
        "level_confidence": sen.confidence,
        "years": sen.years,
        "level_reason": sen.reason,
        "level_evidence": [e.model_dump(mode="json") for e in sen.evidence],
        "required": wanted["required"],
        "preferred": wanted["preferred"],
        "not_wanted": [m.skill_id for m in result.excluded if m.requirement == "negated"],
        "roles": [r.model_dump(mode="json") for r in result.roles],
        "coverage": {
            "overall": result.coverage.overall,
            **{c.name: c.coverage for c in result.coverage.categories},
        },
        "warnings": [w.model_dump(mode="json") for w in result.warnings],
    }


def _format_screen(data: dict[str, Any]) -> str:
    lines = [f"== {data['source']}"]
    years = f", {data['years']:g}+ years" if data["years"] is not None else ""
    lines.append(
        f"  level sought: {data['level'] or 'unknown'} "
        f"(confidence {data['level_confidence']:.2f}{years}) {data['level_reason']}"
    )
    for ev in data["level_evidence"][:6]:
        lines.append(f"    evidence: {ev['text']!r}@{ev['start']} ({ev['kind']}, {ev['level']})")
    for label in ("required", "preferred"):
        for cat, ids in data[label].items():
            lines.append(f"  {label:<9} {cat}: {', '.join(ids)}")
    if data["not_wanted"]:
        lines.append(f"  not needed: {', '.join(dict.fromkeys(data['not_wanted']))}")
    cov = data["coverage"]
    by_category = {k: v for k, v in cov.items() if k != "overall"}
    lines += _summary_lines(
        cov["overall"], by_category, data["roles"], data["warnings"], role_label="role profile"
    )
    return "\n".join(lines)


@app.command("screen")
def screen_command(
    postings: Annotated[
        list[str], typer.Argument(help="Job postings: files, directories, .jsonl/.csv, or -.")
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or jsonl.")] = "table",
    taxonomy: TaxonomyOption = None,
    text_column: Annotated[str, typer.Option(help="Text column of .csv inputs.")] = "text",
) -> None:
    """Screen job postings: level sought with evidence, required and preferred skills, role."""
    from skillmatch.readers import iter_documents

    if fmt not in ("table", "json", "jsonl"):
        raise typer.BadParameter("choose table, json or jsonl", param_hint="--format")
    failed = 0
    collected: list[dict[str, Any]] = []
    with _handle_errors():
        matcher = _matcher(taxonomy)
        for doc in iter_documents(postings, text_column=text_column):
            if isinstance(doc, SkillmatchError):
                failed += 1
                typer.echo(f"{type(doc).__name__}: {' '.join(str(doc).split())}", err=True)
                continue
            data = _screen_json(
                matcher.match_document(doc, kind="job"), doc.source, matcher.taxonomy
            )
            if fmt == "table":
                typer.echo(_format_screen(data))
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
