//! Transliteration variants of the embedded gazetteer (tools/translit.py) and acronyms that
//! are English words (`"case": "exact_word"`). The sentences are written for this test.

use geopol::{Alias, AliasKind, CasePolicy, Date, Entity, EntityKind, Gazetteer, Matcher};

fn date(d: &str) -> Option<Date> {
    Some(d.parse().unwrap())
}

/// (text, id) of the mentions of `kind` in `text`.
fn found(m: &Matcher, text: &str, d: &str, kind: EntityKind) -> Vec<(String, String)> {
    m.extract(text, date(d))
        .into_iter()
        .filter(|x| x.entity.kind == kind)
        .map(|x| (x.text.clone(), x.entity.id.clone()))
        .collect()
}

#[cfg(feature = "embedded")]
#[test]
fn usual_english_spellings_find_the_person() {
    let m = Matcher::default();
    let text = "Volodymyr Zelensky thanked Qasym-Zhomart Toqaev for the aid convoy. \
                Toqaev said Zelensky could count on more.";
    let got = found(&m, text, "2025-05-20", EntityKind::Official);
    let (z, t) = ("person:volodymyr-zelenskyy", "person:kassym-jomart-tokayev");
    let want =
        [("Volodymyr Zelensky", z), ("Qasym-Zhomart Toqaev", t), ("Toqaev", t), ("Zelensky", z)];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
    for x in m.extract(text, date("2025-05-20")) {
        if x.entity.kind == EntityKind::Official {
            assert_eq!(x.role.as_ref().map(|r| r.key), Some("head_of_state"), "{}", x.text);
        }
    }
}

#[cfg(feature = "embedded")]
#[test]
fn who_is_the_organization_only_in_its_own_case_and_not_among_capitals() {
    let m = Matcher::default();
    let orgs = |t: &str| found(&m, t, "2024-02-01", EntityKind::Organization);
    let who = || vec![("WHO".to_string(), "org:WHO".to_string())];
    assert_eq!(orgs("The WHO said the outbreak had peaked."), who());
    let listed = orgs("Officials at WHO, UNICEF and the Red Cross met.");
    assert!(listed.contains(&who()[0]), "{listed:?}");
    assert!(orgs("Who said the outbreak had peaked?").is_empty());
    assert!(orgs("The team who won it all.").is_empty());
    assert!(orgs("WHO WILL WIN THE CUP").is_empty());
    assert!(orgs("Tonight:\nWHO KNEW IT WOULD RAIN\nThe rest of the week is dry.").is_empty());
    // The state acronym of the same class.
    let states = |t: &str| found(&m, t, "2024-02-01", EntityKind::State);
    assert_eq!(states("Troops left the CAR in March."), [("CAR".into(), "state:CAF".into())]);
    assert!(states("CAR SALES FELL IN MARCH").is_empty());
}

#[test]
fn exact_word_in_a_user_gazetteer() {
    let mut org = Entity::new("org:CARE", EntityKind::Organization, "Coalition for Aid and Relief");
    let mut care = Alias::new("CARE", AliasKind::Acronym);
    care.case = Some(CasePolicy::ExactWord);
    org.aliases.push(care);
    let mut b = Gazetteer::builder();
    b.add(org);
    let m = Matcher::new(b.build().unwrap()).unwrap();
    let ids =
        |t: &str| m.extract(t, None).into_iter().map(|x| x.entity.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids("Aid from CARE reached the port."), ["org:CARE"]);
    assert!(ids("Take care of the port.").is_empty());
    assert!(ids("Care was taken.").is_empty());
    assert!(ids("HANDLE WITH CARE AT THE PORT").is_empty());
}
