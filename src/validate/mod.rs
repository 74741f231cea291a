//! Validation: the schema pass over each file, and the rules a schema cannot express across the
//! whole dataset. Nothing here does I/O or prints; source texts come in through a callback.

mod consistency;
mod facts;
mod quotes;
mod references;
mod schema_pass;

use std::cell::OnceCell;
use std::path::Path;

pub use facts::FileFacts;
pub use schema_pass::SchemaValidator;

use crate::diagnostic::Diagnostic;
use crate::model::TextPath;
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

/// Checks one file on its own: YAML, schema, types and dates. The file is read by the fast
/// reader when it can be, without spans; only a file with findings is read again with spans, to
/// place them.
pub fn check_file(
    path: &Path,
    text: &str,
    validator: &SchemaValidator,
    limits: &Limits,
) -> FileOutcome {
    if text.len() >= STREAM_FROM_BYTES {
        return check_file_by_record(path, text, validator, limits);
    }
    let mut facts = FileFacts {
        path: path.to_path_buf(),
        ..FileFacts::default()
    };
    // The full reader's document, with spans: read at once when the fast reader gives up, and
    // otherwise only if a finding needs placing.
    let document: OnceCell<yaml::Document> = OnceCell::new();
    let spanned = || document.get_or_init(|| yaml::parse(text, limits).0);
    let (value, mut diagnostics) = match yaml::fast::parse(text, limits) {
        Some(value) => (value, Vec::new()),
        None => {
            let (full, diagnostics) = yaml::parse(text, limits);
            let Some(value) = full.value.clone() else {
                let mut diagnostics = diagnostics;
                if diagnostics.is_empty() {
                    diagnostics.push(empty_file());
                }
                facts.scan_ids_leniently(text);
                return finish(path, diagnostics, facts);
            };
            let _ = document.set(full);
            (value, diagnostics)
        }
    };
    let raw = |pointer: &str| {
        let found = spanned().spans.locate(&value, pointer);
        found
            .exact
            .then(|| text.get(found.value.range()).map(str::to_owned))
            .flatten()
    };
    let schema_findings = validator.validate(&value, &raw);
    diagnostics.extend(schema_findings);
    facts.collect_ids(&value);
    diagnostics.extend(facts.collect_references(&value, validator.plan()));
    for (section, records) in value.as_object().into_iter().flatten() {
        for (index, record) in records.as_array().into_iter().flatten().enumerate() {
            let at = format!("/{}/{index}", crate::pointer::escape(section));
            diagnostics.extend(consistency::check_record(section, &at, record, &mut facts));
        }
    }
    if diagnostics.iter().any(Diagnostic::needs_placing) {
        yaml::place(&mut diagnostics, None, &value, &spanned().spans);
    }
    finish(path, diagnostics, facts)
}

/// Files at least this large are read record by record, so memory holds one record's value at a
/// time rather than the whole file's.
pub const STREAM_FROM_BYTES: usize = 8 * 1024 * 1024;

/// [`check_file`] for large files: the fast reader hands over the records of the top-level lists
/// one at a time, and each is validated and walked, then dropped. When the fast reader gives
/// up, the full reader streams the records instead ([`yaml::parse_records`]), so memory holds
/// the text and one record whatever style the file is written in.
pub fn check_file_by_record(
    path: &Path,
    text: &str,
    validator: &SchemaValidator,
    limits: &Limits,
) -> FileOutcome {
    // Hints that quote the raw text read the current record again, with spans; nothing reads
    // the whole file with spans, whose trees would take many times its size.
    let current = std::cell::RefCell::new(0..0);
    let raw = |pointer: &str| {
        let range = current.borrow().clone();
        if range.is_empty() {
            yaml::by_record::raw_top_level(text, pointer, limits)
        } else {
            yaml::by_record::raw_in_record(text, range, pointer, limits)
        }
    };
    let plan = validator.plan();
    let mut facts = FileFacts {
        path: path.to_path_buf(),
        ..FileFacts::default()
    };
    let mut diagnostics = Vec::new();
    let root = yaml::fast::parse_records(text, limits, &mut |section, index, record, range| {
        *current.borrow_mut() = range;
        diagnostics.extend(validator.validate_record(section, index, &record, &raw));
        diagnostics.extend(facts.collect_record(section, index, &record, plan));
        let at = format!("/{}/{index}", crate::pointer::escape(section));
        diagnostics.extend(consistency::check_record(section, &at, &record, &mut facts));
    });
    let Some(root) = root else {
        return check_file_by_spanned_record(path, text, validator, limits);
    };
    // The top level itself: unknown sections, sections that are not lists.
    *current.borrow_mut() = 0..0;
    diagnostics.extend(validator.validate(&root, &raw));
    if diagnostics.iter().any(Diagnostic::needs_placing) {
        yaml::by_record::place_by_record(&mut diagnostics, None, text, limits);
    }
    finish(path, diagnostics, facts)
}

/// [`check_file_by_record`] through the full reader: each record comes with its spans, so its
/// findings are placed as it goes by.
fn check_file_by_spanned_record(
    path: &Path,
    text: &str,
    validator: &SchemaValidator,
    limits: &Limits,
) -> FileOutcome {
    let plan = validator.plan();
    let mut facts = FileFacts {
        path: path.to_path_buf(),
        ..FileFacts::default()
    };
    let mut record_findings = Vec::new();
    let (skeleton, mut diagnostics) =
        yaml::parse_records(text, limits, &mut |section, index, record, spans| {
            let raw = |pointer: &str| {
                yaml::by_record::raw_in_streamed_record(
                    text, section, index, &record, &spans, pointer,
                )
            };
            let mut found = validator.validate_record(section, index, &record, &raw);
            found.extend(facts.collect_record(section, index, &record, plan));
            let at = format!("/{}/{index}", crate::pointer::escape(section));
            found.extend(consistency::check_record(section, &at, &record, &mut facts));
            yaml::by_record::place_in_record(&mut found, section, index, &record, &spans);
            record_findings.extend(found);
        });
    let Some(root) = skeleton.value else {
        // Nothing is read from a file the full reader cannot finish, as when reading it whole.
        if diagnostics.is_empty() {
            diagnostics.push(empty_file());
        }
        let mut facts = FileFacts {
            path: path.to_path_buf(),
            ..FileFacts::default()
        };
        facts.scan_ids_leniently(text);
        return finish(path, diagnostics, facts);
    };
    diagnostics.extend(record_findings);
    let raw = |pointer: &str| {
        let found = skeleton.spans.locate(&root, pointer);
        found
            .exact
            .then(|| text.get(found.value.range()).map(str::to_owned))
            .flatten()
    };
    let mut top_level = validator.validate(&root, &raw);
    yaml::place(&mut top_level, None, &root, &skeleton.spans);
    diagnostics.extend(top_level);
    finish(path, diagnostics, facts)
}

/// The finding for a file the full reader read no document from, and reported nothing about.
fn empty_file() -> Diagnostic {
    Diagnostic::new(
        crate::diagnostic::Code::EmptyFile,
        "this file holds no YAML document",
    )
    .with_span(crate::diagnostic::Span::new(0, 0))
    .with_help("add records, or delete the file")
}

fn finish(path: &Path, diagnostics: Vec<Diagnostic>, facts: FileFacts) -> FileOutcome {
    let mut diagnostics: Vec<Diagnostic> = diagnostics
        .into_iter()
        .map(|d| d.in_file(path.to_path_buf()))
        .collect();
    diagnostics.sort_by(|a, b| (a.span, a.code, &a.message).cmp(&(b.span, b.code, &b.message)));
    FileOutcome { diagnostics, facts }
}

/// Reads the stored text of a source: given the YAML file that declares the source and the
/// source's `text` path, returns the text, or a finding (its code, message and help) that says
/// why it was not read; the finding is placed at the source's `text` field.
pub type SourceTextLoader<'a> = dyn Fn(&Path, &TextPath) -> Result<String, Diagnostic> + Sync + 'a;

/// Applies the dataset-wide rules to the facts of every file: ids unique, references resolving
/// to records of the right kind, quotes found in their sources' texts.
pub fn check_dataset(files: &[FileFacts], load_text: &SourceTextLoader<'_>) -> Vec<Diagnostic> {
    let index = references::Index::build(files);
    let mut diagnostics = index.duplicate_ids();
    diagnostics.extend(index.check_references(files));
    diagnostics.extend(quotes::check(files, load_text));
    diagnostics.extend(consistency::check_publication(files));
    diagnostics
}
