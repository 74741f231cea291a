//! The facts of one file that dataset-wide rules need: which ids it defines, which it
//! references, and which quotes it makes, each with its span.

use std::path::PathBuf;

use serde_json::Value;

use std::fmt::Write as _;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{
    ActorId, Agreement, AgreementId, Citation, Claim, DateValue, Event, EventId, Fund, FundId,
    Office, OfficeId, Organization, OrganizationId, Person, PersonId, RecordId, Source, SourceId,
    TextPath,
};

/// The kind of a record, as references expect it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    /// A source.
    Source,
    /// A person.
    Person,
    /// An organization.
    Organization,
    /// An office.
    Office,
    /// An event.
    Event,
    /// An agreement.
    Agreement,
    /// A term of an agreement.
    Term,
    /// A fund.
    Fund,
    /// A claim.
    Claim,
}

impl RecordKind {
    /// The kind's name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Source => "source",
            RecordKind::Person => "person",
            RecordKind::Organization => "organization",
            RecordKind::Office => "office",
            RecordKind::Event => "event",
            RecordKind::Agreement => "agreement",
            RecordKind::Term => "term",
            RecordKind::Fund => "fund",
            RecordKind::Claim => "claim",
        }
    }

    const ALL: &'static [RecordKind] = &[
        RecordKind::Source,
        RecordKind::Person,
        RecordKind::Organization,
        RecordKind::Office,
        RecordKind::Event,
        RecordKind::Agreement,
        RecordKind::Term,
        RecordKind::Fund,
        RecordKind::Claim,
    ];
}

/// A record's id, where it is defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The id.
    pub id: String,
    /// The kind of record it names.
    pub kind: RecordKind,
    /// The JSON Pointer of the id's value.
    pub pointer: String,
}

/// A reference from one record to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The id referred to.
    pub id: String,
    /// The kinds of record the field accepts.
    pub expected: &'static [RecordKind],
    /// The JSON Pointer of the reference.
    pub pointer: String,
}

/// A string that must appear verbatim in the text of one of `sources`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The quoted text.
    pub text: String,
    /// The sources it may come from.
    pub sources: Vec<String>,
    /// The JSON Pointer of the quote.
    pub pointer: String,
}

/// A source record's stored text file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// The source's id.
    pub id: String,
    /// The path of the text, relative to the file declaring the source.
    pub text: TextPath,
    /// The JSON Pointer of the `text` value.
    pub pointer: String,
}

/// The facts of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileFacts {
    /// The file.
    pub path: PathBuf,
    /// How many records the file holds.
    pub records: usize,
    /// The ids the file defines.
    pub definitions: Vec<Definition>,
    /// The references the file makes.
    pub references: Vec<Reference>,
    /// The quotes the file makes.
    pub quotes: Vec<Quote>,
    /// The source texts the file declares.
    pub source_texts: Vec<SourceText>,
}

const SECTIONS: &[(&str, RecordKind)] = &[
    ("sources", RecordKind::Source),
    ("people", RecordKind::Person),
    ("organizations", RecordKind::Organization),
    ("offices", RecordKind::Office),
    ("events", RecordKind::Event),
    ("agreements", RecordKind::Agreement),
    ("funds", RecordKind::Fund),
    ("claims", RecordKind::Claim),
];

impl FileFacts {
    /// Collects the ids defined in `value`, leniently, so that a record with schema errors still
    /// counts as defined and references to it do not dangle.
    pub fn collect_ids(&mut self, value: &Value) {
        for (section, kind) in SECTIONS {
            let Some(Value::Array(records)) = value.get(section) else {
                continue;
            };
            for (i, record) in records.iter().enumerate() {
                let pointer = format!("/{section}/{i}");
                self.define(record, *kind, &pointer);
                if *kind == RecordKind::Agreement
                    && let Some(Value::Array(terms)) = record.get("terms")
                {
                    for (j, term) in terms.iter().enumerate() {
                        self.define(term, RecordKind::Term, &format!("{pointer}/terms/{j}"));
                    }
                }
            }
        }
    }

    fn define(&mut self, record: &Value, kind: RecordKind, pointer: &str) {
        if let Some(Value::String(id)) = record.get("id") {
            self.definitions.push(Definition {
                id: id.clone(),
                kind,
                pointer: format!("{pointer}/id"),
            });
        }
    }

    /// Deserializes every record on its own and collects the references and quotes of those
    /// that fit the model; counts the records. Returns what the walk finds wrong in the file
    /// itself: impossible dates, and records that pass the schema but not the types.
    pub fn collect_references(&mut self, root: &Value, schema_clean: bool) -> Vec<Diagnostic> {
        let mut walk = Walk {
            facts: self,
            at: String::new(),
            findings: Vec::new(),
            schema_clean,
        };
        let records = walk.records(root);
        let findings = std::mem::take(&mut walk.findings);
        self.records = records.max(self.definitions.len());
        findings
    }
}

/// Whether the kinds of record a reference type accepts.
trait Target {
    const KINDS: &'static [RecordKind];
    fn text(&self) -> &str;
}

macro_rules! target {
    ($ty:ty, [$($kind:ident),+]) => {
        impl Target for $ty {
            const KINDS: &'static [RecordKind] = &[$(RecordKind::$kind),+];
            fn text(&self) -> &str {
                self.as_str()
            }
        }
    };
}

target!(SourceId, [Source]);
target!(ActorId, [Person, Organization]);
target!(PersonId, [Person]);
target!(OrganizationId, [Organization]);
target!(OfficeId, [Office]);
target!(EventId, [Event]);
target!(AgreementId, [Agreement]);
target!(FundId, [Fund]);

impl Target for RecordId {
    const KINDS: &'static [RecordKind] = RecordKind::ALL;
    fn text(&self) -> &str {
        self.as_str()
    }
}

struct Walk<'a> {
    facts: &'a mut FileFacts,
    /// The JSON Pointer of the node being walked, grown and shrunk as the walk goes.
    at: String,
    findings: Vec<Diagnostic>,
    schema_clean: bool,
}

impl Walk<'_> {
    /// Runs `f` with `token` appended to the current pointer.
    fn enter<R>(&mut self, token: impl std::fmt::Display, f: impl FnOnce(&mut Self) -> R) -> R {
        let len = self.at.len();
        let _ = write!(self.at, "/{token}");
        let result = f(self);
        self.at.truncate(len);
        result
    }

    fn pointer(&self, token: &str) -> String {
        format!("{}/{token}", self.at)
    }

    fn reference<T: Target>(&mut self, target: &T, field: &str) {
        let pointer = self.pointer(field);
        self.facts.references.push(Reference {
            id: target.text().to_owned(),
            expected: T::KINDS,
            pointer,
        });
    }

    fn references<T: Target>(&mut self, targets: &[T], field: &str) {
        for (i, target) in targets.iter().enumerate() {
            let pointer = format!("{}/{field}/{i}", self.at);
            self.facts.references.push(Reference {
                id: target.text().to_owned(),
                expected: T::KINDS,
                pointer,
            });
        }
    }

    fn optional<T: Target>(&mut self, target: &Option<T>, field: &str) {
        if let Some(target) = target {
            self.reference(target, field);
        }
    }

    fn quote(&mut self, text: &str, sources: &[String], field: &str) {
        let pointer = self.pointer(field);
        self.facts.quotes.push(Quote {
            text: text.to_owned(),
            sources: sources.to_vec(),
            pointer,
        });
    }

    fn citations(&mut self, citations: &[Citation], cited: &mut Vec<String>) {
        self.enter("citations", |walk| {
            for (i, citation) in citations.iter().enumerate() {
                walk.enter(i, |walk| {
                    walk.reference(&citation.source, "source");
                    walk.references(&citation.according_to, "according_to");
                    let source = [citation.source.as_str().to_owned()];
                    walk.quote(&citation.quote, &source, "quote");
                    if let Some(attribution) = &citation.attribution {
                        walk.quote(attribution, &source, "attribution");
                    }
                    if !cited.contains(&source[0]) {
                        cited.push(source[0].clone());
                    }
                });
            }
        });
    }

    fn date(&mut self, date: &Option<DateValue>, field: &str, cited: &[String]) {
        let Some(date) = date else { return };
        self.enter(field, |walk| {
            walk.quote(&date.as_written, cited, "as_written");
            if let Some(message) = impossible_date(date.date.as_str()) {
                walk.findings.push(
                    Diagnostic::new(Code::ImpossibleDate, message)
                        .at(walk.pointer("date"), crate::diagnostic::Target::Value)
                        .with_help("check the day and month against the source"),
                );
            }
        });
    }

    /// Deserializes each record on its own, so that one broken record does not hide the
    /// references and quotes of the others, and walks the ones that fit the model.
    fn records(&mut self, root: &Value) -> usize {
        let mut count = 0;
        count += self.section(root, "sources", Self::source);
        count += self.section(root, "people", Self::person);
        count += self.section(root, "organizations", Self::organization);
        count += self.section(root, "offices", Self::office);
        count += self.section(root, "events", Self::event);
        count += self.section(root, "agreements", Self::agreement);
        count += self.section(root, "funds", Self::fund);
        count += self.section(root, "claims", Self::claim);
        count
    }

    fn section<T: serde::de::DeserializeOwned>(
        &mut self,
        root: &Value,
        name: &str,
        visit: fn(&mut Self, &T) -> usize,
    ) -> usize {
        let Some(Value::Array(records)) = root.get(name) else {
            return 0;
        };
        self.enter(name, |walk| {
            let mut count = 0;
            for (i, record) in records.iter().enumerate() {
                count += walk.enter(i, |walk| match T::deserialize(record) {
                    Ok(record) => visit(walk, &record),
                    Err(error) => {
                        // The schema and the types should accept the same records; say so when
                        // they do not (otherwise the schema's findings already explain it).
                        if walk.schema_clean {
                            walk.findings.push(
                                Diagnostic::new(
                                    Code::SchemaViolation,
                                    format!("this record does not fit the model: {error}"),
                                )
                                .at(walk.at.clone(), crate::diagnostic::Target::KeyOrStart),
                            );
                        }
                        1
                    }
                });
            }
            count
        })
    }

    fn source(&mut self, source: &Source) -> usize {
        self.optional(&source.publisher, "publisher");
        for (j, author) in source.authors.iter().enumerate() {
            self.enter("authors", |walk| {
                walk.enter(j, |walk| walk.optional(&author.person, "person"))
            });
        }
        let own = [source.id.as_str().to_owned()];
        self.date(&source.published, "published", &own);
        let pointer = self.pointer("text");
        self.facts.source_texts.push(SourceText {
            id: source.id.to_string(),
            text: source.text.clone(),
            pointer,
        });
        1
    }

    fn person(&mut self, person: &Person) -> usize {
        let mut cited = Vec::new();
        self.citations(&person.citations, &mut cited);
        for (j, holding) in person.holds.iter().enumerate() {
            self.enter("holds", |walk| {
                walk.enter(j, |walk| {
                    walk.reference(&holding.office, "office");
                    walk.citations(&holding.citations, &mut cited);
                    walk.date(&holding.start, "start", &cited);
                    walk.date(&holding.end, "end", &cited);
                })
            });
        }
        1
    }

    fn organization(&mut self, organization: &Organization) -> usize {
        self.optional(&organization.country, "country");
        self.optional(&organization.led_by, "led_by");
        self.references(&organization.members, "members");
        self.citations(&organization.citations, &mut Vec::new());
        1
    }

    fn office(&mut self, office: &Office) -> usize {
        self.reference(&office.jurisdiction, "jurisdiction");
        self.citations(&office.citations, &mut Vec::new());
        1
    }

    fn event(&mut self, event: &Event) -> usize {
        let mut cited = Vec::new();
        self.citations(&event.citations, &mut cited);
        for (j, report) in event.status.iter().enumerate() {
            self.enter("status", |walk| {
                walk.enter(j, |walk| walk.citations(&report.citations, &mut cited))
            });
        }
        self.references(&event.participants, "participants");
        self.references(&event.absent, "absent");
        self.references(&event.follows, "follows");
        if let Some(place) = &event.place {
            self.enter("place", |walk| walk.optional(&place.country, "country"));
        }
        self.date(&event.date, "date", &cited);
        1
    }

    fn agreement(&mut self, agreement: &Agreement) -> usize {
        let mut cited = Vec::new();
        self.citations(&agreement.citations, &mut cited);
        self.references(&agreement.parties, "parties");
        self.optional(&agreement.supersedes, "supersedes");
        for (j, name) in agreement.names.iter().enumerate() {
            self.enter("names", |walk| {
                walk.enter(j, |walk| {
                    let mut own = Vec::new();
                    walk.citations(&name.citations, &mut own);
                    walk.references(&name.used_by, "used_by");
                    walk.quote(&name.name, &own, "name");
                })
            });
        }
        for (j, report) in agreement.status.iter().enumerate() {
            self.enter("status", |walk| {
                walk.enter(j, |walk| {
                    let mut own = Vec::new();
                    walk.citations(&report.citations, &mut own);
                    walk.optional(&report.party, "party");
                    walk.optional(&report.event, "event");
                    walk.date(&report.date, "date", &own);
                })
            });
        }
        for (j, term) in agreement.terms.iter().enumerate() {
            self.enter("terms", |walk| {
                walk.enter(j, |walk| {
                    let mut own = Vec::new();
                    walk.citations(&term.citations, &mut own);
                    walk.references(&term.parties, "parties");
                    walk.optional(&term.fund, "fund");
                    if let Some(wording) = &term.wording {
                        walk.quote(wording, &own, "wording");
                    }
                })
            });
        }
        1 + agreement.terms.len()
    }

    fn fund(&mut self, fund: &Fund) -> usize {
        let mut cited = Vec::new();
        self.citations(&fund.citations, &mut cited);
        self.references(&fund.parties, "parties");
        self.optional(&fund.agreement, "agreement");
        for (j, contribution) in fund.contributions.iter().enumerate() {
            self.enter("contributions", |walk| {
                walk.enter(j, |walk| {
                    walk.reference(&contribution.party, "party");
                    walk.citations(&contribution.citations, &mut cited);
                })
            });
        }
        for (j, provision) in fund.governance.iter().enumerate() {
            self.enter("governance", |walk| {
                walk.enter(j, |walk| walk.citations(&provision.citations, &mut cited))
            });
        }
        1
    }

    fn claim(&mut self, claim: &Claim) -> usize {
        let mut cited = Vec::new();
        self.citations(&claim.citations, &mut cited);
        self.references(&claim.holders, "holders");
        self.references(&claim.about, "about");
        self.references(&claim.in_response_to, "in_response_to");
        self.optional(&claim.made_at, "made_at");
        if let Some(words) = &claim.direct_quote {
            self.quote(words, &cited, "direct_quote");
        }
        self.date(&claim.date, "date", &cited);
        1
    }
}

/// Why `date` (already known to match the date pattern) names no real day, if it does not.
fn impossible_date(date: &str) -> Option<String> {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (day > days).then(|| format!("{date} does not exist: month {month} of {year} has {days} days"))
}

#[cfg(test)]
mod tests {
    use super::impossible_date;

    #[test]
    fn only_real_days_pass() {
        assert!(impossible_date("2025-02-28").is_none());
        assert!(impossible_date("2024-02-29").is_none());
        assert!(impossible_date("2025-02").is_none());
        assert!(impossible_date("2025-02-29").is_some());
        assert!(impossible_date("2025-04-31").is_some());
    }
}
