//! What the schema says about the field at a place of a file: its description for hover, and
//! the values an enumeration allows, each with its description, for completion. The schema is
//! the data file's own (`schema::data_file_schema`), so the server says what the editor's YAML
//! extension would, without it.

use serde_json::Value;

use crate::diagnostic::Span;
use crate::yaml::SpanTree;

/// One step from a value to a child: a mapping's key or a list's item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    Key(String),
    Item,
}

/// What is at a place: the path of steps to it, and whether the place is on the key of the
/// entry the path ends at (rather than on its value), and that text's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Place {
    pub(super) path: Vec<Step>,
    pub(super) on_key: bool,
    pub(super) span: Span,
}

/// The deepest key or scalar value of `value` (its spans in `spans`) at byte `offset`. A place
/// just past the end of a key or value counts, where the cursor is after typing it.
pub(super) fn place_at(value: &Value, spans: &SpanTree, offset: usize) -> Option<Place> {
    let inside = |span: &Span| span.start <= offset && offset <= span.end;
    let mut path = Vec::new();
    let (mut value, mut node) = (value, spans);
    loop {
        let next = match value {
            Value::Object(map) => map
                .iter()
                .zip(&node.children)
                .find(|(_, child)| child.key.as_ref().is_some_and(inside) || inside(&child.span))
                .map(|((key, child_value), child)| (Step::Key(key.clone()), child_value, child)),
            Value::Array(items) => items
                .iter()
                .zip(&node.children)
                .find(|(_, child)| inside(&child.span))
                .map(|(child_value, child)| (Step::Item, child_value, child)),
            _ => None,
        };
        let Some((step, child_value, child)) = next else {
            return (!path.is_empty()).then_some(Place {
                path,
                on_key: false,
                span: node.span,
            });
        };
        let is_key = matches!(step, Step::Key(_));
        path.push(step);
        if is_key && let Some(key) = child.key.filter(inside) {
            return Some(Place {
                path,
                on_key: true,
                span: key,
            });
        }
        value = child_value;
        node = child;
    }
}

/// What the schema says of a field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct FieldHelp {
    /// The field's description.
    pub(super) description: String,
    /// The values an enumeration allows, each with what it means, when the field is one.
    pub(super) values: Vec<(String, String)>,
}

/// The schema of the value at `path` in a data file, and the description given where it is a
/// property (which is the field's own, more precise than its type's).
pub(super) fn field_help(schema: &Value, path: &[Step]) -> Option<FieldHelp> {
    let resolve = |node| resolve(schema, node);
    let mut node = schema;
    let mut description = None;
    for step in path {
        let here = resolve(node);
        let next = match step {
            Step::Item => here.get("items"),
            Step::Key(key) => property(schema, here, key),
        }?;
        if let Step::Key(_) = step {
            description = next
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned);
        }
        node = next;
    }
    let target = resolve(node);
    let description = description
        .or_else(|| {
            target
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .unwrap_or_default();
    let values = match target.get("enum").and_then(Value::as_array) {
        Some(values) => {
            let meanings = target
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default();
            values
                .iter()
                .filter_map(Value::as_str)
                .map(|v| (v.to_owned(), meaning(meanings, v)))
                .collect()
        }
        None => Vec::new(),
    };
    Some(FieldHelp {
        description,
        values,
    })
}

/// `node` with its `$ref` followed into the schema's `$defs`, or a property's
/// `allOf: [{$ref}]` beside its description.
fn resolve<'s>(schema: &'s Value, mut node: &'s Value) -> &'s Value {
    let defs = schema.get("$defs");
    for _ in 0..16 {
        let target = node
            .get("$ref")
            .or_else(|| {
                node.get("allOf")
                    .and_then(|a| a.get(0))
                    .and_then(|a| a.get("$ref"))
            })
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
            .and_then(|name| defs?.get(name));
        match target {
            Some(next) => node = next,
            None => break,
        }
    }
    node
}

/// The schema of property `key` of an object schema, looking into the branches of a union.
fn property<'s>(schema: &'s Value, object: &'s Value, key: &str) -> Option<&'s Value> {
    if let Some(found) = object.get("properties").and_then(|p| p.get(key)) {
        return Some(found);
    }
    ["oneOf", "anyOf", "allOf"]
        .iter()
        .filter_map(|k| object.get(*k).and_then(Value::as_array))
        .flatten()
        .find_map(|branch| {
            let branch = resolve(schema, branch);
            branch
                .get("properties")
                .and_then(|p| p.get(key))
                .or_else(|| {
                    branch
                        .get("then")
                        .and_then(|t| t.get("properties"))
                        .and_then(|p| p.get(key))
                })
        })
}

/// What `value` means, from an enumeration's description: its line "- `value`: meaning".
fn meaning(description: &str, value: &str) -> String {
    let marker = format!("- `{value}`:");
    description
        .lines()
        .find_map(|line| line.trim_start().strip_prefix(&marker))
        .map(|m| m.trim().to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_and_a_value_are_found_with_their_path() {
        let text = "claims:\n  - id: a\n    kind: sta\n";
        let (document, _) = crate::yaml::parse(text, &crate::yaml::Limits::default());
        let Some(value) = &document.value else {
            panic!("parsed");
        };
        let at = |needle: &str, plus: usize| {
            place_at(
                value,
                &document.spans,
                text.find(needle).unwrap_or_default() + plus,
            )
        };
        let kind = [
            Step::Key("claims".into()),
            Step::Item,
            Step::Key("kind".into()),
        ];
        assert_eq!(
            at("kind", 1),
            Some(Place {
                path: kind.to_vec(),
                on_key: true,
                span: Span::new(22, 26)
            })
        );
        let value_place = at("sta", 3).unwrap_or_else(|| panic!("a place"));
        assert_eq!(
            (value_place.path, value_place.on_key),
            (kind.to_vec(), false)
        );
    }

    #[test]
    fn the_schema_describes_a_field_and_its_values() {
        let schema = crate::schema::data_file_schema();
        let path = [
            Step::Key("claims".into()),
            Step::Item,
            Step::Key("kind".into()),
        ];
        let Some(help) = field_help(&schema, &path) else {
            panic!("no help");
        };
        assert_eq!(help.description, "What kind of claim this is.");
        let statement = help.values.iter().find(|(v, _)| v == "statement");
        assert_eq!(
            statement.map(|(_, m)| m.as_str()),
            Some("Something an actor said or reported that is not a stance.")
        );
        let quote = [
            Step::Key("claims".into()),
            Step::Item,
            Step::Key("citations".into()),
            Step::Item,
            Step::Key("quote".into()),
        ];
        let help = field_help(&schema, &quote).unwrap_or_default();
        assert!(
            help.description.starts_with("The passage, copied exactly"),
            "{help:?}"
        );
        assert!(help.values.is_empty());
    }
}
