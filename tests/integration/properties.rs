//! Property tests: offsets on arbitrary Unicode, and a differential test against a naive
//! leftmost-longest reference on random small gazetteers.

use std::sync::Arc;

use geopol::fold::tokens;
use geopol::{Alias, AliasKind, CasePolicy, CharOffsets, Entity, EntityKind, Gazetteer, Matcher};
use proptest::prelude::*;

use crate::common::cases_matcher;

/// Text mixing gazetteer words, their folded and upper-case forms, and arbitrary Unicode.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec![
            "Kazakhstan", "KAZAKH", "Türkiye", "ÇAVUŞOĞLU", "Cavusoglu", "Niger", "Nigeria",
            "Guinea-Bissau", "U.S.", "us", "US", "Chad", "chad", "’s", "'s", "-", " ", "\n\n",
            "İ", "ß", "Ǆ", "\u{301}", "\u{AD}", "Tokayev", "Kassym-Jomart", "South", "Sudan",
        ]).prop_map(str::to_string),
        2 => any::<String>(),
        1 => "[a-zA-Z .,'-]{0,12}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn spans_are_exact_and_sorted(text in texty()) {
        let m = cases_matcher();
        let found = m.extract(&text, None);
        let again = m.extract(&text, None);
        prop_assert_eq!(&found, &again, "deterministic");
        let mut prev_end = 0;
        for x in &found {
            prop_assert!(text.is_char_boundary(x.span.start) && text.is_char_boundary(x.span.end));
            prop_assert!(x.span.start < x.span.end && prev_end <= x.span.start);
            prev_end = x.span.end;
            let surface = &text[x.span.start..x.span.end];
            prop_assert_eq!(surface, x.text.as_str());
            // The surface folds to the tokens of one of the entity's aliases.
            let folded = tokens(surface);
            prop_assert!(
                x.entity.all_aliases().any(|a| tokens(&a.text) == folded),
                "{:?} does not fold to an alias of {}", surface, x.entity.id
            );
        }
        // Code-point offsets agree with Rust's own char counting.
        let co = CharOffsets::new(&text);
        for x in &found {
            prop_assert_eq!(co.char_offset(x.span.start), text[..x.span.start].chars().count());
        }
        // The direct JSON writer gives the bytes of serde_json over `to_json`.
        for x in &found {
            let mut buf = Vec::new();
            x.write_json(&co, &mut buf);
            prop_assert_eq!(buf, serde_json::to_vec(&x.to_json(&co)).unwrap());
        }
        // The streaming form agrees.
        let streamed: Vec<_> = m.extract_iter(&text, None).collect();
        prop_assert_eq!(streamed, found);
    }

    #[test]
    fn matches_naive_reference(
        aliases in prop::collection::vec(prop::collection::vec(0usize..10, 1..4), 1..8),
        items in prop::collection::vec((0usize..11, 0usize..3), 0..40),
    ) {
        // Short and long words (the tokenizer packs words of up to 8 and of 9 to 16 bytes
        // into keys, longer ones not), written in the text in three cases.
        const WORDS: [&str; 11] = [
            "ab", "ba", "a", "b", "abba", "abcdefgh", "abcdefghi", "abcdefghijklmnop",
            "abcdefghijklmnopq", "zz", "-",
        ];
        let cased = |w: &str, case: usize| match case {
            0 => w.to_string(),
            1 => w.to_uppercase(),
            _ => w[..1].to_uppercase() + &w[1..],
        };
        let mut b = Gazetteer::builder();
        for (i, seq) in aliases.iter().enumerate() {
            let text: Vec<&str> = seq.iter().map(|&w| WORDS[w]).collect();
            let mut e = Entity::new(format!("state:S{i}"), EntityKind::State, format!("Zz{i}"));
            let mut a = Alias::new(text.join(" "), AliasKind::Alias);
            a.case = Some(CasePolicy::Any);
            e.aliases.push(a);
            b.add(e);
        }
        // The scan alone: the readings pass would drop "ab" before a capitalized "Abba".
        let matcher = Matcher::builder().readings(false).build(Arc::new(b.build().unwrap())).unwrap();
        // The text and its token spans.
        let mut text = String::new();
        let mut spans = Vec::new();
        for &(w, case) in &items {
            if !text.is_empty() { text.push(' '); }
            spans.push((text.len(), text.len() + WORDS[w].len()));
            text.push_str(&cased(WORDS[w], case));
        }
        let items: Vec<usize> = items.iter().map(|&(w, _)| w).collect();
        // Reference: at each token, the longest alias starting there wins.
        let mut want = Vec::new();
        let mut i = 0;
        while i < items.len() {
            let best = (1..=items.len() - i).rev().find(|&len| {
                aliases.iter().any(|a| a.as_slice() == &items[i..i + len])
            });
            match best {
                Some(len) => { want.push((spans[i].0, spans[i + len - 1].1)); i += len; }
                None => i += 1,
            }
        }
        let got: Vec<_> = matcher.extract(&text, None).iter().map(|m| (m.span.start, m.span.end)).collect();
        prop_assert_eq!(got, want);
    }
}

#[test]
fn no_panic_on_hostile_inputs() {
    let m = cases_matcher();
    let long_word = "a".repeat(100_000);
    let many_marks = "e\u{301}".repeat(10_000);
    let inputs = [
        "",
        "\0",
        "\u{FEFF}",
        "\u{301}\u{301}",
        "'s",
        "’",
        long_word.as_str(),
        many_marks.as_str(),
        "US US US us US",
        "\u{2028}\u{2029}Kazakhstan",
    ];
    for t in inputs {
        for x in m.extract(t, None) {
            assert_eq!(&t[x.span.start..x.span.end], x.text);
        }
    }
}
