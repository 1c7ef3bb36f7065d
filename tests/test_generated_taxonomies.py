"""Properties of matching over generated taxonomies: any valid taxonomy, any text, no crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillmatch import SkillMatcher, Taxonomy
from skillmatch.tokenizer import blank_pipeline
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
