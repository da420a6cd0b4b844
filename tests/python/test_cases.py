"""The shared, data-driven matching cases of ``tests/cases/matching.json``.

The same file is read by the Rust test ``tests/integration/cases.rs``: every case must give
exactly the same mentions from Python, with code-point offsets.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import geopol
from support import CASES

DOC: dict[str, Any] = json.loads((CASES / "matching.json").read_text(encoding="utf-8"))


Row = tuple[int, int, str, "str | None", "str | None"]


def expected(case: dict[str, Any]) -> list[Row]:
    """Each mention's text at its next occurrence after the previous mention; the optional
    third item of a mention is the id its ``stands_for`` names."""
    text: str = case["text"]
    out: list[Row] = []
    pos = 0
    for t, entity, *stands_for in case["mentions"]:
        at = text.find(t, pos)
        assert at >= 0, f"{case['name']}: {t!r} is not in the text after {pos}"
        out.append((at, at + len(t), t, entity, stands_for[0] if stands_for else None))
        pos = at + len(t)
    return out


def row(m: geopol.Mention) -> Row:
    sf = m.stands_for
    return (m.start, m.end, m.text, m.id, sf and (sf.get("state") or sf.get("organization")))


def test_the_cases_use_the_cases_gazetteer() -> None:
    assert DOC["gazetteer"] == "gazetteer.jsonl"
    assert len(DOC["cases"]) > 0


@pytest.mark.parametrize("case", DOC["cases"], ids=[c["name"] for c in DOC["cases"]])
def test_shared_case(cases_matcher: geopol.Matcher, case: dict[str, Any]) -> None:
    found = cases_matcher.extract(case["text"], date=case.get("date"))
    got = [row(m) for m in found]
    assert got == expected(case)
    for m in found:
        assert case["text"][m.start : m.end] == m.text


def test_all_cases_in_one_batch(cases_matcher: geopol.Matcher) -> None:
    cases = DOC["cases"]
    batch = cases_matcher.extract_batch(
        [c["text"] for c in cases], dates=[c.get("date") for c in cases]
    )
    for case, found in zip(cases, batch):
        assert [row(m) for m in found] == expected(case), case["name"]


def test_roles_follow_the_date(cases_matcher: geopol.Matcher) -> None:
    text = "Kazakh President Kassym-Jomart Tokayev spoke."

    def at(date: str | None) -> tuple[str | None, bool, str | None]:
        found = cases_matcher.extract(text, date=date)
        [p] = [m for m in found if m.id == "person:kassym-jomart-tokayev"]
        return (p.role.key if p.role else None, p.date_checked, p.state)

    assert at("2022-01-11") == ("head_of_state", True, "state:KAZ")
    assert at("2005-06-01") == ("foreign_minister", True, "state:KAZ")
    # No post in the data that day: the text's own title gives the role (no post record).
    assert at("2010-06-01") == ("head_of_state", True, "state:KAZ")
    assert at(None) == ("head_of_state", False, "state:KAZ")


def test_ambiguous_surname_lists_candidates(cases_matcher: geopol.Matcher) -> None:
    [m] = cases_matcher.extract("Smith said no.")
    assert m.matched_by == "surname"
    assert m.id is not None
    assert sorted([m.id, *m.candidates]) == ["person:jane-smith", "person:john-smith-a"]
    assert m.more_candidates == 0 and m.to_dict()["more_candidates"] == 0


def test_a_surname_many_officials_share_lists_ten_candidates() -> None:
    """Issue 9: 500 officials named Smith give ten candidates, best first, and a count."""
    k = 500
    records = [{"id": "state:XXA", "kind": "state", "name": "Xland"}] + [
        {
            "id": f"person:smith-{n}",
            "kind": "official",
            "name": f"Given{n} Smith",
            "aliases": [{"text": "Smith", "type": "surname"}],
            "posts": [{"role": "foreign_minister", "of": "state:XXA", "start": "2020-01-01"}],
        }
        for n in range(k)
    ]
    [m] = geopol.Matcher.from_entities(records).extract("Smith said.", date="2024-01-01")
    assert m.id == "person:smith-0"
    assert m.candidates == [f"person:smith-{n}" for n in range(1, 11)]
    assert m.more_candidates == k - 11
    d = m.to_dict()
    assert d["more_candidates"] == k - 11 and len(d["candidates"]) == 10
    assert geopol.Mention.from_dict(d) == m
