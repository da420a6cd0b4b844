//! The post an official held on the document's date.

use crate::date::Date;
use crate::mention::{Mention, RoleInfo};
use crate::model::{role_rank, role_title, Entity, EntityKind, Gazetteer, Post};

/// Sets the post of official `m`: the one held on `date` (else, without a date, the latest)
/// that best fits the context (`ctx_state`, `ctx_role`), then the most senior (a head of
/// state's post before the commander-in-chief's or a party post held with it; the head of
/// state's before the head of government's, which [`also_roles`] then names), then the
/// one that started last, then the one listed first (the default gazetteer lists a
/// monarch's own realm before those where a governor-general represents him).
///
/// The text's own title decides where the data says nothing better: when a specific title
/// ("Foreign Minister", "President") with its state comes before the name and the person
/// holds no post of that state that day, or only a coarse one, the role is the title's, with
/// no post record. After "former" (`former`), the post is the latest one of that role that
/// ended before the date; the role is marked `former` and claims no current post.
///
/// Returns what the context decided, for [`Matcher::explain`](crate::Matcher::explain):
/// `role_from_title`, `post_of_title` (a post of the title's role), `post_of_state` (a
/// post of the state before), or nothing.
pub(super) fn set_post<'m>(
    g: &'m Gazetteer,
    m: &mut Mention<'m>,
    date: Option<Date>,
    ctx_state: Option<&'m Entity>,
    ctx_role: Option<&'m str>,
    former: bool,
) -> Option<&'static str> {
    let e = m.entity;
    let fits = |p: &crate::model::Post| {
        (ctx_state.is_some_and(|s| s.id == p.of), ctx_role.is_some_and(|r| r == p.role))
    };
    m.date_checked = date.is_some();
    let post =
        if former {
            e.posts
                .iter()
                .filter(|p| date.is_none_or(|d| p.end.is_some_and(|x| x < d)))
                .filter(|p| ctx_role.is_none_or(|r| r == p.role || !specific(r)))
                .max_by_key(|p| (fits(p), p.end, role_rank(&p.role)))
        } else {
            match date {
                // `rev`: of posts that tie, `max_by_key` keeps the last, here the first listed.
                Some(d) => e.posts.iter().rev().filter(|p| p.held_on(d)).max_by_key(|p| {
                    (fits(p), role_rank(&p.role), p.role == "head_of_state", p.start)
                }),
                None => e.posts.iter().rev().max_by_key(|p| {
                    let hos = p.role == "head_of_state";
                    (fits(p), p.end.is_none(), p.end, role_rank(&p.role), hos, p.start)
                }),
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
            also: Vec::new(),
        });
        m.state = ctx_state.filter(|s| s.kind == EntityKind::State);
        return Some("role_from_title");
    }
    let p = post?;
    let of = g.get(&p.of);
    m.role = Some(RoleInfo {
        key: &p.role,
        title: p.title.as_deref().or(role_title(&p.role)).unwrap_or(&p.role),
        of,
        post: Some(p),
        former,
        also: also_roles(e, p, date.filter(|_| !former)),
    });
    m.state = of.filter(|s| s.kind == EntityKind::State);
    match fits(p) {
        (_, true) => Some("post_of_title"),
        (true, false) => Some("post_of_state"),
        (false, false) => None,
    }
}

/// The other role keys that post `p` of `e` gives under the same title ("President of
/// Kenya" as head of state and head of government): posts of the same state or
/// organization with the same title whose dates overlap `p`'s (and that are held on
/// `date`, when given), each key once, in the data's order.
pub(super) fn also_roles<'g>(e: &'g Entity, p: &'g Post, date: Option<Date>) -> Vec<&'g str> {
    let Some(title) = p.title.as_deref() else {
        return Vec::new();
    };
    let overlaps = |q: &Post| {
        q.start.is_none_or(|s| p.end.is_none_or(|x| s < x))
            && p.start.is_none_or(|s| q.end.is_none_or(|x| s < x))
    };
    let mut out: Vec<&'g str> = Vec::new();
    for q in &e.posts {
        if q.role != p.role
            && q.of == p.of
            && q.title.as_deref() == Some(title)
            && overlaps(q)
            && date.is_none_or(|d| q.held_on(d))
            && !out.contains(&q.role.as_str())
        {
            out.push(&q.role);
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn person(posts: &str) -> Entity {
        serde_json::from_str(&format!(
            r#"{{"id": "person:x", "kind": "official", "name": "X", "posts": {posts}}}"#
        ))
        .unwrap()
    }

    fn day(s: &str) -> Date {
        Date::parse_start(s).unwrap()
    }

    #[test]
    fn one_title_for_two_roles_says_both() {
        let e = person(
            r#"[{"role": "head_of_state", "of": "state:KEN", "title": "President of Kenya", "start": "2022-09-13"},
                {"role": "head_of_government", "of": "state:KEN", "title": "President of Kenya", "start": "2022-09-13"},
                {"role": "military_chief", "of": "state:KEN", "title": "Commander-in-Chief", "start": "2022-09-13"},
                {"role": "head_of_government", "of": "state:UGA", "title": "President of Kenya", "start": "2022-09-13"}]"#,
        );
        let hos = &e.posts[0];
        assert_eq!(also_roles(&e, hos, Some(day("2024-01-01"))), ["head_of_government"]);
        assert_eq!(also_roles(&e, hos, None), ["head_of_government"]);
        // Before the post began, nothing is held that day.
        assert!(also_roles(&e, hos, Some(day("2020-01-01"))).is_empty());
        // Another title (commander-in-chief) or another state is not the same post.
        assert_eq!(also_roles(&e, &e.posts[1], None), ["head_of_state"]);
        assert!(also_roles(&e, &e.posts[2], None).is_empty());
    }

    #[test]
    fn posts_that_do_not_overlap_are_not_the_same_post() {
        let e = person(
            r#"[{"role": "head_of_state", "of": "state:TUR", "title": "President", "start": "2014-08-28"},
                {"role": "head_of_government", "of": "state:TUR", "title": "President", "start": "1990-01-01", "end": "2000-01-01"},
                {"role": "head_of_government", "of": "state:TUR", "title": "President", "start": "2018-07-09"}]"#,
        );
        assert_eq!(also_roles(&e, &e.posts[0], None), ["head_of_government"]);
        assert!(also_roles(&e, &e.posts[0], Some(day("2016-01-01"))).is_empty());
        assert!(also_roles(&e, &e.posts[1], None).is_empty());
        // A post with no title names no other role.
        let bare = person(
            r#"[{"role": "head_of_state", "of": "state:TUR"}, {"role": "head_of_government", "of": "state:TUR"}]"#,
        );
        assert!(also_roles(&bare, &bare.posts[0], None).is_empty());
    }
}
