//! Differential testing by structured mutation: every input of the YAML test suite, every
//! fixture and every data file, edited a character or a line at a time
//! ([`accord::invariants::mutate`]), and the readers' promise checked on each variant —
//! where the fast reader reads a text, the full reader reads the same value and reports
//! nothing, and streaming gives what reading whole gives — and that nothing panics. One in
//! [`WHOLE_PATH_EVERY_READ`] of the variants the fast reader reads, and one in
//! [`WHOLE_PATH_EVERY`] of the others, also go through the whole path,
//! [`accord::invariants::check_bytes`].
//!
//! The budget is variants per base text: [`BUDGET`] here, `ACCORD_MUTATION_BUDGET` to change it,
//! and the ignored test runs [`LARGE_BUDGET`]; `ACCORD_MUTATION_SEED` draws other variants:
//!
//! ```sh
//! cargo test --test accord mutations -- --nocapture
//! cargo test --test accord mutations -- --ignored --nocapture
//! ACCORD_MUTATION_SEED=7 cargo test --test accord mutations -- --ignored --nocapture
//! ```
//!
//! Every violation is shrunk to a small text that breaks the promise the same way; the test
//! fails with the list of them, escaped, and the mutations that led there.

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::Instant;

use accord::invariants::{self, mutate};
use accord::yaml::{self, Limits};
use rayon::prelude::*;

/// The seed of every run (`ACCORD_MUTATION_SEED` changes it); each base text's variants are
/// drawn from it and the base's path.
const SEED: u64 = 0x6d75_7461_7465;
/// Variants per base text in `cargo test`.
const BUDGET: usize = 300;
/// How many times the budget a base text that the fast reader reads gets: the promise can
/// only break on a text the fast reader reads, and most variants of such a base still are.
const READ_BASE_FACTOR: usize = 4;
/// Variants per base text in the ignored test.
const LARGE_BUDGET: usize = 5_000;
/// One variant in this many, when the readers keep their promise on it, is also checked along
/// the whole path (schema, dataset rules, placing, every output format).
const WHOLE_PATH_EVERY: usize = 16;
/// The same for the variants the fast reader reads, which take the streaming path too.
const WHOLE_PATH_EVERY_READ: usize = 8;
/// The instances of a class of violation kept for shrinking: the shortest ones.
const KEPT_PER_CLASS: usize = 3;

/// A text that broke an invariant, and how it was made.
#[derive(Debug, Clone)]
struct Found {
    text: String,
    detail: String,
    origin: String,
}

#[derive(Default)]
struct Tally {
    tried: usize,
    read: usize,
    whole_path: usize,
    /// By class, the shortest instances.
    found: BTreeMap<String, Vec<Found>>,
    /// How many variants broke each class.
    counts: BTreeMap<String, usize>,
}

impl Tally {
    fn add(&mut self, class: String, found: Found) {
        *self.counts.entry(class.clone()).or_default() += 1;
        let kept = self.found.entry(class).or_default();
        kept.push(found);
        kept.sort_by_key(|f| f.text.len());
        kept.truncate(KEPT_PER_CLASS);
    }

    fn merge(mut self, other: Tally) -> Tally {
        self.tried += other.tried;
        self.read += other.read;
        self.whole_path += other.whole_path;
        for (class, count) in other.counts {
            *self.counts.entry(class).or_default() += count;
        }
        for (class, kept) in other.found {
            for found in kept {
                let entry = self.found.entry(class.clone()).or_default();
                entry.push(found);
                entry.sort_by_key(|f| f.text.len());
                entry.truncate(KEPT_PER_CLASS);
            }
        }
        self
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// The first line of a message with its numbers masked: what a class is named by.
fn masked(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default();
    let line: String = line.chars().take(160).collect();
    line.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// How the readers break their promise on `text`, as (class, detail); a panic counts.
fn reader_violation(text: &str) -> Option<(String, String)> {
    match catch_unwind(|| invariants::reader_violation(text)) {
        Ok(None) => None,
        Ok(Some(violation)) => Some((violation.class(), violation.to_string())),
        Err(payload) => {
            let message = panic_message(&*payload);
            Some((format!("a reader panics: {}", masked(&message)), message))
        }
    }
}

/// How the whole path breaks on `text`, as (class, detail).
fn whole_path_violation(text: &str) -> Option<(String, String)> {
    let payload = catch_unwind(AssertUnwindSafe(|| {
        invariants::check_bytes(text.as_bytes());
    }))
    .err()?;
    let message = panic_message(&*payload);
    Some((format!("check_bytes panics: {}", masked(&message)), message))
}

/// The variants of one base text, checked: a walk that goes on from the variants the fast
/// reader reads, where the promise can break. A base the fast reader reads gets
/// [`READ_BASE_FACTOR`] times the budget.
fn check_base(path: &Path, base: &str, budget: usize, seed: u64) -> Tally {
    let mut tally = Tally::default();
    let budget = if yaml::fast::parse(base, &Limits::default()).is_some() {
        budget * READ_BASE_FACTOR
    } else {
        budget
    };
    let mut walk = mutate::Walk::new(
        base,
        seed ^ mutate::fnv1a(path.to_string_lossy().as_bytes()),
    );
    for k in 0..=budget {
        // The base itself first, then its variants.
        let (text, mutations) = if k == 0 {
            (base.to_owned(), Vec::new())
        } else {
            walk.step()
        };
        tally.tried += 1;
        let read = matches!(
            catch_unwind(|| yaml::fast::parse(&text, &Limits::default()).is_some()),
            Ok(true)
        );
        let origin = || {
            let edits: Vec<String> = mutations.iter().map(ToString::to_string).collect();
            format!("{} with {}", path.display(), edits.join(", then "))
        };
        if let Some((class, detail)) = reader_violation(&text) {
            tally.add(
                class,
                Found {
                    text,
                    detail,
                    origin: origin(),
                },
            );
            continue;
        }
        if read {
            tally.read += 1;
            walk.keep();
        }
        if k % if read {
            WHOLE_PATH_EVERY_READ
        } else {
            WHOLE_PATH_EVERY
        } == 0
        {
            tally.whole_path += 1;
            if let Some((class, detail)) = whole_path_violation(&text) {
                tally.add(
                    class,
                    Found {
                        text,
                        detail,
                        origin: origin(),
                    },
                );
            }
        }
    }
    tally
}

/// Shrinks a violation to a small text of the same class.
fn shrunk(class: &str, text: &str) -> String {
    let whole_path = class.starts_with("check_bytes panics");
    mutate::shrink(text, |candidate| {
        let found = if whole_path {
            reader_violation(candidate)
                .is_none()
                .then(|| whole_path_violation(candidate))
                .flatten()
        } else {
            reader_violation(candidate)
        };
        found.is_some_and(|(c, _)| c == class)
    })
}

#[allow(clippy::print_stderr)] // The figures, for `--nocapture`.
fn run(budget: usize) {
    let seed = std::env::var("ACCORD_MUTATION_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or(SEED);
    let started = Instant::now();
    let bases = mutate::base_texts(Path::new("."));
    assert!(
        bases.len() > 400,
        "only {} base texts were found",
        bases.len()
    );
    let tally = bases
        .par_iter()
        .map(|(path, base)| check_base(path, base, budget, seed))
        .reduce(Tally::default, Tally::merge);
    let searched = started.elapsed();

    let mut report = String::new();
    for (class, kept) in &tally.found {
        let mut minimal = BTreeSet::new();
        for found in kept {
            minimal.insert(shrunk(class, &found.text));
        }
        let example = &kept[0];
        let mut text: String = example.text.chars().take(300).collect();
        if text.len() < example.text.len() {
            text.push('…');
        }
        report += &format!(
            "\n* {class} ({} variants)\n  e.g. {}\n  from {}\n  {text:?}\n  minimal:",
            tally.counts[class], example.detail, example.origin
        );
        for text in &minimal {
            report += &format!("\n    {text:?}");
        }
    }
    eprintln!(
        "mutations: seed {seed}, {} base texts, {} variants tried, {} read by the fast reader, \
         {} along the whole path, {} violating; {:.1?} to search, {:.1?} in all",
        bases.len(),
        tally.tried,
        tally.read,
        tally.whole_path,
        tally.counts.values().sum::<usize>(),
        searched,
        started.elapsed()
    );
    assert!(
        tally.found.is_empty(),
        "{} classes of violation:{report}",
        tally.found.len()
    );
    // The variants must exercise the fast reader, not only make it give up.
    assert!(
        tally.read * 20 > tally.tried,
        "the fast reader read only {} of {} variants",
        tally.read,
        tally.tried
    );
}

fn budget_from_env(default: usize) -> usize {
    std::env::var("ACCORD_MUTATION_BUDGET")
        .ok()
        .and_then(|budget| budget.parse().ok())
        .unwrap_or(default)
}

#[test]
fn the_readers_keep_their_promise_on_mutated_inputs() {
    run(budget_from_env(BUDGET));
}

#[test]
#[ignore = "minutes: cargo test --test accord mutations -- --ignored"]
fn the_readers_keep_their_promise_on_many_mutated_inputs() {
    run(budget_from_env(LARGE_BUDGET));
}
