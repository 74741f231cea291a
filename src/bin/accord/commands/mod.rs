//! One module per command; what several share is here: exit codes, loading a checked dataset,
//! and rendering findings.

mod check;
mod explain;
mod export;
#[cfg(feature = "lsp")]
mod lsp;
mod new;
#[cfg(feature = "report")]
mod report;
mod schema;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use accord::render::{EmitContext, Format};

use crate::args::no_color_unset;

pub(crate) use check::check;
pub(crate) use explain::explain;
pub(crate) use export::export;
#[cfg(feature = "lsp")]
pub(crate) use lsp::lsp;
pub(crate) use new::new;
#[cfg(feature = "report")]
pub(crate) use report::report;
pub(crate) use schema::schema;

/// Exit code: the run found nothing wrong.
pub(crate) const EXIT_CLEAN: u8 = 0;
/// Exit code: the run found problems in the data (or stale schema files).
pub(crate) const EXIT_FINDINGS: u8 = 1;
/// Exit code: the run could not happen (bad arguments, unreadable paths).
pub(crate) const EXIT_FAILURE: u8 = 2;

/// The error of a command this build left out: which cargo feature brings it back.
#[cfg(not(all(feature = "lsp", feature = "report")))]
pub(crate) fn left_out(command: &str, feature: &str) -> String {
    format!(
        "`accord {command}` is not part of this build of accord, which was built without the \
         `{feature}` feature (as the pre-commit hook builds it, for checking only); \
         install the full tool with `cargo install --locked --path .` from a clone of accord"
    )
}

/// What a command reads, once the dataset's root is known.
pub(crate) struct Scope {
    /// The dataset's `accord.toml`, if there is one above the paths.
    pub(crate) root: Option<accord::config::Root>,
    /// The paths given, or the dataset's data paths when none were.
    pub(crate) paths: Vec<PathBuf>,
    /// The paths given, when they are part of a dataset with a root but not all of it: they
    /// are checked in the context of the whole dataset.
    pub(crate) focus: Option<Vec<PathBuf>>,
    /// The paths given that lie outside the data of the dataset's root: not checked.
    pub(crate) skipped: Vec<PathBuf>,
    /// The settings: flags, then `accord.toml`, then defaults.
    pub(crate) options: accord::CheckOptions,
}

/// Finds the dataset's root from the paths given (or the working directory) and settles what
/// to read.
pub(crate) fn scope(
    given: &[PathBuf],
    dataset: &crate::args::DatasetArgs,
) -> Result<Scope, String> {
    let start = if given.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        given.to_vec()
    };
    let root = accord::config::find(&start).map_err(|e| e.to_string())?;
    let options = dataset.options(root.as_ref().map(|r| &r.config));
    let Some(root) = root else {
        let paths = if given.is_empty() {
            vec![PathBuf::from("data")]
        } else {
            given.to_vec()
        };
        return Ok(Scope {
            root: None,
            paths,
            focus: None,
            skipped: Vec::new(),
            options,
        });
    };
    let data = root.data_paths();
    if given.is_empty() {
        return Ok(Scope {
            root: Some(root),
            paths: data,
            focus: None,
            skipped: Vec::new(),
            options,
        });
    }
    let absolute = |p: &PathBuf| accord::config::absolute(p);
    let data_abs: Vec<PathBuf> = data.iter().map(absolute).collect();
    // Paths outside the data (a pre-commit config, a workflow) are no data files of the
    // dataset: they are named in a note, not checked.
    let (inside, skipped): (Vec<PathBuf>, Vec<PathBuf>) = given.iter().cloned().partition(|p| {
        let p = absolute(p);
        data_abs
            .iter()
            .any(|d| p.starts_with(d) || d.starts_with(&p))
    });
    let inside_abs: Vec<PathBuf> = inside.iter().map(absolute).collect();
    // The paths given cover the whole dataset, or name a source text, which changes what quotes
    // anywhere find: the whole dataset's findings are reported.
    let covered = data_abs
        .iter()
        .all(|d| inside_abs.iter().any(|g| d.starts_with(g)));
    let names_text = inside
        .iter()
        .any(|p| p.is_file() && !p.extension().is_some_and(|e| e == "yaml" || e == "yml"));
    let focus = (!covered && !names_text).then_some(inside);
    Ok(Scope {
        root: Some(root),
        paths: data,
        focus,
        skipped,
        options,
    })
}

pub(crate) fn no_files(run: &accord::CheckRun, allowed: bool) -> Option<String> {
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

pub(crate) fn load_checked(
    paths: &[PathBuf],
    options: &accord::CheckOptions,
    what: &str,
    allow_no_files: bool,
    with_texts: bool,
) -> Result<Option<accord::dataset::Loaded>, String> {
    let started = std::time::Instant::now();
    match accord::Dataset::load_with(paths, options, with_texts) {
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

pub(crate) fn report_to_stderr(
    run: &accord::CheckRun,
    elapsed: std::time::Duration,
) -> Result<(), String> {
    let color = no_color_unset() && std::io::stderr().is_terminal();
    let buffer = rendered(run, Format::Human, color)?;
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(&buffer);
    let _ = writeln!(stderr, "{}", accord::render::summary(run, elapsed));
    Ok(())
}

pub(crate) fn rendered(
    run: &accord::CheckRun,
    format: Format,
    color: bool,
) -> Result<Vec<u8>, String> {
    let context = EmitContext {
        color,
        working_dir: std::env::current_dir().unwrap_or_default(),
    };
    let mut buffer = Vec::new();
    format
        .emitter()
        .emit(&mut buffer, run, &context)
        .map_err(|e| e.to_string())?;
    Ok(buffer)
}
