//! [`Mention`]: what extraction returns.

use crate::model::{AliasKind, Entity, EntityKind, Post};

/// A half-open span of **byte** offsets into the original text.
///
/// Both ends always lie on UTF-8 character boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// The span's length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// The post a mentioned official held, or the role a title names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleInfo<'g> {
    /// The role key (`foreign_minister`, ...).
    pub key: &'g str,
    /// The title: the post's own title when the source gives one, else the role key's
    /// default title.
    pub title: &'g str,
    /// The state or organization of the post, when known.
    pub of: Option<&'g Entity>,
    /// The post record, for an official (none when the post comes from the text's own
    /// title, e.g. for a person the gazetteer does not know).
    pub post: Option<&'g Post>,
    /// True when the text says the post is a past one ("former foreign minister X",
    /// "ex-President Y"): it claims no current post.
    pub former: bool,
    /// The other roles the same post gives its holder, from the data: a president of a
    /// presidential system is head of state and head of government ("President of Kenya"
    /// is both), so a mention with `key` `head_of_state` has `head_of_government` here.
    /// Other posts of the same person with other titles (commander-in-chief, party
    /// leader) are never listed. Empty for a role from the text's title alone.
    pub also: Vec<&'g str>,
}

/// What a place stands for when the text uses it as an actor ("Moscow said", "backed by
/// Baghdad", "Brussels" for the EU institutions): a state's (or an organization's)
/// government.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StandsFor<'g> {
    /// The state (or organization) whose government the place stands for.
    pub entity: &'g Entity,
    /// The sector, as in CAMEO: `GOV` for the government.
    pub sector: &'static str,
    /// The cue that decided it (`subject_of_verb`, `possessive_governance`,
    /// `x_government`, `backed_by`, `x_led`), for debugging and explanations.
    pub cue: &'static str,
}

/// One mention of an entity in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention<'g> {
    /// Where the mention is, in bytes of the original text.
    pub span: Span,
    /// The mentioned text, exactly as it is in the original (`&text[span]`).
    pub text: String,
    /// The entity the mention is linked to. For a person the gazetteer does not know, named
    /// after a title ("Ukrainian Foreign Minister Andrii Sybiha" with no Sybiha in the
    /// gazetteer), the placeholder [`Entity::nil`] (an official with an empty id): see
    /// [`Mention::is_nil`], [`Mention::id`] and [`Mention::name`].
    pub entity: &'g Entity,
    /// How it matched: the kind of the alias, or [`AliasKind::Surname`] for a surname
    /// resolved by document context.
    pub matched_by: AliasKind,
    /// For an official: the post held on the document date (or the latest post when no
    /// date was given). For a role title: the role, with its state when the text says it.
    pub role: Option<RoleInfo<'g>>,
    /// For an official or role: the state the post belongs to, when it is a state's. For a
    /// place: the state it lies in.
    pub state: Option<&'g Entity>,
    /// For a place used as an actor ("Moscow said"): the government it stands for.
    pub stands_for: Option<StandsFor<'g>>,
    /// Other entities the same text could stand for, when the link is uncertain (empty
    /// when there was only one): the best ten at most, best first, ranked as the linked
    /// entity was chosen (named earlier in the document, valid on the date, the kind of
    /// alias, the post nearest the date, the most senior post).
    pub candidates: Vec<&'g Entity>,
    /// How many more entities the text could stand for than `candidates` lists: 0 unless
    /// more than ten others share the alias (a surname thousands of officials have).
    pub more_candidates: usize,
    /// True when a document date was given and the role was checked against it.
    pub date_checked: bool,
    /// For a person the gazetteer does not know ([`Mention::is_nil`]): the name as the
    /// text gave it in full ("Wanjiku Odhiambo", also on a later "Odhiambo").
    pub unknown_name: Option<String>,
}

impl Mention<'_> {
    /// The kind of the linked entity.
    pub fn kind(&self) -> EntityKind {
        self.entity.kind
    }

    /// True when the mention names a person the gazetteer does not know ("NIL" in entity
    /// linking): an official mention with a role and state taken from the text's own title,
    /// and no entity id.
    ///
    /// ```
    /// use geopol::Matcher;
    /// let m = Matcher::default();
    /// let text = "Kenyan Foreign Minister Wanjiku Odhiambo-Kariuki arrived in Oslo.";
    /// let nil = m.extract(text, None).into_iter().find(|x| x.is_nil()).unwrap();
    /// assert_eq!((nil.text.as_str(), nil.id()), ("Wanjiku Odhiambo-Kariuki", None));
    /// assert_eq!(nil.role.as_ref().unwrap().key, "foreign_minister");
    /// assert_eq!(nil.state.unwrap().id, "state:KEN");
    /// ```
    pub fn is_nil(&self) -> bool {
        self.entity.id.is_empty()
    }

    /// The id of the linked entity; `None` for a person the gazetteer does not know.
    pub fn id(&self) -> Option<&str> {
        (!self.is_nil()).then_some(self.entity.id.as_str())
    }

    /// The entity's canonical name; for a person the gazetteer does not know, the name as
    /// the text first gave it in full.
    pub fn name(&self) -> &str {
        match &self.unknown_name {
            Some(n) if self.is_nil() => n,
            _ if self.is_nil() => &self.text,
            _ => &self.entity.name,
        }
    }
}

impl Mention<'_> {
    /// The mention as the "Mention JSON" object of `DESIGN.md` (what `geopol extract
    /// --format jsonl` prints): code-point `start`/`end` (computed with `offsets`, built
    /// over the same text), byte offsets, text, kind, id, name, matched_by, codes, role,
    /// state, stands_for, candidates, more_candidates and date_checked.
    ///
    /// ```
    /// use geopol::{CharOffsets, Matcher};
    /// let m = Matcher::default();
    /// let text = "Çavuşoğlu flew to Ankara.";
    /// let found = m.extract(text, None);
    /// let ankara = found.iter().find(|x| x.text == "Ankara").unwrap();
    /// let json = ankara.to_json(&CharOffsets::new(text));
    /// assert_eq!(json["start"], 18);
    /// assert_eq!(json["byte_start"], 21);
    /// assert_eq!(json["kind"], "place");
    /// assert_eq!(json["state"], "state:TUR");
    /// ```
    pub fn to_json(&self, offsets: &crate::CharOffsets) -> serde_json::Value {
        use serde_json::{json, Map, Value};
        let e = self.entity;
        let codes: Map<String, Value> =
            e.codes.iter().map(|(k, v)| (k.to_string(), Value::from(v))).collect();
        let role = self.role.as_ref().map(|r| {
            // Always the same keys: `start`/`end` are null for a bare title (no post record)
            // as for a post with no known start or end.
            let day = |d: Option<crate::Date>| d.map(|d| d.to_string());
            json!({
                "key": r.key,
                "title": r.title,
                "of": r.of.map(|x| x.id.as_str()),
                "of_name": r.of.map(|x| x.name.as_str()),
                "former": r.former,
                "also": r.also,
                "start": day(r.post.and_then(|p| p.start)),
                "end": day(r.post.and_then(|p| p.end)),
            })
        });
        json!({
            "start": offsets.char_offset(self.span.start),
            "end": offsets.char_offset(self.span.end),
            "byte_start": self.span.start,
            "byte_end": self.span.end,
            "text": self.text,
            "kind": e.kind.as_str(),
            "id": self.id(),
            "name": self.name(),
            "matched_by": self.matched_by.as_str(),
            "codes": codes,
            "role": role,
            "state": self.state.map(|s| s.id.as_str()),
            "stands_for": self.stands_for.as_ref().map(StandsFor::to_json),
            "candidates": self.candidates.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            "more_candidates": self.more_candidates,
            "date_checked": self.date_checked,
        })
    }
}

impl Mention<'_> {
    /// Appends the mention's JSON object to `buf`: the same bytes as
    /// `serde_json::to_string(&self.to_json(offsets))` (keys in alphabetical order), written
    /// directly, without building a `serde_json::Value` (what `geopol extract --format
    /// jsonl` prints, one object a line).
    ///
    /// ```
    /// use geopol::{CharOffsets, Matcher};
    /// let m = Matcher::default();
    /// let text = "Çavuşoğlu flew to Ankara.";
    /// let offsets = CharOffsets::new(text);
    /// for x in m.extract(text, None) {
    ///     let mut buf = Vec::new();
    ///     x.write_json(&offsets, &mut buf);
    ///     assert_eq!(buf, serde_json::to_vec(&x.to_json(&offsets)).unwrap());
    /// }
    /// ```
    pub fn write_json(&self, offsets: &crate::CharOffsets, buf: &mut Vec<u8>) {
        let e = self.entity;
        let mut num = itoa::Buffer::new();
        let mut int = |buf: &mut Vec<u8>, key: &str, n: usize| {
            buf.extend_from_slice(key.as_bytes());
            buf.extend_from_slice(num.format(n).as_bytes());
        };
        int(buf, "{\"byte_end\":", self.span.end);
        int(buf, ",\"byte_start\":", self.span.start);
        buf.extend_from_slice(b",\"candidates\":[");
        for (i, c) in self.candidates.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            json_str(buf, &c.id);
        }
        buf.extend_from_slice(b"],\"codes\":{");
        let mut codes: [(&str, &str); 6] = [("", ""); 6];
        let mut n = 0;
        for kv in e.codes.iter() {
            codes[n] = kv;
            n += 1;
        }
        let codes = &mut codes[..n];
        codes.sort_unstable_by_key(|&(k, _)| k);
        for (i, (k, v)) in codes.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            json_str(buf, k);
            buf.push(b':');
            json_str(buf, v);
        }
        buf.extend_from_slice(b"},\"date_checked\":");
        buf.extend_from_slice(if self.date_checked { b"true" } else { b"false" });
        int(buf, ",\"end\":", offsets.char_offset(self.span.end));
        buf.extend_from_slice(b",\"id\":");
        opt_str(buf, self.id());
        buf.extend_from_slice(b",\"kind\":");
        json_str(buf, e.kind.as_str());
        buf.extend_from_slice(b",\"matched_by\":");
        json_str(buf, self.matched_by.as_str());
        int(buf, ",\"more_candidates\":", self.more_candidates);
        buf.extend_from_slice(b",\"name\":");
        json_str(buf, self.name());
        buf.extend_from_slice(b",\"role\":");
        match &self.role {
            None => buf.extend_from_slice(b"null"),
            Some(r) => {
                buf.extend_from_slice(b"{\"also\":[");
                for (i, k) in r.also.iter().enumerate() {
                    if i > 0 {
                        buf.push(b',');
                    }
                    json_str(buf, k);
                }
                buf.push(b']');
                let date = |buf: &mut Vec<u8>, key: &[u8], d: Option<crate::Date>| {
                    buf.extend_from_slice(key);
                    match d {
                        Some(d) => json_str(buf, &d.to_string()),
                        None => buf.extend_from_slice(b"null"),
                    }
                };
                date(buf, b",\"end\":", r.post.and_then(|p| p.end));
                buf.extend_from_slice(b",\"former\":");
                buf.extend_from_slice(if r.former { b"true" } else { b"false" });
                buf.extend_from_slice(b",\"key\":");
                json_str(buf, r.key);
                buf.extend_from_slice(b",\"of\":");
                opt_str(buf, r.of.map(|x| x.id.as_str()));
                buf.extend_from_slice(b",\"of_name\":");
                opt_str(buf, r.of.map(|x| x.name.as_str()));
                date(buf, b",\"start\":", r.post.and_then(|p| p.start));
                buf.extend_from_slice(b",\"title\":");
                json_str(buf, r.title);
                buf.push(b'}');
            }
        }
        buf.extend_from_slice(b",\"stands_for\":");
        match &self.stands_for {
            None => buf.extend_from_slice(b"null"),
            Some(s) => {
                buf.extend_from_slice(b"{\"cue\":");
                json_str(buf, s.cue);
                if s.entity.kind == EntityKind::State {
                    buf.extend_from_slice(b",\"sector\":");
                    json_str(buf, s.sector);
                    buf.extend_from_slice(b",\"state\":");
                    json_str(buf, &s.entity.id);
                } else {
                    buf.extend_from_slice(b",\"organization\":");
                    json_str(buf, &s.entity.id);
                    buf.extend_from_slice(b",\"sector\":");
                    json_str(buf, s.sector);
                }
                buf.push(b'}');
            }
        }
        int(buf, ",\"start\":", offsets.char_offset(self.span.start));
        buf.extend_from_slice(b",\"state\":");
        opt_str(buf, self.state.map(|s| s.id.as_str()));
        buf.extend_from_slice(b",\"text\":");
        json_str(buf, &self.text);
        buf.push(b'}');
    }
}

/// A JSON string, escaped as serde_json escapes it: `"`, `\\` and the control characters
/// below U+0020 (`\b \f \n \r \t`, else `\u00XX`); everything else as is.
fn json_str(buf: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    buf.push(b'"');
    let b = s.as_bytes();
    let mut from = 0;
    for (i, &c) in b.iter().enumerate() {
        if c >= 0x20 && c != b'"' && c != b'\\' {
            continue;
        }
        buf.extend_from_slice(&b[from..i]);
        match c {
            b'"' => buf.extend_from_slice(b"\\\""),
            b'\\' => buf.extend_from_slice(b"\\\\"),
            b'\n' => buf.extend_from_slice(b"\\n"),
            b'\r' => buf.extend_from_slice(b"\\r"),
            b'\t' => buf.extend_from_slice(b"\\t"),
            0x08 => buf.extend_from_slice(b"\\b"),
            0x0c => buf.extend_from_slice(b"\\f"),
            _ => buf.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(c >> 4) as usize],
                HEX[(c & 0xf) as usize],
            ]),
        }
        from = i + 1;
    }
    buf.extend_from_slice(&b[from..]);
    buf.push(b'"');
}

/// A JSON string or `null`.
fn opt_str(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => json_str(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
}

impl StandsFor<'_> {
    /// `{"state": id, "sector": "GOV", "cue": ...}` (`"organization"` for an organization).
    pub fn to_json(&self) -> serde_json::Value {
        let key = if self.entity.kind == EntityKind::State { "state" } else { "organization" };
        serde_json::json!({ key: self.entity.id, "sector": self.sector, "cue": self.cue })
    }
}
