//! Every resolution pass, end to end, against a recorded result: `tests/cases/passes.json`
//! was written by the code before `src/matcher.rs` was split into `scan/` and `resolve/`,
//! so this test proves the split changed nothing (and guards later refactors).
//!
//! The sentences are written for this test. The result depends on the embedded gazetteer
//! too: after an intended change of code or a regenerated `data/default.jsonl`, re-record
//! with `GEOPOL_BLESS=1 cargo test --test integration passes` and review the diff.

#![cfg(feature = "embedded")]

use geopol::{CharOffsets, Date, Matcher, Mention};
use serde_json::{json, Value};

use crate::common::root;

/// (name: the pass or rule it exercises, text).
const SENTENCES: &[(&str, &str)] = &[
    ("composition", "Kazakh President Kassym-Jomart Tokayev opened a new rail link on Tuesday."),
    (
        "apposition",
        "Officials said Sergei Lavrov, foreign minister of Russia, would travel north next week.",
    ),
    ("title_to_holder", "The Turkish foreign minister spoke to reporters after the meeting."),
    (
        "surname_after_full_name",
        "Joe Biden met farmers in Iowa; later Biden told them the plan would wait.",
    ),
    ("surname_alone", "Reporters asked whether Biden would come; BIDEN WAITS, a headline said."),
    ("place_as_actor", "Moscow said the talks had stalled, and Kyiv denied it."),
    ("longer_name", "Air France cancelled several flights because of the strike."),
    ("dateline", "ANKARA, March 3 (Reuters) - Turkey's central bank held its main rate steady."),
    (
        "person_named_like_state",
        "Michael Jordan visited Jordan with officials of the United Nations.",
    ),
    ("title_then_name", "Germany's Chancellor, Olaf Scholz, met Emmanuel Macron in Paris."),
    ("case_policy", "The UN and the un-named envoy met; the U.S. Navy and NATO watched."),
];

const DATES: &[Option<&str>] = &[None, Some("2023-03-10"), Some("2016-06-01")];

fn rows(text: &str, found: &[Mention<'_>]) -> Value {
    let offsets = CharOffsets::new(text);
    Value::Array(found.iter().map(|m| m.to_json(&offsets)).collect())
}

fn run(matcher: &Matcher, text: &str, date: Option<Date>) -> Value {
    let found = matcher.extract(text, date);
    let iter: Vec<Mention<'_>> = matcher.extract_iter(text, date).collect();
    let (a, b) = (rows(text, &found), rows(text, &iter));
    assert_eq!(a, b, "extract_iter differs from extract on {text:?}");
    let (explained, _) = matcher.explain(text, date);
    assert_eq!(rows(text, &explained), a, "explain differs from extract on {text:?}");
    a
}

fn record() -> Value {
    let variants: [(&str, Matcher); 3] = [
        ("default", Matcher::default()),
        (
            "no_readings",
            Matcher::builder().readings(false).build(Matcher::default().gazetteer_arc()).unwrap(),
        ),
        (
            "no_titles_no_surnames",
            Matcher::builder()
                .titles_to_holders(false)
                .surnames(false)
                .build(Matcher::default().gazetteer_arc())
                .unwrap(),
        ),
    ];
    // All sentences as one document, one paragraph each: context carries across paragraphs.
    let whole: String = SENTENCES.iter().map(|(_, s)| *s).collect::<Vec<_>>().join("\n\n");
    let mut cases = Vec::new();
    for (variant, matcher) in &variants {
        for date in DATES {
            let d = date.map(|d| d.parse::<Date>().unwrap());
            for (name, text) in SENTENCES.iter().copied().chain([("whole", whole.as_str())]) {
                cases.push(json!({
                    "variant": variant,
                    "name": name,
                    "date": date,
                    "text": text,
                    "mentions": run(matcher, text, d),
                }));
            }
        }
    }
    json!({ "cases": cases })
}

#[test]
fn every_pass_matches_the_recorded_result() {
    let path = root().join("tests/cases/passes.json");
    let got = record();
    if std::env::var_os("GEOPOL_BLESS").is_some() {
        let mut text = serde_json::to_string_pretty(&got).unwrap();
        text.push('\n');
        std::fs::write(&path, text).unwrap();
        return;
    }
    let want: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let (got, want) = (got["cases"].as_array().unwrap(), want["cases"].as_array().unwrap());
    assert_eq!(got.len(), want.len(), "number of cases");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g, w, "{} / {} / {}", w["variant"], w["name"], w["date"]);
    }
}
