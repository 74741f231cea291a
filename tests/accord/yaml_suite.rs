//! Both YAML readers over every case of the official YAML test suite (the `data-2022-01-17`
//! release of <https://github.com/yaml/yaml-test-suite>, vendored in `tests/yaml-test-suite/`).
//!
//! Per case:
//! - an invalid input (`error`) gets at least one error finding from the full reader, and the
//!   fast reader gives up on it;
//! - a valid input of one document is read as its `in.json`, with no error finding, unless the
//!   case is declined: the full reader reports an error that the rules of data files call for
//!   (tags, complex keys, empty keys). Every declined case is listed in [`DECLINED`] with the
//!   code it is declined with; a case declined that is not listed, or listed and not declined
//!   with that code, fails;
//! - an input of several documents is reported (`multiple-documents`), never read as one (or
//!   declined before the reader gets to the second document);
//! - an input of no document reads as no value;
//! - a valid input without `in.json` is declined (and listed), or listed in [`READ_WITHOUT_JSON`]
//!   with the value it must read as;
//! - a finding about a tag names the tag as the text writes it, or as it resolves;
//! - wherever the fast reader reads a value, the full reader reads the same and reports nothing;
//! - neither reader panics.
//!
//! Values compare as JSON, with numbers compared by value: the suite's `in.json` files write a
//! float with no fraction as an integer (`price: 450.00` is `"price": 450` in UGM3), where accord
//! keeps the float the YAML core schema reads (`450.0`); both are the same JSON number. (UGM3 is
//! declined for its tag, so no case compared today needs this; a later release may.)
//!
//! Every failure is collected and reported at once, with the case's id and title.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use accord::yaml::{self, Limits};
use accord::{Code, Diagnostic, Severity};
use serde_json::Value;

const TAG: &str = "tags";
const COMPLEX_KEY: &str = "complex keys";
const EMPTY_KEY: &str = "empty keys";

/// Valid cases the full reader declines, with the code of its first error (other than
/// `multiple-documents` in a stream of several documents) and the rule of data files that calls
/// for it, which is the group the README lists the case under.
const DECLINED: &[(&str, Code, &str)] = &[
    // Tags other than the core schema's `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`,
    // `!!map` and `!!seq` on nodes they fit.
    ("2XXW", Code::UnsupportedYaml, TAG),    // !!set
    ("52DL", Code::UnsupportedYaml, TAG),    // ! (non-specific)
    ("565N", Code::UnsupportedYaml, TAG),    // !!binary
    ("5TYM", Code::UnsupportedYaml, TAG),    // %TAG !m! !my- and !m!light
    ("6CK3", Code::UnsupportedYaml, TAG),    // !local, !e!tag%21
    ("6WLZ", Code::UnsupportedYaml, TAG),    // !foo
    ("7FWL", Code::UnsupportedYaml, TAG),    // !<tag:yaml.org,2002:str>, !<!bar>
    ("8MK2", Code::UnsupportedYaml, TAG),    // ! (non-specific)
    ("9WXW", Code::UnsupportedYaml, TAG),    // !foo
    ("C4HZ", Code::UnsupportedYaml, TAG),    // %TAG ! tag:clarkevans.com,2002: and !shape
    ("CC74", Code::UnsupportedYaml, TAG),    // !e!foo
    ("CUP7", Code::UnsupportedYaml, TAG),    // !local
    ("J7PZ", Code::UnsupportedYaml, TAG),    // !!omap
    ("M5C3", Code::UnsupportedYaml, TAG),    // !foo
    ("P76L", Code::UnsupportedYaml, TAG),    // %TAG !! tag:example.com,2000:app/ and !!int
    ("S4JQ", Code::UnsupportedYaml, TAG),    // ! (non-specific)
    ("UGM3", Code::UnsupportedYaml, TAG),    // !<tag:clarkevans.com,2002:invoice>
    ("UKK6/02", Code::UnsupportedYaml, TAG), // ! (non-specific)
    ("Z67P", Code::UnsupportedYaml, TAG),    // !foo
    ("Z9M4", Code::UnsupportedYaml, TAG),    // !e!foo
    // Mappings and sequences as mapping keys.
    ("4FJ6", Code::UnsupportedYaml, COMPLEX_KEY),
    ("6BFJ", Code::UnsupportedYaml, COMPLEX_KEY),
    ("6PBE", Code::UnsupportedYaml, COMPLEX_KEY),
    ("9MMW", Code::UnsupportedYaml, COMPLEX_KEY),
    ("KK5P", Code::UnsupportedYaml, COMPLEX_KEY),
    ("LX3P", Code::UnsupportedYaml, COMPLEX_KEY),
    ("M2N8/00", Code::UnsupportedYaml, COMPLEX_KEY),
    ("M2N8/01", Code::UnsupportedYaml, COMPLEX_KEY),
    ("M5DY", Code::UnsupportedYaml, COMPLEX_KEY),
    ("Q9WF", Code::UnsupportedYaml, COMPLEX_KEY),
    ("RZP5", Code::UnsupportedYaml, COMPLEX_KEY),
    ("SBG9", Code::UnsupportedYaml, COMPLEX_KEY),
    ("V9D5", Code::UnsupportedYaml, COMPLEX_KEY),
    ("X38W", Code::UnsupportedYaml, COMPLEX_KEY),
    ("XW4D", Code::UnsupportedYaml, COMPLEX_KEY),
    // Empty (null) keys, `: x` and `? : x`: JSON has no null key, and reading one as `""`
    // would invent a key the text does not write.
    ("2JQS", Code::UnsupportedYaml, EMPTY_KEY),
    ("6M2F", Code::UnsupportedYaml, EMPTY_KEY),
    ("CFD4", Code::UnsupportedYaml, EMPTY_KEY),
    ("DFF7", Code::UnsupportedYaml, EMPTY_KEY),
    ("FH7J", Code::UnsupportedYaml, EMPTY_KEY),
    ("FRK4", Code::UnsupportedYaml, EMPTY_KEY),
    ("NHX8", Code::UnsupportedYaml, EMPTY_KEY),
    ("NKF9", Code::UnsupportedYaml, EMPTY_KEY),
    ("PW8X", Code::UnsupportedYaml, EMPTY_KEY),
    ("S3PD", Code::UnsupportedYaml, EMPTY_KEY),
    ("SM9W/01", Code::UnsupportedYaml, EMPTY_KEY),
    ("UKK6/00", Code::UnsupportedYaml, EMPTY_KEY),
];

/// Valid cases with no `in.json` that the full reader reads, with the value it must read (taken
/// from the case's event tree, `test.event` upstream) and why that is right.
const READ_WITHOUT_JSON: &[(&str, &str, &str)] = &[(
    "4ABK",
    r#"{"unquoted": "separate", "http://foo.com": null, "omitted value": null}"#,
    "a flow mapping of three text keys, two with no value: JSON holds it, though the release \
     has no in.json for it",
)];

/// The number of documents of the valid cases with no `in.json` that hold more than one (from
/// the case's `test.event` upstream, which is not vendored).
const DOCUMENTS_WITHOUT_JSON: &[(&str, usize)] = &[("NKF9", 4)];

/// One case of the suite: a directory with `in.yaml`.
struct Case {
    /// `2XXW`, or `2G84/00` for one variant of a case with several.
    id: String,
    title: String,
    yaml: String,
    /// The documents `in.json` holds, if it is there.
    json: Option<Vec<Value>>,
    invalid: bool,
}

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/yaml-test-suite/data")
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Every case, in the order of their ids; a case that cannot be read is a failure.
fn cases(failures: &mut Vec<String>) -> Vec<Case> {
    let root = suite_dir();
    let mut dirs = Vec::new();
    for dir in sorted_dirs(&root) {
        if dir.join("in.yaml").is_file() {
            dirs.push(dir);
        } else {
            dirs.extend(sorted_dirs(&dir));
        }
    }
    let mut cases = Vec::new();
    for dir in dirs {
        let id = dir
            .strip_prefix(&root)
            .expect("under the suite")
            .to_string_lossy()
            .replace('\\', "/");
        let read = |name: &str| std::fs::read_to_string(dir.join(name));
        let title = read("===").map(|t| t.trim().to_owned()).unwrap_or_default();
        let yaml = match read("in.yaml") {
            Ok(yaml) => yaml,
            Err(e) => {
                failures.push(format!("{id} ({title}): in.yaml cannot be read: {e}"));
                continue;
            }
        };
        let json = match read("in.json") {
            Ok(text) => match serde_json::Deserializer::from_str(&text)
                .into_iter::<Value>()
                .collect::<Result<Vec<_>, _>>()
            {
                Ok(documents) => Some(documents),
                Err(e) => {
                    failures.push(format!("{id} ({title}): in.json does not parse: {e}"));
                    continue;
                }
            },
            Err(_) => None,
        };
        cases.push(Case {
            id,
            title,
            yaml,
            json,
            invalid: dir.join("error").is_file(),
        });
    }
    cases
}

/// What the two readers made of a case.
struct Reading {
    fast: Option<Value>,
    full: Option<Value>,
    findings: Vec<Diagnostic>,
}

/// Runs both readers on `text`; a panic becomes its message.
fn read(text: &str) -> Result<Reading, String> {
    let limits = Limits::default();
    std::panic::catch_unwind(|| {
        let fast = yaml::fast::parse(text, &limits);
        let (document, findings) = yaml::parse(text, &limits);
        Reading {
            fast,
            full: document.value,
            findings,
        }
    })
    .map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic with no message".to_owned())
    })
}

/// Whether two values are the same JSON, numbers compared by value (`450.0` is `450`).
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => x.as_f64() == y.as_f64(),
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, x)| y.get(key).is_some_and(|y| same_json(x, y)))
        }
        _ => a == b,
    }
}

/// The tag a finding names, as in "the YAML tag `!foo` is not supported".
fn tag_named(finding: &Diagnostic) -> Option<&str> {
    if finding.code != Code::UnsupportedYaml {
        return None;
    }
    let (_, rest) = finding.message.split_once("tag `")?;
    rest.split_once('`').map(|(tag, _)| tag)
}

/// Whether `name` is a tag as `text` writes it (`!local`, `!e!foo`, `!<tag:x>`, `!`, with
/// `%21` escapes decoded or not), or as one of its shorthands resolves through its `%TAG`
/// directives or the default `!!` handle.
fn tag_of_text(name: &str, text: &str) -> bool {
    if text.contains(name) {
        return true;
    }
    let mut handles = vec![("!!", "tag:yaml.org,2002:")];
    for line in text.lines() {
        let mut words = line.split_whitespace();
        if let (Some("%TAG"), Some(handle), Some(prefix)) =
            (words.next(), words.next(), words.next())
        {
            handles.push((handle, prefix));
        }
    }
    text.split(|c: char| c.is_whitespace() || ",[]{}".contains(c))
        .any(|token| {
            // As written with its escapes decoded: `!e!tag%21` as `!e!tag!`.
            percent_decoded(token) == name
                || handles.iter().any(|(handle, prefix)| {
                    token.strip_prefix(handle).is_some_and(|suffix| {
                        !suffix.is_empty()
                            && name.strip_prefix(prefix).is_some_and(|named| {
                                named == suffix || named == percent_decoded(suffix)
                            })
                    })
                })
        })
}

/// `tag%21` as `tag!`.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = text
            .get(i + 1..i + 3)
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The findings as `code: message`, for failure messages.
fn listed(findings: &[Diagnostic]) -> String {
    if findings.is_empty() {
        return "no finding".to_owned();
    }
    findings
        .iter()
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect::<Vec<_>>()
        .join("; ")
}

fn compact(value: Option<&Value>) -> String {
    match value {
        Some(value) => value.to_string(),
        None => "no value".to_owned(),
    }
}

/// How the cases went; every case that passes is in exactly one of the counts but `fast_read`
/// and `multiple_documents_reported`.
#[derive(Default)]
struct Totals {
    cases: usize,
    invalid_rejected_by_both: usize,
    /// The invalid cases by the code of the full reader's first error.
    invalid_by_code: BTreeMap<&'static str, Vec<String>>,
    equal_to_json: usize,
    no_document: usize,
    read_without_json: usize,
    /// Streams of several documents reported (`multiple-documents`) and not declined.
    multi_document: usize,
    declined: BTreeMap<&'static str, usize>,
    multiple_documents_reported: usize,
    fast_read: usize,
}

#[test]
#[allow(clippy::print_stderr)] // The totals, for `--nocapture`.
fn both_readers_over_the_yaml_test_suite() {
    let mut failures = Vec::new();
    let cases = cases(&mut failures);
    let declined: BTreeMap<&str, (Code, &str)> = DECLINED
        .iter()
        .map(|(id, code, reason)| (*id, (*code, *reason)))
        .collect();
    let read_without_json: BTreeMap<&str, Value> = READ_WITHOUT_JSON
        .iter()
        .map(|(id, json, _)| (*id, serde_json::from_str(json).expect("JSON")))
        .collect();
    let documents_without_json: BTreeMap<&str, usize> =
        DOCUMENTS_WITHOUT_JSON.iter().copied().collect();
    assert_eq!(
        declined.len(),
        DECLINED.len(),
        "an id is listed twice in DECLINED"
    );
    for id in declined
        .keys()
        .chain(read_without_json.keys())
        .chain(documents_without_json.keys())
    {
        if !cases.iter().any(|case| case.id == *id) {
            failures.push(format!(
                "{id}: listed in a table but not a case of the suite"
            ));
        }
    }

    let mut totals = Totals::default();
    for case in &cases {
        totals.cases += 1;
        let mut fail = |what: String| {
            failures.push(format!("{} ({}): {what}", case.id, case.title));
        };
        let reading = match read(&case.yaml) {
            Ok(reading) => reading,
            Err(message) => {
                fail(format!("a reader panicked: {message}"));
                continue;
            }
        };
        let errors: Vec<Code> = reading
            .findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.code)
            .collect();
        if errors.contains(&Code::MultipleDocuments) {
            totals.multiple_documents_reported += 1;
        }

        // The promise: where the fast reader reads, the full reader agrees and reports nothing.
        if let Some(fast) = &reading.fast {
            totals.fast_read += 1;
            if !reading.findings.is_empty() || reading.full.as_ref() != Some(fast) {
                fail(format!(
                    "the fast reader read {} but the full reader read {} with {}",
                    fast,
                    compact(reading.full.as_ref()),
                    listed(&reading.findings)
                ));
            }
        }

        for finding in &reading.findings {
            if let Some(tag) = tag_named(finding)
                && !tag_of_text(tag, &case.yaml)
            {
                fail(format!(
                    "a finding names the tag `{tag}`, which the text neither writes nor resolves to: {}",
                    finding.message
                ));
            }
        }

        if case.invalid {
            match errors.first() {
                None => fail(format!(
                    "invalid YAML, but the full reader read {} with {}",
                    compact(reading.full.as_ref()),
                    listed(&reading.findings)
                )),
                Some(code) if reading.fast.is_none() => {
                    totals.invalid_rejected_by_both += 1;
                    totals
                        .invalid_by_code
                        .entry(code.as_str())
                        .or_default()
                        .push(case.id.clone());
                }
                // Already a failure of the promise above; say also that the input is invalid.
                Some(_) => fail("invalid YAML, but the fast reader read it".to_owned()),
            }
            if declined.contains_key(case.id.as_str())
                || read_without_json.contains_key(case.id.as_str())
            {
                fail("listed as valid in a table, but the case is invalid YAML".to_owned());
            }
            continue;
        }

        let documents = match &case.json {
            Some(json) => Some(json.len()),
            None => documents_without_json.get(case.id.as_str()).copied(),
        };
        let multi = documents.is_some_and(|n| n > 1);
        // What the full reader declines the case with: its first error, other than the one
        // expected of a stream of several documents.
        let declined_with = errors
            .iter()
            .copied()
            .find(|code| !(multi && *code == Code::MultipleDocuments));
        let mut counted = false;
        match (declined.get(case.id.as_str()), declined_with) {
            (Some((listed_code, reason)), Some(code)) if *listed_code == code => {
                *totals.declined.entry(reason).or_default() += 1;
                counted = true;
            }
            (Some((listed_code, _)), Some(_)) => fail(format!(
                "listed in DECLINED as {}, but the full reader reports {}",
                listed_code.as_str(),
                listed(&reading.findings)
            )),
            (Some((listed_code, _)), None) => fail(format!(
                "listed in DECLINED as {}, but the full reader read {} with {}",
                listed_code.as_str(),
                compact(reading.full.as_ref()),
                listed(&reading.findings)
            )),
            (None, Some(code)) => fail(format!(
                "valid YAML declined with {}, not listed in DECLINED: {}",
                code.as_str(),
                listed(&reading.findings)
            )),
            (None, None) => {
                let expected = match (&case.json, read_without_json.get(case.id.as_str())) {
                    (Some(json), None) if json.len() == 1 => Some(&json[0]),
                    (Some(_), None) => None,
                    (None, Some(value)) => Some(value),
                    (Some(_), Some(_)) => {
                        fail("listed in READ_WITHOUT_JSON, but the case has an in.json".to_owned());
                        None
                    }
                    (None, None) => {
                        fail(format!(
                            "valid YAML without in.json, read as {} with {}, and not listed in \
                             DECLINED nor READ_WITHOUT_JSON",
                            compact(reading.full.as_ref()),
                            listed(&reading.findings)
                        ));
                        None
                    }
                };
                if let Some(expected) = expected {
                    if reading
                        .full
                        .as_ref()
                        .is_some_and(|v| same_json(v, expected))
                    {
                        if case.json.is_some() {
                            totals.equal_to_json += 1;
                        } else {
                            totals.read_without_json += 1;
                        }
                        counted = true;
                    } else {
                        fail(format!(
                            "read as {}, but the suite holds {} ({})",
                            compact(reading.full.as_ref()),
                            expected,
                            listed(&reading.findings)
                        ));
                    }
                } else if documents == Some(0) {
                    if reading.full.is_none() {
                        totals.no_document += 1;
                        counted = true;
                    } else {
                        fail(format!(
                            "a stream of no document, read as {}",
                            compact(reading.full.as_ref())
                        ));
                    }
                }
            }
        }
        if multi {
            if !errors.contains(&Code::MultipleDocuments) && declined_with.is_none() {
                fail(format!(
                    "a stream of {} documents, read as one: {} with {}",
                    documents.unwrap_or_default(),
                    compact(reading.full.as_ref()),
                    listed(&reading.findings)
                ));
            } else if !counted {
                totals.multi_document += 1;
            }
        }
    }

    let invalid = cases.iter().filter(|case| case.invalid).count();
    // Invalid cases the parser itself accepts are caught by the rules of data files: name them.
    let by_code: Vec<String> = totals
        .invalid_by_code
        .iter()
        .map(|(code, ids)| match *code {
            "yaml-syntax" => format!("{code}: {}", ids.len()),
            _ => format!("{code}: {} ({})", ids.len(), ids.join(", ")),
        })
        .collect();
    eprintln!(
        "yaml-test-suite data-2022-01-17: {} cases\n\
         - invalid: {invalid}, rejected by both readers: {} (first error of the full reader: {})\n\
         - valid, read as their in.json: {}\n\
         - valid, no document, read as none: {}\n\
         - valid, no in.json, read as listed: {}\n\
         - several documents, reported: {} (multiple-documents reported in {} cases in all)\n\
         - declined: {:?}\n\
         - read by the fast reader (and the same by the full reader): {}",
        totals.cases,
        totals.invalid_rejected_by_both,
        by_code.join("; "),
        totals.equal_to_json,
        totals.no_document,
        totals.read_without_json,
        totals.multi_document,
        totals.multiple_documents_reported,
        totals.declined,
        totals.fast_read,
    );
    assert!(
        failures.is_empty(),
        "{} failures over the YAML test suite:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(
        totals.cases, 402,
        "the data-2022-01-17 release has 402 cases"
    );
}

#[test]
fn a_tag_is_named_as_written_or_as_resolved() {
    let text = "%TAG !e! tag:example.com,2000:app/\n---\n- !local a\n- !e!tag%21 b\n- !<!bar> c\n- !!set d\n- ! e\n";
    for name in [
        "!local",
        "!e!tag%21",
        "tag:example.com,2000:app/tag!",
        "tag:example.com,2000:app/tag%21",
        "!e!tag!",
        "!<!bar>",
        "!bar",
        "!!set",
        "tag:yaml.org,2002:set",
        "!",
    ] {
        assert!(tag_of_text(name, text), "{name}");
    }
    for name in ["tag:example.com,2000:app/!tag!", "!!bar", "!foo"] {
        assert!(!tag_of_text(name, text), "{name}");
    }
    assert!(!tag_of_text("!!", "- ! a\n"));
}
