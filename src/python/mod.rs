//! The Python extension module `geopol._core` (feature `python`, built by maturin).
//!
//! Thin wrappers only: every type is a frozen mirror of a core type (`PyMatcher` is
//! `geopol.Matcher`, ...), pure-Rust work runs with the GIL released, Rust errors become
//! Python exceptions in one place (`errors.rs`), and offsets are converted to code points
//! once per text. The public Python package is `python/geopol`, which re-exports these
//! names; the hand-written stubs are `python/geopol/_core.pyi`.

mod args;
mod dates;
mod decision;
mod entity;
mod errors;
mod iter;
mod json;
mod matcher;
mod mention;

use pyo3::prelude::*;

/// Runs the `geopol` command line (`argv[0]` is the program name) and returns its exit
/// code. The GIL is released while it runs.
///
/// Arguments are encoded as `os.fsencode` does; one that cannot be (a lone surrogate) raises
/// `GeopolError` naming it, and an item that is not a str raises `TypeError`.
#[cfg(feature = "cli")]
#[pyfunction]
fn cli_main(py: Python<'_>, argv: &Bound<'_, PyAny>) -> PyResult<i32> {
    if !argv.is_instance_of::<pyo3::types::PyList>()
        && !argv.is_instance_of::<pyo3::types::PyTuple>()
    {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "argv must be a list of str, not {}",
            args::type_name(argv)
        )));
    }
    let mut os_argv = Vec::new();
    for item in argv.try_iter()? {
        let what = format!("argv[{}]", os_argv.len());
        os_argv.push(args::os_string(&item?, &what, false)?);
    }
    Ok(py.detach(|| std::panic::catch_unwind(|| crate::cli::run(os_argv)).unwrap_or(101)))
}

#[pymodule(gil_used = false)]
mod _core {
    #[pymodule_export]
    use super::decision::PyDecision;
    #[pymodule_export]
    use super::entity::{PyAlias, PyEntity, PyPost};
    #[pymodule_export]
    use super::iter::PyMentionIter;
    #[pymodule_export]
    use super::matcher::PyMatcher;
    #[pymodule_export]
    use super::mention::{PyMention, PyRole};

    #[cfg(feature = "cli")]
    #[pymodule_export]
    use super::cli_main;

    use pyo3::prelude::*;

    use super::errors::{BuildError, GeopolError, LoadError};

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        let py = m.py();
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        m.add("GeopolError", py.get_type::<GeopolError>())?;
        m.add("LoadError", py.get_type::<LoadError>())?;
        m.add("BuildError", py.get_type::<BuildError>())?;
        Ok(())
    }
}
