//! The command line: stdout, stderr and exit codes.

use assert_cmd::Command;

use crate::output;

fn accord() -> Command {
    let mut command = Command::cargo_bin("accord").expect("binary built");
    command.env("NO_COLOR", "1");
    command
}

#[test]
fn check_of_the_bundled_data_exits_0() {
    let (code, stdout, stderr) = output(accord().arg("check"));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stdout, "");
    assert!(stderr.starts_with("checked "), "{stderr}");
    assert!(stderr.contains(" 0 errors, 0 warnings"), "{stderr}");
}

#[test]
fn findings_exit_1_and_print_file_line_column() {
    let (code, stdout, _) = output(accord().args([
        "check",
        "--format=concise",
        "tests/fixtures/base",
        "tests/fixtures/invalid/unknown-field--misspelt-required.yaml",
    ]));
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "tests/fixtures/invalid/unknown-field--misspelt-required.yaml:5:5: error[unknown-field]: unknown field `sumary`\n  help: did you mean `summary`?\n"
    );
}

#[test]
fn the_human_format_shows_the_line_underlined() {
    let (code, stdout, stderr) = output(accord().args([
        "check",
        "tests/fixtures/base",
        "tests/fixtures/invalid/unknown-field--misspelt-required.yaml",
    ]));
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "\
error[unknown-field]: unknown field `sumary`
 --> tests/fixtures/invalid/unknown-field--misspelt-required.yaml:5:5
  |
5 |     sumary: Ana Ruiz says the accord will be signed.  # <- unknown-field
  |     ^^^^^^
  |
  = help: did you mean `summary`?

"
    );
    assert!(
        stderr.starts_with("checked 2 files (11 records): 1 error, 0 warnings in "),
        "{stderr}"
    );
}

#[test]
fn a_missing_path_exits_2() {
    let (code, stdout, stderr) = output(accord().args(["check", "no/such/dir"]));
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("cannot read `no/such/dir`"), "{stderr}");
}

#[test]
fn bad_arguments_exit_2() {
    let (code, _, stderr) = output(accord().args(["check", "--no-such-flag"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("--no-such-flag"), "{stderr}");
}

#[test]
fn schema_prints_the_committed_schema() {
    let (code, stdout, _) = output(accord().arg("schema"));
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        std::fs::read_to_string("schemas/accord.schema.json").expect("committed")
    );
}

#[test]
fn schema_check_passes_on_fresh_files_and_fails_on_stale_ones() {
    let (code, _, _) = output(accord().args(["schema", "--check"]));
    assert_eq!(code, 0);
    let dir = tempfile::tempdir().expect("temp dir");
    let stale = "{\n  \"$id\": \"https://accord.invalid/schemas/v1/accord.schema.json\"\n}\n";
    std::fs::write(dir.path().join("accord.schema.json"), stale).expect("write");
    let (code, _, stderr) = output(accord().args(["schema", "--check"]).arg(dir.path()));
    assert_eq!(code, 1);
    assert!(stderr.contains("stale schema files"), "{stderr}");
    let (code, _, _) = output(accord().args(["schema", "--out"]).arg(dir.path()));
    assert_eq!(code, 0);
    let (code, _, _) = output(accord().args(["schema", "--check"]).arg(dir.path()));
    assert_eq!(code, 0);
}

#[test]
fn explain_prints_a_code_with_its_examples_and_lists_all_codes() {
    let (code, stdout, _) = output(accord().args(["explain", "dangling-reference"]));
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("dangling-reference (error): A reference names an id no record has.\n")
    );
    assert!(stdout.contains("holders: [ana-ruis]"), "{stdout}");
    let (code, stdout, _) = output(accord().arg("explain"));
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), accord::Code::ALL.len());
    let (code, _, stderr) = output(accord().args(["explain", "danglin-reference"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("did you mean `dangling-reference`?"),
        "{stderr}"
    );
}

#[test]
fn a_run_that_cannot_happen_is_an_annotation_in_github_format() {
    let output = assert_cmd::Command::cargo_bin("accord")
        .expect("binary")
        .args(["check", "--format", "github", "no-such-dir"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("::error title=accord::accord could not run: cannot read `no-such-dir`"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("error: cannot read"));
}

/// A section left empty reads as `null`, and the hint says how to write an empty list. (A CLI
/// test rather than a fixture: pydantic's generated models accept `null` in optional fields.)
#[test]
fn a_null_section_is_told_to_be_an_empty_list() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("empty.yaml"), "claims:\n").expect("write");
    let (code, stdout, _) = output(accord().arg("check").arg(dir.path()));
    assert_eq!(code, 1);
    assert!(
        stdout.contains("`claims` must be a list, not empty")
            && stdout.contains("an empty list is `[]`; or remove the key"),
        "{stdout}"
    );
}

/// A quote checked against several cited sources names the ones it could not search.
#[test]
fn a_quote_names_the_cited_sources_it_could_not_search() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("claim.yaml");
    std::fs::write(
        &file,
        "claims:
  - id: ruiz-says-something
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says something no source prints.
    direct_quote: Words no source prints.
    citations:
      - source: example-source
        quote: adding, \"We will sign the trade accord.\"
        modality: stated
        according_to: [ana-ruiz]
      - source: a-source-not-written-yet
        quote: adding, \"We will sign the trade accord.\"
        modality: stated
        according_to: [ana-ruiz]
",
    )
    .expect("write");
    let (code, stdout, _) = output(
        accord()
            .args(["check", "--format", "concise", "tests/fixtures/base"])
            .arg(&file),
    );
    assert_eq!(code, 1);
    assert!(
        stdout.contains(
            "this text does not appear in the source `example-source` (not searched: `a-source-not-written-yet`, which has no readable text in the dataset)"
        ),
        "{stdout}"
    );
}
