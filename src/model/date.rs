//! Dates as news reports them: often partial ("on the 12th"), with a time and a zone that may be
//! implied ("11 a.m. ... (local time)"), and a year the article never prints.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::pattern::{CalendarDate, TimeOfDay, TimeZone};

/// A date as a source gives it: the resolved value, the source's own wording, which parts were
/// inferred rather than printed, and how they were resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateValue {
    /// The resolved calendar date, at the precision the source supports: `2025-02-28`, `2025-02`
    /// or `2025`.
    pub date: CalendarDate,
    /// The time of day, `HH:MM` on the 24-hour clock, when the source gives one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub time: Option<TimeOfDay>,
    /// The time zone of the date and time: an IANA name such as `America/New_York`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub time_zone: Option<TimeZone>,
    /// The source's own words for this date, copied exactly (for example `the 27th (local time)`).
    /// accord checks that they appear in a source the enclosing record cites, or, for a date
    /// `read_from: url`, in the source's URL.
    #[schemars(extend("x-accord-verbatim" = "record"))]
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub as_written: String,
    /// The parts of `date`, `time` and `time_zone` that the source does not print and that were
    /// inferred by the editor. Left out when every part is printed in the source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inferred: Vec<DatePart>,
    /// Where the date was read: in the source's text (`text`, the default, left out), or, for a
    /// publication date the text does not print, in the source's `url` (`url`), whose part that
    /// gives the date is then `as_written` (`2025/04/30`).
    #[serde(default, skip_serializing_if = "DateOrigin::is_text")]
    pub read_from: DateOrigin,
    /// How the inferred parts were resolved, in a sentence an editor can verify.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub resolution: Option<String>,
}

/// A part of a date that can be printed in a source or inferred by the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DatePart {
    /// The year.
    Year,
    /// The month.
    Month,
    /// The day of the month.
    Day,
    /// The time of day.
    Time,
    /// The time zone.
    TimeZone,
}

/// Where a date was read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateOrigin {
    /// In the source's text.
    #[default]
    Text,
    /// In the source's URL.
    Url,
}

impl DateOrigin {
    fn is_text(&self) -> bool {
        *self == DateOrigin::Text
    }
}
