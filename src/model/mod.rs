//! The data model: one file per entity. These types define the YAML data files and, through
//! schemars, the exported JSON Schema; their doc comments become the schema's descriptions and
//! the editor's hover text. No I/O happens here.

mod agreement;
pub mod bounded;
mod citation;
mod claim;
mod data_file;
mod date;
mod event;
mod fund;
pub mod ids;
mod office;
mod organization;
pub mod pattern;
mod person;
mod quantity;
mod record_kind;
mod resource;
mod source;
mod term;
mod topic;
mod version;

pub use agreement::{
    Agreement, AgreementKind, AgreementName, AgreementRelation, AgreementStatus,
    AgreementStatusReport, RelationKind,
};
pub use bounded::{NonEmpty, OutOfBounds, Percentage};
pub use citation::{Channel, Citation, Modality};
pub use claim::{Claim, ClaimKind};
pub use data_file::DataFile;
pub use date::{DateOrigin, DatePart, DateValue};
pub use event::{
    Event, EventKind, EventStatus, EventStatusReport, ParticipantReport, Place, VoteResult,
};
pub use fund::{
    ContributionForm, Fund, FundContribution, FundName, FundPartner, FundProvision, LegalForm,
    PartnerRole,
};
pub use ids::*;
pub use office::Office;
pub use organization::{Organization, OrganizationKind};
pub use pattern::*;
pub use person::{NameForm, OfficeHolding, Person};
pub use quantity::{DurationUnit, Quantity, VotingRule};
pub use record_kind::{NESTED, RecordKind, SECTIONS};
pub use resource::Resource;
pub use source::{Author, Source, SourceKind, Translation};
pub use term::{Polarity, SecurityStrength, Term, TermKind};
pub use topic::Topic;
pub use version::{AgreementVersion, VersionKind};

/// Deserializes an optional field that, when present, must hold a value: `null` is rejected as
/// the schema rejects it, and an absent field is `None` through `#[serde(default)]`.
pub(crate) fn reject_null<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// Deserializes text that must say something: the empty string is rejected, as the schema's
/// `minLength: 1` rejects it.
pub(crate) fn non_empty_text<'de, D>(deserializer: D) -> Result<String, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::Deserialize;
    let text = String::deserialize(deserializer)?;
    if text.is_empty() {
        Err(serde::de::Error::custom("empty text"))
    } else {
        Ok(text)
    }
}

/// [`non_empty_text`] for an optional field: absent is `None`, `null` and `""` are rejected.
pub(crate) fn non_empty_optional_text<'de, D>(deserializer: D) -> Result<Option<String>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    non_empty_text(deserializer).map(Some)
}
