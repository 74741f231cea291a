//! The JSON Schema of a data file, generated from the model, and the settings every schema
//! accord publishes is generated with. The committed copies under `schemas/` are written by
//! `accord schema --out schemas/` and checked for freshness by a test; the export schema
//! belongs to [`crate::dataset`] and the diagnostics schema to [`crate::render::json`], which
//! generate theirs with `model_schema_for` and `wire_schema_for`.

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use serde_json::{Map, Value, json};

use crate::model::DataFile;

/// The file name of the data-file schema under `schemas/`.
pub const DATA_FILE_SCHEMA_NAME: &str = "accord.schema.json";
/// The version of the data-file format. It changes when a file written for the old format would
/// no longer be read as it was meant; the README says how to move a dataset to the new one.
pub const FORMAT_VERSION: u32 = 2;
/// The `$id` of the data-file schema, which names its format version.
pub const DATA_FILE_SCHEMA_ID: &str = "https://accord.invalid/schemas/v2/accord.schema.json";

/// The JSON Schema (draft 2020-12) of one accord data file, as a JSON value.
pub fn data_file_schema() -> Value {
    let mut schema = model_schema_for::<DataFile>(DATA_FILE_SCHEMA_ID, "accord data file");
    if let Value::Object(map) = &mut schema {
        map.insert("x-accord-format-version".into(), json!(FORMAT_VERSION));
    }
    schema
}

/// The generator settings of the schemas of model types: draft 2020-12, plain string enums,
/// descriptions unwrapped, optional fields omitted rather than `null`.
fn model_schema_settings() -> SchemaSettings {
    let mut settings = SchemaSettings::draft2020_12();
    settings.transforms.push(Box::new(PlainStringEnums));
    settings.transforms.push(Box::new(UnwrapDescriptions));
    settings.transforms.push(Box::new(OmitInsteadOfNull));
    settings
}

/// The schema of a model type `T` (draft 2020-12) as a root document with its `$id` and
/// `title`, shaped as the data-file schema is: for the dataset export and any other document
/// made of model types.
pub(crate) fn model_schema_for<T: JsonSchema>(id: &str, title: &str) -> Value {
    let schema = model_schema_settings()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut root = with_identity(schema.to_value(), id, title);
    for_other_tools(&mut root);
    root
}

/// The schema of a wire type `T` of an output format (draft 2020-12), with its `$id` and
/// `title`: descriptions unwrapped, enums and optional fields as serde writes them.
pub(crate) fn wire_schema_for<T: JsonSchema>(id: &str, title: &str) -> Value {
    let mut settings = SchemaSettings::draft2020_12();
    settings.transforms.push(Box::new(UnwrapDescriptions));
    let schema = settings.into_generator().into_root_schema_for::<T>();
    with_identity(schema.to_value(), id, title)
}

/// Shapes the schema for the tools people generate code and edit data with, as tested with
/// datamodel-code-generator, json-schema-to-typescript, ajv and yaml-language-server:
///
/// - every definition has a `title`, so that generated types and editor hovers are named after
///   the entity (`Modality`, `Person`) rather than after the file;
/// - a `$ref` with a sibling `description` becomes `allOf: [{"$ref"}]` beside it: draft 2020-12
///   allows siblings, but code generators then copy the definition once per use (`DateValue1`,
///   `DateValue2`, ...);
/// - the `format` schemars gives Rust number types (`uint32`, `double`) is dropped: it is not a
///   JSON Schema format, and strict validators reject it (the bounds stay as `minimum` and
///   `maximum`);
/// - a description with Markdown code spans also goes to `markdownDescription`, which editors
///   render, where they would show the backticks of `description`;
/// - an optional list (an array property that is not required and may be empty) gets
///   `"default": []`: accord leaves an empty list out, and a generated type then knows that
///   absent means empty rather than unknown.
fn for_other_tools(root: &mut Value) {
    if let Some(Value::Object(definitions)) = root.get_mut("$defs") {
        for (name, definition) in definitions.iter_mut() {
            if let Value::Object(map) = definition
                && !map.contains_key("title")
            {
                map.insert("title".into(), json!(name));
            }
        }
    }
    polish_subschemas(root);
}

fn polish_subschemas(value: &mut Value) {
    match value {
        Value::Object(map) => {
            default_empty_optional_lists(map);
            if map.len() > 1
                && let Some(reference) = map.remove("$ref")
            {
                map.insert("allOf".into(), json!([{ "$ref": reference }]));
            }
            if map
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t == "integer" || t == "number")
            {
                map.remove("format");
            }
            if let Some(description) = map.get("description").and_then(Value::as_str)
                && description.contains('`')
                && !map.contains_key("markdownDescription")
            {
                let markdown = description.to_owned();
                map.insert("markdownDescription".into(), json!(markdown));
            }
            for (key, child) in map.iter_mut() {
                // Examples and enum values are data, not schemas.
                if !matches!(
                    key.as_str(),
                    "examples" | "enum" | "const" | "markdownEnumDescriptions"
                ) {
                    polish_subschemas(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(polish_subschemas),
        _ => {}
    }
}

fn default_empty_optional_lists(schema: &mut Map<String, Value>) {
    let required: Vec<String> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|name| name.as_str().map(str::to_owned))
        .collect();
    let Some(Value::Object(properties)) = schema.get_mut("properties") else {
        return;
    };
    for (name, property) in properties.iter_mut() {
        let Value::Object(property) = property else {
            continue;
        };
        let is_array = property.get("type").and_then(Value::as_str) == Some("array");
        let may_be_empty = property
            .get("minItems")
            .and_then(Value::as_u64)
            .is_none_or(|min| min == 0);
        if is_array && may_be_empty && !required.contains(name) {
            property
                .entry("default")
                .or_insert_with(|| Value::Array(Vec::new()));
        }
    }
}

/// `schema` with every `$ref` into its own `$defs` pointed at the same definition in the schema
/// whose `$id` is `defs_id`, and its `$defs` removed: for a document made of the data file's
/// types, so that a code generator given both schemas generates each shared type once.
pub(crate) fn referencing_defs_of(mut schema: Value, defs_id: &str, id: &str) -> Value {
    fn point_refs(value: &mut Value, defs_id: &str) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get_mut("$ref")
                    && reference.starts_with("#/$defs/")
                {
                    *reference = format!("{defs_id}{reference}");
                }
                map.values_mut()
                    .for_each(|child| point_refs(child, defs_id));
            }
            Value::Array(items) => items
                .iter_mut()
                .for_each(|child| point_refs(child, defs_id)),
            _ => {}
        }
    }
    if let Value::Object(map) = &mut schema {
        map.remove("$defs");
        map.insert("$id".into(), json!(id));
    }
    point_refs(&mut schema, defs_id);
    schema
}

fn with_identity(mut root: Value, id: &str, title: &str) -> Value {
    if let Value::Object(map) = &mut root {
        let mut ordered = Map::new();
        ordered.insert(
            "$schema".into(),
            map.remove("$schema").unwrap_or(Value::Null),
        );
        ordered.insert("$id".into(), json!(id));
        ordered.insert("title".into(), json!(title));
        map.remove("title");
        ordered.extend(std::mem::take(map));
        *map = ordered;
    }
    root
}

/// A schema as it is committed: pretty JSON with a final newline.
pub fn to_pretty_json(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Turns the `oneOf` of `const`s that schemars emits for documented unit variants back into a
/// plain string `enum`, keeping each variant's doc in `markdownEnumDescriptions` (read by editors
/// for completion) and in the description. Plain enums give clear validation errors and clean
/// generated code in other languages.
#[derive(Debug, Clone)]
struct PlainStringEnums;

impl Transform for PlainStringEnums {
    fn transform(&mut self, schema: &mut schemars::Schema) {
        transform_subschemas(self, schema);
        let Some(object) = schema.as_object_mut() else {
            return;
        };
        let Some(Value::Array(variants)) = object.get("oneOf") else {
            return;
        };
        let mut values = Vec::new();
        let mut docs = Vec::new();
        for variant in variants {
            let Some(value) = variant.get("const").and_then(Value::as_str) else {
                return;
            };
            values.push(json!(value));
            let doc = variant
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default();
            docs.push(doc.to_owned());
        }
        object.remove("oneOf");
        let listing: Vec<String> = values
            .iter()
            .zip(&docs)
            .map(|(value, doc)| format!("- `{}`: {doc}", value.as_str().unwrap_or_default()))
            .collect();
        let description = match object.get("description").and_then(Value::as_str) {
            Some(own) => format!("{own}\n\n{}", listing.join("\n")),
            None => listing.join("\n"),
        };
        // Editors list the values with their descriptions themselves (from
        // `markdownEnumDescriptions`): their hover text is the type's own description.
        if let Some(own) = object.get("description").and_then(Value::as_str) {
            let own = own.to_owned();
            object.insert("markdownDescription".into(), json!(own));
        }
        object.insert("description".into(), json!(description));
        object.insert("type".into(), json!("string"));
        object.insert("enum".into(), Value::Array(values));
        object.insert("markdownEnumDescriptions".into(), json!(docs));
    }
}

/// Optional fields are omitted when absent, never written as `null`: drops the `null` that
/// schemars allows for every `Option`, so that a wrong value gets a precise error (not an opaque
/// `anyOf` one) and generated code gets plain optional fields.
#[derive(Debug, Clone)]
struct OmitInsteadOfNull;

impl Transform for OmitInsteadOfNull {
    fn transform(&mut self, schema: &mut schemars::Schema) {
        transform_subschemas(self, schema);
        let Some(object) = schema.as_object_mut() else {
            return;
        };
        if let Some(Value::Array(types)) = object.get_mut("type") {
            types.retain(|t| t != "null");
            if types.len() == 1 {
                let only = types.remove(0);
                object.insert("type".into(), only);
            }
        }
        let Some(Value::Array(branches)) = object.get("anyOf") else {
            return;
        };
        let is_null = |v: &Value| {
            v.get("type") == Some(&json!("null")) && v.as_object().is_some_and(|o| o.len() == 1)
        };
        if branches.len() != 2 || !branches.iter().any(is_null) {
            return;
        }
        let Some(Value::Object(kept)) = branches.iter().find(|b| !is_null(b)).cloned() else {
            return;
        };
        object.remove("anyOf");
        for (key, value) in kept {
            object.entry(key).or_insert(value);
        }
    }
}

/// Joins the hard-wrapped lines of doc comments, keeping paragraph breaks and list items, so
/// descriptions read well in editors and in generated code.
#[derive(Debug, Clone)]
struct UnwrapDescriptions;

impl Transform for UnwrapDescriptions {
    fn transform(&mut self, schema: &mut schemars::Schema) {
        transform_subschemas(self, schema);
        if let Some(Value::String(text)) = schema
            .as_object_mut()
            .and_then(|o| o.get_mut("description"))
        {
            *text = unwrap_lines(text);
        }
    }
}

fn unwrap_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            let keep_break = line.is_empty() || line.starts_with("- ") || out.ends_with('\n');
            out.push(if keep_break { '\n' } else { ' ' });
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_join_but_paragraphs_and_lists_stay() {
        assert_eq!(unwrap_lines("a\nb\n\nc\n- d\n- e"), "a b\n\nc\n- d\n- e");
    }

    #[test]
    fn the_schema_is_valid_draft_2020_12() {
        let schema = data_file_schema();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert!(jsonschema::draft202012::meta::is_valid(&schema));
    }
}
