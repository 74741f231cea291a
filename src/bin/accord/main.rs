//! The `accord` command line: maps arguments to a run of the library and the run to an exit code.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
