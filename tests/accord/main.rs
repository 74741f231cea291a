//! accord's integration tests: one binary, one module per family.

mod cli;
mod dataset;
mod fixtures;
mod schema;

use std::path::{Path, PathBuf};

/// Runs a check over `paths` with the default options.
pub fn check(paths: &[&Path]) -> accord::CheckRun {
    let paths: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
    accord::check_paths(&paths, &accord::CheckOptions::default()).expect("the run starts")
}

/// Renders every diagnostic of a run as plain text.
pub fn rendered(run: &accord::CheckRun) -> String {
    run.diagnostics
        .iter()
        .map(|d| accord::render::plain(d, &run.texts))
        .collect()
}
