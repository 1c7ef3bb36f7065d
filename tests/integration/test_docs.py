"""The examples in docstrings run and print what they say, in every module of the package."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import skillmatch

MODULES = [
    "skillmatch",
    *sorted(
        m.name
        for m in pkgutil.walk_packages(skillmatch.__path__, "skillmatch.")
        if m.name not in ("skillmatch.__main__", "skillmatch.dask")  # dask: an optional extra
    ),
]
# Entry points keep a runnable example: a module split must move it, not lose it.
WITH_EXAMPLES = {
    "skillmatch.matcher",
    "skillmatch.text.normalization",
    "skillmatch.analysis.layout",
    "skillmatch.matching.index",
    "skillmatch.report",
    "skillmatch.report.summary",
}


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if module in WITH_EXAMPLES:
        assert result.attempted > 0


def test_every_entry_point_with_examples_exists() -> None:
    assert set(MODULES) >= WITH_EXAMPLES
