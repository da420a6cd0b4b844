//! The case policy: whether a text's case fits an alias entry.

use crate::date::Date;
use crate::fold;
use crate::model::{AliasKind, CasePolicy, Entity};

use super::vocab::Entry;

/// The text, kind, explicit case policy and dates of form `ai` of `e`: 0 for its name,
/// i + 1 for `aliases[i]`.
pub(crate) fn alias_form(
    e: &Entity,
    ai: u32,
) -> (&str, AliasKind, Option<CasePolicy>, Option<Date>, Option<Date>) {
    match ai {
        0 => (e.name.as_str(), e.name_kind(), None, None, None),
        i => {
            let a = &e.aliases[i as usize - 1];
            (a.text.as_str(), a.kind, a.case, a.start, a.end)
        }
    }
}

/// True when `surface` (the text matched) passes the case policy of `e`.
pub(crate) fn case_ok(e: &Entry, surface: &str) -> bool {
    match e.case {
        CasePolicy::Any => true,
        CasePolicy::Capitalized => {
            surface.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)
        }
        CasePolicy::Exact | CasePolicy::ExactWord => {
            let want = e.exact.as_deref().unwrap_or("");
            // Most surfaces are ASCII ("U.S.", "UN"), which fold to themselves: compare
            // without building the folded copy. A mismatch still takes the full path below.
            if surface.is_ascii()
                && surface.bytes().filter(|b| !b.is_ascii_whitespace()).eq(want.bytes())
            {
                return true;
            }
            let mut got = String::with_capacity(want.len());
            for c in surface.chars().filter(|c| !c.is_whitespace()) {
                fold::fold_char_keep_case(c, &mut got);
                if got.len() > want.len() {
                    return false;
                }
            }
            // Typographic punctuation in the text still matches plain punctuation.
            got == want || {
                let norm = |s: &str| {
                    let mut o = String::new();
                    for c in s.chars() {
                        if c.is_alphanumeric() {
                            o.push(c);
                        } else {
                            fold::fold_char(c, &mut o);
                        }
                    }
                    o
                };
                norm(&got) == norm(want)
            }
        }
    }
}
