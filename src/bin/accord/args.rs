//! The command line's arguments: one struct per command, parsed by clap.

use std::io::IsTerminal;
use std::path::PathBuf;

use accord::render::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Validate a dataset of diplomacy coverage against its schema and its own rules.
#[derive(Debug, Parser)]
#[command(name = "accord", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check data files: schema, unique ids, references and quotes.
    Check(CheckArgs),
    /// Print or write the JSON Schema of a data file.
    Schema(SchemaArgs),
    /// Explain a diagnostic code, with an example and its fix; without a code, list them all.
    Explain(ExplainArgs),
    /// Write the dataset, all files merged, as JSON or JSON Lines; refuses data with errors.
    Export(ExportArgs),
    /// Scaffold a new article file, or print a new record, with every required field.
    New(NewArgs),
    /// Write a static HTML report of the dataset: timeline, agreements, positions, sources.
    #[cfg_attr(
        not(feature = "report"),
        command(about = "Not in this build of accord: it needs the `report` feature")
    )]
    Report(ReportArgs),
    /// Run the language server (LSP 3.17 over stdio) for editors: every finding as you type,
    /// and the fixes of `check --fix` as quick fixes.
    #[cfg_attr(
        not(feature = "lsp"),
        command(about = "Not in this build of accord: it needs the `lsp` feature")
    )]
    Lsp(LspArgs),
}

#[derive(Debug, Args)]
pub(crate) struct LspArgs {
    /// Speak over standard input and output (the only transport; accepted because editors'
    /// clients pass it).
    #[arg(long)]
    pub(crate) stdio: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Files or directories of the dataset (default: the `data` of the nearest `accord.toml`,
    /// or `data`).
    pub(crate) paths: Vec<PathBuf>,
    /// The directory to write the report into; open its index.html in a browser. It must be
    /// new, empty, or a report accord wrote before (which is then brought up to date).
    #[arg(long, short, value_name = "DIR")]
    pub(crate) out: PathBuf,
    /// Write into DIR even when it holds files accord did not write; files of the same name
    /// are replaced.
    #[arg(long)]
    pub(crate) force: bool,
    #[command(flatten)]
    pub(crate) dataset: DatasetArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    accord new article hankyung-2025-03-01-minerals-deal-signed\n  \
    accord new claim >> data/articles/hankyung-2025-03-01-minerals-deal-signed.yaml")]
pub(crate) struct NewArgs {
    /// `article` writes a new article file and its empty text file; a record kind (source,
    /// person, organization, office, event, agreement, fund, claim) prints a new record.
    pub(crate) what: String,
    /// The article's id, which names its files: lowercase words joined by hyphens.
    pub(crate) id: Option<String>,
    /// Where to write a new article.
    #[arg(long, value_name = "DIR", default_value = "data/articles")]
    pub(crate) dir: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// Files or directories of the dataset (default: the `data` of the nearest `accord.toml`,
    /// or `data`).
    pub(crate) paths: Vec<PathBuf>,
    /// `json`: one document that follows schemas/export.schema.json; `jsonl`: one file per
    /// record kind (people.jsonl, claims.jsonl, ...) with one record per line.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub(crate) format: ExportFormat,
    /// Where to write: a file for `json` (default: standard output), a directory for `jsonl`.
    /// An existing file or directory is replaced only when accord wrote it.
    #[arg(long, short, value_name = "PATH")]
    pub(crate) out: Option<PathBuf>,
    /// Replace the file, or write into the directory, even when accord did not write it.
    #[arg(long, requires = "out")]
    pub(crate) force: bool,
    #[command(flatten)]
    pub(crate) dataset: DatasetArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// One JSON document with every record.
    Json,
    /// JSON Lines: a file per record kind, a record per line.
    Jsonl,
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The code, as printed in brackets: `accord explain dangling-reference`.
    pub(crate) code: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Files or directories to check; directories are searched for *.yaml and *.yml files.
    /// Default: the `data` of the nearest `accord.toml` (searched from the working directory
    /// up), or `data`. Files of a dataset with an `accord.toml` are checked in the context of
    /// the whole dataset, and only their own findings are reported.
    pub(crate) paths: Vec<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub(crate) format: FormatArg,
    /// When to colour the human output; `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub(crate) color: ColorArg,
    /// How many files to check at once (default: one per CPU).
    #[arg(long, value_name = "N")]
    pub(crate) threads: Option<std::num::NonZeroUsize>,
    /// Apply the safe fixes, then report what remains: a field, value or id misspelt by a slip
    /// of the finger near one name, and a quote whose quotation marks or spacing differ from its
    /// source's. Only the text each finding underlines is rewritten; comments, order, quoting
    /// and blank lines stay. Suggestions that may change what the data means (another
    /// record's id) are shown, never applied.
    #[arg(long, conflicts_with = "diff")]
    pub(crate) fix: bool,
    /// Print the safe fixes as a unified diff and change no file; exit 1 if there is anything
    /// to fix or any finding would remain.
    #[arg(long)]
    pub(crate) diff: bool,
    #[command(flatten)]
    pub(crate) cache: CacheArgs,
    #[command(flatten)]
    pub(crate) dataset: DatasetArgs,
}

/// Where `accord check` keeps what it learnt of each file, so that the next run checks only the
/// files that changed.
#[derive(Debug, Args)]
pub(crate) struct CacheArgs {
    /// Check every file afresh, and neither read nor write the cache.
    #[arg(long, conflicts_with = "cache_dir")]
    pub(crate) no_cache: bool,
    /// Keep the cache in DIR [default: ACCORD_CACHE_DIR, or `.accord_cache` beside the
    /// dataset's `accord.toml`; without either, no cache is kept].
    #[arg(long, value_name = "DIR")]
    pub(crate) cache_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    /// rustc-style snippets with the offending text underlined.
    Human,
    /// One line per finding: path:line:column: severity[code]: message.
    Concise,
    /// One versioned JSON document (schemas/diagnostics.schema.json).
    Json,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Human => Format::Human,
            FormatArg::Concise => Format::Concise,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
            FormatArg::Sarif => Format::Sarif,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorArg {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorArg {
    pub(crate) fn enabled(self) -> bool {
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => no_color_unset() && std::io::stdout().is_terminal(),
        }
    }
}

/// How a command that reads the dataset finds and reads its files: shared by `check`,
/// `export` and `report`.
#[derive(Debug, Args)]
pub(crate) struct DatasetArgs {
    /// Follow symbolic links in directories; by default they are skipped, so that a link
    /// cannot lead the check out of the tree it was given.
    #[arg(long)]
    pub(crate) follow_links: bool,
    /// Accept a directory that holds no data file; by default that is an error (exit 2), so
    /// that a mistyped path cannot pass as a clean run.
    #[arg(long)]
    pub(crate) allow_no_files: bool,
    /// The largest file accepted, in bytes [default: `accord.toml`'s
    /// `limits.max-file-size`, or 268435456].
    #[arg(long, value_name = "BYTES")]
    pub(crate) max_file_size: Option<u64>,
    /// The deepest nesting of YAML mappings and sequences accepted [default: `accord.toml`'s
    /// `limits.max-depth`, or 64].
    #[arg(long, value_name = "LEVELS")]
    pub(crate) max_depth: Option<usize>,
    /// The most nodes that YAML aliases may add to one file [default: `accord.toml`'s
    /// `limits.max-alias-nodes`, or 10000].
    #[arg(long, value_name = "NODES")]
    pub(crate) max_alias_nodes: Option<usize>,
}

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Write the schema files into this directory instead of printing the data-file schema.
    #[arg(long, value_name = "DIR", conflicts_with = "check")]
    pub(crate) out: Option<PathBuf>,
    /// Compare the schema files in DIR with the generated ones; exit 1 if any differs.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "schemas")]
    pub(crate) check: Option<PathBuf>,
    /// With --out, replace files of the same name even when they are not accord's schemas.
    #[arg(long, requires = "out")]
    pub(crate) force: bool,
}

impl DatasetArgs {
    /// The settings of a run: each flag given, or else the dataset's `accord.toml`, or else
    /// the default.
    pub(crate) fn options(&self, config: Option<&accord::config::Config>) -> accord::CheckOptions {
        let base = accord::CheckOptions::from_config(config);
        accord::CheckOptions {
            max_file_size: self.max_file_size.unwrap_or(base.max_file_size),
            yaml: accord::yaml::Limits {
                max_depth: self.max_depth.unwrap_or(base.yaml.max_depth),
                max_alias_nodes: self.max_alias_nodes.unwrap_or(base.yaml.max_alias_nodes),
            },
            follow_links: self.follow_links || base.follow_links,
        }
    }
}

/// Whether `NO_COLOR` leaves colour on (unset or empty).
pub(crate) fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
