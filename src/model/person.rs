//! People, and the offices they hold for a time.

use std::num::NonZeroU32;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::bounded::NonEmpty;

use super::citation::Citation;
use super::date::DateValue;
use super::ids::{OfficeId, PersonId};
use super::pattern::WikidataId;

/// A person the sources mention: a leader, an official, a reporter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The stable id other records use for this person.
    pub id: PersonId,
    /// The person's name as the sources print it: in full where they give it, or as much of it
    /// as they give (a surname only, as `name_form` says).
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub name: String,
    /// How much of the name the sources give: `full` (the default, left out), or only a surname
    /// or a given name.
    #[serde(default, skip_serializing_if = "NameForm::is_full")]
    pub name_form: NameForm,
    /// Other names or spellings the sources use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The person's Wikidata item, when known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub wikidata: Option<WikidataId>,
    /// The offices the sources say this person holds or held.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holds: Vec<OfficeHolding>,
    /// Where the sources mention this person.
    pub citations: NonEmpty<Citation>,
}

/// A person's holding of an office for a time, as the sources describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OfficeHolding {
    /// The office held.
    pub office: OfficeId,
    /// When the holding began, if a source says.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub start: Option<DateValue>,
    /// When the holding ended, if a source says. Absent while the person holds the office.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub end: Option<DateValue>,
    /// Which term of office this is (2 for a second term), if a source says.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    #[schemars(range(min = 1, max = 4_294_967_295_u32))]
    pub term_number: Option<NonZeroU32>,
    /// Where the sources say the person holds the office.
    pub citations: NonEmpty<Citation>,
}

/// How much of a person's name the sources give.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NameForm {
    /// The full name.
    #[default]
    Full,
    /// The surname only ("Mr. Kim").
    SurnameOnly,
    /// The given name only.
    GivenNameOnly,
}

impl NameForm {
    fn is_full(&self) -> bool {
        *self == NameForm::Full
    }
}
