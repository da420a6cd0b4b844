//! `geopol.Matcher`: a frozen wrapper of [`crate::Matcher`] that releases the GIL while it
//! works.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::exceptions::{PyIsADirectoryError, PyOSError, PyTypeError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyString, PyType};
use rayon::prelude::*;

use super::args;
use super::dates::{extract_date, is_single_date};
use super::decision::{DecisionData, PyDecision};
use super::entity::PyEntity;
use super::errors::{BuildError, GeopolError, LoadError};
use super::iter::PyMentionIter;
use super::mention::{EntityInfos, MentionData, PyMention};
use crate::date::Date;
use crate::error::{Error, ErrorKind};
use crate::load::{self, Format};
use crate::model::{Gazetteer, MergeMode};
use crate::Matcher;

/// Where a matcher's gazetteer came from; decides how it pickles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    /// The embedded default, unchanged: pickles as a call to `Matcher.default()`.
    Default,
    /// The embedded default with records added or changed: pickles as those records.
    DefaultPlus,
    /// The caller's records alone: pickles as the whole gazetteer.
    Own,
}

/// A compiled gazetteer that finds and links mentions in texts.
///
/// `Matcher()` and `Matcher.default()` use the embedded default gazetteer. Give gazetteer
/// files (JSON, JSON Lines or CSV, told apart by their extension) to add to it, or to use
/// alone with `default=False`; `Matcher.from_entities` takes records from Python.
///
/// A matcher is immutable and thread-safe, and `extract` and `extract_batch` release the
/// GIL. It pickles (the default matcher as a reference to `Matcher.default()`, another as
/// its records), so it can be sent to worker processes.
///
/// Args:
///     gazetteers: a gazetteer file, or a sequence of them, read in order.
///     default: start from the embedded default gazetteer (the default) or from nothing.
///     mode: how a record combines with an earlier one of the same id: "extend" (the
///         default) adds its aliases, posts, members and codes (a different kind or name
///         is a LoadError naming both records); "override" replaces it.
///
/// Raises:
///     LoadError: a file does not parse or its records do not check; the message names
///         every problem with its file and line.
///     OSError: a file cannot be read (FileNotFoundError when it does not exist).
///     GeopolError: a path has a lone surrogate, which `os.fsencode` cannot encode.
///
/// >>> import geopol
/// >>> m = geopol.Matcher.from_entities([
/// ...     {"id": "state:KAZ", "kind": "state", "name": "Kazakhstan",
/// ...      "aliases": [{"text": "Kazakh", "type": "demonym"}]},
/// ... ])
/// >>> [(x.text, x.id) for x in m.extract("Kazakh diplomats left KAZAKHSTAN.")]
/// [('Kazakh', 'state:KAZ'), ('KAZAKHSTAN', 'state:KAZ')]
/// >>> len(m), "state:KAZ" in m
/// (1, True)
#[pyclass(frozen, module = "geopol", name = "Matcher")]
pub struct PyMatcher {
    matcher: Matcher,
    origin: Origin,
    /// What mentions show of each entity, shared by all mentions of that entity.
    infos: Arc<EntityInfos>,
}

/// Runs `f`, turning a panic into a `BuildError` so that none crosses into Python.
fn no_panic<T>(what: &str, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("unknown panic");
            Err(BuildError::new_err(format!("{what} failed: {msg}")))
        }
    }
}

#[cfg(feature = "embedded")]
fn embedded_matcher() -> PyResult<Matcher> {
    no_panic("loading the embedded gazetteer", || on_own_pool(|| Ok(Matcher::default())))
}

#[cfg(not(feature = "embedded"))]
fn embedded_matcher() -> PyResult<Matcher> {
    Err(GeopolError::new_err("geopol was built without the embedded gazetteer"))
}

fn embedded_gazetteer() -> PyResult<Arc<Gazetteer>> {
    embedded_matcher().map(|m| m.gazetteer_arc())
}

fn merge_mode(mode: &str) -> PyResult<MergeMode> {
    match mode {
        "extend" => Ok(MergeMode::Extend),
        "override" => Ok(MergeMode::Override),
        other => Err(GeopolError::new_err(format!(
            "mode must be \"extend\" or \"override\", not {other:?}"
        ))),
    }
}

/// Loader errors: a file whose format cannot be told is a `LoadError` too.
fn load_error(err: Error) -> PyErr {
    if err.kind() == ErrorKind::Argument {
        LoadError::new_err(err.to_string())
    } else {
        err.into()
    }
}

/// The paths of the `gazetteers` argument: one path or a sequence of them, converted as
/// `os.fsencode` does (a lone surrogate is a `GeopolError` naming the item, never a panic).
fn extract_paths(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PathBuf>> {
    let Some(obj) = obj else { return Ok(Vec::new()) };
    if obj.is_none() {
        return Ok(Vec::new());
    }
    if obj.is_instance_of::<PyString>() || obj.hasattr(pyo3::intern!(obj.py(), "__fspath__"))? {
        return Ok(vec![args::path(obj, "gazetteers")?]);
    }
    let not_paths = || {
        PyTypeError::new_err(format!(
            "gazetteers must be a path or a sequence of paths, not {}",
            args::type_name(obj)
        ))
    };
    if obj.is_instance_of::<PyBytes>() {
        return Err(not_paths());
    }
    let mut paths = Vec::new();
    for item in obj.try_iter().map_err(|_| not_paths())? {
        let what = format!("gazetteers[{}]", paths.len());
        paths.push(args::path(&item?, &what)?);
    }
    Ok(paths)
}

/// `FileNotFoundError`, `PermissionError`, `IsADirectoryError`, ... for a path that cannot
/// be a gazetteer file, naming the path (`err.filename`).
fn check_file(path: &PathBuf) -> PyResult<()> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(PyIsADirectoryError::new_err(format!(
            "{}: is a directory, not a gazetteer file",
            path.display()
        ))),
        Ok(_) => Ok(()),
        Err(e) => {
            let text = e.to_string();
            let strerror = text.split(" (os error").next().unwrap_or(&text).to_owned();
            let filename = path.display().to_string();
            // OSError(errno, strerror, filename) picks the subclass for the errno.
            Err(match e.raw_os_error() {
                Some(errno) => PyOSError::new_err((errno, strerror, filename)),
                None => PyOSError::new_err(format!("{filename}: {strerror}")),
            })
        }
    }
}

/// Entities given from Python as JSON Lines (one record per item, so that problems name
/// the item by its 1-based position as the "line").
fn entities_jsonl(entities: &Bound<'_, PyAny>) -> PyResult<String> {
    if entities.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err("entities must be a sequence of dicts, not a str"));
    }
    let mut out = String::new();
    for item in entities.try_iter()? {
        let item = item?;
        let line = match item.cast::<PyEntity>() {
            Ok(e) => serde_json::to_string(&e.get().0)
                .map_err(|err| GeopolError::new_err(err.to_string()))?,
            Err(_) => super::json::dumps(&item)?,
        };
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}

/// The rayon pools built so far, by process id and number of threads.
type Pools = Mutex<Vec<(u32, usize, Arc<rayon::ThreadPool>)>>;

/// A rayon pool of `n` threads (by default `RAYON_NUM_THREADS`, else one per CPU), built
/// once per size and process and kept.
///
/// Python work is never run on rayon's global pool: a process forked by `multiprocessing`
/// inherits that pool without its threads and would wait for them forever. A pool made
/// here belongs to the process that made it (the process id is part of the key), so a
/// forked child builds its own; the parent's pools are never dropped in the child, since
/// their threads do not exist there.
fn pool(n: Option<usize>) -> PyResult<Arc<rayon::ThreadPool>> {
    static POOLS: OnceLock<Pools> = OnceLock::new();
    let n = n.unwrap_or_else(|| {
        std::env::var("RAYON_NUM_THREADS")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .filter(|&n: &usize| n > 0)
            .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
            .unwrap_or(1)
    });
    let pid = std::process::id();
    let pools = POOLS.get_or_init(|| Mutex::new(Vec::new()));
    let mut pools = pools.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, _, p)) = pools.iter().find(|(id, k, _)| *id == pid && *k == n) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("geopol-{i}"))
        .build()
        .map_err(|e| PyOSError::new_err(format!("cannot start {n} threads: {e}")))?;
    let p = Arc::new(p);
    pools.push((pid, n, p.clone()));
    Ok(p)
}

/// Runs `f` with the GIL released, on a pool of this process (see [`on_own_pool`]),
/// turning a panic into a `BuildError` about `what`.
fn detached<T: Send>(
    py: Python<'_>,
    what: &str,
    f: impl FnOnce() -> PyResult<T> + Send,
) -> PyResult<T> {
    py.detach(|| no_panic(what, || on_own_pool(f)))
}

/// Runs `f` on a pool of this process (see [`pool`]), so that the rayon work inside it
/// (the core's parallel loops) never touches rayon's global pool.
fn on_own_pool<T: Send>(f: impl FnOnce() -> PyResult<T> + Send) -> PyResult<T> {
    pool(None)?.install(f)
}

impl PyMatcher {
    fn build(gazetteer: Gazetteer, origin: Origin) -> PyResult<PyMatcher> {
        let matcher = no_panic("compiling the matcher", || Ok(Matcher::new(gazetteer)?))?;
        Ok(PyMatcher { infos: Arc::new(EntityInfos::new(&matcher)), matcher, origin })
    }

    /// The default matcher object, one per process (so `Matcher.default() is
    /// Matcher.default()`).
    fn default_object(py: Python<'_>) -> PyResult<Py<PyMatcher>> {
        static DEFAULT: PyOnceLock<Py<PyMatcher>> = PyOnceLock::new();
        DEFAULT
            .get_or_try_init(py, || {
                let matcher = py.detach(embedded_matcher)?;
                Py::new(
                    py,
                    PyMatcher {
                        infos: Arc::new(EntityInfos::new(&matcher)),
                        matcher,
                        origin: Origin::Default,
                    },
                )
            })
            .map(|m| m.clone_ref(py))
    }

    /// The gazetteer records that pickle this matcher, as JSON Lines: all of them, or for
    /// a matcher based on the default, those that differ from the default's.
    fn pickle_records(&self) -> PyResult<Vec<u8>> {
        let g = self.matcher.gazetteer();
        let mut out = Vec::new();
        if self.origin == Origin::DefaultPlus {
            let base = embedded_gazetteer()?;
            let changed: Vec<_> =
                g.entities().iter().filter(|e| base.get(&e.id) != Some(*e)).cloned().collect();
            load::write_jsonl(&changed, &mut out)?;
        } else {
            load::write_jsonl(g.entities(), &mut out)?;
        }
        Ok(out)
    }

    fn documents(
        texts: &Bound<'_, PyAny>,
        dates: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<(PyBackedStr, Option<Date>)>> {
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "texts must be a sequence of str, not a str (use extract for one text)",
            ));
        }
        let mut docs = Vec::new();
        for t in texts.try_iter()? {
            let text = args::text(&t?, &format!("texts[{}]", docs.len()))?;
            docs.push((text, None));
        }
        match dates {
            None => {}
            Some(d) if d.is_none() => {}
            Some(d) if is_single_date(d)? => {
                let date = extract_date(d)?;
                for doc in &mut docs {
                    doc.1 = date;
                }
            }
            Some(d) => {
                let mut n = 0;
                for (i, item) in d.try_iter()?.enumerate() {
                    let item = item?;
                    if let Some(doc) = docs.get_mut(i) {
                        doc.1 = extract_date(&item)
                            .map_err(|e| annotate(item.py(), e, &format!("dates[{i}]")))?;
                    }
                    n += 1;
                }
                if n != docs.len() {
                    return Err(GeopolError::new_err(format!(
                        "dates has {n} items but texts has {}",
                        docs.len()
                    )));
                }
            }
        }
        Ok(docs)
    }
}

/// The same exception type with `what: ` before its message.
fn annotate(py: Python<'_>, err: PyErr, what: &str) -> PyErr {
    let ty = err.get_type(py);
    let msg = format!("{what}: {}", err.value(py));
    if ty.is(py.get_type::<PyTypeError>()) {
        PyTypeError::new_err(msg)
    } else {
        GeopolError::new_err(msg)
    }
}

#[pymethods]
impl PyMatcher {
    #[new]
    #[pyo3(signature = (gazetteers = None, *, default = true, mode = "extend"))]
    fn new(
        py: Python<'_>,
        gazetteers: Option<&Bound<'_, PyAny>>,
        default: bool,
        mode: &str,
    ) -> PyResult<PyMatcher> {
        let mode = merge_mode(mode)?;
        let paths = extract_paths(gazetteers)?;
        for p in &paths {
            check_file(p)?;
        }
        if default && paths.is_empty() {
            let m = PyMatcher::default_object(py)?;
            let matcher = m.get().matcher.clone();
            return Ok(PyMatcher {
                infos: Arc::new(EntityInfos::new(&matcher)),
                matcher,
                origin: Origin::Default,
            });
        }
        detached(py, "loading the gazetteer", || {
            if default {
                let base = embedded_gazetteer()?;
                let g = load::extend_gazetteer(&base, &paths, mode).map_err(load_error)?;
                PyMatcher::build(g, Origin::DefaultPlus)
            } else {
                let g = load::gazetteer_from_paths(&paths, mode).map_err(load_error)?;
                PyMatcher::build(g, Origin::Own)
            }
        })
    }

    /// The matcher over the embedded default gazetteer.
    ///
    /// It is built on the first call (the GIL is released meanwhile) and the same object
    /// is returned afterwards.
    ///
    /// >>> import geopol
    /// >>> geopol.Matcher.default() is geopol.Matcher.default()
    /// True
    #[classmethod]
    fn default(cls: &Bound<'_, PyType>) -> PyResult<Py<PyMatcher>> {
        PyMatcher::default_object(cls.py())
    }

    /// A matcher over entity records given as dicts (or `Entity` objects).
    ///
    /// Each dict is a gazetteer record, as in a JSON Lines gazetteer file: `id`, `kind`
    /// (`state`, `organization`, `official` or `role`), `name`, and optionally `aliases`,
    /// `codes`, `posts`, `members`, `start`, `end`, `sources`, `role`.
    ///
    /// Args:
    ///     entities: the records.
    ///     default: add them to the embedded default gazetteer instead of using them
    ///         alone (the default).
    ///     mode: "extend" or "override", as for `Matcher(...)`.
    ///
    /// Raises:
    ///     LoadError: a record is malformed or the records do not check; problems are
    ///         named `<entities>:N`, N being the record's 1-based position.
    ///
    /// >>> import geopol
    /// >>> m = geopol.Matcher.from_entities([
    /// ...     {"id": "state:TKM", "kind": "state", "name": "Turkmenistan",
    /// ...      "aliases": [{"text": "Turkmen", "type": "demonym"}]},
    /// ... ])
    /// >>> [m.matched_by for m in m.extract("Turkmen gas from Turkmenistan")]
    /// ['demonym', 'name']
    /// >>> geopol.Matcher.from_entities([{"id": "state:X", "kind": "nation", "name": "X"}])
    /// Traceback (most recent call last):
    ///   ...
    /// geopol.LoadError: <entities>:1: entity "state:X": unknown variant "nation", expected one of "state", "organization", "official", "role", "place"
    #[classmethod]
    #[pyo3(signature = (entities, /, *, default = false, mode = "extend"))]
    fn from_entities(
        cls: &Bound<'_, PyType>,
        entities: &Bound<'_, PyAny>,
        default: bool,
        mode: &str,
    ) -> PyResult<PyMatcher> {
        let mode = merge_mode(mode)?;
        let jsonl = entities_jsonl(entities)?;
        detached(cls.py(), "loading the entities", || {
            let records = load::read_str(&jsonl, Format::JsonLines, "<entities>")?;
            let (mut builder, origin) = if default {
                (embedded_gazetteer()?.to_builder(), Origin::DefaultPlus)
            } else {
                (Gazetteer::builder(), Origin::Own)
            };
            builder.add_source(records, mode);
            PyMatcher::build(builder.into_gazetteer()?, origin)
        })
    }

    /// Rebuilds a pickled matcher from JSON Lines records (on top of the default
    /// gazetteer when `default` is true, replacing its records of the same ids).
    #[classmethod]
    fn _from_jsonl(cls: &Bound<'_, PyType>, data: &[u8], default: bool) -> PyResult<PyMatcher> {
        let text = std::str::from_utf8(data)
            .map_err(|e| LoadError::new_err(format!("<pickle>: invalid UTF-8: {e}")))?
            .to_owned();
        detached(cls.py(), "unpickling the matcher", || {
            let records = load::read_str(&text, Format::JsonLines, "<pickle>")?;
            let (mut builder, origin) = if default {
                (embedded_gazetteer()?.to_builder(), Origin::DefaultPlus)
            } else {
                (Gazetteer::builder(), Origin::Own)
            };
            builder.add_source(records, MergeMode::Override);
            PyMatcher::build(builder.into_gazetteer()?, origin)
        })
    }

    /// Finds every mention in `text`, in order, linked and resolved for `date`.
    ///
    /// Mentions never overlap and `text[m.start:m.end] == m.text` for each. The GIL is
    /// released while the text is searched.
    ///
    /// Args:
    ///     text: the document.
    ///     date: the document's date, a `datetime.date`, a `datetime.datetime` or an ISO
    ///         8601 string ("2022-01-11", "2022-01-11T09:30:00Z"). An official's role is
    ///         then the post held that day, and dated names are checked against it.
    ///         Without a date, the role is the latest post and `date_checked` is False.
    ///     explain: also return why each candidate was dropped, relinked, added or
    ///         annotated: a pair `(mentions, decisions)`, the decisions (`Decision`) in the
    ///         order the passes took them. The mentions are the same as without it.
    ///
    /// Raises:
    ///     GeopolError: the date is malformed or does not exist (a ValueError), or `text`
    ///         or the date string has a lone surrogate (is not valid Unicode).
    ///     TypeError: the text is not a str, or the date is of another type.
    ///
    /// >>> import geopol
    /// >>> m = geopol.Matcher.from_entities([
    /// ...     {"id": "state:KAZ", "kind": "state", "name": "Kazakhstan"},
    /// ...     {"id": "person:tokayev", "kind": "official", "name": "Kassym-Jomart Tokayev",
    /// ...      "posts": [
    /// ...          {"role": "foreign_minister", "of": "state:KAZ", "start": "2002-01-28", "end": "2007-01-10"},
    /// ...          {"role": "head_of_state", "of": "state:KAZ", "start": "2019-03-20"}]},
    /// ... ])
    /// >>> [t] = m.extract("Kassym-Jomart Tokayev", date="2005-06-01")
    /// >>> t.role.key, t.role.of_name, t.date_checked
    /// ('foreign_minister', 'Kazakhstan', True)
    /// >>> m.extract("Kassym-Jomart Tokayev")[0].role.key
    /// 'head_of_state'
    /// >>> m.extract("Kazakhstan", date="2022-02-30")
    /// Traceback (most recent call last):
    ///   ...
    /// geopol.GeopolError: invalid date "2022-02-30": day 30 does not exist in 2022-02
    #[pyo3(signature = (text, /, *, date = None, explain = false))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        date: Option<&Bound<'py, PyAny>>,
        explain: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = args::text(text, "text")?;
        let date = match date {
            Some(d) => extract_date(d)?,
            None => None,
        };
        if explain {
            let (data, why) = py.detach(|| {
                no_panic("extraction", || {
                    let (found, why) = self.matcher.explain(&text, date);
                    let offsets = crate::CharOffsets::new(&text);
                    Ok((
                        MentionData::all(&found, &text, &self.matcher, &self.infos),
                        DecisionData::all(&why, &offsets),
                    ))
                })
            })?;
            let mentions: Vec<PyMention> = data.into_iter().map(PyMention).collect();
            let why: Vec<PyDecision> = why.into_iter().map(PyDecision).collect();
            return Ok((mentions, why).into_pyobject(py)?.into_any());
        }
        let data = py.detach(|| {
            no_panic("extraction", || {
                let found = self.matcher.extract(&text, date);
                Ok(MentionData::all(&found, &text, &self.matcher, &self.infos))
            })
        })?;
        let mentions: Vec<PyMention> = data.into_iter().map(PyMention).collect();
        Ok(mentions.into_pyobject(py)?.into_any())
    }

    /// Finds the mentions of `text` a piece at a time: an iterator of the mentions that
    /// `extract(text, date=date)` returns, in the same order.
    ///
    /// A text is resolved in pieces (a paragraph, or at most 64 KiB of a longer one); a
    /// background thread resolves the next few pieces while the caller takes the mentions
    /// of the last, so memory stays that of a few pieces whatever the length of the text.
    /// `extract` holds every mention of the text at once (about 0.7 KB each in Python): use
    /// this for a text of many megabytes. An iterator cannot be used in a process forked
    /// after it was made.
    ///
    /// Args:
    ///     text: the document.
    ///     date: the document's date, as for `extract`.
    ///
    /// Raises:
    ///     GeopolError: the date is malformed or does not exist, or `text` or the date
    ///         string has a lone surrogate; when iterating, the iterator was made in
    ///         another process.
    ///     TypeError: the text is not a str, or the date is of another type.
    ///
    /// >>> import geopol
    /// >>> m = geopol.Matcher.from_entities([{"id": "state:TCD", "kind": "state", "name": "Chad"}])
    /// >>> it = m.extract_iter("Chad.\n\nChad and Chad.")
    /// >>> [(x.text, x.start) for x in it]
    /// [('Chad', 0), ('Chad', 7), ('Chad', 16)]
    #[pyo3(signature = (text, /, *, date = None))]
    fn extract_iter(
        &self,
        text: &Bound<'_, PyAny>,
        date: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyMentionIter> {
        let text = args::text(text, "text")?;
        let date = match date {
            Some(d) => extract_date(d)?,
            None => None,
        };
        PyMentionIter::start(self.matcher.clone(), self.infos.clone(), text, date)
    }

    /// Extracts the mentions of many texts in parallel, without holding the GIL.
    ///
    /// Gives the same mentions as `[self.extract(t, date=d) for t, d in zip(texts,
    /// dates)]`, one list per text, in input order.
    ///
    /// Args:
    ///     texts: the documents (any iterable of str, not a str).
    ///     dates: None, one date for every text, or one date (or None) per text.
    ///     threads: the number of worker threads (at most 4 per CPU); by default, one
    ///         per CPU.
    ///
    /// Raises:
    ///     GeopolError: a date is malformed, a text has a lone surrogate (is not valid
    ///         Unicode), `dates` does not have one item per text, or `threads` is 0 or
    ///         more than 4 per core.
    ///     TypeError: a text is not a str.
    ///
    /// >>> import geopol
    /// >>> m = geopol.Matcher.from_entities([{"id": "state:TCD", "kind": "state", "name": "Chad"}])
    /// >>> [[x.text for x in doc] for doc in m.extract_batch(["Chad.", "chad", "Chad, Chad"])]
    /// [['Chad'], [], ['Chad', 'Chad']]
    #[pyo3(signature = (texts, /, *, dates = None, threads = None))]
    fn extract_batch(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        dates: Option<&Bound<'_, PyAny>>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Vec<PyMention>>> {
        let docs = PyMatcher::documents(texts, dates)?;
        if threads == Some(0) {
            return Err(GeopolError::new_err("threads must be at least 1"));
        }
        let limit = crate::max_threads();
        if let Some(n) = threads.filter(|&n| n > limit) {
            return Err(GeopolError::new_err(format!(
                "threads must be at most {limit} (4 per core on this machine), not {n}"
            )));
        }
        let pool = pool(threads)?;
        let matcher = &self.matcher;
        let infos = &self.infos;
        let data = py.detach(|| {
            no_panic("extraction", || {
                let run = || {
                    docs.par_iter()
                        .map(|(text, date)| {
                            MentionData::all(&matcher.extract(text, *date), text, matcher, infos)
                        })
                        .collect::<Vec<_>>()
                };
                Ok(pool.install(run))
            })
        })?;
        Ok(data.into_iter().map(|doc| doc.into_iter().map(PyMention).collect()).collect())
    }

    /// The Mention JSON of `Mention::to_json` for each mention of `text`, as a JSON array
    /// (a test hook: `to_dict()` must give the same objects).
    #[pyo3(signature = (text, /, *, date = None))]
    fn _extract_json(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        date: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let text = args::text(text, "text")?;
        let date = match date {
            Some(d) => extract_date(d)?,
            None => None,
        };
        py.detach(|| {
            let offsets = crate::CharOffsets::new(&text);
            let all: Vec<_> =
                self.matcher.extract(&text, date).iter().map(|m| m.to_json(&offsets)).collect();
            serde_json::to_string(&all).map_err(|e| GeopolError::new_err(e.to_string()))
        })
    }

    /// The entity with this id, or None.
    ///
    /// >>> import geopol
    /// >>> m = geopol.Matcher.from_entities([{"id": "state:TCD", "kind": "state", "name": "Chad"}])
    /// >>> m.get("state:TCD")
    /// Entity(id='state:TCD', kind='state', name='Chad')
    /// >>> m.get("state:XXX") is None
    /// True
    #[pyo3(signature = (id, /))]
    fn get(&self, id: &Bound<'_, PyAny>) -> PyResult<Option<PyEntity>> {
        let id = args::text(id, "id")?;
        Ok(self.matcher.gazetteer().get(&id).cloned().map(PyEntity))
    }

    /// Every entity of the gazetteer, in its order (copies).
    fn entities(&self) -> Vec<PyEntity> {
        self.matcher.gazetteer().entities().iter().cloned().map(PyEntity).collect()
    }

    /// The number of entities in the gazetteer.
    #[getter]
    fn entity_count(&self) -> usize {
        self.matcher.gazetteer().len()
    }

    /// The number of distinct folded aliases the automaton searches for.
    #[getter]
    fn pattern_count(&self) -> usize {
        self.matcher.pattern_count()
    }

    /// True for the matcher over the embedded default gazetteer, unchanged.
    #[getter]
    fn is_default(&self) -> bool {
        self.origin == Origin::Default
    }

    fn __len__(&self) -> usize {
        self.matcher.gazetteer().len()
    }

    fn __contains__(&self, id: &Bound<'_, PyAny>) -> bool {
        id.cast::<PyString>()
            .ok()
            .and_then(|s| s.to_cow().ok().map(|s| self.matcher.gazetteer().get(&s).is_some()))
            .unwrap_or(false)
    }

    fn __reduce__<'py>(slf: &Bound<'py, PyMatcher>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let cls = slf.get_type();
        let this = slf.get();
        if this.origin == Origin::Default {
            let f = cls.getattr(pyo3::intern!(py, "default"))?;
            return Ok((f, ()).into_pyobject(py)?.into_any());
        }
        let records = py.detach(|| this.pickle_records())?;
        let f = cls.getattr(pyo3::intern!(py, "_from_jsonl"))?;
        let args = (PyBytes::new(py, &records), this.origin == Origin::DefaultPlus);
        Ok((f, args).into_pyobject(py)?.into_any())
    }

    fn __repr__(&self) -> String {
        let n = self.matcher.gazetteer().len();
        match self.origin {
            Origin::Default => format!("<Matcher: default gazetteer, {n} entities>"),
            Origin::DefaultPlus => format!("<Matcher: default gazetteer extended, {n} entities>"),
            Origin::Own => format!("<Matcher: {n} entities>"),
        }
    }
}
