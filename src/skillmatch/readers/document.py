"""What a read produces: a :class:`Document`, and the text builder that records hidden ranges.

Every format reader fills a :class:`TextBuilder` (or decodes its text in one piece);
:func:`make_document` then checks the text against the limits, merges the hidden ranges and turns
them into ``hidden-text`` flags, so every format and every batch source ends in the same checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeAlias

from skillmatch.errors import DocumentReadError, EmptyDocumentError, LimitExceededError
from skillmatch.limits import Limits
from skillmatch.models import Flag, writable

__all__ = ["Document", "ReadOutcome", "TextBuilder", "make_document", "short_error"]

_MAX_HIDDEN_FLAGS = 20
_EXCERPT_CHARS = 60


@dataclass(frozen=True)
class Document:
    """One text to score, where it came from, and what in it a reader cannot see.

    ``hidden_spans`` are ``(start, end)`` character ranges of ``text``, sorted and disjoint.

    >>> doc = Document(id="a", text="Python Kubernetes", source="a.txt", hidden_spans=((7, 17),))
    >>> doc.visible_text
    'Python           '
    """

    id: str
    text: str
    source: str
    as_of: date | None = None
    hidden_spans: tuple[tuple[int, int], ...] = ()
    warnings: tuple[Flag, ...] = field(default=())
    as_of_source: str = "given"
    """Where ``as_of`` comes from: "given" (an ``as_of`` column) or "metadata (...)" (the file's
    own date, which the matcher checks against the dates of the text)."""

    @property
    def visible_text(self) -> str:
        """The text with hidden ranges replaced by spaces, so offsets still match ``text``."""
        if not self.hidden_spans:
            return self.text
        parts: list[str] = []
        pos = 0
        for start, end in self.hidden_spans:
            parts.append(self.text[pos:start])
            parts.append(re.sub(r"\S", " ", self.text[start:end]))
            pos = end
        parts.append(self.text[pos:])
        return "".join(parts)

    @property
    def hidden_text(self) -> list[str]:
        """The hidden ranges' text, in order."""
        return [self.text[s:e] for s, e in self.hidden_spans]


ReadOutcome: TypeAlias = Document | DocumentReadError | LimitExceededError
"""What :func:`iter_documents` yields for each input: a document, or the error that stopped it."""


def make_document(
    doc_id: str,
    text: str,
    source: str,
    as_of: date | None,
    hidden: list[tuple[int, int, str]],
    warnings: list[Flag],
    limits: Limits,
    as_of_source: str = "given",
) -> Document:
    """Check a read text against the limits and build its :class:`Document`.

    ``hidden`` holds ``(start, end, why)`` ranges as a format reader found them; they are merged
    into ``Document.hidden_spans`` and listed as ``hidden-text`` flags after ``warnings``.
    """
    limits.check("max_text_chars", len(text), path=source, what="text length (characters)")
    if not text.strip():
        raise EmptyDocumentError(source, "no text (only whitespace)")
    spans, flags = _hidden_flags(text, hidden)
    if writable(text) is not text or writable(doc_id) is not doc_id:
        # JSON's "\ud800" reads as a lone surrogate: kept for offsets, replaced when written.
        warnings = [
            *warnings,
            Flag(
                code="unencodable-text",
                message="code points UTF-8 cannot encode (lone surrogates) are written as U+FFFD",
            ),
        ]
    return Document(
        id=doc_id,
        text=text,
        source=source,
        as_of=as_of,
        hidden_spans=tuple(spans),
        warnings=tuple(warnings + flags),
        as_of_source=as_of_source,
    )


def _hidden_flags(
    text: str, hidden: list[tuple[int, int, str]]
) -> tuple[list[tuple[int, int]], list[Flag]]:
    """Merge hidden ranges separated only by whitespace; one flag per merged range."""
    merged: list[list[Any]] = []
    for start, end, reason in sorted(hidden):
        if start >= end:
            continue
        if merged and not text[merged[-1][1] : start].strip():
            last = merged[-1]
            last[1] = max(last[1], end)
            if reason not in last[2]:
                last[2].append(reason)
        else:
            merged.append([start, end, [reason]])
    spans = [(s, e) for s, e, _ in merged]
    flags: list[Flag] = []
    for start, end, reasons in merged[:_MAX_HIDDEN_FLAGS]:
        excerpt = " ".join(text[start:end].split())
        if len(excerpt) > _EXCERPT_CHARS:
            excerpt = excerpt[: _EXCERPT_CHARS - 3] + "..."
        flags.append(
            Flag(
                code="hidden-text",
                message=f"text a reader cannot see ({', '.join(reasons)}): {excerpt!r}",
                start=start,
                end=end,
            )
        )
    if len(merged) > _MAX_HIDDEN_FLAGS:
        flags.append(
            Flag(
                code="hidden-text",
                message=f"{len(merged) - _MAX_HIDDEN_FLAGS} more hidden ranges not listed",
            )
        )
    return spans, flags


class TextBuilder:
    """Accumulate text line by line and remember which ranges are hidden, and why."""

    def __init__(self, name: str, limits: Limits) -> None:
        self._parts: list[str] = []
        self._len = 0
        self._blank_run = 0
        self.hidden: list[tuple[int, int, str]] = []
        self._name = name
        self._limits = limits

    def add(self, text: str, hidden_reason: str = "") -> None:
        if not text:
            return
        start = self._len
        self._parts.append(text)
        self._len += len(text)
        if hidden_reason:
            self.hidden.append((start, self._len, hidden_reason))
        self._limits.check(
            "max_text_chars", self._len, path=self._name, what="text length (characters)"
        )

    def end_line(self) -> None:
        """End the current line; at most one blank line in a row is kept."""
        if not self._parts:
            return
        if self._parts[-1].endswith("\n"):
            if self._blank_run >= 1:
                return
            self._blank_run += 1
        else:
            self._blank_run = 0
        self.add("\n")

    def text(self) -> str:
        return "".join(self._parts).rstrip("\n")


def short_error(exc: BaseException) -> str:
    """Name a library's exception in one short line, for the message of a read error."""
    msg = " ".join(str(exc).split())
    if len(msg) > 160:
        msg = msg[:157] + "..."
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__
