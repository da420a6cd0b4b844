"""Transliteration variants of officials' names: the spellings English news uses for names
written first in Cyrillic, Arabic, Persian or Chinese (and Korean) script, or in the Latin
alphabets of Kazakh and Uzbek.

Called by tools/gen_gazetteer.py (`add_variants`) once every official is built and merged,
before the one-word and hygiene filters, so a surname variant is pruned like any surname.
Python standard library only; deterministic (rules in a fixed order, no sets iterated).

Which rules apply to whom: a person gets the rules of every group (`GROUPS`) that one of
their posts' states belongs to (the language the name was first written in follows from
the state of the post, not from the name: an English name never gets these rules unless
its holder served one of these states). Rules apply to the entity's name (the full name,
variants of type `alias`) and to its surname aliases (variants of type `surname`); a name
of the Arabic group ending in an article and a word ("Ahmed al-Sharaa") also gives that
word with and without the article as surnames ("al-Sharaa", "Sharaa").

Each rule is data: an id, the groups it applies to, a regular expression matched on each
word of the name (lower case; a capital initial is restored) or on the whole name, and the
replacements. A name yields one variant per rule and replacement that changes it, plus the
variant of every *system* (several rules applied together, as one romanization does:
Kazakh Latin turns "Kassym-Jomart Tokayev" into "Qasym-Zhomart Toqaev"), at most
`MAX_VARIANTS` per name: systems first, then the whole-name rules (`NAME_RULES`), the
word rules (`WORD_RULES`) and the spelling table (`NAME_TABLE`), in the order written.

`add_variants` drops a variant whose folded form is already a name or alias of another
entity (state, organization, place, role or official), or that two people would get; a
surname variant may equal another official's surname (surnames are shared, and the
resolver decides between their holders by the post held that day). Every drop is counted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# ---------------------------------------------------------------------------- groups

# The states whose officials' names reach English news through transliteration.
GROUPS: dict[str, frozenset[str]] = {
    # Former Soviet states whose names are written in Cyrillic (or were, through Russian):
    # not the Baltic states or Moldova, whose names are written in the Latin alphabet.
    "cyrillic": frozenset("RUS UKR BLR KAZ KGZ UZB TJK TKM AZE ARM GEO".split()),
    # Central Asian Turkic and Persian-speaking states, written in Cyrillic and now also
    # in Latin alphabets of their own (Kazakh, Uzbek: q, j, sh).
    "turkic": frozenset("KAZ KGZ UZB TKM TJK AZE".split()),
    # Kazakhstan alone: its Latin alphabet (2021) writes қ as q, ж as zh.
    "kazakh": frozenset(["KAZ"]),
    # Armenian: -յան written -yan or -ian.
    "armenian": frozenset(["ARM"]),
    # The 22 members of the Arab League.
    "arabic": frozenset("DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE "
                        "YEM".split()),
    # Persian: Iran and Afghanistan (Dari).
    "persian": frozenset("IRN AFG".split()),
    # Names of two hyphenated or spaced syllables: Chinese (Wade-Giles in Taiwan, Hong Kong
    # forms), Korean.
    "sinitic": frozenset("CHN TWN KOR PRK".split()),
}
# Türkiye is not a group: Turkish is written in the Latin alphabet, and folding (lower
# case, no diacritics: ğ → g, ş → s, ı → i) already makes "Erdoğan" match "Erdogan".

# ---------------------------------------------------------------------------- rules

C = "bcdfghjklmnpqrstvwxz"  # consonants, for look-behinds

# Word rules: (id, groups, pattern on the lower-case word, replacements, comment). Every
# match of the pattern in every word of the name is replaced at once.
WORD_RULES: list[tuple[str, tuple[str, ...], str, tuple[str, ...], str]] = [
    ("sky-ending", ("cyrillic",), r"(?<=[sc]k)(?:yy|iy|yi|ii|y)$", ("y", "yy", "iy"),
     "-ский/-ський: Zelensky, Zelenskyy, Zelenskiy (also -tsky)"),
    ("iy-ending", ("cyrillic",), rf"(?<=[{C.replace('k', '')}])(?:iy|ii|yi)$", ("y", "i", "iy", "ii"),
     "-ий of given names: Dmitriy, Dmitry, Dmitri; Andriy, Andrii"),
    ("y-ending", ("cyrillic",), rf"(?<=[{C.replace('k', '')}])y$", ("iy", "i"),
     "the same ending written -y: Dmitry → Dmitriy, Dmitri"),
    ("ey-ending", ("cyrillic",), r"(?<=[a-z][" + C + r"])(?:ey|ei)$", ("ey", "ei"),
     "-ей: Sergey, Sergei; Alexey, Alexei"),
    ("yev-after-vowel", ("cyrillic",), r"(?<=[aeiou])y(?=ev)", ("",),
     "е after a vowel written ye or e: Tokayev → Tokaev, Mirziyoyev → Mirziyoev, Aliyev → Aliev"),
    ("ev-after-vowel", ("cyrillic",), r"(?<=[aeiou])(?=ev)", ("y",),
     "the same, the other way: Tokaev → Tokayev"),
    ("yo", ("cyrillic",), rf"(?<=[{C}])yo", ("io", "e"),
     "ё after a consonant: Fyodor, Fiodor, Fedor; Pyotr, Petr"),
    ("kh", ("cyrillic", "turkic"), r"kh", ("h",), "х: Mikhail → Mihail"),
    ("ks", ("cyrillic",), r"ks", ("x",), "кс: Oleksandr → Olexandr, Aleksei → Alexei"),
    ("zh-j", ("turkic",), r"^zh", ("j",), "ж at the start of a Turkic word: Zhaparov → Japarov"),
    ("j-zh", ("turkic",), r"^j", ("zh",), "the same, the other way: Jomart → Zhomart, Japarov → Zhaparov"),
    ("q-k", ("turkic",), r"q", ("k",), "қ, Kazakh and Uzbek Latin q: Qasym → Kasym, Toqaev → Tokaev"),
    ("yan-ian", ("armenian",), r"yan$", ("ian",), "-յան: Pashinyan → Pashinian"),
    ("final-aa", ("arabic",), r"(?<=[" + C + r"])aa$", ("a",),
     "a long vowel before a final ʿayn or hamza: Sharaa → Shara (and so al-Shara')"),
    ("dj", ("arabic",), r"dj", ("j",), "ج in French spelling (Maghreb): Abdelmadjid → Abdelmajid"),
    ("gh-q", ("persian",), r"gh", ("q",), "ق/غ: Araghchi → Araqchi, Ghalibaf → Qalibaf"),
    ("q-gh", ("persian",), r"q", ("gh",), "the same, the other way: Qalibaf → Ghalibaf"),
    ("ou-u", ("persian",), r"ou", ("u",), "و: Rouhani → Ruhani"),
]

# Given names and name parts with fixed spelling sets (word → the other spellings).
# Applied as word rules of the groups given.
NAME_TABLE: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("arabic", "persian"), ("mohammed", "mohammad", "muhammad", "mohamed")),
    (("arabic", "persian"), ("ahmed", "ahmad")),
    (("arabic", "persian"), ("mahmoud", "mahmud")),
    (("arabic", "persian"), ("hussein", "hussain", "husayn")),
    (("arabic", "persian"), ("hassan", "hasan")),
    (("arabic", "persian"), ("abdullah", "abdallah")),
    (("arabic",), ("abdel", "abdul")),
    (("arabic",), ("khaled", "khalid")),
    (("arabic",), ("youssef", "yousef", "yusuf")),
    (("arabic",), ("omar", "umar")),
    (("arabic", "persian"), ("mustafa", "mostafa")),
    (("arabic",), ("faisal", "faysal")),
    # Persian honorific "sayyid" before the given name.
    (("persian",), ("seyed", "seyyed", "sayyid")),
]

# Name rules, on the whole name: (id, groups, pattern, replacements, comment). A
# replacement is a string, or a function of the match.
ARTICLE = r"(?<![^\s])(?:(?:[Aa]l|[Ee]l)[- ]|(?:[Aa]sh|[Aa][dnrstz])-)(?=[A-Z])"
NAME_RULES: list[tuple[str, tuple[str, ...], str, tuple[str | Callable[[re.Match[str]], str], ...], str]] = [
    ("article", ("arabic",), ARTICLE, ("al-", "el-", "al "),
     "the article: al-Sharaa, el-Sisi, Al Thani, as-Sisi (assimilated) written al-, el- or al"),
    ("honorific", ("persian",), r"^(?:Seyed|Seyyed|Sayyid|Sayed|Syed) ", ("",),
     "the honorific left out: Seyed Abbas Araghchi → Abbas Araghchi"),
    ("hyphen-space", ("sinitic",), r"(?<=[a-z])-([a-z])", (lambda m: " " + m[1].upper(),),
     "a two-syllable given name: Kim Jong-un → Kim Jong Un; Tsai Ing-wen → Tsai Ing Wen"),
    ("space-hyphen", ("sinitic",), r"^([A-Z][a-z]+) ([A-Z][a-z]{1,4}) ([A-Z])([a-z]{1,4})$",
     (lambda m: f"{m[1]} {m[2]}-{m[3].lower()}{m[4]}",),
     "the same, the other way (three short words): Yoon Suk Yeol → Yoon Suk-yeol"),
]

# Romanization systems: several rules applied together, in this order (each with its
# first replacement).
SYSTEMS: list[tuple[str, tuple[str, ...], tuple[str, ...], str]] = [
    ("kazakh-latin", ("kazakh",), ("k-q", "double", "j-zh", "yev-after-vowel"),
     "Kazakh Latin: Kassym-Jomart Tokayev → Qasym-Zhomart Toqaev"),
    ("simplified", ("cyrillic",), ("sky-ending", "yev-after-vowel", "ey-ending"),
     "Russian simplified: Zelenskyy → Zelensky, Tokayev → Tokaev, Sergey → Sergei"),
]

# Rules used by systems only.
SYSTEM_ONLY: list[tuple[str, tuple[str, ...], str, tuple[str, ...], str]] = [
    ("k-q", ("kazakh",), r"k(?=[aou])", ("q",), "к before a back vowel, Kazakh Latin q: Tokayev → Toqayev"),
    ("double", ("kazakh",), r"([" + C + r"])\1", (r"\1",), "a doubled consonant written once: Kassym → Qasym"),
]

# At most this many variants of one name (the automaton grows with every alias).
MAX_VARIANTS = 4


def _restore_case(new: str, old: str) -> str:
    """`new` (lower case) with the case pattern of `old`: capital initial, or all caps."""
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _word_rule(pattern: str, repl: str) -> Callable[[str], str]:
    rx = re.compile(pattern)

    def apply(name: str) -> str:
        def one(m: re.Match[str]) -> str:
            w = m.group(0)
            return _restore_case(rx.sub(repl, w.lower()), w)

        return re.sub(r"[^\W\d_]+", one, name)

    return apply


def _table_rule(spellings: tuple[str, ...], repl: str) -> Callable[[str], str]:
    others = {s for s in spellings if s != repl}

    def apply(name: str) -> str:
        def one(m: re.Match[str]) -> str:
            w = m.group(0)
            return _restore_case(repl, w) if w.lower() in others else w

        return re.sub(r"[^\W\d_]+", one, name)

    return apply


def _name_rule(pattern: str, repl: str | Callable[[re.Match[str]], str]) -> Callable[[str], str]:
    rx = re.compile(pattern)
    fn = repl if callable(repl) else (lambda m: repl)
    return lambda name: rx.sub(fn, name)


Rule = tuple[str, tuple[str, ...], list[Callable[[str], str]]]


def _compile() -> tuple[list[Rule], dict[str, Rule]]:
    rules: list[Rule] = []
    for id_, groups, pattern, repls, _ in NAME_RULES:
        rules.append((id_, groups, [_name_rule(pattern, r) for r in repls]))
    for id_, groups, pattern, repls, _ in WORD_RULES:
        rules.append((id_, groups, [_word_rule(pattern, r) for r in repls]))
    for groups, spellings in NAME_TABLE:
        rules.append((f"name:{spellings[0]}", groups, [_table_rule(spellings, r) for r in spellings]))
    by_id = {r[0]: r for r in rules}
    for id_, groups, pattern, repls, _ in SYSTEM_ONLY:
        by_id[id_] = (id_, groups, [_word_rule(pattern, r) for r in repls])
    return rules, by_id


RULES, RULES_BY_ID = _compile()


def tidy(s: str) -> str:
    return " ".join(s.split())


def variants(name: str, groups: set[str] | frozenset[str]) -> list[str]:
    """The transliteration variants of `name` for a person of these groups, without
    `name` itself, at most `MAX_VARIANTS`, in a fixed order (systems, then rules)."""
    out: list[str] = []

    def add(v: str) -> None:
        v = tidy(v)
        if v and v != name and v not in out and re.search(r"[^\W\d_]{2}", v):
            out.append(v)

    for _, sgroups, steps, _ in SYSTEMS:
        if not groups & set(sgroups):
            continue
        v = name
        for step in steps:
            v = RULES_BY_ID[step][2][0](v)
        add(v)
    for _, rgroups, fns in RULES:
        if groups & set(rgroups):
            for fn in fns:
                add(fn(name))
    return out[:MAX_VARIANTS]


def groups_of(person: dict[str, Any]) -> set[str]:
    """The groups of the states of a person's posts."""
    states = {p["of"].split(":", 1)[1] for p in person.get("posts", []) if p["of"].startswith("state:")}
    return {g for g, members in GROUPS.items() if states & members}


def word_key(fold: Callable[[str], str], s: str) -> str:
    """Folded words joined by spaces (the generator's `key`): how collisions are found."""
    return " ".join(re.findall(r"[^\W_]+", fold(s)))


def token_key(fold: Callable[[str], str], s: str) -> str:
    """Folded words and punctuation marks (what the matcher tells apart: "al-Sharaa" is not
    "al Sharaa"): how a person's own forms are told apart."""
    return " ".join(re.findall(r"[^\W_]+|[^\w\s]", fold(s)))


ARABIC_SURNAME = re.compile(r"(?:^|\s)((?:[Aa]l|[Ee]l|[Aa]sh|[Aa][dnrstz])-([A-Z][^\W\d_]{2,}))$")


def surname_forms(name: str, groups: set[str]) -> list[str]:
    """Surnames a name gives beyond its surname aliases: for the Arabic group, a last word
    with the article gives it with and without ("al-Sharaa", "Sharaa")."""
    m = ARABIC_SURNAME.search(name) if "arabic" in groups else None
    return [m[1], m[2]] if m else []


def add_variants(entities: list[dict[str, Any]], fold: Callable[[str], str], stats: dict[str, int]) -> None:
    """Add the variants of every official's name (type `alias`) and surname aliases (type
    `surname`), dropping those that collide (see the module's docstring); counts in
    `stats` under "transliteration: …"."""
    owners: dict[str, set[str]] = {}
    surname_of: dict[str, set[str]] = {}
    own: set[tuple[str, str]] = set()
    for e in entities:
        for t, typ in [(e["name"], "name")] + [(a["text"], a["type"]) for a in e.get("aliases", [])]:
            k = word_key(fold, t)
            owners.setdefault(k, set()).add(e["id"])
            own.add((e["id"], token_key(fold, t)))
            if typ == "surname" and e["kind"] == "official":
                surname_of.setdefault(k, set()).add(e["id"])
    proposed: dict[str, list[tuple[dict[str, Any], str, str]]] = {}
    for e in entities:
        if e["kind"] != "official":
            continue
        groups = groups_of(e)
        if not groups:
            continue
        surnames = [a["text"] for a in e["aliases"] if a["type"] == "surname"]
        derived = [s for s in surname_forms(e["name"], groups) if s not in surnames]
        forms = [(e["name"], "alias")] + [(s, "surname") for s in surnames + derived]
        for text, typ in forms:
            vs = [text] if text in derived else []
            for v in vs + variants(text, groups):
                proposed.setdefault(word_key(fold, v), []).append((e, v, typ))
    for k in sorted(proposed):
        claims = proposed[k]
        people = {e["id"] for e, _, _ in claims}
        all_surnames = all(t == "surname" for _, _, t in claims)
        added: set[tuple[str, str]] = set()
        for e, v, typ in claims:
            tk = token_key(fold, v)
            if (e["id"], tk) in own or (e["id"], tk) in added:
                continue  # the person already has this form
            others = owners.get(k, set()) - {e["id"]}
            if typ == "surname" and others and others <= surname_of.get(k, set()):
                others = set()  # another official's surname: surnames are shared
                stats["transliteration: surname variants equal to another official's surname (kept)"] += 1
            if others:
                stats["transliteration: variants dropped, another entity's name or alias"] += 1
                continue
            if len(people) > 1 and not all_surnames:
                stats["transliteration: variants dropped, two people would share it"] += 1
                continue
            e["aliases"].append({"text": v, "type": typ})
            added.add((e["id"], tk))
            stats[f"transliteration: {'surname' if typ == 'surname' else 'full-name'} variants added"] += 1
