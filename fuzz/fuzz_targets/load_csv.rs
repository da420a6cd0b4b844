//! The CSV loader returns records or an error; it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = geopol::load::read_str(text, geopol::load::Format::Csv, "fuzz");
});
