//! accord turns news coverage of diplomacy into a validated dataset.
//!
//! The [`model`] types describe the YAML data files and export their JSON Schema ([`schema`]);
//! [`check_paths`] validates a set of data files against the schema and against the rules a
//! schema cannot express (unique ids, references that resolve, quotes that appear in their
//! source).
//!
//! The library never prints and never exits: findings are returned as [`Diagnostic`]s, and `Err`
//! only means a run could not happen.

#![forbid(unsafe_code)]
// Input is untrusted: library code never unwraps on it.
#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod check;
pub mod config;
pub mod dataset;
pub mod diagnostic;
pub mod explain;
pub mod files;
pub mod fix;
#[cfg(feature = "report")]
pub mod html_report;
#[cfg(feature = "fuzzing")]
pub mod invariants;
#[cfg(feature = "lsp")]
pub mod lsp;
pub mod model;
mod pointer;
pub mod position;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod suggest;
pub mod validate;
pub mod yaml;

pub use check::{CheckOptions, CheckRun, Overlay, check_paths, check_paths_with};
pub use dataset::Dataset;
pub use diagnostic::{Applicability, Code, Diagnostic, Fix, Label, Severity, Span};
pub use files::CheckError;

/// Every schema file accord publishes under `schemas/`, as `(file name, pretty JSON with a final
/// newline)`: the data file's, the JSON output format's, the export's (self-contained, and
/// referring to the data file's) and `accord.toml`'s.
pub fn schema_files() -> Vec<(&'static str, String)> {
    use crate::schema::to_pretty_json;
    vec![
        (
            schema::DATA_FILE_SCHEMA_NAME,
            to_pretty_json(&schema::data_file_schema()),
        ),
        (
            render::json::DIAGNOSTICS_SCHEMA_NAME,
            to_pretty_json(&render::json::diagnostics_schema()),
        ),
        (
            dataset::EXPORT_SCHEMA_NAME,
            to_pretty_json(&dataset::export_schema()),
        ),
        (
            dataset::EXPORT_REFERENCING_SCHEMA_NAME,
            to_pretty_json(&dataset::export_referencing_schema()),
        ),
        (
            config::CONFIG_SCHEMA_NAME,
            to_pretty_json(&config::config_schema()),
        ),
    ]
}
