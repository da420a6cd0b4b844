//! Scale: one 100 MB single-line text through `Matcher::default()`. Ignored by default
//! (it needs ~1 GB of memory and a release build to be quick); run it with
//!
//! ```text
//! cargo test --release --test integration scale -- --ignored --nocapture
//! ```
//!
//! The text is `../shared/corpus/news.txt` with its line breaks turned into spaces,
//! repeated up to 100 MB (or generated news-like text when the corpus is absent). It
//! checks that extraction completes, that mentions are well formed, and that time,
//! mentions and memory grow about linearly from 25 MB to 100 MB. The timing comparison
//! is printed and only asserted loosely (a quadratic blow-up would give a ratio of ~16).

use std::time::Instant;

use geopol::Matcher;

#[path = "../../benches/common/mod.rs"]
mod inputs;

const MB: usize = 1_000_000;

/// `len` bytes (cut on a character boundary) of single-line text.
fn single_line(len: usize) -> String {
    let (base, _) = inputs::corpus();
    let base = base.replace(['\n', '\r'], " ");
    let mut out = String::with_capacity(len + base.len());
    while out.len() < len {
        out.push_str(&base);
        out.push(' ');
    }
    let mut cut = len;
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

struct Run {
    secs: f64,
    mentions: usize,
    peak_extra: u64,
}

fn run(matcher: &Matcher, text: &str) -> Run {
    let (_, before) = inputs::memory();
    let t = Instant::now();
    let found = matcher.extract(text, None);
    let secs = t.elapsed().as_secs_f64();
    let (hwm, _) = inputs::memory();
    let mut last_end = 0;
    for m in &found {
        assert!(m.span.start >= last_end, "mentions overlap or are out of order");
        assert!(m.span.end <= text.len() && m.span.start < m.span.end);
        assert_eq!(&text[m.span.start..m.span.end], m.text);
        last_end = m.span.end;
    }
    Run { secs, mentions: found.len(), peak_extra: hwm.saturating_sub(before) }
}

#[test]
#[ignore = "100 MB input; run with --release --ignored"]
fn hundred_megabytes_on_one_line_scales_linearly() {
    let matcher = Matcher::default();
    let big = single_line(100 * MB);
    assert!(!big.contains('\n'));
    let mut cut = 25 * MB;
    while !big.is_char_boundary(cut) {
        cut -= 1;
    }
    let small = &big[..cut];
    // Warm up (page in the text, size the allocator's pools).
    let _ = matcher.extract(&small[..MB.min(small.len())], None);

    let s = run(&matcher, small);
    let b = run(&matcher, &big);
    let mb = |n: usize| n as f64 / MB as f64;
    for (label, len, r) in [("25 MB", small.len(), &s), ("100 MB", big.len(), &b)] {
        println!(
            "scale: {label}: {:.2} s ({:.1} MB/s), {} mentions, peak +{:.0} MiB",
            r.secs,
            mb(len) / r.secs,
            r.mentions,
            inputs::mib(r.peak_extra)
        );
    }
    let time_ratio = b.secs / s.secs;
    let mention_ratio = b.mentions as f64 / s.mentions.max(1) as f64;
    let mem_ratio = b.peak_extra as f64 / s.peak_extra.max(1) as f64;
    println!(
        "scale: size_of::<Mention>() = {} bytes (+ its text); {:.0} bytes of peak memory per \
         mention at 100 MB",
        std::mem::size_of::<geopol::Mention<'static>>(),
        b.peak_extra as f64 / b.mentions.max(1) as f64
    );
    println!(
        "scale: ratios 100/25 MB: time {time_ratio:.2}, mentions {mention_ratio:.2}, \
         peak memory {mem_ratio:.2} (linear = 4)"
    );
    assert!(s.mentions > 0, "no mentions found in 25 MB of news");
    assert!((3.0..5.0).contains(&mention_ratio), "mentions do not grow linearly");
    // Loose: noise on a shared machine is large, but a quadratic pass would give ~16.
    assert!(time_ratio < 12.0, "time grows much faster than the input: {time_ratio:.1}x");
    assert!(
        b.peak_extra < 8 * s.peak_extra + 256 * 1024 * 1024,
        "memory grows much faster than the input"
    );
}
