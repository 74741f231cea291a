//! Hostile input that names files: source texts and followed links resolve inside the dataset
//! or are refused before they are read, so nothing of a file elsewhere (`/proc/self/environ`
//! among them) reaches stdout, stderr, a report or an export; and what accord writes, it owns.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// Words that only the file outside the dataset holds: none may appear in any output.
const ONLY_OUTSIDE: &str = "TAIL-ONLY-IN-THE-OUTSIDE-FILE";
/// The start of the outside file, which the hostile claim quotes.
const QUOTED: &str = "SECRET-MARKER-8c1f";

/// A temporary tree: `data/a.yaml` declares a source whose text is `data/<text>` and a claim
/// quoting `quote` from it; `outside/secret.txt` is a file outside the dataset.
struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    fn new(text: &str, quote: &str) -> Tree {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("data")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("outside")).expect("mkdir");
        std::fs::write(
            dir.path().join("outside/secret.txt"),
            format!("{QUOTED} and then {ONLY_OUTSIDE}, the rest of a private file.\n"),
        )
        .expect("write");
        std::fs::write(
            dir.path().join("data/a.yaml"),
            format!(
                "sources:
  - id: hostile-source
    kind: news_article
    title: A source whose text is not what it seems
    language: en
    text: {text}
people:
  - id: ana-ruiz
    name: Ana Ruiz
    citations:
      - source: hostile-source
        quote: \"{quote}\"
claims:
  - id: ruiz-statement
    kind: statement
    holders: [ana-ruiz]
    summary: Ana Ruiz says something.
    citations:
      - source: hostile-source
        quote: \"{quote}\"
        modality: stated
        according_to: [ana-ruiz]
"
            ),
        )
        .expect("write");
        Tree { dir }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn link(&self, target: impl AsRef<Path>, at: &str) {
        symlink(target, self.path(at)).expect("symlink");
    }

    /// Runs accord in the tree, with a secret in its environment as a CI job would have.
    fn run(&self, args: &[&str]) -> Outcome {
        let output = Command::cargo_bin("accord")
            .expect("binary built")
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env("ACCORD_TEST_CI_SECRET", ONLY_OUTSIDE)
            .args(args)
            .output()
            .expect("runs");
        Outcome {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Every byte under `relative`, as text, to look for leaks.
    fn contents_under(&self, relative: &str) -> String {
        let mut all = String::new();
        for entry in walkdir::WalkDir::new(self.path(relative)) {
            let entry = entry.expect("entry");
            if entry.file_type().is_file() {
                all.push_str(&String::from_utf8_lossy(
                    &std::fs::read(entry.path()).expect("read"),
                ));
            }
        }
        all
    }
}

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Outcome {
    fn assert_no_leak(&self) {
        for (stream, text) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            assert!(
                !text.contains(ONLY_OUTSIDE),
                "the outside file reached {stream}:\n{text}"
            );
        }
    }
}

/// Every way a hostile tree can be run: each output format of `check`, `export`, and `report`.
/// Each is refused with exit 1 and `code` in its findings, and nothing of the outside file
/// reaches any output.
fn assert_refused_everywhere(tree: &Tree, code: &str, extra: &[&str]) {
    for format in ["human", "concise", "json", "github", "sarif"] {
        let mut args = vec!["check", "data", "--format", format];
        args.extend(extra);
        let outcome = tree.run(&args);
        assert_eq!(
            outcome.code, 1,
            "{format}: {}{}",
            outcome.stdout, outcome.stderr
        );
        assert!(
            outcome.stdout.contains(code),
            "{format}: {}",
            outcome.stdout
        );
        // (SARIF lists every rule, found or not.)
        assert!(
            format == "sarif" || !outcome.stdout.contains("quote-not-found"),
            "a refused text answers nothing about quotes: {}",
            outcome.stdout
        );
        outcome.assert_no_leak();
    }
    let mut args = vec!["export", "data"];
    args.extend(extra);
    let export = tree.run(&args);
    assert_eq!(export.code, 1, "{}", export.stderr);
    assert_eq!(export.stdout, "");
    assert!(export.stderr.contains(code), "{}", export.stderr);
    export.assert_no_leak();
    let mut args = vec!["report", "data", "--out", "site"];
    args.extend(extra);
    let report = tree.run(&args);
    assert_eq!(report.code, 1, "{}", report.stderr);
    report.assert_no_leak();
    assert!(!tree.path("site").exists(), "no report is written");
}

#[test]
fn a_text_linked_to_a_file_outside_the_dataset_is_refused() {
    let tree = Tree::new("t.txt", QUOTED);
    tree.link("../outside/secret.txt", "data/t.txt");
    assert_refused_everywhere(&tree, "source-text-outside-dataset", &[]);
    assert_refused_everywhere(&tree, "source-text-outside-dataset", &["--follow-links"]);
    let outcome = tree.run(&["check", "data", "--format", "concise"]);
    assert!(
        outcome
            .stdout
            .contains("it resolves to `outside/secret.txt`, outside the dataset (`data`)"),
        "the finding says why: {}",
        outcome.stdout
    );
}

#[test]
fn a_text_linked_to_the_process_environment_is_refused() {
    let tree = Tree::new("t.txt", "HOME=");
    tree.link("/proc/self/environ", "data/t.txt");
    assert_refused_everywhere(&tree, "source-text-outside-dataset", &[]);
    let outcome = tree.run(&["check", "data", "--format", "concise"]);
    assert!(
        outcome
            .stdout
            .contains("on the special file system `/proc`"),
        "{}",
        outcome.stdout
    );
    // The same through a link to /proc/self, and to a device.
    let tree = Tree::new("self/environ.txt", "HOME=");
    tree.link("/proc/self", "data/self");
    assert_refused_everywhere(&tree, "source-text-outside-dataset", &[]);
    let tree = Tree::new("zero.txt", "x");
    tree.link("/dev/zero", "data/zero.txt");
    assert_refused_everywhere(&tree, "source-text-outside-dataset", &[]);
}

#[test]
fn a_text_in_a_linked_directory_outside_the_dataset_is_refused() {
    let tree = Tree::new("sub/secret.txt", QUOTED);
    tree.link("../outside", "data/sub");
    assert_refused_everywhere(&tree, "source-text-outside-dataset", &[]);
    // Following links, the walk does not enter the directory either, and says so.
    let outcome = tree.run(&["check", "data", "--follow-links", "--format", "concise"]);
    assert!(
        outcome
            .stdout
            .contains("data/sub: error[link-outside-dataset]: this symbolic link is not followed"),
        "{}",
        outcome.stdout
    );
    outcome.assert_no_leak();
}

#[test]
fn chains_of_links_are_followed_to_their_end() {
    // Two links, the second leaving the dataset: refused.
    let tree = Tree::new("t.txt", QUOTED);
    tree.link("u.txt", "data/t.txt");
    tree.link("../outside/secret.txt", "data/u.txt");
    assert_refused_everywhere(&tree, "source-text-outside-dataset", &[]);
    // A link that leaves the dataset only to come back into it ends inside: read.
    let tree = Tree::new("t.txt", "They met on Monday.");
    std::fs::write(tree.path("data/real.txt"), "They met on Monday.\n").expect("write");
    tree.link("../outside/../data/real.txt", "data/t.txt");
    let outcome = tree.run(&["check", "data"]);
    assert_eq!(outcome.code, 0, "{}{}", outcome.stdout, outcome.stderr);
}

#[test]
fn whether_a_file_exists_outside_the_dataset_is_not_told() {
    // A path through a link out of the dataset is refused the same whether its end exists or
    // not; a link that leads nowhere is refused too. Only a path inside is "missing".
    let finding = |text: &str, link: Option<(&str, &str)>| {
        let tree = Tree::new(text, QUOTED);
        if let Some((target, at)) = link {
            tree.link(target, at);
        }
        let outcome = tree.run(&["check", "data", "--format", "json"]);
        let report: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("JSON");
        report["diagnostics"][0]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let outside = "source-text-outside-dataset";
    assert_eq!(
        finding("sub/secret.txt", Some(("../outside", "data/sub"))),
        outside
    );
    assert_eq!(
        finding("sub/absent.txt", Some(("../outside", "data/sub"))),
        outside
    );
    assert_eq!(
        finding("t.txt", Some(("../outside/absent.txt", "data/t.txt"))),
        outside
    );
    assert_eq!(
        finding("t.txt", Some(("/no/such/place.txt", "data/t.txt"))),
        outside
    );
    assert_eq!(finding("absent.txt", None), "source-text-unreadable");
}

#[test]
fn whether_a_quote_is_in_an_outside_file_is_not_told() {
    // The same tree with a quote the outside file has and one it does not: the findings are
    // the same, so runs cannot be used to guess the file's content.
    let codes = |quote: &str| {
        let tree = Tree::new("t.txt", quote);
        tree.link("../outside/secret.txt", "data/t.txt");
        let outcome = tree.run(&["check", "data", "--format", "json"]);
        let report: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("JSON");
        let mut codes: Vec<String> = report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
            .collect();
        codes.sort();
        (outcome.code, codes)
    };
    let present = codes(QUOTED);
    assert_eq!(present, (1, vec!["source-text-outside-dataset".to_owned()]));
    assert_eq!(codes("NOT-IN-THE-OUTSIDE-FILE"), present);
}

#[test]
fn links_that_stay_inside_the_dataset_are_fine() {
    let quote = "Both leaders will meet in Washington on Friday.";
    let tree = Tree::new("t.txt", quote);
    std::fs::create_dir_all(tree.path("data/texts")).expect("mkdir");
    std::fs::write(
        tree.path("data/texts/article.txt"),
        format!("{quote} The agreement covers minerals.\n"),
    )
    .expect("write");
    tree.link("texts/article.txt", "data/t.txt");
    let check = tree.run(&["check", "data"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    // A linked directory inside the dataset, walked with --follow-links: its files are checked
    // once each, and the text through it is read.
    tree.link("texts", "data/also-texts");
    let check = tree.run(&["check", "data", "--follow-links"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    // The report publishes the text that was read under the rules.
    let report = tree.run(&["report", "data", "--out", "site"]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    assert!(
        tree.contents_under("site")
            .contains("The agreement covers minerals.")
    );
}

#[test]
fn a_text_named_on_the_command_line_as_a_root_is_inside() {
    // A run over one file has that file's directory as its dataset: a text linked to a
    // directory given as well is inside.
    let tree = Tree::new("t.txt", QUOTED);
    tree.link("../outside/secret.txt", "data/t.txt");
    let alone = tree.run(&["check", "data/a.yaml", "--format", "concise"]);
    assert_eq!(alone.code, 1);
    assert!(
        alone.stdout.contains("source-text-outside-dataset"),
        "{}",
        alone.stdout
    );
    let both = tree.run(&["check", "data/a.yaml", "outside", "--allow-no-files"]);
    assert_eq!(both.code, 0, "{}{}", both.stdout, both.stderr);
}

// What accord writes, it owns.

#[test]
fn a_report_is_not_written_over_files_accord_did_not_write() {
    let tree = Tree::new("t.txt", "They met.");
    std::fs::write(tree.path("data/t.txt"), "They met.\n").expect("write");
    std::fs::create_dir_all(tree.path("site")).expect("mkdir");
    std::fs::write(tree.path("site/index.html"), "<h1>hand-written</h1>\n").expect("write");
    let refused = tree.run(&["report", "data", "--out", "site"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("holds files that `accord report` did not write (index.html)"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        std::fs::read_to_string(tree.path("site/index.html")).expect("read"),
        "<h1>hand-written</h1>\n"
    );
    assert_eq!(
        std::fs::read_dir(tree.path("site")).expect("dir").count(),
        1
    );
    // --force writes anyway.
    let forced = tree.run(&["report", "data", "--out", "site", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(tree.path("site/.accord-report").is_file());
}

#[test]
fn a_report_accord_wrote_is_brought_up_to_date() {
    let tree = Tree::new("t.txt", "They met.");
    std::fs::write(tree.path("data/t.txt"), "They met.\n").expect("write");
    let first = tree.run(&["report", "data", "--out", "site"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let marker = std::fs::read_to_string(tree.path("site/.accord-report")).expect("marker");
    assert!(marker.lines().any(|l| l == "index.html"), "{marker}");
    assert!(
        marker.lines().any(|l| l == "sources/hostile-source.html"),
        "{marker}"
    );
    // A page of the last run that this one does not write is removed; a file someone added is
    // kept; a link planted at a page's path is replaced, and its target left alone.
    std::fs::write(tree.path("site/sources/gone.html"), "old").expect("write");
    std::fs::write(
        tree.path("site/.accord-report"),
        format!("{marker}sources/gone.html\n../outside/secret.txt\n"),
    )
    .expect("write");
    std::fs::write(tree.path("site/notes.txt"), "mine").expect("write");
    std::fs::remove_file(tree.path("site/index.html")).expect("remove");
    tree.link("../outside/secret.txt", "site/index.html");
    let second = tree.run(&["report", "data", "--out", "site"]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(!tree.path("site/sources/gone.html").exists());
    assert_eq!(
        std::fs::read_to_string(tree.path("site/notes.txt")).expect("read"),
        "mine"
    );
    assert!(
        tree.path("outside/secret.txt").is_file(),
        "a marker line cannot remove files elsewhere"
    );
    assert!(
        std::fs::read_to_string(tree.path("outside/secret.txt"))
            .expect("read")
            .starts_with(QUOTED),
        "the link's target is untouched"
    );
    let index = std::fs::symlink_metadata(tree.path("site/index.html")).expect("index");
    assert!(index.is_file(), "the link was replaced by the page");
    // A file where the directory should be.
    std::fs::write(tree.path("a-file"), "x").expect("write");
    let outcome = tree.run(&["report", "data", "--out", "a-file"]);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stderr.contains("is a file"), "{}", outcome.stderr);
}

#[test]
fn an_export_replaces_only_an_export() {
    let tree = Tree::new("t.txt", "They met.");
    std::fs::write(tree.path("data/t.txt"), "They met.\n").expect("write");
    std::fs::write(tree.path("notes.json"), "{\"mine\": true}\n").expect("write");
    let refused = tree.run(&["export", "data", "--out", "notes.json"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("is not an export accord wrote"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        std::fs::read_to_string(tree.path("notes.json")).expect("read"),
        "{\"mine\": true}\n"
    );
    for _ in 0..2 {
        let written = tree.run(&["export", "data", "--out", "export.json"]);
        assert_eq!(written.code, 0, "{}", written.stderr);
    }
    let forced = tree.run(&["export", "data", "--out", "notes.json", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_eq!(
        std::fs::read_to_string(tree.path("notes.json")).expect("read"),
        std::fs::read_to_string(tree.path("export.json")).expect("read")
    );
    // JSON Lines go into a directory that is new, empty or accord's.
    std::fs::create_dir_all(tree.path("lines")).expect("mkdir");
    std::fs::write(tree.path("lines/people.jsonl"), "mine\n").expect("write");
    let refused = tree.run(&["export", "data", "--format", "jsonl", "--out", "lines"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert_eq!(
        std::fs::read_to_string(tree.path("lines/people.jsonl")).expect("read"),
        "mine\n"
    );
    for _ in 0..2 {
        let written = tree.run(&["export", "data", "--format", "jsonl", "--out", "fresh"]);
        assert_eq!(written.code, 0, "{}", written.stderr);
    }
    assert!(tree.path("fresh/.accord-export").is_file());
}

#[test]
fn new_never_writes_through_a_link() {
    let tree = Tree::new("t.txt", "x");
    std::fs::create_dir_all(tree.path("data/articles")).expect("mkdir");
    // A dangling link where the text file would go: writing would create its target.
    tree.link(
        "../../planted.txt",
        "data/articles/reuters-2025-03-01-talks.txt",
    );
    let outcome = tree.run(&[
        "new",
        "article",
        "reuters-2025-03-01-talks",
        "--dir",
        "data/articles",
    ]);
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("exists already"),
        "{}",
        outcome.stderr
    );
    assert!(!tree.path("planted.txt").exists());
    assert!(
        !tree
            .path("data/articles/reuters-2025-03-01-talks.yaml")
            .exists()
    );
}
