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

/// Where a key is being typed: the path of the mapping it goes in, the span of the part typed
/// so far, and the keys the mapping already has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct KeyPlace {
    pub(super) mapping: Vec<Step>,
    pub(super) typed: Span,
    pub(super) siblings: Vec<String>,
    /// The mapping's `kind`, when it has one: which branch of a union the keys come from.
    pub(super) kind: Option<String>,
}

/// One line's structure, as far as keys go: its list item markers (their columns) and its key
/// (column and name), if it has them, and whether its value starts a block scalar.
struct LineShape<'t> {
    dashes: Vec<usize>,
    key: Option<(usize, &'t str)>,
    value: &'t str,
}

fn shape(line: &str) -> LineShape<'_> {
    let mut dashes = Vec::new();
    let mut column = line.len() - line.trim_start_matches(' ').len();
    let mut rest = &line[column..];
    while let Some(after) = rest
        .strip_prefix("- ")
        .or_else(|| (rest == "-").then_some(""))
    {
        dashes.push(column);
        let spaces = after.len() - after.trim_start_matches(' ').len();
        column += rest.len() - after.len() + spaces;
        rest = &after[spaces..];
    }
    let name_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let name = &rest[..name_end];
    let after_name = &rest[name_end..];
    let is_key = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && (after_name == ":" || after_name.starts_with(": ") || after_name.starts_with(":\t"));
    LineShape {
        dashes,
        key: is_key.then_some((column, name)),
        value: if is_key { after_name[1..].trim() } else { "" },
    }
}

/// A frame of the stack of open mappings and lists while lines are read.
struct Frame {
    indent: usize,
    step: Step,
    id: usize,
}

/// Where a key is being typed at byte `offset` of `text`, read from the indentation of the
/// lines, since a key typed without its colon yet leaves no YAML to parse. `None` when the
/// place is not where a key goes: in a value, a comment or a flow collection.
pub(super) fn key_place(text: &str, offset: usize) -> Option<KeyPlace> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..offset].trim_end_matches('\r');
    // The cursor line up to the cursor: indentation, list markers, and a key's first letters.
    let here = shape(before);
    if here.key.is_some() {
        return None;
    }
    let typed_from = before.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
    let column = typed_from.len();
    if shape(typed_from).dashes.len() != here.dashes.len()
        || !typed_from[here.dashes.last().map_or(0, |d| d + 1)..]
            .chars()
            .all(|c| c == ' ')
    {
        return None;
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut next_id = 1;
    let mut keys: Vec<(usize, String, String)> = Vec::new();
    let mut block_scalar_above: Option<usize> = None;
    let mut cursor_parent: Option<usize> = None;
    let mut mapping = Vec::new();
    let mut position = 0;
    for line in text.split_inclusive('\n') {
        let start = position;
        position += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        let is_cursor_line = start == line_start;
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(key_indent) = block_scalar_above {
            if line.trim().is_empty() || indent > key_indent {
                continue;
            }
            block_scalar_above = None;
        }
        if !is_cursor_line && (line.trim().is_empty() || line.trim_start().starts_with('#')) {
            continue;
        }
        let shape = if is_cursor_line {
            shape(typed_from)
        } else {
            shape(line)
        };
        for &dash in &shape.dashes {
            while stack
                .last()
                .is_some_and(|f| f.indent > dash || (f.indent == dash && f.step == Step::Item))
            {
                stack.pop();
            }
            stack.push(Frame {
                indent: dash,
                step: Step::Item,
                id: next_id,
            });
            next_id += 1;
        }
        let key = if is_cursor_line {
            Some((column, ""))
        } else {
            shape.key
        };
        let Some((key_column, name)) = key else {
            continue;
        };
        while stack.last().is_some_and(|f| f.indent >= key_column) {
            stack.pop();
        }
        let parent = stack.last().map_or(0, |f| f.id);
        if let Some(cursor_parent) = cursor_parent
            && !stack.iter().any(|f| f.id == cursor_parent)
            && cursor_parent != 0
        {
            break;
        }
        if is_cursor_line {
            cursor_parent = Some(parent);
            mapping = stack.iter().map(|f| f.step.clone()).collect();
        } else {
            keys.push((parent, name.to_owned(), shape.value.to_owned()));
            if shape.value.starts_with(['|', '>']) {
                block_scalar_above = Some(key_column);
            }
        }
        stack.push(Frame {
            indent: key_column,
            step: Step::Key(name.to_owned()),
            id: next_id,
        });
        next_id += 1;
    }
    let parent = cursor_parent?;
    let siblings: Vec<(String, String)> = keys
        .into_iter()
        .filter(|(p, _, _)| *p == parent)
        .map(|(_, name, value)| (name, value))
        .collect();
    let typed_end = before.len().max(column);
    Some(KeyPlace {
        mapping,
        typed: Span::new(line_start + column, line_start + typed_end),
        kind: siblings
            .iter()
            .find(|(name, _)| name == "kind")
            .map(|(_, value)| value.trim_matches(['"', '\'']).to_owned()),
        siblings: siblings.into_iter().map(|(name, _)| name).collect(),
    })
}

/// The fields an object at `path` takes, by the schema: each name with its description, those
/// of the branch of a union that `kind` selects (all branches' when it selects none).
pub(super) fn fields_of(
    schema: &Value,
    path: &[Step],
    kind: Option<&str>,
) -> Vec<(String, String)> {
    let Some(node) = node_at(schema, path) else {
        return Vec::new();
    };
    let object = resolve(schema, node);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |properties: Option<&Value>| {
        for (name, property) in properties.and_then(Value::as_object).into_iter().flatten() {
            if out.iter().all(|(known, _)| known != name) {
                let description = property
                    .get("description")
                    .or_else(|| resolve(schema, property).get("description"))
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                out.push((name.clone(), description.to_owned()));
            }
        }
    };
    add(object.get("properties"));
    let branches: Vec<&Value> = ["oneOf", "anyOf", "allOf"]
        .iter()
        .filter_map(|k| object.get(*k).and_then(Value::as_array))
        .flatten()
        .map(|branch| resolve(schema, branch))
        .collect();
    let selects = |branch: &Value| {
        let kind_schema = branch
            .get("properties")
            .or_else(|| branch.get("then").and_then(|t| t.get("properties")))
            .and_then(|p| p.get("kind"))
            .map(|k| resolve(schema, k));
        kind.zip(kind_schema).is_some_and(|(kind, k)| {
            k.get("const").and_then(Value::as_str) == Some(kind)
                || k.get("enum")
                    .and_then(Value::as_array)
                    .is_some_and(|values| values.iter().any(|v| v.as_str() == Some(kind)))
        })
    };
    let chosen: Vec<&Value> = match branches
        .iter()
        .copied()
        .filter(|b| selects(b))
        .collect::<Vec<_>>()
    {
        chosen if !chosen.is_empty() => chosen,
        _ => branches,
    };
    for branch in chosen {
        add(branch.get("properties"));
        add(branch.get("then").and_then(|t| t.get("properties")));
    }
    out
}

/// The schema of the value at `path`.
fn node_at<'s>(schema: &'s Value, path: &[Step]) -> Option<&'s Value> {
    let mut node = schema;
    for step in path {
        let here = resolve(schema, node);
        node = match step {
            Step::Item => here.get("items"),
            Step::Key(key) => property(schema, here, key),
        }?;
    }
    Some(node)
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
    fn a_key_being_typed_is_placed_by_indentation() {
        let text = "events:\n  - id: a\n    kind: talks\n    text: |\n      not: a key\n    mod\n    title: T\n  - id: b\n";
        let offset = text.find("mod").unwrap_or_default() + 3;
        let place = key_place(text, offset).unwrap_or_else(|| panic!("a key place"));
        assert_eq!(place.mapping, [Step::Key("events".into()), Step::Item]);
        assert_eq!(&text[place.typed.start..place.typed.end], "mod");
        assert_eq!(place.siblings, ["id", "kind", "text", "title"]);
        assert_eq!(place.kind.as_deref(), Some("talks"));
        // A new item's first key, and a value: not a key's place.
        let text = "people:\n  - id: a\n  - na";
        let place = key_place(text, text.len()).unwrap_or_else(|| panic!("a key place"));
        assert_eq!(place.mapping, [Step::Key("people".into()), Step::Item]);
        assert!(place.siblings.is_empty());
        assert_eq!(key_place("people:\n  - id: ab", 17), None);
        // At the top level, the sections.
        let place = key_place("sources: []\neve", 15).unwrap_or_else(|| panic!("a key place"));
        assert!(place.mapping.is_empty());
        assert_eq!(place.siblings, ["sources"]);
    }

    #[test]
    fn the_fields_of_a_union_come_from_the_branch_its_kind_selects() {
        let schema = crate::schema::data_file_schema();
        let event = [Step::Key("events".into()), Step::Item];
        let fields = fields_of(&schema, &event, None);
        let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"participants"), "{names:?}");
        assert!(fields.iter().all(|(_, d)| !d.is_empty()), "{fields:?}");
        let top = fields_of(&schema, &[], None);
        assert!(top.iter().any(|(n, _)| n == "events"), "{top:?}");
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
