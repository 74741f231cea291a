//! Invariants of the whole path from bytes to rendered findings, for the fuzz targets (`fuzz/`)
//! and for the replay of their regression corpus in `cargo test`: both YAML readers agree, reading
//! record by record gives what reading whole gives, every span lies inside the text, and every
//! output format renders (the machine ones as JSON). [`check_bytes`] panics when one breaks; it
//! is a testing aid, not part of a check.

// This module panics on purpose: a broken invariant must stop the fuzzer.
#![allow(clippy::expect_used)]

pub mod mutate;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::render::{EmitContext, Format};
use crate::validate::{self, SchemaValidator};
use crate::yaml::{self, Limits};

/// How the fast reader broke its promise on a text it read (see [`reader_violation`]).
#[derive(Debug, Clone, PartialEq)]
pub enum ReaderViolation {
    /// The full reader reports these findings on a text the fast reader read.
    Reported(Vec<Diagnostic>),
    /// The full reader reads another value (`None`: no document).
    Disagree {
        /// What the fast reader read.
        fast: Value,
        /// What the full reader read.
        full: Option<Value>,
    },
    /// Reading record by record ([`yaml::fast::parse_records`]) gives another value than
    /// reading whole, or a record's lines do not read on their own as a one-item list.
    Streaming(String),
}

impl ReaderViolation {
    /// The kind of violation, without the text's particulars (positions, values): violations
    /// of one class most likely share a cause.
    pub fn class(&self) -> String {
        match self {
            ReaderViolation::Reported(findings) => {
                let first = findings.first().map_or(String::new(), |d| {
                    let message: String = d
                        .message
                        .chars()
                        .map(|c| if c.is_ascii_digit() { '#' } else { c })
                        .collect();
                    format!("{:?}: {message}", d.code)
                });
                format!("the full reader reports on a text the fast reader read: {first}")
            }
            ReaderViolation::Disagree { full: None, .. } => {
                "the full reader reads no document where the fast reader read one".to_owned()
            }
            ReaderViolation::Disagree { .. } => "the readers disagree".to_owned(),
            ReaderViolation::Streaming(what) => format!("streaming differs: {what}"),
        }
    }
}

impl fmt::Display for ReaderViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReaderViolation::Reported(findings) => {
                write!(f, "the full reader reports on a text the fast reader read:")?;
                for d in findings {
                    write!(f, " [{:?} at {:?}] {}", d.code, d.span, d.message)?;
                }
                Ok(())
            }
            ReaderViolation::Disagree { fast, full } => {
                let full = full
                    .as_ref()
                    .map_or("no document".to_owned(), Value::to_string);
                write!(f, "the readers disagree: fast {fast}, full {full}")
            }
            ReaderViolation::Streaming(what) => write!(f, "streaming differs: {what}"),
        }
    }
}

/// Whether the readers keep their promise on `text`: when the fast reader reads it, the full
/// reader reads the same value and reports nothing at all; reading it record by record gives
/// the same value, and each record's lines read on their own as a list of that one record.
/// `None` when the promise holds (also when the fast reader gives up).
pub fn reader_violation(text: &str) -> Option<ReaderViolation> {
    let limits = Limits::default();
    let fast = yaml::fast::parse(text, &limits)?;
    let (full, findings) = yaml::parse(text, &limits);
    if !findings.is_empty() {
        return Some(ReaderViolation::Reported(findings));
    }
    if full.value.as_ref() != Some(&fast) {
        return Some(ReaderViolation::Disagree {
            fast,
            full: full.value,
        });
    }
    streaming_violation(text, &fast, &limits).map(ReaderViolation::Streaming)
}

fn streaming_violation(text: &str, whole: &Value, limits: &Limits) -> Option<String> {
    let mut records: Vec<(String, usize, Value, std::ops::Range<usize>)> = Vec::new();
    let root = yaml::fast::parse_records(text, limits, &mut |key, index, item, range| {
        records.push((key.to_owned(), index, item, range));
    })?;
    let mut rebuilt = root;
    for (key, index, item, range) in records {
        let Some(list) = rebuilt.get_mut(&key).and_then(Value::as_array_mut) else {
            return Some(format!("record {index} of `{key}`, which is not a list"));
        };
        if list.len() != index {
            return Some(format!("record {index} of `{key}` comes out of order"));
        }
        let Some(lines) = text.get(range.clone()) else {
            return Some(format!("record {index} of `{key}` has the range {range:?}"));
        };
        let (alone, findings) = yaml::parse(lines, limits);
        let one = Value::Array(vec![item.clone()]);
        if !findings.is_empty() || alone.value.as_ref() != Some(&one) {
            let alone = alone.value.map(|v| v.to_string());
            return Some(format!(
                "the lines of record {index} of `{key}` read as {alone:?} with {} findings, \
                 not as {one}",
                findings.len()
            ));
        }
        list.push(item);
    }
    (&rebuilt != whole).then(|| format!("record by record {rebuilt}, whole {whole}"))
}

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
    if let Some(violation) = reader_violation(&text) {
        panic!("{violation}");
    }

    let path = Path::new("fuzz.yaml");
    let outcome = validate::check_file(path, &text, validator(), &limits);
    let by_record = validate::check_file_by_record(path, &text, validator(), &limits);
    assert_eq!(
        by_record.diagnostics, outcome.diagnostics,
        "reading record by record differs"
    );
    // Every finding's span lies inside the text, on character boundaries.
    for diagnostic in &outcome.diagnostics {
        if let Some(span) = diagnostic.span {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "span out of the text"
            );
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        // A suggestion replaces the text its finding underlines.
        if let Some(span) = diagnostic.fix.as_ref().and_then(|s| s.span) {
            assert_eq!(Some(span), diagnostic.span, "a suggestion elsewhere");
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
    let run = crate::check::CheckRun {
        diagnostics,
        texts: [(PathBuf::from("fuzz.yaml"), text.to_string())]
            .into_iter()
            .collect(),
        files_checked: 1,
        records: outcome.facts.records,
        line_indexes: Default::default(),
        empty_paths: Vec::new(),
        context_files: 0,
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
