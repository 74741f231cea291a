//! Quantities: the numbers agreements, funds and votes state, each typed with what it measures.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use std::num::NonZeroU32;

use super::bounded::Percentage;
use super::ids::ActorId;
use super::pattern::CurrencyCode;

/// A number a provision or a report states, with what it measures: schema.org `QuantitativeValue` and
/// `MonetaryAmount`, typed by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Quantity {
    /// A share, in percent, of something: "50 percent of future revenue".
    Share {
        /// The share in percent, from 0 to 100.
        percent: Percentage,
        /// What it is a share of, in a few words ("revenue from new licences").
        #[serde(deserialize_with = "super::non_empty_text")]
        #[schemars(length(min = 1))]
        of: String,
        /// The party it concerns (whose seats, whose contribution), when the provision says.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "super::reject_null"
        )]
        party: Option<ActorId>,
        /// The passage that states the number, copied exactly from the source.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "super::reject_null"
        )]
        #[schemars(extend("x-accord-verbatim" = "record"))]
        as_written: Option<String>,
    },
    /// A number of things: "57 minerals", "three seats on the board".
    Count {
        /// How many.
        value: u64,
        /// What is counted, in a few words ("seats on the fund's board").
        #[serde(deserialize_with = "super::non_empty_text")]
        #[schemars(length(min = 1))]
        of: String,
        /// The party it concerns (whose seats, whose contribution), when the provision says.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "super::reject_null"
        )]
        party: Option<ActorId>,
        /// The passage that states the number, copied exactly from the source.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "super::reject_null"
        )]
        #[schemars(extend("x-accord-verbatim" = "record"))]
        as_written: Option<String>,
    },
    /// A length of time: "for 10 years".
    Duration {
        /// How many units.
        #[schemars(range(min = 1, max = 4_294_967_295_u32))]
        value: NonZeroU32,
        /// The unit.
        unit: DurationUnit,
        /// The party it concerns (whose seats, whose contribution), when the provision says.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "super::reject_null"
        )]
        party: Option<ActorId>,
        /// The passage that states the number, copied exactly from the source.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "super::reject_null"
        )]
        #[schemars(extend("x-accord-verbatim" = "record"))]
        as_written: Option<String>,
    },
    /// An amount of money with its currency: "USD 75 million" is `amount: 75000000`,
    /// `currency: USD`.
    Money {
        /// The amount, in whole units of the currency.
        amount: u64,
        /// The currency.
        currency: CurrencyCode,
        /// The party it concerns (whose seats, whose contribution), when the provision says.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "super::reject_null"
        )]
        party: Option<ActorId>,
        /// The passage that states the number, copied exactly from the source.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "super::reject_null"
        )]
        #[schemars(extend("x-accord-verbatim" = "record"))]
        as_written: Option<String>,
    },
    /// How a body decides: "decisions require unanimity".
    VotingRule {
        /// The rule.
        rule: VotingRule,
        /// The body that decides this way, in a few words ("the fund's board").
        #[serde(deserialize_with = "super::non_empty_text")]
        #[schemars(length(min = 1))]
        body: String,
        /// The party it concerns (whose seats, whose contribution), when the provision says.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "super::reject_null"
        )]
        party: Option<ActorId>,
        /// The passage that states the number, copied exactly from the source.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "super::reject_null"
        )]
        #[schemars(extend("x-accord-verbatim" = "record"))]
        as_written: Option<String>,
    },
}

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    /// Days.
    Days,
    /// Weeks.
    Weeks,
    /// Months.
    Months,
    /// Years.
    Years,
}

/// How a body decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VotingRule {
    /// Every member must agree.
    Unanimity,
    /// Decisions by agreement without a vote.
    Consensus,
    /// More than half of the votes.
    SimpleMajority,
    /// A larger share than half, as the provision sets it.
    QualifiedMajority,
}
