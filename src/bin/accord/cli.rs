//! Arguments, commands and exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

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
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files or directories to check; directories are searched for *.yaml and *.yml files.
    #[arg(default_value = "data")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    limits: LimitArgs,
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
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "error: {message}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

fn check(args: &CheckArgs) -> Result<u8, String> {
    let options = accord::CheckOptions {
        max_file_size: args.limits.max_file_size,
        yaml: accord::yaml::Limits {
            max_depth: args.limits.max_depth,
            max_alias_nodes: args.limits.max_alias_nodes,
        },
    };
    let started = std::time::Instant::now();
    let run = accord::check_paths(&args.paths, &options).map_err(|e| e.to_string())?;
    let mut stdout = std::io::stdout().lock();
    let mut text = String::new();
    for diagnostic in &run.diagnostics {
        text.push_str(&accord::render::plain(diagnostic, &run.texts));
    }
    stdout
        .write_all(text.as_bytes())
        .map_err(|e| e.to_string())?;
    let errors = run
        .diagnostics
        .iter()
        .filter(|d| d.severity == accord::Severity::Error)
        .count();
    let warnings = run.diagnostics.len() - errors;
    let _ = writeln!(
        std::io::stderr(),
        "checked {} files ({} records): {errors} errors, {warnings} warnings in {:.2?}",
        run.files_checked,
        run.records,
        started.elapsed()
    );
    Ok(if run.diagnostics.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
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
        write_schemas(dir, &files)?;
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

fn write_schemas(dir: &Path, files: &[(&str, String)]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}
