//! Folding: the one normalization applied to both aliases and text.
//!
//! Folding maps each character of a text independently (so that every folded byte can be
//! traced to the original character it came from):
//!
//! - letters are lower-cased and lose their diacritics by compatibility decomposition
//!   (`Ç→c`, `ş→s`, `ğ→g`, `ő→o`, `İ→i`, `ﬁ→fi`); a few letters that do not decompose are
//!   mapped by a table of ours (`ı→i`, `ø→o`, `ł→l`, `đ→d`, `ß→ss`, `æ→ae`, `œ→oe`,
//!   `þ→th`, `ð→d`, `ħ→h`, `ŀ→l`, `ς→σ`);
//! - typographic apostrophes and quotes become `'` and `"`, dashes and minus signs `-`;
//! - every run of white space becomes one space;
//! - zero-width and format characters (soft hyphen, zero-width joiners, byte-order mark)
//!   vanish.
//!
//! Matching works on **tokens** of the folded text: a *word* is a maximal run of letters,
//! digits and combining marks; every other non-space character is a token of its own. So
//! an alias only ever matches whole words ("Tokayev" is not found inside "Tokayevich", nor
//! "Niger" inside "Nigeria"), while a following possessive or hyphen ("Kazakhstan's",
//! "Russian-led") does not prevent a match.
//!
//! ```
//! use geopol::fold::fold;
//! let f = fold("İstanbul’s  ÇAVUŞOĞLU");
//! assert_eq!(f.as_str(), "istanbul's cavusoglu");
//! // Every folded byte maps back to the start of the original character.
//! let i = f.as_str().find("cavusoglu").unwrap();
//! assert_eq!(f.original_offset(i), "İstanbul’s  ".len());
//! ```

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A folded copy of a text with a map from every folded byte back to the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoldedText {
    folded: String,
    /// `map[i]` is the byte offset, in the original text, of the character that produced
    /// folded byte `i`; `map[folded.len()]` is the length of the original text.
    map: Vec<usize>,
}

impl FoldedText {
    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    /// The original byte offset of the character that produced folded byte `i`
    /// (`i == len` gives the original length).
    ///
    /// # Panics
    ///
    /// When `i` is greater than the folded length.
    pub fn original_offset(&self, i: usize) -> usize {
        self.map[i]
    }

    /// The original byte span covering folded bytes `start..end`: from the start of the
    /// character that produced `start` to the end of the one that produced `end - 1`.
    /// The result always lies on character boundaries of the original text.
    ///
    /// # Panics
    ///
    /// When the span is out of range or `start > end`.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        assert!(start <= end && end <= self.folded.len(), "span out of range");
        if start == end {
            let o = self.map[start];
            return (o, o);
        }
        // The end of the original character behind byte end-1 is the next distinct offset.
        let last = self.map[end - 1];
        let mut j = end;
        while self.map[j] == last {
            j += 1;
        }
        (self.map[start], self.map[j])
    }

    /// The whole map (one entry per folded byte, plus one for the end).
    pub fn offsets(&self) -> &[usize] {
        &self.map
    }
}

/// Folds `text`, keeping a map back to its bytes. See the [module docs](self).
pub fn fold(text: &str) -> FoldedText {
    let mut folded = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                folded.push(' ');
                map.push(at);
                in_space = true;
            }
            continue;
        }
        in_space = false;
        let before = folded.len();
        fold_char(c, &mut folded);
        map.extend(std::iter::repeat_n(at, folded.len() - before));
    }
    map.push(text.len());
    FoldedText { folded, map }
}

/// Folds `text` to a string with white space trimmed: what aliases are compared by.
///
/// ```
/// assert_eq!(geopol::fold::fold_str("  Mevlüt  Çavuşoğlu "), "mevlut cavusoglu");
/// ```
pub fn fold_str(text: &str) -> String {
    let f = fold(text);
    f.folded.trim_matches(' ').to_string()
}

/// The folded tokens of `text` (words and single punctuation marks), in order.
///
/// ```
/// assert_eq!(geopol::fold::tokens("Guinea–Bissau’s"), ["guinea", "-", "bissau", "'", "s"]);
/// ```
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for_each_token(text, &mut buf, |t| out.push(t.folded.to_string()));
    out
}

/// The number of word tokens in `text` (an alias with none "folds to nothing").
pub fn word_count(text: &str) -> usize {
    let mut n = 0;
    let mut buf = String::new();
    for_each_token(text, &mut buf, |t| n += usize::from(t.is_word));
    n
}

/// One token of a text, as the scanner sees it.
#[derive(Debug)]
pub(crate) struct Token<'b> {
    /// Original byte span.
    pub start: usize,
    pub end: usize,
    /// The folded form (from [`for_each_token_keyed`], the original text when `key` is
    /// not 0).
    pub folded: &'b str,
    pub is_word: bool,
    /// For an ASCII word of at most 8 bytes (when 8 bytes can be read from its start) or an
    /// ASCII punctuation mark: its folded bytes packed little-endian into a `u64`, what the
    /// vocabulary is keyed by; else 0.
    pub key: u64,
    /// For an ASCII word of 9 to 16 bytes (when 16 bytes can be read from its start): its
    /// folded bytes 9 to 16 packed like `key`, which then holds the first eight; else 0.
    pub key_hi: u64,
    /// True when the white space before this token holds a paragraph break (two or more
    /// line breaks): aliases never match across one.
    pub after_break: bool,
}

/// True for characters that are part of words.
#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || is_invisible(c)
}

/// Format characters that vanish inside words.
#[inline]
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Byte classes of the ASCII fast path.
const LOWER: u8 = 0;
const UPPER: u8 = 1;
const SPACE: u8 = 2;
const NEWLINE: u8 = 3;
const CONTROL: u8 = 4;
const PUNCT: u8 = 5;
const NON_ASCII: u8 = 6;

static CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() || c.is_ascii_digit() {
            LOWER
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c == b'\n' {
            NEWLINE
        } else if c == b' ' || c == b'\t' || c == b'\r' || c == 0x0b || c == 0x0c {
            SPACE
        } else if c.is_ascii_control() {
            CONTROL
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

/// Calls `f` with every token of `text`, in order. `buf` is scratch space.
pub(crate) fn for_each_token(text: &str, buf: &mut String, f: impl FnMut(Token<'_>)) {
    tokens_with::<false>(text, buf, f)
}

/// [`for_each_token`] for callers that look tokens up by [`Token::key`] when it is not 0:
/// the `folded` of such a token is its original text (of the same length), which spares
/// lower-casing a copy of every capitalized word.
pub(crate) fn for_each_token_keyed(text: &str, buf: &mut String, f: impl FnMut(Token<'_>)) {
    tokens_with::<true>(text, buf, f)
}

fn tokens_with<const KEYED: bool>(text: &str, buf: &mut String, mut f: impl FnMut(Token<'_>)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    let mut newlines = 0u32;
    while i < n {
        match CLASS[bytes[i] as usize] {
            LOWER | UPPER => {
                let start = i;
                let after_break = newlines >= 2;
                newlines = 0;
                // Fast path: a word that is ASCII to its end.
                i = ascii_word_end(bytes, i);
                let slow = i < n && bytes[i] >= 0x80 && next_is_word_char(text, i);
                let (key, key_hi) = if slow { (0, 0) } else { ascii_key(bytes, start, i) };
                // A lower-cased copy, unless the word is already lower case or (for a keyed
                // caller) its key says all there is.
                let copy = slow
                    || (!(KEYED && key != 0) && bytes[start..i].iter().any(u8::is_ascii_uppercase));
                let folded: &str = if copy {
                    buf.clear();
                    buf.push_str(&text[start..i]);
                    buf.make_ascii_lowercase();
                    if slow {
                        i = slow_word(text, i, buf);
                    }
                    buf
                } else {
                    &text[start..i]
                };
                f(Token { start, end: i, folded, is_word: true, after_break, key, key_hi });
            }
            SPACE => i += 1,
            NEWLINE => {
                newlines += 1;
                i += 1;
            }
            CONTROL => i += 1,
            PUNCT => {
                let after_break = newlines >= 2;
                newlines = 0;
                let folded = &text[i..i + 1];
                let key = u64::from(bytes[i]);
                let t = Token {
                    start: i,
                    end: i + 1,
                    folded,
                    is_word: false,
                    after_break,
                    key,
                    key_hi: 0,
                };
                f(t);
                i += 1;
            }
            _ => {
                let c = text[i..].chars().next().expect("on a char boundary");
                if is_word_char(c) {
                    let start = i;
                    let after_break = newlines >= 2;
                    newlines = 0;
                    buf.clear();
                    i = slow_word(text, i, buf);
                    if buf.is_empty() {
                        // Only invisible characters or lone marks: no token.
                        continue;
                    }
                    let t = Token {
                        start,
                        end: i,
                        folded: buf,
                        is_word: true,
                        after_break,
                        key: 0,
                        key_hi: 0,
                    };
                    f(t);
                } else if c.is_whitespace() {
                    newlines += u32::from(matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}'));
                    i += c.len_utf8();
                } else if c.is_control() {
                    i += c.len_utf8();
                } else {
                    let after_break = newlines >= 2;
                    newlines = 0;
                    buf.clear();
                    fold_char(c, buf);
                    let end = i + c.len_utf8();
                    if !buf.is_empty() {
                        let t = Token {
                            start: i,
                            end,
                            folded: buf,
                            is_word: false,
                            after_break,
                            key: 0,
                            key_hi: 0,
                        };
                        f(t);
                    }
                    i = end;
                }
            }
        }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` (little-endian) that is an ASCII letter or digit.
#[inline]
fn alnum_bytes(w: u64) -> u64 {
    let x = w & !HIGH;
    // For bytes of at most 0x7f, `x + (0x80 - n)` sets a byte's high bit exactly when it is
    // at least `n`, with no carry into the next byte.
    let at_least = |x: u64, n: u8| x.wrapping_add(ONES * u64::from(0x80 - n)) & HIGH;
    let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
    let l = x | (ONES * 0x20);
    let letter = at_least(l, b'a') & !at_least(l, b'z' + 1);
    (digit | letter) & !w
}

/// The end of the run of ASCII letters and digits that starts at `i`, found eight bytes at
/// a time (no branch per byte, whose misprediction at each word's end was the tokenizer's
/// main cost).
#[inline]
fn ascii_word_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(window) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(window.try_into().expect("8 bytes"));
        let stop = !alnum_bytes(w) & HIGH;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && matches!(CLASS[bytes[i] as usize], LOWER | UPPER) {
        i += 1;
    }
    i
}

/// The packed keys of the ASCII word `bytes[start..end]`: for at most 8 bytes, when 8 can
/// be read from `start`, one unaligned read, lower-cased by setting bit 5 of every byte
/// (right for ASCII letters and digits alike) and masked to the word's length; for 9 to 16
/// bytes, when 16 can be read, the same over two reads (`key`, `key_hi`). Else (0, 0).
#[inline]
fn ascii_key(bytes: &[u8], start: usize, end: usize) -> (u64, u64) {
    const CASE: u64 = 0x2020_2020_2020_2020;
    let len = end - start;
    let read = |at: usize| {
        bytes.get(at..at + 8).map(|w| u64::from_le_bytes(w.try_into().expect("8 bytes")))
    };
    let mask = |n: usize| if n >= 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
    if len <= 8 {
        match read(start) {
            Some(w) => ((w | CASE) & mask(len), 0),
            None => (0, 0),
        }
    } else if len <= 16 {
        match (read(start), read(start + 8)) {
            (Some(lo), Some(hi)) => (lo | CASE, (hi | CASE) & mask(len - 8)),
            _ => (0, 0),
        }
    } else {
        (0, 0)
    }
}

fn next_is_word_char(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_some_and(is_word_char)
}

/// Folds the word starting at byte `i` into `buf`; returns the byte offset after it.
fn slow_word(text: &str, mut i: usize, buf: &mut String) -> usize {
    for c in text[i..].chars() {
        if !is_word_char(c) {
            break;
        }
        fold_char(c, buf);
        i += c.len_utf8();
    }
    i
}

/// Appends the folded form of one character.
#[inline]
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if let Some(s) = special(c) {
        out.push_str(s);
        return;
    }
    if is_invisible(c) || is_combining_mark(c) {
        return;
    }
    for l in c.to_lowercase() {
        decompose_compatible(l, |d| {
            if !is_combining_mark(d) {
                for dl in d.to_lowercase() {
                    match special(dl) {
                        Some(s) => out.push_str(s),
                        None => out.push(dl),
                    }
                }
            }
        });
    }
}

/// Our own mappings: letters without a decomposition, and punctuation unified.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ı' => "i",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'þ' | 'Þ' => "th",
        'ħ' | 'Ħ' => "h",
        'ŀ' | 'Ŀ' => "l",
        'ς' => "σ",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{02B9}' | '\u{FF07}' | '`' | '\u{00B4}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{FF02}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => "-",
        _ => return None,
    })
}

/// Folds `c` keeping its case (diacritics still removed): for exact-case comparisons.
pub(crate) fn fold_char_keep_case(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c);
        return;
    }
    if is_invisible(c) || is_combining_mark(c) {
        return;
    }
    if c == 'İ' {
        out.push('I');
        return;
    }
    let mut tmp = String::new();
    fold_char(c, &mut tmp);
    if c.is_uppercase() {
        out.extend(tmp.chars().flat_map(char::to_uppercase));
    } else {
        out.push_str(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_letters() {
        assert_eq!(fold_str("Çavuşoğlu"), "cavusoglu");
        assert_eq!(fold_str("ÇAVUŞOĞLU"), "cavusoglu");
        assert_eq!(fold_str("Szijjártó"), "szijjarto");
        assert_eq!(fold_str("Łódź Ørsted Straße"), "lodz orsted strasse");
        assert_eq!(fold_str("İSTANBUL ıstanbul"), "istanbul istanbul");
        assert_eq!(fold_str("Œuvre Ǆ ﬁnal"), "oeuvre dž final".replace('ž', "z"));
        assert_eq!(fold_str("Kazakhstan’s — “x”"), "kazakhstan's - \"x\"");
    }

    #[test]
    fn map_points_to_char_starts() {
        let t = "aİb ß\u{301}c";
        let f = fold(t);
        for (i, &o) in f.offsets().iter().enumerate() {
            assert!(t.is_char_boundary(o), "byte {i} maps into a char");
        }
        assert_eq!(f.as_str(), "aib ssc");
        assert_eq!(f.original_span(1, 2), (1, 3));
        // The combining mark folds to nothing and stays with the letter before it.
        assert_eq!(f.original_span(4, 6), (5, 9));
        assert_eq!(f.original_span(0, f.as_str().len()), (0, t.len()));
    }

    #[test]
    fn tokens_split_punctuation() {
        assert_eq!(tokens("U.S.-led"), ["u", ".", "s", ".", "-", "led"]);
        assert_eq!(tokens("Tokayevich"), ["tokayevich"]);
        assert_eq!(tokens("Côte d’Ivoire"), ["cote", "d", "'", "ivoire"]);
        assert_eq!(tokens("ab\u{AD}cd"), ["abcd"]);
        assert_eq!(word_count(" \u{301} - "), 0);
    }

    #[test]
    fn paragraph_breaks_are_marked() {
        let mut breaks = Vec::new();
        let mut buf = String::new();
        for_each_token("a\nb\n\nc \r\n \r\nd", &mut buf, |t| breaks.push(t.after_break));
        assert_eq!(breaks, [false, false, true, true]);
    }
}

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn word_ends_agree_with_the_byte_classes() {
        for b in 0..=255u8 {
            let alnum = b.is_ascii_alphanumeric();
            assert_eq!(matches!(CLASS[b as usize], LOWER | UPPER), alnum, "byte {b:#x}");
            for at in 0..8 {
                let mut w = *b"abcdefgh";
                w[at] = b;
                let end = ascii_word_end(&w, 0);
                assert_eq!(end, if alnum { 8 } else { at }, "byte {b:#x} at {at}");
            }
        }
        let text = b"Tokayevich, 2022-01-11 Kazakhstan's OTS";
        let mut i = 0;
        let mut words = Vec::new();
        while i < text.len() {
            if text[i].is_ascii_alphanumeric() {
                let end = ascii_word_end(text, i);
                words.push(std::str::from_utf8(&text[i..end]).unwrap());
                i = end;
            } else {
                i += 1;
            }
        }
        assert_eq!(words, ["Tokayevich", "2022", "01", "11", "Kazakhstan", "s", "OTS"]);
    }

    #[test]
    fn ascii_keys_pack_the_folded_bytes() {
        let pack = |s: &str| {
            let mut k = [0u8; 8];
            k[..s.len()].copy_from_slice(s.as_bytes());
            u64::from_le_bytes(k)
        };
        let text = "KAZAKH G20 x Tokayevich INTERNATIONALIZATION and Mukhtar the";
        let mut keys = Vec::new();
        let mut buf = String::new();
        for_each_token(text, &mut buf, |t| keys.push((t.folded.to_string(), t.key, t.key_hi)));
        assert_eq!(keys[0], ("kazakh".to_string(), pack("kazakh"), 0));
        assert_eq!(keys[1], ("g20".to_string(), pack("g20"), 0));
        assert_eq!(keys[2], ("x".to_string(), pack("x"), 0));
        assert_eq!(keys[3], ("tokayevich".to_string(), pack("tokayevi"), pack("ch")));
        // Longer than 16 bytes, and too close to the end for a window: no key.
        assert_eq!(keys[4].1, 0);
        assert_eq!(keys[5], ("and".to_string(), pack("and"), 0));
        assert_eq!(keys[6], ("mukhtar".to_string(), pack("mukhtar"), 0));
        assert_eq!(keys[7].1, 0);
    }
}
