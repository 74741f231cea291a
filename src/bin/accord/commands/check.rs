//! `accord check`: findings in any output format, and the exit code; with `--fix`, the safe
//! fixes written first, and with `--diff`, shown instead.

use std::io::Write;

use accord::CheckRun;
use accord::fix::FixOutcome;
use accord::render::Format;

use super::{EXIT_CLEAN, EXIT_FINDINGS, Scope, no_files, rendered, scope};
use crate::args::CheckArgs;

pub(crate) fn check(args: &CheckArgs) -> Result<u8, String> {
    let scope = scope(&args.paths, &args.dataset)?;
    let options = scope.options;
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.get())
            .build_global()
            .map_err(|e| format!("cannot start {threads} threads: {e}"))?;
    }
    let started = std::time::Instant::now();
    let format = Format::from(args.format);
    let disk = crate::cache::DiskCache::locate(&args.cache, scope.root.as_ref(), &options);
    let cache = std::cell::RefCell::new(disk.as_ref().map(crate::cache::DiskCache::load));
    let run_with = |overlay: &accord::Overlay| {
        let mut cache = cache.borrow_mut();
        match &scope.focus {
            Some(focus) => accord::check::check_in_dataset_cached(
                &scope.paths,
                focus,
                &options,
                overlay,
                cache.as_mut(),
            ),
            None => match cache.as_mut() {
                Some(cache) => {
                    accord::check::check_paths_cached(&scope.paths, &options, overlay, cache)
                }
                None => accord::check_paths_with(&scope.paths, &options, overlay),
            },
        }
    };
    let result = if args.fix || args.diff {
        accord::fix::fix_with(&options, run_with)
            .map(|FixOutcome { files, remaining }| (remaining, Some(files)))
    } else {
        run_with(&accord::Overlay::new()).map(|run| (run, None))
    };
    // With --diff the fixed texts are not written: the cache keeps what is on disk.
    if let (Some(disk), Some(mut cache)) = (&disk, cache.into_inner())
        && !args.diff
        && result.is_ok()
    {
        disk.save(&mut cache);
    }
    let (run, fixed) = match result {
        Ok(outcome) => outcome,
        Err(error) => {
            // In a workflow, say so where the annotations go too, not only in the log.
            if format == Format::Github {
                let _ = writeln!(
                    std::io::stdout(),
                    "{}",
                    accord::render::github::run_failed(&error.to_string())
                );
            }
            return Err(error.to_string());
        }
    };
    if let Some(message) = no_files(&run, args.dataset.allow_no_files) {
        if format == Format::Github {
            let _ = writeln!(
                std::io::stdout(),
                "{}",
                accord::render::github::run_failed(&message)
            );
        }
        return Err(message);
    }
    let elapsed = started.elapsed();
    if args.diff {
        return show_diff(&run, &fixed.unwrap_or_default());
    }
    let fix_summary = match &fixed {
        Some(files) => write_fixes(files)?,
        None => None,
    };
    // The whole report is rendered into memory, then written at once.
    let buffer = rendered(&run, format, args.color.enabled())?;
    std::io::stdout()
        .lock()
        .write_all(&buffer)
        .map_err(|e| format!("cannot write the report: {e}"))?;
    if matches!(format, Format::Human | Format::Concise) {
        let mut stderr = std::io::stderr().lock();
        if let Some(line) = fix_summary {
            let _ = writeln!(stderr, "{line}");
        }
        let _ = writeln!(stderr, "{}", accord::render::summary(&run, elapsed));
        if let Some(hint) = accord::render::fix_hint(&run) {
            let _ = writeln!(stderr, "{hint}");
        }
        if let Some(note) = lookup_note(&scope, !args.paths.is_empty(), &run) {
            let _ = writeln!(stderr, "{note}");
        }
        if let Some(note) = skipped_note(&scope) {
            let _ = writeln!(stderr, "{note}");
        }
    }
    Ok(if run.diagnostics.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

/// What to say when ids that no given file defines may be defined in files that were not
/// given: without an `accord.toml`, accord cannot know the rest of the dataset.
fn lookup_note(scope: &Scope, given: bool, run: &CheckRun) -> Option<String> {
    let dangling = run
        .diagnostics
        .iter()
        .any(|d| d.code == accord::Code::DanglingReference);
    (scope.root.is_none() && given && dangling).then(|| {
        format!(
            "note: no `{}` was found above the files given, so ids were looked up only in \
             them; put one at the dataset's root to check a file in the context of its dataset",
            accord::config::CONFIG_FILE_NAME
        )
    })
}

/// The note that names the paths given outside the dataset's data, which were not checked.
fn skipped_note(scope: &Scope) -> Option<String> {
    let root = scope.root.as_ref()?;
    if scope.skipped.is_empty() {
        return None;
    }
    let names: Vec<String> = scope
        .skipped
        .iter()
        .map(|p| format!("`{}`", p.display()))
        .collect();
    Some(format!(
        "note: not checked, outside the data that `{}` names: {}",
        root.file.display(),
        names.join(", ")
    ))
}

/// Writes each fixed file over its original, provided the file still holds the text the fixes
/// were made on; returns the line that says what was fixed, if anything was.
fn write_fixes(files: &[accord::fix::FixedFile]) -> Result<Option<String>, String> {
    for file in files {
        let now = std::fs::read_to_string(&file.path)
            .map_err(|e| format!("cannot read {} again: {e}", file.path.display()))?;
        if now != file.original {
            return Err(format!(
                "{} changed while it was being checked; nothing was written to it",
                file.path.display()
            ));
        }
        std::fs::write(&file.path, &file.fixed)
            .map_err(|e| format!("cannot write {}: {e}", file.path.display()))?;
    }
    let fixes: usize = files.iter().map(|f| f.fixes).sum();
    Ok((!files.is_empty()).then(|| {
        format!(
            "fixed {} in {}",
            plural(fixes, "finding"),
            plural(files.len(), "file")
        )
    }))
}

/// `accord check --diff`: the diff of every file the safe fixes change on stdout, and on
/// stderr what would be fixed and what would remain.
fn show_diff(remaining: &CheckRun, files: &[accord::fix::FixedFile]) -> Result<u8, String> {
    let working_dir = std::env::current_dir().unwrap_or_default();
    let mut out = String::new();
    for file in files {
        let label = file
            .path
            .strip_prefix(&working_dir)
            .or_else(|_| file.path.strip_prefix("."))
            .unwrap_or(&file.path)
            .to_string_lossy()
            .replace('\\', "/");
        out.push_str(&accord::fix::unified_diff(
            &label,
            &file.original,
            &file.fixed,
        ));
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .map_err(|e| format!("cannot write the diff: {e}"))?;
    let fixes: usize = files.iter().map(|f| f.fixes).sum();
    let left = remaining.diagnostics.len();
    let line = if files.is_empty() {
        "nothing to fix".to_owned()
    } else {
        format!(
            "would fix {} in {}; no file was changed",
            plural(fixes, "finding"),
            plural(files.len(), "file")
        )
    };
    let line = match left {
        0 => line,
        n => format!(
            "{line}; {} would remain (run `accord check` to see them)",
            plural(n, "finding")
        ),
    };
    let _ = writeln!(std::io::stderr(), "{line}");
    Ok(if files.is_empty() && left == 0 {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
