//! Identifiers: stable slugs that name every record and let records point at each other.
//!
//! Every id kind is its own newtype so that the JSON Schema names it (`PersonId`, `EventId`, ...)
//! and code generated from the schema keeps the distinction. All of them share one rule: a
//! lowercase slug of letters and digits separated by single hyphens.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// The pattern every id follows, as written in the JSON Schema.
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
/// The longest id accepted, in characters.
pub const ID_MAX_LENGTH: usize = 100;

/// Whether `text` follows [`ID_PATTERN`] and [`ID_MAX_LENGTH`].
pub fn is_valid_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= ID_MAX_LENGTH
        && text.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The error of an id that does not follow [`ID_PATTERN`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not an id: use lowercase letters and digits separated by single hyphens, e.g. `donald-trump`"
)]
pub struct InvalidId(pub String);

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $description:literal, $example:literal, [$($kind:literal),+]) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidId;
            fn try_from(text: String) -> Result<Self, InvalidId> {
                if is_valid_id(&text) { Ok(Self(text)) } else { Err(InvalidId(text)) }
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
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
                    "pattern": ID_PATTERN,
                    "maxLength": ID_MAX_LENGTH,
                    "examples": [$example],
                    "x-accord-refers-to": [$($kind),+]
                })
            }
        }
    };
}

id_type!(
    /// The id of any record: used where a reference may point at records of several kinds.
    RecordId,
    "The id of any record in the dataset (a person, organization, event, agreement, term, fund, claim, ...).",
    "us-ukraine-economic-framework-agreement",
    ["source", "person", "organization", "office", "event", "agreement", "version", "term", "fund", "claim", "resource", "topic"]
);
id_type!(
    /// The id of a source (an article or other document that records cite).
    SourceId,
    "The id of a source record.",
    "hankyung-2025-02-27-trump-zelensky-summit",
    ["source"]
);
id_type!(
    /// The id of an actor: a person or an organization.
    ActorId,
    "The id of an actor: a person or an organization (country, government, alliance, bloc, outlet).",
    "donald-trump",
    ["person", "organization"]
);
id_type!(
    /// The id of a person.
    PersonId,
    "The id of a person record.",
    "scott-bessent",
    ["person"]
);
id_type!(
    /// The id of an organization: a country, government, alliance, bloc or media outlet.
    OrganizationId,
    "The id of an organization record (country, government, alliance, bloc, media outlet).",
    "ukraine",
    ["organization"]
);
id_type!(
    /// The id of an office that people hold, such as a presidency or a ministry.
    OfficeId,
    "The id of an office record.",
    "us-secretary-of-the-treasury",
    ["office"]
);
id_type!(
    /// The id of an event.
    EventId,
    "The id of an event record.",
    "trump-zelensky-summit-2025-02-28",
    ["event"]
);
id_type!(
    /// The id of an agreement.
    AgreementId,
    "The id of an agreement record.",
    "us-ukraine-economic-framework-agreement",
    ["agreement"]
);
id_type!(
    /// The id of one text (version) of an agreement: a draft, the signed text, an amended text.
    VersionId,
    "The id of an agreement version (unique across the dataset, not only within its agreement).",
    "us-ukraine-minerals-agreement-signed-text",
    ["version"]
);
id_type!(
    /// The id of a term of an agreement.
    TermId,
    "The id of an agreement term (unique across the dataset, not only within its agreement).",
    "minerals-deal-security-guarantee-language",
    ["term"]
);
id_type!(
    /// The id of a fund.
    FundId,
    "The id of a fund record.",
    "us-ukraine-joint-reinvestment-fund",
    ["fund"]
);
id_type!(
    /// The id of a claim or stated position.
    ClaimId,
    "The id of a claim record.",
    "trump-security-guarantee-is-europes-responsibility",
    ["claim"]
);
id_type!(
    /// The id of a resource: a mineral, a commodity, a kind of asset.
    ResourceId,
    "The id of a resource record (a mineral, a commodity, a kind of asset).",
    "rare-earths",
    ["resource"]
);
id_type!(
    /// The id of a topic claims are about.
    TopicId,
    "The id of a topic record.",
    "security-guarantees",
    ["topic"]
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_slugs_and_rejects_everything_else() {
        for good in ["a", "donald-trump", "g7", "2025-02-28-summit"] {
            assert!(is_valid_id(good), "{good}");
        }
        for bad in ["", "Trump", "a--b", "-a", "a-", "a_b", "a b", "é"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
        assert!(!is_valid_id(&"a".repeat(ID_MAX_LENGTH + 1)));
    }
}
