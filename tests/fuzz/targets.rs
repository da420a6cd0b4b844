//! The bodies of the fuzz targets, one `pub fn name(data: &[u8])` each.
//!
//! This file is compiled twice: into the cargo-fuzz crate (`fuzz/src/lib.rs`, nightly, where
//! libFuzzer calls each body) and into the integration tests (`tests/integration/fuzz.rs`,
//! stable, where every file of `fuzz/corpus/<target>/` is replayed through its body). So a
//! crash that fuzzing finds becomes a regression test by saving its input in the corpus.
//!
//! A body returns quietly on input it is not about (not UTF-8, say) and panics when an
//! invariant fails. Inputs that carry a date start with a `YYYY-MM-DD` line (see
//! [`dated`]); targets that need two inputs separate them with the first NUL byte.
//! `FUZZING.md` says what each target checks. The targets need geopol's `embedded` and
//! `cli` features.

use std::sync::{Arc, OnceLock};

use geopol::import::{cameo, wikidata, ImportReport};
use geopol::load::{read_reader, read_str, write_csv, write_json, write_jsonl, Format};
use geopol::{
    Alias, AliasKind, CasePolicy, CharOffsets, Codes, Date, Entity, EntityKind, Gazetteer, Matcher,
    Mention, MergeMode, Post, ROLE_KEYS,
};

/// A target's body.
pub type Body = fn(&[u8]);

/// Every target, by the name of its directory in `fuzz/corpus/` and of its cargo-fuzz binary.
pub const TARGETS: &[(&str, Body)] = &[
    ("extract", extract),
    ("extract_embedded", extract_embedded),
    ("extract_gazetteer", extract_gazetteer),
    ("load_json", load_json),
    ("load_jsonl", load_jsonl),
    ("load_csv", load_csv),
    ("roundtrip", roundtrip),
    ("import_cameo", import_cameo),
    ("import_wikidata", import_wikidata),
    ("documents", documents),
];

// ---------------------------------------------------------------------------------------
// Extraction

/// `extract` on the small custom gazetteer of `tests/cases/gazetteer.jsonl`: the span
/// invariants only (the fast target, run the longest).
pub fn extract(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let (date, text) = dated(input);
    let m = cases_matcher();
    check_mentions(text, &m.extract(text, date));
}

/// `extract` on the embedded default gazetteer: the span invariants, and `extract_iter`,
/// `explain` and `extract_batch` give exactly what `extract` gives.
pub fn extract_embedded(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let (date, text) = dated(input);
    check_extract(&Matcher::default(), text, date);
}

/// A gazetteer (JSON Lines, before the first NUL byte) and a text (after it): when the
/// gazetteer loads and compiles, `extract` on it keeps the span invariants and agrees with
/// `extract_iter` and `explain`.
pub fn extract_gazetteer(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let Some((gazetteer, rest)) = input.split_once('\0') else { return };
    let Ok(records) = read_str(gazetteer, Format::JsonLines, "fuzz.jsonl") else { return };
    let mut b = Gazetteer::builder();
    b.add_source(records, MergeMode::Extend);
    let Ok(g) = b.build() else { return };
    let Ok(m) = Matcher::new(g) else { return };
    let (date, text) = dated(rest);
    check_extract(&m, text, date);
}

/// The matcher over `tests/cases/gazetteer.jsonl`, compiled once.
fn cases_matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| {
        let text = include_str!("../cases/gazetteer.jsonl");
        let records = read_str(text, Format::JsonLines, "cases.jsonl").expect("cases parse");
        let mut b = Gazetteer::builder();
        b.add_source(records, MergeMode::Extend);
        Matcher::new(Arc::new(b.build().expect("cases are valid"))).expect("cases compile")
    })
}

/// The date of the first line when it is exactly a `YYYY-MM-DD` date, and the text after
/// it; else no date and the whole input.
pub fn dated(input: &str) -> (Option<Date>, &str) {
    if let Some((first, rest)) = input.split_once('\n') {
        if first.len() == 10 {
            if let Ok(d) = first.parse::<Date>() {
                return (Some(d), rest);
            }
        }
    }
    (None, input)
}

/// The span invariants, and `extract` = `extract_iter` = `explain`'s mentions =
/// `extract_batch`.
fn check_extract(m: &Matcher, text: &str, date: Option<Date>) {
    let found = m.extract(text, date);
    check_mentions(text, &found);
    let streamed: Vec<Mention<'_>> = m.extract_iter(text, date).collect();
    assert_eq!(streamed, found, "extract_iter differs from extract");
    let (explained, decisions) = m.explain(text, date);
    assert_eq!(explained, found, "explain's mentions differ from extract");
    for d in &decisions {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "decision span");
        assert_eq!(text.get(d.span.start..d.span.end), Some(d.text.as_str()), "decision text");
    }
    let batch = m.extract_batch(&[(text, date)]);
    assert_eq!(batch.len(), 1);
    assert_eq!(batch[0], found, "extract_batch differs from extract");
}

/// What `extract` promises of its mentions (`docs/design.md`, "Invariants"): spans on
/// character boundaries with `text[span] == mention.text`, sorted and never overlapping;
/// at most ten candidates, none of them the linked entity; code-point offsets that count
/// the characters before the span; the JSON written by `write_json` is the JSON of
/// `to_json`.
pub fn check_mentions(text: &str, found: &[Mention<'_>]) {
    let offsets = CharOffsets::new(text);
    let mut prev_end = 0;
    // The characters before `counted_to`, counted as the spans go (they are sorted and
    // apart, checked first): linear in the text, however many mentions it has.
    let (mut counted_to, mut chars) = (0, 0);
    let mut buf = Vec::new();
    for x in found {
        let s = x.span;
        assert!(s.start < s.end, "empty span {s:?}");
        assert!(prev_end <= s.start, "mentions overlap or are out of order at {s:?}");
        assert!(s.end <= text.len(), "span {s:?} past the end of the text");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{s:?}");
        assert_eq!(&text[s.start..s.end], x.text, "text[span] != mention.text");
        prev_end = s.end;

        assert!(x.candidates.len() <= 10, "{} candidates", x.candidates.len());
        if !x.is_nil() {
            assert!(
                x.candidates.iter().all(|c| c.id != x.entity.id),
                "the linked entity {} is among its own candidates",
                x.entity.id
            );
        }
        chars += text[counted_to..s.start].chars().count();
        assert_eq!(offsets.char_offset(s.start), chars);
        chars += x.text.chars().count();
        counted_to = s.end;
        assert_eq!(offsets.char_offset(s.end), chars);

        buf.clear();
        x.write_json(&offsets, &mut buf);
        let written: serde_json::Value =
            serde_json::from_slice(&buf).expect("write_json writes valid JSON");
        assert_eq!(written, x.to_json(&offsets), "write_json differs from to_json");
    }
}

// ---------------------------------------------------------------------------------------
// Loaders and the write → read round trip

/// The JSON loader (a document `{"entities": [...]}` or a bare array).
pub fn load_json(data: &[u8]) {
    load(data, Format::Json);
}

/// The JSON Lines loader.
pub fn load_jsonl(data: &[u8]) {
    load(data, Format::JsonLines);
}

/// The CSV loader.
pub fn load_csv(data: &[u8]) {
    load(data, Format::Csv);
}

/// Reads `data` as a gazetteer file in `format`, from bytes (as files and standard input
/// are read) and, when it is UTF-8, from a string: the two agree. What is read then goes
/// through [`check_round_trips`].
fn load(data: &[u8], format: Format) {
    let from_bytes = read_reader(data, format, "fuzz");
    // Bytes that look like UTF-16 or UTF-32 are refused as such before they are read as
    // UTF-8 (a guess from the NULs of the first 64 bytes, so it can refuse UTF-8 text full
    // of NULs, which no gazetteer has); `read_str` has a string, decoded already.
    let wide = matches!(&from_bytes, Err(e) if e.to_string().contains(": this file is UTF-"));
    if let (false, Ok(text)) = (wide, std::str::from_utf8(data)) {
        let from_text = read_str(text, format, "fuzz");
        match (&from_bytes, &from_text) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "read_reader and read_str read differently"),
            (Err(_), Err(_)) => {}
            _ => panic!("read_reader and read_str disagree: {from_bytes:?} / {from_text:?}"),
        }
    }
    let Ok(records) = from_bytes else { return };
    for (_, at) in &records {
        assert!(at.line.is_some_and(|l| l >= 1), "a record without its line: {at}");
    }
    let entities: Vec<Entity> = records.into_iter().map(|(e, _)| e).collect();
    check_round_trips(&entities);
}

/// Gazetteers built from bytes, entity by entity (ids, references, aliases and posts
/// drawn from pieces chosen to be awkward for each format): when one is valid, it goes
/// through [`check_round_trips`]. This reaches valid gazetteers that mutating text rarely
/// makes.
pub fn roundtrip(data: &[u8]) {
    let entities = Draw(data).entities();
    check_round_trips(&entities);
}

/// The round-trip property, for records as a reader returns them (or as an importer or a
/// program makes them): written as JSON and as JSON Lines they always read back, and
/// written as CSV they either are refused with an error (a value CSV cannot express, as
/// `write_csv` documents) or read back. Each read-back list equals the records exactly,
/// entity by entity and in order, and building a gazetteer from it succeeds exactly when
/// building one from the records does, with equal entities.
///
/// CSV is checked only for records whose ids are all different (as in any valid
/// gazetteer): CSV rows with the same id are one entity by definition, so two records with
/// one id cannot come back as two.
pub fn check_round_trips(entities: &[Entity]) {
    let built = build(entities);
    let mut ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    let unique_ids = ids.windows(2).all(|w| w[0] != w[1]);
    for format in [Format::Json, Format::JsonLines, Format::Csv] {
        if format == Format::Csv && !unique_ids {
            continue;
        }
        let mut out = Vec::new();
        let written = match format {
            Format::Json => write_json(entities, &mut out),
            Format::JsonLines => write_jsonl(entities, &mut out),
            _ => write_csv(entities, &mut out),
        };
        if let Err(e) = written {
            assert!(format == Format::Csv, "write {format} refused: {e}");
            continue;
        }
        let text = String::from_utf8(out).expect("writers write UTF-8");
        let back = match read_str(&text, format, "written") {
            Ok(records) => records.into_iter().map(|(e, _)| e).collect::<Vec<_>>(),
            Err(e) => panic!("{format} written is not read back: {e}\n{text}"),
        };
        assert_eq!(back.len(), entities.len(), "{format}: records lost or added\n{text}");
        for (a, b) in entities.iter().zip(&back) {
            assert_eq!(a, b, "{format}: an entity changed on the round trip\n{text}");
        }
        let rebuilt = build(&back);
        match (&built, &rebuilt) {
            (Ok(a), Ok(b)) => assert_eq!(a.entities(), b.entities(), "{format}: built differs"),
            (Err(_), Err(_)) => {}
            _ => panic!("{format}: the gazetteer is valid only on one side of the round trip"),
        }
    }
}

fn build(entities: &[Entity]) -> geopol::Result<Gazetteer> {
    let mut b = Gazetteer::builder();
    for e in entities {
        b.add(e.clone());
    }
    b.build()
}

/// Entity records drawn from bytes: each byte picks the next choice; past the end every
/// choice is the first.
struct Draw<'a>(&'a [u8]);

/// Pieces of strings: plain words, and characters each format must escape or keep.
const PIECES: &[&str] = &[
    "Kaz", "akh", "stan", "a", "Ü", "ş", "İ", "ß", "e\u{301}", "中", "😀", " ", "  ", "\t", "\n",
    "\r\n", "|", ":", ",", ";", "\"", "'", "’", "\\", "#", "//", "-", "_", ".", "=", "{", "}", "[",
    "]", "\0", "\u{feff}", "\u{7f}", "\u{2028}", "acronym:", "demonym:", "alias:", "1", "2024",
    "Q42", "null", "true",
];

impl Draw<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n
    }

    fn chance(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    fn text(&mut self) -> String {
        let n = self.below(6);
        (0..n).map(|_| PIECES[self.below(PIECES.len())]).collect()
    }

    fn maybe_text(&mut self) -> Option<String> {
        self.chance().then(|| self.text())
    }

    fn date(&mut self) -> Option<Date> {
        if !self.chance() {
            return None;
        }
        let year = match self.below(4) {
            0 => i32::from(u16::from_be_bytes([self.byte(), self.byte()])),
            _ => 1950 + self.below(90) as i32,
        };
        let month = 1 + self.below(12) as u32;
        let day = 1 + self.below(31) as u32;
        Date::new(year, month, day).ok()
    }

    fn pick<'s>(&mut self, ids: &[&'s str]) -> &'s str {
        ids[self.below(ids.len())]
    }

    fn entities(&mut self) -> Vec<Entity> {
        const KINDS: [EntityKind; 5] = [
            EntityKind::State,
            EntityKind::Organization,
            EntityKind::Official,
            EntityKind::Role,
            EntityKind::Place,
        ];
        let n = 1 + self.below(4);
        let kinds: Vec<EntityKind> = (0..n).map(|_| KINDS[self.below(KINDS.len())]).collect();
        let ids: Vec<String> = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| match self.below(4) {
                0 => self.text(),
                _ => format!("{}:{}{i}", id_prefix(*k), self.text()),
            })
            .collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let role_keys: Vec<&str> = ROLE_KEYS.iter().map(|(k, _)| *k).collect();
        let mut out = Vec::new();
        for (i, kind) in kinds.iter().enumerate() {
            let name =
                if self.below(4) == 0 { self.text() } else { format!("Name{}", self.text()) };
            let mut e = Entity::new(ids[i].clone(), *kind, name);
            for _ in 0..self.below(4) {
                e.aliases.push(self.alias());
            }
            if self.chance() {
                e.codes = Codes {
                    iso2: self.maybe_text(),
                    iso3: self.maybe_text(),
                    numeric: self.maybe_text(),
                    wikidata: self.maybe_text(),
                    cameo: self.maybe_text(),
                    acronym: self.maybe_text(),
                };
            }
            match kind {
                EntityKind::Role => e.role = Some(self.pick(&role_keys).to_string()),
                EntityKind::Official => {
                    for _ in 0..self.below(3) {
                        let mut p = Post {
                            role: self.pick(&role_keys).to_string(),
                            of: self.pick(&refs).to_string(),
                            title: self.maybe_text(),
                            start: self.date(),
                            end: self.date(),
                            confirmed: self.date(),
                            acting: self.chance(),
                            source: self.maybe_text(),
                            note: self.maybe_text(),
                        };
                        if self.below(8) == 0 {
                            p.role = self.text();
                        }
                        e.posts.push(p);
                    }
                }
                EntityKind::Organization => {
                    for _ in 0..self.below(3) {
                        e.members.push(self.pick(&refs).to_string());
                    }
                }
                _ => {}
            }
            if self.below(4) == 0 {
                e.state = Some(self.pick(&refs).to_string());
            }
            if self.below(6) == 0 {
                e.stands_for = Some(self.pick(&refs).to_string());
            }
            e.start = self.date();
            e.end = self.date();
            for _ in 0..self.below(3) {
                e.sources.push(self.text());
            }
            out.push(e);
        }
        out
    }

    fn alias(&mut self) -> Alias {
        const ALIAS_KINDS: [AliasKind; 8] = [
            AliasKind::Alias,
            AliasKind::Name,
            AliasKind::Acronym,
            AliasKind::Demonym,
            AliasKind::Capital,
            AliasKind::FormerName,
            AliasKind::Surname,
            AliasKind::Title,
        ];
        const CASES: [Option<CasePolicy>; 4] =
            [None, Some(CasePolicy::Exact), Some(CasePolicy::Capitalized), Some(CasePolicy::Any)];
        let mut a = Alias::new(self.text(), ALIAS_KINDS[self.below(ALIAS_KINDS.len())]);
        a.case = CASES[self.below(CASES.len())];
        a.start = self.date();
        a.end = self.date();
        a
    }
}

fn id_prefix(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::State => "state",
        EntityKind::Organization => "org",
        EntityKind::Official => "person",
        EntityKind::Role => "role",
        _ => "place",
    }
}

// ---------------------------------------------------------------------------------------
// Importers

/// The CAMEO dictionary importer (actors or agents files).
pub fn import_cameo(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(report) = cameo::import_str_report(text, "fuzz.actors.txt") {
        check_import(&report);
        let plain = cameo::import_str(text, "fuzz.actors.txt").expect("the same input imports");
        assert_eq!(plain, report.entities);
    }
}

/// The Wikidata position-held importer (CSV or SPARQL JSON). A NUL byte splits the input:
/// before it, a people file for [`wikidata::Importer::people_str`]; after it, the posts.
pub fn import_wikidata(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut importer = wikidata::Importer::new();
    let posts = match text.split_once('\0') {
        Some((people, posts)) => {
            if importer.people_str(people, "people.csv").is_err() {
                return;
            }
            posts
        }
        None => text,
    };
    if let Ok(report) = importer.import_str(posts, "posts.csv") {
        check_import(&report);
    }
}

/// What an importer promises: entities in order of id, each id once, and records that the
/// gazetteer formats carry exactly (`geopol import` writes them as JSON Lines); every
/// skipped record names where it was.
fn check_import(report: &ImportReport) {
    for pair in report.entities.windows(2) {
        assert!(pair[0].id < pair[1].id, "ids not sorted or repeated: {:?}", pair[1].id);
    }
    for p in &report.skipped {
        assert!(p.location.file.is_some(), "a skipped record without its file: {p:?}");
    }
    check_round_trips(&report.entities);
}

// ---------------------------------------------------------------------------------------
// The command line's JSONL documents

/// JSON Lines documents `{"id", "text", "date"}` through `geopol extract --input jsonl
/// --format jsonl -` on the embedded gazetteer, in process (`geopol::cli::run_with`). The
/// command exits 0 or 1 (2 is a usage error, and the arguments are fixed); on 1 it names
/// `<stdin>` and the line. Every line it writes, on success and before an error alike, is
/// the result of one input document, in order: its `id` is the input's, kept verbatim (or
/// `"<stdin>:LINE"` when it has none), and each mention's code-point and byte offsets both
/// cut its `text` out of the document's text.
pub fn documents(data: &[u8]) {
    let args = ["geopol", "extract", "--input", "jsonl", "--format", "jsonl", "-"];
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = geopol::cli::run_with(args.map(Into::into), &mut &data[..], &mut out, &mut err);
    let err = String::from_utf8_lossy(&err);
    assert!(code == 0 || code == 1, "exit code {code}: {err}");
    if code == 1 {
        assert!(err.starts_with("geopol: error: <stdin>:"), "an error without its line: {err}");
    } else {
        assert!(err.is_empty(), "exit 0 with a message: {err}");
    }
    let out = std::str::from_utf8(&out).expect("the output is UTF-8");
    // The input documents, in order: the lines that are not blank (their ids and texts
    // parse as the command parsed them).
    let mut inputs = data.split(|&b| b == b'\n').enumerate().filter(|(i, line)| {
        let line = if *i == 0 { line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line) } else { line };
        std::str::from_utf8(line).map_or(true, |l| !l.trim().is_empty())
    });
    // Objects read key by key as raw JSON: an id is any JSON scalar, kept verbatim, even a
    // number no f64 holds (`1e999`), which `serde_json::Value` refuses.
    type Raw = std::collections::HashMap<String, Box<serde_json::value::RawValue>>;
    for written in out.lines() {
        let (i, line) = inputs.next().expect("more results than documents");
        let got: Raw = serde_json::from_str(written).expect("a result is JSON");
        let line = if i == 0 { line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line) } else { line };
        let doc: Raw = serde_json::from_slice(line).expect("a document that has a result parses");
        let expected_id = match doc.get("id").map(|r| r.get()) {
            Some(id) if id != "null" => id.to_owned(),
            _ => serde_json::to_string(&format!("<stdin>:{}", i + 1)).unwrap(),
        };
        assert_eq!(got["id"].get(), expected_id, "the id changed");
        let text: String = serde_json::from_str(doc["text"].get()).expect("a document has a text");
        let got: serde_json::Value =
            serde_json::from_str(got["mentions"].get()).expect("the mentions are JSON");
        let got = serde_json::json!({ "mentions": got });
        let chars: Vec<char> = text.chars().collect();
        for m in got["mentions"].as_array().expect("mentions") {
            let at = |k: &str| m[k].as_u64().expect("an offset") as usize;
            let by_chars: String = chars[at("start")..at("end")].iter().collect();
            assert_eq!(Some(by_chars.as_str()), m["text"].as_str(), "code-point offsets");
            assert_eq!(text.get(at("byte_start")..at("byte_end")), m["text"].as_str(), "bytes");
        }
    }
    if code == 0 {
        assert!(inputs.next().is_none(), "documents without a result");
    }
}
