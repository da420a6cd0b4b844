//! Cold start of `Matcher::default()`: parse the embedded gazetteer and compile it, once,
//! in a fresh process. Time the whole process with
//!
//! ```text
//! cargo build --release --example cold_start
//! hyperfine -N --warmup 3 target/release/examples/cold_start
//! ```
//!
//! It also prints its own in-process time (from `main` to a ready matcher) on stderr
//! unless `-q` is given; `--phases` then times parse / gazetteer / compile separately.
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let matcher = geopol::Matcher::default();
    let n = std::hint::black_box(matcher.pattern_count());
    let elapsed = t.elapsed();
    // One extraction, so that nothing is left lazily unbuilt.
    let found = matcher.extract("Kazakh President Kassym-Jomart Tokayev met Turkey's envoy.", None);
    if std::env::args().any(|a| a == "--phases") {
        phases();
    }
    if std::env::args().nth(1).as_deref() != Some("-q") {
        eprintln!(
            "Matcher::default(): {:.1} ms ({} entities, {n} patterns, {} mentions in the probe)",
            elapsed.as_secs_f64() * 1e3,
            matcher.gazetteer().len(),
            found.len()
        );
    }
}

/// The same work split into phases (run after the cold start, so the allocator is warm):
/// parse the JSON Lines, check and build the gazetteer, compile the matcher.
fn phases() {
    const JSONL: &str = include_str!("../data/default.jsonl");
    for _ in 0..3 {
        let t = Instant::now();
        let records = geopol::load::read_str(JSONL, geopol::load::Format::JsonLines, "<embedded>")
            .expect("embedded parses");
        let parse = t.elapsed();
        let t = Instant::now();
        let mut b = geopol::Gazetteer::builder();
        b.add_source(records, geopol::MergeMode::Extend);
        let g = b.build().expect("embedded is valid");
        let build = t.elapsed();
        let t = Instant::now();
        let m = geopol::Matcher::new(g).expect("compiles");
        let compile = t.elapsed();
        eprintln!(
            "phases: parse {:.1} ms, gazetteer {:.1} ms, Matcher::new {:.1} ms ({} bytes of JSONL)",
            parse.as_secs_f64() * 1e3,
            build.as_secs_f64() * 1e3,
            compile.as_secs_f64() * 1e3,
            JSONL.len(),
        );
        drop(std::hint::black_box(m));
    }
}
