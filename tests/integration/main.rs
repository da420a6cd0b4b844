//! The one integration test binary: each module is one area.

mod cases;
mod cli;
mod common;
mod coverage;
mod curated_posts;
mod explain;
mod fixture;
mod fuzz;
mod loaders;
mod passes;
mod properties;
mod scale;
mod translit;
