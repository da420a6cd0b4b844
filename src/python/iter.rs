//! `geopol.MentionIterator`: the mentions of one text, a piece at a time
//! (`Matcher.extract_iter`).

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;

use super::errors::GeopolError;
use super::mention::{EntityInfos, MentionData, PyMention};
use crate::date::Date;
use crate::{CharOffsets, Matcher};

/// How many resolved pieces may wait for the caller: the memory bound.
const AHEAD: usize = 4;

/// What the resolving thread sends: the mentions of the next piece, or why it stopped.
enum Piece {
    Mentions(Vec<MentionData>),
    Failed(String),
}

/// An iterator over the mentions of one text, in order; made by `Matcher.extract_iter`.
///
/// A background thread resolves the text a piece at a time and the iterator takes the
/// pieces as they come, so memory stays bounded. The thread stops when the text ends or
/// the iterator is dropped.
#[pyclass(name = "MentionIterator", module = "geopol._core")]
pub struct PyMentionIter {
    pieces: Mutex<Option<Receiver<Piece>>>,
    ready: VecDeque<MentionData>,
    /// The process that made it (its thread does not survive a fork).
    pid: u32,
}

impl PyMentionIter {
    pub(crate) fn start(
        matcher: Matcher,
        infos: Arc<EntityInfos>,
        text: PyBackedStr,
        date: Option<Date>,
    ) -> PyResult<PyMentionIter> {
        let (tx, rx) = sync_channel(AHEAD);
        let run = move || {
            let fail = tx.clone();
            let done = catch_unwind(AssertUnwindSafe(|| {
                let offsets = CharOffsets::new(&text);
                // A send fails only when the iterator is gone: then stop.
                let _ = matcher.try_for_each_piece(&text, date, false, false, |found, _| {
                    let data = MentionData::all_in(found, &offsets, &matcher, &infos);
                    tx.send(Piece::Mentions(data))
                });
            }));
            if done.is_err() {
                let _ = fail.send(Piece::Failed("internal error while extracting".into()));
            }
        };
        std::thread::Builder::new()
            .name("geopol-extract-iter".into())
            .spawn(run)
            .map_err(|e| GeopolError::new_err(format!("cannot start a thread: {e}")))?;
        Ok(PyMentionIter {
            pieces: Mutex::new(Some(rx)),
            ready: VecDeque::new(),
            pid: std::process::id(),
        })
    }
}

#[pymethods]
impl PyMentionIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<PyMention>> {
        loop {
            if let Some(m) = self.ready.pop_front() {
                return Ok(Some(PyMention(m)));
            }
            if self.pid != std::process::id() {
                return Err(GeopolError::new_err(
                    "this iterator was made in another process (before a fork); \
                     call extract_iter again in this one",
                ));
            }
            let mut pieces = self.pieces.lock().unwrap_or_else(|e| e.into_inner());
            let Some(rx) = pieces.take() else { return Ok(None) };
            // Waits for the next piece without the GIL.
            let (rx, next) = py.detach(move || {
                let next = rx.recv();
                (rx, next)
            });
            match next {
                Ok(Piece::Mentions(data)) => {
                    *pieces = Some(rx);
                    self.ready.extend(data);
                }
                Ok(Piece::Failed(why)) => return Err(GeopolError::new_err(why)),
                Err(_) => return Ok(None), // the text is done
            }
        }
    }

    fn __repr__(&self) -> String {
        "<geopol.MentionIterator>".to_string()
    }
}
