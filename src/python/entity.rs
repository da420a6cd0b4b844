//! `geopol.Entity`, `geopol.Alias`, `geopol.Post`: read-only copies of gazetteer records.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::dates::extract_date;
use super::errors::GeopolError;
use super::json;
use super::mention::{codes_dict, repr};
use crate::model::{Alias, CasePolicy, Entity, Post};

/// The serde form of a record as Python objects, keys in the struct's order.
fn dict_of<'py>(py: Python<'py>, value: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(|e| GeopolError::new_err(e.to_string()))?;
    json::loads(py, &text)
}

fn date_str(d: Option<crate::Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// A state, international organization, official, role title or place of a gazetteer.
///
/// A read-only copy of the record; `to_dict()` gives it in the gazetteer file format, so
/// that `Matcher.from_entities` takes it back. Dates are ISO strings.
///
/// >>> import geopol
/// >>> m = geopol.Matcher.from_entities([
/// ...     {"id": "state:KAZ", "kind": "state", "name": "Kazakhstan"},
/// ...     {"id": "person:tokayev", "kind": "official", "name": "Kassym-Jomart Tokayev",
/// ...      "aliases": [{"text": "Tokayev", "type": "surname"}],
/// ...      "posts": [{"role": "head_of_state", "of": "state:KAZ", "start": "2019-03-20"}]},
/// ... ])
/// >>> e = m.get("person:tokayev")
/// >>> e.kind, e.aliases[0].text, e.posts[0].role
/// ('official', 'Tokayev', 'head_of_state')
/// >>> e.post_on("2022-01-11")
/// Post(role='head_of_state', of='state:KAZ', start='2019-03-20')
/// >>> e.post_on("2010-01-01") is None
/// True
/// >>> e.to_dict()["posts"]
/// [{'role': 'head_of_state', 'of': 'state:KAZ', 'start': '2019-03-20'}]
#[pyclass(frozen, module = "geopol", name = "Entity")]
#[derive(Clone, Debug)]
pub struct PyEntity(pub(crate) Entity);

#[pymethods]
impl PyEntity {
    /// The stable id (`"state:KAZ"`, `"org:OTS"`, `"person:kassym-jomart-tokayev"`).
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }

    /// `state`, `organization`, `official`, `role` or `place`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.as_str()
    }

    /// The canonical name.
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }

    /// Further surface forms (the name itself is not repeated here).
    #[getter]
    fn aliases(&self) -> Vec<PyAlias> {
        self.0.aliases.iter().cloned().map(PyAlias).collect()
    }

    /// The codes that are set (`iso2`, `iso3`, `numeric`, `wikidata`, `cameo`, `acronym`).
    #[getter]
    fn codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        codes_dict(py, &self.0.codes)
    }

    /// For a role-title entity, the role key its titles stand for.
    #[getter]
    fn role(&self) -> Option<&str> {
        self.0.role.as_deref()
    }

    /// For an official, the posts held, in the gazetteer's order.
    #[getter]
    fn posts(&self) -> Vec<PyPost> {
        self.0.posts.iter().cloned().map(PyPost).collect()
    }

    /// For an organization, the ids of its member states, where known.
    #[getter]
    fn members(&self) -> Vec<String> {
        self.0.members.clone()
    }

    /// For a place, the id of the state it lies in.
    #[getter]
    fn state(&self) -> Option<&str> {
        self.0.state.as_deref()
    }

    /// For a place that is the seat of a government or organization (Brussels, the
    /// Kremlin), the id of what it stands for when it acts.
    #[getter]
    fn stands_for(&self) -> Option<&str> {
        self.0.stands_for.as_deref()
    }

    /// When the state or organization began to exist (ISO date), when it is recorded.
    #[getter]
    fn start(&self) -> Option<String> {
        date_str(self.0.start)
    }

    /// When the state or organization ceased to exist (ISO date), when it did.
    #[getter]
    fn end(&self) -> Option<String> {
        date_str(self.0.end)
    }

    /// Where the facts come from (short source names).
    #[getter]
    fn sources(&self) -> Vec<String> {
        self.0.sources.clone()
    }

    /// The post held on `date` (a `datetime.date` or an ISO string), or None: among
    /// the posts held that day, the one that started last.
    #[pyo3(signature = (date, /))]
    fn post_on(&self, date: &Bound<'_, PyAny>) -> PyResult<Option<PyPost>> {
        let Some(date) = extract_date(date)? else {
            return Err(GeopolError::new_err("post_on needs a date, not None"));
        };
        Ok(self.0.post_on(date).cloned().map(PyPost))
    }

    /// The entity as a gazetteer record (one line of a JSON Lines gazetteer file).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dict_of(py, &self.0)
    }

    fn __eq__(&self, other: &Bound<'_, PyEntity>) -> bool {
        self.0 == other.get().0
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.0.id.hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        format!(
            "Entity(id={}, kind={}, name={})",
            repr(&self.0.id),
            repr(self.0.kind.as_str()),
            repr(&self.0.name)
        )
    }
}

/// One surface form of an entity.
#[pyclass(frozen, module = "geopol", name = "Alias")]
#[derive(Clone, Debug)]
pub struct PyAlias(Alias);

#[pymethods]
impl PyAlias {
    /// The form as written.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    /// What kind of form it is (`name`, `alias`, `acronym`, `demonym`, `capital`,
    /// `former_name`, `surname`, `title`); the `type` field of the record.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.as_str()
    }

    /// The case policy in force, given or chosen from the form: `exact` (acronyms and
    /// short all-caps forms: "US" never matches "us"), `capitalized` (a capital initial:
    /// "Chad", not "chad"), `exact_word` (an acronym that is an English word, "WHO":
    /// exact, and not among words in capitals) or `any`.
    #[getter]
    fn case(&self) -> &'static str {
        match self.0.effective_case() {
            CasePolicy::Exact => "exact",
            CasePolicy::Capitalized => "capitalized",
            CasePolicy::ExactWord => "exact_word",
            _ => "any",
        }
    }

    /// First day the form was in use (ISO date), when it is dated.
    #[getter]
    fn start(&self) -> Option<String> {
        date_str(self.0.start)
    }

    /// Last day the form was in use (ISO date), when it is dated.
    #[getter]
    fn end(&self) -> Option<String> {
        date_str(self.0.end)
    }

    /// The alias as it is written in a gazetteer record.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dict_of(py, &self.0)
    }

    fn __eq__(&self, other: &Bound<'_, PyAlias>) -> bool {
        self.0 == other.get().0
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&self.0.text, self.0.kind, self.0.start, self.0.end).hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        format!("Alias(text={}, kind={})", repr(&self.0.text), repr(self.0.kind.as_str()))
    }
}

/// A post an official held: a role of a state or organization over a period.
#[pyclass(frozen, module = "geopol", name = "Post")]
#[derive(Clone, Debug)]
pub struct PyPost(Post);

#[pymethods]
impl PyPost {
    /// The role key (`"foreign_minister"`).
    #[getter]
    fn role(&self) -> &str {
        &self.0.role
    }

    /// The id of the state or organization.
    #[getter]
    fn of(&self) -> &str {
        &self.0.of
    }

    /// The title as the source gives it, when it does.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.0.title.as_deref()
    }

    /// First day in the post (ISO date), when known.
    #[getter]
    fn start(&self) -> Option<String> {
        date_str(self.0.start)
    }

    /// Last day in the post (ISO date); `None` when still held.
    #[getter]
    fn end(&self) -> Option<String> {
        date_str(self.0.end)
    }

    /// The last day the source confirms the post was held (ISO date), when it says.
    #[getter]
    fn confirmed(&self) -> Option<String> {
        date_str(self.0.confirmed)
    }

    /// True when the post is held in an acting (interim) capacity.
    #[getter]
    fn acting(&self) -> bool {
        self.0.acting
    }

    /// Where the fact comes from, when it differs from the entity's sources.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.0.source.as_deref()
    }

    /// A remark on the fact.
    #[getter]
    fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    /// True when the post was held on `date` (a `datetime.date` or ISO string).
    #[pyo3(signature = (date, /))]
    fn held_on(&self, date: &Bound<'_, PyAny>) -> PyResult<bool> {
        match extract_date(date)? {
            Some(d) => Ok(self.0.held_on(d)),
            None => Err(GeopolError::new_err("held_on needs a date, not None")),
        }
    }

    /// The post as it is written in a gazetteer record.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dict_of(py, &self.0)
    }

    fn __eq__(&self, other: &Bound<'_, PyPost>) -> bool {
        self.0 == other.get().0
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let p = &self.0;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&p.role, &p.of, p.start, p.end).hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        let p = &self.0;
        let mut s = format!("Post(role={}, of={}", repr(&p.role), repr(&p.of));
        if let Some(d) = p.start {
            s.push_str(&format!(", start={}", repr(&d.to_string())));
        }
        if let Some(d) = p.end {
            s.push_str(&format!(", end={}", repr(&d.to_string())));
        }
        s.push(')');
        s
    }
}
