"""Places for the embedded gazetteer: capitals, major cities, first-level divisions, bodies of
water and world regions, all from the CIA World Factbook (public domain), plus
`data/curated/places.jsonl` (seats of government such as the Kremlin, dated renames such as
Nur-Sultan).

A place is never a mention of its state: "ANKARA (Turkey) -" is the city, lying in
Türkiye. The generator takes every `capital` alias off the states and makes it a place,
so that the matcher can no longer read a capital as the state.

Rules (each documented in data/README.md, "Places"):
- one place per folded name; its `state` is the state it lies in (for a capital shared by
  a dissolved and a current state, such as Moscow, the current one);
- a city or division whose name is also a name, alias or demonym of a state is left out
  (Singapore, Kuwait, Djibouti, Mexico, Panama, Luxembourg stay states);
- names of two letters or fewer, and names in a non-Latin script, are left out;
- a city or division whose every word is an English word (lower case in the
  Factbook's own prose: "Central", "North West", "Lakes") is left out;
- every place alias needs a capital initial (case `capitalized`): "reading" or "nice" in
  running text are not places.
"""
import json
import os
import re

import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_gazetteer import alias, english_vocabulary, entity, fold, is_latin, key, slug, words  # noqa: E402

REGION_RE = re.compile(
    r"\b((?:North|South|East|West|Central|Southern|Northern|Eastern|Western|Southeastern|"
    r"Southwestern|Northeastern|Northwestern|Sub-Saharan|Latin) (?:America|Africa|Asia|Europe))\b"
)
WATER_RE = re.compile(
    r"\b((?:Gulf|Bay|Sea|Strait|Straits|Gulf) of (?:the )?[A-Z][a-z]+(?: [A-Z][a-z]+)?"
    r"|(?:[A-Z][a-z]+ ){1,2}(?:Sea|Ocean|Gulf|Strait|Channel))\b"
)
# Leading words the water regex may catch that are not part of a name.
NOT_NAME_START = {"the", "and", "bordering", "between", "of", "in", "on", "to", "with", "along", "from", "both"}


def fb_items(text):
    """Items of a Factbook list ("…; Adana, Adiyaman, Afyonkarahisar*, …"), without notes."""
    text = re.split(r"\bnote\b", text)[0]
    if ";" in text:
        text = text.split(";", 1)[1]
    out = []
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]|\*", "", text)
    for part in re.split(r"[,;]\s*", text):
        part = part.strip(" .")
        if part:
            out.append(part)
    return out


def urban_areas(text):
    """City names of "Major urban areas - population" ("15.848 million Istanbul, 5.397 million
    ANKARA (capital), …")."""
    text = re.sub(r"\(\d{4}\)", "", text)
    out = []
    for m in re.finditer(r"(?:^|,\s*)[\d.,]+(?: million)? ([^,;]+?)(?:\s*\(capital\))?(?=,\s*[\d.]|$|;)", text):
        name = re.sub(r"\s*[\[(][^\])]*[\])]?", "", m.group(1)).strip()
        if not name:
            continue
        if name.isupper():
            name = name.title()
        for part in name.split("-") if re.fullmatch(r"[A-Z][\w' .]+(?:-[A-Z][\w' .]+)+", name) else [name]:
            out.append(part.strip())
    return out


class Places:
    def __init__(self, states, stats, english):
        self.by_key = {}
        self.english = english
        self.states = states
        self.stats = stats
        self.state_words = set()
        for e in states.values():
            self.state_words.add(key(e["name"]))
            for a in e["aliases"]:
                if a["type"] != "capital":
                    self.state_words.add(key(a["text"]))

    def add(self, name, state, source, kind_note, alias_start=None, alias_end=None):
        name = " ".join(name.split())
        k = key(name)
        if len(k.replace(" ", "")) <= 2 or not is_latin(name) or not name[:1].isupper():
            return None
        if kind_note in ("city", "division") and all(w in self.english for w in words(name)):
            self.stats[f"places left out: {kind_note} of English words"] += 1
            return None
        if kind_note == "capital" and k in self.state_words and k != key(self.states[state]["name"]):
            # "Tunis" as a local name of Tunisia, "Quito" as its former name: the capital
            # is the city; the state keeps its other names.
            st = self.states[state]
            st["aliases"] = [a for a in st["aliases"] if key(a["text"]) != k]
            self.stats["state aliases that are its capital: moved to the place"] += 1
        elif k in self.state_words:
            self.stats[f"places left out: {kind_note} named like a state"] += 1
            return None
        e = self.by_key.get(k)
        if e is None:
            pid = f"place:{slug(name)}"
            e = entity(pid, "place", name)
            e["state"] = state
            e["aliases"].append(alias(name, "name", "capitalized"))
            e["_kind"] = kind_note
            self.by_key[k] = e
            self.stats[f"places: {kind_note}"] += 1
        if source not in e["sources"]:
            e["sources"].append(source)
        return e


def build_places(data, states, curated, stats, fb_index, gec_of):
    """Takes the capitals off `states` and returns the place entities by id."""
    places = Places(states, stats, english_vocabulary(data))
    # Capitals first (their state wins over a later city of the same name): a current state
    # before a dissolved one, an undated capital alias before a dated one.
    caps = []
    for e in states.values():
        for a in e["aliases"]:
            if a["type"] == "capital":
                caps.append(("end" in e, "end" in a or "start" in a, e["id"], a))
        e["aliases"] = [a for a in e["aliases"] if a["type"] != "capital"]
    for _, _, sid, a in sorted(caps, key=lambda c: (c[0], c[1], c[2], c[3]["text"])):
        p = places.add(a["text"], sid, "factbook" if not a.get("start") and not a.get("end") else "curated", "capital")
        if p is not None:
            for al in p["aliases"]:
                if key(al["text"]) == key(a["text"]):
                    al["type"] = "capital"
    # Major cities and first-level divisions, from each state's Factbook file.
    for sid in sorted(states):
        iso3 = sid.split(":", 1)[1]
        f = fb_index.get(gec_of.get(iso3, ""))
        if not f or "end" in states[sid]:
            continue
        d = json.load(open(f, encoding="utf-8"))
        ppl = d.get("People and Society", {})
        urban = (ppl.get("Major urban areas - population") or {}).get("text", "")
        for name in urban_areas(urban):
            places.add(name, sid, "factbook", "city")
        divs = (d.get("Government", {}).get("Administrative divisions") or {}).get("text", "")
        for name in fb_items(divs):
            if len(name.split()) <= 4 and not re.search(r"\d", name):
                places.add(name, sid, "factbook", "division")
    # Bodies of water and world regions named in the Factbook's geography texts.
    texts = []
    for root, _, files in os.walk(os.path.join(data, "factbook")):
        for fn in sorted(files):
            if fn.endswith(".json"):
                d = json.load(open(os.path.join(root, fn), encoding="utf-8"))
                geo = d.get("Geography", {})
                for field in ("Location", "Geographic coordinates", "Map references", "Coastline", "Geography - note"):
                    v = geo.get(field)
                    if isinstance(v, dict) and isinstance(v.get("text"), str):
                        texts.append(v["text"])
    for t in texts:
        for m in WATER_RE.finditer(t):
            name = m.group(1)
            words = name.split()
            while words and words[0].lower() in NOT_NAME_START:
                words = words[1:]
            if len(words) >= 2:
                places.add(" ".join(words), None, "factbook", "water")
        for m in REGION_RE.finditer(t):
            places.add(m.group(1), None, "factbook", "region")
    by_id = {}
    for p in places.by_key.values():
        p.pop("_kind")
        by_id[p["id"]] = p
    # Curated places: seats of government, dated renames, regions; they win.
    for c in curated:
        base = by_id.get(c["id"])
        if base is None:
            base = by_id[c["id"]] = entity(c["id"], "place", c["name"])
            stats["places: curated"] += 1
        for k in ("name", "state", "stands_for", "codes"):
            if c.get(k):
                base[k] = c[k]
        for a in c.get("aliases", []):
            if not any(fold(x["text"]) == fold(a["text"]) and x["type"] == a["type"] for x in base["aliases"]):
                a.setdefault("case", "capitalized")
                base["aliases"].append(a)
        for s in c.get("sources", []):
            if s not in base["sources"]:
                base["sources"].append(s)
    return by_id
