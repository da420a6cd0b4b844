"""Pickling: matchers (for multiprocessing, Dask, Spark) and mentions."""

from __future__ import annotations

import json
import multiprocessing as mp
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import geopol

TEXT = "Kazakh President Kassym-Jomart Tokayev met Turkish Foreign Minister Mevlut Cavusoglu."


def test_default_matcher_pickles_as_a_reference() -> None:
    d = geopol.Matcher.default()
    data = pickle.dumps(d)
    assert len(data) < 200
    assert pickle.loads(data) is d


def test_custom_matcher_round_trip(cases_matcher: geopol.Matcher) -> None:
    again = pickle.loads(pickle.dumps(cases_matcher))
    assert not again.is_default
    assert len(again) == len(cases_matcher)
    records = [e.to_dict() for e in cases_matcher.entities()]
    assert [e.to_dict() for e in again.entities()] == records
    for date in (None, "2022-01-11"):
        assert again.extract(TEXT, date=date) == cases_matcher.extract(TEXT, date=date)


def test_extended_default_pickles_only_the_difference(tmp_path: Path) -> None:
    extra = tmp_path / "extra.jsonl"
    extra.write_text(
        json.dumps({"id": "state:ZZZ", "kind": "state", "name": "Zedland"}) + "\n",
        encoding="utf-8",
    )
    m = geopol.Matcher([extra])
    data = pickle.dumps(m)
    assert len(data) < 500
    again = pickle.loads(data)
    assert [e.to_dict() for e in again.entities()] == [e.to_dict() for e in m.entities()]
    assert again.extract("Zedland and Kazakhstan") == m.extract("Zedland and Kazakhstan")


def test_mentions_pickle(cases_matcher: geopol.Matcher) -> None:
    found = cases_matcher.extract(TEXT, date="2022-01-11")
    assert pickle.loads(pickle.dumps(found)) == found


def _extract(args: tuple[geopol.Matcher, str]) -> list[geopol.Mention]:
    matcher, text = args
    return matcher.extract(text, date="2022-01-11")


def test_worker_processes(cases_matcher: geopol.Matcher) -> None:
    texts = [TEXT, "Niger and Chad", "the US and the U.S."]
    ctx = mp.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        results = list(pool.map(_extract, [(cases_matcher, t) for t in texts]))
    assert results == [cases_matcher.extract(t, date="2022-01-11") for t in texts]
