//! `geopol.Mention` and `geopol.Role`: owned, frozen copies of [`crate::Mention`].

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};
use serde::{Deserialize, Serialize};

use super::errors::GeopolError;
use super::json;
use std::sync::{Arc, OnceLock};

use crate::mention::Mention;
use crate::model::{Codes, Entity};
use crate::offsets::CharOffsets;
use crate::Matcher;

/// The post of a mention, laid out as the `role` object of the Mention JSON.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RoleData {
    key: Cow<'static, str>,
    title: Cow<'static, str>,
    of: Option<String>,
    of_name: Option<String>,
    /// The text calls the post a past one ("former foreign minister").
    #[serde(default)]
    former: bool,
    /// The other roles the same post gives ("President of Kenya": head of government too).
    #[serde(default)]
    also: Vec<Cow<'static, str>>,
    /// The post record's dates; `None` for a bare title (no post record) as for a post
    /// with no known start or end.
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    end: Option<String>,
}

impl RoleData {
    /// The `role` object of the Mention JSON: always the same keys, `start`/`end` None for a
    /// bare title (no post record).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item(intern!(py, "key"), &self.key)?;
        d.set_item(intern!(py, "title"), &self.title)?;
        d.set_item(intern!(py, "of"), &self.of)?;
        d.set_item(intern!(py, "of_name"), &self.of_name)?;
        d.set_item(intern!(py, "former"), self.former)?;
        d.set_item(intern!(py, "also"), &self.also)?;
        d.set_item(intern!(py, "start"), &self.start)?;
        d.set_item(intern!(py, "end"), &self.end)?;
        Ok(d)
    }
}

/// The `stands_for` object of the Mention JSON: `{"state": id, "sector": ..., "cue": ...}`
/// (`"organization"` instead of `"state"` for an organization, e.g. Brussels for the EU).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StandsForData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    organization: Option<String>,
    sector: Cow<'static, str>,
    cue: Cow<'static, str>,
}

impl StandsForData {
    fn new(s: &crate::mention::StandsFor<'_>) -> StandsForData {
        let id = s.entity.id.clone();
        let (state, organization) = match s.entity.kind {
            crate::model::EntityKind::State => (Some(id), None),
            _ => (None, Some(id)),
        };
        StandsForData {
            state,
            organization,
            sector: Cow::Borrowed(s.sector),
            cue: Cow::Borrowed(s.cue),
        }
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        if let Some(id) = &self.state {
            d.set_item(intern!(py, "state"), id)?;
        }
        if let Some(id) = &self.organization {
            d.set_item(intern!(py, "organization"), id)?;
        }
        d.set_item(intern!(py, "sector"), &self.sector)?;
        d.set_item(intern!(py, "cue"), &self.cue)?;
        Ok(d)
    }
}

/// What a mention shows of its entity. One per entity, shared by all its mentions from one
/// matcher (see [`EntityInfos`]): most of a mention's strings are its entity's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EntityInfo {
    kind: Cow<'static, str>,
    id: String,
    name: String,
    codes: Codes,
}

impl EntityInfo {
    /// A person the gazetteer does not know, named `name` by the text: no id, no codes.
    fn nil(name: &str) -> EntityInfo {
        EntityInfo {
            kind: Cow::Borrowed(crate::model::EntityKind::Official.as_str()),
            id: String::new(),
            name: name.to_owned(),
            codes: Codes::default(),
        }
    }

    /// The id, `None` for a person the gazetteer does not know.
    fn id(&self) -> Option<&str> {
        (!self.id.is_empty()).then_some(self.id.as_str())
    }

    fn new(e: &Entity) -> EntityInfo {
        EntityInfo {
            kind: Cow::Borrowed(e.kind.as_str()),
            id: e.id.clone(),
            name: e.name.clone(),
            codes: e.codes.clone(),
        }
    }
}

/// The [`EntityInfo`] of each entity of one matcher's gazetteer, made on first use.
pub(crate) struct EntityInfos {
    slots: Vec<OnceLock<Arc<EntityInfo>>>,
}

impl EntityInfos {
    pub(crate) fn new(matcher: &Matcher) -> EntityInfos {
        EntityInfos { slots: (0..matcher.gazetteer().len()).map(|_| OnceLock::new()).collect() }
    }

    fn get(&self, matcher: &Matcher, e: &Entity) -> Arc<EntityInfo> {
        match matcher.gazetteer().position(&e.id).and_then(|i| self.slots.get(i)) {
            Some(slot) => slot.get_or_init(|| Arc::new(EntityInfo::new(e))).clone(),
            None => Arc::new(EntityInfo::new(e)),
        }
    }
}

/// A mention with everything Python shows. Its serde form ([`MentionJson`]) is exactly the
/// "Mention JSON" of `DESIGN.md`, i.e. [`Mention::to_json`] (checked by the Python tests
/// against `Matcher._extract_json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "MentionJson", into = "MentionJson")]
pub(crate) struct MentionData {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    text: String,
    entity: Arc<EntityInfo>,
    matched_by: Cow<'static, str>,
    role: Option<RoleData>,
    state: Option<String>,
    stands_for: Option<StandsForData>,
    candidates: Vec<String>,
    more_candidates: usize,
    date_checked: bool,
}

/// The Mention JSON object, field by field.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MentionJson {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    text: String,
    kind: Cow<'static, str>,
    id: Option<String>,
    name: String,
    matched_by: Cow<'static, str>,
    codes: Codes,
    role: Option<RoleData>,
    state: Option<String>,
    stands_for: Option<StandsForData>,
    candidates: Vec<String>,
    /// Absent in objects written before it existed.
    #[serde(default)]
    more_candidates: usize,
    date_checked: bool,
}

impl From<MentionJson> for MentionData {
    fn from(j: MentionJson) -> MentionData {
        MentionData {
            start: j.start,
            end: j.end,
            byte_start: j.byte_start,
            byte_end: j.byte_end,
            text: j.text,
            entity: Arc::new(EntityInfo {
                kind: j.kind,
                id: j.id.unwrap_or_default(),
                name: j.name,
                codes: j.codes,
            }),
            matched_by: j.matched_by,
            role: j.role,
            state: j.state,
            stands_for: j.stands_for,
            candidates: j.candidates,
            more_candidates: j.more_candidates,
            date_checked: j.date_checked,
        }
    }
}

impl From<MentionData> for MentionJson {
    fn from(m: MentionData) -> MentionJson {
        let e = Arc::unwrap_or_clone(m.entity);
        MentionJson {
            start: m.start,
            end: m.end,
            byte_start: m.byte_start,
            byte_end: m.byte_end,
            text: m.text,
            kind: e.kind,
            id: (!e.id.is_empty()).then_some(e.id),
            name: e.name,
            matched_by: m.matched_by,
            codes: e.codes,
            role: m.role,
            state: m.state,
            stands_for: m.stands_for,
            candidates: m.candidates,
            more_candidates: m.more_candidates,
            date_checked: m.date_checked,
        }
    }
}

impl MentionData {
    /// Copies `m`, found in the text `offsets` was built over, sharing its entity's info.
    fn new(m: &Mention<'_>, offsets: &CharOffsets, entity: Arc<EntityInfo>) -> MentionData {
        MentionData {
            start: offsets.char_offset(m.span.start),
            end: offsets.char_offset(m.span.end),
            byte_start: m.span.start,
            byte_end: m.span.end,
            text: m.text.clone(),
            entity,
            matched_by: Cow::Borrowed(m.matched_by.as_str()),
            role: m.role.as_ref().map(|r| RoleData {
                key: role_key(r.key),
                title: role_title_text(r.key, r.title),
                of: r.of.map(|o| o.id.clone()),
                of_name: r.of.map(|o| o.name.clone()),
                former: r.former,
                also: r.also.iter().map(|k| role_key(k)).collect(),
                start: r.post.and_then(|p| p.start).map(|d| d.to_string()),
                end: r.post.and_then(|p| p.end).map(|d| d.to_string()),
            }),
            state: m.state.map(|s| s.id.clone()),
            stands_for: m.stands_for.as_ref().map(StandsForData::new),
            candidates: m.candidates.iter().map(|c| c.id.clone()).collect(),
            more_candidates: m.more_candidates,
            date_checked: m.date_checked,
        }
    }

    /// The Mention JSON object, keys in the order of `DESIGN.md` (the serde form, written
    /// directly: this is the hot path of the table exports).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item(intern!(py, "start"), self.start)?;
        d.set_item(intern!(py, "end"), self.end)?;
        d.set_item(intern!(py, "byte_start"), self.byte_start)?;
        d.set_item(intern!(py, "byte_end"), self.byte_end)?;
        d.set_item(intern!(py, "text"), &self.text)?;
        d.set_item(intern!(py, "kind"), &self.entity.kind)?;
        d.set_item(intern!(py, "id"), self.entity.id())?;
        d.set_item(intern!(py, "name"), &self.entity.name)?;
        d.set_item(intern!(py, "matched_by"), &self.matched_by)?;
        d.set_item(intern!(py, "codes"), codes_dict(py, &self.entity.codes)?)?;
        match &self.role {
            Some(r) => d.set_item(intern!(py, "role"), r.to_dict(py)?)?,
            None => d.set_item(intern!(py, "role"), py.None())?,
        }
        d.set_item(intern!(py, "state"), &self.state)?;
        match &self.stands_for {
            Some(s) => d.set_item(intern!(py, "stands_for"), s.to_dict(py)?)?,
            None => d.set_item(intern!(py, "stands_for"), py.None())?,
        }
        d.set_item(intern!(py, "candidates"), &self.candidates)?;
        d.set_item(intern!(py, "more_candidates"), self.more_candidates)?;
        d.set_item(intern!(py, "date_checked"), self.date_checked)?;
        Ok(d)
    }

    /// Copies every mention of one text, found by `matcher` (whose entity infos `infos`
    /// holds).
    pub(crate) fn all(
        mentions: &[Mention<'_>],
        text: &str,
        matcher: &Matcher,
        infos: &EntityInfos,
    ) -> Vec<MentionData> {
        MentionData::all_in(mentions, &CharOffsets::new(text), matcher, infos)
    }

    /// [`MentionData::all`] for some mentions of the text `offsets` was built over.
    pub(crate) fn all_in(
        mentions: &[Mention<'_>],
        offsets: &CharOffsets,
        matcher: &Matcher,
        infos: &EntityInfos,
    ) -> Vec<MentionData> {
        mentions
            .iter()
            .map(|m| {
                let info = if m.is_nil() {
                    Arc::new(EntityInfo::nil(m.name()))
                } else {
                    infos.get(matcher, m.entity)
                };
                MentionData::new(m, offsets, info)
            })
            .collect()
    }
}

/// A role key: the vocabulary's own `&'static str` when it is one (no copy per mention).
fn role_key(key: &str) -> Cow<'static, str> {
    match crate::model::ROLE_KEYS.iter().find(|(k, _)| *k == key) {
        Some((k, _)) => Cow::Borrowed(k),
        None => Cow::Owned(key.to_owned()),
    }
}

/// A role's title: the default title of `key` without a copy when it is that.
fn role_title_text(key: &str, title: &str) -> Cow<'static, str> {
    match crate::model::role_title(key) {
        Some(t) if t == title => Cow::Borrowed(t),
        _ => Cow::Owned(title.to_owned()),
    }
}

/// The codes as a `dict`, with only the codes that are set.
pub(crate) fn codes_dict<'py>(py: Python<'py>, codes: &Codes) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (k, v) in codes.iter() {
        dict.set_item(k, v)?;
    }
    Ok(dict)
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// A Python-style `repr` of a string: single quotes unless it contains one and no double
/// quote, the same escapes as Python for quotes, backslashes and control characters.
pub(crate) fn repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02x}"));
                } else {
                    out.push_str(&format!("\\u{n:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// The post held by a mentioned official, or the role a title names.
///
/// Dates are ISO strings (`YYYY-MM-DD`); `start` and `end` are None for a role title,
/// which names no post record.
///
/// >>> import geopol
/// >>> m = geopol.Matcher.from_entities([
/// ...     {"id": "state:TUR", "kind": "state", "name": "Turkey"},
/// ...     {"id": "person:mevlut-cavusoglu", "kind": "official", "name": "Mevlüt Çavuşoğlu",
/// ...      "posts": [{"role": "foreign_minister", "of": "state:TUR", "start": "2015-11-24",
/// ...                 "end": "2023-06-03", "title": "Minister of Foreign Affairs"}]},
/// ... ])
/// >>> m.extract("Mevlut Cavusoglu", date="2022-01-11")[0].role
/// Role(key='foreign_minister', title='Minister of Foreign Affairs', of='state:TUR', start='2015-11-24', end='2023-06-03')
#[pyclass(frozen, module = "geopol", name = "Role")]
#[derive(Clone, Debug)]
pub struct PyRole(RoleData);

#[pymethods]
impl PyRole {
    /// The role key (`"foreign_minister"`, `"head_of_state"`, ...).
    #[getter]
    fn key(&self) -> &str {
        &self.0.key
    }

    /// The title of the post (`"Foreign Minister"`).
    #[getter]
    fn title(&self) -> &str {
        &self.0.title
    }

    /// The id of the state or organization of the post, when known.
    #[getter]
    fn of(&self) -> Option<&str> {
        self.0.of.as_deref()
    }

    /// The name of the state or organization of the post, when known.
    #[getter]
    fn of_name(&self) -> Option<&str> {
        self.0.of_name.as_deref()
    }

    /// First day in the post (ISO `YYYY-MM-DD`), when known.
    #[getter]
    fn start(&self) -> Option<&str> {
        self.0.start.as_deref()
    }

    /// Last day in the post (ISO `YYYY-MM-DD`); `None` when still held or unknown.
    #[getter]
    fn end(&self) -> Option<&str> {
        self.0.end.as_deref()
    }

    /// True when the text calls the post a past one ("former foreign minister X",
    /// "ex-President Y"): it claims no current post.
    #[getter]
    fn former(&self) -> bool {
        self.0.former
    }

    /// The other role keys the same post gives its holder: a president of a presidential
    /// system is head of state and of government, so `key` is `"head_of_state"` and
    /// `also` is `["head_of_government"]`. Empty for a role from the text's title alone.
    #[getter]
    fn also(&self) -> Vec<&str> {
        self.0.also.iter().map(|k| k.as_ref()).collect()
    }

    /// The `role` object of the Mention JSON (`start` and `end` are None for a bare title).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.0.to_dict(py)
    }

    fn __eq__(&self, other: &Bound<'_, PyRole>) -> bool {
        self.0 == other.get().0
    }

    fn __hash__(&self) -> u64 {
        hash_of(&self.0)
    }

    fn __repr__(&self) -> String {
        let r = &self.0;
        let mut s = format!("Role(key={}, title={}", repr(&r.key), repr(&r.title));
        if let Some(of) = &r.of {
            s.push_str(&format!(", of={}", repr(of)));
        }
        if let Some(d) = &r.start {
            s.push_str(&format!(", start={}", repr(d)));
        }
        if let Some(d) = &r.end {
            s.push_str(&format!(", end={}", repr(d)));
        }
        if r.former {
            s.push_str(", former=True");
        }
        if !r.also.is_empty() {
            let keys: Vec<String> = r.also.iter().map(|k| repr(k)).collect();
            s.push_str(&format!(", also=[{}]", keys.join(", ")));
        }
        s.push(')');
        s
    }
}

/// One mention of an entity in a text.
///
/// A frozen record: `start`/`end` are code-point offsets (`text[m.start:m.end] ==
/// m.text`), `byte_start`/`byte_end` UTF-8 byte offsets, both end-exclusive. `to_dict()`
/// gives the Mention JSON object that `geopol extract` prints, and `Mention.from_dict`
/// reads it back. Mentions compare equal when all their fields are equal, are hashable,
/// and pickle.
///
/// >>> import geopol
/// >>> m = geopol.Matcher.from_entities([
/// ...     {"id": "state:TUR", "kind": "state", "name": "Türkiye",
/// ...      "aliases": [{"text": "Turkey"}], "codes": {"iso3": "TUR"}},
/// ...     {"id": "place:ankara", "kind": "place", "name": "Ankara", "state": "state:TUR"},
/// ... ])
/// >>> text = "İstanbul → ANKARA (Türkiye)"
/// >>> a, t = m.extract(text)
/// >>> a
/// Mention(start=11, end=17, text='ANKARA', kind='place', id='place:ankara', matched_by='name')
/// >>> a.state, a.stands_for
/// ('state:TUR', None)
/// >>> text[t.start:t.end], t.byte_start, t.codes
/// ('Türkiye', 22, {'iso3': 'TUR'})
/// >>> t.to_dict()["name"], geopol.Mention.from_dict(t.to_dict()) == t
/// ('Türkiye', True)
#[pyclass(frozen, module = "geopol", name = "Mention")]
#[derive(Clone, Debug)]
pub struct PyMention(pub(crate) MentionData);

#[pymethods]
impl PyMention {
    /// Code-point offset of the first character (a Python `str` index).
    #[getter]
    fn start(&self) -> usize {
        self.0.start
    }

    /// Code-point offset one past the last character: `text[m.start:m.end] == m.text`.
    #[getter]
    fn end(&self) -> usize {
        self.0.end
    }

    /// UTF-8 byte offset of the first byte.
    #[getter]
    fn byte_start(&self) -> usize {
        self.0.byte_start
    }

    /// UTF-8 byte offset one past the last byte.
    #[getter]
    fn byte_end(&self) -> usize {
        self.0.byte_end
    }

    /// The mentioned text, exactly as written.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    /// The kind of the linked entity: `state`, `organization`, `official`, `role` or
    /// `place`.
    #[getter]
    fn kind(&self) -> &str {
        &self.0.entity.kind
    }

    /// The id of the linked entity; `None` for a person the gazetteer does not know, named
    /// after a title ("Kenyan Foreign Minister Wanjiku Odhiambo"): kind `official`, the role and
    /// state from the title, `matched_by` `title` (later `name` or `surname`).
    #[getter]
    fn id(&self) -> Option<&str> {
        self.0.entity.id()
    }

    /// The canonical name of the linked entity; for a person the gazetteer does not know,
    /// the name as written.
    #[getter]
    fn name(&self) -> &str {
        &self.0.entity.name
    }

    /// How the mention matched: `name`, `alias`, `acronym`, `demonym`, `capital`,
    /// `former_name`, `surname` or `title`.
    #[getter]
    fn matched_by(&self) -> &str {
        &self.0.matched_by
    }

    /// The entity's codes that are set (`iso2`, `iso3`, `numeric`, `wikidata`, `cameo`,
    /// `acronym`); a new dict on each access.
    #[getter]
    fn codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        codes_dict(py, &self.0.entity.codes)
    }

    /// For an official, the post held on the document date; for a role title, the role.
    #[getter]
    fn role(&self) -> Option<PyRole> {
        self.0.role.clone().map(PyRole)
    }

    /// For an official or role, the id of the state the post belongs to; for a place, the
    /// state it lies in.
    #[getter]
    fn state(&self) -> Option<&str> {
        self.0.state.as_deref()
    }

    /// For a place read as an actor ("Moscow said", "the Kremlin's decision"), what it
    /// stands for: `{"state": id, "sector": "GOV", "cue": ...}` (`"organization"` instead
    /// of `"state"` for an organization's seat, e.g. Brussels); `None` otherwise. A new
    /// dict on each access.
    #[getter]
    fn stands_for<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.0.stands_for.as_ref().map(|s| s.to_dict(py)).transpose()
    }

    /// Ids of other entities the text could stand for, when the link is uncertain: the
    /// best ten at most, best first (ranked as the linked entity was chosen).
    #[getter]
    fn candidates(&self) -> Vec<String> {
        self.0.candidates.clone()
    }

    /// How many more entities the text could stand for than `candidates` lists: 0 unless
    /// more than ten others share the alias (a surname thousands of officials have).
    #[getter]
    fn more_candidates(&self) -> usize {
        self.0.more_candidates
    }

    /// True when a document date was given and the role was checked against it.
    #[getter]
    fn date_checked(&self) -> bool {
        self.0.date_checked
    }

    /// The mention as the Mention JSON object that `geopol extract` prints: start, end,
    /// byte_start, byte_end, text, kind, id, name, matched_by, codes, role, state,
    /// stands_for, candidates, more_candidates and date_checked.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.0.to_dict(py)
    }

    /// A mention from its Mention JSON object (the inverse of `to_dict`), for instance a
    /// line of `geopol extract` output after `json.loads`.
    ///
    /// Raises:
    ///     GeopolError: the object is not a Mention JSON object.
    #[classmethod]
    #[pyo3(signature = (data, /))]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<PyMention> {
        let text = json::dumps(data)?;
        serde_json::from_str(&text)
            .map(PyMention)
            .map_err(|e| GeopolError::new_err(format!("not a Mention JSON object: {e}")))
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, PyMention>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        let py = slf.py();
        let from_dict = slf.get_type().getattr(pyo3::intern!(py, "from_dict"))?;
        Ok((from_dict, (slf.get().to_dict(py)?.into_any(),)))
    }

    fn __eq__(&self, other: &Bound<'_, PyMention>) -> bool {
        self.0 == other.get().0
    }

    fn __hash__(&self) -> u64 {
        let m = &self.0;
        hash_of(&(m.byte_start, m.byte_end, &m.text, &m.entity.id, &m.role))
    }

    fn __repr__(&self) -> String {
        let m = &self.0;
        let mut s = format!(
            "Mention(start={}, end={}, text={}, kind={}, id={}, matched_by={}",
            m.start,
            m.end,
            repr(&m.text),
            repr(&m.entity.kind),
            m.entity.id().map_or_else(|| "None".to_owned(), repr),
            repr(&m.matched_by)
        );
        if let Some(r) = &m.role {
            s.push_str(&format!(", role={}", repr(&r.key)));
        }
        if !m.candidates.is_empty() {
            let c: Vec<String> = m.candidates.iter().map(|c| repr(c)).collect();
            s.push_str(&format!(", candidates=[{}]", c.join(", ")));
        }
        s.push(')');
        s
    }
}
