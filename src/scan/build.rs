//! Compiling a gazetteer into a [`Scanner`]: tokens interned, patterns grouped, automata
//! built.

use std::hash::BuildHasher;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};
use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashSet};

use crate::error::{Error, ErrorKind, Location, Problem, Result};
use crate::fold::{self, for_each_token_keyed};
use crate::model::{case_policy, AliasKind, CasePolicy, Entity, EntityKind, Gazetteer};

use super::cache::NEXT_UID;
use super::case::alias_form;
use super::vocab::{Entry, PairFilter, TokenInfo, TokenKey, Vocab, FIRST, MULTI};
use super::{push_code, Scanner};

/// Sets of fewer aliases of two or more tokens than this get one automaton.
pub(crate) const SHARD_MIN: usize = 100_000;
/// At most this many automata.
pub(crate) const MAX_SHARDS: usize = 8;

/// What compiling a gazetteer needs of a [`MatcherBuilder`](crate::MatcherBuilder)'s
/// options.
#[derive(Clone, Copy, Debug)]
pub(crate) struct BuildOptions<'a> {
    /// Only entities of these kinds.
    pub(crate) kinds: &'a [EntityKind],
    /// Whether surname aliases are kept.
    pub(crate) surnames: bool,
    /// How many automata to split the aliases of two or more tokens among; `None` decides
    /// by their number and the machine. Only tests set it.
    pub(crate) shards: Option<usize>,
}

impl BuildOptions<'_> {
    /// Compiles `gazetteer`. Fails when an alias cannot be tokenized (it folds to
    /// nothing) or the automaton cannot be built.
    pub(crate) fn compile(&self, gazetteer: &Gazetteer) -> Result<Scanner> {
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
        let (entries, offsets) = dedup_entries(made, offsets);
        Ok(Scanner {
            vocab,
            uid: NEXT_UID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            width,
            automata,
            pairs,
            offsets,
            entries,
        })
    }

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

/// The aliases of a run of entities, tokenized: their token keys end to end, and for each
/// alias (end of its keys, entity index, alias index: 0 for the name, i + 1 for
/// `aliases[i]`). An alias that folds to nothing has no keys.
pub(crate) struct Tokenized {
    pub(crate) keys: Vec<TokenKey<Box<str>>>,
    pub(crate) aliases: Vec<(u32, u32, u32)>,
}

/// Gazetteers of at least this many entities are tokenized on a thread of their own while
/// the builder interns what it has read, in chunks of [`PIPELINE_CHUNK`] entities.
pub(crate) const PIPELINE_MIN: usize = 50_000;
pub(crate) const PIPELINE_CHUNK: usize = 16_384;

/// Each pattern's entries once per (entity, kind, case): `made` holds the entries of
/// pattern `p` at `offsets[p]..offsets[p + 1]`; gives the kept entries with their new
/// offsets. Linear in the entries: a pattern with many entries ("Smith", the surname of
/// thousands of officials) finds its duplicates in a hash set, not by comparing every
/// entry with those kept before it.
pub(crate) fn dedup_entries(made: Vec<Entry>, mut offsets: Vec<u32>) -> (Vec<Entry>, Vec<u32>) {
    /// Up to this many entries a pattern compares them pairwise (no hashing).
    const SMALL: usize = 16;
    let n_patterns = offsets.len() - 1;
    let mut entries: Vec<Entry> = Vec::with_capacity(made.len());
    let mut made = made.into_iter();
    let mut seen: FxHashSet<(u32, AliasKind, CasePolicy)> = FxHashSet::default();
    let mut kept = 0u32;
    for p in 0..n_patterns {
        let group = (offsets[p + 1] - offsets[p]) as usize;
        offsets[p] = kept;
        let first = entries.len();
        if group <= SMALL {
            for entry in made.by_ref().take(group) {
                let dup = entries[first..].iter().any(|o| {
                    o.entity == entry.entity && o.kind == entry.kind && o.case == entry.case
                });
                if !dup {
                    entries.push(entry);
                }
            }
        } else {
            seen.clear();
            for entry in made.by_ref().take(group) {
                if seen.insert((entry.entity, entry.kind, entry.case)) {
                    entries.push(entry);
                }
            }
        }
        kept = entries.len() as u32;
    }
    offsets[n_patterns] = kept;
    (entries, offsets)
}

/// The entry of form `ai` of entity `ei` (see [`alias_form`]).
pub(crate) fn make_entry(ei: u32, e: &Entity, ai: u32) -> Entry {
    let (text, kind, case, start, end) = alias_form(e, ai);
    let case = case_policy(text, kind, case);
    let exact = matches!(case, CasePolicy::Exact | CasePolicy::ExactWord).then(|| {
        let mut s = String::new();
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            fold::fold_char_keep_case(c, &mut s);
        }
        s.into_boxed_str()
    });
    Entry { entity: ei, kind, case, exact, start, end }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::error::Location;
    use crate::model::Alias;
    use crate::MatcherBuilder;

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
            let builder = MatcherBuilder::default();
            let err = BuildOptions { shards, ..builder.build_options() }.compile(&g).unwrap_err();
            let text = err.to_string();
            assert!(text.contains("folds to nothing"), "{shards:?}: {text}");
            assert!(text.contains("org:o3"), "{shards:?}: {text}");
        }
    }

    /// Each pattern keeps one entry per (entity, kind, case), first come first kept, in
    /// order, for small groups (pairwise) and large ones (hashed) alike.
    #[test]
    fn dedup_keeps_the_first_entry_of_each_entity_kind_and_case() {
        let entry = |entity: u32, kind: AliasKind, case: CasePolicy| Entry {
            entity,
            kind,
            case,
            exact: None,
            start: None,
            end: None,
        };
        let (s, n) = (AliasKind::Surname, AliasKind::Name);
        let (any, cap) = (CasePolicy::Any, CasePolicy::Capitalized);
        // Pattern 0: 3 entries, one a duplicate; pattern 1: 5,000 entries, every entity
        // twice with the same kind and case, some a third time with another kind.
        let mut made = vec![entry(0, s, any), entry(1, s, any), entry(0, s, any)];
        for e in 0..2_500 {
            made.push(entry(e, s, cap));
            made.push(entry(e, s, cap));
        }
        for e in 0..10 {
            made.push(entry(e, n, cap));
        }
        let offsets = vec![0, 3, made.len() as u32];
        let (kept, offsets) = dedup_entries(made, offsets);
        assert_eq!(offsets, vec![0, 2, 2 + 2_500 + 10]);
        let key = |e: &Entry| (e.entity, e.kind, e.case);
        assert_eq!(kept[..2].iter().map(key).collect::<Vec<_>>(), [(0, s, any), (1, s, any)]);
        let big: Vec<_> = kept[2..].iter().map(key).collect();
        let want: Vec<_> =
            (0..2_500).map(|e| (e, s, cap)).chain((0..10).map(|e| (e, n, cap))).collect();
        assert_eq!(big, want);
    }
}
