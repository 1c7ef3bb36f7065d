"""Input limits: how big a file, a text or a PDF may be before skillmatch refuses it.

Every limit has a default that fits real résumés and job postings with a wide margin, and every
limit can be raised. Going over one raises :class:`~skillmatch.errors.LimitExceededError`, whose
message names the file, the limit, the value found, the maximum and the option to change.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from skillmatch.errors import LimitExceededError

__all__ = ["Limits"]

_MB = 1024 * 1024


class Limits(BaseModel):
    """The limits a reader enforces; frozen, so one instance can be shared by every worker.

    >>> from skillmatch.readers import Limits
    >>> Limits().max_pdf_pages
    50
    >>> Limits(max_pdf_pages=200).max_pdf_pages
    200
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_file_bytes: int = Field(
        default=20 * _MB, gt=0, description="Size of one input file on disk (and of stdin)."
    )
    max_text_chars: int = Field(
        default=2_000_000, gt=0, description="Characters of text extracted from one document."
    )
    max_pdf_pages: int = Field(default=50, gt=0, description="Pages of one PDF.")
    max_docx_uncompressed_bytes: int = Field(
        default=100 * _MB,
        gt=0,
        description="Total uncompressed size of a DOCX archive's entries, checked before opening.",
    )
    max_docx_ratio: float = Field(
        default=100.0,
        gt=0,
        description="Uncompressed / compressed size of a DOCX archive (zip-bomb guard).",
    )
    max_pdf_drawing_ops: int = Field(
        default=50_000,
        gt=0,
        description="Drawing operations (path and paint operators) on one PDF page.",
    )
    max_pdf_inflated_bytes: int = Field(
        default=100 * _MB,
        gt=0,
        description="Bytes of a PDF's compressed streams once inflated (a compression bomb).",
    )
    max_seconds_per_file: float = Field(
        default=60.0,
        gt=0,
        le=7 * 24 * 3600,
        allow_inf_nan=False,
        description="Seconds to read and match one input, at every entry point (the time budget).",
    )
    max_worker_memory_bytes: int = Field(
        default=2048 * _MB,
        gt=0,
        description="Memory one batch worker process may add to what it starts with.",
    )

    def check(self, limit: str, value: float, *, path: str, what: str) -> None:
        """Raise ``LimitExceededError`` if ``value`` is over the limit named ``limit``.

        ``what`` says in words what was measured ("file size", "pages"), for the message.
        """
        maximum = getattr(self, limit)
        if value > maximum:
            raise LimitExceededError(
                f"{path}: {what} {_fmt(value)} is over the limit {limit}={_fmt(maximum)}; "
                f"raise it with Limits({limit}=...) if the input is genuine",
                path=path,
                limit=limit,
                value=value,
                maximum=maximum,
            )


def _fmt(value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"
