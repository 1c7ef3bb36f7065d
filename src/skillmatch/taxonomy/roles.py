"""Role profiles from the document's own role bullets: category weights from their words.

A role bullet ("Backend Developer: Specialized in APIs, databases and servers") leans on the
categories whose words it shares: the category's name and its skills' names and descriptions.
A role of "all aspects" leans on every category. The weights come from the document alone;
a role that names no category is left out by the builder (an overlay may give it weights).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["derived_weights"]

_FUNCTION_WORDS = frozenset("with of for to from in on by other all the a an into as".split())  # noqa: SIM905
_ROLE_NOISE = frozenset(
    """ai ml engineer engineering development developer developers and focus general specialized
    specialised specializes combines combine aspects building build work working""".split()  # noqa: SIM905
)


def derived_weights(
    role_text: str, categories: dict[str, dict[str, Any]], skills: dict[str, dict[str, Any]]
) -> dict[str, float]:
    """Weigh categories for a role: 1 where its words meet the name of a category or of one of
    its skills (every category for "all aspects"), 0.2 elsewhere.

    A role that leans on every category alike matches every text alike: only the words of the
    role's own bullet set its weights.

    >>> cats = {"web": {"name": "Core Web"}, "data": {"name": "State & Data"}}
    >>> skills = {"rest": {"name": "REST APIs", "categories": ["data"]}}
    >>> derived_weights("Backend Developer: Specialized in APIs and servers", cats, skills)
    {'web': 0.2, 'data': 1.0}
    """
    words = _stems(role_text)
    every = "all" in words
    words -= _FUNCTION_WORDS | _ROLE_NOISE
    weights: dict[str, float] = {}
    for category_id, category in categories.items():
        names = [category["name"]] + [
            f"{skill['name']} {skill.get('description', '')}"
            for skill in skills.values()
            if category_id in skill["categories"]
        ]
        category_words = _stems(" ".join(names)) - _FUNCTION_WORDS - _ROLE_NOISE
        weights[category_id] = 1.0 if every or words & category_words else 0.2
    return weights


def _stems(text: str) -> set[str]:
    return {word.rstrip("s") for word in re.findall(r"[a-z]+", text.lower())}
