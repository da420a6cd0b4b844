"""Checks on the officials of data/default.jsonl: one person, one entity; no titles of office
in names; no institutions filed as people (tools/gen_dedupe.py); a single-holder post stays
open only for its latest holder (tools/gen_gazetteer.py, close_open_posts).

Reads the file directly (no compiled module needed). GEOPOL_DEFAULT_JSONL points the test at
another copy, e.g. an older commit's file, to see it fail.
"""

from __future__ import annotations

import collections
import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PATH = Path(os.environ.get("GEOPOL_DEFAULT_JSONL", str(ROOT / "data" / "default.jsonl")))

Entity = dict[str, Any]

# Titles of office a name or alias must not start with (regnal titles such as King, Emir,
# Sheikh, Prince or Pope are part of a name and allowed).
TITLES = [
    "president",
    "president-elect",
    "vice president",
    "vice-president",
    "prime minister",
    "premier",
    "minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "secretary",
    "secretary of state",
    "secretary-general",
    "secretary general",
    "general secretary",
    "chancellor",
    "senator",
    "governor",
    "ambassador",
    "chairman",
    "chairwoman",
    "speaker",
    "leader",
    "spokesman",
    "spokeswoman",
    "acting",
    "deputy",
    "the hon.",
    "hon.",
]
_ALTS = "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
TITLE_RE = re.compile(
    r"^(?:" + _ALTS + r")(?:[\s,-]|$)",
    re.IGNORECASE,
)
INSTITUTION_WORDS = {
    "authority",
    "government",
    "council",
    "party",
    "front",
    "ministry",
    "committee",
    "movement",
    "army",
    "forces",
}


def fold(s: str) -> str:
    d = unicodedata.normalize("NFKD", s.lower())
    return " ".join("".join(c for c in d if not unicodedata.combining(c)).split())


def overlaps(a: Entity, b: Entity) -> bool:
    s1, e1 = a.get("start") or "0000-01-01", a.get("end") or "9999-12-31"
    s2, e2 = b.get("start") or "0000-01-01", b.get("end") or "9999-12-31"
    return bool(s1 <= e2 and s2 <= e1)


def qid(e: Entity) -> str | None:
    q = (e.get("codes") or {}).get("wikidata")
    return q if isinstance(q, str) else None


@pytest.fixture(scope="module")
def officials() -> list[Entity]:
    if not PATH.is_file():
        pytest.skip(f"{PATH} is absent")
    with PATH.open(encoding="utf-8") as f:
        es = [json.loads(line) for line in f if line.strip()]
    return [e for e in es if e["kind"] == "official"]


def test_one_official_per_qid(officials: list[Entity]) -> None:
    ids = collections.defaultdict(list)
    for e in officials:
        if qid(e):
            ids[qid(e)].append(e["id"])
    shared = {q: v for q, v in ids.items() if len(v) > 1}
    assert not shared, f"{len(shared)} QIDs on several officials: {sorted(shared.items())[:10]}"


def test_no_duplicate_officials(officials: list[Entity]) -> None:
    by_name = collections.defaultdict(list)
    for e in officials:
        by_name[fold(e["name"])].append(e)
    pairs = []
    for group in by_name.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                qa, qb = qid(a), qid(b)
                if qa and qb and qa != qb:
                    continue  # two people of one name (Wikidata says so)
                if any(
                    p["of"] == q["of"] and overlaps(p, q)
                    for p in a.get("posts", [])
                    for q in b.get("posts", [])
                ):
                    pairs.append((a["id"], b["id"]))
    assert not pairs, f"{len(pairs)} pairs of officials look like one person: {pairs[:10]}"


def test_no_title_in_official_names(officials: list[Entity]) -> None:
    bad = [
        (e["id"], t)
        for e in officials
        for t in [e["name"]] + [a["text"] for a in e.get("aliases", [])]
        if TITLE_RE.match(t)
    ]
    assert not bad, f"{len(bad)} names/aliases start with a title of office: {bad[:10]}"


def test_title_check_allows_regnal_titles() -> None:
    assert TITLE_RE.match("President Abdullah Gul")
    assert TITLE_RE.match("Secretary-General Ban Ki-Moon")
    assert TITLE_RE.match("Acting Minister Abdul Rahim")
    for name in (
        "King Abdullah",
        "Pope Leo XIV",
        "Emir Tamim",
        "Sheikh Hasina",
        "Prince Albert",
        "Presidente Lula",
        "Leaders",
    ):
        assert not TITLE_RE.match(name), name


def test_no_institution_filed_as_official(officials: list[Entity]) -> None:
    bad = [
        (e["id"], e["name"])
        for e in officials
        if INSTITUTION_WORDS & set(re.findall(r"[^\W_]+", fold(e["name"])))
    ]
    assert not bad, f"{len(bad)} officials are named like institutions: {bad[:10]}"
    assert not any(e["id"] in ("person:gnu", "person:cnsp") for e in officials)


def _tools() -> Any:
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import gen_gazetteer

    return gen_gazetteer


def test_single_holder_posts_stay_open_only_for_the_latest_holder(officials: list[Entity]) -> None:
    """An open post of a single-holder role (not curated: curated ends are facts, including
    Nicaragua's two foreign ministers) has no later start by another person in the same
    role, `of` and kind of title (a Factbook head of government may be a president and a
    prime minister at once) whom a source shows in office at least as late as the post is
    confirmed (Libya's rival prime ministers). Acting holders end nobody's post."""
    g = _tools()
    slots: dict[tuple[str, str], list[tuple[str, Entity]]] = collections.defaultdict(list)
    for e in officials:
        for p in e.get("posts", []):
            if p["role"] in g.SINGLE_HOLDER and (p["role"], p["of"]) not in g.CO_HELD:
                slots[(p["role"], p["of"])].append((e["id"], p))
    stale = []
    for (role, of), posts in sorted(slots.items()):
        for pid, p in posts:
            if p.get("end") or not p.get("start") or (p.get("source") or "").startswith("curated/"):
                continue
            c = g.title_class(p.get("title"))
            later = [
                (q["start"], qid)
                for qid, q in posts
                if qid != pid
                and q.get("start", "") > p["start"]
                and not q.get("acting")
                and (c is None or g.title_class(q.get("title")) in (None, c))
                and (q.get("end") or q.get("confirmed") or q["start"]) >= p.get("confirmed", "")
            ]
            if later:
                stale.append((role, of, pid, p["start"], min(later)))
    assert not stale, f"{len(stale)} open posts with a later holder: {stale[:10]}"


def test_one_post_one_day_one_person(officials: list[Entity]) -> None:
    """Two officials who took one single-holder post on the same day and share a name word
    are one person (Factbook "Mohamed Najib" and Wikidata "Najib Razak")."""
    g = _tools()
    slots: dict[tuple[str, str, str], list[Entity]] = collections.defaultdict(list)
    for e in officials:
        for p in e.get("posts", []):
            if (
                p["role"] in g.SINGLE_HOLDER
                and p.get("start")
                and (p["role"], p["of"]) not in g.CO_HELD
            ):
                slots[(p["role"], p["of"], p["start"])].append(e)

    def name_words(e: Entity) -> set[str]:
        texts = [e["name"]] + [
            a["text"] for a in e.get("aliases", []) if a["type"] in ("name", "alias")
        ]
        return {w for t in texts for w in re.findall(r"[^\W_]+", fold(t)) if len(w) >= 4}

    pairs = []
    for k, es in sorted(slots.items()):
        for i, a in enumerate(es):
            for b in es[i + 1 :]:
                qa, qb = qid(a), qid(b)
                if (
                    a["id"] != b["id"]
                    and not (qa and qb and qa != qb)
                    and name_words(a) & name_words(b)
                ):
                    pairs.append((k, a["id"], b["id"]))
    assert not pairs, f"{len(pairs)} pairs: {pairs[:10]}"
