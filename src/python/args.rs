//! Arguments that cross from Python as text or paths, converted here rather than by pyo3.
//!
//! A Python `str` may hold a lone surrogate (`"a\ud800"`), which is not Unicode text and has
//! no UTF-8 form. pyo3's own conversion to `OsString`/`PathBuf` panics on it, and its `str`
//! conversion gives a message that names neither the argument nor the position. These
//! helpers raise a `GeopolError` (or a `TypeError` for another type) that names both.

use std::ffi::OsString;
use std::path::PathBuf;

use pyo3::exceptions::{PyTypeError, PyUnicodeEncodeError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyString};

use super::errors::GeopolError;

/// The name of the type of `obj` (`"int"`), for messages.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_owned())
}

/// The code-point index of the first lone surrogate in `s`, if any.
fn surrogate_index(s: &Bound<'_, PyString>) -> Option<usize> {
    let units = s.call_method1("encode", ("utf-32-le", "surrogatepass")).ok()?;
    let units = units.cast::<PyBytes>().ok()?;
    units
        .as_bytes()
        .chunks_exact(4)
        .position(|c| (0xD800..=0xDFFF).contains(&u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
}

/// `"{what} is not valid Unicode: lone surrogate at index N"`.
fn not_unicode(s: &Bound<'_, PyString>, what: &str) -> PyErr {
    match surrogate_index(s) {
        Some(i) => GeopolError::new_err(format!(
            "{what} is not valid Unicode: lone surrogate at index {i}"
        )),
        None => GeopolError::new_err(format!("{what} is not valid Unicode")),
    }
}

/// The UTF-8 text of a `str` argument named `what`: a `TypeError` for another type, a
/// `GeopolError` for a string with a lone surrogate.
pub(crate) fn text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<PyBackedStr> {
    let s = obj.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!("{what} must be a str, not {}", type_name(obj)))
    })?;
    PyBackedStr::try_from(s.clone()).map_err(|_| not_unicode(s, what))
}

static FSENCODE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// An OS string from a `str` or `os.PathLike` argument named `what`, as `os.fsencode` makes
/// it (so a surrogate-escaped byte of `sys.argv` comes back as that byte). `bytes` is
/// accepted when `bytes_ok`.
pub(crate) fn os_string(obj: &Bound<'_, PyAny>, what: &str, bytes_ok: bool) -> PyResult<OsString> {
    let py = obj.py();
    let is_bytes = obj.is_instance_of::<PyBytes>();
    let pathlike = obj.is_instance_of::<PyString>()
        || (bytes_ok && is_bytes)
        || (!is_bytes && obj.hasattr(pyo3::intern!(py, "__fspath__"))?);
    if !pathlike {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a str or an os.PathLike, not {}",
            type_name(obj)
        )));
    }
    let encoded = FSENCODE.import(py, "os", "fsencode")?.call1((obj,)).map_err(|e| {
        if e.is_instance_of::<PyUnicodeEncodeError>(py) {
            let start = e.value(py).getattr("start").ok().and_then(|s| s.extract::<usize>().ok());
            match start {
                Some(i) => GeopolError::new_err(format!(
                    "{what} is not a valid file name or argument: lone surrogate at index {i}"
                )),
                None => GeopolError::new_err(format!("{what} cannot be encoded: {}", e.value(py))),
            }
        } else if e.is_instance_of::<PyTypeError>(py) {
            PyTypeError::new_err(format!("{what}: {}", e.value(py)))
        } else {
            e
        }
    })?;
    let bytes = encoded
        .cast::<PyBytes>()
        .map_err(|_| PyTypeError::new_err(format!("{what}: os.fsencode did not give bytes")))?;
    os_string_of_bytes(bytes.as_bytes(), what)
}

#[cfg(unix)]
fn os_string_of_bytes(bytes: &[u8], _what: &str) -> PyResult<OsString> {
    use std::os::unix::ffi::OsStringExt;
    Ok(OsString::from_vec(bytes.to_vec()))
}

#[cfg(not(unix))]
fn os_string_of_bytes(bytes: &[u8], what: &str) -> PyResult<OsString> {
    std::str::from_utf8(bytes)
        .map(|s| OsString::from(s.to_owned()))
        .map_err(|e| GeopolError::new_err(format!("{what} is not a valid file name: {e}")))
}

/// A path from a `str` or `os.PathLike` argument named `what` (see [`os_string`]).
pub(crate) fn path(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<PathBuf> {
    os_string(obj, what, false).map(PathBuf::from)
}
