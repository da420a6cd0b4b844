"""geopol at scale with Dask: a bag of news documents over a cluster of worker processes.

The matcher is built once in this process and sent once to every worker
(``client.scatter(..., broadcast=True)``): a matcher pickles as its gazetteer, and each
worker compiles it on arrival. Each partition then goes through ``extract_batch``, which
runs in parallel inside the worker without the GIL. The result, one row per mention with
the document id, is the same as a single-process run, in the same order.

    python examples/dask_news.py                       # generated documents, 2 workers
    python examples/dask_news.py docs.jsonl --workers 4 --out mentions.parquet

Input: JSON Lines ``{"id", "text", "date"}`` (``date`` optional). Needs
``pip install "dask[distributed]"`` (and pyarrow for ``--out``).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterable, Sequence
from typing import Any

import geopol

Doc = dict[str, Any]
Row = tuple[Any, ...]

_STATES = ["Kazakhstan", "Chad", "Niger", "Türkiye", "Kenya", "Peru", "Japan", "Mali"]
_ORGS = ["the UN", "NATO", "the African Union", "the OSCE", "ASEAN", "the EU"]
_TITLES = ["The Turkish foreign minister", "Kazakh President Kassym-Jomart Tokayev",
           "The Kenyan president", "UN Secretary-General António Guterres"]  # fmt: skip
_VERBS = ["met officials from", "criticised", "signed a deal with", "flew to"]


def generate(n: int, seed: int = 7) -> list[Doc]:
    """``n`` short news-like documents written from a few patterns (no real article)."""
    rnd = random.Random(seed)
    docs = []
    for i in range(n):
        parts = [
            f"{rnd.choice(_TITLES)} {rnd.choice(_VERBS)} {rnd.choice(_STATES)}.",
            f"Delegates of {rnd.choice(_ORGS)} and {rnd.choice(_STATES)} said talks would go on.",
        ]
        year = rnd.choice([2019, 2022, 2024, 2025])
        docs.append({"id": f"doc-{i:05d}", "text": " ".join(parts), "date": f"{year}-06-01"})
    return docs


def read_docs(path: str | None, n: int = 2000) -> list[Doc]:
    """The JSON Lines documents of ``path``, or ``n`` generated ones when there is none."""
    if not path:
        return generate(n)
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def rows_of(matcher: geopol.Matcher, docs: Sequence[Doc]) -> list[Row]:
    """One row per mention: document id, code-point span, text, kind, entity id, role key."""
    found = matcher.extract_batch([d["text"] for d in docs], dates=[d.get("date") for d in docs])
    out = []
    for doc, mentions in zip(docs, found):
        for m in mentions:
            key = m.role.key if m.role is not None else None
            out.append((doc["id"], m.start, m.end, m.text, m.kind, m.id, key))
    return out


def _partition(docs: Iterable[Doc], matcher: geopol.Matcher) -> list[Row]:
    return rows_of(matcher, list(docs))


def run(docs: Sequence[Doc], *, workers: int = 2, partitions: int = 8) -> list[Row]:
    """The rows of ``docs``, extracted on a local cluster of ``workers`` processes."""
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    matcher = geopol.Matcher.default()
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, Client(cluster) as client:
        shipped = client.scatter(matcher, broadcast=True)  # once per worker
        bag = db.from_sequence(docs, npartitions=partitions)
        rows: list[Row] = bag.map_partitions(_partition, shipped).compute()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", nargs="?", help="JSON Lines documents (default: 2000 generated)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", help="write the mentions as Parquet (needs pyarrow)")
    args = ap.parse_args()
    docs = read_docs(args.input)
    rows = run(docs, workers=args.workers)
    if args.out:
        import pyarrow as pa
        import pyarrow.parquet as pq

        names = ["doc", "start", "end", "text", "kind", "id", "role"]
        pq.write_table(pa.Table.from_pylist([dict(zip(names, r)) for r in rows]), args.out)
    print(f"{len(docs)} documents, {len(rows)} mentions, {args.workers} workers")


if __name__ == "__main__":
    main()
