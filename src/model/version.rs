//! Versions: the texts of one agreement over time, each with its names, date and status.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::agreement::{AgreementName, AgreementStatusReport};
use super::bounded::NonEmpty;
use super::citation::Citation;
use super::date::DateValue;
use super::ids::VersionId;

/// One text of an agreement (an expression of the work, in Akoma Ntoso's terms): a draft, the
/// text the parties signed, an amended text. A signed text with another official name two months
/// after the draft is a second version of the same agreement; terms name the versions that
/// contain them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementVersion {
    /// The stable id terms and other records use for this text; unique across the whole dataset.
    pub id: VersionId,
    /// What stage of the text this is.
    pub kind: VersionKind,
    /// The names this text carries, when they differ from the agreement's (the signed text's
    /// official title).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<AgreementName>,
    /// The date of the text (when it was drafted, agreed or signed), if a source says.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub date: Option<DateValue>,
    /// This text's own status history as each source reports it, in time order, oldest first: its
    /// signature, each party's ratification, its entry into force.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<AgreementStatusReport>,
    /// Where the sources report this text.
    pub citations: NonEmpty<Citation>,
}

/// The stage of an agreement's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VersionKind {
    /// A draft under negotiation, or one a party proposed.
    Draft,
    /// The text the negotiators agreed or initialled, before signature.
    AgreedText,
    /// The text the parties signed.
    Signed,
    /// The text as amended by a later instrument.
    Amended,
}
