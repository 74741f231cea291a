//! Fixture folders: `valid/` files give no finding; each `invalid/` file is named after the code
//! it must trigger (`CODE.yaml` or `CODE--VARIANT.yaml`) and gives findings of that code only.

use std::collections::BTreeSet;
use std::path::Path;

use crate::{check, rendered};

const BASE: &str = "tests/fixtures/base";

#[test]
fn the_base_dataset_is_clean() {
    let run = check(&[Path::new(BASE)]);
    assert_eq!(rendered(&run), "");
    assert_eq!(run.files_checked, 1);
    assert!(run.records >= 5);
}

#[test]
fn valid_fixtures_give_no_findings() {
    insta::glob!("../fixtures/valid", "*.yaml", |path| {
        let run = check(&[Path::new(BASE), path]);
        assert_eq!(rendered(&run), "", "{}", path.display());
    });
}

#[test]
fn each_invalid_fixture_gives_its_code_only() {
    let mut codes_seen = BTreeSet::new();
    insta::glob!("../fixtures/invalid", "*.yaml", |path| {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let expected = stem.split("--").next().unwrap_or_default();
        assert!(
            accord::Code::from_name(expected).is_some(),
            "{stem} does not name a code"
        );
        let relative = path
            .strip_prefix(std::env::current_dir().unwrap_or_default())
            .unwrap_or(path);
        let run = check(&[Path::new(BASE), relative]);
        let codes: BTreeSet<&str> = run.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(
            codes,
            BTreeSet::from([expected]),
            "{}:\n{}",
            path.display(),
            rendered(&run)
        );
        for diagnostic in &run.diagnostics {
            assert_eq!(
                diagnostic.path,
                relative,
                "findings stay in the fixture: {}",
                rendered(&run)
            );
        }
        codes_seen.insert(expected.to_owned());
        insta::assert_snapshot!(rendered(&run));
    });
    let untested: Vec<&str> = accord::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !codes_seen.contains(*c) && !UNTESTABLE_AS_ONE_FILE.contains(c))
        .collect();
    assert!(
        untested.is_empty(),
        "codes without an invalid fixture: {untested:?}"
    );
}

/// Codes no fixture file can trigger with the default options: `io-error`, `file-too-large` and
/// `link-outside-dataset` (which needs `--follow-links`) are tested in `hostile`;
/// `schema-violation` is a safety net that no rule of the current schema reaches.
const UNTESTABLE_AS_ONE_FILE: &[&str] = &[
    "io-error",
    "file-too-large",
    "link-outside-dataset",
    "schema-violation",
];

/// The marked lines of a fixture file, which may not be UTF-8.
fn marked_lines(path: &Path) -> BTreeSet<(usize, String)> {
    crate::marked_lines(&String::from_utf8_lossy(
        &std::fs::read(path).expect("fixture"),
    ))
}

#[test]
fn every_finding_points_at_the_marked_line() {
    insta::glob!("../fixtures/invalid", "*.yaml", |path| {
        let relative = path
            .strip_prefix(std::env::current_dir().unwrap_or_default())
            .unwrap_or(path);
        let expected = marked_lines(relative);
        if relative.ends_with("empty-file.yaml") {
            assert!(expected.is_empty());
            return;
        }
        assert!(!expected.is_empty(), "{} marks no line", relative.display());
        let run = check(&[Path::new(BASE), relative]);
        let text = &run.texts[relative];
        let index = accord::position::LineIndex::new(text);
        let found: BTreeSet<(usize, String)> = run
            .diagnostics
            .iter()
            .map(|d| {
                let span = d.span.expect("every fixture finding has a place");
                (
                    index.position(text, span.start).line,
                    d.code.as_str().to_owned(),
                )
            })
            .collect();
        assert_eq!(found, expected, "{}", relative.display());
    });
}

/// The fixtures whose finding suggests a fix: the text the fix replaces, and its replacement.
const SUGGESTED: &[(&str, &str, &str)] = &[
    ("dangling-reference.yaml", "ana-ruis", "ana-ruiz"),
    ("invalid-pattern--lowercase-country-code.yaml", "gb", "GB"),
    ("invalid-pattern.yaml", "Ana_Ruiz_2", "ana-ruiz-2"),
    ("invalid-value.yaml", "statment", "statement"),
    ("unknown-field.yaml", "sumary", "summary"),
];

#[test]
fn suggestions_replace_the_misspelled_text_and_fix_the_file() {
    let mut suggested = BTreeSet::new();
    insta::glob!("../fixtures/invalid", "*.yaml", |path| {
        let relative = path
            .strip_prefix(std::env::current_dir().unwrap_or_default())
            .unwrap_or(path);
        let run = check(&[Path::new(BASE), relative]);
        let Some(finding) = run.diagnostics.iter().find(|d| d.suggestion.is_some()) else {
            return;
        };
        let name = relative
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        suggested.insert(name.to_owned());
        let Some((_, misspelled, replacement)) = SUGGESTED.iter().find(|(f, _, _)| *f == name)
        else {
            panic!("{name} suggests a fix SUGGESTED does not list");
        };
        let suggestion = finding.suggestion.as_ref().expect("a suggestion");
        assert_eq!(suggestion.replacement, *replacement, "{name}");
        let span = suggestion.span.expect("the suggestion is placed");
        assert_eq!(
            Some(span),
            finding.span,
            "{name}: it replaces what it underlines"
        );
        let text = &run.texts[relative];
        assert_eq!(&text[span.range()], *misspelled, "{name}");
        // Applied, the fix leaves nothing to report.
        let fixed = format!(
            "{}{}{}",
            &text[..span.start],
            suggestion.replacement,
            &text[span.end..]
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let fixed_path = dir.path().join(name);
        std::fs::write(&fixed_path, fixed).expect("write");
        let run = check(&[Path::new(BASE), &fixed_path]);
        assert_eq!(rendered(&run), "", "{name}, fixed");
    });
    let listed: BTreeSet<String> = SUGGESTED.iter().map(|(f, _, _)| (*f).to_owned()).collect();
    assert_eq!(suggested, listed);
}

#[test]
fn a_suggestion_replaces_a_quoted_value_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("quoted.yaml");
    let text = std::fs::read_to_string("tests/fixtures/invalid/invalid-value.yaml")
        .expect("fixture")
        .replace("kind: statment", "kind: \"statment\"")
        .replace("    summary:", "    'sumary':");
    std::fs::write(&path, &text).expect("write");
    let run = check(&[Path::new(BASE), &path]);
    let suggestions: Vec<(&str, &str)> = run
        .diagnostics
        .iter()
        .filter_map(|d| {
            let suggestion = d.suggestion.as_ref()?;
            Some((
                &text[suggestion.span.expect("placed").range()],
                suggestion.replacement.as_str(),
            ))
        })
        .collect();
    assert_eq!(
        suggestions,
        [("\"statment\"", "statement"), ("'sumary'", "summary")],
        "{}",
        rendered(&run)
    );
    // Only the unknown spelling is reported, not also the missing `summary`.
    assert_eq!(run.diagnostics.len(), 2, "{}", rendered(&run));
}

#[test]
fn a_key_the_mapping_has_is_suggested_in_words_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("both.yaml");
    let text = std::fs::read_to_string("tests/fixtures/invalid/unknown-field.yaml")
        .expect("fixture")
        .replace("    sumary:", "    summary: Ana Ruiz says so.\n    sumary:");
    std::fs::write(&path, &text).expect("write");
    let run = check(&[Path::new(BASE), &path]);
    let [finding] = run.diagnostics.as_slice() else {
        panic!("one finding: {}", rendered(&run));
    };
    assert_eq!(finding.help.as_deref(), Some("did you mean `summary`?"));
    // Renaming `sumary` to `summary` would repeat a key.
    assert_eq!(finding.suggestion, None);
}
