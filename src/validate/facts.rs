//! The facts of one file that dataset-wide rules need: which ids it defines, which it
//! references, and which quotes it makes, each with its span.

use std::path::PathBuf;

use serde_json::Value;

use crate::diagnostic::Span;
use crate::model::{
    ActorId, Agreement, AgreementId, Citation, Claim, DateValue, Event, EventId, Fund, FundId,
    Office, OfficeId, Organization, OrganizationId, Person, PersonId, RecordId, Source, SourceId,
    TextPath,
};
use crate::yaml::SpanTree;

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
    /// The span of the id's value.
    pub span: Span,
}

/// A reference from one record to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The id referred to.
    pub id: String,
    /// The kinds of record the field accepts.
    pub expected: &'static [RecordKind],
    /// The span of the reference.
    pub span: Span,
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
    /// The span of the quote.
    pub span: Span,
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
    /// The span of the `text` value.
    pub span: Span,
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
    pub fn collect_ids(&mut self, value: &Value, spans: &SpanTree) {
        for (section, kind) in SECTIONS {
            let Some(Value::Array(records)) = value.get(section) else {
                continue;
            };
            for (i, record) in records.iter().enumerate() {
                let pointer = format!("/{section}/{i}");
                self.define(record, *kind, &pointer, value, spans);
                if *kind == RecordKind::Agreement
                    && let Some(Value::Array(terms)) = record.get("terms")
                {
                    for (j, term) in terms.iter().enumerate() {
                        self.define(
                            term,
                            RecordKind::Term,
                            &format!("{pointer}/terms/{j}"),
                            value,
                            spans,
                        );
                    }
                }
            }
        }
    }

    fn define(
        &mut self,
        record: &Value,
        kind: RecordKind,
        pointer: &str,
        root: &Value,
        spans: &SpanTree,
    ) {
        if let Some(Value::String(id)) = record.get("id") {
            let span = spans.locate(root, &format!("{pointer}/id")).value;
            self.definitions.push(Definition {
                id: id.clone(),
                kind,
                span,
            });
        }
    }

    /// Collects the references and quotes of every record that fits the model, and counts the
    /// records.
    pub fn collect_references(&mut self, root: &Value, spans: &SpanTree) {
        let mut walk = Walk {
            facts: self,
            root,
            spans,
        };
        let records = walk.records();
        self.records = records.max(self.definitions.len());
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
    root: &'a Value,
    spans: &'a SpanTree,
}

impl Walk<'_> {
    fn span(&self, pointer: &str) -> Span {
        self.spans.locate(self.root, pointer).value
    }

    fn reference<T: Target>(&mut self, target: &T, pointer: String) {
        let span = self.span(&pointer);
        self.facts.references.push(Reference {
            id: target.text().to_owned(),
            expected: T::KINDS,
            span,
            pointer,
        });
    }

    fn references<T: Target>(&mut self, targets: &[T], pointer: &str) {
        for (i, target) in targets.iter().enumerate() {
            self.reference(target, format!("{pointer}/{i}"));
        }
    }

    fn optional<T: Target>(&mut self, target: &Option<T>, pointer: String) {
        if let Some(target) = target {
            self.reference(target, pointer);
        }
    }

    fn quote(&mut self, text: &str, sources: &[String], pointer: String) {
        let span = self.span(&pointer);
        self.facts.quotes.push(Quote {
            text: text.to_owned(),
            sources: sources.to_vec(),
            span,
            pointer,
        });
    }

    fn citations(&mut self, citations: &[Citation], pointer: &str, cited: &mut Vec<String>) {
        for (i, citation) in citations.iter().enumerate() {
            let at = format!("{pointer}/{i}");
            self.reference(&citation.source, format!("{at}/source"));
            self.references(&citation.according_to, &format!("{at}/according_to"));
            let source = [citation.source.as_str().to_owned()];
            self.quote(&citation.quote, &source, format!("{at}/quote"));
            if let Some(attribution) = &citation.attribution {
                self.quote(attribution, &source, format!("{at}/attribution"));
            }
            if !cited.contains(&source[0]) {
                cited.push(source[0].clone());
            }
        }
    }

    fn date(&mut self, date: &Option<DateValue>, pointer: String, cited: &[String]) {
        if let Some(date) = date {
            self.quote(&date.as_written, cited, format!("{pointer}/as_written"));
        }
    }

    /// Deserializes each record on its own, so that one broken record does not hide the
    /// references and quotes of the others, and walks the ones that fit the model.
    fn records(&mut self) -> usize {
        let mut count = 0;
        let root = self.root;
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
        visit: fn(&mut Self, &T, &str) -> usize,
    ) -> usize {
        let Some(Value::Array(records)) = root.get(name) else {
            return 0;
        };
        let mut count = 0;
        for (i, record) in records.iter().enumerate() {
            if let Ok(record) = T::deserialize(record) {
                count += visit(self, &record, &format!("/{name}/{i}"));
            }
        }
        count
    }

    fn source(&mut self, source: &Source, at: &str) -> usize {
        self.optional(&source.publisher, format!("{at}/publisher"));
        for (j, author) in source.authors.iter().enumerate() {
            self.optional(&author.person, format!("{at}/authors/{j}/person"));
        }
        let own = [source.id.as_str().to_owned()];
        self.date(&source.published, format!("{at}/published"), &own);
        let span = self.span(&format!("{at}/text"));
        self.facts.source_texts.push(SourceText {
            id: source.id.to_string(),
            text: source.text.clone(),
            span,
        });
        1
    }

    fn person(&mut self, person: &Person, at: &str) -> usize {
        let mut cited = Vec::new();
        self.citations(&person.citations, &format!("{at}/citations"), &mut cited);
        for (j, holding) in person.holds.iter().enumerate() {
            let here = format!("{at}/holds/{j}");
            self.reference(&holding.office, format!("{here}/office"));
            self.citations(&holding.citations, &format!("{here}/citations"), &mut cited);
            self.date(&holding.start, format!("{here}/start"), &cited);
            self.date(&holding.end, format!("{here}/end"), &cited);
        }
        1
    }

    fn organization(&mut self, organization: &Organization, at: &str) -> usize {
        self.optional(&organization.country, format!("{at}/country"));
        self.optional(&organization.led_by, format!("{at}/led_by"));
        self.references(&organization.members, &format!("{at}/members"));
        self.citations(
            &organization.citations,
            &format!("{at}/citations"),
            &mut Vec::new(),
        );
        1
    }

    fn office(&mut self, office: &Office, at: &str) -> usize {
        self.reference(&office.jurisdiction, format!("{at}/jurisdiction"));
        self.citations(
            &office.citations,
            &format!("{at}/citations"),
            &mut Vec::new(),
        );
        1
    }

    fn event(&mut self, event: &Event, at: &str) -> usize {
        let mut cited = Vec::new();
        self.citations(&event.citations, &format!("{at}/citations"), &mut cited);
        for (j, report) in event.status.iter().enumerate() {
            self.citations(
                &report.citations,
                &format!("{at}/status/{j}/citations"),
                &mut cited,
            );
        }
        self.references(&event.participants, &format!("{at}/participants"));
        self.references(&event.absent, &format!("{at}/absent"));
        self.references(&event.follows, &format!("{at}/follows"));
        if let Some(place) = &event.place {
            self.optional(&place.country, format!("{at}/place/country"));
        }
        self.date(&event.date, format!("{at}/date"), &cited);
        1
    }

    fn agreement(&mut self, agreement: &Agreement, at: &str) -> usize {
        let mut cited = Vec::new();
        self.citations(&agreement.citations, &format!("{at}/citations"), &mut cited);
        self.references(&agreement.parties, &format!("{at}/parties"));
        self.optional(&agreement.supersedes, format!("{at}/supersedes"));
        for (j, name) in agreement.names.iter().enumerate() {
            let here = format!("{at}/names/{j}");
            let mut own = Vec::new();
            self.citations(&name.citations, &format!("{here}/citations"), &mut own);
            self.references(&name.used_by, &format!("{here}/used_by"));
            self.quote(&name.name, &own, format!("{here}/name"));
        }
        for (j, report) in agreement.status.iter().enumerate() {
            let here = format!("{at}/status/{j}");
            let mut own = Vec::new();
            self.citations(&report.citations, &format!("{here}/citations"), &mut own);
            self.optional(&report.party, format!("{here}/party"));
            self.optional(&report.event, format!("{here}/event"));
            self.date(&report.date, format!("{here}/date"), &own);
        }
        for (j, term) in agreement.terms.iter().enumerate() {
            let here = format!("{at}/terms/{j}");
            let mut own = Vec::new();
            self.citations(&term.citations, &format!("{here}/citations"), &mut own);
            self.references(&term.parties, &format!("{here}/parties"));
            self.optional(&term.fund, format!("{here}/fund"));
            if let Some(wording) = &term.wording {
                self.quote(wording, &own, format!("{here}/wording"));
            }
        }
        1 + agreement.terms.len()
    }

    fn fund(&mut self, fund: &Fund, at: &str) -> usize {
        let mut cited = Vec::new();
        self.citations(&fund.citations, &format!("{at}/citations"), &mut cited);
        self.references(&fund.parties, &format!("{at}/parties"));
        self.optional(&fund.agreement, format!("{at}/agreement"));
        for (j, contribution) in fund.contributions.iter().enumerate() {
            let here = format!("{at}/contributions/{j}");
            self.reference(&contribution.party, format!("{here}/party"));
            self.citations(
                &contribution.citations,
                &format!("{here}/citations"),
                &mut cited,
            );
        }
        for (j, provision) in fund.governance.iter().enumerate() {
            self.citations(
                &provision.citations,
                &format!("{at}/governance/{j}/citations"),
                &mut cited,
            );
        }
        1
    }

    fn claim(&mut self, claim: &Claim, at: &str) -> usize {
        let mut cited = Vec::new();
        self.citations(&claim.citations, &format!("{at}/citations"), &mut cited);
        self.references(&claim.holders, &format!("{at}/holders"));
        self.references(&claim.about, &format!("{at}/about"));
        self.references(&claim.in_response_to, &format!("{at}/in_response_to"));
        self.optional(&claim.made_at, format!("{at}/made_at"));
        if let Some(words) = &claim.direct_quote {
            self.quote(words, &cited, format!("{at}/direct_quote"));
        }
        self.date(&claim.date, format!("{at}/date"), &cited);
        1
    }
}
