//! Quotes appear verbatim, up to white space, in the stored text of the source they cite.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc, is_nfc_quick, is_nfd};

use super::SourceTextLoader;
use super::facts::{FileFacts, Quote, SourceText};
use crate::diagnostic::{
    Applicability, CharSwap, Code, Diagnostic, PendingEdit, PendingFix, Target,
};

/// Collapses every run of white space to one space and trims the ends; borrows when there is
/// nothing to change.
pub(crate) fn normalize_whitespace(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    if !text.is_ascii() {
        return Cow::Owned(normalize_unicode(text));
    }
    let tidy = !bytes.first().is_some_and(u8::is_ascii_whitespace)
        && !bytes.last().is_some_and(u8::is_ascii_whitespace)
        && !bytes
            .windows(2)
            .any(|w| w[0].is_ascii_whitespace() && (w[0] != b' ' || w[1].is_ascii_whitespace()));
    if tidy {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for &b in bytes {
        if b.is_ascii_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(b as char);
        }
    }
    Cow::Owned(out)
}

/// [`normalize_whitespace`] for text with non-ASCII characters, some of which are white space.
fn normalize_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// What earlier runs found of quotes in each source's text: the text as read and with its white
/// space collapsed, and the quotes (as written) found in it. A quote is neither normalized nor
/// searched for again if it was found in the very same text; a new quote, or one whose source's
/// text changed, is; a quote not found is always searched again, to describe it.
#[derive(Debug, Default)]
pub struct QuoteMemo {
    sources: FxHashMap<String, MemoSource>,
}

#[derive(Debug)]
struct MemoSource {
    raw: Arc<str>,
    normalized: Arc<str>,
    found: FxHashSet<String>,
}

pub(super) fn check(
    files: &[FileFacts],
    load_text: &SourceTextLoader<'_>,
    memo: Option<&mut QuoteMemo>,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    // Each source's text, read once, in the first file that declares it; `None` when it could
    // not be read (reported once, at the source's own `text` field).
    let mut declared: HashMap<&str, (&FileFacts, &SourceText)> = HashMap::new();
    for facts in files {
        for source in &facts.source_texts {
            declared
                .entry(source.id.as_str())
                .or_insert((facts, source));
        }
    }
    let mut sources: Vec<(&str, (&FileFacts, &SourceText))> = declared.into_iter().collect();
    sources.sort_by_key(|(id, _)| *id);
    let known = memo.as_deref().map(|memo| &memo.sources);
    // The sources whose text is the one the memo knows, with what the memo found in it.
    let mut unchanged: FxHashMap<&str, &MemoSource> = FxHashMap::default();
    // The texts as read of the sources whose text changed, for the memo.
    let mut fresh_raw: FxHashMap<&str, Arc<str>> = FxHashMap::default();
    let texts: HashMap<&str, Option<Arc<str>>> = sources
        .par_iter()
        .map(|(id, (facts, source))| {
            let text = load_text(&facts.path, &source.text).map(|raw| {
                match known.and_then(|known| known.get(*id)).filter(|m| *m.raw == *raw) {
                    Some(memo) => (Arc::clone(&memo.normalized), Some(memo), None),
                    None => (
                        Arc::from(normalize_whitespace(&raw).as_ref()),
                        None,
                        known.is_some().then(|| Arc::<str>::from(raw)),
                    ),
                }
            });
            (*id, text)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|(id, loaded)| {
            let loaded = loaded.map(|(text, memo, raw)| {
                if let Some(memo) = memo {
                    unchanged.insert(id, memo);
                }
                if let Some(raw) = raw {
                    fresh_raw.insert(id, raw);
                }
                text
            });
            (id, loaded)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|(id, loaded)| match loaded {
            // An empty text matches no quote; its quotes are not reported one by one.
            Ok(text) if text.trim().is_empty() => {
                let (facts, source) = sources[sources.partition_point(|(s, _)| *s < id)].1;
                diagnostics.push(
                    Diagnostic::new(
                        Code::EmptySourceText,
                        format!("the text of source `{}` is empty", source.id),
                    )
                    .at(source.pointer.clone(), Target::Value)
                    .with_help("store the source's text in this file, so quotes can be checked against it")
                    .in_file(facts.path.clone()),
                );
                (id, None)
            }
            Ok(text) => (id, Some(text)),
            Err(refusal) => {
                let (facts, source) = sources[sources.partition_point(|(s, _)| *s < id)].1;
                let help = refusal.help.unwrap_or_else(|| match refusal.code {
                    Code::SourceTextOutsideDataset => "store the source's text as a regular file inside the dataset, not as a link to a file elsewhere".to_owned(),
                    _ => "store the source's full text in this file, relative to the YAML file, so quotes can be checked".to_owned(),
                });
                diagnostics.push(
                    Diagnostic::new(
                        refusal.code,
                        match refusal.code {
                            Code::SourceTextOutsideDataset => format!("the text of source `{}` is not read: {}", source.id, refusal.message),
                            _ => format!("the text of source `{}` cannot be read: {}", source.id, refusal.message),
                        },
                    )
                    .at(source.pointer.clone(), Target::Value)
                    .with_help(help)
                    .in_file(facts.path.clone()),
                );
                (id, None)
            }
        })
        .collect();

    // Every quote, normalized, with the file that makes it, and the source an earlier run found
    // it in, if that source's text is unchanged: such a quote is neither normalized nor searched.
    let uses: Vec<(Cow<'_, str>, &FileFacts, &Quote, Option<&str>)> = files
        .par_iter()
        .flat_map_iter(|facts| {
            let unchanged = &unchanged;
            facts.quotes.iter().map(move |q| {
                let raw = facts.str(q.text);
                let known_in = facts
                    .sources_of(q)
                    .find(|s| unchanged.get(s).is_some_and(|m| m.found.contains(raw)));
                let wanted = match known_in {
                    Some(_) => Cow::Borrowed(raw),
                    None => normalize_whitespace(raw),
                };
                (wanted, facts, q, known_in)
            })
        })
        .collect();
    // For each readable source, the quotes that cite it and are not known; then each text is
    // searched once.
    let mut per_source: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (index, (_, facts, quote, known_in)) in uses.iter().enumerate() {
        if known_in.is_some() {
            continue;
        }
        for source in facts.sources_of(quote) {
            if let Some(Some(_)) = texts.get(source) {
                per_source.entry(source).or_default().push(index);
            }
        }
    }
    let found: Vec<bool> = {
        let hits: Vec<(&str, Vec<usize>)> = per_source
            .into_par_iter()
            .map(|(source, indices)| {
                let text = texts
                    .get(source)
                    .and_then(Option::as_deref)
                    .unwrap_or_default();
                (source, found_in(text, &indices, &uses))
            })
            .collect();
        let mut found: Vec<bool> = uses.iter().map(|u| u.3.is_some()).collect();
        for (_, source_hits) in &hits {
            for &hit in source_hits {
                found[hit] = true;
            }
        }
        // The memo's own texts, for those unchanged: what it holds is rebuilt below.
        let raw_of: FxHashMap<&str, Arc<str>> = unchanged
            .iter()
            .map(|(id, m)| (*id, Arc::clone(&m.raw)))
            .collect();
        drop(unchanged);
        if let Some(memo) = memo {
            let mut found_in_source: FxHashMap<&str, FxHashSet<String>> = FxHashMap::default();
            let quoted = |i: usize| uses[i].1.str(uses[i].2.text).to_owned();
            for (source, source_hits) in hits {
                found_in_source
                    .entry(source)
                    .or_default()
                    .extend(source_hits.into_iter().map(quoted));
            }
            for (i, use_) in uses.iter().enumerate() {
                if let Some(source) = use_.3 {
                    found_in_source.entry(source).or_default().insert(quoted(i));
                }
            }
            let mut sources = FxHashMap::default();
            for (source, quotes) in found_in_source {
                let Some(Some(normalized)) = texts.get(source) else {
                    continue;
                };
                let raw = match raw_of.get(source) {
                    Some(raw) => Arc::clone(raw),
                    None => match fresh_raw.get(source) {
                        Some(raw) => Arc::clone(raw),
                        None => continue,
                    },
                };
                sources.insert(
                    source.to_owned(),
                    MemoSource {
                        raw,
                        normalized: Arc::clone(normalized),
                        found: quotes,
                    },
                );
            }
            memo.sources = sources;
        }
        found
    };

    for (index, (wanted, facts, quote, _)) in uses.iter().enumerate() {
        if found[index] {
            continue;
        }
        let readable: Vec<(&str, &str)> = facts
            .sources_of(quote)
            .filter_map(|id| texts.get(id)?.as_deref().map(|text| (id, text)))
            .collect();
        // A quote whose sources are all unknown or unreadable is reported by other rules.
        if readable.is_empty() {
            continue;
        }
        let names: Vec<String> = readable.iter().map(|(id, _)| format!("`{id}`")).collect();
        // Sources cited beside the readable ones that could not be searched: not written yet,
        // or without a readable text (reported where the source is declared).
        let unchecked: Vec<String> = facts
            .sources_of(quote)
            .filter(|id| !matches!(texts.get(id), Some(Some(_))))
            .map(|id| format!("`{id}`"))
            .collect();
        let unchecked = if unchecked.is_empty() {
            String::new()
        } else {
            format!(
                " (not searched: {}, which has no readable text in the dataset)",
                unchecked.join(", ")
            )
        };
        let mut diagnostic = Diagnostic::new(
            Code::QuoteNotFound,
            format!(
                "this text does not appear in the source {}{unchecked}",
                names.join(" or ")
            ),
        )
        .at(facts.str(quote.pointer), Target::Value)
        .in_file(facts.path.clone());
        let near = readable.iter().find_map(|(id, text)| {
            near_miss(wanted, text)
                .map(|(passage, differences)| {
                    let fix = typographic_swaps(wanted, passage);
                    (*id, passage, differences.join(" and "), fix)
                })
                .or_else(|| {
                    normalization_miss(wanted, text).map(|(passage, differences)| {
                        (*id, passage, differences.join(" and "), None)
                    })
                })
                .or_else(|| {
                    spacing_miss(wanted, text).map(|(passage, differences, fix)| {
                        (*id, passage, differences.join(" and "), Some(fix))
                    })
                })
                .or_else(|| {
                    changed_words(wanted, text).map(|(passage, changes)| {
                        let changes: Vec<String> = changes
                            .iter()
                            .map(|(quoted, source)| {
                                format!("`{source}` where the quote has `{quoted}`")
                            })
                            .collect();
                        (*id, passage, changes.join(", "), None)
                    })
                })
        });
        if let Some((id, passage, differences, fix)) = near {
            // Where the passage is in the stored text, read again: the texts kept for the search
            // have their white space collapsed.
            let at = files
                .iter()
                .find_map(|f| f.source_texts.iter().find(|s| s.id == id).map(|s| (f, s)))
                .and_then(|(declaring, source)| {
                    let original = load_text(&declaring.path, &source.text).ok()?;
                    let offset = find_spaced(&original, passage)?;
                    let line = original[..offset].matches('\n').count() + 1;
                    let column = original[..offset]
                        .rsplit('\n')
                        .next()
                        .map_or(0, |l| l.chars().count())
                        + 1;
                    Some(format!(" (line {line}, column {column} of its text)"))
                })
                .unwrap_or_default();
            diagnostic.pending_fix = fix;
            diagnostics.push(diagnostic.with_help(format!(
                "`{id}` has this passage{at} with {differences}: `{passage}`; copy it exactly"
            )));
            continue;
        }
        diagnostic = match longest_found_prefix(wanted, readable.iter().map(|(_, text)| *text)) {
            // A short common prefix ("We ") says nothing; only a substantial one helps.
            Some(prefix) if prefix.len() * 5 >= wanted.len() * 2 => diagnostic.with_help(format!(
                "the source has the text up to `{}`; copy the passage exactly (only white space may differ)",
                tail(prefix, 40)
            )),
            _ => diagnostic.with_help(
                "copy the passage exactly from the source's stored text (only white space may differ)",
            ),
        };
        diagnostics.push(diagnostic);
    }
    diagnostics
}

/// Which of the quotes at `indices` occur in `text`. Few quotes in a short text are searched
/// one by one; many are found together in one pass of an Aho-Corasick automaton over the
/// distinct quotes, so a source cited a hundred thousand times is still read once.
fn found_in(
    text: &str,
    indices: &[usize],
    uses: &[(Cow<'_, str>, &FileFacts, &Quote, Option<&str>)],
) -> Vec<usize> {
    if indices.len() * text.len() < 4_000_000 {
        return indices
            .iter()
            .copied()
            .filter(|i| memchr::memmem::find(text.as_bytes(), uses[*i].0.as_bytes()).is_some())
            .collect();
    }
    let mut distinct: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for &i in indices {
        distinct.entry(uses[i].0.as_ref()).or_default().push(i);
    }
    let mut found: Vec<usize> = distinct.remove("").unwrap_or_default();
    let (patterns, users): (Vec<&str>, Vec<Vec<usize>>) = distinct.into_iter().unzip();
    let automaton = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&patterns);
    let Ok(automaton) = automaton else {
        // Too many or too long quotes for the automaton: search for each.
        for (pattern, users) in patterns.iter().zip(users) {
            if text.contains(pattern) {
                found.extend(users);
            }
        }
        return found;
    };
    let mut seen = vec![false; patterns.len()];
    let mut left = patterns.len();
    for hit in automaton.find_overlapping_iter(text) {
        let pattern = hit.pattern().as_usize();
        if !seen[pattern] {
            seen[pattern] = true;
            left -= 1;
            if left == 0 {
                break;
            }
        }
    }
    for (users, seen) in users.into_iter().zip(seen) {
        if seen {
            found.extend(users);
        }
    }
    found
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

/// A character as a near-miss search sees it: quotation marks, apostrophes and dashes of any
/// style as their plain forms, letters in lowercase. One character stays one character, so a
/// match in the folded text is a match of the same characters in the text.
fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        c => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// The passage of `text` that `wanted` matches once quotation marks, apostrophes, dashes and
/// case are folded, and what differs: the passage as the text has it, and the differences in
/// words.
fn near_miss<'t>(wanted: &str, text: &'t str) -> Option<(&'t str, Vec<&'static str>)> {
    let folded_wanted: String = wanted.chars().map(fold).collect();
    let mut folded = String::with_capacity(text.len());
    let mut starts = Vec::with_capacity(text.len());
    for (offset, c) in text.char_indices() {
        let f = fold(c);
        for _ in 0..f.len_utf8() {
            starts.push(offset);
        }
        folded.push(f);
    }
    starts.push(text.len());
    let at = folded.find(&folded_wanted)?;
    let start = starts[at];
    let end = starts[at + folded_wanted.len()];
    let passage = &text[start..end];
    let differences = folded_differences(wanted.chars(), passage.chars());
    (!differences.is_empty()).then_some((passage, differences))
}

/// The byte offset in `original` of `passage`, a passage of its text with white space
/// collapsed: the words of `passage` with any run of white space between them.
fn find_spaced(original: &str, passage: &str) -> Option<usize> {
    if let Some(offset) = original.find(passage) {
        return Some(offset);
    }
    let pattern: Vec<String> = passage.split(' ').map(regex::escape).collect();
    let pattern = regex::Regex::new(&pattern.join(r"\s+")).ok()?;
    pattern.find(original).map(|m| m.start())
}

/// The passage of `text` that `wanted` matches once white space is left out (and both are
/// folded as [`near_miss`] folds them): a quote with a space too many or too few (`counter
/// part`, `theaccord`). Returns the passage, what differs, and the fix: the quote written as
/// the passage, safe when nothing but spacing and the style of quotation marks differs.
fn spacing_miss<'t>(
    wanted: &str,
    text: &'t str,
) -> Option<(&'t str, Vec<&'static str>, PendingFix)> {
    let squeezed = |c: &char| !c.is_whitespace();
    let folded_wanted: String = wanted.chars().filter(squeezed).map(fold).collect();
    if folded_wanted.chars().count() < 2 {
        return None;
    }
    let mut folded = String::with_capacity(text.len());
    let mut starts = Vec::with_capacity(text.len());
    let mut ends = Vec::with_capacity(text.len());
    for (offset, c) in text.char_indices().filter(|(_, c)| squeezed(c)) {
        let f = fold(c);
        for _ in 0..f.len_utf8() {
            starts.push(offset);
            ends.push(offset + c.len_utf8());
        }
        folded.push(f);
    }
    let at = folded.find(&folded_wanted)?;
    let start = starts[at];
    let end = ends[at + folded_wanted.len() - 1];
    let passage = &text[start..end];
    if passage == wanted {
        return None;
    }
    let mut differences = vec!["other spacing"];
    let others = folded_differences(
        wanted.chars().filter(squeezed),
        passage.chars().filter(squeezed),
    );
    let applicability = if others.iter().all(|d| d.contains("quotation marks")) {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    differences.extend(others);
    let fix = PendingFix {
        edit: PendingEdit::Value(passage.to_owned()),
        applicability,
        span: None,
    };
    Some((passage, differences, fix))
}

/// What [`fold`] hides between two texts whose characters match one for one once folded, in
/// words, each named once in the order first met.
fn folded_differences(
    wanted: impl Iterator<Item = char>,
    passage: impl Iterator<Item = char>,
) -> Vec<&'static str> {
    let mut differences = Vec::new();
    for (a, b) in wanted.zip(passage).filter(|(a, b)| a != b) {
        let kind = match fold(a) {
            '\'' => "other apostrophes or single quotation marks",
            '"' => "other quotation marks",
            '-' => "another dash",
            _ if fold(a) == fold(b) => "other capitals",
            _ => continue,
        };
        if !differences.contains(&kind) {
            differences.push(kind);
        }
    }
    differences
}

/// The passage of `text` that `wanted` matches once both are in the same Unicode normalization
/// form (and folded as [`near_miss`] folds them), with what differs: the normalization form
/// first, then any difference [`fold`] hides. A quote typed on one system and a source saved on
/// another can hold the same letters composed (`é` as U+00E9, the Hangul syllable `협`) or
/// decomposed (`e` and U+0301, the jamo `ᄒ`, `ᅧ`, `ᆸ`); they look alike and do not compare
/// equal.
///
/// Only called once the plain search and [`near_miss`] failed, and a quote and a text that are
/// both NFC are left alone: two NFC texts that are the same once normalized are the same as
/// they are, so normalizing them finds nothing those searches missed, at the cost of a copy.
fn normalization_miss<'t>(wanted: &str, text: &'t str) -> Option<(&'t str, Vec<String>)> {
    if is_nfc(wanted) && is_nfc(text) {
        return None;
    }
    let folded_wanted: String = wanted.nfd().map(fold).collect();
    if folded_wanted.is_empty() {
        return None;
    }
    let decomposed = Decomposed::new(text);
    let mut from = 0;
    let (start, end) = loop {
        let at = from + decomposed.folded[from..].find(&folded_wanted)?;
        // A match that starts or ends inside a character's decomposition (`e` in the `e` and
        // U+0301 of `é`) is not a match of whole characters: look further.
        if let (Some(start), Some(end)) = (
            decomposed.original_offset(at),
            decomposed.original_offset(at + folded_wanted.len()),
        ) && text[start..end] != *wanted
        {
            break (start, end);
        }
        from = at
            + decomposed.folded[at..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
    };
    let passage = &text[start..end];
    let mut differences = vec![format!(
        "another Unicode normalization form ({})",
        forms(passage, wanted)
    )];
    differences.extend(
        folded_differences(wanted.nfd(), passage.nfd())
            .into_iter()
            .map(str::to_owned),
    );
    Some((passage, differences))
}

/// The normalization forms of a source's passage and of the quote that matches it once both
/// are normalized, in words.
fn forms(passage: &str, wanted: &str) -> String {
    let form = |text: &str| {
        if is_nfc(text) {
            "NFC"
        } else if is_nfd(text) {
            "NFD"
        } else {
            "neither NFC nor NFD"
        }
    };
    let (of_passage, of_quote) = (form(passage), form(wanted));
    if of_passage == of_quote {
        // Two different texts that normalize alike are never both NFC or both NFD; both can be
        // in neither form, their marks composed or ordered otherwise.
        "neither the source's passage nor the quote is NFC or NFD, and their marks are composed or ordered otherwise".to_owned()
    } else {
        format!("the source's passage is {of_passage}, the quote {of_quote}")
    }
}

/// A text in Unicode normalization form D, folded as [`near_miss`] folds it, with the way back
/// to the text's own bytes. The text is decomposed piece by piece: each piece begins with a
/// character whose decomposition begins with a starter (a character of canonical combining
/// class 0) that composes with nothing before it, and holds the marks and jamo that follow it
/// (see [`begins_a_piece`]). Canonical reordering never moves a mark across a starter, so the
/// pieces' decompositions, one after the other, are the whole text's; and a match in the
/// decomposed text that begins and ends where pieces do is a match of whole characters of the
/// text, which composition would not change at its ends.
struct Decomposed {
    /// The text decomposed and folded.
    folded: String,
    /// Where each piece begins in `folded`, with the text's own end at the end; ascending.
    piece_starts: Vec<usize>,
    /// Where each piece begins in the text, one for one with `piece_starts`.
    original_starts: Vec<usize>,
}

impl Decomposed {
    /// Decomposes and folds `text`, piece by piece.
    fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len() + text.len() / 2);
        let mut piece_starts = Vec::new();
        let mut original_starts = Vec::new();
        let mut piece_start = 0;
        for (offset, c) in text.char_indices() {
            if offset > piece_start && begins_a_piece(c) {
                piece_starts.push(folded.len());
                original_starts.push(piece_start);
                folded.extend(text[piece_start..offset].nfd().map(fold));
                piece_start = offset;
            }
        }
        if piece_start < text.len() {
            piece_starts.push(folded.len());
            original_starts.push(piece_start);
            folded.extend(text[piece_start..].nfd().map(fold));
        }
        piece_starts.push(folded.len());
        original_starts.push(text.len());
        Self {
            folded,
            piece_starts,
            original_starts,
        }
    }

    /// The offset in the text of the piece that begins at `offset` of the decomposed text, or
    /// `None` when no piece begins there.
    fn original_offset(&self, offset: usize) -> Option<usize> {
        let index = self.piece_starts.binary_search(&offset).ok()?;
        self.original_starts.get(index).copied()
    }
}

/// Whether `c` begins a piece of a [`Decomposed`] text: its canonical decomposition begins
/// with a starter (a character of canonical combining class 0, which canonical reordering
/// never moves) that composes with nothing before it. Not the same as `c` being a starter:
/// U+0F73 is one, and decomposes to two marks; and the Hangul vowel and final jamo are
/// starters that compose with the jamo before them, so `협` decomposed stays one piece and a
/// quote of `혀` is not found in it.
fn begins_a_piece(c: char) -> bool {
    if c.is_ascii() {
        return true;
    }
    let mut first = None;
    decompose_canonical(c, |d| {
        first.get_or_insert(d);
    });
    first.is_none_or(|d| {
        // A starter that may compose with what precedes it has the NFC quick check `Maybe`.
        canonical_combining_class(d) == 0 && is_nfc_quick(std::iter::once(d)) == IsNormalized::Yes
    })
}

/// The fix of a quote that differs from its source's `passage` only in typography: each
/// character to change. Quotation marks and apostrophes in another style are safe to change;
/// another dash or other capitals are likely the source's too, but a person should look (the
/// quote may have been edited on purpose). Any other difference gives no fix.
fn typographic_swaps(wanted: &str, passage: &str) -> Option<PendingFix> {
    if wanted.chars().count() != passage.chars().count() {
        return None;
    }
    let mut swaps = Vec::new();
    let mut applicability = Applicability::Safe;
    let mut seen: Vec<(char, usize)> = Vec::new();
    for (a, b) in wanted.chars().zip(passage.chars()) {
        let occurrence = match seen.iter_mut().find(|(c, _)| *c == a) {
            Some((_, count)) => {
                *count += 1;
                *count - 1
            }
            None => {
                seen.push((a, 1));
                0
            }
        };
        if a == b {
            continue;
        }
        match fold(a) {
            '\'' | '"' if fold(b) == fold(a) => {}
            _ if fold(a) == fold(b) => applicability = Applicability::Unsafe,
            _ => return None,
        }
        swaps.push(CharSwap {
            from: a,
            occurrence,
            to: b,
        });
    }
    (!swaps.is_empty()).then_some(PendingFix {
        edit: PendingEdit::Swaps(swaps),
        applicability,
        span: None,
    })
}

/// The passage of `text` that `wanted` is with a few words changed, found by anchoring on the
/// longest run of the quote's words that the text has and aligning word by word around it: the
/// passage, and each changed word with the source's word. At most a third of the words (and
/// at least one, at most three) may differ; quotes of fewer than four words are not aligned.
fn changed_words<'t>(wanted: &str, text: &'t str) -> Option<(&'t str, Vec<(String, String)>)> {
    let quoted: Vec<&str> = wanted.split(' ').collect();
    // Long quotes are not aligned: the search below is for the slip of a word or two, and its
    // cost grows with the quote.
    if quoted.len() < 4 || quoted.len() > 60 {
        return None;
    }
    // The longest run of consecutive quoted words the text has. At each start the run that is
    // found is longest by binary search on its length: a run's every prefix is found too.
    let mut anchor: Option<(usize, usize, usize)> = None; // (first word, words, offset in text)
    for first in 0..quoted.len() {
        let best = anchor.map_or(0, |(_, words, _)| words);
        if quoted.len() - first <= best {
            break;
        }
        let (mut low, mut high) = (0, quoted.len() - first);
        let mut found = None;
        while low < high {
            let middle = (low + high).div_ceil(2);
            match text.find(&quoted[first..first + middle].join(" ")) {
                Some(offset) => {
                    low = middle;
                    found = Some(offset);
                }
                None => high = middle - 1,
            }
        }
        if let Some(offset) = found.filter(|_| low > best) {
            anchor = Some((first, low, offset));
        }
    }
    let (first, words, offset) = anchor?;
    if words * 3 < quoted.len() {
        return None;
    }
    // The text's words around the anchor, as many before and after as the quote has.
    let before: Vec<(usize, &str)> = word_starts(&text[..offset]);
    if before.len() < first {
        return None;
    }
    let start = if first == 0 {
        offset
    } else {
        before[before.len() - first].0
    };
    let after: Vec<(usize, &str)> = word_starts(&text[start..]);
    let window = after.get(..quoted.len())?;
    let end = start + window.last().map(|(at, word)| at + word.len())?;
    let changes: Vec<(String, String)> = quoted
        .iter()
        .zip(window)
        .filter(|(q, (_, w))| q != &w)
        .map(|(q, (_, w))| ((*q).to_owned(), (*w).to_owned()))
        .collect();
    let allowed = (quoted.len() / 3).clamp(1, 3);
    (!changes.is_empty() && changes.len() <= allowed).then(|| (&text[start..end], changes))
}

/// The words of `text`, split at single spaces (the text's white space is collapsed), with the
/// offset of each.
fn word_starts(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for word in text.split(' ') {
        if !word.is_empty() {
            out.push((at, word));
        }
        at += word.len() + 1;
    }
    out
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
    fn a_space_too_many_or_too_few_is_other_spacing() {
        let text = "she will meet her Nordland counterpart at 10 a.m. and \"sign\" it";
        let Some((passage, differences, fix)) = spacing_miss("her Nordland counter part", text)
        else {
            panic!("not found");
        };
        assert_eq!(passage, "her Nordland counterpart");
        assert_eq!(differences, ["other spacing"]);
        assert_eq!(fix.applicability, Applicability::Safe);
        let Some((passage, differences, fix)) =
            spacing_miss("at 10 a.m. and \u{201C}sign\u{201D}it", text)
        else {
            panic!("not found");
        };
        assert_eq!(passage, "at 10 a.m. and \"sign\" it");
        assert_eq!(differences, ["other spacing", "other quotation marks"]);
        assert_eq!(fix.edit, PendingEdit::Value(passage.to_owned()));
        assert_eq!(fix.applicability, Applicability::Safe);
        let Some((_, differences, fix)) = spacing_miss("Nordland Counter part", text) else {
            panic!("not found");
        };
        assert_eq!(differences, ["other spacing", "other capitals"]);
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert!(spacing_miss("Nordland partner", text).is_none());
    }

    #[test]
    fn a_passage_over_several_lines_is_found_in_the_text() {
        let original = "one\n  two   three\nfour";
        assert_eq!(find_spaced(original, "two three four"), Some(6));
        assert_eq!(find_spaced(original, "two four"), None);
    }

    #[test]
    fn near_misses_name_what_differs() {
        let text = "He said \"We will sign\" and it\u{2019}s done \u{2013} Examplia agrees.";
        assert_eq!(
            near_miss("it's done - examplia", text),
            Some((
                "it\u{2019}s done \u{2013} Examplia",
                vec![
                    "other apostrophes or single quotation marks",
                    "another dash",
                    "other capitals"
                ]
            ))
        );
        assert_eq!(
            near_miss("\u{201C}We will sign\u{201D}", text),
            Some(("\"We will sign\"", vec!["other quotation marks"]))
        );
        assert_eq!(near_miss("We will not sign", text), None);
    }

    /// `text` in normalization form D, asserted to differ from `text`.
    fn nfd(text: &str) -> String {
        let decomposed: String = text.nfd().collect();
        assert_ne!(decomposed, text, "{text} is composed");
        decomposed
    }

    #[test]
    fn a_quote_in_another_normalization_form_is_found() {
        let composed = "양국은 무역 협정에 서명했다. Le café est fermé.";
        let decomposed = nfd(composed);
        let nfc_of_nfd = "the source's passage is NFC, the quote NFD";
        let nfd_of_nfc = "the source's passage is NFD, the quote NFC";
        // Korean: the Hangul syllables against their jamo, both ways.
        assert_eq!(
            normalization_miss(&nfd("무역 협정"), composed),
            Some((
                "무역 협정",
                vec![format!("another Unicode normalization form ({nfc_of_nfd})")]
            ))
        );
        assert_eq!(
            normalization_miss("무역 협정", &decomposed),
            Some((
                nfd("무역 협정").as_str(),
                vec![format!("another Unicode normalization form ({nfd_of_nfc})")]
            ))
        );
        // Latin: `é` as U+00E9 against `e` and U+0301, both ways.
        assert_eq!(
            normalization_miss(&nfd("café est fermé"), composed),
            Some((
                "café est fermé",
                vec![format!("another Unicode normalization form ({nfc_of_nfd})")]
            ))
        );
        assert_eq!(
            normalization_miss("café", &decomposed),
            Some((
                nfd("café").as_str(),
                vec![format!("another Unicode normalization form ({nfd_of_nfc})")]
            ))
        );
        // What the near miss folds is named after the form.
        assert_eq!(
            normalization_miss(&nfd("le café"), composed),
            Some((
                "Le café",
                vec![
                    format!("another Unicode normalization form ({nfc_of_nfd})"),
                    "other capitals".to_owned()
                ]
            ))
        );
    }

    #[test]
    fn a_normalized_match_is_of_whole_characters_only() {
        // `cafe` is the start of the decomposed `café`, and `혀` of the syllable `협`, composed
        // or not: neither is in the text.
        assert_eq!(normalization_miss("cafe", &nfd("Le café.")), None);
        assert_eq!(normalization_miss(&nfd("혀"), "무역 협정"), None);
        assert_eq!(normalization_miss("혀", &nfd("무역 협정")), None);
        // A later match of whole characters is found past one inside a character.
        let text = format!("\u{201C}협\u{201D} \u{2014} {}", nfd("혀"));
        assert_eq!(
            normalization_miss("혀", &text),
            Some((
                nfd("혀").as_str(),
                vec![
                    "another Unicode normalization form (the source's passage is NFD, the quote NFC)"
                        .to_owned()
                ]
            ))
        );
        // Two texts both in NFC are not normalized again.
        assert_eq!(normalization_miss("café", "Le cafe."), None);
        // Two texts in neither form: `é` and a dot below, against `e`, an acute and a dot
        // below, whose NFD puts the dot first.
        assert_eq!(
            normalization_miss("\u{E9}\u{323}", "e\u{301}\u{323}"),
            Some((
                "e\u{301}\u{323}",
                vec![
                    "another Unicode normalization form (neither the source's passage nor the \
                     quote is NFC or NFD, and their marks are composed or ordered otherwise)"
                        .to_owned()
                ]
            ))
        );
    }

    #[test]
    fn a_changed_word_is_found_by_its_neighbours() {
        let text = "Officials said the accord covers rare earths and ports in the north.";
        assert_eq!(
            changed_words("the accord covers rare minerals and ports", text),
            Some((
                "the accord covers rare earths and ports",
                vec![("minerals".to_owned(), "earths".to_owned())]
            ))
        );
        assert_eq!(
            changed_words("Officials denied the accord covers rare earths", text),
            Some((
                "Officials said the accord covers rare earths",
                vec![("denied".to_owned(), "said".to_owned())]
            ))
        );
        // Too many changes, or too short a quote, is no near miss.
        assert_eq!(
            changed_words("the pact spans many metals and docks", text),
            None
        );
        assert_eq!(changed_words("rare metals", text), None);
    }

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
