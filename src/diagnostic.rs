//! Findings as data: a stable code, a severity, a message, where it is, and how to fix it.
//!
//! Spans are byte ranges into the file's text; line and column are computed only when a
//! diagnostic is rendered.

use std::ops::Range;
use std::path::PathBuf;

use crate::explain::{self, Explanation};

/// A byte range in a file's text.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The span as a range for slicing the text.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    /// The data is wrong; `accord check` fails.
    Error,
    /// The data is suspicious; `accord check` fails too (every finding does), but the data can
    /// still be used.
    Warning,
}

impl Severity {
    /// The severity's name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The table of codes: one row per code, giving its variant, its stable name, its severity and
/// its summary. The code's long explanation is the Markdown file `src/codes/<name>.md`, compiled
/// in by name, so a row without its file does not build.
macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $summary:literal;)+) => {
        /// The kind of a finding. Each has a stable kebab-case name that tools can rely on.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = $summary]
                $variant,
            )+
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The code's stable name, as printed and as accepted by `accord explain`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name),+ }
            }

            /// The severity findings of this code have.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),+ }
            }

            /// A one-line description of what the code means.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary),+ }
            }

            /// The code's long explanation as written, the Markdown file `src/codes/<name>.md`
            /// (see [`crate::explain`] for its format).
            pub fn markdown(self) -> &'static str {
                match self { $(Code::$variant => include_str!(concat!("codes/", $name, ".md"))),+ }
            }

            /// The code's long explanation, for `accord explain`: its Markdown file read by
            /// [`explain::parse`]. A file that does not follow the format (a test keeps every
            /// file in it) is given whole, as details without examples.
            pub fn explanation(self) -> Explanation {
                let markdown = self.markdown();
                explain::parse(markdown).unwrap_or(Explanation {
                    details: markdown,
                    bad: None,
                    fixed: None,
                })
            }

            /// The code with this name, if there is one.
            pub fn from_name(name: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|code| code.as_str() == name)
            }
        }
    };
}

codes! {
    Io = "io-error", Error, "A file or directory could not be read.";
    FileTooLarge = "file-too-large", Error, "A file is larger than the size limit.";
    NotUtf8 = "not-utf8", Error, "A file is not valid UTF-8 text.";
    EmptyFile = "empty-file", Warning, "A data file holds no YAML document.";
    YamlSyntax = "yaml-syntax", Error, "The file is not valid YAML.";
    MultipleDocuments = "multiple-documents", Error, "A data file holds more than one YAML document.";
    DuplicateKey = "duplicate-key", Error, "A key appears twice in one mapping.";
    UnsupportedYaml = "unsupported-yaml", Error, "The file uses a YAML feature data files do not allow: tags, complex keys, infinite numbers.";
    Yaml11Value = "yaml-1-1-value", Warning, "Plain text that YAML 1.1 tools read as a boolean or number (`NO`, `on`, `11:00`).";
    LimitExceeded = "limit-exceeded", Error, "The file nests too deeply, its aliases expand too far, or it has more findings than are reported.";
    UnknownField = "unknown-field", Error, "A mapping has a field the schema does not define.";
    MissingField = "missing-field", Error, "A required field is missing.";
    InvalidType = "invalid-type", Error, "A value has the wrong type (for example text where a list is expected).";
    InvalidValue = "invalid-value", Error, "A value is not one of the allowed values, or is out of range.";
    InvalidPattern = "invalid-pattern", Error, "A string does not follow the pattern of its kind (id, date, country code, ...).";
    SchemaViolation = "schema-violation", Error, "The data breaks another rule of the schema.";
    ImpossibleDate = "impossible-date", Error, "A date names a day its month does not have.";
    DuplicateId = "duplicate-id", Error, "Two records share an id.";
    DanglingReference = "dangling-reference", Error, "A reference names an id no record has.";
    WrongReferenceKind = "wrong-reference-kind", Error, "A reference names a record of the wrong kind.";
    DuplicateItem = "duplicate-item", Error, "A list names the same record or value twice.";
    SelfReference = "self-reference", Error, "A record refers to itself (supersedes, follows, answers or is about itself).";
    EmptyText = "empty-text", Error, "A text field that must say something is empty.";
    InferredPartAbsent = "inferred-part-absent", Error, "A date marks as inferred a part it does not have.";
    AttributionMismatch = "attribution-mismatch", Error, "A citation's modality and its attribution disagree (`stated` naming nobody, `fact` naming someone).";
    MissingParty = "missing-party", Error, "A status that one party reaches does not name the party.";
    KindFieldMismatch = "kind-field-mismatch", Error, "A field is set on a kind it does not apply to, or missing from a kind that needs it.";
    StatusOrder = "status-order", Error, "A status history is not in time order.";
    LifecycleOrder = "lifecycle-order", Error, "A status is dated before a step it needs (entry into force before signature) and no conflict is marked.";
    StatusAfterPublication = "status-after-publication", Error, "A status is dated after the publication of the source that reports it.";
    QuoteNotFound = "quote-not-found", Error, "A quote does not appear in the text of the source it cites.";
    EmptySourceText = "empty-source-text", Error, "A source's text file is empty, so no quote can be checked against it.";
    SourceTextUnreadable = "source-text-unreadable", Error, "The text file of a source cannot be read.";
    SourceTextOutsideDataset = "source-text-outside-dataset", Error, "A source's text file resolves outside the dataset, to a special file system, or to something other than a regular file; it is not read.";
    LinkOutsideDataset = "link-outside-dataset", Error, "A symbolic link in a checked directory leads outside the dataset; it is not followed.";
}

/// A secondary place a diagnostic points at, such as where a duplicate id was first defined.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Label {
    /// The file, when it is not the diagnostic's own file.
    pub path: Option<PathBuf>,
    /// The range in that file, once known.
    pub span: Option<Span>,
    /// The JSON Pointer of the value this label is about, for labels placed after the fact.
    pub(crate) pointer: Option<String>,
    /// What this place is.
    pub message: String,
}

/// Whether a fix may be applied without a person looking at it, as ruff and rustfix tell them
/// apart.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Applicability {
    /// The fix is what the text was clearly meant to be (a slip of the finger near one name, a
    /// quote that differs from its source only in the style of its quotation marks):
    /// `accord check --fix` applies it.
    Safe,
    /// The fix is likely but may change what the data means (another record's id, a name with
    /// a word dropped): it is shown, in the help line and in every output format, and never
    /// applied by `accord check --fix`.
    Unsafe,
}

impl Applicability {
    /// The name as printed in JSON and SARIF: `safe` or `unsafe`.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// A fix for a finding: the text that replaces the text the finding underlines, which is the key
/// of an unknown field and otherwise the value (quotes included, for a quoted one).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fix {
    /// The text to write in place of `span`, exactly as it goes in the file: YAML, quoted only
    /// where the value needs quotes to read back as itself.
    pub replacement: String,
    /// The text it replaces, filled in with the finding's own span. `None` while the finding is
    /// not placed, or when its pointer led to no text of its own: such a fix cannot be applied.
    pub span: Option<Span>,
    /// Whether `accord check --fix` may apply it.
    pub applicability: Applicability,
}

impl Fix {
    /// Whether the fix can be applied unseen: it is safe and placed.
    pub fn is_applicable(&self) -> bool {
        self.applicability == Applicability::Safe && self.span.is_some()
    }
}

/// One character of a scalar's value to change: the `occurrence`-th (from 0) `from` in the
/// value becomes `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CharSwap {
    /// The character as the value has it.
    pub from: char,
    /// Which of the value's `from` characters, counted from 0.
    pub occurrence: usize,
    /// The character it becomes.
    pub to: char,
}

/// How a fix known before its value's text is at hand changes the value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum PendingEdit {
    /// These characters change, in place.
    Swaps(Vec<CharSwap>),
    /// The value becomes this text, written in the scalar's style.
    Value(String),
}

/// A fix known as a change to a value, waiting for the value's text (a quote's, found in the
/// dataset pass, which has no file text) to become an edit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct PendingFix {
    /// The change.
    pub(crate) edit: PendingEdit,
    /// Whether the fix is safe.
    pub(crate) applicability: Applicability,
    /// The value's text, once the finding is placed exactly on it.
    pub(crate) span: Option<Span>,
}

/// Which text a pointer-placed finding underlines.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub(crate) enum Target {
    /// The value.
    #[default]
    Value,
    /// The key of the mapping entry holding the value (an unknown field).
    Key,
    /// The key of the entry holding the value, or the start of the value when it has no key (a
    /// missing field of a list item).
    KeyOrStart,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// What kind of finding this is.
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file it is in. Filled in by the checker for every diagnostic it returns.
    pub path: PathBuf,
    /// Where in the file, if the finding has a place.
    pub span: Option<Span>,
    /// The JSON Pointer of the offending value, for findings about data ([`Diagnostic::pointer`]).
    pub(crate) pointer: Option<String>,
    /// Which text of the value at `pointer` the span covers; used to place the finding when its
    /// span is not known yet.
    pub(crate) target: Target,
    /// Other places that explain the finding.
    pub labels: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// The replacement that likely fixes it, when accord can name one (the field, value or id
    /// that a misspelling was meant to be, as the help line says), and whether it is safe.
    pub fix: Option<Fix>,
    /// A quote's fix, known as a change to its value before the value's text is at hand;
    /// turned into [`Diagnostic::fix`] once the finding is placed.
    pub(crate) pending_fix: Option<PendingFix>,
}

impl Diagnostic {
    /// The JSON Pointer of the offending value (`/claims/3/kind`), for findings about data.
    pub fn pointer(&self) -> Option<&str> {
        self.pointer.as_deref()
    }

    /// A finding of `code` with its default severity.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            path: PathBuf::new(),
            span: None,
            pointer: None,
            target: Target::Value,
            labels: Vec::new(),
            help: None,
            fix: None,
            pending_fix: None,
        }
    }

    /// Sets the primary span, which is also the span a suggestion replaces.
    pub fn with_span(mut self, span: Span) -> Self {
        self.span = Some(span);
        if let Some(fix) = &mut self.fix {
            fix.span.get_or_insert(span);
        }
        self
    }

    /// Places the finding on the value at `pointer` (its key, with [`Target::Key`]); the span
    /// is filled in later from the file's text.
    pub(crate) fn at(mut self, pointer: impl Into<String>, target: Target) -> Self {
        self.pointer = Some(pointer.into());
        self.target = target;
        self
    }

    /// Adds a secondary label in the same file.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            path: None,
            span: Some(span),
            pointer: None,
            message: message.into(),
        });
        self
    }

    /// Adds a secondary label on the value at `pointer` in the file `path` (or this file, if
    /// `None`); its span is filled in later.
    pub(crate) fn with_label_at(
        mut self,
        path: Option<PathBuf>,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        self.labels.push(Label {
            path,
            span: None,
            pointer: Some(pointer.into()),
            message: message.into(),
        });
        self
    }

    /// Whether the finding, or one of its labels, still waits for its span.
    pub(crate) fn needs_placing(&self) -> bool {
        (self.span.is_none() && self.pointer.is_some())
            || self
                .labels
                .iter()
                .any(|l| l.span.is_none() && l.pointer.is_some())
    }

    /// Sets the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Suggests `replacement` (YAML text, see [`Fix::replacement`]) for the text the finding
    /// underlines; its span is the finding's, once placed.
    pub fn with_fix(
        mut self,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        self.fix = Some(Fix {
            replacement: replacement.into(),
            span: self.span,
            applicability,
        });
        self
    }

    /// Sets the file.
    pub fn in_file(mut self, path: PathBuf) -> Self {
        self.path = path;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_kebab_case_and_round_trip() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "duplicate code {name}");
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{name}"
            );
            assert_eq!(Code::from_name(name), Some(*code));
            assert!(!code.summary().is_empty());
        }
    }
}
