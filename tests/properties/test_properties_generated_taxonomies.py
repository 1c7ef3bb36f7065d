"""Properties of matching over generated taxonomies: any valid taxonomy, any text, no crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillmatch import SkillMatcher, Taxonomy
from skillmatch.text import blank_pipeline
from strategies import assert_evidence_valid, taxonomies

NLP = blank_pipeline()
TEXT_WORDS = [
    "Go", "go", "to", "data", "pipeline", "Kuber-\nnetes", "C#", "C++", "no", "not", "team",
    "built", "deployed", "ml", "Py Torch", "AI", "agent", "\n", "•", ".", "-",
]  # fmt: skip
texts = st.one_of(
    st.text(max_size=120), st.lists(st.sampled_from(TEXT_WORDS), max_size=30).map(" ".join)
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(taxonomies(), st.lists(texts, min_size=1, max_size=3))
def test_any_taxonomy_matches_any_text_with_valid_evidence(
    data: dict[str, object], batch: list[str]
) -> None:
    matcher = SkillMatcher.from_taxonomy(Taxonomy.from_dict(data), nlp=NLP)
    ids = {s["id"] for s in data["skills"]}  # type: ignore[index, union-attr]
    for text in batch:
        result = matcher.match(text)
        assert {s.skill_id for s in result.skills} <= ids
        assert_evidence_valid(text, result)
    assert list(matcher.pipe(batch)) == [matcher.match(t) for t in batch]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(taxonomies(), st.data())
def test_coverage_lists_found_and_missing_skills_in_taxonomy_order(
    data: dict[str, object], draw: st.DataObject
) -> None:
    from skillmatch.scoring import coverage

    tax = Taxonomy.from_dict(data)
    ids = [s.id for s in tax.skills]
    found = draw.draw(st.lists(st.sampled_from([*ids, "not-a-skill"]), max_size=8))
    for cat, cov in zip(tax.categories, coverage(tax, found).categories, strict=True):
        in_cat = list(dict.fromkeys(s.id for s in tax.skills_in(cat.id)))
        assert cov.found == [s for s in in_cat if s in found]
        assert cov.missing == [s for s in in_cat if s not in found]
