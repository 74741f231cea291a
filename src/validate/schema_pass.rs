//! The schema pass: validates a file's JSON value against the generated schema and turns each
//! error into a diagnostic placed on the offending key or value.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Draft, ValidationError, Validator};
use serde_json::Value;

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::diagnostic::{Applicability, Code, Diagnostic, Target};
use crate::suggest::closest;

/// The data-file schema, compiled once and shared by every file of a run.
pub struct SchemaValidator {
    schema: Value,
    validator: Validator,
    plan: super::facts::Plan,
    /// For each top-level list, a validator of one of its items, for files read record by
    /// record; compiled on first use, since only large files are read that way.
    records: OnceLock<Result<FxHashMap<String, Validator>, String>>,
}

impl std::fmt::Debug for SchemaValidator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SchemaValidator").finish_non_exhaustive()
    }
}

impl SchemaValidator {
    /// Compiles the data-file schema. It is built in and has no external `$ref`, so this only
    /// fails if the generated schema itself is broken.
    pub fn new() -> Result<Self, String> {
        Self::for_schema(crate::schema::data_file_schema())
    }

    /// Compiles a given schema: the data file's, or in the tests one that names a remote
    /// reference, which must fail rather than be fetched.
    pub(crate) fn for_schema(schema: Value) -> Result<Self, String> {
        let compile = |schema: &Value| {
            jsonschema::options()
                .with_draft(Draft::Draft202012)
                .should_validate_formats(true)
                .build(schema)
                .map_err(|e| format!("the built-in schema does not compile: {e}"))
        };
        let plan = super::facts::Plan::from_schema(&schema);
        let mut schema = schema;
        tagged_unions_as_conditionals(&mut schema);
        let validator = compile(&schema)?;
        Ok(SchemaValidator {
            schema,
            validator,
            plan,
            records: OnceLock::new(),
        })
    }

    fn record_validators(&self) -> Result<&FxHashMap<String, Validator>, &String> {
        self.records
            .get_or_init(|| {
                let mut records = FxHashMap::default();
                let sections = self
                    .schema
                    .get("properties")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten();
                for (section, property) in sections {
                    let Some(item) = property.pointer("/items/$ref") else {
                        continue;
                    };
                    let item_schema = serde_json::json!({
                        "$schema": self.schema.get("$schema"),
                        "$ref": item,
                        "$defs": self.schema.get("$defs"),
                    });
                    let validator = jsonschema::options()
                        .with_draft(Draft::Draft202012)
                        .should_validate_formats(true)
                        .build(&item_schema)
                        .map_err(|e| {
                            format!("the built-in schema of `{section}` does not compile: {e}")
                        })?;
                    records.insert(section.clone(), validator);
                }
                Ok(records)
            })
            .as_ref()
    }

    /// Every schema error of `value`, placed by JSON Pointer. `raw` gives the source text of
    /// the value at a pointer, for hints that depend on how a value was written (`0755`); it is
    /// only called when there are errors.
    pub fn validate(&self, value: &Value, raw: &dyn Fn(&str) -> Option<String>) -> Vec<Diagnostic> {
        // Valid documents are the common case, and answering yes or no is much cheaper than
        // collecting errors.
        if self.validator.is_valid(value) {
            return Vec::new();
        }
        self.findings(self.validator.iter_errors(value), "", raw)
    }

    /// Every schema error of one item of the top-level list `section`, at index `index`, for
    /// files read record by record; pointers are those of the whole file.
    pub fn validate_record(
        &self,
        section: &str,
        index: usize,
        record: &Value,
        raw: &dyn Fn(&str) -> Option<String>,
    ) -> Vec<Diagnostic> {
        let Some(validator) = self.record_validators().ok().and_then(|v| v.get(section)) else {
            return Vec::new();
        };
        if validator.is_valid(record) {
            return Vec::new();
        }
        let prefix = format!("/{section}/{index}");
        self.findings(validator.iter_errors(record), &prefix, raw)
    }

    /// The findings of a value's schema errors; `prefix` as for [`Self::diagnose`].
    ///
    /// A misspelled required field gives two errors: the unknown spelling and the missing field.
    /// The unknown-field finding already suggests the missing field (`sumary` → `summary`), so
    /// the missing-field finding is dropped.
    fn findings<'e>(
        &self,
        errors: impl Iterator<Item = ValidationError<'e>>,
        prefix: &str,
        raw: &dyn Fn(&str) -> Option<String>,
    ) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        // The missing fields: each finding's index, the mapping's pointer and the field's name.
        let mut missing: Vec<(usize, String, String)> = Vec::new();
        for error in errors {
            if let ValidationErrorKind::Required { property } = error.kind() {
                let name = property.as_str().unwrap_or_default().to_owned();
                let pointer = format!("{prefix}{}", error.instance_path().as_str());
                missing.push((diagnostics.len(), pointer, name));
            }
            diagnostics.extend(self.diagnose(&error, prefix, raw));
        }
        if missing.is_empty() {
            return diagnostics;
        }
        // The suggestions of unknown fields: the mapping's pointer and the replacing key.
        let suggested: Vec<(&str, &str)> = diagnostics
            .iter()
            .filter(|d| d.code == Code::UnknownField)
            .filter_map(|d| {
                let pointer = d.pointer.as_deref()?;
                let parent = pointer.rsplit_once('/').map_or("", |(parent, _)| parent);
                Some((parent, d.fix.as_ref()?.replacement.as_str()))
            })
            .collect();
        // A field of format 1 names the format-2 field that replaces it, which is then not
        // reported missing as well.
        let moved: Vec<(&str, &str)> = diagnostics
            .iter()
            .filter(|d| d.code == Code::UnknownField)
            .filter_map(|d| {
                let pointer = d.pointer.as_deref()?;
                let (parent, name) = pointer.rsplit_once('/')?;
                Some((parent, format_1_field(parent, name)?.replaced_by?))
            })
            .collect();
        let misspelled: Vec<usize> = missing
            .iter()
            .filter(|(_, pointer, name)| {
                let key = crate::yaml::scalar(name);
                suggested.contains(&(pointer.as_str(), key.as_str()))
                    || moved.contains(&(pointer.as_str(), name.as_str()))
            })
            .map(|(index, _, _)| *index)
            .collect();
        diagnostics
            .into_iter()
            .enumerate()
            .filter(|(index, _)| !misspelled.contains(index))
            .map(|(_, diagnostic)| diagnostic)
            .collect()
    }

    /// How to walk data files for their references and quotes, compiled from the schema.
    pub(crate) fn plan(&self) -> &super::facts::Plan {
        &self.plan
    }

    /// The subschema an error's keyword sits in (the schema path without its last token).
    fn parent_schema(&self, error: &ValidationError<'_>) -> Option<&Value> {
        let path = error.schema_path().as_str();
        let parent = path.rsplit_once('/').map_or("", |(parent, _)| parent);
        self.schema.pointer(parent)
    }

    /// The findings of one schema error; `prefix` is the pointer of the validated value within
    /// the file (empty for the whole file, `/claims/3` for a record validated on its own).
    fn diagnose(
        &self,
        error: &ValidationError<'_>,
        prefix: &str,
        raw: &dyn Fn(&str) -> Option<String>,
    ) -> Vec<Diagnostic> {
        let pointer = format!("{prefix}{}", error.instance_path().as_str());
        let field = crate::pointer::field_label(&pointer);
        let instance = error.instance();
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let known = self
                    .parent_schema(error)
                    .and_then(|s| s.get("properties"))
                    .and_then(Value::as_object);
                unexpected
                    .iter()
                    .map(|name| {
                        let at = format!("{pointer}/{}", crate::pointer::escape(name));
                        let mut diagnostic =
                            Diagnostic::new(Code::UnknownField, format!("unknown field `{name}`"))
                                .at(at, Target::Key);
                        let names: Vec<&str> = known
                            .map(|m| m.keys().map(String::as_str).collect())
                            .unwrap_or_default();
                        if let Some(moved) = format_1_field(&pointer, name) {
                            return diagnostic.with_help(moved.help);
                        }
                        diagnostic = match closest(name, names.iter().copied()) {
                            _ if name == "<<" => diagnostic.with_help(
                                "merge keys (`<<`) are YAML 1.1; accord reads YAML 1.2, so write the fields out in full",
                            ),
                            // Renaming the key to one the mapping already has would make a
                            // duplicate key, so that is only a hint, not a fix.
                            Some(best) if instance.get(best).is_some() => {
                                diagnostic.with_help(format!("did you mean `{best}`?"))
                            }
                            Some(best) => diagnostic
                                .with_help(format!("did you mean `{best}`?"))
                                .with_fix(
                                    crate::yaml::scalar(best),
                                    applicability(name, best, names.iter().copied()),
                                ),
                            None if !names.is_empty() => diagnostic.with_help(format!(
                                "the fields allowed here are: {}",
                                names.join(", ")
                            )),
                            None => diagnostic,
                        };
                        diagnostic
                    })
                    .collect()
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                vec![
                    Diagnostic::new(
                        Code::MissingField,
                        format!("missing required field `{name}`"),
                    )
                    .at(pointer, Target::KeyOrStart)
                    .with_help(format!("add `{name}:` to this mapping")),
                ]
            }
            ValidationErrorKind::Enum { options } => {
                let allowed: Vec<&str> = options
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let given = display(instance);
                let message = if instance.as_str() == Some("") {
                    format!("`{field}` is empty")
                } else {
                    format!("{given} is not an allowed value for `{field}`")
                };
                let mut diagnostic =
                    Diagnostic::new(Code::InvalidValue, message).at(pointer.clone(), Target::Value);
                let suggestion = instance
                    .as_str()
                    .and_then(|text| closest(text, allowed.iter().copied()));
                diagnostic = match suggestion {
                    Some(best) => diagnostic
                        .with_help(format!(
                            "did you mean `{best}`? allowed: {}",
                            allowed.join(", ")
                        ))
                        .with_fix(
                            crate::yaml::scalar(best),
                            applicability(
                                instance.as_str().unwrap_or_default(),
                                best,
                                allowed.iter().copied(),
                            ),
                        ),
                    None => diagnostic.with_help(format!("allowed: {}", allowed.join(", "))),
                };
                vec![diagnostic]
            }
            ValidationErrorKind::Pattern { pattern } => {
                let parent = self.parent_schema(error);
                let kind = parent
                    .and_then(|s| s.get("title"))
                    .and_then(Value::as_str)
                    .unwrap_or("value");
                // What the value must look like, in words: people who edit data read a rule,
                // not a regular expression (`accord explain invalid-pattern` keeps the pattern).
                let rule = if pattern == crate::model::ID_PATTERN {
                    "an id is lowercase letters and digits separated by single hyphens".to_owned()
                } else {
                    parent
                        .and_then(|s| s.get("description"))
                        .and_then(Value::as_str)
                        .map(first_sentence)
                        .unwrap_or_else(|| format!("a {kind} matches `{pattern}`"))
                };
                let example = parent
                    .and_then(|s| s.get("examples"))
                    .and_then(|e| e.get(0))
                    .and_then(Value::as_str)
                    .map(|e| format!(", for example `{e}`"))
                    .unwrap_or_default();
                let diagnostic = Diagnostic::new(
                    Code::InvalidPattern,
                    format!("{} is not a valid {kind}", display(instance)),
                )
                .at(pointer.clone(), Target::Value);
                let diagnostic = match instance.as_str().and_then(|given| repaired(given, pattern))
                {
                    Some(fixed) => {
                        // A change of case alone is the value written in the wrong case; a
                        // slug made of other text may name something else.
                        let case_only = instance
                            .as_str()
                            .is_some_and(|given| given.to_lowercase() == fixed.to_lowercase());
                        diagnostic
                            .with_help(format!("did you mean `{fixed}`? {rule}"))
                            .with_fix(
                                crate::yaml::scalar(&fixed),
                                if case_only {
                                    Applicability::Safe
                                } else {
                                    Applicability::Unsafe
                                },
                            )
                    }
                    None => diagnostic.with_help(format!("{rule}{example}")),
                };
                vec![diagnostic]
            }
            ValidationErrorKind::Type { kind } => {
                let expected = match kind {
                    TypeKind::Single(t) => article(&t.to_string()),
                    TypeKind::Multiple(set) => set
                        .iter()
                        .map(|t| article(&t.to_string()))
                        .collect::<Vec<_>>()
                        .join(" or "),
                };
                let what = if field.is_empty() {
                    "the file".to_owned()
                } else {
                    format!("`{field}`")
                };
                let mut diagnostic = Diagnostic::new(
                    Code::InvalidType,
                    format!("{what} must be {expected}, not {}", describe(instance)),
                )
                .at(pointer.clone(), Target::Value);
                if let Some(help) = type_hint(kind, instance, &raw(&pointer).unwrap_or_default()) {
                    diagnostic = diagnostic.with_help(help);
                }
                vec![diagnostic]
            }
            ValidationErrorKind::Minimum { limit }
            | ValidationErrorKind::ExclusiveMinimum { limit }
            | ValidationErrorKind::Maximum { limit }
            | ValidationErrorKind::ExclusiveMaximum { limit } => {
                let bound = match error.kind() {
                    ValidationErrorKind::Minimum { .. } => "at least",
                    ValidationErrorKind::ExclusiveMinimum { .. } => "more than",
                    ValidationErrorKind::Maximum { .. } => "at most",
                    _ => "less than",
                };
                vec![
                    Diagnostic::new(
                        Code::InvalidValue,
                        format!(
                            "`{field}` is {}, but must be {bound} {limit}",
                            display(instance)
                        ),
                    )
                    .at(pointer.clone(), Target::Value),
                ]
            }
            ValidationErrorKind::MinLength { limit: 1 } => vec![
                Diagnostic::new(Code::EmptyText, format!("`{field}` is empty"))
                    .at(pointer.clone(), Target::Value)
                    .with_help(format!(
                        "write the {}; an optional field with nothing to say is left out",
                        field.replace('_', " ")
                    )),
            ],
            ValidationErrorKind::MaxLength { limit } | ValidationErrorKind::MinLength { limit } => {
                let bound = if matches!(error.kind(), ValidationErrorKind::MaxLength { .. }) {
                    "at most"
                } else {
                    "at least"
                };
                vec![
                    Diagnostic::new(
                        Code::InvalidValue,
                        format!("`{field}` must be {bound} {limit} characters long"),
                    )
                    .at(pointer.clone(), Target::Value),
                ]
            }
            ValidationErrorKind::MinItems { limit } => {
                let what = if *limit == 1 {
                    "at least one item".to_owned()
                } else {
                    format!("at least {limit} items")
                };
                vec![
                    Diagnostic::new(Code::InvalidValue, format!("`{field}` needs {what}"))
                        .at(pointer.clone(), Target::Value),
                ]
            }
            other => vec![
                Diagnostic::new(
                    Code::SchemaViolation,
                    format!("`{field}`: {}", error.masked()),
                )
                .at(pointer.clone(), Target::Value)
                .with_help(format!("the schema's `{}` rule", other.keyword())),
            ],
        }
    }
}

/// A field of data-file format 1 that format 2 moved: the field that replaces it, if it is one,
/// and how to write it now.
struct MovedField {
    replaced_by: Option<&'static str>,
    help: &'static str,
}

/// Whether `name`, unknown in the mapping at `parent`, is a field of format 1 that format 2
/// moved, told by where the mapping sits.
fn format_1_field(parent: &str, name: &str) -> Option<MovedField> {
    let segments: Vec<&str> = parent.split('/').skip(1).collect();
    let moved = match (segments.as_slice(), name) {
        (["funds", _], "name") => MovedField {
            replaced_by: Some("names"),
            help: "format 1's `name` is format 2's `names`, a list of names over time, each cited: `names: [{name: joint fund, citations: [...]}]`",
        },
        (["agreements", _], "supersedes") => MovedField {
            replaced_by: None,
            help: "format 1's `supersedes: ID` is a relation in format 2: `relations: [{kind: supersedes, agreement: ID, citations: [...]}]`",
        },
        (["funds", _, "contributions", _], "share_percent") => MovedField {
            replaced_by: None,
            help: "format 1's `share_percent: N` is a quantity in format 2: `quantities: [{kind: share, percent: N, of: what it is a share of}]`",
        },
        _ => return None,
    };
    Some(moved)
}

/// Help for a value of the wrong type, from the way it was written: YAML habits that turn text
/// into numbers, and scalars where a list or mapping belongs.
fn type_hint(kind: &TypeKind, instance: &Value, raw: &str) -> Option<String> {
    let expects = |name: &str| match kind {
        TypeKind::Single(t) => t.to_string() == name,
        TypeKind::Multiple(set) => set.iter().any(|t| t.to_string() == name),
    };
    let raw = raw.trim();
    if expects("string") && (instance.is_number() || instance.is_boolean()) {
        let digits = raw.trim_start_matches(['-', '+']);
        if digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
        {
            return Some(format!(
                "YAML reads `{raw}` as the number {instance}, losing the leading zero; quote it to keep it as text: `\"{raw}\"`"
            ));
        }
        return Some(format!("quote it to keep it as text: `\"{raw}\"`"));
    }
    if expects("boolean") && instance.is_string() {
        let word = raw.trim_matches(['"', '\'']).to_ascii_lowercase();
        if matches!(word.as_str(), "yes" | "no" | "on" | "off" | "y" | "n") {
            return Some(format!(
                "YAML 1.2 has only `true` and `false`; `{raw}` is text. Write `true` or `false`"
            ));
        }
    }
    if expects("array") && instance.is_null() {
        return Some("an empty list is `[]`; or remove the key".to_owned());
    }
    if expects("array") && !instance.is_array() && !instance.is_object() {
        return Some(format!("make it a list: `[{raw}]`"));
    }
    None
}

/// A near miss of a pattern that does match it: the value in capitals (country codes), in
/// lowercase, or as a slug (ids).
/// Whether the suggestion `best` for `given` among `candidates` may be applied unseen.
fn applicability<'c>(
    given: &str,
    best: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Applicability {
    if crate::suggest::is_clear_typo(given, best, candidates) {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    }
}

fn repaired(given: &str, pattern: &str) -> Option<String> {
    let rule = regex::Regex::new(pattern).ok()?;
    let slug = given
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    [given.to_uppercase(), given.to_lowercase(), slug]
        .into_iter()
        .find(|candidate| candidate != given && !candidate.is_empty() && rule.is_match(candidate))
}

/// The first sentence of a description, without its full stop and with a small first letter,
/// to follow "did you mean ...?" or stand as a hint: "a calendar date in ISO 8601 ... form".
fn first_sentence(description: &str) -> String {
    let end = description.find(". ").map_or(description.len(), |i| i + 1);
    let sentence = description[..end].trim_end_matches('.');
    let mut chars = sentence.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn article(kind: &str) -> String {
    match kind {
        "array" => "a list".to_owned(),
        "object" => "a mapping".to_owned(),
        "string" => "text".to_owned(),
        "integer" => "a whole number".to_owned(),
        "null" => "empty".to_owned(),
        other => format!("a {other}"),
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "empty".to_owned(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the text {}", display(&Value::String(s.clone()))),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
    }
}

fn display(value: &Value) -> String {
    match value {
        Value::String(s) if s.chars().count() > 60 => {
            format!("`{}…`", s.chars().take(60).collect::<String>())
        }
        Value::String(s) => format!("`{s}`"),
        other => format!("`{other}`"),
    }
}
/// Rewrites every tagged union of the schema (a `oneOf` whose branches are objects told apart by
/// a constant `kind`, as serde's internally tagged enums are) into its `kind` enum and one
/// `if kind is X then branch X` per branch. Both accept the same documents, since the kinds
/// differ; but against `oneOf` a validator can only say that no branch matched, while here the
/// errors are those of the branch the `kind` names (a missing `currency`, an unknown field), or
/// an unknown `kind` with the kinds there are. The published schema keeps `oneOf`, which code
/// generators turn into one type per branch; only the check's own copy is rewritten.
fn tagged_unions_as_conditionals(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(branches)) = map.get("oneOf") {
                let kinds: Option<Vec<Value>> = branches
                    .iter()
                    .map(|branch| branch.pointer("/properties/kind/const").cloned())
                    .collect();
                if let Some(kinds) = kinds.filter(|kinds| !kinds.is_empty()) {
                    let conditionals: Vec<Value> = branches
                        .iter()
                        .zip(&kinds)
                        .map(|(branch, kind)| {
                            serde_json::json!({
                                "if": { "properties": { "kind": { "const": kind } } },
                                "then": branch,
                            })
                        })
                        .collect();
                    map.remove("oneOf");
                    map.insert("type".into(), serde_json::json!("object"));
                    map.insert("required".into(), serde_json::json!(["kind"]));
                    map.insert(
                        "properties".into(),
                        serde_json::json!({ "kind": { "type": "string", "enum": kinds } }),
                    );
                    map.insert("allOf".into(), Value::Array(conditionals));
                }
            }
            map.values_mut().for_each(tagged_unions_as_conditionals);
        }
        Value::Array(items) => items.iter_mut().for_each(tagged_unions_as_conditionals),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_pass_never_fetches_a_remote_or_file_reference() {
        for reference in [
            "https://example.com/schema.json",
            "file:///etc/passwd",
            "other.json#/x",
        ] {
            let schema = serde_json::json!({
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$ref": reference,
            });
            assert!(
                SchemaValidator::for_schema(schema).is_err(),
                "{reference} was resolved"
            );
        }
    }
}
