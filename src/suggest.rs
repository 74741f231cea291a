//! "Did you mean ...?": the one rule for when a word is near enough to a name accord knows to be
//! a misspelling of it. Misspelled field names, values outside an enumeration, references to ids
//! no record has, and the code names `accord explain` takes all follow it.
//!
//! The measure is the Damerau-Levenshtein distance with case ignored: the fewest insertions,
//! deletions, substitutions and swaps of two adjacent characters that turn one word into the
//! other. A swap counts as one edit because swapped letters are among the commonest typos
//! (`kidn` for `kind`), where Levenshtein counts two and lets fewer of them through; case is
//! ignored because a word in the wrong case (`Statement`, `SUMMARY`) is that word. An edit
//! count, unlike a similarity score (Jaro-Winkler), gives one threshold that reads the same for
//! every kind of word:
//!
//! - a candidate is near enough when it is at most a third of the word's length away, and
//!   always when it is one or two edits away, so that short words get the same allowance for a
//!   slip of the finger as long ones;
//! - but never as many edits away as the word has characters, so that a word of one or two
//!   letters is not "corrected" into an unrelated one (`ab` is not a typo of `id`).
//!
//! The nearest candidate wins; of candidates equally near, the first in byte order, whatever the
//! order they are given in, so that a suggestion never depends on the order of a map or a file.
//!
//! When no candidate is near enough, a word made of several words (`phone_call`) suggests the one
//! candidate made only of some of them (`call`): the name with a word too many.
//!
//! A suggestion is shown whenever there is one; [`is_clear_typo`] says when it is also safe to
//! apply without a person looking (`accord check --fix`): a slip of at most two edits, with no
//! other candidate nearly as near, that changes no digit. Ids carry dates and numbers
//! (`talks-2025-02-27`), so a changed digit names another record, not a misspelling of this one;
//! and two ids a few letters apart (`zelensky`, `zelenska`) are two people, so a word near two
//! candidates is left to a person.

/// The candidate nearest to `word`, if it is near enough to be what `word` misspells (see the
/// module's documentation for the rule). A candidate equal to `word` is the nearest of all.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let candidates: Vec<&'c str> = candidates.into_iter().collect();
    by_edits(word, &candidates).or_else(|| by_shared_words(word, &candidates))
}

/// Whether `candidate`, as [`closest`] suggests it for `word` among `candidates`, is so clearly
/// what `word` misspells that the suggestion may be applied unseen (see the module's
/// documentation): at most two edits away (case aside), every other candidate at least two edits
/// further, and the same digits in the same order.
pub fn is_clear_typo<'c>(
    word: &str,
    candidate: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> bool {
    let word_chars: Vec<char> = folded(word).collect();
    let distance = |other: &str| {
        let other: Vec<char> = folded(other).collect();
        strsim::generic_damerau_levenshtein(&word_chars, &other)
    };
    let digits = |text: &str| {
        text.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
    };
    let nearest = distance(candidate);
    if word.is_empty()
        || nearest > 2
        || nearest >= word_chars.len()
        || digits(word) != digits(candidate)
    {
        return false;
    }
    candidates.into_iter().all(|other| {
        other == candidate
            || folded(other).count().abs_diff(word_chars.len()) > nearest + 1
            || distance(other) > nearest + 1
    })
}

/// [`is_clear_typo`] for an id, which names a record: besides, the slip lies within one word of
/// the id that has at least four letters, or is a hyphen too many or too few. Ids begin with
/// short words that tell records apart (`ap-2025-02-26-minerals` and `afp-2025-02-26-minerals`
/// are two outlets' pages, which may carry the same wire text), so a change to a short word is
/// another record, however few letters it takes.
pub fn is_clear_id_typo<'c>(
    id: &str,
    candidate: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> bool {
    if !is_clear_typo(id, candidate, candidates) {
        return false;
    }
    let words: Vec<&str> = id.split('-').collect();
    let candidate_words: Vec<&str> = candidate.split('-').collect();
    if words.len() != candidate_words.len() {
        return id
            .replace('-', "")
            .eq_ignore_ascii_case(&candidate.replace('-', ""));
    }
    let mut changed = words
        .iter()
        .zip(&candidate_words)
        .filter(|(a, b)| !a.eq_ignore_ascii_case(b));
    match (changed.next(), changed.next()) {
        (Some((a, b)), None) => a.chars().count().max(b.chars().count()) >= 4,
        // Case alone differs.
        (None, _) => true,
        (Some(_), Some(_)) => false,
    }
}

/// The candidate fewest edits from `word`, within the limit.
fn by_edits<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let word: Vec<char> = folded(word).collect();
    let limit = limit(word.len());
    let mut candidate_chars: Vec<char> = Vec::new();
    let mut best: Option<(usize, &'c str)> = None;
    for &candidate in candidates {
        // Words whose lengths differ by more than the limit cannot be near enough, and the
        // length is much cheaper to count than the distance.
        if folded(candidate).count().abs_diff(word.len()) > limit {
            continue;
        }
        candidate_chars.clear();
        candidate_chars.extend(folded(candidate));
        let distance = strsim::generic_damerau_levenshtein(&word, &candidate_chars);
        if distance <= limit && best.is_none_or(|best| (distance, candidate) < best) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// The one candidate all of whose words are words of `word` (`call` for `phone_call`, `summit`
/// for `summit-meeting`), when no candidate is near enough by edits: a name written with a word
/// too many. Two such candidates (`summit` and `meeting` for `summit_meeting`) suggest neither.
fn by_shared_words<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let words = |text: &str| -> Vec<String> {
        text.split(['_', '-', ' '])
            .filter(|part| !part.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let given = words(word);
    if given.len() < 2 {
        return None;
    }
    let mut found = candidates.iter().copied().filter(|candidate| {
        let parts = words(candidate);
        !parts.is_empty() && parts.len() < given.len() && parts.iter().all(|p| given.contains(p))
    });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The most edits a word of `length` characters may be away from what it misspells.
fn limit(length: usize) -> usize {
    (length / 3).max(2).min(length.saturating_sub(1))
}

/// The characters of `word` in lowercase.
fn folded(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars().flat_map(char::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn only_a_slip_near_one_candidate_with_the_same_digits_is_clear() {
        let ids = ["zelensky", "zelenska", "talks-2025-02-27", "ana-ruiz"];
        let clear = |word: &str| {
            let candidate = closest(word, ids).unwrap_or_default();
            (candidate, super::is_clear_typo(word, candidate, ids))
        };
        assert_eq!(clear("ana-rui"), ("ana-ruiz", true));
        assert_eq!(clear("Ana-Ruiz"), ("ana-ruiz", true));
        // `zelenska` is two edits from `zelenskyy`, only one more than `zelensky`.
        assert_eq!(clear("zelenskyy"), ("zelensky", false));
        // Another day is another record.
        assert_eq!(clear("talks-2025-02-28"), ("talks-2025-02-27", false));
        assert_eq!(clear("talsk-2025-02-27"), ("talks-2025-02-27", true));
        // Three edits may be a suggestion, never a fix.
        let long = ["ministry-of-foreign-affairs"];
        assert!(!super::is_clear_typo(
            "ministry-foreign-affairs",
            "ministry-of-foreign-affairs",
            long
        ));
        // A name with a word too many is a guess.
        assert!(!super::is_clear_typo(
            "phone_call",
            "call",
            ["call", "talks"]
        ));
    }

    #[test]
    fn an_id_is_clearly_misspelt_only_within_a_long_word() {
        let ids = ["ap-2025-02-26-minerals", "minerals-deal", "talks-kyiv"];
        let clear = |word: &str, candidate: &str| super::is_clear_id_typo(word, candidate, ids);
        // Another outlet's page, one letter away.
        assert!(!clear("afp-2025-02-26-minerals", "ap-2025-02-26-minerals"));
        assert!(clear("ap-2025-02-26-mineral", "ap-2025-02-26-minerals"));
        assert!(clear("mineralsdeal", "minerals-deal"));
        assert!(clear("talks--kyiv", "talks-kyiv"));
        assert!(clear("Minerals-Deal", "minerals-deal"));
        // Two words changed.
        assert!(!clear("talk-kiev", "talks-kyiv"));
    }

    #[test]
    fn a_name_with_a_word_too_many_suggests_the_name() {
        let kinds = ["call", "talks", "meeting", "summit", "press_conference"];
        assert_eq!(closest("phone_call", kinds), Some("call"));
        assert_eq!(closest("video-call", kinds), Some("call"));
        // Two candidates fit: neither is suggested.
        assert_eq!(closest("summit_meeting", kinds), None);
        // One word is no name with a word too many.
        assert_eq!(closest("telephone", kinds), None);
    }

    const FIELDS: &[&str] = &["id", "kind", "holders", "summary", "citations", "topics"];

    fn fields(word: &str) -> Option<&'static str> {
        closest(word, FIELDS.iter().copied())
    }

    #[test]
    fn a_swap_of_two_letters_is_one_edit() {
        assert_eq!(fields("kidn"), Some("kind"));
        assert_eq!(fields("sumamry"), Some("summary"));
        // Two swaps in a seven-letter word: two edits, where Levenshtein counts four.
        assert_eq!(fields("ohlders"), Some("holders"));
        assert_eq!(fields("hodlers"), Some("holders"));
        assert_eq!(fields("ohldres"), Some("holders"));
    }

    #[test]
    fn insertions_deletions_and_substitutions_are_one_edit_each() {
        assert_eq!(fields("sumary"), Some("summary"));
        assert_eq!(fields("summmary"), Some("summary"));
        assert_eq!(fields("citatoins"), Some("citations"));
        assert_eq!(fields("topix"), Some("topics"));
        assert_eq!(
            closest(
                "danglin-reference",
                ["dangling-reference", "duplicate-id", "duplicate-key"]
            ),
            Some("dangling-reference")
        );
    }

    #[test]
    fn case_is_ignored() {
        assert_eq!(fields("Summary"), Some("summary"));
        assert_eq!(fields("SUMMARY"), Some("summary"));
        assert_eq!(fields("KIND"), Some("kind"));
        assert_eq!(fields("Sumary"), Some("summary"));
        assert_eq!(closest("statement", ["Statement"]), Some("Statement"));
    }

    #[test]
    fn short_words_are_not_corrected_into_unrelated_ones() {
        // Every two-letter word is two edits from `id`: as many as it has letters.
        assert_eq!(fields("ab"), None);
        assert_eq!(fields("x"), None);
        assert_eq!(fields(""), None);
        // One edit of two letters, or two of three, is still a slip.
        assert_eq!(fields("ud"), Some("id"));
        assert_eq!(fields("di"), Some("id"));
        assert_eq!(fields("I"), None);
        assert_eq!(fields("ID"), Some("id"));
        assert_eq!(fields("knd"), Some("kind"));
    }

    #[test]
    fn long_words_may_be_a_third_of_their_length_away() {
        let ids = ["ministry-of-foreign-affairs"];
        // 27 characters: up to 9 edits.
        assert_eq!(
            closest("ministry-foreign-affairs", ids),
            Some("ministry-of-foreign-affairs")
        );
        assert_eq!(closest("ministry-of-finance", ids), None);
    }

    #[test]
    fn nothing_near_enough_gives_no_candidate() {
        assert_eq!(fields("publisher"), None);
        assert_eq!(fields("statement"), None);
        assert_eq!(closest("summary", []), None);
        assert_eq!(closest("summary", [""]), None);
    }

    #[test]
    fn the_nearest_candidate_wins_and_ties_go_to_the_first_in_byte_order() {
        // One edit away beats two, though `ana-ruaz` comes first in byte order.
        assert_eq!(
            closest("ana-ruis", ["ana-ruaz", "ana-ruiz"]),
            Some("ana-ruiz")
        );
        // `ana-ruiz` and `ana-rufs` are both one edit from `ana-ruis`.
        for candidates in [["ana-ruiz", "ana-rufs"], ["ana-rufs", "ana-ruiz"]] {
            assert_eq!(closest("ana-ruis", candidates), Some("ana-rufs"));
        }
        assert_eq!(closest("kind", ["kind", "kinds"]), Some("kind"));
    }
}
