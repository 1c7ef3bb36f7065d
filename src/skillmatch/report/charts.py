"""Inline SVG charts: the coverage bar chart and the small bars of the tables."""

from __future__ import annotations

from collections.abc import Sequence

from skillmatch.report.page import esc, pct


def bar_chart(
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
        f'<title id="{uid}-t">{esc(title)}</title>',
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
            f'<text x="{label_w - 8}" y="{y + row_h / 2:g}" class="lbl"><title>{esc(name)}'
            f"</title>{esc(short)}</text>"
        )
        w = bar_w * max(0.0, min(1.0, value))
        out.append(
            f'<rect x="{label_w}" y="{y + 2}" width="{bar_w}" height="{bar_h}" class="track"/>'
            f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{bar_h}" class="bar"/>'
        )
        value_text = pct(value)
        if has_second:
            w2 = bar_w * max(0.0, min(1.0, other or 0.0))
            y2 = y + 3 + bar_h
            out.append(
                f'<rect x="{label_w}" y="{y2}" width="{bar_w}" height="{bar_h}" class="track"/>'
                f'<rect x="{label_w}" y="{y2}" width="{w2:.1f}" height="{bar_h}"'
                f' fill="url(#{uid}-hatch)" class="bar2"/>'
            )
            value_text += f" / {pct(other)}"
        out.append(
            f'<text x="{label_w + bar_w + 6}" y="{y + row_h / 2:g}" class="val">'
            f"{esc(value_text)}</text>"
        )
    out.append("</svg>")
    legend = ""
    if has_second:
        legend = (
            '<p class="chart-legend"><span class="key solid" aria-hidden="true"></span> coverage'
            ' (first value) &nbsp; <span class="key hatched" aria-hidden="true"></span> '
            f"{esc(second)} (second value)</p>"
        )
    return "".join(out) + legend


def mini_bar(value: float) -> str:
    w = 60 * max(0.0, min(1.0, value))
    return (
        '<span class="mini"><svg width="60" height="10" viewBox="0 0 60 10" aria-hidden="true">'
        f'<rect width="60" height="10" class="track"/><rect width="{w:.1f}" height="10"'
        f' class="bar"/></svg> {pct(value)}</span>'
    )
