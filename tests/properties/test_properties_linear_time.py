"""Linear time on any text: time per character stays bounded as a hostile text grows tenfold.

Wall time on a shared machine is noisy, so each size is timed several times, interleaved, and
the fastest run counts; the bound is generous (a linear scan gives about 10x for 10x the text,
a quadratic one 100x).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings

from skillmatch.limits import Limits
from skillmatch.matcher import SkillMatcher
from skillmatch.readers.formats import html
from strategies import hostile_units, repeat_to

RATIO = 40  # for 10x the text; quadratic would be 100


def growth(run: Callable[[str], object], make: Callable[[int], str], size: int) -> float:
    """How much longer ``run`` takes on ``make(10 * size)`` than on ``make(size)``."""
    small, large = make(size), make(10 * size)
    best_small = best_large = float("inf")
    for _ in range(3):
        for text, is_small in ((small, True), (large, False)):
            start = time.perf_counter()
            run(text)
            took = time.perf_counter() - start
            if is_small:
                best_small = min(best_small, took)
            else:
                best_large = min(best_large, took)
    return best_large / max(best_small, 1e-4)


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return SkillMatcher.default()


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(hostile_units)
def test_match_time_per_char_stays_bounded_as_text_grows_tenfold(
    matcher: SkillMatcher, unit: str
) -> None:
    assert growth(matcher.match, lambda n: repeat_to(unit, n), 2_000) < RATIO


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "<div>" * n + "</span>" * n,  # every end tag once searched every open element
        lambda n: "<div>" * n + "</script>" * n,
        lambda n: "<ul>" * n + "<li>Python" * n,
        lambda n: '<span style="color:white">Go' * n,
        lambda n: "<!--" * n,  # html.parser searched the rest of the page at each one
        lambda n: "<div>" * 500 + "<p>Python" + "<!--" * n,  # too deep to style, then the same
        lambda n: "<style>" + ".a b{opacity:0}" * n + "</style>" + '<p class="a"><b>x</b>' * n,
    ],
    ids=[
        "unmatched-end-tags",
        "unmatched-skip-tags",
        "implied-ends",
        "styled-spans",
        "unclosed-comments",
        "deep-then-unclosed",
        "style-sheet",
    ],
)
def test_html_reader_time_stays_bounded_as_page_grows_tenfold(
    make: Callable[[int], str],
) -> None:
    def read(page: str) -> object:
        return html.read(page.encode("utf-8"), "page.html", Limits())

    assert growth(read, make, 1_000) < RATIO


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "No " + repeat_to("Python, Go, Rust, Docker, ", n),  # one negated endless list
        lambda n: "Never used " + repeat_to("Kubernetes or AWS and ", n),
    ],
    ids=["no-then-list", "never-then-list"],
)
def test_negation_over_an_endless_list_stays_linear(
    matcher: SkillMatcher, make: Callable[[int], str]
) -> None:
    assert growth(matcher.match, make, 2_000) < RATIO
