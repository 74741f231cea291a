//! Every output format on one shared set of findings, snapshot-tested; the machine formats are
//! validated against their schemas.

use std::path::Path;

use accord::render::Format;
use serde_json::Value;

use crate::{check, rendered_as};

/// A run with findings of several kinds: a label in another file, a warning, a non-ASCII line.
fn shared_run() -> accord::CheckRun {
    check(&[
        Path::new("tests/fixtures/base"),
        Path::new("tests/fixtures/invalid/duplicate-id--across-files.yaml"),
        Path::new("tests/fixtures/invalid/empty-file--no-bytes.yaml"),
        Path::new("tests/fixtures/invalid/invalid-value--misspelt.yaml"),
        Path::new("tests/fixtures/invalid/not-utf8.yaml"),
        Path::new("tests/fixtures/invalid/quote-not-found--partial-match.yaml"),
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
    let report: accord::render::json::JsonReport =
        serde_json::from_str(&text).expect("the wire types read it back");
    assert_eq!(report.version, accord::render::json::JSON_FORMAT_VERSION);
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

/// A bulk import with one systematic mistake: 50,000 people in one file, each with an unknown
/// field and a reference to a source no record defines. The file's own findings stop at the
/// first 1,000 unknown fields and a note of the 49,000 left out; the 50,000 dangling references
/// are the dataset's. Every format renders them all, each on its record's lines; with a line
/// index built per finding this would take hours, so the test finishing at all is the point
/// (speed is measured in BENCHMARKS.md).
#[test]
fn fifty_thousand_findings_in_one_file_render_in_every_format() {
    use std::fmt::Write;
    const PEOPLE: usize = 50_000;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::from("people:\n");
    for n in 0..PEOPLE {
        let _ = write!(
            text,
            "  - id: person-{n}\n    name: Person {n}\n    nickname: p{n}\n    citations:\n      - source: missing-source\n        quote: words\n"
        );
    }
    let path = dir.path().join("bulk.yaml");
    std::fs::write(&path, &text).expect("write");
    let run = check(&[&path]);
    let max = accord::validate::MAX_FINDINGS_PER_FILE;
    assert_eq!(run.diagnostics.len(), PEOPLE + max + 1);
    let concise = rendered_as(&run, Format::Concise);
    let lines: Vec<&str> = concise
        .lines()
        .filter(|line| line.contains("error["))
        .collect();
    assert_eq!(lines.len(), PEOPLE + max + 1);
    assert!(
        lines.iter().any(|l| l
            .contains("error[limit-exceeded]: 49000 more findings in this file are not reported")),
        "{:?}",
        &lines[..2]
    );
    // The last person's findings are on its own lines: 6 lines a person, after `people:`.
    let last = 2 + 6 * (PEOPLE - 1);
    assert!(
        lines
            .iter()
            .any(|l| l.contains(&format!("bulk.yaml:{}:", last + 4))
                && l.contains("error[dangling-reference]")),
        "{:?}",
        &lines[lines.len() - 2..]
    );
    for format in Format::ALL {
        let out = rendered_as(&run, *format);
        assert!(
            out.matches("dangling-reference").count() >= PEOPLE,
            "{}",
            format.as_str()
        );
    }
}
