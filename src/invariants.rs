//! Invariants of the whole path from bytes to rendered findings, for the fuzz targets (`fuzz/`)
//! and for the replay of their regression corpus in `cargo test`: both YAML readers agree, reading
//! record by record gives what reading whole gives, every span lies inside the text, and every
//! output format renders (the machine ones as JSON). [`check_bytes`] panics when one breaks; it
//! is a testing aid, not part of a check.

// This module panics on purpose: a broken invariant must stop the fuzzer.
#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::report::{EmitContext, Format};
use crate::validate::{self, SchemaValidator};
use crate::yaml::{self, Limits};

fn validator() -> &'static SchemaValidator {
    static VALIDATOR: OnceLock<SchemaValidator> = OnceLock::new();
    VALIDATOR.get_or_init(|| match SchemaValidator::new() {
        Ok(validator) => validator,
        Err(error) => panic!("{error}"),
    })
}

/// Runs every stage on `data` as a data file and panics if an invariant breaks.
#[allow(clippy::missing_panics_doc)]
pub fn check_bytes(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let limits = Limits::default();

    // The fast reader reads nothing the full reader would read differently or report on.
    if let Some(fast) = yaml::fast::parse(&text, &limits) {
        let (full, findings) = yaml::parse(&text, &limits);
        assert!(
            findings.is_empty(),
            "the full reader reports on a text the fast reader read"
        );
        assert_eq!(Some(fast), full.value, "the readers disagree");
    }

    let path = Path::new("fuzz.yaml");
    let outcome = validate::check_file(path, &text, validator(), &limits);
    if let Some(by_record) = validate::check_file_by_record(path, &text, validator(), &limits) {
        assert_eq!(
            by_record.diagnostics, outcome.diagnostics,
            "reading record by record differs"
        );
    }
    // Every finding's span lies inside the text, on character boundaries.
    for diagnostic in &outcome.diagnostics {
        if let Some(span) = diagnostic.span {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "span out of the text"
            );
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }

    // The dataset rules, with the input itself as every source's text.
    let mut diagnostics = outcome.diagnostics;
    diagnostics.extend(validate::check_dataset(
        std::slice::from_ref(&outcome.facts),
        &|_, _| Ok(text.to_string()),
    ));
    let (document, _) = yaml::parse(&text, &limits);
    if let Some(value) = &document.value {
        yaml::place(&mut diagnostics, Some(path), value, &document.spans);
    }
    let run = crate::CheckRun {
        diagnostics,
        texts: [(PathBuf::from("fuzz.yaml"), text.to_string())]
            .into_iter()
            .collect(),
        files_checked: 1,
        records: outcome.facts.records,
        line_indexes: Default::default(),
        empty_paths: Vec::new(),
    };
    for format in Format::ALL {
        let mut out = Vec::new();
        format
            .emitter()
            .emit(&mut out, &run, &EmitContext::default())
            .expect("writes to memory");
        if matches!(format, Format::Json | Format::Sarif) {
            serde_json::from_slice::<serde_json::Value>(&out).expect("machine formats are JSON");
        }
    }
}
