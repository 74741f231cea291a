//! Events: calls, talks, meetings, press conferences, interviews, summits, signings.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::bounded::NonEmpty;

use super::citation::Citation;
use super::date::DateValue;
use super::ids::{ActorId, EventId, OrganizationId};

/// Something that happens at a time between actors: a call, talks, a meeting, a summit. Plain
/// statements are not events; they are claims. An event's status is a history, so a later
/// source can report that a scheduled summit occurred or was cancelled without rewriting what
/// an earlier source said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The stable id other records use for this event.
    pub id: EventId,
    /// What kind of event this is.
    pub kind: EventKind,
    /// A short neutral title for the event.
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub title: String,
    /// The people and organizations taking part, as the sources name them.
    pub participants: Vec<ActorId>,
    /// Actors the sources point out were not taking part (for example talks held "without
    /// Ukraine and Europe").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absent: Vec<ActorId>,
    /// What the event is for, as the sources put it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub purpose: Option<String>,
    /// Where the event takes place, if a source says.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub place: Option<Place>,
    /// When the event takes place, if a source says; partial dates are allowed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub date: Option<DateValue>,
    /// Events the sources say this one came after or follows on from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follows: Vec<EventId>,
    /// The event this one is part of (schema.org `superEvent`): a signing ceremony, a press
    /// conference or a lunch within a summit. Each part has its own status, so the summit can
    /// have occurred while the signing within it was cancelled.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub part_of: Option<EventId>,
    /// Participants that a source names apart from the event's own citations, each with the
    /// passage that names them: a participant added by a later source is cited by it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reported_participants: Vec<ParticipantReport>,
    /// For votes: the result, with its count and the bill voted on.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub vote: Option<VoteResult>,
    /// The event's status as each source reports it, in time order, oldest first.
    pub status: NonEmpty<EventStatusReport>,
    /// Where the sources report the event.
    pub citations: NonEmpty<Citation>,
}

/// A kind of event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A telephone or video call.
    Call,
    /// Negotiations or high-level dialogue between delegations.
    Talks,
    /// A meeting between leaders or officials.
    Meeting,
    /// A summit between heads of state or government.
    Summit,
    /// A press conference.
    PressConference,
    /// An interview given to the media.
    Interview,
    /// The signing of an agreement.
    Signing,
    /// A vote or decision by a government or another body that is not a parliament.
    Vote,
    /// A vote of a parliament on a bill or a ratification, with its count and bill in `vote`; a
    /// ratification it decides names it as its `event`.
    ParliamentaryVote,
    /// A ceremony: an inauguration, a wreath-laying, a welcome.
    Ceremony,
    /// A lunch, dinner or reception.
    Meal,
    /// A funeral or memorial.
    Funeral,
    /// A meeting of a board, such as a fund's board.
    BoardMeeting,
}

/// Where an event takes place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// The place's name as the sources give it (a building, a city, a country).
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub name: String,
    /// The country the place is in.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub country: Option<OrganizationId>,
}

/// Participants of an event that one source names, with the passage that names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipantReport {
    /// The participants.
    pub actors: NonEmpty<ActorId>,
    /// Their role at the event, in the source's words (for example `as an observer`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub role: Option<String>,
    /// Where the sources name them.
    pub citations: NonEmpty<Citation>,
}

/// The result of a vote: its count and what was voted on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteResult {
    /// The votes in favour.
    pub in_favour: u64,
    /// The votes against.
    pub against: u64,
    /// The abstentions, if a source gives them.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub abstentions: Option<u64>,
    /// The bill or resolution voted on, by its number or name exactly as the source prints it
    /// (for example `No. 13150`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    #[schemars(extend("x-accord-verbatim" = "record"))]
    pub bill: Option<String>,
    /// The passage that gives the count, copied exactly from the source.
    #[schemars(extend("x-accord-verbatim" = "record"))]
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub as_written: String,
}

/// The status of an event as one source reports it at one time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventStatusReport {
    /// The status reported.
    pub status: EventStatus,
    /// When the status was reached, where the source gives a date of its own (the new date of a
    /// rescheduled event, the day a cancellation was announced).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub date: Option<DateValue>,
    /// Set when this report disagrees with another one kept beside it: both stay, each cited.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub conflicting: bool,
    /// Where the sources report this status.
    pub citations: NonEmpty<Citation>,
}

/// The status of an event, following schema.org's event statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// Announced for a future date.
    Scheduled,
    /// Took place.
    Occurred,
    /// Called off.
    Cancelled,
    /// Put off to an unknown date.
    Postponed,
    /// Moved to a new date.
    Rescheduled,
}
