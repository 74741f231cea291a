//! Quotes appear verbatim, up to white space, in the stored text of the source they cite.

use std::collections::HashMap;

use super::SourceTextLoader;
use super::facts::FileFacts;
use crate::diagnostic::{Code, Diagnostic};

/// Collapses every run of white space to one space and trims the ends.
pub(crate) fn normalize_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

pub(super) fn check(files: &[FileFacts], load_text: &SourceTextLoader<'_>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    // Each source's text, loaded once; `None` when it could not be read (reported once, at the
    // source's own `text` field).
    let mut texts: HashMap<&str, Option<String>> = HashMap::new();
    for facts in files {
        for source in &facts.source_texts {
            if texts.contains_key(source.id.as_str()) {
                continue;
            }
            let text = match load_text(&facts.path, &source.text) {
                Ok(text) => Some(normalize_whitespace(&text)),
                Err(reason) => {
                    diagnostics.push(
                        Diagnostic::new(Code::SourceTextUnreadable, format!("the text of source `{}` cannot be read: {reason}", source.id))
                            .with_span(source.span)
                            .with_help("store the source's full text in this file, relative to the YAML file, so quotes can be checked")
                            .in_file(facts.path.clone()),
                    );
                    None
                }
            };
            texts.insert(source.id.as_str(), text);
        }
    }
    for facts in files {
        for quote in &facts.quotes {
            let readable: Vec<(&str, &str)> = quote
                .sources
                .iter()
                .filter_map(|id| {
                    texts
                        .get(id.as_str())?
                        .as_deref()
                        .map(|text| (id.as_str(), text))
                })
                .collect();
            // A quote whose sources are all unknown or unreadable is reported by other rules.
            if readable.is_empty() {
                continue;
            }
            let wanted = normalize_whitespace(&quote.text);
            if readable.iter().any(|(_, text)| text.contains(&wanted)) {
                continue;
            }
            let names: Vec<String> = readable.iter().map(|(id, _)| format!("`{id}`")).collect();
            let mut diagnostic = Diagnostic::new(
                Code::QuoteNotFound,
                format!(
                    "this text does not appear in the source {}",
                    names.join(" or ")
                ),
            )
            .with_span(quote.span)
            .with_pointer(quote.pointer.clone())
            .in_file(facts.path.clone());
            diagnostic = match longest_found_prefix(&wanted, readable.iter().map(|(_, text)| *text)) {
                // A short common prefix ("We ") says nothing; only a substantial one helps.
                Some(prefix) if prefix.len() * 5 >= wanted.len() * 2 => diagnostic.with_help(format!(
                    "the source has the text up to `{}`; copy the passage exactly (only white space may differ)",
                    tail(prefix, 40)
                )),
                _ => diagnostic.with_help("copy the passage exactly from the source's stored text (only white space may differ)"),
            };
            diagnostics.push(diagnostic);
        }
    }
    diagnostics
}

/// The longest prefix of `wanted`, cut at a character boundary, that one of the texts contains.
fn longest_found_prefix<'w, 't>(
    wanted: &'w str,
    texts: impl Iterator<Item = &'t str> + Clone,
) -> Option<&'w str> {
    let boundaries: Vec<usize> = wanted
        .char_indices()
        .map(|(i, _)| i)
        .chain([wanted.len()])
        .collect();
    let (mut low, mut high) = (0, boundaries.len() - 1);
    // Binary search on the prefix length: containment is monotone in it.
    while low < high {
        let middle = (low + high).div_ceil(2);
        let prefix = &wanted[..boundaries[middle]];
        if texts.clone().any(|text| text.contains(prefix)) {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    Some(&wanted[..boundaries[low]])
}

fn tail(text: &str, chars: usize) -> String {
    let count = text.chars().count();
    if count <= chars {
        text.to_owned()
    } else {
        format!("…{}", text.chars().skip(count - chars).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_runs_collapse() {
        assert_eq!(normalize_whitespace("  a \n\t b  c\n"), "a b c");
    }

    #[test]
    fn the_longest_found_prefix_is_found() {
        let texts = ["Europe's responsibility, not America's"];
        assert_eq!(
            longest_found_prefix("Europe's job", texts.iter().copied()),
            Some("Europe's ")
        );
    }
}
