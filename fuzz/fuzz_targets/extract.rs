//! Extraction never panics, and every span is exact, sorted and on char boundaries.
#![no_main]

use std::sync::{Arc, OnceLock};

use geopol::{Gazetteer, Matcher, MergeMode};
use libfuzzer_sys::fuzz_target;

fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| {
        let text = include_str!("../../tests/cases/gazetteer.jsonl");
        let records = geopol::load::read_str(text, geopol::load::Format::JsonLines, "cases")
            .expect("the cases gazetteer parses");
        let mut b = Gazetteer::builder();
        b.add_source(records, MergeMode::Extend);
        Matcher::new(Arc::new(b.build().expect("valid"))).expect("compiles")
    })
}

fuzz_target!(|text: &str| {
    let m = matcher();
    let mut end = 0;
    for x in m.extract(text, None) {
        assert!(x.span.start >= end && x.span.start < x.span.end);
        assert_eq!(&text[x.span.start..x.span.end], x.text);
        end = x.span.end;
    }
});
