//! One YAML data file: any mix of the dataset's record kinds.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::agreement::Agreement;
use super::claim::Claim;
use super::event::Event;
use super::fund::Fund;
use super::office::Office;
use super::organization::Organization;
use super::person::Person;
use super::resource::Resource;
use super::source::Source;
use super::topic::Topic;

/// A data file of the accord dataset. Every section is optional, so the dataset can be split the
/// way editors work: a registry of actors shared by all articles, and a file per article with its
/// source, events, agreements and claims. Ids are unique across all files, and references work
/// across files.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    /// Articles and other documents that records cite.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// People: leaders, officials, reporters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// Countries, governments, alliances, blocs and media outlets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organizations: Vec<Organization>,
    /// Offices that people hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offices: Vec<Office>,
    /// Calls, talks, meetings, press conferences, interviews, summits and signings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// Agreements with their names, status history and terms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<Agreement>,
    /// Funds that agreements create or feed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funds: Vec<Fund>,
    /// Stated positions, statements, reactions, expectations and analysis.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Minerals, commodities and assets that agreement terms cover.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
    /// Topics that claims are about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<Topic>,
}
