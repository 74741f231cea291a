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
mod record_kind;
mod source;
mod term;

pub use agreement::{
    Agreement, AgreementKind, AgreementName, AgreementStatus, AgreementStatusReport,
};
pub use bounded::{NonEmpty, OutOfBounds, Percentage};
pub use citation::{Citation, Modality};
pub use claim::{Claim, ClaimKind, Topic};
pub use data_file::DataFile;
pub use date::{DatePart, DateValue};
pub use event::{Event, EventKind, EventStatus, EventStatusReport, Place};
pub use fund::{Fund, FundContribution, GovernanceProvision};
pub use ids::*;
pub use office::Office;
pub use organization::{Organization, OrganizationKind};
pub use pattern::*;
pub use person::{OfficeHolding, Person};
pub use record_kind::{RecordKind, SECTIONS};
pub use source::{Author, Source, SourceKind, Translation};
pub use term::{
    DurationUnit, Polarity, Quantity, Resource, SecurityStrength, Term, TermKind, VotingRule,
};

/// Deserializes an optional field that, when present, must hold a value: `null` is rejected as
/// the schema rejects it, and an absent field is `None` through `#[serde(default)]`.
pub(crate) fn reject_null<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}
