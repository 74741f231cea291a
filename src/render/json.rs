//! The JSON format: one versioned document a program can rely on. Its wire types are separate
//! from the library's types and export their own schema, `schemas/diagnostics.schema.json`.
//! A breaking change to the document raises [`JSON_FORMAT_VERSION`].

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Counts, EmitContext, Emitter, range_of};
use crate::check::CheckRun;
use crate::diagnostic::{Applicability, Diagnostic};

/// The version of the JSON document's shape.
pub const JSON_FORMAT_VERSION: u32 = 2;

/// The file name of the schema of `accord check --format json` under `schemas/`.
pub const DIAGNOSTICS_SCHEMA_NAME: &str = "diagnostics.schema.json";
/// The `$id` of the diagnostics schema.
pub const DIAGNOSTICS_SCHEMA_ID: &str = "https://accord.invalid/schemas/v2/diagnostics.schema.json";

/// The JSON Schema of the document `accord check --format json` writes, [`JsonReport`].
pub fn diagnostics_schema() -> serde_json::Value {
    crate::schema::wire_schema_for::<JsonReport>(
        DIAGNOSTICS_SCHEMA_ID,
        "accord check --format json",
    )
}

/// The output of `accord check --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonReport {
    /// The version of this document's shape; raised on every breaking change.
    pub version: u32,
    /// The tool that wrote it.
    pub tool: JsonTool,
    /// Totals of the run.
    pub summary: JsonSummary,
    /// Every finding, sorted by path, then position, then code.
    pub diagnostics: Vec<JsonDiagnostic>,
}

/// The tool that wrote a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonTool {
    /// Always `accord`.
    pub name: String,
    /// accord's version.
    pub version: String,
}

/// Totals of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonSummary {
    /// Data files checked.
    pub files: usize,
    /// Records in them.
    pub records: usize,
    /// Findings of severity `error`.
    pub errors: usize,
    /// Findings of severity `warning`.
    pub warnings: usize,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonDiagnostic {
    /// The stable kebab-case code (see `accord explain CODE`).
    pub code: String,
    /// `error` or `warning`.
    pub severity: String,
    /// What is wrong.
    pub message: String,
    /// The file, relative to the working directory when it lies below it, with `/` separators.
    pub path: String,
    /// Where in the file, when the finding has a place and the file is text.
    pub range: Option<JsonRange>,
    /// The JSON Pointer of the offending value, for findings about data.
    pub pointer: Option<String>,
    /// Other places that explain the finding.
    pub labels: Vec<JsonLabel>,
    /// How to fix it.
    pub help: Option<String>,
    /// The edits that likely fix it (the field, value or id a misspelling was meant to be, a
    /// quote's quotation marks as its source has them), and whether `accord check --fix`
    /// applies them; absent when accord has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<JsonFix>,
}

/// A fix: edits of the finding's file, applied together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonFix {
    /// `safe`: what the text was clearly meant to be, applied by `accord check --fix`;
    /// `unsafe`: likely, but it may change what the data means (another record's id), so it is
    /// only shown.
    pub applicability: JsonApplicability,
    /// The edits, in file order, none overlapping another.
    pub edits: Vec<JsonEdit>,
}

/// Whether a fix may be applied unseen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum JsonApplicability {
    /// Applied by `accord check --fix`.
    Safe,
    /// Shown, never applied unseen.
    Unsafe,
}

/// An edit: text that replaces a range of the finding's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonEdit {
    /// The text to write in place of `range`, exactly as it goes in the file (YAML).
    pub replacement: String,
    /// The text it replaces.
    pub range: JsonRange,
}

/// A secondary place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonLabel {
    /// The file.
    pub path: String,
    /// Where in the file.
    pub range: Option<JsonRange>,
    /// What this place is.
    pub message: String,
}

/// A range of text: start inclusive, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonRange {
    /// The first character.
    pub start: JsonPosition,
    /// One past the last character.
    pub end: JsonPosition,
}

/// A place in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonPosition {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in Unicode scalar values (characters).
    pub column: usize,
    /// The byte offset from the start of the file, from 0.
    pub offset: usize,
}

fn range(
    run: &CheckRun,
    path: &std::path::Path,
    span: Option<crate::diagnostic::Span>,
) -> Option<JsonRange> {
    let (range, span) = (range_of(run, path, span)?, span?);
    Some(JsonRange {
        start: JsonPosition {
            line: range.start.line,
            column: range.start.column,
            offset: span.start,
        },
        end: JsonPosition {
            line: range.end.line,
            column: range.end.column,
            offset: span.end.max(span.start),
        },
    })
}

fn diagnostic(run: &CheckRun, context: &EmitContext, d: &Diagnostic) -> JsonDiagnostic {
    JsonDiagnostic {
        code: d.code.as_str().to_owned(),
        severity: d.severity.as_str().to_owned(),
        message: d.message.clone(),
        path: context.display_path(&d.path),
        range: range(run, &d.path, d.span),
        pointer: d.pointer.clone(),
        labels: d
            .labels
            .iter()
            .map(|label| {
                let path = label.path.as_ref().unwrap_or(&d.path);
                JsonLabel {
                    path: context.display_path(path),
                    range: range(run, path, label.span),
                    message: label.message.clone(),
                }
            })
            .collect(),
        help: d.help.clone(),
        fix: d.fix.as_ref().and_then(|fix| {
            Some(JsonFix {
                applicability: match fix.applicability {
                    Applicability::Safe => JsonApplicability::Safe,
                    Applicability::Unsafe => JsonApplicability::Unsafe,
                },
                edits: vec![JsonEdit {
                    replacement: fix.replacement.clone(),
                    range: range(run, &d.path, fix.span)?,
                }],
            })
        }),
    }
}

/// Builds the JSON document of a run.
pub fn report(run: &CheckRun, context: &EmitContext) -> JsonReport {
    let Counts { errors, warnings } = Counts::of(run);
    JsonReport {
        version: JSON_FORMAT_VERSION,
        tool: JsonTool {
            name: "accord".to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        },
        summary: JsonSummary {
            files: run.files_checked,
            records: run.records,
            errors,
            warnings,
        },
        diagnostics: run
            .diagnostics
            .iter()
            .map(|d| diagnostic(run, context, d))
            .collect(),
    }
}

/// Writes the JSON document.
pub(super) struct Json;

impl Emitter for Json {
    fn emit(&self, out: &mut dyn Write, run: &CheckRun, context: &EmitContext) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &report(run, context))?;
        out.write_all(b"\n")
    }
}
