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
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    for code in accord::Code::ALL {
        let row = format!(
            "| `{}` | {} | {} |",
            code.as_str(),
            code.severity().as_str(),
            code.summary()
        );
        assert!(readme.contains(&row), "README.md lacks the row: {row}");
    }
}
