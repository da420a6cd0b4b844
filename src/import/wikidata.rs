//! Officials from Wikidata "position held" (P39) results.
//!
//! # Input
//!
//! A CSV file with a header row, or a SPARQL JSON result
//! (`{"head": {"vars": [...]}, "results": {"bindings": [...]}}`). Columns are found by
//! name (case-insensitive); only `person` and a position label are required:
//!
//! | column | also accepted as | value |
//! |---|---|---|
//! | `person` | `person_qid`, `item` | QID (`Q200881`) or entity URI |
//! | `personLabel` | `person_name`, `name` | the person's name |
//! | `position` | `position_qid` | QID or URI (not used for matching) |
//! | `positionLabel` | `position_label` | "Minister of Foreign Affairs" |
//! | `country` | `country_iso3`, `jurisdiction_country` | ISO 3166 alpha-3 (`KAZ`), or a QID / URI mapped through [`Importer::states`] |
//! | `start`, `end` | `start_date`/`startTime`, … | `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or xsd:dateTime |
//! | `position_class` | `class` | optional: `head_of_state`, `head_of_government`, `foreign_minister`, `defence_minister`, `other` |
//! | `scope` | | optional: `national`, `subnational`, `international` |
//!
//! This is the layout of `posts.csv` in the geopol source data (person_qid, person_name,
//! position_qid, position_label, country, start, end, …, position_class, …, scope, …),
//! and of the result of a query such as:
//!
//! ```sparql
//! SELECT ?person ?personLabel ?position ?positionLabel ?country ?start ?end WHERE {
//!   VALUES ?position { wd:Q1165604 wd:Q7330070 }          # the positions wanted
//!   ?person p:P39 ?held .
//!   ?held ps:P39 ?position .
//!   OPTIONAL { ?held pq:P580 ?start . }
//!   OPTIONAL { ?held pq:P582 ?end . }
//!   OPTIONAL { ?position wdt:P1001 ?country . }             # applies to jurisdiction
//!   SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
//! }
//! ```
//!
//! (`?country` is then a QID; give the importer a gazetteer's states with
//! [`Importer::states`] to map it to `state:` + ISO 3166 alpha-3.)
//!
//! # Output
//!
//! One [`EntityKind::Official`] per person QID, with id `person:` + [`slug`] of the name
//! (collisions get `-2`, `-3`, … in QID order; names in a script with no ASCII form get
//! `person:q…`), `codes.wikidata`, aliases (every name seen, with and without diacritics;
//! the name before a comma; one surname of at least four letters, except for states whose
//! names put the family name first), and posts.
//!
//! The role of a post comes from `position_class` when it names one of the four main
//! roles (for the two ministers, unless the label names another portfolio, "Minister of
//! Foreign Trade", or a junior post, "State Minister for Defence", "Minister for Defence
//! Materiel"), else from the label by [`role_for_title`]. Sub-national posts (`scope` =
//! `subnational`, e.g. "Chief Minister of Punjab") are kept as the coarse role
//! `government` of their state, as are national posts whose title names an organization
//! role ("Secretary-General to the President"), junior posts (deputy ministers) and
//! titles the vocabulary does not know; posts that are not in government ("First Lady")
//! become `other`. International posts name their organization in the label
//! ("Secretary-General of the United Nations" → `secretary_general` of `org:UN`).
//! Rows with no usable person, organization or state, or with impossible dates, are
//! reported in [`ImportReport::skipped`].

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use super::names::{ascii_variant, clean_name, is_latin, surname_of};
use super::titles::{is_junior, DEFENCE_BRANCHES};
use super::{role_for_title, slug, ImportReport};
use crate::error::{Error, ErrorKind, Location, Problem, Result};
use crate::{fold, Alias, AliasKind, Date, Entity, EntityKind, Post};

/// Imports a position-held file (CSV or SPARQL JSON) and returns its officials.
///
/// Skipped rows are not returned here; use [`Importer::import_path`] to see them.
pub fn import_path(path: &Path) -> Result<Vec<Entity>> {
    Importer::new().import_path(path).map(|r| r.entities)
}

/// Imports position-held data held in memory; `source_name` names it in errors.
///
/// ```
/// let csv = "person_qid,person_name,position_qid,position_label,country,start,end,position_class\n\
///            Q70254110,Mukhtar Tleuberdi,Q1,Minister of Foreign Affairs,KAZ,2019-09-18,2023-04-01,foreign_minister\n";
/// let people = geopol::import::wikidata::import_str(csv, "posts.csv").unwrap();
/// let p = &people[0];
/// assert_eq!(p.codes.wikidata.as_deref(), Some("Q70254110"));
/// assert_eq!(p.posts[0].of, "state:KAZ");
/// assert!(p.aliases.iter().any(|a| a.text == "Tleuberdi"));
/// ```
pub fn import_str(text: &str, source_name: &str) -> Result<Vec<Entity>> {
    Importer::new().import_str(text, source_name).map(|r| r.entities)
}

/// A configurable Wikidata importer: country QIDs and extra names of people.
#[derive(Clone, Debug, Default)]
pub struct Importer {
    /// Country QID → ISO 3166 alpha-3.
    country_qids: HashMap<String, String>,
    /// Person QID → names seen (in file order).
    names: HashMap<String, Vec<String>>,
}

impl Importer {
    /// An importer that knows no country QIDs and no extra names.
    pub fn new() -> Importer {
        Importer::default()
    }

    /// Learns country QIDs from states that carry both `codes.wikidata` and `codes.iso3`
    /// (for instance the states of the embedded gazetteer).
    pub fn states<'a>(&mut self, entities: impl IntoIterator<Item = &'a Entity>) -> &mut Self {
        for e in entities {
            if e.kind != EntityKind::State {
                continue;
            }
            if let (Some(q), Some(iso3)) = (&e.codes.wikidata, &e.codes.iso3) {
                self.country_qids.insert(q.clone(), iso3.clone());
            }
        }
        self
    }

    /// Reads names seen per person from a people file (CSV with `person_qid` and
    /// `names_seen`, names separated by `|`; an `enwiki` column is read too), as
    /// published with the geopol source data (`people.csv`). They become aliases, and
    /// give a Latin-script name to people whose label is in another script.
    pub fn people_path(&mut self, path: &Path) -> Result<&mut Self> {
        let text = read(path)?;
        self.people_str(&text, &path.display().to_string())
    }

    /// Same as [`Importer::people_path`], from memory.
    pub fn people_str(&mut self, text: &str, source_name: &str) -> Result<&mut Self> {
        let file: Arc<str> = Arc::from(source_name);
        let rows = csv_rows(text, &file)?;
        for (loc, row) in rows {
            let Some(qid) = get(&row, &["person_qid", "person", "item", "qid"]).and_then(qid_of)
            else {
                return Err(Error::new(ErrorKind::Parse, loc, "row has no person QID"));
            };
            let names = self.names.entry(qid).or_default();
            let seen = get(&row, &["names_seen", "names"]).unwrap_or("");
            let label = get(&row, &["person_name", "personlabel", "name"]).unwrap_or("");
            let enwiki = get(&row, &["enwiki"]).unwrap_or("");
            for n in std::iter::once(label).chain(seen.split('|')).chain(std::iter::once(enwiki)) {
                let n = n.trim();
                if !n.is_empty() && !names.iter().any(|m| m == n) {
                    names.push(n.to_string());
                }
            }
        }
        Ok(self)
    }

    /// Imports a position-held file; see the [module docs](self).
    pub fn import_path(&self, path: &Path) -> Result<ImportReport> {
        let text = read(path)?;
        self.import_str(&text, &path.display().to_string())
    }

    /// Imports position-held data held in memory; `source_name` names it in errors.
    pub fn import_str(&self, text: &str, source_name: &str) -> Result<ImportReport> {
        let file: Arc<str> = Arc::from(source_name);
        let rows = if text.trim_start().starts_with('{') {
            sparql_rows(text, &file)?
        } else {
            csv_rows(text, &file)?
        };
        if let Some((loc, row)) = rows.first() {
            if get_col(row, &["person", "person_qid", "item"]).is_none() {
                return Err(Error::new(
                    ErrorKind::Parse,
                    Location::new(loc.file.clone(), Some(1)),
                    "no person column (expected person, person_qid or item)",
                ));
            }
        }
        let mut people: BTreeMap<String, Person> = BTreeMap::new();
        let mut skipped = Vec::new();
        for (loc, row) in rows {
            match self.read_row(&row) {
                Ok((qid, name, post)) => {
                    let p =
                        people.entry(qid).or_insert_with(|| Person { name, ..Person::default() });
                    if let Some((post, iso3)) = post {
                        if p.country.is_none() {
                            p.country = iso3;
                        }
                        if !p.posts.contains(&post) {
                            p.posts.push(post);
                        }
                    }
                }
                Err(msg) => skipped.push(Problem::new(loc, msg)),
            }
        }
        let entities = self.build(people);
        Ok(ImportReport { entities, skipped })
    }

    /// One row → (QID, name, post and its state's ISO3), or why it was skipped. A row with
    /// a person but an unusable post still records the person (with `None`) only when the
    /// post is missing altogether.
    #[allow(clippy::type_complexity)]
    fn read_row(
        &self,
        row: &HashMap<String, String>,
    ) -> Result<(String, String, Option<(Post, Option<String>)>), String> {
        let qid =
            get(row, &["person", "person_qid", "item"]).and_then(qid_of).ok_or("no person QID")?;
        let mut name = get(row, &["personlabel", "person_name", "name", "itemlabel"])
            .unwrap_or("")
            .trim()
            .to_string();
        if name.is_empty() || !is_latin(&name) {
            if let Some(n) = self.latin_name(&qid) {
                name = n;
            }
        }
        if name.is_empty() || name == qid {
            return Err(format!("person {qid} has no name"));
        }
        let label = get(row, &["positionlabel", "position_label", "position_name"])
            .or_else(|| get(row, &["position"]).filter(|p| qid_of(p).is_none()))
            .unwrap_or("")
            .trim()
            .to_string();
        if label.is_empty() {
            return Err(format!("person {qid}: the position has no label"));
        }
        let scope = get(row, &["scope"]).unwrap_or("").trim().to_lowercase();
        let class = get(row, &["position_class", "class"]).unwrap_or("").trim().to_lowercase();
        let country_raw = get(row, &["country", "country_iso3", "iso3"]).unwrap_or("").trim();
        let iso3 = self.country(country_raw);
        let org = org_of(&label).or_else(|| org_of(country_raw));
        let (of, is_org) = match (&org, &iso3) {
            (Some(o), _) if scope == "international" || iso3.is_none() => (o.to_string(), true),
            (_, Some(c)) => (format!("state:{c}"), false),
            (Some(o), None) => (o.to_string(), true),
            (None, None) if country_raw.is_empty() => {
                return Err(format!("{qid} {label:?}: no country and no known organization"))
            }
            (None, None) => {
                return Err(format!("{qid} {label:?}: unknown country {country_raw:?}"))
            }
        };
        let role = role_of(&class, &label, &scope, is_org);
        let start_raw = get(row, &["start", "start_date", "starttime", "start_time", "startdate"])
            .unwrap_or("")
            .trim();
        let end_raw =
            get(row, &["end", "end_date", "endtime", "end_time", "enddate"]).unwrap_or("").trim();
        let start = parse_date(start_raw, false)
            .map_err(|_| format!("{qid} {label:?}: invalid start date {start_raw:?}"))?;
        let end = parse_date(end_raw, true)
            .map_err(|_| format!("{qid} {label:?}: invalid end date {end_raw:?}"))?;
        if let (Some(s), Some(e)) = (start, end) {
            if s > e {
                return Err(format!("{qid} {label:?}: starts on {s}, after it ends on {e}"));
            }
        }
        let post = Post {
            role: role.to_string(),
            of,
            title: Some(label),
            start,
            end,
            confirmed: None,
            acting: false,
            source: None,
            note: None,
        };
        Ok((qid, name, Some((post, iso3))))
    }

    fn country(&self, raw: &str) -> Option<String> {
        if raw.len() == 3 && raw.bytes().all(|b| b.is_ascii_uppercase()) {
            return Some(raw.to_string());
        }
        qid_of(raw).and_then(|q| self.country_qids.get(&q).cloned())
    }

    fn latin_name(&self, qid: &str) -> Option<String> {
        self.names.get(qid)?.iter().find_map(|n| clean_name(n))
    }

    fn build(&self, people: BTreeMap<String, Person>) -> Vec<Entity> {
        // Ids: slug of the name; collisions numbered in QID order.
        let mut by_qid: Vec<(String, Person)> = people.into_iter().collect();
        by_qid.sort_by_key(|(q, _)| qid_number(q));
        let mut used: HashMap<String, u32> = HashMap::new();
        let mut out = Vec::with_capacity(by_qid.len());
        for (qid, p) in by_qid {
            let mut base = slug(&p.name);
            if base.is_empty() {
                base = qid.to_lowercase();
            }
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { format!("person:{base}") } else { format!("person:{base}-{n}") };
            out.push(self.entity(id, qid, p));
        }
        // A numbered id may collide with a plain one ("a-2" as a name); keep ids unique.
        let mut seen = std::collections::HashSet::new();
        for e in &mut out {
            let mut k = 2;
            let base = e.id.clone();
            while !seen.insert(e.id.clone()) {
                e.id = format!("{base}-{k}");
                k += 1;
            }
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }

    fn entity(&self, id: String, qid: String, mut p: Person) -> Entity {
        let mut e = Entity::new(id, EntityKind::Official, p.name.clone());
        let mut texts: Vec<String> = Vec::new();
        let push = |texts: &mut Vec<String>, t: String| {
            if t != p.name && !t.is_empty() && !texts.contains(&t) {
                texts.push(t);
            }
        };
        let mut forms = vec![p.name.clone()];
        if let Some(seen) = self.names.get(&qid) {
            forms.extend(seen.iter().filter_map(|n| clean_name(n)));
        }
        for f in &forms {
            if let Some((before, _)) = f.split_once(", ") {
                if before.split_whitespace().count() >= 2 {
                    push(&mut texts, before.to_string());
                }
            }
            push(&mut texts, f.clone());
            let a = ascii_variant(f);
            if fold::word_count(&a) > 0 {
                push(&mut texts, a);
            }
        }
        e.aliases = texts.into_iter().map(|t| Alias::new(t, AliasKind::Alias)).collect();
        if let Some(s) = surname_of(&p.name, p.country.as_deref()) {
            e.aliases.push(Alias::new(s, AliasKind::Surname));
        }
        p.posts.sort_by(|a, b| {
            (a.start, a.end, &a.role, &a.of, &a.title)
                .cmp(&(b.start, b.end, &b.role, &b.of, &b.title))
        });
        e.posts = p.posts;
        e.codes.wikidata = Some(qid);
        e.sources = vec!["wikidata".to_string()];
        e
    }
}

#[derive(Default)]
struct Person {
    name: String,
    /// The state of the first national post, for the surname rule.
    country: Option<String>,
    posts: Vec<Post>,
}

/// A minister's class (`foreign_minister`, `defence_minister`) unless the label says the
/// post is another portfolio ("Minister of Foreign Trade") or a junior one ("State
/// Minister for Defence", "Minister for Defence Materiel"): the class column files some
/// junior posts under the ministry. Heads of state and government keep their class.
fn class_or_title(
    class: &'static str,
    by_title: Option<&'static str>,
    label: &str,
) -> &'static str {
    if !class.ends_with("_minister") {
        return class;
    }
    match by_title {
        Some(t) if t == class => class,
        Some("minister") => {
            let f = fold::fold_str(label);
            if f.split_whitespace().any(|w| DEFENCE_BRANCHES.contains(&w)) {
                "minister"
            } else {
                class
            }
        }
        Some(t) if t.ends_with("_minister") => t,
        Some(_) => class,
        None => {
            let f = fold::fold_str(label).replace(['-', '.', ',', '(', ')'], " ");
            let words: Vec<&str> = f.split_whitespace().collect();
            if is_junior(&words) || f.contains("minister of state") || f.contains("state secretary")
            {
                "government"
            } else {
                class
            }
        }
    }
}

/// The role of a post from its class, label and scope (see the module docs).
fn role_of(class: &str, label: &str, scope: &str, of_org: bool) -> &'static str {
    const MAIN: &[&str] =
        &["head_of_state", "head_of_government", "foreign_minister", "defence_minister"];
    if scope == "subnational" {
        return "government";
    }
    let by_title = role_for_title(label);
    if let Some(&k) = MAIN.iter().find(|&&k| k == class) {
        if !of_org {
            return class_or_title(k, by_title, label);
        }
    }
    if of_org {
        return match by_title {
            Some(
                k @ ("secretary_general"
                | "deputy_secretary_general"
                | "director_general"
                | "chair"
                | "judge"
                | "speaker"
                | "legislator"
                | "spokesperson"
                | "ambassador"),
            ) => k,
            Some("head_of_state") => "chair",
            _ => "other",
        };
    }
    match by_title {
        // The class column, when present, is the better judge of heads of state and
        // government; a title that looks like one but is classed `other` is not.
        Some("head_of_state" | "head_of_government") if !class.is_empty() => "government",
        Some("secretary_general" | "deputy_secretary_general" | "director_general" | "chair") => {
            "government"
        }
        Some(k) => k,
        None => {
            let f = fold::fold_str(label);
            let official = [
                "minister",
                "secretary",
                "governor",
                "deputy",
                "commissioner",
                "director",
                "chief",
                "head",
                "attorney",
                "prefect",
                "chancellor",
                "counsel",
                "advis",
                "council",
                "state",
                "general",
                "president",
                "chair",
                "mayor",
            ];
            if official.iter().any(|w| f.contains(w)) {
                "government"
            } else {
                "other"
            }
        }
    }
}

/// International organizations named in position labels, most specific first.
const ORGS: &[(&str, &str)] = &[
    ("united nations general assembly", "org:UNGA"),
    ("general assembly of the united nations", "org:UNGA"),
    ("united nations security council", "org:UNSC"),
    ("international court of justice", "org:ICJ"),
    ("international criminal court", "org:ICC"),
    ("parliamentary assembly of the council of europe", "org:PACE"),
    ("council of europe", "org:COE"),
    ("world trade organization", "org:WTO"),
    ("world health organization", "org:WHO"),
    ("international atomic energy agency", "org:IAEA"),
    ("international monetary fund", "org:IMF"),
    ("world bank", "org:WORLD_BANK"),
    ("league of arab states", "org:ARAB_LEAGUE"),
    ("arab league", "org:ARAB_LEAGUE"),
    ("european commission", "org:EC"),
    ("union for foreign affairs and security policy", "org:EU"),
    ("european union", "org:EU"),
    ("north atlantic treaty organization", "org:NATO"),
    ("nato", "org:NATO"),
    ("organization of turkic states", "org:OTS"),
    ("turkic council", "org:OTS"),
    ("african union", "org:AU"),
    ("united nations", "org:UN"),
];

fn org_of(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        return None;
    }
    let f = format!(" {} ", fold::fold_str(text).replace('-', " "));
    ORGS.iter().find(|(p, _)| f.contains(&format!(" {p} "))).map(|(_, id)| *id)
}

/// The QID in a value ("Q42" or an entity URI).
fn qid_of(v: &str) -> Option<String> {
    let last = v.trim().rsplit('/').next()?;
    let ok =
        last.len() > 1 && last.starts_with('Q') && last[1..].bytes().all(|b| b.is_ascii_digit());
    ok.then(|| last.to_string())
}

fn qid_number(q: &str) -> (u64, String) {
    (q[1..].parse().unwrap_or(u64::MAX), q.to_string())
}

/// Parses a Wikidata date (`2019-03-20`, `2019-03`, `2019`, `+2019-03-20T00:00:00Z`).
fn parse_date(raw: &str, end: bool) -> Result<Option<Date>, ()> {
    let s = raw.trim().trim_start_matches('+');
    if s.is_empty() {
        return Ok(None);
    }
    let s = s.split('T').next().unwrap_or(s);
    // Wikidata writes year precision as YYYY-00-00 and month precision as YYYY-MM-00.
    let s = s.trim_end_matches("-00").trim_end_matches("-00");
    let d = if end { Date::parse_end(s) } else { Date::parse_start(s) };
    d.map(Some).map_err(|_| ())
}

fn read(path: &Path) -> Result<String> {
    crate::load::read_text_file(path)
}

type Row = HashMap<String, String>;

fn csv_rows(text: &str, file: &Arc<str>) -> Result<Vec<(Location, Row)>> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let at = |line: u64| Location::new(Some(file.clone()), Some(line.min(u32::MAX as u64) as u32));
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| Error::new(ErrorKind::Parse, at(1), format!("bad CSV header: {e}")))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::new(ErrorKind::Parse, at(line), format!("bad CSV row: {e}"))
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let row: Row = headers.iter().cloned().zip(rec.iter().map(str::to_string)).collect();
        out.push((at(line), row));
    }
    Ok(out)
}

fn sparql_rows(text: &str, file: &Arc<str>) -> Result<Vec<(Location, Row)>> {
    let loc = || Location::new(Some(file.clone()), None);
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        Error::new(
            ErrorKind::Parse,
            Location::new(Some(file.clone()), Some(e.line() as u32)),
            format!("bad JSON: {e}"),
        )
    })?;
    let bindings = v
        .get("results")
        .and_then(|r| r.get("bindings"))
        .and_then(|b| b.as_array())
        .ok_or_else(|| {
            Error::new(ErrorKind::Parse, loc(), "not a SPARQL JSON result (no results.bindings)")
        })?;
    let mut out = Vec::with_capacity(bindings.len());
    for (i, b) in bindings.iter().enumerate() {
        let Some(obj) = b.as_object() else {
            return Err(Error::new(
                ErrorKind::Parse,
                loc(),
                format!("result {}: not an object", i + 1),
            ));
        };
        let mut row = Row::new();
        for (k, cell) in obj {
            if let Some(val) = cell.get("value").and_then(|x| x.as_str()) {
                row.insert(k.to_lowercase(), val.to_string());
            }
        }
        // SPARQL results have no lines; the result number stands in for one.
        out.push((Location::new(Some(file.clone()), Some((i + 1) as u32)), row));
    }
    Ok(out)
}

fn get_col<'r>(row: &'r Row, names: &[&str]) -> Option<&'r String> {
    names.iter().find_map(|n| row.get(*n))
}

fn get<'r>(row: &'r Row, names: &[&str]) -> Option<&'r str> {
    names.iter().find_map(|n| row.get(*n).map(String::as_str).filter(|v| !v.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "person_qid,person_name,position_qid,position_label,country,start,end,position_class,scope\n\
Q200881,Kassym-Jomart Tokayev,Q1,President of Kazakhstan,KAZ,2019-03-20,,head_of_state,national\n\
Q200881,Kassym-Jomart Tokayev,Q2,Minister of Foreign Affairs,KAZ,2002-01-28,2003-06-13,foreign_minister,national\n\
Q9,Xi Jinping,Q3,President of the People's Republic of China,CHN,2013-03-14,,head_of_state,national\n\
Q10,Ana Lopez,Q4,Chief Minister of Somewhere,ESP,2010,2011,head_of_government,subnational\n\
Q11,Ana López,Q5,Minister of Finance,MEX,2010-05,2011-02,other,national\n\
Q12,Ban Ki-moon,Q6,United Nations Secretary-General,,2007-01-01,2016-12-31,other,international\n\
Q13,Nobody,Q7,Mayor of Nowhere,ZZZ,2020-01-01,2019-01-01,other,national\n\
,Blank,Q8,Minister,KAZ,,,other,national\n\
Q14,Some One,Q9,Permanent Representative to the United Nations,,2001,,other,international\n";

    #[test]
    fn imports_posts_and_reports_skips() {
        let r = Importer::new().import_str(CSV, "posts.csv").unwrap();
        let ids: Vec<&str> = r.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "person:ana-lopez",
                "person:ana-lopez-2",
                "person:ban-ki-moon",
                "person:kassym-jomart-tokayev",
                "person:some-one",
                "person:xi-jinping"
            ]
        );
        let t = r.entities.iter().find(|e| e.id == "person:kassym-jomart-tokayev").unwrap();
        assert_eq!(t.posts.len(), 2);
        assert_eq!(t.posts[0].role, "foreign_minister");
        assert_eq!(t.posts[1].role, "head_of_state");
        assert_eq!(t.posts[1].end, None);
        assert!(t.aliases.iter().any(|a| a.kind == AliasKind::Surname && a.text == "Tokayev"));
        let xi = r.entities.iter().find(|e| e.id == "person:xi-jinping").unwrap();
        assert!(!xi.aliases.iter().any(|a| a.kind == AliasKind::Surname));
        let ana = &r.entities[0];
        assert_eq!(ana.posts[0].role, "government");
        let ana2 = &r.entities[1];
        assert_eq!(ana2.posts[0].role, "finance_minister");
        assert_eq!(ana2.posts[0].start.unwrap().to_string(), "2010-05-01");
        assert_eq!(ana2.posts[0].end.unwrap().to_string(), "2011-02-28");
        assert!(ana2.aliases.iter().any(|a| a.text == "Ana Lopez"));
        let ban = r.entities.iter().find(|e| e.id == "person:ban-ki-moon").unwrap();
        assert_eq!(
            (ban.posts[0].role.as_str(), ban.posts[0].of.as_str()),
            ("secretary_general", "org:UN")
        );
        // Impossible dates, no QID: skipped with the line; Q14's post names no state.
        let lines: Vec<Option<u32>> = r.skipped.iter().map(|p| p.location.line).collect();
        assert_eq!(lines, [Some(8), Some(9)]);
        assert!(r.skipped[0].message.contains("after it ends"));
        let some = r.entities.iter().find(|e| e.id == "person:some-one").unwrap();
        assert_eq!(
            (some.posts[0].role.as_str(), some.posts[0].of.as_str()),
            ("ambassador", "org:UN")
        );
    }

    #[test]
    fn sparql_json_and_people() {
        let json = r#"{"head":{"vars":["person","personLabel","positionLabel","country","start"]},
          "results":{"bindings":[{"person":{"type":"uri","value":"http://www.wikidata.org/entity/Q1377525"},
          "personLabel":{"type":"literal","value":"Имангали Тасмагамбетов"},
          "positionLabel":{"type":"literal","value":"Prime Minister of Kazakhstan"},
          "country":{"type":"uri","value":"http://www.wikidata.org/entity/Q232"},
          "start":{"type":"literal","value":"2002-01-28T00:00:00Z"}}]}}"#;
        let mut kaz = Entity::new("state:KAZ", EntityKind::State, "Kazakhstan");
        kaz.codes.wikidata = Some("Q232".into());
        kaz.codes.iso3 = Some("KAZ".into());
        let mut imp = Importer::new();
        imp.states([&kaz]);
        imp.people_str(
            "person_qid,person_name,names_seen\nQ1377525,Имангали Тасмагамбетов,Imangali Tasmagambetov | Имангали Тасмагамбетов\n",
            "people.csv",
        )
        .unwrap();
        let r = imp.import_str(json, "q.json").unwrap();
        assert!(r.skipped.is_empty(), "{:?}", r.skipped);
        let e = &r.entities[0];
        assert_eq!(e.id, "person:imangali-tasmagambetov");
        assert_eq!(e.name, "Imangali Tasmagambetov");
        assert_eq!(e.posts[0].of, "state:KAZ");
        assert_eq!(e.posts[0].role, "head_of_government");
        assert_eq!(e.posts[0].start.unwrap().to_string(), "2002-01-28");
    }

    #[test]
    fn bad_input_is_an_error_with_location() {
        let e = import_str("a,b\n1,2\n", "x.csv").unwrap_err();
        assert!(e.to_string().contains("x.csv:1"), "{e}");
        let e = import_str("{\"results\": 3}", "x.json").unwrap_err();
        assert!(e.to_string().contains("x.json"), "{e}");
        assert!(import_str("", "empty.csv").unwrap().is_empty());
    }
}
