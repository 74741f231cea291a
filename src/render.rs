//! Plain-text rendering of diagnostics: `path:line:column: severity[code]: message`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Span};

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn position(
    path: &std::path::Path,
    span: Option<Span>,
    texts: &BTreeMap<PathBuf, String>,
) -> String {
    match (span, texts.get(path)) {
        (Some(span), Some(text)) => {
            let (line, column) = line_column(text, span.start);
            format!("{}:{line}:{column}", path.display())
        }
        _ => path.display().to_string(),
    }
}

/// One diagnostic as plain text, ending with a newline.
pub fn plain(diagnostic: &Diagnostic, texts: &BTreeMap<PathBuf, String>) -> String {
    let mut out = format!(
        "{}: {}[{}]: {}\n",
        position(&diagnostic.path, diagnostic.span, texts),
        diagnostic.severity.as_str(),
        diagnostic.code.as_str(),
        diagnostic.message
    );
    for label in &diagnostic.labels {
        let path = label.path.as_ref().unwrap_or(&diagnostic.path);
        out.push_str(&format!(
            "  {}: {}\n",
            position(path, Some(label.span), texts),
            label.message
        ));
    }
    if let Some(help) = &diagnostic.help {
        out.push_str(&format!("  help: {help}\n"));
    }
    out
}
