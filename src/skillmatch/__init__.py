"""skillmatch: find skills in résumés and job postings, with evidence.

>>> from skillmatch import SkillMatcher
>>> matcher = SkillMatcher.default()
>>> result = matcher.match("Deployed PyTorch models to production on AWS.")
>>> sorted(result.skill_ids)
['aws', 'production-deployment', 'pytorch']
"""

from __future__ import annotations

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
    "time_budget",
]
