//! Candidate spans → mentions: the pass pipeline.
//!
//! [`resolve`] runs the passes over the candidates of one text, left to right:
//!
//! 1. [`pick`]: the entity each candidate stands for (a surname after a full name, names
//!    valid on the date, kinds, the post nearest the date); weak one-word references to
//!    people are dropped.
//! 2. context (here and [`posts`]): a state or title right before gives an official or a
//!    title its state and role, and an official the post held on the date.
//! 3. [`compose`]: appositions, "[official], [title] of [the] [state|org]".
//! 4. [`newcomers`]: a name the gazetteer does not know right after a title with its state
//!    ("Ukrainian Foreign Minister Andrii Sybiha") is an official mention with no id and
//!    the title's role; later surnames in the text refer to it.
//! 5. [`titles`]: a title with a state and no name becomes the official holding the post,
//!    when the data knows the post was held that day (else the holder is a candidate).
//! 6. [`readings`]: places vs actors, state words inside longer names or people's names.
//!
//! The passes see a [`Context`], never the [`Matcher`](crate::Matcher): `resolve` depends
//! on `scan` and the model only. Each pass notes what it dropped, relinked, added or
//! annotated, and why, in the context's log (a no-op unless
//! [`Matcher::explain`](crate::Matcher::explain) asked for it).

mod compose;
mod newcomers;
mod pick;
mod posts;
mod readings;
mod titles;

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::date::Date;
use crate::decision::{decision, Action, Log, Pass};
use crate::mention::{Mention, RoleInfo, Span};
use crate::model::{role_title, AliasKind, CasePolicy, EntityKind, Gazetteer};
use crate::scan::{case_ok, Chosen, Entry, Scanner};

use self::compose::appositions;
pub(crate) use self::newcomers::{Newcomer, SurnameFinder};
use self::pick::{pick, surname_alone};
use self::posts::set_post;
use self::titles::titles_to_holders;
pub(crate) use self::titles::Holders;

/// Which of the optional passes run (from the [`MatcherBuilder`](crate::MatcherBuilder)).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Passes {
    /// [`titles`]: titles with a state and no name become their holder.
    pub(crate) titles_to_holders: bool,
    /// [`readings`]: the readings pass.
    pub(crate) readings: bool,
}

/// What the passes see: the compiled gazetteer, the holders index, the options, the
/// document's date, and the document state (the officials named so far, which carries over
/// from one paragraph of a text to the next).
pub(crate) struct Context<'m, 'd> {
    /// The gazetteer the mentions link to.
    pub(crate) gazetteer: &'m Gazetteer,
    /// The alias entries of each pattern.
    pub(crate) scanner: &'m Scanner,
    /// Built on first use (only titles without a name need it).
    pub(crate) holders: &'m OnceLock<Holders>,
    /// Which optional passes run.
    pub(crate) passes: Passes,
    /// The document's date.
    pub(crate) date: Option<Date>,
    /// Officials (entity indexes) named so far in the document.
    pub(crate) seen: &'d mut FxHashSet<u32>,
    /// People named so far whom the gazetteer does not know (see [`newcomers`]).
    pub(crate) newcomers: &'d mut Vec<Newcomer<'m>>,
    /// One automaton over the newcomers' surnames, rebuilt when a newcomer is added.
    pub(crate) finder: &'d mut SurnameFinder,
    /// Where the passes note their decisions (a no-op unless explaining).
    pub(crate) log: &'d mut Log<'m>,
    /// State words read as people's names so far ("Jordan" after "Michael Jordan").
    pub(crate) person_words: &'d mut FxHashSet<String>,
}

/// Turns the candidates of `text` (from [`Scanner::scan`]) into mentions: every pass, in
/// order.
pub(crate) fn resolve<'m>(
    cx: &mut Context<'m, '_>,
    text: &str,
    chosen: &[Chosen],
) -> Vec<Mention<'m>> {
    let g = cx.gazetteer;
    let scanner = cx.scanner;
    let date = cx.date;
    let ents = g.entities();
    let mut out: Vec<Mention<'m>> = Vec::with_capacity(chosen.len());
    // The entries that pass their case check, for one candidate at a time (one buffer,
    // not an allocation per mention).
    let mut valid: Vec<&Entry> = Vec::new();
    for c in chosen {
        let surface = &text[c.span.start..c.span.end];
        valid.clear();
        valid.extend(scanner.entries_of(c.pattern).iter().filter(|e| case_ok(e, surface)));
        // An acronym that is an English word ("WHO") among words in capitals ("WHO WILL
        // WIN") cannot be told from the word.
        if valid.iter().any(|e| e.case == CasePolicy::ExactWord) && capitals_around(text, c.span) {
            let first = &ents[valid[0].entity as usize];
            valid.retain(|e| e.case != CasePolicy::ExactWord);
            if valid.is_empty() {
                let why = "acronym_word_in_capitals";
                cx.log.note(|| decision(text, c.span, first, Pass::Pick, Action::Drop, why));
                continue;
            }
        }
        // A surname alone, or any one-word reference to a person ("Suharto").
        let first = valid.first().map(|e| &ents[e.entity as usize]);
        let one_word_person =
            c.single && valid.iter().all(|e| ents[e.entity as usize].kind == EntityKind::Official);
        if one_word_person || valid.iter().all(|e| e.kind == AliasKind::Surname) {
            // A title right before ("Ambassador Albright", "President Suharto") vouches for
            // the person.
            let titled = out.last().is_some_and(|p| {
                p.entity.kind == EntityKind::Role && adjacent(&text[p.span.end..c.span.start])
            });
            // Another person's given name before the surname ("Tomas Varga" is not Mihály
            // Varga): only officials with that given name stay.
            let mut reason = None;
            if !titled {
                let prev_end = out.last().map(|p| p.span.end);
                if let Some(w) = newcomers::given_name_before(text, c.span.start, prev_end) {
                    valid.retain(|e| has_given_name(&ents[e.entity as usize], w));
                    reason = valid.is_empty().then_some("other_given_name");
                }
            }
            if !valid.is_empty() {
                reason = surname_alone(&mut valid, surface, date, titled, cx.seen, ents);
            }
            if valid.is_empty() {
                if let (Some(reason), Some(first)) = (reason, first) {
                    cx.log.note(|| decision(text, c.span, first, Pass::Pick, Action::Drop, reason));
                }
                continue;
            }
        }
        let (entry, candidates, more_candidates) = pick(cx, &valid);
        let entity = &ents[entry.entity as usize];
        // Context: a state right before ("Turkish", "Kazakhstan's"), or a title right
        // before, possibly with a comma ("Turkmenistan's Foreign Minister, Rashid
        // Meredov").
        let prev = out.last().filter(|p| {
            let gap = &text[p.span.end..c.span.start];
            adjacent(gap) || (p.entity.kind == EntityKind::Role && gap.trim() == ",")
        });
        let ctx_state = prev.and_then(|p| match p.entity.kind {
            EntityKind::State | EntityKind::Organization => Some(p.entity),
            EntityKind::Role => p.role.as_ref().and_then(|r| r.of),
            _ => None,
        });
        let ctx_role = prev.and_then(|p| match p.entity.kind {
            EntityKind::Role => p.entity.role.as_deref(),
            _ => None,
        });
        // "former Foreign Minister X", "ex-President Y": the title claims a past post.
        let former = prev.and_then(|p| p.role.as_ref()).is_some_and(|r| r.former);
        let mut m = Mention {
            span: c.span,
            text: surface.to_string(),
            entity,
            matched_by: entry.kind,
            role: None,
            state: None,
            stands_for: None,
            candidates,
            more_candidates,
            date_checked: false,
            unknown_name: None,
        };
        match entity.kind {
            EntityKind::Official => {
                cx.seen.insert(entry.entity);
                let by = set_post(g, &mut m, date, ctx_state, ctx_role, former);
                for reason in [by, former.then_some("former_title")].into_iter().flatten() {
                    cx.log.note(|| {
                        decision(text, c.span, entity, Pass::Context, Action::Annotate, reason)
                    });
                }
            }
            EntityKind::Role => {
                let key = entity.role.as_deref().unwrap_or("other");
                // The president of an organization or of its organ chairs it.
                let key = match (key, ctx_state.map(|s| s.kind)) {
                    ("head_of_state", Some(EntityKind::Organization)) => "chair",
                    _ => key,
                };
                // The title phrase starts at its state when one comes first ("former
                // Turkish foreign minister").
                let phrase = prev
                    .filter(|p| p.entity.kind != EntityKind::Role)
                    .map_or(c.span.start, |p| p.span.start);
                m.role = Some(RoleInfo {
                    key,
                    title: role_title(key).unwrap_or(key),
                    of: ctx_state,
                    post: None,
                    former: newcomers::former_before(text, phrase),
                    also: Vec::new(),
                });
                m.state = ctx_state.filter(|s| s.kind == EntityKind::State);
            }
            EntityKind::Place => m.state = entity.state.as_deref().and_then(|id| g.get(id)),
            _ => {}
        }
        out.push(m);
    }
    appositions(cx, text, &mut out);
    bare_common_titles(cx, text, &mut out);
    newcomers::apply(cx, text, &mut out);
    if cx.passes.titles_to_holders {
        titles_to_holders(cx, text, &mut out);
    }
    if cx.passes.readings {
        readings::apply(text, &mut out, g, cx.log, cx.person_words);
    }
    out
}

/// A one-word title in lower case ("president", "chancellor", "ambassador") is a common
/// noun unless the text gives its state or organization: right before ("the Kenyan
/// president", "Kenya's president") or after "of" ("the president of Kenya"). Without one
/// ("the company's president", "a president") it is no mention.
fn bare_common_titles<'m>(cx: &mut Context<'m, '_>, text: &str, out: &mut Vec<Mention<'m>>) {
    let bare = |m: &Mention<'_>| {
        m.role.as_ref().is_some_and(|r| r.of.is_none())
            && m.entity.kind == EntityKind::Role
            && !m.text.contains(' ')
            && !m.text.contains(char::is_uppercase)
    };
    out.retain(|m| {
        let drop = bare(m);
        if drop {
            let why = "lower_case_title_without_state";
            cx.log.note(|| decision(text, m.span, m.entity, Pass::Compose, Action::Drop, why));
        }
        !drop
    });
}

/// How many words on each side of a span [`capitals_around`] looks at.
const CAPITALS_WINDOW: usize = 3;

/// True when most of the words around `span` on its line (up to [`CAPITALS_WINDOW`] on
/// each side; words of two letters or more) are written in capitals: a headline or an
/// all-caps line, where an acronym that is also a word ("WHO", "CAN") is not told apart.
/// A span with no such word around it is not among capitals.
pub(crate) fn capitals_around(text: &str, span: Span) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
    fn words(s: &str) -> Vec<&str> {
        s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .collect()
    }
    let (before, after) = (words(&text[line_start..span.start]), words(&text[span.end..line_end]));
    let around: Vec<&str> = before
        .iter()
        .rev()
        .take(CAPITALS_WINDOW)
        .chain(after.iter().take(CAPITALS_WINDOW))
        .copied()
        .collect();
    let caps = around
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase))
        .count();
    !around.is_empty() && 2 * caps >= around.len()
}

/// Whether one of the names of `e` has `given` as a word, in any case.
fn has_given_name(e: &crate::model::Entity, given: &str) -> bool {
    e.all_aliases().any(|a| a.text.split([' ', '-']).any(|w| w.eq_ignore_ascii_case(given)))
}

/// True when the gap between two mentions is nothing, white space, or a possessive.
pub(crate) fn adjacent(gap: &str) -> bool {
    let g = gap.trim();
    g.is_empty() || matches!(g, "'s" | "’s" | "'" | "’" | "s'" | "s’")
}

/// True when the gap reads "of" or "of the" (any case, any spacing).
pub(crate) fn of_gap(gap: &str) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    match words.as_slice() {
        [of] => of.eq_ignore_ascii_case("of"),
        [of, the] => of.eq_ignore_ascii_case("of") && the.eq_ignore_ascii_case("the"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around(text: &str, word: &str) -> bool {
        let start = text.find(word).unwrap();
        capitals_around(text, Span { start, end: start + word.len() })
    }

    #[test]
    fn capitals_around_reads_the_words_of_the_line() {
        assert!(around("WHO WILL WIN THE CUP", "WHO"));
        assert!(around("LATEST: US, WHO WARN ON FLU", "WHO"));
        assert!(around("Sports\nWHO KNEW\nIt rained.", "WHO"));
        assert!(!around("The WHO said so.", "WHO"));
        assert!(!around("Officials at WHO, UNICEF and the Red Cross met.", "WHO"));
        assert!(!around("WHO", "WHO"));
        assert!(!around("HEADLINE\nThe WHO said so.", "WHO"));
    }
}
