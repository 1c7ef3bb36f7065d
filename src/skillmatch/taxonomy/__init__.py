"""The taxonomy: its schema, its files, building one from a role document, the overlay, the linter.

One module per job, each importing only the ones before it:

- :mod:`~skillmatch.taxonomy.files`: read YAML/JSON safely; pydantic errors as one line;
- :mod:`~skillmatch.taxonomy.rules`: described work and technical context, as data;
- :mod:`~skillmatch.taxonomy.schema`: the pydantic models (:class:`Taxonomy` and its parts),
  load, default (package data through ``importlib.resources``), dump;
- :mod:`~skillmatch.taxonomy.overlay`: the curated :class:`Overlay` and :func:`apply_overlay`;
- :mod:`~skillmatch.taxonomy.catalog`: the technology :class:`Catalog` shipped with the package;
- :mod:`~skillmatch.taxonomy.build`: role document (+ overlay) -> taxonomy;
- :mod:`~skillmatch.taxonomy.lint`: aliases that will misfire.

>>> Taxonomy.default().skill("aws").name
'AWS'
"""

from __future__ import annotations

from skillmatch.taxonomy.build import build_taxonomy
from skillmatch.taxonomy.catalog import Catalog, CatalogEntry, CatalogGroup
from skillmatch.taxonomy.files import describe_validation_error, parse_data_text, read_data_file
from skillmatch.taxonomy.lint import LintIssue, lint_taxonomy
from skillmatch.taxonomy.overlay import Overlay, apply_overlay, load_overlay
from skillmatch.taxonomy.rules import TechnicalContext, WorkRule, WorkSettings
from skillmatch.taxonomy.schema import (
    Alias,
    Category,
    LevelBand,
    RoleProfile,
    SeniorityRules,
    Signal,
    Skill,
    Taxonomy,
    TermPattern,
)

__all__ = [
    "Alias",
    "Catalog",
    "CatalogEntry",
    "CatalogGroup",
    "Category",
    "LevelBand",
    "LintIssue",
    "Overlay",
    "RoleProfile",
    "SeniorityRules",
    "Signal",
    "Skill",
    "Taxonomy",
    "TechnicalContext",
    "TermPattern",
    "WorkRule",
    "WorkSettings",
    "apply_overlay",
    "build_taxonomy",
    "describe_validation_error",
    "lint_taxonomy",
    "load_overlay",
    "parse_data_text",
    "read_data_file",
]
