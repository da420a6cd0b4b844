"""Mentions as pandas, polars or Arrow tables.

One row per mention, with the fields of the Mention JSON flattened: ``codes`` becomes
``codes_iso2`` ... ``codes_acronym`` and ``role`` becomes ``role_key`` ... ``role_also``.
The result of ``Matcher.extract_batch`` (a list of lists) gets a first column ``doc``,
the index of each mention's text in the batch, or its id from ``ids=`` (one id per text,
all ``str`` or all ``int``: the ids of your own documents).

The libraries are imported only when a function is called; each is an optional extra
(``pip install 'geopol[pandas]'``, ``'geopol[polars]'``, ``'geopol[arrow]'``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, Union

from geopol._core import Mention

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow

__all__ = ["COLUMNS", "to_arrow", "to_pandas", "to_polars"]

#: The columns of a mention table and the kind of their values (``doc`` comes first,
#: for batches only; ``bool?`` is a boolean that is null where there is no role).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("start", "int"),
    ("end", "int"),
    ("byte_start", "int"),
    ("byte_end", "int"),
    ("text", "str"),
    ("kind", "str"),
    ("id", "str"),
    ("name", "str"),
    ("matched_by", "str"),
    ("codes_iso2", "str"),
    ("codes_iso3", "str"),
    ("codes_numeric", "str"),
    ("codes_wikidata", "str"),
    ("codes_cameo", "str"),
    ("codes_acronym", "str"),
    ("role_key", "str"),
    ("role_title", "str"),
    ("role_of", "str"),
    ("role_of_name", "str"),
    ("role_start", "str"),
    ("role_end", "str"),
    ("role_former", "bool?"),
    ("role_also", "list"),
    ("state", "str"),
    ("stands_for", "str"),
    ("stands_for_sector", "str"),
    ("candidates", "list"),
    ("more_candidates", "int"),
    ("date_checked", "bool"),
)

_CODES = ("iso2", "iso3", "numeric", "wikidata", "cameo", "acronym")
_ROLE = ("key", "title", "of", "of_name", "start", "end", "former", "also")

Mentions = Union[Iterable[Mention], Iterable[Iterable[Mention]]]
"""A list of mentions (``Matcher.extract``) or a list of lists (``extract_batch``)."""

DocIds = Union[Sequence[str], Sequence[int]]
"""Document ids, one per text of a batch (or one for a single list of mentions)."""


def _require(module: str, extra: str, caller: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(
            f"geopol.{caller} needs {module}: install it with pip install 'geopol[{extra}]'"
        ) from e


def _doc_ids(ids: DocIds | None, n_docs: int, caller: str) -> tuple[list[Any] | None, str]:
    """``ids`` checked against the number of documents, and the kind of the ``doc``
    column (``int`` or ``str``)."""
    if ids is None:
        return None, "int"
    if isinstance(ids, (str, bytes)) or not isinstance(ids, Sequence):
        raise TypeError(f"{caller}: ids must be a list of str or of int, not {type(ids).__name__}")
    out = list(ids)
    if len(out) != n_docs:
        raise ValueError(f"{caller}: {len(out)} ids for {n_docs} documents")
    if all(isinstance(x, str) for x in out):
        return out, "str"
    if all(isinstance(x, int) and not isinstance(x, bool) for x in out):
        return out, "int"
    found = sorted({type(x).__name__ for x in out})
    raise TypeError(f"{caller}: ids must be all str or all int (found {' and '.join(found)})")


def _columns(
    mentions: Mentions, ids: DocIds | None = None, caller: str = "to_pandas"
) -> tuple[dict[str, list[Any]], bool, str]:
    """The column values of ``mentions``, whether it has a ``doc`` column, and the kind of
    that column."""
    items: list[Any] = list(mentions)
    batch = bool(items) and not isinstance(items[0], Mention)
    docs: list[list[Any]]
    if batch:
        docs = []
        for i, doc in enumerate(items):
            if isinstance(doc, (str, bytes)) or not isinstance(doc, Iterable):
                raise TypeError(f"expected a list of Mention, got {type(doc).__name__} at [{i}]")
            docs.append(list(doc))
    elif items or ids is None:
        docs = [items]
    else:
        docs = [[] for _ in ids]  # no mentions at all: any number of documents
    doc_ids, doc_kind = _doc_ids(ids, len(docs), caller)
    cols: dict[str, list[Any]] = {name: [] for name, _ in COLUMNS}
    doc_col: list[int] = []
    for d, doc in enumerate(docs):
        for m in doc:
            if not isinstance(m, Mention):
                raise TypeError(f"expected a Mention, got {type(m).__name__}")
            row = m.to_dict()
            for key in ("start", "end", "byte_start", "byte_end", "text", "kind", "id", "name"):
                cols[key].append(row[key])
            cols["matched_by"].append(row["matched_by"])
            codes = row["codes"]
            for c in _CODES:
                cols["codes_" + c].append(codes.get(c))
            role = row["role"]
            for r in _ROLE:
                cols["role_" + r].append(None if role is None else role.get(r))
            cols["state"].append(row["state"])
            sf = row["stands_for"]
            cols["stands_for"].append(
                None if sf is None else sf.get("state", sf.get("organization"))
            )
            cols["stands_for_sector"].append(None if sf is None else sf["sector"])
            cols["candidates"].append(row["candidates"])
            cols["more_candidates"].append(row["more_candidates"])
            cols["date_checked"].append(row["date_checked"])
            doc_col.append(d if doc_ids is None else doc_ids[d])
    with_doc = batch or doc_ids is not None
    if with_doc:
        cols = {"doc": doc_col, **cols}
    return cols, with_doc, doc_kind


def to_pandas(mentions: Mentions, *, ids: DocIds | None = None) -> pandas.DataFrame:
    """Mentions as a pandas DataFrame, one row per mention (see the module docs).

    >>> import geopol
    >>> m = geopol.Matcher.from_entities([{"id": "state:TCD", "kind": "state", "name": "Chad"}])
    >>> df = geopol.to_pandas(m.extract_batch(["Chad", "No match", "Chad and Chad"]))
    >>> df[["doc", "start", "id"]].values.tolist()
    [[0, 0, 'state:TCD'], [2, 0, 'state:TCD'], [2, 9, 'state:TCD']]
    >>> batch = m.extract_batch(["Chad", "Chad and Chad"])
    >>> geopol.to_pandas(batch, ids=["a-1", "b-7"])["doc"].tolist()
    ['a-1', 'b-7', 'b-7']
    """
    pd = _require("pandas", "pandas", "to_pandas")
    cols, _, doc_kind = _columns(mentions, ids, "to_pandas")
    kinds = dict(COLUMNS, doc=doc_kind)
    data = {}
    for name, values in cols.items():
        kind = kinds[name]
        if kind == "int":
            data[name] = pd.Series(values, dtype="int64")
        elif kind == "bool":
            data[name] = pd.Series(values, dtype="bool")
        elif kind == "bool?":
            data[name] = pd.Series(values, dtype="boolean")
        elif kind == "list":
            data[name] = pd.Series(values, dtype="object")
        else:
            data[name] = pd.Series(values, dtype="object" if not values else None)
    frame: pandas.DataFrame = pd.DataFrame(data)
    return frame


def to_polars(mentions: Mentions, *, ids: DocIds | None = None) -> polars.DataFrame:
    """Mentions as a polars DataFrame, one row per mention (see the module docs).

    >>> import geopol
    >>> m = geopol.Matcher.from_entities([{"id": "state:TCD", "kind": "state", "name": "Chad"}])
    >>> geopol.to_polars(m.extract("Chad")).select("text", "codes_iso3").rows()
    [('Chad', None)]
    >>> geopol.to_polars(m.extract("Chad"), ids=[42]).select("doc", "text").rows()
    [(42, 'Chad')]
    """
    pl = _require("polars", "polars", "to_polars")
    cols, _, doc_kind = _columns(mentions, ids, "to_polars")
    types = {
        "int": pl.Int64,
        "str": pl.Utf8,
        "bool": pl.Boolean,
        "bool?": pl.Boolean,
        "list": pl.List(pl.Utf8),
    }
    kinds = dict(COLUMNS, doc=doc_kind)
    schema = {name: types[kinds[name]] for name in cols}
    frame: polars.DataFrame = pl.DataFrame(cols, schema=schema)
    return frame


def to_arrow(mentions: Mentions, *, ids: DocIds | None = None) -> pyarrow.Table:
    """Mentions as a pyarrow Table, one row per mention (see the module docs).

    >>> import geopol
    >>> m = geopol.Matcher.from_entities([{"id": "state:TCD", "kind": "state", "name": "Chad"}])
    >>> t = geopol.to_arrow(m.extract("Chad"))
    >>> t.num_rows, str(t.schema.field("candidates").type)
    (1, 'list<item: string>')
    >>> str(geopol.to_arrow(m.extract_batch(["Chad"]), ids=["x"]).schema.field("doc").type)
    'string'
    """
    pa = _require("pyarrow", "arrow", "to_arrow")
    cols, _, doc_kind = _columns(mentions, ids, "to_arrow")
    types = {
        "int": pa.int64(),
        "str": pa.string(),
        "bool": pa.bool_(),
        "bool?": pa.bool_(),
        "list": pa.list_(pa.string()),
    }
    kinds = dict(COLUMNS, doc=doc_kind)
    schema = pa.schema([(name, types[kinds[name]]) for name in cols])
    return pa.Table.from_pydict(cols, schema=schema)
