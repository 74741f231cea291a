//! Placing findings in a large file one record at a time.
//!
//! The full reader keeps every node's value and span, which for a file of hundreds of megabytes
//! is many times its size. A file the fast reader streams is made of top-level lists of records
//! whose lines read on their own, so a finding about `/people/41235/name` is placed by reading
//! only the lines of that record with spans. Findings about the top level itself are placed in
//! the file's skeleton: its text with every record's lines blanked out, which keeps every offset
//! and leaves the full reader only the top-level keys to read.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use serde_json::Value;

use super::{
    Document, Limits, Placed, SpanTree, fast, in_file, parse, parse_records, place_with, span_of,
};
use crate::diagnostic::{Diagnostic, Span, Target};

/// A record of a top-level list: the list's key and the item's index.
type RecordKey = (String, usize);

/// The lines of the records asked for, by record, and of every record when asked.
type RecordLines = (HashMap<RecordKey, Range<usize>>, Vec<Range<usize>>);

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
            let section = crate::pointer::unescape(section).into_owned();
            Place::Record((section, index), format!("/0{rest}"))
        }
        Err(_) => Place::TopLevel(pointer),
    }
}

/// The lines of the records `wanted`, and with `all` the lines of every record, found by
/// streaming `text` through the fast reader once. `None` when the fast reader gives up.
fn record_ranges(
    text: &str,
    limits: &Limits,
    wanted: &HashSet<RecordKey>,
    all: bool,
) -> Option<RecordLines> {
    let mut ranges = HashMap::new();
    let mut every = Vec::new();
    if wanted.is_empty() && !all {
        return Some((ranges, every));
    }
    // By section, so that each streamed record is looked up without building its key.
    let mut wanted_by_section: HashMap<&str, HashSet<usize>> = HashMap::new();
    for (section, index) in wanted {
        wanted_by_section
            .entry(section.as_str())
            .or_default()
            .insert(*index);
    }
    fast::parse_records(text, limits, &mut |section, index, _, range| {
        if wanted_by_section
            .get(section)
            .is_some_and(|indices| indices.contains(&index))
        {
            ranges.insert((section.to_owned(), index), range.clone());
        }
        if all {
            every.push(range);
        }
    })?;
    Some((ranges, every))
}

/// The file read with spans but with the lines of every record blanked out (`ranges`): the
/// offsets of the top level stay those of the file.
fn skeleton(text: &str, ranges: &[Range<usize>], limits: &Limits) -> Document {
    let mut bytes = text.as_bytes().to_vec();
    for range in ranges {
        if let Some(lines) = bytes.get_mut(range.clone()) {
            for byte in lines.iter_mut().filter(|b| **b != b'\n') {
                *byte = b' ';
            }
        }
    }
    // Blanking whole records, byte by byte, leaves valid UTF-8.
    let blanked = String::from_utf8(bytes).unwrap_or_default();
    parse(&blanked, limits).0
}

/// The text of the top-level value `pointer` names, read from the file's skeleton.
pub(crate) fn raw_top_level(text: &str, pointer: &str, limits: &Limits) -> Option<String> {
    let (_, every) = record_ranges(text, limits, &HashSet::new(), true)?;
    let document = skeleton(text, &every, limits);
    let value = document.value.as_ref()?;
    let found = document.spans.locate(value, pointer);
    found
        .exact
        .then(|| text.get(found.value.range()).map(str::to_owned))
        .flatten()
}

/// The text of the value at `pointer` inside the record whose lines are `range`, when that is
/// a scalar or node that exists; for hints that quote what was written.
pub(crate) fn raw_in_record(
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

/// The pointer inside a record, for a pointer into the record `section`/`index` of the file.
fn inside(pointer: &str, section: &str, index: usize) -> Option<String> {
    match split_pointer(pointer) {
        Place::Record((s, i), inner) if s == section && i == index => {
            Some(inner.strip_prefix("/0").unwrap_or_default().to_owned())
        }
        _ => None,
    }
}

/// Fills in the spans of findings about one record that [`parse_records`] handed over
/// (pointers `/section/index/...`), from the record's own spans.
pub(crate) fn place_in_record(
    diagnostics: &mut [Diagnostic],
    section: &str,
    index: usize,
    record: &Value,
    spans: &SpanTree,
) {
    place_with(diagnostics, None, |pointer, target| {
        match inside(pointer, section, index) {
            Some(inner) => span_of(spans, record, &inner, target),
            None => Placed::nearest(Span::new(spans.span.start, spans.span.start)),
        }
    });
}

/// The text of the value at `pointer` in a record that [`parse_records`] handed over, when
/// that node exists; for hints that quote what was written.
pub(crate) fn raw_in_streamed_record(
    text: &str,
    section: &str,
    index: usize,
    record: &Value,
    spans: &SpanTree,
    pointer: &str,
) -> Option<String> {
    let inner = inside(pointer, section, index)?;
    let found = spans.locate(record, &inner);
    found
        .exact
        .then(|| text.get(found.value.range()).map(str::to_owned))
        .flatten()
}

/// Fills in the spans of findings that were placed by pointer, like [`super::place`], reading
/// only the records they point into: by their lines when the fast reader streams the text, and
/// otherwise in one streamed pass of the full reader, which keeps the spans of the records
/// asked for and of the top level only.
pub(crate) fn place_by_record(
    diagnostics: &mut [Diagnostic],
    path: Option<&Path>,
    text: &str,
    limits: &Limits,
) {
    // What needs placing in this file: records by key, and whether the top level is asked for.
    let mut wanted: HashSet<RecordKey> = HashSet::new();
    let mut top_level = false;
    for (pointer, _) in unplaced(diagnostics, path) {
        match split_pointer(&pointer) {
            Place::Record(key, _) => {
                wanted.insert(key);
            }
            Place::TopLevel(_) => top_level = true,
        }
    }
    let Some((ranges, every)) = record_ranges(text, limits, &wanted, top_level) else {
        place_streamed(diagnostics, path, text, limits);
        return;
    };
    // A record that was not streamed (an item of a flow list, `people: [1]`) is in the
    // skeleton, like the top level.
    let unstreamed = wanted.iter().any(|key| !ranges.contains_key(key));
    let every = if unstreamed && !top_level {
        match record_ranges(text, limits, &HashSet::new(), true) {
            Some((_, every)) => every,
            None => every,
        }
    } else {
        every
    };
    let skeleton = (top_level || unstreamed).then(|| skeleton(text, &every, limits));
    let in_skeleton = |pointer: &str, target: Target| match &skeleton {
        Some(Document {
            value: Some(value),
            spans,
            ..
        }) => span_of(spans, value, pointer, target),
        _ => Placed::nearest(Span::new(0, 0)),
    };
    let mut documents: HashMap<RecordKey, (usize, Document)> = HashMap::new();
    for (key, range) in ranges {
        let start = range.start;
        if let Some(lines) = text.get(range) {
            documents.insert(key, (start, parse(lines, limits).0));
        }
    }
    let find = |pointer: &str, target: Target| -> Placed {
        match split_pointer(pointer) {
            Place::Record(key, inner) => match documents.get(&key) {
                Some((start, document)) => match &document.value {
                    Some(value) => span_of(&document.spans, value, &inner, target).shifted(*start),
                    None => Placed::nearest(Span::new(*start, *start)),
                },
                None => in_skeleton(pointer, target),
            },
            Place::TopLevel(pointer) => in_skeleton(pointer, target),
        }
    };
    place_with(diagnostics, path, find);
}

/// Every pointer in the file `path` that still needs a span, with its target.
fn unplaced(diagnostics: &[Diagnostic], path: Option<&Path>) -> Vec<(String, Target)> {
    let mut found = Vec::new();
    for diagnostic in diagnostics {
        let own_file = path.is_none_or(|p| diagnostic.path == p);
        if own_file
            && diagnostic.span.is_none()
            && let Some(pointer) = &diagnostic.pointer
        {
            found.push((pointer.clone(), diagnostic.target));
        }
        for label in &diagnostic.labels {
            if in_file(label.path.as_deref(), path, own_file)
                && label.span.is_none()
                && let Some(pointer) = &label.pointer
            {
                found.push((pointer.clone(), Target::Value));
            }
        }
    }
    found
}

/// [`place_by_record`] through the full reader's record stream, for text the fast reader does
/// not read: as each record with findings goes by, the spans its findings need are taken and
/// the record is dropped, so memory holds one record and the spans found.
fn place_streamed(
    diagnostics: &mut [Diagnostic],
    path: Option<&Path>,
    text: &str,
    limits: &Limits,
) {
    // By section, then index: what each record is asked for (record-local pointer, target).
    type Asked = HashMap<String, HashMap<usize, Vec<(String, Target)>>>;
    let mut asked: Asked = HashMap::new();
    for (pointer, target) in unplaced(diagnostics, path) {
        if let Place::Record((section, index), inner) = split_pointer(&pointer) {
            let inner = inner.strip_prefix("/0").unwrap_or_default().to_owned();
            asked
                .entry(section)
                .or_default()
                .entry(index)
                .or_default()
                .push((inner, target));
        }
    }
    let mut spans_found: HashMap<(RecordKey, String, Target), Placed> = HashMap::new();
    let (skeleton, _) = parse_records(text, limits, &mut |section, index, record, spans| {
        if let Some(wanted) = asked.get(section).and_then(|by_index| by_index.get(&index)) {
            for (inner, target) in wanted {
                let span = span_of(&spans, &record, inner, *target);
                spans_found.insert(((section.to_owned(), index), inner.clone(), *target), span);
            }
        }
    });
    let in_skeleton = |pointer: &str, target: Target| match &skeleton.value {
        Some(value) => span_of(&skeleton.spans, value, pointer, target),
        None => Placed::nearest(Span::new(0, 0)),
    };
    place_with(diagnostics, path, |pointer, target| {
        match split_pointer(pointer) {
            Place::Record(key, inner) => {
                let inner = inner.strip_prefix("/0").unwrap_or_default().to_owned();
                match spans_found.get(&(key, inner, target)) {
                    Some(span) => *span,
                    None => in_skeleton(pointer, target),
                }
            }
            Place::TopLevel(pointer) => in_skeleton(pointer, target),
        }
    });
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Code};

    #[test]
    fn findings_are_placed_inside_their_record() {
        let text =
            "sources: []\npeople:\n  - id: a\n    name: A\n  - id: b\n    nickname: x\nextra: 1\n";
        let mut findings = vec![
            Diagnostic::new(Code::UnknownField, "unknown")
                .at("/people/1/nickname", Target::Key)
                .with_fix("name", Applicability::Safe),
            Diagnostic::new(Code::UnknownField, "unknown").at("/extra", Target::Key),
            Diagnostic::new(Code::InvalidValue, "no such value")
                .at("/people/1/nothing", Target::Value)
                .with_fix("x", Applicability::Safe),
        ];
        place_by_record(&mut findings, None, text, &Limits::default());
        let placed: Vec<&str> = findings
            .iter()
            .map(|d| &text[d.span.expect("placed").range()])
            .collect();
        assert_eq!(placed[..2], ["nickname", "extra"]);
        // A suggestion replaces its finding's text, and only text its pointer names exactly.
        let suggested: Vec<Option<Span>> = findings
            .iter()
            .map(|d| d.fix.as_ref().and_then(|s| s.span))
            .collect();
        assert_eq!(suggested, [findings[0].span, None, None]);
    }

    #[test]
    fn findings_in_flow_records_are_placed_by_the_full_reader() {
        // Flow mappings: the fast reader does not stream them.
        let text =
            "sources: []\npeople:\n  - {id: a, name: A}\n  - {id: b, nickname: x}\nextra: 1\n";
        let mut findings = vec![
            Diagnostic::new(Code::UnknownField, "unknown").at("/people/1/nickname", Target::Key),
            Diagnostic::new(Code::UnknownField, "unknown").at("/extra", Target::Key),
            Diagnostic::new(Code::DanglingReference, "dangling")
                .at("/people/0/id", Target::Value)
                .with_fix("b", Applicability::Safe),
        ];
        place_by_record(&mut findings, None, text, &Limits::default());
        let placed: Vec<&str> = findings
            .iter()
            .map(|d| &text[d.span.expect("placed").range()])
            .collect();
        assert_eq!(placed, ["nickname", "extra", "a"]);
        let suggestion = findings[2].fix.as_ref().expect("kept");
        assert_eq!(suggestion.span, findings[2].span);
    }

    #[test]
    fn raw_text_comes_from_the_record() {
        let text = "people:\n  - id: a\n    name: \"A\"\n";
        let (ranges, _) = record_ranges(
            text,
            &Limits::default(),
            &HashSet::from([("people".into(), 0)]),
            false,
        )
        .expect("streams");
        let range = ranges[&("people".to_owned(), 0)].clone();
        assert_eq!(
            raw_in_record(text, range, "/people/0/name", &Limits::default()).as_deref(),
            Some("\"A\"")
        );
    }
}
