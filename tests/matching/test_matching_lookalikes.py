"""Look-alikes on ordinary text: a tool name that is also a word, a name, an acronym or a product
that people merely use. What they share is no technical text around them (``@technical``)."""

from __future__ import annotations

import pytest

from skillmatch import MatchResult
from skillmatch.matcher import SkillMatcher
from skillmatch.matching.gates import needs_technical_context
from skillmatch.taxonomy import Alias, TechnicalContext
from strategies import assert_evidence_valid


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return SkillMatcher.default()


def _ids(result: MatchResult) -> set[str]:
    return {s.skill_id for s in result.skills}


# (text, a skill it must not show): each found by trying the product on ordinary text.
LOOK_ALIKES = [
    ("Documenting GCS and pupil response every hour on the ward.", "gcp"),
    ("MSK physiotherapist at a private clinic.", "aws"),
    ("Applied kinesio tape to injured athletes.", "aws"),
    ("Applied kinesio tape to injured athletes.", "data-pipelines"),
    ("Thesis on galaxy redshift surveys.", "aws"),
    ("Thesis on galaxy redshift surveys.", "sql"),
    ("Duty manager at Vue Cinemas for three years.", "javascript"),
    ("React quickly to complaints and escalate them.", "javascript"),
    ("Volunteer keeper for the red pandas at the zoo.", "python"),
    ("Taught Kafka, Orwell and Woolf to sixth formers.", "data-pipelines"),
    ("Chroma key compositing for music videos.", "rag"),
    ("Use AI tools such as ChatGPT to draft copy for campaigns.", "llm-integration"),
    ("Comfortable using ChatGPT and Claude to summarise meetings.", "llm-integration"),
    ("Skills: Hugging Face", "llm-integration"),
    ("We are an exciting generative AI start-up in Paris.", "llm-integration"),
    ("Our competitive edge is cutting-edge AI.", "edge-ai"),
]


@pytest.mark.parametrize(("text", "absent"), LOOK_ALIKES)
def test_look_alike_on_ordinary_text_is_not_the_skill(
    matcher: SkillMatcher, text: str, absent: str
) -> None:
    result = matcher.match(text)
    assert_evidence_valid(text, result)
    assert absent not in _ids(result)


# The same names with technical text around them are the tools.
IN_TECHNICAL_TEXT = [
    ("Stack: Python, pandas and NumPy.", "python"),
    ("Event streams in Kafka and Spark, orchestrated by Airflow.", "data-pipelines"),
    ("Frontend in Vue and TypeScript.", "javascript"),
    ("Built the dashboard in React with a REST API behind it.", "javascript"),
    ("Warehouse on redshift, loaded by Glue jobs from S3.", "aws"),
    ("Streaming ingestion on MSK with Kafka Connect.", "aws"),
    ("Embeddings stored in Chroma for a retrieval pipeline.", "rag"),
    ("Integrated the ChatGPT API into our Python backend.", "llm-integration"),
    ("Backups to GCS buckets from the GKE cluster.", "gcp"),
    ("Pipelines on Kinesis and Lambda functions in AWS.", "aws"),
]


@pytest.mark.parametrize(("text", "present"), IN_TECHNICAL_TEXT)
def test_same_name_in_technical_text_is_the_skill(
    matcher: SkillMatcher, text: str, present: str
) -> None:
    assert present in _ids(matcher.match(text))


def test_misspelt_finer_term_needs_technical_context(matcher: SkillMatcher) -> None:
    assert "aws" not in _ids(matcher.match("Applied kinesio tape."))
    assert "aws" in _ids(matcher.match("Streams on Kinesys feeding our Spark pipelines."))


@pytest.mark.parametrize(
    ("alias", "needs"),
    [
        (Alias(text="Kafka"), True),  # an author
        (Alias(text="pandas"), True),  # an animal
        (Alias(text="MSK"), True),  # a short acronym
        (Alias(text="SageMaker"), False),  # no English word
        (Alias(text="Amazon Redshift"), False),  # a name of several words
        (Alias(text="Kafka", context=["Spark"]), False),  # its own gate decides
    ],
)
def test_which_finer_terms_need_technical_context(alias: Alias, needs: bool) -> None:
    assert needs_technical_context(alias, TechnicalContext()) is needs
