"""The ``>>>`` examples of the package's public docstrings run and pass.

The extension's docstrings (the Rust doc comments, also the stub's) are collected through
``geopol`` itself, whose classes report ``__module__ == "geopol"``; the pure-Python modules
are run as they are.
"""

from __future__ import annotations

import doctest
import types

import pytest

import geopol
import geopol.notebook
import geopol.tables

MODULES = [geopol, geopol.notebook, geopol.tables]


@pytest.mark.parametrize("module", MODULES, ids=[m.__name__ for m in MODULES])
def test_docstring_examples(module: types.ModuleType) -> None:
    if module is geopol.tables:
        pytest.importorskip("pandas", reason="the tables examples need pandas")
        pytest.importorskip("polars", reason="the tables examples need polars")
        pytest.importorskip("pyarrow", reason="the tables examples need pyarrow")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, raise_on_error=False)
    assert result.attempted > 0
    assert result.failed == 0


def test_the_extension_classes_are_searched() -> None:
    finder = doctest.DocTestFinder()
    names = {t.name for t in finder.find(geopol) if t.examples}
    assert {"geopol.Matcher", "geopol.Matcher.extract", "geopol.Mention"} <= names
