"""The smallest use of geopol from Python (run by ./scripts/test).

python examples/quickstart.py
"""

from __future__ import annotations

import geopol

# The embedded default gazetteer, compiled once per process.
matcher = geopol.Matcher.default()

text = (
    "ANKARA, Turkey — Kazakh President Kassym-Jomart Tokayev met Turkish Foreign Minister "
    "Mevlüt Çavuşoğlu and the Secretary General of the Organization of Turkic States, "
    "Baghdad Amreyev. Tokayev thanked the OTS."
)

# One text, with its date: an official's role is the post held that day.
for m in matcher.extract(text, date="2022-01-11"):
    assert text[m.start : m.end] == m.text  # code-point offsets, exact on any Unicode
    role = f"  {m.role.title} of {m.role.of_name}" if m.role else ""
    print(f"{m.start:4}-{m.end:<4} {m.text!r:40} {m.kind:12} {m.id:36} {m.matched_by}{role}")

# Many texts in parallel, with the GIL released; then a table.
texts = [text, "Niger and Nigeria agreed; the US and the U.N. watched."]
batch = matcher.extract_batch(texts, dates=["2022-01-11", None])
print(sum(len(doc) for doc in batch), "mentions in", len(texts), "texts")
try:
    print(geopol.to_pandas(batch)[["doc", "text", "id", "role_key"]])
except ImportError as e:  # pandas is an optional extra
    print(e)

# Your own records, on top of the default gazetteer or alone.
mine = geopol.Matcher.from_entities(
    [{"id": "org:ZZ", "kind": "organization", "name": "Zed Council", "aliases": [{"text": "ZC"}]}],
    default=False,
)
print([m.to_dict() for m in mine.extract("The ZC (Zed Council) met.")])
