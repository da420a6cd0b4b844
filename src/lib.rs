//! geopol finds the **states**, **international organizations** and **officials** named in
//! news text and links each mention to one entity of a gazetteer, with the post an official
//! held on the document's date.
//!
//! # Overview
//!
//! - A [`Gazetteer`] is a checked set of [`Entity`] records (states, organizations,
//!   officials with dated [`Post`]s, and role titles). Load one from JSON, JSON Lines or CSV
//!   files with [`load`], build one in code with [`Gazetteer::builder`], or use the embedded
//!   default with [`Gazetteer::embedded`].
//! - A [`Matcher`] is compiled once from a gazetteer. It is `Send + Sync` and cheap to
//!   share; [`Matcher::extract`] turns a text (the *haystack*) into [`Mention`]s.
//! - Text and aliases are [folded](fold) the same way (case, diacritics, typographic
//!   punctuation, white space), and matches are found on whole words by one
//!   Aho–Corasick automaton. Offsets are always **byte** offsets into the original text;
//!   [`CharOffsets`] converts them to code-point offsets.
//!
//! # Example: find and link mentions
//!
//! ```
//! use geopol::{Date, Matcher};
//!
//! let matcher = Matcher::default();
//! let text = "Kazakh President Kassym-Jomart Tokayev met Turkey's foreign minister.";
//! let date: Date = "2022-01-11".parse().unwrap();
//! for m in matcher.extract(text, Some(date)) {
//!     println!("{:?} {} -> {} ({})", m.span, m.text, m.entity.id, m.matched_by.as_str());
//! }
//! ```
//!
//! # Crate features
//!
//! - `embedded` (default): compiles the default gazetteer into the crate.
//! - `cli`: the `geopol` command-line tool.
//! - `python`: the Python extension module (built by maturin).
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;
mod date;
mod decision;
#[cfg(feature = "embedded")]
mod embedded;
mod error;
pub mod fold;
pub mod import;
pub mod load;
mod matcher;
mod mention;
mod model;
mod offsets;
#[cfg(feature = "python")]
mod python;
mod resolve;
mod scan;

pub use crate::date::Date;
pub use crate::decision::{Action, Decision, Pass};
pub use crate::error::{Error, ErrorKind, Location, Problem, Result};
pub use crate::matcher::{Matcher, MatcherBuilder};
pub use crate::mention::{Mention, RoleInfo, Span, StandsFor};
pub use crate::model::{
    role_title, Alias, AliasKind, CasePolicy, Codes, Entity, EntityKind, Gazetteer,
    GazetteerBuilder, MergeMode, Post, ROLE_KEYS,
};
pub use crate::offsets::CharOffsets;

/// The most worker threads a caller may ask for: 4 per core
/// (`std::thread::available_parallelism`). More cannot go faster and can exhaust the
/// machine, so the command line and the Python module refuse them.
#[cfg(any(feature = "cli", feature = "python"))]
pub(crate) fn max_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).saturating_mul(4)
}

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
