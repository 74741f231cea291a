//! Organizations: countries, governments, alliances, blocs and media outlets.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::bounded::NonEmpty;

use super::citation::Citation;
use super::ids::{ActorId, OrganizationId, PersonId};
use super::pattern::{CountryCode, WikidataId};

/// A collective actor: a country, a government, an alliance, a looser bloc or camp, or a media
/// outlet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// The stable id other records use for this organization.
    pub id: OrganizationId,
    /// What kind of organization this is.
    pub kind: OrganizationKind,
    /// The name the dataset uses for it.
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub name: String,
    /// Other names the sources use (for example `NATO` for the North Atlantic Treaty
    /// Organization).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The ISO 3166-1 alpha-2 code of a country, or of the country a government or outlet
    /// belongs to.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub country_code: Option<CountryCode>,
    /// The country this organization belongs to: for a government, the country it governs.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub country: Option<OrganizationId>,
    /// The person who leads it, when a source says (for example the president whose name an
    /// administration bears).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub led_by: Option<PersonId>,
    /// Members of an alliance or bloc that a source names. Left out when no source lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<ActorId>,
    /// The organization's Wikidata item, when known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub wikidata: Option<WikidataId>,
    /// Where the sources mention this organization.
    pub citations: NonEmpty<Citation>,
}

/// A kind of organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationKind {
    /// A sovereign state.
    Country,
    /// The government or administration of a country.
    Government,
    /// A ministry, department or agency of a government.
    GovernmentAgency,
    /// A formal alliance with a treaty, such as NATO.
    Alliance,
    /// A looser grouping of states that sources treat as one actor, such as "Europe" or "the
    /// anti-Russia camp".
    Bloc,
    /// A newspaper, broadcaster, news agency or other media outlet.
    MediaOutlet,
    /// A company.
    Company,
    /// An international organization, such as the United Nations.
    InternationalOrganization,
    /// A parliament, congress or other legislature, or one of its chambers.
    Legislature,
    /// A law firm, think tank or other organization that publishes analysis.
    ResearchOrLegal,
}
