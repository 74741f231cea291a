//! YAML text -> JSON value plus a span tree, in one pass over the parser's events.
//!
//! The JSON value feeds the schema pass and the typed deserialization; the [`SpanTree`] keeps the
//! byte range of every key and value in the same shape, so that a JSON Pointer from any later
//! pass maps back to the text. Scalars follow the YAML 1.2 core schema: `NO`, `on` and `yes` stay
//! strings. Duplicate keys are reported and the later entry is dropped, so the value and the span
//! tree stay aligned. Depth and alias expansion are bounded by [`Limits`].
//!
//! [`fast`] is a second, much faster reader for the plain block YAML that data files are written
//! in; it builds the JSON value without spans, and gives up (returning `None`) on anything it
//! does not handle or that would need a finding, so that this full reader can report it.
//!
//! This module does no I/O.

pub(crate) mod by_record;
pub mod fast;
mod rewrite;

pub(crate) use rewrite::resolve_pending_fixes;

use std::collections::HashMap;

use granit_parser::{Event, Parser, ScalarStyle, ScanError, StructureStyle, Tag};
use serde_json::{Map, Number, Value};

use crate::diagnostic::{Code, Diagnostic, Span, Target};

/// Bounds that keep hostile input from exhausting the stack or memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The deepest nesting of mappings and sequences accepted.
    pub max_depth: usize,
    /// The most nodes that aliases may add by repeating anchored nodes, per file.
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 64,
            max_alias_nodes: 10_000,
        }
    }
}

/// The byte ranges of a node, its key (for mapping entries) and its children, in the same order
/// as the children of the matching JSON value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SpanTree {
    /// The node's value.
    pub span: Span,
    /// The key of the mapping entry this node is the value of.
    pub key: Option<Span>,
    /// The children: sequence items, or mapping values in insertion order.
    pub children: Vec<SpanTree>,
}

/// Where a JSON Pointer leads in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// The value the pointer names.
    pub value: Span,
    /// The key of the mapping entry holding that value, if any.
    pub key: Option<Span>,
    /// Whether every token of the pointer was found; if not, the spans are those of the deepest
    /// node that exists.
    pub exact: bool,
}

impl SpanTree {
    /// Follows a JSON Pointer (`/events/0/kind`) through `value` and this tree.
    pub fn locate(&self, value: &Value, pointer: &str) -> Located {
        let mut node = self;
        let mut current = value;
        if pointer.is_empty() {
            return Located {
                value: node.span,
                key: node.key,
                exact: true,
            };
        }
        for raw in pointer.split('/').skip(1) {
            let token = crate::pointer::unescape(raw);
            let step = match current {
                Value::Object(map) => map
                    .iter()
                    .enumerate()
                    .find(|(_, (k, _))| **k == token)
                    .map(|(i, (_, v))| (i, v)),
                Value::Array(items) => token
                    .parse::<usize>()
                    .ok()
                    .filter(|i| *i < items.len())
                    .map(|i| (i, &items[i])),
                _ => None,
            };
            match step.and_then(|(i, v)| node.children.get(i).map(|child| (child, v))) {
                Some((child, v)) => {
                    node = child;
                    current = v;
                }
                None => {
                    return Located {
                        value: node.span,
                        key: node.key,
                        exact: false,
                    };
                }
            }
        }
        Located {
            value: node.span,
            key: node.key,
            exact: true,
        }
    }
}

/// Fills in the spans of findings that were placed by JSON Pointer, for the file whose `value`
/// and `spans` are given: every finding of that file without a span, and every label in that
/// file without one. `path` names the file; `None` means every finding given is in it.
pub fn place(
    diagnostics: &mut [Diagnostic],
    path: Option<&std::path::Path>,
    value: &Value,
    spans: &SpanTree,
) {
    place_with(diagnostics, path, |pointer, target| {
        span_of(spans, value, pointer, target)
    });
}

/// Where a finding placed by pointer goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Placed {
    /// The text it underlines.
    span: Span,
    /// Whether that is the text its pointer and target name, rather than the nearest text that
    /// exists; only there may a suggestion replace it.
    exact: bool,
}

impl Placed {
    /// A place that is only the nearest text to what a pointer names.
    fn nearest(span: Span) -> Self {
        Placed { span, exact: false }
    }

    /// The place moved `by` bytes on, for text read from an offset into the file.
    fn shifted(self, by: usize) -> Self {
        Placed {
            span: Span::new(by + self.span.start, by + self.span.end),
            exact: self.exact,
        }
    }
}

/// Like [`place`], with `find` giving the place of a pointer and target. A finding's suggestion
/// replaces the finding's own span, and is placed with it when the pointer leads there exactly.
fn place_with(
    diagnostics: &mut [Diagnostic],
    path: Option<&std::path::Path>,
    find: impl Fn(&str, Target) -> Placed,
) {
    for diagnostic in diagnostics {
        let own_file = path.is_none_or(|p| diagnostic.path == p);
        if own_file
            && diagnostic.span.is_none()
            && let Some(pointer) = &diagnostic.pointer
        {
            let placed = find(pointer, diagnostic.target);
            diagnostic.span = Some(placed.span);
            if placed.exact {
                if let Some(fix) = &mut diagnostic.fix {
                    fix.span.get_or_insert(placed.span);
                }
                if let Some(pending) = &mut diagnostic.pending_fix {
                    pending.span.get_or_insert(placed.span);
                }
            }
        }
        for label in &mut diagnostic.labels {
            if in_file(label.path.as_deref(), path, own_file)
                && label.span.is_none()
                && let Some(pointer) = &label.pointer
            {
                label.span = Some(find(pointer, Target::Value).span);
            }
        }
    }
}

/// Whether a label (in `label_path`, or in its finding's file) is in the file `path` names.
fn in_file(
    label_path: Option<&std::path::Path>,
    path: Option<&std::path::Path>,
    finding_in_file: bool,
) -> bool {
    match (label_path, path) {
        (Some(label_path), Some(p)) => label_path == p,
        (None, _) => finding_in_file,
        (Some(_), None) => false,
    }
}

/// The text a finding at `pointer` underlines, by its target.
fn span_of(spans: &SpanTree, value: &Value, pointer: &str, target: Target) -> Placed {
    let found = spans.locate(value, pointer);
    match target {
        Target::Value => Placed {
            span: found.value,
            exact: found.exact,
        },
        Target::Key => Placed {
            span: found.key.unwrap_or(found.value),
            exact: found.exact && found.key.is_some(),
        },
        Target::KeyOrStart => Placed {
            span: found
                .key
                .unwrap_or(Span::new(found.value.start, found.value.start)),
            exact: found.exact,
        },
    }
}

/// `text` as a YAML scalar that reads back as that text, to write into a data file: plain when
/// it is a word, id, name or date that every YAML reader takes for text (YAML 1.2 and 1.1
/// alike), and otherwise double-quoted (a JSON string is a double-quoted YAML scalar).
pub(crate) fn scalar(text: &str) -> String {
    let word = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    let reads_as_text = matches!(resolve_core(text), Ok(Value::String(_)));
    if word && reads_as_text && yaml_1_1_reading(text).is_none() {
        text.to_owned()
    } else {
        Value::String(text.to_owned()).to_string()
    }
}

/// A parsed YAML document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The document as JSON; `None` when the file holds no document at all.
    pub value: Option<Value>,
    /// The spans of every node of `value`.
    pub spans: SpanTree,
}

/// Parses one YAML file. Always returns a document (possibly partial) and the findings; a
/// syntax error or a breached limit stops the parse and leaves `value` as `None`.
pub fn parse(text: &str, limits: &Limits) -> (Document, Vec<Diagnostic>) {
    run_builder(Builder::new(text, *limits, None))
}

/// Receives the items of the top-level lists one at a time, as the full reader finishes them:
/// the list's key, the item's index, the item, and its spans (offsets in the whole text).
pub type SpannedRecordSink<'s> = dyn FnMut(&str, usize, Value, SpanTree) + 's;

/// [`parse`], handing every item of a list at the top level of a mapping to `sink` as soon as
/// it is read and leaving the list empty in the returned document, so that memory holds one
/// record at a time whatever style the file is written in (the fast reader's
/// [`fast::parse_records`] streams block YAML only). Items of a list under a duplicate key are
/// not streamed: they are dropped with it. After a fatal finding (`value` is `None`), what the
/// sink received is to be discarded, as [`parse`] would have read nothing.
pub fn parse_records(
    text: &str,
    limits: &Limits,
    sink: &mut SpannedRecordSink<'_>,
) -> (Document, Vec<Diagnostic>) {
    run_builder(Builder::new(text, *limits, Some(sink)))
}

fn run_builder(mut builder: Builder<'_, '_>) -> (Document, Vec<Diagnostic>) {
    let outcome = builder.run();
    let Builder {
        diagnostics, root, ..
    } = builder;
    let mut diagnostics = diagnostics;
    match outcome {
        Ok(()) => {
            let (value, spans) = match root {
                Some((value, spans)) => (Some(value), spans),
                None => (None, SpanTree::default()),
            };
            (Document { value, spans }, diagnostics)
        }
        Err(fatal) => {
            diagnostics.push(fatal);
            (
                Document {
                    value: None,
                    spans: SpanTree::default(),
                },
                diagnostics,
            )
        }
    }
}

/// Converts the parser's character positions to byte offsets, walking forward from the last
/// position asked for (the parser reports positions in increasing order, nearly always).
struct Offsets<'a> {
    text: &'a str,
    ascii: bool,
    last_char: usize,
    last_byte: usize,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Offsets {
            text,
            ascii: text.is_ascii(),
            last_char: 0,
            last_byte: 0,
        }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        if char_index < self.last_char {
            self.last_char = 0;
            self.last_byte = 0;
        }
        let rest = &self.text[self.last_byte..];
        let ahead = char_index - self.last_char;
        let byte = rest
            .char_indices()
            .nth(ahead)
            .map_or(self.text.len(), |(b, _)| self.last_byte + b);
        self.last_char = char_index;
        self.last_byte = byte;
        byte
    }

    fn span(&mut self, span: granit_parser::Span) -> Span {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index()).max(start);
        Span::new(start, end)
    }
}

enum Frame {
    Sequence {
        items: Vec<Value>,
        spans: Vec<SpanTree>,
        start: Span,
        anchor: usize,
        /// The column of a block sequence's `-`; `None` for a flow sequence.
        block_column: Option<usize>,
    },
    Mapping {
        map: Map<String, Value>,
        spans: Vec<SpanTree>,
        keys: HashMap<String, Span>,
        /// The key read, waiting for its value; `None` inside for a key that was reported and
        /// whose entry is dropped.
        pending: Option<(Option<String>, Span)>,
        start: Span,
        anchor: usize,
        /// The column of a block mapping's keys; `None` for a flow mapping.
        block_column: Option<usize>,
    },
}

impl Frame {
    fn block_column(&self) -> Option<usize> {
        match self {
            Frame::Sequence { block_column, .. } | Frame::Mapping { block_column, .. } => {
                *block_column
            }
        }
    }
}

/// A block scalar (`|` or `>` text) the builder has read, kept for the syntax error that may
/// come right after it: a line meant to continue its text but indented too little ends the
/// text, and the parser complains only about that line.
#[derive(Debug, Clone, Copy)]
struct BlockScalarRead {
    /// From the first character of its text (or, for one without text, of what follows it) to
    /// the end of its last line of text.
    span: Span,
    /// The column of its lines of text, as the parser found it; `None` when it has none.
    indent: Option<usize>,
    /// The column of the block collection it is a value or item of, and whether that is a
    /// mapping (the text is a key's value) rather than a sequence.
    parent: Option<(usize, bool)>,
}

struct Builder<'a, 's> {
    parser: Parser<'a, granit_parser::StrInput<'a>>,
    /// Where the items of top-level lists go, when streaming.
    sink: Option<&'s mut SpannedRecordSink<'s>>,
    /// How many items of the current top-level list went to the sink.
    streamed: usize,
    offsets: Offsets<'a>,
    limits: Limits,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Value, SpanTree, usize)>,
    alias_nodes: usize,
    documents: usize,
    root: Option<(Value, SpanTree)>,
    diagnostics: Vec<Diagnostic>,
    /// The last block scalar read, for [`Builder::block_scalar_ended`].
    last_block_scalar: Option<BlockScalarRead>,
}

impl<'a, 's> Builder<'a, 's> {
    fn new(text: &'a str, limits: Limits, sink: Option<&'s mut SpannedRecordSink<'s>>) -> Self {
        Builder {
            parser: Parser::new_from_str(text),
            sink,
            streamed: 0,
            offsets: Offsets::new(text),
            limits,
            stack: Vec::new(),
            anchors: HashMap::new(),
            alias_nodes: 0,
            documents: 0,
            root: None,
            diagnostics: Vec::new(),
            last_block_scalar: None,
        }
    }

    fn run(&mut self) -> Result<(), Diagnostic> {
        while let Some(next) = self.parser.next_event() {
            let (event, raw_span) = next.map_err(|error| self.syntax_error(&error))?;
            let span = self.offsets.span(raw_span);
            // A tag finding underlines the tag and its node.
            let tag_start = raw_span.tag_start.map(|at| self.offsets.byte(at.index()));
            let tagged =
                |node: Span| tag_start.map_or(node, |t| Span::new(t.min(node.start), node.end));
            match event {
                Event::StreamStart | Event::DocumentEnd => {}
                // Presentation only: anchor names and unresolved aliases are not requested.
                Event::Anchor(..) | Event::UnresolvedAlias(_) => {}
                Event::StreamEnd => break,
                Event::DocumentStart(..) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        self.diagnostics.push(
                            Diagnostic::new(Code::MultipleDocuments, "this file holds more than one YAML document")
                                .with_span(span)
                                .with_help("put each document in a file of its own; accord reads only the first"),
                        );
                        break;
                    }
                }
                Event::Scalar(text, style, anchor, tag) => {
                    let span = tight_scalar_span(self.offsets.text, span, style);
                    if matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted) {
                        self.check_flow_lines(span)?;
                    }
                    if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                        self.last_block_scalar = Some(BlockScalarRead {
                            span,
                            indent: raw_span.indent,
                            parent: self.innermost_block(),
                        });
                    }
                    let value = self.scalar(&text, style, tag.as_deref(), span, tagged(span));
                    self.push_value(
                        value,
                        SpanTree {
                            span,
                            key: None,
                            children: Vec::new(),
                        },
                        anchor,
                        span,
                    )?;
                }
                Event::SequenceStart(style, anchor, tag) => {
                    let block_column = self.block_column(style, span);
                    self.check_tag(tag.as_deref(), "seq", tagged(span));
                    self.open(
                        Frame::Sequence {
                            items: Vec::new(),
                            spans: Vec::new(),
                            start: span,
                            anchor,
                            block_column,
                        },
                        span,
                    )?;
                }
                Event::MappingStart(style, anchor, tag) => {
                    let block_column = self.block_column(style, span);
                    self.check_tag(tag.as_deref(), "map", tagged(span));
                    self.open(
                        Frame::Mapping {
                            map: Map::new(),
                            spans: Vec::new(),
                            keys: HashMap::new(),
                            pending: None,
                            start: span,
                            anchor,
                            block_column,
                        },
                        span,
                    )?;
                }
                Event::SequenceEnd | Event::MappingEnd => self.close(span)?,
                Event::Alias(id) => {
                    let Some((value, spans, count)) = self.anchors.get(&id) else {
                        return Err(Diagnostic::new(
                            Code::YamlSyntax,
                            "this alias names no anchor defined before it",
                        )
                        .with_span(span));
                    };
                    self.alias_nodes += count;
                    if self.alias_nodes > self.limits.max_alias_nodes {
                        return Err(Diagnostic::new(
                            Code::LimitExceeded,
                            format!("aliases expand to more than {} nodes", self.limits.max_alias_nodes),
                        )
                        .with_span(span)
                        .with_help("this looks like an alias bomb; expand the aliases by hand, or raise the limit with --max-alias-nodes"));
                    }
                    let (value, mut spans) = (value.clone(), spans.clone());
                    relocate(&mut spans, span);
                    self.push_value(value, spans, 0, span)?;
                }
                // Comments are compiled out; any event a newer parser adds carries no data.
                _ => {}
            }
        }
        Ok(())
    }

    /// Closes the innermost open collection at `end` and hands it to its parent.
    fn close(&mut self, end: Span) -> Result<(), Diagnostic> {
        let (value, children, start, anchor, flow) = match self.stack.pop() {
            Some(Frame::Sequence {
                items,
                spans,
                start,
                anchor,
                block_column,
            }) => (
                Value::Array(items),
                spans,
                start,
                anchor,
                block_column.is_none(),
            ),
            Some(Frame::Mapping {
                map,
                spans,
                start,
                anchor,
                block_column,
                ..
            }) => (
                Value::Object(map),
                spans,
                start,
                anchor,
                block_column.is_none(),
            ),
            None => return Ok(()),
        };
        // A block collection ends with its last node: the parser's end mark is the start of
        // whatever follows (the next key), and an underline should not run on to it.
        let end = if flow {
            end.end
        } else {
            children.iter().map(|c| c.span.end).max().unwrap_or(end.end)
        };
        let whole = Span::new(start.start, end.max(start.end));
        if flow {
            self.check_flow_lines(whole)?;
        }
        self.push_value(
            value,
            SpanTree {
                span: whole,
                key: None,
                children,
            },
            anchor,
            whole,
        )
    }

    /// The column of a block collection starting at `span`; `None` for a flow one.
    fn block_column(&self, style: StructureStyle, span: Span) -> Option<usize> {
        (style == StructureStyle::Block).then(|| column_of(self.offsets.text, span.start))
    }

    /// A flow collection or quoted scalar on several lines, directly in a block collection at
    /// column `n`, must indent every line after its first by more than `n` spaces (YAML 1.2,
    /// `s-flow-line-prefix(n+1)`; a tab is no indentation). granit-parser 2.2.0 does not check
    /// this, and would read `key: [a,\nb]` or `key: "a\nb"` at column 0.
    fn check_flow_lines(&self, node: Span) -> Result<(), Diagnostic> {
        let Some(column) = self.stack.last().and_then(Frame::block_column) else {
            return Ok(());
        };
        let text = self.offsets.text;
        let Some(inside) = text.get(node.range()) else {
            return Ok(());
        };
        let mut offset = node.start;
        for (index, line) in inside.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += line.len();
            let content = line.trim_end_matches(['\n', '\r']);
            if index == 0 || content.trim_matches([' ', '\t']).is_empty() {
                continue;
            }
            let indent = content.len() - content.trim_start_matches(' ').len();
            if indent <= column {
                return Err(Diagnostic::new(
                    Code::YamlSyntax,
                    format!(
                        "YAML syntax error: this line continues a value begun on an earlier line and must be indented by more than {column} spaces"
                    ),
                )
                .with_span(Span::new(start + indent, start + indent))
                .with_help("indent the continuation lines of a `[...]`, `{...}` or quoted value further than the key it belongs to (with spaces, not tabs)"));
            }
        }
        Ok(())
    }

    fn syntax_error(&mut self, error: &ScanError) -> Diagnostic {
        let at = Span::new(
            self.offsets.byte(error.marker().index()),
            self.offsets.byte(error.marker().index()),
        );
        if error.info().contains("recursion limit") {
            return Diagnostic::new(
                Code::LimitExceeded,
                "the YAML parser's nesting limit was reached",
            )
            .with_span(at)
            .with_help("accord data files nest about ten levels deep; flatten the structure");
        }
        let mut diagnostic = Diagnostic::new(
            Code::YamlSyntax,
            format!("YAML syntax error: {}", error.info()),
        )
        .with_span(at);
        // The parser notices an unclosed `[` or `{` only where the text stops making sense,
        // often a line later; the cause is the innermost flow collection still open.
        let open_flow = self
            .stack
            .iter()
            .rev()
            .find(|frame| frame.block_column().is_none())
            .map(|frame| match frame {
                Frame::Sequence { start, .. } | Frame::Mapping { start, .. } => *start,
            });
        if let Some(start) = open_flow.filter(|start| start.start < at.start) {
            let opener = self
                .offsets
                .text
                .get(start.start..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or('[');
            let closer = if opener == '{' { '}' } else { ']' };
            diagnostic = diagnostic
                .with_label(
                    Span::new(start.start, start.start + opener.len_utf8()),
                    format!("this `{opener}` is not closed before the error"),
                )
                .with_help(format!(
                    "close the `{opener}` with `{closer}` on the line where its items end"
                ));
            return diagnostic;
        }
        if let Some((opening, quote)) = runaway_quote(self.offsets.text, at.start, &error.info()) {
            let line = |offset: usize| self.offsets.text[..offset].matches('\n').count() + 1;
            return diagnostic
                .with_label(
                    Span::new(opening, opening + 1),
                    format!(
                        "the quoted text that begins here runs on to line {}",
                        line(at.start)
                    ),
                )
                .with_help(format!(
                    "a `{quote}` that closes this text is missing: add it where the text ends"
                ));
        }
        // The parser notices a slip in a block scalar's indentation only at the line it cannot
        // read; the cause is the block scalar above, named at its indicator.
        let cause = if error
            .info()
            .contains("wrongly indented line in block scalar")
        {
            self.block_scalar_misindented(at.start)
        } else {
            self.block_scalar_ended(at.start)
        };
        if let Some((indicator, label, help)) = cause {
            return diagnostic.with_label(indicator, label).with_help(help);
        }
        match syntax_hint(&error.info()) {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        }
    }

    /// For the parser's "wrongly indented line in block scalar" at `at`, the first line of a
    /// block scalar's text, what set the indentation that line falls short of: the indicator
    /// and a label, and a help line. The indentation comes from an explicit indicator (`|4`:
    /// four more spaces than the key, or than the `-` of a list item), or else from the blank
    /// lines that begin the text, when one holds more spaces than the first line of text.
    fn block_scalar_misindented(&self, at: usize) -> Option<(Span, String, String)> {
        let text = self.offsets.text;
        let start_of_line = line_start(text, at);
        let indented = at - start_of_line;
        // The parser stops at the first character of text, after the line's spaces.
        if text.get(start_of_line..at)?.bytes().any(|b| b != b' ') {
            return None;
        }
        let indicator = block_scalar_indicator(text, start_of_line)?;
        let line = line_number(text, at);
        let indicator_text = text.get(indicator.range())?;
        if let Some(increment) = indicator_text
            .chars()
            .find_map(|c| c.to_digit(10))
            .map(|d| d as usize)
        {
            let (parent, in_mapping) = self.innermost_block()?;
            let owner = if in_mapping { "its key" } else { "its `-`" };
            let fit = indented
                .checked_sub(parent)
                .filter(|fit| (1..=9).contains(fit));
            let help = match fit {
                Some(fit) => format!(
                    "make the indicator `{fit}`, as far as line {line} is indented past {owner}, or remove it to take the indentation from the first line"
                ),
                None => format!(
                    "remove the indicator to take the indentation from the first line, and indent the text past {owner}"
                ),
            };
            return Some((
                indicator,
                format!(
                    "this indicator asks for lines indented by {} spaces, {increment} more than {owner}; line {line} is indented by {indented}",
                    parent + increment
                ),
                help,
            ));
        }
        // Without an indicator, the indentation is the most spaces of any line up to the first
        // line of text: the blank lines at the text's start count too.
        let header_end = text.get(indicator.end..)?.find('\n')? + indicator.end + 1;
        let blank = text
            .get(header_end..start_of_line)?
            .split('\n')
            .map(|l| l.len() - l.trim_start_matches(' ').len())
            .max()?;
        (blank > indented).then(|| {
            (
                indicator,
                format!(
                    "this block scalar takes its indentation from its first lines, and a blank line above line {line} has {blank} spaces, more than line {line}'s {indented}"
                ),
                "remove the spaces from the blank lines at the start of the text".to_owned(),
            )
        })
    }

    /// For a syntax error at `at`, the start of the first line after the last block scalar
    /// read, why that line ended the block scalar's text, when it was likely meant to go on:
    /// the indicator and a label, and a help line. A line ends the text when it is indented
    /// less than the text's first line (or than its indentation indicator asks), when it is
    /// indented no more than the key (or the `-` of the list item) the text belongs to, or when
    /// its indentation holds a tab. A line at the key's indentation that reads as a key (a
    /// word, perhaps with a `:`) is left alone: it is more likely a key than lost text.
    fn block_scalar_ended(&self, at: usize) -> Option<(Span, String, String)> {
        let scalar = self.last_block_scalar?;
        let text = self.offsets.text;
        let start_of_line = line_start(text, at);
        let leading = text.get(start_of_line..at)?;
        // The parser complains at the start of the line, and nothing but blank lines and
        // comments lie between the text and that line.
        if scalar.span.end > at || leading.bytes().any(|b| b != b' ' && b != b'\t') {
            return None;
        }
        let between = text.get(scalar.span.end.min(start_of_line)..start_of_line)?;
        if !between.split('\n').all(|l| {
            let l = l.trim_matches([' ', '\t', '\r']);
            l.is_empty() || l.starts_with('#')
        }) {
            return None;
        }
        let indicator = block_scalar_indicator(text, line_start(text, scalar.span.start))?;
        let (parent, in_mapping) = scalar.parent?;
        let owner = if in_mapping { "its key" } else { "its `-`" };
        let style = text.get(indicator.start..indicator.start + 1)?;
        let line = line_number(text, at);
        if leading.contains('\t') {
            return Some((
                indicator,
                format!(
                    "the `{style}` text that begins here ends before line {line}, whose indentation holds a tab"
                ),
                format!(
                    "indent line {line} with spaces only: YAML does not count a tab as indentation"
                ),
            ));
        }
        let indented = leading.len();
        let explicit = text
            .get(indicator.range())?
            .chars()
            .any(|c| c.is_ascii_digit());
        match scalar.indent {
            Some(indent) if indented > parent && indented < indent => {
                let set_by = if explicit {
                    "as its indicator asks"
                } else {
                    "as its first line is"
                };
                let fit = indented - parent;
                let chomping = text
                    .get(indicator.range())?
                    .chars()
                    .filter(|c| matches!(c, '+' | '-'))
                    .collect::<String>();
                let help = if explicit {
                    format!(
                        "indent every line of the text by {indent} spaces or more, or make the indicator `{fit}`"
                    )
                } else if fit <= 9 {
                    format!(
                        "indent every line of the text by {indent} spaces or more, like its first line; to keep the first line indented more than the others, write `{style}{fit}{chomping}`, the others' indentation past {owner}"
                    )
                } else {
                    format!(
                        "indent every line of the text by {indent} spaces or more, like its first line"
                    )
                };
                Some((
                    indicator,
                    format!(
                        "this block scalar's lines are indented by {indent} spaces, {set_by}; line {line}, indented by {indented}, ends it"
                    ),
                    help,
                ))
            }
            _ if indented <= parent && !looks_like_a_key(text.get(at..)?) => {
                let (label, help) = match scalar.indent {
                    None => (
                        format!(
                            "the `{style}` text that begins here has no lines: line {line} is not indented more than {owner}"
                        ),
                        format!(
                            "to make line {line} the text, indent it by more than {parent} spaces"
                        ),
                    ),
                    Some(indent) => (
                        format!(
                            "the `{style}` text that begins here ends before line {line}, which is not indented more than {owner}"
                        ),
                        format!(
                            "to make line {line} part of the text, indent it like the lines above it ({indent} spaces)"
                        ),
                    ),
                };
                Some((indicator, label, help))
            }
            _ => None,
        }
    }

    /// The column of the innermost block collection, and whether it is a mapping.
    fn innermost_block(&self) -> Option<(usize, bool)> {
        self.stack.iter().rev().find_map(|frame| {
            let column = frame.block_column()?;
            Some((column, matches!(frame, Frame::Mapping { .. })))
        })
    }

    fn open(&mut self, frame: Frame, span: Span) -> Result<(), Diagnostic> {
        if let Some(Frame::Mapping { pending: None, .. }) = self.stack.last() {
            return Err(Diagnostic::new(
                Code::UnsupportedYaml,
                "a mapping key must be a plain value, not a mapping or a sequence",
            )
            .with_span(span)
            .with_help("use a string as the key"));
        }
        if self.stack.len() >= self.limits.max_depth {
            return Err(Diagnostic::new(Code::LimitExceeded, format!("nesting deeper than {} levels", self.limits.max_depth))
                .with_span(span)
                .with_help("accord data files nest about ten levels deep; raise the limit with --max-depth if you need more"));
        }
        if self.stack.len() == 1 {
            self.streamed = 0;
        }
        self.stack.push(frame);
        Ok(())
    }

    /// The key of the top-level list whose items go to the sink, when the innermost open
    /// collection is such a list: a list directly under a fresh key of a top-level mapping.
    fn streaming_key(&self) -> Option<String> {
        self.sink.as_ref()?;
        match self.stack.as_slice() {
            [
                Frame::Mapping {
                    pending: Some((Some(key), _)),
                    keys,
                    ..
                },
                Frame::Sequence { .. },
            ] if !keys.contains_key(key) => Some(key.clone()),
            _ => None,
        }
    }

    /// Hands a finished node to the open collection, or makes it the root.
    fn push_value(
        &mut self,
        value: Value,
        spans: SpanTree,
        anchor: usize,
        span: Span,
    ) -> Result<(), Diagnostic> {
        if anchor != 0 {
            let count = node_count(&spans);
            self.anchors
                .insert(anchor, (value.clone(), spans.clone(), count));
        }
        if let Some(key) = self.streaming_key()
            && let Some(sink) = self.sink.as_mut()
        {
            sink(&key, self.streamed, value, spans);
            self.streamed += 1;
            return Ok(());
        }
        match self.stack.last_mut() {
            None => {
                self.root = Some((value, spans));
            }
            Some(Frame::Sequence {
                items,
                spans: children,
                ..
            }) => {
                items.push(value);
                children.push(spans);
            }
            Some(Frame::Mapping {
                map,
                spans: children,
                keys,
                pending,
                ..
            }) => {
                match pending.take() {
                    None => {
                        let key = match value {
                            Value::String(text) => text,
                            Value::Null => {
                                // `: x`, `? : x` and `~: x` would otherwise pass as the key "".
                                self.diagnostics.push(
                                    Diagnostic::new(
                                        Code::UnsupportedYaml,
                                        "this mapping key is empty (null): a key must be text",
                                    )
                                    .with_span(span)
                                    .with_help("write the field's name before the `:`, or quote it if you mean the text `null` or `~`"),
                                );
                                *pending = Some((None, span));
                                return Ok(());
                            }
                            Value::Bool(b) => b.to_string(),
                            Value::Number(n) => n.to_string(),
                            Value::Array(_) | Value::Object(_) => {
                                return Err(Diagnostic::new(Code::UnsupportedYaml, "a mapping key must be a plain value, not a mapping or a sequence")
                                .with_span(span));
                            }
                        };
                        *pending = Some((Some(key), span));
                    }
                    Some((None, _)) => {}
                    Some((Some(key), key_span)) => {
                        if let Some(first) = keys.get(&key) {
                            self.diagnostics.push(
                                Diagnostic::new(
                                    Code::DuplicateKey,
                                    format!("the key `{key}` appears twice in this mapping"),
                                )
                                .with_span(key_span)
                                .with_label(*first, "first used here")
                                .with_help("remove one of the two entries; accord keeps the first"),
                            );
                        } else {
                            keys.insert(key.clone(), key_span);
                            map.insert(key, value);
                            children.push(SpanTree {
                                key: Some(key_span),
                                ..spans
                            });
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn check_tag(&mut self, tag: Option<&Tag>, expected: &str, span: Span) {
        if let Some(tag) = tag
            && !(tag.is_yaml_core_schema() && tag.suffix() == expected)
        {
            self.unsupported_tag(tag, span);
        }
    }

    fn unsupported_tag(&mut self, tag: &Tag, span: Span) {
        self.diagnostics.push(
            Diagnostic::new(
                Code::UnsupportedYaml,
                format!("the YAML tag `{}` is not supported", tag_name(tag)),
            )
            .with_span(span)
            .with_help("remove the tag: accord data files use plain YAML values only"),
        );
    }

    fn scalar(
        &mut self,
        text: &str,
        style: ScalarStyle,
        tag: Option<&Tag>,
        span: Span,
        tagged: Span,
    ) -> Value {
        if let Some(tag) = tag {
            if tag.is_yaml_core_schema() {
                match tag.suffix() {
                    "str" => return Value::String(text.to_owned()),
                    "null" | "bool" | "int" | "float" => {
                        let resolved = self.resolve_plain(text, span);
                        let fits = match tag.suffix() {
                            "null" => resolved.is_null(),
                            "bool" => resolved.is_boolean(),
                            "int" => resolved.is_i64() || resolved.is_u64(),
                            _ => resolved.is_number(),
                        };
                        if !fits {
                            self.diagnostics.push(
                                Diagnostic::new(
                                    Code::UnsupportedYaml,
                                    format!("`{text}` is not a valid `!!{}`", tag.suffix()),
                                )
                                .with_span(tagged),
                            );
                        }
                        return resolved;
                    }
                    _ => {}
                }
            }
            self.unsupported_tag(tag, tagged);
        }
        if style == ScalarStyle::Plain {
            let value = self.resolve_plain(text, span);
            if value.is_string() {
                self.warn_if_yaml_1_1_differs(text, span);
            }
            value
        } else {
            Value::String(text.to_owned())
        }
    }

    /// Warns about plain text that YAML 1.1 tools (PyYAML, many older libraries) would read as
    /// something else, so the data means the same to every consumer.
    fn warn_if_yaml_1_1_differs(&mut self, text: &str, span: Span) {
        let Some(reading) = yaml_1_1_reading(text) else {
            return;
        };
        self.diagnostics.push(
            Diagnostic::new(
                Code::Yaml11Value,
                format!("`{text}` is text here, but YAML 1.1 tools read it as {reading}"),
            )
            .with_span(span)
            .with_help(format!(
                "quote it so every YAML reader agrees: `\"{text}\"`"
            )),
        );
    }

    /// Resolves a plain scalar by the YAML 1.2 core schema.
    fn resolve_plain(&mut self, text: &str, span: Span) -> Value {
        match resolve_core(text) {
            Ok(value) => value,
            Err(NotJson) => {
                self.not_json_number(text, span);
                Value::Null
            }
        }
    }

    fn not_json_number(&mut self, text: &str, span: Span) {
        self.diagnostics.push(
            Diagnostic::new(
                Code::UnsupportedYaml,
                format!("`{text}` is a number JSON cannot represent"),
            )
            .with_span(span)
            .with_help("quote it if you meant text, or use a finite number"),
        );
    }
}

/// A number the YAML 1.2 core schema accepts but JSON cannot represent (`.inf`, `.nan`, `1e999`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotJson;

/// Resolves a plain scalar by the YAML 1.2 core schema: null, booleans, integers (decimal, `0o`
/// octal, `0x` hexadecimal), floats, and text for everything else.
pub(crate) fn resolve_core(text: &str) -> Result<Value, NotJson> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Ok(Value::Null),
        "true" | "True" | "TRUE" => return Ok(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Ok(Value::Bool(false)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return Err(NotJson),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return Ok(Value::String(text.to_owned()));
    }
    // `from_str_radix` takes a sign, which the core schema's `0x[0-9a-fA-F]+` does not: `0x+1F`
    // is text.
    if let Some(hex) = text.strip_prefix("0x")
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
        && let Ok(n) = u64::from_str_radix(hex, 16)
    {
        return Ok(Value::Number(n.into()));
    }
    if let Some(octal) = text.strip_prefix("0o")
        && octal.bytes().all(|b| matches!(b, b'0'..=b'7'))
        && let Ok(n) = u64::from_str_radix(octal, 8)
    {
        return Ok(Value::Number(n.into()));
    }
    if is_core_int(text) {
        if let Ok(n) = text.parse::<i64>() {
            return Ok(Value::Number(n.into()));
        }
        if let Ok(n) = text.trim_start_matches('+').parse::<u64>() {
            return Ok(Value::Number(n.into()));
        }
    }
    if is_core_int(text) || is_core_float(text) {
        return text
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number)
            .ok_or(NotJson);
    }
    Ok(Value::String(text.to_owned()))
}

/// The parser's span of a quoted or block scalar runs on to the next token, over spaces and
/// comments; cut it after the closing quote, or before the trailing line breaks.
fn tight_scalar_span(text: &str, span: Span, style: ScalarStyle) -> Span {
    let Some(raw) = text.get(span.range()) else {
        return span;
    };
    let bytes = raw.as_bytes();
    let end = match style {
        ScalarStyle::DoubleQuoted if bytes.first() == Some(&b'"') => {
            let mut i = 1;
            loop {
                match bytes.get(i) {
                    Some(b'\\') => i += 2,
                    Some(b'"') => break Some(i + 1),
                    Some(_) => i += 1,
                    None => break None,
                }
            }
        }
        ScalarStyle::SingleQuoted if bytes.first() == Some(&b'\'') => {
            let mut i = 1;
            loop {
                match (bytes.get(i), bytes.get(i + 1)) {
                    (Some(b'\''), Some(b'\'')) => i += 2,
                    (Some(b'\''), _) => break Some(i + 1),
                    (Some(_), _) => i += 1,
                    (None, _) => break None,
                }
            }
        }
        ScalarStyle::Literal | ScalarStyle::Folded => Some(raw.trim_end().len()),
        _ => None,
    };
    match end {
        Some(end) if end <= raw.len() => Span::new(span.start, span.start + end),
        _ => span,
    }
}

/// A tag as it is written: `!!timestamp` for the core schema's tags, `!custom` for local ones.
fn tag_name(tag: &Tag) -> String {
    // As written: `!!set`, `!local`, `!e!keep`, the non-specific `!`.
    tag.original()
}

/// The offset of the start of the line that holds byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The line number, from 1, of byte `at`.
fn line_number(text: &str, at: usize) -> usize {
    text.get(..at)
        .map_or(0, |before| before.matches('\n').count())
        + 1
}

/// The indicator of the block scalar whose text begins on the line at `line_start`: the `|` or
/// `>` with its indentation and chomping indicators (`|2-`) that ends the nearest line above
/// with more than white space, before any comment. `None` when that line ends otherwise.
fn block_scalar_indicator(text: &str, line_start: usize) -> Option<Span> {
    let mut end = line_start;
    loop {
        let above = text.get(..end)?.strip_suffix('\n')?;
        let start = above.rfind('\n').map_or(0, |i| i + 1);
        let line = above[start..].trim_end_matches('\r');
        if line.trim_matches([' ', '\t']).is_empty() {
            end = start;
            continue;
        }
        // The first `|` or `>` after white space that only indicators, white space and a
        // comment follow; one inside a quoted key is followed by more.
        return line.char_indices().find_map(|(i, c)| {
            if !matches!(c, '|' | '>') || !(i == 0 || line[..i].ends_with([' ', '\t'])) {
                return None;
            }
            let after = &line[i + 1..];
            let indicators = after.len()
                - after
                    .trim_start_matches(|c: char| c.is_ascii_digit() || c == '+' || c == '-')
                    .len();
            let rest = &after[indicators..];
            let tidy = rest.trim_start_matches([' ', '\t']);
            let ends = rest.is_empty()
                || (rest.starts_with([' ', '\t']) && (tidy.is_empty() || tidy.starts_with('#')));
            (indicators <= 2 && ends).then(|| Span::new(start + i, start + i + 1 + indicators))
        });
    }
}

/// Whether the line that begins `rest` reads as a mapping key: a word, alone or before a `:`
/// that ends the line or is followed by white space.
fn looks_like_a_key(rest: &str) -> bool {
    let line = rest
        .split('\n')
        .next()
        .unwrap_or_default()
        .trim_end_matches('\r');
    let word_end = line
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(line.len());
    if word_end == 0 {
        return false;
    }
    let after = &line[word_end..];
    let after_tidy = after.trim_start_matches([' ', '\t']);
    after_tidy.is_empty()
        || after_tidy.starts_with('#') && after.starts_with([' ', '\t'])
        || after.starts_with(':') && (after.len() == 1 || after[1..].starts_with([' ', '\t']))
}

/// The column, in characters, of byte `at` on its line.
fn column_of(text: &str, at: usize) -> usize {
    let before = text.get(..at).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    before[line_start..].chars().count()
}

/// For an error just after a quoted scalar that spans lines, where its opening quote is: a
/// missing closing quote makes the scalar run on to the next quote, and the error appears there.
fn runaway_quote(text: &str, error_at: usize, info: &str) -> Option<(usize, char)> {
    let quote = if info.contains("double-quoted") {
        '"'
    } else if info.contains("single-quoted") {
        '\''
    } else {
        return None;
    };
    let before = text.get(..error_at)?;
    let closing = before.rfind(quote)?;
    let mut search = &before[..closing];
    // The opening quote: the previous quote not escaped (`\"` in double quotes, `''` in single).
    loop {
        let candidate = search.rfind(quote)?;
        let escaped = match quote {
            '"' => search[..candidate].ends_with('\\'),
            _ => search[..candidate].ends_with('\''),
        };
        if !escaped {
            // Only a scalar that spans lines ran on; one on a single line ended where written.
            return text[candidate..closing]
                .contains('\n')
                .then_some((candidate, quote));
        }
        search = &search[..candidate - usize::from(quote == '\'')];
    }
}

/// Help for the parser's most common complaints.
fn syntax_hint(info: &str) -> Option<&'static str> {
    if info.contains("unprintable") {
        Some("remove control characters such as NUL bytes: binary files cannot be data files")
    } else if info.contains("tabs") {
        Some("indent with spaces: YAML does not allow tabs for indentation")
    } else if info.contains("did not find expected ',' or") {
        Some("a flow list `[...]` or mapping `{...}` opened before this point is not closed")
    } else if info.contains("mapping values are not allowed")
        || info.contains("illegal placement of ':'")
    {
        Some(
            "a `: ` inside a value starts a mapping: quote the value, or look for an unclosed `[` or `{` above",
        )
    } else {
        None
    }
}

/// What YAML 1.1 makes of a plain scalar that YAML 1.2 reads as text, if it differs.
pub(crate) fn yaml_1_1_reading(text: &str) -> Option<&'static str> {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => return Some("the boolean true"),
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => return Some("the boolean false"),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let first = digits.bytes().next()?;
    if !first.is_ascii_digit() {
        return None;
    }
    if let Some(binary) = digits.strip_prefix("0b") {
        return (!binary.is_empty() && binary.bytes().all(|b| matches!(b, b'0' | b'1' | b'_')))
            .then_some("a binary number");
    }
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut groups = whole.split(':');
    let head = groups.next().unwrap_or_default();
    let tail: Vec<&str> = groups.collect();
    let number_like =
        |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    if !tail.is_empty()
        && number_like(head)
        && tail.iter().all(|g| {
            (1..=2).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()) && g < &"60"
        })
        && fraction.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        return Some("a base-60 number (a time like `11:00` becomes 660)");
    }
    if tail.is_empty()
        && whole.contains('_')
        && number_like(whole)
        && fraction.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        return Some("a number (YAML 1.1 ignores `_` in numbers)");
    }
    None
}

fn is_core_int(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
fn is_core_float(text: &str) -> bool {
    let rest = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => {
            whole.bytes().all(|b| b.is_ascii_digit())
                && fraction.bytes().all(|b| b.is_ascii_digit())
                && !(whole.is_empty() && fraction.is_empty())
        }
        None => !mantissa.is_empty() && mantissa.bytes().all(|b| b.is_ascii_digit()),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    mantissa_ok && exponent_ok
}

fn node_count(tree: &SpanTree) -> usize {
    let mut count = 0;
    let mut pending = vec![tree];
    while let Some(node) = pending.pop() {
        count += 1;
        pending.extend(node.children.iter());
    }
    count
}

/// Points every span of a copied anchor at the alias that repeats it.
fn relocate(tree: &mut SpanTree, at: Span) {
    let mut pending = vec![tree];
    while let Some(node) = pending.pop() {
        node.span = at;
        if node.key.is_some() {
            node.key = Some(at);
        }
        pending.extend(node.children.iter_mut());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_follow_the_yaml_1_2_core_schema() {
        let (document, warnings) = parse(
            "a: NO\nb: on\nc: yes\nd: true\ne: 0755\nf: 1.5\ng: ~\nh: '1'\ni: 11:00\nj: 0x1F\nk: 1e3\n",
            &Limits::default(),
        );
        let warned: Vec<Code> = warnings.iter().map(|d| d.code).collect();
        // NO, on, yes and 11:00 are text in YAML 1.2 but not in YAML 1.1.
        assert_eq!(warned, [Code::Yaml11Value; 4]);
        let parsed = document.value.unwrap_or(Value::Null);
        assert_eq!(
            parsed,
            serde_json::json!({"a": "NO", "b": "on", "c": "yes", "d": true, "e": 755, "f": 1.5, "g": null, "h": "1", "i": "11:00", "j": 31, "k": 1000.0})
        );
    }

    #[test]
    fn hex_and_octal_take_digits_only() {
        for (text, value) in [
            ("0x1F", serde_json::json!(31)),
            ("0o17", serde_json::json!(15)),
            ("0x+1F", serde_json::json!("0x+1F")),
            ("0x-1", serde_json::json!("0x-1")),
            ("0o+7", serde_json::json!("0o+7")),
            ("0o8", serde_json::json!("0o8")),
        ] {
            assert_eq!(resolve_core(text), Ok(value), "{text}");
        }
    }

    #[test]
    fn null_keys_are_reported_and_dropped() {
        for text in [
            ": orphan\n",
            "~: x\n",
            "null: x\n",
            "{: x}\n",
            "a:\n  : x\n",
        ] {
            let (document, findings) = parse(text, &Limits::default());
            let codes: Vec<Code> = findings.iter().map(|d| d.code).collect();
            assert_eq!(codes, [Code::UnsupportedYaml], "{text:?}");
            let value = document.value.unwrap_or(Value::Null);
            assert!(
                !value.to_string().contains("\"\""),
                "{text:?} gives {value}"
            );
        }
        // Quoted, they are text.
        let (document, findings) = parse("\"\": 1\n'~': 2\n", &Limits::default());
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(document.value, Some(serde_json::json!({"": 1, "~": 2})));
    }

    #[test]
    fn a_dash_inside_a_flow_scalar_is_text() {
        let (document, findings) = parse("a: [x -, y -z]\nb:\n- [c, d -]\n", &Limits::default());
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(
            document.value,
            Some(serde_json::json!({"a": ["x -", "y -z"], "b": [["c", "d -"]]}))
        );
    }

    #[test]
    fn flow_lines_are_indented_past_their_block() {
        for text in [
            "flow: [a,\nb]\n",
            "quoted: \"a\nb\"\n",
            "quoted: 'a\n\tb'\n",
            "list:\n  - {a: 1,\n  b: 2}\n",
        ] {
            let (document, findings) = parse(text, &Limits::default());
            let codes: Vec<Code> = findings.iter().map(|d| d.code).collect();
            assert_eq!(codes, [Code::YamlSyntax], "{text:?}");
            assert_eq!(document.value, None);
        }
        for text in [
            "flow: [a,\n b]\n",
            "quoted: \"a\n\n \tb\"\n",
            "[a,\nb]\n",
            "list:\n  - {a: 1,\n     b: 2}\n",
            "key:\n  [a,\n  b]\n",
        ] {
            let (_, findings) = parse(text, &Limits::default());
            assert!(findings.is_empty(), "{text:?}: {findings:?}");
        }
    }

    #[test]
    fn tags_are_named_as_written() {
        for (text, name) in [
            ("a: ! x\n", "`!`"),
            ("a: !!set {}\n", "`!!set`"),
            ("a: !x y\n", "`!x`"),
        ] {
            let (_, findings) = parse(text, &Limits::default());
            assert!(
                findings.iter().any(|d| d.message.contains(name)),
                "{text:?}: {findings:?}"
            );
        }
    }

    #[test]
    fn yaml_1_1_readings_are_recognized() {
        for (text, differs) in [
            ("NO", true),
            ("off", true),
            ("Y", true),
            ("11:00", true),
            ("1:30:15.5", true),
            ("0b101", true),
            ("1_000", true),
            ("no-way", false),
            ("2025-02-28", false),
            ("11:60", false),
            ("Q30", false),
            ("hello", false),
            ("1:2:3x", false),
        ] {
            assert_eq!(yaml_1_1_reading(text).is_some(), differs, "{text}");
        }
    }

    #[test]
    fn scalars_are_written_plain_only_when_they_read_back_as_that_text() {
        for plain in [
            "summary",
            "ana-ruiz-2",
            "GB",
            "2025-02-28",
            "source_text",
            "v1.2",
        ] {
            assert_eq!(scalar(plain), plain);
        }
        for (text, quoted) in [
            ("NO", "\"NO\""),
            ("on", "\"on\""),
            ("true", "\"true\""),
            ("null", "\"null\""),
            ("0755", "\"0755\""),
            ("1e5", "\"1e5\""),
            ("11:00", "\"11:00\""),
            ("-x", "\"-x\""),
            (".inf", "\".inf\""),
            ("two words", "\"two words\""),
            ("a\"b", "\"a\\\"b\""),
            ("", "\"\""),
        ] {
            assert_eq!(scalar(text), quoted, "{text}");
            let (document, findings) = parse(&format!("k: {quoted}\n"), &Limits::default());
            assert!(findings.is_empty(), "{text}");
            assert_eq!(document.value, Some(serde_json::json!({ "k": text })));
        }
    }

    #[test]
    fn scalar_spans_end_where_the_scalar_ends() {
        let text = "a: \"x \\\" y\"  # c\nb: 'it''s'   # c\nc: |\n  block\n\nd: plain  # c\n";
        let (document, _) = parse(text, &Limits::default());
        let value = document.value.unwrap_or(Value::Null);
        let at = |pointer: &str| &text[document.spans.locate(&value, pointer).value.range()];
        assert_eq!(at("/a"), "\"x \\\" y\"");
        assert_eq!(at("/b"), "'it''s'");
        assert_eq!(at("/c"), "block");
        assert_eq!(at("/d"), "plain");
    }

    #[test]
    fn duplicate_keys_are_reported_and_the_first_kept() {
        let (document, diagnostics) = parse("a: 1\nb: 2\na: 3\n", &Limits::default());
        assert_eq!(document.value, Some(serde_json::json!({"a": 1, "b": 2})));
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::DuplicateKey);
        assert_eq!(diagnostics[0].span, Some(Span::new(10, 11)));
    }

    #[test]
    fn pointers_map_to_keys_and_values() {
        let text = "events:\n  - id: x\n    kind: meeting\n";
        let (document, _) = parse(text, &Limits::default());
        let json = document.value.unwrap_or(Value::Null);
        let found = document.spans.locate(&json, "/events/0/kind");
        assert!(found.exact);
        assert_eq!(&text[found.value.range()], "meeting");
        assert_eq!(found.key.map(|k| &text[k.range()]), Some("kind"));
        let missing = document.spans.locate(&json, "/events/0/nope");
        assert!(!missing.exact);
    }

    #[test]
    fn non_ascii_text_gets_byte_offsets() {
        let text = "a: \"Zelens’kyi\"\nb: x\n";
        let (document, _) = parse(text, &Limits::default());
        let json = document.value.unwrap_or(Value::Null);
        assert_eq!(&text[document.spans.locate(&json, "/b").value.range()], "x");
    }

    #[test]
    fn alias_bombs_and_deep_nesting_are_stopped() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            bomb.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n", p = i - 1));
        }
        let (document, diagnostics) = parse(&bomb, &Limits::default());
        assert!(document.value.is_none());
        assert_eq!(
            diagnostics.last().map(|d| d.code),
            Some(Code::LimitExceeded),
            "{diagnostics:?}"
        );

        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let (document, diagnostics) = parse(&deep, &Limits::default());
        assert!(document.value.is_none());
        assert_eq!(
            diagnostics.last().map(|d| d.code),
            Some(Code::LimitExceeded),
            "{diagnostics:?}"
        );
    }

    #[test]
    fn syntax_errors_and_extra_documents_are_reported() {
        let (_, diagnostics) = parse("a: [1, 2\nb: 3\n", &Limits::default());
        assert_eq!(diagnostics[0].code, Code::YamlSyntax);
        let (document, diagnostics) = parse("a: 1\n---\nb: 2\n", &Limits::default());
        assert_eq!(document.value, Some(serde_json::json!({"a": 1})));
        assert_eq!(diagnostics[0].code, Code::MultipleDocuments);
    }
    #[test]
    fn block_scalar_slips_are_traced_to_their_indicator() {
        // Each text, with the indicator a label must point at, and words of that label.
        let cases = [
            // The second line is indented less than the first, which set the indentation.
            (
                "a:\n  b: |\n      x\n    y\n",
                "|",
                "indented by 6 spaces, as its first line is; line 4, indented by 4",
            ),
            // The same, the indentation set by an indicator.
            (
                "a:\n  b: >2-\n    x\n   y\n",
                ">2-",
                "indented by 4 spaces, as its indicator asks",
            ),
            // An indicator asking for more than the first line has.
            (
                "a:\n  b: |4\n    x\n",
                "|4",
                "asks for lines indented by 6 spaces, 4 more than its key; line 3 is indented by 4",
            ),
            ("- |2\n x\n", "|2", "2 more than its `-`"),
            // A blank line at the start with more spaces than the first line of text.
            (
                "a:\n  b: |\n       \n    x\n",
                "|",
                "a blank line above line 4 has 7 spaces, more than line 4's 4",
            ),
            // Text at the key's indentation, after text or as the only line.
            (
                "a:\n  b: >\n    x\n  y z\n",
                ">",
                "ends before line 4, which is not indented more than its key",
            ),
            (
                "a:\n  b: |\n  y z\n",
                "|",
                "has no lines: line 3 is not indented more than its key",
            ),
            // A tab in the indentation.
            (
                "a:\n  b: |\n    x\n\ty\n",
                "|",
                "ends before line 4, whose indentation holds a tab",
            ),
        ];
        for (text, indicator, label) in cases {
            let (_, diagnostics) = parse(text, &Limits::default());
            let [diagnostic] = diagnostics.as_slice() else {
                panic!("one finding for {text:?}: {diagnostics:?}");
            };
            assert_eq!(diagnostic.code, Code::YamlSyntax, "{text:?}");
            let [found] = diagnostic.labels.as_slice() else {
                panic!("one label for {text:?}: {diagnostic:?}");
            };
            let at = text
                .find(indicator)
                .map(|i| Span::new(i, i + indicator.len()));
            assert_eq!(found.span, at, "{text:?}");
            assert!(found.message.contains(label), "{text:?}: {}", found.message);
            assert!(diagnostic.help.is_some(), "{text:?}");
        }
        // A key that lost its `:`, and an error later on the line, are not the block scalar's.
        for text in [
            "a:\n  b: |\n    x\n  c\n",
            "a:\n  b: |\n    x\n  c: d, e: f\n",
        ] {
            let (_, diagnostics) = parse(text, &Limits::default());
            assert_eq!(diagnostics.len(), 1, "{text:?}: {diagnostics:?}");
            assert_eq!(diagnostics[0].code, Code::YamlSyntax, "{text:?}");
            assert!(
                diagnostics[0].labels.is_empty(),
                "{text:?}: {diagnostics:?}"
            );
        }
    }
}
