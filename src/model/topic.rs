//! Topics: what claims are about, as records of the dataset mapped to IPTC Media Topics.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::citation::Citation;
use super::ids::TopicId;
use super::pattern::{MediaTopicCode, WikidataId};

/// A topic claims are about (security guarantees, NATO membership, territory). Topics are
/// records rather than a fixed list, so a story can add its own; each may name the IPTC Media
/// Topic it matches, the newsroom standard, so datasets can be compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// The stable id claims use for this topic.
    pub id: TopicId,
    /// The topic's name.
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub name: String,
    /// What the topic covers, in a sentence.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub description: Option<String>,
    /// The IPTC Media Topic this topic matches or falls under, such as `medtop:16000000`
    /// (conflict, war and peace).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub iptc: Option<MediaTopicCode>,
    /// The topic's Wikidata item, when known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub wikidata: Option<WikidataId>,
    /// Where the sources speak of the topic. A topic is the dataset's own vocabulary, not a
    /// fact a source reports, so it needs no citation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<Citation>,
}
