//! `Matcher::explain`: each pass says what it did to which candidate, and why; the mentions
//! are those of `extract`. The sentences are written for this test; the entities come
//! from the embedded gazetteer.

#![cfg(feature = "embedded")]

use geopol::{Action, Date, Decision, Matcher, Pass};

/// (text, date, candidate text, entity id of the candidate (`None`: a person the gazetteer
/// does not know), action, pass, reason, `to`).
type Case = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Action,
    Pass,
    &'static str,
    Option<&'static str>,
);

const CASES: &[Case] = &[
    // pick: a surname alone that names nobody here.
    (
        "Tomas Varga said the plan was sound.",
        "2024-05-01",
        "Varga",
        Some("person:istvan-varga"),
        Action::Drop,
        Pass::Pick,
        "other_given_name",
        None,
    ),
    (
        "BIDEN WAITS ON THE VOTE",
        "2024-05-01",
        "BIDEN",
        Some("person:joe-biden"),
        Action::Drop,
        Pass::Pick,
        "capitals_surname",
        None,
    ),
    // pick: an acronym that is an English word, among words in capitals.
    (
        "WHO WILL WIN THE CUP",
        "2024-05-01",
        "WHO",
        Some("org:WHO"),
        Action::Drop,
        Pass::Pick,
        "acronym_word_in_capitals",
        None,
    ),
    (
        "Reporters asked Blinken about it.",
        "2010-05-01",
        "Blinken",
        Some("person:antony-blinken"),
        Action::Drop,
        Pass::Pick,
        "no_specific_post_on_date",
        None,
    ),
    // context: the title before picks the post; "former" marks it past.
    (
        "Former Turkish Foreign Minister Mevlut Cavusoglu spoke.",
        "2024-05-01",
        "Mevlut Cavusoglu",
        Some("person:mevlut-cavusoglu"),
        Action::Annotate,
        Pass::Context,
        "former_title",
        None,
    ),
    // compose: "<official>, <title> of <state>".
    (
        "Sergei Lavrov, foreign minister of Russia, will travel.",
        "2024-05-01",
        "foreign minister",
        Some("role:foreign_minister"),
        Action::Annotate,
        Pass::Compose,
        "title_of",
        None,
    ),
    // newcomers: an unknown name after a title, and its surname later.
    (
        "Kenyan Foreign Minister Wanjiku Odhiambo met envoys. Odhiambo said little.",
        "2024-05-01",
        "Wanjiku Odhiambo",
        None,
        Action::Add,
        Pass::Newcomers,
        "unknown_name_after_title",
        None,
    ),
    (
        "Kenyan Foreign Minister Wanjiku Odhiambo met envoys. Odhiambo said little.",
        "2024-05-01",
        "Odhiambo",
        None,
        Action::Add,
        Pass::Newcomers,
        "refers_to_unknown_person",
        None,
    ),
    // titles: a title with no name, to the holder, or not.
    (
        "The Turkish foreign minister spoke to reporters.",
        "2024-05-01",
        "foreign minister",
        Some("role:foreign_minister"),
        Action::Relink,
        Pass::Titles,
        "holder_on_date",
        Some("person:hakan-fidan"),
    ),
    (
        "The Tuvaluan defence minister spoke.",
        "2024-05-01",
        "defence minister",
        Some("role:defence_minister"),
        Action::Annotate,
        Pass::Titles,
        "no_holder_on_date",
        None,
    ),
    // readings.
    (
        "Michael Jordan scored again. Later Jordan rested.",
        "2024-05-01",
        "Jordan",
        Some("state:JOR"),
        Action::Drop,
        Pass::Readings,
        "person_name",
        None,
    ),
    (
        "Michael Jordan scored again. Later Jordan rested.",
        "2024-05-01",
        "Jordan",
        Some("state:JOR"),
        Action::Drop,
        Pass::Readings,
        "person_named_before",
        None,
    ),
    (
        "She won the U.S. Open last year.",
        "2024-05-01",
        "U.S.",
        Some("state:USA"),
        Action::Drop,
        Pass::Readings,
        "event_name",
        None,
    ),
    (
        "The striker Jordan Henderson scored twice.",
        "2024-05-01",
        "Henderson",
        Some("person:vince-henderson"),
        Action::Drop,
        Pass::Readings,
        "surname_of_other_person",
        None,
    ),
    (
        "Passengers of Air France waited for hours.",
        "2024-05-01",
        "France",
        Some("state:FRA"),
        Action::Drop,
        Pass::Readings,
        "inside_longer_name",
        None,
    ),
    (
        "The Moscow-backed rebels advanced.",
        "2024-05-01",
        "Moscow",
        Some("place:moscow"),
        Action::Annotate,
        Pass::Readings,
        "x_led",
        Some("state:RUS"),
    ),
    // titles: a one-word title that this state's posts of the role never use.
    (
        "The British chancellor said taxes would rise.",
        "2025-06-01",
        "chancellor",
        Some("role:head_of_government"),
        Action::Relink,
        Pass::Titles,
        "title_of_other_post",
        Some("role:finance_minister"),
    ),
    // readings: a capital's name before "state".
    (
        "Washington state officials closed the beaches.",
        "2025-06-01",
        "Washington",
        Some("place:washington"),
        Action::Drop,
        Pass::Readings,
        "subdivision_named_state",
        None,
    ),
];

fn id(e: &geopol::Entity) -> Option<&str> {
    (!e.id.is_empty()).then_some(e.id.as_str())
}

#[test]
fn each_pass_says_what_it_did_and_why() {
    let m = Matcher::default();
    let mut failures = Vec::new();
    for &(text, date, cand, entity, action, pass, reason, to) in CASES {
        let date: Date = date.parse().unwrap();
        let (_, why) = m.explain(text, Some(date));
        let hit = why.iter().any(|d| {
            d.text == cand
                && id(d.entity) == entity
                && d.action == action
                && d.pass == pass
                && d.reason == reason
                && d.to.and_then(id) == to
        });
        if !hit {
            failures.push(format!(
                "{text:?}: no {action:?}/{pass:?}/{reason} of {cand:?}; got {why:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// What a decision claims holds in the output: a dropped candidate is not there (with its
/// entity), an added or relinked one is, with its new entity.
fn consistent(text: &str, found: &[geopol::Mention<'_>], why: &[Decision<'_>]) {
    for (k, d) in why.iter().enumerate() {
        assert_eq!(&text[d.span.start..d.span.end], d.text, "{d:?}");
        let i = found.partition_point(|m| m.span.start < d.span.start);
        let at = found.get(i).filter(|m| m.span == d.span);
        match d.action {
            Action::Drop => assert!(
                at.is_none_or(|m| !std::ptr::eq(m.entity, d.entity)),
                "{text:?}: dropped but present: {d:?}"
            ),
            Action::Add => assert!(at.is_some(), "{text:?}: added but absent: {d:?}"),
            Action::Relink => {
                let to = d.to.expect("a relink says where to");
                // Either the output has it, or a later pass took it from there (a title
                // relinked to another role, then to that post's holder).
                let moved_on =
                    why[k + 1..].iter().any(|n| n.span == d.span && n.entity.id == to.id);
                assert!(
                    moved_on || at.is_some_and(|m| m.entity.id == to.id),
                    "{text:?}: {d:?} vs {at:?}"
                );
            }
            _ => {}
        }
    }
}

#[test]
fn decisions_agree_with_the_mentions_and_explaining_changes_nothing() {
    let m = Matcher::default();
    for &(text, date, ..) in CASES {
        for date in [None, Some(date.parse::<Date>().unwrap())] {
            let (found, why) = m.explain(text, date);
            assert_eq!(found, m.extract(text, date), "{text:?}");
            consistent(text, &found, &why);
        }
    }
    // The corpus, when it is beside the checkout, as one text.
    if let Some(shared) = crate::common::shared() {
        let corpus = std::fs::read_to_string(shared.join("corpus/news.txt")).unwrap_or_default();
        let (found, why) = m.explain(&corpus, None);
        assert_eq!(found, m.extract(&corpus, None));
        assert!(why.len() > 1000, "{} decisions on the corpus", why.len());
        consistent(&corpus, &found, &why);
    }
}

#[test]
fn decisions_come_in_the_order_of_the_passes() {
    // Pick and context run together, candidate by candidate; every later pass runs over
    // all the mentions after them, in pipeline order.
    let m = Matcher::default();
    let text = "Michael Jordan met Kazakh President Kassym-Jomart Tokayev, Sergei Lavrov, \
                foreign minister of Russia, and the Turkish foreign minister in the Moscow-backed \
                talks.";
    let (_, why) = m.explain(text, Some("2024-05-01".parse().unwrap()));
    let stage = |p: Pass| if p == Pass::Context { Pass::Pick } else { p };
    let stages: Vec<Pass> = why.iter().map(|d| stage(d.pass)).collect();
    let mut sorted = stages.clone();
    sorted.sort();
    assert_eq!(stages, sorted, "{why:#?}");
    for p in [Pass::Context, Pass::Compose, Pass::Titles, Pass::Readings] {
        assert!(why.iter().any(|d| d.pass == p), "no {p:?} decision: {why:#?}");
    }
}

#[test]
fn the_direct_json_writer_matches_to_json_byte_for_byte() {
    // Every kind of mention: roles with posts and `also`, places with `stands_for`, people
    // the gazetteer does not know, candidates, codes; and escapes in the text.
    let m = Matcher::default();
    let mut texts: Vec<String> = CASES.iter().map(|c| c.0.to_string()).collect();
    texts.push("Kenyan Foreign Minister Wanjiku \"Wa\" Odhiambo\tmet President Ruto in Nairobi; Nairobi said no.".into());
    texts.push("The Kenyan foreign minister spoke. Brussels warned; the Kremlin denied it.".into());
    if let Some(shared) = crate::common::shared() {
        texts.push(std::fs::read_to_string(shared.join("corpus/news.txt")).unwrap_or_default());
    }
    for text in &texts {
        for date in [None, Some("2024-05-01".parse::<Date>().unwrap())] {
            let offsets = geopol::CharOffsets::new(text);
            for x in m.extract(text, date) {
                let mut buf = Vec::new();
                x.write_json(&offsets, &mut buf);
                let want = serde_json::to_vec(&x.to_json(&offsets)).unwrap();
                assert_eq!(String::from_utf8(buf).unwrap(), String::from_utf8(want).unwrap());
            }
        }
    }
}
