"""The curated overlay: changes merged by id onto a taxonomy built from a role document.

An overlay (:class:`Overlay`, a YAML file such as the repository's ``taxonomy/overlay.yaml``)
maps document labels to other ids and adds aliases, evidence terms, patterns, weights and
seniority words by id. :func:`apply_overlay` merges one onto a taxonomy and validates the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from skillmatch.errors import TaxonomyError
from skillmatch.models import Level
from skillmatch.taxonomy.files import describe_validation_error, read_data_file
from skillmatch.taxonomy.rules import TechnicalContext, WorkRule, WorkSettings
from skillmatch.taxonomy.schema import Alias, SeniorityRules, Taxonomy, TermPattern

__all__ = [
    "CategoryPatch",
    "Overlay",
    "RolePatch",
    "SignalPatch",
    "SkillPatch",
    "apply_overlay",
    "as_overlay",
    "load_overlay",
]


class _Patch(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CategoryPatch(_Patch):
    """Changes to one category: a better name, a description, a weight."""

    name: str | None = None
    description: str | None = None
    weight: float | None = Field(default=None, ge=0.0)


class SkillPatch(_Patch):
    """Additions to one skill. Aliases and evidence are appended; an overlay alias replaces a
    built alias with the same text (so it can add a case or context gate to it)."""

    name: str | None = None
    description: str | None = None
    categories: list[str] = Field(default_factory=list, description="Extra categories.")
    aliases: list[Alias] = Field(default_factory=list)
    evidence: list[Alias] = Field(default_factory=list)
    patterns: list[TermPattern] = Field(default_factory=list)
    work: list[WorkRule] = Field(default_factory=list)
    level: Level | None = None
    fuzzy: bool | None = None


class SignalPatch(_Patch):
    """Additions to one level signal: phrases and patterns that show it."""

    name: str | None = None
    aliases: list[Alias] = Field(default_factory=list)
    patterns: list[TermPattern] = Field(default_factory=list)


class RolePatch(_Patch):
    """A role's category weights (replacing the derived ones) and a better name."""

    name: str | None = None
    description: str | None = None
    categories: dict[str, float] = Field(default_factory=dict)


class Overlay(_Patch):
    """The curated layer merged by id onto a built taxonomy (the repository's
    ``taxonomy/overlay.yaml`` is the default's)."""

    name: str | None = None
    version: str | None = None
    description: str | None = None
    ids: dict[str, str] = Field(
        default_factory=dict,
        description="Document label (case-insensitive) -> id, for categories, skills, signals.",
    )
    catalog: bool | None = Field(
        default=None,
        description=(
            "false: do not link the document's skills to the technology catalogue (the skills"
            " keep the document's words and the overlay's)."
        ),
    )
    exclude_sections: list[str] = Field(default_factory=list)
    include_sections: list[str] = Field(default_factory=list)
    categories: dict[str, CategoryPatch] = Field(default_factory=dict)
    skills: dict[str, SkillPatch] = Field(default_factory=dict)
    signals: dict[str, SignalPatch] = Field(default_factory=dict)
    roles: dict[str, RolePatch] = Field(default_factory=dict)
    seniority: dict[str, Any] = Field(
        default_factory=dict,
        description="Keys of SeniorityRules (titles, title_traps...); replace the built values.",
    )
    work: WorkSettings | None = Field(default=None, description="Replaces the built one.")
    technical_context: TechnicalContext | None = Field(
        default=None, description="Replaces the built one."
    )


def load_overlay(path: str | Path) -> Overlay:
    """Read and validate an overlay file (YAML or JSON); raises :class:`TaxonomyError`."""
    data = read_data_file(path, what="overlay")
    return _validate_overlay(data, source=str(path))


def _validate_overlay(data: Any, *, source: str) -> Overlay:
    if not isinstance(data, dict):
        raise TaxonomyError(
            f"{source}: an overlay must be a mapping with keys such as 'ids' and 'skills', got"
            f" {type(data).__name__}; write it as YAML key: value pairs"
        )
    try:
        return Overlay.model_validate(data)
    except ValidationError as exc:
        raise TaxonomyError(describe_validation_error(exc, source, Overlay)) from None


def as_overlay(overlay: str | Path | Overlay | dict[str, Any] | None) -> Overlay:
    """Return ``overlay`` as an :class:`Overlay`: read a path, validate a mapping, None is empty."""
    if overlay is None:
        return Overlay()
    if isinstance(overlay, Overlay):
        return overlay
    if isinstance(overlay, dict):
        return _validate_overlay(overlay, source="<overlay>")
    return load_overlay(overlay)


# -- merging the overlay -------------------------------------------------------------------------


def apply_overlay(taxonomy: Taxonomy, overlay: Overlay, *, source: str = "overlay") -> Taxonomy:
    """Merge an overlay onto a taxonomy by id and return the new, validated taxonomy.

    Raises :class:`TaxonomyError` naming any id of the overlay that the taxonomy lacks.
    """
    data = taxonomy.model_dump(mode="python")
    for kind, patches in (
        ("categories", overlay.categories),
        ("skills", overlay.skills),
        ("signals", overlay.signals),
        ("roles", overlay.roles),
    ):
        entries = {entry["id"]: entry for entry in data[kind]}
        for entry_id, patch in patches.items():
            if entry_id not in entries:
                raise TaxonomyError(
                    f"{source}: {kind} -> {entry_id}: unknown {kind.rstrip('s').rstrip('ie')}"
                    f" id {entry_id!r}; the document defines {sorted(entries)}; fix the id or"
                    " map a document label to it under 'ids'"
                )
            _patch_entry(entries[entry_id], patch)
    if overlay.name:
        data["name"] = overlay.name
    if overlay.description:
        data["description"] = overlay.description
    if overlay.version:
        data["version"] = overlay.version
    for key in ("work", "technical_context"):
        if getattr(overlay, key) is not None:
            data[key] = getattr(overlay, key).model_dump()
    if overlay.seniority:
        data["seniority"] = {**data["seniority"], **overlay.seniority}
        try:
            SeniorityRules.model_validate(data["seniority"])
        except ValidationError as exc:
            message = describe_validation_error(exc, source, SeniorityRules)
            raise TaxonomyError(
                message.replace(f"{source}: ", f"{source}: seniority -> ")
            ) from None
    return Taxonomy.from_dict(data, source=f"{source} merged onto {taxonomy.name!r}")


def _patch_entry(entry: dict[str, Any], patch: BaseModel) -> None:
    for key, value in patch:
        if value is None or value == [] or value == {}:
            continue
        if key in {"aliases", "evidence"}:
            entry[key] = _merge_aliases(entry.get(key, []), value)
        elif key in {"patterns", "work"}:
            known = {pattern["id"] for pattern in entry.get(key, [])}
            entry[key] = list(entry.get(key, [])) + [
                pattern.model_dump() for pattern in value if pattern.id not in known
            ]
        elif key == "categories" and isinstance(value, list):
            entry[key] = list(dict.fromkeys([*entry[key], *value]))
        elif key == "categories":
            entry[key] = dict(value)
        else:
            entry[key] = value


def _merge_aliases(existing: list[Any], added: list[Alias]) -> list[dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for alias in existing:
        alias_dict = alias if isinstance(alias, dict) else Alias.model_validate(alias).model_dump()
        merged[alias_dict["text"]] = alias_dict
    for alias in added:
        # An overlay alias replaces a built one of the same text: it adds the gates it needs.
        for text in [text for text in merged if text.lower() == alias.text.lower()]:
            if not alias.case_sensitive or text == alias.text:
                del merged[text]
        merged[alias.text] = alias.model_dump()
    return list(merged.values())
