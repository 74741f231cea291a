//! `accord check`: findings in any output format, and the exit code.

use std::io::Write;

use accord::render::Format;

use super::{EXIT_CLEAN, EXIT_FINDINGS, no_files, rendered};
use crate::args::CheckArgs;

pub(crate) fn check(args: &CheckArgs) -> Result<u8, String> {
    let options = args.dataset.options();
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
                let _ = writeln!(
                    std::io::stdout(),
                    "{}",
                    accord::render::github::run_failed(&error.to_string())
                );
            }
            return Err(error.to_string());
        }
    };
    if let Some(message) = no_files(&run, args.dataset.allow_no_files) {
        if format == Format::Github {
            let _ = writeln!(
                std::io::stdout(),
                "{}",
                accord::render::github::run_failed(&message)
            );
        }
        return Err(message);
    }
    let elapsed = started.elapsed();
    // The whole report is rendered into memory, then written at once.
    let buffer = rendered(&run, format, args.color.enabled())?;
    std::io::stdout()
        .lock()
        .write_all(&buffer)
        .map_err(|e| format!("cannot write the report: {e}"))?;
    if matches!(format, Format::Human | Format::Concise) {
        let summary = accord::render::summary(&run, elapsed);
        let _ = writeln!(std::io::stderr(), "{summary}");
    }
    Ok(if run.diagnostics.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}
