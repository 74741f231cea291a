//! `accord export`: the checked dataset as JSON or JSON Lines.

use std::io::Write;

use super::{EXIT_CLEAN, EXIT_FINDINGS, load_checked};
use crate::args::{ExportArgs, ExportFormat};
use crate::output;

const EXPORT_MARKER: &str = ".accord-export";

fn is_accord_export(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.starts_with("{\n  \"export_version\": ") && text.contains("\n  \"generator\": \"accord ")
}

pub(crate) fn export(args: &ExportArgs) -> Result<u8, String> {
    let scope = super::scope(&args.paths, &args.dataset)?;
    let options = scope.options;
    let Some(loaded) = load_checked(
        &scope.paths,
        &options,
        "export",
        args.dataset.allow_no_files,
    )?
    else {
        return Ok(EXIT_FINDINGS);
    };
    let dataset = &loaded.dataset;
    match (args.format, &args.out) {
        (ExportFormat::Json, out) => {
            let mut text = serde_json::to_string_pretty(dataset).map_err(|e| e.to_string())?;
            text.push('\n');
            match out {
                Some(path) => output::write_owned_file(
                    path,
                    text.as_bytes(),
                    args.force,
                    "an export",
                    is_accord_export,
                )?,
                None => std::io::stdout()
                    .lock()
                    .write_all(text.as_bytes())
                    .map_err(|e| format!("cannot write the export: {e}"))?,
            }
        }
        (ExportFormat::Jsonl, None) => {
            return Err(
                "`--format jsonl` writes a file per record kind: name a directory with --out"
                    .into(),
            );
        }
        (ExportFormat::Jsonl, Some(dir)) => {
            let mut out = output::claim_dir(dir, EXPORT_MARKER, "accord export", args.force)?;
            for (section, records) in dataset.sections() {
                let mut text = String::new();
                for record in records {
                    text.push_str(&record.to_string());
                    text.push('\n');
                }
                out.write(&format!("{section}.jsonl"), text.as_bytes())?;
            }
            out.finish()?;
        }
    }
    Ok(EXIT_CLEAN)
}
