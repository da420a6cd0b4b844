//! [`Gazetteer`]: a checked set of entities, and the builder that merges and checks them.

use std::sync::Arc;

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::date::Date;
use crate::error::{Error, ErrorKind, Location, Problem, Result};
use crate::fold;
use crate::model::{role_title, Entity, EntityKind};

/// How entities from a later source combine with earlier ones of the same id.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MergeMode {
    /// Add the later record's aliases, posts, members, codes and sources to the earlier
    /// one (fields the earlier record leaves empty are filled). The later record must have
    /// the same kind and name: a different one is a problem reported by the build.
    #[default]
    Extend,
    /// Replace the earlier record with the later one.
    Override,
}

/// A checked, immutable set of entities with unique ids.
///
/// Build one with [`Gazetteer::builder`] (or the loaders in [`crate::load`]), or take the
/// embedded default with [`Gazetteer::embedded`].
///
/// ```
/// use geopol::{Entity, EntityKind, Gazetteer};
/// let mut b = Gazetteer::builder();
/// b.add(Entity::new("state:KAZ", EntityKind::State, "Kazakhstan"));
/// let g = b.build().unwrap();
/// assert_eq!(g.get("state:KAZ").unwrap().name, "Kazakhstan");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    origins: Vec<Location>,
    index: IdIndex,
}

/// Entity positions by id, without a copy of each id: a hash table of positions, hashed and
/// compared by the id of the entity they point at (a copy of every id was a tenth of a
/// large gazetteer's memory).
#[derive(Clone, Debug, Default)]
struct IdIndex {
    table: HashTable<usize>,
}

impl IdIndex {
    fn hash(id: &str) -> u64 {
        FxBuildHasher.hash_one(id)
    }

    /// The position of the entity with this id.
    fn get(&self, id: &str, entities: &[Entity]) -> Option<usize> {
        self.table.find(Self::hash(id), |&i| entities[i].id == id).copied()
    }

    /// Indexes `entities[i]`, whose id must not be indexed yet.
    fn insert(&mut self, i: usize, entities: &[Entity]) {
        self.table.insert_unique(Self::hash(&entities[i].id), i, |&j| Self::hash(&entities[j].id));
    }

    fn reserve(&mut self, additional: usize, entities: &[Entity]) {
        self.table.reserve(additional, |&j| Self::hash(&entities[j].id));
    }
}

impl Gazetteer {
    /// A new, empty builder.
    pub fn builder() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// Every entity, in the order they were added.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.index.get(id, &self.entities).map(|i| &self.entities[i])
    }

    /// The position of the entity with this id in [`Gazetteer::entities`].
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id, &self.entities)
    }

    /// Where the entity at `index` was defined (file and line).
    pub fn origin(&self, index: usize) -> &Location {
        &self.origins[index]
    }

    /// The number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// True when there are no entities.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// A gazetteer of records that were checked when they were made (the embedded
    /// gazetteer, checked by the test suite): no merging, no checks. Ids must be unique.
    #[cfg(feature = "embedded")]
    pub(crate) fn from_checked(entities: Vec<Entity>, origins: Vec<Location>) -> Gazetteer {
        let mut index = IdIndex::default();
        index.reserve(entities.len(), &entities);
        for i in 0..entities.len() {
            index.insert(i, &entities);
        }
        Gazetteer { entities, origins, index }
    }

    /// A builder holding this gazetteer's entities, to extend or override them.
    pub fn to_builder(&self) -> GazetteerBuilder {
        GazetteerBuilder {
            entities: self.entities.clone(),
            origins: self.origins.clone(),
            index: self.index.clone(),
            problems: Vec::new(),
        }
    }
}

/// Collects entities from one or more sources, merges them by id and checks them.
///
/// Problems found while adding (a duplicate id within one source) and while building
/// (dangling references, impossible dates, empty aliases, unknown role keys) are all
/// collected; [`GazetteerBuilder::build`] reports every one of them in a single [`Error`].
#[derive(Clone, Debug, Default)]
pub struct GazetteerBuilder {
    entities: Vec<Entity>,
    /// Where each of `entities` was defined.
    origins: Vec<Location>,
    index: IdIndex,
    problems: Vec<Problem>,
}

impl GazetteerBuilder {
    /// Adds one entity defined in code (extending an earlier one of the same id).
    pub fn add(&mut self, entity: Entity) -> &mut GazetteerBuilder {
        static MEMORY: std::sync::OnceLock<Arc<str>> = std::sync::OnceLock::new();
        let file = MEMORY.get_or_init(|| Arc::from("<memory>")).clone();
        let loc = Location::new(Some(file), None);
        self.merge_one(entity, loc, MergeMode::Extend);
        self
    }

    /// Adds the records of one source. Ids repeated *within* the source are an error;
    /// ids already added by an earlier source combine by `mode`.
    pub fn add_source(
        &mut self,
        records: Vec<(Entity, Location)>,
        mode: MergeMode,
    ) -> &mut GazetteerBuilder {
        self.entities.reserve(records.len());
        self.origins.reserve(records.len());
        self.index.reserve(records.len(), &self.entities);
        // Entries this source defined or extended, with where it did so first.
        let mut touched: FxHashMap<usize, Location> = FxHashMap::default();
        touched.reserve(records.len());
        for (entity, loc) in records {
            let earlier = self.index.get(&entity.id, &self.entities);
            if let Some(first) = earlier.and_then(|i| touched.get(&i)) {
                let msg = format!("duplicate id {:?} (first defined at {first})", entity.id);
                self.problems.push(Problem::new(loc, msg).with_entity(entity.id.clone()));
                continue;
            }
            let i = self.merge_one(entity, loc.clone(), mode);
            touched.insert(i, loc);
        }
        self
    }

    /// Adds every entity of `gazetteer`, combining by `mode`.
    pub fn add_gazetteer(&mut self, gazetteer: &Gazetteer, mode: MergeMode) -> &mut Self {
        let records =
            gazetteer.entities.iter().cloned().zip(gazetteer.origins.iter().cloned()).collect();
        self.add_source(records, mode)
    }

    /// Records a problem found by a loader, to be reported by [`GazetteerBuilder::build`].
    pub fn push_problem(&mut self, problem: Problem) -> &mut GazetteerBuilder {
        self.problems.push(problem);
        self
    }

    /// The number of distinct ids added so far.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    fn merge_one(&mut self, entity: Entity, loc: Location, mode: MergeMode) -> usize {
        match self.index.get(&entity.id, &self.entities) {
            None => {
                let i = self.entities.len();
                self.entities.push(entity);
                self.origins.push(loc);
                self.index.insert(i, &self.entities);
                i
            }
            Some(i) => {
                match mode {
                    MergeMode::Override => {
                        self.entities[i] = entity;
                        self.origins[i] = loc;
                    }
                    MergeMode::Extend => {
                        // Extending adds to a record; it cannot say the record is something
                        // else. A different kind or name is refused rather than dropped.
                        let earlier = &self.entities[i];
                        let first = &self.origins[i];
                        if entity.kind != earlier.kind {
                            let msg = format!(
                                "kind {:?} conflicts with kind {:?} of the record it extends \
                                 ({first}): extend mode adds aliases, posts and codes but \
                                 keeps the kind; use override mode to replace the record",
                                entity.kind.as_str(),
                                earlier.kind.as_str()
                            );
                            self.problems.push(Problem::new(loc, msg).with_entity(entity.id));
                            return i;
                        }
                        if entity.name != earlier.name {
                            let msg = format!(
                                "name {:?} conflicts with name {:?} of the record it extends \
                                 ({first}): extend mode keeps the name; give {:?} as an alias, \
                                 or use override mode to replace the record",
                                entity.name, earlier.name, entity.name
                            );
                            self.problems.push(Problem::new(loc, msg).with_entity(entity.id));
                            return i;
                        }
                        extend(&mut self.entities[i], entity)
                    }
                }
                i
            }
        }
    }

    /// Checks every entity and returns the gazetteer, or one error listing every problem.
    /// The builder is left as it was, so it can be extended and built again.
    pub fn build(&self) -> Result<Gazetteer> {
        self.check()?;
        Ok(Gazetteer {
            entities: self.entities.clone(),
            origins: self.origins.clone(),
            index: self.index.clone(),
        })
    }

    /// Like [`GazetteerBuilder::build`], but consumes the builder instead of copying its
    /// entities (for large gazetteers).
    pub fn into_gazetteer(self) -> Result<Gazetteer> {
        self.check()?;
        Ok(Gazetteer { entities: self.entities, origins: self.origins, index: self.index })
    }

    fn check(&self) -> Result<()> {
        let mut problems = self.problems.clone();
        for (entity, loc) in self.entities.iter().zip(&self.origins) {
            check_entity(entity, loc, &self.index, &self.entities, &mut problems);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::from_problems(ErrorKind::Invalid, problems))
        }
    }
}

fn extend(into: &mut Entity, from: Entity) {
    for a in from.aliases {
        if !into.aliases.contains(&a) {
            into.aliases.push(a);
        }
    }
    for p in from.posts {
        if !into.posts.contains(&p) {
            into.posts.push(p);
        }
    }
    for m in from.members {
        if !into.members.contains(&m) {
            into.members.push(m);
        }
    }
    for s in from.sources {
        if !into.sources.contains(&s) {
            into.sources.push(s);
        }
    }
    let c = &mut into.codes;
    let f = from.codes;
    c.iso2 = c.iso2.take().or(f.iso2);
    c.iso3 = c.iso3.take().or(f.iso3);
    c.numeric = c.numeric.take().or(f.numeric);
    c.wikidata = c.wikidata.take().or(f.wikidata);
    c.cameo = c.cameo.take().or(f.cameo);
    c.acronym = c.acronym.take().or(f.acronym);
    into.role = into.role.take().or(from.role);
    into.start = into.start.or(from.start);
    into.end = into.end.or(from.end);
}

fn check_dates(
    what: &str,
    start: Option<Date>,
    end: Option<Date>,
    problem: &mut impl FnMut(String),
) {
    if let (Some(s), Some(e)) = (start, end) {
        if s > e {
            problem(format!("{what} starts on {s}, after it ends on {e}"));
        }
    }
}

fn check_entity(
    e: &Entity,
    loc: &Location,
    index: &IdIndex,
    entities: &[Entity],
    out: &mut Vec<Problem>,
) {
    let mut problem =
        |msg: String| out.push(Problem::new(loc.clone(), msg).with_entity(e.id.clone()));
    if e.id.trim().is_empty() || e.id.chars().any(char::is_whitespace) {
        problem(format!("id {:?} is empty or contains white space", e.id));
    }
    if e.name.trim().is_empty() {
        problem("name is empty".to_string());
    } else if fold::word_count(&e.name) == 0 {
        problem(format!("name {:?} folds to nothing", e.name));
    }
    for a in &e.aliases {
        if a.text.trim().is_empty() {
            problem("an alias is empty or white space only".to_string());
        } else if fold::word_count(&a.text) == 0 {
            problem(format!("alias {:?} folds to nothing", a.text));
        }
        check_dates(&format!("alias {:?}", a.text), a.start, a.end, &mut problem);
    }
    check_dates("entity", e.start, e.end, &mut problem);
    match (e.kind, &e.role) {
        (EntityKind::Role, None) => problem("a role entity needs a \"role\" key".to_string()),
        (EntityKind::Role, Some(r)) if role_title(r).is_none() => {
            problem(format!("unknown role key {r:?} (see the role vocabulary)"))
        }
        (EntityKind::Role, Some(_)) => {}
        (_, Some(r)) => problem(format!("only role entities carry a role key, found {r:?}")),
        (_, None) => {}
    }
    if !e.posts.is_empty() && e.kind != EntityKind::Official {
        problem(format!("only officials hold posts, but this is a {}", e.kind.as_str()));
    }
    for p in &e.posts {
        if role_title(&p.role).is_none() {
            problem(format!("post has unknown role key {:?} (see the role vocabulary)", p.role));
        }
        match index.get(&p.of, entities).map(|i| entities[i].kind) {
            None => problem(format!("post of {:?} refers to an unknown id", p.of)),
            Some(EntityKind::State | EntityKind::Organization) => {}
            Some(k) => problem(format!(
                "post of {:?} refers to a {}, not a state or organization",
                p.of,
                k.as_str()
            )),
        }
        check_dates(&format!("post {} of {}", p.role, p.of), p.start, p.end, &mut problem);
    }
    for m in &e.members {
        match index.get(m, entities).map(|i| entities[i].kind) {
            None => problem(format!("member {m:?} refers to an unknown id")),
            Some(EntityKind::State | EntityKind::Organization) => {}
            Some(k) => problem(format!("member {m:?} is a {}, not a state", k.as_str())),
        }
    }
}
