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
fn a_run_over_no_data_file_is_exit_2_unless_allowed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty");
    let named_like_a_file = dir.path().join("dir-named/x.yaml");
    let only_a_loop = dir.path().join("only-a-loop");
    let only_text = dir.path().join("only-text");
    for path in [&empty, &named_like_a_file, &only_a_loop, &only_text] {
        std::fs::create_dir_all(path).expect("mkdir");
    }
    std::os::unix::fs::symlink("loop", only_a_loop.join("loop")).expect("symlink");
    std::fs::write(only_text.join("notes.txt"), "not data\n").expect("write");
    let data_file = dir.path().join("data.yaml");
    std::fs::write(&data_file, "people: []\n").expect("write");
    let run = |args: &[&std::ffi::OsStr]| {
        let output = Command::cargo_bin("accord")
            .expect("binary")
            .args(args)
            .output()
            .expect("runs");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let site = dir.path().join("site");
    for path in [&empty, &named_like_a_file, &only_a_loop, &only_text] {
        for command in ["check", "export", "report"] {
            let mut args: Vec<&std::ffi::OsStr> = vec![command.as_ref(), path.as_os_str()];
            if command == "report" {
                args.extend(["--out".as_ref(), site.as_os_str()]);
            }
            let (code, stderr) = run(&args);
            assert_eq!(code, Some(2), "{command} {}: {stderr}", path.display());
            assert!(
                stderr.contains(&format!("no data file found in `{}`", path.display())),
                "{stderr}"
            );
        }
        // One empty directory among others is named too.
        let (code, stderr) = run(&["check".as_ref(), data_file.as_os_str(), path.as_os_str()]);
        assert_eq!(code, Some(2), "{stderr}");
        let (code, stderr) = run(&[
            "check".as_ref(),
            path.as_os_str(),
            "--allow-no-files".as_ref(),
        ]);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(stderr.contains("checked 0 files"), "{stderr}");
    }
    assert!(!site.exists());
    // The library reports the empty paths and leaves the decision to its caller.
    let checked = accord::check_paths(&[empty.clone(), data_file.clone()], &Default::default())
        .expect("runs");
    assert_eq!(checked.empty_paths, [empty]);
    assert_eq!(checked.files_checked, 1);
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
    // Following links, one out of the dataset is still refused, with a finding at the link...
    let run = accord::check_paths(&paths, &follow).expect("runs");
    assert_eq!(run.files_checked, 1);
    assert_eq!(codes_of(&run), ["link-outside-dataset"]);
    assert_eq!(run.diagnostics[0].path, tree.path().join("elsewhere"));
    // ...unless its target is part of the dataset too, named on the command line.
    let both = [tree.path().to_path_buf(), outside.path().to_path_buf()];
    let run = accord::check_paths(&both, &follow).expect("runs");
    assert_eq!(run.files_checked, 3);
    assert_eq!(codes_of(&run), ["unknown-field", "unknown-field"]);
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
        "tests/fixtures/invalid/unknown-field--misspelt-required.yaml",
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

/// Writes a data file of about `bytes` bytes: one source and as many people as fit, each citing
/// the source. `broken_every` spoils one person in that many with an unknown field.
fn write_large_dataset(dir: &Path, bytes: usize, broken_every: usize) -> PathBuf {
    use std::io::Write;
    std::fs::write(dir.join("source.txt"), "Ana Ruiz met the ministers.\n").expect("write");
    let path = dir.join("large.yaml");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    write!(
        out,
        "sources:\n  - id: source\n    kind: news_article\n    title: A meeting\n    \
         language: en\n    text: source.txt\npeople:\n"
    )
    .expect("write");
    let (mut written, mut n) = (0, 0);
    while written < bytes {
        n += 1;
        let extra = if n % broken_every == 0 {
            "    nickname: x\n"
        } else {
            ""
        };
        let record = format!(
            "  - id: person-{n}\n    name: Person number {n}\n{extra}    citations:\n      \
             - source: source\n        quote: Ana Ruiz\n"
        );
        out.write_all(record.as_bytes()).expect("write");
        written += record.len();
    }
    out.flush().expect("flush");
    path
}

/// Runs the binary and returns its exit code, stdout and peak resident memory in bytes (its
/// high-water mark as last seen, every 10 ms, before it exited). Fails
/// the test if the run outlives `timeout`, which guards against a hang; speed itself is
/// measured in BENCHMARKS.md.
#[cfg(target_os = "linux")]
// wait4 polls the child without blocking and reaps it, which
// clippy cannot see.
#[allow(unsafe_code, clippy::zombie_processes)]
fn run_measured(args: &[&std::ffi::OsStr], timeout: std::time::Duration) -> (i32, String, u64) {
    use std::io::Read;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("accord"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("starts");
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    let pid = child.id() as libc::pid_t;
    let started = std::time::Instant::now();
    // The peak is read from the child's own VmHWM while it runs: `ru_maxrss` would count the
    // memory of this test process at the fork, which other tests running beside it make large.
    let high_water = || -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kilobytes * 1024)
    };
    let mut peak = 0;
    loop {
        if let Some(now) = high_water() {
            peak = peak.max(now);
        }
        // SAFETY: rusage is plain old data, for which all zero bytes are a valid value.
        let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
        // SAFETY: `status` and `usage` are valid for writes; `pid` is our own unwaited child.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(done >= 0, "wait4 failed");
        if done == pid {
            let text = reader.join().expect("reader").expect("UTF-8 stdout");
            let code = if libc::WIFEXITED(status) {
                libc::WEXITSTATUS(status)
            } else {
                -1
            };
            let _ = usage;
            return (code, text, peak);
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            panic!("accord ran for more than {timeout:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[cfg(target_os = "linux")]
#[test]
#[allow(clippy::print_stderr)] // The figures, for `--nocapture`.
fn a_large_flow_style_file_stays_in_bounded_memory() {
    use std::io::Write;
    const RECORDS: usize = 1_200_000;
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("source.txt"),
        "Ana Ruiz met the ministers.\n",
    )
    .expect("write");
    let path = dir.path().join("flow.yaml");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    // People in flow style, one spoilt with an unknown field and one citing a missing source,
    // then 1.2 million flow mappings under an unknown top-level key: the fast reader reads
    // none of it.
    write!(
        out,
        "sources:\n  - {{id: source, kind: news_article, title: A meeting, language: en, text: source.txt}}\npeople:\n"
    )
    .expect("write");
    for n in 0..1000 {
        let extra = match n {
            500 => ", nickname: x",
            700 => "",
            _ => "",
        };
        let source = if n == 700 { "missing-source" } else { "source" };
        writeln!(
            out,
            "  - {{id: person-{n}, name: 'Person {n}'{extra}, citations: [{{source: {source}, quote: Ana Ruiz}}]}}"
        )
        .expect("write");
    }
    writeln!(out, "imported:").expect("write");
    for n in 0..RECORDS {
        writeln!(
            out,
            "  - {{id: rec-{n}, name: 'Record number {n} of the bulk import, kept as it came', value: {n}}}"
        )
        .expect("write");
    }
    out.flush().expect("flush");
    drop(out);
    let size = std::fs::metadata(&path).expect("written").len();
    let (code, stdout, peak) = run_measured(
        &[
            "check".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            path.as_os_str(),
        ],
        std::time::Duration::from_secs(600),
    );
    eprintln!("flow style: {} MB file, {} MB peak", size >> 20, peak >> 20);
    assert_eq!(code, 1, "{stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("a JSON report");
    let found: Vec<(String, u64)> = report["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    // Each finding on the line of its record (people start on line 4).
    assert_eq!(
        found,
        [
            ("unknown-field".to_owned(), 504),
            ("dangling-reference".to_owned(), 704),
            ("unknown-field".to_owned(), 1004),
        ],
        "{stdout}"
    );
    assert!(
        peak < 4 * size && peak < 1 << 30,
        "peak memory {} MB for a {} MB file",
        peak >> 20,
        size >> 20
    );
}

#[cfg(target_os = "linux")]
#[test]
#[allow(clippy::print_stderr)] // The figures, for `--nocapture`.
fn a_200_megabyte_file_is_checked_in_bounded_time_and_memory() {
    const SIZE: usize = 200 * 1000 * 1000;
    let timeout = std::time::Duration::from_secs(600);
    let dir = tempfile::tempdir().expect("temp dir");
    // Clean: read record by record.
    let clean = write_large_dataset(dir.path(), SIZE, usize::MAX);
    let size = std::fs::metadata(&clean).expect("written").len();
    let (code, stdout, peak) = run_measured(
        &[
            "check".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            clean.as_os_str(),
        ],
        timeout,
    );
    assert_eq!(code, 0, "{stdout}");
    eprintln!("clean: {} MB file, {} MB peak", size >> 20, peak >> 20);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("a JSON report");
    assert_eq!(report["diagnostics"], serde_json::json!([]));
    assert!(
        peak < 5 * size,
        "peak memory {} MB for a {} MB file",
        peak >> 20,
        size >> 20
    );
    // With findings, which need the file read again with spans to place them.
    let broken = write_large_dataset(dir.path(), SIZE, 100_000);
    let (code, stdout, peak) = run_measured(
        &[
            "check".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            broken.as_os_str(),
        ],
        timeout,
    );
    assert_eq!(code, 1, "{stdout}");
    eprintln!(
        "with findings: {} MB file, {} MB peak",
        size >> 20,
        peak >> 20
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("a JSON report");
    let findings = report["diagnostics"].as_array().expect("a list");
    assert!(
        !findings.is_empty() && findings.iter().all(|d| d["code"] == "unknown-field"),
        "{findings:?}"
    );
    assert!(
        peak < 10 * size,
        "peak memory {} MB for a {} MB file with findings",
        peak >> 20,
        size >> 20
    );
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_without_waiting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Opening a pipe would wait for a writer forever; it is refused instead.
    let run = accord::check_paths(std::slice::from_ref(&fifo), &Default::default()).expect("runs");
    assert_eq!(codes_of(&run), ["io-error"]);
    // A source text that is a pipe, and a data file that is a device, likewise.
    std::fs::write(
        dir.path().join("data.yaml"),
        "sources:\n  - id: s\n    kind: news_article\n    title: T\n    language: en\n    text: text.txt\n",
    )
    .expect("write");
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("text.txt"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let run =
        accord::check_paths(&[dir.path().join("data.yaml")], &Default::default()).expect("runs");
    assert_eq!(codes_of(&run), ["source-text-outside-dataset"]);
    assert!(
        run.diagnostics[0].message.contains("not a regular file"),
        "{}",
        run.diagnostics[0].message
    );
    let run = accord::check_paths(&["/dev/zero".into()], &Default::default()).expect("runs");
    assert_eq!(codes_of(&run), ["io-error"]);
}

#[test]
fn files_deleted_while_the_run_goes_on_are_reported_or_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let names: Vec<PathBuf> = (0..3_000)
        .map(|i| dir.path().join(format!("file-{i:04}.yaml")))
        .collect();
    for name in &names {
        std::fs::write(name, "people: []\norganizations: []\n").expect("write");
    }
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("accord"))
        // When the deletion wins the race before the walk, the directory holds no data file:
        // that is exit 2 without this flag, and not what this test is about.
        .args(["check", "--format", "json", "--allow-no-files"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    // Delete from the end, so files disappear after the walk listed them.
    for name in names.iter().rev() {
        let _ = std::fs::remove_file(name);
    }
    let output = child.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let code = output.status.code();
    assert!(matches!(code, Some(0 | 1)), "exit code {code:?}: {stderr}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    for finding in report["diagnostics"].as_array().expect("a list") {
        assert_eq!(finding["code"], "io-error", "{finding}");
        assert_eq!(code, Some(1));
    }
}

/// The one `limit-exceeded` note of a run.
fn the_one_note(run: &accord::CheckRun) -> &accord::Diagnostic {
    let notes: Vec<_> = run
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "limit-exceeded")
        .collect();
    let [note] = notes[..] else {
        panic!("one note: {notes:?}")
    };
    note
}

#[test]
fn a_file_reports_at_most_a_thousand_findings_and_says_how_many_it_left_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let max = accord::validate::MAX_FINDINGS_PER_FILE;
    // Read whole: every finding is known, and the note counts the rest.
    let small = format!("claims:\n{}", "  - x\n".repeat(1_500));
    let run = check_file(dir.path(), "small.yaml", small.as_bytes());
    assert_eq!(run.diagnostics.len(), max + 1);
    let note = the_one_note(&run);
    assert_eq!(note.code.as_str(), "limit-exceeded");
    assert_eq!(
        note.message,
        "500 more findings in this file are not reported: only the first 1000 are"
    );
    assert_eq!(
        codes_of(&run)
            .iter()
            .filter(|c| **c == "invalid-type")
            .count(),
        max
    );
    // Read record by record (over 8 MiB): past the limit, records are read for their ids only.
    let large = format!("claims:\n{}", "  - x\n".repeat(1_500_000));
    let run = check_file(dir.path(), "large.yaml", large.as_bytes());
    assert_eq!(run.diagnostics.len(), max + 1);
    let note = the_one_note(&run);
    assert!(
        note.message.starts_with("more than 1000 findings in this file: only the first 1000 are reported, and the schema of the last "),
        "{}",
        note.message
    );
    // A large file whose top level is a list is one finding, without reading the list.
    let list = "- x\n".repeat(3_000_000);
    let run = check_file(dir.path(), "list.yaml", list.as_bytes());
    assert_eq!(codes_of(&run), ["invalid-type"]);
    assert_eq!(
        run.diagnostics[0].message,
        "the file must be a mapping, not a list"
    );
}
