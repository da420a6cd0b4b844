//! The post an official held on the document's date.

use crate::date::Date;
use crate::mention::{Mention, RoleInfo};
use crate::model::{role_rank, role_title, Entity, EntityKind, Gazetteer};

/// Sets the post of official `m`: the one held on `date` (else, without a date, the latest)
/// that best fits the context (`ctx_state`, `ctx_role`), then the most senior (a head of
/// state's post before the commander-in-chief's or a party post held with it), then the
/// one that started last.
pub(super) fn set_post<'m>(
    g: &'m Gazetteer,
    m: &mut Mention<'m>,
    date: Option<Date>,
    ctx_state: Option<&'m Entity>,
    ctx_role: Option<&str>,
) {
    let e = m.entity;
    let fits = |p: &crate::model::Post| {
        (ctx_state.is_some_and(|s| s.id == p.of), ctx_role.is_some_and(|r| r == p.role))
    };
    let post = match date {
        Some(d) => {
            m.date_checked = true;
            e.posts
                .iter()
                .filter(|p| p.held_on(d))
                .max_by_key(|p| (fits(p), role_rank(&p.role), p.start))
        }
        None => e
            .posts
            .iter()
            .max_by_key(|p| (fits(p), p.end.is_none(), p.end, role_rank(&p.role), p.start)),
    };
    if let Some(p) = post {
        let of = g.get(&p.of);
        m.role = Some(RoleInfo {
            key: &p.role,
            title: p.title.as_deref().or(role_title(&p.role)).unwrap_or(&p.role),
            of,
            post: Some(p),
        });
        m.state = of.filter(|s| s.kind == EntityKind::State);
    }
}

/// Days between `date` and the nearest post of `e` (0 when a post is held that day; a very
/// large number when it has no post).
pub(super) fn post_distance(e: &Entity, date: Date) -> i64 {
    let d = date.days();
    e.posts
        .iter()
        .map(|p| {
            let before = p.start.map_or(0, |s| (s.days() - d).max(0));
            let after = p.end.map_or(0, |x| (d - x.days()).max(0));
            before + after
        })
        .min()
        .unwrap_or(i64::MAX / 4)
}

/// The seniority of the most senior post `e` held on `date` (0 when none, or only coarse).
pub(super) fn rank_on(e: &Entity, date: Date) -> u8 {
    e.posts.iter().filter(|p| p.held_on(date)).map(|p| role_rank(&p.role)).max().unwrap_or(0)
}
