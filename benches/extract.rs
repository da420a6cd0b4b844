//! Criterion benchmarks: build time and throughput of geopol against a raw Aho–Corasick
//! scan over the same aliases. See BENCHMARKS.md for results and how to run them.
//!
//! ```text
//! cargo bench --bench extract                      # everything (~4 minutes)
//! cargo bench --bench extract -- scan_33k          # one group
//! GEOPOL_BENCH_MB=5 cargo bench --bench extract    # first 5 MB of the corpus only
//! GEOPOL_BENCH_1M=0 cargo bench --bench extract    # skip the 1M-alias groups
//! GEOPOL_BENCH_RAW1M=1 cargo bench --bench extract  # also 10 raw 1M builds (~3 min)
//! ```
//!
//! Inputs: `../shared/corpus/news.txt` (23 MB of real news, read in place, never copied
//! into the project) or, when absent, 16 MB of deterministic generated news-like text;
//! aliases: the PETRARCH dictionaries in `../shared/data/petrarch` (~33k phrases) or a
//! synthetic stand-in, and a deterministic synthetic set of 1,000,000 aliases.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode, Throughput};
use geopol::{Gazetteer, Matcher};

#[path = "common/mod.rs"]
mod common;

fn raw_automaton(folded: &[String]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(folded)
        .expect("raw automaton builds")
}

fn one_m_enabled() -> bool {
    std::env::var("GEOPOL_BENCH_1M").map_or(true, |v| v != "0")
}

/// Throughput of the raw scan and of `Matcher::extract` on one alias set.
fn throughput(c: &mut Criterion, group: &str, g: Arc<Gazetteer>, aliases: &[String], text: &str) {
    let lower = text.to_lowercase();
    let folded = common::folded_lower(aliases);
    let t = Instant::now();
    let ac = raw_automaton(&folded);
    let raw_build = t.elapsed();
    let t = Instant::now();
    let matcher = common::matcher_for(g);
    let geo_build = t.elapsed();
    let raw_hits = ac.find_iter(&lower).count();
    let geo_hits = matcher.extract(text, None).len();
    eprintln!(
        "[{group}] {} aliases, {} patterns; text {:.1} MB; one-shot build: raw {:.3?} \
         ({:?}), geopol {:.3?}; matches: raw {raw_hits}, geopol {geo_hits}",
        aliases.len(),
        matcher.pattern_count(),
        text.len() as f64 / 1e6,
        raw_build,
        ac.kind(),
        geo_build,
    );

    let mut grp = c.benchmark_group(group);
    grp.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Bytes(text.len() as u64));
    grp.bench_function("raw_aho_corasick_leftmost_longest", |b| {
        b.iter(|| ac.find_iter(black_box(lower.as_str())).count())
    });
    grp.bench_function("geopol_extract", |b| {
        b.iter(|| matcher.extract(black_box(text), None).len())
    });
    // Article by article, as a batch job calls it (one line of news.txt = one item).
    grp.bench_function("geopol_extract_per_line", |b| {
        b.iter(|| text.lines().map(|l| matcher.extract(black_box(l), None).len()).sum::<usize>())
    });
    grp.finish();
}

fn scan_33k(c: &mut Criterion) {
    let (text, src) = common::corpus();
    eprintln!("corpus: {src:?}, {} bytes", text.len());
    let (g, aliases) = common::petrarch_gazetteer();
    throughput(c, "scan_33k", g, &aliases, &text);
}

/// The parts geopol's scan is made of, alone: the tokenizer (via `fold::word_count`, which
/// runs the same tokenizer with a trivial callback) and the offset-mapped `fold::fold`.
fn components(c: &mut Criterion) {
    let (text, _) = common::corpus();
    let mut grp = c.benchmark_group("components");
    grp.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Bytes(text.len() as u64));
    grp.bench_function("tokenize_only", |b| b.iter(|| geopol::fold::word_count(black_box(&text))));
    grp.bench_function("fold_with_offset_map", |b| {
        b.iter(|| geopol::fold::fold(black_box(&text)).as_str().len())
    });
    grp.bench_function("to_lowercase", |b| b.iter(|| black_box(&text).to_lowercase().len()));
    grp.finish();
}

fn build_33k(c: &mut Criterion) {
    let (g, aliases) = common::petrarch_gazetteer();
    let folded = common::folded_lower(&aliases);
    let mut grp = c.benchmark_group("build_33k");
    grp.sample_size(10).measurement_time(Duration::from_secs(5));
    grp.bench_function("raw_aho_corasick_leftmost_longest", |b| {
        b.iter(|| raw_automaton(black_box(&folded)))
    });
    grp.bench_function("geopol_matcher_new", |b| {
        b.iter_batched(|| g.clone(), common::matcher_for, BatchSize::PerIteration)
    });
    // Including the gazetteer build (entity checks), from the alias strings.
    grp.bench_function("geopol_gazetteer_and_matcher", |b| {
        b.iter(|| common::matcher_for(Arc::new(common::gazetteer_from(black_box(&aliases), None))))
    });
    grp.finish();
}

fn default_matcher(c: &mut Criterion) {
    let (text, _) = common::corpus();
    // In-process equivalent of the cold start (the embedded gazetteer is cached in a
    // OnceLock, so parse + check + compile the same JSONL again each iteration).
    const DEFAULT_JSONL: &str = include_str!("../data/default.jsonl");
    let mut grp = c.benchmark_group("default");
    grp.sample_size(10).measurement_time(Duration::from_secs(4));
    grp.bench_function("parse_and_compile_embedded", |b| {
        b.iter(|| {
            let records = geopol::load::read_str(
                black_box(DEFAULT_JSONL),
                geopol::load::Format::JsonLines,
                "<embedded>",
            )
            .expect("embedded parses");
            let mut gb = Gazetteer::builder();
            gb.add_source(records, geopol::MergeMode::Extend);
            Matcher::new(gb.build().expect("embedded is valid")).expect("compiles")
        })
    });
    let matcher = Matcher::default();
    eprintln!(
        "[default] embedded gazetteer: {} entities, {} patterns; {} mentions in the text",
        matcher.gazetteer().len(),
        matcher.pattern_count(),
        matcher.extract(&text, None).len()
    );
    grp.sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Bytes(text.len() as u64));
    grp.bench_function("extract", |b| b.iter(|| matcher.extract(black_box(&text), None).len()));
    grp.bench_function("extract_per_line", |b| {
        b.iter(|| text.lines().map(|l| matcher.extract(black_box(l), None).len()).sum::<usize>())
    });
    grp.finish();
}

fn one_m(c: &mut Criterion) {
    if !one_m_enabled() {
        return;
    }
    let aliases = common::synthetic_aliases(1_000_000, 1);
    let folded = common::folded_lower(&aliases);
    let g = Arc::new(common::gazetteer_from(&aliases, None));
    let mut grp = c.benchmark_group("build_1m");
    // Each build takes seconds: time a few directly.
    grp.sample_size(10).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_millis(1));
    grp.measurement_time(Duration::from_secs(10));
    grp.bench_function("geopol_matcher_new", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let g = g.clone();
                let t = Instant::now();
                let m = common::matcher_for(g);
                total += t.elapsed();
                drop(black_box(m));
            }
            total
        })
    });
    // The raw automaton takes ~15-20 s per build on 1M aliases: ten samples are too
    // long for a default run, so it is measured only on request (its one-shot build time
    // is printed by scan_1m anyway).
    if std::env::var("GEOPOL_BENCH_RAW1M").is_ok_and(|v| v == "1") {
        grp.bench_function("raw_aho_corasick_leftmost_longest", |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    let ac = raw_automaton(&folded);
                    total += t.elapsed();
                    drop(black_box(ac));
                }
                total
            })
        });
    }
    grp.finish();

    let (text, _) = common::corpus();
    throughput(c, "scan_1m", g, &aliases, &text);
}

criterion_group!(benches, scan_33k, components, build_33k, default_matcher, one_m);
criterion_main!(benches);
