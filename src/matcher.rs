//! [`Matcher`]: the compiled gazetteer, and extraction.
//!
//! # How matching works
//!
//! Every alias is [folded](crate::fold) and split into tokens; every distinct token gets a
//! numeric id, and each alias becomes a short string of fixed-width token codes. One
//! Aho–Corasick automaton is built over those code strings. To scan a text, it is folded
//! and tokenized in one pass; each token found in the vocabulary is written as its code,
//! and every run of unknown tokens (or a paragraph break) as one "unknown" code that no
//! alias contains. The automaton is searched, anchored, only at the codes of tokens that
//! can start an alias of two or more tokens (a walk as long as the match, over a code
//! string much shorter than the text), and every match is by construction a run of whole
//! tokens: word boundaries cost nothing. One-token aliases need no automaton: the
//! vocabulary lookup finds them.
//!
//! A match is kept only when its text passes the case policy of at least one alias it
//! stands for. The leftmost-longest win; when the longest candidate at a position fails its
//! case check, shorter ones at that position or inside it are still considered.

use std::hash::BuildHasher;
use std::sync::Arc;

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};
use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use crate::date::Date;
use crate::error::{Error, ErrorKind, Location, Problem, Result};
use crate::fold::{self, for_each_token_keyed};
use crate::mention::{Mention, RoleInfo, Span};
use crate::model::{
    case_policy, role_rank, role_title, AliasKind, CasePolicy, Entity, EntityKind, Gazetteer,
};

/// The id of the "unknown token" code; no alias contains it.
const UNKNOWN: u32 = 0;

/// One alias of one entity, as the scanner needs it.
#[derive(Clone, Debug)]
struct Entry {
    entity: u32,
    kind: AliasKind,
    case: CasePolicy,
    /// For [`CasePolicy::Exact`]: the alias folded with its case kept, without spaces.
    exact: Option<Box<str>>,
    start: Option<Date>,
    end: Option<Date>,
}

/// The token vocabulary: folded token → [`TokenInfo`] (ids start at 1; 0 is [`UNKNOWN`]).
///
/// Most tokens are short, so they are packed into an integer key (their UTF-8 bytes, which
/// are never zero): tokens of up to 8 bytes into a `u64` — which the tokenizer builds for
/// ASCII words with one read — and up to 16 into a `u128`. The small keys keep the tables
/// compact, which matters more than anything else on this path (cache misses). Single
/// ASCII characters are found in a table.
///
/// While a matcher is built, the values hold only the id ([`TokenInfo::code`]);
/// [`Vocab::annotate`] then fills in each token's full info, in the same tables.
#[derive(Debug)]
struct Vocab {
    ascii: [TokenInfo; 128],
    short: FxHashMap<u64, TokenInfo>,
    medium: FxHashMap<u128, TokenInfo>,
    long: FxHashMap<Box<str>, TokenInfo>,
    len: u32,
}

impl Default for Vocab {
    fn default() -> Vocab {
        Vocab {
            ascii: [TokenInfo::default(); 128],
            short: FxHashMap::default(),
            medium: FxHashMap::default(),
            long: FxHashMap::default(),
            len: 0,
        }
    }
}

/// A token as the vocabulary is keyed (see [`Vocab`]); `L` is the text of a long token,
/// borrowed for a lookup, owned to be sent to the interning thread.
#[derive(Debug)]
enum TokenKey<L> {
    Ascii(u8),
    Short(u64),
    Medium(u128),
    Long(L),
}

impl<'a> TokenKey<&'a str> {
    /// The key of a token from the tokenizer: `key` and `key_hi` are its packed folded
    /// form when not 0, and then `folded` need only have the right length.
    #[inline]
    fn new(folded: &'a str, key: u64, key_hi: u64) -> TokenKey<&'a str> {
        let b = folded.as_bytes();
        match b.len() {
            1 if key != 0 => TokenKey::Ascii(key as u8),
            2..=8 if key != 0 => TokenKey::Short(key),
            9..=16 if key != 0 => TokenKey::Medium(u128::from(key_hi) << 64 | u128::from(key)),
            1 if b[0] < 128 => TokenKey::Ascii(b[0]),
            0..=8 => TokenKey::Short(pack(b) as u64),
            9..=16 => TokenKey::Medium(pack(b)),
            _ => TokenKey::Long(folded),
        }
    }

    fn into_owned(self) -> TokenKey<Box<str>> {
        match self {
            TokenKey::Ascii(b) => TokenKey::Ascii(b),
            TokenKey::Short(k) => TokenKey::Short(k),
            TokenKey::Medium(k) => TokenKey::Medium(k),
            TokenKey::Long(s) => TokenKey::Long(s.into()),
        }
    }
}

/// The bytes of `token` packed little-endian (it must have at most 16).
#[inline]
fn pack(token: &[u8]) -> u128 {
    let mut key = [0u8; 16];
    key[..token.len()].copy_from_slice(token);
    u128::from_le_bytes(key)
}

impl Vocab {
    /// The id of the token keyed `key`, a new one if it has none yet.
    fn insert(&mut self, key: TokenKey<Box<str>>) -> u32 {
        let next = TokenInfo { code: self.len + 1, single: 0 };
        let info = match key {
            TokenKey::Ascii(b) => {
                let slot = &mut self.ascii[b as usize];
                if slot.code == 0 {
                    *slot = next;
                }
                *slot
            }
            TokenKey::Short(k) => *self.short.entry(k).or_insert(next),
            TokenKey::Medium(k) => *self.medium.entry(k).or_insert(next),
            TokenKey::Long(k) => *self.long.entry(k).or_insert(next),
        };
        if info.code == next.code {
            self.len += 1;
        }
        info.code
    }

    fn len(&self) -> usize {
        self.len as usize
    }

    /// Replaces each token's id by its full info (`tokens`, by id).
    fn annotate(&mut self, tokens: &[TokenInfo]) {
        let info = |v: &mut TokenInfo| *v = tokens[v.code as usize];
        self.ascii.iter_mut().for_each(info);
        self.short.values_mut().for_each(info);
        self.medium.values_mut().for_each(info);
        self.long.values_mut().for_each(info);
    }

    /// The info of a token of a text (see [`TokenKey::new`]); unknown tokens get the
    /// default (id [`UNKNOWN`], no flags).
    #[inline]
    fn get(&self, folded: &str, key: u64, key_hi: u64) -> TokenInfo {
        let found = match TokenKey::new(folded, key, key_hi) {
            TokenKey::Ascii(b) => return self.ascii[b as usize],
            TokenKey::Short(k) => self.short.get(&k),
            TokenKey::Medium(k) => self.medium.get(&k),
            TokenKey::Long(s) => self.long.get(s),
        };
        found.copied().unwrap_or_default()
    }
}

/// What the scanner needs to know of a vocabulary token.
#[derive(Clone, Copy, Debug, Default)]
struct TokenInfo {
    /// The token id, with [`MULTI`] and [`FIRST`] in its top bits.
    code: u32,
    /// The single-token pattern the token forms, + 1 (0 for none).
    single: u32,
}

/// Flag of [`TokenInfo::code`]: the token occurs in some alias of two or more tokens.
const MULTI: u32 = 1 << 31;
/// Flag of [`TokenInfo::code`]: the token starts some alias of two or more tokens.
const FIRST: u32 = 1 << 30;

impl TokenInfo {
    #[inline]
    fn id(self) -> u32 {
        self.code & !(MULTI | FIRST)
    }
}

/// A Bloom-style filter of the (first, second) token pairs that begin aliases of two or
/// more tokens, one bit per hashed pair: most tokens that can start such an alias are not
/// followed by a token that continues one, and the filter spares the automaton those.
#[derive(Debug, Default)]
struct PairFilter {
    bits: Vec<u64>,
    shift: u32,
}

impl PairFilter {
    fn new(pairs: impl ExactSizeIterator<Item = (u32, u32)>) -> PairFilter {
        // About 16 bits per pair: a false positive rate near 1 in 16.
        let n_bits = (pairs.len() * 16).next_power_of_two().max(1 << 12);
        let mut f = PairFilter { bits: vec![0; n_bits / 64], shift: 64 - n_bits.trailing_zeros() };
        for (a, b) in pairs {
            let h = f.hash(a, b);
            f.bits[h / 64] |= 1 << (h % 64);
        }
        f
    }

    #[inline]
    fn hash(&self, a: u32, b: u32) -> usize {
        let x = (u64::from(a) << 32 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (x >> self.shift) as usize
    }

    #[inline]
    fn may_contain(&self, a: u32, b: u32) -> bool {
        let h = self.hash(a, b);
        self.bits[h / 64] & (1 << (h % 64)) != 0
    }
}

/// (index of the role key in `ROLE_KEYS`, index of the state or organization) →
/// (official, post index) of every post.
type Holders = FxHashMap<(u32, u32), Vec<(u32, u32)>>;

#[derive(Debug)]
struct Inner {
    gazetteer: Arc<Gazetteer>,
    vocab: Vocab,
    /// Unique per compiled matcher (never reused, unlike an address): what a thread's
    /// [`FrontCache`] is valid for.
    uid: u64,
    width: usize,
    /// Automata over the aliases of two or more tokens, by first token id modulo their
    /// number, each with its map from automaton pattern index to pattern id.
    automata: Vec<Option<(AhoCorasick, Vec<u32>)>>,
    pairs: PairFilter,
    /// Pattern `p` (a distinct folded token sequence) stands for the aliases
    /// `entries[offsets[p]..offsets[p + 1]]`.
    offsets: Vec<u32>,
    entries: Vec<Entry>,
    /// Built on first use (only titles without a name need it).
    holders: std::sync::OnceLock<Holders>,
    options: MatcherBuilder,
}

impl Inner {
    /// The aliases that pattern `p` stands for.
    #[inline]
    fn entries_of(&self, p: u32) -> &[Entry] {
        &self.entries[self.offsets[p as usize] as usize..self.offsets[p as usize + 1] as usize]
    }
}

/// A compiled gazetteer that finds and links mentions in texts.
///
/// A `Matcher` is immutable, `Send + Sync`, and cloning it is cheap (it is reference
/// counted), so one matcher can serve many threads.
///
/// ```
/// use geopol::{Entity, EntityKind, Alias, AliasKind, Gazetteer, Matcher};
///
/// let mut kaz = Entity::new("state:KAZ", EntityKind::State, "Kazakhstan");
/// kaz.aliases.push(Alias::new("Kazakh", AliasKind::Demonym));
/// let mut b = Gazetteer::builder();
/// b.add(kaz);
/// let matcher = Matcher::new(b.build().unwrap()).unwrap();
///
/// let text = "Kazakhstan’s neighbours watched KAZAKH politics; Kazakhstani firms did not.";
/// let found: Vec<_> = matcher.extract(text, None).into_iter().map(|m| m.text).collect();
/// assert_eq!(found, ["Kazakhstan", "KAZAKH"]);
/// ```
#[derive(Clone, Debug)]
pub struct Matcher {
    inner: Arc<Inner>,
}

/// Options for building a [`Matcher`].
#[derive(Clone, Debug)]
pub struct MatcherBuilder {
    kinds: Vec<EntityKind>,
    surnames: bool,
    titles_to_holders: bool,
    readings: bool,
    /// How many automata to split the aliases of two or more tokens among; `None` decides
    /// by their number and the machine. Only tests set it.
    shards: Option<usize>,
}

impl Default for MatcherBuilder {
    fn default() -> MatcherBuilder {
        MatcherBuilder {
            kinds: vec![
                EntityKind::State,
                EntityKind::Organization,
                EntityKind::Official,
                EntityKind::Role,
                EntityKind::Place,
            ],
            surnames: true,
            titles_to_holders: true,
            readings: true,
            shards: None,
        }
    }
}

impl MatcherBuilder {
    /// A builder with the defaults: every kind, surnames on, titles resolved to holders.
    pub fn new() -> MatcherBuilder {
        MatcherBuilder::default()
    }

    /// Only match entities of these kinds (default: all).
    pub fn kinds(&mut self, kinds: &[EntityKind]) -> &mut MatcherBuilder {
        self.kinds = kinds.to_vec();
        self
    }

    /// Whether a surname alone is matched (default: true).
    pub fn surnames(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.surnames = yes;
        self
    }

    /// Whether a role title with a state but no name ("the Turkish foreign minister") is
    /// linked to the official who held that post on the document date (default: true).
    pub fn titles_to_holders(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.titles_to_holders = yes;
        self
    }

    /// Whether the readings pass runs (default: true): a state word inside a longer name
    /// ("Air France") or a person's name ("Michael Jordan") is dropped, and a place used as
    /// an actor ("Moscow said") gets `stands_for`. Off, every scanned alias is kept.
    pub fn readings(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.readings = yes;
        self
    }

    /// Compiles `gazetteer`. Fails when an alias cannot be tokenized (it folds to
    /// nothing) or the automaton cannot be built.
    pub fn build(&self, gazetteer: impl Into<Arc<Gazetteer>>) -> Result<Matcher> {
        let gazetteer = gazetteer.into();
        let mut vocab = Vocab::default();
        // Every distinct token sequence (pattern), end to end in one buffer: pattern `p` is
        // `seqs[bounds[p]..bounds[p + 1]]`. Flat buffers instead of a `Vec` per pattern:
        // with a million aliases, the allocator's work was a third of the build.
        let mut seqs: Vec<u32> = Vec::new();
        let mut bounds: Vec<usize> = vec![0];
        let mut table: HashTable<u32> = HashTable::new();
        let hasher = FxBuildHasher;
        let mut problems = Vec::new();
        let mut ids = Vec::new();
        // Each alias kept: (pattern, entity, alias index: 0 for the name, i + 1 for
        // `aliases[i]`). Their entries are made later, in parallel with the automaton.
        let mut found: Vec<(u32, u32, u32)> = Vec::new();
        let ents = gazetteer.entities();
        // Interns one chunk of tokenized aliases, in order.
        let mut intern = |chunk: Tokenized| -> Result<()> {
            let mut keys = chunk.keys.into_iter();
            let mut from = 0;
            for (end, ei, ai) in chunk.aliases {
                ids.clear();
                ids.extend(keys.by_ref().take((end - from) as usize).map(|k| vocab.insert(k)));
                from = end;
                if ids.is_empty() {
                    let e = &ents[ei as usize];
                    let text = alias_form(e, ai).0;
                    problems.push(
                        Problem::new(
                            gazetteer.origin(ei as usize).clone(),
                            format!("alias {text:?} folds to nothing"),
                        )
                        .with_entity(e.id.clone()),
                    );
                    continue;
                }
                let seq = |p: u32| &seqs[bounds[p as usize]..bounds[p as usize + 1]];
                let hash = hasher.hash_one(ids.as_slice());
                let pid = match table.find(hash, |&p| seq(p) == ids.as_slice()) {
                    Some(&pid) => pid,
                    None => {
                        let pid = u32::try_from(bounds.len() - 1).map_err(|_| {
                            Error::new(ErrorKind::Build, Location::default(), "too many aliases")
                        })?;
                        seqs.extend_from_slice(&ids);
                        bounds.push(seqs.len());
                        let seq = |p: u32| &seqs[bounds[p as usize]..bounds[p as usize + 1]];
                        table.insert_unique(hash, pid, |&p| hasher.hash_one(seq(p)));
                        pid
                    }
                };
                found.push((pid, ei, ai));
            }
            Ok(())
        };
        // Tokenizing (reading every alias) and interning (hash tables) take turns per
        // chunk of entities; for a large gazetteer they run at once, on two threads.
        let pipelined = self.shards.map_or(ents.len() >= PIPELINE_MIN, |n| n > 1);
        if pipelined {
            std::thread::scope(|scope| -> Result<()> {
                let (tx, rx) = std::sync::mpsc::sync_channel::<Tokenized>(4);
                let worker = scope.spawn(move || {
                    let mut buf = String::new();
                    // (Small chunks when a test forces the pipeline on a small gazetteer.)
                    let step = if ents.len() >= PIPELINE_MIN { PIPELINE_CHUNK } else { 2 };
                    for from in (0..ents.len()).step_by(step) {
                        let to = (from + step).min(ents.len());
                        if tx.send(self.tokenize(ents, from..to, &mut buf)).is_err() {
                            break; // interning failed
                        }
                    }
                });
                let mut result = Ok(());
                for chunk in rx {
                    if result.is_ok() {
                        result = intern(chunk);
                    }
                }
                worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                result
            })?;
        } else {
            let mut buf = String::new();
            for from in (0..ents.len()).step_by(PIPELINE_CHUNK) {
                let to = (from + PIPELINE_CHUNK).min(ents.len());
                intern(self.tokenize(ents, from..to, &mut buf))?;
            }
        }
        drop(table);
        if !problems.is_empty() {
            return Err(Error::from_problems(ErrorKind::Invalid, problems));
        }
        let n_patterns = bounds.len() - 1;
        let seq = |p: u32| &seqs[bounds[p as usize]..bounds[p as usize + 1]];
        let width = if vocab.len() < (1 << 21) { 3 } else { 4 };
        if vocab.len() >= FIRST as usize {
            return Err(Error::new(
                ErrorKind::Build,
                Location::default(),
                "too many distinct tokens",
            ));
        }
        let mut tokens: Vec<TokenInfo> =
            (0..=vocab.len() as u32).map(|id| TokenInfo { code: id, single: 0 }).collect();
        let mut multi = Vec::new();
        for pid in 0..n_patterns as u32 {
            match seq(pid) {
                [only] => tokens[*only as usize].single = pid + 1,
                many => {
                    tokens[many[0] as usize].code |= FIRST;
                    for &id in many {
                        tokens[id as usize].code |= MULTI;
                    }
                    multi.push(pid);
                }
            }
        }
        // Searches are anchored at an alias's first token, so the patterns can be split
        // among several automata by their first token, one searched per start: large sets
        // are, to build them in parallel. The split changes no result.
        let n_shards = if let Some(n) = self.shards {
            n.max(1)
        } else if multi.len() >= SHARD_MIN {
            std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, MAX_SHARDS)
        } else {
            1
        };
        let mut shards: Vec<Vec<u32>> = vec![Vec::new(); n_shards];
        for &pid in &multi {
            shards[seq(pid)[0] as usize % n_shards].push(pid);
        }
        vocab.annotate(&tokens);
        drop(tokens);
        let pairs = PairFilter::new(multi.iter().map(|&p| (seq(p)[0], seq(p)[1])));
        drop(multi);
        // Entries grouped by pattern (a stable counting sort keeps entity order within a
        // pattern), so that a pattern's entries are one range of `entries`.
        let mut offsets = vec![0u32; n_patterns + 1];
        for &(pid, _, _) in &found {
            offsets[pid as usize + 1] += 1;
        }
        for i in 0..n_patterns {
            offsets[i + 1] += offsets[i];
        }
        let mut grouped = vec![(0u32, 0u32); found.len()];
        {
            let mut next = offsets.clone();
            for &(pid, ei, ai) in &found {
                grouped[next[pid as usize] as usize] = (ei, ai);
                next[pid as usize] += 1;
            }
        }
        drop(found);
        // One automaton over the patterns `pids`; gives them back in its order.
        let build_automaton = |mut pids: Vec<u32>| -> Result<(AhoCorasick, Vec<u32>)> {
            // The automaton gets its patterns in descending order. Codes are big-endian and
            // of one width, so this is the order of their bytes too, and aho-corasick's trie
            // builder, which keeps each state's transitions in a list sorted by byte, then
            // always finds the transition it follows or adds at the head of that list:
            // linear time, where ascending order walked lists of up to 128 entries (4× the
            // build time with a million aliases). The order changes nothing else: there are
            // no duplicates.
            pids.sort_unstable_by(|&a, &b| seq(b).cmp(seq(a)));
            let mut codes = Vec::with_capacity(pids.iter().map(|&p| seq(p).len() * width).sum());
            let mut ends = Vec::with_capacity(pids.len());
            for &pid in &pids {
                for &id in seq(pid) {
                    push_code(&mut codes, id, width);
                }
                ends.push(codes.len());
            }
            let kind = if pids.len() <= 20_000 {
                AhoCorasickKind::DFA
            } else {
                AhoCorasickKind::ContiguousNFA
            };
            let build = |kind: Option<AhoCorasickKind>| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Anchored)
                    .kind(kind)
                    .prefilter(false)
                    .build(ends.iter().scan(0, |from, &to| {
                        let code = &codes[*from..to];
                        *from = to;
                        Some(code)
                    }))
            };
            let ac = build(Some(kind))
                .or_else(|_| build(None))
                .map_err(|e| Error::new(ErrorKind::Build, Location::default(), e.to_string()))?;
            Ok((ac, pids))
        };
        let make_entries = || -> Vec<Entry> {
            let ents = gazetteer.entities();
            grouped.iter().map(|&(ei, ai)| make_entry(ei, &ents[ei as usize], ai)).collect()
        };
        // The automata are built on scoped threads of their own while this one makes the
        // entries. (Not rayon's global pool: a process forked after that pool started, as
        // Python's multiprocessing does, would wait on it forever.)
        let (built, made) = std::thread::scope(|scope| {
            let handles: Vec<_> = shards
                .into_iter()
                .map(|pids| (!pids.is_empty()).then(|| scope.spawn(move || build_automaton(pids))))
                .collect();
            let made = make_entries();
            let built: Vec<Option<Result<_>>> = handles
                .into_iter()
                .map(|h| {
                    h.map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                })
                .collect();
            (built, made)
        });
        let automata = built.into_iter().map(Option::transpose).collect::<Result<Vec<_>>>()?;
        drop((seqs, bounds));
        // Each pattern lists its aliases once per (entity, kind, case).
        let mut entries: Vec<Entry> = Vec::with_capacity(made.len());
        let mut made = made.into_iter();
        let mut kept = 0u32;
        for p in 0..n_patterns {
            let group = (offsets[p + 1] - offsets[p]) as usize;
            offsets[p] = kept;
            let first = entries.len();
            for entry in made.by_ref().take(group) {
                let dup = entries[first..].iter().any(|o| {
                    o.entity == entry.entity && o.kind == entry.kind && o.case == entry.case
                });
                if !dup {
                    entries.push(entry);
                }
            }
            kept = entries.len() as u32;
        }
        offsets[n_patterns] = kept;
        Ok(Matcher {
            inner: Arc::new(Inner {
                gazetteer,
                vocab,
                uid: NEXT_UID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
                width,
                automata,
                pairs,
                offsets,
                entries,
                holders: std::sync::OnceLock::new(),
                options: self.clone(),
            }),
        })
    }
}

/// The aliases of a run of entities, tokenized: their token keys end to end, and for each
/// alias (end of its keys, entity index, alias index: 0 for the name, i + 1 for
/// `aliases[i]`). An alias that folds to nothing has no keys.
struct Tokenized {
    keys: Vec<TokenKey<Box<str>>>,
    aliases: Vec<(u32, u32, u32)>,
}

/// Gazetteers of at least this many entities are tokenized on a thread of their own while
/// the builder interns what it has read, in chunks of [`PIPELINE_CHUNK`] entities.
const PIPELINE_MIN: usize = 50_000;
const PIPELINE_CHUNK: usize = 16_384;

impl MatcherBuilder {
    /// Tokenizes the aliases of `ents[range]` that this builder matches.
    fn tokenize(
        &self,
        ents: &[Entity],
        range: std::ops::Range<usize>,
        buf: &mut String,
    ) -> Tokenized {
        let mut out = Tokenized { keys: Vec::new(), aliases: Vec::new() };
        for ei in range {
            let entity = &ents[ei];
            if !self.kinds.contains(&entity.kind) {
                continue;
            }
            let forms = std::iter::once((entity.name.as_str(), AliasKind::Name))
                .chain(entity.aliases.iter().map(|a| (a.text.as_str(), a.kind)));
            for (ai, (text, kind)) in forms.enumerate() {
                if kind == AliasKind::Surname && !self.surnames {
                    continue;
                }
                for_each_token_keyed(text, buf, |t| {
                    out.keys.push(TokenKey::new(t.folded, t.key, t.key_hi).into_owned());
                });
                out.aliases.push((out.keys.len() as u32, ei as u32, ai as u32));
            }
        }
        out
    }
}

/// The text, kind, explicit case policy and dates of form `ai` of `e`: 0 for its name,
/// i + 1 for `aliases[i]`.
fn alias_form(
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

/// The entry of form `ai` of entity `ei` (see [`alias_form`]).
fn make_entry(ei: u32, e: &Entity, ai: u32) -> Entry {
    let (text, kind, case, start, end) = alias_form(e, ai);
    let case = case_policy(text, kind, case);
    let exact = (case == CasePolicy::Exact).then(|| {
        let mut s = String::new();
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            fold::fold_char_keep_case(c, &mut s);
        }
        s.into_boxed_str()
    });
    Entry { entity: ei, kind, case, exact, start, end }
}

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

#[inline]
fn push_code(out: &mut Vec<u8>, id: u32, width: usize) {
    // The first byte of a code has its high bit set and the others do not, so a code can
    // only match at a code boundary; fixed width keeps ends aligned too.
    if width == 3 {
        out.extend_from_slice(&[
            0x80 | (id >> 14) as u8,
            ((id >> 7) & 0x7f) as u8,
            (id & 0x7f) as u8,
        ]);
    } else {
        out.extend_from_slice(&[
            0x80 | ((id >> 21) & 0x7f) as u8,
            ((id >> 14) & 0x7f) as u8,
            ((id >> 7) & 0x7f) as u8,
            (id & 0x7f) as u8,
        ]);
    }
}

/// A candidate chosen by the scan, before resolution.
#[derive(Clone, Debug)]
struct Chosen {
    span: Span,
    pattern: u32,
    /// The alias is one token.
    single: bool,
}

/// Scratch buffers for one scan, reused across calls on a thread.
#[derive(Default)]
struct Scan {
    codes: Codes,
    buf: String,
    /// The front caches of the last few matchers used on this thread, most recent first.
    caches: Vec<FrontCache>,
}

/// How many matchers a thread keeps a [`FrontCache`] for: code that alternates between a
/// few matchers does not refill a cache on every call.
const FRONT_CACHES: usize = 4;

/// The front cache for the matcher `owner` among `caches`, made the most recent.
fn cache_for(caches: &mut Vec<FrontCache>, owner: u64) -> &mut FrontCache {
    match caches.iter().position(|c| c.owner == owner) {
        Some(i) => caches[..=i].rotate_right(1),
        None => {
            if caches.len() < FRONT_CACHES {
                caches.push(FrontCache::default());
            }
            caches.rotate_right(1);
            caches[0].reset_for(owner);
        }
    }
    &mut caches[0]
}

/// A small direct-mapped cache of short-token lookups, per thread and matcher: news text
/// repeats a few thousand words, and a hit here is one read of a table that stays in the
/// core's cache, where the vocabulary's hash table is megabytes.
#[derive(Default)]
struct FrontCache {
    /// [`Inner::uid`] of the matcher whose lookups the slots hold.
    owner: u64,
    /// (packed key, info); key 0 marks an empty slot.
    slots: Vec<(u64, TokenInfo)>,
}

const FRONT_BITS: u32 = 13;

impl FrontCache {
    fn reset_for(&mut self, owner: u64) {
        self.owner = owner;
        self.slots.clear();
        self.slots.resize(1 << FRONT_BITS, (0, TokenInfo::default()));
    }

    /// The info of the short token packed as `key` (not 0).
    #[inline]
    fn get(&mut self, key: u64, vocab: &Vocab) -> TokenInfo {
        let i = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FRONT_BITS)) as usize;
        let slot = &mut self.slots[i];
        if slot.0 == key {
            return slot.1;
        }
        let info = vocab.short.get(&key).copied().unwrap_or_default();
        *slot = (key, info);
        info
    }
}

/// Sets of fewer aliases of two or more tokens than this get one automaton.
const SHARD_MIN: usize = 100_000;
/// At most this many automata.
const MAX_SHARDS: usize = 8;

/// Source of [`Inner::uid`].
static NEXT_UID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// The code string of the part of a text scanned since the last flush.
#[derive(Default)]
struct Codes {
    hay: Vec<u8>,
    /// Original byte span of each code of `hay`.
    spans: Vec<(usize, usize)>,
    /// Single-token candidates: span and pattern.
    singles: Vec<(Span, u32)>,
    /// Codes of `hay` where an alias of two or more tokens may start, and their token ids.
    starts: Vec<(u32, u32)>,
    /// Aliases of two or more tokens found by the last flush.
    multis: Vec<Chosen>,
}

impl Codes {
    fn clear(&mut self) {
        self.hay.clear();
        self.spans.clear();
        self.singles.clear();
        self.starts.clear();
    }
}

/// The code string is flushed (searched, and its candidates merged into the output) when
/// it holds this many codes and the scan is at a token no alias of two or more tokens
/// contains, which no match can cross. The buffers of a long text then stay small enough
/// to live in cache instead of growing with the text.
const FLUSH_CODES: usize = 1 << 13;

impl Matcher {
    /// Compiles `gazetteer` with default options; see [`MatcherBuilder`].
    pub fn new(gazetteer: impl Into<Arc<Gazetteer>>) -> Result<Matcher> {
        MatcherBuilder::default().build(gazetteer)
    }

    /// A builder for a matcher with other options.
    pub fn builder() -> MatcherBuilder {
        MatcherBuilder::default()
    }

    /// The gazetteer this matcher was compiled from.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.inner.gazetteer
    }

    /// The gazetteer, shared.
    pub fn gazetteer_arc(&self) -> Arc<Gazetteer> {
        self.inner.gazetteer.clone()
    }

    /// The number of distinct folded aliases (automaton patterns).
    pub fn pattern_count(&self) -> usize {
        self.inner.offsets.len() - 1
    }

    /// Finds every mention in `text`, in order of position, linked and resolved.
    ///
    /// `date` is the document's date: an official's role is the post held that day, and
    /// dated names are preferred when valid that day. Without a date, an official's role is
    /// the latest post and `date_checked` is false.
    ///
    /// Mentions never overlap, their spans lie on character boundaries, and the output is
    /// deterministic.
    pub fn extract<'m>(&'m self, text: &str, date: Option<Date>) -> Vec<Mention<'m>> {
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scan> = std::cell::RefCell::new(Scan::default());
        }
        let chosen = SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scan) => self.scan(text, &mut scan),
            // Re-entered on this thread (cannot happen today): use fresh buffers.
            Err(_) => self.scan(text, &mut Scan::default()),
        });
        self.resolve(text, &chosen, date)
    }

    /// An iterator over the mentions of `text`, produced one paragraph at a time, so that
    /// mentions of a long text are available before its end is scanned. Yields exactly what
    /// [`Matcher::extract`] returns (aliases never match across a paragraph break, and
    /// document context carries over).
    pub fn extract_iter<'m, 't>(&'m self, text: &'t str, date: Option<Date>) -> Mentions<'m, 't> {
        Mentions {
            matcher: self,
            text,
            date,
            pos: 0,
            queue: std::collections::VecDeque::new(),
            seen: FxHashSet::default(),
            scan: Scan::default(),
        }
    }

    /// Extracts the mentions of many documents in parallel (on rayon's thread pool), one
    /// `Vec` per document, in input order.
    pub fn extract_batch<'m, S>(&'m self, docs: &[(S, Option<Date>)]) -> Vec<Vec<Mention<'m>>>
    where
        S: AsRef<str> + Sync,
    {
        docs.par_iter().map(|(text, date)| self.extract(text.as_ref(), *date)).collect()
    }

    fn scan(&self, text: &str, s: &mut Scan) -> Vec<Chosen> {
        self.scan_flushing(text, s, FLUSH_CODES)
    }

    /// [`Matcher::scan`], flushing every `flush_codes` codes (at the next safe point).
    fn scan_flushing(&self, text: &str, s: &mut Scan, flush_codes: usize) -> Vec<Chosen> {
        let inner = &*self.inner;
        let width = inner.width;
        let mut out = Vec::new();
        let cache = cache_for(&mut s.caches, inner.uid);
        let c = &mut s.codes;
        c.clear();
        let mut last_unknown = true;
        let mut pending: Option<(u32, u32)> = None;
        let unknown = |c: &mut Codes, at: usize| {
            push_code(&mut c.hay, UNKNOWN, width);
            c.spans.push((at, at));
        };
        for_each_token_keyed(text, &mut s.buf, |t| {
            if t.after_break && !last_unknown {
                unknown(c, t.start);
                last_unknown = true;
                pending = None;
            }
            let info = if t.key > 0x7f && t.key_hi == 0 {
                cache.get(t.key, &inner.vocab)
            } else {
                inner.vocab.get(t.folded, t.key, t.key_hi)
            };
            let id = info.id();
            if info.single != 0 {
                c.singles.push((Span { start: t.start, end: t.end }, info.single - 1));
            }
            if info.code & MULTI != 0 {
                // The token before starts a search only when it and this one may be the
                // first two tokens of some alias.
                if let Some((at, prev)) = pending {
                    if inner.pairs.may_contain(prev, id) {
                        c.starts.push((at, prev));
                    }
                }
                pending = (info.code & FIRST != 0).then_some((c.spans.len() as u32, id));
                push_code(&mut c.hay, id, width);
                c.spans.push((t.start, t.end));
                last_unknown = false;
            } else {
                pending = None;
                if c.spans.len() >= flush_codes {
                    self.flush(text, c, &mut out);
                    last_unknown = true;
                } else if !last_unknown {
                    unknown(c, t.start);
                    last_unknown = true;
                }
            }
        });
        self.flush(text, c, &mut out);
        out
    }

    /// Searches the code string for aliases of two or more tokens, merges them with the
    /// single-token candidates into `out`, and empties `c`.
    fn flush(&self, text: &str, c: &mut Codes, out: &mut Vec<Chosen>) {
        let inner = &*self.inner;
        let width = inner.width;
        let passes = |pattern: u32, span: Span| {
            let surface = &text[span.start..span.end];
            inner.entries_of(pattern).iter().any(|e| case_ok(e, surface))
        };
        let spans = &c.spans;
        let span_of =
            |first: usize, end: usize| Span { start: spans[first].0, end: spans[end - 1].1 };
        // Aliases of two or more tokens, leftmost-longest: an anchored search at each code
        // where such an alias may start (a walk as long as the match, not a pass over the
        // whole code string). When the longest match there fails its case check, shorter
        // ones are tried by cutting the end short.
        c.multis.clear();
        if !inner.automata.is_empty() {
            let hay = &c.hay;
            let mut free = 0;
            for &(first, id) in &c.starts {
                let first = first as usize;
                if first < free {
                    continue;
                }
                let Some((ac, pids)) = &inner.automata[id as usize % inner.automata.len()] else {
                    continue;
                };
                let mut limit = hay.len();
                let mut found = None;
                while let Some(m) =
                    ac.find(Input::new(hay).range(first * width..limit).anchored(Anchored::Yes))
                {
                    let end = m.end() / width;
                    let pattern = pids[m.pattern().as_usize()];
                    if passes(pattern, span_of(first, end)) {
                        found = Some((end, pattern));
                        break;
                    }
                    limit = (end - 1) * width;
                }
                if let Some((end, pattern)) = found {
                    c.multis.push(Chosen { span: span_of(first, end), pattern, single: false });
                    free = end;
                }
            }
        }
        // Merge: a single token counts where no longer match covers it (a longer match
        // starting at or before a token always wins over the token alone).
        let mut next = c.multis.iter().peekable();
        for &(span, pattern) in &c.singles {
            while let Some(m) = next.next_if(|m| m.span.start <= span.start) {
                out.push(m.clone());
            }
            let covered = out.last().is_some_and(|m: &Chosen| m.span.end > span.start);
            if !covered && passes(pattern, span) {
                out.push(Chosen { span, pattern, single: true });
            }
        }
        out.extend(next.cloned());
        c.clear();
    }

    fn resolve<'m>(
        &'m self,
        text: &str,
        chosen: &[Chosen],
        date: Option<Date>,
    ) -> Vec<Mention<'m>> {
        let mut seen = FxHashSet::default();
        self.resolve_with(text, chosen, date, &mut seen)
    }

    fn resolve_with<'m>(
        &'m self,
        text: &str,
        chosen: &[Chosen],
        date: Option<Date>,
        seen: &mut FxHashSet<u32>,
    ) -> Vec<Mention<'m>> {
        let inner = &*self.inner;
        let g = &*inner.gazetteer;
        let ents = g.entities();
        let mut out: Vec<Mention<'m>> = Vec::with_capacity(chosen.len());
        // The entries that pass their case check, for one candidate at a time (one buffer,
        // not an allocation per mention).
        let mut valid: Vec<&Entry> = Vec::new();
        for c in chosen {
            let surface = &text[c.span.start..c.span.end];
            valid.clear();
            valid.extend(inner.entries_of(c.pattern).iter().filter(|e| case_ok(e, surface)));
            // A surname alone, or any one-word reference to a person ("Suharto").
            let one_word_person = c.single
                && valid.iter().all(|e| ents[e.entity as usize].kind == EntityKind::Official);
            if one_word_person || valid.iter().all(|e| e.kind == AliasKind::Surname) {
                surname_alone(&mut valid, surface, date, seen, ents);
                if valid.is_empty() {
                    continue;
                }
            }
            let (entry, candidates) = self.pick(&valid, date, seen);
            let entity = &ents[entry.entity as usize];
            // Context: a state right before ("Turkish", "Kazakhstan's"), or a title right
            // before, possibly with a comma ("Turkmenistan's Foreign Minister, Rashid
            // Meredov").
            let prev = out.last().filter(|p| {
                let gap = &text[p.span.end..c.span.start];
                adjacent(gap) || (p.entity.kind == EntityKind::Role && gap.trim() == ",")
            });
            let ctx_state = prev.and_then(|p| match p.entity.kind {
                EntityKind::State | EntityKind::Organization => Some(p.entity),
                EntityKind::Role => p.role.as_ref().and_then(|r| r.of),
                _ => None,
            });
            let ctx_role = prev.and_then(|p| match p.entity.kind {
                EntityKind::Role => p.entity.role.as_deref(),
                _ => None,
            });
            let mut m = Mention {
                span: c.span,
                text: surface.to_string(),
                entity,
                matched_by: entry.kind,
                role: None,
                state: None,
                stands_for: None,
                candidates,
                date_checked: false,
            };
            match entity.kind {
                EntityKind::Official => {
                    seen.insert(entry.entity);
                    self.set_post(&mut m, date, ctx_state, ctx_role);
                }
                EntityKind::Role => {
                    let key = entity.role.as_deref().unwrap_or("other");
                    m.role = Some(RoleInfo {
                        key,
                        title: role_title(key).unwrap_or(key),
                        of: ctx_state,
                        post: None,
                    });
                    m.state = ctx_state.filter(|s| s.kind == EntityKind::State);
                }
                EntityKind::Place => m.state = entity.state.as_deref().and_then(|id| g.get(id)),
                _ => {}
            }
            out.push(m);
        }
        self.appositions(text, &mut out, date);
        if inner.options.titles_to_holders {
            self.titles_to_holders(text, &mut out, date, seen);
        }
        if inner.options.readings {
            crate::readings::apply(text, &mut out, g);
        }
        out
    }

    /// Chooses the entity an alias stands for, and lists the others.
    fn pick<'e>(
        &self,
        valid: &[&'e Entry],
        date: Option<Date>,
        seen: &FxHashSet<u32>,
    ) -> (&'e Entry, Vec<&Entity>) {
        let ents = self.inner.gazetteer.entities();
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
        let mut others: Vec<&Entity> = Vec::new();
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

    fn set_post<'m>(
        &'m self,
        m: &mut Mention<'m>,
        date: Option<Date>,
        ctx_state: Option<&'m Entity>,
        ctx_role: Option<&str>,
    ) {
        let g = &*self.inner.gazetteer;
        let e = m.entity;
        let fits = |p: &crate::model::Post| {
            (ctx_state.is_some_and(|s| s.id == p.of), ctx_role.is_some_and(|r| r == p.role))
        };
        let post = match date {
            Some(d) => {
                m.date_checked = true;
                e.posts.iter().filter(|p| p.held_on(d)).max_by_key(|p| (fits(p), p.start))
            }
            None => e.posts.iter().max_by_key(|p| (fits(p), p.end.is_none(), p.end, p.start)),
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

    /// "<official>, <title> of <state|org>": the title's state or organization is the
    /// official's; re-pick the post with that knowledge.
    fn appositions<'m>(&'m self, text: &str, out: &mut [Mention<'m>], date: Option<Date>) {
        for i in 0..out.len() {
            if out[i].entity.kind != EntityKind::Role {
                continue;
            }
            // Title followed by "of [the] <state|org>".
            let of = out.get(i + 1).filter(|n| {
                matches!(n.entity.kind, EntityKind::State | EntityKind::Organization)
                    && of_gap(&text[out[i].span.end..n.span.start])
            });
            let Some(of) = of.map(|n| n.entity) else { continue };
            if let Some(r) = out[i].role.as_mut() {
                r.of = Some(of);
            }
            out[i].state = Some(of).filter(|s| s.kind == EntityKind::State);
            // Preceded by "<official>,".
            if i > 0 && out[i - 1].entity.kind == EntityKind::Official {
                let gap = text[out[i - 1].span.end..out[i].span.start].trim();
                if gap == "," {
                    let key = out[i].entity.role.clone();
                    let (a, _) = out.split_at_mut(i);
                    let person = &mut a[i - 1];
                    self.set_post(person, date, Some(of), key.as_deref());
                }
            }
        }
    }

    /// A title with a state and no name after it ("the Turkish foreign minister") becomes
    /// a mention of whoever held that post on the date.
    fn titles_to_holders<'m>(
        &'m self,
        text: &str,
        out: &mut [Mention<'m>],
        date: Option<Date>,
        seen: &mut FxHashSet<u32>,
    ) {
        let Some(d) = date else { return };
        let g = &*self.inner.gazetteer;
        for i in 0..out.len() {
            let m = &out[i];
            if m.entity.kind != EntityKind::Role {
                continue;
            }
            let Some(role) = m.role.as_ref() else { continue };
            let Some(of) = role.of else { continue };
            let named = out.get(i + 1).is_some_and(|n| {
                n.entity.kind == EntityKind::Official && {
                    let gap = text[m.span.end..n.span.start].trim();
                    gap.is_empty() || gap == ","
                }
            });
            let before_name = i > 0 && {
                let p = &out[i - 1];
                p.entity.kind == EntityKind::Official
                    && text[p.span.end..m.span.start].trim() == ","
            };
            if named || before_name {
                continue;
            }
            let Some(of_idx) = g.position(&of.id) else { continue };
            let holders = self.inner.holders.get_or_init(|| index_holders(g));
            let Some(role_idx) = role_index(role.key) else { continue };
            let Some(list) = holders.get(&(role_idx, of_idx as u32)) else {
                continue;
            };
            let on: Vec<(u32, u32)> = list
                .iter()
                .copied()
                .filter(|&(e, p)| g.entities()[e as usize].posts[p as usize].held_on(d))
                .collect();
            if let [(e, p)] = on.as_slice() {
                let person = &g.entities()[*e as usize];
                let post = &person.posts[*p as usize];
                seen.insert(*e);
                let m = &mut out[i];
                m.entity = person;
                m.matched_by = AliasKind::Title;
                m.role = Some(RoleInfo {
                    key: &post.role,
                    title: post.title.as_deref().or(role_title(&post.role)).unwrap_or(&post.role),
                    of: Some(of),
                    post: Some(post),
                });
                m.state = Some(of).filter(|s| s.kind == EntityKind::State);
                m.date_checked = true;
            }
        }
    }
}

#[cfg(feature = "embedded")]
impl Default for Matcher {
    /// The matcher over the embedded default gazetteer, compiled once per process.
    fn default() -> Matcher {
        crate::embedded::matcher().clone()
    }
}

/// Days between `date` and the nearest post of `e` (0 when a post is held that day; a very
/// large number when it has no post).
fn post_distance(e: &Entity, date: Date) -> i64 {
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

/// Which officials a surname standing alone can mean. One named in full earlier in the
/// document wins. Otherwise an ALL-CAPS surname counts for nothing (headlines are full of
/// capitalized common words), and with a document date only officials holding a post that
/// day above the coarse roles qualify. Filters `valid` in place; empty drops the mention.
fn surname_alone(
    valid: &mut Vec<&Entry>,
    surface: &str,
    date: Option<Date>,
    seen: &FxHashSet<u32>,
    ents: &[Entity],
) {
    if valid.iter().any(|e| seen.contains(&e.entity)) {
        valid.retain(|e| seen.contains(&e.entity));
        return;
    }
    let letters = || surface.chars().filter(|c| c.is_alphabetic());
    if letters().all(char::is_uppercase) {
        valid.clear();
        return;
    }
    // With a date, coarse roles ("government", "opposition") do not count: they keep too
    // many people "in office" for a bare surname to mean one of them.
    if let Some(d) = date {
        valid.retain(|e| rank_on(&ents[e.entity as usize], d) > 0);
    }
}

/// The seniority of the most senior post `e` held on `date` (0 when none, or only coarse).
fn rank_on(e: &Entity, date: Date) -> u8 {
    e.posts.iter().filter(|p| p.held_on(date)).map(|p| role_rank(&p.role)).max().unwrap_or(0)
}

/// True when the gap between two mentions is nothing, white space, or a possessive.
fn adjacent(gap: &str) -> bool {
    let g = gap.trim();
    g.is_empty() || matches!(g, "'s" | "’s" | "'" | "’" | "s'" | "s’")
}

/// True when the gap reads "of" or "of the" (any case, any spacing).
fn of_gap(gap: &str) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    match words.as_slice() {
        [of] => of.eq_ignore_ascii_case("of"),
        [of, the] => of.eq_ignore_ascii_case("of") && the.eq_ignore_ascii_case("the"),
        _ => false,
    }
}

fn case_ok(e: &Entry, surface: &str) -> bool {
    match e.case {
        CasePolicy::Any => true,
        CasePolicy::Capitalized => {
            surface.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)
        }
        CasePolicy::Exact => {
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

/// The mentions of a text, one paragraph at a time; see [`Matcher::extract_iter`].
pub struct Mentions<'m, 't> {
    matcher: &'m Matcher,
    text: &'t str,
    date: Option<Date>,
    pos: usize,
    queue: std::collections::VecDeque<Mention<'m>>,
    seen: FxHashSet<u32>,
    scan: Scan,
}

impl std::fmt::Debug for Mentions<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mentions").field("pos", &self.pos).finish_non_exhaustive()
    }
}

/// The end of the paragraph starting at `from`: just after the next blank line.
fn paragraph_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(off) = memchr_newline(&bytes[i..]) {
        let nl = i + off;
        let mut j = nl + 1;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'\n' {
            return j + 1;
        }
        i = nl + 1;
    }
    text.len()
}

fn memchr_newline(b: &[u8]) -> Option<usize> {
    b.iter().position(|&x| x == b'\n')
}

impl<'m> Iterator for Mentions<'m, '_> {
    type Item = Mention<'m>;

    fn next(&mut self) -> Option<Mention<'m>> {
        loop {
            if let Some(m) = self.queue.pop_front() {
                return Some(m);
            }
            if self.pos >= self.text.len() {
                return None;
            }
            let end = paragraph_end(self.text, self.pos);
            let chunk = &self.text[self.pos..end];
            let chosen = self.matcher.scan(chunk, &mut self.scan);
            let found = self.matcher.resolve_with(chunk, &chosen, self.date, &mut self.seen);
            let base = self.pos;
            self.queue.extend(found.into_iter().map(|mut m| {
                m.span.start += base;
                m.span.end += base;
                m
            }));
            self.pos = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Alias;

    #[test]
    fn is_send_sync() {
        fn check<T: Send + Sync + Clone + std::panic::UnwindSafe>() {}
        check::<Matcher>();
        check::<Gazetteer>();
    }

    /// Aliases that fold to nothing are reported with their entity, whether or not the
    /// aliases are tokenized on a thread of their own, and the build stops.
    /// (The gazetteer's own checks reject such aliases first; an unchecked gazetteer gets
    /// here.)
    #[cfg(feature = "embedded")]
    #[test]
    fn empty_aliases_are_reported_by_both_paths() {
        let mut ents = Vec::new();
        for i in 0..5 {
            let mut e = Entity::new(format!("org:o{i}"), EntityKind::Organization, "Forum");
            if i == 3 {
                e.aliases.push(Alias::new(" \u{200B} ", AliasKind::Alias));
            }
            ents.push(e);
        }
        let origins = vec![Location::default(); ents.len()];
        let g = Arc::new(Gazetteer::from_checked(ents, origins));
        for shards in [None, Some(2)] {
            let err = MatcherBuilder { shards, ..MatcherBuilder::default() }
                .build(g.clone())
                .unwrap_err();
            let text = err.to_string();
            assert!(text.contains("folds to nothing"), "{shards:?}: {text}");
            assert!(text.contains("org:o3"), "{shards:?}: {text}");
        }
    }

    /// A thread's lookup caches never answer for another matcher, however many matchers
    /// take turns on it, and whether or not they outlive each other.
    #[test]
    fn front_caches_belong_to_one_matcher() {
        let matcher = |word: &str| {
            let mut b = Gazetteer::builder();
            b.add(Entity::new(format!("org:{word}"), EntityKind::Organization, word));
            Matcher::new(b.build().unwrap()).unwrap()
        };
        let words = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"];
        let text = "Alpha met Bravo; Charlie, Delta, Echo and Foxtrot did not.";
        let found = |m: &Matcher| -> Vec<String> {
            m.extract(text, None).into_iter().map(|x| x.text).collect()
        };
        let matchers: Vec<Matcher> = words.iter().map(|w| matcher(w)).collect();
        for round in 0..3 {
            for (m, w) in matchers.iter().zip(words) {
                assert_eq!(found(m), [w], "round {round}");
            }
        }
        for w in words {
            // Built and dropped in turn, possibly at the same address each time.
            assert_eq!(found(&matcher(w)), [w]);
        }
    }

    /// Flushing the code string early (at tokens no long alias contains), or splitting the
    /// aliases among several automata, changes nothing.
    #[test]
    fn flushing_and_sharding_change_nothing() {
        let mut b = Gazetteer::builder();
        let mut add = |id: &str, name: &str, aliases: &[(&str, AliasKind)]| {
            let mut e = Entity::new(id, EntityKind::Organization, name);
            for &(a, k) in aliases {
                e.aliases.push(Alias::new(a, k));
            }
            b.add(e);
        };
        add("org:a", "Bank of the South", &[("BOS", AliasKind::Acronym)]);
        add("org:b", "Bank of the South Pacific", &[]);
        add("org:c", "South Pacific Forum", &[("Forum", AliasKind::Alias)]);
        add("org:d", "the Forum of the Bank", &[]);
        add("org:e", "Pacific", &[("bank", AliasKind::Alias)]);
        let g = Arc::new(b.build().unwrap());
        let m = Matcher::new(g.clone()).unwrap();
        let words = [
            "Bank", "of", "the", "South", "Pacific", "Forum", "BOS", "bos", "and", "rain", ".",
            "\n\n", "BANK", "OF",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut text = String::new();
        for _ in 0..5000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(words[(seed % words.len() as u64) as usize]);
            text.push(' ');
        }
        let key = |c: &Chosen| (c.span, c.pattern, c.single);
        let whole: Vec<_> =
            m.scan_flushing(&text, &mut Scan::default(), usize::MAX).iter().map(key).collect();
        assert!(whole.len() > 1000, "the text has matches ({})", whole.len());
        for every in [0, 1, 2, 3, 5, 64] {
            let flushed: Vec<_> =
                m.scan_flushing(&text, &mut Scan::default(), every).iter().map(key).collect();
            assert_eq!(flushed, whole, "flushing every {every} codes");
        }
        // (Forcing several automata also forces the tokenizing thread, in chunks of two
        // entities.)
        for shards in [2, 3, 7] {
            let sharded = MatcherBuilder { shards: Some(shards), ..MatcherBuilder::default() }
                .build(g.clone())
                .unwrap();
            assert_eq!(sharded.inner.automata.len(), shards);
            let found: Vec<_> =
                sharded.scan_flushing(&text, &mut Scan::default(), 64).iter().map(key).collect();
            assert_eq!(found, whole, "{shards} automata");
        }
    }
}
