//! The one integration test binary: each module is one area.

mod cases;
mod common;
mod loaders;
// mod fixture;
mod properties;
