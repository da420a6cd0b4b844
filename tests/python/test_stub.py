"""The hand-written stub ``python/geopol/_core.pyi`` against the extension module.

Signatures are checked by ``python -m mypy.stubtest geopol._core``; this file checks what
stubtest does not: that every docstring of the stub is the runtime docstring (the Rust
doc comment), so that editors and ``help()`` say the same thing, and that the examples in
them run.

After changing a doc comment in ``src/python``, rebuild and copy the docstrings over::

    .venv/bin/python tests/python/test_stub.py --write
"""

from __future__ import annotations

import ast
import doctest
import inspect
import sys
from pathlib import Path
from typing import Any

import pytest

import geopol
from geopol import _core

STUB = Path(__file__).resolve().parents[2] / "python" / "geopol" / "_core.pyi"


def _stub_docstrings() -> dict[str, ast.Expr]:
    """Qualified name → the docstring expression, for every documented stub definition."""
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    out: dict[str, ast.Expr] = {}

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
                first = node.body[0] if node.body else None
                is_doc = (
                    isinstance(first, ast.Expr)
                    and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str)
                )
                if is_doc:
                    assert isinstance(first, ast.Expr)
                    out[prefix + node.name] = first
                if isinstance(node, ast.ClassDef):
                    visit(node.body, prefix + node.name + ".")

    visit(tree.body, "")
    return out


def _runtime(qualname: str) -> Any:
    obj: Any = _core
    owner: Any = None
    for part in qualname.split("."):
        owner = obj
        obj = obj.__dict__[part] if isinstance(obj, type) else getattr(obj, part)
    del owner
    return obj


def _runtime_doc(qualname: str) -> str:
    obj = _runtime(qualname)
    doc = obj.__doc__ if not isinstance(obj, type) else obj.__dict__.get("__doc__")
    return inspect.cleandoc(doc or "")


def _stub_doc(expr: ast.Expr) -> str:
    assert isinstance(expr.value, ast.Constant)
    return inspect.cleandoc(str(expr.value.value))


def test_every_stub_docstring_is_the_runtime_one() -> None:
    docs = _stub_docstrings()
    assert docs, "no docstrings found in the stub"
    stale = [name for name, expr in docs.items() if _stub_doc(expr) != _runtime_doc(name)]
    assert not stale, (
        f"stub docstrings differ from the runtime ones: {stale}; "
        "run .venv/bin/python tests/python/test_stub.py --write"
    )


def test_every_public_runtime_object_is_documented_in_the_stub() -> None:
    docs = _stub_docstrings()
    missing = []
    for name in geopol.__all__:
        obj = getattr(geopol, name)
        if getattr(obj, "__module__", None) not in ("geopol", "geopol._core"):
            continue
        if isinstance(obj, type):
            if name not in docs:
                missing.append(name)
            for attr, value in vars(obj).items():
                if attr.startswith("_") or not (value.__doc__ or "").strip():
                    continue
                if f"{name}.{attr}" not in docs:
                    missing.append(f"{name}.{attr}")
    assert not missing, f"documented at run time but not in the stub: {missing}"


def test_stub_examples_run() -> None:
    """The ``>>>`` examples of the stub's docstrings (the runtime's, see above) pass."""
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    attempted = 0
    for name, expr in _stub_docstrings().items():
        test = parser.get_doctest(_stub_doc(expr), {}, name, str(STUB), expr.lineno)
        runner.run(test)
        attempted += len(test.examples)
    result = runner.summarize(verbose=False)
    assert attempted > 0
    assert result.failed == 0


def _format(doc: str, indent: str) -> list[str]:
    quote = 'r"""' if "\\" in doc else '"""'
    lines = doc.splitlines()
    if len(lines) == 1:
        return [f'{indent}{quote}{doc}"""\n']
    out = [f"{indent}{quote}{lines[0]}\n"]
    out += [(f"{indent}{line}" if line else "") + "\n" for line in lines[1:]]
    out.append(f'{indent}"""\n')
    return out


def write() -> int:
    """Copies the runtime docstrings into the stub; returns how many changed."""
    lines = STUB.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = 0
    # Bottom-up, so that earlier line numbers stay valid.
    for name, expr in sorted(_stub_docstrings().items(), key=lambda kv: -kv[1].lineno):
        doc = _runtime_doc(name)
        if not doc or doc == _stub_doc(expr):
            continue
        indent = " " * expr.col_offset
        assert expr.end_lineno is not None
        lines[expr.lineno - 1 : expr.end_lineno] = _format(doc, indent)
        changed += 1
    STUB.write_text("".join(lines), encoding="utf-8")
    return changed


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(pytest.main([__file__, "-q"]))
    print(f"{write()} docstring(s) updated in {STUB}")
