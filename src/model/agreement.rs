//! Agreements: their names, parties, status over time, and terms.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::bounded::NonEmpty;

use super::citation::Citation;
use super::date::DateValue;
use super::ids::{ActorId, AgreementId, EventId};
use super::term::Term;

/// An agreement between parties, from the first announced plan to a signed and ratified text.
/// Its names, status and terms are each cited, so a draft reported by one source and a signed
/// text reported by another live side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// The stable id other records use for this agreement.
    pub id: AgreementId,
    /// What kind of agreement this is.
    pub kind: AgreementKind,
    /// The names the sources and actors use for the agreement.
    pub names: NonEmpty<AgreementName>,
    /// The parties to the agreement.
    pub parties: Vec<ActorId>,
    /// The agreement's status as each source reports it, oldest report first.
    pub status: NonEmpty<AgreementStatusReport>,
    /// The agreement's terms, each with the passage that reports it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<Term>,
    /// An earlier agreement or draft that this one replaces or renames.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub supersedes: Option<AgreementId>,
    /// Where the sources report the agreement.
    pub citations: NonEmpty<Citation>,
}

/// A kind of agreement, after the stages of the PA-X peace agreements database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgreementKind {
    /// A framework that sets out principles and further negotiation.
    Framework,
    /// An agreement on economic cooperation, resources or trade.
    Economic,
    /// A ceasefire.
    Ceasefire,
    /// A comprehensive peace agreement.
    Peace,
    /// An agreement on security arrangements or guarantees.
    Security,
    /// A memorandum of understanding or other non-binding text.
    Memorandum,
}

/// A name used for an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementName {
    /// The name, exactly as the source prints it.
    #[schemars(extend("x-accord-verbatim" = "record"))]
    pub name: String,
    /// The actors the source says use this name (for example the official who called it so).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub used_by: Vec<ActorId>,
    /// Where the name is used.
    pub citations: NonEmpty<Citation>,
}

/// The status of an agreement as one source reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementStatusReport {
    /// The status reported.
    pub status: AgreementStatus,
    /// The party this status concerns, for statuses of one side (`approved_by_party`,
    /// `ratified` by one parliament).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub party: Option<ActorId>,
    /// When the status was reached or is expected, if a source says.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub date: Option<DateValue>,
    /// The event at which the status was reached or is expected (for example the summit where
    /// the agreement is to be signed).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub event: Option<EventId>,
    /// Where the sources report this status, and who claims it.
    pub citations: NonEmpty<Citation>,
}

/// The status of an agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    /// One or more parties announced the intention to pursue it.
    Proposed,
    /// The parties are negotiating it.
    UnderNegotiation,
    /// A draft text exists.
    Drafted,
    /// One party (named in `party`) approved the text.
    ApprovedByParty,
    /// The parties are to sign it.
    ToBeSigned,
    /// The parties signed it.
    Signed,
    /// A party (named in `party`), or all parties, ratified it.
    Ratified,
    /// It has entered into force.
    InForce,
    /// Signing or negotiation was suspended.
    Suspended,
    /// It was abandoned or rejected.
    Abandoned,
}
