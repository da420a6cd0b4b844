"""A process forked after geopol ran its threads still works (multiprocessing's "fork").

A forked child inherits thread pools without their threads; geopol builds fresh ones in
the child instead of waiting for threads that do not exist.
"""

from __future__ import annotations

import os
import time
import warnings

import pytest

import geopol

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")

TEXTS = ["Niger and Chad", "Kazakh President Kassym-Jomart Tokayev", "the U.S."] * 4


def run_in_child(work: object) -> int:
    """Forks, runs ``work()`` in the child, and returns the child's exit code (or fails
    the test after 60 s, killing a child that hangs)."""
    with warnings.catch_warnings():
        # Python 3.12+ warns that forking a multi-threaded process may deadlock: that is
        # exactly what is tested here.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            code = 0 if work() else 3  # type: ignore[operator]
        finally:
            os._exit(code)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    pytest.fail("the forked child hung")


def test_batch_after_fork(cases_matcher: geopol.Matcher) -> None:
    want = cases_matcher.extract_batch(TEXTS, threads=2)
    assert cases_matcher.extract_batch(TEXTS) == want

    def work() -> bool:
        ok = cases_matcher.extract_batch(TEXTS) == want
        return ok and cases_matcher.extract_batch(TEXTS, threads=2) == want

    assert run_in_child(work) == 0


def test_custom_matchers_after_fork(cases_matcher: geopol.Matcher) -> None:
    cases_matcher.extract_batch(TEXTS)

    def work() -> bool:
        m = geopol.Matcher.from_entities([{"id": "state:X", "kind": "state", "name": "Xland"}])
        return [x.id for x in m.extract("Xland")] == ["state:X"]

    assert run_in_child(work) == 0


def test_compiling_in_parent_and_child() -> None:
    """Compiling a matcher (and loading the default) runs work on threads; a child forked
    afterwards must still compile its own matchers."""
    geopol.Matcher.default()
    geopol.Matcher.from_entities([{"id": "state:Y", "kind": "state", "name": "Yland"}])

    def work() -> bool:
        m = geopol.Matcher.from_entities([{"id": "state:X", "kind": "state", "name": "Xland"}])
        return [x.id for x in m.extract("Xland and Yland")] == ["state:X"]

    assert run_in_child(work) == 0


def test_an_iterator_does_not_cross_a_fork() -> None:
    m = geopol.Matcher.default()
    text = "Chad and Niger.\n" * 20_000  # several pieces of 64 KiB
    it = m.extract_iter(text)
    assert next(it).text == "Chad"

    def work() -> bool:
        # The mentions already taken from the thread may still be read; the rest would
        # wait for a thread the child does not have: an error, not a hang.
        try:
            for _ in it:
                pass
        except geopol.GeopolError as e:
            # A fresh iterator in the child works.
            return "another process" in str(e) and len(list(m.extract_iter("Chad"))) == 1
        return False

    assert run_in_child(work) == 0
    assert sum(1 for _ in it) == 40_000 - 1
