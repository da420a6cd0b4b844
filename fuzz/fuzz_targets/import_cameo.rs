//! cargo-fuzz binary for `geopol_fuzz::import_cameo` (see `tests/fuzz/targets.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| geopol_fuzz::import_cameo(data));
