//! The gazetteer model: entities, their aliases, codes and posts.
//!
//! The same structs are the on-disk format (see `docs/gazetteer-format.md`): a gazetteer
//! file is a list of [`Entity`] records in JSON, JSON Lines or CSV. Records are checked when
//! a [`Gazetteer`] is built from them, so every problem is reported with its file and line.

mod entity;
mod gazetteer;
mod roles;

pub(crate) use entity::case_policy;
pub use entity::{Alias, AliasKind, CasePolicy, Codes, Entity, EntityKind, Post};
pub use gazetteer::{Gazetteer, GazetteerBuilder, MergeMode};
pub(crate) use roles::role_rank;
pub use roles::{role_title, ROLE_KEYS};
