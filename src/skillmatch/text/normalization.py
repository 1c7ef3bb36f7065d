"""Text normalization that keeps offsets into the original text.

PDF extraction and word processors leave ligatures (``ﬁ``), soft hyphens, words broken across
lines (``Kuber-\\nnetes``), non-breaking and zero-width spaces and odd bullets in résumés. They are
cleaned here, and every position of the cleaned text maps back to the original, so that evidence
always points at the words the user wrote.

>>> n = normalize("Kuber-\\nnetes and ﬁne-tuning")
>>> n.text
'Kuber-netes and fine-tuning'
>>> n.span_to_original(16, 27)
(17, 27)
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["NormalizedText", "normalize"]

_ZERO_WIDTH = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SPACES = "\u00a0\u2007\u202f\u2002\u2003\u2009\u200a\u3000"
_BULLETS = "•◦▪▫‣⁃∙●○■□►▸▹▶➢➤✓✔❖◆◇"
_DASHES = "‐‑‒–—―−"

# A char that may need work, a run of them, or a hyphen that ends a line inside a word. Chars
# that never change are left out: Latin-1 letters, and the bullet and dash that others become.
# The lookahead names every char that can start a match (not plain printable ASCII, or "-"): it
# lets the regex skip ordinary text without trying each alternative at each position.
_STABLE = "\u00c0-\u00ff•–"
_FIX = re.compile(
    rf"(?=[^\t\n\r\x20-\x2c\x2e-\x7e{_STABLE}])"
    rf"(?:[^\x00-\x7f{_STABLE}]+"
    r"|(?<=[A-Za-z])-[ \t]*\r?\n[ \t]*(?=[A-Za-z])"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+)"
)


@lru_cache(maxsize=4096)
def _fix_char(ch: str) -> str:
    if ch in _ZERO_WIDTH:
        return ""
    if ch in _SPACES:
        return " "
    if ch in _BULLETS:
        return "•"
    if ch in _DASHES:
        return "-" if ch in "‐‑" else "–"
    if "\ud800" <= ch <= "\udfff":  # a lone surrogate cannot be encoded or matched
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    # NFKC may turn one char into several (ligatures) or into combining marks; keep it simple.
    return folded if folded else ch


def _fix(piece: str) -> str:
    if piece[0] == "-":  # a word broken across lines: keep the hyphen, drop the break
        return "-"
    if piece[0] < "\x20" or piece[0] == "\x7f":
        return " " * len(piece)
    return "".join(_fix_char(ch) for ch in piece)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A cleaned text and the map from its positions back to the original.

    ``_norm_starts[i]`` / ``_orig_starts[i]`` are the starts of the i-th changed piece in the
    cleaned and original texts; between pieces, positions shift by a constant.
    """

    original: str
    text: str
    _norm_starts: tuple[int, ...] = ()
    _norm_ends: tuple[int, ...] = ()
    _orig_starts: tuple[int, ...] = ()
    _orig_ends: tuple[int, ...] = ()

    def to_original(self, pos: int, *, is_end: bool = False) -> int:
        """Map a position of the cleaned text to the original text."""
        i = bisect_right(self._norm_starts, pos) - 1
        if i < 0:
            return pos
        ns, ne, os_, oe = (
            self._norm_starts[i],
            self._norm_ends[i],
            self._orig_starts[i],
            self._orig_ends[i],
        )
        if pos >= ne:
            return oe + (pos - ne)
        if ne - ns == oe - os_:
            return os_ + (pos - ns)
        if pos == ns:
            return os_
        return oe if is_end else os_

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span ``[start, end)`` of the cleaned text to the original text."""
        if not self._norm_starts:
            return start, end
        return self.to_original(start), self.to_original(end, is_end=True)


def normalize(text: str) -> NormalizedText:
    """Clean ``text`` for matching (NFKC, ligatures, broken words, odd spaces) keeping offsets."""
    if _FIX.search(text) is None:
        return NormalizedText(text, _blank_long_punctuation(text))
    out: list[str] = []
    ns_l: list[int] = []
    ne_l: list[int] = []
    os_l: list[int] = []
    oe_l: list[int] = []
    last = 0
    npos = 0
    for m in _FIX.finditer(text):
        s, e = m.span()
        if s > last:
            out.append(text[last:s])
            npos += s - last
        piece = m.group()
        # Non-ASCII runs are fixed char by char, so each char maps back on its own.
        parts = [(s + i, ch) for i, ch in enumerate(piece)] if piece[0] > "\x7f" else [(s, piece)]
        for pos, part in parts:
            fixed = _fix(part)
            if fixed != part:
                ns_l.append(npos)
                ne_l.append(npos + len(fixed))
                os_l.append(pos)
                oe_l.append(pos + len(part))
            out.append(fixed)
            npos += len(fixed)
        last = e
    out.append(text[last:])
    cleaned = _blank_long_punctuation("".join(out))
    return NormalizedText(text, cleaned, tuple(ns_l), tuple(ne_l), tuple(os_l), tuple(oe_l))


_PUNCT_RUN = re.compile(r"[^\w\s]{32,}")


def _blank_long_punctuation(text: str) -> str:
    """Blank out runs of 32+ punctuation marks (ruler lines, "-----", garbage), same length.

    No skill is written that way, and spaCy's suffix search is quadratic on such runs.
    """
    if _PUNCT_RUN.search(text) is None:
        return text
    return _PUNCT_RUN.sub(lambda m: " " * len(m.group()), text)
