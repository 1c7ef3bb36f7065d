"""The examples in docstrings run and print what they say."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "skillmatch",
        "skillmatch.text",
        "skillmatch.matcher",
        "skillmatch.report",
        "skillmatch.report.summary",
    ],
)
def test_docstring_examples_run(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    # a module split moves examples to where the function now lives; none may be lost
    assert result.attempted > 0
