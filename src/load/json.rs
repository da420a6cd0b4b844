//! JSON documents and JSON Lines.
//!
//! A JSON document is first checked for syntax as a whole (a syntax error is reported at
//! its line, and nothing else can be read). Its records are then located by a small scan
//! of the (now known to be valid) document and deserialized one by one, so that every bad
//! record is reported, each at the line where serde found the problem.

use std::io::Write;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{clean_message, line_number, LineCounter, Partial};
use crate::error::{Error, Location, Problem, Result};
use crate::model::Entity;

/// The message of a serde_json error, and its 1-based line when it has one.
fn describe(err: &serde_json::Error) -> (String, Option<usize>) {
    let line = (err.line() > 0).then_some(err.line());
    (clean_message(&err.to_string()), line)
}

/// The problem, naming the entity when the record is a JSON object with a string id.
fn named(problem: Problem, record: &str) -> Problem {
    let value: Option<serde_json::Value> = serde_json::from_str(record).ok();
    match value.as_ref().and_then(|v| v.get("id")?.as_str()) {
        Some(id) => problem.with_entity(id),
        None => problem,
    }
}

/// Reads JSON Lines: one record per line, blank lines and `//` or `#` comments skipped.
pub(super) fn read_jsonl(text: &str, source: &Arc<str>) -> Partial {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let loc = Location::new(Some(source.clone()), Some(line_number(i + 1)));
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with("//") || trimmed.starts_with('#') {
            continue;
        }
        let mut de = serde_json::Deserializer::from_str(trimmed);
        match Entity::deserialize(&mut de).and_then(|e| de.end().map(|()| e)) {
            Ok(entity) => records.push((entity, loc)),
            Err(err) => problems.push(named(Problem::new(loc, describe(&err).0), trimmed)),
        }
    }
    (records, problems)
}

/// Reads a JSON document: `{"entities": [...]}` or a bare array of records.
pub(super) fn read_json(text: &str, source: &Arc<str>) -> Partial {
    // A syntax check first. (Deserializing into `Value` rather than `IgnoredAny` costs
    // memory but gives serde_json's precise messages, such as "trailing comma".)
    if let Err(err) = serde_json::from_str::<serde_json::Value>(text) {
        let (message, line) = describe(&err);
        let loc = Location::new(Some(source.clone()), line.map(line_number));
        return (Vec::new(), vec![Problem::new(loc, message)]);
    }
    let mut scan = Scan { text, source, pos: 0, lines: LineCounter::default() };
    let mut records = Vec::new();
    let mut problems = Vec::new();
    if let Err(e) = scan.document(&mut records, &mut problems) {
        problems.push(Problem::new(scan.at(e.line), e.message));
    }
    problems.sort_by_key(|p| p.location.line);
    (records, problems)
}

/// A structural problem of a JSON document, at a line.
struct ScanError {
    line: usize,
    message: String,
}

/// A scanner over a syntactically valid JSON document that finds the records.
struct Scan<'t> {
    text: &'t str,
    source: &'t Arc<str>,
    pos: usize,
    lines: LineCounter,
}

impl<'t> Scan<'t> {
    fn bytes(&self) -> &'t [u8] {
        self.text.as_bytes()
    }

    fn at(&self, line: usize) -> Location {
        Location::new(Some(self.source.clone()), Some(line_number(line)))
    }

    fn line(&mut self) -> usize {
        let (bytes, pos) = (self.bytes(), self.pos);
        self.lines.line_at(bytes, pos)
    }

    fn fail<T>(&mut self, message: impl Into<String>) -> Result<T, ScanError> {
        Err(ScanError { line: self.line(), message: message.into() })
    }

    fn skip_ws(&mut self) {
        while matches!(self.bytes().get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    /// The top level: an array of records, or an object whose only field is `entities`.
    fn document(
        &mut self,
        records: &mut Vec<(Entity, Location)>,
        problems: &mut Vec<Problem>,
    ) -> Result<(), ScanError> {
        self.skip_ws();
        match self.peek() {
            Some(b'[') => self.records(records, problems),
            Some(b'{') => self.object(records, problems),
            _ => self.fail(
                "expected an array of entities or an object {\"entities\": [...]} \
                 (for one entity per line, use a .jsonl file)",
            ),
        }
    }

    fn object(
        &mut self,
        records: &mut Vec<(Entity, Location)>,
        problems: &mut Vec<Problem>,
    ) -> Result<(), ScanError> {
        let object_line = self.line();
        self.pos += 1; // `{`
        let mut seen = false;
        let mut unknown: Vec<(usize, String)> = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'}') => break,
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                Some(b'"') => {}
                _ => return self.fail("malformed JSON object"),
            }
            let key_line = self.line();
            let Some(key_end) = string_end(self.bytes(), self.pos) else {
                return self.fail("malformed JSON string");
            };
            let key: String = self
                .text
                .get(self.pos..key_end)
                .and_then(|k| serde_json::from_str(k).ok())
                .unwrap_or_default();
            self.pos = key_end;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return self.fail("malformed JSON object");
            }
            self.pos += 1;
            self.skip_ws();
            if key != "entities" {
                unknown.push((key_line, key));
                self.skip_value()?;
            } else if seen {
                let message = "duplicate field \"entities\"";
                problems.push(Problem::new(self.at(key_line), message));
                self.skip_value()?;
            } else if self.peek() != Some(b'[') {
                let message = "field \"entities\" must be an array of entities";
                problems.push(Problem::new(self.at(key_line), message));
                self.skip_value()?;
                seen = true;
            } else {
                self.records(records, problems)?;
                seen = true;
            }
        }
        if seen {
            for (line, key) in unknown {
                let message = format!("unknown field {key:?}, expected \"entities\"");
                problems.push(Problem::new(self.at(line), message));
            }
        } else {
            let found = if unknown.is_empty() {
                "an empty object".to_string()
            } else {
                let keys: Vec<String> = unknown.iter().map(|(_, k)| format!("{k:?}")).collect();
                format!("an object with fields {}", keys.join(", "))
            };
            problems.push(Problem::new(
                self.at(object_line),
                format!(
                    "expected an array of entities or an object {{\"entities\": [...]}}, \
                     found {found} (for one entity per line, use a .jsonl file)"
                ),
            ));
        }
        Ok(())
    }

    /// The array at `pos`: every element is deserialized on its own.
    fn records(
        &mut self,
        records: &mut Vec<(Entity, Location)>,
        problems: &mut Vec<Problem>,
    ) -> Result<(), ScanError> {
        self.pos += 1; // `[`
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                Some(_) => {}
                None => return self.fail("unterminated array"),
            }
            let start = self.pos;
            let line = self.line();
            self.skip_value()?;
            let Some(element) = self.text.get(start..self.pos) else {
                return self.fail("malformed JSON value");
            };
            match serde_json::from_str::<Entity>(element) {
                Ok(entity) => records.push((entity, self.at(line))),
                Err(err) => {
                    let (message, at) = describe(&err);
                    let loc = self.at(at.map_or(line, |l| line + l - 1));
                    problems.push(named(Problem::new(loc, message), element));
                }
            }
        }
    }

    /// Moves past the value that starts at `pos`.
    fn skip_value(&mut self) -> Result<(), ScanError> {
        match value_end(self.bytes(), self.pos) {
            Some(end) => {
                self.pos = end;
                Ok(())
            }
            None => self.fail("malformed JSON value"),
        }
    }
}

/// The end (exclusive) of the string whose opening quote is at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        match *bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The end (exclusive) of the JSON value that starts at `start`.
fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    loop {
        match *bytes.get(i)? {
            b'"' => {
                i = string_end(bytes, i)?;
                if depth == 0 {
                    return Some(i);
                }
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ if depth == 0 => {
                // A number or literal: up to the next delimiter.
                let len = bytes[i..]
                    .iter()
                    .position(|b| matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
                    .unwrap_or(bytes.len() - i);
                return Some(i + len);
            }
            _ => {}
        }
        i += 1;
    }
}

fn output_error(err: &std::io::Error) -> Error {
    Error::io(Location::new(Some(Arc::from("<output>")), None), err)
}

fn serde_output_error(err: serde_json::Error) -> Error {
    let io: std::io::Error = err.into();
    output_error(&io)
}

pub(super) fn write_jsonl<W: Write>(entities: &[Entity], w: W) -> Result<()> {
    let mut w = std::io::BufWriter::new(w);
    for entity in entities {
        serde_json::to_writer(&mut w, entity).map_err(serde_output_error)?;
        w.write_all(b"\n").map_err(|e| output_error(&e))?;
    }
    w.flush().map_err(|e| output_error(&e))
}

pub(super) fn write_json<W: Write>(entities: &[Entity], w: W) -> Result<()> {
    #[derive(Serialize)]
    struct Document<'a> {
        entities: &'a [Entity],
    }
    let mut w = std::io::BufWriter::new(w);
    serde_json::to_writer_pretty(&mut w, &Document { entities }).map_err(serde_output_error)?;
    w.write_all(b"\n").map_err(|e| output_error(&e))?;
    w.flush().map_err(|e| output_error(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines of the records, and the lines and messages of the problems.
    type Lines = (Vec<Option<u32>>, Vec<(Option<u32>, String)>);

    fn lines(partial: &Partial) -> Lines {
        (
            partial.0.iter().map(|(_, l)| l.line).collect(),
            partial.1.iter().map(|p| (p.location.line, p.message.clone())).collect(),
        )
    }

    #[test]
    fn jsonl_skips_blank_and_comment_lines() {
        let text =
            "\n// a comment\n  # another\n{\"id\":\"a\",\"kind\":\"state\",\"name\":\"A\"}\r\n\n";
        let (ok, bad) = lines(&read_jsonl(text, &Arc::from("t")));
        assert_eq!(ok, [Some(4)]);
        assert!(bad.is_empty());
    }

    #[test]
    fn jsonl_reports_every_bad_line() {
        let text = "{\"id\":\"a\",\"kind\":\"state\",\"name\":\"A\"} x\n\
                    {\"id\":\"b\",\"kind\":\"nation\",\"name\":\"B\"}\n\
                    {\"id\":\"c\",\"kind\":\"state\",\"name\":\"C\"}\n\
                    [1, 2]\n";
        let (ok, bad) = lines(&read_jsonl(text, &Arc::from("t")));
        assert_eq!(ok, [Some(3)]);
        assert_eq!(bad.len(), 3);
        assert_eq!(bad[0], (Some(1), "trailing characters".to_string()));
        assert_eq!(bad[1].0, Some(2));
        assert!(bad[1].1.starts_with("unknown variant \"nation\", expected one of \"state\""));
        assert_eq!(bad[2].0, Some(4));
        // serde also accepts a struct written as an array of its fields.
        assert!(
            bad[2].1.starts_with("invalid type: integer \"1\", expected a string"),
            "{}",
            bad[2].1
        );
    }

    #[test]
    fn json_records_are_located_and_all_bad_ones_reported() {
        let text = "{\n  \"entities\": [\n    {\"id\": \"a\", \"kind\": \"state\", \"name\": \"A\"},\n    {\n      \"id\": \"b\",\n      \"kind\": \"state\",\n      \"nmae\": \"B\"\n    },\n    {\"id\": \"c\", \"kind\": \"state\", \"name\": \"C\", \"start\": \"2021-02-29\"},\n    {\"id\": \"d\", \"kind\": \"state\", \"name\": \"D\"}\n  ]\n}\n";
        let (ok, bad) = lines(&read_json(text, &Arc::from("t")));
        assert_eq!(ok, [Some(3), Some(10)]);
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].0, Some(7));
        assert!(bad[0].1.starts_with("unknown field \"nmae\""));
        assert_eq!(bad[1].0, Some(9));
        assert!(bad[1].1.starts_with("invalid date \"2021-02-29\""), "{}", bad[1].1);
    }

    #[test]
    fn json_shapes() {
        let src: Arc<str> = Arc::from("t");
        let entity = "{\"id\":\"a\",\"kind\":\"state\",\"name\":\"A\"}";
        assert_eq!(read_json(&format!("[{entity}]"), &src).0.len(), 1);
        assert_eq!(read_json(&format!("{{\"entities\":[{entity}]}}"), &src).0.len(), 1);
        assert_eq!(read_json("[]", &src), (vec![], vec![]));
        for (text, message) in [
            ("", "EOF while parsing a value"),
            ("{\"entities\": [", "EOF while parsing a list"),
            ("{}", "expected an array of entities or an object {\"entities\": [...]}, found an empty object"),
            ("42", "expected an array of entities"),
            (entity, "expected an array of entities or an object {\"entities\": [...]}, found an object with fields \"id\", \"kind\", \"name\""),
            ("{\"entities\": [], \"version\": 1}", "unknown field \"version\", expected \"entities\""),
            ("{\"entities\": {}}", "field \"entities\" must be an array"),
            ("{\"entities\": [], \"entities\": []}", "duplicate field \"entities\""),
            ("[\"x\"]", "invalid type: string \"x\", expected struct Entity"),
        ] {
            let (_, bad) = lines(&read_json(text, &src));
            assert_eq!(bad.len(), 1, "{text}");
            assert!(bad[0].1.starts_with(message), "{text}: {}", bad[0].1);
        }
    }

    #[test]
    fn scanner_handles_strings_with_brackets_and_escapes() {
        let text = "[{\"id\":\"a\",\"kind\":\"state\",\"name\":\"A ] \\\" } [\"}, 1, true]";
        let (ok, bad) = lines(&read_json(text, &Arc::from("t")));
        assert_eq!(ok, [Some(1)]);
        assert_eq!(bad.len(), 2);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let src: Arc<str> = Arc::from("t");
        let deep = "[".repeat(100_000);
        assert_eq!(read_json(&deep, &src).1.len(), 1);
        assert_eq!(read_jsonl(&deep, &src).1.len(), 1);
        let closed = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let (ok, bad) = read_json(&closed, &src);
        assert!(ok.is_empty());
        assert!(bad[0].message.contains("recursion limit"), "{}", bad[0].message);
    }

    #[test]
    fn value_end_never_overruns() {
        for text in ["", "\"", "\"\\", "[", "[\"]", "{\"a\":", "1", "]", "}"] {
            let _ = value_end(text.as_bytes(), 0);
        }
        assert_eq!(value_end(b"12, 3", 0), Some(2));
        assert_eq!(value_end(b"[1, [2]] x", 0), Some(8));
    }
}
