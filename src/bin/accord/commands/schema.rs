//! `accord schema`: print, write or check the JSON Schema files.

use std::io::Write;
use std::path::Path;

use super::{EXIT_CLEAN, EXIT_FINDINGS};
use crate::args::SchemaArgs;
use crate::output;

pub(crate) fn schema(args: &SchemaArgs) -> Result<u8, String> {
    let files = accord::schema_files();
    if let Some(dir) = &args.check {
        let stale: Vec<String> = files
            .iter()
            .filter(|(name, text)| {
                std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str())
            })
            .map(|(name, _)| dir.join(name).display().to_string())
            .collect();
        if stale.is_empty() {
            return Ok(EXIT_CLEAN);
        }
        let _ = writeln!(
            std::io::stderr(),
            "stale schema files: {}\nregenerate them with `cargo run -- schema --out {}`",
            stale.join(", "),
            dir.display()
        );
        return Ok(EXIT_FINDINGS);
    }
    if let Some(dir) = &args.out {
        write_schemas(dir, &files, args.force)?;
        return Ok(EXIT_CLEAN);
    }
    let data_file = files
        .first()
        .map(|(_, text)| text.as_str())
        .unwrap_or_default();
    std::io::stdout()
        .write_all(data_file.as_bytes())
        .map_err(|e| e.to_string())?;
    Ok(EXIT_CLEAN)
}

fn write_schemas(dir: &Path, files: &[(&str, String)], force: bool) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, _) in files {
        let path = dir.join(name);
        if !force
            && std::fs::symlink_metadata(&path).is_ok()
            && !std::fs::read(&path).is_ok_and(|bytes| is_accord_schema(&bytes))
        {
            return Err(format!(
                "nothing written: {} exists and is not a schema accord generated; \
                 name another directory, or pass --force to replace it",
                path.display()
            ));
        }
    }
    for (name, text) in files {
        output::write_owned_file(&dir.join(name), text.as_bytes(), true, "a schema", |_| true)?;
    }
    Ok(())
}

fn is_accord_schema(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).contains("\"$id\": \"https://accord.invalid/schemas/")
}
