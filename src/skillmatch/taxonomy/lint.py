"""Check a taxonomy for aliases that will misfire: shared, common-word, nested or missing ones.

Rules (``LintIssue.rule``):

- ``shared-alias`` (warning): one alias names two skills; evidence terms may be shared on purpose
  (EKS is kubernetes and aws), so only alias-vs-alias is reported.
- ``duplicate-evidence`` (warning): the same evidence term twice in one skill.
- ``ungated-common-word`` (warning): an alias or evidence term that is a common English word
  (wordfreq Zipf >= 3.0) or one or two letters, with neither ``case_sensitive`` nor ``context``
  ("go", "r", "rust", "agent", "edge", "prompt", "spark"); ``unambiguous: true`` silences it.
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

from skillmatch.taxonomy.schema import Alias, Taxonomy
from skillmatch.vocabulary import english_zipf

__all__ = ["COMMON_WORD_ZIPF", "LintIssue", "Severity", "lint_taxonomy"]

Severity = Literal["error", "warning", "info"]

COMMON_WORD_ZIPF = 3.0
"""A single word at least this frequent in English (wordfreq Zipf scale) is a common word."""

_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")


class LintIssue(BaseModel):
    """One finding of the linter."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    severity: Severity
    skill_id: str | None = None
    alias: str | None = None
    message: str


def lint_taxonomy(taxonomy: Taxonomy | dict[str, Any]) -> list[LintIssue]:
    """Return the issues of a taxonomy, errors first.

    A mapping (a taxonomy file parsed but not validated) is checked for unknown category
    references first; when it names none it is validated and linted like a taxonomy.
    """
    if isinstance(taxonomy, dict):
        issues = list(_unknown_categories(taxonomy))
        if issues:
            return issues
        taxonomy = Taxonomy.from_dict(taxonomy, source="<taxonomy>")
    issues = [
        *_shared_aliases(taxonomy),
        *_duplicate_evidence(taxonomy),
        *_ungated_common_words(taxonomy),
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


def _ungated_common_words(taxonomy: Taxonomy) -> Iterator[LintIssue]:
    for skill in taxonomy.skills:
        for kind, terms in (("alias", skill.aliases), ("evidence", skill.evidence)):
            for term in terms:
                if _gated(term) or not is_common_word(term.text):
                    continue
                yield LintIssue(
                    rule="ungated-common-word",
                    severity="warning",
                    skill_id=skill.id,
                    alias=term.text,
                    message=(
                        f"{kind} {term.text!r} of {skill.id!r} is a common word or too short to"
                        " match safely; set case_sensitive, add context words, or mark it"
                        " unambiguous: true if it always means the skill"
                    ),
                )


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
