//! Newcomers: people the gazetteer does not know, named by the text with their title.
//!
//! A title that says its state, right before a capitalized name that is no entity of the
//! gazetteer ("Kenyan Foreign Minister Wanjiku Odhiambo", "Wanjiku Odhiambo, Kenya's
//! foreign minister"), names a person: the pass adds an official mention for the name with
//! no entity id ([`Entity::nil`]), the role and state of the title, `matched_by: title`,
//! and no post record. It never hands the post to the gazetteer's holder: the text names
//! someone else. Later in the document the full name, or the surname alone, refers to the
//! same person (`matched_by: name` / `surname`), also where the gazetteer has an official
//! of that surname.
//!
//! What counts as a name: one to five words that start with a capital letter (with
//! particles such as "bin", "van", "al-" and initials inside), none of them a function
//! word, month, weekday or title word, and not in a headline (most other words of the
//! sentence capitalized too). A run of more capitalized words is taken for something else
//! (a headline, an organization) and yields nothing. The appositive order ("Name, Kenya's
//! foreign minister") needs two words of name, so that "Speaking to Reuters, Kenya's
//! foreign minister …" names nobody.

use crate::decision::{decision, Action, Decision, Pass};
use crate::mention::{Mention, RoleInfo, Span};
use crate::model::{AliasKind, Entity, EntityKind};

use super::readings::{
    capitalized, names, sentence_end, sentence_initial, sentence_start, word_before, WordSet,
    FUNCTION_WORDS, MONTHS_DAYS,
};
use super::{adjacent, Context};

/// A person the document named whom the gazetteer does not know.
#[derive(Clone, Debug)]
pub(crate) struct Newcomer<'m> {
    /// The name as first written ("Wanjiku Odhiambo").
    name: String,
    /// Its last word ("Odhiambo"), which refers to the person later on.
    surname: String,
    /// The role and state from the title.
    role: RoleInfo<'m>,
    state: Option<&'m Entity>,
}

/// The surnames of a document's newcomers as one automaton, so that each later text is
/// read once for all of them (not once per newcomer); rebuilt when a newcomer is added,
/// at most [`MAX_NEWCOMERS`] times per document.
#[derive(Debug, Default)]
pub(crate) struct SurnameFinder {
    /// How many newcomers `ac` was built for.
    built_for: usize,
    /// One pattern per distinct surname.
    ac: Option<aho_corasick::AhoCorasick>,
    /// The newcomers (indexes) with the surname of each pattern.
    owners: Vec<Vec<usize>>,
}

impl SurnameFinder {
    /// Every occurrence of a surname of `list` in `text` that is not inside a longer
    /// surname of the list starting at the same place, as (newcomer index, byte offset),
    /// ordered by newcomer and then offset; a surname two newcomers share is reported for
    /// both.
    ///
    /// The search is leftmost-longest, not overlapping: a surname that overlaps a longer
    /// one's match starts or ends inside a word, which `refer` never takes, and the
    /// search can skip ahead with a prefilter.
    fn find(&mut self, list: &[Newcomer<'_>], text: &str) -> Vec<(usize, usize)> {
        if self.built_for != list.len() {
            let mut surnames: Vec<&str> = Vec::new();
            self.owners.clear();
            for (k, n) in list.iter().enumerate() {
                match surnames.iter().position(|s| *s == n.surname) {
                    Some(p) => self.owners[p].push(k),
                    None => {
                        surnames.push(&n.surname);
                        self.owners.push(vec![k]);
                    }
                }
            }
            self.ac = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&surnames)
                .ok();
            self.built_for = list.len();
        }
        let Some(ac) = &self.ac else { return Vec::new() };
        let mut hits: Vec<(usize, usize)> = Vec::new();
        for m in ac.find_iter(text) {
            hits.extend(self.owners[m.pattern().as_usize()].iter().map(|&k| (k, m.start())));
        }
        hits.sort_unstable();
        hits
    }
}

/// How many newcomers a document remembers: each later paragraph is searched for all of
/// them (one [`SurnameFinder`] automaton, rebuilt per newcomer added), so the cap bounds
/// the rebuilds and the hits per paragraph.
const MAX_NEWCOMERS: usize = 32;

/// The longest name taken, in words; a longer run of capitalized words is not a name.
const MAX_NAME_WORDS: usize = 5;

/// Lower-case words inside a name ("Mohammed bin Salman", "Ursula von der Leyen").
static PARTICLES: WordSet = WordSet::new(&[
    "al", "ben", "bin", "bint", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos",
    "du", "el", "ibn", "la", "le", "ter", "van", "von", "wa", "y", "zu",
]);

/// Capitalized words that follow a title without being a name: titles and their parts,
/// honorifics (a name after them is not taken, rather than taken wrong), pronouns and
/// verbs of headlines.
static NOT_NAMES: WordSet = WordSet::new(&[
    "acting",
    "admiral",
    "adviser",
    "advisor",
    "affairs",
    "ambassador",
    "cabinet",
    "chancellor",
    "chief",
    "colonel",
    "commissioner",
    "council",
    "crown",
    "defence",
    "defense",
    "department",
    "deputy",
    "designate",
    "dr",
    "elect",
    "emir",
    "envoy",
    "foreign",
    "gen",
    "general",
    "government",
    "governor",
    "had",
    "has",
    "he",
    "her",
    "his",
    "interior",
    "is",
    "it",
    "judge",
    "justice",
    "king",
    "lady",
    "lord",
    "madam",
    "marshal",
    "mayor",
    "minister",
    "ministers",
    "ministry",
    "office",
    "parliament",
    "pope",
    "premier",
    "president",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rep",
    "said",
    "says",
    "secretary",
    "sen",
    "senator",
    "she",
    "sheikh",
    "sir",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "state",
    "sultan",
    "they",
    "today",
    "told",
    "tonight",
    "vice",
    "was",
    "we",
    "who",
    "will",
    "would",
    "yesterday",
]);

/// What a word of a name is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// A capitalized word ("Wanjiku", "Odhiambo-Kariuki", "al-Sharaa").
    Word,
    /// A lower-case particle ("bin", "van").
    Particle,
    /// An initial ("J.").
    Initial,
}

/// Classifies `word` (its trailing full stop, if any, given by `dot`).
fn part(word: &str, dot: bool) -> Option<Part> {
    let mut chars = word.chars();
    let first = chars.next()?;
    if dot && chars.clone().next().is_none() {
        return first.is_uppercase().then_some(Part::Initial);
    }
    if PARTICLES.contains(word) && first.is_lowercase() {
        return Some(Part::Particle);
    }
    // "al-Sharaa", "el-Sisi": a short lower-case article joined to a capitalized word.
    let core = match word.split_once('-') {
        Some((article, rest)) if article.len() <= 3 && PARTICLES.contains(article) => rest,
        _ => word,
    };
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = core.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let listed =
        NOT_NAMES.contains(core) || FUNCTION_WORDS.contains(core) || MONTHS_DAYS.contains(core);
    (capitalized(core) && letters >= 2 && !all_caps && !listed).then_some(Part::Word)
}

/// Military ranks and honorifics written before a name.
static RANKS: super::readings::WordSet = super::readings::WordSet::new(&[
    "admiral",
    "adm",
    "brigadier",
    "brigadier-general",
    "capt",
    "captain",
    "col",
    "colonel",
    "commander",
    "cmdr",
    "dr",
    "field-marshal",
    "gen",
    "general",
    "lieutenant",
    "lieutenant-colonel",
    "lieutenant-general",
    "lt",
    "lt-col",
    "lt-gen",
    "maj",
    "major",
    "major-general",
    "marshal",
    "mr",
    "mrs",
    "ms",
    "prof",
    "professor",
    "sergeant",
    "sgt",
    "sir",
]);

/// Where the words at `at` begin after any ranks and honorifics ("Lieutenant-Colonel",
/// "Gen."), each followed by one space; and whether there were any.
fn skip_ranks(text: &str, at: usize) -> (usize, bool) {
    let (mut i, mut ranked) = (at, false);
    loop {
        let len: usize = text[i..].chars().take_while(|&c| name_char(c)).map(char::len_utf8).sum();
        if len == 0 || !RANKS.contains(&text[i..i + len]) {
            return (i, ranked);
        }
        let mut j = i + len;
        if text[j..].starts_with('.') {
            j += 1;
        }
        match text[j..].strip_prefix(' ') {
            Some(rest) if rest.starts_with(|c: char| !c.is_whitespace()) => {
                i = j + 1;
                ranked = true;
            }
            _ => return (i, ranked),
        }
    }
}

/// English endings of common nouns ("Negotiations", "Development", "Planning") that names
/// seldom begin with; a word in the given-name or surname lists is still a name
/// ("Fleming"). Only the first word of a name is asked ("Onno Ruding" is a name).
fn common_noun(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ing", "ings",
        "ance", "ances", "ence", "ences", "ship", "ships",
    ];
    let lower = word.to_lowercase();
    lower.len() > 5
        && ENDINGS.iter().any(|e| lower.ends_with(e))
        && !names().given.contains(lower.as_str())
        && !names().surnames.contains(lower.as_str())
}

/// Whether a title of this role, said of a state (`of_state`) or of an organization, names
/// a post that a newcomer can hold: a state's posts for a state ("Chairman" after "Shell
/// U.K." is a company's), an organization's top posts for an organization.
fn fits(key: &str, of_state: bool) -> bool {
    const ORG_POSTS: &[&str] = &[
        "secretary_general",
        "deputy_secretary_general",
        "director_general",
        "chair",
        "head_of_organization",
    ];
    if of_state {
        crate::model::role_rank(key) > 0 && !ORG_POSTS.contains(&key) && key != "party_leader"
    } else {
        ORG_POSTS.contains(&key) || key == "spokesperson"
    }
}

/// Characters of a word of a name.
fn name_char(c: char) -> bool {
    c.is_alphabetic() || c == '-' || c == '\'' || c == '’'
}

/// The words of a name starting at `at`: their spans and parts, separated by one space
/// each. Stops at anything else, after a word that ends a sentence, or after one word too
/// many (then `MAX_NAME_WORDS + 1` words are returned, for the caller to refuse).
fn words_at(text: &str, at: usize) -> Vec<(Span, Part)> {
    let mut out = Vec::new();
    let mut i = at;
    while out.len() <= MAX_NAME_WORDS {
        let len: usize = text[i..].chars().take_while(|&c| name_char(c)).map(char::len_utf8).sum();
        if len == 0 {
            break;
        }
        let raw = &text[i..i + len];
        // A possessive ends the name ("Odhiambo's visit").
        let (word, possessive) = match raw.strip_suffix("'s").or_else(|| raw.strip_suffix("’s")) {
            Some(w) => (w, true),
            None => (raw.trim_end_matches(['\'', '’', '-']), false),
        };
        let dot = !possessive && text[i + len..].starts_with('.');
        let Some(p) = part(word, dot) else { break };
        let end = if p == Part::Initial { i + len + 1 } else { i + word.len() };
        out.push((Span { start: i, end }, p));
        let after = &text[end..];
        if possessive || word.len() < raw.len() || (dot && p != Part::Initial) {
            break;
        }
        // One space, then the next word.
        match after.strip_prefix(' ') {
            Some(rest) if rest.chars().next().is_some_and(|c| !c.is_whitespace()) => i = end + 1,
            _ => break,
        }
    }
    out
}

/// The span of a name that starts at `at`, when the words there make one.
fn name_at(text: &str, at: usize) -> Option<Span> {
    // A rank or honorific before the name is not part of it ("Lieutenant-Colonel Max
    // Marriner", "Colonel Wanjiku Odhiambo").
    let (at, ranked) = skip_ranks(text, at);
    let mut words = words_at(text, at);
    if words.len() > MAX_NAME_WORDS {
        return None; // runs on: a headline or the name of something else
    }
    // Trailing particles and initials are not part of the name ("Odhiambo of").
    while words.last().is_some_and(|&(_, p)| p != Part::Word) {
        words.pop();
    }
    if ranked && words.len() < 2 {
        return None; // the name after a rank needs two words
    }
    let first = words.first()?;
    if first.1 != Part::Word || common_noun(&text[first.0.start..first.0.end]) {
        return None;
    }
    // One word followed by more capitalized text ("President Meets U.S. Envoy") is a
    // headline's verb, not a name.
    if words.len() == 1 {
        let rest = text[first.0.end..].strip_prefix(' ').unwrap_or("");
        if rest.starts_with(char::is_uppercase) {
            return None;
        }
    }
    Some(Span { start: first.0.start, end: words.last()?.0.end })
}

/// The span of a name that ends just before `at` (its words separated by single spaces),
/// of two words or more. A capitalized word that begins the sentence is taken into the
/// name only when it is a known given name ("Meeting Wanjiku Odhiambo, …" names Wanjiku
/// Odhiambo).
fn name_before(text: &str, at: usize) -> Option<Span> {
    let mut starts = Vec::new();
    let mut s = at;
    while starts.len() <= MAX_NAME_WORDS {
        let len: usize = text[..s]
            .chars()
            .rev()
            .take_while(|&c| name_char(c) || c == '.')
            .map(char::len_utf8)
            .sum();
        if len == 0 {
            break;
        }
        s -= len;
        starts.push(s);
        let b = text.as_bytes();
        if s >= 2 && b[s - 1] == b' ' && b[s - 2] != b' ' {
            s -= 1;
        } else {
            break;
        }
    }
    let words =
        |span: Span| text[span.start..span.end].split(' ').filter(|w| capitalized(w)).count();
    let given = &names().given;
    starts.iter().rev().find_map(|&st| {
        let span = name_at(text, st).filter(|sp| sp.start == st && sp.end == at)?;
        let first = text[st..].split(' ').next().unwrap_or("");
        let lower = first.to_lowercase();
        let trusted = !sentence_initial(text, st) || given.contains(lower.as_str());
        (trusted && words(span) >= 2).then_some(span)
    })
}

/// True when the sentence around `[start, end)` is a headline: of its words of four
/// letters or more outside the span, at least three and 70 % are capitalized, and no word
/// of three letters or more but a function word is in lower case (a headline in title
/// case or capitals has none; "met former Kenyan President ... on Monday" is prose, with
/// its many names).
fn headline_around(text: &str, start: usize, end: usize) -> bool {
    let (ls, le) = (sentence_start(text, start), sentence_end(text, end));
    let (mut words, mut caps) = (0, 0);
    for part in [&text[ls..start], &text[end..le]] {
        for w in part.split(|c: char| !c.is_alphabetic()).filter(|w| w.len() > 2) {
            let lower = w.chars().next().is_some_and(char::is_lowercase);
            if lower && !FUNCTION_WORDS.contains(w) {
                return false;
            }
            if w.len() > 3 {
                words += 1;
                caps += usize::from(capitalized(w));
            }
        }
    }
    words >= 3 && caps * 10 >= words * 7
}

/// The given name right before a surname at `start` ("Tomas" in "Tomas Varga"), when the
/// word there is a common given name (US Census list), capitalized, not the first of its
/// sentence and not part of the mention before (`prev_end`).
pub(super) fn given_name_before(text: &str, start: usize, prev_end: Option<usize>) -> Option<&str> {
    let (ws, w) = word_before(text, start)?;
    if prev_end.is_some_and(|e| e > ws) || part(w, false) != Some(Part::Word) {
        return None;
    }
    let lower = w.to_lowercase();
    names().given.contains(lower.as_str()).then_some(w)
}

/// True when the title at `start` says the post is a past one ("former", "ex-").
pub(super) fn former_before(text: &str, start: usize) -> bool {
    let head = &text[..start];
    if head.ends_with("ex-") || head.ends_with("Ex-") {
        return true;
    }
    word_before(text, start).is_some_and(|(_, w)| w.eq_ignore_ascii_case("former"))
}

/// Whether a mention of `out` starts inside `span`, or covers its start.
fn taken(out: &[Mention<'_>], span: Span) -> bool {
    let i = out.partition_point(|m| m.span.end <= span.start);
    out.get(i).is_some_and(|m| m.span.start < span.end)
}

/// Adds the newcomers' mentions to `out` (kept in order of position), and refers later
/// full names and surnames to newcomers named before.
pub(super) fn apply<'m>(cx: &mut Context<'m, '_>, text: &str, out: &mut Vec<Mention<'m>>) {
    let known_before = cx.newcomers.len();
    let mut added: Vec<Mention<'m>> = Vec::new();
    let mut remove: Vec<usize> = Vec::new();
    for i in 0..out.len() {
        let m = &out[i];
        if m.role.is_none() || m.entity.kind != EntityKind::Role {
            continue;
        }
        let Some(role) = m.role.as_ref() else { continue };
        let Some(of) = role.of else { continue };
        if !fits(role.key, of.kind == EntityKind::State) {
            continue;
        }
        // The title phrase starts at its state when the state comes first ("Kenyan
        // Foreign Minister", "Kenya's foreign minister").
        let phrase = match i.checked_sub(1).map(|j| &out[j]) {
            Some(p)
                if matches!(p.entity.kind, EntityKind::State | EntityKind::Organization)
                    && adjacent(&text[p.span.end..m.span.start]) =>
            {
                p.span.start
            }
            _ => m.span.start,
        };
        // A capitalized word before the state, or one and "of": the title is a company's
        // or a body's ("Shell U.K. Chairman", "Bank of China President"), not the state's.
        let name_word = |ws: usize, w: &str| {
            part(w, false) == Some(Part::Word) && !taken(out, Span { start: ws, end: ws + w.len() })
        };
        let inside_name = word_before(text, phrase).is_some_and(|(ws, w)| {
            (name_word(ws, w) && !sentence_initial(text, ws))
                || ((w == "of" || w == "in")
                    && word_before(text, ws).is_some_and(|(ns, n)| name_word(ns, n)))
        });
        if inside_name {
            continue;
        }
        let after = &text[m.span.end..];
        let forward = after
            .strip_prefix(' ')
            .filter(|rest| !rest.starts_with(char::is_whitespace))
            .and_then(|_| name_at(text, m.span.end + 1));
        let backward = || {
            let head = &text[..phrase];
            let head = head
                .strip_suffix(", the ")
                .or_else(|| head.strip_suffix(", "))
                .filter(|h| !h.ends_with(char::is_whitespace))?;
            name_before(text, head.len())
        };
        let (span, how) = match forward {
            Some(span) => (span, "unknown_name_after_title"),
            None => match backward() {
                Some(span) => (span, "unknown_name_before_title"),
                None => continue,
            },
        };
        // A name between two titles ("<title> X, <title>") is one newcomer, added once
        // (found by the extract fuzz target: it was added for each title, overlapping).
        if added.iter().any(|a: &Mention<'_>| a.span.start < span.end && span.start < a.span.end) {
            continue;
        }
        // The name runs on into a known entity ("Finance Minister Onno Ruding" with only
        // "Ruding" in the gazetteer): that entity is the person, or the reading is unsure.
        let runs_on = text[span.end..].strip_prefix(' ').is_some_and(|_| {
            let at = span.end + 1;
            let i = out.partition_point(|x| x.span.end <= at);
            out.get(i).is_some_and(|x| x.span.start == at)
        });
        if runs_on {
            continue;
        }
        // Mentions inside the name: only a surname the gazetteer gives to an official of
        // another post gives way ("Turkish Foreign Minister Ayla Smith" is no John Smith);
        // any other entity there means the name is not a newcomer's.
        let lo = out.partition_point(|x| x.span.end <= span.start);
        let hi = out.partition_point(|x| x.span.start < span.end);
        let title_post = (role.key, role.of.map(|o| o.id.as_str()));
        let gives_way = |x: &Mention<'_>| {
            x.entity.kind == EntityKind::Official
                && !x.is_nil()
                && x.matched_by == AliasKind::Surname
                && x.role.as_ref().map(|r| (r.key, r.of.map(|o| o.id.as_str()))) != Some(title_post)
        };
        if !out[lo..hi].iter().all(gives_way)
            || headline_around(text, phrase.min(span.start), m.span.end.max(span.end))
        {
            continue;
        }
        for x in &out[lo..hi] {
            let (xs, xe) = (x.span, x.entity);
            cx.log.note(|| {
                decision(text, xs, xe, Pass::Newcomers, Action::Drop, "inside_unknown_name")
            });
        }
        remove.extend(lo..hi);
        let name = &text[span.start..span.end];
        let role = RoleInfo { post: None, ..role.clone() };
        let state = m.state;
        if cx.newcomers.len() < MAX_NEWCOMERS && !cx.newcomers.iter().any(|n| n.name == name) {
            let surname = name.rsplit(' ').next().unwrap_or(name).to_string();
            cx.newcomers.push(Newcomer {
                name: name.to_string(),
                surname,
                role: role.clone(),
                state,
            });
        }
        let nil = nil_mention(text, span, AliasKind::Title, name, role, state);
        cx.log.note(|| decision(text, span, nil.entity, Pass::Newcomers, Action::Add, how));
        added.push(nil);
    }
    let intros: Vec<Span> = added.iter().map(|m| m.span).collect();
    if !remove.is_empty() {
        remove.sort_unstable();
        remove.dedup();
        let (mut k, mut next) = (0, remove.iter().peekable());
        out.retain(|_| {
            k += 1;
            next.next_if_eq(&&(k - 1)).is_none()
        });
    }
    merge(out, added);
    refer(cx, text, out, known_before, &intros);
}

fn nil_mention<'m>(
    text: &str,
    span: Span,
    by: AliasKind,
    name: &str,
    role: RoleInfo<'m>,
    state: Option<&'m Entity>,
) -> Mention<'m> {
    Mention {
        span,
        text: text[span.start..span.end].to_string(),
        entity: Entity::nil(),
        matched_by: by,
        role: Some(role),
        state,
        stands_for: None,
        candidates: Vec::new(),
        more_candidates: 0,
        date_checked: false,
        unknown_name: Some(name.to_string()),
    }
}

/// Inserts `added` (none overlapping a mention of `out`) into `out`, in order of position.
fn merge<'m>(out: &mut Vec<Mention<'m>>, mut added: Vec<Mention<'m>>) {
    if added.is_empty() {
        return;
    }
    // `out` is in order of position, and can hold every mention of a long text: cut it at
    // each insertion point from the back and join the pieces again, so that its mentions
    // move in bulk copies, not one by one. Stable, as a sort of both would be: a mention
    // of `out` before an added one of the same start, added ones in their order.
    added.sort_by_key(|m| m.span.start);
    let mut pieces: Vec<(Mention<'m>, Vec<Mention<'m>>)> = Vec::with_capacity(added.len());
    while let Some(a) = added.pop() {
        let at = out.partition_point(|m| m.span.start <= a.span.start);
        let tail = out.split_off(at);
        pieces.push((a, tail));
    }
    out.reserve(pieces.iter().map(|(_, t)| t.len() + 1).sum());
    while let Some((a, mut tail)) = pieces.pop() {
        out.push(a);
        out.append(&mut tail);
    }
}

/// Later references to the newcomers: their full name or surname, where no mention is
/// (or where the gazetteer found an official by that surname alone), after the place the
/// newcomer was named (`intros`: named in this text; those before `known_before` were
/// named in an earlier paragraph).
fn refer<'m>(
    cx: &mut Context<'m, '_>,
    text: &str,
    out: &mut Vec<Mention<'m>>,
    known_before: usize,
    intros: &[Span],
) {
    if cx.newcomers.is_empty() {
        return;
    }
    let mut found: Vec<Mention<'m>> = Vec::new();
    let hits = cx.finder.find(cx.newcomers, text);
    let mut at = 0;
    for (k, n) in cx.newcomers.iter().enumerate() {
        // Where this newcomer was first named in this text (0 for an earlier paragraph).
        let from = if k < known_before {
            0
        } else {
            intros.iter().find(|s| text[s.start..s.end] == n.name).map_or(0, |s| s.end)
        };
        let first = at;
        while at < hits.len() && hits[at].0 == k {
            at += 1;
        }
        // The hits of this surname from `from` on, none overlapping the one before.
        let mut next_free = from;
        for &(_, s) in &hits[first..at] {
            if s < next_free {
                continue;
            }
            next_free = s + n.surname.len();
            let e = s + n.surname.len();
            let before_ok = !text[..s].ends_with(|c: char| c.is_alphanumeric() || c == '-');
            let after_ok = !text[e..].starts_with(|c: char| c.is_alphanumeric() || c == '-');
            if !before_ok || !after_ok {
                continue;
            }
            // The full name, when it is written out.
            let given = &n.name[..n.name.len() - n.surname.len()];
            let (span, by) = if !given.is_empty() && text[..s].ends_with(given) {
                (Span { start: s - given.len(), end: e }, AliasKind::Name)
            } else {
                (Span { start: s, end: e }, AliasKind::Surname)
            };
            // Another given name before the surname: another person ("Naina Yeltsin").
            if by == AliasKind::Surname && given_name_before(text, s, None).is_some() {
                continue;
            }
            if intros.contains(&span) {
                continue;
            }
            let i = out.partition_point(|m| m.span.end <= span.start);
            match out.get(i) {
                // A surname the gazetteer linked to an official of its own.
                Some(m)
                    if m.span == span
                        && m.matched_by == AliasKind::Surname
                        && m.entity.kind == EntityKind::Official
                        && !m.is_nil() =>
                {
                    let nil = nil_mention(text, span, by, &n.name, n.role.clone(), n.state);
                    cx.log.note(|| Decision {
                        to: Some(nil.entity),
                        ..decision(
                            text,
                            span,
                            m.entity,
                            Pass::Newcomers,
                            Action::Relink,
                            "refers_to_unknown_person",
                        )
                    });
                    out[i] = nil;
                }
                Some(m) if m.span.start < span.end => {}
                _ => found.push(nil_mention(text, span, by, &n.name, n.role.clone(), n.state)),
            }
        }
    }
    if found.is_empty() {
        return;
    }
    found.sort_by_key(|m| m.span.start);
    found.dedup_by(|b, a| b.span.start < a.span.end);
    for m in &found {
        let why = "refers_to_unknown_person";
        cx.log.note(|| decision(text, m.span, m.entity, Pass::Newcomers, Action::Add, why));
    }
    merge(out, found);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str, at: usize) -> Option<&str> {
        name_at(text, at).map(|s| &text[s.start..s.end])
    }

    #[test]
    fn names_after_a_title() {
        assert_eq!(name("Wanjiku Odhiambo said", 0), Some("Wanjiku Odhiambo"));
        assert_eq!(name("Faisal bin Farhan al-Saud's trip", 0), Some("Faisal bin Farhan al-Saud"));
        assert_eq!(name("Antony J. Blinken.", 0), Some("Antony J. Blinken"));
        assert_eq!(name("Odhiambo.", 0), Some("Odhiambo"));
        assert_eq!(name("Odhiambo of", 0), Some("Odhiambo"));
        assert_eq!(name("Said Talks Were Over Again Today Now", 0), None);
        assert_eq!(name("On Monday", 0), None);
        assert_eq!(name("Monday", 0), None);
        assert_eq!(name("NATO", 0), None);
        assert_eq!(name("von Kessel", 0), None);
        assert_eq!(name("Dr. Ahmed", 0), None);
        assert_eq!(name("Colonel Wanjiku Odhiambo said", 0), Some("Wanjiku Odhiambo"));
        assert_eq!(name("Lieutenant-Colonel Max Marriner said", 0), Some("Max Marriner"));
        assert_eq!(name("Colonel Smith", 0), None);
        assert_eq!(name("One Two Three Four Five Six", 0), None);
    }

    #[test]
    fn names_before_an_apposition() {
        let t = "Talks led by Wanjiku Odhiambo, Kenya's foreign minister";
        let at = t.find(',').unwrap();
        let s = name_before(t, at).unwrap();
        assert_eq!(&t[s.start..s.end], "Wanjiku Odhiambo");
        let t = "Speaking to Reuters, Kenya's foreign minister";
        assert_eq!(name_before(t, t.find(',').unwrap()), None);
        let t = "On Monday, Kenya's foreign minister";
        assert_eq!(name_before(t, t.find(',').unwrap()), None);
    }

    #[test]
    fn the_surname_finder_finds_every_whole_word_match_indices_finds() {
        let role = RoleInfo {
            key: "minister",
            title: "Minister",
            of: None,
            post: None,
            former: false,
            also: Vec::new(),
        };
        let people = |names: &[&str]| -> Vec<Newcomer<'static>> {
            names
                .iter()
                .map(|n| Newcomer {
                    name: n.to_string(),
                    surname: n.rsplit(' ').next().unwrap().to_string(),
                    role: role.clone(),
                    state: None,
                })
                .collect()
        };
        // What `refer` takes: a match with no letter, digit or hyphen on either side.
        let word = |text: &str, s: usize, len: usize| {
            let edge = |c: char| c.is_alphanumeric() || c == '-';
            !text[..s].ends_with(edge) && !text[s + len..].starts_with(edge)
        };
        let mut finder = SurnameFinder::default();
        let text = "Lin met Li; Lina Li and Lin Li. Aaa aa aaaa. Li-Lin, Lin-Li.";
        for list in [
            people(&["Wei Li", "Mei Lin"]),
            people(&["Wei Li", "Mei Lin", "Bo Li", "X aa", "Y Lina"]),
        ] {
            let mut naive: Vec<(usize, usize)> = Vec::new();
            for (k, n) in list.iter().enumerate() {
                let found = text.match_indices(n.surname.as_str()).map(|(s, _)| (k, s));
                naive.extend(found.filter(|&(_, s)| word(text, s, n.surname.len())));
            }
            let mut hits = finder.find(&list, text);
            hits.retain(|&(k, s)| word(text, s, list[k].surname.len()));
            assert_eq!(hits, naive);
        }
    }

    #[test]
    fn former_titles() {
        assert!(former_before("the former foreign minister", 11));
        assert!(former_before("an ex-President", 6));
        assert!(!former_before("the foreign minister", 4));
    }
}
