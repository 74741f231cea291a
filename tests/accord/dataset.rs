//! The bundled dataset: clean, and stable under a load -> serialize -> load round trip.

use std::path::Path;

use accord::model::DataFile;
use accord::validate::SchemaValidator;
use serde::Deserialize;

use crate::{check, rendered};

#[test]
fn the_bundled_data_is_clean() {
    let run = check(&[Path::new("data")]);
    assert_eq!(rendered(&run), "");
    assert!(run.files_checked >= 5, "{} files", run.files_checked);
    assert!(run.records >= 50, "{} records", run.records);
}

fn data_files() -> Vec<std::path::PathBuf> {
    let (files, problems) = accord::files::discover(&["data".into()]).expect("data/ exists");
    assert!(problems.is_empty());
    files
}

#[test]
fn every_data_file_round_trips() {
    let validator = SchemaValidator::new().expect("the schema compiles");
    for path in data_files() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let (document, findings) = accord::yaml::parse(&text, &Default::default());
        assert!(findings.is_empty(), "{}", path.display());
        let value = document.value.expect("a document");
        let loaded = DataFile::deserialize(&value).expect("fits the model");
        // JSON is YAML 1.2: write the records out and read them back through the same loader.
        let written = serde_json::to_string_pretty(&loaded).expect("serializes");
        let (again, findings) = accord::yaml::parse(&written, &Default::default());
        assert!(findings.is_empty(), "{}", path.display());
        let again_value = again.value.expect("a document");
        assert_eq!(
            validator.validate(&again_value, &|_| None),
            vec![],
            "{}",
            path.display()
        );
        let reloaded = DataFile::deserialize(&again_value).expect("fits the model");
        assert_eq!(loaded, reloaded, "{}", path.display());
        assert_eq!(
            value,
            again_value,
            "{} keeps every field it had",
            path.display()
        );
    }
}

#[test]
fn every_data_file_starts_with_the_schema_modeline() {
    for path in data_files() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let first = text.lines().next().unwrap_or_default();
        let target = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{}: {first}", path.display()));
        let schema = path.parent().unwrap_or(Path::new("")).join(target);
        let canonical = schema
            .canonicalize()
            .unwrap_or_else(|e| panic!("{}: {e}", schema.display()));
        assert_eq!(
            canonical,
            Path::new("schemas/accord.schema.json")
                .canonicalize()
                .expect("schema exists")
        );
    }
}

#[test]
fn the_walk_finds_every_reference_and_quote_of_the_data() {
    let validator = SchemaValidator::new().expect("the schema compiles");
    let (mut quotes, mut references, mut verbatim_lines, mut reference_items) = (0, 0, 0, 0);
    for path in data_files() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let outcome = accord::validate::check_file(&path, &text, &validator, &Default::default());
        quotes += outcome.facts.quotes().count();
        references += outcome.facts.references().count();
        // Every verbatim field is one line in these files; count them independently of the walk.
        for line in text.lines().map(str::trim_start) {
            // In agreements.yaml, only an agreement's names are list items starting with `name:`.
            let agreement_name = line.starts_with("- name:") && path.ends_with("agreements.yaml");
            let line = line.strip_prefix("- ").unwrap_or(line);
            let key = line.split(':').next().unwrap_or_default();
            if [
                "quote",
                "direct_quote",
                "wording",
                "as_written",
                "attribution",
            ]
            .contains(&key)
                || agreement_name
            {
                verbatim_lines += 1;
            }
            if [
                "source",
                "according_to",
                "holders",
                "about",
                "in_response_to",
                "made_at",
                "participants",
                "absent",
                "follows",
                "parties",
                "party",
                "event",
                "fund",
                "agreement",
                "office",
                "jurisdiction",
                "country",
                "led_by",
                "members",
                "publisher",
                "person",
                "used_by",
                "resources",
                "topics",
                "broader",
                "relayed_by",
                "part_of",
                "versions",
                "actors",
                "actor",
            ]
            .contains(&key)
            {
                let rest = line[key.len() + 1..].trim();
                // A section's key (`resources:` in the vocabulary) starts a list of records.
                if rest.is_empty() {
                    continue;
                }
                reference_items += if rest.starts_with('[') {
                    rest.matches(',').count() + 1
                } else {
                    1
                };
            }
        }
    }
    assert_eq!(quotes, verbatim_lines);
    assert_eq!(references, reference_items);
}

/// The model's table of sections is the one list of record kinds: the data file's schema, the
/// export's schema and the export's JSON Lines sections all follow it, in its order.
#[test]
fn the_sections_table_matches_the_data_file_and_the_export() {
    let table: Vec<&str> = accord::model::SECTIONS
        .iter()
        .map(|(name, _)| *name)
        .collect();
    let properties = |schema: &serde_json::Value| -> Vec<String> {
        schema["properties"]
            .as_object()
            .expect("the schema has properties")
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(properties(&accord::schema::data_file_schema()), table);
    let export: Vec<String> = properties(&accord::dataset::export_schema())
        .into_iter()
        .filter(|name| name != "export_version" && name != "generator")
        .collect();
    assert_eq!(export, table);
    let lines: Vec<&str> = accord::Dataset::default()
        .sections()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(lines, table);
}
