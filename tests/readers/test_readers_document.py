"""Document: hidden ranges are blanked in the visible text, and every offset is kept."""

from __future__ import annotations

from skillmatch.readers import Document


def test_document_visible_text_blanks_hidden_spans_and_keeps_offsets() -> None:
    doc = Document(
        id="x", text="Python\nKubernetes Helm\nCUDA", source="x", hidden_spans=((7, 22),)
    )
    assert doc.visible_text == "Python\n" + " " * 10 + " " + " " * 4 + "\nCUDA"
    assert doc.hidden_text == ["Kubernetes Helm"]
