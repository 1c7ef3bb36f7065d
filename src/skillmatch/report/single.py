"""The report of one result: highlighted text, coverage, seniority, roles, skills and the fit."""

from __future__ import annotations

from collections.abc import Sequence

from skillmatch.models import Comparison, Flag, MatchResult
from skillmatch.report.catalog import LEVEL_NAMES, STATUS_REASONS, Catalog, category_css
from skillmatch.report.charts import bar_chart, mini_bar
from skillmatch.report.highlight import Span, highlight, text_spans
from skillmatch.report.page import esc, page, pct


def _names(ids: Sequence[str], catalog: Catalog, cls: str = "") -> str:
    if not ids:
        return "–"
    attr = f' class="{cls}"' if cls else ""
    return ", ".join(f"<span{attr}>{esc(catalog.name(i))}</span>" for i in ids)


def _legend(catalog: Catalog, result: MatchResult, spans: Sequence[Span]) -> str:
    used = {catalog.skill_category.get(m.skill_id) for h in result.skills for m in h.mentions}
    used |= {catalog.skill_category.get(m.skill_id) for m in result.excluded}
    items = []
    for cat in catalog.categories.values():
        if cat.id in used:
            items.append(
                f'<li><mark class="m {cat.css}" data-code="{esc(cat.code)}">'
                f"{esc(cat.name)}</mark></li>"
            )
    if None in used:
        items.append('<li><mark class="m cat-other" data-code="?">other</mark></li>')
    if result.signals:
        items.append('<li><mark class="m signal" data-code="LV">level signal</mark></li>')
    if result.excluded:
        items.append(
            '<li><mark class="m cat-other excluded" data-code="">not counted</mark>'
            " (negated, another party's, hidden)</li>"
        )
    if result.seniority.evidence:
        items.append('<li><span class="sen">seniority evidence</span></li>')
    classes = {dict(sp.attrs).get("class", "") for sp in spans}
    if "near" in classes:
        items.append(
            '<li><span class="near">near miss</span> (closest phrase to a missing skill)</li>'
        )
    if "flagged" in classes:
        items.append('<li><span class="flagged">flagged</span> (see the flags)</li>')
    if any(m.requirement == "required" for h in result.skills for m in h.mentions):
        items.append("<li>“·req” required, “·pref” preferred</li>")
    items.append("<li>Hover a mark for skill, method and score.</li>")
    return f'<ul class="legend" aria-label="Legend">{"".join(items)}</ul>'


def _text_section(
    result: MatchResult,
    catalog: Catalog,
    comparison: Comparison | None,
    *,
    heading: str,
    prefix: str,
) -> str:
    spans = text_spans(result, catalog, comparison, prefix)
    return (
        f'<section aria-labelledby="{prefix}text-h"><h2 id="{prefix}text-h">{esc(heading)}</h2>'
        f"{_legend(catalog, result, spans)}"
        f'<div class="doc" id="{prefix}doc">{highlight(result.text, spans)}</div></section>'
    )


def _skills_table(result: MatchResult, catalog: Catalog) -> str:
    if not result.skills:
        return "<p>No skill found.</p>"
    rows = []
    for hit in sorted(result.skills, key=lambda h: (-h.score, h.name)):
        cats = ", ".join(
            f"{esc(catalog.categories[c].name)} ({esc(catalog.categories[c].code)})"
            if c in catalog.categories
            else esc(c)
            for c in hit.categories
        )
        methods = ", ".join(sorted({m.method for m in hit.mentions}))
        evidence = ", ".join(sorted({f"“{m.text}”" for m in hit.mentions}))
        years = "–" if hit.years is None else f"{hit.years:g}"
        req = hit.requirement or "–"
        rows.append(
            f'<tr><th scope="row">{esc(hit.name)}</th><td>{cats}</td>'
            f'<td class="num">{hit.score:.2f}</td><td class="num">{hit.count}</td>'
            f"<td>{esc(methods)}</td><td>{esc(evidence)}</td><td>{years}</td>"
            f"<td>{esc(req)}</td></tr>"
        )
    return (
        '<table><caption class="visually-hidden">Skills found</caption><thead><tr>'
        '<th scope="col">Skill</th><th scope="col">Categories</th><th scope="col">Score</th>'
        '<th scope="col">Mentions</th><th scope="col">Methods</th><th scope="col">Evidence</th>'
        '<th scope="col">Years</th><th scope="col">Requirement</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _other_skills_table(result: MatchResult) -> str:
    """The catalogue's technologies the text names that the taxonomy does not hold."""
    if not result.other_skills:
        return ""
    rows = "".join(
        f'<tr><th scope="row">{esc(hit.name)}</th><td>{esc(", ".join(hit.categories))}</td>'
        f'<td class="num">{hit.count}</td>'
        f"<td>{esc(', '.join(sorted({f'“{m.text}” @{m.start}' for m in hit.mentions})))}</td>"
        f"<td>{esc(hit.requirement or '–')}</td></tr>"
        for hit in result.other_skills
    )
    return (
        '<h3 id="other-skills-h">Other skills (not in the taxonomy)</h3>'
        "<p>Technologies of the catalogue that the text names; they do not count in coverage"
        " or fit.</p><table><thead><tr>"
        '<th scope="col">Technology</th><th scope="col">Group</th><th scope="col">Mentions</th>'
        '<th scope="col">Evidence</th><th scope="col">Requirement</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _excluded_table(result: MatchResult, catalog: Catalog) -> str:
    if not result.excluded:
        return ""
    rows = "".join(
        f'<tr><th scope="row"><s>{esc(m.text)}</s></th><td>{esc(catalog.name(m.skill_id))}</td>'
        f"<td>{esc(m.status)}: {esc(STATUS_REASONS.get(m.status, m.status))}</td>"
        f'<td class="num">{m.start}–{m.end}</td></tr>'
        for m in result.excluded
    )
    return (
        '<h3>Mentions not counted</h3><table><thead><tr><th scope="col">Text</th>'
        '<th scope="col">Skill</th><th scope="col">Reason</th><th scope="col">Offsets</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


def _coverage_section(result: MatchResult, comparison: Comparison | None) -> str:
    fit = {c.category_id: c.score for c in comparison.categories} if comparison else {}
    rows = [
        (c.name, c.coverage, fit.get(c.category_id) if comparison else None)
        for c in result.coverage.categories
    ]
    if not rows:
        return (
            '<section aria-labelledby="cov-h"><h2 id="cov-h">Coverage by category</h2>'
            "<p>The taxonomy has no category.</p></section>"
        )
    chart = bar_chart(
        rows,
        uid="cov",
        title="Coverage by category" + (" and fit to the job" if comparison else ""),
        second="fit to the job",
    )
    return (
        '<section aria-labelledby="cov-h"><h2 id="cov-h">Coverage by category</h2>'
        f"<p>Overall (weighted): <strong>{pct(result.coverage.overall)}</strong>. The same values"
        ' are in the <a href="#cov-table">coverage table</a>.</p>'
        f"{chart}</section>"
    )


def _coverage_table(result: MatchResult) -> str:
    if not result.coverage.categories:
        return ""
    trs = "".join(
        f'<tr><th scope="row">{esc(c.name)}</th><td class="num">{pct(c.coverage)}</td>'
        f'<td class="num">{c.weight:g}</td><td>{len(c.found)} of {len(c.found) + len(c.missing)}'
        "</td></tr>"
        for c in result.coverage.categories
    )
    return (
        '<h3 id="cov-table">Coverage by category</h3><table><thead><tr>'
        '<th scope="col">Category</th><th scope="col">Coverage</th>'
        '<th scope="col">Weight</th><th scope="col">Skills found</th></tr></thead>'
        f"<tbody>{trs}</tbody></table>"
    )


def _seniority_section(result: MatchResult, prefix: str) -> str:
    s = result.seniority
    level = LEVEL_NAMES[s.level] if s.level else "not determined"
    what = "sought" if result.kind == "job" else "estimated"
    parts = [
        '<section aria-labelledby="sen-h"><h2 id="sen-h">Seniority</h2>',
        f"<p>Level {what}: <strong>{esc(level)}</strong> (confidence {s.confidence:.2f})",
    ]
    if s.years is not None:
        parts.append(f"; about {s.years:g} years of experience")
    parts.append(".")
    if s.reason:
        parts.append(f" {esc(s.reason)}")
    parts.append("</p>")
    if s.evidence:
        rows = "".join(
            f'<tr><th scope="row"><a href="#{prefix}sen-{i}">{esc(ev.text)}</a></th>'
            f"<td>{esc(ev.kind)}</td><td>{esc(LEVEL_NAMES[ev.level]) if ev.level else '–'}</td>"
            f'<td class="num">{"–" if ev.years is None else f"{ev.years:g}"}</td>'
            f"<td>{esc(ev.detail) or '–'}</td></tr>"
            for i, ev in enumerate(s.evidence)
        )
        parts.append(
            '<table><thead><tr><th scope="col">Evidence (underlined in the text)</th>'
            '<th scope="col">Kind</th><th scope="col">Level</th><th scope="col">Years</th>'
            f'<th scope="col">Detail</th></tr></thead><tbody>{rows}</tbody></table>'
        )
    else:
        parts.append("<p>No evidence of seniority in the text.</p>")
    parts.append("</section>")
    return "".join(parts)


def _roles_section(result: MatchResult) -> str:
    if not result.roles:
        return ""
    rows = "".join(
        f'<tr><th scope="row">{esc(r.name)}</th><td>{mini_bar(r.score)}</td>'
        f"<td>{esc(r.reason)}</td></tr>"
        for r in sorted(result.roles, key=lambda r: -r.score)
    )
    return (
        '<section aria-labelledby="roles-h"><h2 id="roles-h">Role profile</h2>'
        '<table><thead><tr><th scope="col">Role</th><th scope="col">Resemblance</th>'
        f'<th scope="col">Why</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )


def _flags_list(flags: Sequence[Flag], catalog: Catalog, anchor: str = "") -> str:
    """List flags; ``anchor`` is the id stem of their spans in the text ("" when not shown)."""
    items = []
    for i, f in enumerate(flags):
        where = ""
        if anchor and f.start is not None and f.end is not None:
            where = f' (<a href="#{anchor}{i}">in the text</a>)'
        skill = f" [{esc(catalog.name(f.skill_id))}]" if f.skill_id else ""
        items.append(f"<li><strong>{esc(f.code)}</strong>{skill}: {esc(f.message)}{where}</li>")
    return f'<ul class="plain">{"".join(items)}</ul>'


def _fit_section(comparison: Comparison, catalog: Catalog, *, anchored: bool) -> str:
    gap = comparison.seniority_gap
    if gap is None:
        gap_text = "unknown"
    elif gap == 0:
        gap_text = "matches the level sought"
    else:
        gap_text = (
            f"{abs(gap)} level{'s' if abs(gap) > 1 else ''} {'above' if gap > 0 else 'below'}"
        )
    levels = (
        f"{LEVEL_NAMES.get(comparison.resume_level or '', '?')} résumé for a "
        f"{LEVEL_NAMES.get(comparison.job_level or '', '?')} job: {gap_text}"
    )
    rows = "".join(
        f'<tr><th scope="row">{esc(c.name)}</th><td>{mini_bar(c.score)}</td>'
        f"<td>{_names(c.required_covered, catalog, 'ok')}</td>"
        f"<td>{_names(c.required_missing, catalog, 'missing')}</td>"
        f"<td>{_names(c.preferred_covered, catalog, 'ok')}</td>"
        f"<td>{_names(c.preferred_missing, catalog, 'missing')}</td>"
        f"<td>{_names(c.extra, catalog)}</td></tr>"
        for c in comparison.categories
    )
    parts = [
        '<section aria-labelledby="fit-h"><h2 id="fit-h">Fit to the job</h2>',
        f"<p>Fit score: <strong>{pct(comparison.score)}</strong>. Seniority: {esc(levels)}.</p>",
        "<h3>Required skills missing</h3>",
        f"<p>{_names(comparison.required_missing, catalog, 'missing')}</p>",
        "<h3>Preferred skills missing</h3>",
        f"<p>{_names(comparison.preferred_missing, catalog, 'missing')}</p>",
        "<h3>By category</h3>",
        '<table><thead><tr><th scope="col">Category</th><th scope="col">Fit</th>'
        '<th scope="col">Required, covered</th><th scope="col">Required, missing</th>'
        '<th scope="col">Preferred, covered</th><th scope="col">Preferred, missing</th>'
        f'<th scope="col">Extra in the résumé</th></tr></thead><tbody>{rows}</tbody></table>',
    ]
    if comparison.near_misses:
        nm_rows = "".join(
            f'<tr><th scope="row">{esc(catalog.name(n.skill_id))}</th>'
            f'<td><a href="#near-{i}">“{esc(n.phrase)}”</a></td>'
            f'<td class="num">{n.score:.2f}</td></tr>'
            for i, n in enumerate(comparison.near_misses)
        )
        parts.append(
            "<h3>Near misses (check by hand)</h3><table><thead><tr>"
            '<th scope="col">Missing skill</th><th scope="col">Closest phrase in the résumé</th>'
            f'<th scope="col">Similarity</th></tr></thead><tbody>{nm_rows}</tbody></table>'
        )
    if comparison.flags:
        parts.append(
            "<h3>Flags</h3>" + _flags_list(comparison.flags, catalog, "cflag-" if anchored else "")
        )
    parts.append("</section>")
    return "".join(parts)


def render_report(
    result: MatchResult,
    *,
    job: MatchResult | None = None,
    comparison: Comparison | None = None,
    title: str | None = None,
) -> str:
    """Render one result (and optionally its fit to a job) as a self-contained HTML page.

    Every mention of ``result`` (counted, excluded and level signals) becomes a ``<mark>`` with
    ``data-skill``, ``data-start``, ``data-end``, ``data-method``, ``data-status`` and a
    ``cat-<category id>`` class; its ``title`` tells skill, method and score. With ``job``, the
    job text is shown highlighted too; with ``comparison``, the fit: score, required and
    preferred skills covered and missing per category, near misses and flags. The page
    needs nothing but a browser: no script, no font, no network.

        >>> html = render_report(result, job=job_result, comparison=comparison)  # doctest: +SKIP
        >>> Path("report.html").write_text(html, encoding="utf-8")  # doctest: +SKIP
    """
    if not isinstance(result, MatchResult):
        raise TypeError(f"render_report expects a MatchResult, got {type(result).__name__}")
    if job is not None and not isinstance(job, MatchResult):
        raise TypeError(f"job must be a MatchResult or None, got {type(job).__name__}")
    if comparison is not None and not isinstance(comparison, Comparison):
        raise TypeError(f"comparison must be a Comparison or None, got {type(comparison).__name__}")
    results = [result] if job is None else [result, job]
    catalog = Catalog.build(results, comparison)
    kind = "Résumé" if result.kind == "resume" else "Job posting"
    name = result.id or kind.lower()
    title = title or f"skillmatch report: {name}"

    cards = [
        ("Overall coverage", pct(result.coverage.overall)),
        ("Level", LEVEL_NAMES[result.seniority.level] if result.seniority.level else "–"),
        ("Skills found", str(len(result.skills))),
    ]
    if comparison is not None:
        cards.insert(0, ("Fit to the job", pct(comparison.score)))
        cards.append(("Required missing", str(len(comparison.required_missing))))
    card_html = "".join(
        f'<li><span class="k">{esc(k)}</span> <span class="v">{esc(v)}</span></li>'
        for k, v in cards
    )
    sub = f"{kind}" + (f" against job “{esc(job.id)}”" if job is not None and job.id else "")
    if result.taxonomy:
        sub += f" · taxonomy {esc(result.taxonomy)}"
    body = [
        f'<header><h1>{esc(title)}</h1><p class="sub">{sub}</p>'
        f'<ul class="cards" aria-label="Summary">{card_html}</ul></header><main>',
    ]
    body.append(_coverage_section(result, comparison))
    body.append(_text_section(result, catalog, comparison, heading=f"{kind} text", prefix=""))
    if comparison is not None:
        body.append(_fit_section(comparison, catalog, anchored=result.kind == "resume"))
    body.append(_seniority_section(result, ""))
    body.append(_roles_section(result))
    body.append(
        f'<section aria-labelledby="skills-h"><h2 id="skills-h">Skills found</h2>'
        f"{_skills_table(result, catalog)}{_other_skills_table(result)}"
        f"{_excluded_table(result, catalog)}"
        f"{_coverage_table(result)}</section>"
    )
    if result.warnings:
        body.append(
            '<section aria-labelledby="warn-h"><h2 id="warn-h">Warnings</h2>'
            f"{_flags_list(result.warnings, catalog, 'flag-')}</section>"
        )
    if job is not None:
        heading = "Job posting text" + (f": {job.id}" if job.id else "")
        body.append(_text_section(job, catalog, None, heading=heading, prefix="job-"))
    body.append("</main>")
    return page(title, "\n".join(b for b in body if b), category_css(catalog))
