//! accord turns news coverage of diplomacy into a validated dataset.
//!
//! The [`model`] types describe the YAML data files and export their JSON Schema ([`schema`]);
//! [`check`] validates a set of data files against the schema and against the rules a schema
//! cannot express (unique ids, references that resolve, quotes that appear in their source).
//!
//! The library never prints and never exits: findings are returned as [`Diagnostic`]s.

pub mod model;
pub mod schema;
pub mod diagnostic;
pub mod yaml;

pub use diagnostic::{Code, Diagnostic, Label, Severity, Span};
