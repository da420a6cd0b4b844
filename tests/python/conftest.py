"""Fixtures shared by the Python tests: the shared cases gazetteer, matchers, paths."""

from __future__ import annotations

from pathlib import Path

import pytest

import geopol
from support import CASES_GAZETTEER, SHARED


@pytest.fixture(scope="session")
def cases_matcher() -> geopol.Matcher:
    """A matcher over the shared cases gazetteer alone (as in the Rust tests)."""
    return geopol.Matcher([CASES_GAZETTEER], default=False)


@pytest.fixture(scope="session")
def default_matcher() -> geopol.Matcher:
    """The matcher over the embedded default gazetteer."""
    return geopol.Matcher.default()


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` beside the checkout (the test is skipped when it is absent)."""
    if not (SHARED / "fixtures").is_dir():
        pytest.skip("../shared/fixtures is absent (it is not part of the repository)")
    return SHARED
