"""The reference article of ``../shared/fixtures`` through ``Matcher.default()``.

Mirrors the Rust test ``tests/integration/fixture.rs``: every gold mention is found and
linked (entities, places with their state, and an official's post on the article's
date), "Baghdad" in "Baghdad Amreyev" is not Iraq, and the dateline "ANKARA" is the city,
not the state. Skipped when ``../shared`` is absent.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import geopol


def fold(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


def linked(matcher: geopol.Matcher, m: geopol.Mention, gold: dict[str, Any]) -> bool:
    if m.kind != gold["kind"]:
        return False
    if m.kind == "state":
        return bool(m.codes.get("iso3") == gold["iso3"])
    if m.kind == "organization":
        return m.codes.get("acronym") == gold.get("acronym") or fold(m.name) == fold(gold["name"])
    if m.kind == "place":
        state = matcher.get(m.state) if m.state else None
        return (
            fold(m.name) == fold(gold["name"])
            and state is not None
            and state.codes.get("iso3") == gold["state"]
        )
    role = m.role
    if fold(m.name) != fold(gold["name"]) or role is None or role.key != gold["role"]:
        return False
    of = matcher.get(role.of) if role.of else None
    return of is not None and gold["of"] in (of.codes.get("iso3"), of.codes.get("acronym"))


def test_reference_article(shared: Path) -> None:
    fixtures = shared / "fixtures"
    gold = json.loads((fixtures / "ots-kazakhstan.expected.json").read_text(encoding="utf-8"))
    text = (fixtures / gold["text_file"]).read_text(encoding="utf-8")
    matcher = geopol.Matcher.default()
    if len(matcher) == 0:
        pytest.skip("the embedded gazetteer is empty (data/default.jsonl not generated)")
    found = matcher.extract(text, date=gold["date"])
    for m in found:
        assert text[m.start : m.end] == m.text
    misses = []
    for g in gold["mentions"]:
        overlapping = [m for m in found if m.start < g["end"] and g["start"] < m.end]
        if not any(linked(matcher, m, g) for m in overlapping):
            misses.append(f"{g['text']!r} @{g['start']}: got {overlapping}")
    for g in gold["must_not"]:
        for m in found:
            if (
                m.start < g["end"]
                and g["start"] < m.end
                and m.kind == g["kind"]
                and m.codes.get("iso3") == g["iso3"]
            ):
                misses.append(f"WRONG {g['text']!r} @{g['start']}: {m}")
    assert not misses, "reference article misses:\n" + "\n".join(misses)
