//! `accord export` and the library's `Dataset`: the merged dataset follows the published export
//! schema, JSON Lines follow the schema of their kind, and data with errors is not exported.

use assert_cmd::Command;
use serde_json::Value;

fn export_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string("schemas/export.schema.json").expect("the committed schema"),
    )
    .expect("JSON");
    jsonschema::validator_for(&schema).expect("compiles")
}

#[test]
fn the_export_follows_its_schema_and_holds_every_record() {
    let output = Command::cargo_bin("accord")
        .expect("binary")
        .args(["export", "data"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let export: Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    let errors: Vec<String> = export_validator()
        .iter_errors(&export)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The same records the check counts, and the same dataset the library loads.
    let loaded = accord::Dataset::load(&["data".into()], &Default::default()).expect("loads");
    let typed: accord::Dataset = serde_json::from_value(export).expect("reads back");
    assert_eq!(typed, loaded.dataset);
    let records: usize = typed.sections().iter().map(|(_, r)| r.len()).sum::<usize>()
        + typed
            .agreements
            .iter()
            .map(|a| a.terms.len() + a.versions.len())
            .sum::<usize>();
    assert_eq!(records, loaded.run.records);
    assert_eq!(typed.export_version, accord::dataset::EXPORT_VERSION);
}

#[test]
fn json_lines_hold_one_record_per_line_of_its_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let status = Command::cargo_bin("accord")
        .expect("binary")
        .args(["export", "data", "--format", "jsonl", "--out"])
        .arg(dir.path())
        .output()
        .expect("runs")
        .status;
    assert_eq!(status.code(), Some(0));
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string("schemas/export.schema.json").expect("the committed schema"),
    )
    .expect("JSON");
    let kinds = [
        ("sources", "Source"),
        ("people", "Person"),
        ("organizations", "Organization"),
        ("offices", "Office"),
        ("events", "Event"),
        ("agreements", "Agreement"),
        ("funds", "Fund"),
        ("claims", "Claim"),
        ("resources", "Resource"),
        ("topics", "Topic"),
    ];
    let mut lines = 0;
    for (section, definition) in kinds {
        // Each line validates against its kind's definition in the export schema.
        let mut one_kind = schema.clone();
        one_kind["$ref"] = Value::from(format!("#/$defs/{definition}"));
        for key in ["properties", "required", "additionalProperties", "type"] {
            one_kind.as_object_mut().expect("an object").remove(key);
        }
        let validator = jsonschema::validator_for(&one_kind).expect("compiles");
        let text = std::fs::read_to_string(dir.path().join(format!("{section}.jsonl")))
            .unwrap_or_else(|e| panic!("{section}.jsonl: {e}"));
        for line in text.lines() {
            let record: Value = serde_json::from_str(line).expect("one JSON value per line");
            assert!(validator.is_valid(&record), "{section}: {line}");
            lines += 1;
        }
    }
    assert_eq!(lines, 67);
}

#[test]
fn data_with_errors_is_not_exported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("export.json");
    let output = Command::cargo_bin("accord")
        .expect("binary")
        .args([
            "export",
            "tests/fixtures/base",
            "tests/fixtures/invalid/unknown-field--misspelt-required.yaml",
            "--out",
        ])
        .arg(&out)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error[unknown-field]") && stderr.contains("no export written"),
        "{stderr}"
    );
    assert!(!out.exists(), "an export was written");
    let error = accord::Dataset::load(
        &[
            "tests/fixtures/base".into(),
            "tests/fixtures/invalid/unknown-field--misspelt-required.yaml".into(),
        ],
        &Default::default(),
    )
    .expect_err("errors stop the load");
    assert!(
        matches!(error, accord::dataset::LoadError::Invalid(_)),
        "{error}"
    );
    // JSON Lines need a directory.
    let output = Command::cargo_bin("accord")
        .expect("binary")
        .args(["export", "data", "--format", "jsonl"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

fn committed(name: &str) -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(std::path::Path::new("schemas").join(name))
            .expect("the committed schema"),
    )
    .expect("JSON")
}

/// The export schema that refers to the data-file schema's `$defs` (for code generators given
/// both schemas) accepts and rejects exactly what the self-contained one does.
#[test]
fn both_forms_of_the_export_schema_agree() {
    let data_file = committed("accord.schema.json");
    let referencing = committed("export.referencing.schema.json");
    assert!(referencing.get("$defs").is_none(), "no copy of the $defs");
    let registry = jsonschema::Registry::new()
        .add(accord::schema::DATA_FILE_SCHEMA_ID, &data_file)
        .expect("the data-file schema's $id")
        .prepare()
        .expect("registry");
    let referencing = jsonschema::options()
        .with_registry(&registry)
        .build(&referencing)
        .expect("the referencing form compiles with the data-file schema beside it");
    let bundled = export_validator();

    let output = Command::cargo_bin("accord")
        .expect("binary")
        .args(["export", "data"])
        .output()
        .expect("runs");
    let export: Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    assert!(bundled.is_valid(&export) && referencing.is_valid(&export));

    // Spoil the export in ways each form must reject the same: a field of a shared type, an
    // unknown key deep inside, a wrong enum value, an empty required list, a null for an absent
    // field, and a wrong version.
    let spoilt: Vec<(&str, Value)> = vec![
        ("/people/0/name", Value::from(3)),
        ("/claims/0/citations/0/modality", Value::from("rumour")),
        ("/agreements/0/names", Value::Array(Vec::new())),
        ("/sources/0/language", Value::Null),
        ("/export_version", Value::from(3)),
    ];
    for (pointer, value) in spoilt {
        let mut broken = export.clone();
        *broken
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{pointer}")) = value;
        assert!(!bundled.is_valid(&broken), "{pointer}: bundled accepts it");
        assert!(
            !referencing.is_valid(&broken),
            "{pointer}: referencing accepts it"
        );
    }
    let mut extra = export.clone();
    extra["events"][0]["venue"] = Value::from("somewhere");
    assert!(!bundled.is_valid(&extra) && !referencing.is_valid(&extra));
}
