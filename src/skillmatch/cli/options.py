"""What the commands share: their options, the matcher, and the checks on the files they are given.

Nothing here imports spaCy or pydantic at module level: ``skillmatch --help`` and a usage error
answer without loading the library.
"""

from __future__ import annotations

import enum
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand

if TYPE_CHECKING:
    from skillmatch.matcher import SkillMatcher
    from skillmatch.readers import Document


class _ShownByMetavar(TyperArgument):
    """An argument shown by its metavar alone, as click shows them: ``INPUT...``, ``[PATH]``."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        return [self.metavar or (self.name or "").upper()]


class Command(TyperCommand):
    """A command whose arguments show their metavar (``RESUME``), not a type (``<path>``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument and param.metavar:
                param.__class__ = _ShownByMetavar


CONTEXT = {"help_option_names": ["-h", "--help"]}


class TableOrJson(str, enum.Enum):
    """Output of a command that prints one object: a table for people, or JSON."""

    table = "table"
    json = "json"


class TableOrJsonl(str, enum.Enum):
    """Output of a command that prints one object per input: a table, a JSON array, or JSONL."""

    table = "table"
    json = "json"
    jsonl = "jsonl"


TaxonomyOption = Annotated[
    Path | None,
    typer.Option(
        "--taxonomy",
        "-t",
        metavar="PATH",
        help="Taxonomy file (YAML or JSON). Default: the packaged AI-engineer taxonomy.",
        show_default=False,
    ),
]
TextColumnOption = Annotated[
    str,
    typer.Option(
        "--text-column", metavar="COLUMN", help="Field of .jsonl/.csv records that holds the text."
    ),
]
IdColumnOption = Annotated[
    str,
    typer.Option(
        "--id-column",
        metavar="COLUMN",
        help="Field of .jsonl/.csv records that holds their id (without it: file:row N).",
    ),
]
ListFormatOption = Annotated[
    TableOrJsonl,
    typer.Option("--format", "-f", metavar="[table|json|jsonl]", help="Output format."),
]
OneFormatOption = Annotated[
    TableOrJson, typer.Option("--format", "-f", metavar="[table|json]", help="Output format.")
]
WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers", "-w", min=1, metavar="N", help="Worker processes (each reads and scores)."
    ),
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
        metavar="SECONDS",
        help="Seconds to read and match one input (default 60); over it, the input fails.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="The day the texts were written (what 'Present' means); default: a record's as_of"
        " column, else the file's own date, else the latest date the text names, else today.",
        show_default=False,
    ),
]
KindCheckOption = Annotated[
    bool,
    typer.Option(
        "--kind-check/--no-kind-check",
        help="Refuse a job posting that reads as a résumé, and swapped texts.",
        show_default=False,
    ),
]


def parse_as_of(value: str | None) -> date | None:
    """Read ``--as-of``; a bad date is a usage error (exit 2) that says how to write it."""
    from skillmatch.analysis import coerce_as_of

    try:
        return coerce_as_of(value, caller="--as-of")
    except TypeError:
        raise typer.BadParameter(
            f"{value!r} is not a date; write it as YYYY-MM-DD", param_hint="--as-of"
        ) from None


def make_matcher(taxonomy: Path | None, *, fuzzy: bool = True) -> SkillMatcher:
    """Build the matcher of ``--taxonomy`` (the default taxonomy when not given)."""
    from skillmatch.matcher import SkillMatcher

    if taxonomy is None:
        return SkillMatcher.default(fuzzy=fuzzy)
    return SkillMatcher.from_taxonomy(taxonomy, fuzzy=fuzzy)


def check_single_file(path: Path, hint: str, *, instead: str = "") -> None:
    """Refuse a folder (or a record set) where the command reads one document: exit 2."""
    if path.is_dir():
        raise typer.BadParameter(
            f"{path} is a folder; give one file." + (f" {instead}" if instead else ""),
            param_hint=hint,
        )
    if path.suffix.lower() in (".jsonl", ".csv"):
        raise typer.BadParameter(
            f"{path} is a set of records, one text each; give one document file."
            + (f" {instead}" if instead else ""),
            param_hint=hint,
        )


KIND_NAMES = {"resume": "a résumé", "job": "a job posting"}


def check_kinds(resume: Document, job: Document, *, resume_hint: str, job_hint: str) -> None:
    """Refuse a job posting that reads as a résumé, and a swapped pair: exit 2.

    A résumé that reads as a posting only earns a warning on stderr: the wording test
    (:func:`skillmatch.analysis.detect_kind`) never took a real posting for a résumé on the
    project's labelled set, but took about one real résumé in twelve for a posting.
    """
    from skillmatch.analysis import detect_kind

    resume_kind, job_kind = detect_kind(resume.text), detect_kind(job.text)
    if job_kind == "job" and resume_kind == "job":
        typer.echo(
            f"warning: {resume.source} reads as a job posting, not a résumé; "
            "comparing it as a résumé",
            err=True,
        )
    if job_kind == "resume":
        swapped = resume_kind == "job"
        raise typer.BadParameter(
            f"{job.source} reads as a résumé, not a job posting"
            + (
                f", and {resume.source} as a job posting: RESUME comes first, then JOB"
                if swapped
                else ""
            )
            + "; if the texts are right, run again with --no-kind-check",
            param_hint=job_hint if not swapped else f"{resume_hint} {job_hint}",
        )
