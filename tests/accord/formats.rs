//! Every output format on one shared set of findings, snapshot-tested; the machine formats are
//! validated against their schemas.

use std::path::Path;

use accord::report::Format;
use serde_json::Value;

use crate::{check, rendered_as};

/// A run with findings of several kinds: a label in another file, a warning, a non-ASCII line.
fn shared_run() -> accord::CheckRun {
    check(&[
        Path::new("tests/fixtures/base"),
        Path::new("tests/fixtures/invalid/duplicate-id.yaml"),
        Path::new("tests/fixtures/invalid/empty-file.yaml"),
        Path::new("tests/fixtures/invalid/invalid-value.yaml"),
        Path::new("tests/fixtures/invalid/not-utf8.yaml"),
        Path::new("tests/fixtures/invalid/quote-not-found.yaml"),
    ])
}

#[test]
fn every_format_on_the_shared_findings() {
    let run = shared_run();
    assert_eq!(run.diagnostics.len(), 6);
    for format in Format::ALL {
        insta::assert_snapshot!(format.as_str(), rendered_as(&run, *format));
    }
}

fn validator(schema_path: &str) -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).expect("schema file"))
            .expect("schema JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

#[test]
fn the_sarif_output_is_valid_sarif_2_1_0() {
    let sarif: Value =
        serde_json::from_str(&rendered_as(&shared_run(), Format::Sarif)).expect("JSON");
    let validator = validator("tests/fixtures/sarif/sarif-schema-2.1.0.json");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), accord::Code::ALL.len());
}

#[test]
fn the_json_output_follows_its_committed_schema() {
    let text = rendered_as(&shared_run(), Format::Json);
    let json: Value = serde_json::from_str(&text).expect("JSON");
    let validator = validator("schemas/diagnostics.schema.json");
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let report: accord::report::json::JsonReport =
        serde_json::from_str(&text).expect("the wire types read it back");
    assert_eq!(report.version, accord::report::json::JSON_FORMAT_VERSION);
    assert_eq!(
        report.summary.errors + report.summary.warnings,
        report.diagnostics.len()
    );
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let paths: Vec<std::path::PathBuf> = ["tests/fixtures/base", "tests/fixtures/invalid", "data"]
        .map(Into::into)
        .to_vec();
    let mut outputs = Vec::new();
    for threads in [1, 2, 4] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a pool");
        let run = pool.install(|| {
            accord::check_paths(&paths, &accord::CheckOptions::default()).expect("runs")
        });
        outputs.push(rendered_as(&run, Format::Json));
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}
