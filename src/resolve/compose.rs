//! Appositions: "[official], [title] of [the] [state|org]".

use crate::decision::{decision, Action, Pass};
use crate::mention::Mention;
use crate::model::{AliasKind, EntityKind};

use super::posts::set_post;
use super::{of_gap, Context};

/// "<official>, <title> of <state|org>": the title's state or organization is the
/// official's; re-pick the post with that knowledge.
pub(super) fn appositions<'m>(cx: &mut Context<'m, '_>, text: &str, out: &mut [Mention<'m>]) {
    let date = cx.date;
    for i in 0..out.len() {
        // The role first: it is inline, the entity's kind is behind a pointer (a cache
        // miss per mention on a long text).
        if out[i].role.is_none() || out[i].entity.kind != EntityKind::Role {
            continue;
        }
        // Title followed by "of [the] <state|org>".
        let of = out.get(i + 1).filter(|n| {
            matches!(n.entity.kind, EntityKind::State | EntityKind::Organization)
                // "President of the French Maize Producers": a demonym after "of" begins
                // the name of something else.
                && n.matched_by != AliasKind::Demonym
                && of_gap(&text[out[i].span.end..n.span.start])
        });
        let Some(of) = of.map(|n| n.entity) else { continue };
        if let Some(r) = out[i].role.as_mut() {
            r.of = Some(of);
        }
        out[i].state = Some(of).filter(|s| s.kind == EntityKind::State);
        let (span, title) = (out[i].span, out[i].entity);
        cx.log.note(|| decision(text, span, title, Pass::Compose, Action::Annotate, "title_of"));
        // Preceded by "<official>,".
        if i > 0 && out[i - 1].entity.kind == EntityKind::Official {
            let gap = text[out[i - 1].span.end..out[i].span.start].trim();
            if gap == "," {
                let title: &'m crate::model::Entity = out[i].entity;
                let key = title.role.as_deref();
                let former = out[i].role.as_ref().is_some_and(|r| r.former);
                let (a, _) = out.split_at_mut(i);
                let person = &mut a[i - 1];
                if let Some(reason) = set_post(cx.gazetteer, person, date, Some(of), key, former) {
                    let (span, e) = (person.span, person.entity);
                    cx.log
                        .note(|| decision(text, span, e, Pass::Compose, Action::Annotate, reason));
                }
            }
        }
    }
}
