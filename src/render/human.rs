//! rustc-style output: the file, line and column, the source lines with the span underlined,
//! secondary labels, and help. Rendered by annotate-snippets, the renderer rustc and cargo use.

use std::io::{self, Write};
use std::path::Path;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{EmitContext, Emitter};
use crate::check::CheckRun;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::position::{LineIndex, floor_char_boundary};

/// The default format.
pub(super) struct Human;

impl Emitter for Human {
    fn emit(&self, out: &mut dyn Write, run: &CheckRun, context: &EmitContext) -> io::Result<()> {
        let renderer = if context.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        }
        .decor_style(DecorStyle::Ascii);
        for diagnostic in &run.diagnostics {
            let text = render(diagnostic, run, context, &renderer);
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n\n")?;
        }
        Ok(())
    }
}

/// The most bytes of text a snippet shows.
const WIDEST_WINDOW: usize = 8 * 1024;

/// A window of whole lines around a span: the snippet handed to the renderer, so that a finding
/// in a large file never copies the file.
struct Window<'t> {
    source: &'t str,
    first_line: usize,
    offset: usize,
}

/// The window around `span`, widened to take in the spans of `nearby` that lie at most a few
/// lines away, so that close labels share one snippet with the primary span.
fn window<'t>(text: &'t str, index: &LineIndex, span: Span, nearby: &[Span]) -> Window<'t> {
    let line = |offset: usize| index.line_of(offset.min(text.len()));
    let mut first = line(span.start);
    // Long spans (a whole mapping) are cut to their first lines: the start is what matters.
    let mut last = line(span.end.max(span.start)).min(first + 8);
    for other in nearby {
        let (start, end) = (line(other.start), line(other.end.max(other.start)));
        if start + 6 >= first && end <= last + 6 {
            first = first.min(start);
            last = last.max(end);
        }
    }
    let start = index.line_start(first);
    let end = if last + 1 < index.line_count() {
        index.line_start(last + 1)
    } else {
        text.len()
    };
    // A very long line (a minified or pasted file) is cut around the span: the renderer's
    // work and memory grow with the snippet, not with the finding.
    let (start, end) = if end - start > WIDEST_WINDOW {
        let from = floor_char_boundary(
            text,
            span.start.saturating_sub(WIDEST_WINDOW / 2).max(start),
        );
        (from, end.min(from + WIDEST_WINDOW))
    } else {
        (start, end)
    };
    let end = floor_char_boundary(text, end);
    Window {
        source: text[start..end].trim_end_matches(['\n', '\r']),
        first_line: first + 1,
        offset: start,
    }
}

fn local(window: &Window<'_>, span: Span) -> std::ops::Range<usize> {
    let start = span
        .start
        .saturating_sub(window.offset)
        .min(window.source.len());
    let end = span
        .end
        .saturating_sub(window.offset)
        .clamp(start, window.source.len());
    floor_char_boundary(window.source, start)..floor_char_boundary(window.source, end)
}

fn render(
    diagnostic: &Diagnostic,
    run: &CheckRun,
    context: &EmitContext,
    renderer: &Renderer,
) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let path = context.display_path(&diagnostic.path);
    let mut elements: Vec<Snippet<'_, annotate_snippets::Annotation<'_>>> = Vec::new();
    let own_text = run.text_with_lines(&diagnostic.path);
    let placed = diagnostic.span.is_some() && own_text.is_some();
    // Without a place in the text (an unreadable file), the title names the file.
    let title = if placed {
        level.primary_title(diagnostic.message.as_str())
    } else {
        level.primary_title(format!("{}: {path}", diagnostic.message))
    }
    .id(diagnostic.code.as_str());
    if let (Some(span), Some((text, index))) = (diagnostic.span, own_text) {
        let same_file: Vec<Span> = diagnostic
            .labels
            .iter()
            .filter(|label| {
                label
                    .path
                    .as_deref()
                    .is_none_or(|p| p == diagnostic.path.as_path())
            })
            .filter_map(|label| label.span)
            .collect();
        let primary = window(text, index, span, &same_file);
        let mut snippet = Snippet::source(primary.source)
            .line_start(primary.first_line)
            .path(path.clone())
            .annotation(AnnotationKind::Primary.span(local(&primary, span)));
        let mut separate = Vec::new();
        for (label, label_span) in diagnostic.labels.iter().filter_map(|l| Some((l, l.span?))) {
            let same_file = label
                .path
                .as_deref()
                .is_none_or(|p| p == diagnostic.path.as_path());
            let inside = label_span.start >= primary.offset
                && label_span.end <= primary.offset + primary.source.len();
            if same_file && inside {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(local(&primary, label_span))
                        .label(label.message.as_str()),
                );
            } else {
                separate.push(label);
            }
        }
        elements.push(snippet);
        for label in separate {
            let label_path: &Path = label.path.as_deref().unwrap_or(&diagnostic.path);
            if let Some((text, index)) = run.text_with_lines(label_path) {
                let Some(label_span) = label.span else {
                    continue;
                };
                let around = window(text, index, label_span, &[]);
                elements.push(
                    Snippet::source(around.source)
                        .line_start(around.first_line)
                        .path(context.display_path(label_path))
                        .annotation(
                            AnnotationKind::Context
                                .span(local(&around, label_span))
                                .label(label.message.as_str()),
                        ),
                );
            }
        }
    }
    let mut group: Group<'_> = title.elements(elements);
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    renderer.render(&[group])
}
