//! Choosing the entity among the alias entries a candidate stands for.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::date::Date;
use crate::model::{AliasKind, Entity, EntityKind};
use crate::scan::Entry;

use super::posts::{post_distance, rank_on};
use super::Context;

/// At most this many other entities are listed as a mention's candidates (the best ones,
/// in the order [`pick`] ranks them); the rest are only counted
/// ([`Mention::more_candidates`](crate::Mention::more_candidates)).
pub(crate) const MAX_CANDIDATES: usize = 10;

/// How [`pick`] ranks an entry: the greater the better.
type Score = (bool, bool, u8, i64, u8, usize);

/// Up to this many other entities are told apart pairwise, without hashing.
const SMALL: usize = 16;

/// Chooses the entity an alias stands for, and lists the best of the others (at most
/// [`MAX_CANDIDATES`], best first) with the count of those left out.
///
/// Linear in the entries: each is scored once, the others are told apart by entity in a
/// hash map (when there are many), and the best few are selected, not sorted, from them.
pub(super) fn pick<'m, 'e>(
    cx: &Context<'m, '_>,
    valid: &[&'e Entry],
) -> (&'e Entry, Vec<&'m Entity>, usize) {
    let ents = cx.gazetteer.entities();
    let (date, seen) = (cx.date, &*cx.seen);
    let score = |e: &Entry| -> Score {
        let ent = &ents[e.entity as usize];
        let in_time = date.is_none_or(|d| {
            crate::date::within(d, e.start, e.end) && crate::date::within(d, ent.start, ent.end)
        });
        let kind_rank = match (ent.kind, e.kind) {
            (_, AliasKind::Surname) => 0,
            (EntityKind::Role, _) => 1,
            (EntityKind::Official, _) => 2,
            (_, AliasKind::Capital) => 3,
            _ => 4,
        };
        // Officials: the one whose posts are nearest the date (0 when in office), else
        // the one with the most recent post.
        let nearness = match date {
            Some(d) => -post_distance(ent, d),
            None => ent.latest_post().and_then(|p| p.start).map_or(i64::MIN, Date::days),
        };
        let seniority = date.map_or(0, |d| rank_on(ent, d));
        (seen.contains(&e.entity), in_time, kind_rank, nearness, seniority, ent.posts.len())
    };
    // Best first: the higher score, then the entity that comes first.
    let rank = |a: &(Score, u32), b: &(Score, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    let [first, rest @ ..] = valid else { panic!("a chosen match has a valid entry") };
    if rest.is_empty() {
        return (first, Vec::new(), 0);
    }
    let scored: Vec<(Score, u32)> = valid.iter().map(|e| (score(e), e.entity)).collect();
    // (Of entries that rank the same, all the same entity's, the last, as before.)
    let (at, _) = scored
        .iter()
        .enumerate()
        .max_by(|(_, a), (_, b)| rank(b, a))
        .expect("a chosen match has a valid entry");
    let best = valid[at];
    if seen.contains(&best.entity) {
        return (best, Vec::new(), 0);
    }
    // The other entities, each once with the score of its best entry.
    let mut others: Vec<(Score, u32)> = Vec::new();
    // Where each entity is in `others`: a linear search among a few, a hash map beyond.
    let small = scored.len() <= SMALL;
    let mut at: FxHashMap<u32, usize> = FxHashMap::default();
    for &(s, e) in &scored {
        if e == best.entity {
            continue;
        }
        let slot = if small { others.iter().position(|o| o.1 == e) } else { at.get(&e).copied() };
        match slot {
            Some(i) => others[i].0 = others[i].0.max(s),
            None => {
                if !small {
                    at.insert(e, others.len());
                }
                others.push((s, e));
            }
        }
    }
    let more = others.len().saturating_sub(MAX_CANDIDATES);
    if more > 0 {
        others.select_nth_unstable_by(MAX_CANDIDATES - 1, rank);
        others.truncate(MAX_CANDIDATES);
    }
    others.sort_unstable_by(rank);
    (best, others.into_iter().map(|(_, e)| &ents[e as usize]).collect(), more)
}

/// Which officials a surname standing alone can mean. One named in full earlier in the
/// document wins. Otherwise an ALL-CAPS surname counts for nothing (headlines are full of
/// capitalized common words), and with a document date only officials holding a post that
/// day above the coarse roles qualify, or, right after a title (`titled`: "Ambassador
/// Albright"), any post that day. Filters `valid` in place; when it leaves nothing (the
/// mention is dropped), returns why.
pub(super) fn surname_alone(
    valid: &mut Vec<&Entry>,
    surface: &str,
    date: Option<Date>,
    titled: bool,
    seen: &FxHashSet<u32>,
    ents: &[Entity],
) -> Option<&'static str> {
    if valid.iter().any(|e| seen.contains(&e.entity)) {
        valid.retain(|e| seen.contains(&e.entity));
        return None;
    }
    let letters = || surface.chars().filter(|c| c.is_alphabetic());
    if letters().all(char::is_uppercase) {
        valid.clear();
        return Some("capitals_surname");
    }
    // With a date, coarse roles ("government", "opposition") do not count: they keep too
    // many people "in office" for a bare surname to mean one of them.
    if let Some(d) = date {
        if titled {
            valid.retain(|e| ents[e.entity as usize].posts.iter().any(|p| p.held_on(d)));
            return valid.is_empty().then_some("no_post_on_date");
        }
        valid.retain(|e| rank_on(&ents[e.entity as usize], d) > 0);
        return valid.is_empty().then_some("no_specific_post_on_date");
    }
    None
}
