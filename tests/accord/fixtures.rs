//! Fixture folders and the examples of `accord explain`, each checked together with the base
//! dataset. `valid/` files and the explanations' fixed examples give no finding. Each `invalid/`
//! file is named after the code it must trigger (`CODE--VARIANT.yaml`, or `CODE.yaml` for a code
//! whose explanation has no example), and it and each explanation's bad example
//! (`src/codes/CODE.md`) give findings of that code only, in that file, on the lines it marks
//! with `# <- code`; their rendered output is a snapshot.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use accord::Applicability::{self, Safe, Unsafe};
use accord::Code;
use accord::render::Format;

use crate::{check, rendered, rendered_from};

const BASE: &str = "tests/fixtures/base";

#[test]
fn the_base_dataset_is_clean() {
    let run = check(&[Path::new(BASE)]);
    assert_eq!(rendered(&run), "");
    assert_eq!(run.files_checked, 1);
    assert!(run.records >= 5);
}

/// The bad or fixed (`which`) examples of the explanations, each saved as the data file
/// `dir/<which>/<code>.yaml`, with their codes.
fn examples(dir: &Path, which: &str) -> Vec<(Code, PathBuf)> {
    let folder = dir.join(which);
    std::fs::create_dir_all(&folder).expect("a folder for the examples");
    Code::ALL
        .iter()
        .filter_map(|&code| {
            let explanation = code.explanation();
            let text = match which {
                "bad" => explanation.bad,
                _ => explanation.fixed,
            }?;
            let path = folder.join(format!("{}.yaml", code.as_str()));
            std::fs::write(&path, text).expect("the example is written");
            Some((code, path))
        })
        .collect()
}

/// A fixture's path relative to the crate root, as the check is given it.
fn relative(path: &Path) -> &Path {
    path.strip_prefix(std::env::current_dir().unwrap_or_default())
        .unwrap_or(path)
}

/// The code a fixture of `invalid/` is named after.
fn code_of_fixture(path: &Path) -> &str {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let code = stem.split("--").next().unwrap_or_default();
    assert!(
        Code::from_name(code).is_some(),
        "{stem} does not name a code"
    );
    code
}

#[test]
fn valid_fixtures_give_no_findings() {
    insta::glob!("../fixtures/valid", "*.yaml", |path| {
        let run = check(&[Path::new(BASE), path]);
        assert_eq!(rendered(&run), "", "{}", path.display());
    });
    let dir = tempfile::tempdir().expect("a temporary directory");
    let fixed = examples(dir.path(), "fixed");
    assert!(!fixed.is_empty(), "no explanation has examples");
    for (code, path) in fixed {
        let run = check(&[Path::new(BASE), &path]);
        assert_eq!(
            rendered(&run),
            "",
            "the fixed example of src/codes/{}.md is not clean",
            code.as_str()
        );
    }
}

/// Asserts that `run`, a check of the invalid case `path` with the base dataset, gives findings
/// of `code` only, all of them in `path`.
fn assert_gives_only(run: &accord::CheckRun, code: &str, path: &Path) {
    let codes: BTreeSet<&str> = run.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes,
        BTreeSet::from([code]),
        "{}:\n{}",
        path.display(),
        rendered(run)
    );
    for diagnostic in &run.diagnostics {
        assert_eq!(
            diagnostic.path,
            path,
            "findings stay in the fixture: {}",
            rendered(run)
        );
    }
}

#[test]
fn each_invalid_fixture_gives_its_code_only() {
    let mut codes_seen = BTreeSet::new();
    let mut plain = BTreeSet::new();
    insta::glob!("../fixtures/invalid", "*.yaml", |path| {
        let expected = code_of_fixture(path);
        let relative = relative(path);
        if path.file_stem().and_then(|s| s.to_str()) == Some(expected) {
            plain.insert(expected.to_owned());
        }
        let run = check(&[Path::new(BASE), relative]);
        assert_gives_only(&run, expected, relative);
        codes_seen.insert(expected.to_owned());
        insta::assert_snapshot!(rendered(&run));
    });

    let dir = tempfile::tempdir().expect("a temporary directory");
    let bad = examples(dir.path(), "bad");
    assert!(!bad.is_empty(), "no explanation has examples");
    for (code, path) in &bad {
        let name = code.as_str();
        assert!(
            !plain.contains(name),
            "tests/fixtures/invalid/{name}.yaml plays the role of the bad example of \
             src/codes/{name}.md: remove it, or name what it tests apart from the example \
             ({name}--VARIANT.yaml)"
        );
        let run = check(&[Path::new(BASE), path]);
        assert_gives_only(&run, name, path);
        codes_seen.insert(name.to_owned());
        insta::with_settings!({
            snapshot_suffix => format!("{name}.md"),
            input_file => format!("src/codes/{name}.md"),
        }, {
            insta::assert_snapshot!(rendered_from(&run, Format::Human, dir.path()));
        });
    }

    let untested: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !codes_seen.contains(*c) && !UNTESTABLE_AS_ONE_FILE.contains(c))
        .collect();
    assert!(
        untested.is_empty(),
        "codes without an invalid fixture or a bad example in their explanation: {untested:?}"
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

/// Asserts that every finding of `run`, a check of the invalid case `path` of `code` with the
/// base dataset, is on a line the case marks with its code, and every mark has its finding. A
/// case may mark no line only for a finding about the whole file (an empty file), which is
/// placed on line 1.
fn assert_on_the_marked_lines(run: &accord::CheckRun, code: &str, path: &Path) {
    // The marks are read from the bytes, which may not be UTF-8.
    let mut expected = crate::marked_lines(&String::from_utf8_lossy(
        &std::fs::read(path).expect("the case is readable"),
    ));
    if expected.is_empty() {
        assert_eq!(code, "empty-file", "{} marks no line", path.display());
        expected.insert((1, code.to_owned()));
    }
    let text = run.texts.get(path);
    let index = text.map(|text| accord::position::LineIndex::new(text));
    let found: BTreeSet<(usize, String)> = run
        .diagnostics
        .iter()
        .map(|d| {
            // Line 0: a finding with no place in the case.
            let line = match (d.span, text, &index) {
                (Some(span), Some(text), Some(index)) if d.path == path => {
                    index.position(text, span.start).line
                }
                _ => 0,
            };
            (line, d.code.as_str().to_owned())
        })
        .collect();
    assert_eq!(found, expected, "{}", path.display());
}

#[test]
fn every_finding_points_at_the_marked_line() {
    insta::glob!("../fixtures/invalid", "*.yaml", |path| {
        let code = code_of_fixture(path);
        let relative = relative(path);
        let run = check(&[Path::new(BASE), relative]);
        assert_on_the_marked_lines(&run, code, relative);
    });
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (code, path) in examples(dir.path(), "bad") {
        let run = check(&[Path::new(BASE), &path]);
        assert_on_the_marked_lines(&run, code.as_str(), &path);
    }
}

/// The fixtures and explanations' bad examples (`<code>.yaml`) whose finding suggests a fix: the text the fix replaces, and its replacement.
const SUGGESTED: &[(&str, &str, &str, Applicability)] = &[
    ("dangling-reference.yaml", "ana-ruis", "ana-ruiz", Safe),
    (
        "invalid-pattern--lowercase-country-code.yaml",
        "gb",
        "GB",
        Safe,
    ),
    (
        "invalid-pattern.yaml",
        "ruiz_will_sign_trade_accord",
        "ruiz-will-sign-trade-accord",
        Unsafe,
    ),
    ("invalid-value--list-item.yaml", "years", "year", Safe),
    (
        "invalid-value--misspelt.yaml",
        "statment",
        "statement",
        Safe,
    ),
    // A name with a word dropped is a guess.
    (
        "invalid-value--phone-call.yaml",
        "phone_call",
        "call",
        Unsafe,
    ),
    (
        "quote-not-found--curly-quotation-marks.yaml",
        "adding, \u{201C}We will sign the trade accord.\u{201D}",
        "adding, \"We will sign the trade accord.\"",
        Safe,
    ),
    // A space too many, in a single-quoted scalar, which stays single-quoted.
    (
        "quote-not-found--spacing.yaml",
        "'she will meet her Nordland counter part'",
        "'she will meet her Nordland counterpart'",
        Safe,
    ),
    (
        "unknown-field--misspelt-required.yaml",
        "sumary",
        "summary",
        Safe,
    ),
    ("unknown-field.yaml", "according-to", "according_to", Safe),
];

#[test]
fn suggestions_replace_the_misspelled_text_and_fix_the_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/invalid")
        .expect("the invalid fixtures")
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    inputs.sort();
    inputs.extend(
        examples(dir.path(), "bad")
            .into_iter()
            .map(|(_, path)| path),
    );
    let mut suggested = BTreeSet::new();
    for path in &inputs {
        let run = check(&[Path::new(BASE), path]);
        let Some(finding) = run.diagnostics.iter().find(|d| d.fix.is_some()) else {
            continue;
        };
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        suggested.insert(name.to_owned());
        let Some((_, misspelled, replacement, applicability)) =
            SUGGESTED.iter().find(|(f, ..)| *f == name)
        else {
            panic!("{name} suggests a fix SUGGESTED does not list");
        };
        let fix = finding.fix.as_ref().expect("a fix");
        assert_eq!(fix.replacement, *replacement, "{name}");
        assert_eq!(fix.applicability, *applicability, "{name}");
        let span = fix.span.expect("the fix is placed");
        assert_eq!(
            Some(span),
            finding.span,
            "{name}: it replaces what it underlines"
        );
        let text = &run.texts[path.as_path()];
        assert_eq!(&text[span.range()], *misspelled, "{name}");
        // Applied, the fix leaves nothing to report.
        let fixed = format!(
            "{}{}{}",
            &text[..span.start],
            fix.replacement,
            &text[span.end..]
        );
        let fixed_dir = tempfile::tempdir().expect("temp dir");
        let fixed_path = fixed_dir.path().join(name);
        std::fs::write(&fixed_path, &fixed).expect("write");
        let run = check(&[Path::new(BASE), &fixed_path]);
        assert_eq!(rendered(&run), "", "{name}, fixed");
        // `accord check --fix` applies the safe fixes, and only those.
        let copy = fixed_dir.path().join(format!("copy-{name}"));
        std::fs::write(&copy, text).expect("write");
        let outcome = accord::fix::fix_paths(
            &[PathBuf::from(BASE), copy.clone()],
            &accord::CheckOptions::default(),
        )
        .expect("a run");
        match applicability {
            Safe => {
                let [file] = outcome.files.as_slice() else {
                    panic!("{name}: one file fixed");
                };
                assert_eq!(file.fixed, fixed, "{name}");
                assert!(outcome.remaining.diagnostics.is_empty(), "{name}");
            }
            Unsafe => assert!(outcome.files.is_empty(), "{name}: an unsafe fix is applied"),
        }
    }
    let listed: BTreeSet<String> = SUGGESTED.iter().map(|(f, ..)| (*f).to_owned()).collect();
    assert_eq!(suggested, listed);
}

#[test]
fn a_suggestion_replaces_a_quoted_value_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("quoted.yaml");
    let text = std::fs::read_to_string("tests/fixtures/invalid/invalid-value--misspelt.yaml")
        .expect("fixture")
        .replace("kind: statment", "kind: \"statment\"")
        .replace("    summary:", "    'sumary':");
    std::fs::write(&path, &text).expect("write");
    let run = check(&[Path::new(BASE), &path]);
    let suggestions: Vec<(&str, &str)> = run
        .diagnostics
        .iter()
        .filter_map(|d| {
            let fix = d.fix.as_ref()?;
            Some((
                &text[fix.span.expect("placed").range()],
                fix.replacement.as_str(),
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
    let text =
        std::fs::read_to_string("tests/fixtures/invalid/unknown-field--misspelt-required.yaml")
            .expect("fixture")
            .replace("    sumary:", "    summary: Ana Ruiz says so.\n    sumary:");
    std::fs::write(&path, &text).expect("write");
    let run = check(&[Path::new(BASE), &path]);
    let [finding] = run.diagnostics.as_slice() else {
        panic!("one finding: {}", rendered(&run));
    };
    assert_eq!(finding.help.as_deref(), Some("did you mean `summary`?"));
    // Renaming `sumary` to `summary` would repeat a key.
    assert_eq!(finding.fix, None);
}
