//! `accord new`: scaffolds hold every required field and nothing else, so that `accord check`
//! reports only the values still to fill in, never a missing or unknown field.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;

fn accord(args: &[&str], dir: &Path) -> std::process::Output {
    Command::cargo_bin("accord")
        .expect("binary")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs")
}

fn codes(dir: &Path, path: &str) -> BTreeSet<String> {
    let run = accord::check_paths(&[dir.join(path)], &Default::default()).expect("runs");
    run.diagnostics
        .iter()
        .map(|d| d.code.as_str().to_owned())
        .collect()
}

#[test]
fn a_new_article_has_the_modeline_and_every_required_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("schemas")).expect("mkdir");
    std::fs::copy(
        "schemas/accord.schema.json",
        dir.path().join("schemas/accord.schema.json"),
    )
    .expect("copy");
    let output = accord(&["new", "article", "example-2030-01-03-talks"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let yaml = std::fs::read_to_string(
        dir.path()
            .join("data/articles/example-2030-01-03-talks.yaml"),
    )
    .expect("the article file");
    assert!(
        yaml.starts_with("# yaml-language-server: $schema=../../schemas/accord.schema.json\n"),
        "{yaml}"
    );
    assert!(
        dir.path()
            .join("data/articles/example-2030-01-03-talks.txt")
            .is_file()
    );
    // Only the empty kind, language and title remain to fill in, and the text to paste in.
    assert_eq!(
        codes(dir.path(), "data"),
        BTreeSet::from([
            "empty-source-text".to_owned(),
            "empty-text".to_owned(),
            "invalid-pattern".to_owned(),
            "invalid-value".to_owned()
        ]),
        "{yaml}"
    );
    // Nothing is overwritten.
    let again = accord(&["new", "article", "example-2030-01-03-talks"], dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    let bad = accord(&["new", "article", "Not An Id"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn every_new_record_has_every_required_field_and_no_other() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (kind, section) in accord::scaffold::kinds() {
        let output = accord(&["new", kind], dir.path());
        assert_eq!(output.status.code(), Some(0));
        let record = String::from_utf8(output.stdout).expect("UTF-8");
        let file = format!("{kind}.yaml");
        std::fs::write(dir.path().join(&file), format!("{section}:\n{record}")).expect("write");
        let found = codes(dir.path(), &file);
        // Empty ids, kinds and references, and what empty ids cause between themselves.
        assert!(
            found.iter().all(|code| matches!(
                code.as_str(),
                "invalid-value"
                    | "invalid-pattern"
                    | "empty-text"
                    | "dangling-reference"
                    | "wrong-reference-kind"
                    | "duplicate-id"
            )),
            "{kind}: {found:?}\n{record}"
        );
        assert!(
            !found.is_empty(),
            "{kind}: the empty values must be reported"
        );
    }
    let unknown = accord(&["new", "treaty"], dir.path());
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("person"));
}
