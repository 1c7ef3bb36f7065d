"""The taxonomy: categories, skills with their aliases and evidence terms, level signals, roles.

A taxonomy is data, validated by the pydantic models below. It is read from YAML or JSON
(:meth:`Taxonomy.load`), shipped as package data (:meth:`Taxonomy.default`), or built from a role
document (:mod:`skillmatch.builder`). Thresholds and rules live here, not in code.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from skillmatch.models import Level

__all__ = [
    "Alias",
    "Category",
    "LevelBand",
    "RoleProfile",
    "SeniorityRules",
    "Signal",
    "Skill",
    "Taxonomy",
    "TermPattern",
]

_ID = r"^[a-z0-9][a-z0-9._-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Alias(_Strict):
    """A surface form of a skill, with the gates it must pass to count.

    In YAML an alias is either a plain string or a mapping with these keys.
    """

    text: str = Field(min_length=1, description="The words as people write them.")
    case_sensitive: bool = Field(
        default=False, description="Match only with this exact casing (for 'Go', 'R', 'TF')."
    )
    exact_only: bool = Field(
        default=False, description="Never match a normalized or misspelled variant."
    )
    context: list[str] = Field(
        default_factory=list,
        description=(
            "Words of which at least one must occur within `window` tokens of the alias. A word"
            " ending in '*' is a prefix; '@category-id' stands for another skill of that category."
        ),
    )
    window: int = Field(default=8, ge=1, le=100, description="Tokens on each side for `context`.")
    not_before: list[str] = Field(
        default_factory=list,
        description="Tokens that must not directly follow the alias ('Go' + '-to', 'go' + 'live').",
    )
    not_after: list[str] = Field(
        default_factory=list, description="Tokens that must not directly precede the alias."
    )

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    @field_validator("text")
    @classmethod
    def _strip(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("an alias must not be blank")
        return value


class TermPattern(_Strict):
    """Words that must occur in order inside one sentence: evidence of work done.

    Each step is a list of word forms (a trailing '*' makes a prefix: 'deploy*'); consecutive
    steps may be at most `window` tokens apart. "deployed the models to production" matches
    ``[[deploy*], [production, prod]]``.
    """

    id: str = Field(pattern=_ID)
    steps: list[list[str]] = Field(min_length=1)
    window: int = Field(default=6, ge=0, le=30)
    unordered: bool = Field(default=False, description="Let the steps occur in any order.")


class Category(_Strict):
    """A group of skills, as a heading of the role document names it."""

    id: str = Field(pattern=_ID)
    name: str
    description: str = ""
    weight: float = Field(default=1.0, ge=0.0)


class Skill(_Strict):
    """A skill: its stable id, its categories and everything that counts as evidence of it."""

    id: str = Field(pattern=_ID)
    name: str
    categories: list[str] = Field(min_length=1)
    description: str = ""
    aliases: list[Alias] = Field(default_factory=list)
    evidence: list[Alias] = Field(
        default_factory=list,
        description="Finer terms (tools, products) that show the skill: SageMaker for aws.",
    )
    patterns: list[TermPattern] = Field(default_factory=list)
    level: Level | None = Field(
        default=None, description="The level at which the role document places the skill."
    )
    fuzzy: bool = Field(default=True, description="Allow misspelled matches of its aliases.")


class Signal(_Strict):
    """A progression signal: evidence that a text is at a level (Skills Progression)."""

    id: str = Field(pattern=_ID)
    name: str
    level: Level
    aliases: list[Alias] = Field(default_factory=list)
    patterns: list[TermPattern] = Field(default_factory=list)


class RoleProfile(_Strict):
    """A role of the document (data scientist, ML engineer...) as weights over categories."""

    id: str = Field(pattern=_ID)
    name: str
    description: str = ""
    categories: dict[str, float] = Field(
        default_factory=dict, description="Category id -> how much the role leans on it (0-1)."
    )


class LevelBand(_Strict):
    """A level and the years of experience it spans: ``min_years <= years < max_years``."""

    level: Level
    min_years: float = Field(ge=0)
    max_years: float | None = None


class SeniorityRules(_Strict):
    """Year thresholds and title words that place a text at a level."""

    bands: list[LevelBand] = Field(
        default_factory=lambda: [
            LevelBand(level="entry", min_years=0, max_years=2),
            LevelBand(level="mid", min_years=2, max_years=5),
            LevelBand(level="senior", min_years=5, max_years=None),
        ]
    )
    titles: dict[Literal["entry", "mid", "senior"], list[str]] = Field(default_factory=dict)
    title_traps: list[str] = Field(
        default_factory=list,
        description="Phrases where a title word is not a title ('senior management').",
    )

    def level_for_years(self, years: float) -> Level:
        """Return the level whose band holds ``years``."""
        chosen: Level = self.bands[0].level
        for band in sorted(self.bands, key=lambda b: b.min_years):
            if years >= band.min_years:
                chosen = band.level
        return chosen


class Taxonomy(_Strict):
    """A whole taxonomy. Load one with :meth:`load` or :meth:`default`."""

    name: str
    version: str = "1"
    description: str = ""
    categories: list[Category] = Field(min_length=1)
    skills: list[Skill] = Field(min_length=1)
    signals: list[Signal] = Field(default_factory=list)
    roles: list[RoleProfile] = Field(default_factory=list)
    seniority: SeniorityRules = Field(default_factory=SeniorityRules)
