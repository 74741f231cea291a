//! Terms: typed provisions of an agreement.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::bounded::NonEmpty;

use super::citation::Citation;
use super::ids::{ActorId, FundId, TermId};

/// A provision of an agreement as the sources report it: what kind of provision, which
/// resources it covers, which parties, which fund, and how strong its security language is.
/// Whether it is certain, reported or only expected is in the modality of its citations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The stable id other records use for this term; unique across the whole dataset.
    pub id: TermId,
    /// What kind of provision this is.
    pub kind: TermKind,
    /// The provision in a short neutral sentence.
    pub summary: String,
    /// The resources the provision covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
    /// The parties the provision binds or concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<ActorId>,
    /// The fund the provision concerns, for reinvestment and contribution terms.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub fund: Option<FundId>,
    /// For security terms: how strong the commitment is.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub strength: Option<SecurityStrength>,
    /// The agreement's own wording of the provision, when a source quotes it, copied exactly.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    #[schemars(extend("x-accord-verbatim" = "record"))]
    pub wording: Option<String>,
    /// Where the sources report the provision.
    pub citations: NonEmpty<Citation>,
}

/// A kind of agreement provision, after the PA-X provision codes where one fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    /// The resources and assets the agreement covers (PA-X `NatRes`, `DevInfra`).
    ResourceScope,
    /// The parties develop resources or assets together.
    JointDevelopment,
    /// Revenue or profit is shared between the parties.
    RevenueSharing,
    /// Proceeds are reinvested, for example into a joint fund (PA-X `IntFu`, `NEC`).
    Reinvestment,
    /// A party contributes money or assets to a fund.
    FundContribution,
    /// Language on security guarantees (PA-X `SsrGua`).
    SecurityGuarantee,
    /// An arrangement the sources present as serving security without being a guarantee, such
    /// as the presence of a party's workers.
    SecurityMechanism,
    /// How the agreement or its fund is governed.
    Governance,
}

/// A resource or asset an agreement covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    /// Minerals in general, when a source does not say which.
    Minerals,
    /// Minerals a source calls strategic or critical.
    StrategicMinerals,
    /// Rare-earth elements.
    RareEarths,
    /// Crude oil.
    Oil,
    /// Natural gas.
    Gas,
    /// Infrastructure assets: ports, pipelines, power, transport.
    InfrastructureAssets,
}

/// How strong a security provision is, from a binding guarantee to none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SecurityStrength {
    /// A binding guarantee to defend or protect.
    Binding,
    /// A stated commitment or intent, short of a binding guarantee.
    Intent,
    /// Support for a party's efforts to obtain guarantees from others ("supports efforts to").
    SupportsEfforts,
    /// No explicit language: security is implied by another arrangement.
    Implied,
    /// A guarantee was asked for and rejected.
    Rejected,
}
