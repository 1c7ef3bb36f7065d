"""Matching on the default taxonomy: look-alikes, misspellings, negation, offsets, overlaps."""

from __future__ import annotations

import pytest

from skillmatch import MatchResult
from skillmatch.matcher import SkillMatcher
from strategies import assert_evidence_valid


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return SkillMatcher.default()


def _ids(result: MatchResult) -> set[str]:
    return {s.skill_id for s in result.skills}


# (text, skill that must be found, skill that must NOT be found)
TRAPS = [
    ("I'm the go-to person for model serving questions.", None, "go"),
    ("Go through the onboarding checklist; let's go!", None, "go"),
    ("We go live in March.", None, "go"),
    ("A real go-getter with Python experience.", "python", "go"),
    ("Languages: Python, Go, Rust", "go", None),
    ("Backend services written in Golang.", "go", None),
    ("Led R&D for the retail unit.", None, "r"),
    ("Photographs of the Rust Belt and rust-belt towns.", None, "rust"),
    ("Insurance agent and real estate agent for six years.", None, "agent-development"),
    ("Ensure prompt payment of claims and reply promptly.", None, "prompt-engineering"),
    ("Our competitive edge is cutting-edge service.", None, "edge-ai"),
    ("Sailing in the azure waters of the Adriatic.", None, "azure"),
    ("Worked at an Amazon warehouse as a picker.", None, "aws"),
    ("Java developer for ten years.", None, "javascript"),
    ("Type 2 diabetes research.", None, "typescript"),
    ("Computed TF-IDF features for search.", None, "tensorflow"),
    ("Repair of oil pipelines and spark plugs; clean rags; dockers at the port.", None, "rag"),
    ("Repair of oil pipelines and spark plugs; clean rags; dockers at the port.", None, "docker"),
    ("Repair of oil pipelines.", None, "data-pipelines"),
    ("Set up Jenkins pipelines for the monorepo.", "ci-cd", "data-pipelines"),
    ("No Kubernetes needed.", None, "kubernetes"),
    ("No Kubernetes required — our jobs run on managed services.", None, "kubernetes"),
    ("We are a PyTorch shop — we do not use TensorFlow.", "pytorch", "tensorflow"),
    ("You won't need Python or AWS for this role.", None, "python"),
    ("You won't need Python or AWS for this role.", None, "aws"),
    ("You don't need cloud, Docker or Kubernetes experience.", None, "docker"),
    ("Kubernetes is not required.", None, "kubernetes"),
    ("The front end is JavaScript, but it is owned by a separate web team.", None, "javascript"),
    ("Our ML team trains the models in PyTorch; you make them fast.", None, "pytorch"),
    ("Sailed closure of the project; closure report.", None, "clojure"),
    (
        "Won loyal customers by continuously fine tuning customer service.",
        None,
        "model-development",
    ),
    (
        "Test drove cars for handling and fine tuning. Education: in-house training.",
        None,
        "model-development",
    ),
    (
        "Fine-tune CLIP-style image-text encoders for attribute extraction.",
        "model-development",
        None,
    ),
    ("Skills: Hugging Face, fine-tuning, vector search", "model-development", None),
    ("LLM fine-tuning with LoRA adapters", "model-development", None),
    ("Audits for (Good Clinical Practice) GCP and FDA compliance.", None, "gcp"),
    ("Experience with GCP is a plus.", "gcp", None),
    ("Client: S3G - India; 4G rollout.", None, "aws"),
    ("Logs land in S3, then Athena.", "aws", None),
    ("Technologies: linux amazon-web-services", "aws", "api-development"),
    (
        "Build secure system solutions to meet endpoint program requirements.",
        None,
        "api-development",
    ),
    ("Wrote the REST endpoints the checkout team calls.", "api-development", None),
    ("Experience with cloud deployment tools like Spinnaker.", None, "neuromorphic-computing"),
    ("Languages: PHP 5 (procedural, not object oriented), MySQL, JavaScript", "sql", None),
    ("We do not use (and never will) Kubernetes.", None, "kubernetes"),
    ("Knowledge on Web Services  -Good Team player", "api-development", None),
    # a sentence ends between the two halves of a name
    ("We measured each tensor. Flow rates dropped.", None, "tensorflow"),
    ("Worked on the spark. Streaming data came later.", None, "data-pipelines"),
    ("Used a Lang. Chain of command applied.", None, "llm-integration"),
    ("I liked the pyth. Orch music was good.", None, "pytorch"),
    # misspellings and variants
    ("Built models with Pytorch.", "pytorch", None),
    ("Ran workloads on Kubernates clusters.", "kubernetes", None),
    ("Strong Pyhton skills.", "python", None),
    ("Trained classifiers with scikit-lean.", "scikit-learn", None),
    ("Containers with Dockerr and compose.", "docker", None),
    ("Tensor Flow and scikit learn.", "tensorflow", None),
    ("Tensor Flow and scikit learn.", "scikit-learn", None),
    ("APIs in Node JS.", "javascript", None),
    ("Scripts in Pyhton3.", "python", None),
    ("Services in Node.sj and Exprss.js.", "javascript", None),
    ("Versions 2.0.1 and v1.2, e.g. U.S. and Ph.D. holders.", None, "javascript"),
    ("Kuber-\nnetes on bare metal.", "kubernetes", None),
    ("Deployed with Py-\nTorch.", "pytorch", None),
    # a name's short last word is an acronym a misspelling keeps whole
    ("Designed flyers in Corel Draw and Photoshop.", None, "edge-ai"),
    ("On-device models with Core ML.", "edge-ai", None),
    # aliases and evidence
    ("Training jobs on Amazon SageMaker.", "aws", None),
    ("Clusters on EKS.", "kubernetes", None),
    ("Clusters on EKS.", "aws", None),
    ("Warehouse in BigQuery.", "gcp", None),
    ("Warehouse in BigQuery.", "sql", None),
    ("CI with GitHub Actions.", "ci-cd", None),
    ("Models in sklearn.", "scikit-learn", None),
    ("Retrieval-augmented generation over contracts.", "rag", None),
    ("Google Cloud\u00a0Platform and GKE.", "gcp", None),
    ("Deployed the models to production behind a REST API.", "production-deployment", None),
]


@pytest.mark.parametrize(("text", "present", "absent"), TRAPS)
def test_match_handles_look_alikes_and_misspellings(
    matcher: SkillMatcher, text: str, present: str | None, absent: str | None
) -> None:
    ids = _ids(matcher.match(text))
    if present:
        assert present in ids, f"{present!r} not found in {text!r}: {sorted(ids)}"
    if absent:
        assert absent not in ids, f"{absent!r} wrongly found in {text!r}"


def test_match_when_negated_reports_the_mention_as_excluded(matcher: SkillMatcher) -> None:
    text = "No Kubernetes needed; Python is a must."
    result = matcher.match(text, kind="job")
    assert "kubernetes" not in _ids(result)
    negated = [m for m in result.excluded if m.skill_id == "kubernetes"]
    assert negated and negated[0].status == "negated"
    assert text[negated[0].start : negated[0].end] == "Kubernetes"
    assert negated[0].requirement == "negated"


@pytest.mark.parametrize(
    ("text", "surface", "skill"),
    [
        ("C# and C++ developer, C and Python", "C#", "csharp"),
        ("Google Cloud Platform (GCP) certified", "Google Cloud Platform", "gcp"),
        ("Amazon Web Services and AWS Lambda", "Amazon Web Services", "aws"),
    ],
)
def test_match_prefers_the_longest_alias(
    matcher: SkillMatcher, text: str, surface: str, skill: str
) -> None:
    result = matcher.match(text)
    surfaces = [m.text for s in result.skills for m in s.mentions]
    if skill in {s.id for s in matcher.taxonomy.skills}:
        assert surface in surfaces
    # No mention may sit inside another: "Google Cloud" never stands inside "Google Cloud Platform".
    assert_evidence_valid(text, result)


def test_cpp_and_csharp_never_yield_c(matcher: SkillMatcher) -> None:
    text = "Wrote C++ and C# services."
    result = matcher.match(text)
    for hit in result.skills:
        for m in hit.mentions:
            assert m.text not in ("C",), m


def test_mentions_point_into_the_original_text(matcher: SkillMatcher) -> None:
    text = "Built ﬁne-tuned PyTorch models on Kuber-\nnetes with\u00a0Google\u00a0Cloud Platform."
    result = matcher.match(text)
    assert {"pytorch", "kubernetes", "gcp"} <= _ids(result)
    for hit in result.skills:
        for m in hit.mentions:
            assert text[m.start : m.end] == m.text
    kube = result.skill("kubernetes")
    assert kube is not None and kube.mentions[0].text == "Kuber-\nnetes"


def test_a_sentence_end_bounds_the_evidence_of_a_misspelling(matcher: SkillMatcher) -> None:
    # "." joins words only when glued to both ("Py.Torch"), so the evidence stops at the stop.
    for text, evidence in [
        ("Built with Pytorh. Lightning was fast.", "Pytorh"),
        ("Deployed Py.Torh models.", "Py.Torh"),
    ]:
        hit = matcher.match(text).skill("pytorch")
        assert hit is not None and [m.text for m in hit.mentions] == [evidence], text


def test_match_reports_method_and_score(matcher: SkillMatcher) -> None:
    result = matcher.match("Python, Lang Chain, Kubernates")
    methods = {s.skill_id: s.mentions[0].method for s in result.skills}
    assert methods == {"python": "exact", "llm-integration": "normalized", "kubernetes": "fuzzy"}
    scores = {s.skill_id: s.score for s in result.skills}
    assert scores["python"] > scores["kubernetes"] > 0
    assert scores["llm-integration"] > scores["kubernetes"]


def test_exact_only_mode_skips_misspellings() -> None:
    exact = SkillMatcher.default(fuzzy=False)
    assert "kubernetes" not in _ids(exact.match("Kubernates clusters"))
    assert "kubernetes" in _ids(exact.match("Kubernetes clusters"))


def test_hidden_spans_do_not_count(matcher: SkillMatcher) -> None:
    text = "Python developer. Kubernetes Docker Rust"
    start = text.index("Kubernetes")
    result = matcher.match(text, hidden_spans=[(start, len(text))])
    assert _ids(result) == {"python"}
    assert {m.skill_id for m in result.excluded if m.status == "hidden"} >= {"kubernetes"}


def test_match_rejects_non_text(matcher: SkillMatcher) -> None:
    with pytest.raises(TypeError):
        matcher.match(b"Python")  # type: ignore[arg-type]


def test_empty_text_gives_an_empty_result(matcher: SkillMatcher) -> None:
    result = matcher.match("")
    assert result.skills == [] and result.seniority.level is None
    assert result.coverage.overall == 0


def test_pipe_keeps_order_and_context(matcher: SkillMatcher) -> None:
    texts = [("Python and SQL", "a.txt"), ("Kubernetes", "b.txt"), ("", "c.txt")]
    out = list(matcher.pipe(texts, as_tuples=True))
    assert [ctx for _, ctx in out] == ["a.txt", "b.txt", "c.txt"]
    assert out[0][0] == matcher.match("Python and SQL")
    assert _ids(out[1][0]) == {"kubernetes"}


def test_result_round_trips_through_json(matcher: SkillMatcher) -> None:
    result = matcher.match("Senior engineer, 6 years of Python and AWS; led a team of five.")
    again = MatchResult.model_validate_json(result.model_dump_json())
    assert again == result


def test_any_spacy_pipeline_can_tokenize(matcher: SkillMatcher) -> None:
    import spacy

    from skillmatch import Taxonomy

    plain = SkillMatcher.from_taxonomy(Taxonomy.default(), nlp=spacy.blank("en"))
    text = "Deployed PyTorch models to production on EKS; no Kubernetes needed for the Go-getter."
    assert plain.match(text) == matcher.match(text)
    assert plain.nlp is not matcher.nlp


def test_not_near_words_veto_an_alias_within_its_window() -> None:
    from skillmatch import Taxonomy

    taxonomy = Taxonomy.from_dict(
        {
            "name": "t",
            "categories": [{"id": "cloud", "name": "Cloud"}],
            "skills": [
                {
                    "id": "spark",
                    "name": "Spark",
                    "categories": ["cloud"],
                    "aliases": [{"text": "Spark", "not_near": ["plug*", "ignition"], "window": 3}],
                }
            ],
        }
    )
    matcher = SkillMatcher.from_taxonomy(taxonomy)
    assert _ids(matcher.match("Replaced the Spark plugs.")) == set()
    assert _ids(matcher.match("Checked ignition and Spark timing.")) == set()
    # past the window, or only a word that starts like a listed one without '*'
    assert _ids(matcher.match("Spark jobs on YARN, and one day we may change all the plugs.")) == {
        "spark"
    }
    assert _ids(matcher.match("Spark on an ignitions cluster.")) == {"spark"}


def test_an_evidence_term_that_names_the_skill_scores_as_it_and_keeps_its_gate() -> None:
    from skillmatch import Taxonomy

    taxonomy = Taxonomy.from_dict(
        {
            "name": "t",
            "categories": [{"id": "data", "name": "Data"}],
            "skills": [
                {
                    "id": "flow",
                    "name": "Flow",
                    "categories": ["data"],
                    "aliases": [{"text": "Flow", "case_sensitive": True}],
                    # "flow" is an English word: as evidence it needs technical words near
                    "evidence": ["flow", "Flow Studio"],
                }
            ],
        }
    )
    matcher = SkillMatcher.from_taxonomy(taxonomy, other_skills=False)
    assert _ids(matcher.match("We kept the flow of the river in mind.")) == set()
    hit = matcher.match("Dashboards in Flow Studio.").skills[0]
    assert [(m.text, m.score) for m in hit.mentions] == [("Flow Studio", 1.0)]
