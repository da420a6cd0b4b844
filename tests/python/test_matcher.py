"""``geopol.Matcher`` and ``geopol.Mention``: construction, extraction, records."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

import geopol
from support import CASES_GAZETTEER

KAZ: dict[str, Any] = {
    "id": "state:KAZ",
    "kind": "state",
    "name": "Kazakhstan",
    "aliases": [{"text": "Kazakh", "type": "demonym"}],
    "codes": {"iso3": "KAZ", "wikidata": "Q232"},
}
TOKAYEV: dict[str, Any] = {
    "id": "person:tokayev",
    "kind": "official",
    "name": "Kassym-Jomart Tokayev",
    "aliases": [{"text": "Tokayev", "type": "surname"}],
    "posts": [
        {"role": "foreign_minister", "of": "state:KAZ", "start": "2002-01-28", "end": "2007-01-10"},
        {"role": "head_of_state", "of": "state:KAZ", "start": "2019-03-20"},
    ],
}
TEXT = "Kazakh President Kassym-Jomart Tokayev spoke in Astana; Tokayev said…"


@pytest.fixture(scope="module")
def small() -> geopol.Matcher:
    return geopol.Matcher.from_entities([KAZ, TOKAYEV])


def test_paths_may_be_str_pathlike_or_one_path() -> None:
    as_str = geopol.Matcher([str(CASES_GAZETTEER)], default=False)
    as_path = geopol.Matcher((CASES_GAZETTEER,), default=False)
    one = geopol.Matcher(CASES_GAZETTEER, default=False)
    text = "Niger and Nigeria"
    assert as_str.extract(text) == as_path.extract(text) == one.extract(text)
    assert len(one) == one.entity_count == len(CASES_GAZETTEER.read_text().splitlines())
    assert not one.is_default
    assert repr(one) == f"<Matcher: {len(one)} entities>"


def test_default_matcher_is_built_once() -> None:
    d = geopol.Matcher.default()
    assert d is geopol.Matcher.default()
    assert d.is_default
    assert repr(d).startswith("<Matcher: default gazetteer, ")
    plain = geopol.Matcher()
    assert plain.is_default
    assert len(plain) == len(d)


def test_files_extend_the_default(tmp_path: Path) -> None:
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps(KAZ | {"id": "state:XKZ", "name": "Xanadu Kazakh"}) + "\n")
    m = geopol.Matcher([extra])
    assert not m.is_default
    assert "state:XKZ" in m and "state:XKZ" not in geopol.Matcher.default()
    assert len(m) == len(geopol.Matcher.default()) + 1
    assert repr(m).startswith("<Matcher: default gazetteer extended, ")


def test_extend_and_override_modes() -> None:
    more = {"id": "state:KAZ", "kind": "state", "name": "Qazaqstan"}
    extended = geopol.Matcher.from_entities([KAZ, TOKAYEV])
    both = geopol.Matcher.from_entities(
        [{**KAZ, "aliases": [{"text": "Qazaq", "type": "demonym"}]}], mode="extend"
    )
    assert [a.text for a in both.get("state:KAZ").aliases] == ["Qazaq"]  # type: ignore[union-attr]
    assert extended.get("state:KAZ").name == "Kazakhstan"  # type: ignore[union-attr]
    over = geopol.Matcher.from_entities([more], mode="override")
    assert over.get("state:KAZ").name == "Qazaqstan"  # type: ignore[union-attr]
    with pytest.raises(geopol.GeopolError, match='mode must be "extend" or "override"'):
        geopol.Matcher.from_entities([KAZ], mode="replace")  # type: ignore[arg-type]


def test_files_merge_in_order(tmp_path: Path) -> None:
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.csv"
    a.write_text(json.dumps(KAZ) + "\n")
    b.write_text("id,kind,name,aliases\nstate:KAZ,state,Kazakhstan,Qazaqstan\n")
    ext = geopol.Matcher([a, b], default=False)
    assert [x.text for x in ext.extract("Qazaqstan and Kazakh")] == ["Qazaqstan", "Kazakh"]
    over = geopol.Matcher([a, b], default=False, mode="override")
    assert [x.text for x in over.extract("Qazaqstan and Kazakh")] == ["Qazaqstan"]


def test_from_entities_takes_entity_objects(small: geopol.Matcher) -> None:
    again = geopol.Matcher.from_entities(small.entities())
    assert again.extract(TEXT, date="2022-01-11") == small.extract(TEXT, date="2022-01-11")
    assert [e.to_dict() for e in again.entities()] == [KAZ, TOKAYEV]


def test_extract_mentions(small: geopol.Matcher) -> None:
    kaz, tok, sur = small.extract(TEXT, date=datetime.date(2022, 1, 11))
    assert (kaz.text, kaz.kind, kaz.id, kaz.name, kaz.matched_by) == (
        "Kazakh",
        "state",
        "state:KAZ",
        "Kazakhstan",
        "demonym",
    )
    assert kaz.codes == {"iso3": "KAZ", "wikidata": "Q232"}
    assert kaz.role is None and kaz.state is None and kaz.candidates == []
    assert tok.role is not None
    role = (tok.role.key, tok.role.of, tok.role.of_name)
    assert role == ("head_of_state", "state:KAZ", "Kazakhstan")
    assert (tok.role.start, tok.role.end) == ("2019-03-20", None)
    assert tok.state == "state:KAZ" and tok.date_checked
    assert (sur.text, sur.matched_by, sur.id) == ("Tokayev", "surname", "person:tokayev")


@pytest.mark.parametrize(
    "date",
    [
        "2005-06-01",
        datetime.date(2005, 6, 1),
        datetime.datetime(2005, 6, 1, 23, 59),
        "2005-06-01T10:00:00+06:00",
        "2005-06-01 10:00",
    ],
)
def test_date_forms(small: geopol.Matcher, date: Any) -> None:
    [tok] = small.extract("Kassym-Jomart Tokayev", date=date)
    assert tok.role is not None and tok.role.key == "foreign_minister"


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2022-13-01", 'invalid date "2022-13-01"'),
        ("2021-02-29", "day 29 does not exist in 2021-02"),
        ("11/01/2022", "expected YYYY-MM-DD"),
        ("2022", "expected YYYY-MM-DD"),
        ("", "expected YYYY-MM-DD"),
    ],
)
def test_bad_dates_are_value_errors(small: geopol.Matcher, date: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as info:
        small.extract("Kazakh", date=date)
    assert isinstance(info.value, geopol.GeopolError)


def test_a_date_of_another_type_is_a_type_error(small: geopol.Matcher) -> None:
    with pytest.raises(TypeError, match=r"date must be a datetime\.date"):
        small.extract("Kazakh", date=20220111)  # type: ignore[call-overload]


def test_batch(small: geopol.Matcher) -> None:
    texts = [TEXT, "", "nothing here", "Tokayev"] * 5
    dates: list[str | None] = ["2005-06-01", None, "2022-01-11", None] * 5
    want = [small.extract(t, date=d) for t, d in zip(texts, dates)]
    assert small.extract_batch(texts, dates=dates) == want
    assert small.extract_batch(iter(texts), dates=dates, threads=1) == want
    assert small.extract_batch(tuple(texts), dates=dates, threads=3) == want
    same = small.extract_batch(texts, dates="2005-06-01")
    assert same == [small.extract(t, date="2005-06-01") for t in texts]
    assert small.extract_batch([]) == []


def test_batch_argument_errors(small: geopol.Matcher) -> None:
    with pytest.raises(TypeError, match="not a str"):
        small.extract_batch("Kazakh")
    with pytest.raises(TypeError, match=r"texts\[1\] must be a str"):
        small.extract_batch(["Kazakh", 3])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="dates has 1 items but texts has 2"):
        small.extract_batch(["a", "b"], dates=[None])
    with pytest.raises(ValueError, match=r"dates\[1\]: invalid date"):
        small.extract_batch(["a", "b"], dates=[None, "2022-02-30"])
    with pytest.raises(ValueError, match="threads must be at least 1"):
        small.extract_batch(["a"], threads=0)


def test_get_entities_contains(small: geopol.Matcher) -> None:
    e = small.get("person:tokayev")
    assert e is not None
    assert (e.id, e.kind, e.name, e.members, e.sources, e.role) == (
        "person:tokayev",
        "official",
        "Kassym-Jomart Tokayev",
        [],
        [],
        None,
    )
    assert [p.role for p in e.posts] == ["foreign_minister", "head_of_state"]
    post = e.post_on(datetime.date(2005, 1, 1))
    assert post is not None and post.held_on("2006-12-31") and not post.held_on("2007-01-11")
    assert e.aliases[0].case == "capitalized"
    assert e.to_dict() == TOKAYEV
    assert small.get("state:NONE") is None
    assert "state:KAZ" in small and "state:NONE" not in small and 3 not in small
    assert [x.id for x in small.entities()] == ["state:KAZ", "person:tokayev"]
    assert small.pattern_count >= 3


def test_to_dict_is_the_mention_json(cases_matcher: geopol.Matcher) -> None:
    """``to_dict`` gives exactly what ``Mention::to_json`` (the CLI's output) gives."""
    text = (
        "Kazakh President Kassym-Jomart Tokayev met Turkish Foreign Minister Mevlüt "
        "Çavuşoğlu in ANKARA; Smith and the Secretary General of the OTS said Tokayev…"
    )
    for date in (None, "2022-01-11", "2005-06-01"):
        found = cases_matcher.extract(text, date=date)
        reference = json.loads(cases_matcher._extract_json(text, date=date))
        assert [m.to_dict() for m in found] == reference
        assert any(d["role"] for d in reference)
        assert list(found[0].to_dict()) == [
            "start", "end", "byte_start", "byte_end", "text", "kind", "id", "name",
            "matched_by", "codes", "role", "state", "stands_for", "candidates",
            "more_candidates", "date_checked",
        ]  # fmt: skip


def test_mention_records(small: geopol.Matcher) -> None:
    found = small.extract(TEXT, date="2022-01-11")
    again = small.extract(TEXT, date="2022-01-11")
    assert found == again and found[0] != found[1]
    assert len(set(found) | set(again)) == len(found)
    assert found[0] != "Kazakh"
    for m in found:
        assert geopol.Mention.from_dict(m.to_dict()) == m
        assert repr(m).startswith(f"Mention(start={m.start}, end={m.end}, text={m.text!r}")
    role = found[1].role
    assert role is not None and role == found[2].role and hash(role) == hash(found[2].role)
    assert role.to_dict() == {
        "key": "head_of_state",
        "title": "Head of State",
        "of": "state:KAZ",
        "of_name": "Kazakhstan",
        "former": False,
        "also": [],
        "start": "2019-03-20",
        "end": None,
    }
    with pytest.raises(AttributeError):
        found[0].text = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        geopol.Mention()


def test_from_dict_rejects_other_objects() -> None:
    with pytest.raises(geopol.GeopolError, match="not a Mention JSON object"):
        geopol.Mention.from_dict({"start": 0})
    with pytest.raises(TypeError):
        geopol.Mention.from_dict({"start": object()})


def test_surrogates_are_rejected_cleanly(small: geopol.Matcher) -> None:
    # Not valid Unicode: a GeopolError (a ValueError, as UnicodeEncodeError was) naming it.
    with pytest.raises(
        geopol.GeopolError, match="text is not valid Unicode: lone surrogate at index 7"
    ):
        small.extract("Kazakh \ud800")


def test_an_empty_gazetteer_finds_nothing() -> None:
    m = geopol.Matcher([], default=False)
    assert len(m) == 0
    assert m.extract("Kazakhstan") == []


@pytest.mark.parametrize("bad", ["2024", "0000-01-01", " 2024-01-01 ", "2024-01"])
def test_document_dates_are_strict_as_on_the_command_line(small: geopol.Matcher, bad: str) -> None:
    with pytest.raises(geopol.GeopolError, match="invalid date"):
        small.extract("Kazakh", date=bad)


def test_a_date_may_carry_a_time(small: geopol.Matcher) -> None:
    assert small.extract("Kazakh", date="2022-01-11T09:30:00Z") == small.extract(
        "Kazakh", date="2022-01-11"
    )


def test_a_president_of_a_presidential_system_holds_both_posts() -> None:
    title = "President of Kenya"
    since = "2022-09-13"
    matcher = geopol.Matcher.from_entities(
        [
            {"id": "state:KEN", "kind": "state", "name": "Kenya"},
            {
                "id": "person:baraka-mwangaza",
                "kind": "official",
                "name": "Baraka Mwangaza",
                "posts": [
                    {"role": role, "of": "state:KEN", "title": t, "start": since}
                    for role, t in [
                        ("head_of_state", title),
                        ("head_of_government", title),
                        ("military_chief", "Commander"),
                    ]
                ],
            },
        ]
    )
    (m,) = matcher.extract("Baraka Mwangaza spoke.", date="2024-01-01")
    assert m.role is not None
    assert (m.role.key, m.role.also) == ("head_of_state", ["head_of_government"])
    assert m.to_dict()["role"]["also"] == ["head_of_government"]  # type: ignore[index]
    assert "also=['head_of_government']" in repr(m.role)
    assert geopol.Mention.from_dict(m.to_dict()) == m
    (before,) = matcher.extract("Baraka Mwangaza spoke.", date="2020-01-01")
    assert before.role is None


def test_explain_gives_the_same_mentions_and_why_each_candidate_went() -> None:
    m = geopol.Matcher.default()
    text = "Çalışkan met Michael Jordan; later the Turkish foreign minister spoke in Ankara."
    plain = m.extract(text, date="2024-05-01")
    mentions, why = m.extract(text, date="2024-05-01", explain=True)
    assert mentions == plain
    jordan = next(d for d in why if d.text == "Jordan")
    assert (jordan.action, jordan.pass_, jordan.reason, jordan.id) == (
        "drop",
        "readings",
        "person_name",
        "state:JOR",
    )
    # Code-point offsets, as for mentions; the byte offsets differ after the first word.
    assert text[jordan.start : jordan.end] == "Jordan"
    assert jordan.byte_start == jordan.start + 3
    holder = next(d for d in why if d.reason == "holder_on_date")
    assert (holder.action, holder.pass_, holder.to) == ("relink", "titles", "person:hakan-fidan")
    assert any(x.id == "person:hakan-fidan" and x.text == "foreign minister" for x in mentions)
    for d in why:
        assert text[d.start : d.end] == d.text
        assert d.action in {"drop", "relink", "add", "annotate"}


def test_decisions_round_trip_through_dicts_and_pickle() -> None:
    import pickle

    _, why = geopol.Matcher.default().extract("Michael Jordan visited Amman.", explain=True)
    assert why
    for d in why:
        data = d.to_dict()
        assert list(data) == [
            "start",
            "end",
            "byte_start",
            "byte_end",
            "text",
            "kind",
            "id",
            "to",
            "action",
            "pass",
            "reason",
        ]
        assert geopol.Decision.from_dict(data) == d
        assert pickle.loads(pickle.dumps(d)) == d
        assert hash(geopol.Decision.from_dict(json.loads(json.dumps(data)))) == hash(d)
        assert repr(d).startswith("Decision(start=")
    with pytest.raises(geopol.GeopolError, match="not a decision JSON object"):
        geopol.Decision.from_dict({"start": 0})


def test_explain_false_is_the_plain_list(small: geopol.Matcher) -> None:
    assert small.extract("Chad", explain=False) == small.extract("Chad")
    assert isinstance(small.extract("Chad", explain=False), list)


def test_extract_iter_yields_the_mentions_of_extract() -> None:
    m = geopol.Matcher.default()
    short = (
        "Çavuşoğlu met Michael Jordan.\n\nLater Jordan rested; the Turkish foreign minister spoke."
    )
    # One paragraph of many lines, longer than a piece (64 KiB), with non-ASCII text
    # before each line's mentions: code-point offsets must run on across pieces.
    line = "Ülkü said: Kazakh President Kassym-Jomart Tokayev met Turkish officials in Ankara.\n"
    long = "Michael Jordan scored.\n" + line * 3000 + "Later Jordan rested, and Tokayev left.\n"
    assert len(long.encode()) > 3 * 65536
    for text in ["", "no mention here", short, long]:
        want = m.extract(text, date="2022-01-11")
        got = list(m.extract_iter(text, date="2022-01-11"))
        assert got == want
        for x in got:
            assert text[x.start : x.end] == x.text
    it = m.extract_iter(short)
    assert iter(it) is it
    assert isinstance(it, geopol.MentionIterator)
    assert next(it).text == "Çavuşoğlu"


def test_extract_iter_checks_its_arguments_at_once() -> None:
    m = geopol.Matcher.default()
    with pytest.raises(TypeError):
        m.extract_iter(b"Chad")  # type: ignore[arg-type]
    with pytest.raises(geopol.GeopolError, match="day 30"):
        m.extract_iter("Chad", date="2022-02-30")
    with pytest.raises(geopol.GeopolError):
        m.extract_iter("Chad \ud800")


def test_an_iterator_dropped_early_stops_its_work() -> None:
    m = geopol.Matcher.default()
    text = "Chad and Niger.\n" * 50_000
    for _ in range(50):
        it = m.extract_iter(text)
        assert next(it).text == "Chad"
        del it
    # Still usable, and exhausted iterators stay exhausted.
    it = m.extract_iter("Chad")
    assert [x.text for x in it] == ["Chad"]
    assert list(it) == []


def test_a_role_object_always_has_the_same_keys(cases_matcher: geopol.Matcher) -> None:
    text = "The Kazakh president met a Foreign Minister. Kassym-Jomart Tokayev spoke."
    roles = [m.to_dict()["role"] for m in cases_matcher.extract(text, date="2022-01-11")]
    found = [r for r in roles if r is not None]
    assert len(found) == 2  # the bare title and Tokayev's post
    keys = {"key", "title", "of", "of_name", "former", "also", "start", "end"}
    assert all(set(r) == keys for r in found), found
    bare = [r for r in found if r["key"] == "foreign_minister"]
    assert bare and bare[0]["start"] is None and bare[0]["end"] is None
