"""examples/dask_news.py on a local cluster of two worker processes gives what one process
gives, in the same order (skipped when dask.distributed is not installed)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

import geopol

ROOT = Path(__file__).resolve().parents[2]


def example(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "examples" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dask_equals_one_process() -> None:
    pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
    dask_news = example("dask_news")
    docs = dask_news.generate(3000)
    got = dask_news.run(docs, workers=2, partitions=12)
    want = dask_news.rows_of(geopol.Matcher.default(), docs)
    assert got == want
    assert len(want) > 10_000
    assert {r[4] for r in want} >= {"state", "organization", "official", "role"}
