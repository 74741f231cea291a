//! Sources: the articles and documents that every other record cites.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::DateValue;
use super::ids::{OrganizationId, PersonId, SourceId};
use super::pattern::{EmailAddress, LanguageTag, TextPath, Url};

/// A source: a news article or other document. Its full text is stored beside the dataset so
/// that every quote citing it can be checked word for word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The stable id other records use to cite this source.
    pub id: SourceId,
    /// What kind of document this is.
    pub kind: SourceKind,
    /// The headline or title, exactly as published. Required for every kind but a social-media
    /// post, which has none.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::non_empty_optional_text"
    )]
    #[schemars(length(min = 1), extend("x-accord-scaffold" = true))]
    pub title: Option<String>,
    /// The organization that published it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub publisher: Option<OrganizationId>,
    /// The name of the publication or edition it appeared in, when it differs from the
    /// publisher's name (for example a website or a foreign-language edition).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub publication: Option<String>,
    /// The authors named in the byline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    /// When it was published, if known. A date read from the URL rather than printed in the
    /// text marks its parts as `inferred` and says so in its `resolution`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub published: Option<DateValue>,
    /// The language of the stored text.
    pub language: LanguageTag,
    /// Set when the stored text is a translation of another text.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub translation: Option<Translation>,
    /// Where the source can be read online, if known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub url: Option<Url>,
    /// The publisher's contact address as printed with the source.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub contact: Option<EmailAddress>,
    /// The file holding the source's text, relative to this YAML file. Quotes that cite the
    /// source are checked against it.
    pub text: TextPath,
    /// Set when the stored text is an excerpt of the source rather than all of it, so that a
    /// reader knows that what the text leaves out may still be in the source.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub excerpt: bool,
}

/// A kind of source document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A news article.
    NewsArticle,
    /// A transcript of an interview, briefing or press conference.
    Transcript,
    /// A statement by a government or organization.
    OfficialStatement,
    /// A press release.
    PressRelease,
    /// The text of an agreement or other official document.
    OfficialDocument,
    /// A post on a social media platform.
    SocialMediaPost,
    /// The text of a law, treaty or other legal instrument as published.
    LegalText,
    /// A reference work: an encyclopedia, a database, a registry.
    ReferenceWork,
    /// An analysis by a law firm, think tank or research institute.
    Analysis,
}

/// An author named in a source's byline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// The author's name as printed.
    #[serde(deserialize_with = "super::non_empty_text")]
    #[schemars(length(min = 1))]
    pub name: String,
    /// The author's role as printed (for example `Hankyung.com reporter`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub role: Option<String>,
    /// The author's e-mail address as printed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub email: Option<EmailAddress>,
    /// The author's person record, when the dataset has one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub person: Option<PersonId>,
}

/// Where a translated text comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// The language of the original text.
    pub from_language: LanguageTag,
    /// Who made the translation: the publisher, an agency, or the editor of the dataset.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub translated_by: Option<String>,
    /// The title of the original text.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub original_title: Option<String>,
    /// Where the original text can be read.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::reject_null"
    )]
    pub original_url: Option<Url>,
}
