"""The spaCy component ``"geopol"`` (skipped when spaCy is not installed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import geopol
from support import CASES_GAZETTEER

if TYPE_CHECKING:
    from spacy.language import Language

spacy = pytest.importorskip("spacy", reason="spaCy is not installed (extra: spacy)")

TEXT = "Kazakh President Kassym-Jomart Tokayev met Turkey's Mevlut Cavusoglu in Ankara."


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp: Language = spacy.blank("en")
    nlp.add_pipe("geopol", config={"gazetteers": [str(CASES_GAZETTEER)], "default": False})
    return nlp


def test_component_adds_spans_and_entities(nlp: Language, cases_matcher: geopol.Matcher) -> None:
    doc = nlp.make_doc(TEXT)
    doc.user_data["date"] = "2022-01-11"
    doc = nlp(doc)
    want = cases_matcher.extract(TEXT, date="2022-01-11")
    spans = doc.spans["geopol"]
    assert [(s.start_char, s.end_char, s.kb_id_) for s in spans] == [
        (m.start, m.end, m.id) for m in want
    ]
    assert [s._.geopol for s in spans] == want
    assert [e.label_ for e in doc.ents] == ["GPE", "TITLE", "PERSON", "GPE", "PERSON", "GPE"]
    tokayev = spans[2]._.geopol
    assert tokayev.role is not None and tokayev.role.key == "head_of_state"


def test_pipe_equals_call(nlp: Language) -> None:
    texts = [TEXT, "Niger and Chad.", "", "the U.S. and the UN"]
    piped = [[(e.text, e.kb_id_) for e in d.ents] for d in nlp.pipe(texts, batch_size=2)]
    called = [[(e.text, e.kb_id_) for e in nlp(t).ents] for t in texts]
    assert piped == called
    assert piped[1] == [("Niger", "state:NER"), ("Chad", "state:TCD")]


def test_existing_entities_are_kept(nlp: Language) -> None:
    from spacy.tokens import Span

    doc = nlp.make_doc("Niger and Chad.")
    doc.ents = [Span(doc, 0, 1, label="MISC")]
    doc = nlp(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Niger", "MISC"), ("Chad", "GPE")]
    assert len(doc.spans["geopol"]) == 2
