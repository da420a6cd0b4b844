"""examples/dask_news.py on a local cluster of two worker processes, and
examples/spark_news.py on a local Spark, give what one process gives, in the same order
(each skipped when its engine, or Spark's Java runtime, is not installed)."""

from __future__ import annotations

import importlib.util
import shutil
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


def test_spark_equals_one_process(tmp_path: Path) -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed")
    if shutil.which("java") is None:
        pytest.skip("Spark needs a Java runtime (Debian: default-jre-headless)")
    spark_news = example("spark_news")
    docs = spark_news.generate(2000, seed=11)
    out = tmp_path / "mentions.parquet"
    got = spark_news.run(docs, out=str(out))
    want = spark_news.rows_of(geopol.Matcher.default(), docs)
    assert got == want
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(out)
    assert table.num_rows == len(want)
    assert sorted(tuple(r.values()) for r in table.to_pylist()) == sorted(want)
