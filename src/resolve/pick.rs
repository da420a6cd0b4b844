//! Choosing the entity among the alias entries a candidate stands for.

use rustc_hash::FxHashSet;

use crate::date::Date;
use crate::model::{AliasKind, Entity, EntityKind};
use crate::scan::Entry;

use super::posts::{post_distance, rank_on};
use super::Context;

/// Chooses the entity an alias stands for, and lists the others.
pub(super) fn pick<'m, 'e>(
    cx: &Context<'m, '_>,
    valid: &[&'e Entry],
) -> (&'e Entry, Vec<&'m Entity>) {
    let ents = cx.gazetteer.entities();
    let (date, seen) = (cx.date, &*cx.seen);
    let score = |e: &Entry| {
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
    let best = valid
        .iter()
        .copied()
        .max_by(|a, b| score(a).cmp(&score(b)).then(b.entity.cmp(&a.entity)))
        .expect("a chosen match has a valid entry");
    let mut others: Vec<&'m Entity> = Vec::new();
    let certain = seen.contains(&best.entity);
    if !certain {
        for e in valid {
            let ent = &ents[e.entity as usize];
            if e.entity != best.entity && !others.iter().any(|o| o.id == ent.id) {
                others.push(ent);
            }
        }
    }
    (best, others)
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
