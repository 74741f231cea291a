//! Where the dataset quotes a source: the passages of its text that citations copy, found up to
//! white space as `accord check` finds them, cut into segments for highlighting.

use std::ops::Range;

/// A passage of a source text and the records that quote it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Segment {
    /// The text of the passage, as stored.
    pub text: String,
    /// The records quoting it, as `(link, label)`; empty for text no record quotes.
    pub quoted_by: Vec<(String, String)>,
}

/// Every occurrence of `quote` in `text`, with runs of white space in either matching any run
/// of white space in the other, as byte ranges of `text`.
pub fn find(text: &str, quote: &str) -> Vec<Range<usize>> {
    let words: Vec<&str> = quote.split_whitespace().collect();
    let Some(first) = words.first() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (start, _) in text.match_indices(first) {
        let mut at = start + first.len();
        let mut matched = true;
        for word in &words[1..] {
            let rest = &text[at..];
            let trimmed = rest.trim_start();
            if trimmed.len() == rest.len() || !trimmed.starts_with(word) {
                matched = false;
                break;
            }
            at += rest.len() - trimmed.len() + word.len();
        }
        if matched {
            found.push(start..at);
        }
    }
    found
}

/// `text` cut at every start and end of the `quotes` (byte ranges with the link and label of
/// the record quoting them), each segment with the records that quote all of it.
pub fn segments(text: &str, quotes: &[(Range<usize>, String, String)]) -> Vec<Segment> {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (range, ..) in quotes {
        cuts.push(range.start);
        cuts.push(range.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Segment> = Vec::new();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(piece) = text.get(start..end) else {
            continue;
        };
        let mut quoted_by: Vec<(String, String)> = quotes
            .iter()
            .filter(|(range, ..)| range.start <= start && end <= range.end)
            .map(|(_, link, label)| (link.clone(), label.clone()))
            .collect();
        quoted_by.dedup();
        match out.last_mut() {
            Some(last) if last.quoted_by == quoted_by => last.text.push_str(piece),
            _ => out.push(Segment {
                text: piece.to_owned(),
                quoted_by,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_match_across_line_breaks() {
        let text = "He said the deal\nwas done. The deal was done.";
        assert_eq!(find(text, "the deal was done"), vec![8..25]);
        assert_eq!(find(text, "deal was done."), vec![12..26, 31..45]);
        assert!(find(text, "").is_empty());
    }

    #[test]
    fn overlapping_quotes_cut_the_text_into_segments() {
        let text = "abc def ghi";
        let quotes = [
            (0..7, "#a".to_owned(), "A".to_owned()),
            (4..11, "#b".to_owned(), "B".to_owned()),
        ];
        let cut = segments(text, &quotes);
        let cut: Vec<(&str, usize)> = cut
            .iter()
            .map(|s| (s.text.as_str(), s.quoted_by.len()))
            .collect();
        assert_eq!(cut, [("abc ", 1), ("def", 2), (" ghi", 1)]);
    }
}
