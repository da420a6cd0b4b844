//! JSON across the boundary, through the standard `json` module (records are small and
//! rare; the hot path, `Mention.to_dict`, builds its dict directly).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;

static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `json.loads(text)`: Python objects of a JSON text, object keys in the text's order.
pub(crate) fn loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    LOADS.import(py, "json", "loads")?.call1((text,))
}

static DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `json.dumps(obj, ensure_ascii=False, allow_nan=False)`: compact JSON text of a Python
/// object (a `TypeError` or `ValueError` from `json` when it is not JSON-serializable).
pub(crate) fn dumps(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = obj.py();
    let dumps = DUMPS.import(py, "json", "dumps")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("ensure_ascii", false)?;
    kwargs.set_item("allow_nan", false)?;
    kwargs.set_item("separators", (",", ":"))?;
    dumps.call((obj,), Some(&kwargs))?.extract()
}
