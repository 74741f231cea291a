//! The dataset as the server holds it: where its data is, the open buffers, and the last check's
//! findings, turned into the protocol's diagnostics and quick fixes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use lsp_types::Uri;

use super::convert::{self, Encoding};
use super::fields::{FieldHelp, Place, field_help, place_at};
use super::index::{At, Index};
use crate::check::{CheckOptions, CheckRun, FileCache, Overlay, check_paths_cached};
use crate::config::absolute;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::position::LineIndex;
use crate::validate::SchemaValidator;

pub(super) struct Workspace<'l> {
    /// The dataset's data paths, absolute; empty when the workspace has no data.
    data: Vec<PathBuf>,
    options: CheckOptions,
    encoding: Encoding,
    /// The open buffers, by absolute path.
    open: Overlay,
    /// The files that had findings in the last publication, so that a file whose findings are
    /// gone gets an empty list.
    published: BTreeSet<PathBuf>,
    last: CheckRun,
    /// What the last check learnt of each file, so that a change re-checks only the files it
    /// touched, and the dataset rules.
    cache: FileCache,
    /// The records and references, built on the first request that needs them after a change.
    index: Option<Index>,
    /// The index before the last change, whose files with unchanged texts need no new parse.
    stale_index: Option<Index>,
    validator: Option<SchemaValidator>,
    /// A directory of `<code>.md` explanations that diagnostics link to.
    pub(super) explanations: Option<PathBuf>,
    /// The data file's schema, for what a field means and which values it takes.
    schema: serde_json::Value,
    log: &'l mut dyn Write,
}

impl<'l> Workspace<'l> {
    pub(super) fn new(folder: Option<PathBuf>, encoding: Encoding, log: &'l mut dyn Write) -> Self {
        let root = folder.as_ref().and_then(|folder| {
            match crate::config::find(std::slice::from_ref(folder)) {
                Ok(root) => root,
                Err(error) => {
                    let _ = writeln!(log, "accord lsp: {error}");
                    None
                }
            }
        });
        let data = match (&root, &folder) {
            (Some(root), _) => root.data_paths().iter().map(|p| absolute(p)).collect(),
            (None, Some(folder)) if crate::files::is_dir(&folder.join("data")) => {
                vec![absolute(&folder.join("data"))]
            }
            _ => Vec::new(),
        };
        let options = CheckOptions::from_config(root.as_ref().map(|r| &r.config));
        let _ = writeln!(
            log,
            "accord lsp: dataset {}",
            if data.is_empty() {
                "none (only open files are checked)".to_owned()
            } else {
                data.iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        );
        Workspace {
            data,
            options,
            encoding,
            open: Overlay::new(),
            published: BTreeSet::new(),
            last: CheckRun::default(),
            cache: FileCache::new(),
            index: None,
            stale_index: None,
            validator: SchemaValidator::new().ok(),
            explanations: None,
            schema: crate::schema::data_file_schema(),
            log,
        }
    }

    pub(super) fn log(&mut self, message: &str) {
        let _ = writeln!(self.log, "accord lsp: {message}");
    }

    /// Opens a buffer; whether the dataset changed.
    pub(super) fn open(&mut self, uri: Uri, text: String) -> bool {
        match convert::path(&uri) {
            Some(path) => {
                self.open.insert(absolute(&path), text);
                true
            }
            None => {
                self.log(&format!("not a file, not checked: {}", uri.as_str()));
                false
            }
        }
    }

    /// Applies a buffer's changes, in order; whether the dataset changed.
    pub(super) fn change(
        &mut self,
        uri: &Uri,
        changes: Vec<lsp_types::TextDocumentContentChangeEvent>,
    ) -> bool {
        let Some(path) = convert::path(uri).map(|p| absolute(&p)) else {
            return false;
        };
        let encoding = self.encoding;
        let Some(text) = self.open.get_mut(&path) else {
            self.log(&format!(
                "a change to a buffer that is not open: {}",
                uri.as_str()
            ));
            return false;
        };
        for change in changes {
            match change.range {
                Some(range) => {
                    let index = LineIndex::new(text);
                    let start = convert::offset(text, &index, range.start, encoding);
                    let end = convert::offset(text, &index, range.end, encoding).max(start);
                    text.replace_range(start..end, &change.text);
                }
                None => *text = change.text,
            }
        }
        true
    }

    /// Closes a buffer: the file on disk counts again. Whether the dataset changed.
    pub(super) fn close(&mut self, uri: &Uri) -> bool {
        convert::path(uri)
            .map(|p| absolute(&p))
            .is_some_and(|path| self.open.remove(&path).is_some())
    }

    /// Checks the dataset with the open buffers, and returns the diagnostics of every file that
    /// has findings now or had them before.
    pub(super) fn check(&mut self) -> Vec<lsp_types::PublishDiagnosticsParams> {
        // Kept for the files whose text is unchanged: the index is rebuilt from it.
        if let Some(index) = self.index.take() {
            self.stale_index = Some(index);
        }
        let mut paths = self.data.clone();
        paths.extend(
            self.open
                .keys()
                .filter(|path| {
                    // Files outside the data, and new files not on disk yet, are not found by
                    // walking the data directories.
                    path.extension().is_some_and(|e| e == "yaml" || e == "yml")
                        && (!self.data.iter().any(|d| path.starts_with(d))
                            || !crate::files::exists(path))
                })
                .cloned(),
        );
        // Data paths that are gone (a directory removed) are left out rather than failing the run.
        paths.retain(|p| self.open.contains_key(p) || crate::files::exists(p));
        let run = if paths.is_empty() {
            CheckRun::default()
        } else {
            match check_paths_cached(&paths, &self.options, &self.open, &mut self.cache) {
                Ok(run) => run,
                Err(error) => {
                    self.log(&error.to_string());
                    CheckRun::default()
                }
            }
        };
        let mut by_file: BTreeMap<PathBuf, Vec<&Diagnostic>> = BTreeMap::new();
        for diagnostic in &run.diagnostics {
            by_file
                .entry(absolute(&diagnostic.path))
                .or_default()
                .push(diagnostic);
        }
        let mut indexes: BTreeMap<PathBuf, LineIndex> = BTreeMap::new();
        let mut out = Vec::new();
        // Every open buffer gets its diagnostics, an empty list included, so that the editor
        // knows it was checked.
        let files: BTreeSet<PathBuf> = by_file
            .keys()
            .cloned()
            .chain(std::mem::take(&mut self.published))
            .chain(self.open.keys().cloned())
            .collect();
        for file in files {
            let Some(uri) = convert::uri(&file) else {
                continue;
            };
            let diagnostics: Vec<lsp_types::Diagnostic> = by_file
                .get(&file)
                .into_iter()
                .flatten()
                .map(|d| self.to_lsp(&run, d, &mut indexes))
                .collect();
            if !diagnostics.is_empty() {
                self.published.insert(file.clone());
            }
            out.push(lsp_types::PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: None,
            });
        }
        self.last = run;
        out
    }

    /// The text of `path` as the last check saw it: the open buffer, or the text the run kept.
    fn text<'r>(&'r self, run: &'r CheckRun, path: &Path) -> Option<&'r str> {
        self.open
            .get(&absolute(path))
            .or_else(|| run.texts.get(path))
            .map(String::as_str)
    }

    fn range_of(
        &self,
        run: &CheckRun,
        path: &Path,
        span: Option<crate::diagnostic::Span>,
        indexes: &mut BTreeMap<PathBuf, LineIndex>,
    ) -> lsp_types::Range {
        let (Some(span), Some(text)) = (span, self.text(run, path)) else {
            return lsp_types::Range::default();
        };
        let index = indexes
            .entry(path.to_path_buf())
            .or_insert_with(|| LineIndex::new(text));
        convert::range(text, index, span, self.encoding)
    }

    fn to_lsp(
        &self,
        run: &CheckRun,
        d: &Diagnostic,
        indexes: &mut BTreeMap<PathBuf, LineIndex>,
    ) -> lsp_types::Diagnostic {
        let related: Vec<lsp_types::DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .filter_map(|label| {
                let path = label.path.as_deref().unwrap_or(&d.path);
                Some(lsp_types::DiagnosticRelatedInformation {
                    location: lsp_types::Location {
                        uri: convert::uri(&absolute(path))?,
                        range: self.range_of(run, path, label.span, indexes),
                    },
                    message: label.message.clone(),
                })
            })
            .collect();
        let message = match &d.help {
            Some(help) => format!("{}\nhelp: {help}", d.message),
            None => d.message.clone(),
        };
        lsp_types::Diagnostic {
            range: self.range_of(run, &d.path, d.span, indexes),
            severity: Some(match d.severity {
                Severity::Error => lsp_types::DiagnosticSeverity::ERROR,
                Severity::Warning => lsp_types::DiagnosticSeverity::WARNING,
            }),
            code: Some(lsp_types::NumberOrString::String(
                d.code.as_str().to_owned(),
            )),
            code_description: self.explanations.as_ref().and_then(|dir| {
                Some(lsp_types::CodeDescription {
                    href: convert::uri(&dir.join(format!("{}.md", d.code.as_str())))?,
                })
            }),
            source: Some("accord".to_owned()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..Default::default()
        }
    }

    /// The quick fixes of the last check's findings in the requested file and range.
    pub(super) fn code_actions(
        &self,
        params: &lsp_types::CodeActionParams,
    ) -> Vec<lsp_types::CodeActionOrCommand> {
        let Some(path) = convert::path(&params.text_document.uri).map(|p| absolute(&p)) else {
            return Vec::new();
        };
        let run = &self.last;
        let mut indexes = BTreeMap::new();
        let mut actions = Vec::new();
        for d in run.diagnostics.iter().filter(|d| absolute(&d.path) == path) {
            let Some(fix) = &d.fix else { continue };
            let Some(span) = fix.span else { continue };
            let range = self.range_of(run, &d.path, Some(span), &mut indexes);
            if range.end < params.range.start || params.range.end < range.start {
                continue;
            }
            let safe = fix.applicability == Applicability::Safe;
            let title = if safe {
                format!("Change to {}", fix.replacement)
            } else {
                format!(
                    "Change to {} (check it: it may change what the data means)",
                    fix.replacement
                )
            };
            let edit = lsp_types::TextEdit {
                range,
                new_text: fix.replacement.clone(),
            };
            // lsp-types keys `changes` by `Uri`, whose parsed parts clippy counts as mutable;
            // nothing mutates a key here.
            #[allow(clippy::mutable_key_type)]
            let changes =
                std::collections::HashMap::from([(params.text_document.uri.clone(), vec![edit])]);
            actions.push(lsp_types::CodeActionOrCommand::CodeAction(
                lsp_types::CodeAction {
                    title,
                    kind: Some(lsp_types::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![self.to_lsp(run, d, &mut indexes)]),
                    edit: Some(lsp_types::WorkspaceEdit {
                        changes: Some(changes),
                        ..Default::default()
                    }),
                    is_preferred: Some(safe),
                    ..Default::default()
                },
            ));
        }
        actions
    }

    /// The index of the dataset as it is now, built if a change made it stale: from the texts
    /// the last check read, reusing what the previous index knew of each file whose text is
    /// unchanged.
    fn index(&mut self) -> Option<&Index> {
        if self.index.is_none() {
            let validator = self.validator.as_ref()?;
            let mut files: Vec<(PathBuf, std::sync::Arc<str>)> = self
                .cache
                .texts()
                .map(|(path, text)| (absolute(path), text.clone()))
                .collect();
            files.sort_by(|a, b| a.0.cmp(&b.0));
            files.dedup_by(|a, b| a.0 == b.0);
            let previous = self.stale_index.take();
            self.index = Some(Index::build(
                files,
                previous.as_ref(),
                validator,
                &self.options.yaml,
            ));
        }
        self.index.as_ref()
    }

    /// The file and byte offset of a document position.
    fn place(
        &mut self,
        document: &lsp_types::TextDocumentPositionParams,
    ) -> Option<(usize, usize)> {
        let path = absolute(&convert::path(&document.text_document.uri)?);
        let encoding = self.encoding;
        let index = self.index()?;
        let file = index.file(&path)?;
        let text = &index.files[file].1;
        let offset = convert::offset(text, &LineIndex::new(text), document.position, encoding);
        Some((file, offset))
    }

    /// Go to definition: the record an id names.
    pub(super) fn definition(
        &mut self,
        params: &lsp_types::TextDocumentPositionParams,
    ) -> Option<lsp_types::Location> {
        let (file, offset) = self.place(params)?;
        let index = self.index.as_ref()?;
        let record = index.record(index.at(file, offset)?.id())?;
        location(self.encoding, index, record.file, record.id_span)
    }

    /// Find references: every place that names the record at the position, and its definition
    /// when asked for.
    pub(super) fn references(
        &mut self,
        params: &lsp_types::ReferenceParams,
    ) -> Vec<lsp_types::Location> {
        let Some((file, offset)) = self.place(&params.text_document_position) else {
            return Vec::new();
        };
        let Some(index) = self.index.as_ref() else {
            return Vec::new();
        };
        let Some(id) = index.at(file, offset).map(|at| at.id().to_owned()) else {
            return Vec::new();
        };
        let mut spans: Vec<(usize, crate::diagnostic::Span)> = Vec::new();
        if params.context.include_declaration
            && let Some(record) = index.record(&id)
        {
            spans.push((record.file, record.id_span));
        }
        spans.extend(index.uses_of(&id).map(|u| (u.file, u.span)));
        spans
            .into_iter()
            .filter_map(|(file, span)| location(self.encoding, index, file, span))
            .collect()
    }

    /// The id a rename at the position would rename, and its range.
    pub(super) fn prepare_rename(
        &mut self,
        params: &lsp_types::TextDocumentPositionParams,
    ) -> Option<lsp_types::PrepareRenameResponse> {
        let (file, offset) = self.place(params)?;
        let index = self.index.as_ref()?;
        let at = index.at(file, offset)?;
        let span = match at {
            At::Definition(record) => record.id_span,
            At::Use(reference) => reference.span,
        };
        let location = location(self.encoding, index, file, span)?;
        Some(lsp_types::PrepareRenameResponse::RangeWithPlaceholder {
            range: location.range,
            placeholder: at.id().to_owned(),
        })
    }

    /// Rename an id across the dataset: its definition and every reference, as one edit.
    pub(super) fn rename(
        &mut self,
        params: &lsp_types::RenameParams,
    ) -> Result<lsp_types::WorkspaceEdit, String> {
        let new = params.new_name.as_str();
        if !crate::model::is_valid_id(new) {
            return Err(format!(
                "`{new}` is not an id: lowercase letters and digits separated by single hyphens"
            ));
        }
        let (file, offset) = self
            .place(&params.text_document_position)
            .ok_or("no dataset file here")?;
        let index = self.index.as_ref().ok_or("the dataset cannot be read")?;
        let id = index
            .at(file, offset)
            .map(|at| at.id().to_owned())
            .ok_or("no id here to rename")?;
        if index.record(new).is_some() {
            return Err(format!("a record has the id `{new}` already"));
        }
        let mut spans: Vec<(usize, crate::diagnostic::Span)> = index
            .records
            .iter()
            .filter(|r| r.id == id)
            .map(|r| (r.file, r.id_span))
            .collect();
        spans.extend(index.uses_of(&id).map(|u| (u.file, u.span)));
        let mut by_file: BTreeMap<String, (lsp_types::Uri, Vec<lsp_types::TextEdit>)> =
            BTreeMap::new();
        for (file, span) in spans {
            let Some(location) = location(self.encoding, index, file, span) else {
                continue;
            };
            by_file
                .entry(location.uri.as_str().to_owned())
                .or_insert_with(|| (location.uri.clone(), Vec::new()))
                .1
                .push(lsp_types::TextEdit {
                    range: location.range,
                    new_text: new.to_owned(),
                });
        }
        // lsp-types keys `changes` by `Uri`, whose parsed parts clippy counts as mutable;
        // nothing mutates a key here.
        #[allow(clippy::mutable_key_type)]
        let changes: std::collections::HashMap<lsp_types::Uri, Vec<lsp_types::TextEdit>> =
            by_file.into_values().collect();
        Ok(lsp_types::WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        })
    }

    /// The records of a file, or of the dataset whose id or name holds `query`.
    pub(super) fn symbols(
        &mut self,
        uri: Option<&lsp_types::Uri>,
        query: &str,
    ) -> Vec<lsp_types::SymbolInformation> {
        let path = uri.and_then(convert::path).map(|p| absolute(&p));
        let encoding = self.encoding;
        let Some(index) = self.index() else {
            return Vec::new();
        };
        let file = path.as_ref().map(|p| index.file(p));
        let query = query.to_lowercase();
        let mut symbols = Vec::new();
        for record in &index.records {
            if file.is_some_and(|f| f != Some(record.file)) {
                continue;
            }
            let matches = record.id.contains(&query)
                || record
                    .name
                    .as_ref()
                    .is_some_and(|n| n.to_lowercase().contains(&query));
            if !matches {
                continue;
            }
            let Some(location) = location(encoding, index, record.file, record.record_span) else {
                continue;
            };
            #[allow(deprecated)]
            symbols.push(lsp_types::SymbolInformation {
                name: record.id.clone(),
                kind: symbol_kind(record.kind),
                tags: None,
                deprecated: None,
                location,
                container_name: Some(match &record.name {
                    Some(name) => format!("{} · {name}", record.kind.as_str()),
                    None => record.kind.as_str().to_owned(),
                }),
            });
        }
        symbols
    }

    /// Hover on an id: the record it names.
    pub(super) fn hover(
        &mut self,
        params: &lsp_types::TextDocumentPositionParams,
    ) -> Option<lsp_types::Hover> {
        let (file, offset) = self.place(params)?;
        let index = self.index.as_ref()?;
        let Some(at) = index.at(file, offset) else {
            return self.field_hover(file, offset);
        };
        let span = match at {
            At::Definition(record) => record.id_span,
            At::Use(reference) => reference.span,
        };
        let range = location(self.encoding, index, file, span).map(|l| l.range);
        let value = match index.record(at.id()) {
            Some(record) => {
                let (path, text) = &index.files[record.file];
                let line = LineIndex::new(text).line_of(record.id_span.start) + 1;
                let name = record
                    .name
                    .as_ref()
                    .map(|n| format!("\n\n{n}"))
                    .unwrap_or_default();
                format!(
                    "**{}** `{}`{name}\n\n{}:{line}",
                    record.kind.as_str(),
                    record.id,
                    path.display()
                )
            }
            None => format!("no record has the id `{}`", at.id()),
        };
        Some(lsp_types::Hover {
            contents: lsp_types::HoverContents::Markup(lsp_types::MarkupContent {
                kind: lsp_types::MarkupKind::Markdown,
                value,
            }),
            range,
        })
    }

    /// Completion where a reference is typed: the ids of the kinds the field accepts, with the
    /// record's name.
    pub(super) fn completion(
        &mut self,
        params: &lsp_types::TextDocumentPositionParams,
    ) -> Vec<lsp_types::CompletionItem> {
        let Some((file, offset)) = self.place(params) else {
            return Vec::new();
        };
        let Some(index) = self.index.as_ref() else {
            return Vec::new();
        };
        let Some(At::Use(reference)) = index.at(file, offset) else {
            // A word alone on its line is a key being typed, even where YAML would read it as
            // the rest of the value above.
            let keys = self.key_completion(file, offset);
            return if keys.is_empty() {
                self.value_completion(file, offset)
            } else {
                keys
            };
        };
        let Some(range) = location(self.encoding, index, file, reference.span).map(|l| l.range)
        else {
            return Vec::new();
        };
        index
            .records
            .iter()
            .filter(|r| reference.expected.is_empty() || reference.expected.contains(&r.kind))
            .map(|record| lsp_types::CompletionItem {
                label: record.id.clone(),
                kind: Some(lsp_types::CompletionItemKind::REFERENCE),
                detail: Some(match &record.name {
                    Some(name) => format!("{} · {name}", record.kind.as_str()),
                    None => record.kind.as_str().to_owned(),
                }),
                text_edit: Some(lsp_types::CompletionTextEdit::Edit(lsp_types::TextEdit {
                    range,
                    new_text: record.id.clone(),
                })),
                ..Default::default()
            })
            .collect()
    }
}

impl Workspace<'_> {
    /// What is at `offset` of file `file` of the index, by the schema: the place and its help.
    fn field_at(&self, file: usize, offset: usize) -> Option<(Place, FieldHelp)> {
        let index = self.index.as_ref()?;
        let text = &index.files[file].1;
        let (document, _) = crate::yaml::parse(text, &self.options.yaml);
        let value = document.value.as_ref()?;
        let place = place_at(value, &document.spans, offset)?;
        let help = field_help(&self.schema, &place.path)?;
        Some((place, help))
    }

    /// Hover on a field's key: what the schema says of it.
    fn field_hover(&self, file: usize, offset: usize) -> Option<lsp_types::Hover> {
        let (place, help) = self.field_at(file, offset)?;
        if !place.on_key || help.description.is_empty() {
            return None;
        }
        let index = self.index.as_ref()?;
        let range = location(self.encoding, index, file, place.span).map(|l| l.range);
        let mut value = help.description.clone();
        if !help.values.is_empty() && !value.contains("\n- `") {
            value.push('\n');
            for (allowed, meaning) in &help.values {
                value.push_str(&format!("\n- `{allowed}`: {meaning}"));
            }
        }
        Some(lsp_types::Hover {
            contents: lsp_types::HoverContents::Markup(lsp_types::MarkupContent {
                kind: lsp_types::MarkupKind::Markdown,
                value,
            }),
            range,
        })
    }

    /// Completion of a key where one is being typed: the fields the mapping takes and does not
    /// have yet, each with its description, written with its colon.
    fn key_completion(&self, file: usize, offset: usize) -> Vec<lsp_types::CompletionItem> {
        let Some(index) = self.index.as_ref() else {
            return Vec::new();
        };
        let Some(place) = super::fields::key_place(&index.files[file].1, offset) else {
            return Vec::new();
        };
        let Some(range) = location(self.encoding, index, file, place.typed).map(|l| l.range) else {
            return Vec::new();
        };
        super::fields::fields_of(&self.schema, &place.mapping, place.kind.as_deref())
            .into_iter()
            .filter(|(name, _)| !place.siblings.contains(name))
            .map(|(name, description)| lsp_types::CompletionItem {
                label: name.clone(),
                kind: Some(lsp_types::CompletionItemKind::FIELD),
                documentation: (!description.is_empty())
                    .then_some(lsp_types::Documentation::String(description)),
                text_edit: Some(lsp_types::CompletionTextEdit::Edit(lsp_types::TextEdit {
                    range,
                    new_text: format!("{name}: "),
                })),
                ..Default::default()
            })
            .collect()
    }

    /// Completion of a value where an enumeration's value is typed: the allowed values, each
    /// with what it means.
    fn value_completion(&self, file: usize, offset: usize) -> Vec<lsp_types::CompletionItem> {
        let Some((place, help)) = self.field_at(file, offset) else {
            return Vec::new();
        };
        let Some(index) = self.index.as_ref() else {
            return Vec::new();
        };
        if place.on_key || help.values.is_empty() {
            return Vec::new();
        }
        let Some(range) = location(self.encoding, index, file, place.span).map(|l| l.range) else {
            return Vec::new();
        };
        help.values
            .iter()
            .map(|(allowed, meaning)| lsp_types::CompletionItem {
                label: allowed.clone(),
                kind: Some(lsp_types::CompletionItemKind::ENUM_MEMBER),
                documentation: (!meaning.is_empty())
                    .then(|| lsp_types::Documentation::String(meaning.clone())),
                text_edit: Some(lsp_types::CompletionTextEdit::Edit(lsp_types::TextEdit {
                    range,
                    new_text: crate::yaml::scalar(allowed),
                })),
                ..Default::default()
            })
            .collect()
    }
}

/// The location of `span` in file `file` of the index.
fn location(
    encoding: Encoding,
    index: &Index,
    file: usize,
    span: crate::diagnostic::Span,
) -> Option<lsp_types::Location> {
    let (path, text) = &index.files[file];
    Some(lsp_types::Location {
        uri: convert::uri(path)?,
        range: convert::range(text, &LineIndex::new(text), span, encoding),
    })
}

/// The symbol kind shown for a record kind.
fn symbol_kind(kind: crate::model::RecordKind) -> lsp_types::SymbolKind {
    use crate::model::RecordKind as K;
    match kind {
        K::Source => lsp_types::SymbolKind::FILE,
        K::Person => lsp_types::SymbolKind::OBJECT,
        K::Organization => lsp_types::SymbolKind::NAMESPACE,
        K::Office => lsp_types::SymbolKind::PROPERTY,
        K::Event => lsp_types::SymbolKind::EVENT,
        K::Agreement => lsp_types::SymbolKind::STRUCT,
        K::Fund => lsp_types::SymbolKind::PACKAGE,
        K::Claim => lsp_types::SymbolKind::STRING,
        _ => lsp_types::SymbolKind::KEY,
    }
}
