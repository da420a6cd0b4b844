//! The Python exception hierarchy and the one conversion from [`crate::Error`].
//!
//! ```text
//! ValueError
//! └── GeopolError          any geopol failure that is not I/O (bad date, bad argument)
//!     ├── LoadError        a gazetteer that does not parse or does not check
//!     └── BuildError       a valid gazetteer the matcher could not be compiled from
//! OSError                  a file that cannot be read (FileNotFoundError, ...)
//! ```
//!
//! Deriving from `ValueError` keeps `except ValueError` handlers working (as orjson does).

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::{create_exception, PyErr};

use crate::error::{Error, ErrorKind, Location};

create_exception!(
    geopol,
    GeopolError,
    PyValueError,
    "Base class of geopol's errors, a ValueError: a bad date or argument, or a gazetteer\n\
     that cannot be loaded or compiled. Files that cannot be read raise OSError instead."
);
create_exception!(
    geopol,
    LoadError,
    GeopolError,
    "A gazetteer could not be loaded: a record does not parse or the records do not check.\n\
     \n\
     The message lists every problem with its file and line (`extra.jsonl:3: ...`).\n\
     \n\
     >>> import geopol\n\
     >>> geopol.Matcher.from_entities([{\"id\": \"org:X\", \"kind\": \"organization\",\n\
     ...                               \"name\": \"X\", \"members\": [\"state:Y\"]}])\n\
     Traceback (most recent call last):\n\
       ...\n\
     geopol.LoadError: <entities>:1: entity \"org:X\": member \"state:Y\" refers to an unknown id"
);
create_exception!(
    geopol,
    BuildError,
    GeopolError,
    "A matcher could not be compiled from a valid gazetteer."
);

impl From<Error> for PyErr {
    fn from(err: Error) -> PyErr {
        // A problem with no location (a bad date or option) reads better without the
        // "<input>: " that `Display` puts before it.
        let msg = match err.problems() {
            [one] if one.location == Location::default() && one.entity.is_none() => {
                one.message.clone()
            }
            _ => err.to_string(),
        };
        match err.kind() {
            ErrorKind::Io => PyOSError::new_err(msg),
            ErrorKind::Parse | ErrorKind::Invalid => LoadError::new_err(msg),
            ErrorKind::Build => BuildError::new_err(msg),
            _ => GeopolError::new_err(msg),
        }
    }
}
