//! Offices: positions that exist apart from whoever holds them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::bounded::NonEmpty;

use super::citation::Citation;
use super::ids::{OfficeId, OrganizationId};
use super::pattern::WikidataId;

/// An office, such as the presidency of a country or a ministry. People hold it for a time
/// (see `holds` on a person).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// The stable id other records use for this office.
    pub id: OfficeId,
    /// The office's full title.
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub title: String,
    /// The country or organization the office belongs to.
    pub jurisdiction: OrganizationId,
    /// The office's Wikidata item, when known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub wikidata: Option<WikidataId>,
    /// Where the sources name the office.
    pub citations: NonEmpty<Citation>,
}
