//! `accord report`: the pages of the bundled data and of a fixture that uses every part of the
//! model the report shows (snapshots), links that land, escaping of data, and no report from
//! data with errors.

use std::path::Path;

use assert_cmd::Command;

#[test]
fn the_pages_of_the_bundled_data() {
    let loaded = accord::Dataset::load(&["data".into()], &Default::default()).expect("loads");
    let pages = accord::html_report::render(&loaded.dataset, &loaded.texts).expect("renders");
    let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "index.html",
            "timeline.html",
            "actors.html",
            "agreements.html",
            "claims.html",
            "vocabulary.html",
            "sources/hankyung-trump-zelensky-summit-minerals-agreement.html",
            "style.css"
        ]
    );
    for page in pages.iter().filter(|p| p.path.ends_with(".html")) {
        let name = page.path.replace('/', "__");
        insta::assert_snapshot!(format!("report__{name}"), &page.content);
    }
}

/// `tests/fixtures/report-capabilities/`: agreement texts and relations, terms with their texts,
/// polarity and quantities, conflicting status reports, sub-events, reported participants and a
/// vote, a fund's names over time, legal form, partners, contributions and provisions, relayed
/// citations with their channel, resources and topics, a source without a title and an excerpt.
const CAPABILITIES: &str = "tests/fixtures/report-capabilities";

#[test]
fn the_pages_of_a_dataset_with_every_capability() {
    let loaded = accord::Dataset::load(&[CAPABILITIES.into()], &Default::default()).expect("loads");
    assert!(
        loaded.run.diagnostics.is_empty(),
        "{:?}",
        loaded.run.diagnostics
    );
    let pages = accord::html_report::render(&loaded.dataset, &loaded.texts).expect("renders");
    for page in pages.iter().filter(|p| p.path.ends_with(".html")) {
        let name = page.path.replace('/', "__");
        insta::assert_snapshot!(format!("capabilities__{name}"), &page.content);
    }
    let page = |path: &str| {
        &pages
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("no page {path}"))
            .content
    };
    // What each capability must show, beyond the snapshots' exact markup.
    let agreements = page("agreements.html");
    for shown in [
        "id=\"minerals-accord-draft\"",
        "polarity-negative",
        "50% of revenue from new licences",
        "3 seats on the board",
        "10 years",
        "USD 75,000,000",
        "unanimity (the board)",
        "<span class=\"kind\">implements</span>",
        "Sources disagree",
        "limited partnership, under the law of Examplia",
        "general partner",
        "Distribution of proceeds",
    ] {
        assert!(agreements.contains(shown), "agreements.html lacks {shown}");
    }
    // A text's own status history shows its conflict too.
    let draft = &agreements[agreements
        .find("id=\"minerals-accord-draft\"")
        .expect("the draft")
        ..agreements
            .find("id=\"minerals-accord-signed\"")
            .expect("the signed text")];
    assert!(draft.contains("Sources disagree"), "{draft}");
    let timeline = page("timeline.html");
    for shown in [
        "Part of: <a",
        "Parts: <a",
        "Also taking part",
        "120 in favour",
        "30 against",
        "5 abstentions",
        "Sources disagree",
    ] {
        assert!(timeline.contains(shown), "timeline.html lacks {shown}");
    }
    assert!(page("sources/herald-accord.html").contains(">excerpt<"));
    assert!(
        page("sources/ministry-post.html")
            .contains("<h1>Social media post by Examplia Ministry of Foreign Affairs</h1>")
    );
    assert!(page("claims.html").contains("vocabulary.html#security-guarantees"));
    assert!(page("agreements.html").contains(">via <a"));
    assert_links_land(&pages, 80);
}

#[test]
fn every_link_between_pages_lands_on_an_element() {
    let loaded = accord::Dataset::load(&["data".into()], &Default::default()).expect("loads");
    let pages = accord::html_report::render(&loaded.dataset, &loaded.texts).expect("renders");
    assert_links_land(&pages, 250);
}

/// Every link of every page leads to a page of the report and, with an anchor, to an element of
/// it; there are more than `at_least` links.
fn assert_links_land(pages: &[accord::html_report::Page], at_least: usize) {
    let href = regex::Regex::new(r##"href="([^"#]*)(?:#([^"]*))?""##).expect("regex");
    let mut checked = 0;
    for page in pages {
        let dir = Path::new(&page.path).parent().unwrap_or(Path::new(""));
        // minijinja escapes `/` in attributes, as browsers decode it.
        let content = page.content.replace("&#x2f;", "/");
        for link in href.captures_iter(&content) {
            // A link within the page, or relative to its directory; `..` is resolved by hand,
            // as pages sit at most one directory deep.
            let target = if link[1].is_empty() {
                page.path.clone()
            } else {
                dir.join(&link[1])
                    .to_string_lossy()
                    .replace("sources/../", "")
            };
            let found = pages
                .iter()
                .find(|p| p.path == target)
                .unwrap_or_else(|| panic!("{}: a link to {target} leads nowhere", page.path));
            if let Some(anchor) = link.get(2) {
                assert!(
                    found
                        .content
                        .contains(&format!("id=\"{}\"", anchor.as_str())),
                    "{}: no element {target}#{}",
                    page.path,
                    anchor.as_str()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > at_least, "only {checked} links");
}

#[test]
fn data_is_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir("tests/fixtures/base").expect("fixtures") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        let text = text.replace(
            "title: Foreign ministers of Examplia and Nordland meet",
            "title: \"<script>alert('x')</script> & <b>meet</b>\"",
        );
        std::fs::write(dir.path().join(path.file_name().expect("a name")), text).expect("write");
    }
    let loaded =
        accord::Dataset::load(&[dir.path().to_path_buf()], &Default::default()).expect("loads");
    let pages = accord::html_report::render(&loaded.dataset, &loaded.texts).expect("renders");
    let timeline = &pages
        .iter()
        .find(|p| p.path == "timeline.html")
        .expect("a timeline")
        .content;
    assert!(timeline.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt; &amp; &lt;b&gt;meet&lt;&#x2f;b&gt;"), "{timeline}");
    assert!(!pages.iter().any(|p| p.content.contains("<script")));
}

#[test]
fn data_with_errors_gets_no_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report");
    let output = Command::cargo_bin("accord")
        .expect("binary")
        .args([
            "report",
            "tests/fixtures/base",
            "tests/fixtures/invalid/dangling-reference--source.yaml",
            "--out",
        ])
        .arg(&out)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error[dangling-reference]") && stderr.contains("no report written"),
        "{stderr}"
    );
    assert!(!out.exists(), "a report was written");
    let output = Command::cargo_bin("accord")
        .expect("binary")
        .args(["report", "data", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(out.join("index.html").is_file() && out.join("style.css").is_file());
}
