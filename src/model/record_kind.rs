//! The kinds of record a data file holds, and the section (top-level list) of each: one table
//! that the facts walk, the report and the scaffolds follow.

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
        RecordKind::Term,
        RecordKind::Fund,
        RecordKind::Claim,
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
];
