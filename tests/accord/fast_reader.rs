//! The fast YAML reader agrees with the full one: wherever it reads a file, the full reader
//! reads the same value and reports nothing. Checked on every fixture, data file and example of
//! the explanations, and on thousands of near-miss variants of them (lines dropped, indentation
//! shifted, characters swapped for YAML's special ones).

use accord::yaml::{self, Limits};

/// The text of every data file and fixture that is UTF-8, and of every example of the
/// explanations, each with where it comes from.
fn yaml_texts() -> Vec<(std::path::PathBuf, String)> {
    let (files, _) = accord::files::discover(&["data".into(), "tests/fixtures".into()])
        .expect("the trees exist");
    let mut texts: Vec<_> = files
        .into_iter()
        .filter_map(|path| Some((path.clone(), std::fs::read_to_string(&path).ok()?)))
        .collect();
    for code in accord::Code::ALL {
        let explanation = code.explanation();
        for (which, example) in [("bad", explanation.bad), ("fixed", explanation.fixed)] {
            if let Some(example) = example {
                let origin = format!("the {which} example of src/codes/{}.md", code.as_str());
                texts.push((origin.into(), example.to_owned()));
            }
        }
    }
    texts
}

/// Asserts agreement on `text` ([`accord::invariants::reader_violation`]); returns whether the
/// fast reader read it.
fn agree(text: &str, origin: &str) -> bool {
    if let Some(violation) = accord::invariants::reader_violation(text) {
        panic!("{origin}: {violation}\n{text}");
    }
    yaml::fast::parse(text, &Limits::default()).is_some()
}

#[test]
fn the_fast_reader_reads_the_bundled_data() {
    for path in accord::files::discover(&["data".into()]).expect("data/").0 {
        let text = std::fs::read_to_string(&path).expect("UTF-8");
        assert!(
            agree(&text, &path.display().to_string()),
            "{} is not read by the fast reader",
            path.display()
        );
    }
}

#[test]
fn the_readers_agree_on_near_miss_variants() {
    const SPECIAL: &[&str] = &[
        ":", ": ", "-", "- ", "#", " #", "'", "\"", "[", "]", "{", "&a ", "*a", "!", "|", ">", "?",
        ",", " ", "  ", "\\", "NO", "11:00", "~", "\n", "\n  ", "é",
    ];
    const SCALARS: &[&str] = &[
        "NO",
        "yes",
        "Off",
        "11:00",
        "1:30:00",
        ".inf",
        "-.Inf",
        ".nan",
        "1e999",
        "0755",
        "0o17",
        "0x1F",
        "1_000",
        "0b101",
        "null",
        "~",
        "true",
        "False",
        "'a''b'",
        "\"\\u00e9 \\\" x\"",
        "\"\\x41\"",
        "[a, b]",
        "[]",
        "[a, [b]]",
        "{}",
        "|",
        ">-",
        "&x a",
        "*x",
        "!!str 1",
        "-",
        "- a",
        "a # b",
        "a#b",
        "@x",
        "`x`",
        "%x",
        "? x",
    ];
    let mut rng = crate::Rng(0x5eed);
    let (mut read, mut total) = (0, 0);
    for (path, text) in yaml_texts() {
        let lines: Vec<&str> = text.lines().collect();
        if lines.is_empty() {
            continue;
        }
        for _ in 0..60 {
            let mut variant: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
            let line = rng.below(variant.len());
            match rng.below(5) {
                4 => {
                    // Replace a whole value by a scalar that YAML reads in a special way.
                    if let Some(colon) = variant[line].find(": ") {
                        variant[line].truncate(colon + 2);
                        variant[line].push_str(SCALARS[rng.below(SCALARS.len())]);
                    }
                }
                0 => {
                    variant.remove(line);
                }
                1 => variant[line].insert_str(0, "  "),
                2 => {
                    let trimmed = variant[line].trim_start_matches(' ').to_owned();
                    variant[line] = trimmed;
                }
                _ => {
                    let at = variant[line]
                        .char_indices()
                        .map(|(i, _)| i)
                        .nth(rng.below(variant[line].chars().count().max(1)))
                        .unwrap_or(0);
                    variant[line].insert_str(at, SPECIAL[rng.below(SPECIAL.len())]);
                }
            }
            let text = variant.join("\n") + "\n";
            total += 1;
            if agree(&text, &path.display().to_string()) {
                read += 1;
            }
        }
    }
    // The variants must exercise the fast reader, not only make it give up.
    assert!(
        read * 4 > total,
        "the fast reader read only {read} of {total} variants"
    );
}

#[test]
fn reading_record_by_record_gives_what_reading_whole_gives() {
    let validator = accord::validate::SchemaValidator::new().expect("the schema compiles");
    let limits = Limits::default();
    let mut streamed = 0;
    for (path, text) in yaml_texts() {
        let by_record = accord::validate::check_file_by_record(&path, &text, &validator, &limits);
        streamed += 1;
        // Files of the fixtures are small, so check_file reads them whole.
        let whole = accord::validate::check_file(&path, &text, &validator, &limits);
        assert_eq!(
            by_record.diagnostics,
            whole.diagnostics,
            "{}",
            path.display()
        );
        assert_eq!(
            resolved(&by_record.facts),
            resolved(&whole.facts),
            "{}",
            path.display()
        );
    }
    assert!(
        streamed > 20,
        "only {streamed} files were read record by record"
    );
}

/// The facts with their strings spelt out, so that two walks compare whatever the order their
/// strings were stored in.
fn resolved(facts: &accord::validate::FileFacts) -> String {
    let mut out = format!("{} records\n", facts.records());
    for (id, kind, pointer) in facts.definitions() {
        out += &format!("def {id} {kind:?} {pointer}\n");
    }
    for (id, expected, pointer) in facts.references() {
        out += &format!("ref {id} {expected:?} {pointer}\n");
    }
    for (text, sources, pointer) in facts.quotes() {
        out += &format!("quote {text:?} {sources:?} {pointer}\n");
    }
    for (id, text, pointer) in facts.source_texts() {
        out += &format!("text {id} {text:?} {pointer}\n");
    }
    out
}
