"""The summary page of a batch: one ranked row per résumé, failed files last."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from urllib.parse import quote, urlsplit

from pydantic import BaseModel, ConfigDict, Field

from skillmatch.models import Level
from skillmatch.report.catalog import LEVEL_NAMES
from skillmatch.report.charts import mini_bar
from skillmatch.report.page import esc, page, pct

logger = logging.getLogger("skillmatch")


class SummaryRow(BaseModel):
    """One line of the batch summary page: a scored résumé, or a file that failed.

    The batch command fills one per input. ``file`` names the candidate (a file name or a
    record id); ``rank`` orders the table (rows without a rank, typically failures, come last,
    in the order given); ``report`` is the link to that résumé's report, relative to the summary
    page (``"reports/jane-doe.html"``); ``score`` is the fit score against the job (or the
    overall coverage when there is no job); ``required_matched`` and ``required_missing`` name
    the job's required skills the résumé shows and lacks (display names); ``coverage`` maps each
    category *name* to its coverage in [0, 1], in display order (shown on demand);
    ``skill_count`` is how many skills of the taxonomy the résumé shows: with none, the page
    shows no level (years as a nurse do not make a senior AI engineer); ``error`` is the one-line
    message of a failed file (``"EmptyDocumentError: scan.pdf: no text layer"``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str
    rank: int | None = Field(default=None, ge=1)
    report: str | None = None
    score: float | None = Field(default=None, ge=0.0, le=1.0)
    level: Level | None = None
    coverage: dict[str, float] = Field(default_factory=dict)
    required_matched: list[str] = Field(default_factory=list)
    required_missing: list[str] = Field(default_factory=list)
    skill_count: int | None = Field(default=None, ge=0)
    error: str | None = None


def _href(link: str | None) -> str | None:
    """Return a safe relative link, or None for anything that would leave the file system."""
    if not link:
        return None
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("//"):
        logger.warning("report link %r is not a relative path; it is left out", link)
        return None
    return quote(link, safe="/#.-_~%")


def _names(names: list[str], cls: str) -> str:
    if not names:
        return "none"
    return ", ".join(f'<span class="{cls}">{esc(n)}</span>' for n in names)


def _details(r: SummaryRow) -> str:
    """What a recruiter opens on demand: coverage by category, the skill count, the report."""
    items = "".join(f"<li>{esc(name)} {mini_bar(value)}</li>" for name, value in r.coverage.items())
    found = (
        f"<p>{r.skill_count} skill{'s' if r.skill_count != 1 else ''} of the taxonomy found.</p>"
        if r.skill_count is not None
        else ""
    )
    cover = f'<p>Coverage by category:</p><ul class="cov">{items}</ul>' if items else ""
    if not (found or cover):
        return ""
    return f"<details><summary>Details</summary>{found}{cover}</details>"


def _level(r: SummaryRow) -> str:
    if r.skill_count == 0:
        return '<span title="no skill of the taxonomy found, so no level">–</span>'
    return esc(LEVEL_NAMES[r.level]) if r.level else "–"


_CSS = """
body { max-width: 1400px; }
table.ranking { table-layout: fixed; }
table.ranking th, table.ranking td { overflow-wrap: anywhere; }
table.ranking tbody th { font-weight: normal; background: none; }
table.ranking tbody th > a { font-weight: 600; }
col.rank { width: 4.2rem; } col.fit { width: 4.6rem; } col.level { width: 5.6rem; }
col.who { width: 26%; }
details summary { cursor: pointer; color: #0b4f8a; font-size: .9rem; }
ul.cov { list-style: none; padding: 0; margin: .2rem 0; font-size: .85rem; }
ul.cov li { display: flex; justify-content: space-between; gap: .5rem; }
@page { size: A4 landscape; }
"""


def render_summary(
    rows: Sequence[SummaryRow | Mapping[str, object]],
    *,
    title: str = "skillmatch summary",
    job: str | None = None,
) -> str:
    """Render the ranked table of a batch as a self-contained HTML page.

    ``rows`` are :class:`SummaryRow` objects or mappings with the same keys. Ranked rows come
    first, by rank; rows without a rank (failed files) follow in the order given, with their
    error message. The columns a recruiter reads first: rank, candidate (linked to the report),
    fit, level and, against a job, the required skills matched and missing, by name; coverage by
    category opens on demand. The table fits the window's width (no sideways scrolling).

        >>> rows = [SummaryRow(file="jane.pdf", rank=1, score=0.8, report="jane.html")]
        >>> "jane.html" in render_summary(rows, job="job.txt")
        True
    """
    parsed = [r if isinstance(r, SummaryRow) else SummaryRow.model_validate(r) for r in rows]
    order = sorted(
        range(len(parsed)),
        key=lambda i: (parsed[i].rank is None, parsed[i].rank or 0, i),
    )
    against_job = job is not None
    trs = []
    for i in order:
        r = parsed[i]
        href = _href(r.report)
        name = f'<a href="{esc(href)}">{esc(r.file)}</a>' if href else esc(r.file)
        cells = [
            f'<td class="num">{r.rank if r.rank is not None else "–"}</td>',
            f'<th scope="row">{name}{"" if r.error else _details(r)}</th>',
        ]
        if r.error:
            span = 4 if against_job else 2
            cells.append(f'<td colspan="{span}" class="error">Failed: {esc(r.error)}</td>')
        else:
            cells += [f'<td class="num">{pct(r.score)}</td>', f"<td>{_level(r)}</td>"]
            if against_job:
                cells += [
                    f"<td>{_names(r.required_matched, 'ok')}</td>",
                    f"<td>{_names(r.required_missing, 'missing')}</td>",
                ]
        cls = ' class="failed"' if r.error else ""
        trs.append(f"<tr{cls}>{''.join(cells)}</tr>")
    failed = sum(1 for r in parsed if r.error)
    sub = f"{len(parsed)} file{'s' if len(parsed) != 1 else ''}"
    if failed:
        sub += f", {failed} failed"
    if job:
        sub = f"Against job “{esc(job)}” · " + sub
    cols = '<col class="rank"><col class="who"><col class="fit"><col class="level">'
    head = (
        '<th scope="col">Rank</th><th scope="col">Candidate</th>'
        f'<th scope="col">{"Fit" if against_job else "Coverage"}</th><th scope="col">Level</th>'
    )
    if against_job:
        cols += '<col class="skills"><col class="skills">'
        head += (
            '<th scope="col">Required skills matched</th>'
            '<th scope="col">Required skills missing</th>'
        )
    body = (
        f'<header><h1>{esc(title)}</h1><p class="sub">{sub}</p></header><main>'
        '<section aria-labelledby="rank-h"><h2 id="rank-h">Ranking</h2>'
        f'<table class="ranking"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(trs)}</tbody></table>"
        "<p>Fit: how well the résumé covers the job's required skills (and, less, its preferred "
        "ones and level). Details: coverage per category, the share of the category's skills "
        "the résumé shows.</p></section></main>"
    )
    return page(title, body, _CSS)
