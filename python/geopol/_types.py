"""Typed shapes of the dicts geopol returns (for type checkers; plain dicts at run time)."""

from __future__ import annotations

from typing import Optional, TypedDict

__all__ = ["CodesDict", "DecisionDict", "MentionDict", "RoleDict", "StandsForDict"]


class CodesDict(TypedDict, total=False):
    """The codes of an entity that are set (``Mention.codes``, ``Entity.codes``)."""

    iso2: str
    iso3: str
    numeric: str
    wikidata: str
    cameo: str
    acronym: str


class _RoleBase(TypedDict):
    key: str
    title: str
    of: str | None
    of_name: str | None
    former: bool
    also: list[str]


class RoleDict(_RoleBase):
    """The ``role`` object of the Mention JSON: always these keys; ``start``/``end`` are
    None for a bare title (no post record)."""

    start: str | None
    end: str | None


class _StandsForBase(TypedDict):
    sector: str
    cue: str


class StandsForDict(_StandsForBase, total=False):
    """The ``stands_for`` object of the Mention JSON: ``state`` or ``organization`` (an id),
    with the ``sector`` (``"GOV"``) and the ``cue`` that decided the reading."""

    state: str
    organization: str


class MentionDict(TypedDict):
    """The Mention JSON object: what ``geopol extract`` prints and ``Mention.to_dict`` gives."""

    start: int
    end: int
    byte_start: int
    byte_end: int
    text: str
    kind: str
    id: str | None
    name: str
    matched_by: str
    codes: CodesDict
    role: RoleDict | None
    state: str | None
    stands_for: StandsForDict | None
    candidates: list[str]
    more_candidates: int
    date_checked: bool


# Functional form: "pass" is a keyword.
DecisionDict = TypedDict(
    "DecisionDict",
    {
        "start": int,
        "end": int,
        "byte_start": int,
        "byte_end": int,
        "text": str,
        "kind": str,
        "id": Optional[str],
        "to": Optional[str],
        "action": str,
        "pass": str,
        "reason": str,
    },
)
DecisionDict.__doc__ = """A decision JSON object: what ``Decision.to_dict`` gives and
``geopol extract --explain`` prints (there after the document's id, ``doc``)."""
