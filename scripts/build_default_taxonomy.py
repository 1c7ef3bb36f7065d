"""Regenerate the shipped default taxonomy from the repository's ``taxonomy/`` folder, or check it.

The default (``src/skillmatch/data/default.yaml``, package data) is the build of
``taxonomy/what-is-ai-engineer.txt`` plus the curated ``taxonomy/overlay.yaml``. Those two files
are the single source; they stay in the repository and out of the wheel. This script lives
outside the package because it knows the repository's layout; the library's builder takes
explicit paths or text only.

    .venv/bin/python scripts/build_default_taxonomy.py --write-default   # after editing taxonomy/
    .venv/bin/python scripts/build_default_taxonomy.py --check           # exit 1 when out of date
"""

from __future__ import annotations

import argparse
from pathlib import Path

from skillmatch.taxonomy import Taxonomy, build_taxonomy

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DOCUMENT = REPO / "taxonomy" / "what-is-ai-engineer.txt"
DEFAULT_OVERLAY = REPO / "taxonomy" / "overlay.yaml"
DEFAULT_OUTPUT = REPO / "src" / "skillmatch" / "data" / "default.yaml"

_HEADER = (
    "# The default skillmatch taxonomy. GENERATED - do not edit by hand.\n"
    "# Built from taxonomy/what-is-ai-engineer.txt + taxonomy/overlay.yaml; regenerate with\n"
    "#   .venv/bin/python scripts/build_default_taxonomy.py --write-default\n"
)


def build_default() -> Taxonomy:
    """Build the default taxonomy from the document and overlay kept in ``taxonomy/``."""
    return build_taxonomy(DEFAULT_DOCUMENT, overlay=DEFAULT_OVERLAY)


def default_yaml() -> str:
    """Return the text of ``skillmatch/data/default.yaml`` as the builder makes it now."""
    return _HEADER + build_default().dump_yaml()


def main(argv: list[str] | None = None) -> int:
    """Regenerate the shipped default taxonomy (``--write-default``) or check it (``--check``)."""
    parser = argparse.ArgumentParser(
        prog="scripts/build_default_taxonomy.py", description=main.__doc__
    )
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write-default", action="store_true")
    group.add_argument("--check", action="store_true")
    options = parser.parse_args(argv)
    text = default_yaml()
    if options.write_default:
        DEFAULT_OUTPUT.write_text(text, encoding="utf-8")
        return 0
    current = DEFAULT_OUTPUT.read_text(encoding="utf-8") if DEFAULT_OUTPUT.exists() else ""
    return 0 if current == text else 1


if __name__ == "__main__":
    raise SystemExit(main())
