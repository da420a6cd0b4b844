"""Offsets on arbitrary Unicode: ``text[m.start:m.end] == m.text``, always.

Texts are built from arbitrary Unicode runs mixed with the gazetteer's own aliases (as
written, upper-cased, with possessives) and with characters whose case folding changes
their length (``İ``, ``ß``, ``ﬁ``), combining marks, emoji and typographic punctuation, so
that matches happen next to the awkward characters.
"""

from __future__ import annotations

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

import geopol
from support import alias_texts

TRICKY = ["İ", "ß", "ﬁ", "\u0301", "’s", "'s", "—", "–", "\u00a0", "\n\n", "🇹🇷", "ǅ", "ı", " "]
ALIASES = alias_texts()


def pieces(aliases: list[str]) -> st.SearchStrategy[str]:
    alias = st.sampled_from(aliases)
    return st.lists(
        st.one_of(
            st.text(max_size=8),
            alias,
            alias.map(str.upper),
            alias.map(str.lower),
            st.sampled_from(TRICKY),
        ),
        max_size=16,
    ).map("".join)


def check(text: str, found: list[geopol.Mention]) -> None:
    end = 0
    for m in found:
        assert text[m.start : m.end] == m.text
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= end, "mentions overlap or are out of order"
        end = m.end
        assert len(text[: m.start].encode()) == m.byte_start
        assert len(text[: m.end].encode()) == m.byte_end
        assert m.to_dict()["start"] == m.start


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=pieces(ALIASES))
def test_offsets_with_the_cases_gazetteer(cases_matcher: geopol.Matcher, text: str) -> None:
    check(text, cases_matcher.extract(text))
    check(text, cases_matcher.extract(text, date="2022-01-11"))


@SETTINGS
@given(text=pieces(ALIASES))
def test_offsets_with_the_default_gazetteer(default_matcher: geopol.Matcher, text: str) -> None:
    check(text, default_matcher.extract(text, date="2022-01-11"))


@settings(max_examples=100, deadline=None)
@given(texts=st.lists(pieces(ALIASES), max_size=6))
def test_batch_equals_single(cases_matcher: geopol.Matcher, texts: list[str]) -> None:
    batch = cases_matcher.extract_batch(texts, dates="2022-01-11", threads=2)
    assert batch == [cases_matcher.extract(t, date="2022-01-11") for t in texts]


def test_known_non_ascii_offsets(cases_matcher: geopol.Matcher) -> None:
    text = "İİ ß — Türkiye’s Mevlüt Çavuşoğlu met 🇹🇷 TÜRKİYE."
    found = cases_matcher.extract(text)
    assert [m.text for m in found] == ["Türkiye", "Mevlüt Çavuşoğlu", "TÜRKİYE"]
    check(text, found)
