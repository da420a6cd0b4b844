//! The command line, as clap parses it. Help texts live here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::date::Date;
use crate::load::Format;
use crate::model::MergeMode;

const ABOUT: &str = "Find states, international organizations and officials in news text \
and link each mention to a gazetteer entity.";

const LONG_ABOUT: &str = "\
Find states, international organizations and officials in news text and link each
mention to a gazetteer entity: its canonical name, its codes and, for an official, the
post held on the article's date.

geopol uses the gazetteer embedded in the program unless told otherwise; --gazetteer
adds your own files (JSON, JSON Lines or CSV, see docs/gazetteer-format.md).

Exit codes: 0 success, 1 bad input (the message names the file and line), 2 usage error.";

const MAIN_EXAMPLES: &str = "\
Examples:
  echo 'Kazakh President Tokayev thanked the CSTO.' | geopol extract --date 2022-01-11
  geopol extract --input jsonl --format tsv articles.jsonl > mentions.tsv
  geopol validate my-officials.jsonl
  geopol convert my-officials.csv my-officials.jsonl
  geopol stats --gazetteer my-officials.jsonl";

/// The `geopol` command line.
#[derive(Debug, Parser)]
#[command(
    name = "geopol",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = MAIN_EXAMPLES,
    propagate_version = true,
    max_term_width = 100
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Find and link the mentions in text files or JSONL documents.
    #[command(long_about = EXTRACT_ABOUT, after_help = EXTRACT_EXAMPLES)]
    Extract(ExtractArgs),
    /// Check gazetteer files and report every problem with its file and line.
    #[command(long_about = VALIDATE_ABOUT, after_help = VALIDATE_EXAMPLES)]
    Validate(ValidateArgs),
    /// Convert a gazetteer between JSON, JSON Lines and CSV.
    #[command(long_about = CONVERT_ABOUT, after_help = CONVERT_EXAMPLES)]
    Convert(ConvertArgs),
    /// Make a gazetteer from a Wikidata export or CAMEO actor dictionaries.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Count the entities, aliases, posts and sources of a gazetteer.
    #[command(long_about = STATS_ABOUT, after_help = STATS_EXAMPLES)]
    Stats(StatsArgs),
}

const EXTRACT_ABOUT: &str = "\
Find and link the mentions in text files or JSONL documents.

Each plain text file is one document, read whole; its date is --date. A JSON Lines file
holds one document per line, {\"id\": ..., \"text\": \"...\", \"date\": \"YYYY-MM-DD\"}
(\"id\" and \"date\" are optional, other fields are ignored); it is read line by line,
so files of any size stream through in bounded memory. A line that is not such a
document is an error naming the file and line (exit code 1); the documents before it are
already written.

Output (--format):
  jsonl  one Mention JSON per line (see docs/cli.md); when the input is JSONL (or with
         --documents), one document per line instead: {\"id\": ..., \"date\": ...,
         \"mentions\": [...]}, in input order. start/end are code-point offsets,
         byte_start/byte_end UTF-8 byte offsets.
  tsv    a header, then one row per mention: doc, start, end, text, kind, id, name,
         matched_by, role, role_of, state, stands_for (tab, newline, carriage
         return and backslash escaped as \\t, \\n, \\r, \\\\, another control
         character as \\uXXXX).
  table  aligned columns for reading in a terminal.

A progress bar is drawn on standard error when it is a terminal and the input is large.";

const EXTRACT_EXAMPLES: &str = "\
Examples:
  geopol extract --date 2022-01-11 article.txt
  echo 'Mevlut Cavusoglu flew to Astana.' | geopol extract --date 2021-11-12 -f table
  geopol extract --format tsv --threads 2 news.jsonl > mentions.tsv
  cat news.jsonl | geopol extract --input jsonl - | jq '.mentions | length'
  geopol extract --gazetteer my-officials.jsonl --date 2023-06-05 article.txt
  geopol extract --no-default --gazetteer my-gazetteer.csv article.txt";

#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    /// Text or JSONL files to read; `-` reads standard input (the default).
    ///
    /// Example: `geopol extract a.txt b.txt`, `cat a.txt | geopol extract -`.
    #[arg(value_name = "FILE", default_value = "-", verbatim_doc_comment)]
    pub(crate) inputs: Vec<PathBuf>,

    /// The documents' date (YYYY-MM-DD): officials get the post held that day.
    ///
    /// For JSONL input, the date of the documents that have no "date" of their
    /// own. Without a date, an official gets the latest post and "date_checked"
    /// is false.
    /// Example: `--date 2022-01-11`.
    #[arg(long, value_name = "DATE", value_parser = parse_date, verbatim_doc_comment)]
    pub(crate) date: Option<Date>,

    #[command(flatten)]
    pub(crate) gazetteer: GazetteerArgs,

    /// Output format: jsonl, tsv or table.
    ///
    /// Example: `--format tsv > mentions.tsv`.
    #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Jsonl)]
    #[arg(verbatim_doc_comment)]
    pub(crate) format: OutputFormat,

    /// How to read the inputs: auto, text or jsonl.
    ///
    /// Example: `cat news.jsonl | geopol extract --input jsonl -`.
    #[arg(long, value_enum, default_value_t = InputKind::Auto, verbatim_doc_comment)]
    pub(crate) input: InputKind,

    /// With --format jsonl, write document objects for text input too.
    ///
    /// One line per file: `{"id": "<file>", "date": ..., "mentions": [...]}`.
    /// Example: `geopol extract --documents a.txt b.txt`.
    #[arg(long, verbatim_doc_comment)]
    pub(crate) documents: bool,

    /// List the people the gazetteer does not know instead of the mentions.
    ///
    /// A name after a title that gives its state ("Kenyan Foreign Minister
    /// Wanjiku Odhiambo") is a mention with "id": null. With --unknown, those people
    /// are written once each, as gazetteer JSON Lines (id, kind, name, the
    /// posts the titles gave, and a note of how often and where first), most
    /// often named first: review them, then add them with --gazetteer.
    /// Example: `geopol extract --unknown news.jsonl > new-people.jsonl`.
    #[arg(long, verbatim_doc_comment)]
    pub(crate) unknown: bool,

    /// Also write why each candidate was dropped, relinked, added or annotated.
    ///
    /// The decisions of the resolution passes go to standard error, one JSON
    /// object per line: {"doc", "start", "end", "byte_start", "byte_end",
    /// "text", "kind", "id", "to", "action", "pass", "reason"} ("doc" is the
    /// document's id, as in --documents). The mentions are the same as without it.
    /// Example: `geopol extract --explain a.txt 2> why.jsonl`.
    #[arg(long, verbatim_doc_comment)]
    pub(crate) explain: bool,

    /// Write only mentions of these kinds (comma-separated): state, organization,
    /// official, role, place.
    ///
    /// Resolution is the same (a title still finds its holder, a place is still not
    /// a state); only the output is filtered. With --unknown, it has no effect.
    /// Example: `--kinds state,official`.
    #[arg(long, value_name = "KINDS", value_parser = parse_kinds, verbatim_doc_comment)]
    pub(crate) kinds: Option<Kinds>,

    /// Write only these fields (comma-separated).
    ///
    /// For tsv and table, columns, in the order given, of: doc, start, end, text,
    /// kind, id, name, matched_by, role, role_of, state, stands_for. For jsonl,
    /// keys of the mention object (written in alphabetical order, as always):
    /// start, end, byte_start, byte_end, text, kind, id, name, matched_by, codes,
    /// role, state, stands_for, candidates, more_candidates, date_checked.
    /// Example: `--format tsv --fields doc,text,id`.
    #[arg(long, value_name = "FIELDS", value_parser = parse_fields, verbatim_doc_comment)]
    pub(crate) fields: Option<Fields>,

    /// What a bad document does: fail (stop with its file and line, exit code 1) or
    /// skip it.
    ///
    /// A bad document is a JSONL line that is not a document (bad JSON, no "text", a
    /// bad date or id, invalid UTF-8) or a text file that is not UTF-8. With skip,
    /// each is reported on standard error with its file and line, the others are
    /// extracted, a count is printed at the end and the exit code is 3. A file that
    /// cannot be opened or read stops the run either way.
    /// Example: `--on-error skip` over a crawl with a few broken lines.
    #[arg(long, value_enum, value_name = "WHAT", default_value_t = OnError::Fail, verbatim_doc_comment)]
    pub(crate) on_error: OnError,

    /// Read invalid UTF-8 as U+FFFD (the replacement character) instead of refusing it.
    ///
    /// Offsets then refer to the decoded text, in which each bad byte sequence is one
    /// U+FFFD (three bytes). A UTF-16 or UTF-32 file is still refused, with a hint.
    /// Example: `geopol extract --lossy scraped.txt`.
    #[arg(long, verbatim_doc_comment)]
    pub(crate) lossy: bool,

    /// Number of threads extracting in parallel (0: one per core; at most 4 per core).
    ///
    /// Example: `--threads 2` on a shared machine.
    #[arg(
        long,
        short = 'j',
        value_name = "N",
        default_value_t = 0,
        value_parser = parse_threads,
        verbatim_doc_comment
    )]
    pub(crate) threads: usize,
}

/// Which gazetteer to use: the embedded default, files, or both.
#[derive(Debug, Args)]
pub(crate) struct GazetteerArgs {
    /// A gazetteer file to add (JSON, JSON Lines or CSV, by extension).
    ///
    /// Repeat it for more files. They are combined with the embedded default
    /// gazetteer (see --no-default) in the order given.
    /// Example: `--gazetteer officials.jsonl --gazetteer extra-orgs.csv`.
    #[arg(long = "gazetteer", short = 'g', value_name = "FILE", verbatim_doc_comment)]
    pub(crate) files: Vec<PathBuf>,

    /// Use only the --gazetteer files, not the embedded default gazetteer.
    ///
    /// Example: `--no-default --gazetteer my-world.jsonl`.
    #[arg(long, verbatim_doc_comment)]
    pub(crate) no_default: bool,

    /// How a record combines with an earlier one of the same id.
    ///
    /// Example: `--mode override --gazetteer corrected-states.jsonl`.
    #[arg(long, value_enum, default_value_t = Mode::Extend, verbatim_doc_comment)]
    pub(crate) mode: Mode,
}

const VALIDATE_ABOUT: &str = "\
Check gazetteer files: parse them, merge them and check every record (duplicate ids,
references to unknown ids, impossible dates, unknown role keys, aliases that fold to
nothing), then compile the matcher.

Every problem is printed on standard output, one per line, as
  file:line: entity \"id\": message
followed by a summary on standard error, and the exit code is 1. With no problem, the
counts are printed and the exit code is 0.

The files are checked together with the embedded default gazetteer, since user files
usually refer to its ids (a post \"of\": \"state:TUR\"); --alone checks them by
themselves.";

const VALIDATE_EXAMPLES: &str = "\
Examples:
  geopol validate my-officials.jsonl
  geopol validate --alone states.csv orgs.csv officials.jsonl";

#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// Gazetteer files (JSON, JSON Lines or CSV, by extension), merged in this order.
    #[arg(value_name = "FILE", required = true)]
    pub(crate) files: Vec<PathBuf>,

    /// Check the files by themselves, without the embedded default gazetteer.
    ///
    /// A reference to an id of the default gazetteer is then a problem.
    /// Example: `geopol validate --alone complete-world.jsonl`.
    #[arg(long, verbatim_doc_comment)]
    pub(crate) alone: bool,

    /// How a record combines with an earlier one of the same id.
    ///
    /// Example: `--mode override`.
    #[arg(long, value_enum, default_value_t = Mode::Extend, verbatim_doc_comment)]
    pub(crate) mode: Mode,
}

const CONVERT_ABOUT: &str = "\
Convert a gazetteer between JSON, JSON Lines and CSV. The formats are taken from the
file extensions (.json, .jsonl or .ndjson, .csv) unless --from/--to say otherwise; `-`
is standard input or output, which needs --from or --to.

The records are first checked as `geopol validate` checks them (together with the
embedded default gazetteer, unless --alone); a file with a problem (a duplicate id, a
reference to an unknown id, ...) is refused with validate's messages and exit code 1, and
nothing is written. Valid records are converted as they are, in order. A value that CSV
cannot hold (a list item with a `|`) is an error: write JSON Lines instead.";

const CONVERT_EXAMPLES: &str = "\
Examples:
  geopol convert officials.csv officials.jsonl
  geopol convert --to csv officials.jsonl - | column -s, -t | less -S";

#[derive(Debug, Args)]
pub(crate) struct ConvertArgs {
    /// The gazetteer to read (`-`: standard input, with --from).
    #[arg(value_name = "IN")]
    pub(crate) input: PathBuf,

    /// The file to write (`-`: standard output, with --to).
    #[arg(value_name = "OUT")]
    pub(crate) output: PathBuf,

    /// The input format, when the extension does not tell.
    ///
    /// Example: `cat officials.txt | geopol convert --from jsonl - officials.csv`.
    #[arg(long, value_enum, value_name = "FORMAT", verbatim_doc_comment)]
    pub(crate) from: Option<GazFormat>,

    /// The output format, when the extension does not tell.
    ///
    /// Example: `geopol convert --to csv officials.jsonl -`.
    #[arg(long, value_enum, value_name = "FORMAT", verbatim_doc_comment)]
    pub(crate) to: Option<GazFormat>,

    /// Check the input by itself, without the embedded default gazetteer (as `validate
    /// --alone`).
    ///
    /// Example: `geopol convert --alone complete-world.jsonl complete-world.csv`.
    #[arg(long, verbatim_doc_comment)]
    pub(crate) alone: bool,

    /// How a record combines with one of the same id of the default gazetteer, for the check.
    ///
    /// Example: `--mode override`.
    #[arg(long, value_enum, default_value_t = Mode::Extend, verbatim_doc_comment)]
    pub(crate) mode: Mode,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ImportCommand {
    /// Make a gazetteer of officials from Wikidata "position held" results.
    #[command(long_about = WIKIDATA_ABOUT, after_help = WIKIDATA_EXAMPLES)]
    Wikidata(ImportWikidataArgs),
    /// Make a gazetteer from a CAMEO actor or agent dictionary (PETRARCH/TABARI format).
    #[command(long_about = CAMEO_ABOUT, after_help = CAMEO_EXAMPLES)]
    Cameo(ImportCameoArgs),
}

const WIKIDATA_ABOUT: &str = "\
Make a gazetteer of officials from Wikidata \"position held\" (P39) results: a CSV
file or a SPARQL JSON result with the columns person, personLabel, positionLabel,
country, start and end (see the geopol::import::wikidata docs). --people adds the names
each person is known by (a CSV with person_qid and names_seen). Country QIDs are mapped
to states through the embedded gazetteer.

The result is written as JSON Lines (one entity per line) on standard output or to
--output; rows that cannot be used are listed on standard error. Check the result with
`geopol validate` and use it with `geopol extract --gazetteer`.";

const WIKIDATA_EXAMPLES: &str = "\
Examples:
  geopol import wikidata posts.csv --people people.csv -o officials.jsonl
  geopol import wikidata query-result.json | head";

#[derive(Debug, Args)]
pub(crate) struct ImportWikidataArgs {
    /// The position-held results (CSV or SPARQL JSON).
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,

    /// A CSV of the names each person is known by (person_qid, names_seen).
    ///
    /// Example: `--people people.csv`.
    #[arg(long, value_name = "FILE", verbatim_doc_comment)]
    pub(crate) people: Option<PathBuf>,

    /// Where to write the gazetteer (JSON Lines); standard output when absent.
    ///
    /// Example: `-o officials.jsonl`.
    #[arg(long, short = 'o', value_name = "OUT", verbatim_doc_comment)]
    pub(crate) output: Option<PathBuf>,
}

const CAMEO_ABOUT: &str = "\
Make a gazetteer from a CAMEO actor dictionary (`+` synonyms, `_` for spaces, [CODE
YYMMDD-YYMMDD] date-ranged codes) or agents dictionary. The result is written as JSON
Lines on standard output or to --output; entries that cannot be used are listed on
standard error. A line the importer cannot read (invalid UTF-8 included) is an error
naming the file and line.";

const CAMEO_EXAMPLES: &str = "\
Examples:
  geopol import cameo Phoenix.Countries.actors.txt -o cameo-actors.jsonl
  geopol import cameo Phoenix.agents.txt | geopol stats --no-default -g /dev/stdin";

#[derive(Debug, Args)]
pub(crate) struct ImportCameoArgs {
    /// The dictionary file.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,

    /// Where to write the gazetteer (JSON Lines); standard output when absent.
    ///
    /// Example: `-o cameo.jsonl`.
    #[arg(long, short = 'o', value_name = "OUT", verbatim_doc_comment)]
    pub(crate) output: Option<PathBuf>,
}

const STATS_ABOUT: &str = "\
Count what a gazetteer holds: entities by kind, aliases by kind, posts by role key,
entities by source, and how many officials have dated posts. Then how fresh it is: the
horizon (the latest day any open post is confirmed), the open posts of each source with
the latest day that source confirms one, and how many current states have a head of
state, a head of government and a foreign minister confirmed in the 12 months that end
on the horizon. By default the embedded gazetteer, combined with any --gazetteer files.";

const STATS_EXAMPLES: &str = "\
Examples:
  geopol stats
  geopol stats --no-default --gazetteer my-officials.jsonl --format json";

#[derive(Debug, Args)]
pub(crate) struct StatsArgs {
    #[command(flatten)]
    pub(crate) gazetteer: GazetteerArgs,

    /// Output format: text or json.
    ///
    /// Example: `--format json | jq .posts_by_role`.
    #[arg(long, short = 'f', value_enum, default_value_t = StatsFormat::Text)]
    #[arg(verbatim_doc_comment)]
    pub(crate) format: StatsFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// One Mention JSON per line (one document per line for JSONL input)
    Jsonl,
    /// A header, then one row per mention, tab-separated
    Tsv,
    /// Aligned columns, for reading in a terminal
    Table,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OnError {
    /// Stop at the first bad document (exit code 1)
    Fail,
    /// Report each bad document on standard error, go on, and exit with code 3
    Skip,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum InputKind {
    /// jsonl for files named *.jsonl or *.ndjson, text otherwise (stdin too)
    Auto,
    /// Each file is one document, read whole
    Text,
    /// One document {"id", "text", "date"} per line, read line by line
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Mode {
    /// Add its aliases, posts, members, codes and sources to the earlier record (same kind and name)
    Extend,
    /// Replace the earlier record
    Override,
}

impl From<Mode> for MergeMode {
    fn from(m: Mode) -> MergeMode {
        match m {
            Mode::Extend => MergeMode::Extend,
            Mode::Override => MergeMode::Override,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum GazFormat {
    /// One JSON document {"entities": [...]}
    Json,
    /// One entity per line
    #[value(alias = "ndjson")]
    Jsonl,
    /// A header row, then rows of id, kind, name and other columns
    Csv,
}

impl From<GazFormat> for Format {
    fn from(f: GazFormat) -> Format {
        match f {
            GazFormat::Json => Format::Json,
            GazFormat::Jsonl => Format::JsonLines,
            GazFormat::Csv => Format::Csv,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum StatsFormat {
    /// Indented counts, for reading
    Text,
    /// One JSON object
    Json,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse_document(s).map_err(|e| match e.problems().first() {
        Some(p) => p.message.clone(),
        None => e.to_string(),
    })
}

/// `--threads`: 0 (one per core) up to [`crate::max_threads`].
/// The names of `--fields` (checked against the format's fields when the run starts).
#[derive(Clone, Debug)]
pub(crate) struct Fields(pub(crate) Vec<String>);

fn parse_fields(s: &str) -> Result<Fields, String> {
    let names: Vec<String> = s.split(',').map(|f| f.trim().to_string()).collect();
    if names.iter().any(String::is_empty) {
        return Err("an empty field name".to_string());
    }
    Ok(Fields(names))
}

/// The kinds of `--kinds`.
#[derive(Clone, Debug)]
pub(crate) struct Kinds(pub(crate) Vec<crate::model::EntityKind>);

fn parse_kinds(s: &str) -> Result<Kinds, String> {
    use crate::model::EntityKind;
    const ALL: [EntityKind; 5] = [
        EntityKind::State,
        EntityKind::Organization,
        EntityKind::Official,
        EntityKind::Role,
        EntityKind::Place,
    ];
    let mut out = Vec::new();
    for word in s.split(',').map(str::trim) {
        let Some(k) = ALL.iter().copied().find(|k| k.as_str() == word) else {
            return Err(format!(
                "unknown kind {word:?}: expected state, organization, official, role or place"
            ));
        };
        if !out.contains(&k) {
            out.push(k);
        }
    }
    Ok(Kinds(out))
}

fn parse_threads(s: &str) -> Result<usize, String> {
    let limit = crate::max_threads();
    let too_many =
        || format!("at most {limit} (4 per core on this machine), or 0 for one per core");
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        // Too large for a usize is too many threads, too.
        return match s.parse::<usize>() {
            Ok(n) if n <= limit => Ok(n),
            _ => Err(too_many()),
        };
    }
    Err(format!("expected a number of threads, {}", too_many()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
