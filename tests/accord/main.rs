//! accord's integration tests: one binary, one module per family.

mod agreement;
mod cache;
mod cli;
mod confinement;
mod dataset;
mod explain;
mod export;
mod fast_reader;
mod fix;
mod fixtures;
mod formats;
mod fuzz_regressions;
mod hostile;
mod layers;
#[cfg(feature = "lsp")]
mod lsp;
mod migration;
mod mutations;
mod properties;
mod recovery;
mod report;
mod root;
mod scaffold;
mod schema;
mod story;
mod yaml_suite;

use std::path::{Path, PathBuf};

/// Runs a check over `paths` with the default options.
pub fn check(paths: &[&Path]) -> accord::CheckRun {
    let paths: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
    accord::check_paths(&paths, &accord::CheckOptions::default()).expect("the run starts")
}

/// Renders a run in `format`, without colour, with paths relative to the crate root.
pub fn rendered_as(run: &accord::CheckRun, format: accord::render::Format) -> String {
    let working_dir = std::env::current_dir().expect("a working directory");
    rendered_from(run, format, &working_dir)
}

/// Renders a run in `format`, without colour, with paths relative to `working_dir`.
pub fn rendered_from(
    run: &accord::CheckRun,
    format: accord::render::Format,
    working_dir: &Path,
) -> String {
    let context = accord::render::EmitContext {
        working_dir: working_dir.to_path_buf(),
        ..Default::default()
    };
    let mut out = Vec::new();
    format
        .emitter()
        .emit(&mut out, run, &context)
        .expect("writes to memory");
    String::from_utf8(out).expect("UTF-8 output")
}

/// Renders a run in the human format.
pub fn rendered(run: &accord::CheckRun) -> String {
    rendered_as(run, accord::render::Format::Human)
}

/// The `(line, code)` pairs a text marks with `# <- code ...` comments on the offending line.
pub fn marked_lines(text: &str) -> std::collections::BTreeSet<(usize, String)> {
    let mut marks = std::collections::BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        if let Some((_, codes)) = line.split_once("# <- ") {
            for code in codes.split_whitespace() {
                marks.insert((i + 1, code.to_owned()));
            }
        }
    }
    marks
}

/// A tiny deterministic generator (xorshift), so that generated test cases reproduce: the one
/// the mutation generator draws from.
pub use accord::invariants::mutate::Rng;

/// The JSON Pointer of every object in `value`, `at` being the pointer of `value` itself.
pub fn objects(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            out.push(at.clone());
            for (key, child) in map {
                objects(child, format!("{at}/{key}"), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                objects(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The `accord` binary, without colour, run in `dir`.
pub fn accord_in(dir: &Path) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("accord").expect("binary built");
    command.env("NO_COLOR", "1").current_dir(dir);
    command
}

/// Runs `command`: its exit code, stdout and stderr.
pub fn output(command: &mut assert_cmd::Command) -> (i32, String, String) {
    let out = command.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Copies the directory `from` into `to`, recursively, without the cache a run of accord may
/// have left in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for entry in std::fs::read_dir(from).expect("list") {
        let entry = entry.expect("entry");
        if entry.file_name() == ".accord_cache" {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}
