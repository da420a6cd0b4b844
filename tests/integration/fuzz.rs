//! The fuzz corpus as a regression test: every file of `fuzz/corpus/<target>/` goes through
//! its target's body (`tests/fuzz/targets.rs`, the code cargo-fuzz runs), on stable. Save
//! the input of any crash that fuzzing finds there, named after the defect.

#![cfg(all(feature = "embedded", feature = "cli"))]

use std::path::Path;

#[path = "../fuzz/targets.rs"]
mod targets;

#[test]
fn every_corpus_file_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut replayed = 0;
    for (name, body) in targets::TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e} (every target keeps a seed corpus)", dir.display()))
            .map(|entry| entry.expect("a corpus entry").path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{}: no seed files", dir.display());
        for path in files {
            let data = std::fs::read(&path).expect("a corpus file reads");
            let outcome = std::panic::catch_unwind(|| body(&data));
            assert!(outcome.is_ok(), "fuzz target {name} fails on {}", path.display());
            replayed += 1;
        }
    }
    assert!(replayed >= targets::TARGETS.len());
}

#[test]
fn every_target_has_a_cargo_fuzz_binary() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/Cargo.toml"))
            .expect("fuzz/Cargo.toml reads");
    for (name, _) in targets::TARGETS {
        assert!(manifest.contains(&format!("name = \"{name}\"")), "fuzz/Cargo.toml lacks {name}");
        let src =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("fuzz/fuzz_targets/{name}.rs"));
        assert!(src.exists(), "{} is missing", src.display());
    }
}
