//! The CAMEO dictionary importer returns entities or an error; it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = geopol::import::cameo::import_str(text, "fuzz");
});
