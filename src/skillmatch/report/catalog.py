"""What the page calls things: skill names, category names, codes and colours, levels, statuses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from skillmatch.models import LEVELS, Comparison, MatchResult

# Light tints for the marks (dark text on them stays above 10:1 contrast) and dark borders that
# also stay distinguishable for the common colour-vision deficiencies; the category code label is
# what makes the page readable without colour at all.
_PALETTE: tuple[tuple[str, str], ...] = (
    ("#cfe3fb", "#0b4f8a"),
    ("#fde0b2", "#8a4a00"),
    ("#d3f0d3", "#1c611c"),
    ("#f8d3e3", "#8f1d52"),
    ("#e2d8f7", "#54309a"),
    ("#cdefec", "#0c5f59"),
    ("#f4e6a6", "#6b5600"),
    ("#f9d5cc", "#8f2a12"),
    ("#dcdcdc", "#3a3a3a"),
    ("#d7e9c5", "#3f5f12"),
)
_OTHER = ("#ececec", "#4a4a4a")
LEVEL_NAMES: dict[str, str] = {level: level.capitalize() for level in LEVELS}
STATUS_REASONS: dict[str, str] = {
    "negated": "negated in the text",
    "other-party": "a skill of another party",
    "hidden": "hidden text a reader cannot see",
}


def _safe_class(category_id: str) -> str:
    return "cat-" + re.sub(r"[^a-z0-9-]", "-", category_id.lower())


def _code_for(name: str, taken: set[str]) -> str:
    """Make a short unique code for a category name: 'ML Frameworks' -> 'MF', 'MLOps' -> 'ML'."""
    words = re.findall(r"[A-Za-z0-9]+", name) or ["X"]
    base = (
        "".join(w[0] for w in words[:3]).upper() if len(words) > 1 else words[0][:2].upper()
    ) or "X"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}{n}", n + 1
    taken.add(code)
    return code


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    code: str
    css: str
    colours: tuple[str, str]


@dataclass
class Catalog:
    """Names and categories of skills, gathered from every result and comparison at hand."""

    categories: dict[str, Category] = field(default_factory=dict)
    skill_names: dict[str, str] = field(default_factory=dict)
    skill_category: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, results: Iterable[MatchResult], comparison: Comparison | None) -> Catalog:
        catalog = cls()
        taken: set[str] = {"LV"}
        order: list[tuple[str, str]] = []
        results = list(results)
        for r in results:
            order += [(c.category_id, c.name) for c in r.coverage.categories]
        if comparison is not None:
            order += [(c.category_id, c.name) for c in comparison.categories]
        for r in results:
            for hit in r.skills:
                order += [(c, c) for c in hit.categories]
        for cid, name in order:
            if cid not in catalog.categories:
                colours = _PALETTE[len(catalog.categories) % len(_PALETTE)]
                catalog.categories[cid] = Category(
                    cid, name, _code_for(name, taken), _safe_class(cid), colours
                )
        for r in results:
            for cov in r.coverage.categories:
                for sid in [*cov.found, *cov.missing]:
                    catalog.skill_category.setdefault(sid, cov.category_id)
            for hit in r.skills:
                catalog.skill_names.setdefault(hit.skill_id, hit.name)
                if hit.categories:
                    catalog.skill_category[hit.skill_id] = hit.categories[0]
        if comparison is not None:
            for fit in comparison.categories:
                for sid in [
                    *fit.required_covered,
                    *fit.required_missing,
                    *fit.preferred_covered,
                    *fit.preferred_missing,
                    *fit.extra,
                ]:
                    catalog.skill_category.setdefault(sid, fit.category_id)
        return catalog

    def name(self, skill_id: str) -> str:
        return self.skill_names.get(skill_id, skill_id)

    def category(self, skill_id: str) -> Category | None:
        cid = self.skill_category.get(skill_id)
        return self.categories.get(cid) if cid is not None else None


def category_css(catalog: Catalog) -> str:
    rules = [f"mark.cat-other {{ background: {_OTHER[0]}; border-color: {_OTHER[1]}; }}"]
    for cat in catalog.categories.values():
        bg, border = cat.colours
        rules.append(f"mark.{cat.css} {{ background: {bg}; border-color: {border}; }}")
    return "\n".join(rules)
