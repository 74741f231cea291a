//! The kinds of record a data file holds, and the section (top-level list) of each: one table
//! that the facts walk, the report and the scaffolds follow.

use std::borrow::Cow;

use schemars::JsonSchema;

use super::{
    Agreement, AgreementVersion, Claim, Event, Fund, Office, Organization, Person, Resource,
    Source, Term, Topic,
};

/// The kind of a record, as references expect it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
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
    /// A version (one text) of an agreement.
    Version,
    /// A term of an agreement.
    Term,
    /// A fund.
    Fund,
    /// A claim.
    Claim,
    /// A resource: a mineral, a commodity, a kind of asset.
    Resource,
    /// A topic.
    Topic,
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
            RecordKind::Version => "version",
            RecordKind::Term => "term",
            RecordKind::Fund => "fund",
            RecordKind::Claim => "claim",
            RecordKind::Resource => "resource",
            RecordKind::Topic => "topic",
        }
    }

    /// The name of the definition of the kind's records in the data-file schema (`Person` for
    /// `#/$defs/Person`): the schema name of their model type, so that it follows the type.
    pub fn definition(self) -> Cow<'static, str> {
        match self {
            RecordKind::Source => Source::schema_name(),
            RecordKind::Person => Person::schema_name(),
            RecordKind::Organization => Organization::schema_name(),
            RecordKind::Office => Office::schema_name(),
            RecordKind::Event => Event::schema_name(),
            RecordKind::Agreement => Agreement::schema_name(),
            RecordKind::Version => AgreementVersion::schema_name(),
            RecordKind::Term => Term::schema_name(),
            RecordKind::Fund => Fund::schema_name(),
            RecordKind::Claim => Claim::schema_name(),
            RecordKind::Resource => Resource::schema_name(),
            RecordKind::Topic => Topic::schema_name(),
        }
    }

    /// The kind with this name.
    pub fn from_name(name: &str) -> Option<RecordKind> {
        RecordKind::ALL
            .iter()
            .copied()
            .find(|kind| kind.as_str() == name)
    }

    /// Every kind, in the schema's order.
    pub(crate) const ALL: &'static [RecordKind] = &[
        RecordKind::Source,
        RecordKind::Person,
        RecordKind::Organization,
        RecordKind::Office,
        RecordKind::Event,
        RecordKind::Agreement,
        RecordKind::Version,
        RecordKind::Term,
        RecordKind::Fund,
        RecordKind::Claim,
        RecordKind::Resource,
        RecordKind::Topic,
    ];
}

/// The sections of a data file and the kind of record each holds, in the schema's order.
pub const SECTIONS: &[(&str, RecordKind)] = &[
    ("sources", RecordKind::Source),
    ("people", RecordKind::Person),
    ("organizations", RecordKind::Organization),
    ("offices", RecordKind::Office),
    ("events", RecordKind::Event),
    ("agreements", RecordKind::Agreement),
    ("funds", RecordKind::Fund),
    ("claims", RecordKind::Claim),
    ("resources", RecordKind::Resource),
    ("topics", RecordKind::Topic),
];

/// The records nested in a record of a section, defined where they sit: an agreement's
/// versions and terms. Their ids are unique across the dataset like any other.
pub const NESTED: &[(RecordKind, &str, RecordKind)] = &[
    (RecordKind::Agreement, "versions", RecordKind::Version),
    (RecordKind::Agreement, "terms", RecordKind::Term),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_names_its_definition_and_every_section_its_list() {
        let schema = crate::schema::data_file_schema();
        for kind in RecordKind::ALL {
            let definition = kind.definition();
            assert!(
                schema["$defs"][definition.as_ref()]["properties"]["id"].is_object(),
                "{definition}"
            );
        }
        for (section, kind) in SECTIONS {
            assert_eq!(
                schema["properties"][*section]["items"]["$ref"],
                format!("#/$defs/{}", kind.definition()),
                "{section}"
            );
        }
    }
}
