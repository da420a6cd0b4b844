//! The `geopol` command line, driven in-process through `geopol::cli::run_with`, plus a
//! few runs of the built binary.
#![cfg(feature = "cli")]

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{read_jsonl, root};

/// What one run printed and returned.
struct Run {
    code: i32,
    out: String,
    err: String,
}

/// Runs `geopol ARGS` with `stdin` as standard input.
fn geopol(args: &[&str], stdin: &str) -> Run {
    let argv: Vec<OsString> =
        std::iter::once("geopol").chain(args.iter().copied()).map(OsString::from).collect();
    let mut input = stdin.as_bytes();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = geopol::cli::run_with(argv, &mut input, &mut out, &mut err);
    Run {
        code,
        out: String::from_utf8(out).expect("output is UTF-8"),
        err: String::from_utf8(err).expect("messages are UTF-8"),
    }
}

/// A fresh folder for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("geopol-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn cases_gazetteer() -> String {
    root().join("tests/cases/gazetteer.jsonl").display().to_string()
}

fn json_lines(s: &str) -> Vec<Value> {
    s.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

const ARTICLE: &str = "ANKARA — Türkiye’s Mevlüt Çavuşoğlu met Péter Szijjártó on Tuesday. \
Kazakh President Kassym-Jomart Tokayev's envoy said Tokayev would visit Ankara.\n";

/// The keys of DESIGN.md's "Mention JSON".
const MENTION_KEYS: &[&str] = &[
    "stands_for",
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
    "candidates",
    "more_candidates",
    "date_checked",
];

#[test]
fn extract_text_file_writes_mention_json_with_both_offsets() {
    let dir = scratch("extract-text");
    let file = write(&dir, "article.txt", ARTICLE);
    let g = cases_gazetteer();
    let run =
        geopol(&["extract", "--no-default", "--gazetteer", &g, "--date", "2022-01-11", &file], "");
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(run.err, "");
    let mentions = json_lines(&run.out);
    assert!(mentions.len() >= 6, "{}", run.out);
    let chars: Vec<char> = ARTICLE.chars().collect();
    let mut non_ascii_offsets_differ = false;
    for m in &mentions {
        let keys: BTreeSet<&str> = m.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, MENTION_KEYS.iter().copied().collect(), "{m}");
        let text = m["text"].as_str().unwrap();
        let (bs, be) = (m["byte_start"].as_u64().unwrap(), m["byte_end"].as_u64().unwrap());
        let (cs, ce) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
        assert_eq!(&ARTICLE[bs as usize..be as usize], text);
        assert_eq!(chars[cs as usize..ce as usize].iter().collect::<String>(), text);
        non_ascii_offsets_differ |= cs != bs;
        assert!(["state", "organization", "official", "role", "place"]
            .contains(&m["kind"].as_str().unwrap()));
    }
    assert!(non_ascii_offsets_differ, "code-point and byte offsets must differ after 'ü'");
    let cavusoglu = mentions.iter().find(|m| m["id"] == "person:mevlut-cavusoglu").unwrap();
    assert_eq!(cavusoglu["role"]["key"], "foreign_minister");
    assert_eq!(cavusoglu["role"]["of"], "state:TUR");
    assert_eq!(cavusoglu["role"]["of_name"], "Turkey");
    assert_eq!(cavusoglu["state"], "state:TUR");
    assert_eq!(cavusoglu["date_checked"], true);
    let tokayev: Vec<&Value> =
        mentions.iter().filter(|m| m["id"] == "person:kassym-jomart-tokayev").collect();
    assert_eq!(tokayev.len(), 2, "full name, then surname alone");
    assert_eq!(tokayev[0]["role"]["key"], "head_of_state");
}

#[test]
fn extract_reads_standard_input_like_a_file() {
    let dir = scratch("extract-stdin");
    let file = write(&dir, "article.txt", ARTICLE);
    let g = cases_gazetteer();
    let base = ["extract", "--no-default", "-g", &g, "--date", "2022-01-11"];
    let from_file = geopol(&[&base[..], &[&file]].concat(), "");
    let from_dash = geopol(&[&base[..], &["-"]].concat(), ARTICLE);
    let from_nothing = geopol(&base, ARTICLE);
    assert_eq!(from_file.code, 0, "{}", from_file.err);
    assert_eq!(from_dash.code, 0, "{}", from_dash.err);
    assert!(!from_file.out.is_empty());
    assert_eq!(from_dash.out, from_file.out);
    assert_eq!(from_nothing.out, from_file.out);
    // Standard input cannot be read twice.
    let twice = geopol(&[&base[..], &["-", "-"]].concat(), ARTICLE);
    assert_eq!(twice.code, 1);
}

#[test]
fn extract_without_date_is_not_date_checked() {
    let g = cases_gazetteer();
    let run = geopol(&["extract", "--no-default", "-g", &g], "Hakan Fidan spoke in Ankara.");
    assert_eq!(run.code, 0, "{}", run.err);
    let mentions = json_lines(&run.out);
    let fidan = mentions.iter().find(|m| m["id"] == "person:hakan-fidan").unwrap();
    assert_eq!(fidan["date_checked"], false);
}

#[test]
fn extract_jsonl_documents_keep_input_order_across_chunks() {
    let dir = scratch("extract-jsonl");
    // More documents than one chunk (1000), with two threads, to check the order.
    let mut text = String::new();
    let n = 2345;
    for i in 0..n {
        let doc = match i % 3 {
            0 => {
                serde_json::json!({"id": format!("d{i}"), "text": "Mevlüt Çavuşoğlu flew to Astana.", "date": "2022-01-11"})
            }
            1 => {
                serde_json::json!({"id": i, "text": "The Turkish foreign minister spoke.", "date": "2024-01-01", "url": "ignored"})
            }
            _ => serde_json::json!({"text": "Niger and Nigeria signed a deal."}),
        };
        text.push_str(&doc.to_string());
        text.push('\n');
        if i == 10 {
            text.push('\n'); // blank lines are skipped
        }
    }
    let file = write(&dir, "news.jsonl", &text);
    let g = cases_gazetteer();
    let run = geopol(
        &["extract", "--no-default", "-g", &g, "--threads", "2", "--date", "2020-05-05", &file],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.err);
    let docs = json_lines(&run.out);
    assert_eq!(docs.len(), n);
    for (i, d) in docs.iter().enumerate() {
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["date", "id", "mentions", "schema_version"], "{d}");
        assert_eq!(d["schema_version"], 1);
        for m in d["mentions"].as_array().unwrap() {
            let keys: BTreeSet<&str> = m.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(keys, MENTION_KEYS.iter().copied().collect());
        }
        match i % 3 {
            0 => {
                assert_eq!(d["id"], format!("d{i}"));
                assert_eq!(d["date"], "2022-01-11");
            }
            1 => {
                assert_eq!(d["id"], i);
                assert_eq!(d["date"], "2024-01-01");
                // The title resolves to whoever held the post on that day.
                let m = &d["mentions"][1];
                assert_eq!(m["id"], "person:hakan-fidan", "{d}");
            }
            _ => {
                // No id: the file and line; no date: --date.
                let line = i + 1 + usize::from(i > 10);
                assert_eq!(d["id"], format!("{file}:{line}"));
                assert_eq!(d["date"], "2020-05-05");
                let ids: Vec<&str> = d["mentions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m["id"].as_str().unwrap())
                    .collect();
                assert_eq!(ids, ["state:NER", "state:NGA"]);
            }
        }
    }
    // The same documents through standard input, with --input jsonl.
    let piped = geopol(
        &["extract", "--no-default", "-g", &g, "--input", "jsonl", "--date", "2020-05-05", "-"],
        &text,
    );
    assert_eq!(piped.code, 0, "{}", piped.err);
    let piped = json_lines(&piped.out);
    assert_eq!(piped.len(), n);
    assert_eq!(piped[0], docs[0]);
    assert_eq!(piped[2]["id"], "<stdin>:3");
}

#[test]
fn extract_bad_jsonl_line_names_file_and_line() {
    let dir = scratch("extract-bad-jsonl");
    let text = "{\"id\": 1, \"text\": \"Kazakhstan\"}\n{\"id\": 2, \"text\": \"Chad\"}\n{\"id\": 3, \"txt\": \"Niger\"}\n{\"id\": 4, \"text\": \"Niger\"}\n";
    let file = write(&dir, "bad.jsonl", text);
    let g = cases_gazetteer();
    let run = geopol(&["extract", "--no-default", "-g", &g, &file], "");
    assert_eq!(run.code, 1);
    assert!(run.err.contains(&format!("{file}:3: ")), "{}", run.err);
    assert!(run.err.contains("\"text\""), "{}", run.err);
    // The documents before the bad line were written.
    let docs = json_lines(&run.out);
    assert_eq!(docs.len(), 2);

    let bad_date = write(&dir, "date.jsonl", "{\"text\": \"Chad\", \"date\": \"2022-02-30\"}\n");
    let run = geopol(&["extract", "--no-default", "-g", &g, &bad_date], "");
    assert_eq!(run.code, 1);
    assert!(run.err.contains(&format!("{bad_date}:1: ")), "{}", run.err);
}

#[test]
fn on_error_skip_reports_each_bad_document_and_goes_on() {
    let dir = scratch("extract-skip");
    let g = cases_gazetteer();
    let mut bytes = b"{\"id\": 1, \"text\": \"Chad\"}\n[1, 2]\n".to_vec();
    bytes.extend_from_slice(b"{\"id\": 3, \"text\": \"Chad\", \"date\": \"2024-13-01\"}\n");
    bytes.extend_from_slice(
        b"{\"id\": 4, \"text\": \"Chad \xff\"}\n{\"id\": 5, \"text\": \"Niger\"}\n",
    );
    let jsonl = dir.join("mixed.jsonl");
    std::fs::write(&jsonl, &bytes).unwrap();
    let jsonl = jsonl.display().to_string();
    let text = dir.join("latin1.txt");
    std::fs::write(&text, b"Chad \xe9t\xe9 Niger").unwrap();
    let text = text.display().to_string();
    let good = write(&dir, "good.txt", "Niger");
    let ids = |out: &str| -> Vec<String> {
        out.lines().skip(1).map(|l| l.split('\t').next().unwrap().to_string()).collect()
    };
    let base = ["extract", "--no-default", "-g", &g, "--format", "tsv"];

    // The default stops at the first bad line, with the documents before it written.
    let run = geopol(&[&base[..], &[jsonl.as_str()]].concat(), "");
    assert_eq!((run.code, ids(&run.out)), (1, vec!["1".to_string()]), "{}", run.err);

    // skip: every bad document named with its line, the rest extracted, exit code 3.
    let args = [&base[..], &["--on-error", "skip", jsonl.as_str(), text.as_str(), good.as_str()]];
    let run = geopol(&args.concat(), "");
    assert_eq!(run.code, 3, "{}", run.err);
    assert_eq!(ids(&run.out), ["1", "5", good.as_str()]);
    for line in [2, 3, 4] {
        assert!(run.err.contains(&format!("geopol: skipped: {jsonl}:{line}: ")), "{}", run.err);
    }
    assert!(run.err.contains(&format!("geopol: skipped: {text}:1: invalid UTF-8")), "{}", run.err);
    assert!(
        run.err.ends_with("geopol: 4 bad documents skipped (--on-error skip)\n"),
        "{}",
        run.err
    );

    // --lossy reads the bad bytes as U+FFFD: offsets count them as one character each.
    let args = [&base[..], &["--lossy", "--fields", "doc,start,end,text", text.as_str()]];
    let run = geopol(&args.concat(), "");
    assert_eq!(run.code, 0, "{}", run.err);
    let rows: Vec<&str> = run.out.lines().skip(1).collect();
    assert_eq!(rows, [format!("{text}\t0\t4\tChad"), format!("{text}\t9\t14\tNiger")]);
    // A file that cannot be opened stops the run, skip or not.
    let missing = dir.join("missing.txt").display().to_string();
    let run = geopol(&[&base[..], &["--on-error", "skip", missing.as_str()]].concat(), "");
    assert_eq!(run.code, 1, "{}", run.err);
}

#[test]
fn extract_jsonl_keeps_big_integer_ids_verbatim() {
    let dir = scratch("extract-big-id");
    let text = "{\"id\": 18446744073709551616, \"text\": \"Chad\"}\n\
                {\"id\": 1.50, \"text\": \"Chad\"}\n{\"id\": \"s\\u00e9\", \"text\": \"Chad\"}\n";
    let file = write(&dir, "big.jsonl", text);
    let g = cases_gazetteer();
    let run = geopol(&["extract", "--no-default", "-g", &g, &file], "");
    assert_eq!(run.code, 0, "{}", run.err);
    let lines: Vec<&str> = run.out.lines().collect();
    assert!(lines[0].starts_with("{\"id\":18446744073709551616,"), "{}", lines[0]);
    assert!(lines[1].starts_with("{\"id\":1.50,"), "{}", lines[1]);
    assert!(lines[2].starts_with("{\"id\":\"s\\u00e9\","), "{}", lines[2]);
    let run = geopol(&["extract", "--no-default", "-g", &g, "--format", "tsv", &file], "");
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(run.out.lines().nth(1).unwrap().starts_with("18446744073709551616\t"), "{}", run.out);
    assert!(run.out.lines().nth(3).unwrap().starts_with("s\u{e9}\t"), "{}", run.out);

    // Any scalar is kept as written; an object or array is an error naming the line.
    let text = "{\"id\": true, \"text\": \"Chad\"}\n{\"id\": -0.0e+00, \"text\": \"Chad\"}\n";
    let file = write(&dir, "scalars.jsonl", text);
    let run = geopol(&["extract", "--no-default", "-g", &g, &file], "");
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(run.out.starts_with("{\"id\":true,"), "{}", run.out);
    assert!(run.out.lines().nth(1).unwrap().starts_with("{\"id\":-0.0e+00,"), "{}", run.out);
    for id in ["{\"a\": 1}", "[1]"] {
        let file = write(
            &dir,
            "bad-id.jsonl",
            &format!("{{\"id\": 1, \"text\": \"Chad\"}}\n{{\"id\": {id}, \"text\": \"Chad\"}}\n"),
        );
        let run = geopol(&["extract", "--no-default", "-g", &g, &file], "");
        assert_eq!(run.code, 1, "{id}: {}", run.out);
        assert!(run.err.contains(&format!("{file}:2: the document \"id\" must be")), "{}", run.err);
    }
}

#[test]
fn extract_jsonl_line_that_is_not_an_object_names_the_line() {
    let dir = scratch("extract-array-line");
    let g = cases_gazetteer();
    for bad in ["[1, \"Chad\"]", "\"Chad\"", "42"] {
        let file = write(&dir, "a.jsonl", &format!("{{\"text\": \"Chad\"}}\n{bad}\n"));
        let run = geopol(&["extract", "--no-default", "-g", &g, &file], "");
        assert_eq!(run.code, 1, "{bad}: {}", run.out);
        assert!(
            run.err.contains(&format!(
                "{file}:2: not a document: expected a JSON object with a \"text\" field"
            )),
            "{bad}: {}",
            run.err
        );
    }
}

#[test]
fn a_lone_surrogate_escape_is_named_plainly() {
    let dir = scratch("lone-surrogate-escape");
    let doc = write(&dir, "d.jsonl", "{\"text\": \"Chad \\ud800\"}\n");
    let gaz = write(
        &dir,
        "g.jsonl",
        "{\"id\": \"state:QQI\", \"kind\": \"state\", \"name\": \"\\udc00\"}\n",
    );
    let run = geopol(&["extract", "--no-default", "-g", &cases_gazetteer(), &doc], "");
    assert_eq!(run.code, 1);
    assert!(run.err.contains(&format!("{doc}:1: ")), "{}", run.err);
    assert!(run.err.contains("a \\u escape of a lone surrogate"), "{}", run.err);
    let run = geopol(&["validate", "--alone", &gaz], "");
    assert_eq!(run.code, 1);
    assert!(run.out.contains(&format!("{gaz}:1: a \\u escape of a lone surrogate")), "{}", run.out);
}

#[test]
fn extract_names_a_utf16_or_utf32_input() {
    let dir = scratch("extract-utf16");
    let g = cases_gazetteer();
    let boms: [(&[u8], &str); 4] = [
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
        (b"\xff\xfe\0\0", "UTF-32"),
        (b"\0\0\xfe\xff", "UTF-32"),
    ];
    for (bom, enc) in boms {
        for name in ["d.jsonl", "d.txt"] {
            let path = dir.join(name);
            let mut bytes = bom.to_vec();
            bytes.extend_from_slice(b"C\0h\0a\0d\0");
            std::fs::write(&path, bytes).unwrap();
            let file = path.display().to_string();
            let run = geopol(&["extract", "--no-default", "-g", &g, &file], "");
            assert_eq!(run.code, 1, "{name} {enc}");
            assert!(
                run.err.contains(&format!("{file}:1: this file is {enc}; geopol reads UTF-8")),
                "{name} {enc}: {}",
                run.err
            );
        }
    }
    // Without a byte order mark: NUL every other byte, in a text, a JSONL input and a
    // gazetteer (validate and extract -g).
    let le: Vec<u8> = "{\"text\": \"Chad\"}\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    for name in ["n.txt", "n.jsonl"] {
        let path = dir.join(name);
        std::fs::write(&path, &le).unwrap();
        let file = path.display().to_string();
        let run = geopol(&["extract", "--no-default", "-g", &g, &file], "");
        assert_eq!(run.code, 1, "{name}: {}", run.out);
        assert!(run.err.contains(&format!("{file}:1: this file is UTF-16 (")), "{}", run.err);
    }
    let gaz: Vec<u8> = [
        &b"\xff\xfe"[..],
        &"id,kind,name\nstate:QQD,state,Qudland\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
    ]
    .concat();
    let path = dir.join("g.csv");
    std::fs::write(&path, gaz).unwrap();
    let file = path.display().to_string();
    let run = geopol(&["validate", "--alone", &file], "");
    assert_eq!(run.code, 1);
    assert!(
        run.out.contains(&format!("{file}:1: this file is UTF-16; geopol reads UTF-8")),
        "{}",
        run.out
    );
    let run = geopol(&["extract", "-g", &file, "-"], "Chad");
    assert_eq!(run.code, 1);
    assert!(run.err.contains("this file is UTF-16; geopol reads UTF-8"), "{}", run.err);
}

#[test]
fn document_dates_must_be_yyyy_mm_dd() {
    let dir = scratch("extract-strict-dates");
    let g = cases_gazetteer();
    for bad in ["2024", "0000-01-01", " 2024-01-01 "] {
        let line = serde_json::json!({"text": "Chad", "date": bad}).to_string();
        let file = write(&dir, "d.jsonl", &format!("{line}\n"));
        let run = geopol(&["extract", "--no-default", "-g", &g, &file], "");
        assert_eq!(run.code, 1, "{bad:?}: {}", run.out);
        assert!(
            run.err.contains(&format!("{file}:1: invalid date {bad:?}")),
            "{bad:?}: {}",
            run.err
        );
        let run = geopol(&["extract", "--no-default", "-g", &g, "--date", bad, "-"], "Chad");
        assert_eq!(run.code, 2, "--date {bad:?}: {}", run.err);
        assert!(run.err.contains("invalid date"), "--date {bad:?}: {}", run.err);
    }
    let line = serde_json::json!({"text": "Chad", "date": "2022-01-11T09:30:00Z"}).to_string();
    let file = write(&dir, "ok.jsonl", &format!("{line}\n"));
    let run = geopol(&["extract", "--no-default", "-g", &g, "--documents", &file], "");
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(run.out.contains("\"date\":\"2022-01-11\""), "{}", run.out);
}

#[test]
fn extract_tsv_has_a_header_and_one_row_per_mention() {
    let g = cases_gazetteer();
    let run = geopol(
        &["extract", "--no-default", "-g", &g, "--date", "2022-01-11", "--format", "tsv", "-"],
        ARTICLE,
    );
    assert_eq!(run.code, 0, "{}", run.err);
    let mut lines = run.out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "doc\tstart\tend\ttext\tkind\tid\tname\tmatched_by\trole\trole_of\tstate\tstands_for"
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    let jsonl = geopol(&["extract", "--no-default", "-g", &g, "--date", "2022-01-11"], ARTICLE);
    assert_eq!(rows.len(), json_lines(&jsonl.out).len());
    for r in &rows {
        assert_eq!(r.len(), 12, "{r:?}");
        assert_eq!(r[0], "<stdin>");
    }
    let tokayev = rows.iter().find(|r| r[5] == "person:kassym-jomart-tokayev").unwrap();
    assert_eq!(&tokayev[7..], ["name", "head_of_state", "state:KAZ", "state:KAZ", ""]);
}

#[test]
fn extract_tsv_escapes_every_control_character() {
    let dir = scratch("tsv-controls");
    let g = write(
        &dir,
        "g.jsonl",
        "{\"id\": \"state:QQB\", \"kind\": \"state\", \"name\": \"Qu\\u0000b\\tc\\nd\\\\e\\u0085f\\u001bg\", \
         \"aliases\": [{\"text\": \"Quobland\"}]}\n",
    );
    let run =
        geopol(&["extract", "--no-default", "-g", &g, "--format", "tsv", "-"], "In Quobland.");
    assert_eq!(run.code, 0, "{}", run.err);
    let lines: Vec<&str> = run.out.lines().collect();
    assert_eq!(lines.len(), 2, "{:?}", run.out);
    let cells: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!(cells.len(), 12, "{cells:?}");
    assert_eq!(cells[6], "Qu\\u0000b\\tc\\nd\\\\e\\u0085f\\u001Bg");
    assert!(!run.out.contains(|c: char| c.is_control() && c != '\t' && c != '\n'));
}

#[test]
fn extract_table_is_aligned() {
    let g = cases_gazetteer();
    let run = geopol(&["extract", "--no-default", "-g", &g, "-f", "table"], ARTICLE);
    assert_eq!(run.code, 0, "{}", run.err);
    let lines: Vec<&str> = run.out.lines().collect();
    assert!(lines[0].starts_with("DOC"), "{}", run.out);
    let col = lines[0].find("TEXT").unwrap();
    let (before, _) = lines[1].split_at(lines[1].char_indices().nth(col).unwrap().0);
    assert!(before.ends_with("  "), "{}", run.out);
    // Nothing found: the header alone.
    let empty = geopol(&["extract", "--no-default", "-g", &g, "-f", "table"], "Nothing here.");
    assert_eq!(empty.out.lines().count(), 1);
}

#[test]
fn extract_with_missing_or_broken_gazetteer_fails_with_input_error() {
    let dir = scratch("extract-gazetteer");
    let run = geopol(&["extract", "--no-default"], "Chad");
    assert_eq!(run.code, 1);
    assert!(run.err.contains("--gazetteer"), "{}", run.err);
    let bad = write(&dir, "bad.jsonl", "{\"id\": \"state:X\", \"kind\": \"state\"}\n");
    let run = geopol(&["extract", "--no-default", "-g", &bad], "Chad");
    assert_eq!(run.code, 1);
    assert!(run.err.contains(&format!("{bad}:1")), "{}", run.err);
    // The documents read before a missing file are still written.
    let good = write(&dir, "good.txt", "Chad and Niger");
    let run =
        geopol(&["extract", "--no-default", "-g", &cases_gazetteer(), &good, "no/such.txt"], "");
    assert_eq!(run.code, 1);
    assert!(run.err.contains("no/such.txt"), "{}", run.err);
    assert_eq!(json_lines(&run.out).len(), 2);
}

#[test]
fn validate_refuses_a_csv_with_an_unterminated_quote_or_a_short_row() {
    // An open quote once swallowed the next record ("ok: 1 record"); a short row was padded.
    let dir = scratch("validate-csv");
    let quote =
        write(&dir, "q.csv", "id,kind,name\nstate:AAA,state,\"Aaland\nstate:BBB,state,Bbland\n");
    let run = geopol(&["validate", "--alone", &quote], "");
    assert_eq!(run.code, 1, "{}{}", run.out, run.err);
    let all = format!("{}{}", run.out, run.err);
    assert!(all.contains(&format!("{quote}:2: ")), "{all}");
    assert!(all.contains("unterminated quoted field"), "{all}");
    assert!(!all.contains("ok:"), "{all}");
    let short = write(&dir, "s.csv", "id,kind,name\nstate:AAA,state,Aaland\nstate:BBB,state\n");
    let run = geopol(&["validate", "--alone", &short], "");
    assert_eq!(run.code, 1, "{}{}", run.out, run.err);
    let all = format!("{}{}", run.out, run.err);
    assert!(all.contains(&format!("{short}:3: ")), "{all}");
    assert!(all.contains("row has 2 fields but the header has 3"), "{all}");
}

#[test]
fn validate_reports_every_problem_with_file_and_line() {
    let dir = scratch("validate");
    let people = write(
        &dir,
        "people.jsonl",
        concat!(
            "{\"id\": \"state:KAZ\", \"kind\": \"state\", \"name\": \"Kazakhstan\"}\n",
            "{\"id\": \"person:a\", \"kind\": \"official\", \"name\": \"Askar Example\", \"posts\": [{\"role\": \"head_of_state\", \"of\": \"state:NOWHERE\"}]}\n",
            "\n",
            "{\"id\": \"person:b\", \"kind\": \"official\", \"name\": \"Berik Example\", \"posts\": [{\"role\": \"wizard\", \"of\": \"state:KAZ\"}]}\n",
            "{\"id\": \"person:c\", \"kind\": \"official\", \"name\": \"Chingiz Example\", \"posts\": [{\"role\": \"foreign_minister\", \"of\": \"state:KAZ\", \"start\": \"2020-01-01\", \"end\": \"2019-01-01\"}]}\n",
        ),
    );
    let run = geopol(&["validate", "--alone", &people], "");
    assert_eq!(run.code, 1, "{}", run.out);
    let lines: Vec<&str> = run.out.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.out);
    assert!(lines[0].starts_with(&format!("{people}:2: entity \"person:a\": ")), "{}", lines[0]);
    assert!(lines[0].contains("state:NOWHERE"));
    assert!(lines[1].starts_with(&format!("{people}:4: entity \"person:b\": ")), "{}", lines[1]);
    assert!(lines[1].contains("wizard"));
    assert!(lines[2].starts_with(&format!("{people}:5: entity \"person:c\": ")), "{}", lines[2]);
    assert!(run.err.contains("3 problems"), "{}", run.err);

    // Problems of several files are all reported.
    let syntax = write(&dir, "syntax.jsonl", "{\"id\": \"state:X\",\n");
    let run = geopol(&["validate", "--alone", &people, &syntax], "");
    assert_eq!(run.code, 1);
    assert!(run.out.lines().any(|l| l.starts_with(&format!("{syntax}:1: "))), "{}", run.out);
}

#[test]
fn validate_accepts_a_good_gazetteer() {
    let g = cases_gazetteer();
    let run = geopol(&["validate", "--alone", &g], "");
    assert_eq!(run.code, 0, "{}{}", run.out, run.err);
    let n = std::fs::read_to_string(&g).unwrap().lines().filter(|l| !l.trim().is_empty()).count();
    assert!(run.out.contains(&format!("{n} entities")), "{}", run.out);
    assert!(run.out.lines().last().unwrap().starts_with("ok: 1 file"), "{}", run.out);
}

#[cfg(feature = "embedded")]
#[test]
fn validate_checks_together_with_the_default_gazetteer() {
    if geopol::Gazetteer::embedded().get("state:KAZ").is_none() {
        eprintln!("skipped: the embedded gazetteer has no state:KAZ yet");
        return;
    }
    let dir = scratch("validate-default");
    let file = write(
        &dir,
        "officials.jsonl",
        "{\"id\": \"person:test-official\", \"kind\": \"official\", \"name\": \"Test Official\", \"posts\": [{\"role\": \"foreign_minister\", \"of\": \"state:KAZ\", \"start\": \"2019-09-18\"}]}\n",
    );
    let run = geopol(&["validate", &file], "");
    assert_eq!(run.code, 0, "{}{}", run.out, run.err);
    let run = geopol(&["validate", "--alone", &file], "");
    assert_eq!(run.code, 1);
    assert!(run.out.contains("state:KAZ"), "{}", run.out);
}

#[test]
fn convert_round_trips_jsonl_csv_jsonl() {
    let dir = scratch("convert");
    let g = cases_gazetteer();
    let csv = dir.join("g.csv").display().to_string();
    let back = dir.join("g.jsonl").display().to_string();
    // The cases gazetteer is a complete one (its "Turkey" is the default's "Türkiye"): --alone.
    let run = geopol(&["convert", "--alone", &g, &csv], "");
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(std::fs::read_to_string(&csv).unwrap().starts_with("id,kind,name,"));
    let run = geopol(&["convert", "--alone", &csv, &back], "");
    assert_eq!(run.code, 0, "{}", run.err);
    let original: Vec<_> = read_jsonl(Path::new(&g)).into_iter().map(|(e, _)| e).collect();
    let round: Vec<_> = read_jsonl(Path::new(&back)).into_iter().map(|(e, _)| e).collect();
    assert_eq!(round, original);

    // Standard input and output, with the formats named.
    let json_text = geopol(&["convert", "--alone", "--to", "json", &g, "-"], "");
    assert_eq!(json_text.code, 0, "{}", json_text.err);
    let run = geopol(
        &["convert", "--alone", "--from", "json", "--to", "jsonl", "-", "-"],
        &json_text.out,
    );
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(run.out, std::fs::read_to_string(&back).unwrap());

    // No extension and no --to: an input error naming the flag.
    let run = geopol(&["convert", &g, "-"], "");
    assert_eq!(run.code, 1);
    assert!(run.err.contains("--to"), "{}", run.err);
}

#[test]
fn convert_refuses_what_validate_refuses() {
    let dir = scratch("convert-invalid");
    let dup = write(
        &dir,
        "dup.jsonl",
        "{\"id\": \"state:QQA\", \"kind\": \"state\", \"name\": \"Qualand\"}\n\
         {\"id\": \"state:QQA\", \"kind\": \"state\", \"name\": \"Qualand Two\"}\n",
    );
    let out = dir.join("out.csv");
    let validate = geopol(&["validate", "--alone", &dup], "");
    assert_eq!(validate.code, 1);
    let problem = validate.out.lines().next().unwrap().to_owned();
    assert!(problem.contains("dup.jsonl:2:") && problem.contains("duplicate id"), "{problem}");
    for args in [
        &["convert", &dup, out.to_str().unwrap()][..],
        &["convert", "--alone", "--to", "csv", &dup, "-"],
    ] {
        let run = geopol(args, "");
        assert_eq!(run.code, 1, "{args:?}: {}", run.err);
        assert!(run.err.contains(&problem), "{args:?}: {}", run.err);
        assert_eq!(run.out, "", "{args:?}");
    }
    assert!(!out.exists(), "nothing is written for an invalid input");

    // A reference to the default gazetteer is fine, unless --alone.
    let official = write(
        &dir,
        "o.jsonl",
        "{\"id\": \"person:q\", \"kind\": \"official\", \"name\": \"Qa Qb\", \
         \"posts\": [{\"role\": \"head_of_state\", \"of\": \"state:TUR\"}]}\n",
    );
    assert_eq!(geopol(&["convert", &official, "--to", "csv", "-"], "").code, 0);
    let run = geopol(&["convert", "--alone", &official, "--to", "csv", "-"], "");
    assert_eq!(run.code, 1);
    assert!(run.err.contains("refers to an unknown id"), "{}", run.err);
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &["frobnicate"][..],
        &[],
        &["extract", "--format", "xml", "-"],
        &["extract", "--date", "2022-02-30", "-"],
        &["extract", "--threads", "many", "-"],
        &["validate"],
        &["convert", "only-one.jsonl"],
        &["import", "cameo"],
    ] {
        let run = geopol(args, "");
        assert_eq!(run.code, 2, "{args:?}: {}", run.err);
        assert!(!run.err.is_empty(), "{args:?}");
        assert_eq!(run.out, "", "{args:?}");
    }
    let help = geopol(&["extract", "--help"], "");
    assert_eq!(help.code, 0);
    assert!(help.out.contains("Example"), "{}", help.out);
    assert!(help.out.contains("--gazetteer"));
    let version = geopol(&["--version"], "");
    assert_eq!(version.code, 0);
    assert!(version.out.starts_with("geopol "));
}

#[test]
fn threads_beyond_four_per_core_are_a_usage_error() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let limit = cores * 4;
    for n in [limit + 1, 100_000, usize::MAX] {
        let n = n.to_string();
        let run = geopol(&["extract", "--threads", &n, "-"], "Kazakhstan\n");
        assert_eq!(run.code, 2, "--threads {n}: {}", run.err);
        assert!(
            run.err.contains(&format!("at most {limit} (4 per core on this machine)")),
            "--threads {n}: {}",
            run.err
        );
        assert_eq!(run.out, "");
    }
    for n in ["0", "1", &limit.to_string()] {
        let run = geopol(&["extract", "--threads", n, "-"], "Kazakhstan\n");
        assert_eq!(run.code, 0, "--threads {n}: {}", run.err);
    }
}

#[test]
fn stats_counts_kinds_roles_and_dated_posts() {
    let g = cases_gazetteer();
    let run = geopol(&["stats", "--no-default", "-g", &g], "");
    assert_eq!(run.code, 0, "{}", run.err);
    // What the file holds, counted independently of the CLI.
    let records: Vec<Value> = std::fs::read_to_string(&g)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let of_kind = |k: &str| records.iter().filter(|r| r["kind"] == k).count();
    let fm_posts = records
        .iter()
        .flat_map(|r| r["posts"].as_array().cloned().unwrap_or_default())
        .filter(|p| p["role"] == "foreign_minister")
        .count();
    let first = run.out.lines().next().unwrap();
    assert!(
        first.starts_with("entities") && first.ends_with(&format!(" {}", records.len())),
        "{}",
        run.out
    );
    assert!(run.out.lines().any(|l| l.trim_start().starts_with("foreign_minister")));
    let run = geopol(&["stats", "--no-default", "-g", &g, "--format", "json"], "");
    assert_eq!(run.code, 0, "{}", run.err);
    let v: Value = serde_json::from_str(&run.out).unwrap();
    assert_eq!(v["entities"], records.len());
    assert_eq!(v["by_kind"]["state"], of_kind("state"));
    assert_eq!(v["by_kind"]["official"], of_kind("official"));
    assert_eq!(v["posts_by_role"]["foreign_minister"], fm_posts);
    assert_eq!(v["officials_with_dated_posts"], of_kind("official"));
    assert!(v["aliases_by_kind"]["demonym"].as_u64().unwrap() > 0);
    assert!(v["by_source"].is_object());
}

#[test]
fn stats_reports_the_horizon_and_how_fresh_each_state_is() {
    let dir = scratch("stats-freshness");
    // Aland: head of state confirmed 2025-03-01 (within a year of the 2025-12-31 horizon),
    // foreign minister 2024-12-30 (a day before the window that starts 2024-12-31);
    // Bbland: head of government confirmed at the horizon, a closed head of state;
    // Ccland ended, so it is not a current state even with a fresh head.
    let g = write(
        &dir,
        "g.jsonl",
        r#"{"id":"state:AAA","kind":"state","name":"Aland"}
{"id":"state:BBB","kind":"state","name":"Bbland"}
{"id":"state:CCC","kind":"state","name":"Ccland","end":"2020-01-01"}
{"id":"person:a","kind":"official","name":"Ann Able","sources":["ifg"],"posts":[{"role":"head_of_state","of":"state:AAA","start":"2020-01-01","confirmed":"2025-03-01"},{"role":"foreign_minister","of":"state:AAA","start":"2020-01-01","confirmed":"2024-12-30"}]}
{"id":"person:b","kind":"official","name":"Bob Baker","sources":["curated","wikidata"],"posts":[{"role":"head_of_government","of":"state:BBB","start":"2021-01-01","confirmed":"2025-12-31","source":"curated/posts/x.jsonl: https://example.org"},{"role":"head_of_state","of":"state:BBB","start":"2010-01-01","end":"2024-01-01"},{"role":"minister","of":"state:BBB","start":"2010-01-01","confirmed":"2022-07-01"}]}
{"id":"person:c","kind":"official","name":"Cy Cole","sources":["factbook"],"posts":[{"role":"head_of_state","of":"state:CCC","start":"2015-01-01","confirmed":"2025-06-01"}]}
"#,
    );
    let run = geopol(&["stats", "--no-default", "-g", &g, "--format", "json"], "");
    assert_eq!(run.code, 0, "{}", run.err);
    let v: Value = serde_json::from_str(&run.out).unwrap();
    let f = &v["freshness"];
    assert_eq!(f["horizon"], "2025-12-31", "{f}");
    assert_eq!(f["confirmed_since"], "2024-12-31", "{f}");
    assert_eq!(f["current_states"], 2, "{f}");
    assert_eq!(f["states_confirmed"]["head_of_state"], 1, "{f}");
    assert_eq!(f["states_confirmed"]["head_of_government"], 1, "{f}");
    assert_eq!(f["states_confirmed"]["foreign_minister"], 0, "{f}");
    let by = &f["open_posts_by_source"];
    assert_eq!(by["ifg"]["open_posts"], 2, "{f}");
    assert_eq!(by["ifg"]["latest_confirmed"], "2025-03-01", "{f}");
    // The post that names its source counts for it; the other open one of a person with
    // two sources is "(several)".
    assert_eq!(by["curated"]["latest_confirmed"], "2025-12-31", "{f}");
    assert_eq!(by["(several)"]["open_posts"], 1, "{f}");
    assert_eq!(by["factbook"]["open_posts"], 1, "{f}");
    let run = geopol(&["stats", "--no-default", "-g", &g], "");
    assert_eq!(run.code, 0, "{}", run.err);
    // The last line of each label: the freshness block comes after the posts by role.
    let line = |label: &str| {
        run.out.lines().rev().find(|l| l.trim_start().starts_with(label)).unwrap_or_else(|| {
            panic!("no {label:?} line in\n{}", run.out);
        })
    };
    assert!(line("horizon").ends_with("2025-12-31"), "{}", run.out);
    assert!(line("states confirmed since 2024-12-31").contains(" 2 "), "{}", run.out);
    assert!(line("head_of_state").ends_with("1  50.0 %"), "{}", run.out);
    assert!(line("foreign_minister").ends_with("0  0.0 %"), "{}", run.out);
}

#[test]
fn import_wikidata_writes_a_gazetteer() {
    let dir = scratch("import-wikidata");
    let posts = write(
        &dir,
        "posts.csv",
        "person,personLabel,position,positionLabel,country,start,end\n\
         Q70254110,Mukhtar Tileuberdi,Q1,Minister of Foreign Affairs,KAZ,2019-09-18,2023-04-01\n",
    );
    let out = dir.join("officials.jsonl").display().to_string();
    let run = geopol(&["import", "wikidata", &posts, "-o", &out], "");
    assert_eq!(run.code, 0, "{}", run.err);
    let records = read_jsonl(Path::new(&out));
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].0.posts[0].role, "foreign_minister");
    assert_eq!(records[0].0.posts[0].of, "state:KAZ");
    let run = geopol(&["import", "wikidata", &posts], "");
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(run.out, std::fs::read_to_string(&out).unwrap());
}

#[test]
fn import_cameo_names_the_line_of_bad_utf8_and_says_where_skipped_lines_go() {
    let dir = scratch("import-cameo-messages");
    let path = dir.join("bad.txt");
    std::fs::write(&path, b"QUOLAND_ [QQE]\n+QUOLANDER_\nQU\xffX_ [QQF]\n").unwrap();
    let file = path.display().to_string();
    let run = geopol(&["import", "cameo", &file], "");
    assert_eq!(run.code, 1);
    assert!(run.err.contains(&format!("{file}:3: invalid UTF-8")), "{}", run.err);

    let utf16: Vec<u8> = "QUOLAND_ [QQE]\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(&path, utf16).unwrap();
    let run = geopol(&["import", "cameo", &file], "");
    assert_eq!(run.code, 1);
    assert!(run.err.contains("this file is UTF-16"), "{}", run.err);

    let actors = write(&dir, "actors.txt", "QUOLAND_ [QQE]\n+QUOLANDER_\nNOCODE_\n");
    let run = geopol(&["import", "cameo", &actors], "");
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(!run.out.contains("NOCODE"), "{}", run.out);
    let last = run.err.lines().last().unwrap();
    assert!(run.err.contains("geopol: skipped: "), "{}", run.err);
    assert_eq!(
        last,
        "geopol: imported 1 entity (1 state) to standard output; \
         1 record skipped (listed above, on standard error)"
    );
}

#[test]
fn import_cameo_writes_a_gazetteer() {
    let dir = scratch("import-cameo");
    let actors = write(
        &dir,
        "actors.txt",
        "KAZAKHSTAN_ [KAZ]\n+KAZAKH_\nKASSYM-JOMART_TOKAYEV_ [KAZGOV 190320-]\n",
    );
    let run = geopol(&["import", "cameo", &actors], "");
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(!run.out.is_empty(), "{}", run.err);
    for v in json_lines(&run.out) {
        assert!(v["id"].is_string() && v["kind"].is_string(), "{v}");
    }
}

/// A writer whose reader went away after `left` bytes, like `| head -c`.
struct ClosedAfter {
    left: usize,
}

impl Write for ClosedAfter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_closed_output_ends_quietly() {
    let g = cases_gazetteer();
    let text = ARTICLE.repeat(200);
    let argv: Vec<OsString> =
        ["geopol", "extract", "--no-default", "-g", &g].iter().map(OsString::from).collect();
    let mut out = ClosedAfter { left: 100 };
    let mut err = Vec::new();
    let code = geopol::cli::run_with(argv, &mut text.as_bytes(), &mut out, &mut err);
    assert_eq!(code, 0);
    assert_eq!(String::from_utf8_lossy(&err), "");

    let argv: Vec<OsString> = ["geopol", "convert", "--alone", "--to", "csv", &g, "-"]
        .iter()
        .map(OsString::from)
        .collect();
    let mut out = ClosedAfter { left: 10 };
    let mut err = Vec::new();
    let code = geopol::cli::run_with(argv, &mut &b""[..], &mut out, &mut err);
    assert_eq!(code, 0);
    assert_eq!(String::from_utf8_lossy(&err), "");
}

#[test]
fn the_binary_streams_and_survives_a_closed_pipe() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let g = cases_gazetteer();
    let mut child = Command::new(env!("CARGO_BIN_EXE_geopol"))
        .args(["extract", "--no-default", "-g", &g, "--input", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let line = serde_json::json!({"id": 1, "text": ARTICLE}).to_string() + "\n";
        for _ in 0..20_000 {
            if stdin.write_all(line.as_bytes()).is_err() {
                break;
            }
        }
    });
    let mut first = [0u8; 64];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    assert!(first.starts_with(b"{\"id\":1,"));
    drop(child.stdout.take()); // like `| head`
    let status = child.wait().unwrap();
    feeder.join().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert_eq!(err, "");
}

/// A closed standard output (`>&-`) loses the output: that is an error (exit 1), while a
/// reader that went away (`| head`, tested above) is a normal end. (Linux: elsewhere the
/// Rust runtime's `/dev/null` for a closed stdout cannot be told from `>/dev/null`.)
#[cfg(target_os = "linux")]
#[test]
fn the_binary_fails_on_a_closed_or_full_stdout() {
    use std::process::Command;
    let dir = scratch("closed-stdout");
    let doc = write(&dir, "a.txt", "Kazakhstan and Chad\n");
    let bin = env!("CARGO_BIN_EXE_geopol");
    let mut redirects = vec![">&-"];
    if Path::new("/dev/full").exists() {
        redirects.push(">/dev/full");
    }
    for redirect in redirects {
        let run = Command::new("/bin/sh")
            .args(["-c", &format!("exec \"$0\" extract \"$1\" {redirect}"), bin, &doc])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{redirect}: {err}");
        assert!(err.starts_with("geopol: error: cannot write the output: "), "{redirect}: {err}");
    }
    // Output thrown away on purpose is fine.
    let run = Command::new("/bin/sh")
        .args(["-c", "exec \"$0\" extract \"$1\" >/dev/null", bin, &doc])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    // A command that writes nothing to standard output does not mind.
    let g = write(
        &dir,
        "g.jsonl",
        "{\"id\": \"state:TCD\", \"kind\": \"state\", \"name\": \"Chad\"}\n",
    );
    let run = Command::new("/bin/sh")
        .args([
            "-c",
            "exec \"$0\" convert --to csv \"$1\" \"$2\" >&-",
            bin,
            &g,
            &format!("{g}.csv"),
        ])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
}

#[test]
fn unknown_lists_new_people_as_gazetteer_lines_that_load_back() {
    let dir = scratch("unknown");
    let doc = write(
        &dir,
        "doc.jsonl",
        concat!(
            r#"{"id": 1, "date": "2025-03-01", "text": "Chilean Foreign Minister Tomasa Quelenta met former Kenyan President Baraka Mwangaza on Monday. Quelenta said the talks went well."}"#,
            "\n",
            r#"{"id": 2, "date": "2025-04-01", "text": "Chilean Foreign Minister Tomasa Quelenta flew home."}"#,
            "\n"
        ),
    );
    let run = geopol(&["extract", "--input", "jsonl", "--unknown", &doc], "");
    assert_eq!(run.code, 0, "{}", run.err);
    let people = json_lines(&run.out);
    let names: Vec<&str> = people.iter().map(|p| p["name"].as_str().unwrap()).collect();
    // Most often named first.
    assert_eq!(names, ["Tomasa Quelenta", "Baraka Mwangaza"]);
    let minister = &people[0];
    assert_eq!(minister["kind"], "official");
    assert_eq!(minister["aliases"][0]["text"], "Quelenta");
    assert_eq!(minister["aliases"][0]["type"], "surname");
    let post = &minister["posts"][0];
    assert_eq!(post["role"], "foreign_minister");
    assert_eq!(post["of"], "state:CHL");
    assert!(post.get("end").is_none(), "a current post has no end: {post}");
    assert!(post["note"].as_str().unwrap().contains("2 document(s)"), "{post}");
    // "former": the post had ended by the document's date.
    let former = &people[1]["posts"][0];
    assert_eq!(former["role"], "head_of_state");
    assert_eq!(former["end"], "2025-03-01");

    // The lines are a gazetteer: with it, the people have ids.
    let gaz = write(&dir, "new.jsonl", &run.out);
    let run = geopol(&["validate", &gaz], "");
    assert_eq!(run.code, 0, "{}{}", run.out, run.err);
    let run = geopol(
        &["extract", "--gazetteer", &gaz, "--date", "2025-05-01", "--format", "jsonl", "-"],
        "Quelenta and Mwangaza spoke.",
    );
    assert_eq!(run.code, 0, "{}", run.err);
    let ids: Vec<String> =
        json_lines(&run.out).iter().map(|m| m["id"].as_str().unwrap_or("").to_string()).collect();
    assert!(ids.contains(&"person:tomasa-quelenta".to_string()), "{ids:?}");
}

#[test]
fn a_prose_sentence_with_two_titled_names_is_not_a_headline() {
    let run = geopol(
        &["extract", "--date", "2025-03-01", "--format", "jsonl", "-"],
        "Chilean Foreign Minister Tomasa Quelenta met former Kenyan President Baraka \
         Mwangaza on Monday.",
    );
    assert_eq!(run.code, 0, "{}", run.err);
    let people: Vec<(String, bool)> = json_lines(&run.out)
        .iter()
        .filter(|m| m["kind"] == "official")
        .map(|m| (m["text"].as_str().unwrap().to_string(), m["role"]["former"] == true))
        .collect();
    assert_eq!(
        people,
        [("Tomasa Quelenta".to_string(), false), ("Baraka Mwangaza".to_string(), true)]
    );
    // A headline in title case still names no newcomer (the title alone may still read as
    // the minister of that day, a known holder).
    let run = geopol(
        &["extract", "--date", "2025-03-01", "--format", "jsonl", "-"],
        "Chilean Foreign Minister Tomasa Quelenta Meets Kenyan Leader",
    );
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(
        json_lines(&run.out).iter().all(|m| m["kind"] != "official"
            || (!m["id"].is_null() && !m["text"].as_str().unwrap().contains("Quelenta"))),
        "{}",
        run.out
    );
}

#[test]
fn explain_writes_the_decisions_to_standard_error_and_changes_no_mention() {
    let dir = scratch("explain");
    let doc = write(
        &dir,
        "doc.jsonl",
        concat!(
            r#"{"id": "a", "date": "2024-05-01", "text": "Michael Jordan scored; the Turkish foreign minister watched."}"#,
            "\n",
            r#"{"id": 7, "text": "Çalışkan met Michael Jordan in Amman."}"#,
            "\n"
        ),
    );
    let plain = geopol(&["extract", "--input", "jsonl", &doc], "");
    let run = geopol(&["extract", "--input", "jsonl", "--explain", &doc], "");
    assert_eq!((plain.code, run.code), (0, 0), "{}", run.err);
    assert_eq!(run.out, plain.out, "--explain changed the mentions");
    let why = json_lines(&run.err);
    let keys = [
        "doc",
        "start",
        "end",
        "byte_start",
        "byte_end",
        "text",
        "kind",
        "id",
        "to",
        "action",
        "pass",
        "reason",
    ];
    for d in &why {
        for k in keys {
            assert!(d.get(k).is_some(), "no {k:?} in {d}");
        }
    }
    let jordan = why.iter().find(|d| d["text"] == "Jordan" && d["doc"] == "a").unwrap();
    assert_eq!(
        (&jordan["action"], &jordan["pass"], &jordan["reason"], &jordan["id"]),
        (
            &Value::from("drop"),
            &Value::from("readings"),
            &Value::from("person_name"),
            &Value::from("state:JOR")
        )
    );
    assert_eq!((&jordan["start"], &jordan["byte_start"]), (&Value::from(8), &Value::from(8)));
    let holder = why.iter().find(|d| d["reason"] == "holder_on_date").unwrap();
    assert_eq!(holder["to"], "person:hakan-fidan");
    // The document id as it was written; code-point and byte offsets.
    let second = why.iter().find(|d| d["doc"] == 7).unwrap();
    assert_eq!(second["text"], "Jordan");
    assert_eq!((&second["start"], &second["byte_start"]), (&Value::from(21), &Value::from(24)));
}

#[test]
fn a_large_document_is_written_as_it_is_read_with_the_mentions_of_extract() {
    // Over 1 MiB, a document is streamed a piece at a time: the output is that of
    // `Matcher::extract` on the whole text, in every format, and a person is still one
    // person of one document.
    let dir = scratch("large");
    let line = "Chilean Foreign Minister Tomasa Quelenta met Kazakh officials in Astana. \
                Quelenta said Chad and Niger agreed.\n";
    let text = line.repeat((1 << 20) / line.len() + 100);
    let path = write(&dir, "large.txt", &text);
    let date = "2025-03-01";
    let m = geopol::Matcher::default();
    let found = m.extract(&text, Some(date.parse().unwrap()));
    assert!(found.len() > 40_000);
    let offsets = geopol::CharOffsets::new(&text);
    let expected: Vec<Value> = found.iter().map(|x| x.to_json(&offsets)).collect();

    let run = geopol(&["extract", "--date", date, "--format", "jsonl", &path], "");
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(json_lines(&run.out), expected);
    // On one thread (no scan ahead on a second), the same bytes.
    let one =
        geopol(&["extract", "--threads", "1", "--date", date, "--format", "jsonl", &path], "");
    assert_eq!(one.out, run.out);

    let run = geopol(&["extract", "--date", date, "--format", "jsonl", "--documents", &path], "");
    assert_eq!(run.code, 0, "{}", run.err);
    let docs = json_lines(&run.out);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["mentions"].as_array().unwrap(), &expected);

    let run = geopol(&["extract", "--date", date, "--format", "tsv", &path], "");
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(run.out.lines().count(), found.len() + 1);

    let run = geopol(&["extract", "--date", date, "--unknown", &path], "");
    assert_eq!(run.code, 0, "{}", run.err);
    let people = json_lines(&run.out);
    assert_eq!(people.len(), 1, "{people:?}");
    assert!(people[0]["posts"][0]["note"].as_str().unwrap().contains("1 document(s)"));

    let run = geopol(&["extract", "--date", date, "--explain", "--format", "jsonl", &path], "");
    assert_eq!(run.code, 0);
    assert_eq!(json_lines(&run.out), expected);
    let (_, decisions) = m.explain(&text, Some(date.parse().unwrap()));
    assert!(decisions.len() > 1000);
    assert_eq!(run.err.lines().count(), decisions.len());
}

#[test]
fn kinds_filters_the_output_not_the_resolution() {
    let text = "Turkish Foreign Minister Mevlut Cavusoglu met NATO envoys in Ankara. \
                The Turkish foreign minister left.";
    let all = geopol(&["extract", "--date", "2022-01-11", "--format", "jsonl", "-"], text);
    assert_eq!(all.code, 0, "{}", all.err);
    let run = geopol(
        &[
            "extract",
            "--date",
            "2022-01-11",
            "--kinds",
            "state, official",
            "--format",
            "jsonl",
            "-",
        ],
        text,
    );
    assert_eq!(run.code, 0, "{}", run.err);
    // Exactly the mentions of those kinds, as they are without the filter (the title
    // still resolved to its holder).
    let want: Vec<Value> = json_lines(&all.out)
        .into_iter()
        .filter(|m| m["kind"] == "state" || m["kind"] == "official")
        .collect();
    assert_eq!(json_lines(&run.out), want);
    assert!(want.iter().any(|m| m["text"] == "foreign minister" && m["kind"] == "official"));
    assert!(want.iter().all(|m| m["kind"] != "place" && m["kind"] != "organization"));
    let tsv = geopol(&["extract", "--kinds", "place", "--format", "tsv", "-"], text);
    assert_eq!(tsv.out.lines().count(), 2, "{}", tsv.out);
    let bad = geopol(&["extract", "--kinds", "state,people", "-"], text);
    assert_eq!(bad.code, 2);
    assert!(bad.err.contains("unknown kind \"people\""), "{}", bad.err);
}

#[test]
fn fields_pick_columns_and_keys() {
    let text = "Turkish Foreign Minister Mevlut Cavusoglu met in Ankara.";
    let tsv = geopol(&["extract", "--format", "tsv", "--fields", "text,doc,id", "-"], text);
    assert_eq!(tsv.code, 0, "{}", tsv.err);
    let lines: Vec<&str> = tsv.out.lines().collect();
    assert_eq!(lines[0], "text\tdoc\tid");
    assert_eq!(lines[1], "Turkish\t<stdin>\tstate:TUR");
    // JSONL: the same objects as without it, less the other keys; every key may be asked.
    let all = geopol(&["extract", "--date", "2022-01-11", "--format", "jsonl", "-"], text);
    let keys = "start,end,byte_start,byte_end,text,kind,id,name,matched_by,codes,role,state,\
                stands_for,candidates,more_candidates,date_checked";
    let every = geopol(&["extract", "--date", "2022-01-11", "--fields", keys, "-"], text);
    assert_eq!(json_lines(&every.out), json_lines(&all.out));
    let some = geopol(&["extract", "--date", "2022-01-11", "--fields", "id,text", "-"], text);
    for (m, full) in json_lines(&some.out).iter().zip(json_lines(&all.out)) {
        let obj = m.as_object().unwrap();
        assert_eq!(obj.len(), 2);
        assert_eq!((&m["id"], &m["text"]), (&full["id"], &full["text"]));
    }
    let bad = geopol(&["extract", "--fields", "role_of", "-"], text);
    assert_eq!(bad.code, 1);
    assert!(bad.err.contains("unknown field \"role_of\" for --format jsonl"), "{}", bad.err);
}
