"""Read résumés and job postings from files: plain text out, with what a reader cannot see marked.

One document per file for ``.txt``, ``.md``, ``.pdf``, ``.docx``, ``.html`` and ``.htm``
(:func:`read_document`); many at once from directories, ``.jsonl``, ``.csv`` and stdin
(:func:`iter_documents`). Every failure is a named error from :mod:`skillmatch.errors` that says
which file and why; nothing a parsing library raises escapes as its own exception.

Text that a person reading the document cannot see (white or tiny text in a PDF, text outside the
page, invisible render mode, a hidden layer; hidden or white runs in a DOCX) stays in
``Document.text``, so a report can show it, and its character ranges are listed in
``Document.hidden_spans`` with a ``hidden-text`` flag in ``Document.warnings``.
``Document.visible_text`` blanks those ranges out and keeps every offset.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import os
import re
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeAlias

from skillmatch._limits import Limits
from skillmatch.errors import (
    CorruptDocumentError,
    DocumentReadError,
    EmptyDocumentError,
    EncryptedDocumentError,
    LimitExceededError,
    SkillmatchError,
    UnsupportedFormatError,
)
from skillmatch.models import Flag

__all__ = [
    "BATCH_EXTENSIONS",
    "DOCUMENT_EXTENSIONS",
    "Document",
    "Limits",
    "ReadOutcome",
    "document_from_record",
    "iter_documents",
    "list_document_files",
    "read_document",
]

logger = logging.getLogger("skillmatch")

DOCUMENT_EXTENSIONS: tuple[str, ...] = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
"""File types :func:`read_document` reads, one document per file."""

BATCH_EXTENSIONS: tuple[str, ...] = (".jsonl", ".csv")
"""File types :func:`iter_documents` reads as many documents (one per line or row)."""

_TINY_FONT_PT = 4.0
_NEAR_WHITE = 0.95
_OUTSIDE_TOLERANCE_PT = 1.0
_RATIO_CHECK_FLOOR_BYTES = 1024 * 1024
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


# --------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------


def read_document(
    path: str | os.PathLike[str],
    *,
    limits: Limits | None = None,
    id: str | None = None,
) -> Document:
    """Read one file into a :class:`Document`, checking every limit on the way.

    ``id`` defaults to the path as given. The file type comes from the extension (see
    ``DOCUMENT_EXTENSIONS``); a file whose content is not what its extension says is refused.

    Raises ``UnsupportedFormatError``, ``EncryptedDocumentError``, ``EmptyDocumentError``,
    ``CorruptDocumentError`` (all ``DocumentReadError``) or ``LimitExceededError``.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "cv.txt"
    >>> _ = p.write_text("Built RAG pipelines with LangChain.", encoding="utf-8")
    >>> read_document(p).text
    'Built RAG pipelines with LangChain.'
    """
    limits = limits or Limits()
    name = os.fspath(path)
    p = Path(path)
    ext = p.suffix.lower()
    reader = _READERS.get(ext)
    if reader is None:
        if ext in BATCH_EXTENSIONS:
            raise UnsupportedFormatError(
                name, f"a {ext} file holds many texts; read it with iter_documents()"
            )
        raise UnsupportedFormatError(
            name,
            f"unsupported file type {ext or '(no extension)'!r}; supported: "
            f"{', '.join(DOCUMENT_EXTENSIONS)} (and {', '.join(BATCH_EXTENSIONS)} in a batch)",
        )
    data = _read_bytes(p, name, limits)
    text, hidden, warnings = reader(data, name, limits)
    return _make_document(id or name, text, name, None, hidden, warnings, limits)


def iter_documents(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    text_column: str = "text",
    id_column: str = "id",
    limits: Limits | None = None,
    recursive: bool = True,
) -> Iterator[ReadOutcome]:
    """Yield a :class:`Document` for every text in ``inputs``, or the error that stopped it.

    ``inputs`` are files, directories, ``.jsonl``/``.csv`` files (one text per line or row) and
    ``"-"`` for stdin (one text, or JSONL if it looks like JSONL). Directories expand to their
    document files (``DOCUMENT_EXTENSIONS``; not ``.jsonl``/``.csv``), sorted by path, skipping
    hidden files and Office lock files (``~$*``); ``recursive=False`` stays at the top level.

    Errors are yielded, never raised, as ``DocumentReadError`` or ``LimitExceededError``
    instances whose ``.path`` names the file or ``file.jsonl:line N``, so a batch goes on and can
    write an error row. Output follows input order. It is lazy: one file is read at a time.

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "b.txt").write_text("MLOps, Kubeflow", encoding="utf-8")
    >>> _ = (d / "a.txt").write_text("PyTorch, CUDA", encoding="utf-8")
    >>> [doc.text for doc in iter_documents(d)]
    ['PyTorch, CUDA', 'MLOps, Kubeflow']
    """
    limits = limits or Limits()
    items: Iterable[str | os.PathLike[str]] = (
        [inputs] if isinstance(inputs, (str, os.PathLike)) else inputs
    )
    for item in items:
        name = os.fspath(item)
        if name == "-":
            yield from _iter_stdin(text_column, id_column, limits)
            continue
        p = Path(item)
        if p.is_dir():
            files = _expand_dir(p, recursive)
            if not files:
                logger.warning("%s: no document files in this directory", name)
            for f in files:
                yield _read_or_error(f, limits)
        elif p.suffix.lower() == ".jsonl":
            yield from _iter_jsonl_file(p, name, text_column, id_column, limits)
        elif p.suffix.lower() == ".csv":
            yield from _iter_csv_file(p, name, text_column, id_column, limits)
        else:
            yield _read_or_error(p, limits)


# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------

_Reader = Callable[[bytes, str, Limits], "tuple[str, list[tuple[int, int, str]], list[Flag]]"]


def _read_bytes(p: Path, name: str, limits: Limits) -> bytes:
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise DocumentReadError(name, "is a directory; pass it to iter_documents() instead")
        limits.check("max_file_bytes", size, path=name, what="file size (bytes)")
        with p.open("rb") as fh:
            # Read one byte past the limit: a file that grew after stat() is still refused.
            data = fh.read(limits.max_file_bytes + 1)
    except SkillmatchError:
        raise
    except FileNotFoundError as exc:
        raise DocumentReadError(name, "no such file") from exc
    except OSError as exc:
        raise DocumentReadError(name, f"cannot open: {exc.strerror or exc}") from exc
    limits.check("max_file_bytes", len(data), path=name, what="file size (bytes)")
    if not data:
        raise EmptyDocumentError(name, "empty file (0 bytes)")
    return data


def _read_or_error(p: Path, limits: Limits) -> ReadOutcome:
    try:
        return read_document(p, limits=limits)
    except (DocumentReadError, LimitExceededError) as exc:
        return exc


def _make_document(
    doc_id: str,
    text: str,
    source: str,
    as_of: date | None,
    hidden: list[tuple[int, int, str]],
    warnings: list[Flag],
    limits: Limits,
) -> Document:
    limits.check("max_text_chars", len(text), path=source, what="text length (characters)")
    if not text.strip():
        raise EmptyDocumentError(source, "no text (only whitespace)")
    spans, flags = _hidden_flags(text, hidden)
    return Document(
        id=doc_id,
        text=text,
        source=source,
        as_of=as_of,
        hidden_spans=tuple(spans),
        warnings=tuple(warnings + flags),
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


class _TextBuilder:
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


def _short(exc: BaseException) -> str:
    msg = " ".join(str(exc).split())
    if len(msg) > 160:
        msg = msg[:157] + "..."
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def _sniff(data: bytes) -> str:
    """Name what the bytes look like, for 'not a PDF/DOCX' messages."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "it is a PDF; rename it to .pdf"
    if head.startswith(b"PK\x03\x04"):
        return "it is a zip archive (a DOCX?); rename it to .docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return "it is a password-protected Office file"
        return "it is an old Office file (.doc); save it as .docx"
    if head[:1].lower() == b"<" and b"html" in head[:256].lower():
        return "it is HTML; rename it to .html"
    return f"it starts with {data[:8]!r}"


# --------------------------------------------------------------------------------------------
# Plain text and HTML
# --------------------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def _decode(data: bytes, name: str) -> tuple[str, list[Flag]]:
    """Decode bytes to text: BOM, then UTF-8, then a charset-normalizer guess; refuse binary."""
    warnings: list[Flag] = []
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise CorruptDocumentError(
                    name,
                    f"starts with a {label} byte-order mark but byte {exc.start} is not valid "
                    f"{label}; save it again as UTF-8",
                ) from exc
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if b"\x00" in data:
                raise CorruptDocumentError(
                    name, f"binary data, not text (NUL byte at offset {data.index(0)})"
                ) from None
            text, encoding = _guess_decode(data, name)
            warnings.append(
                Flag(code="encoding-guessed", message=f"not UTF-8; decoded as {encoding}")
            )
    _refuse_binary(text, name)
    return text, warnings


def _guess_decode(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data).best()
    except Exception as exc:  # a library boundary: nothing from it escapes unnamed
        raise CorruptDocumentError(
            name, f"cannot detect the text encoding ({_short(exc)})"
        ) from exc
    if best is None:
        raise CorruptDocumentError(
            name, "not text: no text encoding fits these bytes; save it as UTF-8 text"
        )
    return str(best), best.encoding


def _refuse_binary(text: str, name: str) -> None:
    nul = text.find("\x00")
    if nul >= 0:
        raise CorruptDocumentError(name, f"binary data, not text (NUL character at {nul})")
    sample = text[:100_000]
    bad = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    if sample and bad / len(sample) > 0.01:
        raise CorruptDocumentError(
            name, f"binary data, not text ({bad} control characters in the first {len(sample)})"
        )


def _read_txt(data: bytes, name: str, limits: Limits) -> tuple[str, list[Any], list[Flag]]:
    if not data.strip():
        raise EmptyDocumentError(name, "no text (only whitespace)")
    if data.lstrip()[:5] == b"%PDF-":
        raise CorruptDocumentError(name, "not a text file: " + _sniff(data))
    if data.startswith(b"PK\x03\x04"):
        raise CorruptDocumentError(name, "not a text file: " + _sniff(data))
    text, warnings = _decode(data, name)
    return text.replace("\r\n", "\n").replace("\r", "\n"), [], warnings


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


def _read_html(data: bytes, name: str, limits: Limits) -> tuple[str, list[Any], list[Flag]]:
    """Read the visible text of an HTML page, one line per block; text hidden by inline styles,
    ``hidden`` attributes or white-on-white colours is kept and marked hidden.

    Styles from ``<style>`` sheets and classes are not applied.
    """
    from html.parser import HTMLParser

    raw, warnings = _decode(data, name)

    class _Parser(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            # (text, why hidden) pieces; "\n" alone ends a line.
            self.out: list[tuple[str, str]] = []
            self.skipping: list[str] = []
            self.in_title = False
            # Open elements: (tag, why the text inside is hidden, on a painted background).
            self.open: list[tuple[str, str, bool]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "title":
                self.in_title = True
            if tag in _HTML_SKIP:
                self.skipping.append(tag)
            if tag in _HTML_BLOCK:
                self.out.append(("\n", ""))
            if tag in _HTML_VOID:
                return
            for k in range(len(self.open) - 1, -1, -1):
                closes = _HTML_IMPLIED.get(self.open[k][0])
                if closes is None or tag not in closes:
                    break
                del self.open[k:]
            hidden, background = self.open[-1][1:] if self.open else ("", False)
            own, background = _html_hiding({k: v or "" for k, v in attrs}, background)
            self.open.append((tag, hidden or own, background))

        def handle_endtag(self, tag: str) -> None:
            if tag == "title":
                self.in_title = False
            if tag in _HTML_SKIP and tag in self.skipping:
                while self.skipping and self.skipping.pop() != tag:
                    pass
            if tag in _HTML_BLOCK:
                self.out.append(("\n", ""))
            for k in range(len(self.open) - 1, -1, -1):
                if self.open[k][0] == tag:
                    del self.open[k:]
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
        raise CorruptDocumentError(name, f"cannot be parsed as HTML ({_short(exc)})") from exc
    builder = _TextBuilder(name, limits)
    line: list[tuple[str, str]] = []
    for piece in [*parser.out, ("\n", "")]:
        if piece[0] != "\n":
            line.append(piece)
            continue
        _add_stripped_line(builder, line)
        builder.end_line()
        line = []
    return builder.text(), builder.hidden, warnings


def _add_stripped_line(builder: _TextBuilder, pieces: list[tuple[str, str]]) -> None:
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


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DTD_MARKERS = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


def _check_docx_archive(data: bytes, name: str, limits: Limits) -> None:
    """Refuse zip bombs and XML with a DTD before python-docx opens the archive."""
    if not data.startswith(b"PK\x03\x04"):
        sniffed = _sniff(data)
        if "password-protected" in sniffed:
            raise EncryptedDocumentError(
                name, "password-protected DOCX; remove the password in Word and save again"
            )
        raise CorruptDocumentError(name, f"not a DOCX (a DOCX is a zip archive; {sniffed})")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            limits.check(
                "max_docx_uncompressed_bytes",
                total,
                path=name,
                what="uncompressed size of the DOCX archive (bytes)",
            )
            if total > _RATIO_CHECK_FLOOR_BYTES:
                limits.check(
                    "max_docx_ratio",
                    round(total / len(data), 1),
                    path=name,
                    what="compression ratio of the DOCX archive",
                )
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise CorruptDocumentError(
                    name, "a zip archive without word/document.xml: not a Word document"
                )
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    part = zf.read(info)
                    if any(marker in part for marker in _DTD_MARKERS):
                        raise CorruptDocumentError(
                            name,
                            f"{info.filename} declares a DTD or XML entities, which Word never "
                            "writes; refused to guard against entity expansion",
                        )
    except SkillmatchError:
        raise
    except Exception as exc:  # zipfile, zlib: a library boundary
        raise CorruptDocumentError(name, f"damaged DOCX archive ({_short(exc)})") from exc


def _docx_run_hidden(r: Any) -> str:
    rpr = r.find(f"{_W}rPr")
    if rpr is None:
        return ""
    for tag in ("vanish", "specVanish", "webHidden"):
        el = rpr.find(f"{_W}{tag}")
        if el is not None and el.get(f"{_W}val", "true").lower() not in ("0", "false", "off"):
            return "hidden formatting"
    sz = rpr.find(f"{_W}sz")
    if sz is not None:
        try:
            if int(sz.get(f"{_W}val", "24")) < _TINY_FONT_PT * 2:  # half-points
                return "tiny font"
        except ValueError:
            pass
    color = rpr.find(f"{_W}color")
    if color is not None:
        val = (color.get(f"{_W}val") or "").lower()
        if re.fullmatch(r"[0-9a-f]{6}", val) and all(
            int(val[i : i + 2], 16) / 255 >= _NEAR_WHITE for i in (0, 2, 4)
        ):
            return "white text"
    return ""


def _docx_runs(p: Any, builder: _TextBuilder) -> None:
    """Add the runs of one paragraph, marking hidden ones."""
    for r in p.iter(f"{_W}r"):
        # Runs of a text box inside this paragraph belong to the text box's own paragraph.
        owner = next(r.iterancestors(f"{_W}p"), None)
        if owner is not p:
            continue
        if any(a.tag in (f"{_W}del", _MC_FALLBACK) for a in r.iterancestors()):
            continue
        text = "".join(
            str(e) for e in r.xpath("w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab")
        )
        builder.add(text, _docx_run_hidden(r))


def _has_text(el: Any) -> bool:
    return any((t.text or "").strip() for t in el.iter(f"{_W}t"))


def _is_simple_row(tr: Any) -> bool:
    """A row whose cells hold one line each ("Python | 6 years"), not a layout table."""
    if tr.find(f".//{_W}tbl") is not None:
        return False
    return all(sum(1 for p in tc.iter(f"{_W}p") if _has_text(p)) <= 1 for tc in tr.iter(f"{_W}tc"))


def _docx_paragraphs(root: Any, builder: _TextBuilder) -> None:
    """Add every paragraph under ``root`` in document order, one per line.

    A table row whose cells hold one line each becomes one line, cells joined by `` | ``.
    """
    done: set[Any] = set()
    for p in root.iter(f"{_W}p"):
        if p in done or any(a.tag == _MC_FALLBACK for a in p.iterancestors()):
            continue  # mc:Fallback is the VML copy of a text box already read from mc:Choice
        tr = next(p.iterancestors(f"{_W}tr"), None)
        if tr is not None and _is_simple_row(tr):
            first = True
            for cell_p in tr.iter(f"{_W}p"):
                done.add(cell_p)
                if _has_text(cell_p):
                    if not first:
                        builder.add(" | ")
                    _docx_runs(cell_p, builder)
                    first = False
        else:
            _docx_runs(p, builder)
        builder.end_line()


def _read_docx(data: bytes, name: str, limits: Limits) -> tuple[str, list[Any], list[Flag]]:
    _check_docx_archive(data, name, limits)
    builder = _TextBuilder(name, limits)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        parts = {
            rel.target_part.partname: rel.target_part
            for rel in document.part.rels.values()
            if not rel.is_external and rel.reltype.endswith(("/header", "/footer"))
        }
        headers = [parts[k] for k in sorted(parts) if "header" in str(k)]
        footers = [parts[k] for k in sorted(parts) if "footer" in str(k)]
        for part in headers:
            _docx_paragraphs(part.element, builder)
        _docx_paragraphs(document.element.body, builder)
        for part in footers:
            _docx_paragraphs(part.element, builder)
    except SkillmatchError:
        raise
    except Exception as exc:  # python-docx, lxml, zipfile: a library boundary
        raise CorruptDocumentError(name, f"cannot be read as DOCX ({_short(exc)})") from exc
    text = builder.text()
    if not text.strip():
        raise EmptyDocumentError(name, "no text in the DOCX (images only, or an empty document)")
    return text, builder.hidden, []


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------


def _pdf_precheck(data: bytes, name: str) -> tuple[int | None, bool]:
    """Return pypdf's page count (``None`` if pypdf cannot parse it) and whether it is encrypted.

    A password that is not empty raises ``EncryptedDocumentError``. pypdf failing is not final:
    pdfminer repairs some damage pypdf refuses (a truncated file, a broken trailer).
    """
    from pypdf import PasswordType, PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
        if encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise EncryptedDocumentError(
                name, "password-protected PDF; remove the password (or print to a new PDF) first"
            )
        return len(reader.pages), encrypted
    except SkillmatchError:
        raise
    except Exception as exc:  # pypdf: a library boundary; pdfminer gets its chance next
        logger.debug("%s: pypdf cannot parse it (%s); trying pdfminer", name, _short(exc))
        return None, False


def _make_aggregator(base: type, hidden_oc: frozenset[str]) -> Any:
    """Build a pdfplumber page device that records text render mode and hidden layers per char."""
    from pdfminer.psparser import PSLiteral

    class _Aggregator(base):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._render_mode = 0
            self._oc_stack: list[bool] = []

        def begin_tag(self, tag: Any, props: Any = None) -> None:
            super().begin_tag(tag, props)
            hidden = bool(self._oc_stack and self._oc_stack[-1])
            if getattr(tag, "name", None) == "OC" and isinstance(props, PSLiteral):
                hidden = hidden or _literal(props) in hidden_oc
            self._oc_stack.append(hidden)

        def end_tag(self) -> None:
            super().end_tag()
            if self._oc_stack:
                self._oc_stack.pop()

        def render_string(self, textstate: Any, *args: Any, **kwargs: Any) -> None:
            self._render_mode = getattr(textstate, "render", 0)
            super().render_string(textstate, *args, **kwargs)

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            adv: float = super().render_char(*args, **kwargs)
            obj = self.cur_item._objs[-1]
            obj.skillmatch_render_mode = self._render_mode
            obj.skillmatch_oc_hidden = bool(self._oc_stack and self._oc_stack[-1])
            return adv

    return _Aggregator


def _literal(value: Any) -> str:
    raw = getattr(value, "name", value)
    return raw.decode("latin-1") if isinstance(raw, bytes) else str(raw)


def _hidden_layer_names(pdf: Any, page: Any) -> frozenset[str]:
    """Names in the page's /Properties that point to optional content switched off by default."""
    from pdfminer.pdftypes import PDFObjRef, resolve1

    try:
        ocprops = resolve1(pdf.doc.catalog.get("OCProperties"))
        if not isinstance(ocprops, dict):
            return frozenset()
        default = resolve1(ocprops.get("D")) or {}
        off = resolve1(default.get("OFF")) or []
        off_ids = {ref.objid for ref in off if isinstance(ref, PDFObjRef)}
        props = resolve1(resolve1(page.page_obj.resources or {}).get("Properties")) or {}
        return frozenset(
            _literal(key)
            for key, ref in props.items()
            if isinstance(ref, PDFObjRef) and ref.objid in off_ids
        )
    except Exception:  # optional content is a best effort: a broken /OCProperties hides nothing
        logger.debug("cannot read optional content of %s", pdf, exc_info=True)
        return frozenset()


def _iter_chars(layout: Any) -> Iterator[Any]:
    from pdfminer.layout import LTChar, LTContainer

    for obj in layout:
        if isinstance(obj, LTChar):
            yield obj
        elif isinstance(obj, LTContainer):
            yield from _iter_chars(obj)


def _is_white(color: Any) -> bool:
    if not isinstance(color, (tuple, list)) or not color:
        return False
    if not all(isinstance(c, (int, float)) for c in color):
        return False
    if len(color) in (1, 3):
        return all(c >= _NEAR_WHITE for c in color)
    if len(color) == 4:  # CMYK: no ink at all
        return all(c <= 1 - _NEAR_WHITE for c in color)
    return False


def _char_hidden_reason(c: dict[str, Any], box: tuple[float, float, float, float]) -> str:
    if c.get("render_mode") in (3, 7):
        return "invisible render mode"
    if c.get("oc_hidden"):
        return "hidden layer"
    if c.get("size", 12) < _TINY_FONT_PT:
        return "tiny font"
    x0, top, x1, bottom = box
    cx = (c["x0"] + c["x1"]) / 2
    cy = (c["top"] + c["bottom"]) / 2
    tol = _OUTSIDE_TOLERANCE_PT
    if not (x0 - tol <= cx <= x1 + tol and top - tol <= cy <= bottom + tol):
        return "outside the page"
    if _is_white(c.get("non_stroking_color")):
        return "white text"
    return ""


def _page_chars(pdf: Any, page: Any) -> list[dict[str, Any]]:
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    device_cls = _make_aggregator(
        PDFPageAggregatorWithMarkedContent, _hidden_layer_names(pdf, page)
    )
    device = device_cls(pdf.rsrcmgr, pageno=page.page_number, laparams=pdf.laparams)
    PDFPageInterpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    chars = []
    for obj in _iter_chars(device.get_result()):
        c = page.process_object(obj)
        c["render_mode"] = getattr(obj, "skillmatch_render_mode", 0)
        c["oc_hidden"] = getattr(obj, "skillmatch_oc_hidden", False)
        chars.append(c)
    return chars


def _page_box(page: Any) -> tuple[float, float, float, float]:
    """The visible part of the page: the crop box inside the media box, top-based coordinates."""
    mx0, mtop, mx1, mbottom = page.mediabox
    cx0, ctop, cx1, cbottom = getattr(page, "cropbox", page.mediabox)
    return (max(mx0, cx0), max(mtop, ctop), min(mx1, cx1), min(mbottom, cbottom))


def _page_lines(chars: list[dict[str, Any]], box: tuple[float, float, float, float]) -> list[Any]:
    """Group a page's chars into lines of words; hidden and visible text never share a line."""
    from pdfplumber.utils import cluster_objects
    from pdfplumber.utils.text import WordExtractor

    for c in chars:
        c["hidden"] = _char_hidden_reason(c, box)
    words = WordExtractor(extra_attrs=["hidden"]).extract_words(chars)
    lines: list[tuple[float, bool, list[dict[str, Any]]]] = []
    for is_hidden in (False, True):
        group = [w for w in words if bool(w["hidden"]) is is_hidden]
        for cluster in cluster_objects(group, itemgetter("top"), 3):
            cluster.sort(key=itemgetter("x0"))
            lines.append((min(w["top"] for w in cluster), is_hidden, cluster))
    lines.sort(key=itemgetter(0, 1))
    return [line for _, _, line in lines]


def _count_pages_lazily(pdf: Any, name: str, limits: Limits) -> int:
    """Count pages with pdfminer without building more than ``max_pdf_pages + 1`` of them."""
    from pdfminer.pdfpage import PDFPage

    count = 0
    for _ in PDFPage.create_pages(pdf.doc):
        count += 1
        limits.check("max_pdf_pages", count, path=name, what="page count (at least)")
    return count


def _read_pdf(data: bytes, name: str, limits: Limits) -> tuple[str, list[Any], list[Flag]]:
    if b"%PDF-" not in data[:1024]:
        raise CorruptDocumentError(name, f"not a PDF (no %PDF header; {_sniff(data)})")
    n_pages, encrypted = _pdf_precheck(data, name)
    if n_pages is not None:
        limits.check("max_pdf_pages", n_pages, path=name, what="page count")
    builder = _TextBuilder(name, limits)
    n_chars = n_images = 0
    page_errors: list[tuple[int, Exception]] = []
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data), password="" if encrypted else None) as pdf:
            if n_pages is None:
                n_pages = _count_pages_lazily(pdf, name, limits)
            if n_pages == 0:
                raise EmptyDocumentError(name, "a PDF with no pages")
            for page_index, page in enumerate(pdf.pages):
                if page_index:
                    builder.end_line()
                    builder.end_line()
                try:
                    chars = _page_chars(pdf, page)
                    lines = _page_lines(chars, _page_box(page))
                    n_images += len(page.images)
                except Exception as exc:  # one damaged page must not lose the others
                    page_errors.append((page_index + 1, exc))
                    continue
                n_chars += len(chars)
                for line in lines:
                    for i, word in enumerate(line):
                        if i:
                            gap_hidden = word["hidden"] and line[i - 1]["hidden"]
                            builder.add(" ", word["hidden"] if gap_hidden else "")
                        builder.add(word["text"], word["hidden"])
                    builder.end_line()
    except SkillmatchError:
        raise
    except Exception as exc:  # pdfplumber, pdfminer: a library boundary
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise EncryptedDocumentError(
                name, f"password-protected or unreadable encryption ({_short(exc)})"
            ) from exc
        raise CorruptDocumentError(name, f"damaged PDF ({_short(exc)})") from exc
    warnings = [
        Flag(
            code="page-unreadable",
            message=f"page {number} is damaged and was skipped ({_short(error)})",
        )
        for number, error in page_errors
    ]
    text = builder.text()
    if page_errors and (not text.strip() or len(page_errors) == n_pages):
        first_page, first_error = page_errors[0]
        raise CorruptDocumentError(
            name, f"damaged PDF (page {first_page}: {_short(first_error)})"
        ) from first_error
    if not text.strip():
        if n_chars == 0:
            raise EmptyDocumentError(
                name,
                f"no text layer (scanned?): {n_pages} page(s)"
                + (f", {n_images} image(s)" if n_images else "")
                + " and no text; run OCR first (for example ocrmypdf)",
            )
        raise EmptyDocumentError(name, "no text in the PDF (only blank characters)")
    return text, builder.hidden, warnings


_READERS: dict[str, _Reader] = {
    ".txt": _read_txt,
    ".md": _read_txt,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
    ".html": _read_html,
    ".htm": _read_html,
}


# --------------------------------------------------------------------------------------------
# Batches: directories, JSONL, CSV, stdin
# --------------------------------------------------------------------------------------------


def list_document_files(directory: str | os.PathLike[str], *, recursive: bool = True) -> list[Path]:
    """Return the document files under ``directory`` in the order :func:`iter_documents` reads.

    Only ``DOCUMENT_EXTENSIONS``, sorted by relative path, skipping hidden files and directories
    and Office lock files (``~$*``). A batch runner uses this to hand paths, not texts, to workers.
    """
    return _expand_dir(Path(directory), recursive)


def _expand_dir(root: Path, recursive: bool) -> list[Path]:
    found: list[tuple[tuple[str, ...], Path]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")] if recursive else []
        for fname in filenames:
            if fname.startswith((".", "~$")):
                continue
            path = Path(dirpath) / fname
            if path.suffix.lower() in DOCUMENT_EXTENSIONS:
                found.append((path.relative_to(root).parts, path))
    found.sort(key=itemgetter(0))
    return [path for _, path in found]


def _parse_as_of(value: Any, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):  # pandas' Timestamp too
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise CorruptDocumentError(
            where, f"as_of {value!r} is not a date; write it as YYYY-MM-DD"
        ) from exc


def document_from_record(
    record: Any,
    *,
    where: str,
    text_column: str = "text",
    id_column: str = "id",
    limits: Limits | None = None,
) -> Document:
    """Return the document of one ``{"id", "text", "as_of"}`` record, checked as a file's is.

    ``where`` names the record in errors and is its id when it has none. Raises
    ``CorruptDocumentError`` (not an object, no text, a bad ``as_of``), ``EmptyDocumentError``
    (only whitespace) and ``LimitExceededError`` (text too long), like the JSONL reader.
    """
    return _record_to_document(record, where, text_column, id_column, limits or Limits())


def _record_to_document(
    record: Any, where: str, text_column: str, id_column: str, limits: Limits
) -> Document:
    if not isinstance(record, dict):
        raise CorruptDocumentError(
            where,
            f"expected a JSON object like {{{id_column!r}: ..., {text_column!r}: ...}}, "
            f"got {type(record).__name__}",
        )
    if text_column not in record:
        raise CorruptDocumentError(
            where,
            f"no {text_column!r} field (fields: {', '.join(map(str, record)) or 'none'}); "
            "choose the text field with text_column=",
        )
    text = record[text_column]
    if not isinstance(text, str):
        raise CorruptDocumentError(
            where, f"{text_column!r} must be a string, got {type(text).__name__}"
        )
    raw_id = record.get(id_column)
    doc_id = where if raw_id is None or raw_id == "" else str(raw_id)
    as_of = _parse_as_of(record.get("as_of"), where)
    return _make_document(doc_id, text, where, as_of, [], [], limits)


def _jsonl_line(
    raw: bytes, where: str, text_column: str, id_column: str, limits: Limits
) -> ReadOutcome:
    try:
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CorruptDocumentError(
                where, f"not UTF-8 (byte {exc.start}); JSONL must be UTF-8"
            ) from exc
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            raise CorruptDocumentError(where, f"not valid JSON ({_short(exc)})") from exc
        return _record_to_document(record, where, text_column, id_column, limits)
    except (DocumentReadError, LimitExceededError) as exc:
        return exc


def _iter_jsonl_lines(
    fh: Any, label: str, text_column: str, id_column: str, limits: Limits
) -> Iterator[ReadOutcome]:
    lineno = 0
    while True:
        raw = fh.readline(limits.max_file_bytes + 1)
        if not raw:
            return
        lineno += 1
        where = f"{label}:line {lineno}"
        if len(raw) > limits.max_file_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the over-long line
                raw = fh.readline(1024 * 1024)
            try:
                limits.check(
                    "max_file_bytes",
                    limits.max_file_bytes + 1,
                    path=where,
                    what="line size (bytes)",
                )
            except LimitExceededError as exc:
                yield exc
            continue
        if not raw.strip():
            continue
        yield _jsonl_line(raw, where, text_column, id_column, limits)


def _iter_jsonl_file(
    p: Path, name: str, text_column: str, id_column: str, limits: Limits
) -> Iterator[ReadOutcome]:
    try:
        fh = p.open("rb")
    except FileNotFoundError:
        yield DocumentReadError(name, "no such file")
        return
    except OSError as exc:
        yield DocumentReadError(name, f"cannot open: {exc.strerror or exc}")
        return
    with fh:
        yield from _iter_jsonl_lines(fh, name, text_column, id_column, limits)


def _csv_encoding(p: Path) -> str:
    with p.open("rb") as fh:
        sample = fh.read(1024 * 1024)
    try:
        sample.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:  # a character cut by the sample's end
            return "utf-8-sig"
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(sample).best()
    except Exception:  # a library boundary: fall back to a lossless single-byte codec
        best = None
    return best.encoding if best is not None else "cp1252"


def _iter_csv_file(
    p: Path, name: str, text_column: str, id_column: str, limits: Limits
) -> Iterator[ReadOutcome]:
    try:
        encoding = _csv_encoding(p)
        fh = p.open("r", encoding=encoding, errors="replace", newline="")
    except FileNotFoundError:
        yield DocumentReadError(name, "no such file")
        return
    except OSError as exc:
        yield DocumentReadError(name, f"cannot open: {exc.strerror or exc}")
        return
    # The csv module caps a field at 128 KiB by default; a long résumé is legitimately longer.
    if csv.field_size_limit() < limits.max_text_chars + 1:
        csv.field_size_limit(limits.max_text_chars + 1)
    with fh:
        reader = csv.DictReader(fh)
        try:
            columns = reader.fieldnames
        except csv.Error as exc:
            yield CorruptDocumentError(name, f"not a readable CSV ({_short(exc)})")
            return
        if not columns or text_column not in columns:
            yield CorruptDocumentError(
                name,
                f"no column {text_column!r} (columns: {', '.join(columns or []) or 'none'}); "
                "choose the text column with text_column=",
            )
            return
        row = 0
        while True:
            row += 1
            where = f"{name}:row {row}"
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield CorruptDocumentError(where, f"malformed CSV row ({_short(exc)})")
                continue
            if record.get(text_column) is None:
                record[text_column] = ""
            try:
                yield _record_to_document(record, where, text_column, id_column, limits)
            except (DocumentReadError, LimitExceededError) as exc:
                yield exc


def _iter_stdin(text_column: str, id_column: str, limits: Limits) -> Iterator[ReadOutcome]:
    stream = getattr(sys.stdin, "buffer", None)
    data: bytes
    if stream is not None:
        data = stream.read(limits.max_file_bytes + 1)
    else:  # a text-only stdin (some test harnesses and notebooks)
        data = sys.stdin.read(limits.max_file_bytes + 1).encode("utf-8")
    try:
        limits.check("max_file_bytes", len(data), path="stdin", what="input size (bytes)")
        if not data.strip():
            raise EmptyDocumentError("stdin", "no text on stdin")
    except (DocumentReadError, LimitExceededError) as exc:
        yield exc
        return
    if _looks_like_jsonl(data, text_column):
        yield from _iter_jsonl_lines(io.BytesIO(data), "stdin", text_column, id_column, limits)
        return
    try:
        text, _, warnings = _read_txt(data, "stdin", limits)
        yield _make_document("stdin", text, "stdin", None, [], warnings, limits)
    except (DocumentReadError, LimitExceededError) as exc:
        yield exc


def _looks_like_jsonl(data: bytes, text_column: str) -> bool:
    first = data.lstrip().split(b"\n", 1)[0].strip()
    if not first.startswith(b"{"):
        return False
    try:
        record = json.loads(first.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return False
    return isinstance(record, dict) and text_column in record
