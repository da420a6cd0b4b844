//! CSV gazetteers: a header row, then rows that merge by id.
//!
//! Every cell is trimmed. A row gives an entity's id, kind and name, and any of: a group
//! of aliases (`aliases`, `|`-separated `text` or `type:text` items, sharing the row's
//! `alias_case`, `alias_start` and `alias_end`), codes, a role key, members, dates,
//! sources, and one post (`post_*`). Rows with the same id make one entity: lists are
//! appended in row order, single values must agree (an empty cell says nothing), and the
//! entity is located at its first row.

use std::collections::HashMap;
use std::fmt::Display;
use std::io::Write;
use std::sync::Arc;

use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::Deserialize;

use super::{clean_message, line_number, LineCounter, Partial};
use crate::date::{Date, EndDate};
use crate::error::{Error, ErrorKind, Location, Problem, Result};
use crate::model::{Alias, AliasKind, CasePolicy, Codes, Entity, EntityKind, Post};

/// The columns, in the order [`write_csv`] writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Id,
    Kind,
    Name,
    Aliases,
    AliasCase,
    AliasStart,
    AliasEnd,
    Iso2,
    Iso3,
    Numeric,
    Wikidata,
    Cameo,
    Acronym,
    Role,
    Members,
    State,
    StandsFor,
    Start,
    End,
    Sources,
    PostRole,
    PostOf,
    PostTitle,
    PostStart,
    PostEnd,
    PostConfirmed,
    PostActing,
    PostSource,
    PostNote,
}

const COLUMNS: [(Col, &str); 29] = [
    (Col::Id, "id"),
    (Col::Kind, "kind"),
    (Col::Name, "name"),
    (Col::Aliases, "aliases"),
    (Col::AliasCase, "alias_case"),
    (Col::AliasStart, "alias_start"),
    (Col::AliasEnd, "alias_end"),
    (Col::Iso2, "iso2"),
    (Col::Iso3, "iso3"),
    (Col::Numeric, "numeric"),
    (Col::Wikidata, "wikidata"),
    (Col::Cameo, "cameo"),
    (Col::Acronym, "acronym"),
    (Col::Role, "role"),
    (Col::Members, "members"),
    (Col::State, "state"),
    (Col::StandsFor, "stands_for"),
    (Col::Start, "start"),
    (Col::End, "end"),
    (Col::Sources, "sources"),
    (Col::PostRole, "post_role"),
    (Col::PostOf, "post_of"),
    (Col::PostTitle, "post_title"),
    (Col::PostStart, "post_start"),
    (Col::PostEnd, "post_end"),
    (Col::PostConfirmed, "post_confirmed"),
    (Col::PostActing, "post_acting"),
    (Col::PostSource, "post_source"),
    (Col::PostNote, "post_note"),
];

const REQUIRED: [Col; 3] = [Col::Id, Col::Kind, Col::Name];

impl Col {
    fn name(self) -> &'static str {
        COLUMNS[self as usize].1
    }
}

/// Where each known column is in the file's rows.
struct Header {
    positions: [Option<usize>; COLUMNS.len()],
    width: usize,
}

impl Header {
    fn parse(record: &::csv::StringRecord, loc: &Location) -> Result<Header, Vec<Problem>> {
        let mut positions = [None; COLUMNS.len()];
        let mut problems = Vec::new();
        for (i, name) in record.iter().enumerate() {
            match COLUMNS.iter().find(|(_, n)| *n == name) {
                Some(&(col, _)) if positions[col as usize].is_some() => problems
                    .push(Problem::new(loc.clone(), format!("column {name:?} appears twice"))),
                Some(&(col, _)) => positions[col as usize] = Some(i),
                None => {
                    let known: Vec<&str> = COLUMNS.iter().map(|(_, n)| *n).collect();
                    problems.push(Problem::new(
                        loc.clone(),
                        format!("unknown column {name:?}, expected one of {}", known.join(", ")),
                    ));
                }
            }
        }
        for col in REQUIRED {
            if positions[col as usize].is_none() {
                let message = format!("missing required column {:?}", col.name());
                problems.push(Problem::new(loc.clone(), message));
            }
        }
        if problems.is_empty() {
            Ok(Header { positions, width: record.len() })
        } else {
            Err(problems)
        }
    }
}

/// One row, with its cells looked up by column.
struct Row<'r> {
    header: &'r Header,
    record: &'r ::csv::StringRecord,
}

impl Row<'_> {
    fn get(&self, col: Col) -> &str {
        self.header.positions[col as usize].and_then(|i| self.record.get(i)).unwrap_or("")
    }

    fn opt(&self, col: Col) -> Option<String> {
        Some(self.get(col)).filter(|s| !s.is_empty()).map(str::to_string)
    }

    fn list(&self, col: Col) -> Vec<String> {
        split_list(self.get(col)).map(str::to_string).collect()
    }
}

fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|').map(str::trim).filter(move |_| !cell.is_empty())
}

/// Parses a cell with a type's serde form (so CSV reads a value as JSON does).
fn parse_cell<'a, T: Deserialize<'a>>(col: Col, cell: &'a str) -> Result<Option<T>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    T::deserialize(StrDeserializer::<ValueError>::new(cell))
        .map(Some)
        .map_err(|e| format!("column {:?}: {}", col.name(), clean_message(&e.to_string())))
}

/// An entity being assembled from its rows.
struct Pending {
    id: String,
    line: Location,
    kind: Option<Kind>,
    name: Option<String>,
    aliases: Vec<Alias>,
    codes: Codes,
    role: Option<String>,
    members: Vec<String>,
    state: Option<String>,
    stands_for: Option<String>,
    start: Option<Date>,
    end: Option<Date>,
    sources: Vec<String>,
    posts: Vec<Post>,
    /// Whether a row of this id had a problem (which explains a missing kind or name).
    had_problems: bool,
}

impl Pending {
    fn new(id: String, line: Location) -> Pending {
        Pending {
            id,
            line,
            kind: None,
            name: None,
            aliases: Vec::new(),
            codes: Codes::default(),
            role: None,
            members: Vec::new(),
            state: None,
            stands_for: None,
            start: None,
            end: None,
            sources: Vec::new(),
            posts: Vec::new(),
            had_problems: false,
        }
    }

    fn finish(self, problems: &mut Vec<Problem>) -> Option<(Entity, Location)> {
        let (Some(Kind(kind)), Some(name)) = (self.kind, self.name) else {
            // A row's problem (an unknown kind, say) already explains what is missing.
            if !self.had_problems {
                let col = if self.kind.is_none() { Col::Kind } else { Col::Name };
                let message = format!("no row gives a {}", col.name());
                problems.push(Problem::new(self.line, message).with_entity(self.id));
            }
            return None;
        };
        let entity = Entity {
            id: self.id,
            kind,
            name,
            aliases: self.aliases,
            codes: self.codes,
            role: self.role,
            posts: self.posts,
            members: self.members,
            state: self.state,
            stands_for: self.stands_for,
            start: self.start,
            end: self.end,
            sources: self.sources,
        };
        Some((entity, self.line))
    }
}

/// Sets a single-valued field from a row: an empty cell says nothing, a value that differs
/// from the one an earlier row gave is a problem.
fn set<T: PartialEq + Display>(
    slot: &mut Option<T>,
    value: Option<T>,
    col: Col,
    first: &Location,
    errors: &mut Vec<String>,
) {
    match (slot.as_ref(), value) {
        (_, None) => {}
        (None, value) => *slot = value,
        (Some(old), Some(new)) if *old == new => {}
        (Some(old), Some(new)) => errors.push(format!(
            "column {:?} is \"{new}\" here but \"{old}\" in the first row of this id ({first})",
            col.name()
        )),
    }
}

/// Parses a row into `p`, returning what is wrong with it.
fn apply_row(p: &mut Pending, row: &Row<'_>) -> Vec<String> {
    let mut errors = Vec::new();
    let first = p.line.clone();
    macro_rules! parsed {
        ($col:expr) => {
            parse_cell($col, row.get($col)).unwrap_or_else(|e| {
                errors.push(e);
                None
            })
        };
    }
    let kind: Option<EntityKind> = parsed!(Col::Kind);
    set(&mut p.kind, kind.map(Kind), Col::Kind, &first, &mut errors);
    set(&mut p.name, row.opt(Col::Name), Col::Name, &first, &mut errors);

    // Aliases, with the attributes the row gives them.
    let case: Option<CasePolicy> = parsed!(Col::AliasCase);
    let alias_start: Option<Date> = parsed!(Col::AliasStart);
    let alias_end: Option<Date> = parsed!(Col::AliasEnd).map(|e: EndDate| e.0);
    let items: Vec<&str> = split_list(row.get(Col::Aliases)).collect();
    if items.is_empty() {
        for col in [Col::AliasCase, Col::AliasStart, Col::AliasEnd] {
            if !row.get(col).is_empty() {
                errors.push(format!("column {:?} is set but \"aliases\" is empty", col.name()));
            }
        }
    }
    for item in items {
        match parse_alias_item(item) {
            Ok((kind, text)) => p.aliases.push(Alias {
                text: text.to_string(),
                kind,
                case,
                start: alias_start,
                end: alias_end,
            }),
            Err(e) => errors.push(e),
        }
    }

    let codes = &mut p.codes;
    for (slot, col) in [
        (&mut codes.iso2, Col::Iso2),
        (&mut codes.iso3, Col::Iso3),
        (&mut codes.numeric, Col::Numeric),
        (&mut codes.wikidata, Col::Wikidata),
        (&mut codes.cameo, Col::Cameo),
        (&mut codes.acronym, Col::Acronym),
    ] {
        set(slot, row.opt(col), col, &first, &mut errors);
    }
    set(&mut p.role, row.opt(Col::Role), Col::Role, &first, &mut errors);
    p.members.extend(row.list(Col::Members));
    set(&mut p.state, row.opt(Col::State), Col::State, &first, &mut errors);
    set(&mut p.stands_for, row.opt(Col::StandsFor), Col::StandsFor, &first, &mut errors);
    let start: Option<Date> = parsed!(Col::Start);
    set(&mut p.start, start, Col::Start, &first, &mut errors);
    let end: Option<Date> = parsed!(Col::End).map(|e: EndDate| e.0);
    set(&mut p.end, end, Col::End, &first, &mut errors);
    p.sources.extend(row.list(Col::Sources));

    // At most one post per row.
    const POST: [Col; 9] = [
        Col::PostRole,
        Col::PostOf,
        Col::PostTitle,
        Col::PostStart,
        Col::PostEnd,
        Col::PostConfirmed,
        Col::PostActing,
        Col::PostSource,
        Col::PostNote,
    ];
    if POST.iter().any(|&c| !row.get(c).is_empty()) {
        let start: Option<Date> = parsed!(Col::PostStart);
        let end: Option<Date> = parsed!(Col::PostEnd).map(|e: EndDate| e.0);
        let confirmed: Option<Date> = parsed!(Col::PostConfirmed);
        let acting = match row.get(Col::PostActing) {
            "" | "false" => false,
            "true" => true,
            other => {
                errors
                    .push(format!("column \"post_acting\": expected true or false, not {other:?}"));
                false
            }
        };
        match (row.opt(Col::PostRole), row.opt(Col::PostOf)) {
            (Some(role), Some(of)) => p.posts.push(Post {
                role,
                of,
                title: row.opt(Col::PostTitle),
                start,
                end,
                confirmed,
                acting,
                source: row.opt(Col::PostSource),
                note: row.opt(Col::PostNote),
            }),
            _ => errors.push("a post needs both \"post_role\" and \"post_of\"".to_string()),
        }
    }
    errors
}

/// [`EntityKind`] displayed by its file name, for conflict messages.
#[derive(Clone, Copy, PartialEq)]
struct Kind(EntityKind);

impl Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_str())
    }
}

/// Splits an alias item `type:text` (when the prefix is a lower-case word, it must be an
/// alias type) or `text`.
fn parse_alias_item(item: &str) -> Result<(AliasKind, &str), String> {
    if let Some((prefix, text)) = item.split_once(':') {
        let prefix = prefix.trim();
        if !prefix.is_empty() && prefix.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return match parse_cell::<AliasKind>(Col::Aliases, prefix) {
                Ok(Some(kind)) => Ok((kind, text.trim())),
                Ok(None) => Ok((AliasKind::Alias, item)),
                Err(_) => {
                    let known = [
                        AliasKind::Name,
                        AliasKind::Alias,
                        AliasKind::Acronym,
                        AliasKind::Demonym,
                        AliasKind::Capital,
                        AliasKind::FormerName,
                        AliasKind::Surname,
                        AliasKind::Title,
                    ];
                    let known: Vec<&str> = known.iter().map(|k| k.as_str()).collect();
                    Err(format!(
                        "alias {item:?} has unknown type {prefix:?}, expected one of {} \
                         (write \"alias:{item}\" if the colon belongs to the text)",
                        known.join(", ")
                    ))
                }
            };
        }
    }
    Ok((AliasKind::Alias, item))
}

pub(super) fn read_csv(text: &str, source: &Arc<str>) -> Partial {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let mut record = ::csv::StringRecord::new();
    let mut lines = LineCounter::default();
    let mut loc_of = |record: &::csv::StringRecord| {
        // The reader's own line number counts the blank lines it skipped before the
        // record; count up to the record's first byte instead.
        let start = record.position().map_or(0, |p| p.byte());
        let start = usize::try_from(start).unwrap_or(usize::MAX);
        let bytes = text.as_bytes();
        let first = start
            + bytes
                .get(start..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| matches!(b, b'\n' | b'\r'))
                .count();
        Location::new(Some(source.clone()), Some(line_number(lines.line_at(bytes, first))))
    };

    // A quoted cell that is never closed runs to the end of the file, which the csv reader
    // accepts: report it at the line of its opening quote, and drop the record it swallows
    // (the one that reaches the end of the file).
    let open_quote = unterminated_quote(text.as_bytes());
    if let Some(at) = open_quote {
        let line = line_number(LineCounter::default().line_at(text.as_bytes(), at));
        let loc = Location::new(Some(source.clone()), Some(line));
        problems.push(Problem::new(
            loc,
            "unterminated quoted field: the \" opened here is never closed",
        ));
    }
    let swallowed = |reader: &::csv::Reader<&[u8]>| {
        open_quote.is_some()
            && usize::try_from(reader.position().byte()).unwrap_or(usize::MAX) >= text.len()
    };

    // The header.
    let header = loop {
        match reader.read_record(&mut record) {
            Ok(true) if swallowed(&reader) => return (Vec::new(), problems),
            Ok(true) => match Header::parse(&record, &loc_of(&record)) {
                Ok(header) => break header,
                Err(header_problems) => return (Vec::new(), header_problems),
            },
            Ok(false) => {
                let loc = Location::new(Some(source.clone()), Some(1));
                let message = "missing header row (expected at least \"id,kind,name\")";
                return (Vec::new(), vec![Problem::new(loc, message)]);
            }
            Err(e) => {
                problems.push(csv_problem(&e, source));
                if is_fatal(&e) {
                    return (Vec::new(), problems);
                }
            }
        }
    };

    // The rows, merged by id in order of first appearance.
    let mut pending: Vec<Pending> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) if swallowed(&reader) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(csv_problem(&e, source));
                if is_fatal(&e) {
                    break;
                }
                continue;
            }
        }
        let loc = loc_of(&record);
        if record.len() != header.width {
            let message =
                format!("row has {} fields but the header has {}", record.len(), header.width);
            problems.push(Problem::new(loc, message));
            continue;
        }
        let row = Row { header: &header, record: &record };
        let id = row.get(Col::Id);
        if id.is_empty() {
            if record.iter().any(|c| !c.is_empty()) {
                problems.push(Problem::new(loc, "column \"id\" is empty"));
            }
            continue;
        }
        let i = *index.entry(id.to_string()).or_insert_with(|| {
            pending.push(Pending::new(id.to_string(), loc.clone()));
            pending.len() - 1
        });
        let entity = &mut pending[i];
        for message in apply_row(entity, &row) {
            entity.had_problems = true;
            problems.push(Problem::new(loc.clone(), message).with_entity(id));
        }
    }
    let records = pending.into_iter().filter_map(|p| p.finish(&mut problems)).collect();
    problems.sort_by_key(|p| p.location.line);
    (records, problems)
}

/// The byte offset of a `"` that opens a quoted cell and is never closed, read as the csv
/// reader reads (a quote opens a quoted cell only at the start of a cell, `""` inside one
/// is a quote).
fn unterminated_quote(bytes: &[u8]) -> Option<usize> {
    enum State {
        CellStart,
        Unquoted,
        /// In a quoted cell opened at this offset.
        Quoted(usize),
        /// Just after a `"` in a quoted cell opened at this offset.
        QuoteInQuoted(usize),
    }
    let mut state = State::CellStart;
    for (i, &b) in bytes.iter().enumerate() {
        state = match (state, b) {
            (State::CellStart, b'"') => State::Quoted(i),
            (State::Quoted(at), b'"') => State::QuoteInQuoted(at),
            (State::Quoted(at), _) => State::Quoted(at),
            (State::QuoteInQuoted(at), b'"') => State::Quoted(at),
            (_, b',' | b'\n' | b'\r') => State::CellStart,
            _ => State::Unquoted,
        };
    }
    match state {
        State::Quoted(at) => Some(at),
        _ => None,
    }
}

fn csv_problem(err: &::csv::Error, source: &Arc<str>) -> Problem {
    let line = err.position().map(|p| line_number(p.line() as usize));
    let message = match err.kind() {
        ::csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8: {err}"),
        _ => err.to_string(),
    };
    Problem::new(Location::new(Some(source.clone()), line), message)
}

fn is_fatal(err: &::csv::Error) -> bool {
    !matches!(err.kind(), ::csv::ErrorKind::Utf8 { .. } | ::csv::ErrorKind::UnequalLengths { .. })
}

// ----------------------------------------------------------------------------------------
// Writing

/// Consecutive aliases that share a case policy and dates go in one row.
fn alias_groups(aliases: &[Alias]) -> Vec<&[Alias]> {
    aliases.chunk_by(|a, b| (a.case, a.start, a.end) == (b.case, b.start, b.end)).collect()
}

fn alias_item(alias: &Alias) -> String {
    if alias.kind == AliasKind::Alias && !alias.text.contains(':') {
        alias.text.clone()
    } else {
        format!("{}:{}", alias.kind.as_str(), alias.text)
    }
}

fn case_name(case: CasePolicy) -> &'static str {
    match case {
        CasePolicy::Exact => "exact",
        CasePolicy::Capitalized => "capitalized",
        CasePolicy::Any => "any",
        CasePolicy::ExactWord => "exact_word",
    }
}

/// Finds the values of `e` that a CSV file cannot carry.
fn inexpressible(e: &Entity) -> Vec<String> {
    let mut out = Vec::new();
    let mut scalar = |what: &str, value: &str| {
        if value.is_empty() {
            out.push(format!("{what} is empty"));
        } else if value.trim() != value {
            out.push(format!("{what} {value:?} has leading or trailing white space"));
        }
    };
    scalar("id", &e.id);
    scalar("name", &e.name);
    for (what, value) in e.codes.iter().chain(e.role.as_deref().map(|r| ("role", r))) {
        scalar(what, value);
    }
    for p in &e.posts {
        scalar("post role", &p.role);
        scalar("post of", &p.of);
        for (what, value) in
            [("post title", &p.title), ("post source", &p.source), ("post note", &p.note)]
        {
            if let Some(v) = value {
                scalar(what, v);
            }
        }
    }
    let mut item = |what: &str, value: &str| {
        if value.contains('|') {
            out.push(format!("{what} {value:?} contains \"|\""));
        } else if value.trim().is_empty() {
            out.push(format!("a {what} is empty"));
        } else if value.trim() != value {
            out.push(format!("{what} {value:?} has leading or trailing white space"));
        }
    };
    for a in &e.aliases {
        item("alias", &a.text);
    }
    for m in &e.members {
        item("member", m);
    }
    for s in &e.sources {
        item("source", s);
    }
    out
}

fn join<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
    items.into_iter().map(String::as_str).collect::<Vec<_>>().join("|")
}

fn date(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn text(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

pub(super) fn write_csv<W: Write>(entities: &[Entity], w: W) -> Result<()> {
    let problems: Vec<Problem> = entities
        .iter()
        .flat_map(|e| {
            inexpressible(e).into_iter().map(|m| {
                Problem::new(Location::default(), format!("{m}, which CSV cannot express"))
                    .with_entity(e.id.clone())
            })
        })
        .collect();
    if !problems.is_empty() {
        return Err(Error::from_problems(ErrorKind::Argument, problems));
    }
    let output = |e: ::csv::Error| {
        let loc = Location::new(Some(Arc::from("<output>")), None);
        match e.into_kind() {
            ::csv::ErrorKind::Io(io) => Error::new(ErrorKind::Io, loc, io.to_string()),
            other => Error::new(ErrorKind::Io, loc, format!("{other:?}")),
        }
    };
    let mut writer =
        ::csv::WriterBuilder::new().terminator(::csv::Terminator::Any(b'\n')).from_writer(w);
    writer.write_record(COLUMNS.iter().map(|(_, name)| *name)).map_err(output)?;
    for e in entities {
        let groups = alias_groups(&e.aliases);
        let rows = groups.len().max(e.posts.len()).max(1);
        for i in 0..rows {
            let mut row: [String; COLUMNS.len()] = Default::default();
            let mut put = |col: Col, value: String| row[col as usize] = value;
            put(Col::Id, e.id.clone());
            put(Col::Kind, e.kind.as_str().to_string());
            put(Col::Name, e.name.clone());
            if let Some(group) = groups.get(i) {
                put(Col::Aliases, group.iter().map(alias_item).collect::<Vec<_>>().join("|"));
                if let Some(first) = group.first() {
                    put(Col::AliasCase, first.case.map(case_name).unwrap_or_default().to_string());
                    put(Col::AliasStart, date(first.start));
                    put(Col::AliasEnd, date(first.end));
                }
            }
            if i == 0 {
                put(Col::Iso2, text(&e.codes.iso2));
                put(Col::Iso3, text(&e.codes.iso3));
                put(Col::Numeric, text(&e.codes.numeric));
                put(Col::Wikidata, text(&e.codes.wikidata));
                put(Col::Cameo, text(&e.codes.cameo));
                put(Col::Acronym, text(&e.codes.acronym));
                put(Col::Role, text(&e.role));
                put(Col::Members, join(&e.members));
                put(Col::State, text(&e.state));
                put(Col::StandsFor, text(&e.stands_for));
                put(Col::Start, date(e.start));
                put(Col::End, date(e.end));
                put(Col::Sources, join(&e.sources));
            }
            if let Some(p) = e.posts.get(i) {
                put(Col::PostRole, p.role.clone());
                put(Col::PostOf, p.of.clone());
                put(Col::PostTitle, text(&p.title));
                put(Col::PostStart, date(p.start));
                put(Col::PostEnd, date(p.end));
                put(Col::PostConfirmed, date(p.confirmed));
                put(Col::PostActing, if p.acting { "true".into() } else { String::new() });
                put(Col::PostSource, text(&p.source));
                put(Col::PostNote, text(&p.note));
            }
            writer.write_record(&row).map_err(output)?;
        }
    }
    writer.flush().map_err(|e| output(e.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Partial {
        read_csv(text, &Arc::from("t.csv"))
    }

    fn messages(partial: &Partial) -> Vec<String> {
        partial.1.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn columns_are_in_enum_order() {
        for (i, (col, _)) in COLUMNS.iter().enumerate() {
            assert_eq!(*col as usize, i);
        }
    }

    #[test]
    fn rows_merge_by_id() {
        let text = "id,kind,name,aliases,alias_end,post_role,post_of,members\n\
                    org:X,organization,X Org,acronym:XO,,,,state:A\n\
                    state:A,state,A,,,,,\n\
                    org:X,,,former_name:Old X|Older X,2001,,,state:B\n";
        let (records, problems) = read(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(records.len(), 2);
        let (x, loc) = &records[0];
        assert_eq!(loc.line, Some(2));
        assert_eq!(x.members, ["state:A", "state:B"]);
        assert_eq!(x.aliases.len(), 3);
        assert_eq!(x.aliases[0], Alias::new("XO", AliasKind::Acronym));
        assert_eq!(x.aliases[1].kind, AliasKind::FormerName);
        assert_eq!(x.aliases[2].kind, AliasKind::Alias);
        assert_eq!(x.aliases[2].text, "Older X");
        assert_eq!(x.aliases[2].end.map(|d| d.to_string()).as_deref(), Some("2001-12-31"));
    }

    #[test]
    fn alias_items() {
        assert_eq!(parse_alias_item("Kazakh"), Ok((AliasKind::Alias, "Kazakh")));
        assert_eq!(parse_alias_item("demonym: Kazakh"), Ok((AliasKind::Demonym, "Kazakh")));
        assert_eq!(parse_alias_item("Re: X"), Ok((AliasKind::Alias, "Re: X")));
        assert_eq!(parse_alias_item("alias:a:b"), Ok((AliasKind::Alias, "a:b")));
        let err = parse_alias_item("acronim:OTS").unwrap_err();
        assert!(err.starts_with("alias \"acronim:OTS\" has unknown type \"acronim\""), "{err}");
    }

    #[test]
    fn header_problems_are_all_reported() {
        let (records, problems) = read("id,name,alias,aliases,aliases\n");
        assert!(records.is_empty());
        let m: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
        assert!(m[0].starts_with("unknown column \"alias\", expected one of id, kind, name"));
        assert_eq!(m[1], "column \"aliases\" appears twice");
        assert_eq!(m[2], "missing required column \"kind\"");
        assert_eq!(problems[0].location.line, Some(1));
        let (_, problems) = read("");
        assert!(problems[0].message.starts_with("missing header row"));
    }

    #[test]
    fn row_problems_name_their_line() {
        let text = "id,kind,name,start,post_role,post_of,alias_case\n\
                    state:A,nation,A,,,,\n\
                    state:B,state,B,2022-02-30,,,\n\
                    state:A,state,Z,,,,\n\
                    person:c,official,C,,head_of_state,,\n\
                    state:D,state,D,,,,exact\n\
                    state:E,state,E,,,,,,,\n\
                    ,,,,,,\n\
                    ,state,F,,,,\n";
        let partial = read(text);
        let m = messages(&partial);
        assert_eq!(m.len(), 7, "{m:#?}");
        assert!(m[0].starts_with(
            "t.csv:2: entity \"state:A\": column \"kind\": unknown variant \"nation\""
        ));
        assert!(m[1].starts_with(
            "t.csv:3: entity \"state:B\": column \"start\": invalid date \"2022-02-30\""
        ));
        assert_eq!(m[2], "t.csv:4: entity \"state:A\": column \"name\" is \"Z\" here but \"A\" in the first row of this id (t.csv:2)");
        assert_eq!(
            m[3],
            "t.csv:5: entity \"person:c\": a post needs both \"post_role\" and \"post_of\""
        );
        assert_eq!(
            m[4],
            "t.csv:6: entity \"state:D\": column \"alias_case\" is set but \"aliases\" is empty"
        );
        assert_eq!(m[5], "t.csv:7: row has 10 fields but the header has 7");
        assert_eq!(m[6], "t.csv:9: column \"id\" is empty");
        // state:A never got a valid kind; the row with the conflicting name gave one.
        assert_eq!(partial.0.len(), 4);
    }

    #[test]
    fn missing_kind_is_reported_at_first_row() {
        let (records, problems) = read("id,kind,name\nstate:A,,A\n");
        assert!(records.is_empty());
        assert_eq!(problems[0].to_string(), "t.csv:2: entity \"state:A\": no row gives a kind");
    }

    #[test]
    fn an_unterminated_quote_is_an_error_at_its_line() {
        // The quote swallows the rest of the file: it must not pass as one record.
        let text = "id,kind,name\nstate:AAA,state,\"Aaland\nstate:BBB,state,Bbland\n";
        let partial = read(text);
        assert_eq!(
            messages(&partial),
            ["t.csv:2: unterminated quoted field: the \" opened here is never closed"]
        );
        assert!(partial.0.is_empty());
        // Earlier rows still load; the quote is found on a later line too.
        let text = "id,kind,name\nstate:A,state,A\n\nstate:B,state,\"B\"\"\nx\n";
        let partial = read(text);
        assert_eq!(
            messages(&partial),
            ["t.csv:4: unterminated quoted field: the \" opened here is never closed"]
        );
        assert_eq!(partial.0.len(), 1);
        // In the header.
        let m = messages(&read("id,kind,\"name\nstate:A,state,A\n"));
        assert_eq!(m, ["t.csv:1: unterminated quoted field: the \" opened here is never closed"]);
        // Quotes inside an unquoted cell are literal, and closed quotes are fine.
        let (records, problems) =
            read("id,kind,name\nstate:A,state,A \"x\nstate:B,state,\"B\nb\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(records[0].0.name, "A \"x");
        assert_eq!(records[1].0.name, "B\nb");
    }

    #[test]
    fn a_short_row_is_an_error_at_its_line() {
        let partial =
            read("id,kind,name,aliases\nstate:A,state\nstate:B,state,B,\nstate:C,state,C,c,d\n");
        assert_eq!(
            messages(&partial),
            [
                "t.csv:2: row has 2 fields but the header has 4",
                "t.csv:4: row has 5 fields but the header has 4"
            ]
        );
        assert_eq!(partial.0.len(), 1);
    }

    #[test]
    fn quoted_cells_and_blank_lines() {
        let text = "id,kind,name,aliases\n\n\"state:A\", state ,\"A, the \"\"first\"\"\",\"x|y\"\n";
        let (records, problems) = read(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(records[0].0.name, "A, the \"first\"");
        assert_eq!(records[0].0.aliases.len(), 2);
        assert_eq!(records[0].1.line, Some(3));
    }

    #[test]
    fn writer_refuses_what_csv_cannot_carry() {
        let mut e = Entity::new("state:A", EntityKind::State, "A");
        e.aliases.push(Alias::new("x|y", AliasKind::Alias));
        e.members.push(" state:B".into());
        let err = write_csv(&[e], Vec::new()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Argument);
        assert_eq!(err.problems().len(), 2);
        assert!(err.to_string().contains("alias \"x|y\" contains \"|\", which CSV cannot express"));
    }

    #[test]
    fn writer_groups_aliases_by_attributes() {
        let mut e = Entity::new("org:X", EntityKind::Organization, "X");
        let mut old = Alias::new("Old X", AliasKind::FormerName);
        old.end = Date::parse_start("2001-05-01").ok();
        e.aliases = vec![
            Alias::new("XO", AliasKind::Acronym),
            old.clone(),
            old,
            Alias::new("a:b", AliasKind::Alias),
        ];
        let mut out = Vec::new();
        write_csv(std::slice::from_ref(&e), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 4, "{text}");
        let (records, problems) = read(&text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(records[0].0, e);
    }
}
