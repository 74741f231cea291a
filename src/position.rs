//! Byte offsets to 1-based lines and columns, counted in characters so that non-ASCII text
//! lines up. Computed only when rendering.

use crate::diagnostic::Span;

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

/// The start and end of a span (the end is exclusive: one past the last character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// Where the span starts.
    pub start: Position,
    /// Where the span ends.
    pub end: Position,
}

/// The byte offsets where each line of a text starts.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|start| *start <= offset)
            .saturating_sub(1)
    }

    /// The byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts
            .get(line)
            .copied()
            .unwrap_or_else(|| self.starts.last().copied().unwrap_or(0))
    }

    /// The number of lines.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The position of byte `offset` in `text`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        // A byte order mark is invisible and no editor counts it as a column.
        let line_text = &text[self.line_start(line)..offset];
        let column = line_text.trim_start_matches('\u{feff}').chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The range of `span` in `text`.
    pub fn range(&self, text: &str, span: Span) -> Range {
        Range {
            start: self.position(text, span.start),
            end: self.position(text, span.end.max(span.start)),
        }
    }
}

/// The largest char boundary at or before `offset`.
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "a: 1\nnamé: «x»\n";
        let index = LineIndex::new(text);
        let at = text.find('«').unwrap_or_default();
        assert_eq!(index.position(text, at), Position { line: 2, column: 7 });
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(
            index.position(text, text.len()),
            Position { line: 3, column: 1 }
        );
    }
}

/// The line index of every text a run kept, built once, on first use, and shared by every
/// emitter and every finding: rendering is linear in the number of findings.
#[derive(Debug, Clone, Default)]
pub struct LineIndexes {
    built: std::sync::OnceLock<std::collections::BTreeMap<std::path::PathBuf, LineIndex>>,
}

impl LineIndexes {
    /// The index of the text kept for `path`, indexing every text of `texts` the first time.
    pub fn get<'i>(
        &'i self,
        texts: &std::collections::BTreeMap<std::path::PathBuf, String>,
        path: &std::path::Path,
    ) -> Option<&'i LineIndex> {
        self.built
            .get_or_init(|| {
                texts
                    .iter()
                    .map(|(path, text)| (path.clone(), LineIndex::new(text)))
                    .collect()
            })
            .get(path)
    }
}
