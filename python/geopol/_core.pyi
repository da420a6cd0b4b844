# Hand-written stubs for the extension module geopol._core (src/python/).
#
# Docstrings here are the runtime docstrings (the Rust doc comments), kept identical by
# tests/python/test_stub.py; after changing a doc comment, rebuild and run
#     .venv/bin/python tests/python/test_stub.py --write
# Signatures are checked by `python -m mypy.stubtest geopol._core`.

import datetime
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal, TypeAlias, final, overload

from geopol._types import CodesDict, DecisionDict, MentionDict, RoleDict, StandsForDict

_Date: TypeAlias = datetime.date | str
_Path: TypeAlias = str | os.PathLike[str]

__all__ = [
    "Alias",
    "BuildError",
    "Decision",
    "Entity",
    "GeopolError",
    "LoadError",
    "Matcher",
    "Mention",
    "MentionIterator",
    "Post",
    "Role",
    "__version__",
    "cli_main",
]

__version__: str

class GeopolError(ValueError):
    """Base class of geopol's errors, a ValueError: a bad date or argument, or a gazetteer
    that cannot be loaded or compiled. Files that cannot be read raise OSError instead.
    """

class LoadError(GeopolError):
    """A gazetteer could not be loaded: a record does not parse or the records do not check.

    The message lists every problem with its file and line (`extra.jsonl:3: ...`).

    >>> import geopol
    >>> geopol.Matcher.from_entities([{"id": "org:X", "kind": "organization",
    ...                               "name": "X", "members": ["state:Y"]}])
    Traceback (most recent call last):
    ...
    geopol.LoadError: <entities>:1: entity "org:X": member "state:Y" refers to an unknown id
    """

class BuildError(GeopolError):
    """A matcher could not be compiled from a valid gazetteer."""

@final
class Role:
    """The post held by a mentioned official, or the role a title names.

    Dates are ISO strings (`YYYY-MM-DD`); `start` and `end` are None for a role title,
    which names no post record.

    >>> import geopol
    >>> m = geopol.Matcher.from_entities([
    ...     {"id": "state:TUR", "kind": "state", "name": "Turkey"},
    ...     {"id": "person:mevlut-cavusoglu", "kind": "official", "name": "Mevlüt Çavuşoğlu",
    ...      "posts": [{"role": "foreign_minister", "of": "state:TUR", "start": "2015-11-24",
    ...                 "end": "2023-06-03", "title": "Minister of Foreign Affairs"}]},
    ... ])
    >>> m.extract("Mevlut Cavusoglu", date="2022-01-11")[0].role
    Role(key='foreign_minister', title='Minister of Foreign Affairs', of='state:TUR', start='2015-11-24', end='2023-06-03')
    """

    @property
    def key(self) -> str:
        """The role key (`"foreign_minister"`, `"head_of_state"`, ...)."""
    @property
    def title(self) -> str:
        """The title of the post (`"Foreign Minister"`)."""
    @property
    def of(self) -> str | None:
        """The id of the state or organization of the post, when known."""
    @property
    def of_name(self) -> str | None:
        """The name of the state or organization of the post, when known."""
    @property
    def start(self) -> str | None:
        """First day in the post (ISO `YYYY-MM-DD`), when known."""
    @property
    def end(self) -> str | None:
        """Last day in the post (ISO `YYYY-MM-DD`); `None` when still held or unknown."""
    @property
    def former(self) -> bool:
        """True when the text calls the post a past one ("former foreign minister X",
        "ex-President Y"): it claims no current post."""
    @property
    def also(self) -> list[str]:
        """The other role keys the same post gives its holder: a president of a presidential
        system is head of state and of government, so `key` is `"head_of_state"` and
        `also` is `["head_of_government"]`. Empty for a role from the text's title alone."""
    def to_dict(self) -> RoleDict:
        """The `role` object of the Mention JSON (`start` and `end` are None for a bare title)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Mention:
    """One mention of an entity in a text.

    A frozen record: `start`/`end` are code-point offsets (`text[m.start:m.end] ==
    m.text`), `byte_start`/`byte_end` UTF-8 byte offsets, both end-exclusive. `to_dict()`
    gives the Mention JSON object that `geopol extract` prints, and `Mention.from_dict`
    reads it back. Mentions compare equal when all their fields are equal, are hashable,
    and pickle.

    >>> import geopol
    >>> m = geopol.Matcher.from_entities([
    ...     {"id": "state:TUR", "kind": "state", "name": "Türkiye",
    ...      "aliases": [{"text": "Turkey"}], "codes": {"iso3": "TUR"}},
    ...     {"id": "place:ankara", "kind": "place", "name": "Ankara", "state": "state:TUR"},
    ... ])
    >>> text = "İstanbul → ANKARA (Türkiye)"
    >>> a, t = m.extract(text)
    >>> a
    Mention(start=11, end=17, text='ANKARA', kind='place', id='place:ankara', matched_by='name')
    >>> a.state, a.stands_for
    ('state:TUR', None)
    >>> text[t.start:t.end], t.byte_start, t.codes
    ('Türkiye', 22, {'iso3': 'TUR'})
    >>> t.to_dict()["name"], geopol.Mention.from_dict(t.to_dict()) == t
    ('Türkiye', True)
    """

    @property
    def start(self) -> int:
        """Code-point offset of the first character (a Python `str` index)."""
    @property
    def end(self) -> int:
        """Code-point offset one past the last character: `text[m.start:m.end] == m.text`."""
    @property
    def byte_start(self) -> int:
        """UTF-8 byte offset of the first byte."""
    @property
    def byte_end(self) -> int:
        """UTF-8 byte offset one past the last byte."""
    @property
    def text(self) -> str:
        """The mentioned text, exactly as written."""
    @property
    def kind(self) -> Literal["state", "organization", "official", "role", "place"]:
        """The kind of the linked entity: `state`, `organization`, `official`, `role` or
        `place`.
        """
    @property
    def id(self) -> str | None:
        """The id of the linked entity; `None` for a person the gazetteer does not know, named
        after a title ("Kenyan Foreign Minister Wanjiku Odhiambo"): kind `official`, the role and
        state from the title, `matched_by` `title` (later `name` or `surname`)."""
    @property
    def name(self) -> str:
        """The canonical name of the linked entity; for a person the gazetteer does not know,
        the name as written."""
    @property
    def matched_by(self) -> str:
        """How the mention matched: `name`, `alias`, `acronym`, `demonym`, `capital`,
        `former_name`, `surname` or `title`.
        """
    @property
    def codes(self) -> CodesDict:
        """The entity's codes that are set (`iso2`, `iso3`, `numeric`, `wikidata`, `cameo`,
        `acronym`); a new dict on each access.
        """
    @property
    def role(self) -> Role | None:
        """For an official, the post held on the document date; for a role title, the role."""
    @property
    def state(self) -> str | None:
        """For an official or role, the id of the state the post belongs to; for a place, the
        state it lies in.
        """
    @property
    def stands_for(self) -> StandsForDict | None:
        """For a place read as an actor ("Moscow said", "the Kremlin's decision"), what it
        stands for: `{"state": id, "sector": "GOV", "cue": ...}` (`"organization"` instead
        of `"state"` for an organization's seat, e.g. Brussels); `None` otherwise. A new
        dict on each access.
        """
    @property
    def candidates(self) -> list[str]:
        """Ids of other entities the text could stand for, when the link is uncertain: the
        best ten at most, best first (ranked as the linked entity was chosen).
        """
    @property
    def more_candidates(self) -> int:
        """How many more entities the text could stand for than `candidates` lists: 0 unless
        more than ten others share the alias (a surname thousands of officials have).
        """
    @property
    def date_checked(self) -> bool:
        """True when a document date was given and the role was checked against it."""
    def to_dict(self) -> MentionDict:
        """The mention as the Mention JSON object that `geopol extract` prints: start, end,
        byte_start, byte_end, text, kind, id, name, matched_by, codes, role, state,
        stands_for, candidates, more_candidates and date_checked.
        """
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], /) -> Mention:
        """A mention from its Mention JSON object (the inverse of `to_dict`), for instance a
        line of `geopol extract` output after `json.loads`.

        Raises:
            GeopolError: the object is not a Mention JSON object.
        """
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class MentionIterator(Iterator[Mention]):
    """An iterator over the mentions of one text, in order; made by `Matcher.extract_iter`.

    A background thread resolves the text a piece at a time and the iterator takes the
    pieces as they come, so memory stays bounded. The thread stops when the text ends or
    the iterator is dropped.
    """

    def __iter__(self) -> MentionIterator: ...
    def __next__(self) -> Mention: ...

@final
class Decision:
    """Why a resolution pass dropped, relinked, added or annotated a candidate mention, from
    ``Matcher.extract(text, explain=True)``: for debugging a rule or a gazetteer.

    The reasons are short ``snake_case`` words, listed in the design notes ("Explaining
    decisions").

    >>> import geopol
    >>> m = geopol.Matcher.from_entities([
    ...     {"id": "state:JOR", "kind": "state", "name": "Jordan"},
    ... ])
    >>> mentions, why = m.extract("Michael Jordan scored 40 points.", explain=True)
    >>> mentions
    []
    >>> why
    [Decision(start=8, end=14, text='Jordan', id='state:JOR', action='drop', pass_='readings', reason='person_name')]
    >>> why[0].to_dict()["pass"]
    'readings'
    """

    @property
    def start(self) -> int:
        """Code-point offset of the candidate's first character."""
    @property
    def end(self) -> int:
        """Code-point offset one past the candidate's last character."""
    @property
    def byte_start(self) -> int:
        """UTF-8 byte offset of the candidate's first byte."""
    @property
    def byte_end(self) -> int:
        """UTF-8 byte offset one past the candidate's last byte."""
    @property
    def text(self) -> str:
        """The candidate's text, exactly as written."""
    @property
    def kind(self) -> Literal["state", "organization", "official", "role", "place"]:
        """The kind of the entity the candidate was linked to when the pass saw it."""
    @property
    def id(self) -> str | None:
        """The id of that entity; `None` for a person the gazetteer does not know."""
    @property
    def to(self) -> str | None:
        """For `action` `relink`, the id the mention links to now; for a title left
        unresolved (`holder_not_confirmed`), the holder kept as a candidate; else `None`.
        """
    @property
    def action(self) -> Literal["drop", "relink", "add", "annotate"]:
        """What the pass did: `drop`, `relink`, `add` or `annotate`."""
    @property
    def pass_(
        self,
    ) -> Literal["pick", "context", "compose", "newcomers", "titles", "readings"]:
        """Which pass: `pick`, `context`, `compose`, `newcomers`, `titles` or `readings` (the
        key `pass` of `to_dict()`).
        """
    @property
    def reason(self) -> str:
        """Why, as a short `snake_case` word (`person_name`, `holder_not_confirmed`, ...)."""
    def to_dict(self) -> DecisionDict:
        """The decision as the JSON object that `geopol extract --explain` prints (without its
        `doc`): start, end, byte_start, byte_end, text, kind, id, to, action, pass and
        reason.
        """
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], /) -> Decision:
        """A decision from its JSON object (the inverse of `to_dict`).

        Raises:
            GeopolError: the object is not a decision JSON object.
        """
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Alias:
    """One surface form of an entity."""

    @property
    def text(self) -> str:
        """The form as written."""
    @property
    def kind(self) -> str:
        """What kind of form it is (`name`, `alias`, `acronym`, `demonym`, `capital`,
        `former_name`, `surname`, `title`); the `type` field of the record.
        """
    @property
    def case(self) -> Literal["exact", "capitalized", "exact_word", "any"]:
        """The case policy in force, given or chosen from the form: `exact` (acronyms and
        short all-caps forms: "US" never matches "us"), `capitalized` (a capital initial:
        "Chad", not "chad"), `exact_word` (an acronym that is an English word, "WHO":
        exact, and not among words in capitals) or `any`.
        """
    @property
    def start(self) -> str | None:
        """First day the form was in use (ISO date), when it is dated."""
    @property
    def end(self) -> str | None:
        """Last day the form was in use (ISO date), when it is dated."""
    def to_dict(self) -> dict[str, Any]:
        """The alias as it is written in a gazetteer record."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Post:
    """A post an official held: a role of a state or organization over a period."""

    @property
    def role(self) -> str:
        """The role key (`"foreign_minister"`)."""
    @property
    def of(self) -> str:
        """The id of the state or organization."""
    @property
    def title(self) -> str | None:
        """The title as the source gives it, when it does."""
    @property
    def start(self) -> str | None:
        """First day in the post (ISO date), when known."""
    @property
    def end(self) -> str | None:
        """Last day in the post (ISO date); `None` when still held."""
    @property
    def confirmed(self) -> str | None:
        """The last day the source confirms the post was held (ISO date), when it says."""
    @property
    def acting(self) -> bool:
        """True when the post is held in an acting (interim) capacity."""
    @property
    def source(self) -> str | None:
        """Where the fact comes from, when it differs from the entity's sources."""
    @property
    def note(self) -> str | None:
        """A remark on the fact."""
    def held_on(self, date: _Date, /) -> bool:
        """True when the post was held on `date` (a `datetime.date` or ISO string)."""
    def to_dict(self) -> dict[str, Any]:
        """The post as it is written in a gazetteer record."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Entity:
    """A state, international organization, official, role title or place of a gazetteer.

    A read-only copy of the record; `to_dict()` gives it in the gazetteer file format, so
    that `Matcher.from_entities` takes it back. Dates are ISO strings.

    >>> import geopol
    >>> m = geopol.Matcher.from_entities([
    ...     {"id": "state:KAZ", "kind": "state", "name": "Kazakhstan"},
    ...     {"id": "person:tokayev", "kind": "official", "name": "Kassym-Jomart Tokayev",
    ...      "aliases": [{"text": "Tokayev", "type": "surname"}],
    ...      "posts": [{"role": "head_of_state", "of": "state:KAZ", "start": "2019-03-20"}]},
    ... ])
    >>> e = m.get("person:tokayev")
    >>> e.kind, e.aliases[0].text, e.posts[0].role
    ('official', 'Tokayev', 'head_of_state')
    >>> e.post_on("2022-01-11")
    Post(role='head_of_state', of='state:KAZ', start='2019-03-20')
    >>> e.post_on("2010-01-01") is None
    True
    >>> e.to_dict()["posts"]
    [{'role': 'head_of_state', 'of': 'state:KAZ', 'start': '2019-03-20'}]
    """

    @property
    def id(self) -> str:
        """The stable id (`"state:KAZ"`, `"org:OTS"`, `"person:kassym-jomart-tokayev"`)."""
    @property
    def kind(self) -> Literal["state", "organization", "official", "role", "place"]:
        """`state`, `organization`, `official`, `role` or `place`."""
    @property
    def name(self) -> str:
        """The canonical name."""
    @property
    def aliases(self) -> list[Alias]:
        """Further surface forms (the name itself is not repeated here)."""
    @property
    def codes(self) -> CodesDict:
        """The codes that are set (`iso2`, `iso3`, `numeric`, `wikidata`, `cameo`, `acronym`)."""
    @property
    def role(self) -> str | None:
        """For a role-title entity, the role key its titles stand for."""
    @property
    def posts(self) -> list[Post]:
        """For an official, the posts held, in the gazetteer's order."""
    @property
    def members(self) -> list[str]:
        """For an organization, the ids of its member states, where known."""
    @property
    def state(self) -> str | None:
        """For a place, the id of the state it lies in."""
    @property
    def stands_for(self) -> str | None:
        """For a place that is the seat of a government or organization (Brussels, the
        Kremlin), the id of what it stands for when it acts.
        """
    @property
    def start(self) -> str | None:
        """When the state or organization began to exist (ISO date), when it is recorded."""
    @property
    def end(self) -> str | None:
        """When the state or organization ceased to exist (ISO date), when it did."""
    @property
    def sources(self) -> list[str]:
        """Where the facts come from (short source names)."""
    def post_on(self, date: _Date, /) -> Post | None:
        """The post held on `date` (a `datetime.date` or an ISO string), or None: among
        the posts held that day, the one that started last.
        """
    def to_dict(self) -> dict[str, Any]:
        """The entity as a gazetteer record (one line of a JSON Lines gazetteer file)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Matcher:
    """A compiled gazetteer that finds and links mentions in texts.

    `Matcher()` and `Matcher.default()` use the embedded default gazetteer. Give gazetteer
    files (JSON, JSON Lines or CSV, told apart by their extension) to add to it, or to use
    alone with `default=False`; `Matcher.from_entities` takes records from Python.

    A matcher is immutable and thread-safe, and `extract` and `extract_batch` release the
    GIL. It pickles (the default matcher as a reference to `Matcher.default()`, another as
    its records), so it can be sent to worker processes.

    Args:
        gazetteers: a gazetteer file, or a sequence of them, read in order.
        default: start from the embedded default gazetteer (the default) or from nothing.
        mode: how a record combines with an earlier one of the same id: "extend" (the
            default) adds its aliases, posts, members and codes (a different kind or name
            is a LoadError naming both records); "override" replaces it.

    Raises:
        LoadError: a file does not parse or its records do not check; the message names
            every problem with its file and line.
        OSError: a file cannot be read (FileNotFoundError when it does not exist).
        GeopolError: a path has a lone surrogate, which `os.fsencode` cannot encode.

    >>> import geopol
    >>> m = geopol.Matcher.from_entities([
    ...     {"id": "state:KAZ", "kind": "state", "name": "Kazakhstan",
    ...      "aliases": [{"text": "Kazakh", "type": "demonym"}]},
    ... ])
    >>> [(x.text, x.id) for x in m.extract("Kazakh diplomats left KAZAKHSTAN.")]
    [('Kazakh', 'state:KAZ'), ('KAZAKHSTAN', 'state:KAZ')]
    >>> len(m), "state:KAZ" in m
    (1, True)
    """

    def __new__(
        cls,
        gazetteers: _Path | Iterable[_Path] | None = None,
        *,
        default: bool = True,
        mode: Literal["extend", "override"] = "extend",
    ) -> Matcher: ...
    @classmethod
    def default(cls) -> Matcher:
        """The matcher over the embedded default gazetteer.

        It is built on the first call (the GIL is released meanwhile) and the same object
        is returned afterwards.

        >>> import geopol
        >>> geopol.Matcher.default() is geopol.Matcher.default()
        True
        """
    @classmethod
    def from_entities(
        cls,
        entities: Iterable[Mapping[str, Any] | Entity],
        /,
        *,
        default: bool = False,
        mode: Literal["extend", "override"] = "extend",
    ) -> Matcher:
        """A matcher over entity records given as dicts (or `Entity` objects).

        Each dict is a gazetteer record, as in a JSON Lines gazetteer file: `id`, `kind`
        (`state`, `organization`, `official` or `role`), `name`, and optionally `aliases`,
        `codes`, `posts`, `members`, `start`, `end`, `sources`, `role`.

        Args:
            entities: the records.
            default: add them to the embedded default gazetteer instead of using them
                alone (the default).
            mode: "extend" or "override", as for `Matcher(...)`.

        Raises:
            LoadError: a record is malformed or the records do not check; problems are
                named `<entities>:N`, N being the record's 1-based position.

        >>> import geopol
        >>> m = geopol.Matcher.from_entities([
        ...     {"id": "state:TKM", "kind": "state", "name": "Turkmenistan",
        ...      "aliases": [{"text": "Turkmen", "type": "demonym"}]},
        ... ])
        >>> [m.matched_by for m in m.extract("Turkmen gas from Turkmenistan")]
        ['demonym', 'name']
        >>> geopol.Matcher.from_entities([{"id": "state:X", "kind": "nation", "name": "X"}])
        Traceback (most recent call last):
          ...
        geopol.LoadError: <entities>:1: entity "state:X": unknown variant "nation", expected one of "state", "organization", "official", "role", "place"
        """
    @classmethod
    def _from_jsonl(cls, data: bytes, default: bool) -> Matcher:
        """Rebuilds a pickled matcher from JSON Lines records (on top of the default
        gazetteer when `default` is true, replacing its records of the same ids).
        """
    @overload
    def extract(
        self, text: str, /, *, date: _Date | None = None, explain: Literal[False] = False
    ) -> list[Mention]: ...
    @overload
    def extract(
        self, text: str, /, *, date: _Date | None = None, explain: Literal[True]
    ) -> tuple[list[Mention], list[Decision]]: ...
    @overload
    def extract(
        self, text: str, /, *, date: _Date | None = None, explain: bool = False
    ) -> list[Mention] | tuple[list[Mention], list[Decision]]:
        """Finds every mention in `text`, in order, linked and resolved for `date`.

        Mentions never overlap and `text[m.start:m.end] == m.text` for each. The GIL is
        released while the text is searched.

        Args:
            text: the document.
            date: the document's date, a `datetime.date`, a `datetime.datetime` or an ISO
                8601 string ("2022-01-11", "2022-01-11T09:30:00Z"). An official's role is
                then the post held that day, and dated names are checked against it.
                Without a date, the role is the latest post and `date_checked` is False.
            explain: also return why each candidate was dropped, relinked, added or
                annotated: a pair `(mentions, decisions)`, the decisions (`Decision`) in the
                order the passes took them. The mentions are the same as without it.

        Raises:
            GeopolError: the date is malformed or does not exist (a ValueError), or `text`
                or the date string has a lone surrogate (is not valid Unicode).
            TypeError: the text is not a str, or the date is of another type.

        >>> import geopol
        >>> m = geopol.Matcher.from_entities([
        ...     {"id": "state:KAZ", "kind": "state", "name": "Kazakhstan"},
        ...     {"id": "person:tokayev", "kind": "official", "name": "Kassym-Jomart Tokayev",
        ...      "posts": [
        ...          {"role": "foreign_minister", "of": "state:KAZ", "start": "2002-01-28", "end": "2007-01-10"},
        ...          {"role": "head_of_state", "of": "state:KAZ", "start": "2019-03-20"}]},
        ... ])
        >>> [t] = m.extract("Kassym-Jomart Tokayev", date="2005-06-01")
        >>> t.role.key, t.role.of_name, t.date_checked
        ('foreign_minister', 'Kazakhstan', True)
        >>> m.extract("Kassym-Jomart Tokayev")[0].role.key
        'head_of_state'
        >>> m.extract("Kazakhstan", date="2022-02-30")
        Traceback (most recent call last):
          ...
        geopol.GeopolError: invalid date "2022-02-30": day 30 does not exist in 2022-02
        """
    def extract_iter(self, text: str, /, *, date: _Date | None = None) -> MentionIterator:
        r"""Finds the mentions of `text` a piece at a time: an iterator of the mentions that
        `extract(text, date=date)` returns, in the same order.

        A text is resolved in pieces (a paragraph, or at most 64 KiB of a longer one); a
        background thread resolves the next few pieces while the caller takes the mentions
        of the last, so memory stays that of a few pieces whatever the length of the text.
        `extract` holds every mention of the text at once (about 0.7 KB each in Python): use
        this for a text of many megabytes. An iterator cannot be used in a process forked
        after it was made.

        Args:
            text: the document.
            date: the document's date, as for `extract`.

        Raises:
            GeopolError: the date is malformed or does not exist, or `text` or the date
                string has a lone surrogate; when iterating, the iterator was made in
                another process.
            TypeError: the text is not a str, or the date is of another type.

        >>> import geopol
        >>> m = geopol.Matcher.from_entities([{"id": "state:TCD", "kind": "state", "name": "Chad"}])
        >>> it = m.extract_iter("Chad.\n\nChad and Chad.")
        >>> [(x.text, x.start) for x in it]
        [('Chad', 0), ('Chad', 7), ('Chad', 16)]
        """
    def extract_batch(
        self,
        texts: Iterable[str],
        /,
        *,
        dates: _Date | Iterable[_Date | None] | None = None,
        threads: int | None = None,
    ) -> list[list[Mention]]:
        """Extracts the mentions of many texts in parallel, without holding the GIL.

        Gives the same mentions as `[self.extract(t, date=d) for t, d in zip(texts,
        dates)]`, one list per text, in input order.

        Args:
            texts: the documents (any iterable of str, not a str).
            dates: None, one date for every text, or one date (or None) per text.
            threads: the number of worker threads (at most 4 per CPU); by default, one
                per CPU.

        Raises:
            GeopolError: a date is malformed, a text has a lone surrogate (is not valid
                Unicode), `dates` does not have one item per text, or `threads` is 0 or
                more than 4 per core.
            TypeError: a text is not a str.

        >>> import geopol
        >>> m = geopol.Matcher.from_entities([{"id": "state:TCD", "kind": "state", "name": "Chad"}])
        >>> [[x.text for x in doc] for doc in m.extract_batch(["Chad.", "chad", "Chad, Chad"])]
        [['Chad'], [], ['Chad', 'Chad']]
        """
    def _extract_json(self, text: str, /, *, date: _Date | None = None) -> str:
        """The Mention JSON of `Mention::to_json` for each mention of `text`, as a JSON array
        (a test hook: `to_dict()` must give the same objects).
        """
    def get(self, id: str, /) -> Entity | None:
        """The entity with this id, or None.

        >>> import geopol
        >>> m = geopol.Matcher.from_entities([{"id": "state:TCD", "kind": "state", "name": "Chad"}])
        >>> m.get("state:TCD")
        Entity(id='state:TCD', kind='state', name='Chad')
        >>> m.get("state:XXX") is None
        True
        """
    def entities(self) -> list[Entity]:
        """Every entity of the gazetteer, in its order (copies)."""
    @property
    def entity_count(self) -> int:
        """The number of entities in the gazetteer."""
    @property
    def pattern_count(self) -> int:
        """The number of distinct folded aliases the automaton searches for."""
    @property
    def is_default(self) -> bool:
        """True for the matcher over the embedded default gazetteer, unchanged."""
    def __len__(self) -> int: ...
    def __contains__(self, key: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

def cli_main(argv: list[str]) -> int:
    """Runs the `geopol` command line (`argv[0]` is the program name) and returns its exit
    code. The GIL is released while it runs.

    Arguments are encoded as `os.fsencode` does; one that cannot be (a lone surrogate) raises
    `GeopolError` naming it, and an item that is not a str raises `TypeError`.
    """
