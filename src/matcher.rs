//! [`Matcher`]: the compiled gazetteer, and extraction.
//!
//! This is the façade. Extraction is two stages:
//!
//! - [`scan`](crate::scan) (`src/scan/`): text → candidate spans. The gazetteer is compiled
//!   into a vocabulary and automata (`scan/build.rs`, `scan/vocab.rs`); a text is tokenized
//!   to codes and searched, and each candidate is kept when its case fits
//!   (`scan/case.rs`).
//! - [`resolve`](crate::resolve) (`src/resolve/`): candidate spans → mentions, one pass
//!   per rule family (pick, posts, appositions, titles to holders, readings).

use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::date::Date;
use crate::decision::{Decision, Log};
use crate::error::Result;
use crate::mention::Mention;
use crate::model::{EntityKind, Gazetteer};
use crate::resolve::{self, Context, Holders, Newcomer, Passes, SurnameFinder};
use crate::scan::build::BuildOptions;
use crate::scan::{piece_end, Chosen, Scan, Scanner};

#[derive(Debug)]
struct Inner {
    gazetteer: Arc<Gazetteer>,
    /// The vocabulary, automata and alias entries.
    scanner: Scanner,
    /// Built on first use (only titles without a name need it).
    holders: OnceLock<Holders>,
    options: MatcherBuilder,
}

/// A compiled gazetteer that finds and links mentions in texts.
///
/// A `Matcher` is immutable, `Send + Sync`, and cloning it is cheap (it is reference
/// counted), so one matcher can serve many threads.
///
/// ```
/// use geopol::{Entity, EntityKind, Alias, AliasKind, Gazetteer, Matcher};
///
/// let mut kaz = Entity::new("state:KAZ", EntityKind::State, "Kazakhstan");
/// kaz.aliases.push(Alias::new("Kazakh", AliasKind::Demonym));
/// let mut b = Gazetteer::builder();
/// b.add(kaz);
/// let matcher = Matcher::new(b.build().unwrap()).unwrap();
///
/// let text = "Kazakhstan’s neighbours watched KAZAKH politics; Kazakhstani firms did not.";
/// let found: Vec<_> = matcher.extract(text, None).into_iter().map(|m| m.text).collect();
/// assert_eq!(found, ["Kazakhstan", "KAZAKH"]);
/// ```
#[derive(Clone, Debug)]
pub struct Matcher {
    inner: Arc<Inner>,
}

/// Options for building a [`Matcher`].
#[derive(Clone, Debug)]
pub struct MatcherBuilder {
    kinds: Vec<EntityKind>,
    surnames: bool,
    titles_to_holders: bool,
    readings: bool,
    /// How many automata to split the aliases of two or more tokens among; `None` decides
    /// by their number and the machine. Only tests set it.
    shards: Option<usize>,
}

impl Default for MatcherBuilder {
    fn default() -> MatcherBuilder {
        MatcherBuilder {
            kinds: vec![
                EntityKind::State,
                EntityKind::Organization,
                EntityKind::Official,
                EntityKind::Role,
                EntityKind::Place,
            ],
            surnames: true,
            titles_to_holders: true,
            readings: true,
            shards: None,
        }
    }
}

impl MatcherBuilder {
    /// A builder with the defaults: every kind, surnames on, titles resolved to holders.
    pub fn new() -> MatcherBuilder {
        MatcherBuilder::default()
    }

    /// Only match entities of these kinds (default: all).
    pub fn kinds(&mut self, kinds: &[EntityKind]) -> &mut MatcherBuilder {
        self.kinds = kinds.to_vec();
        self
    }

    /// Whether a surname alone is matched (default: true).
    pub fn surnames(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.surnames = yes;
        self
    }

    /// Whether a role title with a state but no name ("the Turkish foreign minister") is
    /// linked to the official who held that post on the document date (default: true).
    pub fn titles_to_holders(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.titles_to_holders = yes;
        self
    }

    /// Whether the readings pass runs (default: true): a state word inside a longer name
    /// ("Air France") or a person's name ("Michael Jordan") is dropped, and a place used as
    /// an actor ("Moscow said") gets `stands_for`. Off, every scanned alias is kept.
    pub fn readings(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.readings = yes;
        self
    }

    /// Compiles `gazetteer`. Fails when an alias cannot be tokenized (it folds to
    /// nothing) or the automaton cannot be built.
    pub fn build(&self, gazetteer: impl Into<Arc<Gazetteer>>) -> Result<Matcher> {
        let gazetteer = gazetteer.into();
        let scanner = self.build_options().compile(&gazetteer)?;
        Ok(Matcher {
            inner: Arc::new(Inner {
                gazetteer,
                scanner,
                holders: OnceLock::new(),
                options: self.clone(),
            }),
        })
    }

    /// What compiling a gazetteer needs of these options.
    pub(crate) fn build_options(&self) -> BuildOptions<'_> {
        BuildOptions { kinds: &self.kinds, surnames: self.surnames, shards: self.shards }
    }
}

impl Matcher {
    /// Compiles `gazetteer` with default options; see [`MatcherBuilder`].
    pub fn new(gazetteer: impl Into<Arc<Gazetteer>>) -> Result<Matcher> {
        MatcherBuilder::default().build(gazetteer)
    }

    /// A builder for a matcher with other options.
    pub fn builder() -> MatcherBuilder {
        MatcherBuilder::default()
    }

    /// The gazetteer this matcher was compiled from.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.inner.gazetteer
    }

    /// The gazetteer, shared.
    pub fn gazetteer_arc(&self) -> Arc<Gazetteer> {
        self.inner.gazetteer.clone()
    }

    /// The number of distinct folded aliases (automaton patterns).
    pub fn pattern_count(&self) -> usize {
        self.inner.scanner.pattern_count()
    }

    /// Finds every mention in `text`, in order of position, linked and resolved.
    ///
    /// `date` is the document's date: an official's role is the post held that day, and
    /// dated names are preferred when valid that day. Without a date, an official's role is
    /// the latest post and `date_checked` is false.
    ///
    /// The text is resolved a paragraph at a time (a blank line ends one; a paragraph of
    /// more than 64 KiB is resolved in pieces cut at its last line end, sentence end or
    /// space within 64 KiB), as [`Matcher::extract_iter`] does, with the document's context
    /// (people named so far) carried over: the two give the same mentions by construction.
    ///
    /// Mentions never overlap, their spans lie on character boundaries, and the output is
    /// deterministic.
    pub fn extract<'m>(&'m self, text: &str, date: Option<Date>) -> Vec<Mention<'m>> {
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scan> = std::cell::RefCell::new(Scan::default());
        }
        let mut doc = DocState::default();
        let mut log = Log::default();
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scan) => self.resolve_all(text, date, &mut doc, &mut scan, &mut log),
            // Re-entered on this thread (cannot happen today): use fresh buffers.
            Err(_) => self.resolve_all(text, date, &mut doc, &mut Scan::default(), &mut log),
        })
    }

    /// [`Matcher::extract`], with the decisions of the resolution passes: every candidate
    /// a pass dropped, relinked, added or annotated, why, and which pass, in the order the
    /// passes took them (a candidate can have several). For debugging a rule or a
    /// gazetteer; the mentions are exactly those of `extract`.
    ///
    /// ```
    /// use geopol::{Action, Matcher, Pass};
    /// let m = Matcher::default();
    /// let (found, why) = m.explain("Michael Jordan scored 40 points.", None);
    /// assert!(found.iter().all(|x| x.text != "Jordan"));
    /// let d = why.iter().find(|d| d.text == "Jordan").unwrap();
    /// assert_eq!((d.action, d.pass, d.reason), (Action::Drop, Pass::Readings, "person_name"));
    /// assert_eq!(d.entity.id, "state:JOR");
    /// ```
    pub fn explain<'m>(
        &'m self,
        text: &str,
        date: Option<Date>,
    ) -> (Vec<Mention<'m>>, Vec<Decision<'m>>) {
        let mut doc = DocState::default();
        let mut log = Log::recording();
        let found = self.resolve_all(text, date, &mut doc, &mut Scan::default(), &mut log);
        (found, log.into_decisions())
    }

    /// Resolves `text` piece by piece (the pieces of [`Matcher::extract_iter`]) and hands
    /// each piece's mentions to `f` as soon as they are known, with the decisions about them
    /// when `explain` is set; stops at `f`'s first error. Memory stays that of a few pieces
    /// (at most 64 KiB of text each) whatever the length of `text`: the CLI writes this way.
    ///
    /// With `pipelined`, a second thread scans the next pieces while this one resolves and
    /// hands on the last: the scan of a piece needs nothing of the pieces before it, only
    /// its resolution does. The mentions are the same either way.
    pub(crate) fn try_for_each_piece<'m, E: Send>(
        &'m self,
        text: &str,
        date: Option<Date>,
        explain: bool,
        pipelined: bool,
        mut f: impl FnMut(&[Mention<'m>], Vec<Decision<'m>>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut doc = DocState::default();
        let mut log = if explain { Log::recording() } else { Log::default() };
        let scanner = &self.inner.scanner;
        let mut one = |start: usize, end: usize, chosen: &[Chosen], log: &mut Log<'m>| {
            let found = self.resolve_scanned(text, start, end, chosen, date, &mut doc, log);
            f(&found, log.take())
        };
        if !pipelined {
            return scan_pieces(scanner, text, |start, end, chosen| {
                one(start, end, &chosen, &mut log)
            });
        }
        std::thread::scope(|threads| {
            // A few pieces ahead at most, so that memory stays bounded.
            let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, usize, Vec<Chosen>)>(4);
            threads.spawn(move || {
                // A send fails only when the resolving side stopped (a write error).
                let _ =
                    scan_pieces(scanner, text, |start, end, chosen| tx.send((start, end, chosen)));
            });
            for (start, end, chosen) in rx {
                one(start, end, &chosen, &mut log)?;
            }
            Ok(())
        })
    }

    /// Every piece of `text` (a paragraph, or a part of a long one), scanned and resolved
    /// in turn.
    fn resolve_all<'m>(
        &'m self,
        text: &str,
        date: Option<Date>,
        doc: &mut DocState<'m>,
        scan: &mut Scan,
        log: &mut Log<'m>,
    ) -> Vec<Mention<'m>> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let end = piece_end(text, pos);
            let found = self.resolve_paragraph(text, pos, end, date, doc, scan, log);
            if out.is_empty() {
                out = found;
            } else {
                out.extend(found);
            }
            pos = end;
        }
        out
    }

    /// The mentions of the paragraph `text[start..end]`, with spans into `text`; the
    /// decisions, with spans into `text` too, go to `log`.
    #[allow(clippy::too_many_arguments)]
    fn resolve_paragraph<'m>(
        &'m self,
        text: &str,
        start: usize,
        end: usize,
        date: Option<Date>,
        doc: &mut DocState<'m>,
        scan: &mut Scan,
        log: &mut Log<'m>,
    ) -> Vec<Mention<'m>> {
        let chosen = self.inner.scanner.scan(&text[start..end], scan);
        self.resolve_scanned(text, start, end, &chosen, date, doc, log)
    }

    /// [`Matcher::resolve_paragraph`] after the scan: the candidates `chosen` of
    /// `text[start..end]`, resolved.
    #[allow(clippy::too_many_arguments)]
    fn resolve_scanned<'m>(
        &'m self,
        text: &str,
        start: usize,
        end: usize,
        chosen: &[Chosen],
        date: Option<Date>,
        doc: &mut DocState<'m>,
        log: &mut Log<'m>,
    ) -> Vec<Mention<'m>> {
        let chunk = &text[start..end];
        log.base = start;
        let inner = &*self.inner;
        let mut cx = Context {
            gazetteer: &inner.gazetteer,
            scanner: &inner.scanner,
            holders: &inner.holders,
            passes: Passes {
                titles_to_holders: inner.options.titles_to_holders,
                readings: inner.options.readings,
            },
            date,
            seen: &mut doc.seen,
            newcomers: &mut doc.newcomers,
            finder: &mut doc.finder,
            log,
            person_words: &mut doc.person_words,
        };
        let mut found = resolve::resolve(&mut cx, chunk, chosen);
        if start > 0 {
            for m in &mut found {
                m.span.start += start;
                m.span.end += start;
            }
        }
        found
    }

    /// An iterator over the mentions of `text`, produced one paragraph (or one piece of a
    /// paragraph longer than 64 KiB) at a time, so that mentions of a long text are
    /// available before its end is scanned, in memory bounded by the piece. Yields exactly what
    /// [`Matcher::extract`] returns: both run the same per-paragraph code (aliases never
    /// match across a paragraph break, and document context carries over).
    pub fn extract_iter<'m, 't>(&'m self, text: &'t str, date: Option<Date>) -> Mentions<'m, 't> {
        Mentions {
            matcher: self,
            text,
            date,
            pos: 0,
            queue: std::collections::VecDeque::new(),
            doc: DocState::default(),
            scan: Scan::default(),
        }
    }

    /// Extracts the mentions of many documents in parallel (on rayon's thread pool), one
    /// `Vec` per document, in input order.
    pub fn extract_batch<'m, S>(&'m self, docs: &[(S, Option<Date>)]) -> Vec<Vec<Mention<'m>>>
    where
        S: AsRef<str> + Sync,
    {
        docs.par_iter().map(|(text, date)| self.extract(text.as_ref(), *date)).collect()
    }
}

/// Scans the pieces of `text` in turn and hands each piece's span and candidates to `f`;
/// stops at `f`'s first error.
fn scan_pieces<E>(
    scanner: &Scanner,
    text: &str,
    mut f: impl FnMut(usize, usize, Vec<Chosen>) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let (mut scan, mut pos) = (Scan::default(), 0);
    while pos < text.len() {
        let end = piece_end(text, pos);
        f(pos, end, scanner.scan(&text[pos..end], &mut scan))?;
        pos = end;
    }
    Ok(())
}

#[cfg(feature = "embedded")]
impl Default for Matcher {
    /// The matcher over the embedded default gazetteer, compiled once per process.
    fn default() -> Matcher {
        crate::embedded::matcher().clone()
    }
}

/// What a document carries from one paragraph to the next: the officials named so far,
/// the people named that the gazetteer does not know, and the state words read as names.
#[derive(Default)]
struct DocState<'m> {
    seen: FxHashSet<u32>,
    newcomers: Vec<Newcomer<'m>>,
    finder: SurnameFinder,
    person_words: FxHashSet<String>,
}

/// The mentions of a text, one piece at a time; see [`Matcher::extract_iter`].
pub struct Mentions<'m, 't> {
    matcher: &'m Matcher,
    text: &'t str,
    date: Option<Date>,
    pos: usize,
    queue: std::collections::VecDeque<Mention<'m>>,
    doc: DocState<'m>,
    scan: Scan,
}

impl std::fmt::Debug for Mentions<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mentions").field("pos", &self.pos).finish_non_exhaustive()
    }
}

impl<'m> Iterator for Mentions<'m, '_> {
    type Item = Mention<'m>;

    fn next(&mut self) -> Option<Mention<'m>> {
        loop {
            if let Some(m) = self.queue.pop_front() {
                return Some(m);
            }
            if self.pos >= self.text.len() {
                return None;
            }
            let (start, end) = (self.pos, piece_end(self.text, self.pos));
            let found = self.matcher.resolve_paragraph(
                self.text,
                start,
                end,
                self.date,
                &mut self.doc,
                &mut self.scan,
                &mut Log::default(),
            );
            self.queue.extend(found);
            self.pos = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_send_sync() {
        fn check<T: Send + Sync + Clone + std::panic::UnwindSafe>() {}
        check::<Matcher>();
        check::<Gazetteer>();
    }
}
