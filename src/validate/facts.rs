//! The facts of one file that dataset-wide rules need: which ids it defines, which it
//! references, and which quotes it makes, each with its JSON Pointer.
//!
//! Which fields are references and which must be quoted verbatim is read from the generated
//! schema, where the model declares it (`x-accord-refers-to` on every id type,
//! `x-accord-verbatim` on quoted fields): the walk follows a [`Plan`] compiled from it once, and
//! never deserializes records into the model types.

use std::fmt::Write as _;
use std::path::PathBuf;

use rustc_hash::FxHashMap;
use schemars::JsonSchema;
use serde_json::Value;

use crate::diagnostic::{Code, Diagnostic, Target};
use crate::model::{CalendarDate, NESTED, RecordKind, SECTIONS, TextPath};

/// A string kept in its file's [`FileFacts::strings`]: the facts of a file share one buffer
/// instead of holding thousands of small strings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Interned {
    start: usize,
    end: usize,
}

/// A record's id, where it is defined.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Definition {
    /// The id.
    pub(crate) id: Interned,
    /// The kind of record it names.
    pub(crate) kind: RecordKind,
    /// The JSON Pointer of the id's value.
    pub(crate) pointer: Interned,
}

/// A reference from one record to another.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Reference {
    /// The id referred to.
    pub(crate) id: Interned,
    /// The kinds of record the field accepts.
    #[serde(with = "kinds_list")]
    pub(crate) expected: &'static [RecordKind],
    /// The JSON Pointer of the reference.
    pub(crate) pointer: Interned,
}

/// A string that must appear verbatim in the text of one of its sources.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Quote {
    /// The quoted text.
    pub(crate) text: Interned,
    /// The sources it may come from: a range of [`FileFacts::quote_sources`].
    pub(crate) sources: std::ops::Range<usize>,
    /// The JSON Pointer of the quote.
    pub(crate) pointer: Interned,
}

/// A source record's stored text file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct SourceText {
    /// The source's id.
    pub(crate) id: String,
    /// The path of the text, relative to the file declaring the source.
    pub(crate) text: TextPath,
    /// The JSON Pointer of the `text` value.
    pub(crate) pointer: String,
}

/// A status report's date, with the sources that report the status as reached.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct StatusDate {
    /// The JSON Pointer of the date.
    pub(crate) pointer: Interned,
    /// The date.
    pub(crate) date: Interned,
    /// The sources: a range of [`FileFacts::status_sources`].
    pub(crate) sources: std::ops::Range<usize>,
}

/// The facts of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileFacts {
    /// The file.
    pub(crate) path: PathBuf,
    /// How many records the file holds.
    pub(crate) records: usize,
    /// The ids the file defines.
    pub(crate) definitions: Vec<Definition>,
    /// The references the file makes.
    pub(crate) references: Vec<Reference>,
    /// The quotes the file makes.
    pub(crate) quotes: Vec<Quote>,
    /// The source ids quotes may come from (see [`Quote::sources`]).
    pub(crate) quote_sources: Vec<Interned>,
    /// The source texts the file declares.
    pub(crate) source_texts: Vec<SourceText>,
    /// Ids a lenient scan found in a file the YAML reader could not finish: the file may define
    /// them, so references to them are not reported as dangling.
    pub(crate) unread_ids: Vec<Interned>,
    /// The dated status reports of the file.
    pub(crate) status_dates: Vec<StatusDate>,
    /// The source ids status reports cite (see [`StatusDate::sources`]).
    pub(crate) status_sources: Vec<Interned>,
    /// The publication date of each source the file defines: its id and date.
    pub(crate) published: Vec<(Interned, Interned)>,
    /// The buffer every [`Interned`] of these facts points into.
    pub(crate) strings: String,
}

impl FileFacts {
    /// The facts of a whole file's value, as the check collects them: ids leniently, then
    /// references, quotes and source texts as the validator's schema says. Returns the facts
    /// and the dates the walk found impossible.
    pub fn of_value(
        value: &Value,
        validator: &super::SchemaValidator,
    ) -> (FileFacts, Vec<Diagnostic>) {
        let mut facts = FileFacts::default();
        facts.collect_ids(value);
        let dates = facts.collect_references(value, validator.plan());
        (facts, dates)
    }

    /// How many records the file holds.
    pub fn records(&self) -> usize {
        self.records
    }

    /// The ids the file defines, in the order of the file: each id, its kind and the JSON
    /// Pointer of the record.
    pub fn definitions(&self) -> impl Iterator<Item = (&str, RecordKind, &str)> {
        self.definitions
            .iter()
            .map(|d| (self.str(d.id), d.kind, self.str(d.pointer)))
    }

    /// The references the file makes: each id, the kinds of record it may name and the JSON
    /// Pointer of the reference.
    pub fn references(&self) -> impl Iterator<Item = (&str, &'static [RecordKind], &str)> {
        self.references
            .iter()
            .map(|r| (self.str(r.id), r.expected, self.str(r.pointer)))
    }

    /// The quotes the file makes: each quote's text, the ids of the sources it may come from,
    /// and its JSON Pointer.
    pub fn quotes(&self) -> impl Iterator<Item = (&str, Vec<&str>, &str)> {
        self.quotes.iter().map(|q| {
            (
                self.str(q.text),
                self.sources_of(q).collect(),
                self.str(q.pointer),
            )
        })
    }

    /// The stored texts the file's sources declare: each source's id, the text's path
    /// (relative to the file) and the JSON Pointer of the `text` value.
    pub fn source_texts(&self) -> impl Iterator<Item = (&str, &TextPath, &str)> {
        self.source_texts
            .iter()
            .map(|t| (t.id.as_str(), &t.text, t.pointer.as_str()))
    }

    /// The string `text` stands for.
    pub(crate) fn str(&self, text: Interned) -> &str {
        self.strings.get(text.start..text.end).unwrap_or_default()
    }

    /// The ids of the sources `quote` may come from.
    pub(crate) fn sources_of(&self, quote: &Quote) -> impl Iterator<Item = &str> {
        self.quote_sources
            .get(quote.sources.clone())
            .unwrap_or_default()
            .iter()
            .map(|t| self.str(*t))
    }

    pub(crate) fn intern(&mut self, text: &str) -> Interned {
        let start = self.strings.len();
        self.strings.push_str(text);
        Interned {
            start,
            end: self.strings.len(),
        }
    }
}

impl FileFacts {
    /// Scans the text of a file the YAML reader could not finish for what looks like the ids it
    /// defines (`id: some-id`, in block or flow style), so that one syntax error does not turn
    /// every reference to the file's records into a finding elsewhere.
    pub(crate) fn scan_ids_leniently(&mut self, text: &str) {
        static ID_KEY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r#"(?m)(?:^|[\s{,])id:[ \t]*[\[{]?[ \t]*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?[ \t]*(?:[,}\]#]|$)"#)
                .unwrap_or_else(|e| unreachable!("{e}"))
        });
        for found in ID_KEY.captures_iter(text) {
            if let Some(id) = found.get(1) {
                let id = self.intern(id.as_str());
                self.unread_ids.push(id);
            }
        }
    }

    /// Collects the ids defined in `value`, leniently, so that a record with schema errors still
    /// counts as defined and references to it do not dangle.
    pub(crate) fn collect_ids(&mut self, value: &Value) {
        // In the order of the file, so that the first of two equal ids is the one written first.
        let Some(sections) = value.as_object() else {
            return;
        };
        for (section, records) in sections {
            let Value::Array(records) = records else {
                continue;
            };
            for (i, record) in records.iter().enumerate() {
                self.collect_record_id(section, i, record);
            }
        }
    }

    /// Collects the id of one record of a top-level list, and of the records nested in it.
    fn collect_record_id(&mut self, section: &str, index: usize, record: &Value) {
        let Some((_, kind)) = SECTIONS.iter().find(|(name, _)| *name == section) else {
            return;
        };
        self.records += 1;
        let pointer = format!("/{section}/{index}");
        self.define(record, *kind, &pointer);
        for (parent, field, nested_kind) in NESTED {
            if parent != kind {
                continue;
            }
            let Some(Value::Array(nested)) = record.get(*field) else {
                continue;
            };
            self.records += nested.len();
            for (j, item) in nested.iter().enumerate() {
                self.define(item, *nested_kind, &format!("{pointer}/{field}/{j}"));
            }
        }
    }

    /// Collects everything of one record of a top-level list, for files read record by record:
    /// its id, references and quotes; returns its impossible dates.
    pub(crate) fn collect_record(
        &mut self,
        section: &str,
        index: usize,
        record: &Value,
        plan: &Plan,
    ) -> Vec<Diagnostic> {
        self.collect_record_id(section, index, record);
        let type_name = plan.types.get(ROOT).and_then(|fields| {
            fields.iter().find_map(|(name, field)| match field {
                Field::Nested {
                    type_name,
                    list: true,
                } if name == section => Some(type_name.as_str()),
                _ => None,
            })
        });
        let Some(type_name) = type_name else {
            return Vec::new();
        };
        let mut walk = Walk {
            facts: self,
            plan,
            at: format!("/{section}/{index}"),
            cited: Vec::new(),
            source_url: None,
            findings: Vec::new(),
            ids: FxHashMap::default(),
        };
        walk.item(record, type_name, None);
        walk.findings
    }

    fn define(&mut self, record: &Value, kind: RecordKind, pointer: &str) {
        if let Some(Value::String(id)) = record.get("id") {
            let id = self.intern(id);
            let start = self.strings.len();
            self.strings.push_str(pointer);
            self.strings.push_str("/id");
            let pointer = Interned {
                start,
                end: self.strings.len(),
            };
            self.definitions.push(Definition { id, kind, pointer });
        }
    }

    /// Collects the references, quotes and source texts of every record, following `plan`, and
    /// returns what the walk finds wrong in the file itself: dates that name no real day.
    pub(crate) fn collect_references(&mut self, root: &Value, plan: &Plan) -> Vec<Diagnostic> {
        let mut walk = Walk {
            facts: self,
            plan,
            at: String::new(),
            cited: Vec::new(),
            source_url: None,
            findings: Vec::new(),
            ids: FxHashMap::default(),
        };
        if let Some(root_fields) = plan.types.get(ROOT) {
            walk.object(root, root_fields, None);
        }
        walk.findings
    }
}

/// The name of the root type in a [`Plan`].
const ROOT: &str = "";

/// Where the text of a verbatim field must be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// In the source named by the sibling `source` field (a citation's quote).
    Citation,
    /// In any source the enclosing record cites.
    Record,
}

/// What the walk does with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Field {
    /// A reference, or a list of them, to records of these kinds.
    Reference {
        kinds: &'static [RecordKind],
        list: bool,
    },
    /// Text that must appear verbatim in a cited source.
    Verbatim(Scope),
    /// A calendar date, checked for days that do not exist.
    Date,
    /// A list of values from a closed set (resources, topics, inferred date parts), which
    /// holds each value once.
    Distinct,
    /// An object of the named type, or a list of them.
    Nested { type_name: String, list: bool },
}

/// How to walk each type of the data-file schema: the fields that matter, by type name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    types: FxHashMap<String, Vec<(String, Field)>>,
}

impl Plan {
    /// Compiles the plan from the data-file schema.
    pub(crate) fn from_schema(schema: &Value) -> Plan {
        let defs = schema.get("$defs").and_then(Value::as_object);
        let def = |name: &str| defs.and_then(|d| d.get(name));
        // A reference is `$ref`, or `allOf: [{"$ref"}]` when the property has its own
        // description.
        let ref_name = |sub: &Value| -> Option<String> {
            sub.get("$ref")
                .or_else(|| sub.pointer("/allOf/0/$ref"))?
                .as_str()?
                .strip_prefix("#/$defs/")
                .map(str::to_owned)
        };
        let classify = |property: &Value| -> Option<Field> {
            if let Some(scope) = property.get("x-accord-verbatim").and_then(Value::as_str) {
                return Some(Field::Verbatim(if scope == "citation" {
                    Scope::Citation
                } else {
                    Scope::Record
                }));
            }
            if let Some(items) = property.get("items") {
                let of_enum = items.get("enum").is_some()
                    || ref_name(items)
                        .and_then(|target| def(&target))
                        .is_some_and(|target| target.get("enum").is_some());
                if of_enum {
                    return Some(Field::Distinct);
                }
            }
            let (target, list) = match property.get("items") {
                Some(items) => (ref_name(items)?, true),
                None => (ref_name(property)?, false),
            };
            let target_schema = def(&target)?;
            if let Some(kinds) = target_schema
                .get("x-accord-refers-to")
                .and_then(Value::as_array)
            {
                let kinds: Vec<RecordKind> = kinds
                    .iter()
                    .filter_map(|k| RecordKind::from_name(k.as_str()?))
                    .collect();
                return Some(Field::Reference {
                    kinds: leak_kinds(kinds),
                    list,
                });
            }
            if *target == *CalendarDate::schema_name() {
                return Some(Field::Date);
            }
            // An object, or a tagged union of objects (`oneOf` told apart by `kind`).
            (target_schema.get("properties").is_some() || target_schema.get("oneOf").is_some())
                .then_some(Field::Nested {
                    type_name: target,
                    list,
                })
        };
        let fields_of = |object: &Value| -> Vec<(String, Field)> {
            // The fields of a tagged union are those of its branches, walked by name whatever
            // the branch.
            let branches = object.get("oneOf").and_then(Value::as_array);
            let mut fields: Vec<(String, Field)> = Vec::new();
            for branch in std::iter::once(object).chain(branches.into_iter().flatten()) {
                let properties = branch.get("properties").and_then(Value::as_object);
                for (name, property) in properties.into_iter().flatten() {
                    // A record's own `id` defines it; it refers to nothing.
                    if name == "id" || fields.iter().any(|(known, _)| known == name) {
                        continue;
                    }
                    if let Some(field) = classify(property) {
                        fields.push((name.clone(), field));
                    }
                }
            }
            fields
        };
        let mut types = FxHashMap::default();
        types.insert(ROOT.to_owned(), fields_of(schema));
        for (name, object) in defs.into_iter().flatten() {
            types.insert(name.clone(), fields_of(object));
        }
        Plan { types }
    }
}

/// The kinds lists of a plan live as long as the program: there are a handful, each kept once,
/// whether a plan or a cache read from disk names it.
fn leak_kinds(kinds: Vec<RecordKind>) -> &'static [RecordKind] {
    intern_kinds(kinds.as_slice(), usize::MAX).unwrap_or(&[])
}

/// The one copy of `kinds` the program keeps, made if there is none and fewer than `max_lists`
/// lists are kept.
fn intern_kinds(kinds: &[RecordKind], max_lists: usize) -> Option<&'static [RecordKind]> {
    static LISTS: std::sync::Mutex<Vec<&'static [RecordKind]>> = std::sync::Mutex::new(Vec::new());
    if kinds.is_empty() {
        return Some(&[]);
    }
    if let Some(window) = RecordKind::ALL
        .windows(kinds.len())
        .find(|window| *window == kinds)
    {
        return Some(window);
    }
    let mut lists = LISTS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(list) = lists.iter().find(|list| **list == kinds) {
        return Some(list);
    }
    if lists.len() >= max_lists {
        return None;
    }
    let list: &'static [RecordKind] = Box::leak(kinds.to_vec().into_boxed_slice());
    lists.push(list);
    Some(list)
}

/// A reference's kinds as a cache on disk keeps them: a list, read back into the one copy the
/// program keeps of it. A list that names a kind twice, or more distinct lists than any schema
/// has, is refused, so that a damaged cache cannot make the program keep lists without end.
mod kinds_list {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::model::RecordKind;

    /// How many distinct lists a program keeps at most when reading a cache.
    const MAX_LISTS: usize = 256;

    pub(super) fn serialize<S: Serializer>(
        kinds: &&'static [RecordKind],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        kinds.serialize(serializer)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<&'static [RecordKind], D::Error> {
        let kinds = Vec::<RecordKind>::deserialize(deserializer)?;
        let repeated = kinds
            .iter()
            .enumerate()
            .any(|(i, kind)| kinds[..i].contains(kind));
        if repeated {
            return Err(serde::de::Error::custom("a kinds list names a kind twice"));
        }
        super::intern_kinds(&kinds, MAX_LISTS)
            .ok_or_else(|| serde::de::Error::custom("too many kinds lists"))
    }
}

struct Walk<'a, 'v> {
    facts: &'a mut FileFacts,
    plan: &'a Plan,
    /// The JSON Pointer of the node being walked, grown and shrunk as the walk goes.
    at: String,
    /// For each enclosing object that has citations, the sources it cites.
    cited: Vec<Vec<&'v str>>,
    /// The `url` of the source record being walked, if it has one: a date read from the URL
    /// is checked against it.
    source_url: Option<&'v str>,
    findings: Vec<Diagnostic>,
    /// The ids the walk has kept, each once: an id named many times in a file (a source every
    /// claim cites) takes its bytes once.
    ids: FxHashMap<&'v str, Interned>,
}

impl<'v> Walk<'_, 'v> {
    /// `id`, kept once however often the walk meets it.
    fn intern_id(&mut self, id: &'v str) -> Interned {
        if let Some(&kept) = self.ids.get(id) {
            return kept;
        }
        let kept = self.facts.intern(id);
        self.ids.insert(id, kept);
        kept
    }

    /// Walks an object of a type whose fields the plan lists. `record_source` is the id of the
    /// source record being walked, whose own fields are checked against its own text.
    fn object(
        &mut self,
        object: &'v Value,
        fields: &[(String, Field)],
        record_source: Option<&'v str>,
    ) {
        let Value::Object(map) = object else { return };
        let citations = map.get("citations").and_then(Value::as_array);
        if let Some(citations) = citations {
            let sources = citations
                .iter()
                .filter_map(|c| c.get("source")?.as_str())
                .collect();
            self.cited.push(sources);
        }
        // Walking the entries and looking each up in the short list of planned fields is cheaper
        // than hashing every planned field's name into the map.
        for (name, value) in map {
            let Some((_, field)) = fields.iter().find(|(planned, _)| planned == name) else {
                continue;
            };
            let len = self.at.len();
            self.at.push('/');
            self.at.push_str(&crate::pointer::escape(name));
            self.field(value, field, map, record_source);
            self.at.truncate(len);
        }
        if citations.is_some() {
            self.cited.pop();
        }
    }

    fn field(
        &mut self,
        value: &'v Value,
        field: &Field,
        siblings: &'v serde_json::Map<String, Value>,
        record_source: Option<&'v str>,
    ) {
        match field {
            Field::Reference { kinds, list: false } => self.reference(value, kinds),
            Field::Reference { kinds, list: true } => {
                self.repeated_items(value);
                self.each(value, |walk, item| walk.reference(item, kinds))
            }
            Field::Distinct => self.repeated_items(value),
            Field::Verbatim(scope) => {
                let Some(text) = value.as_str() else { return };
                if siblings.get("read_from").and_then(Value::as_str) == Some("url") {
                    self.read_from_url(text);
                    return;
                }
                let first = self.facts.quote_sources.len();
                match scope {
                    Scope::Citation => {
                        if let Some(source) = siblings.get("source").and_then(Value::as_str) {
                            let source = self.intern_id(source);
                            self.facts.quote_sources.push(source);
                        }
                    }
                    Scope::Record => {
                        let sources: Vec<&'v str> = match (self.cited.last(), record_source) {
                            (Some(cited), _) => cited.clone(),
                            (None, Some(own)) => vec![own],
                            (None, None) => Vec::new(),
                        };
                        for source in sources {
                            let source = self.intern_id(source);
                            self.facts.quote_sources.push(source);
                        }
                    }
                }
                let sources = first..self.facts.quote_sources.len();
                let text = self.facts.intern(text);
                let pointer = self.facts.intern(&self.at);
                self.facts.quotes.push(Quote {
                    text,
                    sources,
                    pointer,
                });
            }
            Field::Date => {
                if let Some(message) = value.as_str().and_then(impossible_date) {
                    self.findings.push(
                        Diagnostic::new(Code::ImpossibleDate, message)
                            .at(self.at.clone(), Target::Value)
                            .with_help("check the day and month against the source"),
                    );
                }
            }
            Field::Nested { type_name, list } => {
                if *list {
                    self.each(value, |walk, item| {
                        walk.item(item, type_name, record_source)
                    });
                } else {
                    self.item(value, type_name, record_source);
                }
            }
        }
    }

    /// Walks one object of the named type.
    fn item(&mut self, item: &'v Value, type_name: &str, record_source: Option<&'v str>) {
        let plan = self.plan;
        let Some(fields) = plan.types.get(type_name) else {
            return;
        };
        // A source record's own fields (its publication date) are checked against its own
        // text, which its `text` field names.
        if type_name == RecordKind::Source.definition() {
            self.source_text(item);
            let own = item.get("id").and_then(Value::as_str);
            self.source_url = item.get("url").and_then(Value::as_str);
            self.object(item, fields, own);
            self.source_url = None;
        } else {
            self.object(item, fields, record_source);
        }
    }

    /// A date's words read from its source's URL rather than its text: they must be in the URL.
    fn read_from_url(&mut self, text: &str) {
        let message = match self.source_url {
            Some(url) if url.contains(text) => return,
            Some(_) => format!("`{text}` is not in the source's `url`"),
            None => format!(
                "`{text}` is read from a URL, but no source `url` encloses it: only a source's own dates can be read from its URL"
            ),
        };
        self.findings.push(
            Diagnostic::new(Code::QuoteNotFound, message)
                .at(self.at.clone(), Target::Value)
                .with_help(
                    "copy the part of the URL that gives the date, exactly, or give the `url`",
                ),
        );
    }

    /// Records where a source record's stored text is.
    fn source_text(&mut self, source: &'v Value) {
        let text = source
            .get("text")
            .and_then(Value::as_str)
            .and_then(|t| TextPath::try_from(t.to_owned()).ok());
        if let (Some(text), Some(id)) = (text, source.get("id").and_then(Value::as_str)) {
            let pointer = format!("{}/text", self.at);
            self.facts.source_texts.push(SourceText {
                id: id.to_owned(),
                text,
                pointer,
            });
        }
    }

    fn each(&mut self, value: &'v Value, mut visit: impl FnMut(&mut Self, &'v Value)) {
        let Value::Array(items) = value else { return };
        for (i, item) in items.iter().enumerate() {
            let len = self.at.len();
            let _ = write!(self.at, "/{i}");
            visit(self, item);
            self.at.truncate(len);
        }
    }

    /// Reports each item of a list that an earlier item already holds.
    fn repeated_items(&mut self, value: &Value) {
        let Value::Array(items) = value else { return };
        for (i, item) in items.iter().enumerate() {
            if !items[..i].contains(item) {
                continue;
            }
            let shown = item
                .as_str()
                .map_or_else(|| item.to_string(), str::to_owned);
            self.findings.push(
                Diagnostic::new(
                    Code::DuplicateItem,
                    format!("`{shown}` is already in this list"),
                )
                .at(format!("{}/{i}", self.at), Target::Value)
                .with_help("remove the repeated item: a list names each record or value once"),
            );
        }
    }

    fn reference(&mut self, value: &'v Value, kinds: &'static [RecordKind]) {
        if let Some(id) = value.as_str() {
            let id = self.intern_id(id);
            let pointer = self.facts.intern(&self.at);
            self.facts.references.push(Reference {
                id,
                expected: kinds,
                pointer,
            });
        }
    }
}

/// Why `date` (already known to match the date pattern) names no real day, if it does not.
fn impossible_date(date: &str) -> Option<String> {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (day > days).then(|| format!("{date} does not exist: month {month} of {year} has {days} days"))
}

#[cfg(test)]
mod tests {
    use super::impossible_date;

    #[test]
    fn only_real_days_pass() {
        assert!(impossible_date("2025-02-28").is_none());
        assert!(impossible_date("2024-02-29").is_none());
        assert!(impossible_date("2025-02").is_none());
        assert!(impossible_date("2025-02-29").is_some());
        assert!(impossible_date("2025-04-31").is_some());
    }
}
