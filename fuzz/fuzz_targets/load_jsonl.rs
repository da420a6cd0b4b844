//! The JSON Lines loader returns records or an error; it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(records) = geopol::load::read_str(text, geopol::load::Format::JsonLines, "fuzz") {
        let mut b = geopol::Gazetteer::builder();
        b.add_source(records, geopol::MergeMode::Extend);
        if let Ok(g) = b.build() {
            let _ = geopol::Matcher::new(g);
        }
    }
});
