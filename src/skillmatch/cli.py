"""The ``skillmatch`` command: parses options, calls the public API, formats the output.

Library errors are caught here only: printed as ``ErrorName: message`` on one line of stderr,
exit status 1 (2 for bad usage).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from skillmatch.errors import SkillmatchError
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


def main() -> None:
    """Run the command line."""
    app()
