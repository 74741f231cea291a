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

mod disk;

pub use disk::{CacheKey, CacheRejected};

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
/// file's facts. When no data file and no source text changed at all, the dataset-wide findings
/// of the last run are given again without running the rules. The language server keeps one
/// between changes; `accord check` saves one to disk ([`FileCache::to_bytes`]).
///
/// An entry is used only when the file's text is the text it was made from, and only with the
/// settings it was made with: a run with other [`CheckOptions`] starts the cache afresh. A cache
/// made by [`FileCache::new`] keeps each text and compares it byte for byte; one made by
/// [`FileCache::without_texts`] (or read from disk) keeps a 128-bit hash of it instead.
#[derive(Debug, Default)]
pub struct FileCache {
    options: Option<CheckOptions>,
    files: HashMap<PathBuf, CachedFile>,
    /// The quotes found in each source's text, so that only new quotes and changed texts are
    /// searched. Filled only by a cache that keeps texts: it holds every source's text.
    quotes: validate::QuoteMemo,
    /// Whether entries keep their file's text (the language server's index reads them).
    keep_texts: bool,
    /// The dataset-wide findings of the last run, and what they were found from.
    dataset: Option<DatasetFindings>,
    /// Whether the last run found the cache as it left it: every entry used, none made, and
    /// the dataset-wide findings given again.
    unchanged: bool,
    /// The facts section of a cache read from disk, read when a run first needs it.
    section: Option<disk::FactsSection>,
}

/// A file's facts in a cache: decoded, or still as the cache on disk holds them, to be decoded
/// only when the dataset rules must run.
#[derive(Debug)]
enum CachedFacts {
    Decoded(Box<FileFacts>),
    Encoded {
        /// How many records the file holds.
        records: usize,
        /// Where the facts are in the cache's facts section.
        range: std::ops::Range<usize>,
    },
}

impl CachedFacts {
    fn is_encoded(&self) -> bool {
        matches!(self, CachedFacts::Encoded { .. })
    }

    fn records(&self) -> usize {
        match self {
            CachedFacts::Decoded(facts) => facts.records,
            CachedFacts::Encoded { records, .. } => *records,
        }
    }

    /// Decodes the facts from `section`, the cache's facts section, if they are still encoded.
    fn decode(&mut self, section: Option<&[u8]>) -> Result<(), CacheRejected> {
        if let CachedFacts::Encoded { range, .. } = self {
            let bytes = section
                .and_then(|section| section.get(range.clone()))
                .ok_or(CacheRejected::Truncated)?;
            let facts = postcard::from_bytes(bytes)
                .map_err(|error| CacheRejected::Undecodable(error.to_string()))?;
            *self = CachedFacts::Decoded(Box::new(facts));
        }
        Ok(())
    }

    /// The facts, decoded; facts still encoded (which a run decodes before it needs them) give
    /// an empty set for `path`.
    fn into_decoded(self, path: PathBuf) -> FileFacts {
        match self {
            CachedFacts::Decoded(facts) => *facts,
            CachedFacts::Encoded { .. } => FileFacts {
                path,
                ..FileFacts::default()
            },
        }
    }
}

#[derive(Debug)]
struct CachedFile {
    /// The hash of the text the entry was made from ([`text_hash`]).
    hash: u128,
    /// The text itself, in a cache that keeps texts.
    text: Option<Arc<str>>,
    /// The file's stamp when its text was read, if it had settled: a cache without texts takes
    /// a file whose stamp is unchanged as unchanged, without reading it.
    stamp: Option<files::Stamp>,
    facts: CachedFacts,
    /// The file's own findings as [`validate::check_file`] gave them, before any run placed or
    /// resolved anything in them.
    diagnostics: Vec<Diagnostic>,
}

/// The dataset-wide findings of a run, placed, and what they were found from besides the data
/// files, whose texts the cache's entries hold: they hold for a later run only when all of it
/// is unchanged.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct DatasetFindings {
    /// The paths the run was given: the dataset's roots, inside which source texts must lie.
    paths: Vec<PathBuf>,
    /// Every source text the rules loaded: the data file that declares it, the text's path, the
    /// hash of what loading it gave (the text, or the reason it could not be read), and the
    /// text file's stamp before it was loaded.
    source_texts: Vec<LoadedText>,
    /// The findings, placed in their files.
    diagnostics: Vec<Diagnostic>,
}

/// A source text the dataset rules loaded, as [`DatasetFindings`] keeps it.
type LoadedText = (PathBuf, crate::model::TextPath, u128, Option<files::Stamp>);

/// The hash a cache keeps of a text: XXH3 with 128 bits, which no accidental change of a file
/// collides with.
fn text_hash(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// The hash of what loading a source's text gave.
fn load_hash(loaded: &Result<String, Diagnostic>) -> u128 {
    match loaded {
        Ok(text) => text_hash(text),
        Err(refusal) => {
            xxhash_rust::xxh3::xxh3_128(
                format!("{}\0{}", refusal.code.as_str(), refusal.message).as_bytes(),
            ) ^ 1
        }
    }
}

impl FileCache {
    /// An empty cache that keeps the texts of the files it knows: what the language server
    /// needs, since its index is rebuilt from them.
    pub fn new() -> Self {
        FileCache {
            keep_texts: true,
            ..FileCache::default()
        }
    }

    /// An empty cache that keeps a hash of each file's text instead of the text: what a cache
    /// saved between runs of `accord check` holds.
    pub fn without_texts() -> Self {
        FileCache::default()
    }

    /// Whether the last run left the cache as it found it (so it need not be saved again): it
    /// used every entry, made none, and gave the dataset-wide findings again.
    pub fn unchanged_by_last_run(&self) -> bool {
        self.unchanged
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
            .filter_map(|(path, file)| Some((path.as_path(), file.text.as_ref()?)))
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
    check_in_dataset_cached(dataset, focus, options, overlay, None)
}

/// [`check_in_dataset`], reusing what `cache` knows, as [`check_paths_cached`] does.
pub fn check_in_dataset_cached(
    dataset: &[PathBuf],
    focus: &[PathBuf],
    options: &CheckOptions,
    overlay: &Overlay,
    cache: Option<&mut FileCache>,
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
    run(&paths, Some(&focus), options, overlay, cache, false).map(|(run, _)| run)
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
    // Compiling the schema and walking the directories are both fixed costs of a run: on two
    // threads, each hides the other.
    let (validator, discovered) = rayon::join(SchemaValidator::new, || {
        files::discover_with(&on_disk, options.follow_links)
    });
    let validator = validator.map_err(CheckError::Schema)?;
    let (mut data_files, mut diagnostics) = discovered?;
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
    // Whether the cache has an entry for every file of the run and for no other.
    let mut same_files = false;
    let mut previous: Vec<Option<CachedFile>> = match cache.as_deref_mut() {
        Some(cache) => {
            if cache.options != Some(*options) {
                cache.files.clear();
                cache.quotes = validate::QuoteMemo::default();
                cache.dataset = None;
                cache.section = None;
                cache.options = Some(*options);
            }
            let previous: Vec<Option<CachedFile>> =
                data_files.iter().map(|p| cache.files.remove(p)).collect();
            same_files = cache.files.is_empty() && previous.iter().all(Option::is_some);
            cache.unchanged = same_files;
            cache.files.clear();
            previous
        }
        None => Vec::new(),
    };
    previous.resize_with(data_files.len(), || None);
    let caching = cache.is_some();
    let keep_texts = cache.as_deref().is_some_and(|cache| cache.keep_texts);
    // Stamps stand in for reading only in a cache without texts, and never for an overlay's.
    let stamps = caching && !keep_texts;
    let started = std::time::SystemTime::now();
    let stamp_of = |path: &Path| {
        (stamps && !overlay.contains_key(path))
            .then(|| files::stamp(path, started))
            .flatten()
    };
    // A file checked afresh: its text read, parsed, validated and walked.
    let check_text = |path: &PathBuf, text: String, stamp: Option<files::Stamp>| -> FileRun {
        let hash = caching.then(|| text_hash(&text));
        let (outcome, value) =
            validate::check_file_keeping_value(path, &text, &validator, &options.yaml, typed);
        let records = value
            .filter(|_| {
                !outcome
                    .diagnostics
                    .iter()
                    .any(|d| d.severity == Severity::Error)
            })
            .and_then(|value| crate::model::DataFile::deserialize(value).ok());
        FileRun {
            path: path.clone(),
            cached: if caching {
                outcome.diagnostics.clone()
            } else {
                Vec::new()
            },
            shared: keep_texts.then(|| Arc::from(text.as_str())),
            hash,
            stamp,
            reused: false,
            restamped: false,
            // The text is kept for the run only where a finding needs its snippet.
            shown: (!outcome.diagnostics.is_empty()).then_some(text),
            diagnostics: outcome.diagnostics,
            facts: CachedFacts::Decoded(Box::new(outcome.facts)),
            records,
        }
    };
    // A file that could not be read: its finding, and no entry in the cache.
    let unreadable = |path: &PathBuf, diagnostic: Diagnostic| FileRun {
        path: path.clone(),
        facts: CachedFacts::Decoded(Box::new(FileFacts {
            path: path.clone(),
            ..FileFacts::default()
        })),
        diagnostics: vec![diagnostic],
        shown: None,
        shared: None,
        hash: None,
        stamp: None,
        reused: false,
        restamped: false,
        cached: Vec::new(),
        records: None,
    };
    let check_one = |path: &PathBuf, stamp: Option<files::Stamp>| -> FileRun {
        match read_text(path) {
            Ok(text) => check_text(path, text, stamp),
            Err(diagnostic) => unreadable(path, diagnostic),
        }
    };
    let reuse = |path: &PathBuf,
                 cached: CachedFile,
                 stamp: Option<files::Stamp>,
                 text: Option<String>| FileRun {
        path: path.clone(),
        reused: true,
        restamped: cached.stamp != stamp,
        diagnostics: cached.diagnostics.clone(),
        facts: cached.facts,
        shown: text.filter(|_| !cached.diagnostics.is_empty()),
        shared: cached.text,
        hash: Some(cached.hash),
        stamp,
        cached: cached.diagnostics,
        records: None,
    };
    let mut outcomes: Vec<FileRun> = data_files
        .par_iter()
        .zip(previous)
        .map(|(path, previous)| {
            let stamp = stamp_of(path);
            match previous {
                // The file is as it was when its entry was made: it is not even read. A text for
                // the snippets of its findings is read after the dataset rules, with the others.
                Some(cached) if stamp.is_some() && cached.stamp == stamp => {
                    reuse(path, cached, stamp, None)
                }
                Some(cached) => match read_text(path) {
                    Ok(text)
                        if cached.hash == text_hash(&text)
                            && cached.text.as_deref().is_none_or(|kept| *kept == *text) =>
                    {
                        reuse(path, cached, stamp, Some(text))
                    }
                    Ok(text) => check_text(path, text, stamp),
                    Err(diagnostic) => unreadable(path, diagnostic),
                },
                None => check_one(path, stamp),
            }
        })
        .collect();
    let max_size = options.max_file_size;
    let roots = files::DatasetRoots::of_paths(paths);
    let load_text = |yaml: &Path, text: &crate::model::TextPath| {
        files::load_source_text(&roots, yaml, text, max_size)
    };
    // The stamp of a source's text file, as its path names it.
    let text_stamp = |yaml: &Path, text: &crate::model::TextPath| {
        stamps
            .then(|| {
                let path = yaml.parent().unwrap_or(Path::new("")).join(text.as_str());
                files::stamp(&path, started)
            })
            .flatten()
    };
    // The cache's entries and its dataset findings are made by the same run: when every file
    // has its entry, unchanged, the data files are those the findings were found from.
    let every_file_read = outcomes.iter().all(|outcome| outcome.hash.is_some());
    let replayed = cache
        .as_deref()
        .and_then(|cache| cache.dataset.as_ref())
        .filter(|last| {
            same_files
                && outcomes.iter().all(|outcome| outcome.reused)
                && last.paths == paths
                && last
                    .source_texts
                    .par_iter()
                    .all(|(yaml, text, hash, stamp)| {
                        (stamp.is_some() && *stamp == text_stamp(yaml, text))
                            || load_hash(&load_text(yaml, text)) == *hash
                    })
        })
        .map(|last| last.diagnostics.clone());
    if let Some(cache) = cache.as_deref_mut() {
        cache.unchanged &= replayed.is_some()
            && outcomes.iter().all(|outcome| {
                outcome.reused && !outcome.restamped && (outcome.stamp.is_some() || !stamps)
            });
    }
    // The dataset rules need every file's facts: those still as the cache on disk keeps them
    // are decoded, and should that fail, their files are checked afresh.
    if replayed.is_none() && outcomes.iter().any(|o| o.facts.is_encoded()) {
        let section = cache.as_deref_mut().and_then(FileCache::facts_section);
        let undecodable: Vec<usize> = outcomes
            .par_iter_mut()
            .enumerate()
            .filter_map(|(index, outcome)| {
                outcome
                    .facts
                    .decode(section.as_deref())
                    .is_err()
                    .then_some(index)
            })
            .collect();
        for index in undecodable {
            let stamp = outcomes[index].stamp;
            outcomes[index] = check_one(&data_files[index], stamp);
        }
    }
    let mut texts = BTreeMap::new();
    let mut facts = Vec::with_capacity(outcomes.len());
    let mut kept = Vec::with_capacity(if caching { outcomes.len() } else { 0 });
    let mut typed_files: TypedFiles = Vec::with_capacity(if typed { outcomes.len() } else { 0 });
    for outcome in outcomes {
        if typed {
            typed_files.push((outcome.path.clone(), outcome.records));
        }
        if let Some(text) = outcome.shown {
            texts.insert(outcome.path.clone(), text);
        }
        diagnostics.extend(outcome.diagnostics);
        kept.push((outcome.shared, outcome.cached, outcome.hash, outcome.stamp));
        facts.push((outcome.path, outcome.facts));
    }
    let dataset = match replayed {
        Some(dataset) => dataset,
        None => {
            let all: Vec<FileFacts> = facts
                .drain(..)
                .map(|(path, facts)| facts.into_decoded(path))
                .collect();
            let loaded = std::sync::Mutex::new(Vec::new());
            let mut dataset = validate::check_dataset_with(
                &all,
                &|yaml, text| {
                    let stamp = text_stamp(yaml, text);
                    let outcome = load_text(yaml, text);
                    if caching {
                        let hash = load_hash(&outcome);
                        loaded
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .push((yaml.to_path_buf(), text.clone(), hash, stamp));
                    }
                    outcome
                },
                cache
                    .as_deref_mut()
                    .filter(|cache| cache.keep_texts)
                    .map(|cache| &mut cache.quotes),
            );
            place_by_pointer(&mut dataset, &mut texts, options, &read_text);
            if let Some(cache) = cache.as_deref_mut() {
                let mut source_texts = loaded
                    .into_inner()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                source_texts.sort();
                cache.dataset = every_file_read.then(|| DatasetFindings {
                    paths: paths.to_vec(),
                    source_texts,
                    diagnostics: dataset.clone(),
                });
            }
            facts = all
                .into_iter()
                .map(|facts| (facts.path.clone(), CachedFacts::Decoded(Box::new(facts))))
                .collect();
            dataset
        }
    };
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
    let focused: Vec<&CachedFacts> = facts
        .iter()
        .filter(|(path, _)| in_focus(path))
        .map(|(_, facts)| facts)
        .collect();
    let run = CheckRun {
        diagnostics,
        texts,
        files_checked: focused.len(),
        records: focused.iter().map(|f| f.records()).sum(),
        line_indexes: Default::default(),
        empty_paths,
        context_files: facts.len() - focused.len(),
    };
    if let Some(cache) = cache {
        for ((path, facts), (text, diagnostics, hash, stamp)) in facts.into_iter().zip(kept) {
            // A file that could not be read is read again next time.
            if let Some(hash) = hash {
                cache.files.insert(
                    path,
                    CachedFile {
                        hash,
                        stamp,
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
    path: PathBuf,
    facts: CachedFacts,
    /// Its findings, placed and resolved by the run.
    diagnostics: Vec<Diagnostic>,
    /// Its text, for the snippets of its findings; `None` without findings.
    shown: Option<String>,
    /// Its text, for a cache that keeps texts.
    shared: Option<Arc<str>>,
    /// The hash of its text, for a cache; `None` without one, or when it could not be read.
    hash: Option<u128>,
    /// Whether its cache entry was used.
    reused: bool,
    /// Whether its stamp is not the one its cache entry had.
    restamped: bool,
    /// Its stamp, for a cache without texts.
    stamp: Option<files::Stamp>,
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
