"""Highlighted text: mentions and evidence become spans, spans become well-nested HTML elements.

Overlapping spans (a seniority span around a skill mention, a signal inside a pattern mention)
still give well-formed HTML: spans that nest become nested elements, and a span that crosses a
span of higher priority is cut into pieces (skill mentions have the highest priority, so a mention
is never cut by a seniority span or a near miss).
"""

from __future__ import annotations

import bisect
import itertools
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from skillmatch.models import Comparison, MatchResult, Mention
from skillmatch.report.catalog import LEVEL_NAMES, STATUS_REASONS, Catalog
from skillmatch.report.page import esc

logger = logging.getLogger("skillmatch")


# ----------------------------------------------------------------------------------------------
# Highlighted text: spans -> a laminar family of pieces -> nested elements


@dataclass(frozen=True)
class Span:
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
    span: Span
    index: int
    count: int


def _cut(spans: Sequence[Span]) -> list[_Piece]:
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
    rendered = "".join(f' {k}="{esc(v)}"' for k, v in attrs)
    return f"<{span.tag}{rendered}>"


def highlight(text: str, spans: Sequence[Span]) -> str:
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
            out.append(esc(text[pos : top.end]) + f"</{top.span.tag}>")
            pos = top.end
        out.append(esc(text[pos : piece.start]) + _open_tag(piece))
        pos = piece.start
        stack.append(piece)
    while stack:
        top = stack.pop()
        out.append(esc(text[pos : top.end]) + f"</{top.span.tag}>")
        pos = top.end
    out.append(esc(text[pos:]))
    return "".join(out)


def _clip(span: Span, start: int, end: int) -> Span:
    return Span(start, end, span.rank, span.tag, span.attrs, span.label, span.anchor)


def _mention_span(
    m: Mention, catalog: Catalog, *, rank: int, signal: bool = False, anchor: str = ""
) -> Span:
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
        tip += f" · NOT COUNTED: {STATUS_REASONS.get(m.status, m.status)}"
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
    return Span(m.start, m.end, rank, "mark", attrs, label, anchor)


def text_spans(
    result: MatchResult, catalog: Catalog, comparison: Comparison | None, prefix: str
) -> list[Span]:
    spans: list[Span] = []
    for hit in result.skills:
        spans += [_mention_span(m, catalog, rank=0) for m in hit.mentions]
    spans += [_mention_span(m, catalog, rank=1) for m in result.excluded]
    spans += [_mention_span(m, catalog, rank=2, signal=True) for m in result.signals]
    for i, ev in enumerate(result.seniority.evidence):
        tip = f"seniority evidence ({ev.kind})"
        if ev.level:
            tip += f": {LEVEL_NAMES[ev.level]}"
        if ev.years is not None:
            tip += f", {ev.years:g} years"
        if ev.detail:
            tip += f" · {ev.detail}"
        attrs: tuple[tuple[str, str], ...] = (
            ("class", "sen"),
            ("data-kind", ev.kind),
            ("title", tip),
        )
        spans.append(Span(ev.start, ev.end, 3, "span", attrs, anchor=f"{prefix}sen-{i}"))
    if comparison is not None and result.kind == "resume":
        for i, nm in enumerate(comparison.near_misses):
            tip = f"near miss for {catalog.name(nm.skill_id)} (score {nm.score:.2f}): check by hand"
            attrs = (("class", "near"), ("data-skill", nm.skill_id), ("title", tip))
            spans.append(Span(nm.start, nm.end, 4, "span", attrs, anchor=f"{prefix}near-{i}"))
    flags = [(f"{prefix}flag-{i}", f) for i, f in enumerate(result.warnings)]
    if comparison is not None and result.kind == "resume":
        flags += [(f"{prefix}cflag-{i}", f) for i, f in enumerate(comparison.flags)]
    for anchor, flag in flags:
        if flag.start is not None and flag.end is not None:
            attrs = (("class", "flagged"), ("data-flag", flag.code), ("title", flag.message))
            spans.append(Span(flag.start, flag.end, 5, "span", attrs, anchor=anchor))
    return spans
