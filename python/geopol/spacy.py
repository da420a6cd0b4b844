"""A spaCy pipeline component that adds geopol's mentions to a ``Doc``.

Installing geopol registers the factory ``"geopol"`` with spaCy (entry point
``spacy_factories``), so no import is needed::

    import spacy
    nlp = spacy.blank("en")                  # or any pipeline
    nlp.add_pipe("geopol")                   # the embedded default gazetteer
    doc = nlp("Kazakh President Kassym-Jomart Tokayev spoke.")
    doc.user_data["date"] = "2022-01-11"     # optional: set before the component runs
    [(s.text, s.label_, s.kb_id_, s._.geopol["role"]) for s in doc.spans["geopol"]]

Each mention becomes a ``Span`` of ``doc.spans["geopol"]`` (the span key is configurable),
labelled by the entity's kind (``GPE`` for states and places, ``ORG``, ``PERSON``,
``TITLE`` by default: in "Ukrainian President Volodymyr Zelensky" the title is ``TITLE``
and the name ``PERSON``), with the entity id as ``kb_id_`` (as spaCy's entity linkers
set it; empty for a person the gazetteer does not know). ``span._.geopol`` holds the
mention as plain data, the dict of :meth:`geopol.Mention.to_dict`, so that
``Doc.to_bytes``, ``DocBin(store_user_data=True)`` and ``nlp.pipe(texts, n_process=2)``
work (after a round trip through them its lists are tuples); ``span._.geopol_mention``
gives it back as a :class:`geopol.Mention`. With
``set_ents`` (off by default), mentions that overlap no existing entity are also added
to ``doc.ents``. A mention whose ends fall inside tokens is widened to whole tokens.

The document date is read from ``doc.user_data["date"]`` (a ``datetime.date`` or an ISO
string) when present, else from the component's ``date`` setting.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import geopol

__all__ = ["DEFAULT_LABELS", "GeopolComponent", "make_geopol"]

DEFAULT_LABELS: dict[str, str] = {
    "state": "GPE",
    "organization": "ORG",
    "official": "PERSON",
    "role": "TITLE",
    "place": "GPE",
}

if not Span.has_extension("geopol"):
    Span.set_extension("geopol", default=None)


def _mention_of(span: Span) -> geopol.Mention | None:
    data = span._.geopol
    return None if data is None else geopol.Mention.from_dict(data)


if not Span.has_extension("geopol_mention"):
    Span.set_extension("geopol_mention", getter=_mention_of)


class GeopolComponent:
    """Finds geopol mentions in each ``Doc`` (see the module docs)."""

    def __init__(
        self,
        nlp: Language,
        name: str = "geopol",
        *,
        gazetteers: Sequence[str] = (),
        default: bool = True,
        mode: str = "extend",
        spans_key: str = "geopol",
        set_ents: bool = False,
        labels: dict[str, str] | None = None,
        date: str | None = None,
    ) -> None:
        self.name = name
        if gazetteers or not default:
            # The Matcher checks `mode` (a str in spaCy's config).
            paths = list(gazetteers)
            self.matcher = geopol.Matcher(paths, default=default, mode=mode)  # type: ignore[arg-type]
        else:
            self.matcher = geopol.Matcher.default()
        self.spans_key = spans_key
        self.set_ents = set_ents
        self.labels = {**DEFAULT_LABELS, **(labels or {})}
        self.date = date

    def _date(self, doc: Doc) -> Any:
        return doc.user_data.get("date", self.date)

    def _annotate(self, doc: Doc, mentions: list[geopol.Mention]) -> Doc:
        spans: list[Span] = []
        for m in mentions:
            span = doc.char_span(
                m.start, m.end, label=self.labels.get(m.kind, m.kind.upper()), kb_id=m.id or "",
                alignment_mode="expand",
            )  # fmt: skip
            if span is None or (spans and span.start < spans[-1].end):
                continue
            span._.geopol = m.to_dict()
            spans.append(span)
        doc.spans[self.spans_key] = spans
        if self.set_ents:
            taken = {i for e in doc.ents for i in range(e.start, e.end)}
            new = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
            if new:
                doc.ents = spacy.util.filter_spans([*doc.ents, *new])
        return doc

    def __call__(self, doc: Doc) -> Doc:
        return self._annotate(doc, self.matcher.extract(doc.text, date=self._date(doc)))

    def pipe(self, stream: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Processes documents in batches through ``Matcher.extract_batch`` (in parallel,
        without the GIL)."""
        batch: list[Doc] = []
        for doc in stream:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, docs: list[Doc]) -> Iterator[Doc]:
        found = self.matcher.extract_batch(
            [d.text for d in docs], dates=[self._date(d) for d in docs]
        )
        for doc, mentions in zip(docs, found):
            yield self._annotate(doc, mentions)


# Without spaCy installed, mypy sees an untyped decorator.
@Language.factory(  # type: ignore[untyped-decorator, misc, unused-ignore]
    "geopol",
    default_config={
        "gazetteers": [],
        "default": True,
        "mode": "extend",
        "spans_key": "geopol",
        "set_ents": False,
        "labels": {},
        "date": None,
    },
)
def make_geopol(
    nlp: Language,
    name: str,
    gazetteers: list[str],
    default: bool,
    mode: str,
    spans_key: str,
    set_ents: bool,
    labels: dict[str, str],
    date: str | None,
) -> GeopolComponent:
    """The spaCy factory ``"geopol"``: a :class:`GeopolComponent` with this configuration."""
    return GeopolComponent(
        nlp,
        name,
        gazetteers=gazetteers,
        default=default,
        mode=mode,
        spans_key=spans_key,
        set_ents=set_ents,
        labels=labels,
        date=date,
    )
