"""How a command ends: its text on stdout or in a file, or a library error on one line of stderr."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import typer

from skillmatch.errors import SkillmatchError


@contextlib.contextmanager
def handle_errors() -> Iterator[None]:
    """Turn a library error into ``ErrorName: message`` on one line of stderr and exit 1."""
    try:
        yield
    except SkillmatchError as exc:
        message = " ".join(str(exc).split())
        typer.echo(f"{type(exc).__name__}: {message}", err=True)
        raise typer.Exit(code=1) from None


def write_output(text: str, out: Path | None) -> None:
    if out is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        out.write_text(text, encoding="utf-8")


@contextlib.contextmanager
def write_errors(target: Path) -> Iterator[None]:
    """A file that cannot be written (a full disk, no permission) on one line, exit 1."""
    try:
        yield
    except OSError as exc:
        typer.echo(f"OSError: cannot write {target}: {exc.strerror or exc}", err=True)
        raise typer.Exit(code=1) from None
