//! Consistency rules: what the fields of one record must say together, which a schema of
//! independent fields does not check, and the one rule that compares a record with the source
//! it cites (a status dated after that source was published).
//!
//! Each rule reads the record's JSON value as written, without deserializing it, and places its
//! finding by JSON Pointer like the schema pass. A rule says nothing about a value of the wrong
//! shape: the schema pass reports that.

use std::cmp::Ordering;
use std::fmt::Write as _;

use serde_json::{Map, Value};

use crate::diagnostic::{Code, Diagnostic, Target};

use super::facts::{FileFacts, StatusDate};

/// Term kinds whose provisions have a security `strength`.
const SECURITY_TERM_KINDS: &[&str] = &["security_guarantee", "security_mechanism"];
/// Event kinds that have a `vote` result.
const VOTE_EVENT_KINDS: &[&str] = &["vote", "parliamentary_vote"];
/// The one source kind that has no title.
const UNTITLED_SOURCE_KIND: &str = "social_media_post";
/// Agreement statuses that one party reaches, which must name it.
const ONE_PARTY_STATUSES: &[&str] = &[
    "approved_by_party",
    "accepted",
    "approved",
    "acceded",
    "withdrawn",
];
/// Statuses whose date may lie after the report, because it is the date they are expected.
const EXPECTED_STATUSES: &[&str] = &["to_be_signed"];

/// The stage of an agreement's lifecycle a status marks, in treaty practice's order: signature,
/// consent to be bound, entry into force, end. Statuses outside this sequence have none.
fn lifecycle_stage(status: &str) -> Option<u8> {
    match status {
        "signed" => Some(1),
        "ratified" | "accepted" | "approved" | "acceded" => Some(2),
        "in_force" => Some(3),
        "withdrawn" | "terminated" | "struck_down" => Some(4),
        _ => None,
    }
}

/// The findings of the consistency rules on one record of `section`, whose pointer is `at`;
/// the status dates it reports go into `facts` for [`check_publication`].
pub(crate) fn check_record(
    section: &str,
    at: &str,
    record: &Value,
    facts: &mut FileFacts,
) -> Vec<Diagnostic> {
    let Value::Object(map) = record else {
        return Vec::new();
    };
    let mut rules = Rules {
        findings: Vec::new(),
        facts,
    };
    match section {
        "sources" => {
            rules.source(at, map);
        }
        "events" => rules.kind_field(at, map, "vote", VOTE_EVENT_KINDS, "event"),
        "agreements" => {
            for (i, term) in items(map.get("terms")) {
                if let Value::Object(term) = term {
                    let at = format!("{at}/terms/{i}");
                    rules.kind_field(&at, term, "strength", SECURITY_TERM_KINDS, "term");
                }
            }
        }
        "claims" => rules.analysis_holders(at, map),
        _ => {}
    }
    rules.walk(&mut at.to_owned(), record);
    rules.findings
}

/// Whether `kind` is a kind of the record `what`: a rule about kinds says nothing of a kind the
/// schema pass reports as unknown.
fn known_kind(what: &str, kind: &str) -> bool {
    use crate::model::{EventKind, SourceKind, TermKind};
    let value = Value::from(kind);
    match what {
        "source" => serde_json::from_value::<SourceKind>(value).is_ok(),
        "event" => serde_json::from_value::<EventKind>(value).is_ok(),
        "term" => serde_json::from_value::<TermKind>(value).is_ok(),
        _ => false,
    }
}

/// The items of a list field, with their indexes; none when the field is not a list.
fn items(value: Option<&Value>) -> impl Iterator<Item = (usize, &Value)> {
    value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

fn text<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    map.get(key).and_then(Value::as_str)
}

fn non_empty_list(map: &Map<String, Value>, key: &str) -> bool {
    map.get(key)
        .and_then(Value::as_array)
        .is_some_and(|items| !items.is_empty())
}

struct Rules<'f> {
    findings: Vec<Diagnostic>,
    facts: &'f mut FileFacts,
}

impl Rules<'_> {
    /// Walks every object of a record for the rules that apply wherever a structure appears:
    /// citations, dates and status histories.
    fn walk(&mut self, at: &mut String, value: &Value) {
        match value {
            Value::Object(map) => {
                if map.contains_key("as_written") && map.get("date").is_some_and(Value::is_string) {
                    self.inferred_parts(at, map);
                }
                for (name, item) in map {
                    if !(item.is_object() || item.is_array()) {
                        continue;
                    }
                    let len = at.len();
                    at.push('/');
                    at.push_str(&crate::pointer::escape(name));
                    match (name.as_str(), item) {
                        ("citations", Value::Array(citations)) => {
                            for (i, citation) in citations.iter().enumerate() {
                                if let Value::Object(citation) = citation {
                                    let len = at.len();
                                    let _ = write!(at, "/{i}");
                                    self.attribution(at, citation);
                                    at.truncate(len);
                                }
                            }
                        }
                        ("status", Value::Array(reports)) => self.status_history(at, reports),
                        _ => {}
                    }
                    self.walk(at, item);
                    at.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if item.is_object() || item.is_array() {
                        let len = at.len();
                        let _ = write!(at, "/{i}");
                        self.walk(at, item);
                        at.truncate(len);
                    }
                }
            }
            _ => {}
        }
    }

    /// A field that applies to some kinds only, set on a record of another kind.
    fn kind_field(
        &mut self,
        at: &str,
        map: &Map<String, Value>,
        field: &str,
        kinds: &[&str],
        what: &str,
    ) {
        // The kind is parsed only for a record that has the field, which few have.
        if !map.contains_key(field) {
            return;
        }
        let Some(kind) = text(map, "kind").filter(|k| known_kind(what, k)) else {
            return;
        };
        if !kinds.contains(&kind) {
            let allowed = kinds
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" and ");
            self.findings.push(
                Diagnostic::new(
                    Code::KindFieldMismatch,
                    format!("`{field}` applies to {allowed} {what}s, not to a `{kind}` {what}"),
                )
                .at(format!("{at}/{field}"), Target::Key)
                .with_help(format!(
                    "remove `{field}`, or give the {what} the kind it applies to"
                )),
            );
        }
    }

    /// A source needs its title unless it is a social-media post; its publication date is kept
    /// for [`check_publication`].
    fn source(&mut self, at: &str, map: &Map<String, Value>) {
        if !map.contains_key("title")
            && let Some(kind) = text(map, "kind").filter(|k| known_kind("source", k))
            && kind != UNTITLED_SOURCE_KIND
        {
            self.findings.push(
                Diagnostic::new(
                    Code::KindFieldMismatch,
                    format!("a `{kind}` source needs its `title`"),
                )
                .at(at.to_owned(), Target::KeyOrStart)
                .with_help("add `title:` exactly as published; only a social-media post has none"),
            );
        }
        let published = map
            .get("published")
            .and_then(|p| p.get("date"))
            .and_then(Value::as_str);
        if let (Some(id), Some(date)) = (text(map, "id"), published) {
            let id = self.facts.intern(id);
            let date = self.facts.intern(date);
            self.facts.published.push((id, date));
        }
    }

    /// The reporter's analysis is nobody else's: a claim with holders does not cite it.
    fn analysis_holders(&mut self, at: &str, map: &Map<String, Value>) {
        if !non_empty_list(map, "holders") {
            return;
        }
        for (i, citation) in items(map.get("citations")) {
            if citation.get("modality").and_then(Value::as_str) == Some("analysis") {
                self.findings.push(
                    Diagnostic::new(
                        Code::AttributionMismatch,
                        "this claim has holders, but the citation is the reporter's `analysis`",
                    )
                    .at(format!("{at}/citations/{i}/modality"), Target::Value)
                    .with_help(
                        "an analysis is the reporter's own: make it a claim of kind `analysis` \
                         with no holders (naming them in `about`), or cite a passage where the \
                         holders say it",
                    ),
                );
            }
        }
    }

    /// A citation's modality and its attribution agree.
    fn attribution(&mut self, at: &str, citation: &Map<String, Value>) {
        // A misspelt field (`according-to`) is the schema pass's finding; what it was meant to
        // say is unknown here.
        const FIELDS: &[&str] = &[
            "source",
            "quote",
            "modality",
            "according_to",
            "attribution",
            "relayed_by",
            "channel",
        ];
        if citation.keys().any(|key| !FIELDS.contains(&key.as_str())) {
            return;
        }
        let modality = text(citation, "modality").unwrap_or("fact");
        let named = [
            ("according_to", non_empty_list(citation, "according_to")),
            ("attribution", citation.contains_key("attribution")),
            ("relayed_by", non_empty_list(citation, "relayed_by")),
        ];
        let first_named = |fields: &[&str]| {
            named
                .iter()
                .find(|(field, present)| *present && fields.contains(field))
                .map(|(field, _)| *field)
        };
        let finding = match modality {
            "fact" | "analysis" => {
                first_named(&["according_to", "attribution", "relayed_by"]).map(|field| {
                    let whose = if modality == "fact" {
                        "a `fact` is the source's own statement"
                    } else {
                        "an `analysis` is the reporter's own"
                    };
                    Diagnostic::new(
                        Code::AttributionMismatch,
                        format!("{whose}, but this citation attributes it with `{field}`"),
                    )
                    .at(format!("{at}/{field}"), Target::Key)
                    .with_help(
                        "if the source attributes the passage, say how: `modality: stated` for \
                         words said on record, `reported` for words relayed from others; \
                         otherwise remove the attribution",
                    )
                })
            }
            "stated" if first_named(&["according_to", "attribution"]).is_none() => Some(
                Diagnostic::new(
                    Code::AttributionMismatch,
                    "a `stated` citation names who said it, but this one names nobody",
                )
                .at(format!("{at}/modality"), Target::Value)
                .with_help(
                    "add `according_to: [id]` with the speaker, or `attribution:` with the \
                     source's words for them",
                ),
            ),
            "reported" if first_named(&["according_to", "attribution", "relayed_by"]).is_none() => {
                Some(
                    Diagnostic::new(
                        Code::AttributionMismatch,
                        "a `reported` citation says by whom or through whom, but this one does not",
                    )
                    .at(format!("{at}/modality"), Target::Value)
                    .with_help(
                        "add `attribution:` with the source's words (`foreign media`), \
                         `according_to:` or `relayed_by:`",
                    ),
                )
            }
            _ => None,
        };
        self.findings.extend(finding);
    }

    /// A date marks as inferred only parts it has.
    fn inferred_parts(&mut self, at: &str, map: &Map<String, Value>) {
        let date = text(map, "date").unwrap_or_default();
        for (i, part) in items(map.get("inferred")) {
            let Some(part) = part.as_str() else { continue };
            let present = match part {
                "year" => true,
                "month" => date.len() >= 7,
                "day" => date.len() >= 10,
                "time" => map.contains_key("time"),
                "time_zone" => map.contains_key("time_zone"),
                _ => true,
            };
            if !present {
                let field = match part {
                    "month" | "day" => "date",
                    other => other,
                };
                self.findings.push(
                    Diagnostic::new(
                        Code::InferredPartAbsent,
                        format!("`{part}` is marked as inferred, but the date gives no {part}"),
                    )
                    .at(format!("{at}/inferred/{i}"), Target::Value)
                    .with_help(format!(
                        "remove `{part}` from `inferred`, or add the inferred part to `{field}`"
                    )),
                );
            }
        }
    }

    /// A status history: one-party steps name their party; dated reports run in time order and
    /// follow the lifecycle unless a conflict is marked; dated reports are kept for
    /// [`check_publication`].
    fn status_history(&mut self, at: &str, raw: &[Value]) {
        struct Report<'v> {
            index: usize,
            status: &'v str,
            date: Option<&'v str>,
            party: Option<&'v str>,
            conflicting: bool,
        }
        let reports: Vec<Report<'_>> = raw
            .iter()
            .enumerate()
            .filter_map(|(index, report)| {
                let map = report.as_object()?;
                Some(Report {
                    index,
                    status: text(map, "status")?,
                    date: map
                        .get("date")
                        .and_then(|d| d.get("date"))
                        .and_then(Value::as_str),
                    party: text(map, "party"),
                    conflicting: map.get("conflicting") == Some(&Value::Bool(true)),
                })
            })
            .collect();
        for report in &reports {
            if ONE_PARTY_STATUSES.contains(&report.status) && report.party.is_none() {
                self.findings.push(
                    Diagnostic::new(
                        Code::MissingParty,
                        format!(
                            "`{}` is a step one party takes, but the report names no party",
                            report.status
                        ),
                    )
                    .at(format!("{at}/{}/status", report.index), Target::Value)
                    .with_help("add `party:` with the id of the party that took the step"),
                );
            }
        }
        // The lifecycle: a later stage dated before an earlier one, for the same party or all.
        let mut out_of_lifecycle = Vec::new();
        for later in &reports {
            let (Some(stage), Some(date)) = (lifecycle_stage(later.status), later.date) else {
                continue;
            };
            let earlier = reports.iter().find(|earlier| {
                let (Some(earlier_stage), Some(earlier_date)) =
                    (lifecycle_stage(earlier.status), earlier.date)
                else {
                    return false;
                };
                earlier_stage < stage
                    && !later.conflicting
                    && !earlier.conflicting
                    && (later.party.is_none()
                        || earlier.party.is_none()
                        || later.party == earlier.party)
                    && compare_dates(date, earlier_date) == Some(Ordering::Less)
            });
            if let Some(earlier) = earlier {
                out_of_lifecycle.push(later.index);
                self.findings.push(
                    Diagnostic::new(
                        Code::LifecycleOrder,
                        format!(
                            "`{}` is dated {date}, before `{}` ({})",
                            later.status,
                            earlier.status,
                            earlier.date.unwrap_or_default()
                        ),
                    )
                    .at(format!("{at}/{}/date/date", later.index), Target::Value)
                    .with_label_at(
                        None,
                        format!("{at}/{}/date/date", earlier.index),
                        format!("`{}` is dated here", earlier.status),
                    )
                    .with_help(format!(
                        "`{}` cannot come before `{}`: check both dates against their sources; if \
                         the sources disagree, keep both reports and mark them `conflicting: true`",
                        later.status, earlier.status
                    )),
                );
            }
        }
        // Time order: each dated report is not before the last dated report above it.
        let mut last: Option<&Report<'_>> = None;
        for report in &reports {
            let Some(date) = report.date else { continue };
            if let Some(previous) = last
                && !report.conflicting
                && !previous.conflicting
                && !out_of_lifecycle.contains(&report.index)
                && compare_dates(date, previous.date.unwrap_or_default()) == Some(Ordering::Less)
            {
                self.findings.push(
                    Diagnostic::new(
                        Code::StatusOrder,
                        format!(
                            "this `{}` report is dated {date}, before the `{}` report above it ({})",
                            report.status,
                            previous.status,
                            previous.date.unwrap_or_default()
                        ),
                    )
                    .at(format!("{at}/{}/date/date", report.index), Target::Value)
                    .with_label_at(
                        None,
                        format!("{at}/{}/date/date", previous.index),
                        "the later date is here",
                    )
                    .with_help("a status history runs oldest first: move the report up"),
                );
            }
            last = Some(report);
        }
        // Dated reports of reached statuses, for the publication rule.
        for report in &reports {
            let Some(date) = report.date else { continue };
            if EXPECTED_STATUSES.contains(&report.status) {
                continue;
            }
            let pointer = format!("{at}/{}/date/date", report.index);
            let pointer = self.facts.intern(&pointer);
            let date = self.facts.intern(date);
            let first = self.facts.status_sources.len();
            for source in status_report_sources(&raw[report.index]) {
                let source = self.facts.intern(source);
                self.facts.status_sources.push(source);
            }
            let sources = first..self.facts.status_sources.len();
            self.facts.status_dates.push(StatusDate {
                pointer,
                date,
                sources,
            });
        }
    }
}

/// Orders two dates of any precision (`2025`, `2025-02`, `2025-02-28`) when one is certainly
/// before the other; `None` when they overlap (`2025-02` and `2025-02-28`).
pub(crate) fn compare_dates(a: &str, b: &str) -> Option<Ordering> {
    let common = a.len().min(b.len());
    match a.get(..common)?.cmp(b.get(..common)?) {
        Ordering::Equal => None,
        order => Some(order),
    }
}

/// The sources a status report cites, other than as an expectation.
fn status_report_sources(report: &Value) -> Vec<&str> {
    items(report.get("citations"))
        .filter(|(_, c)| c.get("modality").and_then(Value::as_str) != Some("expected"))
        .filter_map(|(_, c)| c.get("source")?.as_str())
        .collect()
}

/// A status is not dated after the publication of a source that reports it as reached.
pub(crate) fn check_publication(files: &[FileFacts]) -> Vec<Diagnostic> {
    let published: rustc_hash::FxHashMap<&str, &str> = files
        .iter()
        .flat_map(|facts| {
            facts
                .published
                .iter()
                .map(|(id, date)| (facts.str(*id), facts.str(*date)))
        })
        .collect();
    if published.is_empty() {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for facts in files {
        for status in &facts.status_dates {
            let date = facts.str(status.date);
            let late = facts.status_sources[status.sources.clone()]
                .iter()
                .map(|source| facts.str(*source))
                .find_map(|source| {
                    let when = published.get(source)?;
                    (compare_dates(date, when) == Some(Ordering::Greater)).then_some((source, when))
                });
            if let Some((source, when)) = late {
                findings.push(
                    Diagnostic::new(
                        Code::StatusAfterPublication,
                        format!(
                            "this status is dated {date}, after `{source}` reported it, published {when}"
                        ),
                    )
                    .at(facts.str(status.pointer).to_owned(), Target::Value)
                    .with_help(
                        "a source cannot report as reached what had not happened yet: check the \
                         date, or cite the passage as `expected` if the source expects it",
                    )
                    .in_file(facts.path.clone()),
                );
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_any_precision_are_ordered_only_when_certain() {
        assert_eq!(
            compare_dates("2025-02-27", "2025-02-28"),
            Some(Ordering::Less)
        );
        assert_eq!(
            compare_dates("2025-03", "2025-02-28"),
            Some(Ordering::Greater)
        );
        assert_eq!(compare_dates("2025", "2025-02-28"), None);
        assert_eq!(compare_dates("2025-02", "2025-02-28"), None);
        assert_eq!(compare_dates("2024", "2025-02"), Some(Ordering::Less));
    }

    #[test]
    fn the_lifecycle_runs_from_signature_to_end() {
        let stages: Vec<Option<u8>> = ["proposed", "signed", "ratified", "in_force", "terminated"]
            .into_iter()
            .map(lifecycle_stage)
            .collect();
        assert_eq!(stages, [None, Some(1), Some(2), Some(3), Some(4)]);
    }
}
