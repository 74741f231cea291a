//! The browsable report of a dataset (`accord report`): static HTML pages and one stylesheet,
//! built only from a dataset that passes the check. The pages need no network and no
//! JavaScript and work from `file://`.
//!
//! The pages are minijinja templates (`templates/`), which escape everything that comes from
//! the data; this module prepares what they show (timeline order and each event's parts, claims
//! by holder, the terms and claims that name each resource and topic, where each quote sits in
//! its source's text) and does no I/O.
//!
//! A status history shows reports marked `conflicting` that stand next to each other as one
//! conflict: "sources disagree", with the reports side by side and neither taken for the truth.

pub mod highlight;

use std::collections::BTreeMap;

use minijinja::{Environment, context};
use serde::Serialize;
use serde_json::{Value, json};

use crate::dataset::Dataset;
use crate::model::{NESTED, SECTIONS};

/// One file of the report: its path inside the output directory and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The path, relative to the output directory, with `/` between parts.
    pub path: String,
    /// The file's content.
    pub content: String,
}

/// Why the report could not be rendered (a template error: a bug, not bad data).
#[derive(Debug, thiserror::Error)]
#[error("cannot render the report: {0}")]
pub struct RenderError(#[from] minijinja::Error);

const STYLE: &str = include_str!("style.css");

fn environment() -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    for (name, source) in [
        ("base.html", include_str!("templates/base.html")),
        ("macros.html", include_str!("templates/macros.html")),
        ("index.html", include_str!("templates/index.html")),
        ("timeline.html", include_str!("templates/timeline.html")),
        ("actors.html", include_str!("templates/actors.html")),
        ("agreements.html", include_str!("templates/agreements.html")),
        ("claims.html", include_str!("templates/claims.html")),
        ("source.html", include_str!("templates/source.html")),
        ("vocabulary.html", include_str!("templates/vocabulary.html")),
    ] {
        env.add_template(name, source)?;
    }
    // `news_article` -> `news article`.
    env.add_filter("label", |value: String| value.replace('_', " "));
    env.add_filter("number", number);
    env.add_filter("status_groups", status_groups);
    Ok(env)
}

/// A number as the report prints it: whole numbers without a fraction and with thousands
/// separators (`75000000` -> `75,000,000`, `50.0` -> `50`), others as they are (`12.5`).
fn number(value: minijinja::Value) -> String {
    let whole = i64::try_from(value.clone()).ok().or_else(|| {
        f64::try_from(value.clone())
            .ok()
            .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
            // Exact: a whole number below 2^53.
            .map(|f| f as i64)
    });
    let Some(whole) = whole else {
        return value.to_string();
    };
    let digits = whole.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if whole < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A run of a status history: one report, or reports marked `conflicting` next to each other,
/// shown together as sources that disagree.
#[derive(Serialize)]
struct StatusGroup {
    conflict: bool,
    reports: Vec<minijinja::Value>,
}

/// A status history (a list of status reports, or nothing) as its runs, in order.
fn status_groups(reports: minijinja::Value) -> Vec<minijinja::Value> {
    let mut groups: Vec<StatusGroup> = Vec::new();
    for report in reports.try_iter().into_iter().flatten() {
        let conflicting = report
            .get_attr("conflicting")
            .is_ok_and(|value| value.is_true());
        match groups.last_mut() {
            Some(group) if conflicting && group.conflict => group.reports.push(report),
            _ => groups.push(StatusGroup {
                conflict: conflicting,
                reports: vec![report],
            }),
        }
    }
    groups
        .iter()
        .map(minijinja::Value::from_serialize)
        .collect()
}

/// Where a record is shown, from the root of the report.
fn record_link(section: &str, id: &str) -> String {
    match section {
        "sources" => format!("sources/{id}.html"),
        "people" | "organizations" | "offices" => format!("actors.html#{id}"),
        "events" => format!("timeline.html#{id}"),
        "agreements" | "versions" | "terms" | "funds" => format!("agreements.html#{id}"),
        "resources" | "topics" => format!("vocabulary.html#{id}"),
        _ => format!("claims.html#{id}"),
    }
}

/// Renders every page of the report of `dataset`, whose sources' texts are `texts` (by source
/// id; a source without one gets a page without text).
pub fn render(
    dataset: &Dataset,
    texts: &BTreeMap<String, String>,
) -> Result<Vec<Page>, RenderError> {
    let env = environment()?;
    let data = serde_json::to_value(dataset).unwrap_or(Value::Null);
    let records = records_by_id(&data);
    let counts: Vec<Value> = SECTIONS
        .iter()
        .map(|(s, _)| json!({"section": s, "count": data[s].as_array().map_or(0, Vec::len)}))
        .collect();
    let mut pages = Vec::new();
    let mut page = |path: &str, template: &str, extra: Value| -> Result<(), RenderError> {
        let root = "../".repeat(path.matches('/').count());
        let content = env.get_template(template)?.render(context! {
            data => &data,
            records => &records,
            root => root,
            page => path,
            counts => &counts,
            ..minijinja::Value::from_serialize(&extra)
        })?;
        pages.push(Page {
            path: path.to_owned(),
            content,
        });
        Ok(())
    };
    page("index.html", "index.html", json!({}))?;
    page(
        "timeline.html",
        "timeline.html",
        json!({ "events": timeline(&data), "parts": referrers(&data, "events", "part_of") }),
    )?;
    page("actors.html", "actors.html", json!({}))?;
    page(
        "agreements.html",
        "agreements.html",
        json!({ "related_from": relations_to(&data) }),
    )?;
    page(
        "claims.html",
        "claims.html",
        json!({ "groups": claims_by_holder(&data, &records) }),
    )?;
    page(
        "vocabulary.html",
        "vocabulary.html",
        json!({
            "terms_by_resource": terms_by_resource(&data),
            "claims_by_topic": referrers(&data, "claims", "topics"),
        }),
    )?;
    let quotes = quotes_by_source(&data);
    for source in data["sources"].as_array().into_iter().flatten() {
        let id = source["id"].as_str().unwrap_or_default();
        let text = texts.get(id);
        let segments = text.map(|text| {
            let mut ranges = Vec::new();
            for (quote, link, label) in quotes.get(id).into_iter().flatten() {
                for range in highlight::find(text, quote) {
                    ranges.push((range, link.clone(), label.clone()));
                }
            }
            highlight::segments(text, &ranges)
        });
        page(
            &format!("sources/{id}.html"),
            "source.html",
            json!({ "source": source, "segments": segments, "quote_count": quotes.get(id).map_or(0, Vec::len) }),
        )?;
    }
    pages.push(Page {
        path: "style.css".into(),
        content: STYLE.into(),
    });
    Ok(pages)
}

/// Every record by id, nested versions and terms too: its name, its link from the root of the
/// report and its section, for the links between pages.
fn records_by_id(data: &Value) -> BTreeMap<String, Value> {
    let text = |value: &Value, pointer: &str| -> Option<String> {
        value
            .pointer(pointer)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let name_of = |section: &str, record: &Value| -> String {
        let name = match section {
            // A fund's names are oldest first: it goes by the latest.
            "funds" => record["names"]
                .as_array()
                .and_then(|names| names.last())
                .and_then(|name| text(name, "/name")),
            _ => ["/name", "/title", "/summary", "/names/0/name"]
                .iter()
                .find_map(|pointer| text(record, pointer)),
        };
        name.unwrap_or_default()
    };
    let mut records: BTreeMap<String, Value> = BTreeMap::new();
    let mut insert = |section: &str, id: &str, name: String| {
        records.insert(
            id.to_owned(),
            json!({"name": name, "href": record_link(section, id), "kind": section}),
        );
    };
    for (section, _) in SECTIONS {
        for record in data[section].as_array().into_iter().flatten() {
            let id = record["id"].as_str().unwrap_or_default();
            let name = name_of(section, record);
            for version in record["versions"].as_array().into_iter().flatten() {
                // A text without names of its own is named after its stage and its agreement.
                let version_name = text(version, "/names/0/name").unwrap_or_else(|| {
                    format!(
                        "{} of {name}",
                        version["kind"]
                            .as_str()
                            .unwrap_or_default()
                            .replace('_', " ")
                    )
                });
                insert(
                    "versions",
                    version["id"].as_str().unwrap_or_default(),
                    version_name,
                );
            }
            for term in record["terms"].as_array().into_iter().flatten() {
                insert(
                    "terms",
                    term["id"].as_str().unwrap_or_default(),
                    name_of("terms", term),
                );
            }
            insert(section, id, name);
        }
    }
    // A source without a title (a social-media post) is named by its kind and publisher.
    for source in data["sources"].as_array().into_iter().flatten() {
        if source.get("title").is_some() {
            continue;
        }
        let id = source["id"].as_str().unwrap_or_default();
        let kind = source["kind"]
            .as_str()
            .unwrap_or_default()
            .replace('_', " ");
        let mut chars = kind.chars();
        let mut name: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .collect();
        name.push_str(chars.as_str());
        if let Some(publisher) = source["publisher"]
            .as_str()
            .and_then(|publisher| records.get(publisher))
            .and_then(|publisher| publisher["name"].as_str())
        {
            name = format!("{name} by {publisher}");
        }
        if let Some(date) = text(source, "/published/date") {
            name = format!("{name}, {date}");
        }
        records.insert(
            id.to_owned(),
            json!({"name": name, "href": record_link("sources", id), "kind": "sources"}),
        );
    }
    records
}

/// For each record, the ids of the records of `section` whose `field` (an id or a list of ids)
/// names it, in dataset order: an event's parts, the claims about a topic.
fn referrers(data: &Value, section: &str, field: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for record in data[section].as_array().into_iter().flatten() {
        let targets: Vec<&Value> = match &record[field] {
            Value::Array(items) => items.iter().collect(),
            Value::Null => Vec::new(),
            one => vec![one],
        };
        for target in targets.into_iter().filter_map(Value::as_str) {
            out.entry(target.to_owned())
                .or_default()
                .push(record["id"].as_str().unwrap_or_default().to_owned());
        }
    }
    out
}

/// For each resource, the ids of the terms that name it, in dataset order.
fn terms_by_resource(data: &Value) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for agreement in data["agreements"].as_array().into_iter().flatten() {
        for term in agreement["terms"].as_array().into_iter().flatten() {
            for resource in term["resources"].as_array().into_iter().flatten() {
                out.entry(resource.as_str().unwrap_or_default().to_owned())
                    .or_default()
                    .push(term["id"].as_str().unwrap_or_default().to_owned());
            }
        }
    }
    out
}

/// For each agreement, the relations other agreements have to it: `{kind, agreement}` with the
/// other agreement's id, in dataset order.
fn relations_to(data: &Value) -> BTreeMap<String, Vec<Value>> {
    let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for agreement in data["agreements"].as_array().into_iter().flatten() {
        for relation in agreement["relations"].as_array().into_iter().flatten() {
            out.entry(
                relation["agreement"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
            .or_default()
            .push(json!({"kind": relation["kind"], "agreement": agreement["id"]}));
        }
    }
    out
}

/// The events in date order; undated events last, in dataset order.
fn timeline(data: &Value) -> Vec<Value> {
    let mut events: Vec<Value> = data["events"].as_array().cloned().unwrap_or_default();
    events.sort_by_key(|event| {
        let date = event.pointer("/date/date").and_then(Value::as_str);
        let time = event.pointer("/date/time").and_then(Value::as_str);
        (
            date.is_none(),
            date.map(str::to_owned),
            time.map(str::to_owned),
        )
    });
    events
}

#[derive(Serialize)]
struct HolderGroup {
    holder: Option<String>,
    name: String,
    href: Option<String>,
    claims: Vec<Value>,
}

/// The claims grouped by who holds them, holders in order of first appearance; claims without a
/// holder (the source's own expectations and analysis) last.
fn claims_by_holder(data: &Value, records: &BTreeMap<String, Value>) -> Vec<HolderGroup> {
    let mut groups: Vec<HolderGroup> = Vec::new();
    let mut unheld = Vec::new();
    for claim in data["claims"].as_array().into_iter().flatten() {
        let holders: Vec<&str> = claim["holders"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        if holders.is_empty() {
            unheld.push(claim.clone());
        }
        for holder in holders {
            match groups
                .iter_mut()
                .find(|g| g.holder.as_deref() == Some(holder))
            {
                Some(group) => group.claims.push(claim.clone()),
                None => groups.push(HolderGroup {
                    holder: Some(holder.to_owned()),
                    name: records
                        .get(holder)
                        .and_then(|r| r["name"].as_str())
                        .unwrap_or(holder)
                        .to_owned(),
                    href: records
                        .get(holder)
                        .and_then(|r| r["href"].as_str())
                        .map(str::to_owned),
                    claims: vec![claim.clone()],
                }),
            }
        }
    }
    if !unheld.is_empty() {
        groups.push(HolderGroup {
            holder: None,
            name: "No holder: the source's own expectations, analysis and background".into(),
            href: None,
            claims: unheld,
        });
    }
    groups
}

/// Every quote of every citation, by source id: `(quote, link to the record, its label)`.
fn quotes_by_source(data: &Value) -> BTreeMap<String, Vec<(String, String, String)>> {
    let mut quotes: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    fn walk(
        value: &Value,
        link: &str,
        label: &str,
        out: &mut BTreeMap<String, Vec<(String, String, String)>>,
    ) {
        match value {
            Value::Object(map) => {
                if let (Some(Value::String(source)), Some(Value::String(quote))) =
                    (map.get("source"), map.get("quote"))
                {
                    out.entry(source.clone()).or_default().push((
                        quote.clone(),
                        link.to_owned(),
                        label.to_owned(),
                    ));
                }
                for (key, child) in map {
                    if let Some((nested, kind)) = NESTED
                        .iter()
                        .find(|(_, nested, _)| nested == key)
                        .map(|(_, nested, kind)| (*nested, *kind))
                    {
                        for record in child.as_array().into_iter().flatten() {
                            let id = record["id"].as_str().unwrap_or_default();
                            walk(
                                record,
                                &record_link(nested, id),
                                &format!("{} {id}", kind.as_str()),
                                out,
                            );
                        }
                    } else {
                        walk(child, link, label, out);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, link, label, out)),
            _ => {}
        }
    }
    for (section, kind) in SECTIONS {
        for record in data[section].as_array().into_iter().flatten() {
            let id = record["id"].as_str().unwrap_or_default();
            walk(
                record,
                &record_link(section, id),
                &format!("{} {id}", kind.as_str()),
                &mut quotes,
            );
        }
    }
    quotes
}

#[cfg(test)]
mod tests {
    use super::{number, status_groups};
    use minijinja::Value;

    #[test]
    fn numbers_are_whole_with_separators_or_as_they_are() {
        for (value, shown) in [
            (Value::from(75_000_000_u64), "75,000,000"),
            (Value::from(120_u64), "120"),
            (Value::from(0_u64), "0"),
            (Value::from(-1_500_i64), "-1,500"),
            (Value::from(50.0), "50"),
            (Value::from(12.5), "12.5"),
        ] {
            assert_eq!(number(value), shown);
        }
    }

    #[test]
    fn conflicting_reports_next_to_each_other_are_one_group() {
        let reports = Value::from_serialize(serde_json::json!([
            {"status": "scheduled"},
            {"status": "occurred", "conflicting": true},
            {"status": "cancelled", "conflicting": true},
            {"status": "postponed"},
            {"status": "rescheduled", "conflicting": true},
        ]));
        let groups: Vec<(bool, usize)> = status_groups(reports)
            .iter()
            .map(|group| {
                (
                    group.get_attr("conflict").is_ok_and(|c| c.is_true()),
                    group
                        .get_attr("reports")
                        .map_or(0, |r| r.len().unwrap_or(0)),
                )
            })
            .collect();
        assert_eq!(
            groups,
            [(false, 1), (true, 2), (false, 1), (true, 1)],
            "a lone conflicting report is still shown as a conflict"
        );
        assert!(status_groups(Value::UNDEFINED).is_empty());
    }
}
