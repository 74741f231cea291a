//! The `accord` command line: maps arguments to a run of the library and the run to an exit code.
//! `args` holds the arguments, `commands` one module per command, `output` the writing of files.

#![forbid(unsafe_code)]

mod args;
mod cache;
mod commands;
mod output;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};
use commands::{EXIT_CLEAN, EXIT_FAILURE};

/// A faster allocator than the system's for the many small strings and maps a check builds.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    run()
}

/// Parses the arguments, runs the command, and returns its exit code.
fn run() -> ExitCode {
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
        Command::Check(args) => commands::check(&args),
        Command::Schema(args) => commands::schema(&args),
        Command::Explain(args) => commands::explain(&args),
        Command::Export(args) => commands::export(&args),
        Command::New(args) => commands::new(&args),
        #[cfg(feature = "report")]
        Command::Report(args) => commands::report(&args),
        #[cfg(not(feature = "report"))]
        Command::Report(_) => Err(commands::left_out("report", "report")),
        #[cfg(feature = "lsp")]
        Command::Lsp(args) => commands::lsp(&args),
        #[cfg(not(feature = "lsp"))]
        Command::Lsp(_) => Err(commands::left_out("lsp", "lsp")),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "error: {message}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}
