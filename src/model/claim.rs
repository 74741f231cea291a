//! Claims: stated positions, statements, reactions, expectations and the reporter's analysis.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::bounded::NonEmpty;

use super::citation::Citation;
use super::date::DateValue;
use super::ids::{ActorId, ClaimId, EventId, RecordId, TopicId};

/// Something an actor holds or said, or that a source expects or concludes: who, about what, in
/// which words, when and where. A claim is not a fact: how the source presents it is in the
/// modality of its citations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The stable id other records use for this claim.
    pub id: ClaimId,
    /// What kind of claim this is.
    pub kind: ClaimKind,
    /// The actors who hold the position or said the words. Left out for the reporter's own
    /// analysis (citations with the modality `analysis`) and for expectations no actor is said
    /// to hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holders: Vec<ActorId>,
    /// The claim in one short neutral sentence, in the editor's words.
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub summary: String,
    /// The topics the claim is about: ids of the dataset's topic records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<TopicId>,
    /// The records the claim is about: actors, events, agreements, terms, funds or other claims.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<RecordId>,
    /// The holder's own words, when the source prints them inside quotation marks, copied
    /// exactly without the quotation marks.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::non_empty_optional_text"
    )]
    #[schemars(extend("x-accord-verbatim" = "record"))]
    #[schemars(length(min = 1))]
    pub direct_quote: Option<String>,
    /// When the claim was made, if a source says.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub date: Option<DateValue>,
    /// The event at which the claim was made (a press conference, an interview), if a source
    /// says.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub made_at: Option<EventId>,
    /// For reactions: the records this claim responds to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub in_response_to: Vec<RecordId>,
    /// Where the sources report the claim.
    pub citations: NonEmpty<Citation>,
}

/// A kind of claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A stance an actor takes on an issue (for example that Ukraine cannot join NATO).
    Position,
    /// Something an actor said or reported that is not a stance.
    Statement,
    /// An announcement of a plan or decision.
    Announcement,
    /// A response to an event or to another claim, such as a backlash.
    Reaction,
    /// What the source expects to happen.
    Expectation,
    /// The reporter's interpretation of what something means.
    Analysis,
    /// Background the source gives as fact.
    Background,
}
