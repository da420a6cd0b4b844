"""Mentions as pandas, polars and Arrow tables (each skipped when its library is absent)."""

from __future__ import annotations

import sys
from typing import Any

import pytest

import geopol
from geopol.tables import COLUMNS

TEXTS = [
    "Kazakh President Kassym-Jomart Tokayev met Mevlüt Çavuşoğlu in ANKARA.",
    "",
    "Smith said no.",
]
NAMES = [name for name, _ in COLUMNS]


@pytest.fixture(scope="module")
def batch(cases_matcher: geopol.Matcher) -> list[list[geopol.Mention]]:
    return cases_matcher.extract_batch(TEXTS, dates="2022-01-11")


def flat_rows(batch: list[list[geopol.Mention]]) -> list[dict[str, Any]]:
    rows = []
    for d, doc in enumerate(batch):
        for m in doc:
            j = m.to_dict()
            row: dict[str, Any] = {"doc": d}
            for k, v in j.items():
                if k == "codes":
                    for c in ("iso2", "iso3", "numeric", "wikidata", "cameo", "acronym"):
                        row["codes_" + c] = j["codes"].get(c)
                elif k == "role":
                    for r in ("key", "title", "of", "of_name", "start", "end", "former", "also"):
                        row["role_" + r] = None if j["role"] is None else j["role"].get(r)
                elif k == "stands_for":
                    sf = j["stands_for"]
                    row["stands_for"] = sf and (sf.get("state") or sf.get("organization"))
                    row["stands_for_sector"] = sf and sf["sector"]
                else:
                    row[k] = v
            rows.append(row)
    return rows


def test_pandas(batch: list[list[geopol.Mention]]) -> None:
    pd = pytest.importorskip("pandas", reason="pandas is not installed (extra: pandas)")
    df = geopol.to_pandas(batch)
    assert list(df.columns) == ["doc", *NAMES]
    assert str(df["start"].dtype) == "int64" and str(df["date_checked"].dtype) == "bool"
    got = [{k: (None if v is None or v is pd.NA or v != v else v) for k, v in r.items()}
           for r in df.to_dict("records")]  # fmt: skip
    assert got == flat_rows(batch)
    single = geopol.to_pandas(batch[0])
    assert list(single.columns) == NAMES and len(single) == len(batch[0])
    empty = geopol.to_pandas([])
    assert list(empty.columns) == NAMES and len(empty) == 0


def test_polars(batch: list[list[geopol.Mention]]) -> None:
    pl = pytest.importorskip("polars", reason="polars is not installed (extra: polars)")
    df = geopol.to_polars(batch)
    assert df.columns == ["doc", *NAMES]
    assert df.schema["candidates"] == pl.List(pl.Utf8)
    assert df.to_dicts() == flat_rows(batch)
    empty = geopol.to_polars([[], []])
    assert empty.columns == ["doc", *NAMES] and empty.height == 0


def test_arrow(batch: list[list[geopol.Mention]]) -> None:
    pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed (extra: arrow)")
    table = geopol.to_arrow(batch)
    assert table.column_names == ["doc", *NAMES]
    assert table.schema.field("start").type == pa.int64()
    assert table.to_pylist() == flat_rows(batch)
    assert geopol.to_arrow(iter(batch[0])).num_rows == len(batch[0])


IDS = ["wire-17", "wire-18", "wire-19"]


def test_document_ids(batch: list[list[geopol.Mention]]) -> None:
    expected = [{**r, "doc": IDS[r["doc"]]} for r in flat_rows(batch)]
    pytest.importorskip("pandas", reason="pandas is not installed")
    df = geopol.to_pandas(batch, ids=IDS)
    assert df["doc"].tolist() == [r["doc"] for r in expected]
    assert str(geopol.to_pandas(batch, ids=[7, 8, 9])["doc"].dtype) == "int64"
    assert list(geopol.to_pandas(batch[0], ids=["one"])["doc"].unique()) == ["one"]
    empty = geopol.to_pandas([], ids=["x", "y"])
    assert list(empty.columns) == ["doc", *NAMES] and len(empty) == 0


def test_document_ids_in_polars_and_arrow(batch: list[list[geopol.Mention]]) -> None:
    expected = [{**r, "doc": IDS[r["doc"]]} for r in flat_rows(batch)]
    pl = pytest.importorskip("polars", reason="polars is not installed")
    df = geopol.to_polars(batch, ids=IDS)
    assert df.schema["doc"] == pl.Utf8 and df.to_dicts() == expected
    pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed")
    table = geopol.to_arrow(batch, ids=[3, 1, 2])
    assert table.schema.field("doc").type == pa.int64()
    assert table.column("doc").to_pylist() == [[3, 1, 2][r["doc"]] for r in flat_rows(batch)]


@pytest.mark.parametrize(
    ("ids", "error", "message"),
    [
        (["a", "b"], ValueError, "2 ids for 3 documents"),
        (["a", 2, "c"], TypeError, "all str or all int"),
        ([True, False, True], TypeError, r"all str or all int \(found bool\)"),
        ("abc", TypeError, "ids must be a list"),
    ],
)
def test_bad_document_ids(
    batch: list[list[geopol.Mention]], ids: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        geopol.tables._columns(batch, ids, "to_pandas")


def test_bad_input() -> None:
    with pytest.raises(TypeError, match="expected a list of Mention"):
        geopol.tables._columns(["Kazakh"])  # type: ignore[arg-type]


def test_missing_library_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match=r"pip install 'geopol\[polars\]'"):
        geopol.to_polars([])
