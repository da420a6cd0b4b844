//! Cold start of `Matcher::default()`: parse the embedded gazetteer and compile it, once,
//! in a fresh process. Time the whole process with
//!
//! ```text
//! cargo build --release --example cold_start
//! hyperfine -N --warmup 3 target/release/examples/cold_start
//! ```
//!
//! It also prints its own in-process time (from `main` to a ready matcher) on stderr
//! unless `-q` is given.
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let matcher = geopol::Matcher::default();
    let n = std::hint::black_box(matcher.pattern_count());
    let elapsed = t.elapsed();
    // One extraction, so that nothing is left lazily unbuilt.
    let found = matcher.extract("Kazakh President Kassym-Jomart Tokayev met Turkey's envoy.", None);
    if std::env::args().nth(1).as_deref() != Some("-q") {
        eprintln!(
            "Matcher::default(): {:.1} ms ({} entities, {n} patterns, {} mentions in the probe)",
            elapsed.as_secs_f64() * 1e3,
            matcher.gazetteer().len(),
            found.len()
        );
    }
}
