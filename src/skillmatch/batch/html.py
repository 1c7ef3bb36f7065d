"""Batch pages: an output file read back as a ranking page, with a report for each résumé."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from skillmatch.batch.files import read_rows, write_text_atomically
from skillmatch.batch.rows import LIST_SEP
from skillmatch.errors import SkillmatchError
from skillmatch.limits import Limits
from skillmatch.matcher import SkillMatcher
from skillmatch.models import MatchResult
from skillmatch.readers import read_document
from skillmatch.report import SummaryRow
from skillmatch.scoring import compare
from skillmatch.taxonomy import Taxonomy

__all__ = ["summary_rows", "write_html_summary"]

logger = logging.getLogger("skillmatch")


def summary_rows(path: str | os.PathLike[str], taxonomy: Taxonomy) -> list[SummaryRow]:
    """Read an output file back as the rows of :func:`skillmatch.report.render_summary`."""
    names = {c.id: c.name for c in taxonomy.categories}
    out: list[SummaryRow] = []
    for row in read_rows(path):
        error = f"{row['error_type']}: {row['error']}" if row.get("error_type") else None
        fit = row.get("fit") if row.get("fit") not in (None, "") else row.get("coverage_overall")
        coverage = {
            names[key[len("coverage_") :]]: float(value)
            for key, value in row.items()
            if key.startswith("coverage_")
            and key[len("coverage_") :] in names
            and value not in (None, "")
        }
        missing = row.get("missing_required") or ""
        out.append(
            SummaryRow(
                file=str(row.get("source") or row.get("id")),
                rank=int(row["rank"]) if row.get("rank") not in (None, "") else None,
                score=float(fit) if fit not in (None, "") and error is None else None,
                level=row.get("level") or None,
                coverage=coverage if error is None else {},
                required_missing=[s for s in str(missing).split(LIST_SEP) if s],
                error=error,
            )
        )
    return out


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
    links = {src: f"{folder.name}/{path.name}" for src, path in reports.items()}
    rows = [
        r.model_copy(update={"report": links.get(r.file)})
        for r in summary_rows(rows_path, matcher.taxonomy)
    ]
    title = "skillmatch ranking" if job is not None else "skillmatch results"
    write_text_atomically(html, render_summary(rows, title=title, job=job_label or None))
    return reports
