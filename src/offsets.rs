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
        let mut extra = Vec::new();
        if !text.is_ascii() {
            let mut acc = 0;
            for (i, c) in text.char_indices() {
                let n = c.len_utf8();
                if n > 1 {
                    acc += n - 1;
                    extra.push((i + n, acc));
                }
            }
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
