//! The gazetteer commands: `validate`, `convert`, `stats`, `import`; and loading the
//! gazetteer the other commands use.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::sync::Arc;

use serde_json::json;

use crate::date::Date;
use crate::error::{Error, ErrorKind, Location};
use crate::import::ImportReport;
use crate::load::{self, Format};
use crate::matcher::Matcher;
use crate::model::{Entity, EntityKind, Gazetteer, MergeMode};

use super::args::{
    ConvertArgs, GazetteerArgs, ImportCameoArgs, ImportWikidataArgs, StatsArgs, StatsFormat,
    ValidateArgs,
};
use super::{CliResult, Ctx, Failure, PipeWatch};

/// The embedded default gazetteer, unless `no_default` or the build has none.
fn default_gazetteer(no_default: bool) -> Option<Arc<Gazetteer>> {
    #[cfg(feature = "embedded")]
    if !no_default {
        return Some(Gazetteer::embedded());
    }
    let _ = no_default;
    None
}

fn no_gazetteer() -> Failure {
    let msg = if cfg!(feature = "embedded") {
        "no gazetteer: --no-default needs at least one --gazetteer FILE"
    } else {
        "no gazetteer: this build of geopol has no embedded gazetteer, give --gazetteer FILE"
    };
    Failure::Input(Error::argument(msg))
}

/// The gazetteer chosen by the options: the default, the files, or both.
pub(crate) fn gazetteer_for(args: &GazetteerArgs) -> CliResult<Arc<Gazetteer>> {
    let base = default_gazetteer(args.no_default);
    let mode = MergeMode::from(args.mode);
    match (base, args.files.is_empty()) {
        (Some(base), true) => Ok(base),
        (Some(base), false) => Ok(Arc::new(load::extend_gazetteer(&base, &args.files, mode)?)),
        (None, false) => Ok(Arc::new(load::gazetteer_from_paths(&args.files, mode)?)),
        (None, true) => Err(no_gazetteer()),
    }
}

/// The matcher chosen by the options (the default one is compiled once per process).
pub(crate) fn matcher_for(args: &GazetteerArgs) -> CliResult<Matcher> {
    #[cfg(feature = "embedded")]
    if !args.no_default && args.files.is_empty() {
        return Ok(Matcher::default());
    }
    Ok(Matcher::new(gazetteer_for(args)?)?)
}

pub(crate) fn validate(args: ValidateArgs, ctx: &mut Ctx<'_>) -> CliResult {
    let mode = MergeMode::from(args.mode);
    let base = default_gazetteer(args.alone);
    let loaded = match &base {
        Some(base) => load::extend_gazetteer(base, &args.files, mode),
        None => load::gazetteer_from_paths(&args.files, mode),
    };
    let checked = loaded.and_then(|g| {
        let g = Arc::new(g);
        Matcher::new(g.clone()).map(|_| g)
    });
    let gazetteer = match checked {
        Ok(g) => g,
        Err(e) => {
            for p in e.problems() {
                writeln!(ctx.out, "{p}")?;
            }
            ctx.out.flush()?;
            summarize_problems(&e, ctx.err);
            return Err(Failure::Reported);
        }
    };
    let mut records = 0;
    for path in &args.files {
        let entities: Vec<Entity> = load::read_path(path)?.into_iter().map(|(e, _)| e).collect();
        records += entities.len();
        writeln!(ctx.out, "{}: {}", path.display(), count_kinds(&entities))?;
    }
    let with = match &base {
        Some(_) => format!(
            "checked together with the default gazetteer, {} entities in all",
            gazetteer.len()
        ),
        None => "checked alone".to_string(),
    };
    writeln!(
        ctx.out,
        "ok: {} file{}, {records} record{}, {with}",
        args.files.len(),
        plural(args.files.len()),
        plural(records)
    )?;
    Ok(())
}

/// "geopol: 3 problems found in 2 files", on standard error.
fn summarize_problems(e: &Error, err: &mut dyn std::io::Write) {
    let files: BTreeSet<&str> =
        e.problems().iter().filter_map(|p| p.location.file.as_deref()).collect();
    let n = e.problems().len();
    let _ = writeln!(
        err,
        "geopol: {n} problem{} found in {} file{}",
        plural(n),
        files.len(),
        plural(files.len())
    );
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// "12 entities (3 states, 1 organization, 8 officials)".
fn count_kinds(entities: &[Entity]) -> String {
    let mut by_kind: BTreeMap<EntityKind, usize> = BTreeMap::new();
    for e in entities {
        *by_kind.entry(e.kind).or_default() += 1;
    }
    let parts: Vec<String> =
        by_kind.iter().map(|(k, n)| format!("{n} {}", kind_plural(*k, *n))).collect();
    let n = entities.len();
    if parts.is_empty() {
        format!("{n} entities")
    } else {
        format!("{n} entit{} ({})", if n == 1 { "y" } else { "ies" }, parts.join(", "))
    }
}

fn kind_plural(kind: EntityKind, n: usize) -> String {
    format!("{}{}", kind.as_str(), plural(n))
}

pub(crate) fn convert(args: ConvertArgs, ctx: &mut Ctx<'_>) -> CliResult {
    let from = match args.from {
        Some(f) => Format::from(f),
        None => format_of(&args.input, "--from")?,
    };
    let to = match args.to {
        Some(f) => Format::from(f),
        None => format_of(&args.output, "--to")?,
    };
    let records = if is_dash(&args.input) {
        load::read_reader(&mut *ctx.stdin, from, "<stdin>")?
    } else {
        let file = File::open(&args.input).map_err(|e| {
            Error::new(ErrorKind::Io, Location::path(&args.input), format!("cannot open: {e}"))
        })?;
        load::read_reader(BufReader::new(file), from, &args.input.display().to_string())?
    };
    // The records are checked as `validate` checks them (with the default gazetteer unless
    // --alone), so that an invalid file is refused rather than silently changed: a
    // duplicate id written to CSV would come back as one merged record.
    let base = default_gazetteer(args.alone);
    let mut builder = match &base {
        Some(base) => base.to_builder(),
        None => Gazetteer::builder(),
    };
    builder.add_source(records.clone(), MergeMode::from(args.mode));
    let checked = builder.into_gazetteer().and_then(|g| Matcher::new(Arc::new(g)).map(|_| ()));
    if let Err(e) = checked {
        for p in e.problems() {
            let _ = writeln!(ctx.err, "{p}");
        }
        summarize_problems(&e, ctx.err);
        return Err(Failure::Reported);
    }
    let entities: Vec<Entity> = records.into_iter().map(|(e, _)| e).collect();
    if is_dash(&args.output) {
        let mut w = PipeWatch::new(ctx.out);
        load::write(&entities, to, &mut w).map_err(|e| w.failure(e))?;
    } else {
        // Written in memory first, so that a value the format cannot hold leaves no
        // half-written file behind.
        let mut bytes = Vec::new();
        load::write(&entities, to, &mut bytes)?;
        write_file(&args.output, &bytes)?;
        let _ = writeln!(
            ctx.err,
            "geopol: wrote {} entit{} to {} ({to})",
            entities.len(),
            if entities.len() == 1 { "y" } else { "ies" },
            args.output.display()
        );
    }
    Ok(())
}

fn is_dash(p: &Path) -> bool {
    p.as_os_str() == "-"
}

fn format_of(path: &Path, flag: &str) -> CliResult<Format> {
    if is_dash(path) {
        return Err(Error::argument(format!("`-` has no file extension: give {flag}")).into());
    }
    Format::from_path(path).ok_or_else(|| {
        Failure::Input(Error::new(
            ErrorKind::Argument,
            Location::path(path),
            format!(
                "cannot tell the format from the file name (.json, .jsonl, .ndjson, .csv): \
                 give {flag}"
            ),
        ))
    })
}

fn write_file(path: &Path, bytes: &[u8]) -> CliResult {
    std::fs::write(path, bytes).map_err(|e| {
        Failure::Input(Error::new(
            ErrorKind::Io,
            Location::path(path),
            format!("cannot write: {e}"),
        ))
    })
}

pub(crate) fn stats(args: StatsArgs, ctx: &mut Ctx<'_>) -> CliResult {
    let g = gazetteer_for(&args.gazetteer)?;
    let s = Stats::of(g.entities());
    match args.format {
        StatsFormat::Json => {
            let v = json!({
                "entities": s.entities,
                "by_kind": s.by_kind,
                "aliases_by_kind": s.aliases_by_kind,
                "posts": s.posts,
                "posts_by_role": s.posts_by_role,
                "by_source": s.by_source,
                "officials": s.officials,
                "officials_with_posts": s.officials_with_posts,
                "officials_with_dated_posts": s.officials_with_dated_posts,
                "freshness": s.freshness.to_json(),
            });
            serde_json::to_writer_pretty(&mut *ctx.out, &v).map_err(std::io::Error::from)?;
            writeln!(ctx.out)?;
        }
        StatsFormat::Text => {
            // (label, count, indented), aligned as one table.
            let mut rows: Vec<(String, usize, bool)> = Vec::new();
            let mut section = |title: &str, total: usize, counts: &BTreeMap<String, usize>| {
                rows.push((title.to_string(), total, false));
                let mut sorted: Vec<(&String, &usize)> = counts.iter().collect();
                sorted.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
                rows.extend(sorted.into_iter().map(|(k, n)| (k.clone(), *n, true)));
            };
            section("entities", s.entities, &s.by_kind);
            section(
                "aliases (names included)",
                s.aliases_by_kind.values().sum(),
                &s.aliases_by_kind,
            );
            section("posts", s.posts, &s.posts_by_role);
            section("entities by source", s.entities, &s.by_source);
            rows.push(("officials".to_string(), s.officials, false));
            rows.push(("with posts".to_string(), s.officials_with_posts, true));
            rows.push(("with dated posts".to_string(), s.officials_with_dated_posts, true));
            let width =
                rows.iter().map(|(l, _, ind)| l.chars().count() + 2 * usize::from(*ind)).max();
            let width = width.unwrap_or(0).max(HORIZON_LABEL.len());
            for (label, n, indented) in rows {
                let label = if indented { format!("  {label}") } else { label };
                writeln!(ctx.out, "{label:<width$}  {n:>9}")?;
            }
            s.freshness.write_text(&mut *ctx.out, width)?;
        }
    }
    Ok(())
}

impl Freshness {
    fn to_json(&self) -> serde_json::Value {
        let day = |d: Option<Date>| d.map(|d| d.to_string());
        let by_source: BTreeMap<&str, serde_json::Value> = self
            .by_source
            .iter()
            .map(|(k, (n, c))| (k.as_str(), json!({"open_posts": n, "latest_confirmed": day(*c)})))
            .collect();
        json!({
            "horizon": day(self.horizon),
            "open_posts_by_source": by_source,
            "current_states": self.states,
            "confirmed_since": day(self.since),
            "states_confirmed": self.fresh,
        })
    }

    /// The horizon, the open posts by source with the latest day each source confirms,
    /// and the share of current states whose head of state, head of government and foreign
    /// minister are confirmed in the last 12 months.
    fn write_text(&self, out: &mut dyn std::io::Write, width: usize) -> std::io::Result<()> {
        let day = |d: Option<Date>| d.map_or_else(|| "-".to_string(), |d| d.to_string());
        writeln!(out, "{:<width$}  {:>9}", HORIZON_LABEL, day(self.horizon))?;
        writeln!(out, "{:<width$}  {:>9}  latest confirmed", "open posts by source", "")?;
        let mut sources: Vec<_> = self.by_source.iter().collect();
        sources.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(b.0)));
        for (src, (n, latest)) in sources {
            writeln!(out, "{:<width$}  {n:>9}  {}", format!("  {src}"), day(*latest))?;
        }
        if let Some(since) = self.since {
            let label = format!("states confirmed since {since}");
            writeln!(out, "{label:<width$}  {:>9}  of current states", self.states)?;
            for role in FRESH_ROLES {
                let n = self.fresh.get(role).copied().unwrap_or(0);
                let share = 100.0 * n as f64 / self.states.max(1) as f64;
                writeln!(out, "{:<width$}  {n:>9}  {share:.1} %", format!("  {role}"))?;
            }
        }
        Ok(())
    }
}

/// The roles whose freshness `geopol stats` reports for every current state.
const FRESH_ROLES: [&str; 3] = ["head_of_state", "head_of_government", "foreign_minister"];

const HORIZON_LABEL: &str = "horizon (latest confirmed open post)";

/// How fresh the open posts are (see `Stats::freshness`).
#[derive(Default)]
struct Freshness {
    /// The latest day any open post is confirmed: the data's horizon.
    horizon: Option<Date>,
    /// Open posts by source: how many, and the latest day one of them is confirmed.
    by_source: BTreeMap<String, (usize, Option<Date>)>,
    /// Current states (not ended).
    states: usize,
    /// The first day of the 12 months that end on the horizon.
    since: Option<Date>,
    /// Per role of FRESH_ROLES, the current states with an open post of it confirmed on or
    /// after `since`.
    fresh: BTreeMap<&'static str, usize>,
}

/// The same day a year earlier (28 February for 29 February).
fn a_year_before(d: Date) -> Date {
    Date::new(d.year() - 1, d.month(), d.day())
        .or_else(|_| Date::new(d.year() - 1, d.month(), 28))
        .unwrap_or(d)
}

/// The source an open post comes from: the word its `source` begins with when that is
/// one of the entity's sources ("factbook", "ifg: …", "curated/posts/heads.jsonl: …"),
/// else the entity's only source, else "(several)" (a post of a merged person that none of
/// its sources claims by name).
fn post_source<'a>(post_source: Option<&'a str>, sources: &[&'a str]) -> &'a str {
    if let Some(s) = post_source {
        let word = s.split([':', '/']).next().unwrap_or(s).trim();
        if sources.contains(&word) {
            return word;
        }
    }
    match sources {
        [only] => only,
        [] => "(none)",
        _ => "(several)",
    }
}

/// What `geopol stats` counts.
#[derive(Default)]
struct Stats {
    entities: usize,
    by_kind: BTreeMap<String, usize>,
    aliases_by_kind: BTreeMap<String, usize>,
    posts: usize,
    posts_by_role: BTreeMap<String, usize>,
    by_source: BTreeMap<String, usize>,
    officials: usize,
    officials_with_posts: usize,
    /// Officials with at least one post that has a start or end date.
    officials_with_dated_posts: usize,
    freshness: Freshness,
}

impl Stats {
    fn of(entities: &[Entity]) -> Stats {
        let mut s = Stats { entities: entities.len(), ..Stats::default() };
        for e in entities {
            *s.by_kind.entry(e.kind.as_str().to_string()).or_default() += 1;
            for a in e.all_aliases() {
                *s.aliases_by_kind.entry(a.kind.as_str().to_string()).or_default() += 1;
            }
            for p in &e.posts {
                s.posts += 1;
                *s.posts_by_role.entry(p.role.clone()).or_default() += 1;
            }
            if e.sources.is_empty() {
                *s.by_source.entry("(none)".to_string()).or_default() += 1;
            }
            // A source may carry a note after a colon ("curated: renamed ... on 2018-04-19");
            // count by the source's name. An entity counts once per source.
            let mut names: Vec<&str> =
                e.sources.iter().map(|src| src.split(':').next().unwrap_or(src).trim()).collect();
            names.sort_unstable();
            names.dedup();
            for name in &names {
                *s.by_source.entry((*name).to_string()).or_default() += 1;
            }
            for p in e.posts.iter().filter(|p| p.end.is_none()) {
                let src = post_source(p.source.as_deref(), &names);
                let slot = s.freshness.by_source.entry(src.to_string()).or_default();
                slot.0 += 1;
                slot.1 = slot.1.max(p.confirmed);
                s.freshness.horizon = s.freshness.horizon.max(p.confirmed);
            }
            if e.kind == EntityKind::Official {
                s.officials += 1;
                if !e.posts.is_empty() {
                    s.officials_with_posts += 1;
                }
                if e.posts.iter().any(|p| p.start.is_some() || p.end.is_some()) {
                    s.officials_with_dated_posts += 1;
                }
            }
        }
        s.freshness.count_fresh(entities);
        s
    }
}

impl Freshness {
    /// For each current state and role of FRESH_ROLES: is an open post of it confirmed
    /// within the 12 months that end on the horizon?
    fn count_fresh(&mut self, entities: &[Entity]) {
        let Some(horizon) = self.horizon else { return };
        let since = a_year_before(horizon);
        self.since = Some(since);
        let current: BTreeSet<&str> = entities
            .iter()
            .filter(|e| e.kind == EntityKind::State && e.end.is_none())
            .map(|e| e.id.as_str())
            .collect();
        self.states = current.len();
        let mut fresh: BTreeSet<(&'static str, &str)> = BTreeSet::new();
        for e in entities.iter().filter(|e| e.kind == EntityKind::Official) {
            for p in &e.posts {
                let Some(role) = FRESH_ROLES.iter().find(|r| **r == p.role) else { continue };
                if p.end.is_none()
                    && p.confirmed.is_some_and(|c| c >= since)
                    && current.contains(p.of.as_str())
                {
                    fresh.insert((role, p.of.as_str()));
                }
            }
        }
        for role in FRESH_ROLES {
            self.fresh.insert(role, fresh.iter().filter(|(r, _)| *r == role).count());
        }
    }
}

pub(crate) fn import_wikidata(args: ImportWikidataArgs, ctx: &mut Ctx<'_>) -> CliResult {
    let mut importer = crate::import::wikidata::Importer::new();
    if let Some(g) = default_gazetteer(false) {
        // Country QIDs of the embedded states, to map `country` columns that hold QIDs.
        importer.states(g.entities());
    }
    if let Some(people) = &args.people {
        importer.people_path(people)?;
    }
    let report = importer.import_path(&args.file)?;
    write_import(report, args.output.as_deref(), ctx)
}

pub(crate) fn import_cameo(args: ImportCameoArgs, ctx: &mut Ctx<'_>) -> CliResult {
    let report = crate::import::cameo::import_path_report(&args.file)?;
    write_import(report, args.output.as_deref(), ctx)
}

/// Writes imported entities as JSON Lines, and reports on standard error what was left out.
fn write_import(report: ImportReport, output: Option<&Path>, ctx: &mut Ctx<'_>) -> CliResult {
    for p in &report.skipped {
        let _ = writeln!(ctx.err, "geopol: skipped: {p}");
    }
    match output {
        None => {
            let mut w = PipeWatch::new(ctx.out);
            load::write_jsonl(&report.entities, &mut w).map_err(|e| w.failure(e))?;
        }
        Some(path) => {
            let mut bytes = Vec::new();
            load::write_jsonl(&report.entities, &mut bytes)?;
            write_file(path, &bytes)?;
        }
    }
    let to = output.map_or_else(|| "standard output".to_string(), |p| p.display().to_string());
    // The skipped records went to standard error (above), never with the entities.
    let skipped = match report.skipped.len() {
        0 => "nothing skipped".to_string(),
        1 => "1 record skipped (listed above, on standard error)".to_string(),
        n => format!("{n} records skipped (listed above, on standard error)"),
    };
    let _ = writeln!(ctx.err, "geopol: imported {} to {to}; {skipped}", report.entities_summary());
    Ok(())
}
