"""The bodies the service reads and writes (JSON); multipart forms carry files of the same names."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MatchRequest(_Request):
    """``POST /match``: one text."""

    text: str = Field(description="The résumé or job posting.")
    kind: Literal["resume", "job"] | None = Field(
        default=None, description="What the text is; guessed from its wording when not given."
    )
    id: str | None = Field(default=None, description="A name for the text, echoed in the result.")
    as_of: date | None = Field(
        default=None, description="When the text was written ('Present' means that day)."
    )


class CompareRequest(_Request):
    """``POST /compare``: a résumé and a job posting."""

    resume: str = Field(description="The résumé's text.")
    job: str = Field(description="The job posting's text.")
    as_of: date | None = Field(default=None, description="When the résumé was written.")


class ResumeText(_Request):
    """One résumé of a ``/score`` request."""

    text: str
    id: str | None = Field(default=None, description="Its name in the rows (default: resumes[i]).")
    as_of: date | None = None


class ScoreRequest(_Request):
    """``POST /score``: résumés to rank against one job posting."""

    job: str = Field(description="The job posting's text.")
    resumes: list[ResumeText] = Field(description="The résumés, each a text with an optional id.")


class ScoreResponse(BaseModel):
    """The ranking: the rows ``skillmatch score`` writes, best fit first, failed ones last."""

    columns: list[str]
    rows: list[dict[str, Any]] = Field(
        description="One flat row per résumé (the keys of columns); error_type and error are "
        "set on a résumé that could not be scored."
    )


class Health(BaseModel):
    """``GET /health``."""

    status: Literal["ok"]
    version: str
    taxonomy: str
    skills: int


class ErrorBody(BaseModel):
    """Every error response: the library's exception name (or the service's), and why."""

    error: str = Field(description="e.g. EmptyDocumentError, LimitExceededError, InputError")
    message: str
    status: int
    detail: list[dict[str, Any]] | None = None


REQUEST_MODELS: tuple[type[BaseModel], ...] = (MatchRequest, CompareRequest, ScoreRequest)
