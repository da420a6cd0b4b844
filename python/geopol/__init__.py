"""Find states, international organizations and officials in news text.

geopol links each mention to one entity of a gazetteer (its canonical name and codes)
and, for an official, to the post held on the document's date.

- :class:`Matcher` compiles a gazetteer: the embedded default (``Matcher.default()``),
  gazetteer files (``Matcher(["extra.jsonl"])``), or records
  (``Matcher.from_entities([...])``). ``extract`` finds the mentions of one text,
  ``extract_batch`` those of many texts in parallel; both release the GIL.
- :class:`Mention` is one result: code-point ``start``/``end`` (``text[m.start:m.end] ==
  m.text``), the entity's ``id``, ``name``, ``kind`` and ``codes``, how it matched, and
  for an official the :class:`Role` held. ``to_dict()`` is the JSON that ``geopol
  extract`` prints.
- :func:`to_pandas`, :func:`to_polars` and :func:`to_arrow` turn mentions into tables;
  :func:`highlight` shows them in a notebook; ``nlp.add_pipe("geopol")`` adds them to
  spaCy documents (see :mod:`geopol.spacy`).
- Errors: :class:`GeopolError` (a ``ValueError``) and its subclasses :class:`LoadError`
  and :class:`BuildError`; files that cannot be read raise ``OSError``.

>>> import geopol
>>> m = geopol.Matcher.from_entities([
...     {"id": "state:KAZ", "kind": "state", "name": "Kazakhstan",
...      "aliases": [{"text": "Kazakh", "type": "demonym"}], "codes": {"iso3": "KAZ"}},
...     {"id": "person:tokayev", "kind": "official", "name": "Kassym-Jomart Tokayev",
...      "aliases": [{"text": "Tokayev", "type": "surname"}],
...      "posts": [{"role": "head_of_state", "of": "state:KAZ", "start": "2019-03-20"}]},
... ])
>>> text = "Kazakh leader Kassym-Jomart Tokayev spoke. Tokayev said…"
>>> for x in m.extract(text, date="2022-01-11"):
...     print(x.start, x.end, x.text, x.id, x.matched_by, x.role and x.role.key)
0 6 Kazakh state:KAZ demonym None
14 35 Kassym-Jomart Tokayev person:tokayev name head_of_state
43 50 Tokayev person:tokayev surname head_of_state
"""

from geopol._core import (
    Alias,
    BuildError,
    Decision,
    Entity,
    GeopolError,
    LoadError,
    Matcher,
    Mention,
    MentionIterator,
    Post,
    Role,
    __version__,
)
from geopol._types import CodesDict, DecisionDict, MentionDict, RoleDict, StandsForDict
from geopol.notebook import Highlighted, highlight
from geopol.tables import to_arrow, to_pandas, to_polars

__all__ = [
    "Alias",
    "BuildError",
    "CodesDict",
    "Decision",
    "DecisionDict",
    "Entity",
    "GeopolError",
    "Highlighted",
    "LoadError",
    "Matcher",
    "Mention",
    "MentionDict",
    "MentionIterator",
    "Post",
    "Role",
    "RoleDict",
    "StandsForDict",
    "__version__",
    "highlight",
    "to_arrow",
    "to_pandas",
    "to_polars",
]
