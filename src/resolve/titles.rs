//! Titles to holders: a title with a state and no name becomes the official who held the
//! post on the date.

use rustc_hash::FxHashMap;

use crate::decision::{decision, Action, Decision, Log, Pass};
use crate::mention::{Mention, RoleInfo};
use crate::model::{role_title, AliasKind, Entity, EntityKind, Gazetteer};
use crate::Date;

use super::Context;

/// (index of the role key in `ROLE_KEYS`, index of the state or organization) →
/// (official, post index) of every post.
pub(crate) type Holders = FxHashMap<(u32, u32), Vec<(u32, u32)>>;

fn role_index(key: &str) -> Option<u32> {
    crate::model::ROLE_KEYS.iter().position(|(k, _)| *k == key).map(|i| i as u32)
}

fn index_holders(g: &Gazetteer) -> Holders {
    let mut out = Holders::default();
    let mut of_cache: FxHashMap<&str, Option<u32>> = FxHashMap::default();
    for (ei, e) in g.entities().iter().enumerate() {
        for (pi, p) in e.posts.iter().enumerate() {
            let of = *of_cache.entry(&p.of).or_insert_with(|| g.position(&p.of).map(|i| i as u32));
            if let (Some(of), Some(role)) = (of, role_index(&p.role)) {
                out.entry((role, of)).or_default().push((ei as u32, pi as u32));
            }
        }
    }
    out
}

/// Whether the title of a post begins with `word` (one word, any case): "Chancellor of the
/// Exchequer" begins with "chancellor", "Lord Chancellor" does not.
fn title_begins(post_title: Option<&str>, word: &str) -> bool {
    post_title.is_some_and(|t| {
        t.split(|c: char| !c.is_alphanumeric()).next().is_some_and(|w| w.eq_ignore_ascii_case(word))
    })
}

/// The role key that the one-word `title` (the caller checks it is one word) means for `of` on `d`, when it is not `role`: no
/// post of `role` of `of` (held that day or ever) has a title beginning with it, and posts
/// of other roles held that day do ("the British chancellor" is the Chancellor of the Exchequer, not the prime
/// minister). Among several such roles the most senior wins ("Chancellor of the Duchy of
/// Lancaster" is a lesser minister); a tie decides nothing.
fn other_post_titled(
    cx: &mut Context<'_, '_>,
    title: &str,
    role: &str,
    of: &str,
    d: crate::date::Date,
) -> Option<&'static str> {
    let g = cx.gazetteer;
    let of_idx = g.position(of)? as u32;
    let holders = cx.holders.get_or_init(|| index_holders(g));
    // `on`: only posts held that day; else any post of the role there, ever.
    let uses = |key_idx: usize, on: Option<crate::date::Date>| {
        holders.get(&(key_idx as u32, of_idx)).into_iter().flatten().any(|&(e, p)| {
            let post = &g.entities()[e as usize].posts[p as usize];
            on.is_none_or(|d| post.held_on(d)) && title_begins(post.title.as_deref(), title)
        })
    };
    let own = role_index(role)? as usize;
    // A title the role's own posts there have ever used keeps its role, held that day or
    // not: "the Haitian president" while the presidency is vacant is not the Senate's.
    if uses(own, None) {
        return None;
    }
    let uses = |key_idx: usize| uses(key_idx, Some(d));
    let found: Vec<&'static str> = crate::model::ROLE_KEYS
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != own && uses(k))
        .map(|(_, (key, _))| *key)
        .collect();
    let top = found.iter().map(|k| crate::model::role_rank(k)).max()?;
    let mut best = found.into_iter().filter(|k| crate::model::role_rank(k) == top);
    match (best.next(), best.next()) {
        (Some(key), None) => Some(key),
        _ => None,
    }
}

/// A title with a state and no name after it ("the Turkish foreign minister") becomes
/// a mention of whoever held that post on the date, when exactly one did and the data
/// knows the post was held then (it had ended, or its source confirms it up to the date or
/// later). Otherwise a stale holder is only a candidate of the role mention.
pub(super) fn titles_to_holders<'m>(cx: &mut Context<'m, '_>, text: &str, out: &mut [Mention<'m>]) {
    let Some(d) = cx.date else { return };
    let g = cx.gazetteer;
    // Per piece, what each post's holders on the date are and what each one-word title
    // means: many titles of one post with many holders stay linear.
    let mut memo: FxHashMap<(u32, u32), Vec<(u32, u32)>> = FxHashMap::default();
    let mut titled: FxHashMap<(String, &str, &str), Option<&'static str>> = FxHashMap::default();
    for i in 0..out.len() {
        let m = &out[i];
        if m.role.is_none() || m.entity.kind != EntityKind::Role {
            continue;
        }
        let Some(role) = m.role.as_ref() else { continue };
        let Some(of) = role.of else { continue };
        if role.former {
            continue; // "the former British prime minister": many people, none current
        }
        // "the British chancellor": a one-word title that the state's posts of this role
        // never use but one other post of the state does ("Chancellor of the Exchequer")
        // names that post.
        let one_word = !m.text.contains(|c: char| !c.is_alphanumeric());
        let other = if one_word {
            let asked = (m.text.to_lowercase(), role.key, of.id.as_str());
            match titled.get(&asked) {
                Some(&k) => k,
                None => {
                    let k = other_post_titled(cx, &m.text, role.key, &of.id, d);
                    titled.insert(asked, k);
                    k
                }
            }
        } else {
            None
        };
        if let Some(key) = other {
            if let Some(role_entity) = g.get(&format!("role:{key}")) {
                let (span, title) = (m.span, m.entity);
                cx.log.note(|| Decision {
                    to: Some(role_entity),
                    ..decision(
                        text,
                        span,
                        title,
                        Pass::Titles,
                        Action::Relink,
                        "title_of_other_post",
                    )
                });
                let m = &mut out[i];
                m.entity = role_entity;
                if let Some(r) = m.role.as_mut() {
                    r.key = key;
                }
            }
        }
        let m = &out[i];
        let Some(role) = m.role.as_ref() else { continue };
        let named = out.get(i + 1).is_some_and(|n| {
            n.entity.kind == EntityKind::Official && {
                let gap = text[m.span.end..n.span.start].trim();
                gap.is_empty() || gap == ","
            }
        });
        // "<name>, <title>" or "<name>, <state>'s <title>" / "<name>, the <state> <title>".
        let official_then = |j: usize, end: usize| {
            let p = &out[j];
            let gap = text[p.span.end..end].trim();
            p.entity.kind == EntityKind::Official && (gap == "," || gap == ", the")
        };
        let before_name = (i > 0 && official_then(i - 1, m.span.start))
            || (i > 1 && {
                let s = &out[i - 1];
                matches!(s.entity.kind, EntityKind::State | EntityKind::Organization)
                    && super::adjacent(&text[s.span.end..m.span.start])
                    && official_then(i - 2, s.span.start)
            });
        if named || before_name {
            continue;
        }
        let Some(of_idx) = g.position(&of.id) else { continue };
        let holders = cx.holders.get_or_init(|| index_holders(g));
        let Some(role_idx) = role_index(role.key) else { continue };
        let on = memo.entry((role_idx, of_idx as u32)).or_insert_with(|| {
            holders
                .get(&(role_idx, of_idx as u32))
                .into_iter()
                .flatten()
                .copied()
                .filter(|&(e, p)| g.entities()[e as usize].posts[p as usize].held_on(d))
                .collect()
        });
        // Only a post known to be held that day: closed (its end is known), or confirmed by
        // its source on or after the day. A wrong person is worse than none: an open post
        // past its confirmation leaves the title unresolved, its holder as a candidate.
        let (span, title) = (m.span, m.entity);
        let note =
            |log: &mut Log<'m>, action: Action, to: Option<&'m Entity>, reason: &'static str| {
                log.note(|| Decision {
                    to,
                    ..decision(text, span, title, Pass::Titles, action, reason)
                })
            };
        let Some((e, p)) = one_holder(g, on, d) else {
            let reason = if on.is_empty() { "no_holder_on_date" } else { "several_holders" };
            note(cx.log, Action::Annotate, None, reason);
            continue;
        };
        let (e, p) = (&e, &p);
        {
            let person = &g.entities()[*e as usize];
            let post = &person.posts[*p as usize];
            if post.end.is_none() && post.confirmed.is_none_or(|c| c < d) {
                note(cx.log, Action::Annotate, Some(person), "holder_not_confirmed");
                let m = &mut out[i];
                m.candidates = vec![person];
                m.more_candidates = 0;
                m.date_checked = true;
                continue;
            }
            note(cx.log, Action::Relink, Some(person), "holder_on_date");
            cx.seen.insert(*e);
            let m = &mut out[i];
            m.entity = person;
            m.matched_by = AliasKind::Title;
            m.role = Some(RoleInfo {
                key: &post.role,
                title: post.title.as_deref().or(role_title(&post.role)).unwrap_or(&post.role),
                of: Some(of),
                post: Some(post),
                former: false,
                also: super::posts::also_roles(person, post, Some(d)),
            });
            m.state = Some(of).filter(|s| s.kind == EntityKind::State);
            m.date_checked = true;
        }
    }
}

/// The one holder among the posts held on `d`: one person (who may hold the post twice,
/// from two sources or two terms: the post known to be held that day is taken, else the
/// latest confirmed), or the one person whose post is known to be held that day when the
/// others' are open past their confirmation (a stale snapshot's holder, Libya's rival
/// prime minister of 2022, does not make a 2025 title ambiguous). `None` for nobody or
/// several.
fn one_holder(g: &Gazetteer, on: &[(u32, u32)], d: Date) -> Option<(u32, u32)> {
    let post = |&(e, p): &(u32, u32)| &g.entities()[e as usize].posts[p as usize];
    let known = |x: &(u32, u32)| {
        let q = post(x);
        q.end.is_some() || q.confirmed.is_some_and(|c| c >= d)
    };
    let best = |xs: &mut dyn Iterator<Item = &(u32, u32)>| {
        xs.max_by_key(|x| (known(x), post(x).confirmed, std::cmp::Reverse(x.1))).copied()
    };
    let first = on.first()?;
    if on.iter().all(|x| x.0 == first.0) {
        return best(&mut on.iter());
    }
    let mut fresh = on.iter().filter(|x| known(x));
    let f = *fresh.next()?;
    if fresh.all(|x| x.0 == f.0) {
        return best(&mut on.iter().filter(|x| x.0 == f.0 && known(x)));
    }
    None
}
