"""Parse a rendered page in tests: check that tags balance; keep marks, highlighted texts, links.

Shared by the report, CLI and browser tests (``from report_pages import parse``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from skillmatch.models import MatchResult, Mention

VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}
SVG_LEAVES = {"rect", "line", "path", "circle"}


@dataclass
class Mark:
    attrs: dict[str, str]
    doc: int  # index of the highlighted text it is in (résumé 0, job 1), -1 outside
    text: str = ""


@dataclass
class Page(HTMLParser):
    """Parse a page; check that tags balance; keep the marks, the text of the document, links."""

    errors: list[str] = field(default_factory=list)
    stack: list[str] = field(default_factory=list)
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    open_marks: list[Mark] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)
    style: str = ""
    doc_depth: int | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "div" and "doc" in a.get("class", "").split():
            self.doc_depth = len(self.stack)
            self.docs.append("")
        if tag == "mark":
            m = Mark(a, len(self.docs) - 1 if self.doc_depth is not None else -1)
            self.marks.append(m)
            self.open_marks.append(m)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in VOID and tag not in SVG_LEAVES:
            self.errors.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        if self.doc_depth == len(self.stack):
            self.doc_depth = None
        self.stack.pop()
        if tag == "mark":
            self.open_marks.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "style":
            self.style += data
        for m in self.open_marks:
            m.text += data
        if self.doc_depth is not None:
            self.docs[-1] += data


def parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    assert p.errors == []
    assert p.stack == [], f"unclosed tags: {p.stack}"
    return p


def all_mentions(result: MatchResult) -> list[Mention]:
    return [m for h in result.skills for m in h.mentions] + result.excluded + result.signals


def marks_at(page: Page, m: Mention, doc: int = 0) -> list[Mark]:
    """The marks of mention ``m`` in highlighted text ``doc`` of the page."""
    return [
        k
        for k in page.marks
        if k.doc == doc
        and k.attrs.get("data-start") == str(m.start)
        and k.attrs.get("data-end") == str(m.end)
        and k.attrs.get("data-skill") == m.skill_id
    ]
