//! Output formats: one module each behind the [`Emitter`] trait, all fed from the same
//! [`CheckRun`]. Emitters write to a `&mut dyn Write`; formats that need every finding first
//! (JSON, SARIF) simply write at the end of the run, which is when emitters are called.

mod concise;
pub mod github;
mod human;
pub mod json;
mod sarif;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::check::CheckRun;
use crate::diagnostic::Span;
use crate::position::Range;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// rustc-style snippets with the source line underlined (the default).
    Human,
    /// One line per finding: `path:line:column: severity[code]: message`.
    Concise,
    /// One versioned JSON document for programs (see `schemas/diagnostics.schema.json`).
    Json,
    /// GitHub Actions workflow commands, shown as annotations on pull requests.
    Github,
    /// SARIF 2.1.0, for code-scanning upload.
    Sarif,
}

impl Format {
    /// Every format, in documentation order.
    pub const ALL: &'static [Format] = &[
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Github,
        Format::Sarif,
    ];

    /// The format's name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Github => "github",
            Format::Sarif => "sarif",
        }
    }

    /// The emitter of this format.
    pub fn emitter(self) -> Box<dyn Emitter> {
        match self {
            Format::Human => Box::new(human::Human),
            Format::Concise => Box::new(concise::Concise),
            Format::Json => Box::new(json::Json),
            Format::Github => Box::new(github::Github),
            Format::Sarif => Box::new(sarif::Sarif),
        }
    }
}

/// What an emitter needs besides the findings.
#[derive(Debug, Clone)]
pub struct EmitContext {
    /// Whether to colour the output (ANSI escapes); only the human format uses colour.
    pub color: bool,
    /// The directory paths are shown relative to.
    pub working_dir: PathBuf,
}

impl Default for EmitContext {
    fn default() -> Self {
        EmitContext {
            color: false,
            working_dir: PathBuf::new(),
        }
    }
}

impl EmitContext {
    /// `path` relative to the working directory when it lies below it, with `/` separators,
    /// and without a leading `./`.
    pub fn display_path(&self, path: &Path) -> String {
        let shown = if path.is_absolute() {
            path.strip_prefix(&self.working_dir).unwrap_or(path)
        } else {
            path.strip_prefix(".").unwrap_or(path)
        };
        shown.to_string_lossy().replace('\\', "/")
    }
}

/// Writes a run's findings in one format.
pub trait Emitter {
    /// Writes every finding of `run` to `out`.
    fn emit(&self, out: &mut dyn Write, run: &CheckRun, context: &EmitContext) -> io::Result<()>;
}

/// The line-and-column range of `span` in `path`, if the run kept that file's text.
pub(crate) fn range_of(run: &CheckRun, path: &Path, span: Option<Span>) -> Option<Range> {
    let (text, index) = run.text_with_lines(path)?;
    Some(index.range(text, span?))
}

/// The counts a summary line reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
}

impl Counts {
    /// Counts the findings of `run`.
    pub fn of(run: &CheckRun) -> Self {
        let errors = run
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .count();
        Counts {
            errors,
            warnings: run.diagnostics.len() - errors,
        }
    }
}

/// The line after the summary that says how many findings `accord check --fix` would fix, when
/// any would.
pub fn fix_hint(run: &CheckRun) -> Option<String> {
    let fixable = run
        .diagnostics
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(crate::diagnostic::Fix::is_applicable)
        })
        .count();
    match fixable {
        0 => None,
        1 => Some(
            "1 finding can be fixed with `accord check --fix` (`--diff` shows the fix)".to_owned(),
        ),
        n => Some(format!(
            "{n} findings can be fixed with `accord check --fix` (`--diff` shows the fixes)"
        )),
    }
}

/// The summary line of a run, without a trailing newline.
pub fn summary(run: &CheckRun, elapsed: Duration) -> String {
    let Counts { errors, warnings } = Counts::of(run);
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let context = match run.context_files {
        0 => String::new(),
        n => format!(
            ", in the context of {} of its dataset",
            plural(n, "other file")
        ),
    };
    format!(
        "checked {} ({}){context}: {}, {} in {:.2?}",
        plural(run.files_checked, "file"),
        plural(run.records, "record"),
        plural(errors, "error"),
        plural(warnings, "warning"),
        elapsed
    )
}
