"""The spaCy component ``"geopol"`` (skipped when spaCy is not installed)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
    config = {"gazetteers": [str(CASES_GAZETTEER)], "default": False, "set_ents": True}
    nlp.add_pipe("geopol", config=config)
    return nlp


@pytest.fixture(scope="module")
def plain() -> Language:
    """The component as configured by default (no doc.ents)."""
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
    assert [s._.geopol for s in spans] == [m.to_dict() for m in want]
    assert [s._.geopol_mention for s in spans] == want
    assert [e.label_ for e in doc.ents] == ["GPE", "TITLE", "PERSON", "GPE", "PERSON", "GPE"]
    tokayev = spans[2]._.geopol_mention
    assert tokayev.role is not None and tokayev.role.key == "head_of_state"
    assert spans[2]._.geopol["role"]["key"] == "head_of_state"


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


def test_entities_only_when_asked(plain: Language) -> None:
    doc = plain(TEXT)
    assert list(doc.ents) == []
    spans = doc.spans["geopol"]
    # The title word is a TITLE, the official's name the PERSON.
    assert [(s.text, s.label_) for s in spans][1:3] == [
        ("President", "TITLE"),
        ("Kassym-Jomart Tokayev", "PERSON"),
    ]


def _summary(doc: Any) -> list[tuple[Any, ...]]:
    # `_.geopol_mention`: msgpack gives lists back as tuples, the Mention is the same.
    spans = doc.spans["geopol"]
    return [(s.start_char, s.end_char, s.label_, s.kb_id_, s._.geopol_mention) for s in spans]


def test_a_doc_serializes_with_its_mentions(plain: Language) -> None:
    from spacy.tokens import Doc, DocBin

    doc = plain.make_doc(TEXT)
    doc.user_data["date"] = "2022-01-11"
    doc = plain(doc)
    back = Doc(plain.vocab).from_bytes(doc.to_bytes())
    assert _summary(back) == _summary(doc) and len(_summary(doc)) == 6
    assert back.spans["geopol"][2]._.geopol["role"]["key"] == "head_of_state"
    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    (again,) = DocBin().from_bytes(bin_.to_bytes()).get_docs(plain.vocab)
    assert _summary(again) == _summary(doc)


def test_pipe_in_two_processes_equals_one(plain: Language) -> None:
    texts = [TEXT, "Niger and Chad.", "", "the U.S. and the UN"] * 3
    one = [_summary(d) for d in plain.pipe(texts)]
    two = [_summary(d) for d in plain.pipe(texts, n_process=2, batch_size=2)]
    assert two == one and one[1][0][3] == "state:NER"
    assert two[0][2][4].role.key == "head_of_state"
