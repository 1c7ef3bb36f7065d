"""DOCX: headers, body and footers in order, one paragraph per line; hidden runs are marked.

The archive is checked before python-docx opens it: its uncompressed size and compression ratio
against the limits (zip-bomb guard), and every XML part for a DTD or entities (entity expansion).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import Any

from skillmatch.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    SkillmatchError,
)
from skillmatch.limits import Limits
from skillmatch.readers.document import TextBuilder, short_error
from skillmatch.readers.formats import NEAR_WHITE, TINY_FONT_PT, Extracted
from skillmatch.readers.formats.decoding import sniff

__all__ = ["read"]

_RATIO_CHECK_FLOOR_BYTES = 1024 * 1024
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
        sniffed = sniff(data)
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
        raise CorruptDocumentError(name, f"damaged DOCX archive ({short_error(exc)})") from exc


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
            if int(sz.get(f"{_W}val", "24")) < TINY_FONT_PT * 2:  # half-points
                return "tiny font"
        except ValueError:
            pass
    color = rpr.find(f"{_W}color")
    if color is not None:
        val = (color.get(f"{_W}val") or "").lower()
        if re.fullmatch(r"[0-9a-f]{6}", val) and all(
            int(val[i : i + 2], 16) / 255 >= NEAR_WHITE for i in (0, 2, 4)
        ):
            return "white text"
    return ""


_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_EMU_PER_TWIP = 635
_LETTER_TWIPS = (12240, 15840)  # a page without a size of its own: US Letter
_VML_OFFSET = re.compile(r"(?:^|;)\s*(?:margin-)?(left|top)\s*:\s*(-?[\d.]+)(pt|in|px)?", re.I)
_VML_PT = {"pt": 1.0, "in": 72.0, "px": 0.75, None: 1.0}
_EMU_PER_PT = 12700
_INCH = 914400  # EMU: the size assumed for a box whose size is not given


def page_size(body: Any) -> tuple[int, int]:
    """The page's width and height in EMU, from the body's section properties."""
    size = body.find(f"{_W}sectPr/{_W}pgSz")
    try:
        width = int(size.get(f"{_W}w")) if size is not None else _LETTER_TWIPS[0]
        height = int(size.get(f"{_W}h")) if size is not None else _LETTER_TWIPS[1]
    except (TypeError, ValueError):
        width, height = _LETTER_TWIPS
    return width * _EMU_PER_TWIP, height * _EMU_PER_TWIP


def _outside(x: float, y: float, w: float, h: float, page: tuple[int, int]) -> bool:
    """Whether a box at ``x, y`` (its size ``w, h``) lies wholly off a page, in EMU. The
    offsets count from the page or its margin: a box off by less than its size is on it."""
    return x + w <= 0 or y + h <= 0 or x >= page[0] or y >= page[1]


def _off_page(p: Any, page: tuple[int, int]) -> str:
    """Why paragraph ``p`` is off the page ("" when it is not): a text box anchored off it
    (DrawingML or VML), or a frame positioned off it."""
    for a in p.iterancestors():
        if a.tag == f"{_WP}anchor":
            offsets = []
            for axis in ("positionH", "positionV"):
                offset = a.find(f"{_WP}{axis}/{_WP}posOffset")
                offsets.append(int(offset.text) if offset is not None and offset.text else 0)
            extent = a.find(f"{_WP}extent")
            w = int(extent.get("cx", "0")) if extent is not None else 0
            h = int(extent.get("cy", "0")) if extent is not None else 0
            if _outside(offsets[0], offsets[1], w, h, page):
                return "outside the page"
        elif a.tag.endswith("}shape") and a.get("style"):  # VML: style="margin-left:-900pt"
            pt = {"left": 0.0, "top": 0.0}
            for side, value, unit in _VML_OFFSET.findall(a.get("style")):
                pt[side.lower()] = float(value) * _VML_PT[unit.lower() or None]
            if _outside(pt["left"] * _EMU_PER_PT, pt["top"] * _EMU_PER_PT, _INCH, _INCH, page):
                return "outside the page"
    frame = p.find(f"{_W}pPr/{_W}framePr")
    if frame is not None:
        try:
            x = int(frame.get(f"{_W}x", "0")) * _EMU_PER_TWIP
            y = int(frame.get(f"{_W}y", "0")) * _EMU_PER_TWIP
        except ValueError:
            return ""
        if _outside(x, y, _INCH, _INCH, page):
            return "outside the page"
    return ""


def _docx_runs(p: Any, builder: TextBuilder, off_page: str = "") -> None:
    """Add the runs of one paragraph, marking hidden ones (all of them when ``off_page``)."""
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
        builder.add(text, off_page or _docx_run_hidden(r))


def _has_text(el: Any) -> bool:
    return any((t.text or "").strip() for t in el.iter(f"{_W}t"))


def _is_simple_row(tr: Any) -> bool:
    """A row whose cells hold one line each ("Python | 6 years"), not a layout table."""
    if tr.find(f".//{_W}tbl") is not None:
        return False
    return all(sum(1 for p in tc.iter(f"{_W}p") if _has_text(p)) <= 1 for tc in tr.iter(f"{_W}tc"))


def _docx_paragraphs(root: Any, builder: TextBuilder, page: tuple[int, int]) -> None:
    """Add every paragraph under ``root`` in document order, one per line.

    A table row whose cells hold one line each becomes one line, cells joined by `` | ``.
    Paragraphs of text boxes or frames placed off the page (of ``page`` size, EMU) are hidden.
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
                    _docx_runs(cell_p, builder, _off_page(cell_p, page))
                    first = False
        else:
            _docx_runs(p, builder, _off_page(p, page))
        builder.end_line()


def _core_date(document: Any) -> tuple[date | None, str]:
    """The day the DOCX says it was last saved (core properties: modified, else created)."""
    try:
        props = document.core_properties
        for key in ("modified", "created"):
            value = getattr(props, key)
            if isinstance(value, datetime):
                return value.date(), f"metadata (DOCX {key})"
    except Exception:  # core properties are a best effort: a broken docProps dates nothing
        pass
    return None, "given"


def read(data: bytes, name: str, limits: Limits) -> Extracted:
    """Read a DOCX: headers, body and footers, one paragraph per line; hidden runs are marked."""
    _check_docx_archive(data, name, limits)
    builder = TextBuilder(name, limits)
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
        page = page_size(document.element.body)
        for part in headers:
            _docx_paragraphs(part.element, builder, page)
        _docx_paragraphs(document.element.body, builder, page)
        for part in footers:
            _docx_paragraphs(part.element, builder, page)
        as_of, as_of_source = _core_date(document)
    except SkillmatchError:
        raise
    except Exception as exc:  # python-docx, lxml, zipfile: a library boundary
        raise CorruptDocumentError(name, f"cannot be read as DOCX ({short_error(exc)})") from exc
    text = builder.text()
    if not text.strip():
        raise EmptyDocumentError(name, "no text in the DOCX (images only, or an empty document)")
    return Extracted(text, builder.hidden, [], as_of, as_of_source)
