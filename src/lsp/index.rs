//! The records of the dataset and the places that name them, with their spans: what go to
//! definition, find references, rename, symbols, hover and completion look up. Built from the
//! same facts the check collects (the ids a file defines, the references the schema's
//! `x-accord-refers-to` marks), placed in each file's text.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostic::Span;
use crate::model::RecordKind;
use crate::validate::{FileFacts, SchemaValidator};
use crate::yaml::Limits;

/// A record: its id, kind and name, and where it is.
#[derive(Debug, Clone)]
pub(super) struct Record {
    pub(super) id: String,
    pub(super) kind: RecordKind,
    /// The record's name, title or summary, for completion and symbols.
    pub(super) name: Option<String>,
    pub(super) file: usize,
    /// The id's value.
    pub(super) id_span: Span,
    /// The whole record.
    pub(super) record_span: Span,
}

/// A place that names a record by its id.
#[derive(Debug, Clone)]
pub(super) struct Use {
    pub(super) id: String,
    /// The kinds of record the field accepts (empty: any).
    pub(super) expected: &'static [RecordKind],
    pub(super) file: usize,
    pub(super) span: Span,
}

/// What is at a place of a file.
#[derive(Debug, Clone, Copy)]
pub(super) enum At<'i> {
    /// The id of a record where it is defined.
    Definition(&'i Record),
    /// A reference.
    Use(&'i Use),
}

impl At<'_> {
    /// The id at the place.
    pub(super) fn id(&self) -> &str {
        match self {
            At::Definition(record) => &record.id,
            At::Use(reference) => &reference.id,
        }
    }
}

/// The records and references of every data file, with the files' texts.
#[derive(Debug, Default)]
pub(super) struct Index {
    pub(super) files: Vec<(PathBuf, Arc<str>)>,
    pub(super) records: Vec<Record>,
    pub(super) uses: Vec<Use>,
    /// For each file, the range of `records` and of `uses` that are its own.
    ranges: Vec<(Range<usize>, Range<usize>)>,
}

impl Index {
    /// Indexes `files` (absolute path and text). A file that does not parse adds nothing. A file
    /// that `previous` indexed with the same text is not parsed again.
    pub(super) fn build(
        files: Vec<(PathBuf, Arc<str>)>,
        previous: Option<&Index>,
        validator: &SchemaValidator,
        limits: &Limits,
    ) -> Index {
        let previous_files: HashMap<&Path, usize> = previous
            .map(|p| {
                p.files
                    .iter()
                    .enumerate()
                    .map(|(i, (path, _))| (path.as_path(), i))
                    .collect()
            })
            .unwrap_or_default();
        let mut records = Vec::new();
        let mut uses = Vec::new();
        let mut ranges = Vec::with_capacity(files.len());
        for (file, (path, text)) in files.iter().enumerate() {
            let (records_start, uses_start) = (records.len(), uses.len());
            let unchanged = previous
                .zip(previous_files.get(path.as_path()).copied())
                .filter(|(previous, i)| {
                    let known = &previous.files[*i].1;
                    Arc::ptr_eq(known, text) || **known == **text
                });
            match unchanged {
                Some((previous, i)) => {
                    let (known_records, known_uses) = &previous.ranges[i];
                    records.extend(
                        previous.records[known_records.clone()]
                            .iter()
                            .map(|r| Record { file, ..r.clone() }),
                    );
                    uses.extend(
                        previous.uses[known_uses.clone()]
                            .iter()
                            .map(|u| Use { file, ..u.clone() }),
                    );
                }
                None => index_file(file, text, validator, limits, &mut records, &mut uses),
            }
            ranges.push((records_start..records.len(), uses_start..uses.len()));
        }
        Index {
            files,
            records,
            uses,
            ranges,
        }
    }

    /// The index of `path` among the files.
    pub(super) fn file(&self, path: &Path) -> Option<usize> {
        self.files.iter().position(|(p, _)| p == path)
    }

    /// The id at byte `offset` of file `file`: a definition or a reference. A place just past
    /// the end of an id counts, where the cursor is after typing it.
    pub(super) fn at(&self, file: usize, offset: usize) -> Option<At<'_>> {
        let inside = |span: &Span| span.start <= offset && offset <= span.end;
        self.records
            .iter()
            .find(|r| r.file == file && inside(&r.id_span))
            .map(At::Definition)
            .or_else(|| {
                self.uses
                    .iter()
                    .find(|u| u.file == file && inside(&u.span))
                    .map(At::Use)
            })
    }

    /// The record with `id`.
    pub(super) fn record(&self, id: &str) -> Option<&Record> {
        self.records.iter().find(|r| r.id == id)
    }

    /// Every reference to `id`.
    pub(super) fn uses_of<'i>(&'i self, id: &'i str) -> impl Iterator<Item = &'i Use> {
        self.uses.iter().filter(move |u| u.id == id)
    }
}

/// Adds the records and references of file `file`, whose text is `text`.
fn index_file(
    file: usize,
    text: &str,
    validator: &SchemaValidator,
    limits: &Limits,
    records: &mut Vec<Record>,
    uses: &mut Vec<Use>,
) {
    let (document, _) = crate::yaml::parse(text, limits);
    let Some(value) = &document.value else {
        return;
    };
    let (facts, _) = FileFacts::of_value(value, validator);
    for definition in &facts.definitions {
        let pointer = facts.str(definition.pointer);
        let record_pointer = pointer.rsplit_once('/').map_or("", |(parent, _)| parent);
        let located = document.spans.locate(value, pointer);
        let record = document.spans.locate(value, record_pointer);
        let name = value.pointer(record_pointer).and_then(|record| {
            ["name", "title", "summary"]
                .iter()
                .find_map(|field| record.get(field).and_then(Value::as_str))
                .map(str::to_owned)
        });
        records.push(Record {
            id: facts.str(definition.id).to_owned(),
            kind: definition.kind,
            name,
            file,
            id_span: located.value,
            record_span: record.value,
        });
    }
    for reference in &facts.references {
        let located = document.spans.locate(value, facts.str(reference.pointer));
        if located.exact {
            uses.push(Use {
                id: facts.str(reference.id).to_owned(),
                expected: reference.expected,
                file,
                span: located.value,
            });
        }
    }
}
