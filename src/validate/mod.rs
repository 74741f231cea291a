//! Validation: the schema pass over each file, and the rules a schema cannot express across the
//! whole dataset. Nothing here does I/O or prints; source texts come in through a callback.

mod dates;
mod facts;
mod quotes;
mod references;
mod schema_pass;

use std::path::Path;

use serde::Deserialize;

pub use facts::{FileFacts, RecordKind};
pub use schema_pass::SchemaValidator;

use crate::diagnostic::Diagnostic;
use crate::model::{DataFile, TextPath};
use crate::yaml::{self, Limits};

/// What checking one file on its own gives: its findings and the facts the dataset-wide rules
/// need. The file's text and trees are not kept.
#[derive(Debug, Clone, Default)]
pub struct FileOutcome {
    /// Findings in this file, in the order they were found.
    pub diagnostics: Vec<Diagnostic>,
    /// Ids, references and quotes of the file, with their spans.
    pub facts: FileFacts,
}

/// Checks one file on its own: YAML, schema, types, and dates.
pub fn check_file(
    path: &Path,
    text: &str,
    validator: &SchemaValidator,
    limits: &Limits,
) -> FileOutcome {
    let (document, mut diagnostics) = yaml::parse(text, limits);
    let mut facts = FileFacts {
        path: path.to_path_buf(),
        ..FileFacts::default()
    };
    let Some(value) = document.value else {
        if diagnostics.is_empty() {
            diagnostics.push(
                Diagnostic::new(crate::Code::EmptyFile, "this file holds no YAML document")
                    .with_span(crate::Span::new(0, 0))
                    .with_help("add records, or delete the file"),
            );
        }
        return finish(path, diagnostics, facts);
    };
    let schema_findings = validator.validate(&value, &document.spans, text);
    let schema_clean = schema_findings.is_empty();
    diagnostics.extend(schema_findings);
    facts.collect_ids(&value, &document.spans);
    facts.collect_references(&value, &document.spans);
    diagnostics.extend(dates::check(&value, &document.spans));
    match DataFile::deserialize(&value) {
        Ok(_) => {}
        Err(error) if schema_clean => {
            // The schema and the types should accept the same documents; say so if they do not.
            diagnostics.push(
                Diagnostic::new(
                    crate::Code::SchemaViolation,
                    format!("the data does not fit the model: {error}"),
                )
                .with_span(document.spans.span),
            );
        }
        Err(_) => {}
    }
    finish(path, diagnostics, facts)
}

fn finish(path: &Path, diagnostics: Vec<Diagnostic>, facts: FileFacts) -> FileOutcome {
    let diagnostics = diagnostics
        .into_iter()
        .map(|d| d.in_file(path.to_path_buf()))
        .collect();
    FileOutcome { diagnostics, facts }
}

/// Reads the stored text of a source: given the YAML file that declares the source and the
/// source's `text` path, returns the text or why it could not be read.
pub type SourceTextLoader<'a> = dyn Fn(&Path, &TextPath) -> Result<String, String> + Sync + 'a;

/// Applies the dataset-wide rules to the facts of every file: ids unique, references resolving
/// to records of the right kind, quotes found in their sources' texts.
pub fn check_dataset(files: &[FileFacts], load_text: &SourceTextLoader<'_>) -> Vec<Diagnostic> {
    let index = references::Index::build(files);
    let mut diagnostics = index.duplicate_ids();
    diagnostics.extend(index.check_references(files));
    diagnostics.extend(quotes::check(files, load_text));
    diagnostics
}
