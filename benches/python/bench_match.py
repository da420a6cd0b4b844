"""geopol ``Matcher.extract`` against other Python dictionary matchers.

Not part of the default test run (the file name does not match ``test_*.py``). Run it
explicitly, from the project root, after ``maturin develop --release``::

    .venv/bin/pip install flashtext pyahocorasick ahocorasick-rs spacy pytest-benchmark
    .venv/bin/pytest benches/python/bench_match.py -o addopts="" --benchmark-only \
        --benchmark-columns=min,median,max,rounds --benchmark-sort=name -s

(``-o addopts=""`` drops the project's ``--benchmark-disable``.)

Environment:

- ``GEOPOL_BENCH_MB`` (default 4): how much of the corpus to scan (whole articles).
- ``GEOPOL_SHARED`` (default ``../shared``): where ``corpus/news.txt`` and
  ``data/petrarch`` are. The corpus (research-only licence) is read in place, never copied;
  when it is absent, deterministic news-like text is generated instead. When the PETRARCH
  files are absent, 33k synthetic aliases are used.

Every matcher gets the same ~33k aliases (PETRARCH ``Phoenix.*.actors.txt`` +
``Phoenix.agents.txt``, parsed as in ``benches/common/mod.rs``) and the same articles (one
line of ``news.txt`` each). Each round gets *fresh* string objects (CPython caches a
string's UTF-8 form inside the object, which would flatter the second call on the same
string). Semantics differ and are part of the comparison:

- geopol: fold (case, diacritics, punctuation), whole tokens, case policy, resolution to
  entities; returns Mention objects.
- flashtext: case-insensitive, whole words (its own word-character set), longest match.
- pyahocorasick ``iter_long`` / ahocorasick_rs LeftmostLongest: raw leftmost-longest scan
  of the lower-cased text, no word boundaries (matches inside words count).
- spaCy ``PhraseMatcher(attr="LOWER")`` on ``spacy.blank("en")``: tokenizes every article
  (the dominant cost), all overlapping phrase matches.
"""

from __future__ import annotations

import os
import random
import unicodedata
from pathlib import Path

import pytest

# Not a test module: never turn a third-party deprecation warning into an error here.
pytestmark = pytest.mark.filterwarnings("default")

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("GEOPOL_SHARED", ROOT.parent / "shared"))
MB = float(os.environ.get("GEOPOL_BENCH_MB", "4"))


# --------------------------------------------------------------------------- inputs


def fold_key(s: str) -> str:
    """Approximately geopol's fold: NFKD without marks, lower case, single spaces."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(s.split())


def title_case(s: str) -> str:
    out = []
    start = True
    for c in s:
        if c.isalpha():
            out.append(c.upper() if start else c.lower())
            start = False
        else:
            out.append(c)
            start = not c.isalnum() and c != "'"
    return "".join(out)


def strip_between(s: str, open_: str, close: str) -> str:
    out, depth = [], 0
    for c in s:
        if c == open_:
            depth += 1
        elif c == close and depth > 0:
            depth -= 1
        elif depth == 0:
            out.append(c)
    return "".join(out)


def has_word(s: str) -> bool:
    return any(c.isalnum() for c in s)


PERSONS: set[int] = set()


def petrarch_aliases() -> list[str] | None:
    d = SHARED / "data" / "petrarch"
    if not d.is_dir():
        return None
    files = sorted(
        p
        for p in d.iterdir()
        if p.name.startswith("Phoenix.")
        and (p.name.endswith(".actors.txt") or p.name == "Phoenix.agents.txt")
    )
    if not files:
        return None
    out: list[str] = []
    seen: set[str] = set()
    person = False
    for f in files:
        sets: list[tuple[str, list[str]]] = []
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
            t = line.strip()
            if not t or t.startswith(("#", "[")):
                continue
            if t.startswith("!") and "=" in t:
                name, values = t.split("=", 1)
                sets.append((name.strip(), [v.strip() for v in values.split(",")]))
                continue
            if not t.startswith("+"):
                person = "# CountryInfo" in t
            body = t.split("#", 1)[0]
            body = strip_between(strip_between(body, "[", "]"), "{", "}").lstrip("+")
            phrases = [body]
            for name, values in sets:
                if any(name in p for p in phrases):
                    phrases = [p.replace(name, v) for p in phrases for v in values]
            for p in phrases:
                p = " ".join(p.replace("_", " ").split())
                if not p or "!" in p or not has_word(p):
                    continue
                k = fold_key(p)
                if k not in seen:
                    seen.add(k)
                    if person:
                        PERSONS.add(len(out))
                    out.append(title_case(p))
    return out


def synthetic_aliases(n: int, seed: int = 33) -> list[str]:
    rng = random.Random(seed)
    onsets = [
        "b",
        "d",
        "f",
        "g",
        "h",
        "k",
        "l",
        "m",
        "n",
        "p",
        "r",
        "s",
        "t",
        "v",
        "z",
        "br",
        "dr",
        "gr",
        "kr",
        "tr",
        "st",
        "sh",
        "ch",
        "kh",
        "zh",
    ]
    nuclei = ["a", "e", "i", "o", "u", "ai", "ou", "ia", "ie", "ey", "ov", "ar"]
    endings = ["", "", "ov", "ova", "ev", "enko", "ski", "ic", "ian", "stan", "ia", "oglu"]

    def word() -> str:
        w = "".join(rng.choice(onsets) + rng.choice(nuclei) for _ in range(rng.randint(1, 3)))
        return (w + rng.choice(endings)).capitalize()

    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        p = " ".join(word() for _ in range(rng.choice([1, 2, 2, 2, 3, 4])))
        if p.lower() not in seen:
            seen.add(p.lower())
            out.append(p)
    return out


def synthetic_news(nbytes: int, seed: int = 42) -> str:
    rng = random.Random(seed)
    common = [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "said",
        "on",
        "for",
        "that",
        "is",
        "with",
        "was",
        "by",
        "it",
        "as",
        "from",
        "at",
        "its",
        "be",
        "has",
        "have",
        "will",
        "an",
        "government",
        "minister",
        "talks",
        "year",
        "percent",
        "market",
        "officials",
        "week",
        "trade",
        "oil",
        "prices",
        "security",
        "meeting",
        "agreement",
        "economic",
        "foreign",
        "president",
        "state",
        "new",
        "told",
        "us",
        "may",
    ]
    names = [
        "Kazakhstan",
        "Turkey",
        "Türkiye",
        "Kazakh",
        "Turkish",
        "Russia",
        "China",
        "U.S.",
        "UN",
        "EU",
        "NATO",
        "Ankara",
        "Moscow",
        "Iraq",
        "Iran",
        "Chad",
        "Niger",
        "Nigeria",
        "Georgia",
        "Jordan",
        "South Sudan",
        "North Korea",
        "Mevlüt Çavuşoğlu",
        "Tokayev",
    ]
    lines, size = [], 0
    while size < nbytes:
        words = [
            rng.choice(names) if rng.random() < 0.08 else rng.choice(common)
            for _ in range(rng.randint(40, 300))
        ]
        line = " ".join(words).capitalize() + "."
        lines.append(line)
        size += len(line.encode()) + 1
    return "\n".join(lines) + "\n"


def load_articles() -> tuple[list[str], str]:
    limit = int(MB * 1_000_000)
    path = SHARED / "corpus" / "news.txt"
    if path.is_file():
        with path.open("rb") as f:
            data = f.read(limit)
        cut = data.rfind(b"\n")
        if cut > 0:
            data = data[: cut + 1]
        text, source = data.decode("utf-8", errors="ignore"), "news.txt"
    else:
        text, source = synthetic_news(limit), "synthetic"
    return [line for line in text.split("\n") if line], source


ALIASES = petrarch_aliases() or synthetic_aliases(33_000)
ARTICLES, SOURCE = load_articles()
NBYTES = sum(len(a.encode()) + 1 for a in ARTICLES)
LOWER_ALIASES = [fold_key(a) for a in ALIASES]


def fresh(articles: list[str]) -> list[str]:
    """New str objects with the same content (no cached UTF-8 form, no shared identity)."""
    return [(a + " ")[:-1] for a in articles]


def run(benchmark, fn, rounds: int = 3):
    """Times ``fn(articles)`` on fresh copies; records MB/s and the match count."""
    result = benchmark.pedantic(
        fn, setup=lambda: ((fresh(ARTICLES),), {}), rounds=rounds, iterations=1, warmup_rounds=0
    )
    benchmark.extra_info["matches"] = result
    benchmark.extra_info["bytes"] = NBYTES
    benchmark.extra_info["source"] = SOURCE
    benchmark.extra_info["aliases"] = len(ALIASES)
    if benchmark.stats is not None:
        benchmark.extra_info["MB_per_s_median"] = round(NBYTES / 1e6 / benchmark.stats["median"], 2)
    return result


def build(benchmark, fn, rounds: int = 1):
    return benchmark.pedantic(fn, rounds=rounds, iterations=1, warmup_rounds=0)


# --------------------------------------------------------------------------- matchers


def geopol_matcher():
    """A geopol Matcher over ALIASES only (no embedded gazetteer): one entity per alias,
    officials for PETRARCH person entries, states for the rest."""
    geopol = pytest.importorskip("geopol")
    records = [
        {"id": f"person:x{i}", "kind": "official", "name": a}
        if i in PERSONS
        else {"id": f"state:X{i}", "kind": "state", "name": a}
        for i, a in enumerate(ALIASES)
    ]
    return geopol.Matcher.from_entities(records, default=False)


def flashtext_matcher():
    flashtext = pytest.importorskip("flashtext")
    kp = flashtext.KeywordProcessor(case_sensitive=False)
    for i, a in enumerate(LOWER_ALIASES):
        kp.add_keyword(a, i)
    return kp


def pyahocorasick_matcher():
    ahocorasick = pytest.importorskip("ahocorasick")
    automaton = ahocorasick.Automaton()
    for i, a in enumerate(LOWER_ALIASES):
        automaton.add_word(a, i)
    automaton.make_automaton()
    return automaton


def ahocorasick_rs_matcher():
    ahocorasick_rs = pytest.importorskip("ahocorasick_rs")
    return ahocorasick_rs.AhoCorasick(
        LOWER_ALIASES, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )


def spacy_matcher():
    spacy = pytest.importorskip("spacy")
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    nlp.max_length = 10**8
    pm = PhraseMatcher(nlp.vocab, attr="LOWER")
    pm.add("ALIAS", list(nlp.tokenizer.pipe(ALIASES)))
    return nlp, pm


_cache: dict[str, object] = {}


def cached(name: str, make):
    if name not in _cache:
        _cache[name] = make()
    return _cache[name]


# --------------------------------------------------------------------------- build


@pytest.mark.benchmark(group="build: 33k aliases")
def test_build_geopol(benchmark):
    pytest.importorskip("geopol")
    _cache["geopol"] = build(benchmark, geopol_matcher)


@pytest.mark.benchmark(group="build: 33k aliases")
def test_build_flashtext(benchmark):
    _cache["flashtext"] = build(benchmark, flashtext_matcher)


@pytest.mark.benchmark(group="build: 33k aliases")
def test_build_pyahocorasick(benchmark):
    _cache["pyahocorasick"] = build(benchmark, pyahocorasick_matcher)


@pytest.mark.benchmark(group="build: 33k aliases")
def test_build_ahocorasick_rs(benchmark):
    _cache["ahocorasick_rs"] = build(benchmark, ahocorasick_rs_matcher)


@pytest.mark.benchmark(group="build: 33k aliases")
def test_build_spacy_phrasematcher(benchmark):
    _cache["spacy"] = build(benchmark, spacy_matcher)


# --------------------------------------------------------------------------- extract


@pytest.mark.benchmark(group="extract: articles")
def test_extract_geopol(benchmark):
    m = cached("geopol", geopol_matcher)
    run(benchmark, lambda arts: sum(len(m.extract(a)) for a in arts))


@pytest.mark.benchmark(group="extract: articles")
def test_extract_geopol_batch(benchmark):
    m = cached("geopol", geopol_matcher)
    if not hasattr(m, "extract_batch"):
        pytest.skip("Matcher.extract_batch not available")
    run(benchmark, lambda arts: sum(len(x) for x in m.extract_batch(arts)))


@pytest.mark.benchmark(group="extract: articles")
def test_extract_geopol_default_gazetteer(benchmark):
    geopol = pytest.importorskip("geopol")
    m = cached("geopol_default", geopol.Matcher.default)
    run(benchmark, lambda arts: sum(len(m.extract(a)) for a in arts))


@pytest.mark.benchmark(group="extract: articles")
def test_extract_flashtext(benchmark):
    kp = cached("flashtext", flashtext_matcher)
    run(benchmark, lambda arts: sum(len(kp.extract_keywords(a, span_info=True)) for a in arts))


@pytest.mark.benchmark(group="extract: articles")
def test_extract_pyahocorasick_iter_long(benchmark):
    automaton = cached("pyahocorasick", pyahocorasick_matcher)
    run(benchmark, lambda arts: sum(sum(1 for _ in automaton.iter_long(a.lower())) for a in arts))


@pytest.mark.benchmark(group="extract: articles")
def test_extract_ahocorasick_rs(benchmark):
    ac = cached("ahocorasick_rs", ahocorasick_rs_matcher)
    run(benchmark, lambda arts: sum(len(ac.find_matches_as_indexes(a.lower())) for a in arts))


@pytest.mark.benchmark(group="extract: articles")
def test_extract_spacy_phrasematcher(benchmark):
    nlp, pm = cached("spacy", spacy_matcher)
    run(benchmark, lambda arts: sum(len(pm(doc)) for doc in nlp.tokenizer.pipe(arts)), rounds=1)


def test_inputs_are_shared():
    """The alias list matches the Rust side's size (the same parser, in Python)."""
    assert len(ALIASES) > 1000
    assert ARTICLES
    assert NBYTES > 0
    print(f"\n{len(ALIASES)} aliases; {len(ARTICLES)} articles, {NBYTES / 1e6:.2f} MB ({SOURCE})")
