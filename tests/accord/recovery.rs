//! One slip, one finding: a syntax error in one file does not turn the references to the records
//! it defines into findings in every other file.

use std::path::Path;

/// Copies `data/` into a temporary directory, applies `slip` to the file at `relative`, and
/// returns the codes and files of the findings.
fn check_with_slip(relative: &str, slip: impl Fn(&str) -> String) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    copy_dir(Path::new("data"), dir.path());
    let path = dir.path().join(relative);
    let text = std::fs::read_to_string(&path).expect("the file");
    let slipped = slip(&text);
    assert_ne!(slipped, text, "the slip changed nothing");
    std::fs::write(&path, slipped).expect("write");
    let run = crate::check(&[dir.path()]);
    run.diagnostics
        .iter()
        .map(|d| {
            let file = d
                .path
                .strip_prefix(dir.path())
                .map(|f| f.display().to_string())
                .unwrap_or_default();
            (d.code.as_str().to_owned(), file)
        })
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("a directory") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn an_unclosed_list_in_the_article_gives_one_finding() {
    let article = "articles/hankyung-trump-zelensky-summit-minerals-agreement.yaml";
    let findings = check_with_slip(article, |text| {
        text.replacen(
            "topics: [security-guarantees]",
            "topics: [security-guarantees",
            1,
        )
    });
    assert_eq!(findings, [("yaml-syntax".to_owned(), article.to_owned())]);
}

#[test]
fn an_unclosed_list_around_an_id_gives_one_finding() {
    let people = "actors/people.yaml";
    let findings = check_with_slip(people, |text| {
        text.replacen("  - id: donald-trump", "  - id: [donald-trump", 1)
    });
    assert_eq!(findings, [("yaml-syntax".to_owned(), people.to_owned())]);
}

#[test]
fn an_id_the_broken_file_does_not_define_still_dangles() {
    let people = "actors/people.yaml";
    let events = "events.yaml";
    let dir = tempfile::tempdir().expect("a temporary directory");
    copy_dir(Path::new("data"), dir.path());
    let broken = dir.path().join(people);
    let text = std::fs::read_to_string(&broken).expect("people");
    std::fs::write(
        &broken,
        text.replacen("  - id: donald-trump", "  - id: [donald-trump", 1),
    )
    .expect("write");
    let other = dir.path().join(events);
    let text = std::fs::read_to_string(&other).expect("events");
    std::fs::write(
        &other,
        text.replacen("[donald-trump,", "[donald-trumpp,", 1),
    )
    .expect("write");
    let run = crate::check(&[dir.path()]);
    let codes: Vec<&str> = run.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"yaml-syntax"), "{codes:?}");
    assert!(codes.contains(&"dangling-reference"), "{codes:?}");
}
