"""The taxonomy: categories, skills with their aliases and evidence terms, level signals, roles.

A taxonomy is data, validated by the pydantic models below. It is read from YAML or JSON
(:meth:`Taxonomy.load`), shipped as package data (:meth:`Taxonomy.default`, found through
``importlib.resources``), or built from a role document (:mod:`skillmatch.taxonomy.build`).
Thresholds and rules live here, not in code.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from skillmatch._runtime import gc_paused
from skillmatch.errors import TaxonomyError
from skillmatch.models import Level
from skillmatch.taxonomy.files import (
    describe_validation_error,
    parse_shipped_yaml,
    read_data_file,
    short_repr,
)
from skillmatch.taxonomy.rules import TechnicalContext, WorkRule, WorkSettings

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
    window: int = Field(
        default=8, ge=1, le=100, description="Tokens on each side for `context` and `not_near`."
    )
    not_before: list[str] = Field(
        default_factory=list,
        description="Tokens that must not directly follow the alias ('Go' + '-to', 'go' + 'live').",
    )
    not_after: list[str] = Field(
        default_factory=list, description="Tokens that must not directly precede the alias."
    )
    not_near: list[str] = Field(
        default_factory=list,
        description=(
            "Words none of which may occur within `window` tokens of the alias ('GCP' near"
            " 'clinical' is Good Clinical Practice). A word ending in '*' is a prefix."
        ),
    )
    unambiguous: bool = Field(
        default=False,
        description=(
            "Curated: this alias names the skill although it is a common English word (Python,"
            " SQL). The linter does not flag it; matching ignores this flag."
        ),
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

    @field_validator("context", "not_before", "not_after", "not_near")
    @classmethod
    def _no_blank_words(cls, value: list[str]) -> list[str]:
        return _strip_words(value, "a context word")


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

    @field_validator("steps")
    @classmethod
    def _no_blank_steps(cls, value: list[list[str]]) -> list[list[str]]:
        for step in value:
            if not step:
                raise ValueError("a step must list at least one word form")
        return [_strip_words(step, "a word form") for step in value]


def _strip_words(words: list[str], what: str) -> list[str]:
    stripped = [word.strip() for word in words]
    if any(not word for word in stripped):
        raise ValueError(f"{what} must not be blank")
    return stripped


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
    work: list[WorkRule] = Field(
        default_factory=list, description="Described work: an action and an object in a clause."
    )
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


# Internships and jobs held as a student, in several languages: one string, since a list of one
# word a line would take the module over the size the architecture test allows.
_NON_WORK_ROLES = (  # noqa: SIM905
    "intern|internship|teaching assistant|working student|student assistant|student worker|"
    "werkstudent|werkstudentin|praktikant|praktikantin|praktikum|becario|becaria|pasante|"
    "stagiaire|co-op|graduate assistant|resident assistant|resident advisor|peer tutor|"
    "peer mentor|student teacher|student teaching|externship"
).split("|")


class SeniorityRules(_Strict):
    """Year thresholds and title words that place a text at a level."""

    bands: list[LevelBand] = Field(
        default_factory=lambda: [
            LevelBand(level="entry", min_years=0, max_years=2),
            LevelBand(level="mid", min_years=2, max_years=5),
            LevelBand(level="senior", min_years=5, max_years=None),
        ]
    )
    titles: dict[Level, list[str]] = Field(default_factory=dict)
    title_traps: list[str] = Field(
        default_factory=list,
        description="Phrases where a title word is not a title ('senior management').",
    )
    phrases: dict[Level, list[str]] = Field(
        default_factory=lambda: {  # type: ignore[arg-type]
            "entry": [
                "new grad",
                "new grads",
                "new graduates",
                "recent graduate",
                "graduate programme",
                "graduate program",
                "internship",
                "entry-level",
                "entry level",
            ]
        },
        description=(
            "Phrases that place a text at a level wherever they occur, not only in a title"
            " ('new grads welcome', 'graduate programme'). They rank with titles, below years."
        ),
    )
    non_work_roles: list[str] = Field(
        default_factory=lambda: list(_NON_WORK_ROLES),
        description=(
            "Role words whose dated spans are not counted as years of work experience:"
            " internships and jobs held as a student. A full-time trainee or graduate programme"
            " counts as work."
        ),
    )
    relevant_roles: list[str] = Field(
        default_factory=lambda: [
            "engineer",
            "engineering",
            "developer",
            "scientist",
            "data",
            "analyst",
            "ml",
            "ai",
            "machine learning",
            "software",
            "programmer",
            "architect",
            "research",
            "researcher",
            "devops",
            "sre",
            "cto",
            "technical",
        ],
        description=(
            "Words of a role heading that make its years relevant experience. When some dated"
            " roles of a résumé carry one of them, the others (a warehouse job before a career"
            " change) are not counted; when none does, all roles count."
        ),
    )

    def level_for_years(self, years: float) -> Level:
        """Return the level whose band holds ``years``."""
        chosen: Level = self.bands[0].level
        for band in sorted(self.bands, key=lambda b: b.min_years):
            if years >= band.min_years:
                chosen = band.level
        return chosen


class Taxonomy(_Strict):
    """A whole taxonomy. Load one with :meth:`load` or :meth:`default`.

    Ids are unique per kind (categories, skills, signals, roles); every category a skill or a
    role names must exist. Lookups by id (:meth:`skill`, :meth:`category`...) are dictionaries
    built once at construction.

    >>> taxonomy = Taxonomy.default()
    >>> taxonomy.skill("aws").name
    'AWS'
    >>> sorted(s.id for s in taxonomy.skills_in("cloud-platforms"))
    ['aws', 'azure', 'gcp']
    """

    name: str
    version: str = "1"
    description: str = ""
    categories: list[Category] = Field(min_length=1)
    skills: list[Skill] = Field(min_length=1)
    signals: list[Signal] = Field(default_factory=list)
    roles: list[RoleProfile] = Field(default_factory=list)
    seniority: SeniorityRules = Field(default_factory=SeniorityRules)
    work: WorkSettings = Field(default_factory=WorkSettings)
    technical_context: TechnicalContext = Field(default_factory=TechnicalContext)

    _categories: dict[str, Category] = PrivateAttr(default_factory=dict)
    _skills: dict[str, Skill] = PrivateAttr(default_factory=dict)
    _signals: dict[str, Signal] = PrivateAttr(default_factory=dict)
    _roles: dict[str, RoleProfile] = PrivateAttr(default_factory=dict)
    _by_category: dict[str, list[Skill]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _check_references(self) -> Taxonomy:
        for kind, ids in (
            ("categories", [category.id for category in self.categories]),
            ("skills", [skill.id for skill in self.skills]),
            ("signals", [signal.id for signal in self.signals]),
            ("roles", [role.id for role in self.roles]),
        ):
            first: dict[str, int] = {}
            for index, item_id in enumerate(ids):
                if item_id in first:
                    raise ValueError(
                        f"{kind} -> {index} -> id: duplicate id {item_id!r} (first used at"
                        f" {kind} -> {first[item_id]}); give each entry of {kind} its own id"
                    )
                first[item_id] = index
        known = {category.id for category in self.categories}
        for index, skill in enumerate(self.skills):
            for position, ref in enumerate(skill.categories):
                if ref not in known:
                    raise ValueError(
                        f"skills -> {index} -> categories -> {position}: unknown category {ref!r}"
                        f" of skill {skill.id!r}; use one of {sorted(known)} or add the category"
                    )
        for index, skill in enumerate(self.skills):
            for position, rule in enumerate(skill.work):
                for term in (*rule.actions, *rule.objects, *rule.not_objects):
                    if term.startswith("@") and term[1:] not in self.work.families:
                        raise ValueError(
                            f"skills -> {index} -> work -> {position}: unknown family {term!r} of"
                            f" rule {rule.id!r}; use one of {sorted(self.work.families)} or add"
                            " it under work -> families"
                        )
        for index, role in enumerate(self.roles):
            for ref in role.categories:
                if ref not in known:
                    raise ValueError(
                        f"roles -> {index} -> categories -> {ref}: unknown category {ref!r} of"
                        f" role {role.id!r}; use one of {sorted(known)}"
                    )
        return self

    def model_post_init(self, context: Any, /) -> None:
        """Index the entries by id (private attributes may be set on a frozen model)."""
        self._categories = {category.id: category for category in self.categories}
        self._skills = {skill.id: skill for skill in self.skills}
        self._signals = {signal.id: signal for signal in self.signals}
        self._roles = {role.id: role for role in self.roles}
        by_category: dict[str, list[Skill]] = {category.id: [] for category in self.categories}
        for skill in self.skills:
            for ref in skill.categories:
                by_category.setdefault(ref, []).append(skill)  # validated after this
        self._by_category = by_category

    # -- lookups ---------------------------------------------------------------------------

    def skill(self, skill_id: str) -> Skill:
        """Return the skill with this id; ``KeyError`` names the id when there is none."""
        return _lookup(self._skills, skill_id, "skill")

    def category(self, category_id: str) -> Category:
        """Return the category with this id; ``KeyError`` when there is none."""
        return _lookup(self._categories, category_id, "category")

    def signal(self, signal_id: str) -> Signal:
        """Return the level signal with this id; ``KeyError`` when there is none."""
        return _lookup(self._signals, signal_id, "signal")

    def role(self, role_id: str) -> RoleProfile:
        """Return the role profile with this id; ``KeyError`` when there is none."""
        return _lookup(self._roles, role_id, "role")

    def skills_in(self, category_id: str) -> list[Skill]:
        """Return the skills of a category, in taxonomy order."""
        self.category(category_id)
        return list(self._by_category[category_id])

    @property
    def skill_ids(self) -> list[str]:
        """Every skill id, in taxonomy order."""
        return list(self._skills)

    @property
    def category_ids(self) -> list[str]:
        """Every category id, in taxonomy order."""
        return list(self._categories)

    # -- loading and saving ------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "<taxonomy>") -> Taxonomy:
        """Validate a parsed taxonomy (a mapping); ``source`` names it in error messages.

        Raises :class:`TaxonomyError` naming the source, the place, the bad value and the fix.
        """
        if not isinstance(data, dict):
            raise TaxonomyError(
                f"{source}: the taxonomy must be a mapping with keys such as 'name', 'categories'"
                f" and 'skills', got {type(data).__name__} {short_repr(data)}; write it as YAML or"
                " JSON key: value pairs"
            )
        try:
            with gc_paused():
                return cls.model_validate(data)
        except ValidationError as exc:
            raise TaxonomyError(describe_validation_error(exc, source, cls)) from None

    @classmethod
    def load(cls, path: str | Path) -> Taxonomy:
        """Read a taxonomy from a YAML or JSON file.

        YAML anchors and aliases are refused (they allow "billion laughs" expansion), as are
        files over :data:`skillmatch.taxonomy.files.MAX_FILE_BYTES`. Every problem raises
        :class:`TaxonomyError`.

        >>> Taxonomy.load("no/such/file.yaml")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        skillmatch.errors.TaxonomyError: no/such/file.yaml: no such taxonomy file; ...
        """
        return cls.from_dict(read_data_file(path, what="taxonomy"), source=str(path))

    @classmethod
    def default(cls) -> Taxonomy:
        """Return the shipped default taxonomy (built from "What is AI Engineer"); cached."""
        return _default_taxonomy()

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """Return the JSON Schema of the taxonomy format, for editors and validators."""
        schema = cls.model_json_schema()
        # An alias may be a plain string (``Alias._from_string``), as ``taxonomy build`` writes.
        ref = '{"$ref": "#/$defs/Alias"}'
        plain = '{"anyOf": [{"type": "string", "minLength": 1}, ' + ref + "]}"
        schema = json.loads(json.dumps(schema).replace(ref, plain))
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = "skillmatch taxonomy"
        return schema

    def to_dict(self) -> dict[str, Any]:
        """Return the taxonomy as plain data, leaving out defaults; one-key aliases as strings."""
        data = self.model_dump(mode="json", exclude_defaults=True)
        for kind in ("skills", "signals"):
            for entry in data.get(kind, []):
                for key in ("aliases", "evidence"):
                    if key in entry:
                        entry[key] = [_compact_alias(alias) for alias in entry[key]]
        return data

    def dump_yaml(self) -> str:
        """Return the taxonomy as YAML text that :meth:`load` reads back to an equal taxonomy."""
        return yaml.safe_dump(
            self.to_dict(), sort_keys=False, allow_unicode=True, width=100, indent=2
        )

    def dump_json(self, *, indent: int | None = 2) -> str:
        """Return the taxonomy as JSON text that :meth:`load` reads back to an equal taxonomy."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False) + "\n"


def _lookup(index: dict[str, Any], key: str, what: str) -> Any:
    try:
        return index[key]
    except KeyError:
        raise KeyError(f"no {what} with id {key!r}") from None


def _compact_alias(alias: Any) -> Any:
    if isinstance(alias, dict) and set(alias) == {"text"}:
        return alias["text"]
    return alias


@functools.lru_cache(maxsize=1)
def _default_taxonomy() -> Taxonomy:
    resource = importlib.resources.files("skillmatch").joinpath("data", "default.yaml")
    text = resource.read_text(encoding="utf-8")
    source = "skillmatch/data/default.yaml"
    return Taxonomy.from_dict(parse_shipped_yaml(text, source=source), source=source)
