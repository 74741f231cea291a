//! GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
//! <https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions>

use std::io::{self, Write};

use super::{EmitContext, Emitter, range_of};
use crate::check::CheckRun;
use crate::diagnostic::Severity;

/// `::error file=...,line=...,col=...,endLine=...,endColumn=...,title=CODE::message`.
pub(super) struct Github;

/// Escapes the message part of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The annotation that says a run could not happen, so that the pull request shows it too, not
/// only the log.
pub fn run_failed(message: &str) -> String {
    format!(
        "::error title=accord::accord could not run: {}",
        escape_data(message)
    )
}

/// Escapes a property value of a workflow command.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Emitter for Github {
    fn emit(&self, out: &mut dyn Write, run: &CheckRun, context: &EmitContext) -> io::Result<()> {
        for diagnostic in &run.diagnostics {
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut properties = vec![format!(
                "file={}",
                escape_property(&context.display_path(&diagnostic.path))
            )];
            if let Some(range) = range_of(run, &diagnostic.path, diagnostic.span) {
                properties.push(format!("line={}", range.start.line));
                properties.push(format!("col={}", range.start.column));
                properties.push(format!("endLine={}", range.end.line));
                properties.push(format!("endColumn={}", range.end.column));
            }
            properties.push(format!(
                "title={}",
                escape_property(diagnostic.code.as_str())
            ));
            let mut message = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            writeln!(
                out,
                "::{command} {}::{}",
                properties.join(","),
                escape_data(&message)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_escaped() {
        assert_eq!(escape_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(
            run_failed("no file\r\nhere"),
            "::error title=accord::accord could not run: no file%0D%0Ahere"
        );
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
