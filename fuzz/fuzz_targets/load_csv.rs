//! cargo-fuzz binary for `geopol_fuzz::load_csv` (see `tests/fuzz/targets.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| geopol_fuzz::load_csv(data));
