"""Thread safety: one matcher used from many Python threads at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

import geopol

TEXTS = [
    f"Doc {i}: Kazakh President Kassym-Jomart Tokayev met Turkish Foreign Minister "
    f"Mevlüt Çavuşoğlu in Ankara; Niger, Chad and the U.S. sent envoys. " * (1 + i % 7)
    for i in range(64)
]


def test_extract_from_many_threads(cases_matcher: geopol.Matcher) -> None:
    want = [cases_matcher.extract(t, date="2022-01-11") for t in TEXTS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda t: cases_matcher.extract(t, date="2022-01-11"), TEXTS))
    assert got == want


def test_batches_from_many_threads(cases_matcher: geopol.Matcher) -> None:
    want = [cases_matcher.extract(t) for t in TEXTS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [
            pool.submit(cases_matcher.extract_batch, TEXTS, threads=n) for n in (1, 2, None, 2)
        ]
        results = [f.result() for f in futures]
    assert all(r == want for r in results)


def test_default_matcher_from_many_threads() -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        matchers = list(pool.map(lambda _: geopol.Matcher.default(), range(16)))
    assert all(m is matchers[0] for m in matchers)


def test_too_many_threads_are_refused(cases_matcher: geopol.Matcher) -> None:
    with pytest.raises(geopol.GeopolError, match=r"threads must be at most \d+ ") as info:
        cases_matcher.extract_batch(TEXTS, threads=100_000)
    limit = int(str(info.value).split()[5])
    assert limit >= 4 and limit % 4 == 0
    for n in (limit + 1, 2**63):
        with pytest.raises(geopol.GeopolError, match=f"threads must be at most {limit} "):
            cases_matcher.extract_batch(TEXTS, threads=n)
    assert len(cases_matcher.extract_batch(TEXTS, threads=limit)) == len(TEXTS)
