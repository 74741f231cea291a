//! The move of `data/` from data-file format 1 to format 2 lost nothing.
//!
//! `tests/fixtures/migration/v1/` keeps the dataset as it was in format 1. Compared with
//! `data/`, record by record:
//!
//! - every record of format 1 is still there, under the same id and in the same section (an
//!   agreement's terms are records of their own);
//! - every citation of a record (its source, quote, modality and attribution, wherever in the
//!   record it sits) is still one of that record's citations;
//! - every value of a record (every name, summary, date, reference, kind) is still one of that
//!   record's values, once renamed as format 2 spells it, except the corrections listed below,
//!   each with its reason;
//! - every resource and topic format 1 named from its closed lists is a record of format 2.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

const FORMAT_1: &str = "tests/fixtures/migration/v1";
const FORMAT_2: &str = "data";

/// Values format 2 corrects on purpose, after a fact-by-fact re-read of the article: the record,
/// the value of format 1, and why it is gone.
const CORRECTIONS: &[(&str, &str, &str)] = &[
    (
        "europe",
        "Q46",
        "Q46 is the continent; the article's Europe is the European countries and leaders",
    ),
    (
        "economic-framework-agreement-american-workers-security-mechanism",
        "The entry of American workers into Ukraine for joint mineral development would itself serve as a security mechanism.",
        "the article only expects the agreement to reflect this as Trump's position; the summary now says so",
    ),
    (
        "full-territorial-restoration-impossible",
        "position",
        "the reporter's reading (\"effectively declared\") is analysis, which has no holders",
    ),
    (
        "full-territorial-restoration-impossible",
        "As it began peace negotiations, the Trump administration effectively declared that a complete restoration of Ukrainian territory seized by Russia since 2014 is impossible.",
        "the summary now says whose reading it is",
    ),
];

/// A dataset's records by id: the section, and the record itself.
type Records = BTreeMap<String, (String, Value)>;

fn read_dataset(root: &Path) -> Records {
    let mut records = Records::new();
    let mut paths = Vec::new();
    collect_yaml(root, &mut paths);
    assert!(!paths.is_empty(), "no YAML under {}", root.display());
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("readable");
        let (document, findings) = accord::yaml::parse(&text, &accord::yaml::Limits::default());
        assert!(findings.is_empty(), "{}: {findings:?}", path.display());
        let Some(Value::Object(sections)) = document.value else {
            panic!("{} holds no mapping", path.display())
        };
        for (section, list) in sections {
            for record in list.as_array().into_iter().flatten() {
                add_record(&mut records, &section, record);
            }
        }
    }
    records
}

fn add_record(records: &mut Records, section: &str, record: &Value) {
    let id = record["id"]
        .as_str()
        .expect("every record has an id")
        .to_owned();
    for (nested, field) in [("terms", "terms"), ("versions", "versions")] {
        for item in record
            .get(field)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            add_record(records, nested, item);
        }
    }
    let previous = records.insert(id.clone(), (section.to_owned(), record.clone()));
    assert!(previous.is_none(), "`{id}` twice");
}

fn collect_yaml(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a directory") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            collect_yaml(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

/// The citations anywhere in a record, outside the records nested in it, as canonical JSON.
fn citations(record: &Value) -> BTreeSet<String> {
    fn walk(value: &Value, top: bool, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, item) in map {
                    if !top && key == "id" {
                        // A nested record: its citations are its own.
                        return;
                    }
                    if key == "citations" {
                        for citation in item.as_array().into_iter().flatten() {
                            out.insert(citation.to_string());
                        }
                    } else {
                        walk(item, false, out);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, false, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    let mut record = record.clone();
    for nested in ["terms", "versions"] {
        record.as_object_mut().map(|m| m.remove(nested));
    }
    walk(&record, true, &mut out);
    out
}

/// Every scalar value of a record, outside its nested records, with format 1's vocabulary
/// values (`rare_earths`) spelled as format 2's resource and topic ids (`rare-earths`).
fn values(record: &Value, rename: bool) -> BTreeSet<String> {
    fn walk(value: &Value, field: &str, rename: bool, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => map.iter().for_each(|(k, v)| walk(v, k, rename, out)),
            Value::Array(items) => items.iter().for_each(|v| walk(v, field, rename, out)),
            Value::String(text) if rename && (field == "resources" || field == "topics") => {
                out.insert(text.replace('_', "-"));
            }
            Value::String(text) => {
                out.insert(text.clone());
            }
            other => {
                out.insert(other.to_string());
            }
        }
    }
    let mut record = record.clone();
    for nested in ["terms", "versions"] {
        record.as_object_mut().map(|m| m.remove(nested));
    }
    let mut out = BTreeSet::new();
    walk(&record, "", rename, &mut out);
    out
}

#[test]
fn the_move_to_format_2_keeps_every_record_citation_and_value() {
    let old = read_dataset(Path::new(FORMAT_1));
    let new = read_dataset(Path::new(FORMAT_2));
    let mut lost = Vec::new();
    let mut corrected = BTreeSet::new();
    for (id, (section, record)) in &old {
        let Some((new_section, new_record)) = new.get(id) else {
            lost.push(format!("the {section} record `{id}`"));
            continue;
        };
        assert_eq!(section, new_section, "`{id}` moved sections");
        let kept = citations(new_record);
        for citation in citations(record).difference(&kept) {
            lost.push(format!("`{id}`: the citation {citation}"));
        }
        let kept = values(new_record, false);
        for value in values(record, true).difference(&kept) {
            match CORRECTIONS.iter().find(|(r, v, _)| r == id && v == value) {
                Some(correction) => {
                    corrected.insert(correction);
                }
                None => lost.push(format!("`{id}`: the value {value:?}")),
            }
        }
        for field in ["resources", "topics"] {
            for value in record
                .get(field)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let renamed = value.as_str().unwrap_or_default().replace('_', "-");
                if new.get(&renamed).map(|(s, _)| s.as_str()) != Some(field) {
                    lost.push(format!("`{id}`: no {field} record `{renamed}`"));
                }
            }
        }
    }
    assert!(lost.is_empty(), "lost in the move:\n{}", lost.join("\n"));
    // Each correction is one that was made, not an excuse kept for nothing.
    assert_eq!(corrected.len(), CORRECTIONS.len(), "unused corrections");
    assert!(old.len() >= 50, "only {} records read", old.len());
    assert!(new.len() > old.len());
}

#[test]
fn the_migrated_data_is_clean() {
    let run = crate::check(&[Path::new(FORMAT_2)]);
    assert!(run.diagnostics.is_empty(), "{:#?}", run.diagnostics);
}
