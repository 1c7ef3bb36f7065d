"""Bytes to text: a byte-order mark, then UTF-8, then a guessed charset; binary is refused.

Shared by the text-ish formats (plain text, Markdown, HTML); :func:`sniff` names what bytes that are
not the format their extension says look like, for the messages of every format.
"""

from __future__ import annotations

import codecs
import unicodedata

from skillmatch.errors import CorruptDocumentError
from skillmatch.models import Flag
from skillmatch.readers.document import short_error

__all__ = ["decode", "sniff"]


def sniff(data: bytes) -> str:
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


_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def decode(data: bytes, name: str) -> tuple[str, list[Flag]]:
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
            name, f"cannot detect the text encoding ({short_error(exc)})"
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
