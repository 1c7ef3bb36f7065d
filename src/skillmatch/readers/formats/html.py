"""HTML: the text a browser shows, one line per block; text its computed style hides is marked."""

from __future__ import annotations

import collections
import logging
import re

from skillmatch.errors import CorruptDocumentError
from skillmatch.limits import Limits
from skillmatch.models import Flag
from skillmatch.readers.document import TextBuilder, short_error
from skillmatch.readers.formats import Extracted
from skillmatch.readers.formats.decoding import decode
from skillmatch.readers.formats.html_style import ROOT, Style, element_style

logger = logging.getLogger("skillmatch")

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


def read(data: bytes, name: str, limits: Limits) -> Extracted:
    """Read the visible text of an HTML page, one line per block; text that the page's computed
    style hides (:mod:`.html_style`: style sheets, classes and inline styles applied) is kept
    and marked hidden.
    """
    from html.parser import HTMLParser

    raw, warnings = decode(data, name)
    raw = _with_computed_styles(raw, name, warnings)

    class _Parser(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            # (text, why hidden) pieces; "\n" alone ends a line.
            self.out: list[tuple[str, str]] = []
            self.skipping: list[str] = []
            self.in_title = False
            # Open elements: (tag, the style their text inherits).
            self.open: list[tuple[str, Style]] = []
            # How many of each tag are open: an end tag with none open is ignored at once,
            # not searched for through every open element (n <div> and n </span> would take
            # quadratic time).
            self.counts: collections.Counter[str] = collections.Counter()
            self.skip_counts: collections.Counter[str] = collections.Counter()

        def close_from(self, k: int) -> None:
            self.counts.subtract(tag for tag, _ in self.open[k:])
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
            parent = self.open[-1][1] if self.open else ROOT
            self.open.append((tag, element_style({k: v or "" for k, v in attrs}, parent)))
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
            self.out.append(
                (re.sub(r"\s+", " ", data), self.open[-1][1].hidden if self.open else "")
            )

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


def _with_computed_styles(raw: str, name: str, warnings: list[Flag]) -> str:
    """The page with its style sheets applied to each element's ``style`` attribute (the
    cascade: selectors, specificity, ``!important``), re-serialized from an HTML5 parse, which
    also closes what the page leaves open (an unclosed comment hides the rest of a page from a
    browser too). No remote style sheet is loaded.

    css-inline recurses in native code, where no time limit reaches and a deep enough page
    overflows the stack: a page nested deeper than :data:`_MAX_STYLED_DEPTH` (no real page is)
    or one css-inline cannot read is kept as it is, with a ``styles-not-applied`` warning.
    """
    import css_inline

    depth = _nesting_depth(raw)
    why = f"elements nested {depth} deep" if depth > _MAX_STYLED_DEPTH else ""
    if not why:
        try:
            inliner = css_inline.CSSInliner(
                load_remote_stylesheets=False, keep_style_tags=False, resolve_css_variables=True
            )
            return str(inliner.inline(raw))
        except Exception as exc:  # a library boundary: the page is read without style sheets
            why = short_error(exc)
    warnings.append(
        Flag(
            code="styles-not-applied",
            message=f"style sheets not applied ({why}): only inline styles say what is hidden",
        )
    )
    logger.warning("%s: style sheets not applied (%s)", name, why)
    return _without_unclosed_tail(raw)


def _without_unclosed_tail(raw: str) -> str:
    """``raw`` up to a comment or tag that never closes, which hides the rest of the page from
    a browser too; html.parser would search the rest of the page again at each one."""
    last_close = raw.rfind("-->")
    cut = raw.find("<!--", last_close + 3 if last_close >= 0 else 0)
    last_gt = raw.rfind(">")
    for opener in ("<!", "<?", "</"):
        at = raw.find(opener, last_gt + 1)
        if at >= 0 and (cut < 0 or at < cut):
            cut = at
    return raw if cut < 0 else raw[:cut]


_MAX_STYLED_DEPTH = 400
_TAG = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)")


def _nesting_depth(raw: str) -> int:
    """How deep the page's elements nest, at most (end tags close the latest open one)."""
    depth = deepest = 0
    for match in _TAG.finditer(raw):
        if match.group(1):
            depth = max(depth - 1, 0)
        elif match.group(2).lower() not in _HTML_VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


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
