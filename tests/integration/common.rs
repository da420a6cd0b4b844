//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use geopol::{Entity, Gazetteer, Location, Matcher, MergeMode};

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the checkout, when it exists.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("..").join("shared");
    p.is_dir().then_some(p)
}

/// Reads a JSONL gazetteer with serde alone (independent of `geopol::load`).
pub fn read_jsonl(path: &Path) -> Vec<(Entity, Location)> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let e: Entity = serde_json::from_str(l)
                .unwrap_or_else(|err| panic!("{}:{}: {err}", path.display(), i + 1));
            (e, Location::new(Some(Arc::from(path.display().to_string())), Some(i as u32 + 1)))
        })
        .collect()
}

/// The gazetteer of the shared matching cases.
pub fn cases_gazetteer() -> Arc<Gazetteer> {
    static G: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    G.get_or_init(|| {
        let mut b = Gazetteer::builder();
        b.add_source(read_jsonl(&root().join("tests/cases/gazetteer.jsonl")), MergeMode::Extend);
        Arc::new(b.build().unwrap())
    })
    .clone()
}

/// A matcher over [`cases_gazetteer`].
pub fn cases_matcher() -> Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| Matcher::new(cases_gazetteer()).unwrap()).clone()
}
