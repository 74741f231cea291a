//! The dataset's root, `accord.toml`: a file checked alone is checked in its dataset and only its
//! own findings are reported; without a root, accord says ids were looked up only in the files
//! given; the config's settings apply and flags override them; a bad config is reported at its
//! line and column.

use std::path::Path;

use crate::{accord_in as accord, copy_dir, output};

/// A copy of the bundled data, its `accord.toml` included, under `data/` of a new directory.
fn dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(Path::new("data"), &dir.path().join("data"));
    assert!(dir.path().join("data/accord.toml").is_file());
    dir
}

#[test]
fn a_file_checked_alone_is_checked_in_its_dataset() {
    let dir = dataset();
    let (code, stdout, stderr) = output(accord(dir.path()).args(["check", "data/events.yaml"]));
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert!(
        stderr.starts_with(
            "checked 1 file (7 records), in the context of 6 other files of its dataset: 0 errors"
        ),
        "{stderr}"
    );
    // From inside the dataset, and from a directory of it, the same.
    let (code, _, stderr) = output(accord(&dir.path().join("data")).args(["check", "events.yaml"]));
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = output(accord(dir.path()).args(["check", "data/actors"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("checked 3 files"), "{stderr}");
}

#[test]
fn only_the_files_given_report_their_findings() {
    let dir = dataset();
    let people = dir.path().join("data/actors/people.yaml");
    let text = std::fs::read_to_string(&people).expect("people");
    // Renaming a person breaks the references in other files, and gives no finding here.
    std::fs::write(
        &people,
        text.replacen("id: donald-trump", "id: donald-j-trump", 1),
    )
    .expect("write");
    let (code, stdout, stderr) =
        output(accord(dir.path()).args(["check", "--format=concise", "data/actors/people.yaml"]));
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    let (code, stdout, _) =
        output(accord(dir.path()).args(["check", "--format=concise", "data/events.yaml"]));
    assert_eq!(code, 1);
    assert!(
        stdout
            .lines()
            .filter(|l| !l.starts_with(' '))
            .all(|l| l.starts_with("data/events.yaml:") && l.contains("`donald-trump`")),
        "{stdout}"
    );
    // `--fix` fixes no other file than the one given.
    let (_, _, stderr) =
        output(accord(dir.path()).args(["check", "--fix", "data/actors/people.yaml"]));
    assert!(!stderr.contains("fixed"), "{stderr}");
    assert!(
        std::fs::read_to_string(&people)
            .expect("read")
            .contains("donald-j-trump")
    );
}

#[test]
fn without_a_root_ids_are_looked_up_only_in_the_files_given_and_accord_says_so() {
    let dir = dataset();
    std::fs::remove_file(dir.path().join("data/accord.toml")).expect("remove");
    let (code, _, stderr) = output(accord(dir.path()).args(["check", "data/events.yaml"]));
    assert_eq!(code, 1);
    assert!(
        stderr.contains(
            "note: no `accord.toml` was found above the files given, so ids were looked up only in them"
        ),
        "{stderr}"
    );
    // The whole dataset needs no root.
    let (code, _, stderr) = output(accord(dir.path()).args(["check"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("note:"), "{stderr}");
}

#[test]
fn the_root_names_the_data_and_its_limits_and_flags_override_them() {
    let dir = dataset();
    std::fs::rename(dir.path().join("data"), dir.path().join("coverage")).expect("rename");
    std::fs::remove_file(dir.path().join("coverage/accord.toml")).expect("remove");
    std::fs::write(
        dir.path().join("accord.toml"),
        "data = [\"coverage\"]\n\n[limits]\nmax-file-size = 100\n",
    )
    .expect("write");
    // Without paths, from a directory below the root: the root's data, with its limit.
    let sub = dir.path().join("coverage/actors");
    let (code, stdout, stderr) = output(accord(&sub).args(["check", "--format=concise"]));
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("error[file-too-large]"), "{stdout}");
    assert!(stderr.starts_with("checked 7 files"), "{stderr}");
    let (code, _, stderr) = output(accord(&sub).args(["check", "--max-file-size=10000000"]));
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn files_given_outside_the_data_are_named_not_checked() {
    let dir = dataset();
    std::fs::rename(
        dir.path().join("data/accord.toml"),
        dir.path().join("accord.toml"),
    )
    .expect("move");
    std::fs::write(dir.path().join("accord.toml"), "data = [\"data\"]\n").expect("write");
    std::fs::write(dir.path().join(".pre-commit-config.yaml"), "repos: []\n").expect("write");
    let (code, stdout, stderr) =
        output(accord(dir.path()).args(["check", ".pre-commit-config.yaml", "data/events.yaml"]));
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert!(
        stderr.contains(
            "note: not checked, outside the data that `accord.toml` names: `.pre-commit-config.yaml`"
        ),
        "{stderr}"
    );
    assert!(stderr.starts_with("checked 1 file (7 records)"), "{stderr}");
}

#[test]
fn a_bad_root_is_reported_at_its_line_and_column() {
    let dir = dataset();
    std::fs::write(
        dir.path().join("data/accord.toml"),
        "data = [\".\"]\n\ndta = 1\n",
    )
    .expect("write");
    let (code, stdout, stderr) = output(accord(dir.path()).args(["check", "data/events.yaml"]));
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.contains("data/accord.toml:3:1: unknown field `dta`"),
        "{stderr}"
    );
}
