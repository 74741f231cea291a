//! One line per finding, like a compiler's short format, plus indented labels and help.

use std::io::{self, Write};

use super::{EmitContext, Emitter, range_of};
use crate::check::CheckRun;

/// `path:line:column: severity[code]: message`.
pub(super) struct Concise;

impl Emitter for Concise {
    fn emit(&self, out: &mut dyn Write, run: &CheckRun, context: &EmitContext) -> io::Result<()> {
        for diagnostic in &run.diagnostics {
            let place = |path: &std::path::Path, span| match range_of(run, path, span) {
                Some(range) => format!(
                    "{}:{}:{}",
                    context.display_path(path),
                    range.start.line,
                    range.start.column
                ),
                None => context.display_path(path),
            };
            writeln!(
                out,
                "{}: {}[{}]: {}",
                place(&diagnostic.path, diagnostic.span),
                diagnostic.severity.as_str(),
                diagnostic.code.as_str(),
                diagnostic.message
            )?;
            for label in &diagnostic.labels {
                let path = label.path.as_ref().unwrap_or(&diagnostic.path);
                writeln!(out, "  {}: {}", place(path, label.span), label.message)?;
            }
            if let Some(help) = &diagnostic.help {
                writeln!(out, "  help: {help}")?;
            }
        }
        Ok(())
    }
}
