//! [`Decision`]: why a candidate was dropped, relinked, added or annotated (see
//! [`Matcher::explain`](crate::Matcher::explain)).

use crate::mention::Span;
use crate::model::Entity;

/// What a resolution pass did to a candidate mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Action {
    /// The candidate is not a mention (it is not in the output).
    Drop,
    /// The candidate now links to another entity ([`Decision::to`]).
    Relink,
    /// The pass added a mention the scan did not find (a person the gazetteer does not
    /// know, named after a title).
    Add,
    /// The mention stays, with something added or withheld: a post left unresolved, a
    /// place read as an actor, a state or organization taken from an apposition.
    Annotate,
}

impl Action {
    /// The lower-case name used in output (`drop`, `relink`, `add`, `annotate`).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Drop => "drop",
            Action::Relink => "relink",
            Action::Add => "add",
            Action::Annotate => "annotate",
        }
    }
}

/// The resolution pass that took a decision, in pipeline order (see the `resolve` module
/// and `docs/design.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Pass {
    /// Which entity a candidate stands for (surnames alone, names valid on the date).
    Pick,
    /// A state or title right before an official or a title.
    Context,
    /// Appositions: "\[official\], \[title\] of \[the\] \[state|org\]".
    Compose,
    /// People the gazetteer does not know, named after a title, and their later surnames.
    Newcomers,
    /// A title with a state and no name: the holder of the post on the date.
    Titles,
    /// State words inside longer names or people's names; places as actors.
    Readings,
}

impl Pass {
    /// The lower-case name used in output (`pick`, `context`, `compose`, `newcomers`,
    /// `titles`, `readings`).
    pub fn as_str(self) -> &'static str {
        match self {
            Pass::Pick => "pick",
            Pass::Context => "context",
            Pass::Compose => "compose",
            Pass::Newcomers => "newcomers",
            Pass::Titles => "titles",
            Pass::Readings => "readings",
        }
    }
}

/// One decision of a resolution pass about one candidate, for debugging: which pass, what
/// it did, and a short machine-readable reason (the reasons are listed in
/// `docs/design.md`, "Explaining decisions").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision<'g> {
    /// The candidate's span, in bytes of the original text.
    pub span: Span,
    /// The candidate's text (`&text[span]`).
    pub text: String,
    /// The entity the candidate was linked to when the pass saw it (for [`Action::Add`],
    /// the added mention's: [`Entity::nil`] for a person the gazetteer does not know).
    pub entity: &'g Entity,
    /// For [`Action::Relink`]: the entity it links to now; for [`Action::Annotate`] of an
    /// unresolved title, the holder left as a candidate.
    pub to: Option<&'g Entity>,
    /// What the pass did.
    pub action: Action,
    /// Which pass.
    pub pass: Pass,
    /// Why, as a `snake_case` word (`inside_longer_name`, `holder_not_confirmed`, …).
    pub reason: &'static str,
}

impl Decision<'_> {
    /// The decision as a JSON object (what `geopol extract --explain` prints): code-point
    /// `start`/`end` (computed with `offsets`, built over the same text), byte offsets,
    /// text, the candidate's `kind` and `id` (null for a person the gazetteer does not
    /// know), `to`, `action`, `pass` and `reason`.
    pub fn to_json(&self, offsets: &crate::CharOffsets) -> serde_json::Value {
        let id = |e: &Entity| (!e.id.is_empty()).then(|| e.id.clone());
        serde_json::json!({
            "start": offsets.char_offset(self.span.start),
            "end": offsets.char_offset(self.span.end),
            "byte_start": self.span.start,
            "byte_end": self.span.end,
            "text": self.text,
            "kind": self.entity.kind.as_str(),
            "id": id(self.entity),
            "to": self.to.and_then(id),
            "action": self.action.as_str(),
            "pass": self.pass.as_str(),
            "reason": self.reason,
        })
    }
}

/// The decisions of the passes over one document, when they are asked for; when not, every
/// note is a no-op that builds nothing.
#[derive(Debug, Default)]
pub(crate) struct Log<'g> {
    decisions: Option<Vec<Decision<'g>>>,
    /// Where the paragraph the passes see starts in the text: their spans are moved by it.
    pub(crate) base: usize,
}

impl<'g> Log<'g> {
    /// A log that keeps what it is told.
    pub(crate) fn recording() -> Log<'g> {
        Log { decisions: Some(Vec::new()), base: 0 }
    }

    /// Records the decision `f` builds, when recording.
    #[inline]
    pub(crate) fn note(&mut self, f: impl FnOnce() -> Decision<'g>) {
        if let Some(v) = &mut self.decisions {
            let mut d = f();
            d.span.start += self.base;
            d.span.end += self.base;
            v.push(d);
        }
    }

    /// The decisions recorded so far, leaving the log empty (and still recording).
    pub(crate) fn take(&mut self) -> Vec<Decision<'g>> {
        self.decisions.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// The decisions recorded, in the order the passes took them.
    pub(crate) fn into_decisions(self) -> Vec<Decision<'g>> {
        self.decisions.unwrap_or_default()
    }
}

/// A decision about `span` of `text`.
pub(crate) fn decision<'g>(
    text: &str,
    span: Span,
    entity: &'g Entity,
    pass: Pass,
    action: Action,
    reason: &'static str,
) -> Decision<'g> {
    Decision {
        span,
        text: text[span.start..span.end].to_string(),
        entity,
        to: None,
        action,
        pass,
        reason,
    }
}
