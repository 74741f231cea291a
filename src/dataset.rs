//! The dataset as typed values: every data file merged into one [`Dataset`], for Rust programs
//! that use accord as a library and for `accord export`, which writes it as JSON for programs in
//! other languages.
//!
//! A dataset is only loaded when it passes the check: a program that reads a [`Dataset`] can
//! rely on unique ids, references that resolve, and quotes found in their sources.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::check::{CheckOptions, CheckRun};
use crate::diagnostic::Severity;
use crate::files::{self, CheckError};
use crate::model::{
    Agreement, Claim, DataFile, Event, Fund, Office, Organization, Person, RecordKind, Resource,
    SECTIONS, Source, Topic,
};
use crate::yaml;

/// The version of the export format, [`Dataset::export_version`]. It changes only when a
/// consumer of the old format would misread the new one.
pub const EXPORT_VERSION: u32 = 2;

/// The file name of the export schema under `schemas/`.
pub const EXPORT_SCHEMA_NAME: &str = "export.schema.json";
/// The `$id` of the export schema.
pub const EXPORT_SCHEMA_ID: &str = "https://accord.invalid/schemas/v2/export.schema.json";
/// The file name of the export schema that refers to the data-file schema's `$defs` instead of
/// carrying its own copy of them.
pub const EXPORT_REFERENCING_SCHEMA_NAME: &str = "export.referencing.schema.json";
/// The `$id` of [`EXPORT_REFERENCING_SCHEMA_NAME`].
pub const EXPORT_REFERENCING_SCHEMA_ID: &str =
    "https://accord.invalid/schemas/v2/export.referencing.schema.json";

/// The JSON Schema (draft 2020-12) of the document `accord export` writes: the whole dataset,
/// merged. Its `$defs` are the data file's, so each line of a JSON Lines export validates against
/// the definition of its kind (`#/$defs/Person` for `people.jsonl`).
pub fn export_schema() -> serde_json::Value {
    crate::schema::model_schema_for::<Dataset>(EXPORT_SCHEMA_ID, "accord dataset export")
}

/// The export schema in its second form: the same document, whose every `$ref` points into the
/// data-file schema (`accord.schema.json#/$defs/...`, by its `$id`) and which carries no `$defs`
/// of its own. A code generator given both schemas in one run then generates each shared type
/// once; [`export_schema`], self-contained, is for tools that cannot resolve a reference to
/// another file.
pub fn export_referencing_schema() -> serde_json::Value {
    crate::schema::referencing_defs_of(
        export_schema(),
        crate::schema::DATA_FILE_SCHEMA_ID,
        EXPORT_REFERENCING_SCHEMA_ID,
    )
}

/// The whole accord dataset, every data file merged, as `accord export` writes it. Records keep
/// the order of their files (sorted by path) and their order within each file. Every section is
/// present, empty or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// The version of this export format; `2`.
    #[schemars(extend("const" = 2))]
    pub export_version: u32,
    /// The program that wrote the export, with its version (for example `accord 0.1.0`).
    pub generator: String,
    /// Articles and other documents that records cite.
    pub sources: Vec<Source>,
    /// People: leaders, officials, reporters.
    pub people: Vec<Person>,
    /// Countries, governments, alliances, blocs and media outlets.
    pub organizations: Vec<Organization>,
    /// Offices that people hold.
    pub offices: Vec<Office>,
    /// Calls, talks, meetings, press conferences, interviews, summits and signings.
    pub events: Vec<Event>,
    /// Agreements with their names, status history and terms.
    pub agreements: Vec<Agreement>,
    /// Funds that agreements create or feed.
    pub funds: Vec<Fund>,
    /// Stated positions, statements, reactions, expectations and analysis.
    pub claims: Vec<Claim>,
    /// Minerals, commodities and assets that agreement terms cover.
    pub resources: Vec<Resource>,
    /// Topics that claims are about.
    pub topics: Vec<Topic>,
}

impl Default for Dataset {
    fn default() -> Self {
        Dataset {
            export_version: EXPORT_VERSION,
            generator: format!("accord {}", env!("CARGO_PKG_VERSION")),
            sources: Vec::new(),
            people: Vec::new(),
            organizations: Vec::new(),
            offices: Vec::new(),
            events: Vec::new(),
            agreements: Vec::new(),
            funds: Vec::new(),
            claims: Vec::new(),
            resources: Vec::new(),
            topics: Vec::new(),
        }
    }
}

/// Why a dataset could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The check could not run at all (a path that cannot be read).
    #[error(transparent)]
    Run(#[from] CheckError),
    /// The check found errors; the run holds them, ready for any output format.
    #[error("the dataset has {} error(s); run `accord check` to see them", errors(.0))]
    Invalid(Box<CheckRun>),
    /// A file changed between the check and the load, so that it no longer reads.
    #[error("{}: {message}", path.display())]
    Changed {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

fn errors(run: &CheckRun) -> usize {
    run.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

/// A loaded dataset and the check that admitted it (whose warnings a caller may want to show).
#[derive(Debug)]
pub struct Loaded {
    /// The merged dataset.
    pub dataset: Dataset,
    /// The check of the files it came from: no errors, possibly warnings.
    pub run: CheckRun,
    /// The stored text of each source, by source id.
    pub texts: BTreeMap<String, String>,
}

impl Dataset {
    /// Checks the data files under `paths` and, when the check finds no errors, loads and merges
    /// them. Warnings do not stop the load.
    pub fn load(paths: &[PathBuf], options: &CheckOptions) -> Result<Loaded, LoadError> {
        Dataset::load_with(paths, options, true)
    }

    /// [`Dataset::load`], without the sources' texts (`texts` is left empty) when `with_texts` is
    /// off: what an export needs, which publishes the records, not the texts.
    pub fn load_with(
        paths: &[PathBuf],
        options: &CheckOptions,
        with_texts: bool,
    ) -> Result<Loaded, LoadError> {
        // The check types each file's records as it reads them; only files it read record by
        // record are read again here.
        let (run, typed) = crate::check::check_paths_typed(paths, options)?;
        if errors(&run) > 0 {
            return Err(LoadError::Invalid(Box::new(run)));
        }
        // The same roots as the check's: only texts read under its rules are published.
        let roots = files::DatasetRoots::of_paths(paths);
        let mut dataset = Dataset::default();
        let mut texts = BTreeMap::new();
        // Files are typed in parallel, then merged in path order.
        let read: Vec<(DataFile, Vec<(String, String)>)> = typed
            .into_par_iter()
            .map(|(path, records)| {
                let path = path.as_path();
                let file = match records {
                    Some(file) => file,
                    None => read_data_file(path, options)?,
                };
                let mut file_texts = Vec::with_capacity(file.sources.len());
                for source in file.sources.iter().filter(|_| with_texts) {
                    // The check read every text already; one that fails now changed since.
                    let text =
                        files::load_source_text(&roots, path, &source.text, options.max_file_size)
                            .map_err(|finding| LoadError::Changed {
                                path: path.to_path_buf(),
                                message: finding.message,
                            })?;
                    file_texts.push((source.id.as_str().to_owned(), text));
                }
                Ok((file, file_texts))
            })
            .collect::<Result<_, LoadError>>()?;
        for (file, file_texts) in read {
            texts.extend(file_texts);
            dataset.merge(file);
        }
        Ok(Loaded {
            dataset,
            run,
            texts,
        })
    }

    /// Appends the records of one data file. The file is taken apart field by field, so a
    /// section added to [`DataFile`] does not compile until it is merged here too.
    pub fn merge(&mut self, file: DataFile) {
        let DataFile {
            sources,
            people,
            organizations,
            offices,
            events,
            agreements,
            funds,
            claims,
            resources,
            topics,
        } = file;
        self.sources.extend(sources);
        self.people.extend(people);
        self.organizations.extend(organizations);
        self.offices.extend(offices);
        self.events.extend(events);
        self.agreements.extend(agreements);
        self.funds.extend(funds);
        self.claims.extend(claims);
        self.resources.extend(resources);
        self.topics.extend(topics);
    }

    /// The records of each kind as JSON values, section by section in the model's order
    /// ([`SECTIONS`]), for JSON Lines: the section's name (`people`) and its records. Terms stay
    /// inside their agreements.
    pub fn sections(&self) -> Vec<(&'static str, Vec<serde_json::Value>)> {
        SECTIONS
            .iter()
            .map(|&(name, kind)| (name, self.records_of(kind)))
            .collect()
    }

    /// The records of one kind as JSON values; terms are not a section (they are inside their
    /// agreements), and neither are versions, so they give none.
    fn records_of(&self, kind: RecordKind) -> Vec<serde_json::Value> {
        fn values<T: Serialize>(records: &[T]) -> Vec<serde_json::Value> {
            records
                .iter()
                .filter_map(|r| serde_json::to_value(r).ok())
                .collect()
        }
        match kind {
            RecordKind::Source => values(&self.sources),
            RecordKind::Person => values(&self.people),
            RecordKind::Organization => values(&self.organizations),
            RecordKind::Office => values(&self.offices),
            RecordKind::Event => values(&self.events),
            RecordKind::Agreement => values(&self.agreements),
            RecordKind::Version | RecordKind::Term => Vec::new(),
            RecordKind::Fund => values(&self.funds),
            RecordKind::Claim => values(&self.claims),
            RecordKind::Resource => values(&self.resources),
            RecordKind::Topic => values(&self.topics),
        }
    }

    /// The name of an actor (a person or an organization) by id, if the dataset has it.
    pub fn actor_name(&self, id: &str) -> Option<&str> {
        self.people
            .iter()
            .find(|p| p.id.as_str() == id)
            .map(|p| p.name.as_str())
            .or_else(|| {
                self.organizations
                    .iter()
                    .find(|o| o.id.as_str() == id)
                    .map(|o| o.name.as_str())
            })
    }
}

fn read_data_file(path: &Path, options: &CheckOptions) -> Result<DataFile, LoadError> {
    let changed = |message: String| LoadError::Changed {
        path: path.to_path_buf(),
        message,
    };
    let text = files::read_text(path, options.max_file_size).map_err(|d| changed(d.message))?;
    let value = match yaml::fast::parse(&text, &options.yaml) {
        Some(value) => value,
        None => yaml::parse(&text, &options.yaml)
            .0
            .value
            .ok_or_else(|| changed("it holds no YAML document".into()))?,
    };
    DataFile::deserialize(value).map_err(|e| changed(e.to_string()))
}
