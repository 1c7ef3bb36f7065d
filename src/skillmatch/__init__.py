"""skillmatch: find skills in résumés and job postings, with evidence.

>>> from skillmatch import SkillMatcher
>>> matcher = SkillMatcher.default()
>>> result = matcher.match("Deployed PyTorch models to production on AWS.")
>>> sorted(result.skill_ids)
['aws', 'production-deployment', 'pytorch']

The public names are imported on first use (PEP 562), so ``import skillmatch.cli`` or
``import skillmatch.errors`` does not load spaCy: ``skillmatch --help`` answers at once.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# For type checkers, every public name but ``to_frame`` and ``score_frame`` (frame.py sits on the
# top layer, beside the CLI and the server, which import this package for its version).
if TYPE_CHECKING:
    from skillmatch._runtime import time_budget
    from skillmatch.errors import (
        CorruptDocumentError,
        DocumentReadError,
        DocumentTimeoutError,
        EmptyDocumentError,
        EncryptedDocumentError,
        EvalSetError,
        InputError,
        LimitExceededError,
        SkillmatchError,
        TaxonomyError,
        UnsupportedFormatError,
    )
    from skillmatch.limits import Limits
    from skillmatch.matcher import SkillMatcher
    from skillmatch.models import (
        CategoryCoverage,
        CategoryFit,
        Comparison,
        Coverage,
        Flag,
        MatchResult,
        Mention,
        NearMiss,
        RoleScore,
        Seniority,
        SeniorityEvidence,
        SkillHit,
    )
    from skillmatch.readers import Document, iter_documents, read_document
    from skillmatch.scoring import compare
    from skillmatch.taxonomy import Taxonomy

__version__ = "0.1.0"

# Where each public name lives: the module is imported the first time the name is asked for.
_HOMES = {
    "skillmatch._runtime": ("time_budget",),
    "skillmatch.errors": (
        "CorruptDocumentError",
        "DocumentReadError",
        "DocumentTimeoutError",
        "EmptyDocumentError",
        "EncryptedDocumentError",
        "EvalSetError",
        "InputError",
        "LimitExceededError",
        "SkillmatchError",
        "TaxonomyError",
        "UnsupportedFormatError",
    ),
    "skillmatch.frame": ("score_frame", "to_frame"),
    "skillmatch.limits": ("Limits",),
    "skillmatch.matcher": ("SkillMatcher",),
    "skillmatch.models": (
        "CategoryCoverage",
        "CategoryFit",
        "Comparison",
        "Coverage",
        "Flag",
        "MatchResult",
        "Mention",
        "NearMiss",
        "RoleScore",
        "Seniority",
        "SeniorityEvidence",
        "SkillHit",
    ),
    "skillmatch.readers": ("Document", "iter_documents", "read_document"),
    "skillmatch.scoring": ("compare",),
    "skillmatch.taxonomy": ("Taxonomy",),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "CategoryCoverage",
    "CategoryFit",
    "Comparison",
    "CorruptDocumentError",
    "Coverage",
    "Document",
    "DocumentReadError",
    "DocumentTimeoutError",
    "EmptyDocumentError",
    "EncryptedDocumentError",
    "EvalSetError",
    "Flag",
    "InputError",
    "LimitExceededError",
    "Limits",
    "MatchResult",
    "Mention",
    "NearMiss",
    "RoleScore",
    "Seniority",
    "SeniorityEvidence",
    "SkillHit",
    "SkillMatcher",
    "SkillmatchError",
    "Taxonomy",
    "TaxonomyError",
    "UnsupportedFormatError",
    "__version__",
    "compare",
    "iter_documents",
    "read_document",
    "score_frame",
    "time_budget",
    "to_frame",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'skillmatch' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is a plain global
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
