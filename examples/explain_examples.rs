//! Writes the examples of `accord explain` as data files, for the checks outside `cargo test`
//! that take them as fixtures (the independent Python validator, the Python and TypeScript
//! integrations): `DIR/bad/<code>.yaml` and `DIR/fixed/<code>.yaml` for every code whose
//! explanation (`src/codes/<code>.md`) has examples. Each is meant to be checked together with
//! `tests/fixtures/base/`, as `tests/accord/fixtures.rs` checks them.
//!
//! ```sh
//! cargo run --example explain_examples -- target/explain-examples
//! ```
//!
//! The `.yaml` files already in `DIR/bad/` and `DIR/fixed/` are removed first, so that a code
//! that lost its examples leaves none behind.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn write_examples(dir: &Path) -> std::io::Result<usize> {
    let mut written = 0;
    for which in ["bad", "fixed"] {
        let folder = dir.join(which);
        std::fs::create_dir_all(&folder)?;
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "yaml") {
                std::fs::remove_file(path)?;
            }
        }
        for code in accord::Code::ALL {
            let explanation = code.explanation();
            let example = if which == "bad" {
                explanation.bad
            } else {
                explanation.fixed
            };
            if let Some(example) = example {
                std::fs::write(folder.join(format!("{}.yaml", code.as_str())), example)?;
                written += 1;
            }
        }
    }
    Ok(written)
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        let _ = writeln!(std::io::stderr(), "usage: explain_examples DIR");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    match write_examples(&dir) {
        Ok(written) => {
            let _ = writeln!(
                std::io::stderr(),
                "wrote {written} examples under {}",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "{}: {error}", dir.display());
            ExitCode::FAILURE
        }
    }
}
