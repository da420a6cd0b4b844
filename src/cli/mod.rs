//! The `geopol` command-line tool (feature `cli`).
//!
//! The logic lives here, in the library, so that the Rust binary (`src/bin/geopol.rs`) and
//! the Python package (`python -m geopol`) run the very same code: both call [`run`].
//! [`run_with`] takes the standard streams as arguments, which is how the tests drive it.
//!
//! Exit codes: 0 success, 1 bad input (the message names the file and line), 2 usage error.
//! A closed standard output (`geopol extract big.txt | head`) ends the command quietly
//! with 0.

mod args;
mod extract;
mod gazetteer;

use std::ffi::OsString;
use std::io::{self, BufRead, IsTerminal, Write};

use clap::Parser;

use crate::error::Error;

use self::args::{Cli, Command, ImportCommand};

/// Runs the command line `args` (the program name first, as in [`std::env::args_os`])
/// with the process's standard streams, and returns the exit code.
///
/// It never panics on bad input and never exits the process: the caller does
/// (`std::process::exit(geopol::cli::run(std::env::args_os()))`).
pub fn run<I: IntoIterator<Item = OsString>>(args: I) -> i32 {
    let stdin = io::stdin();
    let mut stdin = stdin.lock();
    let stdout = io::stdout();
    // Rust's standard output silently drops what is written to a closed descriptor
    // (`geopol extract a.txt >&-`); then fail the first write instead.
    let mut out: Box<dyn Write> = if stdout_is_closed(&stdout) {
        Box::new(ClosedStdout)
    } else {
        Box::new(io::BufWriter::with_capacity(1 << 16, stdout.lock()))
    };
    let stderr = io::stderr();
    let progress = stderr.is_terminal();
    let mut err = stderr.lock();
    let mut ctx = Ctx { stdin: &mut stdin, out: &mut out, err: &mut err, progress };
    run_ctx(args, &mut ctx)
}

/// Whether standard output was closed when geopol started. Rust's runtime reopens a
/// closed descriptor 1 as `/dev/null` (read-write) before `main`; on Linux that is told
/// from a shell's `>/dev/null` (write-only) by `/proc/self/fdinfo/1`. Where stdout is
/// still closed (Python's `cli_main`), it cannot be duplicated (`EBADF`).
#[cfg(unix)]
fn stdout_is_closed(stdout: &io::Stdout) -> bool {
    use std::os::fd::AsFd;
    const EBADF: i32 = 9;
    if stdout.as_fd().try_clone_to_owned().is_err_and(|e| e.raw_os_error() == Some(EBADF)) {
        return true;
    }
    cfg!(target_os = "linux")
        && std::fs::read_link("/proc/self/fd/1")
            .is_ok_and(|t| t == std::path::Path::new("/dev/null"))
        && std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("flags:"))
                .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
                .is_some_and(|flags| flags & 0o3 == 0o2) // O_RDWR
        })
}

#[cfg(not(unix))]
fn stdout_is_closed(_stdout: &io::Stdout) -> bool {
    false
}

/// Standard output when it is closed: every write fails, so the output is not lost
/// silently.
struct ClosedStdout;

impl Write for ClosedStdout {
    fn write(&mut self, _buf: &[u8]) -> io::Result<usize> {
        Err(io::Error::other("standard output is closed"))
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Like [`run`], with the standard streams given: `stdin` is read for the input `-`,
/// results go to `out`, messages to `err`. No progress bar is drawn.
pub fn run_with<I, W, E>(args: I, stdin: &mut dyn BufRead, out: &mut W, err: &mut E) -> i32
where
    I: IntoIterator<Item = OsString>,
    W: Write,
    E: Write,
{
    let mut ctx = Ctx { stdin, out, err, progress: false };
    run_ctx(args, &mut ctx)
}

/// The streams a command works with.
pub(crate) struct Ctx<'a> {
    pub(crate) stdin: &'a mut dyn BufRead,
    pub(crate) out: &'a mut dyn Write,
    pub(crate) err: &'a mut dyn Write,
    /// Whether a progress bar may be drawn on the terminal's standard error.
    pub(crate) progress: bool,
}

/// Why a command stopped.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Bad input or a failed read: exit code 1, the message names file and line.
    Input(Error),
    /// Writing the output failed (a closed pipe is not reported).
    Output(io::Error),
    /// The problems were already printed (by `validate`): exit code 1, nothing more to say.
    Reported,
    /// The run went to its end but skipped bad documents (`--on-error skip`), each already
    /// reported: exit code 3.
    Skipped,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Input(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Output(e)
    }
}

pub(crate) type CliResult<T = ()> = Result<T, Failure>;

fn run_ctx<I: IntoIterator<Item = OsString>>(args: I, ctx: &mut Ctx<'_>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind as K;
            let text = e.render().to_string();
            return match e.kind() {
                K::DisplayHelp | K::DisplayVersion => {
                    let written = ctx.out.write_all(text.as_bytes()).and_then(|()| ctx.out.flush());
                    finish_output(written, ctx)
                }
                _ => {
                    let _ = ctx.err.write_all(text.as_bytes());
                    2
                }
            };
        }
    };
    let result = match cli.command {
        Command::Extract(a) => extract::run(a, ctx),
        Command::Validate(a) => gazetteer::validate(a, ctx),
        Command::Convert(a) => gazetteer::convert(a, ctx),
        Command::Stats(a) => gazetteer::stats(a, ctx),
        Command::Import(ImportCommand::Wikidata(a)) => gazetteer::import_wikidata(a, ctx),
        Command::Import(ImportCommand::Cameo(a)) => gazetteer::import_cameo(a, ctx),
    };
    let result = result.and_then(|()| ctx.out.flush().map_err(Failure::Output));
    match result {
        Ok(()) => 0,
        Err(Failure::Input(e)) => {
            let _ = ctx.out.flush();
            let _ = writeln!(ctx.err, "geopol: error: {}", describe(&e));
            1
        }
        Err(Failure::Output(e)) => finish_output(Err(e), ctx),
        Err(Failure::Reported) => {
            let _ = ctx.out.flush();
            1
        }
        Err(Failure::Skipped) => {
            let _ = ctx.out.flush();
            3
        }
    }
}

/// An error as the command line shows it: like its `Display`, without the placeholder
/// location of a problem that has none (a bad option value).
pub(crate) fn describe(e: &Error) -> String {
    let one = |p: &crate::error::Problem| {
        if p.location.file.is_none() && p.location.line.is_none() && p.entity.is_none() {
            p.message.clone()
        } else {
            p.to_string()
        }
    };
    match e.problems() {
        [] => e.to_string(),
        [p] => one(p),
        many => {
            let mut s = format!("{} problems:", many.len());
            for p in many {
                s.push_str("\n  ");
                s.push_str(&one(p));
            }
            s
        }
    }
}

/// The exit code after writing the output: a closed pipe is a normal end.
fn finish_output(written: io::Result<()>, ctx: &mut Ctx<'_>) -> i32 {
    match written {
        Ok(()) => 0,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(ctx.err, "geopol: error: cannot write the output: {e}");
            1
        }
    }
}

/// A writer that remembers whether its inner writer failed with a closed pipe, for
/// writers whose errors come back as [`Error`] (the gazetteer writers of [`crate::load`]).
pub(crate) struct PipeWatch<'a> {
    inner: &'a mut dyn Write,
    broken: bool,
}

impl<'a> PipeWatch<'a> {
    pub(crate) fn new(inner: &'a mut dyn Write) -> PipeWatch<'a> {
        PipeWatch { inner, broken: false }
    }

    /// Turns an error of a write through this watch into the right failure.
    pub(crate) fn failure(&self, e: Error) -> Failure {
        if self.broken {
            Failure::Output(io::ErrorKind::BrokenPipe.into())
        } else {
            Failure::Input(e)
        }
    }

    fn watch<T>(&mut self, r: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &r {
            if e.kind() == io::ErrorKind::BrokenPipe {
                self.broken = true;
            }
        }
        r
    }
}

impl Write for PipeWatch<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = self.inner.write(buf);
        self.watch(r)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let r = self.inner.write_all(buf);
        self.watch(r)
    }

    fn flush(&mut self) -> io::Result<()> {
        let r = self.inner.flush();
        self.watch(r)
    }
}
