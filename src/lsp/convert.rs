//! Between accord's places and the protocol's: byte offsets and LSP positions (UTF-16 code units
//! by default, UTF-8 bytes when the client negotiates them), and file paths and `file:` URIs.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::Uri;

use crate::position::LineIndex;

/// How a position's character counts, as negotiated at initialization (`positionEncoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units: the protocol's default, and what most editors count.
    Utf16,
    /// UTF-8 bytes, when the client offers them (Neovim, Helix, Zed do).
    Utf8,
}

impl Encoding {
    /// The protocol's name of the encoding.
    pub fn kind(self) -> lsp_types::PositionEncodingKind {
        match self {
            Encoding::Utf16 => lsp_types::PositionEncodingKind::UTF16,
            Encoding::Utf8 => lsp_types::PositionEncodingKind::UTF8,
        }
    }

    /// The encoding to use with a client that offers `offered`: UTF-8 if it is offered, since
    /// offsets are bytes already, else UTF-16, which every client takes.
    pub fn negotiate(offered: Option<&[lsp_types::PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&lsp_types::PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }
}

/// The LSP position of byte `offset` in `text`.
pub fn position(
    text: &str,
    index: &LineIndex,
    offset: usize,
    encoding: Encoding,
) -> lsp_types::Position {
    let offset = crate::position::floor_char_boundary(text, offset);
    let line = index.line_of(offset);
    let line_text = &text[index.line_start(line)..offset];
    let character = match encoding {
        Encoding::Utf8 => line_text.len(),
        Encoding::Utf16 => line_text.chars().map(char::len_utf16).sum(),
    };
    lsp_types::Position {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        character: u32::try_from(character).unwrap_or(u32::MAX),
    }
}

/// The LSP range of `span` in `text`.
pub fn range(
    text: &str,
    index: &LineIndex,
    span: crate::diagnostic::Span,
    encoding: Encoding,
) -> lsp_types::Range {
    lsp_types::Range {
        start: position(text, index, span.start, encoding),
        end: position(text, index, span.end.max(span.start), encoding),
    }
}

/// The byte offset of an LSP position in `text`. A line past the end is the end of the text;
/// a character past the end of its line, or inside a character, is the end of the line or the
/// start of that character, as the protocol asks.
pub fn offset(
    text: &str,
    index: &LineIndex,
    position: lsp_types::Position,
    encoding: Encoding,
) -> usize {
    let line = position.line as usize;
    if line >= index.line_count() {
        return text.len();
    }
    let start = index.line_start(line);
    let end = if line + 1 < index.line_count() {
        index.line_start(line + 1)
    } else {
        text.len()
    };
    let line_text = &text[start..end];
    let line_text = line_text.strip_suffix('\n').unwrap_or(line_text);
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    let wanted = position.character as usize;
    let mut counted = 0;
    for (at, c) in line_text.char_indices() {
        if counted >= wanted {
            return start + at;
        }
        counted += match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
        if counted > wanted {
            return start + at;
        }
    }
    start + line_text.len()
}

/// The `file:` URI of an absolute path, each byte outside the unreserved characters and `/`
/// percent-encoded.
pub fn uri(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let mut encoded = String::from("file://");
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri::from_str(&encoded).ok()
}

/// The path a `file:` URI names; `None` for another scheme or a URI that is not a path.
pub fn path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str().strip_prefix("file://")?;
    // `file://host/path` names another machine's file; only the local form is a path here.
    let text = if text.starts_with('/') {
        text
    } else {
        text.strip_prefix("localhost")?
    };
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%'
            && let Some(hex) = tail.get(..2)
            && let Some(decoded) = std::str::from_utf8(hex)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            bytes.push(decoded);
            rest = &tail[2..];
            continue;
        }
        if byte == b'?' || byte == b'#' {
            break;
        }
        bytes.push(byte);
        rest = tail;
    }
    Some(PathBuf::from(String::from_utf8(bytes).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_code_units_and_utf8_bytes() {
        // Korean syllables are one UTF-16 unit and three bytes; the emoji is two units and
        // four bytes.
        let text = "a: 1\nquote: 협정 😀 x\n";
        let index = LineIndex::new(text);
        let at = text.find('x').unwrap_or_default();
        let utf16 = position(text, &index, at, Encoding::Utf16);
        let utf8 = position(text, &index, at, Encoding::Utf8);
        assert_eq!((utf16.line, utf16.character), (1, 7 + 2 + 1 + 2 + 1));
        assert_eq!((utf8.line, utf8.character), (1, 7 + 6 + 1 + 4 + 1));
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let p = position(text, &index, at, encoding);
            assert_eq!(offset(text, &index, p, encoding), at);
        }
    }

    #[test]
    fn positions_past_a_line_or_inside_a_character_are_clamped() {
        let text = "ab\n😀c\n";
        let index = LineIndex::new(text);
        let at = |line, character| {
            offset(
                text,
                &index,
                lsp_types::Position { line, character },
                Encoding::Utf16,
            )
        };
        assert_eq!(at(0, 99), 2);
        assert_eq!(at(1, 1), 3);
        assert_eq!(at(1, 2), 7);
        assert_eq!(at(9, 0), text.len());
    }

    #[test]
    fn paths_and_uris_round_trip() {
        let path = Path::new("/data/a b/협정.yaml");
        let Some(uri) = uri(path) else {
            panic!("no URI");
        };
        assert_eq!(uri.as_str(), "file:///data/a%20b/%ED%98%91%EC%A0%95.yaml");
        assert_eq!(super::path(&uri).as_deref(), Some(path));
        let other = Uri::from_str("untitled:Untitled-1").ok();
        assert_eq!(other.as_ref().and_then(super::path), None);
    }
}
