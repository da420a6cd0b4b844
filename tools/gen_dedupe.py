"""One person, one entity: the passes tools/gen_gazetteer.py runs on the officials once every
source (Wikidata, Factbook, PETRARCH, curated officials, curated posts) is in.

1. `strip_titles`: a political title at the start of a name or alias ("President Abdullah
   Gul", "Secretary of State Alexander M. Haig", "Senator the Hon. Claudette Joseph") is
   taken off; an alias that is then the person's name or another alias is dropped; a
   titled name is renamed (and its id re-slugged). Regnal titles (King, Emir, Pope,
   Sheikh, Prince) are part of the name and stay.
2. `drop_institutions`: officials named like an institution ("Palestinian Authority",
   "Sudan People's Liberation Army") are dropped.
3. `merge_duplicates`: officials with one folded name (or a PETRARCH-only entity whose name
   is another's name or alias) and posts of the same `of` over overlapping dates are one
   person, unless both have Wikidata QIDs and they differ; so are two holders of one
   single-holder post from the same day whose names share a word (`same_day_holders`).
"""
from __future__ import annotations

import collections
import re

from gen_gazetteer import CO_HELD, CURATED_POST, SINGLE_HOLDER, add_alias, add_source, fold, keep_latest_confirmed, key, name_skeleton, overlaps, slug, words

# Titles of office (not regnal titles). Matched case-insensitively at the start, repeatedly
# ("Deputy Secretary of State", "Senator the Hon.").
_OF = r"(?:\s+of\s+(?:the\s+)?(?:Foreign\s+Affairs|Home\s+Affairs|[A-Z][\w-]+(?:\s+and\s+[A-Z][\w-]+)?))"
TITLE_RE = re.compile(
    r"^(?:"
    r"(?:vice|deputy|acting|interim|former|first)(?=[\s-])"
    r"|president(?:[\s-]elect)?" + _OF + r"?"
    r"|prime[\s-]minister(?:[\s-](?:elect|designate))?"
    r"|premier"
    r"|(?:foreign|defen[cs]e|interior|finance|justice)\s+minister"
    r"|minister(?:[\s-](?:designate|elect))?" + _OF + r"?"
    r"|secretary[\s-]general|general\s+secretary|secretary" + _OF + r"?"
    r"|chancellor|senator|sen\.|governor|ambassador|chairman|chairwoman|chairperson"
    r"|speaker|leader|spokesman|spokeswoman|spokesperson|representative|congressman|congresswoman"
    r"|the\s+hon\.?|hon\.|the\s+honou?rable|honou?rable"
    r")(?:,|\.)?(?:[\s-]+|$)",
    re.IGNORECASE,
)

COARSE_ROLES = {"government", "other", "military", "military_chief", "opposition"}

INSTITUTION_WORDS = {"authority", "government", "council", "party", "front", "ministry", "committee",
                     "movement", "army", "forces", "assembly", "coalition", "brigade", "brigades",
                     "parliament", "commission", "league", "alliance"}


def strip_title(text: str) -> str:
    """The text without the political titles it starts with ("" if nothing is left)."""
    t = text.strip()
    while True:
        m = TITLE_RE.match(t)
        if not m:
            return t
        t = t[m.end():].strip(" ,")


def has_title(text: str) -> bool:
    return strip_title(text) != text.strip()


def institution_word(name: str):
    return next((w for w in words(name) if w in INSTITUTION_WORDS), None)


def strip_titles(people, stats, log):
    """Returns the ids of the renamed officials."""
    renamed = []
    for pid in sorted(people.by_id):
        e = people.by_id[pid]
        if has_title(e["name"]):
            new = strip_title(e["name"])
            if sum(c.isalpha() for c in new) >= 3:
                log(f"  title stripped from the name: {e['name']!r} -> {new!r}")
                e["name"] = new
                stats["officials: title stripped from the name"] += 1
                renamed.append(e)
        have = {key(e["name"])}
        kept = []
        for a in e["aliases"]:
            if has_title(a["text"]):
                stats["official aliases: title stripped"] += 1
                rest = strip_title(a["text"])
                if sum(c.isalpha() for c in rest) < 3 or key(rest) in have or any(
                        key(b["text"]) == key(rest) for b in e["aliases"] if b is not a):
                    stats["official aliases: dropped, the rest is the name or another alias"] += 1
                    continue
                a = {**a, "text": rest}
            if key(a["text"]) in have and a["type"] in ("alias", "name"):
                continue
            have.add(key(a["text"]))
            kept.append(a)
        e["aliases"] = kept
    # A renamed person whose id holds the title gets the id of the stripped name.
    for e in renamed:
        base = f"person:{slug(e['name'])}"
        if e["id"] == base or not slug(e["name"]):
            continue
        new, n = base, 1
        while new in people.by_id:
            n += 1
            new = f"{base}-{n}"
        del people.by_id[e["id"]]
        if e["codes"].get("wikidata"):
            people.by_qid[e["codes"]["wikidata"]] = new
        e["id"] = new
        people.by_id[new] = e
        stats["officials: id re-slugged without the title"] += 1
    return {e["id"] for e in renamed}


def drop_institutions(people, stats, log):
    for pid in sorted(people.by_id):
        e = people.by_id[pid]
        w = institution_word(e["name"])
        if w and "curated" not in e.get("sources", []):
            log(f"  dropped, named like an institution ({w}): {pid} {e['name']!r}")
            stats["officials dropped: named like an institution"] += 1
            del people.by_id[pid]


def _qid(e):
    return (e.get("codes") or {}).get("wikidata")


def _coarse(p):
    return p["role"] in COARSE_ROLES and not p.get("title")


def _petrarch_only(e):
    return set(e.get("sources", [])) == {"petrarch"} and all(_coarse(p) for p in e["posts"])


def _links(a, b):
    """How many pairs of posts of a and b are of the same `of` over overlapping dates."""
    return sum(1 for p in a["posts"] for q in b["posts"] if p["of"] == q["of"] and overlaps(p, q))


def _rank(e):
    """Which entity of a group keeps its id: curated, then a QID, then no numeric suffix."""
    return ("curated" not in e.get("sources", []), not _qid(e), bool(re.search(r"-\d+$", e["id"])),
            -len(e["posts"]), e["id"])


def _post_rank(p):
    return (not (CURATED_POST in p or (p.get("source") or "").startswith("curated")),
            _coarse(p), not p.get("end"), not p.get("start"), not p.get("title"), p.get("start") or "")


def _merge_posts(keep, extra):
    posts = list(keep)
    for p in extra:
        clash = [q for q in posts if q["of"] == p["of"] and overlaps(p, q)
                 and (q["role"] == p["role"] or _coarse(p) or _coarse(q))]
        same = [q for q in clash if q["role"] == p["role"] or (_coarse(p) and _coarse(q))]
        if any(_coarse(p) and not _coarse(q) for q in clash):
            continue  # a coarse PETRARCH post where a precise one is known
        if same:
            q = min(same, key=_post_rank)
            if _post_rank(p) < _post_rank(q):
                posts[posts.index(q)] = p
                keep_latest_confirmed(p, q)
            else:
                keep_latest_confirmed(q, p)
            continue
        posts.append(p)
    # Coarse posts of the kept entity that a merged precise post now covers.
    return [p for p in posts if not (_coarse(p) and any(
        q["of"] == p["of"] and overlaps(p, q) and not _coarse(q) for q in posts))]


def _near(a, b, days=400):
    """Posts of a and b of one `of` that overlap or lie within `days` of each other
    (a president-elect's post and the presidency that follows)."""
    import datetime as dt

    def pad(p, d):
        s = p.get("start") and (dt.date.fromisoformat(p["start"]) - dt.timedelta(days=d)).isoformat()
        e = p.get("end") and (dt.date.fromisoformat(p["end"]) + dt.timedelta(days=d)).isoformat()
        return {"start": s, "end": e}

    return sum(1 for p in a["posts"] for q in b["posts"] if p["of"] == q["of"] and overlaps(pad(p, days), q))


def _name_words(e):
    return {w for t in [e["name"]] + [a["text"] for a in e["aliases"] if a["type"] in ("name", "alias")]
            for w in words(fold(t)) if len(w) >= 4}


def _skeletons(e):
    """The consonant skeletons of 4+ letters of the words of e's names ("Lukashenko" and
    "Lukashenka" → "lkshnk", "Abdallah" and "Abdullah" → "bdlh")."""
    return {w for t in [e["name"]] + [a["text"] for a in e["aliases"] if a["type"] in ("name", "alias")]
            for w in name_skeleton(t).split() if len(w) >= 4}


def same_day_holders(ents):
    """(id, id, 1) for each pair of officials holding one single-holder role of one `of`
    from the same day (not a CO_HELD role) whose names share a word of 4+ letters or its
    consonant skeleton (name_skeleton)."""
    slots = collections.defaultdict(set)
    for e in ents:
        for p in e["posts"]:
            if p["role"] in SINGLE_HOLDER and p.get("start") and (p["role"], p["of"]) not in CO_HELD:
                slots[(p["role"], p["of"], p["start"])].add(e["id"])
    by_id = {e["id"]: e for e in ents}
    pairs = set()
    for ids in slots.values():
        ids = sorted(ids)
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                ea, eb = by_id[a], by_id[b]
                if _qid(ea) and _qid(eb) and _qid(ea) != _qid(eb):
                    continue
                if _name_words(ea) & _name_words(eb) or _skeletons(ea) & _skeletons(eb):
                    pairs.add((a, b, 1))
    return sorted(pairs)


def merge_duplicates(people, stats, log, renamed=()):
    """`renamed`: ids whose name lost a title; they also join a person of that name (or
    whose id is their stripped slug) with a post of the same `of` within about a year."""
    ents = [people.by_id[i] for i in sorted(people.by_id)]
    by_name = collections.defaultdict(list)
    for e in ents:
        by_name[fold(e["name"])].append(e)
    edges = set()
    for group in by_name.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if _qid(a) and _qid(b) and _qid(a) != _qid(b):
                    continue
                n = _links(a, b)
                if n:
                    edges.add((-n, a["id"], b["id"]))
    # A PETRARCH-only person with coarse posts whose name is an alias of one person with a
    # precise post of the same state over the same dates.
    by_alias = collections.defaultdict(set)
    for e in ents:
        for a in e["aliases"]:
            if a["type"] in ("name", "alias", "former_name") and len(words(a["text"])) >= 2:
                by_alias[fold(a["text"])].add(e["id"])
    for e in ents:
        if not _petrarch_only(e):
            continue
        cands = [people.by_id[c] for c in sorted(by_alias.get(fold(e["name"]), ())) if c != e["id"]]
        cands = [c for c in cands if any(p["of"] == q["of"] and overlaps(p, q) and not _coarse(q)
                                         for p in e["posts"] for q in c["posts"])]
        if len(cands) == 1:
            a, b = sorted([e["id"], cands[0]["id"]])
            edges.add((-_links(e, cands[0]), a, b))
    for rid in sorted(renamed):
        e = people.by_id.get(rid)
        if e is None:
            continue
        base = re.sub(r"-\d+$", "", rid)
        cands = [c for c in ents if c["id"] != rid and not (_qid(c) and _qid(e) and _qid(c) != _qid(e)) and (
            c["id"] == base or fold(c["name"]) == fold(e["name"])
            or any(fold(a["text"]) == fold(e["name"]) for a in c["aliases"]))]
        cands = [c for c in cands if _near(e, c)]
        if len(cands) == 1:
            a, b = sorted([rid, cands[0]["id"]])
            edges.add((-_near(e, cands[0]), a, b))
    # Two holders of one single-holder post from the same day whose names share a word of
    # four letters or more are one person spelt two ways ("Mohamed Najib" of the Factbook,
    # "Najib Razak" of Wikidata, both Prime Minister of Malaysia from 2009-04-03).
    for a, b, n in same_day_holders(ents):
        edges.add((-n, a, b))
    # Union-find over the links, strongest first; never two different QIDs in one group.
    parent = {e["id"]: e["id"] for e in ents}
    qids = {e["id"]: ({_qid(e)} if _qid(e) else set()) for e in ents}

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, a, b in sorted(edges):
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        if qids[ra] and qids[rb] and qids[ra] != qids[rb]:
            stats["officials not merged: different Wikidata QIDs"] += 1
            continue
        parent[rb] = ra
        qids[ra] |= qids[rb]
    groups = collections.defaultdict(list)
    for e in ents:
        groups[root(e["id"])].append(e)
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=_rank)
        keep, rest = members[0], members[1:]
        ids = [m["id"] for m in members]
        for m in rest:
            del people.by_id[m["id"]]
            if key(m["name"]) != key(keep["name"]) and not any(key(a["text"]) == key(m["name"]) for a in keep["aliases"]):
                add_alias(keep, {"text": m["name"], "type": "alias"})
            for a in m["aliases"]:
                add_alias(keep, a)
            for k, v in (m.get("codes") or {}).items():
                keep["codes"].setdefault(k, v)
            for s in m.get("sources", []):
                add_source(keep, s)
            keep["posts"] = _merge_posts(keep["posts"], m["posts"])
            keep.setdefault("members", [])
            for x in m.get("members", []):
                if x not in keep["members"]:
                    keep["members"].append(x)
            stats["officials merged into another entity of the same person"] += 1
        # The id without a numeric suffix, when the kept one has a suffix and is not curated.
        plain = [i for i in ids if not re.search(r"-\d+$", i)]
        if re.search(r"-\d+$", keep["id"]) and plain and "curated" not in keep.get("sources", []) \
                and plain[0] not in people.by_id:
            del people.by_id[keep["id"]]
            keep["id"] = plain[0]
            people.by_id[keep["id"]] = keep
        if _qid(keep):
            people.by_qid[_qid(keep)] = keep["id"]
    for q, i in list(people.by_qid.items()):
        if i not in people.by_id:
            del people.by_qid[q]
