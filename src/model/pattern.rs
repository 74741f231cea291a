//! Constrained strings: country codes, Wikidata ids, language tags, dates, times, zones, e-mail
//! addresses and paths. Each is a newtype whose rule is one regular expression, used both by
//! deserialization and as the `pattern` of the JSON Schema, so the types and the schema accept
//! exactly the same strings. The patterns avoid `\s`, `\d`, `\w` and `.`, whose meaning differs
//! between ECMA-262 (the schema's dialect), Rust's `regex` and Python's `re`: white space is
//! listed character by character instead.

use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// The error of a string that does not follow the pattern of its type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a valid {kind}: it must match `{pattern}`")]
pub struct PatternMismatch {
    /// The type's name.
    pub kind: &'static str,
    /// The rejected text.
    pub value: String,
    /// The pattern it had to match.
    pub pattern: &'static str,
}

macro_rules! pattern_type {
    ($(#[$doc:meta])* $name:ident, pattern = $pattern:literal, description = $description:literal, examples = [$($example:literal),+]) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The pattern every value matches, as written in the JSON Schema.
            pub const PATTERN: &'static str = $pattern;

            /// The value as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = PatternMismatch;
            fn try_from(text: String) -> Result<Self, PatternMismatch> {
                static RULE: LazyLock<Regex> =
                    LazyLock::new(|| Regex::new($pattern).unwrap_or_else(|e| unreachable!("{e}")));
                if RULE.is_match(&text) {
                    Ok(Self(text))
                } else {
                    Err(PatternMismatch { kind: stringify!($name), value: text, pattern: $pattern })
                }
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "title": stringify!($name),
                    "description": $description,
                    "type": "string",
                    "pattern": $pattern,
                    "examples": [$($example),+]
                })
            }
        }
    };
}

pattern_type!(
    /// An ISO 3166-1 alpha-2 country code.
    CountryCode,
    pattern = "^[A-Z]{2}$",
    description = "An ISO 3166-1 alpha-2 country code, in capitals. Quote it in YAML only if you like: accord reads YAML 1.2, so `NO` stays the string \"NO\".",
    examples = ["US", "UA", "GB"]
);

pattern_type!(
    /// An ISO 4217 currency code.
    CurrencyCode,
    pattern = "^[A-Z]{3}$",
    description = "An ISO 4217 currency code, in capitals.",
    examples = ["USD", "EUR", "UAH"]
);

pattern_type!(
    /// An IPTC Media Topic code.
    MediaTopicCode,
    pattern = "^medtop:[0-9]{8}$",
    description = "An IPTC Media Topic code: `medtop:` followed by eight digits (see https://cv.iptc.org/newscodes/mediatopic/).",
    examples = ["medtop:16000000", "medtop:11000000"]
);

pattern_type!(
    /// A Wikidata item id.
    WikidataId,
    pattern = "^Q[1-9][0-9]*$",
    description = "A Wikidata item id: `Q` followed by digits.",
    examples = ["Q30", "Q212"]
);

pattern_type!(
    /// A BCP 47 language tag.
    LanguageTag,
    pattern = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    description = "A BCP 47 language tag: an ISO 639 language code, optionally followed by subtags.",
    examples = ["en", "ko", "uk", "en-GB"]
);

pattern_type!(
    /// A calendar date, exact or reduced to month or year precision.
    CalendarDate,
    pattern = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
    description = "A calendar date in ISO 8601 / EDTF level 0 form, at day, month or year precision: `2025-02-28`, `2025-02` or `2025`. Which parts the source printed and which were inferred is recorded beside it.",
    examples = ["2025-02-28", "2025-02", "2025"]
);

pattern_type!(
    /// A time of day on the 24-hour clock.
    TimeOfDay,
    pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$",
    description = "A time of day on the 24-hour clock, `HH:MM`. Quote it in YAML: an unquoted `11:00` is still a string for accord, but not for YAML 1.1 tools.",
    examples = ["11:00", "09:30"]
);

pattern_type!(
    /// A time zone: an IANA zone name, `UTC`, or a fixed offset.
    TimeZone,
    pattern = "^(UTC|[A-Z][A-Za-z_]+(/[A-Za-z0-9_+-]+)+|[+-](0[0-9]|1[0-4]):[0-5][0-9])$",
    description = "A time zone: an IANA time zone name, `UTC`, or a fixed offset from UTC.",
    examples = ["America/New_York", "Europe/Kyiv", "UTC", "+09:00"]
);

pattern_type!(
    /// An e-mail address.
    EmailAddress,
    pattern = "^[^@\\u0000-\\u0020\\u007F-\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]+@[^@\\u0000-\\u0020\\u007F-\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]+\\.[^@\\u0000-\\u0020\\u007F-\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]+$",
    description = "An e-mail address, as printed in the source.",
    examples = ["waterbean@hankyung.com"]
);

pattern_type!(
    /// A relative path to a plain-text file inside the dataset.
    TextPath,
    pattern = "^[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*\\.txt$",
    description = "A path to a UTF-8 `.txt` file, relative to the directory of the YAML file that names it. No absolute paths and no `..`: a dataset cannot point outside itself.",
    examples = ["hankyung-2025-02-27-trump-zelensky-summit.txt"]
);

pattern_type!(
    /// A web address.
    Url,
    pattern = "^https?://[^\\u0000-\\u0020\\u007F-\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]+$",
    description = "An http or https web address.",
    examples = ["https://www.hankyung.com/"]
);

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts<T: TryFrom<String>>(text: &str) -> bool {
        T::try_from(text.to_owned()).is_ok()
    }

    #[test]
    fn patterns_accept_their_examples_and_reject_near_misses() {
        assert!(
            accepts::<CountryCode>("NO")
                && !accepts::<CountryCode>("usa")
                && !accepts::<CountryCode>("us")
        );
        assert!(
            accepts::<WikidataId>("Q30")
                && !accepts::<WikidataId>("Q030")
                && !accepts::<WikidataId>("30")
        );
        assert!(
            accepts::<CalendarDate>("2025")
                && accepts::<CalendarDate>("2025-02")
                && accepts::<CalendarDate>("2025-02-28")
        );
        assert!(
            !accepts::<CalendarDate>("2025-13-01")
                && !accepts::<CalendarDate>("2025-2-8")
                && !accepts::<CalendarDate>("28 Feb")
        );
        assert!(
            accepts::<TimeOfDay>("11:00")
                && !accepts::<TimeOfDay>("24:00")
                && !accepts::<TimeOfDay>("11 a.m.")
        );
        assert!(
            accepts::<TimeZone>("America/New_York")
                && accepts::<TimeZone>("+09:00")
                && !accepts::<TimeZone>("EST")
        );
        assert!(
            accepts::<TextPath>("sources/a.txt")
                && !accepts::<TextPath>("../a.txt")
                && !accepts::<TextPath>("/etc/a.txt")
        );
    }
}
