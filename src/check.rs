//! A whole run: find the files, check each in parallel, apply the dataset-wide rules, and return
//! every finding sorted by file and position.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::{self, CheckError};
use crate::validate::{self, FileFacts, STREAM_FROM_BYTES, SchemaValidator};
use crate::yaml::{self, Limits};

/// The settings of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    /// The largest file read, in bytes.
    pub max_file_size: u64,
    /// The limits of the YAML parser.
    pub yaml: Limits,
    /// Whether directory walks follow symbolic links. Off by default, so that a link cannot lead
    /// a check out of the tree it was given.
    pub follow_links: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            max_file_size: files::DEFAULT_MAX_FILE_SIZE,
            yaml: Limits::default(),
            follow_links: false,
        }
    }
}

impl CheckOptions {
    /// The settings a dataset's `accord.toml` gives (its limits and `follow-links`), the
    /// defaults where it says nothing or there is none.
    pub fn from_config(config: Option<&crate::config::Config>) -> Self {
        let defaults = CheckOptions::default();
        let limits = config.and_then(|c| c.limits.clone()).unwrap_or_default();
        CheckOptions {
            max_file_size: limits.max_file_size.unwrap_or(defaults.max_file_size),
            yaml: Limits {
                max_depth: limits.max_depth.unwrap_or(defaults.yaml.max_depth),
                max_alias_nodes: limits
                    .max_alias_nodes
                    .unwrap_or(defaults.yaml.max_alias_nodes),
            },
            follow_links: config.and_then(|c| c.follow_links).unwrap_or(false),
        }
    }
}

/// The result of a run.
#[derive(Debug, Clone, Default)]
pub struct CheckRun {
    /// Every finding, sorted by file, then position, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every file a finding points into, for rendering snippets.
    pub texts: BTreeMap<PathBuf, String>,
    /// How many data files were checked.
    pub files_checked: usize,
    /// How many records they hold.
    pub records: usize,
    /// The line index of each of `texts`, built when a finding is first rendered.
    pub line_indexes: crate::position::LineIndexes,
    /// The directories given to the run that hold no data file: a mistyped path, or a tree
    /// whose files are all hidden, links or not YAML. Callers decide whether that is an error
    /// (`accord check` says so and exits 2).
    pub empty_paths: Vec<PathBuf>,
    /// For a run focused on some files of a dataset ([`check_in_dataset`]), how many other
    /// files were read for their ids, sources and texts; their findings are not reported.
    pub context_files: usize,
}

/// Texts that stand in for data files on disk, by path as the run finds the file: an editor's
/// unsaved buffers, or files that `accord check --fix` has fixed but not yet written.
pub type Overlay = BTreeMap<PathBuf, String>;

/// What a run learnt about each data file, kept for the next run over the same dataset: a file
/// whose text is unchanged is not checked again, and only the dataset-wide rules run over every
/// file's facts. The language server keeps one between changes.
///
/// An entry is used only when the file's text is byte for byte the text it was made from (the
/// texts are kept and compared), and only with the settings it was made with: a run with other
/// [`CheckOptions`] starts the cache afresh.
#[derive(Debug, Default)]
pub struct FileCache {
    options: Option<CheckOptions>,
    files: HashMap<PathBuf, CachedFile>,
    /// The quotes found in each source's text, so that only new quotes and changed texts are
    /// searched.
    quotes: validate::QuoteMemo,
}

#[derive(Debug)]
struct CachedFile {
    text: Arc<str>,
    facts: FileFacts,
    /// The file's own findings as [`validate::check_file`] gave them, before any run placed or
    /// resolved anything in them.
    diagnostics: Vec<Diagnostic>,
}

impl FileCache {
    /// An empty cache.
    pub fn new() -> Self {
        FileCache::default()
    }

    /// How many files the cache holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the cache holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The data files of the last run with their texts, in no particular order: every file the
    /// run read, with the text it checked (an open buffer's, for a file the overlay held).
    pub fn texts(&self) -> impl Iterator<Item = (&Path, &Arc<str>)> {
        self.files
            .iter()
            .map(|(path, file)| (path.as_path(), &file.text))
    }
}

/// Checks every data file under `paths`.
pub fn check_paths(paths: &[PathBuf], options: &CheckOptions) -> Result<CheckRun, CheckError> {
    check_paths_with(paths, options, &Overlay::new())
}

/// [`check_paths`], reading each data file that `overlay` holds from there instead of from disk.
/// Only files the run finds under `paths` are read from the overlay; its other entries are
/// ignored.
pub fn check_paths_with(
    paths: &[PathBuf],
    options: &CheckOptions,
    overlay: &Overlay,
) -> Result<CheckRun, CheckError> {
    run(paths, None, options, overlay, None, false).map(|(run, _)| run)
}

/// [`check_paths_with`], reusing what `cache` knows of the files whose text has not changed since
/// the run that filled it, and leaving in it what this run learnt.
pub fn check_paths_cached(
    paths: &[PathBuf],
    options: &CheckOptions,
    overlay: &Overlay,
    cache: &mut FileCache,
) -> Result<CheckRun, CheckError> {
    run(paths, None, options, overlay, Some(cache), false).map(|(run, _)| run)
}

/// Checks the files `focus` names (files, or directories of them) in the context of their
/// dataset, whose data is under `dataset`: every file is read, so that ids, sources and texts
/// defined elsewhere are known, but only the findings about `focus` are reported: those in its
/// files, and those elsewhere with a label in them (the first definition of an id that a focus
/// file repeats). A focus path outside `dataset` is checked as well.
pub fn check_in_dataset(
    dataset: &[PathBuf],
    focus: &[PathBuf],
    options: &CheckOptions,
    overlay: &Overlay,
) -> Result<CheckRun, CheckError> {
    let absolute = |path: &Path| crate::config::absolute(path);
    let dataset_abs: Vec<PathBuf> = dataset.iter().map(|p| absolute(p)).collect();
    let mut paths = dataset.to_vec();
    paths.extend(
        focus
            .iter()
            .filter(|f| {
                let f = absolute(f);
                !dataset_abs.iter().any(|d| f.starts_with(d))
            })
            .cloned(),
    );
    let focus: Vec<PathBuf> = focus.iter().map(|p| absolute(p)).collect();
    run(&paths, Some(&focus), options, overlay, None, false).map(|(run, _)| run)
}

/// [`check_paths`], and the records of each data file without error, typed as it was read
/// (`None` for a file read record by record, which the caller reads again): what
/// `Dataset::load` needs, without reading every file a second time.
pub(crate) fn check_paths_typed(
    paths: &[PathBuf],
    options: &CheckOptions,
) -> Result<(CheckRun, TypedFiles), CheckError> {
    run(paths, None, options, &Overlay::new(), None, true)
}

/// Each data file of a run, in path order, with its records typed where [`check_paths_typed`]
/// could.
pub(crate) type TypedFiles = Vec<(PathBuf, Option<crate::model::DataFile>)>;

/// A run over `paths`, reporting every finding, or with `focus` (absolute, normalized paths)
/// only those about it; with `typed`, the records of each file without error too.
fn run(
    paths: &[PathBuf],
    focus: Option<&[PathBuf]>,
    options: &CheckOptions,
    overlay: &Overlay,
    mut cache: Option<&mut FileCache>,
    typed: bool,
) -> Result<(CheckRun, TypedFiles), CheckError> {
    let in_focus = |path: &Path| {
        focus.is_none_or(|focus| {
            let path = crate::config::absolute(path);
            focus.iter().any(|f| path.starts_with(f))
        })
    };
    let validator = SchemaValidator::new().map_err(CheckError::Schema)?;
    let read_text = |path: &Path| match overlay.get(path) {
        Some(text) if text.len() as u64 > options.max_file_size => {
            Err(files::too_large(path, options.max_file_size))
        }
        Some(text) => Ok(text.clone()),
        None => files::read_text(path, options.max_file_size),
    };
    // A buffer that is not on disk yet (a new file in an editor) is a data file of its own.
    let (unsaved, on_disk): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .iter()
        .cloned()
        .partition(|path| overlay.contains_key(path) && !files::exists(path));
    let (mut data_files, mut diagnostics) = files::discover_with(&on_disk, options.follow_links)?;
    if !unsaved.is_empty() {
        data_files.extend(unsaved);
        data_files.sort();
        data_files.dedup();
    }
    let empty_paths: Vec<PathBuf> = paths
        .iter()
        .filter(|path| !data_files.iter().any(|file| file.starts_with(path)))
        .cloned()
        .collect();
    // What the cache knows of each file, taken out of it; entries of files this run does not
    // find are dropped with the rest.
    let mut previous: Vec<Option<CachedFile>> = match cache.as_deref_mut() {
        Some(cache) => {
            if cache.options != Some(*options) {
                cache.files.clear();
                cache.quotes = validate::QuoteMemo::default();
                cache.options = Some(*options);
            }
            let previous = data_files.iter().map(|p| cache.files.remove(p)).collect();
            cache.files.clear();
            previous
        }
        None => Vec::new(),
    };
    previous.resize_with(data_files.len(), || None);
    let caching = cache.is_some();
    let outcomes: Vec<FileRun> = data_files
        .par_iter()
        .zip(previous)
        .map(|(path, previous)| match read_text(path) {
            Ok(text) => match previous {
                Some(cached) if *cached.text == *text => FileRun {
                    diagnostics: cached.diagnostics.clone(),
                    facts: cached.facts,
                    shown: (!cached.diagnostics.is_empty()).then_some(text),
                    shared: Some(cached.text),
                    cached: cached.diagnostics,
                    records: None,
                },
                _ => {
                    let (outcome, value) = validate::check_file_keeping_value(
                        path,
                        &text,
                        &validator,
                        &options.yaml,
                        typed,
                    );
                    let records = value
                        .filter(|_| {
                            !outcome
                                .diagnostics
                                .iter()
                                .any(|d| d.severity == Severity::Error)
                        })
                        .and_then(|value| crate::model::DataFile::deserialize(value).ok());
                    FileRun {
                        cached: if caching {
                            outcome.diagnostics.clone()
                        } else {
                            Vec::new()
                        },
                        shared: caching.then(|| Arc::from(text.as_str())),
                        // The text is kept for the run only where a finding needs its snippet.
                        shown: (!outcome.diagnostics.is_empty()).then_some(text),
                        diagnostics: outcome.diagnostics,
                        facts: outcome.facts,
                        records,
                    }
                }
            },
            Err(diagnostic) => FileRun {
                facts: FileFacts {
                    path: path.clone(),
                    ..FileFacts::default()
                },
                diagnostics: vec![diagnostic],
                shown: None,
                shared: None,
                cached: Vec::new(),
                records: None,
            },
        })
        .collect();
    let mut texts = BTreeMap::new();
    let mut facts = Vec::with_capacity(outcomes.len());
    let mut kept = Vec::with_capacity(if caching { outcomes.len() } else { 0 });
    let mut typed_files: TypedFiles = Vec::with_capacity(if typed { outcomes.len() } else { 0 });
    for outcome in outcomes {
        if typed {
            typed_files.push((outcome.facts.path.clone(), outcome.records));
        }
        if let Some(text) = outcome.shown {
            texts.insert(outcome.facts.path.clone(), text);
        }
        diagnostics.extend(outcome.diagnostics);
        kept.push((outcome.shared, outcome.cached));
        facts.push(outcome.facts);
    }
    let max_size = options.max_file_size;
    let roots = files::DatasetRoots::of_paths(paths);
    let mut dataset = validate::check_dataset_with(
        &facts,
        &|yaml, text| files::load_source_text(&roots, yaml, text, max_size),
        cache.as_deref_mut().map(|cache| &mut cache.quotes),
    );
    place_by_pointer(&mut dataset, &mut texts, options, &read_text);
    diagnostics.extend(dataset);
    for diagnostic in &diagnostics {
        for path in std::iter::once(&diagnostic.path)
            .chain(diagnostic.labels.iter().filter_map(|l| l.path.as_ref()))
        {
            if !texts.contains_key(path)
                && let Some(text) = overlay
                    .get(path)
                    .cloned()
                    .or_else(|| files::read_text_for_display(path, max_size))
            {
                texts.insert(path.clone(), text);
            }
        }
    }
    for (path, text) in &texts {
        yaml::resolve_pending_fixes(&mut diagnostics, path, text);
    }
    if focus.is_some() {
        diagnostics.retain(|d| {
            in_focus(&d.path)
                || d.labels
                    .iter()
                    .any(|l| l.path.as_deref().is_some_and(&in_focus))
        });
        texts.retain(|path, _| {
            diagnostics
                .iter()
                .any(|d| d.path == *path || d.labels.iter().any(|l| l.path.as_ref() == Some(path)))
        });
    }
    diagnostics.sort_by(|a, b| (&a.path, a.span, a.code).cmp(&(&b.path, b.span, b.code)));
    let focused: Vec<&FileFacts> = facts.iter().filter(|f| in_focus(&f.path)).collect();
    let run = CheckRun {
        diagnostics,
        texts,
        files_checked: focused.len(),
        records: focused.iter().map(|f| f.records).sum(),
        line_indexes: Default::default(),
        empty_paths,
        context_files: facts.len() - focused.len(),
    };
    if let Some(cache) = cache {
        for (facts, (text, diagnostics)) in facts.into_iter().zip(kept) {
            // A file that could not be read is read again next time.
            if let Some(text) = text {
                cache.files.insert(
                    facts.path.clone(),
                    CachedFile {
                        text,
                        facts,
                        diagnostics,
                    },
                );
            }
        }
    }
    Ok((run, typed_files))
}

/// One file's part of a run.
struct FileRun {
    facts: FileFacts,
    /// Its findings, placed and resolved by the run.
    diagnostics: Vec<Diagnostic>,
    /// Its text, for the snippets of its findings; `None` without findings.
    shown: Option<String>,
    /// Its text, for the cache; `None` without a cache.
    shared: Option<Arc<str>>,
    /// Its findings as the cache keeps them (empty without a cache).
    cached: Vec<Diagnostic>,
    /// Its records, typed, when the run was asked for them and the file has no error.
    records: Option<crate::model::DataFile>,
}

impl CheckRun {
    /// The text kept for `path` and its line index (built once for all texts).
    pub fn text_with_lines(&self, path: &Path) -> Option<(&str, &crate::position::LineIndex)> {
        let text = self.texts.get(path)?;
        Some((text, self.line_indexes.get(&self.texts, path)?))
    }
}

/// Places the dataset-wide findings, which know only the JSON Pointer of what they are about:
/// each file they point into is read again, with spans, once. Only files with such findings
/// pay for it.
fn place_by_pointer(
    diagnostics: &mut [Diagnostic],
    texts: &mut BTreeMap<PathBuf, String>,
    options: &CheckOptions,
    read_text: &(dyn Fn(&Path) -> Result<String, Diagnostic> + Sync),
) {
    let mut files: BTreeSet<&Path> = BTreeSet::new();
    for diagnostic in diagnostics.iter().filter(|d| d.needs_placing()) {
        files.insert(&diagnostic.path);
        files.extend(diagnostic.labels.iter().filter_map(|l| l.path.as_deref()));
    }
    let files: Vec<PathBuf> = files.into_iter().map(Path::to_path_buf).collect();
    let kept: &BTreeMap<PathBuf, String> = texts;
    // A file whose text phase one kept (it had findings of its own) is not read from disk again.
    // Large files are placed record by record (below) rather than read whole with spans.
    let read: Vec<(PathBuf, Option<String>, Option<yaml::Document>)> = files
        .into_par_iter()
        .filter_map(|path| {
            let fresh = match kept.get(&path) {
                Some(_) => None,
                None => Some(read_text(&path).ok()?),
            };
            let text = fresh
                .as_deref()
                .or_else(|| kept.get(&path).map(String::as_str))?;
            let document =
                (text.len() < STREAM_FROM_BYTES).then(|| yaml::parse(text, &options.yaml).0);
            Some((path, fresh, document))
        })
        .collect();
    for (path, fresh, document) in read {
        let text = fresh
            .as_deref()
            .or_else(|| texts.get(&path).map(String::as_str));
        let document = match (document, text) {
            (Some(document), _) => Some(document),
            (None, Some(text)) => {
                yaml::by_record::place_by_record(diagnostics, Some(&path), text, &options.yaml);
                None
            }
            (None, None) => None,
        };
        if let Some(document) = document
            && let Some(value) = &document.value
        {
            yaml::place(diagnostics, Some(&path), value, &document.spans);
        }
        if let Some(text) = fresh {
            texts.insert(path, text);
        }
    }
}
