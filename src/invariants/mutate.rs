//! Structured mutations of YAML texts, for differential testing of the two readers: near-miss
//! variants of real inputs (the YAML test suite, the fixtures, the bundled data) are where the
//! fast reader's subset ends, so that is where it and the full reader can disagree.
//!
//! A variant ([`variant`]) is one to four [`Mutation`]s of a base text, each drawn against the
//! text the previous ones left, often next to the previous one: a character inserted, deleted
//! or replaced (from an alphabet biased toward YAML's indicators and escapes, with a few awkward
//! non-ASCII characters, and near misses of escapes such as `\u+26A`), a line dropped or
//! duplicated, or a line re-indented by one or two spaces either way. A [`Walk`] goes on from
//! the variants its caller keeps, so that edits pile up where they matter. Everything is a
//! function of the seed of an [`Rng`], so a variant reproduces on any machine; the test
//! `tests/accord/mutations.rs`, the seed-corpus writer `examples/fuzz_seeds.rs` and the fuzz
//! target `fuzz/fuzz_targets/mutations.rs` all draw from here, and [`shrink`] makes what they
//! find small.
//!
//! ```
//! use accord::invariants::mutate::{self, Rng};
//! let mut rng = Rng::new(7);
//! let (text, mutations) = mutate::variant("a: 1\nb: [x, y]\n", &mut rng);
//! assert!(!mutations.is_empty());
//! // Replaying the mutations on the base gives the variant again.
//! assert_eq!(mutate::apply_all("a: 1\nb: [x, y]\n", &mutations), text);
//! ```

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A small deterministic generator (xorshift64). The state must not be zero: [`Rng::new`]
/// accepts any seed and mixes it into a nonzero state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng(pub u64);

impl Rng {
    /// A generator whose sequence is a function of `seed` (any value, zero included).
    pub fn new(seed: u64) -> Self {
        // SplitMix64's finaliser spreads nearby seeds apart.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x5eed } else { z })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (zero when `n` is zero).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// One of `items`, which must not be empty.
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// What a character edit inserts or replaces with: YAML's indicators (the most often), the
/// pieces of escapes (`\u` then hex digits, `x`, `+`), whitespace, and non-ASCII characters
/// that YAML treats specially (NEL, no-break space, line separator, byte order mark) or that
/// take several bytes.
pub const ALPHABET: &[&str] = &[
    "-", "-", ":", ":", "?", ",", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "'",
    "\"", "\"", "%", "@", "`", "\\", "\\", " ", " ", " ", "\t", "\n", "\n", "\r", "\\u", "\\u",
    "\\x", "\\U", "x", "+", "+", "0", "1", "2", "7", "9", "a", "b", "e", "f", "A", "F", "~", ".",
    "_", ": ", "- ", " -", " #", "é", "\u{85}", "\u{a0}", "\u{2028}", "\u{feff}", "😀",
];

/// What may follow the backslash of a generated escape: YAML's escape letters, those of
/// numbered code points the most often.
const ESCAPE_LETTERS: &[u8] = b"uuuxxUU0N_LPt \"/eb";

/// What may stand for a digit of a generated escape: hex digits the most often.
const ESCAPE_DIGITS: &[u8] = b"0123456789abcdefABCDEF";

/// What a near miss of an escape puts in place of one of its digits: signs, and characters
/// that are not hex digits.
const NOT_DIGITS: &[u8] = b"+-+ g_\"\\";

/// A piece to insert or replace with: one of [`ALPHABET`], or one time in eight an escape (a
/// backslash and a letter, with the number of hex digits a numbered code point has) that is
/// half of the time a near miss: one digit too few or too many, a sign, space or `0x` before
/// the digits, or a digit replaced by a non-digit (`\u+26A`, `\U0001F60`, `\x4g`). Such near
/// misses then come up in one edit rather than in several that each must keep the text
/// readable.
fn piece(rng: &mut Rng) -> String {
    if rng.below(8) != 0 {
        return rng.pick(ALPHABET).to_owned();
    }
    let letter = rng.pick(ESCAPE_LETTERS);
    let length = match letter {
        b'x' => 2,
        b'u' => 4,
        b'U' => 8,
        _ => 0,
    };
    let mut digits: Vec<u8> = (0..length).map(|_| rng.pick(ESCAPE_DIGITS)).collect();
    if rng.below(2) == 0 {
        match rng.below(4) {
            0 if !digits.is_empty() => {
                digits.remove(rng.below(digits.len()));
            }
            1 => digits.push(rng.pick(ESCAPE_DIGITS)),
            // What number parsers forgive before the digits (`from_str_radix` a sign,
            // `strtol` also spaces and `0x`).
            2 => {
                let prefix: &[u8] = rng.pick(&[b"+", b"-", b" ", b"0x"]);
                digits.splice(0..0, prefix.iter().copied());
            }
            _ if !digits.is_empty() => {
                let at = rng.below(digits.len());
                digits[at] = rng.pick(NOT_DIGITS);
            }
            _ => {}
        }
    }
    let mut piece = String::from('\\');
    piece.push(char::from(letter));
    piece.extend(digits.into_iter().map(char::from));
    piece
}

/// The bytes a character edit is drawn toward: editing next to an indicator more often makes a
/// near miss than editing inside a word.
const SIGNIFICANT: &[u8] = b"-:?,[]{}#&*!|>'\"%@`\\\t";

/// One edit of a text. Offsets are byte offsets on character boundaries of the text the edit
/// applies to; lines count from zero and include their `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mutation {
    /// Inserts `piece` at byte `at`.
    Insert {
        /// Where.
        at: usize,
        /// What.
        piece: String,
    },
    /// Deletes the character at byte `at`.
    Delete {
        /// Where.
        at: usize,
    },
    /// Replaces the character at byte `at` by `piece`.
    Replace {
        /// Where.
        at: usize,
        /// What.
        piece: String,
    },
    /// Drops line `line`.
    DropLine {
        /// Which.
        line: usize,
    },
    /// Writes line `line` twice.
    DuplicateLine {
        /// Which.
        line: usize,
    },
    /// Indents line `line` by `by` more spaces, or removes up to `-by` of its leading spaces.
    Reindent {
        /// Which.
        line: usize,
        /// How many spaces: ±1 or ±2.
        by: i8,
    },
}

impl fmt::Display for Mutation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mutation::Insert { at, piece } => write!(f, "insert {piece:?} at byte {at}"),
            Mutation::Delete { at } => write!(f, "delete the character at byte {at}"),
            Mutation::Replace { at, piece } => {
                write!(f, "replace the character at byte {at} by {piece:?}")
            }
            Mutation::DropLine { line } => write!(f, "drop line {}", line + 1),
            Mutation::DuplicateLine { line } => write!(f, "duplicate line {}", line + 1),
            Mutation::Reindent { line, by } => write!(f, "indent line {} by {by:+}", line + 1),
        }
    }
}

/// The byte ranges of the lines of `text`, each with its `\n`.
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// The largest character boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The byte range of the character at `at` (empty at the end of the text).
fn char_at(text: &str, at: usize) -> Range<usize> {
    let at = floor_boundary(text, at);
    let len = text[at..].chars().next().map_or(0, char::len_utf8);
    at..at + len
}

impl Mutation {
    /// `text` with this edit made. An edit out of range of `text` (drawn against another text)
    /// is clamped to it, or does nothing.
    pub fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        match *self {
            Mutation::Insert { at, ref piece } => {
                let at = floor_boundary(text, at);
                out.push_str(&text[..at]);
                out.push_str(piece);
                out.push_str(&text[at..]);
            }
            Mutation::Delete { at } => {
                let c = char_at(text, at);
                out.push_str(&text[..c.start]);
                out.push_str(&text[c.end..]);
            }
            Mutation::Replace { at, ref piece } => {
                let c = char_at(text, at);
                out.push_str(&text[..c.start]);
                out.push_str(piece);
                out.push_str(&text[c.end..]);
            }
            Mutation::DropLine { line } => match lines(text).get(line) {
                Some(range) => {
                    out.push_str(&text[..range.start]);
                    out.push_str(&text[range.end..]);
                }
                None => out.push_str(text),
            },
            Mutation::DuplicateLine { line } => match lines(text).get(line) {
                Some(range) => {
                    out.push_str(&text[..range.end]);
                    if !text[range.clone()].ends_with('\n') {
                        out.push('\n');
                    }
                    out.push_str(&text[range.start..]);
                }
                None => out.push_str(text),
            },
            Mutation::Reindent { line, by } => match lines(text).get(line) {
                Some(range) => {
                    out.push_str(&text[..range.start]);
                    let body = &text[range.clone()];
                    if by >= 0 {
                        out.extend(std::iter::repeat_n(' ', usize::from(by.unsigned_abs())));
                        out.push_str(body);
                    } else {
                        let spaces = body.len() - body.trim_start_matches(' ').len();
                        out.push_str(&body[spaces.min(usize::from(by.unsigned_abs()))..]);
                    }
                    out.push_str(&text[range.end..]);
                }
                None => out.push_str(text),
            },
        }
        out
    }

    /// Where the edit leaves its mark in the text it produces: the next edit of a variant is
    /// often drawn near it, so that edits combine (`\u` then `+` makes `\u+`).
    fn mark(&self, text: &str) -> usize {
        match *self {
            Mutation::Insert { at, ref piece } | Mutation::Replace { at, ref piece } => {
                at + piece.len()
            }
            Mutation::Delete { at } => at,
            Mutation::DropLine { line }
            | Mutation::DuplicateLine { line }
            | Mutation::Reindent { line, .. } => lines(text).get(line).map_or(0, |r| r.start),
        }
    }
}

/// `base` with every one of `mutations` made in turn.
pub fn apply_all(base: &str, mutations: &[Mutation]) -> String {
    mutations
        .iter()
        .fold(base.to_owned(), |text, mutation| mutation.apply(&text))
}

/// A byte offset on a character boundary of `text` for a character edit: near `near` (the mark
/// of the previous edit) a quarter of the time when there is one, otherwise just after one of
/// YAML's significant characters half of the time, otherwise anywhere. With `on_char` the
/// offset is that of a character (for a delete or a replace), else it may be the end.
fn position(text: &str, rng: &mut Rng, near: Option<usize>, on_char: bool) -> usize {
    let limit = if on_char {
        // The start of the last character.
        text.char_indices().next_back().map_or(0, |(i, _)| i)
    } else {
        text.len()
    };
    let raw = match near {
        Some(near) if rng.below(4) == 0 => (near + rng.below(4)).saturating_sub(1),
        _ if rng.below(2) == 0 => {
            // One of the significant characters present, then one of its occurrences: a rare
            // indicator (a quote among many dashes) is drawn as often as a common one.
            let mut present = [false; 256];
            for b in text.bytes() {
                present[usize::from(b)] = SIGNIFICANT.contains(&b);
            }
            let kinds: Vec<u8> = SIGNIFICANT
                .iter()
                .copied()
                .filter(|b| present[usize::from(*b)])
                .collect();
            if kinds.is_empty() {
                rng.below(text.len() + 1)
            } else {
                let kind = rng.pick(&kinds);
                let occurrences: Vec<usize> = text
                    .bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == kind)
                    .map(|(i, _)| i)
                    .collect();
                // At the character, or one or two after it.
                let mut at = rng.pick(&occurrences);
                for _ in 0..rng.below(3) {
                    at = char_at(text, at).end;
                }
                at
            }
        }
        _ => rng.below(text.len() + 1),
    };
    floor_boundary(text, raw.min(limit))
}

/// One mutation of `text`. A character edit is drawn near `near` (the mark of the previous
/// edit) a quarter of the time when there is one, else next to one of YAML's significant
/// characters half of the time, else anywhere.
pub fn mutation(text: &str, rng: &mut Rng, near: Option<usize>) -> Mutation {
    let line_count = lines(text).len();
    let kind = if text.is_empty() { 0 } else { rng.below(100) };
    match kind {
        // Insert: 0..30
        0..30 => Mutation::Insert {
            at: position(text, rng, near, false),
            piece: piece(rng),
        },
        30..55 => Mutation::Replace {
            at: position(text, rng, near, true),
            piece: piece(rng),
        },
        55..70 => Mutation::Delete {
            at: position(text, rng, near, true),
        },
        70..80 => Mutation::DropLine {
            line: rng.below(line_count),
        },
        80..88 => Mutation::DuplicateLine {
            line: rng.below(line_count),
        },
        _ => {
            let line = rng.below(line_count);
            let mut by = rng.pick(&[1, 2, -1, -2]);
            let indented = lines(text)
                .get(line)
                .is_some_and(|range| text[range.clone()].starts_with(' '));
            if by < 0 && !indented {
                by = -by;
            }
            Mutation::Reindent { line, by }
        }
    }
}

/// A variant of `base`: one edit half of the time, else two to four, and the edits made.
pub fn variant(base: &str, rng: &mut Rng) -> (String, Vec<Mutation>) {
    let steps = match rng.below(8) {
        0..4 => 1,
        4..6 => 2,
        6 => 3,
        _ => 4,
    };
    let mut text = base.to_owned();
    let mut mutations = Vec::with_capacity(steps);
    let mut near = None;
    for _ in 0..steps {
        let mutation = mutation(&text, rng, near);
        text = mutation.apply(&text);
        near = Some(mutation.mark(&text));
        mutations.push(mutation);
    }
    (text, mutations)
}

/// A random walk from a base text: each step is a [`variant`] of the base or, three times in
/// four once there are some, of a text the caller [kept](Walk::keep) (one the fast reader read,
/// say), so that edits pile up inside the region under test instead of each leaving it at once.
#[derive(Debug, Clone)]
pub struct Walk {
    base: String,
    rng: Rng,
    /// Kept texts, with the edits from the base that made them.
    pool: Vec<(String, Vec<Mutation>)>,
    /// The text of the last step, and its edits.
    last: Option<(String, Vec<Mutation>)>,
}

impl Walk {
    /// The most texts kept at once; a new one then takes a random place.
    pub const POOL: usize = 32;

    /// A walk from `base` whose steps are a function of `seed`.
    pub fn new(base: &str, seed: u64) -> Self {
        Walk {
            base: base.to_owned(),
            rng: Rng::new(seed),
            pool: Vec::new(),
            last: None,
        }
    }

    /// The next text, and the edits that make it from the base.
    pub fn step(&mut self) -> (String, Vec<Mutation>) {
        let (from, mut mutations) = if !self.pool.is_empty() && self.rng.below(4) != 0 {
            self.pool[self.rng.below(self.pool.len())].clone()
        } else {
            (self.base.clone(), Vec::new())
        };
        let (text, more) = variant(&from, &mut self.rng);
        mutations.extend(more);
        self.last = Some((text.clone(), mutations.clone()));
        (text, mutations)
    }

    /// Keeps the text of the last step as a start of later steps.
    pub fn keep(&mut self) {
        let Some(last) = self.last.take() else {
            return;
        };
        if self.pool.len() < Self::POOL {
            self.pool.push(last);
        } else {
            let at = self.rng.below(Self::POOL);
            self.pool[at] = last;
        }
    }
}

/// The variant a fuzz input of the `mutations` target stands for: its first eight bytes are
/// the seed (little-endian), the rest the base text. `None` when it is shorter than a seed.
pub fn from_fuzz_input(data: &[u8]) -> Option<String> {
    let (seed, base) = data.split_first_chunk::<8>()?;
    let base = String::from_utf8_lossy(base);
    Some(variant(&base, &mut Rng::new(u64::from_le_bytes(*seed))).0)
}

/// The fuzz input of the `mutations` target for `seed` and `base`.
pub fn fuzz_input(seed: u64, base: &str) -> Vec<u8> {
    let mut data = seed.to_le_bytes().to_vec();
    data.extend_from_slice(base.as_bytes());
    data
}

/// A stable 64-bit hash (FNV-1a) of `bytes`: seeds a base's variants by its path, so that one
/// file's variants do not change when files are added, and names corpus files by content.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The base texts under the crate root `root`: every input of the vendored YAML test suite
/// (`tests/yaml-test-suite/data/**/in.yaml`), every fixture (`tests/fixtures/**/*.yaml`), every
/// bundled data file (`data/**/*.yaml`) and every example of the explanations (named
/// `src/codes/<code>.md#bad` and `#fixed`), in a fixed order, each with its path relative to
/// `root`. Files that cannot be read are skipped; text that is not UTF-8 is read lossily.
pub fn base_texts(root: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for (dir, wanted) in [
        (
            "tests/yaml-test-suite/data",
            (|name: &str| name == "in.yaml") as fn(&str) -> bool,
        ),
        ("tests/fixtures", |name: &str| name.ends_with(".yaml")),
        ("data", |name: &str| name.ends_with(".yaml")),
    ] {
        let walk = walkdir::WalkDir::new(root.join(dir)).sort_by_file_name();
        for entry in walk.into_iter().filter_map(Result::ok) {
            if !entry.file_type().is_file() || !wanted(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let Ok(bytes) = std::fs::read(entry.path()) else {
                continue;
            };
            let path = entry.path().strip_prefix(root).unwrap_or(entry.path());
            out.push((
                path.to_path_buf(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
    }
    for code in crate::diagnostic::Code::ALL {
        let explanation = code.explanation();
        for (which, example) in [("bad", explanation.bad), ("fixed", explanation.fixed)] {
            if let Some(example) = example {
                let path = format!("src/codes/{}.md#{which}", code.as_str());
                out.push((PathBuf::from(path), example.to_owned()));
            }
        }
    }
    out
}

/// A smaller text on which `fails` still holds, found greedily: whole lines dropped first,
/// then single characters, until no single removal keeps it failing. `fails(text)` must hold.
pub fn shrink(text: &str, mut fails: impl FnMut(&str) -> bool) -> String {
    let mut current = text.to_owned();
    loop {
        let before = current.len();
        // Lines, last first, so that earlier indices stay valid.
        let mut line = lines(&current).len();
        while line > 0 {
            line -= 1;
            let candidate = Mutation::DropLine { line }.apply(&current);
            if candidate != current && fails(&candidate) {
                current = candidate;
            }
        }
        // Characters.
        let mut at = current.len();
        while at > 0 {
            at = floor_boundary(&current, at - 1);
            let candidate = Mutation::Delete { at }.apply(&current);
            if fails(&candidate) {
                current = candidate;
                at = at.min(current.len());
            }
        }
        if current.len() == before {
            return current;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edits_do_what_they_say() {
        let text = "a: 1\n  b: é\nc";
        assert_eq!(
            Mutation::Insert {
                at: 1,
                piece: "\\u".into()
            }
            .apply(text),
            "a\\u: 1\n  b: é\nc"
        );
        assert_eq!(Mutation::Delete { at: 10 }.apply(text), "a: 1\n  b: \nc");
        assert_eq!(
            Mutation::Replace {
                at: 10,
                piece: "+".into()
            }
            .apply(text),
            "a: 1\n  b: +\nc"
        );
        assert_eq!(Mutation::DropLine { line: 1 }.apply(text), "a: 1\nc");
        assert_eq!(
            Mutation::DuplicateLine { line: 2 }.apply(text),
            "a: 1\n  b: é\nc\nc"
        );
        assert_eq!(
            Mutation::Reindent { line: 1, by: -1 }.apply(text),
            "a: 1\n b: é\nc"
        );
        assert_eq!(Mutation::Reindent { line: 0, by: -2 }.apply(text), text);
        assert_eq!(
            Mutation::Reindent { line: 0, by: 2 }.apply(text),
            "  a: 1\n  b: é\nc"
        );
        // Out of range: clamped, or nothing.
        assert_eq!(Mutation::DropLine { line: 9 }.apply(text), text);
        assert_eq!(
            Mutation::Insert {
                at: 99,
                piece: "x".into()
            }
            .apply(text),
            format!("{text}x")
        );
    }

    #[test]
    fn variants_reproduce_from_their_seed_and_stay_on_character_boundaries() {
        let base = "people:\n  - id: é\n    name: \"\\u00e9 x\"\n";
        for seed in 0..2000 {
            let (text, mutations) = variant(base, &mut Rng::new(seed));
            assert_eq!(
                (text.clone(), mutations.clone()),
                variant(base, &mut Rng::new(seed))
            );
            assert_eq!(apply_all(base, &mutations), text);
        }
        assert_ne!(Rng::new(0), Rng::new(1));
        assert_eq!(
            from_fuzz_input(&fuzz_input(3, base)),
            Some(variant(base, &mut Rng::new(3)).0)
        );
    }

    #[test]
    fn a_walk_replays_from_its_edits() {
        let base = "a: [x, \"y\"]\nb: 1\n";
        let mut walk = Walk::new(base, 9);
        for i in 0..500 {
            let (text, mutations) = walk.step();
            assert_eq!(apply_all(base, &mutations), text);
            if i % 3 == 0 {
                walk.keep();
            }
        }
    }

    #[test]
    fn shrinking_keeps_what_fails() {
        let small = shrink("a: 1\nb: [x -, y]\nc: 2\n", |text| text.contains("x -"));
        assert_eq!(small, "x -");
    }
}
