//! SARIF 2.1.0, the format code-scanning services ingest. Every code is a rule with its
//! description; every finding is a result pointing at its rule.

use std::io::{self, Write};

use serde::Serialize;

use super::{EmitContext, Emitter, range_of};
use crate::check::CheckRun;
use crate::diagnostic::{Applicability, Code, Diagnostic, Severity};

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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

/// A fix as SARIF writes one: a description and the replacements in one file. Whether it is
/// safe is in its property bag, since SARIF has no word for it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text<String>,
    artifact_changes: [ArtifactChange; 1],
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    applicability: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: [Replacement; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text<String>,
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

/// The finding's fix, when it has one placed in a text.
fn fixes(run: &CheckRun, context: &EmitContext, diagnostic: &Diagnostic) -> Vec<SarifFix> {
    let Some(fix) = &diagnostic.fix else {
        return Vec::new();
    };
    let Some(range) = range_of(run, &diagnostic.path, fix.span) else {
        return Vec::new();
    };
    let applied = match fix.applicability {
        Applicability::Safe => "`accord check --fix` applies it",
        Applicability::Unsafe => "check it before applying: it may change what the data means",
    };
    vec![SarifFix {
        description: Text {
            text: format!("write `{}` ({applied})", fix.replacement),
        },
        artifact_changes: [ArtifactChange {
            artifact_location: ArtifactLocation {
                uri: context.display_path(&diagnostic.path),
            },
            replacements: [Replacement {
                deleted_region: Region {
                    start_line: range.start.line,
                    start_column: range.start.column,
                    end_line: range.end.line,
                    end_column: range.end.column,
                },
                inserted_content: Text {
                    text: fix.replacement.clone(),
                },
            }],
        }],
        properties: FixProperties {
            applicability: fix.applicability.as_str(),
        },
    }]
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
                fixes: fixes(run, context, diagnostic),
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
