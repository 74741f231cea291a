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
pub use quotes::QuoteMemo;
pub use schema_pass::SchemaValidator;

use crate::diagnostic::{Code, Diagnostic};
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
    check_file_keeping_value(path, text, validator, limits, false).0
}

/// [`check_file`], and when `keep` is set, the file's value as it was read, for a caller that
/// goes on to type the records (`Dataset::load`), so that the file is not read twice. A file
/// read record by record, or that does not parse, has no value to give.
pub(crate) fn check_file_keeping_value(
    path: &Path,
    text: &str,
    validator: &SchemaValidator,
    limits: &Limits,
    keep: bool,
) -> (FileOutcome, Option<serde_json::Value>) {
    if text.len() >= STREAM_FROM_BYTES {
        if let Some(finding) = root_not_a_mapping(text) {
            let facts = FileFacts {
                path: path.to_path_buf(),
                ..FileFacts::default()
            };
            return (finish(path, vec![finding], facts), None);
        }
        return (check_file_by_record(path, text, validator, limits), None);
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
                return (finish(path, diagnostics, facts), None);
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
    (finish(path, diagnostics, facts), keep.then_some(value))
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
    let mut found = Bounded::new();
    let root = yaml::fast::parse_records(text, limits, &mut |section, index, record, range| {
        *current.borrow_mut() = range;
        if found.full() {
            found.extend(facts.collect_record(section, index, &record, plan));
            return;
        }
        found.extend(validator.validate_record(section, index, &record, &raw));
        found.extend(facts.collect_record(section, index, &record, plan));
        let at = format!("/{}/{index}", crate::pointer::escape(section));
        found.extend(consistency::check_record(section, &at, &record, &mut facts));
    });
    let Some(root) = root else {
        return check_file_by_spanned_record(path, text, validator, limits);
    };
    // The top level itself: unknown sections, sections that are not lists.
    *current.borrow_mut() = 0..0;
    let Bounded {
        kept: mut diagnostics,
        dropped,
        skipped,
    } = found;
    diagnostics.extend(validator.validate(&root, &raw));
    if diagnostics.iter().any(Diagnostic::needs_placing) {
        yaml::by_record::place_by_record(&mut diagnostics, None, text, limits);
    }
    finish_counted(path, diagnostics, dropped, skipped, facts)
}

/// A large file whose top level is a list: the finding, without reading the list, whose items
/// would take many times the file's size in memory and are not records. Nothing else in such a
/// file is reported (a syntax error further down included) until its top level is a mapping.
fn root_not_a_mapping(text: &str) -> Option<Diagnostic> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_start_matches([' ', '\t', '\u{feff}']);
        let trimmed = content.trim_end();
        if trimmed.is_empty()
            || trimmed.starts_with('#')
            || trimmed.starts_with('%')
            || trimmed == "---"
        {
            offset += line.len();
            continue;
        }
        let is_list = trimmed == "-"
            || content.starts_with("- ")
            || content.starts_with("-\t")
            || content.starts_with('[');
        if !is_list {
            return None;
        }
        let start = offset + (line.len() - content.len());
        let end = text.trim_end().len().max(start);
        return Some(
            Diagnostic::new(Code::InvalidType, "the file must be a mapping, not a list")
                .with_span(crate::diagnostic::Span::new(start, end)),
        );
    }
    None
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
    let mut record_findings = Bounded::new();
    let (skeleton, mut diagnostics) =
        yaml::parse_records(text, limits, &mut |section, index, record, spans| {
            let raw = |pointer: &str| {
                yaml::by_record::raw_in_streamed_record(
                    text, section, index, &record, &spans, pointer,
                )
            };
            if record_findings.full() {
                record_findings.extend(facts.collect_record(section, index, &record, plan));
                return;
            }
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
    let Bounded {
        kept,
        dropped,
        skipped,
    } = record_findings;
    diagnostics.extend(kept);
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
    finish_counted(path, diagnostics, dropped, skipped, facts)
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
    finish_counted(path, diagnostics, 0, 0, facts)
}

/// The most findings one file reports. A file of millions of broken records would otherwise
/// hold every finding in memory, and no one reads past the first screens: they share a cause.
pub const MAX_FINDINGS_PER_FILE: usize = 1_000;

/// Keeps at most [`MAX_FINDINGS_PER_FILE`] of a file's findings, and says how many it left out:
/// those found beyond the limit, plus `dropped` that were not even kept, and the `skipped`
/// records whose schema was not checked once the limit was reached.
fn finish_counted(
    path: &Path,
    diagnostics: Vec<Diagnostic>,
    dropped: usize,
    skipped: usize,
    facts: FileFacts,
) -> FileOutcome {
    let mut diagnostics: Vec<Diagnostic> = diagnostics
        .into_iter()
        .map(|d| d.in_file(path.to_path_buf()))
        .collect();
    diagnostics.sort_by(|a, b| (a.span, a.code, &a.message).cmp(&(b.span, b.code, &b.message)));
    let left_out = dropped + diagnostics.len().saturating_sub(MAX_FINDINGS_PER_FILE);
    if left_out > 0 || skipped > 0 {
        diagnostics.truncate(MAX_FINDINGS_PER_FILE);
        let message = if skipped > 0 {
            format!(
                "more than {MAX_FINDINGS_PER_FILE} findings in this file: only the first {MAX_FINDINGS_PER_FILE} are reported, and the schema of the last {skipped} records was not checked"
            )
        } else {
            format!(
                "{left_out} more findings in this file are not reported: only the first {MAX_FINDINGS_PER_FILE} are"
            )
        };
        diagnostics.push(
            Diagnostic::new(Code::LimitExceeded, message)
            .with_help("fix the findings above first: so many usually share one cause, such as a wrong indentation or a pasted file")
            .in_file(path.to_path_buf()),
        );
    }
    FileOutcome { diagnostics, facts }
}

/// Keeps a file's findings while it is read record by record, up to the limit and a margin
/// (the findings are sorted at the end, and the first by position are kept); beyond it, only
/// counts them.
struct Bounded {
    kept: Vec<Diagnostic>,
    dropped: usize,
    /// Records read after the limit was reached, whose schema was not checked.
    skipped: usize,
}

impl Bounded {
    fn new() -> Self {
        Bounded {
            kept: Vec::new(),
            dropped: 0,
            skipped: 0,
        }
    }

    /// Whether the limit is reached: later records are read for their facts only.
    fn full(&mut self) -> bool {
        let full = self.kept.len() >= 2 * MAX_FINDINGS_PER_FILE;
        self.skipped += usize::from(full);
        full
    }

    fn extend(&mut self, found: impl IntoIterator<Item = Diagnostic>) {
        for diagnostic in found {
            if self.kept.len() < 2 * MAX_FINDINGS_PER_FILE {
                self.kept.push(diagnostic);
            } else {
                self.dropped += 1;
            }
        }
    }
}

/// Reads the stored text of a source: given the YAML file that declares the source and the
/// source's `text` path, returns the text, or a finding (its code, message and help) that says
/// why it was not read; the finding is placed at the source's `text` field.
pub type SourceTextLoader<'a> = dyn Fn(&Path, &TextPath) -> Result<String, Diagnostic> + Sync + 'a;

/// Applies the dataset-wide rules to the facts of every file: ids unique, references resolving
/// to records of the right kind, quotes found in their sources' texts.
pub fn check_dataset(files: &[FileFacts], load_text: &SourceTextLoader<'_>) -> Vec<Diagnostic> {
    check_dataset_with(files, load_text, None)
}

/// [`check_dataset`], searching a source's text only for the quotes that `memo` does not know
/// to be in that very text, and leaving in `memo` what this run found.
pub fn check_dataset_with(
    files: &[FileFacts],
    load_text: &SourceTextLoader<'_>,
    memo: Option<&mut QuoteMemo>,
) -> Vec<Diagnostic> {
    let index = references::Index::build(files);
    let mut diagnostics = index.duplicate_ids();
    diagnostics.extend(index.check_references(files));
    diagnostics.extend(quotes::check(files, load_text, memo));
    diagnostics.extend(consistency::check_publication(files));
    diagnostics
}
