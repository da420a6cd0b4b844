//! The post an official held on the document's date.

use crate::date::Date;
use crate::mention::{Mention, RoleInfo};
use crate::model::{role_rank, role_title, Entity, EntityKind, Gazetteer};

/// Sets the post of official `m`: the one held on `date` (else, without a date, the latest)
/// that best fits the context (`ctx_state`, `ctx_role`), then the most senior (a head of
/// state's post before the commander-in-chief's or a party post held with it), then the
/// one that started last.
///
/// The text's own title decides where the data says nothing better: when a specific title
/// ("Foreign Minister", "President") with its state comes before the name and the person
/// holds no post of that state that day, or only a coarse one, the role is the title's, with
/// no post record. After "former" (`former`), the post is the latest one of that role that
/// ended before the date; the role is marked `former` and claims no current post.
pub(super) fn set_post<'m>(
    g: &'m Gazetteer,
    m: &mut Mention<'m>,
    date: Option<Date>,
    ctx_state: Option<&'m Entity>,
    ctx_role: Option<&'m str>,
    former: bool,
) {
    let e = m.entity;
    let fits = |p: &crate::model::Post| {
        (ctx_state.is_some_and(|s| s.id == p.of), ctx_role.is_some_and(|r| r == p.role))
    };
    m.date_checked = date.is_some();
    let post = if former {
        e.posts
            .iter()
            .filter(|p| date.is_none_or(|d| p.end.is_some_and(|x| x < d)))
            .filter(|p| ctx_role.is_none_or(|r| r == p.role || !specific(r)))
            .max_by_key(|p| (fits(p), p.end, role_rank(&p.role)))
    } else {
        match date {
            Some(d) => e
                .posts
                .iter()
                .filter(|p| p.held_on(d))
                .max_by_key(|p| (fits(p), role_rank(&p.role), p.start)),
            None => e
                .posts
                .iter()
                .max_by_key(|p| (fits(p), p.end.is_none(), p.end, role_rank(&p.role), p.start)),
        }
    };
    // The title of the text, where the data has no post of that state that day or only a
    // coarse one.
    let title_decides = |p: Option<&crate::model::Post>| {
        ctx_role.filter(|r| specific(r)).is_some_and(|r| match p {
            None => ctx_state.is_some(),
            Some(p) => p.role != r && role_rank(&p.role) == 0 && fits(p).0,
        })
    };
    if title_decides(post) {
        let key = ctx_role.unwrap_or("other");
        m.role = Some(RoleInfo {
            key,
            title: role_title(key).unwrap_or(key),
            of: ctx_state,
            post: None,
            former,
        });
        m.state = ctx_state.filter(|s| s.kind == EntityKind::State);
    } else if let Some(p) = post {
        let of = g.get(&p.of);
        m.role = Some(RoleInfo {
            key: &p.role,
            title: p.title.as_deref().or(role_title(&p.role)).unwrap_or(&p.role),
            of,
            post: Some(p),
            former,
        });
        m.state = of.filter(|s| s.kind == EntityKind::State);
    }
}

/// Whether a role key names a post (not a coarse role or "minister" of any portfolio).
fn specific(key: &str) -> bool {
    key != "minister" && role_rank(key) > 0
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
