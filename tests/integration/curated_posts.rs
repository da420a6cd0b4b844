//! The curated posts (data/curated/posts/*.jsonl) as the embedded default gazetteer
//! carries them: facts through the public API, and the closing of stale posts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use geopol::{Date, EntityKind, Matcher};
use serde_json::Value;

/// Every line of every curated post file.
fn curated_lines() -> Vec<Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/curated/posts");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, l) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", f.display(), i + 1));
            out.push(v);
        }
    }
    assert!(out.len() >= 100, "only {} curated post lines", out.len());
    out
}

/// Roles one person holds at a time in a state or organization (the generator's
/// SINGLE_HOLDER, for the roles the curated files use).
const SINGLE_HOLDER: &[&str] = &[
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "interior_minister",
    "finance_minister",
    "secretary_general",
];

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

/// The official `text` links to on `date`, with the role key and `of` of its post.
fn linked(m: &Matcher, text: &str, date: &str) -> Vec<(String, String, String)> {
    m.extract(text, Some(day(date)))
        .iter()
        .filter(|x| x.entity.kind == EntityKind::Official)
        .map(|x| {
            let r = x.role.as_ref();
            (
                x.entity.id.clone(),
                r.map(|r| r.key.to_string()).unwrap_or_default(),
                r.and_then(|r| r.of).map(|o| o.id.clone()).unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn curated_facts_resolve_on_their_dates() {
    let m = Matcher::default();
    let fm = |id: &str, of: &str| (id.to_string(), "foreign_minister".to_string(), of.to_string());
    assert_eq!(
        linked(&m, "Secretary of State Marco Rubio spoke on Monday.", "2025-03-01"),
        vec![fm("person:marco-rubio", "state:USA")]
    );
    assert_eq!(
        linked(&m, "U.S. Secretary of State Antony Blinken spoke on Monday.", "2023-06-01"),
        vec![fm("person:antony-blinken", "state:USA")]
    );
    // Qin Gang's months as foreign minister, then Wang Yi again (from 2023-07-25).
    assert_eq!(
        linked(&m, "Chinese Foreign Minister Qin Gang met him.", "2023-05-10"),
        vec![fm("person:qin-gang", "state:CHN")]
    );
    assert_eq!(
        linked(&m, "Chinese Foreign Minister Wang Yi met him.", "2024-05-10"),
        vec![fm("person:wang-yi", "state:CHN")]
    );
    // A curated post closed a public-snapshot post: Blinken's ends the day before
    // Rubio's starts, so on Rubio's first day Blinken holds no post.
    let g = m.gazetteer();
    let blinken = g.get("person:antony-blinken").unwrap();
    assert!(
        blinken
            .posts
            .iter()
            .all(|p| !(p.role == "foreign_minister" && p.held_on(day("2025-01-21")))),
        "{:?}",
        blinken.posts
    );
    let rubio = g.get("person:marco-rubio").unwrap();
    let post =
        rubio.posts.iter().find(|p| p.role == "foreign_minister" && p.of == "state:USA").unwrap();
    assert_eq!(post.start, Some(day("2025-01-21")));
    assert!(post.end.is_none() && post.confirmed.is_some() && !post.acting);
    assert!(post.source.as_deref().is_some_and(|s| s.starts_with("curated/posts/g20.jsonl")));
    assert!(rubio.sources.iter().any(|s| s == "curated"));
}

/// On 2025-06-01: no two of the people the curated files name hold the same single-holder
/// post, and no other official still holds a post a curated holder took over (one that
/// started before the curated post).
#[test]
fn curated_successors_close_stale_posts() {
    let m = Matcher::default();
    let g = m.gazetteer();
    let d = day("2025-06-01");
    let lines = curated_lines();
    let named: BTreeSet<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    let mut holders: BTreeMap<(String, String), BTreeSet<&str>> = BTreeMap::new();
    for id in &named {
        let e = g.get(id).unwrap_or_else(|| panic!("{id} is not in the default gazetteer"));
        for p in e.posts.iter().filter(|p| SINGLE_HOLDER.contains(&p.role.as_str())) {
            if p.held_on(d) {
                holders.entry((p.role.clone(), p.of.clone())).or_default().insert(id);
            }
        }
    }
    let shared: Vec<_> = holders.iter().filter(|(_, h)| h.len() > 1).collect();
    assert!(shared.is_empty(), "several holders on {d}: {shared:?}");
    let mut stale = Vec::new();
    let mut checked = 0;
    for l in &lines {
        let (id, role, of) =
            (l["id"].as_str().unwrap(), l["role"].as_str().unwrap(), l["of"].as_str().unwrap());
        if l["acting"].as_bool() == Some(true) || !SINGLE_HOLDER.contains(&role) {
            continue;
        }
        let Some(cur) = g.get(id).unwrap().posts.iter().find(|p| {
            p.role == role
                && p.of == of
                && p.held_on(d)
                && p.title.as_deref() == l["title"].as_str()
        }) else {
            continue;
        };
        checked += 1;
        for e in g.entities().iter().filter(|e| e.kind == EntityKind::Official && e.id != id) {
            for p in &e.posts {
                if p.role == role && p.of == of && p.held_on(d) && p.start < cur.start {
                    stale.push(format!("{} {role} {of} from {:?} (curated: {id})", e.id, p.start));
                }
            }
        }
    }
    assert!(checked >= 40, "only {checked} curated posts held on {d}");
    assert!(stale.is_empty(), "stale posts still open on {d}:\n{}", stale.join("\n"));
}
