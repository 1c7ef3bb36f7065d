"""Described work: an action and an object of the right kind in one clause, in any form."""

from __future__ import annotations

import pytest

from skillmatch import MatchResult
from skillmatch.errors import TaxonomyError
from skillmatch.matcher import SkillMatcher
from skillmatch.taxonomy import Taxonomy
from strategies import assert_evidence_valid


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return SkillMatcher.default()


def _ids(result: MatchResult) -> set[str]:
    return {s.skill_id for s in result.skills}


# (text, the competency it shows): verbs, participles, nominalizations, passives, fragments.
DESCRIBED = [
    ("Deployed the fraud models with Docker.", "production-deployment"),
    ("Responsible for deployment of ML models on AWS.", "production-deployment"),
    ("Experience deploying and scaling ML models on AWS.", "production-deployment"),
    ("The classifier was deployed to 200 stores.", "production-deployment"),
    ("Models are retrained nightly and deployed with Docker.", "production-deployment"),
    ("Took the churn model to production in Python.", "production-deployment"),
    ("Shipped the ranking model behind a FastAPI service.", "production-deployment"),
    ("- productionised the recommender pipelines", "production-deployment"),
    ("Deployed them to 3,000 field devices.", "production-deployment"),
    ("Reduced query time by 40% on Postgres.", "performance-optimization"),
    ("Made the Spark ETL job 3x faster.", "performance-optimization"),
    ("Cut inference cost by 30% on SageMaker.", "performance-optimization"),
    ("Optimize existing machine learning systems for better accuracy and efficiency.",
     "performance-optimization"),
    ("Model compression techniques like pruning and distillation.", "performance-optimization"),
    ("Optimizing ML models for real-time performance on GPUs.", "performance-optimization"),
    ("Architect complex ML solutions for our clients in Python.", "system-design"),
    ("Designing and building low-latency, high-throughput systems.", "system-design"),
    ("Architect complex ML solutions on AWS.", "system-design"),
    ("She architects the data platform on AWS.", "system-design"),
    ("Re-deployed the fraud models with Docker.", "production-deployment"),
    ("Productized the churn prediction service on GCP.", "production-deployment"),
    ("Handled npm package builds and deployment for the web team.", "production-deployment"),
    ("Built performant solutions that stream telemetry on AWS.", "performance-optimization"),
    ("Engineered the whole frontend architecture in TypeScript.", "system-design"),
    ("Owned the architecture of the ML platform on GCP.", "system-design"),
    ("Trained large neural networks on GPU clusters.", "model-development"),
    ("Fine-tuned BERT models for ticket routing.", "model-development"),
    ("Evaluation of LLMs for support triage.", "model-development"),
    ("Built churn models in scikit-learn.", "model-development"),
    ("Built REST APIs in FastAPI for model serving.", "api-development"),
    ("Implementing ML services in Python.", "api-development"),
    ("Optimizing ML models for real-time inference on embedded platforms.", "edge-ai"),
    ("Ingest, transform and store sensor data in Python on AWS.", "etl"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "present"), DESCRIBED)
def test_described_work_shows_the_competency(
    matcher: SkillMatcher, text: str, present: str
) -> None:
    result = matcher.match(text)
    assert_evidence_valid(text, result)
    assert present in _ids(result)


# (text, the competency it must not show): the words, but not that work.
NOT_DESCRIBED = [
    ("Deployed troops to Iraq in 2004.", "production-deployment"),
    ("Shipping address and order fulfilment.", "production-deployment"),
    ("Launched a new product line for the spring collection.", "production-deployment"),
    ("Prepared and updated deployment guides.", "production-deployment"),
    ("Experience in software development lifecycle from concept to deployment.",
     "production-deployment"),
    ("We help teams fix production issues faster.", "production-deployment"),
    ("Improved sales performance by 20%.", "performance-optimization"),
    ("Reduced costs by 15% through supplier negotiation.", "performance-optimization"),
    ("Trained large neural networks at scale.", "performance-optimization"),
    ("Designed marketing campaigns and the brand system for clients.", "system-design"),
    ("Knowledge of design patterns, Python and cloud infrastructure.", "system-design"),
    ("Delivering design led solutions for our customers.", "system-design"),
    ("AWS Certified Solutions Architect.", "system-design"),
    ("Trained 20 new staff on the till system.", "model-development"),
    ("Developed a new model of care for elderly patients.", "model-development"),
    ("Built the data model for the warehouse in SQL.", "model-development"),
    # a model, but not one of machine learning
    ("Developing PL/SQL models to fetch the required data.", "model-development"),
    ("Created models for holding fixtures and programming scripts for assemblies.",
     "model-development"),
    ("We build an LLM assistant that drafts product descriptions.", "model-development"),
    ("Machine Learning Engineer", "model-development"),
    ("Build CI/CD for models in GitHub Actions.", "model-development"),
    ("Developed customer service skills in a busy call centre.", "api-development"),
    ("Build secure system solutions to meet endpoint program requirements.", "api-development"),
    ("Our competitive edge is cutting-edge AI.", "edge-ai"),
    # one part of a hyphenated word is not the action: no cut, no tuning for speed
    ("Better patient performance through cutting-edge sensors and cloud algorithms.",
     "performance-optimization"),
    ("Fine-tune ML models for optimal performance and generalization.",
     "performance-optimization"),
    ("Improve the accuracy and performance of the ranking models on AWS.",
     "performance-optimization"),
    ("Implemented transformer architectures in PyTorch.", "system-design"),
    ("Architecture, developing training plans for new hires in Java teams.", "system-design"),
    # work handed to others by an enabler: the marketers improve, not the text's author
    ("Our ML tool enables marketers to test and improve the performance of ad campaigns.",
     "performance-optimization"),
    # one who does it is neither the action nor its object ("owner" is no "own")
    ("As owner of our production quality and delivery in Python.",
     "production-deployment"),
    # the "-ing" form of an object's word is work, not the thing ("packaging", "modeling")
    ("Led the deployment of packaging lines across three plants.", "production-deployment"),
    # a noun for people, not the verb
    ("Work with solution architects during pilots of cloud AI services.", "system-design"),
    ("Meet the architect of our cloud platform.", "system-design"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "absent"), NOT_DESCRIBED)
def test_words_without_the_work_do_not_show_the_competency(
    matcher: SkillMatcher, text: str, absent: str
) -> None:
    assert absent not in _ids(matcher.match(text))


def test_evidence_is_the_action_and_object_words_with_the_rule_named(
    matcher: SkillMatcher,
) -> None:
    text = "Led a team. Responsible for deployment of fraud models."
    hit = next(s for s in matcher.match(text).skills if s.skill_id == "production-deployment")
    assert [(m.text, text[m.start : m.end], m.method) for m in hit.mentions] == [
        ("deployment", "deployment", "pattern"),
        ("models", "models", "pattern"),
    ]
    assert {m.matched for m in hit.mentions} == {"pattern:deployed-work"}


@pytest.mark.parametrize(
    "text",
    [
        "We deployed.\nModels are our business.",  # a line break
        "We deployed it. Models are our business.",  # a sentence end
        "We deployed it; models are our business.",  # a clause break
        "Deployed the new office printers, desks, chairs, phones, badges and the whole team's"
        " models",  # too far apart
    ],
)
def test_action_and_object_must_share_a_clause_within_the_window(
    matcher: SkillMatcher, text: str
) -> None:
    assert "production-deployment" not in _ids(matcher.match(text))


def test_negated_described_work_is_excluded(matcher: SkillMatcher) -> None:
    result = matcher.match("You will not deploy models; the platform team does that.")
    assert "production-deployment" not in _ids(result)
    assert "production-deployment" in {m.skill_id for m in result.excluded}


ROLE = {
    "name": "Nurse",
    "categories": [{"id": "care", "name": "Care"}],
    "skills": [
        {
            "id": "wound-care",
            "name": "Wound care",
            "categories": ["care"],
            "aliases": ["wound care"],
            "work": [
                {
                    "id": "dressed-wounds",
                    "actions": ["@treat"],
                    "objects": ["wound", "ulcer", "pressure sore"],
                    "window": 3,
                }
            ],
        }
    ],
    "work": {"families": {"treat": ["dress", "clean", "treatment", "debride"]}},
}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Dressed and cleaned leg ulcers daily.", True),
        ("Treatment of pressure sores on the ward.", True),
        ("Debrided wounds under supervision.", True),
        ("Dressed the patients for theatre.", False),
    ],
)
def test_another_role_document_uses_its_own_families(text: str, found: bool) -> None:
    matcher = SkillMatcher.from_taxonomy(Taxonomy.from_dict(ROLE))
    assert ("wound-care" in _ids(matcher.match(text))) is found


def test_a_rule_naming_an_unknown_family_is_refused() -> None:
    bad = {**ROLE, "work": {"families": {}}}
    with pytest.raises(TaxonomyError, match=r"unknown family '@treat' of rule 'dressed-wounds'"):
        Taxonomy.from_dict(bad)
