//! The committed schema is the generated one, and it documents everything.

use serde_json::Value;

#[test]
fn committed_schema_files_are_fresh() {
    for (name, generated) in accord::schema_files() {
        let path = std::path::Path::new("schemas").join(name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is stale: regenerate it with `cargo run -- schema --out schemas/`",
            path.display()
        );
    }
}

#[test]
fn every_property_and_definition_has_a_description() {
    let schema = accord::schema::data_file_schema();
    let defs = schema["$defs"].as_object().expect("$defs");
    let mut missing = Vec::new();
    for (name, def) in defs {
        if def
            .get("description")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        {
            missing.push(name.clone());
        }
        for (property, sub) in def
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if sub.get("description").is_none() {
                missing.push(format!("{name}.{property}"));
            }
        }
    }
    assert!(missing.is_empty(), "undocumented: {missing:?}");
}

#[test]
fn constrained_strings_have_patterns_and_examples() {
    let schema = accord::schema::data_file_schema();
    for (name, def) in schema["$defs"].as_object().expect("$defs") {
        if let Some(pattern) = def.get("pattern").and_then(Value::as_str) {
            let regex = regex::Regex::new(pattern).expect("pattern compiles");
            let examples = def
                .get("examples")
                .and_then(Value::as_array)
                .unwrap_or_else(|| panic!("{name} has no examples"));
            for example in examples {
                assert!(
                    regex.is_match(example.as_str().unwrap_or_default()),
                    "{name}: {example}"
                );
            }
        }
    }
}

#[test]
fn the_schema_names_itself_and_an_entity_per_definition() {
    let schema = accord::schema::data_file_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["$id"], accord::schema::DATA_FILE_SCHEMA_ID);
    assert_eq!(schema["title"], "accord data file");
    for entity in [
        "Source",
        "Person",
        "Organization",
        "Office",
        "Event",
        "Agreement",
        "Term",
        "Fund",
        "Claim",
        "Citation",
        "DateValue",
    ] {
        assert!(schema["$defs"].get(entity).is_some(), "{entity}");
    }
}

#[test]
fn the_readme_lists_every_diagnostic_code() {
    const HEADER: &str = "| code | severity | meaning |\n|---|---|---|\n";
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let mut expected = String::from(HEADER);
    for code in accord::Code::ALL {
        expected += &format!(
            "| `{}` | {} | {} |\n",
            code.as_str(),
            code.severity().as_str(),
            code.summary()
        );
    }
    // The table as the README has it: the header and every table line after it.
    let table: String = readme
        .split_once(HEADER)
        .map(|(_, rest)| {
            let rows: String = rest
                .lines()
                .take_while(|line| line.starts_with('|'))
                .map(|line| format!("{line}\n"))
                .collect();
            format!("{HEADER}{rows}")
        })
        .unwrap_or_default();
    assert!(
        table == expected,
        "the table of diagnostic codes in README.md differs from the codes table in \
         src/diagnostic.rs; it should be:\n\n{expected}"
    );
}

/// An optional list is left out when empty, so every schema says that absent means `[]`; a list
/// that must hold something, or must be present, has no default.
#[test]
fn optional_lists_default_to_empty() {
    fn visit(schema: &Value, at: &str, checked: &mut usize) {
        match schema {
            Value::Object(map) => {
                let required: Vec<&str> = map
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                for (name, property) in map
                    .get("properties")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    if property.get("type").and_then(Value::as_str) != Some("array") {
                        continue;
                    }
                    let optional = !required.contains(&name.as_str())
                        && property
                            .get("minItems")
                            .and_then(Value::as_u64)
                            .unwrap_or(0)
                            == 0;
                    let default = property.get("default");
                    if optional {
                        *checked += 1;
                        assert_eq!(default, Some(&Value::Array(Vec::new())), "{at}/{name}");
                    } else {
                        assert!(default.is_none(), "{at}/{name} has a default");
                    }
                }
                for (key, child) in map {
                    visit(child, &format!("{at}/{key}"), checked);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| visit(item, at, checked)),
            _ => {}
        }
    }
    let mut checked = 0;
    visit(&accord::schema::data_file_schema(), "", &mut checked);
    visit(&accord::dataset::export_schema(), "", &mut checked);
    // Every section of a data file, and the optional lists of the records (aliases, terms, ...).
    assert!(checked > 60, "only {checked} optional lists");
}

/// The published schemas name draft 2020-12 but use only keywords that mean the same in draft 7:
/// validators that implement draft 7 and not 2020-12 (Python's `fastjsonschema` compiles any
/// schema it does not know with its draft-7 code) then give the same verdicts. A keyword new in
/// 2019-09 or 2020-12 (`prefixItems`, `unevaluatedProperties`, `dependentRequired`, `$anchor`,
/// ...) fails this test until the README's note on draft-7 validators is revised.
#[test]
fn the_schemas_use_only_keywords_draft_7_shares() {
    const SHARED: &[&str] = &[
        "$schema",
        "$id",
        "$ref",
        "$defs",
        "title",
        "description",
        "default",
        "examples",
        "type",
        "enum",
        "const",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "minItems",
        "maxItems",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "pattern",
        "format",
        "allOf",
        "oneOf",
        "anyOf",
    ];
    fn visit(schema: &Value, found: &mut std::collections::BTreeSet<String>) {
        let Value::Object(map) = schema else { return };
        for (key, child) in map {
            found.insert(key.clone());
            match key.as_str() {
                "properties" | "$defs" => child
                    .as_object()
                    .into_iter()
                    .flatten()
                    .for_each(|(_, sub)| visit(sub, found)),
                "allOf" | "oneOf" | "anyOf" => child
                    .as_array()
                    .into_iter()
                    .flatten()
                    .for_each(|sub| visit(sub, found)),
                "items" | "additionalProperties" => visit(child, found),
                _ => {}
            }
        }
    }
    for (name, text) in accord::schema_files() {
        let mut found = std::collections::BTreeSet::new();
        visit(&serde_json::from_str(&text).expect("JSON"), &mut found);
        let other: Vec<&String> = found
            .iter()
            .filter(|key| {
                !SHARED.contains(&key.as_str())
                    && !key.starts_with("x-accord-")
                    && !key.starts_with("markdown")
            })
            .collect();
        assert!(other.is_empty(), "{name} uses {other:?}");
    }
}
