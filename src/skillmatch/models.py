"""Frozen result models: mentions with evidence, skills, coverage, seniority, matches, comparisons.

Everything skillmatch returns is one of these pydantic models. They are immutable, serialize to
JSON with ``model_dump_json()`` and load back with ``model_validate_json()``. Offsets are character
offsets into the original text: ``text[m.start:m.end] == m.text`` for every mention ``m``.

This module imports nothing from the package.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticSerializationError, to_json

__all__ = [
    "LEVELS",
    "LIST_SEP",
    "CategoryCoverage",
    "CategoryFit",
    "Comparison",
    "Coverage",
    "Flag",
    "GroupFit",
    "Level",
    "MatchResult",
    "Mention",
    "Method",
    "NearMiss",
    "Requirement",
    "RequirementGroup",
    "RoleScore",
    "Seniority",
    "SeniorityEvidence",
    "SkillHit",
    "Status",
    "TextKind",
    "level_rank",
    "writable",
]

Level = Literal["entry", "mid", "senior"]
"""A seniority level, as the role document names them (0-2, 2-5 and 5+ years)."""

LEVELS: tuple[Level, ...] = ("entry", "mid", "senior")
"""The seniority levels, lowest first."""


def level_rank(level: Level) -> int:
    """Return the position of ``level`` in :data:`LEVELS` (entry 0, mid 1, senior 2)."""
    return LEVELS.index(level)


LIST_SEP = "; "
"""What joins a list in a flat row (``to_row``, ``skillmatch score``'s CSV): ``"python; go"``."""


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


Method = Literal["exact", "normalized", "fuzzy", "pattern"]
"""How a mention matched: the alias as written, the alias without spaces/dots/hyphens, a close
spelling (rapidfuzz), or a token pattern describing work done."""

Status = Literal["counted", "negated", "other-party", "hidden"]
"""Whether a mention counts: ``negated`` ("no Kubernetes needed"), ``other-party`` (a skill of
another team or company), ``hidden`` (text a reader cannot see in a PDF)."""

Requirement = Literal["required", "preferred", "negated"]
"""How strongly a job posting asks for a skill."""

TextKind = Literal["resume", "job"]


_UNENCODABLE = re.compile("[\ud800-\udfff]")


def writable(text: str) -> str:
    """``text`` with every code point that UTF-8 cannot encode (a lone surrogate, as JSON's
    ``"\\ud800"`` gives) replaced by U+FFFD: one code point for one, so offsets still hold.

    >>> writable("bad\\ud800 Python") == "bad\\ufffd Python"
    True
    """
    return _UNENCODABLE.sub("\ufffd", text) if _UNENCODABLE.search(text) else text


def _writable_data(value: Any) -> Any:
    if isinstance(value, str):
        return writable(value)
    if isinstance(value, dict):
        return {
            writable(k) if isinstance(k, str) else k: _writable_data(v) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_writable_data(v) for v in value]
    return value


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def model_dump_json(self, *, indent: int | None = None, **kwargs: Any) -> str:
        """Serialize to JSON, as pydantic does; a text that UTF-8 cannot encode (a lone
        surrogate) is written with U+FFFD in its place, so any text gives its JSON."""
        try:
            return super().model_dump_json(indent=indent, **kwargs)
        except PydanticSerializationError:
            data = _writable_data(self.model_dump(mode="json", **kwargs))
            return to_json(data, indent=indent).decode("utf-8")


class Mention(_Frozen):
    """One piece of evidence: where in the text a skill (or a level signal) was found, and how."""

    skill_id: str
    start: int = Field(ge=0, description="Offset of the first character in the original text.")
    end: int = Field(ge=0, description="Offset one past the last character.")
    text: str = Field(description="The surface form: original_text[start:end].")
    matched: str = Field(description="The alias, evidence term or rule that produced the mention.")
    method: Method
    score: float = Field(ge=0.0, le=1.0, description="Confidence in [0, 1].")
    status: Status = "counted"
    requirement: Requirement | None = Field(
        default=None, description="For job postings: required, preferred or negated."
    )


class SkillHit(_Frozen):
    """A skill found in the text, with every mention that supports it."""

    skill_id: str
    name: str
    categories: list[str]
    score: float = Field(ge=0.0, le=1.0, description="The best mention's confidence.")
    mentions: list[Mention]
    years: float | None = Field(default=None, description="Years of use, where the text says.")
    requirement: Requirement | None = None

    @property
    def count(self) -> int:
        """How many mentions support the skill."""
        return len(self.mentions)


class CategoryCoverage(_Frozen):
    """How much of one category of the taxonomy the text covers."""

    category_id: str
    name: str
    weight: float
    coverage: float = Field(ge=0.0, le=1.0)
    found: list[str]
    missing: list[str]


class Coverage(_Frozen):
    """Coverage of the taxonomy, by category and overall (weighted by category weight)."""

    overall: float = Field(ge=0.0, le=1.0)
    categories: list[CategoryCoverage]

    def category(self, category_id: str) -> CategoryCoverage:
        """Return the coverage of one category; raise ``KeyError`` if the taxonomy lacks it."""
        for c in self.categories:
            if c.category_id == category_id:
                return c
        raise KeyError(category_id)


class SeniorityEvidence(_Frozen):
    """A span of the text that says something about seniority."""

    kind: Literal["years", "date-range", "title", "signal"]
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    level: Level | None = None
    years: float | None = None
    detail: str = ""


class Seniority(_Frozen):
    """The estimated level: reached (résumé) or sought (job posting)."""

    level: Level | None = None
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    years: float | None = Field(default=None, description="Estimated years of experience.")
    evidence: list[SeniorityEvidence] = Field(default_factory=list)
    reason: str = ""
    as_of: date | None = Field(
        default=None, description='The day the text was written: what "Present" means.'
    )
    as_of_source: str = Field(
        default="",
        description=(
            "Why as_of is that day: 'given' (by the caller or an as_of column), 'metadata (...)'"
            " (the file's own date), 'text (...)' (the dates the text names), 'today'."
        ),
    )


class RoleScore(_Frozen):
    """How much the text resembles one role profile of the taxonomy."""

    role_id: str
    name: str
    score: float = Field(ge=0.0, le=1.0)
    reason: str


class Flag(_Frozen):
    """A warning about the text: hidden text, keyword stuffing, unsupported skill lists..."""

    code: str
    message: str
    skill_id: str | None = None
    start: int | None = None
    end: int | None = None


class RequirementGroup(_Frozen):
    """Skills a posting names as alternatives ("PyTorch or TensorFlow"): any one satisfies it."""

    skill_ids: list[str] = Field(
        description="The alternatives, in the order the posting names them."
    )
    requirement: Requirement = Field(description="required or preferred.")
    start: int = Field(ge=0, description="Offset of the phrase that names them.")
    end: int = Field(ge=0)
    text: str = Field(description="The phrase: original_text[start:end].")


class MatchResult(_Frozen):
    """What :meth:`skillmatch.SkillMatcher.match` finds in one text."""

    id: str | None = None
    kind: TextKind
    text: str = Field(description="The original text that offsets point into.")
    skills: list[SkillHit]
    excluded: list[Mention] = Field(
        default_factory=list, description="Mentions that do not count: negated, hidden, ..."
    )
    signals: list[Mention] = Field(
        default_factory=list, description="Level signals of the role document found in the text."
    )
    coverage: Coverage
    seniority: Seniority
    roles: list[RoleScore] = Field(default_factory=list)
    warnings: list[Flag] = Field(default_factory=list)
    taxonomy: str = ""
    requirement_groups: list[RequirementGroup] = Field(
        default_factory=list,
        description="In a posting: skills named as alternatives, any one of which satisfies it.",
    )
    other_skills: list[SkillHit] = Field(
        default_factory=list,
        description=(
            "Technologies of the catalogue the text names that the taxonomy does not hold"
            " (Java, Terraform, Tableau), with evidence; they never count in coverage or fit."
        ),
    )

    @property
    def skill_ids(self) -> list[str]:
        """The ids of the skills found, in the order reported."""
        return [s.skill_id for s in self.skills]

    def skill(self, skill_id: str) -> SkillHit | None:
        """Return the hit for ``skill_id``, or ``None`` if the text does not show it."""
        for s in self.skills:
            if s.skill_id == skill_id:
                return s
        return None

    def to_row(self) -> dict[str, Any]:
        """Return the result as one flat row: the columns ``skillmatch score`` writes for it.

        ``id, level, years, coverage_overall``, one ``coverage_<category id>`` per category,
        ``skills`` and ``warnings`` (codes), lists joined with ``"; "``, numbers rounded to 4
        places. ``pandas.DataFrame([r.to_row() for r in results])`` is a table of results;
        :func:`skillmatch.to_frame` does that and adds comparisons.
        """
        row: dict[str, Any] = {
            "id": self.id,
            "level": self.seniority.level,
            "years": _round(self.seniority.years),
            "coverage_overall": _round(self.coverage.overall),
        }
        for cat in self.coverage.categories:
            row[f"coverage_{cat.category_id}"] = _round(cat.coverage)
        row["skills"] = LIST_SEP.join(self.skill_ids)
        row["warnings"] = LIST_SEP.join(dict.fromkeys(w.code for w in self.warnings))
        return row


class NearMiss(_Frozen):
    """The phrase of a résumé closest to a skill it lacks, for a person to check."""

    skill_id: str
    phrase: str
    start: int
    end: int
    score: float = Field(ge=0.0, le=1.0)


class CategoryFit(_Frozen):
    """Fit of a résumé to a job inside one category."""

    category_id: str
    name: str
    score: float = Field(ge=0.0, le=1.0)
    required_covered: list[str]
    required_missing: list[str]
    preferred_covered: list[str]
    preferred_missing: list[str]
    extra: list[str]


class GroupFit(_Frozen):
    """How a résumé meets one requirement group of a posting: which alternative, if any."""

    skill_ids: list[str]
    requirement: Requirement
    satisfied_by: str | None = Field(
        default=None, description="The first alternative the résumé shows; None when it shows none."
    )


class Comparison(_Frozen):
    """What :func:`skillmatch.compare` says of a résumé against a job posting."""

    score: float = Field(ge=0.0, le=1.0)
    categories: list[CategoryFit]
    required_missing: list[str]
    preferred_missing: list[str]
    seniority_gap: int | None = Field(
        default=None, description="Résumé level minus job level, in levels (-2..2)."
    )
    resume_level: Level | None = None
    job_level: Level | None = None
    near_misses: list[NearMiss] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    groups: list[GroupFit] = Field(
        default_factory=list,
        description="The posting's alternatives and the one that satisfied each (or None).",
    )

    def to_row(self) -> dict[str, Any]:
        """Return the comparison as flat columns: ``fit, missing_required, missing_preferred``
        and ``warnings``.

        The columns ``skillmatch score`` adds to a résumé's row (lists joined with ``"; "``). Its
        ``warnings`` replace the résumé's: the comparison's flags hold the résumé's and what
        comparing found (``job-text-copied``).
        """
        return {
            "fit": _round(self.score),
            "missing_required": LIST_SEP.join(self.required_missing),
            "missing_preferred": LIST_SEP.join(self.preferred_missing),
            "warnings": LIST_SEP.join(dict.fromkeys(w.code for w in self.flags)),
        }
