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
from collections.abc import Iterator
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
    return Extracted(text, builder.hidden, warnings)
