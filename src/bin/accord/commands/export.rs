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
        false,
    )?
    else {
        return Ok(EXIT_FINDINGS);
    };
    let dataset = &loaded.dataset;
    match (args.format, &args.out) {
        (ExportFormat::Json, out) => {
            // Written as it is serialized, through a buffer: the export of a large dataset is
            // never held whole in memory.
            let write = |writer: &mut dyn Write| -> std::io::Result<()> {
                let mut writer = std::io::BufWriter::with_capacity(1 << 20, writer);
                serde_json::to_writer_pretty(&mut writer, dataset)?;
                writer.write_all(b"\n")?;
                writer.flush()
            };
            match out {
                Some(path) => output::write_owned_file_with(
                    path,
                    args.force,
                    "an export",
                    is_accord_export,
                    write,
                )?,
                None => write(&mut std::io::stdout().lock())
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
