"""UK ministers from the Institute for Government Ministers Database (CC BY 4.0), for the
embedded gazetteer. Called by gen_gazetteer.py after the public officials are built and
before the curated files, so curated facts still win.

Only cabinet-rank appointments are taken: posts the IfG ranks PM, DPM or SoS, and any
appointment whose characteristics say "Full cabinet" or "Attends cabinet". Junior ministers
(Minister of State, Parliamentary Under-Secretary) are left out: about 1,000 more people,
whose full names and surnames ("Smith", "Hall") would add far more false matches than
news names them alone.
"""
from __future__ import annotations

import collections
import csv
import os

from gen_gazetteer import add_alias, add_source, alias, entity, key, slug

SOURCE = "ifg"
# The snapshot of ../shared/data/ifg-ministers (its README in ../shared/data: 2026-06-19,
# commit 92e2270): an open appointment was current then.
SNAPSHOT = "2026-06-19"
GBR = "state:GBR"

# IfG post name → geopol role key (the portfolio ministers and the head of government).
ROLE_OF_POST = {
    "Prime Minister": "head_of_government",
    "Deputy Prime Minister": "deputy_head_of_government",
    "First Secretary of State": "deputy_head_of_government",
    "Chancellor of the Exchequer": "finance_minister",
    "Secretary of State for Foreign and Commonwealth Affairs": "foreign_minister",
    "Secretary of State for Foreign, Commonwealth and Development Affairs": "foreign_minister",
    "Secretary of State for the Home Department": "interior_minister",
    "Secretary of State for Defence": "defence_minister",
    "Secretary of State for Justice and Lord Chancellor": "justice_minister",
}
ROLE_BY_PREFIX = [
    ("Secretary of State for Health", "health_minister"),
    ("Secretary of State for Education", "education_minister"),
    ("Secretary of State for Energy", "energy_minister"),
    ("Secretary of State for Environment, Food", "agriculture_minister"),
    ("Minister of Agriculture", "agriculture_minister"),
    ("Secretary of State for Trade", "trade_minister"),
    ("Secretary of State for International Trade", "trade_minister"),
    ("Secretary of State for Business and Trade", "trade_minister"),
]
CABINET = {"Full cabinet", "Attends cabinet"}


def role_of(post_name):
    if post_name in ROLE_OF_POST:
        return ROLE_OF_POST[post_name]
    for prefix, role in ROLE_BY_PREFIX:
        if post_name.startswith(prefix):
            return role
    return "minister"


def _rows(data, name):
    with open(os.path.join(data, "ifg-ministers", name), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load(data):
    """{IfG person id: {"names": [...], "surname": str, "posts": [post...]}} for the
    cabinet-rank appointments."""
    posts = {p["id"]: p for p in _rows(data, "post.csv")}
    cab = collections.defaultdict(set)
    acting = collections.defaultdict(bool)
    for c in _rows(data, "appointment_characteristics.csv"):
        cab[c["appointment_id"]].add(c["cabinet_status"])
        acting[c["appointment_id"]] |= c["is_acting"] == "True"
    people = collections.defaultdict(lambda: {"names": [], "surname": None, "posts": []})
    for r in sorted(_rows(data, "person.csv"), key=lambda r: (r["id"], r["start_date"] or "", r["name"])):
        d = people[r["id"]]
        for n in (r["name"], r["display_name"]):
            if n and n not in d["names"]:
                d["names"].append(n)
        d["surname"] = r["short_name"] or d["surname"]
    out = {}
    for a in sorted(_rows(data, "appointment.csv"), key=lambda a: (a["person_id"], a["start_date"], a["id"])):
        p = posts[a["post_id"]]
        if a["end_date"] and a["end_date"] < a["start_date"]:
            continue  # two rows of the snapshot end before they start (2025-09 → 2025-05)
        if p["rank_equivalence"] not in ("PM", "DPM", "SoS") and not (cab[a["id"]] & CABINET):
            continue
        post = {"role": role_of(p["name"]), "of": GBR, "title": p["name"], "start": a["start_date"],
                "source": SOURCE}
        if a["end_date"]:
            post["end"] = a["end_date"]
        else:
            post["confirmed"] = SNAPSHOT
        d = people[a["person_id"]]
        if post not in d["posts"]:
            d["posts"].append(post)
        out[a["person_id"]] = d
    return out


def usual_name(names):
    """The name news uses: the birth name rather than a peerage ("Lord Mandelson")."""
    plain = [n for n in names if not n.split()[0] in ("Lord", "Baroness", "Lady", "Sir", "Dame")]
    return (plain or names)[0]


def _overlap(p, q):
    return (p.get("start") or "0000") <= (q.get("end") or "9999") and (q.get("start") or "0000") <= (p.get("end") or "9999")


def merge(people, data, stats, log):
    """Adds the IfG cabinet ministers to `people` (a gen_gazetteer.People): an existing
    official with the same folded name (or alias) and a GBR post overlapping one of the
    IfG posts is that person; otherwise a new official. Posts of the same role and title
    already there are left; the IfG post replaces a coarser or untitled one it overlaps."""
    ifg = load(data)
    index = collections.defaultdict(list)
    for e in people.by_id.values():
        if any(p["of"] == GBR for p in e["posts"]):
            for t in [e["name"]] + [a["text"] for a in e["aliases"] if a["type"] in ("name", "alias")]:
                index[key(t)].append(e)
    for pid in sorted(ifg, key=lambda i: (usual_name(ifg[i]["names"]), i)):
        d = ifg[pid]
        name = usual_name(d["names"])
        cands = []
        for n in d["names"]:
            for e in index.get(key(n), []):
                if e not in cands and e["id"] in people.by_id and any(
                        p["of"] == GBR and _overlap(p, q) for p in e["posts"] for q in d["posts"]):
                    cands.append(e)
        if len(cands) > 1:
            same = [e for e in cands if any(p["role"] == q["role"] for p in e["posts"] for q in d["posts"])]
            cands = same if len(same) == 1 else cands
        if len(cands) > 1:
            stats["ifg: several officials match, new person not made"] += 1
            log(f"  ifg: {name} matches {', '.join(sorted(e['id'] for e in cands))}; merged into the first")
            cands = sorted(cands, key=lambda e: e["id"])[:1]
        if cands:
            e = cands[0]
            stats["ifg: merged into an existing official"] += 1
        else:
            e = entity(f"person:{slug(name)}", "official", name)
            people.add(e)
            stats["ifg: new official"] += 1
        for n in d["names"]:
            add_alias(e, alias(n))
        s = d["surname"]
        if s and len(s.split()) == 1 and s[:1].isupper():
            add_alias(e, alias(s, "surname"))
        kept = []
        for p in e["posts"]:
            # A post of another source that one of the IfG posts records better: the same
            # role (or an untitled coarse one) over overlapping dates.
            if p["of"] == GBR and any(_overlap(p, q) and (p["role"] == q["role"] or key(p.get("title") or "") == key(q["title"])
                                                         or p["role"] in ("government", "other") and not p.get("title"))
                                      for q in d["posts"]):
                stats["ifg: posts of other sources replaced"] += 1
                continue
            kept.append(p)
        e["posts"] = kept + [dict(q) for q in d["posts"]]
        add_source(e, SOURCE)
        people.reindex(e)
        stats["ifg: posts added"] += len(d["posts"])
    log(f"  ifg: {len(ifg)} cabinet-rank ministers")
