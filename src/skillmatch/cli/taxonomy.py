"""The ``skillmatch taxonomy`` commands: build, lint, schema and show."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from skillmatch.cli.options import CONTEXT, Command
from skillmatch.cli.output import handle_errors, write_output

taxonomy_app = typer.Typer(
    help="Build, check and export taxonomies.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings=CONTEXT,
)


@taxonomy_app.command("build", cls=Command)
def taxonomy_build(
    doc: Annotated[
        Path, typer.Argument(metavar="PATH", help="Role document (plain text or Markdown).")
    ],
    overlay: Annotated[
        Path | None,
        typer.Option(
            "--overlay",
            metavar="PATH",
            help="Curated overlay YAML merged by id.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--out",
            metavar="PATH",
            help="Write here (.json writes JSON; - is stdout).",
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", metavar="TEXT", help="Name of the taxonomy.", show_default=False),
    ] = None,
    no_catalog: Annotated[
        bool,
        typer.Option("--no-catalog", help="Do not link skills to the technology catalogue."),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Do not print what was linked.")
    ] = False,
) -> None:
    """Build a taxonomy from a role document; YAML to stdout or OUT.

    What each skill became (linked to the catalogue, generated spellings, not placed) is
    printed to stderr, so the YAML on stdout stays clean.
    """
    from skillmatch.taxonomy.build import build_report

    if out is not None and str(out) == "-":
        out = None  # "-o -": the taxonomy on stdout
    with handle_errors():
        taxonomy, report = build_report(doc, overlay=overlay, name=name, link=not no_catalog)
        text = (
            taxonomy.dump_json()
            if out is not None and out.suffix == ".json"
            else taxonomy.dump_yaml()
        )
        write_output(text, out)
    if not quiet:
        for line in report.lines():
            typer.echo(line, err=True)


@taxonomy_app.command("lint", cls=Command)
def taxonomy_lint(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="[PATH]",
            help="Taxonomy file (YAML or JSON); the default taxonomy when omitted.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Report shared, common-word, nested and missing aliases; exit 1 on warnings or errors."""
    from skillmatch.taxonomy import Taxonomy, lint_taxonomy, read_data_file

    with handle_errors():
        data = Taxonomy.default().to_dict() if file is None else read_data_file(file)
        issues = lint_taxonomy(data) if isinstance(data, dict) else []
        if not isinstance(data, dict):
            Taxonomy.from_dict(data, source=str(file))
    label = "the default taxonomy" if file is None else str(file)
    for issue in issues:
        alias = repr(issue.alias) if issue.alias is not None else ""
        where = " ".join(part for part in (issue.skill_id or "", alias) if part)
        typer.echo(f"{issue.severity}\t{issue.rule}\t{where}\t{issue.message}")
    serious = sum(issue.severity in {"error", "warning"} for issue in issues)
    typer.echo(f"{label}: {serious} errors/warnings, {len(issues) - serious} notes", err=True)
    if serious:
        raise typer.Exit(code=1)


@taxonomy_app.command("schema", cls=Command)
def taxonomy_schema(
    out: Annotated[
        Path | None,
        typer.Option(
            "-o", "--out", metavar="PATH", help="Write the schema here.", show_default=False
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the taxonomy format (the same as 'skillmatch schema taxonomy')."""
    from skillmatch.taxonomy import Taxonomy

    write_output(json.dumps(Taxonomy.json_schema(), indent=2) + "\n", out)


@taxonomy_app.command("show", cls=Command)
def taxonomy_show(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="[PATH]",
            help="Taxonomy file; the default taxonomy when omitted.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Summarize a taxonomy: its categories and how many skills each holds."""
    from skillmatch.taxonomy import Taxonomy

    with handle_errors():
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
