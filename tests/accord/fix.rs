//! `accord check --fix` and `--diff`: safe fixes restore slips byte for byte, nothing else in a
//! file changes, and fixes that may change what the data means are shown, never applied.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::{accord_in as accord, copy_dir, output};

/// A copy of the bundled data with `events.yaml` spoilt by `slips` (each replacing the first
/// occurrence of its text after the line that starts with `after`); returns the directory and
/// the original text.
fn spoilt_copy(slips: &[(&str, &str, &str)]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(Path::new("data"), &dir.path().join("data"));
    let path = dir.path().join("data/events.yaml");
    let original = std::fs::read_to_string(&path).expect("events");
    let mut spoilt = original.clone();
    for (after, from, to) in slips {
        let start = spoilt.find(after).expect("anchor");
        let at = start + spoilt[start..].find(from).expect("text after the anchor");
        spoilt.replace_range(at..at + from.len(), to);
    }
    assert_ne!(spoilt, original);
    std::fs::write(&path, &spoilt).expect("write");
    (dir, original)
}

/// A value, a field and an id misspelt in one file: the enum value `talks`, the field
/// `modality`, and the person `donald-trump`.
const THREE_SLIPS: &[(&str, &str, &str)] = &[
    (
        "  - id: us-russia-talks-saudi-arabia",
        "kind: talks",
        "kind: tlaks",
    ),
    (
        "his meeting with President Zelensky",
        "modality:",
        "modalty:",
    ),
    (
        "his meeting with President Zelensky",
        "[donald-trump]",
        "[donald-trupm]",
    ),
];

#[test]
fn fix_restores_a_misspelt_value_field_and_id_byte_for_byte() {
    let (dir, original) = spoilt_copy(THREE_SLIPS);
    let (code, stdout, stderr) = output(accord(dir.path()).args(["check", "data"]));
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains("3 findings can be fixed with `accord check --fix`"),
        "{stderr}"
    );
    let (code, stdout, stderr) = output(accord(dir.path()).args(["check", "--fix", "data"]));
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert!(
        stderr.starts_with("fixed 3 findings in 1 file\nchecked "),
        "{stderr}"
    );
    let fixed = std::fs::read_to_string(dir.path().join("data/events.yaml")).expect("read");
    assert!(
        fixed == original,
        "the file differs from the original after --fix"
    );
    // Nothing is left to fix, and nothing is written.
    let (code, _, stderr) = output(accord(dir.path()).args(["check", "--fix", "data"]));
    assert_eq!(code, 0);
    assert!(!stderr.contains("fixed"), "{stderr}");
}

#[test]
fn diff_shows_the_fixes_and_changes_nothing() {
    let (dir, _) = spoilt_copy(THREE_SLIPS);
    let path = dir.path().join("data/events.yaml");
    let before = std::fs::read(&path).expect("read");
    let (code, stdout, stderr) = output(accord(dir.path()).args(["check", "--diff", "data"]));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(std::fs::read(&path).expect("read"), before, "--diff wrote");
    assert!(
        stdout.starts_with("--- a/data/events.yaml\n+++ b/data/events.yaml\n@@ "),
        "{stdout}"
    );
    let changed: Vec<&str> = stdout
        .lines()
        .filter(|l| !l.starts_with("---") && !l.starts_with("+++"))
        .filter(|l| l.starts_with('-') || l.starts_with('+'))
        .collect();
    assert_eq!(
        changed,
        [
            "-    kind: tlaks",
            "+    kind: talks",
            "-            modalty: stated",
            "-            according_to: [donald-trupm]",
            "+            modality: stated",
            "+            according_to: [donald-trump]",
        ],
        "{stdout}"
    );
    assert_eq!(
        stderr,
        "would fix 3 findings in 1 file; no file was changed\n"
    );
    // `git apply`, or `patch -p1`, takes the diff as it is.
    let patch = Command::new("patch")
        .args(["-p1", "--dry-run", "--silent"])
        .current_dir(dir.path())
        .write_stdin(stdout)
        .output();
    if let Ok(patch) = patch {
        assert!(
            patch.status.success(),
            "{}",
            String::from_utf8_lossy(&patch.stderr)
        );
    }
}

#[test]
fn fixes_that_may_change_what_the_data_means_are_shown_never_applied() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(Path::new("tests/fixtures/base"), &dir.path().join("base"));
    // Another outlet's page that carries the same wire text, and a citation of a page not
    // written yet whose id is one letter from it.
    std::fs::copy(
        "tests/fixtures/base/example-source.txt",
        dir.path().join("ap-wire.txt"),
    )
    .expect("copy");
    let claims = "\
sources:
  - id: ap-2030-01-02-leaders
    kind: news_article
    title: Leaders to Meet on the 3rd
    language: en
    text: ap-wire.txt
claims:
  - id: ruiz-will-meet
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz will meet her Nordland counterpart.
    citations:
      - source: afp-2030-01-02-leaders
        quote: she will meet her Nordland counterpart
        modality: stated
        according_to: [ana-ruiz]
  - id: ruiz-will-meet-again
    kind: stament
    holders: [ana-ruiz]
    summary: Ana Ruiz will meet her Nordland counterpart.
    citations:
      - source: ap-2030-01-02-leaders
        quote: she will meet her Nordland counterpart
        modality: stated
        according_to: [ana-ruiz]
";
    let path = dir.path().join("claims.yaml");
    std::fs::write(&path, claims).expect("write");
    let (code, stdout, stderr) = output(accord(dir.path()).args([
        "check",
        "--fix",
        "--format=concise",
        "base",
        "claims.yaml",
    ]));
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains(
            "claims.yaml:13:17: error[dangling-reference]: no source record has the id \
             `afp-2030-01-02-leaders`\n  help: did you mean `ap-2030-01-02-leaders`?"
        ),
        "{stdout}"
    );
    // The misspelt kind was fixed; the citation still names the page it named.
    let fixed = std::fs::read_to_string(&path).expect("read");
    assert_eq!(fixed, claims.replace("kind: stament", "kind: statement"));
    assert!(
        stderr.starts_with("fixed 1 finding in 1 file\n"),
        "{stderr}"
    );
    // The JSON report carries the fix, marked unsafe.
    let (_, json, _) =
        output(accord(dir.path()).args(["check", "--format=json", "base", "claims.yaml"]));
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let fixes: Vec<(&str, &str, &str)> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| {
            Some((
                d["code"].as_str()?,
                d["fix"]["applicability"].as_str()?,
                d["fix"]["edits"][0]["replacement"].as_str()?,
            ))
        })
        .collect();
    assert_eq!(
        fixes,
        [("dangling-reference", "unsafe", "ap-2030-01-02-leaders")]
    );
}

#[test]
fn fix_and_diff_are_documented_in_check_help() {
    let (code, stdout, _) = output(accord(&PathBuf::from(".")).args(["check", "--help"]));
    assert_eq!(code, 0);
    for flag in ["--fix", "--diff"] {
        assert!(stdout.contains(flag), "{flag} in:\n{stdout}");
    }
}
