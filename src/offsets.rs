//! Byte offsets to code-point offsets.

/// Converts byte offsets of one text into code-point offsets (what Python's `str` indexes).
///
/// Build it once per text; each lookup is a binary search over the text's non-ASCII
/// characters, so pure-ASCII texts cost nothing.
///
/// ```
/// use geopol::CharOffsets;
/// let text = "İstanbul and Ankara";
/// let map = CharOffsets::new(text);
/// let byte = text.find("Ankara").unwrap();
/// assert_eq!(byte, 14);
/// assert_eq!(map.char_offset(byte), 13);
/// ```
#[derive(Clone, Debug)]
pub struct CharOffsets {
    /// For each non-ASCII character: (byte offset just after it, extra bytes so far).
    extra: Vec<(usize, usize)>,
}

impl CharOffsets {
    /// Prepares the conversion for `text`.
    pub fn new(text: &str) -> CharOffsets {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let b = text.as_bytes();
        let mut extra = Vec::new();
        let (mut i, mut acc) = (0, 0);
        while i < b.len() {
            // Runs of ASCII, eight bytes at a time.
            while let Some(chunk) = b.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
                if word & HIGH != 0 {
                    break;
                }
                i += 8;
            }
            let Some(&lead) = b.get(i) else { break };
            if lead < 0x80 {
                i += 1;
                continue;
            }
            // `text` is valid UTF-8: `i` is at the lead byte of a character.
            let n = match lead {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            acc += n - 1;
            extra.push((i + n, acc));
            i += n;
        }
        CharOffsets { extra }
    }

    /// The code-point offset of byte offset `byte` (which must be a character boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        let k = self.extra.partition_point(|&(end, _)| end <= byte);
        if k == 0 {
            byte
        } else {
            byte - self.extra[k - 1].1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_boundary_maps_to_its_code_point_index() {
        let texts = [
            "",
            "plain ASCII text that is longer than eight bytes",
            "İstanbul → ANKARA (Türkiye) 🇹🇷 and 日本, abcdefgh€abcdefgh",
            "€",
            "ab€cdefghijklmnop𝄞",
        ];
        for text in texts {
            let map = CharOffsets::new(text);
            for (k, (i, _)) in text.char_indices().chain([(text.len(), ' ')]).enumerate() {
                assert_eq!(map.char_offset(i), k, "{text:?} at byte {i}");
            }
        }
    }
}
