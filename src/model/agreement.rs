//! Agreements: their names, parties, status over time, texts, relations to other agreements,
//! and terms.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::bounded::NonEmpty;

use super::citation::Citation;
use super::date::DateValue;
use super::ids::{ActorId, AgreementId, EventId};
use super::term::Term;
use super::version::AgreementVersion;

/// An agreement between parties, from the first announced plan to a signed and ratified text:
/// the work, in Akoma Ntoso's (FRBR's) terms, whose texts over time are its `versions`. Its
/// names, status and terms are each cited, so a draft reported by one source and a signed text
/// reported by another live side by side.
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
    /// The agreement's status as each source reports it, in time order, oldest first: the status of the
    /// agreement as a whole, and each party's steps (signature, ratification, entry into force)
    /// when the sources do not say which text they concern.
    pub status: NonEmpty<AgreementStatusReport>,
    /// The agreement's texts over time (a draft, the signed text, an amended text), each with its
    /// own names, date and status history. Left out while the sources speak of the agreement
    /// only as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<AgreementVersion>,
    /// The agreement's terms, each with the passage that reports it and the texts it is in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<Term>,
    /// How this agreement relates to other agreements: it supersedes, amends, supplements or
    /// implements them, or is part of one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<AgreementRelation>,
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
    /// An agreement on trade or tariffs.
    Trade,
    /// An instrument that sets up or runs an investment fund: a limited-partnership agreement,
    /// an LLC agreement.
    Investment,
}

/// A link from an agreement to another one, as the sources report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementRelation {
    /// How this agreement relates to the other.
    pub kind: RelationKind,
    /// The other agreement.
    pub agreement: AgreementId,
    /// Where the sources report the link.
    pub citations: NonEmpty<Citation>,
}

/// How one agreement relates to another, after treaty practice: amendments, supplementary
/// instruments and implementing agreements are separate documents linked to the main one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// This agreement replaces the other, which no longer applies.
    Supersedes,
    /// This agreement changes the other's text.
    Amends,
    /// This agreement adds to the other without changing it.
    Supplements,
    /// This agreement carries out the other (the instruments that set up a fund it provides
    /// for).
    Implements,
    /// This agreement is a part (an annex, a protocol) of the other.
    PartOf,
}

/// A name used for an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementName {
    /// The name, exactly as the source prints it.
    #[schemars(extend("x-accord-verbatim" = "record"))]
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
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
    /// The party this status concerns: required for the steps one party takes
    /// (`approved_by_party`, `accepted`, `approved`, `acceded`, `withdrawn`), and given for a
    /// signature, ratification or entry into force that concerns one party only. Left out when
    /// the status concerns every party.
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
    /// the agreement is to be signed, or the parliament's vote that ratified it).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub event: Option<EventId>,
    /// Set when this report disagrees with another one kept beside it (another date for the same
    /// step, another outcome): both stay, each cited, and neither is taken for the truth.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub conflicting: bool,
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
    /// A party (named in `party`) accepted it, a form of consent to be bound like ratification.
    Accepted,
    /// A party (named in `party`) approved it as its consent to be bound, like ratification.
    Approved,
    /// A party (named in `party`) acceded to it without having signed it.
    Acceded,
    /// It has entered into force, for every party or for the one named in `party`.
    InForce,
    /// Signing or negotiation was suspended.
    Suspended,
    /// A party (named in `party`) withdrew from it.
    Withdrawn,
    /// It ended, by its own terms or by the parties' decision.
    Terminated,
    /// A court or other authority struck it down.
    StruckDown,
    /// It was abandoned or rejected.
    Abandoned,
}

impl AgreementStatus {
    /// Whether the status is a step of one party, which must name it.
    pub fn concerns_one_party(self) -> bool {
        matches!(
            self,
            AgreementStatus::ApprovedByParty
                | AgreementStatus::Accepted
                | AgreementStatus::Approved
                | AgreementStatus::Acceded
                | AgreementStatus::Withdrawn
        )
    }
}
