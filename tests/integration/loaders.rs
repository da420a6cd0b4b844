//! The gazetteer loaders (`geopol::load`): the mini fixtures in every format, round trips,
//! and the bad fixtures' error messages.

use std::path::{Path, PathBuf};

use geopol::load::{
    extend_gazetteer, gazetteer_from_paths, read_path, read_str, write_csv, write_json,
    write_jsonl, Format,
};
use geopol::{AliasKind, CasePolicy, Date, Entity, ErrorKind, Gazetteer, MergeMode};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn load(name: &str) -> Gazetteer {
    gazetteer_from_paths(&[fixture(name)], MergeMode::Extend)
        .unwrap_or_else(|e| panic!("{name} does not load:\n{e}"))
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn entities_of(records: Vec<(Entity, geopol::Location)>) -> Vec<Entity> {
    records.into_iter().map(|(e, _)| e).collect()
}

/// A fresh folder for one test's files.
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("geopol-loaders-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const MINI: [&str; 3] = ["mini.json", "mini.jsonl", "mini.csv"];

#[test]
fn mini_fixtures_load_to_equal_gazetteers() {
    let [json, jsonl, csv] = MINI.map(load);
    assert_eq!(json.entities(), jsonl.entities());
    assert_eq!(jsonl.entities(), csv.entities());

    let ids: Vec<&str> = csv.entities().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        ["state:TUR", "org:OTS", "person:mevlut-cavusoglu", "role:foreign_minister", "state:KAZ"]
    );
}

#[test]
fn mini_fixture_facts() {
    let g = load("mini.csv");
    let ots = g.get("org:OTS").unwrap();
    assert_eq!(ots.codes.acronym.as_deref(), Some("OTS"));
    let former = ots.aliases.iter().find(|a| a.kind == AliasKind::FormerName).unwrap();
    assert_eq!(former.text, "Turkic Council");
    assert!(former.valid_on(date("2021-01-11")));
    assert!(!former.valid_on(date("2022-01-11")));
    assert_eq!(ots.members, ["state:TUR", "state:KAZ"]);

    let cavusoglu = g.get("person:mevlut-cavusoglu").unwrap();
    assert_eq!(cavusoglu.posts.len(), 2);
    assert!(cavusoglu.post_on(date("2015-10-01")).is_none());
    let post = cavusoglu.post_on(date("2022-01-11")).unwrap();
    assert_eq!((post.role.as_str(), post.of.as_str()), ("foreign_minister", "state:TUR"));
    assert_eq!(post.source.as_deref(), Some("Hürriyet Daily News, 2023-06-04"));

    let role = g.get("role:foreign_minister").unwrap();
    assert_eq!(role.role.as_deref(), Some("foreign_minister"));
    let fm = role.aliases.iter().find(|a| a.text == "FM").unwrap();
    assert_eq!(fm.case, Some(CasePolicy::Exact));

    let kaz = g.get("state:KAZ").unwrap();
    assert_eq!(kaz.codes.iso3.as_deref(), Some("KAZ"));
    assert!(kaz.aliases.iter().any(|a| a.text == "Nur-Sultan" && a.end.is_some()));
}

#[test]
fn mini_fixture_records_are_located_at_their_first_line() {
    let lines = |name: &str| -> Vec<Option<u32>> {
        read_path(&fixture(name)).unwrap().into_iter().map(|(_, l)| l.line).collect()
    };
    assert_eq!(lines("mini.jsonl"), [Some(3), Some(4), Some(5), Some(6), Some(7)]);
    assert_eq!(lines("mini.json"), [Some(3), Some(16), Some(29), Some(44), Some(55)]);
    // In CSV an entity is located at its first row.
    assert_eq!(lines("mini.csv"), [Some(2), Some(3), Some(5), Some(7), Some(9)]);

    let (_, loc) = &read_path(&fixture("mini.csv")).unwrap()[0];
    assert!(loc.file.as_deref().unwrap().ends_with("tests/fixtures/mini.csv"));
}

#[test]
fn jsonl_round_trip_is_lossless() {
    let g = load("mini.json");
    let mut out = Vec::new();
    write_jsonl(g.entities(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 5);
    let back = entities_of(read_str(&text, Format::JsonLines, "out.jsonl").unwrap());
    assert_eq!(back, g.entities());
}

#[test]
fn json_round_trip_is_lossless() {
    let g = load("mini.jsonl");
    let mut out = Vec::new();
    write_json(g.entities(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let back = entities_of(read_str(&text, Format::Json, "out.json").unwrap());
    assert_eq!(back, g.entities());
}

#[test]
fn csv_round_trip_is_lossless() {
    let g = load("mini.jsonl");
    let mut out = Vec::new();
    write_csv(g.entities(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let back = entities_of(read_str(&text, Format::Csv, "out.csv").unwrap());
    assert_eq!(back, g.entities());
    // Written again, the text is the same.
    let mut again = Vec::new();
    write_csv(&back, &mut again).unwrap();
    assert_eq!(String::from_utf8(again).unwrap(), text);
}

/// A bad fixture, the kind of error it gives, and its problems: line and message part.
struct Bad {
    file: &'static str,
    kind: ErrorKind,
    problems: &'static [(u32, &'static str)],
}

const BAD: &[Bad] = &[
    Bad {
        file: "unknown-field.jsonl",
        kind: ErrorKind::Parse,
        problems: &[(3, "entity \"state:UZB\": unknown field \"alias\", expected one of \"id\", \"kind\", \"name\"")],
    },
    Bad {
        file: "bad-date.jsonl",
        kind: ErrorKind::Parse,
        problems: &[(3, "entity \"person:x\": invalid date \"2022-02-30\": day 30 does not exist in 2022-02")],
    },
    Bad {
        file: "several.jsonl",
        kind: ErrorKind::Parse,
        problems: &[
            (2, "entity \"state:UKR\": invalid date \"2022-02-30\""),
            (4, "EOF while parsing an object"),
            (5, "entity \"state:HUN\": unknown variant \"country\", expected one of \"state\", \"organization\""),
            (6, "entity \"state:AZE\": unknown variant \"upper\", expected one of \"exact\", \"capitalized\", \"any\""),
        ],
    },
    Bad { file: "syntax.json", kind: ErrorKind::Parse, problems: &[(4, "trailing comma")] },
    Bad {
        file: "bad-records.json",
        kind: ErrorKind::Parse,
        problems: &[
            (8, "entity \"state:SWZ\": invalid date \"2018-04-31\": day 31 does not exist in 2018-04"),
            (11, "entity \"state:TUR\": unknown field \"iso\", expected one of \"iso2\", \"iso3\""),
        ],
    },
    Bad {
        file: "unknown-column.csv",
        kind: ErrorKind::Parse,
        problems: &[(1, "unknown column \"alias\", expected one of id, kind, name, aliases")],
    },
    Bad {
        file: "several.csv",
        kind: ErrorKind::Parse,
        problems: &[
            (3, "entity \"state:SSD\": column \"kind\": unknown variant \"country\""),
            (4, "entity \"state:YUG\": column \"end\": invalid date \"1992-02-30\""),
            (
                5,
                "entity \"state:KAZ\": column \"name\" is \"Qazaqstan\" here but \"Kazakhstan\" \
                 in the first row of this id",
            ),
            (6, "entity \"state:CSK\": alias \"acronim:CSSR\" has unknown type \"acronim\""),
        ],
    },
    Bad {
        file: "dangling.jsonl",
        kind: ErrorKind::Invalid,
        problems: &[(
            3,
            "entity \"person:recep-tayyip-erdogan\": post of \"state:TRK\" refers to an unknown id",
        )],
    },
    Bad {
        file: "duplicate.jsonl",
        kind: ErrorKind::Invalid,
        problems: &[(3, "entity \"state:KAZ\": duplicate id \"state:KAZ\" (first defined at ")],
    },
    Bad {
        file: "start-after-end.csv",
        kind: ErrorKind::Invalid,
        problems: &[(
            3,
            "entity \"person:mevlut-cavusoglu\": post foreign_minister of state:TUR starts on \
             2023-06-03, after it ends on 2015-11-24",
        )],
    },
    Bad {
        file: "empty-alias.json",
        kind: ErrorKind::Invalid,
        problems: &[(4, "entity \"state:KGZ\": an alias is empty or white space only")],
    },
    Bad {
        file: "folds-to-nothing.jsonl",
        kind: ErrorKind::Invalid,
        problems: &[(1, "entity \"state:HUN\": alias \"\\u{301}\" folds to nothing")],
    },
    Bad {
        file: "unknown-role.csv",
        kind: ErrorKind::Invalid,
        problems: &[
            (3, "entity \"role:wizard\": unknown role key \"wizard\" (see the role vocabulary)"),
            (4, "entity \"person:kassym-jomart-tokayev\": post has unknown role key \"president\""),
        ],
    },
];

#[test]
fn bad_fixtures_name_file_line_and_problem() {
    for bad in BAD {
        let path = fixture(&format!("bad/{}", bad.file));
        let err = match gazetteer_from_paths(&[&path], MergeMode::Extend) {
            Ok(_) => panic!("{} loads without error", bad.file),
            Err(e) => e,
        };
        let shown = err.to_string();
        assert_eq!(err.kind(), bad.kind, "{}: {shown}", bad.file);
        assert_eq!(err.problems().len(), bad.problems.len(), "{}: {shown}", bad.file);
        for (problem, &(line, message)) in err.problems().iter().zip(bad.problems) {
            assert_eq!(problem.location.line, Some(line), "{}: {problem}", bad.file);
            let expected = format!("{}:{line}: {message}", path.display());
            assert!(problem.to_string().starts_with(&expected), "{problem}\nis not\n{expected}");
            assert!(shown.contains(&expected), "{shown}");
        }
    }
}

#[test]
fn several_problems_in_one_file_are_all_reported() {
    for (file, lines) in [
        ("bad/several.jsonl", &[2, 4, 5, 6][..]),
        ("bad/several.csv", &[3, 4, 5, 6][..]),
        ("bad/bad-records.json", &[8, 11][..]),
    ] {
        let err = read_path(&fixture(file)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Parse);
        let found: Vec<Option<u32>> = err.problems().iter().map(|p| p.location.line).collect();
        let expected: Vec<Option<u32>> = lines.iter().map(|&l| Some(l)).collect();
        assert_eq!(found, expected, "{file}: {err}");
        assert!(err.to_string().starts_with(&format!("{} problems:\n", lines.len())));
    }
}

#[test]
fn problems_of_all_files_are_reported_together_parse_problems_first() {
    let dangling = fixture("bad/dangling.jsonl");
    let several = fixture("bad/several.jsonl");
    let err = gazetteer_from_paths(&[&dangling, &several], MergeMode::Extend).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Parse);
    let files: Vec<(String, Option<u32>)> = err
        .problems()
        .iter()
        .map(|p| {
            let file = p.location.file.as_deref().unwrap_or_default();
            (Path::new(file).file_name().unwrap().to_string_lossy().into_owned(), p.location.line)
        })
        .collect();
    let at = |f: &str, l: u32| (f.to_string(), Some(l));
    assert_eq!(
        files,
        [
            at("several.jsonl", 2),
            at("several.jsonl", 4),
            at("several.jsonl", 5),
            at("several.jsonl", 6),
            at("dangling.jsonl", 3),
        ]
    );
}

#[test]
fn good_records_of_a_file_with_bad_lines_are_kept_for_the_checks() {
    // several.jsonl has bad lines but defines state:UZB; a reference to it from another
    // file must not be reported as dangling on top of the parse problems.
    let dir = temp_dir("kept");
    let orgs = dir.join("orgs.jsonl");
    let org = r#"{"id": "org:OTS", "kind": "organization", "name": "Organization of Turkic States", "members": ["state:UZB"]}"#;
    std::fs::write(&orgs, format!("{org}\n")).unwrap();
    let err =
        gazetteer_from_paths(&[fixture("bad/several.jsonl"), orgs], MergeMode::Extend).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Parse);
    assert_eq!(err.problems().len(), 4, "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unreadable_files_are_io_errors_naming_the_path() {
    let missing = fixture("no-such-file.jsonl");
    let err = gazetteer_from_paths(&[fixture("mini.jsonl"), missing.clone()], MergeMode::Extend)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(err.to_string().starts_with(&format!("{}: ", missing.display())), "{err}");

    let err = read_path(&fixture("mini.txt")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Argument);
}

#[test]
fn merge_modes_extend_and_override() {
    let dir = temp_dir("merge");
    let extra = dir.join("extra.csv");
    std::fs::write(&extra, "id,kind,name,aliases\nstate:KAZ,state,Kazakhstan,Qazaqstan\n").unwrap();
    let base = load("mini.jsonl");
    let before = base.get("state:KAZ").unwrap().clone();

    let extended = extend_gazetteer(&base, &[&extra], MergeMode::Extend).unwrap();
    let kaz = extended.get("state:KAZ").unwrap();
    assert_eq!(kaz.aliases.len(), before.aliases.len() + 1);
    assert_eq!(kaz.codes, before.codes);

    let replaced = extend_gazetteer(&base, &[&extra], MergeMode::Override).unwrap();
    let kaz = replaced.get("state:KAZ").unwrap();
    assert_eq!(kaz.aliases.len(), 1);
    assert!(kaz.codes.is_empty());
    assert_eq!(replaced.len(), base.len());

    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn extend_refuses_a_conflicting_kind_or_name_naming_both() {
    let dir = temp_dir("merge-conflict");
    let extra = dir.join("extra.csv");
    std::fs::write(
        &extra,
        "id,kind,name,aliases\n\
         state:KAZ,organization,Kazakhstan,\n\
         org:OTS,organization,Turkic Council,\n",
    )
    .unwrap();
    let base = load("mini.jsonl");
    let err = extend_gazetteer(&base, &[&extra], MergeMode::Extend).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    let msgs: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    let e = extra.display();
    assert!(msgs[0].starts_with(&format!("{e}:2: entity \"state:KAZ\": kind \"organization\" conflicts with kind \"state\" of the record it extends (")), "{}", msgs[0]);
    assert!(msgs[0].contains("mini.jsonl:"), "{}", msgs[0]);
    assert!(msgs[1].starts_with(&format!("{e}:3: entity \"org:OTS\": name \"Turkic Council\" conflicts with name \"Organization of Turkic States\"")), "{}", msgs[1]);
    // Override mode replaces the records, as asked.
    let replaced = extend_gazetteer(&base, &[&extra], MergeMode::Override).unwrap();
    assert_eq!(replaced.get("org:OTS").unwrap().name, "Turkic Council");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The fenced block that follows `<!-- example: NAME -->` in `markdown`.
fn doc_example<'a>(markdown: &'a str, name: &str) -> &'a str {
    let marker = format!("<!-- example: {name} -->");
    let after = &markdown[markdown.find(&marker).unwrap() + marker.len()..];
    let body = &after[after.find("```").unwrap()..];
    let body = &body[body.find('\n').unwrap() + 1..];
    &body[..body.find("```").unwrap()]
}

#[test]
fn format_doc_examples_load_check_and_agree() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/gazetteer-format.md");
    let markdown = std::fs::read_to_string(path).unwrap();
    let [json, jsonl, csv] = ["complete.json", "complete.jsonl", "complete.csv"].map(|name| {
        let format = Format::from_path(Path::new(name)).unwrap();
        let records = read_str(doc_example(&markdown, name), format, name)
            .unwrap_or_else(|e| panic!("{name}:\n{e}"));
        // The other members of the CSTO, as the embedded gazetteer would give them.
        let mut b = Gazetteer::builder();
        for id in ["state:ARM", "state:BLR", "state:KGZ", "state:RUS", "state:TJK"] {
            b.add(Entity::new(id, geopol::EntityKind::State, id));
        }
        b.add_source(records, MergeMode::Extend);
        let g = b.build().unwrap_or_else(|e| panic!("{name}:\n{e}"));
        g.entities()[5..].to_vec()
    });
    assert_eq!(json.len(), 5);
    assert_eq!(json, jsonl);
    assert_eq!(jsonl, csv);
}

/// A cheap, deterministic stand-in for the fuzz target: truncated and corrupted fixtures
/// must give records or errors, never a panic.
#[test]
fn loaders_never_panic_on_damaged_input() {
    let formats = [Format::Json, Format::JsonLines, Format::Csv];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for name in MINI {
        let text = std::fs::read_to_string(fixture(name)).unwrap();
        for (cut, _) in text.char_indices().step_by(7) {
            for format in formats {
                let _ = read_str(&text[..cut], format, name);
            }
        }
        let noise = ['{', '}', '[', ']', '"', ',', ':', '\\', '\n', '|', 'é', '\u{301}', '#'];
        for _ in 0..300 {
            let mut damaged: Vec<char> = text.chars().collect();
            for _ in 0..3 {
                let at = (next() % damaged.len() as u64) as usize;
                let c = noise[(next() % noise.len() as u64) as usize];
                match next() % 3 {
                    0 => damaged[at] = c,
                    1 => damaged.insert(at, c),
                    _ => {
                        damaged.remove(at);
                    }
                }
            }
            let damaged: String = damaged.into_iter().collect();
            for format in formats {
                let _ = read_str(&damaged, format, name);
            }
        }
    }
}
