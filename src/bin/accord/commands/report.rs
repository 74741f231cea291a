//! `accord report`: the static HTML report, written only where accord owns the place.

use std::io::Write;

use super::{EXIT_CLEAN, EXIT_FINDINGS, load_checked};
use crate::args::ReportArgs;
use crate::output;

pub(crate) fn report(args: &ReportArgs) -> Result<u8, String> {
    let scope = super::scope(&args.paths, &args.dataset)?;
    let options = scope.options;
    let Some(loaded) = load_checked(
        &scope.paths,
        &options,
        "report",
        args.dataset.allow_no_files,
        true,
    )?
    else {
        return Ok(EXIT_FINDINGS);
    };
    let pages =
        accord::html_report::render(&loaded.dataset, &loaded.texts).map_err(|e| e.to_string())?;
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

const REPORT_MARKER: &str = ".accord-report";
