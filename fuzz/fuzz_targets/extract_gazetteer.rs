//! cargo-fuzz binary for `geopol_fuzz::extract_gazetteer` (see `tests/fuzz/targets.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| geopol_fuzz::extract_gazetteer(data));
