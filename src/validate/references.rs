//! Ids unique across the dataset; references that resolve to a record of the right kind.

use std::collections::HashMap;

use super::facts::{Definition, FileFacts, RecordKind};
use crate::diagnostic::{Code, Diagnostic};

/// Every id of the dataset, with where it is first defined.
pub(super) struct Index<'a> {
    first: HashMap<&'a str, (usize, &'a Definition)>,
    duplicates: Vec<(usize, &'a Definition, usize, &'a Definition)>,
    files: &'a [FileFacts],
}

impl<'a> Index<'a> {
    pub(super) fn build(files: &'a [FileFacts]) -> Self {
        let mut first: HashMap<&str, (usize, &Definition)> = HashMap::new();
        let mut duplicates = Vec::new();
        for (file, facts) in files.iter().enumerate() {
            for definition in &facts.definitions {
                match first.get(definition.id.as_str()) {
                    Some(&(first_file, first_definition)) => {
                        duplicates.push((file, definition, first_file, first_definition))
                    }
                    None => {
                        first.insert(definition.id.as_str(), (file, definition));
                    }
                }
            }
        }
        Index {
            first,
            duplicates,
            files,
        }
    }

    pub(super) fn duplicate_ids(&self) -> Vec<Diagnostic> {
        self.duplicates
            .iter()
            .map(|(file, definition, first_file, first)| {
                let here = &self.files[*file].path;
                let there = &self.files[*first_file].path;
                let diagnostic = Diagnostic::new(
                    Code::DuplicateId,
                    format!("the id `{}` is already used by {} record", definition.id, with_article(first.kind.as_str())),
                )
                .with_span(definition.span)
                .with_help("ids are unique across the whole dataset: rename one of the records and update its references")
                .in_file(here.clone());
                if here == there {
                    diagnostic.with_label(first.span, "first defined here")
                } else {
                    diagnostic.with_label_in(there.clone(), first.span, "first defined here")
                }
            })
            .collect()
    }

    pub(super) fn check_references(&self, files: &[FileFacts]) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        for facts in files {
            for reference in &facts.references {
                let expected = kinds_text(reference.expected);
                let diagnostic = match self.first.get(reference.id.as_str()) {
                    Some((_, definition)) if reference.expected.contains(&definition.kind) => {
                        continue;
                    }
                    Some((file, definition)) => Diagnostic::new(
                        Code::WrongReferenceKind,
                        format!(
                            "`{}` is {} record, but this field expects {}",
                            reference.id,
                            with_article(definition.kind.as_str()),
                            with_article(&expected)
                        ),
                    )
                    .with_label_in(
                        self.files[*file].path.clone(),
                        definition.span,
                        format!("the {} is defined here", definition.kind.as_str()),
                    ),
                    None => {
                        // A field that takes any kind of record says "record", not "any record".
                        let wanted = if expected.is_empty() {
                            "record".to_owned()
                        } else {
                            format!("{expected} record")
                        };
                        let diagnostic = Diagnostic::new(
                            Code::DanglingReference,
                            format!("no {wanted} has the id `{}`", reference.id),
                        );
                        match self.closest(&reference.id, reference.expected) {
                            Some(id) => diagnostic.with_help(format!("did you mean `{id}`?")),
                            None => diagnostic.with_help(format!(
                                "add {} with this id, or fix the reference",
                                with_article(&wanted)
                            )),
                        }
                    }
                };
                diagnostics.push(
                    diagnostic
                        .with_span(reference.span)
                        .with_pointer(reference.pointer.clone())
                        .in_file(facts.path.clone()),
                );
            }
        }
        diagnostics
    }

    /// The existing id of an accepted kind nearest to `id`, if one is near enough to be a typo.
    fn closest(&self, id: &str, kinds: &[RecordKind]) -> Option<&'a str> {
        let limit = (id.chars().count() / 3).max(2);
        self.first
            .iter()
            .filter(|(_, (_, definition))| kinds.contains(&definition.kind))
            .map(|(candidate, _)| (strsim::levenshtein(id, candidate), *candidate))
            .filter(|(distance, _)| *distance <= limit)
            .min()
            .map(|(_, candidate)| candidate)
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
