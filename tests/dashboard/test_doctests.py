"""The docstring examples of every dashboard module run (dashboard/ is outside pytest's doctest paths)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import dashboard

MODULES = sorted(m.name for m in pkgutil.iter_modules(dashboard.__path__, "dashboard."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


@pytest.mark.parametrize("name", MODULES)
def test_modules_stay_small(name):
    """No module over about 600 lines (issue 10): split by what they hold instead."""
    path = importlib.import_module(name).__file__
    with open(path, encoding="utf-8") as fh:
        assert sum(1 for _ in fh) <= 600, path
