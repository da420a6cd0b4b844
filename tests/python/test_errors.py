"""Errors: the exception hierarchy, and what each failure raises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import geopol


def test_hierarchy() -> None:
    assert issubclass(geopol.GeopolError, ValueError)
    assert issubclass(geopol.LoadError, geopol.GeopolError)
    assert issubclass(geopol.BuildError, geopol.GeopolError)
    assert geopol.LoadError.__module__ == "geopol"


def test_bad_record_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    good = {"id": "state:KAZ", "kind": "state", "name": "Kazakhstan"}
    path.write_text(
        json.dumps(good) + "\n\n" + '{"id": "state:X", "kind": "state", "nme": "X"}\n',
        encoding="utf-8",
    )
    with pytest.raises(geopol.LoadError) as info:
        geopol.Matcher([path], default=False)
    message = str(info.value)
    assert f"{path}:3: " in message
    assert "nme" in message


def test_every_problem_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    records = [
        {"id": "state:A", "kind": "state", "name": "A"},
        {"id": "state:A", "kind": "state", "name": "A again"},
        {"id": "org:B", "kind": "organization", "name": "B", "members": ["state:C"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with pytest.raises(geopol.LoadError) as info:
        geopol.Matcher([path], default=False)
    message = str(info.value)
    assert message.startswith("2 problems:")
    assert f"{path}:2: " in message and "duplicate id" in message
    assert f"{path}:3: " in message and '"state:C" refers to an unknown id' in message


def test_bad_csv_and_json(tmp_path: Path) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text("id,kind,name\nstate:X,country,X\n", encoding="utf-8")
    with pytest.raises(geopol.LoadError, match=f"{csv}:2: "):
        geopol.Matcher([csv], default=False)
    broken = tmp_path / "broken.json"
    broken.write_text('{"entities": [', encoding="utf-8")
    with pytest.raises(geopol.LoadError, match=f"{broken}:1: "):
        geopol.Matcher([broken])


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.jsonl"
    with pytest.raises(FileNotFoundError) as info:
        geopol.Matcher([missing])
    assert info.value.filename == str(missing)
    assert "No such file or directory" in str(info.value)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError, match="is a directory"):
        geopol.Matcher([tmp_path])


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.txt"
    path.write_text("", encoding="utf-8")
    with pytest.raises(geopol.LoadError, match="cannot tell the gazetteer format"):
        geopol.Matcher([path])


def test_gazetteers_of_another_type() -> None:
    with pytest.raises(TypeError, match="gazetteers must be a path or a sequence of paths"):
        geopol.Matcher(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        geopol.Matcher([42])  # type: ignore[list-item]


def test_from_entities_problems_name_the_position() -> None:
    with pytest.raises(geopol.LoadError, match=r'^<entities>:2: entity "b": unknown variant'):
        geopol.Matcher.from_entities(
            [{"id": "a", "kind": "state", "name": "A"}, {"id": "b", "kind": "land", "name": "B"}]
        )
    with pytest.raises(geopol.LoadError, match="<entities>:1: "):
        geopol.Matcher.from_entities(["not a record"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not a str"):
        geopol.Matcher.from_entities("abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        geopol.Matcher.from_entities([{"id": object()}])


def test_alias_that_folds_to_nothing() -> None:
    with pytest.raises(geopol.LoadError, match="folds to nothing"):
        geopol.Matcher.from_entities(
            [{"id": "a", "kind": "state", "name": "A", "aliases": [{"text": "!!!"}]}]
        )


def test_extending_with_another_kind_or_name_is_refused() -> None:
    # Over the default gazetteer (extend mode), state:TUR is "Türkiye", a state.
    renamed = {"id": "state:TUR", "kind": "state", "name": "Turkey"}
    with pytest.raises(geopol.LoadError, match=r'name "Turkey" conflicts with name "Türkiye"'):
        geopol.Matcher.from_entities([renamed], default=True)
    rekinded = {"id": "state:TUR", "kind": "official", "name": "Türkiye"}
    with pytest.raises(geopol.LoadError, match=r'kind "official" conflicts with kind "state"'):
        geopol.Matcher.from_entities([rekinded], default=True)
    # Override mode replaces the record, as asked.
    m = geopol.Matcher.from_entities([renamed], default=True, mode="override")
    assert m.get("state:TUR").name == "Turkey"  # type: ignore[union-attr]


def test_utf16_gazetteer_is_named(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_bytes('{"id": "state:QQH", "kind": "state", "name": "Quohland"}\n'.encode("utf-16"))
    with pytest.raises(
        geopol.LoadError, match=r"g.jsonl:1: this file is UTF-16; geopol reads UTF-8"
    ):
        geopol.Matcher(path, default=False)
