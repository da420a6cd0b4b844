//! The reference article of `../shared/fixtures` through the embedded default gazetteer.

use geopol::fold::fold_str;
use geopol::{CharOffsets, EntityKind, Matcher};
use serde_json::Value;

use crate::common::shared;

/// Every gold mention of the reference article is found and linked (entities, and the
/// post held on the article's date), and "Baghdad" in "Baghdad Amreyev" is not Iraq.
#[test]
fn reference_article() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared/fixtures is absent");
        return;
    };
    let dir = shared.join("fixtures");
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("ots-kazakhstan.expected.json")).unwrap(),
    )
    .unwrap();
    let text = std::fs::read_to_string(dir.join(gold["text_file"].as_str().unwrap())).unwrap();
    let date = gold["date"].as_str().unwrap().parse().unwrap();
    let matcher = Matcher::default();
    let found = matcher.extract(&text, Some(date));
    let co = CharOffsets::new(&text);
    let pred: Vec<_> = found
        .iter()
        .map(|m| (co.char_offset(m.span.start) as u64, co.char_offset(m.span.end) as u64, m))
        .collect();
    let mut misses = Vec::new();
    for g in gold["mentions"].as_array().unwrap() {
        let (gs, ge) = (g["start"].as_u64().unwrap(), g["end"].as_u64().unwrap());
        let kind = g["kind"].as_str().unwrap();
        let hit = pred.iter().any(|(s, e, m)| {
            *s < ge
                && gs < *e
                && m.entity.kind.as_str() == kind
                && match m.entity.kind {
                    EntityKind::State => m.entity.codes.iso3.as_deref() == g["iso3"].as_str(),
                    EntityKind::Organization => {
                        m.entity.codes.acronym.as_deref() == g["acronym"].as_str()
                            || fold_str(&m.entity.name) == fold_str(g["name"].as_str().unwrap())
                    }
                    EntityKind::Place => {
                        fold_str(&m.entity.name) == fold_str(g["name"].as_str().unwrap())
                            && m.state.and_then(|s| s.codes.iso3.as_deref()) == g["state"].as_str()
                    }
                    _ => {
                        fold_str(&m.entity.name) == fold_str(g["name"].as_str().unwrap())
                            && m.role.as_ref().is_some_and(|r| {
                                Some(r.key) == g["role"].as_str()
                                    && r.of.is_some_and(|o| {
                                        let want = g["of"].as_str().unwrap();
                                        o.codes.iso3.as_deref() == Some(want)
                                            || o.codes.acronym.as_deref() == Some(want)
                                    })
                            })
                    }
                }
        });
        if !hit {
            misses.push(format!("{} @{gs}", g["text"]));
        }
    }
    for g in gold["must_not"].as_array().unwrap() {
        let (gs, ge) = (g["start"].as_u64().unwrap(), g["end"].as_u64().unwrap());
        if pred.iter().any(|(s, e, m)| {
            *s < ge && gs < *e && m.entity.codes.iso3.as_deref() == g["iso3"].as_str()
        }) {
            misses.push(format!("WRONG {} @{gs}", g["text"]));
        }
    }
    assert!(misses.is_empty(), "reference article misses: {misses:#?}");
}
