//! Property tests over generated data files.
//!
//! Documents are generated from the exported schema itself (every `$defs` entity, pattern, enum,
//! bound and optional field), so the generator follows the model as it changes. Three
//! properties hold for every generated document:
//!
//! 1. it deserializes into the model, and the model value, written as block YAML, reads back
//!    through both YAML readers to the same value, validates clean and deserializes back equal;
//! 2. near misses of it (a field removed, an unknown field, `null`, an empty list, a number out
//!    of range, a pattern's boundary case, another type) get the same verdict from the schema
//!    and from the types;
//! 3. every finding's span lies inside the file, on a character boundary, and on the line of
//!    the node its pointer names; reading the file record by record, as large files are, gives
//!    the same findings in the same places.

use std::cell::Cell;
use std::collections::HashMap;

use accord::model::DataFile;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde::Deserialize;
use serde_json::{Map, Value};

/// How deep the generator follows nested records before it stops adding optional content.
const MAX_DEPTH: usize = 8;

/// A strategy for documents valid against `node`, a subschema of `root`.
fn valid(root: &Value, node: &Value, depth: usize) -> BoxedStrategy<Value> {
    if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/$defs/");
        return valid(root, &root["$defs"][name], depth + 1);
    }
    if let Some([only]) = node
        .get("allOf")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
    {
        return valid(root, only, depth);
    }
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        return proptest::sample::select(values.clone()).boxed();
    }
    if let Some(value) = node.get("const") {
        return Just(value.clone()).boxed();
    }
    // A tagged union: a document of any one branch.
    if let Some(branches) = node.get("oneOf").and_then(Value::as_array) {
        let strategies: Vec<BoxedStrategy<Value>> = branches
            .iter()
            .map(|branch| valid(root, branch, depth))
            .collect();
        return proptest::strategy::Union::new(strategies).boxed();
    }
    match node.get("type").and_then(Value::as_str) {
        Some("object") => object(root, node, depth),
        Some("array") => {
            let min = node.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
            let max = if depth >= MAX_DEPTH { min } else { min + 2 };
            proptest::collection::vec(valid(root, &node["items"], depth + 1), min..=max)
                .prop_map(Value::Array)
                .boxed()
        }
        Some("string") => string(node),
        Some("integer") => {
            let min = node.get("minimum").and_then(Value::as_u64).unwrap_or(0);
            let max = node
                .get("maximum")
                .and_then(Value::as_u64)
                .unwrap_or(u64::MAX);
            prop_oneof![Just(min), Just(max), min..=max]
                .prop_map(Value::from)
                .boxed()
        }
        Some("number") => {
            let min = node.get("minimum").and_then(Value::as_f64).unwrap_or(-1e9);
            let max = node.get("maximum").and_then(Value::as_f64).unwrap_or(1e9);
            prop_oneof![Just(min), Just(max), min..=max]
                .prop_map(Value::from)
                .boxed()
        }
        Some("boolean") => any::<bool>().prop_map(Value::from).boxed(),
        other => panic!("the generator does not know the schema type {other:?} in {node}"),
    }
}

fn object(root: &Value, node: &Value, depth: usize) -> BoxedStrategy<Value> {
    let required: Vec<&str> = node
        .get("required")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut fields = Vec::new();
    for (name, property) in node["properties"].as_object().expect("properties") {
        let strategy = valid(root, property, depth + 1);
        let name = name.clone();
        let field = if required.contains(&name.as_str()) {
            strategy.prop_map(move |v| (name.clone(), Some(v))).boxed()
        } else if depth >= MAX_DEPTH {
            Just((name, None)).boxed()
        } else {
            proptest::option::weighted(0.5, strategy)
                .prop_map(move |v| (name.clone(), v))
                .boxed()
        };
        fields.push(field);
    }
    fields
        .prop_map(|fields| {
            Value::Object(
                fields
                    .into_iter()
                    .filter_map(|(name, value)| Some((name, value?)))
                    .collect::<Map<String, Value>>(),
            )
        })
        .boxed()
}

fn string(node: &Value) -> BoxedStrategy<Value> {
    let max_chars = node
        .get("maxLength")
        .and_then(Value::as_u64)
        .map_or(usize::MAX, |n| n as usize);
    let min_chars = node
        .get("minLength")
        .and_then(Value::as_u64)
        .map_or(0, |n| n as usize);
    let Some(pattern) = node.get("pattern").and_then(Value::as_str) else {
        // Free text: words, any printable text, and any characters at all.
        return prop_oneof![
            "[A-Z][a-z]{1,8}( [a-z]{1,8}){0,5}\\.?",
            "\\PC{0,16}",
            "(?s).{0,8}",
        ]
        .prop_filter("shorter than minLength", move |text| {
            text.chars().count() >= min_chars
        })
        .prop_map(Value::String)
        .boxed();
    };
    let rule = regex::Regex::new(pattern).expect("the pattern compiles");
    // Every pattern is anchored at both ends; the generator needs the body.
    let body = pattern
        .strip_prefix('^')
        .and_then(|p| p.strip_suffix('$'))
        .expect("an anchored pattern");
    proptest::string::string_regex(&bounded_repetitions(body))
        .expect("the generator reads the pattern")
        .prop_filter("longer than maxLength, or not matching", move |text| {
            text.chars().count() <= max_chars && rule.is_match(text)
        })
        .prop_map(Value::String)
        .boxed()
}

/// `pattern` with `+` and `*` outside character classes bounded, so that generated text is
/// mostly short enough for `maxLength` (the generator repeats unbounded items up to 32 times).
fn bounded_repetitions(pattern: &str) -> String {
    let (mut out, mut in_class, mut escaped) = (String::new(), false, false);
    for c in pattern.chars() {
        match c {
            _ if escaped => {
                escaped = false;
                out.push(c);
            }
            '\\' => {
                escaped = true;
                out.push(c);
            }
            '[' => {
                in_class = true;
                out.push(c);
            }
            ']' => {
                in_class = false;
                out.push(c);
            }
            '+' if !in_class => out.push_str("{1,6}"),
            '*' if !in_class => out.push_str("{0,3}"),
            _ => out.push(c),
        }
    }
    out
}

/// Block YAML for a JSON value, with the line of every node's key (or `- `) and of its value,
/// by JSON Pointer.
#[derive(Default)]
struct BlockYaml {
    text: String,
    line: usize,
    lines: HashMap<String, (usize, usize)>,
}

impl BlockYaml {
    fn of(value: &Value) -> BlockYaml {
        let mut yaml = BlockYaml {
            line: 1,
            ..Default::default()
        };
        yaml.lines.insert(String::new(), (1, 1));
        match value {
            Value::Object(map) if !map.is_empty() => yaml.entries(map, 0, "", false),
            other => {
                let scalar = scalar(other);
                yaml.push_line(&scalar);
            }
        }
        yaml
    }

    fn push_line(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push('\n');
        self.line += 1;
    }

    fn entries(&mut self, map: &Map<String, Value>, indent: usize, pointer: &str, dash: bool) {
        for (i, (key, value)) in map.iter().enumerate() {
            let lead = if dash && i == 0 {
                format!("{}- ", " ".repeat(indent - 2))
            } else {
                " ".repeat(indent)
            };
            let pointer = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
            let key_line = self.line;
            match value {
                Value::Object(inner) if !inner.is_empty() => {
                    self.push_line(&format!("{lead}{key}:"));
                    self.lines.insert(pointer.clone(), (key_line, key_line + 1));
                    self.entries(inner, indent + 2, &pointer, false);
                }
                Value::Array(items) if !items.is_empty() => {
                    self.push_line(&format!("{lead}{key}:"));
                    self.lines.insert(pointer.clone(), (key_line, key_line + 1));
                    self.items(items, indent + 2, &pointer);
                }
                scalar_value => {
                    self.push_line(&format!("{lead}{key}: {}", scalar(scalar_value)));
                    self.lines.insert(pointer, (key_line, key_line));
                }
            }
        }
    }

    fn items(&mut self, items: &[Value], indent: usize, pointer: &str) {
        for (i, item) in items.iter().enumerate() {
            let pointer = format!("{pointer}/{i}");
            let line = self.line;
            self.lines.insert(pointer.clone(), (line, line));
            match item {
                Value::Object(map) if !map.is_empty() => {
                    self.entries(map, indent + 2, &pointer, true)
                }
                Value::Array(inner) if !inner.is_empty() => {
                    self.push_line(&format!("{}-", " ".repeat(indent)));
                    self.lines.insert(pointer.clone(), (line, line + 1));
                    self.items(inner, indent + 2, &pointer);
                }
                other => self.push_line(&format!("{}- {}", " ".repeat(indent), scalar(other))),
            }
        }
    }
}

/// A scalar as YAML: plain where that is unambiguous in YAML 1.2 and 1.1, double-quoted
/// otherwise.
fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => {
            static PLAIN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
                regex::Regex::new(r"^[A-Za-z]([A-Za-z0-9 ,.()'/-]*[A-Za-z0-9.)])?$").expect("regex")
            });
            let reserved = ["null", "true", "false", "yes", "no", "on", "off", "y", "n"];
            if PLAIN.is_match(text) && !reserved.contains(&text.to_lowercase().as_str()) {
                text.clone()
            } else {
                double_quoted(text)
            }
        }
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
        other => other.to_string(),
    }
}

/// A YAML double-quoted scalar: escapes for the quote, the backslash, line breaks and every
/// character YAML does not allow raw.
fn double_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~'
            | '\u{a0}'..='\u{d7ff}'
            | '\u{e000}'..='\u{fefe}'
            | '\u{ff00}'..='\u{fffd}' => out.push(c),
            c if c >= '\u{10000}' => out.push(c),
            c => out.push_str(&format!("\\u{:04X}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

fn documents() -> BoxedStrategy<Value> {
    let schema = accord::schema::data_file_schema();
    valid(&schema, &schema, 0)
}

#[test]
fn generated_documents_round_trip_through_yaml_and_validate_clean() {
    let validator = accord::validate::SchemaValidator::new().expect("the schema compiles");
    let limits = accord::yaml::Limits::default();
    runner(96)
        .run(&documents(), |document| {
            // Schema to types: what the schema generated, the types accept.
            let model = DataFile::deserialize(&document)
                .map_err(|e| TestCaseError::fail(format!("the types reject it: {e}")))?;
            // Types to YAML and back.
            let value = serde_json::to_value(&model).expect("serializes");
            let yaml = BlockYaml::of(&value);
            let (full, findings) = accord::yaml::parse(&yaml.text, &limits);
            prop_assert!(findings.is_empty(), "{findings:?}\n{}", yaml.text);
            let read = full.value.expect("a document");
            if let Some(fast) = accord::yaml::fast::parse(&yaml.text, &limits) {
                prop_assert_eq!(&fast, &read, "the readers disagree on\n{}", yaml.text);
            }
            let findings = validator.validate(&read, &|_| None);
            prop_assert!(findings.is_empty(), "{findings:?}\n{}", yaml.text);
            let back = DataFile::deserialize(&read)
                .map_err(|e| TestCaseError::fail(format!("{e}\n{}", yaml.text)))?;
            prop_assert_eq!(&back, &model, "{}", yaml.text);
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
}

/// Values just outside (or just inside) what some field accepts.
fn boundary_values(current: &Value) -> Vec<Value> {
    let mut values = vec![
        Value::Null,
        Value::Array(vec![]),
        Value::Object(Map::new()),
        Value::from(""),
        Value::from("not_a_value"),
        Value::from(0),
        Value::from(-1),
        Value::from(100),
        Value::from(100.5),
        Value::from(4_294_967_296_u64),
        Value::from(true),
        Value::from("2025-02-30"),
        Value::from("2025-13"),
        Value::from("24:00"),
        Value::from("Q0"),
        Value::from("gb"),
        Value::from("a".repeat(100)),
        Value::from("a".repeat(101)),
    ];
    if let Some(text) = current.as_str() {
        let mut chars = text.chars();
        chars.next_back();
        values.extend(
            [
                format!("{text}-"),
                format!("{text}\n"),
                format!(" {text}"),
                text.to_uppercase(),
                chars.as_str().to_owned(),
            ]
            .map(Value::from),
        );
    }
    if let Some(items) = current.as_array() {
        values.push(Value::Array(items.iter().take(1).cloned().collect()));
    }
    values
}

/// A document with one near-miss change at a place `choice` picks; the change's pointer.
fn near_miss(document: &Value, choice: u64) -> (Value, String) {
    let mut rng = crate::Rng(choice | 1);
    let mut pointers = Vec::new();
    crate::objects(document, String::new(), &mut pointers);
    let mut variant = document.clone();
    let pointer = pointers[rng.below(pointers.len())].clone();
    let Some(Value::Object(map)) = variant.pointer_mut(&pointer) else {
        unreachable!("pointers name objects")
    };
    let keys: Vec<String> = map.keys().cloned().collect();
    let changed = match (rng.below(4), keys.get(rng.below(keys.len()))) {
        (0, Some(key)) => {
            map.remove(key);
            format!("{pointer}/{key}")
        }
        (1, _) | (_, None) => {
            map.insert("not_a_field".into(), Value::from("x"));
            format!("{pointer}/not_a_field")
        }
        (_, Some(key)) => {
            let values = boundary_values(&map[key]);
            map.insert(key.clone(), values[rng.below(values.len())].clone());
            format!("{pointer}/{key}")
        }
    };
    (variant, changed)
}

#[test]
fn schema_and_types_agree_on_near_misses_of_generated_documents() {
    let schema = accord::schema::data_file_schema();
    let compiled = jsonschema::validator_for(&schema).expect("compiles");
    let (variants, rejected) = (Cell::new(0), Cell::new(0));
    runner(512)
        .run(&(documents(), any::<u64>()), |(document, choice)| {
            let (variant, changed) = near_miss(&document, choice);
            let schema_says = compiled.is_valid(&variant);
            let types_say = DataFile::deserialize(&variant);
            prop_assert_eq!(
                schema_says,
                types_say.is_ok(),
                "after changing {}, the schema says {} and the types say {:?}:\n{}",
                changed,
                schema_says,
                types_say.err(),
                serde_json::to_string_pretty(&variant).unwrap_or_default()
            );
            variants.set(variants.get() + 1);
            rejected.set(rejected.get() + usize::from(!schema_says));
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
    // The changes must mostly break something, or the property says little.
    let (variants, rejected) = (variants.get(), rejected.get());
    assert!(
        rejected * 2 > variants,
        "only {rejected} of {variants} near misses were rejected"
    );
}

#[test]
fn every_finding_lies_in_the_file_on_the_line_of_its_node() {
    let validator = accord::validate::SchemaValidator::new().expect("the schema compiles");
    let limits = accord::yaml::Limits::default();
    let placed = Cell::new(0);
    runner(256)
        .run(&(documents(), any::<u64>()), |(document, choice)| {
            let (variant, _) = near_miss(&document, choice);
            let yaml = BlockYaml::of(&variant);
            let outcome = accord::validate::check_file(
                std::path::Path::new("generated.yaml"),
                &yaml.text,
                &validator,
                &limits,
            );
            // Large files are read record by record and placed one record at a time: that
            // gives the same findings, in the same places.
            let by_record = accord::validate::check_file_by_record(
                std::path::Path::new("generated.yaml"),
                &yaml.text,
                &validator,
                &limits,
            );
            prop_assert_eq!(
                &by_record.diagnostics,
                &outcome.diagnostics,
                "{}",
                yaml.text
            );
            for finding in &outcome.diagnostics {
                let span = finding.span.expect("every finding of a file has a span");
                prop_assert!(
                    span.start <= span.end
                        && span.end <= yaml.text.len()
                        && yaml.text.is_char_boundary(span.start)
                        && yaml.text.is_char_boundary(span.end),
                    "{finding:?} lies outside\n{}",
                    yaml.text
                );
                let Some(pointer) = finding.pointer() else {
                    continue;
                };
                let line = yaml.text[..span.start].matches('\n').count() + 1;
                // A missing field is placed at its object, which is where the key would go.
                let node = yaml
                    .lines
                    .get(pointer)
                    .or_else(|| yaml.lines.get(&parent(pointer)));
                let (key_line, value_line) = *node.expect("the pointer names a node");
                prop_assert!(
                    line == key_line || line == value_line,
                    "{:?} at {} is on line {}, its node on {}/{}:\n{}",
                    finding.code,
                    pointer,
                    line,
                    key_line,
                    value_line,
                    yaml.text
                );
                placed.set(placed.get() + 1);
            }
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
    let placed = placed.get();
    assert!(placed > 100, "only {placed} findings were placed");
}

fn parent(pointer: &str) -> String {
    pointer
        .rsplit_once('/')
        .map_or(String::new(), |(parent, _)| parent.to_owned())
}
