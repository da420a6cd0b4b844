//! The scanner's vocabulary: alias entries, token keys and ids, and the pair filter.

use rustc_hash::FxHashMap;

use crate::date::Date;
use crate::model::{AliasKind, CasePolicy};

/// The id of the "unknown token" code; no alias contains it.
pub(crate) const UNKNOWN: u32 = 0;

/// One alias of one entity, as the scanner needs it.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) entity: u32,
    pub(crate) kind: AliasKind,
    pub(crate) case: CasePolicy,
    /// For [`CasePolicy::Exact`] and [`CasePolicy::ExactWord`]: the alias folded with its
    /// case kept, without spaces.
    pub(crate) exact: Option<Box<str>>,
    pub(crate) start: Option<Date>,
    pub(crate) end: Option<Date>,
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
pub(crate) struct Vocab {
    pub(crate) ascii: [TokenInfo; 128],
    pub(crate) short: FxHashMap<u64, TokenInfo>,
    pub(crate) medium: FxHashMap<u128, TokenInfo>,
    pub(crate) long: FxHashMap<Box<str>, TokenInfo>,
    pub(crate) len: u32,
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
pub(crate) enum TokenKey<L> {
    Ascii(u8),
    Short(u64),
    Medium(u128),
    Long(L),
}

impl<'a> TokenKey<&'a str> {
    /// The key of a token from the tokenizer: `key` and `key_hi` are its packed folded
    /// form when not 0, and then `folded` need only have the right length.
    #[inline]
    pub(crate) fn new(folded: &'a str, key: u64, key_hi: u64) -> TokenKey<&'a str> {
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

    pub(crate) fn into_owned(self) -> TokenKey<Box<str>> {
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
pub(crate) fn pack(token: &[u8]) -> u128 {
    let mut key = [0u8; 16];
    key[..token.len()].copy_from_slice(token);
    u128::from_le_bytes(key)
}

impl Vocab {
    /// The id of the token keyed `key`, a new one if it has none yet.
    pub(crate) fn insert(&mut self, key: TokenKey<Box<str>>) -> u32 {
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

    pub(crate) fn len(&self) -> usize {
        self.len as usize
    }

    /// Replaces each token's id by its full info (`tokens`, by id).
    pub(crate) fn annotate(&mut self, tokens: &[TokenInfo]) {
        let info = |v: &mut TokenInfo| *v = tokens[v.code as usize];
        self.ascii.iter_mut().for_each(info);
        self.short.values_mut().for_each(info);
        self.medium.values_mut().for_each(info);
        self.long.values_mut().for_each(info);
    }

    /// The info of a token of a text (see [`TokenKey::new`]); unknown tokens get the
    /// default (id [`UNKNOWN`], no flags).
    #[inline]
    pub(crate) fn get(&self, folded: &str, key: u64, key_hi: u64) -> TokenInfo {
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
pub(crate) struct TokenInfo {
    /// The token id, with [`MULTI`] and [`FIRST`] in its top bits.
    pub(crate) code: u32,
    /// The single-token pattern the token forms, + 1 (0 for none).
    pub(crate) single: u32,
}

/// Flag of [`TokenInfo::code`]: the token occurs in some alias of two or more tokens.
pub(crate) const MULTI: u32 = 1 << 31;
/// Flag of [`TokenInfo::code`]: the token starts some alias of two or more tokens.
pub(crate) const FIRST: u32 = 1 << 30;

impl TokenInfo {
    #[inline]
    pub(crate) fn id(self) -> u32 {
        self.code & !(MULTI | FIRST)
    }
}

/// A Bloom-style filter of the (first, second) token pairs that begin aliases of two or
/// more tokens, one bit per hashed pair: most tokens that can start such an alias are not
/// followed by a token that continues one, and the filter spares the automaton those.
#[derive(Debug, Default)]
pub(crate) struct PairFilter {
    pub(crate) bits: Vec<u64>,
    pub(crate) shift: u32,
}

impl PairFilter {
    pub(crate) fn new(pairs: impl ExactSizeIterator<Item = (u32, u32)>) -> PairFilter {
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
    pub(crate) fn hash(&self, a: u32, b: u32) -> usize {
        let x = (u64::from(a) << 32 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (x >> self.shift) as usize
    }

    #[inline]
    pub(crate) fn may_contain(&self, a: u32, b: u32) -> bool {
        let h = self.hash(a, b);
        self.bits[h / 64] & (1 << (h % 64)) != 0
    }
}
