//! `accord check --fix`: the safe fixes of a run applied as text edits. Each edit replaces the
//! text its finding underlines and nothing else, so comments, order, quoting and blank lines stay
//! as they were. Fixes are applied in memory and the data checked again, up to
//! [`MAX_PASSES`] times, because one fix can reveal another (a field's name fixed, its value is
//! checked); the caller writes the files, or shows their diff.
//!
//! This module does no I/O of its own: it reads the data through [`crate::check`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::check::{CheckOptions, CheckRun, Overlay, check_paths_with};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::files::CheckError;

/// The most rounds of fixing and checking again.
pub const MAX_PASSES: usize = 8;

/// A file the fixes change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedFile {
    /// The file, as the run names it.
    pub path: PathBuf,
    /// Its text as read.
    pub original: String,
    /// Its text with the fixes applied.
    pub fixed: String,
    /// How many findings the fixes resolve.
    pub fixes: usize,
}

/// What fixing a dataset gives.
#[derive(Debug, Clone, Default)]
pub struct FixOutcome {
    /// Every file the fixes change, sorted by path.
    pub files: Vec<FixedFile>,
    /// The check of the data with the fixes applied: the findings that remain.
    pub remaining: CheckRun,
}

impl FixOutcome {
    /// How many findings the fixes resolve, in all files.
    pub fn fixes(&self) -> usize {
        self.files.iter().map(|f| f.fixes).sum()
    }
}

/// Checks the data files under `paths`, applies the safe fixes of the findings in memory, and
/// checks again until no safe fix is left (at most [`MAX_PASSES`] rounds). Nothing is written.
pub fn fix_paths(paths: &[PathBuf], options: &CheckOptions) -> Result<FixOutcome, CheckError> {
    fix_with(options, |overlay| check_paths_with(paths, options, overlay))
}

/// [`fix_paths`] with the check a closure: `check` runs over the data with the overlay's texts
/// standing in for files (for example [`crate::check::check_in_dataset`], so that only the
/// files in focus are fixed).
pub fn fix_with(
    options: &CheckOptions,
    check: impl Fn(&Overlay) -> Result<CheckRun, CheckError>,
) -> Result<FixOutcome, CheckError> {
    let mut overlay = Overlay::new();
    let mut originals: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut counts: BTreeMap<PathBuf, usize> = BTreeMap::new();
    let mut run = check(&overlay)?;
    for _ in 0..MAX_PASSES {
        let mut changed = false;
        for (path, edits) in applicable_edits(&run.diagnostics) {
            let Some(text) = overlay.get(&path).or_else(|| run.texts.get(&path)) else {
                continue;
            };
            let (fixed, applied) = apply(text, &edits);
            if applied == 0 || fixed == *text || breaks_yaml(text, &fixed, options) {
                continue;
            }
            originals
                .entry(path.clone())
                .or_insert_with(|| text.clone());
            *counts.entry(path.clone()).or_default() += applied;
            overlay.insert(path, fixed);
            changed = true;
        }
        if !changed {
            break;
        }
        run = check(&overlay)?;
    }
    let files = overlay
        .into_iter()
        .filter_map(|(path, fixed)| {
            let original = originals.remove(&path)?;
            let fixes = counts.get(&path).copied().unwrap_or_default();
            (original != fixed).then_some(FixedFile {
                path,
                original,
                fixed,
                fixes,
            })
        })
        .collect();
    Ok(FixOutcome {
        files,
        remaining: run,
    })
}

/// The safe, placed fixes of `diagnostics`, by file: `(span, replacement)` in file order.
fn applicable_edits(diagnostics: &[Diagnostic]) -> BTreeMap<PathBuf, Vec<(Span, &str)>> {
    let mut edits: BTreeMap<PathBuf, Vec<(Span, &str)>> = BTreeMap::new();
    for diagnostic in diagnostics {
        if let Some(fix) = &diagnostic.fix
            && fix.is_applicable()
            && let Some(span) = fix.span
        {
            edits
                .entry(diagnostic.path.clone())
                .or_default()
                .push((span, fix.replacement.as_str()));
        }
    }
    edits
}

/// `text` with `edits` made, and how many were made. Edits are made in file order; one that
/// overlaps an edit before it, or whose span is not in the text, is left for the next round,
/// when it is found again if it still applies.
pub fn apply(text: &str, edits: &[(Span, &str)]) -> (String, usize) {
    let mut edits: Vec<&(Span, &str)> = edits.iter().collect();
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = String::with_capacity(text.len());
    let mut copied_to = 0;
    let mut applied = 0;
    for (span, replacement) in edits {
        if span.start < copied_to || text.get(span.range()).is_none() {
            continue;
        }
        out.push_str(&text[copied_to..span.start]);
        out.push_str(replacement);
        copied_to = span.end;
        applied += 1;
    }
    out.push_str(&text[copied_to..]);
    (out, applied)
}

/// Whether `fixed` has a YAML error that `original` does not: a fix must never make a file
/// unreadable, whatever its replacement.
fn breaks_yaml(original: &str, fixed: &str, options: &CheckOptions) -> bool {
    let structural = |text: &str| -> Vec<Code> {
        let (_, mut diagnostics) = crate::yaml::parse(text, &options.yaml);
        diagnostics.retain(|d| {
            matches!(
                d.code,
                Code::YamlSyntax | Code::DuplicateKey | Code::MultipleDocuments
            )
        });
        diagnostics.iter().map(|d| d.code).collect()
    };
    let before = structural(original);
    structural(fixed).iter().any(|code| !before.contains(code))
}

/// A unified diff of a fixed file, with `label` naming it in the header: what `accord check
/// --diff` prints.
/// A relative path is prefixed `a/` and `b/`, as git writes it, so that `git apply` and
/// `patch -p1` take the diff; an absolute one is written as it is.
pub fn unified_diff(label: &str, original: &str, fixed: &str) -> String {
    let (old, new) = if label.starts_with('/') {
        (label.to_owned(), label.to_owned())
    } else {
        (format!("a/{label}"), format!("b/{label}"))
    };
    similar::TextDiff::from_lines(original, fixed)
        .unified_diff()
        .context_radius(3)
        .header(&old, &new)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::{Span, apply, unified_diff};

    #[test]
    fn edits_replace_their_spans_and_nothing_else() {
        let text = "kidn: statment # a comment\n\nsummary: 'x'\n";
        let (fixed, applied) = apply(
            text,
            &[(Span::new(6, 14), "statement"), (Span::new(0, 4), "kind")],
        );
        assert_eq!(applied, 2);
        assert_eq!(fixed, "kind: statement # a comment\n\nsummary: 'x'\n");
    }

    #[test]
    fn overlapping_and_misplaced_edits_wait() {
        let text = "abcdef";
        let (fixed, applied) = apply(
            text,
            &[
                (Span::new(0, 3), "x"),
                (Span::new(2, 4), "y"),
                (Span::new(5, 99), "z"),
            ],
        );
        assert_eq!((fixed.as_str(), applied), ("xdef", 1));
    }

    #[test]
    fn the_diff_names_the_file_and_the_changed_lines() {
        let diff = unified_diff("data/a.yaml", "a: 1\nkidn: x\n", "a: 1\nkind: x\n");
        assert_eq!(
            diff,
            "--- a/data/a.yaml\n+++ b/data/a.yaml\n@@ -1,2 +1,2 @@\n a: 1\n-kidn: x\n+kind: x\n"
        );
    }
}
