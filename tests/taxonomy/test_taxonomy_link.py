"""The builder links a role document's skills to the catalogue, or makes their spellings."""

from __future__ import annotations

import pytest

from skillmatch import SkillMatcher
from skillmatch.taxonomy import Catalog, build_taxonomy
from skillmatch.taxonomy.build import build_report
from skillmatch.taxonomy.link import spellings

FRONTEND_DOC = """Frontend Developer

Technical Skills

- Core Web: HTML5, CSS3, JavaScript
- Frameworks: React, Vue.js
- State & Data: Redux, REST APIs

Core Competencies

- Accessibility: Interfaces that meet WCAG for screen reader users
- Web Performance: Fast pages, measured by Core Web Vitals
- Cloud Platforms: Running the build previews somewhere
- Release Trains: Keeping the nightly jobs green
"""


@pytest.fixture(scope="module")
def frontend() -> SkillMatcher:
    return SkillMatcher.from_taxonomy(build_taxonomy(FRONTEND_DOC), other_skills=False)


def _found(matcher: SkillMatcher, text: str) -> set[str]:
    return set(matcher.match(text).skill_ids)


def test_linked_skill_keeps_the_documents_id_and_name_and_takes_the_catalogues_spellings() -> None:
    taxonomy = build_taxonomy(FRONTEND_DOC)
    assert taxonomy.skill("vue.js").name == "Vue.js"
    assert {"Vue", "VueJS", "Vue 3"} <= {a.text for a in taxonomy.skill("vue.js").aliases}
    assert {"HTML", "semantic HTML"} <= {a.text for a in taxonomy.skill("html5").aliases}
    assert "state-and-data" in taxonomy.category_ids


def test_linked_skill_takes_the_catalogues_gate_instead_of_its_bare_name() -> None:
    react = [a for a in build_taxonomy(FRONTEND_DOC).skill("react").aliases if a.text == "React"]
    assert len(react) == 1 and react[0].case_sensitive and react[0].context
    assert "@frameworks" in react[0].context  # "@frontend" of the catalogue, translated


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("Built pages in semantic HTML and CSS Grid.", "html5"),
        ("Built pages in semantic HTML and CSS Grid.", "css3"),
        ("Single-page app in Vue 3 with Pinia.", "vue.js"),
        ("Made the checkout WCAG 2.1 AA compliant.", "accessibility"),
        ("Cut LCP from 4.1s to 1.6s with lazy loading.", "web-performance"),
        ("Shipped a React Native app; next.js for the site.", "react"),
        ("Consumed RESTful APIs from the billing service.", "rest-apis"),
        ("Preview builds deployed to AWS and Vercel.", "cloud-platforms"),
    ],
)
def test_text_the_document_never_spells_out_is_found(
    frontend: SkillMatcher, text: str, skill_id: str
) -> None:
    assert skill_id in _found(frontend, text)


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("Duty manager at Vue Cinemas.", "vue.js"),
        ("Staff must React quickly to complaints.", "react"),
        ("Wheelchair accessibility of the office.", "accessibility"),
    ],
)
def test_inherited_gates_keep_lookalikes_out(
    frontend: SkillMatcher, text: str, skill_id: str
) -> None:
    assert skill_id not in _found(frontend, text)


def test_report_says_what_was_linked_generated_and_not_placed() -> None:
    _, report = build_report(FRONTEND_DOC + "\nJob Market\n\n- Salaries: $90k-$150k in 2025\n")
    linked = dict(report.linked)
    assert linked["vue.js"] == ["vue"] and linked["react"] == ["react"]
    assert linked["cloud-platforms"][0] == "group cloud"
    assert dict(report.generated)["release-trains"] == ["Release Train"]
    assert any("Job Market" in what for what, _ in report.unplaced)
    lines = report.lines()
    assert lines[0].startswith("linked ") and any("vue.js -> vue" in line for line in lines)


def test_sentence_bullet_takes_the_entries_its_sentence_names_as_evidence() -> None:
    doc = "Role\n\nCore\n\n- Networking: Making DNS, load balancers and VPNs work\n"
    taxonomy, report = build_report(doc)
    evidence = {e.text.lower() for e in taxonomy.skill("networking").evidence}
    assert {"dns", "vpn", "load balancers"} <= evidence
    gated = next(a for a in taxonomy.skill("networking").aliases if a.text == "Networking")
    assert "DNS" in gated.context  # "networking events" is no networking
    assert "+dns" in dict(report.linked)["networking"]


def test_without_the_catalogue_the_skill_keeps_the_documents_words_only() -> None:
    bare = build_taxonomy(FRONTEND_DOC, link=False)
    assert [a.text for a in bare.skill("vue.js").aliases] == ["Vue.js"]
    assert build_taxonomy(FRONTEND_DOC, overlay={"catalog": False}) == bare


def test_close_spelling_and_longer_name_link() -> None:
    catalog = Catalog.default()
    _, report = build_report(
        "Role\n\nSkills\n\n- Tools: Kubernetess, Terraform\n\nCore\n\n"
        "- Cost Optimization: Keeping the spend under control\n",
        catalog=catalog,
    )
    linked = dict(report.linked)
    assert linked["kubernetess"] == ["kubernetes"]
    assert linked["cost-optimization"] == ["finops"]


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("HTML5", ["HTML"]),
        ("Python 3", ["Python"]),
        ("Vue.js", ["Vue", "VueJS", "Vue JS"]),
        ("Continuous Integration (CI)", ["Continuous Integration", "CI"]),
        ("Design Systems", ["Design System"]),
        ("Security & Compliance", ["Security and Compliance"]),
        ("Data Modelling", ["Data modeling"]),
        ("Web3", []),
        ("Data Quality", []),
    ],
)
def test_generated_spellings(name: str, forms: list[str]) -> None:
    assert spellings(name) == forms


def test_roles_come_from_the_documents_own_role_bullets_or_are_left_out() -> None:
    doc = (
        FRONTEND_DOC + "\nTraditional Roles vs Frontend Developer\n\n"
        "- Backend Developer: Specialized in REST APIs and servers\n"
        "- Astronaut: Focus on orbital mechanics\n"
        "- Frontend Developer: Combines all aspects of building interfaces\n"
    )
    taxonomy, report = build_report(doc)
    assert [r.id for r in taxonomy.roles] == ["backend-developer", "frontend-developer"]
    assert taxonomy.role("backend-developer").categories["state-and-data"] == 1.0
    assert taxonomy.role("backend-developer").categories["frameworks"] == 0.2
    assert set(taxonomy.role("frontend-developer").categories.values()) == {1.0}
    assert any("astronaut" in what for what, _ in report.unplaced)
    assert build_taxonomy("Role\n\nSkills\n\n- Languages: Python, Go\n").roles == []


def test_a_family_member_links_alone_and_the_family_takes_all_members() -> None:
    doc = "Role\n\nTools\n\n- Planning: Trello, Jira\n\nCore\n\n- Load Testing: Finding limits\n"
    taxonomy, report = build_report(doc)
    trello = {a.text for a in taxonomy.skill("trello").aliases}
    assert "Trello" in trello and not {"Asana", "Monday.com"} & trello
    assert dict(report.linked)["trello"] == ["work-management (member 'Trello')"]
    load = {e.text for e in taxonomy.skill("load-testing").evidence}
    assert {"JMeter", "LoadRunner"} <= load
