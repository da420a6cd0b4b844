//! `geopol extract`: read documents, extract their mentions in parallel chunks, write them.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::date::Date;
use crate::decision::Decision;
use crate::error::{Error, ErrorKind, Location};
use crate::matcher::Matcher;
use crate::mention::Mention;
use crate::model::{AliasKind, EntityKind};
use crate::offsets::CharOffsets;

use super::args::{ExtractArgs, InputKind, OnError, OutputFormat};
use super::gazetteer::matcher_for;
use super::{describe, CliResult, Ctx, Failure};

/// The version of the output's shape, written in every document line (`--documents`):
/// raised when a key changes meaning or goes away (docs/output.md).
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// At most this many documents are extracted together (in parallel) and then written.
const CHUNK_DOCS: usize = 1000;
/// ... or documents of this many bytes in all (one larger document still goes whole).
const CHUNK_BYTES: usize = 32 << 20;
/// A document of this many bytes or more is not extracted in a chunk but streamed: its
/// mentions are written a piece at a time (see `Matcher::extract_iter`), so that memory
/// stays bounded whatever its length.
const STREAM_BYTES: usize = 1 << 20;
/// The input is "large" (worth a progress bar) beyond this many bytes or documents.
const LARGE_BYTES: u64 = 1 << 20;
const LARGE_DOCS: u64 = 1000;

/// One document to extract from.
struct Doc {
    /// The id written in document output, as JSON text: the JSONL "id" exactly as written
    /// (a big integer stays exact), else `file:line` or the file name as a string.
    id: String,
    /// The id as a table or TSV cell.
    label: String,
    date: Option<Date>,
    text: String,
}

/// A JSONL input line.
#[derive(Deserialize)]
struct InDoc {
    #[serde(default)]
    id: Option<Box<RawValue>>,
    text: String,
    #[serde(default)]
    date: Option<String>,
}

/// One input as the command line names it.
struct Input {
    /// `None` for standard input.
    path: Option<PathBuf>,
    jsonl: bool,
}

impl Input {
    fn name(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "<stdin>".to_string(),
        }
    }
}

pub(crate) fn run(args: ExtractArgs, ctx: &mut Ctx<'_>) -> CliResult {
    let inputs = plan_inputs(&args)?;
    let matcher = matcher_for(&args.gazetteer)?;
    let pool = if args.threads > 0 {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(args.threads)
            .build()
            .map_err(|e| Error::argument(format!("cannot start {} threads: {e}", args.threads)))?;
        Some(pool)
    } else {
        None
    };
    let documents = args.documents || inputs.iter().any(|i| i.jsonl);
    let total = inputs
        .iter()
        .map(|i| i.path.as_ref().and_then(|p| std::fs::metadata(p).ok()).map(|m| m.len()))
        .sum::<Option<u64>>();
    let Ctx { stdin, out, err, progress } = ctx;
    let mut chunk = Chunk {
        docs: Vec::new(),
        bytes: 0,
        matcher: &matcher,
        pool: pool.as_ref(),
        writer: Emitter::new(
            args.format,
            documents,
            args.unknown,
            args.kinds.clone().map(|k| k.0),
            args.fields.as_ref().map(|f| f.0.as_slice()),
        )?,
        // The decisions share standard error with the progress bar: no bar then.
        progress: Progress::new(*progress && !args.explain, total),
        err: &mut **err,
        explain: args.explain,
        on_error: args.on_error,
        lossy: args.lossy,
        skipped: 0,
        pipelined: match args.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()) > 1,
            n => n > 1,
        },
    };
    chunk.writer.start(*out)?;
    let read = read_inputs(&inputs, args.date, &mut chunk, &mut **stdin, &mut **out);
    // On bad input, the documents read before it are still written.
    chunk.flush(*out)?;
    read?;
    chunk.progress.finish();
    chunk.writer.end(*out)?;
    if chunk.skipped > 0 {
        let n = chunk.skipped;
        let s = if n == 1 { "" } else { "s" };
        writeln!(chunk.err, "geopol: {n} bad document{s} skipped (--on-error skip)")?;
        return Err(Failure::Skipped);
    }
    Ok(())
}

fn read_inputs(
    inputs: &[Input],
    date: Option<Date>,
    chunk: &mut Chunk<'_>,
    stdin: &mut dyn BufRead,
    out: &mut dyn Write,
) -> CliResult {
    for input in inputs {
        let name = input.name();
        if input.jsonl {
            let name: Arc<str> = Arc::from(name);
            match &input.path {
                Some(p) => {
                    let mut file = BufReader::with_capacity(1 << 16, open(p)?);
                    read_jsonl(&mut file, &name, date, chunk, out)?;
                }
                None => read_jsonl(stdin, &name, date, chunk, out)?,
            }
        } else {
            let read = match &input.path {
                Some(p) => read_text(open(p)?, &name, chunk.lossy),
                None => read_text(&mut *stdin, &name, chunk.lossy),
            };
            let text = match read {
                Ok(text) => text,
                Err(Failure::Input(e)) if e.kind() == ErrorKind::Parse => {
                    chunk.bad_document(e)?;
                    continue;
                }
                Err(e) => return Err(e),
            };
            chunk.progress.bytes += text.len() as u64;
            let doc = Doc { id: json_string(&name), label: name, date, text };
            chunk.push(doc, out)?;
        }
    }
    Ok(())
}

/// Decides how each input is read, and refuses `-` twice.
fn plan_inputs(args: &ExtractArgs) -> CliResult<Vec<Input>> {
    let mut stdin_seen = false;
    let mut out = Vec::with_capacity(args.inputs.len());
    for p in &args.inputs {
        let is_stdin = p.as_os_str() == "-";
        if is_stdin {
            if stdin_seen {
                return Err(Error::argument("standard input (`-`) can be read only once").into());
            }
            stdin_seen = true;
        }
        let jsonl = match args.input {
            InputKind::Text => false,
            InputKind::Jsonl => true,
            InputKind::Auto => {
                !is_stdin
                    && p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson")
                    })
            }
        };
        out.push(Input { path: (!is_stdin).then(|| p.clone()), jsonl });
    }
    Ok(out)
}

fn open(path: &Path) -> CliResult<File> {
    File::open(path).map_err(|e| {
        Failure::Input(Error::new(ErrorKind::Io, Location::path(path), format!("cannot open: {e}")))
    })
}

/// Reads a whole text document; it must be UTF-8 (the error names the line of the first
/// bad byte), unless `lossy`, which reads a bad byte sequence as U+FFFD. A byte order mark
/// is kept, so that offsets are those of the file.
fn read_text<R: Read>(mut r: R, name: &str, lossy: bool) -> CliResult<String> {
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes).map_err(|e| {
        Error::new(ErrorKind::Io, Location::new(Some(Arc::from(name)), None), e.to_string())
    })?;
    if let Some(enc) = crate::load::wide_encoding(&bytes) {
        return Err(not_utf8(enc, Location::new(Some(Arc::from(name)), Some(1))).into());
    }
    if lossy {
        return Ok(match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        Failure::Input(Error::new(
            ErrorKind::Parse,
            Location::new(Some(Arc::from(name)), Some(u32::try_from(line).unwrap_or(u32::MAX))),
            format!("invalid UTF-8 at byte {valid}: a text document must be UTF-8"),
        ))
    })
}

/// "this file is UTF-16; geopol reads UTF-8" (or UTF-32, or without a byte order mark).
fn not_utf8(message: String, at: Location) -> Error {
    Error::new(ErrorKind::Parse, at, message)
}

/// A string as JSON text.
fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "null".to_owned())
}

/// Reads JSONL documents line by line into `chunk`, which extracts and writes them
/// whenever it is full.
fn read_jsonl(
    r: &mut dyn BufRead,
    name: &Arc<str>,
    default_date: Option<Date>,
    chunk: &mut Chunk<'_>,
    out: &mut dyn Write,
) -> CliResult {
    let mut buf = Vec::new();
    let mut line_no: u32 = 0;
    loop {
        buf.clear();
        let n = r.read_until(b'\n', &mut buf).map_err(|e| {
            Error::new(
                ErrorKind::Io,
                Location::new(Some(name.clone()), Some(line_no.saturating_add(1))),
                e.to_string(),
            )
        })?;
        if n == 0 {
            break;
        }
        line_no = line_no.saturating_add(1);
        if line_no == 1 {
            if let Some(enc) = crate::load::wide_encoding(&buf) {
                let at = Location::new(Some(name.clone()), Some(line_no));
                return Err(not_utf8(enc, at).into());
            }
        }
        chunk.progress.bytes += n as u64;
        match parse_document(&buf, name, line_no, default_date, chunk.lossy) {
            Ok(Some(doc)) => chunk.push(doc, out)?,
            Ok(None) => {}
            Err(e) => chunk.bad_document(e)?,
        }
    }
    Ok(())
}

/// One JSONL line as a document (`None` for a blank line), or the error that names it.
fn parse_document(
    buf: &[u8],
    name: &Arc<str>,
    line_no: u32,
    default_date: Option<Date>,
    lossy: bool,
) -> Result<Option<Doc>, Error> {
    let at = || Location::new(Some(name.clone()), Some(line_no));
    let decoded;
    let mut line = match std::str::from_utf8(buf) {
        Ok(line) => line,
        Err(_) if lossy => {
            decoded = String::from_utf8_lossy(buf);
            &decoded
        }
        Err(e) => {
            let msg = format!("invalid UTF-8 at byte {} of the line", e.valid_up_to());
            return Err(Error::new(ErrorKind::Parse, at(), msg));
        }
    };
    if line_no == 1 {
        line = line.strip_prefix('\u{feff}').unwrap_or(line);
    }
    if line.trim().is_empty() {
        return Ok(None);
    }
    // serde reads a JSON array into a struct field by field: refuse anything but an object.
    if !line.trim_start().starts_with('{') {
        let msg = "not a document: expected a JSON object with a \"text\" field \
                   ({\"id\", \"text\", \"date\"})";
        return Err(Error::new(ErrorKind::Parse, at(), msg));
    }
    let doc: InDoc = serde_json::from_str(line).map_err(|e| {
        Error::new(
            ErrorKind::Parse,
            at(),
            format!(
                "not a document {{\"id\", \"text\", \"date\"}}: {} (column {})",
                serde_message(&e),
                e.column()
            ),
        )
    })?;
    let date = match doc.date.as_deref() {
        None => default_date,
        Some(d) => Some(Date::parse_document(d).map_err(|e| {
            let msg = e.problems().first().map_or_else(|| e.to_string(), |p| p.message.clone());
            Error::new(ErrorKind::Parse, at(), msg)
        })?),
    };
    let (id, label) = match doc.id {
        // An id is one JSON scalar, kept verbatim; an object or array is no id.
        Some(raw) if raw.get().starts_with(['{', '[']) => {
            let msg = "the document \"id\" must be a string, a number or a boolean, \
                       not an object or array";
            return Err(Error::new(ErrorKind::Parse, at(), msg));
        }
        Some(raw) if raw.get() != "null" => {
            let id = raw.get().to_owned();
            // A string id is shown unquoted and unescaped in tables and TSV.
            let label = serde_json::from_str::<String>(&id).unwrap_or_else(|_| id.clone());
            (id, label)
        }
        _ => {
            let label = format!("{name}:{line_no}");
            (json_string(&label), label)
        }
    };
    Ok(Some(Doc { id, label, date, text: doc.text }))
}

/// A serde_json message without the position it appends (we report file and line).
fn serde_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    let cut = s.rfind(" at line ").unwrap_or(s.len());
    crate::load::plain_json_message(&s[..cut]).replace('`', "\"")
}

/// The documents read but not yet extracted, and where their mentions go.
struct Chunk<'m> {
    docs: Vec<Doc>,
    bytes: usize,
    matcher: &'m Matcher,
    pool: Option<&'m rayon::ThreadPool>,
    writer: Emitter,
    progress: Progress,
    /// Standard error: the decisions of `--explain`, the bad documents of `--on-error skip`.
    err: &'m mut dyn Write,
    explain: bool,
    on_error: OnError,
    /// `--lossy`: invalid UTF-8 is read as U+FFFD.
    lossy: bool,
    /// How many bad documents were skipped.
    skipped: u64,
    /// A streamed document is scanned on a second thread while the first resolves and
    /// writes (not with `--threads 1`, nor on one core).
    pipelined: bool,
}

impl Chunk<'_> {
    /// A document that cannot be read: the run's error (`--on-error fail`), or a line on
    /// standard error and a count (`skip`).
    fn bad_document(&mut self, e: Error) -> CliResult {
        match self.on_error {
            OnError::Fail => Err(e.into()),
            OnError::Skip => {
                writeln!(self.err, "geopol: skipped: {}", describe(&e))?;
                self.skipped += 1;
                Ok(())
            }
        }
    }

    /// Adds a document; extracts and writes the chunk when it is full.
    fn push(&mut self, doc: Doc, out: &mut dyn Write) -> CliResult {
        if doc.text.len() >= STREAM_BYTES {
            self.flush(out)?;
            return self.stream(&doc, out);
        }
        self.bytes += doc.text.len();
        self.docs.push(doc);
        if self.docs.len() >= CHUNK_DOCS || self.bytes >= CHUNK_BYTES {
            self.flush(out)?;
        }
        Ok(())
    }

    /// Extracts one document and writes its mentions piece by piece, as they are found.
    fn stream(&mut self, doc: &Doc, out: &mut dyn Write) -> CliResult {
        let offsets = self.writer.begin(doc);
        let (writer, err) = (&mut self.writer, &mut self.err);
        let (explain, pipelined) = (self.explain, self.pipelined);
        self.matcher.try_for_each_piece(
            &doc.text,
            doc.date,
            explain,
            pipelined,
            |found, decisions| {
                if explain {
                    write_decisions(&mut **err, doc, &decisions)?;
                }
                writer.piece(out, doc, &offsets, found)?;
                writer.flush_table(out)
            },
        )?;
        self.writer.finish(out)?;
        self.progress.docs += 1;
        self.progress.update();
        Ok(())
    }

    /// Extracts the documents in parallel, writes them in input order, and empties the chunk.
    fn flush(&mut self, out: &mut dyn Write) -> CliResult {
        if self.docs.is_empty() {
            return Ok(());
        }
        let batch: Vec<(&str, Option<Date>)> =
            self.docs.iter().map(|d| (d.text.as_str(), d.date)).collect();
        let matcher = self.matcher;
        let results = match self.explain {
            false => match self.pool {
                Some(pool) => pool.install(|| matcher.extract_batch(&batch)),
                None => matcher.extract_batch(&batch),
            },
            true => {
                let run =
                    || batch.par_iter().map(|(text, date)| matcher.explain(text, *date)).collect();
                let both: Vec<_> = match self.pool {
                    Some(pool) => pool.install(run),
                    None => run(),
                };
                let mut results = Vec::with_capacity(both.len());
                for (doc, (mentions, decisions)) in self.docs.iter().zip(both) {
                    write_decisions(&mut *self.err, doc, &decisions).map_err(Failure::Output)?;
                    results.push(mentions);
                }
                results
            }
        };
        drop(batch);
        self.progress.docs += self.docs.len() as u64;
        self.writer.write(out, &self.docs, &results)?;
        self.progress.update();
        self.docs.clear();
        self.bytes = 0;
        Ok(())
    }
}

/// Writes the decisions about one document's candidates (`--explain`), one JSON object a
/// line, each starting with the document's id.
fn write_decisions(why: &mut dyn Write, doc: &Doc, decisions: &[Decision<'_>]) -> io::Result<()> {
    if decisions.is_empty() {
        return Ok(());
    }
    let offsets = CharOffsets::new(&doc.text);
    for d in decisions {
        let json = serde_json::to_string(&d.to_json(&offsets))?;
        // `{"doc":<id>,` then the decision's own keys.
        writeln!(why, "{{\"doc\":{},{}", doc.id, &json[1..])?;
    }
    Ok(())
}

/// Writes mentions in the chosen format.
struct Emitter {
    format: OutputFormat,
    /// jsonl: one document object per line instead of one mention per line.
    documents: bool,
    /// table: the column widths, fixed by the first rows written.
    widths: Option<Vec<usize>>,
    /// `--unknown`: the people the gazetteer does not know, gathered instead of written.
    unknown: Option<Unknowns>,
    /// `--kinds`: only mentions of these kinds are written.
    kinds: Option<Vec<EntityKind>>,
    /// `--fields`: the TSV and table columns, as indices into [`COLUMNS`] (all by
    /// default), and the JSONL keys, in the order given (`None`: the whole object).
    columns: Vec<usize>,
    fields: Option<Vec<&'static str>>,
    /// Output not yet written (JSONL and TSV).
    buf: Vec<u8>,
    /// Table rows not yet written.
    rows: Vec<Vec<String>>,
    /// Whether the next piece is the first of its document, and whether a mention of the
    /// document was written (a comma goes before the next, in document JSONL).
    first_piece: bool,
    wrote_mention: bool,
}

/// The people named after a title whom the gazetteer does not know (`--unknown`), by name,
/// with the posts their titles gave, in the order first seen.
#[derive(Default)]
struct Unknowns {
    people: Vec<Unknown>,
    index: std::collections::HashMap<String, usize>,
    /// The people and (person, post) pairs the current document has counted already.
    counted: Vec<usize>,
    posted: Vec<(usize, usize)>,
}

struct Unknown {
    name: String,
    /// The posts the titles give, each with how many documents name it.
    posts: Vec<UnknownPost>,
    /// How many documents name the person with a title.
    docs: u32,
    /// The first: its label and date.
    first: (String, Option<Date>),
}

/// A post a title gives an unknown person.
struct UnknownPost {
    key: String,
    title: String,
    /// The state or organization id.
    of: Option<String>,
    /// The title says "former": the post had ended by the document's date.
    former: bool,
    /// How many documents name it.
    docs: u32,
    /// The earliest date of a document calling it former (the post had ended by then).
    ended_by: Option<Date>,
}

impl Unknowns {
    /// Gathers the unknown people of the next mentions of `doc`; `new_doc` when they are
    /// the first of the document (a person is counted once per document).
    fn add(&mut self, doc: &Doc, mentions: &[Mention<'_>], new_doc: bool) {
        if new_doc {
            self.counted.clear();
            self.posted.clear();
        }
        let (counted, posted) = (&mut self.counted, &mut self.posted);
        for m in mentions.iter().filter(|m| m.is_nil() && m.matched_by == AliasKind::Title) {
            let Some(r) = &m.role else { continue };
            let name = m.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let i = *self.index.entry(name.clone()).or_insert_with(|| {
                self.people.push(Unknown {
                    name,
                    posts: Vec::new(),
                    docs: 0,
                    first: (doc.label.clone(), doc.date),
                });
                self.people.len() - 1
            });
            let person = &mut self.people[i];
            if !counted.contains(&i) {
                counted.push(i);
                person.docs += 1;
            }
            let of = r.of.map(|o| o.id.clone());
            let same = |p: &UnknownPost| p.key == r.key && p.of == of && p.former == r.former;
            let j = match person.posts.iter().position(same) {
                Some(j) => j,
                None => {
                    person.posts.push(UnknownPost {
                        key: r.key.to_string(),
                        title: r.title.to_string(),
                        of,
                        former: r.former,
                        docs: 0,
                        ended_by: None,
                    });
                    person.posts.len() - 1
                }
            };
            let post = &mut person.posts[j];
            if r.former {
                post.ended_by = match (post.ended_by, doc.date) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            if !posted.contains(&(i, j)) {
                posted.push((i, j));
                post.docs += 1;
            }
        }
    }

    /// One gazetteer entity per person, most often named first (then by name).
    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut order: Vec<&Unknown> = self.people.iter().collect();
        order.sort_by(|a, b| b.docs.cmp(&a.docs).then_with(|| a.name.cmp(&b.name)));
        let mut ids: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (n, p) in order.into_iter().enumerate() {
            let slug = crate::import::slug(&p.name);
            let mut id = if slug.is_empty() {
                format!("person:unknown-{}", n + 1)
            } else {
                format!("person:{slug}")
            };
            while !ids.insert(id.clone()) {
                id.push_str("-2");
            }
            let first = match p.first.1 {
                Some(d) => format!("{} ({d})", p.first.0),
                None => p.first.0.clone(),
            };
            // A former post is written only with the date by which it had ended (a post
            // with no end would read as still held).
            let posts: Vec<serde_json::Value> = p
                .posts
                .iter()
                .filter(|q| !q.former || q.ended_by.is_some())
                .map(|q| {
                    let docs = q.docs;
                    let mut o = serde_json::json!({
                        "role": q.key,
                        "title": q.title,
                        "note": format!(
                            "named with this title in {docs} document(s); first in {first}"
                        ),
                    });
                    if let Some(of) = &q.of {
                        o["of"] = serde_json::json!(of);
                    }
                    if let Some(d) = q.ended_by {
                        o["end"] = serde_json::json!(d.to_string());
                        o["note"] = serde_json::json!(format!(
                            "called former in {docs} document(s): ended on or before this \
                             date; first in {first}"
                        ));
                    }
                    o
                })
                .collect();
            let mut e = serde_json::json!({
                "id": id,
                "kind": "official",
                "name": p.name,
                "posts": posts,
                "sources": ["geopol extract --unknown"],
            });
            // The last word alone refers to the person later in a text, as it does here.
            if let Some((_, surname)) = p.name.rsplit_once(' ') {
                e["aliases"] = serde_json::json!([{"text": surname, "type": "surname"}]);
            }
            serde_json::to_writer(&mut *out, &e)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// The keys of a mention's JSON object (`Mention::to_json`), which `--fields` may pick.
const JSON_KEYS: [&str; 16] = [
    "start",
    "end",
    "byte_start",
    "byte_end",
    "text",
    "kind",
    "id",
    "name",
    "matched_by",
    "codes",
    "role",
    "state",
    "stands_for",
    "candidates",
    "more_candidates",
    "date_checked",
];

/// A mention's JSON object with only `keys`, in that order (`--fields`).
fn json_fields(buf: &mut Vec<u8>, m: &Mention<'_>, offsets: &CharOffsets, keys: &[&str]) {
    let serde_json::Value::Object(mut all) = m.to_json(offsets) else { return };
    let mut picked = serde_json::Map::new();
    for &k in keys {
        if let Some(v) = all.remove(k) {
            picked.insert(k.to_string(), v);
        }
    }
    // Writing a map of JSON values into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *buf, &serde_json::Value::Object(picked));
}

const COLUMNS: [&str; 12] = [
    "doc",
    "start",
    "end",
    "text",
    "kind",
    "id",
    "name",
    "matched_by",
    "role",
    "role_of",
    "state",
    "stands_for",
];

impl Emitter {
    fn new(
        format: OutputFormat,
        documents: bool,
        unknown: bool,
        kinds: Option<Vec<EntityKind>>,
        fields: Option<&[String]>,
    ) -> CliResult<Emitter> {
        let (mut columns, mut keys) = ((0..COLUMNS.len()).collect(), None);
        if let Some(fields) = fields {
            let known: &[&'static str] =
                if format == OutputFormat::Jsonl { &JSON_KEYS } else { &COLUMNS };
            let mut picked = Vec::new();
            for f in fields {
                let Some(i) = known.iter().position(|k| k == f) else {
                    return Err(Error::argument(format!(
                        "--fields: unknown field {f:?} for --format {}: expected one of {}",
                        match format {
                            OutputFormat::Jsonl => "jsonl",
                            OutputFormat::Tsv => "tsv",
                            OutputFormat::Table => "table",
                        },
                        known.join(", ")
                    ))
                    .into());
                };
                if !picked.contains(&i) {
                    picked.push(i);
                }
            }
            if format == OutputFormat::Jsonl {
                keys = Some(picked.iter().map(|&i| JSON_KEYS[i]).collect());
            } else {
                columns = picked;
            }
        }
        Ok(Emitter {
            kinds,
            columns,
            fields: keys,
            format,
            documents,
            widths: None,
            unknown: unknown.then(Unknowns::default),
            buf: Vec::with_capacity(1 << 16),
            rows: Vec::new(),
            first_piece: true,
            wrote_mention: false,
        })
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.format == OutputFormat::Tsv && self.unknown.is_none() {
            let names: Vec<&str> = self.columns.iter().map(|&c| COLUMNS[c]).collect();
            out.write_all(names.join("\t").as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if let Some(u) = &self.unknown {
            return u.write(out);
        }
        if self.format == OutputFormat::Table && self.widths.is_none() {
            // Nothing was found: still show what the columns would have been.
            self.write_table(out, Vec::new())?;
        }
        Ok(())
    }

    /// Writes whole documents and their mentions.
    fn write(
        &mut self,
        out: &mut dyn Write,
        docs: &[Doc],
        results: &[Vec<Mention<'_>>],
    ) -> io::Result<()> {
        for (doc, mentions) in docs.iter().zip(results) {
            let offsets = self.begin(doc);
            self.piece(out, doc, &offsets, mentions)?;
            self.finish(out)?;
        }
        self.flush_table(out)
    }

    /// Starts writing a document, whose mentions then come in one or more pieces, in
    /// order ([`Emitter::piece`]); returns the document's offset conversion.
    fn begin(&mut self, doc: &Doc) -> CharOffsets {
        self.first_piece = true;
        self.wrote_mention = false;
        if self.unknown.is_some() {
            return CharOffsets::new("");
        }
        if self.format == OutputFormat::Jsonl && self.documents {
            // Written by hand to keep the order id, date, mentions, schema_version.
            self.buf.extend_from_slice(b"{\"id\":");
            self.buf.extend_from_slice(doc.id.as_bytes());
            self.buf.extend_from_slice(b",\"date\":");
            match doc.date {
                Some(d) => {
                    self.buf.push(b'"');
                    self.buf.extend_from_slice(d.to_string().as_bytes());
                    self.buf.push(b'"');
                }
                None => self.buf.extend_from_slice(b"null"),
            }
            self.buf.extend_from_slice(b",\"mentions\":[");
        }
        CharOffsets::new(&doc.text)
    }

    /// Writes the next mentions of the document begun last (table rows wait for
    /// [`Emitter::flush_table`]).
    fn piece(
        &mut self,
        out: &mut dyn Write,
        doc: &Doc,
        offsets: &CharOffsets,
        mentions: &[Mention<'_>],
    ) -> io::Result<()> {
        let first = std::mem::replace(&mut self.first_piece, false);
        if let Some(u) = &mut self.unknown {
            u.add(doc, mentions, first);
            return Ok(());
        }
        let buf = &mut self.buf;
        for m in mentions {
            if self.kinds.as_ref().is_some_and(|k| !k.contains(&m.entity.kind)) {
                continue;
            }
            match self.format {
                OutputFormat::Jsonl => {
                    if self.documents && self.wrote_mention {
                        buf.push(b',');
                    }
                    match &self.fields {
                        None => m.write_json(offsets, buf),
                        Some(keys) => json_fields(buf, m, offsets, keys),
                    }
                    if !self.documents {
                        buf.push(b'\n');
                    }
                }
                OutputFormat::Tsv => tsv_row(buf, doc, m, offsets, &self.columns),
                OutputFormat::Table => {
                    let all = row(doc, m, offsets);
                    self.rows.push(self.columns.iter().map(|&c| one_line(&all[c])).collect());
                }
            }
            self.wrote_mention = true;
            if buf.len() >= 1 << 16 {
                out.write_all(buf)?;
                buf.clear();
            }
        }
        out.write_all(buf)?;
        buf.clear();
        Ok(())
    }

    /// Ends the document begun last.
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.unknown.is_none() && self.format == OutputFormat::Jsonl && self.documents {
            out.write_all(b"],\"schema_version\":")?;
            out.write_all(SCHEMA_VERSION.to_string().as_bytes())?;
            out.write_all(b"}\n")?;
        }
        Ok(())
    }

    /// Writes the table rows gathered so far (the column widths are those of the first
    /// rows written).
    fn flush_table(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        self.write_table(out, rows)
    }

    fn write_table(&mut self, out: &mut dyn Write, rows: Vec<Vec<String>>) -> io::Result<()> {
        let header: Vec<String> = self.columns.iter().map(|&c| COLUMNS[c].to_uppercase()).collect();
        let first = self.widths.is_none();
        let widths = self.widths.get_or_insert_with(|| {
            let mut w: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
            for r in &rows {
                for (i, c) in r.iter().enumerate() {
                    w[i] = w[i].max(c.chars().count());
                }
            }
            w
        });
        let widths = widths.clone();
        if first {
            write_table_row(out, &header, &widths)?;
        }
        for r in &rows {
            write_table_row(out, r, &widths)?;
        }
        Ok(())
    }
}

/// The cells of one mention, in the order of [`COLUMNS`].
fn row(doc: &Doc, m: &Mention<'_>, offsets: &CharOffsets) -> Vec<String> {
    let mut out: Vec<String> = cells(doc, m).iter().map(|c| c.to_string()).collect();
    out[1] = offsets.char_offset(m.span.start).to_string();
    out[2] = offsets.char_offset(m.span.end).to_string();
    out
}

/// The text cells of one mention, borrowed, in the order of [`COLUMNS`]; the two offsets
/// (cells 1 and 2) are left empty for the caller to write.
fn cells<'a>(doc: &'a Doc, m: &'a Mention<'_>) -> [&'a str; 12] {
    let role = m.role.as_ref();
    [
        &doc.label,
        "",
        "",
        &m.text,
        m.entity.kind.as_str(),
        m.id().unwrap_or_default(),
        m.name(),
        m.matched_by.as_str(),
        role.map_or("", |r| r.key),
        role.and_then(|r| r.of).map_or("", |o| o.id.as_str()),
        m.state.map_or("", |s| s.id.as_str()),
        m.stands_for.as_ref().map_or("", |s| s.entity.id.as_str()),
    ]
}

/// Appends the TSV row of `m` (the cells of [`row`]) to `buf`.
fn tsv_row(buf: &mut Vec<u8>, doc: &Doc, m: &Mention<'_>, offsets: &CharOffsets, cols: &[usize]) {
    let mut num = itoa::Buffer::new();
    let cells = cells(doc, m);
    for (n, &i) in cols.iter().enumerate() {
        let cell = cells[i];
        if n > 0 {
            buf.push(b'\t');
        }
        match i {
            1 => buf.extend_from_slice(num.format(offsets.char_offset(m.span.start)).as_bytes()),
            2 => buf.extend_from_slice(num.format(offsets.char_offset(m.span.end)).as_bytes()),
            _ => tsv_cell(buf, cell),
        }
    }
    buf.push(b'\n');
}

/// Appends one TSV cell: tab, newline, carriage return and backslash as `\t`, `\n`, `\r`,
/// `\\`, and any other control character (NUL, U+0085, ...) as `\uXXXX`, so that a row
/// is always one line of printable text.
fn tsv_cell(buf: &mut Vec<u8>, cell: &str) {
    // Control characters are U+0000–U+001F, U+007F and U+0080–U+009F (C2 80–C2 9F).
    let b = cell.as_bytes();
    let plain = !b.iter().enumerate().any(|(i, &c)| {
        c < 0x20
            || c == 0x7f
            || c == b'\\'
            || (c == 0xc2 && b.get(i + 1).is_some_and(|n| *n < 0xa0))
    });
    if plain {
        buf.extend_from_slice(b);
        return;
    }
    for c in cell.chars() {
        match c {
            '\t' => buf.extend_from_slice(b"\\t"),
            '\n' => buf.extend_from_slice(b"\\n"),
            '\r' => buf.extend_from_slice(b"\\r"),
            '\\' => buf.extend_from_slice(b"\\\\"),
            c if c.is_control() => {
                buf.extend_from_slice(format!("\\u{:04X}", u32::from(c)).as_bytes());
            }
            c => {
                let mut tmp = [0u8; 4];
                buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
            }
        }
    }
}

/// A cell on one line: runs of white space become one space.
fn one_line(cell: &str) -> String {
    if cell.contains(char::is_control) {
        cell.split(|c: char| c.is_whitespace() || c.is_control())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        cell.to_string()
    }
}

fn write_table_row(out: &mut dyn Write, cells: &[String], widths: &[usize]) -> io::Result<()> {
    let mut line = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i + 1 == cells.len() {
            line.push_str(cell);
        } else {
            line.push_str(cell);
            let pad = widths[i].saturating_sub(cell.chars().count()) + 2;
            line.extend(std::iter::repeat_n(' ', pad));
        }
    }
    let trimmed = line.trim_end();
    out.write_all(trimmed.as_bytes())?;
    out.write_all(b"\n")
}

/// A progress bar on standard error, shown only for large inputs on a terminal.
struct Progress {
    enabled: bool,
    /// The total input size in bytes, when every input is a file.
    total: Option<u64>,
    bytes: u64,
    docs: u64,
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(enabled: bool, total: Option<u64>) -> Progress {
        Progress { enabled, total, bytes: 0, docs: 0, bar: None }
    }

    fn update(&mut self) {
        if !self.enabled {
            return;
        }
        let large = self.total.is_some_and(|t| t > LARGE_BYTES)
            || self.bytes > LARGE_BYTES
            || self.docs > LARGE_DOCS;
        if self.bar.is_none() && large {
            let bar = match self.total {
                Some(t) => {
                    let bar = indicatif::ProgressBar::new(t);
                    if let Ok(style) = indicatif::ProgressStyle::with_template(
                        "{bar:30} {bytes}/{total_bytes} {msg} ({eta} left)",
                    ) {
                        bar.set_style(style);
                    }
                    bar
                }
                None => {
                    let bar = indicatif::ProgressBar::new_spinner();
                    if let Ok(style) =
                        indicatif::ProgressStyle::with_template("{spinner} {bytes} {msg}")
                    {
                        bar.set_style(style);
                    }
                    bar
                }
            };
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.bytes);
            bar.set_message(format!("{} documents", self.docs));
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    /// Clears the bar when extraction stops early, before the error is printed.
    fn drop(&mut self) {
        self.finish();
    }
}
