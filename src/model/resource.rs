//! Resources: the minerals, commodities and assets agreements cover, as records of the dataset.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::bounded::NonEmpty;
use super::citation::Citation;
use super::ids::ResourceId;
use super::pattern::WikidataId;

/// A resource an agreement covers or leaves out: a mineral (lithium, graphite, titanium), a
/// commodity (oil, LNG), a kind of asset (ports, pipelines). Resources are records rather than a
/// fixed list, so each article can add the ones it names, checked like actors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// The stable id terms use for this resource.
    pub id: ResourceId,
    /// The resource's name as the dataset uses it.
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub name: String,
    /// Other names the sources use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Broader resources this one belongs to (lithium to critical minerals).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub broader: Vec<ResourceId>,
    /// The resource's Wikidata item, when known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub wikidata: Option<WikidataId>,
    /// Where the sources name the resource.
    pub citations: NonEmpty<Citation>,
}
