"""Text and JSON of results for the terminal: match tables, rankings, comparisons, screens."""

from __future__ import annotations

from typing import Any

from skillmatch.models import LIST_SEP, Comparison, MatchResult
from skillmatch.taxonomy import Taxonomy


def format_result(result: MatchResult, *, source: str = "") -> str:
    """Render one result as the table people read."""
    head = source or result.id or "text"
    if source and result.id and result.id != source:  # a record named by --id-column
        head = f"{result.id} ({source})"
    lines = [f"== {head} ({result.kind})"]
    for hit in result.skills:
        forms = ", ".join(sorted({f"{m.text!r}@{m.start}" for m in hit.mentions})[:4])
        req = f" [{hit.requirement}]" if hit.requirement else ""
        years = f" {hit.years:g}y" if hit.years else ""
        method = "/".join(sorted({m.method for m in hit.mentions}))
        lines.append(f"  {hit.skill_id:<24}{hit.score:5.2f} {method:<18}{years}{req}  {forms}")
    for m in result.excluded:
        lines.append(f"  ({m.status}) {m.skill_id:<20} {m.text!r}@{m.start}")
    if result.other_skills:
        lines.append(f"  other skills (not in the taxonomy): {_other_skills(result)}")
    sen = result.seniority
    level = sen.level or "unknown"
    years = f", {sen.years:g} years" if sen.years is not None else ""
    lines.append(f"  seniority: {level} (confidence {sen.confidence:.2f}{years}) {sen.reason}")
    data = result.model_dump(include={"coverage", "roles", "warnings"})
    coverage = {c["category_id"]: c["coverage"] for c in data["coverage"]["categories"]}
    lines += _summary_lines(data["coverage"]["overall"], coverage, data["roles"], data["warnings"])
    return "\n".join(lines)


def _other_skills(result: MatchResult) -> str:
    """The catalogue's technologies the taxonomy does not hold: name and first mention."""
    return ", ".join(
        f"{hit.name} ({hit.mentions[0].text!r}@{hit.mentions[0].start})"
        for hit in result.other_skills
    )


def _summary_lines(
    overall: float,
    coverage: dict[str, float],
    roles: list[dict[str, Any]],
    warnings: list[dict[str, Any]],
    *,
    role_label: str = "role",
) -> list[str]:
    """The closing lines of a table: coverage by category, best role, warnings."""
    cats = "  ".join(f"{k} {v:.0%}" for k, v in coverage.items())
    lines = [f"  coverage: {overall:.0%}  |  {cats}"]
    if roles:
        best = roles[0]
        lines.append(f"  {role_label}: {best['name']} ({best['score']:.2f}): {best['reason']}")
    lines += [f"  warning [{w['code']}]: {w['message']}" for w in warnings]
    return lines


def result_json(result: MatchResult, source: str) -> dict[str, object]:
    """Return what ``match --format json`` prints of one result (see :func:`json_schema`)."""
    data = result.model_dump(mode="json", exclude={"text"})
    data["source"] = source
    return data


def format_ranking(rows: list[dict[str, Any]], top: int, names: dict[str, str]) -> str:
    """Render the best ``top`` rows of a ranked batch: rank, fit, level, coverage, who, missing.

    Skills show by name (``names``: id -> display name). A résumé that shows no skill of the
    taxonomy has no level here: years in another trade do not make a senior AI engineer.
    """
    lines = [
        f"{'rank':>4}  {'fit':>5}  {'level':<6}  {'coverage':>8}  candidate  (missing required)"
    ]
    for row in rows[:top]:
        if row.get("error_type"):
            continue
        missing = [
            names.get(i, i) for i in str(row.get("missing_required") or "").split(LIST_SEP) if i
        ]
        level = (row.get("level") or "-") if row.get("skills") else "-"
        lines.append(
            f"{row['rank']:>4}  {float(row['fit']):5.2f}  {level:<6}  "
            f"{float(row['coverage_overall']):8.0%}  {row.get('id') or row['source']}"
            + (f"  ({_first(missing, 4)})" if missing else "")
        )
    return "\n".join(lines)


def _first(names: list[str], n: int) -> str:
    """Join the first ``n`` names; say how many more there are."""
    more = f", +{len(names) - n} more" if len(names) > n else ""
    return ", ".join(names[:n]) + more


def format_comparison(
    resume: MatchResult, job: MatchResult, comparison: Comparison, names: dict[str, str]
) -> str:
    flags = f"  [flags: {', '.join(f.code for f in comparison.flags)}]" if comparison.flags else ""
    gap = comparison.seniority_gap
    lines = [
        f"fit {comparison.score:.2f}{flags}",
        f"  résumé level: {comparison.resume_level or 'unknown'}; job level: "
        f"{comparison.job_level or 'unknown'}" + ("" if gap is None else f" (gap {gap:+d})"),
    ]
    for cat in comparison.categories:
        lines.append(f"  {cat.name} {cat.score:.0%}")
        for label, ids in (
            ("required, covered", cat.required_covered),
            ("required, MISSING", cat.required_missing),
            ("preferred, covered", cat.preferred_covered),
            ("preferred, missing", cat.preferred_missing),
            ("extra", cat.extra),
        ):
            if ids:
                lines.append(f"    {label}: {', '.join(names.get(i, i) for i in ids)}")
    for group in comparison.groups:  # "PyTorch or TensorFlow": any one meets it
        met = names.get(group.satisfied_by or "", group.satisfied_by)
        lines.append(
            f"  alternative: {' or '.join(names.get(i, i) for i in group.skill_ids)}"
            f" ({group.requirement}): {f'met by {met}' if met else 'missing'}"
        )
    for miss in comparison.near_misses:
        lines.append(
            f"  near miss: {names.get(miss.skill_id, miss.skill_id)} ~ {miss.phrase!r}"
            f"@{miss.start} ({miss.score:.2f})"
        )
    for flag in comparison.flags:
        lines.append(f"  warning [{flag.code}]: {flag.message}")
    return "\n".join(lines)


def screen_json(result: MatchResult, source: str) -> dict[str, Any]:
    """Return what ``screen`` says of one posting, keyed by ids (skills, categories, roles)."""
    wanted: dict[str, dict[str, list[str]]] = {"required": {}, "preferred": {}}
    for hit in result.skills:
        bucket = wanted["preferred" if hit.requirement == "preferred" else "required"]
        for cat in hit.categories or ["(none)"]:
            bucket.setdefault(cat, []).append(hit.skill_id)
    sen = result.seniority
    return {
        "id": result.id,
        "source": source,
        "level": sen.level,
        "level_confidence": sen.confidence,
        "years": sen.years,
        "level_reason": sen.reason,
        "level_evidence": [e.model_dump(mode="json") for e in sen.evidence],
        "required": wanted["required"],
        "preferred": wanted["preferred"],
        "not_wanted": list(
            dict.fromkeys(m.skill_id for m in result.excluded if m.requirement == "negated")
        ),
        "other_skills": [hit.skill_id for hit in result.other_skills],
        "roles": [r.model_dump(mode="json") for r in result.roles],
        "coverage": {
            "overall": result.coverage.overall,
            **{c.category_id: c.coverage for c in result.coverage.categories},
        },
        "warnings": [w.model_dump(mode="json") for w in result.warnings],
    }


def format_screen(data: dict[str, Any], taxonomy: Taxonomy) -> str:
    """Render :func:`screen_json` for people: categories by name, skills by id."""
    names = {c.id: c.name for c in taxonomy.categories}
    head = data["source"]
    if data["id"] and data["id"] != head:  # a record named by --id-column
        head = f"{data['id']} ({head})"
    lines = [f"== {head}"]
    years = f", {data['years']:g}+ years" if data["years"] is not None else ""
    lines.append(
        f"  level sought: {data['level'] or 'unknown'} "
        f"(confidence {data['level_confidence']:.2f}{years}) {data['level_reason']}"
    )
    for ev in data["level_evidence"][:6]:
        lines.append(f"    evidence: {ev['text']!r}@{ev['start']} ({ev['kind']}, {ev['level']})")
    for label in ("required", "preferred"):
        for cat, ids in data[label].items():
            lines.append(f"  {label:<9} {names.get(cat, cat)}: {', '.join(ids)}")
    if data["not_wanted"]:
        lines.append(f"  not needed: {', '.join(data['not_wanted'])}")
    if data.get("other_skills"):
        lines.append(f"  also asks (not in the taxonomy): {', '.join(data['other_skills'])}")
    cov = data["coverage"]
    by_category = {names.get(k, k): v for k, v in cov.items() if k != "overall"}
    lines += _summary_lines(
        cov["overall"], by_category, data["roles"], data["warnings"], role_label="role profile"
    )
    return "\n".join(lines)


def json_schema(name: str) -> dict[str, Any]:
    """Return the JSON Schema of ``"result"``, ``"comparison"`` or ``"taxonomy"``.

    ``result`` describes one object of ``match --format json|jsonl``: a ``MatchResult`` without
    its ``text``, with the ``source`` it was read from.
    """
    if name == "taxonomy":
        return Taxonomy.json_schema()
    if name == "comparison":
        schema = Comparison.model_json_schema()
    else:
        schema = MatchResult.model_json_schema()
        schema["properties"].pop("text")
        schema["properties"]["source"] = {
            "type": "string",
            "title": "Source",
            "description": "The file, record (file.jsonl:line N) or stdin the text came from.",
        }
        schema["required"] = [k for k in schema["required"] if k != "text"] + ["source"]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"skillmatch {name}"
    return schema
