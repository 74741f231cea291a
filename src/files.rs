//! Finding and reading data files and source texts. This is the only module of the library
//! that touches the file system, and it only ever reads.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::model::TextPath;

/// The default limit on the size of one data file or source text: 256 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// Why a run could not start.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// A path given on the command line does not exist or cannot be read.
    #[error("cannot read `{path}`: {source}")]
    Path {
        /// The path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The built-in schema does not compile.
    #[error("{0}")]
    Schema(String),
}

/// The data files under `paths`: files named directly (whatever their extension), and every
/// `*.yaml` and `*.yml` file below the directories, sorted, without following symbolic links
/// and skipping hidden entries. Entries that cannot be listed are returned as findings.
pub fn discover(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), CheckError> {
    discover_with(paths, false)
}

/// [`discover`], following symbolic links in directories when `follow_links` is set, but only
/// links whose targets stay inside the [`DatasetRoots`] of `paths`: a link that leaves them is
/// reported (`link-outside-dataset`) and not followed, and a link that loops is reported too.
pub fn discover_with(
    paths: &[PathBuf],
    follow_links: bool,
) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), CheckError> {
    let roots = DatasetRoots::of_paths(paths);
    let mut files = Vec::new();
    let mut findings = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|source| CheckError::Path {
            path: path.clone(),
            source,
        })?;
        if !metadata.is_dir() {
            files.push(path.clone());
            continue;
        }
        if follow_links {
            // Links are followed inside one walk, which knows every directory it went through
            // and so tells a link that loops.
            walk(path, true, &roots, None, &mut files, &mut findings);
            continue;
        }
        // The directory's own entries first, then each subdirectory walked on its own thread:
        // a dataset of thousands of directories is listed in a fraction of the time.
        let mut subdirectories = Vec::new();
        walk(
            path,
            false,
            &roots,
            Some(&mut subdirectories),
            &mut files,
            &mut findings,
        );
        let walked: Vec<(Vec<PathBuf>, Vec<Diagnostic>)> = subdirectories
            .par_iter()
            .map(|directory| {
                let (mut files, mut findings) = (Vec::new(), Vec::new());
                walk(directory, false, &roots, None, &mut files, &mut findings);
                (files, findings)
            })
            .collect();
        for (walked_files, walked_findings) in walked {
            files.extend(walked_files);
            findings.extend(walked_findings);
        }
    }
    files.sort();
    files.dedup();
    Ok((files, findings))
}

/// Walks the directory `path`, adding the data files found to `files` and what could not be
/// listed, or a followed link that leaves `roots`, to `findings`. Given `subdirectories`, it
/// lists `path` alone and adds the subdirectories it would have walked into there, in order.
fn walk(
    path: &Path,
    follow_links: bool,
    roots: &DatasetRoots,
    mut subdirectories: Option<&mut Vec<PathBuf>>,
    files: &mut Vec<PathBuf>,
    findings: &mut Vec<Diagnostic>,
) {
    let max_depth = if subdirectories.is_some() {
        1
    } else {
        usize::MAX
    };
    let mut walk = walkdir::WalkDir::new(path)
        .follow_links(follow_links)
        .max_depth(max_depth)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    while let Some(entry) = walk.next() {
        match entry {
            // A followed link has the type of its target; only one that would be walked
            // into or checked needs to stay inside.
            Ok(entry)
                if follow_links
                    && entry.depth() > 0
                    && entry.path_is_symlink()
                    && (entry.file_type().is_dir() || is_yaml(entry.path())) =>
            {
                if let Err(refusal) = roots.resolve(entry.path()) {
                    let finding = match refusal {
                        Refusal::Unresolved(error) => Diagnostic::new(
                            Code::Io,
                            format!("cannot read this directory entry: {error}"),
                        ),
                        Refusal::Outside(_) => Diagnostic::new(
                            Code::LinkOutsideDataset,
                            format!("this symbolic link is not followed: {refusal}"),
                        )
                        .with_help(
                            "move the files into the dataset, or name the directory the link \
                             points to on the command line as well",
                        ),
                    };
                    findings.push(finding.in_file(entry.path().to_path_buf()));
                    if entry.file_type().is_dir() {
                        walk.skip_current_dir();
                    }
                } else if entry.file_type().is_file() && is_yaml(entry.path()) {
                    files.push(entry.into_path());
                }
            }
            Ok(entry) if entry.file_type().is_file() && is_yaml(entry.path()) => {
                files.push(entry.into_path())
            }
            Ok(entry) if entry.depth() == max_depth && entry.file_type().is_dir() => {
                if let Some(subdirectories) = subdirectories.as_deref_mut() {
                    subdirectories.push(entry.into_path());
                }
            }
            Ok(_) => {}
            Err(error) => {
                let at = error
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| path.to_path_buf());
                findings.push(
                    Diagnostic::new(
                        Code::Io,
                        format!("cannot read this directory entry: {error}"),
                    )
                    .in_file(at),
                );
            }
        }
    }
}

/// Whether `path` is a regular file (following links), for finding marker files such as
/// `accord.toml`.
pub fn is_regular_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Whether anything is at `path` (a link counts, wherever it leads).
pub fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Whether `path` is a directory (following links).
pub fn is_dir(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_dir())
}

/// The directories whose files a dataset may name: every directory given to a run, and the
/// directory of every file given, each canonicalised. Source texts, and the targets of followed
/// links, must resolve inside one of them, so that data from an untrusted pull request cannot
/// make accord read, and publish, a file elsewhere on the machine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DatasetRoots {
    /// Each root, canonical, with the path it was given as (for messages).
    roots: Vec<(PathBuf, PathBuf)>,
    /// The working directory, canonical, so that messages name places relative to it.
    working_dir: Option<PathBuf>,
}

/// Why a path was refused by [`DatasetRoots::resolve`].
#[derive(Debug)]
pub enum Refusal {
    /// The path does not resolve: it, or a link on the way, leads to nothing.
    Unresolved(std::io::Error),
    /// The path resolves to a place accord does not read; why, in words that complete "is not
    /// read: ...".
    Outside(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Unresolved(error) => write!(f, "it does not resolve: {error}"),
            Refusal::Outside(reason) => f.write_str(reason),
        }
    }
}

/// File systems that are views of the machine, not files: never read, wherever a root is.
const SPECIAL_FILE_SYSTEMS: &[&str] = &["/proc", "/sys", "/dev"];

impl DatasetRoots {
    /// The roots of a run over `paths`. A path that cannot be resolved adds no root.
    pub fn of_paths(paths: &[PathBuf]) -> DatasetRoots {
        DatasetRoots::new(paths.iter().map(|path| {
            if path.is_dir() {
                path.clone()
            } else {
                match path.parent() {
                    Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                    _ => PathBuf::from("."),
                }
            }
        }))
    }

    /// Roots named explicitly, each canonicalised (a root that cannot be is left out).
    pub fn new(roots: impl IntoIterator<Item = PathBuf>) -> DatasetRoots {
        let mut roots: Vec<(PathBuf, PathBuf)> = roots
            .into_iter()
            .filter_map(|root| Some((root.canonicalize().ok()?, root)))
            .collect();
        roots.sort();
        roots.dedup_by(|a, b| a.0 == b.0);
        DatasetRoots {
            roots,
            working_dir: std::env::current_dir()
                .ok()
                .and_then(|dir| dir.canonicalize().ok()),
        }
    }

    /// The canonical roots.
    pub fn roots(&self) -> impl Iterator<Item = &Path> {
        self.roots.iter().map(|(canonical, _)| canonical.as_path())
    }

    /// Whether a canonical path lies in one of the roots.
    pub fn contains(&self, canonical: &Path) -> bool {
        self.roots().any(|root| canonical.starts_with(root))
    }

    /// A canonical path as a message shows it: relative to the working directory when below it.
    fn shown(&self, canonical: &Path) -> String {
        self.working_dir
            .as_deref()
            .and_then(|dir| canonical.strip_prefix(dir).ok())
            .filter(|relative| !relative.as_os_str().is_empty())
            .unwrap_or(canonical)
            .display()
            .to_string()
    }

    /// Resolves `path`, through every symbolic link on the way, and returns where it leads when
    /// that is inside a root and not on a special file system.
    pub fn resolve(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let canonical = match path.canonicalize() {
            Ok(canonical) => canonical,
            Err(error) => return Err(self.unresolved(path, error)),
        };
        self.check_place(&canonical)?;
        Ok(canonical)
    }

    /// Why a path that does not resolve is refused. Whether something exists outside the
    /// dataset is not told: a path that leads out of it, or through a link that leads nowhere,
    /// is refused as outside; only a path that stays inside is missing.
    fn unresolved(&self, path: &Path, error: std::io::Error) -> Refusal {
        let mut dangling = None;
        for ancestor in path.ancestors().filter(|a| !a.as_os_str().is_empty()) {
            if let Ok(canonical) = ancestor.canonicalize() {
                if let Err(outside) = self.check_place(&canonical) {
                    return outside;
                }
                break;
            }
            if std::fs::symlink_metadata(ancestor).is_ok_and(|m| m.is_symlink()) {
                dangling = Some(ancestor);
            }
        }
        match dangling {
            Some(link) => Refusal::Outside(format!(
                "it goes through the symbolic link `{}`, which leads to nothing that can be read \
                 in the dataset",
                link.display()
            )),
            None => Refusal::Unresolved(error),
        }
    }

    /// Refuses a canonical path on a special file system or outside every root.
    fn check_place(&self, canonical: &Path) -> Result<(), Refusal> {
        if let Some(special) = SPECIAL_FILE_SYSTEMS
            .iter()
            .find(|special| canonical.starts_with(special))
        {
            return Err(Refusal::Outside(format!(
                "it resolves to `{}`, on the special file system `{special}`",
                self.shown(canonical)
            )));
        }
        if !self.contains(canonical) {
            return Err(Refusal::Outside(format!(
                "it resolves to `{}`, outside the dataset ({})",
                self.shown(canonical),
                self.describe()
            )));
        }
        Ok(())
    }

    fn describe(&self) -> String {
        let names: Vec<String> = self
            .roots
            .iter()
            .map(|(_, given)| format!("`{}`", given.display()))
            .collect();
        match names.as_slice() {
            [] => "no directory was given".to_owned(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    }
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// Reads a file as UTF-8 text of at most `max_size` bytes.
pub fn read_text(path: &Path, max_size: u64) -> Result<String, Diagnostic> {
    let file = open_regular(path).map_err(|error| {
        Diagnostic::new(Code::Io, format!("cannot read this file: {error}"))
            .in_file(path.to_path_buf())
    })?;
    read_opened(file, path, max_size)
}

/// The finding for a file larger than `max_size` bytes.
pub(crate) fn too_large(path: &Path, max_size: u64) -> Diagnostic {
    Diagnostic::new(
        Code::FileTooLarge,
        format!("this file is larger than the limit of {max_size} bytes"),
    )
    .with_help("split the file, or raise the limit with --max-file-size")
    .in_file(path.to_path_buf())
}

/// Reads an open file as UTF-8 text of at most `max_size` bytes; `path` names it in findings.
fn read_opened(file: File, path: &Path, max_size: u64) -> Result<String, Diagnostic> {
    let fail = |error: std::io::Error| {
        Diagnostic::new(Code::Io, format!("cannot read this file: {error}"))
            .in_file(path.to_path_buf())
    };
    // Sized from the metadata, so a large file is read without growing the buffer step by step.
    let expected = file
        .metadata()
        .map_or(0, |m| m.len())
        .min(max_size.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0).saturating_add(1));
    // Read one byte past the limit, so a file that grows while being read is still caught.
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    if bytes.len() as u64 > max_size {
        return Err(too_large(path, max_size));
    }
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let encoding = match error.as_bytes() {
            [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => "it starts with a UTF-16 byte order mark",
            _ => "it has bytes that are not UTF-8",
        };
        Diagnostic::new(
            Code::NotUtf8,
            format!("this file is not UTF-8 text: {encoding} (at byte {at})"),
        )
        .with_span(Span::new(at, at))
        .with_help("save the file as UTF-8")
        .in_file(path.to_path_buf())
    })
}

/// Reads a file for showing where a finding is: invalid UTF-8 is replaced, which keeps the
/// offsets of everything before the first invalid byte.
pub fn read_text_for_display(path: &Path, max_size: u64) -> Option<String> {
    let mut bytes = Vec::new();
    open_regular(path)
        .ok()?
        .take(max_size)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Opens a regular file for reading. Anything else is refused before it is opened: opening a
/// named pipe waits for a writer, and a device can be read without end.
fn open_regular(path: &Path) -> std::io::Result<File> {
    if std::fs::metadata(path)?.is_file() {
        File::open(path)
    } else {
        Err(std::io::Error::other(
            "not a regular file (a directory, pipe, socket or device)",
        ))
    }
}

/// Loads a source's stored text, relative to the YAML file that declares the source, when it
/// is a regular file inside `roots`: the path is resolved through its symbolic links first, and
/// a target outside the dataset, on a special file system, or not a regular file is refused
/// before it is opened (`source-text-outside-dataset`). A text that is missing, too large or
/// not UTF-8 is `source-text-unreadable`. The returned finding has the code and the reason; the
/// caller places it.
pub fn load_source_text(
    roots: &DatasetRoots,
    yaml_file: &Path,
    text: &TextPath,
    max_size: u64,
) -> Result<String, Diagnostic> {
    let path = yaml_file
        .parent()
        .unwrap_or(Path::new(""))
        .join(text.as_str());
    let unreadable = |reason: String| {
        Diagnostic::new(
            Code::SourceTextUnreadable,
            format!("{}: {reason}", path.display()),
        )
    };
    let canonical = match roots.resolve(&path) {
        Ok(canonical) => canonical,
        Err(Refusal::Unresolved(error)) => {
            return Err(unreadable(format!("cannot read this file: {error}")));
        }
        Err(refusal @ Refusal::Outside(_)) => {
            return Err(Diagnostic::new(
                Code::SourceTextOutsideDataset,
                format!("{}: {refusal}", path.display()),
            ));
        }
    };
    let file = open_confined(&canonical).map_err(|error| match error {
        Confined::NotRegular => Diagnostic::new(
            Code::SourceTextOutsideDataset,
            format!(
                "{}: it is not a regular file (a directory, pipe, socket or device)",
                path.display()
            ),
        ),
        Confined::Io(error) => unreadable(format!("cannot read this file: {error}")),
    })?;
    read_opened(file, &path, max_size).map_err(|d| unreadable(d.message))
}

enum Confined {
    NotRegular,
    Io(std::io::Error),
}

/// Opens a resolved path without following a link at its end (one put there since it was
/// resolved) and without waiting on a pipe, then checks that what was opened is a regular file.
fn open_confined(canonical: &Path) -> Result<File, Confined> {
    if !std::fs::symlink_metadata(canonical)
        .map_err(Confined::Io)?
        .is_file()
    {
        return Err(Confined::NotRegular);
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(canonical).map_err(Confined::Io)?;
    if !file.metadata().map_err(Confined::Io)?.is_file() {
        return Err(Confined::NotRegular);
    }
    Ok(file)
}

/// What the file system says of a file that changes whenever its contents may have changed: its
/// size, modification and status-change times, and inode (on Unix; elsewhere size and
/// modification time). A cache that finds a file's stamp unchanged takes its text as unchanged
/// without reading it, as git's index does. The status-change time cannot be set back by hand
/// (`touch` sets only the others), so a file rewritten to the same size and modification time
/// still shows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Stamp(u128);

/// How long a file must have been left alone before its stamp is trusted: a change within the
/// same tick of the file system's clock as the one before would leave the stamp as it was. Two
/// seconds covers the coarsest clocks (FAT's).
const SETTLE: std::time::Duration = std::time::Duration::from_secs(2);

/// The stamp of `path` (through links, and of the link itself), or `None` when it cannot be
/// read or the file changed less than two seconds before `now`, too recently to be trusted.
pub fn stamp(path: &Path, now: std::time::SystemTime) -> Option<Stamp> {
    let link = std::fs::symlink_metadata(path).ok()?;
    // A regular file is its own target: one system call instead of two.
    let target = if link.file_type().is_symlink() {
        Some(std::fs::metadata(path).ok()?)
    } else {
        None
    };
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    for metadata in std::iter::once(&link).chain(target.as_ref()) {
        let modified = metadata.modified().ok()?;
        if modified + SETTLE > now {
            return None;
        }
        let since = |time: std::time::SystemTime| {
            time.duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        };
        hasher.update(&metadata.len().to_le_bytes());
        hasher.update(&since(modified).to_le_bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let changed =
                i128::from(metadata.ctime()) * 1_000_000_000 + i128::from(metadata.ctime_nsec());
            let now = since(now) as i128;
            if changed + SETTLE.as_nanos() as i128 > now {
                return None;
            }
            hasher.update(&changed.to_le_bytes());
            hasher.update(&metadata.ino().to_le_bytes());
            hasher.update(&metadata.dev().to_le_bytes());
        }
    }
    Some(Stamp(hasher.digest128()))
}
