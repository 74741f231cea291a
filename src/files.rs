//! Finding and reading data files and source texts. This is the only module of the library
//! that touches the file system, and it only ever reads.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

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

/// [`discover`], following symbolic links in directories when `follow_links` is set; a link
/// that loops is then reported as a finding.
pub fn discover_with(
    paths: &[PathBuf],
    follow_links: bool,
) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), CheckError> {
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
        let walk = walkdir::WalkDir::new(path)
            .follow_links(follow_links)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
            });
        for entry in walk {
            match entry {
                Ok(entry) if entry.file_type().is_file() && is_yaml(entry.path()) => {
                    files.push(entry.into_path())
                }
                Ok(_) => {}
                Err(error) => {
                    let at = error
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| path.clone());
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
    files.sort();
    files.dedup();
    Ok((files, findings))
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// Reads a file as UTF-8 text of at most `max_size` bytes.
pub fn read_text(path: &Path, max_size: u64) -> Result<String, Diagnostic> {
    let fail = |error: std::io::Error| {
        Diagnostic::new(Code::Io, format!("cannot read this file: {error}"))
            .in_file(path.to_path_buf())
    };
    let file = open_regular(path).map_err(fail)?;
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
        return Err(Diagnostic::new(
            Code::FileTooLarge,
            format!("this file is larger than the limit of {max_size} bytes"),
        )
        .with_help("split the file, or raise the limit with --max-file-size")
        .in_file(path.to_path_buf()));
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

/// Loads a source's stored text, relative to the YAML file that declares the source.
pub fn load_source_text(
    yaml_file: &Path,
    text: &TextPath,
    max_size: u64,
) -> Result<String, String> {
    let path = yaml_file
        .parent()
        .unwrap_or(Path::new(""))
        .join(text.as_str());
    read_text(&path, max_size).map_err(|d| format!("{}: {}", path.display(), d.message))
}
