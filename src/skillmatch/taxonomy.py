"""The taxonomy: categories, skills with their aliases and evidence terms, level signals, roles.

A taxonomy is data, validated by the pydantic models below. It is read from YAML or JSON
(:meth:`Taxonomy.load`), shipped as package data (:meth:`Taxonomy.default`), or built from a role
document (:mod:`skillmatch.builder`). Thresholds and rules live here, not in code.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import logging
from pathlib import Path
from typing import Any, Literal

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

logger = logging.getLogger("skillmatch")

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Taxonomy files larger than this are refused (a taxonomy is a few hundred kilobytes)."""

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
    phrases: dict[Literal["entry", "mid", "senior"], list[str]] = Field(
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
        default_factory=lambda: ["intern", "internship", "trainee", "teaching assistant"],
        description="Role words whose dated spans are not counted as years of work experience.",
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
                f" and 'skills', got {type(data).__name__} {_short(data)}; write it as YAML or"
                " JSON key: value pairs"
            )
        try:
            with gc_paused():
                return cls.model_validate(data)
        except ValidationError as exc:
            raise TaxonomyError(describe_validation_error(exc, source)) from None

    @classmethod
    def load(cls, path: str | Path) -> Taxonomy:
        """Read a taxonomy from a YAML or JSON file.

        YAML anchors and aliases are refused (they allow "billion laughs" expansion), as are
        files over :data:`MAX_FILE_BYTES`. Every problem raises :class:`TaxonomyError`.

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
    fast_loader = _fast_unique_key_loader()
    if fast_loader is None:
        return Taxonomy.from_dict(parse_data_text(text, source=source), source=source)
    # The shipped file is our own: libyaml parses it several times faster than the pure-Python
    # parser (same data, same duplicate-key check); user files keep the pure-Python parser,
    # whose error messages the taxonomy errors quote.
    _refuse_yaml_aliases(text, source, loader=fast_loader)
    return Taxonomy.from_dict(yaml.load(text, Loader=fast_loader), source=source)


def _fast_unique_key_loader() -> type[Any] | None:
    """Return a libyaml SafeLoader that refuses duplicate keys, or None without libyaml."""
    base: type[Any] | None = getattr(yaml, "CSafeLoader", None)
    if base is None:
        return None
    loader: type[Any] = type("_CUniqueKeyLoader", (base,), {})
    tag = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
    loader.add_constructor(tag, _construct_unique_mapping)
    return loader


# -- reading files and explaining errors -------------------------------------------------------


def read_data_file(path: str | Path, *, what: str = "taxonomy") -> Any:
    """Read and parse a YAML or JSON file, refusing missing, empty, huge or aliased files.

    ``what`` names the kind of file in messages ("taxonomy", "overlay"). Raises
    :class:`TaxonomyError`.
    """
    file = Path(path)
    if not file.exists():
        raise TaxonomyError(
            f"{path}: no such {what} file; check the path (relative paths start at {Path.cwd()})"
        )
    if not file.is_file():
        raise TaxonomyError(f"{path}: is not a file; give the path of a {what} YAML or JSON file")
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise TaxonomyError(
            f"{path}: the {what} file is {size} bytes, over the limit of {MAX_FILE_BYTES};"
            " split it or remove generated content"
        )
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TaxonomyError(
            f"{path}: byte {exc.start} is not UTF-8 ({exc.object[exc.start : exc.start + 1]!r});"
            f" save the {what} file as UTF-8"
        ) from None
    except OSError as exc:
        raise TaxonomyError(
            f"{path}: cannot be read ({exc.strerror}); check its permissions"
        ) from None
    return parse_data_text(text, source=str(path), what=what, json_file=file.suffix == ".json")


def parse_data_text(
    text: str, *, source: str, what: str = "taxonomy", json_file: bool = False
) -> Any:
    """Parse YAML or JSON text (JSON when ``json_file`` or the text starts with ``{``)."""
    if not text.strip():
        raise TaxonomyError(
            f"{source}: the {what} file is empty; it needs at least 'name', 'categories' and"
            " 'skills'"
            if what == "taxonomy"
            else f"{source}: the {what} file is empty; remove it or add entries"
        )
    if json_file or text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise TaxonomyError(
                f"{source}: line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg});"
                " fix the syntax there"
            ) from None
    _refuse_yaml_aliases(text, source)
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        if problem.startswith("duplicate key"):
            raise TaxonomyError(f"{source}: {where}{problem}; keep only one of them") from None
        raise TaxonomyError(
            f"{source}: {where}invalid YAML ({problem}); fix the syntax there (quote values"
            " that contain ': ' or start with '@', '*', '&' or '!')"
        ) from None
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"{source}: invalid YAML ({exc}); fix the syntax") from None


def _refuse_yaml_aliases(text: str, source: str, *, loader: type[Any] = yaml.SafeLoader) -> None:
    try:
        for event in yaml.parse(text, Loader=loader):
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent) or anchor is not None:
                line = event.start_mark.line + 1 if event.start_mark else 0
                raise TaxonomyError(
                    f"{source}: line {line}: YAML anchor or alias {'&' + str(anchor)!r} is not"
                    " allowed (it can expand to a huge document); write the values out in full"
                )
    except yaml.YAMLError:
        return  # the real parse below reports the syntax error with its place


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a key given twice in one mapping (YAML keeps the last)."""


def _construct_unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if isinstance(key, (str, int, float, bool)) and key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (YAML would keep only the last)",
                key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)


def describe_validation_error(
    exc: ValidationError, source: str, root: type[BaseModel] | None = None
) -> str:
    """Turn a pydantic error into one line: the file, the place, the bad value, the fix.

    ``root`` is the model that was validated (the taxonomy by default); it lets the message
    list the keys allowed where an unknown key was found.
    """
    parts = []
    errors = exc.errors(include_url=False)
    for error in errors[:3]:
        loc = " -> ".join(str(part) for part in error["loc"] if not _is_union_tag(part))
        message = error["msg"].removeprefix("Value error, ")
        kind = error["type"]
        value = error.get("input")
        if kind == "extra_forbidden":
            key = str(error["loc"][-1])
            allowed = _allowed_keys(root or Taxonomy, error["loc"][:-1])
            parts.append(
                f"{loc}: unknown key {key!r}; remove it or fix its spelling"
                + (f" (allowed keys: {', '.join(allowed)})" if allowed else "")
            )
        elif kind == "missing":
            parts.append(f"{loc}: required key is missing; add it")
        elif kind == "value_error" and not loc:
            parts.append(message)
        else:
            where = f"{loc}: " if loc else ""
            parts.append(f"{where}{message}, got {_short(value)}")
    more = f" (and {len(errors) - 3} more errors)" if len(errors) > 3 else ""
    return f"{source}: " + "; ".join(parts) + more


def _is_union_tag(part: Any) -> bool:
    return isinstance(part, str) and part in {"function-before[_from_string(), Alias]"}


def _allowed_keys(root: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Name the keys the model at ``loc`` accepts, walking down from ``root``."""
    model = root
    for part in loc:
        if isinstance(part, int) or _is_union_tag(part):
            continue
        field = model.model_fields.get(str(part))
        if field is None:
            return []
        nested = _model_of(field.annotation)
        if nested is None:
            return []
        model = nested
    return list(model.model_fields)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
