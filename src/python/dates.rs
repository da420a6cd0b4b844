//! Document dates given from Python: `datetime.date`, `datetime.datetime`, an ISO string.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyType};

use crate::date::Date;

static DATE_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `datetime.date` (of which `datetime.datetime` is a subclass).
fn date_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DATE_TYPE.import(py, "datetime", "date")
}

/// Parses an ISO 8601 date string strictly, as the command line does (see
/// [`Date::parse_document`]): `YYYY-MM-DD`, optionally followed by a time
/// (`2022-01-11T09:30:00+06:00`, `2022-01-11 09:30`), whose date part is used as written.
pub(crate) fn parse_iso(s: &str) -> PyResult<Date> {
    Date::parse_document(s).map_err(PyErr::from)
}

/// The document date of a Python argument: `None`, a `datetime.date` or `datetime.datetime`
/// (its date part), or an ISO 8601 string (see [`parse_iso`]).
///
/// A malformed or impossible date raises `GeopolError` (a `ValueError`); another type
/// raises `TypeError`.
pub(crate) fn extract_date(obj: &Bound<'_, PyAny>) -> PyResult<Option<Date>> {
    if obj.is_none() {
        return Ok(None);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return parse_iso(&super::args::text(s.as_any(), "date")?).map(Some);
    }
    let py = obj.py();
    if obj.is_instance(date_type(py)?)? {
        let year: i32 = obj.getattr(pyo3::intern!(py, "year"))?.extract()?;
        let month: u32 = obj.getattr(pyo3::intern!(py, "month"))?.extract()?;
        let day: u32 = obj.getattr(pyo3::intern!(py, "day"))?.extract()?;
        return Date::new(year, month, day).map(Some).map_err(PyErr::from);
    }
    Err(PyTypeError::new_err(format!(
        "date must be a datetime.date, a datetime.datetime, an ISO 8601 string \
         (YYYY-MM-DD) or None, not {}",
        obj.get_type().name()?
    )))
}

/// True when `obj` is a single date (not a sequence of dates): `None` excluded.
pub(crate) fn is_single_date(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(obj.is_instance_of::<PyString>() || obj.is_instance(date_type(obj.py())?)?)
}
