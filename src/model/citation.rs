//! Provenance: every fact in the dataset points at the source it came from, with the source's
//! exact words and how the source knows it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ids::{ActorId, SourceId};

/// A passage of a source that supports a record: which source, its exact words, and how the
/// source presents them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The source the passage comes from.
    pub source: SourceId,
    /// The passage, copied exactly from the source's stored text. Runs of white space may differ;
    /// every other character must match. accord checks it.
    #[schemars(extend("x-accord-verbatim" = "citation"))]
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub quote: String,
    /// How the source presents the passage: as a fact in its own voice, as something an actor
    /// said on record, as something reported by others, as an expectation, or as the reporter's
    /// analysis.
    #[serde(default, skip_serializing_if = "Modality::is_fact")]
    pub modality: Modality,
    /// The actors the source attributes the passage to, when it names them (for example the
    /// official who said it). `stated` names them or gives an `attribution`; `fact` and
    /// `analysis` name nobody.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub according_to: Vec<ActorId>,
    /// The source's own words for an attribution it does not name, copied exactly (for example
    /// `foreign media`, `a White House official`): anonymous sources as the source describes
    /// them.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::non_empty_optional_text"
    )]
    #[schemars(extend("x-accord-verbatim" = "citation"))]
    #[schemars(length(min = 1))]
    pub attribution: Option<String>,
    /// The outlets or agencies the words came through before this source, nearest to the
    /// speaker first: "a White House official told Reuters" relayed by `reuters` (W3C PROV's
    /// `wasDerivedFrom`). The source's own publisher is not repeated here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relayed_by: Vec<ActorId>,
    /// How the words were first made public, when the source says: a social-media post, a press
    /// release, an interview, a press conference.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub channel: Option<Channel>,
}

/// How words were first made public (schema.org's `Claim.appearance`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A post on a social-media platform.
    SocialMediaPost,
    /// A press release or written statement.
    PressRelease,
    /// An interview with the media.
    Interview,
    /// A press conference or briefing.
    PressConference,
    /// A speech or address.
    Speech,
    /// A letter.
    Letter,
    /// A broadcast: television or radio.
    Broadcast,
}

/// How a source presents a passage. A claim by an official is not a fact: "the Ukrainian
/// government has already approved it", said by the US Treasury Secretary, is `stated`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// The source states it as fact, in its own voice, with no attribution.
    #[default]
    Fact,
    /// A named actor said it on record (quoted or paraphrased), and the source reports it.
    Stated,
    /// The source relays it from others: other media, unnamed officials, reports.
    Reported,
    /// The source expects it to happen or to be so; it has not happened yet.
    Expected,
    /// The reporter's own interpretation or assessment.
    Analysis,
}

impl Modality {
    /// The modality as written in data files (`stated`).
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Fact => "fact",
            Modality::Stated => "stated",
            Modality::Reported => "reported",
            Modality::Expected => "expected",
            Modality::Analysis => "analysis",
        }
    }

    /// Whether this is the default modality, [`Modality::Fact`].
    pub fn is_fact(&self) -> bool {
        *self == Modality::Fact
    }
}

#[cfg(test)]
mod tests {
    use super::Modality;

    #[test]
    fn modality_names_are_the_serialized_ones() {
        for modality in [
            Modality::Fact,
            Modality::Stated,
            Modality::Reported,
            Modality::Expected,
            Modality::Analysis,
        ] {
            assert_eq!(
                serde_json::to_value(modality).ok(),
                Some(serde_json::Value::from(modality.as_str()))
            );
        }
    }
}
