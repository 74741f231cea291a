//! `accord explain`'s examples, checked together with the base dataset: each bad file gives its
//! code, on the line it marks with `# <- code`, and nothing else; each fixed file gives nothing.

use std::collections::BTreeSet;
use std::path::PathBuf;

use accord::Code;
use accord::render::LineIndex;

const BASE: &str = "tests/fixtures/base";

/// Checks `text`, saved as a data file in a fresh directory, together with the base dataset.
/// Returns the run and the path the example was saved at.
fn check_example(code: Code, which: &str, text: &str) -> (accord::CheckRun, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join(format!("{}-{which}.yaml", code.as_str()));
    std::fs::write(&file, text).expect("the example is written");
    let run = accord::check_paths(
        &[PathBuf::from(BASE), file.clone()],
        &accord::CheckOptions::default(),
    )
    .expect("the run starts");
    (run, file)
}

/// A run's findings, one line each.
fn findings(run: &accord::CheckRun) -> String {
    run.diagnostics
        .iter()
        .map(|d| format!("  {}: {}\n", d.code.as_str(), d.message))
        .collect()
}

#[test]
fn bad_examples_give_their_code_and_fixed_examples_are_clean() {
    let mut with_examples = 0;
    let mut failures = Vec::new();
    for &code in Code::ALL {
        let explanation = code.explanation();
        let (Some(bad), Some(fixed)) = (explanation.bad, explanation.fixed) else {
            continue;
        };
        with_examples += 1;
        let name = code.as_str();

        let (run, file) = check_example(code, "bad", bad);
        if !run.diagnostics.iter().any(|d| d.code == code) {
            failures.push(format!(
                "the bad example of {name} does not give {name}:\n{}",
                findings(&run)
            ));
        } else {
            let index = LineIndex::new(bad);
            let found: BTreeSet<(usize, String)> = run
                .diagnostics
                .iter()
                .map(|d| {
                    let line = match d.span {
                        Some(span) if d.path == file => index.position(bad, span.start).line,
                        _ => 0,
                    };
                    (line, d.code.as_str().to_owned())
                })
                .collect();
            let marked = crate::marked_lines(bad);
            // A file-level finding (an empty file) has no line to mark.
            let expected = if marked.is_empty() {
                BTreeSet::from([(1, name.to_owned())])
            } else {
                marked
            };
            if found != expected {
                failures.push(format!(
                    "the bad example of {name} should give only {expected:?} (line, code), \
                     but gives {found:?}:\n{}",
                    findings(&run)
                ));
            }
        }

        let (run, _) = check_example(code, "fixed", fixed);
        if !run.diagnostics.is_empty() {
            failures.push(format!(
                "the fixed example of {name} is not clean:\n{}",
                findings(&run)
            ));
        }
    }
    assert!(with_examples > 0, "no code has examples");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

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
