//! Readings: which thing a state word or a place name stands for in its sentence.
//!
//! A pass over the resolved mentions of one text. It drops a state mention that is part of
//! a longer name of something else, or part of a person's name, and marks a place that the
//! text uses as an actor. Each rule is a general one, over the shape of the text around
//! the mention, not a list of phrases:
//!
//! - **Longer names of other things** ("Air France", "Statistics Canada", "China Daily",
//!   "British Masters", "Indonesian Democratic Party"): a state mention right after a
//!   capitalized word that is no entity the gazetteer knows (mid-sentence, or a given
//!   name), or right before one, is part of that name. Words that name the state's own
//!   institutions ("U.S. Navy", "Iraqi Government", "British Embassy") and role titles
//!   ("British Prime Minister", matched as role mentions) keep the state. A name with an
//!   organization's head noun joined by "of" or "in" ("National Bank of Poland", "Tour of
//!   the Netherlands") is a longer name too; so do months
//!   and weekdays ("France Monday"), a person's given name after a demonym ("Mexican Ariel
//!   Cruz"), and text in title case or capitals (headlines), where capitals say nothing.
//! - **A division of another state** ("Atlanta, Georgia"): a state word right after
//!   a place and a comma, where the place lies in a different state, names a division.
//! - **People named like states** ("Michael Jordan", "Jordan Henderson", "Chad Johnson",
//!   "Richard Finn"): a state word after a given name, or one that is itself a given name
//!   and comes before a capitalized surname, is a person's name (US Census given names and
//!   surnames, `data/names/`). The same word alone later in the text follows it ("Jordan
//!   said").
//! - **Places as actors** ("Moscow said", "Moscow's decision", "backed by Baghdad", "the
//!   Kremlin warned", "Moscow-backed"): a place followed by a reporting or action verb
//!   (possibly after an auxiliary or ", which"), by a possessive and a noun of governance,
//!   by a word such as "government" or "officials", or by "-led"/"-backed"; or preceded by
//!   "backed by", "pressure from", "talks with", "ties with", "collaborating with", …
//!   gets `stands_for`: the government of the place's state (or the organization a seat
//!   such as Brussels stands for), sector `GOV`. A dateline ("ANKARA (Turkey) -", "LONDON
//!   1996-08-30") never does.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::decision::{decision, Action, Decision, Log, Pass};
use crate::mention::{Mention, Span, StandsFor};
use crate::model::{AliasKind, Entity, EntityKind, Gazetteer};

/// Given names and surnames frequent in the US Census 1990 files, lower case.
pub(super) struct Names {
    pub(super) given: FxHashSet<&'static str>,
    pub(super) surnames: FxHashSet<&'static str>,
}

impl Names {
    /// Whether `w`, in any case, is a given name.
    pub(super) fn is_given(&self, w: &str) -> bool {
        with_lower(w, |l| self.given.contains(l))
    }

    /// Whether `w`, in any case, is a surname.
    pub(super) fn is_surname(&self, w: &str) -> bool {
        with_lower(w, |l| self.surnames.contains(l))
    }
}

/// Calls `f` with `w` in lower case: a copy on the stack for a short ASCII word (the
/// common case), else `str::to_lowercase`.
fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 48;
    if w.len() <= MAX && w.is_ascii() {
        let mut buf = [0u8; MAX];
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        // Lower-cased ASCII is still ASCII, so this never fails.
        f(std::str::from_utf8(b).unwrap_or_default())
    } else {
        f(&w.to_lowercase())
    }
}

pub(super) fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| Names {
        given: include_str!("../../data/names/given.txt").lines().collect(),
        surnames: include_str!("../../data/names/surnames.txt").lines().collect(),
    })
}

/// Words after a state word that name its own institutions: the state stays.
static INSTITUTIONS: WordSet = WordSet::new(&[
    "acting",
    "administration",
    "air",
    "ambassador",
    "ambassadors",
    "armed",
    "army",
    "assistant",
    "authorities",
    "chief",
    "deputy",
    "former",
    "secretary",
    "senior",
    "special",
    "top",
    "vice",
    "cabinet",
    "coast",
    "congress",
    "consul",
    "consulate",
    "constitution",
    "defence",
    "defense",
    "delegation",
    "diplomat",
    "diplomats",
    "embassy",
    "envoy",
    "envoys",
    "federal",
    "foreign",
    "forces",
    "government",
    "governments",
    "interior",
    "justice",
    "leader",
    "leaders",
    "legislature",
    "marines",
    "military",
    "ministry",
    "navy",
    "officials",
    "parliament",
    "police",
    "presidency",
    "president",
    "prime",
    "regime",
    "republic",
    "senate",
    "soldiers",
    "state",
    "supreme",
    "troops",
    // Titles before a name: the state word is the person's nationality or employer ("U.S.
    // Senator", "British General", "Iraqi Cardinal").
    "admiral",
    "archbishop",
    "attorney",
    "bishop",
    "cardinal",
    "colonel",
    "commander",
    "general",
    "governor",
    "judge",
    "lawmaker",
    "lawmakers",
    "lieutenant",
    "mayor",
    "minister",
    "ministers",
    "negotiator",
    "officer",
    "officers",
    "prosecutor",
    "representative",
    "senator",
    "spokesman",
    "spokeswoman",
    "treasury",
    // What belongs to the state: "U.S. Official", "U.S. Policy", "U.S. Dollar".
    "currency",
    "dollar",
    "economy",
    "official",
    "policy",
]);

/// Head nouns of the names of a state's own bodies: "U.S. Agriculture Department", "U.S.
/// Bankruptcy Court", "U.S. Trade Representative", "Japan Development Bank" is not one.
static STATE_BODIES: WordSet = WordSet::new(&[
    "administration",
    "board",
    "bureau",
    "commission",
    "committee",
    "corps",
    "council",
    "court",
    "department",
    "directorate",
    "inspectorate",
    "mint",
    "ministry",
    "office",
    "representative",
    "service",
]);

/// Whether the capitalized run after byte `e` (up to five words, "and"/"of"/"for" between)
/// ends in the head noun of a state body ("Food and Drug Administration").
fn names_a_state_body(text: &str, e: usize) -> bool {
    let mut at = e;
    for _ in 0..5 {
        let Some((w, we)) = word_after(text, at) else { return false };
        if in_list(&STATE_BODIES, w) && capitalized(w) {
            return true;
        }
        if !(capitalized(w) || matches!(w, "and" | "of" | "for")) {
            return false;
        }
        at = we;
    }
    false
}

/// Head nouns of names of organizations, banks, events and bodies: "National Bank of
/// Poland", "News Agency of Nigeria", "Tour of the Netherlands", "Interim Force in Lebanon".
static ORG_HEADS: WordSet = WordSet::new(&[
    "academy",
    "agency",
    "association",
    "bank",
    "chamber",
    "church",
    "club",
    "college",
    "company",
    "confederation",
    "corporation",
    "federation",
    "festival",
    "force",
    "foundation",
    "fund",
    "institute",
    "league",
    "museum",
    "orchestra",
    "party",
    "rally",
    "society",
    "stock",
    "tour",
    "university",
]);

/// Head words of the names of competitions and events after a state word: "U.S. Open",
/// "American League", "British Masters", "German Cup". Read in any case, headlines and
/// capitals included (result tables write them in capitals), when capitalized.
static EVENT_HEADS: WordSet = WordSet::new(&[
    "championship",
    "championships",
    "classic",
    "cup",
    "derby",
    "grand",
    "league",
    "marathon",
    "masters",
    "open",
    "trophy",
]);

pub(super) static MONTHS_DAYS: WordSet = WordSet::new(&[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]);

/// Capitalized words that begin sentences or join names without being part of one.
pub(super) static FUNCTION_WORDS: WordSet = WordSet::new(&[
    "a",
    "about",
    "after",
    "against",
    "all",
    "along",
    "also",
    "an",
    "and",
    "as",
    "at",
    "before",
    "between",
    "both",
    "but",
    "by",
    "during",
    "each",
    "either",
    "for",
    "from",
    "if",
    "in",
    "into",
    "its",
    "like",
    "meanwhile",
    "mr",
    "mrs",
    "ms",
    "neither",
    "nor",
    "of",
    "on",
    "or",
    "over",
    "since",
    "so",
    "some",
    "than",
    "that",
    "the",
    "their",
    "then",
    "these",
    "this",
    "those",
    "through",
    "to",
    "under",
    "unlike",
    "until",
    "when",
    "where",
    "while",
    "why",
    "with",
    "without",
    "yet",
]);

/// Verbs (and auxiliaries) after a place that make it the subject acting.
static ACTOR_VERBS: WordSet = WordSet::new(&[
    "accepted",
    "accuses",
    "accused",
    "acknowledged",
    "admitted",
    "agreed",
    "agrees",
    "announced",
    "announces",
    "appealed",
    "approved",
    "argued",
    "argues",
    "asked",
    "asks",
    "backed",
    "backs",
    "banned",
    "believes",
    "blamed",
    "blames",
    "blocked",
    "called",
    "calls",
    "claimed",
    "claims",
    "condemned",
    "condemns",
    "confirmed",
    "considers",
    "decided",
    "declared",
    "demanded",
    "demands",
    "denied",
    "denies",
    "denounced",
    "dismissed",
    "expelled",
    "expects",
    "fears",
    "hopes",
    "imposed",
    "insisted",
    "insists",
    "intends",
    "invited",
    "issued",
    "launched",
    "maintains",
    "moved",
    "needs",
    "objected",
    "offered",
    "opposed",
    "opposes",
    "ordered",
    "plans",
    "pledged",
    "pressed",
    "promised",
    "proposed",
    "protested",
    "recalled",
    "recognised",
    "recognized",
    "refused",
    "refuses",
    "rejected",
    "rejects",
    "reported",
    "responded",
    "retaliated",
    "said",
    "says",
    "sent",
    "signed",
    "signalled",
    "signaled",
    "stated",
    "suspended",
    "threatened",
    "threatens",
    "told",
    "urged",
    "urges",
    "vowed",
    "vows",
    "wants",
    "warned",
    "warns",
    "welcomed",
    "welcomes",
]);
static AUXILIARIES: WordSet = WordSet::new(&[
    "has", "have", "had", "will", "would", "could", "may", "might", "is", "was", "also",
]);
static GOVERNANCE: WordSet = WordSet::new(&[
    "administration",
    "authorities",
    "backing",
    "decision",
    "demands",
    "diplomats",
    "government",
    "leaders",
    "leadership",
    "move",
    "officials",
    "plan",
    "policy",
    "position",
    "pressure",
    "proposal",
    "regime",
    "response",
    "stance",
    "support",
]);
/// Words before a place that make it an actor ("backed by Baghdad").
const ACTOR_BEFORE: &[(&str, &str)] = &[
    ("backed", "by"),
    ("supported", "by"),
    ("pressure", "from"),
    ("talks", "with"),
    ("ties", "with"),
    ("relations", "with"),
    ("collaborating", "with"),
    ("cooperating", "with"),
    ("deal", "with"),
    ("agreement", "with"),
    ("accord", "with"),
    ("pressure", "on"),
    ("sanctions", "on"),
    ("sanctions", "against"),
];

/// A fixed list of lower-case ASCII words, looked up through a hash set made on first use
/// (the pass asks several lists about every state and place mention).
pub(super) struct WordSet {
    words: &'static [&'static str],
    set: OnceLock<FxHashSet<&'static str>>,
    /// The shortest and longest word, in bytes.
    min: usize,
    max: usize,
    /// Bit `c - b'a'` for each first letter `c` of a word (all bits when a word starts
    /// with anything else): most words asked about are rejected before hashing.
    first: u32,
}

impl WordSet {
    pub(super) const fn new(words: &'static [&'static str]) -> WordSet {
        let (mut min, mut max, mut first) = (usize::MAX, 0, 0u32);
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            if w.len() < min {
                min = w.len();
            }
            if w.len() > max {
                max = w.len();
            }
            if !w.is_empty() && w[0].is_ascii_lowercase() {
                first |= 1 << (w[0] - b'a');
            } else {
                first = u32::MAX;
            }
            i += 1;
        }
        WordSet { words, set: OnceLock::new(), min, max, first }
    }

    /// Whether `word`, in any case, is in the list.
    pub(super) fn contains(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if b.len() < self.min || b.len() > self.max || !b.is_ascii() {
            return false; // every listed word is ASCII, of these lengths
        }
        if self.first != u32::MAX {
            let c = b[0].to_ascii_lowercase();
            if !c.is_ascii_lowercase() || self.first & (1 << (c - b'a')) == 0 {
                return false;
            }
        }
        let set = self.set.get_or_init(|| self.words.iter().copied().collect());
        with_lower(word, |w| set.contains(w))
    }
}

/// Whether `word` (any case, a possessive "'s" aside) is in `list`.
fn in_list(list: &WordSet, word: &str) -> bool {
    let w = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
    list.contains(w)
}

/// A word of the text: letters, digits, apostrophes, hyphens and dots (initials).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '.'
}

/// The word that ends just before `at` (only spaces between), with its start.
pub(super) fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let head = &text[..at];
    let trimmed = head.trim_end_matches(' ');
    if trimmed.len() == head.len() && !head.is_empty() {
        return None; // attached ("Moscow-backed" is read from the other side)
    }
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map(|(i, _)| i)?;
    let w = trimmed[start..].trim_matches(|c: char| c == '.' || c == '\'' || c == '-');
    (!w.is_empty()).then_some((start, w))
}

/// The word that starts just after `at` (only spaces between), with its end.
fn word_after(text: &str, at: usize) -> Option<(&str, usize)> {
    let tail = &text[at..];
    let trimmed = tail.trim_start_matches(' ');
    if trimmed.len() == tail.len() && !tail.is_empty() {
        return None;
    }
    let skip = tail.len() - trimmed.len();
    let len: usize = trimmed.chars().take_while(|&c| is_word_char(c)).map(char::len_utf8).sum();
    let w = trimmed[..len].trim_end_matches(['.', '\'', '-']);
    (!w.is_empty()).then_some((w, at + skip + w.len()))
}

pub(super) fn capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True when `head` ends with a date or time ("1996-08-31", "10:30", "3/4"), as a
/// dateline does, or a figure with decimals ("639.38"), as a cell of a table does; a plain
/// count ("about 100 Air France workers") begins nothing.
fn date_like_before(head: &str) -> bool {
    let token = head.rsplit(' ').next().unwrap_or("");
    token.contains(['-', '/', ':', '.']) && token.chars().any(|c| c.is_ascii_digit())
}

/// True when the word starting at `start` begins a sentence, a line or the text after a
/// dateline ("BRUSSELS 1996-08-31 Two Belgian …", "PARIS, May 3 - Former …").
pub(super) fn sentence_initial(text: &str, start: usize) -> bool {
    let head = text[..start].trim_end_matches(' ');
    match head.chars().last() {
        None => true,
        Some(c) => {
            (c.is_ascii_digit() && date_like_before(head))
                || matches!(
                    c,
                    '\n' | '.' | '!' | '?' | ':' | ';' | '"' | '“' | '(' | '-' | '–' | '—'
                )
                || word_before(text, start).is_some_and(|(_, w)| {
                    w.chars().any(char::is_alphabetic)
                        && w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
                })
        }
    }
}

/// True when the sentence holding `[start, end)` is a headline or capitals: most of its
/// words start with a capital letter, so capitals mark no names. The sentence ends at a line
/// break or at ". ", "? ", "! ", ": " (not the dots of "U.S." or "Jan."): a story given as
/// one line has a headline sentence and sentences of running text.
fn title_case_line(text: &str, start: usize, end: usize) -> bool {
    let ls = sentence_start(text, start);
    let le = sentence_end(text, end);
    let (mut words, mut caps) = (0, 0);
    for w in text[ls..le].split(|c: char| !c.is_alphabetic()).filter(|w| w.len() > 3) {
        words += 1;
        caps += usize::from(capitalized(w));
    }
    words >= 3 && caps * 10 >= words * 7
}

/// Whether the sentence-initial word `w` is an auxiliary that opens a question
/// ("Will Jordan retaliate?", "May Chad ...?"), not a given name.
fn opens_question(text: &str, w: &str, e: usize) -> bool {
    in_list(&QUESTION_AUXILIARIES, w) && text[sentence_end(text, e)..].starts_with('?')
}

/// Auxiliaries that are also given names.
static QUESTION_AUXILIARIES: WordSet = WordSet::new(&["can", "may", "will"]);

/// Whether the punctuation at byte `i` of `text` ends a sentence (followed by white space
/// or the end, and for a full stop not closing a one-letter abbreviation: "U.S.", "J.").
fn ends_sentence(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    let c = b[i];
    if !may_end(c) {
        return false;
    }
    if c == b'\n' {
        return true;
    }
    if b.get(i + 1).is_some_and(|&n| n != b' ' && n != b'\n') {
        return false;
    }
    if c == b'.' {
        // "U.S. Open", "G. Bush": a single letter before the dot is an abbreviation.
        let letters = text[..i].chars().rev().take_while(|c| c.is_alphabetic()).take(2).count();
        if letters == 1 {
            return false;
        }
    }
    true
}

/// How far a sentence is looked for on each side of a mention, in bytes: a longer
/// "sentence" (a table, or text with no punctuation at all) is judged on this window, so
/// that the pass stays linear on any input.
const SENTENCE_WINDOW: usize = 400;

/// Bytes that may end a sentence (ASCII, so never inside a multi-byte character).
fn may_end(b: u8) -> bool {
    matches!(b, b'\n' | b'.' | b'?' | b'!' | b':' | b';')
}

pub(super) fn sentence_start(text: &str, at: usize) -> usize {
    let mut floor = at.saturating_sub(SENTENCE_WINDOW);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    (floor..at).rev().find(|&i| ends_sentence(text, i)).map_or(floor, |i| i + 1)
}

pub(super) fn sentence_end(text: &str, at: usize) -> usize {
    let mut ceil = (at + SENTENCE_WINDOW).min(text.len());
    while !text.is_char_boundary(ceil) {
        ceil -= 1;
    }
    (at..ceil).find(|&i| ends_sentence(text, i)).unwrap_or(ceil)
}

/// Whether any mention covers byte `at` (`spans` are sorted and do not overlap: a binary
/// search, so that the pass stays linear in the number of mentions).
fn covered(spans: &[(usize, usize)], at: usize) -> bool {
    let i = spans.partition_point(|&(s, _)| s <= at);
    i > 0 && at < spans[i - 1].1
}

/// Applies the readings to the mentions of one text (in place, order kept).
/// `person_words` holds the state words read as people's names so far in the document
/// (lower case): the same word alone later follows them.
pub(crate) fn apply<'g>(
    text: &str,
    out: &mut Vec<Mention<'g>>,
    g: &'g Gazetteer,
    log: &mut Log<'g>,
    person_words: &mut FxHashSet<String>,
) {
    if !out.iter().any(|m| matches!(m.entity.kind, EntityKind::State | EntityKind::Place)) {
        return;
    }
    let names = names();
    let spans: Vec<(usize, usize)> = out.iter().map(|m| (m.span.start, m.span.end)).collect();
    // Where an official is found by a surname alone: "Jordan Henderson", "Chad Johnson" are
    // one person's given name and surname, neither the state nor the official.
    // ("Chad Deby" in a headline is the state and its president: an official of that state
    // keeps both.)
    // (index in `out`, entity, span), by start.
    let surname_at: Vec<(usize, &'g Entity, Span)> = out
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.matched_by == AliasKind::Surname && m.entity.kind == EntityKind::Official
        })
        .map(|(j, m)| (j, m.entity, m.span))
        .collect();
    let mut keep = vec![true; out.len()];
    // The place just before, and where it ends: "Atlanta, Georgia" (a state word right after
    // a place of another state and a comma names a division of that state).
    let mut place_before: Option<(&'g Entity, usize)> = None;
    for (i, m) in out.iter_mut().enumerate() {
        let place = place_before.take();
        if m.role.is_some() {
            continue; // an official or a title: nothing to read (and no entity to load)
        }
        let (span, entity) = (m.span, m.entity);
        let drop = |log: &mut Log<'g>, keep: &mut [bool], reason: &'static str| {
            keep[i] = false;
            log.note(|| decision(text, span, entity, Pass::Readings, Action::Drop, reason));
        };
        if m.entity.kind == EntityKind::Place {
            place_before = Some((m.entity, m.span.end));
        }
        let capital = m.entity.kind == EntityKind::Place
            && m.entity.aliases.iter().any(|a| a.kind == AliasKind::Capital);
        if capital && names_a_subdivision(text, m.span.end) {
            // "Washington state", "Victoria state": the state of a federation named like
            // a capital, not the capital. (A place that is itself a division, "Texas
            // state", is kept, and so is a country: "the US state of Maine" is the US.)
            drop(log, &mut keep, "subdivision_named_state");
            continue;
        }
        match m.entity.kind {
            EntityKind::State => {
                let (s, e) = (m.span.start, m.span.end);
                let in_other_state = place.is_some_and(|(p, p_end)| {
                    p.state.as_deref().is_some_and(|st| st != m.entity.id)
                        && text[p_end..s].trim() == ","
                });
                if in_other_state {
                    drop(log, &mut keep, "division_of_other_state");
                    continue;
                }
                if !person_words.is_empty() && with_lower(&m.text, |l| person_words.contains(l)) {
                    drop(log, &mut keep, "person_named_before");
                    continue;
                }
                let own_given = names.is_given(&m.text);
                let wb = word_before(text, s);
                // Not across a sentence boundary ("… Citrus Products. U.S. officials say").
                let before = wb.filter(|&(ws, w)| {
                    capitalized(w)
                        && !sentence_initial(text, s)
                        && !covered(&spans, ws)
                        && !in_list(&FUNCTION_WORDS, w)
                        && !in_list(&MONTHS_DAYS, w)
                        && !w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
                        && (!sentence_initial(text, ws)
                            || (names.is_given(w) && !opens_question(text, w, e)))
                });
                let possessive = text[e..].starts_with("'s") || text[e..].starts_with("’s");
                let wa = (!possessive).then(|| word_after(text, e)).flatten();
                let after = wa.filter(|&(w, we)| {
                    capitalized(w)
                        && !covered(&spans, we - 1)
                        && !in_list(&INSTITUTIONS, w)
                        && !in_list(&MONTHS_DAYS, w)
                        && !in_list(&FUNCTION_WORDS, w)
                        && !w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
                        && !names_a_state_body(text, e)
                });
                // "Bank of Canada", "National Bank of Poland", "Tour of the Netherlands": a
                // name with an organization's head noun, joined by "of"/"in" ["the"].
                let joined = || {
                    let (js, j) = wb?;
                    let (js, j) = if j.eq_ignore_ascii_case("the") {
                        word_before(text, js)?
                    } else {
                        (js, j)
                    };
                    if j != "of" && j != "in" {
                        return None;
                    }
                    let (ns, n) = word_before(text, js)?;
                    (capitalized(n) && !covered(&spans, ns) && in_list(&ORG_HEADS, n)).then_some(())
                };
                let drop_before = before.is_some() || joined().is_some();
                // "U.S. Open", "AMERICAN LEAGUE": an event's name, in any case.
                let event = wa.is_some_and(|(w, we)| {
                    capitalized(w) && !covered(&spans, we - 1) && in_list(&EVENT_HEADS, w)
                });
                if event {
                    drop(log, &mut keep, "event_name");
                    continue;
                }
                let drop_after = after.is_some_and(|(w, _)| {
                    // A demonym before a given name is a nationality ("Mexican Ariel
                    // Cruz"); a state named like a given name before a surname is a person.
                    if own_given {
                        names.is_surname(w) || !names.is_given(w)
                    } else {
                        !names.is_given(w)
                    }
                });
                // "Michael Jordan": a state named like a given name after a given name is
                // a person's name even in a headline.
                let given_before = before.is_some_and(|(_, w)| names.is_given(w));
                let given_pair = own_given && given_before;
                // "Jordan Henderson": before an official's surname alone, such a state is
                // the given name of someone else; both go, in any case of line.
                let surname_next = (own_given && text[e..].starts_with(' '))
                    .then(|| surname_at.binary_search_by_key(&(e + 1), |&(_, _, at)| at.start).ok())
                    .flatten()
                    .map(|k| surname_at[k])
                    .filter(|&(_, o, _)| !o.posts.iter().any(|p| p.of == m.entity.id));
                if let Some((j, o, o_span)) = surname_next {
                    drop(log, &mut keep, "given_name_of_person");
                    keep[j] = false;
                    let why = "surname_of_other_person";
                    log.note(|| decision(text, o_span, o, Pass::Readings, Action::Drop, why));
                    person_words.insert(m.text.to_lowercase());
                    continue;
                }
                // In a headline or capitals, capitals mark no names (checked last: it
                // reads the whole sentence).
                if given_pair || ((drop_before || drop_after) && !title_case_line(text, s, e)) {
                    let person = given_before
                        || (own_given && after.is_some_and(|(w, _)| names.is_surname(w)));
                    // Only a state's name that is itself a person's name ("Jordan", "Chad")
                    // makes the same word alone later a person; never "U.S." after "Pat",
                    // nor the demonym "German" after "Villa".
                    let a_name = matches!(m.matched_by, AliasKind::Name | AliasKind::Alias)
                        && (own_given || names.is_surname(&m.text));
                    if person && a_name {
                        person_words.insert(m.text.to_lowercase());
                    }
                    drop(log, &mut keep, if person { "person_name" } else { "inside_longer_name" });
                }
            }
            EntityKind::Place => {
                if let Some(cue) = actor_cue(text, m.span.start, m.span.end) {
                    let target = m.entity.stands_for.as_deref().or(m.entity.state.as_deref());
                    if let Some(entity) = target.and_then(|id| g.get(id)) {
                        m.stands_for = Some(StandsFor { entity, sector: "GOV", cue });
                        log.note(|| Decision {
                            to: Some(entity),
                            ..decision(
                                text,
                                m.span,
                                m.entity,
                                Pass::Readings,
                                Action::Annotate,
                                cue,
                            )
                        });
                    }
                }
            }
            _ => {}
        }
    }
    if keep.iter().any(|k| !k) {
        let mut it = keep.iter();
        out.retain(|_| *it.next().unwrap_or(&true));
    }
}

/// Whether the word after a name ending at `e` is "state" naming a division ("Washington
/// state"), not a word about the government ("state media", "state-run"). Only in lower
/// case: "Vienna State Opera" is in Vienna.
fn names_a_subdivision(text: &str, e: usize) -> bool {
    let Some(rest) = text[e..].strip_prefix(' ') else { return false };
    let Some(after) = rest.strip_prefix("state") else { return false };
    if after.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’') {
        return false;
    }
    let next = word_after(text, text.len() - after.len()).map_or("", |(w, _)| w);
    !in_list(&STATE_AS_GOVERNMENT, next)
}

/// Words after "state" that make it the government's ("Moscow state media").
static STATE_AS_GOVERNMENT: WordSet = WordSet::new(&[
    "media",
    "television",
    "tv",
    "news",
    "radio",
    "agency",
    "broadcaster",
    "newspaper",
    "department",
    "council",
    "visit",
    "secretary",
    "minister",
    "ministry",
    "budget",
    "funds",
    "company",
    "companies",
    "firm",
    "firms",
    "enterprise",
    "enterprises",
    "bank",
    "banks",
    "oil",
    "energy",
    "sector",
    "security",
    "duma",
    "capitalism",
    "terrorism",
    "sponsor",
    "sponsors",
    "control",
    "owned",
]);

/// The cue that makes the place at `[s, e)` an actor, if any.
fn actor_cue(text: &str, s: usize, e: usize) -> Option<&'static str> {
    let rest = &text[e..];
    for suffix in ["-led", "-backed", "-sponsored", "-brokered"] {
        if rest.starts_with(suffix) {
            return Some("x_led");
        }
    }
    let (mut at, possessive) = match rest {
        r if r.starts_with("'s") || r.starts_with("’s") => (e + rest.find('s')? + 1, true),
        _ => (e, false),
    };
    if possessive {
        if let Some((w, _)) = word_after(text, at) {
            if in_list(&GOVERNANCE, w) || in_list(&INSTITUTIONS, w) {
                return Some("possessive_governance");
            }
        }
        return None;
    }
    // "Moscow, which wants", also in tokenized text ("Moscow , which wants").
    let after = text[at..].trim_start_matches(' ');
    if after.starts_with(", which ") {
        at = text.len() - after.len() + ", which".len();
    }
    let mut steps = 0;
    while let Some((w, we)) = word_after(text, at) {
        if in_list(&ACTOR_VERBS, w) {
            return Some("subject_of_verb");
        }
        if steps == 0 && (in_list(&GOVERNANCE, w) || in_list(&INSTITUTIONS, w)) {
            return Some("x_government");
        }
        if !in_list(&AUXILIARIES, w) || steps >= 2 {
            break;
        }
        at = we;
        steps += 1;
    }
    // Before: "backed by Baghdad", "talks with Moscow".
    let (p1s, p1) = word_before(text, s)?;
    let (_, p2) = word_before(text, p1s)?;
    // The list is lower-case ASCII.
    let hit =
        ACTOR_BEFORE.iter().any(|&(a, b)| p2.eq_ignore_ascii_case(a) && p1.eq_ignore_ascii_case(b));
    hit.then_some("backed_by")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_set_finds_its_words_in_any_case_and_nothing_else() {
        static SET: WordSet = WordSet::new(&["said", "told", "warned", "o'neill"]);
        for w in ["said", "SAID", "Told", "warned", "O'Neill"] {
            assert!(SET.contains(w), "{w}");
        }
        for w in ["", "sai", "saidx", "xaid", "Über", "1said", "warned!", "neill"] {
            assert!(!SET.contains(w), "{w}");
        }
        static ODD: WordSet = WordSet::new(&["3rd", "co"]);
        assert!(ODD.contains("3RD") && ODD.contains("Co") && !ODD.contains("4rd"));
        static NONE: WordSet = WordSet::new(&[]);
        assert!(!NONE.contains("a"));
    }

    #[test]
    fn words_around_a_span() {
        let t = "talks with Moscow said";
        let s = t.find("Moscow").unwrap();
        assert_eq!(word_before(t, s), Some((6, "with")));
        assert_eq!(word_after(t, s + 6).map(|x| x.0), Some("said"));
        assert_eq!(word_before("Moscow", 0), None);
    }

    #[test]
    fn covered_finds_the_span_holding_a_byte() {
        let spans = [(0, 4), (10, 12), (20, 30)];
        let hits: Vec<usize> = (0..32).filter(|&at| covered(&spans, at)).collect();
        let want: Vec<usize> = (0..4).chain(10..12).chain(20..30).collect();
        assert_eq!(hits, want);
        assert!(!covered(&[], 0));
    }

    #[test]
    fn sentences_of_a_one_line_story() {
        let t = "TENNIS - RESULTS FROM THE U.S. OPEN . NEW YORK Results from the U.S. Open \
                 tennis championships held at the stadium on Friday , with seeds .";
        let first = t.find("U.S.").unwrap();
        assert!(title_case_line(t, first, first + 4));
        let second = t.rfind("U.S.").unwrap();
        assert!(!title_case_line(t, second, second + 4));
        assert!(date_like_before("LONDON 1996-08-30"));
        assert!(date_like_before("assets 107.83"));
        assert!(!date_like_before("about 100"));
    }

    #[test]
    fn headlines_are_title_case() {
        let t = "Iraq Kurds Say Iranian Troops Enter North\nthe Iranian troops entered";
        assert!(title_case_line(t, 12, 19));
        assert!(!title_case_line(t, t.len() - 20, t.len() - 13));
    }
}
