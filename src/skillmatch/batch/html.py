"""Batch pages: an output file read back as a ranking page, with a report for each résumé."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from skillmatch.batch.files import read_rows, write_text_atomically
from skillmatch.batch.rows import Row
from skillmatch.errors import SkillmatchError
from skillmatch.limits import Limits
from skillmatch.matcher import SkillMatcher
from skillmatch.models import LIST_SEP, MatchResult
from skillmatch.readers import read_document
from skillmatch.report import SummaryRow
from skillmatch.scoring import compare
from skillmatch.taxonomy import Taxonomy

__all__ = ["summary_rows", "write_html_summary"]

logger = logging.getLogger("skillmatch")


def summary_rows(
    path: str | os.PathLike[str], taxonomy: Taxonomy, *, job: MatchResult | None = None
) -> list[SummaryRow]:
    """Read an output file back as the rows of :func:`skillmatch.report.render_summary`.

    Skills show by their names in ``taxonomy``; with ``job`` each row lists the job's required
    skills it matches as well as those it misses.
    """
    categories = {c.id: c.name for c in taxonomy.categories}
    skill_names = {s.id: s.name for s in taxonomy.skills}
    required = (
        [h.skill_id for h in job.skills if h.requirement in (None, "required")] if job else []
    )
    out: list[SummaryRow] = []
    for row in read_rows(path):
        error = f"{row['error_type']}: {row['error']}" if row.get("error_type") else None
        fit = row.get("fit") if row.get("fit") not in (None, "") else row.get("coverage_overall")
        coverage = {
            categories[key[len("coverage_") :]]: float(value)
            for key, value in row.items()
            if key.startswith("coverage_")
            and key[len("coverage_") :] in categories
            and value not in (None, "")
        }
        missing = [s for s in str(row.get("missing_required") or "").split(LIST_SEP) if s]
        skills = [s for s in str(row.get("skills") or "").split(LIST_SEP) if s]
        out.append(
            SummaryRow(
                file=_candidate(row),
                rank=int(row["rank"]) if row.get("rank") not in (None, "") else None,
                score=float(fit) if fit not in (None, "") and error is None else None,
                level=row.get("level") or None,
                coverage=coverage if error is None else {},
                required_matched=[skill_names.get(s, s) for s in required if s not in missing]
                if error is None
                else [],
                required_missing=[skill_names.get(s, s) for s in missing],
                skill_count=None if error else len(skills),
                error=error,
            )
        )
    return out


def _candidate(row: Row) -> str:
    """Name a row as a recruiter knows it: the record's id, else the file's name."""
    source, ident = str(row.get("source") or ""), str(row.get("id") or "")
    if ident and ident != source:
        return ident
    return source or ident


def write_html_summary(
    rows_path: str | os.PathLike[str],
    html_path: str | os.PathLike[str],
    *,
    matcher: SkillMatcher,
    job: MatchResult | None = None,
    job_label: str = "",
    max_reports: int = 200,
    limits: Limits | None = None,
) -> dict[str, Path]:
    """Write the ranking page of a batch output file and a report for each scored résumé.

    Reports go to ``<html stem>-reports/`` beside the page, best ranked first, at most
    ``max_reports`` of them (each means reading and matching the file again); the page links to
    them. Returns the report written for each source.
    """
    from skillmatch.report import render_report, render_summary

    html = Path(html_path)
    folder = html.parent / f"{html.stem}-reports"
    reports: dict[str, Path] = {}
    for row in read_rows(rows_path):
        if len(reports) >= max_reports:
            break
        source = str(row.get("source") or "")
        if row.get("error_type") or not source or not Path(source).is_file():
            continue
        try:
            doc = read_document(source, limits=limits)
        except SkillmatchError as exc:  # the file changed since it was scored
            logger.warning("no report for %s: %s", source, exc)
            continue
        result = matcher.match_document(doc, kind="resume")
        comparison = compare(result, job) if job is not None else None
        target = folder / f"{len(reports) + 1:05d}-{Path(source).stem[:80]}.html"
        folder.mkdir(parents=True, exist_ok=True)
        write_text_atomically(target, render_report(result, job=job, comparison=comparison))
        reports[source] = target
    links_by_source = {src: f"{folder.name}/{path.name}" for src, path in reports.items()}
    links = [links_by_source.get(str(row.get("source") or "")) for row in read_rows(rows_path)]
    rows = [
        r.model_copy(update={"report": link})
        for r, link in zip(summary_rows(rows_path, matcher.taxonomy, job=job), links, strict=True)
    ]
    title = "skillmatch ranking" if job is not None else "skillmatch results"
    write_text_atomically(html, render_summary(rows, title=title, job=job_label or None))
    return reports
