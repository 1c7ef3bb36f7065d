"""The names that tools outside the project use stay where they are, with the same shape."""

from __future__ import annotations

import importlib
import inspect

import pytest

import skillmatch
from skillmatch import Comparison, MatchResult, Seniority, SkillHit, SkillMatcher, compare

# Each package's public names, as they were before the packages were split: importing them from
# the package keeps working.
PUBLIC = {
    "skillmatch": ["SkillMatcher", "Taxonomy", "compare", "read_document", "iter_documents"],
    "skillmatch.scoring": [
        "compare",
        "coverage",
        "detect_kind",
        "estimate_seniority",
        "requirement_of",
        "role_scores",
        "skill_years",
    ],
    "skillmatch.matching": ["RawMention", "SkillIndex", "find_mentions"],
    "skillmatch.text": ["NormalizedText", "normalize", "blank_pipeline", "table_tokenizer"],
    "skillmatch.taxonomy": ["Alias", "Skill", "Taxonomy", "SeniorityRules", "build_taxonomy"],
    "skillmatch.readers": ["Document", "Limits", "read_document", "iter_documents"],
    "skillmatch.batch": ["run_batch", "iter_rows", "iter_tasks", "columns", "read_rows"],
    "skillmatch.report": ["SummaryRow", "render_report", "render_summary"],
}


@pytest.mark.parametrize(("module", "names"), PUBLIC.items())
def test_public_names_import_from_their_package(module: str, names: list[str]) -> None:
    mod = importlib.import_module(module)
    missing = [n for n in names if not hasattr(mod, n)]
    assert not missing, f"{module} lost {missing}"
    assert set(names) <= set(getattr(mod, "__all__", names))


def test_every_name_in_all_exists() -> None:
    for module in PUBLIC:
        mod = importlib.import_module(module)
        assert all(hasattr(mod, n) for n in mod.__all__), module
    assert skillmatch.__version__


def test_matcher_contract_keeps_its_shape() -> None:
    assert callable(SkillMatcher.default) and callable(SkillMatcher.from_taxonomy)
    match = inspect.signature(SkillMatcher.match).parameters
    assert list(match)[:2] == ["self", "text"]
    for name in ("as_of", "kind"):
        assert match[name].kind is inspect.Parameter.KEYWORD_ONLY
        assert match[name].default is None
    assert {"skill_id", "requirement"} <= set(SkillHit.model_fields)
    assert {"level", "years"} <= set(Seniority.model_fields)
    assert {"score", "required_missing"} <= set(Comparison.model_fields)
    assert list(inspect.signature(compare).parameters)[:2] == ["resume", "job"]


def test_a_result_round_trips_through_its_json() -> None:
    result = SkillMatcher.default().match("Deployed PyTorch models on AWS.", kind="resume")
    assert MatchResult.model_validate_json(result.model_dump_json()) == result
