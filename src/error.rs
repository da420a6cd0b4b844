//! The one error type of the crate.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// A convenient alias for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where a problem was found: a file (or another named source) and a 1-based line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Location {
    /// The file or source name (`<memory>`, `<embedded>`, a path).
    pub file: Option<Arc<str>>,
    /// The 1-based line number, when the format has lines.
    pub line: Option<u32>,
}

impl Location {
    /// A location in `file` at `line`.
    pub fn new(file: Option<Arc<str>>, line: Option<u32>) -> Location {
        Location { file, line }
    }

    /// A location naming a path, with no line.
    pub fn path(path: &Path) -> Location {
        Location { file: Some(Arc::from(path.display().to_string())), line: None }
    }

    /// The same file at another line.
    pub fn at_line(&self, line: u32) -> Location {
        Location { file: self.file.clone(), line: Some(line) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{file}:{line}"),
            (Some(file), None) => write!(f, "{file}"),
            (None, Some(line)) => write!(f, "line {line}"),
            (None, None) => write!(f, "<input>"),
        }
    }
}

/// One problem in an input: where it is and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where the problem is.
    pub location: Location,
    /// The entity id concerned, when known.
    pub entity: Option<String>,
    /// What is wrong, lower-case, without a trailing period.
    pub message: String,
}

impl Problem {
    /// A problem at `location`.
    pub fn new(location: Location, message: impl Into<String>) -> Problem {
        Problem { location, entity: None, message: message.into() }
    }

    /// The same problem, naming the entity it concerns.
    pub fn with_entity(mut self, id: impl Into<String>) -> Problem {
        self.entity = Some(id.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.location)?;
        if let Some(id) = &self.entity {
            write!(f, "entity {id:?}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// What kind of failure an [`Error`] is.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Reading a file or stream failed.
    Io,
    /// An input could not be parsed (syntax, types, unknown fields).
    Parse,
    /// An input parsed but its content is invalid (dangling reference, duplicate id,
    /// impossible date, alias that folds to nothing, ...).
    Invalid,
    /// The matcher could not be built from a valid gazetteer.
    Build,
    /// A value given by the caller (a date, an option) is malformed.
    Argument,
}

/// The error type of every fallible operation in geopol.
///
/// An error carries one or more [`Problem`]s, each with a [`Location`] naming the file and
/// line, so that a loader can report every problem of an input at once.
#[derive(Clone, Debug)]
pub struct Error {
    kind: ErrorKind,
    problems: Vec<Problem>,
}

impl Error {
    /// An error of `kind` with a single problem.
    pub fn new(kind: ErrorKind, location: Location, message: impl Into<String>) -> Error {
        Error { kind, problems: vec![Problem::new(location, message)] }
    }

    /// An error of `kind` made of several problems (at least one).
    pub fn from_problems(kind: ErrorKind, problems: Vec<Problem>) -> Error {
        debug_assert!(!problems.is_empty());
        Error { kind, problems }
    }

    /// An error about a caller-supplied value.
    pub fn argument(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Argument, Location::default(), message)
    }

    pub(crate) fn io(location: Location, err: &std::io::Error) -> Error {
        Error::new(ErrorKind::Io, location, err.to_string())
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Every problem found, in input order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [] => write!(f, "{:?} error", self.kind),
            [one] => write!(f, "{one}"),
            many => {
                write!(f, "{} problems:", many.len())?;
                for p in many {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}
