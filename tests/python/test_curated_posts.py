"""The checks tools/gen_posts.py makes on data/curated/posts/*.jsonl, and the merge rules."""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import gen_gazetteer  # noqa: E402
import gen_posts  # noqa: E402

GOOD: dict[str, Any] = {
    "id": "person:ana-example",
    "name": "Ana Example",
    "role": "foreign_minister",
    "of": "state:FRA",
    "title": "Minister of Foreign Affairs",
    "start": "2024-01-11",
    "confirmed": "2024-06-01",
    "sources": [{"title": "a page", "url": "https://example.org/a", "date": "2024-01-11"}],
    "checked": "2026-12-02",
}


def problems_of(tmp_path: Path, *lines: dict[str, Any] | str) -> list[str]:
    (tmp_path / "b.jsonl").write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    other = {**GOOD, "id": "person:other", "name": "Other"}
    (tmp_path / "a.jsonl").write_text(json.dumps(other) + "\n")
    _, problems = gen_posts.read_post_files(str(tmp_path), gen_gazetteer.role_keys())
    return list(problems)


def test_the_committed_files_are_clean() -> None:
    folder = ROOT / "data/curated/posts"
    lines, problems = gen_posts.read_post_files(str(folder), gen_gazetteer.role_keys())
    assert problems == []
    files = sorted(folder.glob("*.jsonl"))
    count = sum(1 for f in files for line in f.read_text("utf-8").splitlines() if line.strip())
    assert len(lines) == count


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"title": None}, "b.jsonl:1: missing key 'title'"),
        ({"role": "wizard"}, "b.jsonl:1: unknown role key 'wizard'"),
        ({"start": "2024-02-30"}, "b.jsonl:1: bad date in 'start'"),
        ({"end": "2023-12-31"}, "b.jsonl:1: end 2023-12-31 is before start 2024-01-11"),
        ({"confirmed": None}, "b.jsonl:1: open post (no 'end') without 'confirmed'"),
        ({"confimed": "2024-06-01"}, "b.jsonl:1: unknown key 'confimed'"),
        ({"sources": []}, "b.jsonl:1: 'sources' must be a non-empty list"),
        ({"wikidata": "7821917"}, "b.jsonl:1: wikidata '7821917' is not a QID"),
    ],
)
def test_a_bad_line_is_named(tmp_path: Path, change: dict[str, Any], expected: str) -> None:
    line = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    problems = problems_of(tmp_path, line)
    assert any(p.startswith(expected) for p in problems), problems


def test_the_line_number_counts_every_line(tmp_path: Path) -> None:
    third = {**GOOD, "start": "2025-01-01", "checked": "x"}
    problems = problems_of(tmp_path, GOOD, "{not json", third)
    assert sorted({p.split(": ")[0] for p in problems}) == ["b.jsonl:2", "b.jsonl:3"]


def test_one_person_overlapping_itself_is_an_error(tmp_path: Path) -> None:
    first, second = {**GOOD, "end": "2024-12-31"}, {**GOOD, "start": "2024-06-01"}
    problems = problems_of(tmp_path, first, second)
    assert any("overlaps b.jsonl:1" in p for p in problems), problems


def test_unknown_of(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text(json.dumps({**GOOD, "of": "state:XXX"}) + "\n")
    lines, problems = gen_posts.read_post_files(str(tmp_path), gen_gazetteer.role_keys())
    assert problems == []
    assert gen_posts.check_of(lines, {"state:FRA"}) == [
        "c.jsonl:1: unknown 'of' id 'state:XXX' (not a state or organization of the gazetteer)"
    ]


def official(id_: str, name: str, *posts: dict[str, Any], qid: str | None = None) -> dict[str, Any]:
    e: dict[str, Any] = gen_gazetteer.entity(id_, "official", name)
    e["posts"] = [dict(p) for p in posts]
    if qid:
        e["codes"]["wikidata"] = qid
    return e


def merged(
    tmp_path: Path, people_list: list[dict[str, Any]], *lines: dict[str, Any]
) -> tuple[Any, collections.Counter[str]]:
    (tmp_path / "p.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    lines_, problems = gen_posts.read_post_files(str(tmp_path), gen_gazetteer.role_keys())
    assert problems == []
    people = gen_gazetteer.People()
    for e in people_list:
        people.add(e)
    stats: collections.Counter[str] = collections.Counter()
    placed = gen_posts.merge_posts(people, lines_, stats, lambda _: None)
    gen_posts.close_stale_posts(people, placed, stats, lambda _: None)
    return people, stats


def test_merge_replace_and_close(tmp_path: Path) -> None:
    fm = {"role": "foreign_minister", "of": "state:FRA"}
    old = official("person:old-holder", "Old Holder", {**fm, "start": "2020-01-01"}, qid="Q1")
    plural = {"role": "minister", "of": "state:FRA", "start": "2020-01-01"}
    junior = official("person:junior", "Junior", plural)
    same = official("person:ana-x", "Ana Example", {**fm, "start": "2024-01-10"}, qid="Q2")
    new_line = {**GOOD, "id": "person:new-one", "name": "Nadia Newcomer", "start": "2025-03-01"}
    new_line.update(confirmed="2025-06-01", role="defence_minister")
    people, stats = merged(tmp_path, [old, junior, same], {**GOOD, "wikidata": "Q2"}, new_line)
    assert stats["curated posts: persons merged by QID"] == 1
    assert stats["curated posts: persons created"] == 1
    ana = people.by_id["person:ana-example"]  # renamed to the curated id
    assert [p["start"] for p in ana["posts"]] == ["2024-01-11"]
    assert stats["curated posts: posts replaced"] == 1
    assert old["posts"][0]["end"] == "2024-01-10"
    assert "curated successor Ana Example" in old["posts"][0]["note"]
    assert "end" not in junior["posts"][0]  # a plural role is never closed
    new = people.by_id["person:new-one"]
    assert {"text": "Newcomer", "type": "surname"} in new["aliases"]
    assert new["sources"] == ["curated"]


def test_acting_closes_nothing_and_month_start_takes_the_day(tmp_path: Path) -> None:
    fm = {"role": "foreign_minister", "of": "state:FRA"}
    other = official("person:titular", "Titular Holder", {**fm, "start": "2020-01-01"})
    same = official("person:ana-example", "Ana Example", {**fm, "start": "2024-01-17"})
    people, _ = merged(tmp_path, [other, same], {**GOOD, "start": "2024-01", "acting": True})
    assert "end" not in other["posts"][0]
    post = people.by_id["person:ana-example"]["posts"][0]
    assert post["start"] == "2024-01-17" and post["acting"] is True
    assert "start day 2024-01-17" in post["note"]


def test_the_latest_confirmed_day_of_the_same_open_post_is_kept(tmp_path: Path) -> None:
    fm = {"role": "foreign_minister", "of": "state:FRA", "start": "2024-01-11"}
    later = {**fm, "confirmed": "2026-06-19", "source": "ifg"}
    same = official("person:ana-example", "Ana Example", later)
    people, stats = merged(tmp_path, [same], GOOD)  # the line confirms to 2024-06-01
    post = people.by_id["person:ana-example"]["posts"][0]
    assert post["confirmed"] == "2026-06-19"
    assert "confirmed to 2026-06-19 by ifg" in post["note"]
    assert stats["open posts: confirmed day taken from a later source of the same post"] == 1


def test_an_older_confirmed_day_or_a_closed_post_changes_nothing(tmp_path: Path) -> None:
    fm = {"role": "foreign_minister", "of": "state:FRA", "start": "2024-01-11"}
    older = official("person:ana-example", "Ana Example", {**fm, "confirmed": "2024-03-01"})
    people, _ = merged(tmp_path, [older], GOOD)
    assert people.by_id["person:ana-example"]["posts"][0]["confirmed"] == "2024-06-01"
    closed = {**GOOD, "end": "2024-05-01"}
    del closed["confirmed"]
    later = official("person:ana-example", "Ana Example", {**fm, "confirmed": "2026-06-19"})
    people, _ = merged(tmp_path, [later], closed)
    post = people.by_id["person:ana-example"]["posts"][0]
    assert post["end"] == "2024-05-01" and "confirmed" not in post


def test_keep_latest_confirmed_reads_the_source_snapshot() -> None:
    kept = {
        "role": "head_of_state",
        "of": "state:UKR",
        "start": "2019-05-20",
        "confirmed": "2026-01-03",
    }
    factbook = {"role": "head_of_state", "of": "state:UKR", "source": "factbook"}
    gen_gazetteer.keep_latest_confirmed(kept, factbook)
    assert kept["confirmed"] == gen_gazetteer.SNAPSHOT_CONFIRMED["factbook"]
    # A source that confirms nothing later (Wikidata, 2022-07-01) leaves it.
    again = dict(kept)
    gen_gazetteer.keep_latest_confirmed(again, {**factbook, "source": "wikidata"})
    assert again == kept
    # A post without a day of its own (a curated official's) takes the replaced post's:
    # the same post of the same holder, which that source shows up to its day.
    bare = {"role": "head_of_state", "of": "state:UKR", "start": "2019-05-20"}
    gen_gazetteer.keep_latest_confirmed(bare, factbook)
    assert bare["confirmed"] == gen_gazetteer.SNAPSHOT_CONFIRMED["factbook"]
    # Not when that day is before the kept post began (another term).
    late = {"role": "head_of_state", "of": "state:UKR", "start": "2026-03-01"}
    gen_gazetteer.keep_latest_confirmed(late, factbook)
    assert "confirmed" not in late


def test_a_factbook_row_confirms_a_wikidata_post_to_its_last_snapshot() -> None:
    stats: collections.Counter[str] = collections.Counter()
    wikidata = {"role": "head_of_state", "of": "state:AUT", "start": "2017-01-26"}
    gen_gazetteer.factbook_confirms(wikidata, "2026-01-22", stats)
    assert wikidata["confirmed"] == "2026-01-22"
    # A row older than the Wikidata snapshot (2022-07-01) tells nothing new about it ...
    old = {"role": "head_of_state", "of": "state:AUT", "start": "2017-01-26"}
    gen_gazetteer.factbook_confirms(old, "2020-11-23", stats)
    assert "confirmed" not in old
    # ... but does for the Factbook's own post; and an ended post is left alone.
    own = {"role": "head_of_state", "of": "state:AUT", "start": "2017-01-26", "source": "factbook"}
    gen_gazetteer.factbook_confirms(own, "2020-11-23", stats)
    assert own["confirmed"] == "2020-11-23"
    ended = {"role": "head_of_state", "of": "state:AUT", "start": "2010-01-01", "end": "2016-12-31"}
    gen_gazetteer.factbook_confirms(ended, "2026-01-22", stats)
    assert "confirmed" not in ended


def test_factbook_holder_text_with_html_entities_parses() -> None:
    text = "President Yamand&uacute; ORSI Mart&iacute;nez (since 1 March 2025)"
    parsed = gen_gazetteer.parse_holder(text)
    assert parsed is not None
    title, name, _surname, start = parsed
    assert (title, start) == ("President", "2025-03-01")
    assert "Yamandú" in name


def test_generator_stops_on_a_bad_line(tmp_path: Path) -> None:
    cur = tmp_path / "curated"
    (cur / "posts").mkdir(parents=True)
    (cur / "posts" / "x.jsonl").write_text(json.dumps({**GOOD, "role": "wizard"}) + "\n")
    cmd = [sys.executable, str(ROOT / "tools/gen_gazetteer.py"), "--curated", str(cur)]
    cmd += ["--geopol", "/nonexistent", "--out", os.devnull]
    r = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert r.returncode != 0 and "x.jsonl:1: unknown role key 'wizard'" in r.stderr


WITHDRAW: dict[str, Any] = {
    **{k: v for k, v in GOOD.items() if k != "confirmed"},
    "id": "person:civil-servant",
    "name": "Civil Servant",
    "title": "Foreign Secretary",
    "withdraw": "government",
    "note": "the senior civil servant of the ministry, not its minister",
}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"withdraw": "wizard"}, "'withdraw' must be true or a role key"),
        ({"withdraw": False}, "'withdraw' must be true or a role key"),
        ({"note": None}, "a 'withdraw' line needs a 'note'"),
        ({"confirmed": "2024-06-01"}, "a 'withdraw' line has no 'confirmed' or 'acting'"),
    ],
)
def test_a_bad_withdraw_line_is_named(
    tmp_path: Path, change: dict[str, Any], expected: str
) -> None:
    line = {k: v for k, v in {**WITHDRAW, **change}.items() if v is not None}
    problems = problems_of(tmp_path, line)
    assert any(expected in p for p in problems), problems


def test_withdraw_files_a_snapshot_post_under_its_role_or_removes_it(tmp_path: Path) -> None:
    wrong = {"role": "foreign_minister", "of": "state:FRA", "title": "Foreign Secretary"}
    other = {"role": "ambassador", "of": "state:FRA", "start": "2019-01-01", "end": "2023-12-31"}
    servant = official(
        "person:civil-servant", "Civil Servant", other, {**wrong, "start": "2024-01-11"}
    )
    twice = official(
        "person:twice", "Twice", {**wrong, "role": "head_of_state", "start": "2024-01-11"}
    )
    remove = {**WITHDRAW, "id": "person:twice", "name": "Twice", "role": "head_of_state"}
    remove["withdraw"] = True
    people, stats = merged(tmp_path, [servant, twice], WITHDRAW, remove)
    posts = people.by_id["person:civil-servant"]["posts"]
    assert [p["role"] for p in posts] == ["ambassador", "government"]
    assert "not its minister" in posts[1]["note"]
    assert people.by_id["person:twice"]["posts"] == []
    assert stats["curated posts: snapshot posts filed under another role"] == 1
    assert stats["curated posts: snapshot posts withdrawn"] == 1


def test_a_withdraw_line_that_withdraws_nothing_is_an_error(tmp_path: Path) -> None:
    later = {"role": "foreign_minister", "of": "state:FRA", "title": "Foreign Secretary"}
    servant = official(
        "person:civil-servant",
        "Civil Servant",
        {**later, "start": "2019-01-01", "end": "2020-01-01"},
    )
    (tmp_path / "p.jsonl").write_text(json.dumps(WITHDRAW) + "\n")
    lines, problems = gen_posts.read_post_files(str(tmp_path), gen_gazetteer.role_keys())
    assert problems == []
    people = gen_gazetteer.People()
    people.add(servant)
    with pytest.raises(SystemExit, match=r"p\.jsonl:1: withdraws no post"):
        gen_posts.merge_posts(people, lines, collections.Counter(), lambda _: None)
