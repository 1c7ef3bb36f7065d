"""Other skills: the catalogue's technologies a text names that the taxonomy does not hold."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from skillmatch import SkillMatcher, compare
from skillmatch.cli import app
from skillmatch.report import render_report

RESUME = (
    "Senior data engineer, 8 years. Python, Java and Scala; Spark on AWS EMR; Kafka streams.\n"
    "Infrastructure in Terraform; dashboards in Tableau and Excel. No Rust, please."
)


def _others(matcher: SkillMatcher, text: str, **kw: object) -> dict[str, list[str]]:
    result = matcher.match(text, **kw)  # type: ignore[arg-type]
    return {hit.skill_id: [m.text for m in hit.mentions] for hit in result.other_skills}


def test_technologies_outside_the_taxonomy_are_other_skills_with_evidence(
    matcher: SkillMatcher,
) -> None:
    result = matcher.match(RESUME)
    others = {hit.skill_id: hit for hit in result.other_skills}
    assert {"java", "scala", "spark", "terraform", "tableau", "excel"} <= set(others)
    assert others["spark"].name == "Apache Spark" and others["spark"].categories == ["data"]
    for hit in result.other_skills:
        for m in hit.mentions:
            assert RESUME[m.start : m.end] == m.text and m.status == "counted"


def test_what_the_taxonomy_holds_is_no_other_skill(matcher: SkillMatcher) -> None:
    others = _others(matcher, RESUME)
    assert not {"python", "aws", "kafka", "emr", "rust"} & set(others)
    # "Spark SQL" is the default's SQL: no other skill; "Spark" alone is
    assert "spark" not in _others(matcher, "Queries in Spark SQL.")


def test_other_skills_never_change_coverage_roles_or_fit(matcher: SkillMatcher) -> None:
    plain = SkillMatcher.default(other_skills=False)
    job = "We need Python, Java and Terraform on AWS; Tableau a plus."
    with_others = matcher.match(RESUME, kind="resume")
    without = plain.match(RESUME, kind="resume")
    assert without.other_skills == []
    assert with_others.model_copy(update={"other_skills": []}) == without
    assert compare(with_others, matcher.match(job, kind="job")) == compare(
        without, plain.match(job, kind="job")
    )


@pytest.mark.parametrize(
    "text",
    [
        "Duty manager at Vue Cinemas; I react quickly to complaints.",
        "Taught Kafka, Orwell and Woolf to sixth formers.",
        "MSK physiotherapist; applied kinesio tape daily.",
        "Measured galaxy redshift at the observatory.",
        "Head Chef at a busy restaurant.",
        "Our puppet show won the fair.",
        "Salt Lake City branch manager.",
        "Students excel at sports; word of mouth; access to the building.",
        "Ideas that spark joy; a swift reply; Julia from HR will call.",
        "Founded by security & IT leaders from Okta, Salesforce, Atlassian, Splunk and more.",
        "We are backed by Google and trusted by Salesforce, Oracle and Shopify.",
        "Our customers include Slack, Atlassian and Snowflake.",
    ],
)
def test_lookalikes_of_ordinary_text_are_no_other_skills(matcher: SkillMatcher, text: str) -> None:
    assert _others(matcher, text) == {}


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("Loaded data from Snowflake, BigQuery and Oracle into Tableau.", "tableau"),
        ("Migrated reports from Oracle to Salesforce at Acme.", "salesforce"),
        ("Engineers at Acme use Java, Scala and Terraform.", "terraform"),
    ],
)
def test_a_company_cue_does_not_hide_the_tools_a_text_uses(
    matcher: SkillMatcher, text: str, entry: str
) -> None:
    assert entry in _others(matcher, text)


def test_a_posting_says_how_strongly_it_asks_for_other_skills(matcher: SkillMatcher) -> None:
    job = "Requirements:\n- Java and Spring Boot.\n\nNice to have:\n- Tableau dashboards."
    hits = {h.skill_id: h.requirement for h in matcher.match(job, kind="job").other_skills}
    assert hits["java"] == "required" and hits["tableau"] == "preferred"


def test_cli_and_report_show_other_skills(matcher: SkillMatcher) -> None:
    out = CliRunner().invoke(app, ["match", "-"], input=RESUME)
    line = next(ln for ln in out.stdout.splitlines() if "other skills" in ln)
    assert "Apache Spark ('Spark'@" in line and "Terraform" in line
    html = render_report(matcher.match(RESUME))
    assert "Other skills (not in the taxonomy)" in html and "“Terraform”" in html


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Java", "Spark", "Python", "Spark SQL", "no", "Kafka", "React", "AWS", "EKS", ",",
             "and", "Excel", "Vue", "Cinemas", "written", "in", "Terraform", "Go", "\n"]
        ),
        max_size=25,
    ).map(" ".join)
)  # fmt: skip
def test_other_skills_never_overlap_skills_and_slice_the_text(text: str) -> None:
    result = _MATCHER.match(text)
    taken = [(m.start, m.end) for h in result.skills for m in h.mentions] + [
        (m.start, m.end) for m in result.excluded
    ]
    for hit in result.other_skills:
        for m in hit.mentions:
            assert text[m.start : m.end] == m.text
            assert not any(s < m.end and m.start < e for s, e in taken)


_MATCHER = SkillMatcher.default()
