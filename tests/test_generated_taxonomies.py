"""Properties of matching over generated taxonomies: any valid taxonomy, any text, no crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillmatch import SkillMatcher, Taxonomy
from skillmatch.tokenizer import blank_pipeline
from strategies import taxonomies

NLP = blank_pipeline()
TEXT_WORDS = ["Go", "go", "to", "data", "pipeline", "Kuber-\nnetes", "C#", "C++", "no", "not",
              "team", "built", "deployed", "ml", "Py Torch", "AI", "agent", "\n", "•", ".", "-"]  # fmt: skip
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
        spans = []
        for hit in result.skills:
            for m in hit.mentions:
                assert text[m.start : m.end] == m.text
                spans.append((m.start, m.end))
        spans = sorted(set(spans))
        for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
            assert e1 <= s2
        assert 0.0 <= result.coverage.overall <= 1.0
    assert list(matcher.pipe(batch)) == [matcher.match(t) for t in batch]
