//! Arguments, commands and exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::io::IsTerminal;

use accord::report::{EmitContext, Format};

use crate::output;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Exit code: the run found nothing wrong.
const EXIT_CLEAN: u8 = 0;
/// Exit code: the run found problems in the data (or stale schema files).
const EXIT_FINDINGS: u8 = 1;
/// Exit code: the run could not happen (bad arguments, unreadable paths).
const EXIT_FAILURE: u8 = 2;

/// Validate a dataset of diplomacy coverage against its schema and its own rules.
#[derive(Debug, Parser)]
#[command(name = "accord", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
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
    Report(ReportArgs),
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// Files or directories of the dataset.
    #[arg(default_value = "data")]
    paths: Vec<PathBuf>,
    /// The directory to write the report into; open its index.html in a browser. It must be
    /// new, empty, or a report accord wrote before (which is then brought up to date).
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,
    /// Write into DIR even when it holds files accord did not write; files of the same name
    /// are replaced.
    #[arg(long)]
    force: bool,
    /// Follow symbolic links in directories.
    #[arg(long)]
    follow_links: bool,
    /// Accept a directory that holds no data file; by default that is an error (exit 2), so
    /// that a mistyped path cannot pass as a clean run.
    #[arg(long)]
    allow_no_files: bool,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    accord new article hankyung-2025-03-01-minerals-deal-signed\n  \
    accord new claim >> data/articles/hankyung-2025-03-01-minerals-deal-signed.yaml")]
struct NewArgs {
    /// `article` writes a new article file and its empty text file; a record kind (source,
    /// person, organization, office, event, agreement, fund, claim) prints a new record.
    what: String,
    /// The article's id, which names its files: lowercase words joined by hyphens.
    id: Option<String>,
    /// Where to write a new article.
    #[arg(long, value_name = "DIR", default_value = "data/articles")]
    dir: PathBuf,
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// Files or directories of the dataset.
    #[arg(default_value = "data")]
    paths: Vec<PathBuf>,
    /// `json`: one document that follows schemas/export.schema.json; `jsonl`: one file per
    /// record kind (people.jsonl, claims.jsonl, ...) with one record per line.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    format: ExportFormat,
    /// Where to write: a file for `json` (default: standard output), a directory for `jsonl`.
    /// An existing file or directory is replaced only when accord wrote it.
    #[arg(long, short, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Replace the file, or write into the directory, even when accord did not write it.
    #[arg(long, requires = "out")]
    force: bool,
    /// Follow symbolic links in directories.
    #[arg(long)]
    follow_links: bool,
    /// Accept a directory that holds no data file; by default that is an error (exit 2), so
    /// that a mistyped path cannot pass as a clean run.
    #[arg(long)]
    allow_no_files: bool,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// One JSON document with every record.
    Json,
    /// JSON Lines: a file per record kind, a record per line.
    Jsonl,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// The code, as printed in brackets: `accord explain dangling-reference`.
    code: Option<String>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files or directories to check; directories are searched for *.yaml and *.yml files.
    #[arg(default_value = "data")]
    paths: Vec<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// When to colour the human output; `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    color: ColorArg,
    /// How many files to check at once (default: one per CPU).
    #[arg(long, value_name = "N")]
    threads: Option<std::num::NonZeroUsize>,
    /// Follow symbolic links in directories; by default they are skipped, so that a link
    /// cannot lead the check out of the tree it was given.
    #[arg(long)]
    follow_links: bool,
    /// Accept a directory that holds no data file; by default that is an error (exit 2), so
    /// that a mistyped path cannot pass as a clean run.
    #[arg(long)]
    allow_no_files: bool,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
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
enum ColorArg {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorArg {
    fn enabled(self) -> bool {
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => no_color_unset() && std::io::stdout().is_terminal(),
        }
    }
}

#[derive(Debug, Args)]
struct LimitArgs {
    /// The largest file accepted, in bytes.
    #[arg(long, default_value_t = accord::files::DEFAULT_MAX_FILE_SIZE, value_name = "BYTES")]
    max_file_size: u64,
    /// The deepest nesting of YAML mappings and sequences accepted.
    #[arg(long, default_value_t = accord::yaml::Limits::default().max_depth, value_name = "LEVELS")]
    max_depth: usize,
    /// The most nodes that YAML aliases may add to one file.
    #[arg(long, default_value_t = accord::yaml::Limits::default().max_alias_nodes, value_name = "NODES")]
    max_alias_nodes: usize,
}

#[derive(Debug, Args)]
struct SchemaArgs {
    /// Write the schema files into this directory instead of printing the data-file schema.
    #[arg(long, value_name = "DIR", conflicts_with = "check")]
    out: Option<PathBuf>,
    /// Compare the schema files in DIR with the generated ones; exit 1 if any differs.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "schemas")]
    check: Option<PathBuf>,
    /// With --out, replace files of the same name even when they are not accord's schemas.
    #[arg(long, requires = "out")]
    force: bool,
}

/// Parses the arguments, runs the command, and returns its exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() {
                EXIT_FAILURE
            } else {
                EXIT_CLEAN
            };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let outcome = match cli.command {
        Command::Check(args) => check(&args),
        Command::Schema(args) => schema(&args),
        Command::Explain(args) => explain(&args),
        Command::Export(args) => export(&args),
        Command::New(args) => new(&args),
        Command::Report(args) => report(&args),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "error: {message}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

impl LimitArgs {
    fn options(&self, follow_links: bool) -> accord::CheckOptions {
        accord::CheckOptions {
            max_file_size: self.max_file_size,
            yaml: accord::yaml::Limits {
                max_depth: self.max_depth,
                max_alias_nodes: self.max_alias_nodes,
            },
            follow_links,
        }
    }
}

fn check(args: &CheckArgs) -> Result<u8, String> {
    let options = args.limits.options(args.follow_links);
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.get())
            .build_global()
            .map_err(|e| format!("cannot start {threads} threads: {e}"))?;
    }
    let started = std::time::Instant::now();
    let format = Format::from(args.format);
    let run = match accord::check_paths(&args.paths, &options) {
        Ok(run) => run,
        Err(error) => {
            // In a workflow, say so where the annotations go too, not only in the log.
            if format == Format::Github {
                let message = error.to_string().replace('%', "%25").replace('\n', "%0A");
                let _ = writeln!(
                    std::io::stdout(),
                    "::error title=accord::accord could not run: {message}"
                );
            }
            return Err(error.to_string());
        }
    };
    if let Some(message) = no_files(&run, args.allow_no_files) {
        if format == Format::Github {
            let _ = writeln!(
                std::io::stdout(),
                "::error title=accord::accord could not run: {}",
                message.replace('%', "%25").replace('\n', "%0A")
            );
        }
        return Err(message);
    }
    let elapsed = started.elapsed();
    // The whole report is rendered into memory, then written at once.
    let buffer = rendered(&run, format, args.color.enabled(), elapsed)?;
    std::io::stdout()
        .lock()
        .write_all(&buffer)
        .map_err(|e| format!("cannot write the report: {e}"))?;
    if matches!(format, Format::Human | Format::Concise) {
        let summary = accord::report::summary(&run, elapsed);
        let _ = writeln!(std::io::stderr(), "{summary}");
    }
    Ok(if run.diagnostics.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

/// Why a run over directories that hold no data file cannot count as clean, unless allowed.
fn no_files(run: &accord::CheckRun, allowed: bool) -> Option<String> {
    if allowed || run.empty_paths.is_empty() {
        return None;
    }
    let names: Vec<String> = run
        .empty_paths
        .iter()
        .map(|p| format!("`{}`", p.display()))
        .collect();
    Some(format!(
        "no data file found in {}: accord reads *.yaml and *.yml files, skipping hidden entries \
         and (without --follow-links) symbolic links; name the right path, or pass \
         --allow-no-files if an empty directory is expected",
        names.join(", ")
    ))
}

/// Loads a dataset for `export` and `report`: `Ok(None)` when it has errors, which are then
/// on stderr.
fn load_checked(
    paths: &[PathBuf],
    options: &accord::CheckOptions,
    what: &str,
    allow_no_files: bool,
) -> Result<Option<accord::dataset::Loaded>, String> {
    let started = std::time::Instant::now();
    match accord::Dataset::load(paths, options) {
        Ok(loaded) => {
            if let Some(message) = no_files(&loaded.run, allow_no_files) {
                return Err(message);
            }
            if !loaded.run.diagnostics.is_empty() {
                report_to_stderr(&loaded.run, started.elapsed())?;
            }
            Ok(Some(loaded))
        }
        Err(accord::dataset::LoadError::Invalid(run)) => {
            if let Some(message) = no_files(&run, allow_no_files) {
                return Err(message);
            }
            // The findings go to stderr: stdout may be where the output was meant to go.
            report_to_stderr(&run, started.elapsed())?;
            let _ = writeln!(
                std::io::stderr(),
                "error: no {what} written: fix the errors first"
            );
            Ok(None)
        }
        Err(error) => Err(error.to_string()),
    }
}

fn report(args: &ReportArgs) -> Result<u8, String> {
    let options = args.limits.options(args.follow_links);
    let Some(loaded) = load_checked(&args.paths, &options, "report", args.allow_no_files)? else {
        return Ok(EXIT_FINDINGS);
    };
    let pages = accord::site::render(&loaded.dataset, &loaded.texts).map_err(|e| e.to_string())?;
    let mut out = output::claim_dir(&args.out, REPORT_MARKER, "accord report", args.force)?;
    for page in &pages {
        out.write(&page.path, page.content.as_bytes())?;
    }
    let written = out.finish()?;
    let _ = writeln!(
        std::io::stderr(),
        "wrote {written} files to {}: open {}",
        args.out.display(),
        args.out.join("index.html").display()
    );
    Ok(EXIT_CLEAN)
}

/// The file that marks a directory as a report accord wrote, listing its pages.
const REPORT_MARKER: &str = ".accord-report";
/// The file that marks a directory as a JSON Lines export accord wrote.
const EXPORT_MARKER: &str = ".accord-export";

/// Whether a file's first bytes are an export accord wrote (`accord export --format json`).
fn is_accord_export(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.starts_with("{\n  \"export_version\": ") && text.contains("\n  \"generator\": \"accord ")
}

/// Whether a file's first bytes are a schema accord generated.
fn is_accord_schema(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).contains("\"$id\": \"https://accord.invalid/schemas/")
}

fn export(args: &ExportArgs) -> Result<u8, String> {
    let options = args.limits.options(args.follow_links);
    let Some(loaded) = load_checked(&args.paths, &options, "export", args.allow_no_files)? else {
        return Ok(EXIT_FINDINGS);
    };
    let dataset = &loaded.dataset;
    match (args.format, &args.out) {
        (ExportFormat::Json, out) => {
            let mut text = serde_json::to_string_pretty(dataset).map_err(|e| e.to_string())?;
            text.push('\n');
            match out {
                Some(path) => output::write_owned_file(
                    path,
                    text.as_bytes(),
                    args.force,
                    "an export",
                    is_accord_export,
                )?,
                None => std::io::stdout()
                    .lock()
                    .write_all(text.as_bytes())
                    .map_err(|e| format!("cannot write the export: {e}"))?,
            }
        }
        (ExportFormat::Jsonl, None) => {
            return Err(
                "`--format jsonl` writes a file per record kind: name a directory with --out"
                    .into(),
            );
        }
        (ExportFormat::Jsonl, Some(dir)) => {
            let mut out = output::claim_dir(dir, EXPORT_MARKER, "accord export", args.force)?;
            for (section, records) in dataset.sections() {
                let mut text = String::new();
                for record in records {
                    text.push_str(&record.to_string());
                    text.push('\n');
                }
                out.write(&format!("{section}.jsonl"), text.as_bytes())?;
            }
            out.finish()?;
        }
    }
    Ok(EXIT_CLEAN)
}

/// Writes a run's findings to stderr in the human format, coloured when stderr is a terminal.
fn report_to_stderr(run: &accord::CheckRun, elapsed: std::time::Duration) -> Result<(), String> {
    let color = no_color_unset() && std::io::stderr().is_terminal();
    let buffer = rendered(run, Format::Human, color, elapsed)?;
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(&buffer);
    let _ = writeln!(stderr, "{}", accord::report::summary(run, elapsed));
    Ok(())
}

/// A run's findings in `format`, in memory.
fn rendered(
    run: &accord::CheckRun,
    format: Format,
    color: bool,
    elapsed: std::time::Duration,
) -> Result<Vec<u8>, String> {
    let context = EmitContext {
        color,
        working_dir: std::env::current_dir().unwrap_or_default(),
        elapsed,
    };
    let mut buffer = Vec::new();
    format
        .emitter()
        .emit(&mut buffer, run, &context)
        .map_err(|e| e.to_string())?;
    Ok(buffer)
}

/// Whether `NO_COLOR` leaves colour on (unset or empty).
fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn new(args: &NewArgs) -> Result<u8, String> {
    if args.what != "article" {
        if args.id.is_some() {
            return Err(format!(
                "`accord new {}` prints a record and takes no id: fill in `id` in the output",
                args.what
            ));
        }
        let Some(record) = accord::scaffold::record(&args.what) else {
            let kinds: Vec<&str> = accord::scaffold::kinds().map(|(name, _)| name).collect();
            return Err(format!(
                "cannot scaffold `{}`: name `article` or one of {}",
                args.what,
                kinds.join(", ")
            ));
        };
        std::io::stdout()
            .write_all(record.as_bytes())
            .map_err(|e| e.to_string())?;
        return Ok(EXIT_CLEAN);
    }
    let Some(id) = &args.id else {
        return Err("name the article: `accord new article ID`, for example `accord new article hankyung-2025-03-01-minerals-deal`".into());
    };
    let id = accord::model::SourceId::try_from(id.clone()).map_err(|e| e.to_string())?;
    let yaml_path = args.dir.join(format!("{id}.yaml"));
    let text_path = args.dir.join(format!("{id}.txt"));
    for path in [&yaml_path, &text_path] {
        // A dangling link counts: writing would create its target, wherever that is.
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(format!(
                "{} exists already; nothing was written",
                path.display()
            ));
        }
    }
    std::fs::create_dir_all(&args.dir)
        .map_err(|e| format!("cannot create {}: {e}", args.dir.display()))?;
    let schema = schema_location(&args.dir);
    let scaffold = accord::scaffold::article(id.as_str(), &schema);
    // Created, never replaced: a file that appeared since the test above is left alone.
    output::create_new(&yaml_path, scaffold.as_bytes())?;
    if let Err(error) = output::create_new(&text_path, b"") {
        let _ = std::fs::remove_file(&yaml_path);
        return Err(error);
    }
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} and {}: paste the article's text into the second, fill in the first, then run `accord check`",
        yaml_path.display(),
        text_path.display()
    );
    Ok(EXIT_CLEAN)
}

/// Where the modeline of a new file in `dir` finds the schema: the `schemas/accord.schema.json`
/// of the nearest enclosing directory that has one, as a relative path; the schema's `$id`
/// otherwise.
fn schema_location(dir: &Path) -> String {
    let Ok(dir) = dir.canonicalize() else {
        return accord::schema::DATA_FILE_SCHEMA_ID.to_owned();
    };
    let relative = dir.ancestors().enumerate().find_map(|(up, ancestor)| {
        ancestor
            .join("schemas")
            .join(accord::schema::DATA_FILE_SCHEMA_NAME)
            .is_file()
            .then(|| {
                format!(
                    "{}schemas/{}",
                    "../".repeat(up),
                    accord::schema::DATA_FILE_SCHEMA_NAME
                )
            })
    });
    relative.unwrap_or_else(|| accord::schema::DATA_FILE_SCHEMA_ID.to_owned())
}

fn explain(args: &ExplainArgs) -> Result<u8, String> {
    let mut out = String::new();
    match &args.code {
        None => {
            for code in accord::Code::ALL {
                let line = format!(
                    "{:<24} {:<8} {}\n",
                    code.as_str(),
                    code.severity().as_str(),
                    code.summary()
                );
                out.push_str(&line);
            }
        }
        Some(name) => {
            let Some(code) = accord::Code::from_name(name) else {
                let names: Vec<&str> = accord::Code::ALL.iter().map(|c| c.as_str()).collect();
                let hint = names
                    .iter()
                    .map(|candidate| (strsim::jaro_winkler(name, candidate), candidate))
                    .filter(|(similarity, _)| *similarity > 0.8)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, candidate)| candidate)
                    .map(|best| format!(" (did you mean `{best}`?)"))
                    .unwrap_or_default();
                return Err(format!(
                    "no diagnostic code is called `{name}`{hint}; run `accord explain` to list them"
                ));
            };
            let explanation = accord::explain::explanation(code);
            out.push_str(&format!(
                "{} ({}): {}\n\n{}\n",
                code.as_str(),
                code.severity().as_str(),
                code.summary(),
                explanation.details
            ));
            let indent = |text: &str| -> String {
                text.lines().map(|line| format!("    {line}\n")).collect()
            };
            if let (Some(bad), Some(fixed)) = (explanation.bad, explanation.fixed) {
                out.push_str("\nFor example, this data file gives the finding:\n\n");
                out.push_str(&indent(bad));
                out.push_str("\nand this one, fixed, gives none:\n\n");
                out.push_str(&indent(fixed));
            }
        }
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .map_err(|e| e.to_string())?;
    Ok(EXIT_CLEAN)
}

fn schema(args: &SchemaArgs) -> Result<u8, String> {
    let files = accord::schema::schema_files();
    if let Some(dir) = &args.check {
        let stale: Vec<String> = files
            .iter()
            .filter(|(name, text)| {
                std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str())
            })
            .map(|(name, _)| dir.join(name).display().to_string())
            .collect();
        if stale.is_empty() {
            return Ok(EXIT_CLEAN);
        }
        let _ = writeln!(
            std::io::stderr(),
            "stale schema files: {}\nregenerate them with `cargo run -- schema --out {}`",
            stale.join(", "),
            dir.display()
        );
        return Ok(EXIT_FINDINGS);
    }
    if let Some(dir) = &args.out {
        write_schemas(dir, &files, args.force)?;
        return Ok(EXIT_CLEAN);
    }
    let data_file = files
        .first()
        .map(|(_, text)| text.as_str())
        .unwrap_or_default();
    std::io::stdout()
        .write_all(data_file.as_bytes())
        .map_err(|e| e.to_string())?;
    Ok(EXIT_CLEAN)
}

/// Writes the schema files into `dir`, replacing only schemas accord generated (unless `force`);
/// every file is checked before any is written.
fn write_schemas(dir: &Path, files: &[(&str, String)], force: bool) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, _) in files {
        let path = dir.join(name);
        if !force
            && std::fs::symlink_metadata(&path).is_ok()
            && !std::fs::read(&path).is_ok_and(|bytes| is_accord_schema(&bytes))
        {
            return Err(format!(
                "nothing written: {} exists and is not a schema accord generated; \
                 name another directory, or pass --force to replace it",
                path.display()
            ));
        }
    }
    for (name, text) in files {
        output::write_owned_file(&dir.join(name), text.as_bytes(), true, "a schema", |_| true)?;
    }
    Ok(())
}
