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

    The batch command fills one per input file. ``rank`` orders the table (rows without a rank,
    typically failures, come last, in the order given); ``report`` is the link to that résumé's
    report, relative to the summary page (``"reports/jane-doe.html"``); ``score`` is the fit score
    against the job (or the overall coverage when there is no job); ``coverage`` maps each category
    *name* to its coverage in [0, 1], in display order; ``required_missing`` names the required
    skills of the job the résumé lacks; ``error`` is the one-line message of a failed file
    (``"EmptyDocumentError: scan.pdf: no text layer"``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str
    rank: int | None = Field(default=None, ge=1)
    report: str | None = None
    score: float | None = Field(default=None, ge=0.0, le=1.0)
    level: Level | None = None
    coverage: dict[str, float] = Field(default_factory=dict)
    required_missing: list[str] = Field(default_factory=list)
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


def render_summary(
    rows: Sequence[SummaryRow | Mapping[str, object]],
    *,
    title: str = "skillmatch summary",
    job: str | None = None,
) -> str:
    """Render the ranked table of a batch as a self-contained HTML page.

    ``rows`` are :class:`SummaryRow` objects or mappings with the same keys. Ranked rows come
    first, by rank; rows without a rank (failed files) follow in the order given, with their
    error message. Each file name links to its report when the row has one.

        >>> rows = [SummaryRow(file="jane.pdf", rank=1, score=0.8, report="jane.html")]
        >>> "jane.html" in render_summary(rows, job="job.txt")
        True
    """
    parsed = [r if isinstance(r, SummaryRow) else SummaryRow.model_validate(r) for r in rows]
    order = sorted(
        range(len(parsed)),
        key=lambda i: (parsed[i].rank is None, parsed[i].rank or 0, i),
    )
    categories: list[str] = []
    for r in parsed:
        categories += [c for c in r.coverage if c not in categories]
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in categories)
    trs = []
    for i in order:
        r = parsed[i]
        href = _href(r.report)
        file_cell = f'<a href="{esc(href)}">{esc(r.file)}</a>' if href else esc(r.file)
        cells = [
            f'<td class="num">{r.rank if r.rank is not None else "–"}</td>',
            f'<th scope="row">{file_cell}</th>',
        ]
        if r.error:
            span = 3 + len(categories)
            cells.append(f'<td colspan="{span}" class="error">Failed: {esc(r.error)}</td>')
        else:
            level = LEVEL_NAMES[r.level] if r.level else "–"
            cov = "".join(
                f"<td>{mini_bar(r.coverage[c]) if c in r.coverage else '–'}</td>"
                for c in categories
            )
            missing = (
                ", ".join(f'<span class="missing">{esc(s)}</span>' for s in r.required_missing)
                or "none"
            )
            cells += [
                f'<td class="num">{pct(r.score)}</td>',
                f"<td>{esc(level)}</td>",
                cov,
                f"<td>{missing}</td>",
            ]
        cls = ' class="failed"' if r.error else ""
        trs.append(f"<tr{cls}>{''.join(cells)}</tr>")
    failed = sum(1 for r in parsed if r.error)
    sub = f"{len(parsed)} file{'s' if len(parsed) != 1 else ''}"
    if failed:
        sub += f", {failed} failed"
    if job:
        sub = f"Against job “{esc(job)}” · " + sub
    score_head = "Fit" if job else "Score"
    body = (
        f'<header><h1>{esc(title)}</h1><p class="sub">{sub}</p></header><main>'
        '<section aria-labelledby="rank-h"><h2 id="rank-h">Ranking</h2>'
        '<table><thead><tr><th scope="col">Rank</th><th scope="col">File</th>'
        f'<th scope="col">{score_head}</th><th scope="col">Level</th>{head}'
        '<th scope="col">Required skills missing</th></tr></thead>'
        f"<tbody>{''.join(trs)}</tbody></table>"
        "<p>Coverage per category: share of the category's skills the résumé shows.</p>"
        "</section></main>"
    )
    # a wide table: landscape keeps every category column readable on paper
    return page(title, body, "@page { size: A4 landscape; }\nbody { max-width: 1400px; }")
