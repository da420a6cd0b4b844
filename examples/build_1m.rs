//! Build time and peak memory of a matcher over 1,000,000 synthetic aliases
//! (deterministic 1–4-word name-like phrases, one entity each).
//!
//! ```text
//! cargo build --release --example build_1m
//! /usr/bin/time -v target/release/examples/build_1m          # "Maximum resident set size"
//! target/release/examples/build_1m 250000                    # another size
//! target/release/examples/build_1m 1000000 --raw              # + raw aho-corasick build
//! target/release/examples/build_1m 1000000 --per-entity 4     # 250k entities, 4 aliases each
//! ```
//!
//! Prints the time of each phase and this process's resident memory after it (VmRSS) and
//! its peak so far (VmHWM), from /proc/self/status.
use std::sync::Arc;
use std::time::Instant;

#[path = "../benches/common/mod.rs"]
mod common;

fn report(phase: &str, t: Instant) {
    let (hwm, rss) = common::memory();
    println!(
        "{phase:<28} {:>9.3} s   rss {:>8.1} MiB   peak {:>8.1} MiB",
        t.elapsed().as_secs_f64(),
        common::mib(rss),
        common::mib(hwm)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let per_entity: usize = args
        .iter()
        .position(|a| a == "--per-entity")
        .and_then(|i| args.get(i + 1))
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    report("start", Instant::now());
    let t = Instant::now();
    let aliases = common::synthetic_aliases(n, 1);
    report(&format!("generate {n} aliases"), t);
    let t = Instant::now();
    let g = Arc::new(if per_entity == 1 {
        common::gazetteer_from(&aliases, None)
    } else {
        common::gazetteer_grouped(&aliases, per_entity)
    });
    report(&format!("Gazetteer build ({} entities)", g.len()), t);
    drop(aliases);
    // Reset the peak (VmHWM) to the current RSS, so that the next peak is Matcher::new's.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let (_, base_rss) = common::memory();
    let t = Instant::now();
    let m = common::matcher_for(g);
    report("Matcher::new", t);
    let (hwm, rss) = common::memory();
    println!(
        "matcher: {} patterns; resident growth from Matcher::new {:.1} MiB (peak above \
         pre-build rss {:.1} MiB)",
        m.pattern_count(),
        common::mib(rss.saturating_sub(base_rss)),
        common::mib(hwm.saturating_sub(base_rss))
    );
    let t = Instant::now();
    let found = m.extract("Brianov Kazakhstan Tokayev said on Monday.", None).len();
    report(&format!("probe extract ({found})"), t);

    if args.iter().any(|a| a == "--raw") {
        // For comparison: the raw aho-corasick LeftmostLongest automaton on the same
        // aliases (folded, lower-cased), as benches/extract.rs builds it.
        let folded = common::folded_lower(&common::synthetic_aliases(n, 1));
        drop(m);
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let (_, base_rss) = common::memory();
        let t = Instant::now();
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&folded)
            .expect("raw automaton builds");
        report(&format!("raw AhoCorasick ({:?})", ac.kind()), t);
        let (hwm, rss) = common::memory();
        println!(
            "raw: {} bytes of heap reported; resident growth {:.1} MiB, peak above pre-build {:.1} MiB",
            ac.memory_usage(),
            common::mib(rss.saturating_sub(base_rss)),
            common::mib(hwm.saturating_sub(base_rss))
        );
    }
}
