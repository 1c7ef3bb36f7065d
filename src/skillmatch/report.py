"""Render results as self-contained HTML: a report for one text and a summary page for a batch.

Both pages are one file each, with inline CSS and inline SVG, no script and no reference to
anything on the network (a Content-Security-Policy forbids it too), so they can be mailed, archived
or opened offline. The text is untrusted: everything from it is escaped.

The report shows the text with every mention highlighted in its category's colour (a short category
code after each mark keeps it readable without colour; struck-through marks are mentions that do
not count), a coverage-by-category bar chart, the seniority estimate with its evidence (underlined
in the text), the role profile and, given a job and a comparison, the fit.

    >>> from skillmatch.matcher import SkillMatcher
    >>> from skillmatch.scoring import compare
    >>> matcher = SkillMatcher.default()
    >>> cv = matcher.match("Deployed PyTorch models on AWS for 6 years.", kind="resume")
    >>> job = matcher.match("Required: PyTorch, AWS and Kubernetes.", kind="job")
    >>> html = render_report(cv, job=job, comparison=compare(cv, job))
    >>> html.count('data-skill="pytorch"')
    2

Overlapping spans (a seniority span around a skill mention, a signal inside a pattern mention)
still give well-formed HTML: spans that nest become nested elements, and a span that crosses a
span of higher priority is cut into pieces (skill mentions have the highest priority, so a mention
is never cut by a seniority span or a near miss).

This module imports models only; it never reads files and never prints.
"""

from __future__ import annotations

import bisect
import html
import itertools
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from pydantic import BaseModel, ConfigDict, Field

from skillmatch.models import (
    Comparison,
    Flag,
    Level,
    MatchResult,
    Mention,
)

__all__ = ["SummaryRow", "render_report", "render_summary"]

logger = logging.getLogger("skillmatch")

# Light tints for the marks (dark text on them stays above 10:1 contrast) and dark borders that
# also stay distinguishable for the common colour-vision deficiencies; the category code label is
# what makes the page readable without colour at all.
_PALETTE: tuple[tuple[str, str], ...] = (
    ("#cfe3fb", "#0b4f8a"),
    ("#fde0b2", "#8a4a00"),
    ("#d3f0d3", "#1c611c"),
    ("#f8d3e3", "#8f1d52"),
    ("#e2d8f7", "#54309a"),
    ("#cdefec", "#0c5f59"),
    ("#f4e6a6", "#6b5600"),
    ("#f9d5cc", "#8f2a12"),
    ("#dcdcdc", "#3a3a3a"),
    ("#d7e9c5", "#3f5f12"),
)
_OTHER = ("#ececec", "#4a4a4a")
_SIGNAL = ("#efe4d2", "#5e4520")
_LEVEL_NAMES: dict[str, str] = {"entry": "Entry", "mid": "Mid", "senior": "Senior"}
_STATUS_REASONS: dict[str, str] = {
    "negated": "negated in the text",
    "other-party": "a skill of another party",
    "hidden": "hidden text a reader cannot see",
}
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


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


# ----------------------------------------------------------------------------------------------
# Small helpers


def _esc(value: object) -> str:
    """Escape text for an element or a quoted attribute; keep carriage returns as they are.

    HTML parsers turn a raw CR (and CR LF) into LF, so the page text would no longer equal the
    original text at the mention offsets; a character reference survives parsing unchanged.
    """
    return html.escape(str(value), quote=True).replace("\r", "&#13;")


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def _safe_class(category_id: str) -> str:
    return "cat-" + re.sub(r"[^a-z0-9-]", "-", category_id.lower())


def _code_for(name: str, taken: set[str]) -> str:
    """Make a short unique code for a category name: 'ML Frameworks' -> 'MF', 'MLOps' -> 'ML'."""
    words = re.findall(r"[A-Za-z0-9]+", name) or ["X"]
    base = (
        "".join(w[0] for w in words[:3]).upper() if len(words) > 1 else words[0][:2].upper()
    ) or "X"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}{n}", n + 1
    taken.add(code)
    return code


def _href(link: str | None) -> str | None:
    """Return a safe relative link, or None for anything that would leave the file system."""
    if not link:
        return None
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("//"):
        logger.warning("report link %r is not a relative path; it is left out", link)
        return None
    return quote(link, safe="/#.-_~%")


@dataclass(frozen=True)
class _Category:
    id: str
    name: str
    code: str
    css: str
    colours: tuple[str, str]


@dataclass
class _Catalog:
    """Names and categories of skills, gathered from every result and comparison at hand."""

    categories: dict[str, _Category] = field(default_factory=dict)
    skill_names: dict[str, str] = field(default_factory=dict)
    skill_category: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, results: Iterable[MatchResult], comparison: Comparison | None) -> _Catalog:
        catalog = cls()
        taken: set[str] = {"LV"}
        order: list[tuple[str, str]] = []
        results = list(results)
        for r in results:
            order += [(c.category_id, c.name) for c in r.coverage.categories]
        if comparison is not None:
            order += [(c.category_id, c.name) for c in comparison.categories]
        for r in results:
            for hit in r.skills:
                order += [(c, c) for c in hit.categories]
        for cid, name in order:
            if cid not in catalog.categories:
                colours = _PALETTE[len(catalog.categories) % len(_PALETTE)]
                catalog.categories[cid] = _Category(
                    cid, name, _code_for(name, taken), _safe_class(cid), colours
                )
        for r in results:
            for cov in r.coverage.categories:
                for sid in [*cov.found, *cov.missing]:
                    catalog.skill_category.setdefault(sid, cov.category_id)
            for hit in r.skills:
                catalog.skill_names.setdefault(hit.skill_id, hit.name)
                if hit.categories:
                    catalog.skill_category[hit.skill_id] = hit.categories[0]
        if comparison is not None:
            for fit in comparison.categories:
                for sid in [
                    *fit.required_covered,
                    *fit.required_missing,
                    *fit.preferred_covered,
                    *fit.preferred_missing,
                    *fit.extra,
                ]:
                    catalog.skill_category.setdefault(sid, fit.category_id)
        return catalog

    def name(self, skill_id: str) -> str:
        return self.skill_names.get(skill_id, skill_id)

    def category(self, skill_id: str) -> _Category | None:
        cid = self.skill_category.get(skill_id)
        return self.categories.get(cid) if cid is not None else None


# ----------------------------------------------------------------------------------------------
# Highlighted text: spans -> a laminar family of pieces -> nested elements


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    rank: int  # lower rank = higher priority: never cut by a span of higher rank
    tag: str
    attrs: tuple[tuple[str, str], ...]
    label: str = ""  # data-code shown after the last piece (category code)
    anchor: str = ""  # id given to the first piece


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    span: _Span
    index: int
    count: int


def _cut(spans: Sequence[_Span]) -> list[_Piece]:
    """Cut spans so that any two pieces nest or are disjoint; higher-priority spans stay whole."""
    ends: list[tuple[int, int, int]] = []  # (endpoint, start, end) of every placed piece
    pieces: list[_Piece] = []
    for span in sorted(spans, key=lambda s: (s.rank, s.start, -s.end)):
        lo = bisect.bisect_right(ends, (span.start, 1 << 62, 1 << 62))
        hi = bisect.bisect_left(ends, (span.end, -1, -1))
        cuts = sorted({p for p, s, e in ends[lo:hi] if not (span.start <= s and e <= span.end)})
        bounds = [span.start, *cuts, span.end]
        parts = list(itertools.pairwise(bounds))
        for i, (s, e) in enumerate(parts):
            pieces.append(_Piece(s, e, span, i, len(parts)))
            bisect.insort(ends, (s, s, e))
            bisect.insort(ends, (e, s, e))
    return pieces


def _open_tag(piece: _Piece) -> str:
    span = piece.span
    attrs = list(span.attrs)
    if piece.count > 1:
        attrs.append(("data-piece", f"{piece.index + 1}/{piece.count}"))
    if span.anchor and piece.index == 0:
        attrs.append(("id", span.anchor))
    if span.label and piece.index == piece.count - 1:
        attrs.append(("data-code", span.label))
    rendered = "".join(f' {k}="{_esc(v)}"' for k, v in attrs)
    return f"<{span.tag}{rendered}>"


def _highlight(text: str, spans: Sequence[_Span]) -> str:
    """Return escaped ``text`` with every span wrapped in its element, always well nested."""
    n = len(text)
    usable = []
    for s in spans:
        start, end = max(0, s.start), min(n, s.end)
        if start >= end:
            logger.debug("span %d-%d is empty or outside the text; not highlighted", s.start, s.end)
            continue
        usable.append(s if (start, end) == (s.start, s.end) else _clip(s, start, end))
    pieces = sorted(_cut(usable), key=lambda p: (p.start, -p.end, p.span.rank))
    out: list[str] = []
    stack: list[_Piece] = []
    pos = 0
    for piece in pieces:
        while stack and stack[-1].end <= piece.start:
            top = stack.pop()
            out.append(_esc(text[pos : top.end]) + f"</{top.span.tag}>")
            pos = top.end
        out.append(_esc(text[pos : piece.start]) + _open_tag(piece))
        pos = piece.start
        stack.append(piece)
    while stack:
        top = stack.pop()
        out.append(_esc(text[pos : top.end]) + f"</{top.span.tag}>")
        pos = top.end
    out.append(_esc(text[pos:]))
    return "".join(out)


def _clip(span: _Span, start: int, end: int) -> _Span:
    return _Span(start, end, span.rank, span.tag, span.attrs, span.label, span.anchor)


def _mention_span(
    m: Mention, catalog: _Catalog, *, rank: int, signal: bool = False, anchor: str = ""
) -> _Span:
    cat = None if signal else catalog.category(m.skill_id)
    name = catalog.name(m.skill_id)
    classes = ["m", "signal" if signal else (cat.css if cat else "cat-other")]
    if m.status != "counted":
        classes.append("excluded")
    if m.requirement:
        classes.append(f"req-{m.requirement}")
    what = f"level signal: {m.matched}" if signal else name
    if cat is not None:
        what += f" ({cat.name})"
    tip = f"{what} · {m.method} match of “{m.matched}” · score {m.score:.2f}"
    if m.requirement:
        tip += f" · {m.requirement}"
    if m.status != "counted":
        tip += f" · NOT COUNTED: {_STATUS_REASONS.get(m.status, m.status)}"
    label = "LV" if signal else (cat.code if cat else "?")
    if m.requirement == "required":
        label += "·req"
    elif m.requirement == "preferred":
        label += "·pref"
    attrs: tuple[tuple[str, str], ...] = (
        ("class", " ".join(classes)),
        ("data-skill", m.skill_id),
        ("data-start", str(m.start)),
        ("data-end", str(m.end)),
        ("data-method", m.method),
        ("data-status", m.status),
        ("data-score", f"{m.score:.2f}"),
        ("title", tip),
    )
    if m.requirement:
        attrs += (("data-requirement", m.requirement),)
    return _Span(m.start, m.end, rank, "mark", attrs, label, anchor)


def _text_spans(
    result: MatchResult, catalog: _Catalog, comparison: Comparison | None, prefix: str
) -> list[_Span]:
    spans: list[_Span] = []
    for hit in result.skills:
        spans += [_mention_span(m, catalog, rank=0) for m in hit.mentions]
    spans += [_mention_span(m, catalog, rank=1) for m in result.excluded]
    spans += [_mention_span(m, catalog, rank=2, signal=True) for m in result.signals]
    for i, ev in enumerate(result.seniority.evidence):
        tip = f"seniority evidence ({ev.kind})"
        if ev.level:
            tip += f": {_LEVEL_NAMES[ev.level]}"
        if ev.years is not None:
            tip += f", {ev.years:g} years"
        if ev.detail:
            tip += f" · {ev.detail}"
        attrs: tuple[tuple[str, str], ...] = (
            ("class", "sen"),
            ("data-kind", ev.kind),
            ("title", tip),
        )
        spans.append(_Span(ev.start, ev.end, 3, "span", attrs, anchor=f"{prefix}sen-{i}"))
    if comparison is not None and result.kind == "resume":
        for i, nm in enumerate(comparison.near_misses):
            tip = f"near miss for {catalog.name(nm.skill_id)} (score {nm.score:.2f}): check by hand"
            attrs = (("class", "near"), ("data-skill", nm.skill_id), ("title", tip))
            spans.append(_Span(nm.start, nm.end, 4, "span", attrs, anchor=f"{prefix}near-{i}"))
    flags = [(f"{prefix}flag-{i}", f) for i, f in enumerate(result.warnings)]
    if comparison is not None and result.kind == "resume":
        flags += [(f"{prefix}cflag-{i}", f) for i, f in enumerate(comparison.flags)]
    for anchor, flag in flags:
        if flag.start is not None and flag.end is not None:
            attrs = (("class", "flagged"), ("data-flag", flag.code), ("title", flag.message))
            spans.append(_Span(flag.start, flag.end, 5, "span", attrs, anchor=anchor))
    return spans


# ----------------------------------------------------------------------------------------------
# SVG


def _bar_chart(
    rows: Sequence[tuple[str, float, float | None]], *, uid: str, title: str, second: str = ""
) -> str:
    """A horizontal bar chart: one solid bar per row, plus a hatched one when a value is given."""
    label_w, bar_w, value_w, row_h = 210, 330, 110, 30
    has_second = any(v is not None for _, _, v in rows)
    bar_h = 11 if has_second else 16
    width = label_w + bar_w + value_w
    height = max(1, len(rows)) * row_h + 24
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' role="img" aria-labelledby="{uid}-t">',
        f'<title id="{uid}-t">{_esc(title)}</title>',
        f'<defs><pattern id="{uid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse"'
        f' patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        f'<rect width="2" height="6" fill="#444"/></pattern></defs>',
    ]
    for tick in (0, 25, 50, 75, 100):
        x = label_w + bar_w * tick / 100
        out.append(
            f'<line x1="{x:g}" y1="0" x2="{x:g}" y2="{height - 18}" class="grid"/>'
            f'<text x="{x:g}" y="{height - 4}" class="tick">{tick}%</text>'
        )
    for i, (name, value, other) in enumerate(rows):
        y = i * row_h + 4
        short = name if len(name) <= 30 else name[:29] + "…"
        out.append(
            f'<text x="{label_w - 8}" y="{y + row_h / 2:g}" class="lbl"><title>{_esc(name)}'
            f"</title>{_esc(short)}</text>"
        )
        w = bar_w * max(0.0, min(1.0, value))
        out.append(
            f'<rect x="{label_w}" y="{y + 2}" width="{bar_w}" height="{bar_h}" class="track"/>'
            f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{bar_h}" class="bar"/>'
        )
        value_text = _pct(value)
        if has_second:
            w2 = bar_w * max(0.0, min(1.0, other or 0.0))
            y2 = y + 3 + bar_h
            out.append(
                f'<rect x="{label_w}" y="{y2}" width="{bar_w}" height="{bar_h}" class="track"/>'
                f'<rect x="{label_w}" y="{y2}" width="{w2:.1f}" height="{bar_h}"'
                f' fill="url(#{uid}-hatch)" class="bar2"/>'
            )
            value_text += f" / {_pct(other)}"
        out.append(
            f'<text x="{label_w + bar_w + 6}" y="{y + row_h / 2:g}" class="val">'
            f"{_esc(value_text)}</text>"
        )
    out.append("</svg>")
    legend = ""
    if has_second:
        legend = (
            '<p class="chart-legend"><span class="key solid" aria-hidden="true"></span> coverage'
            ' (first value) &nbsp; <span class="key hatched" aria-hidden="true"></span> '
            f"{_esc(second)} (second value)</p>"
        )
    return "".join(out) + legend


def _mini_bar(value: float) -> str:
    w = 60 * max(0.0, min(1.0, value))
    return (
        '<span class="mini"><svg width="60" height="10" viewBox="0 0 60 10" aria-hidden="true">'
        f'<rect width="60" height="10" class="track"/><rect width="{w:.1f}" height="10"'
        f' class="bar"/></svg> {_pct(value)}</span>'
    )


# ----------------------------------------------------------------------------------------------
# The report


_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: #111; background: #fff; margin: 0 auto; max-width: 1000px; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #333;
  padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.sub { color: #444; margin: 0 0 1rem; }
.cards { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; padding: 0;
  list-style: none; }
.cards li { border: 1px solid #888; border-radius: 6px; padding: .4rem .8rem; min-width: 7rem; }
.cards .k { display: block; font-size: .8rem; color: #444; }
.cards .v { font-size: 1.3rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
.doc { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #999; padding: 1rem;
  font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 14px;
  line-height: 1.9; background: #fcfcfc; }
mark.m { color: #111; border: 1px solid; border-radius: 3px; padding: 0 1px; }
mark.m[data-code]::after { content: attr(data-code); font: 600 9px/1 system-ui, sans-serif;
  vertical-align: super; margin-left: 2px; color: #222; }
mark.excluded { background: #ececec !important; border-style: dashed; color: #333;
  text-decoration: line-through 2px #222; }
mark.excluded[data-code]::after { content: attr(data-code) " ✗"; }
mark.req-required { border-width: 2px; }
mark.signal { background: #efe4d2; border-color: #5e4520; border-style: dotted; }
span.sen { text-decoration: underline double #222; text-underline-offset: 4px; }
span.near { outline: 1px dashed #333; outline-offset: 1px; }
span.flagged { outline: 2px dotted #8f1d12; outline-offset: 2px; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1rem; padding: 0; list-style: none;
  font-size: .9rem; }
.legend mark { cursor: default; }
.chart { max-width: 100%; height: auto; display: block; }
.chart text { font: 12px system-ui, sans-serif; fill: #111; dominant-baseline: middle; }
.chart .lbl { text-anchor: end; }
.chart .tick { font-size: 10px; fill: #444; text-anchor: middle; }
.chart .grid { stroke: #ccc; stroke-width: 1; }
.track { fill: #eee; stroke: #999; stroke-width: .5; }
.bar { fill: #2f5d8a; }
.bar2 { stroke: #333; stroke-width: .5; }
.chart-legend { font-size: .85rem; }
.key { display: inline-block; width: 1.2em; height: .8em; border: 1px solid #333;
  vertical-align: middle; }
.key.solid { background: #2f5d8a; }
.key.hatched { background: repeating-linear-gradient(45deg, #333 0 2px, #fff 2px 5px); }
.mini { white-space: nowrap; font-size: .85rem; }
.mini svg { vertical-align: middle; }
.missing { color: #8f1d12; font-weight: 600; }
.ok { color: #1c611c; font-weight: 600; }
.error { color: #8f1d12; }
ul.plain { margin: .2rem 0; padding-left: 1.2rem; }
a { color: #0b4f8a; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .doc { font-size: 9pt; line-height: 1.7; border: none; padding: 0; background: none; }
  h2 { break-after: avoid; }
  tr, .cards li, .chart { break-inside: avoid; }
  table { font-size: 8.5pt; }
  th, td { padding: .15rem .3rem; overflow-wrap: anywhere; }
  .mini { white-space: normal; font-size: 8pt; }
  .mini svg { width: 40px; }
  mark.m, .key, .track, .bar, .bar2, th { print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
  a { color: #000; text-decoration: none; }
}
"""


def _category_css(catalog: _Catalog) -> str:
    rules = [f"mark.cat-other {{ background: {_OTHER[0]}; border-color: {_OTHER[1]}; }}"]
    for cat in catalog.categories.values():
        bg, border = cat.colours
        rules.append(f"mark.{cat.css} {{ background: {bg}; border-color: {border}; }}")
    return "\n".join(rules)


def _page(title: str, body: str, extra_css: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="skillmatch">\n'
        f"<title>{_esc(title)}</title>\n<style>{_CSS}\n{extra_css}\n</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _names(ids: Sequence[str], catalog: _Catalog, cls: str = "") -> str:
    if not ids:
        return "–"
    attr = f' class="{cls}"' if cls else ""
    return ", ".join(f"<span{attr}>{_esc(catalog.name(i))}</span>" for i in ids)


def _legend(catalog: _Catalog, result: MatchResult, spans: Sequence[_Span]) -> str:
    used = {catalog.skill_category.get(m.skill_id) for h in result.skills for m in h.mentions}
    used |= {catalog.skill_category.get(m.skill_id) for m in result.excluded}
    items = []
    for cat in catalog.categories.values():
        if cat.id in used:
            items.append(
                f'<li><mark class="m {cat.css}" data-code="{_esc(cat.code)}">'
                f"{_esc(cat.name)}</mark></li>"
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
    catalog: _Catalog,
    comparison: Comparison | None,
    *,
    heading: str,
    prefix: str,
) -> str:
    spans = _text_spans(result, catalog, comparison, prefix)
    return (
        f'<section aria-labelledby="{prefix}text-h"><h2 id="{prefix}text-h">{_esc(heading)}</h2>'
        f"{_legend(catalog, result, spans)}"
        f'<div class="doc" id="{prefix}doc">{_highlight(result.text, spans)}</div></section>'
    )


def _skills_table(result: MatchResult, catalog: _Catalog) -> str:
    if not result.skills:
        return "<p>No skill found.</p>"
    rows = []
    for hit in sorted(result.skills, key=lambda h: (-h.score, h.name)):
        cats = ", ".join(
            f"{_esc(catalog.categories[c].name)} ({_esc(catalog.categories[c].code)})"
            if c in catalog.categories
            else _esc(c)
            for c in hit.categories
        )
        methods = ", ".join(sorted({m.method for m in hit.mentions}))
        evidence = ", ".join(sorted({f"“{m.text}”" for m in hit.mentions}))
        years = "–" if hit.years is None else f"{hit.years:g}"
        req = hit.requirement or "–"
        rows.append(
            f'<tr><th scope="row">{_esc(hit.name)}</th><td>{cats}</td>'
            f'<td class="num">{hit.score:.2f}</td><td class="num">{hit.count}</td>'
            f"<td>{_esc(methods)}</td><td>{_esc(evidence)}</td><td>{years}</td>"
            f"<td>{_esc(req)}</td></tr>"
        )
    return (
        '<table><caption class="visually-hidden">Skills found</caption><thead><tr>'
        '<th scope="col">Skill</th><th scope="col">Categories</th><th scope="col">Score</th>'
        '<th scope="col">Mentions</th><th scope="col">Methods</th><th scope="col">Evidence</th>'
        '<th scope="col">Years</th><th scope="col">Requirement</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _excluded_table(result: MatchResult, catalog: _Catalog) -> str:
    if not result.excluded:
        return ""
    rows = "".join(
        f'<tr><th scope="row"><s>{_esc(m.text)}</s></th><td>{_esc(catalog.name(m.skill_id))}</td>'
        f"<td>{_esc(m.status)}: {_esc(_STATUS_REASONS.get(m.status, m.status))}</td>"
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
    chart = _bar_chart(
        rows,
        uid="cov",
        title="Coverage by category" + (" and fit to the job" if comparison else ""),
        second="fit to the job",
    )
    return (
        '<section aria-labelledby="cov-h"><h2 id="cov-h">Coverage by category</h2>'
        f"<p>Overall (weighted): <strong>{_pct(result.coverage.overall)}</strong>. The same values"
        ' are in the <a href="#cov-table">coverage table</a>.</p>'
        f"{chart}</section>"
    )


def _coverage_table(result: MatchResult) -> str:
    if not result.coverage.categories:
        return ""
    trs = "".join(
        f'<tr><th scope="row">{_esc(c.name)}</th><td class="num">{_pct(c.coverage)}</td>'
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
    level = _LEVEL_NAMES[s.level] if s.level else "not determined"
    what = "sought" if result.kind == "job" else "estimated"
    parts = [
        '<section aria-labelledby="sen-h"><h2 id="sen-h">Seniority</h2>',
        f"<p>Level {what}: <strong>{_esc(level)}</strong> (confidence {s.confidence:.2f})",
    ]
    if s.years is not None:
        parts.append(f"; about {s.years:g} years of experience")
    parts.append(".")
    if s.reason:
        parts.append(f" {_esc(s.reason)}")
    parts.append("</p>")
    if s.evidence:
        rows = "".join(
            f'<tr><th scope="row"><a href="#{prefix}sen-{i}">{_esc(ev.text)}</a></th>'
            f"<td>{_esc(ev.kind)}</td><td>{_esc(_LEVEL_NAMES[ev.level]) if ev.level else '–'}</td>"
            f'<td class="num">{"–" if ev.years is None else f"{ev.years:g}"}</td>'
            f"<td>{_esc(ev.detail) or '–'}</td></tr>"
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
        f'<tr><th scope="row">{_esc(r.name)}</th><td>{_mini_bar(r.score)}</td>'
        f"<td>{_esc(r.reason)}</td></tr>"
        for r in sorted(result.roles, key=lambda r: -r.score)
    )
    return (
        '<section aria-labelledby="roles-h"><h2 id="roles-h">Role profile</h2>'
        '<table><thead><tr><th scope="col">Role</th><th scope="col">Resemblance</th>'
        f'<th scope="col">Why</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )


def _flags_list(flags: Sequence[Flag], catalog: _Catalog, anchor: str = "") -> str:
    """List flags; ``anchor`` is the id stem of their spans in the text ("" when not shown)."""
    items = []
    for i, f in enumerate(flags):
        where = ""
        if anchor and f.start is not None and f.end is not None:
            where = f' (<a href="#{anchor}{i}">in the text</a>)'
        skill = f" [{_esc(catalog.name(f.skill_id))}]" if f.skill_id else ""
        items.append(f"<li><strong>{_esc(f.code)}</strong>{skill}: {_esc(f.message)}{where}</li>")
    return f'<ul class="plain">{"".join(items)}</ul>'


def _fit_section(comparison: Comparison, catalog: _Catalog, *, anchored: bool) -> str:
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
        f"{_LEVEL_NAMES.get(comparison.resume_level or '', '?')} résumé for a "
        f"{_LEVEL_NAMES.get(comparison.job_level or '', '?')} job: {gap_text}"
    )
    rows = "".join(
        f'<tr><th scope="row">{_esc(c.name)}</th><td>{_mini_bar(c.score)}</td>'
        f"<td>{_names(c.required_covered, catalog, 'ok')}</td>"
        f"<td>{_names(c.required_missing, catalog, 'missing')}</td>"
        f"<td>{_names(c.preferred_covered, catalog, 'ok')}</td>"
        f"<td>{_names(c.preferred_missing, catalog, 'missing')}</td>"
        f"<td>{_names(c.extra, catalog)}</td></tr>"
        for c in comparison.categories
    )
    parts = [
        '<section aria-labelledby="fit-h"><h2 id="fit-h">Fit to the job</h2>',
        f"<p>Fit score: <strong>{_pct(comparison.score)}</strong>. Seniority: {_esc(levels)}.</p>",
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
            f'<tr><th scope="row">{_esc(catalog.name(n.skill_id))}</th>'
            f'<td><a href="#near-{i}">“{_esc(n.phrase)}”</a></td>'
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
    catalog = _Catalog.build(results, comparison)
    kind = "Résumé" if result.kind == "resume" else "Job posting"
    name = result.id or kind.lower()
    title = title or f"skillmatch report: {name}"

    cards = [
        ("Overall coverage", _pct(result.coverage.overall)),
        ("Level", _LEVEL_NAMES[result.seniority.level] if result.seniority.level else "–"),
        ("Skills found", str(len(result.skills))),
    ]
    if comparison is not None:
        cards.insert(0, ("Fit to the job", _pct(comparison.score)))
        cards.append(("Required missing", str(len(comparison.required_missing))))
    card_html = "".join(
        f'<li><span class="k">{_esc(k)}</span> <span class="v">{_esc(v)}</span></li>'
        for k, v in cards
    )
    sub = f"{kind}" + (f" against job “{_esc(job.id)}”" if job is not None and job.id else "")
    if result.taxonomy:
        sub += f" · taxonomy {_esc(result.taxonomy)}"
    body = [
        f'<header><h1>{_esc(title)}</h1><p class="sub">{sub}</p>'
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
        f"{_skills_table(result, catalog)}{_excluded_table(result, catalog)}"
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
    return _page(title, "\n".join(b for b in body if b), _category_css(catalog))


# ----------------------------------------------------------------------------------------------
# The batch summary


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
    head = "".join(f'<th scope="col">{_esc(c)}</th>' for c in categories)
    trs = []
    for i in order:
        r = parsed[i]
        href = _href(r.report)
        file_cell = f'<a href="{_esc(href)}">{_esc(r.file)}</a>' if href else _esc(r.file)
        cells = [
            f'<td class="num">{r.rank if r.rank is not None else "–"}</td>',
            f'<th scope="row">{file_cell}</th>',
        ]
        if r.error:
            span = 3 + len(categories)
            cells.append(f'<td colspan="{span}" class="error">Failed: {_esc(r.error)}</td>')
        else:
            level = _LEVEL_NAMES[r.level] if r.level else "–"
            cov = "".join(
                f"<td>{_mini_bar(r.coverage[c]) if c in r.coverage else '–'}</td>"
                for c in categories
            )
            missing = (
                ", ".join(f'<span class="missing">{_esc(s)}</span>' for s in r.required_missing)
                or "none"
            )
            cells += [
                f'<td class="num">{_pct(r.score)}</td>',
                f"<td>{_esc(level)}</td>",
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
        sub = f"Against job “{_esc(job)}” · " + sub
    score_head = "Fit" if job else "Score"
    body = (
        f'<header><h1>{_esc(title)}</h1><p class="sub">{sub}</p></header><main>'
        '<section aria-labelledby="rank-h"><h2 id="rank-h">Ranking</h2>'
        '<table><thead><tr><th scope="col">Rank</th><th scope="col">File</th>'
        f'<th scope="col">{score_head}</th><th scope="col">Level</th>{head}'
        '<th scope="col">Required skills missing</th></tr></thead>'
        f"<tbody>{''.join(trs)}</tbody></table>"
        "<p>Coverage per category: share of the category's skills the résumé shows.</p>"
        "</section></main>"
    )
    # a wide table: landscape keeps every category column readable on paper
    return _page(title, body, "@page { size: A4 landscape; }\nbody { max-width: 1400px; }")
