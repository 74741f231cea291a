//! Terms: typed provisions of an agreement.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::bounded::NonEmpty;

use super::citation::Citation;
use super::ids::{ActorId, FundId, ResourceId, TermId, VersionId};
use super::quantity::Quantity;

/// A provision of an agreement as the sources report it: what kind of provision, which
/// resources it covers, which parties, which fund, and how strong its security language is.
/// Whether it is certain, reported or only expected is in the modality of its citations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The stable id other records use for this term; unique across the whole dataset.
    pub id: TermId,
    /// What kind of provision this is.
    pub kind: TermKind,
    /// The provision in a short neutral sentence.
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub summary: String,
    /// The resources the provision covers (or, for a negative provision, leaves out): ids of the
    /// dataset's resource records, so the list grows with the story without a schema change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<ResourceId>,
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
    /// Whether the provision says something is so (`affirmative`, the default, left out) or that
    /// it is not (`negative`: "there is no repayment obligation", "no security guarantee by the
    /// United States").
    #[serde(default, skip_serializing_if = "Polarity::is_affirmative")]
    pub polarity: Polarity,
    /// The texts (versions) of the agreement that contain this provision, as the sources say.
    /// Left out when the sources do not say which text; a provision of a draft that the signed
    /// text dropped names the draft only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<VersionId>,
    /// The numbers the provision states, each typed: a share, a count, a duration, an amount of
    /// money, a voting rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantities: Vec<Quantity>,
    /// The agreement's own wording of the provision, when a source quotes it, copied exactly.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::non_empty_optional_text"
    )]
    #[schemars(extend("x-accord-verbatim" = "record"))]
    #[schemars(length(min = 1))]
    pub wording: Option<String>,
    /// Where the sources report the provision.
    pub citations: NonEmpty<Citation>,
}

/// Whether a provision affirms or negates what its kind says (PLOVER's `negation` context; PA-X
/// codes a provision as present or absent).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// The provision says it is so.
    #[default]
    Affirmative,
    /// The provision says it is not so: no obligation, no guarantee, not covered.
    Negative,
}

impl Polarity {
    fn is_affirmative(&self) -> bool {
        *self == Polarity::Affirmative
    }
}

/// A kind of agreement provision, after the PA-X provision codes where one fits and the
/// categories that agreement texts themselves use.
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
    /// How profits or proceeds are distributed to the parties.
    DistributionOfProfits,
    /// Debt, repayment or its absence ("no repayment obligation" is this kind, `negative`).
    DebtOrRepayment,
    /// How the agreement relates to a party's other obligations, such as EU accession.
    CompatibilityWithObligations,
    /// How disputes are settled: courts, arbitration, the law that governs.
    DisputeResolution,
    /// A party keeps ownership of its resources, land or assets.
    RetainedOwnership,
    /// Preferential rights: first offer, offtake, purchase or investment priority.
    PreferentialRights,
    /// What the agreement leaves out (resources, assets or parties not covered).
    Exclusion,
    /// The agreement's duration, renewal or termination.
    DurationAndTermination,
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
