//! Scaffolds for `accord new`: a new article file, or a new record of any kind, with every
//! required field and a comment saying what goes there. The scaffold is generated from the
//! data-file schema, so it follows the model as it changes.
//!
//! Values are left empty (`""`, `[]`) on purpose: the dataset is journalism, and a scaffold must
//! not guess. `accord check` reports every field still empty until it is filled in from the
//! source.

use serde_json::Value;

use crate::model::{RecordKind, SECTIONS};
use crate::schema::data_file_schema;

/// The record kinds `accord new` scaffolds, by the name used on the command line (`person`),
/// with the data-file section they go under (`people`).
pub fn kinds() -> impl Iterator<Item = (&'static str, &'static str)> {
    SECTIONS
        .iter()
        .map(|(section, kind)| (kind.as_str(), *section))
}

/// A new record of `kind` (`person`, `claim`, ...) as a YAML list item to paste under its
/// section, preceded by a comment naming the section. `None` for an unknown kind.
pub fn record(kind: &str) -> Option<String> {
    let (section, record_kind) = SECTIONS.iter().find(|(_, k)| k.as_str() == kind)?;
    let schema = data_file_schema();
    let definition = &schema["$defs"][record_kind.definition().as_ref()];
    let mut out = format!("# A new {kind}: paste it under `{section}:` in a data file.\n");
    out.push_str(&list_item(&schema, definition, 2, &[]));
    Some(out)
}

/// A new article file: the modeline, the source record (its id, and its text file named after
/// it) and an empty list of claims.
pub fn article(id: &str, schema_location: &str) -> String {
    let schema = data_file_schema();
    let mut out = format!("# yaml-language-server: $schema={schema_location}\n");
    out.push_str(&format!(
        "# The article `{id}`: its text goes, exactly as published, in {id}.txt beside this file.\n"
    ));
    out.push_str("sources:\n");
    let known = [("id", id.to_owned()), ("text", format!("{id}.txt"))];
    let source = &schema["$defs"][RecordKind::Source.definition().as_ref()];
    out.push_str(&list_item(&schema, source, 2, &known));
    out.push_str(
        "# Claims: positions, statements, reactions, expectations and analysis in the article.\n\
         # `accord new claim` prints one to paste here.\n\
         claims: []\n",
    );
    out
}

/// A mapping with the required fields of `definition`, as the item of a block list at `indent`.
fn list_item(root: &Value, definition: &Value, indent: usize, known: &[(&str, String)]) -> String {
    let body = mapping(root, definition, indent + 2, known);
    // The first line of the mapping carries the list's dash.
    let mut out = String::new();
    for (i, line) in body.lines().enumerate() {
        if i == 0 {
            out.push_str(&" ".repeat(indent));
            out.push_str("- ");
            out.push_str(line.trim_start());
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn mapping(root: &Value, definition: &Value, indent: usize, known: &[(&str, String)]) -> String {
    let definition = resolve(root, definition);
    let required: Vec<&str> = definition["required"]
        .as_array()
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    // Required fields, and optional ones that most records need (a source's title, which only
    // a social-media post goes without), in the definition's order.
    let required: Vec<&str> = definition["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(name, property)| {
            required.contains(&name.as_str()) || property.get("x-accord-scaffold").is_some()
        })
        .map(|(name, _)| name.as_str())
        .collect();
    let mut out = String::new();
    let pad = " ".repeat(indent);
    for name in required {
        let property = &definition["properties"][name];
        let target = resolve(root, property);
        let note = comment(property, target);
        if let Some((_, value)) = known.iter().find(|(field, _)| *field == name) {
            out.push_str(&format!("{pad}{name}: {value}\n"));
            continue;
        }
        match target.get("type").and_then(Value::as_str) {
            Some("object") => {
                out.push_str(&format!("{pad}{name}:{note}\n"));
                out.push_str(&mapping(root, target, indent + 2, &[]));
            }
            Some("array") => {
                let items = resolve(root, &target["items"]);
                let at_least_one = target["minItems"].as_u64().unwrap_or(0) > 0;
                if at_least_one && items.get("type").and_then(Value::as_str) == Some("object") {
                    out.push_str(&format!("{pad}{name}:{note}\n"));
                    out.push_str(&list_item(root, items, indent + 2, &[]));
                } else {
                    out.push_str(&format!("{pad}{name}: []{note}\n"));
                }
            }
            _ => out.push_str(&format!("{pad}{name}: \"\"{note}\n")),
        }
    }
    out
}

/// The definition a property points at (through `$ref` or `allOf: [{"$ref"}]`), or the property.
fn resolve<'a>(root: &'a Value, property: &'a Value) -> &'a Value {
    let reference = property
        .get("$ref")
        .or_else(|| property.pointer("/allOf/0/$ref"))
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"));
    match reference {
        Some(name) => &root["$defs"][name],
        None => property,
    }
}

/// A trailing comment: the field's first sentence, and the values it takes or an example.
fn comment(property: &Value, target: &Value) -> String {
    let description = property
        .get("description")
        .or_else(|| target.get("description"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let first = description
        .split_inclusive(". ")
        .next()
        .unwrap_or(description)
        .lines()
        .next()
        .unwrap_or_default()
        .trim();
    let mut note = first.to_owned();
    if let Some(values) = target.get("enum").and_then(Value::as_array) {
        let values: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
        note.push_str(&format!(" One of: {}.", values.join(", ")));
    } else if let Some(example) = target.pointer("/examples/0").and_then(Value::as_str) {
        note.push_str(&format!(" For example `{example}`."));
    }
    if note.is_empty() {
        String::new()
    } else {
        format!("  # {note}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_scaffold() {
        for (kind, _) in kinds() {
            let scaffold = record(kind).unwrap_or_default();
            assert!(scaffold.contains("  - id: \"\""), "{kind}:\n{scaffold}");
        }
        assert!(record("treaty").is_none());
    }
}
