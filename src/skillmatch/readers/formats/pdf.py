"""PDF: the text layer, line by line in reading order; text a reader cannot see is marked.

White or tiny text, text outside the page or its clipping path, text under a white box drawn
after it, the invisible render mode, layers switched off and fonts whose ToUnicode map names
other letters than their glyphs are hidden. Pages are read one at a time, within limits on
drawing operations, characters and inflated bytes (:mod:`.pdf_device`). pypdf checks the
page count and the password first; pdfplumber and pdfminer read the text.
A damaged page is skipped with a warning; the file fails only when no page can be read.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from datetime import date
from operator import itemgetter
from typing import Any

from skillmatch.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    SkillmatchError,
)
from skillmatch.limits import Limits
from skillmatch.models import Flag
from skillmatch.readers.document import TextBuilder, short_error
from skillmatch.readers.formats import TINY_FONT_PT, Extracted
from skillmatch.readers.formats.decoding import sniff
from skillmatch.readers.formats.pdf_device import (
    covered,
    inflate_budget,
    is_white,
    make_interpreter,
    page_device,
)

__all__ = ["read"]

logger = logging.getLogger("skillmatch")

_OUTSIDE_TOLERANCE_PT = 1.0


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
        logger.debug("%s: pypdf cannot parse it (%s); trying pdfminer", name, short_error(exc))
        return None, False


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


def _iter_layout(layout: Any) -> Iterator[Any]:
    from pdfminer.layout import LTContainer

    for obj in layout:
        yield obj
        if isinstance(obj, LTContainer):
            yield from _iter_layout(obj)


def _char_hidden_reason(c: dict[str, Any], box: tuple[float, float, float, float]) -> str:
    if c.get("render_mode") in (3, 7):
        return "invisible render mode"
    if c.get("oc_hidden"):
        return "hidden layer"
    if c.get("size", 12) < TINY_FONT_PT:
        return "tiny font"
    x0, top, x1, bottom = box
    cx = (c["x0"] + c["x1"]) / 2
    cy = (c["top"] + c["bottom"]) / 2
    tol = _OUTSIDE_TOLERANCE_PT
    if not (x0 - tol <= cx <= x1 + tol and top - tol <= cy <= bottom + tol):
        return "outside the page"
    if c.get("clipped"):
        return "clipped away"
    if c.get("covered"):
        return "covered by a shape"
    if is_white(c.get("non_stroking_color")):
        return "white text"
    if c.get("font_lies"):
        return "font shows other letters"
    return ""


def _page_chars(pdf: Any, page: Any, limits: Limits, name: str) -> tuple[list[dict[str, Any]], int]:
    """The page's chars as pdfplumber dicts, with why each is hidden, and its image count.

    The page is interpreted once by a device that keeps chars, not shapes, within the limits
    (:mod:`~skillmatch.readers.formats.pdf_device`); its layout is dropped on return.
    """
    from pdfminer.layout import LTChar, LTImage
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    device_cls = page_device(
        PDFPageAggregatorWithMarkedContent, _hidden_layer_names(pdf, page), limits, name
    )
    device = device_cls(pdf.rsrcmgr, pageno=page.page_number, laparams=pdf.laparams)
    make_interpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    objs = list(_iter_layout(device.get_result()))
    raw = [o for o in objs if isinstance(o, LTChar)]
    covered(raw, device.drawing.fills)
    chars = []
    for obj in raw:
        c = page.process_object(obj)
        c["render_mode"] = getattr(obj, "skillmatch_render_mode", 0)
        c["oc_hidden"] = getattr(obj, "skillmatch_oc_hidden", False)
        c["clipped"] = getattr(obj, "skillmatch_clipped", False)
        c["covered"] = getattr(obj, "skillmatch_covered", False)
        c["font_lies"] = getattr(obj, "skillmatch_font_lies", False)
        chars.append(c)
    return chars, sum(isinstance(o, LTImage) for o in objs)


def _page_box(page: Any) -> tuple[float, float, float, float]:
    """The visible part of the page: the crop box inside the media box, top-based coordinates."""
    mx0, mtop, mx1, mbottom = page.mediabox
    cx0, ctop, cx1, cbottom = getattr(page, "cropbox", page.mediabox)
    return (max(mx0, cx0), max(mtop, ctop), min(mx1, cx1), min(mbottom, cbottom))


def _page_lines(chars: list[dict[str, Any]], box: tuple[float, float, float, float]) -> list[Any]:
    """Group a page's chars into lines of words in reading order; hidden and visible text never
    share a line.

    A page laid out in two columns (a sidebar beside the main column) is read one column at a
    time, top to bottom (:func:`_gutter`); a line that crosses the gutter (a heading over both)
    closes the columns above it.
    """
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
    ordered = [line for _, _, line in lines]
    gutter = _gutter([line for line in ordered if not line[0]["hidden"]], box)
    return ordered if gutter is None else _by_columns(ordered, gutter)


_GUTTER_MIN_PT = 12.0
_COLUMN_MIN_LINES = 4
_ALIGNED_SHARE = 0.9


def _gutter(
    lines: list[list[dict[str, Any]]], box: tuple[float, float, float, float]
) -> float | None:
    """The x of the blank band between two columns of a page, or None for one column.

    A band at least 12 points wide, in the middle three fifths of the page, that no word of
    most lines crosses, with words of at least four lines on each side. Two sides whose lines
    nearly all stand side by side are the cells of a table ("Python  6 years"): read row by
    row.
    """
    x0, _, x1, _ = box
    width = int(x1 - x0)
    if width <= 0 or len(lines) < _COLUMN_MIN_LINES:
        return None
    crossing = [0] * (width + 1)
    for line in lines:
        for w in line:
            for x in range(max(0, int(w["x0"] - x0)), min(width, int(w["x1"] - x0)) + 1):
                crossing[x] += 1
    allowed = max(1, len(lines) // 20)  # a heading or two may run over both columns
    best = (0, -1)
    run_start = -1
    for x in range(width // 5, width * 4 // 5 + 1):
        if crossing[x] > allowed:
            run_start = -1
            continue
        run_start = x if run_start < 0 else run_start
        if x - run_start > best[1] - best[0]:
            best = (run_start, x)
    if best[1] - best[0] + 1 < _GUTTER_MIN_PT:
        return None
    gutter = x0 + (best[0] + best[1]) / 2
    left = sum(1 for ln in lines if any(w["x1"] <= gutter for w in ln))
    right = sum(1 for ln in lines if any(w["x0"] >= gutter for w in ln))
    both = sum(
        1
        for ln in lines
        if any(w["x1"] <= gutter for w in ln) and any(w["x0"] >= gutter for w in ln)
    )
    if left < _COLUMN_MIN_LINES or right < _COLUMN_MIN_LINES:
        return None
    if both >= _ALIGNED_SHARE * left and both >= _ALIGNED_SHARE * right:
        return None
    return gutter


def _by_columns(lines: list[list[dict[str, Any]]], gutter: float) -> list[list[dict[str, Any]]]:
    """Read lines column by column: each line is split at the gutter into its left and right
    words; a visible line with a word across the gutter ends a band of columns."""
    out: list[list[dict[str, Any]]] = []
    left: list[list[dict[str, Any]]] = []
    right: list[list[dict[str, Any]]] = []
    for line in lines:
        if not line[0]["hidden"] and any(w["x0"] < gutter < w["x1"] for w in line):
            out += left + right
            left, right = [], []
            out.append(line)
            continue
        west = [w for w in line if w["x1"] <= gutter]
        east = [w for w in line if w["x0"] >= gutter]
        if west:
            left.append(west)
        if east:
            right.append(east)
    return out + left + right


_PDF_DATE = re.compile(r"^\s*(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def _pdf_date(value: Any) -> date | None:
    """Read a PDF date ("D:20240901120000+02'00'") as a day; None when it is no date."""
    raw = getattr(value, "name", value)
    if isinstance(raw, bytes):
        raw = raw.decode("latin-1", "replace")
    m = _PDF_DATE.match(raw) if isinstance(raw, str) else None
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def _metadata_date(pdf: Any) -> tuple[date | None, str]:
    """The day the PDF says it was last saved (ModDate, else CreationDate), and which it is."""
    try:
        info = pdf.metadata or {}
    except Exception:  # metadata is a best effort: a broken /Info dict dates nothing
        return None, ""
    for key in ("ModDate", "CreationDate"):
        day = _pdf_date(info.get(key))
        if day is not None:
            return day, f"metadata (PDF {key})"
    return None, ""


def _iter_pages(pdf: Any) -> Iterator[Any]:
    """The pages of a pdfplumber PDF one at a time: ``pdf.pages`` would build them all."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), 1):
        yield Page(pdf, page_obj, page_number=number, initial_doctop=0)


def _count_pages_lazily(pdf: Any, name: str, limits: Limits) -> int:
    """Count pages with pdfminer without building more than ``max_pdf_pages + 1`` of them."""
    from pdfminer.pdfpage import PDFPage

    count = 0
    for _ in PDFPage.create_pages(pdf.doc):
        count += 1
        limits.check("max_pdf_pages", count, path=name, what="page count (at least)")
    return count


def read(data: bytes, name: str, limits: Limits) -> Extracted:
    """Read a PDF's text layer, line by line in reading order; marks what a reader cannot see."""
    if b"%PDF-" not in data[:1024]:
        raise CorruptDocumentError(name, f"not a PDF (no %PDF header; {sniff(data)})")
    n_pages, encrypted = _pdf_precheck(data, name)
    if n_pages is not None:
        limits.check("max_pdf_pages", n_pages, path=name, what="page count")
    builder = TextBuilder(name, limits)
    n_chars = n_images = 0
    page_errors: list[tuple[int, Exception]] = []
    import pdfplumber

    try:
        with (
            inflate_budget(limits, name),
            pdfplumber.open(io.BytesIO(data), password="" if encrypted else None) as pdf,
        ):
            if n_pages is None:
                n_pages = _count_pages_lazily(pdf, name, limits)
            if n_pages == 0:
                raise EmptyDocumentError(name, "a PDF with no pages")
            as_of, as_of_source = _metadata_date(pdf)
            for page_index, page in enumerate(_iter_pages(pdf)):
                if page_index:
                    builder.end_line()
                    builder.end_line()
                try:
                    chars, images = _page_chars(pdf, page, limits, name)
                    lines = _page_lines(chars, _page_box(page))
                except SkillmatchError:
                    raise  # a limit is not damage: the file fails
                except Exception as exc:  # one damaged page must not lose the others
                    page_errors.append((page_index + 1, exc))
                    continue
                finally:
                    page.close()  # its cached objects go before the next page is read
                n_images += images
                n_chars += len(chars)
                del chars
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
                name, f"password-protected or unreadable encryption ({short_error(exc)})"
            ) from exc
        raise CorruptDocumentError(name, f"damaged PDF ({short_error(exc)})") from exc
    warnings = [
        Flag(
            code="page-unreadable",
            message=f"page {number} is damaged and was skipped ({short_error(error)})",
        )
        for number, error in page_errors
    ]
    text = builder.text()
    if page_errors and (not text.strip() or len(page_errors) == n_pages):
        first_page, first_error = page_errors[0]
        raise CorruptDocumentError(
            name, f"damaged PDF (page {first_page}: {short_error(first_error)})"
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
    return Extracted(text, builder.hidden, warnings, as_of, as_of_source or "given")
