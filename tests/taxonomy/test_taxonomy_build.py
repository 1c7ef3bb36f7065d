"""The builder: role documents (the seed, Markdown, a data engineer's) and the overlay merge."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillmatch.errors import TaxonomyError
from skillmatch.taxonomy import Taxonomy, build_taxonomy
from skillmatch.taxonomy.build import category_slug

# Tests may use the repository layout (the library may not): the seed, the overlay and the
# script that regenerates the shipped default live outside the package.
ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "taxonomy" / "what-is-ai-engineer.txt"
OVERLAY = ROOT / "taxonomy" / "overlay.yaml"
DATA_ENGINEER = ROOT / "examples" / "roles" / "data-engineer.txt"

CONTRACT = {
    "programming": ["python", "javascript", "typescript", "go", "rust"],
    "ml-frameworks": ["tensorflow", "pytorch", "scikit-learn"],
    "cloud-platforms": ["aws", "gcp", "azure"],
    "mlops": ["docker", "kubernetes", "ci-cd"],
    "data-engineering": ["sql", "data-pipelines", "etl"],
    "core-competencies": [
        "model-development",
        "system-design",
        "api-development",
        "performance-optimization",
        "production-deployment",
    ],
    "modern-ai": [
        "llm-integration",
        "prompt-engineering",
        "agent-development",
        "rag",
        "multimodal-ai",
    ],
    "emerging-tech": ["agentic-ai", "multimodal-ai", "edge-ai", "neuromorphic-computing"],
}


@pytest.fixture(scope="module")
def seed() -> Taxonomy:
    return build_taxonomy(SEED, overlay=OVERLAY)


def test_seed_with_overlay_gives_the_contract_categories_and_skills(seed: Taxonomy) -> None:
    assert seed.category_ids == list(CONTRACT)
    for category_id, skill_ids in CONTRACT.items():
        assert sorted(s.id for s in seed.skills_in(category_id)) == sorted(skill_ids)
    assert len(seed.skills) == 30


def test_seed_without_overlay_already_has_the_30_skill_ids() -> None:
    bare = build_taxonomy(SEED)
    assert sorted(bare.skill_ids) == sorted({i for ids in CONTRACT.values() for i in ids})
    assert len(bare.categories) == 8
    assert bare.skill("ci-cd").name == "CI/CD"
    assert {"CI/CD pipelines", "CI/CD"} <= {a.text for a in bare.skill("ci-cd").aliases}


def test_multimodal_ai_is_one_skill_in_two_categories(seed: Taxonomy) -> None:
    assert seed.skill("multimodal-ai").categories == ["modern-ai", "emerging-tech"]


def test_slash_list_item_is_two_skills_and_acronym_slash_is_one(seed: Taxonomy) -> None:
    assert seed.skill("javascript").aliases[0].text == "JavaScript"
    assert seed.skill("typescript").aliases[0].text == "TypeScript"
    assert "ci" not in seed.skill_ids and "cd" not in seed.skill_ids


def test_sentence_bullet_becomes_a_skill_with_description(seed: Taxonomy) -> None:
    assert seed.skill("model-development").description.startswith("Training, fine-tuning")
    assert seed.skill("model-development").categories == ["core-competencies"]


def test_skills_progression_gives_12_signals_with_levels(seed: Taxonomy) -> None:
    levels = [signal.level for signal in seed.signals]
    assert levels == ["entry"] * 4 + ["mid"] * 4 + ["senior"] * 4
    assert seed.signal("team-leadership").name == "Team leadership and mentoring"


def test_bands_come_from_the_headings_years(seed: Taxonomy) -> None:
    bands = [(b.level, b.min_years, b.max_years) for b in seed.seniority.bands]
    assert bands == [("entry", 0, 2), ("mid", 2, 5), ("senior", 5, None)]


def test_bands_follow_other_years_in_the_document() -> None:
    text = SEED.read_text(encoding="utf-8").replace("(0-2 years)", "(0-3 years)")
    text = text.replace("(2-5 years)", "(3-7 years)").replace("(5+ years)", "(7+ years)")
    bands = [(b.min_years, b.max_years) for b in build_taxonomy(text).seniority.bands]
    assert bands == [(0, 3), (3, 7), (7, None)]


def test_traditional_roles_become_four_role_profiles(seed: Taxonomy) -> None:
    assert [r.id for r in seed.roles] == [
        "data-scientist",
        "ml-engineer",
        "software-engineer",
        "ai-engineer",
    ]
    assert seed.role("ai-engineer").categories["modern-ai"] == 1.0
    assert seed.role("software-engineer").categories["programming"] == 1.0


def test_roles_without_overlay_get_derived_weights_over_every_category() -> None:
    bare = build_taxonomy(SEED)
    weights = bare.role("ai-engineer").categories
    assert set(weights) == set(bare.category_ids) and set(weights.values()) == {1.0}


def test_sections_naming_no_skills_are_left_out() -> None:
    bare = build_taxonomy(SEED)
    names = {c.name for c in bare.categories}
    assert not names & {"Company Types", "Market Growth", "Career Security", "Overview"}
    assert "big-tech" not in bare.skill_ids and "google" not in bare.skill_ids


def test_overlay_exclude_sections_overrides_the_guess() -> None:
    bare = build_taxonomy(SEED, overlay={"exclude_sections": ["Emerging Technologies"]})
    assert "edge-ai" not in bare.skill_ids
    assert bare.skill("multimodal-ai").categories == ["modern-ai-engineering"]


def test_overlay_include_sections_keeps_a_business_section() -> None:
    kept = build_taxonomy(SEED, overlay={"include_sections": ["Company Types"]})
    assert {"google", "startups"} <= set(kept.skill_ids)


def test_markdown_document_builds_the_same_shape() -> None:
    text = """# Platform Engineer

Builds the paved road.

## Technical Skills

- **Languages**: Go, Python
- Clouds: AWS, GCP

## Core Competencies

* Incident Response: Running calm, blameless incident reviews

## Skills Progression

### Junior Level (0-1 years)

- Writing runbooks

### Senior Level (4+ years)

- Setting platform strategy
"""
    taxonomy = build_taxonomy(text)
    assert taxonomy.name == "Platform Engineer"
    assert [s.id for s in taxonomy.skills_in("languages")] == ["go", "python"]
    assert taxonomy.skill("incident-response").categories == ["core-competencies"]
    assert [(b.level, b.min_years) for b in taxonomy.seniority.bands] == [
        ("entry", 0),
        ("senior", 4),
    ]


def test_data_engineer_document_gives_a_sensible_taxonomy() -> None:
    taxonomy = build_taxonomy(DATA_ENGINEER)
    assert taxonomy.name == "What is a Data Engineer"
    assert taxonomy.category_ids == [
        "programming",
        "orchestration",
        "warehouses",
        "streaming",
        "processing",
        "infrastructure",
        "core-competencies",
    ]
    assert [s.id for s in taxonomy.skills_in("orchestration")] == ["airflow", "dagster", "prefect"]
    assert taxonomy.skill("spark-streaming").name == "Spark Streaming"
    assert taxonomy.skill("data-modeling").description.startswith("Designing schemas")
    assert [r.id for r in taxonomy.roles] == ["data-analyst", "analytics-engineer", "data-engineer"]
    assert [s.level for s in taxonomy.signals] == ["entry"] * 2 + ["mid"] * 2 + ["senior"] * 2
    assert not any("salar" in s.id or "market" in s.id for s in taxonomy.skills)


def test_overlay_adds_aliases_and_replaces_same_text_alias_with_its_gates(
    seed: Taxonomy,
) -> None:
    rag = {a.text: a for a in seed.skill("rag").aliases}
    assert rag["RAG"].case_sensitive and "retrieval-augmented generation" in rag
    assert [a.text for a in seed.skill("rag").aliases].count("RAG") == 1
    assert "SageMaker" in {e.text for e in seed.skill("aws").evidence}
    assert "EKS" in {e.text for e in seed.skill("kubernetes").evidence}


def test_overlay_with_unknown_skill_id_names_it() -> None:
    with pytest.raises(TaxonomyError, match=r"skills -> pytorch2: unknown skill id 'pytorch2'"):
        build_taxonomy(SEED, overlay={"skills": {"pytorch2": {"aliases": ["Torch2"]}}})


def test_overlay_file_with_unknown_key_names_file_and_place(tmp_path: Path) -> None:
    path = tmp_path / "overlay.yaml"
    path.write_text("skills:\n  python:\n    alias: [Py]\n", encoding="utf-8")
    with pytest.raises(TaxonomyError) as info:
        build_taxonomy(SEED, overlay=path)
    assert str(path) in str(info.value) and "skills -> python -> alias" in str(info.value)


def test_missing_document_and_document_without_skills_are_errors(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="no such role document"):
        build_taxonomy(tmp_path / "absent.txt")
    with pytest.raises(TaxonomyError, match="names no skills"):
        build_taxonomy("Overview\n\nJust a paragraph about things.\n")


def _default_script() -> ModuleType:
    path = ROOT / "scripts" / "build_default_taxonomy.py"
    spec = importlib.util.spec_from_file_location("build_default_taxonomy", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_default_matches_a_fresh_build() -> None:
    script = _default_script()
    assert script.DEFAULT_OUTPUT == ROOT / "src" / "skillmatch" / "data" / "default.yaml"
    shipped = script.DEFAULT_OUTPUT.read_text(encoding="utf-8")
    assert shipped == script.default_yaml(), (
        "src/skillmatch/data/default.yaml is out of date with taxonomy/; regenerate it with"
        " `.venv/bin/python scripts/build_default_taxonomy.py --write-default`"
    )
    assert Taxonomy.default() == script.build_default()
    assert script.main(["--check"]) == 0


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab :,-•#\n/()0123456789+AB"), max_size=300))
def test_builder_on_any_text_gives_a_taxonomy_or_a_taxonomy_error(text: str) -> None:
    try:
        taxonomy = build_taxonomy(text + "\n")
    except TaxonomyError:
        return
    assert taxonomy.skills


def test_category_ids_keep_every_word_and_the_overlay_maps_the_contract_ids(
    seed: Taxonomy,
) -> None:
    bare = build_taxonomy(SEED)
    assert [c.id for c in bare.categories] == [
        "programming", "ml-frameworks", "cloud-platforms", "mlops", "data-engineering",
        "core-competencies", "modern-ai-engineering", "emerging-technologies",
    ]  # fmt: skip
    assert seed.category_ids[-2:] == ["modern-ai", "emerging-tech"]
    assert sorted(bare.skill("multimodal-ai").categories) == [
        "emerging-technologies",
        "modern-ai-engineering",
    ]
    assert build_taxonomy("Role\n\nState & Data\n\n- Stores: Redux, MobX\n").category_ids == [
        "stores"
    ]
    assert category_slug("State & Data") == "state-and-data"


def test_headings_sharing_their_first_words_stay_apart() -> None:
    doc = (
        "Role\n\nData Engineering Work\n\n"
        "  • Batch Loading: Moving data into the warehouse every night\n\n"
        "Data Engineering Practices\n\n  • Data Contracts: Agreeing on schemas with the producers\n"
    )
    ids = {c.id for c in build_taxonomy(doc).categories}
    assert ids == {"data-engineering-work", "data-engineering-practices"}
