//! `accord new`: article files and records scaffolded from the schema.

use std::io::Write;
use std::path::Path;

use super::EXIT_CLEAN;
use crate::args::NewArgs;
use crate::output;

pub(crate) fn new(args: &NewArgs) -> Result<u8, String> {
    if args.what != "article" {
        if args.id.is_some() {
            return Err(format!(
                "`accord new {}` prints a record and takes no id: fill in `id` in the output",
                args.what
            ));
        }
        let Some(record) = accord::scaffold::record(&args.what) else {
            let kinds: Vec<&str> = accord::scaffold::kinds().map(|(name, _)| name).collect();
            return Err(format!(
                "cannot scaffold `{}`: name `article` or one of {}",
                args.what,
                kinds.join(", ")
            ));
        };
        std::io::stdout()
            .write_all(record.as_bytes())
            .map_err(|e| e.to_string())?;
        return Ok(EXIT_CLEAN);
    }
    let Some(id) = &args.id else {
        return Err("name the article: `accord new article ID`, for example `accord new article hankyung-2025-03-01-minerals-deal`".into());
    };
    let id = accord::model::SourceId::try_from(id.clone()).map_err(|e| e.to_string())?;
    let yaml_path = args.dir.join(format!("{id}.yaml"));
    let text_path = args.dir.join(format!("{id}.txt"));
    for path in [&yaml_path, &text_path] {
        // A dangling link counts: writing would create its target, wherever that is.
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(format!(
                "{} exists already; nothing was written",
                path.display()
            ));
        }
    }
    std::fs::create_dir_all(&args.dir)
        .map_err(|e| format!("cannot create {}: {e}", args.dir.display()))?;
    let schema = schema_location(&args.dir);
    let scaffold = accord::scaffold::article(id.as_str(), &schema);
    // Created, never replaced: a file that appeared since the test above is left alone.
    output::create_new(&yaml_path, scaffold.as_bytes())?;
    if let Err(error) = output::create_new(&text_path, b"") {
        let _ = std::fs::remove_file(&yaml_path);
        return Err(error);
    }
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} and {}: paste the article's text into the second, fill in the first, then run `accord check`",
        yaml_path.display(),
        text_path.display()
    );
    Ok(EXIT_CLEAN)
}

fn schema_location(dir: &Path) -> String {
    let Ok(dir) = dir.canonicalize() else {
        return accord::schema::DATA_FILE_SCHEMA_ID.to_owned();
    };
    let relative = dir.ancestors().enumerate().find_map(|(up, ancestor)| {
        ancestor
            .join("schemas")
            .join(accord::schema::DATA_FILE_SCHEMA_NAME)
            .is_file()
            .then(|| {
                format!(
                    "{}schemas/{}",
                    "../".repeat(up),
                    accord::schema::DATA_FILE_SCHEMA_NAME
                )
            })
    });
    relative.unwrap_or_else(|| accord::schema::DATA_FILE_SCHEMA_ID.to_owned())
}
