//! The per-thread front cache of short-token lookups.

use super::vocab::{TokenInfo, Vocab};

/// How many matchers a thread keeps a [`FrontCache`] for: code that alternates between a
/// few matchers does not refill a cache on every call.
pub(crate) const FRONT_CACHES: usize = 4;

/// The front cache for the matcher `owner` among `caches`, made the most recent.
pub(crate) fn cache_for(caches: &mut Vec<FrontCache>, owner: u64) -> &mut FrontCache {
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
pub(crate) struct FrontCache {
    /// [`Scanner::uid`](super::Scanner::uid) of the matcher whose lookups the slots hold.
    pub(crate) owner: u64,
    /// (packed key, info); key 0 marks an empty slot.
    pub(crate) slots: Vec<(u64, TokenInfo)>,
}

pub(crate) const FRONT_BITS: u32 = 13;

impl FrontCache {
    pub(crate) fn reset_for(&mut self, owner: u64) {
        self.owner = owner;
        self.slots.clear();
        self.slots.resize(1 << FRONT_BITS, (0, TokenInfo::default()));
    }

    /// The info of the short token packed as `key` (not 0).
    #[inline]
    pub(crate) fn get(&mut self, key: u64, vocab: &Vocab) -> TokenInfo {
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

/// Source of [`Scanner::uid`](super::Scanner::uid).
pub(crate) static NEXT_UID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

#[cfg(test)]
mod tests {
    use crate::{Entity, EntityKind, Gazetteer, Matcher};

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
}
