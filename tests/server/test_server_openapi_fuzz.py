"""A property-based run of the service's own OpenAPI document (schemathesis): no 5xx, ever.

Schemathesis generates requests from ``/openapi.json`` (JSON bodies and multipart forms, valid
and not) and sends them to a real server on loopback. Every answer must be a 2xx or a 4xx that
the document declares, in JSON; a 500 or a dropped connection fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("fastapi")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from serving import running_server  # noqa: E402


@pytest.fixture(scope="module")
def api() -> Iterator[schemathesis.BaseSchema]:
    with running_server("--max-body", "500000", "--timeout", "20") as url:
        yield schemathesis.openapi.from_url(f"{url}/openapi.json")


def operations() -> list[str]:
    return ["GET /health", "GET /taxonomy", "POST /match", "POST /compare", "POST /score"]


@pytest.mark.parametrize("label", operations())
def test_no_request_makes_the_server_fail(api: schemathesis.BaseSchema, label: str) -> None:
    (operation,) = [
        result.ok() for result in api.get_all_operations() if result.ok().label == label
    ]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def check(case: schemathesis.Case) -> None:
        response = case.call(timeout=30)
        case.validate_response(response, checks=[not_a_server_error])
        assert response.headers["content-type"][0].startswith("application/json")

    check()
