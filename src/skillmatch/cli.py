"""The ``skillmatch`` command: parses options, calls the public API, formats the output.

Library errors are caught here only: printed as ``ErrorName: message`` on one line of stderr,
exit status 1 (2 for bad usage).
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="skillmatch",
    help="Find skills in résumés and job postings, with evidence.",
    no_args_is_help=True,
    add_completion=False,
)
taxonomy_app = typer.Typer(help="Build, check and export taxonomies.", no_args_is_help=True)
app.add_typer(taxonomy_app, name="taxonomy")


def main() -> None:
    """Run the command line."""
    app()
