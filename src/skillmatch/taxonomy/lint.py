"""Check a taxonomy for aliases that will misfire: shared, common-word, nested or missing ones.

Rules (``LintIssue.rule``):

- ``shared-alias`` (warning): one alias names two skills; evidence terms may be shared on purpose
  (EKS is kubernetes and aws), so only alias-vs-alias is reported.
- ``duplicate-evidence`` (warning): the same evidence term twice in one skill.
- ``catalogue-gate`` (warning): an alias that the technology catalogue knows as ambiguous,
  without the case or context gate the catalogue gives it ("React" is also a verb: "react
  quickly"; "Go", "Rust", "Spark", "Excel"); the message names the catalogue's gates.
- ``ungated-common-word`` (warning): an alias the catalogue does not know that is one or two
  letters, an English word (wordfreq Zipf >= 3.0: "agent", "edge", "prompt") or an acronym that
  spells a frequent word in lower case ("ACE", "RAM"), with neither ``case_sensitive`` nor
  ``context``; ``unambiguous: true`` silences it. Names the catalogue lists without a gate
  (HTML, Git, Kubernetes) are technical names, whatever their frequency; so are names written in
  capitals (CSS, DNS) or mixed case (PyTorch). Evidence terms are not judged here: the matcher
  holds an ambiguous one to the taxonomy's technical context (``technical_context``).
- ``nested-alias`` (info): an alias is a whole-word part of another skill's alias ("SQL" in
  "Spark SQL"); the longest match resolves it, but it is worth knowing.
- ``no-alias`` (warning): a skill with neither aliases nor evidence can never be found.
- ``unknown-category`` (error): a skill or role names a category that does not exist.

>>> from skillmatch.taxonomy import Taxonomy
>>> [issue for issue in lint_taxonomy(Taxonomy.default()) if issue.severity != "info"]
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from skillmatch.taxonomy.catalog import Catalog
from skillmatch.taxonomy.schema import Alias, Taxonomy
from skillmatch.vocabulary import english_zipf

__all__ = [
    "COMMON_WORD_ZIPF",
    "LintIssue",
    "Severity",
    "is_common_word",
    "lint_taxonomy",
    "needs_gate",
]

Severity = Literal["error", "warning", "info"]

COMMON_WORD_ZIPF = 3.0
"""A single word at least this frequent in English (wordfreq Zipf scale) is a common word."""

_ACRONYM_WORD_ZIPF = 4.0
"""An acronym whose lower case is at least this frequent spells a word ("ACE", "RAM", "MAP")."""

_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")


class LintIssue(BaseModel):
    """One finding of the linter."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    severity: Severity
    skill_id: str | None = None
    alias: str | None = None
    message: str


def lint_taxonomy(
    taxonomy: Taxonomy | dict[str, Any], *, catalog: Catalog | None = None
) -> list[LintIssue]:
    """Return the issues of a taxonomy, errors first.

    A mapping (a taxonomy file parsed but not validated) is checked for unknown category
    references first; when it names none it is validated and linted like a taxonomy. Names
    are judged against ``catalog`` (the packaged technology catalogue when not given).
    """
    if isinstance(taxonomy, dict):
        issues = list(_unknown_categories(taxonomy))
        if issues:
            return issues
        taxonomy = Taxonomy.from_dict(taxonomy, source="<taxonomy>")
    issues = [
        *_shared_aliases(taxonomy),
        *_duplicate_evidence(taxonomy),
        *_ungated_names(taxonomy, catalog or Catalog.default()),
        *_nested_aliases(taxonomy),
        *_skills_without_alias(taxonomy),
    ]
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(issues, key=lambda issue: order[issue.severity])


def _unknown_categories(data: dict[str, Any]) -> Iterator[LintIssue]:
    categories = data.get("categories") or []
    known = {c.get("id") for c in categories if isinstance(c, dict)}
    for index, skill in enumerate(data.get("skills") or []):
        if not isinstance(skill, dict):
            continue
        for ref in skill.get("categories") or []:
            if ref not in known:
                yield LintIssue(
                    rule="unknown-category",
                    severity="error",
                    skill_id=skill.get("id"),
                    message=(
                        f"skills -> {index} -> categories: unknown category {ref!r}; use one of"
                        f" {sorted(str(k) for k in known)} or add it under 'categories'"
                    ),
                )
    for index, role in enumerate(data.get("roles") or []):
        if not isinstance(role, dict):
            continue
        for ref in role.get("categories") or {}:
            if ref not in known:
                yield LintIssue(
                    rule="unknown-category",
                    severity="error",
                    message=(
                        f"roles -> {index} -> categories: unknown category {ref!r} of role"
                        f" {role.get('id')!r}"
                    ),
                )


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _shared_aliases(taxonomy: Taxonomy) -> Iterator[LintIssue]:
    owners: dict[str, list[str]] = {}
    for skill in taxonomy.skills:
        for alias in skill.aliases:
            owner_list = owners.setdefault(_key(alias.text), [])
            if skill.id not in owner_list:
                owner_list.append(skill.id)
    for text, skill_ids in owners.items():
        if len(skill_ids) > 1:
            yield LintIssue(
                rule="shared-alias",
                severity="warning",
                skill_id=skill_ids[1],
                alias=text,
                message=(
                    f"alias {text!r} names {len(skill_ids)} skills ({', '.join(skill_ids)}); keep"
                    " it on one, or make it an evidence term of each"
                ),
            )


def _duplicate_evidence(taxonomy: Taxonomy) -> Iterator[LintIssue]:
    for skill in taxonomy.skills:
        seen: set[str] = set()
        for term in skill.evidence:
            key = _key(term.text)
            if key in seen:
                yield LintIssue(
                    rule="duplicate-evidence",
                    severity="warning",
                    skill_id=skill.id,
                    alias=term.text,
                    message=f"evidence {term.text!r} is listed twice in skill {skill.id!r}",
                )
            seen.add(key)


def is_common_word(text: str) -> bool:
    """Tell whether an alias is one or two letters or a frequent English word."""
    stripped = text.strip()
    if len(stripped) <= 2:
        return True
    return bool(_WORD.match(stripped)) and english_zipf(stripped) >= COMMON_WORD_ZIPF


def needs_gate(text: str, catalog: Catalog) -> bool:
    """Tell whether a name needs a case or context gate to match safely in any text.

    The catalogue's judgement first (names it lists without a gate are technical names); for
    others, one or two letters, a plain English word, or an acronym spelling a frequent word.
    """
    known = _catalogue_gates(catalog).get(text.strip().lower())
    if known is not None:
        return not known.unambiguous
    return _ambiguous(text)


def _ambiguous(text: str) -> bool:
    """Whether a name the catalogue does not know may be an English word in a text."""
    stripped = text.strip()
    if len(stripped) <= 2:
        return True
    if not _WORD.match(stripped):
        return False  # several words, or digits and symbols inside: "CI/CD", "C++", "S3"
    if stripped.isupper():
        return english_zipf(stripped.lower()) >= _ACRONYM_WORD_ZIPF
    if any(c.isupper() for c in stripped[1:]):
        return False  # mixed case: "PyTorch", "GitHub"
    return english_zipf(stripped) >= COMMON_WORD_ZIPF


def _catalogue_gates(catalog: Catalog) -> dict[str, Alias]:
    """Lower-case name -> the catalogue's gated alias of that name (case or context), or an
    alias marked ``unambiguous`` for a name the catalogue lists without a gate."""
    cached = _GATES.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    gates: dict[str, Alias] = {}
    known: set[str] = set()
    for entry in catalog.entries:
        for alias in [*entry.names, *entry.evidence, *entry.members]:
            key = alias.text.lower()
            known.add(key)
            if (alias.case_sensitive or alias.context) and key not in gates:
                gates[key] = alias
    ungated = {key for key in known if key not in gates}
    result = {**{key: Alias(text=key, unambiguous=True) for key in ungated}, **gates}
    _GATES[id(catalog)] = (catalog, result)
    return result


_GATES: dict[int, tuple[Catalog, dict[str, Alias]]] = {}


def _ungated_names(taxonomy: Taxonomy, catalog: Catalog) -> Iterator[LintIssue]:
    known = _catalogue_gates(catalog)
    for skill in taxonomy.skills:
        for kind, terms in (("alias", skill.aliases), ("evidence", skill.evidence)):
            for term in terms:
                if _gated(term) or kind == "evidence":
                    # Evidence terms that may be something else (an ordinary word, a short
                    # acronym, a name written in lowercase, a misspelling) need technical text
                    # nearby by the taxonomy's technical_context rule: gated already.
                    continue
                what = f"{kind} {term.text!r} of {skill.id!r}"
                entry = known.get(term.text.lower())
                if entry is not None and not entry.unambiguous:
                    rule = "catalogue-gate"
                    message = (
                        f"{what} is also an ordinary word or name in some texts; the technology"
                        f" catalogue matches it only {_describe_gate(entry)}: copy that gate, or"
                        " mark it unambiguous: true"
                    )
                elif entry is None and _ambiguous(term.text):
                    rule = "ungated-common-word"
                    message = (
                        f"{what} is a common word or too short to match safely; set"
                        " case_sensitive, add context words, or mark it unambiguous: true if it"
                        " always means the skill"
                    )
                else:
                    continue
                yield LintIssue(
                    rule=rule,
                    severity="warning",
                    skill_id=skill.id,
                    alias=term.text,
                    message=message,
                )


def _describe_gate(alias: Alias) -> str:
    parts = []
    if alias.case_sensitive:
        parts.append(f"written {alias.text!r} (case_sensitive: true)")
    if alias.context:
        words = ", ".join(w for w in alias.context[:6])
        parts.append(f"near words such as [{words}, ...] (context)")
    return " and ".join(parts)


def _gated(alias: Alias) -> bool:
    return alias.case_sensitive or bool(alias.context) or alias.unambiguous


def _nested_aliases(taxonomy: Taxonomy) -> Iterator[LintIssue]:
    entries = [
        (skill.id, alias.text, f" {_key(alias.text)} ")
        for skill in taxonomy.skills
        for alias in skill.aliases
    ]
    for skill_id, text, padded in entries:
        for other_id, other_text, other_padded in entries:
            if other_id != skill_id and padded != other_padded and padded in other_padded:
                yield LintIssue(
                    rule="nested-alias",
                    severity="info",
                    skill_id=skill_id,
                    alias=text,
                    message=(
                        f"alias {text!r} of {skill_id!r} is part of {other_text!r} of"
                        f" {other_id!r}; the longest match wins"
                    ),
                )


def _skills_without_alias(taxonomy: Taxonomy) -> Iterator[LintIssue]:
    for skill in taxonomy.skills:
        if not skill.aliases and not skill.evidence:
            yield LintIssue(
                rule="no-alias",
                severity="warning",
                skill_id=skill.id,
                message=f"skill {skill.id!r} has no aliases or evidence, so nothing can match it",
            )
