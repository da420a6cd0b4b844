#!/usr/bin/env python3
"""Generate geopol's embedded gazetteer (data/default.jsonl) from the public source data.

usage (from the repository root, after `cargo build --release --features cli`):

    python3 tools/gen_gazetteer.py --data ../shared/data --geopol target/release/geopol \
        --out data/default.jsonl

Python 3.11 standard library only. States and organizations are built here from the CIA
World Factbook (factbook/, factbook-appendix-b/), datasets/country-codes (country-codes/),
OpenSanctions countrynames (countrynames/) and the PETRARCH country blocks; officials come
from `geopol import wikidata` and `geopol import cameo` (the same importers users run),
the Factbook's history of chiefs of state and heads of government, and are merged into one
entity per person. data/curated/*.jsonl is merged last and wins, then the curated posts of
data/curated/posts/*.jsonl (tools/gen_posts.py). The output is sorted and
byte-for-byte reproducible. See data/README.md for the sources and the known gaps.
"""
from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import glob
import html
import json
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from common_words import COMMON_WORDS  # noqa: E402

# ---------------------------------------------------------------------------- folding

SPECIAL = {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe",
           "þ": "th", "ħ": "h", "ŀ": "l", "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'",
           "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"}


def fold(s: str) -> str:
    """Lower case, no diacritics, typographic marks unified, white space collapsed."""
    out = []
    for c in (s or "").lower():
        c = SPECIAL.get(c, c)
        for d in unicodedata.normalize("NFKD", c):
            if not unicodedata.combining(d):
                out.append(SPECIAL.get(d, d))
    return " ".join("".join(out).split())


def words(s: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(s))


def key(s: str) -> str:
    """What two aliases are compared by: folded words joined by spaces."""
    return " ".join(words(s))


def slug(s: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", fold(s)))


def is_latin(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") or c == "ʻ" for c in letters)


def ascii_form(s: str) -> str:
    out = []
    for c in s:
        d = "".join(x for x in unicodedata.normalize("NFKD", SPECIAL.get(c, c)) if not unicodedata.combining(x))
        out.append("".join(x for x in d if x.isascii()))
    return " ".join("".join(out).split())


def letters(s: str) -> int:
    return sum(c.isalpha() for c in s)


# ---------------------------------------------------------------------------- dates

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                       "august", "september", "october", "november", "december"], 1)}


def norm_date(s, end=False):
    """YYYY, YYYY-MM or YYYY-MM-DD → YYYY-MM-DD (first or last day of the period)."""
    if not s:
        return None
    s = str(s).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", s)
    if not m:
        raise ValueError(f"bad date {s!r}")
    y, mo, d = int(m[1]), m[2], m[3]
    if mo is None:
        return f"{y:04d}-12-31" if end else f"{y:04d}-01-01"
    mo = int(mo)
    if d is None:
        if not end:
            return f"{y:04d}-{mo:02d}-01"
        nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
        return (nxt - dt.timedelta(days=1)).isoformat()
    return dt.date(y, mo, int(d)).isoformat()


def text_date(s):
    """'20 March 2019' / 'March 2019' / '2019' → YYYY-MM-DD (first day when partial)."""
    m = re.fullmatch(r"(?:(\d{1,2}) )?([A-Za-z]+ )?(\d{4})", s.strip())
    if not m:
        return None
    y = int(m[3])
    mo = MONTHS.get((m[2] or "").strip().lower(), 1 if not m[2] else None)
    if mo is None:
        return None
    try:
        return dt.date(y, mo, int(m[1] or 1)).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------------------- model helpers

ALIAS_ORDER = ["text", "type", "case", "start", "end"]
POST_ORDER = ["role", "of", "title", "start", "end", "confirmed", "acting", "source", "note"]
CODE_ORDER = ["iso2", "iso3", "numeric", "wikidata", "cameo", "acronym"]
ENTITY_ORDER = ["id", "kind", "name", "aliases", "codes", "role", "posts", "members", "state", "stands_for", "start",
                "end", "sources"]


def alias(text, type_="alias", case=None, start=None, end=None):
    a = {"text": " ".join(text.split()), "type": type_}
    if case:
        a["case"] = case
    if start:
        a["start"] = start
    if end:
        a["end"] = end
    return a


def entity(id_, kind, name):
    return {"id": id_, "kind": kind, "name": name, "aliases": [], "codes": {}, "posts": [], "members": [],
            "sources": []}


def norm(e):
    """An entity as read from JSON, with every list and the codes present."""
    for k, v in (("aliases", []), ("codes", {}), ("posts", []), ("members", []), ("sources", [])):
        e.setdefault(k, type(v)())
    return e


def add_alias(e, a):
    if a["text"] == e["name"] and a["type"] in ("name", "alias") and "start" not in a and "end" not in a:
        return
    if a not in e["aliases"]:
        e["aliases"].append(a)


def add_source(e, s):
    if s not in e["sources"]:
        e["sources"].append(s)


def has_key(e, k):
    return any(key(a["text"]) == k for a in e["aliases"]) or key(e["name"]) == k


# ---------------------------------------------------------------------------- case policy (mirror of Alias::effective_case)

RUST_COMMON = set("""bush chad chile china cook cuba georgia guinea jersey jordan japan man may mali niger oman
panama peru turkey togo wales congo brown black white king rice reagan chance hope kerry major price long young
love bishop baker lord guy march said amin hamas union league council states republic kingdom islands island new
south north east west central united saint holy see president minister premier prime secretary general chancellor
foreign mon lao thai swiss dutch french german turkish polish delta nice reading bath mobile""".split())


def effective_case(a):
    if a.get("case"):
        return a["case"]
    t = a["text"]
    n = letters(t)
    caps = n > 0 and all(c.isupper() for c in t if c.isalpha())
    if a["type"] == "acronym":
        return "exact" if n <= 3 or caps else "capitalized"
    if caps and n <= 5:
        return "exact"
    if a["type"] in ("surname", "title"):
        return "capitalized"
    single = re.fullmatch(r"[^\W_]+", t.strip()) is not None
    if single and fold(t) in RUST_COMMON:
        return "capitalized"
    return "any"


# ---------------------------------------------------------------------------- CLI

def run_import(geopol, what, path, *extra):
    cmd = [geopol, "import", what, path, *extra]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{r.stderr[-3000:]}")
    out = [norm(json.loads(line)) for line in r.stdout.splitlines() if line.startswith("{")]
    summary = r.stderr.strip().splitlines()
    log(f"  {what} {os.path.basename(path)}: {summary[-1] if summary else len(out)}")
    return out


def log(msg):
    print(msg, file=sys.stderr)


# ---------------------------------------------------------------------------- states

def load_country_codes(data):
    rows = list(csv.DictReader(open(os.path.join(data, "country-codes", "country-codes.csv"), encoding="utf-8")))
    return {r["ISO3166-1-Alpha-3"]: r for r in rows if r["ISO3166-1-Alpha-3"].strip()}


def scope_iso3(cc):
    members = {k for k, r in cc.items() if r["UNTERM English Short"].strip()
               and not r["UNTERM English Short"].strip().endswith("*")}
    members |= {"CIV", "TUR"}  # UN members whose UNTERM names are missing from the file
    return members, {"VAT", "PSE"}, {"TWN", "ESH"}


def factbook_index(data):
    idx = {}
    for f in glob.glob(os.path.join(data, "factbook", "*", "*.json")):
        idx[os.path.basename(f)[:-5]] = f
    return idx


def fb_text(d, *path):
    for p in path:
        if not isinstance(d, dict):
            return ""
        d = d.get(p, {})
    t = d.get("text", "") if isinstance(d, dict) else ""
    t = html.unescape(re.sub(r"<[^>]+>", "", t))
    return " ".join(t.split())


def clean_fb_name(s):
    s = re.split(r";| note\b|\bnote -", s)[0]
    s = re.sub(r"\((?:[^)]*)\)", "", s)
    s = " ".join(s.split()).strip(" ,.")
    if not s or s.lower() in ("none", "no conventional long form", "na") or not is_latin(s):
        return None
    return s


def fb_nationality(text):
    out = []
    text = re.sub(r"\(collective plural\)|\(singular and plural\)|\(plural\)|\(s\)|\(es\)", "", text)
    text = re.split(r";|\bnote\b", text)[0]
    for part in re.split(r",| or | and |/", text):
        part = re.sub(r"\([^)]*\)", "", part).strip(" .")
        if part and is_latin(part) and len(part.split()) <= 3 and part[0].isupper():
            out.append(part)
    return out


def fb_capitals(text):
    text = re.split(r";|\bnote\b", text)[0].strip()
    caps = []
    segs = re.split(r"\),\s*", text) if re.search(r"\),", text) else [text]
    for seg in segs:
        main = seg.split("(")[0].strip(" ,")
        if main and is_latin(main):
            caps.append(main)
            if "," in main:  # "Washington, D.C."
                caps.append(main.split(",")[0].strip())
        for par in re.findall(r"\(([^)]*)\)", seg + ")"):
            for alt in par.split(","):
                alt = alt.strip()
                if alt and alt[0].isupper() and "capital" not in alt.lower() and is_latin(alt) \
                        and len(alt.split()) <= 3 and not re.search(r"\d", alt):
                    caps.append(alt)
    return caps


def load_countrynames(data):
    out = collections.defaultdict(list)
    cur = None
    for line in open(os.path.join(data, "countrynames", "data.yaml"), encoding="utf-8"):
        if re.match(r"^[A-Za-z][\w-]*:\s*$", line):
            cur = line.split(":")[0]
        elif cur and line.startswith("  - "):
            v = line[4:].strip()
            if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
                v = v[1:-1]
            out[cur].append(v)
    return out


GENERIC = set("""republic of the and democratic people's peoples state states islamic federal united kingdom
islands island federation socialist soviet ssr arab union commonwealth principality grand duchy sultanate
plurinational bolivarian independent sovereign cooperative""".split())
ADJ_SUFFIXES = ("ian", "ese", "ish", "ean", "i", "an", "ic", "ch", "ot", "ene", "er")


def variant_refs(e):
    """The folded English names and demonyms of a state, before untyped variants are added."""
    return {key(t) for t in [e["name"]] + [a["text"] for a in e["aliases"]
                                           if a["type"] in ("name", "demonym", "alias", "former_name")]}


def variant_ok(text, refs):
    """A form from an untyped list (countrynames, PETRARCH) is kept when it is a spelling
    variant of one of the state's English names or demonyms (edit distance 1, or 2 for
    names of 8 letters or more) or the ethnonym inside its name (Kazakh ⊂ Kazakhstan), is
    written in Latin letters that fold to ASCII, starts with a capital, and is not a
    common English word."""
    if not text[:1].isupper() or not is_latin(text) or letters(ascii_form(text)) != letters(text):
        return False
    if letters(text) > 5 and text.upper() == text:
        return False
    k = key(text)
    if len(k.replace(" ", "")) < 4 or (" " not in k and k in COMMON_WORDS) or k in refs:
        return False
    for r in refs:
        if edit_distance(k, r, 2) <= (1 if len(r) < 8 else 2):
            return True
    for r in refs:
        for w in r.split():
            if w.startswith(k) and w[len(k):] in ("stan", "istan", "ia", "land"):
                return True
    return False


def alias_type_for_variant(text, e):
    f = key(text)
    names = [key(e["name"])] + [key(a["text"]) for a in e["aliases"] if a["type"] == "name"]
    if " " not in f and any(n.startswith(f) and n != f for n in names):
        return "demonym"  # Kazakh ⊂ Kazakhstan, Afghan ⊂ Afghanistan
    if " " not in f and f.endswith(("ian", "ese", "ish", "ean", "i")) and not f.endswith(("stan", "land", "ia")) \
            and f not in names:
        return "demonym"
    return "alias"


def build_states(data, cameo_states):
    cc = load_country_codes(data)
    members, observers, others = scope_iso3(cc)
    fb = factbook_index(data)
    gec_of = {k: r["FIPS"].strip().lower() for k, r in cc.items()}
    gec_of.update({"SRB": "ri", "XKX": "kv"})
    states = {}
    for iso3 in sorted(members | observers | others):
        r = cc[iso3]
        e = entity(f"state:{iso3}", "state", "")
        wd = r["wikidata_id"].rsplit("/", 1)[-1] if r["wikidata_id"] else None
        e["codes"] = {k: v for k, v in {"iso2": r["ISO3166-1-Alpha-2"], "iso3": iso3,
                                        "numeric": r["ISO3166-1-numeric"].zfill(3) if r["ISO3166-1-numeric"] else None,
                                        "wikidata": wd}.items() if v}
        names = []
        f = fb.get(gec_of.get(iso3, ""))
        d = json.load(open(f, encoding="utf-8")) if f else {}
        g = d.get("Government", {})
        short = clean_fb_name(fb_text(g, "Country name", "conventional short form"))
        long_ = clean_fb_name(fb_text(g, "Country name", "conventional long form"))
        cldr = r["CLDR display name"].strip()
        if " - " in cldr or "&" in cldr or letters(cldr) <= 3:
            cldr = None
        e["name"] = short or cldr or r["official_name_en"]
        for n in [cldr, r["official_name_en"], long_, short]:
            if n and is_latin(n):
                names.append(n)
        for col in ("UNTERM English Formal", "UNTERM English Short"):
            n = re.sub(r"\s*\*+$", "", r[col]).strip()
            n = re.sub(r"^the ", "", n)
            n = re.sub(r"\s*\(the\)$", "", n).strip()
            if n and "(" not in n:
                names.append(n)
        for loc in ("local short form", "local long form"):
            for part in re.split(r"/", fb_text(g, "Country name", loc)):
                n = clean_fb_name(part)
                if n and short and key(short) in key(n) and key(short) != key(n):
                    continue  # "Turkey Cumhuriyeti": a half-translated form
                if n and is_latin(n):
                    names.append(n)
        for n in names:
            add_alias(e, alias(n, "name"))
        abbr = fb_text(g, "Country name", "abbreviation")
        for a in re.split(r"\s+or\s+|,", abbr):
            a = a.strip()
            if a and re.fullmatch(r"[A-Z][A-Z.]+", a):
                add_alias(e, alias(a, "acronym"))
        for former in re.split(r";|,(?![^()]*\))", fb_text(g, "Country name", "former")):
            n = clean_fb_name(former)
            if n and key(n) != key(e["name"]):
                add_alias(e, alias(n, "former_name"))
        p = d.get("People and Society", {})
        for n in fb_nationality(fb_text(p, "Nationality", "adjective")) + fb_nationality(fb_text(p, "Nationality", "noun")):
            add_alias(e, alias(n, "demonym"))
        caps = fb_capitals(fb_text(g, "Capital", "name"))
        if not caps and r["Capital"].strip():
            caps = [r["Capital"].strip()]
        for c in caps:
            add_alias(e, alias(c, "capital"))
        e["sources"] = ["country-codes"] + (["factbook"] if f else [])
        states[e["id"]] = e
    # Variants from countrynames and PETRARCH, filtered.
    cn = load_countrynames(data)
    iso2_to = {e["codes"].get("iso2"): e for e in states.values()}
    refs = {e["id"]: variant_refs(e) for e in states.values()}
    for iso2, forms in sorted(cn.items()):
        e = iso2_to.get(iso2)
        if not e:
            continue
        for t in forms:
            t = " ".join(t.split())
            if variant_ok(t, refs[e["id"]]) and not has_key(e, key(t)):
                add_alias(e, alias(t, alias_type_for_variant(t, e)))
                add_source(e, "countrynames")
    for c in cameo_states:
        e = states.get(c["id"])
        if not e:
            continue
        e["codes"]["cameo"] = c["codes"].get("cameo")
        add_source(e, "petrarch")
        for a in [alias(c["name"], "alias")] + c.get("aliases", []):
            t = a["text"]
            if variant_ok(t, refs[e["id"]]) and not has_key(e, key(t)):
                add_alias(e, alias(t, "demonym" if a["type"] == "demonym" else alias_type_for_variant(t, e)))
    return states, cc, gec_of


def drop_colliding_state_aliases(states):
    """An alias folded the same as another state's alias is kept only by the state whose
    name or official name it is (dated forms of dissolved states are kept)."""
    owners = collections.defaultdict(set)
    for e in states.values():
        for a in e["aliases"] + [alias(e["name"], "name")]:
            owners[key(a["text"])].add(e["id"])
    dropped = 0
    for e in states.values():
        keep = []
        for a in e["aliases"]:
            o = owners[key(a["text"])]
            if len(o) > 1 and a["type"] not in ("name", "capital", "former_name") and "start" not in a and "end" not in a:
                named_by = [s for s in o if key(states[s]["name"]) == key(a["text"])]
                if named_by and e["id"] not in named_by:
                    dropped += 1
                    continue
                if not named_by and a.get("_variant"):
                    dropped += 1
                    continue
            keep.append(a)
        e["aliases"] = keep
    return dropped


# ---------------------------------------------------------------------------- organizations

NOT_IGO = {"ICC", "ICRC", "IFRCS", "ICRM", "IOC", "ISO", "ITUC", "WCL", "WFTU", "GCTU", "EC", "SPC2"}
ORG_ID = {"LAS": "org:ARAB_LEAGUE", "ICCt": "org:ICC", "CE": "org:COE", "Interpol": "org:INTERPOL",
          "Mercosur": "org:MERCOSUR", "UNASUR": "org:UNASUR", "Caricom": "org:CARICOM", "Benelux": "org:BENELUX",
          "Entente": "org:ENTENTE", "EAEC": "org:EURASEC", "C": "org:COMMONWEALTH"}
NAME_ID = {"World Bank Group": "org:WORLD_BANK", "United Nations General Assembly": "org:UNGA",
           "United Nations Secretariat": "org:UN_SECRETARIAT", "United Nations Trusteeship Council": "org:UN_TRUSTEESHIP",
           "Arctic Council": "org:ARCTIC_COUNCIL", "Paris Club": "org:PARIS_CLUB", "Pacific Alliance": "org:PACIFIC_ALLIANCE",
           "Petrocaribe": "org:PETROCARIBE", "Union Latina": "org:UNION_LATINA"}
KEEP_SHORT = {"UN", "EU", "AU", "EC"}


def parse_appendix_b(data):
    t = open(os.path.join(data, "factbook-appendix-b", "FactAppB.html"), encoding="utf-8").read()
    items = re.findall(r"appendix-entry-name category'>\s*(.*?)\s*</div>\s*<div class='appendix-entry-text category_data'>(.*?)</div>", t, re.S)
    out = []
    for raw_name, body in items:
        name = " ".join(html.unescape(re.sub(r"<[^>]+>", "", raw_name)).split())
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body.replace("<br", "\n<br"))).split())
        m = re.match(r"^(.*?)\s*\(([^)]*)\)(.*)$", name)
        acrs, extra = [], ""
        if m:
            name, inner, extra = m[1].strip(), m[2], m[3]
            inner = inner.replace(" - Spanish", "").replace(" - Portuguese", "")
            inner = re.sub(r"^or [^,]*, ", "", inner)  # "or European Communities, EC"
            acrs = [a.strip() for a in re.split(r";| or ", inner) if a.strip()]
        out.append((name, acrs, extra.strip(), text))
    return out


def build_orgs(data, states, cameo_orgs):
    orgs = {}
    members = collections.defaultdict(set)
    for r in csv.DictReader(open(os.path.join(data, "factbook-appendix-b", "CountrycodesOrgs.csv"), encoding="utf-8")):
        if r["org_member"].strip() == "member" and f"state:{r['ISO_3166_3']}" in states:
            members[r["org_id"].strip()].add(f"state:{r['ISO_3166_3']}")
    for name, acrs, extra, text in parse_appendix_b(data):
        if not name[:1].isupper():
            continue
        primary = acrs[0] if acrs else None
        if primary in NOT_IGO or name.startswith(("Group of ", "Secretariat of the Pacific")) and False:
            continue
        if primary is None and name not in NAME_ID and name != "BRICS":
            continue
        if name == "BRICS":
            primary = "BRICS"
        oid = NAME_ID.get(name) or ORG_ID.get(primary) or "org:" + re.sub(r"[^A-Za-z0-9]+", "", primary).upper()
        if name == "Southern Cone Common Market" or "Mercosur" in acrs:
            oid = "org:MERCOSUR"
        if oid in orgs:
            add_alias(orgs[oid], alias(name, "name"))
            continue
        e = entity(oid, "organization", name)
        for a in acrs:
            a = a.strip()
            if a.lower() == name.lower() or a in ("Entente", "C"):
                continue
            n = letters(a)
            if n <= 2 and a not in KEEP_SHORT:
                continue
            # An acronym that is an English word ("WHO", "CAN") matches only case-exact
            # and never among words in capitals (see hygiene).
            word = fold(a) in COMMON_WORDS and a.isupper()
            add_alias(e, alias(a, "acronym", case="exact_word" if word else None))
            if "-" in a and re.fullmatch(r"[A-Z]+-\d+", a):
                add_alias(e, alias(a.replace("-", ""), "acronym"))
        good = [a for a in acrs if a not in ("Entente", "C") and (letters(a) > 2 or a in KEEP_SHORT)]
        if good:
            e["codes"]["acronym"] = good[0]
        fm = re.findall(r"formerly(?: known as| the)? ((?:the )?[A-Z][^;,.()]*?)(?:\s*\(([A-Z][A-Za-z-]+)\))?(?=[;,.(]| established| created| founded| in \d|$)", text)
        for fname, facr in fm:
            fname = fname.strip()
            if 2 <= len(fname.split()) <= 12 and key(fname) != key(name):
                add_alias(e, alias(re.sub(r"^the ", "", fname), "former_name"))
        for a in acrs:
            for s in sorted(members.get(a, ())):
                if s not in e["members"]:
                    e["members"].append(s)
        e["sources"] = ["factbook-appendix-b"]
        orgs[oid] = e
    for c in cameo_orgs:
        e = orgs.get(c["id"])
        if e and c["codes"].get("cameo") and not e["codes"].get("cameo"):
            e["codes"]["cameo"] = c["codes"]["cameo"]
            add_source(e, "petrarch")
    return orgs


# ---------------------------------------------------------------------------- officials

# Key marking, on a post dict, the data/curated/posts line it came from (not a post field:
# finish() keeps only POST_ORDER).
CURATED_POST = "_curated_line"
SINGLE_HOLDER = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "interior_minister",
                 "finance_minister", "economy_minister", "justice_minister", "trade_minister", "energy_minister",
                 "health_minister", "education_minister", "agriculture_minister", "central_bank_governor",
                 "secretary_general", "director_general"}
TITLE_WORDS = set("""president prime minister acting king queen emir amir sultan chairman chairwoman chairperson of the
presidential council supreme leader governor general chief executive premier chancellor federal head state government
interim transitional co-prince grand duke prince crown first vice deputy captains captain regent secretary sovereign
pope cardinal colonel lt gen field marshal brig dr and his her majesty royal highness military committee national
salvation transition sovereignty commander minister-president taoiseach pm swiss confederation republic presidency
presidium union islamic revolution revolutionary armed forces people's ministers""".split())


# Honorifics before a name: not its given name when matching ("Sheikh Mishal al-Ahmad").
HONORIFICS = {"sheikh", "shaikh", "sheik", "sir", "dame", "tan", "sri", "dato", "datuk", "tun", "dr", "sayyid",
              "hh", "lord", "ratu"}
NAME_PARTICLES = ("al", "bin", "bint", "ibn", "de", "van", "von", "el")
ARTICLE_NAME = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az)-[A-Z][\w'-]*")  # "al-Aziz", "al-RAHMAN"


def parse_holder(text):
    """'President Kasym-Zhomart TOKAYEV (since 20 March 2019)' → (title, name, surname_key, start).
    HTML entities are decoded first ("Yamand&uacute;": its ';' is no separator)."""
    text = html.unescape(text)
    # "Notification Statement: the United States does not recognize X as president of
    # Venezuela President X (since …)": the statement is no holder.
    text = re.sub(r"^Notification Statement:.*?\bas (?:the )?(?:interim )?president of [A-Z][a-z]+\s*(?:\+\+)?\s*",
                  "", text, flags=re.IGNORECASE)
    seg = re.split(r";|\bnote\b", text)[0]
    m = re.search(r"\(\s*(?:acting\s+)?since\s+([^)]*?)\)", seg)
    start = text_date(m[1]) if m else None
    seg = seg.split("(")[0].strip()
    toks = seg.replace(",", " ").split()
    caps = [i for i, t in enumerate(toks)
            if sum(c.isalpha() for c in t) >= 2 and all(c.isupper() for c in t if c.isalpha())
            and re.sub(r"[^A-Za-z]", "", t) not in ("II", "III", "IV", "VI", "VII", "VIII", "IX", "XVI", "UN", "UK", "US")
            # An acronym before a title ("GNU Interim Prime Minister", "CNSP Prime Minister")
            # or in parentheses ("(CNSP)") names an institution, not the holder.
            and not (i + 1 < len(toks) and fold(toks[i + 1]).strip(".") in TITLE_WORDS and toks[i + 1][:1].isupper())
            and f"({re.sub(r'[^A-Za-z]', '', t)})" not in text]
    if not caps:
        return None
    i = caps[0]
    j = i
    while j + 1 < len(toks) and (j + 1 in caps or re.fullmatch(r"[IVX]+", toks[j + 1])):
        j += 1
    # Given names written after the capitalized family name ("KIM Jong Un", "ANWAR Ibrahim").
    # Arabic and Malay names go on with particles ("HAITHAM bin Tarik Al Said").
    def name_word(t):
        return (t[:1].isupper() and fold(t).strip(".") not in TITLE_WORDS) or bool(ARTICLE_NAME.fullmatch(t))

    n_given = 0
    while j + 1 < len(toks) and n_given < 5:
        if name_word(toks[j + 1]):
            j += 1
        elif toks[j + 1] in NAME_PARTICLES and j + 2 < len(toks) and name_word(toks[j + 2]):
            j += 2
        else:
            break
        n_given += 1
    k = i
    while k > 0 and toks[k - 1][:1].isupper() and fold(toks[k - 1]).strip(".") not in TITLE_WORDS and i - k < 3:
        k -= 1
    while k > 0 and toks[k - 1][:1].islower() and toks[k - 1] in NAME_PARTICLES and i - k < 4:
        k -= 1
    title = " ".join(toks[:k])
    parts = []
    for t in toks[k:j + 1]:
        if t in [toks[x] for x in caps] and not re.fullmatch(r"[IVX]+", t):
            t = "-".join(p[:1] + p[1:].lower() for p in t.split("-"))
            t = re.sub(r"(^|[-'])([a-z])", lambda mm: mm[1] + mm[2].upper(), t) if t[:1].islower() else t
        elif ARTICLE_NAME.fullmatch(t):
            a, b = t.split("-", 1)
            t = f"{a}-{b[:1]}{b[1:].lower()}" if b.isupper() else t  # "al-RAHMAN" → "al-Rahman"
        parts.append(t)
    name = " ".join(parts)
    surname = fold(" ".join(toks[x] for x in caps if x <= j and not re.fullmatch(r"[IVX]+", toks[x])))
    if letters(name) < 3:
        return None
    return title, name, surname, start


def edit_distance(a, b, limit=3):
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def name_skeleton(name):
    """A name's words without particles (bin, al, ibn, …), each without vowels and doubled
    letters: transliterations of one Arabic name agree ("Muhammad bin Zayid Al Nuhayyan"
    and "Mohammed bin Zayed Al Nahyan" → "mhmd zyd nhyn")."""
    out = []
    # "Abdulrahman" is "Abd al-Rahman" written as one word.
    ws = words(re.sub(r"(?i)\babd[aeu]l(?=\w{4})", "abd ", name.replace("-", " ")))
    for w in ws:
        if w in NAME_PARTICLES or w in ("ibni", "bint", "ben"):
            continue
        w = re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiou]", "", w))
        if w:
            out.append(w)
    return " ".join(out)


class People:
    """Officials by id, with an index of surnames per state for matching."""

    def __init__(self):
        self.by_id = {}
        self.by_qid = {}
        self.index = collections.defaultdict(set)  # (iso3, surname key) → ids
        self._skeletons = None  # (iso3, name_skeleton) → ids, built on first use

    def states_of(self, e):
        return {p["of"][6:] for p in e["posts"] if p["of"].startswith("state:")}

    def name_words(self, e):
        ws = set()
        for t in [e["name"]] + [a["text"] for a in e["aliases"]]:
            ws.update(w for w in words(t) if len(w) >= 3)
        return ws

    def reindex(self, e):
        for s in self.states_of(e):
            for w in self.name_words(e):
                self.index[(s, w)].add(e["id"])
        if self._skeletons is not None:
            self._index_skeletons(e)

    def _index_skeletons(self, e):
        for t in [e["name"]] + [a["text"] for a in e["aliases"] if a["type"] in ("name", "alias")]:
            for st in self.states_of(e):
                self._skeletons[(st, name_skeleton(t))].add(e["id"])

    def add(self, e):
        base, n = e["id"], 1
        while e["id"] in self.by_id:
            n += 1
            e["id"] = f"{base}-{n}"
        self.by_id[e["id"]] = e
        if e["codes"].get("wikidata"):
            self.by_qid[e["codes"]["wikidata"]] = e["id"]
        self.reindex(e)
        return e

    def by_skeleton(self, iso3, full):
        """The one official of `iso3` one of whose names has the consonant skeleton of
        `full` (see name_skeleton): "MUHAMMAD BIN ZAYID Al Nuhayyan" of the Factbook is
        "Mohammed bin Zayed Al Nahyan" of Wikidata."""
        k = name_skeleton(full)
        if len(k.split()) < 2:
            return None
        if self._skeletons is None:
            self._skeletons = collections.defaultdict(set)
            for e in self.by_id.values():
                self._index_skeletons(e)
        ids = [i for i in self._skeletons.get((iso3, k), ()) if i in self.by_id]
        return ids[0] if len(ids) == 1 else None

    def find(self, iso3, surname, given, role=None, full=None, given_first=False):
        """The one official of `iso3` with this surname (exact, else within a small edit
        distance) whose given name starts with the same letter. With `given_first` (the
        Factbook writes the given name first) a surname alias is not read as a given name;
        PETRARCH's "OKELLO ORYEM" puts the family name first and needs it."""
        cands = set()
        for w in surname.split():
            cands |= self.index.get((iso3, w), set())
        if not cands:
            last = surname.split()[-1] if surname else ""
            if len(last) >= 5:
                for (s, w), ids in self.index.items():
                    if s == iso3 and w[:1] == last[:1] and edit_distance(w, last, 1) <= 1:
                        cands |= ids
        # Given names must agree on their first three letters (one letter when that is all
        # there is): "Kasym-Zhomart"/"Kassym-Jomart" agree, "Nelson"/"Naledi" do not.
        # With given_first, "Theyazin bin Haitham" (surname alias "Haitham") is not the
        # "HAITHAM bin Tarik" of a Factbook row.
        g = fold(given)[:3]
        good = [c for c in cands if not g or any(fold(t)[:len(g)] == g for t in [self.by_id[c]["name"]] +
                                                   [a["text"] for a in self.by_id[c]["aliases"]
                                                    if not (given_first and a.get("type") == "surname")])]
        if full and len(good) > 1:
            # Several people share the surname ("Kim"): the one with exactly this full name.
            want = key(full)
            exact = [c for c in good if any(key(t) == want for t in [self.by_id[c]["name"]] +
                                            [a["text"] for a in self.by_id[c]["aliases"]])]
            if len(exact) == 1:
                return exact[0]
        if role:
            same = [c for c in good if any(p["role"] == role and p["of"] == f"state:{iso3}" for p in self.by_id[c]["posts"])]
            if len(same) == 1:
                return same[0]
        return good[0] if len(good) == 1 else None


def overlaps(a, b, slack_days=0):
    s1, e1 = a.get("start") or "0000-01-01", a.get("end") or "9999-12-31"
    s2, e2 = b.get("start") or "0000-01-01", b.get("end") or "9999-12-31"
    return s1 <= e2 and s2 <= e1


def near(d1, d2, days):
    if not d1 or not d2:
        return False
    return abs((dt.date.fromisoformat(d1) - dt.date.fromisoformat(d2)).days) <= days


def fix_post_state(post, state_names):
    """A label that ends by naming another state ('Minister of Agriculture of Democratic
    Republic of the Congo', filed under COG) is about that state. Ambassadors are left
    alone: their post belongs to the sending state."""
    t = post.get("title") or ""
    if not post["of"].startswith("state:") or " of " not in t or post["role"] == "ambassador":
        return False
    names = dict(state_names)
    parts = t.split(" of ")
    for i in range(1, len(parts)):
        tail = key(re.split(r" to | in |,|\(", " of ".join(parts[i:]))[0])
        sid = names.get(tail) or names.get(re.sub(r"^the ", "", tail))
        if sid:
            if sid != post["of"]:
                post["of"] = sid
                return True
            return False
    return False


def factbook_confirms(p, day, stats):
    """A Factbook row shows the holder of open post `p` up to `day`: `p` is confirmed to it
    when that is later than what `p` has (a Wikidata post is already known to its own
    snapshot day)."""
    if not day or p.get("end") or day < (p.get("start") or ""):
        return
    floor = "" if p.get("source") == "factbook" else SNAPSHOT_CONFIRMED["wikidata"]
    if day > max(p.get("confirmed") or "", floor):
        p["confirmed"] = day
        stats["factbook: open post confirmed to the last snapshot showing its holder"] += 1


def build_officials(args, states, orgs, wd, cameo_people, stats):
    known = set(states) | set(orgs)
    state_names = sorted({(key(e["name"]), e["id"]) for e in states.values() if not e.get("end")} |
                         {(key(a["text"]), e["id"]) for e in states.values() if not e.get("end")
                          for a in e["aliases"] if a["type"] == "name"}, key=lambda x: (-len(x[0]), x))
    people = People()
    # 1. Wikidata.
    for e in wd:
        if not is_latin(e["name"]):
            stats["wikidata: dropped, no Latin-script name"] += 1
            continue
        keep = []
        for p in e["posts"]:
            if fix_post_state(p, state_names):
                stats["wikidata: post moved to the state its title names"] += 1
            if p["of"] in known:
                keep.append(p)
            else:
                stats[f"wikidata: post of {p['of'].split(':')[0]} outside the gazetteer dropped"] += 1
        e["posts"] = keep
        if not keep:
            stats["wikidata: dropped, no post of a known state or organization"] += 1
            continue
        e.setdefault("members", [])
        people.add(e)
    log(f"  wikidata people: {len(people.by_id)}")
    # 2. Factbook chiefs of state and heads of government.
    gec_to_iso = {gec: iso for iso, gec in args.gec_of.items()}
    rows = list(csv.DictReader(open(os.path.join(args.data, "factbook-history", "factbook_executive_history.csv"), encoding="utf-8")))
    seen = {}  # (iso, role, surname, start) -> the open posts a row of that holder confirms
    holder_entity = {}  # the same key -> the official
    chiefs, deputy_rows = [], []  # (row, iso, official) of chief-of-state rows; deputy HoG rows
    for r in sorted(rows, key=lambda r: (r["factbook_file"], r["field"], r["first_seen"], r["text"])):
        iso = gec_to_iso.get(os.path.basename(r["factbook_file"])[:-5])
        if not iso or f"state:{iso}" not in states:
            continue
        role = {"chief of state": "head_of_state", "head of government": "head_of_government"}.get(r["field"])
        h = parse_holder(r["text"])
        if not role or not h:
            stats["factbook: holder text not parsed"] += 1
            continue
        title, name, surname, start = h
        if title_class(title) == "deputy":
            # "head of government: … Vice President Constantino CHIWENGA": a deputy.
            role = {"head_of_state": "deputy_head_of_state", "head_of_government": "deputy_head_of_government"}[role]
            stats["factbook: vice or deputy filed as a deputy"] += 1
        k = (iso, role, surname, start)
        seen_to = min(r["last_seen"], SNAPSHOT_CONFIRMED["factbook"]) if r.get("last_seen") else None
        if role == "deputy_head_of_government":
            deputy_rows.append((r, iso, seen_to))
        if k in seen:
            # The same holder in a later row (the text changed): it confirms the post later.
            for p in seen[k]:
                factbook_confirms(p, seen_to, stats)
            if role == "head_of_state":
                chiefs.append((r, iso, holder_entity[k]))
            continue
        # The Factbook shows this holder up to the row's last snapshot, at most its last
        # data update: the post is confirmed to that day (the person may have a Wikidata
        # post for it, whose own snapshot is older).
        post = {"role": role, "of": f"state:{iso}", "title": title or None, "start": start, "source": "factbook",
                "confirmed": seen_to if seen_to and seen_to >= (start or "") else None}
        post = {a: b for a, b in post.items() if b}
        given = [w for w in name.split() if fold(w).strip(".'") not in HONORIFICS]
        pid = people.by_skeleton(iso, name) or people.find(iso, surname, given[0] if len(given) > 1 else "", role,
                                                           full=name, given_first=True)
        if pid:
            e = people.by_id[pid]
            stats["factbook: holder matched to a Wikidata person"] += 1
        else:
            e = entity(f"person:{slug(name)}", "official", name)
            e["codes"] = {}
            people.add(e)
            stats["factbook: new person"] += 1
        dups = [p for p in e["posts"] if p["role"] == role and p["of"] == post["of"] and
                (near(p.get("start"), start, 366) or (not start and not p.get("end")))]
        for p in dups:
            factbook_confirms(p, post.get("confirmed"), stats)
        if not dups:
            e["posts"].append(post)
        seen[k] = [p for p in (dups or [post]) if not p.get("end")]
        holder_entity[k] = e
        if role == "head_of_state":
            chiefs.append((r, iso, e))
        if not has_key(e, key(name)):
            add_alias(e, alias(name))
        add_source(e, "factbook")
        people.reindex(e)
    # Since mid-2024 the Factbook's head-of-government line of some presidential systems
    # names only the vice president (Gambia, Zimbabwe); its earlier lines named the
    # president as head of government. The chief of state of the same snapshots who holds
    # an open head-of-government post of the state is confirmed in it to that row's day.
    for r, iso, seen_to in deputy_rows:
        for c, ciso, e in chiefs:
            if c["factbook_file"] == r["factbook_file"] and c["first_seen"] <= r["last_seen"] <= c["last_seen"]:
                for p in e["posts"]:
                    if p["role"] == "head_of_government" and p["of"] == f"state:{iso}" and not p.get("end"):
                        factbook_confirms(p, seen_to, stats)
                        stats["factbook: president confirmed as head of government beside a deputy line"] += 1
    # 3. PETRARCH people.
    for c in cameo_people:
        posts = [p for p in c["posts"] if p["of"] in known and (p.get("start") or p.get("end"))]
        stats["petrarch: undated (default) codes not kept as posts"] += sum(1 for p in c["posts"] if not (p.get("start") or p.get("end")))
        if not posts:
            stats["petrarch: dropped, no dated post of a known state or organization"] += 1
            continue
        isos = [p["of"][6:] for p in posts if p["of"].startswith("state:")]
        ws = words(c["name"])
        pid = None
        if isos and len(ws) >= 2:
            pid = people.find(isos[0], ws[-1], ws[0])
        if pid:
            e = people.by_id[pid]
            stats["petrarch: matched to an existing person"] += 1
            precise = [p for p in e["posts"] if p["role"] not in ("government", "other", "military", "opposition")]
            for p in posts:
                if not any(p["of"] == q["of"] and overlaps(p, q) for q in precise) and p not in e["posts"]:
                    e["posts"].append(p)
            for a in [alias(c["name"])] + c.get("aliases", []):
                if not has_key(e, key(a["text"])):
                    add_alias(e, a)
            if c["codes"].get("cameo"):
                e["codes"].setdefault("cameo", c["codes"]["cameo"])
            add_source(e, "petrarch")
            people.reindex(e)
        else:
            c["posts"] = posts
            c.setdefault("members", [])
            people.add(c)
            stats["petrarch: new person"] += 1
    return people


def merge_curated(people, curated, stats, known):
    for c in curated:
        c = json.loads(json.dumps(c))
        for p in c.get("posts", []):
            if p.get("start"):
                p["start"] = norm_date(p["start"])
            if p.get("end"):
                p["end"] = norm_date(p["end"], end=True)
        target = None
        q = (c.get("codes") or {}).get("wikidata")
        if q and q in people.by_qid and people.by_qid[q] in people.by_id:
            target = people.by_id[people.by_qid[q]]
        elif c["id"] in people.by_id:
            target = people.by_id[c["id"]]
        else:
            isos = [p["of"][6:] for p in c.get("posts", []) if p["of"].startswith("state:")]
            ws = words(c["name"])
            if isos and len(ws) >= 2:
                pid = people.find(isos[0], ws[-1], ws[0])
                target = people.by_id.get(pid) if pid else None
        if target is None:
            e = entity(c["id"], "official", c["name"])
            e.update({k: v for k, v in c.items() if k in ENTITY_ORDER})
            e.setdefault("codes", {})
            people.add(e)
            stats["curated: new person"] += 1
            continue
        stats["curated: merged into a person"] += 1
        old_id = target["id"]
        if c["id"] != old_id and c["id"] not in people.by_id:
            del people.by_id[old_id]
            target["id"] = c["id"]
            people.by_id[c["id"]] = target
        if target["name"] != c["name"]:
            add_alias(target, alias(target["name"]))
            target["name"] = c["name"]
        for a in c.get("aliases", []):
            add_alias(target, a)
        for k, v in (c.get("codes") or {}).items():
            target["codes"][k] = v
        if target["codes"].get("wikidata"):
            people.by_qid[target["codes"]["wikidata"]] = target["id"]
        cposts = c.get("posts", [])
        kept = []
        for p in target["posts"]:
            rivals = [q for q in cposts if p["role"] == q["role"] and p["of"] == q["of"] and
                      (near(p.get("start"), q.get("start"), 400) or overlaps(p, q))]
            if rivals:
                keep_latest_confirmed(rivals[0], p, stats)
            else:
                kept.append(p)
        target["posts"] = kept
        target["posts"] += cposts
        for s in c.get("sources", []):
            add_source(target, s)
        people.reindex(target)


# The last day each public snapshot shows its open posts as held (data/README.md, "Sources"):
# the Factbook's last data update, the earliest every-politician snapshot, and PETRARCH's
# dictionaries (data to about 2015). An open post is known to be current only up to it.
SNAPSHOT_CONFIRMED = {"ifg": "2026-06-19", "factbook": "2026-01-22", "wikidata": "2022-07-01", "petrarch": "2014-12-31"}


def confirmed_day(p):
    """The day up to which open post `p` is confirmed: its own `confirmed`, else the
    snapshot day of its own source; None for a closed post or an unknown source."""
    if p.get("end"):
        return None
    return p.get("confirmed") or SNAPSHOT_CONFIRMED.get((p.get("source") or "").split("/")[0])


def keep_latest_confirmed(kept, replaced, stats=None):
    """When `kept`, an open post, replaces `replaced`, the same open post of the same
    holder from another source, `kept` is confirmed up to the later of the two days (a
    curated post confirmed
    in 2025 that IfG still shows open in 2026-06 is confirmed to 2026-06); the note says
    which source confirms it."""
    mine, theirs = kept.get("confirmed"), confirmed_day(replaced)
    # A kept post without a day of its own (a curated official's post) takes the replaced
    # one's: the same post of the same holder, shown by that source up to that day.
    if kept.get("end") or not theirs or (mine and mine >= theirs) or theirs < (kept.get("start") or ""):
        return
    kept["confirmed"] = theirs
    src = (replaced.get("source") or "another source").split(":")[0]
    extra = f"confirmed to {theirs} by {src}"
    kept["note"] = f"{kept['note']}; {extra}" if kept.get("note") else extra
    if stats is not None:
        stats["open posts: confirmed day taken from a later source of the same post"] += 1


def confirm_open_posts(people, stats):
    """Gives every open post without a `confirmed` day the day its source was last seen
    current: the post's own source, else the earliest snapshot among the person's sources
    that is not older than the post (the post may come from any of them). Curated posts
    carry their own."""
    for e in people.by_id.values():
        known = [SNAPSHOT_CONFIRMED[s] for s in e.get("sources", []) if s in SNAPSHOT_CONFIRMED]
        for p in e["posts"]:
            if p.get("end") or p.get("confirmed"):
                continue
            start = p.get("start") or ""
            day = SNAPSHOT_CONFIRMED.get((p.get("source") or "").split("/")[0])
            if day is None:
                # A post that started after a snapshot came from a later one.
                day = min((k for k in known if k >= start), default=None)
            if day and start <= day:
                p["confirmed"] = day
                stats["open posts: confirmed by the snapshot date"] += 1
            else:
                stats["open posts: no confirmation date"] += 1


# Single-holder roles that some states give to several people at once: the co-princes of
# Andorra, the two Captains Regent of San Marino, the three members of the Presidency of
# Bosnia and Herzegovina. No holder's start ends another's post there.
CO_HELD = {("head_of_state", "state:AND"), ("head_of_state", "state:SMR"), ("head_of_state", "state:BIH")}
TITLE_CLASSES = (  # the class whose word comes first in the title; see title_class
    ("deputy", r"\b(?:vice|deputy)\b"),
    ("prime_minister", r"\b(?:prime|premier|chancellor|taoiseach)\b"),
    ("president", r"\bpresident\b"),
    ("monarch", r"\b(?:king|queen|sultan|emir|amir|monarch|emperor|grand duke|prince|pope)\b"),
)


def title_class(title):
    """The kind of office a title names, or None when it does not say: a Factbook head of
    government may be the president and the prime minister at once (Guyana, Uganda), and
    one does not end the other's post."""
    t = fold(title or "")
    found = [(m.start(), c) for c, rx in TITLE_CLASSES for m in [re.search(rx, t)] if m]
    return min(found)[1] if found else None  # the word named first: "Sultan and Prime Minister"


def _day_before(day):
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def _known_to(p):
    """The last day a source shows post `p` held."""
    return p.get("end") or p.get("confirmed") or p.get("start") or ""


def close_open_posts(people, stats):
    """A post of a single-holder role stays open only for its latest holder: an open post
    (not curated) ends the day before the next start of another person in the same role
    and `of` whose title is of the same kind (title_class; an unknown kind matches any)
    and whom a source shows in office at least as late as this post is confirmed. A post
    without a start ends the day before the first start of a holder that a source shows
    in office later than this one. Acting holders end nobody's post (they
    often stand in for a holder still in office); CO_HELD roles are left alone."""
    holders = collections.defaultdict(list)
    for e in people.by_id.values():
        for p in e["posts"]:
            if p["role"] in SINGLE_HOLDER and (p["role"], p["of"]) not in CO_HELD:
                holders[(p["role"], p["of"])].append((e["id"], p))
    for lst in holders.values():
        closers = sorted(((p["start"], pid, p) for pid, p in lst if p.get("start") and not p.get("acting")),
                         key=lambda x: (x[0], x[1]))
        for pid, p in lst:
            if p.get("end") or CURATED_POST in p:
                continue  # ended, or from data/curated/posts (its end is curated, not inferred)
            c = title_class(p.get("title"))
            start = p.get("start")
            # A later holder is one who started later and whom a source shows in office at
            # least as late as this post's confirmation (Libya's rival prime minister of
            # 2022 does not end the post the Factbook confirms to 2026).
            conf = p.get("confirmed") or ""

            def is_later(s, q):
                # Dated: started later and shown at least as late; undated: shown later.
                return s > start and _known_to(q) >= conf if start else _known_to(q) > conf

            later = [s for s, qid, q in closers if qid != pid and is_later(s, q)
                     and (c is None or title_class(q.get("title")) in (None, c))]
            if not later:
                continue
            p["end"] = _day_before(later[0])  # later[0] > start: never before the start
            if p.get("confirmed") and p["confirmed"] > p["end"]:
                del p["confirmed"]  # a dated successor contradicts the snapshot's confirmation
                stats["posts closed by a later holder: snapshot confirmation contradicted"] += 1
            stats["posts closed by a later holder's start" if start else
                  "undated posts closed by a later holder's start"] += 1


# ---------------------------------------------------------------------------- hygiene and output

# Posts whose holders news names by surname alone; holders of other posts (PETRARCH's
# coarse "government", ambassadors, junior ministers) keep their full names only.
NOTABLE_ROLES = {
    "head_of_state", "head_of_government", "deputy_head_of_state", "deputy_head_of_government",
    "foreign_minister", "defence_minister", "interior_minister", "finance_minister",
    "economy_minister", "justice_minister", "secretary_general", "director_general",
    "central_bank_governor", "head_of_organization",
}
MONTHS_AND_DAYS = set("""january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday""".split())


def english_vocabulary(data):
    """Words the Factbook's own English prose writes in lower case (at least twice): a
    public-domain stand-in for an English dictionary, to recognise foreign names that fold
    to English words ("Ísland" → "island")."""
    counts = collections.Counter()

    def walk(v):
        if isinstance(v, str):
            counts.update(re.findall(r"\b[a-z]+\b", v))
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for f in sorted(glob.glob(os.path.join(data, "factbook", "*", "*.json"))):
        with open(f, encoding="utf-8") as fh:
            walk(json.load(fh))
    return {w for w, n in counts.items() if n >= 2}


def prune_english_words(entities, english, stats):
    """Drop one-word alternate names of states and organizations that are English words
    (foreign-language forms such as "Island", "Laws"); the canonical name, demonyms and
    capitals stay (their case policy guards them)."""
    for e in entities:
        if e["kind"] not in ("state", "organization"):
            continue
        kept = []
        for a in e["aliases"]:
            ws = words(a["text"])
            if (a["type"] in ("alias", "name") and len(ws) == 1 and key(a["text"]) != key(e["name"])
                    and ws[0] in english):
                stats["state/org aliases dropped: an English word"] += 1
                continue
            kept.append(a)
        e["aliases"] = kept


def prune_surnames(entities, stats):
    """Keep a surname alias only where a surname alone is likely to mean that person.

    Dropped: surnames of officials with no notable post (unless curated), and surnames that
    are common English words, months or weekdays, one-word names of states, organizations
    or capitals, or given names frequent among officials (counted from the data itself).
    """
    # Every word of a state's or organization's names ("Arab" of "United Arab Emirates").
    places = {fold(w) for e in entities if e["kind"] in ("state", "organization")
              for t in [e["name"]] + [a["text"] for a in e["aliases"]] for w in words(t)}
    given = collections.Counter(fold(e["name"]).split()[0] for e in entities
                                if e["kind"] == "official" and len(words(e["name"])) > 1)
    frequent_given = {g for g, n in given.items() if n >= 15}
    dropped = set()
    for e in entities:
        if e["kind"] != "official":
            continue
        notable = "curated" in e.get("sources", []) or any(
            p["role"] in NOTABLE_ROLES for p in e.get("posts", []))
        if len(words(e["name"])) == 1 and not notable:
            # A whole name of one word ("Hussein", "Abdullah") of a minor figure: matched
            # alone, it would stand for everyone of that name.
            stats["officials dropped: one-word name, no notable post"] += 1
            dropped.add(e["id"])
            continue
        kept = []
        for a in e["aliases"]:
            # A one-word alias of a person ("Peter") stands alone just like a surname.
            if a["type"] == "surname" or (a["type"] in ("alias", "name") and len(words(a["text"])) == 1):
                k = fold(a["text"])
                why = ("no notable post" if not notable
                       else "common word" if k in COMMON_WORDS or k in MONTHS_AND_DAYS
                       else "place name" if k in places
                       else "frequent given name" if k in frequent_given
                       else None)
                if why:
                    stats[f"one-word person aliases dropped: {why}"] += 1
                    continue
            kept.append(a)
        e["aliases"] = kept
    entities[:] = [e for e in entities if e["id"] not in dropped]


def hygiene(e, stats):
    out = []
    seen = set()
    for a in e["aliases"]:
        a = {k: a[k] for k in ALIAS_ORDER if a.get(k)}
        if not words(a["text"]):
            stats["aliases dropped: no word"] += 1
            continue
        n = letters(a["text"])
        if n <= 2:
            if a["type"] == "acronym" and (n == 2 or re.search(r"\d", a["text"])):
                a["case"] = "exact"
            else:
                stats["aliases dropped: 1-2 letters"] += 1
                continue
        if a["type"] == "surname" and n < 4:
            stats["aliases dropped: short surname"] += 1
            continue
        single = len(words(a["text"])) == 1
        # A role title curated to match in any case ("the Kenyan president") stays so: the
        # matcher keeps a lower-case one-word title only with its state or organization.
        if single and effective_case(a) == "any" and words(a["text"])[0] in COMMON_WORDS and e["kind"] != "role":
            a["case"] = "capitalized"
            stats["aliases set to capitalized: common English word"] += 1
        elif single and e["kind"] == "state" and a["type"] == "alias" and effective_case(a) == "any":
            # Spelling variants of other languages ("Grenadë" folds to "grenade"): English
            # writes a state's name with a capital, so a lower-case word never is one.
            a["case"] = "capitalized"
            stats["aliases set to capitalized: one-word spelling variant of a state"] += 1
        if a["type"] == "acronym" and a["text"].isupper() and fold(a["text"]) in COMMON_WORDS and letters(a["text"]) > 2:
            # "WHO", "CAN": case-exact, and never among words in capitals ("WHO WILL WIN"),
            # where the acronym cannot be told from the word (the matcher's rule).
            a["case"] = "exact_word"
            stats[f"acronyms that are English words, case exact_word: {a['text']}"] += 1
        if a["text"] == e["name"] and a["type"] in ("name", "alias") and "start" not in a and "end" not in a:
            continue
        k = json.dumps(a, sort_keys=True)
        ck = json.dumps({**a, "text": a["text"].lower()}, sort_keys=True)
        if k in seen or ck in seen or (a["text"].lower() == e["name"].lower() and a["type"] in ("name", "alias")
                                        and "start" not in a and "end" not in a):
            continue
        seen.update((k, ck))
        out.append(a)
    e["aliases"] = out


def represented_states(data, gec_of):
    """States whose latest Factbook chief of state is "represented by" someone (a
    governor-general): the realms of a monarch who lives in another of them."""
    iso_of = {gec: f"state:{iso}" for iso, gec in gec_of.items()}
    rows = csv.DictReader(open(os.path.join(data, "factbook-history", "factbook_executive_history.csv"),
                               encoding="utf-8"))
    latest = {}
    for r in rows:
        gec = os.path.basename(r["factbook_file"])[:-5]
        if r["field"] == "chief of state" and gec in iso_of and r["last_seen"] >= latest.get(gec, ("",))[0]:
            latest[gec] = (r["last_seen"], "represented by" in r["text"])
    return frozenset(iso_of[g] for g, (_, rep) in latest.items() if rep)


def finish(e, represented=frozenset()):
    """The entity as written: keys in order, aliases and posts sorted. Posts sort by start,
    end, role, then a realm's post before those exercised through a representative (the
    resolver takes the first of posts that tie: Charles III is King of the United Kingdom
    first), then `of`."""
    e["aliases"].sort(key=lambda a: (a["text"], a["type"], a.get("start", ""), a.get("end", "")))
    e["posts"] = [{k: p[k] for k in POST_ORDER if p.get(k)} for p in e.get("posts", [])]
    uniq = []
    for p in e["posts"]:
        if p not in uniq:
            uniq.append(p)
    uniq.sort(key=lambda p: (p.get("start", ""), p.get("end", ""), p["role"], p["of"] in represented, p["of"],
                             p.get("title", "")))
    e["posts"] = uniq
    e["members"] = sorted(set(e.get("members", [])))
    e["sources"] = sorted(set(e.get("sources", [])))
    e["codes"] = {k: e["codes"][k] for k in CODE_ORDER if (e.get("codes") or {}).get(k)}
    return {k: e[k] for k in ENTITY_ORDER if e.get(k) not in (None, [], {}, "")}


def role_keys():
    with open(os.path.join(ROOT, "src", "model", "roles.rs"), encoding="utf-8") as f:
        src = f.read()
    return set(re.findall(r'\("([a-z_]+)",\s*"', src))


def validate(entities):
    ids = {e["id"]: e for e in entities}
    keys = role_keys()
    problems = []
    for e in entities:
        for p in e.get("posts", []):
            if p["of"] not in ids or ids[p["of"]]["kind"] not in ("state", "organization"):
                problems.append(f"{e['id']}: post of unknown {p['of']}")
            if p["role"] not in keys:
                problems.append(f"{e['id']}: unknown role {p['role']}")
            if p.get("start") and p.get("end") and p["start"] > p["end"]:
                problems.append(f"{e['id']}: post {p['role']} {p['start']} > {p['end']}")
        for m in e.get("members", []):
            if m not in ids:
                problems.append(f"{e['id']}: unknown member {m}")
        for a in e.get("aliases", []):
            if a.get("start") and a.get("end") and a["start"] > a["end"]:
                problems.append(f"{e['id']}: alias {a['text']} dates")
        if e["kind"] == "role" and e.get("role") not in keys:
            problems.append(f"{e['id']}: unknown role key")
        if e["kind"] == "place" and e.get("state") and (e["state"] not in ids or ids[e["state"]]["kind"] != "state"):
            problems.append(f"{e['id']}: place in unknown state {e['state']}")
    return problems


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [norm(json.loads(line)) for line in f if line.strip()]


def add_plural_nationals(states, stats):
    """Plural nationality nouns ("Iraqis", "Armenians", "Poles") for one-word demonyms,
    capitalized only ("poles" is an English word). Forms that would need another ending
    ("Chinese", "Swiss", "English") get none."""
    for e in states.values():
        have = {key(a["text"]) for a in e["aliases"]} | {key(e["name"])}
        for a in list(e["aliases"]):
            t = a["text"]
            if a["type"] != "demonym" or len(words(t)) != 1 or not t[:1].isupper():
                continue
            if re.search(r"(s|sh|ch|x|z|ese)$", t) or t.endswith(("ish", "ch")):
                continue
            plural = t + "s"
            if key(plural) in have:
                continue
            e["aliases"].append({"text": plural, "type": "demonym", "case": "capitalized",
                                 **{k: a[k] for k in ("start", "end") if a.get(k)}})
            have.add(key(plural))
            stats["state demonyms: plural added"] += 1


# British and American spellings in organization names ("North Atlantic Treaty Organisation").
SPELLINGS = [("organization", "organisation"), ("defense", "defence"), ("program", "programme"),
             ("center", "centre"), ("labor", "labour")]


def add_spelling_variants(orgs, stats):
    """For every name of an organization with a word spelled one way, the other spelling."""
    for e in orgs.values():
        have = {key(a["text"]) for a in e["aliases"]} | {key(e["name"])}
        forms = [e["name"]] + [a["text"] for a in e["aliases"] if a["type"] in ("name", "alias", "former_name")]
        for t in forms:
            for us, uk in SPELLINGS:
                for a_, b_ in ((us, uk), (uk, us)):
                    v = re.sub(rf"\b{a_.capitalize()}\b", b_.capitalize(), re.sub(rf"\b{a_}\b", b_, t))
                    if v != t and key(v) not in have:
                        e["aliases"].append({"text": v, "type": "alias"})
                        have.add(key(v))
                        stats["organization names: spelling variant added"] += 1


def merge_curated_records(by_id, records, kind):
    """Curated records over generated entities of one kind, by id; new ids are added."""
    for c in records:
        if c["id"] not in by_id:
            by_id[c["id"]] = entity(c["id"], kind, c["name"])
        merge_into(by_id[c["id"]], c)


def merge_into(base, c):
    """Curated record c over generated record base (same id): curated wins."""
    base["name"] = c.get("name", base["name"])
    for a in c.get("aliases", []):
        add_alias(base, a)
    for k, v in (c.get("codes") or {}).items():
        base["codes"][k] = v
    for k in ("start", "end", "role"):
        if c.get(k):
            base[k] = c[k]
    for m in c.get("members", []):
        if m not in base["members"]:
            base["members"].append(m)
    for s in c.get("sources", []):
        add_source(base, s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--geopol", default=os.path.join(ROOT, "target", "release", "geopol"))
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "default.jsonl"))
    ap.add_argument("--curated", default=os.path.join(ROOT, "data", "curated"))
    args = ap.parse_args()
    import gen_posts

    stats = collections.Counter()
    d = args.data
    # Curated posts are checked first: a bad line stops the run before the slow imports.
    posts_dir = os.path.join(args.curated, "posts")
    post_lines, problems = gen_posts.read_post_files(posts_dir, role_keys())
    if problems:
        raise SystemExit(f"{len(problems)} problem(s) in {posts_dir}:\n" + "\n".join(problems))
    log("importing with the geopol CLI:")
    try:
        wd = run_import(args.geopol, "wikidata", os.path.join(d, "wikidata", "posts.csv"),
                        "--people", os.path.join(d, "wikidata", "people.csv"))
    except SystemExit:
        wd = run_import(args.geopol, "wikidata", os.path.join(d, "wikidata", "posts.csv"))
    countries = run_import(args.geopol, "cameo", os.path.join(d, "petrarch", "Phoenix.Countries.actors.txt"))
    intl = run_import(args.geopol, "cameo", os.path.join(d, "petrarch", "Phoenix.International.actors.txt"))
    agents = run_import(args.geopol, "cameo", os.path.join(d, "petrarch", "Phoenix.agents.txt"))
    cameo_states = [e for e in countries + intl if e["kind"] == "state"]
    cameo_orgs = [e for e in countries + intl if e["kind"] == "organization"]
    cameo_people = sorted([e for e in countries + intl if e["kind"] == "official"], key=lambda e: e["id"])

    log("states and organizations:")
    states, cc, args.gec_of = build_states(d, cameo_states)
    curated = {os.path.basename(f): read_jsonl(f) for f in sorted(glob.glob(os.path.join(args.curated, "*.jsonl")))}
    merge_curated_records(states, curated.get("states.jsonl", []), "state")
    add_plural_nationals(states, stats)
    stats["state aliases dropped: shared with another state"] = drop_colliding_state_aliases(states)
    import gen_places

    places = gen_places.build_places(d, states, curated.get("places.jsonl", []), stats, factbook_index(d),
                                     args.gec_of)
    orgs = build_orgs(d, states, cameo_orgs)
    merge_curated_records(orgs, curated.get("organizations.jsonl", []), kind="organization")
    add_spelling_variants(orgs, stats)
    problems = gen_posts.check_of(post_lines, set(states) | set(orgs))
    if problems:
        raise SystemExit(f"{len(problems)} problem(s) in {posts_dir}:\n" + "\n".join(problems))
    log(f"  {len(states)} states, {len(orgs)} organizations")

    log("officials:")
    people = build_officials(args, states, orgs, wd, cameo_people, stats)
    import gen_ifg

    gen_ifg.merge(people, d, stats, log)
    for name in sorted(curated):
        if name.startswith("officials"):
            merge_curated(people, curated[name], stats, set(states) | set(orgs))
    placed = gen_posts.merge_posts(people, post_lines, stats, log)
    gen_posts.close_stale_posts(people, placed, stats, log)
    import gen_dedupe

    renamed = gen_dedupe.strip_titles(people, stats, log)
    gen_dedupe.drop_institutions(people, stats, log)
    gen_dedupe.merge_duplicates(people, stats, log, renamed)
    close_open_posts(people, stats)
    confirm_open_posts(people, stats)

    roles = {}
    for r in agents + curated.get("roles.jsonl", []):
        e = roles.setdefault(r["id"], entity(r["id"], "role", r["name"]))
        e["role"] = r["role"]
        if r in curated.get("roles.jsonl", []):
            e["name"] = r["name"]
        for a in r.get("aliases", []):
            if len(a["text"].split()) <= 6 and "chief minister" not in fold(a["text"]):
                add_alias(e, a)
        for s in r.get("sources", []):
            add_source(e, s)

    entities = list(states.values()) + list(orgs.values()) + list(people.by_id.values()) + list(roles.values()) \
        + list(places.values())
    import translit

    translit.add_variants(entities, fold, stats)
    prune_surnames(entities, stats)
    prune_english_words(entities, english_vocabulary(args.data), stats)
    for e in entities:
        hygiene(e, stats)
    represented = represented_states(args.data, args.gec_of)
    out = sorted((finish(e, represented) for e in entities), key=lambda e: e["id"])
    problems = validate(out)
    if problems:
        raise SystemExit("invalid gazetteer:\n" + "\n".join(problems[:50]))
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for e in out:
            f.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n")
    os.replace(tmp, args.out)
    kinds = collections.Counter(e["kind"] for e in out)
    log(f"wrote {args.out}: {len(out)} entities {dict(sorted(kinds.items()))}, {os.path.getsize(args.out):,} bytes")
    for k, v in sorted(stats.items()):
        log(f"  {k}: {v}")


if __name__ == "__main__":
    main()
