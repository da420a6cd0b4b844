//! `geopol.Decision`: an owned, frozen copy of [`crate::Decision`].

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};
use serde::{Deserialize, Serialize};

use super::errors::GeopolError;
use super::json;
use super::mention::repr;
use crate::decision::Decision;
use crate::offsets::CharOffsets;

/// A decision laid out as the decision JSON of `geopol extract --explain` (without its
/// `doc`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DecisionData {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    text: String,
    kind: String,
    id: Option<String>,
    to: Option<String>,
    action: String,
    pass: String,
    reason: String,
}

impl DecisionData {
    /// Copies the decisions about one text (`offsets` built over it).
    pub(crate) fn all(decisions: &[Decision<'_>], offsets: &CharOffsets) -> Vec<DecisionData> {
        let id = |e: &crate::Entity| (!e.id.is_empty()).then(|| e.id.clone());
        decisions
            .iter()
            .map(|d| DecisionData {
                start: offsets.char_offset(d.span.start),
                end: offsets.char_offset(d.span.end),
                byte_start: d.span.start,
                byte_end: d.span.end,
                text: d.text.clone(),
                kind: d.entity.kind.as_str().to_owned(),
                id: id(d.entity),
                to: d.to.and_then(id),
                action: d.action.as_str().to_owned(),
                pass: d.pass.as_str().to_owned(),
                reason: d.reason.to_owned(),
            })
            .collect()
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item(intern!(py, "start"), self.start)?;
        d.set_item(intern!(py, "end"), self.end)?;
        d.set_item(intern!(py, "byte_start"), self.byte_start)?;
        d.set_item(intern!(py, "byte_end"), self.byte_end)?;
        d.set_item(intern!(py, "text"), &self.text)?;
        d.set_item(intern!(py, "kind"), &self.kind)?;
        d.set_item(intern!(py, "id"), &self.id)?;
        d.set_item(intern!(py, "to"), &self.to)?;
        d.set_item(intern!(py, "action"), &self.action)?;
        d.set_item(intern!(py, "pass"), &self.pass)?;
        d.set_item(intern!(py, "reason"), &self.reason)?;
        Ok(d)
    }
}

/// Why a resolution pass dropped, relinked, added or annotated a candidate mention, from
/// ``Matcher.extract(text, explain=True)``: for debugging a rule or a gazetteer.
///
/// The reasons are short ``snake_case`` words, listed in the design notes ("Explaining
/// decisions").
///
/// >>> import geopol
/// >>> m = geopol.Matcher.from_entities([
/// ...     {"id": "state:JOR", "kind": "state", "name": "Jordan"},
/// ... ])
/// >>> mentions, why = m.extract("Michael Jordan scored 40 points.", explain=True)
/// >>> mentions
/// []
/// >>> why
/// [Decision(start=8, end=14, text='Jordan', id='state:JOR', action='drop', pass_='readings', reason='person_name')]
/// >>> why[0].to_dict()["pass"]
/// 'readings'
#[pyclass(frozen, module = "geopol", name = "Decision")]
#[derive(Clone, Debug)]
pub struct PyDecision(pub(crate) DecisionData);

#[pymethods]
impl PyDecision {
    /// Code-point offset of the candidate's first character.
    #[getter]
    fn start(&self) -> usize {
        self.0.start
    }

    /// Code-point offset one past the candidate's last character.
    #[getter]
    fn end(&self) -> usize {
        self.0.end
    }

    /// UTF-8 byte offset of the candidate's first byte.
    #[getter]
    fn byte_start(&self) -> usize {
        self.0.byte_start
    }

    /// UTF-8 byte offset one past the candidate's last byte.
    #[getter]
    fn byte_end(&self) -> usize {
        self.0.byte_end
    }

    /// The candidate's text, exactly as written.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    /// The kind of the entity the candidate was linked to when the pass saw it.
    #[getter]
    fn kind(&self) -> &str {
        &self.0.kind
    }

    /// The id of that entity; `None` for a person the gazetteer does not know.
    #[getter]
    fn id(&self) -> Option<&str> {
        self.0.id.as_deref()
    }

    /// For `action` `relink`, the id the mention links to now; for a title left
    /// unresolved (`holder_not_confirmed`), the holder kept as a candidate; else `None`.
    #[getter]
    fn to(&self) -> Option<&str> {
        self.0.to.as_deref()
    }

    /// What the pass did: `drop`, `relink`, `add` or `annotate`.
    #[getter]
    fn action(&self) -> &str {
        &self.0.action
    }

    /// Which pass: `pick`, `context`, `compose`, `newcomers`, `titles` or `readings` (the
    /// key `pass` of `to_dict()`).
    #[getter]
    fn pass_(&self) -> &str {
        &self.0.pass
    }

    /// Why, as a short `snake_case` word (`person_name`, `holder_not_confirmed`, ...).
    #[getter]
    fn reason(&self) -> &str {
        &self.0.reason
    }

    /// The decision as the JSON object that `geopol extract --explain` prints (without its
    /// `doc`): start, end, byte_start, byte_end, text, kind, id, to, action, pass and
    /// reason.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.0.to_dict(py)
    }

    /// A decision from its JSON object (the inverse of `to_dict`).
    ///
    /// Raises:
    ///     GeopolError: the object is not a decision JSON object.
    #[classmethod]
    #[pyo3(signature = (data, /))]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<PyDecision> {
        let text = json::dumps(data)?;
        serde_json::from_str(&text)
            .map(PyDecision)
            .map_err(|e| GeopolError::new_err(format!("not a decision JSON object: {e}")))
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, PyDecision>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        let py = slf.py();
        let from_dict = slf.get_type().getattr(intern!(py, "from_dict"))?;
        Ok((from_dict, (slf.get().to_dict(py)?.into_any(),)))
    }

    fn __eq__(&self, other: &Bound<'_, PyDecision>) -> bool {
        self.0 == other.get().0
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.0.hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        let d = &self.0;
        format!(
            "Decision(start={}, end={}, text={}, id={}, action={}, pass_={}, reason={}{})",
            d.start,
            d.end,
            repr(&d.text),
            d.id.as_deref().map_or_else(|| "None".to_owned(), repr),
            repr(&d.action),
            repr(&d.pass),
            repr(&d.reason),
            d.to.as_deref().map_or_else(String::new, |t| format!(", to={}", repr(t))),
        )
    }
}
