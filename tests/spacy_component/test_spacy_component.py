"""The ``skillmatch`` spaCy component in real pipelines: by name, after other components, with
``n_process=2``, and through ``nlp.to_disk`` / ``spacy.load``."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from skillmatch import SkillMatcher, Taxonomy

TEXTS = [
    "Senior ML engineer, 7+ years. Python, Go and Rust; no Kubernetes needed.",
    "Deployed PyTorch models to production on AWS SageMaker and EKS.",
    "I sell insurance.",
    "Built RAG pipelines with LangChain; Pyhton and Dockerr daily.",
]


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return SkillMatcher.default()


def spans_of(doc: spacy.tokens.Doc) -> list[tuple[str, str, str, float]]:
    return [
        (s.text, s.label_, s._.skillmatch.method, s._.skillmatch.score) for s in doc.spans["skills"]
    ]


def expected_spans(matcher: SkillMatcher, text: str) -> list[tuple[str, str, str, float]]:
    result = matcher.match(text)
    return [
        (m.text, hit.skill_id, m.method, m.score) for hit in result.skills for m in hit.mentions
    ]


def test_add_pipe_by_name_sets_spans_and_the_result(matcher: SkillMatcher) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("skillmatch")
    for text in TEXTS:
        doc = nlp(text)
        assert doc._.skillmatch == matcher.match(text)
        assert spans_of(doc) == expected_spans(matcher, text)
    doc = nlp(TEXTS[1])
    eks = [s for s in doc.spans["skills"] if s.text == "EKS"]
    assert {s.label_ for s in eks} == {"aws", "kubernetes"}  # one span may stand for two skills


def test_works_after_a_pipeline_s_own_components_and_keeps_theirs(matcher: SkillMatcher) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "AWS"}])
    nlp.add_pipe("skillmatch")
    doc = nlp(TEXTS[1])
    assert [(e.text, e.label_) for e in doc.ents] == [("AWS", "ORG")]
    assert len(list(doc.sents)) == 1
    assert spans_of(doc) == expected_spans(matcher, TEXTS[1])


def test_spans_widen_to_the_pipeline_s_tokens() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("skillmatch")
    doc = nlp("Stack:Python/Go")  # one token holds the mention of Python
    (python,) = [s for s in doc.spans["skills"] if s.label_ == "python"]
    mention = python._.skillmatch
    assert doc.text[mention.start : mention.end] == "Python"
    assert python.start_char <= mention.start and mention.end <= python.end_char


def test_nlp_pipe_with_two_processes_equals_one(matcher: SkillMatcher) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("skillmatch")
    one = list(nlp.pipe(TEXTS * 3, n_process=1))
    two = list(nlp.pipe(TEXTS * 3, n_process=2, batch_size=2))
    assert [spans_of(d) for d in two] == [spans_of(d) for d in one]
    assert [d._.skillmatch for d in two] == [matcher.match(t) for t in TEXTS * 3]


def test_docs_keep_their_result_through_docbin() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("skillmatch")
    docs = list(nlp.pipe(TEXTS))
    back = list(DocBin(docs=docs, store_user_data=True).get_docs(nlp.vocab))
    assert [d._.skillmatch for d in back] == [d._.skillmatch for d in docs]
    assert [spans_of(d) for d in back] == [spans_of(d) for d in docs]


def test_a_custom_taxonomy_survives_to_disk_and_spacy_load_without_its_file(
    tmp_path: Path,
) -> None:
    taxonomy_file = tmp_path / "tiny.yaml"
    taxonomy_file.write_text(
        "name: tiny\ncategories: [{id: langs, name: Languages}]\n"
        "skills:\n  - {id: cobol, name: COBOL, categories: [langs], aliases: [COBOL]}\n",
        encoding="utf-8",
    )
    nlp = spacy.blank("en")
    nlp.add_pipe("skillmatch", config={"taxonomy": str(taxonomy_file), "kind": "resume"})
    before = nlp("COBOL and Python")
    nlp.to_disk(tmp_path / "pipeline")
    taxonomy_file.unlink()  # the saved pipeline carries its own copy
    loaded = spacy.load(tmp_path / "pipeline")
    after = loaded("COBOL and Python")
    assert spans_of(after) == spans_of(before) == [("COBOL", "cobol", "exact", 1.0)]
    assert after._.skillmatch == before._.skillmatch
    assert loaded.get_pipe("skillmatch").matcher.taxonomy == Taxonomy.load(
        tmp_path / "pipeline" / "skillmatch" / "taxonomy.json"
    )


def test_a_missing_taxonomy_file_is_named_when_the_first_doc_comes(tmp_path: Path) -> None:
    from skillmatch.errors import TaxonomyError

    nlp = spacy.blank("en")
    nlp.add_pipe("skillmatch", config={"taxonomy": str(tmp_path / "nope.yaml")})
    with pytest.raises(TaxonomyError, match=r"nope\.yaml"):
        nlp("Python")


def test_a_bad_kind_is_refused_when_the_pipe_is_added() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="kind"):
        nlp.add_pipe("skillmatch", config={"kind": "poem"})
