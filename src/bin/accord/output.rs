//! Writing what accord produces, only where accord owns the place: a directory that is new,
//! empty, or marked as written by accord before; a file that does not exist or that accord
//! wrote. Anything else is refused, unless the user passes `--force`, so that `--out .` in a
//! repository cannot replace a hand-written file.
//!
//! Every file is written to a temporary name beside it and renamed over the old one, so a link
//! planted at an output path is replaced, never written through, and a reader never sees half a
//! file.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// A directory accord writes into: the files written this time, and those the marker of the
/// last run listed (removed at the end when not written again).
pub(crate) struct OwnedDir {
    dir: PathBuf,
    marker: &'static str,
    command: &'static str,
    before: BTreeSet<PathBuf>,
    written: BTreeSet<PathBuf>,
}

/// Claims `dir` for `command` (`accord report`): it must not exist, be empty, or hold the
/// marker file `marker` that an earlier run wrote; with `force`, any directory will do.
pub(crate) fn claim_dir(
    dir: &Path,
    marker: &'static str,
    command: &'static str,
    force: bool,
) -> Result<OwnedDir, String> {
    let mut before = BTreeSet::new();
    match std::fs::symlink_metadata(dir) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(format!("cannot read {}: {error}", dir.display())),
        Ok(metadata) => {
            if !std::fs::metadata(dir).is_ok_and(|m| m.is_dir()) {
                let kind = if metadata.is_file() {
                    "a file"
                } else {
                    "not a directory"
                };
                return Err(format!(
                    "{} is {kind}: name a directory to write into",
                    dir.display()
                ));
            }
            let marker_path = dir.join(marker);
            if let Ok(listed) = std::fs::read_to_string(&marker_path) {
                before = listed_files(&listed);
            } else if !force {
                let mut entries: Vec<String> = std::fs::read_dir(dir)
                    .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
                    .filter_map(Result::ok)
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .collect();
                if !entries.is_empty() {
                    entries.sort();
                    let shown = entries.len().min(3);
                    let more = if entries.len() > shown { ", ..." } else { "" };
                    return Err(format!(
                        "nothing written: {} holds files that `{command}` did not write ({}{more}); \
                         name a new or empty directory, or pass --force to write into it anyway",
                        dir.display(),
                        entries[..shown].join(", ")
                    ));
                }
            }
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(OwnedDir {
        dir: dir.to_path_buf(),
        marker,
        command,
        before,
        written: BTreeSet::new(),
    })
}

/// The relative paths a marker lists; anything that could leave the directory is ignored.
fn listed_files(marker: &str) -> BTreeSet<PathBuf> {
    marker
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(PathBuf::from)
        .filter(|path| is_plain_relative(path))
        .collect()
}

/// Whether a path names something below a directory: relative, with no `..`.
fn is_plain_relative(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
}

impl OwnedDir {
    /// Writes one file, `relative` to the directory.
    pub(crate) fn write(&mut self, relative: &str, content: &[u8]) -> Result<(), String> {
        let relative = PathBuf::from(relative);
        if !is_plain_relative(&relative) {
            return Err(format!(
                "refusing to write {}: not a path inside {}",
                relative.display(),
                self.dir.display()
            ));
        }
        let path = self.dir.join(&relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        replace_file(&path, content)?;
        self.written.insert(relative);
        Ok(())
    }

    /// Removes the files the last run wrote and this one did not, then writes the marker.
    pub(crate) fn finish(self) -> Result<usize, String> {
        for stale in self.before.difference(&self.written) {
            let path = self.dir.join(stale);
            // Only a regular file of ours: never a directory, never through a link.
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                std::fs::remove_file(&path)
                    .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            }
        }
        let mut marker = format!(
            "# Written by `{}`, which may replace or remove the files listed here.\n",
            self.command
        );
        for path in &self.written {
            marker.push_str(&path.to_string_lossy());
            marker.push('\n');
        }
        replace_file(&self.dir.join(self.marker), marker.as_bytes())?;
        Ok(self.written.len())
    }
}

/// Writes `content` to the file `path` when it does not exist, when `is_ours` recognises its
/// first bytes as accord's own output, or with `force`; refuses otherwise.
pub(crate) fn write_owned_file(
    path: &Path,
    content: &[u8],
    force: bool,
    what: &str,
    is_ours: impl Fn(&[u8]) -> bool,
) -> Result<(), String> {
    write_owned_file_with(path, force, what, is_ours, |file| file.write_all(content))
}

/// [`write_owned_file`], the content written by `write` as it is made.
pub(crate) fn write_owned_file_with(
    path: &Path,
    force: bool,
    what: &str,
    is_ours: impl Fn(&[u8]) -> bool,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    match std::fs::symlink_metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(format!("cannot read {}: {error}", path.display())),
        Ok(metadata) if metadata.is_dir() => {
            return Err(format!(
                "{} is a directory: name a file to write {what} into",
                path.display()
            ));
        }
        Ok(metadata) => {
            let ours = metadata.is_file() && first_bytes(path).is_some_and(|bytes| is_ours(&bytes));
            if !ours && !force {
                return Err(format!(
                    "nothing written: {} exists and is not {what} accord wrote; \
                     name another file, or pass --force to replace it",
                    path.display()
                ));
            }
        }
    }
    replace_file_with(path, write)
}

/// The first kilobyte of a file, enough to recognise what wrote it.
fn first_bytes(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(1024)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// Creates a file that must not exist yet; a file or link already there is left alone.
pub(crate) fn create_new(path: &Path, content: &[u8]) -> Result<(), String> {
    create_new_with(path, |file| file.write_all(content))
}

/// [`create_new`], the content written by `write` as it is made; a file cut short by an error
/// is removed.
fn create_new_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                format!("{} exists already; nothing was written", path.display())
            }
            _ => format!("cannot create {}: {e}", path.display()),
        })?;
    write(&mut file).map_err(|e| {
        let _ = std::fs::remove_file(path);
        format!("cannot write {}: {e}", path.display())
    })
}

/// Writes `content` beside `path` under a temporary name, then renames it over `path`.
fn replace_file(path: &Path, content: &[u8]) -> Result<(), String> {
    replace_file_with(path, |file| file.write_all(content))
}

/// [`replace_file`], the content written by `write` as it is made.
fn replace_file_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.accord-tmp"));
    // A leftover of an interrupted run (or a link put in its place) goes first.
    if std::fs::symlink_metadata(&temporary).is_ok() {
        std::fs::remove_file(&temporary)
            .map_err(|e| format!("cannot remove {}: {e}", temporary.display()))?;
    }
    create_new_with(&temporary, write)?;
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        format!("cannot write {}: {e}", path.display())
    })
}

/// Writes a file of accord's cache, its `parts` one after the other, into the cache directory
/// `dir` (made if missing, with a `.gitignore` that keeps it out of git and a `CACHEDIR.TAG` that
/// keeps it out of backups). The file is written under a name of this process's own and renamed over the old
/// one, so runs at the same time never read half a cache.
pub(crate) fn write_cache_file(dir: &Path, name: &str, parts: &[Vec<u8>]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let ignore = dir.join(".gitignore");
    if std::fs::symlink_metadata(&ignore).is_err() {
        let _ = create_new(
            &ignore,
            b"# Made by accord: its cache, rebuilt when missing.\n*\n",
        );
        let _ = create_new(
            &dir.join("CACHEDIR.TAG"),
            b"Signature: 8a477f597d28d172789f06886806bc55\n\
              # This file is a cache directory tag created by accord.\n\
              # For information about cache directory tags see https://bford.info/cachedir/\n",
        );
    }
    let path = dir.join(name);
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| parts.iter().try_for_each(|part| file.write_all(part)))
        .and_then(|()| std::fs::rename(&temporary, &path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}
