"""HTML: the text a browser shows, one line per block; text hidden by inline styles is marked."""

from __future__ import annotations

import collections
import re

from skillmatch.errors import CorruptDocumentError
from skillmatch.limits import Limits
from skillmatch.readers.document import TextBuilder, short_error
from skillmatch.readers.formats import Extracted
from skillmatch.readers.formats.decoding import decode

__all__ = ["read"]

_HTML_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
})  # fmt: skip
_HTML_SKIP = frozenset({"script", "style", "template", "noscript", "svg", "head"})
_HTML_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})  # fmt: skip
# Elements a browser closes when a sibling of the kind starts (an approximation of HTML's
# implied end tags, so a hidden <p> or <li> left open does not hide what follows it).
_HTML_IMPLIED = {
    "p": _HTML_BLOCK,
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "td": frozenset({"td", "th", "tr"}),
    "th": frozenset({"td", "th", "tr"}),
    "tr": frozenset({"tr"}),
    "option": frozenset({"option"}),
}
_CSS_HIDING = [
    (re.compile(r"(?:^|[;\s])display\s*:\s*none\b", re.I), "display: none"),
    (re.compile(r"(?:^|[;\s])visibility\s*:\s*(?:hidden|collapse)\b", re.I), "visibility: hidden"),
    (re.compile(r"(?:^|[;\s])opacity\s*:\s*0*(?:\.0*)?\s*(?:;|!|$)", re.I), "transparent"),
    (
        re.compile(r"(?:^|[;\s])font-size\s*:\s*0*(?:\.\d*)?(?:px|pt|em|rem|%)?\s*(?:;|!|$)", re.I),
        "tiny font",
    ),
]
_CSS_COLOR = re.compile(r"(?:^|[;\s])color\s*:\s*([^;!]+)", re.I)
_CSS_BACKGROUND = re.compile(r"(?:^|[;\s])background(?:-color|-image)?\s*:\s*([^;!]+)", re.I)
_WHITE = re.compile(
    r"white|#f{3}|#f{6}|rgba?\(\s*255\s*,\s*255\s*,\s*255\s*(?:,\s*(?:1|1\.0*|100%)\s*)?\)"
    r"|transparent|rgba\([^)]*,\s*0*(?:\.0*)?\s*\)",
    re.I,
)


def _html_hiding(attrs: dict[str, str], on_background: bool) -> tuple[str, bool]:
    """Return why an element hides its text ("" when it does not), and whether it or an
    ancestor paints a background (on one, white text may be visible)."""
    style = attrs.get("style") or ""
    if "hidden" in attrs:
        return "hidden attribute", on_background
    for pattern, reason in _CSS_HIDING:
        if pattern.search(style):
            return reason, on_background
    background = _CSS_BACKGROUND.search(style)
    paint = background.group(1) if background else attrs.get("bgcolor", "")
    if paint.strip():
        on_background = not _WHITE.fullmatch(paint.strip())
    color = _CSS_COLOR.search(style)
    ink = (color.group(1) if color else attrs.get("color", "")).strip()
    if ink and _WHITE.fullmatch(ink) and not on_background:
        return "white text", on_background
    return "", on_background


def read(data: bytes, name: str, limits: Limits) -> Extracted:
    """Read the visible text of an HTML page, one line per block; text hidden by inline styles,
    ``hidden`` attributes or white-on-white colours is kept and marked hidden.

    Styles from ``<style>`` sheets and classes are not applied.
    """
    from html.parser import HTMLParser

    raw, warnings = decode(data, name)

    class _Parser(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            # (text, why hidden) pieces; "\n" alone ends a line.
            self.out: list[tuple[str, str]] = []
            self.skipping: list[str] = []
            self.in_title = False
            # Open elements: (tag, why the text inside is hidden, on a painted background).
            self.open: list[tuple[str, str, bool]] = []
            # How many of each tag are open: an end tag with none open is ignored at once,
            # not searched for through every open element (n <div> and n </span> would take
            # quadratic time).
            self.counts: collections.Counter[str] = collections.Counter()
            self.skip_counts: collections.Counter[str] = collections.Counter()

        def close_from(self, k: int) -> None:
            self.counts.subtract(tag for tag, _, _ in self.open[k:])
            del self.open[k:]

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "title":
                self.in_title = True
            if tag in _HTML_SKIP:
                self.skipping.append(tag)
                self.skip_counts[tag] += 1
            if tag in _HTML_BLOCK:
                self.out.append(("\n", ""))
            if tag in _HTML_VOID:
                return
            for k in range(len(self.open) - 1, -1, -1):
                closes = _HTML_IMPLIED.get(self.open[k][0])
                if closes is None or tag not in closes:
                    break
                self.close_from(k)
            hidden, background = self.open[-1][1:] if self.open else ("", False)
            own, background = _html_hiding({k: v or "" for k, v in attrs}, background)
            self.open.append((tag, hidden or own, background))
            self.counts[tag] += 1

        def handle_endtag(self, tag: str) -> None:
            if tag == "title":
                self.in_title = False
            if tag in _HTML_SKIP and self.skip_counts[tag] > 0:
                while self.skipping:
                    popped = self.skipping.pop()
                    self.skip_counts[popped] -= 1
                    if popped == tag:
                        break
            if tag in _HTML_BLOCK:
                self.out.append(("\n", ""))
            if self.counts[tag] > 0:
                for k in range(len(self.open) - 1, -1, -1):
                    if self.open[k][0] == tag:
                        self.close_from(k)
                        break

        def handle_data(self, data: str) -> None:
            if self.skipping and not self.in_title:
                return
            self.out.append((re.sub(r"\s+", " ", data), self.open[-1][1] if self.open else ""))

    parser = _Parser()
    try:
        parser.feed(raw)
        parser.close()
    except Exception as exc:  # a library boundary: nothing from it escapes unnamed
        raise CorruptDocumentError(name, f"cannot be parsed as HTML ({short_error(exc)})") from exc
    builder = TextBuilder(name, limits)
    line: list[tuple[str, str]] = []
    for piece in [*parser.out, ("\n", "")]:
        if piece[0] != "\n":
            line.append(piece)
            continue
        _add_stripped_line(builder, line)
        builder.end_line()
        line = []
    return Extracted(builder.text(), builder.hidden, warnings)


def _add_stripped_line(builder: TextBuilder, pieces: list[tuple[str, str]]) -> None:
    """Add one line's pieces without the whitespace at its two ends, keeping hidden ranges."""
    whole = "".join(text for text, _ in pieces)
    first = len(whole) - len(whole.lstrip())
    last = len(whole.rstrip())
    pos = 0
    for text, hidden in pieces:
        a, e = max(pos, first), min(pos + len(text), last)
        if a < e:
            builder.add(whole[a:e], hidden if whole[a:e].strip() else "")
        pos += len(text)
