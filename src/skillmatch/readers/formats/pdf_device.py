"""What one PDF page draws, read with bounded memory: its characters, and why some are hidden.

pdfminer's page device keeps an object per drawing operation (a 4 KB file of a million
rectangles took 3.5 GB) and inflates streams whole. The device here keeps characters only, and
of the shapes only the filled background-coloured ones (a box painted over text hides it); it
counts drawing operations and characters against the limits, and a read's inflated bytes are
counted too (:func:`inflate_budget`). It also sees what pdfminer does not track: the clipping
path (text drawn outside it is cut away) and a font whose ToUnicode map names other letters
than its glyphs show (the text a reader sees is not the text extracted).
"""

from __future__ import annotations

import bisect
import contextlib
import threading
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from skillmatch.limits import Limits
from skillmatch.readers.formats import NEAR_WHITE

__all__ = ["PageDrawing", "inflate_budget", "is_white", "make_interpreter", "page_device"]

_MAX_FILLS = 2_000  # background-coloured fills kept per page (each may cover text)
_PAINT_OPS = ("h", "S", "s", "f", "F", "f_a", "B", "B_a", "b", "b_a", "n")


def is_white(color: Any) -> bool:
    """Whether a pdfminer colour (gray, RGB or CMYK components) is white: paper colour."""
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not color:
        return False
    if not all(isinstance(c, (int, float)) for c in color):
        return False
    if len(color) in (1, 3):
        return all(c >= NEAR_WHITE for c in color)
    if len(color) == 4:  # CMYK: no ink at all
        return all(c <= 1 - NEAR_WHITE for c in color)
    return False


# --------------------------------------------------------------------------------------------
# Inflated bytes: pdfminer inflates each stream whole, so a small file can claim gigabytes


class _Budget:
    def __init__(self, limits: Limits, name: str) -> None:
        self.left = limits.max_pdf_inflated_bytes
        self.limits = limits
        self.name = name

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            maximum = self.limits.max_pdf_inflated_bytes
            self.limits.check(
                "max_pdf_inflated_bytes",
                maximum - self.left,
                path=self.name,
                what="bytes of decompressed streams (at least)",
            )


class _Inflater:
    """``zlib`` as pdfminer sees it: the same, except that while a read holds a budget
    (:func:`inflate_budget`, per thread) inflating stops where the budget ends."""

    error = zlib.error

    def __init__(self) -> None:
        self.local = threading.local()

    def decompress(self, data: bytes, *args: Any) -> bytes:
        budget: _Budget | None = getattr(self.local, "budget", None)
        if budget is None:
            return zlib.decompress(data, *args)
        inflater = zlib.decompressobj(*args[:1])
        out = inflater.decompress(data, max(budget.left, 0) + 1)
        budget.spend(len(out))
        if not inflater.eof:  # as zlib.decompress does, so pdfminer tries its repair
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def decompressobj(self, *args: Any, **kwargs: Any) -> Any:
        inflater = zlib.decompressobj(*args, **kwargs)
        budget: _Budget | None = getattr(self.local, "budget", None)
        return inflater if budget is None else _CountedInflater(inflater, budget)


@dataclass
class _CountedInflater:
    inflater: Any
    budget: _Budget

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out: bytes = self.inflater.decompress(data, max_length)
        self.budget.spend(len(out))
        return out

    def flush(self, *args: Any) -> bytes:
        out: bytes = self.inflater.flush(*args)
        self.budget.spend(len(out))
        return out


_INFLATER = _Inflater()
_installed = threading.Lock()


@contextlib.contextmanager
def inflate_budget(limits: Limits, name: str) -> Iterator[None]:
    """Count the bytes pdfminer inflates in this thread against ``max_pdf_inflated_bytes``."""
    import pdfminer.pdftypes

    with _installed:
        if pdfminer.pdftypes.zlib is not _INFLATER:
            pdfminer.pdftypes.zlib = _INFLATER  # type: ignore[assignment]
    _INFLATER.local.budget = _Budget(limits, name)
    try:
        yield
    finally:
        _INFLATER.local.budget = None


# --------------------------------------------------------------------------------------------
# The page device and interpreter


@dataclass
class PageDrawing:
    """What a page drew that the text needs: white fills (paint order, bounding box)."""

    fills: list[tuple[int, tuple[float, float, float, float]]] = field(default_factory=list)
    ops: int = 0
    chars: int = 0


def _bbox(path: list[Any], ctm: Any) -> tuple[float, float, float, float] | None:
    from pdfminer.utils import apply_matrix_pt

    points = [
        apply_matrix_pt(ctm, (seg[i], seg[i + 1]))
        for seg in path
        for i in range(1, len(seg) - 1, 2)
        if isinstance(seg[i], (int, float)) and isinstance(seg[i + 1], (int, float))
    ]
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _alnum(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def font_disagrees(font: Any, cid: int) -> bool:
    """Whether a font's ToUnicode map gives other letters for ``cid`` than the glyph its
    encoding names (detectable only for fonts with a named encoding)."""
    umap = getattr(font, "unicode_map", None)
    glyphs = getattr(font, "cid2unicode", None)
    if umap is None or not glyphs or cid not in glyphs:
        return False
    try:
        mapped = umap.get_unichr(cid)
    except KeyError:
        return False
    return _alnum(mapped) != _alnum(glyphs[cid])


def page_device(base: type, hidden_oc: frozenset[str], limits: Limits, name: str) -> type:
    """Build the page device class: pdfplumber's ``base`` aggregator that records, per char,
    the render mode, hidden layers, clipping, paint order and a lying font, and keeps no shape
    but white fills."""
    from pdfminer.psparser import PSLiteral

    def literal(value: Any) -> str:
        raw = getattr(value, "name", value)
        return raw.decode("latin-1") if isinstance(raw, bytes) else str(raw)

    class _Device(base):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._render_mode = 0
            self._oc_stack: list[bool] = []
            self.clip: tuple[float, float, float, float] | None = None
            self._clips: list[tuple[float, float, float, float] | None] = []
            self.drawing = PageDrawing()

        # -- limits
        def count_op(self) -> None:
            self.drawing.ops += 1
            if self.drawing.ops > limits.max_pdf_drawing_ops:
                _over(limits, "max_pdf_drawing_ops", self.drawing.ops, name, "drawing operations")

        # -- clipping, saved and restored with the graphics state
        def push_clip(self) -> None:
            self._clips.append(self.clip)

        def pop_clip(self) -> None:
            if self._clips:
                self.clip = self._clips.pop()

        def clip_to(self, path: list[Any], ctm: Any) -> None:
            box = _bbox(path, ctm)
            if box is None:
                return
            if self.clip is not None:
                box = (
                    max(box[0], self.clip[0]),
                    max(box[1], self.clip[1]),
                    min(box[2], self.clip[2]),
                    min(box[3], self.clip[3]),
                )
            self.clip = box

        # -- shapes: none kept but white fills, which may cover text drawn before them
        def paint_path(
            self, gstate: Any, stroke: bool, fill: bool, evenodd: bool, path: Any
        ) -> None:
            if fill and len(self.drawing.fills) < _MAX_FILLS and is_white(gstate.ncolor):
                box = _bbox(path, self.ctm)
                if box is not None:
                    self.drawing.fills.append((self.drawing.chars, box))

        # -- marked content (optional content layers switched off)
        def begin_tag(self, tag: Any, props: Any = None) -> None:
            super().begin_tag(tag, props)
            hidden = bool(self._oc_stack and self._oc_stack[-1])
            if getattr(tag, "name", None) == "OC" and isinstance(props, PSLiteral):
                hidden = hidden or literal(props) in hidden_oc
            self._oc_stack.append(hidden)

        def end_tag(self) -> None:
            super().end_tag()
            if self._oc_stack:
                self._oc_stack.pop()

        def render_string(self, textstate: Any, *args: Any, **kwargs: Any) -> None:
            self._render_mode = getattr(textstate, "render", 0)
            super().render_string(textstate, *args, **kwargs)

        def render_char(self, matrix: Any, font: Any, *args: Any, **kwargs: Any) -> float:
            adv: float = super().render_char(matrix, font, *args, **kwargs)
            self.drawing.chars += 1
            if self.drawing.chars > limits.max_text_chars:
                _over(limits, "max_text_chars", self.drawing.chars, name, "characters drawn")
            obj = self.cur_item._objs[-1]
            obj.skillmatch_render_mode = self._render_mode
            obj.skillmatch_oc_hidden = bool(self._oc_stack and self._oc_stack[-1])
            obj.skillmatch_seq = self.drawing.chars
            cid = args[3] if len(args) > 3 else kwargs.get("cid")
            obj.skillmatch_font_lies = isinstance(cid, int) and font_disagrees(font, cid)
            clip = self.clip
            cx, cy = (obj.x0 + obj.x1) / 2, (obj.y0 + obj.y1) / 2
            obj.skillmatch_clipped = clip is not None and not (
                clip[0] - 1 <= cx <= clip[2] + 1 and clip[1] - 1 <= cy <= clip[3] + 1
            )
            return adv

    return _Device


def _over(limits: Limits, limit: str, count: int, name: str, what: str) -> None:
    limits.check(limit, count, path=name, what=f"{what} on one page (at least)")


def make_interpreter(rsrcmgr: Any, device: Any) -> Any:
    """A pdfminer page interpreter that counts drawing operations on ``device`` and tells it
    the clipping path and graphics-state saves (pdfminer ignores clipping)."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    return _interpreter_class(PDFPageInterpreter)(rsrcmgr, device)


_INTERPRETER: list[type] = []


def _interpreter_class(base: Any) -> type:
    if _INTERPRETER:
        return _INTERPRETER[0]

    # pdfminer pops as many operands as a do_ method's signature names, so each counted
    # operator keeps its own.
    class _Interpreter(base):
        def do_m(self, x: Any, y: Any) -> None:
            self.device.count_op()
            base.do_m(self, x, y)

        def do_l(self, x: Any, y: Any) -> None:
            self.device.count_op()
            base.do_l(self, x, y)

        def do_c(self, x1: Any, y1: Any, x2: Any, y2: Any, x3: Any, y3: Any) -> None:
            self.device.count_op()
            base.do_c(self, x1, y1, x2, y2, x3, y3)

        def do_v(self, x2: Any, y2: Any, x3: Any, y3: Any) -> None:
            self.device.count_op()
            base.do_v(self, x2, y2, x3, y3)

        def do_y(self, x1: Any, y1: Any, x3: Any, y3: Any) -> None:
            self.device.count_op()
            base.do_y(self, x1, y1, x3, y3)

        def do_re(self, x: Any, y: Any, w: Any, h: Any) -> None:
            self.device.count_op()
            base.do_re(self, x, y, w, h)

        def do_sh(self, name: Any) -> None:
            self.device.count_op()
            base.do_sh(self, name)

        def do_q(self) -> None:
            base.do_q(self)
            self.device.push_clip()

        def do_Q(self) -> None:
            base.do_Q(self)
            self.device.pop_clip()

        def do_W(self) -> None:
            self.device.clip_to(self.curpath, self.ctm)

        def do_W_a(self) -> None:
            self.device.clip_to(self.curpath, self.ctm)

        def do_Do(self, xobjid: Any) -> None:
            self.device.count_op()
            self.device.push_clip()
            try:
                base.do_Do(self, xobjid)
            finally:
                self.device.pop_clip()

    def painted(op: str) -> Any:
        original = getattr(base, f"do_{op}")

        def do(self: Any) -> None:
            self.device.count_op()
            original(self)

        return do

    for op in _PAINT_OPS:
        setattr(_Interpreter, f"do_{op}", painted(op))
    _INTERPRETER.append(_Interpreter)
    return _Interpreter


def covered(chars: list[Any], fills: list[tuple[int, tuple[float, float, float, float]]]) -> None:
    """Mark the pdfminer chars (``skillmatch_covered``) that a white fill painted after them
    covers. Chars are found by their x centre (bisection), so this is not chars x fills."""
    for obj in chars:
        obj.skillmatch_covered = False
    if not fills or not chars:
        return
    order = sorted(chars, key=lambda o: (o.x0 + o.x1) / 2)
    xs = [(o.x0 + o.x1) / 2 for o in order]
    for painted_after, (x0, y0, x1, y1) in fills:
        for obj in order[bisect.bisect_left(xs, x0) : bisect.bisect_right(xs, x1)]:
            cy = (obj.y0 + obj.y1) / 2
            if y0 <= cy <= y1 and obj.skillmatch_seq <= painted_after:
                obj.skillmatch_covered = True
