"""Hostile input files, made in code: PDFs written byte by byte (content streams an attacker
chooses: millions of drawing operations, compression bombs, clipping, lying fonts), and the
shapes of text that once made a scan slow. Shared by the tests and ``bench/hostile.py``.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path

CSS_HIDING = {
    "opacity": "opacity: .01",
    "near-white": "color: #fefefe",
    "rgb-white": "color: rgb(255, 255, 255)",
    "hsl-white": "color: hsl(0, 0%, 100%)",
    "transparent": "color: transparent",
    "off-screen": "position: absolute; left: -9999px",
    "text-indent": "text-indent: -9999px",
    "height-0": "height: 0; overflow: hidden",
    "clip-path": "clip-path: inset(50%)",
    "scale-0": "transform: scale(0)",
    "sr-only": (
        "position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; "
        "overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0"
    ),
    "font-1px": "font-size: 1px",
    "same-as-background": "background: #123456; color: #123457",
    "alpha-text": "color: rgba(0, 0, 0, 0.03)",
}
"""CSS that hides text from a reader, by the name of the trick."""


def raw_pdf(
    pages: Sequence[bytes],
    *,
    compress: bool = True,
    to_unicode: Mapping[int, str] | None = None,
    extra_stream: bytes | None = None,
) -> bytes:
    """A PDF whose pages draw the given content streams with Helvetica as ``/F1``.

    ``to_unicode`` maps character codes to the text a ToUnicode CMap claims for them (the
    glyphs drawn stay WinAnsi's). ``extra_stream`` is one more stream object (unused by the
    pages, as a font file or a thumbnail would be), compressed.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, deflate: bool) -> bytes:
        if deflate:
            data = zlib.compress(data, 9)
            return (
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data)
                + data
                + (b"\nendstream")
            )
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    font_extra = b""
    if to_unicode:
        lines = b"".join(
            b"<%02X> <%s>\n" % (code, text.encode("utf-16-be").hex().upper().encode())
            for code, text in to_unicode.items()
        )
        cmap = (
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CMapName /Lie def 1 begincodespacerange <00> <FF> endcodespacerange\n"
            + b"%d beginbfchar\n" % len(to_unicode)
            + lines
            + b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end\n"
        )
        font_extra = b" /ToUnicode %d 0 R" % add(stream(cmap, compress))
    font = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding"
        + font_extra
        + b" >>"
    )
    if extra_stream is not None:
        add(stream(extra_stream, True))
    kids = []
    for content in pages:
        contents = add(stream(content, compress))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R"
                b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_obj, contents, font)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def text_ops(lines: Sequence[str], *, x: int = 72, top: int = 720, size: int = 11) -> bytes:
    """Content-stream operators that show ``lines`` in Helvetica, one under the other."""
    out = b"BT /F1 %d Tf %d TL %d %d Td\n" % (size, size + 4, x, top)
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        out += b"(" + escaped.encode("cp1252") + b") Tj T*\n"
    return out + b"ET\n"


def drawing_ops(n: int) -> bytes:
    """``n`` filled black rectangles: a page that is all drawing operations."""
    return b"0 g\n" + b"10 10 1 1 re f\n" * n


def clipped(lines: Sequence[str], hidden: Sequence[str]) -> bytes:
    """Show ``lines``, then ``hidden`` text inside a clipping path that lies elsewhere on the
    page: drawn, extracted, cut away."""
    return text_ops(lines) + b"q 0 0 5 5 re W n\n" + text_ops(hidden, top=400) + b"Q\n"


def covered(lines: Sequence[str], hidden: Sequence[str]) -> bytes:
    """Show ``lines`` and ``hidden`` text, then paint a white box over the hidden text."""
    return text_ops(lines) + text_ops(hidden, top=400) + b"1 g 0 380 612 40 re f\n"


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def off_page_box(kind: str, text: str, x: int, y: int) -> str:
    """A paragraph holding ``text`` in a text box or frame at ``x, y`` (EMU for ``anchor``,
    twips for ``frame``, points for ``vml``) from the page's corner."""
    run = f'<w:p xmlns:w="{_W_NS}"><w:r><w:t>{text}</w:t></w:r></w:p>'
    if kind == "frame":
        return (
            f'<w:p xmlns:w="{_W_NS}"><w:pPr><w:framePr w:x="{x}" w:y="{y}" w:hAnchor="page" '
            f'w:vAnchor="page"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'
        )
    if kind == "vml":
        return (
            f'<w:p xmlns:w="{_W_NS}"><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"'
            f' style="position:absolute;margin-left:{x}pt;margin-top:{y}pt;width:200pt;'
            f'height:30pt"><v:textbox><w:txbxContent>{run}</w:txbxContent></v:textbox>'
            "</v:shape></w:pict></w:r></w:p>"
        )
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    return (
        f'<w:p xmlns:w="{_W_NS}"><w:r><w:drawing><wp:anchor xmlns:wp="{wp}" simplePos="0" '
        'relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        '<wp:extent cx="3000000" cy="400000"/><wp:docPr id="7" name="box"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:txbx><w:txbxContent>{run}</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>"
    )


def docx_with(path: Path, visible: str, extra_xml: str) -> Path:
    """A DOCX of the ``visible`` paragraph followed by ``extra_xml`` (paragraphs of raw
    WordprocessingML), written with python-docx and then edited in its archive."""
    import zipfile

    import docx

    document = docx.Document()
    document.add_paragraph(visible)
    document.save(str(path))
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    at = xml.index("<w:sectPr")
    parts["word/document.xml"] = (xml[:at] + extra_xml + xml[at:]).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path
