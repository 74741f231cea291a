//! Placing findings in a large file one record at a time.
//!
//! The full reader keeps every node's value and span, which for a file of hundreds of megabytes
//! is many times its size. A file the fast reader streams is made of top-level lists of records
//! whose lines read on their own, so a finding about `/people/41235/name` is placed by reading
//! only the lines of that record with spans. Findings about the top-level keys themselves are
//! placed on their key's line, which in the fast reader's subset is the only line at the
//! mapping's indentation that starts with that key.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::{Document, Limits, fast, parse, span_of};
use crate::diagnostic::{Diagnostic, Span, Target};

/// A record of a top-level list: the list's key and the item's index.
type RecordKey = (String, usize);

/// Where a pointer leads: into a record, or to the top level.
enum Place<'p> {
    Record(RecordKey, String),
    TopLevel(&'p str),
}

fn split_pointer(pointer: &str) -> Place<'_> {
    let mut tokens = pointer.splitn(4, '/').skip(1);
    let (Some(section), Some(index)) = (tokens.next(), tokens.next()) else {
        return Place::TopLevel(pointer);
    };
    match index.parse::<usize>() {
        Ok(index) => {
            let rest = tokens
                .next()
                .map_or(String::new(), |rest| format!("/{rest}"));
            let section = section.replace("~1", "/").replace("~0", "~");
            Place::Record((section, index), format!("/0{rest}"))
        }
        Err(_) => Place::TopLevel(pointer),
    }
}

/// The lines of the records `wanted`, found by streaming `text` through the fast reader once.
/// `None` when the fast reader gives up on the text.
pub fn record_ranges(
    text: &str,
    limits: &Limits,
    wanted: &[RecordKey],
) -> Option<HashMap<RecordKey, Range<usize>>> {
    let mut ranges = HashMap::new();
    if wanted.is_empty() {
        return Some(ranges);
    }
    let mut wanted_by_section: HashMap<&str, Vec<usize>> = HashMap::new();
    for (section, index) in wanted {
        wanted_by_section
            .entry(section.as_str())
            .or_default()
            .push(*index);
    }
    fast::parse_records(text, limits, &mut |section, index, _, range| {
        if wanted_by_section
            .get(section)
            .is_some_and(|indices| indices.contains(&index))
        {
            ranges.insert((section.to_owned(), index), range);
        }
    })?;
    Some(ranges)
}

/// The text of the value at `pointer` inside the record whose lines are `range`, when that is
/// a scalar or node that exists; for hints that quote what was written.
pub fn raw_in_record(
    text: &str,
    range: Range<usize>,
    pointer: &str,
    limits: &Limits,
) -> Option<String> {
    let Place::Record(_, inner) = split_pointer(pointer) else {
        return None;
    };
    let lines = text.get(range)?;
    let document = parse(lines, limits).0;
    let value = document.value.as_ref()?;
    let found = document.spans.locate(value, &inner);
    found
        .exact
        .then(|| lines.get(found.value.range()).map(str::to_owned))
        .flatten()
}

/// Fills in the spans of findings that were placed by pointer, like [`super::place`], reading
/// only the records they point into. `false` when the fast reader gives up on the text; the
/// caller then reads it whole.
pub fn place_by_record(
    diagnostics: &mut [Diagnostic],
    path: Option<&Path>,
    text: &str,
    limits: &Limits,
) -> bool {
    let in_file = |label_path: Option<&Path>, own_file: bool| match (label_path, path) {
        (Some(label_path), Some(p)) => label_path == p,
        (None, _) => own_file,
        (Some(_), None) => false,
    };
    // What needs placing, as (pointer, target) in this file.
    let mut wanted: Vec<RecordKey> = Vec::new();
    for diagnostic in diagnostics.iter() {
        let own_file = path.is_none_or(|p| diagnostic.path == p);
        let pointers = std::iter::once((own_file, diagnostic.span, &diagnostic.pointer)).chain(
            diagnostic
                .labels
                .iter()
                .map(|l| (in_file(l.path.as_deref(), own_file), l.span, &l.pointer)),
        );
        for (here, span, pointer) in pointers {
            if let (true, None, Some(pointer)) = (here, span, pointer)
                && let Place::Record(key, _) = split_pointer(pointer)
                && !wanted.contains(&key)
            {
                wanted.push(key);
            }
        }
    }
    let Some(ranges) = record_ranges(text, limits, &wanted) else {
        return false;
    };
    let mut documents: HashMap<RecordKey, (usize, Document)> = HashMap::new();
    for (key, range) in ranges {
        let start = range.start;
        if let Some(lines) = text.get(range) {
            documents.insert(key, (start, parse(lines, limits).0));
        }
    }
    let find = |pointer: &str, target: Target| -> Span {
        match split_pointer(pointer) {
            Place::Record(key, inner) => match documents.get(&key) {
                Some((start, document)) => match &document.value {
                    Some(value) => {
                        let span = span_of(&document.spans, value, &inner, target);
                        Span::new(start + span.start, start + span.end)
                    }
                    None => Span::new(*start, *start),
                },
                None => top_level_key(text, pointer, target),
            },
            Place::TopLevel(pointer) => top_level_key(text, pointer, target),
        }
    };
    for diagnostic in diagnostics.iter_mut() {
        let own_file = path.is_none_or(|p| diagnostic.path == p);
        if own_file
            && diagnostic.span.is_none()
            && let Some(pointer) = &diagnostic.pointer
        {
            diagnostic.span = Some(find(pointer, diagnostic.target));
        }
        for label in &mut diagnostic.labels {
            if in_file(label.path.as_deref(), own_file)
                && label.span.is_none()
                && let Some(pointer) = &label.pointer
            {
                label.span = Some(find(pointer, Target::Value));
            }
        }
    }
    true
}

/// The span of the top-level entry a pointer starts with: its key, or with [`Target::Value`]
/// its value when that is written on the key's line. The start of the file when there is none.
fn top_level_key(text: &str, pointer: &str, target: Target) -> Span {
    let Some((key, value)) = top_level_entry(text, pointer) else {
        return Span::new(0, 0);
    };
    match (target, value) {
        (Target::Value, Some(value)) => value,
        _ => key,
    }
}

/// The text of the top-level value a pointer names, when it is written on its key's line.
pub fn raw_top_level(text: &str, pointer: &str) -> Option<String> {
    let (_, value) = top_level_entry(text, pointer)?;
    text.get(value?.range()).map(str::to_owned)
}

/// The spans of the key and of the one-line value of the top-level entry a pointer starts with.
fn top_level_entry(text: &str, pointer: &str) -> Option<(Span, Option<Span>)> {
    let first = pointer.split('/').nth(1)?;
    let key = first.replace("~1", "/").replace("~0", "~");
    // The first line with content sets the top-level mapping's indentation.
    let mut indent = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_start_matches(' ');
        let column = line.len() - content.len();
        let is_content = !content.trim_end().is_empty() && !content.starts_with('#');
        if is_content {
            let top = *indent.get_or_insert(column);
            if column == top
                && content.starts_with(key.as_str())
                && content[key.len()..].starts_with(':')
            {
                let start = offset + column;
                let after = &content[key.len() + 1..];
                let trimmed = after.trim_start_matches(' ');
                // In the fast reader's subset a value is one line: a comment starts at ` #`
                // outside quotes, which a quoted value ends before.
                let value = match trimmed.chars().next() {
                    None | Some('#' | '\n') => None,
                    Some(quote @ ('"' | '\'')) => {
                        trimmed[1..].find(quote).map(|end| &trimmed[..end + 2])
                    }
                    Some(_) => Some(trimmed.split(" #").next().unwrap_or(trimmed).trim_end()),
                };
                let value = value.filter(|v| !v.is_empty()).map(|v| {
                    let at = start + key.len() + 1 + (after.len() - trimmed.len());
                    Span::new(at, at + v.len())
                });
                return Some((Span::new(start, start + key.len()), value));
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    #[test]
    fn findings_are_placed_inside_their_record() {
        let text =
            "sources: []\npeople:\n  - id: a\n    name: A\n  - id: b\n    nickname: x\nextra: 1\n";
        let mut findings = vec![
            Diagnostic::new(Code::UnknownField, "unknown").at("/people/1/nickname", Target::Key),
            Diagnostic::new(Code::UnknownField, "unknown").at("/extra", Target::Key),
        ];
        assert!(place_by_record(
            &mut findings,
            None,
            text,
            &Limits::default()
        ));
        let placed: Vec<&str> = findings
            .iter()
            .map(|d| &text[d.span.expect("placed").range()])
            .collect();
        assert_eq!(placed, ["nickname", "extra"]);
    }

    #[test]
    fn raw_text_comes_from_the_record() {
        let text = "people:\n  - id: a\n    name: \"A\"\n";
        let ranges =
            record_ranges(text, &Limits::default(), &[("people".into(), 0)]).expect("streams");
        let range = ranges[&("people".to_owned(), 0)].clone();
        assert_eq!(
            raw_in_record(text, range, "/people/0/name", &Limits::default()).as_deref(),
            Some("\"A\"")
        );
    }
}
