//! Reading and writing gazetteer files: JSON, JSON Lines and CSV.
//!
//! The three formats carry the same records, the serde form of [`Entity`] (see
//! `docs/gazetteer-format.md` for the format, field by field):
//!
//! - **JSON** ([`Format::Json`]): a document `{"entities": [...]}` or a bare array `[...]`
//!   of entity records.
//! - **JSON Lines** ([`Format::JsonLines`]): one entity record per line; blank lines and
//!   lines starting with `//` or `#` are skipped.
//! - **CSV** ([`Format::Csv`]): a header row, then rows with the columns `id,kind,name` and
//!   optional others; several rows with the same id make one entity.
//!
//! Readers return every record with the [`Location`] (file and line) where it is defined,
//! ready for [`GazetteerBuilder::add_source`]. A reader does not stop at the first bad
//! record: every problem of the input is reported at once, in one [`Error`] of kind
//! [`ErrorKind::Parse`] whose [`Problem`]s name the file and line. Checks that need the
//! whole gazetteer (duplicate ids, dangling references, impossible date ranges) are made by
//! [`GazetteerBuilder::build`]; [`gazetteer_from_paths`] does both and reports the problems
//! of every file together.
//!
//! # Example: load, check, and write back
//!
//! ```
//! use geopol::load::{read_str, write_jsonl, Format};
//! use geopol::Gazetteer;
//!
//! let text = r#"
//! {"id": "state:KAZ", "kind": "state", "name": "Kazakhstan", "aliases": [{"text": "Kazakh", "type": "demonym"}]}
//! {"id": "org:OTS", "kind": "organization", "name": "Organization of Turkic States", "members": ["state:KAZ"]}
//! "#;
//! let records = read_str(text, Format::JsonLines, "mini.jsonl")?;
//! assert_eq!(records[1].1.to_string(), "mini.jsonl:3");
//!
//! let mut builder = Gazetteer::builder();
//! builder.add_source(records, geopol::MergeMode::Extend);
//! let gazetteer = builder.build()?;
//!
//! let mut out = Vec::new();
//! write_jsonl(gazetteer.entities(), &mut out)?;
//! assert_eq!(String::from_utf8_lossy(&out).lines().count(), 2);
//! # Ok::<(), geopol::Error>(())
//! ```

mod csv;
mod json;

use std::fmt;
use std::io::{Read, Write};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use crate::error::{Error, ErrorKind, Location, Problem, Result};
use crate::model::{Entity, Gazetteer, GazetteerBuilder, MergeMode};

/// A gazetteer file format.
///
/// # Examples
///
/// ```
/// use geopol::load::Format;
/// use std::path::Path;
///
/// assert_eq!(Format::from_path(Path::new("data/default.jsonl")), Some(Format::JsonLines));
/// assert_eq!("csv".parse::<Format>()?, Format::Csv);
/// assert_eq!(Format::Json.to_string(), "json");
/// # Ok::<(), geopol::Error>(())
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// A JSON document: `{"entities": [...]}` or a bare array of entity records.
    Json,
    /// JSON Lines: one entity record per line (`.jsonl`, `.ndjson`).
    JsonLines,
    /// CSV with a header row; rows with the same id merge into one entity.
    Csv,
}

impl Format {
    /// The format a path's extension stands for (`.json`, `.jsonl` or `.ndjson`, `.csv`;
    /// any letter case), or `None`.
    ///
    /// # Examples
    ///
    /// ```
    /// use geopol::load::Format;
    /// use std::path::Path;
    ///
    /// assert_eq!(Format::from_path(Path::new("extra.json")), Some(Format::Json));
    /// assert_eq!(Format::from_path(Path::new("EXTRA.NDJSON")), Some(Format::JsonLines));
    /// assert_eq!(Format::from_path(Path::new("officials.csv")), Some(Format::Csv));
    /// assert_eq!(Format::from_path(Path::new("Phoenix.actors.txt")), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        Format::from_name(ext)
    }

    /// The lower-case name of the format (`json`, `jsonl`, `csv`), also its usual file
    /// extension.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(geopol::load::Format::JsonLines.as_str(), "jsonl");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Csv => "csv",
        }
    }

    fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" | "jsonlines" => Some(Format::JsonLines),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = Error;

    /// Parses a format name as given on a command line: `json`, `jsonl` (or `ndjson`,
    /// `jsonlines`), `csv`, in any letter case.
    fn from_str(s: &str) -> Result<Format> {
        Format::from_name(s.trim()).ok_or_else(|| {
            Error::argument(format!("unknown gazetteer format {s:?}: expected json, jsonl or csv"))
        })
    }
}

/// Reads the entity records of a gazetteer file, choosing the format by the extension
/// (see [`Format::from_path`]).
///
/// Each record comes with the [`Location`] where it is defined. Problems are reported as
/// described in the [module docs](self); a file that cannot be read is an error of kind
/// [`ErrorKind::Io`] naming the path, an unknown extension one of kind
/// [`ErrorKind::Argument`].
///
/// # Examples
///
/// ```
/// use geopol::load::read_path;
/// use geopol::ErrorKind;
///
/// let path = std::env::temp_dir().join("geopol-doc-read-path.jsonl");
/// std::fs::write(&path, "{\"id\": \"state:TKM\", \"kind\": \"state\", \"name\": \"Turkmenistan\"}\n")?;
/// let records = read_path(&path)?;
/// assert_eq!(records[0].0.name, "Turkmenistan");
/// assert_eq!(records[0].1.line, Some(1));
///
/// let err = read_path(std::path::Path::new("no/such/file.jsonl")).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Io);
/// assert!(err.to_string().starts_with("no/such/file.jsonl: "));
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_path(path: &Path) -> Result<Vec<(Entity, Location)>> {
    let (records, problems) = read_path_partial(path)?;
    finish(records, problems)
}

/// Reads the entity records of a text in `format`; `source_name` names the text in
/// [`Location`]s and messages (a path, `<stdin>`, `<memory>`).
///
/// Every problem of the text is reported at once (see the [module docs](self)). This
/// function never panics, whatever the text.
///
/// # Examples
///
/// ```
/// use geopol::load::{read_str, Format};
///
/// let csv = "id,kind,name,aliases\nstate:UZB,state,Uzbekistan,demonym:Uzbek\n";
/// let records = read_str(csv, Format::Csv, "extra.csv")?;
/// assert_eq!(records[0].0.aliases[0].text, "Uzbek");
///
/// let bad = "{\"id\": \"state:UZB\", \"kind\": \"state\", \"name\": \"Uzbekistan\", \"alias\": []}\n";
/// let err = read_str(bad, Format::JsonLines, "extra.jsonl").unwrap_err();
/// assert!(err
///     .to_string()
///     .starts_with("extra.jsonl:1: entity \"state:UZB\": unknown field \"alias\", expected one of"));
/// # Ok::<(), geopol::Error>(())
/// ```
pub fn read_str(text: &str, format: Format, source_name: &str) -> Result<Vec<(Entity, Location)>> {
    let (records, problems) = read_str_partial(text, format, source_name);
    finish(records, problems)
}

/// Reads the entity records of a stream in `format` (see [`read_str`]). The stream must be
/// UTF-8; an invalid byte is reported with its line.
///
/// # Examples
///
/// ```
/// use geopol::load::{read_reader, Format};
///
/// let json = br#"{"entities": [{"id": "state:HUN", "kind": "state", "name": "Hungary"}]}"#;
/// let records = read_reader(&json[..], Format::Json, "<stdin>")?;
/// assert_eq!(records[0].0.id, "state:HUN");
/// assert_eq!(records[0].1.to_string(), "<stdin>:1");
/// # Ok::<(), geopol::Error>(())
/// ```
pub fn read_reader<R: Read>(
    r: R,
    format: Format,
    source_name: &str,
) -> Result<Vec<(Entity, Location)>> {
    let (records, problems) = read_reader_partial(r, format, source_name)?;
    finish(records, problems)
}

/// Loads gazetteer files into one checked [`Gazetteer`]: each file is read by
/// [`read_path`] and added with [`GazetteerBuilder::add_source`] in order (later files
/// combine with earlier ones by `mode`), then [`GazetteerBuilder::build`] checks the
/// result.
///
/// Problems are reported together in one error: the parse problems of every file first,
/// then the problems found when checking (duplicate ids, dangling references, ...). The
/// error is of kind [`ErrorKind::Parse`] when any file has a parse problem, else
/// [`ErrorKind::Invalid`]. When a file cannot be read at all, the error is of kind
/// [`ErrorKind::Io`] (or [`ErrorKind::Argument`] for an unknown extension) and lists only
/// the files that could not be read and the parse problems, not the checks, which would
/// be misleading without that file.
///
/// # Examples
///
/// ```
/// use geopol::load::gazetteer_from_paths;
/// use geopol::MergeMode;
///
/// let dir = std::env::temp_dir();
/// let states = dir.join("geopol-doc-states.jsonl");
/// let orgs = dir.join("geopol-doc-orgs.csv");
/// std::fs::write(&states, "{\"id\": \"state:KGZ\", \"kind\": \"state\", \"name\": \"Kyrgyzstan\"}\n")?;
/// std::fs::write(&orgs, "id,kind,name,members\norg:CSTO,organization,Collective Security Treaty Organization,state:KGZ\n")?;
///
/// let g = gazetteer_from_paths(&[&states, &orgs], MergeMode::Extend)?;
/// assert_eq!(g.len(), 2);
///
/// // Without the states file, the member is a dangling reference.
/// let err = gazetteer_from_paths(&[&orgs], MergeMode::Extend).unwrap_err();
/// assert!(err.to_string().contains(":2: entity \"org:CSTO\": member \"state:KGZ\" refers to an unknown id"));
/// # std::fs::remove_file(&states)?;
/// # std::fs::remove_file(&orgs)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn gazetteer_from_paths(paths: &[impl AsRef<Path>], mode: MergeMode) -> Result<Gazetteer> {
    load_into(Gazetteer::builder(), paths, mode)
}

/// Like [`gazetteer_from_paths`], but starting from the entities of `base` (for instance
/// the embedded default): the files' records extend or replace them by `mode`.
///
/// # Examples
///
/// ```
/// use geopol::load::extend_gazetteer;
/// use geopol::{Entity, EntityKind, Gazetteer, MergeMode};
///
/// let mut b = Gazetteer::builder();
/// b.add(Entity::new("state:TUR", EntityKind::State, "Türkiye"));
/// let base = b.build()?;
///
/// let path = std::env::temp_dir().join("geopol-doc-extend.csv");
/// std::fs::write(&path, "id,kind,name,aliases\nstate:TUR,state,Türkiye,Turkey|demonym:Turkish\n")?;
/// let g = extend_gazetteer(&base, &[&path], MergeMode::Extend)?;
/// assert_eq!(g.get("state:TUR").map(|e| e.aliases.len()), Some(2));
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn extend_gazetteer(
    base: &Gazetteer,
    paths: &[impl AsRef<Path>],
    mode: MergeMode,
) -> Result<Gazetteer> {
    load_into(base.to_builder(), paths, mode)
}

/// Writes entities as JSON Lines: one compact JSON object per line, in the given order.
///
/// # Examples
///
/// ```
/// use geopol::load::write_jsonl;
/// use geopol::{Entity, EntityKind};
///
/// let mut out = Vec::new();
/// write_jsonl(&[Entity::new("state:KAZ", EntityKind::State, "Kazakhstan")], &mut out)?;
/// assert_eq!(out, b"{\"id\":\"state:KAZ\",\"kind\":\"state\",\"name\":\"Kazakhstan\"}\n");
/// # Ok::<(), geopol::Error>(())
/// ```
pub fn write_jsonl<W: Write>(entities: &[Entity], w: W) -> Result<()> {
    json::write_jsonl(entities, w)
}

/// Writes entities as one pretty-printed JSON document `{"entities": [...]}`.
///
/// # Examples
///
/// ```
/// use geopol::load::{read_str, write_json, Format};
/// use geopol::{Entity, EntityKind};
///
/// let entities = [Entity::new("state:KAZ", EntityKind::State, "Kazakhstan")];
/// let mut out = Vec::new();
/// write_json(&entities, &mut out)?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("{\n  \"entities\": ["));
/// assert_eq!(read_str(&text, Format::Json, "out.json")?[0].0, entities[0]);
/// # Ok::<(), geopol::Error>(())
/// ```
pub fn write_json<W: Write>(entities: &[Entity], w: W) -> Result<()> {
    json::write_json(entities, w)
}

/// Writes entities as CSV with the full header: one row per entity, plus one row for each
/// post beyond the first and for each further group of aliases with their own case policy
/// or dates.
///
/// Reading the output back gives the same entities, in the same order, when their ids are
/// distinct (as in any valid gazetteer): rows with one id are one entity in CSV, so two
/// entities with one id are read back merged (or refused when their kinds differ). A value the CSV
/// format cannot express (a list item containing `|`, an empty alias, a value with leading
/// or trailing white space, which CSV cells lose) is an error of kind
/// [`ErrorKind::Argument`] listing every such value; write JSON Lines instead.
///
/// # Examples
///
/// ```
/// use geopol::load::{read_str, write_csv, Format};
/// use geopol::{Alias, AliasKind, Entity, EntityKind};
///
/// let mut kaz = Entity::new("state:KAZ", EntityKind::State, "Kazakhstan");
/// kaz.aliases.push(Alias::new("Kazakh", AliasKind::Demonym));
/// let mut out = Vec::new();
/// write_csv(std::slice::from_ref(&kaz), &mut out)?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.lines().nth(1).unwrap().starts_with("state:KAZ,state,Kazakhstan,demonym:Kazakh,"));
/// assert_eq!(read_str(&text, Format::Csv, "out.csv")?[0].0, kaz);
/// # Ok::<(), geopol::Error>(())
/// ```
pub fn write_csv<W: Write>(entities: &[Entity], w: W) -> Result<()> {
    csv::write_csv(entities, w)
}

/// Writes entities in `format` (see [`write_json`], [`write_jsonl`], [`write_csv`]).
///
/// # Examples
///
/// ```
/// use geopol::load::{write, Format};
/// use geopol::{Entity, EntityKind};
///
/// let mut out = Vec::new();
/// write(&[Entity::new("state:KAZ", EntityKind::State, "Kazakhstan")], Format::Csv, &mut out)?;
/// assert!(out.starts_with(b"id,kind,name,"));
/// # Ok::<(), geopol::Error>(())
/// ```
pub fn write<W: Write>(entities: &[Entity], format: Format, w: W) -> Result<()> {
    match format {
        Format::Json => write_json(entities, w),
        Format::JsonLines => write_jsonl(entities, w),
        Format::Csv => write_csv(entities, w),
    }
}

/// Records read from one input, and the problems found in it.
type Partial = (Vec<(Entity, Location)>, Vec<Problem>);

fn finish(
    records: Vec<(Entity, Location)>,
    problems: Vec<Problem>,
) -> Result<Vec<(Entity, Location)>> {
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(Error::from_problems(ErrorKind::Parse, problems))
    }
}

/// Parses `text`, keeping the good records of an input that has bad ones.
fn read_str_partial(text: &str, format: Format, source_name: &str) -> Partial {
    let source: Arc<str> = Arc::from(source_name);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match format {
        Format::Json => json::read_json(text, &source),
        Format::JsonLines => json::read_jsonl(text, &source),
        Format::Csv => csv::read_csv(text, &source),
    }
}

fn read_reader_partial<R: Read>(mut r: R, format: Format, source_name: &str) -> Result<Partial> {
    let source = Location::new(Some(Arc::from(source_name)), None);
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes).map_err(|e| Error::io(source.clone(), &e))?;
    let text = decode(bytes, &source)?;
    Ok(read_str_partial(&text, format, source_name))
}

fn read_path_partial(path: &Path) -> Result<Partial> {
    let source = Location::path(path);
    let format = Format::from_path(path).ok_or_else(|| {
        Error::new(
            ErrorKind::Argument,
            source.clone(),
            "cannot tell the gazetteer format from the file name: \
             expected a .json, .jsonl, .ndjson or .csv extension",
        )
    })?;
    let bytes = std::fs::read(path).map_err(|e| Error::io(source.clone(), &e))?;
    let text = decode(bytes, &source)?;
    Ok(read_str_partial(&text, format, &path.display().to_string()))
}

/// The text of an input, or an error naming the line of its first invalid UTF-8 byte (or
/// saying that the input is UTF-16 or UTF-32).
pub(crate) fn decode(bytes: Vec<u8>, source: &Location) -> Result<String> {
    if let Some(msg) = wide_encoding(&bytes) {
        return Err(Error::new(ErrorKind::Parse, source.at_line(1), msg));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = e.as_bytes().get(..valid).unwrap_or_default();
        let line = line_number(bytecount_newlines(before) + 1);
        Error::new(ErrorKind::Parse, source.at_line(line), format!("invalid UTF-8 at byte {valid}"))
    })
}

/// The text of the file at `path`, read as [`decode`] reads (the importers' reader).
pub(crate) fn read_text_file(path: &Path) -> Result<String> {
    let source = Location::path(path);
    let bytes = std::fs::read(path).map_err(|e| Error::io(source.clone(), &e))?;
    decode(bytes, &source)
}

/// `"this file is UTF-16; geopol reads UTF-8"` (or UTF-32) when `head`, the first bytes of
/// an input, is in one of those encodings: it starts with their byte order mark, or,
/// without one, most of its first 64 bytes come in pairs with one NUL (in fours with three
/// NULs for UTF-32), as ASCII text in those encodings does. UTF-8 text has no such NULs.
pub(crate) fn wide_encoding(head: &[u8]) -> Option<String> {
    let is = |enc: &str| Some(format!("this file is {enc}; geopol reads UTF-8"));
    if head.starts_with(b"\xff\xfe\0\0") || head.starts_with(b"\0\0\xfe\xff") {
        return is("UTF-32");
    }
    if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
        return is("UTF-16");
    }
    let head = &head[..head.len().min(64)];
    let mostly = |hits: usize, of: usize| of >= 1 && hits * 4 >= of * 3;
    let quads = head.chunks_exact(4);
    let n = quads.len();
    let wide32 = quads.filter(|q| q.iter().filter(|&&b| b == 0).count() == 3).count();
    let without_bom = |enc: &str| {
        Some(format!(
            "this file is {enc} (no byte order mark, but a NUL in every {}); geopol reads UTF-8",
            if enc == "UTF-32" { "three bytes of four" } else { "other byte" }
        ))
    };
    if mostly(wide32, n) {
        return without_bom("UTF-32");
    }
    let pairs = head.chunks_exact(2);
    let n = pairs.len();
    let wide16 = pairs.filter(|p| (p[0] == 0) != (p[1] == 0)).count();
    if n >= 2 && mostly(wide16, n) {
        return without_bom("UTF-16");
    }
    None
}

fn load_into(
    mut builder: GazetteerBuilder,
    paths: &[impl AsRef<Path>],
    mode: MergeMode,
) -> Result<Gazetteer> {
    let mut sources = Vec::with_capacity(paths.len());
    let mut parse_problems = Vec::new();
    let mut failures: Vec<Error> = Vec::new();
    for path in paths {
        match read_path_partial(path.as_ref()) {
            Ok((records, problems)) => {
                sources.push(records);
                parse_problems.extend(problems);
            }
            Err(e) if e.kind() == ErrorKind::Parse => parse_problems.extend(e.problems().to_vec()),
            Err(e) => failures.push(e),
        }
    }
    if let Some(first) = failures.first() {
        let kind = first.kind();
        let mut problems: Vec<Problem> =
            failures.iter().flat_map(|e| e.problems().iter().cloned()).collect();
        problems.extend(parse_problems);
        return Err(Error::from_problems(kind, problems));
    }
    let had_parse_problems = !parse_problems.is_empty();
    for p in parse_problems {
        builder.push_problem(p);
    }
    for records in sources {
        builder.add_source(records, mode);
    }
    builder.into_gazetteer().map_err(|e| {
        if had_parse_problems {
            Error::from_problems(ErrorKind::Parse, e.problems().to_vec())
        } else {
            e
        }
    })
}

/// A 1-based line number as stored in a [`Location`] (saturating on absurdly long inputs).
fn line_number(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn bytecount_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Counts lines up to increasing byte positions without rescanning from the start.
#[derive(Default)]
struct LineCounter {
    pos: usize,
    line: usize,
}

impl LineCounter {
    /// The 1-based line of byte `pos` of `text`.
    fn line_at(&mut self, text: &[u8], pos: usize) -> usize {
        if pos < self.pos {
            *self = LineCounter::default();
        }
        let end = pos.min(text.len());
        self.line += bytecount_newlines(text.get(self.pos..end).unwrap_or_default());
        self.pos = end;
        self.line + 1
    }
}

/// A serde error message in our style: double quotes instead of backticks, and without
/// the position that serde_json appends (the caller reports it as a [`Location`]).
fn clean_message(message: &str) -> String {
    let message = match message.rfind(" at line ") {
        Some(i)
            if message[i + " at line ".len()..]
                .split_once(" column ")
                .is_some_and(|(l, c)| is_number(l) && is_number(c)) =>
        {
            &message[..i]
        }
        _ => message,
    };
    // A geopol error turned into a serde error (as `Date`'s `Deserialize` does) displays
    // the placeholder location of a value parsed outside any file.
    let message = message.strip_prefix("<input>: ").unwrap_or(message);
    plain_json_message(message).replace('`', "\"")
}

/// serde_json's words for a `\uD800`-style escape of half a surrogate pair, said plainly.
pub(crate) fn plain_json_message(message: &str) -> &str {
    match message {
        "unexpected end of hex escape" | "lone leading surrogate in hex escape" => {
            "a \\u escape of a lone surrogate (\\uD800-\\uDFFF): a string must be valid \
             Unicode, and a \\uD800-\\uDBFF escape must be followed by a \\uDC00-\\uDFFF one"
        }
        other => other,
    }
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_and_name() {
        assert_eq!(Format::from_path(Path::new("a.Json")), Some(Format::Json));
        assert_eq!(Format::from_path(Path::new("a.jsonl")), Some(Format::JsonLines));
        assert_eq!(Format::from_path(Path::new("a.ndjson")), Some(Format::JsonLines));
        assert_eq!(Format::from_path(Path::new("a.csv")), Some(Format::Csv));
        assert_eq!(Format::from_path(Path::new("a")), None);
        assert_eq!(Format::from_path(Path::new("a.tsv")), None);
        assert!("yaml".parse::<Format>().is_err());
        for f in [Format::Json, Format::JsonLines, Format::Csv] {
            assert_eq!(f.as_str().parse::<Format>().ok(), Some(f));
        }
    }

    #[test]
    fn serde_messages_are_cleaned() {
        assert_eq!(
            clean_message("unknown field `alias`, expected `text` at line 1 column 40"),
            "unknown field \"alias\", expected \"text\""
        );
        assert_eq!(clean_message("trailing characters"), "trailing characters");
        assert_eq!(clean_message("x at line y"), "x at line y");
        for serde in ["unexpected end of hex escape", "lone leading surrogate in hex escape"] {
            let plain = clean_message(&format!("{serde} at line 1 column 30"));
            assert!(plain.starts_with("a \\u escape of a lone surrogate"), "{plain}");
        }
    }

    #[test]
    fn reader_reports_invalid_utf8_with_line() {
        let bytes = b"\n\n{\"id\": \"a\xff\"}\n";
        let err = read_reader(&bytes[..], Format::JsonLines, "x.jsonl").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Parse);
        assert_eq!(err.problems()[0].location.line, Some(3));
        assert!(err.to_string().starts_with("x.jsonl:3: invalid UTF-8"), "{err}");
    }

    #[test]
    fn utf16_and_utf32_are_named() {
        let utf16 = |text: &str, be: bool| -> Vec<u8> {
            text.encode_utf16()
                .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
                .collect()
        };
        let utf32 = |text: &str| -> Vec<u8> {
            text.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect()
        };
        let line = "{\"id\": \"state:QQC\", \"kind\": \"state\", \"name\": \"Qucland\"}\n";
        let csv = "id,kind,name\nstate:QQC,state,Qucland\n";
        let cases: Vec<(Vec<u8>, Format, &str)> = vec![
            ([&b"\xff\xfe"[..], &utf16(line, false)].concat(), Format::JsonLines, "UTF-16;"),
            ([&b"\xfe\xff"[..], &utf16(csv, true)].concat(), Format::Csv, "UTF-16;"),
            ([&b"\xff\xfe\0\0"[..], &utf32(line)].concat(), Format::JsonLines, "UTF-32;"),
            (utf16(line, false), Format::JsonLines, "UTF-16 (no byte order mark"),
            (utf16(csv, true), Format::Csv, "UTF-16 (no byte order mark"),
            (utf32(&format!("[{}]", line.trim())), Format::Json, "UTF-32 (no byte order mark"),
        ];
        for (bytes, format, says) in cases {
            let err = read_reader(&bytes[..], format, "w.txt").unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Parse);
            let msg = err.to_string();
            assert!(msg.starts_with("w.txt:1: this file is "), "{msg}");
            assert!(msg.contains(says) && msg.ends_with("geopol reads UTF-8"), "{msg}");
        }
        // UTF-8 with a byte order mark, and a short or non-ASCII UTF-8 text, are not wide.
        assert_eq!(wide_encoding(b"\xef\xbb\xbf{}"), None);
        assert_eq!(wide_encoding(b"a"), None);
        assert_eq!(wide_encoding("Çavuşoğlu, Türkiye, Қазақстан".as_bytes()), None);
    }

    #[test]
    fn unknown_extension_is_an_argument_error() {
        let err = read_path(Path::new("actors.txt")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Argument);
        assert!(err.to_string().starts_with("actors.txt: cannot tell"));
    }
}
