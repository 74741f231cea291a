//! The dataset's root: `accord.toml`, found by walking up from the paths a command is given, as
//! cargo finds `Cargo.toml` and ruff `ruff.toml`. It says where the data is and the settings
//! every run over it shares, so that a file checked alone (from an editor, a pre-commit hook, a
//! CI job over changed files) is checked in its dataset: its ids, sources and texts.
//!
//! It reads through [`crate::files`], and only `accord.toml` files.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The name of the file that marks a dataset's root.
pub const CONFIG_FILE_NAME: &str = "accord.toml";

/// The file name of the config file's schema under `schemas/`.
pub const CONFIG_SCHEMA_NAME: &str = "config.schema.json";
/// The `$id` of the config file's schema.
pub const CONFIG_SCHEMA_ID: &str = "https://accord.invalid/schemas/v1/config.schema.json";

/// `accord.toml`: the root of a dataset and the settings of every run over it. Command-line
/// flags override it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// The directories (or files) of the dataset, relative to this file. A command run without
    /// paths checks these; a file checked alone is checked together with them. Default:
    /// `["data"]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<PathBuf>>,
    /// Follow symbolic links in the data directories, to targets inside the dataset only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_links: Option<bool>,
    /// Limits on what is read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<LimitsConfig>,
}

/// The limits of a run, as `accord check --max-file-size`, `--max-depth` and
/// `--max-alias-nodes` set them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LimitsConfig {
    /// The largest file read, in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_file_size: Option<u64>,
    /// The deepest nesting of YAML mappings and sequences accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_depth: Option<usize>,
    /// The most nodes that YAML aliases may add to one file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_alias_nodes: Option<usize>,
}

/// A dataset's root: where its `accord.toml` is, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// The `accord.toml` file.
    pub file: PathBuf,
    /// What it says.
    pub config: Config,
}

impl Root {
    /// The directory that holds `accord.toml`.
    pub fn dir(&self) -> &Path {
        self.file.parent().unwrap_or(Path::new("."))
    }

    /// The dataset's data paths, as paths from the working directory.
    pub fn data_paths(&self) -> Vec<PathBuf> {
        let dir = self.dir();
        match &self.config.data {
            Some(paths) => paths.iter().map(|p| normalized(&dir.join(p))).collect(),
            None => vec![normalized(&dir.join("data"))],
        }
    }
}

/// Why `accord.toml` could not be used.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct ConfigError {
    /// The file.
    pub file: PathBuf,
    /// The line of the error, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Reads the text of `file`, an `accord.toml`.
pub fn parse(file: &Path, text: &str) -> Result<Config, ConfigError> {
    toml::from_str(text).map_err(|error| {
        let mut offset = error.span().map_or(0, |span| span.start).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ConfigError {
            file: file.to_path_buf(),
            line,
            column,
            message: error.message().trim_end().to_owned(),
        }
    })
}

/// The dataset root of `paths`: the first `accord.toml` found walking up from each path in turn
/// (from a file's directory, or a directory itself), the nearest first. Paths are made absolute
/// against the working directory for the walk; the root found is named relative to the working
/// directory when it lies below it.
pub fn find(paths: &[PathBuf]) -> Result<Option<Root>, ConfigLookupError> {
    let working_dir = std::env::current_dir().map_err(ConfigLookupError::WorkingDir)?;
    for path in paths {
        let absolute = normalized(&working_dir.join(path));
        let start = if crate::files::is_dir(&absolute) {
            absolute.as_path()
        } else {
            absolute.parent().unwrap_or(&absolute)
        };
        for dir in start.ancestors() {
            let candidate = dir.join(CONFIG_FILE_NAME);
            if !crate::files::is_regular_file(&candidate) {
                continue;
            }
            let text = crate::files::read_text(&candidate, 1024 * 1024).map_err(|finding| {
                ConfigLookupError::Unreadable {
                    path: candidate.clone(),
                    reason: finding.message,
                }
            })?;
            let config = parse(&candidate, &text)?;
            let file = candidate
                .strip_prefix(&working_dir)
                .map(Path::to_path_buf)
                .unwrap_or(candidate);
            return Ok(Some(Root { file, config }));
        }
    }
    Ok(None)
}

/// Why the dataset's `accord.toml` could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigLookupError {
    /// The working directory is unknown, so relative paths cannot be walked up.
    #[error("cannot tell the working directory: {0}")]
    WorkingDir(std::io::Error),
    /// The file exists but cannot be read.
    #[error("cannot read `{}`: {reason}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file is not a valid config.
    #[error(transparent)]
    Invalid(#[from] ConfigError),
}

/// The JSON Schema of `accord.toml`, for editors (taplo, Even Better TOML).
pub fn config_schema() -> serde_json::Value {
    crate::schema::wire_schema_for::<Config>(CONFIG_SCHEMA_ID, "accord.toml")
}

/// `path` made absolute against the working directory, and [`normalized`]: the form in which
/// two paths to one file compare equal. Without a working directory, `path` is only normalized.
pub fn absolute(path: &Path) -> PathBuf {
    match std::env::current_dir() {
        Ok(dir) => normalized(&dir.join(path)),
        Err(_) => normalized(path),
    }
}

/// `path` with `.` components dropped and each `..` taking away the component before it, where
/// there is one: the same place, written so that paths can be compared without touching the
/// file system.
pub fn normalized(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_names_its_data_and_limits() {
        let config = parse(
            Path::new("accord.toml"),
            "data = [\"data\", \"more\"]\nfollow-links = true\n[limits]\nmax-depth = 10\n",
        );
        let Ok(config) = config else {
            panic!("{config:?}");
        };
        assert_eq!(
            config.data,
            Some(vec![PathBuf::from("data"), PathBuf::from("more")])
        );
        assert_eq!(config.follow_links, Some(true));
        assert_eq!(config.limits.and_then(|l| l.max_depth), Some(10));
    }

    #[test]
    fn an_unknown_key_is_reported_at_its_line_and_column() {
        let Err(error) = parse(Path::new("accord.toml"), "data = [\"data\"]\n\ndta = 1\n") else {
            panic!("accepted");
        };
        assert_eq!((error.line, error.column), (3, 1));
        assert!(
            error.message.contains("unknown field `dta`"),
            "{}",
            error.message
        );
    }

    #[test]
    fn data_paths_are_relative_to_the_config_file() {
        let root = Root {
            file: PathBuf::from("story/accord.toml"),
            config: Config::default(),
        };
        assert_eq!(root.data_paths(), [PathBuf::from("story/data")]);
        assert_eq!(normalized(Path::new("a/./b/../c")), PathBuf::from("a/c"));
        assert_eq!(normalized(Path::new("../a")), PathBuf::from("../a"));
        assert_eq!(normalized(Path::new("./")), PathBuf::from("."));
    }
}
