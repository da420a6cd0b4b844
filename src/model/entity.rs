//! Entity records: the unit of a gazetteer file.

use serde::{Deserialize, Serialize};

use crate::date::{within, Date};

/// What an entity is.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A sovereign or de-facto state, present or dissolved.
    State,
    /// An international (mostly intergovernmental) organization.
    Organization,
    /// A person who holds or held posts.
    Official,
    /// A role title ("Foreign Minister", "Secretary-General") mapped to a role key.
    Role,
    /// A city or other place ("Ankara"), with the state it lies in ([`Entity::state`]).
    /// A place is never a mention of its state; where it stands for its government
    /// ("Moscow said") the mention says so in its `stands_for`.
    Place,
}

impl EntityKind {
    /// The lower-case name used in files and output (`state`, `organization`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::State => "state",
            EntityKind::Organization => "organization",
            EntityKind::Official => "official",
            EntityKind::Role => "role",
            EntityKind::Place => "place",
        }
    }
}

/// What kind of surface form an alias is; reported as a mention's `matched_by`.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AliasKind {
    /// The canonical or an official name ("Kazakhstan", "Republic of Kazakhstan").
    Name,
    /// Another name or spelling ("Ivory Coast", "Mevlut Cavusoglu").
    Alias,
    /// An acronym or abbreviation ("OTS", "U.S.").
    Acronym,
    /// A demonym or adjective ("Kazakh", "Turkish").
    Demonym,
    /// The capital city of a state ("Ankara"): an alias of a [`EntityKind::Place`]
    /// (in older gazetteers, of the state itself).
    Capital,
    /// A name used only in some period ("Swaziland" until 2018); give `start`/`end`.
    FormerName,
    /// A person's surname used alone ("Tokayev").
    Surname,
    /// A role title ("Foreign Minister").
    Title,
}

impl AliasKind {
    /// The lower-case name used in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            AliasKind::Name => "name",
            AliasKind::Alias => "alias",
            AliasKind::Acronym => "acronym",
            AliasKind::Demonym => "demonym",
            AliasKind::Capital => "capital",
            AliasKind::FormerName => "former_name",
            AliasKind::Surname => "surname",
            AliasKind::Title => "title",
        }
    }
}

/// How the letter case of the text must agree with an alias for a match to count.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CasePolicy {
    /// Letters must have exactly the alias's case ("US" never matches "us"); diacritics
    /// may still differ.
    Exact,
    /// The first letter must be upper case ("Turkey", "TURKEY", not "turkey").
    Capitalized,
    /// Any case ("kazakhstan", "Kazakhstan", "KAZAKHSTAN").
    Any,
    /// As [`Exact`](CasePolicy::Exact), for an acronym that is also an English word
    /// ("WHO", "CAN"): and not where the words around it are in capitals too ("WHO WILL
    /// WIN"), since all-caps text cannot tell the acronym from the word.
    ExactWord,
}

/// One surface form of an entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    /// The text as it is written; it is folded for matching.
    pub text: String,
    /// What kind of form it is.
    #[serde(rename = "type", default = "default_alias_kind")]
    pub kind: AliasKind,
    /// The case policy; when absent it is chosen from the alias (see
    /// [`Alias::effective_case`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<CasePolicy>,
    /// First day the form was in use, when it is dated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// Last day the form was in use, when it is dated.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::date::de_end"
    )]
    pub end: Option<Date>,
}

fn default_alias_kind() -> AliasKind {
    AliasKind::Alias
}

/// Words that are also names of states, places or people; as single-word aliases they need
/// a capital initial. Sorted, for binary search.
const COMMON_WORDS: &[&str] = &[
    "bath", "black", "brown", "bush", "chad", "chance", "china", "congo", "cook", "cuba",
    "georgia", "guinea", "guy", "hope", "japan", "jersey", "jordan", "king", "long", "lord",
    "love", "major", "mali", "man", "march", "may", "mobile", "nice", "niger", "oman", "panama",
    "peru", "price", "reading", "rice", "said", "togo", "turkey", "wales", "white", "young",
];

impl Alias {
    /// An alias of `kind` with no case policy and no dates.
    pub fn new(text: impl Into<String>, kind: AliasKind) -> Alias {
        Alias { text: text.into(), kind, case: None, start: None, end: None }
    }

    /// The case policy in force: the explicit one, else
    /// - [`CasePolicy::Exact`] for acronyms and for all-caps forms of up to five letters
    ///   ("US", "UN", "OTS", "U.S."),
    /// - [`CasePolicy::Capitalized`] for surnames, one-word titles ("President"), and single
    ///   words that are also common English words ("Chad", "Turkey", "Jordan"),
    /// - [`CasePolicy::Any`] otherwise.
    ///
    /// ```
    /// use geopol::{Alias, AliasKind, CasePolicy};
    /// assert_eq!(Alias::new("US", AliasKind::Alias).effective_case(), CasePolicy::Exact);
    /// assert_eq!(Alias::new("Chad", AliasKind::Name).effective_case(), CasePolicy::Capitalized);
    /// assert_eq!(Alias::new("Kazakhstan", AliasKind::Name).effective_case(), CasePolicy::Any);
    /// ```
    pub fn effective_case(&self) -> CasePolicy {
        case_policy(&self.text, self.kind, self.case)
    }

    /// True when the form was in use on `date` (always true for undated forms).
    pub fn valid_on(&self, date: Date) -> bool {
        within(date, self.start, self.end)
    }
}

/// The case policy of a form with this text and kind: `explicit`, else the default that
/// [`Alias::effective_case`] documents.
pub(crate) fn case_policy(text: &str, kind: AliasKind, explicit: Option<CasePolicy>) -> CasePolicy {
    if let Some(c) = explicit {
        return c;
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps =
        letters > 0 && text.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
    match kind {
        AliasKind::Acronym if letters <= 3 || all_caps => CasePolicy::Exact,
        AliasKind::Acronym => CasePolicy::Capitalized,
        _ if all_caps && letters <= 5 => CasePolicy::Exact,
        AliasKind::Surname => CasePolicy::Capitalized,
        // "the foreign minister" is ordinary news style; "president" alone is too vague.
        AliasKind::Title if text.trim().contains(char::is_whitespace) => CasePolicy::Any,
        AliasKind::Title => CasePolicy::Capitalized,
        _ => {
            let single_word = !text.trim().contains(|c: char| !c.is_alphanumeric());
            if single_word
                && COMMON_WORDS.binary_search(&crate::fold::fold_str(text).as_str()).is_ok()
            {
                CasePolicy::Capitalized
            } else {
                CasePolicy::Any
            }
        }
    }
}

/// Codes that identify an entity in other systems. All optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Codes {
    /// ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso2: Option<String>,
    /// ISO 3166-1 alpha-3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso3: Option<String>,
    /// ISO 3166-1 numeric (three digits, as text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numeric: Option<String>,
    /// Wikidata item id ("Q232").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// CAMEO actor code ("KAZ", "IGOASAOTS").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    /// The main acronym of an organization ("OTS").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
}

impl Codes {
    /// True when no code is set.
    pub fn is_empty(&self) -> bool {
        *self == Codes::default()
    }

    /// The codes that are set, as (field name, value) in the order of the format.
    ///
    /// ```
    /// let mut c = geopol::Codes::default();
    /// c.iso3 = Some("KAZ".into());
    /// c.wikidata = Some("Q232".into());
    /// assert_eq!(c.iter().collect::<Vec<_>>(), [("iso3", "KAZ"), ("wikidata", "Q232")]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("iso2", &self.iso2),
            ("iso3", &self.iso3),
            ("numeric", &self.numeric),
            ("wikidata", &self.wikidata),
            ("cameo", &self.cameo),
            ("acronym", &self.acronym),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
    }
}

/// A post an official held: a role of a state or organization over a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    /// The role key, from [`ROLE_KEYS`](crate::ROLE_KEYS).
    pub role: String,
    /// The id of the state or organization the post belongs to.
    pub of: String,
    /// The title as the source gives it ("Minister of Foreign Affairs").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// First day in the post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// Last day in the post; absent when still held (as of the source's snapshot).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::date::de_end"
    )]
    pub end: Option<Date>,
    /// The last day on which the source confirms the post as held: for an open post, the
    /// source's snapshot date (or the date of the newest page that shows the holder in
    /// office). A title with no name resolves to the holder only when the post is
    /// confirmed near the document date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<Date>,
    /// True for an acting, interim or caretaker holder.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// Where this fact comes from, when it differs from the entity's sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// A remark on the fact (reduced precision, an inferred date, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Post {
    /// True when the post was held on `date`. A post with no start is taken to be held
    /// from the beginning of time, one with no end to be held still.
    pub fn held_on(&self, date: Date) -> bool {
        within(date, self.start, self.end)
    }
}

/// A state, organization, official or role title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Stable, readable, unique id: `state:KAZ`, `org:OTS`, `person:kassym-jomart-tokayev`,
    /// `role:foreign_minister`.
    pub id: String,
    /// What the entity is.
    pub kind: EntityKind,
    /// Canonical name, also matched as an alias of kind [`AliasKind::Name`].
    pub name: String,
    /// Further surface forms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Alias>,
    /// Codes in other systems.
    #[serde(default, skip_serializing_if = "Codes::is_empty")]
    pub codes: Codes,
    /// For a [`EntityKind::Role`] entity: the role key its titles stand for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// For an official: posts held, in any order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<Post>,
    /// For an organization: ids of member states, where known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// For a place: the id of the state it lies in (`state:TUR` for Ankara).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// For a place: the id of the government it stands for when the text uses it as an
    /// actor ("Brussels" for `org:EU`, "the Kremlin" for `state:RUS`); when absent, the
    /// place's [`state`](Entity::state).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stands_for: Option<String>,
    /// For a state or organization that no longer exists, or not yet: when it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// See `start`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::date::de_end"
    )]
    pub end: Option<Date>,
    /// Where the facts come from (short source names, e.g. `factbook`, `wikidata`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl Entity {
    /// A new entity with only an id, kind and name.
    ///
    /// ```
    /// use geopol::{Entity, EntityKind, Alias, AliasKind};
    /// let mut e = Entity::new("state:KAZ", EntityKind::State, "Kazakhstan");
    /// e.aliases.push(Alias::new("Kazakh", AliasKind::Demonym));
    /// assert_eq!(e.id, "state:KAZ");
    /// ```
    pub fn new(id: impl Into<String>, kind: EntityKind, name: impl Into<String>) -> Entity {
        Entity {
            id: id.into(),
            kind,
            name: name.into(),
            aliases: Vec::new(),
            codes: Codes::default(),
            role: None,
            posts: Vec::new(),
            members: Vec::new(),
            state: None,
            stands_for: None,
            start: None,
            end: None,
            sources: Vec::new(),
        }
    }

    /// The placeholder entity of a mention that names a person the gazetteer does not know
    /// (see [`Mention::is_nil`](crate::Mention::is_nil)): an official with an empty id and
    /// name. No gazetteer entity has an empty id.
    pub fn nil() -> &'static Entity {
        static NIL: std::sync::OnceLock<Entity> = std::sync::OnceLock::new();
        NIL.get_or_init(|| Entity::new("", EntityKind::Official, ""))
    }

    /// The kind the canonical name counts as: [`AliasKind::Title`] for a role, else
    /// [`AliasKind::Name`].
    pub(crate) fn name_kind(&self) -> AliasKind {
        if self.kind == EntityKind::Role {
            AliasKind::Title
        } else {
            AliasKind::Name
        }
    }

    /// The canonical name followed by every alias, as matched. The name counts as an alias
    /// of kind [`AliasKind::Name`], or [`AliasKind::Title`] for a role.
    pub fn all_aliases(&self) -> impl Iterator<Item = std::borrow::Cow<'_, Alias>> {
        let name = Alias::new(self.name.clone(), self.name_kind());
        std::iter::once(std::borrow::Cow::Owned(name))
            .chain(self.aliases.iter().map(std::borrow::Cow::Borrowed))
    }

    /// The post held on `date`: among those held that day, the one that started last.
    pub fn post_on(&self, date: Date) -> Option<&Post> {
        self.posts.iter().filter(|p| p.held_on(date)).max_by_key(|p| p.start)
    }

    /// The most recent post: the open one that started last, else the one that ended last.
    pub fn latest_post(&self) -> Option<&Post> {
        self.posts.iter().max_by_key(|p| (p.end.is_none(), p.end, p.start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_sorted_for_binary_search() {
        assert!(COMMON_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn case_defaults() {
        let case = |t: &str, k| Alias::new(t, k).effective_case();
        assert_eq!(case("OTS", AliasKind::Acronym), CasePolicy::Exact);
        assert_eq!(case("Nato", AliasKind::Acronym), CasePolicy::Capitalized);
        assert_eq!(case("U.S.", AliasKind::Alias), CasePolicy::Exact);
        assert_eq!(case("Turkey", AliasKind::Name), CasePolicy::Capitalized);
        assert_eq!(case("Georgia", AliasKind::Name), CasePolicy::Capitalized);
        assert_eq!(case("Tokayev", AliasKind::Surname), CasePolicy::Capitalized);
        assert_eq!(case("President", AliasKind::Title), CasePolicy::Capitalized);
        assert_eq!(case("foreign minister", AliasKind::Title), CasePolicy::Any);
        assert_eq!(case("Turkmenistan", AliasKind::Name), CasePolicy::Any);
        assert_eq!(case("New Guinea", AliasKind::Name), CasePolicy::Any);
    }
}
