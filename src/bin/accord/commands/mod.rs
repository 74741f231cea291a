//! One module per command; what several share is here: exit codes, loading a checked dataset,
//! and rendering findings.

mod check;
mod explain;
mod export;
mod new;
mod report;
mod schema;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use accord::render::{EmitContext, Format};

use crate::args::no_color_unset;

pub(crate) use check::check;
pub(crate) use explain::explain;
pub(crate) use export::export;
pub(crate) use new::new;
pub(crate) use report::report;
pub(crate) use schema::schema;

/// Exit code: the run found nothing wrong.
pub(crate) const EXIT_CLEAN: u8 = 0;
/// Exit code: the run found problems in the data (or stale schema files).
pub(crate) const EXIT_FINDINGS: u8 = 1;
/// Exit code: the run could not happen (bad arguments, unreadable paths).
pub(crate) const EXIT_FAILURE: u8 = 2;

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
