//! Funds set up by agreements, such as a joint reinvestment fund.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::bounded::{NonEmpty, Percentage};

use super::citation::Citation;
use super::ids::{ActorId, AgreementId, FundId};

/// A fund that an agreement creates or feeds, as a record of its own so that later sources can
/// add its contributions and governance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fund {
    /// The stable id other records use for this fund.
    pub id: FundId,
    /// The fund's name, or the description a source uses for it (for example `a joint fund`).
    pub name: String,
    /// The parties who own or run the fund.
    pub parties: Vec<ActorId>,
    /// The agreement that creates or feeds the fund.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub agreement: Option<AgreementId>,
    /// What the fund is for, as the sources put it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub purpose: Option<String>,
    /// Contributions to the fund the sources report. Left empty until a source gives them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributions: Vec<FundContribution>,
    /// Provisions on how the fund is governed that the sources report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub governance: Vec<GovernanceProvision>,
    /// Where the sources report the fund.
    pub citations: NonEmpty<Citation>,
}

/// A party's contribution to a fund.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundContribution {
    /// The contributing party.
    pub party: ActorId,
    /// What is contributed, in the source's words (for example a share of revenues).
    pub description: String,
    /// The contribution as a percentage, when a source gives one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub share_percent: Option<Percentage>,
    /// Where the sources report the contribution.
    pub citations: NonEmpty<Citation>,
}

/// A provision on how a fund is governed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GovernanceProvision {
    /// The provision in a short neutral sentence.
    pub summary: String,
    /// Where the sources report it.
    pub citations: NonEmpty<Citation>,
}
