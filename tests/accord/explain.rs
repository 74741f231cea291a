//! The explanations of `accord explain`: each code's Markdown file follows the format, and its
//! details and examples the rules that `src/explain.rs` states. Each bad example is checked as an
//! invalid fixture and each fixed one as a valid fixture (`fixtures`).

use accord::Code;

#[test]
fn every_code_has_details_and_both_examples_or_neither() {
    for &code in Code::ALL {
        let explanation = code.explanation();
        let name = code.as_str();
        assert!(
            !explanation.details.trim().is_empty(),
            "{name} has no details"
        );
        for line in explanation.details.lines() {
            assert!(
                line.chars().count() <= 100,
                "{name}: details line longer than 100 columns: {line}"
            );
        }
        assert_eq!(
            explanation.bad.is_some(),
            explanation.fixed.is_some(),
            "{name} has one example but not the other"
        );
        for example in [explanation.bad, explanation.fixed].into_iter().flatten() {
            assert!(
                example.starts_with("# "),
                "{name}: an example starts with a comment saying what it shows"
            );
        }
    }
}

#[test]
fn every_code_markdown_file_follows_the_format() {
    for &code in Code::ALL {
        if let Err(error) = accord::explain::parse(code.markdown()) {
            panic!("src/codes/{}.md: {error}", code.as_str());
        }
    }
}

#[test]
fn every_markdown_file_in_src_codes_is_a_code() {
    let mut files = 0;
    for entry in std::fs::read_dir("src/codes").expect("src/codes") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let code = name.strip_suffix(".md").and_then(Code::from_name);
        assert!(
            code.is_some(),
            "src/codes/{name} is not the explanation of a code: add a row to `codes!` or remove it"
        );
        files += 1;
    }
    assert_eq!(files, Code::ALL.len());
}

#[test]
fn the_invalid_pattern_page_keeps_the_schema_s_short_patterns() {
    let page = accord::Code::InvalidPattern.explanation().details;
    let schema = accord::schema::data_file_schema();
    for (name, definition) in schema["$defs"].as_object().expect("definitions") {
        let Some(pattern) = definition["pattern"].as_str() else {
            continue;
        };
        if name == "Url" || name == "EmailAddress" {
            continue;
        }
        assert!(
            page.contains(pattern),
            "{name}'s pattern `{pattern}` is not on the page"
        );
    }
}
