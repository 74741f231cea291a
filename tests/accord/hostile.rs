//! Hostile and broken input: every case ends in a diagnostic and the documented exit code,
//! never a panic, a hang or unbounded memory.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn codes_of(run: &accord::CheckRun) -> Vec<&'static str> {
    run.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn check_file(dir: &Path, name: &str, bytes: &[u8]) -> accord::CheckRun {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    accord::check_paths(&[path], &accord::CheckOptions::default()).expect("runs")
}

#[test]
fn an_alias_bomb_is_stopped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..=9 {
        let previous = format!("*a{}", i - 1);
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![previous; 10].join(", ")
        ));
    }
    let run = check_file(dir.path(), "bomb.yaml", bomb.as_bytes());
    assert_eq!(codes_of(&run), ["limit-exceeded"]);
}

#[test]
fn deep_nesting_is_stopped_in_flow_and_block_style() {
    let dir = tempfile::tempdir().expect("temp dir");
    let flow = "[".repeat(100_000) + &"]".repeat(100_000);
    assert_eq!(
        codes_of(&check_file(dir.path(), "flow.yaml", flow.as_bytes())),
        ["limit-exceeded"]
    );
    let flow_maps = "{a: ".repeat(100_000) + &"}".repeat(100_000);
    assert_eq!(
        codes_of(&check_file(
            dir.path(),
            "flow-maps.yaml",
            flow_maps.as_bytes()
        )),
        ["limit-exceeded"]
    );
    let block: String = (0..2_000)
        .map(|depth| format!("{}a:\n", " ".repeat(depth)))
        .collect();
    assert_eq!(
        codes_of(&check_file(dir.path(), "block.yaml", block.as_bytes())),
        ["limit-exceeded"]
    );
    let sequences: String = (0..2_000)
        .map(|depth| format!("{}-\n", " ".repeat(depth * 2)))
        .collect();
    assert_eq!(
        codes_of(&check_file(dir.path(), "seq.yaml", sequences.as_bytes())),
        ["limit-exceeded"]
    );
}

#[test]
fn files_over_the_size_limit_are_not_read() {
    // A fixed relative path, so the snapshot does not depend on where temp files go.
    let dir = Path::new("target/hostile");
    std::fs::create_dir_all(dir).expect("a directory under target/");
    let path = dir.join("big.yaml");
    std::fs::write(&path, "people: []\n".repeat(100)).expect("write");
    let options = accord::CheckOptions {
        max_file_size: 64,
        ..Default::default()
    };
    let run = accord::check_paths(&[path], &options).expect("runs");
    assert_eq!(codes_of(&run), ["file-too-large"]);
    insta::assert_snapshot!(crate::rendered(&run));
}

#[test]
fn encodings_and_control_characters_are_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: [(&str, &[u8], &str); 4] = [
        ("latin1.yaml", b"people:\n  - id: caf\xe9\n", "not-utf8"),
        ("utf16.yaml", b"\xff\xfep\x00e\x00o\x00", "not-utf8"),
        ("nul.yaml", b"people:\n  - id: a\x00b\n", "yaml-syntax"),
        (
            "binary.yaml",
            &[0x7f, b'E', b'L', b'F', 0, 1, 2, 3, 0xff],
            "not-utf8",
        ),
    ];
    for (name, bytes, code) in cases {
        assert_eq!(
            codes_of(&check_file(dir.path(), name, bytes)),
            [code],
            "{name}"
        );
    }
}

#[test]
fn harmless_variations_are_accepted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: [(&str, &[u8]); 3] = [
        ("bom.yaml", b"\xef\xbb\xbfpeople: []\n"),
        ("crlf.yaml", b"people: []\r\norganizations: []\r\n"),
        ("comment-only-then-data.yaml", b"# a comment\npeople: []\n"),
    ];
    for (name, bytes) in cases {
        assert_eq!(
            codes_of(&check_file(dir.path(), name, bytes)),
            Vec::<&str>::new(),
            "{name}"
        );
    }
}

#[test]
fn a_directory_that_cannot_be_read_as_a_file_is_an_io_error() {
    let dir = Path::new("target/hostile/a-directory.yaml");
    std::fs::create_dir_all(dir).expect("a directory under target/");
    let error = accord::files::read_text(dir, 1024).expect_err("a directory is not a file");
    assert_eq!(error.code, accord::Code::Io);
    let run = accord::CheckRun {
        diagnostics: vec![error],
        files_checked: 1,
        ..Default::default()
    };
    insta::assert_snapshot!(crate::rendered(&run));
}

#[cfg(unix)]
#[test]
fn symlink_loops_in_directories_end() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("ok.yaml"), "people: []\n").expect("write");
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).expect("symlink");
    std::os::unix::fs::symlink("self.yaml", dir.path().join("self.yaml")).expect("symlink");
    let run = accord::check_paths(&[dir.path().to_path_buf()], &Default::default()).expect("runs");
    assert_eq!(run.files_checked, 1);
    assert!(run.diagnostics.is_empty());
}

#[test]
fn the_cli_keeps_its_exit_codes_on_hostile_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let deep = dir.path().join("deep.yaml");
    std::fs::write(&deep, "[".repeat(100_000)).expect("write");
    let status = |args: &[&std::ffi::OsStr]| {
        Command::cargo_bin("accord")
            .expect("binary")
            .args(args)
            .output()
            .expect("runs")
            .status
            .code()
    };
    assert_eq!(status(&["check".as_ref(), deep.as_os_str()]), Some(1));
    let missing: PathBuf = dir.path().join("missing.yaml");
    assert_eq!(status(&["check".as_ref(), missing.as_os_str()]), Some(2));
    assert_eq!(
        status(&["check".as_ref(), "--max-depth".as_ref(), "x".as_ref()]),
        Some(2)
    );
}

#[cfg(unix)]
#[test]
fn links_out_of_the_tree_are_followed_only_when_asked() {
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        outside.path().join("outside.yaml"),
        "people: []\nunknown: 1\n",
    )
    .expect("write");
    let tree = tempfile::tempdir().expect("temp dir");
    std::fs::write(tree.path().join("inside.yaml"), "people: []\n").expect("write");
    std::os::unix::fs::symlink(outside.path(), tree.path().join("elsewhere")).expect("symlink");
    let paths = [tree.path().to_path_buf()];
    let run = accord::check_paths(&paths, &Default::default()).expect("runs");
    assert_eq!((run.files_checked, run.diagnostics.len()), (1, 0));
    let follow = accord::CheckOptions {
        follow_links: true,
        ..Default::default()
    };
    let run = accord::check_paths(&paths, &follow).expect("runs");
    assert_eq!(run.files_checked, 2);
    assert_eq!(codes_of(&run), ["unknown-field"]);
    // Following links, a loop is reported, not walked forever.
    std::os::unix::fs::symlink(tree.path(), tree.path().join("loop")).expect("symlink");
    let run = accord::check_paths(&paths, &follow).expect("runs");
    assert!(codes_of(&run).contains(&"io-error"), "{:?}", codes_of(&run));
}

#[test]
fn checking_writes_nothing_and_leaves_mtimes_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = |from: &Path| {
        for entry in std::fs::read_dir(from).expect("fixtures") {
            let path = entry.expect("entry").path();
            std::fs::copy(&path, dir.path().join(path.file_name().expect("a name"))).expect("copy");
        }
    };
    copy(Path::new("tests/fixtures/base"));
    std::fs::copy(
        "tests/fixtures/invalid/unknown-field.yaml",
        dir.path().join("unknown-field.yaml"),
    )
    .expect("copy");
    let snapshot = || -> Vec<(PathBuf, std::time::SystemTime, Vec<u8>)> {
        let mut files: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| {
                let path = e.expect("entry").path();
                let modified = std::fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .expect("mtime");
                let bytes = std::fs::read(&path).expect("read");
                (path, modified, bytes)
            })
            .collect();
        files.sort();
        files
    };
    let before = snapshot();
    for format in ["human", "json", "sarif", "github"] {
        let status = Command::cargo_bin("accord")
            .expect("binary")
            .args(["check", "--format", format])
            .arg(dir.path())
            .output()
            .expect("runs")
            .status
            .code();
        assert_eq!(status, Some(1));
    }
    assert_eq!(
        snapshot(),
        before,
        "a check changed a file or its modification time"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        before.len(),
        "a check created a file"
    );
}

#[test]
fn the_schema_pass_never_fetches_a_remote_or_file_reference() {
    for reference in [
        "https://example.com/schema.json",
        "file:///etc/passwd",
        "other.json#/x",
    ] {
        let schema = serde_json::json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": reference});
        assert!(
            accord::validate::SchemaValidator::for_schema(schema).is_err(),
            "{reference} was resolved"
        );
    }
}

#[test]
fn more_hostile_shapes_end_in_findings_or_clean_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let long_key = format!("{}: 1\n", "k".repeat(100_000));
    let long_line = format!("people:\n  - id: a\n    name: {}\n", "x".repeat(2_000_000));
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        (
            "crlf.yaml",
            b"people: []\r\nclaims: []\r\n".to_vec(),
            vec![],
        ),
        (
            "tabs.yaml",
            b"people:\n\t- id: a\n".to_vec(),
            vec!["yaml-syntax"],
        ),
        (
            "python-tag.yaml",
            b"people: !!python/object:os.system []\n".to_vec(),
            vec!["unsupported-yaml"],
        ),
        (
            "custom-tag.yaml",
            b"people: !mine []\n".to_vec(),
            vec!["unsupported-yaml"],
        ),
        // `base` and `<<` are unknown fields, and the person lacks its own fields.
        (
            "merge-key.yaml",
            b"base: &b {id: x}\npeople:\n  - <<: *b\n".to_vec(),
            vec![
                "unknown-field",
                "unknown-field",
                "missing-field",
                "missing-field",
                "missing-field",
            ],
        ),
        (
            "huge-numbers.yaml",
            b"a: 1e999\nb: .nan\nc: 123456789012345678901234567890\n".to_vec(),
            vec![
                "unsupported-yaml",
                "unsupported-yaml",
                "unknown-field",
                "unknown-field",
                "unknown-field",
            ],
        ),
        (
            "long-key.yaml",
            long_key.into_bytes(),
            vec!["unknown-field"],
        ),
        (
            "long-line.yaml",
            long_line.into_bytes(),
            vec!["missing-field"],
        ),
    ];
    for (name, bytes, expected) in cases {
        let run = check_file(dir.path(), name, &bytes);
        let mut codes = codes_of(&run);
        codes.sort_unstable();
        let mut expected = expected;
        expected.sort_unstable();
        assert_eq!(codes, expected, "{name}");
    }
    // A directory named like a data file is walked, not read.
    std::fs::create_dir(dir.path().join("folder.yaml")).expect("mkdir");
    std::fs::write(dir.path().join("folder.yaml/inside.yaml"), "people: []\n").expect("write");
    let run =
        accord::check_paths(&[dir.path().join("folder.yaml")], &Default::default()).expect("runs");
    assert_eq!((run.files_checked, run.diagnostics.len()), (1, 0));
}
