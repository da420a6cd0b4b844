"""Hostile arguments: every public function and method of ``geopol._core`` raises an
``Exception`` (never a ``BaseException`` only, such as pyo3's ``PanicException``)."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import geopol
from geopol import _core


class _BadPath:
    """An os.PathLike whose __fspath__ raises."""

    def __fspath__(self) -> str:
        raise RuntimeError("no path")


class _BadStr(str):
    """A str subclass whose methods raise."""

    def __str__(self) -> str:
        raise RuntimeError("no str")

    def encode(self, *args: Any, **kwargs: Any) -> bytes:
        raise RuntimeError("no encode")


BAD: list[Any] = [
    None,
    b"bytes",
    b"a\xff",
    0,
    -1,
    2**64,
    1.5,
    float("nan"),
    [],
    [None],
    ["a\ud800"],
    [b"x"],
    {},
    {"id": "a\ud800"},
    "",
    "a\ud800",
    "a\ud800.jsonl",
    "\udc00",
    "a\udcff",
    "x" * 5_000_000,
    "Chad " * 2_000_000,
    ["x" * 1_000_000],
    float("inf"),
    -(2**70),
    True,
    (),
    ("a\ud800",),
    [[["x"]]],
    [[None, [b"x"]]],
    {"a\ud800": 1},
    object(),
    _BadPath(),
    _BadStr(),
    "\x00",
    "2024-05-01Tgarbage",
]

ONE: Any = 1

RECORDS = [
    {"id": "state:TCD", "kind": "state", "name": "Chad", "aliases": [{"text": "Tchad"}]},
    {
        "id": "person:x",
        "kind": "official",
        "name": "Xavier Exemple",
        "posts": [{"role": "head_of_state", "of": "state:TCD", "start": "2020-01-01"}],
    },
]


def _objects() -> dict[str, Any]:
    m = geopol.Matcher.from_entities(RECORDS)
    entity = m.get("person:x")
    assert entity is not None
    [mention] = m.extract("Xavier Exemple", date="2021-01-01")
    assert mention.role is not None
    _, why = geopol.Matcher.default().extract("Michael Jordan scored.", explain=True)
    return {
        "Decision": why[0],
        "Matcher": m,
        "Entity": entity,
        "Post": entity.posts[0],
        "Alias": m.get("state:TCD").aliases[0],  # type: ignore[union-attr]
        "Mention": mention,
        "Role": mention.role,
    }


def _n_params(f: Callable[..., Any]) -> int:
    try:
        params = inspect.signature(f).parameters.values()
    except (TypeError, ValueError):
        return 1
    return sum(
        p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.name not in ("self", "cls")
        for p in params
    )


def _keywords(f: Callable[..., Any]) -> list[str]:
    try:
        params = inspect.signature(f).parameters.values()
    except (TypeError, ValueError):
        return []
    return [p.name for p in params if p.kind == p.KEYWORD_ONLY]


def _calls() -> list[tuple[str, Callable[..., Any]]]:
    objects = _objects()
    calls: list[tuple[str, Callable[..., Any]]] = [
        ("Matcher", geopol.Matcher),
        ("cli_main", _core.cli_main),
    ]
    for cls_name, obj in objects.items():
        for name in dir(type(obj)):
            if name.startswith("__") and name not in ("__contains__", "__eq__"):
                continue
            attr = getattr(obj, name)
            if callable(attr):
                calls.append((f"{cls_name}.{name}", attr))
    return calls


def _survives(what: str, f: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    try:
        f(*args, **kwargs)
    except Exception:
        pass
    except BaseException as e:  # PanicException and the like
        pytest.fail(f"{what} raised {type(e).__name__} (not an Exception): {e!r}")


@pytest.mark.parametrize("bad", BAD, ids=lambda b: repr(b)[:30])
def test_bad_values_raise_exceptions(bad: Any) -> None:
    for name, f in _calls():
        n = _n_params(f)
        for i in range(n):
            args: list[Any] = ["x"] * n
            args[i] = bad
            _survives(f"{name}(args[{i}]={bad!r:.40})", f, *args)
        for kw in _keywords(f):
            args = ["x"] * n
            _survives(f"{name}({kw}={bad!r:.40})", f, *args, **{kw: bad})
    for argv in (["geopol", bad], ["geopol", "extract", bad], ["geopol", "validate", bad]):
        if isinstance(bad, str | bytes) or bad is None:
            _survives(f"cli_main({argv!r:.60})", _core.cli_main, argv)


def _stub_callables() -> set[str]:
    """The public callables the stub declares: module functions, the Matcher constructor,
    and the methods of every class (dunders aside, but `__contains__` and `__eq__`)."""
    stub = ast.parse((Path(geopol.__file__).parent / "_core.pyi").read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in stub.body:
        if isinstance(node, ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if not isinstance(item, ast.FunctionDef):
                    continue
                if any(isinstance(d, ast.Name) and d.id == "property" for d in item.decorator_list):
                    continue
                if item.name.startswith("__") and item.name not in ("__contains__", "__eq__"):
                    continue
                names.add(f"{node.name}.{item.name}")
            if node.name == "Matcher":
                names.add("Matcher")
    return names


def test_the_walk_covers_every_callable_of_the_stub() -> None:
    walked = {name for name, _ in _calls()}
    missing = _stub_callables() - walked
    assert not missing, f"not walked: {sorted(missing)}"


def test_surrogate_paths_name_the_argument() -> None:
    with pytest.raises(geopol.GeopolError, match=r"gazetteers is not .*lone surrogate at index 1"):
        geopol.Matcher("a\ud800.jsonl")
    with pytest.raises(geopol.GeopolError, match=r"gazetteers\[1\] .*lone surrogate at index 0"):
        geopol.Matcher(["a.jsonl", "\ud800"])
    with pytest.raises(geopol.GeopolError, match=r"argv\[2\] .*lone surrogate at index 1"):
        _core.cli_main(["geopol", "extract", "a\ud800"])
    with pytest.raises(TypeError, match=r"argv\[1\] must be a str or an os.PathLike, not int"):
        _core.cli_main(["geopol", ONE])


def test_surrogate_escaped_path_is_the_os_byte(tmp_path: Any) -> None:
    # os.fsencode semantics: "\udcff" is the undecodable byte 0xff of a file name.
    code = _core.cli_main(["geopol", "validate", str(tmp_path / "no-such-\udcff.jsonl")])
    assert code != 0


def test_surrogate_texts_name_the_item() -> None:
    m = geopol.Matcher.from_entities(RECORDS)
    with pytest.raises(geopol.GeopolError) as info:
        m.extract_batch(["fine", "a\udc00"])
    assert str(info.value) == "texts[1] is not valid Unicode: lone surrogate at index 1"
    with pytest.raises(TypeError, match=r"texts\[0\] must be a str, not int"):
        m.extract_batch([ONE])
    with pytest.raises(geopol.GeopolError, match=r"^text is not valid Unicode: lone surrogate"):
        m.extract("\ud800")
    with pytest.raises(geopol.GeopolError, match=r"^date is not valid Unicode: lone surrogate"):
        m.extract("Chad", date="2020\ud800")
    with pytest.raises(geopol.GeopolError, match=r"^id is not valid Unicode"):
        m.get("state:\ud800")
