"""The HTML report of one result, checked by parsing what it renders."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_example import (
    coverage,
    example_comparison,
    example_job,
    example_resume,
    hits,
    mention,
)
from report_pages import all_mentions, marks_at, parse
from skillmatch.models import (
    Coverage,
    MatchResult,
    Mention,
    Seniority,
    SeniorityEvidence,
)
from skillmatch.report import render_report


def simple_result(text: str, mentions: list[Mention], **kwargs: object) -> MatchResult:
    counted = [m for m in mentions if m.status == "counted"]
    return MatchResult(
        id="doc.txt",
        kind="resume",
        text=text,
        skills=hits(counted),
        excluded=[m for m in mentions if m.status != "counted"],
        coverage=coverage({m.skill_id for m in counted}),
        seniority=kwargs.pop("seniority", Seniority()),  # type: ignore[arg-type]
        **kwargs,  # type: ignore[arg-type]
    )


# --- the report -----------------------------------------------------------------------------


def test_report_marks_every_mention_with_its_text_and_attributes() -> None:
    resume = example_resume()
    page = parse(render_report(resume, job=example_job(), comparison=example_comparison()))
    for m in all_mentions(resume):
        (mark,) = marks_at(page, m)
        assert mark.text == resume.text[m.start : m.end]
        assert mark.attrs["data-method"] == m.method
        assert mark.attrs["data-status"] == m.status
        assert m.method in mark.attrs["title"]
        assert f"{m.score:.2f}" in mark.attrs["title"]
    # the résumé text, then the job text, each shown whole
    assert page.docs == [resume.text, example_job().text]


def test_report_marks_carry_a_category_class_and_a_text_label() -> None:
    resume = example_resume()
    page = parse(render_report(resume))
    pytorch = resume.skill("pytorch")
    assert pytorch is not None
    for m in pytorch.mentions:
        (mark,) = marks_at(page, m)
        assert "cat-ml-frameworks" in mark.attrs["class"].split()
        assert mark.attrs["data-code"] == "MF"
    # the legend spells out the code: readable without colour
    legend = [
        k for k in page.marks if k.attrs.get("data-code") == "MF" and "data-start" not in k.attrs
    ]
    assert [k.text for k in legend] == ["ML Frameworks"]
    assert "content: attr(data-code)" in page.style


def test_report_strikes_through_excluded_mentions_with_their_reason() -> None:
    resume = example_resume()
    page = parse(render_report(resume))
    kube = next(m for m in resume.excluded if m.skill_id == "kubernetes")
    (mark,) = marks_at(page, kube)
    assert "excluded" in mark.attrs["class"].split()
    assert "NOT COUNTED: negated" in mark.attrs["title"]
    assert re.search(r"mark\.excluded \{[^}]*line-through", page.style)
    azure = next(m for m in resume.excluded if m.skill_id == "azure")
    assert "another party" in marks_at(page, azure)[0].attrs["title"]


def test_report_underlines_seniority_evidence_around_mentions() -> None:
    resume = example_resume()
    page = parse(render_report(resume))
    sen = [a for tag, a in page.tags if a.get("class") == "sen" and "data-kind" in a]
    assert [a["data-kind"] for a in sen] == [e.kind for e in resume.seniority.evidence]
    # "Machine Learning" sits inside the title span "Senior Machine Learning Engineer"
    html = render_report(resume)
    title = resume.seniority.evidence[0]
    assert title.text == "Senior Machine Learning Engineer"
    inner = re.search(r'<span class="sen" data-kind="title"[^>]*>(.*?)</span>', html)
    assert inner is not None
    assert 'data-skill="machine-learning"' in inner.group(1)


def test_report_escapes_hostile_text_and_names() -> None:
    text = (
        'Name: <script>alert("x")</script> & <img src="http://evil.example/p.png" onerror=alert(1)>'
        "\nSkills: Python, </div></mark><style>body{display:none}</style>\r\nSQL"
    )
    mentions = [mention(text, "python", "Python"), mention(text, "sql", "SQL")]
    script = mention(text, "java", "<script>", status="hidden")
    result = simple_result(text, [*mentions, script])
    page_text = render_report(result, title='<script>alert("title")</script>')
    page = parse(page_text)
    tags = {tag for tag, _ in page.tags}
    assert "script" not in tags
    assert "img" not in tags
    assert [tag for tag, _ in page.tags].count("style") == 1
    assert page.docs == [text]  # shown as text, CR LF included
    for m in all_mentions(result):
        (mark,) = marks_at(page, m)
        assert mark.text == text[m.start : m.end]
    assert "&lt;script&gt;alert" in page_text


def test_report_references_nothing_on_the_network() -> None:
    resume = example_resume()
    page_text = render_report(resume, job=example_job(), comparison=example_comparison())
    assert "http://" not in page_text
    assert "https://" not in page_text
    page = parse(page_text)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert "url(" not in page.style
    assert "@import" not in page.style
    csp = next(a for tag, a in page.tags if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp["content"]


def test_report_links_stay_inside_the_page() -> None:
    resume = example_resume()
    page = parse(render_report(resume, job=example_job(), comparison=example_comparison()))
    ids = {a["id"] for _, a in page.tags if "id" in a}
    hrefs = [a["href"] for tag, a in page.tags if tag == "a"]
    assert hrefs
    for href in hrefs:
        assert href.startswith("#")
        assert href[1:] in ids


def test_report_with_comparison_shows_fit_missing_near_misses_and_flags() -> None:
    resume, job, comparison = example_resume(), example_job(), example_comparison()
    page_text = render_report(resume, job=job, comparison=comparison)
    fit = page_text[page_text.index('id="fit-h"') : page_text.index('id="sen-h"')]
    assert "86%" in fit
    required = fit[fit.index("Required skills missing") : fit.index("Preferred skills missing")]
    assert "Kubernetes" in required
    preferred = fit[fit.index("Preferred skills missing") : fit.index("By category")]
    assert "GCP" in preferred
    assert "Containerised training jobs" in fit
    assert "required-negated" in fit
    assert "The job requires Kubernetes" in fit
    # the near miss and the flag are also boxed in the résumé text
    page = parse(page_text)
    near = [a for t, a in page.tags if a.get("class") == "near" and "data-skill" in a]
    assert [a["data-skill"] for a in near] == ["kubernetes"]
    assert any(a.get("data-flag") == "required-negated" for _, a in page.tags)


def test_report_job_marks_show_requirement() -> None:
    job = example_job()
    page = parse(render_report(example_resume(), job=job, comparison=example_comparison()))
    gcp = job.skill("gcp")
    assert gcp is not None
    (mark,) = marks_at(page, gcp.mentions[0], doc=1)
    assert mark.attrs["data-requirement"] == "preferred"
    assert mark.attrs["data-code"] == "CP·pref"


def test_report_coverage_chart_has_a_bar_and_a_value_per_category() -> None:
    resume = example_resume()
    page_text = render_report(resume)
    svg = page_text[page_text.index('<svg class="chart"') : page_text.index("</svg>")]
    for cat in resume.coverage.categories:
        assert f">{cat.name}</text>" in svg
    values = re.findall(r'class="val">([^<]*)<', svg)
    assert values == [f"{round(c.coverage * 100)}%" for c in resume.coverage.categories]
    assert svg.count('class="bar"') == len(resume.coverage.categories)


def test_report_chart_with_job_shows_fit_as_second_value() -> None:
    comparison = example_comparison()
    page_text = render_report(example_resume(), job=example_job(), comparison=comparison)
    values = re.findall(r'class="val">([^<]*)<', page_text)
    cloud = next(c for c in comparison.categories if c.category_id == "cloud-platforms")
    assert f"33% / {round(cloud.score * 100)}%" in values


def test_report_is_accessible_and_printable() -> None:
    page_text = render_report(example_resume(), job=example_job(), comparison=example_comparison())
    page = parse(page_text)
    html_tag = next(a for t, a in page.tags if t == "html")
    assert html_tag["lang"] == "en"
    assert page.headings[0] == 1
    assert page.headings.count(1) == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"heading h{after} follows h{before}"
    ths = [a for t, a in page.tags if t == "th"]
    assert ths
    assert all(a.get("scope") in {"col", "row"} for a in ths)
    assert re.search(r"@page \{[^}]*size: A4", page.style)
    assert "@media print" in page.style
    for svg in (a for t, a in page.tags if t == "svg" and a.get("class") == "chart"):
        assert svg["role"] == "img"


def test_report_keeps_crossing_spans_well_nested() -> None:
    text = "Senior Python developer since 2015"
    dev = mention(text, "python", "Python developer")
    s, e = 0, text.index("Python") + len("Python")
    evidence = SeniorityEvidence(kind="title", start=s, end=e, text=text[s:e], level="senior")
    result = simple_result(text, [dev], seniority=Seniority(level="senior", evidence=[evidence]))
    page_text = render_report(result)
    page = parse(page_text)
    (mark,) = marks_at(page, dev)
    assert mark.text == "Python developer"
    pieces = re.findall(r'<span class="sen"[^>]*data-piece="(\d/\d)"', page_text)
    assert pieces == ["1/2", "2/2"]
    assert page.docs == [text]


def test_report_of_empty_text_is_a_valid_page() -> None:
    result = MatchResult(
        kind="resume",
        text="",
        skills=[],
        coverage=Coverage(overall=0.0, categories=[]),
        seniority=Seniority(),
    )
    page = parse(render_report(result))
    assert page.docs == [""]
    assert page.marks == [m for m in page.marks if "data-start" not in m.attrs]


def test_report_skips_mentions_outside_the_text() -> None:
    text = "Python"
    bad = Mention(
        skill_id="sql", start=10, end=13, text="SQL", matched="SQL", method="exact", score=1
    )
    result = simple_result(text, [mention(text, "python", "Python"), bad])
    page = parse(render_report(result))
    assert page.docs == [text]
    assert marks_at(page, bad) == []


def test_report_rejects_a_wrong_type() -> None:
    with pytest.raises(TypeError, match="MatchResult"):
        render_report({"text": "Python"})  # type: ignore[arg-type]


WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)


@st.composite
def results_with_spans(draw: st.DrawFn) -> MatchResult:
    """Arbitrary text; non-overlapping counted mentions; excluded, signals, evidence anywhere."""
    text = draw(WORDS)
    n = len(text)
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=8, unique=True)))
    counted = []
    for s, e in zip(cuts[::2], cuts[1::2], strict=False):
        if s < e:
            counted.append(
                Mention(skill_id="python", start=s, end=e, text=text[s:e], matched="py",
                        method="exact", score=1.0)
            )  # fmt: skip
    pairs = st.tuples(st.integers(0, n), st.integers(0, n)).map(lambda p: (min(p), max(p)))
    pairs = pairs.filter(lambda p: p[0] < p[1])
    others = draw(st.lists(pairs, max_size=6, unique=True)) if n else []
    excluded, signals, evidence = [], [], []
    for i, (s, e) in enumerate(others):
        if i % 3 == 0:
            excluded.append(
                Mention(skill_id="sql", start=s, end=e, text=text[s:e], matched="sql",
                        method="fuzzy", score=0.5, status="negated")
            )  # fmt: skip
        elif i % 3 == 1:
            signals.append(
                Mention(skill_id="mentoring", start=s, end=e, text=text[s:e], matched="m",
                        method="pattern", score=0.7)
            )  # fmt: skip
        else:
            evidence.append(SeniorityEvidence(kind="years", start=s, end=e, text=text[s:e]))
    return MatchResult(
        kind="resume",
        text=text,
        skills=hits(counted),
        excluded=excluded,
        signals=signals,
        coverage=coverage({m.skill_id for m in counted}),
        seniority=Seniority(evidence=evidence),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(results_with_spans())
def test_report_of_any_text_is_well_formed_and_keeps_text_and_mentions(
    result: MatchResult,
) -> None:
    page = parse(render_report(result))
    assert page.docs == [result.text]
    for m in all_mentions(result):
        found = marks_at(page, m)
        assert found, f"no mark for {m}"
        assert "".join(k.text for k in found) == result.text[m.start : m.end]
    for h in result.skills:
        for m in h.mentions:  # counted mentions are never cut
            assert [k.text for k in marks_at(page, m)] == [m.text]
