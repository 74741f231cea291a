//! Changing a scalar in place: the fix of a quote whose quotation marks or spacing differ from
//! its source's. Characters swapped keep the scalar's style (plain, single-quoted, double-quoted
//! or block), its line breaks and its indentation; only the changed characters are written anew,
//! escaped as the style needs. A value written anew keeps its quoting, on one line. So a fix
//! changes nothing else in the file.

use crate::diagnostic::{CharSwap, Diagnostic, Fix, PendingEdit};

/// Turns the pending fixes of the findings in `path` into fixes, now that `text` is at hand. A
/// change that cannot be written in the scalar's style gives no fix.
pub(crate) fn resolve_pending_fixes(
    diagnostics: &mut [Diagnostic],
    path: &std::path::Path,
    text: &str,
) {
    for diagnostic in diagnostics.iter_mut().filter(|d| d.path == path) {
        let Some(pending) = diagnostic.pending_fix.take() else {
            continue;
        };
        let Some(span) = pending.span else { continue };
        let Some(raw) = text.get(span.range()) else {
            continue;
        };
        let replacement = match &pending.edit {
            PendingEdit::Swaps(swaps) => swap_chars(raw, swaps),
            PendingEdit::Value(value) => rewrite_value(raw, value),
        };
        if let Some(replacement) = replacement {
            diagnostic.fix = Some(Fix {
                replacement,
                span: Some(span),
                applicability: pending.applicability,
            });
        }
    }
}

/// How a scalar is written, from its first character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Block,
}

/// `raw`, the text of a scalar as written, with `swaps` made to its value; `None` when a swap
/// names a character the value does not have that often. A plain scalar that would start with
/// a quotation mark would read as a quoted one: on one line it is written quoted, as
/// [`super::scalar`] writes it, and over several lines it gets no fix.
pub(crate) fn swap_chars(raw: &str, swaps: &[CharSwap]) -> Option<String> {
    let style = match raw.chars().next()? {
        '\'' => Style::SingleQuoted,
        '"' => Style::DoubleQuoted,
        '|' | '>' => Style::Block,
        _ => Style::Plain,
    };
    // The value's characters: where each is written in `raw` and how many bytes it takes.
    let mut out = String::with_capacity(raw.len() + swaps.len());
    let mut seen: Vec<(char, usize)> = Vec::new();
    let mut applied = 0;
    let mut chars = raw.char_indices().peekable();
    let mut at_start = true;
    let mut requote = false;
    // A block scalar's header (`|-`, `>2 # comment`) is no part of its value.
    if style == Style::Block {
        for (_, c) in chars.by_ref() {
            out.push(c);
            if c == '\n' {
                break;
            }
        }
    }
    let last = raw.len().saturating_sub(1);
    while let Some((offset, c)) = chars.next() {
        let quoted_end = matches!(style, Style::SingleQuoted | Style::DoubleQuoted)
            && (offset == 0 || offset == last);
        if quoted_end {
            out.push(c);
            continue;
        }
        // The character of the value this text spells, and the text that spells it.
        let (value_char, written): (char, String) = match (style, c) {
            (Style::SingleQuoted, '\'') => {
                chars.next_if(|&(_, next)| next == '\'')?;
                ('\'', "''".to_owned())
            }
            (Style::DoubleQuoted, '\\') => {
                let (_, escaped) = chars.next()?;
                let mut written = format!("\\{escaped}");
                let decoded = match escaped {
                    '"' | '\\' | '/' => Some(escaped),
                    'x' | 'u' | 'U' => {
                        let digits = match escaped {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let mut hex = String::new();
                        for _ in 0..digits {
                            let (_, digit) = chars.next()?;
                            hex.push(digit);
                        }
                        written.push_str(&hex);
                        u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                    }
                    // Line folds and the other escapes spell white space or controls, which
                    // no swap names.
                    _ => None,
                };
                match decoded {
                    Some(d) => (d, written),
                    None => {
                        out.push_str(&written);
                        continue;
                    }
                }
            }
            _ => (c, c.to_string()),
        };
        let occurrence = match seen
            .iter_mut()
            .find(|(seen_char, _)| *seen_char == value_char)
        {
            Some((_, count)) => {
                *count += 1;
                *count - 1
            }
            None => {
                seen.push((value_char, 1));
                0
            }
        };
        match swaps
            .iter()
            .find(|s| s.from == value_char && s.occurrence == occurrence)
        {
            Some(swap) => {
                requote |= style == Style::Plain && at_start && matches!(swap.to, '\'' | '"');
                out.push_str(&spelled(swap.to, style));
                applied += 1;
            }
            None => out.push_str(&written),
        }
        at_start = false;
    }
    if applied != swaps.len() || (requote && raw.contains('\n')) {
        return None;
    }
    Some(if requote { super::scalar(&out) } else { out })
}

/// The scalar `raw`, on one line, written anew with the value `value` in the same quoting: a
/// single-quoted scalar stays single-quoted, a double-quoted one double-quoted, and a plain one
/// plain where `value` can be plain. `None` for a block scalar or one over several lines, whose
/// line breaks a rewrite would lose, and for a value with characters only escapes can write.
pub(crate) fn rewrite_value(raw: &str, value: &str) -> Option<String> {
    if raw.contains('\n') || value.chars().any(char::is_control) {
        return None;
    }
    match raw.chars().next()? {
        '\'' => Some(format!("'{}'", value.replace('\'', "''"))),
        '"' => Some(format!(
            "\"{}\"",
            value.replace('\\', "\\\\").replace('"', "\\\"")
        )),
        '|' | '>' => None,
        _ => Some(super::scalar(value)),
    }
}

/// `c` as a scalar of `style` writes it.
fn spelled(c: char, style: Style) -> String {
    match (style, c) {
        (Style::SingleQuoted, '\'') => "''".to_owned(),
        (Style::DoubleQuoted, '"') => "\\\"".to_owned(),
        (Style::DoubleQuoted, '\\') => "\\\\".to_owned(),
        _ => c.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{rewrite_value, swap_chars};
    use crate::diagnostic::CharSwap;

    fn straight(from: char, occurrence: usize) -> CharSwap {
        let to = if matches!(from, '\u{2018}' | '\u{2019}') {
            '\''
        } else {
            '"'
        };
        CharSwap {
            from,
            occurrence,
            to,
        }
    }

    #[test]
    fn each_style_keeps_its_quoting_and_escapes_what_it_needs() {
        let swaps = [straight('\u{2019}', 0)];
        assert_eq!(
            swap_chars("we\u{2019}ll sign", &swaps).as_deref(),
            Some("we'll sign")
        );
        assert_eq!(
            swap_chars("'we\u{2019}ll sign'", &swaps).as_deref(),
            Some("'we''ll sign'")
        );
        assert_eq!(
            swap_chars("\"we\u{2019}ll sign\"", &swaps).as_deref(),
            Some("\"we'll sign\"")
        );
        assert_eq!(
            swap_chars(">-\n  we\u{2019}ll\n  sign", &swaps).as_deref(),
            Some(">-\n  we'll\n  sign")
        );
        let double = [straight('\u{201C}', 0), straight('\u{201D}', 0)];
        assert_eq!(
            swap_chars("\"he said \u{201C}yes\u{201D}\"", &double).as_deref(),
            Some("\"he said \\\"yes\\\"\"")
        );
    }

    #[test]
    fn a_value_written_anew_keeps_its_quoting() {
        assert_eq!(
            rewrite_value("'a  b'", "it's a b").as_deref(),
            Some("'it''s a b'")
        );
        assert_eq!(
            rewrite_value("\"a\"", "say \"x\" \\ y").as_deref(),
            Some("\"say \\\"x\\\" \\\\ y\"")
        );
        assert_eq!(
            rewrite_value("a b", "counterpart").as_deref(),
            Some("counterpart")
        );
        // A plain scalar whose new value cannot be plain is quoted.
        assert_eq!(rewrite_value("x", "a: b").as_deref(), Some("\"a: b\""));
        assert_eq!(rewrite_value(">-\n  a b\n", "ab"), None);
        assert_eq!(rewrite_value("'a\n  b'", "ab"), None);
    }

    #[test]
    fn occurrences_are_counted_in_the_value_not_the_text() {
        // `''` is one apostrophe of the value.
        let swaps = [straight('\u{2019}', 1)];
        assert_eq!(
            swap_chars(
                "'it''s \u{2019}a\u{2019} x'",
                &[CharSwap {
                    from: '\'',
                    occurrence: 0,
                    to: '\u{2019}'
                }]
            )
            .as_deref(),
            Some("'it\u{2019}s \u{2019}a\u{2019} x'")
        );
        assert_eq!(
            swap_chars("\u{2019}a\u{2019} b\u{2019}", &swaps).as_deref(),
            Some("\u{2019}a' b\u{2019}")
        );
    }

    #[test]
    fn what_cannot_be_changed_in_place_gives_no_fix() {
        // A plain scalar that would start with a quotation mark would become a quoted one: on
        // one line it is quoted, over several it is left to a person.
        let quotes = [straight('\u{201C}', 0), straight('\u{201D}', 0)];
        assert_eq!(
            swap_chars("\u{201C}yes\u{201D}, he said", &quotes).as_deref(),
            Some("\"\\\"yes\\\", he said\"")
        );
        assert_eq!(swap_chars("\u{201C}yes\u{201D},\n  he said", &quotes), None);
        // An escape is a character like any other.
        assert_eq!(
            swap_chars("\"we\\u2019ll\"", &[straight('\u{2019}', 0)]).as_deref(),
            Some("\"we'll\"")
        );
        // The value has one such character, not two.
        assert_eq!(swap_chars("we\u{2019}ll", &[straight('\u{2019}', 1)]), None);
    }
}
