//! The browsable report of a dataset (`accord report`): static HTML pages and one stylesheet,
//! built only from a dataset that passes the check. The pages need no network and no
//! JavaScript and work from `file://`.
//!
//! The pages are minijinja templates (`templates/`), which escape everything that comes from
//! the data; this module prepares what they show (timeline order, claims by holder, where each
//! quote sits in its source's text) and does no I/O.

pub mod highlight;

use std::collections::BTreeMap;

use minijinja::{Environment, context};
use serde::Serialize;
use serde_json::{Value, json};

use crate::dataset::Dataset;
use crate::model::SECTIONS;

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
    ] {
        env.add_template(name, source)?;
    }
    // `news_article` -> `news article`.
    env.add_filter("label", |value: String| value.replace('_', " "));
    Ok(env)
}

/// Where a record is shown, from the root of the report.
fn record_link(section: &str, id: &str) -> String {
    match section {
        "sources" => format!("sources/{id}.html"),
        "people" | "organizations" | "offices" => format!("actors.html#{id}"),
        "events" => format!("timeline.html#{id}"),
        "agreements" | "terms" | "funds" => format!("agreements.html#{id}"),
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
    // Every record by id: its name and link, for the links between pages.
    let mut records: BTreeMap<String, Value> = BTreeMap::new();
    let name_of = |record: &Value| -> String {
        ["name", "title", "summary"]
            .iter()
            .find_map(|key| record.get(key).and_then(Value::as_str))
            .map(str::to_owned)
            .or_else(|| {
                record
                    .pointer("/names/0/name")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
            .unwrap_or_default()
    };
    for (section, _) in SECTIONS {
        for record in data[section].as_array().into_iter().flatten() {
            let id = record["id"].as_str().unwrap_or_default();
            records.insert(
                id.to_owned(),
                json!({"name": name_of(record), "href": record_link(section, id), "kind": section}),
            );
            for term in record["terms"].as_array().into_iter().flatten() {
                let term_id = term["id"].as_str().unwrap_or_default();
                records.insert(
                    term_id.to_owned(),
                    json!({"name": name_of(term), "href": record_link("terms", term_id), "kind": "terms"}),
                );
            }
        }
    }
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
        json!({ "events": timeline(&data) }),
    )?;
    page("actors.html", "actors.html", json!({}))?;
    page("agreements.html", "agreements.html", json!({}))?;
    page(
        "claims.html",
        "claims.html",
        json!({ "groups": claims_by_holder(&data, &records) }),
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
                    if key == "terms" {
                        for term in child.as_array().into_iter().flatten() {
                            let id = term["id"].as_str().unwrap_or_default();
                            walk(term, &record_link("terms", id), &format!("term {id}"), out);
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
