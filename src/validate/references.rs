//! Ids unique across the dataset; references that resolve to a record of the right kind.

use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::facts::{Definition, FileFacts};
use crate::diagnostic::{Applicability, Code, Diagnostic, Target};
use crate::model::RecordKind;

/// Every id of the dataset, with where it is first defined.
pub(super) struct Index<'a> {
    first: FxHashMap<&'a str, (usize, &'a Definition)>,
    duplicates: Vec<(usize, &'a Definition, usize, &'a Definition)>,
    files: &'a [FileFacts],
    /// Ids that files the YAML reader could not finish seem to define.
    unread: rustc_hash::FxHashSet<&'a str>,
    /// The ids of each kind, sorted; built on the first dangling reference, for suggestions.
    by_kind: OnceLock<FxHashMap<RecordKind, Vec<&'a str>>>,
    /// The suggestion found for each dangling id and the kinds it may be: a renamed id dangles
    /// wherever it was used, and each place gets the same suggestion, searched for once.
    suggested: Mutex<FxHashMap<(String, Vec<RecordKind>), Suggestion<'a>>>,
}

/// The id suggested for a dangling one, and whether replacing it is safe.
type Suggestion<'a> = Option<(&'a str, Applicability)>;

impl<'a> Index<'a> {
    pub(super) fn build(files: &'a [FileFacts]) -> Self {
        let capacity = files.iter().map(|f| f.definitions.len()).sum();
        let mut first: FxHashMap<&str, (usize, &Definition)> =
            FxHashMap::with_capacity_and_hasher(capacity, Default::default());
        let mut duplicates = Vec::new();
        for (file, facts) in files.iter().enumerate() {
            for definition in &facts.definitions {
                match first.get(facts.str(definition.id)) {
                    Some(&(first_file, first_definition)) => {
                        duplicates.push((file, definition, first_file, first_definition))
                    }
                    None => {
                        first.insert(facts.str(definition.id), (file, definition));
                    }
                }
            }
        }
        let unread = files
            .iter()
            .flat_map(|facts| facts.unread_ids.iter().map(|id| facts.str(*id)))
            .collect();
        Index {
            first,
            duplicates,
            files,
            unread,
            by_kind: OnceLock::new(),
            suggested: Mutex::default(),
        }
    }

    pub(super) fn duplicate_ids(&self) -> Vec<Diagnostic> {
        self.duplicates
            .iter()
            .map(|(file, definition, first_file, first)| {
                let (here_facts, there_facts) = (&self.files[*file], &self.files[*first_file]);
                let (here, there) = (&here_facts.path, &there_facts.path);
                let id = here_facts.str(definition.id);
                let diagnostic = Diagnostic::new(
                    Code::DuplicateId,
                    format!("the id `{id}` is already used by {} record", with_article(first.kind.as_str())),
                )
                .at(here_facts.str(definition.pointer), Target::Value)
                .with_help("ids are unique across the whole dataset: rename one of the records and update its references")
                .in_file(here.clone());
                if here == there {
                    diagnostic.with_label_at(None, there_facts.str(first.pointer), "first defined here")
                } else {
                    diagnostic.with_label_at(Some(there.clone()), there_facts.str(first.pointer), "first defined here")
                }
            })
            .collect()
    }

    pub(super) fn check_references(&self, files: &[FileFacts]) -> Vec<Diagnostic> {
        files
            .par_iter()
            .flat_map_iter(|facts| {
                facts
                    .references
                    .iter()
                    .filter_map(move |r| self.check(facts, r))
            })
            .collect()
    }

    fn check(&self, facts: &FileFacts, reference: &super::facts::Reference) -> Option<Diagnostic> {
        let id = facts.str(reference.id);
        let diagnostic = match self.first.get(id) {
            Some((file, definition)) if reference.expected.contains(&definition.kind) => {
                if !std::ptr::eq(&self.files[*file], facts)
                    || !is_inside(
                        facts,
                        facts.str(reference.pointer),
                        facts.str(definition.pointer),
                    )
                {
                    return None;
                }
                Diagnostic::new(
                    Code::SelfReference,
                    format!("the {} `{id}` refers to itself", definition.kind.as_str()),
                )
                .with_help("name the other record this field is about, or remove the reference")
            }
            Some((file, definition)) => Diagnostic::new(
                Code::WrongReferenceKind,
                format!(
                    "`{}` is {} record, but this field expects {}",
                    id,
                    with_article(definition.kind.as_str()),
                    with_article(&kinds_text(reference.expected))
                ),
            )
            .with_label_at(
                Some(self.files[*file].path.clone()),
                self.files[*file].str(definition.pointer),
                format!("the {} is defined here", definition.kind.as_str()),
            ),
            // The id may be defined in a file that could not be read: its syntax error is
            // the finding, not every reference to what it defines.
            None if self.unread.contains(id) => return None,
            None => {
                let expected = kinds_text(reference.expected);
                // A field that takes any kind of record says "record", not "any record".
                let wanted = if expected.is_empty() {
                    "record".to_owned()
                } else {
                    format!("{expected} record")
                };
                let diagnostic = Diagnostic::new(
                    Code::DanglingReference,
                    format!("no {wanted} has the id `{id}`"),
                );
                match self.closest(id, reference.expected) {
                    Some((best, applicability)) => diagnostic
                        .with_help(format!("did you mean `{best}`?"))
                        .with_fix(crate::yaml::scalar(best), applicability),
                    None => diagnostic.with_help(format!(
                        "add {} with this id, or fix the reference",
                        with_article(&wanted)
                    )),
                }
            }
        };
        Some(
            diagnostic
                .at(facts.str(reference.pointer), Target::Value)
                .in_file(facts.path.clone()),
        )
    }

    /// The existing id of an accepted kind nearest to `id`, if one is near enough to be a typo,
    /// and whether replacing `id` with it is safe.
    fn closest(&self, id: &str, kinds: &[RecordKind]) -> Suggestion<'a> {
        let key = (id.to_owned(), kinds.to_vec());
        if let Ok(known) = self.suggested.lock()
            && let Some(known) = known.get(&key)
        {
            return *known;
        }
        let found = self.search_closest(id, kinds);
        if let Ok(mut known) = self.suggested.lock() {
            known.insert(key, found);
        }
        found
    }

    fn search_closest(&self, id: &str, kinds: &[RecordKind]) -> Suggestion<'a> {
        let by_kind = self.by_kind.get_or_init(|| {
            let mut by_kind: FxHashMap<RecordKind, Vec<&'a str>> = FxHashMap::default();
            for (id, (_, definition)) in &self.first {
                by_kind.entry(definition.kind).or_default().push(id);
            }
            for ids in by_kind.values_mut() {
                ids.sort_unstable();
            }
            by_kind
        });
        let candidates = || {
            kinds
                .iter()
                .filter_map(|kind| by_kind.get(kind))
                .flatten()
                .copied()
        };
        let best = crate::suggest::closest(id, candidates())?;
        let applicability = if crate::suggest::is_clear_id_typo(id, best, candidates()) {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        Some((best, applicability))
    }
}

fn kinds_text(kinds: &[RecordKind]) -> String {
    match kinds {
        [one] => one.as_str().to_owned(),
        [a, b] => format!("{} or {}", a.as_str(), b.as_str()),
        _ => String::new(),
    }
}

/// `an event`, `a person`: the indefinite article for a kind name.
fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

/// Whether the field at `pointer` belongs to the record whose id is at `id_pointer` itself, rather than to
/// a record nested in it (a term of an agreement names its agreement without referring to
/// itself).
fn is_inside(facts: &FileFacts, pointer: &str, id_pointer: &str) -> bool {
    // A definition is placed at its record's `id`.
    fn record_of(id_pointer: &str) -> &str {
        id_pointer.strip_suffix("/id").unwrap_or(id_pointer)
    }
    let record = record_of(id_pointer);
    let in_record = |record: &str| {
        pointer
            .strip_prefix(record)
            .is_some_and(|rest| rest.starts_with('/'))
    };
    in_record(record)
        && !facts.definitions.iter().any(|nested| {
            let nested = record_of(facts.str(nested.pointer));
            nested.len() > record.len() && nested.starts_with(record) && in_record(nested)
        })
}
