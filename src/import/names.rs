//! Helpers for personal names: ids, spelling variants, surnames.

use crate::fold;

/// The id slug of a name: folded (lower case, no diacritics), every run of characters
/// other than ASCII letters and digits turned into one `-`, trimmed of `-`.
/// Non-Latin letters that fold to nothing ASCII are dropped, so a name in another script
/// can slug to the empty string (importers then fall back to another key).
///
/// ```
/// assert_eq!(geopol::import::slug("Mevlüt Çavuşoğlu"), "mevlut-cavusoglu");
/// assert_eq!(geopol::import::slug("Kassym-Jomart Tokayev"), "kassym-jomart-tokayev");
/// assert_eq!(geopol::import::slug("Ahmed Aboul Gheit's"), "ahmed-aboul-gheit-s");
/// assert_eq!(geopol::import::slug("Никола"), "");
/// ```
pub fn slug(name: &str) -> String {
    let folded = fold::fold_str(name);
    let mut out = String::with_capacity(folded.len());
    let mut dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// True when every letter of `s` is a Latin letter (and there is at least one).
pub(crate) fn is_latin(s: &str) -> bool {
    let mut any = false;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        any = true;
        if !is_latin_letter(c) {
            return false;
        }
    }
    any
}

fn is_latin_letter(c: char) -> bool {
    // Basic Latin, Latin-1, Latin Extended-A/B, IPA, spacing modifiers (ʻ), Latin
    // Extended Additional.
    c.is_ascii_alphabetic() || matches!(c as u32, 0xC0..=0x24F | 0x250..=0x2FF | 0x1E00..=0x1EFF)
}

/// `s` with diacritics removed but case kept, and with letters that have no ASCII form
/// (such as the Tongan ʻokina) left out: "Mevlüt Çavuşoğlu" → "Mevlut Cavusoglu".
pub(crate) fn ascii_variant(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let mut tmp = String::new();
        fold::fold_char_keep_case(c, &mut tmp);
        if c.is_whitespace() {
            out.push(' ');
        } else {
            out.extend(tmp.chars().filter(|c| c.is_ascii()));
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words that stand before a name but are not part of it.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "mme",
    "m",
    "mlle",
    "dr",
    "prof",
    "sir",
    "dame",
    "hon",
    "rt",
    "h.e",
    "he",
    "colonel",
    "col",
    "lieutenant-colonel",
    "lieutenant",
    "lt",
    "general",
    "gen",
    "capitaine",
    "captain",
    "capt",
    "major",
    "maj",
    "commandant",
    "admiral",
    "brigadier",
    "sheikh",
    "shaikh",
    "sheik",
    "cheikh",
    "le",
    "la",
    "sayyid",
];

/// Cleans one name form as found in a list of names: drops honorifics in front,
/// parenthesized notes and white space runs; `None` when nothing usable is left (or the
/// form is not in Latin script).
pub(crate) fn clean_name(raw: &str) -> Option<String> {
    let mut s = raw.trim().to_string();
    if let Some(i) = s.find('(') {
        s.truncate(i);
    }
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while words.len() > 2 {
        let w = words[0].trim_end_matches('.').to_lowercase();
        let w = w.trim_end_matches('.');
        if HONORIFICS.contains(&w) || w.starts_with("dr.") {
            words.remove(0);
        } else {
            break;
        }
    }
    let s = words.join(" ");
    let s = s.trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace()).to_string();
    if s.is_empty() || !is_latin(&s) || fold::word_count(&s) == 0 {
        return None;
    }
    // ALL-CAPS forms ("MME NASSENEBA TOURE") add nothing a folded match lacks.
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 5 && letters.iter().all(|c| c.is_uppercase()) {
        return None;
    }
    Some(s)
}

/// Name parts that are not a surname on their own.
const NOT_SURNAMES: &[&str] = &[
    "jr", "sr", "ii", "iii", "iv", "v", "vi", "junior", "senior", "bin", "ibn", "al", "el", "de",
    "da", "do", "dos", "das", "del", "della", "der", "van", "von", "la", "le", "di",
];

/// States whose names put the family name first (and whose family names are shared by
/// millions), or where names have no surname at all (Myanmar); no surname alias is made
/// for their officials.
const FAMILY_NAME_FIRST: &[&str] = &["CHN", "TWN", "KOR", "PRK", "HKG", "MAC", "VNM", "KHM", "MMR"];

/// The surname of a full name, as news uses it alone: the last word (keeping hyphenated
/// and apostrophe forms such as "Aboul-Gheit" whole), when it is at least four letters
/// long and the name has at least two words. `country` is an ISO 3166 alpha-3 code;
/// officials of states whose names put the family name first get none.
pub(crate) fn surname_of(name: &str, country: Option<&str>) -> Option<String> {
    if country.is_some_and(|c| FAMILY_NAME_FIRST.contains(&c)) {
        return None;
    }
    let base = name.split(',').next().unwrap_or(name);
    let words: Vec<&str> = base.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let mut i = words.len();
    while i > 1 {
        let w = words[i - 1].trim_matches(|c: char| c == '.' || c == ',');
        if NOT_SURNAMES.contains(&w.to_lowercase().as_str()) || w.ends_with('.') {
            i -= 1;
        } else {
            break;
        }
    }
    if i < 2 {
        return None;
    }
    let last = words[i - 1].trim_matches(|c: char| !c.is_alphanumeric());
    let letters = last.chars().filter(|c| c.is_alphabetic()).count();
    let first_upper = last.chars().next().is_some_and(char::is_uppercase);
    if letters < 4 || !first_upper || !is_latin(last) {
        return None;
    }
    Some(last.to_string())
}

/// Title case for names written in capitals ("KASYMZHOMART_TOKAYEV" → "Kasymzhomart
/// Tokayev", "MUHAMMAD_AL-BARADEI" → "Muhammad Al-Baradei"); small particles inside a
/// name stay lower case ("Lord Robertson of Port Ellen").
pub(crate) fn title_case(s: &str) -> String {
    const SMALL: &[&str] =
        &["of", "the", "and", "for", "on", "in", "de", "du", "des", "van", "von"];
    let mut out = Vec::new();
    for (i, word) in s.split_whitespace().enumerate() {
        let lower = word.to_lowercase();
        if i > 0 && SMALL.contains(&lower.as_str()) {
            out.push(lower);
            continue;
        }
        let mut w = String::with_capacity(word.len());
        let mut start = true;
        for c in lower.chars() {
            if start && c.is_alphabetic() {
                w.extend(c.to_uppercase());
                start = false;
            } else {
                w.push(c);
                if matches!(c, '-' | '\'' | '.' | '/' | '(') {
                    start = true;
                }
            }
        }
        out.push(w);
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_and_surnames() {
        assert_eq!(ascii_variant("Mevlüt  Çavuşoğlu"), "Mevlut Cavusoglu");
        assert_eq!(ascii_variant("ʻAkilisi Pōhiva"), "Akilisi Pohiva");
        assert_eq!(surname_of("Kassym-Jomart Tokayev", Some("KAZ")).as_deref(), Some("Tokayev"));
        assert_eq!(surname_of("Xi Jinping", Some("CHN")), None);
        assert_eq!(surname_of("Martin Luther King Jr.", None).as_deref(), Some("King"));
        assert_eq!(surname_of("Ban Ki-moon", Some("KOR")), None);
        assert_eq!(surname_of("Sugiono", None), None);
        assert_eq!(surname_of("Ali Ali", None), None);
        assert_eq!(
            surname_of("Mark Malloch Brown, Baron Malloch-Brown", None).as_deref(),
            Some("Brown")
        );
        assert_eq!(
            clean_name(" Mme Marie-Solange  Ndakala "),
            Some("Marie-Solange Ndakala".into())
        );
        assert_eq!(clean_name("Mme NASSENEBA TOURE"), None);
        assert_eq!(clean_name("محمد الفارس"), None);
        assert_eq!(clean_name("Dr. Ahmad Nasser Al-Sabah"), Some("Ahmad Nasser Al-Sabah".into()));
        assert_eq!(title_case("LORD ROBERTSON OF PORT ELLEN"), "Lord Robertson of Port Ellen");
        assert_eq!(title_case("MUHAMMAD AL-BARADEI"), "Muhammad Al-Baradei");
        assert_eq!(title_case("MIGUEL D'ESCOTO"), "Miguel D'Escoto");
    }
}
