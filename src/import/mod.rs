//! Importers: turn public data that political scientists already keep into gazetteer
//! [`Entity`] records.
//!
//! - [`wikidata`]: "position held" results (CSV or SPARQL JSON) → officials with dated
//!   [`Post`](crate::Post)s.
//! - [`cameo`]: PETRARCH/TABARI actor and agent dictionaries → state aliases, officials
//!   with coarse dated posts, organizations, and role titles.
//!
//! Importers never panic on bad input. A file that cannot be read or parsed at all is an
//! [`Error`](crate::Error) naming the file (and line, where there is one); a record that
//! parses but cannot be used (an unknown country, an impossible date) is left out and
//! reported in [`ImportReport::skipped`], one [`Problem`] per record, so that nothing is
//! dropped silently.
//!
//! The entities they return use the ids of the embedded gazetteer (`state:` + ISO 3166
//! alpha-3, `org:UN`, `role:foreign_minister`, `person:` + a slug of the name), so they can
//! be merged with it; a post whose state or organization the target gazetteer lacks is
//! reported when that gazetteer is built.
//!
//! ```
//! use geopol::import::wikidata;
//! let csv = "person,personLabel,position,positionLabel,country,start,end\n\
//!            Q200881,Kassym-Jomart Tokayev,Q1165604,President of Kazakhstan,KAZ,2019-03-20,\n";
//! let people = wikidata::import_str(csv, "posts.csv").unwrap();
//! assert_eq!(people[0].id, "person:kassym-jomart-tokayev");
//! assert_eq!(people[0].posts[0].role, "head_of_state");
//! ```

use crate::{Entity, Problem};

pub mod cameo;
mod names;
mod titles;
pub mod wikidata;

pub use names::slug;
pub use titles::role_for_title;

/// What an importer produced: the entities, and every input record it left out, with
/// where it was and why.
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    /// The imported entities, in a deterministic order (by id).
    pub entities: Vec<Entity>,
    /// One problem per record or code that was left out (its location and the reason).
    pub skipped: Vec<Problem>,
}

impl ImportReport {
    /// A one-line summary: how many entities of each kind, and how many records were
    /// skipped.
    ///
    /// ```
    /// let r = geopol::import::ImportReport::default();
    /// assert_eq!(r.summary(), "0 entities; 0 skipped");
    /// ```
    pub fn summary(&self) -> String {
        format!("{}; {} skipped", self.entities_summary(), self.skipped.len())
    }

    /// How many entities of each kind: `"2 entities (1 official, 1 state)"`.
    pub(crate) fn entities_summary(&self) -> String {
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for e in &self.entities {
            *counts.entry(e.kind.as_str()).or_default() += 1;
        }
        let kinds: Vec<String> = counts
            .iter()
            .map(|(k, n)| format!("{n} {k}{}", if *n == 1 { "" } else { "s" }))
            .collect();
        let n = self.entities.len();
        let noun = if n == 1 { "entity" } else { "entities" };
        if kinds.is_empty() {
            format!("{n} {noun}")
        } else {
            format!("{n} {noun} ({})", kinds.join(", "))
        }
    }
}
