//! The fuzz targets' bodies, shared with the stable corpus replay of the integration tests
//! (`tests/integration/fuzz.rs`): each binary in `fuzz_targets/` is one line calling one of
//! these.

#[path = "../../tests/fuzz/targets.rs"]
mod targets;

pub use targets::*;
