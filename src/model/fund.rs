//! Funds set up by agreements, such as a joint reinvestment fund: their names over time, legal
//! form, partners, governance, contributions and distributions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::bounded::NonEmpty;

use super::citation::Citation;
use super::date::DateValue;
use super::ids::{ActorId, AgreementId, FundId};
use super::quantity::Quantity;

/// A fund that an agreement creates or feeds, as a record of its own so that later sources can
/// add its names, structure, contributions and governance. It keeps one identity while its name
/// changes: an article's "joint fund" that becomes a named investment fund is one record with two
/// names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fund {
    /// The stable id other records use for this fund.
    pub id: FundId,
    /// The fund's names, or the descriptions sources use for it (for example `a joint fund`),
    /// oldest first, each cited.
    pub names: NonEmpty<FundName>,
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
    /// The fund's legal form and the law it is set up under, when a source gives them.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub legal_form: Option<LegalForm>,
    /// The fund's partners or members and their roles (the general partner, the limited
    /// partners).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<FundPartner>,
    /// Contributions to the fund the sources report. Left out until a source gives them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributions: Vec<FundContribution>,
    /// Provisions on how the fund is governed (board seats by party, voting rules).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub governance: Vec<FundProvision>,
    /// Provisions on how the fund distributes or reinvests its proceeds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub distribution: Vec<FundProvision>,
    /// Where the sources report the fund.
    pub citations: NonEmpty<Citation>,
}

/// A name used for a fund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundName {
    /// The name or description, exactly as the source prints it.
    #[schemars(extend("x-accord-verbatim" = "record"))]
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub name: String,
    /// Since when the name is used, if a source says.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub since: Option<DateValue>,
    /// Where the name is used.
    pub citations: NonEmpty<Citation>,
}

/// The legal form of a fund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalForm {
    /// The form, in the source's words (`limited partnership`).
    #[schemars(extend("x-accord-verbatim" = "record"))]
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub form: String,
    /// The law or jurisdiction it is set up under, in the source's words (`Delaware law`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    #[schemars(extend("x-accord-verbatim" = "record"))]
    pub law: Option<String>,
    /// Where the sources give the form.
    pub citations: NonEmpty<Citation>,
}

/// A partner or member of a fund and its role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundPartner {
    /// The partner: a government, an agency, a company.
    pub actor: ActorId,
    /// Its role in the fund.
    pub role: PartnerRole,
    /// Where the sources name it.
    pub citations: NonEmpty<Citation>,
}

/// A partner's role in a fund.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartnerRole {
    /// The general partner, which manages a limited partnership.
    GeneralPartner,
    /// A limited partner.
    LimitedPartner,
    /// A member or shareholder of another legal form.
    Member,
    /// A manager or administrator that is not a partner.
    Manager,
}

/// A party's contribution to a fund.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundContribution {
    /// The contributing party.
    pub party: ActorId,
    /// What is contributed, in a few words (a share of revenues, future military aid).
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub description: String,
    /// The form of the contribution.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub form: Option<ContributionForm>,
    /// The contribution's numbers: an amount of money with its currency, a share.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantities: Vec<Quantity>,
    /// Where the sources report the contribution.
    pub citations: NonEmpty<Citation>,
}

/// What counts as a contribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContributionForm {
    /// Money paid in.
    Cash,
    /// A share of revenues or proceeds paid in as they arise.
    RevenueShare,
    /// Assets, rights or services rather than money.
    InKind,
    /// Future aid counted at its assessed value (for example military assistance).
    FutureAid,
}

/// A provision on how a fund is governed or distributes its proceeds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundProvision {
    /// The provision in a short neutral sentence.
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub summary: String,
    /// The provision's numbers: board seats by party, a voting rule, a share of profits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantities: Vec<Quantity>,
    /// Where the sources report it.
    pub citations: NonEmpty<Citation>,
}
