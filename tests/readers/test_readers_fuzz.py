"""Mutation fuzz of the PDF and DOCX readers: every outcome is a Document or a named error.

Seeded and bounded (a fixed number of mutations, and a time budget as a safety net), so the run
is the same every time and stays short in CI. Mutations flip, insert, delete, duplicate and
truncate bytes of valid files; for DOCX they also damage ``word/document.xml`` inside a valid zip,
so the XML parser and python-docx are reached, not only the zip reader.
"""

from __future__ import annotations

import io
import random
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import build_docx, build_pdf
from skillmatch.errors import DocumentReadError, LimitExceededError
from skillmatch.readers import Document, Limits, read_document

SEED = 20240607
MUTATIONS_PER_FORMAT = 150
TIME_BUDGET_SECONDS = 25.0
LIMITS = Limits(max_pdf_pages=10, max_text_chars=200_000)

Mutator = Callable[[random.Random, bytes], bytes]


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _insert(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    junk = rng.choice([b"(", b")", b"<<", b">>", b"[", b"obj", b"\x00", b"\xff" * 8, b"9" * 12])
    return data[:at] + junk * rng.randint(1, 4) + data[at:]


def _delete(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + data[at + rng.randint(1, 200) :]


def _duplicate(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    chunk = data[at : at + rng.randint(1, 400)]
    to = rng.randrange(len(data))
    return data[:to] + chunk + data[to:]


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


BYTE_MUTATORS: list[Mutator] = [_flip, _insert, _delete, _duplicate, _truncate]


def _mutate_docx_xml(rng: random.Random, data: bytes) -> bytes:
    """Damage word/document.xml and zip it again, so the zip itself stays valid."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as src:
            parts = {info.filename: src.read(info) for info in src.infolist()}
    except Exception:  # an earlier mutation broke the zip: damage the bytes instead
        return _flip(rng, data)
    if "word/document.xml" in parts:
        xml = parts["word/document.xml"]
        parts["word/document.xml"] = rng.choice(BYTE_MUTATORS)(rng, xml)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, part in parts.items():
            dst.writestr(name, part)
    return buf.getvalue()


def _fuzz(seed_file: Path, mutators: list[Mutator], tmp_path: Path) -> Counter[str]:
    rng = random.Random(SEED)
    original = seed_file.read_bytes()
    target = tmp_path / f"mutant{seed_file.suffix}"
    outcomes: Counter[str] = Counter()
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    for i in range(MUTATIONS_PER_FORMAT):
        if time.monotonic() > deadline:
            break
        mutated = original
        for _ in range(rng.randint(1, 3)):
            mutated = rng.choice(mutators)(rng, mutated) or b"%"
        target.write_bytes(mutated)
        try:
            doc = read_document(target, limits=LIMITS)
        except (DocumentReadError, LimitExceededError) as err:
            assert str(target) in str(err)
            outcomes[type(err).__name__] += 1
        except Exception as exc:  # the point of the test: report the mutant that escaped
            keep = tmp_path / f"crash-{i}{seed_file.suffix}"
            keep.write_bytes(mutated)
            pytest.fail(f"mutation {i} escaped as {type(exc).__name__}: {exc} (saved {keep})")
        else:
            assert isinstance(doc, Document)
            for start, end in doc.hidden_spans:
                assert 0 <= start < end <= len(doc.text)
            outcomes["Document"] += 1
    print(dict(outcomes))
    return outcomes


def test_fuzz_mutated_pdfs_give_documents_or_named_errors(tmp_path: Path) -> None:
    seed = build_pdf(
        tmp_path / "seed.pdf",
        [
            "Jane Doe, Senior Machine Learning Engineer",
            "Skills: Python, PyTorch, Kubernetes, MLflow",
            {"text": "hidden keywords", "color": (1, 1, 1)},
            {"text": "Experience: 7 years", "page": 1},
        ],
        pages=2,
        compress=False,
    )
    outcomes = _fuzz(seed, BYTE_MUTATORS, tmp_path)
    assert sum(outcomes.values()) > 0
    assert outcomes["Document"] > 0  # the mutants reach text extraction, not only the header check


def test_fuzz_mutated_docx_give_documents_or_named_errors(tmp_path: Path) -> None:
    seed = build_docx(
        tmp_path / "seed.docx",
        [
            "Jane Doe, Senior Machine Learning Engineer",
            {"runs": ["Skills: Python, ", {"text": "Kubernetes", "hidden": True}]},
        ],
        table=[["PyTorch", "5 years"]],
        header="jane@example.com",
    )
    outcomes = _fuzz(seed, [*BYTE_MUTATORS, _mutate_docx_xml, _mutate_docx_xml], tmp_path)
    assert sum(outcomes.values()) > 0
    assert outcomes["Document"] > 0
