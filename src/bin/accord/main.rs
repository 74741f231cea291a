//! The `accord` command line: maps arguments to a run of the library and the run to an exit code.

#![forbid(unsafe_code)]

mod cli;
mod output;

/// A faster allocator than the system's for the many small strings and maps a check builds.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
