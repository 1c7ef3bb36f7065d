"""The page shell shared by every page: CSS, the Content-Security-Policy, escaping, percentages.

A page is one file with inline CSS and no script; the policy forbids anything from the network.
"""

from __future__ import annotations

import html

_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


def esc(value: object) -> str:
    """Escape text for an element or a quoted attribute; keep carriage returns as they are.

    HTML parsers turn a raw CR (and CR LF) into LF, so the page text would no longer equal the
    original text at the mention offsets; a character reference survives parsing unchanged.
    """
    return html.escape(str(value), quote=True).replace("\r", "&#13;")


def pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


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


def page(title: str, body: str, extra_css: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="skillmatch">\n'
        f"<title>{esc(title)}</title>\n<style>{_CSS}\n{extra_css}\n</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
