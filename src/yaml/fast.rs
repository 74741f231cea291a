//! A fast reader for the block YAML that data files are written in: block mappings with plain
//! keys, block sequences (also `- key: value` items), plain, single- and double-quoted scalars
//! on one line, one-line flow lists of scalars, comments and blank lines.
//!
//! It builds the JSON value straight from the text, with no event stream and no spans, and it
//! gives up (`None`) on anything else — anchors, tags, block scalars, multi-line scalars, flow
//! mappings, tabs, `\r`, several documents — and on anything the full reader would report
//! (duplicate keys, YAML 1.1 look-alikes, numbers JSON cannot hold, nesting over the limit).
//! The caller then uses the full reader, so the result never depends on which reader ran: a
//! test compares the two on every fixture, the bundled data and generated corpora.

use serde_json::{Map, Value};

use super::{Limits, resolve_core, yaml_1_1_reading};

/// Reads `text` if it is within the subset, as the full reader would.
pub fn parse(text: &str, limits: &Limits) -> Option<Value> {
    read(text, limits, None)
}

/// Receives the items of the top-level lists one at a time: the key of the list, the item's
/// index, the item, and the byte range of its text (from the start of the line of its `-` to
/// where the next content starts; the range reads on its own as a one-item list).
pub type RecordSink<'s> = dyn FnMut(&str, usize, Value, std::ops::Range<usize>) + 's;

/// Reads `text` like [`parse`], but hands every item of a top-level block list to `sink` as soon
/// as it is read, leaving the list empty in the returned value, so a large file never holds more
/// than one record in memory. When the text is outside the subset it returns `None`, possibly
/// after some items went to the sink: the caller then discards what it received.
pub fn parse_records(text: &str, limits: &Limits, sink: &mut RecordSink<'_>) -> Option<Value> {
    read(text, limits, Some(sink))
}

fn read(text: &str, limits: &Limits, sink: Option<&mut RecordSink<'_>>) -> Option<Value> {
    if text.starts_with('\u{feff}') || !printable_without_tabs(text.as_bytes()) {
        return None;
    }
    let mut reader = Reader {
        text,
        lines: Lines::new(text),
        depth_left: limits.max_depth,
        sink,
    };
    let (indent, content) = reader.lines.peek_content()?;
    let value = if reader.sink.is_some() {
        // Streaming applies to the lists of a top-level mapping.
        let rest = &text[content..reader.lines.line_end(content)];
        key_end(rest)?;
        reader.depth_left = reader.depth_left.checked_sub(1)?;
        reader.mapping(indent, true)?
    } else {
        reader.block(indent, content)?
    };
    // Nothing but blank lines and comments may follow the document.
    if reader.lines.peek_content().is_some() {
        return None;
    }
    Some(value)
}

/// Whether every character is in YAML's printable set, tabs and carriage returns excluded (the
/// full reader handles those). YAML forbids the others even in comments.
fn printable_without_tabs(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | 0x20..=0x7e => {}
            0x00..=0x1f | 0x7f => return false,
            // C1 controls, U+0080 to U+009F but NEL (U+0085): 0xC2 0x80..=0x9F in UTF-8.
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x84 | 0x86..=0x9f)) => return false,
            // The non-characters U+FFFE and U+FFFF: 0xEF 0xBF 0xBE or 0xBF.
            0xef if bytes.get(i + 1) == Some(&0xbf)
                && matches!(bytes.get(i + 2), Some(0xbe | 0xbf)) =>
            {
                return false;
            }
            // A byte order mark, U+FEFF (0xEF 0xBB 0xBF), must not appear inside a document.
            0xef if bytes.get(i + 1) == Some(&0xbb) && bytes.get(i + 2) == Some(&0xbf) => {
                return false;
            }
            _ => {}
        }
        i += 1;
    }
    true
}

/// The lines of the text, skipping blank lines and comment lines.
struct Lines<'t> {
    text: &'t str,
    /// Byte offset of the next unread line.
    next: usize,
    /// When set, the current line's content starts at this column instead of at its indentation
    /// (the `key: value` after `- ` in a sequence item).
    inner: Option<(usize, usize)>,
    /// The last line found by `peek_content`: (its offset, indentation, content offset, end), so
    /// that each line is scanned once however often it is looked at.
    cached: Option<(usize, usize, usize, usize)>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            text,
            next: 0,
            inner: None,
            cached: None,
        }
    }

    /// The indentation and the byte offset of the content of the next line that has content.
    fn peek_content(&mut self) -> Option<(usize, usize)> {
        if let Some(inner) = self.inner {
            return Some(inner);
        }
        if let Some((line, indent, content, _)) = self.cached
            && line == self.next
        {
            return Some((indent, content));
        }
        let bytes = self.text.as_bytes();
        while self.next < bytes.len() {
            let line = self.next;
            let end = memchr_newline(bytes, line);
            let mut content = line;
            while content < end && bytes[content] == b' ' {
                content += 1;
            }
            if content == end || bytes[content] == b'#' {
                self.next = end + 1;
                continue;
            }
            self.cached = Some((line, content - line, content, end));
            return Some((content - line, content));
        }
        None
    }

    /// The end of the line holding `offset` (the `\n` or the end of the text).
    fn line_end(&self, offset: usize) -> usize {
        match self.cached {
            Some((line, _, _, end)) if line <= offset && offset <= end => end,
            _ => memchr_newline(self.text.as_bytes(), offset),
        }
    }

    /// Moves past the line holding `offset`.
    fn finish_line(&mut self, offset: usize) {
        self.inner = None;
        self.next = (self.line_end(offset) + 1).min(self.text.len() + 1);
    }
}

/// The offset of the first `\n` at or after `from`, or the length of the text.
fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |i| from + i)
}

struct Reader<'t, 's, 'f> {
    text: &'t str,
    lines: Lines<'t>,
    depth_left: usize,
    /// Where the items of top-level lists go, when streaming.
    sink: Option<&'s mut RecordSink<'f>>,
}

impl<'t> Reader<'t, '_, '_> {
    /// A block node whose first line has content at column `indent`, byte `at`.
    fn block(&mut self, indent: usize, at: usize) -> Option<Value> {
        self.depth_left = self.depth_left.checked_sub(1)?;
        let rest = &self.text[at..self.lines.line_end(at)];
        let value = if rest == "-" || rest.starts_with("- ") {
            self.sequence(indent)
        } else if key_end(rest).is_some() {
            self.mapping(indent, false)
        } else {
            None
        };
        self.depth_left += 1;
        value
    }

    /// The next line of the block whose lines start at column `indent`: its content's start and
    /// end, or `Some(None)` when the block has ended. `None` (give up) when the line is indented
    /// deeper than the block, which only a multi-line scalar or an error would do.
    fn line_at(&mut self, indent: usize) -> Option<Option<(usize, usize)>> {
        let Some((line_indent, at)) = self.lines.peek_content() else {
            return Some(None);
        };
        if line_indent < indent {
            return Some(None);
        }
        if line_indent > indent {
            return None;
        }
        Some(Some((at, self.lines.line_end(at))))
    }

    /// A block mapping; with `stream`, the items of the lists it holds go to the sink.
    fn mapping(&mut self, indent: usize, stream: bool) -> Option<Value> {
        // Records have about ten fields: start with room for them.
        let mut map = Map::with_capacity(8);
        while let Some((at, end)) = self.line_at(indent)? {
            let line = &self.text[at..end];
            let colon = key_end(line)?;
            let key = &line[..colon];
            let after = colon + 1;
            let rest = line[after..].trim_start_matches(' ');
            let value = if rest.is_empty() || rest.starts_with('#') {
                self.lines.finish_line(at);
                if stream {
                    self.nested_stream(indent, key)?
                } else {
                    self.nested(indent, true)?
                }
            } else {
                let value_at = end - rest.len();
                let value = self.inline(value_at, end)?;
                self.lines.finish_line(at);
                value
            };
            if map.insert(key.to_owned(), value).is_some() {
                return None;
            }
        }
        Some(Value::Object(map))
    }

    fn sequence(&mut self, indent: usize) -> Option<Value> {
        self.sequence_to(indent, None)
    }

    /// A block sequence; with `streamed_as`, its items go to the sink under that key instead of
    /// into the returned (then empty) list.
    fn sequence_to(&mut self, indent: usize, streamed_as: Option<&str>) -> Option<Value> {
        let mut items = Vec::new();
        let mut index = 0;
        while let Some((at, end)) = self.line_at(indent)? {
            let line_start = at.saturating_sub(indent);
            let line = &self.text[at..end];
            if line != "-" && !line.starts_with("- ") {
                // A mapping key at the indentation of the sequence ends it (`key:\n- a\nnext:`).
                break;
            }
            let rest = line[1..].trim_start_matches(' ');
            let item = if rest.is_empty() || rest.starts_with('#') {
                self.lines.finish_line(at);
                self.nested(indent, false)?
            } else if rest.starts_with("- ") || rest == "-" {
                return None;
            } else {
                let item_at = end - rest.len();
                if key_end(rest).is_some() {
                    // `- key: value`: a mapping whose first line starts after the dash.
                    let column = indent + (item_at - at);
                    self.lines.inner = Some((column, item_at));
                    self.depth_left = self.depth_left.checked_sub(1)?;
                    let value = self.mapping(column, false)?;
                    self.depth_left += 1;
                    value
                } else {
                    let value = self.inline(item_at, end)?;
                    self.lines.finish_line(at);
                    value
                }
            };
            match (streamed_as, self.sink.as_mut()) {
                (Some(key), Some(sink)) => {
                    // The record's text runs up to the next content, as a block collection in
                    // the whole file does: its end is where the next token starts.
                    let end = match self.lines.peek_content() {
                        Some((_, next)) => next,
                        None => self.text.len(),
                    };
                    sink(key, index, item, line_start..end.max(line_start))
                }
                _ => items.push(item),
            }
            index += 1;
        }
        Some(Value::Array(items))
    }

    /// Like [`Reader::nested`] for a key of the top-level mapping: a list there is streamed.
    fn nested_stream(&mut self, indent: usize, key: &str) -> Option<Value> {
        let Some((next_indent, at)) = self.lines.peek_content() else {
            return Some(Value::Null);
        };
        let rest = &self.text[at..self.lines.line_end(at)];
        let is_list = rest == "-" || rest.starts_with("- ");
        if is_list && next_indent >= indent {
            self.depth_left = self.depth_left.checked_sub(1)?;
            let value = self.sequence_to(next_indent, Some(key));
            self.depth_left += 1;
            value
        } else {
            self.nested(indent, true)
        }
    }

    /// The value of a key or item with nothing after it on its line: a more indented block, a
    /// sequence at the key's own indentation, or null.
    fn nested(&mut self, indent: usize, in_mapping: bool) -> Option<Value> {
        match self.lines.peek_content() {
            Some((next_indent, at)) if next_indent > indent => self.block(next_indent, at),
            Some((next_indent, at)) if in_mapping && next_indent == indent => {
                let rest = &self.text[at..self.lines.line_end(at)];
                if rest == "-" || rest.starts_with("- ") {
                    self.depth_left = self.depth_left.checked_sub(1)?;
                    let value = self.sequence(indent);
                    self.depth_left += 1;
                    value
                } else {
                    Some(Value::Null)
                }
            }
            _ => Some(Value::Null),
        }
    }

    /// A value that starts at `at` and ends its line (before `end`), after a key or a dash.
    fn inline(&mut self, at: usize, end: usize) -> Option<Value> {
        let text = &self.text[at..end];
        let (value, used) = match text.as_bytes()[0] {
            b'"' => double_quoted(text)?,
            b'\'' => single_quoted(text)?,
            b'[' => {
                self.depth_left = self.depth_left.checked_sub(1)?;
                let list = flow_list(text)?;
                self.depth_left += 1;
                list
            }
            _ => {
                let plain = plain_scalar(text)?;
                (resolve_plain(plain)?, plain.len())
            }
        };
        only_comment_after(&text[used..]).then_some(value)
    }
}

/// Whether what follows a value on its line is only spaces and a comment.
fn only_comment_after(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())
}

/// The byte index of the `:` ending a plain key at the start of `line`, if the line starts with
/// a simple key: letters, digits and `_`, followed by `:` and a space or the end of the line.
fn key_end(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let first = *bytes.first()?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let colon = bytes
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))?;
    if bytes[colon] != b':' || !matches!(bytes.get(colon + 1), None | Some(b' ')) {
        return None;
    }
    // Keys that the core schema or YAML 1.1 read as something other than text keep their full
    // treatment. Such keys are short: longer ones skip the check.
    let key = &line[..colon];
    if key.len() <= 5
        && (matches!(
            key,
            "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
        ) || yaml_1_1_reading(key).is_some())
    {
        return None;
    }
    Some(colon)
}

/// A plain scalar at the start of `text`: up to a comment or the end of the line, trimmed.
fn plain_scalar(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let first = bytes[0];
    let indicator = matches!(
        first,
        b',' | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
            | b'?'
            | b':'
    );
    let dash_not_number = first == b'-'
        && !bytes
            .get(1)
            .is_some_and(|b| b.is_ascii_digit() || *b == b'.');
    if indicator || dash_not_number {
        return None;
    }
    // One pass: stop at a comment; give up on `: ` (it would start a mapping) and on control
    // characters.
    let mut end = bytes.len();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b' ' if bytes.get(i + 1) == Some(&b'#') => {
                end = i;
                break;
            }
            b':' if matches!(bytes.get(i + 1), Some(b' ') | None) => return None,
            b if b < 0x20 || b == 0x7f => return None,
            _ => {}
        }
    }
    let scalar = text[..end].trim_end_matches(' ');
    (!scalar.ends_with(':')).then_some(scalar)
}

/// Resolves a plain scalar as the full reader does, giving up where it would report something.
fn resolve_plain(text: &str) -> Option<Value> {
    let value = resolve_core(text).ok()?;
    if value.is_string() && yaml_1_1_reading(text).is_some() {
        return None;
    }
    Some(value)
}

/// A double-quoted scalar at the start of `text`, and the bytes it used.
fn double_quoted(text: &str) -> Option<(Value, usize)> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut run = 1;
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                out.push_str(&text[run..i]);
                return Some((Value::String(out), i + 1));
            }
            b'\\' => {
                out.push_str(&text[run..i]);
                let escape = *bytes.get(i + 1)?;
                i += 2;
                out.push(match escape {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'n' => '\n',
                    b't' => '\t',
                    b'r' => '\r',
                    b'0' => '\0',
                    b' ' => ' ',
                    b'u' => {
                        let code = hex_escape(bytes.get(i..i + 4)?)?;
                        i += 4;
                        char::from_u32(code)?
                    }
                    _ => return None,
                });
                run = i;
            }
            b if b < 0x20 || b == 0x7f => return None,
            _ => i += 1,
        }
    }
    None
}

/// The value of an escape's hexadecimal digits: every byte an ASCII hex digit, nothing else
/// (`u32::from_str_radix` would take a sign: `\u+263` is no escape). Other escape forms
/// (`\x`, `\U`, `\N`, ...) are left to the full reader.
fn hex_escape(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |value, &digit| {
        let digit = char::from(digit).to_digit(16)?;
        Some(value * 16 + digit)
    })
}

/// A single-quoted scalar at the start of `text`, and the bytes it used.
fn single_quoted(text: &str) -> Option<(Value, usize)> {
    let mut out = String::new();
    let bytes = text.as_bytes();
    let mut i = 1;
    let mut run = 1;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            out.push_str(&text[run..i]);
            if bytes.get(i + 1) == Some(&b'\'') {
                out.push('\'');
                i += 2;
                run = i;
                continue;
            }
            return Some((Value::String(out), i + 1));
        }
        if bytes[i] < 0x20 || bytes[i] == 0x7f {
            return None;
        }
        i += 1;
    }
    None
}

/// A one-line flow list of scalars, `[a, "b", 'c']`, and the bytes it used.
fn flow_list(text: &str) -> Option<(Value, usize)> {
    let mut items = Vec::new();
    let mut i = 1;
    let bytes = text.as_bytes();
    loop {
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        match bytes.get(i)? {
            b']' if items.is_empty() => return Some((Value::Array(items), i + 1)),
            b'"' => {
                let (value, used) = double_quoted(&text[i..])?;
                items.push(value);
                i += used;
            }
            b'\'' => {
                let (value, used) = single_quoted(&text[i..])?;
                items.push(value);
                i += used;
            }
            _ => {
                let end = text[i..].find([',', ']']).map(|e| i + e)?;
                let raw = text[i..end].trim_end_matches(' ');
                let bad = raw.is_empty()
                    || raw.contains(": ")
                    || raw.contains(" #")
                    || raw.bytes().any(|b| {
                        matches!(
                            b,
                            b'[' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'"' | b'\'' | b'?'
                        ) || b < 0x20
                    })
                    || raw.starts_with([':', '-', '|', '>', '%', '@', '`'])
                    || raw.ends_with(':');
                if bad {
                    return None;
                }
                items.push(resolve_plain(raw)?);
                i = end;
            }
        }
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        match bytes.get(i)? {
            b',' => {
                i += 1;
                // A trailing comma before `]` is valid YAML but rare: leave it to the full reader.
                let next = text[i..].trim_start_matches(' ');
                if next.starts_with(']') {
                    return None;
                }
            }
            b']' => return Some((Value::Array(items), i + 1)),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_full_reader(text: &str) -> bool {
        let fast = parse(text, &Limits::default());
        let (document, diagnostics) = super::super::parse(text, &Limits::default());
        match fast {
            Some(value) => {
                assert!(
                    diagnostics.is_empty(),
                    "fast read {text:?} but the full reader reports {diagnostics:?}"
                );
                assert_eq!(Some(value), document.value, "{text:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn reads_the_subset_like_the_full_reader() {
        for text in [
            "a: 1\n",
            "a: b c\n# comment\nd: 'it''s'\ne: \"x \\\" \\u00e9 y\"  # c\n",
            "list:\n  - a\n  - b: 1\n    c: [x, \"y\", 'z', 3]\n  -\n    d: e\n",
            "list:\n- a\n- b\nnext: 1\n",
            "a:\n  b:\n    c: ~\n  d:\ne: []\n",
            "items:\n  - [a, b]\n  - 2025-02-28\n  - -1.5\n  - 0x1F\n",
            "quote: a, b and c; d\n",
            "url: http://example.com/a#b\n",
        ] {
            assert!(
                same_as_full_reader(text),
                "the fast reader gave up on {text:?}"
            );
        }
    }

    #[test]
    fn escapes_take_exactly_their_hex_digits() {
        // Signs, short runs and non-ASCII digits are no escapes: the fast reader gives up and
        // the full reader reports them.
        for text in [
            "a: \"\\u+263A\"\n",
            "a: \"\\u-263\"\n",
            "a: \"\\u26\"\n",
            "a: \"\\u 263A\"\n",
            "a: \"\\u٣٣٣٣\"\n",
            "a: \"\\uD800\"\n",
        ] {
            assert_eq!(parse(text, &Limits::default()), None, "{text:?}");
            let (_, findings) = super::super::parse(text, &Limits::default());
            assert!(!findings.is_empty(), "the full reader accepts {text:?}");
        }
        assert!(same_as_full_reader("a: \"\\u263A \\u00e9\"\n"));
        assert_eq!(
            parse("a: \"\\u263Ab\"\n", &Limits::default()),
            Some(serde_json::json!({"a": "\u{263A}b"}))
        );
    }

    #[test]
    fn gives_up_where_the_full_reader_has_work_to_do() {
        for text in [
            "",
            "a: 1\na: 2\n",
            "a: NO\n",
            "a: 11:00\n",
            "a: .inf\n",
            "a: &x 1\nb: *x\n",
            "a: !tag x\n",
            "a: |\n  text\n",
            "a: multi\n  line\n",
            "a: {b: 1}\n",
            "a:\tb\n",
            "a: 1\r\n",
            "---\na: 1\n",
            "a: [1, 2,]\n",
            "a: 'open\n",
            "\"quoted key\": 1\n",
            "- - a\n",
            "a: 1 # a NUL \u{0} in a comment\n",
            "a: 1 # a C1 control \u{85}\u{90}\n",
            "# \u{fffe}\na: 1\n",
            "a: x\u{feff}y\n",
            "a: x\u{feff}y\n",
            "a: b: c\n",
            "quote: a, b and c: d\n",
        ] {
            assert!(
                !same_as_full_reader(text),
                "the fast reader should give up on {text:?}"
            );
        }
    }

    #[test]
    fn streaming_hands_over_the_items_of_top_level_lists() {
        let text = "people:\n  - id: a\n    name: A\n  - id: b\nclaims:\n- id: c\nnote: x\n";
        let mut items = Vec::new();
        let root = parse_records(text, &Limits::default(), &mut |key, index, item, range| {
            items.push((key.to_owned(), index, item, &text[range]))
        });
        assert_eq!(
            root,
            Some(serde_json::json!({"people": [], "claims": [], "note": "x"}))
        );
        assert_eq!(items.len(), 3);
        assert_eq!(
            items[1],
            (
                "people".to_owned(),
                1,
                serde_json::json!({"id": "b"}),
                "  - id: b\n"
            )
        );
        assert_eq!(
            items[2],
            (
                "claims".to_owned(),
                0,
                serde_json::json!({"id": "c"}),
                "- id: c\n"
            )
        );
        // Each item's lines read on their own.
        assert_eq!(items[0].3, "  - id: a\n    name: A\n  ");
    }

    #[test]
    fn nesting_over_the_limit_is_left_to_the_full_reader() {
        let deep: String = (0..100)
            .map(|depth| format!("{}a:\n", "  ".repeat(depth)))
            .collect();
        assert!(parse(&deep, &Limits::default()).is_none());
    }
}
