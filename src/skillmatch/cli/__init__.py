"""The ``skillmatch`` command line: ``app`` (typer) and ``main`` (the ``[project.scripts]`` entry).

Its modules: ``app`` (the commands, options and error handling), ``format`` (text of results,
rankings, comparisons and screens), ``taxonomy`` (the ``taxonomy`` commands) and ``output`` (how a
command ends: stdout, a file, or ``ErrorName: message`` on stderr and exit 1).
"""

from __future__ import annotations

from skillmatch.cli.app import app, main

__all__ = ["app", "main"]
