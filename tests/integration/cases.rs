//! The shared, data-driven matching cases of `tests/cases/matching.json`.

use geopol::Date;
use serde_json::Value;

use crate::common::{cases_matcher, root};

#[test]
fn shared_matching_cases() {
    let raw = std::fs::read_to_string(root().join("tests/cases/matching.json")).unwrap();
    let doc: Value = serde_json::from_str(&raw).unwrap();
    let matcher = cases_matcher();
    let mut failures = Vec::new();
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let text = case["text"].as_str().unwrap();
        let date = case.get("date").and_then(Value::as_str).map(|d| d.parse::<Date>().unwrap());
        // Expected spans: each mention's text at its next occurrence.
        let mut want = Vec::new();
        let mut from = 0;
        for m in case["mentions"].as_array().unwrap() {
            let (t, id) = (m[0].as_str().unwrap(), m[1].as_str().map(str::to_string));
            let stands_for = m.get(2).map(|s| s.as_str().unwrap().to_string());
            let at =
                from + text[from..].find(t).unwrap_or_else(|| panic!("{name}: {t:?} not in text"));
            want.push((at, at + t.len(), t.to_string(), id, stands_for));
            from = at + t.len();
        }
        let row = |m: &geopol::Mention<'_>| {
            let stands_for = m.stands_for.as_ref().map(|s| s.entity.id.clone());
            (m.span.start, m.span.end, m.text.clone(), m.id().map(str::to_string), stands_for)
        };
        let got: Vec<_> = matcher.extract(text, date).iter().map(row).collect();
        if got != want {
            failures.push(format!("{name}:\n  want {want:?}\n  got  {got:?}"));
        }
        // The iterator form yields the same mentions.
        let iter: Vec<_> = matcher.extract_iter(text, date).map(|m| row(&m)).collect();
        assert_eq!(iter, got, "{name}: extract_iter differs from extract");
        // So does explain.
        let (explained, _) = matcher.explain(text, date);
        let explained: Vec<_> = explained.iter().map(row).collect();
        assert_eq!(explained, got, "{name}: explain differs from extract");
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_newcomer_gets_the_role_of_its_title_and_never_the_holder() {
    let m = cases_matcher();
    let d = Some("2022-01-11".parse().unwrap());
    let text = "Turkish Foreign Minister Selin Aydemir met reporters. Aydemir left.";
    let found = m.extract(text, d);
    let nil: Vec<_> = found.iter().filter(|x| x.is_nil()).collect();
    assert_eq!(nil.len(), 2);
    for x in &nil {
        assert_eq!(x.name(), "Selin Aydemir");
        let r = x.role.as_ref().unwrap();
        assert_eq!((r.key, r.of.map(|o| o.id.as_str())), ("foreign_minister", Some("state:TUR")));
        assert!(r.post.is_none() && !r.former);
        assert!(x.candidates.is_empty());
    }
    assert_eq!(nil[0].matched_by, geopol::AliasKind::Title);
    assert_eq!(nil[1].matched_by, geopol::AliasKind::Surname);
    assert!(!found.iter().any(|x| x.id() == Some("person:mevlut-cavusoglu")));
    let json = nil[0].to_json(&geopol::CharOffsets::new(text));
    assert!(json["id"].is_null());
    assert_eq!(json["name"], "Selin Aydemir");
}

#[test]
fn former_titles_claim_no_current_post() {
    let m = cases_matcher();
    let d = Some("2024-01-11".parse().unwrap());
    let found = m.extract("Former Turkish Foreign Minister Mevlüt Çavuşoğlu spoke.", d);
    let p = found.iter().find(|x| x.id() == Some("person:mevlut-cavusoglu")).unwrap();
    let r = p.role.as_ref().unwrap();
    assert!(r.former);
    assert_eq!(r.key, "foreign_minister");
    assert!(r.post.unwrap().end.is_some());
    // A nameless former title is nobody in particular.
    let found = m.extract("The former Turkish foreign minister spoke.", d);
    let t = found.iter().find(|x| x.text == "foreign minister").unwrap();
    assert_eq!(t.id(), Some("role:foreign_minister"));
    assert!(t.role.as_ref().unwrap().former);
}

#[test]
fn roles_follow_the_date() {
    let m = cases_matcher();
    let text = "Kazakh President Kassym-Jomart Tokayev spoke.";
    let at = |d: &str| {
        let ms = m.extract(text, Some(d.parse().unwrap()));
        let p = ms.iter().find(|x| x.entity.id == "person:kassym-jomart-tokayev").unwrap();
        (p.role.as_ref().map(|r| r.key.to_string()), p.date_checked)
    };
    assert_eq!(at("2022-01-11"), (Some("head_of_state".into()), true));
    assert_eq!(at("2005-06-01"), (Some("foreign_minister".into()), true));
    // No post in the data that day: the text's own title gives the role, with no post record.
    assert_eq!(at("2010-06-01"), (Some("head_of_state".into()), true));
    let ms = m.extract(text, Some("2010-06-01".parse().unwrap()));
    let p = ms.iter().find(|x| x.entity.id == "person:kassym-jomart-tokayev").unwrap();
    assert!(p.role.as_ref().unwrap().post.is_none());
    let undated = m.extract(text, None);
    let p = undated.iter().find(|x| x.entity.id == "person:kassym-jomart-tokayev").unwrap();
    assert_eq!(p.role.as_ref().unwrap().key, "head_of_state");
    assert!(!p.date_checked);
    assert_eq!(p.state.unwrap().id, "state:KAZ");
}

#[test]
fn ambiguous_surname_lists_candidates() {
    let m = cases_matcher();
    let ms = m.extract("Smith said no.", None);
    assert_eq!(ms.len(), 1);
    assert_eq!(ms[0].matched_by, geopol::AliasKind::Surname);
    let mut ids: Vec<_> = ms[0].candidates.iter().map(|e| e.id.as_str()).collect();
    ids.push(&ms[0].entity.id);
    ids.sort();
    assert_eq!(ids, ["person:jane-smith", "person:john-smith-a"]);
}

#[test]
fn batch_equals_single() {
    let m = cases_matcher();
    let docs: Vec<(String, Option<Date>)> = (0..50)
        .map(|i| (format!("Doc {i}: Niger, Chad and the U.S. met in Ankara."), None))
        .collect();
    let batch = m.extract_batch(&docs);
    for ((text, date), got) in docs.iter().zip(batch) {
        assert_eq!(got, m.extract(text, *date));
    }
}

#[test]
fn a_title_picks_among_concurrent_posts() {
    let m = cases_matcher();
    let date = Some("2022-01-11".parse().unwrap());
    let role_of = |text: &str| {
        let found = m.extract(text, date);
        let p = found.iter().find(|x| x.entity.id == "person:rashid-meredov").unwrap();
        p.role.as_ref().map(|r| r.key.to_string())
    };
    assert_eq!(
        role_of("Turkmenistan's Foreign Minister, Rashid Meredov, spoke."),
        Some("foreign_minister".into())
    );
    assert_eq!(role_of("Foreign Minister Rashid Meredov spoke."), Some("foreign_minister".into()));
    // With no title, the post that started last.
    assert_eq!(role_of("Rashid Meredov spoke."), Some("deputy_head_of_government".into()));
}

#[test]
fn a_stale_holder_is_only_a_candidate() {
    // Meredov's open post has no `confirmed` day: the data does not know he still held it
    // in 2024, so the title stays a role, with him as its candidate.
    let m = cases_matcher();
    let ms =
        m.extract("The Turkmen foreign minister arrived.", Some("2024-05-01".parse().unwrap()));
    let title = ms.iter().find(|x| x.text == "foreign minister").unwrap();
    assert_eq!(title.entity.id, "role:foreign_minister");
    let c: Vec<_> = title.candidates.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(c, ["person:rashid-meredov"]);
    assert!(title.date_checked);
}

#[test]
fn the_state_post_outranks_the_commander_in_chief() {
    // Tokayev is also commander-in-chief from a later day: with no title in the text, the
    // senior post is the one shown.
    let m = cases_matcher();
    let ms = m.extract("Kassym-Jomart Tokayev spoke.", Some("2022-01-11".parse().unwrap()));
    assert_eq!(ms[0].role.as_ref().unwrap().key, "head_of_state");
    let ms = m.extract("Kassym-Jomart Tokayev spoke.", None);
    assert_eq!(ms[0].role.as_ref().unwrap().key, "head_of_state");
}

#[test]
fn a_paragraph_longer_than_a_piece_reads_the_same_in_every_form() {
    // One paragraph of many lines (a file of one article per line): it is resolved in
    // pieces of at most 64 KiB cut at line ends, with the document's context carried over.
    let m = geopol::Matcher::default();
    let date = Some("2022-01-11".parse::<Date>().unwrap());
    let mut text = String::from("Michael Jordan scored 40 points.\n");
    for i in 0..3000 {
        text.push_str(&format!(
            "Line {i}: Kazakhstan and Turkish Foreign Minister Mevlut Cavusoglu met in Ankara.\n"
        ));
    }
    text.push_str("Later Jordan rested, and Cavusoglu left.\n");
    assert!(text.len() > 3 * 65536);
    let whole = m.extract(&text, date);
    let iter: Vec<_> = m.extract_iter(&text, date).collect();
    assert_eq!(whole, iter);
    let (explained, _) = m.explain(&text, date);
    assert_eq!(whole, explained);
    // Every line is read alike, the cuts included; the context of the first line (Jordan
    // is a person) reaches the last, and so does the official named before.
    let states = whole.iter().filter(|x| x.text == "Kazakhstan").count();
    let people = whole.iter().filter(|x| x.text.contains("Cavusoglu")).count();
    assert_eq!((states, people), (3000, 3001));
    assert!(whole.iter().all(|x| x.text != "Jordan"), "Jordan read as the state");
    let last = whole.iter().rfind(|x| x.text == "Cavusoglu").unwrap();
    assert_eq!(last.id(), Some("person:mevlut-cavusoglu"));
}

#[test]
fn extract_and_extract_iter_agree_across_a_paragraph_break() {
    // A state and a title on either side of a blank line are not one title phrase, in
    // either form (the state was taken across the break by `extract` only).
    let m = geopol::Matcher::default();
    let date = Some("2022-01-11".parse::<Date>().unwrap());
    for text in [
        "Turkish\n\nforeign minister",
        "Kenya's\n \nForeign Minister Wanjiku Odhiambo spoke.",
        "Michael Jordan scored.\n\nJordan closed its border.",
    ] {
        let whole = m.extract(text, date);
        let iter: Vec<_> = m.extract_iter(text, date).collect();
        assert_eq!(whole, iter, "{text:?}");
        let (explained, _) = m.explain(text, date);
        assert_eq!(whole, explained, "{text:?}");
    }
    let found = m.extract("Turkish\n\nforeign minister", date);
    let title = found.iter().find(|x| x.text == "foreign minister").unwrap();
    assert_eq!(title.id(), Some("role:foreign_minister"), "{found:?}");
    // Document context still carries over: the word read as a name stays a name.
    let found = m.extract("Michael Jordan scored.\n\nLater Jordan rested.", date);
    assert!(found.iter().all(|x| x.text != "Jordan"), "{found:?}");
}

#[test]
fn a_lower_case_one_word_title_needs_its_state() {
    let m = geopol::Matcher::default();
    let date = Some("2024-05-01".parse::<Date>().unwrap());
    let roles = |text: &str| -> Vec<(String, Option<String>)> {
        m.extract(text, date)
            .iter()
            .filter(|x| x.text.eq_ignore_ascii_case("president") || x.text == "ambassador")
            .map(|x| (x.text.clone(), x.role.as_ref().and_then(|r| r.of).map(|o| o.id.clone())))
            .collect()
    };
    let kenya = Some("state:KEN".to_string());
    assert_eq!(roles("The Kenyan president spoke."), [("president".into(), kenya.clone())]);
    assert_eq!(roles("Kenya's president spoke."), [("president".into(), kenya.clone())]);
    assert_eq!(roles("Talks with the president of Kenya ended."), [("president".into(), kenya)]);
    assert_eq!(
        roles("The U.S. ambassador left."),
        [("ambassador".into(), Some("state:USA".to_string()))]
    );
    // Without a state it is a common noun: no mention.
    assert!(roles("The company's president resigned; a president of a club spoke.").is_empty());
    assert!(roles("The ambassador for the brand smiled.").is_empty());
    // Capitalized, the title stands alone as before.
    assert_eq!(roles("President Smith arrived.").len(), 1);
}

#[test]
fn a_title_means_the_post_the_state_gives_it() {
    // "Chancellor" heads the government in Germany and Austria; in the UK the chancellor is
    // the finance minister (the prime minister's title never uses the word).
    let m = geopol::Matcher::default();
    let date = Some("2025-06-01".parse::<Date>().unwrap());
    let role_of = |text: &str, word: &str| {
        let found = m.extract(text, date);
        let x = found.iter().find(|x| x.text == word).unwrap_or_else(|| panic!("{found:?}"));
        (x.id().map(str::to_string), x.role.as_ref().map(|r| r.key.to_string()))
    };
    let (id, key) = role_of("The British chancellor said taxes would rise.", "chancellor");
    assert_eq!(
        (id.as_deref(), key.as_deref()),
        (Some("person:rachel-reeves"), Some("finance_minister"))
    );
    let (_, key) = role_of("The German chancellor said taxes would rise.", "chancellor");
    assert_eq!(key.as_deref(), Some("head_of_government"));
    // With the name after it, the title's role is the finance minister's too.
    let (_, key) = role_of("British Chancellor Rachel Reeves spoke.", "Chancellor");
    assert_eq!(key.as_deref(), Some("finance_minister"));
    // Titles the posts do use are left alone.
    let (_, key) = role_of("The British prime minister spoke.", "prime minister");
    assert_eq!(key.as_deref(), Some("head_of_government"));
    // A vacant post keeps its title: Haiti has had no head of state since 2026-02-07 (the
    // curated posts), and "president" is still that post, not the Senate's president.
    let found = m.extract("The Haitian president spoke.", Some("2026-04-01".parse().unwrap()));
    let x = found.iter().find(|x| x.text == "president").unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(x.role.as_ref().map(|r| r.key), Some("head_of_state"), "{found:?}");
}

#[test]
fn a_capital_before_state_names_a_division_not_the_city() {
    let m = geopol::Matcher::default();
    let found = m.extract("Washington state officials closed the beaches.", None);
    assert!(found.iter().all(|x| x.text != "Washington"), "{found:?}");
    // The government's "state" keeps the city, and so does a division named itself.
    let found = m.extract("Moscow state media said the talks failed.", None);
    assert!(found.iter().any(|x| x.id() == Some("place:moscow")), "{found:?}");
    let found = m.extract("Texas state officials said the talks failed.", None);
    assert!(found.iter().any(|x| x.id() == Some("place:texas")), "{found:?}");
    let found = m.extract("Washington said the talks failed.", None);
    assert!(found.iter().any(|x| x.id() == Some("place:washington")), "{found:?}");
}

#[test]
fn a_name_between_two_titles_is_one_newcomer() {
    // "<title> X, <title>": the name follows one title and comes before the other; it is
    // one mention (found by the extract fuzz target, which saw it twice, overlapping).
    let m = geopol::Matcher::default();
    let date = Some("2025-03-01".parse::<Date>().unwrap());
    let text =
        "Chilean Foreign Minister Tomasa Quelenta, Chilean foreign minister since May, spoke.";
    let found = m.extract(text, date);
    let names: Vec<_> = found.iter().filter(|x| x.text == "Tomasa Quelenta").collect();
    assert_eq!(names.len(), 1, "{found:?}");
    assert!(found.windows(2).all(|w| w[0].span.end <= w[1].span.start), "{found:?}");
}

/// A matcher over `lines` (one entity per line, JSON), for cases that need data of their own.
fn matcher_of(lines: &[&str]) -> geopol::Matcher {
    let mut b = geopol::Gazetteer::builder();
    let es = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let e: geopol::Entity = serde_json::from_str(l).unwrap();
            (e, geopol::Location::new(None, Some(i as u32 + 1)))
        })
        .collect::<Vec<_>>();
    b.add_source(es, geopol::MergeMode::Extend);
    geopol::Matcher::new(b.build().unwrap()).unwrap()
}

#[test]
fn a_title_takes_the_holder_a_source_confirms_that_day() {
    // Two people hold Freedonia's premiership in the data: one confirmed to 2026, one open
    // since 2022 but confirmed only to 2022 (a rival claimant of an old snapshot). On a
    // 2025 date the title names the confirmed one; on a 2022 date both are confirmed, and
    // the title names nobody. A person who holds the post twice (two terms, two sources)
    // is one holder.
    let m = matcher_of(&[
        r#"{"id": "state:FRD", "kind": "state", "name": "Freedonia", "aliases": [{"text": "Freedonian", "type": "demonym"}]}"#,
        r#"{"id": "role:head_of_state", "kind": "role", "name": "President", "role": "head_of_state"}"#,
        r#"{"id": "role:head_of_government", "kind": "role", "name": "Prime Minister", "role": "head_of_government"}"#,
        r#"{"id": "person:ada-ruiz", "kind": "official", "name": "Ada Ruiz", "posts": [{"role": "head_of_government", "of": "state:FRD", "title": "Prime Minister", "start": "2021-02-05", "confirmed": "2026-01-22"}]}"#,
        r#"{"id": "person:bo-tan", "kind": "official", "name": "Bo Tan", "posts": [{"role": "head_of_government", "of": "state:FRD", "title": "Prime Minister", "start": "2022-03-03", "confirmed": "2022-07-01"}]}"#,
        r#"{"id": "person:cy-obi", "kind": "official", "name": "Cy Obi", "posts": [{"role": "head_of_state", "of": "state:FRD", "title": "President", "start": "2017-01-19", "confirmed": "2022-07-01"}, {"role": "head_of_state", "of": "state:FRD", "title": "President", "start": "2022-01-19", "confirmed": "2026-01-22"}]}"#,
    ]);
    let who = |text: &str, date: &str| {
        let found = m.extract(text, Some(date.parse().unwrap()));
        let t = found.iter().find(|x| x.text.ends_with("Minister") || x.text == "President");
        t.map(|x| x.entity.id.clone()).unwrap()
    };
    assert_eq!(who("The Freedonian Prime Minister spoke.", "2025-03-01"), "person:ada-ruiz");
    assert_eq!(
        who("The Freedonian Prime Minister spoke.", "2022-05-01"),
        "role:head_of_government"
    );
    assert_eq!(who("The Freedonian President spoke.", "2025-03-01"), "person:cy-obi");
    assert_eq!(who("The Freedonian President spoke.", "2021-03-01"), "person:cy-obi");
}

#[test]
fn of_posts_that_tie_the_first_listed_is_shown() {
    // Two head-of-state posts from one day: the first listed is the one shown. The default
    // gazetteer lists a monarch's own realm first (Charles III: the United Kingdom, not one
    // of the realms where a governor-general represents him).
    let m = matcher_of(&[
        r#"{"id": "state:AAA", "kind": "state", "name": "Aland"}"#,
        r#"{"id": "state:BBB", "kind": "state", "name": "Beland"}"#,
        r#"{"id": "person:king-x", "kind": "official", "name": "King Xavier", "posts": [{"role": "head_of_state", "of": "state:BBB", "start": "2022-09-08", "confirmed": "2026-01-22"}, {"role": "head_of_state", "of": "state:AAA", "start": "2022-09-08", "confirmed": "2026-01-22"}]}"#,
    ]);
    for date in [Some("2025-03-01".parse().unwrap()), None] {
        let found = m.extract("King Xavier spoke.", date);
        assert_eq!(found[0].role.as_ref().unwrap().of.unwrap().id, "state:BBB");
    }
    let m = geopol::Matcher::default();
    for date in [Some("2025-03-01".parse().unwrap()), None] {
        let found = m.extract("King Charles III spoke.", date);
        let charles = found.iter().find(|x| x.entity.id == "person:charles-iii").unwrap();
        assert_eq!(charles.role.as_ref().unwrap().of.unwrap().id, "state:GBR");
    }
}
