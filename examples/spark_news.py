"""geopol at scale with Spark: news documents through ``mapPartitions`` with a broadcast
matcher, the mentions written as Parquet.

The matcher is built once on the driver and broadcast (``sc.broadcast``): a matcher
pickles as its gazetteer, and each executor compiles it once, on first use. Each
partition goes through ``extract_batch`` (parallel inside the executor, without the GIL).
The rows, one per mention with the document id, are those of a single-process run.

    python examples/spark_news.py                               # generated documents
    python examples/spark_news.py docs.jsonl --out mentions.parquet

Input: JSON Lines ``{"id", "text", "date"}`` (``date`` optional). Needs
``pip install pyspark`` and a Java runtime (Debian: ``default-jre-headless``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import geopol

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dask_news import Doc, Row, generate, read_docs, rows_of  # the same documents and rows

__all__ = ["COLUMNS", "generate", "rows_of", "run"]

COLUMNS = ["doc", "start", "end", "text", "kind", "id", "role"]


def run(docs: Sequence[Doc], *, out: str | None = None, partitions: int = 4) -> list[Row]:
    """The rows of ``docs``, extracted by a local Spark (two cores); written to ``out`` as
    Parquet when given."""
    from pyspark.sql import SparkSession
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this geopol
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("geopol-news")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .getOrCreate()
    )
    try:
        sc = spark.sparkContext
        sc.addPyFile(str(Path(__file__).with_name("dask_news.py")))  # rows_of, on the executors
        shipped = sc.broadcast(geopol.Matcher.default())

        def partition(items: Iterable[Doc]) -> Iterator[Row]:
            yield from rows_of(shipped.value, list(items))

        rdd = sc.parallelize(list(docs), partitions).mapPartitions(partition)
        rows: list[Row] = [tuple(r) for r in rdd.collect()]
        if out:
            schema = StructType(
                [
                    StructField(name, IntegerType() if name in ("start", "end") else StringType())
                    for name in COLUMNS
                ]
            )
            spark.createDataFrame(rdd, schema).write.mode("overwrite").parquet(out)
    finally:
        spark.stop()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", nargs="?", help="JSON Lines documents (default: 2000 generated)")
    ap.add_argument("--out", help="a folder to write the mentions to as Parquet")
    args = ap.parse_args()
    docs = read_docs(args.input)
    rows = run(docs, out=args.out)
    print(f"{len(docs)} documents, {len(rows)} mentions")


if __name__ == "__main__":
    main()
