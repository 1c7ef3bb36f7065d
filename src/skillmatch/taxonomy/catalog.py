"""The technology catalogue: what résumés and postings name, with its spellings and its gates.

The catalogue ships with the package (``skillmatch/data/catalog.yaml``). It is written by hand and
checked entry by entry: every entry carries sentences that must match it (``examples``) and
look-alikes that must not (``lookalikes``), and a parametrized test runs them all. It serves
three readers:

- the builder (:mod:`skillmatch.taxonomy.link`) links each skill of a role document to an entry
  and gives the skill the entry's aliases, gates and the entries below it as evidence;
- the matcher reports the catalogue's technologies that a taxonomy does not hold as
  ``MatchResult.other_skills``;
- the linter asks it how ambiguous a name is.

The file holds ``contexts`` (named word lists: ``$code`` in a ``context`` or ``not_near`` list
stands for the words of ``contexts.code``) and ``groups`` of ``entries``. An entry's ``name`` is
always one of its aliases, unless ``aliases`` lists the same text with gates, which then replaces
it. ``parents`` name the entries that using this one shows: EKS is part of AWS and runs
Kubernetes. ``@group-id`` in a context stands for another entry of that group nearby.

>>> catalog = Catalog.default()
>>> catalog.entry("eks").parents
['aws', 'kubernetes']
>>> [entry.id for entry in catalog.lookup("Vue.js")]
['vue']
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from skillmatch._runtime import gc_paused
from skillmatch.errors import TaxonomyError
from skillmatch.taxonomy.files import describe_validation_error, parse_shipped_yaml, read_data_file
from skillmatch.taxonomy.rules import TechnicalContext
from skillmatch.taxonomy.schema import Alias, Category, Skill, Taxonomy, TermPattern

__all__ = ["Catalog", "CatalogEntry", "CatalogGroup", "name_key"]

_ID = r"^[a-z0-9][a-z0-9._-]*$"
_MACRO = re.compile(r"^\$([a-z0-9_-]+)$")


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class CatalogEntry(_Strict):
    """One technology, tool or practice, with the words that name it and the gates they need."""

    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    group: str = Field(default="", description="Set from the group the entry is written under.")
    description: str = ""
    aliases: list[Alias] = Field(default_factory=list)
    evidence: list[Alias] = Field(
        default_factory=list,
        description="Finer terms that show the entry and are no entries of their own.",
    )
    members: list[Alias] = Field(
        default_factory=list,
        description=(
            "Products of the family the entry names, with no entry of their own (Bulma, Ant"
            " Design in 'UI component libraries'): found as the family; a skill linked to one"
            " member takes only that member's names."
        ),
    )
    parents: list[str] = Field(
        default_factory=list, description="Entries that using this one shows (EKS: aws, k8s)."
    )
    patterns: list[TermPattern] = Field(default_factory=list)
    examples: list[str] = Field(min_length=1, description="Sentences that must match the entry.")
    lookalikes: list[str] = Field(
        min_length=1, description="Sentences that look like the entry and must not match it."
    )

    _names: list[Alias] = PrivateAttr(default_factory=list)

    @field_validator("examples", "lookalikes", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return _as_list(value)

    def model_post_init(self, context: Any, /) -> None:
        """Put the name first among the aliases unless a gated alias of the same text stands
        for it."""
        texts = {alias.text for alias in self.aliases}
        named = [] if self.name in texts else [Alias(text=self.name)]
        self._names = named + list(self.aliases)

    @property
    def names(self) -> list[Alias]:
        """The name and the aliases, with their gates: what the entry is called."""
        return list(self._names)


class CatalogGroup(_Strict):
    """A family of entries (languages, cloud, testing...) and the headings that name it."""

    id: str = Field(pattern=_ID)
    name: str
    names: list[str] = Field(
        default_factory=list,
        description="Other headings a role document gives the group ('Cloud Platforms').",
    )
    description: str = ""
    entries: list[CatalogEntry] = Field(default_factory=list)


class Catalog(_Strict):
    """The whole catalogue. Load it with :meth:`default` or :meth:`load`."""

    version: str = "1"
    description: str = ""
    contexts: dict[str, list[str]] = Field(default_factory=dict)
    groups: list[CatalogGroup] = Field(min_length=1)

    _entries: dict[str, CatalogEntry] = PrivateAttr(default_factory=dict)
    _groups: dict[str, CatalogGroup] = PrivateAttr(default_factory=dict)
    _by_name: dict[str, list[str]] = PrivateAttr(default_factory=dict)
    _by_key: dict[str, list[str]] = PrivateAttr(default_factory=dict)
    _children: dict[str, list[str]] = PrivateAttr(default_factory=dict)
    _members: dict[str, list[tuple[str, Alias]]] = PrivateAttr(default_factory=dict)
    _taxonomy: Taxonomy | None = PrivateAttr(default=None)

    def model_post_init(self, context: Any, /) -> None:
        """Index entries by id, by name and by the key of each name; check the references."""
        for group in self.groups:
            if group.id in self._groups:
                raise ValueError(f"groups: duplicate group id {group.id!r}")
            self._groups[group.id] = group
            for entry in group.entries:
                if entry.id in self._entries:
                    raise ValueError(
                        f"groups -> {group.id} -> entries -> {entry.id}: duplicate entry id"
                        f" {entry.id!r} (first in group {self._entries[entry.id].group!r})"
                    )
                self._entries[entry.id] = entry
        for entry in self._entries.values():
            for parent in entry.parents:
                if parent not in self._entries or parent == entry.id:
                    raise ValueError(
                        f"entries -> {entry.id} -> parents: unknown entry {parent!r}; name an"
                        " entry id of the catalogue"
                    )
                self._children.setdefault(parent, []).append(entry.id)
            for alias in entry.names:
                self._by_name.setdefault(alias.text.lower(), []).append(entry.id)
                self._by_key.setdefault(name_key(alias.text), []).append(entry.id)
            for alias in entry.members:
                for key in dict.fromkeys([alias.text.lower(), name_key(alias.text)]):
                    self._members.setdefault(key, []).append((entry.id, alias))

    # -- lookups ---------------------------------------------------------------------------

    @property
    def entries(self) -> list[CatalogEntry]:
        """Every entry, in file order."""
        return list(self._entries.values())

    def entry(self, entry_id: str) -> CatalogEntry:
        """Return the entry with this id; ``KeyError`` names the id when there is none."""
        try:
            return self._entries[entry_id]
        except KeyError:
            raise KeyError(f"no catalogue entry with id {entry_id!r}") from None

    def group(self, group_id: str) -> CatalogGroup:
        """Return the group with this id; ``KeyError`` when there is none."""
        try:
            return self._groups[group_id]
        except KeyError:
            raise KeyError(f"no catalogue group with id {group_id!r}") from None

    def children(self, entry_id: str) -> list[CatalogEntry]:
        """Return the entries that name ``entry_id`` among their parents."""
        return [self._entries[child] for child in self._children.get(entry_id, [])]

    def descendants(self, entry_id: str) -> Iterator[CatalogEntry]:
        """Yield the children of an entry, their children and so on, each once."""
        seen = {entry_id}
        stack = list(reversed(self._children.get(entry_id, [])))
        while stack:
            child = stack.pop()
            if child in seen:
                continue
            seen.add(child)
            yield self._entries[child]
            stack.extend(reversed(self._children.get(child, [])))

    def lookup(self, label: str) -> list[CatalogEntry]:
        """Return the entries a label names: by a name as written (any case), then by its key.

        The key ignores case, spaces, dots, hyphens, a ".js"/"js" ending, a version number and a
        plural "s" ("Vue.js", "VueJS", "HTML5", "REST APIs"). Fuzzy look-ups are the linker's.
        """
        ids = self._by_name.get(" ".join(label.lower().split()))
        if not ids:
            ids = self._by_key.get(name_key(label), [])
        return [self._entries[i] for i in dict.fromkeys(ids)]

    def member(self, label: str) -> tuple[CatalogEntry, list[Alias]] | None:
        """Return the family entry a label names as one of its members, and that member's
        aliases (as written, then by key), or None."""
        found = self._members.get(" ".join(label.lower().split())) or self._members.get(
            name_key(label)
        )
        if not found:
            return None
        entry = self._entries[found[0][0]]
        return entry, [alias for entry_id, alias in found if entry_id == entry.id]

    def find_group(self, label: str) -> CatalogGroup | None:
        """Return the group a heading names ("Cloud Platforms" -> cloud), or None."""
        key = name_key(label)
        for group in self.groups:
            if key in {name_key(group.id), name_key(group.name), *map(name_key, group.names)}:
                return group
        return None

    def keys(self) -> dict[str, list[str]]:
        """Return the key of every name -> the ids of the entries it names (for fuzzy look-up)."""
        return {key: list(ids) for key, ids in self._by_key.items()}

    def as_taxonomy(self) -> Taxonomy:
        """Return the catalogue as a taxonomy: one category per group, one skill per entry.

        What the matcher compiles to find other skills; exact spellings only (no misspellings:
        a technology a taxonomy does not hold is reported only when it is written out).
        """
        if self._taxonomy is None:
            self._taxonomy = _as_taxonomy(self)
        return self._taxonomy

    # -- loading -----------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "<catalogue>") -> Catalog:
        """Validate a parsed catalogue: expand ``$context`` names, set each entry's group."""
        if not isinstance(data, dict):
            raise TaxonomyError(
                f"{source}: the catalogue must be a mapping with 'contexts' and 'groups', got"
                f" {type(data).__name__}"
            )
        try:
            prepared = _prepare(data)
        except ValueError as exc:
            raise TaxonomyError(f"{source}: {exc}") from None
        try:
            with gc_paused():
                return cls.model_validate(prepared)
        except ValidationError as exc:
            raise TaxonomyError(describe_validation_error(exc, source, cls)) from None
        except ValueError as exc:  # a reference checked after validation (model_post_init)
            raise TaxonomyError(f"{source}: {exc}") from None

    @classmethod
    def load(cls, path: str | Path) -> Catalog:
        """Read a catalogue file (YAML or JSON); every problem raises :class:`TaxonomyError`."""
        return cls.from_dict(read_data_file(path, what="catalogue"), source=str(path))

    @classmethod
    def default(cls) -> Catalog:
        """Return the catalogue shipped with the package; cached."""
        return _default_catalog()


_KEY_DROP = re.compile(r"[\s._\-/]+")
_KEY_VERSION = re.compile(r"(?<=[a-z])\d+(?:\.\d+)*$")


def name_key(text: str) -> str:
    """Return the look-up key of a name: lowercase, no spaces, dots, hyphens or slashes, no
    ".js" ending, no version number glued to a word, no plural "s".

    >>> [name_key(t) for t in ("Vue.js", "VueJS", "HTML5", "REST APIs", "Node JS", "C++")]
    ['vue', 'vue', 'html', 'restapi', 'node', 'c++']
    """
    key = text.lower().strip()
    key = re.sub(r"\.?js$", "", key) if len(key) > 4 and key.endswith("js") else key
    key = _KEY_DROP.sub("", key)
    key = _KEY_VERSION.sub("", key) or key
    if len(key) > 4 and key.endswith("s") and not key.endswith("ss"):
        key = key[:-1]
    return key


def _prepare(data: dict[str, Any]) -> dict[str, Any]:
    """Expand ``$name`` context lists and stamp each entry with its group (on a copy)."""
    contexts = data.get("contexts") or {}
    if not isinstance(contexts, dict):
        raise ValueError("contexts: must map names to lists of words")

    def expand(words: Any, where: str) -> Any:
        if not isinstance(words, list):
            return words
        out: list[Any] = []
        for word in words:
            found = _MACRO.match(word) if isinstance(word, str) else None
            if found is None:
                out.append(word)
                continue
            name = found.group(1)
            if name not in contexts:
                raise ValueError(
                    f"{where}: unknown context {word!r}; define it under 'contexts' (known:"
                    f" {', '.join(sorted(contexts))})"
                )
            out.extend(contexts[name])
        return list(dict.fromkeys(out))

    groups = []
    for group in data.get("groups") or []:
        if not isinstance(group, dict):
            groups.append(group)
            continue
        entries = []
        for entry in group.get("entries") or []:
            if not isinstance(entry, dict):
                entries.append(entry)
                continue
            entry = dict(entry, group=group.get("id", ""))
            where = f"groups -> {group.get('id')} -> entries -> {entry.get('id')}"
            for key in ("aliases", "evidence", "members"):
                entry[key] = [
                    {
                        **alias,
                        **{
                            field: expand(alias[field], f"{where} -> {key} -> {field}")
                            for field in ("context", "not_near")
                            if field in alias
                        },
                    }
                    if isinstance(alias, dict)
                    else alias
                    for alias in entry.get(key) or []
                ]
            entries.append(entry)
        groups.append({**group, "entries": entries})
    return {**data, "groups": groups}


def _as_taxonomy(catalog: Catalog) -> Taxonomy:
    # The aliases are validated models already: pydantic takes model instances as they are.
    # What makes text technical for the catalogue's finer terms (an acronym or ordinary word
    # needs it): the words of its shared contexts.
    words = [w for ws in catalog.contexts.values() for w in ws if not w.startswith("@")]
    with gc_paused():
        return Taxonomy(
            name="skillmatch technology catalogue",
            version=catalog.version,
            technical_context=TechnicalContext(words=list(dict.fromkeys(words))),
            categories=[Category(id=g.id, name=g.name) for g in catalog.groups],
            skills=[
                Skill(
                    id=entry.id,
                    name=entry.name,
                    categories=[entry.group],
                    aliases=entry.names,
                    evidence=[*entry.evidence, *entry.members],
                    fuzzy=False,
                )
                for entry in catalog.entries
            ],
        )


@functools.lru_cache(maxsize=1)
def _default_catalog() -> Catalog:
    resource = importlib.resources.files("skillmatch").joinpath("data", "catalog.yaml")
    text = resource.read_text(encoding="utf-8")
    source = "skillmatch/data/catalog.yaml"
    # Our own file, checked by the tests with the strict reader (no anchors, no key twice):
    # read with libyaml alone, which is several times faster.
    loader = getattr(yaml, "CSafeLoader", None)
    data = yaml.load(text, Loader=loader) if loader else parse_shipped_yaml(text, source=source)
    return Catalog.from_dict(data, source=source)
