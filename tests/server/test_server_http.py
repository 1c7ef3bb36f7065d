"""``skillmatch serve`` as a client sees it: a real server on loopback, called with httpx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("fastapi")

from serving import running_server  # noqa: E402
from skillmatch import SkillMatcher, compare  # noqa: E402
from skillmatch.models import Comparison, MatchResult  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
JOB = EXAMPLES / "jobs" / "junior_ml_engineer.txt"
RESUME = EXAMPLES / "resumes" / "amara_okafor_entry.txt"
PDF = EXAMPLES / "resumes" / "diego_ramirez_mid.pdf"


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with running_server("--max-body", "200000") as url:
        yield url


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=60) as c:
        yield c


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return SkillMatcher.default()


def test_health_names_the_taxonomy(client: httpx.Client) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json() == {
        "status": "ok",
        "version": "0.1.0",
        "taxonomy": "What is AI Engineer",
        "skills": 30,
    }


def test_taxonomy_is_the_one_in_use(client: httpx.Client, matcher: SkillMatcher) -> None:
    data = client.get("/taxonomy").json()
    assert [s["id"] for s in data["skills"]] == [s.id for s in matcher.taxonomy.skills]


def test_match_json_text_equals_the_library_result(
    client: httpx.Client, matcher: SkillMatcher
) -> None:
    text = "Senior ML engineer, 7+ years. Python, Go and Rust; no Kubernetes needed."
    r = client.post("/match", json={"text": text, "id": "cv-1", "as_of": "2025-01-31"})
    assert r.status_code == 200
    got = MatchResult.model_validate(r.json())
    from datetime import date

    assert got == matcher.match(text, id="cv-1", as_of=date(2025, 1, 31))


def test_match_multipart_pdf_reads_the_file(client: httpx.Client, matcher: SkillMatcher) -> None:
    from skillmatch import read_document

    with PDF.open("rb") as fh:
        r = client.post("/match", files={"file": (PDF.name, fh, "application/pdf")})
    assert r.status_code == 200, r.text
    got = MatchResult.model_validate(r.json())
    expected = matcher.match_document(read_document(PDF))
    assert got.skill_ids == expected.skill_ids and got.text == expected.text
    assert got.id == PDF.name


def test_compare_json_and_multipart_give_the_library_comparison(
    client: httpx.Client, matcher: SkillMatcher
) -> None:
    resume, job = RESUME.read_text(encoding="utf-8"), JOB.read_text(encoding="utf-8")
    expected = compare(
        matcher.match(resume, kind="resume", id="resume"), matcher.match(job, kind="job", id="job")
    )
    r = client.post("/compare", json={"resume": resume, "job": job})
    assert r.status_code == 200
    assert Comparison.model_validate(r.json()) == expected
    with RESUME.open("rb") as a, JOB.open("rb") as b:
        r = client.post("/compare", files={"resume": (RESUME.name, a), "job": (JOB.name, b)})
    assert r.status_code == 200
    assert Comparison.model_validate(r.json()).score == expected.score


def test_score_ranks_resumes_and_keeps_a_failed_one_as_an_error_row(
    client: httpx.Client,
) -> None:
    body = {
        "job": JOB.read_text(encoding="utf-8"),
        "resumes": [
            {"id": "weak", "text": "I sell insurance."},
            {"id": "empty", "text": "   "},
            {"id": "amara", "text": RESUME.read_text(encoding="utf-8")},
        ],
    }
    r = client.post("/score", json=body)
    assert r.status_code == 200
    data = r.json()
    rows = data["rows"]
    assert [row["id"] for row in rows] == ["amara", "weak", "resumes[1]"]
    assert [row["rank"] for row in rows] == [1, 2, None]
    assert rows[2]["error_type"] == "EmptyDocumentError"
    assert rows[0]["fit"] > rows[1]["fit"]
    assert set(rows[0]) == set(data["columns"])


def test_score_multipart_files(client: httpx.Client) -> None:
    files = [
        ("job", (JOB.name, JOB.read_bytes())),
        ("resumes", (RESUME.name, RESUME.read_bytes())),
        ("resumes", (PDF.name, PDF.read_bytes())),
        ("resumes", ("notes.xlsx", b"PK\x03\x04")),
    ]
    r = client.post("/score", files=files)
    assert r.status_code == 200, r.text
    rows = r.json()["rows"]
    assert {row["source"] for row in rows} == {RESUME.name, PDF.name, "notes.xlsx"}
    assert rows[-1]["error_type"] == "UnsupportedFormatError"


@pytest.mark.parametrize(
    ("path", "kwargs", "status", "error"),
    [
        ("/match", {"json": {"text": ""}}, 422, "EmptyDocumentError"),
        ("/match", {"json": {"txt": "Python"}}, 422, "InputError"),
        (
            "/match",
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            422,
            "InputError",
        ),
        ("/match", {"json": {"text": "Python", "kind": "poem"}}, 422, "InputError"),
        (
            "/match",
            {"content": b"Python", "headers": {"content-type": "text/plain"}},
            415,
            "UnsupportedFormatError",
        ),
        ("/match", {"files": {"file": ("cv.exe", b"MZ")}}, 415, "UnsupportedFormatError"),
        (
            "/match",
            {"files": {"file": ("cv.pdf", b"%PDF-1.4 broken")}},
            422,
            "CorruptDocumentError",
        ),
        ("/match", {"files": {"other": ("cv.txt", b"Python")}}, 422, "InputError"),
        ("/match", {"json": {"text": "x" * 300_000}}, 413, "LimitExceededError"),
        ("/compare", {"json": {"resume": "Python"}}, 422, "InputError"),
        ("/score", {"json": {"job": "", "resumes": []}}, 422, "EmptyDocumentError"),
    ],
)
def test_errors_are_json_named_like_the_library(
    client: httpx.Client, path: str, kwargs: dict[str, object], status: int, error: str
) -> None:
    r = client.post(path, **kwargs)  # type: ignore[arg-type]
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"] == error and body["status"] == status and body["message"]


def test_unknown_route_is_a_json_404(client: httpx.Client) -> None:
    r = client.get("/nowhere")
    assert (r.status_code, r.json()["error"]) == (404, "NotFound")


def test_openapi_document_lists_every_route(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/health", "/taxonomy", "/match", "/compare", "/score"}
    body = spec["paths"]["/match"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "multipart/form-data"}
    assert "MatchRequest" in spec["components"]["schemas"]


def test_a_request_over_the_time_limit_gets_504() -> None:
    with running_server("--timeout", "0.001") as url:
        r = httpx.post(f"{url}/match", json={"text": "Python " * 5000}, timeout=60)
    assert r.status_code == 504
    assert r.json()["error"] == "LimitExceededError"
