//! SARIF 2.1.0, the format code-scanning services ingest. Every code is a rule with its
//! description; every finding is a result pointing at its rule.

use std::io::{self, Write};

use serde_json::{Value, json};

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

fn location(
    run: &CheckRun,
    context: &EmitContext,
    path: &std::path::Path,
    span: Option<crate::diagnostic::Span>,
    message: Option<&str>,
) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": context.display_path(path) } });
    if let Some(range) = range_of(run, path, span) {
        physical["region"] = json!({
            "startLine": range.start.line,
            "startColumn": range.start.column,
            "endLine": range.end.line,
            "endColumn": range.end.column,
        });
    }
    let mut location = json!({ "physicalLocation": physical });
    if let Some(message) = message {
        location["message"] = json!({ "text": message });
    }
    location
}

/// The SARIF document of a run.
fn log(run: &CheckRun, context: &EmitContext) -> Value {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "name": code.as_str(),
                "shortDescription": { "text": code.summary() },
                "fullDescription": { "text": code.explanation().details },
                "help": { "text": format!("Run `accord explain {}` for an example and its fix.", code.as_str()) },
                "defaultConfiguration": { "level": level(code.severity()) },
            })
        })
        .collect();
    let results: Vec<Value> = run
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let mut text = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut result = json!({
                "ruleId": diagnostic.code.as_str(),
                "ruleIndex": Code::ALL.iter().position(|c| *c == diagnostic.code).unwrap_or_default(),
                "level": level(diagnostic.severity),
                "message": { "text": text },
                "locations": [location(run, context, &diagnostic.path, diagnostic.span, None)],
            });
            if !diagnostic.labels.is_empty() {
                let related: Vec<Value> = diagnostic
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, label)| {
                        let path = label.path.as_ref().unwrap_or(&diagnostic.path);
                        let mut related = location(run, context, path, label.span, Some(&label.message));
                        related["id"] = json!(i);
                        related
                    })
                    .collect();
                result["relatedLocations"] = Value::Array(related);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "accord",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

impl Emitter for Sarif {
    fn emit(&self, out: &mut dyn Write, run: &CheckRun, context: &EmitContext) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &log(run, context))?;
        out.write_all(b"\n")
    }
}
