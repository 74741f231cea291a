//! SARIF 2.1.0, the format code-scanning services ingest. Every code is a rule with its
//! description; every finding is a result pointing at its rule.

use std::io::{self, Write};

use serde::Serialize;

use super::{EmitContext, Emitter, range_of};
use crate::check::CheckRun;
use crate::diagnostic::{Code, Severity};

/// The SARIF 2.1.0 log of a run.
pub(super) struct Sarif;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

// The log is written from borrowed, typed parts rather than built as a `serde_json::Value`:
// a run with tens of thousands of findings would otherwise allocate a map per field.

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text<&'static str>,
    full_description: Text<&'static str>,
    help: Text<String>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text<T> {
    text: T,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<String>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn location<'a>(
    run: &CheckRun,
    context: &EmitContext,
    path: &std::path::Path,
    span: Option<crate::diagnostic::Span>,
    message: Option<&'a str>,
    id: Option<usize>,
) -> Location<'a> {
    let region = range_of(run, path, span).map(|range| Region {
        start_line: range.start.line,
        start_column: range.start.column,
        end_line: range.end.line,
        end_column: range.end.column,
    });
    Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: context.display_path(path),
            },
            region,
        },
        message: message.map(|text| Text { text }),
        id,
    }
}

/// The SARIF document of a run.
fn log<'a>(run: &'a CheckRun, context: &EmitContext) -> Log<'a> {
    let rules = Code::ALL
        .iter()
        .map(|code| Rule {
            id: code.as_str(),
            name: code.as_str(),
            short_description: Text {
                text: code.summary(),
            },
            full_description: Text {
                text: code.explanation().details,
            },
            help: Text {
                text: format!(
                    "Run `accord explain {}` for an example and its fix.",
                    code.as_str()
                ),
            },
            default_configuration: Configuration {
                level: level(code.severity()),
            },
        })
        .collect();
    let results = run
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let mut text = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let related_locations = diagnostic
                .labels
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    let path = label.path.as_ref().unwrap_or(&diagnostic.path);
                    location(
                        run,
                        context,
                        path,
                        label.span,
                        Some(&label.message),
                        Some(i),
                    )
                })
                .collect();
            SarifResult {
                rule_id: diagnostic.code.as_str(),
                rule_index: Code::ALL
                    .iter()
                    .position(|c| *c == diagnostic.code)
                    .unwrap_or_default(),
                level: level(diagnostic.severity),
                message: Text { text },
                locations: [location(
                    run,
                    context,
                    &diagnostic.path,
                    diagnostic.span,
                    None,
                    None,
                )],
                related_locations,
            }
        })
        .collect();
    Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "accord",
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    }
}

impl Emitter for Sarif {
    fn emit(&self, out: &mut dyn Write, run: &CheckRun, context: &EmitContext) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &log(run, context))?;
        out.write_all(b"\n")
    }
}
