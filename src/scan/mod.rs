//! Text → candidate spans: tokens to codes, the automata search, and the merge.
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

//!
//! The parts: [`vocab`] (alias entries, tokens and their ids), [`build`] (compiling a
//! gazetteer), [`case`] (the case policy), [`cache`] (the per-thread front cache).

pub(crate) mod build;
mod cache;
mod case;
mod vocab;

use aho_corasick::{AhoCorasick, Anchored, Input};

use crate::fold::for_each_token_keyed;
use crate::mention::Span;

use self::cache::{cache_for, FrontCache};
pub(crate) use self::case::case_ok;
pub(crate) use self::vocab::Entry;
use self::vocab::{PairFilter, Vocab, FIRST, MULTI, UNKNOWN};

/// A compiled gazetteer as the scanner sees it: the vocabulary, the automata and the alias
/// entries of every pattern. Made by [`build::BuildOptions::compile`].
#[derive(Debug)]
pub(crate) struct Scanner {
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
}

#[inline]
pub(crate) fn push_code(out: &mut Vec<u8>, id: u32, width: usize) {
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
pub(crate) struct Chosen {
    pub(crate) span: Span,
    pub(crate) pattern: u32,
    /// The alias is one token.
    pub(crate) single: bool,
}

/// Scratch buffers for one scan, reused across calls on a thread.
#[derive(Default)]
pub(crate) struct Scan {
    pub(crate) codes: Codes,
    pub(crate) buf: String,
    /// The front caches of the last few matchers used on this thread, most recent first.
    pub(crate) caches: Vec<FrontCache>,
}

/// The code string of the part of a text scanned since the last flush.
#[derive(Default)]
pub(crate) struct Codes {
    pub(crate) hay: Vec<u8>,
    /// Original byte span of each code of `hay`.
    pub(crate) spans: Vec<(usize, usize)>,
    /// Single-token candidates: span and pattern.
    pub(crate) singles: Vec<(Span, u32)>,
    /// Codes of `hay` where an alias of two or more tokens may start, and their token ids.
    pub(crate) starts: Vec<(u32, u32)>,
    /// Aliases of two or more tokens found by the last flush.
    pub(crate) multis: Vec<Chosen>,
}

impl Codes {
    pub(crate) fn clear(&mut self) {
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
pub(crate) const FLUSH_CODES: usize = 1 << 13;

impl Scanner {
    /// The aliases that pattern `p` stands for.
    #[inline]
    pub(crate) fn entries_of(&self, p: u32) -> &[Entry] {
        &self.entries[self.offsets[p as usize] as usize..self.offsets[p as usize + 1] as usize]
    }

    /// The number of distinct folded aliases (automaton patterns).
    pub(crate) fn pattern_count(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The candidates of `text`, in order of position.
    pub(crate) fn scan(&self, text: &str, s: &mut Scan) -> Vec<Chosen> {
        self.scan_flushing(text, s, FLUSH_CODES)
    }

    /// [`Scanner::scan`], flushing every `flush_codes` codes (at the next safe point).
    fn scan_flushing(&self, text: &str, s: &mut Scan, flush_codes: usize) -> Vec<Chosen> {
        let inner = self;
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
        let inner = self;
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
}

/// The most bytes resolved together: a paragraph longer than this is resolved in pieces
/// (see [`piece_end`]), so that memory stays bounded on any text and the candidates of a
/// piece stay in cache.
pub(crate) const PIECE_BYTES: usize = 1 << 16;

/// The end of the piece of text starting at `from`, the unit that is scanned and resolved
/// at once: just after the next blank line (the end of the paragraph) when that is at most
/// [`PIECE_BYTES`] away. A longer paragraph is cut just after its last line end within
/// `PIECE_BYTES`; without one, just after its last sentence end (". " after a lower-case
/// letter), else its last space or tab; a piece never ends inside a word, so a word longer
/// than the limit ends the piece just after it. The cut is the only place where an alias
/// cannot match across a single line end. Linear in the bytes looked at.
pub(crate) fn piece_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let limit = (from + PIECE_BYTES).min(bytes.len());
    let window = &bytes[from..limit];
    let mut last_nl = None;
    for nl in memchr::memchr_iter(b'\n', window) {
        last_nl = Some(nl);
        let rest = &window[nl + 1..];
        let blank = rest.iter().position(|&b| !matches!(b, b' ' | b'\t' | b'\r'));
        if let Some(k) = blank.filter(|&k| rest[k] == b'\n') {
            return from + nl + 1 + k + 1;
        }
    }
    if limit == bytes.len() {
        return limit;
    }
    if let Some(nl) = last_nl {
        return from + nl + 1;
    }
    let spaces = |b: u8| b == b' ' || b == b'\t';
    let sentence = window.windows(3).rposition(|w| {
        w[0].is_ascii_lowercase() && matches!(w[1], b'.' | b'!' | b'?') && spaces(w[2])
    });
    if let Some(k) = sentence {
        return from + k + 3;
    }
    if let Some(k) = memchr::memrchr2(b' ', b'\t', window) {
        return from + k + 1;
    }
    match memchr::memchr3(b' ', b'\t', b'\n', &bytes[limit..]) {
        Some(k) => limit + k + 1,
        None => bytes.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::build::BuildOptions;
    use super::*;
    use crate::model::{Alias, AliasKind, Entity, EntityKind, Gazetteer};
    use crate::MatcherBuilder;

    /// The pieces of `text`, as `(start, end)`.
    fn pieces(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let end = piece_end(text, pos);
            assert!(end > pos && text.is_char_boundary(end), "{pos}..{end}");
            out.push((pos, end));
            pos = end;
        }
        out
    }

    #[test]
    fn a_piece_is_a_paragraph_when_short() {
        let text = "One line.\nTwo lines.\n \t\r\nNext paragraph.\n\nLast";
        let ends: Vec<&str> = pieces(text).iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(ends, ["One line.\nTwo lines.\n \t\r\n", "Next paragraph.\n\n", "Last"]);
    }

    #[test]
    fn a_long_paragraph_is_cut_at_a_line_end_then_a_sentence_then_a_space() {
        let line = "Chad and Niger met. ".repeat(50) + "\n";
        let text = line.repeat(PIECE_BYTES / line.len() * 3);
        for (a, b) in pieces(&text) {
            assert!(b - a <= PIECE_BYTES);
            assert!(text[..b].ends_with('\n'), "cut at {b}");
        }
        // No line end: the last sentence end within the limit.
        let text = "Chad and Niger met. The U.S. envoy came. ".repeat(PIECE_BYTES / 20);
        for (a, b) in pieces(&text) {
            assert!(b - a <= PIECE_BYTES);
            assert!(
                b == text.len() || text[..b].ends_with("met. ") || text[..b].ends_with("came. ")
            );
        }
        // No sentence end either: the last space, never inside a word (nor a character).
        let text = "Çavuşoğlu ".repeat(PIECE_BYTES / 5);
        for (a, b) in pieces(&text) {
            assert!(b - a <= PIECE_BYTES);
            assert!(b == text.len() || text[..b].ends_with(' '));
        }
        // A word longer than the limit is a piece of its own, whole.
        let long = "x".repeat(PIECE_BYTES * 2);
        let text = format!("Chad {long} Niger");
        let ps = pieces(&text);
        assert_eq!(ps.iter().map(|&(a, b)| &text[a..b]).collect::<String>(), text);
        assert!(ps.iter().any(|&(a, b)| text[a..b].contains(&long)), "{ps:?}");
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
        let g = b.build().unwrap();
        let builder = MatcherBuilder::default();
        let m = builder.build_options().compile(&g).unwrap();
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
            let sharded = BuildOptions { shards: Some(shards), ..builder.build_options() }
                .compile(&g)
                .unwrap();
            assert_eq!(sharded.automata.len(), shards);
            let found: Vec<_> =
                sharded.scan_flushing(&text, &mut Scan::default(), 64).iter().map(key).collect();
            assert_eq!(found, whole, "{shards} automata");
        }
    }
}
